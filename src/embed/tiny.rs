//! Tiny random BERT and MPNet model directories, for tests and for trying
//! the commands without downloading a real model. Their vectors carry no
//! meaning.

use std::path::Path;

use super::bert::Arch;
use super::safetensors::write_f32;

/// The tiny model's vocabulary: special tokens, a few words and pieces.
pub const TINY_VOCAB: &[&str] = &[
    "[PAD]",
    "[UNK]",
    "[CLS]",
    "[SEP]",
    "[MASK]",
    "the",
    "a",
    "is",
    "are",
    "of",
    "wedding",
    "engagement",
    "ring",
    "##s",
    "cost",
    "more",
    "than",
    "tax",
    "vaccine",
    "jobs",
    "lost",
    "old",
    ".",
    ",",
    "!",
    "?",
    "'",
    "\"",
    "un",
    "##aff",
    "##able",
];

/// The shape of the tiny model: 2 layers, hidden 8, 2 heads, feed-forward 16.
pub fn tiny_config() -> serde_json::Value {
    serde_json::json!({
        "architectures": ["BertModel"],
        "hidden_act": "gelu",
        "hidden_size": 8,
        "intermediate_size": 16,
        "layer_norm_eps": 1e-12,
        "max_position_embeddings": 32,
        "model_type": "bert",
        "num_attention_heads": 2,
        "num_hidden_layers": 2,
        "type_vocab_size": 2,
        "vocab_size": TINY_VOCAB.len(),
    })
}

/// Writes `config.json`, `vocab.txt` and `model.safetensors` of a tiny BERT
/// with weights drawn from `seed` into `dir` (which must exist).
pub fn write_tiny_model(dir: &Path, seed: u64) -> std::io::Result<()> {
    write_tiny(dir, seed, Arch::Bert)
}

/// [`write_tiny_model`] for a tiny MPNet: the same shape, MPNet's weight
/// names and specials (`<s>` `<pad>` `</s>` `<unk>` before [`TINY_VOCAB`]),
/// 34 positions (the first two unused) and 32 distance buckets.
pub fn write_tiny_mpnet_model(dir: &Path, seed: u64) -> std::io::Result<()> {
    write_tiny(dir, seed, Arch::MPNet)
}

fn write_tiny(dir: &Path, seed: u64, arch: Arch) -> std::io::Result<()> {
    let mut config = tiny_config();
    let mut vocab: Vec<&str> = TINY_VOCAB.to_vec();
    if arch == Arch::MPNet {
        config["model_type"] = "mpnet".into();
        config["architectures"] = serde_json::json!(["MPNetModel"]);
        config["max_position_embeddings"] = 34.into();
        config["relative_attention_num_buckets"] = 32.into();
        vocab.splice(0..0, ["<s>", "<pad>", "</s>", "<unk>"]);
        config["vocab_size"] = vocab.len().into();
    }
    let int = |k: &str| config[k].as_u64().unwrap_or_default() as usize;
    let (h, f, v, positions) = (
        int("hidden_size"),
        int("intermediate_size"),
        vocab.len(),
        int("max_position_embeddings"),
    );
    let mut rng = seed.wrapping_mul(6_364_136_223_846_793_005) | 1;
    let mut random = |n: usize, scale: f32, offset: f32| -> Vec<f32> {
        (0..n)
            .map(|_| {
                // xorshift64*: uniform in -1..1.
                rng ^= rng >> 12;
                rng ^= rng << 25;
                rng ^= rng >> 27;
                let u =
                    (rng.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 40) as f32 / (1u64 << 24) as f32;
                offset + scale * (2.0 * u - 1.0)
            })
            .collect()
    };
    let mut tensors: Vec<(String, Vec<usize>, Vec<f32>)> = vec![
        (
            "embeddings.word_embeddings.weight".into(),
            vec![v, h],
            random(v * h, 1.0, 0.0),
        ),
        (
            "embeddings.position_embeddings.weight".into(),
            vec![positions, h],
            random(positions * h, 0.5, 0.0),
        ),
        (
            "embeddings.LayerNorm.weight".into(),
            vec![h],
            random(h, 0.2, 1.0),
        ),
        (
            "embeddings.LayerNorm.bias".into(),
            vec![h],
            random(h, 0.1, 0.0),
        ),
    ];
    let heads = int("num_attention_heads");
    match arch {
        Arch::Bert => tensors.push((
            "embeddings.token_type_embeddings.weight".into(),
            vec![2, h],
            random(2 * h, 0.5, 0.0),
        )),
        Arch::MPNet => tensors.push((
            "encoder.relative_attention_bias.weight".into(),
            vec![32, heads],
            random(32 * heads, 1.0, 0.0),
        )),
    }
    let [query, key, value, attn_out, attn_norm] = arch.attention_names();
    for l in 0..int("num_hidden_layers") {
        let p = format!("encoder.layer.{l}");
        for (name, out, inp) in [
            (query, h, h),
            (key, h, h),
            (value, h, h),
            (attn_out, h, h),
            ("intermediate.dense", f, h),
            ("output.dense", h, f),
        ] {
            tensors.push((
                format!("{p}.{name}.weight"),
                vec![out, inp],
                random(out * inp, 0.7, 0.0),
            ));
            tensors.push((format!("{p}.{name}.bias"), vec![out], random(out, 0.2, 0.0)));
        }
        for name in [attn_norm, "output.LayerNorm"] {
            tensors.push((format!("{p}.{name}.weight"), vec![h], random(h, 0.2, 1.0)));
            tensors.push((format!("{p}.{name}.bias"), vec![h], random(h, 0.1, 0.0)));
        }
    }
    let refs: Vec<(&str, Vec<usize>, &[f32])> = tensors
        .iter()
        .map(|(n, s, d)| (n.as_str(), s.clone(), d.as_slice()))
        .collect();
    std::fs::write(dir.join("model.safetensors"), write_f32(&refs))?;
    std::fs::write(dir.join("vocab.txt"), vocab.join("\n") + "\n")?;
    std::fs::write(dir.join("config.json"), config.to_string())
}
