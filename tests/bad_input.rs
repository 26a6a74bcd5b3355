//! Bad input gets a clear error, never a panic: every parser is fed truncations,
//! byte flips, random mutations and crafted headers (huge lengths, wrong tags,
//! wrong PEM labels, unknown OIDs). A stable-toolchain stand-in for the
//! cargo-fuzz targets that a later issue adds.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::cloned_ref_to_slice_refs,
    clippy::cast_possible_truncation
)]

use gmseal::cms::{CmsVerifyOptions, SignedDataBuilder, verify_detached};
use gmseal::crypto::{DeterministicRandom, Pbes2Params, PrivateKey, PublicKey, Signature};
use gmseal::pki::{
    Certificate, CertificateParams, Crl, CrlParams, DistinguishedName, Profile, RevokedCertificate,
};
use gmseal::{Error, Timestamp};

type Parser = fn(&[u8]) -> gmseal::Result<()>;

fn parsers() -> Vec<(&'static str, Parser)> {
    vec![
        ("certificate", |d| Certificate::from_der(d).map(drop)),
        ("certificates", |d| Certificate::load_all(d).map(drop)),
        ("crl", |d| Crl::load(d).map(drop)),
        ("pkcs8", |d| PrivateKey::from_pkcs8_der(d).map(drop)),
        ("sec1", |d| PrivateKey::from_sec1_der(d).map(drop)),
        ("encrypted pkcs8", |d| {
            PrivateKey::from_encrypted_pkcs8_der(d, b"pw").map(drop)
        }),
        ("any key", |d| PrivateKey::load(d, Some(b"pw")).map(drop)),
        ("spki", |d| PublicKey::from_spki_der(d).map(drop)),
        ("signature", |d| Signature::parse(d).map(drop)),
        ("name", |d| DistinguishedName::from_der(d).map(drop)),
        ("cms", |d| {
            verify_detached(d, b"content", &CmsVerifyOptions::default()).map(drop)
        }),
    ]
}

/// Valid inputs of every kind, to mutate.
fn seeds() -> Vec<Vec<u8>> {
    let rng = DeterministicRandom::new(b"bad input");
    let t = Timestamp::parse("2026-01-01").unwrap();
    let key = PrivateKey::generate(&rng).unwrap();
    let root = CertificateParams::new(
        Profile::Root,
        DistinguishedName::parse("CN=根,O=gmseal,C=CN").unwrap(),
        t,
        100,
    )
    .self_signed(&key, &rng)
    .unwrap();
    let mut crl = CrlParams::new(t, 7, 3);
    crl.revoked.push(RevokedCertificate::new(&root, t, None));
    let crl = crl.sign(&root, &key).unwrap();
    vec![
        root.der().to_vec(),
        root.to_pem().into_bytes(),
        crl.der().to_vec(),
        key.to_pkcs8_der().unwrap().to_vec(),
        key.to_sec1_der().unwrap().to_vec(),
        key.to_encrypted_pkcs8_der(b"pw", &Pbes2Params { iterations: 1 }, &rng)
            .unwrap(),
        key.public_key().to_spki_der(),
        gmseal::crypto::Signer::sign(&key, b"m").unwrap().to_der(),
        root.subject().to_der().unwrap(),
        SignedDataBuilder::new(&root, &key)
            .sign(b"content")
            .unwrap(),
    ]
}

fn check(name: &str, parser: Parser, input: &[u8]) {
    match std::panic::catch_unwind(|| parser(input)) {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            let msg = e.to_string();
            assert!(
                !msg.is_empty() && msg.len() < 2000,
                "{name}: unhelpful message {msg:?}"
            );
        }
        Err(_) => panic!("{name} panicked on input {}", hex::encode(input)),
    }
}

#[test]
fn truncations_and_flips_never_panic() {
    let seeds = seeds();
    for (name, parser) in parsers() {
        for seed in &seeds {
            for len in 0..seed.len().min(400) {
                check(name, parser, &seed[..len]);
            }
            for i in (0..seed.len()).step_by(3) {
                let mut m = seed.clone();
                m[i] ^= 0x80;
                check(name, parser, &m);
            }
        }
    }
}

#[test]
fn random_mutations_never_panic() {
    let seeds = seeds();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (name, parser) in parsers() {
        for _ in 0..300 {
            let mut m = seeds[(next() % seeds.len() as u64) as usize].clone();
            for _ in 0..1 + next() % 4 {
                let pos = (next() % m.len() as u64) as usize;
                match next() % 4 {
                    0 => m[pos] = next() as u8,
                    1 => m.insert(pos, next() as u8),
                    2 => {
                        m.remove(pos);
                    }
                    _ => m[pos] = [0x00, 0x80, 0x81, 0x84, 0xFF][(next() % 5) as usize],
                }
                if m.is_empty() {
                    break;
                }
            }
            check(name, parser, &m);
        }
    }
}

#[test]
fn crafted_headers_fail_fast_with_clear_errors() {
    let huge = [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x02, 0x01, 0x00];
    for (name, parser) in parsers() {
        let start = std::time::Instant::now();
        let err = parser(&huge)
            .err()
            .unwrap_or_else(|| panic!("{name} accepted a 2 GiB length"));
        assert!(start.elapsed().as_millis() < 500, "{name} took too long");
        assert!(!err.to_string().is_empty());
    }
    let e = Certificate::from_der(&huge).unwrap_err();
    assert!(matches!(e, Error::Decode(_)), "{e}");
    assert!(e.to_string().contains("X.509 certificate"), "{e}");
    // Indefinite lengths (BER) are refused in CMS.
    let e =
        verify_detached(&[0x30, 0x80, 0x00, 0x00], b"", &CmsVerifyOptions::default()).unwrap_err();
    assert!(e.to_string().contains("indefinite"), "{e}");
}

#[test]
fn wrong_labels_passwords_and_algorithms_are_named() {
    let rng = DeterministicRandom::new(b"labels");
    let key = PrivateKey::generate(&rng).unwrap();
    let pem = key.to_pkcs8_pem().unwrap();
    let e = Certificate::from_pem(&pem).unwrap_err().to_string();
    assert!(
        e.contains("\"PRIVATE KEY\"") && e.contains("CERTIFICATE"),
        "{e}"
    );
    let e = PublicKey::from_spki_pem(&pem).unwrap_err().to_string();
    assert!(e.contains("PUBLIC KEY"), "{e}");

    let enc = key
        .to_encrypted_pkcs8_pem(b"right", &Pbes2Params { iterations: 10 }, &rng)
        .unwrap();
    let e = PrivateKey::load(enc.as_bytes(), Some(b"wrong")).unwrap_err();
    assert_eq!(e.code(), "crypto.wrong-password");
    assert!(e.to_string().contains("wrong password"), "{e}");
    let e = PrivateKey::load(enc.as_bytes(), None).unwrap_err();
    assert!(e.to_string().contains("password is required"), "{e}");

    // An SPKI for a P-256 key: the curve OID is named.
    let p256_spki = hex::decode(concat!(
        "3059301306072a8648ce3d020106082a8648ce3d030107034200",
        "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
        "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"
    ))
    .unwrap();
    let e = PublicKey::from_spki_der(&p256_spki).unwrap_err();
    assert_eq!(e.code(), "crypto.unsupported-algorithm");
    assert!(e.to_string().contains("1.2.840.10045.3.1.7"), "{e}");
    // An RSA SPKI header: the key algorithm is named.
    let rsa = hex::decode("300d06092a864886f70d0101010500").unwrap();
    let spki = [&[0x30, 0x14][..], &rsa, &[0x03, 0x03, 0x00, 0x30, 0x00]].concat();
    let e = PublicKey::from_spki_der(&spki).unwrap_err();
    assert!(e.to_string().contains("1.2.840.113549.1.1.1"), "{e}");
}
