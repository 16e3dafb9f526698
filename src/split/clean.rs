//! Text repairs applied to a paragraph before it is split.
//!
//! [`clean`] undoes the damage that markup and broken layout leave in text,
//! and nothing else. It is deliberately narrow, because news prose must come
//! out unchanged:
//!
//! - HTML tags are removed: `<em>Yes.</em>` becomes `Yes.`, a block tag
//!   (`<p>`, `<div>`, `<br/>`, `<h2>` ...) becomes a line break. Only known
//!   HTML element names count, and a tag without attributes (`<em>`, `<b>`)
//!   only when its closing tag follows in the same text: Reuters writes ticker
//!   symbols in angle brackets ("Entertainment Marketing Inc <em>",
//!   "First Interstate Bancorp <I>"), and those must stay. Closing tags,
//!   self-closing tags and tags with `name=value` attributes are removed
//!   wherever they are.
//! - The same tags escaped as text (`&lt;b&gt;`, `&lt;/b&gt;`), under the same
//!   conditions, and inline formatting codes of translation memories
//!   (`{b^>1<b^}`, `{b^&gt;1&lt;b^}`).
//! - A word broken over one- and two-letter lines ("W\nA\nRN\nI\nNG") is
//!   joined ("WARNING") when at least three such lines follow each other.
//! - A line break before a final period ("pricing\n.") is removed.
//! - A backtick used as a quotation mark becomes an apostrophe.
//! - A rule of four or more slashes ("//////") becomes a space.
//!
//! Letters and digits are never removed except inside a removed tag or
//! formatting code. Text that needs none of this is returned borrowed, after
//! one scan that stops only at the bytes `<`, `&`, `{`, `` ` ``, `/` and line
//! breaks. The result is a fixed point: `clean(clean(x)) == clean(x)`.

use std::borrow::Cow;

/// Bytes at which a repair can start.
static TRIGGER: [bool; 256] = {
    let mut t = [false; 256];
    let marked = [b'<', b'&', b'{', b'`', b'/', b'\n'];
    let mut k = 0;
    while k < marked.len() {
        t[marked[k] as usize] = true;
        k += 1;
    }
    t
};

/// HTML elements whose tags stand between blocks of text: removed, they leave
/// a line break so that the text on either side is not glued together.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Inline elements (and the inline tags of TMX translation memories: bpt, ept,
/// ph, it, ut, hi): removed without a trace.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "bpt", "cite", "code", "del", "dfn", "em", "ept",
    "font", "hi", "i", "img", "ins", "it", "kbd", "label", "mark", "ph", "q", "s", "samp", "small",
    "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "ut", "var", "wbr",
];

/// Longest tag considered, in bytes; anything longer is left alone.
const MAX_TAG: usize = 1000;

/// Normalizes a paragraph before splitting (see the module documentation).
///
/// Returns the text itself, borrowed, when there is nothing to repair, which
/// is the case for ordinary prose.
pub fn clean(text: &str) -> Cow<'_, str> {
    let Some(mut current) = pass(text) else {
        return Cow::Borrowed(text);
    };
    // A repair can expose another ("<<em>em>x</em>"): repeat to a fixed point.
    // Each pass that changes the text shortens it or removes backticks, so
    // this ends; in practice the second pass finds nothing.
    while let Some(next) = pass(&current) {
        current = next;
    }
    Cow::Owned(current)
}

/// The output of one pass, built only once the first repair is found.
struct Writer<'a> {
    text: &'a str,
    out: Option<String>,
    /// Bytes of `text` before this are already accounted for in `out`.
    done: usize,
}

impl<'a> Writer<'a> {
    /// Copies the text up to `start`, skips it to `end`, writes `with`.
    fn replace(&mut self, start: usize, end: usize, with: &str) {
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(self.text.len()));
        out.push_str(&self.text[self.done..start]);
        out.push_str(with);
        self.done = end;
    }

    /// Is the output just before byte `at` of the text a line break (or the
    /// start of the text)?
    fn after_newline(&self, at: usize) -> bool {
        if at > self.done {
            self.text.as_bytes()[at - 1] == b'\n'
        } else {
            match &self.out {
                Some(out) => out.is_empty() || out.ends_with('\n'),
                None => at == 0 || self.text.as_bytes()[at - 1] == b'\n',
            }
        }
    }

    fn finish(self) -> Option<String> {
        let mut out = self.out?;
        out.push_str(&self.text[self.done..]);
        Some(out)
    }
}

/// One scan over `text`; `None` when nothing needed repair.
fn pass(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let n = b.len();
    let mut w = Writer {
        text,
        out: None,
        done: 0,
    };
    let mut i = 0;
    if let Some(end) = broken_word(text, 0, &mut w) {
        i = end;
    }
    while i < n {
        let c = b[i];
        if !TRIGGER[usize::from(c)] {
            i += 1;
            continue;
        }
        let next = match c {
            b'<' | b'&' => tag(text, i, &mut w),
            b'{' => formatting_code(b, i).inspect(|&end| {
                w.replace(i, end, "");
            }),
            b'`' => {
                w.replace(i, i + 1, "'");
                Some(i + 1)
            }
            b'/' => slash_rule(b, i, &mut w),
            _ => newline(text, i, &mut w),
        };
        i = next.unwrap_or(i + 1).max(i + 1);
    }
    w.finish()
}

/// The two ways a tag is delimited: `<...>` or escaped, `&lt;...&gt;`.
#[derive(Clone, Copy)]
struct Delims {
    open: &'static str,
    close: &'static str,
}

const ANGLE: Delims = Delims {
    open: "<",
    close: ">",
};
const ESCAPED: Delims = Delims {
    open: "&lt;",
    close: "&gt;",
};

/// A tag parsed at some position.
struct Tag<'a> {
    end: usize,
    name: &'a str,
    closing: bool,
    /// Has `name=value` attributes or ends in `/>`: unmistakably markup.
    marked: bool,
}

/// Removes the tag at `i` if there is one to remove; returns where to go on.
fn tag(text: &str, i: usize, w: &mut Writer<'_>) -> Option<usize> {
    let delims = if text.as_bytes()[i] == b'<' {
        ANGLE
    } else if text[i..].starts_with(ESCAPED.open) {
        ESCAPED
    } else {
        return None;
    };
    let t = parse_tag(text, i, delims)?;
    let known = |list: &[&str]| list.iter().any(|n| n.eq_ignore_ascii_case(t.name));
    let block = known(BLOCK_TAGS);
    if !block && !known(INLINE_TAGS) {
        return None;
    }
    if !(t.closing || t.marked || has_closing(text, t.end, t.name, delims)) {
        return None;
    }
    if block {
        let next_is_newline = text.as_bytes().get(t.end) == Some(&b'\n');
        if w.after_newline(i) {
            // Never leave a blank line where there was none.
            let end = if next_is_newline { t.end + 1 } else { t.end };
            w.replace(i, end, "");
            return Some(end);
        }
        w.replace(i, t.end, if next_is_newline { "" } else { "\n" });
    } else {
        w.replace(i, t.end, "");
    }
    Some(t.end)
}

/// Does `</name>` (in the same delimiters) occur at or after `from`?
fn has_closing(text: &str, from: usize, name: &str, d: Delims) -> bool {
    text[from..].match_indices(d.open).any(|(k, _)| {
        let rest = &text[from + k + d.open.len()..];
        rest.strip_prefix('/')
            .and_then(|r| r.strip_prefix(name))
            .is_some_and(|r| r.starts_with(d.close))
    })
}

/// Parses `<name attr="v" ...>`, `</name>`, `<name/>` at `i`, in either
/// delimiters. Names are ASCII letters and digits starting with a letter;
/// every attribute must have a value. Looks at most [`MAX_TAG`] bytes ahead.
fn parse_tag(text: &str, i: usize, d: Delims) -> Option<Tag<'_>> {
    let b = &text.as_bytes()[..(i + MAX_TAG).min(text.len())];
    let close = d.close.as_bytes();
    let at = |p: usize| b.get(p).copied();
    let mut p = i + d.open.len();
    let closing = at(p) == Some(b'/');
    if closing {
        p += 1;
    }
    let name_start = p;
    if !at(p).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    while at(p).is_some_and(|c| c.is_ascii_alphanumeric()) {
        p += 1;
    }
    let name = &text[name_start..p];
    let mut marked = false;
    loop {
        let ws_start = p;
        while at(p).is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')) {
            p += 1;
        }
        if b[p..].starts_with(close) {
            return Some(Tag {
                end: p + close.len(),
                name,
                closing,
                marked,
            });
        }
        if !closing && at(p) == Some(b'/') && b[p + 1..].starts_with(close) {
            return Some(Tag {
                end: p + 1 + close.len(),
                name,
                closing,
                marked: true,
            });
        }
        // An attribute, after whitespace, with a value.
        if closing || p == ws_start {
            return None;
        }
        if !at(p).is_some_and(|c| c.is_ascii_alphabetic() || c == b'_' || c == b':') {
            return None;
        }
        while at(p)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b':' | b'-' | b'.'))
        {
            p += 1;
        }
        while at(p).is_some_and(|c| matches!(c, b' ' | b'\t')) {
            p += 1;
        }
        if at(p) != Some(b'=') {
            return None;
        }
        p += 1;
        while at(p).is_some_and(|c| matches!(c, b' ' | b'\t')) {
            p += 1;
        }
        p = attribute_value(b, p, close)?;
        marked = true;
    }
}

/// The end of an attribute value starting at `p`: quoted, or a run of bytes
/// that are neither whitespace nor quotes nor delimiters.
fn attribute_value(b: &[u8], p: usize, close: &[u8]) -> Option<usize> {
    const QUOT: &[u8] = b"&quot;";
    match *b.get(p)? {
        q @ (b'"' | b'\'') => {
            let len = b[p + 1..].iter().position(|&c| c == q)?;
            Some(p + 1 + len + 1)
        }
        _ if b[p..].starts_with(QUOT) => {
            let from = p + QUOT.len();
            let len = b[from..].windows(QUOT.len()).position(|w| w == QUOT)?;
            Some(from + len + QUOT.len())
        }
        _ => {
            let mut e = p;
            while e < b.len()
                && !matches!(
                    b[e],
                    b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'' | b'<' | b'>' | b'`' | b'='
                )
                && !b[e..].starts_with(close)
                && (b[e] != b'/' || !b[e + 1..].starts_with(close))
            {
                e += 1;
            }
            (e > p).then_some(e)
        }
    }
}

/// `{b^>1<b^}` or `{b^&gt;1&lt;b^}` at `i`: its end.
fn formatting_code(b: &[u8], i: usize) -> Option<usize> {
    let rest = b.get(i..)?;
    let rest = rest.strip_prefix(b"{b^")?;
    let (rest, escaped) = if let Some(r) = rest.strip_prefix(b">") {
        (r, false)
    } else {
        (rest.strip_prefix(b"&gt;")?, true)
    };
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    let rest = &rest[digits..];
    let rest = if escaped {
        rest.strip_prefix(b"&lt;")?
    } else {
        rest.strip_prefix(b"<")?
    };
    let rest = rest.strip_prefix(b"b^}")?;
    Some(b.len() - rest.len())
}

/// Four or more slashes in a row: a drawn rule, replaced by a space.
fn slash_rule(b: &[u8], i: usize, w: &mut Writer<'_>) -> Option<usize> {
    let run = b[i..].iter().take_while(|&&c| c == b'/').count();
    if run < 4 {
        return Some(i + run);
    }
    w.replace(i, i + run, " ");
    Some(i + run)
}

/// At a line break: a period stranded on the next line, or a word broken
/// over the lines that follow.
fn newline(text: &str, i: usize, w: &mut Writer<'_>) -> Option<usize> {
    let b = text.as_bytes();
    // "pricing\n." -> "pricing."
    let mut j = i + 1;
    while j < b.len() && matches!(b[j], b' ' | b'\t') {
        j += 1;
    }
    if b.get(j) == Some(&b'.')
        && b.get(j + 1).is_none_or(|c| c.is_ascii_whitespace())
        && i >= w.done
    {
        let mut k = i;
        while k > w.done && matches!(b[k - 1], b' ' | b'\t') {
            k -= 1;
        }
        if text[..k]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            w.replace(k, j, "");
            return Some(j);
        }
    }
    broken_word(text, i + 1, w)
}

/// One or two ASCII letters alone on the line starting at `start`: the end of
/// the line.
fn short_line(b: &[u8], start: usize) -> Option<usize> {
    let len = b[start..]
        .iter()
        .take(3)
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let end = start + len;
    ((1..=2).contains(&len) && b.get(end).is_none_or(|&c| c == b'\n')).then_some(end)
}

/// At least three lines of one or two letters each, starting at `start` (the
/// start of a line): joined into one word. Returns the end of the last.
fn broken_word(text: &str, start: usize, w: &mut Writer<'_>) -> Option<usize> {
    let b = text.as_bytes();
    let mut lines = 0;
    let mut end = start;
    let mut p = start;
    while p < b.len() {
        let Some(e) = short_line(b, p) else { break };
        lines += 1;
        end = e;
        p = e + 1;
    }
    if lines < 3 {
        return None;
    }
    let word: String = text[start..end].chars().filter(|&c| c != '\n').collect();
    w.replace(start, end, &word);
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(text: &str) -> String {
        match clean(text) {
            Cow::Owned(s) => s,
            Cow::Borrowed(_) => panic!("{text:?} was not changed"),
        }
    }

    #[test]
    fn ordinary_text_is_borrowed() {
        for t in [
            "",
            "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m).",
            "Standard & Poor's (S&P) raised the rating; see http://www.example.com/a/b.",
            "British Petroleum Co Plc <BP>, which owns 55 pct, and Bancorp <I> and Inc <em> said.",
            "It rose 1/2 pct.\n - a list item \n - another",
            "Line one\nLine two.\n\nA new paragraph ... with an ellipsis.",
            "Wait for it\n... and here it is.",
            "a\nb\n\nc\nd",
        ] {
            assert!(matches!(clean(t), Cow::Borrowed(_)), "{t:?} changed");
        }
    }

    #[test]
    fn strips_html_tags() {
        assert_eq!(
            owned("This is the U.S. Senate my friends. <em>Yes.</em> <em>It is</em>!"),
            "This is the U.S. Senate my friends. Yes. It is!"
        );
        assert_eq!(
            owned("<h2 class=\"lined\">Hello</h2>\n<p>This is a test. Another test.</p>"),
            "Hello\nThis is a test. Another test.\n"
        );
        assert_eq!(owned("One.<br/>Two.<br />Three."), "One.\nTwo.\nThree.");
        assert_eq!(owned("Fine <span style=\"x\">print</span>"), "Fine print");
        assert_eq!(owned("<B>Bold</B> move"), "Bold move");
    }

    #[test]
    fn keeps_angle_brackets_that_are_not_markup() {
        for t in [
            "Entertainment Marketing Inc <em> for Crazy Eddie",
            "if a<b and c>d then",
            "<Texaco Inc> said",
            "a <foo>bar</foo>",
            "x <p and g> y",
        ] {
            assert_eq!(clean(t), t);
        }
    }

    #[test]
    fn strips_escaped_tags_and_formatting_codes() {
        assert_eq!(
            owned("<bpt i=\"0\" type=\"bold\">&lt;b&gt;</bpt>J1.txt<ept i=\"1\">&lt;/b&gt;</ept>"),
            "J1.txt"
        );
        assert_eq!(
            owned("Hello{b^&gt;1&lt;b^} hello{b^>1<b^}."),
            "Hello hello."
        );
        // An escaped bracket alone stays.
        assert_eq!(
            clean("dull :- &lt;( and br /&gt;"),
            "dull :- &lt;( and br /&gt;"
        );
    }

    #[test]
    fn joins_words_broken_over_lines() {
        assert_eq!(owned("\nW\nA\nRN\nI\nNG\n"), "\nWARNING\n");
        assert_eq!(owned("A\nV\nE\nRT"), "AVERT");
        // Two short lines are not enough.
        assert_eq!(clean("in\nNY\n"), "in\nNY\n");
    }

    #[test]
    fn moves_a_stranded_period_back() {
        assert_eq!(
            owned("contact us for pricing\n. Pricing Info"),
            "contact us for pricing. Pricing Info"
        );
        assert_eq!(
            owned("for pricing \n.\n\n\nInfo\n"),
            "for pricing.\n\n\nInfo\n"
        );
    }

    #[test]
    fn backticks_become_apostrophes() {
        assert_eq!(
            owned("`So what?' asks Rep. Dicks."),
            "'So what?' asks Rep. Dicks."
        );
    }

    #[test]
    fn slash_rules_become_spaces() {
        assert_eq!(owned("//////Header\r//////"), " Header\r ");
        assert_eq!(clean("file:///tmp and a/b//c"), "file:///tmp and a/b//c");
    }

    #[test]
    fn reaches_a_fixed_point() {
        let once = clean("<<em>em>x</em></em>");
        assert_eq!(once, "<em>x");
        assert_eq!(clean(&once), once);
    }
}
