//! `claimdesk reanalyze`: recompute the stored analysis of claims.

use clap::Args;
use indicatif::ProgressBar;

use crate::analyze::analyze_article;
use crate::cli::Ctx;

const EXAMPLES: &str = "\
Examples:
  claimdesk reanalyze            claims whose analysis is older than this claimdesk's
  claimdesk reanalyze --all      every claim

Only the analysis (check-worthiness, type, speaker, figures, names) changes;
reviews, notes, sources and links are not touched.";

/// Recompute the analysis of stored claims.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// Every claim, not only those analyzed by an older version.
    #[arg(long)]
    all: bool,
}

impl Cmd {
    /// Re-analyze.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        let mut store = ctx.store()?;
        let bar = super::progress_bar(ProgressBar::new_spinner, "{spinner} {pos} claims {per_sec}");
        let done = store.reanalyze(!self.all, &|texts| analyze_article(texts), &mut |n| {
            bar.set_position(n)
        })?;
        bar.finish_and_clear();
        eprintln!("reanalyzed {done} claims");
        Ok(())
    }
}
