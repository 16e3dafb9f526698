//! Small, allocation-free predicates over the bytes around a candidate boundary.
//!
//! The scanner in `mod.rs` only stops at a handful of bytes; these helpers
//! answer the questions it asks there: what starts after the whitespace, what
//! word stands before the period, does this line look like a heading.

/// Bytes the scanner has to look at; everything else is skipped in one step.
/// 0xE2, 0xE3 and 0xEF lead the UTF-8 encodings of curly quotes, the ellipsis,
/// bullets and the full-width stops.
pub(crate) static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    let marked = [
        b'.', b'?', b'!', b'\n', b'\r', b'"', b'\'', b'(', b'[', b'<', b')', 0xE2, 0xE3, 0xEF,
    ];
    let mut k = 0;
    while k < marked.len() {
        t[marked[k] as usize] = true;
        k += 1;
    }
    t
};

/// ASCII whitespace, the only whitespace the scanner breaks on.
pub(crate) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// The character starting at byte `i`, if `i` is inside `text`.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// List bullets that open an item even in the middle of a line.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '◦' | '▪' | '●' | '‣')
}

/// Which quote or bracket closed a sentence; a parenthesis after a single
/// closing quote continues the sentence, after a double quote it starts one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Closer {
    None,
    Single,
    Double,
    Bracket,
}

/// Skips the quotes and brackets that close a sentence, then citation markers
/// such as "[6]" or "[2–11]". Returns the end and the last closer seen.
pub(crate) fn swallow_closers(text: &str, mut q: usize) -> (usize, Closer) {
    let b = text.as_bytes();
    let mut last = Closer::None;
    while q < b.len() {
        let (len, kind) = match b[q] {
            b'"' => (1, Closer::Double),
            b'\'' => (1, Closer::Single),
            b')' | b']' => (1, Closer::Bracket),
            b'[' => match citation_end(b, q) {
                Some(end) => (end - q, last),
                None => break,
            },
            0xE2 => match char_at(text, q) {
                Some('”') => (3, Closer::Double),
                Some('’') => (3, Closer::Single),
                _ => break,
            },
            0xC2 if char_at(text, q) == Some('»') => (2, Closer::Double),
            _ => break,
        };
        q += len;
        last = kind;
    }
    (q, last)
}

/// The end of a citation marker "[12]" or "[2–11]" starting at `q`.
fn citation_end(b: &[u8], q: usize) -> Option<usize> {
    let mut j = q + 1;
    let mut digits = 0;
    while j < b.len() && j - q < 16 {
        match b[j] {
            b'0'..=b'9' => digits += 1,
            b']' if digits > 0 => return Some(j + 1),
            b',' | b'-' | b' ' | 0xE2 | 0x80 | 0x93 => {}
            _ => return None,
        }
        j += 1;
    }
    None
}

/// Skips whitespace from `q`; returns the first other byte and whether a
/// line break was crossed.
pub(crate) fn skip_ws(b: &[u8], mut q: usize) -> (usize, bool) {
    let mut newline = false;
    while q < b.len() && is_ws(b[q]) {
        newline |= matches!(b[q], b'\n' | b'\r');
        q += 1;
    }
    (q, newline)
}

/// What begins at the first non-whitespace position after a candidate boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// A capitalised word (or "iPod"-style brand) ending at `word_end`.
    Upper { word_end: usize },
    /// A digit or currency sign.
    Digit,
    /// A lowercase word.
    Lower,
    /// An opening quote or bracket before a capital; `paren` for ( and [.
    Opener { paren: bool },
    /// A dash before a capital: "What do you see? - Posted ...".
    Dash,
    /// A list bullet.
    Bullet,
    /// Anything else: punctuation, a lowercase continuation after a dash.
    Other,
}

impl Next {
    /// Whether this could be the first thing in a sentence.
    pub(crate) fn starts(self) -> bool {
        !matches!(self, Next::Lower | Next::Other)
    }
}

/// Classifies what starts at byte `p` (the first non-whitespace after a boundary candidate).
pub(crate) fn look(text: &str, p: usize) -> Next {
    let Some(c) = char_at(text, p) else {
        return Next::Other;
    };
    let after = p + c.len_utf8();
    match c {
        c if c.is_uppercase() => Next::Upper {
            word_end: word_end(text.as_bytes(), after),
        },
        '0'..='9' | '$' | '£' | '€' => Next::Digit,
        c if c.is_lowercase() => {
            // Brands such as "iPod" and "eBay" start sentences in lowercase.
            let b = text.as_bytes();
            let camel = b[after..]
                .iter()
                .take(3)
                .take_while(|x| x.is_ascii_alphabetic())
                .any(u8::is_ascii_uppercase);
            if camel {
                Next::Upper {
                    word_end: word_end(b, after),
                }
            } else {
                Next::Lower
            }
        }
        '"' | '\'' | '“' | '‘' | '«' | '¿' | '¡' | '(' | '[' => {
            let paren = matches!(c, '(' | '[');
            match char_at(text, after) {
                Some(d) if d.is_uppercase() || (!paren && d.is_ascii_digit()) => {
                    Next::Opener { paren }
                }
                _ => Next::Other,
            }
        }
        '-' | '–' | '—' => {
            let rest = text[after..].trim_start_matches(['-', '–', '—', ' ']);
            match rest.chars().next() {
                Some(d) if d.is_uppercase() => Next::Dash,
                _ => Next::Other,
            }
        }
        c if is_bullet(c) => Next::Bullet,
        _ => Next::Other,
    }
}

fn word_end(b: &[u8], mut q: usize) -> usize {
    while q < b.len() && b[q].is_ascii_alphabetic() {
        q += 1;
    }
    q
}

/// The word that ends at byte `p` (exclusive), stripped of leading quotes,
/// brackets and bullets; `None` when it is longer than any abbreviation.
pub(crate) fn word_before(text: &str, floor: usize, p: usize) -> Option<(usize, &str)> {
    let b = text.as_bytes();
    let mut s = p;
    while s > floor && !is_ws(b[s - 1]) {
        s -= 1;
        if p - s > 48 {
            return None;
        }
    }
    let raw = &text[s..p];
    let word = raw.trim_start_matches(|c: char| {
        matches!(c, '(' | '[' | '<' | '"' | '\'' | '“' | '‘' | '$') || is_bullet(c)
    });
    Some((p - word.len(), word))
}

/// Whether the words from `p` reach a full stop within two words, as in
/// "C. Deilmann AG." or "Lichtblau said.": too short for a sentence of their
/// own after an abbreviation or a closing quote. Titles, initials and
/// initialisms on the way ("Mr.", "O.", "U.S.") do not count as stops.
pub(crate) fn short_tail(text: &str, p: usize) -> bool {
    short_tail_word(text, p).is_some()
}

/// Like [`short_tail`], and the tail's last word is a verb of saying:
/// '"... energy costs." Lichtblau said.' but not '"..." Analysts agreed.'.
pub(crate) fn attribution_tail(text: &str, p: usize) -> bool {
    short_tail_word(text, p).is_some_and(crate::split::abbreviations::is_speech_verb)
}

/// The last word of a one- or two-word tail ending in a full stop.
fn short_tail_word(text: &str, p: usize) -> Option<&str> {
    let b = text.as_bytes();
    let (mut words, mut word_start) = (0, p);
    let end = b.len().min(p + 40);
    for j in p..end {
        let x = b[j];
        if is_ws(x) {
            if matches!(x, b'\n' | b'\r') {
                return None;
            }
            word_start = j + 1;
            continue;
        }
        if j == word_start {
            words += 1;
            if words > 2 {
                return None;
            }
        }
        if x == b'.' && (j + 1 == b.len() || is_ws(b[j + 1])) {
            let word = &b[word_start..j];
            let initial = matches!(word, [c] if c.is_ascii_uppercase());
            let word = std::str::from_utf8(word).ok()?;
            let abbreviation = crate::split::abbreviations::kind(word)
                == Some(crate::split::abbreviations::AbbrevKind::Title)
                || is_initialism(word);
            if !initial && !abbreviation {
                return Some(word);
            }
        }
    }
    None
}

/// Whether an initialism such as "U.S" or "Ph.D" (parts of one to three
/// letters joined by periods) is what `word` is.
pub(crate) fn is_initialism(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            (1..=3).contains(&part.len()) && part.bytes().all(|x| x.is_ascii_alphabetic())
        })
}

/// Whether the line `s..e` reads like a heading or a list line: at most two
/// words ("features", "contact manager"), or every word of four letters or
/// more capitalised ("Putter King Scavenger Hunt Trophy").
pub(crate) fn heading_like(text: &str, s: usize, e: usize) -> bool {
    let line = &text[s..e];
    let (mut words, mut long_caps) = (0, 0);
    let mut title_case = true;
    for w in line.split_ascii_whitespace() {
        words += 1;
        let first = w.chars().next().unwrap_or(' ');
        if w.len() > 3 {
            if first.is_lowercase() {
                title_case = false;
            } else if first.is_uppercase() {
                long_caps += 1;
            }
        }
        if words > 2 && !title_case {
            return false;
        }
    }
    words > 0 && (words <= 2 || (title_case && long_caps >= 2))
}

/// Whether the first words from `s` form a lone prepositional phrase ending at
/// `p`, like "At 5 a.m.": at most three words, the first a preposition.
pub(crate) fn is_fragment(text: &str, s: usize, p: usize) -> bool {
    let mut words = text[s..p].split_ascii_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    crate::split::abbreviations::is_fragment_opener(first) && words.take(3).count() <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_sees_capitals_behind_quotes_and_dashes() {
        assert!(matches!(look("\"We", 0), Next::Opener { paren: false }));
        assert_eq!(look("- Posted", 0), Next::Dash);
        assert_eq!(look("-- you", 0), Next::Other);
        assert!(matches!(look("iPod sales", 0), Next::Upper { .. }));
        assert_eq!(look("said", 0), Next::Lower);
    }

    #[test]
    fn closers_and_citations_are_swallowed() {
        let t = ".\"[6][7] Next";
        assert_eq!(swallow_closers(t, 1), (8, Closer::Double));
    }

    #[test]
    fn headings_are_short_or_title_case() {
        let t = "Putter King Scavenger Hunt Trophy";
        assert!(heading_like(t, 0, t.len()));
        let t = "This is a sentence";
        assert!(!heading_like(t, 0, t.len()));
    }
}
