//! Claims: filtered listings, one claim in detail, and the export report.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde::{Deserialize, Serialize};

use super::articles::limit_param;
use super::{Result, Store, StoreError};
use crate::model::Status;

/// Which claims a listing or export covers. Empty means all.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    /// Only claims of this article.
    pub article: Option<i64>,
    /// Only claims whose current status is this.
    pub status: Option<Status>,
    /// Only claims whose latest review is by this reviewer.
    pub reviewer: Option<String>,
    /// Only claims containing this text (case-insensitive for ASCII).
    pub contains: Option<String>,
    /// Only claims of this type (a `ClaimType` name such as "quantity").
    pub claim_type: Option<String>,
    /// Only claims with at least this check-worthiness.
    pub min_score: Option<f64>,
    /// Only claims attributed to this speaker (short or full name, any case).
    pub speaker: Option<String>,
    /// The order of the rows.
    pub sort: Sort,
    /// At most this many claims.
    pub limit: Option<usize>,
}

/// The order of a claim listing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    /// Article by article, in reading order.
    #[default]
    Position,
    /// Most check-worthy first.
    Priority,
}

impl ClaimFilter {
    /// Conditions over `claims c` (joined with `reviews r` on the latest
    /// review) and their parameters. Only fixed fragments are joined; every
    /// value is a bound parameter.
    pub(super) fn conditions(&self) -> (Vec<&'static str>, Vec<Value>) {
        let mut conds: Vec<&str> = Vec::new();
        let mut params = Vec::new();
        if let Some(a) = self.article {
            conds.push("c.article_id = ?");
            params.push(Value::Integer(a));
        }
        if let Some(s) = self.status {
            conds.push("c.status = ?");
            params.push(Value::Text(s.as_str().to_string()));
        }
        if let Some(r) = &self.reviewer {
            conds.push("r.reviewer = ?");
            params.push(Value::Text(r.clone()));
        }
        if let Some(t) = &self.contains {
            conds.push("c.text LIKE ? ESCAPE '\\'");
            let escaped = t
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            params.push(Value::Text(format!("%{escaped}%")));
        }
        if let Some(t) = &self.claim_type {
            conds.push("c.claim_type = ?");
            params.push(Value::Text(t.clone()));
        }
        if let Some(m) = self.min_score {
            conds.push("c.checkworthiness >= ?");
            params.push(Value::Real(m));
        }
        if let Some(sp) = &self.speaker {
            conds.push("(c.speaker = ? COLLATE NOCASE OR c.speaker_full = ? COLLATE NOCASE)");
            params.push(Value::Text(sp.clone()));
            params.push(Value::Text(sp.clone()));
        }
        (conds, params)
    }

    /// The queries that list this filter's claims, in order: each is
    /// `WHERE ... ORDER BY ...` with its parameters, to be run until the
    /// limit is reached (see [`for_each_row`]).
    pub(super) fn parts(&self) -> Vec<(String, Vec<Value>)> {
        let (conds, params) = self.conditions();
        match self.sort {
            Sort::Position => vec![(format!("{} ORDER BY c.id", where_sql(&conds)), params)],
            // The check-worthy claims first, read in order from the partial
            // index `claims_queue` (sql/0005), then the rest, sorted only
            // when the listing gets that far. SQLite sorts NULL lowest, so
            // unanalyzed claims come last.
            Sort::Priority => [QUEUE_INDEXED, QUEUE_NOT_INDEXED]
                .into_iter()
                .map(|part| {
                    let mut conds = conds.clone();
                    conds.push(part);
                    let sql = format!(
                        "{} ORDER BY c.checkworthiness DESC, c.id",
                        where_sql(&conds)
                    );
                    (sql, params.clone())
                })
                .collect(),
        }
    }
}

/// The claims the review-queue index holds: its `WHERE`, written as in
/// sql/0005 so that SQLite sees the index applies.
const QUEUE_INDEXED: &str = "c.checkworthiness >= 0.5";

/// The claims the review-queue index leaves out.
const QUEUE_NOT_INDEXED: &str = "(c.checkworthiness < 0.5 OR c.checkworthiness IS NULL)";

/// Run `select` (a query over `claims c` with no `WHERE`) for each of the
/// filter's parts in turn, calling `each` with every row, until the filter's
/// limit is reached; returns the number of rows.
pub(super) fn for_each_row<E: From<rusqlite::Error>>(
    conn: &Connection,
    select: &str,
    filter: &ClaimFilter,
    mut each: impl FnMut(&rusqlite::Row<'_>) -> std::result::Result<(), E>,
) -> std::result::Result<u64, E> {
    let mut remaining = filter.limit;
    let mut count = 0;
    for (tail, mut params) in filter.parts() {
        if remaining == Some(0) {
            break;
        }
        params.push(Value::Integer(limit_param(remaining)));
        let mut stmt = conn.prepare_cached(&format!("{select} {tail} LIMIT ?"))?;
        let mut rows = stmt.query(params_from_iter(params))?;
        while let Some(r) = rows.next()? {
            each(r)?;
            count += 1;
            remaining = remaining.map(|n| n - 1);
        }
    }
    Ok(count)
}

/// `WHERE a AND b` for non-empty conditions, else nothing.
pub(super) fn where_sql(conds: &[&str]) -> String {
    if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    }
}

/// One line of the `claims` listing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClaimRow {
    /// Claim id.
    pub id: i64,
    /// Article id.
    pub article: i64,
    /// 1-based position in the article.
    pub position: i64,
    /// Current status.
    pub status: String,
    /// The claim text.
    pub text: String,
}

/// One claim with everything `show` displays about it.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimDetail {
    /// Claim id.
    pub id: i64,
    /// Article id.
    pub article_id: i64,
    /// Article headline.
    pub article_title: Option<String>,
    /// Article outlet.
    pub outlet: Option<String>,
    /// Article URL.
    pub url: Option<String>,
    /// 1-based paragraph.
    pub paragraph: i64,
    /// 1-based position.
    pub position: i64,
    /// Character offset into the article body.
    pub start_offset: i64,
    /// Character offset one past the end.
    pub end_offset: i64,
    /// The claim text.
    pub text: String,
    /// Current status.
    pub status: String,
    /// Check-worthiness, 0 to 1 (None before analysis).
    pub checkworthiness: Option<f64>,
    /// Claim type.
    pub claim_type: Option<String>,
    /// Who the claim is attributed to, as written.
    pub speaker: Option<String>,
    /// The speaker's full name when the article gave it.
    pub speaker_full: Option<String>,
    /// The attribution cue ("said", "according to").
    pub cue: Option<String>,
    /// Whether the claim quotes its speaker word for word.
    pub direct_quote: Option<bool>,
    /// The figures in the claim (JSON array of quantities).
    pub quantities: serde_json::Value,
    /// People, organisations and places (JSON array of entities).
    pub entities: serde_json::Value,
}

/// One row of the CSV review report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportRow {
    /// Claim id.
    pub claim_id: i64,
    /// Article id.
    pub article_id: i64,
    /// Article headline.
    pub article_title: Option<String>,
    /// Article outlet.
    pub outlet: Option<String>,
    /// Article URL.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// 1-based paragraph.
    pub paragraph: i64,
    /// 1-based position.
    pub position: i64,
    /// Claim text.
    pub claim: String,
    /// Current status.
    pub status: String,
    /// Who set the current status.
    pub reviewer: Option<String>,
    /// When.
    pub reviewed_at: Option<String>,
    /// The note given with that review.
    pub review_note: Option<String>,
    /// All notes, "author: text", joined with " | ".
    pub notes: String,
    /// All sources, "[stance] title url", joined with " | ".
    pub sources: String,
    /// Check-worthiness, 0 to 1.
    pub checkworthiness: Option<f64>,
    /// Claim type.
    pub claim_type: Option<String>,
    /// Who the claim is attributed to (full name when known).
    pub speaker: Option<String>,
    /// The figures in the claim as written, joined with "; ".
    pub quantities: String,
}

impl Store {
    /// Claims matching `filter`, handed to `each` one by one as SQLite
    /// reads them (a listing of every claim holds one row at a time).
    pub fn for_each_claim(
        &self,
        filter: &ClaimFilter,
        each: &mut dyn FnMut(ClaimRow) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        for_each_row(
            &self.conn,
            "SELECT c.id, c.article_id, c.position, c.status, c.text
             FROM claims c LEFT JOIN reviews r ON r.id = c.last_review_id",
            filter,
            |r| {
                each(ClaimRow {
                    id: r.get(0)?,
                    article: r.get(1)?,
                    position: r.get(2)?,
                    status: r.get(3)?,
                    text: r.get(4)?,
                })
            },
        )?;
        Ok(())
    }

    /// One claim and its article's headline, or `None` if there is no such id.
    pub fn claim(&self, id: i64) -> Result<Option<ClaimDetail>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.article_id, a.title, a.outlet, a.url, c.paragraph, c.position,
                    c.start_offset, c.end_offset, c.text, c.status, c.checkworthiness, c.claim_type,
                    c.speaker, c.speaker_full, c.cue, c.direct_quote, c.quantities, c.entities
             FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = ?1",
        )?;
        Ok(stmt
            .query_row([id], |r| {
                Ok(ClaimDetail {
                    id: r.get(0)?,
                    article_id: r.get(1)?,
                    article_title: r.get(2)?,
                    outlet: r.get(3)?,
                    url: r.get(4)?,
                    paragraph: r.get(5)?,
                    position: r.get(6)?,
                    start_offset: r.get(7)?,
                    end_offset: r.get(8)?,
                    text: r.get(9)?,
                    status: r.get(10)?,
                    checkworthiness: r.get(11)?,
                    claim_type: r.get(12)?,
                    speaker: r.get(13)?,
                    speaker_full: r.get(14)?,
                    cue: r.get(15)?,
                    direct_quote: r.get(16)?,
                    quantities: json_column(r.get(17)?),
                    entities: json_column(r.get(18)?),
                })
            })
            .optional()?)
    }

    /// Fail with [`StoreError::UnknownClaims`] unless every id exists. Claims
    /// are never deleted, so a check before the write transaction stays true.
    pub(super) fn ensure_claims(&self, ids: &[i64]) -> Result<()> {
        let missing = self.missing_claims(ids)?;
        if missing.is_empty() {
            Ok(())
        } else {
            Err(StoreError::UnknownClaims(missing))
        }
    }

    /// Ids in `ids` that name no claim.
    pub fn missing_claims(&self, ids: &[i64]) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM claims WHERE id = ?1")?;
        let mut missing = Vec::new();
        for &id in ids {
            if !stmt.exists([id])? {
                missing.push(id);
            }
        }
        Ok(missing)
    }

    /// Stream the review report rows for `filter` to `each`, one at a time,
    /// so exports of any size run in constant memory.
    pub fn export(
        &self,
        filter: &ClaimFilter,
        each: &mut dyn FnMut(ExportRow) -> anyhow::Result<()>,
    ) -> anyhow::Result<u64> {
        for_each_row(
            &self.conn,
            "SELECT c.id, c.article_id, a.title, a.outlet, a.url, a.published, c.paragraph,
                    c.position, c.text, c.status, r.reviewer, r.created_at, r.note,
                    (SELECT group_concat(n.author || ': ' || n.text, ' | ')
                       FROM (SELECT * FROM notes WHERE claim_id = c.id ORDER BY id) n),
                    (SELECT group_concat('[' || s.stance || '] '
                                         || coalesce(s.title || ' ', '') || s.url, ' | ')
                       FROM (SELECT * FROM sources WHERE claim_id = c.id ORDER BY id) s),
                    c.checkworthiness, c.claim_type, coalesce(c.speaker_full, c.speaker),
                    (SELECT group_concat(json_extract(q.value, '$.text'), '; ')
                       FROM json_each(coalesce(c.quantities, '[]')) q)
             FROM claims c JOIN articles a ON a.id = c.article_id
                  LEFT JOIN reviews r ON r.id = c.last_review_id",
            filter,
            |r| {
                each(ExportRow {
                    claim_id: r.get(0)?,
                    article_id: r.get(1)?,
                    article_title: r.get(2)?,
                    outlet: r.get(3)?,
                    url: r.get(4)?,
                    published: r.get(5)?,
                    paragraph: r.get(6)?,
                    position: r.get(7)?,
                    claim: r.get(8)?,
                    status: r.get(9)?,
                    reviewer: r.get(10)?,
                    reviewed_at: r.get(11)?,
                    review_note: r.get(12)?,
                    notes: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
                    sources: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
                    checkworthiness: r.get(15)?,
                    claim_type: r.get(16)?,
                    speaker: r.get(17)?,
                    quantities: r.get::<_, Option<String>>(18)?.unwrap_or_default(),
                })
            },
        )
    }
}

/// A stored JSON column as a value (`null` when absent or unreadable).
fn json_column(text: Option<String>) -> serde_json::Value {
    text.and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null)
}
