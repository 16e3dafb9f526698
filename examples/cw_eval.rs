//! Evaluate claim analysis: check-worthiness MAP on CLEF CheckThat! 2019
//! Task 1 (leave-one-debate-out), precision/recall/F1 on ClaimBuster (5-fold
//! cross-validated), a check of the scorer against the official anchors, and
//! analysis speed.
//!
//! ```text
//! cargo run --release --example cw_eval -- ../shared/data/checkworthiness
//! ```
//!
//! The argument is the `checkworthiness` folder holding `clef2019-train/` and
//! `claimbuster/`. `--news PATH` also times analysis over a news
//! `articles.jsonl` (such as `../shared/data/news/bbc/articles.jsonl`) split
//! into claims as import splits them. Options: `--epochs N`, `--l2 X`, `--pos-weight X`,
//! `--min-count N`, `--cb-weight X` override the committed recipe to compare
//! variants; the figures reported in docs/analysis.md use none of them.

mod common;

use claimdesk::analyze::model::{self, Example, Source, TrainOptions};
use claimdesk::analyze::{analyze, analyze_article, model_features};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::Instant;

struct Line {
    debate: String,
    text: String,
    label: bool,
    features: Vec<u32>,
}

fn read_jsonl(path: &Path) -> Vec<Line> {
    lines(path)
        .into_iter()
        .map(|v| {
            let text = v["text"].as_str().unwrap_or_default().to_string();
            Line {
                debate: v["debate"].as_str().unwrap_or("").to_string(),
                features: model_features(&text),
                label: v["label"].as_i64() == Some(1),
                text,
            }
        })
        .collect()
}

/// The objects of a JSON Lines file; exits with the reason if unreadable.
fn lines(path: &Path) -> Vec<serde_json::Value> {
    common::jsonl(path).unwrap_or_else(|e| panic!("{e:#}"))
}

/// Text as compared across corpora: lowercase letters and digits only.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Ranking metrics with the official scorer's rules: rank by score
/// descending, ties in file order.
struct Ranked {
    ap: f64,
    rr: f64,
    r_precision: f64,
    p_at: Vec<(usize, f64)>,
}

fn rank_metrics(scores: &[f64], labels: &[bool]) -> Ranked {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let r = labels.iter().filter(|&&l| l).count();
    let (mut hits, mut ap, mut rr) = (0usize, 0.0, 0.0);
    for (i, &k) in order.iter().enumerate() {
        if labels[k] {
            hits += 1;
            ap += hits as f64 / (i + 1) as f64;
            if rr == 0.0 {
                rr = 1.0 / (i + 1) as f64;
            }
        }
    }
    let hits_at = |n: usize| order.iter().take(n).filter(|&&k| labels[k]).count() as f64;
    Ranked {
        ap: if r == 0 { 0.0 } else { ap / r as f64 },
        rr,
        r_precision: if r == 0 { 0.0 } else { hits_at(r) / r as f64 },
        p_at: [1, 3, 5, 10, 20, 50]
            .iter()
            .map(|&n| (n, hits_at(n) / n as f64))
            .collect(),
    }
}

fn check_anchors(dir: &Path) -> bool {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect("anchor file");
    let expected: serde_json::Value = serde_json::from_str(&read("expected_metrics.json")).unwrap();
    let gold_file = expected["gold_file"].as_str().unwrap();
    let labels: Vec<bool> = read(gold_file)
        .lines()
        .map(|l| l.rsplit('\t').next().unwrap().trim() == "1")
        .collect();
    let mut all_ok = true;
    for pred in ["pred_random_baseline.tsv", "pred_gold_order.tsv"] {
        let scores: Vec<f64> = read(pred)
            .lines()
            .map(|l| l.split('\t').nth(1).unwrap().trim().parse().unwrap())
            .collect();
        let m = rank_metrics(&scores, &labels);
        let want = &expected[pred];
        let mut got = vec![("AP", m.ap), ("RR", m.rr), ("R_precision", m.r_precision)];
        got.extend(m.p_at.iter().map(|&(n, p)| {
            (
                ["P@1", "P@3", "P@5", "P@10", "P@20", "P@50"]
                    [[1, 3, 5, 10, 20, 50].iter().position(|&x| x == n).unwrap()],
                p,
            )
        }));
        for (name, value) in got {
            let w = want[name].as_f64().unwrap();
            let ok = (value - w).abs() < 5e-5;
            all_ok &= ok;
            println!(
                "  {pred:<26} {name:<12} ours {value:.4}  official {w:.4}  {}",
                if ok { "ok" } else { "MISMATCH" }
            );
        }
    }
    all_ok
}

fn options(args: &[String]) -> (TrainOptions, f64) {
    let mut o = model::recipe();
    let mut cb_weight = 1.0;
    let mut i = 0;
    while i + 1 < args.len() {
        let v = &args[i + 1];
        match args[i].as_str() {
            "--epochs" => o.epochs = v.parse().unwrap(),
            "--l2" => o.l2 = v.parse().unwrap(),
            "--lr" => o.learning_rate = v.parse().unwrap(),
            "--pos-weight" => o.positive_weight = v.parse().unwrap(),
            "--min-count" => o.min_count = v.parse().unwrap(),
            "--cb-weight" => cb_weight = v.parse().unwrap(),
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    (o, cb_weight)
}

fn examples<'a>(lines: impl Iterator<Item = &'a Line>, source: Source, w: f64) -> Vec<Example> {
    lines
        .map(|l| {
            let mut e = model::example(l.features.clone(), l.label, source);
            e.weight *= w;
            e
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = Path::new(
        args.first()
            .map(String::as_str)
            .unwrap_or("../shared/data/checkworthiness"),
    );
    let (opts, cb_weight) = options(&args[1.min(args.len())..]);
    let t = Instant::now();
    let clef = read_jsonl(&root.join("clef2019-train/checkworthiness-train.jsonl"));
    let cb = read_jsonl(&root.join("claimbuster/claimbuster_2.5xNCS.jsonl"));
    println!(
        "read {} CLEF lines, {} ClaimBuster sentences, features in {:.1}s",
        clef.len(),
        cb.len(),
        t.elapsed().as_secs_f64()
    );

    println!("\n== scorer check against scorer-anchors/expected_metrics.json");
    let anchors_ok = check_anchors(&root.join("clef2019-train/scorer-anchors"));
    println!(
        "scorer anchors: {}",
        if anchors_ok { "all match" } else { "MISMATCH" }
    );

    let clef_texts: HashSet<String> = clef.iter().map(|l| norm(&l.text)).collect();
    let shared = cb
        .iter()
        .filter(|l| clef_texts.contains(&norm(&l.text)))
        .count();
    println!(
        "{shared} ClaimBuster sentences also occur in CLEF debates; each fold drops those of its held-out part from training"
    );
    let mut debates: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, l) in clef.iter().enumerate() {
        debates.entry(&l.debate).or_default().push(i);
    }
    println!(
        "\n== CLEF 2019 Task 1, leave-one-debate-out ({} debates)",
        debates.len()
    );
    let mut sums = (0.0, 0.0, 0.0, 0.0);
    for (name, idx) in &debates {
        let held: HashSet<String> = idx.iter().map(|&i| norm(&clef[i].text)).collect();
        let mut train = examples(clef.iter().filter(|l| l.debate != *name), Source::Clef, 1.0);
        let cb_kept = cb.iter().filter(|l| !held.contains(&norm(&l.text)));
        train.extend(examples(cb_kept, Source::ClaimBuster, cb_weight));
        let w = model::train(&train, &opts).pruned(model::PRUNE_BELOW);
        let scores: Vec<f64> = idx.iter().map(|&i| w.score(&clef[i].features)).collect();
        let labels: Vec<bool> = idx.iter().map(|&i| clef[i].label).collect();
        let m = rank_metrics(&scores, &labels);
        let (p10, p50) = (m.p_at[3].1, m.p_at[5].1);
        println!(
            "  {name:<28} lines {:>5} pos {:>3}  AP {:.4}  P@10 {:.2}  P@50 {:.2}",
            idx.len(),
            labels.iter().filter(|&&l| l).count(),
            m.ap,
            p10,
            p50
        );
        sums = (
            sums.0 + m.ap,
            sums.1 + p10,
            sums.2 + p50,
            sums.3 + m.r_precision,
        );
    }
    let n = debates.len() as f64;
    println!(
        "LOO MAP {:.4}  mean P@10 {:.4}  mean P@50 {:.4}  mean R-precision {:.4}",
        sums.0 / n,
        sums.1 / n,
        sums.2 / n,
        sums.3 / n
    );

    println!("\n== ClaimBuster 2.5xNCS, score >= 0.5, 5-fold cross-validation");
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    for fold in 0..5 {
        let test: Vec<&Line> = cb
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 == fold)
            .map(|(_, l)| l)
            .collect();
        let held: HashSet<String> = test.iter().map(|l| norm(&l.text)).collect();
        let mut train = examples(
            cb.iter()
                .enumerate()
                .filter(|(i, _)| i % 5 != fold)
                .map(|(_, l)| l),
            Source::ClaimBuster,
            cb_weight,
        );
        train.extend(examples(
            clef.iter().filter(|l| !held.contains(&norm(&l.text))),
            Source::Clef,
            1.0,
        ));
        let w = model::train(&train, &opts).pruned(model::PRUNE_BELOW);
        for l in test {
            let yes = w.score(&l.features) >= 0.5;
            match (yes, l.label) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fneg += 1,
                _ => {}
            }
        }
    }
    print_prf("cross-validated", tp, fp, fneg);
    let builtin_prf = prf_of(&cb, |l| analyze(&l.text).checkworthiness >= 0.5);
    print_prf(
        "committed model (saw these sentences)",
        builtin_prf.0,
        builtin_prf.1,
        builtin_prf.2,
    );

    println!("\n== speed");
    let debate_lines: Vec<Vec<&str>> = clef
        .iter()
        .chain(&cb)
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .chunks(30)
        .map(<[&str]>::to_vec)
        .collect();
    report_speed("CLEF + ClaimBuster lines in 30-line groups", &debate_lines);
    if let Some(news) = flag(&args, "--news") {
        let articles = read_articles(Path::new(&news));
        report_speed(&format!("{news}, split into claims"), &articles);
    }
}

/// The value after `name` on the command line.
fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// Articles of a news `articles.jsonl`, split into claims as import does.
fn read_articles(path: &Path) -> Vec<Vec<&'static str>> {
    lines(path)
        .into_iter()
        .map(|v| {
            // Leaked once per run so the claims can borrow from the bodies.
            let body: &'static str = String::leak(v["body"].as_str().unwrap_or("").to_string());
            claimdesk::split::split(body)
                .iter()
                .map(|s| s.slice(body))
                .collect()
        })
        .collect()
}

/// Time `analyze_article` over each article; best of three passes, because
/// the machine is shared and the slowest pass measures the neighbours.
fn report_speed(what: &str, articles: &[Vec<&str>]) {
    let chars: usize = articles.iter().flatten().map(|c| c.len()).sum();
    let mut best = f64::INFINITY;
    let mut analyzed = 0usize;
    for _ in 0..3 {
        let t = Instant::now();
        analyzed = articles.iter().map(|a| analyze_article(a).len()).sum();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "  {what}: {analyzed} claims in {best:.3}s: {:.0} claims/s, {:.1} M chars/s (one thread, best of 3)",
        analyzed as f64 / best,
        chars as f64 / best / 1e6
    );
}

fn prf_of(lines: &[Line], f: impl Fn(&Line) -> bool) -> (usize, usize, usize) {
    let (mut tp, mut fp, mut fneg) = (0, 0, 0);
    for l in lines {
        match (f(l), l.label) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fneg += 1,
            _ => {}
        }
    }
    (tp, fp, fneg)
}

fn print_prf(what: &str, tp: usize, fp: usize, fneg: usize) {
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fneg).max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "  {what}: precision {p:.4}  recall {r:.4}  F1 {f1:.4}  (tp {tp}, fp {fp}, fn {fneg})"
    );
}
