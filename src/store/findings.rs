//! What cross-referencing finds for newly imported claims: candidates are
//! read after the articles are committed (so the full-text index is not
//! flushed for every query), and the findings are written in one transaction.

use rusqlite::params;

use super::factchecks::{CLAIM_CANDIDATES_SQL, Candidate, FACTCHECK_CANDIDATES_SQL, candidates};
use super::{Result, Store};
use crate::model::{LinkRelation, now_rfc3339};
use crate::xref::Difference;

/// A pair of claims claimdesk suggests linking.
#[derive(Debug, Clone)]
pub struct SuggestedLink {
    /// One claim.
    pub a: i64,
    /// The other claim.
    pub b: i64,
    /// The suggested relation.
    pub relation: LinkRelation,
    /// The similarity, 0 to 1.
    pub score: f64,
}

/// A figure that differs between claim `a` (holding `diff.a`) and claim `b`.
#[derive(Debug, Clone)]
pub struct FoundConflict {
    /// The claim holding `diff.a`.
    pub a: i64,
    /// The claim holding `diff.b`.
    pub b: i64,
    /// The two figures.
    pub diff: Difference,
    /// The similarity of the two claims.
    pub score: f64,
}

/// A claim that looks like a known fact-check.
#[derive(Debug, Clone, Copy)]
pub struct FactCheckMatch {
    /// The claim.
    pub claim: i64,
    /// The fact-check.
    pub factcheck: i64,
    /// The similarity, 0 to 1.
    pub score: f64,
}

/// Everything found for a batch of new claims.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// Suggested links.
    pub links: Vec<SuggestedLink>,
    /// Numeric conflicts.
    pub conflicts: Vec<FoundConflict>,
    /// Fact-check matches.
    pub matches: Vec<FactCheckMatch>,
}

impl Store {
    /// Claims sharing words with `terms` (an OR query) with their BM25
    /// relevance (higher is better), best first.
    pub fn claim_candidates(&self, terms: &[String], k: usize) -> Result<Vec<Candidate>> {
        candidates(&self.conn, CLAIM_CANDIDATES_SQL, terms, k)
    }

    /// Ids of the claims up to id `up_to` whose text holds `word` (as the
    /// full-text index tokenizes it), or `None` when more than `cap` do.
    pub fn claims_with_word(&self, word: &str, up_to: i64, cap: usize) -> Result<Option<Vec<i64>>> {
        let Some(expr) = super::fts_query(word, false) else {
            return Ok(Some(Vec::new()));
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1 AND rowid <= ?2 LIMIT ?3",
        )?;
        let ids: Vec<i64> = stmt
            .query_map(params![expr, up_to, cap as i64 + 1], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((ids.len() <= cap).then_some(ids))
    }

    /// The highest claim id stored (0 when there is none).
    pub fn last_claim_id(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM claims", [], |r| r.get(0))?)
    }

    /// The text of one claim.
    pub fn claim_text(&self, id: i64) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached("SELECT text FROM claims WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// Whether any fact-check is stored.
    pub fn has_factchecks(&self) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM factchecks LIMIT 1")?
            .exists([])?)
    }

    /// Known fact-checks sharing words with `terms`, best BM25 first.
    pub fn factcheck_candidates(&self, terms: &[String], k: usize) -> Result<Vec<Candidate>> {
        candidates(&self.conn, FACTCHECK_CANDIDATES_SQL, terms, k)
    }

    /// Run `read` in one read transaction: its reads agree with each other
    /// whatever other connections commit meanwhile.
    pub fn in_read_transaction<T>(
        &self,
        read: impl FnOnce(&Store) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        self.conn.execute_batch("BEGIN")?;
        let result = read(self);
        let _ = self.conn.execute_batch("COMMIT");
        result
    }

    /// Store what cross-referencing found for an earlier batch in the open
    /// import batch (opening one if needed), committed with it by
    /// [`Store::commit_batch`]: one commit per batch instead of two. A pair
    /// that already has a link (suggested, confirmed or rejected) keeps it:
    /// a rejection is remembered.
    pub fn add_findings_to_batch(&mut self, findings: &Findings) -> Result<()> {
        self.begin_batch()?;
        self.insert_findings(findings)
    }

    fn insert_findings(&self, findings: &Findings) -> Result<()> {
        let now = now_rfc3339();
        let tx = &self.conn;
        {
            let mut link = tx.prepare_cached(
                "INSERT INTO claim_links (claim_a, claim_b, relation, state, score, created_at)
                 VALUES (?1, ?2, ?3, 'suggested', ?4, ?5) ON CONFLICT DO NOTHING",
            )?;
            for l in &findings.links {
                let score = l.score.clamp(0.0, 1.0);
                link.execute(params![
                    l.a.min(l.b),
                    l.a.max(l.b),
                    l.relation.as_str(),
                    score,
                    now
                ])?;
            }
            let mut conflict = tx.prepare_cached(
                "INSERT INTO conflicts (claim_a, claim_b, a_text, a_value, b_text, b_value, unit, kind,
                                        rel_diff, score, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING",
            )?;
            for c in &findings.conflicts {
                let (lo, hi) = if c.a < c.b {
                    (&c.diff.a, &c.diff.b)
                } else {
                    (&c.diff.b, &c.diff.a)
                };
                let kind = serde_json::to_value(c.diff.a.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                conflict.execute(params![
                    c.a.min(c.b),
                    c.a.max(c.b),
                    lo.text,
                    lo.value,
                    hi.text,
                    hi.value,
                    c.diff.a.unit,
                    kind,
                    c.diff.relative,
                    c.score,
                    now
                ])?;
            }
            let mut matched = tx.prepare_cached(
                "INSERT INTO factcheck_matches (claim_id, factcheck_id, score, created_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?;
            for m in &findings.matches {
                matched.execute(params![m.claim, m.factcheck, m.score, now])?;
            }
        }
        Ok(())
    }
}
