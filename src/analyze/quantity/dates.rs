//! Dates: a day of the month beside a month name, with the year if given.

use super::{Core, Form, decimal};
use crate::analyze::lexicon as lx;
use crate::analyze::tokens::Ctx;

/// A day of the month beside a capitalized month name: "January 5", "5 Jan 2004".
pub(super) fn date_around(c: &Ctx, i: usize, k: usize, core: &Core) -> Option<(f64, usize, usize)> {
    if !matches!(core.form, Form::Plain { .. }) || core.den != 1.0 || i + 1 != k {
        return None;
    }
    let day = core.num;
    if !(1.0..=31.0).contains(&day) {
        return None;
    }
    let month_at = |m: usize| {
        (c.capitalized(m) && !c.acronym(m))
            .then(|| lx::month(c.word(m)))
            .flatten()
            .map(f64::from)
    };
    let (month, start, mut end) = if let Some(m) = i.checked_sub(1).and_then(month_at) {
        (m, i - 1, i)
    } else {
        (month_at(k)?, i, k)
    };
    let mut value = month * 100.0 + day;
    let y = if c.sym(end + 1, ',') {
        end + 2
    } else {
        end + 1
    };
    if c.num(y) && c.toks[y].end - c.toks[y].start == 4 {
        value += decimal(c.toks[y].text(c.text)).0 * 10_000.0;
        end = y;
    }
    Some((value, start, end))
}
