//! Date experiments (`--dates`): the shape of the date signal and a date
//! window beyond the BM25 depth, on dated queries (CheckThat! 2021 2B).
//! Every variant is scored on train and dev; choose on train only. The
//! committed one (`date_proximity`, `RankWeights::date_extra`) is "before 365,
//! after 0, w 1, +10 in (-60, 1)"; the committed symmetric form before it was
//! "symmetric 30, w 0.5, +0".

use super::*;

/// How far BM25 is read for the date window.
const WIDE: usize = 1000;

/// One candidate: its index, the undated signals, its BM25 rank and the
/// candidate's day minus the query's (None when either is undated).
type Cand = (usize, Signals, usize, Option<i64>);

/// A date signal: days from the query (negative: stated before it) to 0..=1.
type Shape = Box<dyn Fn(i64) -> f64>;

pub(super) fn date_experiments(ds: &Dataset) {
    let idf = ds.ranker.idf();
    let depth = RankWeights::default().depth;
    let measured: Vec<Vec<Cand>> = ds
        .queries
        .iter()
        .map(|q| {
            let cleaned = ds.ranker.split_compounds(&clean_query(&q.text));
            let firsts = ds.ranker.bm25(&cleaned, WIDE);
            let best = firsts.first().map_or(0.0, |f| f.1);
            let profile = Profile::new(&cleaned, idf);
            firsts
                .iter()
                .enumerate()
                .filter(|(rank, (d, _))| {
                    *rank < depth
                        || (q.day.is_some()
                            && statement_day(&ds.vclaims[*d])
                                .is_some_and(|b| (b - q.day.unwrap()).abs() <= 60))
                })
                .map(|(rank, &(d, first_stage))| {
                    let v = &ds.vclaims[d];
                    let c = Candidate {
                        id: d,
                        text: v["text"].as_str().unwrap_or_default(),
                        title: v["title"].as_str().filter(|t| !t.is_empty()),
                        first_stage,
                    };
                    let s = Signals::measure(&profile, &c, best, idf);
                    let delta = q.day.zip(statement_day(v)).map(|(a, b)| b - a);
                    (d, s, rank, delta)
                })
                .collect()
        })
        .collect();
    let recall = |limit: usize| {
        let (mut found, mut total) = (0, 0);
        for (q, cands) in ds.queries.iter().zip(&measured) {
            if q.split != "train" {
                continue;
            }
            total += q.relevant.len();
            found += cands
                .iter()
                .filter(|c| c.2 < limit && q.relevant.contains(&ds.ids[c.0]))
                .count();
        }
        found as f64 / total.max(1) as f64
    };
    println!(
        "  train recall of BM25 at 50 / 100 / 1000: {:.3} / {:.3} / {:.3}",
        recall(50),
        recall(100),
        recall(WIDE)
    );
    let w = RankWeights::default();
    let score = |shape: &Shape, weight: f64, extra: usize, window: (i64, i64), split: &str| {
        let mut sum = 0.0;
        let mut n = 0;
        for (q, cands) in ds.queries.iter().zip(&measured) {
            if q.split != split {
                continue;
            }
            let mut added = 0;
            let mut scored: Vec<(f64, usize)> = Vec::new();
            for (d, s, rank, delta) in cands {
                if *rank >= depth {
                    let inside = delta.is_some_and(|x| x >= window.0 && x <= window.1);
                    if !inside || added >= extra {
                        continue;
                    }
                    added += 1;
                }
                let mut s = *s;
                s.date = delta.map_or(0.0, shape);
                let mut wd = w;
                wd.date = weight;
                scored.push((wd.combine(&s), *d));
            }
            let top = top_five(ds, &mut scored);
            sum += ap_at_5(&top, &q.relevant);
            n += 1;
        }
        sum / n.max(1) as f64
    };
    let mut shapes: Vec<(String, Shape)> = Vec::new();
    for scale in [30.0, 90.0, 180.0, 365.0, 730.0, 1500.0, 3000.0] {
        shapes.push((
            format!("symmetric {scale}"),
            Box::new(move |x: i64| scale / (scale + x.abs() as f64)),
        ));
        for after in [0.0, 7.0] {
            shapes.push((
                format!("before {scale}, after {after}"),
                Box::new(move |x: i64| {
                    if x <= 1 {
                        scale / (scale + x.abs() as f64)
                    } else if after == 0.0 {
                        0.0
                    } else {
                        after / (after + x as f64)
                    }
                }),
            ));
        }
    }
    let mut rows: Vec<(f64, f64, String)> = Vec::new();
    for (name, shape) in &shapes {
        for weight in [0.5, 0.75, 1.0, 1.25] {
            for (extra, window) in [
                (0, (0, 0)),
                (5, (-30, 1)),
                (10, (-30, 1)),
                (10, (-60, 1)),
                (20, (-60, 1)),
                (10, (-30, 30)),
            ] {
                let train = score(shape, weight, extra, window, "train");
                let dev = score(shape, weight, extra, window, "dev");
                rows.push((
                    train,
                    dev,
                    format!("{name:<26} w {weight:<4} +{extra} in {window:?}"),
                ));
            }
        }
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let committed = rows.iter().find(|r| {
        r.2.starts_with("before 365, after 0 ")
            && r.2.contains("w 1 ")
            && r.2.contains("+10 in (-60, 1)")
    });
    if let Some((t, d, name)) = committed {
        println!("  committed: {name}: train {t:.4} dev {d:.4}");
    }
    for (t, d, name) in rows.iter().take(12) {
        println!("  {name}: train {t:.4} dev {d:.4}");
    }
    // GRID=TEXT lists every variant whose description contains TEXT.
    if let Ok(filter) = std::env::var("GRID") {
        for r in rows.iter().filter(|r| r.2.contains(&filter)) {
            println!("  grid {}: train {:.4} dev {:.4}", r.2, r.0, r.1);
        }
    }
    // The best of each family, to see what each change brings.
    for family in ["symmetric", "before"] {
        for extra in ["+0 ", "+5 ", "+10 ", "+20 "] {
            if let Some((t, d, name)) = rows
                .iter()
                .find(|r| r.2.starts_with(family) && r.2.contains(extra))
            {
                println!("  best {family} {extra}: {name}: train {t:.4} dev {d:.4}");
            }
        }
    }
}
