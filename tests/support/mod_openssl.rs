//! Running the `openssl` command-line tool from tests: the independent oracle
//! for SM2, SM3, SM4, X.509 and CMS.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The OpenSSL binary, or `None` (with a loud message) when it is not installed.
pub(crate) fn openssl() -> Option<PathBuf> {
    let path = std::env::var_os("OPENSSL_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("openssl"));
    match Command::new(&path).arg("version").output() {
        Ok(out) if out.status.success() => Some(path),
        _ => {
            eprintln!(
                "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
                 !! SKIPPED: the `openssl` CLI is not available; OpenSSL interop was NOT tested.\n\
                 !! Install OpenSSL 3 (apt-get install openssl) or set OPENSSL_BIN.\n\
                 !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
            );
            None
        }
    }
}

/// The result of one `openssl` run.
pub(crate) struct Run {
    pub(crate) ok: bool,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    pub(crate) stdout_bytes: Vec<u8>,
}

/// Run `openssl args...` in `dir`.
pub(crate) fn run(bin: &Path, dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(bin)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run openssl");
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout_bytes: out.stdout,
    }
}

/// Run and require success.
pub(crate) fn run_ok(bin: &Path, dir: &Path, args: &[&str]) -> Run {
    let r = run(bin, dir, args);
    assert!(
        r.ok,
        "openssl {} failed:\n{}\n{}",
        args.join(" "),
        r.stdout,
        r.stderr
    );
    r
}

/// Hex (any case, optional colons and whitespace) to bytes.
pub(crate) fn unhex(s: &str) -> Vec<u8> {
    let clean: String = s.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    hex::decode(clean).expect("hex")
}

/// One line of `openssl asn1parse` output.
#[derive(Debug, Clone)]
pub(crate) struct Asn1Line {
    pub(crate) offset: usize,
    pub(crate) depth: usize,
    pub(crate) header_len: usize,
    pub(crate) len: usize,
    pub(crate) text: String,
}

/// Parse `openssl asn1parse -inform DER` output.
pub(crate) fn asn1parse(bin: &Path, dir: &Path, file: &str) -> Vec<Asn1Line> {
    let r = run_ok(bin, dir, &["asn1parse", "-inform", "DER", "-in", file]);
    r.stdout
        .lines()
        .filter_map(|line| {
            let (offset, rest) = line.trim_start().split_once(":d=")?;
            let (depth, rest) = rest.split_once("hl=")?;
            let (hl, rest) = rest.split_once("l=")?;
            let len_str: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            Some(Asn1Line {
                offset: offset.trim().parse().ok()?,
                depth: depth.trim().parse().ok()?,
                header_len: hl.trim().parse().ok()?,
                len: len_str.parse().ok()?,
                text: line.to_owned(),
            })
        })
        .collect()
}
