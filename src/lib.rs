//! claimdesk: a fact-claim checking workbench.
//!
//! Data flows one way: `ingest` reads files into articles, `split` cuts their
//! paragraphs into claims, `analyze` describes each claim, `store` keeps
//! everything in SQLite, `cmd` holds one module per subcommand and `output`
//! renders every listing as a table, CSV or JSON.
//!
//! The pure core (`split`, `analyze`, `xref`) knows nothing of SQLite or the CLI.

pub mod analyze;
pub mod split;
pub mod xref;
