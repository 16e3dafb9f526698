//! Write a synthetic JSON Lines corpus of distinct articles for the
//! million-claim benchmark (`bench/million.sh`), by recombining the real
//! paragraphs of the Reuters-21578 and BBC News corpora.
//!
//!     cargo run --release --example gen_corpus -- \
//!         --bbc ../shared/data/news/bbc/articles.jsonl \
//!         --reuters ../shared/data/news/reuters-21578/articles.jsonl \
//!         --claims 1000000 -o /tmp/million.jsonl
//!
//! Every article takes 3 to 10 distinct paragraphs of one corpus, drawn by a
//! fixed-seed PRNG, so the same arguments always write the same file. No two
//! articles have the same paragraph sequence (and paragraphs are deduplicated
//! first), so no body is a duplicate. Articles are written until the estimated
//! claim count reaches `--claims`; the estimate counts sentence ends the way
//! the importer's splitter does closely enough (within a few percent); the
//! benchmark prints the real count after import.

use std::collections::HashSet;
use std::fs::File;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Parser;
use serde::{Deserialize, Serialize};

/// Write a synthetic corpus of about `--claims` claims.
#[derive(Debug, Parser)]
struct Args {
    /// BBC News articles.jsonl.
    #[arg(long)]
    bbc: PathBuf,
    /// Reuters-21578 articles.jsonl.
    #[arg(long)]
    reuters: PathBuf,
    /// Stop once the estimated claim count reaches this.
    #[arg(long, default_value_t = 1_000_000)]
    claims: u64,
    /// PRNG seed; the same seed writes the same corpus.
    #[arg(long, default_value_t = 0x5EED_C1A1_4D35_u64)]
    seed: u64,
    /// Output file (JSON Lines).
    #[arg(short, long)]
    output: PathBuf,
}

#[derive(Deserialize)]
struct SourceArticle {
    title: Option<String>,
    body: String,
}

#[derive(Serialize)]
struct Article<'a> {
    title: &'a str,
    body: String,
    outlet: &'a str,
    published: String,
}

/// The paragraphs of one corpus, each with its source headline and estimated claims.
struct Pool {
    outlet: &'static str,
    paragraphs: Vec<(String, u32, usize)>,
    titles: Vec<String>,
}

/// SplitMix64: small, fast, and the same sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let pools = [
        load(&args.bbc, "BBC News")?,
        load(&args.reuters, "Reuters")?,
    ];
    let total_paragraphs: usize = pools.iter().map(|p| p.paragraphs.len()).sum();
    anyhow::ensure!(
        total_paragraphs > 10,
        "too few paragraphs in the input corpora"
    );
    let mut rng = Rng(args.seed);
    let mut seen = HashSet::new();
    let mut out = BufWriter::new(File::create(&args.output)?);
    let (mut articles, mut claims) = (0u64, 0u64);
    while claims < args.claims {
        // Pick a corpus in proportion to its size, then 3..=10 distinct paragraphs.
        let r = rng.below(total_paragraphs as u64) as usize;
        let pool = if r < pools[0].paragraphs.len() {
            &pools[0]
        } else {
            &pools[1]
        };
        let n = (3 + rng.below(8) as usize).min(pool.paragraphs.len());
        let mut picks: Vec<usize> = Vec::with_capacity(n);
        while picks.len() < n {
            let i = rng.below(pool.paragraphs.len() as u64) as usize;
            if !picks.contains(&i) {
                picks.push(i);
            }
        }
        let mut key = DefaultHasher::new();
        (pool.outlet, &picks).hash(&mut key);
        if !seen.insert(key.finish()) {
            continue;
        }
        let body: Vec<&str> = picks
            .iter()
            .map(|&i| pool.paragraphs[i].0.as_str())
            .collect();
        let first = &pool.paragraphs[picks[0]];
        let article = Article {
            title: &pool.titles[first.2],
            body: body.join("\n\n"),
            outlet: pool.outlet,
            published: format!(
                "{}-{:02}-{:02}",
                1987 + rng.below(38),
                1 + rng.below(12),
                1 + rng.below(28)
            ),
        };
        serde_json::to_writer(&mut out, &article)?;
        out.write_all(b"\n")?;
        articles += 1;
        claims += picks
            .iter()
            .map(|&i| u64::from(pool.paragraphs[i].1))
            .sum::<u64>();
    }
    out.flush()?;
    eprintln!(
        "wrote {articles} articles, about {claims} claims, to {}",
        args.output.display()
    );
    Ok(())
}

/// Read a JSON Lines corpus into deduplicated paragraphs, cut as the importer
/// cuts them: blank-line blocks with their lines joined by a space, or one
/// paragraph per line when the body has no blank line.
fn load(path: &Path, outlet: &'static str) -> anyhow::Result<Pool> {
    use anyhow::Context;
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut pool = Pool {
        outlet,
        paragraphs: Vec::new(),
        titles: Vec::new(),
    };
    let mut seen = HashSet::new();
    for line in BufReader::new(file).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let src: SourceArticle =
            serde_json::from_str(&line).with_context(|| format!("{}", path.display()))?;
        let title_index = pool.titles.len();
        pool.titles
            .push(src.title.unwrap_or_else(|| "Untitled".into()));
        let lines: Vec<&str> = src.body.lines().collect();
        let blocks: Vec<String> = if lines.iter().any(|l| l.trim().is_empty()) {
            src.body
                .split("\n\n")
                .map(|b| b.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        } else {
            lines
                .iter()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        };
        for block in blocks {
            let sentences = estimate_sentences(&block);
            if sentences > 0 && seen.insert(block.clone()) {
                pool.paragraphs.push((block, sentences, title_index));
            }
        }
    }
    Ok(pool)
}

/// Count sentence ends: `.`, `?` or `!` (with closing quotes) followed by a
/// space and a capital, digit or quote, unless the word before is a common
/// abbreviation or a single capital (an initial); plus the final sentence.
fn estimate_sentences(text: &str) -> u32 {
    const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov",
        "st", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n",
    ];
    if text.trim().is_empty() {
        return 0;
    }
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut count = 1;
    for pair in words.windows(2) {
        let (word, next) = (pair[0], pair[1]);
        let core = word.trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}']);
        if !core.ends_with(['.', '?', '!']) {
            continue;
        }
        let starts_ok = next.chars().next().is_some_and(|c| {
            c.is_uppercase() || c.is_ascii_digit() || "\"'(\u{201c}\u{2018}".contains(c)
        });
        let stem = core.trim_end_matches(['.', '?', '!']).to_lowercase();
        let stem = stem.trim_start_matches(['"', '\'', '(', '\u{201c}', '\u{2018}']);
        let initial = stem.chars().count() == 1 && stem.chars().all(char::is_alphabetic);
        if starts_ok && !initial && !ABBREVIATIONS.contains(&stem) {
            count += 1;
        }
    }
    count
}
