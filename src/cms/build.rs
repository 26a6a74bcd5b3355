//! Building CMS `SignedData` with SM3 and SM2 (RFC 5652 §5, RFC 8998's
//! algorithm choices; GM/T 0010-2012 content-type OIDs on request): detached
//! (`eContent` absent) or with the content encapsulated.
//!
//! ```text
//! EncapsulatedContentInfo ::= SEQUENCE {
//!     eContentType      ContentType,
//!     eContent      [0] EXPLICIT OCTET STRING OPTIONAL }   -- RFC 5652 §5.2
//! ```
//!
//! Signed attributes, sorted as DER `SET OF` requires:
//!
//! ```text
//! contentType             eContentType: id-data (or GM/T 0010    RFC 5652 §11.1
//!                         data) when detached
//! signingTime             UTCTime / GeneralizedTime (optional)   RFC 5652 §11.3
//! messageDigest           SM3(content)                           RFC 5652 §11.2
//! signingCertificateV2    { { sm3, SM3(cert), issuerSerial } }   RFC 5035 §3
//! ```
//!
//! The signature is SM2 over the DER `SET OF` attributes with ZA of the signer's
//! user ID (GM/T 0010; Bouncy Castle and Tongsuo do the same).

use crate::asn1::{self, tag, tlv};
use crate::cms::OidFamily;
use crate::crypto::{Signer, sm3};
use crate::error::{PkiError, Result};
use crate::oid;
use crate::pki::Certificate;
use crate::time::Timestamp;
use der::asn1::ObjectIdentifier;

/// Builds a CMS `SignedData` for one signer: detached ([`sign`](Self::sign),
/// [`sign_digest`](Self::sign_digest)) or carrying its content
/// ([`sign_encapsulated`](Self::sign_encapsulated)).
///
/// ```
/// use gmseal::crypto::{PrivateKey, SystemRandom};
/// use gmseal::pki::{CertificateParams, DistinguishedName, Profile};
/// use gmseal::cms::{SignedDataBuilder, verify_detached, CmsVerifyOptions, OidFamily};
/// use gmseal::Timestamp;
/// let t = Timestamp::parse("2026-01-01T00:00:00Z")?;
/// let key = PrivateKey::generate(&SystemRandom)?;
/// let cert = CertificateParams::new(Profile::Root, DistinguishedName::parse("CN=s,C=CN")?, t, 30)
///     .self_signed(&key, &SystemRandom)?;
/// let cms = SignedDataBuilder::new(&cert, &key).oid_family(OidFamily::GmT0010).sign(b"data")?;
/// let report = verify_detached(&cms, b"data", &CmsVerifyOptions::default())?;
/// assert_eq!(report.oid_family, OidFamily::GmT0010);
/// assert!(verify_detached(&cms, b"Data", &CmsVerifyOptions::default()).is_err());
/// # Ok::<(), gmseal::Error>(())
/// ```
pub struct SignedDataBuilder<'a> {
    certificate: &'a Certificate,
    signer: &'a dyn Signer,
    family: OidFamily,
    signing_time: Option<Timestamp>,
    chain: Vec<&'a Certificate>,
    extra_attributes: Vec<(Vec<u8>, Vec<u8>)>,
}

impl<'a> SignedDataBuilder<'a> {
    /// A builder for `signer`, whose certificate is `certificate`.
    pub fn new(certificate: &'a Certificate, signer: &'a dyn Signer) -> Self {
        Self {
            certificate,
            signer,
            family: OidFamily::Rfc5652,
            signing_time: None,
            chain: Vec::new(),
            extra_attributes: Vec::new(),
        }
    }

    /// Which content-type OIDs to write. Default: RFC 5652 (what PDF readers,
    /// OpenSSL and Bouncy Castle parse).
    #[must_use]
    pub fn oid_family(mut self, family: OidFamily) -> Self {
        self.family = family;
        self
    }

    /// Add a `signingTime` attribute.
    #[must_use]
    pub fn signing_time(mut self, time: Timestamp) -> Self {
        self.signing_time = Some(time);
        self
    }

    /// Also embed an issuing CA certificate, so verifiers can build the chain.
    #[must_use]
    pub fn add_certificate(mut self, certificate: &'a Certificate) -> Self {
        self.chain.push(certificate);
        self
    }

    /// Add a signed attribute whose type is the OBJECT IDENTIFIER with content
    /// octets `attr_type` and whose one value is `value_der` (a complete DER
    /// element). The signature covers it; verifiers that do not know the type
    /// ignore it (RFC 5652 §5.3). gmseal uses this to carry the electronic seal
    /// ([`oid::GMSEAL_SES_SEAL`](crate::oid::GMSEAL_SES_SEAL)).
    #[must_use]
    pub fn signed_attribute(mut self, attr_type: &[u8], value_der: Vec<u8>) -> Self {
        self.extra_attributes.push((attr_type.to_vec(), value_der));
        self
    }

    /// Sign `content` (which is not embedded: detached).
    ///
    /// # Errors
    /// When the signer's key is not the certificate's, or signing fails.
    pub fn sign(&self, content: &[u8]) -> Result<Vec<u8>> {
        self.sign_digest(&sm3(content))
    }

    /// Sign content whose SM3 digest the caller already computed (for example
    /// over the two ranges of a PDF `/ByteRange`).
    ///
    /// # Errors
    /// As [`sign`](Self::sign).
    pub fn sign_digest(&self, content_digest: &[u8; 32]) -> Result<Vec<u8>> {
        self.assemble(None, content_digest)
    }

    /// Sign `content` and embed it as `eContent`, with `content_type` as
    /// `eContentType` and as the `contentType` signed attribute; the
    /// `messageDigest` attribute is SM3 of `content`. When `content_type` is not
    /// the `data` type of the OID family, `SignedData.version` is 3 (RFC 5652
    /// §5.1). RFC 3161 time-stamp tokens are made this way (see
    /// [`tsp`](crate::tsp)); [`verify_attached`](crate::cms::verify_attached)
    /// checks the result.
    ///
    /// ```text
    /// encapContentInfo ::= SEQUENCE { eContentType content_type,
    ///                                 eContent [0] EXPLICIT OCTET STRING content }
    /// ```
    ///
    /// ```
    /// # let f = gmseal::seal::__doc::fixture()?;
    /// use gmseal::cms::{SignedDataBuilder, verify_attached, CmsVerifyOptions};
    /// let cms = SignedDataBuilder::new(&f.signer, &f.signer_key)
    ///     .sign_encapsulated(&gmseal::oid::PKCS7_DATA, b"embedded")?;
    /// let attached = verify_attached(&cms, &CmsVerifyOptions::default())?;
    /// assert_eq!(attached.content, b"embedded");
    /// assert_eq!(attached.content_type, gmseal::oid::PKCS7_DATA);
    /// # Ok::<(), gmseal::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`sign`](Self::sign).
    pub fn sign_encapsulated(
        &self,
        content_type: &ObjectIdentifier,
        content: &[u8],
    ) -> Result<Vec<u8>> {
        self.assemble(Some((content_type, content)), &sm3(content))
    }

    /// The `ContentInfo` for `content_digest`, detached when `encapsulated` is
    /// `None`, else carrying `(eContentType, eContent)`.
    fn assemble(
        &self,
        encapsulated: Option<(&ObjectIdentifier, &[u8])>,
        content_digest: &[u8; 32],
    ) -> Result<Vec<u8>> {
        if self.signer.public_key() != self.certificate.public_key() {
            return Err(PkiError::InvalidParams(format!(
                "the signing key does not match the certificate of {}",
                self.certificate.subject()
            ))
            .into());
        }
        let (signed_data_oid, data_oid) = match self.family {
            OidFamily::Rfc5652 => (oid::PKCS7_SIGNED_DATA, oid::PKCS7_DATA),
            OidFamily::GmT0010 => (oid::GMT_SIGNED_DATA, oid::GMT_DATA),
        };
        let econtent_type = encapsulated.map_or(data_oid, |(t, _)| *t);
        let sm3_alg = tlv(tag::SEQUENCE, &[&asn1::oid_der(&oid::SM3)]);
        let sig_alg = tlv(tag::SEQUENCE, &[&asn1::oid_der(&oid::SM2_WITH_SM3)]);
        let serial_int = unsigned_int_der(self.certificate.serial_number());
        let issuer = self.certificate.issuer_der();

        let attribute = |t: &ObjectIdentifier, value: Vec<u8>| {
            tlv(
                tag::SEQUENCE,
                &[&asn1::oid_der(t), &tlv(tag::SET, &[&value])],
            )
        };
        let mut attrs = vec![
            attribute(&oid::CONTENT_TYPE, asn1::oid_der(&econtent_type)),
            attribute(
                &oid::MESSAGE_DIGEST,
                tlv(tag::OCTET_STRING, &[content_digest]),
            ),
        ];
        if let Some(t) = self.signing_time {
            let time =
                der::Encode::to_der(&t.to_x509_time()?).map_err(crate::pki::encoding_error)?;
            attrs.push(attribute(&oid::SIGNING_TIME, time));
        }
        // ESSCertIDv2 { hashAlgorithm sm3, certHash, issuerSerial { [4] issuer, serial } }
        let issuer_serial = tlv(
            tag::SEQUENCE,
            &[
                &tlv(tag::SEQUENCE, &[&tlv(tag::context(4), &[issuer])]),
                &serial_int,
            ],
        );
        let ess_cert_id = tlv(
            tag::SEQUENCE,
            &[
                &sm3_alg,
                &tlv(tag::OCTET_STRING, &[&sm3(self.certificate.der())]),
                &issuer_serial,
            ],
        );
        attrs.push(attribute(
            &oid::SIGNING_CERTIFICATE_V2,
            tlv(tag::SEQUENCE, &[&tlv(tag::SEQUENCE, &[&ess_cert_id])]),
        ));
        for (t, value) in &self.extra_attributes {
            attrs.push(tlv(
                tag::SEQUENCE,
                &[&tlv(tag::OID, &[t]), &tlv(tag::SET, &[value])],
            ));
        }
        let signed_attrs = asn1::set_of(attrs);
        let signature = self.signer.sign(&signed_attrs)?.to_der();
        let mut signed_attrs_implicit = signed_attrs;
        signed_attrs_implicit[0] = tag::context(0);

        let signer_info = tlv(
            tag::SEQUENCE,
            &[
                &tlv(tag::INTEGER, &[&[1]]),
                &tlv(tag::SEQUENCE, &[issuer, &serial_int]),
                &sm3_alg,
                &signed_attrs_implicit,
                &sig_alg,
                &tlv(tag::OCTET_STRING, &[&signature]),
            ],
        );
        let mut certs: Vec<&[u8]> = vec![self.certificate.der()];
        certs.extend(self.chain.iter().map(|c| c.der()));
        let econtent = encapsulated
            .map(|(_, content)| tlv(tag::context(0), &[&tlv(tag::OCTET_STRING, &[content])]))
            .unwrap_or_default();
        // RFC 5652 §5.1: version 3 when eContentType is other than id-data.
        let version = if econtent_type == data_oid { 1 } else { 3 };
        let signed_data = tlv(
            tag::SEQUENCE,
            &[
                &tlv(tag::INTEGER, &[&[version]]),
                &tlv(tag::SET, &[&sm3_alg]),
                &tlv(tag::SEQUENCE, &[&asn1::oid_der(&econtent_type), &econtent]),
                &tlv(tag::context(0), &certs),
                &tlv(tag::SET, &[&signer_info]),
            ],
        );
        Ok(tlv(
            tag::SEQUENCE,
            &[
                &asn1::oid_der(&signed_data_oid),
                &tlv(tag::context(0), &[&signed_data]),
            ],
        ))
    }
}

/// A non-negative INTEGER from the big-endian magnitude `magnitude` (a zero
/// octet is prepended when the high bit is set; empty means 0).
pub(crate) fn unsigned_int_der(magnitude: &[u8]) -> Vec<u8> {
    let significant = magnitude
        .iter()
        .position(|&b| b != 0)
        .map_or(&[][..], |i| &magnitude[i..]);
    match significant.first() {
        None => tlv(tag::INTEGER, &[&[0]]),
        Some(b) if b & 0x80 != 0 => tlv(tag::INTEGER, &[&[0], significant]),
        Some(_) => tlv(tag::INTEGER, &[significant]),
    }
}
