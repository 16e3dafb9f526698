//! `match --date`: fact-checks stated near the day of the input rank first.

mod common;

use common::{Desk, s, stderr};

/// The same claim, checked twice: stated in a 2012 debate (PolitiFact's
/// statement line, JSON Lines) and repeated in a 2016 speech (ClaimReview).
const CLAIM: &str = "We have lost 800,000 manufacturing jobs since the recession began.";

/// A ClaimReview of [`CLAIM`] published on `published`, of a claim made on
/// `claim_date` when given.
fn claim_review(url: &str, published: &str, claim_date: Option<&str>) -> String {
    let item = claim_date.map_or(String::new(), |d| {
        format!(r#""itemReviewed": {{"@type": "Claim", "datePublished": "{d}"}},"#)
    });
    format!(
        r#"{{"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "{CLAIM}",
            "url": "{url}", "datePublished": "{published}", {item}
            "reviewRating": {{"alternateName": "False"}}}}"#
    )
}

fn desk_with_two_checks() -> Desk {
    let desk = Desk::new();
    let lines = desk.write(
        "politifact.jsonl",
        format!(
            "{{\"text\": \"{CLAIM}\", \"verdict\": \"half-true\", \"url\": \"/factchecks/2012/oct/04/jobs/\", \"date\": \"stated on October 3, 2012 in a presidential debate:\"}}\n"
        ),
    );
    let page = desk.write(
        "claimreview.json",
        claim_review("https://factcheck.example/2016/jobs", "2016-03-07", None),
    );
    let other = desk.write(
        "other.jsonl",
        "{\"text\": \"The wheat harvest was the smallest in a decade.\", \"date\": \"stated on October 3, 2012 in a speech:\"}\n",
    );
    let out = desk.run(&["factchecks", "import", s(&lines), s(&page), s(&other)]);
    assert!(out.status.success(), "{}", stderr(&out));
    desk
}

/// The URLs of the fact-checks `match` ranks for the claim, best first, and their scores.
fn ranked(desk: &Desk, extra: &[&str]) -> Vec<(String, f64)> {
    let mut args = vec!["match", CLAIM, "--lines", "--format", "json"];
    args.extend_from_slice(extra);
    let out = desk.ok(&args);
    let results: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    results[0]["matches"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "factcheck")
        .map(|m| {
            (
                m["url"].as_str().unwrap_or_default().to_string(),
                m["score"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_check_stated_near_the_date_ranks_first() {
    let desk = desk_with_two_checks();

    // Undated, the two checks of the same text tie.
    let plain = ranked(&desk, &[]);
    assert!(plain.len() >= 2, "{plain:?}");
    assert_eq!(plain[0].1, plain[1].1, "{plain:?}");

    // Said the day after the 2016 check: that one first.
    let late = ranked(&desk, &["--date", "2016-03-08"]);
    assert_eq!(late[0].0, "https://factcheck.example/2016/jobs", "{late:?}");
    assert!(late[0].1 > late[1].1, "{late:?}");

    // Said in the week of the 2012 debate, in another date form: the 2012 check first.
    let early = ranked(&desk, &["--date", "Oct. 5, 2012"]);
    assert_eq!(early[0].0, "/factchecks/2012/oct/04/jobs/", "{early:?}");
    assert!(early[0].1 > early[1].1, "{early:?}");
    let iso = ranked(&desk, &["--date", "2012-10-05T20:00:00Z"]);
    assert_eq!(iso[0].0, early[0].0, "{iso:?}");
}

#[test]
fn a_bad_date_is_a_usage_error_naming_it() {
    let desk = desk_with_two_checks();
    for bad in ["next tuesday", "2012-02-30", "10/05/2012"] {
        let out = desk.run(&["match", CLAIM, "--date", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(bad), "{bad}: {err}");
        assert!(err.contains("2019-10-22"), "the accepted forms: {err}");
    }
}

/// A ClaimReview is published days after the claim it checks: the claim's
/// own date (`itemReviewed.datePublished`) is what `--date` is compared with.
#[test]
fn a_claim_review_is_dated_by_its_claim() {
    let desk = Desk::new();
    // Reviewed on 10 January, of a claim made on 5 January.
    let recent = desk.write(
        "recent.json",
        claim_review(
            "https://factcheck.example/2020/jobs",
            "2020-01-10",
            Some("2020-01-05"),
        ),
    );
    // The same text, checked half a year earlier, with no date of its claim.
    let older = desk.write(
        "older.json",
        claim_review("https://factcheck.example/2019/jobs", "2019-06-01", None),
    );
    let out = desk.run(&["factchecks", "import", s(&recent), s(&older)]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Said on 6 January: by its review's day (10 January) the recent check
    // would be later than the input and get no boost; by its claim's day it
    // is the closest.
    let ranked = ranked(&desk, &["--date", "2020-01-06"]);
    assert_eq!(
        ranked[0].0, "https://factcheck.example/2020/jobs",
        "{ranked:?}"
    );
    assert!(ranked[0].1 > ranked[1].1, "{ranked:?}");
    let stored: String = desk
        .conn()
        .query_row(
            "SELECT group_concat(coalesce(claim_date, '-'), ',')
             FROM (SELECT claim_date FROM factchecks ORDER BY id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, "2020-01-05,-");
}
