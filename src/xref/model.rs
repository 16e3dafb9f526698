//! The fitted "same claim" model and the thresholds that turn its score into a relation.
//!
//! Produced by `cargo run --release --example mrpc_eval -- PATH/mrpc-train.jsonl --fit`,
//! which fits a logistic regression (ridge 0.01, not tuned) on all 4,076 MRPC
//! training pairs, with document frequencies from those sentences, and prints
//! the weights and the accuracy-optimal threshold. The accuracy it reports is
//! 10-fold cross-validated: each fold fits its own weights and threshold.

/// Number of inputs of the model.
pub const FEATURES: usize = 30;

/// What each input measures, in order (see `Profile::features`).
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "idf_cosine",
    "idf_bigram_cosine",
    "coverage_min",
    "coverage_max",
    "dice_1gram",
    "dice_2gram",
    "dice_3gram",
    "dice_4gram",
    "dice_char4",
    "length_ratio",
    "numbers_same",
    "numbers_subset",
    "numbers_differ",
    "ln_unmatched_idf",
    "ln_unmatched_terms",
    "ln_unmatched_names",
    "negation_differs",
    "lcs_ratio",
    "ln_length_difference",
    "unmatched_min",
    "unmatched_max",
    "bigram_precision_min",
    "bigram_precision_max",
    "unigram_precision_min",
    "unigram_precision_max",
    "ln_unmatched_numbers",
    "unmatched_numbers_of_fewer",
    "dice_prefix5",
    "attribution_differs",
    "ln_terms_ratio_capped",
];

/// Intercept of the logistic model.
pub const BIAS: f64 = -3.9743;

/// Weight of each input, in the order of [`FEATURE_NAMES`].
#[allow(clippy::approx_constant)] // a fitted weight that happens to be 3.14
pub const WEIGHTS: [f64; FEATURES] = [
    0.9855,  // idf_cosine
    -2.5823, // idf_bigram_cosine
    3.2213,  // coverage_min
    -0.6580, // coverage_max
    1.7242,  // dice_1gram
    3.0245,  // dice_2gram
    -2.7633, // dice_3gram
    -0.5105, // dice_4gram
    3.8693,  // dice_char4
    2.9952,  // length_ratio
    0.1534,  // numbers_same
    0.1128,  // numbers_subset
    0.6049,  // numbers_differ
    -1.2751, // ln_unmatched_idf
    -0.3832, // ln_unmatched_terms
    0.1278,  // ln_unmatched_names
    -1.2233, // negation_differs
    5.8721,  // lcs_ratio
    0.2288,  // ln_length_difference
    0.2647,  // unmatched_min
    0.0713,  // unmatched_max
    7.9050,  // bigram_precision_min
    -9.5623, // bigram_precision_max
    -1.0534, // unigram_precision_min
    0.2064,  // unigram_precision_max
    -1.1101, // ln_unmatched_numbers
    -0.2017, // unmatched_numbers_of_fewer
    -0.8973, // dice_prefix5
    0.3623,  // attribution_differs
    2.3807,  // ln_terms_ratio_capped
];

/// Score from which two claims are suggested as the same claim: the accuracy
/// optimum on all MRPC training pairs (each cross-validation fold picks its own).
pub const SAME_THRESHOLD: f64 = 0.523;

/// Score from which two claims are suggested as related: about the same event or
/// figure but not the same claim. Unrelated news sentences (MRPC sentences from
/// different pairs) score below 0.07 in 99% and below 0.13 in 99.9% of cases; the
/// margin above that is for young collections, whose flat IDF inflates scores.
pub const RELATED_THRESHOLD: f64 = 0.3;

/// Wording score (figures ignored, [`Profile::similarity_ignoring_numbers`]) from
/// which two claims with a differing figure are reported as a conflict: the same
/// bar as [`SAME_THRESHOLD`], since a conflict is "the same claim, other figures".
///
/// [`Profile::similarity_ignoring_numbers`]: super::Profile::similarity_ignoring_numbers
pub const CONFLICT_THRESHOLD: f64 = SAME_THRESHOLD;
