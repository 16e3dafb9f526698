//! The test harness: a temporary database and the real binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// A claimdesk workspace in a temporary directory.
pub struct Desk {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Desk {
    /// An empty workspace; the database is created on first use.
    pub fn new() -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("claims.db");
        Desk { dir, db }
    }

    /// `claimdesk --db <tmp>` with a fixed reviewer and no inherited database.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("claimdesk").expect("binary built");
        cmd.arg("--db").arg(&self.db);
        cmd.env("CLAIMDESK_REVIEWER", "tester");
        cmd.env_remove("CLAIMDESK_DB");
        cmd.env_remove("COLUMNS");
        cmd
    }

    /// Run a command that must succeed; return its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Run a command that must fail with exit code 1; return its stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        stderr(&out)
    }

    /// Run a command and return its full output, whatever the exit code.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("runs")
    }

    /// A file in the workspace with `content`.
    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, content).unwrap();
        path
    }

    /// A direct connection to the database, to check what was stored.
    pub fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("db opens")
    }

    /// A single number from SQL.
    pub fn count(&self, sql: &str) -> i64 {
        self.conn().query_row(sql, [], |r| r.get(0)).expect(sql)
    }
}

/// The bundled seed article.
pub fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/iraq-troop-talks.txt")
}

/// The path as a &str for argument lists.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
