//! Cross-referencing through the binary: search, links, conflicts, verdict
//! reuse, fact-checks, match and compare.

mod common;

use std::path::Path;

use common::{Desk, s, seed, stderr};

fn followup() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample-iraq-followup.md")
}

/// The seed and the Markdown follow-up whose figures differ from it.
fn two_reports() -> Desk {
    let desk = Desk::new();
    desk.ok(&["import", s(&seed()), s(&followup())]);
    desk
}

fn id_of(desk: &Desk, like: &str) -> i64 {
    desk.conn()
        .query_row("SELECT id FROM claims WHERE text LIKE ?1", [like], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn search_ranks_highlights_and_filters() {
    let desk = two_reports();
    assert_eq!(
        desk.count("SELECT count(*) FROM claims_fts"),
        desk.count("SELECT count(*) FROM claims")
    );
    let out = desk.ok(&["search", "militia", "attack", "--format", "json"]);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(hits.len(), 2);
    assert!(
        hits[0]["text"]
            .as_str()
            .unwrap()
            .contains("**Militia** **attacks**")
    );
    assert!(hits[0]["score"].as_f64().unwrap() >= hits[1]["score"].as_f64().unwrap());

    // Stemmed: "militia" also finds the seed's "Iranian-backed militias".
    let seed_only = desk.ok(&["search", "militia", "--article", "1", "--format", "csv"]);
    let rows: Vec<&str> = seed_only.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{seed_only}");
    assert!(rows.iter().all(|r| r.split(',').nth(1) == Some("1")));
    let none = desk.ok(&[
        "search", "militia", "--status", "verified", "--format", "csv",
    ]);
    assert_eq!(
        none, "id,article,status,score,text\n",
        "no hits, the header alone"
    );
    let any = desk.ok(&["search", "militia", "attack", "--any", "--format", "json"]);
    assert!(
        serde_json::from_str::<Vec<serde_json::Value>>(&any)
            .unwrap()
            .len()
            > hits.len()
    );
    // Operators and quotes in user text are inert.
    assert!(
        desk.run(&["search", "\"militia", "AND", "(", "NEAR"])
            .status
            .success()
    );
}

#[test]
fn differing_figures_become_conflicts() {
    let desk = two_reports();
    let seed_claim = id_of(&desk, "Militia attacks%at least 151 times%");
    let other = id_of(&desk, "Militia attacks%160 times%");
    let conflicts = desk.ok(&["conflicts", "--format", "json"]);
    let list: Vec<serde_json::Value> = serde_json::from_str(&conflicts).unwrap();
    let found = list
        .iter()
        .find(|c| c["claim_a"] == seed_claim && c["claim_b"] == other)
        .unwrap_or_else(|| panic!("no 151/160 conflict in {conflicts}"));
    assert_eq!(found["value_a"], "151 times");
    assert_eq!(found["value_b"], "160 times");
    assert!((found["difference"].as_f64().unwrap() - 9.0 / 160.0).abs() < 1e-9);

    let related = desk.ok(&["related", &seed_claim.to_string(), "--format", "json"]);
    let rel: Vec<serde_json::Value> = serde_json::from_str(&related).unwrap();
    assert!(
        rel.iter()
            .any(|r| r["id"] == other && r["relation"] == "contradicts"),
        "{related}"
    );
    let shown = desk.ok(&["show", &seed_claim.to_string()]);
    assert!(
        shown.contains("\"151 times\" here, \"160 times\" in claim"),
        "{shown}"
    );
}

#[test]
fn links_are_confirmed_rejected_and_kept_in_history() {
    let desk = two_reports();
    let a = id_of(
        &desk,
        "Sabrina Singh, a spokesperson for the Pentagon, emphasized%",
    );
    let b = id_of(&desk, "Sabrina Singh, a Pentagon spokesperson%");
    desk.ok(&[
        "link",
        &b.to_string(),
        &a.to_string(),
        "--relation",
        "same",
        "--note",
        "same quote",
    ]);
    let confirmed = desk.ok(&["xref", "--state", "confirmed", "--format", "json"]);
    let pairs: Vec<serde_json::Value> = serde_json::from_str(&confirmed).unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!(
        (pairs[0]["claim_a"].as_i64(), pairs[0]["claim_b"].as_i64()),
        (Some(a), Some(b))
    );
    assert_eq!(pairs[0]["relation"], "same");

    let history = desk.ok(&["history", &a.to_string(), "--format", "csv"]);
    assert!(
        history.contains(&format!(
            "link,tester,confirmed same with claim {b}: same quote"
        )),
        "{history}"
    );

    // Verdict reuse along confirmed `same` links.
    let out = desk.run(&[
        "review",
        &a.to_string(),
        "--status",
        "misleading",
        "--note",
        "out of context",
        "--propagate",
    ]);
    assert!(out.status.success());
    assert!(stderr(&out).contains(&format!(
        "claim {b}: misleading (propagated from claim {a})"
    )));
    let note: String = desk
        .conn()
        .query_row("SELECT note FROM reviews WHERE claim_id = ?1", [b], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(note, format!("propagated from claim {a}: out of context"));

    desk.ok(&["unlink", &a.to_string(), &b.to_string()]);
    let rejected = desk.ok(&["xref", "--state", "rejected", "--format", "csv"]);
    assert_eq!(rejected.lines().count(), 2, "{rejected}");
    assert_eq!(
        desk.ok(&["xref", "--state", "confirmed", "--format", "csv"]),
        "claim_a,claim_b,relation,state,score,text_a,text_b\n"
    );
    assert_eq!(desk.count("SELECT count(*) FROM link_events"), 2);
    assert!(desk.conn().execute("DELETE FROM link_events", []).is_err());
    assert_eq!(
        desk.run(&["link", "3", "3", "--relation", "same"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        desk.run(&["link", "3", "999", "--relation", "same"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn no_xref_skips_cross_referencing() {
    let desk = Desk::new();
    desk.ok(&["import", "--no-xref", s(&seed()), s(&followup())]);
    assert_eq!(desk.count("SELECT count(*) FROM claim_links"), 0);
    assert_eq!(desk.count("SELECT count(*) FROM conflicts"), 0);
    assert_eq!(
        desk.count("SELECT count(*) FROM claims_fts"),
        desk.count("SELECT count(*) FROM claims")
    );
}

const CLAIM_REVIEW: &str = r#"{"@context": "https://schema.org", "@graph": [
  {"@type": "ClaimReview", "claimReviewed": "Militia attacks on US positions in Iraq and Syria have happened 151 times since October.",
   "url": "https://factcheck.example/attacks", "datePublished": "2024-02-01",
   "author": {"@type": "Organization", "name": "Example Check"},
   "reviewRating": {"@type": "Rating", "alternateName": "Mostly true"}},
  {"@type": "ClaimReview", "claimReviewed": "The wheat harvest was the smallest in a decade.",
   "url": "https://factcheck.example/wheat", "author": {"name": "Example Check"},
   "reviewRating": {"alternateName": "False"}}]}"#;

#[test]
fn factchecks_import_list_and_match_claims() {
    let desk = Desk::new();
    let page = desk.write("claimreview.json", CLAIM_REVIEW);
    let sheet = desk.write(
        "checks.csv",
        "claim,verdict,reviewer,url,date\n\"Unemployment fell to 3.9% in March.\",True,Sheet Check,https://sheet.example/1,2024-04-06\n",
    );
    let lines = desk.write(
        "checks.jsonl",
        "{\"claim\": \"Troops withdrew in 2011.\", \"verdict\": \"True\", \"reviewer\": \"Lines Check\"}\n",
    );
    let out = desk.run(&["factchecks", "import", s(&page), s(&sheet), s(&lines)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("imported 4 fact-checks"));
    let again = desk.run(&["factchecks", "import", s(&page)]);
    assert!(stderr(&again).contains("2 already imported"));

    let list = desk.ok(&[
        "factchecks",
        "list",
        "--contains",
        "wheat",
        "--format",
        "json",
    ]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["verdict"], "False");

    // Claims imported afterwards that say what was checked get a suggestion.
    desk.ok(&["import", s(&seed())]);
    let claim = id_of(&desk, "Militia attacks%");
    let related = desk.ok(&["related", &claim.to_string(), "--format", "json"]);
    let rel: Vec<serde_json::Value> = serde_json::from_str(&related).unwrap();
    let fc = rel
        .iter()
        .find(|r| r["kind"] == "factcheck")
        .unwrap_or_else(|| panic!("{related}"));
    assert!(fc["source"].as_str().unwrap().contains("Mostly true"));
    assert!(
        fc["source"]
            .as_str()
            .unwrap()
            .contains("https://factcheck.example/attacks")
    );

    // match: one claim per line, ranked fact-checks first when they fit.
    let out = desk
        .cmd()
        .args(["match", "--lines", "--limit", "3", "--format", "json"])
        .write_stdin("the wheat harvest was the smallest in ten years\nUS troops withdrew from Iraq in 2011\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(
        results[0]["text"],
        "the wheat harvest was the smallest in ten years"
    );
    let top = &results[0]["matches"][0];
    assert_eq!(top["kind"], "factcheck");
    assert_eq!(
        top["text"],
        "The wheat harvest was the smallest in a decade."
    );
    for key in ["kind", "id", "score", "text"] {
        assert!(top.get(key).is_some());
    }
    let second = results[1]["matches"].as_array().unwrap();
    assert!(
        second
            .iter()
            .any(|m| m["kind"] == "claim"
                && m["text"].as_str().unwrap().contains("withdrew in 2011"))
    );
    assert_eq!(
        desk.count("SELECT count(*) FROM factchecks"),
        4,
        "match stores nothing"
    );
}

#[test]
fn compare_gives_score_relation_and_differences() {
    let desk = Desk::new();
    let out = desk.ok(&[
        "compare",
        "Militia attacks have occurred at least 151 times since October.",
        "Militia attacks have occurred 160 times since October.",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["relation"], "conflict");
    assert_eq!(v[0]["differences"][0]["a"]["text"], "151 times");
    assert_eq!(v[0]["differences"][0]["b"]["text"], "160 times");

    let pairs = desk.write(
        "pairs.jsonl",
        "{\"a\": \"Profits jumped 76% to $1.13bn.\", \"b\": \"Profits jumped 76 per cent to 1.13 billion dollars.\"}\n{\"a\": \"The cat sat on the mat.\", \"b\": \"Interest rates rose in March.\"}\n",
    );
    let out = desk.ok(&["compare", "--pairs", s(&pairs), "--format", "json"]);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["relation"], "same");
    assert!(rows[0]["differences"].as_array().unwrap().is_empty());
    assert_eq!(rows[1]["relation"], "none");
    assert!(rows[0]["score"].as_f64().unwrap() > rows[1]["score"].as_f64().unwrap());
    assert!(!desk.db.exists(), "compare needs no database");
}

/// A made-up word for `i`: each pair of articles shares its own two words.
fn tag(mut i: usize, prefix: &str) -> String {
    let mut word = prefix.to_string();
    for _ in 0..3 {
        word.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
    }
    word
}

#[test]
fn conflicts_are_found_across_import_batches_and_the_same_every_run() {
    // 1,300 articles: three write batches, cross-referenced on a thread of
    // their own. Article i and article i + 650 give the same claim with
    // different figures, so most pairs straddle a batch boundary.
    let pairs = 650;
    let mut jsonl = String::new();
    for i in 0..2 * pairs {
        let k = i % pairs;
        let homes = if i < pairs { 120 } else { 135 };
        let line = serde_json::json!({
            "title": format!("Housing report {i}"),
            "text": format!(
                "The {} council approved {homes} new homes for the {} district on Tuesday.",
                tag(k, "zo"),
                tag(k, "vu")
            ),
        });
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
    }
    let conflicts_of = |desk: &Desk| -> Vec<(i64, i64, i64, String, String)> {
        let conn = desk.conn();
        let mut stmt = conn
            .prepare("SELECT id, claim_a, claim_b, a_text, b_text FROM conflicts ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    let first = Desk::new();
    let file = first.write("housing.jsonl", &jsonl);
    first.ok(&["import", s(&file)]);
    let found = conflicts_of(&first);
    assert_eq!(found.len(), pairs, "one conflict per pair");
    for (_, a, b, a_text, b_text) in &found {
        assert_eq!(b - a, pairs as i64, "claims {a} and {b} are not a pair");
        assert_eq!(
            (a_text.as_str(), b_text.as_str()),
            ("120 new homes", "135 new homes")
        );
    }

    let second = Desk::new();
    let file = second.write("housing.jsonl", &jsonl);
    second.ok(&["import", s(&file)]);
    assert_eq!(
        conflicts_of(&second),
        found,
        "the same ids and pairs every run"
    );
}

#[test]
fn a_search_matching_many_claims_ranks_the_newest_unless_all() {
    // 600 claims hold "militia"; the 100 oldest hold it three times, so
    // they rank first when every match is ranked.
    let mut jsonl = String::new();
    for i in 0..600 {
        let text = if i < 100 {
            format!(
                "The militia militia militia struck the {} base.",
                tag(i, "qa")
            )
        } else {
            format!(
                "A militia struck the {} base near the river today.",
                tag(i, "qa")
            )
        };
        let line = serde_json::json!({ "title": format!("Report {i}"), "text": text });
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
    }
    let desk = Desk::new();
    let file = desk.write("militia.jsonl", &jsonl);
    desk.ok(&["import", "--no-xref", s(&file)]);
    let ids = |out: &[u8]| -> Vec<i64> {
        let hits: Vec<serde_json::Value> = serde_json::from_slice(out).unwrap();
        hits.iter().map(|h| h["id"].as_i64().unwrap()).collect()
    };

    let windowed = desk.run(&["search", "militia", "--limit", "5", "--format", "json"]);
    assert!(windowed.status.success());
    assert!(
        stderr(&windowed).contains("ranked the 500 newest"),
        "{}",
        stderr(&windowed)
    );
    let newest = ids(&windowed.stdout);
    assert_eq!(newest.len(), 5);
    assert!(newest.iter().all(|&id| id > 100), "{newest:?}");

    let all = desk.run(&[
        "search", "militia", "--all", "--limit", "5", "--format", "json",
    ]);
    assert!(all.status.success());
    assert!(!stderr(&all).contains("ranked"), "{}", stderr(&all));
    let best = ids(&all.stdout);
    assert!(best.iter().all(|&id| id <= 100), "{best:?}");
}

#[test]
fn match_lists_a_republished_fact_check_once_as_the_earlier_one() {
    let desk = Desk::new();
    let first = desk.write(
        "first.jsonl",
        "{\"text\": \"A \\\"law to separate families\\\" was enacted before April 2018.\", \"title\": \"Was a \\\"Law to Separate Families\\\" Enacted?\", \"verdict\": \"False\"}\n\
         {\"text\": \"The wheat harvest was the smallest in a decade.\", \"verdict\": \"False\"}\n",
    );
    let later = desk.write(
        "later.jsonl",
        "{\"text\": \"A 'law to separate families' was enacted before April 2018.\", \"title\": \"Was a 'Law to Separate Families' Enacted?\", \"verdict\": \"False\"}\n\
         {\"text\": \"A law to separate families was enacted before May 2018.\", \"verdict\": \"False\"}\n",
    );
    desk.ok(&["factchecks", "import", s(&first)]);
    desk.ok(&["factchecks", "import", s(&later)]);
    let id = |pattern: &str| {
        desk.count(&format!(
            "SELECT id FROM factchecks WHERE claim LIKE '{}'",
            pattern.replace('\'', "''")
        ))
    };
    let (original, copy, other) = (id("A \"law%April%"), id("A 'law%"), id("%May 2018."));
    assert!(original < copy, "{original} {copy}");
    let out = desk.ok(&[
        "match",
        "A law to separate families was enacted before April 2018",
        "--format",
        "json",
    ]);
    let results: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let matches = results[0]["matches"].as_array().unwrap();
    let ids: Vec<i64> = matches.iter().map(|m| m["id"].as_i64().unwrap()).collect();
    assert_eq!(ids[0], original, "{out}");
    assert_eq!(matches[0]["duplicates"], serde_json::json!([copy]), "{out}");
    assert!(!ids.contains(&copy), "the copy is not ranked again: {out}");
    assert!(ids.contains(&other), "{out}");
    assert!(
        matches[1..].iter().all(|m| m.get("duplicates").is_none()),
        "{out}"
    );
    // CSV: a column of the later ids, empty for the other hits.
    let csv = desk.ok(&[
        "match",
        "A law to separate families was enacted before April 2018",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",duplicates"), "{csv}");
    assert!(
        lines.next().unwrap().ends_with(&format!(",{copy}")),
        "{csv}"
    );
    assert!(lines.all(|l| l.ends_with(',')), "{csv}");
}
