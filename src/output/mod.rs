//! Every rendering of data lives here: a listing is a slice of row structs
//! that derive `Serialize`, printed as a table, CSV or JSON from one code path.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

mod claim_view;

pub use claim_view::{ClaimView, print_claim_view};

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
