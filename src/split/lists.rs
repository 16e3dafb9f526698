//! Numbered and lettered list items written inline: "1. The first item 2. The
//! second item", "a) here b) there", "(a) Hello. (b) Hello.".
//!
//! A lone "1." or "a." is usually a number or a letter, not a list; a marker
//! only opens an item when its neighbour in the sequence is also present.

use super::rules::{char_at, is_bullet, is_ws};

/// What numbers the items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Num,
    Lower,
    Upper,
}

/// What follows (or surrounds) the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sep {
    /// "1."
    Dot,
    /// "1)"
    Paren,
    /// "1.)"
    DotParen,
    /// "(1)"
    Wrapped,
}

/// One list marker found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    pub(crate) kind: Kind,
    pub(crate) sep: Sep,
    pub(crate) value: u32,
    /// Byte offset of the marker's first byte (digit, letter or '(').
    pub(crate) start: usize,
    /// Byte offset just past the marker.
    pub(crate) end: usize,
}

impl Marker {
    /// Whether `other` continues the sequence this marker belongs to.
    pub(crate) fn precedes(self, other: Marker) -> bool {
        self.kind == other.kind && self.sep == other.sep && self.value + 1 == other.value
    }
}

fn token(b: &[u8], s: usize, e: usize) -> Option<(Kind, u32)> {
    let t = &b[s..e];
    match t {
        [c] if c.is_ascii_digit() => Some((Kind::Num, u32::from(c - b'0'))),
        [c, d] if c.is_ascii_digit() && d.is_ascii_digit() => {
            Some((Kind::Num, u32::from((c - b'0') * 10 + (d - b'0'))))
        }
        [c] if c.is_ascii_lowercase() => Some((Kind::Lower, u32::from(c - b'a'))),
        [c] if c.is_ascii_uppercase() => Some((Kind::Upper, u32::from(c - b'A'))),
        _ => None,
    }
}

/// The marker whose separator ('.' or ')') is at `sep`, if there is one.
pub(crate) fn at_separator(text: &str, sep: usize) -> Option<Marker> {
    let b = text.as_bytes();
    let (token_end, kind_sep, end) = match b[sep] {
        b'.' if b.get(sep + 1) == Some(&b')') => (sep, Sep::DotParen, sep + 2),
        b'.' => (sep, Sep::Dot, sep + 1),
        b')' if sep > 0 && b[sep - 1] != b'.' => (sep, Sep::Paren, sep + 1),
        _ => return None,
    };
    if end >= b.len() || !is_ws(b[end]) {
        return None;
    }
    let mut s = token_end;
    while s > 0 && token_end - s < 3 && b[s - 1].is_ascii_alphanumeric() {
        s -= 1;
    }
    if s == token_end || (s > 0 && b[s - 1].is_ascii_alphanumeric()) {
        return None;
    }
    let before_ok =
        s == 0 || is_ws(b[s - 1]) || text[..s].chars().next_back().is_some_and(is_bullet);
    if !before_ok {
        return None;
    }
    let (kind, value) = token(b, s, token_end)?;
    Some(Marker {
        kind,
        sep: kind_sep,
        value,
        start: s,
        end,
    })
}

/// The marker "(a)" or "(12)" whose '(' is at `open`, if there is one.
pub(crate) fn wrapped_at(text: &str, open: usize) -> Option<Marker> {
    let b = text.as_bytes();
    let close = (open + 2..b.len().min(open + 4)).find(|&j| b[j] == b')')?;
    if close + 1 >= b.len() || !is_ws(b[close + 1]) {
        return None;
    }
    if open > 0 && !is_ws(b[open - 1]) {
        return None;
    }
    let (kind, value) = token(b, open + 1, close)?;
    Some(Marker {
        kind,
        sep: Sep::Wrapped,
        value,
        start: open,
        end: close + 1,
    })
}

/// Whether a marker continuing `m` with value `value` appears later on the
/// same line, within a short distance.
pub(crate) fn later(text: &str, m: Marker, value: u32) -> bool {
    let b = text.as_bytes();
    let limit = b.len().min(m.end + 1000);
    let mut j = m.end;
    while j < limit {
        let found = match b[j] {
            b'\n' | b'\r' => return false,
            b'.' | b')' if m.sep != Sep::Wrapped => at_separator(text, j),
            b'(' if m.sep == Sep::Wrapped => wrapped_at(text, j),
            _ => None,
        };
        if let Some(f) = found
            && f.kind == m.kind
            && f.sep == m.sep
            && f.value == value
        {
            return true;
        }
        j += 1;
    }
    false
}

/// Whether the text starting at `p` (a line start) opens with a list marker or bullet.
pub(crate) fn line_starts_item(text: &str, p: usize) -> bool {
    let b = text.as_bytes();
    if char_at(text, p).is_some_and(is_bullet) {
        return true;
    }
    if b[p] == b'(' {
        return wrapped_at(text, p).is_some();
    }
    let mut e = p;
    while e < b.len() && e - p < 3 && b[e].is_ascii_alphanumeric() {
        e += 1;
    }
    e < b.len() && matches!(b[e], b'.' | b')') && at_separator(text, e).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markers_and_their_successors() {
        let t = "1.) The first item 2.) The second item";
        let m = at_separator(t, 1).expect("marker");
        assert_eq!(
            (m.kind, m.sep, m.value, m.start, m.end),
            (Kind::Num, Sep::DotParen, 1, 0, 3)
        );
        assert!(later(t, m, 2));
        assert!(!later(t, m, 3));
        assert!(at_separator("rose 1.5 pct", 6).is_none());
        assert!(wrapped_at("(b) Hello", 0).is_some());
    }
}
