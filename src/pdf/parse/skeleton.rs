//! Reading a large PDF without holding it in memory.
//!
//! A verifier needs every byte of a file once (to hash the signed ranges) but
//! parses only a small part of it: the cross-reference sections, trailers and
//! the objects it resolves. Large stream data (images, embedded files) is
//! never parsed. A [`Skeleton`] is the file with the data of every large
//! stream left out: the buffer has the file's length, but the left-out parts
//! are never written, so the operating system never backs them with memory
//! (a zeroed allocation is mapped lazily). Each left-out part, a *hole*,
//! keeps the SM3 digest of its real bytes, so that comparing two streams
//! still compares their contents.
//!
//! Holes are found by a sequential scan: after a `stream` keyword and its
//! end-of-line, when the dictionary just before it has a direct `/Length` of
//! at least `min_hole` bytes, that many bytes are a hole. The scan does not
//! decide anything: the strict reader still parses the skeleton as usual,
//! and reading across a hole fails closed. Hole bytes read as zeros, which are
//! white space; the bytes after a hole are the real `endstream` (or whatever
//! the file has there), so any token sequence that runs into a hole ends in an
//! error rather than a different object. Decoding, or comparing, data that
//! overlaps a hole without being exactly one is an error.

use super::lexer::Lexer;
use super::object::parse_object;
use super::{Limits, err};
use crate::Result;
use crate::crypto::Sm3;
use core::ops::Range;
use std::io::Read;

/// Bytes read at a time.
const CHUNK: usize = 1 << 20;
/// How far before `stream` the scan looks for the dictionary's `<<`.
const DICT_WINDOW: usize = 4096;
/// Bytes of dictionary parsing the scan may spend per byte of the file
/// (at least 1 MiB in all). A crafted file can make every `stream`
/// keyword cost a window's worth of attempts; once the budget is spent,
/// no more holes are made and the rest of the file is kept in memory.
const SCAN_WORK_PER_BYTE: usize = 8;

/// A left-out stream: where its data is and the SM3 of that data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hole {
    /// The stream data's byte range in the file.
    pub range: Range<usize>,
    /// SM3 of the real bytes.
    pub digest: [u8; 32],
}

/// A file with the data of its large streams left out.
#[derive(Debug)]
pub struct Skeleton {
    data: Vec<u8>,
    holes: Vec<Hole>,
}

impl Skeleton {
    /// Read `len` bytes from `reader`, leaving out the data of streams of at
    /// least `min_hole` bytes (at least 64 KiB).
    ///
    /// # Errors
    /// When reading fails or ends early, or `len` exceeds `limits.max_file_size`.
    pub fn read(
        mut reader: impl Read,
        len: usize,
        min_hole: usize,
        limits: &Limits,
    ) -> Result<Self> {
        if len > limits.max_file_size {
            return Err(super::limit_err("max_file_size", limits.max_file_size, 0));
        }
        let min_hole = min_hole.max(64 << 10);
        let mut data = vec![0u8; len];
        let mut holes = Vec::new();
        let mut pos = 0;
        // Everything before `scanned` has been searched for `stream`.
        let mut scanned = 0;
        let mut buf = vec![0u8; CHUNK];
        let mut budget = len.saturating_mul(SCAN_WORK_PER_BYTE).max(1 << 20);
        loop {
            // Search what is complete (a keyword and its EOL need 8 bytes).
            let limit = if pos == len {
                pos
            } else {
                pos.saturating_sub(8)
            };
            if scanned < limit {
                if let Some(found) = find(&data[scanned..limit], b"stream") {
                    let at = scanned + found;
                    scanned = at + 6;
                    let hole = stream_data_start(&data, at).and_then(|start| {
                        let length = direct_length(&data, at, limits, &mut budget)?;
                        let end = start.checked_add(length).filter(|&e| e <= len)?;
                        (length >= min_hole).then_some(start..end)
                    });
                    if let Some(range) = hole {
                        // What is already in `data` is hashed (and kept); the
                        // rest is read, hashed and not stored.
                        let mut h = Sm3::new();
                        let stored = pos.min(range.end);
                        h.update(&data[range.start.min(stored)..stored]);
                        while pos < range.end {
                            let m = (range.end - pos).min(CHUNK);
                            reader.read_exact(&mut buf[..m]).map_err(crate::Error::Io)?;
                            h.update(&buf[..m]);
                            pos += m;
                        }
                        scanned = range.end;
                        holes.push(Hole {
                            range,
                            digest: h.finalize(),
                        });
                    }
                    continue;
                }
                scanned = limit;
            }
            if pos == len {
                break;
            }
            let n = (len - pos).min(CHUNK);
            reader
                .read_exact(&mut data[pos..pos + n])
                .map_err(crate::Error::Io)?;
            pos += n;
        }
        Ok(Self { data, holes })
    }

    /// The bytes, holes read as zeros.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The holes, in file order.
    pub fn holes(&self) -> &[Hole] {
        &self.holes
    }
}

/// After `stream` at `at`: the data starts after CRLF or LF.
fn stream_data_start(data: &[u8], at: usize) -> Option<usize> {
    if at >= 3 && &data[at - 3..at] == b"end" {
        return None;
    }
    match data.get(at + 6..at + 8)? {
        [b'\r', b'\n'] => Some(at + 8),
        [b'\n', _] => Some(at + 7),
        _ => None,
    }
}

/// The direct `/Length` of the dictionary that ends just before `at`.
/// Each attempt parses at most up to that end, and is paid from `budget`:
/// `None` once it is spent.
fn direct_length(data: &[u8], at: usize, limits: &Limits, budget: &mut usize) -> Option<usize> {
    let mut end = at;
    while end > 0 && super::lexer::is_whitespace(data[end - 1]) {
        end -= 1;
    }
    if end < 2 || &data[end - 2..end] != b">>" {
        return None;
    }
    // Try each `<<` in the window, nearest first, until one parses to `end`.
    let from = end.saturating_sub(DICT_WINDOW);
    let dict_data = &data[..end];
    let mut i = end - 2;
    while i > from {
        i -= 1;
        if &data[i..i + 2] == b"<<" {
            *budget = budget.checked_sub(end - i)?;
            let mut lx = Lexer::new(dict_data, i, limits);
            if let Ok(super::Object::Dictionary(d)) = parse_object(&mut lx, limits) {
                if lx.pos() == end {
                    return match d.get(b"Length") {
                        Ok(Some(super::Object::Integer(n))) => usize::try_from(*n).ok(),
                        _ => None,
                    };
                }
            }
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether `range` overlaps a hole; `Some(hole)` when it is exactly one.
pub(crate) fn overlap<'h>(holes: &'h [Hole], range: &Range<usize>) -> Result<Option<&'h Hole>, ()> {
    for h in holes {
        if h.range == *range {
            return Ok(Some(h));
        }
        if h.range.start < range.end && range.start < h.range.end {
            return Err(());
        }
    }
    Ok(None)
}

/// The error for data that lies in a hole.
pub(crate) fn hole_err(range: &Range<usize>) -> crate::Error {
    err(
        format!(
            "the data at {}..{} was not loaded (a large stream read in streaming mode)",
            range.start, range.end
        ),
        range.start,
    )
}
