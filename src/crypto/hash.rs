//! SM3 (GB/T 32905-2016), HMAC-SM3 (RFC 2104 over SM3) and PBKDF2-HMAC-SM3 (RFC 8018 §5.2).

use crate::error::{CryptoError, Result};
use ::sm3::Digest as _;
use hmac::{KeyInit as _, Mac as _};
use std::io::Read;

/// Length of an SM3 digest in bytes.
pub const SM3_DIGEST_LEN: usize = 32;

/// SM3 of `data` in one call.
///
/// ```
/// use gmseal::crypto::sm3;
/// // GB/T 32905-2016 Annex A, example 1
/// assert_eq!(
///     sm3(b"abc")[..4],
///     [0x66, 0xc7, 0xf0, 0xf4]
/// );
/// ```
pub fn sm3(data: &[u8]) -> [u8; SM3_DIGEST_LEN] {
    ::sm3::Sm3::digest(data).into()
}

/// Streaming SM3: feed data in pieces, then [`finalize`](Sm3::finalize).
///
/// Also implements [`std::io::Write`], so `std::io::copy` can feed it.
///
/// ```
/// use gmseal::crypto::{sm3, Sm3};
/// let mut h = Sm3::new();
/// h.update(b"ab");
/// h.update(b"c");
/// assert_eq!(h.finalize(), sm3(b"abc"));
/// ```
#[derive(Clone, Default)]
pub struct Sm3 {
    inner: ::sm3::Sm3,
}

impl Sm3 {
    /// A fresh hash state.
    pub fn new() -> Self {
        Self::default()
    }

    /// Absorb `data`.
    pub fn update(&mut self, data: &[u8]) {
        self.inner.update(data);
    }

    /// The digest of everything absorbed.
    pub fn finalize(self) -> [u8; SM3_DIGEST_LEN] {
        self.inner.finalize().into()
    }
}

impl core::fmt::Debug for Sm3 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Sm3 { .. }")
    }
}

impl std::io::Write for Sm3 {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// SM3 of everything `reader` yields, read in 64 KiB pieces.
///
/// # Errors
/// When reading fails.
///
/// ```
/// use gmseal::crypto::{sm3, sm3_reader};
/// let digest = sm3_reader(&b"abc"[..])?;
/// assert_eq!(digest, sm3(b"abc"));
/// # Ok::<(), gmseal::Error>(())
/// ```
pub fn sm3_reader<R: Read>(mut reader: R) -> Result<[u8; SM3_DIGEST_LEN]> {
    let mut hasher = Sm3::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return Ok(hasher.finalize()),
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
}

type HmacSm3 = hmac::Hmac<::sm3::Sm3>;

/// HMAC-SM3 (RFC 2104 with SM3, block size 64) of `data` under `key`.
///
/// ```
/// use gmseal::crypto::hmac_sm3;
/// let tag = hmac_sm3(b"secret", b"abc");
/// assert_eq!(tag[..2], [0x96, 0x04]);
/// ```
pub fn hmac_sm3(key: &[u8], data: &[u8]) -> [u8; SM3_DIGEST_LEN] {
    // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = match HmacSm3::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable_hmac(),
    };
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Check an HMAC-SM3 tag in constant time.
///
/// # Errors
/// [`CryptoError::AuthenticationFailed`] when the tag does not match.
pub fn verify_hmac_sm3(key: &[u8], data: &[u8], tag: &[u8]) -> Result<()> {
    let mut mac = match HmacSm3::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable_hmac(),
    };
    mac.update(data);
    mac.verify_slice(tag)
        .map_err(|_| CryptoError::AuthenticationFailed.into())
}

#[cold]
fn unreachable_hmac() -> ! {
    // Invariant: HMAC is defined for every key length (RFC 2104 §2), and the
    // `hmac` crate's `new_from_slice` only fails for fixed-key-size MACs.
    unreachable!("HMAC accepts keys of any length")
}

/// Most PBKDF2 iterations gmseal accepts when reading a key file (10 million).
///
/// Bounds the work an attacker-supplied key file can force.
pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;

/// PBKDF2 (RFC 8018 §5.2) with HMAC-SM3 as the PRF, filling `out`.
///
/// # Errors
/// When `iterations` is 0 or above [`MAX_PBKDF2_ITERATIONS`], or `out` is empty.
///
/// ```
/// use gmseal::crypto::pbkdf2_hmac_sm3;
/// let mut key = [0u8; 16];
/// pbkdf2_hmac_sm3(b"secret", &[1, 2, 3, 4, 5, 6, 7, 8], 1000, &mut key)?;
/// # Ok::<(), gmseal::Error>(())
/// ```
pub fn pbkdf2_hmac_sm3(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    out: &mut [u8],
) -> Result<()> {
    check_pbkdf2(iterations, out)?;
    pbkdf2::pbkdf2::<HmacSm3>(password, salt, iterations, out)
        .map_err(|e| CryptoError::InvalidParameter(format!("PBKDF2 failed: {e}")).into())
}

/// PBKDF2 with HMAC-SHA-256, OpenSSL's default PRF: only for reading key files
/// that `openssl pkcs8 -v2 sm4-cbc` wrote.
pub(crate) fn pbkdf2_hmac_sha256(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    out: &mut [u8],
) -> Result<()> {
    check_pbkdf2(iterations, out)?;
    pbkdf2::pbkdf2::<hmac::Hmac<sha2::Sha256>>(password, salt, iterations, out)
        .map_err(|e| CryptoError::InvalidParameter(format!("PBKDF2 failed: {e}")).into())
}

fn check_pbkdf2(iterations: u32, out: &[u8]) -> Result<()> {
    if iterations == 0 || iterations > MAX_PBKDF2_ITERATIONS {
        return Err(CryptoError::InvalidParameter(format!(
            "PBKDF2 iteration count {iterations} is outside 1..={MAX_PBKDF2_ITERATIONS}"
        ))
        .into());
    }
    if out.is_empty() || out.len() > 64 {
        return Err(CryptoError::InvalidParameter(format!(
            "PBKDF2 output length {} is outside 1..=64",
            out.len()
        ))
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaming_matches_one_shot() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut h = Sm3::new();
        for chunk in data.chunks(777) {
            h.update(chunk);
        }
        assert_eq!(h.finalize(), sm3(&data));
        assert_eq!(sm3_reader(&data[..]).unwrap(), sm3(&data));
    }

    #[test]
    fn hmac_verify_rejects_wrong_tag() {
        let tag = hmac_sm3(b"k", b"m");
        verify_hmac_sm3(b"k", b"m", &tag).unwrap();
        let mut bad = tag;
        bad[31] ^= 1;
        assert!(verify_hmac_sm3(b"k", b"m", &bad).is_err());
        assert!(verify_hmac_sm3(b"k", b"m", &tag[..31]).is_err());
    }

    #[test]
    fn pbkdf2_bounds() {
        let mut out = [0u8; 16];
        assert!(pbkdf2_hmac_sm3(b"p", b"s", 0, &mut out).is_err());
        assert!(pbkdf2_hmac_sm3(b"p", b"s", MAX_PBKDF2_ITERATIONS + 1, &mut out).is_err());
        assert!(pbkdf2_hmac_sm3(b"p", b"s", 1, &mut []).is_err());
    }
}
