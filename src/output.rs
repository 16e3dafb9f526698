//! Every rendering of data lives here: a listing is a slice of row structs
//! that derive `Serialize`, printed as a table, CSV or JSON from one code path.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::prepare::PARAGRAPH_SEPARATOR;
use crate::store::{ClaimDetail, HistoryEntry, SourceRow};

/// How listings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table fitted to the terminal width.
    Table,
    /// CSV with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// Print `rows` to `out` in `format`. CSV always has a header row, even with no rows.
pub fn print_rows<T: Serialize>(
    rows: &[T],
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let (header, records) = cells(rows)?;
            let mut w = csv::Writer::from_writer(out);
            w.write_record(&header)?;
            for r in records {
                w.write_record(&r)?;
            }
            w.flush()?;
        }
        Format::Table => {
            let (header, records) = cells(rows)?;
            let mut table = new_table();
            table.set_header(header);
            for r in records {
                table.add_row(r);
            }
            writeln!(out, "{table}")?;
        }
    }
    Ok(())
}

/// A table without colours (so `NO_COLOR` and pipes are respected), fitted to
/// the terminal when stdout is one.
pub fn new_table() -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok());
    if io::stdout().is_terminal() {
        table.set_content_arrangement(ContentArrangement::Dynamic);
    } else if let Some(width) = columns {
        // Piped output has no terminal to measure; honour an explicit width.
        table.set_content_arrangement(ContentArrangement::Dynamic);
        table.set_width(width);
    } else {
        table.set_content_arrangement(ContentArrangement::Disabled);
    }
    table
}

/// Header names and string cells of `rows`, via the same serializer CSV uses,
/// so a table shows exactly the columns a CSV would.
fn cells<T: Serialize>(rows: &[T]) -> anyhow::Result<(Vec<String>, Vec<Vec<String>>)> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(true)
        .from_writer(Vec::new());
    let header = header_of::<T>(rows)?;
    for row in rows {
        w.serialize(row)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| anyhow::anyhow!("{}", e.error()))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes.as_slice());
    let records = reader
        .records()
        .map(|r| r.map(|rec| rec.iter().map(str::to_string).collect()))
        .collect::<Result<Vec<Vec<String>>, _>>()?;
    Ok((header, records))
}

/// Column names of `T`, known even when there are no rows.
fn header_of<T: Serialize>(rows: &[T]) -> anyhow::Result<Vec<String>> {
    if let Some(first) = rows.first() {
        let value = serde_json::to_value(first)?;
        if let serde_json::Value::Object(map) = value {
            return Ok(map.keys().cloned().collect());
        }
    }
    Ok(Vec::new())
}

/// Write one CSV review-report stream: a header, then rows as they come.
pub struct CsvSink<W: Write> {
    writer: csv::Writer<W>,
    neutralize: bool,
}

impl<W: Write> CsvSink<W> {
    /// A sink that writes `header` at once. With `neutralize`, cells that a
    /// spreadsheet would run as a formula get a leading `'`.
    pub fn new(out: W, header: &[&str], neutralize: bool) -> anyhow::Result<Self> {
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        writer.write_record(header)?;
        Ok(CsvSink { writer, neutralize })
    }

    /// Write one row.
    pub fn write<T: Serialize>(&mut self, row: &T) -> anyhow::Result<()> {
        if !self.neutralize {
            self.writer.serialize(row)?;
            return Ok(());
        }
        let value = serde_json::to_value(row)?;
        let serde_json::Value::Object(map) = value else {
            anyhow::bail!("a CSV row must be a struct");
        };
        let record: Vec<String> = map
            .values()
            .map(|v| neutralize_formula(&cell_text(v)))
            .collect();
        self.writer.write_record(&record)?;
        Ok(())
    }

    /// Flush everything written.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.writer.flush()?;
        Ok(())
    }
}

fn cell_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Prefix a cell that begins with `=`, `+`, `-`, `@`, tab or carriage return
/// with `'`, so spreadsheets show it as text instead of running it (CSV injection).
pub fn neutralize_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Everything `show` prints about one claim.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimView {
    /// The claim and its article's headline.
    #[serde(flatten)]
    pub claim: ClaimDetail,
    /// The paragraph the claim sits in, with the claim marked by `>>>` and `<<<`.
    pub context: String,
    /// Reviews, notes and sources in time order.
    pub history: Vec<HistoryEntry>,
    /// Evidence sources.
    pub sources: Vec<SourceRow>,
}

impl ClaimView {
    /// Build the view, cutting the claim's paragraph out of the article body.
    pub fn new(
        claim: ClaimDetail,
        body: &str,
        history: Vec<HistoryEntry>,
        sources: Vec<SourceRow>,
    ) -> Self {
        let context =
            marked_paragraph(body, claim.start_offset as usize, claim.end_offset as usize);
        ClaimView {
            claim,
            context,
            history,
            sources,
        }
    }
}

/// The paragraph of `body` holding characters `start..end`, with them marked.
fn marked_paragraph(body: &str, start: usize, end: usize) -> String {
    let byte_at = |chars: usize| {
        body.char_indices()
            .nth(chars)
            .map_or(body.len(), |(i, _)| i)
    };
    let (b_start, b_end) = (byte_at(start), byte_at(end));
    let para_start = body[..b_start]
        .rfind(PARAGRAPH_SEPARATOR)
        .map_or(0, |i| i + PARAGRAPH_SEPARATOR.len());
    let para_end = body[b_end..]
        .find(PARAGRAPH_SEPARATOR)
        .map_or(body.len(), |i| b_end + i);
    format!(
        "{}>>> {} <<<{}",
        &body[para_start..b_start],
        &body[b_start..b_end],
        &body[b_end..para_end]
    )
}

/// Print a claim view as readable text (table format) or JSON.
pub fn print_claim_view(
    view: &ClaimView,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if format != Format::Table {
        serde_json::to_writer_pretty(&mut *out, view)?;
        writeln!(out)?;
        return Ok(());
    }
    let c = &view.claim;
    writeln!(
        out,
        "Claim {}  (article {}, paragraph {}, position {})",
        c.id, c.article_id, c.paragraph, c.position
    )?;
    writeln!(
        out,
        "Article: {}",
        c.article_title.as_deref().unwrap_or("(untitled)")
    )?;
    if let Some(outlet) = &c.outlet {
        writeln!(out, "Outlet:  {outlet}")?;
    }
    if let Some(url) = &c.url {
        writeln!(out, "URL:     {url}")?;
    }
    writeln!(out, "Status:  {}", c.status)?;
    writeln!(out, "\n{}\n", view.context)?;
    section(out, "History", &view.history, |h| {
        format!("{}  {:<6}  {}  {}", h.at, h.kind, h.by, h.detail)
    })?;
    let notes: Vec<&HistoryEntry> = view.history.iter().filter(|h| h.kind == "note").collect();
    section(out, "Notes", &notes, |h| format!("{}: {}", h.by, h.detail))?;
    section(out, "Sources", &view.sources, |s| {
        format!(
            "[{}] {}{}",
            s.stance,
            s.title
                .as_deref()
                .map(|t| format!("{t} "))
                .unwrap_or_default(),
            s.url
        )
    })?;
    Ok(())
}

fn section<T>(
    out: &mut dyn Write,
    name: &str,
    items: &[T],
    line: impl Fn(&T) -> String,
) -> anyhow::Result<()> {
    if items.is_empty() {
        writeln!(out, "{name}: none")?;
    } else {
        writeln!(out, "{name}:")?;
        for item in items {
            writeln!(out, "  {}", line(item))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        id: i64,
        text: String,
    }

    #[test]
    fn csv_and_table_share_columns() {
        let rows = vec![Row {
            id: 1,
            text: "a, b".into(),
        }];
        let mut csv_out = Vec::new();
        print_rows(&rows, Format::Csv, &mut csv_out).unwrap();
        assert_eq!(String::from_utf8(csv_out).unwrap(), "id,text\n1,\"a, b\"\n");
        let mut table = Vec::new();
        print_rows(&rows, Format::Table, &mut table).unwrap();
        let table = String::from_utf8(table).unwrap();
        assert!(table.contains("text") && table.contains("a, b"));
    }

    #[test]
    fn formulas_are_neutralized() {
        assert_eq!(neutralize_formula("=1+1"), "'=1+1");
        assert_eq!(neutralize_formula("-5 people"), "'-5 people");
        assert_eq!(neutralize_formula("plain"), "plain");
    }
}
