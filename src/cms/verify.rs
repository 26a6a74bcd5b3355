//! Verifying CMS `SignedData` with SM3/SM2, detached or with encapsulated
//! content, in both OID families and with the user-ID variants of [`VerifyOptions`].
//!
//! Steps (RFC 5652 §5.4 and §5.6):
//! 1. parse strictly (one signer; detached content for [`verify_detached`], an
//!    `eContent` and signed attributes for [`verify_attached`]);
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
use der::asn1::ObjectIdentifier;
use serde::Serialize;

/// Options for [`verify_detached`] and [`verify_attached`].
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

/// What [`verify_attached`] found: the report and the verified content.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AttachedReport {
    /// The signer, signature and attributes, as for detached signatures.
    pub report: CmsReport,
    /// `eContentType`, which the `contentType` signed attribute repeats.
    pub content_type: ObjectIdentifier,
    /// `eContent`: the octets whose SM3 the `messageDigest` attribute holds.
    pub content: Vec<u8>,
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

/// Verify a CMS `SignedData` (DER) that carries its content, and return that
/// content with its type: RFC 5652 §5.4/§5.6 with signed attributes required
/// (`contentType` equal to `eContentType`, `messageDigest` equal to SM3 of
/// `eContent`, `signingCertificateV2` naming the signer when present) and the
/// SM2 signature over them.
///
/// ```text
/// EncapsulatedContentInfo ::= SEQUENCE {
///     eContentType      ContentType,
///     eContent      [0] EXPLICIT OCTET STRING OPTIONAL }   -- required here
/// ```
///
/// Any `eContentType` is accepted; callers check it (RFC 3161 tokens:
/// [`tsp::verify_token`](crate::tsp::verify_token) does).
///
/// ```
/// # let f = gmseal::seal::__doc::fixture()?;
/// use gmseal::cms::{SignedDataBuilder, verify_attached, verify_detached, CmsVerifyOptions};
/// let cms = SignedDataBuilder::new(&f.signer, &f.signer_key)
///     .sign_encapsulated(&gmseal::oid::PKCS7_DATA, b"embedded")?;
/// let attached = verify_attached(&cms, &CmsVerifyOptions::default())?;
/// assert_eq!(attached.report.signer_certificate, f.signer);
/// // Attached and detached signatures are not interchangeable.
/// assert!(verify_detached(&cms, b"embedded", &CmsVerifyOptions::default()).is_err());
/// let detached = SignedDataBuilder::new(&f.signer, &f.signer_key).sign(b"embedded")?;
/// assert!(verify_attached(&detached, &CmsVerifyOptions::default()).is_err());
/// # Ok::<(), gmseal::Error>(())
/// ```
///
/// # Errors
/// As [`verify_detached`]; a [`CmsError::Invalid`] when `eContent` or the
/// signed attributes are missing.
pub fn verify_attached(cms: &[u8], options: &CmsVerifyOptions) -> Result<AttachedReport> {
    let mut sd = parse::parse(cms)?;
    let content = sd.econtent.take().ok_or_else(|| {
        invalid("the SignedData has no eContent (it is detached: use verify_detached)")
    })?;
    if sd.signed_attrs.is_none() {
        return Err(invalid(
            "the SignedData carries its content without signed attributes; gmseal requires them",
        ));
    }
    let content_type = sd.econtent_type;
    let report = check(sd, Content::Data(&content), options)?;
    Ok(AttachedReport {
        report,
        content_type,
        content,
    })
}

enum Content<'a> {
    Data(&'a [u8]),
    Digest(&'a [u8; 32]),
}

fn verify(cms: &[u8], content: Content<'_>, options: &CmsVerifyOptions) -> Result<CmsReport> {
    let sd = parse::parse(cms)?;
    if sd.econtent.is_some() {
        return Err(invalid(
            "the SignedData carries its content; verify_detached checks detached signatures (use verify_attached)",
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
    check(sd, content, options)
}

/// Steps 2 to 4 of the module documentation, once the content is settled.
fn check(
    sd: parse::ParsedSignedData,
    content: Content<'_>,
    options: &CmsVerifyOptions,
) -> Result<CmsReport> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cms::SignedDataBuilder;

    /// The position of the first `needle` in `haystack` at or after `from`.
    fn find(haystack: &[u8], needle: &[u8], from: usize) -> usize {
        haystack[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| p + from)
            .unwrap_or_else(|| panic!("not found"))
    }

    #[test]
    fn attached_round_trip_and_checks() -> Result<()> {
        let f = crate::seal::__doc::fixture()?;
        let options = CmsVerifyOptions::default();
        for family in [OidFamily::Rfc5652, OidFamily::GmT0010] {
            for content_type in [oid::PKCS7_DATA, oid::CT_TST_INFO] {
                let cms = SignedDataBuilder::new(&f.signer, &f.signer_key)
                    .oid_family(family)
                    .sign_encapsulated(&content_type, b"attached content")?;
                let attached = verify_attached(&cms, &options)?;
                assert_eq!(attached.content, b"attached content");
                assert_eq!(attached.content_type, content_type);
                assert_eq!(attached.report.oid_family, family);
                assert!(attached.report.signing_certificate_v2);
                // SignedData.version: 3 unless eContentType is id-data (RFC 5652 §5.1).
                let sd = parse::parse(&cms)?;
                assert_eq!(sd.econtent_type, content_type);
                let version_at = find(&cms, &[0x02, 0x01], 0) + 2;
                let expected = if content_type == oid::PKCS7_DATA && family == OidFamily::Rfc5652 {
                    1
                } else {
                    3
                };
                assert_eq!(cms[version_at], expected, "{family:?} {content_type}");
                // Not a detached signature.
                let e = verify_detached(&cms, b"attached content", &options);
                assert!(e.is_err_and(|e| e.to_string().contains("verify_attached")));
            }
        }
        let cms = SignedDataBuilder::new(&f.signer, &f.signer_key)
            .sign_encapsulated(&oid::CT_TST_INFO, b"attached content")?;
        // The content changed: the message digest no longer matches.
        let mut changed = cms.clone();
        let at = find(&changed, b"attached", 0);
        changed[at] ^= 0x20;
        assert!(matches!(
            verify_attached(&changed, &options),
            Err(crate::Error::Cms(CmsError::DigestMismatch))
        ));
        // eContentType no longer the contentType attribute (its first occurrence
        // is encapContentInfo's, the second the attribute's).
        let tst = oid::CT_TST_INFO.as_bytes();
        let mut retyped = cms;
        let at = find(&retyped, tst, 0) + tst.len() - 1;
        retyped[at] = 0x05;
        let e = verify_attached(&retyped, &options).err();
        assert!(
            e.as_ref()
                .is_some_and(|e| e.to_string().contains("differs from eContentType")),
            "{e:?}"
        );
        // A detached SignedData is not attached.
        let detached = SignedDataBuilder::new(&f.signer, &f.signer_key).sign(b"x")?;
        let e = verify_attached(&detached, &options).err();
        assert!(
            e.as_ref()
                .is_some_and(|e| e.to_string().contains("no eContent")),
            "{e:?}"
        );
        Ok(())
    }
}
