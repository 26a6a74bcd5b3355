//! Turning checked C arguments into gmseal values, and values into JSON.

use crate::error::Failure;
use crate::key::gmseal_key;
use crate::ptr;
use crate::{GMSEAL_TIME_MAX, GMSEAL_TIME_NOW};
use core::ffi::c_char;
use gmseal::Timestamp;
use gmseal::crypto::VerifyOptions;
use gmseal::pki::{Certificate, Crl, RevocationPolicy, TrustStore, ValidationOptions};
use gmseal::seal::SealVerifyOptions;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A Unix time argument: [`GMSEAL_TIME_NOW`] (the system clock) or a value
/// in `[0, GMSEAL_TIME_MAX]`; anything else is `ffi.invalid-argument`.
pub(crate) fn time(unix: i64, name: &str) -> Result<Timestamp, Failure> {
    if unix == GMSEAL_TIME_NOW {
        return Ok(Timestamp::now());
    }
    match u64::try_from(unix) {
        Ok(secs) if unix <= GMSEAL_TIME_MAX => Ok(Timestamp::from_unix(secs)?),
        _ => Err(Failure::invalid(format!(
            "{name} is {unix}: a time must be Unix seconds in [0, {GMSEAL_TIME_MAX}] \
             (up to 9999-12-31T23:59:59Z) or GMSEAL_TIME_NOW (-1)"
        ))),
    }
}

/// Refuse a key that does not belong to `cert` (`crypto.key-mismatch`), the
/// same way in every signing function.
pub(crate) fn key_matches(
    key: &gmseal_key,
    key_name: &str,
    cert: &Certificate,
    cert_name: &str,
) -> Result<(), Failure> {
    if key.public_key() == cert.public_key() {
        Ok(())
    } else {
        Err(Failure::key_mismatch(format!(
            "the key {key_name} does not belong to the certificate {cert_name} ({})",
            cert.subject()
        )))
    }
}

/// Exactly one certificate, PEM or DER.
pub(crate) fn certificate(data: &[u8], name: &str) -> Result<Certificate, Failure> {
    let mut certs = Certificate::load_all(data)?;
    if certs.len() != 1 {
        return Err(Failure::invalid(format!(
            "{name} must hold exactly one certificate, not {}",
            certs.len()
        )));
    }
    certs
        .pop()
        .ok_or_else(|| Failure::internal("a list of one is empty"))
}

/// A list of certificates: a PEM bundle or one DER certificate; `None` or no
/// bytes is the empty list.
pub(crate) fn certificates(data: Option<&[u8]>) -> Result<Vec<Certificate>, Failure> {
    match data {
        None | Some([]) => Ok(Vec::new()),
        Some(d) => Ok(Certificate::load_all(d)?),
    }
}

/// A trust store of the roots given, or `None` when none are given.
pub(crate) fn trust(roots: Option<&[u8]>) -> Result<Option<TrustStore>, Failure> {
    let anchors = certificates(roots)?;
    Ok((!anchors.is_empty()).then(|| TrustStore::new(anchors)))
}

/// The JSON options every verify function takes (`options_json`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct VerifyJson {
    /// CRLs: a bundle of PEM `X509 CRL` blocks.
    crls_pem: Option<String>,
    /// `if-available` (default) or `require`.
    revocation: Option<String>,
    /// Also accept SM2 signatures with the empty user ID.
    accept_empty_id: Option<bool>,
    /// Also accept SM2 signatures over SM3(M) without ZA.
    accept_no_za: Option<bool>,
    /// The validation time (certificate and seal verification only).
    at_unix: Option<i64>,
}

/// The trust inputs of a verify function, checked.
pub(crate) struct VerifyInputs {
    /// The roots, or `None` when none were given.
    pub(crate) trust: Option<TrustStore>,
    /// Intermediate CA certificates.
    pub(crate) intermediates: Vec<Certificate>,
    /// The CRLs to consult.
    pub(crate) crls: Vec<Crl>,
    /// Whether every certificate needs a CRL.
    pub(crate) revocation: RevocationPolicy,
    /// The SM2 user-ID variants accepted.
    pub(crate) signature: VerifyOptions,
    /// `at_unix` (default now), when the function takes it.
    pub(crate) at: Option<Timestamp>,
}

impl VerifyInputs {
    /// Read `roots_pem`, `intermediates_pem` and `options_json` (NULL for the
    /// defaults). `takes_at`: whether `at_unix` is an option of this function.
    pub(crate) fn read(
        roots_pem: *const u8,
        roots_len: usize,
        intermediates_pem: *const u8,
        intermediates_len: usize,
        options_json: *const c_char,
        takes_at: bool,
    ) -> Result<Self, Failure> {
        let roots = ptr::bytes_opt(roots_pem, roots_len, "roots_pem")?;
        let intermediates =
            ptr::bytes_opt(intermediates_pem, intermediates_len, "intermediates_pem")?;
        let json: VerifyJson = match ptr::str_opt(options_json, "options_json")? {
            Some(text) => from_json(text, "options_json")?,
            None => VerifyJson::default(),
        };
        let at = match (json.at_unix, takes_at) {
            (Some(_), false) => {
                return Err(Failure::json(
                    "options_json",
                    "unknown field `at_unix`: only gmseal_cert_verify and gmseal_seal_verify take it",
                ));
            }
            (at, true) => Some(time(at.unwrap_or(GMSEAL_TIME_NOW), "at_unix")?),
            (None, false) => None,
        };
        let revocation = match json.revocation.as_deref().unwrap_or("if-available") {
            "if-available" => RevocationPolicy::CheckIfAvailable,
            "require" => RevocationPolicy::Require,
            other => {
                return Err(Failure::unknown(
                    "revocation policy",
                    other,
                    "if-available or require",
                ));
            }
        };
        let mut signature = VerifyOptions::default();
        if json.accept_empty_id.unwrap_or(false) {
            signature = signature.accept_empty_id();
        }
        if json.accept_no_za.unwrap_or(false) {
            signature = signature.accept_no_za();
        }
        Ok(Self {
            trust: trust(roots)?,
            intermediates: certificates(intermediates)?,
            crls: crls(json.crls_pem.as_deref().unwrap_or_default())?,
            revocation,
            signature,
            at,
        })
    }

    /// Seal-verification options (also the `pki` of PDF verification).
    pub(crate) fn seal_options(self) -> SealVerifyOptions {
        let mut options = SealVerifyOptions::default();
        options.trust = self.trust;
        options.intermediates = self.intermediates;
        options.crls = self.crls;
        options.revocation = self.revocation;
        options.signature = self.signature;
        options
    }

    /// Chain-validation options at `time` (the purpose is the caller's).
    pub(crate) fn validation_options(&self, time: Timestamp) -> ValidationOptions {
        let mut options = ValidationOptions::at(time);
        options.crls.clone_from(&self.crls);
        options.revocation = self.revocation;
        options.signature_options = self.signature.clone();
        options
    }
}

/// The CRLs of a bundle of PEM `X509 CRL` blocks; empty text is none.
fn crls(text: &str) -> Result<Vec<Crl>, Failure> {
    const BEGIN: &str = "-----BEGIN X509 CRL-----";
    const END: &str = "-----END X509 CRL-----";
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut crls = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let block = &rest[start..];
        let end = block
            .find(END)
            .ok_or_else(|| Failure::invalid("crls_pem has a CRL without its END line"))?
            + END.len();
        crls.push(Crl::from_pem(&block[..end])?);
        rest = &block[end..];
    }
    if crls.is_empty() {
        return Err(Failure::invalid(
            "crls_pem holds no \"-----BEGIN X509 CRL-----\" block",
        ));
    }
    Ok(crls)
}

/// Parse a JSON argument.
pub(crate) fn from_json<T: DeserializeOwned>(text: &str, name: &str) -> Result<T, Failure> {
    serde_json::from_str(text).map_err(|e| Failure::json(name, e))
}

/// Serialize an output as compact JSON.
pub(crate) fn to_json(value: &impl Serialize) -> Result<Vec<u8>, Failure> {
    serde_json::to_vec(value).map_err(|e| Failure::internal(format!("cannot write JSON: {e}")))
}
