//! Bytes to text: UTF-8 when valid, else Windows-1252 (what old newsroom files use).

use super::IngestError;

/// Decoded text and how it was decoded.
pub(super) struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// True when the bytes were not UTF-8 and Windows-1252 was used.
    pub cp1252: bool,
}

/// Decode `bytes`; NUL bytes mean binary data and are refused.
pub(super) fn decode(bytes: &[u8], origin: &str) -> Result<Decoded, IngestError> {
    if bytes.contains(&0) {
        return Err(IngestError::Binary {
            origin: origin.to_string(),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            cp1252: false,
        }),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok(Decoded {
                text: text.into_owned(),
                cp1252: true,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_cp1252() {
        let d = decode(b"caf\xe9 \x93quoted\x94", "x.txt").unwrap();
        assert!(d.cp1252);
        assert_eq!(d.text, "caf\u{e9} \u{201c}quoted\u{201d}");
    }

    #[test]
    fn refuses_nul_bytes() {
        assert!(matches!(
            decode(b"a\0b", "x.bin"),
            Err(IngestError::Binary { .. })
        ));
    }
}
