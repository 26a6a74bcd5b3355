//! A signer bundled with its certificate.

use crate::crypto::{PublicKey, Signature, Signer};
use crate::error::{PkiError, Result};
use crate::pki::cert::Certificate;

/// A [`Signer`] together with the certificate of its key; its
/// [`certificate`](Signer::certificate) returns that certificate, so CMS and seal
/// signing can embed it.
///
/// ```
/// use gmseal::crypto::{PrivateKey, Signer, SystemRandom};
/// use gmseal::pki::{CertificateParams, CertifiedKey, DistinguishedName, Profile};
/// use gmseal::Timestamp;
/// let key = PrivateKey::generate(&SystemRandom)?;
/// let cert = CertificateParams::new(Profile::Root, DistinguishedName::parse("CN=x,C=CN")?, Timestamp::parse("2026-01-01")?, 10)
///     .self_signed(&key, &SystemRandom)?;
/// let certified = CertifiedKey::new(cert.clone(), key)?;
/// assert_eq!(certified.certificate(), Some(cert.der()));
/// # Ok::<(), gmseal::Error>(())
/// ```
#[derive(Debug)]
pub struct CertifiedKey<S> {
    certificate: Certificate,
    signer: S,
}

impl<S: Signer> CertifiedKey<S> {
    /// Bundle `signer` with `certificate`.
    ///
    /// # Errors
    /// When the certificate's key is not the signer's.
    pub fn new(certificate: Certificate, signer: S) -> Result<Self> {
        if certificate.public_key() != signer.public_key() {
            return Err(PkiError::InvalidParams(format!(
                "the key does not match the certificate of {}",
                certificate.subject()
            ))
            .into());
        }
        Ok(Self {
            certificate,
            signer,
        })
    }

    /// The certificate.
    pub fn cert(&self) -> &Certificate {
        &self.certificate
    }

    /// The signer.
    pub fn signer(&self) -> &S {
        &self.signer
    }
}

impl<S: Signer> Signer for CertifiedKey<S> {
    fn public_key(&self) -> &PublicKey {
        self.signer.public_key()
    }

    fn user_id(&self) -> &[u8] {
        self.signer.user_id()
    }

    fn sign_digest(&self, e: &[u8; 32]) -> Result<Signature> {
        self.signer.sign_digest(e)
    }

    fn sign_parts(&self, parts: &[&[u8]]) -> Result<Signature> {
        self.signer.sign_parts(parts)
    }

    fn certificate(&self) -> Option<&[u8]> {
        Some(self.certificate.der())
    }
}
