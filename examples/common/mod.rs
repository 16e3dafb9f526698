//! Helpers the evaluation and benchmark programs share. Each example that
//! uses them says `mod common;`; not every example uses every helper.
#![allow(dead_code)]

use std::path::Path;

use anyhow::Context;

/// The objects of a JSON Lines file, blank lines skipped; an error names the
/// file and line.
pub fn jsonl(path: &Path) -> anyhow::Result<Vec<serde_json::Value>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), n + 1))
        })
        .collect()
}

/// The (a, b, same) pairs of an MRPC JSON Lines file.
pub fn mrpc_pairs(path: &Path) -> anyhow::Result<Vec<(String, String, bool)>> {
    Ok(jsonl(path)?
        .iter()
        .map(|v| {
            let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (text("a"), text("b"), v["label"].as_i64() == Some(1))
        })
        .collect())
}

/// The cut on `scores` that classifies the `rows` best against `labels`.
pub fn best_threshold(rows: &[usize], scores: &[f64], labels: &[bool]) -> f64 {
    let mut order: Vec<usize> = rows.to_vec();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    // Everything at or above the cut is "same": start with all of them.
    let mut hits = rows.iter().filter(|&&i| labels[i]).count();
    let (mut best, mut best_t) = (hits, f64::NEG_INFINITY);
    for (k, &i) in order.iter().enumerate() {
        hits = if labels[i] { hits - 1 } else { hits + 1 };
        if hits > best {
            best = hits;
            let next = order.get(k + 1).map_or(scores[i] + 1e-9, |&j| scores[j]);
            best_t = (scores[i] + next) / 2.0;
        }
    }
    best_t
}
