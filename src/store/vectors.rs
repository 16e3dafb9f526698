//! Sentence embeddings of the known fact-checks: per fact-check and model,
//! the vector of its claim and, with a headline, of headline and claim.

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

/// The vectors of one fact-check and model.
#[derive(Debug, Clone, PartialEq)]
pub struct FactCheckVectors {
    /// Fact-check id.
    pub id: i64,
    /// The embedding of the claim.
    pub claim: Vec<f32>,
    /// The embedding of headline and claim together, if it has a headline.
    pub headline: Option<Vec<f32>>,
}

impl Store {
    /// The fact-checks without a claim vector of `model`, by id.
    pub fn factchecks_without_vector(&self, model: &str) -> Result<Vec<FactCheckToEmbed>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, claim, title FROM factchecks f
             WHERE NOT EXISTS (SELECT 1 FROM factcheck_vectors v
                               WHERE v.factcheck_id = f.id AND v.model = ?1 AND v.kind = 'claim')
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

    /// Stores (or replaces) the vectors of `model` for the given fact-checks,
    /// in one transaction.
    pub fn put_factcheck_vectors(
        &mut self,
        model: &str,
        vectors: &[FactCheckVectors],
    ) -> Result<()> {
        let tx = self.write()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO factcheck_vectors (factcheck_id, model, kind, dim, vector)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for f in vectors {
                let kinds = [("claim", Some(&f.claim)), ("headline", f.headline.as_ref())];
                for (kind, v) in kinds {
                    if let Some(v) = v {
                        insert.execute(params![f.id, model, kind, v.len() as i64, to_bytes(v)])?;
                    }
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every fact-check with a claim vector of `model`, with its vectors, by id.
    pub fn factcheck_vectors(&self, model: &str) -> Result<Vec<FactCheckVectors>> {
        let mut stmt = self.conn.prepare(
            "SELECT factcheck_id, kind, vector FROM factcheck_vectors WHERE model = ?1
             ORDER BY factcheck_id, kind",
        )?;
        let rows = stmt.query_map([model], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })?;
        let mut out: Vec<FactCheckVectors> = Vec::new();
        for row in rows {
            let (id, kind, bytes) = row?;
            // The table's CHECK keeps the length a multiple of 4.
            let Some(v) = from_bytes(&bytes) else {
                continue;
            };
            // 'claim' sorts before 'headline'.
            match (kind.as_str(), out.last_mut()) {
                ("claim", _) => out.push(FactCheckVectors {
                    id,
                    claim: v,
                    headline: None,
                }),
                (_, Some(last)) if last.id == id => last.headline = Some(v),
                _ => {}
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
                title: Some("Rings".into()),
                ..FactCheck::default()
            })
            .collect();
        store.add_factchecks(&checks, "t.jsonl").unwrap();
        let todo = store.factchecks_without_vector("m1").unwrap();
        assert_eq!(todo.len(), 2);
        assert_eq!(todo[0].claim, "Wedding rings cost more.");
        assert_eq!(todo[0].title.as_deref(), Some("Rings"));
        let first = FactCheckVectors {
            id: todo[0].id,
            claim: vec![0.6, -0.8],
            headline: Some(vec![1.0, 0.0]),
        };
        let second = FactCheckVectors {
            id: todo[1].id,
            claim: vec![0.0, 1.0],
            headline: None,
        };
        store
            .put_factcheck_vectors("m1", std::slice::from_ref(&first))
            .unwrap();
        assert_eq!(
            store.factchecks_without_vector("m1").unwrap(),
            [todo[1].clone()]
        );
        assert_eq!(store.factchecks_without_vector("m2").unwrap().len(), 2);
        store
            .put_factcheck_vectors("m1", std::slice::from_ref(&second))
            .unwrap();
        assert_eq!(store.factcheck_vectors("m1").unwrap(), [first, second]);
        assert!(store.factchecks_without_vector("m1").unwrap().is_empty());
        assert!(store.factcheck_vectors("m2").unwrap().is_empty());
        // A vector of an unknown fact-check breaks the foreign key.
        let unknown = FactCheckVectors {
            id: 999,
            claim: vec![1.0],
            headline: None,
        };
        assert!(store.put_factcheck_vectors("m1", &[unknown]).is_err());
    }
}
