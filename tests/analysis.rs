//! Claim analysis through the binary: stored at import, filters, queue, analyze, reanalyze.

mod common;

use common::{Desk, s, seed, stderr};

fn seeded() -> Desk {
    let desk = Desk::new();
    desk.ok(&["import", s(&seed())]);
    desk
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn every_claim_is_analyzed_at_import() {
    let desk = seeded();
    assert_eq!(
        desk.count(
            "SELECT count(*) FROM claims WHERE checkworthiness BETWEEN 0 AND 1 AND claim_type IS NOT NULL
             AND json_valid(quantities) AND analysis_version IS NOT NULL"
        ),
        19
    );
    // The seed's attributed sentences keep their speakers and cues.
    let speaker = |id: i64| -> (Option<String>, Option<String>, Option<String>) {
        desk.conn()
            .query_row(
                "SELECT speaker, speaker_full, cue FROM claims WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap()
    };
    assert_eq!(speaker(3).0.as_deref(), Some("Secretary Austin"));
    assert_eq!(speaker(3).1.as_deref(), Some("Lloyd Austin"));
    assert_eq!(speaker(3).2.as_deref(), Some("highlighted"));
    assert_eq!(speaker(11).0.as_deref(), Some("Sabrina Singh"));
    assert_eq!(speaker(11).2.as_deref(), Some("emphasized"));
    let figures: String = desk
        .conn()
        .query_row("SELECT quantities FROM claims WHERE id = 14", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(
        figures.contains("\"151 times\"") && figures.contains("at least"),
        "{figures}"
    );
}

#[test]
fn claims_filters_by_type_score_and_speaker_and_sorts_by_priority() {
    let desk = seeded();
    let quantity = csv_rows(&desk.ok(&["claims", "--type", "quantity", "--format", "csv"]));
    let expected = desk.count("SELECT count(*) FROM claims WHERE claim_type = 'quantity'");
    assert!(expected > 0);
    assert_eq!(quantity.len() as i64, expected);
    assert!(quantity.iter().any(|r| r[4].contains("151 times")));

    let strong = csv_rows(&desk.ok(&["claims", "--min-score", "0.5", "--format", "csv"]));
    assert_eq!(
        strong.len() as i64,
        desk.count("SELECT count(*) FROM claims WHERE checkworthiness >= 0.5")
    );

    let austin = csv_rows(&desk.ok(&["claims", "--speaker", "lloyd austin", "--format", "csv"]));
    assert!(austin.iter().any(|r| &r[0] == "3"), "{austin:?}");

    let by_priority = csv_rows(&desk.ok(&["claims", "--sort", "priority", "--format", "csv"]));
    let ids: Vec<i64> = by_priority.iter().map(|r| r[0].parse().unwrap()).collect();
    let scores: Vec<f64> = ids
        .iter()
        .map(|id| {
            desk.conn()
                .query_row(
                    "SELECT checkworthiness FROM claims WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .unwrap()
        })
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert_eq!(
        desk.run(&["claims", "--type", "opinion"]).status.code(),
        Some(2)
    );
}

#[test]
fn queue_and_next_follow_priority_and_skip_reviewed_claims() {
    let desk = seeded();
    let queue = csv_rows(&desk.ok(&["queue", "--format", "csv"]));
    assert_eq!(queue.len(), 19);
    let top: i64 = queue[0][0].parse().unwrap();
    let best = desk.count("SELECT id FROM claims ORDER BY checkworthiness DESC, id LIMIT 1");
    assert_eq!(top, best);

    let next = desk.ok(&["next"]);
    assert!(next.contains(&format!("Claim {top} ")), "{next}");
    assert!(next.contains(">>> "));

    desk.ok(&["verify", &top.to_string()]);
    let queue = csv_rows(&desk.ok(&["queue", "--limit", "3", "--format", "csv"]));
    assert_eq!(queue.len(), 3);
    assert!(queue.iter().all(|r| r[0] != top.to_string()));
}

#[test]
fn analyze_prints_json_without_storing() {
    let desk = Desk::new();
    let out = desk.ok(&[
        "analyze",
        "Sabrina Singh, a spokesperson for the Pentagon, emphasized that the talks were not about withdrawal. Attacks have occurred at least 151 times since October. Is this right?",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 3);
    for key in [
        "text",
        "checkworthiness",
        "claim_type",
        "speaker",
        "cue",
        "quantities",
        "entities",
    ] {
        assert!(items[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(items[0]["speaker"], "Sabrina Singh");
    assert_eq!(items[0]["cue"], "emphasized");
    assert_eq!(items[1]["claim_type"], "quantity");
    assert_eq!(items[1]["quantities"][0]["value"], 151.0);
    assert_eq!(items[2]["claim_type"], "not-a-claim");
    assert!(!desk.db.exists(), "analyze stores nothing");

    let lines = desk
        .cmd()
        .args(["analyze", "--lines", "--format", "json"])
        .write_stdin("(APPLAUSE)\nUnemployment fell to 3.9% in March.\n")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&lines.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["claim_type"], "not-a-claim");
}

#[test]
fn reanalyze_restores_analysis_and_keeps_reviews() {
    let desk = seeded();
    desk.ok(&["verify", "14", "--note", "tally checked"]);
    let analysis = |desk: &Desk| -> Vec<String> {
        desk.conn()
            .prepare(
                "SELECT json_array(checkworthiness, claim_type, speaker, speaker_full, cue,
                                   direct_quote, quantities, entities, analysis_version)
                 FROM claims ORDER BY id",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let before = analysis(&desk);
    desk.conn()
        .execute(
            "UPDATE claims SET checkworthiness = NULL, claim_type = NULL, speaker = NULL,
                    speaker_full = NULL, cue = NULL, direct_quote = NULL, quantities = NULL,
                    entities = NULL, analysis_version = NULL
             WHERE article_id = 1",
            [],
        )
        .unwrap();
    let out = desk.run(&["reanalyze"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("reanalyzed 19 claims"),
        "{}",
        stderr(&out)
    );
    // Every analysis column comes back as import wrote it.
    assert_eq!(analysis(&desk), before);
    assert_eq!(desk.count("SELECT count(*) FROM reviews"), 1);
    assert_eq!(
        desk.count("SELECT count(*) FROM claims WHERE status = 'verified'"),
        1
    );
    // Nothing is stale now; --all redoes everything.
    assert!(stderr(&desk.run(&["reanalyze"])).contains("reanalyzed 0 claims"));
    assert!(stderr(&desk.run(&["reanalyze", "--all"])).contains("reanalyzed 19 claims"));
}

#[test]
fn show_and_export_carry_the_analysis() {
    let desk = seeded();
    let shown = desk.ok(&["show", "3"]);
    assert!(shown.contains("Check-worthiness:"), "{shown}");
    assert!(
        shown.contains("Speaker: Lloyd Austin (cue: highlighted)"),
        "{shown}"
    );
    let shown = desk.ok(&["show", "14"]);
    assert!(shown.contains("Figures: "), "{shown}");
    assert!(shown.contains("151 times (count, at least)"), "{shown}");

    let export = desk.ok(&["export"]);
    let mut reader = csv::Reader::from_reader(export.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row14 = rows.iter().find(|r| &r[0] == "14").unwrap();
    assert!(row14[col("quantities")].contains("151 times"));
    assert_eq!(&row14[col("claim_type")], "quantity");
    let score: f64 = row14[col("checkworthiness")].parse().unwrap();
    assert!((0.0..=1.0).contains(&score));
    assert_eq!(&rows[2][col("speaker")], "Lloyd Austin");
}
