//! Where import time goes: reading, splitting, analysis, per article.
//!
//! `cargo run --release --example import_profile -- ARTICLES.jsonl`

use std::time::Instant;

use claimdesk::analyze::analyze_article;
use claimdesk::prepare::prepare;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: import_profile ARTICLES.jsonl");
    let text = std::fs::read_to_string(&path).expect("readable file");
    let bodies: Vec<Vec<String>> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            v["body"]
                .as_str()
                .unwrap_or_default()
                .split("\n\n")
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect()
        })
        .collect();
    let t = Instant::now();
    let prepared: Vec<_> = bodies.iter().map(|p| prepare(p)).collect();
    let split = t.elapsed();
    let claims: usize = prepared.iter().map(|a| a.claims.len()).sum();
    let t = Instant::now();
    for a in &prepared {
        let texts: Vec<&str> = a.claims.iter().map(|c| c.text.as_str()).collect();
        std::hint::black_box(analyze_article(&texts));
    }
    let analysis = t.elapsed();
    println!(
        "{} articles, {claims} claims: prepare+split {:.3} s, analysis {:.3} s ({:.0} claims/s)",
        bodies.len(),
        split.as_secs_f64(),
        analysis.as_secs_f64(),
        claims as f64 / analysis.as_secs_f64()
    );
}
