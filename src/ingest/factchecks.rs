//! Published fact-checks: schema.org ClaimReview JSON-LD (one object, an
//! array, or a page's `@graph`), JSON Lines, and CSV exports with claim,
//! verdict, reviewer, url and date columns under their common names.

use serde_json::{Map, Value};

use super::IngestError;
use super::json::json_error;

/// One published fact-check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactCheck {
    /// The claim that was checked.
    pub claim: String,
    /// The verdict as the fact-checker words it ("False", "Pants on Fire").
    pub verdict: Option<String>,
    /// Who checked it (the organisation).
    pub reviewer: Option<String>,
    /// Who made the claim.
    pub claimant: Option<String>,
    /// Where the fact-check is published.
    pub url: Option<String>,
    /// When it was published.
    pub published: Option<String>,
    /// When the checked claim was made, if the record says.
    pub claim_date: Option<String>,
    /// The fact-check's headline.
    pub title: Option<String>,
}

/// Field names, most specific first, for each part of a fact-check in flat
/// records (JSON Lines, CSV).
const CLAIM: &[&str] = &[
    "claim",
    "claimReviewed",
    "claim_reviewed",
    "claimReview_claimReviewed",
    "text",
    "vclaim",
];
const VERDICT: &[&str] = &[
    "verdict",
    "rating",
    "rating_alternateName",
    "textualRating",
    "label",
];
const REVIEWER: &[&str] = &[
    "reviewer",
    "claimReview_author_name",
    "fact_checker",
    "site",
    "organisation",
    "organization",
];
const CLAIMANT: &[&str] = &[
    "claimant",
    "claim_author",
    "speaker",
    "creativeWork_author_name",
];
const URL: &[&str] = &["url", "review_url", "claimReview_url"];
const DATE: &[&str] = &[
    "date",
    "published",
    "review_date",
    "claimReview_datePublished",
    "datePublished",
];
const CLAIM_DATE: &[&str] = &[
    "claim_date",
    "creativeWork_datePublished",
    "itemReviewed_datePublished",
];
const TITLE: &[&str] = &["title", "extra_title", "headline", "name"];

/// Parse a file's text by its extension ("json", "jsonl" or "csv"). Records
/// without claim text are reported by position and skipped.
pub fn parse(
    text: &str,
    ext: &str,
    origin: &str,
) -> Result<(Vec<FactCheck>, Vec<IngestError>), IngestError> {
    let mut checks = Vec::new();
    let mut skipped = Vec::new();
    let mut take = |fc: Option<FactCheck>, at: String| match fc {
        Some(fc) => checks.push(fc),
        None => skipped.push(IngestError::Shape {
            origin: at,
            message: "no claim text (expected claimReviewed, claim or text); skipped".into(),
        }),
    };
    match ext {
        "csv" => {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(text.as_bytes());
            let headers = reader.headers().map_err(|e| csv_error(e, origin))?.clone();
            for (i, record) in reader.records().enumerate() {
                let record = record.map_err(|e| csv_error(e, origin))?;
                let obj: Map<String, Value> = headers
                    .iter()
                    .zip(record.iter())
                    .map(|(h, v)| (h.to_string(), Value::String(v.to_string())))
                    .collect();
                take(flat(&obj), format!("{origin}:{}", i + 2));
            }
        }
        "jsonl" | "ndjson" => {
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let value: Value =
                    serde_json::from_str(line).map_err(|e| json_error(e, origin, i))?;
                for (fc, _) in records(&value) {
                    take(fc, format!("{origin}:{}", i + 1));
                }
            }
        }
        _ => {
            let value: Value = serde_json::from_str(text).map_err(|e| json_error(e, origin, 0))?;
            for (fc, index) in records(&value) {
                take(fc, format!("{origin}[{index}]"));
            }
        }
    }
    Ok((checks, skipped))
}

fn csv_error(e: csv::Error, origin: &str) -> IngestError {
    let line = e.position().map_or(0, |p| p.line() as usize);
    IngestError::Json {
        origin: origin.to_string(),
        line,
        column: 0,
        message: format!("malformed CSV: {e}"),
    }
}

/// Every fact-check object in a JSON value: an object, an array, or `@graph`.
fn records(value: &Value) -> Vec<(Option<FactCheck>, usize)> {
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .flat_map(|(i, v)| records(v).into_iter().map(move |(fc, _)| (fc, i)))
            .collect(),
        Value::Object(obj) => {
            if let Some(graph) = obj.get("@graph") {
                return records(graph)
                    .into_iter()
                    .filter(|(fc, _)| fc.is_some())
                    .collect();
            }
            let is_review = obj
                .get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("ClaimReview"));
            vec![(
                if is_review {
                    claim_review(obj)
                } else {
                    flat(obj)
                },
                0,
            )]
        }
        _ => vec![(None, 0)],
    }
}

/// A schema.org ClaimReview object.
fn claim_review(obj: &Map<String, Value>) -> Option<FactCheck> {
    let rating = obj.get("reviewRating").and_then(Value::as_object);
    let item = obj.get("itemReviewed").and_then(Value::as_object);
    let claim =
        text(obj.get("claimReviewed")).or_else(|| item.and_then(|i| text(i.get("name"))))?;
    Some(FactCheck {
        claim,
        verdict: rating
            .and_then(|r| text(r.get("alternateName")).or_else(|| text(r.get("ratingValue")))),
        reviewer: name_of(obj.get("author")),
        claimant: item.and_then(|i| name_of(i.get("author"))),
        url: text(obj.get("url")),
        published: text(obj.get("datePublished")),
        claim_date: item
            .and_then(|i| text(i.get("datePublished")).or_else(|| text(i.get("dateCreated")))),
        title: text(obj.get("name")).or_else(|| text(obj.get("headline"))),
    })
}

/// A flat record with common field names.
fn flat(obj: &Map<String, Value>) -> Option<FactCheck> {
    let field = |names: &[&str]| names.iter().find_map(|n| text(obj.get(*n)));
    let title = field(TITLE);
    // Some exports leave the claim empty but say it in the headline.
    let claim = field(CLAIM).or_else(|| title.clone())?;
    Some(FactCheck {
        claim,
        verdict: field(VERDICT),
        reviewer: field(REVIEWER),
        claimant: field(CLAIMANT),
        url: field(URL),
        published: field(DATE),
        claim_date: field(CLAIM_DATE),
        title,
    })
}

/// `author` as a string, `{ "name": ... }` or a list of either.
fn name_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Object(o) => text(o.get("name")),
        Value::Array(items) => items.iter().find_map(|v| name_of(Some(v))),
        other => text(Some(other)),
    }
}

/// Trimmed text of a string or number; literal wrapping quotes (some
/// exporters write `"\"False\""`) are dropped.
fn text(value: Option<&Value>) -> Option<String> {
    let s = match value? {
        Value::String(s) => s.trim().trim_matches('"').trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_review_graph() {
        let json = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"ClaimReview","claimReviewed":"The moon is made of cheese.","url":"https://fc.example/moon","datePublished":"2024-01-02","author":{"@type":"Organization","name":"FactCo"},"reviewRating":{"@type":"Rating","ratingValue":1,"alternateName":"False"},"itemReviewed":{"@type":"Claim","datePublished":"2023-12-28","author":{"@type":"Person","name":"A. Claimant"}}}]}"#;
        let (checks, skipped) = parse(json, "json", "page.json").unwrap();
        assert!(skipped.is_empty());
        assert_eq!(
            checks,
            vec![FactCheck {
                claim: "The moon is made of cheese.".into(),
                verdict: Some("False".into()),
                reviewer: Some("FactCo".into()),
                claimant: Some("A. Claimant".into()),
                url: Some("https://fc.example/moon".into()),
                published: Some("2024-01-02".into()),
                claim_date: Some("2023-12-28".into()),
                title: None,
            }]
        );
    }

    #[test]
    fn csv_with_claimskg_columns() {
        let csv = "rating_alternateName,claimReview_author_name,claimReview_url,claimReview_claimReviewed,claimReview_datePublished\nPants on Fire,politifact,http://p.example/1,\"\"\"45,000 dead\"\"\",2021-07-20\nFalse,x,http://p.example/2,,2021\n";
        let (checks, skipped) = parse(csv, "csv", "f.csv").unwrap();
        assert_eq!(checks.len(), 1);
        assert_eq!(checks[0].claim, "45,000 dead");
        assert_eq!(checks[0].verdict.as_deref(), Some("Pants on Fire"));
        assert_eq!(skipped.len(), 1);
        assert!(skipped[0].to_string().contains("f.csv:3"));
    }
}
