//! Quantities in a claim: numbers with their unit or counted noun, normalized so
//! that "76%" and "76 per cent", "$1.13bn" and "1.13 billion dollars", "two
//! decades" and "20 years" compare equal.
//!
//! Normal forms: money in whole currency units with an ISO code as unit ("USD",
//! "GBP", "EUR"); percentages with unit "%" ("percentage point" for points);
//! durations in "year" (decades and centuries folded in), "month", "week",
//! "day", "hour", "minute" or "second"; counts with the counted noun, lowercased
//! and singular where easy ("troop", "personnel", "times"); years as the year
//! (unit "decade" for "the 1990s"); dates as `month * 100 + day`, plus
//! `year * 10_000` when the year is given; ordinals as their number with the
//! noun they rank as unit ("fourth quarter" is 4, "quarter").

use super::lexicon as lx;
use super::tokens::{Ctx, TokKind, tokenize};
use serde::Serialize;

/// What a number measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuantityKind {
    /// A count of things: "151 times", "70 American personnel".
    Count,
    /// An amount of money: "$1.13bn", "£600m".
    Money,
    /// A percentage: "76%", "3.5 per cent".
    Percentage,
    /// A calendar year: "2003".
    Year,
    /// A date: "January 5", "5 Jan 2004".
    Date,
    /// A length of time: "two decades", "three months".
    Duration,
    /// An ordinal: "fourth quarter", "2nd".
    Ordinal,
}

/// One number found in a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// Byte offset of the quantity's text in the claim.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The text as written: "$1.13bn", "two decades".
    pub text: String,
    /// The normalized value: 1.13e9 for "$1.13bn", 20 for "two decades" (in years).
    pub value: f64,
    /// The normalized unit or counted noun: "USD", "%", "year", "times", "personnel".
    pub unit: Option<String>,
    /// What kind of number it is.
    pub kind: QuantityKind,
    /// A hedge that bounds it: "at least", "approximately", "more than".
    pub qualifier: Option<String>,
}

/// Every quantity in `text`, in order.
pub fn extract(text: &str) -> Vec<Quantity> {
    let toks = tokenize(text);
    let lower = text.to_ascii_lowercase();
    extract_tokens(&Ctx::new(text, &lower, &toks))
}

/// Quantities over already tokenized text, so the analysis tokenizes once.
pub(crate) fn extract_tokens(c: &Ctx) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.toks.len() {
        match parse_at(c, i) {
            Some((q, next)) => match ranges::range_end(c, &q, next) {
                Some((b, after)) => {
                    out.extend(ranges::join_range(c, q, next - 1, b, next + 1));
                    i = after;
                }
                None => {
                    out.push(q);
                    i = next.max(i + 1);
                }
            },
            None => i += 1,
        }
    }
    out
}

/// How the number itself was written, which decides its kind before any unit.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Form {
    /// Digits or number words; `year_like` for four digits from 1000 to 2100.
    Plain { year_like: bool },
    /// The word "one", a quantity only when it counts something.
    WordOne,
    /// "4th" or, with `word`, "fourth".
    Ordinal { word: bool },
    /// "1990s".
    Decade,
    /// "thousands", a lower bound.
    Vague,
    /// "50p".
    Pence,
}

/// A number's value as `num / den`, kept apart so "$1.13bn" is exactly 1.13e9.
pub(crate) struct Core {
    /// Numerator of the value.
    pub num: f64,
    /// Denominator of the value: a power of ten from the decimal point.
    pub den: f64,
    /// The first token after the number.
    pub next: usize,
    /// How the number was written.
    pub form: Form,
    /// A unit glued to the digits ("5kg"): the token holding it.
    pub glued_unit: Option<usize>,
}

/// The quantity starting at token `i`, and the token after it. The branches
/// run from the most specific evidence to the least: a currency sign beats any
/// following word, an explicit unit beats the counted-noun guess, and a day
/// beside a month is a date before a four-digit number can be a year.
pub(crate) fn parse_at(c: &Ctx, i: usize) -> Option<(Quantity, usize)> {
    let (currency, j) = currency_prefix(c, i);
    let mut core = if c.num(j) {
        numeric_core(c, j, currency.is_some())?
    } else if currency.is_none() {
        words::word_core(c, j)?
    } else {
        return None;
    };
    let k = core.next;
    if name_part(c, i, &core) {
        return None;
    }
    let mut end_tok = k - 1;
    let mut unit: Option<String> = None;
    let mut kind = QuantityKind::Count;
    let mut start_tok = i;
    let adjectival = c.sym(k, '-') && c.glued(k) && c.glued(k + 1);
    let u = if adjectival { k + 1 } else { k };
    let (w, w2) = (c.word(u), c.word(u + 1));
    if let Some(code) = currency {
        kind = QuantityKind::Money;
        unit = Some(code.into());
    } else if core.form == Form::Pence {
        (kind, unit, core.den) = (QuantityKind::Money, Some("GBP".into()), core.den * 100.0);
    } else if let Some(g) = core.glued_unit {
        unit = Some(c.word(g).into());
    } else if matches!(core.form, Form::Ordinal { .. }) {
        kind = QuantityKind::Ordinal;
        if let Some(n) = noun_phrase(c, k, 1) {
            unit = Some(lx::singular(c.word(n)));
            end_tok = n;
        } else if core.form == (Form::Ordinal { word: true }) {
            return None;
        }
    } else if core.form == Form::Decade {
        kind = QuantityKind::Year;
        unit = Some("decade".into());
    } else if c.sym(u, '%') || matches!(w, "percent" | "pc" | "pct") || (w == "per" && w2 == "cent")
    {
        kind = QuantityKind::Percentage;
        unit = Some("%".into());
        end_tok = if w == "per" { u + 1 } else { u };
    } else if w == "percentage" && (w2 == "point" || w2 == "points") {
        kind = QuantityKind::Percentage;
        unit = Some("percentage point".into());
        end_tok = u + 1;
    } else if let Some((code, factor)) = lx::currency_word(w).filter(|_| w != "p") {
        kind = QuantityKind::Money;
        unit = Some(code.into());
        core.den /= factor;
        end_tok = u;
    } else if let Some((code, factor)) = (w == "us").then(|| lx::currency_word(w2)).flatten() {
        kind = QuantityKind::Money;
        unit = Some(code.into());
        core.den /= factor;
        end_tok = u + 1;
    } else if let Some((name, factor)) = lx::duration_word(w).filter(|_| !c.capitalized(u)) {
        kind = QuantityKind::Duration;
        unit = Some(name.into());
        core.num *= factor;
        end_tok = u;
    } else if w == "times" {
        unit = Some("times".into());
        end_tok = u;
    } else if let Some((date, s, e)) = dates::date_around(c, i, k, &core) {
        kind = QuantityKind::Date;
        (core.num, core.den, start_tok, end_tok) = (date, 1.0, s, e);
    } else if core.form == (Form::Plain { year_like: true }) && !plural_noun(c, k) {
        kind = QuantityKind::Year;
    } else if let Some(n) = noun_phrase(c, k, 3) {
        unit = Some(lx::singular(c.word(n)));
        end_tok = n;
    } else if core.form == Form::WordOne {
        return None;
    }
    let qualifier = qualifier_before(c, start_tok)
        .or_else(|| (core.form == Form::Vague).then(|| "at least".to_string()));
    let (start, end) = (c.toks[start_tok].start, c.toks[end_tok].end);
    let q = Quantity {
        start,
        end,
        text: c.text[start..end].to_string(),
        value: core.num / core.den,
        unit,
        kind,
        qualifier,
    };
    Some((q, end_tok + 1))
}

/// A currency sign or code before a number: "$5", "US$5", "GBP 5".
fn currency_prefix(c: &Ctx, i: usize) -> (Option<&'static str>, usize) {
    let t = c.toks[i];
    if let TokKind::Sym(ch) = t.kind
        && let Some(code) = lx::currency_sign(ch)
        && c.num(i + 1)
        && c.glued(i + 1)
    {
        return (Some(code), i + 1);
    }
    let w = c.word(i);
    if c.sym(i + 1, '$') && c.glued(i + 1) && c.num(i + 2) && c.glued(i + 2) {
        // Dollars other than the US kind: "A$245m" is Australian.
        let code = match w {
            "us" => Some("USD"),
            "a" | "au" => Some("AUD"),
            "c" | "ca" => Some("CAD"),
            "nz" => Some("NZD"),
            "hk" => Some("HKD"),
            "s" => Some("SGD"),
            _ => None,
        };
        return (code, i + 2);
    }
    if matches!(w, "usd" | "gbp" | "eur") && c.num(i + 1) {
        return (lx::currency_word(w).map(|(code, _)| code), i + 1);
    }
    (None, i)
}

/// A number written in digits, with a glued or following scale or suffix.
fn numeric_core(c: &Ctx, j: usize, has_currency: bool) -> Option<Core> {
    let t = c.toks[j];
    if t.glued && j > 0 && !has_currency {
        let prev = c.toks[j - 1];
        // "F-16", "G8", "10:30" and "5/12" are names, times and dates, not amounts.
        let hyphen_name = prev.is_sym('-')
            && prev.glued
            && j >= 2
            && c.toks[j - 2].is_word()
            && !matches!(c.word(j - 2), "mid" | "pre" | "post" | "late" | "early");
        if prev.is_word() || hyphen_name || matches!(prev.kind, TokKind::Sym(':' | '/' | '.')) {
            return None;
        }
    }
    if (c.sym(j + 1, ':') || c.sym(j + 1, '/')) && c.glued(j + 1) && c.num(j + 2) {
        return None;
    }
    let digits = t.text(c.text);
    let (num, den) = decimal(digits);
    let year_like = digits.len() == 4 && (1000.0..=2100.0).contains(&num) && den == 1.0;
    let mut core = Core {
        num,
        den,
        next: j + 1,
        form: Form::Plain { year_like },
        glued_unit: None,
    };
    let k = j + 1;
    let w = c.word(k);
    if c.glued(k) && !w.is_empty() {
        core.next = k + 1;
        match w {
            "st" | "nd" | "rd" | "th" => core.form = Form::Ordinal { word: false },
            "s" if year_like => core.form = Form::Decade,
            "s" => {}
            "am" | "pm" => return None,
            "p" => core.form = Form::Pence,
            _ => match lx::scale(w, false) {
                Some(s) => scale_core(&mut core, s),
                None => core.glued_unit = Some(k),
            },
        }
    } else if let Some(s) = lx::scale(w, !has_currency) {
        core.next = k + 1;
        scale_core(&mut core, s);
    }
    Some(core)
}

fn scale_core(core: &mut Core, s: f64) {
    core.num *= s;
    core.form = Form::Plain { year_like: false };
}

/// True when the number belongs to a name: "Commodore 64", "the Six Nations".
/// A capitalized word before a bare number, or a number word capitalized in
/// mid-sentence, names a thing rather than counting it.
fn name_part(c: &Ctx, i: usize, core: &Core) -> bool {
    if i == 0 || c.sym(i - 1, '"') || c.sym(i - 1, '\u{201c}') || c.sym(i - 1, '(') {
        return false;
    }
    let plain = matches!(core.form, Form::Plain { .. } | Form::WordOne) && core.den == 1.0;
    let after_name = c.capitalized(i - 1)
        && lx::month(c.word(i - 1)).is_none()
        && !lx::QUALIFIERS.contains(&c.word(i - 1))
        && !lx::is_function_word(c.word(i - 1))
        && c.num(i);
    let spelled_capital = c.capitalized(i) && c.capitalized(core.next);
    plain && (after_name || spelled_capital) && !c.sym(core.next, '%')
}

/// Digits as an exact fraction: "1.13" is 113 / 100.
pub(crate) fn decimal(s: &str) -> (f64, f64) {
    let mut num = 0.0;
    let mut den = 1.0;
    let mut after_point = false;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                num = num * 10.0 + f64::from(b - b'0');
                if after_point {
                    den *= 10.0;
                }
            }
            b'.' => after_point = true,
            _ => {}
        }
    }
    (num, den)
}

/// A lowercase plural noun right after a year-like number: "2000 troops" counts.
fn plural_noun(c: &Ctx, k: usize) -> bool {
    let w = c.word(k);
    !c.capitalized(k) && w.len() > 2 && w.ends_with('s') && !lx::is_function_word(w)
}

/// The head of the noun phrase counted by a number: the last of up to `max`
/// content words after it ("70 American personnel"), or after "of (the)".
pub(crate) fn noun_phrase(c: &Ctx, k: usize, max: usize) -> Option<usize> {
    let mut p = k;
    if c.word(p) == "of" {
        p += 1;
        if matches!(
            c.word(p),
            "the" | "these" | "those" | "its" | "their" | "his" | "her"
        ) {
            p += 1;
        }
    }
    let mut head = None;
    for n in 0..max {
        let w = c.word(p + n);
        let function = lx::is_function_word(w) && !c.acronym(p + n);
        let is_month = c.capitalized(p + n) && lx::month(w).is_some();
        let numeric = lx::small_number(w).is_some() || lx::scale(w, true).is_some();
        let modifier = n > 0 && (w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly"));
        // A possessive qualifies the noun after it: "one another's share prices".
        let possessive = w.contains(['\'', '\u{2019}']);
        // Capitals ("285 UP" in a price table, "US" in "70 US troops") can
        // qualify the noun but never are the counted noun.
        let code = c.acronym(p + n) && !lx::looks_plural(w);
        if w.is_empty() || function || is_month || numeric || modifier || possessive {
            break;
        }
        if !code {
            head = Some(p + n);
        }
        if lx::looks_plural(w) && !c.acronym(p + n) {
            break;
        }
    }
    head
}

/// The hedge written just before token `i`: "at least" in "at least 151 times".
fn qualifier_before(c: &Ctx, i: usize) -> Option<String> {
    lx::QUALIFIERS.iter().find_map(|q| {
        let n = q.split(' ').count();
        let from = i.checked_sub(n)?;
        q.split(' ')
            .enumerate()
            .all(|(o, part)| c.word(from + o) == part)
            .then(|| q.to_string())
    })
}

mod dates;
mod ranges;
mod words;

#[cfg(test)]
mod tests;
