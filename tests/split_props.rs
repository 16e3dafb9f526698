//! Invariants of the splitter on arbitrary input.

use claimdesk::split::{Span, split};
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

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
