//! Attribution: who a claim is put in the mouth of, with which cue, and
//! whether it is quoted word for word.
//!
//! Newswire attribution is formulaic ("X said", "X, a spokesperson for Y,
//! emphasized that", "according to X", "..., he said"), so a cue verb and the
//! noun phrase beside it find most of it without parsing.

use super::entities::is_title;
use super::lexicon::{self as lx, WordSet};
use super::tokens::{Ctx, TokKind};

/// What the attribution pass found in one claim.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Attribution {
    /// The speaker phrase, tidied: "Lloyd Austin", "Secretary Austin", "he".
    pub speaker: Option<String>,
    /// The cue as written: "highlighted", "according to".
    pub cue: Option<String>,
    /// Quotation marks around the claim or part of it.
    pub direct_quote: bool,
}

/// Verbs of saying, in the forms news copy uses.
static CUES: WordSet = WordSet::new(
    "\
    said says told tells added adds stated explained claimed claims argued argues insisted \
    insists noted notes highlighted highlights emphasized emphasised emphasizes emphasises \
    stressed stresses suggested suggests warned warns announced announces acknowledged \
    admitted admits confirmed confirms denied denies reported reports revealed predicted \
    predicts estimated estimates believes wrote writes tweeted asserted maintained alleged \
    alleges indicated urged declared disclosed promised vowed conceded contended observed \
    remarked replied responded commented testified recalled mentioned concluded cautioned \
    pointed ",
);

/// True for a cue verb (lowercased).
fn is_cue(w: &str) -> bool {
    CUES.contains(w)
}

/// Words between a speaker and the cue that leave the attribution intact.
static AUX: WordSet = WordSet::new(
    "\
    has have had also previously repeatedly reportedly publicly then later recently further \
    once again earlier privately would will since ",
);

/// True for an auxiliary or adverb that may sit between speaker and cue.
fn is_aux(w: &str) -> bool {
    AUX.contains(w)
}

/// Words that end a speaker phrase on its left: the start of a clause.
static CLAUSE_WORDS: WordSet = WordSet::new(
    "\
    that but and which who because as while when if so however although though after before \
    where what yet since meanwhile also ",
);

/// True for a word that starts a clause, which no speaker phrase crosses.
fn is_clause_word(w: &str) -> bool {
    CLAUSE_WORDS.contains(w) || is_cue(w)
}

fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "we" | "i")
}

/// Find the speaker and cue of `c`, and whether it quotes someone directly.
pub(crate) fn attribute(c: &Ctx) -> Attribution {
    let direct_quote = direct_quote(c);
    let n = c.toks.len();
    for k in 0..n {
        let w = c.word(k);
        if w == "according" && c.word(k + 1) == "to" {
            if let Some(s) = phrase_right(c, k + 2) {
                return found(s, "according to".into(), direct_quote);
            }
            continue;
        }
        if !is_cue(w) || (w == "pointed" && c.word(k + 1) != "out") {
            continue;
        }
        let cue = if w == "pointed" {
            "pointed out".to_string()
        } else {
            c.toks[k].text(c.text).to_string()
        };
        if let Some(s) = speaker_left(c, k) {
            return found(s, cue, direct_quote);
        }
        // Inverted order after a quote or a comma: `..., said Mr Smith.`
        let after_break =
            k > 0 && matches!(c.toks[k - 1].kind, TokKind::Sym(',' | '"' | '\u{201d}'));
        if after_break && let Some(s) = phrase_right(c, k + 1) {
            return found(s, cue, direct_quote);
        }
    }
    Attribution {
        direct_quote,
        ..Attribution::default()
    }
}

fn found(speaker: String, cue: String, direct_quote: bool) -> Attribution {
    Attribution {
        speaker: Some(speaker),
        cue: Some(cue),
        direct_quote,
    }
}

/// Quotation marks around three words or more, or a lone quotation mark
/// (a quotation that spans sentences).
fn direct_quote(c: &Ctx) -> bool {
    let quotes: Vec<usize> = (0..c.toks.len())
        .filter(|&k| matches!(c.toks[k].kind, TokKind::Sym('"' | '\u{201c}' | '\u{201d}')))
        .collect();
    match quotes.as_slice() {
        [] => false,
        // A lone mark opens or closes a quotation that runs across sentences.
        [_] => true,
        [first, .., last] => (first + 1..*last).filter(|&k| c.toks[k].is_word()).count() >= 3,
    }
}

/// The speaker phrase ending just left of the cue at `k`, skipping auxiliaries
/// and an appositive between commas ("Sabrina Singh, a spokesperson for the
/// Pentagon, emphasized").
fn speaker_left(c: &Ctx, k: usize) -> Option<String> {
    let mut e = k.checked_sub(1)?;
    while is_aux(c.word(e)) {
        e = e.checked_sub(1)?;
    }
    let w = c.word(e);
    if matches!(
        w,
        "not" | "never" | "was" | "were" | "is" | "are" | "be" | "been" | "being"
    ) {
        return None;
    }
    if c.sym(e, ')') {
        // "The British Chambers of Commerce (BCC) said": step over the bracket.
        e = (e.saturating_sub(8)..e)
            .rev()
            .find(|&q| c.sym(q, '('))?
            .checked_sub(1)?;
    }
    if c.sym(e, ',') {
        let open = (e.saturating_sub(14)..e).rev().find(|&q| c.sym(q, ','))?;
        return speaker_phrase(c, open.checked_sub(1)?, true).map(|(s, _)| s);
    }
    let (phrase, b) = speaker_phrase(c, e, false)?;
    // An appositive left unclosed: "Howard Archer, economist at Global Insight said".
    if b >= 2
        && c.sym(b - 1, ',')
        && !c.capitalized(b)
        && let Some((name, _)) = speaker_phrase(c, b - 2, true)
    {
        return Some(name);
    }
    Some(phrase)
}

/// The noun phrase ending at token `e`, read leftwards to a clause boundary.
/// Returns the phrase and the token it starts at.
fn speaker_phrase(c: &Ctx, e: usize, named_only: bool) -> Option<(String, usize)> {
    if !c.toks[e].is_word() {
        return None;
    }
    let mut b = e;
    let mut words = 1;
    while b > 0 && words < 8 {
        let p = b - 1;
        let initial = c.sym(p, '.') && p > 0 && c.word(p - 1).len() <= 2 && c.capitalized(p - 1);
        if initial {
            b = p - 1;
            continue;
        }
        if !c.toks[p].is_word() || is_clause_word(c.word(p)) {
            break;
        }
        b = p;
        words += 1;
    }
    while b < e && matches!(c.word(b), "the" | "and" | "but" | "then" | "so") {
        b += 1;
    }
    let head = c.word(e);
    let named = c.capitalized(e);
    if named_only && !named {
        return None;
    }
    let lower_ok = !lx::is_function_word(head) && !c.num(e) && words <= 6;
    if !(named || is_pronoun(head) || lower_ok) {
        return None;
    }
    if is_pronoun(head) && b != e {
        return None;
    }
    Some((tidy(c, b, e), b))
}

/// The noun phrase starting at `s` and running to a comma or the end: the
/// speaker in "according to the Iraqi Foreign Ministry" or "said Mr Smith".
fn phrase_right(c: &Ctx, s: usize) -> Option<String> {
    let mut e = s;
    let mut last = None;
    while e < c.toks.len() && e < s + 10 {
        if c.toks[e].is_word() {
            if is_clause_word(c.word(e)) || (c.word(e) == "on" && last.is_some()) {
                break;
            }
            last = Some(e);
        } else if !(c.sym(e, '.') && e > 0 && c.word(e - 1).len() == 1 && c.capitalized(e - 1)) {
            break;
        }
        e += 1;
    }
    let last = last?;
    let head = c.word(last);
    let ok = c.capitalized(last) || is_pronoun(head) || !lx::is_function_word(head);
    let mut b = s;
    while b < last && c.word(b) == "the" {
        b += 1;
    }
    ok.then(|| tidy(c, b, last))
}

/// A speaker phrase as a reviewer wants it: titles dropped before a full
/// name ("US Defense Secretary Lloyd Austin" is "Lloyd Austin"), kept before
/// a surname alone ("Secretary Austin"), anything else as written.
fn tidy(c: &Ctx, b: usize, e: usize) -> String {
    let span = |from: usize| c.text[c.toks[from].start..c.toks[e].end].to_string();
    let Some(t) = (b..e).rev().find(|&k| is_title(c.word(k))) else {
        return span(b);
    };
    let names = (t + 1..=e).filter(|&k| c.toks[k].is_word()).count();
    let all_named = (t + 1..=e).all(|k| !c.toks[k].is_word() || c.capitalized(k));
    if names >= 2 && all_named {
        span(t + 1)
    } else if names == 1 && all_named && c.capitalized(t) {
        span(t)
    } else {
        span(b)
    }
}
