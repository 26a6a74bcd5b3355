//! SM2 key pairs: [`PrivateKey`] (zeroized on drop) and [`PublicKey`].
//!
//! File formats (PKCS#8, SPKI, SEC1, encrypted PKCS#8) are in `keyfile.rs`.

use crate::crypto::DEFAULT_USER_ID;
use crate::crypto::dsa::{self, SecretScalar, VerifyPoint};
use crate::crypto::keystate::{self, KeyState};
use crate::crypto::rng::SecureRandom;
use crate::crypto::signature::{Signature, SignatureFormat};
use crate::crypto::signer::Signer;
use crate::crypto::verify::{IdVariant, Verified, VerifyOptions};
use crate::error::{CryptoError, Result};
use sm2::ProjectivePoint;
use std::sync::Arc;
use zeroize::Zeroizing;

/// An SM2 public key: a point of the curve other than the identity.
///
/// A key that verifies more than two signatures builds a 25 KiB table of its
/// multiples on the third verification, which roughly halves the cost of every
/// later one (CA and seal-maker keys verify many). The count and the table are
/// shared by every copy of the key in the process, however it was parsed
/// (a bounded registry of recently used keys). [`precompute`](Self::precompute)
/// builds the table at once.
pub struct PublicKey {
    x: [u8; 32],
    y: [u8; 32],
    point: ProjectivePoint,
    default_za: [u8; 32],
    state: Arc<KeyState>,
}

impl Clone for PublicKey {
    fn clone(&self) -> Self {
        Self {
            x: self.x,
            y: self.y,
            point: self.point,
            default_za: self.default_za,
            state: Arc::clone(&self.state),
        }
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.x == other.x && self.y == other.y
    }
}

impl Eq for PublicKey {}

impl core::hash::Hash for PublicKey {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.x.hash(state);
        self.y.hash(state);
    }
}

impl core::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "PublicKey(04{}{})",
            crate::hex_upper(&self.x),
            crate::hex_upper(&self.y)
        )
    }
}

impl PublicKey {
    fn from_coordinates(x: [u8; 32], y: [u8; 32]) -> Result<Self> {
        let mut sec1 = [0u8; 65];
        sec1[0] = 4;
        sec1[1..33].copy_from_slice(&x);
        sec1[33..].copy_from_slice(&y);
        let pk = sm2::PublicKey::from_sec1_bytes(&sec1)
            .map_err(|_| CryptoError::InvalidPublicKey("the point is not on the SM2 curve"))?;
        let default_za = dsa::za(&x, &y, DEFAULT_USER_ID)?;
        Ok(Self {
            x,
            y,
            point: pk.to_projective(),
            default_za,
            state: keystate::state_for(&x, &y),
        })
    }

    /// Parse a SEC1 point: uncompressed `04 || X || Y` (65 bytes) or
    /// compressed `02/03 || X` (33 bytes).
    ///
    /// # Errors
    /// When the encoding is malformed or the point is not on the curve.
    pub fn from_sec1_bytes(bytes: &[u8]) -> Result<Self> {
        let pk = match (bytes.first(), bytes.len()) {
            (Some(4), 65) | (Some(2 | 3), 33) => sm2::PublicKey::from_sec1_bytes(bytes)
                .map_err(|_| CryptoError::InvalidPublicKey("the point is not on the SM2 curve"))?,
            (Some(0), 1) => {
                return Err(CryptoError::InvalidPublicKey("the point at infinity").into());
            }
            _ => {
                return Err(CryptoError::InvalidPublicKey(
                    "not a SEC1 point (expected 65 bytes starting 04, or 33 bytes starting 02/03)",
                )
                .into());
            }
        };
        let encoded = sm2::elliptic_curve::sec1::ToSec1Point::to_sec1_point(&pk, false);
        let raw = encoded.as_bytes();
        if raw.len() != 65 {
            return Err(CryptoError::InvalidPublicKey("the point at infinity").into());
        }
        let mut x = [0u8; 32];
        let mut y = [0u8; 32];
        x.copy_from_slice(&raw[1..33]);
        y.copy_from_slice(&raw[33..]);
        Self::from_coordinates(x, y)
    }

    /// The uncompressed SEC1 encoding `04 || X || Y`.
    pub fn to_sec1_bytes(&self) -> [u8; 65] {
        let mut out = [0u8; 65];
        out[0] = 4;
        out[1..33].copy_from_slice(&self.x);
        out[33..].copy_from_slice(&self.y);
        out
    }

    /// The affine x coordinate, big-endian.
    pub fn x(&self) -> &[u8; 32] {
        &self.x
    }

    /// The affine y coordinate, big-endian.
    pub fn y(&self) -> &[u8; 32] {
        &self.y
    }

    /// `ZA = SM3(ENTLA || IDA || a || b || xG || yG || xA || yA)` for `user_id`
    /// (GB/T 32918.2-2016 §5.5).
    ///
    /// # Errors
    /// When the ID is longer than 8191 bytes.
    pub fn za(&self, user_id: &[u8]) -> Result<[u8; 32]> {
        if user_id == DEFAULT_USER_ID {
            return Ok(self.default_za);
        }
        dsa::za(&self.x, &self.y, user_id)
    }

    /// The digest SM2 signs: `e = SM3(ZA || M)`, with `M` given in parts (for
    /// example the two ranges of a PDF `/ByteRange`).
    ///
    /// # Errors
    /// When the ID is longer than 8191 bytes.
    pub fn message_digest(&self, user_id: &[u8], parts: &[&[u8]]) -> Result<[u8; 32]> {
        Ok(dsa::digest(Some(&self.za(user_id)?), parts))
    }

    /// Build the per-key verification table now instead of on the third verification.
    pub fn precompute(&self) {
        self.state.table(&self.point, true);
    }

    fn verify_point(&self) -> VerifyPoint<'_> {
        VerifyPoint {
            point: &self.point,
            table: self.state.table(&self.point, false),
        }
    }

    /// Verify `signature` (DER or raw `r || s`) over `message`.
    ///
    /// By default only ZA with the options' user ID (default `1234567812345678`)
    /// is accepted; [`VerifyOptions`] can also accept the empty ID (what OpenSSL
    /// uses when no `distid` is set) and no ZA at all (GmSSL's CMS), and the result
    /// says which matched.
    ///
    /// # Errors
    /// [`CryptoError::MalformedSignature`] for an unparseable signature,
    /// [`CryptoError::BadSignature`] when it does not verify.
    ///
    /// ```
    /// use gmseal::crypto::{PrivateKey, Signer, SystemRandom, VerifyOptions, IdVariant, SignatureFormat};
    /// let key = PrivateKey::generate(&SystemRandom)?;
    /// let sig = key.sign(b"hello")?;
    /// let ok = key.public_key().verify(b"hello", &sig.to_der(), &VerifyOptions::default())?;
    /// assert_eq!((ok.format, ok.variant), (SignatureFormat::Der, IdVariant::UserId));
    /// assert!(key.public_key().verify(b"hellO", &sig.to_der(), &VerifyOptions::default()).is_err());
    /// # Ok::<(), gmseal::Error>(())
    /// ```
    pub fn verify(
        &self,
        message: &[u8],
        signature: &[u8],
        options: &VerifyOptions,
    ) -> Result<Verified> {
        self.verify_parts(&[message], signature, options)
    }

    /// [`verify`](Self::verify) for a message given in parts.
    ///
    /// # Errors
    /// As [`verify`](Self::verify).
    pub fn verify_parts(
        &self,
        parts: &[&[u8]],
        signature: &[u8],
        options: &VerifyOptions,
    ) -> Result<Verified> {
        let (sig, format) = Signature::parse(signature)?;
        let variant = self.verify_signature_parts(parts, &sig, options)?;
        Ok(Verified { format, variant })
    }

    /// Verify an already parsed [`Signature`]; returns the user-ID variant that matched.
    ///
    /// # Errors
    /// [`CryptoError::BadSignature`] when it does not verify.
    pub fn verify_signature_parts(
        &self,
        parts: &[&[u8]],
        sig: &Signature,
        options: &VerifyOptions,
    ) -> Result<IdVariant> {
        let x1 = dsa::recover_x1(&self.verify_point(), sig).ok_or(CryptoError::BadSignature)?;
        let mut candidates = vec![(IdVariant::UserId, Some(self.za(options.user_id())?))];
        if options.accepts_empty_id() && !options.user_id().is_empty() {
            candidates.push((IdVariant::EmptyId, Some(self.za(b"")?)));
        }
        if options.accepts_no_za() {
            candidates.push((IdVariant::NoZa, None));
        }
        for (variant, za) in candidates {
            if dsa::check_r(sig, &dsa::digest(za.as_ref(), parts), &x1) {
                return Ok(variant);
            }
        }
        Err(CryptoError::BadSignature.into())
    }

    /// Verify a signature over a digest `e` the caller computed (for example
    /// `SM3(ZA || M)` computed elsewhere). No user-ID variants apply.
    ///
    /// # Errors
    /// As [`verify`](Self::verify).
    pub fn verify_digest(&self, e: &[u8; 32], signature: &[u8]) -> Result<SignatureFormat> {
        let (sig, format) = Signature::parse(signature)?;
        let x1 = dsa::recover_x1(&self.verify_point(), &sig).ok_or(CryptoError::BadSignature)?;
        if dsa::check_r(&sig, e, &x1) {
            Ok(format)
        } else {
            Err(CryptoError::BadSignature.into())
        }
    }
}

/// An SM2 private key with its public key; the secret is zeroized on drop.
///
/// It signs with a user ID, `1234567812345678` (GM/T 0009-2012 §10) unless
/// [`with_user_id`](Self::with_user_id) sets another.
///
/// ```
/// use gmseal::crypto::{PrivateKey, Signer, SystemRandom};
/// let key = PrivateKey::generate(&SystemRandom)?;
/// let pem = key.to_pkcs8_pem()?;
/// let again = PrivateKey::from_pkcs8_pem(&pem)?;
/// assert_eq!(again.public_key(), key.public_key());
/// # Ok::<(), gmseal::Error>(())
/// ```
pub struct PrivateKey {
    secret: SecretScalar,
    public: PublicKey,
    user_id: Vec<u8>,
    za: [u8; 32],
}

impl core::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PrivateKey")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

impl PrivateKey {
    /// A fresh key pair from `rng`.
    ///
    /// # Errors
    /// When the random number generator fails.
    pub fn generate(rng: &dyn SecureRandom) -> Result<Self> {
        // Rejection sampling: draw until the scalar is in [1, n-2]. A draw is
        // rejected with probability about 2^-32, so this ends at once.
        for _ in 0..64 {
            let mut bytes = Zeroizing::new([0u8; 32]);
            rng.fill(bytes.as_mut())?;
            if let Ok(key) = Self::from_bytes(&bytes) {
                return Ok(key);
            }
        }
        Err(CryptoError::Random("the generator keeps producing out-of-range scalars".into()).into())
    }

    /// A key from its 32-byte big-endian scalar `dA`, which must be in `[1, n-2]`.
    ///
    /// # Errors
    /// [`CryptoError::InvalidPrivateKey`] when it is out of range.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self> {
        let secret = SecretScalar::new(bytes)?;
        let (x, y) = secret.public_point();
        let public = PublicKey::from_coordinates(x, y)?;
        let za = public.default_za;
        Ok(Self {
            secret,
            public,
            user_id: DEFAULT_USER_ID.to_vec(),
            za,
        })
    }

    /// The 32-byte big-endian scalar `dA`.
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        self.secret.to_bytes()
    }

    /// The matching public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The same key signing with another user ID.
    ///
    /// # Errors
    /// When the ID is longer than 8191 bytes.
    pub fn with_user_id(mut self, user_id: &[u8]) -> Result<Self> {
        self.za = self.public.za(user_id)?;
        self.user_id = user_id.to_vec();
        Ok(self)
    }
}

impl Signer for PrivateKey {
    fn public_key(&self) -> &PublicKey {
        &self.public
    }

    fn user_id(&self) -> &[u8] {
        &self.user_id
    }

    fn sign_digest(&self, e: &[u8; 32]) -> Result<Signature> {
        self.secret.sign_digest(e)
    }

    fn sign_parts(&self, parts: &[&[u8]]) -> Result<Signature> {
        self.secret.sign_digest(&dsa::digest(Some(&self.za), parts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::rng::DeterministicRandom;

    #[test]
    fn variants_are_opt_in_and_reported() {
        let key = PrivateKey::generate(&DeterministicRandom::new(b"variants")).unwrap();
        let pk = key.public_key();
        let empty = PrivateKey::from_bytes(&key.to_bytes())
            .unwrap()
            .with_user_id(b"")
            .unwrap();
        let sig_empty = empty.sign(b"m").unwrap().to_der();
        let e_no_za = crate::crypto::sm3(b"m");
        let sig_no_za = key.sign_digest(&e_no_za).unwrap().to_raw();

        let strict = VerifyOptions::default();
        assert!(pk.verify(b"m", &sig_empty, &strict).is_err());
        assert!(pk.verify(b"m", &sig_no_za, &strict).is_err());

        let lenient = VerifyOptions::default().accept_empty_id().accept_no_za();
        let v = pk.verify(b"m", &sig_empty, &lenient).unwrap();
        assert_eq!(
            (v.format, v.variant),
            (SignatureFormat::Der, IdVariant::EmptyId)
        );
        let v = pk.verify(b"m", &sig_no_za, &lenient).unwrap();
        assert_eq!(
            (v.format, v.variant),
            (SignatureFormat::Raw, IdVariant::NoZa)
        );
        assert!(pk.verify(b"x", &sig_no_za, &lenient).is_err());

        let custom = VerifyOptions::default().with_user_id(b"");
        assert_eq!(
            pk.verify(b"m", &sig_empty, &custom).unwrap().variant,
            IdVariant::UserId
        );
    }

    #[test]
    fn repeated_verification_uses_the_key_table() {
        let key = PrivateKey::generate(&DeterministicRandom::new(b"table")).unwrap();
        let pk = key.public_key().clone();
        for i in 0..4u8 {
            let sig = key.sign(&[i]).unwrap().to_der();
            pk.verify(&[i], &sig, &VerifyOptions::default()).unwrap();
            let mut bad = sig.clone();
            let last = bad.len() - 1;
            bad[last] ^= 1;
            assert!(pk.verify(&[i], &bad, &VerifyOptions::default()).is_err());
        }
        assert!(pk.state.has_table());
        // Another copy of the key, parsed from scratch, shares the table.
        let again = PublicKey::from_sec1_bytes(&pk.to_sec1_bytes()).unwrap();
        assert!(again.state.has_table());
        assert!(keystate::remembered() >= 1);
    }

    #[test]
    fn sec1_parsing() {
        let key = PrivateKey::generate(&DeterministicRandom::new(b"sec1")).unwrap();
        let sec1 = key.public_key().to_sec1_bytes();
        assert_eq!(
            &PublicKey::from_sec1_bytes(&sec1).unwrap(),
            key.public_key()
        );
        let mut compressed = vec![2 + (sec1[64] & 1)];
        compressed.extend_from_slice(&sec1[1..33]);
        assert_eq!(
            &PublicKey::from_sec1_bytes(&compressed).unwrap(),
            key.public_key()
        );
        let mut off_curve = sec1;
        off_curve[64] ^= 1;
        assert!(PublicKey::from_sec1_bytes(&off_curve).is_err());
        assert!(PublicKey::from_sec1_bytes(&[0]).is_err());
        assert!(PublicKey::from_sec1_bytes(&sec1[..64]).is_err());
    }
}
