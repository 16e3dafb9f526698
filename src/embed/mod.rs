//! Sentence embeddings from a BERT or MPNet model (e.g. all-MiniLM-L6-v2 or
//! all-mpnet-base-v2), in pure Rust: nothing here touches SQLite or the CLI.
//!
//! A model directory holds `config.json`, `vocab.txt` and `model.safetensors`
//! as Hugging Face saves them. [`Embedder::embed`] tokenizes ([`Tokenizer`]),
//! runs the encoder ([`Bert`]), averages the token states over the real tokens
//! and scales the result to unit length, so the dot product of two vectors is
//! their cosine.

mod bert;
mod safetensors;
#[cfg(test)]
mod tests;
mod tiny;
mod tokenizer;

use std::path::{Path, PathBuf};

pub use bert::{Arch, Bert, Config, erf, erf_f32, gelu, relative_bucket};
pub use safetensors::{Tensor, Tensors, f16_to_f32, write_f32};
pub use tiny::{TINY_VOCAB, tiny_config, write_tiny_model, write_tiny_mpnet_model};
pub use tokenizer::{Tokenizer, basic_tokens};

/// The files a model directory must hold.
pub const MODEL_FILES: [&str; 3] = ["config.json", "vocab.txt", "model.safetensors"];

/// Longest input in tokens, `[CLS]` and `[SEP]` included (as
/// sentence-transformers' all-MiniLM-L6-v2); longer texts are truncated.
pub const MAX_TOKENS: usize = 256;

/// At most this many sentences are embedded together, padded to the longest.
const BATCH: usize = 64;

/// At most this many token positions (sentences × longest) in a batch, which
/// bounds the memory of a batch of long texts (the feed-forward states of
/// 2,048 positions of all-MiniLM-L6-v2 take 12 MB).
const BATCH_TOKENS: usize = 2048;

/// Why a model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The directory lacks one of [`MODEL_FILES`].
    #[error("{} has no {file} (a model directory holds config.json, vocab.txt and model.safetensors)", dir.display())]
    Missing {
        /// The model directory.
        dir: PathBuf,
        /// The missing file's name.
        file: &'static str,
    },
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file was read but is not what a BERT or MPNet model holds.
    #[error("{} is not a usable BERT or MPNet model file: {why}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
}

/// A loaded model: tokenizer and encoder.
#[derive(Debug, Clone)]
pub struct Embedder {
    tokenizer: Tokenizer,
    bert: Bert,
    identity: String,
    max_tokens: usize,
}

impl Embedder {
    /// Loads the model in `dir`.
    pub fn load(dir: &Path) -> Result<Self, ModelError> {
        if !dir.is_dir() {
            return Err(ModelError::Missing {
                dir: dir.to_path_buf(),
                file: "config.json",
            });
        }
        for file in MODEL_FILES {
            if !dir.join(file).is_file() {
                return Err(ModelError::Missing {
                    dir: dir.to_path_buf(),
                    file,
                });
            }
        }
        let config_path = dir.join("config.json");
        let invalid = |why: String| ModelError::Invalid {
            path: config_path.clone(),
            why,
        };
        let text = std::fs::read_to_string(&config_path).map_err(|e| ModelError::Read {
            path: config_path.clone(),
            source: e,
        })?;
        let json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| invalid(e.to_string()))?;
        let config = Config::from_json(&json).map_err(invalid)?;
        let tokenizer = Tokenizer::read(&dir.join("vocab.txt"), config.arch)?;
        let weights_path = dir.join("model.safetensors");
        let (mut tensors, hash) = Tensors::read_hashed(&weights_path)?;
        let hash = hash.to_hex();
        let bad = |why: String| ModelError::Invalid {
            path: weights_path.clone(),
            why,
        };
        let bert = Bert::from_tensors(config, &mut tensors).map_err(bad)?;
        if tokenizer.vocab_size() > config.vocab {
            return Err(bad(format!(
                "vocab.txt has {} tokens, the model {}",
                tokenizer.vocab_size(),
                config.vocab
            )));
        }
        Ok(Self {
            identity: format!(
                "{}-{}x{}-{}",
                config.arch.name(),
                config.layers,
                config.hidden,
                &hash[..16]
            ),
            max_tokens: MAX_TOKENS.min(config.max_tokens()),
            tokenizer,
            bert,
        })
    }

    /// What identifies the model's vectors: its shape and a hash of its
    /// weights. Vectors of different identities are not comparable.
    pub fn identity(&self) -> &str {
        &self.identity
    }

    /// Length of the vectors.
    pub fn dim(&self) -> usize {
        self.bert.config().hidden
    }

    /// The token ids the model sees for `text`.
    pub fn tokens(&self, text: &str) -> Vec<u32> {
        self.tokenizer.encode(text, self.max_tokens)
    }

    /// The unit-length vectors of `texts`, in order. Texts of similar length
    /// are batched together, and the batches shared between two threads.
    pub fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        self.embed_with_progress(texts, |_| {})
    }

    /// [`embed`](Self::embed), calling `progress` with the number of texts
    /// done after each batch.
    pub fn embed_with_progress(
        &self,
        texts: &[&str],
        progress: impl Fn(usize) + Sync,
    ) -> Vec<Vec<f32>> {
        let seqs: Vec<Vec<u32>> = texts.iter().map(|t| self.tokens(t)).collect();
        let mut order: Vec<usize> = (0..seqs.len()).collect();
        order.sort_by_key(|&i| seqs[i].len());
        let mut batches: Vec<&[usize]> = Vec::new();
        let mut start = 0;
        for end in 1..=order.len() {
            // Sorted by length: the last one added is the longest.
            let longest = seqs[order[end - 1]].len();
            let next_fits = order
                .get(end)
                .is_some_and(|&i| (end + 1 - start) * seqs[i].len() <= BATCH_TOKENS);
            if end - start == BATCH || !next_fits || longest * (end - start) >= BATCH_TOKENS {
                batches.push(&order[start..end]);
                start = end;
            }
        }
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 2);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let done = std::sync::atomic::AtomicUsize::new(0);
        let mut out = vec![Vec::new(); seqs.len()];
        let results: Vec<Vec<(usize, Vec<f32>)>> = std::thread::scope(|scope| {
            let work = || {
                let mut mine = Vec::new();
                loop {
                    let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(batch) = batches.get(b) else { break };
                    let group: Vec<Vec<u32>> = batch.iter().map(|&i| seqs[i].clone()).collect();
                    let vectors = self.bert.embed_batch(&group);
                    mine.extend(batch.iter().copied().zip(vectors));
                    let n = done.fetch_add(batch.len(), std::sync::atomic::Ordering::Relaxed);
                    progress(n + batch.len());
                }
                mine
            };
            let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
            let mut all = vec![work()];
            all.extend(
                handles
                    .into_iter()
                    .map(|h| h.join().expect("embedding thread")),
            );
            all
        });
        for (i, v) in results.into_iter().flatten() {
            out[i] = v;
        }
        out
    }
}

/// The dot product of two vectors: their cosine when both are unit length.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Eight running sums, so the compiler can use vector instructions (one
    // running sum fixes the order of the additions and cannot).
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    let mut acc = [0f32; 8];
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// A vector as little-endian `f32` bytes, as the store keeps it.
pub fn to_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// A vector from little-endian `f32` bytes; `None` when the length is not a
/// multiple of 4.
pub fn from_bytes(bytes: &[u8]) -> Option<Vec<f32>> {
    bytes.len().is_multiple_of(4).then(|| {
        bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    })
}

/// What a fact-check's vector embeds: its claim, as it is.
pub fn factcheck_input(claim: &str) -> &str {
    claim
}

/// What a fact-check's headline vector embeds: headline and claim as one
/// input ("headline. claim"); `None` without a headline.
pub fn headline_input(claim: &str, title: Option<&str>) -> Option<String> {
    let title = title.map(str::trim).filter(|t| !t.is_empty())?;
    Some(format!("{title}. {claim}"))
}

/// What an input's vector embeds: the text cleaned as for ranking
/// ([`clean_query`](crate::xref::clean_query): links, handles and a tweet's
/// signature removed).
pub fn query_input(text: &str) -> String {
    crate::xref::clean_query(text)
}
