//! Cross-referencing core: claim similarity, number normalization and numeric conflicts.
//!
//! Pure functions of the text; nothing here touches SQLite or the CLI.
//!
//! - [`text`]: what a term is (tokens, stop words, light stemming, numbers, tweet cleanup).
//! - [`Idf`]: how much a shared term says; [`query_terms`] picks a claim's candidate query.
//! - [`similarity`] / [`Profile`]: the "same claim" probability of two texts.
//! - [`compare`]: score, [`Relation`] and the figures that differ.
//! - [`Ranker`] / [`rerank`]: finding the earlier fact-check of a claim or tweet;
//!   [`parse_day`] reads the dates that rank it by time.

mod compare;
mod date;
mod idf;
mod model;
mod rank;
pub(crate) mod similarity;
pub mod text;

pub use compare::{
    CONFLICT_MIN_COSINE, Comparison, Difference, PREFILTER_COSINE, Relation, compare,
    compare_quantities, differences,
};
pub use date::{DATE_FORMS, day_number, parse_day};
pub use idf::{Idf, query_terms};
pub use model::{CONFLICT_THRESHOLD, FEATURE_NAMES, FEATURES, RELATED_THRESHOLD, SAME_THRESHOLD};
pub use rank::{
    Candidate, DATE_LATE_DAYS, DATE_SCALE_DAYS, Known, RankWeights, Ranker, Signals,
    date_proximity, duplicate_key, rerank, rerank_dated, rerank_known,
};
pub use similarity::{Profile, similarity};
pub use text::{clean_query, terms};

#[cfg(test)]
mod tests;
