//! The import pipeline: prepare the body and claims, analyze them, store
//! them, and cross-reference the new claims against the claims and
//! fact-checks already stored.
//!
//! Articles are written in batches (one savepoint each, see
//! `store::ImportTx`). Cross-referencing runs right after a batch commits:
//! reading the full-text index while the batch is still writing it would
//! flush the index for every query. Candidates come from a word index
//! ([`WordIndex`]) rather than a ranked query per claim, which cost ten times
//! the rest of the import. The findings are written in one more transaction.

use std::collections::HashMap;

use anyhow::Context;

use crate::analyze::analyze_article;
use crate::analyze::quantity::{self, Quantity};
use crate::ingest::Document;
use crate::model::LinkRelation;
use crate::prepare::{PreparedArticle, prepare};
use crate::store::{
    AnalysisRow, FactCheckMatch, Findings, FoundConflict, ImportOutcome, Store, SuggestedLink,
};
use crate::xref::{self, Idf, Profile, Relation};
use crate::xref_index::WordIndex;

/// Articles written per batch transaction.
const BATCH_ARTICLES: usize = 500;
/// Words of a claim used to find candidates in the full-text index.
const QUERY_TERMS: usize = 5;
/// Candidate claims compared with each new claim.
const CLAIM_CANDIDATES: usize = 4;
/// Candidate fact-checks compared with each new claim.
const FACTCHECK_CANDIDATES: usize = 5;
/// A word in more than 1/200 of the claims is too common to find candidates
/// with: ranking its whole posting list costs more than the rest of import.
const MAX_TERM_SHARE: u32 = 200;
/// ... unless the collection is still small.
const MIN_TERM_CAP: u32 = 64;
/// A fact-check is suggested for a claim from this similarity on: the same
/// bar as two claims saying the same thing.
pub const FACTCHECK_MATCH_THRESHOLD: f64 = xref::SAME_THRESHOLD;
/// ... or from the related bar when the claim holds this share of the
/// fact-check's word weight: articles wrap a checked claim in extra clauses
/// ("..., believed to be affiliated with Iran, ...") that lower the similarity.
pub const FACTCHECK_COVERAGE: f64 = 0.75;

/// A document with its body, claims and their analyses: the CPU work of
/// import, which can run on another thread than the one writing SQLite.
pub struct Prepared {
    /// The document read.
    pub doc: Document,
    article: PreparedArticle,
    analyses: Vec<AnalysisRow>,
}

impl Prepared {
    /// Build the body and claims of `doc`, and analyze them if asked.
    pub fn new(doc: Document, analyze: bool) -> Prepared {
        let article = prepare(&doc.paragraphs);
        let analyses = if analyze {
            let texts: Vec<&str> = article.claims.iter().map(|c| c.text.as_str()).collect();
            analyze_article(&texts)
                .into_iter()
                .map(AnalysisRow::from)
                .collect()
        } else {
            Vec::new()
        };
        Prepared {
            doc,
            article,
            analyses,
        }
    }
}

/// Imports documents one by one into a store, committing in batches; the
/// open batch is committed by [`Importer::finish`], or when dropped.
pub struct Importer<'s> {
    store: &'s mut Store,
    xref: Option<XrefState>,
    analyze: bool,
    pending: usize,
}

/// What cross-referencing needs to remember across articles.
struct XrefState {
    idf: Idf,
    /// Term counts of the claims of the open batch, saved when it commits.
    delta: HashMap<String, u32>,
    new_docs: u32,
    /// Claims of the open batch, cross-referenced once it commits.
    claims: Vec<NewClaim>,
    words: WordIndex,
    /// Whether any fact-check is stored (else their lookups are skipped).
    factchecks: bool,
    /// Word weights for a collection still too small to count on.
    uniform: Idf,
    /// Profiles and figures of claims already compared in this run: the same
    /// stored claim is a candidate for many new ones.
    seen: HashMap<i64, (Profile, Vec<Quantity>)>,
}

/// Claims whose profiles are kept at once; past it the cache starts afresh.
const SEEN_CAPACITY: usize = 10_000;

/// A claim waiting to be cross-referenced.
struct NewClaim {
    id: i64,
    /// The ids of its article's claims: those are not "elsewhere".
    siblings: std::ops::RangeInclusive<i64>,
    text: String,
    figures: Vec<Quantity>,
    /// Its rarest words, chosen when it was imported.
    words: Vec<String>,
}

impl<'s> Importer<'s> {
    /// An importer; with `xref`, new claims are compared with stored ones;
    /// without `analyze`, claims are stored unanalyzed (`reanalyze` fills in).
    pub fn new(store: &'s mut Store, xref: bool, analyze: bool) -> anyhow::Result<Self> {
        let xref = if xref {
            Some(XrefState {
                idf: store
                    .load_idf()
                    .context("cannot load the term statistics")?,
                delta: HashMap::new(),
                new_docs: 0,
                claims: Vec::new(),
                words: WordIndex::new(),
                factchecks: store.has_factchecks()?,
                uniform: uniform_idf(),
                seen: HashMap::new(),
            })
        } else {
            None
        };
        Ok(Importer {
            store,
            xref,
            analyze,
            pending: 0,
        })
    }

    /// Whether claims get their analysis at import.
    pub fn analyzes(&self) -> bool {
        self.analyze
    }

    /// Store a document prepared (perhaps on another thread) by
    /// [`Prepared::new`], unless its body is already stored.
    pub fn store_prepared(&mut self, prepared: Prepared) -> anyhow::Result<ImportOutcome> {
        let Prepared {
            doc,
            article,
            analyses,
        } = prepared;
        let tx = self.store.begin_import()?;
        if let Some(article_id) = tx.find_article(&article.content_hash)? {
            return Ok(ImportOutcome::AlreadyImported { article_id });
        }
        let texts: Vec<&str> = article.claims.iter().map(|c| c.text.as_str()).collect();
        let (article_id, claim_ids) =
            tx.insert_article(&doc.meta, &doc.origin, doc.format, &article, &analyses)?;
        tx.commit()?;
        if let Some(state) = &mut self.xref {
            let siblings =
                claim_ids.first().copied().unwrap_or(0)..=claim_ids.last().copied().unwrap_or(-1);
            for (i, (&id, &text)) in claim_ids.iter().zip(&texts).enumerate() {
                // Words chosen before the claim counts, as a search would see it.
                let (terms, words) = claim_words(text, &state.idf);
                state.idf.add_terms(&terms);
                add_counts(&terms, &mut state.delta);
                state.new_docs += 1;
                let figures = match analyses.get(i) {
                    Some(a) => a.analysis.quantities.clone(),
                    None => quantity::extract(text),
                };
                state.claims.push(NewClaim {
                    id,
                    siblings: siblings.clone(),
                    text: text.to_string(),
                    figures,
                    words,
                });
            }
        }
        self.pending += 1;
        if self.pending >= BATCH_ARTICLES {
            self.flush()?;
        }
        Ok(ImportOutcome::Imported {
            article_id,
            claims: claim_ids.len(),
        })
    }

    /// Commit the open batch with the term counts it added, then
    /// cross-reference its claims.
    fn flush(&mut self) -> anyhow::Result<()> {
        let (n_docs, delta, claims) = match &mut self.xref {
            Some(state) => (
                std::mem::take(&mut state.new_docs),
                std::mem::take(&mut state.delta),
                std::mem::take(&mut state.claims),
            ),
            None => (0, HashMap::new(), Vec::new()),
        };
        self.store
            .commit_batch(n_docs, &delta)
            .context("cannot commit the imported articles")?;
        self.pending = 0;
        if let Some(state) = &mut self.xref
            && !claims.is_empty()
        {
            for claim in &claims {
                state.words.add(claim.id, &claim.words);
            }
            self.store
                .cross_reference(|store| cross_reference(store, state, &claims))
                .context("cannot cross-reference the new claims")?;
        }
        Ok(())
    }

    /// Commit what is pending.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.flush()
    }
}

impl Drop for Importer<'_> {
    fn drop(&mut self) {
        // Articles already reported as imported must not vanish when a later
        // error ends the run early.
        let _ = self.flush();
    }
}

/// Compare every new claim with the stored claims of other articles that
/// share its rare words, and with known fact-checks.
fn cross_reference(
    store: &Store,
    state: &mut XrefState,
    claims: &[NewClaim],
) -> anyhow::Result<Findings> {
    let mut findings = Findings::default();
    let idf = if state.idf.n_docs() >= MIN_COLLECTION {
        &state.idf
    } else {
        &state.uniform
    };
    if state.seen.len() > SEEN_CAPACITY {
        state.seen.clear();
    }
    for claim in claims {
        if claim.words.is_empty() {
            continue;
        }
        let found: Vec<i64> = state
            .words
            .candidates(store, &claim.words, CLAIM_CANDIDATES + 8)?
            .into_iter()
            // Only pairs across articles, and each pair once (from its newer claim).
            .filter(|id| !claim.siblings.contains(id) && *id < claim.id)
            .take(CLAIM_CANDIDATES)
            .collect();
        if found.is_empty() && !state.factchecks {
            continue;
        }
        // Each claim is profiled once per run: as a new claim now, and as a
        // candidate of later claims from the cache.
        state
            .seen
            .entry(claim.id)
            .or_insert_with(|| (Profile::new(&claim.text, idf), claim.figures.clone()));
        for &other in &found {
            if !state.seen.contains_key(&other)
                && let Some(text) = store.claim_text(other)?
            {
                let entry = (Profile::new(&text, idf), quantity::extract(&text));
                state.seen.insert(other, entry);
            }
        }
        let profile = &state.seen[&claim.id].0;
        for other in found {
            let Some((other_profile, other_figures)) = state.seen.get(&other) else {
                continue;
            };
            let cmp =
                xref::compare_quantities(profile, &claim.figures, other_profile, other_figures);
            let relation = match cmp.relation {
                Relation::Same => LinkRelation::Same,
                Relation::Related => LinkRelation::Related,
                Relation::Conflict => LinkRelation::Contradicts,
                Relation::None => continue,
            };
            if relation == LinkRelation::Contradicts {
                for diff in cmp.differences {
                    findings.conflicts.push(FoundConflict {
                        a: claim.id,
                        b: other,
                        diff,
                        score: cmp.score,
                    });
                }
            }
            findings.links.push(SuggestedLink {
                a: claim.id,
                b: other,
                relation,
                score: cmp.score,
            });
        }
        if !state.factchecks {
            continue;
        }
        for (fc, fc_text, _) in store.factcheck_candidates(&claim.words, FACTCHECK_CANDIDATES)? {
            let fc_profile = Profile::new(&fc_text, idf);
            let score = profile.similarity(&fc_profile);
            let covered = fc_profile.coverage_by(profile) >= FACTCHECK_COVERAGE;
            if score >= FACTCHECK_MATCH_THRESHOLD || (covered && score >= xref::RELATED_THRESHOLD) {
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

/// One pass over a new claim's words (this runs for every imported claim):
/// its distinct content terms, which the document frequencies count, and the
/// words to find candidates with: the rarest that other claims hold, but not
/// too many (a word no stored claim has cannot find one, and a common word
/// finds too many), as written, so the full-text index's stemmer applies.
fn claim_words(text: &str, idf: &Idf) -> (Vec<String>, Vec<String>) {
    let cap = (idf.n_docs() / MAX_TERM_SHARE).max(MIN_TERM_CAP);
    let mut terms: Vec<String> = Vec::new();
    let mut rare: Vec<(u32, usize, String)> = Vec::new();
    xref::text::for_each_token(text, |t| {
        if t.stop || terms.iter().any(|seen| seen == t.term) {
            return;
        }
        terms.push(t.term.to_string());
        let df = idf.df(t.term);
        if !t.number && t.term.len() >= 2 && (1..=cap).contains(&df) {
            rare.push((df, rare.len(), t.surface.to_string()));
        }
    });
    // Rarest first; ties keep text order, so a claim always yields the same words.
    rare.sort_by_key(|&(df, order, _)| (df, order));
    let words = rare
        .into_iter()
        .take(QUERY_TERMS)
        .map(|(_, _, w)| w)
        .collect();
    (terms, words)
}

/// Count each distinct matching term of `text` once in `counts`: how the
/// stored document frequencies grow with every claim or fact-check.
pub fn count_terms(text: &str, counts: &mut HashMap<String, u32>) {
    let mut terms = xref::terms(text);
    terms.sort_unstable();
    terms.dedup();
    add_counts(&terms, counts);
}

fn add_counts(distinct: &[String], counts: &mut HashMap<String, u32>) {
    for term in distinct {
        *counts.entry(term.clone()).or_insert(0) += 1;
    }
}

/// A collection size under which every unseen word gets the same high weight.
const UNIFORM_COLLECTION: u32 = 1_000_000;

/// Under this many claims and fact-checks, document frequencies say little
/// about which words are rare (the similarity model learnt its weights on a
/// collection of thousands of sentences), so words weigh alike instead.
pub const MIN_COLLECTION: u32 = 1_000;

/// Weights that treat every word alike.
pub fn uniform_idf() -> Idf {
    Idf::from_counts(UNIFORM_COLLECTION, std::iter::empty::<(&str, u32)>())
}

/// `idf` when it counts enough documents to weigh words by, else uniform weights.
pub fn idf_or_uniform(idf: Idf) -> Idf {
    if idf.n_docs() >= MIN_COLLECTION {
        idf
    } else {
        uniform_idf()
    }
}
