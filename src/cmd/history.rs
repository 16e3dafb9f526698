//! `claimdesk history`: every review, note and source of a claim in time order.

use clap::Args;

use crate::cli::Ctx;

const EXAMPLES: &str = "\
Examples:
  claimdesk history 3
  claimdesk history 3 --format json";

/// Show a claim's history.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// Claim id.
    id: i64,
}

impl Cmd {
    /// Print the history.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        ctx.print(&ctx.store()?.history(self.id)?)
    }
}
