//! `claimdesk related`: what a claim is linked to elsewhere.

use clap::Args;

use crate::cli::Ctx;

const EXAMPLES: &str = "\
Examples:
  claimdesk related 14
  claimdesk related 14 --format json

Lists the claims of other articles linked to this one (suggested at import,
or confirmed or rejected with `link` / `unlink`) and the known fact-checks it
matches, with their verdicts.";

/// List a claim's links, suggestions and matching fact-checks.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// Claim id.
    id: i64,
}

impl Cmd {
    /// Print the list.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        ctx.print(&ctx.store()?.related(self.id)?)
    }
}
