//! Similarity of two claims: a handful of overlap measures, combined by a small
//! logistic model into the probability that both sentences make the same claim.
//!
//! A [`Profile`] holds one text's hashed terms, n-grams and numbers, sorted, so
//! comparing two profiles is a few merges of integer lists and no allocation.

use super::Idf;
use super::model::{BIAS, FEATURES, WEIGHTS};
use super::text::{combine, for_each_token, hash};

/// What a profile keeps of a hash: half its bits. Import holds tens of
/// thousands of profiles, and 32-bit keys take a third less memory (so more
/// fit the cache) and merge faster; two different terms of the two texts
/// compared would meet by chance about once in a billion pairs of terms.
pub(crate) type Key = u32;

/// The key of a 64-bit hash: both halves folded.
pub(crate) fn key(h: u64) -> Key {
    (h ^ (h >> 32)) as Key
}

/// Stands in for every number in word n-grams, so that "151 times since October"
/// and "160 times since October" share their phrasing; numbers are compared apart.
const NUMBER_MARK: u64 = 0x4e55_4d42_4552;

/// Words that negate a statement, as tokenized ("didn't" becomes "didnt").
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nor", "none", "nothing", "cannot", "dont", "didnt", "doesnt", "isnt",
    "wasnt", "arent", "werent", "wont", "wouldnt", "cant", "couldnt", "shouldnt", "hasnt",
    "havent", "hadnt",
];

/// Reporting verbs, as stemmed ("says" and "saying" become "say"). When one
/// sentence attributes its claim ("..., officials said") and the other does not,
/// the unmatched "officials said" is not a different claim, though the
/// unmatched-word inputs count it against the pair; the model learns to give it
/// back (MRPC, 10-fold cross-validated "relation == same": 3,138 to 3,143 of
/// 4,076 pairs; over 8 random fold splits, 8 pairs more on average).
const ATTRIBUTIONS: &[&str] = &["said", "say", "told"];

/// Whether `word` may be a negation: every one starts with "n" or ends
/// with "t", so most words skip the list.
fn may_negate(word: &str) -> bool {
    word.starts_with('n') || word.ends_with('t')
}

/// Whether `term` may be a reporting verb: each starts with "s" or "t".
fn may_attribute(term: &str) -> bool {
    matches!(term.as_bytes().first(), Some(b's' | b't'))
}

/// One text prepared for comparison. Build it once per claim and compare it
/// with many others: that is the fast path used by candidate scoring and reranking.
///
/// Its lists live in two allocations, not twelve: import keeps tens of
/// thousands of profiles and compares each with several others, and the
/// separate lists cost their allocations and scattered memory reads.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// The content terms (no stop words, no numbers) with their IDF weight,
    /// then the adjacent content-term pairs, weighted by the mean IDF of the
    /// pair; each part sorted by hash (see [`Profile::uni`], [`Profile::bi`]).
    weighted: Box<[(Key, f32)]>,
    n_uni: usize,
    uni_norm: f64,
    uni_mass: f64,
    bi_norm: f64,
    /// The lists of [`Section`], one after another; `ends` holds where
    /// each ends.
    hashes: Box<[Key]>,
    ends: [u32; SECTIONS],
    /// Negations ("not", "never", "didn't"): an odd difference flips the claim.
    negations: u32,
    /// Has a reporting verb ("said", "says", "told").
    attributed: bool,
    n_tokens: usize,
}

/// The hash lists of a [`Profile`], in the order they are stored.
#[derive(Debug, Clone, Copy)]
enum Section {
    /// Word n-grams over every token (stop words kept, numbers marked), n = 1..=4.
    Grams1,
    Grams2,
    Grams3,
    Grams4,
    /// Normalized numbers as written ("1000", "2.5").
    Numbers,
    /// Capitalized words after the first: names, whose mismatch changes the claim.
    Names,
    /// Every token in order (numbers marked), for the longest common subsequence.
    Seq,
    /// The first five letters of each content word: a looser stem ("dislocated", "dislocation").
    Prefixes,
    /// Character 4-grams of the words as written, lowercased, numbers marked:
    /// spelling variants. The four bytes themselves (no hash, no collision).
    Chars,
}

const SECTIONS: usize = 9;

impl Profile {
    /// Tokenizes `text` and weighs its terms with `idf`.
    pub fn new(text: &str, idf: &Idf) -> Self {
        let mut p = Profile::default();
        let mut content: Vec<(u64, f32)> = Vec::with_capacity(32);
        let mut all: Vec<u64> = Vec::with_capacity(48);
        let mut numbers: Vec<Key> = Vec::new();
        let mut names: Vec<Key> = Vec::new();
        let mut prefixes: Vec<Key> = Vec::with_capacity(32);
        // The words joined by spaces, numbers marked, for the character 4-grams.
        let mut surface = String::with_capacity(text.len() + 8);
        for_each_token(text, |t| {
            let h = hash(t.term.as_bytes());
            if t.capital && !all.is_empty() && !t.stop {
                names.push(key(h));
            }
            if may_negate(t.surface) && NEGATIONS.contains(&t.surface) {
                p.negations += 1;
            }
            p.attributed |= may_attribute(t.term) && ATTRIBUTIONS.contains(&t.term);
            if t.number {
                numbers.push(key(h));
                all.push(NUMBER_MARK);
                surface.push_str("# ");
            } else {
                all.push(h);
                surface.push_str(t.surface);
                surface.push(' ');
                if !t.stop {
                    prefixes.push(key(hash(&t.surface.as_bytes()[..t.surface.len().min(5)])));
                    content.push((h, idf.weight_hash(h) as f32));
                }
            }
        });
        p.n_tokens = all.len();
        // Both lists in one allocation: the terms, then the pairs.
        let n_pairs = content.len().saturating_sub(1);
        let mut weighted: Vec<(Key, f32)> = Vec::with_capacity(content.len() + n_pairs);
        weighted.extend(content.iter().map(|&(h, w)| (key(h), w)));
        weighted.extend(
            content
                .windows(2)
                .map(|w| (key(combine(w[0].0, w[1].0)), (w[0].1 + w[1].1) / 2.0)),
        );
        let (uni, bi) = weighted.split_at_mut(content.len());
        let mut n = [0; 2];
        for (part, n) in [uni, bi].into_iter().zip(&mut n) {
            part.sort_unstable_by_key(|e| e.0);
            *n = dedup_sorted(part, |a, b| a.0 == b.0);
        }
        // Close the gap the terms' duplicates left before the pairs.
        weighted.copy_within(content.len()..content.len() + n[1], n[0]);
        weighted.truncate(n[0] + n[1]);
        let (uni, bi) = weighted.split_at(n[0]);
        p.uni_norm = uni
            .iter()
            .map(|e| f64::from(e.1).powi(2))
            .sum::<f64>()
            .sqrt();
        p.uni_mass = uni.iter().map(|e| f64::from(e.1)).sum();
        p.bi_norm = bi
            .iter()
            .map(|e| f64::from(e.1).powi(2))
            .sum::<f64>()
            .sqrt();
        p.n_uni = n[0];
        p.weighted = weighted.into_boxed_slice();

        // In `Section` order; all but the token sequence sorted and
        // deduplicated, in place.
        let grams = |n: usize| {
            all.windows(n + 1)
                .map(|w| key(w.iter().fold(0, |h, &x| combine(h, x))))
        };
        let total = (0..4).map(|n| all.len().saturating_sub(n)).sum::<usize>()
            + numbers.len()
            + names.len()
            + all.len()
            + prefixes.len()
            + surface.len().saturating_sub(3);
        let mut hashes: Vec<Key> = Vec::with_capacity(total);
        for section in 0..SECTIONS {
            let start = hashes.len();
            match section {
                0..=3 => hashes.extend(grams(section)),
                4 => hashes.extend_from_slice(&numbers),
                5 => hashes.extend_from_slice(&names),
                6 => hashes.extend(all.iter().map(|&h| key(h))),
                7 => hashes.extend_from_slice(&prefixes),
                _ => hashes.extend(
                    surface
                        .as_bytes()
                        .windows(4)
                        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])),
                ),
            }
            if section != Section::Seq as usize {
                let part = &mut hashes[start..];
                part.sort_unstable();
                let kept = dedup_sorted(part, |a, b| a == b);
                hashes.truncate(start + kept);
            }
            p.ends[section] = hashes.len() as u32;
        }
        p.hashes = hashes.into_boxed_slice();
        p
    }

    /// One of the hash lists.
    fn section(&self, section: Section) -> &[Key] {
        let i = section as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.hashes[start..self.ends[i] as usize]
    }

    /// Word n-grams of n = `n + 1`.
    fn grams(&self, n: usize) -> &[Key] {
        const GRAMS: [Section; 4] = [
            Section::Grams1,
            Section::Grams2,
            Section::Grams3,
            Section::Grams4,
        ];
        self.section(GRAMS[n])
    }

    fn numbers(&self) -> &[Key] {
        self.section(Section::Numbers)
    }

    fn names(&self) -> &[Key] {
        self.section(Section::Names)
    }

    fn seq(&self) -> &[Key] {
        self.section(Section::Seq)
    }

    fn prefixes(&self) -> &[Key] {
        self.section(Section::Prefixes)
    }

    fn chars(&self) -> &[Key] {
        self.section(Section::Chars)
    }

    /// Content terms with their IDF weight, sorted by hash.
    fn uni(&self) -> &[(Key, f32)] {
        &self.weighted[..self.n_uni]
    }

    /// Adjacent content-term pairs with their weight, sorted by hash.
    fn bi(&self) -> &[(Key, f32)] {
        &self.weighted[self.n_uni..]
    }

    /// Probability-like score in 0..=1 that both texts make the same claim.
    ///
    /// Texts sharing no content word score 0: the model was fitted on pairs that
    /// all share words, and phrasing alone ("in the", "has been") proves nothing.
    pub fn similarity(&self, other: &Profile) -> f64 {
        self.scores(other).0
    }

    /// The same score as if the two texts' figures agreed: how alike their wording is.
    /// A pair scoring high here but with differing figures is a numeric conflict.
    pub fn similarity_ignoring_numbers(&self, other: &Profile) -> f64 {
        self.scores(other).1
    }

    /// Both [`similarity`](Self::similarity) and
    /// [`similarity_ignoring_numbers`](Self::similarity_ignoring_numbers), for the
    /// cost of one: only the number features differ.
    pub fn scores(&self, other: &Profile) -> (f64, f64) {
        if !shares_a_key(self.uni(), other.uni()) {
            return (0.0, 0.0);
        }
        let mut features = self.features(other, false);
        let plain = score(&features);
        let numbers_present = !self.numbers().is_empty() || !other.numbers().is_empty();
        mask_numbers(&mut features, numbers_present);
        (plain, score(&features))
    }

    /// Share of this text's IDF mass found in `other`: 1 when every content term
    /// of `self` appears in `other`. Rerankers use it to tell "the tweet quotes this
    /// fact-check" from "the fact-check quotes part of the tweet".
    pub fn coverage_by(&self, other: &Profile) -> f64 {
        ratio(weighted_shared(self.uni(), other.uni()), self.uni_mass)
    }

    /// IDF-weighted cosine of the content terms.
    pub fn cosine(&self, other: &Profile) -> f64 {
        ratio(dot(self.uni(), other.uni()), self.uni_norm * other.uni_norm)
    }

    /// IDF-weighted cosine of adjacent content-term pairs.
    pub fn bigram_cosine(&self, other: &Profile) -> f64 {
        ratio(dot(self.bi(), other.bi()), self.bi_norm * other.bi_norm)
    }

    /// Share of `self`'s character 4-grams found in `other`: catches spellings
    /// that words miss ("PnB Rock" and "pnbrock").
    pub fn char_coverage_by(&self, other: &Profile) -> f64 {
        ratio(
            shared(self.chars(), other.chars()) as f64,
            self.chars().len() as f64,
        )
    }

    /// How many of this text's distinct numbers `other` also holds, and how many it has.
    pub fn numbers_found_in(&self, other: &Profile) -> (usize, usize) {
        (
            shared(self.numbers(), other.numbers()),
            self.numbers().len(),
        )
    }

    /// The model's inputs, named by [`FEATURE_NAMES`](super::FEATURE_NAMES); every one
    /// is symmetric. Public so the evaluation program can fit the model.
    pub fn features(&self, other: &Profile, ignore_numbers: bool) -> [f64; FEATURES] {
        let (a, b) = (self, other);
        let uni = Overlap::of(a.uni(), b.uni());
        let cov_a = ratio(uni.mass_a, a.uni_mass);
        let cov_b = ratio(uni.mass_b, b.uni_mass);
        let g: [usize; 4] = std::array::from_fn(|n| shared(a.grams(n), b.grams(n)));
        let dice = |n: usize, x: usize, y: usize| ratio(2.0 * n as f64, (x + y) as f64);
        let len = |n: usize| (a.grams(n).len(), b.grams(n).len());
        let precision = |n: usize, pick: fn(usize, usize) -> usize| {
            let (x, y) = len(n);
            ratio(g[n] as f64, pick(x, y) as f64)
        };
        let (ua, ub) = (a.uni().len() - uni.count, b.uni().len() - uni.count);
        let (na, nb) = (a.numbers().len(), b.numbers().len());
        let common = shared(a.numbers(), b.numbers());
        let same = na + nb > 0 && common == na && common == nb;
        let subset = !same && na > 0 && nb > 0 && common == na.min(nb);
        let unmatched = (1.0 - cov_a) * a.uni_mass + (1.0 - cov_b) * b.uni_mass;
        let (short, long) = (
            a.n_tokens.min(b.n_tokens) as f64,
            a.n_tokens.max(b.n_tokens) as f64,
        );
        let names = a.names().len() + b.names().len() - 2 * shared(a.names(), b.names());
        let mut f = [
            ratio(uni.dot, a.uni_norm * b.uni_norm),
            a.bigram_cosine(b),
            cov_a.min(cov_b),
            cov_a.max(cov_b),
            dice(g[0], len(0).0, len(0).1),
            dice(g[1], len(1).0, len(1).1),
            dice(g[2], len(2).0, len(2).1),
            dice(g[3], len(3).0, len(3).1),
            dice(
                shared(a.chars(), b.chars()),
                a.chars().len(),
                b.chars().len(),
            ),
            ratio(short, long),
            f64::from(same),
            f64::from(subset),
            f64::from(na + nb > 0 && !same && !subset),
            (1.0 + unmatched).ln(),
            (1.0 + (ua + ub) as f64).ln(),
            (1.0 + names as f64).ln(),
            f64::from((a.negations + b.negations) % 2),
            ratio(lcs(a.seq(), b.seq()) as f64, short),
            (1.0 + long - short).ln(),
            ua.min(ub) as f64,
            ua.max(ub) as f64,
            precision(1, usize::max),
            precision(1, usize::min),
            precision(0, usize::max),
            precision(0, usize::min),
            (1.0 + (na + nb - 2 * common) as f64).ln(),
            (na.min(nb) - common.min(na.min(nb))) as f64,
            dice(
                shared(a.prefixes(), b.prefixes()),
                a.prefixes().len(),
                b.prefixes().len(),
            ),
            f64::from(a.attributed != b.attributed),
            {
                let (x, y) = (
                    a.uni().len().min(b.uni().len()),
                    a.uni().len().max(b.uni().len()),
                );
                // Capped: beyond twice the content words, MRPC has no pairs to learn from.
                ((1.0 + y as f64) / (1.0 + x as f64))
                    .ln()
                    .min(std::f64::consts::LN_2)
            },
        ];
        if ignore_numbers {
            mask_numbers(&mut f, na + nb > 0);
        }
        f
    }
}

/// Rewrites the number features as if every figure of one text were in the other.
fn mask_numbers(f: &mut [f64; FEATURES], numbers_present: bool) {
    f[10] = f64::from(numbers_present);
    for i in [11, 12, 25, 26] {
        f[i] = 0.0;
    }
}

/// What two sorted weighted term lists share, in one merge.
#[derive(Default)]
struct Overlap {
    count: usize,
    dot: f64,
    mass_a: f64,
    mass_b: f64,
}

impl Overlap {
    fn of(a: &[(Key, f32)], b: &[(Key, f32)]) -> Self {
        let mut o = Overlap::default();
        let (mut i, mut j) = (0, 0);
        // Steps without a branch on the order (as in `shared`).
        while i < a.len() && j < b.len() {
            let ((ka, wa), (kb, wb)) = (a[i], b[j]);
            if ka == kb {
                let (x, y) = (f64::from(wa), f64::from(wb));
                o.count += 1;
                o.dot += x * y;
                o.mass_a += x;
                o.mass_b += y;
            }
            i += usize::from(ka <= kb);
            j += usize::from(kb <= ka);
        }
        o
    }
}

/// Similarity of two texts in 0..=1 (see [`Profile::similarity`]).
///
/// Symmetric; identical claims score near 1 and unrelated ones near 0. Build a
/// [`Profile`] per text instead when one text is compared with many.
pub fn similarity(a: &str, b: &str, idf: &Idf) -> f64 {
    Profile::new(a, idf).similarity(&Profile::new(b, idf))
}

/// The logistic model: `sigmoid(BIAS + WEIGHTS · features)`.
pub(crate) fn score(features: &[f64; FEATURES]) -> f64 {
    let z: f64 = BIAS
        + features
            .iter()
            .zip(WEIGHTS)
            .map(|(x, w)| x * w)
            .sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// `num / den` clamped to 0..=1, or 0 when `den` is not positive.
pub(crate) fn ratio(num: f64, den: f64) -> f64 {
    if den > 0.0 {
        (num / den).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Number of keys two sorted, deduplicated lists share.
fn shared<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    // Without branches on the comparison, which no predictor guesses: this
    // merge runs a dozen times for every pair of claims compared.
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// Merges two sorted weighted lists, summing `f(weight_a, weight_b)` over shared keys.
fn merge<K: Ord + Copy>(a: &[(K, f32)], b: &[(K, f32)], f: impl Fn(f32, f32) -> f64) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    // Steps without a branch on the order (as in `shared`).
    while i < a.len() && j < b.len() {
        let ((ka, wa), (kb, wb)) = (a[i], b[j]);
        if ka == kb {
            sum += f(wa, wb);
        }
        i += usize::from(ka <= kb);
        j += usize::from(kb <= ka);
    }
    sum
}

fn shares_a_key(a: &[(Key, f32)], b: &[(Key, f32)]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Length of the longest common subsequence of two token sequences.
fn lcs(a: &[Key], b: &[Key]) -> usize {
    if b.len() <= 64 {
        lcs_bits(a, b)
    } else {
        lcs_rows(a, b)
    }
}

/// [`lcs`] for `b` of at most 64 tokens, one machine word per token of `a`
/// (Hyyro's bit-parallel form of the same recurrence): bit j of `v` is zero
/// where the row's value steps up at column j, so the zero bits count it.
/// Each pair compared at import runs this; the row-by-row form was a good
/// share of the comparison's time.
fn lcs_bits(a: &[Key], b: &[Key]) -> usize {
    // For each distinct token of b, the positions where b holds it (on the
    // stack: this runs for every pair compared).
    let mut buf = [(0 as Key, 0u64); 64];
    for (j, &t) in b.iter().enumerate() {
        buf[j] = (t, 1u64 << j);
    }
    let all = &mut buf[..b.len()];
    all.sort_unstable_by_key(|m| m.0);
    let mut n = 0;
    for i in 0..all.len() {
        if n > 0 && all[n - 1].0 == all[i].0 {
            all[n - 1].1 |= all[i].1;
        } else {
            all[n] = all[i];
            n += 1;
        }
    }
    let masks = &all[..n];
    let mut v = u64::MAX;
    for x in a {
        if let Ok(i) = masks.binary_search_by_key(x, |m| m.0) {
            let u = v & masks[i].1;
            v = v.wrapping_add(u) | (v - u);
        }
    }
    let live = if b.len() == 64 {
        u64::MAX
    } else {
        (1u64 << b.len()) - 1
    };
    (!v & live).count_ones() as usize
}

fn lcs_rows(a: &[Key], b: &[Key]) -> usize {
    // One row on the stack for sentences, on the heap for anything longer.
    let mut stack = [0u16; 128];
    let mut heap = Vec::new();
    let row: &mut [u16] = if b.len() < stack.len() {
        &mut stack[..=b.len()]
    } else {
        heap.resize(b.len() + 1, 0);
        &mut heap
    };
    for &x in a {
        let mut diag = 0;
        for (j, &y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    usize::from(row[b.len()])
}

/// Moves the first of each run of equal neighbours (`same`) to the front of
/// the sorted `v` and returns how many there are.
fn dedup_sorted<T: Copy>(v: &mut [T], same: impl Fn(&T, &T) -> bool) -> usize {
    if v.is_empty() {
        return 0;
    }
    let mut n = 1;
    for i in 1..v.len() {
        if !same(&v[n - 1], &v[i]) {
            v[n] = v[i];
            n += 1;
        }
    }
    n
}

/// The dot product of two weighted term lists sorted by hash.
pub(crate) fn dot<K: Ord + Copy>(a: &[(K, f32)], b: &[(K, f32)]) -> f64 {
    merge(a, b, |x, y| f64::from(x) * f64::from(y))
}

fn weighted_shared(a: &[(Key, f32)], b: &[(Key, f32)]) -> f64 {
    merge(a, b, |x, _| f64::from(x))
}

#[cfg(test)]
mod lcs_tests {
    use super::{lcs_bits, lcs_rows};
    use proptest::prelude::*;

    #[test]
    fn known_subsequences() {
        assert_eq!(lcs_bits(&[1, 2, 3, 4], &[1, 3, 4]), 3);
        assert_eq!(lcs_bits(&[], &[1, 2]), 0);
        assert_eq!(lcs_bits(&[5, 5, 5], &[5, 6, 5]), 2);
        let long: Vec<u32> = (0..64).collect();
        assert_eq!(lcs_bits(&long, &long), 64);
    }

    proptest! {
        #[test]
        fn bit_parallel_equals_row_by_row(
            a in proptest::collection::vec(0u32..6, 0..80),
            b in proptest::collection::vec(0u32..6, 0..=64),
        ) {
            prop_assert_eq!(lcs_bits(&a, &b), lcs_rows(&a, &b));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ATTRIBUTIONS, NEGATIONS, may_attribute, may_negate};

    #[test]
    fn the_word_lists_pass_their_first_letter_checks() {
        // `Profile::new` looks a word up in these lists only when they pass.
        assert!(NEGATIONS.iter().all(|w| may_negate(w)));
        assert!(ATTRIBUTIONS.iter().all(|w| may_attribute(w)));
    }
}
