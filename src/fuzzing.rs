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
