//! Calendar dates of e-license metadata (证照颁发日期, 有效期起始/截止日期) and
//! the validity end that may be "long-term" (长期).

use crate::error::{LicenseError, Result};
use crate::time::Timestamp;
use core::fmt;
use core::str::FromStr;

/// A calendar date, as e-license metadata carries them.
///
/// Deployed systems write dates as `YYYY-MM-DD` or `YYYYMMDD` (e-license.md
/// §2.1, row 8); both are accepted, and `YYYY-MM-DD` is written. In JSON a
/// date is a string. Dates order chronologically.
///
/// ```
/// use gmseal::license::LicenseDate;
/// let d = LicenseDate::parse("20260102")?;
/// assert_eq!(d.to_string(), "2026-01-02");
/// assert_eq!(d.to_chinese(), "2026年1月2日");
/// assert!(d < LicenseDate::new(2026, 1, 3)?);
/// # Ok::<(), gmseal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LicenseDate {
    year: u16,
    month: u8,
    day: u8,
}

fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn date_error(input: &str, reason: impl Into<String>) -> LicenseError {
    LicenseError::InvalidDate {
        input: input.chars().take(64).collect(),
        reason: reason.into(),
    }
}

impl LicenseDate {
    /// The date `year-month-day`.
    ///
    /// # Errors
    /// When it is not a calendar date of the years 1 to 9999.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self> {
        Self::checked(year, month, day).ok_or_else(|| {
            date_error(
                &format!("{year:04}-{month:02}-{day:02}"),
                "not a calendar date",
            )
            .into()
        })
    }

    fn checked(year: u16, month: u8, day: u8) -> Option<Self> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Self { year, month, day })
    }

    /// Parse `YYYY-MM-DD` or `YYYYMMDD`.
    ///
    /// # Errors
    /// When the text has another form or is not a calendar date.
    pub fn parse(text: &str) -> Result<Self> {
        Ok(Self::parse_inner(text)?)
    }

    pub(crate) fn parse_inner(text: &str) -> core::result::Result<Self, LicenseError> {
        let b = text.as_bytes();
        if !text.is_ascii() {
            return Err(date_error(text, "expected YYYY-MM-DD or YYYYMMDD"));
        }
        let (y, m, d) = match b.len() {
            10 if b[4] == b'-' && b[7] == b'-' => (&text[0..4], &text[5..7], &text[8..10]),
            8 => (&text[0..4], &text[4..6], &text[6..8]),
            _ => return Err(date_error(text, "expected YYYY-MM-DD or YYYYMMDD")),
        };
        let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
        if !(digits(y) && digits(m) && digits(d)) {
            return Err(date_error(text, "expected YYYY-MM-DD or YYYYMMDD"));
        }
        let (Ok(year), Ok(month), Ok(day)) = (y.parse(), m.parse(), d.parse()) else {
            return Err(date_error(text, "expected YYYY-MM-DD or YYYYMMDD"));
        };
        Self::checked(year, month, day).ok_or_else(|| date_error(text, "not a calendar date"))
    }

    /// The date at an instant in a time zone `utc_offset_secs` east of UTC;
    /// for China (UTC+8) that is `28_800`.
    ///
    /// ```
    /// use gmseal::{license::LicenseDate, Timestamp};
    /// let t = Timestamp::parse("2026-01-01T17:00:00Z")?;
    /// assert_eq!(LicenseDate::from_timestamp(t, 8 * 3600).to_string(), "2026-01-02");
    /// # Ok::<(), gmseal::Error>(())
    /// ```
    pub fn from_timestamp(time: Timestamp, utc_offset_secs: i32) -> Self {
        let offset = u64::from(utc_offset_secs.unsigned_abs());
        let local = if utc_offset_secs >= 0 {
            time.plus_seconds(offset)
        } else {
            time.minus_seconds(offset)
        };
        let dt = local.to_datetime();
        Self {
            year: dt.year(),
            month: dt.month(),
            day: dt.day(),
        }
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The date as printed on Chinese documents: `2026年1月2日`.
    pub fn to_chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl fmt::Display for LicenseDate {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for LicenseDate {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl serde::Serialize for LicenseDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for LicenseDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::parse_inner(&text).map_err(serde::de::Error::custom)
    }
}

/// The end of a license's validity (证照有效期截止日期): a date, or long-term
/// (长期), for licenses that do not expire.
///
/// How deployed systems encode "long-term" varies (e-license.md §2.1, row 14);
/// gmseal writes the text `长期`, and also reads `长期有效`.
///
/// ```
/// use gmseal::license::{LicenseDate, Validity};
/// assert_eq!(Validity::parse("长期")?, Validity::LongTerm);
/// let until = Validity::parse("2029-02-28")?;
/// assert_eq!(until, Validity::Until(LicenseDate::new(2029, 2, 28)?));
/// assert_eq!(until.to_chinese(), "2029年2月28日");
/// # Ok::<(), gmseal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Validity {
    /// Valid up to and including this date.
    Until(LicenseDate),
    /// Long-term (长期): no end date.
    LongTerm,
}

impl Validity {
    /// The text gmseal writes for [`Validity::LongTerm`].
    pub const LONG_TERM: &'static str = "长期";

    /// Parse a date (see [`LicenseDate::parse`]) or `长期` / `长期有效`.
    ///
    /// # Errors
    /// When the text is neither.
    pub fn parse(text: &str) -> Result<Self> {
        Ok(Self::parse_inner(text)?)
    }

    pub(crate) fn parse_inner(text: &str) -> core::result::Result<Self, LicenseError> {
        match text {
            "长期" | "长期有效" => Ok(Self::LongTerm),
            _ => LicenseDate::parse_inner(text)
                .map(Self::Until)
                .map_err(|_| date_error(text, "expected YYYY-MM-DD, YYYYMMDD or 长期")),
        }
    }

    /// The end date, `None` for long-term.
    pub fn date(self) -> Option<LicenseDate> {
        match self {
            Self::Until(d) => Some(d),
            Self::LongTerm => None,
        }
    }

    /// `2029年2月28日` or `长期`.
    pub fn to_chinese(self) -> String {
        match self {
            Self::Until(d) => d.to_chinese(),
            Self::LongTerm => Self::LONG_TERM.to_owned(),
        }
    }
}

impl fmt::Display for Validity {
    /// `YYYY-MM-DD` or `长期`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Until(d) => d.fmt(f),
            Self::LongTerm => f.write_str(Self::LONG_TERM),
        }
    }
}

impl FromStr for Validity {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl serde::Serialize for Validity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Validity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::parse_inner(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn parses_both_forms() {
        let a = LicenseDate::parse("2026-01-02").unwrap();
        let b = LicenseDate::parse("20260102").unwrap();
        assert_eq!(a, b);
        assert_eq!((a.year(), a.month(), a.day()), (2026, 1, 2));
        assert_eq!(a.to_string(), "2026-01-02");
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "0000-01-01",
            "2026/01/02",
            "2026-1-2",
            "202601020",
            "",
            "2026-01-0x",
            "+026-01-02",
            "２０２６-01-02",
        ] {
            assert!(LicenseDate::parse(bad).is_err(), "{bad}");
        }
        assert!(LicenseDate::parse("2024-02-29").is_ok());
        assert!(LicenseDate::parse("2000-02-29").is_ok());
        assert!(LicenseDate::parse("1900-02-29").is_err());
        let e = LicenseDate::parse("2026-02-30").unwrap_err();
        assert_eq!(e.code(), "license.invalid-date");
        assert_eq!(
            e.to_string(),
            "invalid e-license date \"2026-02-30\": not a calendar date"
        );
    }

    #[test]
    fn chinese_and_order() {
        let d = LicenseDate::new(2026, 12, 31).unwrap();
        assert_eq!(d.to_chinese(), "2026年12月31日");
        assert!(LicenseDate::new(2025, 12, 31).unwrap() < LicenseDate::new(2026, 1, 1).unwrap());
        assert!(LicenseDate::new(2026, 2, 1).unwrap() > LicenseDate::new(2026, 1, 31).unwrap());
    }

    #[test]
    fn validity() {
        assert_eq!(Validity::parse("长期有效").unwrap(), Validity::LongTerm);
        assert_eq!(Validity::LongTerm.to_string(), "长期");
        assert_eq!(Validity::LongTerm.date(), None);
        let e = Validity::parse("long").unwrap_err();
        assert!(e.to_string().contains("长期"), "{e}");
    }

    #[test]
    fn from_timestamp_offsets() {
        let t = Timestamp::parse("2026-01-01T17:00:00Z").unwrap();
        assert_eq!(LicenseDate::from_timestamp(t, 0).to_string(), "2026-01-01");
        assert_eq!(
            LicenseDate::from_timestamp(t, 28_800).to_string(),
            "2026-01-02"
        );
        let t = Timestamp::parse("2026-01-01T03:00:00Z").unwrap();
        assert_eq!(
            LicenseDate::from_timestamp(t, -5 * 3600).to_string(),
            "2025-12-31"
        );
    }
}
