//! Quotes, brackets, ellipses, '?', '!' and the non-ASCII marks: the handlers
//! that decide what a run of punctuation protects or ends.

use super::{Scanner, Stop};
use crate::split::lists;
use crate::split::rules::{self, char_at, is_bullet, is_ws};

/// Longest quotation (in bytes) kept whole; longer "quotes" are more likely an
/// unbalanced quote mark than one quoted sentence.
const MAX_QUOTE: usize = 500;
/// Longest parenthesis or bracket kept whole.
const MAX_BRACKET: usize = 300;

impl Scanner<'_> {
    /// Runs of dots: "...", ". . .", "....".
    pub(super) fn dots(&mut self, i: usize) -> usize {
        let b = self.b;
        let n = b.len();
        let attached = i > 0 && !is_ws(b[i - 1]);
        let (mut j, mut count, mut spaced) = (i, 0, false);
        while j < n {
            if b[j] == b'.' {
                count += 1;
            } else if b[j] == b' ' && b.get(j + 1) == Some(&b'.') {
                spaced = true;
            } else {
                break;
            }
            j += 1;
        }
        // "[...]" marks an omission inside a quotation.
        if i > 0 && b[i - 1] == b'[' && b.get(j) == Some(&b']') {
            return j + 1;
        }
        if attached && spaced {
            // "compounds. . . . The": a full stop, then an ellipsis opening the next sentence.
            let (q, _) = rules::swallow_closers(self.text, j);
            let (next, newline) = rules::skip_ws(b, q);
            if q < n
                && is_ws(b[q])
                && next < n
                && (newline || rules::look(self.text, next).starts())
            {
                self.cut(i + 1);
            }
            return j;
        }
        if !attached && count == 3 {
            // " ... " and " . . . " stand for words left out mid-sentence.
            return j;
        }
        self.candidate(i, j, Stop::Other)
    }

    pub(super) fn bang(&mut self, i: usize) -> usize {
        let b = self.b;
        // "!Xóõ" and "[?]" are not sentence ends.
        if i == 0 || is_ws(b[i - 1]) || matches!(b[i - 1], b'(' | b'[') {
            return i + 1;
        }
        let mut j = i;
        while j < b.len() && matches!(b[j], b'?' | b'!') {
            j += 1;
        }
        self.candidate(i, j, Stop::Other)
    }

    /// An opening quote or bracket at `i`: a closed quotation or parenthesis is
    /// skipped as a whole, so its inner stops do not split the sentence.
    pub(super) fn opener(&mut self, i: usize, c: char, len: usize) -> usize {
        if c == '('
            && let Some(m) = lists::wrapped_at(self.text, i)
            && let Some(resume) = self.marker(m)
        {
            return resume;
        }
        let b = self.b;
        let after = i + len;
        let bracket = matches!(c, '(' | '[' | '<');
        let opens = i == 0
            || bracket
            || is_ws(b[i - 1])
            || matches!(b[i - 1], b'(' | b'[' | b'-' | b'"' | b'\'')
            || self.text[..i].ends_with(['—', '–', '“', '‘']);
        if !opens || after >= b.len() || is_ws(b[after]) {
            return after;
        }
        let Some((close, close_len)) = self.find_closer(c, after) else {
            return after;
        };
        // Resume on the stop just inside the closer: a quoted sentence may end there.
        let mut t = close;
        while t > after
            && (matches!(b[t - 1], b'.' | b'?' | b'!') || (b[t - 1] == b' ' && b[t - 2] == b'.'))
        {
            t -= 1;
        }
        if t == close && self.text[after..close].ends_with('…') {
            t = close - '…'.len_utf8();
        }
        if t < close && t > after {
            return t;
        }
        let resume = close + close_len;
        if !bracket && self.text[after..close].ends_with(['-', '—']) {
            // An interrupted quotation ("... to--") ends the sentence before a capital.
            return self.candidate(close, resume, Stop::Other);
        }
        resume
    }

    /// The closing mark matching the opener `c`, on the same line and near enough.
    fn find_closer(&self, c: char, from: usize) -> Option<(usize, usize)> {
        let b = self.b;
        let limit = if matches!(c, '(' | '[') {
            MAX_BRACKET
        } else {
            MAX_QUOTE
        };
        let end = b.len().min(from + limit);
        let letter_after = |j: usize| b.get(j).is_some_and(u8::is_ascii_alphabetic);
        let mut depth = 0usize;
        for j in from..end {
            let x = b[j];
            let found = match (c, x) {
                (_, b'\n' | b'\r') => return None,
                // A straight quote after a space opens the next quotation: this one
                // was left open, as when a quoted paragraph runs on.
                ('"', b'"') if is_ws(b[j - 1]) => return None,
                ('"', b'"') | ('[', b']') | ('<', b'>') => Some(1),
                ('(', b'(') => {
                    depth += 1;
                    None
                }
                ('(', b')') if depth == 0 => Some(1),
                ('(', b')') => {
                    depth -= 1;
                    None
                }
                // An apostrophe inside a word ("they'll") does not close a quote.
                ('\'', b'\'') if !is_ws(b[j - 1]) && !letter_after(j + 1) => Some(1),
                ('“', 0xE2) if b[j..].starts_with("”".as_bytes()) => Some(3),
                ('‘', 0xE2) if b[j..].starts_with("’".as_bytes()) && !letter_after(j + 3) => {
                    Some(3)
                }
                _ => None,
            };
            if let Some(len) = found {
                return Some((j, len));
            }
        }
        None
    }

    pub(super) fn multibyte(&mut self, i: usize) -> usize {
        let Some(c) = char_at(self.text, i) else {
            return i + 1;
        };
        let len = c.len_utf8();
        match c {
            '…' if i > 0 && !is_ws(self.b[i - 1]) => self.candidate(i, i + len, Stop::Other),
            '。' | '．' | '！' | '？' => {
                let (q, _) = rules::swallow_closers(self.text, i + len);
                let again = matches!(char_at(self.text, q), Some('。' | '．' | '！' | '？'));
                if q < self.b.len() && !is_ws(self.b[q]) && !again {
                    // Full-width stops need no space after them.
                    self.cut(q);
                    return q;
                }
                self.candidate(i, i + len, Stop::Hard)
            }
            '“' | '‘' => self.opener(i, c, len),
            c if is_bullet(c) => {
                if i > 0 && is_ws(self.b[i - 1]) && !self.seg_empty_before(i) {
                    self.cut(i);
                }
                i + len
            }
            _ => i + len,
        }
    }
}
