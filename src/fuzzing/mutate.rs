//! The structure-aware PDF target: the fuzzer's input is not a PDF but a short
//! program of edits applied to a valid sealed e-license (flip and overwrite
//! bytes, splice, delete, truncate, change a number, re-point an xref entry,
//! duplicate an object in place, append an incremental update that redefines
//! or copies an object, append raw bytes). The result is verified, and the
//! report must never call a signature valid unless the bytes it covers are
//! exactly bytes that were signed.

use crate::pdf::parse::{Document, Limits, ObjRef, XrefEntry};
use crate::pdf::sign::update::{self, NewObject};
use crate::pdf::verify::{PdfIndication, PdfVerifyOptions, VerificationReport, verify_pdf};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Most edits one input applies.
const MAX_EDITS: usize = 8;

struct Bases {
    options: PdfVerifyOptions,
    /// The sealed documents edits start from.
    documents: Vec<Vec<u8>>,
    /// SM3 of the bytes each original signature covers.
    signed: HashSet<[u8; 32]>,
    time: crate::Timestamp,
}

/// A sealed license (CMS, certified `/P 2`, visible) and the same sealed again
/// (SES, invisible), made once per process with the documentation fixture.
fn bases() -> Option<&'static Bases> {
    static BASES: OnceLock<Option<Bases>> = OnceLock::new();
    BASES
        .get_or_init(|| {
            use crate::pdf::sign::{DocMdp, Flavour, PdfSigner, Placement};
            let f = crate::seal::__doc::fixture().ok()?;
            let seal = crate::seal::__doc::seal(&f).ok()?;
            let mut options =
                PdfVerifyOptions::with_trust(crate::pki::TrustStore::new(vec![f.root.clone()]));
            options.limits.max_decompressed_size = 1 << 20;
            let unsigned = crate::pdf::sign::__doc::unsigned_pdf().ok()?;
            let certified = PdfSigner::new(&seal, &f.signer, &f.signer_key)
                .ok()?
                .certify(DocMdp::FormFilling)
                .sign(
                    &unsigned,
                    &Placement::rect(1, 20.0, 20.0, 40.0, 40.0),
                    f.now,
                )
                .ok()?;
            let twice = PdfSigner::new(&seal, &f.signer, &f.signer_key)
                .ok()?
                .flavour(Flavour::Ses)
                .sign(&certified, &Placement::Invisible { page: 1 }, f.now)
                .ok()?;
            let mut signed = HashSet::new();
            for document in [&certified, &twice] {
                let report = verify_pdf(document, &options);
                if report.indication == PdfIndication::Invalid {
                    return None;
                }
                signed.extend(
                    report
                        .signatures
                        .iter()
                        .filter_map(|s| covered(document, s)),
                );
            }
            Some(Bases {
                options,
                documents: vec![certified, twice],
                signed,
                time: f.now,
            })
        })
        .as_ref()
}

/// How many sealed documents the edits start from, and how many distinct
/// signed byte sequences they hold (0 when the fixture could not be built).
pub fn pdf_mutate_bases() -> (usize, usize) {
    bases().map_or((0, 0), |b| (b.documents.len(), b.signed.len()))
}

/// SM3 of the bytes a signature's `/ByteRange` covers, when it lies in `data`.
fn covered(data: &[u8], signature: &crate::pdf::verify::PdfSignatureReport) -> Option<[u8; 32]> {
    let [a, b, c, d] = signature.byte_range?;
    let range = |start: u64, len: u64| {
        let start = usize::try_from(start).ok()?;
        let end = start.checked_add(usize::try_from(len).ok()?)?;
        data.get(start..end)
    };
    let mut hasher = crate::crypto::Sm3::new();
    hasher.update(range(a, b)?);
    hasher.update(range(c, d)?);
    Some(hasher.finalize())
}

/// Reads the edit program; past its end every read is zero.
struct Program<'a> {
    data: &'a [u8],
}

impl Program<'_> {
    fn byte(&mut self) -> u8 {
        let (first, rest) = self
            .data
            .split_first()
            .map_or((0, &[][..]), |(f, r)| (*f, r));
        self.data = rest;
        first
    }

    fn number(&mut self) -> usize {
        usize::from(u16::from_le_bytes([self.byte(), self.byte()])) | usize::from(self.byte()) << 16
    }

    fn bytes(&mut self, n: usize) -> &[u8] {
        let (taken, rest) = self.data.split_at(n.min(self.data.len()));
        self.data = rest;
        taken
    }

    fn is_done(&self) -> bool {
        self.data.is_empty()
    }
}

/// Edit one of the sealed bases as `data` says and verify the result; panics
/// when a signature is reported valid over bytes that were never signed.
pub fn pdf_mutate(data: &[u8]) {
    let Some(bases) = bases() else {
        return;
    };
    let mut program = Program { data };
    let base = usize::from(program.byte()) % bases.documents.len();
    let mut doc = bases.documents[base].clone();
    for _ in 0..MAX_EDITS {
        if program.is_done() || doc.is_empty() {
            break;
        }
        edit(&mut doc, &mut program, bases.time);
    }
    let report = verify_pdf(&doc, &bases.options);
    check(&doc, &report, bases);
    let _ = report.to_json();
}

/// The oracle: every signature reported valid (alone or with permitted
/// changes) covers bytes one of the original signatures covered.
fn check(doc: &[u8], report: &VerificationReport, bases: &Bases) {
    for signature in &report.signatures {
        if matches!(
            signature.indication,
            PdfIndication::Valid | PdfIndication::ValidWithPermittedChanges
        ) {
            let digest = covered(doc, signature);
            assert!(
                digest.is_some_and(|d| bases.signed.contains(&d)),
                "signature {:?} reported {:?} over bytes that were never signed (byte range {:?})",
                signature.field,
                signature.indication,
                signature.byte_range
            );
        }
    }
    if report.indication == PdfIndication::Valid {
        assert!(
            report
                .signatures
                .last()
                .is_some_and(|s| s.covers_whole_file),
            "document valid although its last signature does not cover it"
        );
    }
}

fn edit(doc: &mut Vec<u8>, program: &mut Program<'_>, time: crate::Timestamp) {
    let len = doc.len();
    match program.byte() % 10 {
        0 => {
            let at = program.number() % len;
            doc[at] ^= program.byte() | 1;
        }
        1 => {
            let at = program.number() % len;
            let n = usize::from(program.byte() % 16) + 1;
            let bytes = program.bytes(n).to_vec();
            let end = (at + bytes.len()).min(len);
            doc.splice(at..end, bytes);
        }
        2 => {
            let from = program.number() % len;
            let n = program.number() % 4096;
            let to = program.number() % (len + 1);
            let copy = doc[from..(from + n).min(len)].to_vec();
            doc.splice(to..to, copy);
        }
        3 => {
            let at = program.number() % len;
            let n = program.number() % 4096;
            doc.drain(at..(at + n).min(len));
        }
        4 => {
            let cut = program.number() % len.min(8192);
            doc.truncate(len - cut);
        }
        5 => change_number(doc, program),
        6 => repoint_xref_entry(doc, program),
        7 => duplicate_in_place(doc, program),
        8 => append_update(doc, program, time),
        _ => {
            let n = usize::from(program.byte());
            let bytes = program.bytes(n).to_vec();
            doc.extend_from_slice(&bytes);
        }
    }
}

/// The `k`-th run of ASCII digits (`k` modulo their number).
fn nth_digit_run(doc: &[u8], k: usize) -> Option<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        if doc[i].is_ascii_digit() {
            let start = i;
            while i < doc.len() && doc[i].is_ascii_digit() {
                i += 1;
            }
            runs.push(start..i);
        } else {
            i += 1;
        }
    }
    let n = runs.len();
    (n > 0).then(|| runs.swap_remove(k % n))
}

/// Replace a number (an offset, a length, a `/ByteRange` entry, an object
/// number...) by a neighbour, zero, a huge value or one from the program.
fn change_number(doc: &mut Vec<u8>, program: &mut Program<'_>) {
    let Some(run) = nth_digit_run(doc, program.number()) else {
        return;
    };
    let old: u128 = std::str::from_utf8(&doc[run.clone()])
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let new = match program.byte() % 7 {
        0 => old.saturating_add(1),
        1 => old.saturating_sub(1),
        2 => 0,
        3 => old.saturating_mul(10),
        4 => 1 << 31,
        5 => 1 << 64,
        _ => program.number() as u128,
    };
    let mut text = new.to_string().into_bytes();
    // Keep the width where the number was zero-padded (xref entries).
    let width = run.len();
    if doc[run.start] == b'0' && text.len() < width {
        let mut padded = vec![b'0'; width - text.len()];
        padded.extend_from_slice(&text);
        text = padded;
    }
    doc.splice(run, text);
}

/// The offsets of the classic xref entries (`nnnnnnnnnn ggggg n`).
fn xref_entries(doc: &[u8]) -> Vec<usize> {
    doc.windows(18)
        .enumerate()
        .filter(|(_, w)| {
            w[..10].iter().all(u8::is_ascii_digit)
                && w[10] == b' '
                && w[11..16].iter().all(u8::is_ascii_digit)
                && w[16] == b' '
                && matches!(w[17], b'n' | b'f')
        })
        .map(|(i, _)| i)
        .collect()
}

/// Point an xref entry at another entry's object or a nearby offset.
fn repoint_xref_entry(doc: &mut [u8], program: &mut Program<'_>) {
    let entries = xref_entries(doc);
    if entries.is_empty() {
        return;
    }
    let at = entries[program.number() % entries.len()];
    let other = entries[program.number() % entries.len()];
    let target: usize = match program.byte() % 3 {
        0 => std::str::from_utf8(&doc[other..other + 10])
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0),
        1 => program.number() % doc.len(),
        _ => {
            let old: usize = std::str::from_utf8(&doc[at..at + 10])
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            old.saturating_add(usize::from(program.byte()))
                .saturating_sub(128)
        }
    };
    let text = format!("{:010}", target % 10_000_000_000);
    doc[at..at + 10].copy_from_slice(text.as_bytes());
}

/// The raw bytes of every in-use object of the last revision
/// (`N G obj ... endobj`), with its reference.
fn object_spans(doc: &[u8]) -> Vec<(ObjRef, std::ops::Range<usize>)> {
    let limits = Limits {
        max_decompressed_size: 1 << 20,
        ..Limits::default()
    };
    let Ok(parsed) = Document::parse(doc, &limits) else {
        return Vec::new();
    };
    let Some(last) = parsed.revisions().last() else {
        return Vec::new();
    };
    last.entries()
        .iter()
        .filter_map(|(&num, entry)| match *entry {
            XrefEntry::InUse { offset, generation } => {
                let tail = doc.get(offset..)?;
                let end = tail.windows(6).position(|w| w == b"endobj")? + 6;
                Some((ObjRef { num, generation }, offset..offset + end))
            }
            _ => None,
        })
        .collect()
}

/// Copy an object's definition to another place in the file without touching
/// any xref: a second definition of the same number (the shadow-attack
/// preparation), or garbage where the parser expects structure.
fn duplicate_in_place(doc: &mut Vec<u8>, program: &mut Program<'_>) {
    let spans = object_spans(doc);
    if spans.is_empty() {
        return;
    }
    let (_, span) = &spans[program.number() % spans.len()];
    let mut copy = doc[span.clone()].to_vec();
    copy.push(b'\n');
    let to = program.number() % (doc.len() + 1);
    doc.splice(to..to, copy);
}

/// Append a well-formed incremental update that redefines one object with
/// edited bytes, or copies it under a new number.
fn append_update(doc: &mut Vec<u8>, program: &mut Program<'_>, time: crate::Timestamp) {
    let spans = object_spans(doc);
    if spans.is_empty() {
        return;
    }
    let (id, span) = spans[program.number() % spans.len()].clone();
    // The object's value: between `N G obj` and `endobj`.
    let raw = &doc[span];
    let Some(body_start) = raw.windows(3).position(|w| w == b"obj").map(|p| p + 3) else {
        return;
    };
    let Some(body) = raw.get(body_start..raw.len() - 6) else {
        return;
    };
    let mut body = body.to_vec();
    let copy = program.byte() % 4 == 0;
    for _ in 0..usize::from(program.byte() % 4) {
        let at = program.number() % (body.len() + 1);
        let n = usize::from(program.byte() % 8);
        let bytes = program.bytes(n).to_vec();
        let end = (at + usize::from(program.byte() % 4)).min(body.len());
        body.splice(at..end, bytes);
    }
    let limits = Limits {
        max_decompressed_size: 1 << 20,
        ..Limits::default()
    };
    let Ok(parsed) = Document::parse(doc, &limits) else {
        return;
    };
    let Ok((_, _, last, mut update)) = update::start(&parsed) else {
        return;
    };
    let object = if copy {
        NewObject::new(update.allocate(), body)
    } else {
        NewObject::with_generation(id, body)
    };
    update.push(object);
    if let Ok((updated, _)) = update.finish(doc, last, &parsed, time) {
        *doc = updated;
    }
}
