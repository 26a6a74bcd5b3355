//! The C ABI from C: builds `ffi/tests/test_gmseal.c` (every exported
//! function, success and error paths) and `examples/c/issue_seal_verify.c`
//! against the static library `libgmseal_ffi.a` that cargo built for this
//! test run, runs them, then runs them again under valgrind (errors and
//! definite leaks fail the test).
//!
//! A missing C compiler or valgrind skips that part with a loud message;
//! with `GMSEAL_REQUIRE_ORACLES=1` (set by `scripts/test.sh`) it fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

/// `true` when `tool` runs; otherwise a loud skip message (or a panic when
/// oracles are required).
fn have(tool: &str, package: &str) -> bool {
    let ok = Command::new(tool).arg("--version").output().is_ok();
    if !ok {
        let msg = format!(
            "SKIPPED: `{tool}` is not installed; the C ABI check that uses it did NOT run. \
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

/// The repository root.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("ffi/ has a parent")
        .to_path_buf()
}

/// The `libgmseal_ffi.a` cargo built for this run: a test runs from
/// `target/<profile>/deps`, where cargo writes the library's `cdylib` and
/// `staticlib` (it copies them up to `target/<profile>` only for `cargo build`).
fn library() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable");
    let lib = exe
        .parent()
        .expect("target/<profile>/deps")
        .join("libgmseal_ffi.a");
    assert!(lib.is_file(), "{} was not built", lib.display());
    lib
}

/// Compile `source` into `out` against the header and the static library.
fn compile(source: &Path, out: &Path) {
    let started = Instant::now();
    let output = Command::new("cc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-g", "-I"])
        .arg(repo().join("ffi/include"))
        .arg(source)
        .arg(library())
        .args(["-lpthread", "-ldl", "-lm", "-o"])
        .arg(out)
        .output()
        .expect("run cc");
    assert!(
        output.status.success(),
        "cc {} failed:\n{}",
        source.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!(
        "compiled {} in {:.1} s",
        source.display(),
        started.elapsed().as_secs_f64()
    );
}

/// Run `program args...` (under valgrind when `valgrind`), require success,
/// and return its output.
fn run(program: &Path, args: &[&Path], valgrind: bool) -> Output {
    let started = Instant::now();
    let mut command = if valgrind {
        let mut c = Command::new("valgrind");
        c.args([
            "--error-exitcode=1",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite",
        ])
        .arg(program);
        c
    } else {
        Command::new(program)
    };
    let output = command
        .args(args)
        .current_dir(repo())
        .output()
        .expect("run the C program");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let what = if valgrind { " under valgrind" } else { "" };
    assert!(
        output.status.success(),
        "{}{what} failed ({}):\n{stdout}\n{stderr}",
        program.display(),
        output.status
    );
    eprintln!(
        "ran {}{what} in {:.1} s: {}",
        program.display(),
        started.elapsed().as_secs_f64(),
        stdout.trim()
    );
    if valgrind {
        // The summary lines, for the log.
        for line in stderr.lines().filter(|l| {
            l.contains("ERROR SUMMARY")
                || l.contains("definitely lost:")
                || l.contains("indirectly lost:")
                || l.contains("possibly lost:")
                || l.contains("in use at exit")
        }) {
            eprintln!("  {line}");
        }
    }
    output
}

/// Build and run `source` with `args`, natively and under valgrind.
fn build_and_run(source: &str, args: &[&Path], dir: &Path) {
    if !have("cc", "gcc") {
        return;
    }
    let source = repo().join(source);
    let program = dir.join(source.file_stem().expect("a file name"));
    compile(&source, &program);
    run(&program, args, false);
    if have("valgrind", "valgrind") {
        run(&program, args, true);
    }
}

#[test]
fn c_test_of_every_function() {
    let dir = tempfile::tempdir().expect("temporary directory");
    // An encrypted key with few PBKDF2 iterations, so that the wrong- and
    // right-password loads stay fast under valgrind.
    let key = gmseal::crypto::PrivateKey::generate(&gmseal::crypto::SystemRandom)
        .expect("key")
        .to_encrypted_pkcs8_pem(
            "口令 secret".as_bytes(),
            &gmseal::crypto::Pbes2Params { iterations: 1000 },
            &gmseal::crypto::SystemRandom,
        )
        .expect("encrypt");
    let key_path = dir.path().join("encrypted-key.pem");
    std::fs::write(&key_path, key).expect("write the key");
    let fixtures = dir.path().join("fixtures");
    write_fixtures(&fixtures);
    build_and_run(
        "ffi/tests/test_gmseal.c",
        &[&repo(), &key_path, &fixtures],
        dir.path(),
    );
}

/// What the ABI cannot make, for the C test, in `dir`: a root
/// (`root.pem`), a seal maker it issued and revoked (`maker.pem`,
/// `maker-key.pem`), the root's CRL listing it (`crl.pem`), and a detached
/// CMS over `empty id content` signed with the empty SM2 user ID (as
/// OpenSSL does) by a document signer the root issued (`empty-id.cms`).
/// Times are around now: the root and the maker from 30 days ago, the
/// revocation then, the CRL from then for 60 days.
fn write_fixtures(dir: &Path) {
    use gmseal::Timestamp;
    use gmseal::cms::SignedDataBuilder;
    use gmseal::crypto::{PrivateKey, SystemRandom};
    use gmseal::pki::{
        CertificateParams, CrlParams, DistinguishedName, Profile, RevocationReason,
        RevokedCertificate,
    };
    std::fs::create_dir_all(dir).expect("fixture directory");
    let rng = SystemRandom;
    let base = Timestamp::from_unix(Timestamp::now().unix() - 30 * 86_400).expect("time");
    let name = |n: &str| DistinguishedName::parse(n).expect("name");
    let root_key = PrivateKey::generate(&rng).expect("key");
    let root = CertificateParams::new(Profile::Root, name("CN=CRL Root,C=CN"), base, 3650)
        .self_signed(&root_key, &rng)
        .expect("root");
    let maker_key = PrivateKey::generate(&rng).expect("key");
    let maker = CertificateParams::new(
        Profile::SealMaker,
        name("CN=Revoked Maker,C=CN"),
        base,
        1000,
    )
    .signed_by(maker_key.public_key(), &root, &root_key, &rng)
    .expect("maker");
    let mut crl = CrlParams::new(base, 60, 1);
    crl.revoked.push(RevokedCertificate::new(
        &maker,
        base,
        Some(RevocationReason::KeyCompromise),
    ));
    let crl = crl.sign(&root, &root_key).expect("CRL");
    let signer_key = PrivateKey::generate(&rng).expect("key");
    let signer =
        CertificateParams::new(Profile::DocumentSigner, name("CN=Empty ID,C=CN"), base, 365)
            .signed_by(signer_key.public_key(), &root, &root_key, &rng)
            .expect("signer");
    let empty_id = signer_key.with_user_id(b"").expect("empty ID");
    let cms = SignedDataBuilder::new(&signer, &empty_id)
        .signing_time(Timestamp::now())
        .sign(b"empty id content")
        .expect("CMS");
    let write = |file: &str, bytes: &[u8]| std::fs::write(dir.join(file), bytes).expect(file);
    write("root.pem", root.to_pem().as_bytes());
    write("maker.pem", maker.to_pem().as_bytes());
    write(
        "maker-key.pem",
        maker_key.to_pkcs8_pem().expect("PEM").as_bytes(),
    );
    write("crl.pem", crl.to_pem().as_bytes());
    write("empty-id.cms", &cms);
}

#[test]
fn c_example_issues_seals_and_verifies() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let metadata = repo().join("examples/data/business-license.json");
    let sealed = dir.path().join("sealed.pdf");
    build_and_run(
        "examples/c/issue_seal_verify.c",
        &[&metadata, &sealed],
        dir.path(),
    );
    if sealed.exists() {
        let pdf = std::fs::read(&sealed).expect("read the sealed PDF");
        assert!(pdf.starts_with(b"%PDF-1.7"));
    }
}

/// The C test calls every function the header declares.
#[test]
fn c_test_calls_every_function() {
    let header = std::fs::read_to_string(repo().join("ffi/include/gmseal.h")).expect("header");
    let test = std::fs::read_to_string(repo().join("ffi/tests/test_gmseal.c")).expect("C test");
    let mut functions = Vec::new();
    for line in header.lines() {
        let Some(open) = line.find('(') else { continue };
        let Some(start) = line[..open].rfind(|c: char| !(c.is_alphanumeric() || c == '_')) else {
            continue;
        };
        let name = &line[start + 1..open];
        if name.starts_with("gmseal_") && !line.contains("typedef") {
            functions.push(name.to_owned());
        }
    }
    assert!(functions.len() >= 28, "{functions:?}");
    for f in &functions {
        assert!(
            test.contains(&format!("{f}(")),
            "ffi/tests/test_gmseal.c never calls {f}"
        );
    }
}
