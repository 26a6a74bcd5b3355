//! Writing parsed objects back as PDF syntax (ISO 32000-1 §7.3), for the
//! objects an incremental update must change (catalog, page, `/AcroForm`).
//! Strings are written as hexadecimal strings and names with `#xx` escapes,
//! so no byte of the input can break out of its token.

use crate::pdf::parse::{Dictionary, Object};
use crate::{Error, Result};
use std::io::Write as _;

/// Append `obj` to `out`. Streams cannot be rewritten (the signer never
/// changes one) and dictionaries with duplicate keys are refused.
pub(crate) fn write_object(out: &mut Vec<u8>, obj: &Object) -> Result<()> {
    match obj {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        Object::Real(r) => write_real(out, *r),
        Object::String(s) => write_hex_string(out, &s.bytes),
        Object::Name(n) => write_name(out, n),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item)?;
            }
            out.push(b']');
        }
        Object::Dictionary(d) => write_dictionary(out, d, &[])?,
        Object::Reference(r) => {
            let _ = write!(out, "{} {} R", r.num, r.generation);
        }
        Object::Stream(_) => {
            return Err(Error::InvalidInput(
                "a stream cannot be rewritten in an incremental update".into(),
            ));
        }
    }
    Ok(())
}

/// Append `d`, with the entries of `replace` instead of (or in addition to)
/// those of the same key. Each replacement value is raw PDF syntax.
pub(crate) fn write_dictionary(
    out: &mut Vec<u8>,
    d: &Dictionary,
    replace: &[(&[u8], Vec<u8>)],
) -> Result<()> {
    if let Some((k, offset)) = d.duplicate_keys.first() {
        return Err(Error::InvalidInput(format!(
            "the dictionary at byte {} repeats the key /{} (at byte {offset}): gmseal does not sign such a file",
            d.span.start,
            String::from_utf8_lossy(k)
        )));
    }
    out.extend_from_slice(b"<<");
    for (key, value) in &d.entries {
        if replace.iter().any(|(k, _)| *k == key.as_slice()) {
            continue;
        }
        write_name(out, key);
        out.push(b' ');
        write_object(out, value)?;
        out.push(b'\n');
    }
    for (key, raw) in replace {
        write_name(out, key);
        out.push(b' ');
        out.extend_from_slice(raw);
        out.push(b'\n');
    }
    out.extend_from_slice(b">>");
    Ok(())
}

/// A name: regular characters as they are, everything else `#xx`
/// (ISO 32000-1 §7.3.5).
pub(crate) fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if (0x21..=0x7E).contains(&b) && !b"#()<>[]{}/%".contains(&b) {
            out.push(b);
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
}

/// A hexadecimal string `<...>`.
pub(crate) fn write_hex_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'<');
    for b in bytes {
        let _ = write!(out, "{b:02X}");
    }
    out.push(b'>');
}

/// A text string (ISO 32000-1 §7.9.2.2): printable ASCII as a literal string,
/// anything else as UTF-16BE with a byte order mark, in hex.
pub(crate) fn write_text_string(out: &mut Vec<u8>, text: &str) {
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        out.push(b'(');
        for b in text.bytes() {
            if matches!(b, b'(' | b')' | b'\\') {
                out.push(b'\\');
            }
            out.push(b);
        }
        out.push(b')');
    } else {
        let mut utf16 = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            utf16.extend_from_slice(&unit.to_be_bytes());
        }
        write_hex_string(out, &utf16);
    }
}

/// A real number with at most four decimals, without exponent.
pub(crate) fn write_real(out: &mut Vec<u8>, r: f64) {
    let r = if r.is_finite() { r } else { 0.0 };
    let s = format!("{r:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    out.extend_from_slice(if s == "-0" || s.is_empty() {
        b"0"
    } else {
        s.as_bytes()
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::parse::{Lexer, Limits};

    fn roundtrip(src: &[u8]) -> Vec<u8> {
        let limits = Limits::default();
        let mut lx = Lexer::new(src, 0, &limits);
        let obj = crate::pdf::parse::object::parse_object(&mut lx, &limits).unwrap();
        let mut out = Vec::new();
        write_object(&mut out, &obj).unwrap();
        out
    }

    #[test]
    fn objects_are_rewritten_safely() {
        assert_eq!(
            roundtrip(b"<</A (x\\)y) /B [1 2.5 -0.0 /N#20x] /C 3 0 R /D true /E null>>"),
            b"<</A <782979>\n/B [1 2.5 0 /N#20x]\n/C 3 0 R\n/D true\n/E null\n>>".to_vec()
        );
    }

    #[test]
    fn text_strings() {
        let mut out = Vec::new();
        write_text_string(&mut out, "a(b)");
        write_text_string(&mut out, "章");
        assert_eq!(out, b"(a\\(b\\))<FEFF7AE0>".to_vec());
    }
}
