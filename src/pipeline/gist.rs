//! What cross-referencing keeps of the claims it compares: a cheap gist of
//! each claim's content words, enough to rule out most candidate pairs,
//! small caches of the claims used most recently, and the texts of the
//! claims imported last.

use std::collections::VecDeque;

use rustc_hash::FxHashMap;

use crate::xref::Idf;
use crate::xref::similarity::{Key, dot, key, ratio};
use crate::xref::text::hash;

/// A claim's distinct content words (no stop words, no numbers), hashed and
/// weighed by IDF: the part of a full `xref::Profile` that the prefilter of
/// `xref::compare` reads. Comparing gists first spares building full
/// profiles for candidate pairs that share a word or two and nothing else.
#[derive(Debug, Clone, Default)]
pub struct Gist {
    /// (term key, weight), sorted by key: the keys `xref::Profile` keeps.
    terms: Box<[(Key, f32)]>,
    norm: f64,
}

impl Gist {
    /// The gist of a claim whose content terms hash to `hashes` ([`term_hash`]).
    pub fn new(hashes: &[u64], idf: &Idf) -> Gist {
        let mut terms: Vec<(Key, f32)> = hashes
            .iter()
            .map(|&h| (key(h), idf.weight_hash(h) as f32))
            .collect();
        terms.sort_unstable_by_key(|e| e.0);
        terms.dedup_by_key(|e| e.0);
        let norm = terms
            .iter()
            .map(|e| f64::from(e.1).powi(2))
            .sum::<f64>()
            .sqrt();
        Gist {
            terms: terms.into_boxed_slice(),
            norm,
        }
    }

    /// The IDF cosine of the two claims' content words, as `Profile::cosine`
    /// computes it.
    pub fn cosine(&self, other: &Gist) -> f64 {
        ratio(dot(&self.terms, &other.terms), self.norm * other.norm)
    }
}

/// The hash of a normalized term, as `xref::Profile` hashes it.
pub fn term_hash(term: &str) -> u64 {
    hash(term.as_bytes())
}

/// The claims used most recently, in two generations: when the newer one is
/// full it becomes the older one, and an older entry used again moves back.
/// At most `capacity` entries.
pub struct Recent<T> {
    recent: FxHashMap<i64, T>,
    older: FxHashMap<i64, T>,
    capacity: usize,
}

impl<T> Recent<T> {
    /// An empty cache of at most `capacity` entries.
    pub fn new(capacity: usize) -> Self {
        Recent {
            recent: FxHashMap::with_capacity_and_hasher(capacity / 2, Default::default()),
            older: FxHashMap::with_capacity_and_hasher(capacity / 2, Default::default()),
            capacity,
        }
    }

    /// The entry of claim `id`, if kept.
    pub fn get(&self, id: i64) -> Option<&T> {
        self.recent.get(&id).or_else(|| self.older.get(&id))
    }

    /// Keep claim `id` in the newer generation, made by `make` when absent
    /// (`None`: there is no such claim).
    pub fn ensure(
        &mut self,
        id: i64,
        make: impl FnOnce() -> anyhow::Result<Option<T>>,
    ) -> anyhow::Result<Option<&T>> {
        if !self.recent.contains_key(&id) {
            let entry = match self.older.remove(&id) {
                Some(entry) => entry,
                None => match make()? {
                    Some(entry) => entry,
                    None => return Ok(None),
                },
            };
            self.insert(id, entry);
        }
        Ok(self.recent.get(&id))
    }

    /// Keep `entry` for claim `id`.
    pub fn insert(&mut self, id: i64, entry: T) {
        if self.recent.len() >= self.capacity / 2 {
            // The older generation goes; its table, cleared, takes the new
            // entries: the maps never grow again nor take fresh memory
            // (growing them anew each generation was a steady stream of
            // page faults).
            std::mem::swap(&mut self.recent, &mut self.older);
            self.recent.clear();
        }
        self.recent.insert(id, entry);
    }
}

/// The texts of the claims added last, up to a number of bytes: a stored
/// claim compared again once its profile has left the cache is most often
/// one of this run, and reading it back from SQLite cost more than building
/// its profile.
pub struct RecentTexts {
    /// By ascending id.
    texts: VecDeque<(i64, Box<str>)>,
    bytes: usize,
    capacity: usize,
}

impl RecentTexts {
    /// Keep at most `capacity` bytes of text.
    pub fn new(capacity: usize) -> Self {
        RecentTexts {
            texts: VecDeque::new(),
            bytes: 0,
            capacity,
        }
    }

    /// Keep the text of claim `id`, newer than any kept, and let the oldest go.
    pub fn push(&mut self, id: i64, text: &str) {
        debug_assert!(self.texts.back().is_none_or(|&(last, _)| last < id));
        self.bytes += text.len();
        self.texts.push_back((id, text.into()));
        while self.bytes > self.capacity {
            match self.texts.pop_front() {
                Some((_, old)) => self.bytes -= old.len(),
                None => break,
            }
        }
    }

    /// The text of claim `id`, if kept.
    pub fn get(&self, id: i64) -> Option<&str> {
        let at = self.texts.partition_point(|&(kept, _)| kept < id);
        match self.texts.get(at) {
            Some((kept, text)) if *kept == id => Some(text),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xref::Profile;

    #[test]
    fn the_gist_cosine_is_the_profile_cosine() {
        let mut idf = Idf::default();
        for text in [
            "Militia attacks on US forces rose sharply",
            "US forces in Iraq number about 2,500",
            "The talks on the withdrawal of US forces resumed",
        ] {
            idf.add(text);
        }
        let a = "Militia attacks on US forces have occurred at least 151 times since October";
        let b = "Militia attacks on US troops happened 160 times since October, officials said";
        let gist = |text: &str| {
            let hashes: Vec<u64> = crate::pipeline::ClaimTerms::of(text).content;
            Gist::new(&hashes, &idf)
        };
        let expected = Profile::new(a, &idf).cosine(&Profile::new(b, &idf));
        assert!(expected > 0.3, "{expected}");
        assert!((gist(a).cosine(&gist(b)) - expected).abs() < 1e-9);
    }

    #[test]
    fn recent_texts_keep_the_newest_within_their_bytes() {
        let mut texts = RecentTexts::new(10);
        texts.push(1, "four");
        texts.push(3, "five!");
        assert_eq!(
            (texts.get(1), texts.get(2), texts.get(3)),
            (Some("four"), None, Some("five!"))
        );
        texts.push(7, "two");
        assert_eq!(texts.get(1), None);
        assert_eq!((texts.get(3), texts.get(7)), (Some("five!"), Some("two")));
    }

    #[test]
    fn the_cache_keeps_the_most_recently_used() {
        let mut cache: Recent<&str> = Recent::new(4);
        cache.insert(1, "one");
        cache.insert(2, "two");
        cache.insert(3, "three"); // 1 and 2 become the older generation
        assert_eq!(cache.get(1), Some(&"one"));
        let got = cache.ensure(1, || Ok(None)).unwrap(); // moves back
        assert_eq!(got, Some(&"one"));
        cache.insert(4, "four"); // 3 and 1 become older; 2 is dropped
        assert_eq!(cache.get(2), None);
        assert_eq!(cache.get(1), Some(&"one"));
        assert_eq!(cache.ensure(9, || Ok(None)).unwrap(), None);
    }
}
