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
    /// Weight of the share of the query's IDF mass found in the candidate.
    pub query_coverage: f64,
    /// Weight of the IDF cosine between query and title.
    pub title: f64,
    /// Weight of the share of the title's IDF mass found in the query.
    pub title_coverage: f64,
    /// Weight of the "same claim" probability.
    pub same: f64,
    /// Weight of the character 4-gram coverage.
    pub chars: f64,
}

impl Default for RankWeights {
    /// Tuned by coordinate ascent on the mean train-split MAP@5 of CheckThat! 2020
    /// (tweets) and 2021 2B (debate sentences); see docs/xref.md.
    fn default() -> Self {
        Self {
            k1: 1.2,
            b: 0.75,
            title_boost: 1.0,
            depth: 50,
            bm25: 1.0,
            cosine: 0.0,
            coverage: 0.0,
            query_coverage: 0.0,
            bigram: 0.2,
            title: 0.1,
            title_coverage: 0.0,
            same: 0.1,
            chars: 0.5,
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

/// What the rerank weighs for one candidate, each in 0..=1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Signals {
    /// First-stage score divided by the best one among the candidates.
    pub first_stage: f64,
    /// IDF cosine of query and text.
    pub cosine: f64,
    /// Share of the text's IDF mass found in the query.
    pub coverage: f64,
    /// Share of the query's IDF mass found in the text.
    pub query_coverage: f64,
    /// IDF cosine of word pairs.
    pub bigram: f64,
    /// IDF cosine of query and title (0 without a title).
    pub title: f64,
    /// Share of the title's IDF mass found in the query (0 without a title).
    pub title_coverage: f64,
    /// The "same claim" probability of query and text.
    pub same: f64,
    /// Share of the text's (or title's, if higher) character 4-grams found in the query.
    pub chars: f64,
}

impl Signals {
    /// Measures one candidate against a prepared, cleaned query.
    pub fn measure<I>(
        query: &Profile,
        candidate: &Candidate<'_, I>,
        best_first_stage: f64,
        idf: &Idf,
    ) -> Self {
        let text = Profile::new(candidate.text, idf);
        let title = candidate.title.map(|t| Profile::new(t, idf));
        Self {
            first_stage: if best_first_stage > 0.0 {
                candidate.first_stage / best_first_stage
            } else {
                0.0
            },
            cosine: query.cosine(&text),
            coverage: text.coverage_by(query),
            query_coverage: query.coverage_by(&text),
            bigram: query.bigram_cosine(&text),
            title: title.as_ref().map_or(0.0, |t| query.cosine(t)),
            title_coverage: title.as_ref().map_or(0.0, |t| t.coverage_by(query)),
            same: query.similarity(&text),
            chars: title.as_ref().map_or(text.char_coverage_by(query), |t| {
                text.char_coverage_by(query).max(t.char_coverage_by(query))
            }),
        }
    }
}

impl RankWeights {
    /// The rerank score of one candidate: a weighted sum of its signals.
    pub fn combine(&self, s: &Signals) -> f64 {
        self.bm25 * s.first_stage
            + self.cosine * s.cosine
            + self.coverage * s.coverage
            + self.query_coverage * s.query_coverage
            + self.bigram * s.bigram
            + self.title * s.title
            + self.title_coverage * s.title_coverage
            + self.same * s.same
            + self.chars * s.chars
    }
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
            (
                c.id.clone(),
                weights.combine(&Signals::measure(&q, c, best, idf)),
            )
        })
        .collect();
    out.sort_by(|x, y| y.1.total_cmp(&x.1));
    out
}

/// Calls `f` with the hash of every content term of `text` (stop words skipped).
fn index_terms(text: &str, mut f: impl FnMut(u64)) {
    for_each_token(text, |t| {
        if !t.stop {
            f(hash(t.term.as_bytes()));
        }
    });
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
            index_terms(field.unwrap_or(""), |h| {
                *tf.entry(h).or_insert(0.0) += boost;
                length += boost;
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
        index_terms(query, |h| terms.push(h));
        terms.sort_unstable();
        terms.dedup();
        let n = self.docs.len() as f32;
        let avg = self.lengths.iter().sum::<f32>() / self.lengths.len().max(1) as f32;
        let (k1, b) = (self.weights.k1 as f32, self.weights.b as f32);
        let mut scores = vec![0f32; self.docs.len()];
        for h in terms {
            let Some(list) = self.postings.get(&h) else {
                continue;
            };
            let df = list.len() as f32;
            let w = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
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
