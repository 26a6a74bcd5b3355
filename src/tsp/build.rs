//! The TSA side: making time-stamp tokens (RFC 3161 §2.4.2) with SM3 and SM2.

use crate::asn1::{tag, tlv};
use crate::cms::SignedDataBuilder;
use crate::crypto::{SecureRandom, Signer, sm3};
use crate::error::{Error, Result};
use crate::oid;
use crate::pki::Certificate;
use crate::time::Clock;
use crate::tsp::tst_info::{Accuracy, MessageImprint, TstInfo};
use crate::tsp::verify::{check_tsa_certificate, check_valid_at};
use der::asn1::ObjectIdentifier;

/// Makes RFC 3161 time-stamp tokens as a TSA: a CMS `SignedData` (RFC 5652
/// OIDs, as RFC 3161 requires) with `eContentType` id-ct-TSTInfo, signed with
/// SM2-with-SM3 by the TSA key, carrying the TSA certificate (and any
/// [added](Self::add_certificate) CA certificates).
///
/// ```text
/// TimeStampToken ::= ContentInfo   -- id-signedData, eContent a DER TSTInfo
/// TSTInfo ::= SEQUENCE { version v1, policy, messageImprint { sm3, SM3(data) },
///     serialNumber, genTime, accuracy OPTIONAL, nonce OPTIONAL, tsa [0] OPTIONAL }
/// signedAttrs: contentType id-ct-TSTInfo, messageDigest SM3(TSTInfo),
///     signingCertificateV2 { { sm3, SM3(TSA certificate), issuerSerial } }
/// ```
///
/// `genTime` comes from the caller's [`Clock`], the serial number from the
/// caller or 16 random bytes of the [`SecureRandom`].
///
/// ```
/// # let (root, tsa_key, tsa, now) = gmseal::tsp::__doc::tsa()?;
/// use gmseal::cms::CmsVerifyOptions;
/// use gmseal::crypto::{sm3, DeterministicRandom};
/// use gmseal::tsp::{Accuracy, TimestampBuilder, verify_token};
/// use gmseal::{FixedClock, oid};
/// let (clock, rng) = (FixedClock(now), DeterministicRandom::new(b"serials"));
/// let digest = sm3(b"data");
/// let token = TimestampBuilder::new(&tsa, &tsa_key, oid::TEST_POLICY, &clock, &rng)
///     .serial_number(&[0x01, 0x02, 0x03])
///     .accuracy(Accuracy { seconds: 1, ..Accuracy::default() })
///     .include_tsa_name()
///     .add_certificate(&root)
///     .stamp_digest(&digest)?;
/// let report = verify_token(&token, &digest, &CmsVerifyOptions::default())?;
/// assert_eq!(report.serial, [0x01, 0x02, 0x03]);
/// assert_eq!(report.tst_info.tsa_name().as_ref(), Some(tsa.subject()));
/// assert_eq!(report.certificates.len(), 2);
/// # Ok::<(), gmseal::Error>(())
/// ```
pub struct TimestampBuilder<'a> {
    certificate: &'a Certificate,
    signer: &'a dyn Signer,
    policy: ObjectIdentifier,
    clock: &'a dyn Clock,
    rng: &'a dyn SecureRandom,
    serial: Option<Vec<u8>>,
    nonce: Option<Vec<u8>>,
    accuracy: Option<Accuracy>,
    tsa_name: bool,
    chain: Vec<&'a Certificate>,
}

impl<'a> TimestampBuilder<'a> {
    /// A TSA whose certificate is `certificate` (it must allow only
    /// `id-kp-timeStamping`, critical: [`Profile::Tsa`](crate::pki::Profile::Tsa)
    /// issues such certificates), signing with `signer` under the TSA policy
    /// `policy`, reading `genTime` from `clock` and drawing serial numbers from
    /// `rng`. There is no default policy: it is the TSA's own OID
    /// ([`oid::TEST_POLICY`](crate::oid::TEST_POLICY) is for tests).
    pub fn new(
        certificate: &'a Certificate,
        signer: &'a dyn Signer,
        policy: ObjectIdentifier,
        clock: &'a dyn Clock,
        rng: &'a dyn SecureRandom,
    ) -> Self {
        Self {
            certificate,
            signer,
            policy,
            clock,
            rng,
            serial: None,
            nonce: None,
            accuracy: None,
            tsa_name: false,
            chain: Vec::new(),
        }
    }

    /// Use this serial number (big-endian, 1 to 20 significant bytes: RFC 3161
    /// caps it at 160 bits) instead of 16 random bytes. Serial numbers must be
    /// unique for each token the TSA issues.
    #[must_use]
    pub fn serial_number(mut self, serial: &[u8]) -> Self {
        self.serial = Some(serial.to_vec());
        self
    }

    /// Echo the requester's `nonce` (big-endian magnitude).
    #[must_use]
    pub fn nonce(mut self, nonce: &[u8]) -> Self {
        self.nonce = Some(nonce.to_vec());
        self
    }

    /// State the `accuracy` of `genTime`.
    #[must_use]
    pub fn accuracy(mut self, accuracy: Accuracy) -> Self {
        self.accuracy = Some(accuracy);
        self
    }

    /// Name the TSA in `tsa`: the certificate's subject as a `directoryName`.
    #[must_use]
    pub fn include_tsa_name(mut self) -> Self {
        self.tsa_name = true;
        self
    }

    /// Also embed an issuing CA certificate, so verifiers can build the chain.
    #[must_use]
    pub fn add_certificate(mut self, certificate: &'a Certificate) -> Self {
        self.chain.push(certificate);
        self
    }

    /// Time-stamp `data`: [`stamp_digest`](Self::stamp_digest) of its SM3.
    ///
    /// # Errors
    /// As [`stamp_digest`](Self::stamp_digest).
    pub fn stamp(&self, data: &[u8]) -> Result<Vec<u8>> {
        self.stamp_digest(&sm3(data))
    }

    /// Time-stamp the data whose SM3 digest is `sm3_digest`: the DER
    /// `ContentInfo` of the `TimeStampToken`.
    ///
    /// # Errors
    /// [`TspError::NotATsaCertificate`](crate::tsp::TspError::NotATsaCertificate)
    /// when the certificate is not a TSA's; [`PkiError::Expired`](crate::PkiError::Expired) when it is not
    /// valid at the clock's time; [`Error::InvalidInput`](crate::Error::InvalidInput)
    /// for a serial number or nonce out of range; a key that is not the
    /// certificate's, or a signer failure.
    pub fn stamp_digest(&self, sm3_digest: &[u8; 32]) -> Result<Vec<u8>> {
        let cert = self.certificate;
        check_tsa_certificate(cert)?;
        let gen_time = self.clock.now();
        check_valid_at(cert, gen_time)?;
        let significant = |v: &[u8]| v.iter().skip_while(|&&b| b == 0).count();
        let serial_number = match &self.serial {
            Some(s) if (1..=20).contains(&significant(s)) => s.clone(),
            Some(_) => {
                return Err(Error::InvalidInput(
                    "the time-stamp serial number must be a positive integer of at most 160 bits (RFC 3161 §2.4.2)".into(),
                ));
            }
            None => {
                let mut s = vec![0u8; 16];
                self.rng.fill(&mut s)?;
                // Positive, and exactly 16 significant bytes.
                s[0] = (s[0] & 0x7F) | 0x40;
                s
            }
        };
        if self.nonce.as_deref().is_some_and(|n| significant(n) == 0) {
            return Err(Error::InvalidInput(
                "the time-stamp nonce must be a positive integer".into(),
            ));
        }
        let info = TstInfo {
            policy: self.policy,
            message_imprint: MessageImprint {
                hash_algorithm: oid::SM3,
                hashed_message: sm3_digest.to_vec(),
            },
            serial_number,
            gen_time,
            gen_time_fraction: String::new(),
            accuracy: self.accuracy,
            ordering: false,
            nonce: self.nonce.clone(),
            tsa: self
                .tsa_name
                .then(|| tlv(tag::context(4), &[cert.subject_der()])),
            extensions: Vec::new(),
        };
        let mut builder = SignedDataBuilder::new(cert, self.signer);
        for c in &self.chain {
            builder = builder.add_certificate(c);
        }
        builder.sign_encapsulated(&oid::CT_TST_INFO, &info.to_der()?)
    }
}
