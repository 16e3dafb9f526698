//! Sentence splitting: text in, claim spans out.
//!
//! [`split`] is the one entry point the importer uses. It returns byte spans
//! into its input, trimmed of surrounding whitespace, in order and never
//! overlapping, so `&text[span.start..span.end]` is exactly the claim text.
//!
//! The splitter is a single forward scan over the bytes. It stops only at
//! bytes that can matter (stops, line breaks, quotes, brackets, the lead bytes
//! of a few non-ASCII marks) and decides there, looking a few words back and
//! ahead. Nothing is allocated but the output vector. The rules follow the
//! English "Golden Rules" of the pragmatic_segmenter project; see
//! `docs/splitting.md` for the measured accuracy and speed.
//!
//! [`clean`] repairs a paragraph before it is split (HTML tags, words broken
//! over lines, backticks); the caller applies it and splits the result, so
//! the spans point into the cleaned text.

mod abbreviations;
mod clean;
mod lists;
mod rules;
mod scanner;

use serde::Serialize;

pub use clean::clean;

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

/// Split `text` into sentence spans.
///
/// Meant for one paragraph at a time, but any text works: a blank line always
/// ends a sentence, a line without final punctuation followed by a line break
/// (a heading, a caption, a list item) is a sentence of its own, and a single
/// line break inside a sentence that goes on in lowercase is not a boundary.
/// Spans are trimmed, ordered, non-overlapping and on char boundaries; every
/// non-whitespace character of `text` lies inside exactly one span.
pub fn split(text: &str) -> Vec<Span> {
    scanner::Scanner::new(text).run()
}

#[cfg(test)]
mod tests;
