//! The migration runner: `sql/NNNN_*.sql` files applied in order, each in its
//! own transaction, keyed on `PRAGMA user_version`.

use rusqlite::Connection;

use super::{Result, StoreError};

/// Every migration, in order; the version of each is its index plus one.
const MIGRATIONS: &[&str] = &[
    include_str!("../../sql/0001_init.sql"),
    include_str!("../../sql/0002_analysis.sql"),
    include_str!("../../sql/0003_xref.sql"),
    include_str!("../../sql/0004_check_lists.sql"),
    include_str!("../../sql/0005_analysis_indexes.sql"),
    include_str!("../../sql/0006_json_checks.sql"),
    include_str!("../../sql/0007_factcheck_claim_date.sql"),
    include_str!("../../sql/0008_factcheck_vectors.sql"),
];

/// Bring the database up to the newest schema.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let supported = MIGRATIONS.len() as i64;
    if current > supported {
        return Err(StoreError::NewerSchema {
            found: current,
            supported,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if now > index as i64 {
            continue;
        }
        tx.execute_batch(sql)?;
        if sql.contains("writable_schema") {
            // The schema text was edited in place: a new schema cookie makes
            // every connection, this one included, read it again.
            let cookie: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
            tx.pragma_update(None, "schema_version", cookie + 1)?;
        }
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Migrations 0004 and 0006 edit CHECKs in the schema text: the value
    /// lists become OR chains that still reject bad values, the JSON checks
    /// go, and the database stays sound.
    #[test]
    fn edited_checks_hold() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let sql = |name: &str| -> String {
            conn.query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [name],
                |r| r.get(0),
            )
            .unwrap()
        };
        let claims = sql("claims");
        assert!(claims.contains("status = 'not-a-claim')"), "{claims}");
        assert!(claims.contains("claim_type = 'not-a-claim')"), "{claims}");
        assert!(!claims.contains(" IN\n"), "{claims}");
        assert!(!claims.contains("json_valid"), "{claims}");
        assert!(claims.contains("quantities TEXT,"), "{claims}");
        assert!(claims.contains("entities TEXT,"), "{claims}");
        let links = sql("claim_links");
        assert!(
            links.contains("state = 'rejected')") && !links.contains(" IN ("),
            "{links}"
        );

        conn.execute_batch(
            "INSERT INTO articles (id, content_hash, source_path, input_format, imported_at, body)
             VALUES (1, 'h', 'test', 'text', 'now', 'A claim. Another.');
             INSERT INTO claims (article_id, paragraph, position, start_offset, end_offset, text,
                                 claim_type, status, quantities, entities)
             VALUES (1, 1, 1, 0, 8, 'A claim.', 'quantity', 'verified', '[]', '[]');",
        )
        .unwrap();
        for bad in [
            "UPDATE claims SET status = 'Verified'",
            "UPDATE claims SET claim_type = 'opinion'",
        ] {
            let err = conn.execute_batch(bad).unwrap_err().to_string();
            assert!(err.contains("CHECK constraint failed"), "{bad}: {err}");
        }
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }

    #[test]
    fn migrating_twice_is_harmless() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, MIGRATIONS.len() as i64);
    }
}
