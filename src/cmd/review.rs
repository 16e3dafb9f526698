//! `claimdesk review`, `verify` and `dispute`: record a status on claims.

use clap::Args;

use super::ReviewerArg;
use crate::cli::Ctx;
use crate::model::Status;

const EXAMPLES: &str = "\
Statuses:
  unreviewed    no review yet (every claim starts here)
  in-review     someone is checking it now
  verified      checked and accurate
  disputed      checked; credible sources disagree with it
  false         checked and wrong
  misleading    accurate in parts but gives a wrong impression
  unverifiable  cannot be checked with the evidence available
  not-a-claim   opinion, question, prediction or boilerplate

A claim's status is its latest review; every review is kept in its history.
All ids or none: if one id is unknown, nothing is written.

Examples:
  claimdesk review 3 4 --status in-review
  claimdesk review 12 --status misleading --note \"omits that the figure is annual\"
  claimdesk verify 3 --note \"matches the Pentagon statement\"
  claimdesk dispute 17
  claimdesk review 14 --status false --propagate   also every claim linked as `same`";

/// Record a review status on one or more claims.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// The new status.
    #[arg(long, value_enum)]
    status: Status,
    #[command(flatten)]
    review: Shortcut,
}

/// What every review takes; alone, the arguments of `verify` and `dispute`.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Shortcut {
    /// Claim ids.
    #[arg(required = true, value_name = "ID")]
    ids: Vec<i64>,
    /// Why: kept with the review.
    #[arg(long)]
    note: Option<String>,
    /// Record the same status on every claim confirmed as `same` (see `link`).
    #[arg(long)]
    propagate: bool,
    #[command(flatten)]
    reviewer: ReviewerArg,
}

impl Cmd {
    /// Run the review.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        self.review.run(ctx, self.status)
    }
}

impl Shortcut {
    /// Record `status` on the claims.
    pub fn run(self, ctx: &Ctx, status: Status) -> anyhow::Result<()> {
        let reviewer = self.reviewer.name()?;
        let mut store = ctx.store()?;
        let propagated = store.add_reviews(
            &self.ids,
            status,
            &reviewer,
            self.note.as_deref(),
            self.propagate,
        )?;
        for id in &self.ids {
            eprintln!("claim {id}: {status} (by {reviewer})");
        }
        for (origin, target) in propagated {
            eprintln!("claim {target}: {status} (propagated from claim {origin})");
        }
        Ok(())
    }
}
