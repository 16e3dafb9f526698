//! Sentence splitting: text in, claim spans out.
//!
//! [`split`] is the one entry point the importer uses. It returns byte spans
//! into its input, trimmed of surrounding whitespace, in order and never
//! overlapping, so `&text[span.start..span.end]` is exactly the claim text.

use serde::Serialize;

/// A claim's place in the text it was split from: byte offsets, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Byte offset of the first byte of the claim.
    pub start: usize,
    /// Byte offset one past the last byte of the claim.
    pub end: usize,
}

impl Span {
    /// The text this span covers in `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Words that end in a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "sen", "rep",
    "gov", "pres", "st", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "dept", "est",
    "fig", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n",
];

/// Split `text` into sentence spans.
pub fn split(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' && i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
            push_trimmed(text, start, i, &mut spans);
            start = i;
        } else if matches!(b, b'.' | b'?' | b'!') {
            // Swallow closing quotes and brackets that belong to this sentence.
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'.' | b'?' | b'!' | b'"' | b'\'' | b')') {
                end += 1;
            }
            end = skip_closing_quotes(text, end);
            if is_boundary(text, i, end) {
                push_trimmed(text, start, end, &mut spans);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut spans);
    spans
}

fn skip_closing_quotes(text: &str, mut end: usize) -> usize {
    while let Some(c) = text[end..].chars().next() {
        if matches!(c, '\u{201d}' | '\u{2019}') {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Whether the punctuation at `punct` (with trailing marks up to `end`) ends a sentence.
fn is_boundary(text: &str, punct: usize, end: usize) -> bool {
    let rest = &text[end..];
    let next = rest.trim_start();
    if next.is_empty() {
        return true;
    }
    if rest.len() == next.len() {
        return false; // no whitespace after: 3.5, U.S., example.com
    }
    let first = next.chars().next().unwrap_or(' ');
    if !(first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '"' | '\u{201c}' | '(' | '\'' | '\u{2018}'))
    {
        return false;
    }
    if text.as_bytes()[punct] != b'.' {
        return true;
    }
    let word_start = text[..punct]
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |p| p + 1);
    let word = &text[word_start..punct];
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false; // an initial: George W. Bush
    }
    let lower = word.to_ascii_lowercase();
    !ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(text: &str, start: usize, end: usize, spans: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = start + lead;
        spans.push(Span {
            start: s,
            end: s + trimmed.len(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t).iter().map(|s| s.slice(t)).collect()
    }

    #[test]
    fn keeps_initials_and_abbreviations_inside() {
        let t = "The invasion authorized by President George W. Bush in 2003 failed. Mr. Smith met Dr. Jones in the U.S. on Jan. 5. It cost $1.13bn.";
        assert_eq!(
            texts(t),
            vec![
                "The invasion authorized by President George W. Bush in 2003 failed.",
                "Mr. Smith met Dr. Jones in the U.S. on Jan. 5.",
                "It cost $1.13bn."
            ]
        );
    }

    #[test]
    fn quotes_close_the_sentence() {
        let t = "\"We will go.\" He left.";
        assert_eq!(texts(t), vec!["\"We will go.\"", "He left."]);
    }
}
