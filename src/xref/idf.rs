//! Inverse document frequencies: how much a shared term says about two claims.

use rustc_hash::FxHashMap;

use super::text::{for_each_token, hash};

/// Document frequencies of terms over a collection of claims.
///
/// Terms are those of [`terms`](super::terms). Build it from the texts
/// themselves ([`Idf::from_texts`]), or from counts a store keeps
/// ([`Idf::from_counts`]) and keep it current with [`Idf::add`].
#[derive(Debug, Clone, Default)]
pub struct Idf {
    n_docs: u32,
    df: FxHashMap<u64, u32>,
}

impl Idf {
    /// An empty collection: every term weighs the same.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts the distinct terms of every text.
    pub fn from_texts<S: AsRef<str>>(texts: impl IntoIterator<Item = S>) -> Self {
        let mut idf = Self::new();
        for text in texts {
            idf.add(text.as_ref());
        }
        idf
    }

    /// Builds from a stored total and stored `(term, document count)` pairs.
    pub fn from_counts<S: AsRef<str>>(
        n_docs: u32,
        counts: impl IntoIterator<Item = (S, u32)>,
    ) -> Self {
        let df = counts
            .into_iter()
            .map(|(term, n)| (hash(term.as_ref().as_bytes()), n))
            .collect();
        Self { n_docs, df }
    }

    /// Adds one document: each distinct term counts once.
    pub fn add(&mut self, text: &str) {
        let mut seen: Vec<u64> = Vec::with_capacity(32);
        for_each_token(text, |t| {
            if !t.stop {
                seen.push(hash(t.term.as_bytes()));
            }
        });
        seen.sort_unstable();
        seen.dedup();
        self.add_hashes(&seen);
    }

    /// Adds one document from the hashes of its distinct terms (as
    /// `xref::text::hash` hashes a term's bytes): [`Idf::add`] for a caller
    /// that has tokenized already.
    pub fn add_hashes(&mut self, distinct: &[u64]) {
        for &h in distinct {
            *self.df.entry(h).or_insert(0) += 1;
        }
        self.n_docs += 1;
    }

    /// Number of documents counted.
    pub fn n_docs(&self) -> u32 {
        self.n_docs
    }

    /// Number of documents containing `term` (a normalized term from [`terms`](super::terms)).
    pub fn df(&self, term: &str) -> u32 {
        self.df_hash(hash(term.as_bytes()))
    }

    /// The weight of `term`: high for rare terms, never below zero.
    pub fn weight(&self, term: &str) -> f64 {
        self.weight_hash(hash(term.as_bytes()))
    }

    pub(crate) fn df_hash(&self, h: u64) -> u32 {
        self.df.get(&h).copied().unwrap_or(0)
    }

    /// The BM25 form, ln(1 + (N - df + 0.5) / (df + 0.5)): it stays positive for
    /// terms in most documents, so a shared common word never counts against a pair.
    /// Unseen terms weigh as if seen once: a typo should not outweigh every real word.
    pub(crate) fn weight_hash(&self, h: u64) -> f64 {
        let n = f64::from(self.n_docs);
        let df = f64::from(self.df_hash(h).max(1)).min(n.max(1.0));
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }
}

/// The `k` most informative words of `text`, rarest first, for a full-text
/// candidate query (e.g. SQLite FTS5: `"w1" OR "w2" OR ...`).
///
/// Words are returned as written (lowercased, letters and digits only), so the
/// index's own tokenizer and stemmer apply to them. Numbers are left out on
/// purpose: a claim whose figures disagree must still be found as a candidate.
pub fn query_terms(text: &str, idf: &Idf, k: usize) -> Vec<String> {
    let mut scored: Vec<(f64, usize, String, u64)> = Vec::new();
    for_each_token(text, |t| {
        if t.stop || t.number || t.term.len() < 2 {
            return;
        }
        let h = hash(t.term.as_bytes());
        if scored.iter().any(|s| s.3 == h) {
            return;
        }
        scored.push((idf.weight_hash(h), scored.len(), t.surface.to_string(), h));
    });
    // Ties keep text order, so the same claim always yields the same query.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(k).map(|s| s.2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &[&str] = &[
        "Secretary Austin highlighted that US troops remain in Iraq at the invitation of the government in Baghdad.",
        "Militia attacks on US military positions in Iraq and Syria have occurred at least 151 times since October.",
        "US troops withdrew in 2011 under President Barack Obama, only to return in 2014.",
    ];

    #[test]
    fn rare_terms_weigh_more_than_common_ones() {
        let idf = Idf::from_texts(SEED);
        assert_eq!(idf.n_docs(), 3);
        assert_eq!(idf.df("iraq"), 2);
        assert!(idf.weight("baghdad") > idf.weight("troop"));
        assert!(idf.weight("us") > 0.0);
    }

    #[test]
    fn counts_from_a_store_give_the_same_weights() {
        let built = Idf::from_texts(SEED);
        let stored = Idf::from_counts(3, [("iraq", 2), ("baghdad", 1), ("troop", 2)]);
        for term in ["iraq", "baghdad", "troop"] {
            assert_eq!(built.weight(term), stored.weight(term));
        }
    }

    #[test]
    fn query_terms_pick_rare_words_and_skip_numbers() {
        let idf = Idf::from_texts(SEED);
        let q = query_terms(SEED[1], &idf, 3);
        assert_eq!(q, ["militia", "attacks", "military"]);
        assert!(
            query_terms(SEED[2], &idf, 10)
                .iter()
                .all(|w| !w.contains("2011"))
        );
    }
}
