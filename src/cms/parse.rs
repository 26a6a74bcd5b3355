//! A strict reader for CMS `SignedData` (RFC 5652 §5; GM/T 0010-2012 §8),
//! keeping the exact bytes the signature covers.
//!
//! ```text
//! ContentInfo ::= SEQUENCE {
//!     contentType  ContentType,                 -- id-signedData, or GM/T 0010 signedData
//!     content  [0] EXPLICIT ANY DEFINED BY contentType }
//! SignedData ::= SEQUENCE {
//!     version           CMSVersion,
//!     digestAlgorithms  SET OF DigestAlgorithmIdentifier,
//!     encapContentInfo  EncapsulatedContentInfo,
//!     certificates  [0] IMPLICIT CertificateSet OPTIONAL,
//!     crls          [1] IMPLICIT RevocationInfoChoices OPTIONAL,
//!     signerInfos       SET OF SignerInfo }
//! EncapsulatedContentInfo ::= SEQUENCE {
//!     eContentType      ContentType,
//!     eContent      [0] EXPLICIT OCTET STRING OPTIONAL }   -- absent: detached
//! SignerInfo ::= SEQUENCE {
//!     version            CMSVersion,
//!     sid                SignerIdentifier,     -- issuerAndSerialNumber | [0] subjectKeyIdentifier
//!     digestAlgorithm    DigestAlgorithmIdentifier,
//!     signedAttrs    [0] IMPLICIT SignedAttributes OPTIONAL,
//!     signatureAlgorithm SignatureAlgorithmIdentifier,
//!     signature          SignatureValue,
//!     unsignedAttrs  [1] IMPLICIT UnsignedAttributes OPTIONAL }
//! ```

use crate::asn1::{self, DerReader, Tlv, tag};
use crate::cms::OidFamily;
use crate::error::{CmsError, DecodeError, Result};
use crate::oid;
use crate::pki::Certificate;
use crate::time::Timestamp;
use der::asn1::ObjectIdentifier;

const WHAT: &str = "CMS SignedData";

/// How the signer is identified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SignerId {
    IssuerAndSerial {
        issuer_der: Vec<u8>,
        serial: Vec<u8>,
    },
    SubjectKeyId(Vec<u8>),
}

/// The `signedAttrs` gmseal understands.
#[derive(Clone, Debug, Default)]
pub(crate) struct SignedAttributes {
    /// The DER to verify: the `[0]` element re-tagged as `SET` (RFC 5652 §5.4).
    pub(crate) der_for_signature: Vec<u8>,
    pub(crate) content_type: Option<ObjectIdentifier>,
    pub(crate) message_digest: Option<Vec<u8>>,
    pub(crate) signing_time: Option<Timestamp>,
    /// `(hash algorithm, certHash)` of the first ESSCertIDv2.
    pub(crate) signing_certificate_v2: Option<(ObjectIdentifier, Vec<u8>)>,
    /// Every other attribute with exactly one value: `(type's OID content
    /// octets, value DER)`.
    pub(crate) other: Vec<(Vec<u8>, Vec<u8>)>,
}

pub(crate) struct ParsedSignedData {
    pub(crate) family: OidFamily,
    pub(crate) econtent_type: ObjectIdentifier,
    pub(crate) econtent: Option<Vec<u8>>,
    pub(crate) digest_algorithms: Vec<ObjectIdentifier>,
    pub(crate) certificates: Vec<Certificate>,
    pub(crate) sid: SignerId,
    pub(crate) digest_algorithm: ObjectIdentifier,
    pub(crate) signed_attrs: Option<SignedAttributes>,
    pub(crate) signature_algorithm: ObjectIdentifier,
    pub(crate) signature: Vec<u8>,
}

fn invalid(reason: impl Into<String>) -> crate::Error {
    CmsError::Invalid(reason.into()).into()
}

fn int_small(t: &Tlv<'_>, field: &str) -> Result<u8> {
    match t.value {
        [v] if *v < 0x80 => Ok(*v),
        _ => Err(DecodeError {
            what: WHAT,
            detail: format!("{field} is not a small non-negative INTEGER"),
            offset: Some(t.offset),
        }
        .into()),
    }
}

/// `AlgorithmIdentifier` in the CMS structures: see [`read_algorithm`].
fn algorithm(r: &mut DerReader<'_>, field: &'static str) -> Result<ObjectIdentifier> {
    read_algorithm(r, WHAT, field)
}

/// `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER,
/// parameters ANY DEFINED BY algorithm OPTIONAL }` (RFC 5280 §4.1.1.2) of a
/// digest or signature algorithm: the OID; parameters must be absent or NULL.
/// `what` names the enclosing structure in decoding errors.
pub(crate) fn read_algorithm(
    r: &mut DerReader<'_>,
    what: &'static str,
    field: &'static str,
) -> Result<ObjectIdentifier> {
    let seq = r.read(tag::SEQUENCE, field)?;
    let mut inner = seq.reader(what);
    let id = asn1::oid(&inner.read(tag::OID, field)?, what)?;
    if let Some(params) = inner.read_optional(tag::NULL, field)? {
        if !params.value.is_empty() {
            return Err(invalid(format!("{field}: NULL parameters are not empty")));
        }
    }
    if !inner.is_empty() {
        return Err(invalid(format!(
            "{field} {}: parameters must be absent or NULL",
            oid::describe(&id)
        )));
    }
    Ok(id)
}

/// Parse a DER `ContentInfo` holding `SignedData` with exactly one signer.
pub(crate) fn parse(der: &[u8]) -> Result<ParsedSignedData> {
    let mut top = DerReader::new(der, WHAT);
    let content_info = top.read(tag::SEQUENCE, "ContentInfo")?;
    top.finish("ContentInfo")?;
    let mut ci = content_info.reader(WHAT);
    let content_type = asn1::oid(&ci.read(tag::OID, "ContentInfo.contentType")?, WHAT)?;
    let family = match content_type {
        oid::PKCS7_SIGNED_DATA => OidFamily::Rfc5652,
        oid::GMT_SIGNED_DATA => OidFamily::GmT0010,
        other => {
            return Err(CmsError::UnsupportedAlgorithm {
                what: "content type (expected signedData)",
                oid: oid::describe(&other),
            }
            .into());
        }
    };
    let explicit = ci.read(tag::context(0), "ContentInfo.content")?;
    ci.finish("ContentInfo.content")?;
    let mut wrapper = explicit.reader(WHAT);
    let signed_data = wrapper.read(tag::SEQUENCE, "SignedData")?;
    wrapper.finish("SignedData")?;

    let mut sd = signed_data.reader(WHAT);
    let version = int_small(
        &sd.read(tag::INTEGER, "SignedData.version")?,
        "SignedData.version",
    )?;
    if !matches!(version, 1 | 3) {
        return Err(invalid(format!(
            "SignedData.version {version} (expected 1 or 3)"
        )));
    }
    let digest_set = sd.read(tag::SET, "SignedData.digestAlgorithms")?;
    let mut digest_algorithms = Vec::new();
    let mut dr = digest_set.reader(WHAT);
    while !dr.is_empty() {
        digest_algorithms.push(algorithm(&mut dr, "SignedData.digestAlgorithms")?);
    }

    let encap = sd.read(tag::SEQUENCE, "SignedData.encapContentInfo")?;
    let mut er = encap.reader(WHAT);
    let econtent_type = asn1::oid(&er.read(tag::OID, "encapContentInfo.eContentType")?, WHAT)?;
    let econtent = match er.read_optional(tag::context(0), "encapContentInfo.eContent")? {
        Some(explicit) => {
            let mut xr = explicit.reader(WHAT);
            let octets = xr.read(tag::OCTET_STRING, "encapContentInfo.eContent")?;
            xr.finish("encapContentInfo.eContent")?;
            Some(octets.value.to_vec())
        }
        None => None,
    };
    er.finish("encapContentInfo")?;

    let mut certificates = Vec::new();
    if let Some(set) = sd.read_optional(tag::context(0), "SignedData.certificates")? {
        let mut cr = set.reader(WHAT);
        while !cr.is_empty() {
            let choice = cr.read_any("SignedData.certificates")?;
            // Only the `certificate` CHOICE (a plain SEQUENCE); attribute and
            // other certificate formats are skipped.
            if choice.tag == tag::SEQUENCE {
                certificates.push(Certificate::from_der(choice.raw)?);
            }
        }
    }
    // Revocation information is not used for verification here.
    sd.read_optional(tag::context(1), "SignedData.crls")?;
    let signer_infos = sd.read(tag::SET, "SignedData.signerInfos")?;
    sd.finish("SignedData.signerInfos")?;

    let mut sr = signer_infos.reader(WHAT);
    let signer_info = sr.read(tag::SEQUENCE, "SignerInfo")?;
    if !sr.is_empty() {
        return Err(invalid(
            "more than one SignerInfo; gmseal verifies exactly one signer",
        ));
    }
    let mut si = signer_info.reader(WHAT);
    let si_version = int_small(
        &si.read(tag::INTEGER, "SignerInfo.version")?,
        "SignerInfo.version",
    )?;
    let sid_tlv = si.read_any("SignerInfo.sid")?;
    let sid = match (sid_tlv.tag, si_version) {
        (tag::SEQUENCE, 1) => {
            let mut ir = sid_tlv.reader(WHAT);
            let issuer = ir.read(tag::SEQUENCE, "issuerAndSerialNumber.issuer")?;
            let serial = ir.read(tag::INTEGER, "issuerAndSerialNumber.serialNumber")?;
            ir.finish("issuerAndSerialNumber")?;
            let s = serial.value;
            SignerId::IssuerAndSerial {
                issuer_der: issuer.raw.to_vec(),
                serial: if s.len() > 1 && s[0] == 0 {
                    s[1..].to_vec()
                } else {
                    s.to_vec()
                },
            }
        }
        (t, 3) if t == tag::context_primitive(0) => SignerId::SubjectKeyId(sid_tlv.value.to_vec()),
        (t, v) => {
            return Err(invalid(format!(
                "SignerInfo.version {v} does not match its sid (tag 0x{t:02X}); expected 1 with issuerAndSerialNumber or 3 with subjectKeyIdentifier"
            )));
        }
    };
    let digest_algorithm = algorithm(&mut si, "SignerInfo.digestAlgorithm")?;
    let signed_attrs = match si.read_optional(tag::context(0), "SignerInfo.signedAttrs")? {
        Some(t) => Some(parse_signed_attributes(&t)?),
        None => None,
    };
    let signature_algorithm = algorithm(&mut si, "SignerInfo.signatureAlgorithm")?;
    let signature = si
        .read(tag::OCTET_STRING, "SignerInfo.signature")?
        .value
        .to_vec();
    si.read_optional(tag::context(1), "SignerInfo.unsignedAttrs")?;
    si.finish("SignerInfo")?;

    Ok(ParsedSignedData {
        family,
        econtent_type,
        econtent,
        digest_algorithms,
        certificates,
        sid,
        digest_algorithm,
        signed_attrs,
        signature_algorithm,
        signature,
    })
}

fn parse_signed_attributes(t: &Tlv<'_>) -> Result<SignedAttributes> {
    let mut der_for_signature = t.raw.to_vec();
    der_for_signature[0] = tag::SET;
    let mut attrs = SignedAttributes {
        der_for_signature,
        ..SignedAttributes::default()
    };
    let mut seen = Vec::new();
    let mut r = t.reader(WHAT);
    while !r.is_empty() {
        let attr = r.read(tag::SEQUENCE, "signed attribute")?;
        let mut ar = attr.reader(WHAT);
        let type_tlv = ar.read(tag::OID, "signed attribute type")?;
        let values = ar.read(tag::SET, "signed attribute values")?;
        ar.finish("signed attribute")?;
        if seen.contains(&type_tlv.value) {
            return Err(invalid(format!(
                "signed attribute {} appears twice",
                crate::hex_upper(type_tlv.value)
            )));
        }
        seen.push(type_tlv.value);
        // Types with arcs beyond 32 bits (UUID OIDs) stay raw.
        let attr_type = asn1::oid(&type_tlv, WHAT).ok();
        let mut vr = values.reader(WHAT);
        let value = vr.read_any("signed attribute value")?;
        let single = vr.is_empty();
        let need_single = |name: &str| -> Result<()> {
            if single {
                Ok(())
            } else {
                Err(invalid(format!(
                    "the {name} attribute must have exactly one value"
                )))
            }
        };
        match attr_type {
            Some(oid::CONTENT_TYPE) => {
                need_single("content-type")?;
                if value.tag != tag::OID {
                    return Err(invalid(
                        "the content-type attribute is not an OBJECT IDENTIFIER",
                    ));
                }
                attrs.content_type = Some(asn1::oid(&value, WHAT)?);
            }
            Some(oid::MESSAGE_DIGEST) => {
                need_single("message-digest")?;
                if value.tag != tag::OCTET_STRING {
                    return Err(invalid(
                        "the message-digest attribute is not an OCTET STRING",
                    ));
                }
                attrs.message_digest = Some(value.value.to_vec());
            }
            Some(oid::SIGNING_TIME) => {
                need_single("signing-time")?;
                attrs.signing_time = Some(parse_time(&value)?);
            }
            Some(oid::SIGNING_CERTIFICATE_V2) => {
                need_single("signing-certificate-v2")?;
                attrs.signing_certificate_v2 = Some(parse_signing_certificate_v2(&value)?);
            }
            _ if single => attrs
                .other
                .push((type_tlv.value.to_vec(), value.raw.to_vec())),
            _ => {}
        }
    }
    Ok(attrs)
}

fn parse_time(t: &Tlv<'_>) -> Result<Timestamp> {
    use der::Decode as _;
    let bad = |e: der::Error| DecodeError::from_der("CMS signing-time", e);
    let dt = match t.tag {
        tag::UTC_TIME => der::asn1::UtcTime::from_der(t.raw)
            .map_err(bad)?
            .to_date_time(),
        tag::GENERALIZED_TIME => der::asn1::GeneralizedTime::from_der(t.raw)
            .map_err(bad)?
            .to_date_time(),
        _ => {
            return Err(invalid(
                "the signing-time attribute is not a UTCTime or GeneralizedTime",
            ));
        }
    };
    Ok(Timestamp::from_datetime(&dt))
}

/// `SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL }`,
/// `ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT {id-sha256},
/// certHash OCTET STRING, issuerSerial IssuerSerial OPTIONAL }` (RFC 5035 §3).
fn parse_signing_certificate_v2(t: &Tlv<'_>) -> Result<(ObjectIdentifier, Vec<u8>)> {
    if t.tag != tag::SEQUENCE {
        return Err(invalid("signing-certificate-v2 is not a SEQUENCE"));
    }
    let mut r = t.reader(WHAT);
    let certs = r.read(tag::SEQUENCE, "SigningCertificateV2.certs")?;
    let mut cr = certs.reader(WHAT);
    let first = cr.read(tag::SEQUENCE, "ESSCertIDv2")?;
    let mut er = first.reader(WHAT);
    let hash_alg = if er.peek_tag() == Some(tag::SEQUENCE) {
        algorithm(&mut er, "ESSCertIDv2.hashAlgorithm")?
    } else {
        oid::SHA256
    };
    let hash = er.read(tag::OCTET_STRING, "ESSCertIDv2.certHash")?;
    Ok((hash_alg, hash.value.to_vec()))
}
