//! `claimdesk import`: read files, split them into claims, store each article
//! in its own transaction.

use std::sync::mpsc::SyncSender;

use anyhow::Context;
use clap::Args;
use indicatif::ProgressBar;

use crate::cli::{Ctx, UsageError};
use crate::ingest::{self, Document, IngestError, Input};
use crate::model::{InputFormat, Metadata};
use crate::pipeline::{Importer, Preparation, Prepared};
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

/// What the reading thread hands to the writing thread, in input order.
enum Event {
    /// A document ready to store.
    Article(Box<Prepared>),
    /// An input or record that failed, with its message.
    Failed(String),
    /// Something to tell the user that is not a failure.
    Warning(String),
    /// One input is done.
    InputDone,
}

/// The writing thread has stopped listening (it failed and says why).
#[derive(Debug, thiserror::Error)]
#[error("import stopped")]
struct Stopped;

/// Claims in flight between the threads: enough to keep the reader going
/// while the writer commits a batch (tens of milliseconds, in which the
/// reader prepares hundreds of documents), few enough to keep memory flat
/// whatever the input size. Counted in claims, not documents, since the
/// memory goes with them. With 64 documents, the writer waited 0.6 s of
/// Reuters' 2.9 s for the reader with cross-referencing on (the reader
/// shares a core with the cross-referencer): at 4,096 claims, 0.05 to 0.1 s.
const IN_FLIGHT_CLAIMS: usize = 4096;

/// Documents go over in chunks of this many claims (or [`CHUNK_DOCS`]
/// documents; an input's end also ends its chunk): one document at a time,
/// the full channel woke the reading thread for every document the writer took.
const CHUNK_CLAIMS: usize = 64;
/// The most documents in one chunk.
const CHUNK_DOCS: usize = 16;

impl Cmd {
    /// Run the import: one thread reads, splits and analyzes; this one writes
    /// SQLite, in input order, so ids do not depend on timing.
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
        no_huge_pages();
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
        let progress = inputs_bar(inputs.len());
        let preparation = importer.preparation();
        let started = std::time::Instant::now();
        std::thread::scope(|scope| -> anyhow::Result<()> {
            let (tx, rx) =
                std::sync::mpsc::sync_channel::<Vec<Event>>(IN_FLIGHT_CLAIMS / CHUNK_CLAIMS);
            let reader = std::thread::Builder::new()
                .name("read".into())
                .spawn_scoped(scope, || {
                    self.read_all(&inputs, &overrides, preparation, tx)
                })
                .context("cannot start the reading thread")?;
            let say = |msg: String| progress.suspend(|| eprintln!("{msg}"));
            for event in rx.into_iter().flatten() {
                match event {
                    Event::Article(prepared) => {
                        let origin = prepared.doc.origin.clone();
                        let outcome = importer
                            .store_prepared(*prepared)
                            .with_context(|| format!("{origin}: cannot store the article"))?;
                        match outcome {
                            ImportOutcome::Imported { claims, .. } => {
                                tally.articles += 1;
                                tally.claims += claims;
                                if !progress.is_hidden() {
                                    let rate =
                                        tally.claims as f64 / started.elapsed().as_secs_f64();
                                    progress.set_message(format!(
                                        "{} articles, {rate:.0} claims/s",
                                        tally.articles
                                    ));
                                }
                            }
                            ImportOutcome::AlreadyImported { article_id } => {
                                tally.duplicates += 1;
                                say(format!(
                                    "{origin}: already imported as article {article_id}"
                                ));
                            }
                        }
                    }
                    Event::Failed(msg) => {
                        say(format!("error: {msg}"));
                        tally.failures += 1;
                    }
                    Event::Warning(msg) => say(format!("warning: {msg}")),
                    Event::InputDone => progress.inc(1),
                }
            }
            reader.join().expect("the reading thread does not panic")
        })?;
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

    /// Read every input and prepare its documents, in order. Stops quietly
    /// when the writer has gone (it failed and reports why).
    fn read_all(
        &self,
        inputs: &[Input],
        overrides: &Metadata,
        preparation: Preparation,
        tx: SyncSender<Vec<Event>>,
    ) -> anyhow::Result<()> {
        crate::pipeline::yield_to_writer();
        // The chunk being filled and the claims in it.
        let chunk = std::cell::RefCell::new((Vec::with_capacity(CHUNK_DOCS), 0));
        let send = |event: Event| {
            let mut chunk = chunk.borrow_mut();
            let done = matches!(event, Event::InputDone);
            if let Event::Article(prepared) = &event {
                chunk.1 += prepared.claims();
            }
            chunk.0.push(event);
            if done || chunk.0.len() >= CHUNK_DOCS || chunk.1 >= CHUNK_CLAIMS {
                let (full, _) = std::mem::replace(&mut *chunk, (Vec::with_capacity(CHUNK_DOCS), 0));
                tx.send(full).map_err(|_| anyhow::Error::new(Stopped))?;
            }
            Ok(())
        };
        for input in inputs {
            let format = match ingest::format_of(input, self.input_format) {
                Ok(f) => f,
                Err(e) => {
                    send(Event::Failed(e.to_string()))?;
                    send(Event::InputDone)?;
                    continue;
                }
            };
            let mut sink = |doc: Result<Document, IngestError>| -> anyhow::Result<()> {
                match doc {
                    Ok(mut doc) => {
                        doc.meta.apply(overrides);
                        send(Event::Article(Box::new(preparation.prepare(doc))))
                    }
                    Err(e) => send(Event::Failed(e.to_string())),
                }
            };
            match ingest::read(input, format, &mut sink) {
                Ok(report) if report.decoded_as_cp1252 => send(Event::Warning(format!(
                    "{}: not valid UTF-8; decoded as Windows-1252",
                    input.name()
                )))?,
                Ok(_) => {}
                Err(e) if e.downcast_ref::<IngestError>().is_some() => {
                    send(Event::Failed(e.to_string()))?
                }
                Err(e) if e.downcast_ref::<Stopped>().is_some() => return Ok(()),
                Err(e) => return Err(e),
            }
            send(Event::InputDone)?;
        }
        Ok(())
    }
}

/// Keep this process off transparent huge pages (Linux), where the system
/// gives them to every large allocation ("always"). Import allocates and
/// frees in bursts; the allocator hands freed memory back, and each new
/// 2 MB page was zeroed whole on first touch. On Reuters with
/// cross-referencing, peak memory went from 173 to 143 MB at the same speed,
/// which pays for a cache twice as large.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers; if it fails, the
    // process keeps the system's setting, which is only slower.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// A bar over the inputs (a spinner for one input) on stderr when it is a
/// terminal; hidden otherwise.
fn inputs_bar(len: usize) -> ProgressBar {
    let bar = if len < 2 {
        super::progress_bar(ProgressBar::new_spinner, "{spinner} {msg} {elapsed}")
    } else {
        super::progress_bar(
            || ProgressBar::new(len as u64),
            "{bar:40} {pos}/{len} files, {msg}, eta {eta}",
        )
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}
