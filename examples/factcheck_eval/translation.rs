//! IBM Model 1 term translation, learned from train query / fact-check
//! pairs (an exploration signal; see docs/xref.md for what it gave).

use super::*;

pub(super) const FOLDS: usize = 5;
pub(super) const TM_BETA: f64 = 0.5;
/// Pseudo-fold that selects the title/text table.
pub(super) const COLLECTION: usize = usize::MAX;

/// Query terms translated from fact-check terms: `t(w | v)` by IBM Model 1 EM over
/// (train query, relevant fact-check) pairs, one table per fold of the train
/// queries (trained without that fold) and one over every train query (for dev).
pub(super) struct Translation {
    vocab: HashMap<String, u32>,
    /// Terms of each fact-check (text and title), as vocabulary ids.
    docs: Vec<Vec<u32>>,
    /// Collection probability of each vocabulary id.
    collection: Vec<f64>,
    /// fold tables then the all-train table: (w, v) -> t(w | v).
    tables: Vec<HashMap<(u32, u32), f64>>,
}

impl Translation {
    pub(super) fn prepare(ds: &Dataset) -> Self {
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let intern = |t: String, vocab: &mut HashMap<String, u32>| {
            let n = vocab.len() as u32;
            *vocab.entry(t).or_insert(n)
        };
        let docs: Vec<Vec<u32>> = ds
            .vclaims
            .iter()
            .map(|v| {
                let t = format!(
                    "{} {}",
                    v["text"].as_str().unwrap_or_default(),
                    v["title"].as_str().unwrap_or_default()
                );
                claimdesk::xref::terms(&t)
                    .into_iter()
                    .map(|x| intern(x, &mut vocab))
                    .collect()
            })
            .collect();
        let mut collection = vec![0.0; vocab.len()];
        let mut total = 0.0;
        for d in &docs {
            for &v in d {
                collection[v as usize] += 1.0;
                total += 1.0;
            }
        }
        for c in &mut collection {
            *c /= total;
        }
        let index: HashMap<&str, usize> = ds
            .ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        // (fold, query terms, doc index) for every train query and relevant doc.
        let mut pairs: Vec<(usize, Vec<u32>, usize)> = Vec::new();
        for q in ds.queries.iter().filter(|q| q.split == "train") {
            let cleaned = ds.ranker.split_compounds(&clean_query(&q.text));
            let terms: Vec<u32> = claimdesk::xref::terms(&cleaned)
                .into_iter()
                .filter_map(|t| vocab.get(&t).copied())
                .collect();
            for r in &q.relevant {
                if let Some(&d) = index.get(r.as_str()) {
                    pairs.push((q.fold, terms.clone(), d));
                }
            }
        }
        // Title <-> text of each fact-check: associations from the collection
        // itself, no query or relevance label involved.
        let split_terms = |v: &Value, k: &str| -> Vec<u32> {
            claimdesk::xref::terms(v[k].as_str().unwrap_or_default())
                .into_iter()
                .filter_map(|t| vocab.get(&t).copied())
                .collect()
        };
        let titled: Vec<(Vec<u32>, Vec<u32>)> = ds
            .vclaims
            .iter()
            .map(|v| (split_terms(v, "title"), split_terms(v, "text")))
            .filter(|(a, b)| !a.is_empty() && !b.is_empty())
            .collect();
        let mut both: Vec<(&[u32], &[u32])> = Vec::new();
        for (a, b) in &titled {
            both.push((a, b));
            both.push((b, a));
        }
        let started = Instant::now();
        let mut own = model1(&both, 5);
        own.retain(|_, p| *p >= 0.01);
        eprintln!(
            "{}: title/text Model 1, {} entries, {:.1} s",
            ds.name,
            own.len(),
            started.elapsed().as_secs_f64()
        );
        let mut tables: Vec<HashMap<(u32, u32), f64>> = (0..=FOLDS)
            .map(|held| {
                let train: Vec<(&[u32], &[u32])> = pairs
                    .iter()
                    .filter(|p| p.0 != held)
                    .map(|p| (p.1.as_slice(), docs[p.2].as_slice()))
                    .collect();
                model1(&train, 8)
            })
            .collect();
        tables.push(own);
        Self {
            vocab,
            docs,
            collection,
            tables,
        }
    }

    /// exp((log p(q|d) - best) / |q|) for each candidate: 1 for the best, in 0..=1.
    /// `beta` is the weight of the term itself (1: plain query likelihood).
    pub(super) fn signal(
        &self,
        query: &[String],
        cands: &[usize],
        fold: Option<usize>,
        beta: f64,
    ) -> Vec<f64> {
        const LAMBDA: f64 = 0.5;
        let table = match fold {
            Some(COLLECTION) => &self.tables[FOLDS + 1],
            _ => &self.tables[fold.unwrap_or(FOLDS)],
        };
        let q: Vec<u32> = query
            .iter()
            .filter_map(|t| self.vocab.get(t).copied())
            .collect();
        if q.is_empty() {
            return vec![0.0; cands.len()];
        }
        let logs: Vec<f64> = cands
            .iter()
            .map(|&d| {
                let doc = &self.docs[d];
                let len = doc.len().max(1) as f64;
                q.iter()
                    .map(|&w| {
                        let mut own = 0.0;
                        let mut translated = 0.0;
                        for &v in doc {
                            if v == w {
                                own += 1.0;
                            }
                            translated += table.get(&(w, v)).copied().unwrap_or(0.0);
                        }
                        let p = beta * own / len + (1.0 - beta) * translated / len;
                        (LAMBDA * p + (1.0 - LAMBDA) * self.collection[w as usize]).ln()
                    })
                    .sum()
            })
            .collect();
        let best = logs.iter().copied().fold(f64::MIN, f64::max);
        logs.iter()
            .map(|l| ((l - best) / q.len() as f64).exp())
            .collect()
    }
}

/// IBM Model 1: t(w | v) for query terms w given fact-check terms v (and a null
/// term, u32::MAX), by `iterations` rounds of EM from uniform.
pub(super) fn model1(pairs: &[(&[u32], &[u32])], iterations: usize) -> HashMap<(u32, u32), f64> {
    const NULL: u32 = u32::MAX;
    let mut t: HashMap<(u32, u32), f64> = HashMap::new();
    for (q, d) in pairs {
        for &w in *q {
            for &v in d.iter().chain([NULL].iter()) {
                t.insert((w, v), 1.0);
            }
        }
    }
    for _ in 0..iterations {
        let mut count: HashMap<(u32, u32), f64> = HashMap::new();
        let mut total: HashMap<u32, f64> = HashMap::new();
        for (q, d) in pairs {
            for &w in *q {
                let z: f64 = d.iter().chain([NULL].iter()).map(|&v| t[&(w, v)]).sum();
                for &v in d.iter().chain([NULL].iter()) {
                    let c = t[&(w, v)] / z;
                    *count.entry((w, v)).or_default() += c;
                    *total.entry(v).or_default() += c;
                }
            }
        }
        t = count
            .into_iter()
            .map(|((w, v), c)| ((w, v), c / total[&v]))
            .collect();
    }
    t.retain(|k, _| k.1 != NULL);
    t
}
