//! `claimdesk xref`: pairs of claims across the database, for review.

use clap::Args;

use crate::cli::Ctx;
use crate::model::{LinkRelation, LinkState};
use crate::store::LinkFilter;

const EXAMPLES: &str = "\
Examples:
  claimdesk xref --state suggested --min-score 0.6
  claimdesk xref --relation contradicts
  claimdesk xref --state confirmed --format csv

Confirm a pair with `claimdesk link A B --relation same`, reject it with
`claimdesk unlink A B` (it will not be suggested again).";

/// List linked and suggested pairs of claims, best score first.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// Only pairs with at least this similarity (0 to 1).
    #[arg(long, value_name = "S")]
    min_score: Option<f64>,
    /// Only this relation.
    #[arg(long, value_enum)]
    relation: Option<LinkRelation>,
    /// Only pairs in this state.
    #[arg(long, value_enum)]
    state: Option<LinkState>,
    /// At most this many pairs.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

impl Cmd {
    /// Print the pairs.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        let filter = LinkFilter {
            min_score: self.min_score,
            relation: self.relation,
            state: self.state,
            limit: self.limit,
        };
        ctx.print(&ctx.store()?.links(&filter)?)
    }
}
