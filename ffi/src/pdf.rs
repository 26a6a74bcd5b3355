//! Sealing and verifying PDFs.

use crate::boundary::call;
use crate::bytes::gmseal_bytes;
use crate::error::{Failure, gmseal_result};
use crate::input::{self, VerifyInputs};
use crate::key::gmseal_key;
use crate::ptr::{self, OutBytes};
use crate::seal::refuse_broken_seal;
use core::ffi::c_char;
use gmseal::pdf::sign::{DocMdp, Flavour, PdfSigner, Placement};
use gmseal::pdf::verify::{PdfVerifyOptions, verify_pdf};
use gmseal::seal::SesSeal;
use serde::Deserialize;

/// The JSON options of [`gmseal_pdf_sign`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignOptions {
    flavour: Option<String>,
    certify: Option<u8>,
    page: Option<usize>,
    rect_mm: Option<[f64; 4]>,
    invisible: Option<bool>,
    template: Option<String>,
    reason: Option<String>,
    location: Option<String>,
    field_name: Option<String>,
    time_unix: Option<i64>,
}

impl SignOptions {
    fn flavour(&self) -> Result<Flavour, Failure> {
        match self.flavour.as_deref().unwrap_or("cms") {
            "cms" => Ok(Flavour::CmsPkcs7),
            "cades" => Ok(Flavour::CmsCades),
            "ses" => Ok(Flavour::Ses),
            other => Err(Failure::unknown("flavour", other, "cms, cades or ses")),
        }
    }

    fn certify(&self) -> Result<Option<DocMdp>, Failure> {
        match self.certify.unwrap_or(0) {
            0 => Ok(None),
            1 => Ok(Some(DocMdp::NoChanges)),
            2 => Ok(Some(DocMdp::FormFilling)),
            3 => Ok(Some(DocMdp::Annotations)),
            n => Err(Failure::invalid(format!(
                "certify is {n}: expected 0 (an approval signature) or the DocMDP level 1, 2 or 3"
            ))),
        }
    }

    fn placement(&self) -> Result<Placement, Failure> {
        let page = self.page.unwrap_or(1);
        if page == 0 {
            return Err(Failure::invalid("page numbers start at 1"));
        }
        let invisible = self.invisible.unwrap_or(false);
        match (&self.template, self.rect_mm, invisible) {
            (Some(name), None, false) => {
                let template = crate::license::template(name)?;
                let position = template.seal().ok_or_else(|| {
                    Failure::invalid(format!("the template {name:?} has no seal position"))
                })?;
                Ok(Placement::from_seal_position(&position))
            }
            (None, Some([x, y, w, h]), false) => Ok(Placement::rect(page, x, y, w, h)),
            (None, None, true) => Ok(Placement::Invisible { page }),
            _ => Err(Failure::invalid(
                "options_json needs exactly one of \"rect_mm\": [x, y, w, h], \"invisible\": true and \"template\": NAME",
            )),
        }
    }
}

/// Seal a PDF: one incremental update with a signature field showing the
/// seal's picture and a signature over the whole file.
///
/// - `pdf`: the document; `seal`: the DER seal; `signer_cert` (PEM or DER)
///   and `key`: a signer the seal lists; `chain_pem`: CA certificates to
///   embed in the CMS (`NULL, 0` for none).
/// - `options_json`: `{"flavour": "cms"|"cades"|"ses"` (default `cms`:
///   `adbe.pkcs7.detached`; `ses`: a GB/T 38540 `SES_Signature`),
///   `"certify": 0|1|2|3` (0, the default: an approval signature; 1-3: a
///   certification with that DocMDP level), exactly one of `"rect_mm": [x, y,
///   w, h]` (mm from the page's top-left corner, on `"page"`, default 1),
///   `"invisible": true` (on `"page"`) and `"template": "business-license"`
///   (the template's seal position), and optional `"reason"`, `"location"`,
///   `"field_name"` (a PDF partial name: not empty, no `.`), `"time_unix"`
///   (default now)`}`.
///
/// The sealed PDF is written to `*out_pdf`. Errors: bad options
/// (`GMSEAL_FFI_INVALID_JSON`, `GMSEAL_FFI_UNKNOWN_NAME`,
/// `GMSEAL_FFI_INVALID_ARGUMENT`, also for a bad `field_name` or a time out
/// of range), a key that does not belong to `signer_cert`
/// (`GMSEAL_CRYPTO_KEY_MISMATCH`), a PDF that does not parse strictly, a
/// signer the seal does not list, a seal or certificate not valid at the
/// time, a document whose certification forbids the signature.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn gmseal_pdf_sign(
    pdf: *const u8,
    pdf_len: usize,
    seal: *const u8,
    seal_len: usize,
    signer_cert: *const u8,
    signer_cert_len: usize,
    key: *const gmseal_key,
    chain_pem: *const u8,
    chain_len: usize,
    options_json: *const c_char,
    out_pdf: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_pdf, "out_pdf")?;
        let pdf = ptr::bytes_in(pdf, pdf_len, "pdf")?;
        let seal = SesSeal::from_der(ptr::bytes_in(seal, seal_len, "seal")?)?;
        let cert = input::certificate(
            ptr::bytes_in(signer_cert, signer_cert_len, "signer_cert")?,
            "signer_cert",
        )?;
        let key = ptr::key_in(key, "key")?;
        let chain = input::certificates(ptr::bytes_opt(chain_pem, chain_len, "chain_pem")?)?;
        let options: SignOptions =
            input::from_json(ptr::str_in(options_json, "options_json")?, "options_json")?;
        let placement = options.placement()?;
        let time = input::time(
            options.time_unix.unwrap_or(crate::GMSEAL_TIME_NOW),
            "time_unix",
        )?;
        if let Some(field) = &options.field_name {
            check_field_name(field)?;
        }
        input::key_matches(key, "key", &cert, "signer_cert")?;
        refuse_broken_seal(&seal)?;
        let mut signer = PdfSigner::new(&seal, &cert, key.signer())?.flavour(options.flavour()?);
        for ca in &chain {
            signer = signer.chain(ca);
        }
        if let Some(level) = options.certify()? {
            signer = signer.certify(level);
        }
        if let Some(reason) = &options.reason {
            signer = signer.reason(reason.as_str());
        }
        if let Some(location) = &options.location {
            signer = signer.location(location.as_str());
        }
        if let Some(field) = &options.field_name {
            signer = signer.field_name(field.as_str());
        }
        out.set(signer.sign(pdf, &placement, time)?);
        Ok(())
    })
}

/// A signature field's partial name (`/T`): not empty, and without `.`,
/// which separates the partial names of a field's full name.
fn check_field_name(name: &str) -> Result<(), Failure> {
    if name.is_empty() {
        return Err(Failure::invalid("field_name is empty"));
    }
    if name.contains('.') {
        return Err(Failure::invalid(format!(
            "field_name {name:?} contains '.': a PDF partial field name may not"
        )));
    }
    Ok(())
}

/// Verify every signature of a PDF and judge every change made after each:
/// the ByteRange, the CMS or SES cryptography, the seal, the signers' and
/// seal makers' chains to `roots_pem` through `intermediates_pem` (each
/// `NULL, 0` for none; without roots the result is at best
/// `indeterminate`), and the embedded e-license metadata. `options_json`:
/// NULL or the options of `gmseal_cert_verify`
/// but `at_unix` (`crls_pem`, `revocation`, `accept_empty_id`,
/// `accept_no_za`).
///
/// Returns `GMSEAL_OK` with the verification report in `*out_json`
/// whatever the verdict: read its `indication` (`valid`,
/// `valid-with-permitted-changes`, `modified`, `invalid`, `indeterminate`)
/// and `reason`. Even bytes that are not a PDF give a report (`invalid`);
/// only unusable arguments (a malformed root certificate or CRL, bad options)
/// are errors.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn gmseal_pdf_verify(
    pdf: *const u8,
    pdf_len: usize,
    roots_pem: *const u8,
    roots_len: usize,
    intermediates_pem: *const u8,
    intermediates_len: usize,
    options_json: *const c_char,
    out_json: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_json, "out_json")?;
        let pdf = ptr::bytes_in(pdf, pdf_len, "pdf")?;
        let inputs = VerifyInputs::read(
            roots_pem,
            roots_len,
            intermediates_pem,
            intermediates_len,
            options_json,
            false,
        )?;
        let mut options = PdfVerifyOptions::default();
        if inputs.trust.is_some() {
            // As `PdfVerifyOptions::with_trust`: chains and seals shared by
            // several signatures are verified once.
            options.cache = Some(Default::default());
        }
        options.pki = inputs.seal_options();
        out.set(input::to_json(&verify_pdf(pdf, &options))?);
        Ok(())
    })
}
