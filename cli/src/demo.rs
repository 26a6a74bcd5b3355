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

use crate::files;
use crate::output::{failed, print_json_ok, say};
use anyhow::Context as _;
use clap::Args;
use gmseal::Timestamp;
use gmseal::cms::{CmsVerifyOptions, OidFamily, SignedDataBuilder, verify_detached};
use gmseal::crypto::{Pbes2Params, PrivateKey, SystemRandom};
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
    /// Directory for the files the demo writes (created).
    #[arg(long, value_name = "DIR", default_value = "target/gmseal-demo")]
    dir: PathBuf,
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
    let dir = &args.dir;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the directory {}", dir.display()))?;
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
        files::write_secret(&file(dir, name), key.to_pkcs8_pem()?.as_bytes(), "key file")?;
    }
    let password_path = file(dir, "signer.password");
    files::write_secret(
        &password_path,
        format!("{SIGNER_PASSWORD}\n").as_bytes(),
        "password file",
    )?;
    let signer_key_path = file(dir, "signer.key.pem");
    files::write_secret(
        &signer_key_path,
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
        files::write(
            &file(dir, file_name),
            cert.to_pem().as_bytes(),
            "certificate file",
        )?;
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
    let document_path = file(dir, "document.txt");
    files::write(&document_path, DOCUMENT.as_bytes(), "document")?;
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
        files::write(&file(dir, sig_name), &cms, "signature file")?;
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
    files::write(
        &file(dir, "ca.crl.pem"),
        crl.to_pem().as_bytes(),
        "CRL file",
    )?;
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
    files::write(
        &file(dir, "document-tampered.txt"),
        &tampered,
        "tampered document",
    )?;
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
    files::write(&file(dir, "seal.png"), &png, "picture file")?;
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
    files::write(&file(dir, "seal.esl"), seal.der(), "seal file")?;
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
    files::write(
        &file(dir, "document.ses"),
        signature.der(),
        "seal signature file",
    )?;
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

    let elapsed = started.elapsed().as_millis();
    if args.json {
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
        }));
    } else {
        say!(
            "demo: all {} steps behaved as expected in {elapsed} ms; files in {}",
            steps.lines.len(),
            dir.display()
        );
    }
    Ok(())
}

/// A short description of the root, for the JSON summary.
fn root_info(root: &Certificate) -> serde_json::Value {
    json!({
        "subject": root.subject().to_string(),
        "fingerprint_sm3": crate::output::hex(&root.fingerprint_sm3()),
    })
}
