//! The forward pass against a plain-loop reference on a tiny random model.

use super::*;

/// A tiny model in a fresh temporary directory.
fn tiny(seed: u64) -> (tempfile::TempDir, Embedder) {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(dir.path(), seed).unwrap();
    let model = Embedder::load(dir.path()).unwrap();
    (dir, model)
}

/// `W x + b` with `W` as `[out, in]`.
fn linear(t: &Tensors, name: &str, x: &[f64]) -> Vec<f64> {
    let w = &t.get(&format!("{name}.weight")).unwrap().data;
    let b = &t.get(&format!("{name}.bias")).unwrap().data;
    (0..b.len())
        .map(|o| {
            let mut sum = f64::from(b[o]);
            for (i, xi) in x.iter().enumerate() {
                sum += f64::from(w[o * x.len() + i]) * xi;
            }
            sum
        })
        .collect()
}

fn layer_norm(t: &Tensors, name: &str, x: &[f64]) -> Vec<f64> {
    let g = &t.get(&format!("{name}.weight")).unwrap().data;
    let b = &t.get(&format!("{name}.bias")).unwrap().data;
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    x.iter()
        .enumerate()
        .map(|(i, v)| (v - mean) / (var + 1e-12).sqrt() * f64::from(g[i]) + f64::from(b[i]))
        .collect()
}

/// The distance bucket of MPNet's attention bias, in f64.
fn bucket(rel: i64) -> usize {
    let n = -rel;
    let side = if n < 0 { 16 } else { 0 };
    let n = n.abs();
    let within = if n < 8 {
        n
    } else {
        (8 + ((n as f64 / 8.0).ln() / 16f64.ln() * 8.0) as i64).min(15)
    };
    (side + within) as usize
}

/// BERT (or MPNet) written out with loops, one sequence, in f64.
fn reference(t: &Tensors, ids: &[u32], heads: usize, arch: Arch) -> Vec<f64> {
    let names = arch.attention_names();
    let first = match arch {
        Arch::Bert => 0,
        Arch::MPNet => 2,
    };
    let emb = |name: &str, row: usize| -> Vec<f64> {
        let w = t.get(&format!("embeddings.{name}.weight")).unwrap();
        let h = w.shape[1];
        w.data[row * h..(row + 1) * h]
            .iter()
            .map(|&v| f64::from(v))
            .collect()
    };
    let mut x: Vec<Vec<f64>> = ids
        .iter()
        .enumerate()
        .map(|(p, &id)| {
            let (a, b) = (
                emb("word_embeddings", id as usize),
                emb("position_embeddings", first + p),
            );
            let c = match arch {
                Arch::Bert => emb("token_type_embeddings", 0),
                Arch::MPNet => vec![0.0; a.len()],
            };
            let sum: Vec<f64> = (0..a.len()).map(|i| a[i] + b[i] + c[i]).collect();
            layer_norm(t, "embeddings.LayerNorm", &sum)
        })
        .collect();
    let h = x[0].len();
    let dh = h / heads;
    let mut l = 0;
    while t
        .get(&format!("encoder.layer.{l}.{}.weight", names[0]))
        .is_some()
    {
        let p = format!("encoder.layer.{l}");
        let q: Vec<Vec<f64>> = x
            .iter()
            .map(|r| linear(t, &format!("{p}.{}", names[0]), r))
            .collect();
        let k: Vec<Vec<f64>> = x
            .iter()
            .map(|r| linear(t, &format!("{p}.{}", names[1]), r))
            .collect();
        let v: Vec<Vec<f64>> = x
            .iter()
            .map(|r| linear(t, &format!("{p}.{}", names[2]), r))
            .collect();
        let n = x.len();
        let mut ctx = vec![vec![0.0; h]; n];
        for head in 0..heads {
            let cols = head * dh..(head + 1) * dh;
            for i in 0..n {
                let scores: Vec<f64> = (0..n)
                    .map(|j| {
                        let bias = match arch {
                            Arch::Bert => 0.0,
                            Arch::MPNet => {
                                let w = t.get("encoder.relative_attention_bias.weight").unwrap();
                                f64::from(w.data[bucket(j as i64 - i as i64) * heads + head])
                            }
                        };
                        cols.clone().map(|c| q[i][c] * k[j][c]).sum::<f64>() / (dh as f64).sqrt()
                            + bias
                    })
                    .collect();
                let max = scores.iter().cloned().fold(f64::MIN, f64::max);
                let exps: Vec<f64> = scores.iter().map(|s| (s - max).exp()).collect();
                let total: f64 = exps.iter().sum();
                for c in cols.clone() {
                    ctx[i][c] = (0..n).map(|j| exps[j] / total * v[j][c]).sum();
                }
            }
        }
        x = (0..n)
            .map(|i| {
                let a = linear(t, &format!("{p}.{}", names[3]), &ctx[i]);
                let a: Vec<f64> = a.iter().zip(&x[i]).map(|(a, b)| a + b).collect();
                let a = layer_norm(t, &format!("{p}.{}", names[4]), &a);
                let up: Vec<f64> = linear(t, &format!("{p}.intermediate.dense"), &a)
                    .iter()
                    .map(|&u| 0.5 * u * (1.0 + erf(u / std::f64::consts::SQRT_2)))
                    .collect();
                let down = linear(t, &format!("{p}.output.dense"), &up);
                let o: Vec<f64> = down.iter().zip(&a).map(|(d, a)| d + a).collect();
                layer_norm(t, &format!("{p}.output.LayerNorm"), &o)
            })
            .collect();
        l += 1;
    }
    let mean: Vec<f64> = (0..h)
        .map(|c| x.iter().map(|r| r[c]).sum::<f64>() / x.len() as f64)
        .collect();
    let norm = mean.iter().map(|v| v * v).sum::<f64>().sqrt();
    mean.iter().map(|v| v / norm).collect()
}

const TEXTS: [&str; 4] = [
    "Wedding rings cost more than engagement rings.",
    "The vaccine tax!",
    "jobs",
    "Are old unaffable rings of the tax, a vaccine? \"Jobs\" lost is more than the wedding.",
];

#[test]
fn the_forward_pass_matches_a_plain_reference() {
    let (dir, model) = tiny(7);
    matches_reference(&dir, &model, Arch::Bert);
}

#[test]
fn the_mpnet_forward_pass_matches_a_plain_reference() {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_mpnet_model(dir.path(), 5).unwrap();
    let model = Embedder::load(dir.path()).unwrap();
    assert!(model.identity().starts_with("mpnet-2x8-"));
    // <s> the wedding ring </s>, after MPNet's four specials.
    assert_eq!(model.tokens("The wedding ring"), [0, 9, 14, 16, 2]);
    // 34 positions, the first two unused: 32 tokens at most.
    assert_eq!(model.tokens(&"the ".repeat(100)).len(), 32);
    matches_reference(&dir, &model, Arch::MPNet);
    // A bucket count the weights do not have is refused, naming the tensor.
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("config.json")).unwrap())
            .unwrap();
    config["relative_attention_num_buckets"] = 16.into();
    std::fs::write(dir.path().join("config.json"), config.to_string()).unwrap();
    let err = Embedder::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("relative_attention_bias"), "{err}");
    config["relative_attention_num_buckets"] = 3.into();
    std::fs::write(dir.path().join("config.json"), config.to_string()).unwrap();
    let err = Embedder::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("even and at least 4"), "{err}");
    config["model_type"] = "roberta".into();
    std::fs::write(dir.path().join("config.json"), config.to_string()).unwrap();
    let err = Embedder::load(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("model_type \"roberta\" is not supported"),
        "{err}"
    );
}

#[test]
fn relative_buckets_match_hugging_face_s() {
    // From transformers' MPNetEncoder.relative_position_bucket (32 buckets).
    for (rel, expected) in [
        (0, 0),
        (1, 17),
        (-1, 1),
        (7, 23),
        (-7, 7),
        (8, 24),
        (-8, 8),
        (11, 24),
        (12, 25),
        (16, 26),
        (-16, 10),
        (31, 27),
        (32, 28),
        (-32, 12),
        (63, 29),
        (64, 30),
        (100, 31),
        (-100, 15),
        (128, 31),
        (-500, 15),
    ] {
        assert_eq!(relative_bucket(rel, 32), expected, "distance {rel}");
        assert_eq!(bucket(rel), expected, "the test's own, distance {rel}");
    }
}

/// Checks `model`'s vectors of [`TEXTS`] against [`reference`].
fn matches_reference(dir: &tempfile::TempDir, model: &Embedder, arch: Arch) {
    let tensors = Tensors::read(&dir.path().join("model.safetensors")).unwrap();
    // Mixed lengths: the short ones are padded in their batch.
    let vectors = model.embed(&TEXTS);
    for (text, v) in TEXTS.iter().zip(&vectors) {
        let expected = reference(&tensors, &model.tokens(text), 2, arch);
        assert_eq!(v.len(), 8);
        for (a, b) in v.iter().zip(&expected) {
            assert!(
                (f64::from(*a) - b).abs() < 1e-4,
                "{text}: {v:?} vs {expected:?}"
            );
        }
    }
}

#[test]
fn vectors_are_unit_length_and_do_not_depend_on_padding() {
    let (_dir, model) = tiny(11);
    let alone: Vec<Vec<f32>> = TEXTS.iter().map(|t| model.embed(&[*t]).remove(0)).collect();
    // Many texts: batched by length, padded to the longest in each batch, on two threads.
    let many: Vec<&str> = TEXTS.iter().cycle().take(70).copied().collect();
    let together = model.embed(&many);
    for (i, v) in together.iter().enumerate() {
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5);
        let a = &alone[i % TEXTS.len()];
        assert!(
            v.iter().zip(a).all(|(x, y)| (x - y).abs() < 1e-5),
            "{v:?} vs {a:?}"
        );
    }
    // Different texts give different vectors, and the cosine is the dot product.
    assert!(dot(&alone[0], &alone[1]) < 0.999);
    assert!((dot(&alone[0], &alone[0]) - 1.0).abs() < 1e-5);
    let (a, b): (Vec<f32>, Vec<f32>) = (0..21).map(|i| (i as f32, 1.0 - i as f32 / 2.0)).unzip();
    let naive: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
    assert!(
        (dot(&a, &b) - naive).abs() < 1e-3,
        "{} vs {naive}",
        dot(&a, &b)
    );
    assert_eq!(from_bytes(&to_bytes(&alone[0])).unwrap(), alone[0]);
    assert!(model.identity().starts_with("bert-2x8-"));
}

#[test]
fn long_texts_are_truncated_to_the_positions_the_model_has() {
    let (_dir, model) = tiny(3);
    let long = "the ".repeat(100);
    assert_eq!(model.tokens(&long).len(), 32);
    let v = model.embed(&[long.as_str(), ""]);
    assert!(v.iter().all(|v| v.iter().all(|x| x.is_finite())));
}

#[test]
fn a_bad_model_directory_names_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let err = Embedder::load(&dir.path().join("nowhere")).unwrap_err();
    assert!(matches!(err, ModelError::Missing { .. }), "{err}");
    write_tiny_model(dir.path(), 1).unwrap();
    std::fs::remove_file(dir.path().join("vocab.txt")).unwrap();
    let err = Embedder::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("has no vocab.txt"), "{err}");
    write_tiny_model(dir.path(), 1).unwrap();
    let mut config = tiny_config();
    config["hidden_size"] = 12.into();
    config["num_attention_heads"] = 3.into();
    std::fs::write(dir.path().join("config.json"), config.to_string()).unwrap();
    let err = Embedder::load(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("model.safetensors") && err.contains("shape"),
        "{err}"
    );
    std::fs::write(dir.path().join("model.safetensors"), b"not a model").unwrap();
    let err = Embedder::load(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("not a usable BERT or MPNet model file"),
        "{err}"
    );
}

#[test]
fn erf_and_gelu_match_known_values() {
    for (x, e) in [
        (0.0, 0.0),
        (0.5, 0.520_499_877_8),
        (1.0, 0.842_700_792_9),
        (-2.0, -0.995_322_265),
    ] {
        assert!((erf(x) - e).abs() < 2e-7, "erf({x})");
    }
    assert!((gelu(1.0) - 0.841_344_7).abs() < 1e-6);
    let mut worst = 0f64;
    for i in -6000..=6000 {
        let x = f64::from(i) / 1000.0;
        worst = worst.max((f64::from(erf_f32(x as f32)) - erf(x)).abs());
    }
    assert!(worst < 1e-6, "erf_f32 is off by {worst}");
    assert_eq!(gelu(0.0), 0.0);
}
