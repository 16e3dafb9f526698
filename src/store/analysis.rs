//! The stored analysis of claims: the review queue and re-analysis.

use rusqlite::{ToSql, params, params_from_iter};
use serde::{Deserialize, Serialize};

use super::claims::{ClaimFilter, for_each_row};
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
        let mut rows = Vec::new();
        for_each_row(
            &self.conn,
            "SELECT c.id, c.article_id, round(c.checkworthiness, 3), c.claim_type,
                    coalesce(c.speaker_full, c.speaker), c.text
             FROM claims c LEFT JOIN reviews r ON r.id = c.last_review_id",
            filter,
            |r| -> Result<()> {
                rows.push(QueueRow {
                    id: r.get(0)?,
                    article: r.get(1)?,
                    score: r.get(2)?,
                    claim_type: r.get(3)?,
                    speaker: r.get(4)?,
                    text: r.get(5)?,
                });
                Ok(())
            },
        )?;
        Ok(rows)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::store::Sort;

    /// Claims with these scores (NULL: unanalyzed), in id order.
    fn store_with_scores(scores: &[Option<f64>]) -> Store {
        let store = Store::open(std::path::Path::new(":memory:")).unwrap();
        store
            .conn
            .execute(
                "INSERT INTO articles (id, content_hash, source_path, input_format, imported_at, body)
                 VALUES (1, 'h', 'test', 'text', 'now', 'x')",
                [],
            )
            .unwrap();
        for (i, score) in scores.iter().enumerate() {
            store
                .conn
                .execute(
                    "INSERT INTO claims (article_id, paragraph, position, start_offset, end_offset,
                                         text, checkworthiness)
                     VALUES (1, 1, ?1, 0, 1, 'x', ?2)",
                    rusqlite::params![i as i64 + 1, score],
                )
                .unwrap();
        }
        store
    }

    fn unreviewed_by_priority() -> ClaimFilter {
        ClaimFilter {
            status: Some(Status::Unreviewed),
            sort: Sort::Priority,
            ..ClaimFilter::default()
        }
    }

    /// The queue's order is the score's, highest first, ties by id and
    /// unanalyzed claims last, on both sides of the index's 0.5 cut.
    #[test]
    fn the_queue_is_ordered_by_score_across_the_index_cut() {
        let scores = [
            Some(0.2),
            Some(0.9),
            None,
            Some(0.5),
            Some(0.49),
            Some(0.9),
            Some(1.0),
            Some(0.0),
            Some(0.7),
        ];
        let store = store_with_scores(&scores);
        let ids: Vec<i64> = store
            .queue(&unreviewed_by_priority())
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(ids, [7, 2, 6, 9, 4, 5, 1, 8, 3]);
        for limit in [0, 3, 5, 6, 9, 20] {
            let filter = ClaimFilter {
                limit: Some(limit),
                ..unreviewed_by_priority()
            };
            let got: Vec<i64> = store.queue(&filter).unwrap().iter().map(|r| r.id).collect();
            assert_eq!(got, ids[..limit.min(ids.len())], "limit {limit}");
        }
    }

    /// The queue reads the check-worthy claims from `claims_queue` in order
    /// instead of sorting every unreviewed claim (what keeps `queue` instant
    /// at a million claims).
    #[test]
    fn the_queue_reads_its_index_in_order() {
        let store = store_with_scores(&[Some(0.9)]);
        let (tail, params) = unreviewed_by_priority().parts().remove(0);
        let sql = format!("EXPLAIN QUERY PLAN SELECT c.id FROM claims c {tail}");
        let mut stmt = store.conn.prepare(&sql).unwrap();
        let plan: Vec<String> = stmt
            .query_map(rusqlite::params_from_iter(params), |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join("\n");
        assert!(plan.contains("INDEX claims_queue"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }
}
