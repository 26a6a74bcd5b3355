//! Stream filters: `FlateDecode` with PNG predictors. Every other filter is
//! an explicit "unsupported filter" error, never undecoded data.

use super::object::{Dictionary, Object};
use super::{Limits, err, limit_err};
use crate::Result;
use std::io::Read as _;

/// Decode `raw`, the data of a stream with dictionary `dict` at `offset`.
pub(crate) fn decode(
    dict: &Dictionary,
    raw: &[u8],
    limits: &Limits,
    offset: usize,
) -> Result<Vec<u8>> {
    let (filter, parms) = match (dict.get(b"Filter")?, dict.get(b"DecodeParms")?) {
        (None, None) => {
            if raw.len() > limits.max_decompressed_size {
                return Err(limit_err(
                    "max_decompressed_size",
                    limits.max_decompressed_size,
                    offset,
                ));
            }
            return Ok(raw.to_vec());
        }
        (None, Some(_)) => return Err(err("/DecodeParms without /Filter", offset)),
        (Some(Object::Name(n)), p) => (n.as_slice(), p),
        (Some(Object::Array(a)), p) => match (a.as_slice(), p) {
            ([Object::Name(n)], None) => (n.as_slice(), None),
            ([Object::Name(n)], Some(Object::Array(p))) => match p.as_slice() {
                [p] => (n.as_slice(), Some(p)),
                _ => return Err(err("/DecodeParms does not match /Filter", offset)),
            },
            ([Object::Name(n)], Some(p)) => (n.as_slice(), Some(p)),
            ([], None) => return decode(&Dictionary::default(), raw, limits, offset),
            _ => return Err(err("unsupported filter: more than one filter", offset)),
        },
        _ => return Err(err("/Filter is not a name or an array of names", offset)),
    };
    if filter != b"FlateDecode" {
        return Err(err(
            format!("unsupported filter /{}", String::from_utf8_lossy(filter)),
            offset,
        ));
    }
    let data = inflate(raw, limits, offset)?;
    let (predictor, columns, colors, bits) = match parms {
        None | Some(Object::Null) => return Ok(data),
        Some(Object::Dictionary(p)) => (
            p.get_int(b"Predictor")?.unwrap_or(1),
            p.get_int(b"Columns")?.unwrap_or(1),
            p.get_int(b"Colors")?.unwrap_or(1),
            p.get_int(b"BitsPerComponent")?.unwrap_or(8),
        ),
        Some(_) => return Err(err("/DecodeParms is not a dictionary", offset)),
    };
    match predictor {
        1 => Ok(data),
        10..=15 => {
            let bpp = usize::try_from(colors * bits)
                .ok()
                .filter(|&b| (1..=256).contains(&b))
                .map(|b| b.div_ceil(8))
                .ok_or_else(|| err("bad /Colors or /BitsPerComponent", offset))?;
            let row = usize::try_from(columns)
                .ok()
                .filter(|&c| c >= 1)
                .and_then(|c| c.checked_mul(usize::try_from(colors * bits).ok()?))
                .map(|b| b.div_ceil(8))
                .ok_or_else(|| err("bad /Columns", offset))?;
            png_unpredict(&data, row, bpp, offset)
        }
        p => Err(err(format!("unsupported predictor {p}"), offset)),
    }
}

fn inflate(raw: &[u8], limits: &Limits, offset: usize) -> Result<Vec<u8>> {
    let max = limits.max_decompressed_size;
    let mut out = Vec::new();
    let cap = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    flate2::read::ZlibDecoder::new(raw)
        .take(cap)
        .read_to_end(&mut out)
        .map_err(|e| err(format!("FlateDecode data is corrupt: {e}"), offset))?;
    if out.len() > max {
        return Err(limit_err("max_decompressed_size", max, offset));
    }
    Ok(out)
}

/// Undo PNG row predictors (ISO 32000-1 §7.4.4.4; each row starts with its type).
fn png_unpredict(data: &[u8], row: usize, bpp: usize, offset: usize) -> Result<Vec<u8>> {
    let stride = row + 1;
    if data.len() % stride != 0 {
        return Err(err(
            format!(
                "predicted data of {} bytes is not whole rows of {stride}",
                data.len()
            ),
            offset,
        ));
    }
    let mut out: Vec<u8> = Vec::with_capacity(data.len() / stride * row);
    for chunk in data.chunks_exact(stride) {
        let (kind, cur) = (chunk[0], &chunk[1..]);
        let base = out.len();
        let prev_start = base.checked_sub(row);
        for i in 0..row {
            let up = match prev_start {
                Some(p) => out[p + i],
                None => 0,
            };
            let left = if i >= bpp { out[base + i - bpp] } else { 0 };
            let up_left = match prev_start {
                Some(p) if i >= bpp => out[p + i - bpp],
                _ => 0,
            };
            let x = cur[i];
            let v = match kind {
                0 => x,
                1 => x.wrapping_add(left),
                2 => x.wrapping_add(up),
                3 => x.wrapping_add(((u16::from(left) + u16::from(up)) / 2).to_le_bytes()[0]),
                4 => x.wrapping_add(paeth(left, up, up_left)),
                k => return Err(err(format!("unknown PNG row filter {k}"), offset)),
            };
            out.push(v);
        }
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    #[test]
    fn png_up_and_sub() {
        let data = [2, 1, 2, 2, 1, 1, 1, 1, 5];
        assert_eq!(
            png_unpredict(&data, 2, 1, 0).unwrap(),
            vec![1, 2, 2, 3, 1, 6]
        );
        assert!(png_unpredict(&data[..8], 2, 1, 0).is_err());
        assert!(png_unpredict(&[7, 0, 0], 2, 1, 0).is_err());
        assert_eq!(png_unpredict(&[4, 10, 20], 2, 1, 0).unwrap(), vec![10, 30]);
    }

    #[test]
    fn flate_and_unsupported() {
        let l = Limits::default();
        let z = crate::pdf::write::deflate(b"hello hello hello");
        let mut d = Dictionary::default();
        d.entries
            .push((b"Filter".to_vec(), Object::Name(b"FlateDecode".to_vec())));
        assert_eq!(decode(&d, &z, &l, 0).unwrap(), b"hello hello hello");
        let mut small = l.clone();
        small.max_decompressed_size = 5;
        let e = decode(&d, &z, &small, 9).unwrap_err().to_string();
        assert!(
            e.contains("max_decompressed_size") && e.contains("at byte 9"),
            "{e}"
        );
        assert!(decode(&d, b"not zlib", &l, 0).is_err());
        d.entries[0].1 = Object::Name(b"DCTDecode".to_vec());
        let e = decode(&d, &z, &l, 0).unwrap_err().to_string();
        assert!(e.contains("unsupported filter /DCTDecode"), "{e}");
    }
}
