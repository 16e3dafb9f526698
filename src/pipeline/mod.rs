//! The import pipeline: prepare the body and claims, analyze them, store
//! them, and cross-reference the new claims against the claims and
//! fact-checks already stored.
//!
//! Articles are written in batches (one savepoint each, see
//! `store::ImportTx`). Cross-referencing takes each batch once it has
//! committed: reading the full-text index while the batch is still writing
//! it would flush the index for every query. It runs on its own thread while
//! the next batch is written (see `worker.rs`); candidates come from a word
//! index (`xref_index::WordIndex`) rather than a ranked query per claim,
//! which cost ten times the rest of the import.

mod gist;
mod worker;
mod xref;

use std::collections::HashMap;

use anyhow::Context;
use rustc_hash::FxHashMap;

use crate::analyze::analyze_article;
use crate::analyze::quantity;
use crate::ingest::Document;
use crate::prepare::{PreparedArticle, prepare};
use crate::store::{AnalysisRow, ImportOutcome, Store};
use crate::xref::Idf;

use worker::Xref;
pub use xref::ClaimTerms;
use xref::NewClaim;

/// Articles written per batch transaction.
const BATCH_ARTICLES: usize = 500;
/// ... or claims: a batch is also the unit cross-referencing takes while the
/// next one is written, and the last batch's share runs alone at the end, so
/// batches of a few thousand claims keep both threads busy (BBC articles
/// hold 18 claims on average, Reuters articles 6).
const BATCH_CLAIMS: usize = 4_000;

/// Claims whose term counts are gathered before they are written: a batch's
/// terms, written with each batch, were a quarter of a million upserts on
/// Reuters (55,000 distinct terms); every 100,000 claims and at the end of
/// the run they are about a third of that. The counts only weigh words: if
/// an import is killed, the claims committed since the last write are
/// missing from them, as claims imported with `--no-xref` are.
const TERM_COUNT_CLAIMS: u32 = 100_000;

/// What the reading thread does for each document.
#[derive(Debug, Clone, Copy)]
pub struct Preparation {
    analyze: bool,
    xref: bool,
}

impl Preparation {
    /// Build the body and claims of `doc`, and analyze them and read their
    /// words if the import needs it.
    pub fn prepare(self, doc: Document) -> Prepared {
        let article = prepare(&doc.paragraphs);
        let texts = || article.claims.iter().map(|c| c.text.as_str());
        let analyses = if self.analyze {
            let texts: Vec<&str> = texts().collect();
            analyze_article(&texts)
                .into_iter()
                .map(AnalysisRow::from)
                .collect()
        } else {
            Vec::new()
        };
        let terms = if self.xref {
            texts().map(ClaimTerms::of).collect()
        } else {
            Vec::new()
        };
        Prepared {
            doc,
            article,
            analyses,
            terms,
        }
    }
}

/// A document with its body, claims, their analyses and words: the CPU work
/// of import, which runs on another thread than the one writing SQLite.
pub struct Prepared {
    /// The document read.
    pub doc: Document,
    article: PreparedArticle,
    analyses: Vec<AnalysisRow>,
    terms: Vec<ClaimTerms>,
}

impl Prepared {
    /// How many claims the document was split into.
    pub fn claims(&self) -> usize {
        self.article.claims.len()
    }
}

/// Imports documents one by one into a store, committing in batches; the
/// open batch is committed by [`Importer::finish`], or when dropped.
pub struct Importer<'s> {
    store: &'s mut Store,
    xref: Option<XrefBatch>,
    analyze: bool,
    /// Articles and claims in the open batch.
    pending: usize,
    pending_claims: usize,
}

/// The open batch's part of cross-referencing.
struct XrefBatch {
    runner: Xref,
    /// Claims of the open batch, cross-referenced once it commits.
    claims: Vec<NewClaim>,
    /// Term counts of the claims committed and not yet written.
    counts: TermCounts,
}

/// Document frequencies gathered across batches (see [`TERM_COUNT_CLAIMS`]).
#[derive(Default)]
struct TermCounts {
    claims: u32,
    /// By term hash (as [`ClaimTerms::hashes`] gives it: hashing each term's
    /// text again was most of the counting): the term and its count.
    df: FxHashMap<u64, (Box<str>, u32)>,
}

impl TermCounts {
    /// Count each claim once for each of its distinct terms.
    fn add(&mut self, claims: &[NewClaim]) {
        for claim in claims {
            for (term, &h) in claim.terms.terms().zip(claim.terms.hashes()) {
                match self.df.get_mut(&h) {
                    Some(counted) => counted.1 += 1,
                    None => {
                        self.df.insert(h, (term.into(), 1));
                    }
                }
            }
        }
        self.claims += claims.len() as u32;
    }

    /// The terms and their counts.
    fn delta(&self) -> impl Iterator<Item = (&str, u32)> {
        self.df.values().map(|(term, n)| (&**term, *n))
    }
}

impl<'s> Importer<'s> {
    /// An importer; with `xref`, new claims are compared with stored ones;
    /// without `analyze`, claims are stored unanalyzed (`reanalyze` fills in).
    pub fn new(store: &'s mut Store, xref: bool, analyze: bool) -> anyhow::Result<Self> {
        // Inserts append to the tables and indexes: a bigger cache only
        // holds memory (64 MB gave no faster import than 16 MB).
        store.set_cache_mb(16)?;
        let xref = if xref {
            Some(XrefBatch {
                runner: Xref::start(store)?,
                claims: Vec::new(),
                counts: TermCounts::default(),
            })
        } else {
            None
        };
        Ok(Importer {
            store,
            xref,
            analyze,
            pending: 0,
            pending_claims: 0,
        })
    }

    /// What documents need before [`Importer::store_prepared`] takes them.
    pub fn preparation(&self) -> Preparation {
        Preparation {
            analyze: self.analyze,
            xref: self.xref.is_some(),
        }
    }

    /// Store a document prepared (perhaps on another thread) by
    /// [`Preparation::prepare`], unless its body is already stored.
    pub fn store_prepared(&mut self, prepared: Prepared) -> anyhow::Result<ImportOutcome> {
        let Prepared {
            doc,
            article,
            analyses,
            terms,
        } = prepared;
        let tx = self.store.begin_import()?;
        if let Some(article_id) = tx.find_article(&article.content_hash)? {
            return Ok(ImportOutcome::AlreadyImported { article_id });
        }
        let (article_id, claim_ids) =
            tx.insert_article(&doc.meta, &doc.origin, doc.format, &article, &analyses)?;
        tx.commit()?;
        if let Some(batch) = &mut self.xref {
            let siblings =
                claim_ids.first().copied().unwrap_or(0)..=claim_ids.last().copied().unwrap_or(-1);
            let mut analyses = analyses.into_iter();
            for ((&id, claim), terms) in claim_ids.iter().zip(article.claims).zip(terms) {
                let figures = match analyses.next() {
                    Some(a) => a.analysis.quantities,
                    None => quantity::extract(&claim.text),
                };
                batch.claims.push(NewClaim {
                    id,
                    siblings: siblings.clone(),
                    text: claim.text,
                    figures,
                    terms,
                });
            }
        }
        self.pending += 1;
        self.pending_claims += claim_ids.len();
        if self.pending >= BATCH_ARTICLES || self.pending_claims >= BATCH_CLAIMS {
            self.flush(false)?;
        }
        Ok(ImportOutcome::Imported {
            article_id,
            claims: claim_ids.len(),
        })
    }

    /// Commit the open batch, with the term counts gathered so far when
    /// they are many or this is the `last` batch, then have its claims
    /// cross-referenced.
    fn flush(&mut self, last: bool) -> anyhow::Result<()> {
        let (claims, counts) = match &mut self.xref {
            Some(batch) => {
                let claims = std::mem::take(&mut batch.claims);
                batch.counts.add(&claims);
                let write = last || batch.counts.claims >= TERM_COUNT_CLAIMS;
                let counts = if write {
                    std::mem::take(&mut batch.counts)
                } else {
                    TermCounts::default()
                };
                (claims, counts)
            }
            None => (Vec::new(), TermCounts::default()),
        };
        self.store
            .commit_batch(counts.claims, counts.delta())
            .context("cannot commit the imported articles")?;
        self.pending = 0;
        self.pending_claims = 0;
        if let Some(batch) = &mut self.xref {
            batch
                .runner
                .submit(self.store, claims)
                .context("cannot cross-reference the new claims")?;
        }
        Ok(())
    }

    /// Commit what is pending and store what cross-referencing finds in it.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.flush(true)?;
        self.finish_xref()
    }

    fn finish_xref(&mut self) -> anyhow::Result<()> {
        match &mut self.xref {
            Some(batch) => batch
                .runner
                .finish(self.store)
                .context("cannot cross-reference the new claims"),
            None => Ok(()),
        }
    }
}

impl Drop for Importer<'_> {
    fn drop(&mut self) {
        // Articles already reported as imported must not vanish when a later
        // error ends the run early.
        if self.flush(true).is_ok() {
            let _ = self.finish_xref();
        }
    }
}

/// Count each distinct matching term of `text` once in `counts`: how the
/// stored document frequencies grow with every claim or fact-check.
pub fn count_terms(text: &str, counts: &mut HashMap<String, u32>) {
    let mut terms = crate::xref::terms(text);
    terms.sort_unstable();
    terms.dedup();
    for term in terms {
        *counts.entry(term).or_insert(0) += 1;
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

/// Lower the scheduling priority of the calling thread by 10 (Linux), from
/// the process's own: `nice -n 5 claimdesk import` runs these at 15.
///
/// Import runs three threads on what is often two cores: the writer, which
/// is the critical path, and the reader and the cross-referencer, which have
/// slack (the reader waits on a full channel most of the time). At equal
/// priority the writer lost time slices to them: Reuters took 4.7 to 5.1 s,
/// with the other two at nice 10 4.4 to 4.6 s.
pub fn yield_to_writer() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid, getpriority and setpriority take no pointers; if a
    // call fails the thread keeps its priority, which is harmless.
    unsafe {
        let tid = libc::gettid() as libc::id_t;
        // A new thread starts at its creator's priority.
        let current = libc::getpriority(libc::PRIO_PROCESS, tid);
        libc::setpriority(libc::PRIO_PROCESS, tid, (current + 10).min(19));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InputFormat, Metadata};

    fn doc(text: &str) -> Document {
        Document {
            meta: Metadata::default(),
            paragraphs: vec![text.to_string()],
            format: InputFormat::Text,
            origin: "test".into(),
        }
    }

    /// A database no second connection can open (`:memory:`) is
    /// cross-referenced on the writer's own connection.
    #[test]
    fn an_in_memory_database_is_cross_referenced_inline() {
        let mut store = Store::open(std::path::Path::new(":memory:")).unwrap();
        assert_eq!(store.file_path(), None);
        {
            let mut importer = Importer::new(&mut store, true, true).unwrap();
            let preparation = importer.preparation();
            for text in [
                "Militia attacks on US forces have occurred at least 151 times since October.",
                "Militia attacks on US forces have occurred 160 times since October.",
            ] {
                importer
                    .store_prepared(preparation.prepare(doc(text)))
                    .unwrap();
            }
            importer.finish().unwrap();
        }
        let conflicts = store.conflicts(None, None).unwrap();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    }

    /// The term counts gathered across batches are written when the import
    /// ends, and also when it ends early (the importer dropped after an error).
    #[test]
    fn term_counts_are_written_at_the_end_of_an_import() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let mut store = Store::open(&db).unwrap();
        for (run, texts) in [
            ["Militia drones struck the base.", "Militia attacks rose."],
            ["Militia leaders met.", "Drones were seen."],
        ]
        .into_iter()
        .enumerate()
        {
            let mut importer = Importer::new(&mut store, true, true).unwrap();
            let preparation = importer.preparation();
            for text in texts {
                importer
                    .store_prepared(preparation.prepare(doc(text)))
                    .unwrap();
            }
            if run == 0 {
                importer.finish().unwrap();
            } else {
                drop(importer);
            }
        }
        let idf = store.load_idf().unwrap();
        assert_eq!(idf.n_docs(), 4);
        let df = |word: &str| {
            let term = &crate::xref::terms(word)[0];
            idf.df_hash(crate::xref::text::hash(term.as_bytes()))
        };
        assert_eq!((df("militia"), df("drones"), df("leaders")), (3, 2, 1));
    }
}
