//! Entry points for the fuzz targets in `fuzz/` and their stable-toolchain
//! replay (`tests/fuzz_regressions.rs`). Each function takes arbitrary bytes and
//! must never panic on its own input; it exercises the parser and, when parsing
//! succeeds, the verifier. A few also check an invariant and panic when it
//! breaks (the fuzzer reports that like a crash): `license_json` (the XML round
//! trip), `pkcs8` (a key read from a file verifies its own signature) and
//! `pdf_mutate` (no signature valid over bytes that were never signed). Not
//! part of the API.

mod mutate;
pub use mutate::{pdf_mutate, pdf_mutate_bases};

use crate::seal::{
    Original, SealVerifyOptions, SesSeal, SesSignature, verify_seal, verify_signature,
};

/// Parse a `SESeal` and verify it (no trust anchors).
pub fn seal(data: &[u8]) {
    if let Ok(seal) = SesSeal::from_der(data) {
        let at = seal.info().property.valid_start;
        let report = verify_seal(&seal, at, &SealVerifyOptions::default());
        // Formatting walks every field of the report.
        let _ = format!("{report:?}");
    }
}

/// Parse an `SES_Signature` and verify it over an empty original.
pub fn seal_signature(data: &[u8]) {
    if let Ok(signature) = SesSignature::from_der(data) {
        let report = verify_signature(
            &signature,
            Original::Data(b""),
            &SealVerifyOptions::default(),
        );
        let _ = format!("{report:?}");
    }
}

/// Parse a PDF strictly; resolve every in-use object of every revision in that
/// revision's view and decode every stream.
pub fn pdf_parse(data: &[u8]) {
    use crate::pdf::parse::{Document, Limits, ObjRef, Object, XrefEntry};
    let limits = Limits {
        max_decompressed_size: 1 << 20,
        ..Limits::default()
    };
    let Ok(doc) = Document::parse(data, &limits) else {
        return;
    };
    let _ = doc.catalog();
    for (rev, revision) in doc.revisions().iter().enumerate() {
        for (&num, entry) in revision.entries() {
            let generation = match *entry {
                XrefEntry::InUse { generation, .. } => generation,
                XrefEntry::Compressed { .. } => 0,
                XrefEntry::Free { .. } => continue,
            };
            if let Ok(object) = doc.resolve_in(rev, ObjRef { num, generation }) {
                if matches!(object, Object::Stream(_)) {
                    let _ = doc.stream_data(&object);
                }
            }
        }
    }
}

/// Verify a PDF with a fixed trust store (the documentation fixture's root),
/// in memory and through the streaming skeleton, and seal it.
pub fn pdf_verify(data: &[u8]) {
    use crate::pdf::parse::{Document, Limits, Skeleton};
    use crate::pdf::sign::{Flavour, PdfSigner, Placement};
    use crate::pdf::verify::{PdfVerifyOptions, verify_pdf};
    use std::sync::OnceLock;
    struct Fixture {
        f: crate::seal::__doc::Fixture,
        seal: SesSeal,
        options: PdfVerifyOptions,
    }
    static FIXTURE: OnceLock<Option<Fixture>> = OnceLock::new();
    let Some(fx) = FIXTURE.get_or_init(|| {
        let f = crate::seal::__doc::fixture().ok()?;
        let seal = crate::seal::__doc::seal(&f).ok()?;
        let mut options =
            PdfVerifyOptions::with_trust(crate::pki::TrustStore::new(vec![f.root.clone()]));
        options.limits.max_decompressed_size = 1 << 20;
        Some(Fixture { f, seal, options })
    }) else {
        return;
    };
    let report = verify_pdf(data, &fx.options);
    let _ = report.to_json();
    let limits = Limits {
        max_decompressed_size: 1 << 20,
        ..Limits::default()
    };
    if let Ok(skeleton) = Skeleton::read(data, data.len(), 0, &limits) {
        if let Ok(doc) = Document::parse_skeleton(&skeleton, &limits) {
            let _ = doc.catalog();
        }
    }
    if let Ok(signer) = PdfSigner::new(&fx.seal, &fx.f.signer, &fx.f.signer_key) {
        let signer = signer.flavour(Flavour::Ses).limits(limits);
        let placement = Placement::rect(1, 10.0, 10.0, 20.0, 20.0);
        if let Ok(sealed) = signer.sign(data, &placement, fx.f.now) {
            let _ = verify_pdf(&sealed, &fx.options);
        }
    }
}

/// Read e-license metadata from JSON; validate it; its XML form must read back
/// equal (the round trip is exact for every metadata `validate` accepts the
/// text of).
pub fn license_json(data: &[u8]) {
    use crate::license::{Metadata, TypeRules, validate};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(metadata) = serde_json::from_str::<Metadata>(text) else {
        return;
    };
    let _ = validate(&metadata, &TypeRules::business_license());
    if let Ok(xml) = metadata.to_xml() {
        let back = Metadata::from_xml(&xml);
        assert!(
            back.as_ref().is_ok_and(|b| *b == metadata),
            "XML round trip: {back:?}"
        );
    }
}

/// Read e-license metadata from XML and validate it.
pub fn license_xml(data: &[u8]) {
    use crate::license::{Metadata, TypeRules, validate};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(metadata) = Metadata::from_xml(text) {
        let _ = validate(&metadata, &TypeRules::qualification());
    }
}

/// Read a license template; when it is valid, issue the business-license
/// example on it (layout, fonts, QR codes and the PDF writer on odd geometry).
pub fn license_template(data: &[u8]) {
    use crate::license::{IssueOptions, Metadata, Template, issue};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(template) = Template::from_json(text) else {
        return;
    };
    let Ok(metadata) =
        serde_json::from_str::<Metadata>(include_str!("../examples/data/business-license.json"))
    else {
        return;
    };
    let options = IssueOptions::new(
        crate::time::Timestamp::from_unix(1_767_225_600)
            .unwrap_or_else(|_| crate::time::Timestamp::now()),
    );
    let _ = issue(&template, &metadata, &options);
}

/// The top-level DER elements of `data`, in order (tag and a short or long
/// length of up to four bytes); stops at the first that does not fit.
fn der_elements(mut data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while data.len() >= 2 && out.len() < 16 {
        let first = usize::from(data[1]);
        let (len, header) = if first < 0x80 {
            (first, 2)
        } else {
            let n = first & 0x7F;
            if n == 0 || n > 4 || data.len() < 2 + n {
                break;
            }
            let len = data[2..2 + n]
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
            (len, 2 + n)
        };
        let Some(element) = header.checked_add(len).and_then(|end| data.get(..end)) else {
            break;
        };
        out.push(element);
        data = &data[element.len()..];
    }
    out
}

/// The test vectors' root and issuing CA (`test-vectors/pki/gmseal/`), a
/// trust store of the root and a time both are valid at, read once.
struct VectorPki {
    root: crate::pki::Certificate,
    ca: crate::pki::Certificate,
    trust: crate::pki::TrustStore,
    time: crate::Timestamp,
}

fn vector_pki() -> Option<&'static VectorPki> {
    use crate::pki::{Certificate, TrustStore};
    use std::sync::OnceLock;
    static PKI: OnceLock<Option<VectorPki>> = OnceLock::new();
    PKI.get_or_init(|| {
        let root =
            Certificate::from_der(include_bytes!("../test-vectors/pki/gmseal/root.der")).ok()?;
        let ca = Certificate::from_der(include_bytes!("../test-vectors/pki/gmseal/ca.der")).ok()?;
        Some(VectorPki {
            trust: TrustStore::new(vec![root.clone()]),
            root,
            ca,
            time: crate::Timestamp::parse("2026-05-01T00:00:00Z").ok()?,
        })
    })
    .as_ref()
}

/// Parse X.509 certificates and build a chain: `data` is one PEM or DER
/// certificate, or several DER elements in a row (the end entity, then
/// intermediates; an element that is not a certificate is tried as a CRL).
/// The path is built to the test vectors' root (`test-vectors/pki/gmseal/`)
/// on 2026-05-01 with the CRLs found, with revocation optional and required.
pub fn certificate(data: &[u8]) {
    use crate::pki::{Certificate, Crl, RevocationPolicy, ValidationOptions};
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(cert) = Certificate::from_pem(text) {
            let _ = crate::seal::certificate_json(cert.der());
        }
    }
    let mut certificates = Vec::new();
    let mut crls = Vec::new();
    for element in der_elements(data) {
        if let Ok(cert) = Certificate::from_der(element) {
            let _ = crate::seal::certificate_json(element);
            certificates.push(cert);
        } else if let Ok(crl) = Crl::from_der(element) {
            crls.push(crl);
        }
    }
    let Some(pki) = vector_pki() else {
        return;
    };
    let Some((leaf, intermediates)) = certificates.split_first() else {
        return;
    };
    for revocation in [
        RevocationPolicy::CheckIfAvailable,
        RevocationPolicy::Require,
    ] {
        let mut options = ValidationOptions::at(pki.time).with_crls(crls.clone());
        options.revocation = revocation;
        if let Ok(chain) = pki.trust.validate(leaf, intermediates, &options) {
            let _ = format!("{chain:?}");
        }
    }
}

/// Parse a CRL (PEM or DER), check its signature against the test vectors'
/// root and CA, and look up serial numbers.
pub fn crl(data: &[u8]) {
    use crate::pki::Crl;
    let Ok(crl) = Crl::load(data) else {
        return;
    };
    let _ = (
        crl.issuer().to_string(),
        crl.this_update(),
        crl.next_update(),
    );
    let _ = crl.crl_number();
    for revoked in crl.revoked() {
        let _ = crl.find(&revoked.serial_number);
    }
    let _ = crl.find(&[1]);
    if let Some(pki) = vector_pki() {
        let _ = crl.verify_signature(&pki.root);
        let _ = crl.verify_signature(&pki.ca);
    }
}

/// Parse and verify CMS `SignedData` (PEM or DER): detached over the test
/// vectors' content, attached, as an RFC 3161 time-stamp token, and the
/// encapsulated content as a `TSTInfo`.
pub fn cms(data: &[u8]) {
    use crate::cms::{CmsVerifyOptions, load, verify_attached, verify_detached};
    const CONTENT: &[u8] = include_bytes!("../test-vectors/cms/content.txt");
    let Ok(der) = load(data) else {
        return;
    };
    let mut options = CmsVerifyOptions::default();
    options.signature = options.signature.accept_empty_id();
    if let Ok(report) = verify_detached(&der, CONTENT, &options) {
        let _ = format!("{report:?}");
    }
    if let Ok(report) = verify_attached(&der, &options) {
        let _ = crate::tsp::TstInfo::from_der(&report.content);
        let _ = format!("{report:?}");
    }
    if let Ok(report) = crate::tsp::verify_token(&der, &[0; 32], &options) {
        let _ = format!("{report:?}");
    }
    let _ = crate::tsp::TstInfo::from_der(data);
}

/// The password of the encrypted PKCS#8 test vectors, used for every input.
const PKCS8_PASSWORD: &[u8] = b"gmseal test password";

/// Read private and public keys in every supported form (PKCS#8 plain and
/// encrypted, SEC1, SPKI; PEM or DER) and, when a key reads, sign and verify
/// with it. Encrypted keys are decrypted with the test vectors' password and at most
/// 4,096 PBKDF2 iterations.
pub fn pkcs8(data: &[u8]) {
    use crate::crypto::{PrivateKey, PublicKey, Signature, Signer as _};
    const MAX_ITERATIONS: u32 = 4096;
    let der = if crate::pem::is_pem(data) {
        match crate::pem::decode_one(
            data,
            &[
                crate::crypto::PEM_ENCRYPTED_PRIVATE_KEY,
                crate::crypto::PEM_PRIVATE_KEY,
            ],
        ) {
            Ok(block) => block.der,
            Err(_) => data.to_vec().into(),
        }
    } else {
        data.to_vec().into()
    };
    let key = PrivateKey::load(data, None).or_else(|_| {
        PrivateKey::from_encrypted_pkcs8_der_within(&der, PKCS8_PASSWORD, MAX_ITERATIONS)
    });
    if let Ok(key) = key {
        let _ = format!("{key:?}");
        if let Ok(signature) = key.sign(b"gmseal") {
            let verified =
                key.public_key()
                    .verify(b"gmseal", &signature.to_der(), &Default::default());
            assert!(
                verified.is_ok(),
                "a key read from a file cannot verify its own signature"
            );
        }
    }
    if let Ok(public) = PublicKey::from_spki_der(data) {
        let _ = public.to_spki_der();
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = PublicKey::from_spki_pem(text);
    }
    let _ = Signature::parse(data);
}

/// Parse e-license identifiers (GB/T 36904), holder and issuer codes (USCC,
/// organization codes, citizen ID numbers, area codes), dates, times and
/// distinguished names from text.
pub fn identifier(data: &[u8]) {
    use crate::license::codes;
    use crate::license::{HolderCodeType, Identifier, LicenseDate};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Identifier::parse(text);
    let _ = codes::check_uscc(text);
    let _ = codes::check_org_code(text);
    let _ = codes::check_citizen_id(text);
    let _ = codes::citizen_id_from_15(text);
    let _ = codes::check_area_code(text);
    let _ = codes::province_name(text);
    if let Some((kind, code)) = text.split_once(':') {
        let _ = codes::check_holder_code(kind, code);
        if let Some(kind) = HolderCodeType::from_code(kind) {
            let _ = kind.check(code);
        }
    }
    let _ = LicenseDate::parse(text);
    let _ = crate::time::Timestamp::parse(text);
    if let Ok(name) = crate::pki::DistinguishedName::parse(text) {
        let _ = name.to_string();
    }
}

/// Read a PNG or JPEG as the PDF writer does (holder photos, seal pictures)
/// and write it into a PDF chunk; read a font and measure and subset text.
pub fn image(data: &[u8]) {
    use crate::pdf::write::image::ImageData;
    if let Ok(image) = ImageData::from_bytes(data) {
        let mut chunk = pdf_writer::Chunk::new();
        image.write(&mut chunk, pdf_writer::Ref::new(1), pdf_writer::Ref::new(2));
    }
    if let Ok(font) = crate::font::Font::from_bytes(data.to_vec(), "fuzz") {
        let _ = font.missing_chars("电子证照 ABC");
        let _ = font.text_width("电子证照 ABC", 12.0);
        if let Ok(mut slot) = crate::pdf::write::font::FontSlot::new(&font) {
            if slot.encode("电子证照 ABC").is_ok() {
                let mut pdf = pdf_writer::Pdf::new();
                let mut next = 10;
                let _ = slot.write(
                    &mut pdf,
                    pdf_writer::Ref::new(1),
                    || {
                        next += 1;
                        pdf_writer::Ref::new(next)
                    },
                    "FUZZ",
                );
            }
        }
    }
}
