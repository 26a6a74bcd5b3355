//! Time: a UTC timestamp type and the injected [`Clock`].
//!
//! Nothing in gmseal reads the system clock directly: functions that need "now"
//! take a [`Clock`], so tests and test vectors run at a fixed time.

use crate::error::{Error, Result};
use core::fmt;
use core::time::Duration;
use der::DateTime;

/// A point in time, in whole seconds since 1970-01-01T00:00:00Z (UTC).
///
/// The supported range is 1970-01-01 to 9999-12-31, the range of X.509 times.
///
/// ```
/// use gmseal::Timestamp;
/// let t = Timestamp::parse("2026-01-02T03:04:05+08:00")?;
/// assert_eq!(t.to_string(), "2026-01-01T19:04:05Z");
/// # Ok::<(), gmseal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(u64);

/// Seconds of 9999-12-31T23:59:59Z, the last second X.509 can express.
const MAX_UNIX: u64 = 253_402_300_799;

impl Timestamp {
    /// The Unix epoch.
    pub const UNIX_EPOCH: Self = Self(0);

    /// From seconds since the Unix epoch.
    ///
    /// # Errors
    /// When the time is after 9999-12-31T23:59:59Z.
    pub fn from_unix(secs: u64) -> Result<Self> {
        if secs > MAX_UNIX {
            return Err(time_error(format!("{secs} seconds is after year 9999")));
        }
        Ok(Self(secs))
    }

    /// Seconds since the Unix epoch.
    pub fn unix(self) -> u64 {
        self.0
    }

    /// The current system time. Only [`SystemClock`] calls this.
    pub fn now() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Self(secs.min(MAX_UNIX))
    }

    /// This time plus a number of seconds, saturating at the end of year 9999.
    #[must_use]
    pub fn plus_seconds(self, secs: u64) -> Self {
        Self(self.0.saturating_add(secs).min(MAX_UNIX))
    }

    /// This time plus a number of days, saturating at the end of year 9999.
    #[must_use]
    pub fn plus_days(self, days: u32) -> Self {
        self.plus_seconds(u64::from(days) * 86_400)
    }

    /// This time minus a number of seconds, saturating at the epoch.
    #[must_use]
    pub fn minus_seconds(self, secs: u64) -> Self {
        Self(self.0.saturating_sub(secs))
    }

    /// Parse an RFC 3339 time: `YYYY-MM-DDTHH:MM:SSZ` or with a `±HH:MM` offset
    /// (fractional seconds are accepted and dropped). A bare date
    /// `YYYY-MM-DD` means midnight UTC.
    ///
    /// # Errors
    /// When the text is not such a time or is outside 1970..=9999.
    pub fn parse(text: &str) -> Result<Self> {
        parse_rfc3339(text.trim()).ok_or_else(|| {
            time_error(format!(
                "{text:?} is not an RFC 3339 time such as 2026-01-31T08:00:00Z"
            ))
        })
    }

    pub(crate) fn to_datetime(self) -> DateTime {
        // The range is checked on construction, so this conversion cannot fail;
        // fall back to the end of time rather than panic if that invariant is ever broken.
        DateTime::from_unix_duration(Duration::from_secs(self.0)).unwrap_or(DateTime::INFINITY)
    }

    pub(crate) fn from_datetime(dt: &DateTime) -> Self {
        Self(dt.unix_duration().as_secs())
    }

    /// The X.509 encoding RFC 5280 §4.1.2.5 requires: UTCTime through 2049,
    /// GeneralizedTime from 2050.
    pub(crate) fn to_x509_time(self) -> Result<x509_cert::time::Time> {
        let dt = self.to_datetime();
        let t = if dt.year() < 2050 {
            der::asn1::UtcTime::from_date_time(dt).map(x509_cert::time::Time::UtcTime)
        } else {
            Ok(x509_cert::time::Time::GeneralTime(
                der::asn1::GeneralizedTime::from_date_time(dt),
            ))
        };
        t.map_err(|e| time_error(format!("cannot encode {self} as an X.509 time: {e}")))
    }

    pub(crate) fn from_x509_time(t: &x509_cert::time::Time) -> Self {
        Self::from_datetime(&t.to_date_time())
    }
}

fn time_error(reason: String) -> Error {
    Error::InvalidInput(reason)
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dt = self.to_datetime();
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minutes(),
            dt.seconds()
        )
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn parse_rfc3339(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    let num = |r: core::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (mut hour, mut minute, mut second, mut offset_secs) = (0, 0, 0, 0i64);
    if b.len() > 10 {
        if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 19 || b[13] != b':' || b[16] != b':' {
            return None;
        }
        hour = num(11..13)?;
        minute = num(14..16)?;
        second = num(17..19)?;
        let mut rest = &s[19..];
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            rest = &frac[digits..];
        }
        match rest {
            "Z" | "z" => {}
            _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
                let sign = match rest.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let oh: i64 = rest[1..3].parse().ok()?;
                let om: i64 = rest[4..6].parse().ok()?;
                if oh > 23 || om > 59 {
                    return None;
                }
                offset_secs = sign * (oh * 3600 + om * 60);
            }
            _ => return None,
        }
    }
    Timestamp::from_civil([year, month, day, hour, minute, second], offset_secs)
}

impl Timestamp {
    /// The instant `[year, month, day, hour, minute, second]` at a UTC offset
    /// of `offset_secs`; `None` for an impossible date or one outside 1970..=9999.
    pub(crate) fn from_civil(fields: [u32; 6], offset_secs: i64) -> Option<Self> {
        let [year, month, day, hour, minute, second] = fields;
        let dt = DateTime::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
            u8::try_from(hour).ok()?,
            u8::try_from(minute).ok()?,
            u8::try_from(second).ok()?,
        )
        .ok()?;
        let local = i64::try_from(dt.unix_duration().as_secs()).ok()?;
        Self::from_unix(u64::try_from(local - offset_secs).ok()?).ok()
    }
}

/// A source of the current time, injected wherever gmseal needs "now".
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> Timestamp;
}

/// The operating system's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock stopped at one time: for tests, test vectors and reproducible output.
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let t = Timestamp::parse("2026-11-27T14:12:45Z").unwrap();
        assert_eq!(t.unix(), 1_795_788_765);
        assert_eq!(t.to_string(), "2026-11-27T14:12:45Z");
        assert_eq!(
            Timestamp::parse("2026-11-27").unwrap().to_string(),
            "2026-11-27T00:00:00Z"
        );
        assert_eq!(
            Timestamp::parse("2026-11-27T22:12:45.123+08:00").unwrap(),
            t
        );
        for bad in [
            "",
            "2026",
            "2026-13-01",
            "2026-02-30",
            "2026-01-01T25:00:00Z",
            "2026-01-01T00:00:00",
            "1969-12-31T23:59:59Z",
            "2026-01-01T00:00:00+8",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn x509_time_switches_at_2050() {
        let t = Timestamp::parse("2049-12-31T23:59:59Z").unwrap();
        assert!(matches!(
            t.to_x509_time().unwrap(),
            x509_cert::time::Time::UtcTime(_)
        ));
        let t = t.plus_seconds(1);
        assert!(matches!(
            t.to_x509_time().unwrap(),
            x509_cert::time::Time::GeneralTime(_)
        ));
        assert_eq!(Timestamp::from_x509_time(&t.to_x509_time().unwrap()), t);
    }
}
