//! `TSTInfo`, the content of a time-stamp token (RFC 3161 §2.4.2): a strict
//! reader and a DER writer.

use crate::asn1::{self, DerReader, Tlv, tag, tlv};
use crate::cms::{read_algorithm, unsigned_int_der};
use crate::error::{DecodeError, Error, Result, TspError};
use crate::oid;
use crate::pki::DistinguishedName;
use crate::time::Timestamp;
use der::asn1::ObjectIdentifier;

const WHAT: &str = "RFC 3161 TSTInfo";

/// The hash of the time-stamped data (RFC 3161 §2.4.1).
///
/// ```text
/// MessageImprint ::= SEQUENCE  {
///      hashAlgorithm                AlgorithmIdentifier,
///      hashedMessage                OCTET STRING  }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MessageImprint {
    /// `hashAlgorithm` (gmseal writes and verifies [`oid::SM3`]).
    pub hash_algorithm: ObjectIdentifier,
    /// `hashedMessage`.
    #[doc(alias = "hashedMessage")]
    pub hashed_message: Vec<u8>,
}

/// How far `genTime` may be from UTC (RFC 3161 §2.4.2). A missing field
/// counts as zero, and gmseal omits zero fields when writing.
///
/// ```text
/// Accuracy ::= SEQUENCE {
///          seconds        INTEGER              OPTIONAL,
///          millis     [0] INTEGER  (1..999)    OPTIONAL,
///          micros     [1] INTEGER  (1..999)    OPTIONAL  }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accuracy {
    /// `seconds`.
    pub seconds: u64,
    /// `millis`, 0 to 999.
    pub millis: u16,
    /// `micros`, 0 to 999.
    pub micros: u16,
}

impl Accuracy {
    /// The DER `Accuracy`.
    fn to_der(self) -> Result<Vec<u8>> {
        if self.millis > 999 || self.micros > 999 {
            return Err(Error::InvalidInput(format!(
                "accuracy millis {} and micros {} must be at most 999 (RFC 3161 §2.4.2)",
                self.millis, self.micros
            )));
        }
        let mut parts = Vec::new();
        if self.seconds > 0 {
            parts.push(asn1::int_der(self.seconds));
        }
        for (n, v) in [(0, self.millis), (1, self.micros)] {
            if v > 0 {
                let mut int = asn1::int_der(u64::from(v));
                int[0] = tag::context_primitive(n);
                parts.push(int);
            }
        }
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        Ok(tlv(tag::SEQUENCE, &refs))
    }

    fn from_tlv(t: &Tlv<'_>) -> Result<Self> {
        let mut r = t.reader(WHAT);
        let mut accuracy = Self::default();
        if let Some(s) = r.read_optional(tag::INTEGER, "Accuracy.seconds")? {
            accuracy.seconds = u64::try_from(asn1::read_int(&s, WHAT, "Accuracy.seconds")?)
                .map_err(|_| malformed(&s, "Accuracy.seconds is negative"))?;
        }
        for (n, field, slot) in [
            (0, "Accuracy.millis", &mut accuracy.millis),
            (1, "Accuracy.micros", &mut accuracy.micros),
        ] {
            if let Some(v) = r.read_optional(tag::context_primitive(n), field)? {
                let as_int = Tlv {
                    tag: tag::INTEGER,
                    ..v
                };
                *slot = asn1::read_int(&as_int, WHAT, field)?
                    .try_into()
                    .ok()
                    .filter(|m| (1..=999).contains(m))
                    .ok_or_else(|| malformed(&v, &format!("{field} is not in 1..999")))?;
            }
        }
        r.finish("Accuracy")?;
        Ok(accuracy)
    }
}

/// One `Extension` of `TSTInfo.extensions` (the RFC 5280 §4.1 syntax).
///
/// ```text
/// Extension ::= SEQUENCE {
///      extnID      OBJECT IDENTIFIER,
///      critical    BOOLEAN DEFAULT FALSE,
///      extnValue   OCTET STRING }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TstExtension {
    /// `extnID`.
    pub id: ObjectIdentifier,
    /// `critical`.
    pub critical: bool,
    /// The content of `extnValue`.
    pub value: Vec<u8>,
}

/// The time-stamp information a TSA signs (RFC 3161 §2.4.2). `version` is
/// always `v1` (checked when reading, written by [`to_der`](Self::to_der)).
///
/// ```text
/// TSTInfo ::= SEQUENCE  {
///    version                      INTEGER  { v1(1) },
///    policy                       TSAPolicyId,
///    messageImprint               MessageImprint,
///      -- MUST have the same value as the similar field in
///      -- TimeStampReq
///    serialNumber                 INTEGER,
///     -- Time-Stamping users MUST be ready to accommodate integers
///     -- up to 160 bits.
///    genTime                      GeneralizedTime,
///    accuracy                     Accuracy                 OPTIONAL,
///    ordering                     BOOLEAN             DEFAULT FALSE,
///    nonce                        INTEGER                  OPTIONAL,
///      -- MUST be present if the similar field was present
///      -- in TimeStampReq.  In that case it MUST have the same value.
///    tsa                          [0] GeneralName          OPTIONAL,
///    extensions                   [1] IMPLICIT Extensions   OPTIONAL  }
///
/// TSAPolicyId ::= OBJECT IDENTIFIER
/// ```
///
/// `genTime` is `YYYYMMDDhhmmss[.s...]Z`, fractions without trailing zeros;
/// gmseal reads it strictly so.
///
/// ```
/// # let (_, tsa_key, tsa, now) = gmseal::tsp::__doc::tsa()?;
/// use gmseal::cms::{verify_attached, CmsVerifyOptions};
/// use gmseal::crypto::SystemRandom;
/// use gmseal::tsp::{TimestampBuilder, TstInfo};
/// use gmseal::{FixedClock, oid};
/// let token = TimestampBuilder::new(&tsa, &tsa_key, oid::TEST_POLICY, &FixedClock(now), &SystemRandom)
///     .nonce(&[0x12, 0x34])
///     .stamp(b"data")?;
/// let content = verify_attached(&token, &CmsVerifyOptions::default())?.content;
/// let info = TstInfo::from_der(&content)?;
/// assert_eq!(info.message_imprint.hashed_message, gmseal::crypto::sm3(b"data"));
/// assert_eq!(info.nonce.as_deref(), Some(&[0x12, 0x34][..]));
/// assert_eq!(info.to_der()?, content);
/// # Ok::<(), gmseal::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
#[doc(alias = "TSTInfo")]
pub struct TstInfo {
    /// `policy`: the TSA policy under which the token was issued.
    pub policy: ObjectIdentifier,
    /// `messageImprint`.
    #[doc(alias = "messageImprint")]
    pub message_imprint: MessageImprint,
    /// `serialNumber`, big-endian without leading zeros (non-negative).
    #[doc(alias = "serialNumber")]
    pub serial_number: Vec<u8>,
    /// `genTime` to the second.
    #[doc(alias = "genTime")]
    pub gen_time: Timestamp,
    /// The fraction of a second of `genTime`: the digits after the decimal
    /// point, empty when there are none.
    pub gen_time_fraction: String,
    /// `accuracy`.
    pub accuracy: Option<Accuracy>,
    /// `ordering`.
    pub ordering: bool,
    /// `nonce`, big-endian without leading zeros (non-negative).
    pub nonce: Option<Vec<u8>>,
    /// `tsa`: the DER of the `GeneralName`.
    pub tsa: Option<Vec<u8>>,
    /// `extensions` (empty when absent).
    pub extensions: Vec<TstExtension>,
}

fn malformed(t: &Tlv<'_>, detail: &str) -> Error {
    DecodeError {
        what: WHAT,
        detail: detail.into(),
        offset: Some(t.offset),
    }
    .into()
}

/// A non-negative DER INTEGER's magnitude, without leading zeros.
fn unsigned(t: &Tlv<'_>, field: &str) -> Result<Vec<u8>> {
    match t.value {
        [] => Err(malformed(t, &format!("{field} is an empty INTEGER"))),
        [first, ..] if first & 0x80 != 0 => Err(malformed(t, &format!("{field} is negative"))),
        [0, second, ..] if second & 0x80 == 0 => {
            Err(malformed(t, &format!("{field} is not minimally encoded")))
        }
        [0, rest @ ..] => Ok(rest.to_vec()),
        v => Ok(v.to_vec()),
    }
}

/// `YYYYMMDDhhmmss[.s...]Z` (RFC 3161 §2.4.2): the time and the fraction digits.
fn parse_gen_time(t: &Tlv<'_>) -> Result<(Timestamp, String)> {
    let bad = || {
        malformed(
            t,
            &format!(
                "TSTInfo.genTime {:?} is not YYYYMMDDhhmmss[.s...]Z without trailing zeros",
                String::from_utf8_lossy(t.value)
            ),
        )
    };
    let text = core::str::from_utf8(t.value).map_err(|_| bad())?;
    let body = text.strip_suffix('Z').ok_or_else(bad)?;
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let fraction_ok = !body.contains('.') || (!fraction.is_empty() && !fraction.ends_with('0'));
    if whole.len() != 14 || !digits(whole) || !digits(fraction) || !fraction_ok {
        return Err(bad());
    }
    let field = |i: usize, n: usize| whole.get(i..i + n).and_then(|f| f.parse::<u32>().ok());
    let fields = [
        field(0, 4),
        field(4, 2),
        field(6, 2),
        field(8, 2),
        field(10, 2),
        field(12, 2),
    ];
    let mut civil = [0u32; 6];
    for (slot, value) in civil.iter_mut().zip(fields) {
        *slot = value.ok_or_else(bad)?;
    }
    let time = Timestamp::from_civil(civil, 0).ok_or_else(bad)?;
    Ok((time, fraction.to_owned()))
}

impl TstExtension {
    /// The DER `Extension`; `critical` only when TRUE (DER omits a DEFAULT).
    fn to_der(&self) -> Vec<u8> {
        let critical: &[u8] = if self.critical {
            &[tag::BOOLEAN, 1, 0xFF]
        } else {
            &[]
        };
        let value = tlv(tag::OCTET_STRING, &[&self.value]);
        tlv(tag::SEQUENCE, &[&asn1::oid_der(&self.id), critical, &value])
    }

    fn from_tlv(ext: &Tlv<'_>) -> Result<Self> {
        let mut er = ext.reader(WHAT);
        let id = asn1::oid(&er.read(tag::OID, "Extension.extnID")?, WHAT)?;
        let critical = er
            .read_optional(tag::BOOLEAN, "Extension.critical")?
            .map(|b| asn1::read_bool(&b, WHAT, "Extension.critical"))
            .transpose()?
            .unwrap_or(false);
        let value = er.read(tag::OCTET_STRING, "Extension.extnValue")?;
        er.finish("Extension")?;
        Ok(Self {
            id,
            critical,
            value: value.value.to_vec(),
        })
    }
}

fn parse_extensions(t: &Tlv<'_>) -> Result<Vec<TstExtension>> {
    let mut out: Vec<TstExtension> = Vec::new();
    let mut r = t.reader(WHAT);
    while !r.is_empty() {
        let element = r.read(tag::SEQUENCE, "TSTInfo.extensions")?;
        let ext = TstExtension::from_tlv(&element)?;
        if out.iter().any(|e| e.id == ext.id) {
            return Err(malformed(
                &element,
                &format!("extension {} appears twice", ext.id),
            ));
        }
        out.push(ext);
    }
    if out.is_empty() {
        // Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
        return Err(malformed(t, "TSTInfo.extensions is empty"));
    }
    Ok(out)
}

impl TstInfo {
    /// Parse a DER `TSTInfo` (the `eContent` of a time-stamp token).
    ///
    /// # Errors
    /// [`Error::Decode`](crate::Error::Decode) naming the malformed field;
    /// [`TspError::Invalid`] for a version other than 1.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let mut top = DerReader::new(der, WHAT);
        let seq = top.read(tag::SEQUENCE, "TSTInfo")?;
        top.finish("TSTInfo")?;
        let mut r = seq.reader(WHAT);
        let version = asn1::read_int(
            &r.read(tag::INTEGER, "TSTInfo.version")?,
            WHAT,
            "TSTInfo.version",
        )?;
        if version != 1 {
            return Err(
                TspError::Invalid(format!("TSTInfo.version is {version}, not v1(1)")).into(),
            );
        }
        let policy = asn1::oid(&r.read(tag::OID, "TSTInfo.policy")?, WHAT)?;
        let imprint = r.read(tag::SEQUENCE, "TSTInfo.messageImprint")?;
        let mut ir = imprint.reader(WHAT);
        let hash_algorithm = read_algorithm(&mut ir, WHAT, "MessageImprint.hashAlgorithm")?;
        let hashed_message = ir
            .read(tag::OCTET_STRING, "MessageImprint.hashedMessage")?
            .value
            .to_vec();
        ir.finish("MessageImprint")?;
        let serial_number = unsigned(
            &r.read(tag::INTEGER, "TSTInfo.serialNumber")?,
            "TSTInfo.serialNumber",
        )?;
        let (gen_time, gen_time_fraction) =
            parse_gen_time(&r.read(tag::GENERALIZED_TIME, "TSTInfo.genTime")?)?;
        let accuracy = match r.read_optional(tag::SEQUENCE, "TSTInfo.accuracy")? {
            Some(t) => Some(Accuracy::from_tlv(&t)?),
            None => None,
        };
        // DER omits the DEFAULT FALSE; an explicit FALSE is tolerated.
        let ordering = match r.read_optional(tag::BOOLEAN, "TSTInfo.ordering")? {
            Some(t) => asn1::read_bool(&t, WHAT, "TSTInfo.ordering")?,
            None => false,
        };
        let nonce = match r.read_optional(tag::INTEGER, "TSTInfo.nonce")? {
            Some(t) => Some(unsigned(&t, "TSTInfo.nonce")?),
            None => None,
        };
        // [0] on a CHOICE is explicit: the element wraps one GeneralName.
        let tsa = match r.read_optional(tag::context(0), "TSTInfo.tsa")? {
            Some(t) => {
                let mut tr = t.reader(WHAT);
                let name = tr.read_any("TSTInfo.tsa")?;
                tr.finish("TSTInfo.tsa")?;
                Some(name.raw.to_vec())
            }
            None => None,
        };
        let extensions = match r.read_optional(tag::context(1), "TSTInfo.extensions")? {
            Some(t) => parse_extensions(&t)?,
            None => Vec::new(),
        };
        r.finish("TSTInfo")?;
        Ok(Self {
            policy,
            message_imprint: MessageImprint {
                hash_algorithm,
                hashed_message,
            },
            serial_number,
            gen_time,
            gen_time_fraction,
            accuracy,
            ordering,
            nonce,
            tsa,
            extensions,
        })
    }

    /// The DER `TSTInfo` (version v1). A parsed DER `TSTInfo` encodes back to
    /// the same bytes.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when a field cannot
    /// be encoded: fraction digits that are not digits or end in zero, an
    /// accuracy above 999 millis or micros, a `tsa` that is not one DER element.
    pub fn to_der(&self) -> Result<Vec<u8>> {
        let fraction = &self.gen_time_fraction;
        if !fraction.bytes().all(|b| b.is_ascii_digit()) || fraction.ends_with('0') {
            return Err(Error::InvalidInput(format!(
                "genTime fraction {fraction:?} must be digits without trailing zeros"
            )));
        }
        let compact: String = self
            .gen_time
            .to_string()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let point = if fraction.is_empty() { "" } else { "." };
        let gen_time = tlv(
            tag::GENERALIZED_TIME,
            &[
                compact.as_bytes(),
                point.as_bytes(),
                fraction.as_bytes(),
                b"Z",
            ],
        );
        let imprint = tlv(
            tag::SEQUENCE,
            &[
                &tlv(
                    tag::SEQUENCE,
                    &[&asn1::oid_der(&self.message_imprint.hash_algorithm)],
                ),
                &tlv(tag::OCTET_STRING, &[&self.message_imprint.hashed_message]),
            ],
        );
        let mut parts = vec![
            asn1::int_der(1),
            asn1::oid_der(&self.policy),
            imprint,
            unsigned_int_der(&self.serial_number),
            gen_time,
        ];
        if let Some(accuracy) = self.accuracy {
            parts.push(accuracy.to_der()?);
        }
        if self.ordering {
            parts.push(tlv(tag::BOOLEAN, &[&[0xFF]]));
        }
        if let Some(nonce) = &self.nonce {
            parts.push(unsigned_int_der(nonce));
        }
        if let Some(name) = &self.tsa {
            let mut r = DerReader::new(name, WHAT);
            r.read_any("TSTInfo.tsa")
                .and_then(|_| r.finish("TSTInfo.tsa"))
                .map_err(|e| Error::InvalidInput(format!("the tsa GeneralName: {e}")))?;
            parts.push(tlv(tag::context(0), &[name]));
        }
        if !self.extensions.is_empty() {
            let exts: Vec<u8> = self
                .extensions
                .iter()
                .flat_map(TstExtension::to_der)
                .collect();
            parts.push(tlv(tag::context(1), &[&exts]));
        }
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        Ok(tlv(tag::SEQUENCE, &refs))
    }

    /// The TSA's name when `tsa` is a `directoryName` (`[4] Name`).
    pub fn tsa_name(&self) -> Option<DistinguishedName> {
        let name = self.tsa.as_deref()?;
        let mut r = DerReader::new(name, WHAT);
        let element = r.read(tag::context(4), "GeneralName").ok()?;
        DistinguishedName::from_der(element.value).ok()
    }

    /// `genTime` as RFC 3339 text with its fraction, for example
    /// `2026-05-01T00:01:00.25Z`.
    pub fn gen_time_text(&self) -> String {
        let whole = self.gen_time.to_string();
        match whole.strip_suffix('Z') {
            Some(stem) if !self.gen_time_fraction.is_empty() => {
                format!("{stem}.{}Z", self.gen_time_fraction)
            }
            _ => whole,
        }
    }

    /// Whether `hash_algorithm` is SM3.
    pub(crate) fn imprint_is_sm3(&self) -> bool {
        self.message_imprint.hash_algorithm == oid::SM3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> TstInfo {
        TstInfo {
            policy: oid::TEST_POLICY,
            message_imprint: MessageImprint {
                hash_algorithm: oid::SM3,
                hashed_message: vec![0xAB; 32],
            },
            serial_number: vec![0x80, 0x01],
            gen_time: Timestamp::parse("2026-05-01T12:34:56Z").unwrap_or(Timestamp::UNIX_EPOCH),
            gen_time_fraction: "25".into(),
            accuracy: Some(Accuracy {
                seconds: 1,
                millis: 500,
                micros: 0,
            }),
            ordering: true,
            nonce: Some(vec![0x01, 0x02]),
            tsa: Some(tlv(tag::context(4), &[&tlv(tag::SEQUENCE, &[])])),
            extensions: vec![TstExtension {
                id: oid::TEST_POLICY,
                critical: true,
                value: vec![0x05, 0x00],
            }],
        }
    }

    #[test]
    fn round_trip_every_field() -> Result<()> {
        let info = sample();
        let der = info.to_der()?;
        let back = TstInfo::from_der(&der)?;
        assert_eq!(back, info);
        assert_eq!(back.to_der()?, der);
        assert_eq!(back.gen_time_text(), "2026-05-01T12:34:56.25Z");
        assert!(back.imprint_is_sm3());
        // The GeneralizedTime as written.
        let needle = b"20260501123456.25Z";
        assert!(der.windows(needle.len()).any(|w| w == needle));
        Ok(())
    }

    #[test]
    fn strict_gen_time_and_integers() {
        let mut info = sample();
        info.gen_time_fraction = "250".into();
        assert!(info.to_der().is_err(), "trailing zero");
        let good = sample().to_der().unwrap_or_default();
        for (from, to) in [
            (&b"20260501123456.25Z"[..], &b"20260501123456,25Z"[..]),
            (b"20260501123456.25Z", b"20260501123456.20Z"),
            (b"20260501123456.25Z", b"202605011234.2500Z"),
            (b"20260501123456.25Z", b"20260501123456.25+"),
            (b"20260501123456.25Z", b"20261301123456.25Z"),
        ] {
            let pos = good.windows(from.len()).position(|w| w == from);
            let mut bad = good.clone();
            if let Some(p) = pos {
                bad[p..p + from.len()].copy_from_slice(to);
            }
            assert!(
                TstInfo::from_der(&bad).is_err(),
                "{}",
                String::from_utf8_lossy(to)
            );
        }
        let t = |v: &'static [u8]| Tlv {
            tag: tag::INTEGER,
            value: v,
            raw: v,
            offset: 0,
        };
        assert!(unsigned(&t(&[0x80]), "n").is_err());
        assert!(unsigned(&t(&[0x00, 0x01]), "n").is_err());
        assert!(unsigned(&t(&[]), "n").is_err());
        assert_eq!(unsigned(&t(&[0x00, 0x80]), "n").ok(), Some(vec![0x80]));
        let mut info = sample();
        info.accuracy = Some(Accuracy {
            seconds: 0,
            millis: 1000,
            micros: 0,
        });
        assert!(info.to_der().is_err());
    }
}
