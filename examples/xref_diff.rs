//! BBC News import candidates (as `xref_bench` finds them) whose "same" decision
//! differs between the committed model and the previous round's (its weights are
//! copied below; they read the first 28 inputs, which did not change).
//!
//! ```text
//! cargo run --release --example xref_diff -- ../shared/data/news/bbc/articles.jsonl
//! ```
//! Prints how many pairs became "same" and how many stopped being, and a sample of
//! each: BBC has no labels, so this is for reading.
mod common;

use claimdesk::split::split;
use claimdesk::xref::{Idf, Profile, Ranker, query_terms};
use std::path::Path;

const OLD_BIAS: f64 = -2.4131;
const OLD: [f64; 28] = [
    1.4265, -2.5527, 1.5960, 0.0500, 1.1951, 2.9694, -2.5995, -0.5616, 3.7718, 2.5826, 0.1345,
    0.0953, 0.5871, -1.3220, -0.4687, 0.1334, -1.2203, 5.8179, 0.2113, 0.1023, 0.2052, 8.4869,
    -9.9752, -0.9049, 0.2793, -1.1312, -0.2053, -1.1333,
];

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).unwrap();
    let mut claims: Vec<(usize, String)> = Vec::new();
    for (a, v) in common::jsonl(Path::new(&path))?.iter().enumerate() {
        let body = v["body"].as_str().unwrap_or_default().to_string();
        for span in split(&body) {
            claims.push((a, span.slice(&body).to_string()));
        }
    }
    let mut idf = Idf::new();
    let mut index: Ranker<usize> = Ranker::new();
    let mut profiles: Vec<Profile> = Vec::new();
    let (mut gained, mut lost, mut both) = (Vec::new(), Vec::new(), 0);
    for (i, (article, text)) in claims.iter().enumerate() {
        idf.add(text);
        let p = Profile::new(text, &idf);
        let hits = index.bm25(&query_terms(text, &idf, 8).join(" "), 40);
        for &(j, _) in hits.iter().filter(|h| claims[h.0].0 != *article).take(20) {
            if p.cosine(&profiles[j]) < 0.2 {
                continue;
            }
            let new = p.similarity(&profiles[j]);
            let f = p.features(&profiles[j], false);
            let z = OLD_BIAS + f.iter().zip(OLD).map(|(a, b)| a * b).sum::<f64>();
            let old = 1.0 / (1.0 + (-z).exp());
            match (old >= 0.531, new >= 0.523) {
                (false, true) => gained.push((i, j, old, new)),
                (true, false) => lost.push((i, j, old, new)),
                (true, true) => both += 1,
                _ => {}
            }
        }
        profiles.push(p);
        index.add(i, text, None);
    }
    println!(
        "same in both {both}, gained {}, lost {}",
        gained.len(),
        lost.len()
    );
    let short = |l: &[(usize, usize, f64, f64)]| {
        l.iter()
            .filter(|&&(i, j, _, _)| {
                let n = |k: usize| claimdesk::xref::terms(&claims[k].1).len();
                n(i).min(n(j)) < 4
            })
            .count()
    };
    println!(
        "  with a side of < 4 content words: gained {}, lost {}",
        short(&gained),
        short(&lost)
    );
    for (name, list) in [("GAINED", &gained), ("LOST", &lost)] {
        let step = (list.len() / 12).max(1);
        for &(i, j, old, new) in list.iter().step_by(step).take(12) {
            println!(
                "{name} old {old:.3} new {new:.3}\n  A: {}\n  B: {}",
                claims[i].1, claims[j].1
            );
        }
    }
    Ok(())
}
