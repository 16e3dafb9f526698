//! Articles: importing one with its claims, listing them, fetching one.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::{Result, Store};
use crate::model::Metadata;

/// What importing one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Stored as a new article with this many claims.
    Imported {
        /// The new article id.
        article_id: i64,
        /// Claims stored.
        claims: usize,
    },
    /// The same body was already stored as this article; nothing written.
    AlreadyImported {
        /// The existing article id.
        article_id: i64,
    },
}

/// One line of the `articles` listing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// Article id.
    pub id: i64,
    /// Headline.
    pub title: Option<String>,
    /// Publication.
    pub outlet: Option<String>,
    /// Publication date as given.
    pub published: Option<String>,
    /// Number of claims.
    pub claims: i64,
    /// Claims per current status, in [`crate::model::Status::ALL`] order.
    pub unreviewed: i64,
    /// Claims in review.
    pub in_review: i64,
    /// Verified claims.
    pub verified: i64,
    /// Disputed claims.
    pub disputed: i64,
    /// False claims.
    #[serde(rename = "false")]
    pub false_: i64,
    /// Misleading claims.
    pub misleading: i64,
    /// Unverifiable claims.
    pub unverifiable: i64,
    /// Not claims.
    pub not_a_claim: i64,
}

/// A stored article with its body.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRecord {
    /// Article id.
    pub id: i64,
    /// Metadata as imported.
    #[serde(flatten)]
    pub meta: Metadata,
    /// Where it was imported from.
    pub source_path: String,
    /// The format it was read as.
    pub input_format: String,
    /// When it was imported.
    pub imported_at: String,
    /// The stored body.
    pub body: String,
}

impl Store {
    /// Articles in id order with claim counts per status.
    pub fn articles(&self, limit: Option<usize>) -> Result<Vec<ArticleSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.outlet, a.published, count(c.id),
                    count(c.id) FILTER (WHERE c.status = 'unreviewed'),
                    count(c.id) FILTER (WHERE c.status = 'in-review'),
                    count(c.id) FILTER (WHERE c.status = 'verified'),
                    count(c.id) FILTER (WHERE c.status = 'disputed'),
                    count(c.id) FILTER (WHERE c.status = 'false'),
                    count(c.id) FILTER (WHERE c.status = 'misleading'),
                    count(c.id) FILTER (WHERE c.status = 'unverifiable'),
                    count(c.id) FILTER (WHERE c.status = 'not-a-claim')
             FROM articles a LEFT JOIN claims c ON c.article_id = a.id
             GROUP BY a.id ORDER BY a.id LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit_param(limit)], |r| {
            Ok(ArticleSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                outlet: r.get(2)?,
                published: r.get(3)?,
                claims: r.get(4)?,
                unreviewed: r.get(5)?,
                in_review: r.get(6)?,
                verified: r.get(7)?,
                disputed: r.get(8)?,
                false_: r.get(9)?,
                misleading: r.get(10)?,
                unverifiable: r.get(11)?,
                not_a_claim: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One article with its body.
    pub fn article(&self, id: i64) -> Result<Option<ArticleRecord>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, title, outlet, author, url, published, source_path, input_format,
                        imported_at, body
                 FROM articles WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok(ArticleRecord {
                    id: r.get(0)?,
                    meta: Metadata {
                        title: r.get(1)?,
                        outlet: r.get(2)?,
                        author: r.get(3)?,
                        url: r.get(4)?,
                        published: r.get(5)?,
                    },
                    source_path: r.get(6)?,
                    input_format: r.get(7)?,
                    imported_at: r.get(8)?,
                    body: r.get(9)?,
                })
            })
            .optional()?)
    }
}

/// SQLite reads a negative LIMIT as "no limit".
pub(super) fn limit_param(limit: Option<usize>) -> i64 {
    limit.map_or(-1, |l| l as i64)
}
