//! `claimdesk compare`: how two claims relate, and which figures differ.

use std::io::BufRead;

use anyhow::Context;
use clap::Args;
use serde::{Deserialize, Serialize};

use crate::cli::{Ctx, UsageError};
use crate::output::{Format, print_json, print_rows};
use crate::pipeline::idf_or_uniform;
use crate::xref::{self, Comparison, Idf};

const EXAMPLES: &str = "\
Examples:
  claimdesk compare \"Attacks occurred at least 151 times since October.\" \"Attacks occurred 160 times since October.\"
  claimdesk compare --pairs pairs.jsonl --format json     one {\"a\": ..., \"b\": ...} per line

score: the probability that both say the same thing (0 to 1), from a small
logistic model over word, word-pair and number overlap. relation: same
(score at least the same-claim threshold and figures agree), conflict (the
same claim with a figure that differs), related (about the same thing),
none. Figures are compared by meaning: 76% = 76 per cent, $1.13bn = 1.13
billion dollars, two decades = 20 years. Term weights come from the claims
and fact-checks in the database, or from the compared texts when it is empty.";

/// Compare two claims, or every pair in a file.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// The first claim.
    #[arg(required_unless_present = "pairs", value_name = "TEXT_A")]
    a: Option<String>,
    /// The second claim.
    #[arg(required_unless_present = "pairs", value_name = "TEXT_B")]
    b: Option<String>,
    /// JSON Lines file of {"a": ..., "b": ...} pairs (- for stdin).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["a", "b"])]
    pairs: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Pair {
    a: String,
    b: String,
}

/// The table form of one comparison.
#[derive(Debug, Serialize, Deserialize)]
struct CompareRow {
    score: String,
    relation: String,
    differences: String,
}

impl Cmd {
    /// Compare and print.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        let stored = if ctx.db_exists() {
            ctx.store()?.load_idf()?
        } else {
            Idf::new()
        };
        let idf = idf_or_uniform(stored);
        let pairs = match (&self.pairs, self.a, self.b) {
            (Some(file), _, _) => read_pairs(file)?,
            (None, Some(a), Some(b)) => vec![Pair { a, b }],
            _ => return Err(UsageError("give TEXT_A and TEXT_B, or --pairs FILE".into()).into()),
        };
        let results: Vec<Comparison> = pairs
            .iter()
            .map(|p| xref::compare(&p.a, &p.b, &idf))
            .collect();
        let mut out = std::io::stdout().lock();
        match ctx.format_or(Format::Table) {
            Format::Json if self.pairs.is_some() => {
                // One object per pair, a line each, like the input.
                for r in &results {
                    serde_json::to_writer(&mut out, r)?;
                    std::io::Write::write_all(&mut out, b"\n")?;
                }
                Ok(())
            }
            Format::Json => print_json(&results, &mut out),
            format => {
                let rows: Vec<CompareRow> = results.iter().map(row).collect();
                print_rows(&rows, format, &mut out)
            }
        }
    }
}

fn row(c: &Comparison) -> CompareRow {
    let relation = serde_json::to_value(c.relation)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string));
    CompareRow {
        score: format!("{:.3}", c.score),
        relation: relation.unwrap_or_default(),
        differences: c
            .differences
            .iter()
            .map(|d| format!("{} vs {} ({:.1}%)", d.a.text, d.b.text, d.relative * 100.0))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn read_pairs(file: &str) -> anyhow::Result<Vec<Pair>> {
    let reader: Box<dyn BufRead> = if file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(file).with_context(|| format!("{file}: cannot open"))?,
        ))
    };
    let mut pairs = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{file}: cannot read line {}", i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let pair: Pair = serde_json::from_str(&line)
            .with_context(|| format!("{file}:{}: expected {{\"a\": ..., \"b\": ...}}", i + 1))?;
        pairs.push(pair);
    }
    Ok(pairs)
}
