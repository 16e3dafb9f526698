//! A small tokenizer shared by every analysis pass: words, numbers and single
//! symbols with byte offsets, and whether each token touches the one before it.
//!
//! Hand-written rather than regex-based because analysis runs on every claim at
//! import and must stay far cheaper than the SQLite insert that follows it.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters, with inner apostrophes kept ("don't", "Iraq's").
    Word,
    /// Digits with thousands separators and one decimal part ("3,500", "1.13").
    Num,
    /// Any other single non-space character ("$", "%", "-", ",").
    Sym(char),
}

/// One token of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the token is made of.
    pub kind: TokKind,
    /// True when no whitespace separates this token from the previous one,
    /// which tells "$5" from "$ 5" and "F-16" from "F - 16".
    pub glued: bool,
}

impl Tok {
    /// The token's text in `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// True for a word token.
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    /// True for the symbol `c`.
    pub fn is_sym(&self, c: char) -> bool {
        self.kind == TokKind::Sym(c)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Split `text` into tokens, in order.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    let mut prev_end = usize::MAX;
    let mut start = 0;
    // Each token is scanned once: the next starts where it ended.
    while let Some(c) = text[start..].chars().next() {
        if c.is_whitespace() {
            start += c.len_utf8();
            continue;
        }
        let glued = prev_end == start;
        let (end, kind) = if c.is_ascii_digit() {
            (scan_number(text, start), TokKind::Num)
        } else if c.is_alphabetic() {
            (scan_word(text, start), TokKind::Word)
        } else {
            (start + c.len_utf8(), TokKind::Sym(c))
        };
        toks.push(Tok {
            start,
            end,
            kind,
            glued,
        });
        prev_end = end;
        start = end;
    }
    toks
}

fn scan_word(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut iter = text[start..].char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphabetic() {
            end = start + i + c.len_utf8();
        } else if is_apostrophe(c) {
            // Keep the apostrophe only between letters: "Iraq's" but not "Iraqis'".
            match iter.peek() {
                Some(&(_, n)) if n.is_alphabetic() => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

fn scan_number(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let digits_from = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut end = digits_from(start);
    // Thousands groups only when exactly three digits follow, so "3, 4" stays apart.
    while end < b.len() && b[end] == b',' && digits_from(end + 1) == end + 4 {
        end += 4;
    }
    if end + 1 < b.len() && b[end] == b'.' && b[end + 1].is_ascii_digit() {
        end = digits_from(end + 1);
    }
    end
}

/// A claim's text, its ASCII-lowercased twin (same byte offsets) and tokens.
pub struct Ctx<'a> {
    /// The claim as written.
    pub text: &'a str,
    /// `text` with ASCII letters lowercased, so byte offsets match.
    pub lower: &'a str,
    /// The claim's tokens.
    pub toks: &'a [Tok],
}

impl<'a> Ctx<'a> {
    /// Bundle a claim with its lowercased twin and its tokens.
    pub fn new(text: &'a str, lower: &'a str, toks: &'a [Tok]) -> Self {
        Ctx { text, lower, toks }
    }

    /// The lowercased word at token `i`, or "" when it is not a word.
    pub fn word(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) if t.is_word() => &self.lower[t.start..t.end],
            _ => "",
        }
    }

    /// True when token `i` is the symbol `c`.
    pub fn sym(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_sym(c))
    }

    /// True when token `i` is a number.
    pub fn num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Num)
    }

    /// True when token `i` exists and touches the token before it.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued)
    }

    /// True when the word at `i` starts with a capital letter as written.
    pub fn capitalized(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.is_word() && self.text[t.start..].starts_with(|c: char| c.is_uppercase())
        })
    }

    /// True for an all-capitals word of two letters or more ("US", "UN").
    pub fn acronym(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            let s = t.text(self.text);
            t.is_word() && s.len() >= 2 && s.chars().all(|c| c.is_uppercase())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn splits_money_and_separators() {
        assert_eq!(
            texts("jumped 76% to $1.13bn (£600m), 3,500 jobs"),
            [
                "jumped", "76", "%", "to", "$", "1.13", "bn", "(", "£", "600", "m", ")", ",",
                "3,500", "jobs"
            ]
        );
    }

    #[test]
    fn keeps_inner_apostrophes_and_marks_glue() {
        let s = "Iraq's F-16 don't 3, 4";
        let toks = tokenize(s);
        assert_eq!(texts(s), ["Iraq's", "F", "-", "16", "don't", "3", ",", "4"]);
        assert!(toks[2].glued && toks[3].glued && !toks[4].glued);
    }
}
