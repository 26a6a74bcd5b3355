//! End-to-end tests of the `gmseal` binary: every command, success and failure
//! exit codes (0 success, 1 verification failed, 2 usage/input error), JSON
//! output, the demo, and OpenSSL's view of the certificates the CLI issues.

// The helpers outside `#[test]` functions report failures by panicking too.
#![allow(clippy::panic)]

#[path = "support/run.rs"]
mod support;

use serde_json::Value;
use support::{Work, has_openssl, is_hex, run_openssl};

// ---------------------------------------------------------------- key

#[test]
fn key_gen_to_stdout_prints_only_the_pem() {
    let w = Work::new();
    let run = w.run(&["key", "gen"]).ok();
    assert!(
        run.stdout.starts_with("-----BEGIN PRIVATE KEY-----\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("-----END PRIVATE KEY-----\n"));
    assert_eq!(run.stdout.matches("-----BEGIN").count(), 1);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // The printed key loads.
    w.write("k.pem", &run.stdout);
    let v = w.run(&["key", "show", "k.pem", "--json"]).ok().json();
    assert_eq!(v["kind"], "private");
}

#[test]
fn key_gen_encrypted_show_and_public_key() {
    let w = Work::new();
    w.write("pw.txt", "correct horse 口令\n");
    let run = w
        .run(&[
            "key",
            "gen",
            "--password-file",
            "pw.txt",
            "--iterations",
            "1000",
            "--out",
            "k.pem",
        ])
        .ok();
    assert!(run.stdout.contains("encrypted"), "{}", run.stdout);
    assert!(
        w.read_text("k.pem")
            .starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(w.path("k.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "key file mode {mode:o}");
    }
    // The same password without the trailing newline works too.
    w.write("pw2.txt", "correct horse 口令");
    let text = w
        .run(&["key", "show", "k.pem", "--password-file", "pw2.txt"])
        .ok();
    assert!(text.stdout.contains("SM2 private key"), "{}", text.stdout);
    assert!(!text.stdout.contains("PRIVATE KEY"), "{}", text.stdout);

    let v = w
        .run(&[
            "key",
            "show",
            "k.pem",
            "--password-file",
            "pw.txt",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["kind"], "private");
    let public = v["public_key"].as_str().unwrap();
    assert!(is_hex(public, 130) && public.starts_with("04"), "{public}");
    assert!(is_hex(v["key_identifier"].as_str().unwrap(), 40));
    assert!(is_hex(v["za"].as_str().unwrap(), 64));
    assert_eq!(v["user_id"], "1234567812345678");
    let pem = v["public_key_pem"].as_str().unwrap();
    assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----"));
    assert!(!v.to_string().contains("PRIVATE KEY"));

    // The public key alone shows the same identifiers.
    w.write("pub.pem", pem);
    let p = w.run(&["key", "show", "pub.pem", "--json"]).ok().json();
    assert_eq!(p["kind"], "public");
    assert_eq!(p["public_key"], v["public_key"]);
    assert_eq!(p["key_identifier"], v["key_identifier"]);
    assert_eq!(p["za"], v["za"]);
}

#[test]
fn wrong_or_missing_password_is_a_clear_input_error() {
    let w = Work::new();
    w.write("pw.txt", "right\n");
    w.write("bad.txt", "wrong\n");
    w.write("empty.txt", "\n");
    w.run(&[
        "key",
        "gen",
        "--password-file",
        "pw.txt",
        "--iterations",
        "1000",
        "--out",
        "k.pem",
    ])
    .ok();
    let run = w
        .run(&["key", "show", "k.pem", "--password-file", "bad.txt"])
        .expect(2);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stderr.contains("wrong password"), "{}", run.stderr);
    assert!(run.stderr.contains("k.pem"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let message = w
        .run(&[
            "key",
            "show",
            "k.pem",
            "--password-file",
            "bad.txt",
            "--json",
        ])
        .expect(2)
        .json_error("crypto.wrong-password");
    assert!(message.contains("k.pem"), "{message}");

    let run = w.run(&["key", "show", "k.pem"]).expect(2);
    assert!(
        run.stderr.contains("password is required"),
        "{}",
        run.stderr
    );
    let run = w
        .run(&["key", "show", "k.pem", "--password-file", "empty.txt"])
        .expect(2);
    assert!(run.stderr.contains("empty.txt"), "{}", run.stderr);
    let run = w
        .run(&["key", "show", "k.pem", "--password-file", "missing.txt"])
        .expect(2);
    assert!(run.stderr.contains("missing.txt"), "{}", run.stderr);
    // A wrong password for an issuer key, too.
    w.key("root.key");
    let run = w
        .run(&[
            "cert",
            "issue",
            "--profile",
            "root",
            "--subject",
            "CN=r,C=CN",
            "--key",
            "k.pem",
            "--key-password-file",
            "bad.txt",
            "--out",
            "r.pem",
            "--json",
        ])
        .expect(2);
    run.json_error("crypto.wrong-password");
}

// ---------------------------------------------------------------- input errors

#[test]
fn wrong_pem_label_is_an_input_error() {
    let w = Work::new();
    w.pki();
    let run = w.run(&["key", "show", "root.pem"]).expect(2);
    assert!(
        run.stderr.contains("unexpected PEM label"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("root.pem"), "{}", run.stderr);
    let run = w.run(&["cert", "show", "root.key"]).expect(2);
    assert!(run.stderr.contains("\"PRIVATE KEY\""), "{}", run.stderr);
    assert!(run.stderr.contains("root.key"), "{}", run.stderr);
    w.run(&["cert", "show", "root.key", "--json"])
        .expect(2)
        .json_error("crypto.pem");
    let run = w.run(&["crl", "show", "ca.pem"]).expect(2);
    assert!(run.stderr.contains("ca.pem"), "{}", run.stderr);
    w.write("doc.txt", "x");
    let run = w
        .run(&["cms", "verify", "ca.pem", "--content", "doc.txt"])
        .expect(2);
    assert!(
        run.stderr.contains("unexpected PEM label"),
        "{}",
        run.stderr
    );
    // A key where a certificate is expected.
    let run = w
        .run(&[
            "cms",
            "sign",
            "--cert",
            "signer.key",
            "--key",
            "signer.key",
            "doc.txt",
            "--out",
            "x.p7s",
        ])
        .expect(2);
    assert!(run.stderr.contains("signer.key"), "{}", run.stderr);
}

#[test]
fn missing_files_and_bad_arguments_exit_2() {
    let w = Work::new();
    // clap's own usage errors.
    w.run(&[]).expect(2);
    w.run(&["cert", "issue", "--profile", "boss"]).expect(2);
    w.run(&["cert", "verify", "x.pem"]).expect(2); // --trust is required
    w.run(&["crl", "issue", "--reason", "oops"]).expect(2);
    w.run(&["--help"]).ok();
    w.run(&["--version"]).ok();

    let run = w.run(&["cert", "show", "nope.pem"]).expect(2);
    assert!(run.stderr.contains("nope.pem"), "{}", run.stderr);
    let message = w
        .run(&["cert", "show", "nope.pem", "--json"])
        .expect(2)
        .json_error("input.io");
    assert!(message.contains("nope.pem"), "{message}");

    w.pki();
    let issue_ca = |extra: &[&str]| {
        let mut args = vec![
            "cert",
            "issue",
            "--profile",
            "ca",
            "--subject",
            "CN=x,C=CN",
            "--key",
            "ca.key",
            "--out",
            "x.pem",
        ];
        args.extend_from_slice(extra);
        w.run(&args)
    };
    let run = issue_ca(&[]).expect(2);
    assert!(run.stderr.contains("--issuer-cert"), "{}", run.stderr);
    issue_ca(&[
        "--issuer-cert",
        "root.pem",
        "--issuer-key",
        "root.key",
        "--not-before",
        "yesterday",
        "--json",
    ])
    .expect(2)
    .json_error("input.invalid");
    // Validity outside the issuer's.
    issue_ca(&[
        "--issuer-cert",
        "root.pem",
        "--issuer-key",
        "root.key",
        "--days",
        "99999",
        "--json",
    ])
    .expect(2)
    .json_error("pki.invalid-params");
    // The issuer key does not match the issuer certificate.
    issue_ca(&["--issuer-cert", "root.pem", "--issuer-key", "ca.key"]).expect(2);
    let run = w
        .run(&[
            "cert",
            "issue",
            "--profile",
            "root",
            "--subject",
            "CN=r,C=CN",
            "--key",
            "root.key",
            "--issuer-cert",
            "root.pem",
            "--issuer-key",
            "root.key",
            "--out",
            "r.pem",
        ])
        .expect(2);
    assert!(run.stderr.contains("self-signed"), "{}", run.stderr);
    w.run(&[
        "cert",
        "issue",
        "--profile",
        "signer",
        "--subject",
        "CN=s,C=CN",
        "--key",
        "signer.key",
        "--issuer-cert",
        "ca.pem",
        "--issuer-key",
        "ca.key",
        "--path-len",
        "1",
        "--out",
        "s.pem",
    ])
    .expect(2);
    w.run(&[
        "cert",
        "issue",
        "--profile",
        "root",
        "--subject",
        "not a name",
        "--key",
        "root.key",
        "--out",
        "r.pem",
        "--json",
    ])
    .expect(2)
    .json_error("pki.invalid-name");
    w.run(&[
        "cert",
        "verify",
        "signer.pem",
        "--trust",
        "root.pem",
        "--chain",
        "ca.pem",
        "--at",
        "soon",
        "--json",
    ])
    .expect(2)
    .json_error("input.invalid");
    // A root's key must be private.
    w.run(&["key", "show", "root.key", "--json"]).ok();
    let pem = w.run(&["key", "show", "root.key", "--json"]).json()["public_key_pem"]
        .as_str()
        .unwrap()
        .to_owned();
    w.write("root.pub", pem);
    let run = w
        .run(&[
            "cert",
            "issue",
            "--profile",
            "root",
            "--subject",
            "CN=r,C=CN",
            "--key",
            "root.pub",
            "--out",
            "r.pem",
        ])
        .expect(2);
    assert!(run.stderr.contains("public key"), "{}", run.stderr);
    // --crl/--at without --trust.
    w.write("doc.txt", "x");
    w.run(&[
        "cms",
        "sign",
        "--cert",
        "signer.pem",
        "--key",
        "signer.key",
        "doc.txt",
        "--out",
        "doc.p7s",
    ])
    .ok();
    w.run(&[
        "cms",
        "verify",
        "doc.p7s",
        "--content",
        "doc.txt",
        "--at",
        "2030-01-01",
    ])
    .expect(2);
    // The signing key does not match the certificate.
    w.run(&[
        "cms",
        "sign",
        "--cert",
        "signer.pem",
        "--key",
        "ca.key",
        "doc.txt",
        "--out",
        "x.p7s",
    ])
    .expect(2);
    // Garbage and truncated signatures are malformed input, not failed verification.
    w.write("garbage.p7s", b"\x30\x03\x02\x01");
    w.run(&[
        "cms",
        "verify",
        "garbage.p7s",
        "--content",
        "doc.txt",
        "--json",
    ])
    .expect(2)
    .json_error("decode.malformed");
    let sig = w.read("doc.p7s");
    w.write("short.p7s", &sig[..sig.len() / 2]);
    w.run(&["cms", "verify", "short.p7s", "--content", "doc.txt"])
        .expect(2);
}

// ---------------------------------------------------------------- cert

#[test]
fn cert_issue_show_and_verify() {
    let w = Work::new();
    w.pki();
    // show: one file with two PEM blocks, and a DER file.
    let bundle = format!("{}{}", w.read_text("ca.pem"), w.read_text("root.pem"));
    w.write("bundle.pem", bundle);
    let v = w
        .run(&["cert", "show", "bundle.pem", "signer.pem", "--json"])
        .ok()
        .json();
    assert_eq!(v["ok"], true);
    let certs = v["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 3);
    assert_eq!(certs[0]["subject"], "CN=测试签发CA,O=gmseal 测试,C=CN");
    assert_eq!(certs[0]["basic_constraints"]["ca"], true);
    assert_eq!(certs[0]["basic_constraints"]["path_len"], 0);
    assert_eq!(
        certs[0]["crl_distribution_points"][0],
        "http://crl.example.invalid/ca.crl"
    );
    assert_eq!(certs[1]["subject"], certs[1]["issuer"]);
    assert_eq!(certs[1]["index"], 1);
    assert_eq!(certs[2]["file"], "signer.pem");
    assert!(
        certs[2]["extended_key_usage"][0]
            .as_str()
            .unwrap()
            .contains("documentSigning")
    );
    assert!(
        certs[2]["signature_algorithm"]
            .as_str()
            .unwrap()
            .contains("1.2.156.10197.1.501")
    );
    let text = w.run(&["cert", "show", "signer.pem"]).ok().stdout;
    assert!(text.contains("签章者 张三"), "{text}");
    assert!(text.contains("digitalSignature"), "{text}");

    // issue: DER output, fixed serial, a public key as the subject key, --path-len.
    let pub_pem = w.run(&["key", "show", "tsa.key", "--json"]).ok().json()["public_key_pem"]
        .as_str()
        .unwrap()
        .to_owned();
    w.write("tsa.pub", pub_pem);
    let v = w
        .run(&[
            "cert",
            "issue",
            "--profile",
            "seal-maker",
            "--subject",
            "CN=制章者,C=CN",
            "--key",
            "tsa.pub",
            "--issuer-cert",
            "ca.pem",
            "--issuer-key",
            "ca.key",
            "--serial",
            "0A1B2C",
            "--days",
            "30",
            "--out",
            "maker.der",
            "--der",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["certificate"]["serial_number"], "0A1B2C");
    assert_eq!(v["format"], "der");
    assert_eq!(w.read("maker.der")[0], 0x30);
    let shown = w.run(&["cert", "show", "maker.der", "--json"]).ok().json();
    assert_eq!(shown["certificates"][0]["serial_number"], "0A1B2C");
    let key = w.run(&["key", "show", "tsa.key", "--json"]).ok().json();
    assert_eq!(shown["certificates"][0]["public_key"], key["public_key"]);
    w.run(&[
        "cert",
        "verify",
        "maker.der",
        "--chain",
        "ca.pem",
        "--trust",
        "root.pem",
        "--purpose",
        "seal-making",
    ])
    .ok();
    let v = w
        .run(&[
            "cert",
            "issue",
            "--profile",
            "ca",
            "--subject",
            "CN=二级CA,C=CN",
            "--key",
            "ca.key",
            "--issuer-cert",
            "root.pem",
            "--issuer-key",
            "root.key",
            "--path-len",
            "2",
            "--days",
            "10",
            "--out",
            "ca2.pem",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["certificate"]["basic_constraints"]["path_len"], 2);

    // verify: a good path.
    let v = w
        .run(&[
            "cert",
            "verify",
            "signer.pem",
            "--chain",
            "ca.pem",
            "--trust",
            "root.pem",
            "--purpose",
            "document-signing",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["valid"], true);
    assert_eq!(v["purpose"], "document-signing");
    let path = v["path"].as_array().unwrap();
    assert_eq!(path.len(), 3);
    assert_eq!(path[0]["subject"], "CN=签章者 张三,O=示例单位,C=CN");
    assert_eq!(path[0]["revocation"]["status"], "not-checked");
    assert_eq!(path[2]["revocation"]["status"], "trust-anchor");
    let text = w
        .run(&[
            "cert",
            "verify",
            "tsa.pem",
            "--chain",
            "ca.pem",
            "--trust",
            "root.pem",
            "--purpose",
            "time-stamping",
        ])
        .ok()
        .stdout;
    assert!(text.contains("path valid"), "{text}");
    w.run(&[
        "cert",
        "verify",
        "ca.pem",
        "--trust",
        "root.pem",
        "--purpose",
        "ca",
    ])
    .ok();
    w.run(&["cert", "verify", "root.pem", "--trust", "root.pem"])
        .ok();
    // --accept-empty-id still accepts the standard ID.
    w.run(&[
        "cert",
        "verify",
        "signer.pem",
        "--chain",
        "ca.pem",
        "--trust",
        "root.pem",
        "--accept-empty-id",
    ])
    .ok();

    // verify: negative outcomes exit 1.
    w.run(&[
        "cert",
        "verify",
        "signer.pem",
        "--chain",
        "ca.pem",
        "--trust",
        "root.pem",
        "--purpose",
        "time-stamping",
        "--json",
    ])
    .expect(1)
    .json_error("pki.key-usage");
    let run = w
        .run(&["cert", "verify", "signer.pem", "--trust", "root.pem"])
        .expect(1);
    assert!(run.stderr.contains("signer.pem"), "{}", run.stderr);
    w.key("other.key");
    w.run(&[
        "cert",
        "issue",
        "--profile",
        "root",
        "--subject",
        "CN=测试根CA,O=gmseal 测试,C=CN",
        "--key",
        "other.key",
        "--out",
        "impostor.pem",
    ])
    .ok();
    w.run(&[
        "cert",
        "verify",
        "signer.pem",
        "--chain",
        "ca.pem",
        "--trust",
        "impostor.pem",
    ])
    .expect(1);
}

#[test]
fn expired_certificate_with_at_exits_1() {
    let w = Work::new();
    w.pki();
    let message = w
        .run(&[
            "cert",
            "verify",
            "signer.pem",
            "--chain",
            "ca.pem",
            "--trust",
            "root.pem",
            "--at",
            "2100-01-01T00:00:00Z",
            "--json",
        ])
        .expect(1)
        .json_error("pki.expired");
    assert!(message.contains("2100-01-01T00:00:00Z"), "{message}");
    // Not yet valid is the same failure.
    w.run(&[
        "cert",
        "verify",
        "signer.pem",
        "--chain",
        "ca.pem",
        "--trust",
        "root.pem",
        "--at",
        "2000-01-01",
    ])
    .expect(1);

    // An old PKI: valid in 2020, expired now.
    w.key("old.key");
    w.run(&[
        "cert",
        "issue",
        "--profile",
        "root",
        "--subject",
        "CN=旧根,C=CN",
        "--key",
        "old.key",
        "--not-before",
        "2020-01-01T00:00:00+08:00",
        "--days",
        "100",
        "--out",
        "old-root.pem",
    ])
    .ok();
    w.run(&[
        "cert",
        "issue",
        "--profile",
        "signer",
        "--subject",
        "CN=旧签章者,C=CN",
        "--key",
        "signer.key",
        "--issuer-cert",
        "old-root.pem",
        "--issuer-key",
        "old.key",
        "--not-before",
        "2020-01-02T00:00:00Z",
        "--days",
        "30",
        "--out",
        "old-signer.pem",
    ])
    .ok();
    w.run(&[
        "cert",
        "verify",
        "old-signer.pem",
        "--trust",
        "old-root.pem",
        "--json",
    ])
    .expect(1)
    .json_error("pki.expired");
    w.run(&[
        "cert",
        "verify",
        "old-signer.pem",
        "--trust",
        "old-root.pem",
        "--at",
        "2020-01-15T12:00:00Z",
    ])
    .ok();
}

// ---------------------------------------------------------------- crl

#[test]
fn crl_issue_show_and_revocation() {
    let w = Work::new();
    w.pki();
    let signer_serial = w.run(&["cert", "show", "signer.pem", "--json"]).ok().json()
        ["certificates"][0]["serial_number"]
        .clone();
    let v = w
        .run(&[
            "crl",
            "issue",
            "--issuer-cert",
            "ca.pem",
            "--issuer-key",
            "ca.key",
            "--revoke",
            "signer.pem",
            "--reason",
            "keyCompromise",
            "--number",
            "7",
            "--out",
            "ca.crl",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["crl_number"], "07");
    let v = w
        .run(&["crl", "show", "ca.crl", "--issuer-cert", "ca.pem", "--json"])
        .ok()
        .json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["signature_verified"], true);
    assert_eq!(v["issuer"], "CN=测试签发CA,O=gmseal 测试,C=CN");
    assert_eq!(v["revoked"][0]["serial_number"], signer_serial);
    assert_eq!(v["revoked"][0]["reason"], "keyCompromise");
    let text = w.run(&["crl", "show", "ca.crl"]).ok().stdout;
    assert!(text.contains("keyCompromise"), "{text}");
    // The wrong issuer certificate does not verify the CRL.
    w.run(&["crl", "show", "ca.crl", "--issuer-cert", "root.pem"])
        .expect(1);
    // Only a CA may issue CRLs: an input error, not a failed verification.
    w.run(&[
        "crl",
        "issue",
        "--issuer-cert",
        "signer.pem",
        "--issuer-key",
        "signer.key",
        "--out",
        "bad.crl",
        "--json",
    ])
    .expect(2)
    .json_error("pki.invalid-params");

    // The revoked signer fails validation; the TSA is still good.
    let message = w
        .run(&[
            "cert",
            "verify",
            "signer.pem",
            "--chain",
            "ca.pem",
            "--trust",
            "root.pem",
            "--crl",
            "ca.crl",
            "--json",
        ])
        .expect(1)
        .json_error("pki.revoked");
    assert!(message.contains("keyCompromise"), "{message}");
    let run = w
        .run(&[
            "cert",
            "verify",
            "signer.pem",
            "--chain",
            "ca.pem",
            "--trust",
            "root.pem",
            "--crl",
            "ca.crl",
        ])
        .expect(1);
    assert!(run.stderr.contains("revoked"), "{}", run.stderr);
    let v = w
        .run(&[
            "cert", "verify", "tsa.pem", "--chain", "ca.pem", "--trust", "root.pem", "--crl",
            "ca.crl", "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["path"][0]["revocation"]["status"], "good");
    assert_eq!(v["path"][0]["revocation"]["crl_number"], "07");
    assert_eq!(v["path"][1]["revocation"]["status"], "not-checked");

    // --require-crl: every certificate below the root needs a CRL.
    w.run(&[
        "cert",
        "verify",
        "tsa.pem",
        "--chain",
        "ca.pem",
        "--trust",
        "root.pem",
        "--crl",
        "ca.crl",
        "--require-crl",
        "--json",
    ])
    .expect(1)
    .json_error("pki.crl");
    w.run(&[
        "crl",
        "issue",
        "--issuer-cert",
        "root.pem",
        "--issuer-key",
        "root.key",
        "--days",
        "30",
        "--out",
        "root.crl",
        "--der",
    ])
    .ok();
    assert_eq!(w.read("root.crl")[0], 0x30);
    let v = w
        .run(&[
            "cert",
            "verify",
            "tsa.pem",
            "--chain",
            "ca.pem",
            "--trust",
            "root.pem",
            "--crl",
            "ca.crl",
            "--crl",
            "root.crl",
            "--require-crl",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["path"][1]["revocation"]["status"], "good");
}

// ---------------------------------------------------------------- cms

#[test]
fn cms_sign_and_verify() {
    let w = Work::new();
    w.pki();
    w.write("doc.txt", "电子证照 sample document\n");
    let v = w
        .run(&[
            "cms",
            "sign",
            "--cert",
            "signer.pem",
            "--key",
            "signer.key",
            "--chain",
            "ca.pem",
            "doc.txt",
            "--out",
            "doc.p7s",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["oid_family"], "rfc5652");
    assert_eq!(v["certificates"], 2);
    assert_eq!(w.read("doc.p7s")[0], 0x30);

    // Without a trust store: valid signature, but the chain is not checked.
    let run = w
        .run(&["cms", "verify", "doc.p7s", "--content", "doc.txt"])
        .ok();
    assert!(run.stdout.contains("signature valid"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("signer not validated against a trust store"),
        "{}",
        run.stdout
    );
    let v = w
        .run(&["cms", "verify", "doc.p7s", "--content", "doc.txt", "--json"])
        .ok()
        .json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["signature_valid"], true);
    assert_eq!(v["chain_validated"], false);
    assert_eq!(v["chain"], Value::Null);
    assert_eq!(v["warning"], "signer not validated against a trust store");
    assert_eq!(v["signature"]["oid_family"], "rfc5652");
    assert_eq!(v["signature"]["signature"]["variant"], "user-id");
    assert!(v["signature"]["signing_time"].is_string());

    // With a trust store (the CA certificate is embedded).
    let v = w
        .run(&[
            "cms",
            "verify",
            "doc.p7s",
            "--content",
            "doc.txt",
            "--trust",
            "root.pem",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["chain_validated"], true);
    assert_eq!(v["purpose"], "document-signing");
    assert_eq!(v["chain"].as_array().unwrap().len(), 3);
    assert_eq!(v["validation_time"], v["signature"]["signing_time"]);
    assert_eq!(
        v["signature"]["signer_certificate"]["subject"],
        "CN=签章者 张三,O=示例单位,C=CN"
    );
    let text = w
        .run(&[
            "cms",
            "verify",
            "doc.p7s",
            "--content",
            "doc.txt",
            "--trust",
            "root.pem",
        ])
        .ok()
        .stdout;
    assert!(text.contains("certificate path valid"), "{text}");
    assert!(!text.contains("not validated"), "{text}");

    // GM/T 0010 OIDs, PEM, no signing time, no embedded CA.
    w.run(&[
        "cms",
        "sign",
        "--cert",
        "signer.pem",
        "--key",
        "signer.key",
        "--gmt0010",
        "--no-signing-time",
        "--pem",
        "doc.txt",
        "--out",
        "doc.pem",
    ])
    .ok();
    assert!(w.read_text("doc.pem").starts_with("-----BEGIN CMS-----\n"));
    // The CA is missing: the path cannot be built without --chain.
    w.run(&[
        "cms",
        "verify",
        "doc.pem",
        "--content",
        "doc.txt",
        "--trust",
        "root.pem",
        "--json",
    ])
    .expect(1)
    .json_error("pki.unknown-issuer");
    let v = w
        .run(&[
            "cms",
            "verify",
            "doc.pem",
            "--content",
            "doc.txt",
            "--trust",
            "root.pem",
            "--chain",
            "ca.pem",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["signature"]["oid_family"], "gmt-0010");
    assert_eq!(v["signature"]["signing_time"], Value::Null);
    assert_eq!(v["chain_validated"], true);

    // The TSA certificate may not sign documents.
    w.run(&[
        "cms", "sign", "--cert", "tsa.pem", "--key", "tsa.key", "--chain", "ca.pem", "doc.txt",
        "--out", "tsa.p7s",
    ])
    .ok();
    w.run(&[
        "cms",
        "verify",
        "tsa.p7s",
        "--content",
        "doc.txt",
        "--trust",
        "root.pem",
        "--json",
    ])
    .expect(1)
    .json_error("pki.key-usage");

    // An encrypted signing key.
    w.write("pw.txt", "pw\n");
    w.run(&[
        "key",
        "gen",
        "--password-file",
        "pw.txt",
        "--iterations",
        "1000",
        "--out",
        "enc.key",
    ])
    .ok();
    w.run(&[
        "cert",
        "issue",
        "--profile",
        "signer",
        "--subject",
        "CN=李四,C=CN",
        "--key",
        "enc.key",
        "--key-password-file",
        "pw.txt",
        "--issuer-cert",
        "ca.pem",
        "--issuer-key",
        "ca.key",
        "--out",
        "enc.pem",
    ])
    .ok();
    w.run(&[
        "cms",
        "sign",
        "--cert",
        "enc.pem",
        "--key",
        "enc.key",
        "--key-password-file",
        "pw.txt",
        "doc.txt",
        "--out",
        "enc.p7s",
    ])
    .ok();
    w.run(&[
        "cms",
        "verify",
        "enc.p7s",
        "--content",
        "doc.txt",
        "--trust",
        "root.pem",
        "--chain",
        "ca.pem",
    ])
    .ok();
}

#[test]
fn cms_tampered_revoked_and_expired_exit_1() {
    let w = Work::new();
    w.pki();
    w.write("doc.txt", "original content");
    w.run(&[
        "cms",
        "sign",
        "--cert",
        "signer.pem",
        "--key",
        "signer.key",
        "--chain",
        "ca.pem",
        "doc.txt",
        "--out",
        "doc.p7s",
    ])
    .ok();
    // One changed byte of the content.
    w.write("tampered.txt", "original c0ntent");
    let run = w
        .run(&["cms", "verify", "doc.p7s", "--content", "tampered.txt"])
        .expect(1);
    assert!(run.stderr.contains("was modified"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    w.run(&[
        "cms",
        "verify",
        "doc.p7s",
        "--content",
        "tampered.txt",
        "--trust",
        "root.pem",
        "--json",
    ])
    .expect(1)
    .json_error("cms.digest-mismatch");
    // One changed byte of the signature value (the last byte of the DER).
    let mut sig = w.read("doc.p7s");
    let last = sig.len() - 1;
    sig[last] ^= 0x01;
    w.write("bad-sig.p7s", &sig);
    w.run(&[
        "cms",
        "verify",
        "bad-sig.p7s",
        "--content",
        "doc.txt",
        "--json",
    ])
    .expect(1)
    .json_error("cms.bad-signature");

    // Revoked signer: dated a minute back, so that the revocation precedes
    // the signing time even when the two fall in different seconds.
    let revoked_at = gmseal::Timestamp::now().minus_seconds(60).to_string();
    w.run(&[
        "crl",
        "issue",
        "--issuer-cert",
        "ca.pem",
        "--issuer-key",
        "ca.key",
        "--revoke",
        "signer.pem",
        "--reason",
        "superseded",
        "--this-update",
        &revoked_at,
        "--out",
        "ca.crl",
    ])
    .ok();
    let message = w
        .run(&[
            "cms",
            "verify",
            "doc.p7s",
            "--content",
            "doc.txt",
            "--trust",
            "root.pem",
            "--crl",
            "ca.crl",
            "--at",
            "2099-01-01T00:00:00Z",
            "--json",
        ])
        .expect(1)
        .json_error("pki.expired");
    assert!(message.contains("intact"), "{message}");
    let message = w
        .run(&[
            "cms",
            "verify",
            "doc.p7s",
            "--content",
            "doc.txt",
            "--trust",
            "root.pem",
            "--crl",
            "ca.crl",
            "--json",
        ])
        .expect(1)
        .json_error("pki.revoked");
    assert!(message.contains("superseded"), "{message}");
}

// ---------------------------------------------------------------- demo

#[test]
fn demo_runs_and_checks_every_outcome() {
    let w = Work::new();
    let run = w.run(&["demo", "--dir", "out"]).ok();
    for needle in [
        "generated 5 SM2 keys",
        "GM/T 0010",
        "RFC 5652",
        "was revoked",
        "keyCompromise",
        "does not match the signed message digest",
        "behaved as expected",
    ] {
        assert!(run.stdout.contains(needle), "{needle:?} in\n{}", run.stdout);
    }
    for file in [
        "root.pem",
        "ca.pem",
        "seal-maker.pem",
        "signer.pem",
        "tsa.pem",
        "signer.key.pem",
        "signer.password",
        "document.txt",
        "document.p7s",
        "document.gmt0010.p7s",
        "ca.crl.pem",
        "document-tampered.txt",
    ] {
        assert!(w.path("out").join(file).is_file(), "{file}");
    }
    assert!(
        w.read_text("out/signer.key.pem")
            .starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    );
    // The demo's files work with the other commands.
    w.run(&[
        "cms",
        "verify",
        "out/document.gmt0010.p7s",
        "--content",
        "out/document.txt",
        "--trust",
        "out/root.pem",
    ])
    .ok();
    w.run(&[
        "cms",
        "verify",
        "out/document.p7s",
        "--content",
        "out/document-tampered.txt",
    ])
    .expect(1);
    w.run(&[
        "cert",
        "verify",
        "out/tsa.pem",
        "--chain",
        "out/ca.pem",
        "--trust",
        "out/root.pem",
        "--crl",
        "out/ca.crl.pem",
    ])
    .expect(1);
    w.run(&[
        "key",
        "show",
        "out/signer.key.pem",
        "--password-file",
        "out/signer.password",
    ])
    .ok();

    let v = w.run(&["demo", "--dir", "out2", "--json"]).ok().json();
    assert_eq!(v["ok"], true);
    assert!(v["steps"].as_array().unwrap().len() >= 10);
}

// ---------------------------------------------------------------- OpenSSL

#[test]
fn openssl_accepts_the_certificates_the_cli_issues() {
    if !has_openssl() {
        eprintln!(
            "\n*** SKIPPED openssl_accepts_the_certificates_the_cli_issues: \
             `openssl` is not on PATH; install OpenSSL 3 to run this interoperability check ***\n"
        );
        return;
    }
    let w = Work::new();
    w.pki();
    let dir = w.dir.path();
    for cert in ["root.pem", "ca.pem", "signer.pem", "tsa.pem"] {
        let (ok, text) = run_openssl(dir, &["x509", "-in", cert, "-noout", "-text"]);
        assert!(ok, "openssl x509 {cert}:\n{text}");
        assert!(text.contains("SM2-with-SM3"), "{cert}:\n{text}");
    }
    // The whole chain, as the brief asks.
    let (ok, text) = run_openssl(
        dir,
        &[
            "verify",
            "-vfyopt",
            "distid:1234567812345678",
            "-CAfile",
            "root.pem",
            "-untrusted",
            "ca.pem",
            "signer.pem",
        ],
    );
    if !(ok && text.contains("signer.pem: OK")) {
        // OpenSSL 3.0 to 3.6 apply -vfyopt distid only to the certificate named
        // on the command line and check the intermediate's signature with the
        // empty user ID (openssl/openssl#23471), so a three-level SM2 chain signed
        // per GM/T 0015 fails at depth 1. Accept exactly that failure, then check
        // each link with the ID applied to it.
        assert!(
            text.contains("error 7 at 1 depth"),
            "openssl verify of the chain failed other than by the known depth-1 distid issue:\n{text}"
        );
        eprintln!(
            "note: this OpenSSL checks intermediates without the distid (openssl#23471); \
             verifying the chain link by link"
        );
        let (ok, text) = run_openssl(
            dir,
            &[
                "verify",
                "-vfyopt",
                "distid:1234567812345678",
                "-CAfile",
                "root.pem",
                "ca.pem",
            ],
        );
        assert!(ok && text.contains("ca.pem: OK"), "{text}");
        let (ok, text) = run_openssl(
            dir,
            &[
                "verify",
                "-vfyopt",
                "distid:1234567812345678",
                "-partial_chain",
                "-CAfile",
                "ca.pem",
                "signer.pem",
            ],
        );
        assert!(ok && text.contains("signer.pem: OK"), "{text}");
    }
    // Without the ID OpenSSL must reject the signature: the ID really is in ZA.
    let (ok, text) = run_openssl(dir, &["verify", "-CAfile", "root.pem", "ca.pem"]);
    assert!(!ok, "openssl verified without the distid:\n{text}");

    // The CRL parses and verifies with the CA's key.
    w.run(&[
        "crl",
        "issue",
        "--issuer-cert",
        "ca.pem",
        "--issuer-key",
        "ca.key",
        "--revoke",
        "tsa.pem",
        "--out",
        "ca.crl",
    ])
    .ok();
    let (ok, text) = run_openssl(dir, &["crl", "-in", "ca.crl", "-noout", "-text"]);
    assert!(ok && text.contains("SM2-with-SM3"), "{text}");
}
