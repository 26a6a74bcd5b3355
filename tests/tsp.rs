//! RFC 3161 time-stamp tokens with SM3/SM2: round trips, the TSA chain, every
//! check of `verify_token` broken once, and OpenSSL 3 as an independent reader
//! and verifier. (Bouncy Castle's checks are in `tests/bouncycastle.rs`.)

#![allow(clippy::unwrap_used, clippy::panic, clippy::cast_possible_truncation)]

#[path = "support/mod_openssl.rs"]
mod support;

use gmseal::cms::{CmsVerifyOptions, SignedDataBuilder, verify_attached};
use gmseal::crypto::{
    DeterministicRandom, IdVariant, PrivateKey, PublicKey, Signature, Signer, VerifyOptions, sm3,
};
use gmseal::oid::{self, ObjectIdentifier};
use gmseal::pki::{
    Certificate, CertificateParams, DistinguishedName, Profile, Purpose, TrustStore,
    ValidationOptions,
};
use gmseal::tsp::{Accuracy, TimestampBuilder, TstInfo, verify_token};
use gmseal::{Error, FixedClock, Timestamp};
use std::fs;
use std::path::Path;
use support::{openssl, run, run_ok};

/// A certificate and its key.
struct Party {
    key: PrivateKey,
    cert: Certificate,
}

struct Pki {
    root: Certificate,
    ca: Certificate,
    tsa: Party,
    signer: Party,
    /// A time every certificate is valid at.
    now: Timestamp,
}

/// Root -> CA -> {TSA, document signer}; `issuer_id` is the SM2 user ID the
/// CAs sign certificates with, `tsa_id` the TSA key's (OpenSSL uses the empty
/// ID unless told otherwise).
fn pki_with_ids(start: Timestamp, issuer_id: &[u8], tsa_id: &[u8]) -> Pki {
    let rng = DeterministicRandom::new(b"tsp tests");
    let key = |id: &[u8]| {
        PrivateKey::generate(&rng)
            .unwrap()
            .with_user_id(id)
            .unwrap()
    };
    let params = |profile, name: &str, days| {
        CertificateParams::new(
            profile,
            DistinguishedName::parse(name).unwrap(),
            start,
            days,
        )
    };
    let (root_key, ca_key) = (key(issuer_id), key(issuer_id));
    let root = params(Profile::Root, "CN=TSP Root,O=gmseal,C=CN", 3650)
        .self_signed(&root_key, &rng)
        .unwrap();
    let ca_profile = Profile::IntermediateCa { path_len: Some(0) };
    let ca = params(ca_profile, "CN=TSP CA,O=gmseal,C=CN", 1000)
        .signed_by(ca_key.public_key(), &root, &root_key, &rng)
        .unwrap();
    let party = |profile, name: &str, key: PrivateKey| {
        let cert = params(profile, name, 365)
            .signed_by(key.public_key(), &ca, &ca_key, &rng)
            .unwrap();
        Party { key, cert }
    };
    Pki {
        tsa: party(Profile::Tsa, "CN=时间戳服务,O=gmseal,C=CN", key(tsa_id)),
        signer: party(
            Profile::DocumentSigner,
            "CN=签章者,C=CN",
            key(b"1234567812345678"),
        ),
        root,
        ca,
        now: start.plus_seconds(3600),
    }
}

fn pki() -> Pki {
    let id = b"1234567812345678";
    pki_with_ids(Timestamp::parse("2026-05-01T00:00:00Z").unwrap(), id, id)
}

fn opts() -> CmsVerifyOptions {
    CmsVerifyOptions::default()
}

fn code<T: std::fmt::Debug>(r: gmseal::Result<T>) -> &'static str {
    match r {
        Err(e) => e.code(),
        Ok(v) => panic!("expected an error, got {v:?}"),
    }
}

const DATA: &[u8] = b"the signature value, or the /ByteRange bytes of a PDF";

#[test]
fn stamp_verify_and_validate_the_tsa_chain() {
    let p = pki();
    let clock = FixedClock(p.now);
    let digest = sm3(DATA);
    // The same builder over the data itself gives the same token (deterministic
    // SM2 signatures, the same serial from a fresh generator).
    let tokens: Vec<Vec<u8>> = [true, false]
        .into_iter()
        .map(|by_digest| {
            let rng = DeterministicRandom::new(b"serials");
            let builder =
                TimestampBuilder::new(&p.tsa.cert, &p.tsa.key, oid::TEST_POLICY, &clock, &rng)
                    .nonce(&[0x00, 0x9A, 0xBC])
                    .accuracy(Accuracy {
                        seconds: 1,
                        millis: 500,
                        micros: 0,
                    })
                    .include_tsa_name()
                    .add_certificate(&p.ca);
            if by_digest {
                builder.stamp_digest(&digest)
            } else {
                builder.stamp(DATA)
            }
            .unwrap()
        })
        .collect();
    assert_eq!(tokens[0], tokens[1]);
    let token = &tokens[0];

    let report = verify_token(token, &digest, &opts()).unwrap();
    assert_eq!(report.gen_time, p.now);
    assert_eq!(report.policy, oid::TEST_POLICY);
    assert_eq!(report.serial.len(), 16);
    assert!(report.serial[0] & 0x80 == 0 && report.serial[0] != 0);
    assert_eq!(report.tsa_certificate, p.tsa.cert);
    assert_eq!(report.certificates, vec![p.tsa.cert.clone(), p.ca.clone()]);
    assert_eq!(report.signature.variant, IdVariant::UserId);
    let info = &report.tst_info;
    assert_eq!(info.message_imprint.hash_algorithm, oid::SM3);
    assert_eq!(info.message_imprint.hashed_message, digest);
    assert_eq!(info.nonce.as_deref(), Some(&[0x9A, 0xBC][..]));
    assert_eq!(
        info.accuracy,
        Some(Accuracy {
            seconds: 1,
            millis: 500,
            micros: 0
        })
    );
    assert!(!info.ordering);
    assert_eq!(info.tsa_name().as_ref(), Some(p.tsa.cert.subject()));
    assert_eq!(info.gen_time_text(), "2026-05-01T01:00:00Z");

    // The CMS layer: SignedData version 3, eContentType id-ct-TSTInfo.
    let attached = verify_attached(token, &opts()).unwrap();
    assert_eq!(attached.content_type, oid::CT_TST_INFO);
    assert_eq!(TstInfo::from_der(&attached.content).unwrap(), *info);
    assert!(attached.report.signing_certificate_v2);
    assert_eq!(attached.report.signing_time, None);

    // Chain validation is the caller's: at genTime, for time stamping.
    let trust = TrustStore::new(vec![p.root.clone()]);
    let at = ValidationOptions::at(report.gen_time);
    let chain = trust
        .validate(
            &report.tsa_certificate,
            &report.certificates,
            &at.clone().for_purpose(Purpose::TimeStamping),
        )
        .unwrap();
    assert_eq!(chain.certificates.len(), 3);
    // The TSA certificate serves no other purpose.
    assert_eq!(
        code(trust.validate(
            &report.tsa_certificate,
            &report.certificates,
            &at.for_purpose(Purpose::DocumentSigning),
        )),
        "pki.key-usage"
    );
    // Nor can a document signer's certificate validate for time stamping.
    assert_eq!(
        code(trust.validate(
            &p.signer.cert,
            std::slice::from_ref(&p.ca),
            &ValidationOptions::at(p.now).for_purpose(Purpose::TimeStamping),
        )),
        "pki.key-usage"
    );
}

/// A token over `DATA` with no optional fields: `(SM3 of DATA, the token)`.
fn plain_token(p: &Pki, clock: &FixedClock, rng: &DeterministicRandom) -> ([u8; 32], Vec<u8>) {
    let digest = sm3(DATA);
    let token = TimestampBuilder::new(&p.tsa.cert, &p.tsa.key, oid::TEST_POLICY, clock, rng)
        .stamp_digest(&digest)
        .unwrap();
    (digest, token)
}

#[test]
fn wrong_imprint_and_tampering_fail() {
    let p = pki();
    let (clock, rng) = (FixedClock(p.now), DeterministicRandom::new(b"tamper"));
    let (digest, token) = plain_token(&p, &clock, &rng);
    let err = verify_token(&token, &sm3(b"other data"), &opts()).unwrap_err();
    assert_eq!(err.code(), "tsp.imprint-mismatch");
    assert!(err.is_verification_failure());
    assert!(
        err.to_string().contains(
            &sm3(DATA)[..4]
                .iter()
                .map(|b| format!("{b:02X}"))
                .collect::<String>()
        ),
        "{err}"
    );
    // Every single-byte change of the token fails (and never panics).
    for i in 0..token.len() {
        let mut bad = token.clone();
        bad[i] ^= 0x01;
        assert!(
            verify_token(&bad, &digest, &opts()).is_err(),
            "flipping byte {i} went unnoticed"
        );
    }
    for len in 0..token.len() {
        assert!(verify_token(&token[..len], &digest, &opts()).is_err());
    }
    // The genTime digits themselves: a changed time breaks the message digest.
    let text = b"20260501010000Z";
    let pos = token.windows(text.len()).position(|w| w == text).unwrap();
    let mut later = token;
    later[pos + 9] = b'2';
    assert_eq!(
        code(verify_token(&later, &digest, &opts())),
        "cms.digest-mismatch"
    );
}

/// Re-sign a (possibly edited) TSTInfo as `cert`/`key`: tokens the builder
/// refuses to make.
fn resign(info: &TstInfo, cert: &Certificate, key: &PrivateKey) -> Vec<u8> {
    SignedDataBuilder::new(cert, key)
        .sign_encapsulated(&oid::CT_TST_INFO, &info.to_der().unwrap())
        .unwrap()
}

#[test]
fn each_rfc_3161_check_fails_once() {
    let p = pki();
    let (clock, rng) = (FixedClock(p.now), DeterministicRandom::new(b"checks"));
    let (digest, token) = plain_token(&p, &clock, &rng);
    let info = verify_token(&token, &digest, &opts()).unwrap().tst_info;

    // Unedited and re-signed: still valid.
    verify_token(&resign(&info, &p.tsa.cert, &p.tsa.key), &digest, &opts()).unwrap();

    // A TSTInfo signed with a certificate that lacks the timeStamping EKU.
    let err = verify_token(
        &resign(&info, &p.signer.cert, &p.signer.key),
        &digest,
        &opts(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "tsp.not-a-tsa-certificate", "{err}");
    assert!(err.to_string().contains("extendedKeyUsage"), "{err}");
    // The builder refuses such a certificate in the first place.
    assert_eq!(
        code(
            TimestampBuilder::new(
                &p.signer.cert,
                &p.signer.key,
                oid::TEST_POLICY,
                &clock,
                &rng
            )
            .stamp_digest(&digest)
        ),
        "tsp.not-a-tsa-certificate"
    );
    // ... and a key that is not the certificate's.
    assert!(
        TimestampBuilder::new(&p.tsa.cert, &p.signer.key, oid::TEST_POLICY, &clock, &rng)
            .stamp_digest(&digest)
            .is_err()
    );

    // Another eContentType.
    let data_cms = SignedDataBuilder::new(&p.tsa.cert, &p.tsa.key)
        .sign_encapsulated(&oid::PKCS7_DATA, &info.to_der().unwrap())
        .unwrap();
    assert_eq!(
        code(verify_token(&data_cms, &digest, &opts())),
        "tsp.not-a-token"
    );
    // A detached SignedData.
    let detached = SignedDataBuilder::new(&p.tsa.cert, &p.tsa.key)
        .sign(&info.to_der().unwrap())
        .unwrap();
    assert_eq!(
        code(verify_token(&detached, &digest, &opts())),
        "cms.invalid"
    );

    // A SHA-256 imprint.
    let mut sha = info.clone();
    sha.message_imprint.hash_algorithm = oid::SHA256;
    let err = verify_token(&resign(&sha, &p.tsa.cert, &p.tsa.key), &digest, &opts()).unwrap_err();
    assert_eq!(err.code(), "tsp.unsupported-algorithm");
    assert!(!err.is_verification_failure());

    // genTime outside the TSA certificate's validity.
    let mut early = info.clone();
    early.gen_time = p.tsa.cert.not_before().minus_seconds(1);
    assert_eq!(
        code(verify_token(
            &resign(&early, &p.tsa.cert, &p.tsa.key),
            &digest,
            &opts()
        )),
        "pki.expired"
    );
    assert_eq!(
        code(
            TimestampBuilder::new(
                &p.tsa.cert,
                &p.tsa.key,
                oid::TEST_POLICY,
                &FixedClock(p.tsa.cert.not_after().plus_seconds(1)),
                &rng
            )
            .stamp_digest(&digest)
        ),
        "pki.expired"
    );

    // A tsa name that is not the TSA's.
    let mut named = info.clone();
    let other = verify_token(
        &TimestampBuilder::new(&p.tsa.cert, &p.tsa.key, oid::TEST_POLICY, &clock, &rng)
            .include_tsa_name()
            .stamp_digest(&digest)
            .unwrap(),
        &digest,
        &opts(),
    )
    .unwrap()
    .tst_info;
    named.tsa = other.tsa;
    verify_token(&resign(&named, &p.tsa.cert, &p.tsa.key), &digest, &opts()).unwrap();
    let mut tsa_name = named.tsa.clone().unwrap();
    let last = tsa_name.len() - 1;
    tsa_name[last] ^= 0x01; // a letter of the common name
    named.tsa = Some(tsa_name);
    assert_eq!(
        code(verify_token(
            &resign(&named, &p.tsa.cert, &p.tsa.key),
            &digest,
            &opts()
        )),
        "tsp.invalid"
    );

    // A genTime with a fraction of a second is read, and kept.
    let mut fraction = info.clone();
    fraction.gen_time_fraction = "125".into();
    let report = verify_token(
        &resign(&fraction, &p.tsa.cert, &p.tsa.key),
        &digest,
        &opts(),
    )
    .unwrap();
    assert_eq!(report.gen_time, info.gen_time);
    assert_eq!(report.tst_info.gen_time_text(), "2026-05-01T01:00:00.125Z");

    // Critical TSTInfo extensions are refused; non-critical ones are reported.
    let der = info.to_der().unwrap();
    let with_ext = |critical: bool| {
        // extensions [1] IMPLICIT SEQUENCE OF Extension, appended to the TSTInfo.
        let crit: &[u8] = if critical { &[0x01, 0x01, 0xFF] } else { &[] };
        let policy = [&[0x06, 0x08][..], oid::TEST_POLICY.as_bytes()].concat();
        let ext_body = [&policy[..], crit, &[0x04, 0x00]].concat();
        let ext = [&[0x30, ext_body.len() as u8][..], &ext_body].concat();
        let tagged = [&[0xA1, ext.len() as u8][..], &ext].concat();
        let body = [&der[2..], &tagged[..]].concat();
        let header: &[u8] = if body.len() < 0x80 {
            &[0x30, body.len() as u8]
        } else {
            &[0x30, 0x81, body.len() as u8]
        };
        let out = [header, &body].concat();
        TstInfo::from_der(&out).unwrap()
    };
    let plain = with_ext(false);
    assert_eq!(plain.extensions.len(), 1);
    verify_token(&resign(&plain, &p.tsa.cert, &p.tsa.key), &digest, &opts()).unwrap();
    assert_eq!(
        code(verify_token(
            &resign(&with_ext(true), &p.tsa.cert, &p.tsa.key),
            &digest,
            &opts()
        )),
        "tsp.invalid"
    );

    // Builder arguments out of range.
    for serial in [&[][..], &[0, 0][..], &[1; 21][..]] {
        assert_eq!(
            code(
                TimestampBuilder::new(&p.tsa.cert, &p.tsa.key, oid::TEST_POLICY, &clock, &rng)
                    .serial_number(serial)
                    .stamp_digest(&digest)
            ),
            "input.invalid"
        );
    }
    assert_eq!(
        code(
            TimestampBuilder::new(&p.tsa.cert, &p.tsa.key, oid::TEST_POLICY, &clock, &rng)
                .accuracy(Accuracy {
                    seconds: 0,
                    millis: 1000,
                    micros: 0
                })
                .stamp_digest(&digest)
        ),
        "input.invalid"
    );
    // Any policy the TSA names is carried.
    let policy = ObjectIdentifier::new("1.2.3.4.5").unwrap();
    let token = TimestampBuilder::new(&p.tsa.cert, &p.tsa.key, policy, &clock, &rng)
        .serial_number(&[0x00, 0xFF])
        .stamp_digest(&digest)
        .unwrap();
    let report = verify_token(&token, &digest, &opts()).unwrap();
    assert_eq!(report.policy, policy);
    assert_eq!(report.serial, [0xFF]);
    let _: &Error = &verify_token(&token, &[0; 32], &opts()).unwrap_err();
}

macro_rules! need_openssl {
    () => {
        match openssl() {
            Some(bin) => bin,
            None => return,
        }
    };
}

fn write(dir: &Path, name: &str, data: impl AsRef<[u8]>) {
    fs::write(dir.join(name), data).unwrap();
}

/// A TSA key that signs `e = SM3(M)` without ZA, as OpenSSL 3.0's PKCS#7
/// code (which `openssl ts -verify` uses) verifies SM2.
struct NoZa(PrivateKey);

impl Signer for NoZa {
    fn public_key(&self) -> &PublicKey {
        self.0.public_key()
    }
    fn sign_digest(&self, e: &[u8; 32]) -> gmseal::Result<Signature> {
        self.0.sign_digest(e)
    }
    fn sign_parts(&self, parts: &[&[u8]]) -> gmseal::Result<Signature> {
        self.sign_digest(&sm3(&parts.concat()))
    }
}

/// The SM2 flavours of the OpenSSL test: (label, ZA user ID of the CAs'
/// certificate signatures, how the TSA signs the token).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Flavour {
    /// GM/T 0009 throughout: user ID `1234567812345678`.
    GmT,
    /// The empty ID throughout.
    EmptyId,
    /// Certificates with the empty ID, the token's signature without ZA.
    OpenSsl,
}

/// `openssl ts -reply -token_in -token_out -text` prints our TSTInfo, and
/// `openssl ts -verify` checks the whole token.
///
/// What OpenSSL 3.0 does with SM2 here, found by this test:
/// - it verifies certificate signatures with ZA of the *empty* user ID and
///   `ts -verify` has no option to change that (no `-vfyopt`);
/// - it verifies the token's signature through its PKCS#7 code, which for SM2
///   computes `e = SM3(signed attributes)` with no ZA at all (the GmSSL-CMS
///   variant gmseal reads as `IdVariant::NoZa`).
///
/// So a GM/T-conformant token (user ID `1234567812345678` throughout) is parsed
/// and printed by OpenSSL, but `ts -verify` fails at the first certificate
/// signature of the chain; with the empty ID throughout it fails at the token's
/// signature; with certificates signed with the empty ID and the token signed
/// without ZA it verifies completely: chain to the root, the critical
/// timeStamping EKU, ESS signingCertificateV2 with SM3, the CMS signature and
/// the imprint. gmseal verifies the other flavours only when told to accept
/// their ID variant, and says which one matched.
#[test]
fn openssl_reads_and_verifies_our_tokens() {
    let bin = need_openssl!();
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    // OpenSSL checks the chain at the current time.
    let start = Timestamp::now().minus_seconds(86_400);
    let digest = sm3(DATA);
    let hex_digest = hex::encode(digest);
    let serial = [0x0A, 0xBC, 0xDE, 0xF0, 0x12];

    for flavour in [Flavour::GmT, Flavour::EmptyId, Flavour::OpenSsl] {
        let (cert_id, token_id) = match flavour {
            Flavour::GmT => (&b"1234567812345678"[..], &b"1234567812345678"[..]),
            Flavour::EmptyId | Flavour::OpenSsl => (&b""[..], &b""[..]),
        };
        let p = pki_with_ids(start, cert_id, token_id);
        let no_za = NoZa(PrivateKey::from_bytes(&p.tsa.key.to_bytes()).unwrap());
        let tsa_signer: &dyn Signer = match flavour {
            Flavour::OpenSsl => &no_za,
            _ => &p.tsa.key,
        };
        let clock = FixedClock(p.now);
        let rng = DeterministicRandom::new(b"openssl");
        let token = TimestampBuilder::new(&p.tsa.cert, tsa_signer, oid::TEST_POLICY, &clock, &rng)
            .serial_number(&serial)
            .nonce(&[0x01, 0x02, 0x03, 0x04])
            .accuracy(Accuracy {
                seconds: 2,
                millis: 0,
                micros: 0,
            })
            .include_tsa_name()
            .add_certificate(&p.ca)
            .stamp_digest(&digest)
            .unwrap();
        let file = format!("{flavour:?}.tst");
        write(dir, &file, &token);
        write(dir, "root.pem", p.root.to_pem());
        write(dir, "ca.pem", p.ca.to_pem());

        // (a) OpenSSL prints the TSTInfo.
        let text = run_ok(
            &bin,
            dir,
            &[
                "ts",
                "-reply",
                "-token_in",
                "-in",
                &file,
                "-token_out",
                "-text",
            ],
        )
        .stdout;
        let field = |name: &str| -> String {
            text.lines()
                .find_map(|l| l.strip_prefix(name))
                .unwrap_or_else(|| panic!("no {name:?} in:\n{text}"))
                .trim()
                .to_owned()
        };
        assert_eq!(field("Version:"), "1", "{text}");
        assert_eq!(field("Policy OID:"), "1.3.6.1.5.5.7.13.1", "{text}");
        assert_eq!(field("Hash Algorithm:"), "sm3", "{text}");
        assert_eq!(field("Serial number:"), "0x0ABCDEF012", "{text}");
        assert_eq!(field("Nonce:"), "0x01020304", "{text}");
        assert_eq!(field("Ordering:"), "no", "{text}");
        assert!(field("Accuracy:").starts_with("0x02 seconds"), "{text}");
        // OpenSSL escapes the UTF-8 bytes of the common name.
        let escaped: String = "时间戳服务"
            .bytes()
            .map(|b| format!("\\x{b:02X}"))
            .collect();
        assert_eq!(
            field("TSA:"),
            format!("DirName:/C=CN/O=gmseal/CN={escaped}"),
            "{text}"
        );
        // "Time stamp: May  1 01:00:00 2026 GMT" (ASN1_TIME_print).
        let dt = p.now.to_string(); // YYYY-MM-DDTHH:MM:SSZ
        let time = field("Time stamp:");
        assert!(
            time.ends_with(&format!("{} {} GMT", &dt[11..19], &dt[..4])),
            "{time} vs {dt}"
        );
        // "Message data:" is followed by a hex dump of the imprint.
        let dump: String = text
            .split("Message data:")
            .nth(1)
            .unwrap()
            .lines()
            .skip(1)
            .take_while(|l| l.trim_start().starts_with("00"))
            .map(|l| {
                let hex_part = l.split(" - ").nth(1).unwrap_or("");
                hex_part
                    .chars()
                    .take(47)
                    .filter(char::is_ascii_hexdigit)
                    .collect::<String>()
            })
            .collect();
        assert_eq!(dump, hex_digest, "{text}");

        // (b) OpenSSL verifies the token.
        let verify = |digest_hex: &str| {
            run(
                &bin,
                dir,
                &[
                    "ts",
                    "-verify",
                    "-token_in",
                    "-in",
                    &file,
                    "-digest",
                    digest_hex,
                    "-CAfile",
                    "root.pem",
                    "-untrusted",
                    "ca.pem",
                ],
            )
        };
        let good = verify(&hex_digest);
        eprintln!(
            "[{flavour:?}] openssl ts -verify: {} {}",
            good.stdout.trim(),
            good.stderr.trim()
        );
        let wrong = verify(&hex::encode(sm3(b"other")));
        assert!(!wrong.ok, "OpenSSL accepted a wrong imprint");
        let (signature_options, expected_variant) = match flavour {
            Flavour::GmT => {
                assert!(!good.ok, "OpenSSL verified a GM/T-ID token");
                assert!(
                    good.stderr.contains("certificate signature failure"),
                    "{}",
                    good.stderr
                );
                (VerifyOptions::default(), IdVariant::UserId)
            }
            Flavour::EmptyId => {
                // The chain passes; the token's signature does not.
                assert!(!good.ok, "OpenSSL verified an empty-ID token signature");
                assert!(
                    good.stderr
                        .contains("PKCS7_signatureVerify:signature failure"),
                    "{}",
                    good.stderr
                );
                (
                    VerifyOptions::default().accept_empty_id(),
                    IdVariant::EmptyId,
                )
            }
            Flavour::OpenSsl => {
                assert!(
                    good.ok && good.stdout.contains("Verification: OK"),
                    "OpenSSL rejected the token:\n{}\n{}",
                    good.stdout,
                    good.stderr
                );
                assert!(
                    wrong.stderr.contains("message imprint mismatch"),
                    "{}",
                    wrong.stderr
                );
                (
                    VerifyOptions::default().accept_empty_id().accept_no_za(),
                    IdVariant::NoZa,
                )
            }
        };
        // gmseal: by default only GM/T 0009's ID; the others when allowed.
        assert_eq!(
            verify_token(&token, &digest, &opts()).is_ok(),
            flavour == Flavour::GmT
        );
        let mut options = opts();
        options.signature = signature_options.clone();
        let report = verify_token(&token, &digest, &options).unwrap();
        assert_eq!(report.signature.variant, expected_variant);
        let mut validation = ValidationOptions::at(p.now).for_purpose(Purpose::TimeStamping);
        validation.signature_options = signature_options;
        TrustStore::new(vec![p.root.clone()])
            .validate(&report.tsa_certificate, &report.certificates, &validation)
            .unwrap();
    }
}
