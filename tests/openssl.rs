//! Interoperability with OpenSSL 3, the independent implementation at hand:
//! OpenSSL must accept what gmseal writes (keys, SM2 signatures, certificates,
//! chains, CRLs, CMS), and gmseal must accept what OpenSSL writes.
//!
//! OpenSSL computes SM2's ZA with an **empty** user ID unless told otherwise
//! (`-pkeyopt distid:…`, `-sigopt distid:…`, `-vfyopt distid:…`); GM/T 0009
//! requires `1234567812345678`. Both directions are checked, and so is the
//! empty-ID quirk itself.
//!
//! When `openssl` is missing each test prints a loud SKIPPED banner and returns.

#![allow(clippy::unwrap_used, clippy::panic, clippy::cloned_ref_to_slice_refs)]

#[path = "support/mod_openssl.rs"]
mod support;

use gmseal::cms::{CmsVerifyOptions, OidFamily, SignedDataBuilder, verify_detached};
use gmseal::crypto::{
    DeterministicRandom, IdVariant, Pbes2Params, PrivateKey, PublicKey, Signer, Sm4Key,
    SystemRandom, VerifyOptions, hmac_sm3, pbkdf2_hmac_sm3, sm3,
};
use gmseal::pki::{
    Certificate, CertificateParams, CrlParams, DistinguishedName, Profile, Purpose,
    RevocationReason, RevokedCertificate, TrustStore, ValidationOptions,
};
use gmseal::{Error, PkiError, Timestamp};
use std::fs;
use std::path::Path;
use support::{asn1parse, openssl, run, run_ok, unhex};

macro_rules! need_openssl {
    () => {
        match openssl() {
            Some(bin) => bin,
            None => return,
        }
    };
}

const DISTID: &str = "distid:1234567812345678";

struct Pki {
    root: Certificate,
    ca_key: PrivateKey,
    ca: Certificate,
    signer_key: PrivateKey,
    signer: Certificate,
    maker: Certificate,
    tsa: Certificate,
}

fn dn(s: &str) -> DistinguishedName {
    DistinguishedName::parse(s).unwrap()
}

/// A complete deterministic PKI, valid around now so OpenSSL's clock accepts it.
fn pki() -> Pki {
    let rng = DeterministicRandom::new(b"openssl interop");
    let now = Timestamp::now().minus_seconds(86_400);
    let root_key = PrivateKey::generate(&rng).unwrap();
    let root = CertificateParams::new(
        Profile::Root,
        dn("CN=互操作测试根CA,O=gmseal,C=CN"),
        now,
        3650,
    )
    .self_signed(&root_key, &rng)
    .unwrap();
    let ca_key = PrivateKey::generate(&rng).unwrap();
    let ca = CertificateParams::new(
        Profile::IntermediateCa { path_len: Some(0) },
        dn("CN=互操作测试CA,O=gmseal,C=CN"),
        now,
        1000,
    )
    .signed_by(ca_key.public_key(), &root, &root_key, &rng)
    .unwrap();
    let issue = |profile, subject: &str| {
        let key = PrivateKey::generate(&rng).unwrap();
        let cert = CertificateParams::new(profile, dn(subject), now, 365)
            .signed_by(key.public_key(), &ca, &ca_key, &rng)
            .unwrap();
        (key, cert)
    };
    let (signer_key, signer) = issue(Profile::DocumentSigner, "CN=张三,OU=办公室,O=示例单位,C=CN");
    let (_, maker) = issue(Profile::SealMaker, "CN=制章者,O=示例公安局,C=CN");
    let (_, tsa) = issue(Profile::Tsa, "CN=时间戳服务,O=gmseal,C=CN");
    Pki {
        root,
        ca_key,
        ca,
        signer_key,
        signer,
        maker,
        tsa,
    }
}

fn write(dir: &Path, name: &str, data: impl AsRef<[u8]>) {
    fs::write(dir.join(name), data).unwrap();
}

#[test]
fn openssl_parses_our_certificates() {
    let bin = need_openssl!();
    let dir = tempfile::tempdir().unwrap();
    let p = pki();
    for (name, cert, expect) in [
        (
            "root.pem",
            &p.root,
            &[
                "CA:TRUE",
                "Certificate Sign, CRL Sign",
                "Subject Key Identifier",
            ][..],
        ),
        (
            "ca.pem",
            &p.ca,
            &["CA:TRUE, pathlen:0", "Authority Key Identifier"][..],
        ),
        (
            "signer.pem",
            &p.signer,
            &[
                "CA:FALSE",
                "Digital Signature, Non Repudiation",
                "1.3.6.1.5.5.7.3.36",
                "张三",
            ][..],
        ),
        (
            "maker.pem",
            &p.maker,
            &["Digital Signature, Non Repudiation", "制章者"][..],
        ),
        (
            "tsa.pem",
            &p.tsa,
            &["X509v3 Extended Key Usage: critical", "Time Stamping"][..],
        ),
    ] {
        write(dir.path(), name, cert.to_pem());
        let text = run_ok(
            &bin,
            dir.path(),
            &["x509", "-in", name, "-noout", "-text", "-nameopt", "utf8"],
        )
        .stdout;
        assert!(
            text.contains("Signature Algorithm: SM2-with-SM3"),
            "{name}:\n{text}"
        );
        assert!(text.contains("ASN1 OID: SM2"), "{name}:\n{text}");
        for e in expect {
            assert!(text.contains(e), "{name}: {e:?} missing in\n{text}");
        }
        // The DER is what OpenSSL re-encodes, byte for byte.
        let der = run_ok(&bin, dir.path(), &["x509", "-in", name, "-outform", "DER"]).stdout_bytes;
        assert_eq!(der, cert.der(), "{name}");
    }
}

#[test]
fn openssl_verifies_our_chain_and_crl() {
    let bin = need_openssl!();
    let dir = tempfile::tempdir().unwrap();
    let p = pki();
    write(dir.path(), "root.pem", p.root.to_pem());
    write(dir.path(), "ca.pem", p.ca.to_pem());
    // OpenSSL 3 applies `-vfyopt distid:` only to the first signature of a path
    // (openssl/openssl#23471, open), so a three-level SM2 chain cannot be checked
    // in one call; each link is checked on its own instead: root -> CA, then
    // CA -> end entity with the CA as a partial-chain anchor.
    let r = run_ok(
        &bin,
        dir.path(),
        &["verify", "-vfyopt", DISTID, "-CAfile", "root.pem", "ca.pem"],
    );
    assert_eq!(r.stdout.trim(), "ca.pem: OK");
    for (name, cert) in [
        ("signer.pem", &p.signer),
        ("maker.pem", &p.maker),
        ("tsa.pem", &p.tsa),
    ] {
        write(dir.path(), name, cert.to_pem());
        let r = run_ok(
            &bin,
            dir.path(),
            &[
                "verify",
                "-vfyopt",
                DISTID,
                "-partial_chain",
                "-CAfile",
                "ca.pem",
                name,
            ],
        );
        assert_eq!(r.stdout.trim(), format!("{name}: OK"));
    }
    // The quirk: without the distid option OpenSSL uses the empty ID and rejects
    // GM/T-conformant certificates.
    let r = run(
        &bin,
        dir.path(),
        &[
            "verify",
            "-partial_chain",
            "-CAfile",
            "ca.pem",
            "signer.pem",
        ],
    );
    assert!(
        !r.ok,
        "OpenSSL unexpectedly verified without distid: {}",
        r.stdout
    );

    // A CRL from the CA revoking the TSA certificate.
    let mut params = CrlParams::new(Timestamp::now().minus_seconds(3600), 7, 42);
    params.revoked.push(RevokedCertificate::new(
        &p.tsa,
        Timestamp::now().minus_seconds(60),
        Some(RevocationReason::KeyCompromise),
    ));
    let crl = params.sign(&p.ca, &p.ca_key).unwrap();
    write(dir.path(), "ca.crl", crl.to_pem());
    let text = run_ok(
        &bin,
        dir.path(),
        &["crl", "-in", "ca.crl", "-noout", "-text"],
    )
    .stdout;
    assert!(text.contains("Signature Algorithm: SM2-with-SM3"), "{text}");
    assert!(text.contains(&p.tsa.serial_hex()), "{text}");
    assert!(text.contains("Key Compromise"), "{text}");
    assert!(text.contains("X509v3 CRL Number"), "{text}");
    // The CRL's signature, checked by OpenSSL over the tbsCertList bytes.
    let tbs = tbs_of(&bin, dir.path(), "ca.crl.der", crl.der());
    write(dir.path(), "ca-pub.pem", p.ca.public_key().to_spki_pem());
    let sig = signature_of(&bin, dir.path(), "ca.crl.der");
    write(dir.path(), "crl.tbs", tbs);
    write(dir.path(), "crl.sig", sig);
    pkeyutl_verify(&bin, dir.path(), "ca-pub.pem", "crl.tbs", "crl.sig", true);
}

/// The first element (tbsCertificate / tbsCertList) of a signed structure, located by OpenSSL.
fn tbs_of(bin: &Path, dir: &Path, file: &str, der: &[u8]) -> Vec<u8> {
    write(dir, file, der);
    let lines = asn1parse(bin, dir, file);
    let tbs = lines.iter().find(|l| l.depth == 1).expect("tbs");
    der[tbs.offset..tbs.offset + tbs.header_len + tbs.len].to_vec()
}

/// The signature value (BIT STRING content without the unused-bits byte), located by OpenSSL.
fn signature_of(bin: &Path, dir: &Path, file: &str) -> Vec<u8> {
    let der = fs::read(dir.join(file)).unwrap();
    let lines = asn1parse(bin, dir, file);
    let bits = lines
        .iter()
        .rev()
        .find(|l| l.depth == 1 && l.text.contains("BIT STRING"))
        .expect("BIT STRING");
    der[bits.offset + bits.header_len + 1..bits.offset + bits.header_len + bits.len].to_vec()
}

fn pkeyutl_verify(bin: &Path, dir: &Path, pubkey: &str, data: &str, sig: &str, expect_ok: bool) {
    let r = run(
        bin,
        dir,
        &[
            "pkeyutl", "-verify", "-pubin", "-inkey", pubkey, "-rawin", "-digest", "sm3",
            "-pkeyopt", DISTID, "-in", data, "-sigfile", sig,
        ],
    );
    assert_eq!(
        r.ok, expect_ok,
        "pkeyutl -verify {data}: {}{}",
        r.stdout, r.stderr
    );
    if expect_ok {
        assert!(
            r.stdout.contains("Signature Verified Successfully"),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn we_accept_openssl_certificates() {
    let bin = need_openssl!();
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    for key in ["root.key", "ee.key", "root2.key"] {
        run_ok(
            &bin,
            dir,
            &[
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:SM2",
                "-out",
                key,
            ],
        );
    }
    let ca_ext = [
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ];
    let mut args = vec![
        "req",
        "-x509",
        "-new",
        "-key",
        "root.key",
        "-subj",
        "/C=CN/O=OpenSSL/CN=OpenSSL SM2 Root",
        "-sm3",
        "-sigopt",
        DISTID,
        "-days",
        "30",
        "-out",
        "root.pem",
    ];
    args.extend(ca_ext);
    run_ok(&bin, dir, &args);
    run_ok(
        &bin,
        dir,
        &[
            "req",
            "-new",
            "-key",
            "ee.key",
            "-subj",
            "/C=CN/O=OpenSSL/CN=OpenSSL Signer",
            "-sm3",
            "-sigopt",
            DISTID,
            "-out",
            "ee.csr",
        ],
    );
    write(
        dir,
        "ee.ext",
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n",
    );
    run_ok(
        &bin,
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "ee.csr",
            "-vfyopt",
            DISTID,
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-CAcreateserial",
            "-sm3",
            "-sigopt",
            DISTID,
            "-days",
            "10",
            "-extfile",
            "ee.ext",
            "-out",
            "ee.pem",
        ],
    );
    let root = Certificate::from_pem(&fs::read_to_string(dir.join("root.pem")).unwrap()).unwrap();
    let ee = Certificate::from_pem(&fs::read_to_string(dir.join("ee.pem")).unwrap()).unwrap();
    assert_eq!(ee.subject().to_string(), "CN=OpenSSL Signer,O=OpenSSL,C=CN");
    let options = ValidationOptions::at(Timestamp::now()).for_purpose(Purpose::DocumentSigning);
    let chain = TrustStore::new(vec![root])
        .validate(&ee, &[], &options)
        .unwrap();
    assert_eq!(chain.certificates.len(), 2);
    // OpenSSL's key file and public key agree with the certificate.
    let key = PrivateKey::load(&fs::read(dir.join("ee.key")).unwrap(), None).unwrap();
    assert_eq!(key.public_key(), ee.public_key());

    // The same made the OpenSSL default way (empty ID): rejected unless opted in.
    let mut args = vec![
        "req",
        "-x509",
        "-new",
        "-key",
        "root2.key",
        "-subj",
        "/CN=Empty ID Root",
        "-sm3",
        "-days",
        "30",
        "-out",
        "root2.pem",
    ];
    args.extend(ca_ext);
    run_ok(&bin, dir, &args);
    let root2 = Certificate::from_pem(&fs::read_to_string(dir.join("root2.pem")).unwrap()).unwrap();
    let default_id = root2.verify_signature(root2.public_key(), &VerifyOptions::default());
    assert!(
        matches!(default_id, Err(Error::Pki(PkiError::BadSignature { .. }))),
        "{default_id:?}"
    );
    let variant = root2
        .verify_signature(
            root2.public_key(),
            &VerifyOptions::default().accept_empty_id(),
        )
        .unwrap();
    assert_eq!(variant, IdVariant::EmptyId);
}

#[test]
fn keys_interoperate() {
    let bin = need_openssl!();
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let ours = PrivateKey::generate(&SystemRandom).unwrap();
    let spki = ours.public_key().to_spki_pem();

    // Ours -> OpenSSL: PKCS#8, SEC1 and SPKI all read back to the same public key.
    write(dir, "p8.pem", ours.to_pkcs8_pem().unwrap().as_bytes());
    write(dir, "sec1.pem", ours.to_sec1_pem().unwrap().as_bytes());
    write(dir, "pub.pem", &spki);
    for (file, extra) in [
        ("p8.pem", None),
        ("sec1.pem", None),
        ("pub.pem", Some("-pubin")),
    ] {
        let mut args = vec!["pkey", "-in", file, "-pubout"];
        args.extend(extra);
        assert_eq!(run_ok(&bin, dir, &args).stdout, spki, "{file}");
    }
    let text = run_ok(&bin, dir, &["pkey", "-in", "p8.pem", "-noout", "-text"]).stdout;
    assert!(text.contains("ASN1 OID: SM2"), "{text}");

    // OpenSSL -> ours: PKCS#8, traditional SEC1, and encrypted PKCS#8 (SM4-CBC, PBKDF2-HMAC-SHA256).
    run_ok(
        &bin,
        dir,
        &["genpkey", "-algorithm", "SM2", "-out", "o.pem"],
    );
    run_ok(&bin, dir, &["ec", "-in", "o.pem", "-out", "o-sec1.pem"]);
    run_ok(
        &bin,
        dir,
        &[
            "pkcs8",
            "-topk8",
            "-v2",
            "sm4-cbc",
            "-v2prf",
            "hmacWithSHA256",
            "-passout",
            "pass:s3cret",
            "-in",
            "o.pem",
            "-out",
            "o-enc.pem",
        ],
    );
    let o_pub =
        PublicKey::from_spki_pem(&run_ok(&bin, dir, &["pkey", "-in", "o.pem", "-pubout"]).stdout)
            .unwrap();
    // OpenSSL labels SEC1 SM2 keys "SM2 PRIVATE KEY".
    let sec1 = fs::read_to_string(dir.join("o-sec1.pem")).unwrap();
    assert!(
        sec1.starts_with("-----BEGIN SM2 PRIVATE KEY-----"),
        "{sec1}"
    );
    for (file, password) in [
        ("o.pem", None),
        ("o-sec1.pem", None),
        ("o-enc.pem", Some(&b"s3cret"[..])),
    ] {
        let key = PrivateKey::load(&fs::read(dir.join(file)).unwrap(), password).unwrap();
        assert_eq!(key.public_key(), &o_pub, "{file}");
    }
    let wrong = PrivateKey::load(&fs::read(dir.join("o-enc.pem")).unwrap(), Some(b"wrong"));
    assert_eq!(wrong.unwrap_err().code(), "crypto.wrong-password");
}

/// gmseal's encrypted PKCS#8 (PBKDF2-HMAC-SM3 + SM4-CBC) decrypted step by step
/// with OpenSSL alone: `asn1parse` for the parameters, `kdf` for PBKDF2-HMAC-SM3,
/// `enc -sm4-cbc` for the cipher, `pkey` for the result.
#[test]
fn openssl_decrypts_our_encrypted_key() {
    let bin = need_openssl!();
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let key = PrivateKey::generate(&SystemRandom).unwrap();
    let der = key
        .to_encrypted_pkcs8_der(
            b"pass word",
            &Pbes2Params { iterations: 4096 },
            &SystemRandom,
        )
        .unwrap();
    write(dir, "enc.der", &der);
    let lines = asn1parse(&bin, dir, "enc.der");
    let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let joined = text.join("\n");
    for oid in ["PBES2", "PBKDF2", "1.2.156.10197.1.401.2", "sm4-cbc"] {
        assert!(joined.contains(oid), "{oid} missing:\n{joined}");
    }
    let octets: Vec<&support::Asn1Line> = lines
        .iter()
        .filter(|l| l.text.contains("OCTET STRING"))
        .collect();
    let value = |l: &support::Asn1Line| {
        der[l.offset + l.header_len..l.offset + l.header_len + l.len].to_vec()
    };
    let (salt, iv, ciphertext) = (value(octets[0]), value(octets[1]), value(octets[2]));
    let iter_line = lines.iter().find(|l| l.text.contains("INTEGER")).unwrap();
    let iterations =
        u32::from_str_radix(iter_line.text.rsplit(':').next().unwrap().trim(), 16).unwrap();
    assert_eq!(iterations, 4096);
    let kdf = run_ok(
        &bin,
        dir,
        &[
            "kdf",
            "-keylen",
            "16",
            "-kdfopt",
            "digest:SM3",
            "-kdfopt",
            "pass:pass word",
            "-kdfopt",
            &format!("hexsalt:{}", hex::encode(&salt)),
            "-kdfopt",
            &format!("iter:{iterations}"),
            "PBKDF2",
        ],
    );
    let sm4_key = unhex(&kdf.stdout);
    write(dir, "ct.bin", &ciphertext);
    run_ok(
        &bin,
        dir,
        &[
            "enc",
            "-d",
            "-sm4-cbc",
            "-K",
            &hex::encode(&sm4_key),
            "-iv",
            &hex::encode(&iv),
            "-in",
            "ct.bin",
            "-out",
            "p8.der",
        ],
    );
    let spki = run_ok(
        &bin,
        dir,
        &["pkey", "-inform", "DER", "-in", "p8.der", "-pubout"],
    )
    .stdout;
    assert_eq!(spki, key.public_key().to_spki_pem());
}

#[test]
fn sm2_signatures_interoperate() {
    let bin = need_openssl!();
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let key = PrivateKey::generate(&SystemRandom).unwrap();
    write(dir, "key.pem", key.to_pkcs8_pem().unwrap().as_bytes());
    write(dir, "pub.pem", key.public_key().to_spki_pem());
    for (i, msg) in [&b""[..], b"abc", &[0x5a; 1000][..]].iter().enumerate() {
        let m = format!("m{i}");
        write(dir, &m, msg);
        // Ours, verified by OpenSSL with the GM/T default ID.
        let s = format!("{m}.ours");
        write(dir, &s, key.sign(msg).unwrap().to_der());
        pkeyutl_verify(&bin, dir, "pub.pem", &m, &s, true);
        // OpenSSL's with the default ID, verified by us.
        let sig = run_ok(
            &bin,
            dir,
            &[
                "pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-digest", "sm3", "-pkeyopt",
                DISTID, "-in", &m,
            ],
        )
        .stdout_bytes;
        let v = key
            .public_key()
            .verify(msg, &sig, &VerifyOptions::default())
            .unwrap();
        assert_eq!(v.variant, IdVariant::UserId);
        // OpenSSL's default (empty ID): rejected by default, accepted when opted in.
        let sig = run_ok(
            &bin,
            dir,
            &[
                "pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-digest", "sm3", "-in", &m,
            ],
        )
        .stdout_bytes;
        assert!(
            key.public_key()
                .verify(msg, &sig, &VerifyOptions::default())
                .is_err()
        );
        let v = key
            .public_key()
            .verify(msg, &sig, &VerifyOptions::default().accept_empty_id())
            .unwrap();
        assert_eq!(v.variant, IdVariant::EmptyId);
    }
    // A changed message fails in OpenSSL too.
    write(dir, "other", b"abd");
    pkeyutl_verify(&bin, dir, "pub.pem", "other", "m1.ours", false);
}

#[test]
fn hashes_and_ciphers_match_openssl() {
    let bin = need_openssl!();
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let rng = DeterministicRandom::new(b"sm3 lengths");
    for len in [0usize, 1, 55, 56, 63, 64, 65, 1000, 100_000] {
        let mut data = vec![0u8; len];
        gmseal::crypto::SecureRandom::fill(&rng, &mut data).unwrap();
        write(dir, "data", &data);
        let theirs = run_ok(&bin, dir, &["dgst", "-sm3", "-binary", "data"]).stdout_bytes;
        assert_eq!(theirs, sm3(&data), "SM3 of {len} bytes");
        let mac = run_ok(
            &bin,
            dir,
            &[
                "mac",
                "-digest",
                "SM3",
                "-macopt",
                "hexkey:000102030405060708090a0b0c0d0e0f1011",
                "-in",
                "data",
                "HMAC",
            ],
        )
        .stdout;
        assert_eq!(
            unhex(&mac),
            hmac_sm3(&unhex("000102030405060708090a0b0c0d0e0f1011"), &data),
            "HMAC-SM3 of {len} bytes"
        );

        let key = Sm4Key::from_bytes(&unhex("0123456789abcdeffedcba9876543210")).unwrap();
        let iv = [0x42u8; 16];
        let (k, ivh) = ("0123456789abcdeffedcba9876543210", hex::encode(iv));
        // CBC both ways.
        let theirs = run_ok(
            &bin,
            dir,
            &["enc", "-sm4-cbc", "-K", k, "-iv", &ivh, "-in", "data"],
        )
        .stdout_bytes;
        assert_eq!(
            theirs,
            key.cbc_encrypt(&iv, &data),
            "SM4-CBC of {len} bytes"
        );
        assert_eq!(
            key.cbc_decrypt(&iv, &theirs).unwrap().as_slice(),
            data.as_slice()
        );
        // CTR.
        if len > 0 {
            let theirs = run_ok(
                &bin,
                dir,
                &["enc", "-sm4-ctr", "-K", k, "-iv", &ivh, "-in", "data"],
            )
            .stdout_bytes;
            let mut ours = data.clone();
            key.ctr_apply(&iv, &mut ours);
            assert_eq!(theirs, ours, "SM4-CTR of {len} bytes");
        }
    }
    let kdf = run_ok(
        &bin,
        dir,
        &[
            "kdf",
            "-keylen",
            "32",
            "-kdfopt",
            "digest:SM3",
            "-kdfopt",
            "pass:pw",
            "-kdfopt",
            "hexsalt:a1a2a3a4a5a6a7a8",
            "-kdfopt",
            "iter:777",
            "PBKDF2",
        ],
    )
    .stdout;
    let mut ours = [0u8; 32];
    pbkdf2_hmac_sm3(b"pw", &unhex("a1a2a3a4a5a6a7a8"), 777, &mut ours).unwrap();
    assert_eq!(unhex(&kdf), ours);
}

#[test]
fn cms_interoperates() {
    let bin = need_openssl!();
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let p = pki();
    let content = "电子证照 sample document\n".repeat(50);
    write(dir, "content.txt", &content);
    write(dir, "tampered.txt", content.replace("sample", "Sample"));

    // OpenSSL verifies SM2 CMS with the empty ID only: a signer with that ID
    // shows the structure is right.
    let empty_id_key = PrivateKey::from_bytes(&p.signer_key.to_bytes())
        .unwrap()
        .with_user_id(b"")
        .unwrap();
    let cms = SignedDataBuilder::new(&p.signer, &empty_id_key)
        .signing_time(Timestamp::now())
        .add_certificate(&p.ca)
        .sign(content.as_bytes())
        .unwrap();
    write(dir, "empty-id.p7s", &cms);
    let args = |c: &'static str| {
        [
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            "empty-id.p7s",
            "-content",
            c,
            "-noverify",
            "-out",
            "/dev/null",
        ]
    };
    let r = run_ok(&bin, dir, &args("content.txt"));
    assert!(r.stderr.contains("Verification successful"), "{}", r.stderr);
    assert!(!run(&bin, dir, &args("tampered.txt")).ok);
    let printed = run_ok(
        &bin,
        dir,
        &[
            "cms",
            "-cmsout",
            "-print",
            "-inform",
            "DER",
            "-in",
            "empty-id.p7s",
        ],
    )
    .stdout;
    for needle in [
        "pkcs7-signedData",
        "sm3",
        "SM2-with-SM3",
        "id-smime-aa-signingCertificateV2",
        "signingTime",
    ] {
        assert!(printed.contains(needle), "{needle} missing:\n{printed}");
    }
    // gmseal accepts it only when the empty ID is allowed, and says so.
    assert!(verify_detached(&cms, content.as_bytes(), &CmsVerifyOptions::default()).is_err());
    let mut options = CmsVerifyOptions::default();
    options.signature = VerifyOptions::default().accept_empty_id();
    let report = verify_detached(&cms, content.as_bytes(), &options).unwrap();
    assert_eq!(report.signature.variant, IdVariant::EmptyId);

    // The GM/T-conformant CMS (default ID): OpenSSL's cms command cannot check it,
    // so check its signature over the signed attributes with pkeyutl, locating
    // them with asn1parse (SignerInfo.signedAttrs is the [0] at depth 5).
    let cms = SignedDataBuilder::new(&p.signer, &p.signer_key)
        .sign(content.as_bytes())
        .unwrap();
    write(dir, "gmt.p7s", &cms);
    assert!(
        !run(&bin, dir, &args_for("gmt.p7s")).ok,
        "OpenSSL's empty-ID default should reject it"
    );
    let lines = asn1parse(&bin, dir, "gmt.p7s");
    let attrs = lines
        .iter()
        .find(|l| l.depth == 5 && l.text.contains("cont [ 0 ]"))
        .expect("signedAttrs");
    let mut signed = cms[attrs.offset..attrs.offset + attrs.header_len + attrs.len].to_vec();
    signed[0] = 0x31;
    let sig_line = lines
        .iter()
        .rev()
        .find(|l| l.depth == 5 && l.text.contains("OCTET STRING"))
        .expect("signature");
    let sig = &cms[sig_line.offset + sig_line.header_len
        ..sig_line.offset + sig_line.header_len + sig_line.len];
    write(dir, "signed-attrs.der", &signed);
    write(dir, "sig.der", sig);
    write(dir, "signer-pub.pem", p.signer.public_key().to_spki_pem());
    pkeyutl_verify(
        &bin,
        dir,
        "signer-pub.pem",
        "signed-attrs.der",
        "sig.der",
        true,
    );
    // ... and the message digest inside them is OpenSSL's SM3 of the content.
    let digest = run_ok(&bin, dir, &["dgst", "-sm3", "-binary", "content.txt"]).stdout_bytes;
    assert!(signed.windows(32).any(|w| w == digest.as_slice()));
    verify_detached(&cms, content.as_bytes(), &CmsVerifyOptions::default()).unwrap();

    // GM/T 0010 OIDs: OpenSSL still parses the DER, and gmseal verifies it.
    let gmt = SignedDataBuilder::new(&p.signer, &p.signer_key)
        .oid_family(OidFamily::GmT0010)
        .sign(content.as_bytes())
        .unwrap();
    write(dir, "gmt0010.p7s", &gmt);
    let text = run_ok(
        &bin,
        dir,
        &["asn1parse", "-inform", "DER", "-in", "gmt0010.p7s"],
    )
    .stdout;
    assert!(text.contains("1.2.156.10197.6.1.4.2.2"), "{text}");
    assert_eq!(
        verify_detached(&gmt, content.as_bytes(), &CmsVerifyOptions::default())
            .unwrap()
            .oid_family,
        OidFamily::GmT0010
    );
}

fn args_for(file: &'static str) -> [&'static str; 12] {
    [
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        file,
        "-content",
        "content.txt",
        "-noverify",
        "-out",
        "/dev/null",
    ]
}

/// GB/T 38540 seals made by gmseal, checked by OpenSSL: the maker's signature
/// over the stored `SES_SealInfo` and the signer's over `TBS_Sign`.
#[test]
fn openssl_verifies_our_seals() {
    use gmseal::seal::{Picture, SealBuilder, SignatureBuilder, SignerList};
    let bin = need_openssl!();
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let rng = DeterministicRandom::new(b"openssl seals");
    let now = Timestamp::parse("2026-04-01T00:00:00Z").unwrap();
    let root_key = PrivateKey::generate(&rng).unwrap();
    let root = CertificateParams::new(Profile::Root, dn("CN=Root,C=CN"), now, 3650)
        .self_signed(&root_key, &rng)
        .unwrap();
    let issue = |profile, subject: &str| {
        let key = PrivateKey::generate(&rng).unwrap();
        let cert = CertificateParams::new(profile, dn(subject), now, 365)
            .signed_by(key.public_key(), &root, &root_key, &rng)
            .unwrap();
        (key, cert)
    };
    let (maker_key, maker) = issue(Profile::SealMaker, "CN=制章者,C=CN");
    let (signer_key, signer) = issue(Profile::DocumentSigner, "CN=签章者,C=CN");
    for signers in [
        SignerList::Certificates(vec![signer.clone()]),
        SignerList::Digests(vec![signer.clone()]),
    ] {
        let picture = Picture {
            kind: "PNG".into(),
            data: vec![0x89, b'P', b'N', b'G'],
            width_mm: 40,
            height_mm: 40,
        };
        let seal = SealBuilder::new("ES-OPENSSL", "合同专用章", 4, signers, picture, now, 100)
            .sign(&maker, &maker_key)
            .unwrap();
        let signature = SignatureBuilder::new(&seal, b"document", "document", now.plus_seconds(5))
            .sign(&signer, &signer_key)
            .unwrap();
        write(dir, "maker.pem", maker.public_key().to_spki_pem());
        write(dir, "signer.pem", signer.public_key().to_spki_pem());
        write(dir, "seal-info.der", seal.info_der());
        write(dir, "seal-sig.der", seal.signed_value());
        write(dir, "tbs.der", signature.to_sign_der());
        write(dir, "tbs-sig.der", signature.signature());
        pkeyutl_verify(
            &bin,
            dir,
            "maker.pem",
            "seal-info.der",
            "seal-sig.der",
            true,
        );
        pkeyutl_verify(&bin, dir, "signer.pem", "tbs.der", "tbs-sig.der", true);
        // OpenSSL also parses both structures as DER.
        write(dir, "seal.esl", seal.der());
        write(dir, "signature.dat", signature.der());
        run_ok(
            &bin,
            dir,
            &["asn1parse", "-inform", "DER", "-in", "seal.esl"],
        );
        run_ok(
            &bin,
            dir,
            &["asn1parse", "-inform", "DER", "-in", "signature.dat"],
        );
        // The wrong key fails.
        pkeyutl_verify(
            &bin,
            dir,
            "signer.pem",
            "seal-info.der",
            "seal-sig.der",
            false,
        );
    }
}
