//! Word lists the analysis passes share: number words, units, function words.
//!
//! Every lookup takes a lowercased word. Lists are small slices scanned
//! linearly, except the long ones, kept in [`WordSet`]s.

use std::sync::OnceLock;

/// A set of words written as one space-separated string, hashed into an
/// open-addressing table on first use: these lookups run for nearly every
/// token, and a binary search over strings spent most of its time in memcmp.
pub struct WordSet {
    words: Words,
    table: OnceLock<Table>,
}

/// Where a [`WordSet`]'s words are written.
enum Words {
    Spaced(&'static str),
    Listed(&'static [&'static str]),
}

/// Slots of a power-of-two size, at most half full; `""` marks a free slot.
struct Table {
    slots: Vec<&'static str>,
    mask: u64,
}

impl WordSet {
    /// A set over the whitespace-separated words of `words`.
    pub const fn new(words: &'static str) -> Self {
        WordSet {
            words: Words::Spaced(words),
            table: OnceLock::new(),
        }
    }

    /// A set over the words of a list.
    pub const fn of(words: &'static [&'static str]) -> Self {
        WordSet {
            words: Words::Listed(words),
            table: OnceLock::new(),
        }
    }

    /// True when `w` is one of the words.
    pub fn contains(&self, w: &str) -> bool {
        let table = self.table.get_or_init(|| match self.words {
            Words::Spaced(words) => Table::new(words.split_ascii_whitespace().collect()),
            Words::Listed(words) => Table::new(words.to_vec()),
        });
        let mut i = hash(w.as_bytes()) & table.mask;
        loop {
            let slot = table.slots[i as usize];
            if slot.is_empty() {
                return false;
            }
            if slot == w {
                return true;
            }
            i = (i + 1) & table.mask;
        }
    }
}

impl Table {
    fn new(words: Vec<&'static str>) -> Table {
        let size = (2 * words.len() + 2).next_power_of_two();
        let mask = size as u64 - 1;
        let mut slots = vec![""; size];
        for word in words.into_iter().filter(|w| !w.is_empty()) {
            let mut i = hash(word.as_bytes()) & mask;
            while !slots[i as usize].is_empty() && slots[i as usize] != word {
                i = (i + 1) & mask;
            }
            slots[i as usize] = word;
        }
        Table { slots, mask }
    }
}

/// FNV-1a, folded so the low bits (the slot) depend on every byte.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^ (h >> 29)
}

/// The value of a cardinal number word below a hundred: "seven" is 7.
pub fn small_number(w: &str) -> Option<f64> {
    // A match, not a scan of lists: quantity extraction asks this of nearly
    // every word.
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// The multiplier of a scale word or abbreviation: "million" and "m" are 1e6.
/// `strict` excludes one-letter abbreviations that only read as scales after a
/// currency sign or glued to a number ("$5 m", "1.2m").
pub fn scale(w: &str, strict: bool) -> Option<f64> {
    let v = match w {
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" | "mn" | "mln" => 1e6,
        "billion" | "bn" | "bln" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        "m" if !strict => 1e6,
        "k" if !strict => 1e3,
        "b" if !strict => 1e9,
        _ => return None,
    };
    Some(v)
}

/// The value of a vague plural scale: "thousands" (of troops) is at least 1000.
pub fn vague_scale(w: &str) -> Option<f64> {
    match w {
        "dozens" => Some(12.0),
        "hundreds" => Some(100.0),
        "thousands" => Some(1e3),
        "millions" => Some(1e6),
        "billions" => Some(1e9),
        _ => None,
    }
}

/// The value of an ordinal word: "fourth" is 4.
pub fn ordinal_word(w: &str) -> Option<f64> {
    // A match (as `small_number`); "zeroth" ranks nothing.
    Some(match w {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "eleventh" => 11.0,
        "twelfth" => 12.0,
        "thirteenth" => 13.0,
        "fourteenth" => 14.0,
        "fifteenth" => 15.0,
        "sixteenth" => 16.0,
        "seventeenth" => 17.0,
        "eighteenth" => 18.0,
        "nineteenth" => 19.0,
        "twentieth" => 20.0,
        "thirtieth" => 30.0,
        "fortieth" => 40.0,
        "fiftieth" => 50.0,
        "sixtieth" => 60.0,
        "seventieth" => 70.0,
        "eightieth" => 80.0,
        "ninetieth" => 90.0,
        "hundredth" => 100.0,
        "thousandth" => 1000.0,
        _ => return None,
    })
}

/// A currency word after a number, as an ISO code and a factor: "pence" is GBP / 100.
pub fn currency_word(w: &str) -> Option<(&'static str, f64)> {
    let v = match w {
        // Reuters writes "dlrs" and "cts".
        "dollar" | "dollars" | "dlr" | "dlrs" => ("USD", 1.0),
        "cent" | "cents" | "ct" | "cts" => ("USD", 0.01),
        "pound" | "pounds" | "sterling" => ("GBP", 1.0),
        "pence" | "p" => ("GBP", 0.01),
        "euro" | "euros" => ("EUR", 1.0),
        "yen" => ("JPY", 1.0),
        "yuan" => ("CNY", 1.0),
        "rupees" | "rupee" => ("INR", 1.0),
        "usd" => ("USD", 1.0),
        "gbp" => ("GBP", 1.0),
        "eur" => ("EUR", 1.0),
        _ => return None,
    };
    Some(v)
}

/// A currency sign before a number.
pub fn currency_sign(c: char) -> Option<&'static str> {
    match c {
        '$' => Some("USD"),
        '£' => Some("GBP"),
        '€' => Some("EUR"),
        '¥' => Some("JPY"),
        _ => None,
    }
}

/// A unit of time, as the normalized unit and how many of it the word is worth:
/// decades and centuries become years so "two decades" equals "20 years".
pub fn duration_word(w: &str) -> Option<(&'static str, f64)> {
    let v = match w {
        "year" | "years" => ("year", 1.0),
        "decade" | "decades" => ("year", 10.0),
        "century" | "centuries" => ("year", 100.0),
        "month" | "months" => ("month", 1.0),
        "week" | "weeks" => ("week", 1.0),
        "day" | "days" => ("day", 1.0),
        "hour" | "hours" => ("hour", 1.0),
        "minute" | "minutes" => ("minute", 1.0),
        "second" | "seconds" => ("second", 1.0),
        _ => return None,
    };
    Some(v)
}

/// The English month names, lowercase, in calendar order.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The number of a month name or its abbreviation: "Jan" is 1.
pub fn month(w: &str) -> Option<u32> {
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return Some(i as u32 + 1);
    }
    const SHORT: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    SHORT.iter().position(|m| *m == w).map(|i| i as u32 + 1)
}

/// Hedges that bound a number, longest first so "just over" wins over "over".
pub const QUALIFIERS: &[&str] = &[
    "no more than",
    "no fewer than",
    "no less than",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "as many as",
    "as much as",
    "as few as",
    "close to",
    "just over",
    "just under",
    "in excess of",
    "upwards of",
    "an estimated",
    "an average of",
    "approximately",
    "about",
    "around",
    "roughly",
    "nearly",
    "almost",
    "some",
    "over",
    "under",
    "estimated",
    "exactly",
    "only",
    "below",
    "above",
];

/// Function words: never a counted noun, and the end of a noun phrase.
static FUNCTION_WORDS: WordSet = WordSet::new(
    "\
    a an the of in on at to for from by with and or but than as is are was were be been being \
    has have had will would could should may might can must do does did that which who whom \
    whose this these those it its they their them he she his her we our you your i my me us \
    not no since after before during under over about into per each every more less most also \
    only just so if when while where because said says according ago earlier later up down out \
    off last next there here then what all both such other another between among against \
    through until within without across toward towards around nearly almost again yet still \
    now ever even very too whether back away vs versus ",
);

/// True for a function word (lowercased): "the", "of", "said", "since".
pub fn is_function_word(w: &str) -> bool {
    FUNCTION_WORDS.contains(w)
}

/// A plural noun made singular where the rule is easy: "troops" is "troop",
/// "companies" is "company"; invariant and irregular nouns are kept or mapped.
pub fn singular(w: &str) -> String {
    const INVARIANT: &[&str] = &[
        "times",
        "news",
        "series",
        "species",
        "people",
        "personnel",
        "police",
        "staff",
        "data",
        "sheep",
        "aircraft",
        "media",
        "cattle",
        "physics",
        "politics",
        "economics",
        "crisis",
    ];
    match w {
        "children" => return "child".into(),
        "men" => return "man".into(),
        "women" => return "woman".into(),
        "lives" => return "life".into(),
        _ => {}
    }
    if INVARIANT.contains(&w) || w.len() < 4 {
        return w.into();
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "ches", "shes", "xes"] {
        if w.ends_with(suffix) {
            return w[..w.len() - 2].into();
        }
    }
    if w.ends_with("ss") || w.ends_with("us") || w.ends_with("sis") {
        return w.into();
    }
    w.strip_suffix('s').unwrap_or(w).into()
}

/// True for a word that reads as a plural noun, which heads its noun phrase:
/// in "a dozen companies bid" the count stops at "companies".
pub fn looks_plural(w: &str) -> bool {
    matches!(
        w,
        "people" | "personnel" | "police" | "staff" | "children" | "men" | "women"
    ) || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_have_their_values() {
        let units = [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ];
        for (i, w) in units.iter().enumerate() {
            assert_eq!(small_number(w), Some(i as f64), "{w}");
        }
        let tens = [
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ];
        for (i, w) in tens.iter().enumerate() {
            assert_eq!(small_number(w), Some((i as f64 + 2.0) * 10.0), "{w}");
        }
        let ords = [
            "zeroth",
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ];
        for (i, w) in ords.iter().enumerate() {
            assert_eq!(ordinal_word(w), (i > 0).then_some(i as f64), "{w}");
        }
        for (i, w) in [
            "thirtieth",
            "fortieth",
            "fiftieth",
            "sixtieth",
            "seventieth",
            "eightieth",
            "ninetieth",
        ]
        .iter()
        .enumerate()
        {
            assert_eq!(ordinal_word(w), Some((i as f64 + 3.0) * 10.0), "{w}");
        }
        assert_eq!(ordinal_word("hundredth"), Some(100.0));
        assert_eq!(ordinal_word("thousandth"), Some(1000.0));
        for w in ["", "hundred", "twentyone", "One", "firsts"] {
            assert_eq!(small_number(w), None, "{w}");
            assert_eq!(ordinal_word(w), None, "{w}");
        }
    }

    #[test]
    fn a_word_set_holds_its_words_and_nothing_else() {
        static SET: WordSet = WordSet::new("said told added  noted\n  claimed said");
        for w in ["said", "told", "added", "noted", "claimed"] {
            assert!(SET.contains(w), "{w}");
        }
        for w in ["", "sai", "saids", "Said", "tol", "claimed "] {
            assert!(!SET.contains(w), "{w:?}");
        }
        static LISTED: WordSet = WordSet::of(&["a", "the", "of"]);
        assert!(LISTED.contains("the") && LISTED.contains("a"));
        assert!(!LISTED.contains("an") && !LISTED.contains(""));
    }
}
