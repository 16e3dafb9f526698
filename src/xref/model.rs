//! The fitted "same claim" model and the thresholds that turn its score into a relation.
//!
//! Produced by `cargo run --release --example mrpc_eval -- --fit`, which fits a
//! logistic regression on all 4,076 MRPC training pairs and prints this block;
//! the thresholds were chosen by 10-fold cross-validation in the same program.

/// Number of inputs of the model.
pub const FEATURES: usize = 28;

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
];

/// Intercept of the logistic model.
pub const BIAS: f64 = -2.6503;

/// Weight of each input, in the order of [`FEATURE_NAMES`].
pub const WEIGHTS: [f64; FEATURES] = [
    1.5088,  // idf_cosine
    -2.3760, // idf_bigram_cosine
    1.1214,  // coverage_min
    -0.2085, // coverage_max
    1.2500,  // dice_1gram
    3.1404,  // dice_2gram
    -2.6598, // dice_3gram
    -0.6122, // dice_4gram
    3.4098,  // dice_char4
    2.5269,  // length_ratio
    0.1306,  // numbers_same
    0.0818,  // numbers_subset
    0.5804,  // numbers_differ
    -1.4048, // ln_unmatched_idf
    -0.1023, // ln_unmatched_terms
    0.1361,  // ln_unmatched_names
    -1.2221, // negation_differs
    5.7708,  // lcs_ratio
    0.1998,  // ln_length_difference
    0.0792,  // unmatched_min
    0.1639,  // unmatched_max
    8.4144,  // bigram_precision_min
    -9.9959, // bigram_precision_max
    -0.8446, // unigram_precision_min
    0.4736,  // unigram_precision_max
    -1.1200, // ln_unmatched_numbers
    -0.2149, // unmatched_numbers_of_fewer
    -0.4028, // dice_prefix5
];

/// Score from which two claims are suggested as the same claim. Chosen as the
/// cross-validated accuracy optimum on MRPC, where a pair either is a paraphrase or not.
pub const SAME_THRESHOLD: f64 = 0.543;

/// Score from which two claims are suggested as related: about the same event or
/// figure but not the same claim. Set where MRPC non-paraphrases start to be
/// plentiful; below it suggestions would mostly be noise for a reviewer.
pub const RELATED_THRESHOLD: f64 = 0.25;

/// Wording score (figures ignored, [`Profile::similarity_ignoring_numbers`]) from
/// which two claims with a differing figure are reported as a conflict.
///
/// [`Profile::similarity_ignoring_numbers`]: super::Profile::similarity_ignoring_numbers
pub const CONFLICT_THRESHOLD: f64 = 0.5;
