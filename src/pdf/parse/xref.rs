//! Cross-reference sections (ISO 32000-1 §7.5.4, §7.5.8) and the `/Prev`
//! chain of revisions (§7.5.6).

use super::filter::decode;
use super::lexer::{Keyword, Lexer, TokenKind, is_whitespace};
use super::object::{Dictionary, Object, parse_indirect, parse_object, skip_eol, word_at};
use super::{Limits, err, limit_err};
use crate::Result;
use std::collections::{BTreeMap, BTreeSet};

/// One cross-reference entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum XrefEntry {
    /// A free entry (type 0 / `f`).
    Free {
        /// The next free object number.
        next: u64,
        /// The generation to use when the number is reused.
        generation: u16,
    },
    /// An object stored at a byte offset (type 1 / `n`).
    InUse {
        /// The offset of `num generation obj`.
        offset: usize,
        /// Its generation.
        generation: u16,
    },
    /// An object stored in an object stream (type 2), generation 0.
    Compressed {
        /// The object number of the object stream.
        stream: u32,
        /// The index of the object in the stream.
        index: u32,
    },
}

/// The flavour of a cross-reference section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum XrefKind {
    /// A classic `xref` table.
    Table,
    /// A cross-reference stream (`/Type /XRef`).
    Stream,
    /// A table whose trailer has `/XRefStm` (hybrid file).
    Hybrid,
}

/// One revision: a cross-reference section, its trailer and where it ends.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    pub(crate) xref_offset: usize,
    pub(crate) end: usize,
    pub(crate) kind: XrefKind,
    pub(crate) entries: BTreeMap<u32, XrefEntry>,
    pub(crate) trailer: Dictionary,
}

impl Revision {
    /// The offset of the section (`xref` keyword or the xref stream object).
    pub fn xref_offset(&self) -> usize {
        self.xref_offset
    }

    /// The offset just after this revision's `%%EOF` and its end-of-line marker.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The flavour of the section.
    pub fn kind(&self) -> XrefKind {
        self.kind
    }

    /// The entries of this section only (not of earlier revisions).
    pub fn entries(&self) -> &BTreeMap<u32, XrefEntry> {
        &self.entries
    }

    /// The trailer dictionary (for an xref stream: the stream dictionary).
    pub fn trailer(&self) -> &Dictionary {
        &self.trailer
    }
}

/// Read the chain of sections from the last `startxref`; oldest revision first.
pub(crate) fn read_revisions(
    data: &[u8],
    limits: &Limits,
    holes: &[super::skeleton::Hole],
) -> Result<Vec<Revision>> {
    let tail_start = data.len().saturating_sub(1024);
    let at = data[tail_start..]
        .windows(9)
        .rposition(|w| w == b"startxref")
        .map(|p| tail_start + p)
        .ok_or_else(|| err("no 'startxref' in the last 1024 bytes", data.len()))?;
    let (mut offset, end) = read_tail(data, at, limits)?;
    if end != data.len() {
        return Err(err("data after the last '%%EOF'", end));
    }
    let mut revisions = Vec::new();
    let mut seen = BTreeSet::new();
    let mut entry_count = 0usize;
    loop {
        if offset >= data.len() {
            return Err(err(
                format!("cross-reference offset {offset} is beyond the end of the file"),
                offset,
            ));
        }
        if !seen.insert(offset) {
            return Err(err(
                format!("loop in the /Prev chain at offset {offset}"),
                offset,
            ));
        }
        if revisions.len() >= limits.max_revisions {
            return Err(limit_err("max_revisions", limits.max_revisions, offset));
        }
        let rev = read_section(data, holes, offset, limits, &mut entry_count)?;
        let prev = match rev.trailer.get(b"Prev")? {
            None => None,
            Some(Object::Integer(p)) => Some(
                usize::try_from(*p)
                    .map_err(|_| err(format!("negative /Prev {p}"), rev.trailer.span.start))?,
            ),
            Some(_) => return Err(err("/Prev is not an integer", rev.trailer.span.start)),
        };
        revisions.push(rev);
        match prev {
            Some(p) => offset = p,
            None => break,
        }
    }
    revisions.reverse();
    // Each revision is a prefix of the file: its section lies after the end
    // of the previous revision, and its objects before its own end.
    let mut prev_end = 0;
    for rev in &revisions {
        if rev.xref_offset < prev_end {
            return Err(err(
                format!(
                    "cross-reference section at {} lies inside an earlier revision (which ends at {prev_end})",
                    rev.xref_offset
                ),
                rev.xref_offset,
            ));
        }
        for (num, e) in &rev.entries {
            if let XrefEntry::InUse { offset, .. } = *e {
                if offset >= rev.end {
                    return Err(err(
                        format!(
                            "object {num} is at offset {offset}, after the end of its revision ({})",
                            rev.end
                        ),
                        rev.xref_offset,
                    ));
                }
            }
        }
        prev_end = rev.end;
    }
    if prev_end != data.len() {
        return Err(err(
            format!(
                "the newest revision ends at {prev_end} but the file has {} bytes: data outside every revision",
                data.len()
            ),
            prev_end,
        ));
    }
    Ok(revisions)
}

/// `startxref N %%EOF EOL?` at `at`: returns `N` and the offset after the EOL.
fn read_tail(data: &[u8], at: usize, limits: &Limits) -> Result<(usize, usize)> {
    let mut lx = Lexer::new(data, at, limits);
    match lx.next_token()?.map(|t| t.kind) {
        Some(TokenKind::Keyword(Keyword::StartXref)) => {}
        _ => return Err(err("expected 'startxref'", at)),
    }
    let offset = match lx.next_token()? {
        Some(t) => match t.kind {
            TokenKind::Integer(n) => usize::try_from(n)
                .map_err(|_| err(format!("negative startxref {n}"), t.span.start))?,
            _ => return Err(err("startxref is not followed by an integer", t.span.start)),
        },
        None => return Err(err("startxref is not followed by an integer", lx.pos())),
    };
    let mut pos = lx.pos();
    while data.get(pos).is_some_and(|&b| is_whitespace(b)) {
        pos += 1;
    }
    if !data.get(pos..).is_some_and(|d| d.starts_with(b"%%EOF")) {
        return Err(err("missing '%%EOF' after startxref", pos));
    }
    Ok((offset, skip_eol(data, pos + 5)))
}

fn read_section(
    data: &[u8],
    holes: &[super::skeleton::Hole],
    offset: usize,
    limits: &Limits,
    entry_count: &mut usize,
) -> Result<Revision> {
    let (mut entries, trailer, after, mut kind) = if word_at(data, offset, b"xref") {
        let (entries, trailer, after) = read_table(data, offset, limits, entry_count)?;
        (entries, trailer, after, XrefKind::Table)
    } else if data.get(offset).is_some_and(u8::is_ascii_digit) {
        let (entries, trailer, after) = read_stream(data, holes, offset, limits, entry_count)?;
        (entries, trailer, after, XrefKind::Stream)
    } else {
        return Err(err(
            "the cross-reference offset does not point at 'xref' or an xref stream",
            offset,
        ));
    };
    if kind == XrefKind::Table {
        if let Some(x) = trailer.get(b"XRefStm")? {
            let Object::Integer(x) = x else {
                return Err(err("/XRefStm is not an integer", trailer.span.start));
            };
            let x = usize::try_from(*x)
                .ok()
                .filter(|&x| x < data.len())
                .ok_or_else(|| {
                    err(
                        format!("/XRefStm {x} is beyond the end of the file"),
                        trailer.span.start,
                    )
                })?;
            let (more, _, _) = read_stream(data, holes, x, limits, entry_count)?;
            for (num, e) in more {
                match entries.get(&num) {
                    Some(XrefEntry::InUse { .. } | XrefEntry::Compressed { .. }) => {}
                    _ => {
                        entries.insert(num, e);
                    }
                }
            }
            kind = XrefKind::Hybrid;
        }
    }
    let size = trailer
        .get_int(b"Size")?
        .ok_or_else(|| err("trailer without an integer /Size", trailer.span.start))?;
    if let Some((&last, _)) = entries.last_key_value() {
        if i64::from(last) >= size {
            return Err(err(
                format!("object {last} in the cross-reference section but /Size is {size}"),
                offset,
            ));
        }
    }
    if matches!(
        entries.get(&0),
        Some(XrefEntry::InUse { .. } | XrefEntry::Compressed { .. })
    ) {
        return Err(err("object number 0 is in use", offset));
    }
    let mut lx = Lexer::new(data, after, limits);
    lx.skip_whitespace();
    let (startxref, end) = read_tail(data, lx.pos(), limits)?;
    if startxref == 0 && offset != 0 {
        return Err(err(
            "'startxref 0' after a section (a linearized file's first-page trailer): \
             linearized files are not supported yet",
            lx.pos(),
        ));
    }
    if startxref != offset {
        return Err(err(
            format!("startxref {startxref} does not point at this section ({offset})"),
            lx.pos(),
        ));
    }
    Ok(Revision {
        xref_offset: offset,
        end,
        kind,
        entries,
        trailer,
    })
}

type Section = (BTreeMap<u32, XrefEntry>, Dictionary, usize);

fn add_entries(entry_count: &mut usize, n: usize, limits: &Limits, offset: usize) -> Result<()> {
    *entry_count = entry_count.saturating_add(n);
    if *entry_count > limits.max_xref_entries {
        return Err(limit_err(
            "max_xref_entries",
            limits.max_xref_entries,
            offset,
        ));
    }
    Ok(())
}

fn insert(map: &mut BTreeMap<u32, XrefEntry>, num: u64, e: XrefEntry, offset: usize) -> Result<()> {
    let num = u32::try_from(num)
        .ok()
        .filter(|&n| n < 1 << 31)
        .ok_or_else(|| err(format!("object number {num} out of range"), offset))?;
    if map.insert(num, e).is_some() {
        return Err(err(
            format!("object {num} appears twice in one cross-reference section"),
            offset,
        ));
    }
    Ok(())
}

fn digits(field: &[u8], offset: usize) -> Result<u64> {
    if !field.iter().all(u8::is_ascii_digit) {
        return Err(err("malformed cross-reference entry", offset));
    }
    Ok(field
        .iter()
        .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0')))
}

fn read_table(
    data: &[u8],
    offset: usize,
    limits: &Limits,
    entry_count: &mut usize,
) -> Result<Section> {
    let mut lx = Lexer::new(data, offset + 4, limits);
    let mut map = BTreeMap::new();
    loop {
        let t = lx
            .next_token()?
            .ok_or_else(|| err("cross-reference table without a trailer", lx.pos()))?;
        let start = match t.kind {
            TokenKind::Keyword(Keyword::Trailer) => break,
            TokenKind::Integer(n) => n,
            _ => {
                return Err(err(
                    "expected a subsection header or 'trailer'",
                    t.span.start,
                ));
            }
        };
        let count = match lx.next_token()?.map(|t| t.kind) {
            Some(TokenKind::Integer(c)) => c,
            _ => return Err(err("malformed subsection header", t.span.start)),
        };
        let (start, count) = match (u64::try_from(start), usize::try_from(count)) {
            (Ok(s), Ok(c)) => (s, c),
            _ => return Err(err("negative number in a subsection header", t.span.start)),
        };
        add_entries(entry_count, count, limits, t.span.start)?;
        let mut pos = lx.pos();
        while data.get(pos).is_some_and(|&b| is_whitespace(b)) {
            pos += 1;
        }
        for i in 0..count {
            let e = data
                .get(pos..pos + 20)
                .ok_or_else(|| err("truncated cross-reference table", pos))?;
            if e[10] != b' ' || e[16] != b' ' || !matches!(&e[18..], b" \r" | b" \n" | b"\r\n") {
                return Err(err("malformed 20-byte cross-reference entry", pos));
            }
            let a = digits(&e[..10], pos)?;
            let generation = u16::try_from(digits(&e[11..16], pos)?)
                .map_err(|_| err("generation number above 65535", pos))?;
            let entry = match e[17] {
                b'n' => XrefEntry::InUse {
                    offset: usize::try_from(a).map_err(|_| err("offset too large", pos))?,
                    generation,
                },
                b'f' => XrefEntry::Free {
                    next: a,
                    generation,
                },
                _ => {
                    return Err(err(
                        "cross-reference entry type is not 'n' or 'f'",
                        pos + 17,
                    ));
                }
            };
            let num = start
                .checked_add(u64::try_from(i).unwrap_or(u64::MAX))
                .ok_or_else(|| err("object number overflow", pos))?;
            insert(&mut map, num, entry, pos)?;
            pos += 20;
        }
        lx.set_pos(pos);
    }
    let trailer = match parse_object(&mut lx, limits)? {
        Object::Dictionary(d) => d,
        _ => return Err(err("the trailer is not a dictionary", offset)),
    };
    trailer.require_unique("the trailer")?;
    Ok((map, trailer, lx.pos()))
}

fn int_array(o: Option<&Object>, what: &str, offset: usize) -> Result<Option<Vec<u64>>> {
    match o {
        None => Ok(None),
        Some(Object::Array(a)) => {
            a.iter()
                .map(|v| match v {
                    Object::Integer(n) => u64::try_from(*n)
                        .map_err(|_| err(format!("negative number in {what}"), offset)),
                    _ => Err(err(format!("{what} holds a non-integer"), offset)),
                })
                .collect::<Result<Vec<_>>>()
                .map(Some)
        }
        Some(_) => Err(err(format!("{what} is not an array"), offset)),
    }
}

fn read_stream(
    data: &[u8],
    holes: &[super::skeleton::Hole],
    offset: usize,
    limits: &Limits,
    entry_count: &mut usize,
) -> Result<Section> {
    let obj = parse_indirect(data, offset, limits, &|_| {
        Err(err(
            "the /Length of a cross-reference stream must be direct",
            offset,
        ))
    })?;
    let Object::Stream(stream) = obj.object else {
        return Err(err(
            "the cross-reference offset points at an object that is not a stream",
            offset,
        ));
    };
    let dict = stream.dict;
    dict.require_unique("a cross-reference stream dictionary")?;
    if dict.get_name(b"Type")? != Some(b"XRef") {
        return Err(err("cross-reference stream without /Type /XRef", offset));
    }
    let size = dict
        .get_int(b"Size")?
        .and_then(|s| u64::try_from(s).ok())
        .ok_or_else(|| err("cross-reference stream without a valid /Size", offset))?;
    let w = int_array(dict.get(b"W")?, "/W", offset)?
        .ok_or_else(|| err("cross-reference stream without /W", offset))?;
    let [w0, w1, w2] = w.as_slice() else {
        return Err(err("/W does not have three entries", offset));
    };
    let widths = [*w0, *w1, *w2].map(|w| usize::try_from(w).unwrap_or(usize::MAX));
    if widths.iter().any(|&w| w > 8) || widths[1] == 0 {
        return Err(err("unsupported /W field widths", offset));
    }
    let index = int_array(dict.get(b"Index")?, "/Index", offset)?.unwrap_or_else(|| vec![0, size]);
    if index.len() % 2 != 0 {
        return Err(err("/Index has an odd number of entries", offset));
    }
    if !matches!(super::skeleton::overlap(holes, &stream.data), Ok(None)) {
        return Err(super::skeleton::hole_err(&stream.data));
    }
    let raw = &data[stream.data.clone()];
    let decoded = decode(&dict, raw, limits, stream.data.start)?;
    let row: usize = widths.iter().sum();
    let mut total = 0usize;
    for pair in index.chunks_exact(2) {
        let n = usize::try_from(pair[1]).map_err(|_| err("/Index count too large", offset))?;
        add_entries(entry_count, n, limits, offset)?;
        total = total.saturating_add(n);
    }
    if total.checked_mul(row) != Some(decoded.len()) {
        return Err(err(
            format!(
                "cross-reference stream has {} bytes, /W and /Index need {total} rows of {row}",
                decoded.len()
            ),
            offset,
        ));
    }
    let mut map = BTreeMap::new();
    let mut rows = decoded.chunks_exact(row);
    for pair in index.chunks_exact(2) {
        for i in 0..pair[1] {
            let Some(r) = rows.next() else { break };
            let (f0, rest) = r.split_at(widths[0]);
            let (f1, f2) = rest.split_at(widths[1]);
            let field = |f: &[u8]| f.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b));
            let ty = if widths[0] == 0 { 1 } else { field(f0) };
            let (a, b) = (field(f1), field(f2));
            let bad = || err("cross-reference stream field out of range", offset);
            let entry = match ty {
                0 => XrefEntry::Free {
                    next: a,
                    generation: u16::try_from(b).map_err(|_| bad())?,
                },
                1 => XrefEntry::InUse {
                    offset: usize::try_from(a).map_err(|_| bad())?,
                    generation: u16::try_from(b).map_err(|_| bad())?,
                },
                2 => XrefEntry::Compressed {
                    stream: u32::try_from(a).map_err(|_| bad())?,
                    index: u32::try_from(b).map_err(|_| bad())?,
                },
                t => {
                    return Err(err(
                        format!("unknown cross-reference entry type {t}"),
                        offset,
                    ));
                }
            };
            let num = pair[0].checked_add(i).ok_or_else(bad)?;
            insert(&mut map, num, entry, offset)?;
        }
    }
    Ok((map, dict, obj.span.end))
}
