//! The stored analysis of claims: the review queue and re-analysis.

use rusqlite::{ToSql, params, params_from_iter};
use serde::{Deserialize, Serialize};

use super::claims::ClaimFilter;
use super::import::{AnalysisRow, analysis_columns, as_sql};
use super::{Result, Store};
use crate::analyze::{ANALYSIS_VERSION, Analysis};

/// One line of the review queue.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueueRow {
    /// Claim id.
    pub id: i64,
    /// Article id.
    pub article: i64,
    /// Check-worthiness, 0 to 1.
    pub score: Option<f64>,
    /// Claim type.
    #[serde(rename = "type")]
    pub claim_type: Option<String>,
    /// Who it is attributed to (full name when known).
    pub speaker: Option<String>,
    /// The claim text.
    pub text: String,
}

impl Store {
    /// Claims matching `filter` with their analysis, in the filter's order.
    pub fn queue(&self, filter: &ClaimFilter) -> Result<Vec<QueueRow>> {
        let (tail, params) = filter.tail();
        let sql = format!(
            "SELECT c.id, c.article_id, round(c.checkworthiness, 3), c.claim_type,
                    coalesce(c.speaker_full, c.speaker), c.text
             FROM claims c LEFT JOIN reviews r ON r.id = c.last_review_id {tail}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params), |r| {
            Ok(QueueRow {
                id: r.get(0)?,
                article: r.get(1)?,
                score: r.get(2)?,
                claim_type: r.get(3)?,
                speaker: r.get(4)?,
                text: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Recompute the analysis of stored claims, article by article, with
    /// `analyze` (claim texts in article order in, one analysis each out).
    /// Only the analysis columns change; reviews are not touched. With
    /// `stale_only`, articles already at [`ANALYSIS_VERSION`] are skipped.
    /// Calls `progress` with the number of claims done after each batch.
    pub fn reanalyze(
        &mut self,
        stale_only: bool,
        analyze: &dyn Fn(&[&str]) -> Vec<Analysis>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<u64> {
        let articles: Vec<i64> = {
            let mut stmt = self.conn.prepare(
                "SELECT DISTINCT article_id FROM claims
                 WHERE NOT ?1 OR analysis_version IS NULL OR analysis_version <> ?2 ORDER BY article_id",
            )?;
            stmt.query_map(params![stale_only, ANALYSIS_VERSION], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let mut done = 0;
        // Batches keep each write transaction short, so reviewers are not locked out.
        for batch in articles.chunks(200) {
            let tx = self.write()?;
            {
                let mut select = tx.prepare_cached(
                    "SELECT id, text FROM claims WHERE article_id = ?1 ORDER BY position",
                )?;
                let mut update = tx.prepare_cached(concat!(
                    "UPDATE claims SET (",
                    analysis_columns!(),
                    ") = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) WHERE id = ?1"
                ))?;
                for &article in batch {
                    let claims: Vec<(i64, String)> = select
                        .query_map([article], |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect::<rusqlite::Result<_>>()?;
                    let texts: Vec<&str> = claims.iter().map(|(_, t)| t.as_str()).collect();
                    for ((id, _), a) in claims.iter().zip(analyze(&texts)) {
                        let row = AnalysisRow::from(a);
                        let values = AnalysisRow::values(Some(&row))?;
                        let id: &dyn ToSql = id;
                        update.execute(params_from_iter(
                            std::iter::once(id).chain(values.iter().map(as_sql)),
                        ))?;
                        done += 1;
                    }
                }
            }
            tx.commit()?;
            progress(done);
        }
        Ok(done)
    }
}
