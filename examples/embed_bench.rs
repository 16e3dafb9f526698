//! Sentence embeddings: a check against known similarities and the speed.
//!
//! ```text
//! cargo run --release --example embed_bench -- MODEL_DIR [FILE.jsonl]
//! ```
//! Prints the cosines of three sentences (sentence-transformers' README gives
//! 0.6660, 0.1046 and 0.1411 for all-MiniLM-L6-v2), then, with a JSONL file
//! of objects with a `text` field, embeds every text and reports sentences/s
//! (with `DUMP_TOKENS=1`, prints each text's token ids instead).

#[path = "common/mod.rs"]
mod common;

use std::path::Path;
use std::time::Instant;

use claimdesk::embed::{Embedder, dot};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        anyhow::bail!("usage: embed_bench MODEL_DIR [FILE.jsonl]");
    };
    let started = Instant::now();
    let model = Embedder::load(Path::new(dir))?;
    println!(
        "{} loaded in {:.2} s",
        model.identity(),
        started.elapsed().as_secs_f64()
    );
    let s = [
        "The weather is lovely today.",
        "It's so sunny outside!",
        "He drove to the stadium.",
    ];
    let v = model.embed(&s);
    println!(
        "cosines: {:.4} {:.4} {:.4}; first values {:?}",
        dot(&v[0], &v[1]),
        dot(&v[0], &v[2]),
        dot(&v[1], &v[2]),
        &v[0][..4]
    );
    if let Some(file) = args.get(1) {
        let rows = common::jsonl(Path::new(file))?;
        let texts: Vec<&str> = rows
            .iter()
            .map(|r| r["text"].as_str().unwrap_or_default())
            .collect();
        if std::env::var("DUMP_TOKENS").is_ok() {
            for t in &texts {
                let ids: Vec<String> = model.tokens(t).iter().map(u32::to_string).collect();
                println!("{}", ids.join(" "));
            }
            return Ok(());
        }
        let tokens: usize = texts.iter().map(|t| model.tokens(t).len()).sum();
        let started = Instant::now();
        let vectors = model.embed(&texts);
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{} texts ({:.1} tokens on average) in {secs:.1} s: {:.0} sentences/s",
            vectors.len(),
            tokens as f64 / texts.len().max(1) as f64,
            vectors.len() as f64 / secs
        );
    }
    Ok(())
}
