//! Hyphenated ranges, "10-20 million subscribers", whose unit is written once.

use super::{Quantity, QuantityKind, decimal, parse_at};
use crate::analyze::tokens::Ctx;

/// The upper end of a hyphenated range starting with `a`: "10-20 million".
pub(super) fn range_end(c: &Ctx, a: &Quantity, next: usize) -> Option<(Quantity, usize)> {
    let bare = next > 0 && c.num(next - 1) && c.toks[next - 1].end == a.end;
    if !(bare && c.sym(next, '-') && c.glued(next) && c.num(next + 1) && c.glued(next + 1)) {
        return None;
    }
    parse_at(c, next + 1)
}

/// Both ends of a range, sharing the unit written once: "10-20 million
/// subscribers" is at least 1e7 and at most 2e7 subscribers, "$10-20m" two
/// amounts in USD. Two bare numbers ("won 6-4") are a score, not quantities.
pub(super) fn join_range(
    c: &Ctx,
    mut a: Quantity,
    a_tok: usize,
    mut b: Quantity,
    b_tok: usize,
) -> Vec<Quantity> {
    if a.kind == QuantityKind::Year && b.kind == QuantityKind::Year {
        return vec![a, b];
    }
    let raw = |t: usize| {
        let (num, den) = decimal(c.toks[t].text(c.text));
        num / den
    };
    let (raw_a, raw_b) = (raw(a_tok), raw(b_tok));
    if a.kind == QuantityKind::Money && b.unit.is_none() {
        (b.kind, b.unit) = (QuantityKind::Money, a.unit.clone());
    } else if b.unit.is_none() && b.value == raw_b {
        return Vec::new();
    } else if a.unit.is_none() {
        (a.kind, a.unit) = (b.kind, b.unit.clone());
    }
    if raw_b != 0.0 && a.unit == b.unit {
        a.value = raw_a * (b.value / raw_b);
    }
    a.qualifier.get_or_insert_with(|| "at least".into());
    b.qualifier.get_or_insert_with(|| "at most".into());
    vec![a, b]
}
