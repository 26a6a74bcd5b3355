//! Building detached CMS `SignedData` with SM3 and SM2 (RFC 5652 §5, RFC 8998's
//! algorithm choices; GM/T 0010-2012 content-type OIDs on request).
//!
//! Signed attributes, sorted as DER `SET OF` requires:
//!
//! ```text
//! contentType             id-data (or GM/T 0010 data)            RFC 5652 §11.1
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

/// Builds a detached CMS `SignedData` for one signer.
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
        let sm3_alg = tlv(tag::SEQUENCE, &[&asn1::oid_der(&oid::SM3)]);
        let sig_alg = tlv(tag::SEQUENCE, &[&asn1::oid_der(&oid::SM2_WITH_SM3)]);
        let serial = self.certificate.serial_number();
        let serial_int = if serial.first().is_some_and(|b| b & 0x80 != 0) {
            tlv(tag::INTEGER, &[&[0], serial])
        } else {
            tlv(tag::INTEGER, &[serial])
        };
        let issuer = self.certificate.issuer_der();

        let attribute = |t: &der::asn1::ObjectIdentifier, value: Vec<u8>| {
            tlv(
                tag::SEQUENCE,
                &[&asn1::oid_der(t), &tlv(tag::SET, &[&value])],
            )
        };
        let mut attrs = vec![
            attribute(&oid::CONTENT_TYPE, asn1::oid_der(&data_oid)),
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
        let signed_data = tlv(
            tag::SEQUENCE,
            &[
                &tlv(tag::INTEGER, &[&[1]]),
                &tlv(tag::SET, &[&sm3_alg]),
                &tlv(tag::SEQUENCE, &[&asn1::oid_der(&data_oid)]),
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
