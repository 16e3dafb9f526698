//! Plain text articles: the first non-empty line is the headline; a short
//! second line without sentence-final punctuation is the outlet; the rest are
//! paragraphs (one per line, or blank-line separated blocks).

use super::{IngestError, document, paragraphs_of};
use crate::ingest::Document;
use crate::model::{InputFormat, Metadata};

/// Longest line, in characters, still taken for an outlet name.
const MAX_OUTLET_CHARS: usize = 60;

/// Parse a plain text article.
pub(super) fn parse(text: &str, origin: &str) -> Result<Document, IngestError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut rest = lines.as_slice();
    while rest.first().is_some_and(|l| l.trim().is_empty()) {
        rest = &rest[1..];
    }
    let mut meta = Metadata::default();
    if let Some((headline, tail)) = rest.split_first() {
        meta.title = Some(headline.trim().to_string());
        rest = tail;
    }
    // The outlet line comes right after the headline (no blank line between).
    if let Some((line, tail)) = rest.split_first()
        && looks_like_outlet(line)
        && tail.iter().any(|l| !l.trim().is_empty())
    {
        meta.outlet = Some(line.trim().to_string());
        rest = tail;
    }
    document(meta, paragraphs_of(rest), InputFormat::Text, origin)
}

fn looks_like_outlet(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.chars().count() <= MAX_OUTLET_CHARS
        && !line.ends_with(['.', '!', '?', ':', ';', ',', '"', '\u{201d}'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_layout_gives_headline_outlet_and_line_paragraphs() {
        let doc = parse(
            "Headline here\nICARO Media Group\nFirst para. Two.\nSecond para.",
            "a.txt",
        )
        .unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("Headline here"));
        assert_eq!(doc.meta.outlet.as_deref(), Some("ICARO Media Group"));
        assert_eq!(doc.paragraphs, vec!["First para. Two.", "Second para."]);
    }

    #[test]
    fn bbc_layout_uses_blank_lines_and_has_no_outlet() {
        let doc = parse("Title\n\nOne sentence.\n\nTwo\nwrapped.\n", "b.txt").unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("Title"));
        assert_eq!(doc.meta.outlet, None);
        assert_eq!(doc.paragraphs, vec!["One sentence.", "Two wrapped."]);
    }

    #[test]
    fn headline_only_is_empty() {
        assert!(matches!(
            parse("Just a title\n", "c.txt"),
            Err(IngestError::Empty { .. })
        ));
    }
}
