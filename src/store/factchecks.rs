//! Known published fact-checks and the claims that match them.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::articles::limit_param;
use super::xref::{RelatedRow, fts_query};
use super::{Result, Store};
use crate::ingest::factchecks::FactCheck;
use crate::model::now_rfc3339;

/// One line of `factchecks list`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FactCheckRow {
    /// Fact-check id.
    pub id: i64,
    /// Verdict as published.
    pub verdict: Option<String>,
    /// Who checked it.
    pub reviewer: Option<String>,
    /// When.
    pub published: Option<String>,
    /// Where.
    pub url: Option<String>,
    /// Claims in the database that match it.
    pub matches: i64,
    /// The claim checked.
    pub claim: String,
}

/// A stored fact-check as `match` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StoredFactCheck {
    /// Fact-check id.
    pub id: i64,
    /// The claim checked.
    pub claim: String,
    /// The fact-check's headline.
    pub title: Option<String>,
    /// Verdict as published.
    pub verdict: Option<String>,
    /// Who checked it.
    pub reviewer: Option<String>,
    /// Where.
    pub url: Option<String>,
    /// The date as imported (the `published` column): PolitiFact's "stated on
    /// ..." line, a ClaimReview's `datePublished`; read with `xref::parse_day`.
    pub published: Option<String>,
    /// When the checked claim was made (a ClaimReview's `itemReviewed`
    /// date, a `claim_date` column), if the import said.
    pub claim_date: Option<String>,
}

/// What importing a batch of fact-checks did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedFactChecks {
    /// Indices (into the batch) of the fact-checks newly stored.
    pub added: Vec<usize>,
    /// Already stored (same claim and URL).
    pub duplicates: usize,
}

impl Store {
    /// Store fact-checks in one transaction, skipping ones already stored.
    pub fn add_factchecks(
        &mut self,
        checks: &[FactCheck],
        source_path: &str,
    ) -> Result<ImportedFactChecks> {
        let tx = self.write()?;
        let now = now_rfc3339();
        let mut result = ImportedFactChecks::default();
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO factchecks (content_hash, claim, verdict, reviewer, claimant, url, published,
                                         title, source_path, imported_at, claim_date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (content_hash) DO NOTHING",
            )?;
            for (i, fc) in checks.iter().enumerate() {
                let key = format!("{}\u{0}{}", fc.claim, fc.url.as_deref().unwrap_or_default());
                let hash = blake3::hash(key.as_bytes()).to_hex().to_string();
                let n = insert.execute(params![
                    hash,
                    fc.claim,
                    fc.verdict,
                    fc.reviewer,
                    fc.claimant,
                    fc.url,
                    fc.published,
                    fc.title,
                    source_path,
                    now,
                    fc.claim_date
                ])?;
                if n == 1 {
                    result.added.push(i);
                } else {
                    result.duplicates += 1;
                }
            }
        }
        tx.commit()?;
        Ok(result)
    }

    /// Stored fact-checks, newest first, optionally those matching words.
    pub fn factchecks(
        &self,
        contains: Option<&str>,
        limit: Option<usize>,
    ) -> Result<Vec<FactCheckRow>> {
        let expr = contains.and_then(|c| fts_query(c, false));
        let sql = if expr.is_some() {
            "SELECT f.id, f.verdict, f.reviewer, f.published, f.url,
                    (SELECT count(*) FROM factcheck_matches m WHERE m.factcheck_id = f.id), f.claim
             FROM factchecks_fts JOIN factchecks f ON f.id = factchecks_fts.rowid
             WHERE factchecks_fts MATCH ?1 ORDER BY bm25(factchecks_fts) LIMIT ?2"
        } else {
            "SELECT f.id, f.verdict, f.reviewer, f.published, f.url,
                    (SELECT count(*) FROM factcheck_matches m WHERE m.factcheck_id = f.id), f.claim
             FROM factchecks f WHERE ?1 IS NULL ORDER BY f.id DESC LIMIT ?2"
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![expr, limit_param(limit)], |r| {
            Ok(FactCheckRow {
                id: r.get(0)?,
                verdict: r.get(1)?,
                reviewer: r.get(2)?,
                published: r.get(3)?,
                url: r.get(4)?,
                matches: r.get(5)?,
                claim: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every stored fact-check, for an in-memory index.
    pub fn all_factchecks(&self) -> Result<Vec<StoredFactCheck>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, claim, title, verdict, reviewer, url, published, claim_date
             FROM factchecks ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(StoredFactCheck {
                id: r.get(0)?,
                claim: r.get(1)?,
                title: r.get(2)?,
                verdict: r.get(3)?,
                reviewer: r.get(4)?,
                url: r.get(5)?,
                published: r.get(6)?,
                claim_date: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Fact-checks suggested for a claim, best first.
    pub(super) fn factcheck_matches(&self, claim: i64) -> Result<Vec<RelatedRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.id, m.score, f.verdict, f.reviewer, f.url, f.claim
             FROM factcheck_matches m JOIN factchecks f ON f.id = m.factcheck_id
             WHERE m.claim_id = ?1 ORDER BY m.score DESC",
        )?;
        let rows = stmt.query_map([claim], |r| {
            let verdict: Option<String> = r.get(2)?;
            let reviewer: Option<String> = r.get(3)?;
            let url: Option<String> = r.get(4)?;
            Ok(RelatedRow {
                kind: "factcheck".into(),
                id: r.get(0)?,
                relation: "checked".into(),
                state: "suggested".into(),
                score: r.get(1)?,
                source: [verdict, reviewer, url]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" | "),
                text: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// An id, its text, and its BM25 relevance (higher is better).
pub type Candidate = (i64, String, f64);

/// Claims for an OR query, best BM25 first. The full-text query ranks and
/// limits on its own before the join, so only the winners are looked up.
pub(super) const CLAIM_CANDIDATES_SQL: &str = "SELECT c.id, c.text, f.score
     FROM (SELECT rowid, -rank AS score FROM claims_fts WHERE claims_fts MATCH ?1
           ORDER BY rank LIMIT ?2) f
     JOIN claims c ON c.id = f.rowid ORDER BY f.score DESC";

/// Fact-checks for an OR query, best BM25 first.
pub(super) const FACTCHECK_CANDIDATES_SQL: &str = "SELECT c.id, c.claim, f.score
     FROM (SELECT rowid, -rank AS score FROM factchecks_fts WHERE factchecks_fts MATCH ?1
           ORDER BY rank LIMIT ?2) f
     JOIN factchecks c ON c.id = f.rowid ORDER BY f.score DESC";

/// Run a candidate query for the OR of `terms`.
pub(super) fn candidates(
    conn: &rusqlite::Connection,
    sql: &str,
    terms: &[String],
    k: usize,
) -> Result<Vec<Candidate>> {
    let Some(expr) = fts_query(&terms.join(" "), true) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![expr, k as i64], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
