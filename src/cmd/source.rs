//! `claimdesk source add|list`: evidence sources of a claim.

use clap::{Args, Subcommand};

use super::ReviewerArg;
use crate::cli::{Ctx, UsageError};
use crate::model::Stance;

const EXAMPLES: &str = "\
Examples:
  claimdesk source add 3 https://www.defense.gov/News/Releases/ --title \"Pentagon release\" --stance supports
  claimdesk source list 3 --format csv
Stances: supports (backs the claim), refutes (contradicts it), context (background).";

/// Add or list evidence sources.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Add an evidence source (an http or https URL) to a claim.
    #[command(after_long_help = EXAMPLES)]
    Add(Add),
    /// List the sources of a claim.
    #[command(after_long_help = EXAMPLES)]
    List(List),
}

/// Arguments of `source add`.
#[derive(Debug, Args)]
pub struct Add {
    /// Claim id.
    id: i64,
    /// The source's address (http:// or https://).
    url: String,
    /// A title for the source.
    #[arg(long)]
    title: Option<String>,
    /// How the source relates to the claim.
    #[arg(long, value_enum, default_value_t = Stance::Context)]
    stance: Stance,
    #[command(flatten)]
    reviewer: ReviewerArg,
}

/// Arguments of `source list`.
#[derive(Debug, Args)]
pub struct List {
    /// Claim id.
    id: i64,
}

impl Cmd {
    /// Run the subcommand.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        match self {
            Cmd::Add(add) => {
                check_url(&add.url)?;
                let by = add.reviewer.name()?;
                let mut store = ctx.store()?;
                let id =
                    store.add_source(add.id, &add.url, add.title.as_deref(), add.stance, &by)?;
                eprintln!(
                    "claim {}: source {id} added ({})",
                    add.id,
                    add.stance.as_str()
                );
                Ok(())
            }
            Cmd::List(list) => ctx.print(&ctx.store()?.sources(list.id)?),
        }
    }
}

/// Only web addresses are evidence a reader can follow.
fn check_url(url: &str) -> Result<(), UsageError> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host)
            if !host.is_empty() && !host.starts_with('/') && !url.contains(char::is_whitespace) =>
        {
            Ok(())
        }
        _ => Err(UsageError(format!(
            "{url:?} is not an http(s) URL; give the full address, such as https://example.org/report"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls() {
        assert!(check_url("https://example.org/a").is_ok());
        assert!(check_url("http://x.test").is_ok());
        assert!(check_url("ftp://x.test").is_err());
        assert!(check_url("https://").is_err());
        assert!(check_url("example.org").is_err());
    }
}
