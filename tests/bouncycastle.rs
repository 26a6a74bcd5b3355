//! Interoperability with Bouncy Castle (Debian `libbcprov-java`, `libbcpkix-java`),
//! the second independent SM2 implementation at hand. Unlike OpenSSL, Bouncy
//! Castle's SM2 uses the GM/T 0009 default user ID `1234567812345678`, so it checks
//! gmseal's CMS SignedData directly, and it produces SM2 signatures, CMS and
//! certificates that gmseal must accept.
//!
//! The Java side is `tests/java/BcOracle.java`, run as a single-file program. When
//! Java or the jars are missing the test prints a loud SKIPPED banner and returns.

#![allow(clippy::unwrap_used, clippy::panic)]

use gmseal::Timestamp;
use gmseal::cms::{CmsVerifyOptions, SignedDataBuilder, verify_detached};
use gmseal::crypto::{DeterministicRandom, IdVariant, PrivateKey, Signer, VerifyOptions};
use gmseal::pki::{
    Certificate, CertificateParams, DistinguishedName, Profile, Purpose, TrustStore,
    ValidationOptions,
};
use std::path::{Path, PathBuf};
use std::process::Command;
// RFC 3161 time stamps.
use gmseal::FixedClock;
use gmseal::crypto::sm3;
use gmseal::oid;
use gmseal::tsp::{TimestampBuilder, TstInfo, verify_token};

const JARS: [&str; 3] = ["bcprov.jar", "bcpkix.jar", "bcutil.jar"];

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
        eprintln!(
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
             !! SKIPPED: Java or the Bouncy Castle jars ({}) are missing in {};\n\
             !! Bouncy Castle interop was NOT tested. apt-get install default-jre-headless\n\
             !! libbcprov-java libbcpkix-java (scripts/test.sh does), or set BC_JAR_DIR.\n\
             !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
            JARS.join(", "),
            dir.display()
        );
        None
    }
}

/// Run the oracle on `commands` (one per line) in `dir`; returns one result per command.
fn oracle(classpath: &str, dir: &Path, commands: &[&str]) -> Vec<String> {
    std::fs::write(dir.join("script.txt"), commands.join("\n")).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/java/BcOracle.java");
    let out = Command::new("java")
        .args(["-cp", classpath])
        .arg(&source)
        .arg(dir.join("script.txt"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "java failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<String> = stdout
        .lines()
        .map(|l| l.split_once(' ').unwrap().1.to_owned())
        .collect();
    assert_eq!(results.len(), commands.len(), "{stdout}");
    results
}

#[test]
fn bouncy_castle_agrees_with_gmseal() {
    let Some(cp) = classpath() else { return };
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let w = |name: &str, data: &[u8]| std::fs::write(dir.join(name), data).unwrap();
    let rng = DeterministicRandom::new(b"bouncy castle interop");
    let now = Timestamp::now().minus_seconds(3600);
    let dn = |s: &str| DistinguishedName::parse(s).unwrap();

    let root_key = PrivateKey::generate(&rng).unwrap();
    let root = CertificateParams::new(Profile::Root, dn("CN=BC 互操作根CA,C=CN"), now, 3650)
        .self_signed(&root_key, &rng)
        .unwrap();
    let ca_key = PrivateKey::generate(&rng).unwrap();
    let ca = CertificateParams::new(
        Profile::IntermediateCa { path_len: Some(0) },
        dn("CN=BC 互操作CA,C=CN"),
        now,
        1000,
    )
    .signed_by(ca_key.public_key(), &root, &root_key, &rng)
    .unwrap();
    let signer_key = PrivateKey::generate(&rng).unwrap();
    let signer = CertificateParams::new(
        Profile::DocumentSigner,
        dn("CN=李四,O=示例单位,C=CN"),
        now,
        365,
    )
    .signed_by(signer_key.public_key(), &ca, &ca_key, &rng)
    .unwrap();
    let content = "电子印章 document bytes\n".repeat(40);

    w("root.der", root.der());
    w("ca.der", ca.der());
    w("signer.der", signer.der());
    w("signer.p8", &signer_key.to_pkcs8_der().unwrap());
    w("ca.p8", &ca_key.to_pkcs8_der().unwrap());
    w("signer.spki", &signer_key.public_key().to_spki_der());
    w("msg", b"message digest");
    w(
        "ours.sig",
        &signer_key.sign(b"message digest").unwrap().to_der(),
    );
    w("other-msg", b"message digesT");
    w("content", content.as_bytes());
    w("tampered", content.replace("印章", "印戳").as_bytes());
    let cms = SignedDataBuilder::new(&signer, &signer_key)
        .signing_time(now)
        .add_certificate(&ca)
        .sign(content.as_bytes())
        .unwrap();
    w("ours.p7s", &cms);
    let ee_key = PrivateKey::generate(&rng).unwrap();
    w("ee.spki", &ee_key.public_key().to_spki_der());
    w(
        "ee-dn.txt",
        "C=CN,O=Bouncy Castle,CN=BC 签发的证书".as_bytes(),
    );

    let results = oracle(
        &cp,
        dir,
        &[
            "verify-sig signer.spki msg ours.sig",
            "verify-sig signer.spki other-msg ours.sig",
            "sign signer.p8 msg bc.sig",
            "verify-cert ca.der root.der",
            "verify-cert signer.der ca.der",
            "verify-cert signer.der root.der",
            "verify-cms ours.p7s content",
            "verify-cms ours.p7s tampered",
            "sign-cms signer.der signer.p8 content bc.p7s",
            "issue-cert ca.der ca.p8 ee.spki ee-dn.txt bc-ee.der",
        ],
    );
    // Bouncy Castle accepts gmseal's signature, certificates and CMS ...
    assert_eq!(results[0], "OK", "our SM2 signature");
    assert!(
        results[1].starts_with("FAIL"),
        "a changed message must fail: {}",
        results[1]
    );
    assert!(
        results[3].starts_with("OK SM3WITHSM2"),
        "our CA certificate: {}",
        results[3]
    );
    assert!(
        results[4].starts_with("OK"),
        "our signer certificate: {}",
        results[4]
    );
    assert!(
        results[5].starts_with("FAIL"),
        "signed by the CA, not the root: {}",
        results[5]
    );
    assert_eq!(results[6], "OK", "our CMS");
    assert!(
        results[7].starts_with("FAIL"),
        "tampered content must fail: {}",
        results[7]
    );

    // ... and gmseal accepts Bouncy Castle's.
    assert_eq!(results[2], "OK");
    let bc_sig = std::fs::read(dir.join("bc.sig")).unwrap();
    let v = signer_key
        .public_key()
        .verify(b"message digest", &bc_sig, &VerifyOptions::default())
        .unwrap();
    assert_eq!(v.variant, IdVariant::UserId);

    assert_eq!(results[8], "OK");
    let bc_cms = std::fs::read(dir.join("bc.p7s")).unwrap();
    let report =
        verify_detached(&bc_cms, content.as_bytes(), &CmsVerifyOptions::default()).unwrap();
    assert_eq!(report.signer_certificate, signer);
    assert_eq!(report.signature.variant, IdVariant::UserId);
    assert!(verify_detached(&bc_cms, b"other", &CmsVerifyOptions::default()).is_err());

    assert_eq!(results[9], "OK");
    let bc_ee = Certificate::from_der(&std::fs::read(dir.join("bc-ee.der")).unwrap()).unwrap();
    assert_eq!(bc_ee.subject().common_name(), Some("BC 签发的证书"));
    let chain = TrustStore::new(vec![root])
        .validate(
            &bc_ee,
            &[ca],
            &ValidationOptions::at(Timestamp::now()).for_purpose(Purpose::SealMaking),
        )
        .unwrap();
    assert_eq!(chain.certificates.len(), 3);
}

/// RFC 3161 time-stamp tokens: Bouncy Castle's `TimeStampToken.validate()`
/// (the ESS signing-certificate-v2 with SM3, the critical timeStamping EKU, the
/// TSA certificate's validity at genTime, the SM3withSM2 signature) accepts
/// gmseal's tokens and rejects broken ones; gmseal accepts a token made by
/// Bouncy Castle's `TimeStampTokenGenerator`.
#[test]
fn bouncy_castle_agrees_on_time_stamps() {
    // A root and a TSA (Profile::Tsa) issued by it; a document signer from
    // another PKI, for a certificate without the timeStamping EKU.
    let (root, tsa_key, tsa, now) = gmseal::tsp::__doc::tsa().unwrap();
    let fixture = gmseal::seal::__doc::fixture().unwrap();
    let (signer, signer_key) = (fixture.signer, fixture.signer_key);
    let Some(cp) = classpath() else { return };
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let w = |name: &str, data: &[u8]| std::fs::write(dir.join(name), data).unwrap();
    let rng = DeterministicRandom::new(b"bouncy castle tsp");
    let clock = FixedClock(now);
    let digest = sm3(b"time-stamped data");
    let hex_digest = hex::encode(digest);

    let token = TimestampBuilder::new(&tsa, &tsa_key, oid::TEST_POLICY, &clock, &rng)
        .serial_number(&[0x01, 0x23, 0x45, 0x67])
        .include_tsa_name()
        .stamp_digest(&digest)
        .unwrap();
    w("ours.tst", &token);
    let mut tampered = token.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 0x01; // the signature's last byte
    w("tampered.tst", &tampered);
    // The same TSTInfo signed by a document signer (no timeStamping EKU).
    let content = gmseal::cms::verify_attached(&token, &CmsVerifyOptions::default())
        .unwrap()
        .content;
    let not_tsa = SignedDataBuilder::new(&signer, &signer_key)
        .sign_encapsulated(&oid::CT_TST_INFO, &content)
        .unwrap();
    w("not-tsa.tst", &not_tsa);
    w("tsa.der", tsa.der());
    w("tsa.p8", &tsa_key.to_pkcs8_der().unwrap());
    let bc_time_ms = now.unix() * 1000 + 250;

    let results = oracle(
        &cp,
        dir,
        &[
            &format!("verify-tst ours.tst {hex_digest}"),
            &format!("verify-tst ours.tst {}", hex::encode(sm3(b"other"))),
            &format!("verify-tst tampered.tst {hex_digest}"),
            &format!("verify-tst not-tsa.tst {hex_digest}"),
            &format!("sign-tst tsa.der tsa.p8 {hex_digest} {bc_time_ms} bc.tst"),
            &format!("verify-tst bc.tst {hex_digest}"),
        ],
    );
    assert_eq!(
        results[0],
        format!(
            "OK 1.2.156.10197.1.401 1.3.6.1.5.5.7.13.1 1234567 {}",
            now.unix() * 1000
        ),
        "our token"
    );
    assert_eq!(results[1], "FAIL message imprint mismatch");
    assert!(results[2].starts_with("FAIL"), "{}", results[2]);
    assert!(
        results[3].starts_with("FAIL TSPValidationException")
            && results[3].contains("ExtendedKeyUsage"),
        "{}",
        results[3]
    );
    assert_eq!(results[4], "OK");
    assert!(
        results[5].starts_with("OK 1.2.156.10197.1.401 1.3.6.1.5.5.7.13.1 abcdef0"),
        "{}",
        results[5]
    );

    // gmseal verifies Bouncy Castle's token, millisecond genTime included.
    let bc = std::fs::read(dir.join("bc.tst")).unwrap();
    let report = verify_token(&bc, &digest, &CmsVerifyOptions::default()).unwrap();
    assert_eq!(report.tsa_certificate, tsa);
    assert_eq!(report.policy, oid::TEST_POLICY);
    assert_eq!(report.serial, [0x0A, 0xBC, 0xDE, 0xF0]);
    assert_eq!(report.gen_time, now);
    assert_eq!(report.tst_info.gen_time_fraction, "25");
    assert_eq!(report.tst_info.nonce.as_deref(), Some(&[0x12, 0x34][..]));
    assert_eq!(report.signature.variant, IdVariant::UserId);
    assert_eq!(
        verify_token(&bc, &sm3(b"other"), &CmsVerifyOptions::default())
            .unwrap_err()
            .code(),
        "tsp.imprint-mismatch"
    );
    // Bouncy Castle's TSTInfo encodes back to the same bytes.
    let bc_content = gmseal::cms::verify_attached(&bc, &CmsVerifyOptions::default())
        .unwrap()
        .content;
    assert_eq!(
        TstInfo::from_der(&bc_content).unwrap().to_der().unwrap(),
        bc_content
    );
    TrustStore::new(vec![root])
        .validate(
            &report.tsa_certificate,
            &report.certificates,
            &ValidationOptions::at(report.gen_time).for_purpose(Purpose::TimeStamping),
        )
        .unwrap();
}
