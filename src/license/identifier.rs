//! The e-license identifier (电子证照标识) of GB/T 36904-2018.
//!
//! ```text
//! 1.2.156.3005.2 . 证照类型代码 . 证照颁发机构代码 . 流水号 . 版本号 . 校验位
//!   root (fixed)   type code      issuer USCC       serial   version  check
//!                  21 × [0-9A-Z]  18 × USCC set     [0-9A-Z]+ 3 digits MOD 37,36
//! ```
//!
//! The check character is ISO/IEC 7064 MOD 37,36 ([`mod37_36`]) over segments
//! 2–5 concatenated, without the root and without the dots (e-license.md §3.1,
//! §3.2). The type code is the USCC of the body that defines the license type
//! plus a 3-digit sequence. The whole identifier is at most 128 characters.

use crate::error::{LicenseError, Result};
use crate::license::codes::{CodeProblem, check_uscc};
use crate::license::mod37_36;
use core::fmt;
use serde::Serialize;

/// A GB/T 36904 e-license identifier (电子证照标识) that gmseal built: every
/// segment has its form, the issuer is a valid USCC and the check character
/// is right.
///
/// ```text
/// 1.2.156.3005.2 . 证照类型代码 . 证照颁发机构代码 . 流水号 . 版本号 . 校验位
///   root (fixed)   type code      issuer USCC       serial   version  check
///                  21 × [0-9A-Z]  18 × USCC set     [0-9A-Z]+ 3 digits MOD 37,36
/// ```
///
/// The check character is ISO/IEC 7064 MOD 37,36 ([`mod37_36`]) over segments
/// 2–5 concatenated, without the root and without the dots (e-license.md §3.1,
/// §3.2). The type code is the USCC of the body that defines the license type
/// plus a 3-digit sequence. The whole identifier is at most 128 characters.
/// Identifiers issued by others are read with [`Identifier::parse`].
///
/// ```
/// use gmseal::license::Identifier;
/// let id = Identifier::build("11100000000013338W011", "11430000006122244L", "20230000403", "001")?;
/// assert_eq!(id.as_str(), "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U");
/// assert_eq!(id.check_character(), 'U');
/// assert_eq!(id.next_version()?.version(), "002");
/// # Ok::<(), gmseal::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Identifier {
    text: String,
    type_code: String,
    issuer_code: String,
    serial: String,
    version: String,
    check: char,
}

/// Something irregular in an identifier that still has the identifier
/// structure. Identifiers with such findings have been issued in practice
/// (e-license.md §3.1, §3.4), so a verifier reports them instead of rejecting
/// the identifier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum IdentifierFinding {
    /// The check character is not the MOD 37,36 check of segments 2–5.
    CheckCharacterMismatch {
        /// The correct check character.
        expected: char,
        /// The one in the identifier.
        found: char,
    },
    /// The type code does not have 21 characters.
    TypeCodeLength {
        /// Its length.
        length: usize,
    },
    /// The first 18 characters of the type code, the USCC of the body that
    /// defines the license type, are not a valid USCC.
    TypeCodeDefinerNotUscc {
        /// Why.
        problem: CodeProblem,
    },
    /// The issuer segment is not a valid USCC (Hefei real-estate licenses
    /// carry the area code `340100` there).
    IssuerNotUscc {
        /// Why.
        problem: CodeProblem,
    },
    /// The serial has fewer than 4 characters; serials seen in practice have 7
    /// to 32 (a long one makes the identifier [too long](Self::TooLong)).
    UnusualSerial {
        /// Its length.
        length: usize,
    },
    /// The version is not three digits from `001`.
    UnusualVersion {
        /// The version segment.
        version: String,
    },
    /// The identifier is longer than 128 characters.
    TooLong {
        /// Its length.
        length: usize,
    },
}

impl IdentifierFinding {
    /// A stable reason code, as used in [`Problem::code`](crate::license::Problem::code):
    /// `license.identifier-check-character`, `license.identifier-type-code-length`,
    /// `license.identifier-type-code-definer`, `license.identifier-issuer`,
    /// `license.identifier-serial`, `license.identifier-version` or
    /// `license.identifier-too-long`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::CheckCharacterMismatch { .. } => "license.identifier-check-character",
            Self::TypeCodeLength { .. } => "license.identifier-type-code-length",
            Self::TypeCodeDefinerNotUscc { .. } => "license.identifier-type-code-definer",
            Self::IssuerNotUscc { .. } => "license.identifier-issuer",
            Self::UnusualSerial { .. } => "license.identifier-serial",
            Self::UnusualVersion { .. } => "license.identifier-version",
            Self::TooLong { .. } => "license.identifier-too-long",
        }
    }
}

impl fmt::Display for IdentifierFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::CheckCharacterMismatch { expected, found } => write!(
                f,
                "the check character is {found:?}, but MOD 37,36 gives {expected:?}"
            ),
            Self::TypeCodeLength { length } => {
                write!(f, "the type code has {length} characters instead of 21")
            }
            Self::TypeCodeDefinerNotUscc { problem } => write!(
                f,
                "the first 18 characters of the type code are not a valid USCC: {problem}"
            ),
            Self::IssuerNotUscc { problem } => {
                write!(f, "the issuer segment is not a valid USCC: {problem}")
            }
            Self::UnusualSerial { length } => {
                write!(f, "the serial has only {length} character(s)")
            }
            Self::UnusualVersion { version } => {
                write!(f, "the version {version:?} is not three digits from 001")
            }
            Self::TooLong { length } => write!(
                f,
                "the identifier has {length} characters, more than the 128 allowed"
            ),
        }
    }
}

/// An identifier split into its segments by [`Identifier::parse`], with what
/// is irregular about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ParsedIdentifier {
    /// 证照类型代码.
    pub type_code: String,
    /// 证照颁发机构代码.
    pub issuer_code: String,
    /// 流水号.
    pub serial: String,
    /// 版本号.
    pub version: String,
    /// 校验位, as found.
    pub check_character: char,
    /// The check character MOD 37,36 gives for segments 2–5.
    pub expected_check_character: char,
    /// What is irregular; empty for a conforming identifier.
    pub findings: Vec<IdentifierFinding>,
}

impl ParsedIdentifier {
    /// True when there are no findings.
    pub fn is_conforming(&self) -> bool {
        self.findings.is_empty()
    }
}

fn part_error(part: &'static str, value: &str, reason: impl Into<String>) -> crate::Error {
    LicenseError::InvalidIdentifierPart {
        part,
        value: value.chars().take(200).collect(),
        reason: reason.into(),
    }
    .into()
}

fn is_upper_alnum(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
}

fn is_version(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()) && s != "000"
}

impl Identifier {
    /// The root code (电子证照根代码), an OID under 1.2.156 (China).
    pub const ROOT: &'static str = "1.2.156.3005.2";
    /// The version of a first issue.
    pub const FIRST_VERSION: &'static str = "001";
    /// The maximum length of an identifier.
    pub const MAX_LEN: usize = 128;
    /// The longest text [`parse`](Self::parse) reads (bytes). Identifiers
    /// up to this length that are longer than [`MAX_LEN`](Self::MAX_LEN)
    /// get a [`IdentifierFinding::TooLong`] finding; longer text is an error
    /// before it is split.
    pub const MAX_PARSE_LEN: usize = 1024;

    /// Build an identifier from the license type code (21 characters
    /// `[0-9A-Z]`), the issuing authority's USCC (checked with
    /// [`check_uscc`](crate::license::codes::check_uscc)), a serial
    /// (`[0-9A-Z]+`, the issuer's choice, for example the license number) and
    /// a version (three digits, [`FIRST_VERSION`](Self::FIRST_VERSION) at
    /// first issue), and compute the check character.
    ///
    /// ```
    /// use gmseal::license::Identifier;
    /// let id = Identifier::build("11100000000013338W009", "11330105002500287C", "2025052201", "002")?;
    /// assert_eq!(id.to_string(), "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0");
    /// // An invalid issuer USCC is refused.
    /// assert!(Identifier::build("11100000000013338W009", "11330105002500287D", "2025052201", "002").is_err());
    /// # Ok::<(), gmseal::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`LicenseError::InvalidIdentifierPart`] when a part does not have its
    /// form, the issuer is not a valid USCC, or the identifier would be longer
    /// than 128 characters.
    pub fn build(type_code: &str, issuer_uscc: &str, serial: &str, version: &str) -> Result<Self> {
        if type_code.len() != 21 || !is_upper_alnum(type_code) {
            return Err(part_error(
                "type code",
                type_code,
                "expected 21 characters 0-9 A-Z",
            ));
        }
        if let Err(problem) = check_uscc(issuer_uscc) {
            return Err(part_error(
                "issuer code",
                issuer_uscc,
                format!("not a valid USCC: {problem}"),
            ));
        }
        if !is_upper_alnum(serial) {
            return Err(part_error(
                "serial",
                serial,
                "expected one or more characters 0-9 A-Z (upper case)",
            ));
        }
        if !is_version(version) {
            return Err(part_error(
                "version",
                version,
                "expected three digits from 001",
            ));
        }
        let payload = format!("{type_code}{issuer_uscc}{serial}{version}");
        let check = mod37_36::check_char(&payload)
            .map_err(|p| part_error("identifier", &payload, p.to_string()))?;
        let text = format!(
            "{}.{type_code}.{issuer_uscc}.{serial}.{version}.{check}",
            Self::ROOT
        );
        if text.len() > Self::MAX_LEN {
            return Err(part_error(
                "serial",
                serial,
                format!(
                    "the identifier would have {} characters, more than {}",
                    text.len(),
                    Self::MAX_LEN
                ),
            ));
        }
        Ok(Self {
            text,
            type_code: type_code.to_owned(),
            issuer_code: issuer_uscc.to_owned(),
            serial: serial.to_owned(),
            version: version.to_owned(),
            check,
        })
    }

    /// Split an identifier, possibly issued by someone else, into its
    /// segments and report what is irregular as findings: a wrong check
    /// character, an issuer or type-code definer that is not a valid USCC, a
    /// type code that is not 21 characters, an unusual serial or version, more
    /// than 128 characters.
    ///
    /// ```
    /// use gmseal::license::{Identifier, IdentifierFinding};
    /// // Shandong's published example has M where MOD 37,36 gives D.
    /// let p = Identifier::parse("1.2.156.3005.2.11100000000013661B006.113700000045046442.209FA4E88F9E4C878F3E9BED2CE7EA49.001.M")?;
    /// assert_eq!(p.findings, [IdentifierFinding::CheckCharacterMismatch { expected: 'D', found: 'M' }]);
    /// # Ok::<(), gmseal::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`LicenseError::MalformedIdentifier`] only when the structure is
    /// broken: another root, not five segments after it, an empty segment,
    /// characters outside `0-9A-Z` (digits for the version), or a check segment
    /// that is not one character; and for text longer than
    /// [`MAX_PARSE_LEN`](Self::MAX_PARSE_LEN).
    pub fn parse(text: &str) -> Result<ParsedIdentifier> {
        let malformed = |reason: String| -> crate::Error {
            LicenseError::MalformedIdentifier {
                input: text.chars().take(200).collect(),
                reason,
            }
            .into()
        };
        if text.len() > Self::MAX_PARSE_LEN {
            return Err(malformed(format!(
                "it has {} bytes, longer than the {} gmseal reads",
                text.len(),
                Self::MAX_PARSE_LEN
            )));
        }
        let Some(rest) = text
            .strip_prefix(Self::ROOT)
            .and_then(|r| r.strip_prefix('.'))
        else {
            return Err(malformed(format!("it does not start with {}.", Self::ROOT)));
        };
        let segments: Vec<&str> = rest.split('.').collect();
        let [type_code, issuer_code, serial, version, check] = segments[..] else {
            return Err(malformed(format!(
                "expected 5 segments after the root, found {}",
                segments.len()
            )));
        };
        for (name, segment) in [
            ("type code", type_code),
            ("issuer code", issuer_code),
            ("serial", serial),
            ("check character", check),
        ] {
            if segment.is_empty() {
                return Err(malformed(format!("the {name} is empty")));
            }
            if let Some(ch) = segment
                .chars()
                .find(|c| !(c.is_ascii_digit() || c.is_ascii_uppercase()))
            {
                return Err(malformed(format!(
                    "the {name} holds {ch:?}; only 0-9 and A-Z are allowed"
                )));
            }
        }
        if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed(format!(
                "the version {version:?} is not made of digits"
            )));
        }
        let mut check_chars = check.chars();
        let (Some(check_character), None) = (check_chars.next(), check_chars.next()) else {
            return Err(malformed(format!(
                "the check segment {check:?} is not one character"
            )));
        };
        let payload = format!("{type_code}{issuer_code}{serial}{version}");
        let expected = mod37_36::check_char(&payload).map_err(|p| malformed(p.to_string()))?;

        let mut findings = Vec::new();
        if text.len() > Self::MAX_LEN {
            findings.push(IdentifierFinding::TooLong { length: text.len() });
        }
        if type_code.len() != 21 {
            findings.push(IdentifierFinding::TypeCodeLength {
                length: type_code.len(),
            });
        }
        if let Err(problem) = type_code.get(..18).map_or(
            Err(CodeProblem::BadLength {
                expected: 18,
                found: type_code.len(),
            }),
            check_uscc,
        ) {
            findings.push(IdentifierFinding::TypeCodeDefinerNotUscc { problem });
        }
        if let Err(problem) = check_uscc(issuer_code) {
            findings.push(IdentifierFinding::IssuerNotUscc { problem });
        }
        if serial.len() < 4 {
            findings.push(IdentifierFinding::UnusualSerial {
                length: serial.len(),
            });
        }
        if !is_version(version) {
            findings.push(IdentifierFinding::UnusualVersion {
                version: version.to_owned(),
            });
        }
        if expected != check_character {
            findings.push(IdentifierFinding::CheckCharacterMismatch {
                expected,
                found: check_character,
            });
        }
        Ok(ParsedIdentifier {
            type_code: type_code.to_owned(),
            issuer_code: issuer_code.to_owned(),
            serial: serial.to_owned(),
            version: version.to_owned(),
            check_character,
            expected_check_character: expected,
            findings,
        })
    }

    /// The same license re-issued: the version plus one, a new check character.
    ///
    /// # Errors
    /// After version 999.
    pub fn next_version(&self) -> Result<Self> {
        let next = self
            .version
            .parse::<u16>()
            .ok()
            .map(|v| v + 1)
            .filter(|v| *v <= 999)
            .ok_or_else(|| part_error("version", &self.version, "there is no version after 999"))?;
        Self::build(
            &self.type_code,
            &self.issuer_code,
            &self.serial,
            &format!("{next:03}"),
        )
    }

    /// The identifier, `1.2.156.3005.2.…`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// 证照类型代码 (21 characters).
    pub fn type_code(&self) -> &str {
        &self.type_code
    }

    /// 证照颁发机构代码, the issuer's USCC.
    pub fn issuer_code(&self) -> &str {
        &self.issuer_code
    }

    /// 流水号.
    pub fn serial(&self) -> &str {
        &self.serial
    }

    /// 版本号 (three digits).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// 校验位.
    pub fn check_character(&self) -> char {
        self.check
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for Identifier {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl Serialize for Identifier {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// e-license.md §3.4: valid identifiers from real or published sources.
    const VALID: [&str; 3] = [
        "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U",
        "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0",
        "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F",
    ];
    const HEFEI: &str = "1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9";
    const SHANDONG: &str = "1.2.156.3005.2.11100000000013661B006.113700000045046442.209FA4E88F9E4C878F3E9BED2CE7EA49.001.M";

    #[test]
    fn valid_identifiers_parse_and_rebuild() {
        for text in VALID {
            let p = Identifier::parse(text).unwrap();
            assert!(p.is_conforming(), "{text}: {:?}", p.findings);
            let id =
                Identifier::build(&p.type_code, &p.issuer_code, &p.serial, &p.version).unwrap();
            assert_eq!(id.as_str(), text);
        }
    }

    #[test]
    fn hefei_issuer_is_an_area_code() {
        let p = Identifier::parse(HEFEI).unwrap();
        assert_eq!(p.issuer_code, "340100");
        assert_eq!(p.check_character, '9');
        assert_eq!(p.expected_check_character, '9');
        assert_eq!(
            p.findings,
            [IdentifierFinding::IssuerNotUscc {
                problem: CodeProblem::BadLength {
                    expected: 18,
                    found: 6
                }
            }]
        );
        assert_eq!(p.findings[0].code(), "license.identifier-issuer");
        // It cannot be built: the issuer must be a USCC.
        let e = Identifier::build(&p.type_code, "340100", &p.serial, "001").unwrap_err();
        assert_eq!(e.code(), "license.invalid-identifier-part");
    }

    #[test]
    fn shandong_check_character() {
        let p = Identifier::parse(SHANDONG).unwrap();
        assert_eq!(p.serial.len(), 32);
        assert_eq!(
            p.findings,
            [IdentifierFinding::CheckCharacterMismatch {
                expected: 'D',
                found: 'M'
            }]
        );
    }

    #[test]
    fn structure_errors() {
        for bad in [
            "",
            "1.2.156.3005.3.11100000000013338W011.11430000006122244L.20230000403.001.U",
            "1.2.156.3005.2",
            "1.2.156.3005.2.",
            "1.2.156.3005.211100000000013338W011.11430000006122244L.20230000403.001.U",
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001",
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U.X",
            "1.2.156.3005.2.11100000000013338w011.11430000006122244L.20230000403.001.U",
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L..001.U",
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.2023-0000403.001.U",
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.0A1.U",
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.UU",
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.",
            " 1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U",
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U ",
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.２０.001.U",
        ] {
            let e = Identifier::parse(bad).unwrap_err();
            assert_eq!(e.code(), "license.malformed-identifier", "{bad}");
        }
    }

    #[test]
    fn findings() {
        // Short type code, short serial, version 000.
        let id = format!(
            "1.2.156.3005.2.11100000000013338W.11430000006122244L.AB.000.{}",
            mod37_36::check_char("11100000000013338W11430000006122244LAB000").unwrap()
        );
        let p = Identifier::parse(&id).unwrap();
        let codes: Vec<_> = p.findings.iter().map(IdentifierFinding::code).collect();
        assert_eq!(
            codes,
            [
                "license.identifier-type-code-length",
                "license.identifier-serial",
                "license.identifier-version"
            ]
        );
        let serial = "A".repeat(80);
        let payload = format!("11100000000013338W01111430000006122244L{serial}001");
        let id = format!(
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.{serial}.001.{}",
            mod37_36::check_char(&payload).unwrap()
        );
        let p = Identifier::parse(&id).unwrap();
        let codes: Vec<_> = p.findings.iter().map(IdentifierFinding::code).collect();
        assert_eq!(codes, ["license.identifier-too-long"]);
        // A type code whose first 18 characters are not a USCC.
        let p = Identifier::parse(
            "1.2.156.3005.2.11100000000013338X011.11430000006122244L.20230000403.001.U",
        )
        .unwrap();
        assert!(matches!(
            p.findings[0],
            IdentifierFinding::TypeCodeDefinerNotUscc { .. }
        ));
    }

    #[test]
    fn build_refuses_bad_parts() {
        let ok = (
            "11100000000013338W011",
            "11430000006122244L",
            "20230000403",
            "001",
        );
        assert!(Identifier::build(ok.0, ok.1, ok.2, ok.3).is_ok());
        for (t, i, s, v) in [
            ("11100000000013338W01", ok.1, ok.2, ok.3),
            ("11100000000013338w011", ok.1, ok.2, ok.3),
            (ok.0, "11430000006122244M", ok.2, ok.3),
            (ok.0, "340100", ok.2, ok.3),
            (ok.0, ok.1, "", ok.3),
            (ok.0, ok.1, "abc", ok.3),
            (ok.0, ok.1, "20.23", ok.3),
            (ok.0, ok.1, ok.2, "1"),
            (ok.0, ok.1, ok.2, "000"),
            (ok.0, ok.1, ok.2, "0011"),
        ] {
            assert!(Identifier::build(t, i, s, v).is_err(), "{t} {i} {s} {v}");
        }
        let long = "9".repeat(66);
        assert!(Identifier::build(ok.0, ok.1, &long, ok.3).is_ok());
        let long = "9".repeat(67);
        let e = Identifier::build(ok.0, ok.1, &long, ok.3).unwrap_err();
        assert!(e.to_string().contains("129 characters"), "{e}");
    }

    #[test]
    fn versions() {
        let id = Identifier::build(
            "11100000000013338W009",
            "11330105002500287C",
            "2025052201",
            "001",
        )
        .unwrap();
        let next = id.next_version().unwrap();
        assert_eq!(
            next.as_str(),
            "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0"
        );
        let last = Identifier::build(id.type_code(), id.issuer_code(), id.serial(), "999").unwrap();
        assert!(last.next_version().is_err());
    }
}
