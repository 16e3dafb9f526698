//! The CSV review report through the binary.

mod common;

use common::{Desk, s, seed, stderr};

#[test]
fn exported_csv_matches_the_database() {
    let desk = Desk::new();
    desk.ok(&["import", s(&seed())]);
    desk.ok(&["verify", "3", "--note", "confirmed"]);
    desk.ok(&["note", "3", "first note"]);
    desk.ok(&["note", "3", "second, with comma"]);
    desk.ok(&[
        "source",
        "add",
        "3",
        "https://example.org/a",
        "--stance",
        "supports",
        "--title",
        "A",
    ]);
    desk.ok(&["source", "add", "3", "https://example.org/b"]);
    let report = desk.dir.path().join("report.csv");
    let out = desk.run(&["export", "-o", s(&report)]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("exported 19 claims"));

    let mut reader = csv::Reader::from_path(&report).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        "claim_id,article_id,article_title,outlet,url,published,paragraph,position,claim,status,reviewer,reviewed_at,review_note,notes,sources,checkworthiness,claim_type,speaker,quantities"
            .split(',')
            .collect::<Vec<_>>()
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 19);

    let conn = desk.conn();
    let mut stmt = conn
        .prepare("SELECT c.id, c.article_id, a.title, a.outlet, c.paragraph, c.position, c.text, c.status FROM claims c JOIN articles a ON a.id = c.article_id ORDER BY c.id")
        .unwrap();
    let db_rows: Vec<Vec<String>> = stmt
        .query_map([], |r| {
            Ok(vec![
                r.get::<_, i64>(0)?.to_string(),
                r.get::<_, i64>(1)?.to_string(),
                r.get(2)?,
                r.get(3)?,
                r.get::<_, i64>(4)?.to_string(),
                r.get::<_, i64>(5)?.to_string(),
                r.get(6)?,
                r.get(7)?,
            ])
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (row, db) in rows.iter().zip(&db_rows) {
        let csv_cells = [
            &row[0], &row[1], &row[2], &row[3], &row[6], &row[7], &row[8], &row[9],
        ];
        assert_eq!(
            csv_cells.to_vec(),
            db.iter().map(String::as_str).collect::<Vec<_>>()
        );
    }
    let third = &rows[2];
    assert_eq!(&third[10], "tester");
    assert!(
        third[11].ends_with('Z'),
        "reviewed_at is UTC RFC 3339: {}",
        &third[11]
    );
    assert_eq!(&third[12], "confirmed");
    assert_eq!(
        &third[13],
        "tester: first note | tester: second, with comma"
    );
    assert_eq!(
        &third[14],
        "[supports] A https://example.org/a | [context] https://example.org/b"
    );
    assert_eq!(&rows[0][9], "unreviewed");
    assert_eq!(&rows[0][10], "");
}

#[test]
fn formula_cells_are_neutralized_unless_raw() {
    let desk = Desk::new();
    let article = desk.write("f.txt", "=HYPERLINK(\"http://evil.test\") headline\n\n=1+2 is a formula.\n\n-3 degrees was the low.\n\n@home is fine.\n");
    desk.ok(&["import", s(&article)]);
    let safe = desk.ok(&["export"]);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(safe.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(&rows[0][2], "'=HYPERLINK(\"http://evil.test\") headline");
    assert_eq!(&rows[0][8], "'=1+2 is a formula.");
    assert_eq!(&rows[1][8], "'-3 degrees was the low.");
    assert_eq!(&rows[2][8], "'@home is fine.");

    let raw = desk.ok(&["export", "--raw"]);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(raw.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(&rows[0][8], "=1+2 is a formula.");
}

#[test]
fn export_filters_and_empty_report_keeps_its_header() {
    let desk = Desk::new();
    desk.ok(&["import", s(&seed())]);
    desk.ok(&["dispute", "5", "6"]);
    let disputed = desk.ok(&["export", "--status", "disputed"]);
    assert_eq!(disputed.lines().count(), 3);
    let none = desk.ok(&["export", "--status", "false"]);
    assert!(none.starts_with("claim_id,article_id,"));
    assert_eq!(none.lines().count(), 1);
    let json = desk.ok(&["export", "--format", "json", "--limit", "2"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["claim_id"], 1);
}
