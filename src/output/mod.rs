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
    let mut sink = RowSink::new(format, out)?;
    for row in rows {
        sink.write(row)?;
    }
    sink.finish()
}

/// A listing printed row by row: CSV and JSON go out as rows come, so a
/// listing of a million claims takes no more memory than one of ten; a table
/// keeps its rows until [`RowSink::finish`], as it needs every row to size its
/// columns. The output is the same as [`print_rows`]'.
pub enum RowSink<'w, T> {
    /// Rows kept for a table.
    Table {
        /// Where the table goes.
        out: &'w mut dyn Write,
        /// The cells of the rows so far.
        rows: Vec<Vec<String>>,
        /// The row type.
        row: std::marker::PhantomData<T>,
    },
    /// CSV, header written (boxed: the writer holds its buffer inline).
    Csv(Box<csv::Writer<&'w mut dyn Write>>),
    /// A JSON array, as `serde_json::to_writer_pretty` writes one.
    Json {
        /// Where the array goes.
        out: &'w mut dyn Write,
        /// No element written yet.
        first: bool,
    },
}

impl<'w, T: Serialize + Deserialize<'static>> RowSink<'w, T> {
    /// A sink printing to `out` in `format` (a CSV header at once).
    pub fn new(format: Format, out: &'w mut dyn Write) -> anyhow::Result<Self> {
        Ok(match format {
            Format::Table => RowSink::Table {
                out,
                rows: Vec::new(),
                row: std::marker::PhantomData,
            },
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(columns::<T>())?;
                RowSink::Csv(Box::new(w))
            }
            Format::Json => RowSink::Json { out, first: true },
        })
    }

    /// Print (or keep) one row.
    pub fn write(&mut self, row: &T) -> anyhow::Result<()> {
        match self {
            RowSink::Table { rows, .. } => rows.push(row_cells(row)?),
            RowSink::Csv(w) => w.write_record(row_cells(row)?)?,
            RowSink::Json { out, first } => {
                out.write_all(if *first { b"[\n" } else { b",\n" })?;
                *first = false;
                // Each element indented one level, as in a pretty array.
                let element = serde_json::to_string_pretty(row)?;
                for (i, line) in element.lines().enumerate() {
                    if i > 0 {
                        out.write_all(b"\n")?;
                    }
                    write!(out, "  {line}")?;
                }
            }
        }
        Ok(())
    }

    /// Finish the listing: print the table, close the array, flush.
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            RowSink::Table { out, rows, .. } => {
                let mut table = new_table();
                table.set_header(columns::<T>());
                for r in rows {
                    table.add_row(r);
                }
                writeln!(out, "{table}")?;
            }
            RowSink::Csv(mut w) => w.flush()?,
            RowSink::Json { out, first } => {
                out.write_all(if first { b"[]\n" } else { b"\n]\n" })?;
            }
        }
        Ok(())
    }
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

    #[derive(Serialize, Deserialize)]
    struct Nested {
        id: i64,
        tags: Vec<String>,
        score: Option<f64>,
    }

    #[test]
    fn json_listings_are_pretty_arrays_written_row_by_row() {
        let rows: Vec<Nested> = (0..3)
            .map(|i| Nested {
                id: i,
                tags: (0..i).map(|t| format!("t{t}")).collect(),
                score: (i > 0).then_some(0.5),
            })
            .collect();
        for n in 0..=rows.len() {
            let mut out = Vec::new();
            print_rows(&rows[..n], Format::Json, &mut out).unwrap();
            let expected = serde_json::to_string_pretty(&rows[..n]).unwrap() + "\n";
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{n} rows");
        }
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
