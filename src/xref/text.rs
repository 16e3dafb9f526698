//! Text normalization for matching: tokens, stop words, light stemming, numbers.
//!
//! Every matcher in this module sees text through [`for_each_token`], so a claim,
//! a tweet and a fact-check agree on what a "term" is. Terms are hashed to `u64`
//! so that comparing two claims is a merge of sorted integer lists, not string work.

use crate::analyze::lexicon::WordSet;

/// Words too common to say anything about which claim a sentence makes.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "between", "both", "but", "by", "can", "could",
    "d", "did", "do", "does", "doing", "during", "each", "few", "for", "from", "further", "had",
    "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "itself", "just", "ll", "m", "me", "more", "most", "my", "nd", "no",
    "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours",
    "out", "over", "own", "per", "rd", "re", "s", "said", "same", "says", "she", "should", "so",
    "some", "st", "such", "t", "th", "than", "that", "the", "their", "theirs", "them", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
    "ve", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "would", "you", "your", "yours",
];

/// Number words written out, so that "two decades" and "2 decades" share a term.
fn number_word(word: &str) -> Option<&'static str> {
    // A match, not a scan of a list: this runs for every word of every
    // claim imported and compared, and most words are as long as one of these.
    Some(match word {
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "ten" => "10",
        "eleven" => "11",
        "twelve" => "12",
        "twenty" => "20",
        "hundred" => "100",
        "thousand" => "1000",
        "bn" => "billion",
        "mn" => "million",
        "pct" => "percent",
        "cent" => "percent",
        _ => return None,
    })
}

/// A 64-bit FNV-1a hash: fast, dependency-free and stable across runs, which the
/// committed model and any stored counts rely on.
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Combines the hashes of consecutive terms into the hash of the n-gram.
pub(crate) fn combine(a: u64, b: u64) -> u64 {
    (a.rotate_left(17) ^ b).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// True for words that carry no claim of their own.
pub fn is_stop_word(word: &str) -> bool {
    // Hashed: this runs for every token of every claim compared.
    static SET: WordSet = WordSet::of(STOP_WORDS);
    SET.contains(word)
}

/// One normalized token, handed to the callback of [`for_each_token`].
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    /// The normalized, stemmed term: "attack" for "Attacks", "1000" for "1,000".
    pub term: &'a str,
    /// The word as written, lowercased: what a full-text index would hold.
    pub surface: &'a str,
    /// A stop word: counts for phrasing, not for meaning.
    pub stop: bool,
    /// A number (digits, or a number word).
    pub number: bool,
    /// Written with a capital letter: a name, or the first word of a sentence.
    pub capital: bool,
}

/// Strips common English suffixes so that "attacks", "attacked" and "attacking"
/// meet; deliberately lighter than Porter, because over-stemming merges names.
pub(crate) fn stem(word: &str, out: &mut String) {
    out.clear();
    let w = word;
    let n = w.len();
    let base = if n > 4 && w.ends_with("ies") {
        out.push_str(&w[..n - 3]);
        out.push('y');
        return;
    } else if n > 4 && w.ends_with("sses") {
        &w[..n - 2]
    } else if n > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        &w[..n - 1]
    } else if n > 5 && w.ends_with("ing") {
        &w[..n - 3]
    } else if n > 4 && w.ends_with("ed") && !w.ends_with("eed") {
        &w[..n - 2]
    } else {
        w
    };
    let b = base.as_bytes();
    let k = b.len();
    // "running" -> "runn" -> "run", but "falling" keeps its "ll" like "fall"; a
    // final "e" goes so that "release" meets "released". ASCII only: a doubled
    // byte may sit inside a multi-byte character.
    let trim = k > 3
        && b[k - 1].is_ascii_lowercase()
        && (b[k - 1] == b'e'
            || (b[k - 1] == b[k - 2] && !matches!(b[k - 1], b'l' | b's' | b'z') && base.len() < n));
    if trim {
        out.push_str(&base[..k - 1]);
    } else {
        out.push_str(base);
    }
}

/// Canonical form of a number as written: "1,000" -> "1000", "2.50" -> "2.5".
fn normalize_number(raw: &str, out: &mut String) {
    out.clear();
    out.extend(raw.chars().filter(|&c| c != ','));
    if out.contains('.') {
        while out.ends_with('0') {
            out.pop();
        }
        if out.ends_with('.') {
            out.pop();
        }
    }
}

/// Calls `f` with every token of `text`, in order, without allocating per token.
///
/// Words are split at any character that is not a letter or digit, and between
/// digits and letters ("$1.13bn" gives "1.13" and "billion", "2020pic" gives "2020"
/// and "pic"); "'s" is dropped; "%" becomes the word "percent".
pub fn for_each_token(text: &str, mut f: impl FnMut(Token<'_>)) {
    let mut word = String::with_capacity(32);
    let mut term = String::with_capacity(32);
    let emit = |word: &str,
                digits: bool,
                capital: bool,
                term: &mut String,
                f: &mut dyn FnMut(Token<'_>)| {
        if word.is_empty() {
            return;
        }
        if digits {
            normalize_number(word, term);
            f(Token {
                term,
                surface: word,
                stop: false,
                number: true,
                capital: false,
            });
            return;
        }
        if let Some(n) = number_word(word) {
            let number = n.as_bytes()[0].is_ascii_digit();
            f(Token {
                term: n,
                surface: word,
                stop: false,
                number,
                capital,
            });
            return;
        }
        let stop = is_stop_word(word);
        stem(word, term);
        f(Token {
            term,
            surface: word,
            stop,
            number: false,
            capital,
        });
    };
    let mut digits = false;
    let mut capital = false;
    // No buffer of chars: the two characters of lookahead come from a copy
    // of the iterator (this runs for every claim imported and compared).
    let mut rest = text.chars();
    while let Some(c) = rest.next() {
        let mut ahead = rest.clone();
        let next = ahead.next().unwrap_or(' ');
        if c.is_alphanumeric() {
            let is_digit = c.is_ascii_digit();
            if !word.is_empty() && is_digit != digits {
                emit(&word, digits, capital, &mut term, &mut f);
                word.clear();
            }
            if word.is_empty() {
                capital = c.is_uppercase();
            }
            digits = is_digit;
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        } else if digits && (c == '.' || c == ',') && next.is_ascii_digit() {
            word.push(c);
        } else if (c == '\'' || c == '\u{2019}') && !word.is_empty() && next.is_alphabetic() {
            let after = ahead.next().unwrap_or(' ');
            if (next == 's' || next == 'S') && !after.is_alphanumeric() {
                rest.next(); // possessive: "Iraq's" is about Iraq
            }
        } else {
            emit(&word, digits, capital, &mut term, &mut f);
            word.clear();
            if c == '%' {
                f(Token {
                    term: "percent",
                    surface: "%",
                    stop: false,
                    number: false,
                    capital: false,
                });
            }
        }
    }
    emit(&word, digits, capital, &mut term, &mut f);
}

/// The content terms of `text` (stemmed, stop words removed), in order.
///
/// These are the terms an [`Idf`](super::Idf) counts: a store keeping document
/// frequencies should count each distinct term of `terms(claim)` once per claim.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t| {
        if !t.stop {
            out.push(t.term.to_string());
        }
    });
    out
}

/// Cleans a tweet or a pasted post for matching: drops URLs and "pic.twitter.com"
/// links, and turns hashtags and @mentions into words ("#IranProtests" gives
/// "Iran Protests", "@BarackObama" gives "Barack Obama").
///
/// The "— Name (@handle) date" signature is kept: on CheckThat! 2020, who posted
/// and when often names the fact-check ("Reginald VelJohnson Death Hoax"), and
/// dropping it costs 0.03 MAP@5.
pub fn clean_query(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for raw in text.split_whitespace() {
        // "camera.#IranUsapic.twitter.com/xyz": keep what precedes the glued link.
        let word = match raw.find("pic.twitter.com").or_else(|| raw.find("http")) {
            Some(i) => &raw[..i],
            None => raw,
        };
        if word.is_empty() || word.starts_with("www.") {
            continue;
        }
        if word.contains('#') || word.contains('@') {
            split_camel(word, &mut out);
        } else {
            out.push_str(word);
        }
        out.push(' ');
    }
    out.truncate(out.trim_end().len());
    out
}

/// "#IranProtests" -> "Iran Protests", "@realDonaldTrump" -> "real Donald Trump";
/// "WW3" and "COVID19" stay whole.
fn split_camel(word: &str, out: &mut String) {
    let mut prev_lower = false;
    for c in word.chars() {
        if c == '#' || c == '@' {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            if c.is_uppercase() && prev_lower {
                out.push(' ');
            }
            out.push(c);
        }
        prev_lower = c.is_lowercase();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn money_and_percent_split_into_comparable_terms() {
        assert_eq!(terms("$1.13bn"), ["1.13", "billion"]);
        assert_eq!(terms("76%"), terms("76 per cent"));
        assert_eq!(terms("1,000 troops"), ["1000", "troop"]);
        assert_eq!(terms("two decades"), ["2", "decad"]);
    }

    #[test]
    fn short_and_non_ascii_words_stem_safely() {
        assert_eq!(terms("x ッッ café naïve"), ["x", "ッッ", "café", "naïv"]);
    }

    #[test]
    fn stemming_meets_inflections() {
        assert_eq!(terms("attacks attacked attacking"), ["attack"; 3]);
        assert_eq!(terms("Iraq's militias"), ["iraq", "militia"]);
        assert_eq!(terms("released release"), ["releas", "releas"]);
    }

    /// Every token as a comparable tuple.
    fn tokens(text: &str) -> Vec<(String, String, bool, bool, bool)> {
        let mut out = Vec::new();
        for_each_token(text, |t| {
            out.push((
                t.term.to_string(),
                t.surface.to_string(),
                t.stop,
                t.number,
                t.capital,
            ));
        });
        out
    }

    /// The words of `text` as the first tokenizer split them (over a buffer
    /// of chars, lowercasing every char alike): surfaces and capitals.
    fn reference_words(text: &str) -> Vec<(String, bool)> {
        let chars: Vec<char> = text.chars().collect();
        let (mut out, mut word) = (Vec::new(), String::new());
        let (mut digits, mut capital) = (false, false);
        let flush = |out: &mut Vec<(String, bool)>, word: &mut String, capital: bool| {
            if !word.is_empty() {
                out.push((std::mem::take(word), capital));
            }
        };
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            if c.is_alphanumeric() {
                let is_digit = c.is_ascii_digit();
                if !word.is_empty() && is_digit != digits {
                    flush(&mut out, &mut word, capital);
                }
                if word.is_empty() {
                    capital = c.is_uppercase();
                }
                digits = is_digit;
                word.extend(c.to_lowercase());
            } else if digits && (c == '.' || c == ',') && next.is_ascii_digit() {
                word.push(c);
            } else if (c == '\'' || c == '\u{2019}') && !word.is_empty() && next.is_alphabetic() {
                let after = chars.get(i + 2).copied().unwrap_or(' ');
                if (next == 's' || next == 'S') && !after.is_alphanumeric() {
                    i += 1;
                }
            } else {
                flush(&mut out, &mut word, capital);
                if c == '%' {
                    out.push(("%".to_string(), false));
                }
            }
            i += 1;
        }
        flush(&mut out, &mut word, capital);
        out
    }

    proptest::proptest! {
        #[test]
        fn tokens_split_words_as_the_buffered_tokenizer_did(
            text in "([A-Za-zÉéİßッ0-9 ,.%$'\u{2019}-]|'s|’S){0,60}"
        ) {
            let words: Vec<(String, bool)> =
                tokens(&text).into_iter().map(|t| (t.1, t.4)).collect();
            proptest::prop_assert_eq!(words, reference_words(&text));
        }
    }

    #[test]
    fn possessives_and_contractions_tokenize_as_before() {
        let t = tokens("Iraq's militias didn't say it's 76% of ÉTATS’s");
        let surfaces: Vec<&str> = t.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(
            surfaces,
            [
                "iraq", "militias", "didnt", "say", "it", "76", "%", "of", "états"
            ]
        );
    }

    #[test]
    fn tweets_lose_links_and_split_tags_into_words() {
        let tweet = "The US drone attack on #Soleimani caught on camera.#IranUsapic.twitter.com/TvRkHvlgby \
                     \u{2014} Olaudah Equiano (@RealOlaudah) January 6, 2020";
        let cleaned = "The US drone attack on Soleimani caught on camera. Iran Usa \u{2014} Olaudah \
                       Equiano ( Real Olaudah) January 6, 2020";
        assert_eq!(clean_query(tweet), cleaned);
        assert_eq!(
            clean_query("@BarackObama https://t.co/x said"),
            "Barack Obama said"
        );
    }
}
