//! `claimdesk import`: read files, split them into claims, store each article
//! in its own transaction.

use std::io::IsTerminal;

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{Ctx, UsageError};
use crate::ingest::{self, Document, IngestError, Input};
use crate::model::{InputFormat, Metadata};
use crate::pipeline::Importer;
use crate::store::ImportOutcome;

const EXAMPLES: &str = "\
Examples:
  claimdesk import data/iraq-troop-talks.txt
  claimdesk import data/                      every .txt .md .json .jsonl below data/
  claimdesk import articles.jsonl             one article per line
  cat story.txt | claimdesk import - --outlet \"Daily Example\"

Text files: the first line is the headline; a short second line without final
punctuation is the outlet; then one paragraph per line or per blank-line block.
Re-importing the same body does nothing. Each new claim is compared with
the claims of other articles and with known fact-checks (see `related`,
`xref`, `conflicts`); --no-xref skips that. A file that fails is named on stderr,
nothing of it is stored, the other files are still imported, and the exit
code is 1.";

/// Import articles and split them into claims.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// Files or directories (searched recursively); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Read every input as this format instead of guessing from the extension.
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    /// Headline to store instead of the input's (single input only).
    #[arg(long)]
    title: Option<String>,
    /// Outlet to store instead of the input's (single input only).
    #[arg(long)]
    outlet: Option<String>,
    /// Author to store instead of the input's (single input only).
    #[arg(long)]
    author: Option<String>,
    /// URL to store instead of the input's (single input only).
    #[arg(long)]
    url: Option<String>,
    /// Publication date to store instead of the input's (single input only).
    #[arg(long)]
    published: Option<String>,
    /// Do not compare new claims with stored claims and fact-checks (faster).
    #[arg(long)]
    no_xref: bool,
    /// Store claims without their analysis (for benchmarks; `reanalyze` adds it later).
    #[arg(long, hide = true)]
    no_analysis: bool,
}

/// Running totals for the summary line.
#[derive(Default)]
struct Tally {
    articles: usize,
    claims: usize,
    duplicates: usize,
    failures: usize,
}

impl Cmd {
    /// Run the import.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        let overrides = Metadata {
            title: self.title.clone(),
            outlet: self.outlet.clone(),
            author: self.author.clone(),
            url: self.url.clone(),
            published: self.published.clone(),
        };
        if overrides != Metadata::default() && self.paths.len() > 1 {
            return Err(UsageError(
                "--title, --outlet, --author, --url and --published apply to a single input; import the files one by one".into(),
            )
            .into());
        }
        let mut store = ctx.store()?;
        let mut importer = Importer::new(&mut store, !self.no_xref, !self.no_analysis)?;
        let mut tally = Tally::default();
        let mut inputs = Vec::new();
        for arg in &self.paths {
            match ingest::expand(arg) {
                Ok(found) => inputs.extend(found),
                Err(e) => {
                    eprintln!("error: {e}");
                    tally.failures += 1;
                }
            }
        }
        let progress = progress_bar(inputs.len());
        for input in &inputs {
            self.import_input(&mut importer, input, &overrides, &progress, &mut tally)?;
            progress.inc(1);
        }
        progress.finish_and_clear();
        importer.finish()?;
        eprintln!(
            "imported {} article{} ({} claims); {} already imported; {} failed",
            tally.articles,
            if tally.articles == 1 { "" } else { "s" },
            tally.claims,
            tally.duplicates,
            tally.failures
        );
        if tally.failures > 0 {
            anyhow::bail!(
                "{} input(s) could not be imported (see the errors above)",
                tally.failures
            );
        }
        Ok(())
    }

    fn import_input(
        &self,
        importer: &mut Importer<'_>,
        input: &Input,
        overrides: &Metadata,
        progress: &ProgressBar,
        tally: &mut Tally,
    ) -> anyhow::Result<()> {
        let say = |msg: String| progress.suspend(|| eprintln!("{msg}"));
        let format = match ingest::format_of(input, self.input_format) {
            Ok(f) => f,
            Err(e) => {
                say(format!("error: {e}"));
                tally.failures += 1;
                return Ok(());
            }
        };
        let mut sink = |doc: Result<Document, IngestError>| -> anyhow::Result<()> {
            match doc {
                Ok(mut doc) => {
                    doc.meta.apply(overrides);
                    let outcome = importer
                        .import(&doc)
                        .with_context(|| format!("{}: cannot store the article", doc.origin))?;
                    match outcome {
                        ImportOutcome::Imported { claims, .. } => {
                            tally.articles += 1;
                            tally.claims += claims;
                        }
                        ImportOutcome::AlreadyImported { article_id } => {
                            tally.duplicates += 1;
                            say(format!(
                                "{}: already imported as article {article_id}",
                                doc.origin
                            ));
                        }
                    }
                }
                Err(e) => {
                    say(format!("error: {e}"));
                    tally.failures += 1;
                }
            }
            Ok(())
        };
        match ingest::read(input, format, &mut sink) {
            Ok(report) if report.decoded_as_cp1252 => {
                say(format!(
                    "warning: {}: not valid UTF-8; decoded as Windows-1252",
                    input.name()
                ));
            }
            Ok(_) => {}
            Err(e) if e.downcast_ref::<IngestError>().is_some() => {
                say(format!("error: {e}"));
                tally.failures += 1;
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }
}

/// A bar on stderr when it is a terminal; hidden otherwise.
fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() || len < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files {per_sec} eta {eta}")
            .expect("the template is valid"),
    );
    bar
}
