//! GB/T 38540 electronic seals (`SESeal`) and seal signatures (`SES_Signature`).

use crate::boundary::call;
use crate::bytes::gmseal_bytes;
use crate::error::{Failure, gmseal_result};
use crate::input::{self, VerifyInputs};
use crate::key::gmseal_key;
use crate::ptr::{self, OutBytes};
use core::ffi::c_char;
use gmseal::SealError;
use gmseal::Timestamp;
use gmseal::crypto::{SecureRandom as _, SystemRandom};
use gmseal::seal::image::{SealImageParams, render_png};
use gmseal::seal::{
    Check, Indication, Original, Picture, SealBuilder, SealReport, SealVerifyOptions, SealVersion,
    SesSeal, SesSignature, SignatureBuilder, SignatureInfo, SignatureReport, SignerList,
    verify_seal, verify_signature,
};
use serde::{Deserialize, Serialize};

/// The JSON parameters of a seal and of its drawn picture.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SealParams {
    /// The organization drawn along the upper arc.
    org: String,
    /// The seal's name (印章名称), also drawn in the picture.
    name: String,
    /// A code: along the lower arc (round) or in the middle (oval).
    code: Option<String>,
    /// `round` (default) or `oval`.
    style: Option<String>,
    /// Picture size, mm (default 42 × 42 round, 40 × 30 oval).
    width_mm: Option<u16>,
    height_mm: Option<u16>,
    /// Picture resolution (default 300).
    dpi: Option<f32>,
    /// The seal type (for example 1 法定名称章, 2 财务专用章, 3 发票专用章, 4 合同专用章).
    seal_type: Option<i64>,
    /// esID (ASCII; default 32 random hex digits).
    es_id: Option<String>,
    /// Validity in days from the creation time (default 365).
    days: Option<u32>,
    /// The header's vendor identifier (default "gmseal").
    vendor: Option<String>,
    /// List the signers by SM3 digest (certListType 2) instead of by certificate.
    digests: Option<bool>,
}

impl SealParams {
    fn parse(json: *const c_char) -> Result<Self, Failure> {
        input::from_json(ptr::str_in(json, "params_json")?, "params_json")
    }

    /// The picture size in mm: a round seal's diameter may be given as
    /// either; an oval seal needs both or neither.
    fn size_mm(&self, round: bool) -> Result<(u16, u16), Failure> {
        match (self.width_mm, self.height_mm, round) {
            (Some(w), Some(h), _) => Ok((w, h)),
            (Some(d), None, true) | (None, Some(d), true) => Ok((d, d)),
            (None, None, true) => Ok((42, 42)),
            (None, None, false) => Ok((40, 30)),
            _ => Err(Failure::invalid(
                "an oval seal needs both width_mm and height_mm, or neither",
            )),
        }
    }

    /// Draw the picture as PNG.
    fn render(&self) -> Result<(Vec<u8>, (u16, u16)), Failure> {
        let round = match self.style.as_deref().unwrap_or("round") {
            "round" => true,
            "oval" => false,
            other => return Err(Failure::unknown("seal style", other, "round or oval")),
        };
        let (w, h) = self.size_mm(round)?;
        let code = self.code.as_deref().unwrap_or_default();
        let mut image = if round {
            let image = SealImageParams::round(self.org.as_str(), self.name.as_str());
            if code.is_empty() {
                image
            } else {
                image.with_code(code)
            }
        } else {
            SealImageParams::oval(self.org.as_str(), self.name.as_str(), code)
        }
        .with_size_mm(f32::from(w), f32::from(h));
        if let Some(dpi) = self.dpi {
            image = image.with_dpi(dpi);
        }
        Ok((render_png(&image)?, (w, h)))
    }
}

/// Draw a seal picture (PNG) from the JSON parameters:
/// `{"org": "某某市示例单位", "name": "合同专用章", "code": "3301020012345",
/// "style": "round"|"oval", "width_mm": 42, "height_mm": 42, "dpi": 300}`
/// (`org` and `name` required). The seal fields of [`gmseal_seal_make`]'s
/// parameters are accepted and ignored, so the same JSON serves both.
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_seal_image_png(
    params_json: *const c_char,
    out_png: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_png, "out_png")?;
        let params = SealParams::parse(params_json)?;
        out.set(params.render()?.0);
        Ok(())
    })
}

/// Make a seal (GB/T 38540 v4 `SESeal`, the `.esl` file) as the seal maker
/// (制章者), for the signers (签章者) in `signer_certs_pem` (a PEM bundle or one
/// DER certificate; at least one), created at `create_unix`; its picture is
/// drawn from the parameters (see [`gmseal_seal_image_png`]).
///
/// `params_json`: the picture's fields plus `"seal_type": 4` (required),
/// `"es_id": "..."` (ASCII; default 32 random hex digits), `"days": 365`
/// (validity from `create_unix`), `"vendor": "gmseal"`, `"digests": false`
/// (list the signers by SM3 digest). `maker_cert` (PEM or DER) and
/// `maker_key`: the seal maker. The DER seal is written to `*out_der`.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn gmseal_seal_make(
    params_json: *const c_char,
    maker_cert: *const u8,
    maker_cert_len: usize,
    maker_key: *const gmseal_key,
    signer_certs_pem: *const u8,
    signer_certs_len: usize,
    create_unix: i64,
    out_der: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_der, "out_der")?;
        let params = SealParams::parse(params_json)?;
        let maker = input::certificate(
            ptr::bytes_in(maker_cert, maker_cert_len, "maker_cert")?,
            "maker_cert",
        )?;
        let maker_key = ptr::key_in(maker_key, "maker_key")?;
        input::key_matches(maker_key, "maker_key", &maker, "maker_cert")?;
        let signers = input::certificates(Some(ptr::bytes_in(
            signer_certs_pem,
            signer_certs_len,
            "signer_certs_pem",
        )?))?;
        if signers.is_empty() {
            return Err(Failure::invalid("signer_certs_pem holds no certificate"));
        }
        let created = input::time(create_unix, "create_unix")?;
        let seal_type = params
            .seal_type
            .ok_or_else(|| Failure::json("params_json", "missing field `seal_type`"))?;
        let (png, (w, h)) = params.render()?;
        let picture = Picture {
            kind: "PNG".into(),
            data: png,
            width_mm: u32::from(w),
            height_mm: u32::from(h),
        };
        let es_id = match &params.es_id {
            Some(id) => id.clone(),
            None => random_es_id()?,
        };
        let list = if params.digests.unwrap_or(false) {
            SignerList::Digests(signers)
        } else {
            SignerList::Certificates(signers)
        };
        let mut builder = SealBuilder::new(
            &es_id,
            &params.name,
            seal_type,
            list,
            picture,
            created,
            params.days.unwrap_or(365),
        );
        if let Some(vendor) = &params.vendor {
            builder.vendor.clone_from(vendor);
        }
        let seal = builder.sign(&maker, maker_key.signer())?;
        out.set(seal.der().to_vec());
        Ok(())
    })
}

/// 16 random bytes as 32 hex digits.
fn random_es_id() -> Result<String, Failure> {
    let mut bytes = [0u8; 16];
    SystemRandom.fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02X}")).collect())
}

/// A seal's fields as JSON: `version`, `standard`, `bytes`, `header`,
/// `es_id`, `property` (with `signers`), `picture` (`kind`, `width_mm`,
/// `height_mm`, `bytes`; not the image), `ext_datas`, `maker_certificate`,
/// `signature_algorithm`, `has_timestamp`, `trailing_bytes`. Reads v1, v4 and
/// v5 seals (DER).
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_seal_to_json(
    seal: *const u8,
    seal_len: usize,
    out_json: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_json, "out_json")?;
        let seal = SesSeal::from_der(ptr::bytes_in(seal, seal_len, "seal")?)?;
        out.set(input::to_json(&gmseal::seal::seal_json(&seal))?);
        Ok(())
    })
}

/// Verify a seal (GB/T 38540 §6.3): format, the maker's signature, the
/// maker's chain to `roots_pem` through `intermediates_pem` at the creation
/// time, the validity period at `at_unix`. `roots_pem, intermediates_pem`:
/// `NULL, 0` for none (without roots chains are not checked and the result
/// is at best `indeterminate`). `options_json`: NULL or the options of
/// `gmseal_cert_verify`, `at_unix` included
/// (default now).
///
/// Returns `GMSEAL_OK` with the report in `*out_json` whatever the
/// verdict: `{"indication": "valid"|"invalid"|"indeterminate", ...,
/// "checks": [{"id", "status", "code", "message"}, ...], "reason":
/// null|"pki.revoked"|...}` (`reason`: the deciding check's code, null when
/// valid). A seal that does not decode is an error
/// (`GMSEAL_DECODE_MALFORMED`).
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn gmseal_seal_verify(
    seal: *const u8,
    seal_len: usize,
    roots_pem: *const u8,
    roots_len: usize,
    intermediates_pem: *const u8,
    intermediates_len: usize,
    options_json: *const c_char,
    out_json: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_json, "out_json")?;
        let seal = SesSeal::from_der(ptr::bytes_in(seal, seal_len, "seal")?)?;
        let inputs = VerifyInputs::read(
            roots_pem,
            roots_len,
            intermediates_pem,
            intermediates_len,
            options_json,
            true,
        )?;
        let at = inputs
            .at
            .ok_or_else(|| Failure::internal("at_unix was not read"))?;
        let report = verify_seal(&seal, at, &inputs.seal_options());
        out.set(input::to_json(&SealReportJson::new(&report))?);
        Ok(())
    })
}

/// A seal report with its `reason`: the deciding check's code.
#[derive(Serialize)]
struct SealReportJson<'a> {
    #[serde(flatten)]
    report: &'a SealReport,
    reason: Option<&'static str>,
}

impl<'a> SealReportJson<'a> {
    fn new(report: &'a SealReport) -> Self {
        Self {
            report,
            reason: report.reason().and_then(|c| c.code),
        }
    }
}

/// A seal-signature report with its `reason`, and its seal's.
#[derive(Serialize)]
struct SignatureReportJson<'a> {
    indication: Indication,
    version: SealVersion,
    time: Option<Timestamp>,
    property_info: &'a str,
    data_hash: &'a str,
    signer: Option<&'a str>,
    signature: Option<&'a SignatureInfo>,
    has_timestamp: bool,
    seal: SealReportJson<'a>,
    checks: &'a [Check],
    reason: Option<&'static str>,
}

impl<'a> SignatureReportJson<'a> {
    fn new(report: &'a SignatureReport) -> Self {
        Self {
            indication: report.indication,
            version: report.version,
            time: report.time,
            property_info: &report.property_info,
            data_hash: &report.data_hash,
            signer: report.signer.as_deref(),
            signature: report.signature.as_ref(),
            has_timestamp: report.has_timestamp,
            seal: SealReportJson::new(&report.seal),
            checks: &report.checks,
            reason: report.reason().and_then(|c| c.code),
        }
    }
}

/// Refuse a seal that is broken (a maker signature that does not verify, a
/// malformed header): what it would sign could never verify. The seal is
/// checked at its own start of validity, so that a seal used outside its
/// validity gets the library's precise error when signing.
pub(crate) fn refuse_broken_seal(seal: &SesSeal) -> Result<(), Failure> {
    let at = seal.info().property.valid_start;
    let report = verify_seal(seal, at, &SealVerifyOptions::default());
    if report.indication != Indication::Invalid {
        return Ok(());
    }
    let (code, message) = report
        .reason()
        .map(|c| (c.code.unwrap_or("seal.invalid"), c.message.as_str()))
        .unwrap_or(("seal.invalid", ""));
    Err(gmseal::Error::from(SealError::InvalidParams(format!(
        "the seal is broken, so it cannot be used: {code}: {message}"
    )))
    .into())
}

/// Seal `data` as a signer (签章者) the seal lists: a GB/T 38540
/// `SES_Signature` with `dataHash` = SM3(data), `propertyInfo` =
/// `property_info` (ASCII, what the signature protects, for example a file
/// name) and `timeInfo` = `time_unix`. `seal` is the DER seal (v4),
/// `signer_cert` the signer's certificate (PEM or DER), `key` its key. The
/// DER signature is written to `*out_der`.
///
/// Errors: `GMSEAL_SEAL_SIGNER_NOT_IN_LIST`,
/// `GMSEAL_SEAL_NOT_VALID_AT_SIGNING_TIME`, `GMSEAL_SEAL_INVALID_PARAMS` (also
/// for a seal whose maker signature does not verify).
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn gmseal_ses_sign(
    seal: *const u8,
    seal_len: usize,
    data: *const u8,
    data_len: usize,
    signer_cert: *const u8,
    signer_cert_len: usize,
    key: *const gmseal_key,
    property_info: *const c_char,
    time_unix: i64,
    out_der: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_der, "out_der")?;
        let seal = SesSeal::from_der(ptr::bytes_in(seal, seal_len, "seal")?)?;
        let data = ptr::bytes_in(data, data_len, "data")?;
        let cert = input::certificate(
            ptr::bytes_in(signer_cert, signer_cert_len, "signer_cert")?,
            "signer_cert",
        )?;
        let key = ptr::key_in(key, "key")?;
        let property_info = ptr::str_in(property_info, "property_info")?;
        let time = input::time(time_unix, "time_unix")?;
        input::key_matches(key, "key", &cert, "signer_cert")?;
        refuse_broken_seal(&seal)?;
        let signature =
            SignatureBuilder::new(&seal, data, property_info, time).sign(&cert, key.signer())?;
        out.set(signature.der().to_vec());
        Ok(())
    })
}

/// Verify a seal signature (GB/T 38540 §7.3): the signer's signature, the
/// signer in the seal's list, the embedded seal at the signing time, both
/// chains to `roots_pem` through `intermediates_pem`, and `dataHash` against
/// `data`. `data`, `data_len`: the original, or `NULL, 0` when not at hand
/// (the result is then at best `indeterminate`); `roots_pem,
/// intermediates_pem`: `NULL, 0` for none (without roots, likewise);
/// `options_json`: NULL or the options of
/// `gmseal_cert_verify` but `at_unix`.
///
/// Returns `GMSEAL_OK` with the report in `*out_json` whatever the
/// verdict (`indication`, `checks`, the embedded seal's report as `seal`,
/// and `reason`: the deciding check's code, or the seal's when the seal
/// decided, null when valid); a signature that does not decode is an error.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn gmseal_ses_verify(
    signature: *const u8,
    signature_len: usize,
    data: *const u8,
    data_len: usize,
    roots_pem: *const u8,
    roots_len: usize,
    intermediates_pem: *const u8,
    intermediates_len: usize,
    options_json: *const c_char,
    out_json: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_json, "out_json")?;
        let signature =
            SesSignature::from_der(ptr::bytes_in(signature, signature_len, "signature")?)?;
        let data = ptr::bytes_opt(data, data_len, "data")?;
        let inputs = VerifyInputs::read(
            roots_pem,
            roots_len,
            intermediates_pem,
            intermediates_len,
            options_json,
            false,
        )?;
        let original = data.map_or(Original::NotProvided, Original::Data);
        let report = verify_signature(&signature, original, &inputs.seal_options());
        out.set(input::to_json(&SignatureReportJson::new(&report))?);
        Ok(())
    })
}
