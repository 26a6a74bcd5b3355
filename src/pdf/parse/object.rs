//! Objects (ISO 32000-1 §7.3) and indirect objects with their byte spans.

use super::lexer::{Keyword, Lexer, Token, TokenKind};
use super::{Limits, err, limit_err};
use crate::Result;
use core::ops::Range;

/// An indirect reference `num generation R`, or the identity of an indirect object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjRef {
    /// Object number, at least 1.
    pub num: u32,
    /// Generation number, at most 65535.
    pub generation: u16,
}

impl ObjRef {
    /// `num generation`, checked: `num` in `1..2^31`, `generation` in `0..=65535`.
    pub(crate) fn checked(num: i64, generation: i64, offset: usize) -> Result<Self> {
        let num = u32::try_from(num)
            .ok()
            .filter(|n| (1..1 << 31).contains(n))
            .ok_or_else(|| err(format!("object number {num} out of range"), offset))?;
        let generation = u16::try_from(generation).map_err(|_| {
            err(
                format!("generation number {generation} out of range"),
                offset,
            )
        })?;
        Ok(Self { num, generation })
    }
}

impl core::fmt::Display for ObjRef {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} {}", self.num, self.generation)
    }
}

/// A string object with its encoding and span.
#[derive(Clone, Debug, PartialEq)]
pub struct PdfString {
    /// The decoded bytes.
    pub bytes: Vec<u8>,
    /// `true` for a hexadecimal string `<...>`.
    pub hex: bool,
    /// For a hexadecimal string: whitespace or an odd number of digits.
    pub irregular_hex: bool,
    /// The token's bytes, delimiters included.
    pub span: Range<usize>,
}

/// A dictionary: entries in file order, duplicate keys recorded.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Dictionary {
    /// The entries in the order of the file, duplicates included.
    pub entries: Vec<(Vec<u8>, Object)>,
    /// Keys that occur more than once, with the offset of each repetition.
    pub duplicate_keys: Vec<(Vec<u8>, usize)>,
    /// The bytes from `<<` to `>>`.
    pub span: Range<usize>,
}

impl Dictionary {
    /// The value of `key` (without `/`), `None` when absent.
    ///
    /// # Errors
    /// When the key occurs more than once: the reader never picks one.
    pub fn get(&self, key: &[u8]) -> Result<Option<&Object>> {
        if let Some((_, offset)) = self.duplicate_keys.iter().find(|(k, _)| k == key) {
            return Err(err(
                format!("duplicate dictionary key /{}", String::from_utf8_lossy(key)),
                *offset,
            ));
        }
        Ok(self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v))
    }

    /// The value of `key` when it is a name.
    ///
    /// # Errors
    /// A duplicate key.
    pub fn get_name(&self, key: &[u8]) -> Result<Option<&[u8]>> {
        Ok(match self.get(key)? {
            Some(Object::Name(n)) => Some(n.as_slice()),
            _ => None,
        })
    }

    /// The value of `key` when it is an integer.
    ///
    /// # Errors
    /// A duplicate key.
    pub fn get_int(&self, key: &[u8]) -> Result<Option<i64>> {
        Ok(match self.get(key)? {
            Some(Object::Integer(n)) => Some(*n),
            _ => None,
        })
    }

    /// Errors when the dictionary has any duplicate key (for structural
    /// dictionaries: trailers, cross-reference and object streams).
    pub(crate) fn require_unique(&self, what: &str) -> Result<()> {
        match self.duplicate_keys.first() {
            Some((k, offset)) => Err(err(
                format!("duplicate key /{} in {what}", String::from_utf8_lossy(k)),
                *offset,
            )),
            None => Ok(()),
        }
    }
}

/// A stream: its dictionary and where its (encoded) data lies in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Stream {
    /// The stream dictionary.
    pub dict: Dictionary,
    /// The encoded data: from after the EOL that follows `stream`, `/Length` bytes.
    pub data: Range<usize>,
}

/// A PDF object.
///
/// Spans are byte offsets in the data the object was parsed from: the file
/// for an object stored at an offset, the *decoded* object stream for an
/// object stored in one (see [`Document::entry_in`](super::Document::entry_in)).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Object {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// An integer.
    Integer(i64),
    /// A real number.
    Real(f64),
    /// A string.
    String(PdfString),
    /// A name, without `/`, escapes decoded.
    Name(Vec<u8>),
    /// An array.
    Array(Vec<Object>),
    /// A dictionary.
    Dictionary(Dictionary),
    /// An indirect reference.
    Reference(ObjRef),
    /// A stream (only as the value of an indirect object).
    Stream(Stream),
}

impl Object {
    /// The dictionary of a dictionary or stream object.
    pub fn as_dict(&self) -> Option<&Dictionary> {
        match self {
            Self::Dictionary(d) => Some(d),
            Self::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
}

/// An indirect object `num generation obj ... endobj`.
#[derive(Clone, Debug, PartialEq)]
pub struct IndirectObject {
    /// Its number and generation.
    pub id: ObjRef,
    /// Its value.
    pub object: Object,
    /// From the first digit of `num` to the end of `endobj`.
    pub span: Range<usize>,
}

fn next_required(lx: &mut Lexer<'_>, what: &str) -> Result<Token> {
    lx.next_token()?
        .ok_or_else(|| err(format!("unexpected end of data, expected {what}"), lx.pos()))
}

/// Parse one direct object at the lexer's position.
pub(crate) fn parse_object(lx: &mut Lexer<'_>, limits: &Limits) -> Result<Object> {
    let token = next_required(lx, "an object")?;
    parse_from(token, lx, 0, limits)
}

fn parse_from(token: Token, lx: &mut Lexer<'_>, depth: usize, limits: &Limits) -> Result<Object> {
    let start = token.span.start;
    Ok(match token.kind {
        TokenKind::Integer(n) => {
            let save = lx.pos();
            if let Ok(Some(Token {
                kind: TokenKind::Integer(g),
                ..
            })) = lx.next_token()
            {
                if let Ok(Some(Token {
                    kind: TokenKind::Keyword(Keyword::R),
                    ..
                })) = lx.next_token()
                {
                    return Ok(Object::Reference(ObjRef::checked(n, g, start)?));
                }
            }
            lx.set_pos(save);
            Object::Integer(n)
        }
        TokenKind::Real(v) => Object::Real(v),
        TokenKind::String {
            bytes,
            hex,
            irregular_hex,
        } => Object::String(PdfString {
            bytes,
            hex,
            irregular_hex,
            span: token.span,
        }),
        TokenKind::Name(n) => Object::Name(n),
        TokenKind::Keyword(Keyword::True) => Object::Bool(true),
        TokenKind::Keyword(Keyword::False) => Object::Bool(false),
        TokenKind::Keyword(Keyword::Null) => Object::Null,
        TokenKind::ArrayOpen => {
            if depth >= limits.max_depth {
                return Err(limit_err("max_depth", limits.max_depth, start));
            }
            let mut items = Vec::new();
            loop {
                let t = next_required(lx, "']'")?;
                if t.kind == TokenKind::ArrayClose {
                    break;
                }
                items.push(parse_from(t, lx, depth + 1, limits)?);
            }
            Object::Array(items)
        }
        TokenKind::DictOpen => {
            if depth >= limits.max_depth {
                return Err(limit_err("max_depth", limits.max_depth, start));
            }
            let mut dict = Dictionary::default();
            let end = loop {
                let t = next_required(lx, "'>>'")?;
                match t.kind {
                    TokenKind::DictClose => break t.span.end,
                    TokenKind::Name(key) => {
                        let value = next_required(lx, "a dictionary value")?;
                        if matches!(value.kind, TokenKind::DictClose) {
                            return Err(err("dictionary key without a value", t.span.start));
                        }
                        let value = parse_from(value, lx, depth + 1, limits)?;
                        if dict.entries.iter().any(|(k, _)| *k == key) {
                            dict.duplicate_keys.push((key.clone(), t.span.start));
                        }
                        dict.entries.push((key, value));
                    }
                    _ => return Err(err("dictionary key is not a name", t.span.start)),
                }
            };
            dict.span = start..end;
            Object::Dictionary(dict)
        }
        other => {
            return Err(err(
                format!("unexpected {other:?}, expected an object"),
                start,
            ));
        }
    })
}

/// Skip one end-of-line marker (`\r\n`, `\n` or `\r`) at `pos`.
pub(crate) fn skip_eol(data: &[u8], pos: usize) -> usize {
    match (data.get(pos), data.get(pos + 1)) {
        (Some(b'\r'), Some(b'\n')) => pos + 2,
        (Some(b'\r' | b'\n'), _) => pos + 1,
        _ => pos,
    }
}

/// Whether `data[pos..]` starts with `word` followed by white space, a delimiter or the end.
pub(crate) fn word_at(data: &[u8], pos: usize, word: &[u8]) -> bool {
    data.get(pos..).is_some_and(|d| d.starts_with(word))
        && data
            .get(pos + word.len())
            .is_none_or(|&b| super::lexer::is_whitespace(b) || super::lexer::is_delimiter(b))
}

/// Parse the indirect object that starts exactly at `offset`. A stream's
/// `/Length` given as a reference is resolved with `length`.
pub(crate) fn parse_indirect(
    data: &[u8],
    offset: usize,
    limits: &Limits,
    length: &dyn Fn(ObjRef) -> Result<i64>,
) -> Result<IndirectObject> {
    if !data.get(offset).is_some_and(u8::is_ascii_digit) {
        return Err(err("no object starts at this offset", offset));
    }
    let mut lx = Lexer::new(data, offset, limits);
    let num = next_required(&mut lx, "an object number")?;
    let generation = next_required(&mut lx, "a generation number")?;
    let obj = next_required(&mut lx, "'obj'")?;
    let id = match (num.kind, generation.kind, obj.kind) {
        (TokenKind::Integer(n), TokenKind::Integer(g), TokenKind::Keyword(Keyword::Obj)) => {
            ObjRef::checked(n, g, offset)?
        }
        _ => return Err(err("expected 'num generation obj'", offset)),
    };
    let mut object = parse_object(&mut lx, limits)?;
    let mut t = next_required(&mut lx, "'endobj'")?;
    if t.kind == TokenKind::Keyword(Keyword::Stream) {
        let Object::Dictionary(dict) = object else {
            return Err(err(
                "'stream' after an object that is not a dictionary",
                t.span.start,
            ));
        };
        let start = match (data.get(t.span.end), data.get(t.span.end + 1)) {
            (Some(b'\n'), _) => t.span.end + 1,
            (Some(b'\r'), Some(b'\n')) => t.span.end + 2,
            _ => {
                return Err(err("'stream' is not followed by CRLF or LF", t.span.end));
            }
        };
        let len = match dict.get(b"Length")? {
            Some(Object::Integer(n)) => *n,
            Some(Object::Reference(r)) => length(*r)?,
            _ => return Err(err("stream without an integer /Length", dict.span.start)),
        };
        let end = usize::try_from(len)
            .ok()
            .and_then(|l| start.checked_add(l))
            .filter(|&e| e <= data.len())
            .ok_or_else(|| {
                err(
                    format!("stream /Length {len} runs past the end of the file"),
                    start,
                )
            })?;
        let after = skip_eol(data, end);
        if !word_at(data, after, b"endstream") {
            return Err(err(
                format!("no 'endstream' where /Length {len} says the stream ends"),
                end,
            ));
        }
        lx.set_pos(after + b"endstream".len());
        object = Object::Stream(Stream {
            dict,
            data: start..end,
        });
        t = next_required(&mut lx, "'endobj'")?;
    }
    if t.kind != TokenKind::Keyword(Keyword::EndObj) {
        return Err(err("expected 'endobj'", t.span.start));
    }
    Ok(IndirectObject {
        id,
        object,
        span: offset..t.span.end,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    fn obj(data: &[u8]) -> Result<Object> {
        let limits = Limits::default();
        let mut lx = Lexer::new(data, 0, &limits);
        parse_object(&mut lx, &limits)
    }

    fn no_length(_: ObjRef) -> Result<i64> {
        Err(err("no", 0))
    }

    #[test]
    fn references_and_arrays() {
        let o = obj(b"[1 0 R 2 5 3 null true (x)]").unwrap();
        let Object::Array(items) = o else { panic!() };
        assert_eq!(
            items[0],
            Object::Reference(ObjRef {
                num: 1,
                generation: 0
            })
        );
        assert_eq!(items[1], Object::Integer(2));
        assert_eq!(items[2], Object::Integer(5));
        assert_eq!(items[3], Object::Integer(3));
        assert_eq!(items[4], Object::Null);
        assert_eq!(items[5], Object::Bool(true));
        assert!(obj(b"0 0 R").is_err());
        assert!(obj(b"1 70000 R").is_err());
        assert!(obj(b"[1 2").is_err());
    }

    #[test]
    fn dictionaries_keep_order_and_duplicates() {
        let o = obj(b"<< /B 1 /A (s) /B 2 >>").unwrap();
        let Object::Dictionary(d) = o else { panic!() };
        assert_eq!(d.entries.len(), 3);
        assert_eq!(d.entries[0].0, b"B");
        assert_eq!(d.duplicate_keys, vec![(b"B".to_vec(), 15)]);
        assert!(d.get(b"B").is_err());
        assert!(d.get(b"A").unwrap().is_some());
        assert_eq!(d.span, 0..22);
        assert!(obj(b"<< /A >>").is_err());
        assert!(obj(b"<< 1 2 >>").is_err());
    }

    #[test]
    fn depth_limit() {
        let mut deep = vec![b'['; 100_000];
        deep.extend(vec![b']'; 100_000]);
        let e = obj(&deep).unwrap_err().to_string();
        assert!(e.contains("max_depth") && e.contains("at byte 64"), "{e}");
        let e = obj(&b"<< /A ".repeat(1000)).unwrap_err().to_string();
        assert!(e.contains("max_depth"), "{e}");
    }

    #[test]
    fn indirect_streams() {
        let l = Limits::default();
        let data = b"7 0 obj\n<< /Length 5 >>\nstream\r\nhello\nendstream\nendobj\n";
        let o = parse_indirect(data, 0, &l, &no_length).unwrap();
        assert_eq!(
            o.id,
            ObjRef {
                num: 7,
                generation: 0
            }
        );
        let Object::Stream(s) = &o.object else {
            panic!()
        };
        assert_eq!(&data[s.data.clone()], b"hello");
        assert_eq!(o.span, 0..data.len() - 1);
        // /Length past endstream, too short, CR-only after `stream`.
        for bad in [
            &b"7 0 obj << /Length 9 >> stream\nhello\nendstream endobj"[..],
            b"7 0 obj << /Length 4 >> stream\nhello\nendstream endobj",
            b"7 0 obj << /Length 5 >> stream\rhello\nendstream endobj",
            b"7 0 obj << /Length 5 >> stream\nhello\nendstream",
            b"7 0 obj << /Length 5 /Length 5 >> stream\nhello\nendstream endobj",
            b"7 0 obj (a) stream\nhello\nendstream endobj",
            b"7 0 obj 1 2",
        ] {
            assert!(parse_indirect(bad, 0, &l, &no_length).is_err(), "{bad:?}");
        }
        let data = b"7 0 obj << /Length 8 0 R >> stream\nhello\nendstream endobj";
        let o = parse_indirect(data, 0, &l, &|r| {
            assert_eq!(
                r,
                ObjRef {
                    num: 8,
                    generation: 0
                }
            );
            Ok(5)
        })
        .unwrap();
        assert!(matches!(o.object, Object::Stream(_)));
        assert!(parse_indirect(b" 7 0 obj 1 endobj", 0, &l, &no_length).is_err());
    }
}
