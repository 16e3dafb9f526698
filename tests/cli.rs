//! The command line itself: help text, exit codes, pipes.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::{Desk, s, seed};

const SUBCOMMANDS: &[&[&str]] = &[
    &["import"],
    &["articles"],
    &["claims"],
    &["show"],
    &["review"],
    &["verify"],
    &["dispute"],
    &["note"],
    &["source", "add"],
    &["source", "list"],
    &["history"],
    &["stats"],
    &["export"],
    &["queue"],
    &["next"],
    &["analyze"],
    &["reanalyze"],
    &["search"],
    &["related"],
    &["xref"],
    &["link"],
    &["unlink"],
    &["conflicts"],
    &["factchecks", "import"],
    &["factchecks", "list"],
    &["match"],
    &["compare"],
];

#[test]
fn every_subcommand_has_help_with_examples() {
    let desk = Desk::new();
    for sub in SUBCOMMANDS {
        let mut args = sub.to_vec();
        args.push("--help");
        let help = desk.ok(&args);
        assert!(
            help.contains("Examples:"),
            "{sub:?} --help has no examples:\n{help}"
        );
        assert!(
            help.contains("claimdesk"),
            "{sub:?} --help names no command"
        );
    }
    let review = desk.ok(&["review", "--help"]);
    for status in [
        "in-review",
        "verified",
        "disputed",
        "false",
        "misleading",
        "unverifiable",
        "not-a-claim",
    ] {
        assert!(
            review.contains(status),
            "review --help does not explain {status}"
        );
    }
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let desk = Desk::new();
    assert_eq!(desk.run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        desk.run(&["claims", "--status", "nope"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_closed_pipe_exits_quietly() {
    let desk = Desk::new();
    let big = desk.write(
        "big.txt",
        format!("Big\n\n{}", "The index rose 5% on Monday. ".repeat(3_000)),
    );
    desk.ok(&["import", "--no-xref", s(&big)]);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("claimdesk"))
        .args(["--db", s(&desk.db), "export"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.unwrap().read_to_string(&mut err).unwrap();
    assert!(status.success(), "exit {status:?}: {err}");
    assert!(!err.contains("error"), "{err}");
}

#[test]
fn seed_imports_with_no_setup_but_a_database_path() {
    let desk = Desk::new();
    desk.ok(&["import", s(&seed())]);
    let claims = desk.ok(&["claims", "--format", "csv"]);
    assert_eq!(claims.lines().count(), 20);
}
