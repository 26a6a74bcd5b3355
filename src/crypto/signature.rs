//! The SM2 signature value and its two encodings.
//!
//! GM/T 0009-2012 §7.3 (GB/T 35276-2017) defines the signature as
//!
//! ```text
//! SM2Signature ::= SEQUENCE {
//!     R INTEGER,   -- 1 <= R <= n-1
//!     S INTEGER    -- 1 <= S <= n-1
//! }
//! ```
//!
//! gmseal always writes that DER form. Hardware devices (SKF/SDF) and some seal
//! vendors store the raw 64-byte `r || s` instead; gmseal reads both and says
//! which it saw ([`SignatureFormat`]).

use crate::error::{CryptoError, Result};
use serde::Serialize;

/// The order `n` of the SM2 base point, big-endian (GB/T 32918.5-2017 §2).
/// The longest DER encoding of an SM2 signature: `SEQUENCE { INTEGER r,
/// INTEGER s }` with 33-byte integers (a leading zero before a set high bit).
pub const MAX_DER_SIGNATURE_LEN: usize = 72;

pub(crate) const ORDER_N: [u8; 32] = [
    0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0x72, 0x03, 0xDF, 0x6B, 0x21, 0xC6, 0x05, 0x2B, 0x53, 0xBB, 0xF4, 0x09, 0x39, 0xD5, 0x41, 0x23,
];

/// How a signature was encoded on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureFormat {
    /// DER `SEQUENCE { r INTEGER, s INTEGER }` (GM/T 0009).
    Der,
    /// Raw 64 bytes: `r || s`, each 32 bytes big-endian.
    Raw,
}

/// An SM2 signature `(r, s)` with `1 <= r, s <= n-1`.
///
/// ```
/// use gmseal::crypto::{Signature, SignatureFormat};
/// let mut raw = [0u8; 64];
/// raw[31] = 1;
/// raw[63] = 2;
/// let sig = Signature::from_raw(&raw)?;
/// assert_eq!(sig.to_der(), [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02]);
/// let (again, format) = Signature::parse(&sig.to_der())?;
/// assert_eq!((again, format), (sig, SignatureFormat::Der));
/// # Ok::<(), gmseal::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signature {
    r: [u8; 32],
    s: [u8; 32],
}

impl core::fmt::Debug for Signature {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "Signature {{ r: {}, s: {} }}",
            crate::hex_upper(&self.r),
            crate::hex_upper(&self.s)
        )
    }
}

fn malformed(reason: &'static str) -> crate::Error {
    CryptoError::MalformedSignature(reason).into()
}

impl Signature {
    /// A signature from its two 32-byte big-endian components.
    ///
    /// # Errors
    /// When `r` or `s` is zero or not below `n`.
    pub fn from_scalars(r: [u8; 32], s: [u8; 32]) -> Result<Self> {
        check_range(&r, "r is zero", "r is not below the group order n")?;
        check_range(&s, "s is zero", "s is not below the group order n")?;
        Ok(Self { r, s })
    }

    /// Parse the raw 64-byte `r || s` form.
    ///
    /// # Errors
    /// When the input is not 64 bytes or a component is out of range.
    pub fn from_raw(raw: &[u8]) -> Result<Self> {
        if raw.len() != 64 {
            return Err(CryptoError::InvalidLength {
                what: "raw SM2 signature (r || s)",
                expected: 64,
                actual: raw.len(),
            }
            .into());
        }
        let mut r = [0u8; 32];
        let mut s = [0u8; 32];
        r.copy_from_slice(&raw[..32]);
        s.copy_from_slice(&raw[32..]);
        Self::from_scalars(r, s)
    }

    /// Parse the DER form strictly: minimal lengths and integers, positive
    /// values, no trailing bytes.
    ///
    /// # Errors
    /// [`CryptoError::MalformedSignature`] naming what is wrong.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let (&tag, rest) = der.split_first().ok_or_else(|| malformed("empty input"))?;
        if tag != 0x30 {
            return Err(malformed("not a DER SEQUENCE"));
        }
        let (&len, body) = rest
            .split_first()
            .ok_or_else(|| malformed("truncated SEQUENCE header"))?;
        if len >= 0x80 {
            // The longest SM2 signature has 70 content bytes, so a long-form
            // length is either non-minimal or far too large.
            return Err(malformed("SEQUENCE length is not in short DER form"));
        }
        let len = usize::from(len);
        if body.len() < len {
            return Err(malformed("truncated SEQUENCE"));
        }
        if body.len() > len {
            return Err(malformed("trailing bytes after the signature SEQUENCE"));
        }
        let (r, body) = read_integer(body, "r")?;
        let (s, body) = read_integer(body, "s")?;
        if !body.is_empty() {
            return Err(malformed("extra data inside the signature SEQUENCE"));
        }
        Self::from_scalars(r, s)
    }

    /// Parse either form: DER when the input is well-formed DER, otherwise the
    /// raw form when it is exactly 64 bytes.
    ///
    /// # Errors
    /// When it is neither; the DER error is reported.
    pub fn parse(bytes: &[u8]) -> Result<(Self, SignatureFormat)> {
        match Self::from_der(bytes) {
            Ok(sig) => Ok((sig, SignatureFormat::Der)),
            Err(der_err) if bytes.len() == 64 && bytes[0] != 0x30 => Self::from_raw(bytes)
                .map(|s| (s, SignatureFormat::Raw))
                .map_err(|_| der_err),
            Err(der_err) if bytes.len() == 64 => {
                // Starts like DER but is not: a raw value whose r begins with 0x30.
                Self::from_raw(bytes)
                    .map(|s| (s, SignatureFormat::Raw))
                    .map_err(|_| der_err)
            }
            Err(e) => Err(e),
        }
    }

    /// `r`, 32 bytes big-endian.
    pub fn r(&self) -> &[u8; 32] {
        &self.r
    }

    /// `s`, 32 bytes big-endian.
    pub fn s(&self) -> &[u8; 32] {
        &self.s
    }

    /// The DER encoding (70 to 72 bytes for typical values).
    #[allow(clippy::cast_possible_truncation)] // lengths are at most 70
    pub fn to_der(&self) -> Vec<u8> {
        let r = integer_body(&self.r);
        let s = integer_body(&self.s);
        let content = 2 + r.len() + 2 + s.len();
        let mut out = Vec::with_capacity(2 + content);
        out.push(0x30);
        // At most 2 * (2 + 33) = 70 content bytes: always the short form.
        out.push(content as u8);
        for int in [r, s] {
            out.push(0x02);
            out.push(int.len() as u8);
            out.extend_from_slice(&int);
        }
        out
    }

    /// The raw 64-byte `r || s` form.
    pub fn to_raw(&self) -> [u8; 64] {
        let mut out = [0u8; 64];
        out[..32].copy_from_slice(&self.r);
        out[32..].copy_from_slice(&self.s);
        out
    }
}

fn check_range(v: &[u8; 32], zero: &'static str, too_big: &'static str) -> Result<()> {
    if v.iter().all(|&b| b == 0) {
        return Err(malformed(zero));
    }
    if v.as_slice() >= ORDER_N.as_slice() {
        return Err(malformed(too_big));
    }
    Ok(())
}

/// Minimal two's-complement body of a positive 256-bit integer.
fn integer_body(v: &[u8; 32]) -> Vec<u8> {
    let first = v.iter().position(|&b| b != 0).unwrap_or(31);
    let mut body = Vec::with_capacity(33);
    if v[first] & 0x80 != 0 {
        body.push(0);
    }
    body.extend_from_slice(&v[first..]);
    body
}

fn read_integer<'a>(input: &'a [u8], name: &'static str) -> Result<([u8; 32], &'a [u8])> {
    let msg = |r: [&'static str; 2]| if name == "r" { r[0] } else { r[1] };
    let (&tag, rest) = input
        .split_first()
        .ok_or_else(|| malformed(msg(["r is missing", "s is missing"])))?;
    if tag != 0x02 {
        return Err(malformed(msg([
            "r is not an INTEGER",
            "s is not an INTEGER",
        ])));
    }
    let (&len, rest) = rest
        .split_first()
        .ok_or_else(|| malformed(msg(["truncated r", "truncated s"])))?;
    if len >= 0x80 {
        return Err(malformed(msg([
            "r length is not in short DER form",
            "s length is not in short DER form",
        ])));
    }
    let len = usize::from(len);
    if len == 0 || rest.len() < len {
        return Err(malformed(msg(["truncated r", "truncated s"])));
    }
    let (body, rest) = rest.split_at(len);
    if body[0] & 0x80 != 0 {
        return Err(malformed(msg([
            "r is a negative INTEGER (missing 0x00 sign padding)",
            "s is a negative INTEGER (missing 0x00 sign padding)",
        ])));
    }
    if body.len() > 1 && body[0] == 0 && body[1] & 0x80 == 0 {
        return Err(malformed(msg([
            "r has a non-minimal INTEGER encoding (extra leading zero)",
            "s has a non-minimal INTEGER encoding (extra leading zero)",
        ])));
    }
    let magnitude = if body[0] == 0 { &body[1..] } else { body };
    if magnitude.len() > 32 {
        return Err(malformed(msg([
            "r is larger than 256 bits",
            "s is larger than 256 bits",
        ])));
    }
    let mut out = [0u8; 32];
    out[32 - magnitude.len()..].copy_from_slice(magnitude);
    Ok((out, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: &[u8]) -> String {
        Signature::from_der(bytes).unwrap_err().to_string()
    }

    #[test]
    fn der_round_trip_with_padding() {
        let mut r = [0u8; 32];
        r[0] = 0x80;
        let mut s = [0u8; 32];
        s[31] = 5;
        let sig = Signature::from_scalars(r, s).unwrap();
        let der = sig.to_der();
        assert_eq!(der.len(), 2 + 2 + 33 + 2 + 1);
        assert_eq!(Signature::from_der(&der).unwrap(), sig);
        assert_eq!(
            Signature::parse(&sig.to_raw()).unwrap(),
            (sig, SignatureFormat::Raw)
        );
    }

    #[test]
    fn strict_der_errors() {
        assert!(err(&[]).contains("empty"));
        assert!(err(&[0x31, 0x00]).contains("SEQUENCE"));
        assert!(err(&[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01]).contains("truncated"));
        assert!(err(&[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]).contains("trailing"));
        assert!(err(&[0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01]).contains("negative"));
        assert!(
            err(&[0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01]).contains("non-minimal")
        );
        assert!(err(&[0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01]).contains("r is zero"));
        assert!(err(&[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00]).contains("s is zero"));
        assert!(err(&[0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]).contains("short"));
        assert!(
            err(&[
                0x30, 0x09, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x05, 0x01, 0x00
            ])
            .contains("extra")
        );
        let mut n = vec![0x30, 0x26, 0x02, 0x21, 0x00];
        n.extend_from_slice(&ORDER_N);
        n.extend_from_slice(&[0x02, 0x01, 0x01]);
        assert!(err(&n).contains("not below"));
    }
}
