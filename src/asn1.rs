//! Small DER helpers shared by the X.509 and CMS code: locating the exact bytes
//! a signature covers, without re-encoding anything.

use crate::error::{DecodeError, Result};
use crate::time::Timestamp;
use core::ops::Range;
use der::{Decode as _, Header, Reader as _, SliceReader};

/// Longest DER structure gmseal decodes in one piece (16 MiB). Certificates,
/// CRLs and CMS blobs are far smaller; a longer length is an attack or corruption.
pub(crate) const MAX_DER_LEN: usize = 16 << 20;

/// For `SEQUENCE { first, ... }` spanning all of `der`, the byte range of `first`
/// (its tag, length and value). This is how the signed part of a certificate
/// (`tbsCertificate`) or CRL (`tbsCertList`) is found: signatures are verified
/// over these stored bytes, never over a re-encoding.
///
/// # Errors
/// When `der` is not one complete SEQUENCE with at least one element, or has
/// trailing bytes.
pub(crate) fn first_element(der: &[u8], what: &'static str) -> Result<Range<usize>> {
    if der.len() > MAX_DER_LEN {
        return Err(DecodeError::new(
            what,
            format!(
                "{} bytes is more than the {MAX_DER_LEN}-byte limit",
                der.len()
            ),
        )
        .into());
    }
    let err = |e: der::Error| DecodeError::from_der(what, e);
    let mut reader = SliceReader::new(der).map_err(err)?;
    let outer = Header::decode(&mut reader).map_err(err)?;
    if outer.tag() != der::Tag::Sequence {
        return Err(
            DecodeError::new(what, format!("expected a SEQUENCE, found {}", outer.tag())).into(),
        );
    }
    let outer_len = usize::try_from(outer.length()).map_err(err)?;
    let body_start = usize::try_from(reader.position()).map_err(err)?;
    match (body_start + outer_len).cmp(&der.len()) {
        core::cmp::Ordering::Greater => {
            return Err(
                DecodeError::new(what, "truncated: the SEQUENCE is longer than the input").into(),
            );
        }
        core::cmp::Ordering::Less => {
            return Err(DecodeError {
                what,
                detail: format!(
                    "{} trailing bytes after the SEQUENCE",
                    der.len() - body_start - outer_len
                ),
                offset: Some(body_start + outer_len),
            }
            .into());
        }
        core::cmp::Ordering::Equal => {}
    }
    let inner = Header::decode(&mut reader).map_err(err)?;
    let inner_header_len = usize::try_from(reader.position()).map_err(err)? - body_start;
    let inner_len = usize::try_from(inner.length()).map_err(err)?;
    let end = body_start + inner_header_len + inner_len;
    if end > body_start + outer_len {
        return Err(DecodeError::new(what, "truncated first element").into());
    }
    Ok(body_start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_element() {
        let der = [0x30, 0x06, 0x30, 0x01, 0x05, 0x02, 0x01, 0x07];
        assert_eq!(first_element(&der, "x").unwrap(), 2..5);
        let mut trailing = der.to_vec();
        trailing.push(0);
        assert!(
            first_element(&trailing, "x")
                .unwrap_err()
                .to_string()
                .contains("trailing")
        );
        assert!(first_element(&der[..7], "x").is_err());
        assert!(first_element(&[0x31, 0x00], "x").is_err());
        assert!(first_element(&[0x30, 0x00], "x").is_err());
        assert!(first_element(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF], "x").is_err());
    }
}

/// One DER element: tag byte, value, and the whole encoding, with its offset in
/// the outermost input (for error messages).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tlv<'a> {
    pub(crate) tag: u8,
    pub(crate) value: &'a [u8],
    pub(crate) raw: &'a [u8],
    pub(crate) offset: usize,
}

impl<'a> Tlv<'a> {
    /// A reader over this element's value (for constructed types).
    pub(crate) fn reader(&self, what: &'static str) -> DerReader<'a> {
        DerReader {
            data: self.value,
            pos: 0,
            base: self.offset + (self.raw.len() - self.value.len()),
            what,
        }
    }
}

/// A strict reader of consecutive DER elements: definite minimal lengths only,
/// low tag numbers only, never reads past its slice.
pub(crate) struct DerReader<'a> {
    data: &'a [u8],
    pos: usize,
    base: usize,
    what: &'static str,
}

impl<'a> DerReader<'a> {
    pub(crate) fn new(data: &'a [u8], what: &'static str) -> Self {
        Self {
            data,
            pos: 0,
            base: 0,
            what,
        }
    }

    fn err(&self, at: usize, detail: String) -> crate::Error {
        DecodeError {
            what: self.what,
            detail,
            offset: Some(self.base + at),
        }
        .into()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    pub(crate) fn peek_tag(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    /// Read the next element, whatever its tag.
    pub(crate) fn read_any(&mut self, field: &str) -> Result<Tlv<'a>> {
        let start = self.pos;
        let rest = &self.data[start..];
        let Some(&tag) = rest.first() else {
            return Err(self.err(start, format!("{field} is missing")));
        };
        if tag & 0x1F == 0x1F {
            return Err(self.err(
                start,
                format!("{field}: high tag numbers are not supported"),
            ));
        }
        let Some(&first) = rest.get(1) else {
            return Err(self.err(start, format!("{field}: truncated length")));
        };
        let (len, header) = if first < 0x80 {
            (usize::from(first), 2)
        } else if first == 0x80 {
            return Err(self.err(
                start,
                format!("{field}: indefinite length (BER) is not DER"),
            ));
        } else {
            let n = usize::from(first & 0x7F);
            if n > 4 {
                return Err(self.err(start, format!("{field}: length of {n} bytes is too large")));
            }
            let Some(bytes) = rest.get(2..2 + n) else {
                return Err(self.err(start, format!("{field}: truncated length")));
            };
            let len = bytes
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
            if bytes[0] == 0 || len < 0x80 {
                return Err(self.err(start, format!("{field}: non-minimal length encoding")));
            }
            (len, 2 + n)
        };
        if len > MAX_DER_LEN {
            return Err(self.err(
                start,
                format!("{field}: length {len} exceeds the {MAX_DER_LEN}-byte limit"),
            ));
        }
        let Some(raw) = rest.get(..header + len) else {
            return Err(self.err(
                start,
                format!(
                    "{field}: truncated (needs {len} bytes, {} left)",
                    rest.len() - header
                ),
            ));
        };
        self.pos += header + len;
        Ok(Tlv {
            tag,
            value: &raw[header..],
            raw,
            offset: self.base + start,
        })
    }

    /// Read the next element, which must have `tag`.
    pub(crate) fn read(&mut self, tag: u8, field: &str) -> Result<Tlv<'a>> {
        let start = self.pos;
        let tlv = self.read_any(field)?;
        if tlv.tag != tag {
            return Err(self.err(
                start,
                format!("{field}: expected tag 0x{tag:02X}, found 0x{:02X}", tlv.tag),
            ));
        }
        Ok(tlv)
    }

    /// Read the next element if it has `tag`.
    pub(crate) fn read_optional(&mut self, tag: u8, field: &str) -> Result<Option<Tlv<'a>>> {
        if self.peek_tag() == Some(tag) {
            self.read(tag, field).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Fail when anything is left.
    pub(crate) fn finish(&self, field: &str) -> Result<()> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.err(self.pos, format!("unexpected data after {field}")))
        }
    }
}

/// Universal tags gmseal reads by hand.
pub(crate) mod tag {
    pub(crate) const BOOLEAN: u8 = 0x01;
    pub(crate) const INTEGER: u8 = 0x02;
    pub(crate) const BIT_STRING: u8 = 0x03;
    pub(crate) const OCTET_STRING: u8 = 0x04;
    pub(crate) const NULL: u8 = 0x05;
    pub(crate) const OID: u8 = 0x06;
    pub(crate) const UTF8_STRING: u8 = 0x0C;
    pub(crate) const PRINTABLE_STRING: u8 = 0x13;
    pub(crate) const IA5_STRING: u8 = 0x16;
    pub(crate) const UTC_TIME: u8 = 0x17;
    pub(crate) const GENERALIZED_TIME: u8 = 0x18;
    pub(crate) const SEQUENCE: u8 = 0x30;
    pub(crate) const SET: u8 = 0x31;
    /// `[n]` constructed, context-specific.
    pub(crate) const fn context(n: u8) -> u8 {
        0xA0 | n
    }
    /// `[n]` primitive, context-specific.
    pub(crate) const fn context_primitive(n: u8) -> u8 {
        0x80 | n
    }
}

/// Encode one DER element from its tag and the concatenation of `parts`.
#[allow(clippy::cast_possible_truncation)] // short form: len < 0x80; long form: at most 8 length bytes
pub(crate) fn tlv(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = Vec::with_capacity(len + 6);
    out.push(tag);
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    for p in parts {
        out.extend_from_slice(p);
    }
    out
}

/// A DER `SET OF`: the elements sorted by their encodings (X.690 §11.6).
pub(crate) fn set_of(mut elements: Vec<Vec<u8>>) -> Vec<u8> {
    elements.sort();
    let parts: Vec<&[u8]> = elements.iter().map(Vec::as_slice).collect();
    tlv(tag::SET, &parts)
}

/// Decode an OBJECT IDENTIFIER element.
pub(crate) fn oid(t: &Tlv<'_>, what: &'static str) -> Result<der::asn1::ObjectIdentifier> {
    der::asn1::ObjectIdentifier::from_bytes(t.value).map_err(|_| {
        DecodeError {
            what,
            detail: "malformed OBJECT IDENTIFIER".into(),
            offset: Some(t.offset),
        }
        .into()
    })
}

/// Encode an OBJECT IDENTIFIER element.
pub(crate) fn oid_der(oid: &der::asn1::ObjectIdentifier) -> Vec<u8> {
    tlv(tag::OID, &[oid.as_bytes()])
}

fn malformed(t: &Tlv<'_>, what: &'static str, detail: String) -> crate::Error {
    DecodeError {
        what,
        detail,
        offset: Some(t.offset),
    }
    .into()
}

/// Decode an INTEGER that fits in an `i64` (two's complement, as stored).
pub(crate) fn read_int(t: &Tlv<'_>, what: &'static str, field: &str) -> Result<i64> {
    if t.tag != tag::INTEGER {
        return Err(malformed(t, what, format!("{field} is not an INTEGER")));
    }
    let v = t.value;
    if v.is_empty() || v.len() > 8 {
        return Err(malformed(
            t,
            what,
            format!("{field}: INTEGER of {} bytes is out of range", v.len()),
        ));
    }
    let negative = v[0] & 0x80 != 0;
    let mut acc: i64 = if negative { -1 } else { 0 };
    for &b in v {
        acc = (acc << 8) | i64::from(b);
    }
    Ok(acc)
}

/// Encode a non-negative INTEGER.
pub(crate) fn int_der(value: u64) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count().min(7);
    let body = &bytes[skip..];
    if body[0] & 0x80 != 0 {
        tlv(tag::INTEGER, &[&[0], body])
    } else {
        tlv(tag::INTEGER, &[body])
    }
}

/// Decode a character string: UTF8String, PrintableString, IA5String,
/// VisibleString or BMPString.
pub(crate) fn read_string(t: &Tlv<'_>, what: &'static str, field: &str) -> Result<String> {
    let bad = |kind: &str| malformed(t, what, format!("{field} is not valid {kind}"));
    match t.tag {
        tag::UTF8_STRING => String::from_utf8(t.value.to_vec()).map_err(|_| bad("UTF-8")),
        tag::PRINTABLE_STRING | tag::IA5_STRING | 0x1A => {
            if t.value.is_ascii() {
                Ok(String::from_utf8_lossy(t.value).into_owned())
            } else {
                Err(bad("ASCII"))
            }
        }
        0x1E => {
            if t.value.len() % 2 != 0 {
                return Err(bad("BMPString"));
            }
            let units: Vec<u16> = t
                .value
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).map_err(|_| bad("BMPString"))
        }
        other => Err(malformed(
            t,
            what,
            format!("{field} has tag 0x{other:02X}, not a character string"),
        )),
    }
}

/// Decode a BIT STRING holding whole bytes (unused-bits octet 0); returns the bytes.
pub(crate) fn read_bit_string<'a>(
    t: &Tlv<'a>,
    what: &'static str,
    field: &str,
) -> Result<&'a [u8]> {
    if t.tag != tag::BIT_STRING {
        return Err(malformed(t, what, format!("{field} is not a BIT STRING")));
    }
    match t.value.split_first() {
        Some((0, rest)) => Ok(rest),
        Some((n, _)) => Err(malformed(
            t,
            what,
            format!("{field}: BIT STRING has {n} unused bits"),
        )),
        None => Err(malformed(t, what, format!("{field}: empty BIT STRING"))),
    }
}

/// Encode a BIT STRING of whole bytes.
pub(crate) fn bit_string_der(bytes: &[u8]) -> Vec<u8> {
    tlv(tag::BIT_STRING, &[&[0], bytes])
}

/// Decode a GeneralizedTime or UTCTime, tolerating what real files contain:
/// optional seconds, fractional seconds, and `Z` or `±hhmm` offsets.
pub(crate) fn read_time(t: &Tlv<'_>, what: &'static str, field: &str) -> Result<Timestamp> {
    let text = core::str::from_utf8(t.value).ok();
    let parsed = match (t.tag, text) {
        (tag::GENERALIZED_TIME, Some(s)) => parse_asn1_time(s, 4),
        (tag::UTC_TIME, Some(s)) => parse_asn1_time(s, 2),
        _ => None,
    };
    parsed.ok_or_else(|| {
        malformed(
            t,
            what,
            format!(
                "{field} is not a GeneralizedTime or UTCTime ({:?})",
                String::from_utf8_lossy(t.value)
            ),
        )
    })
}

/// `YYYY`/`YY` + `MMDDHHMM[SS][.f*](Z|±hhmm)`; UTCTime years 50-99 are 19xx (RFC 5280 §4.1.2.5.1).
fn parse_asn1_time(s: &str, year_digits: usize) -> Option<Timestamp> {
    // Byte positions below are character positions only for ASCII (found by fuzzing:
    // a multi-byte character where the seconds or the offset belong panicked).
    if !s.is_ascii() {
        return None;
    }
    let digits = |r: Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let y = digits(0..year_digits)?;
    let year = if year_digits == 2 {
        if y >= 50 { 1900 + y } else { 2000 + y }
    } else {
        y
    };
    let p = year_digits;
    let (month, day, hour, minute) = (
        digits(p..p + 2)?,
        digits(p + 2..p + 4)?,
        digits(p + 4..p + 6)?,
        digits(p + 6..p + 8)?,
    );
    let mut rest = s.get(p + 8..)?;
    let mut second = 0;
    if rest.len() >= 2 && rest.as_bytes()[0].is_ascii_digit() {
        second = rest[..2].parse().ok()?;
        rest = &rest[2..];
    }
    if let Some(frac) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(',')) {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        rest = &frac[n..];
    }
    let offset: i64 = match rest {
        "Z" => 0,
        _ if rest.len() == 5 && (rest.starts_with('+') || rest.starts_with('-')) => {
            let h: i64 = rest[1..3].parse().ok()?;
            let m: i64 = rest[3..5].parse().ok()?;
            let v = h * 3600 + m * 60;
            if rest.starts_with('-') { -v } else { v }
        }
        _ => return None,
    };
    Timestamp::from_civil([year, month, day, hour, minute, second], offset)
}

/// Encode a GeneralizedTime `YYYYMMDDHHMMSSZ`.
pub(crate) fn generalized_time_der(t: Timestamp) -> Vec<u8> {
    let s = t.to_string(); // 2026-01-02T03:04:05Z
    let compact: String = s.chars().filter(char::is_ascii_digit).collect();
    tlv(tag::GENERALIZED_TIME, &[compact.as_bytes(), b"Z"])
}

/// Decode a BOOLEAN; any non-zero octet is TRUE (BER), as real seals need.
pub(crate) fn read_bool(t: &Tlv<'_>, what: &'static str, field: &str) -> Result<bool> {
    match (t.tag, t.value) {
        (tag::BOOLEAN, [b]) => Ok(*b != 0),
        _ => Err(malformed(t, what, format!("{field} is not a BOOLEAN"))),
    }
}

#[cfg(test)]
mod reader_tests {
    use super::*;

    #[test]
    fn strict_lengths() {
        let mut r = DerReader::new(&[0x04, 0x81, 0x05, 1, 2, 3, 4, 5], "x");
        assert!(
            r.read_any("f")
                .unwrap_err()
                .to_string()
                .contains("non-minimal")
        );
        let mut r = DerReader::new(&[0x30, 0x80, 0, 0], "x");
        assert!(
            r.read_any("f")
                .unwrap_err()
                .to_string()
                .contains("indefinite")
        );
        let mut r = DerReader::new(&[0x04, 0x03, 1], "x");
        assert!(
            r.read_any("f")
                .unwrap_err()
                .to_string()
                .contains("truncated")
        );
        let mut r = DerReader::new(&[0x04, 0x01, 1, 0x05, 0x00], "x");
        assert_eq!(r.read(tag::OCTET_STRING, "a").unwrap().value, &[1]);
        assert!(r.finish("a").is_err());
        assert!(r.read(tag::OCTET_STRING, "b").is_err());
        let long = vec![7u8; 300];
        let enc = tlv(tag::OCTET_STRING, &[&long]);
        assert_eq!(&enc[..4], &[0x04, 0x82, 0x01, 0x2C]);
        assert_eq!(
            DerReader::new(&enc, "x").read_any("f").unwrap().value.len(),
            300
        );
    }

    #[test]
    fn lenient_times_and_integers() {
        let t = |tag: u8, s: &str| {
            let der = tlv(tag, &[s.as_bytes()]);
            let mut r = DerReader::new(&der, "x");
            read_time(&r.read_any("t").unwrap(), "x", "t").map(|t| t.to_string())
        };
        assert_eq!(
            t(tag::GENERALIZED_TIME, "20260102030405Z").unwrap(),
            "2026-01-02T03:04:05Z"
        );
        assert_eq!(
            t(tag::GENERALIZED_TIME, "20260102030405.123Z").unwrap(),
            "2026-01-02T03:04:05Z"
        );
        assert_eq!(
            t(tag::GENERALIZED_TIME, "20260102110405+0800").unwrap(),
            "2026-01-02T03:04:05Z"
        );
        assert_eq!(
            t(tag::UTC_TIME, "2001250731Z").unwrap(),
            "2020-01-25T07:31:00Z"
        );
        assert_eq!(
            t(tag::UTC_TIME, "991231235959Z").unwrap(),
            "1999-12-31T23:59:59Z"
        );
        assert!(t(tag::GENERALIZED_TIME, "2026010203Z").is_err());
        assert!(t(tag::OCTET_STRING, "20260102030405Z").is_err());
        // Non-ASCII where the seconds or the offset belong (fuzz/regressions/seal).
        assert!(t(tag::GENERALIZED_TIME, "2026010203040Х").is_err());
        assert!(t(tag::GENERALIZED_TIME, "202601020304+0Х0").is_err());
        let g = generalized_time_der(Timestamp::parse("2026-01-02T03:04:05Z").unwrap());
        assert_eq!(&g[2..], b"20260102030405Z");
        for v in [0u64, 1, 127, 128, 255, 256, 1 << 40] {
            let der = int_der(v);
            let mut r = DerReader::new(&der, "x");
            assert_eq!(
                read_int(&r.read_any("i").unwrap(), "x", "i").unwrap(),
                v as i64
            );
        }
        let mut r = DerReader::new(&[0x02, 0x01, 0xFF], "x");
        assert_eq!(read_int(&r.read_any("i").unwrap(), "x", "i").unwrap(), -1);
    }

    #[test]
    fn set_of_is_sorted() {
        let s = set_of(vec![vec![0x04, 0x01, 0x02], vec![0x02, 0x01, 0x05]]);
        assert_eq!(s, [0x31, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0x02]);
    }
}
