//! RFC 3161 time-stamp tokens with SM3 and SM2: a PDF document time stamp
//! (`/SubFilter /ETSI.RFC3161`) or the time stamp of a signature.
//!
//! A token is a CMS `SignedData` whose encapsulated content is a `TSTInfo`
//! (RFC 3161 §2.4.2), signed by a time-stamping authority (TSA) whose
//! certificate allows only `id-kp-timeStamping`:
//!
//! ```text
//! TimeStampToken ::= ContentInfo
//!     -- contentType is id-signedData ([CMS])
//!     -- content is SignedData ([CMS])
//!     -- eContentType within SignedData is id-ct-TSTInfo
//!     -- eContent within SignedData is TSTInfo
//! ```
//!
//! gmseal writes the token as RFC 3161 and RFC 5816 describe it, with the
//! national algorithms: the message imprint is SM3 of the time-stamped data,
//! the signature SM2-with-SM3 (user ID `1234567812345678`) over the signed
//! attributes `contentType` (id-ct-TSTInfo), `messageDigest` (SM3 of the
//! `TSTInfo`) and `signingCertificateV2` (ESSCertIDv2 with SM3).
//!
//! - [`TimestampBuilder`] is the TSA side: it stamps an SM3 digest.
//! - [`verify_token`] checks a token against the digest of the data.
//! - [`TstInfo`] reads and writes the `TSTInfo` itself.
//!
//! [`verify_token`] does **not** validate the TSA's certificate path: pass
//! [`TimestampReport::tsa_certificate`] and [`TimestampReport::certificates`]
//! to [`TrustStore::validate`](crate::pki::TrustStore::validate) with
//! [`Purpose::TimeStamping`](crate::pki::Purpose::TimeStamping) at
//! [`TimestampReport::gen_time`], as the example shows.
//!
//! ```
//! # let (root, tsa_key, tsa, now) = gmseal::tsp::__doc::tsa()?;
//! use gmseal::cms::CmsVerifyOptions;
//! use gmseal::crypto::{sm3, SystemRandom};
//! use gmseal::pki::{Purpose, TrustStore, ValidationOptions};
//! use gmseal::tsp::{TimestampBuilder, verify_token};
//! use gmseal::{FixedClock, oid};
//!
//! // The TSA stamps the SM3 digest of some data ...
//! let digest = sm3(b"the signature value or the PDF's /ByteRange bytes");
//! let clock = FixedClock(now);
//! let token = TimestampBuilder::new(&tsa, &tsa_key, oid::TEST_POLICY, &clock, &SystemRandom)
//!     .stamp_digest(&digest)?;
//!
//! // ... and anyone checks the token against the digest, then the TSA's chain.
//! let report = verify_token(&token, &digest, &CmsVerifyOptions::default())?;
//! assert_eq!(report.gen_time, now);
//! assert_eq!(report.policy, oid::TEST_POLICY);
//! let options = ValidationOptions::at(report.gen_time).for_purpose(Purpose::TimeStamping);
//! TrustStore::new(vec![root]).validate(&report.tsa_certificate, &report.certificates, &options)?;
//!
//! // The token stamps that digest only.
//! let err = verify_token(&token, &sm3(b"other data"), &CmsVerifyOptions::default()).unwrap_err();
//! assert_eq!(err.code(), "tsp.imprint-mismatch");
//! # Ok::<(), gmseal::Error>(())
//! ```

mod build;
mod tst_info;
mod verify;

pub use crate::error::TspError;
pub use build::TimestampBuilder;
pub use tst_info::{Accuracy, MessageImprint, TstExtension, TstInfo};
pub use verify::{TimestampReport, verify_token};

/// A TSA for the examples; not part of the API.
#[doc(hidden)]
pub mod __doc {
    use crate::Result;
    use crate::crypto::{DeterministicRandom, PrivateKey};
    use crate::pki::{Certificate, CertificateParams, DistinguishedName, Profile};
    use crate::time::Timestamp;

    /// `(root, TSA key, TSA certificate issued by root, a time both are valid at)`.
    ///
    /// # Errors
    /// Never in practice (fixed inputs).
    pub fn tsa() -> Result<(Certificate, PrivateKey, Certificate, Timestamp)> {
        let rng = DeterministicRandom::new(b"gmseal tsp doc examples");
        let now = Timestamp::parse("2026-05-01T00:00:00Z")?;
        let [root_key, tsa_key] = [PrivateKey::generate(&rng)?, PrivateKey::generate(&rng)?];
        let params = |profile, name: &str, days| -> Result<CertificateParams> {
            Ok(CertificateParams::new(
                profile,
                DistinguishedName::parse(name)?,
                now,
                days,
            ))
        };
        let root = params(Profile::Root, "CN=Root,C=CN", 3650)?.self_signed(&root_key, &rng)?;
        let tsa = params(Profile::Tsa, "CN=TSA,C=CN", 365)?.signed_by(
            tsa_key.public_key(),
            &root,
            &root_key,
            &rng,
        )?;
        Ok((root, tsa_key, tsa, now.plus_seconds(60)))
    }
}
