//! The e-license metadata model (电子证照元数据, GB/T 36903-2018) and its JSON
//! form.
//!
//! See [`Metadata`] for the elements, their JSON ids and the aliases read.

use crate::error::{LicenseError, Result};
use crate::license::codes::HolderCodeType;
use crate::license::date::{LicenseDate, Validity};
use crate::license::rules::TypeRules;
use crate::license::validate::{Problem, Severity, validate};
use crate::time::Timestamp;
use core::fmt;
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A core element of GB/T 36903 metadata (rows 1–15 of the table in the
/// module documentation). Serialized as its JSON id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum CoreField {
    /// 证照标识 (GB/T 36904 identifier).
    CertificateIdentifier,
    /// 证照名称.
    CertificateName,
    /// 证照类型名称.
    CertificateType,
    /// 证照类型代码 (21 characters).
    CertificateTypeCode,
    /// 证照编号, the number printed on the license.
    CertificateNumber,
    /// 证照颁发机构, the issuing authority's full name.
    CertificateIssuingAuthorityName,
    /// 证照颁发机构代码, the issuing authority's USCC.
    CertificateIssuingAuthorityCode,
    /// 证照颁发日期.
    CertificateIssuedDate,
    /// 持证主体, the holder's name.
    CertificateHolderName,
    /// 持证主体代码, the holder's code (USCC, ID number, …).
    CertificateHolderCode,
    /// 持证主体代码类型, the name of the holder code type.
    CertificateHolderType,
    /// 持证主体代码类型代码 (GB/T 36903 Annex A).
    CertificateHolderTypeCode,
    /// 证照有效期起始日期.
    CertificateEffectiveDate,
    /// 证照有效期截止日期 (a date or 长期).
    CertificateExpiringDate,
    /// 证照所属管辖属地编码 (GB/T 2260).
    CertificateAreaCode,
}

impl CoreField {
    /// Every core element, in the order gmseal writes them.
    pub const ALL: [Self; 15] = [
        Self::CertificateIdentifier,
        Self::CertificateName,
        Self::CertificateType,
        Self::CertificateTypeCode,
        Self::CertificateNumber,
        Self::CertificateIssuingAuthorityName,
        Self::CertificateIssuingAuthorityCode,
        Self::CertificateIssuedDate,
        Self::CertificateHolderName,
        Self::CertificateHolderCode,
        Self::CertificateHolderType,
        Self::CertificateHolderTypeCode,
        Self::CertificateEffectiveDate,
        Self::CertificateExpiringDate,
        Self::CertificateAreaCode,
    ];

    /// The JSON id (and XML element name), e.g. `certificateIdentifier`.
    pub fn json_id(self) -> &'static str {
        match self {
            Self::CertificateIdentifier => "certificateIdentifier",
            Self::CertificateName => "certificateName",
            Self::CertificateType => "certificateType",
            Self::CertificateTypeCode => "certificateTypeCode",
            Self::CertificateNumber => "certificateNumber",
            Self::CertificateIssuingAuthorityName => "certificateIssuingAuthorityName",
            Self::CertificateIssuingAuthorityCode => "certificateIssuingAuthorityCode",
            Self::CertificateIssuedDate => "certificateIssuedDate",
            Self::CertificateHolderName => "certificateHolderName",
            Self::CertificateHolderCode => "certificateHolderCode",
            Self::CertificateHolderType => "certificateHolderType",
            Self::CertificateHolderTypeCode => "certificateHolderTypeCode",
            Self::CertificateEffectiveDate => "certificateEffectiveDate",
            Self::CertificateExpiringDate => "certificateExpiringDate",
            Self::CertificateAreaCode => "certificateAreaCode",
        }
    }

    /// The pinyin short name of real-estate OFD metadata, e.g. `ZZBS`, where
    /// one is known.
    pub fn pinyin(self) -> Option<&'static str> {
        Some(match self {
            Self::CertificateIdentifier => "ZZBS",
            Self::CertificateName => "ZZMC",
            Self::CertificateTypeCode => "ZZLXDM",
            Self::CertificateNumber => "ZZBH",
            Self::CertificateIssuingAuthorityName => "ZZBFJG",
            Self::CertificateIssuingAuthorityCode => "ZZBFJGDM",
            Self::CertificateIssuedDate => "ZZBFRQ",
            Self::CertificateHolderName => "CZZT",
            Self::CertificateHolderCode => "CZZTDM",
            Self::CertificateHolderType => "CZZTDMLX",
            Self::CertificateHolderTypeCode => "CZZTDMLXDM",
            Self::CertificateEffectiveDate => "ZZYXQQSRQ",
            Self::CertificateExpiringDate => "ZZYXQJZRQ",
            Self::CertificateType | Self::CertificateAreaCode => return None,
        })
    }

    /// The element's Chinese name, e.g. `证照标识`.
    pub fn chinese_name(self) -> &'static str {
        match self {
            Self::CertificateIdentifier => "证照标识",
            Self::CertificateName => "证照名称",
            Self::CertificateType => "证照类型名称",
            Self::CertificateTypeCode => "证照类型代码",
            Self::CertificateNumber => "证照编号",
            Self::CertificateIssuingAuthorityName => "证照颁发机构",
            Self::CertificateIssuingAuthorityCode => "证照颁发机构代码",
            Self::CertificateIssuedDate => "证照颁发日期",
            Self::CertificateHolderName => "持证主体",
            Self::CertificateHolderCode => "持证主体代码",
            Self::CertificateHolderType => "持证主体代码类型",
            Self::CertificateHolderTypeCode => "持证主体代码类型代码",
            Self::CertificateEffectiveDate => "证照有效期起始日期",
            Self::CertificateExpiringDate => "证照有效期截止日期",
            Self::CertificateAreaCode => "证照所属管辖属地编码",
        }
    }

    /// The default maximum length in characters (e-license.md §2.1 and the
    /// platform's column sizes); `None` for dates and for codes whose form is
    /// checked exactly.
    pub fn default_max_length(self) -> Option<usize> {
        match self {
            Self::CertificateIdentifier | Self::CertificateNumber | Self::CertificateHolderCode => {
                Some(128)
            }
            Self::CertificateName
            | Self::CertificateIssuingAuthorityName
            | Self::CertificateHolderName => Some(512),
            Self::CertificateType | Self::CertificateHolderType => Some(256),
            _ => None,
        }
    }

    /// Whether the element is a date.
    pub fn is_date(self) -> bool {
        matches!(
            self,
            Self::CertificateIssuedDate
                | Self::CertificateEffectiveDate
                | Self::CertificateExpiringDate
        )
    }
}

impl fmt::Display for CoreField {
    /// The JSON id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json_id())
    }
}

/// One item of the license face (照面信息), defined per license type: a key
/// such as `legalRepresentative`, its printed label (法定代表人) and the text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurfaceItem {
    /// The item's id, `[A-Za-z0-9_.-]+`.
    pub key: String,
    /// The label printed before the value; empty when the type rules give it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// The text.
    pub value: String,
}

impl SurfaceItem {
    /// An item with a key, label and value.
    pub fn new(key: impl Into<String>, label: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            label: label.into(),
            value: value.into(),
        }
    }
}

/// The metadata of an annotated copy (加注件, e-license.md §2.3): a copy of the
/// license made for one stated use, with its own expiry.
#[doc(alias = "加注件")]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotatedCopy {
    /// 加注件制作时间 (`certificateCopyCreationTime`, `JZJZZSJ`), RFC 3339.
    #[serde(
        rename = "certificateCopyCreationTime",
        alias = "CertificateCopyCreationTime",
        alias = "JZJZZSJ",
        default,
        skip_serializing_if = "Option::is_none",
        with = "timestamp_opt"
    )]
    pub creation_time: Option<Timestamp>,
    /// 加注件制作者 (`certificateCopyCreator`, `JZJZZZ`).
    #[serde(
        rename = "certificateCopyCreator",
        alias = "CertificateCopyCreator",
        alias = "JZJZZZ",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub creator: String,
    /// 加注件制作事由, the use (`certificateCopyCause`, `JZJZZSY`).
    #[serde(
        rename = "certificateCopyCause",
        alias = "CertificateCopyCause",
        alias = "JZJZZSY",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub cause: String,
    /// 加注件有效期截止时间 (`certificateCopyExpiringTime`, `JZJYXQJZSJ`), RFC 3339.
    #[serde(
        rename = "certificateCopyExpiringTime",
        alias = "CertificateCopyExpiringTime",
        alias = "JZJYXQJZSJ",
        default,
        skip_serializing_if = "Option::is_none",
        with = "timestamp_opt"
    )]
    pub expiring_time: Option<Timestamp>,
}

/// The 加注件 elements: JSON id, pinyin.
pub(crate) const COPY_FIELDS: [(&str, &str); 4] = [
    ("certificateCopyCreationTime", "JZJZZSJ"),
    ("certificateCopyCreator", "JZJZZZ"),
    ("certificateCopyCause", "JZJZZSY"),
    ("certificateCopyExpiringTime", "JZJYXQJZSJ"),
];

impl AnnotatedCopy {
    /// The element with index `i` of [`COPY_FIELDS`] as text.
    pub(crate) fn text(&self, i: usize) -> Option<String> {
        match i {
            0 => self.creation_time.map(|t| t.to_string()),
            1 => Some(self.creator.clone()).filter(|s| !s.is_empty()),
            2 => Some(self.cause.clone()).filter(|s| !s.is_empty()),
            3 => self.expiring_time.map(|t| t.to_string()),
            _ => None,
        }
    }

    /// Set the element with index `i` of [`COPY_FIELDS`] from text.
    pub(crate) fn set_text(&mut self, i: usize, text: String) -> Result<()> {
        let time = |t: &str| {
            if t.is_empty() {
                Ok(None)
            } else {
                Timestamp::parse(t).map(Some)
            }
        };
        match i {
            0 => self.creation_time = time(&text)?,
            1 => self.creator = text,
            2 => self.cause = text,
            3 => self.expiring_time = time(&text)?,
            _ => {}
        }
        Ok(())
    }
}

mod timestamp_opt {
    use crate::time::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.collect_str(t),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Timestamp>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(t) if t.is_empty() => Ok(None),
            Some(t) => Timestamp::parse(&t)
                .map(Some)
                .map_err(serde::de::Error::custom),
        }
    }
}

/// Where the holder photo comes from (see [`Metadata::photo`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PhotoRef<'a> {
    /// A file path (for templates: relative to the metadata file).
    File(&'a str),
    /// An RFC 2397 data URI `data:<media type>;base64,<data>`.
    Inline {
        /// The media type, e.g. `image/jpeg`.
        media_type: &'a str,
        /// The base64 text.
        base64: &'a str,
    },
}

impl<'a> PhotoRef<'a> {
    /// Classify a photo value: a `data:` URI with base64 content, or else a
    /// file path. `None` for an empty value or a `data:` URI that is not
    /// `data:<type>;base64,<data>`.
    ///
    /// ```
    /// use gmseal::license::PhotoRef;
    /// assert_eq!(PhotoRef::parse("photos/zhang.jpg"), Some(PhotoRef::File("photos/zhang.jpg")));
    /// assert_eq!(
    ///     PhotoRef::parse("data:image/png;base64,iVBORw0KGgo="),
    ///     Some(PhotoRef::Inline { media_type: "image/png", base64: "iVBORw0KGgo=" })
    /// );
    /// ```
    pub fn parse(value: &'a str) -> Option<Self> {
        if value.trim().is_empty() {
            return None;
        }
        match value.strip_prefix("data:") {
            None => Some(Self::File(value)),
            Some(rest) => {
                let (media_type, base64) = rest.split_once(";base64,")?;
                (!media_type.is_empty()).then_some(Self::Inline { media_type, base64 })
            }
        }
    }
}

/// The metadata of one e-license (GB/T 36903 core elements, face items,
/// annotated copy), with public fields. Text elements are absent when empty;
/// which ones are required is decided by the [`TypeRules`] the metadata is
/// validated against.
///
/// The core elements and their ids (e-license.md §2.1; the GB/T 36903 text is
/// not public, these are the de-facto ids of deployed systems):
///
/// | # | element | JSON id | pinyin alias |
/// |---|---|---|---|
/// | 1 | 证照标识 | `certificateIdentifier` | `ZZBS` |
/// | 2 | 证照名称 | `certificateName` | `ZZMC` |
/// | 3 | 证照类型名称 | `certificateType` | |
/// | 4 | 证照类型代码 | `certificateTypeCode` | `ZZLXDM` |
/// | 5 | 证照编号 | `certificateNumber` | `ZZBH` |
/// | 6 | 证照颁发机构 | `certificateIssuingAuthorityName` | `ZZBFJG` |
/// | 7 | 证照颁发机构代码 | `certificateIssuingAuthorityCode` | `ZZBFJGDM` |
/// | 8 | 证照颁发日期 | `certificateIssuedDate` | `ZZBFRQ` |
/// | 9 | 持证主体 | `certificateHolderName` | `CZZT` |
/// | 10 | 持证主体代码 | `certificateHolderCode` | `CZZTDM` |
/// | 11 | 持证主体代码类型 | `certificateHolderType` | `CZZTDMLX` |
/// | 12 | 持证主体代码类型代码 | `certificateHolderTypeCode` | `CZZTDMLXDM` |
/// | 13 | 证照有效期起始日期 | `certificateEffectiveDate` | `ZZYXQQSRQ` |
/// | 14 | 证照有效期截止日期 | `certificateExpiringDate` | `ZZYXQJZRQ` |
/// | 15 | 证照所属管辖属地编码 | `certificateAreaCode` | |
/// | 16 | 照面信息 | `surface`: `[{"key", "label", "value"}]` | `KZ_<key>` |
/// | | 加注件 (§2.3) | `copy`: `{"certificateCopyCreationTime", "certificateCopyCreator", "certificateCopyCause", "certificateCopyExpiringTime"}` | `JZJZZSJ`, `JZJZZZ`, `JZJZZSY`, `JZJYXQJZSJ` |
/// | | holder photo (gmseal's own, not GB/T 36903) | `photo` | |
///
/// Reading JSON also accepts each id with an upper-case first letter
/// (`CertificateName`, as the national platform writes them), the aliases
/// `certificateTypeName`, `certificateHolder`, `certificateID`,
/// `certIdentifier`, `certificateValidateStart` and `certificateValidateEnd`,
/// `null` or `""` for an absent element, the 加注件 elements at top level, and
/// any `KZ_<key>` member as a surface item `<key>` (appended after the
/// `surface` array, in input order). Any other member is an error that names
/// it, and so is a member given twice (also under two names).
///
/// The JSON written has the English ids in table order and omits absent
/// elements. XML: [`to_xml`](Self::to_xml). Both round trips are exact.
///
/// ```
/// use gmseal::license::{Metadata, SurfaceItem, Validity};
/// let mut m = Metadata::default();
/// m.certificate_name = "营业执照".into();
/// m.certificate_expiring_date = Some(Validity::LongTerm);
/// m.surface.push(SurfaceItem::new("legalRepresentative", "法定代表人", "张三"));
/// let json = serde_json::to_string(&m)?;
/// assert_eq!(
///     json,
///     r#"{"certificateName":"营业执照","certificateExpiringDate":"长期","surface":[{"key":"legalRepresentative","label":"法定代表人","value":"张三"}]}"#
/// );
/// let back: Metadata = serde_json::from_str(&json)?;
/// assert_eq!(back, m);
/// assert_eq!(Metadata::from_xml(&m.to_xml()?)?, m);
///
/// // Pinyin names, and KZ_ members as face items.
/// let m: Metadata = serde_json::from_str(r#"{"ZZMC": "营业执照", "ZZYXQJZRQ": "20301231", "KZ_FDDBR": "张三"}"#)?;
/// assert_eq!(m.certificate_expiring_date.map(|v| v.to_string()).as_deref(), Some("2030-12-31"));
/// assert_eq!(m.surface_value("FDDBR"), Some("张三"));
/// // Typos are errors.
/// let e = serde_json::from_str::<Metadata>(r#"{"certificateNmae": "营业执照"}"#).unwrap_err();
/// assert!(e.to_string().contains("unknown field `certificateNmae`"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    /// 证照标识: the GB/T 36904 identifier ([`Identifier`](crate::license::Identifier)).
    pub certificate_identifier: String,
    /// 证照名称, e.g. `营业执照`.
    pub certificate_name: String,
    /// 证照类型名称.
    pub certificate_type: String,
    /// 证照类型代码: the defining body's USCC + 3 digits.
    pub certificate_type_code: String,
    /// 证照编号: the number printed on the license (free format).
    pub certificate_number: String,
    /// 证照颁发机构: the issuing authority's full name.
    pub certificate_issuing_authority_name: String,
    /// 证照颁发机构代码: the issuing authority's USCC.
    pub certificate_issuing_authority_code: String,
    /// 证照颁发日期.
    pub certificate_issued_date: Option<LicenseDate>,
    /// 持证主体: the holder's name.
    pub certificate_holder_name: String,
    /// 持证主体代码: the holder's USCC, ID number, ….
    pub certificate_holder_code: String,
    /// 持证主体代码类型: the name of the holder code type, e.g. `统一社会信用代码`.
    pub certificate_holder_type: String,
    /// 持证主体代码类型代码: `001`, `111`, … (GB/T 36903 Annex A, [`HolderCodeType`]).
    pub certificate_holder_type_code: String,
    /// 证照有效期起始日期.
    pub certificate_effective_date: Option<LicenseDate>,
    /// 证照有效期截止日期: a date or long-term.
    pub certificate_expiring_date: Option<Validity>,
    /// 证照所属管辖属地编码: a GB/T 2260 area code.
    pub certificate_area_code: String,
    /// 照面信息: the face items defined by the license type, in display order.
    pub surface: Vec<SurfaceItem>,
    /// 加注件 elements, for an annotated copy.
    pub copy: Option<AnnotatedCopy>,
    /// The holder photo of personal certificates: a file path or a
    /// `data:image/…;base64,…` URI ([`PhotoRef`]). gmseal's own element, not
    /// part of GB/T 36903; the template and PDF layer use it.
    pub photo: Option<String>,
}

impl Metadata {
    /// The text of a core element, as written in JSON and XML (dates
    /// `YYYY-MM-DD`, `长期`); `None` when absent (empty).
    pub fn core_text(&self, field: CoreField) -> Option<String> {
        let text = |s: &String| Some(s.clone()).filter(|s| !s.is_empty());
        match field {
            CoreField::CertificateIdentifier => text(&self.certificate_identifier),
            CoreField::CertificateName => text(&self.certificate_name),
            CoreField::CertificateType => text(&self.certificate_type),
            CoreField::CertificateTypeCode => text(&self.certificate_type_code),
            CoreField::CertificateNumber => text(&self.certificate_number),
            CoreField::CertificateIssuingAuthorityName => {
                text(&self.certificate_issuing_authority_name)
            }
            CoreField::CertificateIssuingAuthorityCode => {
                text(&self.certificate_issuing_authority_code)
            }
            CoreField::CertificateIssuedDate => self.certificate_issued_date.map(|d| d.to_string()),
            CoreField::CertificateHolderName => text(&self.certificate_holder_name),
            CoreField::CertificateHolderCode => text(&self.certificate_holder_code),
            CoreField::CertificateHolderType => text(&self.certificate_holder_type),
            CoreField::CertificateHolderTypeCode => text(&self.certificate_holder_type_code),
            CoreField::CertificateEffectiveDate => {
                self.certificate_effective_date.map(|d| d.to_string())
            }
            CoreField::CertificateExpiringDate => {
                self.certificate_expiring_date.map(|d| d.to_string())
            }
            CoreField::CertificateAreaCode => text(&self.certificate_area_code),
        }
    }

    /// Set a core element from its text form (dates also as `YYYYMMDD`; the
    /// empty text makes a date absent).
    ///
    /// # Errors
    /// [`LicenseError::InvalidDate`] for a date that does not parse.
    pub fn set_core_text(&mut self, field: CoreField, text: String) -> Result<()> {
        let date = |t: &str| -> Result<Option<LicenseDate>> {
            if t.is_empty() {
                Ok(None)
            } else {
                LicenseDate::parse(t).map(Some)
            }
        };
        match field {
            CoreField::CertificateIdentifier => self.certificate_identifier = text,
            CoreField::CertificateName => self.certificate_name = text,
            CoreField::CertificateType => self.certificate_type = text,
            CoreField::CertificateTypeCode => self.certificate_type_code = text,
            CoreField::CertificateNumber => self.certificate_number = text,
            CoreField::CertificateIssuingAuthorityName => {
                self.certificate_issuing_authority_name = text;
            }
            CoreField::CertificateIssuingAuthorityCode => {
                self.certificate_issuing_authority_code = text;
            }
            CoreField::CertificateIssuedDate => self.certificate_issued_date = date(&text)?,
            CoreField::CertificateHolderName => self.certificate_holder_name = text,
            CoreField::CertificateHolderCode => self.certificate_holder_code = text,
            CoreField::CertificateHolderType => self.certificate_holder_type = text,
            CoreField::CertificateHolderTypeCode => self.certificate_holder_type_code = text,
            CoreField::CertificateEffectiveDate => self.certificate_effective_date = date(&text)?,
            CoreField::CertificateExpiringDate => {
                self.certificate_expiring_date = if text.is_empty() {
                    None
                } else {
                    Some(Validity::parse(&text)?)
                };
            }
            CoreField::CertificateAreaCode => self.certificate_area_code = text,
        }
        Ok(())
    }

    /// The value of the first face item with `key`.
    pub fn surface_value(&self, key: &str) -> Option<&str> {
        self.surface
            .iter()
            .find(|i| i.key == key)
            .map(|i| i.value.as_str())
    }

    /// The holder code type, when the type code is one gmseal knows.
    pub fn holder_code_type(&self) -> Option<HolderCodeType> {
        HolderCodeType::from_code(&self.certificate_holder_type_code)
    }

    /// Give face items without a label the label the type rules define for
    /// their key (items read from `KZ_` members have none).
    pub fn fill_surface_labels(&mut self, rules: &TypeRules) {
        for item in self.surface.iter_mut().filter(|i| i.label.is_empty()) {
            if let Some(rule) = rules.surface_rule(&item.key) {
                item.label.clone_from(&rule.label);
            }
        }
    }

    /// Every problem of this metadata under `rules`: see [`validate`].
    pub fn validate(&self, rules: &TypeRules) -> Vec<Problem> {
        validate(self, rules)
    }

    /// Validate, and fail when there is an error; returns the warnings.
    ///
    /// # Errors
    /// [`LicenseError::InvalidMetadata`] with the number of errors and the
    /// first one.
    pub fn check(&self, rules: &TypeRules) -> Result<Vec<Problem>> {
        let (errors, warnings): (Vec<Problem>, Vec<Problem>) = validate(self, rules)
            .into_iter()
            .partition(|p| p.severity == Severity::Error);
        match errors.first() {
            None => Ok(warnings),
            Some(first) => Err(LicenseError::InvalidMetadata {
                count: errors.len(),
                first: first.to_string(),
            }
            .into()),
        }
    }

    /// The metadata as XML in the namespace [`XML_NAMESPACE`](crate::license::XML_NAMESPACE),
    /// for embedding in PDF and OFD files: deterministic (elements in the
    /// order of the JSON form, two-space indentation, `\n` line ends), UTF-8,
    /// absent elements omitted.
    ///
    /// ```text
    /// <?xml version="1.0" encoding="UTF-8"?>
    /// <ElectronicLicense xmlns="urn:gmseal:e-license:1.0">
    ///   <certificateIdentifier>1.2.156.3005.2.…</certificateIdentifier>
    ///   …
    ///   <certificateExpiringDate>长期</certificateExpiringDate>
    ///   <certificateAreaCode>330106</certificateAreaCode>
    ///   <Surface>
    ///     <Item key="legalRepresentative" label="法定代表人">张三</Item>
    ///   </Surface>
    ///   <Copy>
    ///     <certificateCopyCreationTime>2026-03-01T02:00:00Z</certificateCopyCreationTime>
    ///     …
    ///   </Copy>
    ///   <photo>…</photo>
    /// </ElectronicLicense>
    /// ```
    ///
    /// # Errors
    /// [`LicenseError::Xml`] when a text holds a character XML 1.0 cannot
    /// carry (control characters other than tab, line feed and carriage
    /// return); [`validate`] reports those as `license.bad-text`.
    pub fn to_xml(&self) -> Result<String> {
        crate::license::xml::write(self)
    }

    /// Read metadata written by [`to_xml`](Self::to_xml) (or any XML of the
    /// same form: other prefixes, `<x/>`, character references, comments).
    ///
    /// # Errors
    /// [`LicenseError::Xml`] for XML that is not well formed, another root
    /// or namespace, an unknown or repeated element or attribute, a DOCTYPE,
    /// text where elements belong, a date or time that does not parse.
    pub fn from_xml(xml: &str) -> Result<Self> {
        crate::license::xml::read(xml)
    }

    /// The longest JSON text [`from_json`](Self::from_json) reads (16 MiB,
    /// as for XML: a photo may be inline base64).
    pub const MAX_JSON_LEN: usize = 16 << 20;

    /// The most face items metadata may have (the `surface` array and the
    /// `KZ_` members together in JSON, the `<Item>`s in XML): licenses have
    /// tens, and each item costs about a hundred bytes of memory however
    /// short its text.
    pub const MAX_SURFACE_ITEMS: usize = 1000;

    /// Read metadata JSON (the form described above), refusing a text
    /// longer than [`MAX_JSON_LEN`](Self::MAX_JSON_LEN) before parsing it.
    /// `serde_json::from_str` reads the same form without that check.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) for a text over
    /// the limit, JSON nested deeper than serde_json's limit of 128 levels,
    /// or JSON that is not metadata.
    pub fn from_json(json: &str) -> Result<Self> {
        if json.len() > Self::MAX_JSON_LEN {
            return Err(crate::Error::InvalidInput(format!(
                "e-license metadata JSON of {} bytes is longer than the {}-byte limit",
                json.len(),
                Self::MAX_JSON_LEN
            )));
        }
        serde_json::from_str(json)
            .map_err(|e| crate::Error::InvalidInput(format!("not e-license metadata JSON: {e}")))
    }
}

impl Serialize for Metadata {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for field in CoreField::ALL {
            if let Some(text) = self.core_text(field) {
                map.serialize_entry(field.json_id(), &text)?;
            }
        }
        if !self.surface.is_empty() {
            map.serialize_entry("surface", &self.surface)?;
        }
        if let Some(copy) = &self.copy {
            map.serialize_entry("copy", copy)?;
        }
        if let Some(photo) = &self.photo {
            map.serialize_entry("photo", photo)?;
        }
        map.end()
    }
}

/// What a JSON member name means.
enum Key {
    Core(CoreField),
    Surface,
    Copy,
    CopyElement(usize),
    Photo,
    Extension(String),
}

/// The member names of the canonical form, for "unknown field" messages.
const EXPECTED: &[&str] = &[
    "certificateIdentifier",
    "certificateName",
    "certificateType",
    "certificateTypeCode",
    "certificateNumber",
    "certificateIssuingAuthorityName",
    "certificateIssuingAuthorityCode",
    "certificateIssuedDate",
    "certificateHolderName",
    "certificateHolderCode",
    "certificateHolderType",
    "certificateHolderTypeCode",
    "certificateEffectiveDate",
    "certificateExpiringDate",
    "certificateAreaCode",
    "surface",
    "copy",
    "photo",
    "KZ_<key>",
];

fn camel_key(name: &str) -> Option<Key> {
    if let Some(f) = CoreField::ALL.into_iter().find(|f| f.json_id() == name) {
        return Some(Key::Core(f));
    }
    if let Some(i) = COPY_FIELDS.iter().position(|(id, _)| *id == name) {
        return Some(Key::CopyElement(i));
    }
    Some(match name {
        "surface" => Key::Surface,
        "copy" => Key::Copy,
        "photo" => Key::Photo,
        "certificateTypeName" => Key::Core(CoreField::CertificateType),
        "certificateHolder" => Key::Core(CoreField::CertificateHolderName),
        "certificateID" | "certIdentifier" => Key::Core(CoreField::CertificateIdentifier),
        "certificateValidateStart" => Key::Core(CoreField::CertificateEffectiveDate),
        "certificateValidateEnd" => Key::Core(CoreField::CertificateExpiringDate),
        _ => return None,
    })
}

fn resolve_key(name: &str) -> Option<Key> {
    if let Some(key) = camel_key(name) {
        return Some(key);
    }
    if let Some(f) = CoreField::ALL
        .into_iter()
        .find(|f| f.pinyin() == Some(name))
    {
        return Some(Key::Core(f));
    }
    if let Some(i) = COPY_FIELDS.iter().position(|(_, py)| *py == name) {
        return Some(Key::CopyElement(i));
    }
    if let Some(rest) = name.strip_prefix("KZ_").filter(|r| !r.is_empty()) {
        return Some(Key::Extension(rest.to_owned()));
    }
    let mut chars = name.chars();
    let first = chars.next()?;
    if first.is_ascii_uppercase() {
        let lowered = format!("{}{}", first.to_ascii_lowercase(), chars.as_str());
        return camel_key(&lowered);
    }
    None
}

/// The `surface` member: an array of face items or `null`, refused as soon
/// as it holds more than [`Metadata::MAX_SURFACE_ITEMS`].
struct SurfaceSeed;

impl<'de> DeserializeSeed<'de> for SurfaceSeed {
    type Value = Option<Vec<SurfaceItem>>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        d: D,
    ) -> core::result::Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for SurfaceSeed {
    type Value = Option<Vec<SurfaceItem>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of face items for `surface`")
    }

    fn visit_none<E: de::Error>(self) -> core::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> core::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: de::Deserializer<'de>>(
        self,
        d: D,
    ) -> core::result::Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> core::result::Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<SurfaceItem>()? {
            if items.len() >= Metadata::MAX_SURFACE_ITEMS {
                return Err(too_many_items());
            }
            items.push(item);
        }
        Ok(Some(items))
    }
}

/// A string member that may be `null`; type errors name the member.
struct OptText<'a>(&'a str);

impl<'de> DeserializeSeed<'de> for OptText<'_> {
    type Value = Option<String>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        d: D,
    ) -> core::result::Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for OptText<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string for `{}`", self.0)
    }

    fn visit_none<E: de::Error>(self) -> core::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> core::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: de::Deserializer<'de>>(
        self,
        d: D,
    ) -> core::result::Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> core::result::Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> core::result::Result<Self::Value, E> {
        Ok(Some(v))
    }
}

struct MetadataVisitor;

impl<'de> Visitor<'de> for MetadataVisitor {
    type Value = Metadata;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("e-license metadata (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> core::result::Result<Metadata, A::Error> {
        let mut m = Metadata::default();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut extensions = Vec::new();
        let mut flat_copy: Option<AnnotatedCopy> = None;
        let mut duplicate = |canonical: &str, given: &str| -> core::result::Result<(), A::Error> {
            if seen.insert(canonical.to_owned()) {
                Ok(())
            } else {
                Err(de::Error::custom(format_args!(
                    "duplicate field `{given}` (`{canonical}` is given twice)"
                )))
            }
        };
        while let Some(name) = map.next_key::<String>()? {
            let Some(key) = resolve_key(&name) else {
                return Err(de::Error::unknown_field(&name, EXPECTED));
            };
            match key {
                Key::Core(field) => {
                    duplicate(field.json_id(), &name)?;
                    if let Some(text) = map.next_value_seed(OptText(&name))? {
                        m.set_core_text(field, text)
                            .map_err(|e| de::Error::custom(format_args!("`{name}`: {e}")))?;
                    }
                }
                Key::Surface => {
                    duplicate("surface", &name)?;
                    m.surface = map.next_value_seed(SurfaceSeed)?.unwrap_or_default();
                }
                Key::Copy => {
                    duplicate("copy", &name)?;
                    m.copy = map.next_value::<Option<AnnotatedCopy>>()?;
                }
                Key::CopyElement(i) => {
                    duplicate(COPY_FIELDS[i].0, &name)?;
                    if let Some(text) = map.next_value_seed(OptText(&name))? {
                        flat_copy
                            .get_or_insert_with(AnnotatedCopy::default)
                            .set_text(i, text)
                            .map_err(|e| de::Error::custom(format_args!("`{name}`: {e}")))?;
                    }
                }
                Key::Photo => {
                    duplicate("photo", &name)?;
                    m.photo = map.next_value_seed(OptText(&name))?;
                }
                Key::Extension(key) => {
                    if extensions.len() >= Metadata::MAX_SURFACE_ITEMS {
                        return Err(too_many_items());
                    }
                    duplicate(&format!("KZ_{key}"), &name)?;
                    if let Some(value) = map.next_value_seed(OptText(&name))? {
                        extensions.push(SurfaceItem {
                            key,
                            label: String::new(),
                            value,
                        });
                    }
                }
            }
        }
        if let Some(flat) = flat_copy {
            if seen.contains("copy") {
                return Err(de::Error::custom(
                    "the 加注件 elements are given both in `copy` and at top level",
                ));
            }
            m.copy = Some(flat);
        }
        if m.surface.len() + extensions.len() > Metadata::MAX_SURFACE_ITEMS {
            return Err(too_many_items());
        }
        m.surface.extend(extensions);
        Ok(m)
    }
}

fn too_many_items<E: de::Error>() -> E {
    E::custom(format_args!(
        "more than {} face items (`surface` and `KZ_` members)",
        Metadata::MAX_SURFACE_ITEMS
    ))
}

impl<'de> Deserialize<'de> for Metadata {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        d.deserialize_map(MetadataVisitor)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn ids_are_consistent() {
        for f in CoreField::ALL {
            let json = serde_json::to_value(f).unwrap();
            assert_eq!(json.as_str(), Some(f.json_id()));
            assert!(EXPECTED.contains(&f.json_id()));
            assert!(matches!(resolve_key(f.json_id()), Some(Key::Core(g)) if g == f));
            if let Some(py) = f.pinyin() {
                assert!(matches!(resolve_key(py), Some(Key::Core(g)) if g == f));
            }
            let pascal = format!("C{}", &f.json_id()[1..]);
            assert!(matches!(resolve_key(&pascal), Some(Key::Core(g)) if g == f));
        }
        assert!(resolve_key("KZ_").is_none());
        assert!(resolve_key("zzbs").is_none());
        assert!(resolve_key("").is_none());
        assert!(resolve_key("Surface").is_some());
    }

    #[test]
    fn copy_text_round_trip() {
        let mut c = AnnotatedCopy::default();
        for (i, text) in [
            "2026-03-01T02:00:00Z",
            "某某系统",
            "办理业务",
            "2026-03-31T16:00:00Z",
        ]
        .into_iter()
        .enumerate()
        {
            c.set_text(i, text.to_owned()).unwrap();
            assert_eq!(c.text(i).as_deref(), Some(text));
        }
        assert!(c.set_text(0, "yesterday".into()).is_err());
    }

    #[test]
    fn photo_refs() {
        assert_eq!(PhotoRef::parse(""), None);
        assert_eq!(PhotoRef::parse("data:image/png,abc"), None);
        assert_eq!(PhotoRef::parse("data:;base64,abc"), None);
        assert_eq!(PhotoRef::parse("a.png"), Some(PhotoRef::File("a.png")));
    }
}
