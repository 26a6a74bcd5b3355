//! Writing an incremental update (ISO 32000-1 §7.5.6): new and changed
//! objects, a cross-reference section of the input's flavour covering only
//! them, and a trailer chained to the previous section by `/Prev`.

use crate::Result;
use crate::pdf::parse::{Document, ObjRef, Object, Revision, XrefKind};
use crate::pdf::sign::serialize::{write_hex_string, write_object};
use crate::time::Timestamp;
use std::io::Write as _;

/// An object of the update.
#[derive(Clone, Debug)]
pub(crate) struct NewObject {
    pub(crate) id: ObjRef,
    /// The object's value, PDF syntax.
    pub(crate) body: Vec<u8>,
    /// Offsets inside `body` whose absolute file offsets the caller needs.
    pub(crate) marks: Vec<usize>,
}

impl NewObject {
    pub(crate) fn new(num: u32, body: Vec<u8>) -> Self {
        Self::with_generation(ObjRef { num, generation: 0 }, body)
    }

    pub(crate) fn with_generation(id: ObjRef, body: Vec<u8>) -> Self {
        Self {
            id,
            body,
            marks: Vec::new(),
        }
    }
}

/// What every update of `doc` starts from: the catalog's reference and
/// dictionary, the last revision, and an empty update numbering new objects
/// from the trailer's `/Size`. Encrypted files are refused.
pub(crate) fn start<'d>(
    doc: &'d Document<'_>,
) -> Result<(ObjRef, crate::pdf::parse::Dictionary, &'d Revision, Update)> {
    if doc.trailer().get(b"Encrypt")?.is_some() {
        return Err(crate::Error::InvalidInput(
            "the PDF is encrypted: gmseal does not update encrypted files".into(),
        ));
    }
    let Some(Object::Reference(catalog_ref)) = doc.trailer().get(b"Root")?.cloned() else {
        return Err(crate::Error::InvalidInput(
            "the trailer has no /Root reference".into(),
        ));
    };
    let catalog = doc.catalog()?;
    let last = doc
        .revisions()
        .last()
        .ok_or_else(|| crate::Error::InvalidInput("the PDF has no revision".into()))?;
    let size = doc
        .trailer()
        .get_int(b"Size")?
        .and_then(|s| u32::try_from(s).ok())
        .ok_or_else(|| crate::Error::InvalidInput("the trailer has no valid /Size".into()))?;
    Ok((catalog_ref, catalog, last, Update::new(size)))
}

/// The objects of an update and the next free object number.
#[derive(Debug)]
pub(crate) struct Update {
    next: u32,
    objects: Vec<NewObject>,
}

impl Update {
    /// An update to a file whose trailer says `/Size size`.
    pub(crate) fn new(size: u32) -> Self {
        Self {
            next: size.max(1),
            objects: Vec::new(),
        }
    }

    /// A fresh object number.
    pub(crate) fn allocate(&mut self) -> u32 {
        let n = self.next;
        self.next += 1;
        n
    }

    pub(crate) fn push(&mut self, object: NewObject) {
        self.objects.push(object);
    }

    /// `base` followed by the update; returns the file and the absolute
    /// offsets of every object's marks, in push order.
    pub(crate) fn finish(
        mut self,
        base: &[u8],
        last: &Revision,
        doc: &Document<'_>,
        time: Timestamp,
    ) -> Result<(Vec<u8>, Vec<usize>)> {
        let mut out = Vec::with_capacity(
            base.len()
                + 8192
                + self
                    .objects
                    .iter()
                    .map(|o| o.body.len() + 32)
                    .sum::<usize>(),
        );
        out.extend_from_slice(base);
        if !matches!(base.last(), Some(b'\n' | b'\r')) {
            out.push(b'\n');
        }
        let mut marks = Vec::new();
        let mut offsets = Vec::new();
        for o in &self.objects {
            offsets.push((o.id, out.len()));
            let _ = writeln!(out, "{} {} obj", o.id.num, o.id.generation);
            let start = out.len();
            out.extend_from_slice(&o.body);
            marks.extend(o.marks.iter().map(|m| start + m));
            out.extend_from_slice(b"\nendobj\n");
        }

        let trailer = doc.trailer();
        let mut entries = Vec::new();
        for key in [&b"Root"[..], b"Info"] {
            if let Some(v) = trailer.get(key)? {
                let mut raw = Vec::new();
                write_object(&mut raw, v)?;
                entries.push((key, raw));
            }
        }
        let first_id = match trailer.get(b"ID")? {
            Some(Object::Array(a)) => match a.first() {
                Some(Object::String(s)) => Some(s.bytes.clone()),
                _ => None,
            },
            _ => None,
        };
        let mut seed = first_id.clone().unwrap_or_default();
        seed.extend_from_slice(&time.unix().to_be_bytes());
        seed.extend_from_slice(&(base.len() as u64).to_be_bytes());
        let second = crate::crypto::sm3(&seed)[..16].to_vec();
        let mut id = b"[".to_vec();
        write_hex_string(&mut id, first_id.as_deref().unwrap_or(&second));
        write_hex_string(&mut id, &second);
        id.push(b']');
        entries.push((b"ID", id));
        entries.push((b"Prev", last.xref_offset().to_string().into_bytes()));

        let xref_at;
        match last.kind() {
            XrefKind::Table | XrefKind::Hybrid => {
                offsets.sort_by_key(|(r, _)| r.num);
                xref_at = out.len();
                out.extend_from_slice(b"xref\n");
                for run in runs(&offsets) {
                    let _ = writeln!(out, "{} {}", run[0].0.num, run.len());
                    for (r, off) in run {
                        let _ = write!(out, "{off:010} {:05} n\r\n", r.generation);
                    }
                }
                let _ = write!(out, "trailer\n<</Size {}", self.next);
                for (k, v) in &entries {
                    out.push(b'/');
                    out.extend_from_slice(k);
                    out.push(b' ');
                    out.extend_from_slice(v);
                }
                out.extend_from_slice(b">>\n");
            }
            XrefKind::Stream => {
                let num = self.allocate();
                xref_at = out.len();
                offsets.push((ObjRef { num, generation: 0 }, xref_at));
                offsets.sort_by_key(|(r, _)| r.num);
                let width = (usize::BITS - xref_at.leading_zeros()).div_ceil(8).max(1) as usize;
                let mut data = Vec::new();
                let mut index = Vec::new();
                for run in runs(&offsets) {
                    let _ = write!(index, "{} {} ", run[0].0.num, run.len());
                    for (r, off) in run {
                        data.push(1);
                        data.extend_from_slice(
                            &off.to_be_bytes()[usize::BITS as usize / 8 - width..],
                        );
                        data.extend_from_slice(&r.generation.to_be_bytes());
                    }
                }
                index.pop();
                let _ = write!(
                    out,
                    "{num} 0 obj\n<</Type /XRef /Size {} /W [1 {width} 2] /Index [",
                    self.next
                );
                out.extend_from_slice(&index);
                out.push(b']');
                for (k, v) in &entries {
                    out.push(b'/');
                    out.extend_from_slice(k);
                    out.push(b' ');
                    out.extend_from_slice(v);
                }
                let _ = write!(out, " /Length {}>>\nstream\n", data.len());
                out.extend_from_slice(&data);
                out.extend_from_slice(b"\nendstream\nendobj\n");
            }
        }
        let _ = write!(out, "startxref\n{xref_at}\n%%EOF\n");
        Ok((out, marks))
    }
}

/// Consecutive runs of object numbers (for xref subsections).
fn runs(sorted: &[(ObjRef, usize)]) -> Vec<&[(ObjRef, usize)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=sorted.len() {
        if i == sorted.len() || sorted[i].0.num != sorted[i - 1].0.num + 1 {
            out.push(&sorted[start..i]);
            start = i;
        }
    }
    out
}
