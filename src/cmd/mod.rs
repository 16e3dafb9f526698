//! One module per subcommand: each has a `Cmd` (its arguments, with help and
//! examples) and a `run` that calls the store and the core and hands rows to
//! the output layer.

pub mod analyze;
pub mod articles;
pub mod claims;
pub mod compare;
pub mod conflicts;
pub mod export;
pub mod factchecks;
pub mod history;
pub mod import;
pub mod link;
pub mod matching;
pub mod model;
pub mod note;
pub mod queue;
pub mod reanalyze;
pub mod related;
pub mod review;
pub mod search;
pub mod show;
pub mod source;
pub mod stats;
pub mod xref;

use clap::Args;

use crate::model::Status;
use crate::store::{ClaimFilter, Sort};

/// The filters shared by `claims` and `export`.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only claims of this article id.
    #[arg(long, value_name = "ID")]
    pub article: Option<i64>,
    /// Only claims whose current status is this.
    #[arg(long, value_enum)]
    pub status: Option<Status>,
    /// Only claims whose latest review is by this reviewer.
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
    /// Only claims containing this text (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub contains: Option<String>,
    /// Only claims of this type (see `claimdesk analyze --help`).
    #[arg(long = "type", value_name = "TYPE", value_parser = claim_type_names())]
    pub claim_type: Option<String>,
    /// Only claims with at least this check-worthiness (0 to 1).
    #[arg(long, value_name = "SCORE")]
    pub min_score: Option<f64>,
    /// Only claims attributed to this speaker (as named in the claim or in full).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Order: position (reading order) or priority (most check-worthy first).
    #[arg(long, value_enum, default_value_t = Sort::Position)]
    pub sort: Sort,
    /// At most this many claims.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

/// The claim type names `--type` accepts.
fn claim_type_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(crate::analyze::ClaimType::ALL.map(|t| t.as_str()))
}

impl FilterArgs {
    /// The store filter these arguments describe.
    pub fn filter(&self) -> ClaimFilter {
        ClaimFilter {
            article: self.article,
            status: self.status,
            reviewer: self.reviewer.clone(),
            contains: self.contains.clone(),
            claim_type: self.claim_type.clone(),
            min_score: self.min_score,
            speaker: self.speaker.clone(),
            sort: self.sort,
            limit: self.limit,
        }
    }
}

/// Who is making a change: stored on every review, note and source.
#[derive(Debug, Clone, Args)]
pub struct ReviewerArg {
    /// Your name as reviewer [default: $CLAIMDESK_REVIEWER, else the OS user name].
    #[arg(long, env = "CLAIMDESK_REVIEWER", value_name = "NAME")]
    pub reviewer: Option<String>,
}

impl ReviewerArg {
    /// The reviewer name: --reviewer, else $CLAIMDESK_REVIEWER, else the OS user.
    pub fn name(&self) -> anyhow::Result<String> {
        use anyhow::Context;
        if let Some(r) = self
            .reviewer
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
        {
            return Ok(r.to_string());
        }
        whoami::fallible::username()
            .ok()
            .filter(|u| !u.is_empty())
            .context("cannot tell who you are: pass --reviewer NAME or set CLAIMDESK_REVIEWER")
    }
}

/// `bar` styled with `template` when stderr is a terminal; a hidden bar
/// otherwise (progress never goes to a pipe or a file).
pub(crate) fn progress_bar(
    bar: impl FnOnce() -> indicatif::ProgressBar,
    template: &str,
) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = bar();
    bar.set_style(
        indicatif::ProgressStyle::with_template(template).expect("the template is valid"),
    );
    bar
}
