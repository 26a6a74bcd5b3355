//! Validation of e-license metadata against the rules of its type: every
//! problem is collected, each with the element it concerns (its JSON id), a
//! stable code, a severity and a message.
//!
//! The problem codes are listed at [`validate`].

use crate::license::codes::{CodeProblem, HolderCodeType, check_area_code, check_uscc};
use crate::license::date::{LicenseDate, Validity};
use crate::license::identifier::{Identifier, IdentifierFinding};
use crate::license::metadata::{COPY_FIELDS, CoreField, Metadata, PhotoRef};
use crate::license::rules::TypeRules;
use core::fmt;
use serde::Serialize;
use std::collections::BTreeSet;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The metadata must not be used (issued or relied on) as it is.
    Error,
    /// Irregular but tolerated, e.g. what deployed systems are known to produce.
    Warning,
}

impl fmt::Display for Severity {
    /// `error` or `warning`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
        })
    }
}

/// One problem found by [`validate`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Problem {
    /// The element: a JSON id (`certificateHolderCode`), `surface.<key>`,
    /// `copy.<id>` or `photo`.
    pub field: String,
    /// A stable code, e.g. `license.bad-uscc` (listed at [`validate`]).
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in lower case.
    pub message: String,
}

impl fmt::Display for Problem {
    /// `field: message (code)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.field, self.message, self.code)
    }
}

struct Collector(Vec<Problem>);

impl Collector {
    fn push(
        &mut self,
        severity: Severity,
        field: impl Into<String>,
        code: &'static str,
        message: String,
    ) {
        self.0.push(Problem {
            field: field.into(),
            code,
            severity,
            message,
        });
    }

    fn error(&mut self, field: impl Into<String>, code: &'static str, message: String) {
        self.push(Severity::Error, field, code, message);
    }

    fn warning(&mut self, field: impl Into<String>, code: &'static str, message: String) {
        self.push(Severity::Warning, field, code, message);
    }

    /// Length and characters of a text; false when it is blank.
    fn text(&mut self, field: &str, value: &str, max: Option<usize>) -> bool {
        if let Some(ch) = value.chars().find(|c| !xml_char(*c)) {
            self.error(
                field,
                "license.bad-text",
                format!("holds the control character U+{:04X}", u32::from(ch)),
            );
        }
        let len = value.chars().count();
        if let Some(max) = max.filter(|m| len > *m) {
            self.error(
                field,
                "license.field-too-long",
                format!("has {len} characters, at most {max} are allowed"),
            );
        }
        !value.trim().is_empty()
    }

    fn uscc(&mut self, field: &str, code: &str) {
        match check_uscc(code) {
            Ok(()) => {}
            Err(p @ CodeProblem::BadOrganizationCode { .. }) => self.error(
                field,
                "license.bad-org-code",
                format!("{code:?} is not a valid unified social credit code: {p}"),
            ),
            Err(p) => self.error(
                field,
                "license.bad-uscc",
                format!("{code:?} is not a valid unified social credit code: {p}"),
            ),
        }
    }
}

/// Whether XML 1.0 can carry the character (tab, LF, CR and from U+0020, but
/// not U+FFFE, U+FFFF).
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// Every problem of `metadata` under `rules`, in element order (empty when
/// there is none), each with its element, a stable code and a severity:
///
/// | code | severity | when |
/// |---|---|---|
/// | `license.missing-field` | error | a required element is absent or blank (also `copy.*` elements of an annotated copy, `photo`) |
/// | `license.field-too-long` | error | more characters than the rules allow (also face items, the copy's cause) |
/// | `license.bad-text` | error | a control character XML 1.0 cannot carry |
/// | `license.identifier-syntax` | error | the identifier does not have the GB/T 36904 structure |
/// | `license.identifier-check-character` | warning | wrong MOD 37,36 check character (issued identifiers with this exist) |
/// | `license.identifier-issuer`, `license.identifier-type-code-definer`, `license.identifier-type-code-length`, `license.identifier-serial`, `license.identifier-version`, `license.identifier-too-long` | warning | the other [`IdentifierFinding`]s |
/// | `license.identifier-mismatch` | error | the identifier's type code or issuer segment differs from `certificateTypeCode` / `certificateIssuingAuthorityCode` |
/// | `license.bad-type-code` | error | `certificateTypeCode` is not 21 characters `0-9A-Z` |
/// | `license.type-code-definer` | warning | its first 18 characters are not a valid USCC |
/// | `license.wrong-type-code` | error | it differs from the type code of the rules |
/// | `license.bad-uscc` | error | the issuer code, or a holder code of type `001`, is not a valid USCC |
/// | `license.bad-org-code` | error | a USCC whose embedded organization code (positions 9–17) is wrong |
/// | `license.bad-citizen-id` | error | a holder code of type `111` is not a valid 18-digit citizen ID number |
/// | `license.bad-holder-code-type` | error | the holder code type code is not three digits |
/// | `license.unknown-holder-code-type` | warning | a three-digit code gmseal does not know (GB/T 36903 Annex A is only partly public) |
/// | `license.holder-code-type-not-allowed` | error | a type the rules do not allow |
/// | `license.holder-type-name-mismatch` | warning | `certificateHolderType` is not a name of the type code |
/// | `license.bad-area-code` | error | not a GB/T 2260 area code |
/// | `license.date-order` | error | issued > effective, effective > expiring, issued > expiring, copy created before the issue date or expiring before it was created |
/// | `license.long-term-not-allowed` | error | `长期` where the rules do not allow it |
/// | `license.missing-surface-item` | error | a required face item is absent or empty |
/// | `license.unknown-surface-item` | error | a face item the rules do not define, when they allow no others |
/// | `license.duplicate-surface-item` | error | two face items with one key |
/// | `license.bad-surface-key` | error | a key that is empty or not `[A-Za-z0-9_.-]` |
/// | `license.surface-label-mismatch` | warning | a label that differs from the rules' label |
/// | `license.bad-photo` | error | a `data:` photo that is not base64 PNG or JPEG |
///
/// The holder code is checked according to the holder code type code, never by
/// guessing from the code (e-license.md §6.1).
///
/// ```
/// use gmseal::license::{validate, Metadata, Severity, TypeRules};
/// let mut m = Metadata::default();
/// m.certificate_holder_type_code = "001".into();
/// m.certificate_holder_code = "11010519491231002X".into(); // a citizen ID number
/// let problems = validate(&m, &TypeRules::default());
/// let p = problems.iter().find(|p| p.field == "certificateHolderCode").unwrap();
/// assert_eq!((p.code, p.severity), ("license.bad-uscc", Severity::Error));
/// assert!(problems.iter().any(|p| p.code == "license.missing-field" && p.field == "certificateName"));
/// ```
pub fn validate(metadata: &Metadata, rules: &TypeRules) -> Vec<Problem> {
    let mut out = Collector(Vec::new());
    let m = metadata;

    // Presence, length and characters of the core elements.
    let mut present = BTreeSet::new();
    for field in CoreField::ALL {
        let id = field.json_id();
        let has = match m.core_text(field) {
            Some(text) if !field.is_date() => out.text(id, &text, rules.max_length(field)),
            Some(_) => true,
            None => false,
        };
        if has {
            present.insert(field);
        } else if rules.is_required(field) {
            out.error(
                id,
                "license.missing-field",
                format!("the required element {} is missing", field.chinese_name()),
            );
        }
    }
    let has = |f: CoreField| present.contains(&f);

    // 证照标识.
    if has(CoreField::CertificateIdentifier) {
        identifier(&mut out, m, &has);
    }

    // 证照类型代码.
    if has(CoreField::CertificateTypeCode) {
        type_code(&mut out, m, rules);
    }

    // 证照颁发机构代码.
    if has(CoreField::CertificateIssuingAuthorityCode) {
        out.uscc(
            CoreField::CertificateIssuingAuthorityCode.json_id(),
            &m.certificate_issuing_authority_code,
        );
    }

    // 持证主体代码类型代码, 持证主体代码类型, 持证主体代码.
    holder(&mut out, m, rules, &has);

    // 证照所属管辖属地编码.
    if has(CoreField::CertificateAreaCode) {
        if let Err(p) = check_area_code(&m.certificate_area_code) {
            out.error(
                CoreField::CertificateAreaCode.json_id(),
                "license.bad-area-code",
                format!(
                    "{:?} is not a GB/T 2260 area code: {p}",
                    m.certificate_area_code
                ),
            );
        }
    }

    dates(&mut out, m, rules);
    surface(&mut out, m, rules);
    copy(&mut out, m);
    photo(&mut out, m, rules);
    out.0
}

fn identifier(out: &mut Collector, m: &Metadata, has: &dyn Fn(CoreField) -> bool) {
    let field = CoreField::CertificateIdentifier.json_id();
    let parsed = match Identifier::parse(&m.certificate_identifier) {
        Ok(p) => p,
        Err(e) => {
            out.error(field, "license.identifier-syntax", e.to_string());
            return;
        }
    };
    for finding in &parsed.findings {
        // A too-long identifier is already `license.field-too-long`.
        if !matches!(finding, IdentifierFinding::TooLong { .. }) {
            out.warning(field, finding.code(), finding.to_string());
        }
    }
    if has(CoreField::CertificateTypeCode) && parsed.type_code != m.certificate_type_code {
        out.error(
            field,
            "license.identifier-mismatch",
            format!(
                "the identifier's type code {} differs from certificateTypeCode {}",
                parsed.type_code, m.certificate_type_code
            ),
        );
    }
    if has(CoreField::CertificateIssuingAuthorityCode)
        && parsed.issuer_code != m.certificate_issuing_authority_code
    {
        out.error(
            field,
            "license.identifier-mismatch",
            format!(
                "the identifier's issuer code {} differs from certificateIssuingAuthorityCode {}",
                parsed.issuer_code, m.certificate_issuing_authority_code
            ),
        );
    }
}

fn type_code(out: &mut Collector, m: &Metadata, rules: &TypeRules) {
    let field = CoreField::CertificateTypeCode.json_id();
    let code = &m.certificate_type_code;
    if code.len() != 21
        || !code
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    {
        out.error(
            field,
            "license.bad-type-code",
            format!(
                "{code:?} is not 21 characters 0-9 A-Z (the defining body's USCC and 3 digits)"
            ),
        );
    } else if let Err(p) = check_uscc(&code[..18]) {
        out.warning(
            field,
            "license.type-code-definer",
            format!(
                "the first 18 characters {} are not a valid unified social credit code: {p}",
                &code[..18]
            ),
        );
    }
    if let Some(expected) = rules.type_code.as_ref().filter(|t| *t != code) {
        out.error(
            field,
            "license.wrong-type-code",
            format!("{code:?} is not the type code {expected} of this license type"),
        );
    }
}

fn holder(out: &mut Collector, m: &Metadata, rules: &TypeRules, has: &dyn Fn(CoreField) -> bool) {
    let type_field = CoreField::CertificateHolderTypeCode.json_id();
    let type_code = m.certificate_holder_type_code.as_str();
    let known = HolderCodeType::from_code(type_code);
    if has(CoreField::CertificateHolderTypeCode) {
        if type_code.len() != 3 || !type_code.bytes().all(|b| b.is_ascii_digit()) {
            out.error(
                type_field,
                "license.bad-holder-code-type",
                format!("{type_code:?} is not a three-digit code of GB/T 36903 Annex A"),
            );
        } else if known.is_none() {
            out.warning(
                type_field,
                "license.unknown-holder-code-type",
                format!(
                    "{type_code} is not a holder code type gmseal knows (001, 099, 111, 414, 511, 516, 999); the holder code is not checked"
                ),
            );
        }
        if !rules.allows_holder_type(type_code) {
            out.error(
                type_field,
                "license.holder-code-type-not-allowed",
                format!(
                    "holder code type {type_code} is not allowed for this license type (allowed: {})",
                    rules.holder_types.join(", ")
                ),
            );
        }
    }
    if let Some(t) = known {
        if has(CoreField::CertificateHolderType)
            && !t.names().contains(&m.certificate_holder_type.as_str())
        {
            out.warning(
                CoreField::CertificateHolderType.json_id(),
                "license.holder-type-name-mismatch",
                format!(
                    "{:?} is not a name of holder code type {} ({})",
                    m.certificate_holder_type,
                    t.code(),
                    t.name()
                ),
            );
        }
        if has(CoreField::CertificateHolderCode) {
            let field = CoreField::CertificateHolderCode.json_id();
            let code = &m.certificate_holder_code;
            match t {
                HolderCodeType::Uscc => out.uscc(field, code),
                HolderCodeType::CitizenId => {
                    if let Err(p) = t.check(code) {
                        out.error(
                            field,
                            "license.bad-citizen-id",
                            format!("not a valid citizen ID number (holder code type 111): {p}"),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

fn dates(out: &mut Collector, m: &Metadata, rules: &TypeRules) {
    let issued = m.certificate_issued_date;
    let effective = m.certificate_effective_date;
    let end = m.certificate_expiring_date;
    let mut order =
        |field: CoreField, later: LicenseDate, earlier_field: CoreField, earlier: LicenseDate| {
            if later < earlier {
                out.error(
                    field.json_id(),
                    "license.date-order",
                    format!("{later} is before {} {earlier}", earlier_field.json_id()),
                );
            }
        };
    if let (Some(i), Some(e)) = (issued, effective) {
        order(
            CoreField::CertificateEffectiveDate,
            e,
            CoreField::CertificateIssuedDate,
            i,
        );
    }
    if let Some(Validity::Until(end)) = end {
        if let Some(e) = effective {
            order(
                CoreField::CertificateExpiringDate,
                end,
                CoreField::CertificateEffectiveDate,
                e,
            );
        } else if let Some(i) = issued {
            order(
                CoreField::CertificateExpiringDate,
                end,
                CoreField::CertificateIssuedDate,
                i,
            );
        }
    }
    if end == Some(Validity::LongTerm) && !rules.allow_long_term {
        out.error(
            CoreField::CertificateExpiringDate.json_id(),
            "license.long-term-not-allowed",
            "this license type has no long-term (长期) validity".into(),
        );
    }
}

fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

fn surface(out: &mut Collector, m: &Metadata, rules: &TypeRules) {
    let mut seen = BTreeSet::new();
    for item in &m.surface {
        let field = format!("surface.{}", item.key);
        if !is_key(&item.key) {
            out.error(
                field.clone(),
                "license.bad-surface-key",
                format!(
                    "the face item key {:?} is not made of A-Z a-z 0-9 _ . -",
                    item.key
                ),
            );
        }
        if !seen.insert(item.key.as_str()) {
            out.error(
                field.clone(),
                "license.duplicate-surface-item",
                format!("the face item {:?} is given more than once", item.key),
            );
        }
        let rule = rules.surface_rule(&item.key);
        out.text(&format!("{field}.label"), &item.label, None);
        let filled = out.text(&field, &item.value, rule.and_then(|r| r.max_length));
        match rule {
            None if !rules.allow_other_surface_items => out.error(
                field,
                "license.unknown-surface-item",
                format!(
                    "this license type has no face item {:?} (it has: {})",
                    item.key,
                    rules
                        .surface
                        .iter()
                        .map(|r| r.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            None => {}
            Some(rule) => {
                if !item.label.is_empty() && item.label != rule.label {
                    out.warning(
                        field.clone(),
                        "license.surface-label-mismatch",
                        format!(
                            "the label {:?} differs from {:?} of the license type",
                            item.label, rule.label
                        ),
                    );
                }
                if rule.required && !filled {
                    out.error(
                        field,
                        "license.missing-surface-item",
                        format!("the face item {} ({}) is empty", rule.key, rule.label),
                    );
                }
            }
        }
    }
    for rule in rules.surface.iter().filter(|r| r.required) {
        if !seen.contains(rule.key.as_str()) {
            out.error(
                format!("surface.{}", rule.key),
                "license.missing-surface-item",
                format!("the face item {} ({}) is missing", rule.key, rule.label),
            );
        }
    }
}

/// The limit on the copy's cause and creator (Shandong's sharing API allows
/// 200 characters of cause, e-license.md §2.3).
const MAX_COPY_TEXT: usize = 200;

fn copy(out: &mut Collector, m: &Metadata) {
    let Some(copy) = &m.copy else { return };
    let field = |i: usize| format!("copy.{}", COPY_FIELDS[i].0);
    if copy.creation_time.is_none() {
        out.error(
            field(0),
            "license.missing-field",
            "an annotated copy (加注件) needs its creation time".into(),
        );
    }
    if !out.text(&field(1), &copy.creator, Some(MAX_COPY_TEXT)) {
        out.error(
            field(1),
            "license.missing-field",
            "an annotated copy (加注件) needs its creator".into(),
        );
    }
    if !out.text(&field(2), &copy.cause, Some(MAX_COPY_TEXT)) {
        out.error(
            field(2),
            "license.missing-field",
            "an annotated copy (加注件) needs its cause (use)".into(),
        );
    }
    if let (Some(created), Some(expires)) = (copy.creation_time, copy.expiring_time) {
        if expires < created {
            out.error(
                field(3),
                "license.date-order",
                format!("{expires} is before the creation time {created}"),
            );
        }
    }
    if let (Some(created), Some(issued)) = (copy.creation_time, m.certificate_issued_date) {
        // Dates of Chinese licenses are in China time (UTC+8).
        let day = LicenseDate::from_timestamp(created, 8 * 3600);
        if day < issued {
            out.error(
                field(0),
                "license.date-order",
                format!(
                    "the copy was made on {day} (UTC+8), before the license was issued on {issued}"
                ),
            );
        }
    }
}

fn photo(out: &mut Collector, m: &Metadata, rules: &TypeRules) {
    let Some(photo) = m.photo.as_deref().filter(|p| !p.trim().is_empty()) else {
        if rules.require_photo {
            out.error(
                "photo",
                "license.missing-field",
                "this license type requires a holder photo".into(),
            );
        } else if m.photo.is_some() {
            out.error("photo", "license.bad-photo", "the photo is empty".into());
        }
        return;
    };
    out.text("photo", photo, None);
    match PhotoRef::parse(photo) {
        Some(PhotoRef::File(_)) => {}
        Some(PhotoRef::Inline { media_type, base64 }) => {
            if !matches!(media_type, "image/png" | "image/jpeg") {
                out.error(
                    "photo",
                    "license.bad-photo",
                    format!("the photo is {media_type}; PNG or JPEG is required"),
                );
            }
            let body = base64.trim_end_matches('=');
            if base64.is_empty()
                || base64.len() % 4 != 0
                || base64.len() - body.len() > 2
                || !body
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
            {
                out.error(
                    "photo",
                    "license.bad-photo",
                    "the photo's data is not base64".into(),
                );
            }
        }
        None => out.error(
            "photo",
            "license.bad-photo",
            "the photo is neither a file path nor a data:<type>;base64,<data> URI".into(),
        ),
    }
}
