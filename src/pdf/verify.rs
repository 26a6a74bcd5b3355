//! Verifying sealed PDFs.
//!
//! For each signature field, in revision order (ISO 32000-1 §12.8,
//! pdf-signatures.md §2.2):
//!
//! 1. the signature dictionary is an indirect object stored at a file offset
//!    (not in an object stream), without duplicate keys, inside the signed bytes;
//! 2. `/ByteRange` is exactly `[0 a b c]` with `0 < a < b`, `b + c <= L`, and
//!    the gap `[a, b)` is exactly the parsed `/Contents` hexadecimal string of
//!    this very dictionary; the value's DER is followed only by zero padding;
//! 3. `b + c` is the end of a revision: the signature covers that revision;
//! 4. cryptography: CMS `SignedData` (SM3 `messageDigest` over the ByteRange,
//!    SM2 over the signed attributes; which user-ID variant matched is
//!    reported), or a GB/T 38540 `SES_Signature` whose `dataHash` is the SM3 of
//!    the ByteRange; the seal (carried in the CMS or the `SES_Signature`) and
//!    the signer's chain at the signing time;
//! 5. what every later revision changes, object by object, and whether a rule
//!    permits it: further signatures (not after a `/P 1` certification),
//!    nothing else. Metadata, pages, fonts, embedded files: never.
//!
//! The document's e-license metadata (embedded `metadata.json`,
//! `metadata.xml`, and the XMP properties) is read from the latest signed
//! revision and checked to agree.
//!
//! Anything unknown or unsupported is never valid: it makes the result
//! indeterminate at best.
//!
//! ```
//! # fn main() -> gmseal::Result<()> {
//! # let f = gmseal::seal::__doc::fixture()?;
//! # let seal = gmseal::seal::__doc::seal(&f)?;
//! # let pdf = gmseal::pdf::sign::__doc::unsigned_pdf()?;
//! use gmseal::pdf::sign::{PdfSigner, Placement};
//! use gmseal::pdf::verify::{PdfIndication, PdfVerifyOptions, verify_pdf};
//! use gmseal::pki::TrustStore;
//!
//! let sealed = PdfSigner::new(&seal, &f.signer, &f.signer_key)?
//!     .sign(&pdf, &Placement::rect(1, 150.0, 120.0, 42.0, 42.0), f.now)?;
//! let options = PdfVerifyOptions::with_trust(TrustStore::new(vec![f.root.clone()]));
//! let report = verify_pdf(&sealed, &options);
//! assert_eq!(report.indication, PdfIndication::Valid, "{}", report.to_json());
//!
//! let mut tampered = sealed.clone();
//! tampered[1000] ^= 1;
//! assert_ne!(verify_pdf(&tampered, &options).indication, PdfIndication::Valid);
//! # Ok(()) }
//! ```

mod changes;
mod hygiene;
mod metadata;
mod report;

pub use report::{
    Change, MetadataReport, PdfIndication, PdfSignatureReport, Signer, VerificationReport,
};

use crate::cms::{CmsVerifyOptions, verify_detached_digest};
use crate::crypto::Sm3;
use crate::pdf::parse::{Dictionary, Document, Limits, ObjRef, Object, Skeleton, XrefEntry};
use crate::pdf::sign::{SES_SUBFILTER, property_info};
use crate::pki::{Certificate, Purpose};
use crate::seal::{
    Check, CheckStatus, Original, SealReport, SealVerifyOptions, SesSeal, SesSignature,
    check_chain_window, deciding, signer_listed, verify_seal, verify_signature_with,
};
use crate::time::Timestamp;
use core::ops::Range;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

/// Most signature fields gmseal examines in one document.
const MAX_SIGNATURES: usize = 1_000;
/// Most fields walked in one form (counted when queued, so that a field
/// tree never holds more than this many fields in memory).
const MAX_FIELDS: usize = 10_000;
/// Deepest field tree.
const MAX_FIELD_DEPTH: usize = 32;
/// Longest fully qualified field name, in bytes.
const MAX_FIELD_NAME_LEN: usize = 4096;
/// Most fields walked in the forms of all revisions together, when looking
/// for signatures that a later revision removed (each revision's form is
/// walked: without this, revisions × fields).
const MAX_FORM_WALK: usize = 100 * MAX_FIELDS;

/// What [`verify_pdf`] trusts and how it reads.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct PdfVerifyOptions {
    /// Trust anchors, intermediates, CRLs and user-ID policy for the signers'
    /// and seal makers' chains.
    pub pki: SealVerifyOptions,
    /// Resource limits of the reader.
    pub limits: Limits,
    /// A cache of verified chains and seals, shared across documents.
    pub cache: Option<Arc<VerifyCache>>,
}

impl PdfVerifyOptions {
    /// Options that check chains against `trust`, with a fresh cache.
    pub fn with_trust(trust: crate::pki::TrustStore) -> Self {
        Self {
            pki: SealVerifyOptions::with_trust(trust),
            limits: Limits::default(),
            cache: Some(Arc::default()),
        }
    }
}

/// Verified certificate chains and seals, so that a batch of documents from
/// one issuer verifies each chain and seal once.
///
/// - Entries are keyed by the SM3 of the certificate or seal **and of the
///   verification context** (trust anchors, intermediates, user-ID policy):
///   one cache shared by differently configured verifications never hands a
///   result made under one trust store to another.
/// - Results are reused only when no CRLs are configured, and only for times
///   inside the validity window the first verification established.
/// - Each map holds at most [`capacity`](Self::capacity) entries (default
///   [`VerifyCache::DEFAULT_CAPACITY`]); inserting into a full map drops an
///   arbitrary entry, so a long-running service fed hostile documents keeps
///   bounded memory.
#[derive(Debug)]
pub struct VerifyCache {
    capacity: usize,
    chains: Mutex<HashMap<[u8; 32], (Timestamp, Timestamp, Check)>>,
    seals: Mutex<HashMap<[u8; 32], SealReport>>,
}

impl Default for VerifyCache {
    fn default() -> Self {
        Self::with_capacity(Self::DEFAULT_CAPACITY)
    }
}

impl VerifyCache {
    /// Entries per map unless told otherwise (a few MB at most).
    pub const DEFAULT_CAPACITY: usize = 1024;

    /// A cache holding at most `capacity` chains and `capacity` seals (0
    /// caches nothing).
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            capacity,
            chains: Mutex::default(),
            seals: Mutex::default(),
        }
    }

    /// The most entries each map holds.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Number of cached chains and seals.
    pub fn len(&self) -> (usize, usize) {
        (
            self.chains.lock().map(|c| c.len()).unwrap_or(0),
            self.seals.lock().map(|c| c.len()).unwrap_or(0),
        )
    }

    fn insert<V>(&self, map: &Mutex<HashMap<[u8; 32], V>>, key: [u8; 32], value: V) {
        if self.capacity == 0 {
            return;
        }
        if let Ok(mut map) = map.lock() {
            if map.len() >= self.capacity && !map.contains_key(&key) {
                if let Some(evicted) = map.keys().next().copied() {
                    map.remove(&evicted);
                }
            }
            map.insert(key, value);
        }
    }
}

/// The part of a cache key that names the verification context: every
/// option a chain or seal verdict depends on besides the time.
fn cache_context(pki: &SealVerifyOptions) -> Sm3 {
    let mut h = Sm3::new();
    let mut certificate = |tag: &[u8], c: &Certificate| {
        h.update(tag);
        h.update(&(c.der().len() as u64).to_be_bytes());
        h.update(c.der());
    };
    for anchor in pki.trust.as_ref().map_or(&[][..], |t| t.anchors()) {
        certificate(b"anchor", anchor);
    }
    for intermediate in &pki.intermediates {
        certificate(b"intermediate", intermediate);
    }
    h.update(format!("{:?}|{:?}", pki.signature, pki.trust.is_some()).as_bytes());
    h
}

/// Verify every signature of `pdf` and analyse the changes after each.
/// Never fails: problems become checks with reason codes.
pub fn verify_pdf(pdf: &[u8], options: &PdfVerifyOptions) -> VerificationReport {
    let (doc, trailing) = parse_tolerating_trailing(pdf, &[], &options.limits);
    verify_document(doc, trailing, pdf.len() as u64, &InMemory(pdf), options)
}

/// Parse `data`; when that fails, try the file up to one of its last
/// `%%EOF` markers, so that bytes appended after the last complete revision
/// are reported as such (`pdf.modified.trailing-data`) with the signatures
/// of the revisions before them, instead of only "malformed". Returns where
/// the trailing bytes start.
fn parse_tolerating_trailing<'a>(
    data: &'a [u8],
    holes: &'a [crate::pdf::parse::Hole],
    limits: &Limits,
) -> (crate::Result<Document<'a>>, Option<usize>) {
    let first = Document::parse_with_holes(data, holes, limits);
    if matches!(first, Ok(_) | Err(crate::Error::LimitExceeded(_))) {
        return (first, None);
    }
    let mut search = data.len();
    for _ in 0..16 {
        let Some(at) = data[..search].windows(5).rposition(|w| w == b"%%EOF") else {
            break;
        };
        let mut end = at + 5;
        match data.get(end..) {
            Some([b'\r', b'\n', ..]) => end += 2,
            Some([b'\r' | b'\n', ..]) => end += 1,
            _ => {}
        }
        if end < data.len() {
            if let Ok(doc) = Document::parse_with_holes(&data[..end], holes, limits) {
                // Bytes that look like a revision (a trailer, startxref,
                // %%EOF) but do not read as one are a broken update: the
                // file is malformed, nothing is "repaired" into a view.
                let tail = &data[end..];
                let broken_revision = [&b"%%EOF"[..], b"startxref", b"trailer", b"xref"]
                    .iter()
                    .any(|w| tail.windows(w.len()).any(|x| x == *w));
                if broken_revision {
                    return (first, None);
                }
                return (Ok(doc), Some(end));
            }
        }
        search = at;
    }
    (first, None)
}

/// Files up to this size are read into memory; larger ones are read as a
/// [`Skeleton`] and their signed ranges hashed from the file.
pub const STREAMING_THRESHOLD: u64 = 32 << 20;
/// In streaming mode, streams of at least this many bytes are left out of memory.
const STREAMING_MIN_HOLE: usize = 1 << 20;

/// Verify the PDF file at `path`. Files larger than [`STREAMING_THRESHOLD`]
/// are never held in memory: the data of their large streams is read once to
/// hash it and once per signature to hash the signed ranges, so memory stays
/// in the tens of megabytes for a file of gigabytes. A file larger than
/// `options.limits.max_file_size` is reported malformed without being read.
///
/// # Errors
/// When the file cannot be opened or read.
pub fn verify_file(
    path: impl AsRef<std::path::Path>,
    options: &PdfVerifyOptions,
) -> crate::Result<VerificationReport> {
    let path = path.as_ref();
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    // `Limits::max_file_size` holds before anything is read.
    let max = options.limits.max_file_size;
    if usize::try_from(len).map_or(true, |l| l > max) {
        let too_large = crate::pdf::parse::limit_err("max_file_size", max, 0);
        return Ok(verify_document(
            Err(too_large),
            None,
            len,
            &InMemory(&[]),
            options,
        ));
    }
    if len <= STREAMING_THRESHOLD {
        let data = std::fs::read(path)?;
        return Ok(verify_pdf(&data, options));
    }
    let size = usize::try_from(len)
        .map_err(|_| crate::Error::InvalidInput("the file is too large".into()))?;
    let skeleton = Skeleton::read(
        std::io::BufReader::with_capacity(1 << 16, &file),
        size,
        STREAMING_MIN_HOLE,
        &options.limits,
    )?;
    let (doc, trailing) =
        parse_tolerating_trailing(skeleton.data(), skeleton.holes(), &options.limits);
    Ok(verify_document(
        doc,
        trailing,
        len,
        &FromFile(Mutex::new(file)),
        options,
    ))
}

/// SM3 over byte ranges of the file being verified.
trait RangeHasher {
    fn sm3(&self, ranges: &[Range<usize>]) -> crate::Result<[u8; 32]>;
}

struct InMemory<'a>(&'a [u8]);

impl RangeHasher for InMemory<'_> {
    fn sm3(&self, ranges: &[Range<usize>]) -> crate::Result<[u8; 32]> {
        let mut h = Sm3::new();
        for r in ranges {
            h.update(self.0.get(r.clone()).ok_or_else(|| {
                crate::Error::InvalidInput("a range beyond the end of the file".into())
            })?);
        }
        Ok(h.finalize())
    }
}

struct FromFile(Mutex<std::fs::File>);

impl RangeHasher for FromFile {
    fn sm3(&self, ranges: &[Range<usize>]) -> crate::Result<[u8; 32]> {
        use std::io::{Read as _, Seek as _, SeekFrom};
        let mut file = self
            .0
            .lock()
            .map_err(|_| crate::Error::InvalidInput("the file lock is poisoned".into()))?;
        let mut h = Sm3::new();
        let mut buf = vec![0u8; 1 << 20];
        for r in ranges {
            file.seek(SeekFrom::Start(r.start as u64))?;
            let mut left = r.len();
            while left > 0 {
                let n = left.min(buf.len());
                file.read_exact(&mut buf[..n])?;
                h.update(&buf[..n]);
                left -= n;
            }
        }
        Ok(h.finalize())
    }
}

/// A [`RangeHasher`] that refuses to hash more than `left` bytes in all
/// ([`Limits::max_hashed_bytes`]).
struct HashBudget<'h> {
    inner: &'h dyn RangeHasher,
    left: std::sync::atomic::AtomicU64,
}

impl RangeHasher for HashBudget<'_> {
    fn sm3(&self, ranges: &[Range<usize>]) -> crate::Result<[u8; 32]> {
        use std::sync::atomic::Ordering;
        let wanted: u64 = ranges.iter().map(|r| r.len() as u64).sum();
        self.left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(wanted)
            })
            .map_err(|_| {
                crate::Error::LimitExceeded(crate::DecodeError::new(
                    "PDF",
                    "the signatures' byte ranges exceed the limit max_hashed_bytes",
                ))
            })?;
        self.inner.sm3(ranges)
    }
}

fn verify_document(
    doc: crate::Result<Document<'_>>,
    trailing: Option<usize>,
    file_size: u64,
    hasher: &dyn RangeHasher,
    options: &PdfVerifyOptions,
) -> VerificationReport {
    let budget = HashBudget {
        inner: hasher,
        left: options.limits.max_hashed_bytes.into(),
    };
    let hasher: &dyn RangeHasher = &budget;
    let mut report = VerificationReport {
        indication: PdfIndication::Indeterminate,
        reason: None,
        file_size,
        revisions: 0,
        checks: Vec::new(),
        signatures: Vec::new(),
        metadata: None,
    };
    let doc = match doc {
        Ok(d) => d,
        Err(e @ crate::Error::LimitExceeded(_)) => {
            // pdf-signatures.md §3.8: resource limits are indeterminate, with
            // the limit named; the file is not known to be bad, only too
            // costly to read with these `Limits`.
            report.checks.push(Check::indeterminate(
                "pdf.structure",
                "pdf.limit-exceeded",
                format!("the file was not read to the end: {e}"),
            ));
            return finish(report);
        }
        Err(e) => {
            report.checks.push(Check::failed(
                "pdf.structure",
                "pdf.malformed",
                format!("the file is not a well-formed PDF: {e}"),
            ));
            return finish(report);
        }
    };
    report.revisions = doc.revisions().len();
    report.checks.push(Check::passed(
        "pdf.structure",
        format!("{} revision(s) read strictly", report.revisions),
    ));
    if let Some(at) = trailing {
        report.checks.push(Check::failed(
            "pdf.trailing-data",
            "pdf.modified.trailing-data",
            format!(
                "{} bytes after the last complete revision (from byte {at}) are not a revision: no signature covers them",
                file_size.saturating_sub(at as u64)
            ),
        ));
    }
    let last = report.revisions - 1;
    let fields = match signature_fields(&doc, last, &mut 0) {
        Ok(f) => f,
        Err(e) => {
            report.checks.push(Check::failed(
                "pdf.form",
                "pdf.malformed-form",
                format!("the form cannot be read: {e}"),
            ));
            return finish(report);
        }
    };
    if fields.is_empty() {
        report.checks.push(Check::indeterminate(
            "pdf.signatures",
            "pdf.no-signatures",
            "the document has no signature",
        ));
    }
    // Signatures that an earlier revision had and the last one lacks.
    let final_sigs: BTreeSet<ObjRef> = fields.iter().filter_map(|f| f.sig).collect();
    let mut walked = 0;
    for rev in 0..last {
        if walked > MAX_FORM_WALK {
            report.checks.push(Check::failed(
                "pdf.form",
                "pdf.malformed-form",
                format!(
                    "the forms of the {last} earlier revisions hold more than {MAX_FORM_WALK} \
                     fields in all: whether one of them removed a signature is not checked"
                ),
            ));
            break;
        }
        if let Ok(earlier) = signature_fields(&doc, rev, &mut walked) {
            for f in earlier {
                if let Some(s) = f.sig.filter(|s| !final_sigs.contains(s)) {
                    report.checks.push(Check::failed(
                        "pdf.signature-removed",
                        "pdf.modified.signature-removed",
                        format!(
                            "the signature {s} of field {:?} in revision {rev} was removed later",
                            f.name
                        ),
                    ));
                }
            }
        }
    }
    let mut pairs: Vec<(&SigField, PdfSignatureReport)> = fields
        .iter()
        .map(|f| (f, verify_field(&doc, f, hasher, options)))
        .collect();
    if trailing.is_some() {
        for (_, s) in &mut pairs {
            s.covers_whole_file = false;
            if s.revision == Some(last) {
                s.checks.push(Check::failed(
                    "pdf.later-changes",
                    "pdf.modified.trailing-data",
                    "bytes were appended after the signed revision without forming a revision",
                ));
            }
        }
    }
    pairs.sort_by_key(|(_, s)| s.byte_range.map_or(0, |b| b[2] + b[3]));
    certification_checks(&doc, &mut pairs);
    reuse_checks(&mut pairs);
    let (fields, mut signatures): (Vec<&SigField>, Vec<PdfSignatureReport>) =
        pairs.into_iter().unzip();
    for s in &mut signatures {
        s.indication = signature_indication(&s.checks, s.covers_whole_file);
        s.reason = reason(&s.checks);
    }
    let certification = signatures
        .iter()
        .find_map(|s| s.certification)
        .filter(|p| (1..=3).contains(p));
    let fields: Vec<SigField> = fields.into_iter().cloned().collect();
    let timestamps: BTreeSet<ObjRef> = fields
        .iter()
        .zip(&signatures)
        .filter(|(_, s)| s.flavour == "timestamp")
        .filter_map(|(f, _)| f.sig)
        .collect();
    let allowed = changes::signature_objects(&doc, &fields, &timestamps);
    for s in &mut signatures {
        let Some(rev) = s.revision else { continue };
        if s.indication == PdfIndication::Invalid || rev == last {
            continue;
        }
        s.later_changes = changes::analyse(&doc, rev, &allowed, certification);
        let not_permitted = changes::deciding(&s.later_changes);
        if let Some(c) = not_permitted {
            s.checks.push(Check::failed(
                "pdf.later-changes",
                c.code.unwrap_or("pdf.modified.object"),
                format!(
                    "revision {} changes object {} ({}): {}",
                    c.revision, c.object, c.role, c.explanation
                ),
            ));
        } else {
            s.checks.push(Check::passed(
                "pdf.later-changes",
                format!("{} later change(s), each permitted", s.later_changes.len()),
            ));
        }
        s.indication = signature_indication(&s.checks, s.covers_whole_file);
        s.reason = reason(&s.checks);
    }
    // The hygiene of every signed revision (shadow-attack preconditions).
    if let Some(rev) = signatures
        .iter()
        .filter(|s| s.indication != PdfIndication::Invalid)
        .filter_map(|s| s.revision)
        .max()
    {
        report
            .checks
            .extend(hygiene::check(&doc, rev, &options.limits));
    }
    // The metadata of the latest revision a non-invalid signature covers.
    if let Some(rev) = signatures
        .iter()
        .filter(|s| s.indication != PdfIndication::Invalid)
        .filter_map(|s| s.revision)
        .max()
    {
        report.metadata = metadata::read(&doc, rev);
        if let Some(m) = &report.metadata {
            report.checks.extend(m.checks.iter().cloned());
        }
    }
    report.signatures = signatures;
    finish(report)
}

fn finish(mut report: VerificationReport) -> VerificationReport {
    let mut indication = PdfIndication::Valid;
    for c in &report.checks {
        let i = match c.status {
            CheckStatus::Failed if c.code.is_some_and(|k| k.starts_with("pdf.modified")) => {
                PdfIndication::Modified
            }
            CheckStatus::Failed => PdfIndication::Invalid,
            CheckStatus::Indeterminate => PdfIndication::Indeterminate,
            _ => PdfIndication::Valid,
        };
        indication = indication.max(i);
    }
    for s in &report.signatures {
        indication = indication.max(s.indication);
    }
    report.indication = indication;
    // The reason comes from where the indication came from: a document
    // check of that severity, else a signature with that indication.
    let document_level = report.checks.iter().find(|c| {
        let i = match c.status {
            CheckStatus::Failed if c.code.is_some_and(|k| k.starts_with("pdf.modified")) => {
                PdfIndication::Modified
            }
            CheckStatus::Failed => PdfIndication::Invalid,
            CheckStatus::Indeterminate => PdfIndication::Indeterminate,
            _ => PdfIndication::Valid,
        };
        i == indication && i != PdfIndication::Valid
    });
    report.reason = document_level.and_then(|c| c.code).or_else(|| {
        report
            .signatures
            .iter()
            .filter(|s| s.indication == indication)
            .find_map(|s| s.reason)
    });
    report
}

fn reason(checks: &[Check]) -> Option<&'static str> {
    deciding(checks).and_then(|c| c.code)
}

fn signature_indication(checks: &[Check], whole_file: bool) -> PdfIndication {
    if checks.iter().any(|c| {
        c.status == CheckStatus::Failed && c.code.is_some_and(|k| !k.starts_with("pdf.modified"))
    }) {
        PdfIndication::Invalid
    } else if checks.iter().any(|c| c.status == CheckStatus::Failed) {
        PdfIndication::Modified
    } else if checks
        .iter()
        .any(|c| c.status == CheckStatus::Indeterminate)
    {
        PdfIndication::Indeterminate
    } else if whole_file {
        PdfIndication::Valid
    } else {
        PdfIndication::ValidWithPermittedChanges
    }
}

/// At most one certification signature, the first one, with `/P` 1-3,
/// named by the catalog's `/Perms /DocMDP` (pdf-signatures.md §3.5 CERT-1/2).
fn certification_checks(doc: &Document<'_>, pairs: &mut [(&SigField, PdfSignatureReport)]) {
    let certified: Vec<usize> = pairs
        .iter()
        .enumerate()
        .filter(|(_, (_, s))| s.certification.is_some())
        .map(|(i, _)| i)
        .collect();
    // The catalog's /Perms /DocMDP in the view of the last revision.
    let perms = catalog_in(doc, doc.revisions().len() - 1)
        .ok()
        .and_then(|(_, c)| c.get(b"Perms").ok().flatten().cloned())
        .and_then(|p| doc.deref(&p).ok())
        .and_then(
            |p| match p.as_dict().and_then(|d| d.get(b"DocMDP").ok().flatten()) {
                Some(Object::Reference(r)) => Some(Some(*r)),
                Some(_) => Some(None),
                None => None,
            },
        );
    for (n, &i) in certified.iter().enumerate() {
        let (field, s) = &mut pairs[i];
        let fail = |s: &mut PdfSignatureReport, code: &'static str, msg: String| {
            s.checks.push(Check::failed("pdf.certification", code, msg));
        };
        if n > 0 {
            fail(
                s,
                "pdf.certification-multiple",
                "a second certification signature: a document has at most one".into(),
            );
        } else if i > 0 {
            fail(
                s,
                "pdf.certification-not-first",
                "the certification signature is not the document's first signature".into(),
            );
        }
        if let Some(p) = s.certification.filter(|p| !(1..=3).contains(p)) {
            fail(
                s,
                "pdf.certification-invalid-p",
                format!("DocMDP /P {p} is not 1, 2 or 3"),
            );
        }
        match perms {
            Some(Some(r)) if Some(r) == field.sig => {}
            _ => fail(
                s,
                "pdf.certification-perms-mismatch",
                "the catalog's /Perms /DocMDP does not name this signature".into(),
            ),
        }
    }
    if let (Some(Some(r)), true) = (perms, certified.is_empty()) {
        let clean =
            |s: &PdfSignatureReport| !s.checks.iter().any(|c| c.status == CheckStatus::Failed);
        if let Some((_, s)) = pairs.iter_mut().find(|(f, s)| f.sig == Some(r) && clean(s)) {
            s.checks.push(Check::failed(
                "pdf.certification",
                "pdf.certification-perms-mismatch",
                "the catalog's /Perms /DocMDP names this signature, which has no DocMDP reference",
            ));
        }
    }
}

/// Two fields sharing one signature dictionary (pdf-signatures.md §3.5 SSA-3).
fn reuse_checks(pairs: &mut [(&SigField, PdfSignatureReport)]) {
    let mut seen: HashMap<ObjRef, usize> = HashMap::new();
    for (f, _) in pairs.iter() {
        if let Some(s) = f.sig {
            *seen.entry(s).or_default() += 1;
        }
    }
    for (f, s) in pairs.iter_mut() {
        if let Some(sig) = f.sig.filter(|sig| seen.get(sig).copied().unwrap_or(0) > 1) {
            s.checks.push(Check::failed(
                "pdf.signature-dictionary",
                "pdf.signature-reused",
                format!("the signature dictionary {sig} is the value of several fields"),
            ));
        }
    }
}

/// A signature field.
#[derive(Clone, Debug)]
pub(crate) struct SigField {
    pub(crate) name: String,
    pub(crate) field: Option<ObjRef>,
    /// `/V` when it is a reference.
    pub(crate) sig: Option<ObjRef>,
    /// `/V` is a direct dictionary (never verifiable).
    pub(crate) direct_value: bool,
}

/// The catalog in the view of revision `rev`.
pub(crate) fn catalog_in(doc: &Document<'_>, rev: usize) -> crate::Result<(ObjRef, Dictionary)> {
    let trailer = doc
        .revisions()
        .get(rev)
        .map(|r| r.trailer())
        .ok_or_else(|| crate::Error::InvalidInput("no such revision".into()))?;
    let Some(Object::Reference(root)) = trailer.get(b"Root")? else {
        return Err(crate::Error::InvalidInput(
            "the trailer has no /Root".into(),
        ));
    };
    match doc.resolve_in(rev, *root)? {
        Object::Dictionary(d) => Ok((*root, d)),
        _ => Err(crate::Error::InvalidInput(
            "/Root is not a dictionary".into(),
        )),
    }
}

/// Follow a reference in the view of `rev`.
pub(crate) fn deref_in(doc: &Document<'_>, rev: usize, o: &Object) -> crate::Result<Object> {
    match o {
        Object::Reference(r) => doc.resolve_in(rev, *r),
        o => Ok(o.clone()),
    }
}

/// The signature fields (with a value) of revision `rev`'s form; `walked`
/// grows by the number of fields walked.
pub(crate) fn signature_fields(
    doc: &Document<'_>,
    rev: usize,
    walked: &mut usize,
) -> crate::Result<Vec<SigField>> {
    let (_, catalog) = catalog_in(doc, rev)?;
    let Some(form) = catalog.get(b"AcroForm")? else {
        return Ok(Vec::new());
    };
    let Object::Dictionary(form) = deref_in(doc, rev, form)? else {
        return Err(crate::Error::InvalidInput(
            "/AcroForm is not a dictionary".into(),
        ));
    };
    let fields = match form
        .get(b"Fields")?
        .map(|f| deref_in(doc, rev, f))
        .transpose()?
    {
        Some(Object::Array(a)) => a,
        None => Vec::new(),
        Some(_) => return Err(crate::Error::InvalidInput("/Fields is not an array".into())),
    };
    let too_many =
        || crate::Error::InvalidInput("the form has too many or too deeply nested fields".into());
    if fields.len() > MAX_FIELDS {
        return Err(too_many());
    }
    let mut out = Vec::new();
    // (field, parent's full name, inherited /FT is /Sig, depth).
    let mut stack: Vec<(Object, String, Option<bool>, usize)> = fields
        .into_iter()
        .rev()
        .map(|f| (f, String::new(), None, 0))
        .collect();
    // Fields and /Kids arrays taken by reference: each is read once, so no
    // object is materialized twice however the tree refers to it.
    let mut seen = BTreeSet::new();
    let mut seen_kids = BTreeSet::new();
    let mut queued = stack.len();
    *walked += queued;
    while let Some((field, parent_name, inherited_sig, depth)) = stack.pop() {
        if depth > MAX_FIELD_DEPTH {
            return Err(too_many());
        }
        let id = match &field {
            Object::Reference(r) => {
                if !seen.insert(*r) {
                    return Err(crate::Error::InvalidInput(format!(
                        "field {r} appears twice in the form"
                    )));
                }
                Some(*r)
            }
            _ => None,
        };
        // A field whose object was freed is gone: if it held a signature,
        // its removal is reported by comparing revisions.
        let Ok(Object::Dictionary(d)) = deref_in(doc, rev, &field) else {
            continue;
        };
        let partial = match d.get(b"T")? {
            Some(Object::String(t)) => metadata::text_string(&t.bytes),
            _ => String::new(),
        };
        let name = match (parent_name.is_empty(), partial.is_empty()) {
            (true, _) => partial,
            (false, true) => parent_name.clone(),
            (false, false) => format!("{parent_name}.{partial}"),
        };
        if name.len() > MAX_FIELD_NAME_LEN {
            return Err(crate::Error::InvalidInput(format!(
                "a field name is longer than {MAX_FIELD_NAME_LEN} bytes"
            )));
        }
        let is_sig = d.get_name(b"FT")?.map(|t| t == b"Sig").or(inherited_sig);
        let kids = match d.get(b"Kids")? {
            Some(Object::Reference(r)) if !seen_kids.insert(*r) => {
                return Err(crate::Error::InvalidInput(format!(
                    "the /Kids array {r} appears twice in the form"
                )));
            }
            Some(k) => deref_in(doc, rev, k)?,
            None => Object::Null,
        };
        if let Object::Array(kids) = kids {
            queued += kids.len();
            *walked += kids.len();
            if queued > MAX_FIELDS {
                return Err(too_many());
            }
            for k in kids.into_iter().rev() {
                stack.push((k, name.clone(), is_sig, depth + 1));
            }
        }
        if is_sig == Some(true) {
            match d.get(b"V")? {
                Some(Object::Reference(r)) => out.push(SigField {
                    name,
                    field: id,
                    sig: Some(*r),
                    direct_value: false,
                }),
                Some(Object::Dictionary(_)) => out.push(SigField {
                    name,
                    field: id,
                    sig: None,
                    direct_value: true,
                }),
                _ => {}
            }
            if out.len() > MAX_SIGNATURES {
                return Err(too_many());
            }
        }
    }
    Ok(out)
}

/// The `/P` of a DocMDP reference in the signature dictionary `d`.
fn docmdp(doc: &Document<'_>, d: &Dictionary) -> Option<i64> {
    let Ok(Some(Object::Array(refs))) = d.get(b"Reference") else {
        return None;
    };
    refs.iter().find_map(|r| {
        let r = doc.deref(r).ok()?;
        let r = r.as_dict()?;
        (r.get_name(b"TransformMethod").ok()?? == b"DocMDP").then(|| {
            r.get(b"TransformParams")
                .ok()
                .flatten()
                .and_then(|t| doc.deref(t).ok())
                .and_then(|t| t.as_dict().and_then(|t| t.get_int(b"P").ok().flatten()))
                .unwrap_or(2)
        })
    })
}

fn new_report(field: &SigField) -> PdfSignatureReport {
    PdfSignatureReport {
        field: field.name.clone(),
        sub_filter: String::new(),
        flavour: "unknown",
        indication: PdfIndication::Invalid,
        reason: None,
        byte_range: None,
        revision: None,
        covers_whole_file: false,
        certification: None,
        signer: None,
        signing_time: None,
        reason_text: None,
        location: None,
        signature: None,
        seal: None,
        checks: Vec::new(),
        later_changes: Vec::new(),
    }
}

fn verify_field(
    doc: &Document<'_>,
    field: &SigField,
    hasher: &dyn RangeHasher,
    options: &PdfVerifyOptions,
) -> PdfSignatureReport {
    let mut r = new_report(field);
    verify_signature_dictionary(doc, field, hasher, options, &mut r);
    r.indication = signature_indication(&r.checks, r.covers_whole_file);
    r.reason = reason(&r.checks);
    r
}

fn text(d: &Dictionary, key: &[u8]) -> Option<String> {
    match d.get(key).ok()? {
        Some(Object::String(s)) => Some(metadata::text_string(&s.bytes)),
        _ => None,
    }
}

/// The ByteRange and `/Contents` checks, then the cryptography; pushes checks
/// onto `r` and returns early on the first structural failure.
fn verify_signature_dictionary(
    doc: &Document<'_>,
    field: &SigField,
    hasher: &dyn RangeHasher,
    options: &PdfVerifyOptions,
    r: &mut PdfSignatureReport,
) {
    let data = doc.data();
    let fail = |r: &mut PdfSignatureReport, code: &'static str, msg: String| {
        r.checks
            .push(Check::failed("pdf.signature-dictionary", code, msg));
    };
    let Some(sig_ref) = field.sig else {
        let what = if field.direct_value {
            "a direct dictionary"
        } else {
            "missing"
        };
        fail(
            r,
            "pdf.signature-not-indirect",
            format!("the field's /V is {what}: its /Contents gap cannot be located"),
        );
        return;
    };
    // The dictionary as signed: in the view of the revision that added it
    // (a later revision that re-declares it is a change, judged later).
    let last = doc.revisions().len() - 1;
    let first_rev = (0..=last)
        .find(|&rev| {
            matches!(
                doc.entry_in(rev, sig_ref.num),
                Some(XrefEntry::InUse { .. } | XrefEntry::Compressed { .. })
            )
        })
        .unwrap_or(last);
    let offset = match doc.entry_in(first_rev, sig_ref.num) {
        Some(XrefEntry::InUse { offset, .. }) => offset,
        Some(XrefEntry::Compressed { .. }) => {
            fail(
                r,
                "pdf.signature-in-object-stream",
                format!(
                    "the signature dictionary {sig_ref} is in an object stream, where its /Contents cannot be a gap of the file"
                ),
            );
            return;
        }
        _ => {
            fail(
                r,
                "pdf.signature-missing",
                format!("the signature dictionary {sig_ref} is not in the file"),
            );
            return;
        }
    };
    let dict = match doc.resolve_in(first_rev, sig_ref) {
        Ok(Object::Dictionary(d)) => d,
        Ok(_) => {
            fail(
                r,
                "pdf.signature-not-dictionary",
                format!("{sig_ref} is not a dictionary"),
            );
            return;
        }
        Err(e @ crate::Error::LimitExceeded(_)) => {
            r.checks.push(Check::indeterminate(
                "pdf.signature-dictionary",
                "pdf.limit-exceeded",
                format!("the signature dictionary {sig_ref} was not read: {e}"),
            ));
            return;
        }
        Err(e) => {
            fail(
                r,
                "pdf.malformed",
                format!("the signature dictionary {sig_ref} does not parse: {e}"),
            );
            return;
        }
    };
    if let Some((k, at)) = dict.duplicate_keys.first() {
        fail(
            r,
            "pdf.duplicate-keys",
            format!(
                "the signature dictionary repeats /{} at byte {at}",
                String::from_utf8_lossy(k)
            ),
        );
        return;
    }
    r.sub_filter = dict
        .get_name(b"SubFilter")
        .ok()
        .flatten()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default();
    r.reason_text = text(&dict, b"Reason");
    r.location = text(&dict, b"Location");
    r.certification = docmdp(doc, &dict);
    r.signing_time = text(&dict, b"M").and_then(|m| parse_pdf_date(&m));

    let document_timestamp = dict.get_name(b"Type").ok().flatten() == Some(b"DocTimeStamp");
    match dict.get_name(b"Type").ok().flatten() {
        None | Some(b"Sig") => {}
        Some(b"DocTimeStamp") if r.sub_filter == "ETSI.RFC3161" => {}
        Some(b"DocTimeStamp") => {
            fail(
                r,
                "pdf.signature-type",
                format!(
                    "a /DocTimeStamp with /SubFilter /{} instead of /ETSI.RFC3161",
                    r.sub_filter
                ),
            );
            return;
        }
        Some(t) => {
            fail(
                r,
                "pdf.signature-type",
                format!("/Type /{} is not /Sig", String::from_utf8_lossy(t)),
            );
            return;
        }
    }
    if dict.get_name(b"Filter").ok().flatten().is_none() {
        fail(
            r,
            "pdf.no-filter",
            "the signature dictionary has no /Filter".into(),
        );
        return;
    }
    // /ByteRange: a direct array of exactly four non-negative integers.
    let br = match dict.get(b"ByteRange") {
        Ok(Some(Object::Array(a))) => a
            .iter()
            .map(|o| match o {
                Object::Integer(i) => u64::try_from(*i).ok(),
                _ => None,
            })
            .collect::<Option<Vec<u64>>>(),
        _ => None,
    };
    let Some([0, a, b, c]) = br.as_deref().and_then(|v| <[u64; 4]>::try_from(v).ok()) else {
        fail(
            r,
            "pdf.byte-range-malformed",
            "/ByteRange is not a direct array [0 a b c] of four non-negative integers".into(),
        );
        return;
    };
    if !plain_byte_range(data, &dict) {
        fail(
            r,
            "pdf.byte-range-malformed",
            "/ByteRange numbers must be written as plain digits (no sign, no decimal point)".into(),
        );
        return;
    }
    r.byte_range = Some([0, a, b, c]);
    let len = data.len() as u64;
    let end = b.checked_add(c);
    if !(0 < a && a < b && end.is_some_and(|e| e <= len)) {
        fail(
            r,
            "pdf.byte-range-malformed",
            format!(
                "/ByteRange [0 {a} {b} {c}] does not describe two ranges of this {len}-byte file around a gap"
            ),
        );
        return;
    }
    // All three are at most the file length (checked above), so they fit.
    let (Ok(a), Ok(b), Some(Ok(end))) = (
        usize::try_from(a),
        usize::try_from(b),
        end.map(usize::try_from),
    ) else {
        return;
    };
    // /Contents: the hex string token filling the gap exactly.
    let contents = match dict.get(b"Contents") {
        Ok(Some(Object::String(s))) => s,
        Ok(Some(_)) => {
            fail(
                r,
                "pdf.contents-not-string",
                "/Contents is not a direct string".into(),
            );
            return;
        }
        _ => {
            fail(
                r,
                "pdf.contents-missing",
                "the signature dictionary has no /Contents".into(),
            );
            return;
        }
    };
    if !contents.hex || contents.irregular_hex {
        fail(
            r,
            "pdf.contents-not-hex",
            "/Contents is not a plain hexadecimal string (no whitespace, even length)".into(),
        );
        return;
    }
    if contents.span != (a..b) {
        fail(
            r,
            "pdf.contents-gap-mismatch",
            format!(
                "the /ByteRange gap [{a}, {b}) is not the /Contents token of this dictionary (bytes {}..{})",
                contents.span.start, contents.span.end
            ),
        );
        return;
    }
    let obj_end = dict.span.end;
    if offset >= a || obj_end > end {
        fail(
            r,
            "pdf.signature-outside-signed-bytes",
            "the signature dictionary is not inside the signed bytes".into(),
        );
        return;
    }
    // Which revision the coverage ends.
    r.revision = doc.revisions().iter().position(|rev| rev.end() == end);
    r.covers_whole_file = end == data.len();
    match r.revision {
        Some(rev) => r.checks.push(Check::passed(
            "pdf.byte-range",
            format!(
                "[0 {a} {b} {}] covers revision {rev} whole{}",
                c,
                if r.covers_whole_file {
                    ", the whole file"
                } else {
                    ""
                }
            ),
        )),
        None => {
            fail(
                r,
                "pdf.coverage-not-revision-end",
                format!("the signed bytes end at {end}, which is not the end of a revision"),
            );
            return;
        }
    }
    // The value: DER, then only zeros.
    let value = &contents.bytes;
    if value.iter().all(|&x| x == 0) {
        fail(
            r,
            "pdf.contents-empty",
            "/Contents holds no signature".into(),
        );
        return;
    }
    let der_len =
        match crate::asn1::DerReader::new(value, "signature value").read_any("signature value") {
            Ok(tlv) if tlv.tag == crate::asn1::tag::SEQUENCE => tlv.raw.len(),
            Ok(_) => {
                fail(
                    r,
                    "pdf.contents-malformed",
                    "/Contents is not a DER SEQUENCE".into(),
                );
                return;
            }
            Err(_) if value.iter().all(|&x| x == 0) => {
                fail(
                    r,
                    "pdf.contents-empty",
                    "/Contents holds no signature".into(),
                );
                return;
            }
            Err(e) => {
                fail(
                    r,
                    "pdf.contents-malformed",
                    format!("/Contents is not DER: {e}"),
                );
                return;
            }
        };
    if value[der_len..].iter().any(|&x| x != 0) {
        fail(
            r,
            "pdf.contents-padding",
            format!(
                "{} bytes after the signature value are not zero padding",
                value.len() - der_len
            ),
        );
        return;
    }
    let value = &value[..der_len];
    r.checks.push(Check::passed(
        "pdf.contents",
        format!(
            "{der_len}-byte signature value, {} bytes of zero padding",
            contents.bytes.len() - der_len
        ),
    ));

    let digest = match hasher.sm3(&[0..a, b..end]) {
        Ok(d) => d,
        Err(e @ crate::Error::LimitExceeded(_)) => {
            r.checks.push(Check::indeterminate(
                "pdf.signature-dictionary",
                "pdf.limit-exceeded",
                format!("the signed bytes were not hashed: {e}"),
            ));
            return;
        }
        Err(e) => {
            fail(
                r,
                "pdf.read-error",
                format!("the signed bytes cannot be read: {e}"),
            );
            return;
        }
    };

    match r.sub_filter.as_str() {
        "ETSI.RFC3161" if document_timestamp => {
            r.flavour = "timestamp";
            verify_document_timestamp(value, &digest, options, r);
        }
        "adbe.pkcs7.detached" | "ETSI.CAdES.detached" if !looks_like_ses(value) => {
            r.flavour = "cms";
            verify_cms(value, &digest, options, r);
        }
        "adbe.pkcs7.detached" | "ETSI.CAdES.detached" => {
            r.flavour = "ses";
            verify_ses(value, &digest, [0, a, b, end - b], options, r);
        }
        s if s == SES_SUBFILTER => {
            r.flavour = "ses";
            verify_ses(value, &digest, [0, a, b, end - b], options, r);
        }
        other => r.checks.push(Check::indeterminate(
            "pdf.sub-filter",
            "pdf.unsupported-sub-filter",
            format!("/SubFilter /{other} is not supported"),
        )),
    }
}

/// The CMS options of the PKI options.
fn cms_options(options: &PdfVerifyOptions) -> CmsVerifyOptions {
    CmsVerifyOptions {
        signature: options.pki.signature.clone(),
        extra_certificates: options.pki.intermediates.clone(),
    }
}

/// The check for a CMS or time-stamp token that did not verify. An
/// algorithm gmseal does not implement (ECDSA, RSA, SHA-256...) is unknown,
/// not wrong: indeterminate, and the structure (coverage, later changes) is
/// still analysed.
fn crypto_failure(id: &'static str, what: &str, e: &crate::Error) -> Check {
    let msg = format!("{what} cannot be verified: {e}");
    match e.code() {
        code @ ("cms.unsupported-algorithm" | "crypto.unsupported-algorithm") => {
            Check::indeterminate(id, code, msg)
        }
        code => Check::failed(id, code, msg),
    }
}

/// A document time stamp: the RFC 3161 token's imprint is the SM3 of the
/// ByteRange, and the TSA's chain is valid for time stamping at `genTime`.
fn verify_document_timestamp(
    value: &[u8],
    digest: &[u8; 32],
    options: &PdfVerifyOptions,
    r: &mut PdfSignatureReport,
) {
    let token = match crate::tsp::verify_token(value, digest, &cms_options(options)) {
        Ok(t) => t,
        Err(e) => {
            r.checks
                .push(crypto_failure("pdf.timestamp", "the time-stamp token", &e));
            return;
        }
    };
    let cert = &token.tsa_certificate;
    r.signer = Some(signer_of(cert));
    r.signature = Some(token.signature);
    r.signing_time = Some(token.gen_time);
    r.checks.push(Check::passed(
        "pdf.timestamp",
        format!(
            "time-stamp token of {} at {} over the ByteRange's SM3",
            cert.subject(),
            token.gen_time
        ),
    ));
    let mut pki = options.pki.clone();
    pki.intermediates
        .extend(token.certificates.iter().filter(|c| *c != cert).cloned());
    r.checks.push(chain_check(
        "pdf.tsa-chain",
        cert,
        token.gen_time,
        Purpose::TimeStamping,
        &pki,
        options.cache.as_deref(),
    ));
}

/// The tokens of `/ByteRange` in the dictionary's own bytes are `[`, four
/// unsigned digit strings and `]` (the parser reads `+5` as 5).
fn plain_byte_range(data: &[u8], dict: &Dictionary) -> bool {
    use crate::pdf::parse::{Lexer, TokenKind};
    let limits = Limits::default();
    let mut lx = Lexer::new(data, dict.span.start, &limits);
    let mut depth = 0usize;
    let mut expect_value = false;
    while let Ok(Some(t)) = lx.next_token() {
        if t.span.start >= dict.span.end {
            break;
        }
        match &t.kind {
            TokenKind::ArrayOpen if expect_value => {
                let mut count = 0;
                while let Ok(Some(t)) = lx.next_token() {
                    match t.kind {
                        TokenKind::ArrayClose => return count == 4,
                        TokenKind::Integer(_)
                            if data[t.span.clone()].iter().all(u8::is_ascii_digit) =>
                        {
                            count += 1;
                        }
                        _ => return false,
                    }
                }
                return false;
            }
            TokenKind::DictOpen | TokenKind::ArrayOpen => {
                depth += 1;
                expect_value = false;
            }
            TokenKind::DictClose | TokenKind::ArrayClose => {
                depth = depth.saturating_sub(1);
                expect_value = false;
            }
            TokenKind::Name(n) if depth == 1 && !expect_value && n == b"ByteRange" => {
                expect_value = true;
            }
            _ => expect_value = false,
        }
    }
    false
}

/// A CMS `ContentInfo` starts with an OBJECT IDENTIFIER; an `SES_Signature`
/// with its `TBS_Sign` SEQUENCE.
fn looks_like_ses(value: &[u8]) -> bool {
    // Skip the outer header: the first inner tag.
    let header = if value.get(1).is_some_and(|l| l & 0x80 != 0) {
        2 + usize::from(value[1] & 0x7F)
    } else {
        2
    };
    value.get(header) == Some(&0x30)
}

fn verify_cms(
    value: &[u8],
    digest: &[u8; 32],
    options: &PdfVerifyOptions,
    r: &mut PdfSignatureReport,
) {
    let cms = match verify_detached_digest(value, digest, &cms_options(options)) {
        Ok(c) => c,
        Err(e) => {
            r.checks
                .push(crypto_failure("pdf.cms", "the CMS signature", &e));
            return;
        }
    };
    let cert = &cms.signer_certificate;
    r.signer = Some(signer_of(cert));
    r.signature = Some(cms.signature);
    r.checks.push(Check::passed(
        "pdf.cms",
        format!(
            "SM2 signature of {} verifies over the ByteRange's SM3 ({} OIDs)",
            cert.subject(),
            cms.oid_family.name()
        ),
    ));
    if r.sub_filter == "ETSI.CAdES.detached" && cms.signing_time.is_some() {
        r.checks.push(Check::warning(
            "pdf.cades",
            "pdf.cades-signing-time",
            "PAdES forbids the signing-time attribute; /M carries the time",
        ));
    }
    let time = cms.signing_time.or(r.signing_time);
    r.signing_time = time;
    let Some(time) = time else {
        r.checks.push(Check::indeterminate(
            "pdf.signing-time",
            "pdf.no-signing-time",
            "neither /M nor a signing-time attribute gives the signing time",
        ));
        return;
    };
    let mut intermediates = options.pki.intermediates.clone();
    intermediates.extend(cms.certificates.iter().filter(|c| *c != cert).cloned());
    let mut pki = options.pki.clone();
    pki.intermediates = intermediates;
    r.checks.push(chain_check(
        "pdf.signer-chain",
        cert,
        time,
        Purpose::DocumentSigning,
        &pki,
        options.cache.as_deref(),
    ));

    // The seal, carried as a signed attribute.
    match cms.signed_attribute(crate::oid::GMSEAL_SES_SEAL) {
        None => r.checks.push(Check::warning(
            "pdf.seal",
            "pdf.no-seal",
            "the CMS carries no electronic seal: a plain digital signature",
        )),
        Some(der) => match SesSeal::from_der(der) {
            Err(e) => r.checks.push(Check::failed(
                "pdf.seal",
                e.code(),
                format!("the embedded seal does not parse: {e}"),
            )),
            Ok(seal) => {
                let report = seal_report(&seal, time, &pki, options.cache.as_deref());
                let listed = signer_listed(&seal.info().property.cert_list, cert.der());
                r.checks.push(match report.indication {
                    crate::seal::Indication::Valid => Check::passed(
                        "pdf.seal",
                        format!("seal {} {:?} is valid at {time}", report.es_id, report.name),
                    ),
                    crate::seal::Indication::Invalid => Check::failed(
                        "pdf.seal",
                        report
                            .reason()
                            .and_then(|c| c.code)
                            .unwrap_or("seal.invalid"),
                        format!(
                            "the seal is not valid: {}",
                            report.reason().map(|c| c.message.as_str()).unwrap_or("")
                        ),
                    ),
                    _ => Check::indeterminate(
                        "pdf.seal",
                        report
                            .reason()
                            .and_then(|c| c.code)
                            .unwrap_or("seal.indeterminate"),
                        format!(
                            "the seal could not be verified: {}",
                            report.reason().map(|c| c.message.as_str()).unwrap_or("")
                        ),
                    ),
                });
                r.checks.push(match listed {
                    Some(true) => Check::passed(
                        "pdf.seal-signer",
                        "the signer is in the seal's certificate list",
                    ),
                    Some(false) => Check::failed(
                        "pdf.seal-signer",
                        "seal.signer-not-in-list",
                        format!("{} is not in the seal's certificate list", cert.subject()),
                    ),
                    None => Check::indeterminate(
                        "pdf.seal-signer",
                        "seal.signer-list-unverifiable",
                        "the seal lists signers by an identifier gmseal cannot match",
                    ),
                });
                r.seal = Some(report);
            }
        },
    }
}

fn verify_ses(
    value: &[u8],
    digest: &[u8; 32],
    byte_range: [usize; 4],
    options: &PdfVerifyOptions,
    r: &mut PdfSignatureReport,
) {
    let signature = match SesSignature::from_der(value) {
        Ok(s) => s,
        Err(e) => {
            r.checks.push(Check::failed(
                "pdf.ses",
                e.code(),
                format!("/Contents is not an SES_Signature: {e}"),
            ));
            return;
        }
    };
    let cache = options.cache.as_deref();
    let report = verify_signature_with(
        &signature,
        Original::Digest(digest),
        &options.pki,
        &|seal, at| seal_report(seal, at, &options.pki, cache),
        &|id, cert, at, _purpose| match cert {
            Some(cert) => chain_check(id, cert, at, Purpose::DocumentSigning, &options.pki, cache),
            None => {
                Check::indeterminate(id, "chain.no-certificate", "the certificate cannot be read")
            }
        },
    );
    if let Ok(cert) = Certificate::from_der(signature.signer_certificate_der()) {
        r.signer = Some(signer_of(&cert));
    }
    r.signing_time = report.time.or(r.signing_time);
    r.signature = report.signature.map(|s| crate::crypto::Verified {
        format: s.format,
        variant: s.variant,
    });
    for c in &report.checks {
        r.checks.push(c.clone());
    }
    let expected = property_info(&byte_range);
    let pi = &signature.to_sign().property_info;
    if *pi == expected {
        r.checks.push(Check::passed(
            "pdf.property-info",
            "propertyInfo names this /ByteRange",
        ));
    } else if pi.starts_with("PDF /ByteRange") {
        r.checks.push(Check::failed(
            "pdf.property-info",
            "pdf.property-info-mismatch",
            format!("propertyInfo {pi:?} names another /ByteRange than {expected:?}"),
        ));
    } else {
        r.checks.push(Check::warning(
            "pdf.property-info",
            "pdf.property-info-unknown",
            format!("propertyInfo {pi:?} is not gmseal's; dataHash still binds the ByteRange"),
        ));
    }
    r.seal = Some(report.seal);
}

fn signer_of(cert: &Certificate) -> Signer {
    let info = cert.info();
    Signer {
        subject: info.subject,
        issuer: info.issuer,
        serial_number: info.serial_number,
    }
}

/// The signer's chain for document signing at `time`, from the cache when
/// it holds a result whose validity window covers `time`.
fn chain_check(
    id: &'static str,
    cert: &Certificate,
    time: Timestamp,
    purpose: Purpose,
    pki: &SealVerifyOptions,
    cache: Option<&VerifyCache>,
) -> Check {
    let cacheable =
        pki.crls.is_empty() && pki.revocation == crate::pki::RevocationPolicy::default();
    let mut keyed = cache_context(pki);
    keyed.update(format!("chain|{purpose:?}|").as_bytes());
    keyed.update(cert.der());
    let key = keyed.finalize();
    if let (true, Some(cache)) = (cacheable, cache) {
        if let Ok(map) = cache.chains.lock() {
            if let Some((from, to, check)) = map.get(&key) {
                if *from <= time && time <= *to {
                    let mut check = check.clone();
                    check.id = id;
                    return check;
                }
            }
        }
    }
    let (check, window) = check_chain_window(id, Some(cert), time, purpose, pki);
    if let (true, Some(cache), Some((from, to))) = (cacheable, cache, window) {
        cache.insert(&cache.chains, key, (from, to, check.clone()));
    }
    check
}

fn seal_report(
    seal: &SesSeal,
    time: Timestamp,
    pki: &SealVerifyOptions,
    cache: Option<&VerifyCache>,
) -> SealReport {
    let cacheable =
        pki.crls.is_empty() && pki.revocation == crate::pki::RevocationPolicy::default();
    let prop = &seal.info().property;
    // Only the validity check depends on `time` (the maker's chain is checked
    // at createDate): inside the window a cached report is the same report,
    // re-dated.
    let in_window = prop.valid_start <= time && time <= prop.valid_end;
    let key = {
        let mut keyed = cache_context(pki);
        keyed.update(b"seal|");
        keyed.update(seal.der());
        keyed.finalize()
    };
    if let (true, true, Some(cache)) = (cacheable, in_window, cache) {
        if let Ok(map) = cache.seals.lock() {
            if let Some(report) = map.get(&key) {
                let mut report = report.clone();
                report.redate(time);
                return report;
            }
        }
    }
    let report = verify_seal(seal, time, pki);
    if let (true, true, Some(cache)) = (cacheable, in_window, cache) {
        cache.insert(&cache.seals, key, report.clone());
    }
    report
}

/// `D:YYYYMMDDHHmmSS` with `Z` or an offset `+HH'mm'` (ISO 32000-1 §7.9.4).
fn parse_pdf_date(s: &str) -> Option<Timestamp> {
    let s = s.strip_prefix("D:")?;
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 14 {
        return None;
    }
    let rest = &s[digits.len()..];
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &digits[0..4],
        &digits[4..6],
        &digits[6..8],
        &digits[8..10],
        &digits[10..12],
        &digits[12..14]
    );
    let t = Timestamp::parse(&iso).ok()?;
    let offset = match rest.chars().next() {
        None | Some('Z') => 0i64,
        Some(sign @ ('+' | '-')) => {
            let d: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
            let hh: i64 = d.get(0..2)?.parse().ok()?;
            let mm: i64 = d.get(2..4).unwrap_or("00").parse().ok()?;
            let secs = hh * 3600 + mm * 60;
            if sign == '+' { secs } else { -secs }
        }
        _ => return None,
    };
    if offset >= 0 {
        Some(t.minus_seconds(offset.unsigned_abs()))
    } else {
        Some(t.plus_seconds(offset.unsigned_abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates() {
        let t = |s: &str| parse_pdf_date(s).map(|t| t.to_string());
        assert_eq!(
            t("D:20260105020000Z").as_deref(),
            Some("2026-01-05T02:00:00Z")
        );
        assert_eq!(
            t("D:20260105100000+08'00'").as_deref(),
            Some("2026-01-05T02:00:00Z")
        );
        assert_eq!(t("D:2026"), None);
    }
}
