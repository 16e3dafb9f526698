//! The forward scan behind [`super::split`].
//!
//! Each handler is called at one interesting byte, may cut the current
//! segment, and returns where the scan goes on (always further right), so the
//! whole pass is linear apart from short, bounded look-arounds.

mod marks;

use super::Span;
use super::abbreviations::{self, AbbrevKind};
use super::lists::{self, Kind, Marker, Sep};
use super::rules::{self, Closer, INTERESTING, Next, is_bullet, is_ws};

/// What ended the candidate sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Period,
    /// '?', '!', an ellipsis, an interrupted quotation.
    Other,
    /// Full-width stops, which need no following capital.
    Hard,
}

/// The state of one pass over one text.
pub(crate) struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    out: Vec<Span>,
    /// Start of the segment being built (not yet trimmed).
    seg_start: usize,
    /// Start of the current line.
    line_start: usize,
    /// The last list marker seen in this paragraph.
    last_marker: Option<Marker>,
}

impl<'a> Scanner<'a> {
    /// A scanner at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Scanner {
            text,
            b: text.as_bytes(),
            // News sentences average well over 100 bytes; this avoids most regrowth.
            out: Vec::with_capacity(text.len() / 100 + 1),
            seg_start: 0,
            line_start: 0,
            last_marker: None,
        }
    }

    /// Scans the whole text and returns the spans.
    pub(crate) fn run(mut self) -> Vec<Span> {
        let n = self.b.len();
        let mut i = 0;
        while i < n {
            let c = self.b[i];
            if !INTERESTING[usize::from(c)] {
                i += 1;
                continue;
            }
            let next = match c {
                b'.' => self.period(i),
                b'?' | b'!' => self.bang(i),
                b'\n' | b'\r' => self.newline(i),
                b')' => self.paren_marker(i),
                b'"' | b'\'' | b'(' | b'[' | b'<' => self.opener(i, char::from(c), 1),
                _ => self.multibyte(i),
            };
            i = next.max(i + 1);
        }
        self.cut(n);
        self.out
    }

    /// Ends the current segment at `at` and starts the next one there.
    fn cut(&mut self, at: usize) {
        let piece = &self.text[self.seg_start..at];
        let trimmed = piece.trim_start();
        let start = at - trimmed.len();
        let trimmed = trimmed.trim_end();
        if !trimmed.is_empty() {
            self.out.push(Span {
                start,
                end: start + trimmed.len(),
            });
        }
        self.seg_start = at;
    }

    /// Whether nothing but whitespace, bullets and opening marks precedes `p` in the segment.
    fn seg_empty_before(&self, p: usize) -> bool {
        self.text[self.seg_start..p].chars().rev().all(|c| {
            c.is_whitespace() || is_bullet(c) || matches!(c, '(' | '[' | '"' | '\'' | '“' | '‘')
        })
    }

    fn period(&mut self, i: usize) -> usize {
        let b = self.b;
        let nx = b.get(i + 1).copied();
        if nx == Some(b'.') || (nx == Some(b' ') && b.get(i + 2) == Some(&b'.')) {
            return self.dots(i);
        }
        if let Some(m) = lists::at_separator(self.text, i)
            && let Some(resume) = self.marker(m)
        {
            return resume;
        }
        match nx {
            None => b.len(),
            Some(x) if x.is_ascii_digit() => self.citation_digits(i),
            Some(x) if x.is_ascii_uppercase() => self.glued(i),
            Some(x) if is_ws(x) || matches!(x, b'"' | b'\'' | b')' | b']' | b'[' | 0xE2 | 0xC2) => {
                self.candidate(i, i + 1, Stop::Period)
            }
            _ => i + 1,
        }
    }

    /// Decides on a list marker; `Some(resume)` when it is one, so its period
    /// or parenthesis is not read as the end of a sentence.
    fn marker(&mut self, m: Marker) -> Option<usize> {
        if self.seg_empty_before(m.start) {
            self.last_marker = Some(m);
            return Some(m.end);
        }
        let (q, _) = rules::skip_ws(self.b, m.end);
        let upper = matches!(rules::look(self.text, q), Next::Upper { .. });
        let follows = self.last_marker.is_some_and(|l| l.precedes(m));
        let item = match (m.kind, m.sep) {
            // Uppercase letters with a period are initials, not items.
            (Kind::Upper, Sep::Dot) => false,
            // "February 11. ... March 12." is no list: a numbered list written
            // inline has to start at 1.
            (Kind::Num, Sep::Dot) => {
                upper && (follows || (m.value == 1 && lists::later(self.text, m, 2)))
            }
            (_, Sep::Wrapped) => upper && (follows || lists::later(self.text, m, m.value + 1)),
            // "a." is also the article; ask for "a." itself and two more items.
            (Kind::Lower, Sep::Dot) => {
                follows
                    || (m.value == 0
                        && lists::later(self.text, m, 1)
                        && lists::later(self.text, m, 2))
            }
            _ => follows || lists::later(self.text, m, m.value + 1),
        };
        if !item {
            return None;
        }
        self.cut(m.start);
        self.last_marker = Some(m);
        Some(m.end)
    }

    /// A period followed by digits after a word: a citation ("consultation.11 12
    /// Take ...") when a capital follows; otherwise a decimal or a version.
    fn citation_digits(&mut self, i: usize) -> usize {
        let b = self.b;
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        if !(prev.is_ascii_lowercase() || prev == b')') {
            return i + 1;
        }
        let Some(mut end) = digits_token(b, i + 1) else {
            return i + 1;
        };
        loop {
            let (q, _) = rules::skip_ws(b, end);
            match digits_token(b, q) {
                Some(e) if e < b.len() => end = e,
                _ => break,
            }
        }
        let (q, _) = rules::skip_ws(b, end);
        if q < b.len() && matches!(rules::look(self.text, q), Next::Upper { .. }) {
            self.cut(end);
        }
        end
    }

    /// A period glued to a capital: "world.Today", but not "Jane.Doe@x.com",
    /// "www.testurl.Awesome.com" or "U.S.A".
    fn glued(&mut self, i: usize) -> usize {
        let b = self.b;
        let resume = i + 1;
        if i == 0 || !(b[i - 1].is_ascii_lowercase() || b[i - 1].is_ascii_digit()) {
            return resume;
        }
        if !b.get(i + 2).is_some_and(u8::is_ascii_lowercase) {
            return resume;
        }
        let mut j = i + 1;
        while j < b.len() && !is_ws(b[j]) {
            let dotted = b[j] == b'.' && b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric);
            if dotted || matches!(b[j], b'@' | b'/') || j - i > 64 {
                return resume;
            }
            j += 1;
        }
        let Some((_, word)) = rules::word_before(self.text, self.seg_start, i) else {
            return resume;
        };
        // "www.testurl.Awesome" is a host name; "$1.13bn.The" is not.
        let dotted = word
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b'.' && w[1].is_ascii_alphabetic());
        if dotted
            || word.bytes().any(|x| matches!(x, b'@' | b'/' | b':'))
            || abbreviations::kind(word).is_some()
        {
            return resume;
        }
        self.cut(resume);
        resume
    }

    /// Decides whether the stop at `p..q` ends the sentence; returns where to go on.
    fn candidate(&mut self, p: usize, q: usize, stop: Stop) -> usize {
        let n = self.b.len();
        let (q, closer) = rules::swallow_closers(self.text, q);
        if q >= n {
            return n;
        }
        if !is_ws(self.b[q]) {
            return q;
        }
        let (next_pos, newline) = rules::skip_ws(self.b, q);
        if next_pos >= n {
            return q;
        }
        let mut next = rules::look(self.text, next_pos);
        if closer == Closer::Single && matches!(next, Next::Opener { paren: true }) {
            // 'Well!' ... 'the house!' (Which was very likely true.) is one sentence.
            next = Next::Other;
        }
        if matches!(closer, Closer::Single | Closer::Double)
            && rules::attribution_tail(self.text, next_pos)
        {
            // '"... energy costs." Lichtblau said.' is one sentence.
            return q;
        }
        let ends = match stop {
            Stop::Period => self.period_ends(p, next, next_pos, newline),
            Stop::Other => newline || next.starts(),
            Stop::Hard => true,
        };
        if ends {
            self.cut(q);
        }
        q
    }

    /// Whether the period at `p` ends a sentence, given what comes next.
    fn period_ends(&self, p: usize, next: Next, next_pos: usize, newline: bool) -> bool {
        let plain = newline || next.starts();
        let Some((word_start, word)) = rules::word_before(self.text, self.seg_start, p) else {
            return plain;
        };
        let closing = |c: char| matches!(c, ')' | ']' | '"' | '\'' | '”' | '’');
        if word.is_empty() || word.ends_with(closing) {
            return plain;
        }
        let (upper, next_word) = match next {
            Next::Upper { word_end } => (true, &self.text[next_pos..word_end]),
            _ => (false, ""),
        };
        let all_caps = next_word.len() > 1 && next_word.bytes().all(|x| x.is_ascii_uppercase());
        // "Smith Bros. Ltd." and "Co. Inc.": an abbreviation does not open a sentence.
        let next_abbrev = upper
            && self.b.get(next_pos + next_word.len()) == Some(&b'.')
            && abbreviations::kind(next_word).is_some_and(|k| k != AbbrevKind::Title);
        // A parenthesis after an abbreviation is usually a gloss: "Corp. (EGPC)".
        let opener = matches!(next, Next::Opener { paren: false });
        // Whatever follows an abbreviation, a stop two words later means the
        // abbreviation was inside the sentence: "at C. Deilmann AG.".
        let short = || rules::short_tail(self.text, next_pos);
        // "Minneapolis-St." and "Japan/U.S." are read by their last part.
        let tail = word.rsplit(['-', '/']).next().unwrap_or(word);
        if let Some(kind) = abbreviations::kind(tail) {
            return match kind {
                AbbrevKind::Title => false,
                AbbrevKind::BeforeNumber => (upper || opener) && !short(),
                AbbrevKind::Ambiguous => {
                    ((upper && !all_caps && !next_abbrev) || opener)
                        && !self.fragment(p)
                        && !short()
                }
                // "7:20 a.m. CDT" names the time zone.
                AbbrevKind::Time => ((upper && !all_caps) || opener) && !self.fragment(p),
            };
        }
        if rules::is_initialism(tail) {
            // "U.S. Army" goes on; "in the U.S. The ..." ends.
            let starter = upper && abbreviations::is_sentence_starter(next_word);
            return (opener || starter) && !short();
        }
        match word.as_bytes() {
            [c] if c.is_ascii_uppercase() => {
                // An initial ("George W. Bush"), unless a lowercase word precedes
                // it ("you and I. Did ...").
                let initial =
                    self.seg_empty_before(word_start) || self.capitalised_before(word_start);
                !initial && plain && !short()
            }
            [c] if c.is_ascii_lowercase() => (upper || opener) && !short(),
            _ => plain,
        }
    }

    /// Whether the word before `word_start` is capitalised or itself ends in a period.
    fn capitalised_before(&self, word_start: usize) -> bool {
        let before = self.text[self.seg_start..word_start].trim_end();
        let end = self.seg_start + before.len();
        match rules::word_before(self.text, self.seg_start, end) {
            Some((_, w)) => w.starts_with(char::is_uppercase) || w.ends_with('.'),
            None => false,
        }
    }

    /// Whether the segment up to `p` is a lone phrase such as "At 5 a.m.".
    fn fragment(&self, p: usize) -> bool {
        rules::is_fragment(self.text, self.seg_start, p)
    }

    fn newline(&mut self, i: usize) -> usize {
        let b = self.b;
        let n = b.len();
        let (mut j, mut breaks) = (i, 0);
        while j < n && is_ws(b[j]) {
            match b[j] {
                b'\n' => breaks += 1,
                b'\r' if b.get(j + 1) != Some(&b'\n') => breaks += 1,
                _ => {}
            }
            j += 1;
        }
        let line_start = self.line_start;
        let line = line_start.max(self.seg_start);
        self.line_start = j;
        if breaks >= 2 {
            // A blank line always ends the paragraph.
            self.cut(i);
            self.last_marker = None;
            return j;
        }
        if j >= n || self.seg_empty_before(i) || ends_with_stop(&self.text[line..i]) {
            // A stop before the break was already decided on by its own handler.
            return j;
        }
        let ends = match rules::look(self.text, j) {
            Next::Upper { .. } | Next::Bullet | Next::Dash | Next::Opener { paren: false } => true,
            _ => {
                lists::line_starts_item(self.text, j)
                    || rules::heading_like(self.text, line_start, i)
            }
        };
        if ends {
            self.cut(i);
        }
        j
    }

    fn paren_marker(&mut self, i: usize) -> usize {
        lists::at_separator(self.text, i)
            .and_then(|m| self.marker(m))
            .unwrap_or(i + 1)
    }
}

/// The end of a run of one to three digits at `q` followed by whitespace or the end.
fn digits_token(b: &[u8], q: usize) -> Option<usize> {
    let mut e = q;
    while e < b.len() && b[e].is_ascii_digit() {
        e += 1;
    }
    let ok = (1..=3).contains(&(e - q)) && (e == b.len() || is_ws(b[e]));
    ok.then_some(e)
}

/// Whether `line` ends with a sentence stop, possibly followed by closing marks.
fn ends_with_stop(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['"', '\'', ')', ']', '”', '’', '»'])
        .ends_with(['.', '?', '!', '…', '。', '．', '！', '？'])
}
