//! Named entities: runs of capitalized words, typed by titles, keywords and a
//! small gazetteer of places.
//!
//! Rules rather than a model: a reviewer can see why "Pentagon" is an
//! organisation, and the pass costs one walk over the tokens.

use super::lexicon::{self as lx, WordSet};
use super::tokens::Ctx;
use super::{Entity, EntityKind};

/// Words that introduce a person: "Secretary Austin", "President George W. Bush".
static TITLES: WordSet = WordSet::new(
    "\
    president secretary minister mr mrs ms dr senator sen governor gov general gen chancellor \
    spokesman spokeswoman spokesperson ambassador chairman chief judge prince king queen pope \
    congressman congresswoman representative rep mayor sir lord professor prof commander \
    colonel captain admiral director premier vice deputy leader ",
);

/// True for a lowercased title word.
pub(crate) fn is_title(w: &str) -> bool {
    TITLES.contains(w)
}

/// Words that make a capitalized run an organisation.
static ORG_WORDS: WordSet = WordSet::new(
    "\
    pentagon ministry department commission council party bank group inc corp ltd plc \
    university committee agency association union court congress parliament senate army navy \
    forces company media news state office administration government institute foundation \
    federation league club airlines motors network times post reserve board authority service \
    nations organisation organization corporation democrats republicans labour conservatives \
    white forum securities capital partners holdings trust fund centre center systems \
    technologies international global airways energy telecom communications records studios \
    pictures fc rovers athletic police insight chambers bbc microsoft google apple ",
);

/// True for a lowercased word that marks an organisation.
fn is_org_word(w: &str) -> bool {
    ORG_WORDS.contains(w)
}

/// A small gazetteer: countries and places common in news and debates.
fn is_place(w: &str) -> bool {
    static PLACES: WordSet = WordSet::new(
        "\
    us usa uk america britain england scotland wales ireland france germany italy spain russia \
    china japan india pakistan iraq iran syria israel gaza afghanistan egypt libya lebanon \
    jordan turkey ukraine mexico canada brazil australia korea vietnam cuba europe africa asia \
    baghdad washington london paris moscow beijing tokyo berlin brussels york california texas \
    florida ohio iowa virginia pennsylvania michigan wisconsin arizona nevada colorado georgia \
    carolina illinois chicago boston dubai indonesia malaysia nigeria kenya sudan somalia \
    yemen saudi arabia kuwait qatar jerusalem kabul tehran damascus venezuela argentina chile \
    colombia poland sweden norway denmark netherlands belgium switzerland austria greece \
    portugal thailand philippines singapore taiwan hong kong scandinavia uae united states \
    kingdom new south north east west middle ",
    );
    PLACES.contains(w)
}

/// A capitalized word that can start or continue a name.
fn name_word(c: &Ctx, i: usize) -> bool {
    let w = c.word(i);
    c.capitalized(i) && lx::month(w).is_none() && !is_weekday(w)
}

fn possessive(c: &Ctx, i: usize) -> bool {
    let w = c.word(i);
    w.ends_with("'s") || w.ends_with("\u{2019}s")
}

fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Capitalized words that start sentences without naming anything.
fn common_opener(w: &str) -> bool {
    lx::is_function_word(w)
        || matches!(
            w,
            "however"
                | "although"
                | "furthermore"
                | "details"
                | "militia"
                | "well"
                | "yes"
                | "thank"
                | "thanks"
                | "now"
                | "let"
                | "look"
                | "today"
                | "tonight"
                | "good"
                | "okay"
                | "ok"
                | "oh"
                | "many"
                | "some"
                | "these"
                | "those"
                | "while"
        )
}

/// True for a title-cased headline, where capitals stop meaning names.
fn headline(c: &Ctx) -> bool {
    let words = c.toks.iter().filter(|t| t.is_word()).count();
    let caps = (0..c.toks.len()).filter(|&k| c.capitalized(k)).count();
    words >= 5 && caps * 10 > words * 6
}

/// Every entity in the claim, in order, as byte spans.
pub(crate) fn extract(c: &Ctx) -> Vec<Entity> {
    let mut out = Vec::new();
    if headline(c) {
        // Keep only what the gazetteer and keywords vouch for.
        for k in 0..c.toks.len() {
            let w = c.word(k);
            if c.capitalized(k) && (is_place(w) || c.acronym(k) || is_org_word(w)) {
                out.extend(classify(c, k, k, None));
            }
        }
        return out;
    }
    let mut i = 0;
    while i < c.toks.len() {
        if !name_word(c, i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i + 1;
        loop {
            if possessive(c, end) {
                break;
            }
            if name_word(c, j) {
                end = j;
                j += 1;
            } else if c.sym(j, '.') && c.word(end).len() == 1 && name_word(c, j + 1) {
                // Initials: "George W. Bush".
                end = j + 1;
                j += 2;
            } else if matches!(c.word(j), "of" | "for" | "de") && name_word(c, j + 1) {
                end = j + 1;
                j += 2;
            } else {
                break;
            }
        }
        split_titles(c, start, end, &mut out);
        i = end + 1;
    }
    out
}

/// Cut a run at its last title: "US Defense Secretary Lloyd Austin" is the
/// place "US" and the person "Lloyd Austin"; "Secretary Austin" stays whole
/// because the surname alone would lose who is meant.
fn split_titles(c: &Ctx, start: usize, end: usize, out: &mut Vec<Entity>) {
    // A title is followed by the name it introduces: "King" ending a run is a surname.
    let title = (start..end).rev().find(|&k| is_title(c.word(k)));
    let Some(t) = title else {
        out.extend(classify(c, start, end, None));
        return;
    };
    let names_after = (t + 1..=end).filter(|&k| !c.word(k).is_empty()).count();
    let mut first_title = t;
    while first_title > start && is_title(c.word(first_title - 1)) {
        first_title -= 1;
    }
    if first_title > start {
        // "US Defense" before a title is a place and a department word, not a
        // person: keep only the words that stand as places or organisations.
        let whole = classify(c, start, first_title - 1, None);
        match whole {
            Some(e) if e.kind != EntityKind::Person => out.push(e),
            _ => out.extend(
                (start..first_title)
                    .filter_map(|k| classify(c, k, k, None))
                    .filter(|e| matches!(e.kind, EntityKind::Place | EntityKind::Organisation)),
            ),
        }
    }
    match names_after {
        0 => {}
        1 => out.extend(classify(c, t, end, Some(EntityKind::Person))),
        _ => out.extend(classify(c, t + 1, end, Some(EntityKind::Person))),
    }
}

fn classify(c: &Ctx, mut start: usize, end: usize, kind: Option<EntityKind>) -> Option<Entity> {
    let words: Vec<&str> = (start..=end)
        .map(|k| {
            c.word(k)
                .trim_end_matches("'s")
                .trim_end_matches("\u{2019}s")
        })
        .collect();
    let n = words.iter().filter(|w| !w.is_empty()).count();
    let first = words[0];
    let sentence_start = start == 0 || c.sym(start - 1, '"') || c.sym(start - 1, '\u{201c}');
    let not_a_name = common_opener(first) || first.contains('\'') || first.ends_with("ing");
    if n == 1 && sentence_start && not_a_name && !is_place(first) {
        return None;
    }
    // A lone capitalized adjective of nationality qualifies what follows.
    let demonym = n == 1
        && !c.acronym(start)
        && ["an", "ese", "ish", "ic", "i"]
            .iter()
            .any(|s| first.ends_with(s));
    if demonym && !is_place(first) && !c.capitalized(end + 1) {
        return None;
    }
    if n == 1 && lx::is_function_word(first) && !c.acronym(start) {
        return None;
    }
    while start < end && common_opener(c.word(start)) {
        start += 1;
    }
    let kind = kind.unwrap_or_else(|| {
        if words.iter().any(|w| is_org_word(w)) {
            EntityKind::Organisation
        } else if words.iter().all(|w| w.is_empty() || is_place(w)) {
            EntityKind::Place
        } else if (c.acronym(start) && n == 1)
            || (start > 0 && matches!(c.word(start - 1), "at" | "from") && n >= 2)
        {
            // Acronyms, and names after "at"/"from" (an employer, a source).
            EntityKind::Organisation
        } else if (2..=4).contains(&n) {
            EntityKind::Person
        } else if start > 0 && matches!(c.word(start - 1), "in" | "from" | "to" | "at") {
            EntityKind::Place
        } else {
            EntityKind::Other
        }
    });
    let (s, mut e) = (c.toks[start].start, c.toks[end].end);
    for suffix in ["'s", "\u{2019}s"] {
        if c.text[s..e].ends_with(suffix) {
            e -= suffix.len();
        }
    }
    Some(Entity {
        start: s,
        end: e,
        text: c.text[s..e].to_string(),
        kind,
    })
}
