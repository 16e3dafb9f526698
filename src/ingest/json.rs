//! JSON articles (one object or an array) and JSON Lines (one object a line).
//! Fields: title, body (or text / content), outlet (or source), author, url, published.

use std::io::BufRead;

use serde_json::{Map, Value};

use super::{Document, IngestError, document};
use crate::model::{InputFormat, Metadata};

/// Parse a `.json` file: one article object or an array of them.
pub(super) fn parse_document(text: &str, origin: &str) -> Result<Vec<Document>, IngestError> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(e, origin, 0))?;
    match value {
        Value::Object(obj) => Ok(vec![article(&obj, origin, InputFormat::Json)?]),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let origin = format!("{origin}[{i}]");
                match item {
                    Value::Object(obj) => article(obj, &origin, InputFormat::Json),
                    _ => Err(not_an_object(&origin)),
                }
            })
            .collect(),
        _ => Err(not_an_object(origin)),
    }
}

/// Parse JSON Lines record by record, streaming, so memory does not grow
/// with the file; a bad line is reported to `sink` with its line number and
/// the others still go through. A NUL byte in the first block means a binary
/// file: it fails whole, before any record.
pub(super) fn read_lines(
    mut reader: impl BufRead,
    origin: &str,
    sink: &mut dyn FnMut(Result<Document, IngestError>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let io = |source| IngestError::Io {
        path: origin.to_string(),
        source,
    };
    if reader.fill_buf().map_err(io)?.contains(&0) {
        return Err(IngestError::Binary {
            origin: origin.to_string(),
        }
        .into());
    }
    let mut records = 0;
    let mut line = Vec::new();
    let mut line_no = 0;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).map_err(io)? == 0 {
            break;
        }
        line_no += 1;
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        records += 1;
        let record_origin = format!("{origin}:{line_no}");
        let parsed = if text.contains(&0) {
            Err(IngestError::Binary {
                origin: record_origin,
            })
        } else {
            serde_json::from_slice::<Value>(text)
                .map_err(|e| json_error(e, origin, line_no - 1))
                .and_then(|value| match value {
                    Value::Object(obj) => article(&obj, &record_origin, InputFormat::Jsonl),
                    _ => Err(not_an_object(&record_origin)),
                })
        };
        sink(parsed)?;
    }
    if records == 0 {
        return Err(IngestError::Empty {
            origin: origin.to_string(),
        }
        .into());
    }
    Ok(())
}

/// A parse error naming the input, with its line counted from the file's
/// start (`line_offset` lines precede the text parsed).
pub(super) fn json_error(e: serde_json::Error, origin: &str, line_offset: usize) -> IngestError {
    IngestError::Json {
        origin: origin.to_string(),
        line: e.line() + line_offset,
        column: e.column(),
        message: e
            .to_string()
            .split(" at line")
            .next()
            .unwrap_or_default()
            .to_string(),
    }
}

fn not_an_object(origin: &str) -> IngestError {
    IngestError::Shape {
        origin: origin.to_string(),
        message: "expected an article object with a body field".to_string(),
    }
}

fn article(
    obj: &Map<String, Value>,
    origin: &str,
    format: InputFormat,
) -> Result<Document, IngestError> {
    let field = |names: &[&str]| names.iter().find_map(|n| obj.get(*n).and_then(as_text));
    let meta = Metadata {
        title: field(&["title", "headline"]),
        outlet: field(&["outlet", "source", "publisher"]),
        author: field(&["author", "authors", "byline"]),
        url: field(&["url", "link"]),
        published: field(&["published", "date", "published_at"]),
    };
    let Some(body) = field(&["body", "text", "content"]) else {
        return Err(IngestError::Shape {
            origin: origin.to_string(),
            message: "no body: expected a \"body\", \"text\" or \"content\" field".to_string(),
        });
    };
    let lines: Vec<&str> = body.lines().collect();
    document(meta, super::paragraphs_of(&lines), format, origin)
}

/// A field as text: strings as they are, numbers printed, string arrays joined.
fn as_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .iter()
            .filter_map(as_text)
            .collect::<Vec<_>>()
            .join(", "),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_of_articles_with_alternate_field_names() {
        let docs = parse_document(
            r#"[{"title":"A","text":"One. Two.","source":"Wire"},{"content":"Three.","date":1987}]"#,
            "x.json",
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].meta.outlet.as_deref(), Some("Wire"));
        assert_eq!(docs[1].meta.published.as_deref(), Some("1987"));
    }

    #[test]
    fn bad_line_is_reported_with_its_number() {
        let mut results = Vec::new();
        read_lines(&b"{\"body\":\"Fine.\"}\n{oops\n"[..], "f.jsonl", &mut |r| {
            results.push(r);
            Ok(())
        })
        .unwrap();
        assert!(results[0].is_ok());
        let err = results[1].as_ref().unwrap_err().to_string();
        assert!(err.contains("f.jsonl") && err.contains("line 2"), "{err}");
    }
}
