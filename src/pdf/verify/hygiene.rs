//! The hygiene of signed revisions: what a shadow attack prepares before the
//! document is signed (pdf-signatures.md §3.4 SH-pre, §3.9).
//!
//! The body of every revision up to the last signed one is scanned for
//! indirect objects (`N G obj`), skipping each object found by its parsed
//! extent (stream data by `/Length`). An object that no cross-reference
//! section points at is *unreferenced*; an object number defined twice in one
//! revision's body is a *duplicate*. Neither changes what the signed
//! revision shows (objects are resolved only through the cross-reference
//! sections), but both are the material of hide-and-replace attacks, whose
//! later revisions re-point an object number to the prepared copy; the change
//! analysis reports that re-pointing as a modification. Optional content
//! hidden by default (`/OCProperties /D /OFF`) is reported too: it can hold
//! text a reader does not show.
//!
//! Findings are warnings with the byte offset of each object.

use super::catalog_in;
use crate::pdf::parse::lexer::is_whitespace;
use crate::pdf::parse::object::parse_indirect;
use crate::pdf::parse::{Document, Lexer, Limits, Object, TokenKind, XrefEntry};
use crate::seal::Check;
use std::collections::{BTreeMap, BTreeSet};

/// Most findings reported per kind.
const MAX_FINDINGS: usize = 20;

/// Checks of every revision's body: bytes that are neither objects,
/// white space nor comments, a second `%PDF-` header, or an object stream
/// listing a number twice make the file malformed; in revisions `0..=upto`
/// (the signed ones) duplicate and unreferenced objects are reported as
/// warnings, "referenced" meaning by the cross-reference sections of those
/// revisions (an object only a later section points at is shadow material).
pub(crate) fn check(doc: &Document<'_>, upto: usize, limits: &Limits) -> Vec<Check> {
    let data = doc.data();
    let revisions = doc.revisions();
    let mut malformed = Vec::new();
    let mut referenced: BTreeSet<usize> = revisions
        .iter()
        .take(upto + 1)
        .flat_map(|r| r.entries().values())
        .filter_map(|e| match e {
            XrefEntry::InUse { offset, .. } => Some(*offset),
            _ => None,
        })
        .collect();
    // Hybrid files: the /XRefStm stream is found through the trailer.
    referenced.extend(revisions.iter().take(upto + 1).filter_map(|r| {
        match r.trailer().get(b"XRefStm") {
            Ok(Some(Object::Integer(x))) => usize::try_from(*x).ok(),
            _ => None,
        }
    }));
    let mut unreferenced = Vec::new();
    let mut duplicates = Vec::new();
    let mut start = data
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(0);
    'revisions: for (rev, revision) in revisions.iter().enumerate() {
        let end = revision.xref_offset().min(data.len());
        let signed = rev <= upto;
        let mut seen: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        let mut pos = start;
        while pos < end {
            let b = data[pos];
            if is_whitespace(b) {
                pos += 1;
                continue;
            }
            if b == b'%' {
                if data[pos..].starts_with(b"%PDF-") {
                    malformed.push(format!("a second '%PDF-' header at byte {pos}"));
                    continue 'revisions;
                }
                while pos < end && !matches!(data[pos], b'\n' | b'\r') {
                    pos += 1;
                }
                continue;
            }
            let length = |r| match doc.resolve_in(rev, r) {
                Ok(Object::Integer(n)) => Ok(n),
                _ => Err(crate::Error::InvalidInput(
                    "indirect /Length not found".into(),
                )),
            };
            let Ok(o) = parse_indirect(data, pos, limits, &length) else {
                malformed.push(format!(
                    "the bytes at {pos} in the body of revision {rev} are not an object, white space or a comment"
                ));
                continue 'revisions;
            };
            if let Some(problem) = object_stream_problem(doc, &o.object) {
                malformed.push(format!("{} obj at byte {pos}: {problem}", o.id));
            }
            if signed {
                seen.entry(o.id.num).or_default().push(pos);
                if !referenced.contains(&pos) {
                    unreferenced.push((rev, o.id, pos));
                }
            }
            pos = o.span.end.max(pos + 1);
        }
        for (num, offsets) in seen {
            if offsets.len() > 1 {
                duplicates.push((rev, num, offsets));
            }
        }
        start = revision.end();
    }
    let mut checks = Vec::new();
    if !malformed.is_empty() {
        checks.push(Check::failed(
            "pdf.body",
            "pdf.malformed",
            format!("the file body is not well formed: {}", malformed.join("; ")),
        ));
    }
    if !duplicates.is_empty() {
        let list: Vec<String> = duplicates
            .iter()
            .take(MAX_FINDINGS)
            .map(|(rev, num, offsets)| {
                let at: Vec<String> = offsets.iter().map(ToString::to_string).collect();
                format!("object {num} in revision {rev} at bytes {}", at.join(", "))
            })
            .collect();
        checks.push(Check::warning(
            "pdf.hygiene",
            "pdf.hygiene.duplicate-object",
            format!(
                "a signed revision defines an object number more than once (shadow-attack material): {}",
                list.join("; ")
            ),
        ));
    }
    if !unreferenced.is_empty() {
        let list: Vec<String> = unreferenced
            .iter()
            .take(MAX_FINDINGS)
            .map(|(rev, id, at)| format!("{id} obj in revision {rev} at byte {at}"))
            .collect();
        checks.push(Check::warning(
            "pdf.hygiene",
            "pdf.hygiene.unreferenced-object",
            format!(
                "a signed revision holds objects no cross-reference section points at (shadow-attack material): {}{}",
                list.join("; "),
                if unreferenced.len() > MAX_FINDINGS { "; ..." } else { "" }
            ),
        ));
    }
    if hidden_content(doc, upto) {
        checks.push(Check::warning(
            "pdf.hygiene",
            "pdf.hygiene.hidden-content",
            "the signed revision has optional content hidden by default (/OCProperties /D /OFF): it may hold text a reader does not show",
        ));
    }
    if checks.is_empty() {
        checks.push(Check::passed(
            "pdf.hygiene",
            "the body holds only objects; the signed revisions define every object once, each referenced, and hide no optional content",
        ));
    }
    checks
}

/// For an object stream: a number listed twice in its header.
fn object_stream_problem(doc: &Document<'_>, object: &Object) -> Option<String> {
    let Object::Stream(s) = object else {
        return None;
    };
    if s.dict.get_name(b"Type").ok().flatten() != Some(b"ObjStm") {
        return None;
    }
    let n = s
        .dict
        .get_int(b"N")
        .ok()
        .flatten()
        .and_then(|n| usize::try_from(n).ok())?;
    let data = match doc.stream_data(object) {
        Ok(d) => d,
        Err(e) => return Some(format!("the object stream cannot be read: {e}")),
    };
    let limits = Limits::default();
    let mut lx = Lexer::new(&data, 0, &limits);
    let mut numbers = BTreeSet::new();
    for _ in 0..n.min(limits.max_objects) {
        let (Ok(Some(num)), Ok(Some(_))) = (lx.next_token(), lx.next_token()) else {
            return Some("its header is shorter than /N".into());
        };
        if let TokenKind::Integer(num) = num.kind {
            if !numbers.insert(num) {
                return Some(format!("the object stream lists object {num} twice"));
            }
        }
    }
    None
}

fn hidden_content(doc: &Document<'_>, rev: usize) -> bool {
    let Ok((_, catalog)) = catalog_in(doc, rev) else {
        return false;
    };
    let Some(oc) = catalog
        .get(b"OCProperties")
        .ok()
        .flatten()
        .and_then(|o| super::deref_in(doc, rev, o).ok())
    else {
        return false;
    };
    let Some(d) = oc
        .as_dict()
        .and_then(|o| o.get(b"D").ok().flatten())
        .and_then(|d| super::deref_in(doc, rev, d).ok())
    else {
        return false;
    };
    matches!(
        d.as_dict().and_then(|d| d.get(b"OFF").ok().flatten()),
        Some(Object::Array(a)) if !a.is_empty()
    )
}
