//! Single-threaded splitting speed of claimdesk against the `sentencex` crate.
//!
//! ```text
//! cargo run --release --example split_bench -- FILE.jsonl [--field body] [--rounds 5]
//! ```
//!
//! Reads the given field of every line of the corpus into memory, then splits
//! every document with both splitters, alternating them for several rounds so
//! that both see the same machine load, and reports each one's best round in
//! characters (Unicode scalar values) per second, and their ratio. It also
//! times `clean` alone and `clean` followed by `split` (each whole body is
//! cleaned, as the importer cleans each paragraph), in the same rounds.

use std::borrow::Cow;
use std::fs;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::Value;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("split_bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let mut file = None;
    let mut field = "body".to_string();
    let mut rounds = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--field" => field = args.next().context("--field needs a name")?,
            "--rounds" => rounds = args.next().context("--rounds needs a number")?.parse()?,
            _ if a.starts_with("--") => bail!("unknown option {a}"),
            _ => file = Some(a),
        }
    }
    let file = file.context("usage: split_bench FILE.jsonl [--field body] [--rounds N]")?;
    let data = fs::read_to_string(&file).with_context(|| format!("reading {file}"))?;
    let mut docs = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line)?;
        if let Some(body) = v[&field].as_str() {
            docs.push(body.to_string());
        }
    }
    let chars: usize = docs.iter().map(|d| d.chars().count()).sum();
    println!(
        "{} documents, {chars} chars, {rounds} rounds (best round counts)",
        docs.len()
    );

    let mut best_ours = Duration::MAX;
    let mut best_theirs = Duration::MAX;
    let mut best_clean = Duration::MAX;
    let mut best_both = Duration::MAX;
    let (mut changed, mut both_count) = (0, 0);
    let (mut ours_count, mut theirs_count) = (0, 0);
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        ours_count = docs
            .iter()
            .map(|d| black_box(claimdesk::split::split(black_box(d))).len())
            .sum();
        best_ours = best_ours.min(t.elapsed());

        let t = Instant::now();
        theirs_count = docs
            .iter()
            .map(|d| black_box(sentencex::segment("en", black_box(d))).len())
            .sum();
        best_theirs = best_theirs.min(t.elapsed());

        let t = Instant::now();
        changed = docs
            .iter()
            .filter(|d| {
                matches!(
                    black_box(claimdesk::split::clean(black_box(d))),
                    Cow::Owned(_)
                )
            })
            .count();
        best_clean = best_clean.min(t.elapsed());

        let t = Instant::now();
        both_count = docs
            .iter()
            .map(|d| {
                let cleaned = claimdesk::split::clean(black_box(d));
                black_box(claimdesk::split::split(&cleaned)).len()
            })
            .sum();
        best_both = best_both.min(t.elapsed());
    }
    let rate = |d: Duration| chars as f64 / d.as_secs_f64() / 1e6;
    let (ours, theirs) = (rate(best_ours), rate(best_theirs));
    println!(
        "claimdesk: {ours:8.2} M chars/s  ({ours_count} sentences, {:?})",
        best_ours
    );
    println!(
        "sentencex: {theirs:8.2} M chars/s  ({theirs_count} sentences, {:?})",
        best_theirs
    );
    println!("ratio claimdesk/sentencex: {:.2}", ours / theirs);
    println!(
        "clean alone: {:8.2} M chars/s  ({changed} documents changed, {:?})",
        rate(best_clean),
        best_clean
    );
    let both = rate(best_both);
    println!(
        "clean+split: {both:8.2} M chars/s  ({both_count} sentences, {:?}); ratio to sentencex {:.2}",
        best_both,
        both / theirs
    );
    Ok(())
}
