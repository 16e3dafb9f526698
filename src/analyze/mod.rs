//! Claim analysis: check-worthiness, claim type, attribution, quantities and entities.
//!
//! Pure functions of the text; nothing here touches SQLite or the CLI. One
//! tokenization feeds every pass: quantities, entities, attribution and cue
//! words first, then the claim type from those, then the check-worthiness
//! model over all of it. [`analyze_article`] adds what only the article
//! knows: full names introduced earlier and who "he" was.

mod attribution;
mod claim_type;
mod entities;
pub mod features;
pub(crate) mod lexicon;
pub mod model;
pub mod quantity;
mod tokens;

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// What the analysis says about one claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// 0..=1, higher = more worth checking (ClaimBuster's sense: a factual
    /// claim the public would care to see checked).
    pub checkworthiness: f64,
    /// The kind of claim, after Full Fact's schema.
    pub claim_type: ClaimType,
    /// Who the claim is attributed to, as written: "Secretary Austin", "he".
    pub speaker: Option<String>,
    /// The speaker's full name when the article gave it: "Lloyd Austin".
    pub speaker_full: Option<String>,
    /// The attribution cue: "highlighted", "said", "according to".
    pub cue: Option<String>,
    /// True when the claim quotes someone word for word.
    pub direct_quote: bool,
    /// Every number in the claim, normalized.
    pub quantities: Vec<quantity::Quantity>,
    /// People, organisations and places mentioned.
    pub entities: Vec<Entity>,
}

/// The version of the analysis stored with each claim; bump it when the
/// analysis changes so `claimdesk reanalyze` knows which rows are stale.
pub const ANALYSIS_VERSION: i64 = 1;

/// Claim types after Full Fact's annotation schema (Konstantinovskiy et al. 2021).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimType {
    /// A number or statistic in the past or present.
    Quantity,
    /// A claim about the future.
    Prediction,
    /// One thing causes or goes with another.
    CorrelationOrCausation,
    /// What the law or a rule says.
    LawOrRule,
    /// The speaker's own experience.
    PersonalExperience,
    /// A checkable claim of any other kind.
    OtherClaim,
    /// Questions, opinions, greetings, exhortations, stage directions.
    NotAClaim,
}

impl ClaimType {
    /// Every claim type, in the schema's order.
    pub const ALL: [ClaimType; 7] = [
        ClaimType::Quantity,
        ClaimType::Prediction,
        ClaimType::CorrelationOrCausation,
        ClaimType::LawOrRule,
        ClaimType::PersonalExperience,
        ClaimType::OtherClaim,
        ClaimType::NotAClaim,
    ];

    /// The kebab-case name used on the command line and in exports.
    pub fn as_str(&self) -> &'static str {
        match self {
            ClaimType::Quantity => "quantity",
            ClaimType::Prediction => "prediction",
            ClaimType::CorrelationOrCausation => "correlation-or-causation",
            ClaimType::LawOrRule => "law-or-rule",
            ClaimType::PersonalExperience => "personal-experience",
            ClaimType::OtherClaim => "other-claim",
            ClaimType::NotAClaim => "not-a-claim",
        }
    }
}

impl fmt::Display for ClaimType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClaimType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ClaimType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = ClaimType::ALL.iter().map(|t| t.as_str()).collect();
                format!(
                    "unknown claim type {s:?}; expected one of: {}",
                    names.join(", ")
                )
            })
    }
}

/// A named entity in a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Byte offset of its first byte in the claim.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// The entity as written.
    pub text: String,
    /// What it names.
    pub kind: EntityKind,
}

/// What an entity names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    /// A person: "Lloyd Austin".
    Person,
    /// An organisation: "the Pentagon", "Iraqi Foreign Ministry".
    Organisation,
    /// A place: "Iraq", "Baghdad".
    Place,
    /// Any other name.
    Other,
}

/// Everything the passes found in one claim, before scoring.
pub(crate) struct Parts<'a> {
    /// The claim, lowercased twin and tokens.
    ctx: tokens::Ctx<'a>,
    /// Its numbers.
    quantities: Vec<quantity::Quantity>,
    /// Its names.
    entities: Vec<Entity>,
    /// Who said it.
    attribution: attribution::Attribution,
    /// Its cue words.
    cues: claim_type::Cues,
    /// Its type, decided from all of the above.
    claim_type: ClaimType,
}

/// Run every pass over `claim` and hand the result to `f`, which keeps the
/// borrowed token buffers on the stack.
fn with_parts<R>(claim: &str, f: impl FnOnce(Parts) -> R) -> R {
    let toks = tokens::tokenize(claim);
    let lower = claim.to_ascii_lowercase();
    let ctx = tokens::Ctx::new(claim, &lower, &toks);
    let quantities = quantity::extract_tokens(&ctx);
    let entities = entities::extract(&ctx);
    let attribution = attribution::attribute(&ctx);
    let cues = claim_type::cues(&ctx);
    let claim_type = claim_type::classify(&cues, &quantities);
    f(Parts {
        ctx,
        quantities,
        entities,
        attribution,
        cues,
        claim_type,
    })
}

/// The feature indices the check-worthiness model scores for `claim`; what
/// training and evaluation programs feed to [`model::train`].
pub fn model_features(claim: &str) -> Vec<u32> {
    with_parts(claim, |p| features::extract(&p))
}

/// Analyze one claim on its own.
pub fn analyze(claim: &str) -> Analysis {
    analyze_article(&[claim])
        .pop()
        .expect("one claim in, one analysis out")
}

/// Analyze the claims of one article, in order; `claims` are the claim texts
/// in article order. Earlier claims give context: a speaker's full name
/// introduced earlier, and "he said" resolved to the last named person.
pub fn analyze_article(claims: &[&str]) -> Vec<Analysis> {
    let weights = model::builtin();
    let mut people = context::People::default();
    claims
        .iter()
        .map(|claim| {
            with_parts(claim, |p| {
                let checkworthiness = weights.score(&features::extract(&p));
                let speaker = p.attribution.speaker;
                // "he" means someone named before this claim, never in it.
                let pronoun = speaker.as_deref().and_then(|s| people.pronoun(s));
                people.note_entities(&p.entities);
                let speaker_full =
                    pronoun.or_else(|| speaker.as_deref().and_then(|s| people.resolve(s)));
                let named = speaker
                    .as_deref()
                    .filter(|s| s.starts_with(char::is_uppercase));
                if let Some(who) = speaker_full
                    .as_deref()
                    .or(named)
                    .filter(|_| pronoun_free(&speaker))
                {
                    people.note_speaker(who);
                }
                Analysis {
                    checkworthiness,
                    claim_type: p.claim_type,
                    speaker,
                    speaker_full,
                    cue: p.attribution.cue,
                    direct_quote: p.attribution.direct_quote,
                    quantities: p.quantities,
                    entities: p.entities,
                }
            })
        })
        .collect()
}

mod context;

/// True unless the speaker is a bare pronoun, which names no one new.
fn pronoun_free(speaker: &Option<String>) -> bool {
    !matches!(
        speaker.as_deref().map(str::to_ascii_lowercase).as_deref(),
        Some("he" | "she" | "they" | "we" | "i")
    )
}

#[cfg(test)]
mod tests;
