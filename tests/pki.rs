//! Certificate issuing and path validation: every rule of `TrustStore::validate`
//! has a case that breaks it, and each failure names its reason.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::cloned_ref_to_slice_refs,
    clippy::cast_possible_truncation
)]

use gmseal::crypto::{DeterministicRandom, PrivateKey, SecureRandom, Signer, VerifyOptions};
use gmseal::pki::{
    Certificate, CertificateParams, CertifiedKey, Crl, CrlParams, DistinguishedName, KeyUsage,
    Profile, Purpose, RevocationPolicy, RevocationReason, RevocationStatus, RevokedCertificate,
    TrustStore, ValidationOptions,
};
use gmseal::{Error, PkiError, Timestamp};

fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn dn(s: &str) -> DistinguishedName {
    DistinguishedName::parse(s).unwrap()
}

struct Pki {
    rng: DeterministicRandom,
    root_key: PrivateKey,
    root: Certificate,
    ca_key: PrivateKey,
    ca: Certificate,
    signer_key: PrivateKey,
    signer: Certificate,
}

/// Root (2026–2036) → CA (2026–2030, pathLen 0) → document signer (2026-01-01 + 365 days).
fn pki() -> Pki {
    let rng = DeterministicRandom::new(b"pki tests");
    let start = t("2026-01-01T00:00:00Z");
    let root_key = PrivateKey::generate(&rng).unwrap();
    let root = CertificateParams::new(Profile::Root, dn("CN=测试根CA,O=gmseal,C=CN"), start, 3650)
        .self_signed(&root_key, &rng)
        .unwrap();
    let ca_key = PrivateKey::generate(&rng).unwrap();
    let mut params = CertificateParams::new(
        Profile::IntermediateCa { path_len: Some(0) },
        dn("CN=测试CA,O=gmseal,C=CN"),
        start,
        1500,
    );
    params.crl_distribution_points = vec!["http://crl.example.cn/root.crl".into()];
    let ca = params
        .signed_by(ca_key.public_key(), &root, &root_key, &rng)
        .unwrap();
    let signer_key = PrivateKey::generate(&rng).unwrap();
    let signer = CertificateParams::new(
        Profile::DocumentSigner,
        dn("CN=张三,O=示例单位,C=CN"),
        start,
        365,
    )
    .signed_by(signer_key.public_key(), &ca, &ca_key, &rng)
    .unwrap();
    Pki {
        rng,
        root_key,
        root,
        ca_key,
        ca,
        signer_key,
        signer,
    }
}

fn pki_err(r: gmseal::Result<impl std::fmt::Debug>) -> PkiError {
    match r {
        Err(Error::Pki(e)) => e,
        other => panic!("expected a PKI error, got {other:?}"),
    }
}

#[test]
fn profiles_have_the_documented_extensions() {
    let p = pki();
    assert!(p.root.is_ca() && p.root.basic_constraints().unwrap().path_len.is_none());
    assert_eq!(
        p.root.key_usage(),
        Some(KeyUsage::KEY_CERT_SIGN | KeyUsage::CRL_SIGN)
    );
    assert!(p.root.authority_key_id().is_none());
    assert_eq!(p.ca.basic_constraints().unwrap().path_len, Some(0));
    assert_eq!(p.ca.authority_key_id(), p.root.subject_key_id());
    assert_eq!(
        p.ca.crl_distribution_points(),
        ["http://crl.example.cn/root.crl"]
    );
    assert!(!p.signer.is_ca());
    assert_eq!(
        p.signer.key_usage(),
        Some(KeyUsage::DIGITAL_SIGNATURE | KeyUsage::NON_REPUDIATION)
    );
    assert_eq!(
        p.signer.extended_key_usage(),
        Some(&[gmseal::oid::KP_DOCUMENT_SIGNING][..])
    );
    assert_eq!(p.signer.serial_number().len(), 16);
    assert_eq!(p.signer.version(), 3);
    assert_eq!(p.signer.subject().to_string(), "CN=张三,O=示例单位,C=CN");
    assert_eq!(p.signer.issuer(), p.ca.subject());
    assert_eq!(p.signer.not_after(), t("2026-12-31T23:59:59Z"));
    // Serials are random: two certificates for the same key differ.
    let again = CertificateParams::new(
        Profile::DocumentSigner,
        dn("CN=张三,C=CN"),
        t("2026-01-01"),
        30,
    )
    .signed_by(p.signer_key.public_key(), &p.ca, &p.ca_key, &p.rng)
    .unwrap();
    assert_ne!(again.serial_number(), p.signer.serial_number());
    // A PEM round trip keeps the exact bytes.
    assert_eq!(
        Certificate::from_pem(&p.signer.to_pem()).unwrap().der(),
        p.signer.der()
    );
    let both = format!("{}{}", p.signer.to_pem(), p.ca.to_pem());
    assert_eq!(Certificate::load_all(both.as_bytes()).unwrap().len(), 2);
    let info = serde_json_like(&p.signer);
    assert!(info.contains("digitalSignature"), "{info}");
}

fn serde_json_like(c: &Certificate) -> String {
    format!("{:?}", c.info())
}

#[test]
fn tsa_and_seal_maker_purposes() {
    let p = pki();
    let issue = |profile| {
        let key = PrivateKey::generate(&p.rng).unwrap();
        CertificateParams::new(profile, dn("CN=x,C=CN"), t("2026-02-01"), 30)
            .signed_by(key.public_key(), &p.ca, &p.ca_key, &p.rng)
            .unwrap()
    };
    let tsa = issue(Profile::Tsa);
    let maker = issue(Profile::SealMaker);
    let store = TrustStore::new(vec![p.root.clone()]);
    let at = |purpose| ValidationOptions::at(t("2026-02-10")).for_purpose(purpose);
    store
        .validate(&tsa, &[p.ca.clone()], &at(Purpose::TimeStamping))
        .unwrap();
    store
        .validate(&maker, &[p.ca.clone()], &at(Purpose::SealMaking))
        .unwrap();
    store
        .validate(&p.signer, &[p.ca.clone()], &at(Purpose::DocumentSigning))
        .unwrap();
    assert!(matches!(
        pki_err(store.validate(&tsa, &[p.ca.clone()], &at(Purpose::SealMaking))),
        PkiError::KeyUsage { .. }
    ));
    assert!(matches!(
        pki_err(store.validate(&maker, &[p.ca.clone()], &at(Purpose::TimeStamping))),
        PkiError::KeyUsage { .. }
    ));
    assert!(matches!(
        pki_err(store.validate(&tsa, &[p.ca.clone()], &at(Purpose::DocumentSigning))),
        PkiError::KeyUsage { .. }
    ));
    assert!(matches!(
        pki_err(store.validate(
            &p.signer,
            &[p.ca.clone()],
            &at(Purpose::CertificateAuthority)
        )),
        PkiError::KeyUsage { .. }
    ));
    store
        .validate(&p.ca, &[], &at(Purpose::CertificateAuthority))
        .unwrap();
}

#[test]
fn validity_is_checked_for_every_certificate() {
    let p = pki();
    let store = TrustStore::new(vec![p.root.clone()]);
    let chain = store
        .validate(
            &p.signer,
            &[p.ca.clone()],
            &ValidationOptions::at(t("2026-06-01")),
        )
        .unwrap();
    assert_eq!(chain.certificates.len(), 3);
    assert_eq!(chain.anchor(), Some(&p.root));
    assert_eq!(
        chain.revocation,
        [
            RevocationStatus::NotChecked,
            RevocationStatus::NotChecked,
            RevocationStatus::TrustAnchor
        ]
    );
    for when in ["2025-12-31T23:59:59Z", "2027-01-01T00:00:00Z"] {
        let e =
            pki_err(store.validate(&p.signer, &[p.ca.clone()], &ValidationOptions::at(t(when))));
        assert!(
            matches!(&e, PkiError::Expired { subject, .. } if subject.contains("张三")),
            "{e}"
        );
    }
    // The validity end is inclusive.
    store
        .validate(
            &p.signer,
            &[p.ca.clone()],
            &ValidationOptions::at(t("2026-12-31T23:59:59Z")),
        )
        .unwrap();
}

#[test]
fn path_building_errors() {
    let p = pki();
    let store = TrustStore::new(vec![p.root.clone()]);
    let at = ValidationOptions::at(t("2026-06-01"));
    // Missing intermediate.
    assert!(matches!(
        pki_err(store.validate(&p.signer, &[], &at)),
        PkiError::UnknownIssuer(_)
    ));
    // An empty trust store.
    assert!(matches!(
        pki_err(TrustStore::default().validate(&p.signer, &[p.ca.clone()], &at)),
        PkiError::UnknownIssuer(_)
    ));
    // A trust anchor validates as itself.
    assert_eq!(
        store
            .validate(&p.root, &[], &at)
            .unwrap()
            .certificates
            .len(),
        1
    );
    // An impostor CA with the same name but another key: its signature fails.
    let other_key = PrivateKey::generate(&p.rng).unwrap();
    let mut params = CertificateParams::new(
        Profile::IntermediateCa { path_len: None },
        p.ca.subject().clone(),
        t("2026-01-01"),
        100,
    );
    params.serial_number = Some(vec![7]);
    let impostor = params
        .signed_by(other_key.public_key(), &p.root, &p.root_key, &p.rng)
        .unwrap();
    // (Its key identifier differs, so the path builder skips it and falls back to the real one.)
    store
        .validate(&p.signer, &[impostor.clone(), p.ca.clone()], &at)
        .unwrap();
    assert!(matches!(
        pki_err(store.validate(&p.signer, &[impostor], &at)),
        PkiError::UnknownIssuer(_)
    ));
    // Too long a path.
    let mut short = at;
    short.max_path_len = 2;
    assert!(matches!(
        pki_err(store.validate(&p.signer, &[p.ca.clone()], &short)),
        PkiError::ChainTooLong(2)
    ));
}

#[test]
fn tampered_certificate_fails_its_signature() {
    let p = pki();
    let store = TrustStore::new(vec![p.root.clone()]);
    let at = ValidationOptions::at(t("2026-06-01"));
    // Change one byte of the subject's CN inside the signed part.
    let mut der = p.signer.der().to_vec();
    let pos = der
        .windows("张三".len())
        .position(|w| w == "张三".as_bytes())
        .unwrap();
    der[pos + 2] ^= 0x01;
    let forged = Certificate::from_der(&der).unwrap();
    assert!(matches!(
        pki_err(store.validate(&forged, &[p.ca.clone()], &at)),
        PkiError::BadSignature { .. }
    ));
    assert!(
        forged
            .verify_signature(p.ca.public_key(), &VerifyOptions::default())
            .is_err()
    );
    p.signer
        .verify_signature(p.ca.public_key(), &VerifyOptions::default())
        .unwrap();
}

#[test]
fn ca_constraints() {
    let p = pki();
    let at = ValidationOptions::at(t("2026-06-01"));
    // The CA has pathLen 0: it may not issue another CA (a parameter error when issuing).
    let sub_key = PrivateKey::generate(&p.rng).unwrap();
    let e = pki_err(
        CertificateParams::new(
            Profile::IntermediateCa { path_len: None },
            dn("CN=Sub,C=CN"),
            t("2026-01-01"),
            100,
        )
        .signed_by(sub_key.public_key(), &p.ca, &p.ca_key, &p.rng),
    );
    assert!(
        matches!(&e, PkiError::InvalidParams(m) if m.contains("pathLenConstraint 0")),
        "{e}"
    );
    // An end entity may not issue certificates.
    let e = pki_err(
        CertificateParams::new(
            Profile::DocumentSigner,
            dn("CN=x,C=CN"),
            t("2026-01-01"),
            10,
        )
        .signed_by(sub_key.public_key(), &p.signer, &p.signer_key, &p.rng),
    );
    assert!(
        matches!(&e, PkiError::InvalidParams(m) if m.contains("may not issue")),
        "{e}"
    );
    // Wrong issuer key, validity outside the issuer's, root not self-signed.
    let e = pki_err(
        CertificateParams::new(
            Profile::DocumentSigner,
            dn("CN=x,C=CN"),
            t("2026-01-01"),
            10,
        )
        .signed_by(sub_key.public_key(), &p.ca, &p.root_key, &p.rng),
    );
    assert!(matches!(e, PkiError::InvalidParams(_)), "{e}");
    let e = pki_err(
        CertificateParams::new(
            Profile::DocumentSigner,
            dn("CN=x,C=CN"),
            t("2026-01-01"),
            5000,
        )
        .signed_by(sub_key.public_key(), &p.ca, &p.ca_key, &p.rng),
    );
    assert!(e.to_string().contains("outside the issuer"), "{e}");
    assert!(
        CertificateParams::new(Profile::Root, dn("CN=x,C=CN"), t("2026-01-01"), 5)
            .signed_by(sub_key.public_key(), &p.ca, &p.ca_key, &p.rng)
            .is_err()
    );
    assert!(
        CertificateParams::new(Profile::SealMaker, dn("CN=x,C=CN"), t("2026-01-01"), 5)
            .self_signed(&sub_key, &p.rng)
            .is_err()
    );

    // pathLenConstraint at validation time: "Strict" exists twice with the same
    // key and name, once without a path length (used to issue "Mid") and once
    // with pathLen 0; a path through the second breaks its constraint.
    let strict_key = PrivateKey::generate(&p.rng).unwrap();
    let strict_with = |path_len| {
        CertificateParams::new(
            Profile::IntermediateCa { path_len },
            dn("CN=Strict,C=CN"),
            t("2026-01-01"),
            300,
        )
        .signed_by(strict_key.public_key(), &p.root, &p.root_key, &p.rng)
        .unwrap()
    };
    let (open, strict) = (strict_with(None), strict_with(Some(0)));
    let mid_key = PrivateKey::generate(&p.rng).unwrap();
    let mid = CertificateParams::new(
        Profile::IntermediateCa { path_len: Some(0) },
        dn("CN=Mid,C=CN"),
        t("2026-01-01"),
        200,
    )
    .signed_by(mid_key.public_key(), &open, &strict_key, &p.rng)
    .unwrap();
    let leaf_key = PrivateKey::generate(&p.rng).unwrap();
    let leaf = CertificateParams::new(Profile::SealMaker, dn("CN=Leaf,C=CN"), t("2026-01-01"), 190)
        .signed_by(leaf_key.public_key(), &mid, &mid_key, &p.rng)
        .unwrap();
    let store = TrustStore::new(vec![p.root.clone()]);
    assert_eq!(
        store
            .validate(&leaf, &[mid.clone(), open], &at)
            .unwrap()
            .certificates
            .len(),
        4
    );
    let e = pki_err(store.validate(&leaf, &[mid, strict], &at));
    assert!(
        matches!(&e, PkiError::NotACa { reason, .. } if reason.contains("pathLenConstraint 0")),
        "{e}"
    );
}

#[test]
fn revocation_with_crls() {
    let p = pki();
    let store = TrustStore::new(vec![p.root.clone()]);
    let at = |s| ValidationOptions::at(t(s));

    // The CA revokes the signer on 2026-07-01.
    let mut params = CrlParams::new(t("2026-07-02"), 30, 5);
    params.revoked.push(RevokedCertificate::new(
        &p.signer,
        t("2026-07-01T00:00:00Z"),
        Some(RevocationReason::KeyCompromise),
    ));
    let ca_crl = params.sign(&p.ca, &p.ca_key).unwrap();
    let root_crl = CrlParams::new(t("2026-07-02"), 30, 1)
        .sign(&p.root, &p.root_key)
        .unwrap();
    let crls = vec![ca_crl.clone(), root_crl];
    assert_eq!(
        Crl::from_der(ca_crl.der()).unwrap().crl_number(),
        Some(&[5u8][..])
    );
    assert_eq!(ca_crl.issuer(), p.ca.subject());

    // After the revocation date: revoked, with reason.
    let e = pki_err(store.validate(
        &p.signer,
        &[p.ca.clone()],
        &at("2026-07-15").with_crls(crls.clone()),
    ));
    assert!(
        matches!(&e, PkiError::Revoked { reason: Some(r), .. } if r == "keyCompromise"),
        "{e}"
    );
    assert!(
        e.to_string().contains("revoked on 2026-07-01T00:00:00Z"),
        "{e}"
    );
    // Before it (a seal signed in June): still valid then, and the report says it was revoked later.
    let chain = store
        .validate(
            &p.signer,
            &[p.ca.clone()],
            &at("2026-06-15").with_crls(crls.clone()),
        )
        .unwrap();
    assert_eq!(
        chain.revocation[0],
        RevocationStatus::Good {
            crl_number: Some("05".into()),
            revoked_later: Some(t("2026-07-01T00:00:00Z"))
        }
    );
    assert!(matches!(
        chain.revocation[1],
        RevocationStatus::Good {
            revoked_later: None,
            ..
        }
    ));
    // A stale CRL (nextUpdate before the validation time) is not used.
    let chain = store
        .validate(
            &p.signer,
            &[p.ca.clone()],
            &at("2026-09-01").with_crls(crls.clone()),
        )
        .unwrap();
    assert_eq!(chain.revocation[0], RevocationStatus::NotChecked);
    // ... and is an error when CRLs are required.
    let mut require = at("2026-09-01").with_crls(crls);
    require.revocation = RevocationPolicy::Require;
    assert!(matches!(
        pki_err(store.validate(&p.signer, &[p.ca.clone()], &require)),
        PkiError::Crl(_)
    ));
    let mut require = at("2026-06-15");
    require.revocation = RevocationPolicy::Require;
    assert!(matches!(
        pki_err(store.validate(&p.signer, &[p.ca.clone()], &require)),
        PkiError::Crl(_)
    ));

    // A CRL that claims the CA's name but is signed by another key is rejected.
    let rogue_key = PrivateKey::generate(&p.rng).unwrap();
    let rogue_ca =
        CertificateParams::new(Profile::Root, p.ca.subject().clone(), t("2026-01-01"), 400)
            .self_signed(&rogue_key, &p.rng)
            .unwrap();
    let rogue_crl = CrlParams::new(t("2026-07-02"), 30, 9)
        .sign(&rogue_ca, &rogue_key)
        .unwrap();
    let e = pki_err(store.validate(
        &p.signer,
        &[p.ca.clone()],
        &at("2026-07-15").with_crls(vec![rogue_crl]),
    ));
    assert!(matches!(e, PkiError::BadSignature { .. }), "{e}");
    // The CRL's own checks: issuer mismatch, signer without cRLSign.
    assert!(ca_crl.verify_signature(&p.root).is_err());
    assert!(
        CrlParams::new(t("2026-07-02"), 30, 1)
            .sign(&p.signer, &p.signer_key)
            .is_err()
    );
    assert_eq!(
        Crl::load(ca_crl.to_pem().as_bytes())
            .unwrap()
            .revoked()
            .len(),
        1
    );
}

#[test]
fn certified_key_signs_with_its_certificate() {
    let p = pki();
    let certified = CertifiedKey::new(p.signer.clone(), p.signer_key).unwrap();
    assert_eq!(certified.certificate(), Some(p.signer.der()));
    let sig = certified.sign(b"x").unwrap();
    p.signer
        .public_key()
        .verify(b"x", &sig.to_der(), &VerifyOptions::default())
        .unwrap();
    assert!(CertifiedKey::new(p.ca.clone(), PrivateKey::generate(&p.rng).unwrap()).is_err());
}

#[test]
fn empty_id_certificates_need_opt_in() {
    let p = pki();
    // A CA key that signs with the empty ID, as OpenSSL does by default.
    let empty = PrivateKey::from_bytes(&p.ca_key.to_bytes())
        .unwrap()
        .with_user_id(b"")
        .unwrap();
    let key = PrivateKey::generate(&p.rng).unwrap();
    let cert = CertificateParams::new(
        Profile::DocumentSigner,
        dn("CN=E,C=CN"),
        t("2026-01-01"),
        30,
    )
    .signed_by(key.public_key(), &p.ca, &empty, &p.rng)
    .unwrap();
    let store = TrustStore::new(vec![p.root.clone()]);
    let mut options = ValidationOptions::at(t("2026-01-10"));
    assert!(matches!(
        pki_err(store.validate(&cert, &[p.ca.clone()], &options)),
        PkiError::BadSignature { .. }
    ));
    options.signature_options = VerifyOptions::default().accept_empty_id();
    store
        .validate(&cert, std::slice::from_ref(&p.ca), &options)
        .unwrap();
}

#[test]
fn unknown_critical_extension_is_rejected() {
    // Turn the critical basicConstraints of an end entity into an extension
    // gmseal does not know (same length OID) and re-sign the TBS with the CA key.
    let p = pki();
    let tbs = p.signer.tbs_der().to_vec();
    let bc = [0x06, 0x03, 0x55, 0x1D, 0x13];
    let pos = tbs.windows(5).position(|w| w == bc).unwrap();
    let mut patched = tbs;
    patched[pos + 4] = 0x7F; // 2.5.29.127: not an extension gmseal knows
    let sig = p.ca_key.sign(&patched).unwrap().to_der();
    let alg = [
        0x30, 0x0A, 0x06, 0x08, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x83, 0x75,
    ];
    let mut bits = vec![0x03, (sig.len() + 1) as u8, 0x00];
    bits.extend_from_slice(&sig);
    let body = [patched.as_slice(), &alg, &bits].concat();
    let mut der = vec![0x30, 0x82, (body.len() >> 8) as u8, body.len() as u8];
    der.extend_from_slice(&body);
    let cert = Certificate::from_der(&der).unwrap();
    assert_eq!(cert.unknown_critical_extensions().len(), 1);
    let store = TrustStore::new(vec![p.root.clone()]);
    let e = pki_err(store.validate(
        &cert,
        std::slice::from_ref(&p.ca),
        &ValidationOptions::at(t("2026-06-01")),
    ));
    assert!(
        matches!(e, PkiError::UnknownCriticalExtension { .. }),
        "{e}"
    );
}

#[test]
fn names_round_trip_through_certificates() {
    let p = pki();
    let rng = DeterministicRandom::new(b"names");
    let mut serial = [0u8; 4];
    rng.fill(&mut serial).unwrap();
    let subject = dn(
        "CN=李四+serialNumber=110101199003077777,OU=窗口\\, 一部,O=某某市行政审批局,L=杭州,ST=浙江,C=CN,2.5.4.97=11330100MB1234567X",
    );
    let key = PrivateKey::generate(&rng).unwrap();
    let cert = CertificateParams::new(
        Profile::DocumentSigner,
        subject.clone(),
        t("2026-01-01"),
        10,
    )
    .signed_by(key.public_key(), &p.ca, &p.ca_key, &rng)
    .unwrap();
    assert_eq!(cert.subject(), &subject);
    assert_eq!(
        cert.subject().organization_identifier(),
        Some("11330100MB1234567X")
    );
    assert_eq!(cert.subject().to_string(), subject.to_string());
}
