//! End-to-end tests of `gmseal sign` and `gmseal verify` on PDFs, and of the
//! sealed-PDF steps of `gmseal demo`: an e-license issued, sealed and verified
//! with keys, certificates and a seal the CLI made; tampering, a missing trust
//! anchor, the SES flavour, a second signature after a /P 2 certification,
//! and the exit codes (0 valid, 1 not valid, 2 usage or input error).

#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "support/run.rs"]
mod support;

use serde_json::Value;
use std::path::PathBuf;
use support::{Run, Work};

/// The issuing time of the licenses.
const TIME: &str = "2026-01-05T02:00:00Z";

fn example_arg(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data")
        .join(name)
        .display()
        .to_string()
}

/// A PKI made with the CLI (root, CA, seal maker, signer, another signer the
/// seal does not list), the seal `seal.esl` for the signer, and the issued
/// business license `license.pdf`.
fn setup() -> Work {
    let w = Work::new();
    w.seal_pki();
    w.make_seal("seal.esl", &[]).ok();
    w.run(&[
        "issue",
        "--template",
        "business-license",
        "--data",
        &example_arg("business-license.json"),
        "--out",
        "license.pdf",
        "--time",
        TIME,
    ])
    .ok();
    w
}

/// `sign IN --seal seal.esl --cert signer.pem --key signer.key ... --out OUT`.
fn sign(w: &Work, input: &str, out: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "sign",
        input,
        "--seal",
        "seal.esl",
        "--cert",
        "signer.pem",
        "--key",
        "signer.key",
        "--out",
        out,
    ];
    args.extend(extra);
    w.run(&args)
}

/// `verify FILE --trust root.pem --ca ca.pem` plus `extra`.
fn verify(w: &Work, file: &str, extra: &[&str]) -> Run {
    let mut args = vec!["verify", file, "--trust", "root.pem", "--ca", "ca.pem"];
    args.extend(extra);
    w.run(&args)
}

/// The indications of the report's signatures, in order.
fn signature_indications(report: &Value) -> Vec<String> {
    report["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["indication"].as_str().unwrap().to_owned())
        .collect()
}

/// Flip one bit of the first byte of stream data in `name`, inside the signed
/// bytes, into `out`.
fn tamper(w: &Work, name: &str, out: &str) {
    let mut pdf = w.read(name);
    let at = pdf
        .windows(7)
        .position(|x| x == b"stream\n")
        .expect("a stream")
        + 7
        + 16;
    pdf[at] ^= 1;
    w.write(out, pdf);
}

// ---------------------------------------------------------------- demo

#[test]
fn demo_writes_the_sealed_pdf_and_its_report() {
    let w = Work::new();
    let run = w.run(&["demo", "--out", "out"]).ok();
    for needle in [
        "business-license.pdf",
        "business-license-sealed.pdf",
        "against the root: valid",
        "metadata agrees",
        "business-license-sealed-ses.pdf",
        "business-license-tampered.pdf is invalid",
        "business-license-updated.pdf is modified",
        "business-license-appended.pdf is modified",
        "behaved as expected",
        "files written",
    ] {
        assert!(run.stdout.contains(needle), "{needle:?} in\n{}", run.stdout);
    }
    for file in [
        "business-license.pdf",
        "business-license-sealed.pdf",
        "business-license-sealed.report.json",
        "business-license-sealed-ses.pdf",
        "business-license-tampered.pdf",
        "business-license-updated.pdf",
        "business-license-appended.pdf",
    ] {
        assert!(w.path("out").join(file).is_file(), "{file}");
        // Every file written is listed with its size.
        assert!(run.stdout.contains(&format!("out/{file}")), "{file} listed");
    }
    let report: Value =
        serde_json::from_slice(&w.read("out/business-license-sealed.report.json")).unwrap();
    assert_eq!(report["indication"], "valid", "{report}");
    assert_eq!(report["signatures"][0]["certification"], 1, "{report}");
    assert_eq!(report["signatures"][0]["covers_whole_file"], true);
    assert_eq!(
        report["metadata"]["metadata"]["certificateNumber"],
        "330106000202601050018"
    );

    // The demo's files work with the CLI.
    let trust = ["--trust", "out/root.pem", "--ca", "out/ca.pem"];
    for (file, code) in [
        ("out/business-license-sealed.pdf", 0),
        ("out/business-license-sealed-ses.pdf", 0),
        ("out/business-license-tampered.pdf", 1),
        ("out/business-license-updated.pdf", 1),
        ("out/business-license-appended.pdf", 1),
        ("out/business-license.pdf", 1),
    ] {
        let mut args = vec!["verify", file];
        args.extend(trust);
        w.run(&args).expect(code);
    }

    // --dir is still accepted; --json lists the files.
    let v = w.run(&["demo", "--dir", "out2", "--json"]).ok().json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["pdf"]["indication"], "valid", "{v}");
    assert_eq!(v["pdf"]["tampered"]["indication"], "invalid", "{v}");
    assert_eq!(v["pdf"]["updated"]["indication"], "modified", "{v}");
    let files = v["files"].as_array().unwrap();
    assert!(
        files.iter().any(|f| f["file"]
            .as_str()
            .unwrap()
            .ends_with("business-license-sealed.pdf")
            && f["bytes"].as_u64().unwrap() > 10_000),
        "{v}"
    );
    assert!(w.path("out2/business-license-sealed.report.json").is_file());
}

// ---------------------------------------------------------------- sign, verify

#[test]
fn issue_sign_verify_and_tamper() {
    let w = setup();
    let v = sign(
        &w,
        "license.pdf",
        "sealed.pdf",
        &[
            "--template",
            "business-license",
            "--certify",
            "1",
            "--chain",
            "ca.pem",
            "--reason",
            "电子证照签章",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["field"], "Seal1", "{v}");
    assert_eq!(v["flavour"], "cms", "{v}");
    assert_eq!(v["certification"], 1, "{v}");
    let original = w.read("license.pdf");
    let sealed = w.read("sealed.pdf");
    assert!(sealed.starts_with(&original), "an incremental update");
    assert_eq!(v["bytes"].as_u64().unwrap(), sealed.len() as u64);

    // Text output: the document, the signature, the license.
    let run = verify(&w, "sealed.pdf", &[]).ok();
    for needle in [
        "sealed.pdf: VALID",
        "field \"Seal1\", certification /P 1",
        "CN=签章者 张三",
        "合同专用章",
        "revision 2 of 2: the whole file",
        "营业执照 No. 330106000202601050018",
        "metadata agree",
    ] {
        assert!(run.stdout.contains(needle), "{needle:?} in\n{}", run.stdout);
    }
    // The CA embedded with --chain is enough to build the path.
    w.run(&["verify", "sealed.pdf", "--trust", "root.pem"]).ok();

    // JSON: the library's report plus "ok".
    let v = verify(&w, "sealed.pdf", &["--json"]).ok().json();
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["indication"], "valid", "{v}");
    assert_eq!(v["signatures"][0]["flavour"], "cms", "{v}");
    assert_eq!(v["signatures"][0]["reason_text"], "电子证照签章", "{v}");
    assert!(v["signatures"][0]["seal"]["es_id"].is_string(), "{v}");

    // One changed byte inside the signed bytes.
    tamper(&w, "sealed.pdf", "tampered.pdf");
    let run = verify(&w, "tampered.pdf", &[]).expect(1);
    assert!(run.stdout.contains("INVALID"), "{}", run.stdout);
    assert!(run.stderr.contains("is invalid"), "{}", run.stderr);
    let v = verify(&w, "tampered.pdf", &["--json"]).expect(1).json();
    assert_eq!(v["ok"], false, "{v}");
    assert_eq!(v["indication"], "invalid", "{v}");
    assert_eq!(v["code"], "cms.digest-mismatch", "{v}");

    // Bytes after %%EOF.
    let mut appended = sealed;
    appended.extend_from_slice(b"\n% more\n");
    w.write("appended.pdf", appended);
    let v = verify(&w, "appended.pdf", &["--json"]).expect(1).json();
    assert_ne!(v["indication"], "valid", "{v}");

    // A /P 1 document takes no further seal.
    let message = sign(&w, "sealed.pdf", "again.pdf", &["--invisible"])
        .expect(2)
        .stderr;
    assert!(message.contains("/P 1"), "{message}");
    assert!(!w.path("again.pdf").exists());
}

#[test]
fn verify_without_trust_is_indeterminate() {
    let w = setup();
    sign(&w, "license.pdf", "sealed.pdf", &["--rect", "20,20,42,42"]).ok();
    let run = w.run(&["verify", "sealed.pdf"]).expect(1);
    assert!(run.stdout.contains("INDETERMINATE"), "{}", run.stdout);
    assert!(
        run.stdout.contains("certificate chains were NOT checked"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("indeterminate"), "{}", run.stderr);
    assert!(run.stderr.contains("--trust"), "{}", run.stderr);
    let run = w.run(&["verify", "sealed.pdf", "--json"]).expect(1);
    run.json_error("chain.not-checked");
    let v = run.json();
    assert_eq!(v["indication"], "indeterminate", "{v}");
    assert_eq!(v["chains_checked"], false, "{v}");
}

#[test]
fn ses_and_cades_flavours_verify_valid() {
    let w = setup();
    let v = sign(
        &w,
        "license.pdf",
        "ses.pdf",
        &["--flavour", "ses", "--rect", "20,20,42,42", "--json"],
    )
    .ok()
    .json();
    assert_eq!(v["sub_filter"], "GB.T38540.SES_Signature", "{v}");
    let v = verify(&w, "ses.pdf", &["--json"]).ok().json();
    assert_eq!(v["indication"], "valid", "{v}");
    assert_eq!(v["signatures"][0]["flavour"], "ses", "{v}");
    let run = verify(&w, "ses.pdf", &[]).ok();
    assert!(run.stdout.contains("flavour:   ses"), "{}", run.stdout);

    sign(
        &w,
        "license.pdf",
        "cades.pdf",
        &["--flavour", "cades", "--invisible", "--chain", "ca.pem"],
    )
    .ok();
    let v = verify(&w, "cades.pdf", &["--json"]).ok().json();
    assert_eq!(v["indication"], "valid", "{v}");
    assert_eq!(
        v["signatures"][0]["sub_filter"], "ETSI.CAdES.detached",
        "{v}"
    );
}

#[test]
fn a_second_invisible_seal_after_a_p2_certification() {
    let w = setup();
    sign(
        &w,
        "license.pdf",
        "certified.pdf",
        &["--certify", "2", "--template", "business-license"],
    )
    .ok();
    // A visible seal after a certification is not a permitted change.
    let message = sign(
        &w,
        "certified.pdf",
        "visible.pdf",
        &["--rect", "20,20,42,42"],
    )
    .expect(2)
    .stderr;
    assert!(message.contains("invisible"), "{message}");
    let v = sign(
        &w,
        "certified.pdf",
        "twice.pdf",
        &["--invisible", "--flavour", "ses", "--json"],
    )
    .ok()
    .json();
    assert_eq!(v["field"], "Seal2", "{v}");

    let run = verify(&w, "twice.pdf", &["--json"]).ok();
    let v = run.json();
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(
        signature_indications(&v),
        ["valid-with-permitted-changes", "valid"],
        "{v}"
    );
    // The document's indication is the worst of its signatures'.
    assert_eq!(v["indication"], "valid-with-permitted-changes", "{v}");
    assert_eq!(v["signatures"][0]["certification"], 2, "{v}");
    assert_eq!(v["signatures"][0]["covers_whole_file"], false, "{v}");
    assert!(
        v["signatures"][0]["later_changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["permitted"] == true),
        "{v}"
    );
    let run = verify(&w, "twice.pdf", &[]).ok();
    assert!(
        run.stdout.contains("VALID-WITH-PERMITTED-CHANGES"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("each permitted"), "{}", run.stdout);
}

#[test]
fn signers_the_seal_does_not_list_are_refused() {
    let w = setup();
    let run = w
        .run(&[
            "sign",
            "license.pdf",
            "--seal",
            "seal.esl",
            "--cert",
            "other.pem",
            "--key",
            "other.key",
            "--invisible",
            "--out",
            "other.pdf",
        ])
        .expect(2);
    assert!(
        run.stderr.contains("not in the seal's certificate list"),
        "{}",
        run.stderr
    );
    assert!(!w.path("other.pdf").exists());
}

// ---------------------------------------------------------------- usage errors

#[test]
fn bad_arguments_exit_2_with_a_clear_message() {
    let w = setup();
    let run = sign(&w, "missing.pdf", "x.pdf", &["--invisible"]).expect(2);
    assert!(
        run.stderr.contains("cannot read PDF file missing.pdf"),
        "{}",
        run.stderr
    );
    let run = sign(&w, "license.pdf", "x.pdf", &["--rect", "1,2,three,4"]).expect(2);
    assert!(
        run.stderr.contains("four numbers in millimetres"),
        "{}",
        run.stderr
    );
    let run = sign(&w, "license.pdf", "x.pdf", &["--rect", "1,2,0,4"]).expect(2);
    assert!(run.stderr.contains("must be positive"), "{}", run.stderr);
    let run = sign(&w, "license.pdf", "x.pdf", &["--rect", "500,2,42,42"]).expect(2);
    assert!(run.stderr.contains("outside page 1"), "{}", run.stderr);
    let run = sign(&w, "license.pdf", "x.pdf", &[]).expect(2);
    assert!(run.stderr.contains("--invisible"), "{}", run.stderr);
    let run = sign(
        &w,
        "license.pdf",
        "x.pdf",
        &["--invisible", "--rect", "1,2,3,4"],
    )
    .expect(2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
    let run = sign(&w, "license.pdf", "x.pdf", &["--invisible", "--page", "2"]).expect(2);
    assert!(run.stderr.contains("no page 2"), "{}", run.stderr);
    let run = sign(&w, "license.pdf", "x.pdf", &["--template", "no-such"]).expect(2);
    assert!(
        run.stderr.contains("neither a builtin template"),
        "{}",
        run.stderr
    );
    let run = sign(
        &w,
        "license.pdf",
        "x.pdf",
        &["--invisible", "--certify", "4"],
    )
    .expect(2);
    assert!(run.stderr.contains("--certify"), "{}", run.stderr);
    assert!(!w.path("x.pdf").exists());

    let run = w.run(&["verify", "missing.pdf"]).expect(2);
    assert!(
        run.stderr.contains("cannot read PDF file missing.pdf"),
        "{}",
        run.stderr
    );
    w.run(&["verify", "missing.pdf", "--json"])
        .expect(2)
        .json_error("input.io");
    let run = w
        .run(&["verify", "license.pdf", "--crl", "ca.pem"])
        .expect(2);
    assert!(run.stderr.contains("needs --trust"), "{}", run.stderr);
    // An unsigned PDF is readable but not valid.
    let v = verify(&w, "license.pdf", &["--json"]).expect(1).json();
    assert_eq!(v["code"], "pdf.no-signatures", "{v}");
}
