//! The per-article import pipeline: prepare the body and claims, store them,
//! and cross-reference each new claim against the claims and fact-checks
//! already stored, all in the article's one transaction.

use std::collections::HashMap;

use anyhow::Context;

use crate::analyze::quantity;
use crate::ingest::Document;
use crate::model::LinkRelation;
use crate::prepare::prepare;
use crate::store::{ImportOutcome, ImportTx, Store};
use crate::xref::{self, Idf, Profile, Relation};

/// Words of a claim used to find candidates in the full-text index.
const QUERY_TERMS: usize = 8;
/// Candidate claims compared with each new claim.
const CLAIM_CANDIDATES: usize = 12;
/// Candidate fact-checks compared with each new claim.
const FACTCHECK_CANDIDATES: usize = 5;
/// A fact-check is suggested for a claim from this similarity on: the same
/// bar as two claims saying the same thing.
pub const FACTCHECK_MATCH_THRESHOLD: f64 = xref::SAME_THRESHOLD;

/// Imports documents one by one into a store.
pub struct Importer<'s> {
    store: &'s mut Store,
    xref: Option<XrefState>,
}

/// What cross-referencing needs to remember across articles.
struct XrefState {
    idf: Idf,
    /// Term counts of the claims imported in this run, saved by [`Importer::finish`].
    delta: HashMap<String, u32>,
    new_docs: u32,
}

impl<'s> Importer<'s> {
    /// An importer; with `xref`, new claims are compared with stored ones.
    pub fn new(store: &'s mut Store, xref: bool) -> anyhow::Result<Self> {
        let xref = if xref {
            Some(XrefState {
                idf: store
                    .load_idf()
                    .context("cannot load the term statistics")?,
                delta: HashMap::new(),
                new_docs: 0,
            })
        } else {
            None
        };
        Ok(Importer { store, xref })
    }

    /// Store one document unless its body is already stored.
    pub fn import(&mut self, doc: &Document) -> anyhow::Result<ImportOutcome> {
        let article = prepare(&doc.paragraphs);
        let tx = self.store.begin_import()?;
        if let Some(article_id) = tx.find_article(&article.content_hash)? {
            return Ok(ImportOutcome::AlreadyImported { article_id });
        }
        let (article_id, claim_ids) =
            tx.insert_article(&doc.meta, &doc.origin, doc.format, &article)?;
        let texts: Vec<&str> = article.claims.iter().map(|c| c.text.as_str()).collect();
        if let Some(state) = &self.xref {
            cross_reference(&tx, &state.idf, article_id, &claim_ids, &texts)
                .with_context(|| format!("{}: cannot cross-reference the claims", doc.origin))?;
        }
        tx.commit()?;
        if let Some(state) = &mut self.xref {
            for text in &texts {
                state.idf.add(text);
                let mut terms = xref::terms(text);
                terms.sort_unstable();
                terms.dedup();
                for term in terms {
                    *state.delta.entry(term).or_insert(0) += 1;
                }
                state.new_docs += 1;
            }
        }
        Ok(ImportOutcome::Imported {
            article_id,
            claims: claim_ids.len(),
        })
    }

    /// Save what this run learned about term frequencies.
    pub fn finish(self) -> anyhow::Result<()> {
        if let Some(state) = self.xref {
            self.store.save_idf_delta(state.new_docs, &state.delta)?;
        }
        Ok(())
    }
}

/// Compare every new claim with its best full-text candidates in other
/// articles and with known fact-checks; store suggestions and conflicts.
fn cross_reference(
    tx: &ImportTx<'_>,
    idf: &Idf,
    article_id: i64,
    claim_ids: &[i64],
    texts: &[&str],
) -> anyhow::Result<()> {
    for (&id, &text) in claim_ids.iter().zip(texts) {
        let terms = xref::query_terms(text, idf, QUERY_TERMS);
        if terms.is_empty() {
            continue;
        }
        let profile = Profile::new(text, idf);
        let figures = quantity::extract(text);
        for (other, other_text) in tx.claim_candidates(&terms, article_id, CLAIM_CANDIDATES)? {
            let other_profile = Profile::new(&other_text, idf);
            let cmp = xref::compare_quantities(
                &profile,
                &figures,
                &other_profile,
                &quantity::extract(&other_text),
            );
            let relation = match cmp.relation {
                Relation::Same => LinkRelation::Same,
                Relation::Related => LinkRelation::Related,
                Relation::Conflict => LinkRelation::Contradicts,
                Relation::None => continue,
            };
            tx.suggest_link(id, other, relation, cmp.score)?;
            if relation == LinkRelation::Contradicts {
                for diff in &cmp.differences {
                    tx.add_conflict(id, other, diff, cmp.score)?;
                }
            }
        }
        for (fc, fc_text) in tx.factcheck_candidates(&terms, FACTCHECK_CANDIDATES)? {
            let score = profile.similarity(&Profile::new(&fc_text, idf));
            if score >= FACTCHECK_MATCH_THRESHOLD {
                tx.add_factcheck_match(id, fc, score)?;
            }
        }
    }
    Ok(())
}
