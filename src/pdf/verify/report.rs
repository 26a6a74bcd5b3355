//! The verification report of a signed PDF: per document and per signature,
//! an indication, the check that decided it, and every check with a stable
//! reason code. Serialized as JSON (schema in `docs/verification-report.md`).

use crate::crypto::Verified;
use crate::seal::{Check, SealReport};
use crate::time::Timestamp;
use serde::Serialize;

/// The outcome for a document or a signature (ETSI EN 319 102-1 style, with
/// the PDF-specific "modified" of pdf-signatures.md §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PdfIndication {
    /// Every check passed and the signature covers the whole file.
    Valid,
    /// The signed revision is intact and every later change is permitted
    /// (further signatures, within the certification's permissions).
    ValidWithPermittedChanges,
    /// Something could not be established (untrusted chain, unsupported
    /// format): never to be read as valid.
    Indeterminate,
    /// The signed revision is intact, but a later revision changes the
    /// document in a way that is not permitted.
    Modified,
    /// A cryptographic or structural check failed.
    Invalid,
}

impl core::fmt::Display for PdfIndication {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::Valid => "valid",
            Self::ValidWithPermittedChanges => "valid-with-permitted-changes",
            Self::Indeterminate => "indeterminate",
            Self::Modified => "modified",
            Self::Invalid => "invalid",
        })
    }
}

/// What a later revision changed, object by object.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Change {
    /// The revision (0-based) that made the change.
    pub revision: usize,
    /// The object, `num gen`.
    pub object: String,
    /// `added`, `changed`, `rewritten-identically` or `freed`.
    pub kind: &'static str,
    /// What the object is (`catalog`, `page`, `signature`, `widget`...).
    pub role: String,
    /// Whether a rule permits it.
    pub permitted: bool,
    /// For a change no rule permits: its reason code (`pdf.modified.page`...).
    pub code: Option<&'static str>,
    /// For an annotation or widget: its rectangle `[x0 y0 x1 y1]` in points.
    pub area: Option<[f64; 4]>,
    /// Why (the rule, or what is not permitted).
    pub explanation: String,
}

/// The signer, from its certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Signer {
    /// Subject, RFC 4514.
    pub subject: String,
    /// Issuer, RFC 4514.
    pub issuer: String,
    /// Serial number, hex.
    pub serial_number: String,
}

/// The result for one signature.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct PdfSignatureReport {
    /// The field's fully qualified name.
    pub field: String,
    /// `/SubFilter`.
    pub sub_filter: String,
    /// `cms` or `ses`.
    pub flavour: &'static str,
    /// The outcome.
    pub indication: PdfIndication,
    /// The reason code of the deciding check (`None` when valid).
    pub reason: Option<&'static str>,
    /// `/ByteRange`.
    pub byte_range: Option<[u64; 4]>,
    /// The revision (0-based) whose end the signature covers.
    pub revision: Option<usize>,
    /// Whether it covers the whole file.
    pub covers_whole_file: bool,
    /// For a certification signature, its `/P`.
    pub certification: Option<i64>,
    /// The signer.
    pub signer: Option<Signer>,
    /// The signing time: `/M`, the CMS `signingTime` or the SES `timeInfo`
    /// (claimed by the signer; gmseal has no timestamp evidence).
    pub signing_time: Option<Timestamp>,
    /// `/Reason`, `/Location`, `/Name`.
    pub reason_text: Option<String>,
    /// `/Location`.
    pub location: Option<String>,
    /// The signature value's encoding and user-ID variant.
    pub signature: Option<Verified>,
    /// The seal, verified at the signing time.
    pub seal: Option<SealReport>,
    /// Every check, in order.
    pub checks: Vec<Check>,
    /// What later revisions changed.
    pub later_changes: Vec<Change>,
}

/// The e-license metadata of the signed revision.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct MetadataReport {
    /// The revision (0-based) it was read from.
    pub revision: usize,
    /// The embedded `metadata.json`, parsed.
    pub metadata: Option<serde_json::Value>,
    /// Checks: the JSON and XML files and the XMP properties agree.
    pub checks: Vec<Check>,
}

/// The result for a document.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct VerificationReport {
    /// The outcome: the worst of the signatures' and the document checks'.
    pub indication: PdfIndication,
    /// The reason code of the deciding check (`None` when valid).
    pub reason: Option<&'static str>,
    /// File size in bytes.
    pub file_size: u64,
    /// Number of revisions.
    pub revisions: usize,
    /// Document-level checks (structure, removed signatures, metadata).
    pub checks: Vec<Check>,
    /// One entry per signature, in revision order.
    pub signatures: Vec<PdfSignatureReport>,
    /// The e-license metadata of the latest signed revision, when present.
    pub metadata: Option<MetadataReport>,
}

impl VerificationReport {
    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The first document-level check with `id`.
    pub fn check(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }
}

impl PdfSignatureReport {
    /// The first check with `id`.
    pub fn check(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }
}
