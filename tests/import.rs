//! Import through the binary: the seed article, re-imports, formats, bad inputs.

mod common;

use common::{Desk, s, seed, stderr};

#[test]
fn seed_gives_19_claims_whose_offsets_slice_the_body() {
    let desk = Desk::new();
    let out = desk.run(&["import", s(&seed())]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("imported 1 article (19 claims)"),
        "{}",
        stderr(&out)
    );

    let conn = desk.conn();
    let (title, outlet, body): (String, String, String) = conn
        .query_row("SELECT title, outlet, body FROM articles", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert!(title.starts_with("US Defense Secretary Considers"));
    assert_eq!(outlet, "ICARO Media Group");
    assert!(
        !body.contains("ICARO"),
        "the outlet line is metadata, not body"
    );

    let mut stmt = conn
        .prepare("SELECT start_offset, end_offset, text, paragraph FROM claims ORDER BY position")
        .unwrap();
    let claims: Vec<(usize, usize, String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(claims.len(), 19);
    let chars: Vec<char> = body.chars().collect();
    for (start, end, text, _) in &claims {
        let slice: String = chars[*start..*end].iter().collect();
        assert_eq!(&slice, text);
    }
    // SQLite's own substr agrees (1-based, character offsets).
    assert_eq!(desk.count("SELECT count(*) FROM claims c JOIN articles a ON a.id = c.article_id WHERE substr(a.body, c.start_offset + 1, c.end_offset - c.start_offset) = c.text"), 19);
    let bush = claims
        .iter()
        .find(|c| c.2.starts_with("The initial invasion"))
        .unwrap();
    assert!(
        bush.2.contains("George W. Bush in 2003")
            && bush.2.ends_with("hundreds of thousands of Iraqis.")
    );
    assert_eq!(claims[0].3, 1);
    assert_eq!(claims[18].3, 8, "the seed has 8 paragraphs");
}

#[test]
fn reimport_is_a_noop() {
    let desk = Desk::new();
    desk.ok(&["import", s(&seed())]);
    let out = desk.run(&["import", s(&seed())]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("already imported as article 1"),
        "{}",
        stderr(&out)
    );
    assert_eq!(desk.count("SELECT count(*) FROM articles"), 1);
    assert_eq!(desk.count("SELECT count(*) FROM claims"), 19);
}

#[test]
fn directory_with_bad_files_imports_the_good_ones_and_names_the_bad() {
    let desk = Desk::new();
    desk.write(
        "in/a-good.txt",
        "Good headline\n\nThe rate rose 5% in May. Officials said so.\n",
    );
    desk.write("in/b-binary.txt", b"\x00\x01\x02binary\x00");
    desk.write("in/c-empty.txt", "   \n\n");
    desk.write(
        "in/d-bad.json",
        "{\n  \"title\": \"x\",\n  \"body\": oops\n}\n",
    );
    desk.write(
        "in/e-good.md",
        "# Markdown headline\n\nPrices fell 2% in June.\n",
    );
    desk.write("in/f-nobody.json", "{\"title\": \"only a title\"}");
    desk.write("in/notes.bin", "ignored: unknown extension");
    let dir = desk.dir.path().join("in");
    let missing = desk.dir.path().join("nope.txt");
    let err = desk.fails(&["import", s(&dir), s(&missing)]);
    for name in [
        "b-binary.txt",
        "c-empty.txt",
        "d-bad.json",
        "f-nobody.json",
        "nope.txt",
    ] {
        assert!(err.contains(name), "{name} not named in: {err}");
    }
    assert!(
        err.contains("line 3"),
        "the JSON error gives its line: {err}"
    );
    assert!(!err.contains("notes.bin"));
    assert!(err.contains("imported 2 articles"), "{err}");
    assert!(err.contains("5 failed"), "{err}");
    let titles: Vec<String> = desk
        .conn()
        .prepare("SELECT title FROM articles ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(titles, vec!["Good headline", "Markdown headline"]);
}

#[test]
fn empty_directory_is_an_error() {
    let desk = Desk::new();
    std::fs::create_dir(desk.dir.path().join("empty")).unwrap();
    let err = desk.fails(&["import", s(&desk.dir.path().join("empty"))]);
    assert!(err.contains("no .txt, .md, .json or .jsonl files"), "{err}");
}

#[test]
fn jsonl_keeps_metadata_and_reports_bad_lines() {
    let desk = Desk::new();
    let path = desk.write(
        "wire.jsonl",
        "{\"title\":\"Cocoa review\",\"body\":\"Showers continued. Arrivals rose 4%.\",\"outlet\":\"Reuters\",\"author\":\"A. Writer\",\"url\":\"https://example.org/c\",\"published\":\"1987-02-26\"}\n{broken\n{\"title\":\"Second\",\"text\":\"Another body here.\",\"source\":\"BBC\"}\n",
    );
    let err = desk.fails(&["import", s(&path)]);
    assert!(
        err.contains("wire.jsonl") && err.contains("line 2"),
        "{err}"
    );
    let row: (String, String, String, String, String, String) = desk
        .conn()
        .query_row(
            "SELECT title, outlet, author, url, published, input_format FROM articles WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .unwrap();
    assert_eq!(
        row,
        (
            "Cocoa review".into(),
            "Reuters".into(),
            "A. Writer".into(),
            "https://example.org/c".into(),
            "1987-02-26".into(),
            "jsonl".into()
        )
    );
    assert_eq!(
        desk.count("SELECT count(*) FROM articles WHERE outlet = 'BBC' AND title = 'Second'"),
        1
    );
    assert_eq!(
        desk.count("SELECT count(*) FROM claims WHERE article_id = 1"),
        2
    );
}

#[test]
fn markdown_keeps_front_matter_and_strips_markup() {
    let desk = Desk::new();
    let path = desk.write(
        "story.md",
        "---\ntitle: Front matter title\noutlet: Daily Example\nauthor: Jo Reporter\nurl: https://example.org/story\npublished: 2024-01-26\n---\n# Heading\n\nThe **budget** grew by *12%* in [2023](https://example.org/y).\n",
    );
    desk.ok(&["import", s(&path)]);
    let row: (String, String, String, String, String) = desk
        .conn()
        .query_row(
            "SELECT title, outlet, author, url, published FROM articles",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        (
            "Front matter title".into(),
            "Daily Example".into(),
            "Jo Reporter".into(),
            "https://example.org/story".into(),
            "2024-01-26".into()
        )
    );
    let text: String = desk
        .conn()
        .query_row("SELECT text FROM claims", [], |r| r.get(0))
        .unwrap();
    assert_eq!(text, "The budget grew by 12% in 2023.");
}

#[test]
fn stdin_import_with_metadata_overrides() {
    let desk = Desk::new();
    desk.cmd()
        .args([
            "import",
            "-",
            "--outlet",
            "Override Outlet",
            "--url",
            "https://example.org/o",
        ])
        .write_stdin("Piped headline\n\nIt rained 3 days. Then it stopped.\n")
        .assert()
        .success();
    let row: (String, String, String) = desk
        .conn()
        .query_row("SELECT title, outlet, source_path FROM articles", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(
        row,
        (
            "Piped headline".into(),
            "Override Outlet".into(),
            "-".into()
        )
    );
}

#[test]
fn overrides_with_several_inputs_are_a_usage_error() {
    let desk = Desk::new();
    let out = desk.run(&["import", s(&seed()), s(&seed()), "--title", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("single input"), "{}", stderr(&out));
    assert!(!desk.db.exists(), "nothing is written on a usage error");
}

#[test]
fn cp1252_text_is_decoded_with_a_warning() {
    let desk = Desk::new();
    let path = desk.write(
        "old.txt",
        b"Caf\xe9 prices\n\nThe caf\xe9 said prices rose 5%. \x93Costs are up,\x94 it said.\n",
    );
    let out = desk.run(&["import", s(&path)]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("old.txt: not valid UTF-8; decoded as Windows-1252"),
        "{}",
        stderr(&out)
    );
    let title: String = desk
        .conn()
        .query_row("SELECT title FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(title, "Caf\u{e9} prices");
}

#[test]
fn bundled_sample_data_imports_cleanly_seed_first() {
    let desk = Desk::new();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let out = desk.run(&["import", s(&data)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first: String = desk
        .conn()
        .query_row("SELECT outlet FROM articles WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(first, "ICARO Media Group");
    assert!(desk.count("SELECT count(*) FROM articles") >= 4);
    assert_eq!(
        desk.count("SELECT count(DISTINCT input_format) FROM articles"),
        4
    );
}

#[test]
fn stray_markup_is_repaired_in_the_stored_body() {
    let desk = Desk::new();
    let path = desk.write(
        "tagged.txt",
        "Tagged headline\n\nThe council <em>approved</em> the budget. It rose `sharply' in May.\n",
    );
    desk.ok(&["import", s(&path)]);
    let body: String = desk
        .conn()
        .query_row("SELECT body FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        body,
        "The council approved the budget. It rose 'sharply' in May."
    );
    assert_eq!(
        desk.count(
            "SELECT count(*) FROM claims c JOIN articles a ON a.id = c.article_id
             WHERE substr(a.body, c.start_offset + 1, c.end_offset - c.start_offset) = c.text"
        ),
        2
    );
}
