//! Markdown articles: optional YAML front matter (title, outlet, author, url,
//! published), a `# heading` as title, paragraphs with inline markup stripped.

use super::{Document, IngestError, document};
use crate::model::{InputFormat, Metadata};

/// Parse a Markdown article.
pub(super) fn parse(text: &str, origin: &str) -> Result<Document, IngestError> {
    let mut meta = Metadata::default();
    let body = front_matter(text, &mut meta);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut in_fence = false;
    let mut seen_headline = false;
    for raw in body.lines() {
        let line = raw.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            in_fence = !in_fence;
            flush(&mut current, &mut paragraphs);
            continue;
        }
        if in_fence {
            continue;
        }
        if line.is_empty() || is_rule(line) {
            flush(&mut current, &mut paragraphs);
            continue;
        }
        if let Some(heading) = heading_text(line) {
            flush(&mut current, &mut paragraphs);
            // The first top-level heading is the headline: metadata, not a claim.
            if line.starts_with("# ") && !seen_headline {
                seen_headline = true;
                meta.title.get_or_insert_with(|| strip_inline(heading));
            } else {
                paragraphs.push(strip_inline(heading));
            }
            continue;
        }
        let line = line.trim_start_matches('>').trim_start();
        if let Some(item) = list_item(line) {
            // Each list item is a paragraph of its own.
            flush(&mut current, &mut paragraphs);
            current.push_str(item);
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
    }
    flush(&mut current, &mut paragraphs);
    document(meta, paragraphs, InputFormat::Markdown, origin)
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    if !current.trim().is_empty() {
        paragraphs.push(strip_inline(current));
    }
    current.clear();
}

/// Read `---` delimited front matter into `meta`; return the text after it.
fn front_matter<'a>(text: &'a str, meta: &mut Metadata) -> &'a str {
    let Some(after) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return text;
    };
    let Some(end) = after.find("\n---") else {
        return text;
    };
    for line in after[..end].lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" => &mut meta.title,
            "outlet" | "source" | "publisher" => &mut meta.outlet,
            "author" | "byline" => &mut meta.author,
            "url" | "link" => &mut meta.url,
            "published" | "date" => &mut meta.published,
            _ => continue,
        };
        *slot = Some(value.to_string());
    }
    let rest = &after[end + 4..];
    rest.split_once('\n').map_or("", |(_, r)| r)
}

fn is_rule(line: &str) -> bool {
    line.len() >= 3 && (line.chars().all(|c| c == '-') || line.chars().all(|c| c == '*'))
}

fn heading_text(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        Some(line[hashes..].trim().trim_end_matches('#').trim())
    } else {
        None
    }
}

fn list_item(line: &str) -> Option<&str> {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &line[digits..];
        if let Some(item) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(item.trim());
        }
    }
    None
}

/// Remove inline markup: emphasis, code ticks, links (keeping their text),
/// images and HTML tags.
pub(super) fn strip_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '!' if chars.get(i + 1) == Some(&'[') => {
                if let Some((_, next)) = link_at(&chars, i + 1) {
                    i = next; // images carry no claim text
                    continue;
                }
            }
            '[' => {
                if let Some((label, next)) = link_at(&chars, i) {
                    out.push_str(&strip_inline(&label));
                    i = next;
                    continue;
                }
            }
            '<' => {
                if let Some(close) = chars[i..].iter().position(|&c| c == '>') {
                    let tag: String = chars[i + 1..i + close].iter().collect();
                    if tag.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
                        i += close + 1;
                        continue;
                    }
                }
            }
            '*' | '`' => {
                i += 1;
                continue;
            }
            '_' => {
                let before = i == 0 || !chars[i - 1].is_alphanumeric();
                let after = i + 1 >= chars.len() || !chars[i + 1].is_alphanumeric();
                if before || after {
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `[label](target)` starting at `open`: the label and the index after it.
fn link_at(chars: &[char], open: usize) -> Option<(String, usize)> {
    let close = open + chars[open..].iter().position(|&c| c == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = close + 1 + chars[close + 1..].iter().position(|&c| c == ')')?;
    Some((chars[open + 1..close].iter().collect(), end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_heading_and_markup() {
        let md = "---\ntitle: \"Front title\"\noutlet: Daily Example\nauthor: A. Writer\n---\n# Heading\n\nThe **rate** rose to *3.5%* in [March](https://x.test/m).\n\n- First item.\n- Second item.\n";
        let doc = parse(md, "a.md").unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("Front title"));
        assert_eq!(doc.meta.outlet.as_deref(), Some("Daily Example"));
        assert_eq!(doc.meta.author.as_deref(), Some("A. Writer"));
        assert_eq!(
            doc.paragraphs,
            vec![
                "The rate rose to 3.5% in March.",
                "First item.",
                "Second item."
            ]
        );
    }

    #[test]
    fn heading_is_title_without_front_matter() {
        let doc = parse("# The title\n\nBody text here.", "b.md").unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("The title"));
        assert_eq!(doc.paragraphs, vec!["Body text here."]);
    }

    #[test]
    fn underscores_inside_words_survive() {
        assert_eq!(strip_inline("snake_case and _em_"), "snake_case and em");
    }
}
