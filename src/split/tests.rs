//! Unit tests on real sentences.

use super::*;

fn texts(t: &str) -> Vec<&str> {
    split(t).iter().map(|s| s.slice(t)).collect()
}

#[test]
fn keeps_initials_and_abbreviations_inside() {
    let t = "The invasion authorized by President George W. Bush in 2003 failed. Mr. Smith met Dr. Jones in the U.S. on Jan. 5. It cost $1.13bn.";
    assert_eq!(
        texts(t),
        vec![
            "The invasion authorized by President George W. Bush in 2003 failed.",
            "Mr. Smith met Dr. Jones in the U.S. on Jan. 5.",
            "It cost $1.13bn."
        ]
    );
}
