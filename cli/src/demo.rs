//! `gmseal demo`: a complete e-seal PKI run end to end in one directory, with
//! every expected outcome checked (the positive ones and the failures).
//!
//! Steps: five SM2 keys (the signer's saved encrypted); root, issuing CA, seal
//! maker (制章者), document signer (签章者) and TSA certificates; a sample
//! document signed as CMS with RFC 5652 and with GM/T 0010 OIDs; both verified,
//! with the signer's path validated for document signing; a CRL revoking the TSA
//! certificate, after which the TSA's path fails as revoked; and a one-byte
//! tampered copy of the document, whose verification fails with a digest mismatch.
//! Then the electronic seal (GB/T 38540): the seal maker makes a round seal with
//! a drawn picture for the signer; it verifies valid against the root; the signer
//! seals the document with it; that seal signature verifies valid, is invalid
//! for the tampered copy (`signature.data-hash-mismatch`), and a signer the seal
//! does not list cannot use it (`seal.signer-not-in-list`).
//! Then the sealed PDF: the sample business license (电子证照) is issued as
//! PDF/A-3b, sealed with the seal (CMS, certified with /P 1, at the
//! template's seal position) and verified valid against the root, with its
//! e-license metadata; a copy sealed with an `SES_Signature` verifies valid
//! too; a copy with one byte changed inside the signed bytes is invalid, one
//! with an incremental update after the seal is modified, and one with bytes
//! appended is not valid. The report is written as JSON, and every file the
//! demo wrote is listed at the end.

use crate::files;
use crate::output::{failed, print_json_ok, say};
use anyhow::Context as _;
use clap::Args;
use gmseal::Timestamp;
use gmseal::cms::{CmsVerifyOptions, OidFamily, SignedDataBuilder, verify_detached};
use gmseal::crypto::{Pbes2Params, PrivateKey, SystemRandom};
use gmseal::license::{IssueOptions, Metadata, Template, issue};
use gmseal::pdf::parse::{Document, Limits, ObjRef, Object};
use gmseal::pdf::sign::{DocMdp, Flavour, PdfSigner, Placement};
use gmseal::pdf::verify::{PdfIndication, PdfVerifyOptions, VerificationReport, verify_pdf};
use gmseal::pki::{
    Certificate, CertificateParams, CrlParams, DistinguishedName, Profile, Purpose,
    RevocationReason, RevocationStatus, RevokedCertificate, TrustStore, ValidationOptions,
};
use gmseal::seal::image::{SealImageParams, render_png};
use gmseal::seal::{
    CheckStatus, Indication, Original, Picture, SealBuilder, SealVerifyOptions, SesSeal,
    SesSignature, SignatureBuilder, SignerList, verify_seal, verify_signature,
};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `demo`.
#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    /// Directory for the files the demo writes (created; files of the same
    /// name are replaced).
    #[arg(
        long = "out",
        visible_alias = "dir",
        value_name = "DIR",
        default_value = "target/gmseal-demo"
    )]
    out: PathBuf,
    /// Print one JSON object (the steps) instead of a line per step.
    #[arg(long)]
    pub(crate) json: bool,
}

/// The demo's subjects.
const ROOT_NAME: &str = "CN=gmseal 演示根CA,O=gmseal 演示,C=CN";
const CA_NAME: &str = "CN=gmseal 演示签发CA,O=gmseal 演示,C=CN";
const SEAL_MAKER_NAME: &str = "CN=制章者 gmseal 演示制章中心,O=gmseal 演示,C=CN";
const SIGNER_NAME: &str = "CN=签章者 张三,O=某某市示例单位,C=CN";
/// A document signer the seal does not list.
const OTHER_SIGNER_NAME: &str = "CN=签章者 李四,O=某某市示例单位,C=CN";
const TSA_NAME: &str = "CN=gmseal 演示时间戳服务,O=gmseal 演示,C=CN";
/// The password protecting the signer's key file (also written to `signer.password`).
const SIGNER_PASSWORD: &str = "gmseal-demo-口令";
/// The seal: organization (drawn along the arc), name, code (along the lower arc), type.
const SEAL_ORG: &str = "某某市示例单位";
const SEAL_NAME: &str = "合同专用章";
const SEAL_CODE: &str = "3301020012345";
const SEAL_TYPE: i64 = 4;
/// The sample business license's metadata (examples/data/business-license.json).
const BUSINESS_LICENSE: &str = include_str!("../../examples/data/business-license.json");
/// The sample document.
const DOCUMENT: &str = "电子证照示例 / sample e-certificate\n\
持证人: 张三\n\
证照名称: 营业执照 (示例)\n\
签发机关: gmseal 演示\n";

/// Records the steps: prints each at once, or collects them for JSON.
struct Steps {
    json: bool,
    lines: Vec<String>,
}

impl Steps {
    fn done(&mut self, line: impl Into<String>) {
        let line = line.into();
        if !self.json {
            say!("[{:2}] {line}", self.lines.len() + 1);
        }
        self.lines.push(line);
    }
}

/// The directory's file `name`.
fn file(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

/// Writes the demo's files into its directory and remembers them, to list
/// them at the end.
struct Output {
    dir: PathBuf,
    written: Vec<PathBuf>,
}

impl Output {
    /// Write `name` (replacing it); `what` describes it in errors.
    fn write(&mut self, name: &str, data: &[u8], what: &str) -> anyhow::Result<PathBuf> {
        let path = file(&self.dir, name);
        files::write(&path, data, what)?;
        self.remember(&path);
        Ok(path)
    }

    /// Write `name` so that only its owner may read it (keys, passwords).
    fn write_secret(&mut self, name: &str, data: &[u8], what: &str) -> anyhow::Result<PathBuf> {
        let path = file(&self.dir, name);
        files::write_secret(&path, data, what)?;
        self.remember(&path);
        Ok(path)
    }

    fn remember(&mut self, path: &Path) {
        if !self.written.iter().any(|p| p == path) {
            self.written.push(path.to_path_buf());
        }
    }

    /// Every file written, with its size now.
    fn listing(&self) -> anyhow::Result<Vec<(PathBuf, u64)>> {
        self.written
            .iter()
            .map(|p| {
                let size = std::fs::metadata(p)
                    .with_context(|| format!("cannot read the size of {}", p.display()))?
                    .len();
                Ok((p.clone(), size))
            })
            .collect()
    }
}

/// Fail unless `condition` holds.
fn expect(condition: bool, what: &str) -> anyhow::Result<()> {
    if condition {
        Ok(())
    } else {
        Err(failed(format!("demo: expected {what}")))
    }
}

/// Require that `result` failed with the library error `code`; return its message.
fn expect_failure<T>(result: gmseal::Result<T>, code: &str, what: &str) -> anyhow::Result<String> {
    match result {
        Ok(_) => Err(failed(format!(
            "demo: expected {what} to fail with {code}, but it succeeded"
        ))),
        Err(e) if e.code() == code => Ok(e.to_string()),
        Err(e) => Err(failed(format!(
            "demo: expected {what} to fail with {code}, but it failed with {}: {e}",
            e.code()
        ))),
    }
}

/// Run the demo.
pub(crate) fn run(args: &DemoArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let dir = &args.out;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the directory {}", dir.display()))?;
    let mut out = Output {
        dir: dir.clone(),
        written: Vec::new(),
    };
    let mut steps = Steps {
        json: args.json,
        lines: Vec::new(),
    };
    let rng = SystemRandom;
    let now = Timestamp::now();

    // 1. Keys.
    let root_key = PrivateKey::generate(&rng)?;
    let ca_key = PrivateKey::generate(&rng)?;
    let seal_maker_key = PrivateKey::generate(&rng)?;
    let generated_signer_key = PrivateKey::generate(&rng)?;
    let tsa_key = PrivateKey::generate(&rng)?;
    for (name, key) in [
        ("root.key.pem", &root_key),
        ("ca.key.pem", &ca_key),
        ("seal-maker.key.pem", &seal_maker_key),
        ("tsa.key.pem", &tsa_key),
    ] {
        out.write_secret(name, key.to_pkcs8_pem()?.as_bytes(), "key file")?;
    }
    let password_path = out.write_secret(
        "signer.password",
        format!("{SIGNER_PASSWORD}\n").as_bytes(),
        "password file",
    )?;
    let signer_key_path = out.write_secret(
        "signer.key.pem",
        generated_signer_key
            .to_encrypted_pkcs8_pem(SIGNER_PASSWORD.as_bytes(), &Pbes2Params::default(), &rng)?
            .as_bytes(),
        "key file",
    )?;
    steps.done(
        "generated 5 SM2 keys (root, CA, seal maker, signer, TSA); \
         signer.key.pem is encrypted (PBKDF2-HMAC-SM3, SM4-CBC)",
    );
    // Read the signer's key back through the password file, as a user would.
    let signer_key = files::load_private_key(&signer_key_path, Some(&password_path))?;
    expect(
        signer_key.public_key() == generated_signer_key.public_key(),
        "the decrypted signer key to equal the generated one",
    )?;
    expect(
        PrivateKey::load(
            &files::read(&signer_key_path, "key file")?,
            Some(b"wrong password"),
        )
        .is_err(),
        "a wrong password to be refused",
    )?;
    steps.done("decrypted signer.key.pem with signer.password; a wrong password is refused");

    // 2. Certificates.
    let name = |text: &str| DistinguishedName::parse(text);
    let root = CertificateParams::new(Profile::Root, name(ROOT_NAME)?, now, 3650)
        .self_signed(&root_key, &rng)?;
    let ca = CertificateParams::new(
        Profile::IntermediateCa { path_len: Some(0) },
        name(CA_NAME)?,
        now,
        1825,
    )
    .signed_by(ca_key.public_key(), &root, &root_key, &rng)?;
    let crl_url = "http://crl.example.invalid/gmseal-demo-ca.crl".to_owned();
    let end_entity = |profile: Profile, subject: &str, key: &PrivateKey| {
        let mut params = CertificateParams::new(profile, name(subject)?, now, 365);
        params.crl_distribution_points = vec![crl_url.clone()];
        params.signed_by(key.public_key(), &ca, &ca_key, &rng)
    };
    let seal_maker = end_entity(Profile::SealMaker, SEAL_MAKER_NAME, &seal_maker_key)?;
    let signer = end_entity(Profile::DocumentSigner, SIGNER_NAME, &signer_key)?;
    let tsa = end_entity(Profile::Tsa, TSA_NAME, &tsa_key)?;
    for (file_name, cert) in [
        ("root.pem", &root),
        ("ca.pem", &ca),
        ("seal-maker.pem", &seal_maker),
        ("signer.pem", &signer),
        ("tsa.pem", &tsa),
    ] {
        out.write(file_name, cert.to_pem().as_bytes(), "certificate file")?;
    }
    steps.done(format!(
        "issued 5 certificates: root \"{}\", CA \"{}\", seal maker \"{}\", signer \"{}\", TSA \"{}\"",
        root.subject(),
        ca.subject(),
        seal_maker.subject(),
        signer.subject(),
        tsa.subject()
    ));

    let trust = TrustStore::new(vec![root.clone()]);
    let intermediates = [ca.clone()];
    for (cert, purpose, label) in [
        (&seal_maker, Purpose::SealMaking, "seal making"),
        (&signer, Purpose::DocumentSigning, "document signing"),
        (&tsa, Purpose::TimeStamping, "time stamping"),
    ] {
        let chain = trust.validate(
            cert,
            &intermediates,
            &ValidationOptions::at(now).for_purpose(purpose),
        )?;
        expect(chain.certificates.len() == 3, "paths of 3 certificates")?;
        steps.done(format!(
            "validated {} for {label}: path of 3 to the root",
            cert.subject()
        ));
    }
    expect_failure(
        trust.validate(
            &tsa,
            &intermediates,
            &ValidationOptions::at(now).for_purpose(Purpose::DocumentSigning),
        ),
        "pki.key-usage",
        "validating the TSA certificate for document signing",
    )?;
    steps.done("the TSA certificate is refused for document signing (pki.key-usage)");

    // 3. A document, signed twice.
    let document_path = out.write("document.txt", DOCUMENT.as_bytes(), "document")?;
    let document = files::read(&document_path, "document")?;
    steps.done(format!(
        "wrote the sample document {}",
        document_path.display()
    ));
    let signed = [
        (OidFamily::Rfc5652, "document.p7s"),
        (OidFamily::GmT0010, "document.gmt0010.p7s"),
    ];
    for (family, sig_name) in signed {
        let cms = SignedDataBuilder::new(&signer, &signer_key)
            .oid_family(family)
            .signing_time(now)
            .add_certificate(&ca)
            .sign(&document)?;
        out.write(sig_name, &cms, "signature file")?;
        steps.done(format!(
            "signed the document as detached CMS SignedData with {} OIDs: {sig_name}",
            family.name()
        ));
    }
    for (family, sig_name) in signed {
        let cms = files::read(&file(dir, sig_name), "signature file")?;
        let report = verify_detached(&cms, &document, &CmsVerifyOptions::default())?;
        expect(
            report.oid_family == family,
            "the OID family the signature was made with",
        )?;
        expect(
            report.signer_certificate == signer,
            "the signer certificate to be the signer's",
        )?;
        let chain = trust.validate(
            &report.signer_certificate,
            &report.certificates,
            &ValidationOptions::at(report.signing_time.unwrap_or(now))
                .for_purpose(Purpose::DocumentSigning),
        )?;
        expect(chain.anchor() == Some(&root), "the path to end at the root")?;
        steps.done(format!(
            "verified {sig_name}: signature valid, signer {} valid for document signing",
            report.signer_certificate.subject()
        ));
    }

    // 4. Revoke the TSA certificate.
    let mut crl_params = CrlParams::new(now, 7, 1);
    crl_params.revoked.push(RevokedCertificate::new(
        &tsa,
        now,
        Some(RevocationReason::KeyCompromise),
    ));
    let crl = crl_params.sign(&ca, &ca_key)?;
    out.write("ca.crl.pem", crl.to_pem().as_bytes(), "CRL file")?;
    steps.done(format!(
        "issued CRL number 1 of the CA revoking the TSA certificate (serial {}, keyCompromise): ca.crl.pem",
        tsa.serial_hex()
    ));
    let with_crl = |purpose: Purpose| {
        ValidationOptions::at(now)
            .for_purpose(purpose)
            .with_crls(vec![crl.clone()])
    };
    let message = expect_failure(
        trust.validate(&tsa, &intermediates, &with_crl(Purpose::TimeStamping)),
        "pki.revoked",
        "validating the revoked TSA certificate",
    )?;
    expect(
        message.contains("keyCompromise"),
        "the revocation reason keyCompromise in the error",
    )?;
    steps.done(format!(
        "the TSA certificate now fails validation: {message}"
    ));
    let chain = trust.validate(&signer, &intermediates, &with_crl(Purpose::DocumentSigning))?;
    expect(
        matches!(
            chain.revocation.first(),
            Some(RevocationStatus::Good { .. })
        ),
        "the signer to be checked good against the CRL",
    )?;
    steps.done("the signer certificate is still valid and checked good against the CRL");

    // 5. Tamper with the document.
    let mut tampered = document.clone();
    let index = tampered.len() / 2;
    tampered[index] ^= 0x01;
    out.write("document-tampered.txt", &tampered, "tampered document")?;
    let cms = files::read(&file(dir, "document.p7s"), "signature file")?;
    let message = expect_failure(
        verify_detached(&cms, &tampered, &CmsVerifyOptions::default()),
        "cms.digest-mismatch",
        "verifying the tampered document",
    )?;
    steps.done(format!(
        "flipped one bit of byte {index} (document-tampered.txt): verification fails: {message}"
    ));

    // 6. An electronic seal for the signer, and the document sealed with it.
    let params = SealImageParams::round(SEAL_ORG, SEAL_NAME).with_code(SEAL_CODE);
    let (pixels_w, pixels_h) = params.pixel_size();
    let png = render_png(&params)?;
    out.write("seal.png", &png, "picture file")?;
    let picture = Picture {
        kind: "PNG".into(),
        data: png,
        width_mm: 42,
        height_mm: 42,
    };
    let es_id = crate::seal::random_es_id()?;
    let seal = SealBuilder::new(
        &es_id,
        SEAL_NAME,
        SEAL_TYPE,
        SignerList::Certificates(vec![signer.clone()]),
        picture,
        now,
        365,
    )
    .sign(&seal_maker, &seal_maker_key)?;
    out.write("seal.esl", seal.der(), "seal file")?;
    steps.done(format!(
        "the seal maker made the round seal \"{SEAL_NAME}\" of {SEAL_ORG} (esID {es_id}) for {}: \
         seal.esl ({} bytes), picture seal.png (42 mm, {pixels_w}×{pixels_h} px)",
        signer.subject(),
        seal.der().len()
    ));
    let mut seal_options = SealVerifyOptions::with_trust(trust);
    seal_options.intermediates = intermediates.to_vec();
    let seal = SesSeal::from_der(&files::read(&file(dir, "seal.esl"), "seal file")?)?;
    let report = verify_seal(&seal, now, &seal_options);
    expect(
        report.indication == Indication::Valid,
        "seal.esl to verify valid against the root",
    )?;
    steps.done(format!(
        "verified seal.esl against the root: valid ({} checks passed: format, maker signature, \
         maker path for seal making, validity...)",
        report
            .checks
            .iter()
            .filter(|c| c.status == CheckStatus::Passed)
            .count()
    ));

    let signature =
        SignatureBuilder::new(&seal, &document, "document.txt", now).sign(&signer, &signer_key)?;
    out.write("document.ses", signature.der(), "seal signature file")?;
    steps.done(format!(
        "the signer sealed document.txt with seal.esl (GB/T 38540 SES_Signature): document.ses ({} bytes)",
        signature.der().len()
    ));
    let signature = SesSignature::from_der(&files::read(
        &file(dir, "document.ses"),
        "seal signature file",
    )?)?;
    let report = verify_signature(&signature, Original::Data(&document), &seal_options);
    expect(
        report.indication == Indication::Valid,
        "document.ses to verify valid for document.txt against the root",
    )?;
    steps.done(
        "verified document.ses for document.txt: valid (signer signature, signer listed in the seal, \
         embedded seal, both paths, dataHash)",
    );
    let report = verify_signature(&signature, Original::Data(&tampered), &seal_options);
    let data_hash = report.check("signature.data-hash");
    expect(
        report.indication == Indication::Invalid
            && data_hash.and_then(|c| c.code) == Some("signature.data-hash-mismatch"),
        "document.ses to be invalid for document-tampered.txt with signature.data-hash-mismatch",
    )?;
    steps.done(format!(
        "document.ses for document-tampered.txt: invalid, signature.data-hash-mismatch: {}",
        data_hash.map(|c| c.message.as_str()).unwrap_or_default()
    ));
    let other_key = PrivateKey::generate(&rng)?;
    let other = end_entity(Profile::DocumentSigner, OTHER_SIGNER_NAME, &other_key)?;
    let message = expect_failure(
        SignatureBuilder::new(&seal, &document, "document.txt", now).sign(&other, &other_key),
        "seal.signer-not-in-list",
        "sealing with a signer the seal does not list",
    )?;
    steps.done(format!(
        "a signer the seal does not list cannot use it (seal.signer-not-in-list): {message}"
    ));

    // 7. The business license as a sealed PDF.
    let pdf = pdf_steps(
        &mut steps,
        &mut out,
        &Sealer {
            seal: &seal,
            signer: &signer,
            signer_key: &signer_key,
            ca: &ca,
            root: &root,
            now,
        },
    )?;

    let elapsed = started.elapsed().as_millis();
    let listing = out.listing()?;
    if args.json {
        let files_json: Vec<serde_json::Value> = listing
            .iter()
            .map(|(path, bytes)| json!({"file": path.display().to_string(), "bytes": bytes}))
            .collect();
        print_json_ok(json!({
            "dir": dir.display().to_string(),
            "steps": steps.lines,
            "elapsed_ms": u64::try_from(elapsed).unwrap_or(u64::MAX),
            "root": root_info(&root),
            "seal": {
                "file": file(dir, "seal.esl").display().to_string(),
                "es_id": es_id,
                "name": SEAL_NAME,
            },
            "pdf": pdf,
            "files": files_json,
        }));
    } else {
        say!(
            "demo: all {} steps behaved as expected in {elapsed} ms; files in {}",
            steps.lines.len(),
            dir.display()
        );
        say!("files written ({}):", listing.len());
        let width = listing
            .iter()
            .map(|(p, _)| p.display().to_string().chars().count())
            .max()
            .unwrap_or(0);
        for (path, bytes) in &listing {
            let name = path.display().to_string();
            let pad = width.saturating_sub(name.chars().count());
            say!("  {name}{:pad$} {bytes:>9} bytes", "");
        }
    }
    Ok(())
}

/// The issuing time of the sample business license (its certificateIssuedDate,
/// 10:00 in Beijing): the same bytes as `gmseal issue --time` with this time.
const LICENSE_TIME: &str = "2026-01-05T02:00:00Z";

/// Who seals the business license, with what, and when.
struct Sealer<'a> {
    seal: &'a SesSeal,
    signer: &'a Certificate,
    signer_key: &'a PrivateKey,
    ca: &'a Certificate,
    root: &'a Certificate,
    now: Timestamp,
}

impl Sealer<'_> {
    /// Seal `pdf` with the seal, certified with /P 1, at `placement`.
    fn seal(&self, pdf: &[u8], placement: &Placement, flavour: Flavour) -> gmseal::Result<Vec<u8>> {
        PdfSigner::new(self.seal, self.signer, self.signer_key)?
            .chain(self.ca)
            .flavour(flavour)
            .certify(DocMdp::NoChanges)
            .reason("电子证照签章 (gmseal demo)")
            .location("杭州")
            .sign(pdf, placement, self.now)
    }

    /// Options trusting the demo root, with the CA as an intermediate.
    fn options(&self) -> PdfVerifyOptions {
        let mut options = PdfVerifyOptions::with_trust(TrustStore::new(vec![self.root.clone()]));
        options.pki.intermediates = vec![self.ca.clone()];
        options
    }
}

/// The first byte after `stream` + EOL inside `range`: a byte of stream
/// data (the page's content), whose change the parser does not notice but
/// the signature does.
fn stream_byte(pdf: &[u8], before: usize) -> Option<usize> {
    let limit = before.min(pdf.len());
    (0..limit).find_map(|i| {
        let rest = &pdf[i..limit];
        let eol = if rest.starts_with(b"stream\r\n") {
            8
        } else if rest.starts_with(b"stream\n") {
            7
        } else {
            return None;
        };
        let keyword_alone = i < 3 || &pdf[i - 3..i] != b"end";
        let at = i + eol + 16;
        (keyword_alone && at < limit).then_some(at)
    })
}

/// `pdf` plus an incremental update that rewrites the document information
/// dictionary (or adds an object when there is none): a change after the
/// seal that no rule permits.
fn with_update(pdf: &[u8]) -> anyhow::Result<Vec<u8>> {
    let doc = Document::parse(pdf, &Limits::default())?;
    let trailer = doc.trailer();
    let size = trailer
        .get_int(b"Size")?
        .and_then(|s| u32::try_from(s).ok())
        .ok_or_else(|| failed("demo: the sealed PDF's trailer has no /Size"))?;
    let Some(Object::Reference(root)) = trailer.get(b"Root")? else {
        return Err(failed("demo: the sealed PDF's trailer has no /Root"));
    };
    let (info, size) = match trailer.get(b"Info")? {
        Some(Object::Reference(info)) => (*info, size),
        _ => (
            ObjRef {
                num: size,
                generation: 0,
            },
            size + 1,
        ),
    };
    let prev = doc
        .revisions()
        .last()
        .map(|r| r.xref_offset())
        .ok_or_else(|| failed("demo: the sealed PDF has no revision"))?;
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let offset = out.len();
    out.extend_from_slice(
        format!(
            "{} {} obj\n<</Title (Altered after sealing) /Producer (someone else)>>\nendobj\n",
            info.num, info.generation
        )
        .as_bytes(),
    );
    let xref = out.len();
    out.extend_from_slice(
        format!(
            "xref\n{} 1\n{offset:010} {:05} n\r\ntrailer\n<</Size {size} /Root {} {} R /Info {} {} R /Prev {prev}>>\nstartxref\n{xref}\n%%EOF\n",
            info.num, info.generation, root.num, root.generation, info.num, info.generation
        )
        .as_bytes(),
    );
    Ok(out)
}

/// The reason code of `report` and what it means.
fn deciding_message(report: &VerificationReport) -> String {
    crate::pdf::explain_reason(report)
        .map(|(code, message)| format!("{code}: {message}"))
        .unwrap_or_default()
}

/// Issue, seal and verify the sample business license, and show that changes
/// after sealing are caught. Returns the JSON summary.
fn pdf_steps(
    steps: &mut Steps,
    out: &mut Output,
    sealer: &Sealer<'_>,
) -> anyhow::Result<serde_json::Value> {
    let metadata: Metadata = serde_json::from_str(BUSINESS_LICENSE)
        .context("the bundled business-license.json is not license metadata")?;
    let template = Template::business_license();
    let issued = issue(
        &template,
        &metadata,
        &IssueOptions::new(Timestamp::parse(LICENSE_TIME)?),
    )?;
    let position = issued
        .seal
        .ok_or_else(|| failed("demo: expected the business-license template to place a seal"))?;
    out.write("business-license.pdf", &issued.pdf, "PDF file")?;
    steps.done(format!(
        "issued the sample business license (营业执照 {}) as PDF/A-3b: business-license.pdf \
         ({} bytes; seal position x={} y={} mm, diameter {} mm)",
        metadata.certificate_number,
        issued.pdf.len(),
        position.x,
        position.y,
        position.diameter
    ));

    let placement = Placement::from_seal_position(&position);
    let sealed = sealer.seal(&issued.pdf, &placement, Flavour::CmsPkcs7)?;
    let sealed_path = out.write("business-license-sealed.pdf", &sealed, "PDF file")?;
    steps.done(format!(
        "sealed it with seal.esl as {} (CMS adbe.pkcs7.detached, certified /P 1: no changes \
         allowed, at the template's seal position, CA certificate embedded): \
         business-license-sealed.pdf ({} bytes, {} added as one incremental update)",
        sealer.signer.subject(),
        sealed.len(),
        sealed.len() - issued.pdf.len()
    ));

    let options = sealer.options();
    let sealed = files::read(&sealed_path, "PDF file")?;
    let report = verify_pdf(&sealed, &options);
    out.write(
        "business-license-sealed.report.json",
        report.to_json().as_bytes(),
        "report file",
    )?;
    expect(
        report.indication == PdfIndication::Valid,
        &format!(
            "business-license-sealed.pdf to verify valid against the root, not {} ({})",
            report.indication,
            deciding_message(&report)
        ),
    )?;
    let signature = report
        .signatures
        .first()
        .ok_or_else(|| failed("demo: expected one signature in the report"))?;
    let seal = signature
        .seal
        .as_ref()
        .ok_or_else(|| failed("demo: expected the seal in the signature's report"))?;
    let metadata_report = report
        .metadata
        .as_ref()
        .ok_or_else(|| failed("demo: expected the license metadata in the report"))?;
    expect(
        signature.covers_whole_file
            && seal.indication == Indication::Valid
            && metadata_report
                .checks
                .iter()
                .all(|c| c.status == CheckStatus::Passed),
        "the seal valid, the whole file covered and the metadata in agreement",
    )?;
    let signer = signature
        .signer
        .as_ref()
        .map_or_else(String::new, |s| s.subject.clone());
    steps.done(format!(
        "verified business-license-sealed.pdf against the root: valid; field {:?} signed by \
         {signer} at {}; seal {:?} (esID {}) valid; covers revision {} of {}, the whole file",
        signature.field,
        signature
            .signing_time
            .map_or_else(String::new, |t| t.to_string()),
        seal.name,
        seal.es_id,
        signature.revision.map_or(0, |r| r + 1),
        report.revisions
    ));
    steps.done(format!(
        "the sealed license's metadata agrees ({} checks: embedded JSON, XML, XMP): {}; \
         report written to business-license-sealed.report.json",
        metadata_report.checks.len(),
        metadata_report
            .metadata
            .as_ref()
            .map(crate::pdf::license_line)
            .unwrap_or_default()
    ));

    // The same license sealed with an SES_Signature in /Contents.
    let ses = sealer.seal(&issued.pdf, &placement, Flavour::Ses)?;
    out.write("business-license-sealed-ses.pdf", &ses, "PDF file")?;
    let ses_report = verify_pdf(&ses, &options);
    expect(
        ses_report.indication == PdfIndication::Valid,
        &format!(
            "business-license-sealed-ses.pdf to verify valid, not {} ({})",
            ses_report.indication,
            deciding_message(&ses_report)
        ),
    )?;
    steps.done(format!(
        "sealed a copy with a GB/T 38540 SES_Signature in /Contents (/SubFilter {}): \
         business-license-sealed-ses.pdf ({} bytes) verifies valid",
        Flavour::Ses.sub_filter(),
        ses.len()
    ));

    // One byte changed inside the signed bytes.
    let first_range_end = signature
        .byte_range
        .and_then(|r| usize::try_from(r[1]).ok())
        .ok_or_else(|| failed("demo: expected the signature's /ByteRange"))?;
    let at = stream_byte(&sealed, first_range_end)
        .ok_or_else(|| failed("demo: expected stream data inside the signed bytes"))?;
    let mut tampered = sealed.clone();
    tampered[at] ^= 0x01;
    out.write("business-license-tampered.pdf", &tampered, "PDF file")?;
    let tampered_report = verify_pdf(&tampered, &options);
    expect(
        tampered_report.indication == PdfIndication::Invalid,
        &format!(
            "business-license-tampered.pdf to be invalid, not {}",
            tampered_report.indication
        ),
    )?;
    steps.done(format!(
        "flipped one bit of byte {at} (page content, inside the signed bytes 0..{first_range_end}): \
         business-license-tampered.pdf is invalid: {}",
        deciding_message(&tampered_report)
    ));

    // An incremental update after the seal.
    let updated = with_update(&sealed)?;
    out.write("business-license-updated.pdf", &updated, "PDF file")?;
    let updated_report = verify_pdf(&updated, &options);
    expect(
        updated_report.indication == PdfIndication::Modified,
        &format!(
            "business-license-updated.pdf to be modified, not {} ({})",
            updated_report.indication,
            deciding_message(&updated_report)
        ),
    )?;
    steps.done(format!(
        "appended an incremental update rewriting the document information: \
         business-license-updated.pdf is modified (the signed revision is intact, the change is \
         not permitted): {}",
        deciding_message(&updated_report)
    ));

    // Plain bytes after the end of the file.
    let mut appended = sealed;
    appended.extend_from_slice("\n% appended after sealing / 签章后追加\n".as_bytes());
    out.write("business-license-appended.pdf", &appended, "PDF file")?;
    let appended_report = verify_pdf(&appended, &options);
    expect(
        !crate::pdf::accepted(appended_report.indication),
        &format!(
            "business-license-appended.pdf not to be valid, but it is {}",
            appended_report.indication
        ),
    )?;
    steps.done(format!(
        "appended plain bytes after %%EOF: business-license-appended.pdf is {}: {}",
        appended_report.indication,
        deciding_message(&appended_report)
    ));

    Ok(json!({
        "license": "business-license.pdf",
        "sealed": "business-license-sealed.pdf",
        "report": "business-license-sealed.report.json",
        "indication": report.indication,
        "field": signature.field,
        "signer": signer,
        "seal": { "es_id": seal.es_id, "name": seal.name },
        "revisions": report.revisions,
        "ses": { "file": "business-license-sealed-ses.pdf", "indication": ses_report.indication },
        "tampered": { "file": "business-license-tampered.pdf", "byte": at, "indication": tampered_report.indication, "reason": tampered_report.reason },
        "updated": { "file": "business-license-updated.pdf", "indication": updated_report.indication, "reason": updated_report.reason },
        "appended": { "file": "business-license-appended.pdf", "indication": appended_report.indication, "reason": appended_report.reason },
    }))
}

/// A short description of the root, for the JSON summary.
fn root_info(root: &Certificate) -> serde_json::Value {
    json!({
        "subject": root.subject().to_string(),
        "fingerprint_sm3": crate::output::hex(&root.fingerprint_sm3()),
    })
}
