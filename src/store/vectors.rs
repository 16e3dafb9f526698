//! Sentence embeddings of the known fact-checks, one per fact-check and model.

use rusqlite::params;

use super::{Result, Store};
use crate::embed::{from_bytes, to_bytes};

/// A fact-check still to embed: its id and what the model reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactCheckToEmbed {
    /// Fact-check id.
    pub id: i64,
    /// The claim checked.
    pub claim: String,
    /// The fact-check's headline.
    pub title: Option<String>,
}

impl Store {
    /// The fact-checks without a vector of `model`, by id.
    pub fn factchecks_without_vector(&self, model: &str) -> Result<Vec<FactCheckToEmbed>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, claim, title FROM factchecks f
             WHERE NOT EXISTS (SELECT 1 FROM factcheck_vectors v
                               WHERE v.factcheck_id = f.id AND v.model = ?1)
             ORDER BY id",
        )?;
        let rows = stmt.query_map([model], |r| {
            Ok(FactCheckToEmbed {
                id: r.get(0)?,
                claim: r.get(1)?,
                title: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stores (or replaces) the vectors of `model` for the given fact-check ids,
    /// in one transaction.
    pub fn put_factcheck_vectors(
        &mut self,
        model: &str,
        vectors: &[(i64, Vec<f32>)],
    ) -> Result<()> {
        let tx = self.write()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO factcheck_vectors (factcheck_id, model, dim, vector)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (id, v) in vectors {
                insert.execute(params![id, model, v.len() as i64, to_bytes(v)])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every stored vector of `model`, as (fact-check id, vector), by id.
    pub fn factcheck_vectors(&self, model: &str) -> Result<Vec<(i64, Vec<f32>)>> {
        let mut stmt = self.conn.prepare(
            "SELECT factcheck_id, vector FROM factcheck_vectors WHERE model = ?1
             ORDER BY factcheck_id",
        )?;
        let rows = stmt.query_map([model], |r| {
            let bytes: Vec<u8> = r.get(1)?;
            Ok((r.get::<_, i64>(0)?, bytes))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, bytes) = row?;
            // The table's CHECK keeps the length a multiple of 4.
            if let Some(v) = from_bytes(&bytes) {
                out.push((id, v));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::factchecks::FactCheck;

    #[test]
    fn vectors_are_stored_per_model_and_listed_as_missing_until_then() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let checks: Vec<FactCheck> = ["Wedding rings cost more.", "Engagement rings are old."]
            .iter()
            .map(|c| FactCheck {
                claim: c.to_string(),
                ..FactCheck::default()
            })
            .collect();
        store.add_factchecks(&checks, "t.jsonl").unwrap();
        let todo = store.factchecks_without_vector("m1").unwrap();
        assert_eq!(todo.len(), 2);
        assert_eq!(todo[0].claim, "Wedding rings cost more.");
        store
            .put_factcheck_vectors("m1", &[(todo[0].id, vec![0.6, -0.8])])
            .unwrap();
        assert_eq!(
            store.factchecks_without_vector("m1").unwrap(),
            [todo[1].clone()]
        );
        assert_eq!(store.factchecks_without_vector("m2").unwrap().len(), 2);
        assert_eq!(
            store.factcheck_vectors("m1").unwrap(),
            [(todo[0].id, vec![0.6, -0.8])]
        );
        assert!(store.factcheck_vectors("m2").unwrap().is_empty());
        // A vector of an unknown fact-check breaks the foreign key.
        assert!(
            store
                .put_factcheck_vectors("m1", &[(999, vec![1.0])])
                .is_err()
        );
    }
}
