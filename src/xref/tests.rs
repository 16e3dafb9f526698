//! Cross-referencing on real sentences: the seed article (line 9) and BBC business
//! stories 001, 259 and 495, each against a rewording a second outlet could print.

use proptest::prelude::*;

use super::*;

const ATTACKS: &str = "Militia attacks on US military positions in Iraq and Syria, believed to be \
    affiliated with Iran, have occurred at least 151 times since October.";
const INJURIES: &str = "These attacks have resulted in injuries to approximately 70 American personnel, \
    with one soldier critically wounded.";
const WITHDRAWAL: &str = "US troops withdrew in 2011 under President Barack Obama, only to return in 2014 \
    to counter the IS's control over a significant portion of the country.";
const TIMEWARNER: &str = "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) \
    for the three months to December, from $639m year-earlier.";
const CHINA: &str = "China has seen two decades of blistering economic growth, which has led to wealth \
    creation on a huge scale, says the BBC's Louisa Lim in Beijing.";
const AUSTIN: &str = "Secretary Austin highlighted that US troops remain in Iraq at the invitation of the \
    government in Baghdad.";
const LATAM: &str = "Latin America's economy grew by 5.5% in 2004, its best performance since 1980, while \
    exports registered their best performance in two decades.";

fn idf() -> Idf {
    Idf::from_texts([
        ATTACKS, INJURIES, WITHDRAWAL, TIMEWARNER, CHINA, AUSTIN, LATAM,
    ])
}

/// The relation and the (a, b) values of each difference.
fn check(a: &str, b: &str) -> (Relation, Vec<(f64, f64)>) {
    let c = compare(a, b, &idf());
    (
        c.relation,
        c.differences
            .iter()
            .map(|d| (d.a.value, d.b.value))
            .collect(),
    )
}

#[test]
fn a_different_count_of_attacks_is_a_conflict() {
    let b = "Militia attacks on US military positions in Iraq and Syria have occurred 160 times since October.";
    assert_eq!(
        check(ATTACKS, b),
        (Relation::Conflict, vec![(151.0, 160.0)])
    );
}

#[test]
fn a_different_count_of_personnel_is_a_conflict() {
    let b = "The attacks have resulted in injuries to 80 personnel, with one soldier critically wounded.";
    assert_eq!(check(INJURIES, b), (Relation::Conflict, vec![(70.0, 80.0)]));
}

#[test]
fn a_different_year_is_a_conflict() {
    let b = "US troops withdrew in 2012 under President Barack Obama, only to return in 2014 to counter \
             the IS's control over a significant portion of the country.";
    assert_eq!(
        check(WITHDRAWAL, b),
        (Relation::Conflict, vec![(2011.0, 2012.0)])
    );
}

#[test]
fn figures_written_differently_agree() {
    let b = "TimeWarner's quarterly profits jumped 76 per cent to 1.13 billion dollars in the three months \
             to December.";
    let (relation, differences) = check(TIMEWARNER, b);
    assert_eq!(differences, []);
    assert_eq!(relation, Relation::Same);
    let b = "China has seen 20 years of blistering economic growth, which has led to wealth creation on a \
             huge scale, says the BBC's Louisa Lim in Beijing.";
    assert_eq!(check(CHINA, b), (Relation::Same, vec![]));
}

#[test]
fn claims_about_other_things_are_not_linked() {
    for (a, b) in [(ATTACKS, TIMEWARNER), (AUSTIN, CHINA), (LATAM, INJURIES)] {
        let c = compare(a, b, &idf());
        assert_eq!(c.relation, Relation::None, "{a} / {b}: {}", c.score);
        assert!(c.differences.is_empty());
    }
}

#[test]
fn a_shared_topic_is_weaker_than_the_same_claim() {
    let idf = idf();
    let same = "US troops remain in Iraq at the invitation of the government in Baghdad, Secretary Austin said.";
    let topic = "US troops withdrew from Iraq in 2011.";
    assert!(similarity(AUSTIN, same, &idf) >= SAME_THRESHOLD);
    assert!(similarity(AUSTIN, topic, &idf) < similarity(AUSTIN, same, &idf));
}

#[test]
fn ranker_finds_the_fact_check_a_tweet_quotes() {
    let mut ranker = Ranker::new();
    for (id, text) in [
        (1, ATTACKS),
        (2, INJURIES),
        (3, WITHDRAWAL),
        (4, TIMEWARNER),
        (5, CHINA),
        (6, AUSTIN),
    ] {
        ranker.add(id, text, None);
    }
    let tweet = "Obama pulled US troops out of Iraq in 2011 and they had to return #Iraq \
                 pic.twitter.com/abc \u{2014} Some One (@someone) January 6, 2020";
    let ranked = ranker.rank(tweet, 3);
    assert_eq!(ranked[0].0, 3);
    assert!(ranked.windows(2).all(|w| w[0].1 >= w[1].1));
}

#[test]
fn template_sentences_about_other_companies_are_not_a_conflict() {
    // BBC business stories: the same market-report template, two different shares.
    let a = "Shares in Wembley were up 56 pence, or 7.6%, at 797p by mid-morning.";
    let b = "Cairn's shares closed up 64 pence, or 6%, at 1130p on Thursday.";
    assert_ne!(compare(a, b, &idf()).relation, Relation::Conflict);
}

#[test]
fn rerank_of_store_candidates_orders_like_the_ranker() {
    let texts = [
        ATTACKS, INJURIES, WITHDRAWAL, TIMEWARNER, CHINA, AUSTIN, LATAM,
    ];
    let mut ranker = Ranker::new();
    for (id, text) in texts.iter().enumerate() {
        ranker.add(id, text, None);
    }
    let query = "How many times have militias attacked US troops in Iraq and Syria?";
    // What a store would fetch: the BM25 hits, with their first-stage scores.
    let hits = ranker.bm25(&clean_query(query), 10);
    let candidates: Vec<Candidate<'_, usize>> = hits
        .iter()
        .map(|&(id, s)| Candidate {
            id,
            text: texts[id],
            title: None,
            first_stage: s,
        })
        .collect();
    let reranked = rerank(query, &candidates, ranker.idf(), &RankWeights::default());
    assert_eq!(reranked, ranker.rank(query, 10));
    assert_eq!(reranked[0].0, 0);
}

#[test]
fn copies_of_a_fact_check_are_listed_once_as_the_first() {
    let original = "A \"law to separate families\" was enacted before April 2018.";
    let copy = "A 'law to separate families' was  enacted before April 2018.";
    let title = "Was a \u{2018}Law to Separate Families\u{2019} Enacted?";
    let mut r = Ranker::new();
    r.add(10, CHINA, None);
    r.add(11, original, Some(title));
    r.add(12, copy, Some("Was a 'law to separate families' enacted?"));
    // Another word, another headline or another day: not a copy.
    r.add(13, &original.replace("April", "May"), Some(title));
    r.add(14, original, None);
    r.add_dated(15, original, Some(title), Some(17_000));
    assert_eq!(
        duplicate_key(original, Some(title), None),
        duplicate_key(
            copy,
            Some("WAS A \"LAW TO SEPARATE FAMILIES\" ENACTED?"),
            None
        )
    );
    let ids: Vec<i32> = r
        .rank(
            "The law to separate families was enacted before April 2018",
            10,
        )
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert!(ids.contains(&11) && !ids.contains(&12), "{ids:?}");
    for other in [13, 14, 15] {
        assert!(ids.contains(&other), "{other} is not a copy: {ids:?}");
    }
    assert_eq!(r.duplicates(1), [12]);
    assert!(r.duplicates(2).is_empty() && r.duplicates(0).is_empty());
}

#[test]
fn a_dated_query_prefers_the_fact_check_made_at_its_time() {
    assert_eq!(day_number(1970, 1, 1), 0);
    assert_eq!(day_number(2012, 10, 22) - day_number(2012, 10, 1), 21);
    assert_eq!(day_number(2013, 3, 1) - day_number(2012, 2, 28), 367);
    assert_eq!(date_proximity(5, 5), 1.0);
    // A year before counts half; made after the query, nothing (a day's grace).
    assert!((date_proximity(365, 0) - 0.5).abs() < 1e-12);
    assert_eq!(date_proximity(0, 2), 0.0);
    assert!(date_proximity(0, 1) > 0.99);
    // Two fact-checks of one claim, made four years apart.
    let old = "Says Mitt Romney said to let Detroit go bankrupt.";
    let new = old;
    let debate = day_number(2012, 10, 22);
    let mut r = Ranker::new();
    r.add_dated(1, old, None, Some(day_number(2008, 11, 18)));
    r.add_dated(2, new, None, Some(debate - 3));
    r.add_dated(3, CHINA, None, None);
    let query = "Governor Romney said to let Detroit go bankrupt.";
    assert_eq!(r.rank(query, 1)[0].0, 1);
    assert_eq!(r.rank_dated(query, Some(debate), 1)[0].0, 2);
    // Undated, the ranking is the plain one; a dated query ignores undated candidates.
    assert_eq!(r.rank_dated(query, None, 3), r.rank(query, 3));
    let plain = rerank(
        query,
        &[Candidate {
            id: 3,
            text: CHINA,
            title: None,
            first_stage: 1.0,
        }],
        r.idf(),
        &RankWeights::default(),
    );
    let dated = rerank_dated(
        query,
        Some(debate),
        &[Candidate {
            id: 3,
            text: CHINA,
            title: None,
            first_stage: 1.0,
        }],
        &[None],
        r.idf(),
        &RankWeights::default(),
    );
    assert_eq!(plain, dated);
}

proptest! {
    #[test]
    fn similarity_is_a_symmetric_probability(a in "[A-Za-z0-9 ,.%$]{0,80}", b in "[A-Za-z0-9 ,.%$]{0,80}") {
        let idf = idf();
        let ab = similarity(&a, &b, &idf);
        prop_assert!((0.0..=1.0).contains(&ab));
        prop_assert!((ab - similarity(&b, &a, &idf)).abs() < 1e-9);
    }

    #[test]
    fn a_claim_is_the_same_as_itself(i in 0usize..7) {
        let text = [ATTACKS, INJURIES, WITHDRAWAL, TIMEWARNER, CHINA, AUSTIN, LATAM][i];
        let c = compare(text, text, &idf());
        prop_assert_eq!(c.relation, Relation::Same);
        prop_assert!(c.differences.is_empty());
    }
}

#[test]
fn a_scale_word_the_extractor_misses_is_not_a_difference() {
    use crate::analyze::quantity::extract;
    let a = "Xerox itself paid a $10 million fine last year to settle similar SEC charges.";
    let b = "Xerox itself previously paid a $10-million penalty to settle the SEC accusations.";
    assert!(differences(&extract(a), &extract(b)).is_empty());
    let c = "Xerox itself paid a $10 billion fine last year to settle similar SEC charges.";
    assert_eq!(differences(&extract(a), &extract(c)).len(), 1);
}

#[test]
fn clock_times_are_not_counts() {
    use crate::analyze::quantity::extract;
    let a = "The organizer extended the contest until 6 p.m. EDT Sunday.";
    let b = "The organizer extended the contest until 3 p.m. Arizona time Sunday.";
    assert!(differences(&extract(a), &extract(b)).is_empty());
}

#[test]
fn glued_query_words_are_split_into_indexed_words() {
    let mut r = Ranker::new();
    r.add(
        1,
        "Says Donald Trump is for a single-payer health care system.",
        None,
    );
    r.add(
        2,
        "Incomes of middle-class families fell.",
        Some("Middle income"),
    );
    assert_eq!(
        r.split_compounds("You were for a singlepayer system"),
        "You were for a single payer system"
    );
    assert_eq!(r.split_compounds("#middleincome"), "#middle income");
    assert_eq!(r.split_compounds("realdonaldtrump"), "realdonaldtrump");
    assert_eq!(r.rank("You were for a singlepayer system", 1)[0].0, 1);
}
