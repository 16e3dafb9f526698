//! `claimdesk conflicts`: figures that disagree between claims saying the same thing.

use clap::Args;

use crate::cli::Ctx;

const EXAMPLES: &str = "\
Examples:
  claimdesk conflicts
  claimdesk conflicts --claim 14
  claimdesk conflicts --format csv > conflicts.csv

A conflict is stored at import when a new claim says the same thing as a
claim of another article but a figure of the same kind and unit differs
(\"at least 151 times since October\" against \"160 times since October\").
Figures are compared by meaning: 76% equals 76 per cent, $1.13bn equals 1.13
billion dollars, two decades equals 20 years. The largest relative
difference, |a - b| / max(|a|, |b|), comes first.";

/// List numeric conflicts between claims.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// Only conflicts involving this claim.
    #[arg(long, value_name = "ID")]
    claim: Option<i64>,
    /// At most this many conflicts.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

impl Cmd {
    /// Print the conflicts.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        ctx.print(&ctx.store()?.conflicts(self.claim, self.limit)?)
    }
}
