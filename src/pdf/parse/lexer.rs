//! Tokens of ISO 32000-1 §7.2 with their byte spans.

use super::{Limits, err, limit_err};
use crate::Result;
use core::ops::Range;

/// The keywords the file-structure grammar uses. Any other bare word is an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Keyword {
    /// `obj`
    Obj,
    /// `endobj`
    EndObj,
    /// `stream`
    Stream,
    /// `endstream`
    EndStream,
    /// `R`
    R,
    /// `true`
    True,
    /// `false`
    False,
    /// `null`
    Null,
    /// `xref`
    Xref,
    /// `trailer`
    Trailer,
    /// `startxref`
    StartXref,
}

impl Keyword {
    fn from_bytes(word: &[u8]) -> Option<Self> {
        Some(match word {
            b"obj" => Self::Obj,
            b"endobj" => Self::EndObj,
            b"stream" => Self::Stream,
            b"endstream" => Self::EndStream,
            b"R" => Self::R,
            b"true" => Self::True,
            b"false" => Self::False,
            b"null" => Self::Null,
            b"xref" => Self::Xref,
            b"trailer" => Self::Trailer,
            b"startxref" => Self::StartXref,
            _ => return None,
        })
    }
}

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum TokenKind {
    /// An integer such as `-12`.
    Integer(i64),
    /// A real number such as `3.5` or `-.5`.
    Real(f64),
    /// A literal `(...)` or hexadecimal `<...>` string, decoded.
    String {
        /// The decoded bytes.
        bytes: Vec<u8>,
        /// `true` for a hexadecimal string.
        hex: bool,
        /// For a hexadecimal string: it had whitespace or an odd number of digits.
        irregular_hex: bool,
    },
    /// A name, without the `/` and with `#xx` escapes decoded.
    Name(Vec<u8>),
    /// `[`
    ArrayOpen,
    /// `]`
    ArrayClose,
    /// `<<`
    DictOpen,
    /// `>>`
    DictClose,
    /// One of the [`Keyword`]s.
    Keyword(Keyword),
}

/// A token and the bytes it occupies.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// Its bytes in the data lexed (`start..end`).
    pub span: Range<usize>,
}

/// PDF white-space characters (ISO 32000-1 Table 1).
pub(crate) fn is_whitespace(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

/// PDF delimiter characters (ISO 32000-1 Table 2).
pub(crate) fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A lexer over bytes, starting at any offset.
#[derive(Clone, Debug)]
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    max_string: usize,
}

impl<'a> Lexer<'a> {
    /// A lexer over `data` starting at byte `pos`.
    pub fn new(data: &'a [u8], pos: usize, limits: &Limits) -> Self {
        Self {
            data,
            pos,
            max_string: limits.max_string_length,
        }
    }

    /// The offset of the next byte to read.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Move to byte `pos`.
    pub fn set_pos(&mut self, pos: usize) {
        self.pos = pos;
    }

    /// The data lexed.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// Skip white space and comments.
    pub fn skip_whitespace(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_whitespace(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\r' || c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token without consuming it.
    ///
    /// # Errors
    /// As [`Self::next_token`].
    pub fn peek(&mut self) -> Result<Option<Token>> {
        let pos = self.pos;
        let token = self.next_token();
        self.pos = pos;
        token
    }

    /// The next token, or `None` at the end of the data.
    ///
    /// # Errors
    /// On a malformed token: an unknown keyword, a bad number, an unterminated
    /// string, a bad `#` escape in a name, a string longer than the limit.
    pub fn next_token(&mut self) -> Result<Option<Token>> {
        self.skip_whitespace();
        let start = self.pos;
        let Some(&b) = self.data.get(start) else {
            return Ok(None);
        };
        let next = self.data.get(start + 1).copied();
        let kind = match b {
            b'[' => {
                self.pos += 1;
                TokenKind::ArrayOpen
            }
            b']' => {
                self.pos += 1;
                TokenKind::ArrayClose
            }
            b'<' if next == Some(b'<') => {
                self.pos += 2;
                TokenKind::DictOpen
            }
            b'>' if next == Some(b'>') => {
                self.pos += 2;
                TokenKind::DictClose
            }
            b'<' => self.hex_string()?,
            b'(' => self.literal_string()?,
            b'/' => self.name()?,
            b'>' | b')' | b'{' | b'}' => {
                return Err(err(format!("unexpected '{}'", char::from(b)), start));
            }
            _ => self.regular()?,
        };
        Ok(Some(Token {
            kind,
            span: start..self.pos,
        }))
    }

    fn check_len(&self, len: usize, start: usize) -> Result<()> {
        if len > self.max_string {
            return Err(limit_err("max_string_length", self.max_string, start));
        }
        Ok(())
    }

    fn literal_string(&mut self) -> Result<TokenKind> {
        let start = self.pos;
        self.pos += 1;
        let mut depth = 1usize;
        let mut out = Vec::new();
        let unterminated = || err("unterminated literal string", start);
        loop {
            let &b = self.data.get(self.pos).ok_or_else(unterminated)?;
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let &e = self.data.get(self.pos).ok_or_else(unterminated)?;
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            // Up to three octal digits; high-order overflow is ignored.
                            let mut v = e - b'0';
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v.wrapping_mul(8).wrapping_add(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v);
                        }
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        // `\(`, `\)`, `\\`, and any other character: the backslash is ignored.
                        other => out.push(other),
                    }
                }
                b'\r' => {
                    if self.data.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(b),
            }
            self.check_len(out.len(), start)?;
        }
        Ok(TokenKind::String {
            bytes: out,
            hex: false,
            irregular_hex: false,
        })
    }

    fn hex_string(&mut self) -> Result<TokenKind> {
        let start = self.pos;
        self.pos += 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        let mut irregular = false;
        // Fast path for the common case (a signature's `/Contents`): a run
        // of hexadecimal digits decoded two at a time.
        let rest = self.data.get(self.pos..).unwrap_or_default();
        out.reserve((rest.len() / 2).min(self.max_string).min(1 << 20));
        let mut used = 0;
        for pair in rest.chunks_exact(2) {
            let (h, l) = (
                HEX_DIGITS[usize::from(pair[0])],
                HEX_DIGITS[usize::from(pair[1])],
            );
            if (h | l) & 0xF0 != 0 {
                break;
            }
            out.push(h << 4 | l);
            used += 2;
        }
        self.check_len(out.len(), start)?;
        self.pos += used;
        loop {
            let &b = self
                .data
                .get(self.pos)
                .ok_or_else(|| err("unterminated hexadecimal string", start))?;
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if is_whitespace(b) {
                irregular = true;
                continue;
            }
            let v = hex_value(b).ok_or_else(|| {
                err(
                    format!("invalid character 0x{b:02x} in a hexadecimal string"),
                    self.pos - 1,
                )
            })?;
            match high.take() {
                Some(h) => {
                    out.push(h << 4 | v);
                    self.check_len(out.len(), start)?;
                }
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            irregular = true;
            out.push(h << 4);
        }
        Ok(TokenKind::String {
            bytes: out,
            hex: true,
            irregular_hex: irregular,
        })
    }

    fn name(&mut self) -> Result<TokenKind> {
        let start = self.pos;
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(&b) = self.data.get(self.pos) {
            if is_whitespace(b) || is_delimiter(b) {
                break;
            }
            if b == b'#' {
                let h = self.data.get(self.pos + 1).copied().and_then(hex_value);
                let l = self.data.get(self.pos + 2).copied().and_then(hex_value);
                let (Some(h), Some(l)) = (h, l) else {
                    return Err(err(
                        "'#' in a name is not followed by two hexadecimal digits",
                        self.pos,
                    ));
                };
                let v = h << 4 | l;
                if v == 0 {
                    return Err(err("'#00' in a name", self.pos));
                }
                out.push(v);
                self.pos += 3;
            } else {
                out.push(b);
                self.pos += 1;
            }
            self.check_len(out.len(), start)?;
        }
        Ok(TokenKind::Name(out))
    }

    fn regular(&mut self) -> Result<TokenKind> {
        let start = self.pos;
        while let Some(&b) = self.data.get(self.pos) {
            if is_whitespace(b) || is_delimiter(b) {
                break;
            }
            self.pos += 1;
        }
        let word = &self.data[start..self.pos];
        match word.first() {
            Some(b'0'..=b'9' | b'+' | b'-' | b'.') => parse_number(word, start),
            _ => Keyword::from_bytes(word)
                .map(TokenKind::Keyword)
                .ok_or_else(|| {
                    err(
                        format!("unknown keyword {:?}", String::from_utf8_lossy(word)),
                        start,
                    )
                }),
        }
    }
}

/// The value of each hexadecimal digit; `0xFF` for other bytes.
static HEX_DIGITS: [u8; 256] = {
    let mut t = [0xFF; 256];
    let mut i: u8 = 0;
    while i < 10 {
        t[(b'0' + i) as usize] = i;
        i += 1;
    }
    let mut i: u8 = 0;
    while i < 6 {
        t[(b'a' + i) as usize] = 10 + i;
        t[(b'A' + i) as usize] = 10 + i;
        i += 1;
    }
    t
};

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// `[+-]?digits` or `[+-]?digits.digits` with at least one digit.
fn parse_number(word: &[u8], start: usize) -> Result<TokenKind> {
    let bad = || {
        err(
            format!("malformed number {:?}", String::from_utf8_lossy(word)),
            start,
        )
    };
    let body = match word.first() {
        Some(b'+' | b'-') => &word[1..],
        _ => word,
    };
    let dots = body.iter().filter(|&&b| b == b'.').count();
    let digits = body.iter().filter(|b| b.is_ascii_digit()).count();
    if digits == 0 || dots > 1 || digits + dots != body.len() {
        return Err(bad());
    }
    let text = core::str::from_utf8(word).map_err(|_| bad())?;
    if dots == 0 {
        text.parse::<i64>()
            .map(TokenKind::Integer)
            .map_err(|_| err(format!("integer {text} does not fit in 64 bits"), start))
    } else {
        let text = text.strip_prefix('+').unwrap_or(text);
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(TokenKind::Real(v)),
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    fn lex(data: &[u8]) -> Result<Vec<Token>> {
        let limits = Limits::default();
        let mut lx = Lexer::new(data, 0, &limits);
        let mut out = Vec::new();
        while let Some(t) = lx.next_token()? {
            out.push(t);
        }
        Ok(out)
    }

    fn kinds(data: &[u8]) -> Vec<TokenKind> {
        lex(data).unwrap().into_iter().map(|t| t.kind).collect()
    }

    fn string(bytes: &[u8], hex: bool, irregular_hex: bool) -> TokenKind {
        TokenKind::String {
            bytes: bytes.to_vec(),
            hex,
            irregular_hex,
        }
    }

    #[test]
    fn whitespace_comments_and_spans() {
        let t = lex(b" %comment\r\n 12\x00\x0c-3 % x\n[/A]").unwrap();
        assert_eq!(t[0].kind, TokenKind::Integer(12));
        assert_eq!(t[0].span, 12..14);
        assert_eq!(t[1].kind, TokenKind::Integer(-3));
        assert_eq!(t[1].span, 16..18);
        assert_eq!(t[2].kind, TokenKind::ArrayOpen);
        assert_eq!(t[3].kind, TokenKind::Name(b"A".to_vec()));
        assert_eq!(t[3].span, 24..26);
        assert_eq!(t[4].kind, TokenKind::ArrayClose);
    }

    #[test]
    fn numbers() {
        assert_eq!(
            kinds(b"0 +17 -98 34.5 -3.62 +123.6 4. -.002 0.0"),
            vec![
                TokenKind::Integer(0),
                TokenKind::Integer(17),
                TokenKind::Integer(-98),
                TokenKind::Real(34.5),
                TokenKind::Real(-3.62),
                TokenKind::Real(123.6),
                TokenKind::Real(4.0),
                TokenKind::Real(-0.002),
                TokenKind::Real(0.0),
            ]
        );
        for bad in [
            &b"1.2.3"[..],
            b"--1",
            b"+",
            b".",
            b"1e5",
            b"12a",
            b"99999999999999999999",
        ] {
            assert!(lex(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn literal_strings() {
        assert_eq!(
            kinds(
                b"(a(b)c) (\\n\\r\\t\\b\\f\\(\\)\\\\) (\\0533\\7\\q) (a\\\r\nb\\\nc) (x\r\ny\rz)"
            ),
            vec![
                string(b"a(b)c", false, false),
                string(b"\n\r\t\x08\x0c()\\", false, false),
                string(b"+3\x07q", false, false),
                string(b"abc", false, false),
                string(b"x\ny\nz", false, false),
            ]
        );
        assert_eq!(kinds(b"(\\777)"), vec![string(&[0xff], false, false)]);
        assert!(lex(b"(abc").is_err());
        assert!(lex(b"(a(b)").is_err());
        assert!(lex(b"(abc\\").is_err());
    }

    #[test]
    fn hex_strings() {
        assert_eq!(
            kinds(b"<4142> <41 42> <414> <>"),
            vec![
                string(b"AB", true, false),
                string(b"AB", true, true),
                string(b"A@", true, true),
                string(b"", true, false),
            ]
        );
        let t = lex(b"  <00ff>").unwrap();
        assert_eq!(t[0].span, 2..8);
        assert!(lex(b"<4g>").is_err());
        assert!(lex(b"<41").is_err());
    }

    #[test]
    fn names() {
        assert_eq!(
            kinds(b"/Name1 /A;B /#41#62 /paired#28#29 / /Foo#20Bar"),
            vec![
                TokenKind::Name(b"Name1".to_vec()),
                TokenKind::Name(b"A;B".to_vec()),
                TokenKind::Name(b"Ab".to_vec()),
                TokenKind::Name(b"paired()".to_vec()),
                TokenKind::Name(b"".to_vec()),
                TokenKind::Name(b"Foo Bar".to_vec()),
            ]
        );
        // The escape ambiguity of the attack list: `#7/` is not an escape.
        assert!(lex(b"/Foo#7/Bar").is_err());
        assert!(lex(b"/A#00").is_err());
        assert!(lex(b"/A#4").is_err());
    }

    #[test]
    fn delimiters_and_keywords() {
        assert_eq!(
            kinds(b"<<[]>>obj endobj stream endstream R true false null xref trailer startxref"),
            vec![
                TokenKind::DictOpen,
                TokenKind::ArrayOpen,
                TokenKind::ArrayClose,
                TokenKind::DictClose,
                TokenKind::Keyword(Keyword::Obj),
                TokenKind::Keyword(Keyword::EndObj),
                TokenKind::Keyword(Keyword::Stream),
                TokenKind::Keyword(Keyword::EndStream),
                TokenKind::Keyword(Keyword::R),
                TokenKind::Keyword(Keyword::True),
                TokenKind::Keyword(Keyword::False),
                TokenKind::Keyword(Keyword::Null),
                TokenKind::Keyword(Keyword::Xref),
                TokenKind::Keyword(Keyword::Trailer),
                TokenKind::Keyword(Keyword::StartXref),
            ]
        );
        assert!(lex(b"Tj").is_err());
        assert!(lex(b"}").is_err());
        assert!(lex(b">").is_err());
        assert!(lex(b"{").is_err());
    }

    #[test]
    fn string_length_limit() {
        let limits = Limits {
            max_string_length: 3,
            ..Limits::default()
        };
        let mut lx = Lexer::new(b"(abcd)", 0, &limits);
        let e = lx.next_token().unwrap_err().to_string();
        assert!(e.contains("max_string_length"), "{e}");
        let mut lx = Lexer::new(b"(abc) <616263> /abc", 0, &limits);
        for _ in 0..3 {
            assert!(lx.next_token().unwrap().is_some());
        }
    }
}
