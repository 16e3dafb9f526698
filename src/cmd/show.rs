//! `claimdesk show`: one claim in its paragraph, with status, history, notes and sources.

use anyhow::Context;
use clap::Args;

use crate::cli::Ctx;
use crate::output::Format;
use crate::output::{ClaimView, print_claim_view};
use crate::store::StoreError;

const EXAMPLES: &str = "\
Examples:
  claimdesk show 3
  claimdesk show 3 --format json";

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
        let store = ctx.store()?;
        let claim = store
            .claim(self.id)?
            .ok_or(StoreError::UnknownClaims(vec![self.id]))?;
        let article = store.article(claim.article_id)?.with_context(|| {
            format!(
                "article {} of claim {} is missing",
                claim.article_id, claim.id
            )
        })?;
        let view = ClaimView::new(
            claim,
            &article.body,
            store.history(self.id)?,
            store.sources(self.id)?,
        );
        let mut out = std::io::stdout().lock();
        print_claim_view(&view, ctx.format_or(Format::Table), &mut out)
    }
}
