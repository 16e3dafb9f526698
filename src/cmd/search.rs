//! `claimdesk search`: full-text search over claims, ranked by BM25.

use clap::Args;

use super::FilterArgs;
use crate::cli::Ctx;

const EXAMPLES: &str = "\
Examples:
  claimdesk search militia attacks
  claimdesk search troops withdrawal --any --limit 20
  claimdesk search Iraq --status unreviewed --format csv

All words must match (stemmed: \"attack\" finds \"attacks\"); --any finds
claims with any of them. Matching words are shown between ** and **. Takes
the same filters as `claims`.

Without filters, a search matching more than 500 claims ranks the 500
newest matches (and says so on stderr): ranking every claim that holds a
common word takes a hundred times longer. --all ranks every match.";

/// Unfiltered searches rank at most this many of the newest matches.
const RANK_WINDOW: usize = 500;

/// Search claims by words, most relevant first.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// Words to look for.
    #[arg(required = true, value_name = "WORD")]
    query: Vec<String>,
    /// Match claims with any of the words instead of all of them.
    #[arg(long)]
    any: bool,
    /// Rank every match, not only the newest 500 (slower for common words).
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    filter: FilterArgs,
}

impl Cmd {
    /// Print the hits.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        let mut filter = self.filter.filter();
        filter.limit = filter.limit.or(Some(50));
        let window = (!self.all).then_some(RANK_WINDOW);
        let hits = ctx
            .store()?
            .search(&self.query.join(" "), self.any, &filter, window)?;
        if let Some(n) = hits.ranked_newest {
            eprintln!(
                "note: more than {n} claims match; ranked the {n} newest (--all ranks every match)"
            );
        }
        ctx.print(&hits.rows)
    }
}
