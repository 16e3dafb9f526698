//! Sentence embeddings of a data set's fact-checks and queries, cached in
//! `/tmp/claimdesk-embed-cache` between runs (`--model=DIR` or `CLAIMDESK_MODEL`).
//!
//! `EMBED_FIELD` picks what a fact-check's vector embeds: `text` (default),
//! `title`, or `both` (title and text as one input); the headline vector is
//! title and text (`HEADLINE=title`: the title alone). `EMBED_QUERY=raw` embeds the query as given instead
//! of cleaned by `clean_query`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use claimdesk::embed::{Embedder, from_bytes, to_bytes};
use claimdesk::xref::clean_query;
use serde_json::Value;

/// The model named by `--model=DIR` or `CLAIMDESK_MODEL`, if any.
pub fn model(args: &[String]) -> anyhow::Result<Option<Embedder>> {
    let dir = args
        .iter()
        .find_map(|a| a.strip_prefix("--model=").map(str::to_string))
        .or_else(|| std::env::var("CLAIMDESK_MODEL").ok());
    Ok(match dir {
        Some(d) => Some(Embedder::load(Path::new(&d))?),
        None => None,
    })
}

/// What a fact-check's vector embeds (see the module doc).
pub fn doc_input(v: &Value) -> String {
    let text = v["text"].as_str().unwrap_or_default();
    let title = v["title"].as_str().unwrap_or_default();
    match std::env::var("EMBED_FIELD").as_deref() {
        Ok("title") if !title.is_empty() => title.to_string(),
        Ok("both") => claimdesk::embed::headline_input(text, Some(title)).unwrap_or_default(),
        _ => claimdesk::embed::factcheck_input(text).to_string(),
    }
}

/// What a fact-check's headline vector embeds, as `claimdesk` does (empty
/// without a headline).
pub fn headline_input(v: &Value) -> String {
    let text = v["text"].as_str().unwrap_or_default();
    if std::env::var("HEADLINE").as_deref() == Ok("title") {
        return v["title"].as_str().unwrap_or_default().to_string();
    }
    claimdesk::embed::headline_input(text, v["title"].as_str()).unwrap_or_default()
}

/// What a query's vector embeds.
pub fn query_input(text: &str) -> String {
    if std::env::var("EMBED_QUERY").as_deref() == Ok("raw") {
        text.to_string()
    } else {
        clean_query(text)
    }
}

/// The vectors of `inputs`, from the cache file named by `name` and the
/// model and inputs' hash when there, else computed and cached.
pub fn cached(model: &Embedder, name: &str, inputs: &[String]) -> Vec<Vec<f32>> {
    let mut h = blake3::Hasher::new();
    for i in inputs {
        h.update(i.as_bytes());
        h.update(&[0]);
    }
    let dir = PathBuf::from("/tmp/claimdesk-embed-cache");
    let path = dir.join(format!(
        "{name}-{}-{}.f32",
        model.identity(),
        &h.finalize().to_hex()[..12]
    ));
    let dim = model.dim();
    if let Some(all) = std::fs::read(&path).ok().and_then(|b| from_bytes(&b))
        && all.len() == inputs.len() * dim
    {
        return all.chunks_exact(dim).map(<[f32]>::to_vec).collect();
    }
    let started = Instant::now();
    let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let vectors = model.embed(&refs);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "  embedded {} {name} in {secs:.1} s ({:.0}/s)",
        inputs.len(),
        inputs.len() as f64 / secs
    );
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(&path, to_bytes(&vectors.concat()));
    vectors
}
