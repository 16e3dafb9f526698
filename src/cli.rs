//! The command line: global options, the subcommand list, and the context
//! every command runs with (database and output format).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use thiserror::Error;

use crate::cmd;
use crate::output::Format;
use crate::store::Store;

/// A mistake in how the command was called (exit code 2), found after parsing.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct UsageError(pub String);

const AFTER_HELP: &str = "\
Examples:
  claimdesk import data/                 import the bundled sample articles
  claimdesk claims --article 1           list the claims of article 1
  claimdesk verify 3 --note \"Pentagon statement confirms it\"
  claimdesk source add 3 https://www.defense.gov/News/ --stance supports
  claimdesk export -o review.csv         write the CSV review report

The database is --db, else $CLAIMDESK_DB, else $XDG_DATA_HOME/claimdesk/claimdesk.db
(~/.local/share/claimdesk/claimdesk.db); it is created on first use.";

/// claimdesk: import articles, split them into claims, review the claims and export review reports.
#[derive(Debug, Parser)]
#[command(name = "claimdesk", version, about, after_long_help = AFTER_HELP)]
pub struct Cli {
    /// The SQLite database file.
    #[arg(long, global = true, env = "CLAIMDESK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Output format of listings [default: table; csv for export].
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Every subcommand; each lives in its own module under `cmd/`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import articles (text, Markdown, JSON, JSON Lines) and split them into claims.
    Import(cmd::import::Cmd),
    /// List articles with claim counts per status.
    Articles(cmd::articles::Cmd),
    /// List claims, filtered by article, status, reviewer or text.
    Claims(cmd::claims::Cmd),
    /// Show one claim in its paragraph, with its status, history, notes and sources.
    Show(cmd::show::Cmd),
    /// Record a review status on one or more claims.
    Review(cmd::review::Cmd),
    /// Mark claims verified (shortcut for `review --status verified`).
    Verify(cmd::review::Shortcut),
    /// Mark claims disputed (shortcut for `review --status disputed`).
    Dispute(cmd::review::Shortcut),
    /// Add a note to a claim.
    Note(cmd::note::Cmd),
    /// Add or list evidence sources of a claim.
    #[command(subcommand)]
    Source(cmd::source::Cmd),
    /// Every review, note and source of a claim, in time order.
    History(cmd::history::Cmd),
    /// Claims by status, overall and per article, and reviews per reviewer.
    Stats(cmd::stats::Cmd),
    /// Write the CSV review report (one row per claim).
    Export(cmd::export::Cmd),
    /// Unreviewed claims, most check-worthy first.
    Queue(cmd::queue::Cmd),
    /// Show the most check-worthy unreviewed claim, ready for `review`.
    Next(cmd::queue::Next),
    /// Analyze text without storing it: check-worthiness, type, speaker, figures.
    Analyze(cmd::analyze::Cmd),
    /// Recompute the stored analysis of claims (reviews are kept).
    Reanalyze(cmd::reanalyze::Cmd),
    /// Full-text search over claims, most relevant first.
    Search(cmd::search::Cmd),
    /// A claim's links, suggestions and matching fact-checks.
    Related(cmd::related::Cmd),
    /// Pairs of claims across articles: suggested, confirmed, rejected.
    Xref(cmd::xref::Cmd),
    /// Confirm or create a link between two claims.
    Link(cmd::link::Cmd),
    /// Reject the link between two claims (it is not suggested again).
    Unlink(cmd::link::Unlink),
    /// Figures that disagree between claims saying the same thing.
    Conflicts(cmd::conflicts::Cmd),
    /// Import or list published fact-checks.
    #[command(subcommand)]
    Factchecks(cmd::factchecks::Cmd),
    /// Has this been said or checked before? Rank stored claims and fact-checks.
    Match(cmd::matching::Cmd),
    /// Compare two claims: similarity, relation, figures that differ.
    Compare(cmd::compare::Cmd),
}

/// What every command runs with.
pub struct Ctx {
    db: PathBuf,
    format: Option<Format>,
}

impl Ctx {
    /// Open (and create or migrate) the database.
    pub fn store(&self) -> anyhow::Result<Store> {
        Store::open(&self.db)
    }

    /// Whether the database file exists already (commands that only read can
    /// then work without creating one).
    pub fn db_exists(&self) -> bool {
        self.db.exists()
    }

    /// The chosen output format, or `default`.
    pub fn format_or(&self, default: Format) -> Format {
        self.format.unwrap_or(default)
    }

    /// Print a listing to stdout in the chosen format (table by default) as
    /// `produce` hands over its rows: CSV and JSON are written as they come.
    pub fn print_each<T: serde::Serialize + serde::Deserialize<'static>>(
        &self,
        produce: impl FnOnce(&mut dyn FnMut(T) -> anyhow::Result<()>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut out = std::io::stdout().lock();
        let mut sink = crate::output::RowSink::new(self.format_or(Format::Table), &mut out)?;
        produce(&mut |row| sink.write(&row))?;
        sink.finish()?;
        out.flush()?;
        Ok(())
    }

    /// Print a listing in the chosen format (a table by default).
    pub fn print<T: serde::Serialize + serde::Deserialize<'static>>(
        &self,
        rows: &[T],
    ) -> anyhow::Result<()> {
        let mut out = std::io::stdout().lock();
        crate::output::print_rows(rows, self.format_or(Format::Table), &mut out)?;
        out.flush()?;
        Ok(())
    }
}

/// The default database path: $XDG_DATA_HOME/claimdesk/claimdesk.db, else ~/.local/share/...
fn default_db() -> anyhow::Result<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .context("cannot find a data directory: pass --db PATH or set CLAIMDESK_DB")?;
    Ok(data.join("claimdesk").join("claimdesk.db"))
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let db = match cli.db {
        Some(db) => db,
        None => default_db()?,
    };
    let ctx = Ctx {
        db,
        format: cli.format,
    };
    match cli.command {
        Command::Import(c) => c.run(&ctx),
        Command::Articles(c) => c.run(&ctx),
        Command::Claims(c) => c.run(&ctx),
        Command::Show(c) => c.run(&ctx),
        Command::Review(c) => c.run(&ctx),
        Command::Verify(c) => c.run(&ctx, crate::model::Status::Verified),
        Command::Dispute(c) => c.run(&ctx, crate::model::Status::Disputed),
        Command::Note(c) => c.run(&ctx),
        Command::Source(c) => c.run(&ctx),
        Command::History(c) => c.run(&ctx),
        Command::Stats(c) => c.run(&ctx),
        Command::Export(c) => c.run(&ctx),
        Command::Queue(c) => c.run(&ctx),
        Command::Next(c) => c.run(&ctx),
        Command::Analyze(c) => c.run(&ctx),
        Command::Reanalyze(c) => c.run(&ctx),
        Command::Search(c) => c.run(&ctx),
        Command::Related(c) => c.run(&ctx),
        Command::Xref(c) => c.run(&ctx),
        Command::Link(c) => c.run(&ctx),
        Command::Unlink(c) => c.run(&ctx),
        Command::Conflicts(c) => c.run(&ctx),
        Command::Factchecks(c) => c.run(&ctx),
        Command::Match(c) => c.run(&ctx),
        Command::Compare(c) => c.run(&ctx),
    }
}
