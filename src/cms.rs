//! CMS `SignedData` (RFC 5652; GM/T 0010-2012) with SM3 and SM2: detached
//! signatures as PDF signatures (`adbe.pkcs7.detached`, `ETSI.CAdES.detached`) use.
//!
//! gmseal writes RFC 5652 content-type OIDs by default (PDF readers, OpenSSL and
//! Bouncy Castle expect them) and GM/T 0010 OIDs on request; it verifies both.

mod build;
mod parse;
mod verify;

pub use build::SignedDataBuilder;
pub use verify::{CmsReport, CmsVerifyOptions, verify_detached};

use serde::Serialize;

/// Which family of content-type OIDs a SignedData uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OidFamily {
    /// RFC 5652: `id-signedData` 1.2.840.113549.1.7.2, `id-data` 1.2.840.113549.1.7.1.
    Rfc5652,
    /// GM/T 0010-2012: signedData 1.2.156.10197.6.1.4.2.2, data 1.2.156.10197.6.1.4.2.1.
    #[serde(rename = "gmt-0010")]
    GmT0010,
}

impl OidFamily {
    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Rfc5652 => "RFC 5652",
            Self::GmT0010 => "GM/T 0010",
        }
    }
}
