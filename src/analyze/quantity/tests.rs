//! Quantity extraction on real sentences from the seed article and BBC News.

use super::*;

/// (text, value, unit, kind, qualifier) of one quantity, for compact asserts.
type Summary = (String, f64, Option<String>, QuantityKind, Option<String>);

fn summary(s: &str) -> Vec<Summary> {
    extract(s)
        .into_iter()
        .map(|q| {
            assert_eq!(&s[q.start..q.end], q.text, "span and text agree");
            (q.text, q.value, q.unit, q.kind, q.qualifier)
        })
        .collect()
}

fn one(s: &str) -> Quantity {
    let qs = extract(s);
    assert_eq!(qs.len(), 1, "{s:?} gave {qs:?}");
    qs.into_iter().next().unwrap()
}

#[test]
fn seed_attacks_at_least_151_times() {
    let q = one(
        "Militia attacks on US military positions in Iraq and Syria, believed to be affiliated with Iran, have occurred at least 151 times since October.",
    );
    assert_eq!(q.text, "151 times");
    assert_eq!(q.value, 151.0);
    assert_eq!(q.unit.as_deref(), Some("times"));
    assert_eq!(q.kind, QuantityKind::Count);
    assert_eq!(q.qualifier.as_deref(), Some("at least"));
}

#[test]
fn seed_personnel_counted_noun_and_one_soldier() {
    let s = "These attacks have resulted in injuries to approximately 70 American personnel, with one soldier critically wounded.";
    let qs = extract(s);
    assert_eq!(qs.len(), 2, "{qs:?}");
    assert_eq!(qs[0].text, "70 American personnel");
    assert_eq!(
        (qs[0].value, qs[0].unit.as_deref()),
        (70.0, Some("personnel"))
    );
    assert_eq!(qs[0].qualifier.as_deref(), Some("approximately"));
    assert_eq!((qs[1].value, qs[1].unit.as_deref()), (1.0, Some("soldier")));
}

#[test]
fn seed_two_decades_is_twenty_years() {
    let q = one(
        "The discussions between the US and Iraq mark the culmination of two decades of American military involvement in Iraq.",
    );
    assert_eq!((q.text.as_str(), q.value), ("two decades", 20.0));
    assert_eq!(
        (q.unit.as_deref(), q.kind),
        (Some("year"), QuantityKind::Duration)
    );
    let twenty = one("They stayed for 20 years.");
    assert_eq!((twenty.value, twenty.unit), (q.value, q.unit));
}

#[test]
fn seed_years_and_vague_thousands() {
    let s = "The initial invasion authorized by President George W. Bush in 2003, based on flawed intelligence, led to the deaths of thousands of US troops and hundreds of thousands of Iraqis.";
    let got = summary(s);
    assert_eq!(
        got[0],
        ("2003".into(), 2003.0, None, QuantityKind::Year, None)
    );
    assert_eq!(got[1].0, "thousands of US troops");
    assert_eq!((got[1].1, got[1].2.as_deref()), (1000.0, Some("troop")));
    assert_eq!(got[1].4.as_deref(), Some("at least"));
    assert_eq!((got[2].1, got[2].2.as_deref()), (100_000.0, Some("iraqi")));
    let years =
        summary("US troops withdrew in 2011 under President Barack Obama, only to return in 2014.");
    assert_eq!(
        years.iter().map(|q| q.1).collect::<Vec<_>>(),
        [2011.0, 2014.0]
    );
    assert!(years.iter().all(|q| q.3 == QuantityKind::Year));
}

#[test]
fn bbc_timewarner_money_and_percentage() {
    let s = "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December, from $639m year-earlier.";
    let got = summary(s);
    assert_eq!(got.len(), 5, "{got:?}");
    assert_eq!(
        got[0],
        (
            "76%".into(),
            76.0,
            Some("%".into()),
            QuantityKind::Percentage,
            None
        )
    );
    assert_eq!(
        got[1],
        (
            "$1.13bn".into(),
            1.13e9,
            Some("USD".into()),
            QuantityKind::Money,
            None
        )
    );
    assert_eq!(
        got[2],
        (
            "£600m".into(),
            6e8,
            Some("GBP".into()),
            QuantityKind::Money,
            None
        )
    );
    assert_eq!(got[3].1, 3.0);
    assert_eq!(
        (got[3].2.as_deref(), got[3].3),
        (Some("month"), QuantityKind::Duration)
    );
    assert_eq!(got[4].1, 6.39e8);
}

#[test]
fn spelled_out_forms_equal_symbols() {
    assert_eq!(one("It rose 76 per cent.").value, 76.0);
    assert_eq!(one("It rose 76 per cent.").unit.as_deref(), Some("%"));
    assert_eq!(one("It rose 76 percent.").unit.as_deref(), Some("%"));
    let bn = one("Sales were 1.13 billion dollars.");
    assert_eq!(
        (bn.value, bn.unit.as_deref(), bn.kind),
        (1.13e9, Some("USD"), QuantityKind::Money)
    );
    let eur = one("It cost €2.5m to build.");
    assert_eq!((eur.value, eur.unit.as_deref()), (2.5e6, Some("EUR")));
}

#[test]
fn number_words_and_separators() {
    assert_eq!(one("A dozen companies bid.").value, 12.0);
    assert_eq!(
        one("A dozen companies bid.").unit.as_deref(),
        Some("company")
    );
    assert_eq!(one("The city has 1.2m people.").value, 1.2e6);
    assert_eq!(one("Some 3,500 jobs will go.").value, 3500.0);
    assert_eq!(
        one("Some 3,500 jobs will go.").qualifier.as_deref(),
        Some("some")
    );
    assert_eq!(
        one("It employs twenty-five thousand workers.").value,
        25_000.0
    );
    assert_eq!(one("He won two hundred and fifty votes.").value, 250.0);
    assert_eq!(one("Three million people voted.").value, 3e6);
    let fourth = one("It was the fourth quarter in a row.");
    assert_eq!((fourth.value, fourth.kind), (4.0, QuantityKind::Ordinal));
    assert_eq!(fourth.unit.as_deref(), Some("quarter"));
    assert_eq!(one("She came 2nd in the race.").kind, QuantityKind::Ordinal);
}

#[test]
fn dates_decades_and_durations() {
    let d = one("The vote is on January 5, 2004 in Baghdad.");
    assert_eq!(
        (d.kind, d.value, d.text.as_str()),
        (QuantityKind::Date, 20040105.0, "January 5, 2004")
    );
    assert_eq!(one("Talks began on 12 May.").value, 512.0);
    let dec = one("Growth in the 1990s was slow.");
    assert_eq!(
        (dec.kind, dec.unit.as_deref()),
        (QuantityKind::Year, Some("decade"))
    );
    assert_eq!(one("a 10-year plan").unit.as_deref(), Some("year"));
    let c = one("It took two centuries.");
    assert_eq!((c.kind, c.value), (QuantityKind::Duration, 200.0));
}

#[test]
fn names_times_and_lone_ones_are_not_quantities() {
    assert!(extract("The F-16 and the G8 met at 10:30 on 5/12.").is_empty());
    assert!(extract("No one knows; one of them left at first.").is_empty());
    assert!(extract("He said it in a second.").is_empty());
    assert!(extract("").is_empty());
}

#[test]
fn names_with_numbers_and_foreign_dollars() {
    assert!(extract("The groundbreaking Commodore 64 computer elicits fond memories.").is_empty());
    assert!(extract("They lost in the Six Nations, propping up one another's prices.").is_empty());
    let aud = one("Qantas made savings of A$245m.");
    assert_eq!((aud.value, aud.unit.as_deref()), (2.45e8, Some("AUD")));
}

#[test]
fn reuters_abbreviations() {
    let s = "Metromail reported earnings of 2.4 mln dlrs, or 25 cts a share, versus three mln dlrs, and it rose 8.3 pct.";
    let got = summary(s);
    let values: Vec<(f64, Option<&str>)> = got.iter().map(|q| (q.1, q.2.as_deref())).collect();
    assert_eq!(
        values,
        [
            (2.4e6, Some("USD")),
            (0.25, Some("USD")),
            (3e6, Some("USD")),
            (8.3, Some("%"))
        ]
    );
    let table = summary("Net loss 536,000 vs profit 166,000 WHEAT MAY7 285 UP 1 DEC7");
    assert_eq!(table[0].2, None, "{table:?}");
    assert!(
        table.iter().all(|q| q.3 == QuantityKind::Count),
        "{table:?}"
    );
}

#[test]
fn ranges_share_their_unit_and_scores_are_dropped() {
    let got = summary("The Xbox was aiming for 10-20 million subscribers.");
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!((got[0].1, got[0].2.as_deref()), (1e7, Some("subscriber")));
    assert_eq!((got[1].1, got[1].2.as_deref()), (2e7, Some("subscriber")));
    assert_eq!(got[0].4.as_deref(), Some("at least"));
    assert_eq!(got[1].4.as_deref(), Some("at most"));
    let pct = summary("It has an 80-85 pct yield of white products.");
    assert_eq!(
        pct.iter().map(|q| (q.1, q.3)).collect::<Vec<_>>(),
        [
            (80.0, QuantityKind::Percentage),
            (85.0, QuantityKind::Percentage)
        ]
    );
    let money = summary("The deal is worth $10-20m.");
    assert_eq!(
        money
            .iter()
            .map(|q| (q.1, q.2.as_deref()))
            .collect::<Vec<_>>(),
        [(1e7, Some("USD")), (2e7, Some("USD"))]
    );
    assert!(extract("Agassi lost 6-3 6-1 in San Jose.").is_empty());
    assert_eq!(extract("The 2003-2004 season").len(), 2);
}
