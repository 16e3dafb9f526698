//! `claimdesk articles`: articles with claim counts per status.

use clap::Args;

use crate::cli::Ctx;

const EXAMPLES: &str = "\
Examples:
  claimdesk articles
  claimdesk articles --limit 20 --format csv > articles.csv";

/// List articles with claim counts per status.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// At most this many articles.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

impl Cmd {
    /// Print the listing.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        ctx.print(&ctx.store()?.articles(self.limit)?)
    }
}
