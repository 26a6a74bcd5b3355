//! Detached CMS `SignedData` with SM3 and SM2.

use crate::boundary::call;
use crate::bytes::gmseal_bytes;
use crate::error::{Failure, gmseal_result};
use crate::input;
use crate::key::gmseal_key;
use crate::ptr::{self, OutBytes};
use gmseal::Timestamp;
use gmseal::cms::CmsReport;
use gmseal::cms::{CmsVerifyOptions, SignedDataBuilder, verify_detached};
use gmseal::pki::{Purpose, ValidationOptions};
use serde::Serialize;

/// Sign `content` as a detached CMS `SignedData` (RFC 5652 OIDs, SM3 digest,
/// SM2 signature with the signing time and signing-certificate-v2 attributes,
/// the signer's certificate embedded), as `signer_cert` (PEM or DER) with
/// `key`. The DER is written to `*out_der`.
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_cms_sign(
    content: *const u8,
    content_len: usize,
    signer_cert: *const u8,
    signer_cert_len: usize,
    key: *const gmseal_key,
    out_der: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_der, "out_der")?;
        let content = ptr::bytes_in(content, content_len, "content")?;
        let cert = input::certificate(
            ptr::bytes_in(signer_cert, signer_cert_len, "signer_cert")?,
            "signer_cert",
        )?;
        let key = ptr::key_in(key, "key")?;
        let cms = SignedDataBuilder::new(&cert, key.signer())
            .signing_time(Timestamp::now())
            .sign(content)?;
        out.set(cms);
        Ok(())
    })
}

/// The JSON of [`gmseal_cms_verify`].
#[derive(Serialize)]
struct CmsVerdict<'a> {
    valid: bool,
    signature_valid: bool,
    chain_validated: bool,
    code: Option<&'static str>,
    message: Option<String>,
    signer: Option<String>,
    signing_time: Option<Timestamp>,
    chain: Vec<String>,
    signature: Option<&'a CmsReport>,
}

/// Verify a detached CMS `SignedData` (DER, or PEM labelled `CMS` or
/// `PKCS7`) over `content`, then the signer's chain to `roots_pem` at the
/// signing time (now when the signature has none) for document signing.
///
/// A verification that ran returns `GMSEAL_OK` with `*out_json` =
/// `{"valid": bool, "signature_valid": bool, "chain_validated": bool, "code":
/// null|"cms.digest-mismatch"|"pki.expired"|"chain.not-checked"|...,
/// "message": null|"...", "signer": "CN=...", "signing_time": "...", "chain":
/// ["CN=...", ...], "signature": {...}}`. `valid` needs both the signature
/// and the chain: without roots (`NULL, 0`) the chain is not checked,
/// `valid` is false and `code` is `chain.not-checked`. Input that is not a
/// CMS SignedData is an error (`GMSEAL_DECODE_MALFORMED`, ...).
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_cms_verify(
    cms: *const u8,
    cms_len: usize,
    content: *const u8,
    content_len: usize,
    roots_pem: *const u8,
    roots_len: usize,
    out_json: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_json, "out_json")?;
        let cms = gmseal::cms::load(ptr::bytes_in(cms, cms_len, "cms")?)?;
        let content = ptr::bytes_in(content, content_len, "content")?;
        let trust = input::trust(ptr::bytes_opt(roots_pem, roots_len, "roots_pem")?)?;
        let report = match verify_detached(&cms, content, &CmsVerifyOptions::default()) {
            Ok(report) => report,
            Err(e) if e.is_verification_failure() => {
                out.set(input::to_json(&CmsVerdict {
                    valid: false,
                    signature_valid: false,
                    chain_validated: false,
                    code: Some(e.code()),
                    message: Some(e.to_string()),
                    signer: None,
                    signing_time: None,
                    chain: Vec::new(),
                    signature: None,
                })?);
                return Ok(());
            }
            Err(e) => return Err(Failure::from(e)),
        };
        let mut verdict = CmsVerdict {
            valid: false,
            signature_valid: true,
            chain_validated: false,
            code: Some("chain.not-checked"),
            message: Some(
                "the signature is intact, but the signer's chain was not checked (no roots)"
                    .to_owned(),
            ),
            signer: Some(report.signer_certificate.subject().to_string()),
            signing_time: report.signing_time,
            chain: Vec::new(),
            signature: Some(&report),
        };
        if let Some(trust) = trust {
            let time = report.signing_time.unwrap_or_else(Timestamp::now);
            let options = ValidationOptions::at(time).for_purpose(Purpose::DocumentSigning);
            match trust.validate(&report.signer_certificate, &report.certificates, &options) {
                Ok(chain) => {
                    verdict.valid = true;
                    verdict.chain_validated = true;
                    verdict.code = None;
                    verdict.message = None;
                    verdict.chain = chain
                        .certificates
                        .iter()
                        .map(|c| c.subject().to_string())
                        .collect();
                }
                Err(e) => {
                    verdict.code = Some(e.code());
                    verdict.message = Some(e.to_string());
                }
            }
        }
        out.set(input::to_json(&verdict)?);
        Ok(())
    })
}
