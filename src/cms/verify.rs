//! Verifying detached CMS `SignedData` with SM3/SM2, in both OID families and
//! with the user-ID variants of [`VerifyOptions`].
//!
//! Steps (RFC 5652 §5.4 and §5.6):
//! 1. parse strictly (one signer, detached content);
//! 2. find the signer's certificate (embedded or supplied) by `sid`;
//! 3. digest algorithm SM3, signature algorithm SM2 (`.501`, or `sm2sign` `.301.1`);
//! 4. with signed attributes: `contentType` equals `eContentType`, `messageDigest`
//!    equals SM3 of the content, `signingCertificateV2` (when present) names the
//!    signer's certificate, and the SM2 signature verifies over the DER `SET OF`
//!    attributes; without: the SM2 signature verifies over the content itself.
//!
//! Certificate path validation is separate: pass [`CmsReport::signer_certificate`]
//! and [`CmsReport::certificates`] to [`TrustStore::validate`](crate::pki::TrustStore::validate).

use crate::cms::OidFamily;
use crate::cms::parse::{self, SignerId};
use crate::crypto::{Signature, Verified, VerifyOptions, sm3};
use crate::error::{CmsError, Result};
use crate::oid;
use crate::pki::Certificate;
use crate::time::Timestamp;
use serde::Serialize;

/// Options for [`verify_detached`].
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct CmsVerifyOptions {
    /// Which SM2 user-ID variants the signature may use. Default: only
    /// `1234567812345678`. OpenSSL-made SM2 CMS uses the empty ID
    /// ([`VerifyOptions::accept_empty_id`]).
    pub signature: VerifyOptions,
    /// Certificates to search for the signer besides those embedded.
    pub extra_certificates: Vec<Certificate>,
}

/// What a successful verification found.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct CmsReport {
    /// The signer's certificate.
    #[serde(serialize_with = "ser_cert")]
    pub signer_certificate: Certificate,
    /// Every certificate embedded in the SignedData (for chain building).
    #[serde(skip)]
    pub certificates: Vec<Certificate>,
    /// Which content-type OIDs the SignedData uses.
    pub oid_family: OidFamily,
    /// The `signingTime` attribute, when present (claimed by the signer, not proven).
    pub signing_time: Option<Timestamp>,
    /// Whether signed attributes were present.
    pub signed_attributes: bool,
    /// Whether a `signingCertificateV2` attribute bound the certificate.
    pub signing_certificate_v2: bool,
    /// The signature's encoding and user-ID variant.
    pub signature: Verified,
    /// The other signed attributes with one value each: `(type's OID content
    /// octets, value DER)`.
    #[serde(skip)]
    pub other_signed_attributes: Vec<(Vec<u8>, Vec<u8>)>,
}

impl CmsReport {
    /// The value (DER) of the signed attribute whose type has the OID content
    /// octets `attr_type`, when present.
    pub fn signed_attribute(&self, attr_type: &[u8]) -> Option<&[u8]> {
        self.other_signed_attributes
            .iter()
            .find(|(t, _)| t == attr_type)
            .map(|(_, v)| v.as_slice())
    }
}

fn ser_cert<S: serde::Serializer>(c: &Certificate, s: S) -> core::result::Result<S::Ok, S::Error> {
    c.info().serialize(s)
}

fn invalid(reason: impl Into<String>) -> crate::Error {
    CmsError::Invalid(reason.into()).into()
}

/// Verify a detached CMS `SignedData` (DER) over `content`.
///
/// # Errors
/// [`Error::Decode`](crate::Error::Decode) for malformed DER; [`CmsError`] naming the
/// failed check otherwise ([`CmsError::DigestMismatch`] when the content was changed,
/// [`CmsError::BadSignature`] when the signature does not verify).
pub fn verify_detached(
    cms: &[u8],
    content: &[u8],
    options: &CmsVerifyOptions,
) -> Result<CmsReport> {
    verify(cms, Content::Data(content), options)
}

/// Verify a detached CMS `SignedData` over content whose SM3 digest the caller
/// computed (for example by streaming the two ranges of a PDF `/ByteRange`).
/// Only signatures with signed attributes can be checked this way.
///
/// # Errors
/// As [`verify_detached`]; a [`CmsError::Invalid`] when the SignedData has no
/// signed attributes.
pub fn verify_detached_digest(
    cms: &[u8],
    content_digest: &[u8; 32],
    options: &CmsVerifyOptions,
) -> Result<CmsReport> {
    verify(cms, Content::Digest(content_digest), options)
}

enum Content<'a> {
    Data(&'a [u8]),
    Digest(&'a [u8; 32]),
}

fn verify(cms: &[u8], content: Content<'_>, options: &CmsVerifyOptions) -> Result<CmsReport> {
    let sd = parse::parse(cms)?;
    if sd.econtent.is_some() {
        return Err(invalid(
            "the SignedData carries its content; gmseal verifies detached signatures",
        ));
    }
    let expected_data = match sd.family {
        OidFamily::Rfc5652 => oid::PKCS7_DATA,
        OidFamily::GmT0010 => oid::GMT_DATA,
    };
    if sd.econtent_type != expected_data {
        return Err(invalid(format!(
            "eContentType {} does not match the {} content type {}",
            oid::describe(&sd.econtent_type),
            sd.family.name(),
            oid::describe(&expected_data)
        )));
    }
    if sd.digest_algorithm != oid::SM3 {
        return Err(CmsError::UnsupportedAlgorithm {
            what: "digest algorithm (expected sm3)",
            oid: oid::describe(&sd.digest_algorithm),
        }
        .into());
    }
    if !sd.digest_algorithms.contains(&oid::SM3) {
        return Err(invalid(
            "SignedData.digestAlgorithms does not list the signer's SM3",
        ));
    }
    if ![oid::SM2_WITH_SM3, oid::SM2_SIGN].contains(&sd.signature_algorithm) {
        return Err(CmsError::UnsupportedAlgorithm {
            what: "signature algorithm (expected sm2sign-with-sm3)",
            oid: oid::describe(&sd.signature_algorithm),
        }
        .into());
    }
    let signer_certificate = sd
        .certificates
        .iter()
        .chain(options.extra_certificates.iter())
        .find(|c| matches_sid(c, &sd.sid))
        .cloned()
        .ok_or_else(|| CmsError::SignerCertificateMissing(describe_sid(&sd.sid)))?;
    let (signature, format) = Signature::parse(&sd.signature)
        .map_err(|e| CmsError::BadSignature(format!("the signature value is malformed: {e}")))?;
    let key = signer_certificate.public_key();
    let bad =
        |_| CmsError::BadSignature("it does not verify with the signer certificate's key".into());

    let (variant, signing_time, ess) = match &sd.signed_attrs {
        Some(attrs) => {
            match &attrs.content_type {
                Some(ct) if *ct == sd.econtent_type => {}
                Some(ct) => {
                    return Err(invalid(format!(
                        "the content-type attribute {} differs from eContentType",
                        oid::describe(ct)
                    )));
                }
                None => return Err(invalid("the content-type signed attribute is missing")),
            }
            let digest = attrs
                .message_digest
                .as_ref()
                .ok_or_else(|| invalid("the message-digest signed attribute is missing"))?;
            let actual = match content {
                Content::Data(d) => sm3(d),
                Content::Digest(d) => *d,
            };
            if digest.as_slice() != actual.as_slice() {
                return Err(CmsError::DigestMismatch.into());
            }
            if let Some((alg, hash)) = &attrs.signing_certificate_v2 {
                let actual = match *alg {
                    oid::SM3 => sm3(signer_certificate.der()).to_vec(),
                    oid::SHA256 => {
                        use sha2::Digest as _;
                        sha2::Sha256::digest(signer_certificate.der()).to_vec()
                    }
                    other => {
                        return Err(CmsError::UnsupportedAlgorithm {
                            what: "signing-certificate-v2 hash algorithm",
                            oid: oid::describe(&other),
                        }
                        .into());
                    }
                };
                if actual != *hash {
                    return Err(CmsError::SigningCertificateMismatch.into());
                }
            }
            let variant = key
                .verify_signature_parts(&[&attrs.der_for_signature], &signature, &options.signature)
                .map_err(bad)?;
            (
                variant,
                attrs.signing_time,
                attrs.signing_certificate_v2.is_some(),
            )
        }
        None => {
            let Content::Data(content) = content else {
                return Err(invalid(
                    "the SignedData has no signed attributes, so it cannot be checked against a digest",
                ));
            };
            let variant = key
                .verify_signature_parts(&[content], &signature, &options.signature)
                .map_err(bad)?;
            (variant, None, false)
        }
    };
    Ok(CmsReport {
        signer_certificate,
        certificates: sd.certificates,
        oid_family: sd.family,
        signing_time,
        signed_attributes: sd.signed_attrs.is_some(),
        signing_certificate_v2: ess,
        signature: Verified { format, variant },
        other_signed_attributes: sd.signed_attrs.map(|a| a.other).unwrap_or_default(),
    })
}

fn matches_sid(cert: &Certificate, sid: &SignerId) -> bool {
    match sid {
        SignerId::IssuerAndSerial { issuer_der, serial } => {
            cert.issuer_der() == issuer_der.as_slice() && cert.serial_number() == serial.as_slice()
        }
        SignerId::SubjectKeyId(ski) => cert.subject_key_id() == Some(ski.as_slice()),
    }
}

fn describe_sid(sid: &SignerId) -> String {
    match sid {
        SignerId::IssuerAndSerial { issuer_der, serial } => {
            let issuer = crate::pki::DistinguishedName::from_der(issuer_der)
                .map(|n| n.to_string())
                .unwrap_or_else(|_| "an unreadable issuer".into());
            format!("issuer {issuer}, serial {}", crate::hex_upper(serial))
        }
        SignerId::SubjectKeyId(ski) => format!("subject key identifier {}", crate::hex_upper(ski)),
    }
}
