//! Analysis of real sentences from the seed article and BBC News.

use super::*;

const SEED_STATEMENT: &str = "In an official statement released by the Pentagon, US Defense Secretary Lloyd Austin has suggested the possibility of reducing the American military presence in Iraq.";
const SEED_HIGHLIGHTED: &str = "Secretary Austin highlighted that US troops remain in Iraq at the invitation of the government in Baghdad.";
const SEED_SINGH: &str = "Sabrina Singh, a spokesperson for the Pentagon, emphasized that the discussions were not centered around a negotiation of US troop withdrawal, but rather focused on ensuring Iraq's success in defending its own security and sovereignty.";
const SEED_ATTACKS: &str = "Militia attacks on US military positions in Iraq and Syria, believed to be affiliated with Iran, have occurred at least 151 times since October.";
const BBC_TIMEWARNER: &str = "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December, from $639m year-earlier.";

#[test]
fn seed_statement_names_lloyd_austin() {
    let a = analyze(SEED_STATEMENT);
    assert_eq!(a.speaker.as_deref(), Some("Lloyd Austin"));
    assert_eq!(a.speaker_full.as_deref(), Some("Lloyd Austin"));
    assert_eq!(a.cue.as_deref(), Some("suggested"));
    assert!(!a.direct_quote);
    let person = a
        .entities
        .iter()
        .find(|e| e.kind == EntityKind::Person)
        .unwrap();
    assert_eq!(person.text, "Lloyd Austin");
    assert_eq!(&SEED_STATEMENT[person.start..person.end], "Lloyd Austin");
    assert!(
        a.entities
            .iter()
            .any(|e| e.text == "Pentagon" && e.kind == EntityKind::Organisation)
    );
    assert!(
        a.entities
            .iter()
            .any(|e| e.text == "Iraq" && e.kind == EntityKind::Place)
    );
}

#[test]
fn secretary_austin_resolved_from_earlier_sentence() {
    let alone = analyze(SEED_HIGHLIGHTED);
    assert_eq!(alone.speaker.as_deref(), Some("Secretary Austin"));
    assert_eq!(alone.cue.as_deref(), Some("highlighted"));
    assert_eq!(alone.speaker_full, None, "no full name without the article");
    let article = analyze_article(&[SEED_STATEMENT, SEED_HIGHLIGHTED]);
    assert_eq!(article[1].speaker.as_deref(), Some("Secretary Austin"));
    assert_eq!(article[1].speaker_full.as_deref(), Some("Lloyd Austin"));
}

#[test]
fn singh_attributed_across_her_appositive() {
    let a = analyze(SEED_SINGH);
    assert_eq!(a.speaker.as_deref(), Some("Sabrina Singh"));
    assert_eq!(a.cue.as_deref(), Some("emphasized"));
    assert_eq!(a.speaker_full.as_deref(), Some("Sabrina Singh"));
}

#[test]
fn he_said_resolves_to_last_speaker() {
    let claims = [
        SEED_SINGH,
        "\"We are not seeing the numbers that we saw in the second half of 2004,\" he added.",
    ];
    let a = analyze_article(&claims);
    assert_eq!(a[1].speaker.as_deref(), Some("he"));
    assert_eq!(a[1].cue.as_deref(), Some("added"));
    assert_eq!(a[1].speaker_full.as_deref(), Some("Sabrina Singh"));
    assert!(a[1].direct_quote);
    let opens =
        "He told the newspaper: \"If an admission is made, it is a totally different ball game.";
    assert!(analyze(opens).direct_quote);
    assert!(!analyze(SEED_SINGH).direct_quote);
}

#[test]
fn according_to_and_inverted_said() {
    let a =
        analyze("The economy grew 2% last year, according to the Office for National Statistics.");
    assert_eq!(a.cue.as_deref(), Some("according to"));
    assert_eq!(a.speaker.as_deref(), Some("Office for National Statistics"));
    let b = analyze("\"We will not back down,\" said Mr Blair.");
    assert_eq!(
        (b.speaker.as_deref(), b.cue.as_deref()),
        (Some("Mr Blair"), Some("said"))
    );
    let passive = analyze("Details were not disclosed by US officials during a conference call.");
    assert_eq!(passive.speaker, None);
}

#[test]
fn seed_attacks_is_a_quantity_claim() {
    let a = analyze(SEED_ATTACKS);
    assert_eq!(a.claim_type, ClaimType::Quantity);
    let q = &a.quantities[0];
    assert_eq!((q.value, q.unit.as_deref()), (151.0, Some("times")));
    assert_eq!(q.qualifier.as_deref(), Some("at least"));
    assert_eq!(a.speaker, None);
}

#[test]
fn bbc_timewarner_quantities() {
    let a = analyze(BBC_TIMEWARNER);
    assert_eq!(a.claim_type, ClaimType::Quantity);
    let money: Vec<(f64, &str)> = a
        .quantities
        .iter()
        .filter(|q| q.kind == quantity::QuantityKind::Money)
        .map(|q| (q.value, q.unit.as_deref().unwrap()))
        .collect();
    assert_eq!(money, [(1.13e9, "USD"), (6e8, "GBP"), (6.39e8, "USD")]);
    assert!(a.entities.iter().any(|e| e.text == "TimeWarner"));
}

#[test]
fn questions_and_stage_directions_are_not_claims() {
    for s in [
        "(APPLAUSE)",
        "What would you do about Iraq?",
        "Thank you very much.",
        "Good evening.",
    ] {
        assert_eq!(analyze(s).claim_type, ClaimType::NotAClaim, "{s}");
    }
}

#[test]
fn claim_types_follow_their_cues() {
    let cases = [
        (
            "The company will cut 3,000 jobs next year.",
            ClaimType::Prediction,
        ),
        (
            "The strike was caused by the new pay deal.",
            ClaimType::CorrelationOrCausation,
        ),
        (
            "Under the new law, smoking in pubs is illegal.",
            ClaimType::LawOrRule,
        ),
        (
            "I grew up in a small town and my father was a miner.",
            ClaimType::PersonalExperience,
        ),
        (
            "The Iraqi Foreign Ministry announced the commencement of the meetings.",
            ClaimType::OtherClaim,
        ),
        ("Unemployment fell to 4.7% in January.", ClaimType::Quantity),
    ];
    for (s, t) in cases {
        assert_eq!(analyze(s).claim_type, t, "{s}");
    }
}

#[test]
fn checkworthiness_ranks_claims_above_chatter() {
    let claim =
        analyze("Unemployment has risen by 2.3 million since 2008, the highest rise on record.");
    let chatter = analyze("Thank you, and good evening.");
    let question = analyze("How are you going to pay for it?");
    assert!((0.0..=1.0).contains(&claim.checkworthiness));
    assert!(claim.checkworthiness > 0.5, "{}", claim.checkworthiness);
    assert!(chatter.checkworthiness < 0.2, "{}", chatter.checkworthiness);
    assert!(question.checkworthiness < claim.checkworthiness);
}

#[test]
fn claim_type_names_round_trip() {
    for t in ClaimType::ALL {
        assert_eq!(t.as_str().parse::<ClaimType>(), Ok(t));
        assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
    }
    let err = "opinion".parse::<ClaimType>().unwrap_err();
    assert!(
        err.contains("not-a-claim") && err.contains("quantity"),
        "{err}"
    );
}

#[test]
fn builtin_weights_round_trip_through_tsv() {
    let w = model::builtin();
    let again = model::Weights::from_tsv(&w.to_tsv("test", 0.0)).unwrap();
    let f = model_features(SEED_ATTACKS);
    assert!((w.score(&f) - again.score(&f)).abs() < 1e-3);
}

mod invariants {
    use super::super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn spans_are_in_bounds_and_score_is_a_probability(s in "\\PC{0,120}") {
            let a = analyze(&s);
            prop_assert!((0.0..=1.0).contains(&a.checkworthiness));
            for q in &a.quantities {
                prop_assert!(q.start < q.end && q.end <= s.len());
                prop_assert_eq!(&s[q.start..q.end], q.text.as_str());
            }
            for e in &a.entities {
                prop_assert!(e.start < e.end && e.end <= s.len());
                prop_assert_eq!(&s[e.start..e.end], e.text.as_str());
            }
        }

        #[test]
        fn article_analysis_matches_claim_count(
            claims in proptest::collection::vec("[A-Za-z0-9$%., \"']{0,60}", 0..6)
        ) {
            let refs: Vec<&str> = claims.iter().map(String::as_str).collect();
            let out = analyze_article(&refs);
            prop_assert_eq!(out.len(), claims.len());
            for (a, c) in out.iter().zip(&refs) {
                let alone = analyze(c);
                prop_assert_eq!(a.checkworthiness, alone.checkworthiness);
                prop_assert_eq!(a.claim_type, alone.claim_type);
            }
        }
    }
}

#[test]
fn bbc_attribution_patterns() {
    let cases = [
        (
            "Howard Archer, economist at Global Insight said the MPC \"may well consider that the balance of risks to the growth and inflation outlook have moved from the downside to the upside\".",
            "Howard Archer",
            "said",
        ),
        (
            "The British Chambers of Commerce (BCC) said it was \"concerned by the clamour in some quarters\" for early interest rate increases.",
            "British Chambers of Commerce",
            "said",
        ),
        (
            "Bank of England governor Mervyn King has recently warned against placing too much weight on one month's economic data.",
            "Mervyn King",
            "warned",
        ),
        (
            "This ability to personalise games and in-game characters would be key in the future, said Mr Allard.",
            "Mr Allard",
            "said",
        ),
    ];
    for (s, speaker, cue) in cases {
        let a = analyze(s);
        assert_eq!(a.speaker.as_deref(), Some(speaker), "{s}");
        assert_eq!(a.cue.as_deref(), Some(cue), "{s}");
    }
    let king = analyze(cases[2].0);
    assert!(
        king.entities
            .iter()
            .any(|e| e.text == "Bank of England" && e.kind == EntityKind::Organisation)
    );
    assert!(
        king.entities
            .iter()
            .any(|e| e.text == "Mervyn King" && e.kind == EntityKind::Person)
    );
}

#[test]
fn headline_capitals_are_not_people() {
    let a = analyze(
        "US Defense Secretary Considers Reducing Military Presence in Iraq amid Talks of Bilateral Security Partnership",
    );
    let texts: Vec<&str> = a.entities.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["US", "Iraq"]);
}
