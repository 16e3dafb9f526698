//! Reviews, notes, sources and history through the binary.

mod common;

use common::{Desk, s, seed, stderr};

fn seeded() -> Desk {
    let desk = Desk::new();
    desk.ok(&["import", s(&seed())]);
    desk
}

fn claim_ids(csv: &str) -> Vec<i64> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap()[0].parse().unwrap())
        .collect()
}

#[test]
fn status_follows_the_latest_review_and_history_is_append_only() {
    let desk = seeded();
    desk.ok(&["review", "3", "4", "--status", "in-review"]);
    desk.ok(&["verify", "3", "--note", "matches the Pentagon statement"]);
    desk.ok(&["dispute", "4", "--reviewer", "bob"]);

    assert_eq!(
        claim_ids(&desk.ok(&["claims", "--status", "verified", "--format", "csv"])),
        vec![3]
    );
    assert_eq!(
        claim_ids(&desk.ok(&["claims", "--status", "disputed", "--format", "csv"])),
        vec![4]
    );
    assert!(
        claim_ids(&desk.ok(&["claims", "--status", "in-review", "--format", "csv"])).is_empty()
    );
    assert_eq!(
        claim_ids(&desk.ok(&["claims", "--status", "unreviewed", "--format", "csv"])).len(),
        17
    );
    assert_eq!(
        claim_ids(&desk.ok(&["claims", "--reviewer", "bob", "--format", "csv"])),
        vec![4]
    );

    // Every review is kept, with who did it.
    let history = desk.ok(&["history", "3", "--format", "csv"]);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(history.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][2], "tester");
    assert_eq!(&rows[0][3], "in-review");
    assert_eq!(&rows[1][3], "verified: matches the Pentagon statement");
    assert_eq!(
        desk.count("SELECT count(*) FROM reviews WHERE claim_id = 4 AND reviewer = 'bob'"),
        1
    );

    // The database itself refuses to rewrite history.
    let conn = desk.conn();
    assert!(
        conn.execute("UPDATE reviews SET status = 'false'", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM reviews", []).is_err());
    assert_eq!(desk.count("SELECT count(*) FROM reviews"), 4);
}

#[test]
fn an_unknown_id_changes_nothing() {
    let desk = seeded();
    let err = desk.fails(&["review", "2", "999", "--status", "false"]);
    assert!(err.contains("999"), "{err}");
    assert_eq!(desk.count("SELECT count(*) FROM reviews"), 0);
    assert_eq!(
        desk.count("SELECT count(*) FROM claims WHERE status <> 'unreviewed'"),
        0
    );
    desk.fails(&["note", "999", "hello"]);
    assert_eq!(desk.count("SELECT count(*) FROM notes"), 0);
}

#[test]
fn bad_status_is_a_usage_error() {
    let desk = seeded();
    let out = desk.run(&["review", "2", "--status", "maybe"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(desk.count("SELECT count(*) FROM reviews"), 0);
}

#[test]
fn notes_sources_and_show() {
    let desk = seeded();
    desk.ok(&["note", "14", "Pentagon tally says 151"]);
    desk.ok(&[
        "source",
        "add",
        "14",
        "https://example.org/tally",
        "--title",
        "Pentagon tally",
        "--stance",
        "supports",
    ]);
    let out = desk.run(&["source", "add", "14", "ftp://example.org/x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not an http(s) URL"));
    assert_eq!(desk.count("SELECT count(*) FROM sources"), 1);

    let list = desk.ok(&["source", "list", "14", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(json[0]["url"], "https://example.org/tally");
    assert_eq!(json[0]["stance"], "supports");
    assert_eq!(json[0]["added_by"], "tester");

    desk.ok(&["verify", "14"]);
    let shown = desk.ok(&["show", "14"]);
    assert!(shown.contains("ICARO Media Group"));
    assert!(shown.contains("Status:  verified"));
    assert!(
        shown.contains(">>> Militia attacks on US military positions"),
        "{shown}"
    );
    assert!(
        shown.contains("These attacks have resulted"),
        "the paragraph is shown around the claim"
    );
    assert!(shown.contains("tester: Pentagon tally says 151"));
    assert!(shown.contains("[supports] Pentagon tally https://example.org/tally"));

    let history = desk.ok(&["history", "14", "--format", "json"]);
    let kinds: Vec<String> = serde_json::from_str::<Vec<serde_json::Value>>(&history)
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, vec!["note", "source", "review"]);
}

#[test]
fn listings_articles_and_stats() {
    let desk = seeded();
    desk.ok(&["verify", "1", "2"]);
    let articles = desk.ok(&["articles", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&articles).unwrap();
    assert_eq!(json[0]["claims"], 19);
    assert_eq!(json[0]["verified"], 2);
    assert_eq!(json[0]["unreviewed"], 17);
    assert_eq!(json[0]["outlet"], "ICARO Media Group");

    let stats = desk.ok(&["stats", "--format", "csv"]);
    assert!(stats.contains("status,all,verified,2"), "{stats}");
    assert!(stats.contains("reviewer,tester,verified,2"), "{stats}");
    assert!(stats.contains("article,1: US Defense Secretary"), "{stats}");
    assert!(stats.contains(",unreviewed,17\n"), "{stats}");
    let no_articles = desk.ok(&["stats", "--articles", "0", "--format", "csv"]);
    assert!(!no_articles.contains("\narticle,"), "{no_articles}");
    assert!(
        no_articles.contains("status,all,unreviewed,17"),
        "{no_articles}"
    );

    let table = desk.ok(&["claims", "--contains", "151 TIMES"]);
    assert!(table.contains("at least 151 times"));
    assert_eq!(table.matches("unreviewed").count(), 1);
    assert_eq!(
        claim_ids(&desk.ok(&["claims", "--limit", "5", "--format", "csv"])),
        vec![1, 2, 3, 4, 5]
    );
}

#[test]
fn reviewer_falls_back_to_the_environment() {
    let desk = seeded();
    desk.cmd()
        .env("CLAIMDESK_REVIEWER", "carol")
        .args(["verify", "5"])
        .assert()
        .success();
    desk.cmd()
        .args(["verify", "6", "--reviewer", "dave"])
        .assert()
        .success();
    assert_eq!(
        desk.count("SELECT count(*) FROM reviews WHERE claim_id = 5 AND reviewer = 'carol'"),
        1
    );
    assert_eq!(
        desk.count("SELECT count(*) FROM reviews WHERE claim_id = 6 AND reviewer = 'dave'"),
        1
    );
}

#[test]
fn database_comes_from_the_environment() {
    let desk = Desk::new();
    let mut cmd = assert_cmd::Command::cargo_bin("claimdesk").unwrap();
    cmd.env("CLAIMDESK_DB", &desk.db)
        .args(["import", s(&seed())])
        .assert()
        .success();
    assert_eq!(desk.count("SELECT count(*) FROM claims"), 19);
    assert_eq!(
        desk.conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0))
            .unwrap(),
        "wal"
    );
}
