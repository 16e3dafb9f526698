//! `claimdesk note`: add a note to a claim.

use clap::Args;

use super::ReviewerArg;
use crate::cli::{Ctx, UsageError};

const EXAMPLES: &str = "\
Examples:
  claimdesk note 3 \"Asked the Pentagon press office for the statement\"
Notes are kept forever and shown by `show` and `history`.";

/// Add a note to a claim.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// Claim id.
    id: i64,
    /// The note.
    text: String,
    #[command(flatten)]
    reviewer: ReviewerArg,
}

impl Cmd {
    /// Add the note.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        let text = self.text.trim();
        if text.is_empty() {
            return Err(
                UsageError("the note is empty; write something after the claim id".into()).into(),
            );
        }
        let author = self.reviewer.name()?;
        let mut store = ctx.store()?;
        let id = store.add_note(self.id, &author, text)?;
        eprintln!("claim {}: note {id} added (by {author})", self.id);
        Ok(())
    }
}
