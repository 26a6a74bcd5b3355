//! Parsed X.509 v3 certificates with SM2 keys (RFC 5280, GM/T 0015-2012).
//!
//! ```text
//! Certificate ::= SEQUENCE {
//!     tbsCertificate       TBSCertificate,
//!     signatureAlgorithm   AlgorithmIdentifier,   -- sm2sign-with-sm3 1.2.156.10197.1.501
//!     signatureValue       BIT STRING }           -- DER SEQUENCE { r, s }
//! ```

use crate::asn1;
use crate::crypto::{IdVariant, PublicKey, Signature, VerifyOptions, sm3};
use crate::error::{DecodeError, PkiError, Result};
use crate::hex_upper as hex;
use crate::pki::name::DistinguishedName;
use crate::time::Timestamp;
use crate::{oid, pem};
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use serde::Serialize;
use std::ops::Range;
use x509_cert::ext::pkix;

/// PEM label of a certificate.
pub const PEM_CERTIFICATE: &str = "CERTIFICATE";

/// Key usage bits (RFC 5280 §4.2.1.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct KeyUsage(u16);

impl KeyUsage {
    /// `digitalSignature (0)`.
    pub const DIGITAL_SIGNATURE: Self = Self(1 << 0);
    /// `nonRepudiation (1)`, also called contentCommitment.
    pub const NON_REPUDIATION: Self = Self(1 << 1);
    /// `keyEncipherment (2)`.
    pub const KEY_ENCIPHERMENT: Self = Self(1 << 2);
    /// `dataEncipherment (3)`.
    pub const DATA_ENCIPHERMENT: Self = Self(1 << 3);
    /// `keyAgreement (4)`.
    pub const KEY_AGREEMENT: Self = Self(1 << 4);
    /// `keyCertSign (5)`.
    pub const KEY_CERT_SIGN: Self = Self(1 << 5);
    /// `cRLSign (6)`.
    pub const CRL_SIGN: Self = Self(1 << 6);
    /// `encipherOnly (7)`.
    pub const ENCIPHER_ONLY: Self = Self(1 << 7);
    /// `decipherOnly (8)`.
    pub const DECIPHER_ONLY: Self = Self(1 << 8);

    const NAMES: [&'static str; 9] = [
        "digitalSignature",
        "nonRepudiation",
        "keyEncipherment",
        "dataEncipherment",
        "keyAgreement",
        "keyCertSign",
        "cRLSign",
        "encipherOnly",
        "decipherOnly",
    ];

    /// True when every bit of `other` is set.
    pub fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// True when at least one bit of `other` is set.
    pub fn intersects(self, other: Self) -> bool {
        self.0 & other.0 != 0
    }

    /// The RFC 5280 names of the set bits.
    pub fn names(self) -> Vec<&'static str> {
        Self::NAMES
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, n)| *n)
            .collect()
    }

    pub(crate) fn bits(self) -> u16 {
        self.0
    }
}

impl core::ops::BitOr for KeyUsage {
    type Output = Self;
    fn bitor(self, rhs: Self) -> Self {
        Self(self.0 | rhs.0)
    }
}

/// `basicConstraints` (RFC 5280 §4.2.1.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct BasicConstraints {
    /// Whether the subject is a CA.
    pub ca: bool,
    /// The most intermediate CAs that may follow this one in a path.
    pub path_len: Option<u8>,
}

/// An X.509 certificate with an SM2 public key, parsed once and kept with its
/// exact DER bytes.
///
/// ```
/// use gmseal::crypto::{PrivateKey, SystemRandom};
/// use gmseal::pki::{Certificate, CertificateParams, DistinguishedName, Profile};
/// use gmseal::Timestamp;
/// let key = PrivateKey::generate(&SystemRandom)?;
/// let t = Timestamp::parse("2026-01-01T00:00:00Z")?;
/// let root = CertificateParams::new(Profile::Root, DistinguishedName::parse("CN=根,C=CN")?, t, 30)
///     .self_signed(&key, &SystemRandom)?;
/// let again = Certificate::from_pem(&root.to_pem())?;
/// assert_eq!(again.subject().common_name(), Some("根"));
/// assert!(again.is_ca());
/// # Ok::<(), gmseal::Error>(())
/// ```
#[derive(Clone)]
pub struct Certificate {
    der: Vec<u8>,
    tbs: Range<usize>,
    version: u8,
    serial: Vec<u8>,
    subject: DistinguishedName,
    issuer: DistinguishedName,
    subject_der: Vec<u8>,
    issuer_der: Vec<u8>,
    not_before: Timestamp,
    not_after: Timestamp,
    public_key: PublicKey,
    signature_algorithm: ObjectIdentifier,
    signature: Vec<u8>,
    basic_constraints: Option<BasicConstraints>,
    key_usage: Option<KeyUsage>,
    extended_key_usage: Option<Vec<ObjectIdentifier>>,
    subject_key_id: Option<Vec<u8>>,
    authority_key_id: Option<Vec<u8>>,
    crl_distribution_points: Vec<String>,
    unknown_critical: Vec<ObjectIdentifier>,
}

impl core::fmt::Debug for Certificate {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Certificate")
            .field("subject", &self.subject.to_string())
            .field("issuer", &self.issuer.to_string())
            .field("serial", &hex(&self.serial))
            .finish_non_exhaustive()
    }
}

impl PartialEq for Certificate {
    fn eq(&self, other: &Self) -> bool {
        self.der == other.der
    }
}

impl Eq for Certificate {}

const WHAT: &str = "X.509 certificate";

impl Certificate {
    /// Parse a DER certificate. The key must be SM2; every extension gmseal
    /// understands is decoded, and critical ones it does not are recorded (chain
    /// validation rejects them).
    ///
    /// # Errors
    /// When the DER is malformed, has trailing bytes, or the key is not SM2.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let tbs = asn1::first_element(der, WHAT)?;
        let cert =
            x509_cert::Certificate::from_der(der).map_err(|e| DecodeError::from_der(WHAT, e))?;
        let t = cert.tbs_certificate();
        if t.signature() != cert.signature_algorithm() {
            return Err(DecodeError::new(
                WHAT,
                "the signature algorithm inside and outside the TBSCertificate differ",
            )
            .into());
        }
        let spki_der = t
            .subject_public_key_info()
            .to_der()
            .map_err(|e| DecodeError::from_der(WHAT, e))?;
        let public_key = PublicKey::from_spki_der(&spki_der)?;
        let enc =
            |n: &x509_cert::name::Name| n.to_der().map_err(|e| DecodeError::from_der(WHAT, e));
        let signature = cert
            .signature()
            .as_bytes()
            .ok_or_else(|| DecodeError::new(WHAT, "the signature BIT STRING has unused bits"))?
            .to_vec();
        let mut out = Self {
            der: der.to_vec(),
            tbs,
            version: match t.version() {
                x509_cert::certificate::Version::V1 => 1,
                x509_cert::certificate::Version::V2 => 2,
                x509_cert::certificate::Version::V3 => 3,
            },
            serial: t.serial_number().as_bytes().to_vec(),
            subject: DistinguishedName::from_x509(t.subject())?,
            issuer: DistinguishedName::from_x509(t.issuer())?,
            subject_der: enc(t.subject())?,
            issuer_der: enc(t.issuer())?,
            not_before: Timestamp::from_x509_time(&t.validity().not_before),
            not_after: Timestamp::from_x509_time(&t.validity().not_after),
            public_key,
            signature_algorithm: cert.signature_algorithm().oid,
            signature,
            basic_constraints: None,
            key_usage: None,
            extended_key_usage: None,
            subject_key_id: None,
            authority_key_id: None,
            crl_distribution_points: Vec::new(),
            unknown_critical: Vec::new(),
        };
        out.read_extensions(t.extensions().map(|e| e.as_slice()).unwrap_or_default())?;
        Ok(out)
    }

    fn read_extensions(&mut self, exts: &[x509_cert::ext::Extension]) -> Result<()> {
        let mut seen: Vec<ObjectIdentifier> = Vec::new();
        for ext in exts {
            if seen.contains(&ext.extn_id) {
                return Err(DecodeError::new(
                    WHAT,
                    format!("extension {} appears twice", ext.extn_id),
                )
                .into());
            }
            seen.push(ext.extn_id);
            let value = ext.extn_value.as_bytes();
            let bad = |e: der::Error| DecodeError {
                what: WHAT,
                detail: format!(
                    "malformed extension {}: {}",
                    oid::describe(&ext.extn_id),
                    e.kind()
                ),
                offset: None,
            };
            match ext.extn_id {
                oid::BASIC_CONSTRAINTS => {
                    let bc = pkix::BasicConstraints::from_der(value).map_err(bad)?;
                    self.basic_constraints = Some(BasicConstraints {
                        ca: bc.ca,
                        path_len: bc.path_len_constraint,
                    });
                }
                oid::KEY_USAGE => {
                    let ku = pkix::KeyUsage::from_der(value).map_err(bad)?;
                    self.key_usage = Some(KeyUsage(ku.0.bits()));
                }
                oid::EXT_KEY_USAGE => {
                    self.extended_key_usage =
                        Some(pkix::ExtendedKeyUsage::from_der(value).map_err(bad)?.0);
                }
                oid::SUBJECT_KEY_IDENTIFIER => {
                    let ski = pkix::SubjectKeyIdentifier::from_der(value).map_err(bad)?;
                    self.subject_key_id = Some(ski.0.as_bytes().to_vec());
                }
                oid::AUTHORITY_KEY_IDENTIFIER => {
                    let aki = pkix::AuthorityKeyIdentifier::from_der(value).map_err(bad)?;
                    self.authority_key_id = aki.key_identifier.map(|k| k.as_bytes().to_vec());
                }
                oid::CRL_DISTRIBUTION_POINTS => {
                    let dps = pkix::CrlDistributionPoints::from_der(value).map_err(bad)?;
                    self.crl_distribution_points = dps
                        .0
                        .iter()
                        .filter_map(|dp| match &dp.distribution_point {
                            Some(pkix::name::DistributionPointName::FullName(names)) => Some(names),
                            _ => None,
                        })
                        .flatten()
                        .filter_map(|n| match n {
                            pkix::name::GeneralName::UniformResourceIdentifier(uri) => {
                                Some(uri.to_string())
                            }
                            _ => None,
                        })
                        .collect();
                }
                // Understood well enough to be safely ignored when critical:
                // names (no name constraints are enforced on them) and policies.
                oid::SUBJECT_ALT_NAME | oid::CERTIFICATE_POLICIES => {}
                other if ext.critical => self.unknown_critical.push(other),
                _ => {}
            }
        }
        Ok(())
    }

    /// Parse a PEM `CERTIFICATE` (exactly one block; text around it is ignored).
    ///
    /// # Errors
    /// As [`from_der`](Self::from_der), or for bad PEM / another label.
    pub fn from_pem(pem: &str) -> Result<Self> {
        let block = pem::decode_one(pem.as_bytes(), &[PEM_CERTIFICATE])?;
        Self::from_der(&block.der)
    }

    /// Every certificate in `data`: one DER certificate, or any number of PEM blocks.
    ///
    /// # Errors
    /// When any block is not a certificate or does not parse.
    pub fn load_all(data: &[u8]) -> Result<Vec<Self>> {
        if !pem::is_pem(data) {
            return Ok(vec![Self::from_der(data)?]);
        }
        pem::decode_all(data)?
            .iter()
            .map(|b| {
                if b.label == PEM_CERTIFICATE {
                    Self::from_der(&b.der)
                } else {
                    Err(crate::CryptoError::Pem(format!(
                        "unexpected PEM label {:?}: expected \"CERTIFICATE\"",
                        b.label
                    ))
                    .into())
                }
            })
            .collect()
    }

    /// The DER encoding, exactly as parsed or issued.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The PEM encoding.
    pub fn to_pem(&self) -> String {
        // PEM-encoding a parsed certificate cannot fail.
        pem::encode(PEM_CERTIFICATE, &self.der).unwrap_or_default()
    }

    /// The exact bytes of `tbsCertificate`, which the issuer signed.
    pub fn tbs_der(&self) -> &[u8] {
        &self.der[self.tbs.clone()]
    }

    /// The X.509 version (1, 2 or 3).
    pub fn version(&self) -> u8 {
        self.version
    }

    /// The serial number, big-endian, without a sign byte.
    pub fn serial_number(&self) -> &[u8] {
        let s = &self.serial;
        if s.len() > 1 && s[0] == 0 { &s[1..] } else { s }
    }

    /// The serial number as upper-case hex.
    pub fn serial_hex(&self) -> String {
        hex(self.serial_number())
    }

    /// The subject name.
    pub fn subject(&self) -> &DistinguishedName {
        &self.subject
    }

    /// The issuer name.
    pub fn issuer(&self) -> &DistinguishedName {
        &self.issuer
    }

    pub(crate) fn subject_der(&self) -> &[u8] {
        &self.subject_der
    }

    pub(crate) fn issuer_der(&self) -> &[u8] {
        &self.issuer_der
    }

    /// Start of the validity period.
    pub fn not_before(&self) -> Timestamp {
        self.not_before
    }

    /// End of the validity period (inclusive).
    pub fn not_after(&self) -> Timestamp {
        self.not_after
    }

    /// Whether `time` is inside the validity period.
    pub fn is_valid_at(&self, time: Timestamp) -> bool {
        self.not_before <= time && time <= self.not_after
    }

    /// The subject's SM2 public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public_key
    }

    /// The signature algorithm identifier.
    pub fn signature_algorithm(&self) -> &ObjectIdentifier {
        &self.signature_algorithm
    }

    /// `basicConstraints`, when present.
    pub fn basic_constraints(&self) -> Option<BasicConstraints> {
        self.basic_constraints
    }

    /// Whether the certificate is a CA certificate (`basicConstraints cA TRUE`).
    pub fn is_ca(&self) -> bool {
        self.basic_constraints.is_some_and(|b| b.ca)
    }

    /// `keyUsage`, when present.
    pub fn key_usage(&self) -> Option<KeyUsage> {
        self.key_usage
    }

    /// `extendedKeyUsage` purposes, when present.
    pub fn extended_key_usage(&self) -> Option<&[ObjectIdentifier]> {
        self.extended_key_usage.as_deref()
    }

    /// `subjectKeyIdentifier`, when present.
    pub fn subject_key_id(&self) -> Option<&[u8]> {
        self.subject_key_id.as_deref()
    }

    /// The `keyIdentifier` of `authorityKeyIdentifier`, when present.
    pub fn authority_key_id(&self) -> Option<&[u8]> {
        self.authority_key_id.as_deref()
    }

    /// URIs of the CRL distribution points.
    pub fn crl_distribution_points(&self) -> &[String] {
        &self.crl_distribution_points
    }

    /// Critical extensions gmseal does not understand.
    pub fn unknown_critical_extensions(&self) -> &[ObjectIdentifier] {
        &self.unknown_critical
    }

    /// Whether subject and issuer names are equal (byte for byte).
    pub fn is_self_issued(&self) -> bool {
        self.subject_der == self.issuer_der
    }

    /// SM3 of the DER certificate.
    pub fn fingerprint_sm3(&self) -> [u8; 32] {
        sm3(&self.der)
    }

    /// Verify this certificate's signature with `issuer_key`: SM2-with-SM3 over
    /// the stored `tbsCertificate` bytes, with ZA of the options' user ID
    /// (GM/T 0015: `1234567812345678`).
    ///
    /// # Errors
    /// [`PkiError::UnsupportedSignatureAlgorithm`] or [`PkiError::BadSignature`].
    pub fn verify_signature(
        &self,
        issuer_key: &PublicKey,
        options: &VerifyOptions,
    ) -> Result<IdVariant> {
        check_signature_algorithm(&self.signature_algorithm, "certificate")?;
        let bad = || PkiError::BadSignature {
            what: format!("certificate {}", self.subject),
            issuer: self.issuer.to_string(),
        };
        let sig = Signature::from_der(&self.signature).map_err(|_| bad())?;
        issuer_key
            .verify_signature_parts(&[self.tbs_der()], &sig, options)
            .map_err(|_| bad().into())
    }

    /// A serializable summary, for reports and `gmseal cert show --json`.
    pub fn info(&self) -> CertificateInfo {
        CertificateInfo {
            version: self.version,
            serial_number: self.serial_hex(),
            subject: self.subject.to_string(),
            issuer: self.issuer.to_string(),
            not_before: self.not_before,
            not_after: self.not_after,
            public_key: hex(&self.public_key.to_sec1_bytes()),
            signature_algorithm: oid::describe(&self.signature_algorithm),
            basic_constraints: self.basic_constraints,
            key_usage: self.key_usage.map(KeyUsage::names),
            extended_key_usage: self
                .extended_key_usage
                .as_ref()
                .map(|v| v.iter().map(oid::describe).collect()),
            subject_key_id: self.subject_key_id.as_deref().map(hex),
            authority_key_id: self.authority_key_id.as_deref().map(hex),
            crl_distribution_points: self.crl_distribution_points.clone(),
            fingerprint_sm3: hex(&self.fingerprint_sm3()),
        }
    }
}

pub(crate) fn check_signature_algorithm(alg: &ObjectIdentifier, what: &'static str) -> Result<()> {
    if *alg == oid::SM2_WITH_SM3 || *alg == oid::SM2_SIGN {
        Ok(())
    } else {
        Err(PkiError::UnsupportedSignatureAlgorithm {
            what,
            oid: oid::describe(alg),
        }
        .into())
    }
}

/// A certificate summary (see [`Certificate::info`]).
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct CertificateInfo {
    /// X.509 version.
    pub version: u8,
    /// Serial number, hex.
    pub serial_number: String,
    /// Subject, RFC 4514.
    pub subject: String,
    /// Issuer, RFC 4514.
    pub issuer: String,
    /// Start of validity.
    pub not_before: Timestamp,
    /// End of validity.
    pub not_after: Timestamp,
    /// SEC1 public key, hex.
    pub public_key: String,
    /// Signature algorithm.
    pub signature_algorithm: String,
    /// basicConstraints.
    pub basic_constraints: Option<BasicConstraints>,
    /// keyUsage names.
    pub key_usage: Option<Vec<&'static str>>,
    /// extendedKeyUsage purposes.
    pub extended_key_usage: Option<Vec<String>>,
    /// subjectKeyIdentifier, hex.
    pub subject_key_id: Option<String>,
    /// authorityKeyIdentifier keyIdentifier, hex.
    pub authority_key_id: Option<String>,
    /// CRL distribution point URIs.
    pub crl_distribution_points: Vec<String>,
    /// SM3 fingerprint of the DER, hex.
    pub fingerprint_sm3: String,
}
