//! A parsed document: revisions and object resolution in any revision's view.

use super::filter::decode;
use super::lexer::{Keyword, Lexer, TokenKind};
use super::object::{Dictionary, ObjRef, Object, parse_indirect, parse_object};
use super::skeleton::{Hole, Skeleton, hole_err, overlap};
use super::xref::{Revision, XrefEntry, read_revisions};
use super::{Limits, err, err_nowhere, limit_err};
use crate::Result;
use core::ops::Range;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

/// A PDF file read strictly: its bytes, its revisions (oldest first) and the
/// limits it was read with. Objects are parsed when resolved.
#[derive(Debug)]
pub struct Document<'a> {
    data: &'a [u8],
    /// Stream data left out of `data` (see [`Skeleton`]).
    holes: &'a [Hole],
    limits: Limits,
    revisions: Vec<Revision>,
    /// Every cross-reference entry as `(object number, revision, entry)`,
    /// sorted: an object's entry in any revision's view is one binary
    /// search, however many revisions the file has.
    index: Vec<(u32, u32, XrefEntry)>,
    /// Decoded object streams by the file offset of the stream object, so
    /// that resolving many objects of one stream decodes it once.
    objstm_cache: Mutex<ObjStmCache>,
}

/// A decoded object stream.
#[derive(Debug)]
struct ObjStm {
    data: Vec<u8>,
    /// `(object number, offset after /First)` in header order.
    header: Vec<(usize, usize)>,
    first: usize,
    /// Offset of the stream data in the file, for error messages.
    at: usize,
}

/// At most `max_decompressed_size` bytes of decoded object streams. A
/// stream dropped from the cache and needed again is decoded again; those
/// bytes are counted, and once they exceed `max_decompressed_size` too,
/// resolving fails (objects spread over many large object streams would
/// otherwise cost a decoding per object).
#[derive(Debug, Default)]
struct ObjStmCache {
    streams: BTreeMap<usize, Arc<ObjStm>>,
    bytes: usize,
    /// Offsets of the object streams decoded so far.
    decoded: BTreeSet<usize>,
    /// Bytes decoded again after the cache dropped them.
    redecoded: usize,
}

impl<'a> Document<'a> {
    /// Read the header, the last `startxref` and every cross-reference
    /// section of the `/Prev` chain.
    ///
    /// # Errors
    /// A `Decode` error naming the problem and its byte offset: no `%PDF-`
    /// header, data after the last `%%EOF`, a malformed or looping
    /// cross-reference chain, an offset beyond the end of the file, an
    /// exceeded [`Limits`] value.
    pub fn parse(data: &'a [u8], limits: &Limits) -> Result<Self> {
        Self::parse_with_holes(data, &[], limits)
    }

    /// Read a [`Skeleton`]: as [`parse`](Self::parse), and any attempt to
    /// decode stream data left out of it is an error.
    ///
    /// # Errors
    /// As [`parse`](Self::parse).
    pub fn parse_skeleton(skeleton: &'a Skeleton, limits: &Limits) -> Result<Self> {
        Self::parse_with_holes(skeleton.data(), skeleton.holes(), limits)
    }

    pub(crate) fn parse_with_holes(
        data: &'a [u8],
        holes: &'a [Hole],
        limits: &Limits,
    ) -> Result<Self> {
        if data.len() > limits.max_file_size {
            return Err(limit_err("max_file_size", limits.max_file_size, 0));
        }
        if !data.starts_with(b"%PDF-") {
            return Err(err("no '%PDF-' header", 0));
        }
        let revisions = read_revisions(data, limits, holes)?;
        let mut index = Vec::with_capacity(revisions.iter().map(|r| r.entries.len()).sum());
        for (rev, r) in revisions.iter().enumerate() {
            let rev = u32::try_from(rev)
                .map_err(|_| limit_err("max_revisions", limits.max_revisions, 0))?;
            index.extend(r.entries.iter().map(|(&num, &e)| (num, rev, e)));
        }
        index.sort_unstable_by_key(|&(num, rev, _)| (num, rev));
        let objects =
            index.windows(2).filter(|w| w[0].0 != w[1].0).count() + usize::from(!index.is_empty());
        if objects > limits.max_objects {
            return Err(limit_err("max_objects", limits.max_objects, 0));
        }
        Ok(Self {
            data,
            holes,
            limits: limits.clone(),
            revisions,
            index,
            objstm_cache: Mutex::default(),
        })
    }

    /// The bytes of the file.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// The revisions, oldest first: revision `i` is the file up to
    /// `revisions()[i].end()`.
    pub fn revisions(&self) -> &[Revision] {
        &self.revisions
    }

    /// The trailer of the last revision.
    pub fn trailer(&self) -> &Dictionary {
        // `read_revisions` never returns an empty list.
        self.revisions.last().map_or(&EMPTY, |r| &r.trailer)
    }

    /// The cross-reference entry of object `num` in the view of revision `rev`.
    pub fn entry_in(&self, rev: usize, num: u32) -> Option<XrefEntry> {
        if rev >= self.revisions.len() {
            return None;
        }
        let rev = u32::try_from(rev).ok()?;
        // The last entry of `num` in a revision up to `rev`.
        let after = self
            .index
            .partition_point(|&(n, r, _)| (n, r) <= (num, rev));
        match self.index.get(after.checked_sub(1)?) {
            Some(&(n, _, entry)) if n == num => Some(entry),
            _ => None,
        }
    }

    /// Resolve `r` in the view of the last revision.
    ///
    /// # Errors
    /// As [`Self::resolve_in`].
    pub fn resolve(&self, r: ObjRef) -> Result<Object> {
        self.resolve_in(self.revisions.len().saturating_sub(1), r)
    }

    /// Resolve `r` through the cross-reference sections of revisions
    /// `0..=rev` (later sections win).
    ///
    /// # Errors
    /// When the object is free or absent, its generation differs, the object
    /// at its offset has another number, it does not parse, or its object
    /// stream is malformed.
    pub fn resolve_in(&self, rev: usize, r: ObjRef) -> Result<Object> {
        self.load(rev, r, true)
    }

    /// Follow `obj` when it is a reference (in the view of the last revision).
    ///
    /// # Errors
    /// As [`Self::resolve`].
    pub fn deref(&self, obj: &Object) -> Result<Object> {
        match obj {
            Object::Reference(r) => self.resolve(*r),
            o => Ok(o.clone()),
        }
    }

    /// The document catalog (`/Root` of the last trailer), checked to have `/Type /Catalog`.
    ///
    /// # Errors
    /// When `/Root` is missing, not a reference, or not a catalog dictionary.
    pub fn catalog(&self) -> Result<Dictionary> {
        let trailer = self.trailer();
        let Some(Object::Reference(root)) = trailer.get(b"Root")? else {
            return Err(err(
                "the trailer has no /Root reference",
                trailer.span.start,
            ));
        };
        match self.resolve(*root)? {
            Object::Dictionary(d) if d.get_name(b"Type")? == Some(b"Catalog") => Ok(d),
            _ => Err(err(
                format!("/Root {root} R is not a catalog dictionary"),
                trailer.span.start,
            )),
        }
    }

    /// The decoded data of a stream object (only `FlateDecode` is supported).
    ///
    /// # Errors
    /// When `obj` is not a stream, its filter is unsupported, or decoding
    /// fails or exceeds `max_decompressed_size`.
    pub fn stream_data(&self, obj: &Object) -> Result<Vec<u8>> {
        let Object::Stream(s) = obj else {
            return Err(err_nowhere("not a stream"));
        };
        let raw = self
            .data
            .get(s.data.clone())
            .ok_or_else(|| err("stream data outside the file", s.data.start))?;
        if !matches!(overlap(self.holes, &s.data), Ok(None)) {
            return Err(hole_err(&s.data));
        }
        decode(&s.dict, raw, &self.limits, s.data.start)
    }

    /// Whether two streams have the same encoded data (holes compared by
    /// their digests). `false` when either overlaps a hole partially.
    pub fn same_stream_data(&self, a: &Range<usize>, b: &Range<usize>) -> bool {
        match (overlap(self.holes, a), overlap(self.holes, b)) {
            (Ok(None), Ok(None)) => self.data.get(a.clone()) == self.data.get(b.clone()),
            (Ok(Some(x)), Ok(Some(y))) => x.range.len() == y.range.len() && x.digest == y.digest,
            _ => false,
        }
    }

    fn load(&self, rev: usize, r: ObjRef, allow_indirect_length: bool) -> Result<Object> {
        let missing = || err_nowhere(format!("object {r} R is not in the cross-reference table"));
        match self.entry_in(rev, r.num).ok_or_else(missing)? {
            XrefEntry::Free { .. } => Err(err_nowhere(format!("object {r} R is free"))),
            XrefEntry::InUse { offset, generation } => {
                if generation != r.generation {
                    return Err(err(
                        format!(
                            "object {r} R: the cross-reference table has generation {generation}"
                        ),
                        offset,
                    ));
                }
                let length = |l: ObjRef| -> Result<i64> {
                    if !allow_indirect_length {
                        return Err(err(
                            "an indirect /Length whose object has an indirect /Length",
                            offset,
                        ));
                    }
                    match self.load(rev, l, false)? {
                        Object::Integer(n) => Ok(n),
                        _ => Err(err(format!("/Length {l} R is not an integer"), offset)),
                    }
                };
                let o = parse_indirect(self.data, offset, &self.limits, &length)?;
                if o.id != r {
                    return Err(err(
                        format!(
                            "the cross-reference entry of {r} R points at object {}",
                            o.id
                        ),
                        offset,
                    ));
                }
                Ok(o.object)
            }
            XrefEntry::Compressed { stream, index } => {
                if r.generation != 0 {
                    return Err(err_nowhere(format!(
                        "object {r} R is in an object stream but its generation is not 0"
                    )));
                }
                self.load_compressed(rev, r.num, stream, index)
            }
        }
    }

    fn load_compressed(&self, rev: usize, num: u32, stream: u32, index: u32) -> Result<Object> {
        if stream == num {
            return Err(err_nowhere(format!(
                "object stream {stream} contains itself"
            )));
        }
        let objstm = self.object_stream(rev, stream)?;
        let at = objstm.at;
        let index = usize::try_from(index).unwrap_or(usize::MAX);
        let &(objnum, off) = objstm
            .header
            .get(index)
            .ok_or_else(|| err(format!("object stream {stream} has no index {index}"), at))?;
        if objnum != num as usize {
            return Err(err(
                format!("index {index} of object stream {stream} holds object {objnum}, not {num}"),
                at,
            ));
        }
        let data = &objstm.data;
        let pos = objstm
            .first
            .checked_add(off)
            .filter(|&p| p < data.len())
            .ok_or_else(|| err("object stream offset beyond its data", at))?;
        let mut lx = Lexer::new(data, pos, &self.limits);
        let object = parse_object(&mut lx, &self.limits)?;
        if let Some(t) = lx.peek()? {
            if matches!(
                t.kind,
                TokenKind::Keyword(Keyword::Stream | Keyword::EndObj | Keyword::Obj)
            ) {
                return Err(err(
                    format!("object stream {stream} contains a stream or an indirect object"),
                    at,
                ));
            }
        }
        if let Some(&(_, next)) = objstm.header.get(index + 1) {
            if objstm.first.saturating_add(next) < lx.pos() {
                return Err(err("object in an object stream overlaps the next", at));
            }
        }
        Ok(object)
    }

    /// Object stream `stream` in the view of revision `rev`, decoded (cached).
    fn object_stream(&self, rev: usize, stream: u32) -> Result<Arc<ObjStm>> {
        let offset = match self.entry_in(rev, stream) {
            Some(XrefEntry::InUse {
                generation: 0,
                offset,
            }) => offset,
            Some(XrefEntry::Compressed { .. }) => {
                return Err(err_nowhere(format!(
                    "object stream {stream} is itself in an object stream"
                )));
            }
            _ => {
                return Err(err_nowhere(format!(
                    "object stream {stream} 0 R is not an in-use object of generation 0"
                )));
            }
        };
        let mut again = false;
        if let Ok(mut cache) = self.objstm_cache.lock() {
            if let Some(hit) = cache.streams.get(&offset) {
                return Ok(Arc::clone(hit));
            }
            let max = self.limits.max_decompressed_size;
            again = !cache.decoded.insert(offset);
            if again && cache.redecoded > max {
                return Err(err(
                    format!(
                        "object stream {stream} is needed again after more than \
                         max_decompressed_size = {max} bytes of object streams were decoded \
                         again: too many objects spread over too many large object streams"
                    ),
                    offset,
                ));
            }
        }
        let obj = self.load(
            rev,
            ObjRef {
                num: stream,
                generation: 0,
            },
            true,
        )?;
        let Object::Stream(s) = &obj else {
            return Err(err_nowhere(format!(
                "object stream {stream} is not a stream"
            )));
        };
        let at = s.data.start;
        s.dict.require_unique("an object stream dictionary")?;
        if s.dict.get_name(b"Type")? != Some(b"ObjStm") {
            return Err(err(
                format!("object {stream} is not an object stream (/Type /ObjStm)"),
                at,
            ));
        }
        if s.dict.get(b"Extends")?.is_some() {
            return Err(err("object streams with /Extends are not supported", at));
        }
        let n = s.dict.get_int(b"N")?.and_then(|n| usize::try_from(n).ok());
        let first = s
            .dict
            .get_int(b"First")?
            .and_then(|n| usize::try_from(n).ok());
        let (Some(n), Some(first)) = (n, first) else {
            return Err(err("object stream without valid /N and /First", at));
        };
        if n > self.limits.max_objects {
            return Err(limit_err("max_objects", self.limits.max_objects, at));
        }
        let data = self.stream_data(&obj)?;
        // The header: n pairs `object-number offset`, numbers distinct, offsets increasing.
        let mut lx = Lexer::new(&data, 0, &self.limits);
        let mut header = Vec::with_capacity(n.min(4096));
        let mut numbers = BTreeSet::new();
        for _ in 0..n {
            let mut int = || -> Result<usize> {
                match lx.next_token()? {
                    Some(t) => match t.kind {
                        TokenKind::Integer(v) => usize::try_from(v)
                            .map_err(|_| err("negative number in an object stream header", at)),
                        _ => Err(err("malformed object stream header", at)),
                    },
                    None => Err(err("truncated object stream header", at)),
                }
            };
            let (objnum, off) = (int()?, int()?);
            if !numbers.insert(objnum) {
                return Err(err(
                    format!("object stream {stream} holds object {objnum} twice"),
                    at,
                ));
            }
            if objnum == stream as usize {
                return Err(err(format!("object stream {stream} contains itself"), at));
            }
            if header.last().is_some_and(|&(_, prev)| off <= prev) {
                return Err(err("object stream offsets are not increasing", at));
            }
            header.push((objnum, off));
        }
        if first < lx.pos() {
            return Err(err("object stream /First inside its header", at));
        }
        let objstm = Arc::new(ObjStm {
            data,
            header,
            first,
            at,
        });
        if let Ok(mut cache) = self.objstm_cache.lock() {
            // Keep at most max_decompressed_size bytes of decoded streams.
            if cache.bytes.saturating_add(objstm.data.len()) > self.limits.max_decompressed_size {
                cache.streams.clear();
                cache.bytes = 0;
            }
            cache.bytes += objstm.data.len();
            cache.streams.insert(offset, Arc::clone(&objstm));
            if again {
                cache.redecoded = cache.redecoded.saturating_add(objstm.data.len());
            }
        }
        Ok(objstm)
    }
}

static EMPTY: Dictionary = Dictionary {
    entries: Vec::new(),
    duplicate_keys: Vec::new(),
    span: 0..0,
};
