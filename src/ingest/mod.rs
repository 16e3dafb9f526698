//! Reading input files into documents: one [`Document`] per article, with its
//! metadata and its paragraphs as plain text (markup already stripped).
//!
//! Formats live in their own files; this module picks one, reads the bytes,
//! decodes them and walks directories. Nothing here touches the database.

mod decode;
pub mod factchecks;
mod json;
mod markdown;
mod text;

use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::{InputFormat, Metadata};

/// One article read from an input, ready to be split into claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Title, outlet and the rest, as far as the input gave them.
    pub meta: Metadata,
    /// Paragraphs of the body, trimmed, in order, none empty.
    pub paragraphs: Vec<String>,
    /// The format it was read as.
    pub format: InputFormat,
    /// Where it came from: a path, `-` for stdin, with `:LINE` for JSON Lines records.
    pub origin: String,
}

/// Why an input (or one record of it) could not be read. Each names the input.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The path does not exist.
    #[error("{path}: no such file or directory")]
    Missing {
        /// The path as given.
        path: String,
    },
    /// Reading failed.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The input holds NUL bytes, so it is not text.
    #[error(
        "{origin}: looks like a binary file (it contains NUL bytes); import text, Markdown, JSON or JSON Lines"
    )]
    Binary {
        /// The input.
        origin: String,
    },
    /// Nothing to import after parsing.
    #[error("{origin}: the article body is empty")]
    Empty {
        /// The input or record.
        origin: String,
    },
    /// Malformed JSON.
    #[error("{origin}: malformed JSON at line {line}, column {column}: {message}")]
    Json {
        /// The input.
        origin: String,
        /// 1-based line of the error in the file.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// A JSON value that is not an article object.
    #[error("{origin}: {message}")]
    Shape {
        /// The input or record.
        origin: String,
        /// What is wrong with it.
        message: String,
    },
    /// The format could not be told from the file name.
    #[error("{path}: unknown file type; use --input-format text|markdown|json|jsonl")]
    UnknownFormat {
        /// The path.
        path: String,
    },
    /// A directory without any importable file.
    #[error("{path}: no .txt, .md, .json or .jsonl files in this directory")]
    EmptyDirectory {
        /// The directory.
        path: String,
    },
}

/// A file to import, found on the command line or inside a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file path.
    File(PathBuf),
}

impl Input {
    /// The name used in messages.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// Expand command-line arguments into inputs: directories are walked
/// recursively (sorted, hidden entries and README/LICENSE/NOTICE files
/// skipped) for files of a known type.
/// Each argument yields its inputs or one error naming it.
pub fn expand(arg: &str) -> Result<Vec<Input>, IngestError> {
    if arg == "-" {
        return Ok(vec![Input::Stdin]);
    }
    let path = Path::new(arg);
    if !path.exists() {
        return Err(IngestError::Missing {
            path: arg.to_string(),
        });
    }
    if !path.is_dir() {
        return Ok(vec![Input::File(path.to_path_buf())]);
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(path)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| IngestError::Io {
            path: arg.to_string(),
            source: e.into(),
        })?;
        let known = entry
            .path()
            .extension()
            .and_then(|e| InputFormat::from_extension(&e.to_string_lossy()))
            .is_some();
        if entry.file_type().is_file() && known && !is_project_file(entry.path()) {
            files.push(Input::File(entry.into_path()));
        }
    }
    if files.is_empty() {
        return Err(IngestError::EmptyDirectory {
            path: arg.to_string(),
        });
    }
    Ok(files)
}

/// README, LICENSE and similar files describe a folder; they are not articles.
fn is_project_file(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_uppercase())
        .unwrap_or_default();
    matches!(
        stem.as_str(),
        "README" | "LICENSE" | "LICENCE" | "NOTICE" | "CHANGELOG" | "COPYING"
    )
}

/// The format of `input`: the override if given, else its extension (stdin defaults to text).
pub fn format_of(input: &Input, forced: Option<InputFormat>) -> Result<InputFormat, IngestError> {
    if let Some(f) = forced {
        return Ok(f);
    }
    match input {
        Input::Stdin => Ok(InputFormat::Text),
        Input::File(p) => p
            .extension()
            .and_then(|e| InputFormat::from_extension(&e.to_string_lossy()))
            .ok_or_else(|| IngestError::UnknownFormat { path: input.name() }),
    }
}

/// What reading an input produced besides its documents.
#[derive(Debug, Default)]
pub struct ReadReport {
    /// Set when the input was not UTF-8 and was decoded as Windows-1252.
    pub decoded_as_cp1252: bool,
}

/// Read every document of `input` and hand each (or the error of a record)
/// to `sink`. An `Err` return means the whole input failed and `sink` saw
/// nothing from it; JSON Lines records fail one by one.
pub fn read(
    input: &Input,
    format: InputFormat,
    sink: &mut dyn FnMut(Result<Document, IngestError>) -> anyhow::Result<()>,
) -> anyhow::Result<ReadReport> {
    let origin = input.name();
    let bytes = read_bytes(input)?;
    if format == InputFormat::Jsonl {
        json::read_lines(&bytes, &origin, sink)?;
        return Ok(ReadReport::default());
    }
    let decoded = decode::decode(&bytes, &origin)?;
    let report = ReadReport {
        decoded_as_cp1252: decoded.cp1252,
    };
    let docs = match format {
        InputFormat::Text => vec![text::parse(&decoded.text, &origin)?],
        InputFormat::Markdown => vec![markdown::parse(&decoded.text, &origin)?],
        InputFormat::Json => json::parse_document(&decoded.text, &origin)?,
        InputFormat::Jsonl => unreachable!("handled above"),
    };
    for doc in docs {
        sink(Ok(doc))?;
    }
    Ok(report)
}

fn read_bytes(input: &Input) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    let result = match input {
        Input::Stdin => std::io::stdin().lock().read_to_end(&mut bytes).map(|_| ()),
        Input::File(p) => std::fs::read(p).map(|b| bytes = b),
    };
    result.map_err(|source| IngestError::Io {
        path: input.name(),
        source,
    })?;
    Ok(bytes)
}

/// Build a document from paragraphs, failing if the body is empty.
fn document(
    meta: Metadata,
    paragraphs: Vec<String>,
    format: InputFormat,
    origin: &str,
) -> Result<Document, IngestError> {
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err(IngestError::Empty {
            origin: origin.to_string(),
        });
    }
    Ok(Document {
        meta,
        paragraphs,
        format,
        origin: origin.to_string(),
    })
}

/// Split text into paragraphs: blank-line separated blocks whose wrapped lines
/// are joined with a space, or, when the text has no blank line, one per line.
fn paragraphs_of(lines: &[&str]) -> Vec<String> {
    let has_blank = lines.iter().any(|l| l.trim().is_empty());
    if !has_blank {
        return lines.iter().map(|l| l.trim().to_string()).collect();
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}
