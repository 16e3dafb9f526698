//! Invariants of the splitter and of the cleaning pass on arbitrary input.

use std::borrow::Cow;

use claimdesk::split::{Span, clean, split};
use proptest::prelude::*;

/// Checks every promise `split` makes about its spans.
fn check(text: &str, spans: &[Span]) -> Result<(), TestCaseError> {
    let mut prev_end = 0;
    for s in spans {
        prop_assert!(s.start < s.end, "empty span {s:?}");
        prop_assert!(s.start >= prev_end, "overlap or disorder at {s:?}");
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let claim = s.slice(text);
        prop_assert_eq!(claim, claim.trim(), "untrimmed span {:?}", s);
        prev_end = s.end;
    }
    // Every non-whitespace character lies inside some span.
    let mut spans_iter = spans.iter().peekable();
    for (i, c) in text.char_indices() {
        while spans_iter.peek().is_some_and(|s| s.end <= i) {
            spans_iter.next();
        }
        if !c.is_whitespace() {
            let inside = spans_iter.peek().is_some_and(|s| s.start <= i && i < s.end);
            prop_assert!(inside, "{c:?} at byte {i} dropped");
        }
    }
    Ok(())
}

/// Text built from the pieces the rules react to, so that the interesting
/// paths (abbreviations, quotes, lists, ellipses, line breaks) are exercised
/// far more often than by uniformly random characters.
fn sentence_like() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "Mr.",
        "U.S.",
        "a.m.",
        "Co.",
        "No.",
        "J.",
        "e.g.",
        "The",
        "he",
        "said",
        "1.",
        "2)",
        "(a)",
        "\"",
        "'",
        "“",
        "”",
        "‘",
        "’",
        "(",
        ")",
        "[",
        "]",
        "[6]",
        "<",
        ">",
        "...",
        ". . .",
        "…",
        ".",
        "?",
        "!",
        "?!",
        "-",
        "--",
        "—",
        "•",
        "\n",
        "\n\n",
        "\r",
        " ",
        "  ",
        "\t",
        "3.5%",
        "$1.13bn",
        "www.x.Com",
        "a@b.co",
        "．",
        "。",
        "é",
        "İ",
        "ǃ",
        "x10.",
        "9",
        "Ste.",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|v| {
        let mut s = String::new();
        for (k, p) in v.iter().enumerate() {
            if k % 3 == 0 {
                s.push(' ');
            }
            s.push_str(p);
        }
        s
    })
}

/// Markup that `clean` may remove, as whole tags.
const TAGS: &[&str] = &[
    "<em>",
    "</em>",
    "<p class=\"x\">",
    "</p>",
    "<p>",
    "<br/>",
    "<img src='a.jpg'>",
    "&lt;b&gt;",
    "&lt;/b&gt;",
    "{b^>1<b^}",
    "{b^&gt;2&lt;b^}",
];

/// Text pieces without `<`, `&` or `{`, so that a tag can only come from `TAGS`.
const TEXT: &[&str] = &[
    "W", "A", "RN", "I", "ng", "em", "b", "Yes", "said", "3.5%", "U.S.", ".", "?", "`", "'", "\"",
    "/", "//", "////", ">", "\n", "\n\n", "\r", " ", "\t", "é", "İ", "9", "x1",
];

/// Text mixing prose pieces and markup: `(text, the text pieces only)`.
fn marked_up() -> impl Strategy<Value = (String, String)> {
    let piece = prop_oneof![
        3 => prop::sample::select(TEXT).prop_map(|p| (p, false)),
        1 => prop::sample::select(TAGS).prop_map(|p| (p, true)),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| {
        let (mut all, mut prose) = (String::new(), String::new());
        for (p, is_tag) in v {
            all.push_str(p);
            if !is_tag {
                prose.push_str(p);
            }
        }
        (all, prose)
    })
}

fn alnum(s: &str) -> Vec<char> {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Is `small` a subsequence of `big`?
fn subsequence(small: &[char], big: &[char]) -> bool {
    let mut it = big.iter();
    small.iter().all(|c| it.any(|b| b == c))
}

/// What `clean` promises on any input.
fn check_clean(text: &str) -> Result<(), TestCaseError> {
    let once = clean(text);
    let twice = clean(&once);
    prop_assert_eq!(&*twice, &*once, "not idempotent on {:?}", text);
    prop_assert!(matches!(twice, Cow::Borrowed(_)), "a clean text was copied");
    if matches!(once, Cow::Owned(_)) {
        prop_assert_ne!(&*once, text, "an unchanged text was copied");
    }
    // Letters and digits only ever disappear, never appear or move.
    prop_assert!(subsequence(&alnum(&once), &alnum(text)));
    let spans = split(&once);
    check(&once, &spans)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn clean_keeps_its_promises_on_any_utf8(text in any::<String>()) {
        check_clean(&text)?;
        // Without anything that opens a tag, no letter or digit is lost.
        if !text.contains(['<', '&', '{']) {
            prop_assert_eq!(alnum(&clean(&text)), alnum(&text));
        }
    }

    #[test]
    fn clean_keeps_its_promises_on_sentence_like_text(text in sentence_like()) {
        check_clean(&text)?;
    }

    #[test]
    fn clean_removes_letters_only_inside_tags((text, prose) in marked_up()) {
        check_clean(&text)?;
        let cleaned = clean(&text);
        prop_assert!(
            subsequence(&alnum(&prose), &alnum(&cleaned)),
            "{:?} lost prose: {:?}", text, cleaned
        );
    }

    #[test]
    fn any_utf8_keeps_the_invariants(text in any::<String>()) {
        let spans = split(&text);
        check(&text, &spans)?;
    }

    #[test]
    fn sentence_like_text_keeps_the_invariants(text in sentence_like()) {
        let spans = split(&text);
        check(&text, &spans)?;
    }

    #[test]
    fn a_blank_line_always_separates(text in sentence_like()) {
        // Whatever follows, a paragraph break ends the paragraph before it.
        let joined = format!("Intro.\n\n{text}");
        let spans = split(&joined);
        check(&joined, &spans)?;
        prop_assert_eq!(spans[0].slice(&joined), "Intro.");
    }
}
