//! Detached CMS `SignedData` with SM3 and SM2.

use crate::boundary::call;
use crate::bytes::gmseal_bytes;
use crate::error::{Failure, gmseal_result};
use crate::input::{self, VerifyInputs};
use crate::key::gmseal_key;
use crate::ptr::{self, OutBytes};
use core::ffi::c_char;
use gmseal::Timestamp;
use gmseal::cms::{CmsReport, CmsVerifyOptions, OidFamily, SignedDataBuilder, verify_detached};
use gmseal::pki::Purpose;
use serde::{Deserialize, Serialize};

/// The JSON options of [`gmseal_cms_sign`].
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignOptions {
    time_unix: Option<i64>,
    signing_time: Option<bool>,
    oid_family: Option<String>,
}

/// Sign `content` as a detached CMS `SignedData` (SM3 digest, SM2 signature
/// with the signing-certificate-v2 attribute), as `signer_cert` (PEM or DER)
/// with `key`, embedding the signer's certificate and the CA certificates of
/// `chain_pem` (a PEM bundle or one DER certificate; `NULL, 0` for none).
///
/// `options_json`: NULL for the defaults, or `{"time_unix": GMSEAL_TIME_NOW,
/// "signing_time": true, "oid_family": "rfc5652"|"gmt0010"}`: the
/// `signingTime` attribute's time (default now), whether to add that
/// attribute at all (`time_unix` needs it), and the content-type OIDs
/// (default `rfc5652`; `gmt0010` is GM/T 0010-2012). The DER is written to
/// `*out_der`.
///
/// Errors: a key that does not belong to `signer_cert`
/// (`GMSEAL_CRYPTO_KEY_MISMATCH`), bad options (`GMSEAL_FFI_INVALID_JSON`,
/// `GMSEAL_FFI_UNKNOWN_NAME`, `GMSEAL_FFI_INVALID_ARGUMENT` for a time out
/// of range).
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn gmseal_cms_sign(
    content: *const u8,
    content_len: usize,
    signer_cert: *const u8,
    signer_cert_len: usize,
    key: *const gmseal_key,
    chain_pem: *const u8,
    chain_len: usize,
    options_json: *const c_char,
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
        let chain = input::certificates(ptr::bytes_opt(chain_pem, chain_len, "chain_pem")?)?;
        let options: SignOptions = match ptr::str_opt(options_json, "options_json")? {
            Some(text) => input::from_json(text, "options_json")?,
            None => SignOptions::default(),
        };
        let family = match options.oid_family.as_deref().unwrap_or("rfc5652") {
            "rfc5652" => OidFamily::Rfc5652,
            "gmt0010" | "gmt-0010" => OidFamily::GmT0010,
            other => return Err(Failure::unknown("oid_family", other, "rfc5652 or gmt0010")),
        };
        let signing_time = match (options.signing_time.unwrap_or(true), options.time_unix) {
            (true, unix) => Some(input::time(
                unix.unwrap_or(crate::GMSEAL_TIME_NOW),
                "time_unix",
            )?),
            (false, None) => None,
            (false, Some(_)) => {
                return Err(Failure::invalid(
                    "time_unix is the signingTime attribute's: it needs \"signing_time\": true",
                ));
            }
        };
        input::key_matches(key, "key", &cert, "signer_cert")?;
        let mut builder = SignedDataBuilder::new(&cert, key.signer()).oid_family(family);
        if let Some(time) = signing_time {
            builder = builder.signing_time(time);
        }
        for ca in &chain {
            builder = builder.add_certificate(ca);
        }
        out.set(builder.sign(content)?);
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
/// `PKCS7`) over `content`, then the signer's chain to `roots_pem` through
/// the embedded certificates and `intermediates_pem` at the signing time
/// (now when the signature has none) for document signing.
///
/// `roots_pem, intermediates_pem`: `NULL, 0` for none; `options_json`: NULL
/// or the options of `gmseal_cert_verify` but
/// `at_unix` (`crls_pem`, `revocation`, `accept_empty_id` for OpenSSL-made
/// SM2 CMS, `accept_no_za` for GmSSL's; the user-ID options apply to the CMS
/// signature and the chain).
///
/// A verification that ran returns `GMSEAL_OK` with `*out_json` =
/// `{"valid": bool, "signature_valid": bool, "chain_validated": bool, "code":
/// null|"cms.digest-mismatch"|"pki.expired"|"pki.revoked"|"chain.not-checked"|...,
/// "message": null|"...", "signer": "CN=...", "signing_time": "...", "chain":
/// ["CN=...", ...], "signature": {...}}`. `valid` needs both the signature
/// and the chain: without roots the chain is not checked, `valid` is false
/// and `code` is `chain.not-checked`. Input that is not a CMS SignedData is
/// an error (`GMSEAL_DECODE_MALFORMED`, ...).
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn gmseal_cms_verify(
    cms: *const u8,
    cms_len: usize,
    content: *const u8,
    content_len: usize,
    roots_pem: *const u8,
    roots_len: usize,
    intermediates_pem: *const u8,
    intermediates_len: usize,
    options_json: *const c_char,
    out_json: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_json, "out_json")?;
        let cms = gmseal::cms::load(ptr::bytes_in(cms, cms_len, "cms")?)?;
        let content = ptr::bytes_in(content, content_len, "content")?;
        let inputs = VerifyInputs::read(
            roots_pem,
            roots_len,
            intermediates_pem,
            intermediates_len,
            options_json,
            false,
        )?;
        let mut cms_options = CmsVerifyOptions::default();
        cms_options.signature = inputs.signature.clone();
        let report = match verify_detached(&cms, content, &cms_options) {
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
        if let Some(trust) = &inputs.trust {
            let time = report.signing_time.unwrap_or_else(Timestamp::now);
            let options = inputs
                .validation_options(time)
                .for_purpose(Purpose::DocumentSigning);
            let mut path = report.certificates.clone();
            path.extend(inputs.intermediates.iter().cloned());
            match trust.validate(&report.signer_certificate, &path, &options) {
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
