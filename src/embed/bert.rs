//! The BERT encoder's forward pass, for sentence embeddings.
//!
//! Embeddings (word + position + token type 0) and LayerNorm, then per layer:
//! masked multi-head self-attention, residual and LayerNorm, a GELU (erf)
//! feed-forward, residual and LayerNorm. Matrix products go through
//! `matrixmultiply`'s sgemm; linear weights stay in PyTorch's `[out, in]` order.
//!
//! MPNet (e.g. all-mpnet-base-v2) is the same encoder with other weight
//! names, no token types, positions counted from 2 (after its padding id)
//! and a learned bias on the attention scores for each bucket of relative
//! distance, shared by all layers.

use super::safetensors::Tensors;

/// The encoder family of a model (`model_type` in its `config.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arch {
    /// BERT and its distillations (MiniLM).
    Bert,
    /// MPNet: relative-position attention bias, positions after the padding id.
    MPNet,
}

impl Arch {
    /// Every family, for parsing.
    const ALL: [Arch; 2] = [Arch::Bert, Arch::MPNet];

    /// The `model_type` of `config.json`, which also begins the model's
    /// identity (`Embedder::identity`).
    pub fn name(self) -> &'static str {
        match self {
            Arch::Bert => "bert",
            Arch::MPNet => "mpnet",
        }
    }

    /// The names, within a layer, of the attention's query, key, value,
    /// output and LayerNorm weights.
    pub fn attention_names(self) -> [&'static str; 5] {
        match self {
            Arch::Bert => [
                "attention.self.query",
                "attention.self.key",
                "attention.self.value",
                "attention.output.dense",
                "attention.output.LayerNorm",
            ],
            Arch::MPNet => [
                "attention.attn.q",
                "attention.attn.k",
                "attention.attn.v",
                "attention.attn.o",
                "attention.LayerNorm",
            ],
        }
    }
}

/// The shape of a BERT or MPNet model, as its `config.json` gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    /// The encoder family.
    pub arch: Arch,
    /// Width of the hidden states.
    pub hidden: usize,
    /// Number of encoder layers.
    pub layers: usize,
    /// Number of attention heads (dividing `hidden`).
    pub heads: usize,
    /// Width of the feed-forward layer.
    pub intermediate: usize,
    /// Number of position embeddings: the longest input.
    pub max_positions: usize,
    /// Number of token-type embeddings (0 for MPNet, which has none).
    pub type_vocab: usize,
    /// Number of relative-distance buckets of the attention bias (0 for BERT).
    pub buckets: usize,
    /// Number of word embeddings.
    pub vocab: usize,
    /// LayerNorm epsilon.
    pub eps: f32,
}

impl Config {
    /// Reads the fields of a Hugging Face `config.json`; the error names what is wrong.
    pub fn from_json(json: &serde_json::Value) -> Result<Self, String> {
        let int = |k: &str| {
            json[k]
                .as_u64()
                .filter(|&v| v > 0)
                .map(|v| v as usize)
                .ok_or_else(|| format!("no positive integer {k}"))
        };
        if let Some(act) = json["hidden_act"].as_str().filter(|a| *a != "gelu") {
            return Err(format!(
                "hidden_act {act:?} is not supported (only \"gelu\")"
            ));
        }
        let model_type = json["model_type"].as_str().unwrap_or("bert");
        let arch = Arch::ALL
            .into_iter()
            .find(|a| a.name() == model_type)
            .ok_or_else(|| {
                format!("model_type {model_type:?} is not supported (only \"bert\" and \"mpnet\")")
            })?;
        let c = Self {
            arch,
            hidden: int("hidden_size")?,
            layers: int("num_hidden_layers")?,
            heads: int("num_attention_heads")?,
            intermediate: int("intermediate_size")?,
            max_positions: int("max_position_embeddings")?,
            type_vocab: match arch {
                Arch::Bert => int("type_vocab_size")?,
                Arch::MPNet => 0,
            },
            buckets: match arch {
                Arch::Bert => 0,
                Arch::MPNet => int("relative_attention_num_buckets")?,
            },
            vocab: int("vocab_size")?,
            eps: json["layer_norm_eps"].as_f64().unwrap_or(1e-12) as f32,
        };
        if !c.hidden.is_multiple_of(c.heads) {
            return Err("hidden_size is not a multiple of num_attention_heads".into());
        }
        if c.max_positions <= c.first_position() + 2 {
            return Err("max_position_embeddings is too small".into());
        }
        if c.arch == Arch::MPNet && (c.buckets < 4 || !c.buckets.is_multiple_of(2)) {
            return Err("relative_attention_num_buckets must be even and at least 4".into());
        }
        Ok(c)
    }

    /// The position embedding of a sequence's first token: MPNet counts
    /// positions from its padding id (1) plus one, as RoBERTa does.
    pub fn first_position(&self) -> usize {
        match self.arch {
            Arch::Bert => 0,
            Arch::MPNet => 2,
        }
    }

    /// The longest sequence the position embeddings allow, specials included.
    pub fn max_tokens(&self) -> usize {
        self.max_positions - self.first_position()
    }
}

/// A linear layer: `y = x Wᵀ + b`, `W` being `[out, in]`.
#[derive(Debug, Clone)]
struct Linear {
    w: Vec<f32>,
    b: Vec<f32>,
    out: usize,
    inp: usize,
}

impl Linear {
    fn take(t: &mut Tensors, name: &str, out: usize, inp: usize) -> Result<Self, String> {
        Ok(Self {
            w: t.take(&format!("{name}.weight"), &[out, inp])?.data,
            b: t.take(&format!("{name}.bias"), &[out])?.data,
            out,
            inp,
        })
    }

    /// `x` is `[rows, inp]`; returns `[rows, out]`.
    fn forward(&self, x: &[f32], rows: usize) -> Vec<f32> {
        let mut y: Vec<f32> = Vec::with_capacity(rows * self.out);
        for _ in 0..rows {
            y.extend_from_slice(&self.b);
        }
        // SAFETY: the slices hold rows×inp, out×inp and rows×out values, and
        // the strides below stay within them.
        unsafe {
            matrixmultiply::sgemm(
                rows,
                self.inp,
                self.out,
                1.0,
                x.as_ptr(),
                self.inp as isize,
                1,
                self.w.as_ptr(),
                1,
                self.inp as isize,
                1.0,
                y.as_mut_ptr(),
                self.out as isize,
                1,
            );
        }
        y
    }
}

/// LayerNorm's gain and bias.
#[derive(Debug, Clone)]
struct Norm {
    g: Vec<f32>,
    b: Vec<f32>,
}

impl Norm {
    fn take(t: &mut Tensors, name: &str, width: usize) -> Result<Self, String> {
        Ok(Self {
            g: t.take(&format!("{name}.weight"), &[width])?.data,
            b: t.take(&format!("{name}.bias"), &[width])?.data,
        })
    }

    /// Normalizes each row of `x` in place.
    fn apply(&self, x: &mut [f32], eps: f32) {
        for row in x.chunks_exact_mut(self.g.len()) {
            let n = row.len() as f32;
            let mean = row.iter().sum::<f32>() / n;
            let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
            let inv = 1.0 / (var + eps).sqrt();
            for ((v, g), b) in row.iter_mut().zip(&self.g).zip(&self.b) {
                *v = (*v - mean) * inv * g + b;
            }
        }
    }
}

#[derive(Debug, Clone)]
struct Layer {
    query: Linear,
    key: Linear,
    value: Linear,
    attn_out: Linear,
    attn_norm: Norm,
    up: Linear,
    down: Linear,
    out_norm: Norm,
}

/// A BERT encoder's weights.
#[derive(Debug, Clone)]
pub struct Bert {
    config: Config,
    words: Vec<f32>,
    positions: Vec<f32>,
    token_type: Vec<f32>,
    embed_norm: Norm,
    layers: Vec<Layer>,
    /// MPNet's attention bias, `[buckets, heads]`; empty for BERT.
    relative_bias: Vec<f32>,
}

impl Bert {
    /// Takes the weights of `config`'s model out of `t` (names as Hugging
    /// Face's `BertModel` or `MPNetModel` saves them, with or without a
    /// `bert.` prefix).
    pub fn from_tensors(config: Config, t: &mut Tensors) -> Result<Self, String> {
        let (h, f) = (config.hidden, config.intermediate);
        let e = "embeddings";
        let (token_type, relative_bias) = match config.arch {
            Arch::Bert => {
                let types = t.take(
                    &format!("{e}.token_type_embeddings.weight"),
                    &[config.type_vocab, h],
                )?;
                (types.data[..h].to_vec(), Vec::new())
            }
            Arch::MPNet => (
                vec![0.0; h],
                t.take(
                    "encoder.relative_attention_bias.weight",
                    &[config.buckets, config.heads],
                )?
                .data,
            ),
        };
        let names = config.arch.attention_names();
        let mut layers = Vec::with_capacity(config.layers);
        for i in 0..config.layers {
            let p = format!("encoder.layer.{i}");
            layers.push(Layer {
                query: Linear::take(t, &format!("{p}.{}", names[0]), h, h)?,
                key: Linear::take(t, &format!("{p}.{}", names[1]), h, h)?,
                value: Linear::take(t, &format!("{p}.{}", names[2]), h, h)?,
                attn_out: Linear::take(t, &format!("{p}.{}", names[3]), h, h)?,
                attn_norm: Norm::take(t, &format!("{p}.{}", names[4]), h)?,
                up: Linear::take(t, &format!("{p}.intermediate.dense"), f, h)?,
                down: Linear::take(t, &format!("{p}.output.dense"), h, f)?,
                out_norm: Norm::take(t, &format!("{p}.output.LayerNorm"), h)?,
            });
        }
        Ok(Self {
            words: t
                .take(&format!("{e}.word_embeddings.weight"), &[config.vocab, h])?
                .data,
            positions: t
                .take(
                    &format!("{e}.position_embeddings.weight"),
                    &[config.max_positions, h],
                )?
                .data,
            token_type,
            embed_norm: Norm::take(t, &format!("{e}.LayerNorm"), h)?,
            layers,
            relative_bias,
            config,
        })
    }

    /// The model's shape.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The mean-pooled, L2-normalized last hidden states of each sequence of
    /// token ids. Shorter sequences are padded and masked, so a sequence's
    /// vector does not depend on the others in the batch. Ids must be below
    /// the vocabulary size and sequences no longer than
    /// [`Config::max_tokens`].
    pub fn embed_batch(&self, seqs: &[Vec<u32>]) -> Vec<Vec<f32>> {
        let c = &self.config;
        let h = c.hidden;
        let len = seqs.iter().map(Vec::len).max().unwrap_or(0);
        if len == 0 {
            return vec![vec![0.0; h]; seqs.len()];
        }
        let rows = seqs.len() * len;
        let first = c.first_position();
        let mut x = vec![0f32; rows * h];
        for (s, seq) in seqs.iter().enumerate() {
            for p in 0..len {
                let id = seq.get(p).map_or(0, |&id| id as usize);
                let row = &mut x[(s * len + p) * h..][..h];
                let word = &self.words[id * h..][..h];
                let pos = &self.positions[(first + p) * h..][..h];
                for i in 0..h {
                    row[i] = word[i] + pos[i] + self.token_type[i];
                }
            }
        }
        self.embed_norm.apply(&mut x, c.eps);
        let lens: Vec<usize> = seqs.iter().map(Vec::len).collect();
        let bias = self.position_bias(len);
        for layer in &self.layers {
            x = self.layer(layer, x, &lens, len, &bias);
        }
        seqs.iter()
            .enumerate()
            .map(|(s, seq)| {
                let mut v = vec![0f32; h];
                for p in 0..seq.len() {
                    for (a, b) in v.iter_mut().zip(&x[(s * len + p) * h..][..h]) {
                        *a += b;
                    }
                }
                let norm = v.iter().map(|a| a * a).sum::<f32>().sqrt().max(1e-12);
                v.iter_mut().for_each(|a| *a /= norm);
                v
            })
            .collect()
    }

    /// MPNet's attention bias for sequences of `len` tokens, `[heads, len,
    /// len]` (query position, then key position); empty for BERT.
    fn position_bias(&self, len: usize) -> Vec<f32> {
        let heads = self.config.heads;
        if self.relative_bias.is_empty() {
            return Vec::new();
        }
        let mut bias = vec![0f32; heads * len * len];
        for i in 0..len {
            for j in 0..len {
                let bucket = relative_bucket(j as i64 - i as i64, self.config.buckets);
                for head in 0..heads {
                    bias[(head * len + i) * len + j] = self.relative_bias[bucket * heads + head];
                }
            }
        }
        bias
    }

    /// One encoder layer over `x`, `[seqs × len, hidden]`; `bias` is
    /// [`position_bias`](Self::position_bias)'s.
    fn layer(&self, l: &Layer, x: Vec<f32>, lens: &[usize], len: usize, bias: &[f32]) -> Vec<f32> {
        let c = &self.config;
        let (h, rows) = (c.hidden, lens.len() * len);
        let dh = h / c.heads;
        let q = l.query.forward(&x, rows);
        let k = l.key.forward(&x, rows);
        let v = l.value.forward(&x, rows);
        let mut ctx = vec![0f32; rows * h];
        let mut scores = vec![0f32; len * len];
        let scale = 1.0 / (dh as f32).sqrt();
        for (s, &n) in lens.iter().enumerate() {
            let base = s * len * h;
            for head in 0..c.heads {
                let off = base + head * dh;
                let beta = if bias.is_empty() {
                    0.0
                } else {
                    scores.copy_from_slice(&bias[head * len * len..][..len * len]);
                    1.0
                };
                // SAFETY: every pointer stays within the `[rows, h]` matrices:
                // rows s×len..(s+1)×len, columns off..off+dh.
                unsafe {
                    matrixmultiply::sgemm(
                        len,
                        dh,
                        len,
                        scale,
                        q.as_ptr().add(off),
                        h as isize,
                        1,
                        k.as_ptr().add(off),
                        1,
                        h as isize,
                        beta,
                        scores.as_mut_ptr(),
                        len as isize,
                        1,
                    );
                }
                for row in scores.chunks_exact_mut(len) {
                    let max = row[..n].iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
                    let mut sum = 0.0;
                    for a in &mut row[..n] {
                        *a = (*a - max).exp();
                        sum += *a;
                    }
                    row[..n].iter_mut().for_each(|a| *a /= sum);
                    row[n..].iter_mut().for_each(|a| *a = 0.0);
                }
                // SAFETY: as above; `scores` is len×len.
                unsafe {
                    matrixmultiply::sgemm(
                        len,
                        len,
                        dh,
                        1.0,
                        scores.as_ptr(),
                        len as isize,
                        1,
                        v.as_ptr().add(off),
                        h as isize,
                        1,
                        0.0,
                        ctx.as_mut_ptr().add(off),
                        h as isize,
                        1,
                    );
                }
            }
        }
        let mut a = l.attn_out.forward(&ctx, rows);
        a.iter_mut().zip(&x).for_each(|(a, x)| *a += x);
        l.attn_norm.apply(&mut a, c.eps);
        let mut up = l.up.forward(&a, rows);
        up.iter_mut().for_each(|u| *u = gelu(*u));
        let mut out = l.down.forward(&up, rows);
        out.iter_mut().zip(&a).for_each(|(o, a)| *o += a);
        l.out_norm.apply(&mut out, c.eps);
        out
    }
}

/// The bucket of the distance `rel` (key position minus query position)
/// among `buckets`, as MPNet (and T5) computes it: half the buckets for each
/// direction; within one, distances below a quarter of the buckets each have
/// their own, longer ones share buckets spaced logarithmically up to 128.
pub fn relative_bucket(rel: i64, buckets: usize) -> usize {
    const MAX_DISTANCE: f32 = 128.0;
    let half = (buckets / 2) as i64;
    let n = -rel;
    let mut bucket = if n < 0 { half } else { 0 };
    let n = n.abs();
    let exact = half / 2;
    bucket += if n < exact {
        n
    } else {
        // As PyTorch computes it: in f32, truncated toward zero.
        let far = ((n as f32 / exact as f32).ln() / (MAX_DISTANCE / exact as f32).ln()
            * (half - exact) as f32) as i64;
        (exact + far).min(half - 1)
    };
    bucket as usize
}

/// GELU in BERT's exact form, `x Φ(x) = x (1 + erf(x / √2)) / 2`.
pub fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf_f32(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// [`erf`] in `f32`, without `exp`: Eigen's rational fit `x P(x²) / Q(x²)`
/// on x clamped to ±4 (erf(4) rounds to 1 in f32); error below 1e-6.
pub fn erf_f32(x: f32) -> f32 {
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = -2.726_142_3e-10_f32;
    for c in [
        2.770_681_4e-8,
        -2.101_024e-6,
        -5.692_506_4e-5,
        -7.349_906_3e-4,
        -2.9546e-3,
        -1.609_603_3e-2,
    ] {
        p = p * x2 + c;
    }
    let mut q = -1.456_607_2e-5_f32;
    for c in [
        -2.133_740_6e-4,
        -1.682_827e-3,
        -7.373_329_2e-3,
        -1.426_473_9e-2,
    ] {
        q = q * x2 + c;
    }
    x * p / q
}

/// The error function, to about 1e-7: Numerical Recipes' Chebyshev fit of
/// `erfc` (fractional error below 1.2e-7).
pub fn erf(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { 1.0 - r } else { r - 1.0 }
}
