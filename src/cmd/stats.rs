//! `claimdesk stats`: claims by status overall and per article; reviews per reviewer.

use clap::Args;

use crate::cli::Ctx;

const EXAMPLES: &str = "\
Examples:
  claimdesk stats
  claimdesk stats --format csv > stats.csv

Rows are (section, subject, status, count): section \"status\" counts all
claims, \"article\" counts the claims of one article (the newest --articles
articles; `claimdesk articles` lists every article with its counts),
\"reviewer\" counts the reviews a reviewer recorded with that status.";

/// Print review statistics.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// How many articles (the newest) get a per-article section.
    #[arg(long, default_value_t = 20, value_name = "N")]
    articles: usize,
}

impl Cmd {
    /// Print the statistics.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        ctx.print(&ctx.store()?.stats(self.articles)?)
    }
}
