//! Certificate revocation lists (RFC 5280 §5), signed with SM2-with-SM3.
//!
//! ```text
//! CertificateList ::= SEQUENCE {
//!     tbsCertList          TBSCertList,
//!     signatureAlgorithm   AlgorithmIdentifier,
//!     signatureValue       BIT STRING }
//! TBSCertList ::= SEQUENCE {
//!     version                 Version OPTIONAL,    -- v2
//!     signature               AlgorithmIdentifier,
//!     issuer                  Name,
//!     thisUpdate              Time,
//!     nextUpdate              Time OPTIONAL,
//!     revokedCertificates     SEQUENCE OF SEQUENCE {
//!         userCertificate         CertificateSerialNumber,
//!         revocationDate          Time,
//!         crlEntryExtensions      Extensions OPTIONAL } OPTIONAL,
//!     crlExtensions       [0] EXPLICIT Extensions OPTIONAL }
//! ```

use crate::asn1;
use crate::crypto::{Signer, VerifyOptions};
use crate::error::{DecodeError, PkiError, Result};
use crate::hex_upper as hex;
use crate::pki::cert::{Certificate, KeyUsage, check_signature_algorithm};
use crate::pki::issue::{enc, key_identifier, sign_structure, sm2_with_sm3};
use crate::pki::name::DistinguishedName;
use crate::time::Timestamp;
use crate::{oid, pem};
use der::asn1::{OctetString, Uint};
use der::{Decode, Encode};
use serde::Serialize;
use std::ops::Range;
use x509_cert::ext::{Extension, pkix};

/// PEM label of a CRL.
pub const PEM_CRL: &str = "X509 CRL";

/// Why a certificate was revoked (RFC 5280 §5.3.1 `CRLReason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum RevocationReason {
    /// `unspecified (0)`.
    Unspecified,
    /// `keyCompromise (1)`.
    KeyCompromise,
    /// `cACompromise (2)`.
    CaCompromise,
    /// `affiliationChanged (3)`.
    AffiliationChanged,
    /// `superseded (4)`.
    Superseded,
    /// `cessationOfOperation (5)`.
    CessationOfOperation,
    /// `certificateHold (6)`.
    CertificateHold,
    /// `removeFromCRL (8)`.
    RemoveFromCrl,
    /// `privilegeWithdrawn (9)`.
    PrivilegeWithdrawn,
    /// `aACompromise (10)`.
    AaCompromise,
}

impl RevocationReason {
    fn to_x509(self) -> pkix::CrlReason {
        match self {
            Self::Unspecified => pkix::CrlReason::Unspecified,
            Self::KeyCompromise => pkix::CrlReason::KeyCompromise,
            Self::CaCompromise => pkix::CrlReason::CaCompromise,
            Self::AffiliationChanged => pkix::CrlReason::AffiliationChanged,
            Self::Superseded => pkix::CrlReason::Superseded,
            Self::CessationOfOperation => pkix::CrlReason::CessationOfOperation,
            Self::CertificateHold => pkix::CrlReason::CertificateHold,
            Self::RemoveFromCrl => pkix::CrlReason::RemoveFromCRL,
            Self::PrivilegeWithdrawn => pkix::CrlReason::PrivilegeWithdrawn,
            Self::AaCompromise => pkix::CrlReason::AaCompromise,
        }
    }

    fn from_x509(r: pkix::CrlReason) -> Self {
        match r {
            pkix::CrlReason::Unspecified => Self::Unspecified,
            pkix::CrlReason::KeyCompromise => Self::KeyCompromise,
            pkix::CrlReason::CaCompromise => Self::CaCompromise,
            pkix::CrlReason::AffiliationChanged => Self::AffiliationChanged,
            pkix::CrlReason::Superseded => Self::Superseded,
            pkix::CrlReason::CessationOfOperation => Self::CessationOfOperation,
            pkix::CrlReason::CertificateHold => Self::CertificateHold,
            pkix::CrlReason::RemoveFromCRL => Self::RemoveFromCrl,
            pkix::CrlReason::PrivilegeWithdrawn => Self::PrivilegeWithdrawn,
            pkix::CrlReason::AaCompromise => Self::AaCompromise,
        }
    }

    /// The RFC 5280 name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Unspecified => "unspecified",
            Self::KeyCompromise => "keyCompromise",
            Self::CaCompromise => "cACompromise",
            Self::AffiliationChanged => "affiliationChanged",
            Self::Superseded => "superseded",
            Self::CessationOfOperation => "cessationOfOperation",
            Self::CertificateHold => "certificateHold",
            Self::RemoveFromCrl => "removeFromCRL",
            Self::PrivilegeWithdrawn => "privilegeWithdrawn",
            Self::AaCompromise => "aACompromise",
        }
    }
}

impl std::str::FromStr for RevocationReason {
    type Err = crate::Error;

    /// The RFC 5280 name, as [`name`](Self::name) returns it (case-insensitive).
    fn from_str(s: &str) -> Result<Self> {
        const ALL: [RevocationReason; 10] = [
            RevocationReason::Unspecified,
            RevocationReason::KeyCompromise,
            RevocationReason::CaCompromise,
            RevocationReason::AffiliationChanged,
            RevocationReason::Superseded,
            RevocationReason::CessationOfOperation,
            RevocationReason::CertificateHold,
            RevocationReason::RemoveFromCrl,
            RevocationReason::PrivilegeWithdrawn,
            RevocationReason::AaCompromise,
        ];
        ALL.into_iter()
            .find(|r| r.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                crate::Error::InvalidInput(format!(
                    "unknown revocation reason {s:?}: expected one of {}",
                    ALL.map(RevocationReason::name).join(", ")
                ))
            })
    }
}

/// One entry of a CRL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RevokedCertificate {
    /// Serial number, big-endian without a sign byte.
    #[serde(serialize_with = "ser_hex")]
    pub serial_number: Vec<u8>,
    /// When the certificate was revoked.
    pub revocation_date: Timestamp,
    /// Why, when the CRL says.
    pub reason: Option<RevocationReason>,
}

fn ser_hex<S: serde::Serializer>(v: &[u8], s: S) -> core::result::Result<S::Ok, S::Error> {
    s.serialize_str(&hex(v))
}

impl RevokedCertificate {
    /// An entry revoking `certificate` at `date`.
    pub fn new(
        certificate: &Certificate,
        date: Timestamp,
        reason: Option<RevocationReason>,
    ) -> Self {
        Self {
            serial_number: certificate.serial_number().to_vec(),
            revocation_date: date,
            reason,
        }
    }
}

/// What goes into a CRL; [`sign`](Self::sign) issues it.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CrlParams {
    /// `thisUpdate`.
    pub this_update: Timestamp,
    /// `nextUpdate` (RFC 5280 requires it of conforming CAs).
    pub next_update: Timestamp,
    /// The `cRLNumber` extension.
    pub crl_number: u64,
    /// The revoked certificates.
    pub revoked: Vec<RevokedCertificate>,
}

impl CrlParams {
    /// A CRL valid from `this_update` for `days` days.
    pub fn new(this_update: Timestamp, days: u32, crl_number: u64) -> Self {
        Self {
            this_update,
            next_update: this_update.plus_days(days),
            crl_number,
            revoked: Vec::new(),
        }
    }

    /// Sign the CRL as `issuer` (which must be a CA with `cRLSign`).
    ///
    /// # Errors
    /// When the key does not match the issuer certificate, the issuer may not
    /// sign CRLs, or `nextUpdate` is not after `thisUpdate`.
    ///
    /// ```
    /// use gmseal::crypto::{PrivateKey, SystemRandom};
    /// use gmseal::pki::{CertificateParams, CrlParams, DistinguishedName, Profile, RevokedCertificate, RevocationReason, Crl};
    /// use gmseal::Timestamp;
    /// let t = Timestamp::parse("2026-01-01T00:00:00Z")?;
    /// let ca_key = PrivateKey::generate(&SystemRandom)?;
    /// let ca = CertificateParams::new(Profile::Root, DistinguishedName::parse("CN=CA,C=CN")?, t, 365)
    ///     .self_signed(&ca_key, &SystemRandom)?;
    /// let mut params = CrlParams::new(t, 7, 1);
    /// params.revoked.push(RevokedCertificate { serial_number: vec![0x42], revocation_date: t, reason: Some(RevocationReason::KeyCompromise) });
    /// let crl = params.sign(&ca, &ca_key)?;
    /// let crl = Crl::from_pem(&crl.to_pem())?;
    /// crl.verify_signature(&ca)?;
    /// assert_eq!(crl.find(&[0x42]).unwrap().reason, Some(RevocationReason::KeyCompromise));
    /// # Ok::<(), gmseal::Error>(())
    /// ```
    pub fn sign(&self, issuer: &Certificate, issuer_key: &dyn Signer) -> Result<Crl> {
        if issuer_key.public_key() != issuer.public_key() {
            return Err(PkiError::InvalidParams(
                "the issuer key does not match the issuer certificate".into(),
            )
            .into());
        }
        if !issuer.is_ca()
            || issuer
                .key_usage()
                .is_some_and(|ku| !ku.contains(KeyUsage::CRL_SIGN))
        {
            return Err(PkiError::InvalidParams(format!(
                "{} may not sign CRLs: it is not a CA with cRLSign",
                issuer.subject()
            ))
            .into());
        }
        if self.next_update <= self.this_update {
            return Err(
                PkiError::InvalidParams("nextUpdate must be after thisUpdate".into()).into(),
            );
        }
        let mut revoked = Vec::with_capacity(self.revoked.len());
        for entry in &self.revoked {
            let extensions = match entry.reason {
                Some(r) => Some(vec![ext(oid::CRL_REASON, &r.to_x509())?]),
                None => None,
            };
            revoked.push(x509_cert::crl::RevokedCert {
                serial_number: x509_cert::serial_number::SerialNumber::new(&positive(
                    &entry.serial_number,
                ))
                .map_err(|_| {
                    PkiError::InvalidParams(
                        "a revoked serial number is longer than 20 bytes".into(),
                    )
                })?,
                revocation_date: entry.revocation_date.to_x509_time()?,
                crl_entry_extensions: extensions,
            });
        }
        let aki = issuer
            .subject_key_id()
            .map(<[u8]>::to_vec)
            .unwrap_or_else(|| key_identifier(issuer.public_key()).to_vec());
        let tbs = x509_cert::crl::TbsCertList::<x509_cert::certificate::Rfc5280> {
            version: x509_cert::certificate::Version::V2,
            signature: sm2_with_sm3(),
            issuer: x509_cert::name::Name::from_der(issuer.subject_der()).map_err(enc)?,
            this_update: self.this_update.to_x509_time()?,
            next_update: Some(self.next_update.to_x509_time()?),
            revoked_certificates: (!revoked.is_empty()).then_some(revoked),
            crl_extensions: Some(vec![
                ext(
                    oid::AUTHORITY_KEY_IDENTIFIER,
                    &pkix::AuthorityKeyIdentifier {
                        key_identifier: Some(OctetString::new(aki).map_err(enc)?),
                        authority_cert_issuer: None,
                        authority_cert_serial_number: None,
                    },
                )?,
                ext(
                    oid::CRL_NUMBER,
                    &Uint::new(&self.crl_number.to_be_bytes()).map_err(enc)?,
                )?,
            ]),
        }
        .to_der()
        .map_err(enc)?;
        let crl = Crl::from_der(&sign_structure(&tbs, issuer_key)?)?;
        crl.verify_signature(issuer)?;
        Ok(crl)
    }
}

/// Prefix a 0x00 when the high bit is set, so the INTEGER stays positive.
fn positive(serial: &[u8]) -> Vec<u8> {
    let trimmed: Vec<u8> = serial.iter().copied().skip_while(|&b| b == 0).collect();
    match trimmed.first() {
        None => vec![0],
        Some(&b) if b & 0x80 != 0 => [&[0u8][..], &trimmed].concat(),
        Some(_) => trimmed,
    }
}

fn ext<T: Encode>(id: der::asn1::ObjectIdentifier, value: &T) -> Result<Extension> {
    Ok(Extension {
        extn_id: id,
        critical: false,
        extn_value: OctetString::new(value.to_der().map_err(enc)?).map_err(enc)?,
    })
}

/// A parsed CRL, kept with its exact DER bytes.
#[derive(Clone, Debug)]
pub struct Crl {
    der: Vec<u8>,
    tbs: Range<usize>,
    issuer: DistinguishedName,
    issuer_der: Vec<u8>,
    this_update: Timestamp,
    next_update: Option<Timestamp>,
    crl_number: Option<Vec<u8>>,
    signature_algorithm: der::asn1::ObjectIdentifier,
    signature: Vec<u8>,
    revoked: Vec<RevokedCertificate>,
}

const WHAT: &str = "X.509 CRL";

impl Crl {
    /// Parse a DER CRL.
    ///
    /// # Errors
    /// When it is malformed or has trailing bytes.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let tbs = asn1::first_element(der, WHAT)?;
        let list =
            x509_cert::crl::CertificateList::<x509_cert::certificate::Rfc5280>::from_der(der)
                .map_err(|e| DecodeError::from_der(WHAT, e))?;
        let t = &list.tbs_cert_list;
        if t.signature != list.signature_algorithm {
            return Err(DecodeError::new(
                WHAT,
                "the signature algorithm inside and outside the TBSCertList differ",
            )
            .into());
        }
        let mut revoked = Vec::new();
        for entry in t.revoked_certificates.iter().flatten() {
            let mut reason = None;
            for e in entry.crl_entry_extensions.iter().flatten() {
                if e.extn_id == oid::CRL_REASON {
                    let r = pkix::CrlReason::from_der(e.extn_value.as_bytes())
                        .map_err(|e| DecodeError::from_der("CRL entry reasonCode", e))?;
                    reason = Some(RevocationReason::from_x509(r));
                } else if e.critical {
                    return Err(PkiError::Crl(format!(
                        "unsupported critical CRL entry extension {}",
                        e.extn_id
                    ))
                    .into());
                }
            }
            let serial = entry.serial_number.as_bytes();
            revoked.push(RevokedCertificate {
                serial_number: if serial.len() > 1 && serial[0] == 0 {
                    serial[1..].to_vec()
                } else {
                    serial.to_vec()
                },
                revocation_date: Timestamp::from_x509_time(&entry.revocation_date),
                reason,
            });
        }
        let mut crl_number = None;
        for e in t.crl_extensions.iter().flatten() {
            match e.extn_id {
                oid::CRL_NUMBER => {
                    let n = Uint::from_der(e.extn_value.as_bytes())
                        .map_err(|e| DecodeError::from_der("cRLNumber", e))?;
                    crl_number = Some(n.as_bytes().to_vec());
                }
                oid::AUTHORITY_KEY_IDENTIFIER => {}
                other if e.critical => {
                    // An issuing distribution point or delta indicator changes what the
                    // CRL covers; gmseal does not evaluate them, so it refuses the CRL.
                    return Err(PkiError::Crl(format!(
                        "unsupported critical CRL extension {other}"
                    ))
                    .into());
                }
                _ => {}
            }
        }
        Ok(Self {
            der: der.to_vec(),
            tbs,
            issuer: DistinguishedName::from_x509(&t.issuer)?,
            issuer_der: t
                .issuer
                .to_der()
                .map_err(|e| DecodeError::from_der(WHAT, e))?,
            this_update: Timestamp::from_x509_time(&t.this_update),
            next_update: t.next_update.as_ref().map(Timestamp::from_x509_time),
            crl_number,
            signature_algorithm: list.signature_algorithm.oid,
            signature: list
                .signature
                .as_bytes()
                .ok_or_else(|| DecodeError::new(WHAT, "the signature BIT STRING has unused bits"))?
                .to_vec(),
            revoked,
        })
    }

    /// Parse a PEM `X509 CRL`.
    ///
    /// # Errors
    /// As [`from_der`](Self::from_der), or for bad PEM.
    pub fn from_pem(pem: &str) -> Result<Self> {
        let block = pem::decode_one(pem.as_bytes(), &[PEM_CRL])?;
        Self::from_der(&block.der)
    }

    /// PEM or DER.
    ///
    /// # Errors
    /// As [`from_der`](Self::from_der).
    pub fn load(data: &[u8]) -> Result<Self> {
        if pem::is_pem(data) {
            let block = pem::decode_one(data, &[PEM_CRL])?;
            Self::from_der(&block.der)
        } else {
            Self::from_der(data)
        }
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The PEM encoding.
    pub fn to_pem(&self) -> String {
        pem::encode(PEM_CRL, &self.der).unwrap_or_default()
    }

    /// The issuer name.
    pub fn issuer(&self) -> &DistinguishedName {
        &self.issuer
    }

    pub(crate) fn issuer_der(&self) -> &[u8] {
        &self.issuer_der
    }

    /// `thisUpdate`.
    pub fn this_update(&self) -> Timestamp {
        self.this_update
    }

    /// `nextUpdate`, when present.
    pub fn next_update(&self) -> Option<Timestamp> {
        self.next_update
    }

    /// The `cRLNumber`, big-endian, when present.
    pub fn crl_number(&self) -> Option<&[u8]> {
        self.crl_number.as_deref()
    }

    /// The revoked certificates.
    pub fn revoked(&self) -> &[RevokedCertificate] {
        &self.revoked
    }

    /// The entry for a serial number (big-endian, leading zeros ignored).
    pub fn find(&self, serial: &[u8]) -> Option<&RevokedCertificate> {
        let strip = |s: &[u8]| {
            s.iter()
                .copied()
                .skip_while(|&b| b == 0)
                .collect::<Vec<u8>>()
        };
        let want = strip(serial);
        self.revoked
            .iter()
            .find(|r| strip(&r.serial_number) == want)
    }

    /// Verify the CRL's signature with `issuer`'s key (ZA with the default user
    /// ID), and that `issuer` is the CRL's issuer and may sign CRLs.
    ///
    /// # Errors
    /// [`PkiError::Crl`] or [`PkiError::BadSignature`].
    pub fn verify_signature(&self, issuer: &Certificate) -> Result<()> {
        self.verify_signature_with(issuer, &VerifyOptions::default())
    }

    /// [`verify_signature`](Self::verify_signature) accepting the user-ID
    /// variants of `options` (for CRLs OpenSSL signed without `distid`).
    ///
    /// # Errors
    /// As [`verify_signature`](Self::verify_signature).
    pub fn verify_signature_with(
        &self,
        issuer: &Certificate,
        options: &VerifyOptions,
    ) -> Result<()> {
        if issuer.subject_der() != self.issuer_der() {
            return Err(PkiError::Crl(format!(
                "the CRL is issued by {}, not by {}",
                self.issuer,
                issuer.subject()
            ))
            .into());
        }
        if issuer
            .key_usage()
            .is_some_and(|ku| !ku.contains(KeyUsage::CRL_SIGN))
        {
            return Err(PkiError::Crl(format!(
                "{} may not sign CRLs (no cRLSign)",
                issuer.subject()
            ))
            .into());
        }
        check_signature_algorithm(&self.signature_algorithm, "CRL")?;
        let bad = || PkiError::BadSignature {
            what: format!("the CRL of {}", self.issuer),
            issuer: issuer.subject().to_string(),
        };
        let sig = crate::crypto::Signature::from_der(&self.signature).map_err(|_| bad())?;
        issuer
            .public_key()
            .verify_signature_parts(&[&self.der[self.tbs.clone()]], &sig, options)
            .map(|_| ())
            .map_err(|_| bad().into())
    }
}
