//! X.509 certificates: issue, show, validate.

use crate::boundary::call;
use crate::bytes::gmseal_bytes;
use crate::error::{Failure, gmseal_result};
use crate::input::{self, VerifyInputs};
use crate::key::gmseal_key;
use crate::ptr::{self, OutBytes};
use core::ffi::c_char;
use gmseal::Timestamp;
use gmseal::crypto::SystemRandom;
use gmseal::pki::{CertificateParams, DistinguishedName, Profile, Purpose};
use serde::Serialize;

/// Issue an SM2-with-SM3 certificate for `subject_key`'s public key.
///
/// - `profile`: `root` (self-signed), `ca` (an issuing CA, path length 0),
///   `seal-maker` (制章者), `signer` (签章者, document signing) or `tsa`.
/// - `subject`: an RFC 4514 name, for example `CN=张三,O=示例单位,C=CN`.
/// - `issuer_cert`, `issuer_cert_len` (PEM or DER) and `issuer_key`: the
///   issuing CA; `NULL, 0` and `NULL` for a root, which `subject_key` signs.
/// - `not_before_unix`: start of validity (or `GMSEAL_TIME_NOW`); `days`: the
///   validity in days.
///
/// The DER certificate is written to `*out_der`. Errors: an unknown profile
/// (`GMSEAL_FFI_UNKNOWN_NAME`), a name that does not parse
/// (`GMSEAL_PKI_INVALID_NAME`), an issuer that cannot issue it or a key that
/// does not match the issuer (`GMSEAL_PKI_INVALID_PARAMS`).
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn gmseal_cert_issue(
    profile: *const c_char,
    subject: *const c_char,
    subject_key: *const gmseal_key,
    issuer_cert: *const u8,
    issuer_cert_len: usize,
    issuer_key: *const gmseal_key,
    not_before_unix: i64,
    days: u32,
    out_der: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_der, "out_der")?;
        let profile_name = ptr::str_in(profile, "profile")?;
        let subject = ptr::str_in(subject, "subject")?;
        let subject_key = ptr::key_in(subject_key, "subject_key")?;
        let issuer_cert = ptr::bytes_opt(issuer_cert, issuer_cert_len, "issuer_cert")?;
        let issuer_key = ptr::key_opt(issuer_key)?;
        let not_before = input::time(not_before_unix, "not_before_unix")?;
        let profile: Profile = profile_name.parse().map_err(|_| {
            Failure::unknown(
                "profile",
                profile_name,
                "root, ca, seal-maker, signer or tsa",
            )
        })?;
        let params = CertificateParams::new(
            profile,
            DistinguishedName::parse(subject)?,
            not_before,
            days,
        );
        let rng = SystemRandom;
        let cert = match (profile, issuer_cert, issuer_key) {
            (Profile::Root, None, None) => params.self_signed(subject_key.signer(), &rng)?,
            (Profile::Root, _, _) => {
                return Err(Failure::invalid(
                    "a root certificate is self-signed: pass NULL for issuer_cert and issuer_key",
                ));
            }
            (_, Some(issuer_cert), Some(issuer_key)) => {
                let issuer = input::certificate(issuer_cert, "issuer_cert")?;
                params.signed_by(subject_key.public_key(), &issuer, issuer_key.signer(), &rng)?
            }
            (_, None, _) => return Err(Failure::null("issuer_cert")),
            (_, Some(_), None) => return Err(Failure::null("issuer_key")),
        };
        out.set(cert.der().to_vec());
        Ok(())
    })
}

/// A certificate's fields as JSON (`version`, `serial_number`, `subject`,
/// `issuer`, `not_before`, `not_after`, `public_key`, `signature_algorithm`,
/// `basic_constraints`, `key_usage`, `extended_key_usage`, `subject_key_id`,
/// `authority_key_id`, `crl_distribution_points`, `fingerprint_sm3`). The
/// certificate may be PEM or DER.
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_cert_to_json(
    cert: *const u8,
    cert_len: usize,
    out_json: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_json, "out_json")?;
        let cert = input::certificate(ptr::bytes_in(cert, cert_len, "cert")?, "cert")?;
        out.set(input::to_json(&cert.info())?);
        Ok(())
    })
}

/// Validate `cert`'s chain (PEM or DER) for `purpose`: `any` (also NULL),
/// `document-signing`, `seal-making`, `timestamping` (or `time-stamping`) or
/// `ca` (or `certificate-authority`), to one of `roots_pem` (required)
/// through `intermediates_pem` (optional: `NULL, 0`).
///
/// Every verify function takes the same trust inputs in the same order:
/// `roots_pem, roots_len, intermediates_pem, intermediates_len,
/// options_json`. `options_json` is NULL (the defaults) or
/// `{"crls_pem": "-----BEGIN X509 CRL-----...", "revocation":
/// "if-available"|"require", "accept_empty_id": false, "accept_no_za": false,
/// "at_unix": GMSEAL_TIME_NOW}`: CRLs to consult (a PEM bundle), whether every
/// certificate below the root needs a current CRL (`require`), SM2
/// signatures with the empty user ID or without ZA to accept as well, and the
/// validation time (`at_unix`, default now; only [`gmseal_cert_verify`] and
/// `gmseal_seal_verify` take it). Unknown keys are `GMSEAL_FFI_INVALID_JSON`,
/// an unknown `revocation` `GMSEAL_FFI_UNKNOWN_NAME`, a time out of range
/// `GMSEAL_FFI_INVALID_ARGUMENT`.
///
/// A validation that ran returns `GMSEAL_OK` with the verdict in `*out_json`:
/// `{"valid": true|false, "code": null|"pki.expired"|"pki.revoked"|...,
/// "message": null|"...", "time": "...", "purpose": "...", "chain": ["CN=end
/// entity...", ..., "CN=root..."]}` (`chain` is empty when not valid). Only
/// input that cannot be used (a malformed certificate or CRL, no roots, an
/// unknown purpose, bad options) returns an error.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn gmseal_cert_verify(
    cert: *const u8,
    cert_len: usize,
    purpose: *const c_char,
    roots_pem: *const u8,
    roots_len: usize,
    intermediates_pem: *const u8,
    intermediates_len: usize,
    options_json: *const c_char,
    out_json: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_json, "out_json")?;
        let cert = input::certificate(ptr::bytes_in(cert, cert_len, "cert")?, "cert")?;
        let purpose = parse_purpose(ptr::str_opt(purpose, "purpose")?.unwrap_or("any"))?;
        ptr::bytes_in(roots_pem, roots_len, "roots_pem")?;
        let inputs = VerifyInputs::read(
            roots_pem,
            roots_len,
            intermediates_pem,
            intermediates_len,
            options_json,
            true,
        )?;
        let time = inputs
            .at
            .ok_or_else(|| Failure::internal("at_unix was not read"))?;
        let trust = inputs
            .trust
            .as_ref()
            .ok_or_else(|| Failure::invalid("roots_pem holds no certificate"))?;
        let options = inputs.validation_options(time).for_purpose(purpose);
        let verdict = match trust.validate(&cert, &inputs.intermediates, &options) {
            Ok(chain) => ChainVerdict {
                valid: true,
                code: None,
                message: None,
                time,
                purpose: purpose.name(),
                chain: chain
                    .certificates
                    .iter()
                    .map(|c| c.subject().to_string())
                    .collect(),
            },
            Err(e) => ChainVerdict {
                valid: false,
                code: Some(e.code()),
                message: Some(e.to_string()),
                time,
                purpose: purpose.name(),
                chain: Vec::new(),
            },
        };
        out.set(input::to_json(&verdict)?);
        Ok(())
    })
}

/// The JSON of [`gmseal_cert_verify`].
#[derive(Serialize)]
struct ChainVerdict {
    valid: bool,
    code: Option<&'static str>,
    message: Option<String>,
    time: Timestamp,
    purpose: &'static str,
    chain: Vec<String>,
}

/// A purpose name, with `timestamping` as another spelling of `time-stamping`.
fn parse_purpose(name: &str) -> Result<Purpose, Failure> {
    let canonical = if name == "timestamping" {
        "time-stamping"
    } else {
        name
    };
    canonical.parse().map_err(|_| {
        Failure::unknown(
            "purpose",
            name,
            "any, document-signing, seal-making, timestamping or ca",
        )
    })
}
