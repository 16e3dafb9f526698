//! Train the check-worthiness model and write the weights file the crate
//! embeds (`src/analyze/checkworthiness_model.tsv`).
//!
//! ```text
//! cargo run --release --example cw_train -- \
//!     ../shared/data/checkworthiness/clef2019-train/checkworthiness-train.jsonl \
//!     ../shared/data/checkworthiness/claimbuster/claimbuster_2.5xNCS.jsonl \
//!     src/analyze/checkworthiness_model.tsv
//! ```
//!
//! Uses every sentence of both corpora with the recipe of
//! `claimdesk::analyze::model::recipe`; `cw_eval` measures that same recipe
//! without letting a model score what it was trained on.

mod common;

use claimdesk::analyze::model::{self, Example, Source};
use claimdesk::analyze::model_features;
use std::path::Path;

const MIN_ABS_WEIGHT: f32 = model::PRUNE_BELOW;

fn read(path: &Path, source: Source) -> Vec<Example> {
    common::jsonl(path)
        .unwrap_or_else(|e| panic!("{e:#}"))
        .into_iter()
        .map(|v| {
            let features = model_features(v["text"].as_str().unwrap_or_default());
            model::example(features, v["label"].as_i64() == Some(1), source)
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [clef, claimbuster, out] = args.as_slice() else {
        eprintln!("usage: cw_train CLEF_JSONL CLAIMBUSTER_JSONL OUT_TSV");
        std::process::exit(2);
    };
    let mut examples = read(Path::new(clef), Source::Clef);
    let n_clef = examples.len();
    examples.extend(read(Path::new(claimbuster), Source::ClaimBuster));
    let opts = model::recipe();
    let weights = model::train(&examples, &opts);
    let header = format!(
        "claimdesk check-worthiness model: logistic regression, {} hashed features.\n\
         Trained on CLEF CheckThat! 2019 Task 1 training debates ({n_clef} lines) and\n\
         ClaimBuster 2.5xNCS ({} sentences), all of both, by examples/cw_train.rs:\n\
         cargo run --release --example cw_train -- \\\n  \
         ../shared/data/checkworthiness/clef2019-train/checkworthiness-train.jsonl \\\n  \
         ../shared/data/checkworthiness/claimbuster/claimbuster_2.5xNCS.jsonl \\\n  \
         src/analyze/checkworthiness_model.tsv\n\
         Recipe: {opts:?}\n\
         Lines: feature<TAB>weight; named features by name, n-grams as h:<index>;\n\
         weights under {MIN_ABS_WEIGHT} in magnitude are omitted (read as 0).",
        claimdesk::analyze::features::DIM,
        examples.len() - n_clef,
    );
    let tsv = weights.to_tsv(&header, MIN_ABS_WEIGHT);
    std::fs::write(out, &tsv).unwrap_or_else(|e| panic!("cannot write {out}: {e}"));
    let lines = tsv.lines().filter(|l| !l.starts_with('#')).count();
    println!("wrote {out}: {lines} weights, {} bytes", tsv.len());
}
