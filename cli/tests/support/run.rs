//! Helpers shared by the integration tests of the `gmseal` binary: run it in a
//! temporary directory, check exit codes and JSON, build a small PKI, run OpenSSL.
//!
//! Included with `#[path]` by each test crate, which uses a subset of it.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// The outcome of one run of the binary.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) args: Vec<String>,
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    /// Assert the exit code and return self.
    #[track_caller]
    pub(crate) fn expect(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "gmseal {:?} exited {} (expected {code})\n--- stdout\n{}\n--- stderr\n{}",
            self.args, self.code, self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub(crate) fn ok(self) -> Self {
        self.expect(0)
    }

    /// stdout parsed as one JSON object.
    #[track_caller]
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "gmseal {:?}: stdout is not one JSON object ({e}):\n{}",
                self.args, self.stdout
            )
        })
    }

    /// Assert a JSON failure with `code` and return the error message.
    #[track_caller]
    pub(crate) fn json_error(&self, code: &str) -> String {
        let v = self.json();
        assert_eq!(v["ok"], false, "{v}");
        assert_eq!(v["code"], code, "{v}");
        v["error"].as_str().expect("error message").to_owned()
    }
}

/// A temporary working directory in which the binary runs.
pub(crate) struct Work {
    pub(crate) dir: TempDir,
}

impl Work {
    pub(crate) fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub(crate) fn write(&self, name: &str, data: impl AsRef<[u8]>) {
        std::fs::write(self.path(name), data).expect("write");
    }

    pub(crate) fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).expect("read")
    }

    pub(crate) fn read_text(&self, name: &str) -> String {
        String::from_utf8(self.read(name)).expect("utf-8")
    }

    /// Run `gmseal args...` in the directory.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_gmseal"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("run gmseal");
        Run {
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            code: out.status.code().expect("exit code"),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Generate an unencrypted key into `name`.
    pub(crate) fn key(&self, name: &str) {
        self.run(&["key", "gen", "--out", name]).ok();
    }

    /// Root, CA and document signer (plus a TSA) issued with the CLI.
    pub(crate) fn pki(&self) {
        for k in ["root.key", "ca.key", "signer.key", "tsa.key"] {
            self.key(k);
        }
        self.cert(
            "root",
            "CN=测试根CA,O=gmseal 测试,C=CN",
            "root.key",
            None,
            &[],
            "root.pem",
        );
        self.run(&[
            "cert",
            "issue",
            "--profile",
            "ca",
            "--subject",
            "CN=测试签发CA,O=gmseal 测试,C=CN",
            "--key",
            "ca.key",
            "--issuer-cert",
            "root.pem",
            "--issuer-key",
            "root.key",
            "--days",
            "1825",
            "--crl-url",
            "http://crl.example.invalid/ca.crl",
            "--out",
            "ca.pem",
        ])
        .ok();
        for (profile, subject, key, out) in [
            (
                "signer",
                "CN=签章者 张三,O=示例单位,C=CN",
                "signer.key",
                "signer.pem",
            ),
            (
                "tsa",
                "CN=时间戳服务,O=gmseal 测试,C=CN",
                "tsa.key",
                "tsa.pem",
            ),
        ] {
            self.run(&[
                "cert",
                "issue",
                "--profile",
                profile,
                "--subject",
                subject,
                "--key",
                key,
                "--issuer-cert",
                "ca.pem",
                "--issuer-key",
                "ca.key",
                "--out",
                out,
            ])
            .ok();
        }
    }

    /// `cert issue --profile profile --subject subject --key key.key --out
    /// out` (a root when `issuer` is `None`, else issued by
    /// `issuer.pem`/`issuer.key`), with `extra` arguments.
    #[allow(dead_code)] // not every test binary uses it
    pub(crate) fn cert(
        &self,
        profile: &str,
        subject: &str,
        key: &str,
        issuer: Option<&str>,
        extra: &[&str],
        out: &str,
    ) {
        let (issuer_cert, issuer_key) = issuer.map_or((String::new(), String::new()), |i| {
            (format!("{i}.pem"), format!("{i}.key"))
        });
        let mut args = vec![
            "cert",
            "issue",
            "--profile",
            profile,
            "--subject",
            subject,
            "--key",
            key,
            "--out",
            out,
        ];
        if issuer.is_some() {
            args.extend(["--issuer-cert", &issuer_cert, "--issuer-key", &issuer_key]);
        }
        args.extend(extra);
        self.run(&args).ok();
    }

    /// A PKI made with the CLI: `root.pem`, `ca.pem` (issued by the root),
    /// `maker.pem` (seal maker), `signer.pem` (the signer seals list) and
    /// `other.pem` (a document signer they do not list), each with its
    /// `.key`; the end entities are issued by the CA.
    #[allow(dead_code)] // not every test binary uses it
    pub(crate) fn seal_pki(&self) {
        for k in ["root.key", "ca.key", "maker.key", "signer.key", "other.key"] {
            self.key(k);
        }
        self.cert(
            "root",
            "CN=测试根CA,O=gmseal 测试,C=CN",
            "root.key",
            None,
            &[],
            "root.pem",
        );
        // Longer than the end entities' 365 days, which start a little later.
        self.cert(
            "ca",
            "CN=测试签发CA,O=gmseal 测试,C=CN",
            "ca.key",
            Some("root"),
            &["--days", "1825"],
            "ca.pem",
        );
        for (profile, subject, name) in [
            (
                "seal-maker",
                "CN=制章者 测试制章中心,O=gmseal 测试,C=CN",
                "maker",
            ),
            ("signer", "CN=签章者 张三,O=某某市示例单位,C=CN", "signer"),
            ("signer", "CN=签章者 李四,O=某某市示例单位,C=CN", "other"),
        ] {
            let (key, out) = (format!("{name}.key"), format!("{name}.pem"));
            self.cert(profile, subject, &key, Some("ca"), &[], &out);
        }
    }

    /// `seal make` by maker.pem for signer.pem (name 合同专用章, type 4,
    /// organization 某某市示例单位 unless a `--picture` is given), with
    /// `extra` arguments, into `out`.
    #[allow(dead_code)] // not every test binary uses it
    pub(crate) fn make_seal(&self, out: &str, extra: &[&str]) -> Run {
        let mut args = vec![
            "seal",
            "make",
            "--maker-cert",
            "maker.pem",
            "--maker-key",
            "maker.key",
            "--signer-cert",
            "signer.pem",
            "--name",
            "合同专用章",
            "--type",
            "4",
            "--out",
            out,
        ];
        if !extra.contains(&"--picture") {
            args.extend(["--org", "某某市示例单位"]);
        }
        args.extend(extra);
        self.run(&args)
    }
}

pub(crate) fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether the OpenSSL CLI is on PATH.
pub(crate) fn has_openssl() -> bool {
    Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
}

pub(crate) fn run_openssl(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run openssl");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}
