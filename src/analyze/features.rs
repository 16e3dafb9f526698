//! The check-worthiness model's view of a claim: named features a reviewer
//! can read ("f:quantity-percentage", "f:first-person") and hashed word uni-
//! and bigrams, all as indices into one hashed space of [`DIM`] weights.

use super::Parts;
use super::quantity::QuantityKind;
use super::tokens::TokKind;

/// Bits of the hashed feature space.
pub const DIM_BITS: u32 = 18;
/// Size of the hashed feature space: 2^18 weights.
pub const DIM: usize = 1 << DIM_BITS;

/// Every named feature the model can use, so the weights file can show names.
pub const NAMED: &[&str] = &[
    "bias",
    "f:quantity",
    "f:quantities-2+",
    "f:qualifier",
    "f:quantity-count",
    "f:quantity-money",
    "f:quantity-percentage",
    "f:quantity-year",
    "f:quantity-date",
    "f:quantity-duration",
    "f:quantity-ordinal",
    "f:attributed",
    "f:direct-quote",
    "f:first-person",
    "f:first-person-plural",
    "f:second-person",
    "f:question",
    "f:modal",
    "f:future",
    "f:past",
    "f:negation",
    "f:hedge",
    "f:comparative",
    "f:change",
    "f:causal",
    "f:legal",
    "f:opinion",
    "f:exhortation",
    "f:greeting",
    "f:stage-direction",
    "f:person",
    "f:organisation",
    "f:place",
    "f:entities-2+",
    "f:len-1-3",
    "f:len-4-7",
    "f:len-8-15",
    "f:len-16-30",
    "f:len-31+",
    "f:type-quantity",
    "f:type-prediction",
    "f:type-correlation-or-causation",
    "f:type-law-or-rule",
    "f:type-personal-experience",
    "f:type-other-claim",
    "f:type-not-a-claim",
];

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

fn fnv(mut h: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The index of a named feature or any other feature key.
pub fn index_of(name: &str) -> u32 {
    fold(fnv(FNV_OFFSET, name.as_bytes()))
}

/// Fold a 32-bit hash into the feature space, mixing high bits in first so
/// FNV's weak low bits do not crowd similar n-grams together.
fn fold(h: u32) -> u32 {
    (h ^ (h >> DIM_BITS)) & (DIM as u32 - 1)
}

/// The hashed and named features of an analyzed claim, with repeats.
pub(crate) fn extract(p: &Parts) -> Vec<u32> {
    let mut out = Vec::with_capacity(2 * p.ctx.toks.len() + 16);
    let mut named = |name: &str| {
        debug_assert!(NAMED.contains(&name), "{name} missing from NAMED");
        out.push(index_of(name));
    };
    named("bias");
    let q = &p.quantities;
    if !q.is_empty() {
        named("f:quantity");
    }
    if q.len() >= 2 {
        named("f:quantities-2+");
    }
    if q.iter().any(|q| q.qualifier.is_some()) {
        named("f:qualifier");
    }
    for kind in [
        QuantityKind::Count,
        QuantityKind::Money,
        QuantityKind::Percentage,
        QuantityKind::Year,
        QuantityKind::Date,
        QuantityKind::Duration,
        QuantityKind::Ordinal,
    ] {
        if q.iter().any(|q| q.kind == kind) {
            named(quantity_feature(kind));
        }
    }
    let cues = &p.cues;
    let flags = [
        (p.attribution.speaker.is_some(), "f:attributed"),
        (p.attribution.direct_quote, "f:direct-quote"),
        (cues.first_person, "f:first-person"),
        (cues.first_person_plural, "f:first-person-plural"),
        (cues.second_person, "f:second-person"),
        (cues.question, "f:question"),
        (cues.modal, "f:modal"),
        (cues.future, "f:future"),
        (cues.past, "f:past"),
        (cues.negation, "f:negation"),
        (cues.hedge, "f:hedge"),
        (cues.comparative, "f:comparative"),
        (cues.change, "f:change"),
        (cues.causal, "f:causal"),
        (cues.legal, "f:legal"),
        (cues.opinion, "f:opinion"),
        (cues.exhortation, "f:exhortation"),
        (cues.greeting, "f:greeting"),
        (cues.stage_direction, "f:stage-direction"),
    ];
    for (on, name) in flags {
        if on {
            named(name);
        }
    }
    for (kind, name) in [
        (super::EntityKind::Person, "f:person"),
        (super::EntityKind::Organisation, "f:organisation"),
        (super::EntityKind::Place, "f:place"),
    ] {
        if p.entities.iter().any(|e| e.kind == kind) {
            named(name);
        }
    }
    if p.entities.len() >= 2 {
        named("f:entities-2+");
    }
    named(match cues.words {
        0..=3 => "f:len-1-3",
        4..=7 => "f:len-4-7",
        8..=15 => "f:len-8-15",
        16..=30 => "f:len-16-30",
        _ => "f:len-31+",
    });
    named(type_feature(p.claim_type));
    ngrams(p, &mut out);
    out
}

fn quantity_feature(kind: QuantityKind) -> &'static str {
    match kind {
        QuantityKind::Count => "f:quantity-count",
        QuantityKind::Money => "f:quantity-money",
        QuantityKind::Percentage => "f:quantity-percentage",
        QuantityKind::Year => "f:quantity-year",
        QuantityKind::Date => "f:quantity-date",
        QuantityKind::Duration => "f:quantity-duration",
        QuantityKind::Ordinal => "f:quantity-ordinal",
    }
}

fn type_feature(t: super::ClaimType) -> &'static str {
    use super::ClaimType as T;
    match t {
        T::Quantity => "f:type-quantity",
        T::Prediction => "f:type-prediction",
        T::CorrelationOrCausation => "f:type-correlation-or-causation",
        T::LawOrRule => "f:type-law-or-rule",
        T::PersonalExperience => "f:type-personal-experience",
        T::OtherClaim => "f:type-other-claim",
        T::NotAClaim => "f:type-not-a-claim",
    }
}

/// Word unigrams and bigrams over lowercased words, numbers folded to
/// "<num>" or "<year>" and a few telling symbols, hashed without allocating.
fn ngrams(p: &Parts, out: &mut Vec<u32>) {
    let c = &p.ctx;
    let mut prev: &[u8] = b"<s>";
    let mut emit = |tok: &[u8], prev: &[u8]| {
        out.push(fold(fnv(fnv(FNV_OFFSET, b"w:"), tok)));
        let h = fnv(fnv(fnv(FNV_OFFSET, b"b:"), prev), b"\xff");
        out.push(fold(fnv(h, tok)));
    };
    for t in c.toks {
        let tok: &[u8] = match t.kind {
            TokKind::Word => &c.lower.as_bytes()[t.start..t.end],
            TokKind::Num => {
                let s = &c.text[t.start..t.end];
                if s.len() == 4 && (s.starts_with("19") || s.starts_with("20")) {
                    b"<year>"
                } else {
                    b"<num>"
                }
            }
            TokKind::Sym('%') => b"%",
            TokKind::Sym('$' | '\u{a3}' | '\u{20ac}') => b"$",
            TokKind::Sym('?') => b"?",
            TokKind::Sym('!') => b"!",
            TokKind::Sym('"' | '\u{201c}' | '\u{201d}') => b"\"",
            _ => continue,
        };
        emit(tok, prev);
        prev = tok;
    }
    let h = fnv(fnv(fnv(FNV_OFFSET, b"b:"), prev), b"\xff");
    out.push(fold(fnv(h, b"</s>")));
}
