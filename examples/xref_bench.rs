//! What cross-referencing costs per imported claim, on BBC News: the pure part of
//! the import-time work, with an in-memory BM25 standing in for SQLite FTS5.
//!
//! ```text
//! cargo run --release --example xref_bench -- ../shared/data/news/bbc/articles.jsonl
//! ```
//! For each claim, in import order: split and extract quantities (done at import
//! anyway, so timed apart), then profile it, query the claims stored so far from
//! other articles with its `query_terms`, and compare it with the 20 best.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use claimdesk::analyze::quantity::{Quantity, extract};
use claimdesk::split::split;
use claimdesk::xref::{Idf, Profile, Ranker, Relation, compare, compare_quantities, query_terms};

/// Candidates compared per new claim, as docs/xref.md advises.
const CANDIDATES: usize = 20;
/// Query words per candidate search.
const QUERY_TERMS: usize = 8;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: xref_bench PATH/articles.jsonl"))?;
    let articles: Vec<String> = common::jsonl(Path::new(&path))?
        .iter()
        .map(|v| v["body"].as_str().unwrap_or_default().to_string())
        .collect();

    let started = Instant::now();
    let mut claims: Vec<(usize, String, Vec<Quantity>)> = Vec::new();
    for (a, body) in articles.iter().enumerate() {
        for span in split(body) {
            let text = span.slice(body);
            claims.push((a, text.to_string(), extract(text)));
        }
    }
    let base = started.elapsed();

    let mut idf = Idf::new();
    let mut index: Ranker<usize> = Ranker::new();
    let mut profiles: Vec<Profile> = Vec::with_capacity(claims.len());
    let (mut profiling, mut search, mut comparing, mut from_text) = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
    );
    let mut counts = [0usize; 4];
    let started = Instant::now();
    for (i, (article, text, quantities)) in claims.iter().enumerate() {
        let t = Instant::now();
        idf.add(text);
        let profile = Profile::new(text, &idf);
        profiling += t.elapsed();
        let t = Instant::now();
        let query = query_terms(text, &idf, QUERY_TERMS).join(" ");
        let hits = index.bm25(&query, CANDIDATES * 2);
        search += t.elapsed();
        let t = Instant::now();
        let others: Vec<usize> = hits
            .iter()
            .filter(|&&(j, _)| claims[j].0 != *article)
            .take(CANDIDATES)
            .map(|&(j, _)| j)
            .collect();
        for &j in &others {
            let c = compare_quantities(&profile, quantities, &profiles[j], &claims[j].2);
            counts[match c.relation {
                Relation::Same => 0,
                Relation::Conflict => 1,
                Relation::Related => 2,
                Relation::None => 3,
            }] += 1;
        }
        comparing += t.elapsed();
        // A store without cached profiles re-reads each candidate's text instead.
        let t = Instant::now();
        for &j in &others {
            std::hint::black_box(compare(text, &claims[j].1, &idf));
        }
        from_text += t.elapsed();
        index.add(i, text, None);
        profiles.push(profile);
    }
    let total = started.elapsed() - from_text;

    let per = |d: Duration| d.as_secs_f64() * 1e6 / claims.len() as f64;
    println!("{} articles, {} claims", articles.len(), claims.len());
    println!(
        "split + extract quantities: {:.1} us per claim (import work without xref)",
        per(base)
    );
    println!("xref total: {:.1} us per claim, of which", per(total));
    println!(
        "  count terms and profile the claim: {:.1} us",
        per(profiling)
    );
    println!("  candidate search (in-memory BM25): {:.1} us", per(search));
    println!(
        "  compare with up to {CANDIDATES} candidates: {:.1} us",
        per(comparing)
    );
    println!(
        "the same comparisons from text (`compare`, no cache): {:.1} us",
        per(from_text)
    );
    println!(
        "pairs compared: same {}, conflict {}, related {}, none {}",
        counts[0], counts[1], counts[2], counts[3]
    );
    Ok(())
}
