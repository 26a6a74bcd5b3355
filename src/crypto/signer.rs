//! The [`Signer`] trait: where SM2 private keys plug in (in memory, HSM, UKey, remote).

use crate::crypto::DEFAULT_USER_ID;
use crate::crypto::key::PublicKey;
use crate::crypto::signature::Signature;
use crate::error::Result;

/// Something that makes SM2 signatures: an in-memory [`PrivateKey`](crate::crypto::PrivateKey),
/// or a key in an HSM (SDF), a USB key (SKF) or a remote signing service.
///
/// An implementation must provide [`public_key`](Self::public_key) and
/// [`sign_digest`](Self::sign_digest) (sign `e = SM3(ZA || M)`); the other
/// methods have defaults that compute `e` from the public key and
/// [`user_id`](Self::user_id). A device that computes ZA itself overrides
/// [`sign_parts`](Self::sign_parts) instead.
///
/// ```
/// use gmseal::crypto::{PublicKey, Signature, Signer, PrivateKey, SystemRandom};
///
/// /// A signer that forwards to another process (here: a key in memory).
/// struct Remote { key: PrivateKey }
///
/// impl Signer for Remote {
///     fn public_key(&self) -> &PublicKey { self.key.public_key() }
///     fn sign_digest(&self, e: &[u8; 32]) -> gmseal::Result<Signature> {
///         self.key.sign_digest(e)
///     }
/// }
///
/// let remote = Remote { key: PrivateKey::generate(&SystemRandom)? };
/// let sig = remote.sign(b"data")?;
/// remote.public_key().verify(b"data", &sig.to_der(), &Default::default())?;
/// # Ok::<(), gmseal::Error>(())
/// ```
pub trait Signer: Send + Sync {
    /// The public key matching the signing key.
    fn public_key(&self) -> &PublicKey;

    /// The user ID that enters ZA. Default: `1234567812345678` (GM/T 0009-2012 §10).
    fn user_id(&self) -> &[u8] {
        DEFAULT_USER_ID
    }

    /// Sign the 32-byte digest `e = SM3(ZA || M)`.
    ///
    /// # Errors
    /// When the device or service fails ([`CryptoError::Signer`](crate::CryptoError::Signer)).
    fn sign_digest(&self, e: &[u8; 32]) -> Result<Signature>;

    /// Sign a message given in parts (for example the two ranges of a PDF `/ByteRange`).
    ///
    /// # Errors
    /// As [`sign_digest`](Self::sign_digest).
    fn sign_parts(&self, parts: &[&[u8]]) -> Result<Signature> {
        let e = self.public_key().message_digest(self.user_id(), parts)?;
        self.sign_digest(&e)
    }

    /// Sign a message.
    ///
    /// # Errors
    /// As [`sign_digest`](Self::sign_digest).
    fn sign(&self, message: &[u8]) -> Result<Signature> {
        self.sign_parts(&[message])
    }

    /// The DER X.509 certificate of this key, when the signer has one.
    fn certificate(&self) -> Option<&[u8]> {
        None
    }
}

macro_rules! forward_signer {
    ($($ty:ty),*) => {$(
        impl<T: Signer + ?Sized> Signer for $ty {
            fn public_key(&self) -> &PublicKey { (**self).public_key() }
            fn user_id(&self) -> &[u8] { (**self).user_id() }
            fn sign_digest(&self, e: &[u8; 32]) -> Result<Signature> { (**self).sign_digest(e) }
            fn sign_parts(&self, parts: &[&[u8]]) -> Result<Signature> { (**self).sign_parts(parts) }
            fn sign(&self, message: &[u8]) -> Result<Signature> { (**self).sign(message) }
            fn certificate(&self) -> Option<&[u8]> { (**self).certificate() }
        }
    )*};
}

forward_signer!(&T, Box<T>, std::sync::Arc<T>);
