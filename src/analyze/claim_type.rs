//! Claim types after Full Fact's annotation schema (Konstantinovskiy et al.
//! 2021), decided by ordered rules over cue words and the quantities found.
//!
//! The order encodes precedence when a sentence fits several types: a
//! question is never a claim, a number about the future is a prediction
//! rather than a statistic, and a statistic outranks the causal or legal
//! framing around it because checking it means finding the number.

use super::ClaimType;
use super::quantity::{Quantity, QuantityKind};
use super::tokens::{Ctx, TokKind};

/// Cue-word evidence the rules and the check-worthiness model both use.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Cues {
    /// Ends in a question mark.
    pub question: bool,
    /// Only a bracketed direction: "(APPLAUSE)".
    pub stage_direction: bool,
    /// Opens with thanks or a greeting.
    pub greeting: bool,
    /// Urges the listener: "Let's", "We must".
    pub exhortation: bool,
    /// "I think", "we believe" and the like.
    pub opinion: bool,
    /// Future tense or a forecast.
    pub future: bool,
    /// Says one thing causes or leads to another.
    pub causal: bool,
    /// Mentions laws, bans or what is required or allowed.
    pub legal: bool,
    /// Any first person singular word.
    pub first_person: bool,
    /// "I" or "my" as the one the sentence is about, unlike "believe me".
    pub first_person_subject: bool,
    /// "we", "our".
    pub first_person_plural: bool,
    /// "you", "your".
    pub second_person: bool,
    /// A past-tense auxiliary or "ago".
    pub past: bool,
    /// could, would, should, might, may, must, can.
    pub modal: bool,
    /// not, never, no, nobody, nothing.
    pub negation: bool,
    /// perhaps, maybe, probably, likely.
    pub hedge: bool,
    /// more, fewer, highest, than, record.
    pub comparative: bool,
    /// Verbs and nouns of change: rose, fell, doubled, growth.
    pub change: bool,
    /// Number of word tokens.
    pub words: usize,
}

/// Collect the cue words of a claim in one pass over its tokens.
pub(crate) fn cues(c: &Ctx) -> Cues {
    let mut q = Cues::default();
    let n = c.toks.len();
    let first = c.word(0);
    for k in 0..n {
        let w = c.word(k);
        if w.is_empty() {
            continue;
        }
        q.words += 1;
        let next = c.word(k + 1);
        match w {
            "i" | "my" | "i've" | "i'd" => {
                q.first_person = true;
                q.first_person_subject = true;
            }
            "me" | "i'm" | "i'll" | "myself" => q.first_person = true,
            "we" | "our" | "we're" | "we've" | "ours" | "ourselves" => q.first_person_plural = true,
            "you" | "your" | "you're" | "yourself" => q.second_person = true,
            "was" | "were" | "had" | "did" | "ago" => q.past = true,
            "could" | "would" | "should" | "might" | "may" | "must" | "can" => q.modal = true,
            "not" | "never" | "no" | "nobody" | "nothing" => q.negation = true,
            "perhaps" | "maybe" | "probably" | "possibly" | "likely" | "unlikely"
            | "possibility" => {
                q.hedge = true;
            }
            "more" | "less" | "fewer" | "higher" | "lower" | "bigger" | "smaller" | "larger"
            | "most" | "least" | "largest" | "biggest" | "highest" | "lowest" | "best"
            | "worst" | "than" | "record" => q.comparative = true,
            "increased" | "decreased" | "rose" | "fell" | "doubled" | "tripled" | "grew"
            | "dropped" | "declined" | "risen" | "fallen" | "cut" | "raised" | "jumped"
            | "soared" | "slumped" | "increase" | "decrease" | "growth" | "decline" | "lost"
            | "created" => q.change = true,
            "will" | "won't" | "shall" | "forecast" | "forecasts" | "predicted" | "projected" => {
                q.future |= !(k == 0 && w == "will");
            }
            "because" | "caused" | "causes" | "cause" | "led" | "leads" | "result" | "resulted"
            | "responsible" | "linked" | "blamed" | "thanks" | "contributed" | "driven"
            | "consequence" | "therefore" | "effect" | "impact" => {
                q.causal |= w != "thanks" || next == "to";
                q.causal &= !(w == "led" && next != "to");
            }
            "law" | "laws" | "illegal" | "legal" | "unconstitutional" | "constitution"
            | "banned" | "ban" | "legislation" | "regulation" | "regulations" | "statute"
            | "mandatory" | "prohibited" | "treaty" | "ruled" | "legally" | "lawful"
            | "unlawful" => q.legal = true,
            _ => {}
        }
        if (w == "going" || w == "expected" || w == "set" || w == "likely" || w == "poised")
            && next == "to"
            && !(w == "set" && k > 0 && c.word(k - 1) == "the")
        {
            q.future = true;
        }
        if (w == "i" || w == "we")
            && matches!(
                next,
                "think" | "believe" | "feel" | "hope" | "want" | "love" | "guess"
            )
        {
            q.opinion = true;
        }
        if matches!(w, "required" | "allowed" | "entitled") && next == "to" {
            q.legal = true;
        }
    }
    let last = c
        .toks
        .iter()
        .rev()
        .find(|t| !matches!(t.kind, TokKind::Sym('"' | '\u{201d}' | '\'' | ')')));
    q.question = last.is_some_and(|t| t.is_sym('?'));
    let bracketed = matches!(
        c.toks.first().map(|t| t.kind),
        Some(TokKind::Sym('(' | '['))
    ) && matches!(c.toks.last().map(|t| t.kind), Some(TokKind::Sym(')' | ']')));
    q.stage_direction = bracketed && q.words <= 4;
    q.greeting = matches!(first, "thank" | "thanks" | "hello" | "welcome" | "goodbye")
        || (first == "good" && matches!(c.word(1), "evening" | "morning" | "afternoon" | "night"));
    q.exhortation = matches!(
        first,
        "let's" | "please" | "join" | "vote" | "imagine" | "look" | "listen"
    ) || (first == "let" && c.word(1) == "us")
        || (first == "we" && matches!(c.word(1), "must" | "should" | "need"));
    q
}

/// The claim's type.
pub(crate) fn classify(cues: &Cues, quantities: &[Quantity]) -> ClaimType {
    let has_stat = quantities
        .iter()
        .any(|q| !matches!(q.kind, QuantityKind::Year | QuantityKind::Date));
    if cues.question || cues.stage_direction || cues.greeting || cues.words == 0 {
        return ClaimType::NotAClaim;
    }
    if (cues.exhortation || cues.opinion || cues.words <= 3) && !has_stat {
        return ClaimType::NotAClaim;
    }
    if cues.future {
        return ClaimType::Prediction;
    }
    if has_stat {
        return ClaimType::Quantity;
    }
    if cues.causal {
        return ClaimType::CorrelationOrCausation;
    }
    if cues.legal {
        return ClaimType::LawOrRule;
    }
    if cues.first_person_subject && cues.past {
        return ClaimType::PersonalExperience;
    }
    ClaimType::OtherClaim
}
