//! Real seals and seal signatures made by other vendors (`../shared/interop/ses/`):
//! every field of each `expected.json` must be reproduced, and since no trust
//! anchors are known for these samples, nothing may come out as valid.

#![allow(clippy::unwrap_used, clippy::panic)]

use gmseal::crypto::{Signature, SignatureFormat};
use gmseal::seal::{
    CheckStatus, Indication, Original, SealReport, SealVerifyOptions, SesSeal, SesSignature,
    verify_seal, verify_signature,
};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn interop_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/interop/ses");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
             !! SKIPPED: {} is absent; vendor seal interop was NOT tested.\n\
             !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
            dir.display()
        );
        None
    }
}

fn passed(report: &SealReport, id: &str) -> bool {
    report
        .check(id)
        .is_some_and(|c| c.status == CheckStatus::Passed)
}

/// Compare the seal fields of `expected` with `seal` and its report.
fn check_seal(name: &str, expected: &Value, seal: &SesSeal, report: &SealReport) {
    let info = seal.info();
    if let Some(v) = expected["seal_version"].as_u64() {
        assert_eq!(
            u64::from(seal.version().number()),
            v,
            "{name}: seal_version"
        );
    }
    if let Some(v) = expected["seal_type"].as_i64() {
        assert_eq!(info.property.seal_type, v, "{name}: seal_type");
    }
    if let Some(v) = expected["seal_name"].as_str() {
        assert_eq!(info.property.name, v, "{name}: seal_name");
    }
    if let Some(v) = expected["es_id"].as_str() {
        assert_eq!(info.es_id, v, "{name}: es_id");
    }
    if let Some(v) = expected["picture_type"].as_str() {
        assert_eq!(info.picture.kind, v, "{name}: picture_type");
    }
    if let Some(v) = expected["picture_mm"].as_array() {
        let mm: Vec<i64> = v.iter().map(|x| x.as_i64().unwrap()).collect();
        assert_eq!(
            mm,
            [info.picture.width_mm, info.picture.height_mm],
            "{name}: picture_mm"
        );
    }
    if let Some(v) = expected["maker_signature_valid"].as_bool() {
        assert_eq!(
            passed(report, "seal.maker-signature"),
            v,
            "{name}: maker_signature_valid; report: {:#?}",
            report.checks
        );
    }
    if let Some(v) = expected["seal_signature_der"].as_bool() {
        let (_, format) = Signature::parse(seal.signed_value()).unwrap();
        assert_eq!(
            format == SignatureFormat::Der,
            v,
            "{name}: seal_signature_der"
        );
        if let Some(info) = report.maker_signature {
            assert_eq!(info.format, format, "{name}: reported format");
        }
    }
    // No trust anchors: never valid; untrusted is not an invalid signature.
    assert_ne!(report.indication, Indication::Valid, "{name}");
    let chain = report.check("seal.maker-chain").unwrap();
    assert_eq!(chain.status, CheckStatus::Indeterminate, "{name}");
    assert_eq!(chain.code, Some("chain.not-checked"));
}

#[test]
fn vendor_samples_give_the_expected_verdicts() {
    let Some(dir) = interop_dir() else { return };
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    assert!(
        folders.len() >= 20,
        "expected the full sample set, found {}",
        folders.len()
    );
    let options = SealVerifyOptions::default();
    let (mut seals, mut signatures) = (0, 0);
    for folder in &folders {
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let expected: Value =
            serde_json::from_slice(&std::fs::read(folder.join("expected.json")).unwrap()).unwrap();
        let seal_file = std::fs::read(folder.join("Seal.esl")).ok();

        if let Ok(der) = std::fs::read(folder.join("SignedValue.dat")) {
            signatures += 1;
            let signature = SesSignature::from_der(&der).unwrap_or_else(|e| panic!("{name}: {e}"));
            let original = std::fs::read(folder.join("Signature.xml")).unwrap();
            let report = verify_signature(&signature, Original::Data(&original), &options);
            let ok = |id: &str| {
                report
                    .check(id)
                    .is_some_and(|c| c.status == CheckStatus::Passed)
            };
            assert_eq!(
                u64::from(signature.version().number()),
                expected["signature_version"].as_u64().unwrap(),
                "{name}: signature_version"
            );
            assert_eq!(
                signature.to_sign().property_info,
                expected["property_info"].as_str().unwrap(),
                "{name}: property_info"
            );
            if let Some(v) = expected["has_timestamp"].as_bool() {
                assert_eq!(report.has_timestamp, v, "{name}: has_timestamp");
            }
            assert_eq!(
                ok("signature.signature"),
                expected["document_signature_valid"].as_bool().unwrap(),
                "{name}: document signature; {:#?}",
                report.checks
            );
            assert_eq!(
                ok("signature.data-hash"),
                expected["data_hash_matches"].as_bool().unwrap(),
                "{name}: dataHash"
            );
            check_seal(&name, &expected, signature.seal(), &report.seal);
            if let Some(esl) = &seal_file {
                // Seal.esl is a byte-identical copy of the embedded seal.
                assert_eq!(
                    SesSeal::from_der(esl).unwrap().der(),
                    signature.seal().der(),
                    "{name}: Seal.esl"
                );
            }
            let signer_chain = report.check("signature.signer-chain").unwrap();
            assert_eq!(signer_chain.code, Some("chain.not-checked"), "{name}");
            assert_ne!(report.indication, Indication::Valid, "{name}");
            if !expected["document_signature_valid"].as_bool().unwrap() {
                assert_eq!(report.indication, Indication::Invalid, "{name}");
            }
            // The JSON report serializes.
            assert!(
                serde_json::to_string(&report)
                    .unwrap()
                    .contains("\"indication\"")
            );
        } else {
            seals += 1;
            let seal = SesSeal::from_der(seal_file.as_ref().unwrap())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let at = seal.info().property.valid_start;
            let report = verify_seal(&seal, at, &options);
            check_seal(&name, &expected, &seal, &report);
            if expected["maker_signature_valid"] == Value::Bool(false) {
                assert_eq!(report.indication, Indication::Invalid, "{name}");
            }
        }
    }
    eprintln!("checked {signatures} vendor seal signatures and {seals} stand-alone seals");
    assert!(signatures >= 15 && seals >= 6);
}
