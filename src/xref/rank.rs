//! Finding the earlier fact-check of a claim or tweet: BM25, then a rerank.
//!
//! [`Ranker`] keeps an in-memory inverted index. A store that fetches its own
//! candidates (e.g. with SQLite FTS5) calls [`rerank`] directly, so both paths
//! order candidates the same way.

use std::collections::HashMap;

use super::text::{clean_query, for_each_token, hash};
use super::{Idf, Profile};

/// The knobs of ranking. `Default` holds the values tuned on the CheckThat!
/// training queries (see docs/xref.md).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankWeights {
    /// BM25 term-frequency saturation.
    pub k1: f64,
    /// BM25 length normalization.
    pub b: f64,
    /// How many times a title word counts as a body word.
    pub title_boost: f64,
    /// How many BM25 results are reranked.
    pub depth: usize,
    /// Weight of the BM25 score, divided by the best one in the list.
    pub bm25: f64,
    /// Weight of the IDF cosine between query and candidate text.
    pub cosine: f64,
    /// Weight of the share of the candidate's IDF mass found in the query.
    pub coverage: f64,
    /// Weight of the IDF cosine of word pairs.
    pub bigram: f64,
    /// Weight of the IDF cosine between query and title.
    pub title: f64,
}

impl Default for RankWeights {
    fn default() -> Self {
        Self {
            k1: 1.2,
            b: 0.75,
            title_boost: 1.0,
            depth: 50,
            bm25: 1.0,
            cosine: 0.0,
            coverage: 0.0,
            bigram: 0.0,
            title: 0.0,
        }
    }
}

/// A candidate handed to [`rerank`].
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a, I> {
    /// The caller's identifier.
    pub id: I,
    /// The claim or fact-check text.
    pub text: &'a str,
    /// A headline, if the candidate has one.
    pub title: Option<&'a str>,
    /// The first-stage score, higher is better (negate FTS5's `bm25()`); 0 if none.
    pub first_stage: f64,
}

/// Orders `candidates` for `query`, best first, with the rerank part of `weights`.
///
/// The query is cleaned with [`clean_query`] first. Scores are comparable within
/// one call only.
pub fn rerank<I: Clone>(
    query: &str,
    candidates: &[Candidate<'_, I>],
    idf: &Idf,
    weights: &RankWeights,
) -> Vec<(I, f64)> {
    let q = Profile::new(&clean_query(query), idf);
    let best = candidates.iter().map(|c| c.first_stage).fold(0.0, f64::max);
    let mut out: Vec<(I, f64)> = candidates
        .iter()
        .map(|c| {
            let d = Profile::new(c.text, idf);
            let mut s = weights.bm25
                * if best > 0.0 {
                    c.first_stage / best
                } else {
                    0.0
                };
            s += weights.cosine * q.cosine(&d);
            s += weights.coverage * d.coverage_by(&q);
            s += weights.bigram * q.bigram_cosine(&d);
            if let Some(title) = c.title {
                s += weights.title * q.cosine(&Profile::new(title, idf));
            }
            (c.id.clone(), s)
        })
        .collect();
    out.sort_by(|x, y| y.1.total_cmp(&x.1));
    out
}

/// An in-memory BM25 index over candidate texts (and titles), with a rerank.
#[derive(Debug, Clone, Default)]
pub struct Ranker<I> {
    docs: Vec<(I, String, Option<String>)>,
    postings: HashMap<u64, Vec<(u32, f32)>>,
    lengths: Vec<f32>,
    idf: Idf,
    weights: RankWeights,
}

impl<I: Clone> Ranker<I> {
    /// An empty index with the default weights.
    pub fn new() -> Self {
        Self::with_weights(RankWeights::default())
    }

    /// An empty index with the given weights.
    pub fn with_weights(weights: RankWeights) -> Self {
        Self {
            docs: Vec::new(),
            postings: HashMap::new(),
            lengths: Vec::new(),
            idf: Idf::new(),
            weights,
        }
    }

    /// Adds a candidate.
    pub fn add(&mut self, id: I, text: &str, title: Option<&str>) {
        let doc = self.docs.len() as u32;
        let mut tf: HashMap<u64, f32> = HashMap::new();
        let mut length = 0.0;
        for (field, boost) in [(Some(text), 1.0), (title, self.weights.title_boost as f32)] {
            for_each_token(field.unwrap_or(""), |t| {
                if !t.stop {
                    *tf.entry(hash(t.term.as_bytes())).or_insert(0.0) += boost;
                    length += boost;
                }
            });
        }
        for (h, n) in tf {
            self.postings.entry(h).or_default().push((doc, n));
        }
        self.lengths.push(length);
        self.idf.add(&format!("{text} {}", title.unwrap_or("")));
        self.docs
            .push((id, text.to_string(), title.map(str::to_string)));
    }

    /// Number of candidates indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The document frequencies of the indexed candidates.
    pub fn idf(&self) -> &Idf {
        &self.idf
    }

    /// The `k` best candidates for `query`, best first, with their scores.
    pub fn rank(&self, query: &str, k: usize) -> Vec<(I, f64)> {
        let firsts = self.bm25(&clean_query(query), self.weights.depth.max(k));
        let candidates: Vec<Candidate<'_, usize>> = firsts
            .iter()
            .map(|&(doc, s)| {
                let (_, text, title) = &self.docs[doc];
                Candidate {
                    id: doc,
                    text,
                    title: title.as_deref(),
                    first_stage: s,
                }
            })
            .collect();
        let mut out = rerank(query, &candidates, &self.idf, &self.weights);
        out.truncate(k);
        out.into_iter()
            .map(|(doc, s)| (self.docs[doc].0.clone(), s))
            .collect()
    }

    /// Plain BM25: the `k` best documents and their scores.
    pub fn bm25(&self, query: &str, k: usize) -> Vec<(usize, f64)> {
        let mut terms: Vec<u64> = Vec::new();
        for_each_token(query, |t| {
            if !t.stop {
                terms.push(hash(t.term.as_bytes()));
            }
        });
        terms.sort_unstable();
        terms.dedup();
        let avg = self.lengths.iter().sum::<f32>() / self.lengths.len().max(1) as f32;
        let (k1, b) = (self.weights.k1 as f32, self.weights.b as f32);
        let mut scores = vec![0f32; self.docs.len()];
        for h in terms {
            let Some(list) = self.postings.get(&h) else {
                continue;
            };
            let w = self.idf.weight_hash(h) as f32;
            for &(doc, tf) in list {
                let norm = k1 * (1.0 - b + b * self.lengths[doc as usize] / avg);
                scores[doc as usize] += w * tf * (k1 + 1.0) / (tf + norm);
            }
        }
        let mut top: Vec<(usize, f64)> = scores
            .iter()
            .enumerate()
            .filter(|(_, s)| **s > 0.0)
            .map(|(d, s)| (d, f64::from(*s)))
            .collect();
        let by_score = |x: &(usize, f64), y: &(usize, f64)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
        if top.len() > k {
            top.select_nth_unstable_by(k, by_score);
            top.truncate(k);
        }
        top.sort_by(by_score);
        top
    }
}
