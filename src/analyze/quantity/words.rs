//! Numbers written as words: "two decades", "a dozen", "two hundred and fifty
//! thousand", "twenty-first", "hundreds of thousands".

use super::{Core, Form};
use crate::analyze::lexicon as lx;
use crate::analyze::tokens::Ctx;

/// The number spelled out in words from token `j`, if one starts there.
pub(crate) fn word_core(c: &Ctx, j: usize) -> Option<Core> {
    let w = c.word(j);
    if w.is_empty() {
        return None;
    }
    let core = |num: f64, next: usize, form: Form| Core {
        num,
        den: 1.0,
        next,
        form,
        glued_unit: None,
    };
    if let Some(v) = vague(c, j) {
        return Some(v);
    }
    if let Some(v) = lx::ordinal_word(w) {
        // "second" is also a unit of time and a verb; only "the second ..." ranks.
        let ranked = j > 0
            && matches!(
                c.word(j - 1),
                "the" | "its" | "his" | "her" | "their" | "our" | "my" | "a" | "every"
            );
        if w == "second" && !ranked {
            return None;
        }
        return Some(core(v, j + 1, Form::Ordinal { word: true }));
    }
    let (mut k, mut current) = if matches!(w, "a" | "an") {
        let next = c.word(j + 1);
        if next != "dozen" && lx::scale(next, true).is_none() {
            return None;
        }
        (j + 1, 1.0)
    } else {
        (j, 0.0)
    };
    if matches!(w, "one") && j > 0 && matches!(c.word(j - 1), "no" | "any" | "every" | "each") {
        return None;
    }
    let mut total = 0.0;
    let mut any = false;
    // What the previous word was, to accept "twenty five" but not "five twenty".
    let mut prev_tens = false;
    let mut prev_small = false;
    let mut prev_hundred = false;
    let mut form = Form::Plain { year_like: false };
    loop {
        let w = c.word(k);
        if let Some(n) = lx::small_number(w) {
            let follows_tens = prev_tens && n < 10.0;
            if prev_small && !follows_tens {
                break;
            }
            current += n;
            prev_tens = n >= 20.0;
            prev_small = true;
            prev_hundred = false;
        } else if w == "hundred" {
            current = current.max(1.0) * 100.0;
            (prev_tens, prev_small, prev_hundred) = (false, false, true);
        } else if w == "dozen" {
            current = current.max(1.0) * 12.0;
            (prev_tens, prev_small, prev_hundred) = (false, false, false);
        } else if let Some(s) = lx::scale(w, true) {
            total += current.max(1.0) * s;
            current = 0.0;
            (prev_tens, prev_small, prev_hundred) = (false, false, true);
        } else if w == "and" && any && prev_hundred && lx::small_number(c.word(k + 1)).is_some() {
            prev_hundred = false;
        } else if c.sym(k, '-') && prev_tens && c.glued(k) && c.glued(k + 1) {
            let next = c.word(k + 1);
            if let Some(o) = lx::ordinal_word(next).filter(|o| *o < 10.0) {
                current += o;
                k += 2;
                any = true;
                form = Form::Ordinal { word: true };
                break;
            }
            if !lx::small_number(next).is_some_and(|n| n < 10.0) {
                break;
            }
        } else {
            break;
        }
        any = true;
        k += 1;
    }
    if !any {
        return None;
    }
    let value = total + current;
    if value == 1.0 && form != (Form::Ordinal { word: true }) && matches!(w, "one") {
        form = Form::WordOne;
    }
    Some(core(value, k, form))
}

/// "thousands", "hundreds of thousands", "tens of thousands": a lower bound.
fn vague(c: &Ctx, j: usize) -> Option<Core> {
    let w = c.word(j);
    let (mut value, mut k) = match lx::vague_scale(w) {
        Some(v) => (v, j + 1),
        None if w == "tens"
            && c.word(j + 1) == "of"
            && lx::vague_scale(c.word(j + 2)).is_some() =>
        {
            (10.0, j + 1)
        }
        None => return None,
    };
    while c.word(k) == "of" {
        match lx::vague_scale(c.word(k + 1)) {
            Some(v) => {
                value *= v;
                k += 2;
            }
            None => break,
        }
    }
    Some(Core {
        num: value,
        den: 1.0,
        next: k,
        form: Form::Vague,
        glued_unit: None,
    })
}
