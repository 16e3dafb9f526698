//! Finding the earlier fact-check: MAP@5 of the `Ranker` on CheckThat! data.
//!
//! ```text
//! cargo run --release --example factcheck_eval -- ../shared/data/matching/clef2020-task2
//! cargo run --release --example factcheck_eval -- ../shared/data/matching/clef2021-task2b
//! cargo run --release --example factcheck_eval -- DIR [DIR...] --tune   # coordinate ascent on train
//! cargo run --release --example factcheck_eval -- DIR --dates   # shapes of the date signal (2021)
//! cargo run --release --example factcheck_eval -- DIR --weights=0.75,0.35,0,0,0,0.1,0,0.35,0
//! ```
//! `--weights` sets the rerank weights in the order bm25, cosine, coverage,
//! query_coverage, bigram, title, title_coverage, same, chars, query_chars, numbers, date,
//! embedding, headline_embedding. `--model=DIR` (or `CLAIMDESK_MODEL`) adds sentence embeddings
//! (see `embedding.rs`); `EMBED_DEPTH` sets how many nearest fact-checks by
//! embedding join the candidates.
//! ```text
//! ```
//! With several folders, `--tune` maximizes the mean of their train MAP@5.
//! Each folder holds `vclaims.jsonl` (`id`, `text`, optional `title`),
//! `queries-train-dev.jsonl` (`id`, `text`, `split`) and `qrels-train-dev.jsonl`.

#[path = "../common/mod.rs"]
mod common;
mod dates;
mod embedding;
mod explore;
mod translation;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use claimdesk::xref::{
    Candidate, Known, Profile, RankWeights, Ranker, Signals, clean_query, date_proximity,
    day_number, parse_day,
};
use serde_json::Value;

use explore::{Explore, explore, explore_measure, pairwise};
use translation::FOLDS;

struct Query {
    text: String,
    split: String,
    /// Fold of a train query for cross-validation: by debate when the data names
    /// one (2021: queries of one debate share fact-checks), else by query.
    fold: usize,
    /// Day number of the debate (2021: from the debate id, "20121023_..."), if known.
    day: Option<i64>,
    relevant: HashSet<String>,
    /// Sentence embedding of the query (empty without `--model`).
    vector: Vec<f32>,
}

struct Dataset {
    name: String,
    vclaims: Vec<Value>,
    ids: Vec<String>,
    queries: Vec<Query>,
    ranker: Ranker<String>,
    /// Sentence embedding of each fact-check (empty without `--model`).
    vectors: Vec<Vec<f32>>,
    /// Embedding of each fact-check's title and text (empty without `--model`).
    headline_vectors: Vec<Vec<f32>>,
}

/// Every query's BM25 candidates with their rerank signals: they do not depend
/// on the weights, so tuning measures them once.
type Measured = Vec<Vec<(usize, Signals)>>;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dirs: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if dirs.is_empty() {
        anyhow::bail!("usage: factcheck_eval DIR [DIR...] [--tune] [--tune-bm25] [--weights=...]");
    }
    let mut weights = RankWeights::default();
    if let Ok(d) = std::env::var("DEPTH") {
        weights.depth = d.parse()?;
    }
    if let Ok(v) = std::env::var("K1") {
        weights.k1 = v.parse()?;
    }
    if let Ok(v) = std::env::var("B") {
        weights.b = v.parse()?;
    }
    if let Ok(v) = std::env::var("TITLE_BOOST") {
        weights.title_boost = v.parse()?;
    }
    if let Ok(v) = std::env::var("EMBED_DEPTH") {
        weights.embed_depth = v.parse()?;
    }
    if let Some(list) = args.iter().find_map(|a| a.strip_prefix("--weights=")) {
        for (k, v) in list.split(',').enumerate() {
            *weight(&mut weights, k) = v.parse()?;
        }
    }
    let model = embedding::model(&args)?;
    let mut datasets = Vec::new();
    for dir in dirs {
        let ds = load(Path::new(dir), weights, model.as_ref())?;
        report(&ds);
        if args.iter().any(|a| a == "--failures") {
            failures(&ds);
        }
        if args.iter().any(|a| a == "--dates") {
            dates::date_experiments(&ds);
        }
        if args.iter().any(|a| a == "--tune-bm25") {
            tune_bm25(&ds.vclaims, &ds.queries);
        }
        datasets.push(ds);
    }
    if args.iter().any(|a| a == "--tune") {
        tune(&datasets);
    }
    if let Some(list) = args.iter().find_map(|a| a.strip_prefix("--explore=")) {
        let ex: Vec<Explore> = datasets.iter().map(explore_measure).collect();
        for set in list.split('/') {
            let allowed: Vec<usize> = set.split(',').map(|k| k.parse().unwrap()).collect();
            explore(&datasets, &ex, &allowed);
            if std::env::var("PAIRWISE").is_ok() {
                for l2 in [1e-4, 1e-3] {
                    pairwise(&datasets, &ex, &allowed, l2);
                }
            }
        }
    }
    Ok(())
}

fn load(
    dir: &Path,
    weights: RankWeights,
    model: Option<&claimdesk::embed::Embedder>,
) -> anyhow::Result<Dataset> {
    let read = |name: &str| common::jsonl(&dir.join(name));
    let field = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    let vclaims = read("vclaims.jsonl")?;
    let mut relevant: HashMap<String, HashSet<String>> = HashMap::new();
    for q in read("qrels-train-dev.jsonl")? {
        relevant
            .entry(field(&q, "query_id"))
            .or_default()
            .insert(field(&q, "claim_id"));
    }
    let name = dir
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let raw_queries = read("queries-train-dev.jsonl")?;
    let (vectors, headline_vectors, mut query_vectors) = match model {
        Some(m) => {
            let docs: Vec<String> = vclaims.iter().map(embedding::doc_input).collect();
            let heads: Vec<String> = vclaims.iter().map(embedding::headline_input).collect();
            let qs: Vec<String> = raw_queries
                .iter()
                .map(|q| embedding::query_input(q["text"].as_str().unwrap_or_default()))
                .collect();
            (
                embedding::cached(m, &format!("{name}-docs"), &docs),
                embedding::cached(m, &format!("{name}-docs"), &heads),
                embedding::cached(m, &format!("{name}-queries"), &qs),
            )
        }
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let queries: Vec<Query> = raw_queries
        .iter()
        .enumerate()
        .map(|(i, q)| Query {
            text: field(q, "text"),
            split: field(q, "split"),
            day: q["debate"].as_str().and_then(|d| {
                let n = |a: usize, b: usize| d.get(a..b)?.parse::<i64>().ok();
                Some(day_number(n(0, 4)?, n(4, 6)? as u32, n(6, 8)? as u32))
            }),
            fold: match q["debate"].as_str() {
                Some(d) => {
                    d.bytes()
                        .fold(7usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize))
                        % FOLDS
                }
                None => i % FOLDS,
            },
            relevant: relevant.remove(&field(q, "id")).unwrap_or_default(),
            vector: query_vectors
                .get_mut(i)
                .map(std::mem::take)
                .unwrap_or_default(),
        })
        .filter(|q| !q.relevant.is_empty())
        .collect();
    let started = Instant::now();
    let mut ranker = Ranker::with_weights(weights);
    for v in &vclaims {
        let title = v["title"].as_str().filter(|t| !t.is_empty());
        let day = if std::env::var("NO_DATES").is_ok() {
            None
        } else {
            statement_day(v)
        };
        ranker.add_dated(field(v, "id"), &field(v, "text"), title, day);
    }
    for (i, v) in vectors.iter().enumerate() {
        ranker.set_vector(i, v.clone());
    }
    for (i, v) in headline_vectors.iter().enumerate() {
        ranker.set_headline_vector(i, v.clone());
    }
    println!(
        "{name}: {} fact-checks indexed in {:.2} s, {} queries",
        ranker.len(),
        started.elapsed().as_secs_f64(),
        queries.len()
    );
    let ids = vclaims.iter().map(|v| field(v, "id")).collect();
    Ok(Dataset {
        name,
        vclaims,
        ids,
        queries,
        ranker,
        vectors,
        headline_vectors,
    })
}

/// MAP@5 of plain BM25 (raw and cleaned query) and of the full `Ranker`.
fn report(ds: &Dataset) {
    let run = |name: &str, rank: &dyn Fn(&Query) -> Vec<String>| {
        let started = Instant::now();
        let ap: Vec<(&str, f64)> = ds
            .queries
            .iter()
            .map(|q| (q.split.as_str(), ap_at_5(&rank(q), &q.relevant)))
            .collect();
        let ms = started.elapsed().as_secs_f64() * 1e3 / ds.queries.len() as f64;
        let mean = |split: Option<&str>| {
            let v: Vec<f64> = ap
                .iter()
                .filter(|a| split.is_none_or(|s| a.0 == s))
                .map(|a| a.1)
                .collect();
            v.iter().sum::<f64>() / v.len().max(1) as f64
        };
        println!(
            "  {name:<24} MAP@5 train {:.4}  dev {:.4}  all {:.4}  ({ms:.2} ms/query)",
            mean(Some("train")),
            mean(Some("dev")),
            mean(None)
        );
    };
    let ids = |top: Vec<(usize, f64)>| top.into_iter().map(|(d, _)| ds.ids[d].clone()).collect();
    run("BM25, raw query", &|q| ids(ds.ranker.bm25(&q.text, 5)));
    run("BM25, cleaned query", &|q| {
        ids(ds.ranker.bm25(&clean_query(&q.text), 5))
    });
    run("Ranker (BM25 + rerank)", &|q| {
        ds.ranker
            .rank(&q.text, 5)
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    });
    if ds.queries.iter().any(|q| q.day.is_some()) {
        run("Ranker, dated queries", &|q| {
            let day = q.day.filter(|_| std::env::var("NO_DATES").is_err());
            let top = ds.ranker.rank_dated(&q.text, day, 5);
            top.into_iter().map(|(id, _)| id).collect()
        });
    }
    if !ds.vectors.is_empty() {
        fn known(q: &Query, day: Option<i64>) -> Known<'_> {
            Known {
                day,
                vector: Some(q.vector.as_slice()),
                ..Known::default()
            }
        }
        run("Ranker + embedding", &|q| {
            let top = ds.ranker.rank_known(&q.text, known(q, None), 5);
            top.into_iter().map(|(id, _)| id).collect()
        });
        if ds.queries.iter().any(|q| q.day.is_some()) {
            run("Ranker + embedding, dated", &|q| {
                let top = ds.ranker.rank_known(&q.text, known(q, q.day), 5);
                top.into_iter().map(|(id, _)| id).collect()
            });
        }
        run("embedding cosine alone", &|q| {
            let sims: Vec<(usize, f32)> = ds
                .vectors
                .iter()
                .enumerate()
                .map(|(d, v)| (d, claimdesk::embed::dot(&q.vector, v)))
                .collect();
            let mut sims = sims;
            sims.sort_by(|a, b| b.1.total_cmp(&a.1));
            sims.iter().take(5).map(|s| ds.ids[s.0].clone()).collect()
        });
    }
    if std::env::var("NODATE").is_ok() {
        run("Ranker, no signature date", &|q| {
            let q = q.text.as_str();
            let q = match q.rfind(") ") {
                Some(i) if q[i..].len() < 25 && q[i..].contains(", 20") => &q[..=i],
                _ => q,
            };
            ds.ranker.rank(q, 5).into_iter().map(|(id, _)| id).collect()
        });
        run("Ranker, no signature", &|q| {
            let q = q.text.as_str();
            let q = match q.rfind(" — ") {
                Some(i) if q.len() - i < 80 => &q[..i],
                _ => q,
            };
            ds.ranker.rank(q, 5).into_iter().map(|(id, _)| id).collect()
        });
    }
}

fn measure(ds: &Dataset) -> Measured {
    let idf = ds.ranker.idf();
    ds.queries
        .iter()
        .map(|q| {
            let cleaned = ds.ranker.split_compounds(&clean_query(&q.text));
            let all = ds.ranker.bm25(&cleaned, ds.ids.len());
            let mut firsts: Vec<(usize, f64)> = all
                .iter()
                .take(RankWeights::default().depth)
                .copied()
                .collect();
            let best = firsts.first().map_or(0.0, |f| f.1);
            let embed_depth = embed_depth();
            if !ds.vectors.is_empty() && embed_depth > 0 {
                let mut sims: Vec<(usize, f32)> = ds
                    .vectors
                    .iter()
                    .enumerate()
                    .zip(&ds.headline_vectors)
                    .map(|((d, v), h)| {
                        let cosine = |v: &[f32]| claimdesk::embed::dot(&q.vector, v);
                        (d, cosine(v).max(cosine(h)))
                    })
                    .collect();
                sims.sort_by(|a, b| b.1.total_cmp(&a.1));
                for &(d, _) in sims.iter().take(embed_depth) {
                    if !firsts.iter().any(|f| f.0 == d) {
                        let bm25 = all.iter().find(|a| a.0 == d).map_or(0.0, |a| a.1);
                        firsts.push((d, bm25));
                    }
                }
            }
            let profile = Profile::new(&cleaned, idf);
            firsts
                .iter()
                .map(|&(d, first_stage)| {
                    let v = &ds.vclaims[d];
                    let c = candidate(ds, d, first_stage);
                    let mut s = Signals::measure(&profile, &c, best, idf);
                    if let (Some(a), Some(b)) = (q.day, statement_day(v)) {
                        s.date = date_proximity(a, b);
                    }
                    if let Some(v) = ds.vectors.get(d) {
                        s.embedding = f64::from(claimdesk::embed::dot(&q.vector, v));
                    }
                    if let Some(v) = ds.headline_vectors.get(d) {
                        s.headline_embedding = f64::from(claimdesk::embed::dot(&q.vector, v));
                    }
                    (d, s)
                })
                .collect()
        })
        .collect()
}

/// How many fact-checks nearest by embedding join the candidates (`EMBED_DEPTH`).
fn embed_depth() -> usize {
    std::env::var("EMBED_DEPTH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(RankWeights::default().embed_depth)
}

/// MAP@5 of one split when the measured candidates are ordered by `w`.
fn map(ds: &Dataset, measured: &Measured, w: &RankWeights, split: &str) -> f64 {
    let mut sum = 0.0;
    let mut n = 0;
    for (q, cands) in ds
        .queries
        .iter()
        .zip(measured)
        .filter(|(q, _)| q.split == split)
    {
        let mut scored: Vec<(f64, usize)> = cands.iter().map(|(d, s)| (w.combine(s), *d)).collect();
        let top = top_five(ds, &mut scored);
        sum += ap_at_5(&top, &q.relevant);
        n += 1;
    }
    sum / n.max(1) as f64
}

/// The ids of the five best of `scored` (score, fact-check index), each copy
/// listed once as its first, as `Ranker::rank_known` lists them.
fn top_five(ds: &Dataset, scored: &mut [(f64, usize)]) -> Vec<String> {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut top: Vec<String> = Vec::with_capacity(5);
    for &(_, d) in scored.iter() {
        if top.len() == 5 {
            break;
        }
        let id = &ds.ids[ds.ranker.first_copy(d)];
        if !top.contains(id) {
            top.push(id.clone());
        }
    }
    top
}

/// Coordinate ascent of the rerank weights on the train splits, from plain BM25:
/// each weight in turn takes the best of a few values while the others stay,
/// until a full round changes nothing. Prints train and dev with the result.
fn tune(datasets: &[Dataset]) {
    let measured: Vec<Measured> = datasets.iter().map(measure).collect();
    let objective = |w: &RankWeights| {
        let sum: f64 = datasets
            .iter()
            .zip(&measured)
            .map(|(ds, m)| map(ds, m, w, "train"))
            .sum();
        sum / datasets.len() as f64
    };
    let mut w = RankWeights::default();
    // FROM_DEFAULTS=1 starts from the committed weights instead of plain BM25.
    if std::env::var("FROM_DEFAULTS").is_err() {
        for k in 0..WEIGHTS {
            *weight(&mut w, k) = if k == 0 { 1.0 } else { 0.0 };
        }
    }
    let keys: Vec<usize> = (0..WEIGHTS).collect();
    let rounds = std::env::var("ROUNDS").map_or(4, |r| r.parse().unwrap_or(4));
    let w = coordinate_ascent(w, &keys, rounds, |t, k, v| *weight(t, k) = v, objective);
    let list: Vec<String> = (0..WEIGHTS)
        .map(|k| weight(&mut w.clone(), k).to_string())
        .collect();
    println!("tuned on train: --weights={}", list.join(","));
    for (ds, m) in datasets.iter().zip(&measured) {
        let (train, dev) = (map(ds, m, &w, "train"), map(ds, m, &w, "dev"));
        println!("  {}: MAP@5 train {train:.4}  dev {dev:.4}", ds.name);
    }
}

/// AP@5 as CheckThat! defines it: precision at each relevant hit in the top 5,
/// summed, over min(relevant, 5).
fn ap_at_5(ranked: &[String], relevant: &HashSet<String>) -> f64 {
    let mut hits = 0.0;
    let mut sum = 0.0;
    for (i, id) in ranked.iter().take(5).enumerate() {
        if relevant.contains(id) {
            hits += 1.0;
            sum += hits / (i + 1) as f64;
        }
    }
    sum / relevant.len().min(5) as f64
}

/// Grid search of the BM25 parameters (first stage alone) on the train split.
fn tune_bm25(vclaims: &[Value], queries: &[Query]) {
    let mut best = (f64::MIN, RankWeights::default());
    for title_boost in [0.0, 0.5, 1.0, 2.0] {
        for k1 in [0.9, 1.2, 1.6] {
            for b in [0.5, 0.75, 0.9] {
                let w = RankWeights {
                    k1,
                    b,
                    title_boost,
                    ..RankWeights::default()
                };
                let mut ranker = Ranker::with_weights(w);
                for (d, v) in vclaims.iter().enumerate() {
                    let title = v["title"].as_str().filter(|t| !t.is_empty());
                    ranker.add(d, v["text"].as_str().unwrap_or_default(), title);
                }
                let train: Vec<&Query> = queries.iter().filter(|q| q.split == "train").collect();
                let map = train
                    .iter()
                    .map(|q| {
                        let top = ranker.bm25(&clean_query(&q.text), 5);
                        let ids: Vec<String> = top
                            .iter()
                            .map(|t| vclaims[t.0]["id"].as_str().unwrap_or_default().to_string())
                            .collect();
                        ap_at_5(&ids, &q.relevant)
                    })
                    .sum::<f64>()
                    / train.len() as f64;
                if map > best.0 {
                    best = (map, w);
                }
            }
        }
    }
    println!(
        "BM25 tuned on train: {:?} -> MAP@5 train {:.4}",
        best.1, best.0
    );
}

/// Number of rerank weights [`weight`] reaches.
const WEIGHTS: usize = 14;

/// The k-th rerank weight, for coordinate ascent and `--weights`.
fn weight(w: &mut RankWeights, k: usize) -> &mut f64 {
    match k {
        0 => &mut w.bm25,
        1 => &mut w.cosine,
        2 => &mut w.coverage,
        3 => &mut w.query_coverage,
        4 => &mut w.bigram,
        5 => &mut w.title,
        6 => &mut w.title_coverage,
        7 => &mut w.same,
        8 => &mut w.chars,
        9 => &mut w.query_chars,
        10 => &mut w.numbers,
        11 => &mut w.date,
        12 => &mut w.embedding,
        _ => &mut w.headline_embedding,
    }
}

/// Coordinate ascent from `w`: each weight in `keys` is tried at each step
/// value and kept when `objective` improves; at most `rounds` rounds, and
/// none after a round that gains nothing.
fn coordinate_ascent<W: Copy>(
    mut w: W,
    keys: &[usize],
    rounds: usize,
    set: impl Fn(&mut W, usize, f64),
    objective: impl Fn(&W) -> f64,
) -> W {
    const STEPS: [f64; 14] = [
        0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, -0.1, -0.2,
    ];
    let mut best = objective(&w);
    for _round in 0..rounds {
        let before = best;
        for &k in keys {
            for v in STEPS {
                let mut t = w;
                set(&mut t, k, v);
                let m = objective(&t);
                if m > best + 1e-9 {
                    best = m;
                    w = t;
                }
            }
        }
        if best <= before + 1e-9 {
            break;
        }
    }
    w
}

fn failures(ds: &Dataset) {
    let mut hist: HashMap<String, usize> = HashMap::new();
    for q in ds.queries.iter().filter(|q| q.split == "train") {
        let top = ds.ranker.rank(&q.text, 1000);
        let pos = top.iter().position(|(id, _)| q.relevant.contains(id));
        let bucket = match pos {
            Some(p) if p < 1 => "1",
            Some(p) if p < 5 => "2-5",
            Some(p) if p < 50 => "6-50",
            Some(_) => "51-1000",
            None => "none",
        };
        *hist.entry(bucket.to_string()).or_default() += 1;
        if let Some(p) = pos.filter(|&p| (1..5).contains(&p)) {
            let text = |id: &String| {
                let i = ds.ids.iter().position(|x| x == id).unwrap();
                ds.vclaims[i]["text"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string()
            };
            let idf = ds.ranker.idf();
            let sims: Vec<f64> = top[..p]
                .iter()
                .map(|(id, _)| claimdesk::xref::similarity(&text(id), &text(&top[p].0), idf))
                .collect();
            let dup = sims.iter().any(|&s| s >= 0.8);
            *hist
                .entry(format!("2-5 above-dup>=0.8: {dup}"))
                .or_default() += 1;
            if dup && std::env::var("SHOWDUP").is_ok() {
                println!(
                    "DUP Q: {}\n  R: {}\n  1: {}",
                    q.text,
                    text(&top[p].0),
                    text(&top[0].0)
                );
            }
        }
        if pos.is_none_or(|p| p >= 1) && std::env::var("SHOW").is_ok() {
            println!("--- pos {pos:?}\nQ: {}", q.text);
            let rel = q.relevant.iter().next().unwrap();
            let i = ds.ids.iter().position(|x| x == rel).unwrap();
            println!("R: {} | {}", ds.vclaims[i]["text"], ds.vclaims[i]["title"]);
            println!(
                "1: {}",
                ds.vclaims[ds.ids.iter().position(|x| *x == top[0].0).unwrap()]["text"]
            );
        }
    }
    println!("{}: {:?}", ds.name, hist);
}

/// The day a fact-check's claim was made, from its `date` field (PolitiFact:
/// "stated on October 22, 2019 in ..."), read as `claimdesk match` reads it.
/// Fact-check `d` of the data set as a rerank candidate.
fn candidate(ds: &Dataset, d: usize, first_stage: f64) -> Candidate<'_, usize> {
    let v = &ds.vclaims[d];
    Candidate {
        id: d,
        text: v["text"].as_str().unwrap_or_default(),
        title: v["title"].as_str().filter(|t| !t.is_empty()),
        first_stage,
    }
}

fn statement_day(v: &Value) -> Option<i64> {
    v["date"].as_str().and_then(parse_day)
}
