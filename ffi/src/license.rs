//! Electronic licenses (电子证照): validate metadata, build identifiers, issue PDFs.

use crate::boundary::call;
use crate::bytes::gmseal_bytes;
use crate::error::{Failure, gmseal_result};
use crate::input;
use crate::ptr::{self, OutBytes};
use core::ffi::c_char;
use gmseal::license::{
    BUILTIN_TEMPLATES, Identifier, IssueOptions, Metadata, Problem, Severity, Template, TypeRules,
    issue, validate,
};
use serde::Serialize;

/// A builtin template by name.
pub(crate) fn template(name: &str) -> Result<Template, Failure> {
    Template::builtin(name)
        .ok_or_else(|| Failure::unknown("template", name, &BUILTIN_TEMPLATES.join(" or ")))
}

/// Parse metadata JSON (GB/T 36903 English ids or pinyin names), at most
/// [`Metadata::MAX_JSON_LEN`] bytes.
fn metadata(json: *const c_char) -> Result<Metadata, Failure> {
    let text = ptr::str_in(json, "metadata_json")?;
    if text.len() > Metadata::MAX_JSON_LEN {
        return Err(Failure::json(
            "metadata_json",
            format!(
                "{} bytes, more than the {}-byte limit",
                text.len(),
                Metadata::MAX_JSON_LEN
            ),
        ));
    }
    input::from_json(text, "metadata_json")
}

/// The JSON of [`gmseal_license_validate`].
#[derive(Serialize)]
struct Validation<'a> {
    valid: bool,
    errors: usize,
    warnings: usize,
    problems: &'a [Problem],
}

/// Validate e-license metadata (JSON, GB/T 36903 English ids or pinyin
/// names) against the rules of `template_name` (`business-license`,
/// `qualification`; NULL for the core rules only).
///
/// Returns `GMSEAL_OK` with `{"valid": bool, "errors": n, "warnings": n,
/// "problems": [{"field", "code", "severity": "error"|"warning", "message"},
/// ...]}` in `*out_json` (`valid` when there are no errors). Text that is
/// not metadata JSON is `GMSEAL_FFI_INVALID_JSON`.
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_license_validate(
    metadata_json: *const c_char,
    template_name: *const c_char,
    out_json: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_json, "out_json")?;
        let metadata = metadata(metadata_json)?;
        let rules = match ptr::str_opt(template_name, "template_name")? {
            Some(name) => template(name)?.rules,
            None => TypeRules::default(),
        };
        let problems = validate(&metadata, &rules);
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        out.set(input::to_json(&Validation {
            valid: errors == 0,
            errors,
            warnings: problems.len() - errors,
            problems: &problems,
        })?);
        Ok(())
    })
}

/// Build a GB/T 36904 e-license identifier (证照标识, version `001`) from the
/// license type code (21 characters), the issuing authority's unified social
/// credit code and a serial number; its text (ASCII, not NUL-terminated) is
/// written to `*out_text`. Errors: `GMSEAL_LICENSE_INVALID_IDENTIFIER_PART`.
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_license_identifier(
    type_code: *const c_char,
    issuer_code: *const c_char,
    serial: *const c_char,
    out_text: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_text, "out_text")?;
        let type_code = ptr::str_in(type_code, "type_code")?;
        let issuer_code = ptr::str_in(issuer_code, "issuer_code")?;
        let serial = ptr::str_in(serial, "serial")?;
        let id = Identifier::build(type_code, issuer_code, serial, Identifier::FIRST_VERSION)?;
        out.set(id.to_string().into_bytes());
        Ok(())
    })
}

/// Issue an e-license as a PDF/A-3b document: `metadata_json` on the
/// builtin template `template_name` (`business-license`, `qualification`),
/// created at `issued_unix` (the same inputs give the same bytes). The
/// metadata is embedded as `metadata.json`, `metadata.xml` and XMP; the
/// seal's place is left for `gmseal_pdf_sign` with `"template"`. A holder
/// photo must be an inline `data:` URI. The PDF is written to `*out_pdf`.
///
/// Errors: metadata with validation errors (`GMSEAL_LICENSE_INVALID_METADATA`,
/// the message names the first; `gmseal_license_validate` lists them all), a
/// value too long for its box (`GMSEAL_INPUT_INVALID`).
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_license_issue(
    template_name: *const c_char,
    metadata_json: *const c_char,
    issued_unix: i64,
    out_pdf: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_pdf, "out_pdf")?;
        let template = template(ptr::str_in(template_name, "template_name")?)?;
        let metadata = metadata(metadata_json)?;
        let issued_at = input::time(issued_unix, "issued_unix")?;
        let issued = issue(&template, &metadata, &IssueOptions::new(issued_at))?;
        out.set(issued.pdf);
        Ok(())
    })
}
