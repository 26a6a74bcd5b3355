//! CMS SignedData: round trips in both OID families, chain validation from the
//! report, and every check of `verify_detached` broken once.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::cloned_ref_to_slice_refs,
    clippy::cast_possible_truncation
)]

use gmseal::cms::{CmsVerifyOptions, OidFamily, SignedDataBuilder, verify_detached};
use gmseal::crypto::{DeterministicRandom, IdVariant, PrivateKey, SignatureFormat};
use gmseal::pki::{
    Certificate, CertificateParams, DistinguishedName, Profile, Purpose, TrustStore,
    ValidationOptions,
};
use gmseal::{CmsError, Error, Timestamp};

struct Setup {
    root: Certificate,
    ca: Certificate,
    signer: Certificate,
    signer_key: PrivateKey,
    ca_key: PrivateKey,
    rng: DeterministicRandom,
}

fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn setup() -> Setup {
    let rng = DeterministicRandom::new(b"cms tests");
    let dn = |s: &str| DistinguishedName::parse(s).unwrap();
    let root_key = PrivateKey::generate(&rng).unwrap();
    let root = CertificateParams::new(Profile::Root, dn("CN=Root,C=CN"), t("2026-01-01"), 3650)
        .self_signed(&root_key, &rng)
        .unwrap();
    let ca_key = PrivateKey::generate(&rng).unwrap();
    let ca = CertificateParams::new(
        Profile::IntermediateCa { path_len: Some(0) },
        dn("CN=CA,C=CN"),
        t("2026-01-01"),
        1000,
    )
    .signed_by(ca_key.public_key(), &root, &root_key, &rng)
    .unwrap();
    let signer_key = PrivateKey::generate(&rng).unwrap();
    let mut params = CertificateParams::new(
        Profile::DocumentSigner,
        dn("CN=签章者,C=CN"),
        t("2026-01-01"),
        365,
    );
    params.serial_number = Some(vec![0x01, 0x23, 0x45]);
    let signer = params
        .signed_by(signer_key.public_key(), &ca, &ca_key, &rng)
        .unwrap();
    Setup {
        root,
        ca,
        signer,
        signer_key,
        ca_key,
        rng,
    }
}

const CONTENT: &[u8] = b"%PDF-1.7\n... the bytes of a /ByteRange ...\n";

fn cms_err(r: gmseal::Result<impl std::fmt::Debug>) -> CmsError {
    match r {
        Err(Error::Cms(e)) => e,
        other => panic!("expected a CMS error, got {other:?}"),
    }
}

#[test]
fn round_trip_and_chain_validation() {
    let s = setup();
    for family in [OidFamily::Rfc5652, OidFamily::GmT0010] {
        let cms = SignedDataBuilder::new(&s.signer, &s.signer_key)
            .oid_family(family)
            .signing_time(t("2026-03-04T05:06:07Z"))
            .add_certificate(&s.ca)
            .sign(CONTENT)
            .unwrap();
        let report = verify_detached(&cms, CONTENT, &CmsVerifyOptions::default()).unwrap();
        assert_eq!(report.oid_family, family);
        assert_eq!(report.signer_certificate, s.signer);
        assert_eq!(report.signing_time, Some(t("2026-03-04T05:06:07Z")));
        assert!(report.signed_attributes && report.signing_certificate_v2);
        assert_eq!(
            (report.signature.format, report.signature.variant),
            (SignatureFormat::Der, IdVariant::UserId)
        );
        assert_eq!(report.certificates.len(), 2);
        // The embedded CA completes the path.
        let options = ValidationOptions::at(report.signing_time.unwrap())
            .for_purpose(Purpose::DocumentSigning);
        let chain = TrustStore::new(vec![s.root.clone()])
            .validate(&report.signer_certificate, &report.certificates, &options)
            .unwrap();
        assert_eq!(chain.certificates.len(), 3);
        // Signing the digest gives the same result as signing the content.
        let by_digest = SignedDataBuilder::new(&s.signer, &s.signer_key)
            .oid_family(family)
            .signing_time(t("2026-03-04T05:06:07Z"))
            .add_certificate(&s.ca)
            .sign_digest(&gmseal::crypto::sm3(CONTENT))
            .unwrap();
        assert_eq!(by_digest, cms, "deterministic signatures");
    }
}

#[test]
fn modified_content_and_signature_fail() {
    let s = setup();
    let cms = SignedDataBuilder::new(&s.signer, &s.signer_key)
        .sign(CONTENT)
        .unwrap();
    let mut changed = CONTENT.to_vec();
    changed[3] ^= 0x20;
    assert_eq!(
        cms_err(verify_detached(
            &cms,
            &changed,
            &CmsVerifyOptions::default()
        )),
        CmsError::DigestMismatch
    );
    assert_eq!(
        cms_err(verify_detached(&cms, b"", &CmsVerifyOptions::default())),
        CmsError::DigestMismatch
    );
    // Every single-byte change of the SignedData makes verification fail (and never panics).
    for i in 0..cms.len() {
        let mut bad = cms.clone();
        bad[i] ^= 0x01;
        assert!(
            verify_detached(&bad, CONTENT, &CmsVerifyOptions::default()).is_err(),
            "flipping byte {i} went unnoticed"
        );
    }
    // Every truncation is an error too.
    for len in 0..cms.len() {
        assert!(verify_detached(&cms[..len], CONTENT, &CmsVerifyOptions::default()).is_err());
    }
    let mut trailing = cms;
    trailing.push(0);
    let err = verify_detached(&trailing, CONTENT, &CmsVerifyOptions::default()).unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err}");
    assert!(
        err.to_string()
            .contains("unexpected data after ContentInfo"),
        "{err}"
    );
}

/// A minimal DER walker for surgery on test inputs.
fn children(der: &[u8]) -> Vec<(usize, usize)> {
    let (mut out, mut pos) = (Vec::new(), 0);
    while pos < der.len() {
        let len_byte = der[pos + 1] as usize;
        let (len, hl) = if len_byte < 0x80 {
            (len_byte, 2)
        } else {
            let n = len_byte & 0x7F;
            (
                der[pos + 2..pos + 2 + n]
                    .iter()
                    .fold(0, |a, &b| (a << 8) | b as usize),
                2 + n,
            )
        };
        out.push((pos, hl + len));
        pos += hl + len;
    }
    out
}

fn header(tag: u8, len: usize) -> Vec<u8> {
    match len {
        0..=0x7F => vec![tag, len as u8],
        0x80..=0xFF => vec![tag, 0x81, len as u8],
        _ => vec![tag, 0x82, (len >> 8) as u8, len as u8],
    }
}

/// The value of the first element of `der`.
fn value(der: &[u8]) -> &[u8] {
    let header_len = if der[1] < 0x80 {
        2
    } else {
        2 + (der[1] & 0x7F) as usize
    };
    let (_, total) = children(der)[0];
    &der[header_len..total]
}

/// Rebuild `ContentInfo` with the SignedData fields transformed by `f`.
fn edit_signed_data(cms: &[u8], f: impl Fn(Vec<Vec<u8>>) -> Vec<Vec<u8>>) -> Vec<u8> {
    let ci = value(cms);
    let parts = children(ci);
    let oid = &ci[parts[0].0..parts[0].0 + parts[0].1];
    let explicit = &ci[parts[1].0..parts[1].0 + parts[1].1];
    let sd = value(value(explicit));
    let fields: Vec<Vec<u8>> = children(sd)
        .iter()
        .map(|&(p, l)| sd[p..p + l].to_vec())
        .collect();
    let body: Vec<u8> = f(fields).concat();
    let sd = [header(0x30, body.len()), body].concat();
    let explicit = [header(0xA0, sd.len()), sd].concat();
    let ci = [oid.to_vec(), explicit].concat();
    [header(0x30, ci.len()), ci].concat()
}

#[test]
fn signer_certificate_lookup() {
    let s = setup();
    let cms = SignedDataBuilder::new(&s.signer, &s.signer_key)
        .sign(CONTENT)
        .unwrap();
    // Without the embedded certificates ([0] IMPLICIT, the fourth field).
    let bare = edit_signed_data(&cms, |f| f.into_iter().filter(|x| x[0] != 0xA0).collect());
    assert!(matches!(
        cms_err(verify_detached(&bare, CONTENT, &CmsVerifyOptions::default())),
        CmsError::SignerCertificateMissing(ref who) if who.contains("012345")
    ));
    let mut options = CmsVerifyOptions::default();
    options.extra_certificates = vec![s.ca.clone(), s.signer.clone()];
    verify_detached(&bare, CONTENT, &options).unwrap();

    // Another certificate with the same issuer and serial but another subject:
    // signingCertificateV2 catches the substitution.
    let mut params = CertificateParams::new(
        Profile::DocumentSigner,
        DistinguishedName::parse("CN=冒名者,C=CN").unwrap(),
        t("2026-01-01"),
        365,
    );
    params.serial_number = Some(vec![0x01, 0x23, 0x45]);
    let twin = params
        .signed_by(s.signer_key.public_key(), &s.ca, &s.ca_key, &s.rng)
        .unwrap();
    options.extra_certificates = vec![twin];
    assert_eq!(
        cms_err(verify_detached(&bare, CONTENT, &options)),
        CmsError::SigningCertificateMismatch
    );
}

#[test]
fn structural_rules() {
    let s = setup();
    let cms = SignedDataBuilder::new(&s.signer, &s.signer_key)
        .sign(CONTENT)
        .unwrap();
    // Two SignerInfos.
    let doubled = edit_signed_data(&cms, |mut f| {
        let infos = f.pop().unwrap();
        let one = value(&infos).to_vec();
        let two = [one.clone(), one].concat();
        f.push([header(0x31, two.len()), two].concat());
        f
    });
    let e = cms_err(verify_detached(
        &doubled,
        CONTENT,
        &CmsVerifyOptions::default(),
    ));
    assert!(e.to_string().contains("more than one SignerInfo"), "{e}");
    // Attached content.
    let attached = edit_signed_data(&cms, |mut f| {
        let econtent = [header(0x04, CONTENT.len()), CONTENT.to_vec()].concat();
        let explicit = [header(0xA0, econtent.len()), econtent].concat();
        let body = [value(&f[2]).to_vec(), explicit].concat();
        f[2] = [header(0x30, body.len()), body].concat();
        f
    });
    let e = cms_err(verify_detached(
        &attached,
        CONTENT,
        &CmsVerifyOptions::default(),
    ));
    assert!(e.to_string().contains("detached"), "{e}");
    // SM3 replaced by another digest OID of the same length (1.2.156.10197.1.402).
    let sm3 = [0x06, 0x08, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x83, 0x11];
    let mut other = cms.clone();
    let mut i = 0;
    while let Some(p) = other[i..].windows(sm3.len()).position(|w| w == sm3) {
        other[i + p + sm3.len() - 1] = 0x12;
        i += p + sm3.len();
    }
    let e = cms_err(verify_detached(
        &other,
        CONTENT,
        &CmsVerifyOptions::default(),
    ));
    assert!(matches!(e, CmsError::UnsupportedAlgorithm { .. }), "{e}");
    // A ContentInfo that is not SignedData.
    let mut data_ci = cms;
    let pos = data_ci
        .windows(9)
        .position(|w| w == [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02])
        .unwrap();
    data_ci[pos + 8] = 0x03;
    assert!(matches!(
        cms_err(verify_detached(
            &data_ci,
            CONTENT,
            &CmsVerifyOptions::default()
        )),
        CmsError::UnsupportedAlgorithm { .. }
    ));
    // A signer key that does not match the certificate is refused when signing.
    assert!(
        SignedDataBuilder::new(&s.signer, &s.ca_key)
            .sign(CONTENT)
            .is_err()
    );
}
