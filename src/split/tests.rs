//! Unit tests on real sentences, one phenomenon each.

use super::*;

fn texts(t: &str) -> Vec<&str> {
    split(t).iter().map(|s| s.slice(t)).collect()
}

#[test]
fn keeps_initials_titles_and_amounts_inside() {
    let t = "The invasion authorized by President George W. Bush in 2003 failed. Mr. Smith met Dr. Jones in the U.S. on Jan. 5. It cost $1.13bn, up 3.5% on 1.2m.";
    assert_eq!(
        texts(t),
        vec![
            "The invasion authorized by President George W. Bush in 2003 failed.",
            "Mr. Smith met Dr. Jones in the U.S. on Jan. 5.",
            "It cost $1.13bn, up 3.5% on 1.2m."
        ]
    );
}

#[test]
fn military_titles_and_author_initials() {
    let t = "Lt. Col. Ann Lee and Gen. Smith flew in at 9 a.m. on Tuesday. J.K. Rowling wrote it.";
    assert_eq!(
        texts(t),
        vec![
            "Lt. Col. Ann Lee and Gen. Smith flew in at 9 a.m. on Tuesday.",
            "J.K. Rowling wrote it."
        ]
    );
}

#[test]
fn company_suffixes_end_sentences_only_before_a_new_one() {
    let t = "He joined Acme Corp. last year. He left Acme Corp. The firm did not comment.";
    assert_eq!(
        texts(t),
        vec![
            "He joined Acme Corp. last year.",
            "He left Acme Corp.",
            "The firm did not comment."
        ]
    );
}

#[test]
fn e_g_and_etc_mid_sentence() {
    let t = "Bring tools, e.g. a hammer, nails etc. and some glue. Sen. Jones vs. Rep. Smith is No. 1 on the list.";
    assert_eq!(
        texts(t),
        vec![
            "Bring tools, e.g. a hammer, nails etc. and some glue.",
            "Sen. Jones vs. Rep. Smith is No. 1 on the list."
        ]
    );
}

#[test]
fn quotes_and_attribution_stay_together() {
    let t =
        "\"We are pleased. Sales grew,\" he said. \"Next year will be better.\" Analysts agreed.";
    assert_eq!(
        texts(t),
        vec![
            "\"We are pleased. Sales grew,\" he said.",
            "\"Next year will be better.\"",
            "Analysts agreed."
        ]
    );
}

#[test]
fn question_inside_quotes_and_short_attribution() {
    let t = "\"Why now?\" asked Ms. Lee. \"It is time.\" Lichtblau said.";
    assert_eq!(
        texts(t),
        vec![
            "\"Why now?\" asked Ms. Lee.",
            "\"It is time.\" Lichtblau said."
        ]
    );
}

#[test]
fn parentheses_end_or_continue_sentences() {
    let t = "The vote was close (51 to 49). (The result was contested.) It stands.";
    assert_eq!(
        texts(t),
        vec![
            "The vote was close (51 to 49).",
            "(The result was contested.)",
            "It stands."
        ]
    );
}

#[test]
fn citation_markers_stay_with_their_sentence() {
    let t = "The city was founded in 1850.[6][7] It grew fast.";
    assert_eq!(
        texts(t),
        vec!["The city was founded in 1850.[6][7]", "It grew fast."]
    );
}

#[test]
fn urls_and_emails_do_not_split() {
    let t = "See www.example.com/News.html or write to Jane.Doe@example.org. Then wait.";
    assert_eq!(
        texts(t),
        vec![
            "See www.example.com/News.html or write to Jane.Doe@example.org.",
            "Then wait."
        ]
    );
}

#[test]
fn news_dateline_is_part_of_the_first_sentence() {
    let t = "WASHINGTON (Reuters) - The U.S. Senate passed the bill on Friday. It now goes to the House.";
    assert_eq!(
        texts(t),
        vec![
            "WASHINGTON (Reuters) - The U.S. Senate passed the bill on Friday.",
            "It now goes to the House."
        ]
    );
}

#[test]
fn ellipsis_ends_only_before_a_capital() {
    let t = "He paused... Then he spoke. It was ... well, odd.";
    assert_eq!(
        texts(t),
        vec!["He paused...", "Then he spoke.", "It was ... well, odd."]
    );
}

#[test]
fn numbered_and_bulleted_lists() {
    let t = "Steps: 1. Open the box 2. Remove the unit 3. Plug it in";
    assert_eq!(
        texts(t),
        vec![
            "Steps:",
            "1. Open the box",
            "2. Remove the unit",
            "3. Plug it in"
        ]
    );
    let t = "• Lower taxes\n• Better schools\n- More police";
    assert_eq!(
        texts(t),
        vec!["• Lower taxes", "• Better schools", "- More police"]
    );
}

#[test]
fn line_breaks_headings_and_paragraphs() {
    let t = "Troop talks\nThe talks begin today.\n\nOfficials said the cuts\nwould be gradual.";
    assert_eq!(
        texts(t),
        vec![
            "Troop talks",
            "The talks begin today.",
            "Officials said the cuts\nwould be gradual."
        ]
    );
}

#[test]
fn a_blank_line_ends_even_an_abbreviation() {
    let t = "He works for Smith & Co.\n\nMr.\n\nSmith left";
    assert_eq!(
        texts(t),
        vec!["He works for Smith & Co.", "Mr.", "Smith left"]
    );
}

#[test]
fn odd_input_is_covered() {
    assert!(split("").is_empty());
    assert!(split(" \n\t ").is_empty());
    assert_eq!(texts("  ...  "), vec!["..."]);
    assert_eq!(
        texts("\"unclosed quote. Next one."),
        vec!["\"unclosed quote.", "Next one."]
    );
}

#[test]
fn stacked_company_abbreviations_and_glued_amounts() {
    let t = "The firm, Smith Bros. Ltd., said profits rose. Sales were $1.13bn.The margin fell.";
    assert_eq!(
        texts(t),
        vec![
            "The firm, Smith Bros. Ltd., said profits rose.",
            "Sales were $1.13bn.",
            "The margin fell."
        ]
    );
}

#[test]
fn open_quotation_running_on_does_not_swallow_the_next() {
    let t = "He said: \"Steven is above money. He is the future. \"We will not sell him.\" On Monday he left.";
    assert_eq!(
        texts(t),
        vec![
            "He said: \"Steven is above money.",
            "He is the future.",
            "\"We will not sell him.\"",
            "On Monday he left."
        ]
    );
}

#[test]
fn short_lines_split_only_when_they_look_like_headings() {
    let t = "It was a\ncold night. He left. The\ncat stayed.";
    assert_eq!(
        texts(t),
        vec!["It was a\ncold night.", "He left.", "The\ncat stayed."]
    );
    let t = "features\ncontact manager\nevents, activities";
    assert_eq!(
        texts(t),
        vec!["features", "contact manager", "events, activities"]
    );
}
