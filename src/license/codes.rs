//! Check characters of the codes that identify e-license holders and issuers:
//!
//! | code | standard | check |
//! |---|---|---|
//! | 统一社会信用代码 (USCC) | GB 32100-2015 | 18 characters, MOD 31 with weights 3^(i−1); positions 9–17 are a GB 11714 organization code |
//! | 公民身份号码 (citizen ID number) | GB 11643-1999 | 18 characters, ISO 7064 MOD 11-2 |
//! | 组织机构代码 (organization code) | GB 11714-1997 | 8 + 1 characters, MOD 11 with weights `3 7 9 10 5 8 4 2` |
//! | 行政区划代码 (area code) | GB/T 2260 | 6 digits, format and province only |
//!
//! Each check returns `Ok(())` or the [`CodeProblem`] that makes the code
//! invalid. Nothing here guesses what kind of code a string is: about one
//! 18-digit citizen ID number in 31 also passes the USCC check character
//! (hutool#1367). Use the holder code type code ([`HolderCodeType`],
//! GB/T 36903 Annex A) to decide which check applies.
//!
//! ```
//! use gmseal::license::codes::{check_citizen_id, check_uscc, CodeProblem};
//! assert!(check_uscc("91350100M000100Y43").is_ok());
//! assert_eq!(
//!     check_uscc("91350100M000100Y4Z"),
//!     Err(CodeProblem::BadCheckCharacter { expected: '3', found: 'Z' })
//! );
//! assert!(check_citizen_id("11010519491231002X").is_ok());
//! ```

use crate::license::date::LicenseDate;
use core::fmt;
use serde::Serialize;

/// Why a code is invalid. Positions count characters from 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CodeProblem {
    /// The code is empty.
    Empty,
    /// The code has the wrong number of characters.
    BadLength {
        /// The number required.
        expected: usize,
        /// The number found.
        found: usize,
    },
    /// A character the code may not contain at that position.
    BadCharacter {
        /// Its position, from 1.
        position: usize,
        /// The character.
        ch: char,
    },
    /// The check character is wrong.
    BadCheckCharacter {
        /// The check character the rest of the code gives.
        expected: char,
        /// The one found.
        found: char,
    },
    /// USCC positions 9–17 are not a valid GB 11714 organization code: the
    /// USCC's own check character is right, the embedded one is not.
    BadOrganizationCode {
        /// The check character positions 9–16 give.
        expected: char,
        /// The character at position 17.
        found: char,
    },
    /// A citizen ID number whose date of birth (positions 7–14) is not a
    /// calendar date between 1850 and 2099.
    BadBirthDate {
        /// The eight digits.
        date: String,
    },
    /// A 15-digit citizen ID number (the format before GB 11643-1999): it has
    /// no check character; [`citizen_id_from_15`] converts it.
    OldFormat,
    /// An area code whose first two digits are not a province of GB/T 2260.
    UnknownProvince {
        /// The two digits.
        prefix: String,
    },
}

impl CodeProblem {
    /// A stable name of the problem: `empty`, `bad-length`, `bad-character`,
    /// `bad-check-character`, `bad-organization-code`, `bad-birth-date`,
    /// `old-format` or `unknown-province` (the `kind` of its JSON form).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::BadLength { .. } => "bad-length",
            Self::BadCharacter { .. } => "bad-character",
            Self::BadCheckCharacter { .. } => "bad-check-character",
            Self::BadOrganizationCode { .. } => "bad-organization-code",
            Self::BadBirthDate { .. } => "bad-birth-date",
            Self::OldFormat => "old-format",
            Self::UnknownProvince { .. } => "unknown-province",
        }
    }
}

impl fmt::Display for CodeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the code is empty"),
            Self::BadLength { expected, found } => {
                write!(f, "expected {expected} characters, found {found}")
            }
            Self::BadCharacter { position, ch } => {
                write!(f, "character {ch:?} at position {position} is not allowed")
            }
            Self::BadCheckCharacter { expected, found } => {
                write!(f, "the check character is {found:?}, expected {expected:?}")
            }
            Self::BadOrganizationCode { expected, found } => write!(
                f,
                "the embedded organization code (positions 9-17) has check character {found:?}, expected {expected:?}"
            ),
            Self::BadBirthDate { date } => {
                write!(f, "the date of birth {date} is not a plausible date")
            }
            Self::OldFormat => {
                f.write_str("a 15-digit citizen ID number of the old format (no check character)")
            }
            Self::UnknownProvince { prefix } => {
                write!(f, "{prefix} is not a province code of GB/T 2260")
            }
        }
    }
}

impl std::error::Error for CodeProblem {}

/// The 31 characters of a USCC, in value order (GB 32100-2015 §4.2): no I, O,
/// S, V or Z.
pub const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The USCC weights W_i = 3^(i−1) mod 31, i = 1..=17.
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn uscc_value(ch: char) -> Option<u32> {
    USCC_ALPHABET
        .chars()
        .position(|c| c == ch)
        .and_then(|p| u32::try_from(p).ok())
}

fn char_at(alphabet: &str, index: u32) -> char {
    alphabet
        .chars()
        .nth(usize::try_from(index).unwrap_or(usize::MAX))
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

fn exact_length(code: &str, expected: usize) -> Result<Vec<char>, CodeProblem> {
    let chars: Vec<char> = code.chars().collect();
    if chars.is_empty() {
        return Err(CodeProblem::Empty);
    }
    if chars.len() != expected {
        return Err(CodeProblem::BadLength {
            expected,
            found: chars.len(),
        });
    }
    Ok(chars)
}

/// The check character of a USCC from its first 17 characters
/// (GB 32100-2015 §4.3):
///
/// ```text
/// C18 = 31 − (Σ_{i=1..17} C_i × W_i mod 31),  W_i = 3^(i−1) mod 31;  31 is written 0
/// ```
///
/// ```
/// use gmseal::license::codes::uscc_check_char;
/// assert_eq!(uscc_check_char("91350100M000100Y4"), Ok('3'));
/// ```
///
/// # Errors
/// When the input is not 17 characters of [`USCC_ALPHABET`].
pub fn uscc_check_char(first17: &str) -> Result<char, CodeProblem> {
    let chars = exact_length(first17, 17)?;
    let mut sum = 0u32;
    for (i, (&ch, w)) in chars.iter().zip(USCC_WEIGHTS).enumerate() {
        let v = uscc_value(ch).ok_or(CodeProblem::BadCharacter {
            position: i + 1,
            ch,
        })?;
        sum += v * w;
    }
    let c = 31 - sum % 31;
    Ok(char_at(USCC_ALPHABET, if c == 31 { 0 } else { c }))
}

/// Check a unified social credit code (统一社会信用代码, GB 32100-2015): 18
/// characters of [`USCC_ALPHABET`], the check character, and the GB 11714
/// organization code embedded at positions 9–17.
///
/// ```
/// use gmseal::license::codes::{check_uscc, CodeProblem};
/// assert!(check_uscc("11100000000013338W").is_ok());
/// assert_eq!(check_uscc("9A1234568378908767"), Err(CodeProblem::BadCheckCharacter { expected: 'J', found: '7' }));
/// assert_eq!(check_uscc("91350100M000100YI3"), Err(CodeProblem::BadCharacter { position: 17, ch: 'I' }));
/// ```
///
/// # Errors
/// The first problem found, in this order: length, characters (positions
/// 1–17), check character, embedded organization code.
pub fn check_uscc(code: &str) -> Result<(), CodeProblem> {
    let chars = exact_length(code, 18)?;
    if let Some((i, &ch)) = chars[..17]
        .iter()
        .enumerate()
        .find(|(_, c)| uscc_value(**c).is_none())
    {
        return Err(CodeProblem::BadCharacter {
            position: i + 1,
            ch,
        });
    }
    let first17: String = chars[..17].iter().collect();
    let expected = uscc_check_char(&first17)?;
    if expected != chars[17] {
        return Err(CodeProblem::BadCheckCharacter {
            expected,
            found: chars[17],
        });
    }
    let body: String = chars[8..16].iter().collect();
    let org = org_code_check_char(&body)?;
    if org != chars[16] {
        return Err(CodeProblem::BadOrganizationCode {
            expected: org,
            found: chars[16],
        });
    }
    Ok(())
}

/// The organization code weights (GB 11714-1997 §5).
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// The check character of an organization code from its 8 body characters
/// (GB 11714-1997): digits, and A–Z with values 10–35.
///
/// ```text
/// C9 = 11 − (Σ_{i=1..8} C_i × W_i mod 11),  W = 3 7 9 10 5 8 4 2;  10 is written X, 11 is written 0
/// ```
///
/// ```
/// use gmseal::license::codes::org_code_check_char;
/// assert_eq!(org_code_check_char("D2143569"), Ok('X'));
/// ```
///
/// # Errors
/// When the body is not 8 characters of `0-9A-Z`.
pub fn org_code_check_char(body: &str) -> Result<char, CodeProblem> {
    let chars = exact_length(body, 8)?;
    let mut sum = 0u32;
    for (i, (&ch, w)) in chars.iter().zip(ORG_WEIGHTS).enumerate() {
        let v = match ch {
            '0'..='9' | 'A'..='Z' => ch.to_digit(36).unwrap_or(0),
            _ => {
                return Err(CodeProblem::BadCharacter {
                    position: i + 1,
                    ch,
                });
            }
        };
        sum += v * w;
    }
    Ok(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        c => char::from_digit(c, 10).unwrap_or('?'),
    })
}

/// Check an organization code (组织机构代码, GB 11714-1997), written
/// `XXXXXXXX-X` or without the hyphen.
///
/// ```
/// use gmseal::license::codes::{check_org_code, CodeProblem};
/// assert!(check_org_code("D2143569-X").is_ok());
/// assert!(check_org_code("D2143569X").is_ok());
/// assert_eq!(check_org_code("D2143569-1"), Err(CodeProblem::BadCheckCharacter { expected: 'X', found: '1' }));
/// ```
///
/// # Errors
/// The first problem found: length (9, or 10 with the hyphen), characters of
/// the body and the hyphen, check character.
pub fn check_org_code(code: &str) -> Result<(), CodeProblem> {
    let chars: Vec<char> = code.chars().collect();
    let (body, check): (Vec<char>, char) = match chars.len() {
        0 => return Err(CodeProblem::Empty),
        9 => (chars[..8].to_vec(), chars[8]),
        10 => {
            if chars[8] != '-' {
                let (i, &ch) = chars
                    .iter()
                    .enumerate()
                    .find(|(i, c)| **c == '-' && *i != 8)
                    .unwrap_or((8, &chars[8]));
                return Err(CodeProblem::BadCharacter {
                    position: i + 1,
                    ch,
                });
            }
            (chars[..8].to_vec(), chars[9])
        }
        found => return Err(CodeProblem::BadLength { expected: 9, found }),
    };
    let body: String = body.into_iter().collect();
    let expected = org_code_check_char(&body)?;
    if expected != check {
        return Err(CodeProblem::BadCheckCharacter {
            expected,
            found: check,
        });
    }
    Ok(())
}

/// The citizen ID weights W_i = 2^(18−i) mod 11, i = 1..=17.
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check character of a citizen ID number from its first 17 digits
/// (GB 11643-1999, ISO 7064 MOD 11-2): `"10X98765432"[Σ a_i × W_i mod 11]`.
///
/// ```
/// use gmseal::license::codes::citizen_id_check_char;
/// assert_eq!(citizen_id_check_char("11010519491231002"), Ok('X'));
/// ```
///
/// # Errors
/// When the input is not 17 digits.
pub fn citizen_id_check_char(first17: &str) -> Result<char, CodeProblem> {
    let chars = exact_length(first17, 17)?;
    let mut sum = 0u32;
    for (i, (&ch, w)) in chars.iter().zip(ID_WEIGHTS).enumerate() {
        let v = ch.to_digit(10).ok_or(CodeProblem::BadCharacter {
            position: i + 1,
            ch,
        })?;
        sum += v * w;
    }
    Ok(char_at("10X98765432", sum % 11))
}

/// Check an 18-character citizen ID number (公民身份号码, GB 11643-1999): 17
/// digits, the check character (a digit or upper-case `X`), a date of birth at
/// positions 7–14 that is a calendar date from 1850 to 2099, and an address
/// code whose first two digits are a province. A 15-digit number of the old
/// format is reported as [`CodeProblem::OldFormat`].
///
/// ```
/// use gmseal::license::codes::{check_citizen_id, CodeProblem};
/// assert!(check_citizen_id("440524188001010014").is_ok());
/// assert_eq!(check_citizen_id("110105491231002"), Err(CodeProblem::OldFormat));
/// assert_eq!(check_citizen_id("11010519491231002x"), Err(CodeProblem::BadCheckCharacter { expected: 'X', found: 'x' }));
/// ```
///
/// # Errors
/// The first problem found: length, characters (positions 1–17), check
/// character, date of birth, province.
pub fn check_citizen_id(id: &str) -> Result<(), CodeProblem> {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() == 15 && chars.iter().all(char::is_ascii_digit) {
        return Err(CodeProblem::OldFormat);
    }
    let chars = exact_length(id, 18)?;
    if let Some((i, &ch)) = chars[..17]
        .iter()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_digit())
    {
        return Err(CodeProblem::BadCharacter {
            position: i + 1,
            ch,
        });
    }
    let expected = citizen_id_check_char(&id[..17])?;
    if expected != chars[17] {
        return Err(CodeProblem::BadCheckCharacter {
            expected,
            found: chars[17],
        });
    }
    let birth = &id[6..14];
    match LicenseDate::parse_inner(birth) {
        Ok(d) if (1850..=2099).contains(&d.year()) => {}
        _ => {
            return Err(CodeProblem::BadBirthDate {
                date: birth.to_owned(),
            });
        }
    }
    check_province(&id[..2])
}

/// Convert a 15-digit citizen ID number of the old format into the 18-digit
/// form: insert `19` before the 2-digit year and append the check character.
///
/// ```
/// use gmseal::license::codes::citizen_id_from_15;
/// assert_eq!(citizen_id_from_15("110105491231002").as_deref(), Ok("11010519491231002X"));
/// ```
///
/// # Errors
/// When the input is not 15 digits.
pub fn citizen_id_from_15(old: &str) -> Result<String, CodeProblem> {
    let chars = exact_length(old, 15)?;
    if let Some((i, &ch)) = chars.iter().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        return Err(CodeProblem::BadCharacter {
            position: i + 1,
            ch,
        });
    }
    let first17 = format!("{}19{}", &old[..6], &old[6..]);
    let check = citizen_id_check_char(&first17)?;
    Ok(format!("{first17}{check}"))
}

/// The province-level codes of GB/T 2260 (the first two digits of an area
/// code), with their names. This list has been stable since 1997.
pub const PROVINCES: [(&str, &str); 34] = [
    ("11", "北京市"),
    ("12", "天津市"),
    ("13", "河北省"),
    ("14", "山西省"),
    ("15", "内蒙古自治区"),
    ("21", "辽宁省"),
    ("22", "吉林省"),
    ("23", "黑龙江省"),
    ("31", "上海市"),
    ("32", "江苏省"),
    ("33", "浙江省"),
    ("34", "安徽省"),
    ("35", "福建省"),
    ("36", "江西省"),
    ("37", "山东省"),
    ("41", "河南省"),
    ("42", "湖北省"),
    ("43", "湖南省"),
    ("44", "广东省"),
    ("45", "广西壮族自治区"),
    ("46", "海南省"),
    ("50", "重庆市"),
    ("51", "四川省"),
    ("52", "贵州省"),
    ("53", "云南省"),
    ("54", "西藏自治区"),
    ("61", "陕西省"),
    ("62", "甘肃省"),
    ("63", "青海省"),
    ("64", "宁夏回族自治区"),
    ("65", "新疆维吾尔自治区"),
    ("71", "台湾省"),
    ("81", "香港特别行政区"),
    ("82", "澳门特别行政区"),
];

/// The name of the province of an area code, from its first two digits.
///
/// ```
/// assert_eq!(gmseal::license::codes::province_name("330106"), Some("浙江省"));
/// ```
pub fn province_name(area_code: &str) -> Option<&'static str> {
    let prefix = area_code.get(..2)?;
    PROVINCES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, name)| *name)
}

fn check_province(prefix: &str) -> Result<(), CodeProblem> {
    if province_name(prefix).is_some() {
        Ok(())
    } else {
        Err(CodeProblem::UnknownProvince {
            prefix: prefix.to_owned(),
        })
    }
}

/// The area code GB 32100 uses for registration at national level.
pub const NATIONAL_AREA_CODE: &str = "100000";

/// Check an administrative area code (行政区划代码, GB/T 2260): six digits
/// whose first two are a province ([`PROVINCES`]), or `100000` (national, as
/// GB 32100 uses it). Codes change every year, so membership in the current
/// list is not checked.
///
/// ```
/// use gmseal::license::codes::{check_area_code, CodeProblem};
/// assert!(check_area_code("220000").is_ok());
/// assert_eq!(check_area_code("990000"), Err(CodeProblem::UnknownProvince { prefix: "99".into() }));
/// ```
///
/// # Errors
/// The first problem found: length, characters, province.
pub fn check_area_code(code: &str) -> Result<(), CodeProblem> {
    let chars = exact_length(code, 6)?;
    if let Some((i, &ch)) = chars.iter().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        return Err(CodeProblem::BadCharacter {
            position: i + 1,
            ch,
        });
    }
    if code == NATIONAL_AREA_CODE {
        return Ok(());
    }
    check_province(&code[..2])
}

/// The holder code types (持证主体代码类型代码) of GB/T 36903 Annex A that
/// gmseal knows (e-license.md §2.2; the codes follow GA/T 517). Codes 154 and
/// 411 also occur in deployed systems; their meaning is unconfirmed, so they
/// are not listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum HolderCodeType {
    /// `001` 统一社会信用代码: checked with [`check_uscc`].
    Uscc,
    /// `099` 其他法人或其他组织证件: not checked beyond being present.
    OtherOrganization,
    /// `111` 公民身份号码: checked with [`check_citizen_id`].
    CitizenId,
    /// `414` 普通护照.
    Passport,
    /// `511` 台湾居民来往大陆通行证.
    TaiwanResidentPermit,
    /// `516` 港澳居民来往内地通行证.
    HongKongMacaoResidentPermit,
    /// `999` 其他自然人证件.
    OtherPersonal,
}

impl HolderCodeType {
    /// Every known type, in code order.
    pub const ALL: [Self; 7] = [
        Self::Uscc,
        Self::OtherOrganization,
        Self::CitizenId,
        Self::Passport,
        Self::TaiwanResidentPermit,
        Self::HongKongMacaoResidentPermit,
        Self::OtherPersonal,
    ];

    /// The type with a three-digit code, if gmseal knows it.
    ///
    /// ```
    /// use gmseal::license::HolderCodeType;
    /// assert_eq!(HolderCodeType::from_code("111"), Some(HolderCodeType::CitizenId));
    /// assert_eq!(HolderCodeType::from_code("411"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The three-digit code (持证主体代码类型代码).
    pub fn code(self) -> &'static str {
        match self {
            Self::Uscc => "001",
            Self::OtherOrganization => "099",
            Self::CitizenId => "111",
            Self::Passport => "414",
            Self::TaiwanResidentPermit => "511",
            Self::HongKongMacaoResidentPermit => "516",
            Self::OtherPersonal => "999",
        }
    }

    /// The name (持证主体代码类型) gmseal writes.
    pub fn name(self) -> &'static str {
        self.names()[0]
    }

    /// Names deployed systems use for this type; the first is [`name`](Self::name).
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Self::Uscc => &["统一社会信用代码"],
            Self::OtherOrganization => &["其他法人或其他组织证件", "其他法人证件"],
            Self::CitizenId => &[
                "公民身份号码",
                "居民身份证",
                "公民身份证号码",
                "居民身份证号码",
                "身份证",
            ],
            Self::Passport => &["普通护照", "护照"],
            Self::TaiwanResidentPermit => &["台湾居民来往大陆通行证"],
            Self::HongKongMacaoResidentPermit => &["港澳居民来往内地通行证"],
            Self::OtherPersonal => &["其他自然人证件"],
        }
    }

    /// Whether holders of this type are natural persons (自然人).
    pub fn is_natural_person(self) -> bool {
        !matches!(self, Self::Uscc | Self::OtherOrganization)
    }

    /// Check a holder code of this type: a USCC for `001`, a citizen ID number
    /// for `111`; any other type only needs a non-empty code.
    ///
    /// # Errors
    /// The problem the check reports.
    pub fn check(self, code: &str) -> Result<(), CodeProblem> {
        match self {
            Self::Uscc => check_uscc(code),
            Self::CitizenId => check_citizen_id(code),
            _ if code.trim().is_empty() => Err(CodeProblem::Empty),
            _ => Ok(()),
        }
    }
}

/// Check a holder code (持证主体代码) according to its holder code type code
/// (持证主体代码类型代码): `001` as a USCC, `111` as a citizen ID number, any
/// other type (known or not) only for being non-empty. Never guess the type
/// from the code.
///
/// ```
/// use gmseal::license::codes::check_holder_code;
/// assert!(check_holder_code("111", "11010519491231002X").is_ok());
/// assert!(check_holder_code("001", "11010519491231002X").is_err());
/// assert!(check_holder_code("099", "某某登记证 123").is_ok());
/// ```
///
/// # Errors
/// The problem the check reports.
pub fn check_holder_code(type_code: &str, code: &str) -> Result<(), CodeProblem> {
    match HolderCodeType::from_code(type_code) {
        Some(t) => t.check(code),
        None if code.trim().is_empty() => Err(CodeProblem::Empty),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// e-license.md §6.1, valid examples.
    const VALID_USCC: [&str; 9] = [
        "91350100M000100Y43",
        "91110108551385082Q",
        "91110000600037341L",
        "11100000000013338W",
        "11220000013544541J",
        "11430000006122244L",
        "113700000045046442",
        "11100000MB0341032Y",
        "12440600MB2C07549J",
    ];

    #[test]
    fn uscc_valid_examples() {
        for code in VALID_USCC {
            assert_eq!(check_uscc(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn uscc_worked_example_sum() {
        // GB 32100 worked example: Σ = 1640, 1640 mod 31 = 28, check = 3.
        let sum: u32 = "91350100M000100Y4"
            .chars()
            .zip(USCC_WEIGHTS)
            .map(|(c, w)| uscc_value(c).unwrap() * w)
            .sum();
        assert_eq!(sum, 1640);
        assert_eq!(uscc_check_char("91350100M000100Y4"), Ok('3'));
    }

    #[test]
    fn uscc_invalid_examples() {
        let bad = |expected, found| CodeProblem::BadCheckCharacter { expected, found };
        assert_eq!(check_uscc("91350100M000100Y4Z"), Err(bad('3', 'Z')));
        assert_eq!(check_uscc("91350100M000100Y4O"), Err(bad('3', 'O')));
        assert_eq!(check_uscc("9A1234568378908767"), Err(bad('J', '7')));
        assert_eq!(check_uscc("91310115MA1G4L1WXK"), Err(bad('7', 'K')));
        // The standard citizen ID example is not a USCC.
        assert_eq!(check_uscc("11010519491231002X"), Err(bad('B', 'X')));
        assert_eq!(
            check_uscc("91350100M000100Y4"),
            Err(CodeProblem::BadLength {
                expected: 18,
                found: 17
            })
        );
        assert_eq!(check_uscc(""), Err(CodeProblem::Empty));
        for (code, position, ch) in [
            ("I1350100M000100Y43", 1, 'I'),
            ("91350100m000100Y43", 9, 'm'),
            ("9135010SM000100Y43", 8, 'S'),
            ("91350100M000100V43", 16, 'V'),
            ("Z1350100M000100Y43", 1, 'Z'),
            ("91350100M000100Ｙ43", 16, 'Ｙ'),
        ] {
            assert_eq!(
                check_uscc(code),
                Err(CodeProblem::BadCharacter { position, ch }),
                "{code}"
            );
        }
    }

    #[test]
    fn uscc_31_becomes_0() {
        // Σ mod 31 = 0 gives 31, written 0 (the wellenzhong/cn-validator#2 bug).
        assert_eq!(uscc_check_char("91330106310000102"), Ok('0'));
        assert_eq!(check_uscc("913301063100001020"), Ok(()));
        assert_eq!(
            check_uscc("913301063100001021"),
            Err(CodeProblem::BadCheckCharacter {
                expected: '0',
                found: '1'
            })
        );
    }

    #[test]
    fn uscc_embedded_org_code() {
        // 91330106MA2H0WQ1 + org check 7 + USCC check L is valid; with the
        // org check changed to 8 and the USCC check recomputed, only the
        // embedded code is wrong.
        assert_eq!(check_uscc("91330106MA2H0WQ17L"), Ok(()));
        let check = uscc_check_char("91330106MA2H0WQ18").unwrap();
        let code = format!("91330106MA2H0WQ18{check}");
        assert_eq!(
            check_uscc(&code),
            Err(CodeProblem::BadOrganizationCode {
                expected: '7',
                found: '8'
            })
        );
    }

    #[test]
    fn citizen_ids() {
        assert_eq!(check_citizen_id("11010519491231002X"), Ok(()));
        assert_eq!(check_citizen_id("440524188001010014"), Ok(()));
        assert_eq!(
            check_citizen_id("110105194912310021"),
            Err(CodeProblem::BadCheckCharacter {
                expected: 'X',
                found: '1'
            })
        );
        assert_eq!(
            check_citizen_id("11010519491231002x"),
            Err(CodeProblem::BadCheckCharacter {
                expected: 'X',
                found: 'x'
            })
        );
        assert_eq!(
            check_citizen_id("1101051949123100X2"),
            Err(CodeProblem::BadCharacter {
                position: 17,
                ch: 'X'
            })
        );
        assert_eq!(
            check_citizen_id("110105491231002"),
            Err(CodeProblem::OldFormat)
        );
        assert_eq!(
            check_citizen_id("11010519491231002"),
            Err(CodeProblem::BadLength {
                expected: 18,
                found: 17
            })
        );
        // A calendar-impossible birth date, with a correct check character.
        let first17 = "11010519491331002";
        let id = format!("{first17}{}", citizen_id_check_char(first17).unwrap());
        assert_eq!(
            check_citizen_id(&id),
            Err(CodeProblem::BadBirthDate {
                date: "19491331".into()
            })
        );
        let first17 = "11010518000101002";
        let id = format!("{first17}{}", citizen_id_check_char(first17).unwrap());
        assert!(matches!(
            check_citizen_id(&id),
            Err(CodeProblem::BadBirthDate { .. })
        ));
        let first17 = "99010519491231002";
        let id = format!("{first17}{}", citizen_id_check_char(first17).unwrap());
        assert_eq!(
            check_citizen_id(&id),
            Err(CodeProblem::UnknownProvince {
                prefix: "99".into()
            })
        );
        assert_eq!(
            citizen_id_from_15("110105491231002").unwrap(),
            "11010519491231002X"
        );
        assert!(citizen_id_from_15("11010549123100X").is_err());
    }

    #[test]
    fn org_codes() {
        for code in [
            "D2143569-X",
            "D2143569X",
            "00001333-8",
            "01354454-1",
            "M000100Y-4",
        ] {
            assert_eq!(check_org_code(code), Ok(()), "{code}");
        }
        assert_eq!(
            check_org_code("D2143569-1"),
            Err(CodeProblem::BadCheckCharacter {
                expected: 'X',
                found: '1'
            })
        );
        assert_eq!(
            check_org_code("D214356-9X"),
            Err(CodeProblem::BadCharacter {
                position: 8,
                ch: '-'
            })
        );
        assert_eq!(
            check_org_code("D21435690X"),
            Err(CodeProblem::BadCharacter {
                position: 9,
                ch: '0'
            })
        );
        assert_eq!(
            check_org_code("d2143569-X"),
            Err(CodeProblem::BadCharacter {
                position: 1,
                ch: 'd'
            })
        );
        assert_eq!(
            check_org_code("D2143569-Y"),
            Err(CodeProblem::BadCheckCharacter {
                expected: 'X',
                found: 'Y'
            })
        );
        assert_eq!(
            check_org_code("D2143569"),
            Err(CodeProblem::BadLength {
                expected: 9,
                found: 8
            })
        );
    }

    #[test]
    fn area_codes() {
        for code in ["220000", "340100", "110105", "330106", "820000", "100000"] {
            assert_eq!(check_area_code(code), Ok(()), "{code}");
        }
        assert!(matches!(
            check_area_code("2200"),
            Err(CodeProblem::BadLength { .. })
        ));
        assert_eq!(
            check_area_code("22000A"),
            Err(CodeProblem::BadCharacter {
                position: 6,
                ch: 'A'
            })
        );
        for code in ["000000", "990000", "190000", "830000"] {
            assert!(
                matches!(
                    check_area_code(code),
                    Err(CodeProblem::UnknownProvince { .. })
                ),
                "{code}"
            );
        }
    }

    #[test]
    fn holder_codes_follow_the_type_code() {
        // e-license.md §6.1 pitfall: decide by the type code, never by the checksum.
        assert!(check_holder_code("111", "11010519491231002X").is_ok());
        assert!(check_holder_code("001", "11010519491231002X").is_err());
        assert!(check_holder_code("001", "91350100M000100Y43").is_ok());
        assert!(check_holder_code("111", "91350100M000100Y43").is_err());
        assert!(check_holder_code("414", "E12345678").is_ok());
        assert_eq!(check_holder_code("099", " "), Err(CodeProblem::Empty));
        assert!(check_holder_code("411", "G1234567").is_ok());
        for t in HolderCodeType::ALL {
            assert_eq!(HolderCodeType::from_code(t.code()), Some(t));
            assert_eq!(t.names()[0], t.name());
        }
        assert!(HolderCodeType::CitizenId.is_natural_person());
        assert!(!HolderCodeType::Uscc.is_natural_person());
    }

    #[test]
    fn messages() {
        assert_eq!(
            CodeProblem::BadCheckCharacter {
                expected: '3',
                found: 'Z'
            }
            .to_string(),
            "the check character is 'Z', expected '3'"
        );
        assert_eq!(CodeProblem::OldFormat.kind(), "old-format");
    }
}
