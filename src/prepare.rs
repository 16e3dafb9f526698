//! From a parsed document to what the store keeps: the normalized body, its
//! content hash and the claims with their character offsets into the body.

use crate::split;

/// Paragraphs are joined with one blank line in the stored body.
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// A claim ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedClaim {
    /// 1-based paragraph index.
    pub paragraph: usize,
    /// 1-based position in the article.
    pub position: usize,
    /// Character offset of the claim in the body.
    pub start: usize,
    /// Character offset one past its end.
    pub end: usize,
    /// The claim text, equal to the body's characters `start..end`.
    pub text: String,
}

/// An article body with its claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedArticle {
    /// Paragraphs joined by [`PARAGRAPH_SEPARATOR`].
    pub body: String,
    /// blake3 hex digest of the body: re-importing the same body is a no-op.
    pub content_hash: String,
    /// The claims in order.
    pub claims: Vec<PreparedClaim>,
}

/// Clean each paragraph ([`split::clean`]), join them into a body and split
/// each into claims, so that no claim spans two paragraphs.
pub fn prepare(paragraphs: &[String]) -> PreparedArticle {
    let mut body = String::new();
    let mut claims = Vec::new();
    let mut body_chars = 0;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        // Repairs such as stray HTML tags or words broken over lines go into
        // the stored body, so offsets point into the repaired text.
        let paragraph: &str = &split::clean(paragraph);
        if index > 0 {
            body.push_str(PARAGRAPH_SEPARATOR);
            body_chars += PARAGRAPH_SEPARATOR.len();
        }
        // Walk the paragraph once, turning ordered byte spans into char offsets.
        let mut byte_pos = 0;
        let mut char_pos = 0;
        for span in split::split(paragraph) {
            char_pos += paragraph[byte_pos..span.start].chars().count();
            let len = paragraph[span.start..span.end].chars().count();
            claims.push(PreparedClaim {
                paragraph: index + 1,
                position: claims.len() + 1,
                start: body_chars + char_pos,
                end: body_chars + char_pos + len,
                text: span.slice(paragraph).to_string(),
            });
            char_pos += len;
            byte_pos = span.end;
        }
        body.push_str(paragraph);
        body_chars += paragraph.chars().count();
    }
    let content_hash = blake3::hash(body.as_bytes()).to_hex().to_string();
    PreparedArticle {
        body,
        content_hash,
        claims,
    }
}

/// The byte range of the characters `start..end` of `text` (offsets as stored).
pub fn byte_range(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let from = indices.nth(start).unwrap_or(text.len());
    let to = if end > start {
        indices.nth(end - start - 1).unwrap_or(text.len())
    } else {
        from
    };
    from..to
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_characters_into_the_body() {
        let paras = vec![
            "Caf\u{e9} opened. It rose 5%.".to_string(),
            "\u{201c}No,\u{201d} he said.".to_string(),
        ];
        let art = prepare(&paras);
        assert_eq!(art.claims.len(), 3);
        for c in &art.claims {
            assert_eq!(art.body[byte_range(&art.body, c.start, c.end)], c.text);
        }
        assert_eq!(art.claims[2].paragraph, 2);
        assert_eq!(art.claims[2].position, 3);
    }
}
