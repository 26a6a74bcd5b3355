//! The seal structures of GB/T 38540-2020 (v4), GM/T 0031-2014 (v1) and
//! GM/T 0031-2025 (v5), parsed tolerantly and kept with the exact bytes every
//! signature covers.
//!
//! v4 (GB/T 38540-2020):
//!
//! ```text
//! SESeal ::= SEQUENCE {
//!     eSealInfo    SES_SealInfo,
//!     cert         OCTET STRING,            -- seal maker (制章者) certificate
//!     signAlgID    OBJECT IDENTIFIER,
//!     signedValue  BIT STRING,              -- maker's signature over the DER of eSealInfo
//!     timeStamp    [0] BIT STRING OPTIONAL  -- v5 only (GM/T 0031-2025)
//! }
//! SES_SealInfo ::= SEQUENCE {
//!     header    SES_Header,  esID IA5String,  property SES_ESPropertyInfo,
//!     picture   SES_ESPictrueInfo,  extDatas ExtensionDatas OPTIONAL }
//! SES_Header ::= SEQUENCE { ID IA5String ("ES"), version INTEGER (4), Vid IA5String }
//! SES_ESPropertyInfo ::= SEQUENCE {
//!     type INTEGER, name UTF8String, certListType INTEGER (1 certs | 2 digests),
//!     certList SES_CertList, createDate GeneralizedTime,
//!     validStart GeneralizedTime, validEnd GeneralizedTime }
//! SES_CertList ::= CHOICE { certs SEQUENCE OF OCTET STRING,
//!                           certDigestList SEQUENCE OF SEQUENCE { type PrintableString, value OCTET STRING } }
//! SES_ESPictrueInfo ::= SEQUENCE { type IA5String, data OCTET STRING, width INTEGER, height INTEGER }  -- mm
//! ExtensionDatas ::= SEQUENCE OF SEQUENCE { extnID OBJECT IDENTIFIER,
//!                                           critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
//!
//! SES_Signature ::= SEQUENCE {
//!     toSign TBS_Sign, cert OCTET STRING, signatureAlgID OBJECT IDENTIFIER,
//!     signature BIT STRING, timeStamp [0] BIT STRING OPTIONAL }
//! TBS_Sign ::= SEQUENCE {
//!     version INTEGER, eseal SESeal, timeInfo GeneralizedTime, dataHash BIT STRING,
//!     propertyInfo IA5String, extDatas [0] ExtensionDatas OPTIONAL }
//! ```
//!
//! v1 (GM/T 0031-2014) differs: `SESeal ::= SEQUENCE { esealInfo, signInfo SEQUENCE {
//! cert, signatureAlgorithm, signData } }`, the property has no `certListType`,
//! uses UTCTime and a `SEQUENCE OF` certificates (or, in some files, IA5String
//! certificate IDs); `SES_Signature ::= SEQUENCE { toSign, signature BIT STRING }`
//! with `TBS_Sign ::= SEQUENCE { version, eseal, timeInfo BIT STRING, dataHash
//! BIT STRING, propertyInfo, cert, signatureAlgorithm }`.
//!
//! The version is told from the structure, never from the header value alone:
//! the second element of `SESeal` is a SEQUENCE in v1 and an OCTET STRING in
//! v4/v5; v5 has header version 5 (and may carry a seal timestamp).
//!
//! Tolerated, because real files contain them: `critical FALSE` written out,
//! explicit, implicit or missing `[0]` tags, GeneralizedTime in v1 and UTCTime in
//! v4, fractional seconds, OCTET STRING instead of BIT STRING for v1's `timeInfo`
//! and `dataHash`, and trailing bytes after the outer structure (counted and reported).

use crate::asn1::{self, DerReader, Tlv, tag};
use crate::error::{DecodeError, Result};
use crate::time::Timestamp;
use der::asn1::ObjectIdentifier;
use serde::Serialize;
use std::ops::Range;

const SEAL: &str = "SESeal";
const SIGNATURE: &str = "SES_Signature";

/// Largest seal or seal signature gmseal parses (16 MiB; pictures are typically < 100 KiB).
pub const MAX_SEAL_LEN: usize = 16 << 20;

/// Which standard a structure follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SealVersion {
    /// GM/T 0031-2014.
    V1,
    /// GB/T 38540-2020.
    V4,
    /// GM/T 0031-2025.
    V5,
}

impl core::fmt::Display for SealVersion {
    /// `v1`, `v4` or `v5`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "v{}", self.number())
    }
}

impl SealVersion {
    /// The standard: `GM/T 0031-2014`, `GB/T 38540-2020` or `GM/T 0031-2025`.
    pub fn standard(self) -> &'static str {
        match self {
            Self::V1 => "GM/T 0031-2014",
            Self::V4 => "GB/T 38540-2020",
            Self::V5 => "GM/T 0031-2025",
        }
    }

    /// 1, 4 or 5.
    pub fn number(self) -> u8 {
        match self {
            Self::V1 => 1,
            Self::V4 => 4,
            Self::V5 => 5,
        }
    }
}

/// `SES_Header`.
#[doc(alias = "SES_Header")]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SesHeader {
    /// `ID`, always `"ES"`.
    pub id: String,
    /// `version`: 4 for GB/T 38540, 5 for GM/T 0031-2025; v1 files vary.
    pub version: i64,
    /// `Vid`, the vendor identifier (厂商标识).
    pub vid: String,
}

/// The signer certificates a seal lists (`SES_CertList`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "entries", rename_all = "kebab-case")]
pub enum CertList {
    /// `certListType` 1: DER certificates.
    Certificates(#[serde(serialize_with = "ser_hex_list")] Vec<Vec<u8>>),
    /// `certListType` 2: certificate digests.
    Digests(Vec<CertDigest>),
    /// v1 files that list certificate identifiers (IA5String) instead of certificates.
    Identifiers(Vec<String>),
}

impl CertList {
    /// Number of entries.
    pub fn len(&self) -> usize {
        match self {
            Self::Certificates(v) => v.len(),
            Self::Digests(v) => v.len(),
            Self::Identifiers(v) => v.len(),
        }
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn ser_hex_list<S: serde::Serializer>(
    v: &[Vec<u8>],
    s: S,
) -> core::result::Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|c| crate::hex_upper(&crate::crypto::sm3(c))))
}

fn ser_hex<S: serde::Serializer>(v: &[u8], s: S) -> core::result::Result<S::Ok, S::Error> {
    s.serialize_str(&crate::hex_upper(v))
}

/// `CertDigestObj`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertDigest {
    /// `type`: free text naming the digest (gmseal writes `"SM3"`).
    pub kind: String,
    /// `value`: the digest of the DER certificate.
    #[serde(serialize_with = "ser_hex")]
    pub value: Vec<u8>,
}

/// `SES_ESPropertyInfo`.
#[doc(alias = "SES_ESPropertyInfo")]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SesEsPropertyInfo {
    /// `type`: seal type (business-defined in v4; 1 organisation, 2 personal in v1).
    pub seal_type: i64,
    /// `name`: seal name (印章名称).
    pub name: String,
    /// `certListType`: 1 certificates, 2 digests; absent in v1.
    pub cert_list_type: Option<i64>,
    /// `certList`: the signers (签章者) allowed to use the seal.
    pub cert_list: CertList,
    /// `createDate`.
    pub create_date: Timestamp,
    /// `validStart`.
    pub valid_start: Timestamp,
    /// `validEnd`.
    pub valid_end: Timestamp,
}

/// `SES_ESPictrueInfo` (spelled so in the standards).
#[doc(alias = "SES_ESPictrueInfo")]
#[doc(alias = "SES_ESPictureInfo")]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SesEsPictureInfo {
    /// `type`: `"PNG"`, `"GIF"`, `"JPG"`, `"BMP"`, `"SVG"`, `"ofd"`...
    pub kind: String,
    /// `data`: the image bytes.
    #[serde(skip)]
    pub data: Vec<u8>,
    /// `width` in millimetres.
    pub width_mm: i64,
    /// `height` in millimetres.
    pub height_mm: i64,
}

/// One `ExtData`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExtData {
    /// `extnID`.
    #[serde(serialize_with = "ser_oid")]
    pub id: ObjectIdentifier,
    /// `critical`.
    pub critical: bool,
    /// `extnValue`.
    #[serde(serialize_with = "ser_hex")]
    pub value: Vec<u8>,
}

fn ser_oid<S: serde::Serializer>(
    v: &ObjectIdentifier,
    s: S,
) -> core::result::Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// `SES_SealInfo`.
#[doc(alias = "SES_SealInfo")]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SesSealInfo {
    /// `header`.
    pub header: SesHeader,
    /// `esID`: the seal's unique code (印章标识).
    pub es_id: String,
    /// `property`.
    pub property: SesEsPropertyInfo,
    /// `picture`.
    pub picture: SesEsPictureInfo,
    /// `extDatas`.
    pub ext_datas: Vec<ExtData>,
}

/// An electronic seal (`SESeal`, the `.esl` file), with its exact bytes.
///
/// ```
/// # fn main() -> gmseal::Result<()> {
/// # let f = gmseal::seal::__doc::fixture()?;
/// # let der = gmseal::seal::__doc::seal(&f)?.der().to_vec();
/// use gmseal::seal::{SesSeal, SealVersion};
/// let seal = SesSeal::from_der(&der)?;
/// assert_eq!(seal.version(), SealVersion::V4);
/// assert_eq!(seal.info().header.id, "ES");
/// # Ok(()) }
/// ```
#[doc(alias = "SESeal")]
#[derive(Clone, Debug)]
pub struct SesSeal {
    der: Vec<u8>,
    trailing_bytes: usize,
    version: SealVersion,
    info: SesSealInfo,
    info_range: Range<usize>,
    maker_cert: Vec<u8>,
    maker_cert_range: Range<usize>,
    signature_algorithm: ObjectIdentifier,
    algorithm_range: Range<usize>,
    signed_value: Vec<u8>,
    timestamp: Option<Vec<u8>>,
}

impl PartialEq for SesSeal {
    fn eq(&self, other: &Self) -> bool {
        self.der == other.der
    }
}

fn range_in(outer: &Tlv<'_>, inner: &Tlv<'_>) -> Range<usize> {
    let start = inner.offset - outer.offset;
    start..start + inner.raw.len()
}

fn check_len(data: &[u8], what: &'static str) -> Result<()> {
    if data.len() > MAX_SEAL_LEN {
        return Err(DecodeError::new(
            what,
            format!(
                "{} bytes is more than the {MAX_SEAL_LEN}-byte limit",
                data.len()
            ),
        )
        .into());
    }
    Ok(())
}

impl SesSeal {
    /// Parse a seal (v1, v4 or v5). Bytes after the outer SEQUENCE are
    /// tolerated and counted ([`trailing_bytes`](Self::trailing_bytes)).
    ///
    /// # Errors
    /// [`Error::Decode`](crate::Error::Decode) naming the field that is malformed.
    pub fn from_der(data: &[u8]) -> Result<Self> {
        check_len(data, SEAL)?;
        let mut r = DerReader::new(data, SEAL);
        let t = r.read(tag::SEQUENCE, "SESeal")?;
        let mut seal = Self::parse(&t)?;
        seal.trailing_bytes = data.len() - t.raw.len();
        Ok(seal)
    }

    /// Parse the `SESeal` element `t` (its raw bytes are kept).
    pub(crate) fn parse(t: &Tlv<'_>) -> Result<Self> {
        let mut r = t.reader(SEAL);
        let info_t = r.read(tag::SEQUENCE, "SES_SealInfo")?;
        let second = r.read_any("SESeal element 2")?;
        let (maker_cert_t, alg_t, signed_t, timestamp) = match second.tag {
            tag::SEQUENCE => {
                // v1: SES_SignInfo { cert, signatureAlgorithm, signData }
                let mut s = second.reader(SEAL);
                let cert = s.read(tag::OCTET_STRING, "SES_SignInfo.cert")?;
                let alg = s.read(tag::OID, "SES_SignInfo.signatureAlgorithm")?;
                let sig = s.read(tag::BIT_STRING, "SES_SignInfo.signData")?;
                s.finish("SES_SignInfo")?;
                (cert, alg, sig, None)
            }
            tag::OCTET_STRING => {
                let alg = r.read(tag::OID, "SESeal.signAlgID")?;
                let sig = r.read(tag::BIT_STRING, "SESeal.signedValue")?;
                let ts = read_timestamp(&mut r, "SESeal.timeStamp")?;
                (second, alg, sig, ts)
            }
            other => {
                return Err(DecodeError {
                    what: SEAL,
                    detail: format!(
                        "element 2 has tag 0x{other:02X}: neither v1 SES_SignInfo nor v4 cert"
                    ),
                    offset: Some(second.offset),
                }
                .into());
            }
        };
        r.finish("SESeal")?;
        let info = parse_seal_info(&info_t)?;
        let version = if second.tag == tag::SEQUENCE {
            SealVersion::V1
        } else if info.header.version == 5 || timestamp.is_some() {
            SealVersion::V5
        } else {
            SealVersion::V4
        };
        Ok(Self {
            der: t.raw.to_vec(),
            trailing_bytes: 0,
            version,
            info,
            info_range: range_in(t, &info_t),
            maker_cert: maker_cert_t.value.to_vec(),
            maker_cert_range: range_in(t, &maker_cert_t),
            signature_algorithm: asn1::oid(&alg_t, SEAL)?,
            algorithm_range: range_in(t, &alg_t),
            signed_value: asn1::read_bit_string(&signed_t, SEAL, "signedValue")?.to_vec(),
            timestamp,
        })
    }

    /// The exact DER of the seal (without trailing bytes).
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// Bytes that followed the seal's DER in the input.
    pub fn trailing_bytes(&self) -> usize {
        self.trailing_bytes
    }

    /// The structure's version.
    pub fn version(&self) -> SealVersion {
        self.version
    }

    /// `eSealInfo`.
    pub fn info(&self) -> &SesSealInfo {
        &self.info
    }

    /// The exact DER of `eSealInfo`.
    pub fn info_der(&self) -> &[u8] {
        &self.der[self.info_range.clone()]
    }

    /// The seal maker's DER certificate (`cert`).
    pub fn maker_certificate_der(&self) -> &[u8] {
        &self.maker_cert
    }

    /// `signAlgID`.
    pub fn signature_algorithm(&self) -> &ObjectIdentifier {
        &self.signature_algorithm
    }

    /// `signedValue` (the maker's signature, DER or raw r‖s).
    pub fn signed_value(&self) -> &[u8] {
        &self.signed_value
    }

    /// v5 `timeStamp`, when present.
    pub fn timestamp(&self) -> Option<&[u8]> {
        self.timestamp.as_deref()
    }

    /// The bytes the maker signed: the DER of `SES_SealInfo` (v4/v5), or of
    /// `SEQUENCE { esealInfo, cert, signatureAlgorithm }` (v1).
    pub fn maker_signed_bytes(&self) -> Vec<u8> {
        match self.version {
            SealVersion::V4 | SealVersion::V5 => self.info_der().to_vec(),
            SealVersion::V1 => asn1::tlv(
                tag::SEQUENCE,
                &[
                    self.info_der(),
                    &self.der[self.maker_cert_range.clone()],
                    &self.der[self.algorithm_range.clone()],
                ],
            ),
        }
    }
}

/// `[0] BIT STRING OPTIONAL`, explicit (`A0 { 03 … }`) or implicit (`80 …`).
fn read_timestamp(r: &mut DerReader<'_>, field: &'static str) -> Result<Option<Vec<u8>>> {
    match r.peek_tag() {
        Some(t) if t == tag::context(0) => {
            let outer = r.read(t, field)?;
            let mut inner = outer.reader(SEAL);
            let bits = inner.read_any(field)?;
            if bits.tag == tag::BIT_STRING && inner.is_empty() {
                Ok(Some(asn1::read_bit_string(&bits, SEAL, field)?.to_vec()))
            } else {
                // Implicitly tagged constructed form: keep the content as is.
                Ok(Some(outer.value.to_vec()))
            }
        }
        Some(t) if t == tag::context_primitive(0) => {
            let t = r.read(t, field)?;
            let bits = t
                .value
                .split_first()
                .map(|(_, rest)| rest.to_vec())
                .unwrap_or_default();
            Ok(Some(bits))
        }
        _ => Ok(None),
    }
}

fn parse_seal_info(t: &Tlv<'_>) -> Result<SesSealInfo> {
    let mut r = t.reader(SEAL);
    let header_t = r.read(tag::SEQUENCE, "SES_Header")?;
    let mut h = header_t.reader(SEAL);
    let header = SesHeader {
        id: asn1::read_string(&h.read_any("SES_Header.ID")?, SEAL, "SES_Header.ID")?,
        version: asn1::read_int(
            &h.read_any("SES_Header.version")?,
            SEAL,
            "SES_Header.version",
        )?,
        vid: asn1::read_string(&h.read_any("SES_Header.Vid")?, SEAL, "SES_Header.Vid")?,
    };
    h.finish("SES_Header")?;
    let es_id = asn1::read_string(&r.read_any("esID")?, SEAL, "esID")?;
    let property = parse_property(&r.read(tag::SEQUENCE, "SES_ESPropertyInfo")?)?;
    let pic_t = r.read(tag::SEQUENCE, "SES_ESPictrueInfo")?;
    let mut p = pic_t.reader(SEAL);
    let picture = SesEsPictureInfo {
        kind: asn1::read_string(&p.read_any("picture.type")?, SEAL, "picture.type")?,
        data: p.read(tag::OCTET_STRING, "picture.data")?.value.to_vec(),
        width_mm: asn1::read_int(&p.read_any("picture.width")?, SEAL, "picture.width")?,
        height_mm: asn1::read_int(&p.read_any("picture.height")?, SEAL, "picture.height")?,
    };
    p.finish("SES_ESPictrueInfo")?;
    let ext_datas = read_optional_ext_datas(&mut r, "SES_SealInfo.extDatas")?;
    r.finish("SES_SealInfo")?;
    Ok(SesSealInfo {
        header,
        es_id,
        property,
        picture,
        ext_datas,
    })
}

fn parse_property(t: &Tlv<'_>) -> Result<SesEsPropertyInfo> {
    let mut r = t.reader(SEAL);
    let seal_type = asn1::read_int(&r.read_any("property.type")?, SEAL, "property.type")?;
    let name = asn1::read_string(&r.read_any("property.name")?, SEAL, "property.name")?;
    let third = r.read_any("property.certListType")?;
    let (cert_list_type, list_t) = if third.tag == tag::INTEGER {
        (
            Some(asn1::read_int(&third, SEAL, "certListType")?),
            r.read(tag::SEQUENCE, "property.certList")?,
        )
    } else if third.tag == tag::SEQUENCE {
        (None, third)
    } else {
        return Err(DecodeError {
            what: SEAL,
            detail: "property: expected certListType INTEGER or certList SEQUENCE".into(),
            offset: Some(third.offset),
        }
        .into());
    };
    let cert_list = parse_cert_list(&list_t, cert_list_type)?;
    let mut time = |field: &'static str| -> Result<Timestamp> {
        asn1::read_time(&r.read_any(field)?, SEAL, field)
    };
    let create_date = time("property.createDate")?;
    let valid_start = time("property.validStart")?;
    let valid_end = time("property.validEnd")?;
    r.finish("SES_ESPropertyInfo")?;
    Ok(SesEsPropertyInfo {
        seal_type,
        name,
        cert_list_type,
        cert_list,
        create_date,
        valid_start,
        valid_end,
    })
}

/// `SES_CertList`: the CHOICE is decided by `certListType`, not by tag.
fn parse_cert_list(t: &Tlv<'_>, list_type: Option<i64>) -> Result<CertList> {
    let mut r = t.reader(SEAL);
    let mut certs = Vec::new();
    let mut digests = Vec::new();
    let mut ids = Vec::new();
    while !r.is_empty() {
        let e = r.read_any("certList entry")?;
        match (list_type, e.tag) {
            (Some(2), tag::SEQUENCE) => {
                let mut d = e.reader(SEAL);
                digests.push(CertDigest {
                    kind: asn1::read_string(
                        &d.read_any("CertDigestObj.type")?,
                        SEAL,
                        "CertDigestObj.type",
                    )?,
                    value: d
                        .read(tag::OCTET_STRING, "CertDigestObj.value")?
                        .value
                        .to_vec(),
                });
                d.finish("CertDigestObj")?;
            }
            (Some(1) | None, tag::OCTET_STRING) => certs.push(e.value.to_vec()),
            (None, tag::IA5_STRING | tag::PRINTABLE_STRING | tag::UTF8_STRING) => {
                ids.push(asn1::read_string(&e, SEAL, "certList entry")?);
            }
            (Some(n), _) if n != 1 && n != 2 => {
                return Err(DecodeError::new(
                    SEAL,
                    format!("certListType {n} is neither 1 (certificates) nor 2 (digests)"),
                )
                .into());
            }
            (_, other) => {
                return Err(DecodeError {
                    what: SEAL,
                    detail: format!("certList entry with tag 0x{other:02X} does not match certListType {list_type:?}"),
                    offset: Some(e.offset),
                }
                .into());
            }
        }
    }
    Ok(match (list_type, ids.is_empty(), digests.is_empty()) {
        (Some(2), _, _) => CertList::Digests(digests),
        (None, false, _) if certs.is_empty() => CertList::Identifiers(ids),
        (None, false, _) => {
            return Err(
                DecodeError::new(SEAL, "certList mixes certificates and identifiers").into(),
            );
        }
        _ => CertList::Certificates(certs),
    })
}

/// An optional `ExtensionDatas`: untagged SEQUENCE, or `[0]` explicit or implicit.
fn read_optional_ext_datas(r: &mut DerReader<'_>, field: &'static str) -> Result<Vec<ExtData>> {
    match r.peek_tag() {
        None => Ok(Vec::new()),
        Some(tag::SEQUENCE) => parse_ext_datas(&r.read(tag::SEQUENCE, field)?),
        Some(t) if t == tag::context(0) => {
            let outer = r.read(t, field)?;
            let mut inner = outer.reader(SEAL);
            let first = inner.read_any(field)?;
            // Explicit: [0] { SEQUENCE OF ExtData }. Implicit: [0] { ExtData, ... },
            // where each ExtData starts with an OID.
            let first_is_ext_data =
                first.tag == tag::SEQUENCE && first.value.first() == Some(&tag::OID);
            if first.tag == tag::SEQUENCE && !first_is_ext_data && inner.is_empty() {
                parse_ext_datas(&first)
            } else {
                parse_ext_datas(&outer)
            }
        }
        Some(other) => {
            Err(DecodeError::new(SEAL, format!("{field}: unexpected tag 0x{other:02X}")).into())
        }
    }
}

fn parse_ext_datas(t: &Tlv<'_>) -> Result<Vec<ExtData>> {
    let mut out = Vec::new();
    let mut r = t.reader(SEAL);
    while !r.is_empty() {
        let e = r.read(tag::SEQUENCE, "ExtData")?;
        let mut x = e.reader(SEAL);
        let id = asn1::oid(&x.read(tag::OID, "ExtData.extnID")?, SEAL)?;
        let critical = match x.read_optional(tag::BOOLEAN, "ExtData.critical")? {
            Some(b) => asn1::read_bool(&b, SEAL, "ExtData.critical")?,
            None => false,
        };
        let value = x
            .read(tag::OCTET_STRING, "ExtData.extnValue")?
            .value
            .to_vec();
        x.finish("ExtData")?;
        out.push(ExtData {
            id,
            critical,
            value,
        });
    }
    Ok(out)
}

/// `TBS_Sign.timeInfo`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum TimeInfo {
    /// A time (v4/v5 GeneralizedTime; v1 text that reads as a time).
    Time(Timestamp),
    /// v1 content that is not a readable time (for example a timestamp token).
    Opaque(#[serde(serialize_with = "ser_hex")] Vec<u8>),
}

impl TimeInfo {
    /// The time, when there is one.
    pub fn time(&self) -> Option<Timestamp> {
        match self {
            Self::Time(t) => Some(*t),
            Self::Opaque(_) => None,
        }
    }
}

/// `TBS_Sign`.
#[doc(alias = "TBS_Sign")]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TbsSign {
    /// `version`.
    pub version: i64,
    /// `timeInfo`: when the document was sealed.
    pub time_info: TimeInfo,
    /// `dataHash`: the digest of the original (SM3).
    #[serde(serialize_with = "ser_hex")]
    pub data_hash: Vec<u8>,
    /// `propertyInfo`: what the signature protects.
    pub property_info: String,
    /// `extDatas` (v4/v5).
    pub ext_datas: Vec<ExtData>,
}

/// An electronic seal signature (`SES_Signature`, `SignedValue.dat`), with its exact bytes.
#[doc(alias = "SES_Signature")]
#[derive(Clone, Debug)]
pub struct SesSignature {
    der: Vec<u8>,
    trailing_bytes: usize,
    version: SealVersion,
    tbs: TbsSign,
    tbs_range: Range<usize>,
    seal: SesSeal,
    signer_cert: Vec<u8>,
    signature_algorithm: ObjectIdentifier,
    signature: Vec<u8>,
    timestamp: Option<Vec<u8>>,
}

impl SesSignature {
    /// Parse a seal signature (v1, v4 or v5). Bytes after the outer SEQUENCE are
    /// tolerated and counted.
    ///
    /// # Errors
    /// [`Error::Decode`](crate::Error::Decode) naming the field that is malformed.
    pub fn from_der(data: &[u8]) -> Result<Self> {
        check_len(data, SIGNATURE)?;
        let mut top = DerReader::new(data, SIGNATURE);
        let t = top.read(tag::SEQUENCE, "SES_Signature")?;
        let mut r = t.reader(SIGNATURE);
        let tbs_t = r.read(tag::SEQUENCE, "TBS_Sign")?;
        let second = r.read_any("SES_Signature element 2")?;
        let v1 = second.tag == tag::BIT_STRING;
        let (signature_t, cert, alg, timestamp) = if v1 {
            (second, None, None, None)
        } else if second.tag == tag::OCTET_STRING {
            let alg = r.read(tag::OID, "SES_Signature.signatureAlgID")?;
            let sig = r.read(tag::BIT_STRING, "SES_Signature.signature")?;
            let ts = read_timestamp(&mut r, "SES_Signature.timeStamp")?;
            (
                sig,
                Some(second.value.to_vec()),
                Some(asn1::oid(&alg, SIGNATURE)?),
                ts,
            )
        } else {
            return Err(DecodeError {
                what: SIGNATURE,
                detail: format!(
                    "element 2 has tag 0x{:02X}: neither v1 signature nor v4 cert",
                    second.tag
                ),
                offset: Some(second.offset),
            }
            .into());
        };
        r.finish("SES_Signature")?;

        let mut tr = tbs_t.reader(SIGNATURE);
        let version = asn1::read_int(
            &tr.read_any("TBS_Sign.version")?,
            SIGNATURE,
            "TBS_Sign.version",
        )?;
        let seal = SesSeal::parse(&tr.read(tag::SEQUENCE, "TBS_Sign.eseal")?)?;
        let time_t = tr.read_any("TBS_Sign.timeInfo")?;
        let time_info = match time_t.tag {
            tag::GENERALIZED_TIME | tag::UTC_TIME => {
                TimeInfo::Time(asn1::read_time(&time_t, SIGNATURE, "TBS_Sign.timeInfo")?)
            }
            tag::BIT_STRING | tag::OCTET_STRING if v1 => {
                let bytes = if time_t.tag == tag::BIT_STRING {
                    asn1::read_bit_string(&time_t, SIGNATURE, "TBS_Sign.timeInfo")?
                } else {
                    time_t.value
                };
                match core::str::from_utf8(bytes).ok().and_then(parse_text_time) {
                    Some(t) => TimeInfo::Time(t),
                    None => TimeInfo::Opaque(bytes.to_vec()),
                }
            }
            other => {
                return Err(DecodeError {
                    what: SIGNATURE,
                    detail: format!("TBS_Sign.timeInfo has tag 0x{other:02X}"),
                    offset: Some(time_t.offset),
                }
                .into());
            }
        };
        let hash_t = tr.read_any("TBS_Sign.dataHash")?;
        let data_hash = match hash_t.tag {
            tag::BIT_STRING => {
                asn1::read_bit_string(&hash_t, SIGNATURE, "TBS_Sign.dataHash")?.to_vec()
            }
            tag::OCTET_STRING if v1 => hash_t.value.to_vec(),
            _ => asn1::read_bit_string(&hash_t, SIGNATURE, "TBS_Sign.dataHash")?.to_vec(),
        };
        let property_info = asn1::read_string(
            &tr.read_any("TBS_Sign.propertyInfo")?,
            SIGNATURE,
            "TBS_Sign.propertyInfo",
        )?;
        let (signer_cert, signature_algorithm, ext_datas) = if v1 {
            let cert = tr.read(tag::OCTET_STRING, "TBS_Sign.cert")?.value.to_vec();
            let alg = asn1::oid(
                &tr.read(tag::OID, "TBS_Sign.signatureAlgorithm")?,
                SIGNATURE,
            )?;
            (cert, alg, Vec::new())
        } else {
            let ext = read_optional_ext_datas(&mut tr, "TBS_Sign.extDatas")?;
            // `cert` and `alg` are Some for v4/v5 by construction above.
            (
                cert.unwrap_or_default(),
                alg.unwrap_or(crate::oid::SM2_WITH_SM3),
                ext,
            )
        };
        tr.finish("TBS_Sign")?;
        let version_kind = match (v1, seal.version()) {
            (true, _) => SealVersion::V1,
            (false, SealVersion::V5) => SealVersion::V5,
            (false, _) if version == 5 => SealVersion::V5,
            _ => SealVersion::V4,
        };
        Ok(Self {
            der: t.raw.to_vec(),
            trailing_bytes: data.len() - t.raw.len(),
            version: version_kind,
            tbs: TbsSign {
                version,
                time_info,
                data_hash,
                property_info,
                ext_datas,
            },
            tbs_range: range_in(&t, &tbs_t),
            seal,
            signer_cert,
            signature_algorithm,
            signature: asn1::read_bit_string(&signature_t, SIGNATURE, "signature")?.to_vec(),
            timestamp,
        })
    }

    /// The exact DER (without trailing bytes).
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// Bytes that followed the DER in the input.
    pub fn trailing_bytes(&self) -> usize {
        self.trailing_bytes
    }

    /// The structure's version.
    pub fn version(&self) -> SealVersion {
        self.version
    }

    /// `toSign`, decoded.
    pub fn to_sign(&self) -> &TbsSign {
        &self.tbs
    }

    /// The exact DER of `toSign`, which the signer signed.
    pub fn to_sign_der(&self) -> &[u8] {
        &self.der[self.tbs_range.clone()]
    }

    /// The embedded seal (`toSign.eseal`).
    pub fn seal(&self) -> &SesSeal {
        &self.seal
    }

    /// The signer's DER certificate.
    pub fn signer_certificate_der(&self) -> &[u8] {
        &self.signer_cert
    }

    /// `signatureAlgID`.
    pub fn signature_algorithm(&self) -> &ObjectIdentifier {
        &self.signature_algorithm
    }

    /// `signature` (DER or raw r‖s).
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// `timeStamp`, when present.
    pub fn timestamp(&self) -> Option<&[u8]> {
        self.timestamp.as_deref()
    }
}

/// v1 `timeInfo` as text: `2020-01-25T07:31:56.377Z`, `2020-01-25 15:31:56`
/// (local time, read as UTC+8), or ASN.1 GeneralizedTime text.
fn parse_text_time(s: &str) -> Option<Timestamp> {
    let s = s.trim_end_matches('\0').trim();
    if let Ok(t) = Timestamp::parse(s) {
        return Some(t);
    }
    if s.len() == 19 && s.as_bytes()[10] == b' ' {
        return Timestamp::parse(&format!("{}T{}+08:00", &s[..10], &s[11..])).ok();
    }
    let der = asn1::tlv(tag::GENERALIZED_TIME, &[s.as_bytes()]);
    let mut r = DerReader::new(&der, SIGNATURE);
    asn1::read_time(&r.read_any("timeInfo").ok()?, SIGNATURE, "timeInfo").ok()
}
