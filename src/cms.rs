//! CMS `SignedData` (RFC 5652; GM/T 0010-2012) with SM3 and SM2: detached
//! signatures as PDF signatures (`adbe.pkcs7.detached`, `ETSI.CAdES.detached`) use,
//! and signatures carrying their content (`eContent`), as RFC 3161 time-stamp
//! tokens ([`tsp`](crate::tsp)) do.
//!
//! gmseal writes RFC 5652 content-type OIDs by default (PDF readers, OpenSSL and
//! Bouncy Castle expect them) and GM/T 0010 OIDs on request; it verifies both.

mod build;
mod parse;
mod verify;

pub use build::SignedDataBuilder;
pub(crate) use build::unsigned_int_der;
pub(crate) use parse::read_algorithm;
pub use verify::{
    AttachedReport, CmsReport, CmsVerifyOptions, verify_attached, verify_detached,
    verify_detached_digest,
};

use crate::error::Result;
use serde::Serialize;

/// PEM label of a CMS structure (RFC 7468 §9).
pub const PEM_CMS: &str = "CMS";
/// PEM label OpenSSL uses for PKCS#7 / CMS; read only.
pub const PEM_PKCS7: &str = "PKCS7";

/// PEM-encode a DER CMS structure under the label `CMS`.
///
/// ```
/// let pem = gmseal::cms::to_pem(&[0x30, 0x00]);
/// assert!(pem.starts_with("-----BEGIN CMS-----"));
/// assert_eq!(gmseal::cms::load(pem.as_bytes())?, [0x30, 0x00]);
/// # Ok::<(), gmseal::Error>(())
/// ```
pub fn to_pem(der: &[u8]) -> String {
    crate::pem::encode(PEM_CMS, der).unwrap_or_default()
}

/// Read a CMS structure given as PEM (`CMS` or `PKCS7`) or DER; returns the DER.
///
/// # Errors
/// For malformed PEM or another label.
pub fn load(data: &[u8]) -> Result<Vec<u8>> {
    if crate::pem::is_pem(data) {
        let block = crate::pem::decode_one(data, &[PEM_CMS, PEM_PKCS7])?;
        Ok(block.der.to_vec())
    } else {
        Ok(data.to_vec())
    }
}

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
