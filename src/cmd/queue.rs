//! `claimdesk queue` and `next`: unreviewed claims, most check-worthy first.

use clap::Args;

use super::FilterArgs;
use super::show::claim_view;
use crate::cli::Ctx;
use crate::model::Status;
use crate::output::{Format, print_claim_view};
use crate::store::Sort;

const EXAMPLES: &str = "\
Examples:
  claimdesk queue --limit 20
  claimdesk queue --article 1 --type quantity
  claimdesk next
  claimdesk next --speaker \"Lloyd Austin\"

The queue holds unreviewed claims ordered by check-worthiness (0 to 1: how
likely a fact-checker would want to check it). `next` shows the top one with
its paragraph, ready for `claimdesk review ID --status ...`.";

/// List unreviewed claims by priority.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    #[command(flatten)]
    filter: FilterArgs,
}

/// Show the single most check-worthy unreviewed claim.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Next {
    #[command(flatten)]
    filter: FilterArgs,
}

impl Cmd {
    /// Print the queue.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        let mut filter = self.filter.filter();
        filter.status = Some(Status::Unreviewed);
        filter.sort = Sort::Priority;
        ctx.print(&ctx.store()?.queue(&filter)?)
    }
}

impl Next {
    /// Print the top claim.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        let mut filter = self.filter.filter();
        filter.status = Some(Status::Unreviewed);
        filter.sort = Sort::Priority;
        filter.limit = Some(1);
        let store = ctx.store()?;
        let Some(top) = store.queue(&filter)?.into_iter().next() else {
            eprintln!("nothing left to review: every matching claim has a status");
            return Ok(());
        };
        let view = claim_view(&store, top.id)?;
        let mut out = std::io::stdout().lock();
        print_claim_view(&view, ctx.format_or(Format::Table), &mut out)
    }
}
