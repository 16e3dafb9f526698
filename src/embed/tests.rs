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

/// BERT written out with loops, one sequence, in f64.
fn reference(t: &Tensors, ids: &[u32], heads: usize) -> Vec<f64> {
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
            let (a, b, c) = (
                emb("word_embeddings", id as usize),
                emb("position_embeddings", p),
                emb("token_type_embeddings", 0),
            );
            let sum: Vec<f64> = (0..a.len()).map(|i| a[i] + b[i] + c[i]).collect();
            layer_norm(t, "embeddings.LayerNorm", &sum)
        })
        .collect();
    let h = x[0].len();
    let dh = h / heads;
    let mut l = 0;
    while t
        .get(&format!("encoder.layer.{l}.attention.self.query.weight"))
        .is_some()
    {
        let p = format!("encoder.layer.{l}");
        let q: Vec<Vec<f64>> = x
            .iter()
            .map(|r| linear(t, &format!("{p}.attention.self.query"), r))
            .collect();
        let k: Vec<Vec<f64>> = x
            .iter()
            .map(|r| linear(t, &format!("{p}.attention.self.key"), r))
            .collect();
        let v: Vec<Vec<f64>> = x
            .iter()
            .map(|r| linear(t, &format!("{p}.attention.self.value"), r))
            .collect();
        let n = x.len();
        let mut ctx = vec![vec![0.0; h]; n];
        for head in 0..heads {
            let cols = head * dh..(head + 1) * dh;
            for i in 0..n {
                let scores: Vec<f64> = (0..n)
                    .map(|j| {
                        cols.clone().map(|c| q[i][c] * k[j][c]).sum::<f64>() / (dh as f64).sqrt()
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
                let a = linear(t, &format!("{p}.attention.output.dense"), &ctx[i]);
                let a: Vec<f64> = a.iter().zip(&x[i]).map(|(a, b)| a + b).collect();
                let a = layer_norm(t, &format!("{p}.attention.output.LayerNorm"), &a);
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
    let tensors = Tensors::read(&dir.path().join("model.safetensors")).unwrap();
    // Mixed lengths: the short ones are padded in their batch.
    let vectors = model.embed(&TEXTS);
    for (text, v) in TEXTS.iter().zip(&vectors) {
        let expected = reference(&tensors, &model.tokens(text), 2);
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
    assert!(err.contains("not a usable BERT model file"), "{err}");
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
