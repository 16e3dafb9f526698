//! Reading the tensors of a `.safetensors` file.
//!
//! The format is an 8-byte little-endian header length, a JSON header naming
//! each tensor's dtype, shape and byte range, then the raw data. F32, F16 and
//! BF16 tensors are read as `f32`; other dtypes (e.g. the I64 `position_ids`
//! buffer some exports carry) are skipped.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use super::ModelError;

/// The longest JSON header believed (the real ones are a few dozen KB).
const MAX_HEADER: u64 = 100 << 20;

/// A reader that hashes what passes through it.
struct Hashing<R> {
    inner: R,
    hasher: blake3::Hasher,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Where a floating-point tensor's data lies in the file, before it is read.
struct Entry {
    name: String,
    dtype: &'static str,
    shape: Vec<usize>,
    count: usize,
    /// Byte range within the data section.
    start: u64,
    end: u64,
}

/// A tensor read as `f32`, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct Tensor {
    /// The dimensions, outermost first.
    pub shape: Vec<usize>,
    /// The values, `shape.iter().product()` of them.
    pub data: Vec<f32>,
}

/// The floating-point tensors of a safetensors file, by name.
#[derive(Debug, Clone, Default)]
pub struct Tensors {
    map: HashMap<String, Tensor>,
}

impl Tensors {
    /// Reads and parses the file at `path`.
    pub fn read(path: &Path) -> Result<Self, ModelError> {
        Self::read_hashed(path).map(|(t, _)| t)
    }

    /// Reads and parses the file at `path` a piece at a time, so the file's
    /// bytes are never all in memory beside the tensors (all-mpnet-base-v2
    /// is 438 MB), and hashes the whole file (BLAKE3) on the way.
    pub fn read_hashed(path: &Path) -> Result<(Self, blake3::Hash), ModelError> {
        let file = std::fs::File::open(path).map_err(|e| ModelError::Read {
            path: path.to_path_buf(),
            source: e,
        })?;
        let mut reader = Hashing {
            inner: std::io::BufReader::with_capacity(1 << 20, file),
            hasher: blake3::Hasher::new(),
        };
        let invalid = |why: String| ModelError::Invalid {
            path: path.to_path_buf(),
            why,
        };
        let tensors = Self::from_reader(&mut reader).map_err(invalid)?;
        std::io::copy(&mut reader, &mut std::io::sink()).map_err(|e| ModelError::Read {
            path: path.to_path_buf(),
            source: e,
        })?;
        Ok((tensors, reader.hasher.finalize()))
    }

    /// Parses the bytes of a safetensors file; the error says what is wrong.
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        Self::from_reader(&mut { bytes })
    }

    /// Parses a safetensors file from `reader`, reading its tensors in the
    /// order of their data and converting each on the way.
    fn from_reader(reader: &mut impl Read) -> Result<Self, String> {
        let mut len = [0u8; 8];
        reader
            .read_exact(&mut len)
            .map_err(|_| "shorter than the 8-byte header length")?;
        let len = u64::from_le_bytes(len);
        if len > MAX_HEADER {
            return Err(format!("a header of {len} bytes is not believable"));
        }
        let mut header = vec![0u8; len as usize];
        reader
            .read_exact(&mut header)
            .map_err(|_| "the header length runs past the end of the file")?;
        let header: serde_json::Value =
            serde_json::from_slice(&header).map_err(|e| format!("bad JSON header: {e}"))?;
        let mut entries = Vec::new();
        for (name, info) in header
            .as_object()
            .ok_or("the header is not a JSON object")?
        {
            if name == "__metadata__" {
                continue;
            }
            let (dtype, width) = match info["dtype"].as_str().unwrap_or_default() {
                "F32" => ("F32", 4),
                "F16" => ("F16", 2),
                "BF16" => ("BF16", 2),
                _ => continue,
            };
            let shape: Vec<usize> = info["shape"]
                .as_array()
                .ok_or_else(|| format!("{name}: no shape"))?
                .iter()
                .map(|d| d.as_u64().map(|d| d as usize))
                .collect::<Option<_>>()
                .ok_or_else(|| format!("{name}: bad shape"))?;
            let (start, end) = info["data_offsets"]
                .as_array()
                .filter(|o| o.len() == 2)
                .and_then(|o| Some((o[0].as_u64()?, o[1].as_u64()?)))
                .filter(|(start, end)| start <= end)
                .ok_or_else(|| format!("{name}: bad data_offsets"))?;
            let count = shape
                .iter()
                .try_fold(1usize, |n, &d| n.checked_mul(d))
                .ok_or_else(|| format!("{name}: bad shape"))?;
            if end - start != (count as u64).saturating_mul(width) {
                return Err(format!(
                    "{name}: {} bytes for shape {shape:?} of {dtype}",
                    end - start
                ));
            }
            entries.push(Entry {
                name: name.clone(),
                dtype,
                shape,
                count,
                start,
                end,
            });
        }
        entries.sort_by_key(|e| e.start);
        let mut map = HashMap::new();
        let mut at = 0u64;
        let mut chunk = vec![0u8; 1 << 16];
        for Entry {
            name,
            dtype,
            shape,
            count,
            start,
            end,
        } in entries
        {
            let past_end = || format!("{name}: data_offsets past the end of the file");
            if start < at {
                return Err(format!("{name}: its data overlaps another tensor's"));
            }
            let skipped = std::io::copy(&mut reader.take(start - at), &mut std::io::sink())
                .map_err(|_| past_end())?;
            if skipped != start - at {
                return Err(past_end());
            }
            let mut data = Vec::with_capacity(count);
            let mut left = end - start;
            while left > 0 {
                let n = left.min(chunk.len() as u64) as usize;
                let piece = &mut chunk[..n];
                reader.read_exact(piece).map_err(|_| past_end())?;
                match dtype {
                    "F32" => data.extend(
                        piece
                            .chunks_exact(4)
                            .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes"))),
                    ),
                    "F16" => data.extend(
                        piece
                            .chunks_exact(2)
                            .map(|c| f16_to_f32(u16::from_le_bytes([c[0], c[1]]))),
                    ),
                    _ => data.extend(piece.chunks_exact(2).map(|c| {
                        f32::from_bits(u32::from(u16::from_le_bytes([c[0], c[1]])) << 16)
                    })),
                }
                left -= n as u64;
            }
            at = end;
            map.insert(name, Tensor { shape, data });
        }
        Ok(Self { map })
    }

    /// The tensor `name`, if the file holds it.
    pub fn get(&self, name: &str) -> Option<&Tensor> {
        self.map.get(name)
    }

    /// Removes and returns the tensor `name` (HF BERT exports may prefix it
    /// with `bert.`), checking its shape.
    pub fn take(&mut self, name: &str, shape: &[usize]) -> Result<Tensor, String> {
        let t = match self.map.remove(name) {
            Some(t) => t,
            None => self
                .map
                .remove(&format!("bert.{name}"))
                .ok_or_else(|| format!("no tensor {name}"))?,
        };
        if t.shape != shape {
            return Err(format!(
                "{name} has shape {:?}, expected {shape:?}",
                t.shape
            ));
        }
        Ok(t)
    }

    /// Number of floating-point tensors read.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when the file held no floating-point tensor.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Writes `tensors` (name, shape, values) as an F32 safetensors file's bytes:
/// what tests and tools need to build a model.
pub fn write_f32(tensors: &[(&str, Vec<usize>, &[f32])]) -> Vec<u8> {
    let mut header = serde_json::Map::new();
    let mut offset = 0;
    for (name, shape, values) in tensors {
        let end = offset + values.len() * 4;
        header.insert(
            (*name).to_string(),
            serde_json::json!({"dtype": "F32", "shape": shape, "data_offsets": [offset, end]}),
        );
        offset = end;
    }
    let header = serde_json::Value::Object(header).to_string();
    let mut out = Vec::with_capacity(8 + header.len() + offset);
    out.extend_from_slice(&(header.len() as u64).to_le_bytes());
    out.extend_from_slice(header.as_bytes());
    for (_, _, values) in tensors {
        for v in *values {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    out
}

/// An IEEE half-precision value as `f32`.
pub fn f16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h >> 15) << 31;
    let exp = u32::from((h >> 10) & 0x1f);
    let frac = u32::from(h & 0x3ff);
    let bits = match (exp, frac) {
        (0, 0) => sign,
        (0, _) => {
            // Subnormal: frac * 2^-24.
            let v = frac as f32 * (1.0 / 16_777_216.0);
            return if sign != 0 { -v } else { v };
        }
        (0x1f, 0) => sign | 0x7f80_0000,
        (0x1f, _) => sign | 0x7fc0_0000,
        _ => sign | ((exp + 127 - 15) << 23) | (frac << 13),
    };
    f32::from_bits(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_precision_values() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
        assert_eq!(f16_to_f32(0x0001), 5.960_464_5e-8);
        assert_eq!(f16_to_f32(0x7c00), f32::INFINITY);
        assert_eq!(f16_to_f32(0x0000), 0.0);
    }

    #[test]
    fn reads_what_it_writes_and_f16() {
        let bytes = write_f32(&[
            ("a", vec![2, 2], &[1.0, 2.0, 3.0, 4.0]),
            ("b", vec![1], &[5.0]),
        ]);
        let mut t = Tensors::parse(&bytes).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t.take("a", &[2, 2]).unwrap().data, vec![1.0, 2.0, 3.0, 4.0]);
        assert!(t.take("b", &[2]).unwrap_err().contains("shape"));
        // A hand-made F16 file.
        let header = r#"{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#;
        let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
        bytes.extend_from_slice(header.as_bytes());
        bytes.extend_from_slice(&[0x00, 0x3c, 0x00, 0xc0]);
        let t = Tensors::parse(&bytes).unwrap();
        assert_eq!(t.get("h").unwrap().data, vec![1.0, -2.0]);
        assert!(Tensors::parse(&bytes[..6]).is_err());
        assert!(Tensors::parse(&bytes[..20]).is_err());
        let short = Tensors::parse(&bytes[..bytes.len() - 1]).unwrap_err();
        assert!(short.contains("past the end"), "{short}");
    }

    #[test]
    fn tensors_are_read_in_data_order_and_the_file_hashed_whole() {
        // Stored out of name order, with an I64 buffer between them (skipped).
        let header = r#"{"z":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},
            "ids":{"dtype":"I64","shape":[1],"data_offsets":[4,12]},
            "a":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}"#;
        let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
        bytes.extend_from_slice(header.as_bytes());
        bytes.extend_from_slice(&1f32.to_le_bytes());
        bytes.extend_from_slice(&7i64.to_le_bytes());
        for v in [2f32, 3.0] {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        bytes.extend_from_slice(b"trailing");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.safetensors");
        std::fs::write(&path, &bytes).unwrap();
        let (t, hash) = Tensors::read_hashed(&path).unwrap();
        assert_eq!(hash, blake3::hash(&bytes));
        assert_eq!(t.len(), 2);
        assert_eq!(t.get("a").unwrap().data, [2.0, 3.0]);
        assert_eq!(t.get("z").unwrap().data, [1.0]);
        // Two tensors over the same bytes, and an absurd header length.
        let overlap = r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},
            "b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#;
        let mut bytes = (overlap.len() as u64).to_le_bytes().to_vec();
        bytes.extend_from_slice(overlap.as_bytes());
        bytes.extend_from_slice(&[0; 8]);
        let err = Tensors::parse(&bytes).unwrap_err();
        assert!(err.contains("overlaps"), "{err}");
        let err = Tensors::parse(&u64::MAX.to_le_bytes()).unwrap_err();
        assert!(err.contains("not believable"), "{err}");
    }
}
