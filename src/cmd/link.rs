//! `claimdesk link` and `unlink`: confirm or reject the link between two claims.

use clap::Args;

use super::ReviewerArg;
use crate::cli::{Ctx, UsageError};
use crate::model::{LinkRelation, LinkState};

const EXAMPLES: &str = "\
Relations:
  same         both make the same claim (`review --propagate` copies verdicts along it)
  supports     one backs the other up
  contradicts  they cannot both be true
  related      about the same thing, different claims

Examples:
  claimdesk link 14 24 --relation same --note \"same Pentagon tally\"
  claimdesk unlink 8 27
Each change is kept, with reviewer and time, in both claims' history.";

/// Confirm or create a link between two claims.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// One claim id.
    a: i64,
    /// The other claim id.
    b: i64,
    /// How they relate.
    #[arg(long, value_enum)]
    relation: LinkRelation,
    /// Why.
    #[arg(long)]
    note: Option<String>,
    #[command(flatten)]
    reviewer: ReviewerArg,
}

/// Reject the link between two claims.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Unlink {
    /// One claim id.
    a: i64,
    /// The other claim id.
    b: i64,
    /// Why.
    #[arg(long)]
    note: Option<String>,
    #[command(flatten)]
    reviewer: ReviewerArg,
}

impl Cmd {
    /// Record the link.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        set(
            ctx,
            self.a,
            self.b,
            Some(self.relation),
            LinkState::Confirmed,
            self.note,
            &self.reviewer,
        )
    }
}

impl Unlink {
    /// Record the rejection.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        set(
            ctx,
            self.a,
            self.b,
            None,
            LinkState::Rejected,
            self.note,
            &self.reviewer,
        )
    }
}

fn set(
    ctx: &Ctx,
    a: i64,
    b: i64,
    relation: Option<LinkRelation>,
    state: LinkState,
    note: Option<String>,
    reviewer: &ReviewerArg,
) -> anyhow::Result<()> {
    if a == b {
        return Err(UsageError(format!(
            "cannot link claim {a} to itself; give two different ids"
        ))
        .into());
    }
    let reviewer = reviewer.name()?;
    let relation = ctx
        .store()?
        .set_link(a, b, relation, state, &reviewer, note.as_deref())?;
    eprintln!(
        "claims {a} and {b}: {} {} (by {reviewer})",
        state.as_str(),
        relation.as_str()
    );
    Ok(())
}
