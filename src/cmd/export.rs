//! `claimdesk export`: the CSV review report, one row per claim, streamed.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::FilterArgs;
use crate::cli::{Ctx, UsageError};
use crate::output::{CsvSink, Format, columns};
use crate::store::ExportRow;

const EXAMPLES: &str = "\
Examples:
  claimdesk export -o review.csv
  claimdesk export --article 1 --status disputed -o disputed.csv
  claimdesk export --format json > review.json

Columns: claim_id, article_id, article_title, outlet, url, published,
paragraph, position, claim, status, reviewer, reviewed_at, review_note, notes
(\"author: text\" joined with \" | \"), sources (\"[stance] title url\" joined
with \" | \"), checkworthiness (0 to 1), claim_type, speaker, quantities
(figures as written, joined with \"; \"). reviewer, reviewed_at and
review_note are the latest review's.

Spreadsheet safety: a cell that begins with = + - @, a tab or a carriage
return gets a leading ' so that Excel or LibreOffice shows it as text instead
of running it as a formula. --raw writes cells exactly as stored.";

/// Write the review report.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// Where to write: a file, or `-` for standard output.
    #[arg(short, long, default_value = "-", value_name = "FILE")]
    output: String,
    /// Write cells as stored, without protecting spreadsheets from formulas.
    #[arg(long)]
    raw: bool,
    #[command(flatten)]
    filter: FilterArgs,
}

impl Cmd {
    /// Write the report.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        let format = ctx.format_or(Format::Csv);
        if format == Format::Table {
            return Err(
                UsageError("export writes csv or json; use `claims` for a table".into()).into(),
            );
        }
        let store = ctx.store()?;
        let filter = self.filter.filter();
        if self.output == "-" {
            let out = std::io::stdout().lock();
            let rows = write_report(&store, &filter, format, self.raw, out)?;
            eprintln!("exported {rows} claims");
            return Ok(());
        }
        // Write beside the target and rename, so a failed export never leaves
        // a truncated report where the old one was.
        let target = PathBuf::from(&self.output);
        let partial = PathBuf::from(format!("{}.partial", self.output));
        let file = File::create(&partial)
            .with_context(|| format!("cannot create {}", partial.display()))?;
        let rows = write_report(&store, &filter, format, self.raw, BufWriter::new(file))
            .with_context(|| format!("cannot write {}", partial.display()))?;
        std::fs::rename(&partial, &target)
            .with_context(|| format!("cannot write {}", target.display()))?;
        eprintln!("exported {rows} claims to {}", target.display());
        Ok(())
    }
}

fn write_report<W: Write>(
    store: &crate::store::Store,
    filter: &crate::store::ClaimFilter,
    format: Format,
    raw: bool,
    mut out: W,
) -> anyhow::Result<u64> {
    let rows = if format == Format::Json {
        let mut first = true;
        out.write_all(b"[")?;
        let n = store.export(filter, &mut |row| {
            out.write_all(if first { b"\n" } else { b",\n" })?;
            first = false;
            serde_json::to_writer(&mut out, &row)?;
            Ok(())
        })?;
        out.write_all(b"\n]\n")?;
        n
    } else {
        let mut sink = CsvSink::new(&mut out, columns::<ExportRow>(), !raw)?;
        let n = store.export(filter, &mut |row| sink.write(&row))?;
        sink.finish()?;
        n
    };
    out.flush()?;
    Ok(rows)
}
