//! Issuing SM2-with-SM3 certificates for the roles an e-seal system needs.
//!
//! | profile | basicConstraints (critical) | keyUsage (critical) | extendedKeyUsage |
//! |---|---|---|---|
//! | [`Profile::Root`] | cA | keyCertSign, cRLSign | – |
//! | [`Profile::IntermediateCa`] | cA, pathLen | keyCertSign, cRLSign | – |
//! | [`Profile::SealMaker`] (制章者) | not cA | digitalSignature, nonRepudiation | – |
//! | [`Profile::DocumentSigner`] (签章者) | not cA | digitalSignature, nonRepudiation | documentSigning (RFC 9336) |
//! | [`Profile::Tsa`] | not cA | digitalSignature, nonRepudiation | timeStamping, critical (RFC 3161 §2.3) |
//!
//! Every certificate is X.509 v3 with a 16-byte random positive serial,
//! UTF8String names, `subjectKeyIdentifier` (SM3 of the public key bits,
//! truncated to 160 bits, after RFC 7093 §2 method 1 with SM3 in place of
//! SHA-256), `authorityKeyIdentifier` (except on roots) and, when given, CRL
//! distribution points. GB/T 38540 assigns no extended key usage to seal makers,
//! so their certificates carry none.

use crate::crypto::{PublicKey, SecureRandom, Signer, VerifyOptions, sm3};
use crate::error::{DecodeError, PkiError, Result};
use crate::oid;
use crate::pki::cert::{Certificate, KeyUsage};
use crate::pki::name::DistinguishedName;
use crate::time::Timestamp;
use der::asn1::{Any, BitString, Ia5String, ObjectIdentifier, OctetString, Uint};
use der::{Decode as _, Encode, Sequence};
use spki::AlgorithmIdentifierOwned;
use std::str::FromStr;
use x509_cert::ext::{Extension, pkix};

/// What a certificate is for; decides its extensions (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// A self-signed root CA.
    Root,
    /// An issuing CA below the root; `path_len` limits the CAs below it.
    IntermediateCa {
        /// `pathLenConstraint`; `Some(0)` means it may issue only end entities.
        path_len: Option<u8>,
    },
    /// The seal maker (制章者), who signs electronic seals (GB/T 38540 §6.2).
    SealMaker,
    /// The document signer (签章者), who seals documents (GB/T 38540 §7.2).
    DocumentSigner,
    /// A time-stamping authority (RFC 3161).
    Tsa,
}

impl Profile {
    /// The CLI name: `root`, `ca`, `seal-maker`, `signer`, `tsa`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Root => "root",
            Self::IntermediateCa { .. } => "ca",
            Self::SealMaker => "seal-maker",
            Self::DocumentSigner => "signer",
            Self::Tsa => "tsa",
        }
    }

    fn is_ca(self) -> bool {
        matches!(self, Self::Root | Self::IntermediateCa { .. })
    }

    fn key_usage(self) -> KeyUsage {
        if self.is_ca() {
            KeyUsage::KEY_CERT_SIGN | KeyUsage::CRL_SIGN
        } else {
            KeyUsage::DIGITAL_SIGNATURE | KeyUsage::NON_REPUDIATION
        }
    }

    fn extended_key_usage(self) -> Option<(ObjectIdentifier, bool)> {
        match self {
            Self::DocumentSigner => Some((oid::KP_DOCUMENT_SIGNING, false)),
            Self::Tsa => Some((oid::KP_TIME_STAMPING, true)),
            _ => None,
        }
    }
}

impl FromStr for Profile {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "root" => Self::Root,
            "ca" => Self::IntermediateCa { path_len: Some(0) },
            "seal-maker" => Self::SealMaker,
            "signer" => Self::DocumentSigner,
            "tsa" => Self::Tsa,
            other => {
                return Err(PkiError::InvalidParams(format!(
                    "unknown profile {other:?}: expected root, ca, seal-maker, signer or tsa"
                ))
                .into());
            }
        })
    }
}

/// Everything that goes into a certificate except the keys (rcgen style: public
/// fields, then a terminal verb, [`self_signed`](Self::self_signed) or
/// [`signed_by`](Self::signed_by)).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CertificateParams {
    /// The role, which decides the extensions.
    pub profile: Profile,
    /// The subject name.
    pub subject: DistinguishedName,
    /// Start of validity.
    pub not_before: Timestamp,
    /// End of validity.
    pub not_after: Timestamp,
    /// A fixed serial number (big-endian, at most 20 bytes); `None` draws 16 random bytes.
    pub serial_number: Option<Vec<u8>>,
    /// CRL distribution point URIs.
    pub crl_distribution_points: Vec<String>,
}

impl CertificateParams {
    /// Parameters valid from `not_before` for `days` days.
    pub fn new(
        profile: Profile,
        subject: DistinguishedName,
        not_before: Timestamp,
        days: u32,
    ) -> Self {
        Self {
            profile,
            subject,
            not_before,
            not_after: not_before.plus_days(days).minus_seconds(1),
            serial_number: None,
            crl_distribution_points: Vec::new(),
        }
    }

    /// Issue a self-signed root certificate with `key`.
    ///
    /// # Errors
    /// When the profile is not [`Profile::Root`], the parameters are inconsistent,
    /// or signing fails.
    pub fn self_signed(&self, key: &dyn Signer, rng: &dyn SecureRandom) -> Result<Certificate> {
        if self.profile != Profile::Root {
            return Err(PkiError::InvalidParams(format!(
                "only a root is self-signed; a {} certificate needs an issuer",
                self.profile.name()
            ))
            .into());
        }
        self.check()?;
        let subject = self.subject.to_x509().map_err(enc)?;
        let tbs = self.tbs(key.public_key(), &subject, None, rng)?;
        finish(&tbs, key)
    }

    /// Issue a certificate for `subject_key`, signed by `issuer_key` whose
    /// certificate is `issuer`.
    ///
    /// # Errors
    /// When the issuer key does not match its certificate, the issuer may not
    /// issue certificates (not a CA, no keyCertSign, path length), the validity
    /// falls outside the issuer's, or signing fails.
    pub fn signed_by(
        &self,
        subject_key: &PublicKey,
        issuer: &Certificate,
        issuer_key: &dyn Signer,
        rng: &dyn SecureRandom,
    ) -> Result<Certificate> {
        if self.profile == Profile::Root {
            return Err(
                PkiError::InvalidParams("a root certificate must be self-signed".into()).into(),
            );
        }
        self.check()?;
        if issuer_key.public_key() != issuer.public_key() {
            return Err(PkiError::InvalidParams(
                "the issuer key does not match the issuer certificate".into(),
            )
            .into());
        }
        // The issuer the caller chose cannot issue: a parameter error (the
        // validation-time counterpart is `PkiError::NotACa`).
        let not_a_ca = |reason: &str| {
            PkiError::InvalidParams(format!(
                "{} may not issue certificates: {reason}",
                issuer.subject()
            ))
        };
        if !issuer.is_ca() {
            return Err(not_a_ca("its basicConstraints does not say cA").into());
        }
        if issuer
            .key_usage()
            .is_some_and(|ku| !ku.contains(KeyUsage::KEY_CERT_SIGN))
        {
            return Err(not_a_ca("its keyUsage lacks keyCertSign").into());
        }
        if self.profile.is_ca() && issuer.basic_constraints().and_then(|b| b.path_len) == Some(0) {
            return Err(not_a_ca("its pathLenConstraint 0 forbids issuing CA certificates").into());
        }
        if self.not_before < issuer.not_before() || self.not_after > issuer.not_after() {
            return Err(PkiError::InvalidParams(format!(
                "the validity {}..{} falls outside the issuer's {}..{}",
                self.not_before,
                self.not_after,
                issuer.not_before(),
                issuer.not_after()
            ))
            .into());
        }
        let issuer_name = x509_cert::name::Name::from_der(issuer.subject_der()).map_err(enc)?;
        let aki = issuer
            .subject_key_id()
            .map(<[u8]>::to_vec)
            .unwrap_or_else(|| key_identifier(issuer.public_key()).to_vec());
        let tbs = self.tbs(subject_key, &issuer_name, Some(&aki), rng)?;
        finish(&tbs, issuer_key)
    }

    fn check(&self) -> Result<()> {
        if self.subject.is_empty() {
            return Err(PkiError::InvalidParams("the subject name is empty".into()).into());
        }
        if self.not_after <= self.not_before {
            return Err(PkiError::InvalidParams(format!(
                "notAfter {} is not after notBefore {}",
                self.not_after, self.not_before
            ))
            .into());
        }
        if let Some(serial) = &self.serial_number {
            let significant = serial.iter().skip_while(|&&b| b == 0).count();
            if significant == 0 || significant > 20 {
                return Err(PkiError::InvalidParams(
                    "the serial number must be a positive integer of at most 20 bytes (RFC 5280 §4.1.2.2)".into(),
                )
                .into());
            }
        }
        Ok(())
    }

    fn tbs(
        &self,
        subject_key: &PublicKey,
        issuer: &x509_cert::name::Name,
        authority_key_id: Option<&[u8]>,
        rng: &dyn SecureRandom,
    ) -> Result<Vec<u8>> {
        let serial = match &self.serial_number {
            Some(s) => s.clone(),
            None => {
                let mut s = vec![0u8; 16];
                rng.fill(&mut s)?;
                // Positive, and exactly 16 significant bytes.
                s[0] = (s[0] & 0x7F) | 0x40;
                s
            }
        };
        let mut extensions = vec![
            ext(
                oid::BASIC_CONSTRAINTS,
                true,
                &pkix::BasicConstraints {
                    ca: self.profile.is_ca(),
                    path_len_constraint: match self.profile {
                        Profile::IntermediateCa { path_len } => path_len,
                        _ => None,
                    },
                },
            )?,
            ext(
                oid::KEY_USAGE,
                true,
                &key_usage_bits(self.profile.key_usage())?,
            )?,
        ];
        if let Some((purpose, critical)) = self.profile.extended_key_usage() {
            extensions.push(ext(
                oid::EXT_KEY_USAGE,
                critical,
                &pkix::ExtendedKeyUsage(vec![purpose]),
            )?);
        }
        extensions.push(ext(
            oid::SUBJECT_KEY_IDENTIFIER,
            false,
            &OctetString::new(key_identifier(subject_key).to_vec()).map_err(enc)?,
        )?);
        if let Some(aki) = authority_key_id {
            extensions.push(ext(
                oid::AUTHORITY_KEY_IDENTIFIER,
                false,
                &pkix::AuthorityKeyIdentifier {
                    key_identifier: Some(OctetString::new(aki).map_err(enc)?),
                    authority_cert_issuer: None,
                    authority_cert_serial_number: None,
                },
            )?);
        }
        if !self.crl_distribution_points.is_empty() {
            extensions.push(ext(
                oid::CRL_DISTRIBUTION_POINTS,
                false,
                &crl_distribution_points(&self.crl_distribution_points)?,
            )?);
        }
        TbsCertificate {
            version: 2,
            serial_number: Uint::new(&serial).map_err(enc)?,
            signature: sm2_with_sm3(),
            issuer: issuer.clone(),
            validity: x509_cert::time::Validity::new(
                self.not_before.to_x509_time()?,
                self.not_after.to_x509_time()?,
            ),
            subject: self.subject.to_x509().map_err(enc)?,
            subject_public_key_info: Any::from_der(&subject_key.to_spki_der()).map_err(enc)?,
            extensions,
        }
        .to_der()
        .map_err(enc)
    }
}

/// `tbsCertificate` as gmseal writes it (RFC 5280 §4.1; always v3 with extensions).
#[derive(Sequence)]
struct TbsCertificate {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    version: u8,
    serial_number: Uint,
    signature: AlgorithmIdentifierOwned,
    issuer: x509_cert::name::Name,
    validity: x509_cert::time::Validity,
    subject: x509_cert::name::Name,
    subject_public_key_info: Any,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT")]
    extensions: Vec<Extension>,
}

/// A signed structure: `SEQUENCE { tbs, signatureAlgorithm, signatureValue }`
/// (certificates, CRLs).
#[derive(Sequence)]
pub(crate) struct Signed {
    pub(crate) tbs: Any,
    pub(crate) signature_algorithm: AlgorithmIdentifierOwned,
    pub(crate) signature: BitString,
}

pub(crate) fn enc(e: der::Error) -> crate::Error {
    DecodeError::from_der("certificate encoding", e).into()
}

/// `sm2sign-with-sm3` with absent parameters (GM/T 0015-2012).
pub(crate) fn sm2_with_sm3() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: oid::SM2_WITH_SM3,
        parameters: None,
    }
}

/// Sign `tbs` with `key` (ZA with the signer's user ID) and wrap it as a `Signed` structure.
pub(crate) fn sign_structure(tbs: &[u8], key: &dyn Signer) -> Result<Vec<u8>> {
    let signature = key.sign(tbs)?.to_der();
    Signed {
        tbs: Any::from_der(tbs).map_err(enc)?,
        signature_algorithm: sm2_with_sm3(),
        signature: BitString::from_bytes(&signature).map_err(enc)?,
    }
    .to_der()
    .map_err(enc)
}

fn finish(tbs: &[u8], key: &dyn Signer) -> Result<Certificate> {
    let cert = Certificate::from_der(&sign_structure(tbs, key)?)?;
    // Check our own output before handing it out.
    cert.verify_signature(
        key.public_key(),
        &VerifyOptions::default().with_user_id(key.user_id()),
    )?;
    Ok(cert)
}

fn ext<T: Encode>(id: ObjectIdentifier, critical: bool, value: &T) -> Result<Extension> {
    Ok(Extension {
        extn_id: id,
        critical,
        extn_value: OctetString::new(value.to_der().map_err(enc)?).map_err(enc)?,
    })
}

/// The DER BIT STRING of a key usage: bit 0 is the most significant bit of the
/// first byte, trailing zero bits removed (X.690 §11.2.2).
#[allow(clippy::cast_possible_truncation)] // 7 - (x % 8) is at most 7
fn key_usage_bits(usage: KeyUsage) -> Result<BitString> {
    let bits = usage.bits();
    let highest = 15 - bits.leading_zeros() as usize;
    let mut bytes = vec![0u8; highest / 8 + 1];
    for i in 0..=highest {
        if bits & (1 << i) != 0 {
            bytes[i / 8] |= 0x80 >> (i % 8);
        }
    }
    // 7 - (highest % 8) is at most 7.
    BitString::new((7 - highest % 8) as u8, bytes).map_err(enc)
}

fn crl_distribution_points(uris: &[String]) -> Result<pkix::CrlDistributionPoints> {
    let names = uris
        .iter()
        .map(|u| {
            Ia5String::new(u)
                .map(pkix::name::GeneralName::UniformResourceIdentifier)
                .map_err(|_| {
                    PkiError::InvalidParams(format!(
                        "CRL distribution point {u:?} is not an ASCII URI"
                    ))
                    .into()
                })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(pkix::CrlDistributionPoints(vec![
        pkix::crl::dp::DistributionPoint {
            distribution_point: Some(pkix::name::DistributionPointName::FullName(names)),
            reasons: None,
            crl_issuer: None,
        },
    ]))
}

/// The key identifier gmseal writes: SM3 of the `subjectPublicKey` bits, first 20 bytes.
pub fn key_identifier(key: &PublicKey) -> [u8; 20] {
    let digest = sm3(&key.to_sec1_bytes());
    let mut id = [0u8; 20];
    id.copy_from_slice(&digest[..20]);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_usage_encoding_is_minimal() {
        let der = key_usage_bits(KeyUsage::DIGITAL_SIGNATURE | KeyUsage::NON_REPUDIATION)
            .unwrap()
            .to_der()
            .unwrap();
        assert_eq!(der, [0x03, 0x02, 0x06, 0xC0]);
        let der = key_usage_bits(KeyUsage::KEY_CERT_SIGN | KeyUsage::CRL_SIGN)
            .unwrap()
            .to_der()
            .unwrap();
        assert_eq!(der, [0x03, 0x02, 0x01, 0x06]);
        let der = key_usage_bits(KeyUsage::DECIPHER_ONLY)
            .unwrap()
            .to_der()
            .unwrap();
        assert_eq!(der, [0x03, 0x03, 0x07, 0x00, 0x80]);
    }

    #[test]
    fn profiles_parse() {
        for p in ["root", "ca", "seal-maker", "signer", "tsa"] {
            assert_eq!(p.parse::<Profile>().unwrap().name(), p);
        }
        assert!("nope".parse::<Profile>().is_err());
    }
}
