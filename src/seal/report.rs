//! Verification reports for seals and seal signatures: an overall indication,
//! and one entry per check with a stable reason code, serializable as JSON.

use crate::crypto::{IdVariant, SignatureFormat};
use crate::seal::asn1::SealVersion;
use crate::time::Timestamp;
use serde::Serialize;

/// The overall outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Indication {
    /// Every check passed.
    Valid,
    /// At least one check failed: the seal or signature must not be relied on.
    Invalid,
    /// Nothing failed, but something could not be established (an untrusted or
    /// unchecked certificate chain, an original that was not supplied, an
    /// unsupported algorithm). Never to be read as valid.
    Indeterminate,
}

impl core::fmt::Display for Indication {
    /// `valid`, `invalid` or `indeterminate`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::Valid => "valid",
            Self::Invalid => "invalid",
            Self::Indeterminate => "indeterminate",
        })
    }
}

/// The outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckStatus {
    /// The check passed.
    Passed,
    /// The check failed: the overall indication is invalid.
    Failed,
    /// The check could not be decided: the overall indication is at best indeterminate.
    Indeterminate,
    /// A tolerated irregularity; it does not change the indication.
    Warning,
}

impl core::fmt::Display for CheckStatus {
    /// `passed`, `failed`, `indeterminate` or `warning`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::Passed => "passed",
            Self::Failed => "failed",
            Self::Indeterminate => "indeterminate",
            Self::Warning => "warning",
        })
    }
}

/// One check of a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// What was checked, for example `seal.maker-signature` (stable).
    pub id: &'static str,
    /// The outcome.
    pub status: CheckStatus,
    /// A stable reason code for anything but a pass, for example `seal.expired`
    /// or a [`gmseal::Error::code`](crate::Error::code) such as `pki.revoked`.
    pub code: Option<&'static str>,
    /// A human-readable explanation.
    pub message: String,
}

impl Check {
    pub(crate) fn passed(id: &'static str, message: impl Into<String>) -> Self {
        Self {
            id,
            status: CheckStatus::Passed,
            code: None,
            message: message.into(),
        }
    }

    pub(crate) fn failed(id: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            id,
            status: CheckStatus::Failed,
            code: Some(code),
            message: message.into(),
        }
    }

    pub(crate) fn indeterminate(
        id: &'static str,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            id,
            status: CheckStatus::Indeterminate,
            code: Some(code),
            message: message.into(),
        }
    }

    pub(crate) fn warning(
        id: &'static str,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            id,
            status: CheckStatus::Warning,
            code: Some(code),
            message: message.into(),
        }
    }
}

/// The check that decides a non-valid indication: the first failed one, else
/// the first indeterminate one.
pub(crate) fn deciding(checks: &[Check]) -> Option<&Check> {
    checks
        .iter()
        .find(|c| c.status == CheckStatus::Failed)
        .or_else(|| {
            checks
                .iter()
                .find(|c| c.status == CheckStatus::Indeterminate)
        })
}

/// The indication a list of checks amounts to.
pub(crate) fn indication(checks: &[Check]) -> Indication {
    if checks.iter().any(|c| c.status == CheckStatus::Failed) {
        Indication::Invalid
    } else if checks
        .iter()
        .any(|c| c.status == CheckStatus::Indeterminate)
    {
        Indication::Indeterminate
    } else {
        Indication::Valid
    }
}

/// How a signature value was verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct SignatureInfo {
    /// DER or raw `r || s`.
    pub format: SignatureFormat,
    /// Which ZA matched.
    pub variant: IdVariant,
}

/// The result of verifying a seal (GB/T 38540 §6.3).
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct SealReport {
    /// The overall outcome.
    pub indication: Indication,
    /// The seal's structure version.
    pub version: SealVersion,
    /// `esID`.
    pub es_id: String,
    /// `property.name`.
    pub name: String,
    /// `property.type`.
    pub seal_type: i64,
    /// `header.Vid`.
    pub vendor: String,
    /// `createDate`, `validStart`, `validEnd`.
    pub create_date: Timestamp,
    /// `validStart`.
    pub valid_start: Timestamp,
    /// `validEnd`.
    pub valid_end: Timestamp,
    /// The time the validity was checked at.
    pub checked_at: Timestamp,
    /// `picture.type`.
    pub picture_type: String,
    /// `picture.width`, `picture.height` in mm.
    pub picture_mm: [i64; 2],
    /// The maker certificate's subject, when it could be read.
    pub maker: Option<String>,
    /// How the maker signature was encoded and verified, when it verified.
    pub maker_signature: Option<SignatureInfo>,
    /// Every check, in order.
    pub checks: Vec<Check>,
}

impl SealReport {
    /// The check with `id`, if it ran.
    pub fn check(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }

    /// Why the seal is not valid: the first failed check, else the first
    /// indeterminate one; `None` when it is valid.
    pub fn reason(&self) -> Option<&Check> {
        deciding(&self.checks)
    }

    /// The same report for another time inside the seal's validity window
    /// (for cached reports): `checked_at` and the passed validity check.
    pub(crate) fn redate(&mut self, at: Timestamp) {
        self.checked_at = at;
        for check in &mut self.checks {
            if check.id == "seal.validity" && check.status == CheckStatus::Passed {
                check.message = crate::seal::verify::valid_at_message(at);
            }
        }
    }
}

/// The result of verifying a seal signature (GB/T 38540 §7.3).
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct SignatureReport {
    /// The overall outcome (including the embedded seal's).
    pub indication: Indication,
    /// The signature's structure version.
    pub version: SealVersion,
    /// `timeInfo`, when it is a time.
    pub time: Option<Timestamp>,
    /// `propertyInfo`.
    pub property_info: String,
    /// `dataHash`, hex.
    pub data_hash: String,
    /// The signer certificate's subject, when it could be read.
    pub signer: Option<String>,
    /// How the signature was encoded and verified, when it verified.
    pub signature: Option<SignatureInfo>,
    /// Whether the optional `timeStamp` is present (it is not verified yet).
    pub has_timestamp: bool,
    /// The embedded seal, verified at `timeInfo`.
    pub seal: SealReport,
    /// Every check of the signature itself, in order.
    pub checks: Vec<Check>,
}

impl SignatureReport {
    /// The check with `id`, if it ran (signature checks only; see [`seal`](Self::seal)).
    pub fn check(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }

    /// Why the signature is not valid: the first failed check, else the first
    /// indeterminate one; when that is the embedded seal's summary check, the
    /// seal's own deciding check. `None` when it is valid.
    pub fn reason(&self) -> Option<&Check> {
        let own = deciding(&self.checks)?;
        if own.id == "signature.seal" {
            self.seal.reason().or(Some(own))
        } else {
            Some(own)
        }
    }
}
