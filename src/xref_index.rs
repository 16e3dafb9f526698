//! Finding candidate claims at import without ranking the full-text index
//! for every new claim.
//!
//! A claim's candidates are the stored claims that share at least two of its
//! rarest words. The claims holding a word are read once from the full-text
//! index and kept, and new claims are added as they are committed, so each
//! word costs one index lookup per import run. Words held by more than
//! [`MAX_POSTINGS`] claims are too common to tell claims apart and are not
//! used.

use std::collections::HashMap;

use crate::store::{Result, Store};

/// The most claims a candidate word may be found in.
pub const MAX_POSTINGS: usize = 200;

/// Words and the claims that hold them, read lazily.
#[derive(Debug, Default)]
pub struct WordIndex {
    /// `None`: the word is too common to search with.
    postings: HashMap<String, Option<Vec<i64>>>,
}

impl WordIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record that claim `id` (just committed) holds `words`; only words
    /// already read need it, the others will find it in the index.
    pub fn add(&mut self, id: i64, words: &[String]) {
        for word in words {
            if let Some(entry) = self.postings.get_mut(word)
                && let Some(ids) = entry
            {
                if ids.len() >= MAX_POSTINGS {
                    *entry = None;
                } else {
                    ids.push(id);
                }
            }
        }
    }

    /// Claims sharing at least two of `words` (one when there is only one
    /// word), most shared first, then newest first; at most `k`.
    pub fn candidates(&mut self, store: &Store, words: &[String], k: usize) -> Result<Vec<i64>> {
        let mut shared: HashMap<i64, u32> = HashMap::new();
        for word in words {
            if !self.postings.contains_key(word) {
                let ids = store.claims_with_word(word, MAX_POSTINGS)?;
                self.postings.insert(word.clone(), ids);
            }
            if let Some(Some(ids)) = self.postings.get(word) {
                for &id in ids {
                    *shared.entry(id).or_insert(0) += 1;
                }
            }
        }
        let need = if words.len() > 1 { 2 } else { 1 };
        let mut found: Vec<(i64, u32)> = shared.into_iter().filter(|&(_, n)| n >= need).collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        found.truncate(k);
        Ok(found.into_iter().map(|(id, _)| id).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_claims_join_words_already_read() {
        let mut index = WordIndex::new();
        index.postings.insert("militia".into(), Some(vec![1]));
        index.postings.insert("common".into(), None);
        index.add(7, &["militia".into(), "common".into(), "unread".into()]);
        assert_eq!(index.postings["militia"], Some(vec![1, 7]));
        assert_eq!(index.postings["common"], None);
        assert!(!index.postings.contains_key("unread"));
    }

    #[test]
    fn a_word_past_the_cap_stops_counting() {
        let mut index = WordIndex::new();
        index
            .postings
            .insert("w".into(), Some((0..MAX_POSTINGS as i64).collect()));
        index.add(9999, &["w".into()]);
        assert_eq!(index.postings["w"], None);
    }
}
