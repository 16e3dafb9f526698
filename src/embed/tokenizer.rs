//! BERT's uncased tokenizer: basic splitting, then WordPiece over `vocab.txt`.
//!
//! As Hugging Face's `BertTokenizer` with `do_lower_case`: control characters
//! are dropped, CJK ideographs become words of their own, text is lowercased
//! and its accents stripped (NFD, combining marks removed), punctuation is
//! split off, and each word is cut greedily into the longest vocabulary
//! pieces (continuations prefixed `##`); a word that cannot be cut is `[UNK]`.

use std::collections::HashMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{Arch, ModelError};

/// Words longer than this many characters are `[UNK]`, as in BERT.
const MAX_WORD_CHARS: usize = 100;

/// A WordPiece vocabulary and the ids of its special tokens.
#[derive(Debug, Clone)]
pub struct Tokenizer {
    ids: HashMap<String, u32>,
    unk: u32,
    cls: u32,
    sep: u32,
}

impl Tokenizer {
    /// Reads `vocab.txt` of an `arch` model: one token a line, the id being
    /// the line number.
    pub fn read(path: &Path, arch: Arch) -> Result<Self, ModelError> {
        let text = std::fs::read_to_string(path).map_err(|e| ModelError::Read {
            path: path.to_path_buf(),
            source: e,
        })?;
        Self::from_vocab_for(text.lines(), arch).map_err(|why| ModelError::Invalid {
            path: path.to_path_buf(),
            why,
        })
    }

    /// A BERT tokenizer over the given tokens, in id order; it must hold
    /// `[UNK]`, `[CLS]` and `[SEP]`.
    pub fn from_vocab<'a>(tokens: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        Self::from_vocab_for(tokens, Arch::Bert)
    }

    /// A tokenizer of an `arch` model over the given tokens, in id order. The
    /// sequence is framed by `[CLS]` and `[SEP]` for BERT, by `<s>` and
    /// `</s>` for MPNet (whose vocabulary holds BERT's too, unused); both
    /// call an unknown word `[UNK]`.
    pub fn from_vocab_for<'a>(
        tokens: impl IntoIterator<Item = &'a str>,
        arch: Arch,
    ) -> Result<Self, String> {
        let mut ids = HashMap::new();
        for (i, t) in tokens.into_iter().enumerate() {
            ids.entry(t.trim_end_matches('\r').to_string())
                .or_insert(i as u32);
        }
        let special = |t: &str| {
            ids.get(t)
                .copied()
                .ok_or_else(|| format!("the vocabulary has no {t} token"))
        };
        let (cls, sep) = match arch {
            Arch::Bert => ("[CLS]", "[SEP]"),
            Arch::MPNet => ("<s>", "</s>"),
        };
        Ok(Self {
            unk: special("[UNK]")?,
            cls: special(cls)?,
            sep: special(sep)?,
            ids,
        })
    }

    /// Number of tokens in the vocabulary (the largest id plus one).
    pub fn vocab_size(&self) -> usize {
        self.ids.values().max().map_or(0, |&m| m as usize + 1)
    }

    /// The ids of `text`, framed by `[CLS]` and `[SEP]`, at most `max_len` of
    /// them in all (the word pieces are truncated; `max_len` ≥ 2).
    pub fn encode(&self, text: &str, max_len: usize) -> Vec<u32> {
        let mut out = vec![self.cls];
        let room = max_len.max(2) - 1;
        for word in basic_tokens(text) {
            if out.len() >= room {
                break;
            }
            self.word_pieces(&word, &mut out);
        }
        out.truncate(room);
        out.push(self.sep);
        out
    }

    /// Appends the WordPiece ids of one basic token.
    fn word_pieces(&self, word: &str, out: &mut Vec<u32>) {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        if chars.len() > MAX_WORD_CHARS {
            out.push(self.unk);
            return;
        }
        let mark = out.len();
        let mut start = 0;
        let mut piece = String::new();
        while start < chars.len() {
            let mut end = chars.len();
            let mut found = None;
            while end > start {
                let from = chars[start].0;
                let to = chars.get(end).map_or(word.len(), |c| c.0);
                piece.clear();
                if start > 0 {
                    piece.push_str("##");
                }
                piece.push_str(&word[from..to]);
                if let Some(&id) = self.ids.get(&piece) {
                    found = Some(id);
                    break;
                }
                end -= 1;
            }
            match found {
                Some(id) => out.push(id),
                None => {
                    out.truncate(mark);
                    out.push(self.unk);
                    return;
                }
            }
            start = end;
        }
    }
}

/// BERT's basic tokens of `text`: lowercased, accents stripped, punctuation
/// and CJK ideographs split off as tokens of their own.
pub fn basic_tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, tokens: &mut Vec<String>| {
        if !word.is_empty() {
            tokens.push(std::mem::take(word));
        }
    };
    for c in text.chars() {
        if c == '\0' || c == '\u{fffd}' || is_control(c) {
            continue;
        }
        if c.is_whitespace() {
            flush(&mut word, &mut tokens);
        } else if is_cjk(c) {
            flush(&mut word, &mut tokens);
            tokens.push(c.to_string());
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut tokens);
    let mut out = Vec::with_capacity(tokens.len());
    for token in tokens {
        let lower: String = token
            .to_lowercase()
            .nfd()
            .filter(|&c| !is_combining_mark(c))
            .collect();
        let mut part = String::new();
        for c in lower.chars() {
            if is_punctuation(c) {
                flush(&mut part, &mut out);
                out.push(c.to_string());
            } else {
                part.push(c);
            }
        }
        flush(&mut part, &mut out);
    }
    out
}

/// Control and format characters BERT drops (tab, newline and CR are whitespace).
fn is_control(c: char) -> bool {
    if matches!(c, '\t' | '\n' | '\r') {
        return false;
    }
    c.is_control()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}')
}

/// CJK ideographs, which BERT tokenizes one by one.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B820..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

/// ASCII symbols and the Unicode punctuation blocks (BERT: every ASCII
/// non-alphanumeric symbol, and Unicode category P*).
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c as u32,
            0xA1 | 0xA7 | 0xAB | 0xB6 | 0xB7 | 0xBB | 0xBF | 0x37E | 0x387
            | 0x55A..=0x55F | 0x589 | 0x58A | 0x5BE | 0x5C0 | 0x5C3 | 0x5C6 | 0x5F3 | 0x5F4
            | 0x609 | 0x60A | 0x60C | 0x60D | 0x61B | 0x61E | 0x61F | 0x66A..=0x66D | 0x6D4
            | 0x964 | 0x965 | 0x970 | 0xE4F | 0xE5A | 0xE5B
            | 0x2010..=0x2027 | 0x2030..=0x2043 | 0x2045..=0x2051 | 0x2053..=0x205E
            | 0x207D | 0x207E | 0x208D | 0x208E | 0x2308..=0x230B | 0x2329 | 0x232A
            | 0x2768..=0x2775 | 0x27C5 | 0x27C6 | 0x27E6..=0x27EF | 0x2983..=0x2998
            | 0x29D8..=0x29DB | 0x29FC | 0x29FD | 0x2E00..=0x2E4F
            | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F | 0x3030 | 0x303D
            | 0x30A0 | 0x30FB | 0xFE10..=0xFE19 | 0xFE30..=0xFE52 | 0xFE54..=0xFE61
            | 0xFE63 | 0xFE68 | 0xFE6A | 0xFE6B | 0xFF01..=0xFF03 | 0xFF05..=0xFF0A
            | 0xFF0C..=0xFF0F | 0xFF1A | 0xFF1B | 0xFF1F | 0xFF20 | 0xFF3B..=0xFF3D
            | 0xFF3F | 0xFF5B | 0xFF5D | 0xFF5F..=0xFF65)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Tokenizer {
        let vocab = [
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "un", "##aff", "##able", "cafe", ",", "!",
            "run", "##ning", "'", "s", "中", "wedding", "ring", "##s",
        ];
        Tokenizer::from_vocab(vocab).unwrap()
    }

    #[test]
    fn basic_tokens_lowercase_strip_accents_and_split_punctuation() {
        assert_eq!(
            basic_tokens("Héllo,  WORLD!\u{200b} It's «café»—中文"),
            [
                "hello", ",", "world", "!", "it", "'", "s", "«", "cafe", "»", "—", "中", "文"
            ]
        );
        assert!(basic_tokens(" \t\n ").is_empty());
    }

    #[test]
    fn word_pieces_take_the_longest_match_first() {
        let t = tiny();
        assert_eq!(t.encode("unaffable", 16), [2, 5, 6, 7, 3]);
        assert_eq!(
            t.encode("The Running, Café!", 16),
            [2, 4, 11, 12, 9, 8, 10, 3]
        );
        // A word with an unknown piece is one [UNK], and so is an unknown character.
        assert_eq!(t.encode("unaffablex rings 文", 16), [2, 1, 17, 18, 1, 3]);
        assert_eq!(
            t.encode("wedding ring's 中", 16),
            [2, 16, 17, 13, 14, 15, 3]
        );
        assert_eq!(t.encode("", 16), [2, 3]);
    }

    #[test]
    fn encoding_truncates_to_the_maximum_length() {
        let t = tiny();
        assert_eq!(t.encode("the the the the", 4), [2, 4, 4, 3]);
        assert_eq!(t.encode("unaffable the", 3), [2, 5, 3]);
        assert_eq!(t.encode(&"x".repeat(101), 8), [2, 1, 3]);
        assert_eq!(t.vocab_size(), 19);
        assert!(Tokenizer::from_vocab(["[UNK]", "[CLS]"]).is_err());
    }

    #[test]
    fn mpnet_frames_with_s_tags_though_its_vocabulary_holds_bert_s() {
        let vocab = [
            "<s>", "<pad>", "</s>", "<unk>", "[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "ring",
        ];
        let t = Tokenizer::from_vocab_for(vocab, Arch::MPNet).unwrap();
        assert_eq!(t.encode("The ring x", 16), [0, 8, 9, 5, 2]);
        let bert = Tokenizer::from_vocab(vocab).unwrap();
        assert_eq!(bert.encode("The ring x", 16), [6, 8, 9, 5, 7]);
        assert!(Tokenizer::from_vocab_for(["[UNK]", "<s>"], Arch::MPNet).is_err());
    }
}
