//! Bouncy Castle as an independent oracle for gmseal's signed PDFs: what a Java
//! user with only `bcprov`/`bcpkix` (Debian `libbcprov-java`, `libbcpkix-java`)
//! and no PDF library can check.
//!
//! The Java side is `tests/java/BcPdfVerify.java`, run as a single-file program.
//! It scans the file's bytes for every `/ByteRange [0 a b c]`, hex-decodes the
//! `/Contents` in the gap `[a, b)`, and verifies it as a detached CMS
//! `SignedData` over bytes `[0, a) + [b, b + c)` with Bouncy Castle's own
//! SM3withSM2 (default user ID `1234567812345678`). It prints
//! `SIG <index> <a> <b> <c> <VALID|INVALID|NOTCMS|ERROR> <detail>` per
//! signature and `COVERS_END <true|false>` for the last one. The SES flavour
//! (a GB/T 38540 `SES_Signature` in `/Contents`) is not CMS, so Bouncy Castle
//! users need an SES verifier for it.
//!
//! When Java or the jars are missing the tests print a loud SKIPPED banner and
//! return; with `GMSEAL_REQUIRE_ORACLES=1` (set by `scripts/test.sh`) they fail
//! instead.

#![allow(clippy::unwrap_used, clippy::panic, clippy::print_stderr)]

use gmseal::pdf::sign::{DocMdp, Flavour, PdfSigner, Placement};
use gmseal::seal::__doc::{Fixture, fixture};
use std::path::{Path, PathBuf};
use std::process::Command;

const JARS: [&str; 3] = ["bcprov.jar", "bcpkix.jar", "bcutil.jar"];

/// SM3 (GM/T 0004), the digest algorithm of gmseal's CMS.
const SM3_OID: &str = "1.2.156.10197.1.401";

fn classpath() -> Option<String> {
    let dir =
        PathBuf::from(std::env::var_os("BC_JAR_DIR").unwrap_or_else(|| "/usr/share/java".into()));
    let jars: Vec<PathBuf> = JARS.iter().map(|j| dir.join(j)).collect();
    let java_ok = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if java_ok && jars.iter().all(|j| j.exists()) {
        Some(
            jars.iter()
                .map(|j| j.display().to_string())
                .collect::<Vec<_>>()
                .join(":"),
        )
    } else {
        let msg = format!(
            "SKIPPED: Java or the Bouncy Castle jars ({}) are missing in {};\n\
             !! Bouncy Castle PDF verification was NOT tested. apt-get install default-jre-headless\n\
             !! libbcprov-java libbcpkix-java (scripts/test.sh does), or set BC_JAR_DIR.",
            JARS.join(", "),
            dir.display()
        );
        assert!(
            std::env::var_os("GMSEAL_REQUIRE_ORACLES").is_none(),
            "{msg} (GMSEAL_REQUIRE_ORACLES is set)"
        );
        eprintln!(
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
             !! {msg}\n\
             !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        );
        None
    }
}

/// One `SIG` line of the oracle.
#[derive(Debug)]
struct Sig {
    byte_range: [usize; 3],
    result: String,
    detail: String,
}

/// What Bouncy Castle says about a PDF.
#[derive(Debug)]
struct Verdict {
    sigs: Vec<Sig>,
    covers_end: bool,
}

/// Write `pdf` to `dir/name` and run `BcPdfVerify.java` on it.
fn bc_verify(classpath: &str, dir: &Path, name: &str, pdf: &[u8]) -> Verdict {
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/java/BcPdfVerify.java");
    let out = Command::new("java")
        .args(["-cp", classpath])
        .arg(&source)
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "java failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut sigs = Vec::new();
    let mut covers_end = None;
    for line in stdout.lines() {
        let mut words = line.splitn(7, ' ');
        match words.next() {
            Some("SIG") => {
                let index: usize = words.next().unwrap().parse().unwrap();
                assert_eq!(index, sigs.len(), "{stdout}");
                let mut n = || words.next().unwrap().parse::<usize>().unwrap();
                let byte_range = [n(), n(), n()];
                sigs.push(Sig {
                    byte_range,
                    result: words.next().unwrap().to_owned(),
                    detail: words.next().unwrap_or_default().to_owned(),
                });
            }
            Some("COVERS_END") => covers_end = Some(words.next() == Some("true")),
            _ => panic!("unexpected oracle output {line:?} in:\n{stdout}"),
        }
    }
    Verdict {
        sigs,
        covers_end: covers_end.unwrap_or_else(|| panic!("no COVERS_END in:\n{stdout}")),
    }
}

/// A certified (`/P 2`), visibly sealed e-license in `flavour`.
fn sealed_pdf(f: &Fixture, flavour: Flavour) -> Vec<u8> {
    let seal = gmseal::seal::__doc::seal(f).unwrap();
    let pdf = gmseal::pdf::sign::__doc::unsigned_pdf().unwrap();
    PdfSigner::new(&seal, &f.signer, &f.signer_key)
        .unwrap()
        .chain(&f.root)
        .flavour(flavour)
        .certify(DocMdp::FormFilling)
        .sign(
            &pdf,
            &Placement::rect(1, 150.0, 120.0, 42.0, 42.0),
            f.now.plus_seconds(3600),
        )
        .unwrap()
}

fn assert_valid(sig: &Sig, what: &str) {
    assert_eq!(sig.result, "VALID", "{what}: {sig:?}");
    assert!(
        sig.detail.contains(&format!("digest={SM3_OID} ")),
        "{what}: the digest is not SM3: {sig:?}"
    );
    assert!(
        sig.detail.contains("CN=Signer"),
        "{what}: the signer: {sig:?}"
    );
}

#[test]
fn bouncy_castle_verifies_cms_sealed_pdf() {
    let Some(cp) = classpath() else { return };
    let d = tempfile::tempdir().unwrap();
    let f = fixture().unwrap();
    for (flavour, name) in [
        (Flavour::CmsPkcs7, "pkcs7.pdf"),
        (Flavour::CmsCades, "cades.pdf"),
    ] {
        let pdf = sealed_pdf(&f, flavour);
        let v = bc_verify(&cp, d.path(), name, &pdf);
        assert_eq!(v.sigs.len(), 1, "{flavour:?}: {v:?}");
        assert_valid(&v.sigs[0], &format!("{flavour:?}"));
        assert!(v.covers_end, "{flavour:?}: {v:?}");
    }
}

#[test]
fn bouncy_castle_verifies_every_signature_of_a_twice_sealed_pdf() {
    let Some(cp) = classpath() else { return };
    let d = tempfile::tempdir().unwrap();
    let f = fixture().unwrap();
    let seal = gmseal::seal::__doc::seal(&f).unwrap();
    let once = sealed_pdf(&f, Flavour::CmsPkcs7);
    let twice = PdfSigner::new(&seal, &f.signer, &f.signer_key)
        .unwrap()
        .chain(&f.root)
        .sign(
            &once,
            &Placement::Invisible { page: 1 },
            f.now.plus_seconds(7200),
        )
        .unwrap();
    assert!(twice.starts_with(&once));

    let v = bc_verify(&cp, d.path(), "twice.pdf", &twice);
    assert_eq!(v.sigs.len(), 2, "{v:?}");
    assert_valid(&v.sigs[0], "the certification signature");
    assert_valid(&v.sigs[1], "the second signature");
    // The first signature covers the original revision exactly, the second the whole file.
    let [_, b, c] = v.sigs[0].byte_range;
    assert_eq!(b + c, once.len(), "{v:?}");
    assert!(v.covers_end, "{v:?}");
}

#[test]
fn bouncy_castle_rejects_a_changed_byte() {
    let Some(cp) = classpath() else { return };
    let d = tempfile::tempdir().unwrap();
    let f = fixture().unwrap();
    let mut pdf = sealed_pdf(&f, Flavour::CmsPkcs7);
    let good = bc_verify(&cp, d.path(), "good.pdf", &pdf);
    assert_eq!(good.sigs.len(), 1, "{good:?}");
    assert_valid(&good.sigs[0], "before the change");

    // A byte in the first signed range [0, a), well before the hex gap.
    let [a, _, _] = good.sigs[0].byte_range;
    let offset = 2000.min(a / 2);
    assert!(offset < a);
    pdf[offset] ^= 0x01;
    let v = bc_verify(&cp, d.path(), "changed.pdf", &pdf);
    assert_eq!(v.sigs.len(), 1, "{v:?}");
    let sig = &v.sigs[0];
    assert_eq!(sig.byte_range, good.sigs[0].byte_range);
    assert_ne!(
        sig.result, "VALID",
        "a changed byte must not verify: {sig:?}"
    );
    assert!(
        sig.result == "INVALID"
            || (sig.result == "ERROR" && sig.detail.to_lowercase().contains("digest")),
        "expected a digest mismatch: {sig:?}"
    );
}

#[test]
fn ses_flavour_is_not_cms() {
    let Some(cp) = classpath() else { return };
    let d = tempfile::tempdir().unwrap();
    let f = fixture().unwrap();
    let pdf = sealed_pdf(&f, Flavour::Ses);
    let v = bc_verify(&cp, d.path(), "ses.pdf", &pdf);
    // Bouncy Castle finds the signature but cannot read an SES_Signature as CMS:
    // Java users need gmseal's (or another GB/T 38540) SES verifier for this flavour.
    assert_eq!(v.sigs.len(), 1, "{v:?}");
    assert_eq!(v.sigs[0].result, "NOTCMS", "{v:?}");
    assert!(v.covers_end, "{v:?}");
}
