//! Verifying time-stamp tokens (RFC 3161 §2.4.2, RFC 5816) made with SM3 and SM2.

use crate::asn1::{DerReader, tag};
use crate::cms::{CmsVerifyOptions, verify_attached};
use crate::crypto::Verified;
use crate::error::{DecodeError, PkiError, Result, TspError};
use crate::oid;
use crate::pki::Certificate;
use crate::time::Timestamp;
use crate::tsp::tst_info::TstInfo;
use der::Decode as _;
use der::asn1::ObjectIdentifier;

/// What [`verify_token`] found in a valid token.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct TimestampReport {
    /// `genTime`, to the second (the fraction is in [`tst_info`](Self::tst_info)).
    pub gen_time: Timestamp,
    /// `serialNumber`, big-endian.
    pub serial: Vec<u8>,
    /// `policy`.
    pub policy: ObjectIdentifier,
    /// The certificate of the TSA that signed the token. Its path is not
    /// validated: see the [module documentation](crate::tsp).
    pub tsa_certificate: Certificate,
    /// Every certificate embedded in the token (for chain building).
    pub certificates: Vec<Certificate>,
    /// The SM2 signature's encoding and user-ID variant.
    pub signature: Verified,
    /// The whole `TSTInfo`.
    pub tst_info: TstInfo,
}

/// Verify the DER time-stamp token `der` against `imprint`, the SM3 digest of
/// the time-stamped data (for a PDF document time stamp, of the `/ByteRange`
/// bytes; for a signature time stamp, of the signature value).
///
/// The checks, in order:
/// 1. the CMS `SignedData` with its encapsulated content and signed attributes
///    ([`verify_attached`]): SM3 digest, SM2-with-SM3 signature, the
///    `contentType` attribute equal to `eContentType`, `messageDigest` equal to
///    SM3 of the `TSTInfo`;
/// 2. `eContentType` is `id-ct-TSTInfo` (RFC 3161 §2.4.2);
/// 3. the ESS `signingCertificateV2` attribute is present and names the
///    signer's certificate (RFC 3161 §2.4.1 as updated by RFC 5816 §2.2.1);
/// 4. the `TSTInfo` parses strictly, `version` v1, no critical extension
///    (gmseal understands none);
/// 5. the message imprint is SM3 and equals `imprint`;
/// 6. the TSA certificate has exactly one extended key usage,
///    `id-kp-timeStamping`, marked critical (RFC 3161 §2.3), and is valid at
///    `genTime`;
/// 7. `tsa`, when present, is the certificate's subject or one of its
///    `subjectAltName`s (RFC 3161 §2.4.2).
///
/// The TSA's certificate path is **not** validated here: pass
/// [`tsa_certificate`](TimestampReport::tsa_certificate) and
/// [`certificates`](TimestampReport::certificates) to
/// [`TrustStore::validate`](crate::pki::TrustStore::validate) with
/// [`Purpose::TimeStamping`](crate::pki::Purpose::TimeStamping) at
/// [`gen_time`](TimestampReport::gen_time). Nor is a nonce compared: a client
/// that sent one compares [`TstInfo::nonce`] itself.
///
/// ```
/// # let (_, tsa_key, tsa, now) = gmseal::tsp::__doc::tsa()?;
/// use gmseal::cms::CmsVerifyOptions;
/// use gmseal::crypto::{sm3, SystemRandom};
/// use gmseal::tsp::{TimestampBuilder, verify_token};
/// use gmseal::{FixedClock, oid};
/// let token = TimestampBuilder::new(&tsa, &tsa_key, oid::TEST_POLICY, &FixedClock(now), &SystemRandom)
///     .stamp(b"data")?;
/// let report = verify_token(&token, &sm3(b"data"), &CmsVerifyOptions::default())?;
/// assert_eq!(report.tsa_certificate, tsa);
/// assert_eq!(report.serial.len(), 16);
/// # Ok::<(), gmseal::Error>(())
/// ```
///
/// # Errors
/// The first failed check: [`Error::Decode`](crate::Error::Decode) for
/// malformed DER, [`CmsError`](crate::CmsError) from step 1,
/// [`TspError::NotATimestampToken`], [`TspError::Invalid`],
/// [`TspError::UnsupportedHashAlgorithm`], [`TspError::ImprintMismatch`],
/// [`TspError::NotATsaCertificate`], [`PkiError::Expired`].
pub fn verify_token(
    der: &[u8],
    imprint: &[u8; 32],
    options: &CmsVerifyOptions,
) -> Result<TimestampReport> {
    let attached = verify_attached(der, options)?;
    if attached.content_type != oid::CT_TST_INFO {
        return Err(TspError::NotATimestampToken(oid::describe(&attached.content_type)).into());
    }
    let cms = attached.report;
    if !cms.signing_certificate_v2 {
        return Err(TspError::Invalid(
            "the ESS signing-certificate-v2 signed attribute is missing (RFC 3161 §2.4.1, RFC 5816)"
                .into(),
        )
        .into());
    }
    let info = TstInfo::from_der(&attached.content)?;
    if let Some(ext) = info.extensions.iter().find(|e| e.critical) {
        return Err(TspError::Invalid(format!(
            "unsupported critical TSTInfo extension {}",
            oid::describe(&ext.id)
        ))
        .into());
    }
    if !info.imprint_is_sm3() {
        return Err(TspError::UnsupportedHashAlgorithm(oid::describe(
            &info.message_imprint.hash_algorithm,
        ))
        .into());
    }
    if info.message_imprint.hashed_message != imprint.as_slice() {
        return Err(TspError::ImprintMismatch {
            expected: crate::hex_upper(imprint),
            found: crate::hex_upper(&info.message_imprint.hashed_message),
        }
        .into());
    }
    let tsa = cms.signer_certificate;
    let subject_alt_names = check_tsa_certificate(&tsa)?;
    check_valid_at(&tsa, info.gen_time)?;
    if let Some(name) = &info.tsa {
        let directory_name = DerReader::new(name, "TSTInfo.tsa")
            .read(tag::context(4), "GeneralName")
            .ok()
            .filter(|n| n.value == tsa.subject_der());
        if directory_name.is_none() && !subject_alt_names.contains(name) {
            return Err(TspError::Invalid(format!(
                "the tsa field {} names neither the subject of the TSA certificate nor one of its subjectAltNames",
                crate::hex_upper(name)
            ))
            .into());
        }
    }
    Ok(TimestampReport {
        gen_time: info.gen_time,
        serial: info.serial_number.clone(),
        policy: info.policy,
        tsa_certificate: tsa,
        certificates: cms.certificates,
        signature: cms.signature,
        tst_info: info,
    })
}

/// [`PkiError::Expired`] unless `cert` is valid at `time`.
pub(crate) fn check_valid_at(cert: &Certificate, time: Timestamp) -> Result<()> {
    if cert.is_valid_at(time) {
        return Ok(());
    }
    let subject = cert.subject().to_string();
    let (not_before, not_after) = (cert.not_before(), cert.not_after());
    Err(PkiError::Expired {
        subject,
        time: time.to_string(),
        not_before: not_before.to_string(),
        not_after: not_after.to_string(),
    }
    .into())
}

/// RFC 3161 §2.3: "The corresponding certificate MUST contain only one instance
/// of the extended key usage field extension ... with KeyPurposeID having
/// value: id-kp-timeStamping. This extension MUST be critical." Returns the
/// DER `GeneralName`s of the certificate's `subjectAltName`.
pub(crate) fn check_tsa_certificate(cert: &Certificate) -> Result<Vec<Vec<u8>>> {
    let refuse = |reason: &str| -> crate::Error {
        TspError::NotATsaCertificate {
            subject: cert.subject().to_string(),
            reason: reason.into(),
        }
        .into()
    };
    const WHAT: &str = "X.509 certificate";
    let parsed =
        x509_cert::Certificate::from_der(cert.der()).map_err(|e| DecodeError::from_der(WHAT, e))?;
    let extensions = parsed
        .tbs_certificate()
        .extensions()
        .map(|e| e.as_slice())
        .unwrap_or_default();
    let eku = extensions
        .iter()
        .find(|e| e.extn_id == oid::EXT_KEY_USAGE)
        .ok_or_else(|| refuse("it has no extendedKeyUsage extension (RFC 3161 §2.3)"))?;
    if !eku.critical {
        return Err(refuse(
            "its extendedKeyUsage extension is not critical (RFC 3161 §2.3)",
        ));
    }
    if cert.extended_key_usage() != Some(&[oid::KP_TIME_STAMPING][..]) {
        return Err(refuse(
            "its extendedKeyUsage is not timeStamping alone (RFC 3161 §2.3)",
        ));
    }
    let mut names = Vec::new();
    if let Some(san) = extensions
        .iter()
        .find(|e| e.extn_id == oid::SUBJECT_ALT_NAME)
    {
        let mut r = DerReader::new(san.extn_value.as_bytes(), WHAT);
        let mut list = r.read(tag::SEQUENCE, "subjectAltName")?.reader(WHAT);
        while !list.is_empty() {
            names.push(list.read_any("subjectAltName")?.raw.to_vec());
        }
    }
    Ok(names)
}
