//! All SQL lives here. Commands call typed functions on [`Store`] and get
//! row structs back; the schema is the `sql/` migrations, applied in order.
//!
//! Table groups have their own files: `articles.rs` (articles and import),
//! `claims.rs` (listing, showing and exporting claims), `reviews.rs` (the
//! append-only review trail and statistics), `xref.rs` (search, links,
//! conflicts), `factchecks.rs` (known fact-checks).

mod analysis;
mod articles;
mod claims;
mod factchecks;
mod findings;
mod import;
mod migrate;
mod reviews;
mod vectors;
mod xref;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};
use thiserror::Error;

pub use analysis::QueueRow;
pub use articles::{ArticleRecord, ArticleSummary, ImportOutcome};
pub use claims::{ClaimDetail, ClaimFilter, ClaimRow, ExportRow, Sort};
pub use factchecks::{FactCheckRow, ImportedFactChecks, StoredFactCheck};
pub use findings::{FactCheckMatch, Findings, FoundConflict, SuggestedLink};
pub use import::{AnalysisRow, ImportTx};
pub use reviews::{HistoryEntry, SourceRow, StatsRow};
pub use vectors::{FactCheckToEmbed, FactCheckVectors};
pub use xref::{ConflictRow, LinkFilter, LinkRow, RelatedRow, SearchHits, SearchRow, fts_query};

/// Errors callers branch on.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Some claim ids do not exist; nothing was written.
    #[error("no claim with id {}; nothing was changed (`claimdesk claims` lists the ids)", join_ids(.0))]
    UnknownClaims(Vec<i64>),
    /// The database was written by a newer claimdesk.
    #[error(
        "the database is at schema version {found}, newer than this claimdesk supports ({supported}); upgrade claimdesk"
    )]
    NewerSchema {
        /// The database's `user_version`.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// Anything SQLite reports.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

fn join_ids(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Result of store operations.
pub type Result<T> = std::result::Result<T, StoreError>;

/// An open claimdesk database.
pub struct Store {
    conn: Connection,
    /// The first claim id of the open import batch (see `import.rs`).
    batch_first_claim: i64,
}

impl Store {
    /// Open (creating it and its directory if needed) and migrate the database at `path`.
    pub fn open(path: &Path) -> anyhow::Result<Store> {
        use anyhow::Context;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| {
                format!("cannot create the database directory {}", dir.display())
            })?;
        }
        let conn = Connection::open(path)
            .with_context(|| format!("cannot open the database {}", path.display()))?;
        Self::configure(conn)
            .with_context(|| format!("cannot set up the database {}", path.display()))
    }

    /// The database file, when it is one that another connection can open
    /// (not `:memory:` or a temporary database).
    pub fn file_path(&self) -> Option<std::path::PathBuf> {
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(std::path::PathBuf::from)
    }

    /// Open a second connection to the database at `path` for reading
    /// alongside a writer, with a smaller page cache.
    pub fn open_reader(path: &Path) -> anyhow::Result<Store> {
        let store = Store::open(path)?;
        // Cross-referencing reads claim texts and a few postings.
        store.set_cache_mb(8)?;
        Ok(store)
    }

    /// Size the page cache of this connection (64 MB by default).
    pub fn set_cache_mb(&self, mb: i64) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -1024 * mb)?;
        Ok(())
    }

    fn configure(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Import savepoints journal every page they touch; in memory that is
        // a copy, on disk it was most of the import's time.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // 64 MB of page cache: full-text candidate queries during import
        // read the index over and over.
        conn.pragma_update(None, "cache_size", -65536)?;
        migrate::migrate(&mut conn)?;
        Ok(Store {
            conn,
            batch_first_claim: 1,
        })
    }

    /// Start a write transaction that takes the write lock at once, so two
    /// writers never deadlock half-way.
    fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}
