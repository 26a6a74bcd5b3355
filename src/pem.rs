//! PEM (RFC 7468) reading and writing.
//!
//! Reading tolerates text around the blocks (as `openssl x509 -text` output has)
//! and several blocks in one file (certificate chains); each block itself is
//! decoded strictly by `pem-rfc7468`.

use crate::error::CryptoError;
use zeroize::Zeroizing;

/// One decoded PEM block.
pub(crate) struct PemBlock {
    pub(crate) label: String,
    pub(crate) der: Zeroizing<Vec<u8>>,
}

/// Longest PEM input gmseal reads (64 MiB): more is an error, not an allocation.
const MAX_PEM_LEN: usize = 64 << 20;

/// True when `data` looks like PEM text rather than DER.
pub(crate) fn is_pem(data: &[u8]) -> bool {
    // DER always starts with a SEQUENCE tag; PEM is text containing a BEGIN line.
    data.first() != Some(&0x30) && find(data, b"-----BEGIN ").is_some()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Every PEM block in `input`, in order.
pub(crate) fn decode_all(input: &[u8]) -> Result<Vec<PemBlock>, CryptoError> {
    if input.len() > MAX_PEM_LEN {
        return Err(CryptoError::Pem(format!(
            "PEM input of {} bytes is larger than the {MAX_PEM_LEN}-byte limit",
            input.len()
        )));
    }
    let mut blocks = Vec::new();
    let mut rest = input;
    while let Some(start) = find(rest, b"-----BEGIN ") {
        let block = &rest[start..];
        let label_end = find(&block[11..], b"-----")
            .ok_or_else(|| CryptoError::Pem("unterminated PEM BEGIN line".into()))?;
        let label = core::str::from_utf8(&block[11..11 + label_end])
            .map_err(|_| CryptoError::Pem("PEM label is not ASCII".into()))?;
        let end_marker = format!("-----END {label}-----");
        let end = find(block, end_marker.as_bytes()).ok_or_else(|| {
            CryptoError::Pem(format!("PEM block {label:?} has no matching END line"))
        })?;
        let block_len = end + end_marker.len();
        let (found_label, der) = pem_rfc7468::decode_vec(&block[..block_len])
            .map_err(|e| CryptoError::Pem(format!("malformed PEM block {label:?}: {e}")))?;
        blocks.push(PemBlock {
            label: found_label.to_owned(),
            der: Zeroizing::new(der),
        });
        rest = &block[block_len..];
    }
    if blocks.is_empty() {
        return Err(CryptoError::Pem(
            "no PEM block (-----BEGIN ...-----) found".into(),
        ));
    }
    Ok(blocks)
}

/// The single PEM block in `input`, whose label must be one of `labels`.
pub(crate) fn decode_one(input: &[u8], labels: &[&str]) -> Result<PemBlock, CryptoError> {
    let mut blocks = decode_all(input)?;
    if blocks.len() != 1 {
        return Err(CryptoError::Pem(format!(
            "expected one PEM block, found {}",
            blocks.len()
        )));
    }
    let block = blocks.remove(0);
    if !labels.contains(&block.label.as_str()) {
        return Err(CryptoError::Pem(format!(
            "unexpected PEM label {:?}: expected {}",
            block.label,
            labels
                .iter()
                .map(|l| format!("{l:?}"))
                .collect::<Vec<_>>()
                .join(" or ")
        )));
    }
    Ok(block)
}

/// PEM-encode `der` under `label` with LF line endings.
pub(crate) fn encode(label: &str, der: &[u8]) -> Result<String, CryptoError> {
    pem_rfc7468::encode_string(label, pem_rfc7468::LineEnding::LF, der)
        .map_err(|e| CryptoError::Pem(format!("cannot PEM-encode {label}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blocks_among_text() {
        let one = encode("CERTIFICATE", b"\x30\x00").unwrap();
        let two = encode("X509 CRL", b"\x30\x01\x00").unwrap();
        let text = format!("Certificate:\n  text\n{one}junk\n{two}");
        let blocks = decode_all(text.as_bytes()).unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].label, "X509 CRL");
        assert_eq!(blocks[1].der.as_slice(), b"\x30\x01\x00");
        assert!(is_pem(text.as_bytes()));
        assert!(!is_pem(b"\x30\x03\x02\x01\x00"));
    }

    #[test]
    fn wrong_label_is_named() {
        let pem = encode("PRIVATE KEY", b"\x30\x00").unwrap();
        let err = decode_one(pem.as_bytes(), &["CERTIFICATE"]).err().unwrap();
        assert!(err.to_string().contains("\"PRIVATE KEY\""), "{err}");
        assert!(decode_all(b"no pem here").is_err());
        assert!(decode_all(b"-----BEGIN X-----\nAAAA\n").is_err());
    }
}
