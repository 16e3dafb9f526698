//! claimdesk: a fact-claim checking workbench.
//!
//! Data flows one way: `ingest` reads files into documents, `prepare` builds
//! the stored body and splits its paragraphs into claims with `split`,
//! `analyze` describes each claim, `store` keeps everything in SQLite, `cmd`
//! holds one module per subcommand and `output` renders every listing as a
//! table, CSV or JSON.
//!
//! The pure core (`split`, `analyze`, `xref`, `prepare`) knows nothing of
//! SQLite or the CLI.

pub mod analyze;
pub mod cli;
pub mod cmd;
pub mod embed;
pub mod ingest;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod prepare;
pub mod split;
pub mod store;
pub mod xref;
pub mod xref_index;
