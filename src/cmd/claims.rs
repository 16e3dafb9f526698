//! `claimdesk claims`: list claims with filters.

use clap::Args;

use super::FilterArgs;
use crate::cli::Ctx;

const EXAMPLES: &str = "\
Examples:
  claimdesk claims --article 1
  claimdesk claims --status unreviewed --limit 20
  claimdesk claims --status verified --reviewer alice --format csv
  claimdesk claims --contains \"151 times\"";

/// List claims: id, article, position, status, text.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    #[command(flatten)]
    filter: FilterArgs,
}

impl Cmd {
    /// Print the listing.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        let store = ctx.store()?;
        let filter = self.filter.filter();
        ctx.print_each(|each| store.for_each_claim(&filter, each))
    }
}
