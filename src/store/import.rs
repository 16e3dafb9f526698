//! The import transaction: one article, its claims, their analysis and their
//! cross-references, written together or not at all.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use super::factchecks::candidates;
use super::{Result, Store};
use crate::model::{InputFormat, LinkRelation, Metadata, now_rfc3339};
use crate::prepare::PreparedArticle;
use crate::xref::{Difference, Idf};

/// An open import transaction (`BEGIN IMMEDIATE`); dropped without
/// [`ImportTx::commit`], it stores nothing.
pub struct ImportTx<'s> {
    tx: Transaction<'s>,
    now: String,
}

impl Store {
    /// Start importing one article.
    pub fn begin_import(&mut self) -> Result<ImportTx<'_>> {
        Ok(ImportTx {
            tx: self.write()?,
            now: now_rfc3339(),
        })
    }

    /// The document frequencies of every claim term stored so far.
    pub fn load_idf(&self) -> Result<Idf> {
        let n_docs: u32 = self
            .conn
            .query_row(
                "SELECT value FROM xref_meta WHERE key = 'n_docs'",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0);
        let mut stmt = self.conn.prepare("SELECT term, df FROM xref_terms")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
        let counts = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Idf::from_counts(n_docs, counts))
    }

    /// Add the term counts of newly imported claims to the stored ones.
    pub fn save_idf_delta(&mut self, n_docs: u32, delta: &HashMap<String, u32>) -> Result<()> {
        if n_docs == 0 {
            return Ok(());
        }
        let tx = self.write()?;
        {
            let mut upsert = tx.prepare_cached(
                "INSERT INTO xref_terms (term, df) VALUES (?1, ?2)
                 ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
            )?;
            for (term, df) in delta {
                upsert.execute(params![term, df])?;
            }
            tx.execute(
                "INSERT INTO xref_meta (key, value) VALUES ('n_docs', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = value + excluded.value",
                [n_docs],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

impl ImportTx<'_> {
    /// The article already stored with this content hash, if any.
    pub fn find_article(&self, content_hash: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
            .query_row([content_hash], |r| r.get(0))
            .optional()?)
    }

    /// Insert the article and its claims; returns the article id and the claim ids in order.
    pub fn insert_article(
        &self,
        meta: &Metadata,
        source_path: &str,
        format: InputFormat,
        article: &PreparedArticle,
    ) -> Result<(i64, Vec<i64>)> {
        self.tx
            .prepare_cached(
                "INSERT INTO articles (content_hash, title, outlet, author, url, published,
                                       source_path, input_format, imported_at, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                article.content_hash,
                meta.title,
                meta.outlet,
                meta.author,
                meta.url,
                meta.published,
                source_path,
                format.as_str(),
                self.now,
                article.body,
            ])?;
        let article_id = self.tx.last_insert_rowid();
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO claims (article_id, paragraph, position, start_offset, end_offset, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut ids = Vec::with_capacity(article.claims.len());
        for c in &article.claims {
            insert.execute(params![
                article_id,
                c.paragraph,
                c.position,
                c.start,
                c.end,
                c.text
            ])?;
            ids.push(self.tx.last_insert_rowid());
        }
        Ok((article_id, ids))
    }

    /// Claims of other articles sharing words with `terms`, best BM25 first.
    pub fn claim_candidates(
        &self,
        terms: &[String],
        article_id: i64,
        k: usize,
    ) -> Result<Vec<(i64, String)>> {
        let mut found = candidates(
            &self.tx,
            "SELECT c.id, c.text FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid
             WHERE claims_fts MATCH ?1 ORDER BY bm25(claims_fts) LIMIT ?2",
            terms,
            k + 8,
        )?;
        // Claims of this article are in the index already; they are not "elsewhere".
        let own = self.article_claim_range(article_id)?;
        found.retain(|(id, _)| !own.contains(id));
        found.truncate(k);
        Ok(found)
    }

    fn article_claim_range(&self, article_id: i64) -> Result<std::ops::RangeInclusive<i64>> {
        let (lo, hi): (Option<i64>, Option<i64>) = self
            .tx
            .prepare_cached("SELECT min(id), max(id) FROM claims WHERE article_id = ?1")?
            .query_row([article_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(lo.unwrap_or(0)..=hi.unwrap_or(-1))
    }

    /// Known fact-checks sharing words with `terms`, best BM25 first.
    pub fn factcheck_candidates(&self, terms: &[String], k: usize) -> Result<Vec<(i64, String)>> {
        candidates(
            &self.tx,
            "SELECT f.id, f.claim FROM factchecks_fts JOIN factchecks f ON f.id = factchecks_fts.rowid
             WHERE factchecks_fts MATCH ?1 ORDER BY bm25(factchecks_fts) LIMIT ?2",
            terms,
            k,
        )
    }

    /// Suggest a link, unless the pair already has one (a rejection is remembered).
    pub fn suggest_link(&self, a: i64, b: i64, relation: LinkRelation, score: f64) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO claim_links (claim_a, claim_b, relation, state, score, created_at)
                 VALUES (?1, ?2, ?3, 'suggested', ?4, ?5) ON CONFLICT DO NOTHING",
            )?
            .execute(params![
                a.min(b),
                a.max(b),
                relation.as_str(),
                score.clamp(0.0, 1.0),
                self.now
            ])?;
        Ok(())
    }

    /// Record a figure that differs between claims `a` (holding `diff.a`) and `b`.
    pub fn add_conflict(&self, a: i64, b: i64, diff: &Difference, score: f64) -> Result<()> {
        let (lo, hi) = if a < b {
            (&diff.a, &diff.b)
        } else {
            (&diff.b, &diff.a)
        };
        let kind = serde_json::to_value(diff.a.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        self.tx
            .prepare_cached(
                "INSERT INTO conflicts (claim_a, claim_b, a_text, a_value, b_text, b_value, unit, kind,
                                        rel_diff, score, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING",
            )?
            .execute(params![
                a.min(b),
                a.max(b),
                lo.text,
                lo.value,
                hi.text,
                hi.value,
                diff.a.unit,
                kind,
                diff.relative,
                score,
                self.now
            ])?;
        Ok(())
    }

    /// Suggest that a claim was already checked by a known fact-check.
    pub fn add_factcheck_match(&self, claim: i64, factcheck: i64, score: f64) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO factcheck_matches (claim_id, factcheck_id, score, created_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?
            .execute(params![claim, factcheck, score, self.now])?;
        Ok(())
    }

    /// Make everything written permanent.
    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }
}
