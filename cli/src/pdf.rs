//! `gmseal sign` and `gmseal verify`: seal PDF documents (an e-license, or any
//! PDF) with an electronic seal as an incremental update, and verify every
//! seal of a PDF, the changes made after each, and the e-license metadata.
//!
//! `verify` exits 0 when the document is `valid` or `valid-with-permitted-changes`
//! (only further signatures were added after a seal), 1 for `indeterminate`,
//! `modified` and `invalid`, and 2 when the file cannot be read or the
//! arguments are wrong. Revisions are counted from 1 in the text output; the
//! JSON report counts them from 0.

use crate::files;
use crate::license::load_template;
use crate::output::{InputError, NotValid, print_json_ok, say, usage};
use crate::seal::read_seal;
use anyhow::Context as _;
use clap::{ArgGroup, Args, ValueEnum};
use gmseal::Timestamp;
use gmseal::crypto::{PrivateKey, VerifyOptions};
use gmseal::pdf::sign::{DocMdp, Flavour, PdfSigner, Placement};
use gmseal::pdf::verify::{
    PdfIndication, PdfSignatureReport, PdfVerifyOptions, VerificationReport, verify_file,
    verify_pdf,
};
use gmseal::pki::{Certificate, TrustStore};
use gmseal::seal::{
    Check, CheckStatus, Indication, SealVerifyOptions, SesSeal, SignatureBuilder, verify_seal,
};
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------- arguments

/// What goes into the signature's `/Contents`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum FlavourArg {
    /// CMS SignedData with the seal as a signed attribute, /SubFilter
    /// adbe.pkcs7.detached (the default).
    #[value(alias = "pkcs7")]
    Cms,
    /// CMS SignedData, /SubFilter ETSI.CAdES.detached (PAdES B-B: the time is /M).
    #[value(alias = "pades")]
    Cades,
    /// A GB/T 38540 SES_Signature over the signed bytes.
    Ses,
}

impl FlavourArg {
    /// The library's flavour.
    pub(crate) fn flavour(self) -> Flavour {
        match self {
            Self::Cms => Flavour::CmsPkcs7,
            Self::Cades => Flavour::CmsCades,
            Self::Ses => Flavour::Ses,
        }
    }
}

/// The permissions of a certification signature (DocMDP /P).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum CertifyArg {
    /// /P 1: no changes at all after this seal.
    #[value(name = "1", alias = "no-changes")]
    NoChanges,
    /// /P 2: form filling and further (invisible) signatures.
    #[value(name = "2", alias = "form-filling")]
    FormFilling,
    /// /P 3: as 2, plus annotations.
    #[value(name = "3", alias = "annotations")]
    Annotations,
}

impl CertifyArg {
    /// The library's permissions.
    fn doc_mdp(self) -> DocMdp {
        match self {
            Self::NoChanges => DocMdp::NoChanges,
            Self::FormFilling => DocMdp::FormFilling,
            Self::Annotations => DocMdp::Annotations,
        }
    }

    /// The /P value.
    fn p(self) -> u8 {
        match self {
            Self::NoChanges => 1,
            Self::FormFilling => 2,
            Self::Annotations => 3,
        }
    }
}

/// A seal rectangle in millimetres from the page's top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// Parse `x,y,w,h` (millimetres) for `--rect`.
fn parse_rect(text: &str) -> Result<Rect, String> {
    let wrong = || {
        format!(
            "{text:?} is not x,y,w,h: four numbers in millimetres separated by commas, \
             for example 140,200,42,42"
        )
    };
    let numbers: Vec<f64> = text
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| wrong())?;
    let [x, y, w, h] = numbers[..] else {
        return Err(wrong());
    };
    if !numbers.iter().all(|n| n.is_finite()) {
        return Err(wrong());
    }
    if x < 0.0 || y < 0.0 {
        return Err(format!(
            "{text:?}: x and y are distances from the page's top-left corner and cannot be negative"
        ));
    }
    if w <= 0.0 || h <= 0.0 {
        return Err(format!("{text:?}: the width and height must be positive"));
    }
    Ok(Rect { x, y, w, h })
}

/// Arguments of `sign`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("placement").required(true).args(["rect", "invisible", "template"])))]
pub(crate) struct SignArgs {
    /// The PDF to seal (an issued e-license or any unencrypted PDF).
    #[arg(value_name = "IN.pdf")]
    input: PathBuf,
    /// The electronic seal (DER SESeal, .esl) that must list the signer.
    #[arg(long, value_name = "SEAL")]
    seal: PathBuf,
    /// The signer's (签章者) certificate.
    #[arg(long, value_name = "CERT")]
    cert: PathBuf,
    /// The signer's private key.
    #[arg(long, value_name = "KEY")]
    key: PathBuf,
    /// Password file for an encrypted --key.
    #[arg(long, value_name = "F", visible_alias = "password-file")]
    key_password_file: Option<PathBuf>,
    /// Issuing CA certificates to embed in the CMS so verifiers can build the
    /// path (repeatable; a file may hold several; not used by --flavour ses).
    #[arg(long, value_name = "CA")]
    chain: Vec<PathBuf>,
    /// What the signature is: cms (CMS, adbe.pkcs7.detached), cades (CMS,
    /// ETSI.CAdES.detached) or ses (a GB/T 38540 SES_Signature).
    #[arg(long, value_enum, default_value_t = FlavourArg::Cms)]
    flavour: FlavourArg,
    /// Make a certification signature (the document's first) allowing
    /// 1 no changes, 2 form filling and further signatures, 3 also annotations.
    #[arg(long, value_enum, value_name = "P")]
    certify: Option<CertifyArg>,
    /// The page the seal goes on, from 1 (with --rect or --invisible).
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..))]
    page: u32,
    /// The visible seal's rectangle x,y,w,h in millimetres, from the page's
    /// top-left corner.
    #[arg(long, value_name = "X,Y,W,H", value_parser = parse_rect)]
    rect: Option<Rect>,
    /// An invisible signature (no seal picture on the page).
    #[arg(long)]
    invisible: bool,
    /// Put the seal where this license template places it (a builtin name:
    /// business-license, qualification; or a template JSON file), on page 1.
    #[arg(long, value_name = "NAME|FILE", conflicts_with = "page")]
    template: Option<String>,
    /// The signature field's name (default Seal1, Seal2... the first unused).
    #[arg(long, value_name = "NAME")]
    field: Option<String>,
    /// /Reason: why the document is sealed.
    #[arg(long, value_name = "R")]
    reason: Option<String>,
    /// /Location: where it is sealed.
    #[arg(long, value_name = "L")]
    location: Option<String>,
    /// The signing time, RFC 3339 (default: now). The seal and the signer's
    /// certificate must be valid then.
    #[arg(long, value_name = "TIME")]
    time: Option<String>,
    /// Where to write the sealed PDF (the input followed by one incremental update).
    #[arg(long, value_name = "OUT.pdf")]
    out: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub(crate) json: bool,
}

/// Arguments of `verify`.
#[derive(Debug, Args)]
#[command(after_help = "Exit codes: 0 when the document is valid or \
valid-with-permitted-changes (only further signatures were added after a seal); \
1 when it is indeterminate, modified or invalid; 2 for usage or input errors.\n\
Without --trust, certificate chains are NOT checked and the result is at best \
indeterminate (exit 1).\n\
Revisions are counted from 1 in the text output; the JSON report counts them from 0.")]
pub(crate) struct VerifyArgs {
    /// The PDF to verify.
    #[arg(value_name = "FILE.pdf")]
    file: PathBuf,
    /// Trusted root certificates (repeatable); without any, certificate paths
    /// are NOT checked and the result is at best indeterminate (exit 1).
    #[arg(long, value_name = "ROOT")]
    trust: Vec<PathBuf>,
    /// Intermediate CA certificates for path building (repeatable), besides
    /// those embedded in the signatures.
    #[arg(long, value_name = "CA", visible_alias = "chain")]
    ca: Vec<PathBuf>,
    /// CRLs to consult during path validation (repeatable; needs --trust).
    #[arg(long, value_name = "CRL")]
    crl: Vec<PathBuf>,
    /// Also accept SM2 signatures made with an empty user ID (OpenSSL without distid).
    #[arg(long)]
    accept_empty_id: bool,
    /// Print the verification report as one JSON object (plus "ok", and
    /// "code" and "error" when the document is not valid).
    #[arg(long)]
    pub(crate) json: bool,
}

// ---------------------------------------------------------------- sign

/// Run `sign`.
pub(crate) fn sign(args: &SignArgs) -> anyhow::Result<()> {
    let pdf = files::read(&args.input, "PDF file")?;
    let seal = read_seal(&args.seal)?;
    let cert = files::load_certificate(&args.cert)?;
    let key = files::load_private_key(&args.key, args.key_password_file.as_deref())?;
    let chain = files::load_certificate_files(&args.chain)?;
    let time =
        files::parse_optional_time(args.time.as_deref(), "--time")?.unwrap_or_else(Timestamp::now);
    let page = usize::try_from(args.page).unwrap_or(usize::MAX);
    let placement = match (&args.template, args.rect, args.invisible) {
        (Some(spec), None, false) => {
            let template = load_template(spec)?;
            let position = template.seal().ok_or_else(|| {
                usage(format!(
                    "the template {spec:?} has no seal position: give --rect x,y,w,h or --invisible"
                ))
            })?;
            Placement::from_seal_position(&position)
        }
        (None, Some(r), false) => Placement::rect(page, r.x, r.y, r.w, r.h),
        (None, None, true) => Placement::Invisible { page },
        _ => {
            return Err(usage(
                "give exactly one of --rect x,y,w,h, --invisible and --template NAME",
            ));
        }
    };
    refuse_broken_seal(&seal, &args.seal, time)?;
    check_signer(&seal, &cert, &key, time, args.flavour).with_context(|| {
        InputError(format!(
            "cannot seal {} with {} as {}",
            args.input.display(),
            args.seal.display(),
            cert.subject()
        ))
    })?;

    let mut signer = PdfSigner::new(&seal, &cert, &key)
        .with_context(|| InputError(format!("cannot seal with {}", args.cert.display())))?
        .flavour(args.flavour.flavour());
    for ca in &chain {
        signer = signer.chain(ca);
    }
    if let Some(p) = args.certify {
        signer = signer.certify(p.doc_mdp());
    }
    if let Some(reason) = &args.reason {
        signer = signer.reason(reason.as_str());
    }
    if let Some(location) = &args.location {
        signer = signer.location(location.as_str());
    }
    if let Some(field) = &args.field {
        signer = signer.field_name(field.as_str());
    }
    let sealed = signer.sign(&pdf, &placement, time).with_context(|| {
        InputError(format!(
            "cannot seal {} with {}",
            args.input.display(),
            args.seal.display()
        ))
    })?;
    files::write(&args.out, &sealed, "PDF file")?;

    // Read the result back: the new signature is the one covering the whole file.
    let check = verify_pdf(&sealed, &PdfVerifyOptions::default());
    let new_signature = check.signatures.iter().rev().find(|s| s.covers_whole_file);
    let field = new_signature.map_or_else(String::new, |s| s.field.clone());
    let info = seal.info();
    let flavour = args.flavour.flavour();
    let placement_text = match &placement {
        Placement::Rect {
            page,
            x_mm,
            y_mm,
            width_mm,
            height_mm,
            ..
        } => format!(
            "visible on page {page} at x={x_mm:.1} y={y_mm:.1} mm, {width_mm:.1} × {height_mm:.1} mm"
        ),
        Placement::Invisible { page } => format!("invisible, on page {page}"),
        _ => "elsewhere".to_owned(),
    };
    if args.json {
        print_json_ok(json!({
            "file": args.out.display().to_string(),
            "bytes": sealed.len(),
            "added_bytes": sealed.len().saturating_sub(pdf.len()),
            "field": field,
            "flavour": flavour_name(args.flavour),
            "sub_filter": flavour.sub_filter(),
            "certification": args.certify.map(CertifyArg::p),
            "placement": placement_text,
            "signer": cert.subject().to_string(),
            "time": time,
            "seal": {
                "file": args.seal.display().to_string(),
                "es_id": info.es_id,
                "name": info.property.name,
            },
        }));
    } else {
        say!(
            "sealed {} with the seal {:?} (esID {}) as {}",
            args.input.display(),
            info.property.name,
            info.es_id,
            cert.subject()
        );
        say!("  field:     {field}");
        say!(
            "  flavour:   {} (/SubFilter {})",
            flavour_name(args.flavour),
            flavour.sub_filter()
        );
        if let Some(p) = args.certify {
            say!(
                "  certified: /P {} ({})",
                p.p(),
                permission_words(i64::from(p.p()))
            );
        }
        say!("  placement: {placement_text}");
        say!("  time:      {time}");
        say!(
            "  written to {} ({} bytes, {} added)",
            args.out.display(),
            sealed.len(),
            sealed.len().saturating_sub(pdf.len())
        );
    }
    Ok(())
}

/// Refuse a seal that is broken (a maker signature that does not verify, a
/// malformed header...): what it would make could never verify.
fn refuse_broken_seal(seal: &SesSeal, path: &Path, time: Timestamp) -> anyhow::Result<()> {
    let report = verify_seal(seal, time, &SealVerifyOptions::default());
    if report.indication != Indication::Invalid {
        return Ok(());
    }
    let check = report.reason();
    let code = check.and_then(|c| c.code).unwrap_or("seal.invalid");
    let mut details = Map::new();
    details.insert("seal_report".into(), serde_json::to_value(&report)?);
    let err: anyhow::Error = NotValid {
        code,
        message: format!(
            "{code}: {}",
            check.map(|c| c.message.as_str()).unwrap_or_default()
        ),
        details,
    }
    .into();
    Err(err.context(InputError(format!(
        "the seal {} is not valid at {time}, so it cannot be used",
        path.display()
    ))))
}

/// Check that `cert` may use `seal` at `time` (it is in the seal's list, the
/// seal and the certificate are valid then) by a dry run of a seal signature,
/// whatever the flavour: the CMS flavours carry the seal without checking.
/// Only an SES signature needs a GB/T 38540 (v4) seal.
fn check_signer(
    seal: &SesSeal,
    cert: &Certificate,
    key: &PrivateKey,
    time: Timestamp,
    flavour: FlavourArg,
) -> anyhow::Result<()> {
    match SignatureBuilder::with_digest(seal, [0; 32], "gmseal sign check", time).sign(cert, key) {
        Ok(_) => Ok(()),
        Err(e) if flavour != FlavourArg::Ses && e.code() == "seal.unsupported-version" => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The flavour's name as `--flavour` spells it.
fn flavour_name(flavour: FlavourArg) -> &'static str {
    match flavour {
        FlavourArg::Cms => "cms",
        FlavourArg::Cades => "cades",
        FlavourArg::Ses => "ses",
    }
}

/// What a certification's /P allows, in words.
fn permission_words(p: i64) -> &'static str {
    match p {
        1 => "no changes allowed after it",
        2 => "form filling and further signatures allowed",
        3 => "form filling, further signatures and annotations allowed",
        _ => "unknown permissions",
    }
}

// ---------------------------------------------------------------- verify

impl VerifyArgs {
    /// The library's options for these arguments.
    fn options(&self) -> anyhow::Result<PdfVerifyOptions> {
        if self.trust.is_empty() && !self.crl.is_empty() {
            return Err(usage(
                "--crl applies to certificate path validation, which needs --trust",
            ));
        }
        let anchors = files::load_certificate_files(&self.trust)?;
        let mut options = if anchors.is_empty() {
            PdfVerifyOptions::default()
        } else {
            PdfVerifyOptions::with_trust(TrustStore::new(anchors))
        };
        options.pki.intermediates = files::load_certificate_files(&self.ca)?;
        options.pki.crls = files::load_crls(&self.crl)?;
        if self.accept_empty_id {
            options.pki.signature = VerifyOptions::default().accept_empty_id();
        }
        Ok(options)
    }
}

/// Run `verify`.
pub(crate) fn verify(args: &VerifyArgs) -> anyhow::Result<()> {
    let options = args.options()?;
    // Large files are verified without holding them in memory.
    let report = verify_file(&args.file, &options)
        .with_context(|| format!("cannot read PDF file {}", args.file.display()))?;
    let trusted = options.pki.trust.is_some();
    if !args.json {
        print_report(&args.file.display().to_string(), &report, trusted);
    }
    let mut details = match serde_json::to_value(&report)? {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    details.insert("file".into(), args.file.display().to_string().into());
    details.insert("chains_checked".into(), trusted.into());
    if accepted(report.indication) {
        if args.json {
            print_json_ok(Value::Object(details));
        }
        return Ok(());
    }
    let (code, why) = match explain_reason(&report) {
        Some((code, message)) if !message.is_empty() => (code, format!(": {message}")),
        Some((code, _)) => (code, String::new()),
        None => ("pdf.not-valid", String::new()),
    };
    let hint = match code {
        "chain.not-checked" => " (give --trust ROOT)",
        "chain.untrusted" => " (give the right --trust ROOT and --ca CA)",
        _ => "",
    };
    Err(NotValid {
        code,
        message: format!(
            "{} is {} ({code}){why}{hint}",
            args.file.display(),
            report.indication
        ),
        details,
    }
    .into())
}

/// Whether `verify` exits 0 for `indication`.
pub(crate) fn accepted(indication: PdfIndication) -> bool {
    matches!(
        indication,
        PdfIndication::Valid | PdfIndication::ValidWithPermittedChanges
    )
}

/// What an indication means, for someone who is not a PDF expert.
pub(crate) fn indication_words(indication: PdfIndication) -> &'static str {
    match indication {
        PdfIndication::Valid => "the document is exactly as it was sealed and every seal verifies",
        PdfIndication::ValidWithPermittedChanges => {
            "every seal verifies; after a seal the document was only changed in permitted ways \
             (further seals)"
        }
        PdfIndication::Indeterminate => {
            "the seals could not be fully verified; do not rely on the document until they are"
        }
        PdfIndication::Modified => {
            "the document was changed after it was sealed, in a way that is not permitted"
        }
        PdfIndication::Invalid => {
            "a seal does not verify or the file is damaged; the document must not be relied on"
        }
    }
}

/// The check whose reason code is `code`: the document's, a signature's, or
/// an embedded seal's.
fn find_check<'a>(report: &'a VerificationReport, code: &str) -> Option<&'a Check> {
    let deciding = |c: &&Check| c.code == Some(code) && c.status != CheckStatus::Passed;
    report.checks.iter().find(deciding).or_else(|| {
        report.signatures.iter().find_map(|s| {
            s.checks.iter().find(deciding).or_else(|| {
                s.seal
                    .as_ref()
                    .and_then(|seal| seal.checks.iter().find(deciding))
            })
        })
    })
}

/// The reason of the document's indication and what it means: the message of
/// the check that decided it, or for a change after a seal, the first change
/// that is not permitted (revisions counted from 1).
pub(crate) fn explain_reason(report: &VerificationReport) -> Option<(&'static str, String)> {
    let code = report.reason?;
    if is_later_change(code) {
        let change = report
            .signatures
            .iter()
            .flat_map(|s| s.later_changes.iter())
            .find(|c| !c.permitted);
        if let Some(c) = change {
            return Some((
                code,
                format!(
                    "the document was changed after it was sealed: revision {} of {} {} object {} \
                     ({}): {}",
                    c.revision + 1,
                    report.revisions,
                    c.kind,
                    c.object,
                    c.role,
                    c.explanation
                ),
            ));
        }
    }
    let message = find_check(report, code).map_or_else(String::new, |c| c.message.clone());
    Some((code, message))
}

/// Whether `code` says a later revision made a change no rule permits
/// (`pdf.modified.page`, `pdf.modified.metadata`...), as opposed to a removed
/// seal or trailing data, which have their own document-level checks.
fn is_later_change(code: &str) -> bool {
    code.starts_with("pdf.modified.")
        && !matches!(
            code,
            "pdf.modified.signature-removed" | "pdf.modified.trailing-data"
        )
}

/// The reason of a signature, with the message of the check that decided it.
fn signature_reason(s: &PdfSignatureReport) -> String {
    let Some(code) = s.reason else {
        return String::new();
    };
    if is_later_change(code) {
        return format!(
            " ({code}): the document was changed after this seal in a way that is not permitted \
             (listed below)"
        );
    }
    let message = s
        .checks
        .iter()
        .find(|c| c.code == Some(code) && c.status != CheckStatus::Passed)
        .map(|c| c.message.as_str())
        .unwrap_or_default();
    if message.is_empty() {
        format!(" ({code})")
    } else {
        format!(" ({code}): {message}")
    }
}

/// A check's status as printed.
fn status_word(status: CheckStatus) -> &'static str {
    match status {
        CheckStatus::Passed => "passed",
        CheckStatus::Failed => "FAILED",
        CheckStatus::Indeterminate => "INDETERMINATE",
        CheckStatus::Warning => "warning",
    }
}

/// Print the checks that did not pass, one line each.
fn print_problems(checks: &[&Check], indent: &str) {
    for c in checks {
        match c.code {
            Some(code) => say!(
                "{indent}{:<13} {code}: {}",
                status_word(c.status),
                c.message
            ),
            None => say!(
                "{indent}{:<13} {}: {}",
                status_word(c.status),
                c.id,
                c.message
            ),
        }
    }
}

/// A string field of the metadata JSON (English id or its pinyin name).
fn metadata_field<'a>(metadata: &'a Value, keys: &[&str]) -> Option<&'a str> {
    keys.iter()
        .find_map(|k| metadata.get(*k).and_then(Value::as_str))
        .filter(|s| !s.is_empty())
}

/// The e-license in one line: name, number, holder.
pub(crate) fn license_line(metadata: &Value) -> String {
    let name = metadata_field(metadata, &["certificateName", "CertificateName", "ZZMC"])
        .unwrap_or("(no name)");
    let number = metadata_field(
        metadata,
        &["certificateNumber", "CertificateNumber", "ZZBH"],
    )
    .unwrap_or("(no number)");
    let holder = metadata_field(
        metadata,
        &["certificateHolderName", "CertificateHolderName", "CZZT"],
    )
    .unwrap_or("(no holder)");
    let holder_code = metadata_field(
        metadata,
        &["certificateHolderCode", "CertificateHolderCode", "CZZTDM"],
    )
    .map(|c| format!(" ({c})"))
    .unwrap_or_default();
    format!("{name} No. {number}, holder {holder}{holder_code}")
}

/// Print the report for a person: the document, each signature, the license.
pub(crate) fn print_report(file: &str, report: &VerificationReport, trusted: bool) {
    let reason = match explain_reason(report) {
        Some((code, message)) if !message.is_empty() => format!(" ({code}): {message}"),
        Some((code, _)) => format!(" ({code})"),
        None => String::new(),
    };
    say!(
        "{file}: {}{reason}",
        report.indication.to_string().to_uppercase()
    );
    say!("  {}", indication_words(report.indication));
    say!(
        "  {} bytes, {} revision(s), {} signature(s)",
        report.file_size,
        report.revisions,
        report.signatures.len()
    );
    let document_problems: Vec<&Check> = report
        .checks
        .iter()
        .filter(|c| c.status != CheckStatus::Passed)
        .filter(|c| !c.id.starts_with("metadata"))
        .collect();
    if !document_problems.is_empty() {
        say!("  document problems:");
        print_problems(&document_problems, "    ");
    }
    let total = report.signatures.len();
    for (i, s) in report.signatures.iter().enumerate() {
        print_signature(s, i + 1, total, report.revisions);
    }
    print_metadata(report);
    if !trusted {
        say!(
            "WARNING: no --trust ROOT: certificate chains were NOT checked, so the result is \
             at best indeterminate"
        );
    }
}

/// Print one signature.
fn print_signature(s: &PdfSignatureReport, number: usize, total: usize, revisions: usize) {
    let certification = s
        .certification
        .map(|p| format!(", certification /P {p}: {}", permission_words(p)))
        .unwrap_or_default();
    say!(
        "signature {number} of {total}: field {:?}{certification}",
        s.field
    );
    say!(
        "  result:    {}{}",
        s.indication.to_string().to_uppercase(),
        signature_reason(s)
    );
    say!(
        "  flavour:   {} (/SubFilter {})",
        if s.flavour.is_empty() {
            "unknown"
        } else {
            s.flavour
        },
        s.sub_filter
    );
    match &s.signer {
        Some(signer) => say!(
            "  signer:    {} (issuer {}, serial {})",
            signer.subject,
            signer.issuer,
            signer.serial_number
        ),
        None => say!("  signer:    (not known: the signature could not be verified)"),
    }
    match s.signing_time {
        Some(t) => say!("  signed at: {t} (as claimed by the signer)"),
        None => say!("  signed at: (no signing time)"),
    }
    match &s.seal {
        Some(seal) => say!(
            "  seal:      {:?} (type {}, esID {}), made by {}: {}",
            seal.name,
            seal.seal_type,
            seal.es_id,
            seal.maker
                .as_deref()
                .unwrap_or("(unreadable maker certificate)"),
            seal.indication
        ),
        None if s.indication == PdfIndication::Invalid => {
            say!("  seal:      (not examined: the signature could not be verified)");
        }
        None => say!("  seal:      none: a plain digital signature without an electronic seal"),
    }
    if let Some(text) = &s.reason_text {
        say!("  purpose:   {text}");
    }
    if let Some(text) = &s.location {
        say!("  place:     {text}");
    }
    match s.revision {
        Some(rev) if s.covers_whole_file => say!(
            "  coverage:  revision {} of {revisions}: the whole file",
            rev + 1
        ),
        Some(rev) => say!(
            "  coverage:  revision {} of {revisions}: not the whole file; {} later revision(s) \
             were added after this seal",
            rev + 1,
            revisions.saturating_sub(rev + 1)
        ),
        None => say!("  coverage:  unknown (the signed bytes could not be matched to a revision)"),
    }
    let seal_problems: Vec<&Check> = s
        .seal
        .iter()
        .flat_map(|seal| seal.checks.iter())
        .filter(|c| c.status != CheckStatus::Passed)
        .collect();
    // The later changes are listed one by one below; the seal's own checks
    // replace the signature's summary of them.
    let problems: Vec<&Check> = s
        .checks
        .iter()
        .filter(|c| c.status != CheckStatus::Passed && c.id != "pdf.later-changes")
        .filter(|c| c.id != "pdf.seal" || seal_problems.is_empty())
        .collect();
    if !problems.is_empty() || !seal_problems.is_empty() {
        say!("  problems:");
        print_problems(&problems, "    ");
        print_problems(&seal_problems, "    seal: ");
    }
    let not_permitted: Vec<_> = s.later_changes.iter().filter(|c| !c.permitted).collect();
    match (s.later_changes.len(), not_permitted.len()) {
        (0, _) => {}
        (n, 0) => say!("  changed after this seal: {n} object(s), each permitted"),
        (n, bad) => say!("  changed after this seal: {n} object(s), {bad} NOT permitted:"),
    }
    for line in change_summary(&s.later_changes) {
        say!("    - {line}");
    }
    for c in not_permitted {
        say!(
            "    NOT PERMITTED: revision {} {} object {} ({}): {}",
            c.revision + 1,
            c.kind,
            c.object,
            c.role,
            c.explanation
        );
    }
}

/// What a clerk calls the part of the document an object belongs to.
fn change_category(role: &str) -> &'static str {
    match role {
        "signature" | "signature appearance" => "further seals",
        "cross-reference stream" | "object stream" => "file structure (cross-reference data)",
        "page" | "page tree" | "page content" => "the pages and what they show",
        r if r.starts_with("page resource") => "the pages and what they show",
        "annotation" | "annotation appearance" => {
            "annotations (comments, stamps, drawings on a page)"
        }
        "form (/AcroForm)" | "form field" => "form fields",
        "catalog" => "the document's structure (catalog)",
        "validation data (DSS)" => "validation data (certificates, revocation information)",
        r if r.starts_with("document information") || r.starts_with("metadata") => {
            "the document's metadata (title, e-license data, attachments)"
        }
        _ => "other objects",
    }
}

/// The later changes grouped by what they touch, in words: one line per group.
fn change_summary(changes: &[gmseal::pdf::verify::Change]) -> Vec<String> {
    let mut groups: Vec<(&'static str, usize, usize, usize)> = Vec::new();
    for c in changes {
        let category = change_category(&c.role);
        let i = match groups.iter().position(|g| g.0 == category) {
            Some(i) => i,
            None => {
                groups.push((category, 0, 0, 0));
                groups.len() - 1
            }
        };
        groups[i].1 += 1;
        if !c.permitted {
            groups[i].2 += 1;
        }
        if c.kind == "rewritten-identically" {
            groups[i].3 += 1;
        }
    }
    groups
        .into_iter()
        .map(|(category, n, refused, same)| {
            let verdict = match refused {
                0 if same == n => "written again unchanged (permitted)".to_owned(),
                0 => "permitted".to_owned(),
                r if r == n => "NOT permitted".to_owned(),
                r => format!("{r} of them NOT permitted"),
            };
            format!("{category}: {n} object(s), {verdict}")
        })
        .collect()
}

/// Print the e-license metadata summary and its checks.
fn print_metadata(report: &VerificationReport) {
    let Some(m) = &report.metadata else {
        if report
            .signatures
            .iter()
            .all(|s| s.indication == PdfIndication::Invalid)
        {
            say!("license:   not read: no seal that verifies covers the document");
        } else {
            say!("license:   no e-license metadata in the sealed document");
        }
        return;
    };
    match &m.metadata {
        Some(metadata) => {
            say!("license:   {}", license_line(metadata));
            if let Some(issuer) = metadata_field(
                metadata,
                &[
                    "certificateIssuingAuthorityName",
                    "CertificateIssuingAuthorityName",
                    "ZZBFJG",
                ],
            ) {
                let date = metadata_field(
                    metadata,
                    &["certificateIssuedDate", "CertificateIssuedDate", "ZZBFRQ"],
                )
                .map(|d| format!(" on {d}"))
                .unwrap_or_default();
                say!("           issued by {issuer}{date}");
            }
            if let Some(id) = metadata_field(
                metadata,
                &["certificateIdentifier", "CertificateIdentifier", "ZZBS"],
            ) {
                say!("           identifier {id}");
            }
        }
        None => say!("license:   the metadata.json attachment could not be read"),
    }
    let passed = m
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Passed)
        .count();
    let problems: Vec<&Check> = m
        .checks
        .iter()
        .filter(|c| c.status != CheckStatus::Passed)
        .collect();
    if problems.is_empty() {
        say!(
            "metadata:  {passed} check(s) passed: the embedded JSON, XML and XMP metadata agree \
             (read from revision {})",
            m.revision + 1
        );
    } else {
        say!(
            "metadata:  {passed} check(s) passed, {} did not (read from revision {}):",
            problems.len(),
            m.revision + 1
        );
        print_problems(&problems, "    ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rectangles() {
        assert_eq!(
            parse_rect("140, 200,42,42.5"),
            Ok(Rect {
                x: 140.0,
                y: 200.0,
                w: 42.0,
                h: 42.5
            })
        );
        assert!(parse_rect("1,2,3").is_err());
        assert!(parse_rect("1,2,3,4,5").is_err());
        assert!(parse_rect("a,2,3,4").is_err());
        assert!(parse_rect("1,2,0,4").is_err());
        assert!(parse_rect("-1,2,3,4").is_err());
        assert!(parse_rect("1,2,inf,4").is_err());
    }
}
