//! Cross-referencing tables: full-text search, links between claims, numeric
//! conflicts. Suggestions are written by the importer (see `import.rs`).

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};
use serde::{Deserialize, Serialize};

use super::articles::limit_param;
use super::claims::{ClaimFilter, where_sql};
use super::{Result, Store};
use crate::model::{LinkRelation, LinkState, now_rfc3339};

/// One search hit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchRow {
    /// Claim id.
    pub id: i64,
    /// Article id.
    pub article: i64,
    /// Current status.
    pub status: String,
    /// BM25 relevance (higher is better).
    pub score: f64,
    /// The claim with matching words between `**`.
    pub text: String,
}

/// A claim or fact-check linked to a claim.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RelatedRow {
    /// "claim" or "factcheck".
    pub kind: String,
    /// The other claim's or the fact-check's id.
    pub id: i64,
    /// same, supports, contradicts, related; "checked" for fact-checks.
    pub relation: String,
    /// suggested, confirmed or rejected.
    pub state: String,
    /// Similarity when claimdesk suggested it.
    pub score: Option<f64>,
    /// The other claim's article, or the fact-check's verdict and reviewer.
    pub source: String,
    /// Its text.
    pub text: String,
}

/// A pair of claims in the cross-reference listing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LinkRow {
    /// The lower claim id.
    pub claim_a: i64,
    /// The higher claim id.
    pub claim_b: i64,
    /// same, supports, contradicts, related.
    pub relation: String,
    /// suggested, confirmed, rejected.
    pub state: String,
    /// Similarity when suggested.
    pub score: Option<f64>,
    /// Text of claim a.
    pub text_a: String,
    /// Text of claim b.
    pub text_b: String,
}

/// A figure that differs between two claims that say the same thing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConflictRow {
    /// Conflict id.
    pub id: i64,
    /// The lower claim id.
    pub claim_a: i64,
    /// The figure as claim a writes it.
    pub value_a: String,
    /// The higher claim id.
    pub claim_b: i64,
    /// The figure as claim b writes it.
    pub value_b: String,
    /// The unit both share.
    pub unit: Option<String>,
    /// Relative difference, |a - b| / max(|a|, |b|).
    pub difference: f64,
    /// Text of claim a.
    pub text_a: String,
    /// Text of claim b.
    pub text_b: String,
}

/// Which pairs `xref` lists.
#[derive(Debug, Clone, Default)]
pub struct LinkFilter {
    /// At least this similarity.
    pub min_score: Option<f64>,
    /// Only this relation.
    pub relation: Option<LinkRelation>,
    /// Only this state.
    pub state: Option<LinkState>,
    /// At most this many pairs.
    pub limit: Option<usize>,
}

/// A search hit from `id, article_id, status, score, marked text` columns.
fn search_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SearchRow> {
    Ok(SearchRow {
        id: r.get(0)?,
        article: r.get(1)?,
        status: r.get(2)?,
        score: r.get(3)?,
        text: r.get(4)?,
    })
}

/// Words of `query` as an FTS5 expression: each quoted (so punctuation and
/// operators in user text are inert), joined by AND, or OR with `any`.
pub fn fts_query(query: &str, any: bool) -> Option<String> {
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(if any { " OR " } else { " " }))
}

/// Search hits and how they were ranked.
#[derive(Debug, Clone, Default)]
pub struct SearchHits {
    /// The hits, best first.
    pub rows: Vec<SearchRow>,
    /// Set when more claims matched than the ranking window: only the
    /// newest this many were ranked.
    pub ranked_newest: Option<usize>,
}

impl Store {
    /// Claims matching `query` by BM25, best first, within `filter`.
    ///
    /// Without filters and with a `window`, a query matching more claims than
    /// that ranks only the newest `window` of them: BM25 must read the length
    /// of every matching claim, which for a common word in a million claims
    /// takes a hundred times longer than showing the hits.
    pub fn search(
        &self,
        query: &str,
        any: bool,
        filter: &ClaimFilter,
        window: Option<usize>,
    ) -> Result<SearchHits> {
        let Some(expr) = fts_query(query, any) else {
            return Ok(SearchHits::default());
        };
        let (mut conds, filter_params) = filter.conditions();
        if conds.is_empty() {
            return self.search_unfiltered(&expr, filter.limit, window);
        }
        conds.insert(0, "claims_fts MATCH ?");
        let mut params = vec![Value::Text(expr)];
        params.extend(filter_params);
        params.push(Value::Integer(limit_param(filter.limit)));
        let sql = format!(
            "SELECT c.id, c.article_id, c.status, round(-bm25(claims_fts), 3),
                    highlight(claims_fts, 0, '**', '**')
             FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid
                  LEFT JOIN reviews r ON r.id = c.last_review_id
             {} ORDER BY bm25(claims_fts) LIMIT ?",
            where_sql(&conds)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params), search_row)?;
        Ok(SearchHits {
            rows: rows.collect::<rusqlite::Result<_>>()?,
            ranked_newest: None,
        })
    }

    /// [`Store::search`] without filters: the index ranks and limits on its
    /// own, so only the hits shown are joined and highlighted.
    fn search_unfiltered(
        &self,
        expr: &str,
        limit: Option<usize>,
        window: Option<usize>,
    ) -> Result<SearchHits> {
        // The id of the window-th newest match; none when fewer match.
        let oldest_ranked: Option<i64> = match window {
            Some(n) if n > 0 => self
                .conn
                .prepare_cached(
                    "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1
                     ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
                )?
                .query_row(params![expr, n as i64], |r| r.get(0))
                .optional()?,
            _ => None,
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.article_id, c.status, round(-f.rank, 3), f.marked
             FROM (SELECT rowid, rank, highlight(claims_fts, 0, '**', '**') AS marked
                   FROM claims_fts WHERE claims_fts MATCH ?1 AND rowid > ?3
                   ORDER BY rank LIMIT ?2) f
             JOIN claims c ON c.id = f.rowid ORDER BY f.rank",
        )?;
        let rows = stmt.query_map(
            params![expr, limit_param(limit), oldest_ranked.unwrap_or(i64::MIN)],
            search_row,
        )?;
        Ok(SearchHits {
            rows: rows.collect::<rusqlite::Result<_>>()?,
            ranked_newest: oldest_ranked.and(window),
        })
    }

    /// Links, suggestions and fact-check matches of one claim.
    pub fn related(&self, id: i64) -> Result<Vec<RelatedRow>> {
        self.ensure_claims(&[id])?;
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, l.relation, l.state, l.score, o.article_id, a.title, o.text
             FROM (SELECT claim_b AS other, relation, state, score FROM claim_links WHERE claim_a = ?1
                   UNION ALL
                   SELECT claim_a, relation, state, score FROM claim_links WHERE claim_b = ?1) l
             JOIN claims o ON o.id = l.other JOIN articles a ON a.id = o.article_id
             ORDER BY l.state = 'rejected', l.score DESC, o.id",
        )?;
        let rows = stmt.query_map([id], |r| {
            let title: Option<String> = r.get(5)?;
            Ok(RelatedRow {
                kind: "claim".into(),
                id: r.get(0)?,
                relation: r.get(1)?,
                state: r.get(2)?,
                score: r.get(3)?,
                source: format!(
                    "article {}: {}",
                    r.get::<_, i64>(4)?,
                    title.unwrap_or_default()
                ),
                text: r.get(6)?,
            })
        })?;
        for row in rows {
            out.push(row?);
        }
        out.extend(self.factcheck_matches(id)?);
        Ok(out)
    }

    /// Pairs of claims across the database, best score first.
    pub fn links(&self, filter: &LinkFilter) -> Result<Vec<LinkRow>> {
        let mut conds = Vec::new();
        let mut params = Vec::new();
        if let Some(s) = filter.min_score {
            conds.push("l.score >= ?");
            params.push(Value::Real(s));
        }
        if let Some(r) = filter.relation {
            conds.push("l.relation = ?");
            params.push(Value::Text(r.as_str().into()));
        }
        if let Some(s) = filter.state {
            conds.push("l.state = ?");
            params.push(Value::Text(s.as_str().into()));
        }
        params.push(Value::Integer(limit_param(filter.limit)));
        let sql = format!(
            "SELECT l.claim_a, l.claim_b, l.relation, l.state, l.score, a.text, b.text
             FROM claim_links l JOIN claims a ON a.id = l.claim_a JOIN claims b ON b.id = l.claim_b
             {} ORDER BY l.score IS NULL, l.score DESC, l.claim_a, l.claim_b LIMIT ?",
            where_sql(&conds)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params), |r| {
            Ok(LinkRow {
                claim_a: r.get(0)?,
                claim_b: r.get(1)?,
                relation: r.get(2)?,
                state: r.get(3)?,
                score: r.get(4)?,
                text_a: r.get(5)?,
                text_b: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Confirm (or create) a link, or reject one: an append-only event whose
    /// trigger updates the pair's current state.
    pub fn set_link(
        &mut self,
        a: i64,
        b: i64,
        relation: Option<LinkRelation>,
        state: LinkState,
        reviewer: &str,
        note: Option<&str>,
    ) -> Result<LinkRelation> {
        self.ensure_claims(&[a, b])?;
        let (a, b) = (a.min(b), a.max(b));
        let tx = self.write()?;
        let current: Option<String> = tx
            .prepare_cached("SELECT relation FROM claim_links WHERE claim_a = ?1 AND claim_b = ?2")?
            .query_row([a, b], |r| r.get(0))
            .optional()?;
        let relation = relation.unwrap_or(match current.as_deref() {
            Some("same") => LinkRelation::Same,
            Some("supports") => LinkRelation::Supports,
            Some("contradicts") => LinkRelation::Contradicts,
            _ => LinkRelation::Related,
        });
        tx.prepare_cached(
            "INSERT INTO link_events (claim_a, claim_b, relation, state, reviewer, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            a,
            b,
            relation.as_str(),
            state.as_str(),
            reviewer,
            note,
            now_rfc3339()
        ])?;
        tx.commit()?;
        Ok(relation)
    }

    /// Numeric conflicts, largest relative difference first; of one claim if given.
    pub fn conflicts(&self, claim: Option<i64>, limit: Option<usize>) -> Result<Vec<ConflictRow>> {
        // One statement per case: `?1 IS NULL OR ...` would keep SQLite off
        // the claim indexes and scan every conflict for `show`.
        let lim = limit_param(limit);
        let (sql, id) = match claim {
            Some(id) => {
                self.ensure_claims(&[id])?;
                (
                    "SELECT k.id, k.claim_a, k.a_text, k.claim_b, k.b_text, k.unit, k.rel_diff, a.text, b.text
                     FROM conflicts k JOIN claims a ON a.id = k.claim_a JOIN claims b ON b.id = k.claim_b
                     WHERE k.claim_a = ?1 OR k.claim_b = ?1
                     ORDER BY k.rel_diff DESC, k.id LIMIT ?2",
                    Some(id),
                )
            }
            None => (
                "SELECT k.id, k.claim_a, k.a_text, k.claim_b, k.b_text, k.unit, k.rel_diff, a.text, b.text
                 FROM conflicts k JOIN claims a ON a.id = k.claim_a JOIN claims b ON b.id = k.claim_b
                 WHERE ?1 IS NULL ORDER BY k.rel_diff DESC, k.id LIMIT ?2",
                None,
            ),
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![id, lim], |r| {
            Ok(ConflictRow {
                id: r.get(0)?,
                claim_a: r.get(1)?,
                value_a: r.get(2)?,
                claim_b: r.get(3)?,
                value_b: r.get(4)?,
                unit: r.get(5)?,
                difference: r.get(6)?,
                text_a: r.get(7)?,
                text_b: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Claims confirmed as `same` as `id`, following `same` links transitively.
pub(super) fn same_claims_in(conn: &rusqlite::Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE same(id) AS (
             VALUES (?1)
             UNION
             SELECT CASE WHEN l.claim_a = s.id THEN l.claim_b ELSE l.claim_a END
             FROM same s JOIN claim_links l ON l.claim_a = s.id OR l.claim_b = s.id
             WHERE l.relation = 'same' AND l.state = 'confirmed')
         SELECT id FROM same WHERE id <> ?1 ORDER BY id",
    )?;
    let ids = stmt.query_map([id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}
