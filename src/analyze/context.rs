//! What an article has told us so far about its people, so later claims can
//! name "Secretary Austin" in full and say who "he" is.

use super::entities::is_title;
use super::{Entity, EntityKind};

/// People named so far in one article.
#[derive(Debug, Default)]
pub(crate) struct People {
    /// Full names ("Lloyd Austin"), most recent last.
    full_names: Vec<String>,
    /// The full name of the last attributed speaker.
    last_speaker: Option<String>,
}

/// The name words of a speaker phrase: capitalized, not titles or initials.
fn name_words(s: &str) -> Vec<&str> {
    s.split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .filter(|w| !is_title(&w.trim_end_matches('.').to_ascii_lowercase()))
        .collect()
}

impl People {
    /// Remember the full names among a claim's entities.
    pub fn note_entities(&mut self, entities: &[Entity]) {
        for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
            let words = name_words(&e.text);
            let all_named = words.len() == e.text.split_whitespace().count();
            if words.len() >= 2 && all_named {
                self.full_names.retain(|n| n != &e.text);
                self.full_names.push(e.text.clone());
            }
        }
    }

    /// Remember who spoke last, for a later "he said".
    pub fn note_speaker(&mut self, full: &str) {
        self.last_speaker = Some(full.to_string());
    }

    /// Who "he" or "she" most likely is: the last named speaker, else the
    /// last person named in full by an earlier claim.
    pub fn pronoun(&self, speaker: &str) -> Option<String> {
        if !matches!(speaker.to_ascii_lowercase().as_str(), "he" | "she") {
            return None;
        }
        self.last_speaker
            .clone()
            .or_else(|| self.full_names.last().cloned())
    }

    /// The full name behind a named speaker phrase, if the article gave one.
    pub fn resolve(&self, speaker: &str) -> Option<String> {
        if !speaker.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        let words = name_words(speaker);
        match words.as_slice() {
            [] => None,
            [surname] => self
                .full_names
                .iter()
                .rev()
                .find(|full| full.split_whitespace().last() == Some(surname))
                .cloned(),
            // A full name counts only when it names a person seen as one, so an
            // organisation speaking ("Iraqi Foreign Ministry") gets no full name.
            _ => self
                .full_names
                .iter()
                .rev()
                .find(|full| *full == speaker)
                .cloned(),
        }
    }
}
