//! Running independent PDF tools from tests: qpdf (structure, `--check`,
//! `--json`) and poppler (`pdftotext`, `pdffonts`, `pdftoppm`, `pdfdetach`).
//!
//! A missing tool skips the check with a loud message; with
//! `GMSEAL_REQUIRE_ORACLES=1` (set by `scripts/test.sh`) it fails instead.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// `true` when `tool` runs; otherwise a loud skip message (or a panic when oracles are required).
pub(crate) fn have(tool: &str, package: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    if !ok {
        let msg = format!(
            "SKIPPED: `{tool}` is not installed; the check that uses it did NOT run. \
             Install it with: apt-get install {package}"
        );
        assert!(
            std::env::var_os("GMSEAL_REQUIRE_ORACLES").is_none(),
            "{msg} (GMSEAL_REQUIRE_ORACLES is set)"
        );
        eprintln!(
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!! {msg}\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        );
    }
    ok
}

/// The result of one tool run.
pub(crate) struct Run {
    pub(crate) code: Option<i32>,
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: String,
}

impl Run {
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// Run `tool args...` in `dir`.
pub(crate) fn run(tool: &str, dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(tool)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run tool");
    Run {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Run and require exit status 0 and an empty stderr.
pub(crate) fn run_clean(tool: &str, dir: &Path, args: &[&str]) -> Run {
    let r = run(tool, dir, args);
    assert_eq!(
        r.code,
        Some(0),
        "{tool} {} failed:\n{}\n{}",
        args.join(" "),
        r.text(),
        r.stderr
    );
    assert!(
        r.stderr.trim().is_empty(),
        "{tool} {} warned:\n{}",
        args.join(" "),
        r.stderr
    );
    r
}

/// A PDF's objects as qpdf sees them (`qpdf --json --json-stream-data=inline`).
pub(crate) struct QpdfJson {
    /// "N 0 R" → the object's value, or `{"stream": {"dict": ..., "data": base64}}`.
    pub(crate) objects: BTreeMap<String, serde_json::Value>,
    pub(crate) trailer: serde_json::Value,
}

impl QpdfJson {
    pub(crate) fn of(dir: &Path, file: &str) -> Self {
        let r = run_clean(
            "qpdf",
            dir,
            &[
                "--json=2",
                "--json-stream-data=inline",
                "--decode-level=generalized",
                file,
            ],
        );
        let v: serde_json::Value = serde_json::from_slice(&r.stdout).expect("qpdf JSON");
        let mut objects = BTreeMap::new();
        let mut trailer = serde_json::Value::Null;
        for (k, v) in v["qpdf"][1].as_object().expect("objects") {
            if k == "trailer" {
                trailer = v["value"].clone();
            } else if let Some(id) = k.strip_prefix("obj:") {
                let value = if v.get("stream").is_some() {
                    v.clone()
                } else {
                    v["value"].clone()
                };
                objects.insert(id.to_owned(), value);
            }
        }
        Self { objects, trailer }
    }

    /// Follow a reference ("N 0 R"); other values are returned as they are.
    pub(crate) fn resolve<'a>(&'a self, v: &'a serde_json::Value) -> &'a serde_json::Value {
        match v.as_str().and_then(|s| self.objects.get(s)) {
            Some(target) => target,
            None => v,
        }
    }

    /// The dictionary of an object or of a stream.
    pub(crate) fn dict<'a>(&'a self, v: &'a serde_json::Value) -> &'a serde_json::Value {
        let v = self.resolve(v);
        v.get("stream").map_or(v, |s| &s["dict"])
    }

    /// The decoded data of a stream object.
    pub(crate) fn stream_data(&self, v: &serde_json::Value) -> Vec<u8> {
        let v = self.resolve(v);
        let b64 = v["stream"]["data"].as_str().expect("stream data");
        base64_decode(b64)
    }

    /// The catalog dictionary.
    pub(crate) fn catalog(&self) -> &serde_json::Value {
        self.dict(&self.trailer["/Root"])
    }

    /// Every dictionary (stream dictionaries included) whose `/Type` is `ty`.
    pub(crate) fn of_type(&self, ty: &str) -> Vec<&serde_json::Value> {
        self.objects
            .values()
            .map(|v| v.get("stream").map_or(v, |s| &s["dict"]))
            .filter(|d| d["/Type"] == ty)
            .collect()
    }
}

/// qpdf's text strings: "u:text" for Unicode, "b:hex" for bytes.
pub(crate) fn qpdf_text(v: &serde_json::Value) -> String {
    let s = v.as_str().expect("string");
    if let Some(t) = s.strip_prefix("u:") {
        t.to_owned()
    } else if let Some(h) = s.strip_prefix("b:") {
        String::from_utf8_lossy(&hex::decode(h).expect("hex")).into_owned()
    } else {
        panic!("not a qpdf string: {s}")
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|&c| c != b'=' && !c.is_ascii_whitespace()) {
        let v = ALPHABET.iter().position(|&a| a == c).expect("base64 digit") as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Validate `file` with pdfv (an independent Rust implementation of part of
/// veraPDF's PDF/A-3b profile) and require: recognised as PDF/A-3b, no warning,
/// no failed rule, at least `min_rules` rules run. `None` when pdfv is missing.
pub(crate) fn pdfv_pdfa3b(dir: &Path, file: &str, min_rules: u64) -> Option<u64> {
    if !have(
        "pdfv",
        "no Debian package; `cargo install pdfv --version 0.1.1 --locked` (scripts/test.sh does)",
    ) {
        return None;
    }
    let r = run(
        "pdfv",
        dir,
        &["validate", "--flavour", "pdfa-3b", "--format", "json", file],
    );
    let report: serde_json::Value = serde_json::from_slice(&r.stdout)
        .unwrap_or_else(|e| panic!("pdfv output: {e}: {}", r.stderr));
    assert_eq!(report["flavours"][0]["part"], 3, "{file}: {report}");
    assert_eq!(report["flavours"][0]["conformance"], "b", "{file}");
    assert_eq!(
        report["warnings"].as_array().map(Vec::len),
        Some(0),
        "{file}: {}",
        report["warnings"]
    );
    let profile = &report["profileReports"][0];
    assert_eq!(profile["profile"]["id"], "verapdf-pdfa-3b");
    assert_eq!(
        profile["failedRules"], 0,
        "{file}: {:#}",
        profile["failedAssertions"]
    );
    let executed = profile["rulesExecuted"].as_u64().unwrap_or(0);
    assert!(
        executed >= min_rules,
        "{file}: pdfv ran only {executed} rules"
    );
    Some(executed)
}
