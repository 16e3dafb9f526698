//! The check-worthiness model: logistic regression over the features of
//! [`super::features`], trained by AdaGrad and stored as a small TSV of the
//! weights that matter.
//!
//! Training lives here rather than in the example programs so the committed
//! model and the leave-one-debate-out evaluation use the very same code.

use super::features::{DIM, NAMED, index_of};
use std::fmt::Write as _;
use std::sync::OnceLock;

/// The committed weights, trained by `examples/cw_train.rs`.
const BUILTIN: &str = include_str!("checkworthiness_model.tsv");

/// Weights of a logistic regression over the hashed feature space.
#[derive(Debug, Clone)]
pub struct Weights {
    w: Vec<f32>,
}

/// One training sentence.
#[derive(Debug, Clone)]
pub struct Example {
    /// Its feature indices, from [`super::model_features`].
    pub features: Vec<u32>,
    /// True when the sentence is check-worthy.
    pub label: bool,
    /// How much the sentence counts in the loss (1.0 normally).
    pub weight: f64,
}

/// Knobs of [`train`].
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// AdaGrad's base learning rate.
    pub learning_rate: f64,
    /// L2 penalty per update, which keeps rare n-grams from memorizing.
    pub l2: f64,
    /// Extra weight on positive examples, to move the 0.5 threshold.
    pub positive_weight: f64,
    /// Features seen in fewer examples than this are ignored.
    pub min_count: u32,
    /// Seed of the shuffle, so runs are reproducible.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 6,
            learning_rate: 0.1,
            l2: 1e-5,
            positive_weight: 3.0,
            min_count: 2,
            seed: 7,
        }
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

impl Weights {
    /// All weights zero: every claim scores 0.5.
    pub fn zero() -> Self {
        Weights { w: vec![0.0; DIM] }
    }

    /// The probability-like score of a claim's features, in 0..=1.
    pub fn score(&self, features: &[u32]) -> f64 {
        sigmoid(self.margin(features))
    }

    fn margin(&self, features: &[u32]) -> f64 {
        features
            .iter()
            .map(|&f| f64::from(self.w[f as usize]))
            .sum()
    }

    /// These weights with every weight smaller than `min_abs` set to zero,
    /// as the committed file stores them.
    pub fn pruned(mut self, min_abs: f32) -> Self {
        for v in &mut self.w {
            if v.abs() < min_abs {
                *v = 0.0;
            }
        }
        self
    }

    /// The weight of a named feature such as "f:quantity".
    pub fn named(&self, name: &str) -> f64 {
        f64::from(self.w[index_of(name) as usize])
    }

    /// Parse the TSV written by [`Weights::to_tsv`]; `#` lines are comments.
    pub fn from_tsv(text: &str) -> Result<Self, String> {
        let mut w = vec![0.0f32; DIM];
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (key, value) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: expected key<TAB>weight", n + 1))?;
            let value: f32 = value
                .trim()
                .parse()
                .map_err(|e| format!("line {}: bad weight: {e}", n + 1))?;
            let index = match key.strip_prefix("h:") {
                Some(h) => h
                    .parse::<usize>()
                    .map_err(|e| format!("line {}: {e}", n + 1))?,
                None => index_of(key) as usize,
            };
            *w.get_mut(index)
                .ok_or_else(|| format!("line {}: index out of range", n + 1))? = value;
        }
        Ok(Weights { w })
    }

    /// The weights as TSV: `header` lines as comments, named features by
    /// name, other weights as `h:<index>`, dropping those under `min_abs`.
    pub fn to_tsv(&self, header: &str, min_abs: f32) -> String {
        let mut out = String::new();
        for line in header.lines() {
            let _ = writeln!(out, "# {line}");
        }
        let mut named = vec![false; DIM];
        for name in NAMED {
            let i = index_of(name) as usize;
            named[i] = true;
            let _ = writeln!(out, "{name}\t{:.4}", self.w[i]);
        }
        for (i, &v) in self.w.iter().enumerate() {
            if !named[i] && v.abs() >= min_abs {
                let _ = writeln!(out, "h:{i}\t{v:.4}");
            }
        }
        out
    }
}

/// The committed model, parsed once.
pub(crate) fn builtin() -> &'static Weights {
    static W: OnceLock<Weights> = OnceLock::new();
    W.get_or_init(|| Weights::from_tsv(BUILTIN).expect("committed model parses"))
}

/// Fit a logistic regression by AdaGrad over shuffled `examples`.
pub fn train(examples: &[Example], opts: &TrainOptions) -> Weights {
    let mut counts = vec![0u32; DIM];
    for ex in examples {
        let mut seen = ex.features.clone();
        seen.sort_unstable();
        seen.dedup();
        for f in seen {
            counts[f as usize] += 1;
        }
    }
    let kept: Vec<Vec<u32>> = examples
        .iter()
        .map(|ex| {
            ex.features
                .iter()
                .copied()
                .filter(|&f| counts[f as usize] >= opts.min_count)
                .collect()
        })
        .collect();
    let mut w = vec![0.0f64; DIM];
    let mut g2 = vec![1e-6f64; DIM];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = opts.seed.max(1);
    for _ in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            // xorshift64: a fixed, dependency-free shuffle.
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let ex = &examples[i];
            let feats = &kept[i];
            let z: f64 = feats.iter().map(|&f| w[f as usize]).sum();
            let y = if ex.label { 1.0 } else { 0.0 };
            let scale = ex.weight * if ex.label { opts.positive_weight } else { 1.0 };
            let g = (sigmoid(z) - y) * scale;
            for &f in feats {
                let f = f as usize;
                let grad = g + opts.l2 * w[f];
                g2[f] += grad * grad;
                w[f] -= opts.learning_rate * grad / g2[f].sqrt();
            }
        }
    }
    Weights {
        w: w.into_iter().map(|v| v as f32).collect(),
    }
}

/// Where a training sentence comes from, which sets its weight in the loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// CLEF CheckThat! 2019 debate lines: few positives, the ranking we are judged on.
    Clef,
    /// ClaimBuster sentences: many positives, a broader notion of check-worthy.
    ClaimBuster,
}

/// Weights smaller than this are left out of the committed file: they move
/// no score visibly and would double its size. `cw_eval` prunes the same way.
pub const PRUNE_BELOW: f32 = 0.02;

/// The recipe both `cw_train` and `cw_eval` use, so the evaluated model is
/// the committed one's exact twin.
pub fn recipe() -> TrainOptions {
    TrainOptions::default()
}

/// A training example with the recipe's weight for its source.
pub fn example(features: Vec<u32>, label: bool, source: Source) -> Example {
    let weight = match source {
        Source::Clef => 1.0,
        Source::ClaimBuster => 1.0,
    };
    Example {
        features,
        label,
        weight,
    }
}
