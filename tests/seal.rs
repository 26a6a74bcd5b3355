//! Making, signing and verifying GB/T 38540 seals: the round trip, every refusal
//! of the builders, and every check of the verifier broken once.

#![allow(clippy::unwrap_used, clippy::panic, clippy::cast_possible_truncation)]

use gmseal::crypto::{DeterministicRandom, PrivateKey, SignatureFormat, Signer, VerifyOptions};
use gmseal::pki::{
    Certificate, CertificateParams, CrlParams, DistinguishedName, Profile, RevocationReason,
    RevokedCertificate, TrustStore,
};
use gmseal::seal::{
    CertList, CheckStatus, ExtData, Indication, Original, Picture, SealBuilder, SealVerifyOptions,
    SealVersion, SesSeal, SesSignature, SignatureBuilder, SignerList, verify_seal,
    verify_signature,
};
use gmseal::{Error, SealError, Timestamp};

fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

struct Pki {
    rng: DeterministicRandom,
    root_key: PrivateKey,
    root: Certificate,
    maker_key: PrivateKey,
    maker: Certificate,
    signer_key: PrivateKey,
    signer: Certificate,
    other_key: PrivateKey,
    other: Certificate,
}

fn pki() -> Pki {
    let rng = DeterministicRandom::new(b"seal tests");
    let dn = |s: &str| DistinguishedName::parse(s).unwrap();
    let start = t("2026-01-01T00:00:00Z");
    let root_key = PrivateKey::generate(&rng).unwrap();
    let root = CertificateParams::new(Profile::Root, dn("CN=印章根CA,C=CN"), start, 3650)
        .self_signed(&root_key, &rng)
        .unwrap();
    let issue = |profile, subject: &str, days| {
        let key = PrivateKey::generate(&rng).unwrap();
        let cert = CertificateParams::new(profile, dn(subject), start, days)
            .signed_by(key.public_key(), &root, &root_key, &rng)
            .unwrap();
        (key, cert)
    };
    let (maker_key, maker) = issue(Profile::SealMaker, "CN=某某市公安局制章中心,C=CN", 1000);
    let (signer_key, signer) = issue(Profile::DocumentSigner, "CN=某某科技有限公司,C=CN", 365);
    let (other_key, other) = issue(Profile::DocumentSigner, "CN=其他单位,C=CN", 365);
    Pki {
        rng,
        root_key,
        root,
        maker_key,
        maker,
        signer_key,
        signer,
        other_key,
        other,
    }
}

fn picture() -> Picture {
    Picture {
        kind: "PNG".into(),
        data: b"\x89PNG\r\n\x1a\n test picture".to_vec(),
        width_mm: 42,
        height_mm: 42,
    }
}

fn builder(signers: SignerList) -> SealBuilder {
    SealBuilder::new(
        "33010200000099",
        "合同专用章",
        4,
        signers,
        picture(),
        t("2026-02-01T00:00:00Z"),
        300,
    )
}

fn trusted(p: &Pki) -> SealVerifyOptions {
    SealVerifyOptions::with_trust(TrustStore::new(vec![p.root.clone()]))
}

fn status(checks: &[gmseal::seal::Check], id: &str) -> (CheckStatus, Option<&'static str>) {
    let c = checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no check {id}"));
    (c.status, c.code)
}

#[test]
fn seal_round_trip_and_fields() {
    let p = pki();
    let seal = builder(SignerList::Certificates(vec![
        p.signer.clone(),
        p.other.clone(),
    ]))
    .sign(&p.maker, &p.maker_key)
    .unwrap();
    assert_eq!(seal.version(), SealVersion::V4);
    let info = seal.info();
    assert_eq!(
        (
            info.header.id.as_str(),
            info.header.version,
            info.header.vid.as_str()
        ),
        ("ES", 4, "gmseal")
    );
    assert_eq!(info.es_id, "33010200000099");
    assert_eq!(info.property.cert_list_type, Some(1));
    assert_eq!(
        info.property.cert_list,
        CertList::Certificates(vec![p.signer.der().to_vec(), p.other.der().to_vec()])
    );
    assert_eq!((info.picture.width_mm, info.picture.height_mm), (42, 42));
    assert_eq!(seal.maker_certificate_der(), p.maker.der());
    // The maker signed exactly the stored SES_SealInfo bytes.
    assert_eq!(seal.maker_signed_bytes(), seal.info_der());
    p.maker
        .public_key()
        .verify(
            seal.info_der(),
            seal.signed_value(),
            &VerifyOptions::default(),
        )
        .unwrap();
    // Parsing the DER again gives the same seal.
    assert_eq!(SesSeal::from_der(seal.der()).unwrap(), seal);

    let report = verify_seal(&seal, t("2026-06-01"), &trusted(&p));
    assert_eq!(report.indication, Indication::Valid, "{:#?}", report.checks);
    assert_eq!(report.maker_signature.unwrap().format, SignatureFormat::Der);
    // Without trust anchors: indeterminate, never valid.
    let report = verify_seal(&seal, t("2026-06-01"), &SealVerifyOptions::default());
    assert_eq!(report.indication, Indication::Indeterminate);
    assert_eq!(
        status(&report.checks, "seal.maker-chain"),
        (CheckStatus::Indeterminate, Some("chain.not-checked"))
    );
}

#[test]
fn signature_round_trip_and_checks() {
    let p = pki();
    let seal = builder(SignerList::Digests(vec![p.signer.clone()]))
        .sign(&p.maker, &p.maker_key)
        .unwrap();
    assert_eq!(seal.info().property.cert_list_type, Some(2));
    let document = "电子证照正文".repeat(100);
    let when = t("2026-03-03T03:03:03Z");
    let sig = SignatureBuilder::new(
        &seal,
        document.as_bytes(),
        "/Doc_0/Signs/Sign_0/Signature.xml",
        when,
    )
    .sign(&p.signer, &p.signer_key)
    .unwrap();
    let parsed = SesSignature::from_der(sig.der()).unwrap();
    assert_eq!(
        parsed.seal().der(),
        seal.der(),
        "the seal is embedded byte for byte"
    );
    assert_eq!(parsed.to_sign().time_info.time(), Some(when));
    assert_eq!(
        parsed.to_sign().data_hash,
        gmseal::crypto::sm3(document.as_bytes())
    );

    let options = trusted(&p);
    let report = verify_signature(&parsed, Original::Data(document.as_bytes()), &options);
    assert_eq!(
        report.indication,
        Indication::Valid,
        "{:#?}\n{:#?}",
        report.checks,
        report.seal.checks
    );
    let digest = gmseal::crypto::sm3(document.as_bytes());
    assert_eq!(
        verify_signature(&parsed, Original::Digest(&digest), &options).indication,
        Indication::Valid
    );

    // The original changed.
    let report = verify_signature(&parsed, Original::Data(b"other"), &options);
    assert_eq!(report.indication, Indication::Invalid);
    assert_eq!(
        status(&report.checks, "signature.data-hash"),
        (CheckStatus::Failed, Some("signature.data-hash-mismatch"))
    );
    // No original: indeterminate.
    let report = verify_signature(&parsed, Original::NotProvided, &options);
    assert_eq!(report.indication, Indication::Indeterminate);
    assert_eq!(
        status(&report.checks, "signature.data-hash").1,
        Some("data.not-checked")
    );
    // Every byte of the signature value, and of the signed time, matters.
    let der = parsed.der();
    let time_pos = der
        .windows(15)
        .position(|w| w == b"20260303030303Z")
        .unwrap();
    let mut tampered = der.to_vec();
    tampered[time_pos + 13] = b'4';
    let report = verify_signature(
        &SesSignature::from_der(&tampered).unwrap(),
        Original::Data(document.as_bytes()),
        &options,
    );
    assert_eq!(
        status(&report.checks, "signature.signature"),
        (CheckStatus::Failed, Some("signature.bad"))
    );
    let mut tampered = der.to_vec();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    let report = verify_signature(
        &SesSignature::from_der(&tampered).unwrap(),
        Original::Data(document.as_bytes()),
        &options,
    );
    assert_eq!(report.indication, Indication::Invalid);
}

#[test]
fn builders_refuse_inconsistent_input() {
    let p = pki();
    let seal_err = |b: SealBuilder, maker: &Certificate, key: &PrivateKey| match b.sign(maker, key)
    {
        Err(Error::Seal(SealError::InvalidParams(m))) => m,
        other => panic!("expected InvalidParams, got {other:?}"),
    };
    let mut b = builder(SignerList::Certificates(vec![p.signer.clone()]));
    b.valid_end = b.valid_start.minus_seconds(1);
    assert!(seal_err(b, &p.maker, &p.maker_key).contains("validEnd"));
    let b = builder(SignerList::Certificates(vec![]));
    assert!(seal_err(b, &p.maker, &p.maker_key).contains("at least one signer"));
    // A CA certificate (keyCertSign, no signing usage) cannot make seals.
    let b = builder(SignerList::Certificates(vec![p.signer.clone()]));
    let m = seal_err(b, &p.root, &p.root_key);
    assert!(m.contains("seal-maker profile"), "{m}");
    let b = builder(SignerList::Certificates(vec![p.signer.clone()]));
    assert!(seal_err(b, &p.maker, &p.signer_key).contains("does not match"));
    // A document signer's certificate is not a seal maker's.
    let b = builder(SignerList::Certificates(vec![p.other.clone()]));
    let m = seal_err(b, &p.signer, &p.signer_key);
    assert!(m.contains("seal-maker profile"), "{m}");
    // A CA or a seal maker cannot be listed as a signer.
    let b = builder(SignerList::Certificates(vec![p.root.clone()]));
    assert!(seal_err(b, &p.maker, &p.maker_key).contains("CA certificate"));
    let mut b = builder(SignerList::Certificates(vec![p.signer.clone()]));
    b.es_id = "印章".into();
    assert!(seal_err(b, &p.maker, &p.maker_key).contains("ASCII"));

    let seal = builder(SignerList::Certificates(vec![p.signer.clone()]))
        .sign(&p.maker, &p.maker_key)
        .unwrap();
    let sign = |cert: &Certificate, key: &PrivateKey, when: &str| {
        SignatureBuilder::new(&seal, b"d", "d", t(when)).sign(cert, key)
    };
    assert!(matches!(
        sign(&p.other, &p.other_key, "2026-03-01"),
        Err(Error::Seal(SealError::SignerNotInSeal(_)))
    ));
    assert!(matches!(
        sign(&p.signer, &p.signer_key, "2026-01-15"),
        Err(Error::Seal(SealError::NotValidAt { .. }))
    ));
    assert!(matches!(
        sign(&p.signer, &p.signer_key, "2027-02-01"),
        Err(Error::Seal(SealError::NotValidAt { .. }))
    ));
    assert!(matches!(
        sign(&p.signer, &p.other_key, "2026-03-01"),
        Err(Error::Seal(SealError::InvalidParams(_)))
    ));
    assert_eq!(
        sign(&p.other, &p.other_key, "2026-03-01")
            .unwrap_err()
            .code(),
        "seal.signer-not-in-list"
    );
}

#[test]
fn seal_validity_and_maker_chain() {
    let p = pki();
    let seal = builder(SignerList::Certificates(vec![p.signer.clone()]))
        .sign(&p.maker, &p.maker_key)
        .unwrap();
    let options = trusted(&p);
    for (when, code) in [
        ("2026-01-31T23:59:59Z", "seal.not-yet-valid"),
        ("2026-11-28T00:00:01Z", "seal.expired"),
    ] {
        let report = verify_seal(&seal, t(when), &options);
        assert_eq!(report.indication, Indication::Invalid, "{when}");
        assert_eq!(
            status(&report.checks, "seal.validity"),
            (CheckStatus::Failed, Some(code))
        );
    }
    // A maker certificate revoked before createDate makes the seal invalid; one
    // revoked afterwards does not.
    let crl = |date: &str| {
        let mut params = CrlParams::new(t("2026-05-01"), 300, 1);
        params.revoked.push(RevokedCertificate::new(
            &p.maker,
            t(date),
            Some(RevocationReason::KeyCompromise),
        ));
        params.sign(&p.root, &p.root_key).unwrap()
    };
    let mut options = trusted(&p);
    options.crls = vec![crl("2026-01-15")];
    let report = verify_seal(&seal, t("2026-06-01"), &options);
    assert_eq!(
        status(&report.checks, "seal.maker-chain"),
        (CheckStatus::Failed, Some("pki.revoked"))
    );
    options.crls = vec![crl("2026-04-01")];
    assert_eq!(
        verify_seal(&seal, t("2026-06-01"), &options).indication,
        Indication::Valid
    );
    // An unknown root: untrusted (indeterminate), not invalid.
    let stranger = PrivateKey::generate(&p.rng).unwrap();
    let other_root = CertificateParams::new(
        Profile::Root,
        DistinguishedName::parse("CN=Other,C=CN").unwrap(),
        t("2026-01-01"),
        100,
    )
    .self_signed(&stranger, &p.rng)
    .unwrap();
    let report = verify_seal(
        &seal,
        t("2026-06-01"),
        &SealVerifyOptions::with_trust(TrustStore::new(vec![other_root])),
    );
    assert_eq!(report.indication, Indication::Indeterminate);
    assert_eq!(
        status(&report.checks, "seal.maker-chain"),
        (CheckStatus::Indeterminate, Some("chain.untrusted"))
    );
}

#[test]
fn stored_bytes_are_verified_not_a_reencoding() {
    // An ExtData with `critical FALSE` written out (BER, as vendors do) is part of
    // what the maker signs; a re-encoding would drop it and break the signature.
    let p = pki();
    let mut b = builder(SignerList::Certificates(vec![p.signer.clone()]));
    b.ext_datas = vec![ExtData {
        id: der_oid("1.2.156.112600.7.1"),
        critical: true,
        value: b"\x0c\x06abcdef".to_vec(),
    }];
    let seal = b.sign(&p.maker, &p.maker_key).unwrap();
    // Rewrite `critical TRUE` (01 01 FF) as an explicit FALSE (01 01 00) and re-sign
    // the stored bytes as the maker would.
    let mut der = seal.der().to_vec();
    // The ExtData ends SES_SealInfo, which starts after the 4-byte seal header.
    let pos = 4 + seal
        .info_der()
        .windows(3)
        .rposition(|w| w == [0x01, 0x01, 0xFF])
        .unwrap();
    der[pos + 2] = 0x00;
    let edited = SesSeal::from_der(&der).unwrap();
    assert!(!edited.info().ext_datas[0].critical);
    let sig = p.maker_key.sign(edited.info_der()).unwrap().to_der();
    let resigned = replace_signed_value(&der, edited.signed_value(), &sig);
    let seal = SesSeal::from_der(&resigned).unwrap();
    let report = verify_seal(&seal, t("2026-06-01"), &trusted(&p));
    assert_eq!(report.indication, Indication::Valid, "{:#?}", report.checks);
}

fn der_oid(s: &str) -> der::asn1::ObjectIdentifier {
    der::asn1::ObjectIdentifier::new(s).unwrap()
}

/// Swap the maker signature inside the seal's DER, fixing the enclosing lengths.
fn replace_signed_value(der: &[u8], old: &[u8], new: &[u8]) -> Vec<u8> {
    let pos = der.windows(old.len()).rposition(|w| w == old).unwrap();
    // BIT STRING header just before: 03 len 00
    let bits_start = pos - 3;
    assert_eq!(der[bits_start], 0x03);
    let body_start = 4; // 30 82 LL LL
    let mut body = der[body_start..bits_start].to_vec();
    body.push(0x03);
    body.push((new.len() + 1) as u8);
    body.push(0);
    body.extend_from_slice(new);
    let mut out = vec![0x30, 0x82, (body.len() >> 8) as u8, body.len() as u8];
    out.extend_from_slice(&body);
    out
}

#[test]
fn empty_id_maker_signature_needs_opt_in() {
    let p = pki();
    let empty = PrivateKey::from_bytes(&p.maker_key.to_bytes())
        .unwrap()
        .with_user_id(b"")
        .unwrap();
    let seal = builder(SignerList::Certificates(vec![p.signer.clone()]))
        .sign(&p.maker, &empty)
        .unwrap();
    let report = verify_seal(&seal, t("2026-06-01"), &trusted(&p));
    assert_eq!(
        status(&report.checks, "seal.maker-signature"),
        (CheckStatus::Failed, Some("signature.bad"))
    );
    let mut options = trusted(&p);
    options.signature = VerifyOptions::default().accept_empty_id();
    let report = verify_seal(&seal, t("2026-06-01"), &options);
    assert_eq!(report.indication, Indication::Valid);
    assert_eq!(
        report.maker_signature.unwrap().variant,
        gmseal::crypto::IdVariant::EmptyId
    );
}

#[test]
fn parse_errors_name_the_field() {
    let p = pki();
    let seal = builder(SignerList::Certificates(vec![p.signer.clone()]))
        .sign(&p.maker, &p.maker_key)
        .unwrap();
    let e = SesSeal::from_der(&seal.der()[..seal.der().len() - 10]).unwrap_err();
    assert_eq!(e.code(), "decode.malformed");
    assert!(e.to_string().contains("SESeal"), "{e}");
    let mut trailing = seal.der().to_vec();
    trailing.extend_from_slice(b"\0\0\0");
    let parsed = SesSeal::from_der(&trailing).unwrap();
    assert_eq!(parsed.trailing_bytes(), 3);
    let report = verify_seal(&parsed, t("2026-06-01"), &trusted(&p));
    assert_eq!(report.indication, Indication::Valid);
    assert!(
        report
            .checks
            .iter()
            .any(|c| c.code == Some("seal.trailing-bytes") && c.status == CheckStatus::Warning)
    );
    assert!(
        SesSignature::from_der(seal.der()).is_err(),
        "a seal is not a signature"
    );
}
