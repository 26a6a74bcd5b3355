//! End-to-end tests of `gmseal seal` and `gmseal ses`: making, showing and
//! verifying GB/T 38540 seals and seal signatures, the exit codes (0 valid, 1
//! invalid or indeterminate, 2 usage or input error) and reason codes, vendor
//! samples, the seal steps of the demo, and OpenSSL's view of a maker signature.

// The helpers outside `#[test]` functions report failures by panicking too.
#![allow(clippy::panic)]

#[path = "support/run.rs"]
mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::{Run, Work, has_openssl, run_openssl};

/// The document the tests seal.
const DOCUMENT: &str = "电子证照示例\n持证人: 张三\n";

/// The CLI-made PKI of [`Work::seal_pki`], and `document.txt`.
fn seal_pki(w: &Work) {
    w.seal_pki();
    w.write("document.txt", DOCUMENT);
}

/// `seal make` by maker.pem for signer.pem, with `extra` arguments, into `out`.
fn make_seal(w: &Work, out: &str, extra: &[&str]) -> Run {
    w.make_seal(out, extra)
}

/// `ses sign` of document.txt with `seal` as signer.pem, into `out`.
fn sign_document(w: &Work, seal: &str, out: &str) -> Run {
    w.run(&[
        "ses",
        "sign",
        "--seal",
        seal,
        "--cert",
        "signer.pem",
        "--key",
        "signer.key",
        "document.txt",
        "--out",
        out,
        "--json",
    ])
}

/// The check `id` of a report's JSON.
#[track_caller]
fn check<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .and_then(|checks| checks.iter().find(|c| c["id"] == id))
        .unwrap_or_else(|| panic!("no check {id} in {report}"))
}

/// Whether `data` is a PNG, and its IHDR width and height.
#[track_caller]
fn png_size(data: &[u8]) -> (u32, u32) {
    assert!(data.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be = |at: usize| u32::from_be_bytes(data[at..at + 4].try_into().expect("4 bytes"));
    (be(16), be(20))
}

// ---------------------------------------------------------------- the flow

#[test]
fn make_show_verify_sign_and_verify() {
    let w = Work::new();
    seal_pki(&w);

    // seal make
    let v = make_seal(
        &w,
        "seal.esl",
        &[
            "--code",
            "3301020012345",
            "--picture-out",
            "seal.png",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(v["ok"], true, "{v}");
    let es_id = v["es_id"].as_str().expect("es_id").to_owned();
    assert!(
        es_id.len() == 32 && es_id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{es_id}"
    );
    assert_eq!(v["cert_list_type"], "certificates");
    assert_eq!(v["picture"]["source"], "drawn-round");
    assert_eq!(v["picture"]["width_mm"], 42);
    assert_eq!(png_size(&w.read("seal.png")), (496, 496));
    // Every seal gets its own esID.
    let again = make_seal(&w, "seal2.esl", &["--json"]).ok().json();
    assert_ne!(again["es_id"], es_id.as_str());

    // seal show
    let v = w
        .run(&[
            "seal",
            "show",
            "seal.esl",
            "--json",
            "--extract-picture",
            "extracted.png",
        ])
        .ok()
        .json();
    assert_eq!(v["version"], "v4", "{v}");
    assert_eq!(v["standard"], "GB/T 38540-2020");
    assert_eq!(v["header"]["id"], "ES");
    assert_eq!(v["header"]["version"], 4);
    assert_eq!(v["header"]["vid"], "gmseal");
    assert_eq!(v["es_id"], es_id.as_str());
    assert_eq!(v["property"]["seal_type"], 4);
    assert_eq!(v["property"]["name"], "合同专用章");
    assert_eq!(v["property"]["cert_list_type"], 1);
    assert_eq!(v["property"]["cert_list"]["kind"], "certificates");
    let signers = v["property"]["signers"].as_array().expect("signers");
    assert_eq!(signers.len(), 1);
    assert_eq!(
        signers[0]["subject"],
        "CN=签章者 张三,O=某某市示例单位,C=CN"
    );
    assert_eq!(v["property"]["create_date"], v["property"]["valid_start"]);
    assert!(v["property"]["valid_end"].is_string());
    assert_eq!(v["picture"]["kind"], "PNG");
    assert_eq!(v["picture"]["width_mm"], 42);
    assert_eq!(v["picture"]["height_mm"], 42);
    assert_eq!(v["picture"]["pixels"], serde_json::json!([496, 496]));
    assert_eq!(
        v["picture"]["bytes"].as_u64(),
        Some(w.read("seal.png").len() as u64)
    );
    assert_eq!(v["ext_datas"], serde_json::json!([]));
    assert_eq!(
        v["maker_certificate"]["subject"],
        "CN=制章者 测试制章中心,O=gmseal 测试,C=CN"
    );
    assert!(v["maker_certificate"]["serial_number"].is_string());
    assert_eq!(v["signature_algorithm"], "1.2.156.10197.1.501");
    assert_eq!(v["trailing_bytes"], 0);
    assert_eq!(v["has_timestamp"], false);
    assert_eq!(w.read("extracted.png"), w.read("seal.png"));
    let text = w.run(&["seal", "show", "seal.esl"]).ok().stdout;
    for needle in [
        "v4 (GB/T 38540-2020)",
        es_id.as_str(),
        "合同专用章",
        "certListType 1",
        "PNG 42 × 42 mm",
        "496 × 496 pixels",
        "CN=制章者 测试制章中心",
    ] {
        assert!(text.contains(needle), "{needle:?} in\n{text}");
    }

    // seal verify: valid with the root, indeterminate (exit 1) without.
    let trust = ["--trust", "root.pem", "--chain", "ca.pem"];
    let mut args = vec!["seal", "verify", "seal.esl", "--json"];
    args.extend(trust);
    let v = w.run(&args).ok().json();
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["indication"], "valid");
    assert_eq!(v["reasons"], serde_json::json!([]));
    assert_eq!(check(&v["report"], "seal.maker-chain")["status"], "passed");
    let run = w.run(&["seal", "verify", "seal.esl", "--json"]).expect(1);
    let message = run.json_error("chain.not-checked");
    assert!(message.contains("indeterminate"), "{message}");
    let v = run.json();
    assert_eq!(v["indication"], "indeterminate");
    assert_eq!(
        check(&v["report"], "seal.maker-signature")["status"],
        "passed"
    );
    // Text: one line per check, with status and code; the reason on stderr.
    let run = w.run(&["seal", "verify", "seal.esl"]).expect(1);
    assert!(
        run.stdout.contains("INDETERMINATE seal.maker-chain"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("chain.not-checked:"), "{}", run.stdout);
    assert!(run.stdout.contains("passed        seal.maker-signature"));
    assert!(run.stderr.contains("--trust ROOT"), "{}", run.stderr);

    // ses sign
    let v = sign_document(&w, "seal.esl", "document.ses").ok().json();
    assert_eq!(v["property_info"], "document.txt", "{v}");
    assert_eq!(v["seal"]["es_id"], es_id.as_str());
    assert_eq!(v["signer"], "CN=签章者 张三,O=某某市示例单位,C=CN");

    // ses show
    let v = w
        .run(&[
            "ses",
            "show",
            "document.ses",
            "--json",
            "--extract-seal",
            "embedded.esl",
        ])
        .ok()
        .json();
    assert_eq!(v["version"], "v4", "{v}");
    assert_eq!(v["to_sign"]["property_info"], "document.txt");
    assert_eq!(v["seal"]["es_id"], es_id.as_str());
    assert!(v["signer_certificate"]["subject"].is_string());
    assert_eq!(w.read("embedded.esl"), w.read("seal.esl"));

    // ses verify with the original: valid.
    let mut args = vec![
        "ses",
        "verify",
        "document.ses",
        "--original",
        "document.txt",
        "--json",
    ];
    args.extend(trust);
    let v = w.run(&args).ok().json();
    assert_eq!(v["indication"], "valid", "{v}");
    assert_eq!(v["report"]["seal"]["indication"], "valid");
    assert_eq!(
        check(&v["report"], "signature.data-hash")["status"],
        "passed"
    );
    let mut args = vec![
        "ses",
        "verify",
        "document.ses",
        "--original",
        "document.txt",
    ];
    args.extend(trust);
    let run = w.run(&args).ok();
    assert!(run.stdout.contains("result:    VALID"), "{}", run.stdout);

    // A tampered original: invalid.
    let mut tampered = DOCUMENT.as_bytes().to_vec();
    tampered[3] ^= 0x01;
    w.write("tampered.txt", &tampered);
    let mut args = vec![
        "ses",
        "verify",
        "document.ses",
        "--original",
        "tampered.txt",
        "--json",
    ];
    args.extend(trust);
    let run = w.run(&args).expect(1);
    run.json_error("signature.data-hash-mismatch");
    let v = run.json();
    assert_eq!(v["indication"], "invalid");
    assert_eq!(
        check(&v["report"], "signature.data-hash")["code"],
        "signature.data-hash-mismatch"
    );

    // No original: indeterminate, and the reason says so.
    let mut args = vec!["ses", "verify", "document.ses", "--json"];
    args.extend(trust);
    let run = w.run(&args).expect(1);
    let message = run.json_error("data.not-checked");
    assert!(message.contains("--original"), "{message}");
    assert_eq!(run.json()["indication"], "indeterminate");
    let mut args = vec!["ses", "verify", "document.ses"];
    args.extend(trust);
    let run = w.run(&args).expect(1);
    assert!(run.stdout.contains("data.not-checked"), "{}", run.stdout);
    assert!(run.stderr.contains("indeterminate"), "{}", run.stderr);

    // Without trust the embedded seal's unchecked chain decides.
    let run = w
        .run(&[
            "ses",
            "verify",
            "document.ses",
            "--original",
            "document.txt",
            "--json",
        ])
        .expect(1);
    run.json_error("chain.not-checked");
    let v = run.json();
    assert_eq!(
        v["reasons"],
        serde_json::json!(["chain.not-checked"]),
        "{v}"
    );
}

#[test]
fn expired_seal_exits_1_and_cannot_be_used() {
    let w = Work::new();
    seal_pki(&w);
    make_seal(&w, "seal.esl", &["--valid-days", "30"]).ok();
    let run = w
        .run(&[
            "seal",
            "verify",
            "seal.esl",
            "--trust",
            "root.pem",
            "--chain",
            "ca.pem",
            "--at",
            "2099-01-01T00:00:00Z",
            "--json",
        ])
        .expect(1);
    let message = run.json_error("seal.expired");
    assert!(message.contains("NOT valid"), "{message}");
    assert_eq!(run.json()["indication"], "invalid");
    let run = w
        .run(&[
            "seal",
            "verify",
            "seal.esl",
            "--at",
            "2000-01-01T00:00:00Z",
            "--json",
        ])
        .expect(1);
    // A failed check outweighs the indeterminate chain.
    run.json_error("seal.not-yet-valid");
    // Signing outside the seal's validity is refused (an input error).
    let run = w
        .run(&[
            "ses",
            "sign",
            "--seal",
            "seal.esl",
            "--cert",
            "signer.pem",
            "--key",
            "signer.key",
            "document.txt",
            "--time",
            "2099-01-01T00:00:00Z",
            "--out",
            "late.ses",
            "--json",
        ])
        .expect(2);
    run.json_error("seal.not-valid-at-signing-time");
    assert!(!w.path("late.ses").exists());
}

#[test]
fn signer_not_in_the_seal_cannot_sign() {
    let w = Work::new();
    seal_pki(&w);
    make_seal(&w, "seal.esl", &[]).ok();
    let run = w
        .run(&[
            "ses",
            "sign",
            "--seal",
            "seal.esl",
            "--cert",
            "other.pem",
            "--key",
            "other.key",
            "document.txt",
            "--out",
            "other.ses",
            "--json",
        ])
        .expect(2);
    let message = run.json_error("seal.signer-not-in-list");
    assert!(message.contains("李四"), "{message}");
    assert!(!w.path("other.ses").exists());
    // A key that is not the certificate's.
    let run = w
        .run(&[
            "ses",
            "sign",
            "--seal",
            "seal.esl",
            "--cert",
            "signer.pem",
            "--key",
            "other.key",
            "document.txt",
            "--out",
            "x.ses",
            "--json",
        ])
        .expect(2);
    run.json_error("seal.invalid-params");
}

#[test]
fn a_seal_whose_maker_signature_is_broken() {
    let w = Work::new();
    seal_pki(&w);
    make_seal(&w, "seal.esl", &[]).ok();
    // The last byte of the DER is the last byte of the maker's signature value.
    let mut seal = w.read("seal.esl");
    let last = seal.len() - 1;
    seal[last] ^= 0x01;
    w.write("broken.esl", &seal);
    let run = w
        .run(&[
            "seal",
            "verify",
            "broken.esl",
            "--trust",
            "root.pem",
            "--chain",
            "ca.pem",
            "--json",
        ])
        .expect(1);
    run.json_error("signature.bad");
    assert_eq!(
        check(&run.json()["report"], "seal.maker-signature")["status"],
        "failed"
    );
    // Nobody can seal with it: an input error, and no file.
    let run = w
        .run(&[
            "ses",
            "sign",
            "--seal",
            "broken.esl",
            "--cert",
            "signer.pem",
            "--key",
            "signer.key",
            "document.txt",
            "--out",
            "x.ses",
            "--json",
        ])
        .expect(2);
    let message = run.json_error("signature.bad");
    assert!(message.contains("cannot be used"), "{message}");
    assert!(!w.path("x.ses").exists());
}

#[test]
fn malformed_and_truncated_files_exit_2() {
    let w = Work::new();
    seal_pki(&w);
    make_seal(&w, "seal.esl", &[]).ok();
    sign_document(&w, "seal.esl", "document.ses").ok();
    let seal = w.read("seal.esl");
    w.write("truncated.esl", &seal[..seal.len() / 2]);
    w.write("garbage.esl", b"this is not a seal");
    let signature = w.read("document.ses");
    w.write("truncated.ses", &signature[..signature.len() - 10]);
    for args in [
        &["seal", "show", "truncated.esl", "--json"][..],
        &["seal", "verify", "truncated.esl", "--json"],
        &["seal", "show", "garbage.esl", "--json"],
        &["seal", "verify", "garbage.esl", "--json"],
        &["ses", "show", "truncated.ses", "--json"],
        &["ses", "verify", "truncated.ses", "--json"],
        &["ses", "verify", "seal.esl", "--json"],
        &[
            "ses",
            "sign",
            "--seal",
            "truncated.esl",
            "--cert",
            "signer.pem",
            "--key",
            "signer.key",
            "document.txt",
            "--out",
            "x.ses",
            "--json",
        ],
    ] {
        let run = w.run(args).expect(2);
        let message = run.json_error("decode.malformed");
        assert!(message.contains("cannot read the seal"), "{message}");
    }
    // Without --json: a one-line error on stderr, nothing on stdout.
    let run = w.run(&["seal", "verify", "truncated.esl"]).expect(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr
            .starts_with("error: cannot read the seal in truncated.esl: malformed")
    );
    // A missing file.
    w.run(&["seal", "show", "missing.esl", "--json"])
        .expect(2)
        .json_error("input.io");
}

#[test]
fn usage_errors_exit_2() {
    let w = Work::new();
    seal_pki(&w);
    make_seal(&w, "seal.esl", &["--picture-out", "seal.png"]).ok();
    // --crl needs --trust.
    w.run(&["seal", "verify", "seal.esl", "--crl", "x.crl", "--json"])
        .expect(2)
        .json_error("cli.usage");
    // clap: --org is required unless --picture; --code only applies to a drawn picture.
    w.run(&[
        "seal",
        "make",
        "--maker-cert",
        "maker.pem",
        "--maker-key",
        "maker.key",
        "--signer-cert",
        "signer.pem",
        "--name",
        "x",
        "--type",
        "1",
        "--out",
        "x.esl",
    ])
    .expect(2);
    make_seal(&w, "x.esl", &["--picture", "seal.png", "--code", "1"]).expect(2);
    // A round seal must be round.
    make_seal(
        &w,
        "x.esl",
        &["--width-mm", "40", "--height-mm", "30", "--json"],
    )
    .expect(2)
    .json_error("input.invalid");
    // The maker key must be the maker certificate's.
    w.run(&[
        "seal",
        "make",
        "--maker-cert",
        "maker.pem",
        "--maker-key",
        "signer.key",
        "--signer-cert",
        "signer.pem",
        "--name",
        "x",
        "--type",
        "1",
        "--org",
        "某某单位",
        "--out",
        "x.esl",
        "--json",
    ])
    .expect(2)
    .json_error("seal.invalid-params");
    // A CA certificate is not a seal maker's.
    w.run(&[
        "seal",
        "make",
        "--maker-cert",
        "ca.pem",
        "--maker-key",
        "ca.key",
        "--signer-cert",
        "signer.pem",
        "--name",
        "x",
        "--type",
        "1",
        "--org",
        "某某单位",
        "--out",
        "x.esl",
        "--json",
    ])
    .expect(2)
    .json_error("seal.invalid-params");
    // propertyInfo is an IA5String.
    w.run(&[
        "ses",
        "sign",
        "--seal",
        "seal.esl",
        "--cert",
        "signer.pem",
        "--key",
        "signer.key",
        "document.txt",
        "--property-info",
        "合同",
        "--out",
        "x.ses",
        "--json",
    ])
    .expect(2)
    .json_error("seal.invalid-params");
    assert!(!w.path("x.esl").exists() && !w.path("x.ses").exists());
}

// ---------------------------------------------------------------- variants

#[test]
fn oval_seal_with_code_and_picture_out() {
    let w = Work::new();
    seal_pki(&w);
    let v = make_seal(
        &w,
        "oval.esl",
        &[
            "--style",
            "oval",
            "--code",
            "91330106MA2AXK9X3B",
            "--picture-out",
            "oval.png",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(v["picture"]["source"], "drawn-oval", "{v}");
    // 40 × 30 mm at 300 dpi.
    assert_eq!(png_size(&w.read("oval.png")), (472, 354));
    let v = w.run(&["seal", "show", "oval.esl", "--json"]).ok().json();
    assert_eq!(v["picture"]["width_mm"], 40);
    assert_eq!(v["picture"]["height_mm"], 30);
    // A custom size: the picture's millimetres are the seal's.
    make_seal(
        &w,
        "small.esl",
        &[
            "--width-mm",
            "38",
            "--height-mm",
            "38",
            "--picture-out",
            "small.png",
        ],
    )
    .ok();
    let v = w.run(&["seal", "show", "small.esl", "--json"]).ok().json();
    assert_eq!(v["picture"]["width_mm"], 38);
    assert_eq!(png_size(&w.read("small.png")), (449, 449));
    w.run(&[
        "seal", "verify", "oval.esl", "--trust", "root.pem", "--chain", "ca.pem",
    ])
    .ok();
}

#[test]
fn digests_seal_verifies() {
    let w = Work::new();
    seal_pki(&w);
    let v = make_seal(
        &w,
        "digests.esl",
        &[
            "--digests",
            "--es-id",
            "ES-DIGESTS-1",
            "--vendor",
            "test",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(v["cert_list_type"], "digests", "{v}");
    let v = w
        .run(&["seal", "show", "digests.esl", "--json"])
        .ok()
        .json();
    assert_eq!(v["es_id"], "ES-DIGESTS-1");
    assert_eq!(v["header"]["vid"], "test");
    assert_eq!(v["property"]["cert_list_type"], 2);
    assert_eq!(v["property"]["signers"][0]["digest_type"], "SM3");
    assert_eq!(
        v["property"]["signers"][0]["digest"].as_str().map(str::len),
        Some(64)
    );
    let trust = ["--trust", "root.pem", "--chain", "ca.pem"];
    let mut args = vec!["seal", "verify", "digests.esl"];
    args.extend(trust);
    w.run(&args).ok();
    sign_document(&w, "digests.esl", "digests.ses").ok();
    let mut args = vec![
        "ses",
        "verify",
        "digests.ses",
        "--original",
        "document.txt",
        "--json",
    ];
    args.extend(trust);
    let v = w.run(&args).ok().json();
    assert_eq!(
        check(&v["report"], "signature.signer-in-seal")["status"],
        "passed"
    );
    // The other signer is not among the digests either.
    w.run(&[
        "ses",
        "sign",
        "--seal",
        "digests.esl",
        "--cert",
        "other.pem",
        "--key",
        "other.key",
        "document.txt",
        "--out",
        "x.ses",
        "--json",
    ])
    .expect(2)
    .json_error("seal.signer-not-in-list");
}

#[test]
fn given_picture_file() {
    let w = Work::new();
    seal_pki(&w);
    make_seal(&w, "drawn.esl", &["--picture-out", "drawn.png"]).ok();
    // A PNG given as the picture: no --org needed, the format is told from the bytes.
    let v = make_seal(
        &w,
        "given.esl",
        &[
            "--picture",
            "drawn.png",
            "--create-date",
            "2000-01-01T00:00:00Z",
            "--json",
        ],
    );
    // The maker certificate is issued now: a createDate before it is refused.
    v.expect(2).json_error("seal.invalid-params");
    let v = make_seal(
        &w,
        "given.esl",
        &[
            "--picture",
            "drawn.png",
            "--picture-out",
            "copy.png",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(v["picture"]["source"], "file", "{v}");
    assert_eq!(v["picture"]["kind"], "PNG");
    assert_eq!(w.read("copy.png"), w.read("drawn.png"));
    // A GIF named by its bytes; a mismatching --picture-type; an unknown format.
    w.write("tiny.gif", b"GIF89a\x10\x00\x10\x00\x00\x00\x00;");
    let v = make_seal(
        &w,
        "gif.esl",
        &[
            "--picture",
            "tiny.gif",
            "--width-mm",
            "20",
            "--height-mm",
            "20",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(v["picture"]["kind"], "GIF", "{v}");
    assert_eq!(v["picture"]["width_mm"], 20);
    make_seal(
        &w,
        "x.esl",
        &["--picture", "drawn.png", "--picture-type", "GIF", "--json"],
    )
    .expect(2)
    .json_error("cli.usage");
    w.write("unknown.bin", b"\x00\x01\x02\x03");
    make_seal(&w, "x.esl", &["--picture", "unknown.bin", "--json"])
        .expect(2)
        .json_error("cli.usage");
    make_seal(
        &w,
        "x.esl",
        &[
            "--picture",
            "unknown.bin",
            "--picture-type",
            "jpg",
            "--json",
        ],
    )
    .ok();
}

#[test]
fn property_info_defaults_to_the_file_name() {
    let w = Work::new();
    seal_pki(&w);
    make_seal(&w, "seal.esl", &[]).ok();
    w.write("合同 1.txt", DOCUMENT);
    let v = w
        .run(&[
            "ses",
            "sign",
            "--seal",
            "seal.esl",
            "--cert",
            "signer.pem",
            "--key",
            "signer.key",
            "合同 1.txt",
            "--out",
            "contract.ses",
            "--json",
        ])
        .ok()
        .json();
    // propertyInfo is an IA5String: non-ASCII bytes are percent-encoded.
    assert_eq!(v["property_info"], "%E5%90%88%E5%90%8C 1.txt", "{v}");
    w.run(&[
        "ses",
        "verify",
        "contract.ses",
        "--original",
        "合同 1.txt",
        "--trust",
        "root.pem",
        "--chain",
        "ca.pem",
    ])
    .ok();
}

// ---------------------------------------------------------------- vendors

/// The vendor samples, or `None` (and a loud note) when they are absent.
fn interop_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/interop/ses");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "\n*** SKIPPED vendor_samples_show_and_verify: {} is absent; \
             vendor seals were NOT shown or verified through the CLI ***\n",
            dir.display()
        );
        None
    }
}

#[test]
fn vendor_samples_show_and_verify() {
    let Some(dir) = interop_dir() else {
        return;
    };
    let w = Work::new();
    let file = |p: &str| dir.join(p).display().to_string();

    // ofdrw's v4 seal.
    let seal = file("seal-ofdrw-userv4/Seal.esl");
    let v = w.run(&["seal", "show", &seal, "--json"]).ok().json();
    assert_eq!(v["version"], "v4", "{v}");
    assert_eq!(v["es_id"], "51f044b76510434e9bc67a1185c2fba5");
    assert_eq!(v["property"]["seal_type"], 3);
    assert_eq!(v["property"]["name"], "OFD R&W 测试用印章");
    assert_eq!(v["picture"]["kind"], "PNG");
    assert_eq!(v["picture"]["width_mm"], 40);
    assert!(v["maker_certificate"]["subject"].is_string());
    w.run(&["seal", "show", &seal]).ok();
    // Inside its validity: indeterminate without trust anchors (exit 1), with
    // the maker's signature verified.
    let run = w
        .run(&[
            "seal",
            "verify",
            &seal,
            "--at",
            "2021-01-01T00:00:00Z",
            "--json",
        ])
        .expect(1);
    run.json_error("chain.not-checked");
    let v = run.json();
    assert_eq!(v["indication"], "indeterminate");
    assert_eq!(
        check(&v["report"], "seal.maker-signature")["status"],
        "passed"
    );
    // Today it has expired.
    w.run(&["seal", "verify", &seal, "--json"])
        .expect(1)
        .json_error("seal.expired");

    // A v4 signature from an OFD file, with its original.
    let signature = file("zsbk-sign-0/SignedValue.dat");
    let original = file("zsbk-sign-0/Signature.xml");
    let v = w.run(&["ses", "show", &signature, "--json"]).ok().json();
    assert_eq!(
        v["to_sign"]["property_info"], "/Doc_0/Signs/Sign_0/Signature.xml",
        "{v}"
    );
    assert_eq!(v["seal"]["picture"]["width_mm"], 45);
    let run = w
        .run(&[
            "ses",
            "verify",
            &signature,
            "--original",
            &original,
            "--json",
        ])
        .expect(1);
    run.json_error("chain.not-checked");
    let v = run.json();
    assert_eq!(v["indication"], "indeterminate");
    let report = &v["report"];
    for id in [
        "signature.signature",
        "signature.signer-in-seal",
        "signature.data-hash",
    ] {
        assert_eq!(check(report, id)["status"], "passed", "{id}");
    }
    assert_eq!(
        check(&report["seal"], "seal.maker-signature")["status"],
        "passed"
    );
    // The embedded seal is the folder's Seal.esl.
    let v = w
        .run(&["seal", "show", &file("zsbk-sign-0/Seal.esl"), "--json"])
        .ok()
        .json();
    assert_eq!(v["property"]["seal_type"], 15);
    let run = w.run(&["ses", "verify", &signature]).expect(1);
    assert!(
        run.stdout.contains("passed        signature.signature"),
        "{}",
        run.stdout
    );
}

// ---------------------------------------------------------------- demo

#[test]
fn demo_makes_a_seal_and_seals_the_document() {
    let w = Work::new();
    let run = w.run(&["demo", "--dir", "out"]).ok();
    for needle in [
        "made the round seal",
        "verified seal.esl against the root: valid",
        "document.ses",
        "signature.data-hash-mismatch",
        "seal.signer-not-in-list",
        "behaved as expected",
    ] {
        assert!(run.stdout.contains(needle), "{needle:?} in\n{}", run.stdout);
    }
    for file in ["seal.esl", "seal.png", "document.ses"] {
        assert!(w.path("out").join(file).is_file(), "{file}");
    }
    assert_eq!(png_size(&w.read("out/seal.png")), (496, 496));
    // The demo's seal files work with the CLI.
    let trust = ["--trust", "out/root.pem", "--chain", "out/ca.pem"];
    let mut args = vec!["seal", "verify", "out/seal.esl"];
    args.extend(trust);
    w.run(&args).ok();
    let mut args = vec![
        "ses",
        "verify",
        "out/document.ses",
        "--original",
        "out/document.txt",
    ];
    args.extend(trust);
    w.run(&args).ok();
    let mut args = vec![
        "ses",
        "verify",
        "out/document.ses",
        "--original",
        "out/document-tampered.txt",
        "--json",
    ];
    args.extend(trust);
    w.run(&args)
        .expect(1)
        .json_error("signature.data-hash-mismatch");
    let v = w
        .run(&["seal", "show", "out/seal.esl", "--json"])
        .ok()
        .json();
    assert_eq!(v["property"]["name"], "合同专用章");
    let v = w.run(&["demo", "--dir", "out2", "--json"]).ok().json();
    assert!(v["seal"]["es_id"].is_string(), "{v}");
}

// ---------------------------------------------------------------- OpenSSL

#[test]
fn openssl_verifies_a_maker_signature() {
    if !has_openssl() {
        eprintln!(
            "\n*** SKIPPED openssl_verifies_a_maker_signature: `openssl` is not on PATH; \
             install OpenSSL 3 to run this interoperability check ***\n"
        );
        return;
    }
    let w = Work::new();
    seal_pki(&w);
    make_seal(&w, "seal.esl", &[]).ok();
    sign_document(&w, "seal.esl", "document.ses").ok();
    let seal = gmseal::seal::SesSeal::from_der(&w.read("seal.esl")).expect("seal");
    w.write("info.der", seal.info_der());
    w.write("sig.der", seal.signed_value());
    let pem = w.run(&["key", "show", "maker.key", "--json"]).ok().json()["public_key_pem"]
        .as_str()
        .expect("public key PEM")
        .to_owned();
    w.write("maker-pub.pem", pem);
    let verify = |message: &str, key: &str, sig: &str| {
        run_openssl(
            w.dir.path(),
            &[
                "pkeyutl",
                "-verify",
                "-pubin",
                "-inkey",
                key,
                "-rawin",
                "-digest",
                "sm3",
                "-pkeyopt",
                "distid:1234567812345678",
                "-in",
                message,
                "-sigfile",
                sig,
            ],
        )
    };
    let (ok, text) = verify("info.der", "maker-pub.pem", "sig.der");
    assert!(
        ok && text.contains("Signature Verified Successfully"),
        "openssl pkeyutl -verify of the maker signature:\n{text}"
    );
    // One changed byte of SES_SealInfo: OpenSSL must refuse it.
    let mut info = seal.info_der().to_vec();
    let last = info.len() - 1;
    info[last] ^= 0x01;
    w.write("info-tampered.der", &info);
    let (ok, text) = verify("info-tampered.der", "maker-pub.pem", "sig.der");
    assert!(!ok, "openssl verified a tampered SES_SealInfo:\n{text}");

    // The signer's signature over TBS_Sign, too.
    let signature =
        gmseal::seal::SesSignature::from_der(&w.read("document.ses")).expect("signature");
    w.write("tbs.der", signature.to_sign_der());
    w.write("ses-sig.der", signature.signature());
    let pem = w.run(&["key", "show", "signer.key", "--json"]).ok().json()["public_key_pem"]
        .as_str()
        .expect("public key PEM")
        .to_owned();
    w.write("signer-pub.pem", pem);
    let (ok, text) = verify("tbs.der", "signer-pub.pem", "ses-sig.der");
    assert!(
        ok && text.contains("Signature Verified Successfully"),
        "openssl pkeyutl -verify of the seal signature:\n{text}"
    );
}
