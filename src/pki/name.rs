//! X.500 distinguished names: parse the RFC 4514 string form, encode as DER with
//! UTF8String for Chinese text, decode any common string type.
//!
//! ```text
//! Name ::= CHOICE { rdnSequence RDNSequence }
//! RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
//! RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
//! AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }
//! DirectoryString ::= CHOICE { teletexString, printableString, universalString,
//!                              utf8String, bmpString }                 -- RFC 5280 §4.1.2.4
//! ```

use crate::error::{DecodeError, PkiError, Result};
use crate::oid;
use der::asn1::{Any, ObjectIdentifier, SetOfVec};
use der::{Decode, Encode, Tag, Tagged as _};
use std::fmt;

/// The string type an attribute value is encoded with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StringKind {
    /// UTF8String: gmseal's choice for names (RFC 5280 §4.1.2.4 MUST since 2004).
    Utf8,
    /// PrintableString: required for `C` and `serialNumber`.
    Printable,
    /// IA5String: `emailAddress`.
    Ia5,
    /// BMPString (UTF-16BE), read only.
    Bmp,
    /// TeletexString, read only (decoded as Latin-1).
    Teletex,
}

/// One `type = value` pair of a distinguished name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NameAttribute {
    /// The attribute type, for example `2.5.4.3` (CN).
    pub oid: ObjectIdentifier,
    /// The decoded value.
    pub value: String,
    /// How the value is (or will be) encoded.
    pub kind: StringKind,
}

/// A distinguished name: a sequence of RDNs, most significant first (DER order).
///
/// The string form follows RFC 4514, which lists the **least** significant RDN
/// first, as OpenSSL's `-nameopt RFC2253` does: `"CN=张三,O=示例单位,C=CN"` encodes
/// as `C=CN` then `O=示例单位` then `CN=张三`.
///
/// ```
/// use gmseal::pki::DistinguishedName;
/// let dn = DistinguishedName::parse("CN=张三,O=示例单位\\, 分部,C=CN")?;
/// assert_eq!(dn.common_name(), Some("张三"));
/// assert_eq!(dn.organization(), Some("示例单位, 分部"));
/// assert_eq!(dn.to_string(), "CN=张三,O=示例单位\\, 分部,C=CN");
/// assert_eq!(DistinguishedName::from_der(&dn.to_der()?)?, dn);
/// # Ok::<(), gmseal::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct DistinguishedName {
    rdns: Vec<Vec<NameAttribute>>,
}

/// Short names for the string form (RFC 4514 §3 plus common extras).
const SHORT_NAMES: &[(&str, ObjectIdentifier)] = &[
    ("CN", oid::AT_COMMON_NAME),
    ("C", oid::AT_COUNTRY_NAME),
    ("O", oid::AT_ORGANIZATION_NAME),
    ("OU", oid::AT_ORGANIZATIONAL_UNIT_NAME),
    ("L", oid::AT_LOCALITY_NAME),
    ("ST", oid::AT_STATE_OR_PROVINCE_NAME),
    ("STREET", oid::AT_STREET),
    ("SN", oid::AT_SURNAME),
    ("GN", oid::AT_GIVEN_NAME),
    ("serialNumber", oid::AT_SERIAL_NUMBER),
    ("title", oid::AT_TITLE),
    ("organizationIdentifier", oid::AT_ORGANIZATION_IDENTIFIER),
    ("emailAddress", oid::AT_EMAIL_ADDRESS),
];

/// RFC 5280 Appendix A upper bounds, in characters.
fn upper_bound(attr: &ObjectIdentifier) -> usize {
    match *attr {
        oid::AT_COUNTRY_NAME => 2,
        oid::AT_COMMON_NAME
        | oid::AT_ORGANIZATION_NAME
        | oid::AT_ORGANIZATIONAL_UNIT_NAME
        | oid::AT_SERIAL_NUMBER
        | oid::AT_TITLE => 64,
        oid::AT_LOCALITY_NAME | oid::AT_STATE_OR_PROVINCE_NAME => 128,
        oid::AT_EMAIL_ADDRESS => 255,
        _ => 256,
    }
}

fn short_name(attr: &ObjectIdentifier) -> Option<&'static str> {
    SHORT_NAMES.iter().find(|(_, o)| o == attr).map(|(n, _)| *n)
}

fn is_printable(s: &str) -> bool {
    s.bytes()
        .all(|c| c.is_ascii_alphanumeric() || b" '()+,-./:=?".contains(&c))
}

fn invalid(input: &str, reason: impl Into<String>) -> crate::Error {
    PkiError::InvalidName {
        input: input.to_owned(),
        reason: reason.into(),
    }
    .into()
}

impl NameAttribute {
    /// An attribute encoded the way gmseal encodes names: PrintableString for
    /// `C` and `serialNumber`, IA5String for `emailAddress`, UTF8String otherwise.
    ///
    /// # Errors
    /// When the value is empty, too long for the attribute (RFC 5280 Appendix A),
    /// or not representable in the required string type.
    pub fn new(attr: ObjectIdentifier, value: &str) -> Result<Self> {
        let label = short_name(&attr)
            .map(str::to_owned)
            .unwrap_or_else(|| attr.to_string());
        if value.is_empty() {
            return Err(invalid(value, format!("{label} is empty")));
        }
        let kind = match attr {
            oid::AT_COUNTRY_NAME => {
                if value.len() != 2 || !value.bytes().all(|c| c.is_ascii_uppercase()) {
                    return Err(invalid(
                        value,
                        "C must be a two-letter upper-case ISO 3166 code such as CN",
                    ));
                }
                StringKind::Printable
            }
            oid::AT_SERIAL_NUMBER => {
                if !is_printable(value) {
                    return Err(invalid(value, "serialNumber must be a PrintableString"));
                }
                StringKind::Printable
            }
            oid::AT_EMAIL_ADDRESS => {
                if !value.is_ascii() {
                    return Err(invalid(value, "emailAddress must be ASCII"));
                }
                StringKind::Ia5
            }
            _ => StringKind::Utf8,
        };
        let bound = upper_bound(&attr);
        if value.chars().count() > bound {
            return Err(invalid(
                value,
                format!("{label} is longer than {bound} characters (RFC 5280)"),
            ));
        }
        Ok(Self {
            oid: attr,
            value: value.to_owned(),
            kind,
        })
    }

    fn to_any(&self) -> der::Result<Any> {
        let tag = match self.kind {
            StringKind::Printable => Tag::PrintableString,
            StringKind::Ia5 => Tag::Ia5String,
            _ => Tag::Utf8String,
        };
        Any::new(tag, self.value.as_bytes())
    }

    /// Read an attribute value leniently: certificates from other issuers put
    /// Chinese text in PrintableString/IA5String or malformed UTF-8 in names. The
    /// value is for display and lookup only (names are compared by their DER
    /// bytes), so undecodable bytes become U+FFFD and unknown string types the
    /// RFC 4514 `#hex` form, rather than making the certificate unreadable.
    fn from_any(attr: ObjectIdentifier, value: &Any) -> Self {
        let bytes = value.value();
        let text = || String::from_utf8_lossy(bytes).into_owned();
        let (value, kind) = match value.tag() {
            Tag::Utf8String => (text(), StringKind::Utf8),
            Tag::PrintableString | Tag::VisibleString => (text(), StringKind::Printable),
            Tag::Ia5String => (text(), StringKind::Ia5),
            Tag::TeletexString => (
                bytes.iter().map(|&b| char::from(b)).collect(),
                StringKind::Teletex,
            ),
            Tag::BmpString => {
                let units: Vec<u16> = bytes
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                    .collect();
                (String::from_utf16_lossy(&units), StringKind::Bmp)
            }
            _ => (format!("#{}", crate::hex_upper(bytes)), StringKind::Utf8),
        };
        Self {
            oid: attr,
            value,
            kind,
        }
    }
}

impl DistinguishedName {
    /// An empty name.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parse the RFC 4514 string form, for example `CN=张三,O=示例单位,C=CN`.
    /// Attribute types may be short names (`CN`, `C`, `O`, `OU`, `L`, `ST`,
    /// `STREET`, `SN`, `GN`, `serialNumber`, `title`, `organizationIdentifier`,
    /// `emailAddress`) or dotted OIDs; `+` joins a multi-valued RDN; `\,`
    /// `\+` `\"` `\\` `\<` `\>` `\;` `\=` `\#` and `\XX` hex escapes are honoured.
    ///
    /// # Errors
    /// [`PkiError::InvalidName`] saying what is wrong.
    pub fn parse(text: &str) -> Result<Self> {
        let text_trim = text.trim();
        if text_trim.is_empty() {
            return Err(invalid(text, "the name is empty"));
        }
        let mut rdns = Vec::new();
        for rdn_text in split_unescaped(text_trim, ',').map_err(|r| invalid(text, r))? {
            let mut rdn = Vec::new();
            for atv in split_unescaped(&rdn_text, '+').map_err(|r| invalid(text, r))? {
                let (key, value) = atv
                    .split_once('=')
                    .ok_or_else(|| invalid(text, format!("{atv:?} is not TYPE=VALUE")))?;
                let key = key.trim();
                let attr = SHORT_NAMES
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(key))
                    .map(|(_, o)| *o)
                    .or_else(|| ObjectIdentifier::new(key).ok())
                    .ok_or_else(|| invalid(text, format!("unknown attribute type {key:?}")))?;
                let value = unescape(value.trim()).map_err(|r| invalid(text, r))?;
                let attribute = NameAttribute::new(attr, &value).map_err(|e| match e {
                    crate::Error::Pki(PkiError::InvalidName { reason, .. }) => {
                        invalid(text, reason)
                    }
                    other => other,
                })?;
                rdn.push(attribute);
            }
            rdns.push(rdn);
        }
        rdns.reverse();
        Ok(Self { rdns })
    }

    /// Append an RDN holding one attribute (it becomes the least significant).
    ///
    /// # Errors
    /// As [`NameAttribute::new`].
    pub fn push(&mut self, attr: ObjectIdentifier, value: &str) -> Result<&mut Self> {
        self.rdns.push(vec![NameAttribute::new(attr, value)?]);
        Ok(self)
    }

    /// The RDNs in DER order (most significant first).
    pub fn rdns(&self) -> &[Vec<NameAttribute>] {
        &self.rdns
    }

    /// Every attribute in DER order.
    pub fn attributes(&self) -> impl Iterator<Item = &NameAttribute> {
        self.rdns.iter().flatten()
    }

    /// True when the name has no attributes.
    pub fn is_empty(&self) -> bool {
        self.rdns.is_empty()
    }

    /// The value of the last (least significant) attribute of type `attr`.
    pub fn get(&self, attr: &ObjectIdentifier) -> Option<&str> {
        self.attributes()
            .filter(|a| &a.oid == attr)
            .last()
            .map(|a| a.value.as_str())
    }

    /// The common name (CN).
    pub fn common_name(&self) -> Option<&str> {
        self.get(&oid::AT_COMMON_NAME)
    }

    /// The organization (O).
    pub fn organization(&self) -> Option<&str> {
        self.get(&oid::AT_ORGANIZATION_NAME)
    }

    /// The organization identifier (2.5.4.97), where Chinese certificates put the USCC.
    pub fn organization_identifier(&self) -> Option<&str> {
        self.get(&oid::AT_ORGANIZATION_IDENTIFIER)
    }

    /// The DER `Name`.
    ///
    /// # Errors
    /// Only if a value cannot be encoded, which the constructors prevent.
    pub fn to_der(&self) -> Result<Vec<u8>> {
        self.to_x509()
            .and_then(|n| n.to_der())
            .map_err(|e| DecodeError::from_der("Name", e).into())
    }

    pub(crate) fn to_x509(&self) -> der::Result<x509_cert::name::Name> {
        // x509-cert builds `Name` only by decoding, so encode the RDN sequence here.
        let mut seq = Vec::new();
        for rdn in &self.rdns {
            let mut set = SetOfVec::new();
            for a in rdn {
                set.insert(x509_cert::attr::AttributeTypeAndValue {
                    oid: a.oid,
                    value: a.to_any()?,
                })?;
            }
            seq.push(set);
        }
        let der = seq.to_der()?;
        x509_cert::name::Name::from_der(&der)
    }

    /// Parse a DER `Name`.
    ///
    /// # Errors
    /// When it is malformed or holds a string type gmseal cannot read.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let name =
            x509_cert::name::Name::from_der(der).map_err(|e| DecodeError::from_der("Name", e))?;
        Self::from_x509(&name)
    }

    pub(crate) fn from_x509(name: &x509_cert::name::Name) -> Result<Self> {
        let mut rdns = Vec::new();
        for rdn in name.iter_rdn() {
            let mut attrs = Vec::new();
            for atv in rdn.iter() {
                attrs.push(NameAttribute::from_any(atv.oid, &atv.value));
            }
            rdns.push(attrs);
        }
        Ok(Self { rdns })
    }
}

impl fmt::Display for DistinguishedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, rdn) in self.rdns.iter().rev().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            for (j, a) in rdn.iter().enumerate() {
                if j > 0 {
                    f.write_str("+")?;
                }
                match short_name(&a.oid) {
                    Some(n) => f.write_str(n)?,
                    None => write!(f, "{}", a.oid)?,
                }
                f.write_str("=")?;
                f.write_str(&escape(&a.value))?;
            }
        }
        Ok(())
    }
}

impl std::str::FromStr for DistinguishedName {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl serde::Serialize for DistinguishedName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// RFC 4514 §2.4 escaping.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let last = value.chars().count().saturating_sub(1);
    for (i, c) in value.chars().enumerate() {
        let special = matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';' | '=')
            || (i == 0 && (c == '#' || c == ' '))
            || (i == last && c == ' ');
        if special {
            out.push('\\');
        }
        if c == '\0' {
            out.push_str("\\00");
        } else {
            out.push(c);
        }
    }
    out
}

/// Split on `sep` where it is not escaped by a backslash.
fn split_unescaped(s: &str, sep: char) -> core::result::Result<Vec<String>, String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            cur.push(c);
            match chars.next() {
                Some(n) => cur.push(n),
                None => return Err("the name ends with a lone backslash".into()),
            }
        } else if c == sep {
            parts.push(core::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    parts.push(cur);
    if parts.iter().any(|p| p.trim().is_empty()) {
        return Err(format!("empty component between {sep:?} separators"));
    }
    Ok(parts)
}

fn unescape(s: &str) -> core::result::Result<String, String> {
    let mut bytes = Vec::with_capacity(s.len());
    let mut iter = s.char_indices().peekable();
    while let Some((_, c)) = iter.next() {
        if c != '\\' {
            let mut buf = [0u8; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        let Some((_, n)) = iter.next() else {
            return Err("the value ends with a lone backslash".into());
        };
        if n.is_ascii_hexdigit() {
            let Some((_, m)) = iter.next().filter(|(_, m)| m.is_ascii_hexdigit()) else {
                return Err(format!("bad hex escape \\{n}"));
            };
            let hex = format!("{n}{m}");
            bytes
                .push(u8::from_str_radix(&hex, 16).map_err(|_| format!("bad hex escape \\{hex}"))?);
        } else if matches!(
            n,
            ',' | '+' | '"' | '\\' | '<' | '>' | ';' | '=' | '#' | ' '
        ) {
            bytes.push(n as u8);
        } else {
            return Err(format!("unknown escape \\{n}"));
        }
    }
    String::from_utf8(bytes).map_err(|_| "hex escapes do not form UTF-8".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_order_and_types() {
        let dn = DistinguishedName::parse(
            "CN=电子印章,OU=信息中心,O=某某市人民政府,L=杭州,ST=浙江,C=CN",
        )
        .unwrap();
        assert_eq!(dn.rdns()[0][0].oid, oid::AT_COUNTRY_NAME);
        assert_eq!(dn.rdns()[0][0].kind, StringKind::Printable);
        assert_eq!(dn.rdns()[5][0].kind, StringKind::Utf8);
        let der = dn.to_der().unwrap();
        // UTF8String tag 0x0C carries the Chinese common name.
        let cn = "电子印章".as_bytes();
        let pos = der.windows(cn.len()).position(|w| w == cn).unwrap();
        assert_eq!(der[pos - 2], 0x0C);
        assert_eq!(DistinguishedName::from_der(&der).unwrap(), dn);
    }

    #[test]
    fn multi_valued_and_escapes() {
        let dn = DistinguishedName::parse("CN=a\\+b+serialNumber=123,O=x\\2Cy,C=CN").unwrap();
        assert_eq!(dn.rdns()[2].len(), 2);
        assert_eq!(dn.common_name(), Some("a+b"));
        assert_eq!(dn.organization(), Some("x,y"));
        assert_eq!(dn.to_string(), "CN=a\\+b+serialNumber=123,O=x\\,y,C=CN");
        let oi = DistinguishedName::parse("2.5.4.97=91330106MA2AXK9X3B,CN=x").unwrap();
        assert_eq!(oi.organization_identifier(), Some("91330106MA2AXK9X3B"));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        for (input, needle) in [
            ("", "empty"),
            ("CN", "TYPE=VALUE"),
            ("XX=1", "unknown attribute"),
            ("C=China", "two-letter"),
            ("CN=a,,C=CN", "empty component"),
            ("CN=", "empty"),
            ("CN=a\\", "backslash"),
            ("CN=a\\q", "unknown escape"),
            ("serialNumber=编号", "PrintableString"),
        ] {
            let err = DistinguishedName::parse(input).unwrap_err().to_string();
            assert!(err.contains(needle), "{input}: {err}");
        }
        let long = format!("CN={}", "长".repeat(65));
        assert!(
            DistinguishedName::parse(&long)
                .unwrap_err()
                .to_string()
                .contains("64")
        );
    }
}
