//! Where import time goes: reading, splitting, analysis, per article; and
//! the per-claim parts of cross-referencing.
//!
//! `cargo run --release --example import_profile -- ARTICLES.jsonl`

use std::time::Instant;

use claimdesk::analyze::analyze_article;
use claimdesk::analyze::quantity::extract;
use claimdesk::pipeline::ClaimTerms;
use claimdesk::prepare::prepare;
use claimdesk::xref::text::for_each_token;
use claimdesk::xref::{Idf, Profile};

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

    // What cross-referencing does per claim, apart: the reader's word pass
    // and the worker's profile (weighed by counts from the corpus itself).
    let texts: Vec<&str> = prepared
        .iter()
        .flat_map(|a| a.claims.iter().map(|c| c.text.as_str()))
        .collect();
    let idf = Idf::from_texts(&texts);
    let per_claim = |what: &str, f: &dyn Fn(&str)| {
        let t = Instant::now();
        for text in &texts {
            f(text);
        }
        let us = t.elapsed().as_secs_f64() * 1e6 / texts.len() as f64;
        println!("{what}: {us:.2} us per claim");
    };
    per_claim("tokens (xref::text::for_each_token)", &|text| {
        for_each_token(text, |t| {
            std::hint::black_box(t);
        })
    });
    per_claim("claim terms (pipeline::ClaimTerms::of)", &|text| {
        std::hint::black_box(ClaimTerms::of(text));
    });
    per_claim("profile (xref::Profile::new)", &|text| {
        std::hint::black_box(Profile::new(text, &idf));
    });
    per_claim("figures (analyze::quantity::extract)", &|text| {
        std::hint::black_box(extract(text));
    });
    // Each claim against the next one (a pair of one article, mostly: close
    // enough to be compared in full, as import candidates are).
    let profiles: Vec<Profile> = texts.iter().map(|t| Profile::new(t, &idf)).collect();
    let t = Instant::now();
    for pair in profiles.windows(2) {
        std::hint::black_box(pair[0].features(&pair[1], false));
    }
    let us = t.elapsed().as_secs_f64() * 1e6 / (profiles.len() - 1) as f64;
    println!("features (xref::Profile::features, adjacent claims): {us:.2} us per pair");
}
