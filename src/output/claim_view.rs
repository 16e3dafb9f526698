//! How `show` and `next` print one claim: its paragraph with the claim marked,
//! its analysis, history, notes, sources, links and conflicts.

use std::io::Write;

use serde::Serialize;

use super::Format;
use crate::prepare::{PARAGRAPH_SEPARATOR, byte_range};
use crate::store::{ClaimDetail, ConflictRow, HistoryEntry, RelatedRow, SourceRow};

/// Everything `show` prints about one claim.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimView {
    /// The claim and its article's headline.
    #[serde(flatten)]
    pub claim: ClaimDetail,
    /// The paragraph the claim sits in, with the claim marked by `>>>` and `<<<`.
    pub context: String,
    /// Reviews, notes and sources in time order.
    pub history: Vec<HistoryEntry>,
    /// Evidence sources.
    pub sources: Vec<SourceRow>,
    /// Linked claims elsewhere and matching fact-checks.
    pub related: Vec<RelatedRow>,
    /// Figures that disagree with other claims.
    pub conflicts: Vec<ConflictRow>,
}

impl ClaimView {
    /// Build the view, cutting the claim's paragraph out of the article body.
    pub fn new(
        claim: ClaimDetail,
        body: &str,
        history: Vec<HistoryEntry>,
        sources: Vec<SourceRow>,
        related: Vec<RelatedRow>,
        conflicts: Vec<ConflictRow>,
    ) -> Self {
        let context =
            marked_paragraph(body, claim.start_offset as usize, claim.end_offset as usize);
        ClaimView {
            claim,
            context,
            history,
            sources,
            related,
            conflicts,
        }
    }
}

/// The paragraph of `body` holding characters `start..end`, with them marked.
fn marked_paragraph(body: &str, start: usize, end: usize) -> String {
    let std::ops::Range {
        start: b_start,
        end: b_end,
    } = byte_range(body, start, end);
    let para_start = body[..b_start]
        .rfind(PARAGRAPH_SEPARATOR)
        .map_or(0, |i| i + PARAGRAPH_SEPARATOR.len());
    let para_end = body[b_end..]
        .find(PARAGRAPH_SEPARATOR)
        .map_or(body.len(), |i| b_end + i);
    format!(
        "{}>>> {} <<<{}",
        &body[para_start..b_start],
        &body[b_start..b_end],
        &body[b_end..para_end]
    )
}

/// Print a claim view as readable text (table format) or JSON.
pub fn print_claim_view(
    view: &ClaimView,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if format != Format::Table {
        return super::print_json(view, out);
    }
    let c = &view.claim;
    writeln!(
        out,
        "Claim {}  (article {}, paragraph {}, position {})",
        c.id, c.article_id, c.paragraph, c.position
    )?;
    writeln!(
        out,
        "Article: {}",
        c.article_title.as_deref().unwrap_or("(untitled)")
    )?;
    if let Some(outlet) = &c.outlet {
        writeln!(out, "Outlet:  {outlet}")?;
    }
    if let Some(url) = &c.url {
        writeln!(out, "URL:     {url}")?;
    }
    writeln!(out, "Status:  {}", c.status)?;
    if let Some(score) = c.checkworthiness {
        let kind = c.claim_type.as_deref().unwrap_or("unknown");
        writeln!(out, "Check-worthiness: {score:.2}  Type: {kind}")?;
    }
    if let Some(speaker) = c.speaker_full.as_ref().or(c.speaker.as_ref()) {
        let cue = c
            .cue
            .as_deref()
            .map(|q| format!(" (cue: {q})"))
            .unwrap_or_default();
        let quote = if c.direct_quote == Some(true) {
            ", direct quote"
        } else {
            ""
        };
        writeln!(out, "Speaker: {speaker}{cue}{quote}")?;
    }
    let figures = figures(&c.quantities);
    if !figures.is_empty() {
        writeln!(out, "Figures: {}", figures.join("; "))?;
    }
    writeln!(out, "\n{}\n", view.context)?;
    section(out, "History", &view.history, |h| {
        format!("{}  {:<6}  {}  {}", h.at, h.kind, h.by, h.detail)
    })?;
    let notes: Vec<&HistoryEntry> = view.history.iter().filter(|h| h.kind == "note").collect();
    section(out, "Notes", &notes, |h| format!("{}: {}", h.by, h.detail))?;
    section(out, "Sources", &view.sources, |s| {
        format!(
            "[{}] {}{}",
            s.stance,
            s.title
                .as_deref()
                .map(|t| format!("{t} "))
                .unwrap_or_default(),
            s.url
        )
    })?;
    section(out, "Related", &view.related, |r| {
        let score = r.score.map(|s| format!(" {s:.2}")).unwrap_or_default();
        format!(
            "{} {} [{} {}{}] {} | {}",
            r.kind, r.id, r.state, r.relation, score, r.source, r.text
        )
    })?;
    section(out, "Conflicts", &view.conflicts, |k| {
        let other = if k.claim_a == c.id {
            k.claim_b
        } else {
            k.claim_a
        };
        let (mine, theirs) = if k.claim_a == c.id {
            (&k.value_a, &k.value_b)
        } else {
            (&k.value_b, &k.value_a)
        };
        format!(
            "\"{mine}\" here, \"{theirs}\" in claim {other} ({:.1}% apart)",
            k.difference * 100.0
        )
    })?;
    Ok(())
}

/// "151 times (count, at least)" for each stored quantity.
fn figures(quantities: &serde_json::Value) -> Vec<String> {
    let Some(items) = quantities.as_array() else {
        return Vec::new();
    };
    items
        .iter()
        .map(|q| {
            let text = q["text"].as_str().unwrap_or_default();
            let kind = q["kind"].as_str().unwrap_or_default();
            match q["qualifier"].as_str() {
                Some(hedge) => format!("{text} ({kind}, {hedge})"),
                None => format!("{text} ({kind})"),
            }
        })
        .collect()
}

fn section<T>(
    out: &mut dyn Write,
    name: &str,
    items: &[T],
    line: impl Fn(&T) -> String,
) -> anyhow::Result<()> {
    if items.is_empty() {
        writeln!(out, "{name}: none")?;
    } else {
        writeln!(out, "{name}:")?;
        for item in items {
            writeln!(out, "  {}", line(item))?;
        }
    }
    Ok(())
}
