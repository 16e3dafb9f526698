//! Exploration: extra rerank signals, coordinate ascent and a pairwise
//! model over all of them (`--explore=...`, `PAIRWISE=1`).

use super::translation::{COLLECTION, TM_BETA, Translation};
use super::*;

pub(super) const NX: usize = 20;
pub(super) const XNAMES: [&str; NX] = [
    "bm25",
    "cosine",
    "coverage",
    "qcov",
    "bigram",
    "title",
    "title_cov",
    "same",
    "chars",
    "rr",
    "bm25_text",
    "bm25_title",
    "prf",
    "qchars",
    "names",
    "numbers",
    "title_qcov",
    "translation",
    "collection_translation",
    "date_proximity",
];

pub(super) struct Explore {
    feats: Vec<Vec<(usize, [f64; NX])>>,
}

pub(super) fn lookup(list: &[(usize, f64)]) -> HashMap<usize, f64> {
    let best = list.first().map_or(1.0, |f| f.1).max(1e-9);
    list.iter().map(|&(d, s)| (d, s / best)).collect()
}

pub(super) fn explore_measure(ds: &Dataset) -> Explore {
    let idf = ds.ranker.idf();
    let mut text_only = Ranker::new();
    let mut title_only = Ranker::new();
    for v in &ds.vclaims {
        text_only.add(0usize, v["text"].as_str().unwrap_or_default(), None);
        title_only.add(0usize, v["title"].as_str().unwrap_or_default(), None);
    }
    let all = ds.vclaims.len();
    let tm = Translation::prepare(ds);
    let mut train_seen = 0usize;
    let feats = ds
        .queries
        .iter()
        .map(|q| {
            // Train queries are scored by a model that did not see them (5 folds);
            // dev queries by the model of every train query.
            let fold = if q.split == "train" {
                train_seen += 1;
                Some(q.fold)
            } else {
                None
            };
            let cleaned = ds.ranker.split_compounds(&clean_query(&q.text));
            let firsts = ds.ranker.bm25(&cleaned, 50);
            let best = firsts.first().map_or(0.0, |f| f.1);
            let profile = Profile::new(&cleaned, idf);
            let bt = lookup(&text_only.bm25(&cleaned, all));
            let bti = lookup(&title_only.bm25(&cleaned, all));
            // RM3-like expansion from the 5 best documents.
            let qterms: HashSet<String> = claimdesk::xref::terms(&cleaned).into_iter().collect();
            let mut w: HashMap<String, f64> = HashMap::new();
            for &(d, s) in firsts.iter().take(5) {
                let v = &ds.vclaims[d];
                let t = format!(
                    "{} {}",
                    v["text"].as_str().unwrap_or_default(),
                    v["title"].as_str().unwrap_or_default()
                );
                let ts = claimdesk::xref::terms(&t);
                let len = ts.len().max(1) as f64;
                for term in ts {
                    *w.entry(term.clone()).or_default() += (s / best) * idf.weight(&term) / len;
                }
            }
            let mut exp: Vec<(String, f64)> =
                w.into_iter().filter(|(t, _)| !qterms.contains(t)).collect();
            exp.sort_by(|a, b| b.1.total_cmp(&a.1));
            let expanded = format!(
                "{cleaned} {}",
                exp.iter()
                    .take(10)
                    .map(|e| e.0.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            let prf = lookup(&ds.ranker.bm25(&expanded, all));
            let qterms_list = claimdesk::xref::terms(&cleaned);
            let ids: Vec<usize> = firsts.iter().map(|f| f.0).collect();
            let beta = std::env::var("TM_BETA")
                .ok()
                .and_then(|x| x.parse().ok())
                .unwrap_or(TM_BETA);
            let tms = tm.signal(&qterms_list, &ids, fold, beta);
            let qls = tm.signal(&qterms_list, &ids, Some(COLLECTION), beta);
            let qwords: HashSet<String> = cleaned
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.to_lowercase())
                .collect();
            firsts
                .iter()
                .enumerate()
                .map(|(rank, &(d, first_stage))| {
                    let v = &ds.vclaims[d];
                    let c = candidate(ds, d, first_stage);
                    let (text, title) = (c.text, c.title);
                    let s = Signals::measure(&profile, &c, best, idf);
                    let tp = Profile::new(text, idf);
                    let tip = title.map(|t| Profile::new(t, idf));
                    let both = format!("{text} {}", title.unwrap_or(""));
                    let words: Vec<&str> = both
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .collect();
                    let names: Vec<&&str> = words
                        .iter()
                        .skip(1)
                        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                        .collect();
                    let name_share = if names.is_empty() {
                        0.0
                    } else {
                        names
                            .iter()
                            .filter(|w| qwords.contains(&w.to_lowercase()))
                            .count() as f64
                            / names.len() as f64
                    };
                    let nums: Vec<&&str> = words
                        .iter()
                        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
                        .collect();
                    let num_share = if nums.is_empty() {
                        0.5
                    } else {
                        nums.iter().filter(|w| qwords.contains(***w)).count() as f64
                            / nums.len() as f64
                    };
                    let x = [
                        s.first_stage,
                        s.cosine,
                        s.coverage,
                        s.query_coverage,
                        s.bigram,
                        s.title,
                        s.title_coverage,
                        s.same,
                        s.chars,
                        1.0 / (1.0 + rank as f64),
                        bt.get(&d).copied().unwrap_or(0.0),
                        bti.get(&d).copied().unwrap_or(0.0),
                        prf.get(&d).copied().unwrap_or(0.0),
                        tip.as_ref().map_or(profile.char_coverage_by(&tp), |t| {
                            profile
                                .char_coverage_by(&tp)
                                .max(profile.char_coverage_by(t))
                        }),
                        name_share,
                        num_share,
                        tip.as_ref().map_or(0.0, |t| profile.coverage_by(t)),
                        tms[rank],
                        qls[rank],
                        match (q.day, statement_day(v)) {
                            (Some(a), Some(b)) => date_proximity(a, b),
                            _ => 0.0,
                        },
                    ];
                    (d, x)
                })
                .collect()
        })
        .collect();
    Explore { feats }
}

pub(super) fn xmap(ds: &Dataset, ex: &Explore, w: &[f64; NX], split: &str) -> f64 {
    let mut sum = 0.0;
    let mut n = 0;
    for (q, cands) in ds
        .queries
        .iter()
        .zip(&ex.feats)
        .filter(|(q, _)| split == "all" || q.split == split)
    {
        let mut scored: Vec<(f64, usize)> = cands
            .iter()
            .map(|(d, x)| (x.iter().zip(w).map(|(a, b)| a * b).sum::<f64>(), *d))
            .collect();
        let top = top_five(ds, &mut scored);
        sum += ap_at_5(&top, &q.relevant);
        n += 1;
    }
    sum / n.max(1) as f64
}

pub(super) fn explore(datasets: &[Dataset], ex: &[Explore], allowed: &[usize]) {
    let objective = |w: &[f64; NX]| {
        datasets
            .iter()
            .zip(ex)
            .map(|(ds, e)| xmap(ds, e, w, "train"))
            .sum::<f64>()
            / datasets.len() as f64
    };
    let mut w = [0.0; NX];
    let d = RankWeights::default();
    (w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8]) = (
        d.bm25,
        d.cosine,
        d.coverage,
        d.query_coverage,
        d.bigram,
        d.title,
        d.title_coverage,
        d.same,
        d.chars,
    );
    (w[13], w[15]) = (d.query_chars, d.numbers);
    if std::env::var("NO_ASCENT").is_ok() {
        let list = weight_list(allowed, &w, |v| v.to_string());
        println!("defaults {allowed:?}: {list}");
        print_maps(datasets, ex, &w);
        return;
    }
    let w = coordinate_ascent(w, allowed, 5, |t, k, v| t[k] = v, objective);
    let list = weight_list(allowed, &w, |v| v.to_string());
    println!("explore {allowed:?}: {list}");
    print_maps(datasets, ex, &w);
}

/// `name=weight` for each weight in `allowed`.
pub(super) fn weight_list(
    allowed: &[usize],
    w: &[f64; NX],
    show: impl Fn(f64) -> String,
) -> String {
    let list: Vec<String> = allowed
        .iter()
        .map(|&k| format!("{}={}", XNAMES[k], show(w[k])))
        .collect();
    list.join(" ")
}

/// MAP@5 of each data set on train, dev and all under weights `w`.
pub(super) fn print_maps(datasets: &[Dataset], ex: &[Explore], w: &[f64; NX]) {
    for (ds, e) in datasets.iter().zip(ex) {
        println!(
            "  {}: MAP@5 train {:.4}  dev {:.4}  all {:.4}",
            ds.name,
            xmap(ds, e, w, "train"),
            xmap(ds, e, w, "dev"),
            xmap(ds, e, w, "all")
        );
    }
}

/// RankNet-style pairwise logistic regression over the exploration signals,
/// fitted on the train queries of every data set.
pub(super) fn pairwise(datasets: &[Dataset], ex: &[Explore], allowed: &[usize], l2: f64) {
    let mut diffs: Vec<[f64; NX]> = Vec::new();
    for (ds, e) in datasets.iter().zip(ex) {
        for (q, cands) in ds
            .queries
            .iter()
            .zip(&e.feats)
            .filter(|(q, _)| q.split == "train")
        {
            let rel: Vec<&[f64; NX]> = cands
                .iter()
                .filter(|(d, _)| q.relevant.contains(&ds.ids[*d]))
                .map(|c| &c.1)
                .collect();
            for r in &rel {
                for (d, x) in cands {
                    if !q.relevant.contains(&ds.ids[*d]) {
                        let mut v = [0.0; NX];
                        for k in allowed {
                            v[*k] = r[*k] - x[*k];
                        }
                        diffs.push(v);
                    }
                }
            }
        }
    }
    let mut w = [0.0; NX];
    w[0] = 1.0;
    let n = diffs.len() as f64;
    for it in 0..3000 {
        let mut g = [0.0; NX];
        for v in &diffs {
            let z: f64 = v.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + z.exp());
            for k in 0..NX {
                g[k] -= p * v[k];
            }
        }
        let lr = if it < 1000 { 2.0 } else { 1.0 };
        for &k in allowed {
            w[k] -= lr * (g[k] / n + l2 * w[k]);
        }
    }
    let list = weight_list(allowed, &w, |v| format!("{v:.3}"));
    println!("pairwise l2={l2} {list}");
    print_maps(datasets, ex, &w);
}
