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
    /// Claim ids.
    #[arg(required = true, value_name = "ID")]
    ids: Vec<i64>,
    /// The new status.
    #[arg(long, value_enum)]
    status: Status,
    /// Why: kept with the review.
    #[arg(long)]
    note: Option<String>,
    /// Record the same status on every claim confirmed as `same` (see `link`).
    #[arg(long)]
    propagate: bool,
    #[command(flatten)]
    reviewer: ReviewerArg,
}

/// `verify` and `dispute`: a review with a fixed status.
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
        record(
            ctx,
            &self.ids,
            self.status,
            self.note.as_deref(),
            self.propagate,
            &self.reviewer,
        )
    }
}

impl Shortcut {
    /// Run the review with `status`.
    pub fn run(self, ctx: &Ctx, status: Status) -> anyhow::Result<()> {
        record(
            ctx,
            &self.ids,
            status,
            self.note.as_deref(),
            self.propagate,
            &self.reviewer,
        )
    }
}

fn record(
    ctx: &Ctx,
    ids: &[i64],
    status: Status,
    note: Option<&str>,
    propagate: bool,
    reviewer: &ReviewerArg,
) -> anyhow::Result<()> {
    let reviewer = reviewer.name()?;
    let mut store = ctx.store()?;
    let propagated = if propagate {
        store.add_reviews_propagated(ids, status, &reviewer, note)?
    } else {
        store.add_reviews(ids, status, &reviewer, note)?;
        Vec::new()
    };
    for id in ids {
        eprintln!("claim {id}: {status} (by {reviewer})");
    }
    for (origin, target) in propagated {
        eprintln!("claim {target}: {status} (propagated from claim {origin})");
    }
    Ok(())
}
