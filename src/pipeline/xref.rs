//! Cross-referencing at import: each committed batch of new claims is
//! compared with the stored claims of other articles that share its rare
//! words, and with known fact-checks. `worker.rs` runs it on its own thread;
//! what a batch is compared with does not depend on timing (see
//! `worker::Worker`).

use std::borrow::Cow;
use std::ops::RangeInclusive;

use anyhow::Context;

use crate::analyze::quantity::{self, Quantity};
use crate::model::LinkRelation;
use crate::store::{FactCheckMatch, Findings, FoundConflict, Store, SuggestedLink};
use crate::xref::{self, Idf, Profile, Relation};
use crate::xref_index::{SearchWord, WordIndex};

use super::gist::{Gist, Recent, RecentTexts, term_hash};
use super::{MIN_COLLECTION, uniform_idf};

/// Words of a claim (its rarest) used to find candidates.
const QUERY_TERMS: usize = 5;
/// Candidate claims compared with each new claim.
const CLAIM_CANDIDATES: usize = 4;
/// Candidate fact-checks compared with each new claim.
const FACTCHECK_CANDIDATES: usize = 5;
/// A word in more than 1/200 of the claims is too common to find candidates
/// with: it would bring hundreds of claims that share nothing else.
const MAX_TERM_SHARE: u32 = 200;
/// ... unless the collection is still small.
const MIN_TERM_CAP: u32 = 64;
/// A fact-check is suggested for a claim from this similarity on: the same
/// bar as two claims saying the same thing.
const FACTCHECK_MATCH_THRESHOLD: f64 = xref::SAME_THRESHOLD;
/// ... or from the related bar when the claim holds this share of the
/// fact-check's word weight: articles wrap a checked claim in extra clauses
/// ("..., believed to be affiliated with Iran, ...") that lower the similarity.
const FACTCHECK_COVERAGE: f64 = 0.75;
/// Claims whose profiles are kept at once (each takes about a kilobyte and a
/// half). A stored claim is a candidate of many new ones: on Reuters, a cache
/// of 4,000 meant 75,000 profiles rebuilt from text and 16,000 45,000. Once
/// 40,000 took the import's peak memory past 200 MB; since profiles keep
/// 32-bit keys and import runs without huge pages (see `cmd::import`), 24,000
/// keep Reuters at about 145 MB and a million claims under 180 MB (32,000
/// were no faster, and took the million to 199 MB).
const SEEN_CAPACITY: usize = 24_000;
/// Claims whose gists are kept at once (each takes a few hundred bytes).
const GIST_CAPACITY: usize = 50_000;
/// Bytes of the texts of this run's latest claims kept for the gists and
/// profiles of candidates (Reuters' claims average 125 bytes: about 65,000
/// claims). Reading the text of each candidate missing from the caches back
/// from SQLite took 0.38 s of CPU on Reuters (62,000 reads); 8 MB of texts
/// spare nearly all of it, for 4 MB more at the peak (16 MB spare no more).
const TEXT_CAPACITY: usize = 8 << 20;

/// The words of one claim, read once (on the reading thread): its distinct
/// content terms, which the document frequencies count, and the words that
/// may find candidates in the full-text index.
///
/// The terms and words share one string: a claim's words were two
/// allocations each, and checking a term against those already seen compared
/// strings (on long table-like claims, most of the reading thread's time).
#[derive(Debug, Clone, Default)]
pub struct ClaimTerms {
    /// The terms and written words, one after another.
    text: String,
    /// Distinct content terms (normalized and stemmed), in text order:
    /// where each lies in `text`.
    terms: Vec<(u32, u32)>,
    /// The hash of each term, as [`Idf`] and [`Profile`] hash it.
    hashes: Vec<u64>,
    /// For terms that may find candidates (not numbers, two letters or
    /// more): the index into `terms` and where the word as written lies in
    /// `text` (the full-text index's own stemmer reads it).
    searchable: Vec<(u32, u32, u32)>,
    /// Hashes of the content terms that are not numbers: its [`Gist`].
    pub content: Vec<u64>,
}

impl ClaimTerms {
    /// Read the terms of `text`.
    pub fn of(text: &str) -> ClaimTerms {
        thread_local! {
            // Lists that keep their memory from claim to claim: growing five
            // lists from nothing for every claim was a quarter of the time
            // here, and sizing them for the text held twice the memory a
            // claim needs while it waits for the writer.
            static SCRATCH: std::cell::RefCell<ClaimTerms> = Default::default();
        }
        SCRATCH.with_borrow_mut(|scratch| {
            scratch.read(text);
            // Clones take exactly the length: Reuters 1.59 to 1.25 us a claim.
            scratch.clone()
        })
    }

    /// Read the terms of `text` into these lists, emptied first.
    fn read(&mut self, text: &str) {
        self.text.clear();
        self.terms.clear();
        self.hashes.clear();
        self.searchable.clear();
        self.content.clear();
        let out = self;
        xref::text::for_each_token(text, |t| {
            if t.stop {
                return;
            }
            let h = term_hash(t.term);
            if out
                .hashes
                .iter()
                .zip(&out.terms)
                .any(|(&seen, &(a, b))| seen == h && &out.text[a as usize..b as usize] == t.term)
            {
                return;
            }
            if !t.number {
                out.content.push(h);
                if t.term.len() >= 2 {
                    let start = out.text.len() as u32;
                    out.text.push_str(t.surface);
                    let index = out.terms.len() as u32;
                    out.searchable.push((index, start, out.text.len() as u32));
                }
            }
            let start = out.text.len() as u32;
            out.text.push_str(t.term);
            out.terms.push((start, out.text.len() as u32));
            out.hashes.push(h);
        });
    }

    /// The distinct content terms, in text order.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.terms
            .iter()
            .map(|&(a, b)| &self.text[a as usize..b as usize])
    }

    /// The hashes of [`ClaimTerms::terms`], in the same order.
    pub fn hashes(&self) -> &[u64] {
        &self.hashes
    }

    /// The terms that may find candidates (their index in
    /// [`ClaimTerms::terms`]), with their words as written.
    fn searchable(&self) -> impl Iterator<Item = (usize, &str)> {
        self.searchable
            .iter()
            .map(|&(i, a, b)| (i as usize, &self.text[a as usize..b as usize]))
    }

    /// The rarest words that other claims hold, as written, but not too
    /// many and none too common (a word no stored claim has cannot find
    /// one, and a common word finds too many); ties keep text order, so a
    /// claim always yields the same words.
    fn rare_words(&self, idf: &Idf) -> Vec<SearchWord<'_>> {
        let cap = (idf.n_docs() / MAX_TERM_SHARE).max(MIN_TERM_CAP);
        // The QUERY_TERMS least frequent, in (df, text order): words come in
        // text order, so a word goes after those as rare as it.
        let mut rare: Vec<(u32, u64, &str)> = Vec::with_capacity(QUERY_TERMS + 1);
        for (i, surface) in self.searchable() {
            let term = self.hashes[i];
            let df = idf.df_hash(term);
            if !(1..=cap).contains(&df) {
                continue;
            }
            let at = rare.partition_point(|&(seen, _, _)| seen <= df);
            if at < QUERY_TERMS {
                rare.insert(at, (df, term, surface));
                rare.truncate(QUERY_TERMS);
            }
        }
        rare.into_iter()
            .map(|(df, term, surface)| SearchWord { term, surface, df })
            .collect()
    }

    /// The hashes of the terms that may find candidates.
    fn searchable_terms(&self) -> impl Iterator<Item = u64> + '_ {
        self.searchable().map(|(i, _)| self.hashes[i])
    }
}

/// A committed claim waiting to be cross-referenced.
pub struct NewClaim {
    /// Its id.
    pub id: i64,
    /// The ids of its article's claims: those are not "elsewhere".
    pub siblings: RangeInclusive<i64>,
    /// Its text.
    pub text: String,
    /// Its figures.
    pub figures: Vec<Quantity>,
    /// Its words.
    pub terms: ClaimTerms,
}

/// What cross-referencing remembers across batches.
pub struct CrossReferencer {
    idf: Idf,
    words: WordIndex,
    /// Whether any fact-check is stored (else their lookups are skipped).
    factchecks: bool,
    /// Word weights for a collection still too small to count on.
    uniform: Idf,
    /// Gists of the claims of this run and of the candidates read since.
    gists: Recent<Gist>,
    /// Profiles and figures of claims already compared in this run: the same
    /// stored claim is a candidate for many new ones.
    seen: Recent<Profiled>,
    /// Texts of this run's latest claims.
    texts: RecentTexts,
}

impl CrossReferencer {
    /// State read from `store`: term statistics, whether fact-checks exist.
    pub fn new(store: &Store) -> anyhow::Result<Self> {
        Ok(CrossReferencer {
            idf: store
                .load_idf()
                .context("cannot load the term statistics")?,
            words: WordIndex::new(store.last_claim_id()?),
            factchecks: store.has_factchecks()?,
            uniform: uniform_idf(),
            gists: Recent::new(GIST_CAPACITY),
            seen: Recent::new(SEEN_CAPACITY),
            texts: RecentTexts::new(TEXT_CAPACITY),
        })
    }

    /// Compare every claim of a committed batch with the stored claims of
    /// other articles that share its rare words, and with known fact-checks.
    pub fn run(&mut self, store: &Store, claims: &[NewClaim]) -> anyhow::Result<Findings> {
        // Words are chosen before the claim counts, as a search would see it.
        let words: Vec<Vec<SearchWord>> = claims
            .iter()
            .map(|claim| {
                let words = claim.terms.rare_words(&self.idf);
                self.idf.add_hashes(claim.terms.hashes());
                words
            })
            .collect();
        let idf = if self.idf.n_docs() >= MIN_COLLECTION {
            &self.idf
        } else {
            &self.uniform
        };
        let gists: Vec<Gist> = claims
            .iter()
            .map(|claim| {
                self.texts.push(claim.id, &claim.text);
                self.words.add(claim.id, claim.terms.searchable_terms());
                let gist = Gist::new(&claim.terms.content, idf);
                self.gists.insert(claim.id, gist.clone());
                gist
            })
            .collect();
        let mut findings = Findings::default();
        for ((claim, words), gist) in claims.iter().zip(&words).zip(&gists) {
            if words.is_empty() {
                continue;
            }
            let found: Vec<i64> = self
                .words
                .candidates(store, words, CLAIM_CANDIDATES + 8)?
                .into_iter()
                // Only pairs across articles, and each pair once (from its newer claim).
                .filter(|id| !claim.siblings.contains(id) && *id < claim.id)
                .take(CLAIM_CANDIDATES)
                .collect();
            // Candidates whose content words are too far from the claim's
            // can relate to it in no way `compare` reports: ruled out before
            // either side gets a full profile.
            let mut close = Vec::with_capacity(found.len());
            for other in found {
                let texts = &self.texts;
                let other_gist = self.gists.ensure(other, || {
                    Ok(claim_text(texts, store, other)?
                        .map(|text| Gist::new(&ClaimTerms::of(&text).content, idf)))
                })?;
                if other_gist.is_some_and(|g| gist.cosine(g) >= xref::PREFILTER_COSINE) {
                    close.push(other);
                }
            }
            if close.is_empty() && !self.factchecks {
                continue;
            }
            // Each claim is profiled once per run: as a new claim now, and as
            // a candidate of later claims from the cache.
            self.seen.ensure(claim.id, || {
                Ok(Some((
                    Profile::new(&claim.text, idf),
                    claim.figures.clone(),
                )))
            })?;
            for &other in &close {
                let texts = &self.texts;
                self.seen.ensure(other, || {
                    Ok(claim_text(texts, store, other)?
                        .map(|text| (Profile::new(&text, idf), quantity::extract(&text))))
                })?;
            }
            let Some((profile, _)) = self.seen.get(claim.id) else {
                continue;
            };
            for other in close {
                let Some((other_profile, other_figures)) = self.seen.get(other) else {
                    continue;
                };
                compare_claims(
                    (claim.id, profile, &claim.figures),
                    (other, other_profile, other_figures),
                    &mut findings,
                );
            }
            if !self.factchecks {
                continue;
            }
            let surfaces: Vec<String> = words.iter().map(|w| w.surface.to_string()).collect();
            for (fc, fc_text, _) in store.factcheck_candidates(&surfaces, FACTCHECK_CANDIDATES)? {
                let fc_profile = Profile::new(&fc_text, idf);
                let score = profile.similarity(&fc_profile);
                let covered = fc_profile.coverage_by(profile) >= FACTCHECK_COVERAGE;
                if score >= FACTCHECK_MATCH_THRESHOLD
                    || (covered && score >= xref::RELATED_THRESHOLD)
                {
                    findings.matches.push(FactCheckMatch {
                        claim: claim.id,
                        factcheck: fc,
                        score,
                    });
                }
            }
        }
        Ok(findings)
    }
}

/// The text of claim `id`: kept from this run, else read from `store`.
fn claim_text<'t>(
    texts: &'t RecentTexts,
    store: &Store,
    id: i64,
) -> anyhow::Result<Option<Cow<'t, str>>> {
    Ok(match texts.get(id) {
        Some(text) => Some(Cow::Borrowed(text)),
        None => store.claim_text(id)?.map(Cow::Owned),
    })
}

/// A claim's profile and figures.
type Profiled = (Profile, Vec<Quantity>);

/// Record the link (and any conflicting figures) between a new claim and a
/// stored one, if their relation is worth suggesting.
fn compare_claims(
    (id, profile, figures): (i64, &Profile, &[Quantity]),
    (other, other_profile, other_figures): (i64, &Profile, &[Quantity]),
    findings: &mut Findings,
) {
    let cmp = xref::compare_quantities(profile, figures, other_profile, other_figures);
    let relation = match cmp.relation {
        Relation::Same => LinkRelation::Same,
        Relation::Related => LinkRelation::Related,
        Relation::Conflict => LinkRelation::Contradicts,
        Relation::None => return,
    };
    if relation == LinkRelation::Contradicts {
        for diff in cmp.differences {
            findings.conflicts.push(FoundConflict {
                a: id,
                b: other,
                diff,
                score: cmp.score,
            });
        }
    }
    findings.links.push(SuggestedLink {
        a: id,
        b: other,
        relation,
        score: cmp.score,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_distinct_and_numbers_do_not_search() {
        let t = ClaimTerms::of("The militia attacked 151 times; the militia attacks.");
        assert_eq!(
            t.terms().collect::<Vec<_>>(),
            ["militia", "attack", "151", "tim"]
        );
        let hashes: Vec<u64> = t.terms().map(term_hash).collect();
        assert_eq!(t.hashes(), hashes);
        let searchable: Vec<&str> = t.searchable().map(|(_, w)| w).collect();
        assert_eq!(searchable, ["militia", "attacked", "times"]);
    }

    #[test]
    fn rare_words_prefer_the_rarest_held_by_other_claims() {
        let mut idf = Idf::default();
        for text in ["militia bases", "militia drones", "bases drones", "bases"] {
            idf.add(text);
        }
        let t = ClaimTerms::of("Drones struck militia bases near Tikrit");
        // "tikrit" is in no stored claim: it cannot find one.
        let rare = t.rare_words(&idf);
        let words: Vec<&str> = rare.iter().map(|w| w.surface).collect();
        assert_eq!(words, ["drones", "militia", "bases"]);
    }
}
