//! Every word list the splitter consults, kept as data in one place.
//!
//! Lookups are case-insensitive and allocation-free: the word before a period
//! is compared with `eq_ignore_ascii_case` against short static lists, which
//! happens once per candidate boundary, not once per character.

/// How a known abbreviation behaves when followed by a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    /// Titles and connectives that always precede more of the same sentence
    /// ("Mr. Smith", "Lt. Col. Jones", "e.g. a hat"): never a boundary.
    Title,
    /// Words that introduce a number ("No. 5", "Jan. 20", "p. 55"): not a
    /// boundary before a digit, a boundary before a capitalised word.
    BeforeNumber,
    /// Abbreviations that often end a sentence ("Co.", "Inc.", "etc."): a
    /// boundary only when a capitalised, not all-caps, word follows.
    Ambiguous,
    /// Clock times ("a.m.", "P.M."): a boundary before any capitalised word.
    Time,
}

/// Titles and connectives after which a sentence never ends.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "prof", "gen", "lt", "col", "sgt", "capt",
    "cmdr", "cdr", "adm", "maj", "brig", "cpl", "pvt", "supt", "insp", "det", "sen", "sens", "rep",
    "reps", "gov", "govs", "pres", "rev", "hon", "atty", "amb", "st", "mt", "ft", "vs", "v", "e.g",
    "i.e", "viz", "cf", "f.e", "approx", "ca", "gens", "ste", "wm",
];

/// Words normally followed by a number.
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "nr", "n°", "p", "pp", "vol", "vols", "fig", "figs", "art", "sec", "secs", "para",
    "ch", "chap", "rs", "tel", "ext", "op", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "tab", "eq", "ref", "pt", "ed",
];

/// Abbreviations that may or may not end a sentence.
const AMBIGUOUS: &[&str] = &[
    "inc", "ltd", "co", "corp", "cos", "plc", "llc", "bros", "jr", "sr", "etc", "al", "esp",
    "dept", "univ", "assn", "ave", "av", "blvd", "rd", "min", "max", "est", "govt", "intl", "natl",
    "mfg", "misc", "ph.d", "m.d", "b.a", "m.a", "b.sc", "m.sc", "med", "btw", "ind", "wash",
    "calif", "fla", "mass", "penn", "conn", "mich", "minn", "wis", "ariz", "colo", "okla", "tenn",
    "ky", "va", "ga", "ala", "ark", "del", "ill", "kan", "neb", "nev", "ore", "vt",
];

/// Clock-time abbreviations, written without the final period.
const TIMES: &[&str] = &["a.m", "p.m"];

/// Words that, capitalised, almost always begin a sentence. After an
/// initialism such as "U.S." only these open a new sentence ("in the U.S.
/// The ..."), while other capitalised words continue it ("U.S. Army").
const SENTENCE_STARTERS: &[&str] = &[
    "A", "Being", "Did", "For", "He", "How", "However", "I", "In", "It", "Millions", "More", "She",
    "That", "The", "There", "They", "We", "What", "When", "Where", "Who", "Why", "But", "This",
    "These", "Those", "His", "Her", "Their", "Our", "If", "Some", "Many", "Most", "You",
];

/// Prepositions that open a time or place phrase ("At 5 a.m. Mr. Smith ...").
/// A candidate sentence made of such a phrase alone is a fragment, not a sentence.
const FRAGMENT_OPENERS: &[&str] = &[
    "at", "by", "on", "in", "until", "till", "after", "before", "since", "from", "around", "about",
    "near",
];

/// Verbs that close an attribution after a quotation: "\"...\" Smith said."
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "asked",
    "asks",
    "told",
    "tells",
    "wrote",
    "writes",
    "explained",
    "noted",
    "replied",
    "insisted",
    "warned",
    "stated",
    "continued",
    "argued",
    "declared",
    "claimed",
    "recalled",
    "concluded",
    "commented",
    "reported",
    "announced",
];

fn contains(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The kind of `word` (the text before a period, without the period), if it
/// is a known abbreviation.
pub(crate) fn kind(word: &str) -> Option<AbbrevKind> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    if contains(TITLES, word) {
        Some(AbbrevKind::Title)
    } else if contains(BEFORE_NUMBER, word) {
        Some(AbbrevKind::BeforeNumber)
    } else if contains(TIMES, word) {
        Some(AbbrevKind::Time)
    } else if contains(AMBIGUOUS, word) {
        Some(AbbrevKind::Ambiguous)
    } else {
        None
    }
}

/// Whether `word` is a capitalised word that typically starts a sentence.
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    SENTENCE_STARTERS.contains(&word)
}

/// Whether `word` is a verb of saying that ends a quotation's attribution.
pub(crate) fn is_speech_verb(word: &str) -> bool {
    contains(SPEECH_VERBS, word)
}

/// Whether `word` opens a prepositional phrase that cannot stand alone.
pub(crate) fn is_fragment_opener(word: &str) -> bool {
    contains(FRAGMENT_OPENERS, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_ignore_case() {
        assert_eq!(kind("Mr"), Some(AbbrevKind::Title));
        assert_eq!(kind("CO"), Some(AbbrevKind::Ambiguous));
        assert_eq!(kind("P.M"), Some(AbbrevKind::Time));
        assert_eq!(kind("Jan"), Some(AbbrevKind::BeforeNumber));
        assert_eq!(kind("house"), None);
    }
}
