//! # gmseal
//!
//! Chinese government electronic certificates (电子证照) and electronic seals
//! (电子印章) with the national algorithms SM2, SM3 and SM4.
//!
//! The layers so far (the e-license and PDF layers build on them):
//!
//! ```text
//!   crypto   SM2 keys and signatures (ZA with a user ID), SM3, SM4, key files
//!     ^
//!   pki      SM2-with-SM3 X.509: issue root/CA/seal-maker/signer/TSA certificates,
//!     ^      parse, validate chains against a trust store, CRLs
//!   cms      detached CMS SignedData with SM3/SM2 (RFC 5652 or GM/T 0010 OIDs)
//!     ^
//!   seal     GB/T 38540 electronic seals and seal signatures: make (v4), read
//!            (v1/v4/v5), verify with per-check reports; seal images (PNG, vector)
//! ```
//!
//! Everything is a function of its inputs plus an injected [`Clock`]
//! and [`SecureRandom`](crypto::SecureRandom), so tests and test vectors are
//! reproducible byte for byte.
//!
//! ## A complete PKI in a few lines
//!
//! ```
//! use gmseal::crypto::{PrivateKey, SystemRandom};
//! use gmseal::pki::{CertificateParams, DistinguishedName, Profile, TrustStore, ValidationOptions};
//! use gmseal::cms::{SignedDataBuilder, verify_detached, CmsVerifyOptions};
//! use gmseal::Timestamp;
//!
//! let rng = SystemRandom;
//! let now = Timestamp::parse("2026-06-01T00:00:00Z")?;
//!
//! // A root CA and a document signer (签章者).
//! let root_key = PrivateKey::generate(&rng)?;
//! let root = CertificateParams::new(Profile::Root, DistinguishedName::parse("CN=示例根CA,O=示例,C=CN")?, now, 3650)
//!     .self_signed(&root_key, &rng)?;
//! let signer_key = PrivateKey::generate(&rng)?;
//! let signer = CertificateParams::new(Profile::DocumentSigner, DistinguishedName::parse("CN=张三,O=示例单位,C=CN")?, now, 365)
//!     .signed_by(signer_key.public_key(), &root, &root_key, &rng)?;
//!
//! // The chain validates at a given time.
//! let trust = TrustStore::new(vec![root.clone()]);
//! trust.validate(&signer, &[], &ValidationOptions::at(now))?;
//!
//! // Sign a document as detached CMS SignedData, then verify it.
//! let document = b"%PDF-1.7 ...";
//! let cms = SignedDataBuilder::new(&signer, &signer_key).signing_time(now).sign(document)?;
//! let report = verify_detached(&cms, document, &CmsVerifyOptions::default())?;
//! assert_eq!(report.signer_certificate.subject().to_string(), "CN=张三,O=示例单位,C=CN");
//! # Ok::<(), gmseal::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod asn1;
pub mod cms;
pub mod crypto;
mod error;
pub mod font;
pub mod license;
pub mod oid;
pub mod pdf;
mod pem;
pub mod pki;
pub mod seal;
pub mod time;
pub mod tsp;

mod fuzzing;

/// Fuzz-target entry points (see `fuzz/`); not part of the API.
#[doc(hidden)]
pub mod __fuzzing {
    pub use crate::fuzzing::*;
}

/// Upper-case hex, for messages and reports.
pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

pub use error::{
    CmsError, CryptoError, DecodeError, Error, LicenseError, PkiError, Result, SealError, TspError,
};
pub use time::{Clock, FixedClock, SystemClock, Timestamp};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
