//! Domain types shared by the store, the commands and the output layer.

use std::fmt;
use std::str::FromStr;

use clap::ValueEnum;
use serde::Serialize;

/// A claim's review status. The current status is the latest review's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// No review yet (the default of every imported claim).
    Unreviewed,
    /// Someone is checking it now.
    InReview,
    /// Checked and accurate.
    Verified,
    /// Checked; credible sources disagree with it or with each other.
    Disputed,
    /// Checked and wrong.
    False,
    /// Accurate in its parts but gives a wrong impression (cherry-picked, missing context).
    Misleading,
    /// Cannot be checked with the evidence available.
    Unverifiable,
    /// Not a factual claim (opinion, question, prediction, boilerplate).
    NotAClaim,
}

impl Status {
    /// Every status, in the order reports list them.
    pub const ALL: [Status; 8] = [
        Status::Unreviewed,
        Status::InReview,
        Status::Verified,
        Status::Disputed,
        Status::False,
        Status::Misleading,
        Status::Unverifiable,
        Status::NotAClaim,
    ];

    /// The name stored in the database and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unreviewed => "unreviewed",
            Status::InReview => "in-review",
            Status::Verified => "verified",
            Status::Disputed => "disputed",
            Status::False => "false",
            Status::Misleading => "misleading",
            Status::Unverifiable => "unverifiable",
            Status::NotAClaim => "not-a-claim",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| format!("unknown status {s:?}"))
    }
}

/// How an evidence source relates to the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Stance {
    /// The source backs the claim up.
    Supports,
    /// The source contradicts the claim.
    Refutes,
    /// The source gives background without taking a side.
    #[default]
    Context,
}

impl Stance {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Refutes => "refutes",
            Stance::Context => "context",
        }
    }
}

/// The format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// Plain text: headline, optional outlet line, paragraphs.
    Text,
    /// Markdown with optional YAML front matter.
    Markdown,
    /// One JSON object or an array of them.
    Json,
    /// JSON Lines: one article object per line.
    Jsonl,
}

impl InputFormat {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
            InputFormat::Json => "json",
            InputFormat::Jsonl => "jsonl",
        }
    }

    /// The format a file extension implies, if any.
    pub fn from_extension(ext: &str) -> Option<InputFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(InputFormat::Text),
            "md" | "markdown" => Some(InputFormat::Markdown),
            "json" => Some(InputFormat::Json),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            _ => None,
        }
    }
}

/// Article metadata; every field is optional because real inputs lack them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// Headline.
    pub title: Option<String>,
    /// Publication or agency.
    pub outlet: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// Publication date as given by the source.
    pub published: Option<String>,
}

impl Metadata {
    /// Fields set in `overrides` replace ours.
    pub fn apply(&mut self, overrides: &Metadata) {
        let pairs = [
            (&mut self.title, &overrides.title),
            (&mut self.outlet, &overrides.outlet),
            (&mut self.author, &overrides.author),
            (&mut self.url, &overrides.url),
            (&mut self.published, &overrides.published),
        ];
        for (mine, theirs) in pairs {
            if theirs.is_some() {
                mine.clone_from(theirs);
            }
        }
    }
}

/// The current UTC time as RFC 3339 with milliseconds, the form of every stored timestamp.
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// How two claims relate, as a reviewer records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkRelation {
    /// Both make the same claim: a verdict on one holds for the other.
    Same,
    /// One backs the other up.
    Supports,
    /// They cannot both be true (numeric conflicts are suggested as this).
    Contradicts,
    /// About the same thing, but different claims.
    Related,
}

impl LinkRelation {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkRelation::Same => "same",
            LinkRelation::Supports => "supports",
            LinkRelation::Contradicts => "contradicts",
            LinkRelation::Related => "related",
        }
    }
}

/// Where a link between two claims stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkState {
    /// Proposed by claimdesk at import; nobody has looked yet.
    Suggested,
    /// A reviewer confirmed it (`link`).
    Confirmed,
    /// A reviewer rejected it (`unlink`); it will not be suggested again.
    Rejected,
}

impl LinkState {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkState::Suggested => "suggested",
            LinkState::Confirmed => "confirmed",
            LinkState::Rejected => "rejected",
        }
    }
}
