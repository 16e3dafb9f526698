//! `claimdesk show`: one claim in its paragraph, with its analysis, status,
//! history, notes, sources, links and conflicts.

use anyhow::Context;
use clap::Args;

use crate::cli::Ctx;
use crate::output::{ClaimView, Format, print_claim_view};
use crate::store::{Store, StoreError};

const EXAMPLES: &str = "\
Examples:
  claimdesk show 14
  claimdesk show 14 --format json";

/// Show one claim with its context.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    /// Claim id.
    id: i64,
}

impl Cmd {
    /// Print the claim.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        let view = claim_view(&ctx.store()?, self.id)?;
        let mut out = std::io::stdout().lock();
        print_claim_view(&view, ctx.format_or(Format::Table), &mut out)
    }
}

/// Everything known about claim `id`, ready to print.
pub fn claim_view(store: &Store, id: i64) -> anyhow::Result<ClaimView> {
    let claim = store
        .claim(id)?
        .ok_or(StoreError::UnknownClaims(vec![id]))?;
    let article = store
        .article(claim.article_id)?
        .with_context(|| format!("article {} of claim {id} is missing", claim.article_id))?;
    Ok(ClaimView::new(
        claim,
        &article.body,
        store.history(id)?,
        store.sources(id)?,
        store.related(id)?,
        store.conflicts(Some(id), None)?,
    ))
}
