//! The append-only review trail: reviews, notes, sources; a claim's history;
//! statistics over reviews.

use std::collections::HashSet;

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{Result, Store};
use crate::model::{Stance, Status, now_rfc3339};

/// One evidence source of a claim.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceRow {
    /// Source id.
    pub id: i64,
    /// Claim id.
    pub claim: i64,
    /// supports, refutes or context.
    pub stance: String,
    /// The source's title, if given.
    pub title: Option<String>,
    /// Its address.
    pub url: String,
    /// Who added it.
    pub added_by: String,
    /// When.
    pub created_at: String,
}

/// One event in a claim's history.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When it happened (UTC, RFC 3339).
    pub at: String,
    /// review, note, source or link.
    pub kind: String,
    /// Who did it.
    pub by: String,
    /// The status and note, the note text, or the source.
    pub detail: String,
}

/// One line of `stats`: a count within a section.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatsRow {
    /// "status" (all claims), "article" or "reviewer".
    pub section: String,
    /// "all", an article ("3: headline") or a reviewer's name.
    pub subject: String,
    /// The status counted.
    pub status: String,
    /// Claims with that status (for reviewers: reviews that set it).
    pub count: i64,
}

impl Store {
    /// Record `status` on every claim in `ids`, all or none: if any id is
    /// unknown nothing is written. With `propagate`, also on every claim
    /// confirmed as `same` as one of them (transitively), each with a note
    /// naming its origin; returns (origin, target) for those.
    pub fn add_reviews(
        &mut self,
        ids: &[i64],
        status: Status,
        reviewer: &str,
        note: Option<&str>,
        propagate: bool,
    ) -> Result<Vec<(i64, i64)>> {
        self.ensure_claims(ids)?;
        let tx = self.write()?;
        let now = now_rfc3339();
        let mut propagated = Vec::new();
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO reviews (claim_id, status, reviewer, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for &id in ids {
                insert.execute(params![id, status.as_str(), reviewer, note, now])?;
            }
            let mut done: HashSet<i64> = ids.iter().copied().collect();
            for &id in ids.iter().filter(|_| propagate) {
                for target in super::xref::same_claims_in(&tx, id)? {
                    if done.insert(target) {
                        let why = match note {
                            Some(n) => format!("propagated from claim {id}: {n}"),
                            None => format!("propagated from claim {id}"),
                        };
                        insert.execute(params![target, status.as_str(), reviewer, why, now])?;
                        propagated.push((id, target));
                    }
                }
            }
        }
        tx.commit()?;
        Ok(propagated)
    }

    /// Add a note to a claim.
    pub fn add_note(&mut self, claim: i64, author: &str, text: &str) -> Result<i64> {
        self.ensure_claims(&[claim])?;
        let tx = self.write()?;
        tx.prepare_cached(
            "INSERT INTO notes (claim_id, author, text, created_at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![claim, author, text, now_rfc3339()])?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Add an evidence source to a claim. The URL must already be checked as http(s).
    pub fn add_source(
        &mut self,
        claim: i64,
        url: &str,
        title: Option<&str>,
        stance: Stance,
        added_by: &str,
    ) -> Result<i64> {
        self.ensure_claims(&[claim])?;
        let tx = self.write()?;
        tx.prepare_cached(
            "INSERT INTO sources (claim_id, url, title, stance, added_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![claim, url, title, stance.as_str(), added_by, now_rfc3339()])?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// The sources of a claim, oldest first.
    pub fn sources(&self, claim: i64) -> Result<Vec<SourceRow>> {
        self.ensure_claims(&[claim])?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, claim_id, stance, title, url, added_by, created_at FROM sources WHERE claim_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([claim], |r| {
            Ok(SourceRow {
                id: r.get(0)?,
                claim: r.get(1)?,
                stance: r.get(2)?,
                title: r.get(3)?,
                url: r.get(4)?,
                added_by: r.get(5)?,
                created_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every review, note and source of a claim, oldest first.
    pub fn history(&self, claim: i64) -> Result<Vec<HistoryEntry>> {
        self.ensure_claims(&[claim])?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT created_at, kind, who, detail FROM (
                 SELECT created_at, 'review' AS kind, reviewer AS who,
                        status || coalesce(': ' || note, '') AS detail, 0 AS k, id
                   FROM reviews WHERE claim_id = ?1
                 UNION ALL
                 SELECT created_at, 'note', author, text, 1, id FROM notes WHERE claim_id = ?1
                 UNION ALL
                 SELECT created_at, 'source', added_by,
                        '[' || stance || '] ' || coalesce(title || ' ', '') || url, 2, id
                   FROM sources WHERE claim_id = ?1
                 UNION ALL
                 SELECT created_at, 'link', reviewer,
                        state || ' ' || relation || ' with claim '
                        || (CASE WHEN claim_a = ?1 THEN claim_b ELSE claim_a END)
                        || coalesce(': ' || note, ''), 3, id
                   FROM link_events WHERE claim_a = ?1 OR claim_b = ?1)
             ORDER BY created_at, k, id",
        )?;
        let rows = stmt.query_map([claim], |r| {
            Ok(HistoryEntry {
                at: r.get(0)?,
                kind: r.get(1)?,
                by: r.get(2)?,
                detail: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Claims by status overall and for the newest `articles` articles, and
    /// reviews per reviewer.
    pub fn stats(&self, articles: usize) -> Result<Vec<StatsRow>> {
        let mut out = Vec::new();
        let sections: [(&str, &[&dyn rusqlite::ToSql]); 3] = [
            (
                "SELECT 'status', 'all', status, n FROM claim_counts WHERE n > 0 ORDER BY status",
                &[],
            ),
            (
                "SELECT 'article', a.id || ': ' || coalesce(a.title, '(untitled)'), c.status, count(*)
                   FROM (SELECT id, title FROM articles ORDER BY id DESC LIMIT ?1) a
                   JOIN claims c ON c.article_id = a.id
                  GROUP BY a.id, c.status ORDER BY a.id DESC, c.status",
                &[&(articles as i64)],
            ),
            (
                "SELECT 'reviewer', reviewer, status, count(*) FROM reviews
                  GROUP BY reviewer, status ORDER BY reviewer, status",
                &[],
            ),
        ];
        for (sql, params) in sections {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map(params, |r| {
                Ok(StatsRow {
                    section: r.get(0)?,
                    subject: r.get(1)?,
                    status: r.get(2)?,
                    count: r.get(3)?,
                })
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }
}
