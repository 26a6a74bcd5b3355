//! Runs every JSON vector file in `test-vectors/` against gmseal's public API,
//! and checks that the committed gmseal-made files are what
//! `examples/gen_test_vectors.rs` produces today (drift check).
//!
//! Every file must have a known `algorithm` and every group a known `type`:
//! nothing is skipped silently. The format is described in `test-vectors/README.md`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::too_many_lines
)]

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/gen_test_vectors.rs"]
mod generator;

use gmseal::Timestamp;
use gmseal::cms::{CmsVerifyOptions, verify_detached};
use gmseal::crypto::{
    IdVariant, PrivateKey, PublicKey, Signature, SignatureFormat, Signer as _, Sm3, Sm4Key,
    VerifyOptions, hmac_sm3, pbkdf2_hmac_sm3, sm3, verify_hmac_sm3,
};
use gmseal::license::codes::{
    CodeProblem, check_area_code, check_citizen_id, check_holder_code, check_org_code, check_uscc,
};
use gmseal::license::{Identifier, mod37_36};
use gmseal::pki::{
    Certificate, Crl, Purpose, RevocationPolicy, RevocationStatus, TrustStore, ValidationOptions,
};
use gmseal::seal::{
    CertList, Original, SealVerifyOptions, SesSeal, SesSignature, verify_seal, verify_signature,
};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors")
}

/// Every file under `dir`, as paths relative to it with `/` separators, sorted.
fn walk(dir: &Path) -> Vec<String> {
    fn go(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                go(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap();
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    let mut out = Vec::new();
    go(dir, dir, &mut out);
    out.sort();
    out
}

type Check = Result<(), String>;

macro_rules! ensure {
    ($cond:expr, $($fmt:tt)*) => {
        if !$cond {
            return Err(format!($($fmt)*));
        }
    };
}

macro_rules! ensure_eq {
    ($a:expr, $b:expr, $what:expr) => {{
        let (a, b) = (&$a, &$b);
        if a != b {
            return Err(format!("{}: got {:?}, expected {:?}", $what, a, b));
        }
    }};
}

fn field<'a>(v: &'a Value, key: &str) -> Result<&'a Value, String> {
    v.get(key).ok_or_else(|| format!("missing field {key:?}"))
}

fn text<'a>(v: &'a Value, key: &str) -> Result<&'a str, String> {
    field(v, key)?
        .as_str()
        .ok_or_else(|| format!("field {key:?} is not a string"))
}

fn bytes(v: &Value, key: &str) -> Result<Vec<u8>, String> {
    hex::decode(text(v, key)?).map_err(|e| format!("field {key:?}: {e}"))
}

fn boolean(v: &Value, key: &str) -> Result<bool, String> {
    field(v, key)?
        .as_bool()
        .ok_or_else(|| format!("field {key:?} is not a boolean"))
}

fn number(v: &Value, key: &str) -> Result<u64, String> {
    field(v, key)?
        .as_u64()
        .ok_or_else(|| format!("field {key:?} is not a number"))
}

fn strings(v: &Value, key: &str) -> Result<Vec<String>, String> {
    field(v, key)?
        .as_array()
        .ok_or_else(|| format!("field {key:?} is not an array"))?
        .iter()
        .map(|s| {
            s.as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("{key:?} holds a non-string"))
        })
        .collect()
}

fn arr32(v: &[u8]) -> Result<[u8; 32], String> {
    v.try_into()
        .map_err(|_| format!("expected 32 bytes, got {}", v.len()))
}

fn is_valid(t: &Value) -> Result<bool, String> {
    match text(t, "result")? {
        "valid" => Ok(true),
        "invalid" => Ok(false),
        other => Err(format!("unknown result {other:?}")),
    }
}

fn has_flag(t: &Value, flag: &str) -> bool {
    t["flags"]
        .as_array()
        .is_some_and(|f| f.iter().any(|x| x == flag))
}

/// An expected failure: it must fail, with `errorCode` when the test gives one.
fn expect_error<T>(t: &Value, r: gmseal::Result<T>) -> Check {
    match r {
        Ok(_) => Err("expected failure, but it succeeded".into()),
        Err(e) => {
            if let Some(code) = t.get("errorCode").and_then(Value::as_str) {
                ensure_eq!(e.code(), code, format!("error code (error: {e})"));
            }
            Ok(())
        }
    }
}

fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// The runner
// ---------------------------------------------------------------------------

/// Test-group types each algorithm may contain.
const KNOWN: &[(&str, &[&str])] = &[
    ("SM3", &["Sm3Hash"]),
    (
        "SM4",
        &[
            "Sm4Block",
            "Sm4BlockIterated",
            "Sm4CbcPkcs7",
            "Sm4Ctr",
            "Sm4Gcm",
        ],
    ),
    ("SM2", &["Sm2SignKat", "Sm2Verify"]),
    (
        "SM2-KEY",
        &[
            "Sm2PublicKeySpki",
            "Sm2PrivateKeyPkcs8",
            "Sm2PrivateKeySec1",
        ],
    ),
    ("HMAC-SM3", &["MacTest"]),
    ("PBKDF2-HMAC-SM3", &["Pbkdf2Test"]),
    ("PKCS8-ENCRYPTED", &["EncryptedPrivateKeyInfo"]),
    (
        "PKI-SM2",
        &["CertificateParse", "CrlParse", "ChainValidation"],
    ),
    ("CMS-SM2", &["CmsDetachedVerify"]),
    (
        "GB/T 38540",
        &["SealVerify", "SignatureVerify", "SealParse"],
    ),
    (
        "GB/T 36904",
        &[
            "Mod3736Check",
            "LicenseIdentifierParse",
            "LicenseIdentifierBuild",
        ],
    ),
    (
        "E-LICENSE-CODES",
        &[
            "UsccCheck",
            "CitizenIdCheck",
            "OrgCodeCheck",
            "AreaCodeCheck",
            "HolderCodeCheck",
        ],
    ),
];

/// Check the common layout of a file; returns its number of tests.
fn check_layout(v: &Value) -> Result<usize, String> {
    ensure_eq!(text(v, "schema")?, generator::SCHEMA, "schema");
    text(v, "source")?;
    let notes = field(v, "notes")?
        .as_object()
        .ok_or("notes is not an object")?;
    let mut next = 1u64;
    for g in field(v, "testGroups")?
        .as_array()
        .ok_or("testGroups is not an array")?
    {
        text(g, "type")?;
        text(g, "source")?;
        for t in field(g, "tests")?
            .as_array()
            .ok_or("tests is not an array")?
        {
            ensure_eq!(number(t, "tcId")?, next, "tcId (unique, from 1, in order)");
            next += 1;
            text(t, "comment")?;
            is_valid(t)?;
            for f in strings(t, "flags")? {
                ensure!(
                    notes.contains_key(&f),
                    "tcId {}: flag {f} is not in notes",
                    next - 1
                );
            }
        }
    }
    let count = usize::try_from(next - 1).unwrap_or(usize::MAX);
    ensure_eq!(
        usize::try_from(number(v, "numberOfTests")?).unwrap_or(0),
        count,
        "numberOfTests"
    );
    Ok(count)
}

#[test]
fn every_vector_file() {
    let dir = vectors_dir();
    let files: Vec<String> = walk(&dir)
        .into_iter()
        .filter(|f| f.ends_with(".json"))
        .collect();
    assert!(
        files.len() >= 9,
        "expected at least 9 vector files, found {files:?}"
    );
    let mut failures = Vec::new();
    let mut total = 0;
    for rel in &files {
        let path = dir.join(rel);
        let base = path.parent().unwrap().to_path_buf();
        let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap())
            .unwrap_or_else(|e| panic!("{rel}: not JSON: {e}"));
        let count = match check_layout(&v) {
            Ok(n) => n,
            Err(e) => panic!("{rel}: {e}"),
        };
        let algorithm = text(&v, "algorithm").unwrap();
        let Some((_, types)) = KNOWN.iter().find(|(a, _)| *a == algorithm) else {
            panic!("{rel}: unknown algorithm {algorithm:?}: add a runner for it");
        };
        let mut ran = 0;
        for g in v["testGroups"].as_array().unwrap() {
            let kind = g["type"].as_str().unwrap();
            assert!(
                types.contains(&kind),
                "{rel}: unknown test group type {kind:?} for {algorithm}: add a runner for it"
            );
            for t in g["tests"].as_array().unwrap() {
                let id = t["tcId"].as_u64().unwrap();
                if let Err(e) = run(kind, &base, g, t) {
                    failures.push(format!(
                        "{rel} tcId {id} ({}): {e}",
                        t["comment"].as_str().unwrap_or("")
                    ));
                }
                ran += 1;
            }
        }
        assert_eq!(ran, count, "{rel}: every test must run");
        println!("{rel}: {ran} test cases");
        total += ran;
    }
    println!("{} files, {total} test cases", files.len());
    assert!(
        failures.is_empty(),
        "{} of {total} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn run(kind: &str, base: &Path, g: &Value, t: &Value) -> Check {
    match kind {
        "Sm3Hash" => sm3_hash(t),
        "Sm4Block" => sm4_block(t),
        "Sm4BlockIterated" => sm4_iterated(t),
        "Sm4CbcPkcs7" => sm4_cbc(g, t),
        "Sm4Ctr" => sm4_ctr(g, t),
        "Sm4Gcm" => sm4_gcm(t),
        "Sm2SignKat" => sm2_kat(t),
        "Sm2Verify" => sm2_verify(g, t),
        "Sm2PublicKeySpki" => sm2_spki(t),
        "Sm2PrivateKeyPkcs8" => sm2_private(t, PrivateKey::from_pkcs8_der),
        "Sm2PrivateKeySec1" => sm2_private(t, PrivateKey::from_sec1_der),
        "MacTest" => hmac(t),
        "Pbkdf2Test" => pbkdf2(t),
        "EncryptedPrivateKeyInfo" => encrypted_pkcs8(t),
        "CertificateParse" => certificate(base, t),
        "CrlParse" => crl(base, t),
        "ChainValidation" => chain(base, t),
        "CmsDetachedVerify" => cms(base, t),
        "SealVerify" => seal_verify(base, t),
        "SignatureVerify" => signature_verify(base, t),
        "SealParse" => seal_parse(base, t),
        "Mod3736Check" => mod37_36_check(t),
        "LicenseIdentifierParse" => identifier_parse(t),
        "LicenseIdentifierBuild" => identifier_build(t),
        "UsccCheck" => code_check(t, check_uscc(text(t, "code")?)),
        "CitizenIdCheck" => code_check(t, check_citizen_id(text(t, "code")?)),
        "OrgCodeCheck" => code_check(t, check_org_code(text(t, "code")?)),
        "AreaCodeCheck" => code_check(t, check_area_code(text(t, "code")?)),
        "HolderCodeCheck" => code_check(
            t,
            check_holder_code(text(t, "holderTypeCode")?, text(t, "code")?),
        ),
        other => Err(format!("no runner for {other}")),
    }
}

// ---------------------------------------------------------------------------
// Hashes, MACs, KDFs, ciphers
// ---------------------------------------------------------------------------

fn sm3_hash(t: &Value) -> Check {
    let msg = match t.get("msgRepeat") {
        Some(rep) => bytes(rep, "pattern")?
            .repeat(usize::try_from(number(rep, "count")?).map_err(|e| e.to_string())?),
        None => bytes(t, "msg")?,
    };
    let digest = bytes(t, "digest")?;
    ensure_eq!(hex::encode(sm3(&msg)), hex::encode(&digest), "sm3");
    for chunk in [1usize, 13, 64, 4096] {
        if chunk < 64 && msg.len() > 10_000 {
            continue;
        }
        let mut h = Sm3::new();
        for piece in msg.chunks(chunk) {
            h.update(piece);
        }
        ensure_eq!(
            hex::encode(h.finalize()),
            hex::encode(&digest),
            format!("streaming sm3 in {chunk}-byte pieces")
        );
    }
    Ok(())
}

fn sm4_key(v: &Value) -> Result<Sm4Key, String> {
    Sm4Key::from_bytes(&bytes(v, "key")?).map_err(|e| e.to_string())
}

fn block(v: &Value, key: &str) -> Result<[u8; 16], String> {
    bytes(v, key)?
        .try_into()
        .map_err(|_| format!("{key} is not 16 bytes"))
}

fn sm4_block(t: &Value) -> Check {
    let key = sm4_key(t)?;
    let (pt, ct) = (block(t, "pt")?, block(t, "ct")?);
    let mut b = pt;
    key.encrypt_block(&mut b);
    ensure_eq!(hex::encode(b), hex::encode(ct), "encrypt");
    key.decrypt_block(&mut b);
    ensure_eq!(hex::encode(b), hex::encode(pt), "decrypt");
    Ok(())
}

fn sm4_iterated(t: &Value) -> Check {
    let key = sm4_key(t)?;
    let mut b = block(t, "pt")?;
    for _ in 0..number(t, "iterations")? {
        key.encrypt_block(&mut b);
    }
    ensure_eq!(hex::encode(b), text(t, "ct")?, "iterated encryption");
    Ok(())
}

fn sm4_cbc(g: &Value, t: &Value) -> Check {
    let key = sm4_key(g)?;
    let iv = block(g, "iv")?;
    let ct = bytes(t, "ct")?;
    if is_valid(t)? {
        let pt = bytes(t, "pt")?;
        ensure_eq!(
            hex::encode(key.cbc_encrypt(&iv, &pt)),
            hex::encode(&ct),
            "encrypt"
        );
        let back = key.cbc_decrypt(&iv, &ct).map_err(|e| e.to_string())?;
        ensure_eq!(hex::encode(back.as_slice()), hex::encode(&pt), "decrypt");
        Ok(())
    } else {
        expect_error(t, key.cbc_decrypt(&iv, &ct))
    }
}

fn sm4_ctr(g: &Value, t: &Value) -> Check {
    let key = sm4_key(g)?;
    let iv = block(t, "iv")?;
    let (pt, ct) = (bytes(t, "pt")?, bytes(t, "ct")?);
    let mut data = pt.clone();
    key.ctr_apply(&iv, &mut data);
    ensure_eq!(hex::encode(&data), hex::encode(&ct), "encrypt");
    key.ctr_apply(&iv, &mut data);
    ensure_eq!(hex::encode(&data), hex::encode(&pt), "decrypt");
    Ok(())
}

fn sm4_gcm(t: &Value) -> Check {
    let key = sm4_key(t)?;
    let nonce: [u8; 12] = bytes(t, "iv")?
        .try_into()
        .map_err(|_| "iv is not 12 bytes")?;
    let (aad, pt) = (bytes(t, "aad")?, bytes(t, "pt")?);
    let sealed = [bytes(t, "ct")?, bytes(t, "tag")?].concat();
    if is_valid(t)? {
        let out = key.gcm_seal(&nonce, &aad, &pt).map_err(|e| e.to_string())?;
        ensure_eq!(hex::encode(&out), hex::encode(&sealed), "seal (ct || tag)");
        let back = key
            .gcm_open(&nonce, &aad, &sealed)
            .map_err(|e| e.to_string())?;
        ensure_eq!(hex::encode(back.as_slice()), hex::encode(&pt), "open");
        Ok(())
    } else {
        expect_error(t, key.gcm_open(&nonce, &aad, &sealed))
    }
}

fn hmac(t: &Value) -> Check {
    let (key, msg, tag) = (bytes(t, "key")?, bytes(t, "msg")?, bytes(t, "tag")?);
    let computed = hmac_sm3(&key, &msg);
    if is_valid(t)? {
        ensure_eq!(hex::encode(computed), hex::encode(&tag), "hmac");
        verify_hmac_sm3(&key, &msg, &tag).map_err(|e| e.to_string())
    } else {
        ensure!(
            computed.as_slice() != tag.as_slice(),
            "the invalid tag is the correct one"
        );
        expect_error(t, verify_hmac_sm3(&key, &msg, &tag))
    }
}

fn pbkdf2(t: &Value) -> Check {
    let (pw, salt) = (bytes(t, "password")?, bytes(t, "salt")?);
    let iterations = u32::try_from(number(t, "iterationCount")?).map_err(|e| e.to_string())?;
    let mut out = vec![0u8; usize::try_from(number(t, "dkLen")?).map_err(|e| e.to_string())?];
    let r = pbkdf2_hmac_sm3(&pw, &salt, iterations, &mut out);
    if is_valid(t)? {
        r.map_err(|e| e.to_string())?;
        ensure_eq!(hex::encode(&out), text(t, "dk")?, "derived key");
        Ok(())
    } else {
        expect_error(t, r)
    }
}

// ---------------------------------------------------------------------------
// SM2
// ---------------------------------------------------------------------------

fn sm2_kat(t: &Value) -> Check {
    let d = arr32(&bytes(t, "privateKey")?)?;
    let public = bytes(t, "publicKey")?;
    let id = bytes(t, "id")?;
    let msg = bytes(t, "msg")?;
    let sig = bytes(t, "sig")?;
    let key = PrivateKey::from_bytes(&d).map_err(|e| e.to_string())?;
    ensure_eq!(
        hex::encode(key.public_key().to_sec1_bytes()),
        hex::encode(&public),
        "public key [d]G"
    );
    let pk = PublicKey::from_sec1_bytes(&public).map_err(|e| e.to_string())?;
    ensure_eq!(
        hex::encode(pk.za(&id).map_err(|e| e.to_string())?),
        text(t, "za")?,
        "ZA"
    );
    ensure_eq!(
        hex::encode(pk.message_digest(&id, &[&msg]).map_err(|e| e.to_string())?),
        text(t, "e")?,
        "e = SM3(ZA || M)"
    );
    // The public API has no fixed-k signing (on purpose); the library's unit test
    // `annex_a_known_answer` checks k -> (r, s). Here: the encoding of (r, s) and
    // that it verifies.
    let (r, s) = (arr32(&bytes(t, "r")?)?, arr32(&bytes(t, "s")?)?);
    let signature = Signature::from_scalars(r, s).map_err(|e| e.to_string())?;
    ensure_eq!(
        hex::encode(signature.to_der()),
        hex::encode(&sig),
        "DER(r, s)"
    );
    let parsed = Signature::from_der(&sig).map_err(|e| e.to_string())?;
    ensure_eq!(parsed, signature, "parsed DER");
    let opts = VerifyOptions::default().with_user_id(&id);
    pk.verify(&msg, &sig, &opts).map_err(|e| e.to_string())?;
    // gmseal's own (deterministic-k) signature with this key verifies too.
    let own = key
        .with_user_id(&id)
        .and_then(|k| k.sign(&msg))
        .map_err(|e| e.to_string())?;
    pk.verify(&msg, &own.to_der(), &opts)
        .map_err(|e| format!("gmseal's own signature: {e}"))?;
    Ok(())
}

fn sm2_verify(g: &Value, t: &Value) -> Check {
    let pk = PublicKey::from_sec1_bytes(&bytes(g, "publicKey")?).map_err(|e| e.to_string())?;
    let id = bytes(t, "id")?;
    let msg = bytes(t, "msg")?;
    let sig = bytes(t, "sig")?;
    let format = match text(t, "sigFormat")? {
        "der" => SignatureFormat::Der,
        "raw" => SignatureFormat::Raw,
        other => return Err(format!("unknown sigFormat {other}")),
    };
    let strict = VerifyOptions::default().with_user_id(&id);
    let lenient = strict.clone().accept_empty_id().accept_no_za();
    let result = pk.verify(&msg, &sig, &strict);
    if is_valid(t)? {
        let v = result.map_err(|e| e.to_string())?;
        ensure_eq!(v.format, format, "signature format");
        ensure_eq!(v.variant, IdVariant::UserId, "variant");
        let v = pk.verify(&msg, &sig, &lenient).map_err(|e| e.to_string())?;
        ensure_eq!(
            v.variant,
            IdVariant::UserId,
            "variant with every variant accepted"
        );
        let (parsed, f) = Signature::parse(&sig).map_err(|e| e.to_string())?;
        let again = match f {
            SignatureFormat::Der => parsed.to_der(),
            SignatureFormat::Raw => parsed.to_raw().to_vec(),
        };
        ensure_eq!(hex::encode(again), hex::encode(&sig), "re-encoding");
        return Ok(());
    }
    expect_error(t, result)?;
    match t.get("validWith").and_then(Value::as_str) {
        Some("acceptEmptyId") => {
            let v = pk
                .verify(&msg, &sig, &strict.clone().accept_empty_id())
                .map_err(|e| format!("with acceptEmptyId: {e}"))?;
            ensure_eq!(v.variant, IdVariant::EmptyId, "variant");
            ensure!(
                pk.verify(&msg, &sig, &strict.accept_no_za()).is_err(),
                "valid with acceptNoZa alone"
            );
        }
        Some("acceptNoZa") => {
            let v = pk
                .verify(&msg, &sig, &strict.clone().accept_no_za())
                .map_err(|e| format!("with acceptNoZa: {e}"))?;
            ensure_eq!(v.variant, IdVariant::NoZa, "variant");
            ensure!(
                pk.verify(&msg, &sig, &strict.accept_empty_id()).is_err(),
                "valid with acceptEmptyId alone"
            );
        }
        Some(other) => return Err(format!("unknown validWith {other}")),
        None => {
            ensure!(
                pk.verify(&msg, &sig, &lenient).is_err(),
                "valid when every ID variant is accepted"
            );
        }
    }
    Ok(())
}

fn sm2_spki(t: &Value) -> Check {
    let der = bytes(t, "der")?;
    let r = PublicKey::from_spki_der(&der);
    if !is_valid(t)? {
        return expect_error(t, r);
    }
    let pk = r.map_err(|e| e.to_string())?;
    ensure_eq!(
        hex::encode(pk.to_sec1_bytes()),
        text(t, "publicKey")?,
        "public key"
    );
    if !has_flag(t, "Compressed") {
        ensure_eq!(
            hex::encode(pk.to_spki_der()),
            hex::encode(&der),
            "re-encoded SPKI"
        );
    }
    Ok(())
}

fn sm2_private(t: &Value, parse: fn(&[u8]) -> gmseal::Result<PrivateKey>) -> Check {
    let r = parse(&bytes(t, "der")?);
    if !is_valid(t)? {
        return expect_error(t, r);
    }
    let key = r.map_err(|e| e.to_string())?;
    ensure_eq!(
        hex::encode(key.to_bytes().as_slice()),
        text(t, "privateKey")?,
        "d"
    );
    ensure_eq!(
        hex::encode(key.public_key().to_sec1_bytes()),
        text(t, "publicKey")?,
        "public key"
    );
    Ok(())
}

fn encrypted_pkcs8(t: &Value) -> Check {
    let der = bytes(t, "der")?;
    let pw = bytes(t, "password")?;
    let r = PrivateKey::from_encrypted_pkcs8_der(&der, &pw);
    if !is_valid(t)? {
        return expect_error(t, r);
    }
    let key = r.map_err(|e| e.to_string())?;
    ensure_eq!(
        hex::encode(key.to_bytes().as_slice()),
        text(t, "privateKey")?,
        "d"
    );
    ensure_eq!(
        hex::encode(key.public_key().to_sec1_bytes()),
        text(t, "publicKey")?,
        "public key"
    );
    let loaded = PrivateKey::load(&der, Some(&pw)).map_err(|e| format!("load: {e}"))?;
    ensure_eq!(loaded.public_key(), key.public_key(), "PrivateKey::load");
    Ok(())
}

// ---------------------------------------------------------------------------
// PKI
// ---------------------------------------------------------------------------

fn read(base: &Path, rel: &str) -> Result<Vec<u8>, String> {
    std::fs::read(base.join(rel)).map_err(|e| format!("{rel}: {e}"))
}

fn load_cert(base: &Path, rel: &str) -> Result<Certificate, String> {
    Certificate::from_der(&read(base, rel)?).map_err(|e| format!("{rel}: {e}"))
}

fn certificate(base: &Path, t: &Value) -> Check {
    let der = read(base, text(t, "file")?)?;
    let cert = Certificate::from_der(&der).map_err(|e| e.to_string())?;
    let pem = String::from_utf8(read(base, text(t, "pemFile")?)?).map_err(|e| e.to_string())?;
    let from_pem = Certificate::from_pem(&pem).map_err(|e| e.to_string())?;
    ensure!(
        from_pem.der() == der.as_slice(),
        "the PEM file holds another certificate"
    );
    ensure_eq!(cert.subject().to_string(), text(t, "subject")?, "subject");
    ensure_eq!(cert.issuer().to_string(), text(t, "issuer")?, "issuer");
    ensure_eq!(
        hex::encode(cert.serial_number()),
        text(t, "serial")?,
        "serial"
    );
    ensure_eq!(
        cert.not_before().to_string(),
        text(t, "notBefore")?,
        "notBefore"
    );
    ensure_eq!(
        cert.not_after().to_string(),
        text(t, "notAfter")?,
        "notAfter"
    );
    ensure_eq!(cert.is_ca(), boolean(t, "isCa")?, "cA");
    ensure_eq!(
        cert.basic_constraints()
            .and_then(|b| b.path_len)
            .map(u64::from),
        field(t, "pathLen")?.as_u64(),
        "pathLen"
    );
    ensure_eq!(
        cert.key_usage().map(|k| k.names()).unwrap_or_default(),
        strings(t, "keyUsage")?,
        "keyUsage"
    );
    ensure_eq!(
        cert.extended_key_usage()
            .unwrap_or_default()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        strings(t, "extendedKeyUsage")?,
        "extendedKeyUsage"
    );
    ensure_eq!(
        cert.crl_distribution_points().to_vec(),
        strings(t, "crlDistributionPoints")?,
        "crlDistributionPoints"
    );
    ensure_eq!(
        hex::encode(cert.public_key().to_sec1_bytes()),
        text(t, "publicKey")?,
        "public key"
    );
    ensure_eq!(
        cert.subject_key_id().map(hex::encode),
        field(t, "subjectKeyId")?.as_str().map(str::to_owned),
        "subjectKeyId"
    );
    ensure_eq!(
        cert.authority_key_id().map(hex::encode),
        field(t, "authorityKeyId")?.as_str().map(str::to_owned),
        "authorityKeyId"
    );
    let key = PrivateKey::load(&read(base, text(t, "privateKeyFile")?)?, None)
        .map_err(|e| format!("private key: {e}"))?;
    ensure_eq!(key.public_key(), cert.public_key(), "private key matches");
    let issuer = load_cert(base, text(t, "issuerFile")?)?;
    for (key, opts) in [
        ("signatureDefaultId", VerifyOptions::default()),
        (
            "signatureAcceptEmptyId",
            VerifyOptions::default().accept_empty_id(),
        ),
    ] {
        let r = cert.verify_signature(issuer.public_key(), &opts);
        match text(t, key)? {
            "valid" => {
                r.map_err(|e| format!("{key}: {e}"))?;
            }
            "invalid" => {
                ensure!(r.is_err(), "{key}: the signature verifies");
            }
            other => return Err(format!("{key}: unknown {other}")),
        }
    }
    Ok(())
}

fn crl(base: &Path, t: &Value) -> Check {
    let der = read(base, text(t, "file")?)?;
    let crl = Crl::from_der(&der).map_err(|e| e.to_string())?;
    let pem = String::from_utf8(read(base, text(t, "pemFile")?)?).map_err(|e| e.to_string())?;
    ensure!(
        Crl::from_pem(&pem).map_err(|e| e.to_string())?.der() == der.as_slice(),
        "the PEM file holds another CRL"
    );
    ensure_eq!(crl.issuer().to_string(), text(t, "issuer")?, "issuer");
    ensure_eq!(
        crl.this_update().to_string(),
        text(t, "thisUpdate")?,
        "thisUpdate"
    );
    ensure_eq!(
        crl.next_update().map(|n| n.to_string()),
        field(t, "nextUpdate")?.as_str().map(str::to_owned),
        "nextUpdate"
    );
    ensure_eq!(
        crl.crl_number().map(hex::encode),
        field(t, "crlNumber")?.as_str().map(str::to_owned),
        "cRLNumber"
    );
    let expected = field(t, "revoked")?.as_array().ok_or("revoked")?;
    ensure_eq!(
        crl.revoked().len(),
        expected.len(),
        "number of revoked certificates"
    );
    for (entry, want) in crl.revoked().iter().zip(expected) {
        ensure_eq!(
            hex::encode(&entry.serial_number),
            text(want, "serial")?,
            "revoked serial"
        );
        ensure_eq!(
            entry.revocation_date.to_string(),
            text(want, "revocationDate")?,
            "revocationDate"
        );
        ensure_eq!(
            entry.reason.map(|r| r.name().to_owned()),
            want.get("reason")
                .and_then(Value::as_str)
                .map(str::to_owned),
            "reason"
        );
        ensure!(
            crl.find(&hex::decode(text(want, "serial")?).map_err(|e| e.to_string())?)
                .is_some(),
            "find() misses a listed serial"
        );
    }
    let issuer = load_cert(base, text(t, "issuerFile")?)?;
    let r = crl.verify_signature(&issuer);
    match text(t, "signatureDefaultId")? {
        "valid" => r.map_err(|e| e.to_string()),
        "invalid" => {
            ensure!(r.is_err(), "the CRL signature verifies");
            Ok(())
        }
        other => Err(format!("signatureDefaultId: unknown {other}")),
    }
}

fn purpose(name: &str) -> Result<Purpose, String> {
    Ok(match name {
        "any" => Purpose::Any,
        "document-signing" => Purpose::DocumentSigning,
        "seal-making" => Purpose::SealMaking,
        "time-stamping" => Purpose::TimeStamping,
        "certificate-authority" => Purpose::CertificateAuthority,
        other => return Err(format!("unknown purpose {other}")),
    })
}

fn time(t: &Value, key: &str) -> Result<Timestamp, String> {
    Timestamp::parse(text(t, key)?).map_err(|e| e.to_string())
}

fn chain(base: &Path, t: &Value) -> Check {
    let ee = load_cert(base, text(t, "endEntity")?)?;
    let load_all = |key: &str| -> Result<Vec<Certificate>, String> {
        strings(t, key)?
            .iter()
            .map(|f| load_cert(base, f))
            .collect()
    };
    let intermediates = load_all("intermediates")?;
    let anchors = load_all("trustAnchors")?;
    let crls = strings(t, "crls")?
        .iter()
        .map(|f| Crl::load(&read(base, f)?).map_err(|e| format!("{f}: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let mut opts = ValidationOptions::at(time(t, "time")?)
        .for_purpose(purpose(text(t, "purpose")?)?)
        .with_crls(crls);
    opts.revocation = match text(t, "revocationPolicy")? {
        "check-if-available" => RevocationPolicy::CheckIfAvailable,
        "require" => RevocationPolicy::Require,
        other => return Err(format!("unknown revocationPolicy {other}")),
    };
    if boolean(t, "acceptEmptyId")? {
        opts.signature_options = VerifyOptions::default().accept_empty_id();
    }
    let r = TrustStore::new(anchors).validate(&ee, &intermediates, &opts);
    if !is_valid(t)? {
        return expect_error(t, r);
    }
    let chain = r.map_err(|e| e.to_string())?;
    if let Some(n) = t.get("chainLength").and_then(Value::as_u64) {
        ensure_eq!(chain.certificates.len() as u64, n, "chain length");
    }
    ensure!(
        chain.certificates.first() == Some(&ee),
        "the chain does not start at the end entity"
    );
    if let Some(want) = t.get("revocation") {
        let got: Vec<String> = chain
            .revocation
            .iter()
            .map(|s| match s {
                RevocationStatus::Good { .. } => "good".to_owned(),
                RevocationStatus::NotChecked => "not-checked".to_owned(),
                RevocationStatus::TrustAnchor => "trust-anchor".to_owned(),
                other => format!("{other:?}"),
            })
            .collect();
        ensure_eq!(
            got,
            strings(t, "revocation")?,
            format!("revocation statuses (want {want})")
        );
    }
    if has_flag(t, "RevokedLater") {
        ensure!(
            matches!(
                chain.revocation.first(),
                Some(RevocationStatus::Good {
                    revoked_later: Some(_),
                    ..
                })
            ),
            "the later revocation is not reported: {:?}",
            chain.revocation.first()
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// CMS
// ---------------------------------------------------------------------------

fn cms(base: &Path, t: &Value) -> Check {
    let cms = read(base, text(t, "cms")?)?;
    let content = read(base, text(t, "content")?)?;
    let mut signature = VerifyOptions::default();
    if boolean(t, "acceptEmptyId")? {
        signature = signature.accept_empty_id();
    }
    if boolean(t, "acceptNoZa")? {
        signature = signature.accept_no_za();
    }
    let mut opts = CmsVerifyOptions::default();
    opts.signature = signature;
    let r = verify_detached(&cms, &content, &opts);
    if !is_valid(t)? {
        return expect_error(t, r);
    }
    let report = r.map_err(|e| e.to_string())?;
    ensure_eq!(
        serde_name(&report.oid_family),
        text(t, "oidFamily")?,
        "OID family"
    );
    ensure_eq!(
        report.signer_certificate.subject().to_string(),
        text(t, "signerSubject")?,
        "signer"
    );
    ensure_eq!(
        report.signing_time.map(|s| s.to_string()),
        field(t, "signingTime")?.as_str().map(str::to_owned),
        "signingTime"
    );
    ensure_eq!(
        report.certificates.len() as u64,
        number(t, "certificates")?,
        "embedded certificates"
    );
    ensure_eq!(
        serde_name(&report.signature.variant),
        text(t, "signatureVariant")?,
        "signature variant"
    );
    ensure_eq!(
        serde_name(&report.signature.format),
        text(t, "signatureFormat")?,
        "signature format"
    );
    ensure!(report.signed_attributes, "no signed attributes");
    Ok(())
}

// ---------------------------------------------------------------------------
// Seals and seal signatures (GB/T 38540)
// ---------------------------------------------------------------------------

/// Trust anchors (none: chains are not checked), intermediates, CRLs and
/// `acceptEmptyId` of a seal test.
fn seal_options(base: &Path, t: &Value) -> Result<SealVerifyOptions, String> {
    let certs = |key: &str| -> Result<Vec<Certificate>, String> {
        strings(t, key)?
            .iter()
            .map(|f| load_cert(base, f))
            .collect()
    };
    let anchors = certs("trustAnchors")?;
    let mut opts = if anchors.is_empty() {
        SealVerifyOptions::default()
    } else {
        SealVerifyOptions::with_trust(TrustStore::new(anchors))
    };
    opts.intermediates = certs("intermediates")?;
    opts.crls = strings(t, "crls")?
        .iter()
        .map(|f| Crl::load(&read(base, f)?).map_err(|e| format!("{f}: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    if boolean(t, "acceptEmptyId")? {
        opts.signature = VerifyOptions::default().accept_empty_id();
    }
    Ok(opts)
}

/// The checks of a report against `{id: status | [status, ...]}` (the statuses
/// reported under each listed id, exactly) and the reason codes against the
/// exact set in `codes_key`.
fn expect_checks(
    got: &[gmseal::seal::Check],
    t: &Value,
    checks_key: &str,
    codes_key: &str,
) -> Check {
    let want = field(t, checks_key)?
        .as_object()
        .ok_or_else(|| format!("{checks_key} is not an object"))?;
    let summary = || {
        got.iter()
            .map(|c| {
                format!(
                    "{} {}{}",
                    c.id,
                    serde_name(&c.status),
                    c.code.map(|k| format!(" ({k})")).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (id, statuses) in want {
        let mut expected: Vec<String> = match statuses {
            Value::String(s) => vec![s.clone()],
            Value::Array(list) => list
                .iter()
                .map(|s| {
                    s.as_str()
                        .map(str::to_owned)
                        .ok_or("status is not a string")
                })
                .collect::<Result<_, _>>()?,
            _ => return Err(format!("{checks_key}.{id}: not a status")),
        };
        let mut reported: Vec<String> = got
            .iter()
            .filter(|c| c.id == id.as_str())
            .map(|c| serde_name(&c.status))
            .collect();
        expected.sort();
        reported.sort();
        ensure!(
            reported == expected,
            "{checks_key}: {id} is {reported:?}, expected {expected:?} (all checks: {})",
            summary()
        );
    }
    let codes: BTreeSet<String> = got
        .iter()
        .filter_map(|c| c.code.map(str::to_owned))
        .collect();
    let want_codes: BTreeSet<String> = strings(t, codes_key)?.into_iter().collect();
    ensure!(
        codes == want_codes,
        "{codes_key}: got {codes:?}, expected {want_codes:?} (all checks: {})",
        summary()
    );
    Ok(())
}

/// `{format, variant}` of a verified signature value, or its absence.
fn expect_signature_info(got: Option<gmseal::seal::SignatureInfo>, t: &Value, key: &str) -> Check {
    match t.get(key) {
        Some(want) => {
            let got = got.ok_or_else(|| format!("{key}: no signature information"))?;
            ensure_eq!(
                serde_name(&got.format),
                text(want, "format")?,
                format!("{key}.format")
            );
            ensure_eq!(
                serde_name(&got.variant),
                text(want, "variant")?,
                format!("{key}.variant")
            );
        }
        None => ensure!(
            got.is_none() || !is_valid(t)?,
            "{key} is reported but the test does not give it"
        ),
    }
    Ok(())
}

/// The fields a builder-made seal must parse to.
fn expect_seal_fields(base: &Path, seal: &SesSeal, want: &Value) -> Check {
    let info = seal.info();
    let prop = &info.property;
    ensure_eq!(info.header.id.as_str(), "ES", "header ID");
    ensure_eq!(info.es_id.as_str(), text(want, "esId")?, "esID");
    ensure_eq!(prop.name.as_str(), text(want, "name")?, "name");
    ensure_eq!(
        prop.seal_type,
        field(want, "sealType")?.as_i64().ok_or("sealType")?,
        "type"
    );
    ensure_eq!(info.header.vid.as_str(), text(want, "vendor")?, "Vid");
    let list_type = field(want, "certListType")?
        .as_i64()
        .ok_or("certListType")?;
    ensure_eq!(prop.cert_list_type, Some(list_type), "certListType");
    let signers = strings(want, "signers")?
        .iter()
        .map(|f| read(base, f))
        .collect::<Result<Vec<_>, _>>()?;
    match (&prop.cert_list, list_type) {
        (CertList::Certificates(certs), 1) => {
            ensure!(certs == &signers, "certList is not the signer certificates")
        }
        (CertList::Digests(digests), 2) => {
            ensure_eq!(digests.len(), signers.len(), "certList length");
            for (d, cert) in digests.iter().zip(&signers) {
                ensure_eq!(d.kind.as_str(), "SM3", "CertDigestObj.type");
                ensure_eq!(
                    hex::encode(&d.value),
                    hex::encode(sm3(cert)),
                    "CertDigestObj.value"
                );
            }
        }
        (other, _) => return Err(format!("certList {other:?} for certListType {list_type}")),
    }
    ensure_eq!(
        info.picture.kind.as_str(),
        text(want, "pictureType")?,
        "picture type"
    );
    ensure!(
        info.picture.data == read(base, text(want, "pictureFile")?)?,
        "picture data differs from {}",
        text(want, "pictureFile")?
    );
    let mm: Vec<i64> = field(want, "pictureMm")?
        .as_array()
        .ok_or("pictureMm")?
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    ensure_eq!(
        vec![info.picture.width_mm, info.picture.height_mm],
        mm,
        "picture size"
    );
    let exts = field(want, "extDatas")?.as_array().ok_or("extDatas")?;
    ensure_eq!(info.ext_datas.len(), exts.len(), "number of extDatas");
    for (e, w) in info.ext_datas.iter().zip(exts) {
        ensure_eq!(e.id.to_string(), text(w, "id")?, "extnID");
        ensure_eq!(e.critical, boolean(w, "critical")?, "critical");
        ensure_eq!(hex::encode(&e.value), text(w, "value")?, "extnValue");
    }
    ensure_eq!(
        prop.create_date.to_string(),
        text(want, "createDate")?,
        "createDate"
    );
    ensure_eq!(
        prop.valid_start.to_string(),
        text(want, "validStart")?,
        "validStart"
    );
    ensure_eq!(
        prop.valid_end.to_string(),
        text(want, "validEnd")?,
        "validEnd"
    );
    Ok(())
}

fn seal_verify(base: &Path, t: &Value) -> Check {
    let seal =
        SesSeal::from_der(&read(base, text(t, "file")?)?).map_err(|e| format!("parse: {e}"))?;
    if let Some(v) = t.get("sealVersion").and_then(Value::as_str) {
        ensure_eq!(serde_name(&seal.version()), v, "version");
    }
    let report = verify_seal(&seal, time(t, "time")?, &seal_options(base, t)?);
    ensure_eq!(
        serde_name(&report.indication),
        text(t, "indication")?,
        "indication"
    );
    ensure_eq!(
        serde_name(&report.indication) == "valid",
        is_valid(t)?,
        "result (valid exactly when the indication is)"
    );
    expect_checks(&report.checks, t, "checks", "codes")?;
    expect_signature_info(report.maker_signature, t, "makerSignature")?;
    if let Some(want) = t.get("seal") {
        expect_seal_fields(base, &seal, want)?;
    }
    Ok(())
}

fn signature_verify(base: &Path, t: &Value) -> Check {
    let signature = SesSignature::from_der(&read(base, text(t, "signature")?)?)
        .map_err(|e| format!("parse: {e}"))?;
    let original = match field(t, "original")? {
        Value::Null => None,
        Value::String(f) => Some(read(base, f)?),
        _ => return Err("original is neither a file nor null".into()),
    };
    let original = original
        .as_deref()
        .map_or(Original::NotProvided, Original::Data);
    let report = verify_signature(&signature, original, &seal_options(base, t)?);
    ensure_eq!(
        serde_name(&report.indication),
        text(t, "indication")?,
        "indication"
    );
    ensure_eq!(
        serde_name(&report.indication) == "valid",
        is_valid(t)?,
        "result (valid exactly when the indication is)"
    );
    expect_checks(&report.checks, t, "checks", "codes")?;
    ensure_eq!(
        serde_name(&report.seal.indication),
        text(t, "sealIndication")?,
        "embedded seal indication"
    );
    expect_checks(&report.seal.checks, t, "sealChecks", "sealCodes")?;
    expect_signature_info(report.signature, t, "signerSignature")?;
    if let Some(want) = t.get("signed") {
        ensure_eq!(
            report.time.map(|t| t.to_string()),
            Some(text(want, "timeInfo")?.to_owned()),
            "timeInfo"
        );
        ensure_eq!(
            report.property_info.as_str(),
            text(want, "propertyInfo")?,
            "propertyInfo"
        );
        ensure_eq!(
            report.data_hash.to_lowercase(),
            text(want, "dataHash")?,
            "dataHash"
        );
    }
    Ok(())
}

fn seal_parse(base: &Path, t: &Value) -> Check {
    ensure!(!is_valid(t)?, "SealParse tests are all invalid");
    let der = read(base, text(t, "file")?)?;
    match text(t, "structure")? {
        "SESeal" => expect_error(t, SesSeal::from_der(&der)),
        "SES_Signature" => expect_error(t, SesSignature::from_der(&der)),
        other => Err(format!("unknown structure {other}")),
    }
}

// ---------------------------------------------------------------------------
// E-licenses: GB/T 36904 identifiers, code checks
// ---------------------------------------------------------------------------

/// The check character as a one-character JSON string.
fn char_value(c: char) -> Value {
    Value::String(c.to_string())
}

fn mod37_36_check(t: &Value) -> Check {
    let value = text(t, "value")?;
    ensure_eq!(mod37_36::is_valid(value), is_valid(t)?, "is_valid");
    let body: String = {
        let mut chars: Vec<char> = value.chars().collect();
        chars.pop();
        chars.into_iter().collect()
    };
    let computed = mod37_36::check_char(&body).ok().map(char_value);
    ensure_eq!(
        computed.unwrap_or(Value::Null),
        *field(t, "checkCharacter")?,
        "check character"
    );
    Ok(())
}

fn identifier_parse(t: &Value) -> Check {
    let parsed = Identifier::parse(text(t, "identifier")?);
    if t.get("errorCode").is_some() {
        return expect_error(t, parsed);
    }
    let p = parsed.map_err(|e| format!("parse failed: {e}"))?;
    for (key, got) in [
        ("typeCode", &p.type_code),
        ("issuerCode", &p.issuer_code),
        ("serial", &p.serial),
        ("version", &p.version),
    ] {
        ensure_eq!(got.as_str(), text(t, key)?, key);
    }
    ensure_eq!(
        char_value(p.check_character),
        *field(t, "checkCharacter")?,
        "checkCharacter"
    );
    ensure_eq!(
        char_value(p.expected_check_character),
        *field(t, "expectedCheckCharacter")?,
        "expectedCheckCharacter"
    );
    ensure_eq!(
        serde_json::to_value(&p.findings).unwrap(),
        *field(t, "findings")?,
        "findings"
    );
    ensure_eq!(p.is_conforming(), is_valid(t)?, "conforming");
    Ok(())
}

fn identifier_build(t: &Value) -> Check {
    let built = Identifier::build(
        text(t, "typeCode")?,
        text(t, "issuerCode")?,
        text(t, "serial")?,
        text(t, "version")?,
    );
    if !is_valid(t)? {
        return expect_error(t, built);
    }
    let id = built.map_err(|e| format!("build failed: {e}"))?;
    ensure_eq!(id.as_str(), text(t, "identifier")?, "identifier");
    // And it parses back, conforming.
    let p = Identifier::parse(id.as_str()).map_err(|e| e.to_string())?;
    ensure!(p.is_conforming(), "findings {:?}", p.findings);
    Ok(())
}

/// A code check: valid, or invalid with exactly the `problem` (the JSON form
/// of `CodeProblem`).
fn code_check(t: &Value, got: Result<(), CodeProblem>) -> Check {
    match (got, is_valid(t)?) {
        (Ok(()), true) => Ok(()),
        (Ok(()), false) => Err("expected a problem, the code passed".into()),
        (Err(p), true) => Err(format!("expected valid, got {p}")),
        (Err(p), false) => {
            ensure_eq!(
                serde_json::to_value(&p).unwrap(),
                *field(t, "problem")?,
                "problem"
            );
            Ok(())
        }
    }
}

// ---------------------------------------------------------------------------
// Drift check
// ---------------------------------------------------------------------------

/// Committed files that the generator reads rather than writes: the OpenSSL
/// oracle outputs, their scripts, the README and `.gitattributes`; and the
/// e-license vectors, whose values come from the spec (`license/make.py`); and
/// the PDFs of other producers (`pdf/producers/make.sh`).
fn is_oracle_input(rel: &str) -> bool {
    rel == "README.md"
        || rel == ".gitattributes"
        || rel.starts_with("openssl/")
        || rel.starts_with("pki/openssl/")
        || rel.starts_with("license/")
        || rel.starts_with("pdf/producers/")
        || rel.ends_with(".sh")
}

#[test]
fn committed_files_match_the_generator() {
    let dir = vectors_dir();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let written = generator::generate(&dir, a.path()).unwrap();
    let again = generator::generate(&dir, b.path()).unwrap();
    assert_eq!(written, again);
    let mut problems = Vec::new();
    for rel in &written {
        let fresh = std::fs::read(a.path().join(rel)).unwrap();
        if std::fs::read(b.path().join(rel)).unwrap() != fresh {
            problems.push(format!("{rel}: two runs of the generator differ"));
        }
        match std::fs::read(dir.join(rel)) {
            Ok(committed) if committed == fresh => {}
            Ok(_) => problems.push(format!("{rel}: differs from the generator's output")),
            Err(_) => problems.push(format!("{rel}: generated but not committed")),
        }
    }
    let generated: BTreeSet<&String> = written.iter().collect();
    for rel in walk(&dir) {
        if !is_oracle_input(&rel) && !generated.contains(&rel) {
            problems.push(format!("{rel}: committed but no longer generated"));
        }
    }
    assert!(
        problems.is_empty(),
        "test-vectors/ is out of date; run `cargo run --example gen_test_vectors -- test-vectors`:\n{}",
        problems.join("\n")
    );
}
