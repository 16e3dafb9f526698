//! The import transaction: one article, its claims, their analysis and their
//! cross-references, written together or not at all.
//!
//! Articles are written in batches: one `BEGIN IMMEDIATE` transaction holds
//! many articles, each inside its own savepoint. A failing article rolls back
//! to its savepoint and leaves nothing behind; the batch commits every few
//! hundred articles. Small transactions per article would cost a WAL commit
//! and a full-text index flush each, ten times the work of the rows.

use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{Connection, OptionalExtension, ToSql, params, params_from_iter};

use super::{Result, Store};
use crate::analyze::{ANALYSIS_VERSION, Analysis};
use crate::model::{InputFormat, Metadata, now_rfc3339};
use crate::prepare::PreparedArticle;
use crate::xref::Idf;

/// The claim columns the analysis fills, for the insert at import and the
/// update of `reanalyze`; [`AnalysisRow::values`] gives their values.
macro_rules! analysis_columns {
    () => {
        "checkworthiness, claim_type, speaker, speaker_full, cue, direct_quote, quantities, entities, analysis_version"
    };
}
pub(super) use analysis_columns;

/// One article's savepoint inside an import batch; dropped without
/// [`ImportTx::commit`], it rolls back and stores nothing.
pub struct ImportTx<'s> {
    conn: &'s Connection,
    now: String,
    done: bool,
}

impl Store {
    /// Start a batch of imports (`BEGIN IMMEDIATE`), unless one is open.
    pub(super) fn begin_batch(&mut self) -> Result<()> {
        if self.conn.is_autocommit() {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.batch_first_claim =
                self.conn
                    .query_row("SELECT coalesce(max(id), 0) + 1 FROM claims", [], |r| {
                        r.get(0)
                    })?;
        }
        Ok(())
    }

    /// Add term counts (of `n_docs` claims committed in this batch or
    /// earlier ones) and commit the batch.
    pub fn commit_batch<'t>(
        &mut self,
        n_docs: u32,
        delta: impl IntoIterator<Item = (&'t str, u32)>,
    ) -> Result<()> {
        if self.conn.is_autocommit() {
            return Ok(());
        }
        // The batch's claims enter the full-text index in the same transaction.
        self.conn
            .prepare_cached(
                "INSERT INTO claims_fts (rowid, text) SELECT id, text FROM claims WHERE id >= ?1",
            )?
            .execute([self.batch_first_claim])?;
        write_idf_delta(&self.conn, n_docs, delta)?;
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }

    /// Start importing one article, inside the open batch.
    pub fn begin_import(&mut self) -> Result<ImportTx<'_>> {
        self.begin_batch()?;
        // Cached: parsing these two statements anew for every article was a
        // few percent of the writer's time.
        self.conn.prepare_cached("SAVEPOINT article")?.execute([])?;
        Ok(ImportTx {
            conn: &self.conn,
            now: now_rfc3339(),
            done: false,
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

    /// Add the term counts of newly imported claims or fact-checks to the stored ones.
    pub fn save_idf_delta<'t>(
        &mut self,
        n_docs: u32,
        delta: impl IntoIterator<Item = (&'t str, u32)>,
    ) -> Result<()> {
        let tx = self.write()?;
        write_idf_delta(&tx, n_docs, delta)?;
        tx.commit()?;
        Ok(())
    }
}

fn write_idf_delta<'t>(
    conn: &Connection,
    n_docs: u32,
    delta: impl IntoIterator<Item = (&'t str, u32)>,
) -> Result<()> {
    if n_docs == 0 {
        return Ok(());
    }
    let mut upsert = conn.prepare_cached(
        "INSERT INTO xref_terms (term, df) VALUES (?1, ?2)
         ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
    )?;
    // In key order: each upsert then lands next to the previous one.
    let mut sorted: Vec<(&str, u32)> = delta.into_iter().collect();
    sorted.sort_unstable();
    for (term, df) in sorted {
        upsert.execute(params![term, df])?;
    }
    conn.execute(
        "INSERT INTO xref_meta (key, value) VALUES ('n_docs', ?1)
         ON CONFLICT (key) DO UPDATE SET value = value + excluded.value",
        [n_docs],
    )?;
    Ok(())
}

impl ImportTx<'_> {
    /// The article already stored with this content hash, if any.
    pub fn find_article(&self, content_hash: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
            .query_row([content_hash], |r| r.get(0))
            .optional()?)
    }

    /// Insert the article and its claims with their analyses (one per claim,
    /// in order, or none to store the claims unanalyzed); returns the article
    /// id and the claim ids in order.
    pub fn insert_article(
        &self,
        meta: &Metadata,
        source_path: &str,
        format: InputFormat,
        article: &PreparedArticle,
        analyses: &[AnalysisRow],
    ) -> Result<(i64, Vec<i64>)> {
        self.conn
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
        let article_id = self.conn.last_insert_rowid();
        let mut insert = self.conn.prepare_cached(concat!(
            "INSERT INTO claims (article_id, paragraph, position, start_offset, end_offset, text, ",
            analysis_columns!(),
            ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
        ))?;
        let mut ids = Vec::with_capacity(article.claims.len());
        for (i, c) in article.claims.iter().enumerate() {
            let place: [&dyn ToSql; 6] = [
                &article_id,
                &c.paragraph,
                &c.position,
                &c.start,
                &c.end,
                &c.text,
            ];
            let analysis = AnalysisRow::values(analyses.get(i))?;
            insert.execute(params_from_iter(
                place.into_iter().chain(analysis.iter().map(as_sql)),
            ))?;
            ids.push(self.conn.last_insert_rowid());
        }
        Ok((article_id, ids))
    }

    /// Keep what was written (it becomes permanent when the batch commits).
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn.prepare_cached("RELEASE article")?.execute([])?;
        Ok(())
    }
}

impl Drop for ImportTx<'_> {
    fn drop(&mut self) {
        if !self.done {
            // Undo this article only; the batch and its earlier articles stay.
            let _ = self
                .conn
                .execute_batch("ROLLBACK TO article; RELEASE article");
        }
    }
}

/// A claim's analysis with its JSON columns already written, so that the
/// thread preparing articles, not the one writing SQLite, pays for them.
#[derive(Debug, Clone)]
pub struct AnalysisRow {
    /// The analysis.
    pub analysis: Analysis,
    /// `analysis.quantities` as stored.
    pub quantities: String,
    /// `analysis.entities` as stored.
    pub entities: String,
}

impl From<Analysis> for AnalysisRow {
    fn from(analysis: Analysis) -> Self {
        AnalysisRow {
            quantities: to_json(&analysis.quantities),
            entities: to_json(&analysis.entities),
            analysis,
        }
    }
}

impl AnalysisRow {
    /// The values of [`analysis_columns!`], in its order; all NULL for a
    /// claim stored without analysis.
    pub(super) fn values(row: Option<&AnalysisRow>) -> Result<[ToSqlOutput<'_>; 9]> {
        let Some(row) = row else {
            return Ok(std::array::from_fn(|_| ToSqlOutput::Owned(Value::Null)));
        };
        let a = &row.analysis;
        Ok([
            a.checkworthiness.to_sql()?,
            a.claim_type.as_str().to_sql()?,
            a.speaker.to_sql()?,
            a.speaker_full.to_sql()?,
            a.cue.to_sql()?,
            a.direct_quote.to_sql()?,
            row.quantities.to_sql()?,
            row.entities.to_sql()?,
            ANALYSIS_VERSION.to_sql()?,
        ])
    }
}

/// A column value as a statement parameter.
pub(super) fn as_sql<'a>(value: &'a ToSqlOutput<'_>) -> &'a dyn ToSql {
    value
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("analysis values serialize")
}
