//! Entry points for the fuzz targets in `fuzz/` and their stable-toolchain
//! replay (`tests/fuzz_regressions.rs`). Each function takes arbitrary bytes and
//! must never panic; it exercises the parser and, when parsing succeeds, the
//! verifier. Not part of the API.

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
