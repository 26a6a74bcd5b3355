//! Per-license-type validation rules: which elements are required, the face
//! items of the type, the holder code types allowed, maximum lengths.
//!
//! GB/T 36903 leaves these to the sector specification of each license
//! type, so they are data (see [`TypeRules`]).

use crate::license::metadata::CoreField;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The rules of one license type.
///
/// GB/T 36903 leaves these to the sector specifications of each license type
/// (e-license.md §1: 信息内容, 元数据, 值域代码), so they are data: a
/// self-contained serde structure that templates embed under a `"rules"` key.
/// Every member has a default, so `{}` is the default rules: every core
/// element required (a long-term validity end counts as present), any holder
/// code type, any face items, no photo required.
///
/// ```json
/// {
///   "typeCode": "11100000000013127D001",
///   "optional": ["certificateEffectiveDate"],
///   "maxLengths": { "certificateName": 64 },
///   "holderTypes": ["001"],
///   "surface": [
///     { "key": "legalRepresentative", "label": "法定代表人" },
///     { "key": "registeredCapital", "label": "注册资本", "required": false, "maxLength": 64 }
///   ],
///   "allowOtherSurfaceItems": false,
///   "allowLongTerm": true,
///   "requirePhoto": false
/// }
/// ```
///
/// ```
/// use gmseal::license::{CoreField, TypeRules};
/// let rules: TypeRules = serde_json::from_str(r#"{"holderTypes": ["111"], "requirePhoto": true}"#)?;
/// assert!(rules.is_required(CoreField::CertificateNumber));
/// assert!(rules.allows_holder_type("111") && !rules.allows_holder_type("001"));
/// assert_eq!(rules.max_length(CoreField::CertificateName), Some(512));
/// assert!(serde_json::from_str::<TypeRules>(r#"{"requirePhot": true}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct TypeRules {
    /// The 证照类型代码 licenses of this type must have, when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_code: Option<String>,
    /// Core elements that may be absent; all others are required.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub optional: Vec<CoreField>,
    /// Maximum lengths in characters that replace
    /// [`CoreField::default_max_length`].
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub max_lengths: BTreeMap<CoreField, usize>,
    /// The allowed holder code type codes (`001`, `111`, …); empty allows any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub holder_types: Vec<String>,
    /// The face items of the type, in display order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub surface: Vec<SurfaceRule>,
    /// Whether face items with keys not in `surface` are allowed.
    pub allow_other_surface_items: bool,
    /// Whether the validity may end `长期` (long-term).
    pub allow_long_term: bool,
    /// Whether a holder photo is required.
    pub require_photo: bool,
}

impl Default for TypeRules {
    fn default() -> Self {
        Self {
            type_code: None,
            optional: Vec::new(),
            max_lengths: BTreeMap::new(),
            holder_types: Vec::new(),
            surface: Vec::new(),
            allow_other_surface_items: true,
            allow_long_term: true,
            require_photo: false,
        }
    }
}

/// One face item of a license type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SurfaceRule {
    /// The item's key, e.g. `legalRepresentative`.
    pub key: String,
    /// The printed label, e.g. `法定代表人`.
    pub label: String,
    /// Whether the item must be present with a non-empty value.
    #[serde(default = "yes")]
    pub required: bool,
    /// The maximum length of the value in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
}

fn yes() -> bool {
    true
}

impl SurfaceRule {
    /// A required item without a length limit.
    pub fn required(key: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            label: label.into(),
            required: true,
            max_length: None,
        }
    }

    /// An optional item without a length limit.
    pub fn optional(key: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            required: false,
            ..Self::required(key, label)
        }
    }

    /// The same rule with a maximum length.
    #[must_use]
    pub fn max_length(mut self, max: usize) -> Self {
        self.max_length = Some(max);
        self
    }
}

impl TypeRules {
    /// The rules of the business license (营业执照, 2019 edition face): holder
    /// type `001` only; the face items `enterpriseType` 类型,
    /// `legalRepresentative` 法定代表人, `businessScope` 经营范围,
    /// `registeredCapital` 注册资本, `establishmentDate` 成立日期,
    /// `businessTerm` 营业期限 and `address` 住所, all required, no others.
    ///
    /// ```
    /// let rules = gmseal::license::TypeRules::business_license();
    /// assert_eq!(rules.surface_rule("address").map(|r| r.label.as_str()), Some("住所"));
    /// ```
    pub fn business_license() -> Self {
        Self {
            holder_types: vec!["001".into()],
            surface: vec![
                SurfaceRule::required("enterpriseType", "类型").max_length(64),
                SurfaceRule::required("legalRepresentative", "法定代表人").max_length(64),
                SurfaceRule::required("businessScope", "经营范围").max_length(2000),
                SurfaceRule::required("registeredCapital", "注册资本").max_length(64),
                SurfaceRule::required("establishmentDate", "成立日期").max_length(32),
                SurfaceRule::required("businessTerm", "营业期限").max_length(64),
                SurfaceRule::required("address", "住所").max_length(256),
            ],
            allow_other_surface_items: false,
            ..Self::default()
        }
    }

    /// The rules of a generic qualification certificate (资格证书): holders
    /// identified by `111`, `414`, `511`, `516`, `999`, `001` or `099`; any
    /// face items; the photo optional.
    pub fn qualification() -> Self {
        Self {
            holder_types: ["111", "414", "511", "516", "999", "001", "099"]
                .into_iter()
                .map(String::from)
                .collect(),
            ..Self::default()
        }
    }

    /// Whether a core element is required.
    pub fn is_required(&self, field: CoreField) -> bool {
        !self.optional.contains(&field)
    }

    /// The maximum length of a core element, if it has one.
    pub fn max_length(&self, field: CoreField) -> Option<usize> {
        self.max_lengths
            .get(&field)
            .copied()
            .or_else(|| field.default_max_length())
    }

    /// Whether the holder code type code is allowed.
    pub fn allows_holder_type(&self, code: &str) -> bool {
        self.holder_types.is_empty() || self.holder_types.iter().any(|c| c == code)
    }

    /// The rule of a face item.
    pub fn surface_rule(&self, key: &str) -> Option<&SurfaceRule> {
        self.surface.iter().find(|r| r.key == key)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn defaults_and_json() {
        let rules: TypeRules = serde_json::from_str("{}").unwrap();
        assert_eq!(rules, TypeRules::default());
        assert_eq!(
            serde_json::to_string(&rules).unwrap(),
            r#"{"allowOtherSurfaceItems":true,"allowLongTerm":true,"requirePhoto":false}"#
        );
        for rules in [TypeRules::business_license(), TypeRules::qualification()] {
            let json = serde_json::to_string(&rules).unwrap();
            assert_eq!(serde_json::from_str::<TypeRules>(&json).unwrap(), rules);
        }
        let rules: TypeRules = serde_json::from_str(
            r#"{"optional": ["certificateEffectiveDate"], "maxLengths": {"certificateName": 8},
                "surface": [{"key": "a", "label": "甲"}]}"#,
        )
        .unwrap();
        assert!(!rules.is_required(CoreField::CertificateEffectiveDate));
        assert_eq!(rules.max_length(CoreField::CertificateName), Some(8));
        assert!(rules.surface[0].required);
        let e =
            serde_json::from_str::<TypeRules>(r#"{"optional": ["certificateNmae"]}"#).unwrap_err();
        assert!(e.to_string().contains("certificateNmae"), "{e}");
        let e = serde_json::from_str::<TypeRules>(
            r#"{"surface": [{"key": "a", "label": "甲", "requird": true}]}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("requird"), "{e}");
    }
}
