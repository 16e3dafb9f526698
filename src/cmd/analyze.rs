//! `claimdesk analyze`: analyze text without storing anything.

use std::io::Read;

use anyhow::Context;
use clap::Args;
use serde::{Deserialize, Serialize};

use crate::analyze::{Analysis, analyze_article};
use crate::cli::Ctx;
use crate::output::{Format, print_json, print_rows};
use crate::prepare::prepare;

const EXAMPLES: &str = "\
Examples:
  claimdesk analyze \"Attacks have occurred at least 151 times since October, the Pentagon said.\"
  claimdesk analyze data/iraq-troop-talks.txt --format json
  pbpaste | claimdesk analyze - --lines

The input is a text, a file, or - for standard input. By default it is split
into claims as `import` splits an article body (paragraphs on line breaks);
with --lines every line is one claim.

check-worthiness: 0 to 1, how likely a fact-checker would want to check the
claim (ClaimBuster's sense), from a linear model over transparent features
(numbers, comparatives, attribution, tense, modals, hedges...) and word
n-grams, trained on CLEF CheckThat! 2019 and ClaimBuster data.
Claim types (Full Fact's schema): quantity, prediction,
correlation-or-causation, law-or-rule, personal-experience, other-claim,
not-a-claim (questions, opinions, greetings, stage directions).";

/// Analyze text: check-worthiness, claim type, speaker, figures, names.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    #[command(flatten)]
    input: InputArgs,
}

/// Text to read claims from, shared by `analyze` and `match`.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Text, a file path, or - for standard input.
    #[arg(default_value = "-", value_name = "TEXT|FILE|-")]
    input: String,
    /// Every line is one claim (no splitting).
    #[arg(long)]
    lines: bool,
}

impl InputArgs {
    /// The claims of the input: every non-empty line with --lines, else the
    /// claims `import` would split its lines (paragraphs) into.
    pub fn claims(&self) -> anyhow::Result<Vec<String>> {
        let text = read_input(&self.input)?;
        if self.lines {
            return Ok(text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect());
        }
        let paragraphs: Vec<String> = text.lines().map(str::to_string).collect();
        Ok(prepare(&paragraphs)
            .claims
            .into_iter()
            .map(|c| c.text)
            .collect())
    }
}

/// One analyzed claim.
#[derive(Debug, Serialize)]
struct Analyzed<'a> {
    text: &'a str,
    #[serde(flatten)]
    analysis: Analysis,
}

/// The table form: nested lists flattened to text.
#[derive(Debug, Serialize, Deserialize)]
struct AnalyzedRow<'a> {
    score: String,
    #[serde(rename = "type")]
    claim_type: &'a str,
    speaker: String,
    quantities: String,
    text: &'a str,
}

impl Cmd {
    /// Analyze and print.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        let claims = self.input.claims()?;
        let texts: Vec<&str> = claims.iter().map(String::as_str).collect();
        let analyzed: Vec<Analyzed> = texts
            .iter()
            .zip(analyze_article(&texts))
            .map(|(text, analysis)| Analyzed { text, analysis })
            .collect();
        let mut out = std::io::stdout().lock();
        match ctx.format_or(Format::Table) {
            Format::Json => print_json(&analyzed, &mut out),
            format => {
                let rows: Vec<AnalyzedRow> = analyzed.iter().map(row).collect();
                print_rows(&rows, format, &mut out)
            }
        }
    }
}

fn row<'a>(a: &'a Analyzed<'a>) -> AnalyzedRow<'a> {
    let an = &a.analysis;
    AnalyzedRow {
        score: format!("{:.2}", an.checkworthiness),
        claim_type: an.claim_type.as_str(),
        speaker: an
            .speaker_full
            .clone()
            .or_else(|| an.speaker.clone())
            .unwrap_or_default(),
        quantities: an
            .quantities
            .iter()
            .map(|q| q.text.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        text: a.text,
    }
}

/// `-` is stdin; an existing file is read; anything else is the text itself.
pub fn read_input(input: &str) -> anyhow::Result<String> {
    if input == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read standard input")?;
        return Ok(text);
    }
    let path = std::path::Path::new(input);
    if path.is_file() {
        return std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {input} as UTF-8 text"));
    }
    Ok(input.to_string())
}
