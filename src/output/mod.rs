//! Every rendering of data lives here: a listing is a slice of row structs
//! that derive `Serialize`, printed as a table, CSV or JSON from one code path.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table, presets};
use serde::{Deserialize, Serialize};

mod claim_view;
mod columns;

pub use claim_view::{ClaimView, print_claim_view};
pub use columns::columns;

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

/// Print `rows` to `out` in `format`. CSV and tables always have their
/// header, even with no rows.
pub fn print_rows<T: Serialize + Deserialize<'static>>(
    rows: &[T],
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if format == Format::Json {
        return print_json(rows, out);
    }
    let header = columns::<T>();
    let records = rows
        .iter()
        .map(row_cells)
        .collect::<anyhow::Result<Vec<_>>>()?;
    if format == Format::Csv {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(header)?;
        for r in records {
            w.write_record(&r)?;
        }
        w.flush()?;
    } else {
        let mut table = new_table();
        table.set_header(header);
        for r in records {
            table.add_row(r);
        }
        writeln!(out, "{table}")?;
    }
    Ok(())
}

/// Print `value` as pretty JSON: for outputs whose rows nest lists.
pub fn print_json<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
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

/// A row's fields as text cells, in field order: `null` is empty, strings
/// as they are, numbers and booleans as JSON writes them.
fn row_cells<T: Serialize>(row: &T) -> anyhow::Result<Vec<String>> {
    let serde_json::Value::Object(map) = serde_json::to_value(row)? else {
        anyhow::bail!("a listing row must be a struct");
    };
    Ok(map.values().map(cell_text).collect())
}

/// Write one CSV review-report stream: a header, then rows as they come.
pub struct CsvSink<W: Write> {
    writer: csv::Writer<W>,
    neutralize: bool,
}

impl<W: Write> CsvSink<W> {
    /// A sink that writes `header` at once. With `neutralize`, cells that a
    /// spreadsheet would run as a formula get a leading `'`.
    pub fn new(out: W, header: &[&'static str], neutralize: bool) -> anyhow::Result<Self> {
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
        let record: Vec<String> = row_cells(row)?
            .iter()
            .map(|cell| neutralize_formula(cell))
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

    #[derive(Serialize, Deserialize)]
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
    fn empty_listings_keep_their_header() {
        let mut csv_out = Vec::new();
        print_rows::<Row>(&[], Format::Csv, &mut csv_out).unwrap();
        assert_eq!(String::from_utf8(csv_out).unwrap(), "id,text\n");
        let mut table = Vec::new();
        print_rows::<Row>(&[], Format::Table, &mut table).unwrap();
        assert!(String::from_utf8(table).unwrap().contains("text"));
    }

    #[test]
    fn formulas_are_neutralized() {
        assert_eq!(neutralize_formula("=1+1"), "'=1+1");
        assert_eq!(neutralize_formula("-5 people"), "'-5 people");
        assert_eq!(neutralize_formula("plain"), "plain");
    }
}
