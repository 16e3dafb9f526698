//! Accuracy tests that need no data outside the repository: the Golden Rules
//! fixture (MIT, see tests/fixtures/GOLDEN_RULES_LICENSE.txt) and the seed
//! article this project started from.

use std::borrow::Cow;

use claimdesk::split::{clean, split};
use serde_json::Value;

/// Trimmed, with whitespace runs collapsed: a span of the original text keeps
/// the line break in "cold \nnight", which the rules' expected output joins.
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn golden_rules_pass_at_least_51_of_52() {
    golden_rules(false);
}

#[test]
fn golden_rules_pass_at_least_51_of_52_after_clean() {
    golden_rules(true);
}

/// Splits every Golden Rules case (after `clean` if `cleaned`) and fails
/// below 51 of 52.
fn golden_rules(cleaned: bool) {
    let data = include_str!("fixtures/golden_rules_en.jsonl");
    let mut failures = Vec::new();
    let mut total = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("valid JSON line");
        let text = case["text"].as_str().expect("text");
        let text = if cleaned {
            clean(text)
        } else {
            Cow::Borrowed(text)
        };
        let text = &*text;
        let expected: Vec<String> = case["sentences"]
            .as_array()
            .expect("sentences")
            .iter()
            .map(|s| normalize(s.as_str().expect("string")))
            .collect();
        let got: Vec<String> = split(text)
            .iter()
            .map(|s| normalize(s.slice(text)))
            .collect();
        total += 1;
        if got != expected {
            failures.push(format!("{}: want {expected:?}, got {got:?}", case["id"]));
        }
    }
    assert_eq!(total, 52, "the fixture has 52 cases");
    let passed = total - failures.len();
    assert!(
        passed >= 51,
        "passed {passed} of {total}:\n{}",
        failures.join("\n")
    );
}

/// The seed article, one paragraph a line (lines 3.. of
/// data/seed/iraq-troop-talks.txt; the headline and outlet lines are left out).
const SEED_PARAGRAPHS: &str = r#"In an official statement released by the Pentagon, US Defense Secretary Lloyd Austin has suggested the possibility of reducing the American military presence in Iraq. The upcoming meetings between US and Iraqi officials will focus on transitioning towards a long-lasting bilateral security partnership that builds upon years of joint operations against the Islamic State (IS) militant group.
Secretary Austin highlighted that US troops remain in Iraq at the invitation of the government in Baghdad. The discussions, to be held by the US-Iraq Higher Military Commission, will assess the presence of US forces in the country, taking into account the threat posed by militants, the ongoing requirements, and the capabilities of the Iraqi military.
This proposal arrives amid heightened tensions in Iraq, with some Iraqi officials demanding the withdrawal of US forces following months of violence between Iranian-backed militias and the US military, particularly in the aftermath of the Israel-Gaza conflict. However, it remains uncertain whether Iraqi officials will officially request the departure of US forces.
The Iraqi Foreign Ministry announced the commencement of the meetings and acknowledged the progress made in negotiations since August. The discussions aim to establish a clear timeline for the presence of international coalition advisors in Iraq, with a gradual reduction of their presence as the Iraqi forces' capabilities grow. Furthermore, the meetings seek to conclude the military mission against IS and transition to comprehensive bilateral relations in various areas, including politics, economics, culture, security, and military affairs.
Although the Iraqi parliament has previously voted for the expulsion of US forces, formal notification has not been received by US officials. Sabrina Singh, a spokesperson for the Pentagon, emphasized that the discussions were not centered around a negotiation of US troop withdrawal, but rather focused on ensuring Iraq's success in defending its own security and sovereignty.
Details about the specifics of the new arrangement in Iraq were not disclosed by US officials during a conference call. However, it is possible that the United States may withdraw troops from certain locations in both Iraq and Syria, as US forces in Syria rely on logistics supported by American personnel in Iraq.
Militia attacks on US military positions in Iraq and Syria, believed to be affiliated with Iran, have occurred at least 151 times since October. These attacks have resulted in injuries to approximately 70 American personnel, with one soldier critically wounded. The presence of US forces has been instrumental in preventing larger-scale attacks by Islamic State cells in the region.
The discussions between the US and Iraq mark the culmination of two decades of American military involvement in Iraq. The initial invasion authorized by President George W. Bush in 2003, based on flawed intelligence claiming Iraq possessed weapons of mass destruction, led to a violent insurgency resulting in the deaths of thousands of US troops and hundreds of thousands of Iraqis. US troops withdrew in 2011 under President Barack Obama, only to return in 2014 to counter the IS's control over a significant portion of the country."#;

#[test]
fn seed_article_splits_into_19_sentences() {
    let mut sentences = Vec::new();
    for paragraph in SEED_PARAGRAPHS.lines() {
        sentences.extend(split(paragraph).iter().map(|s| s.slice(paragraph)));
    }
    assert_eq!(sentences.len(), 19, "{sentences:#?}");
    let bush = sentences
        .iter()
        .find(|s| s.starts_with("The initial invasion authorized by President George W. Bush"))
        .expect("the invasion sentence");
    assert!(bush.ends_with("hundreds of thousands of Iraqis."), "{bush}");
    assert!(sentences.iter().all(|s| s.ends_with('.')), "{sentences:#?}");
}

#[test]
fn seed_article_needs_no_cleaning() {
    for paragraph in SEED_PARAGRAPHS.lines() {
        assert!(matches!(clean(paragraph), Cow::Borrowed(_)), "{paragraph}");
    }
}

#[test]
fn seed_article_as_one_text_gives_the_same_sentences() {
    let per_paragraph: usize = SEED_PARAGRAPHS.lines().map(|p| split(p).len()).sum();
    let blank_separated = SEED_PARAGRAPHS.replace('\n', "\n\n");
    assert_eq!(split(SEED_PARAGRAPHS).len(), per_paragraph);
    assert_eq!(split(&blank_separated).len(), per_paragraph);
}
