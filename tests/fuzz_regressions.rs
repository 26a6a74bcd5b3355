//! Replays every input kept under `fuzz/` on the stable toolchain: the seed
//! corpora (`fuzz/corpus/<target>/`) and the inputs that once crashed a target
//! (`fuzz/regressions/<target>/`, each explained in `fuzz/regressions/README.md`).
//!
//! Each file goes through the same function the cargo-fuzz target calls
//! (`gmseal::__fuzzing::*`), so a crash found by the fuzzer stays a failing
//! test here until it is fixed, without re-implementing the target. A missing
//! directory or an empty corpus is an error: nothing is skipped silently.

#![allow(clippy::unwrap_used, clippy::panic, clippy::print_stdout)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The input files of `dir`, sorted; documentation files are not inputs.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{} is missing: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.starts_with('.') && !name.ends_with(".md")
        })
        .collect();
    files.sort();
    files
}

/// Run `target` on every corpus and regression input of `name`; returns the
/// inputs that panicked.
fn replay(name: &str, target: fn(&[u8])) {
    let corpus = inputs(&fuzz_dir().join("corpus").join(name));
    assert!(
        !corpus.is_empty(),
        "fuzz/corpus/{name}/ is empty: it must hold the seed corpus"
    );
    let regressions = inputs(&fuzz_dir().join("regressions").join(name));
    let start = Instant::now();
    let mut panicked = Vec::new();
    for path in corpus.iter().chain(&regressions) {
        let data = std::fs::read(path).unwrap();
        if catch_unwind(AssertUnwindSafe(|| target(&data))).is_err() {
            panicked.push(path.strip_prefix(fuzz_dir()).unwrap().display().to_string());
        }
    }
    println!(
        "{name}: {} corpus files, {} regression files replayed in {:.1?}",
        corpus.len(),
        regressions.len(),
        start.elapsed()
    );
    assert!(
        panicked.is_empty(),
        "gmseal::__fuzzing::{name} panicked on {} input(s) (see fuzz/regressions/README.md):\n{}",
        panicked.len(),
        panicked.join("\n")
    );
}

#[test]
fn seal() {
    replay("seal", gmseal::__fuzzing::seal);
}

#[test]
fn seal_signature() {
    replay("seal_signature", gmseal::__fuzzing::seal_signature);
}

#[test]
fn pdf_parse() {
    replay("pdf_parse", gmseal::__fuzzing::pdf_parse);
}

#[test]
fn pdf_verify() {
    replay("pdf_verify", gmseal::__fuzzing::pdf_verify);
}

#[test]
fn license_json() {
    replay("license_json", gmseal::__fuzzing::license_json);
}

#[test]
fn license_xml() {
    replay("license_xml", gmseal::__fuzzing::license_xml);
}

#[test]
fn license_template() {
    replay("license_template", gmseal::__fuzzing::license_template);
}

#[test]
fn certificate() {
    replay("certificate", gmseal::__fuzzing::certificate);
}

#[test]
fn crl() {
    replay("crl", gmseal::__fuzzing::crl);
}

#[test]
fn cms() {
    replay("cms", gmseal::__fuzzing::cms);
}

#[test]
fn pkcs8() {
    replay("pkcs8", gmseal::__fuzzing::pkcs8);
}

#[test]
fn identifier() {
    replay("identifier", gmseal::__fuzzing::identifier);
}

#[test]
fn image() {
    replay("image", gmseal::__fuzzing::image);
}

#[test]
fn pdf_mutate() {
    // The edits start from two sealed licenses (one signature, then two):
    // two distinct signed byte sequences. Without them every input is a no-op.
    assert_eq!(gmseal::__fuzzing::pdf_mutate_bases(), (2, 2));
    replay("pdf_mutate", gmseal::__fuzzing::pdf_mutate);
}
