//! Electronic licenses (电子证照): the GB/T 36903 metadata model, the
//! GB/T 36904 identifier, the code checks every e-license needs (unified
//! social credit code, citizen ID number, organization code, area code) and
//! per-type validation rules.
//!
//! ```text
//!   JSON (English ids, pinyin aliases)        XML (urn:gmseal:e-license:1.0)
//!          │  serde                                 │ Metadata::from_xml / to_xml
//!          ▼                                        ▼
//!      Metadata ──validate(&TypeRules)──▶ Vec<Problem>   (every problem, with field and code)
//!          │
//!   certificateIdentifier ◀── Identifier::build(type code, issuer USCC, serial, version)
//!                        ──▶ Identifier::parse → ParsedIdentifier (+ findings)
//! ```
//!
//! The GB/T 36901–36906 texts are not public; the element list, the English
//! ids and the pinyin short names are the de-facto ones used by deployed
//! systems that claim conformance (see `specs/e-license.md` §2). Whether an
//! element is required is therefore configurable per license type
//! ([`TypeRules`]).
//!
//! Code checks never guess what kind of code a string is: the holder code is
//! checked according to its holder code type code (GB/T 36903 Annex A), because
//! about one 18-digit citizen ID number in 31 also passes the USCC checksum.
//!
//! ```
//! use gmseal::license::{Identifier, Metadata, TypeRules, Validity, validate};
//!
//! let json = r#"{
//!   "certificateName": "营业执照",
//!   "certificateType": "营业执照",
//!   "certificateTypeCode": "11100000000013127D001",
//!   "certificateNumber": "330106000202601050018",
//!   "certificateIssuingAuthorityName": "杭州市西湖区市场监督管理局",
//!   "certificateIssuingAuthorityCode": "1133010600248917XL",
//!   "certificateIssuedDate": "2026-01-05",
//!   "certificateHolderName": "某某科技有限公司",
//!   "certificateHolderCode": "91330106MA2H0WQ17L",
//!   "certificateHolderType": "统一社会信用代码",
//!   "certificateHolderTypeCode": "001",
//!   "certificateEffectiveDate": "2026-01-05",
//!   "certificateExpiringDate": "长期",
//!   "certificateAreaCode": "330106"
//! }"#;
//! let mut metadata: Metadata = serde_json::from_str(json)?;
//! assert_eq!(metadata.certificate_expiring_date, Some(Validity::LongTerm));
//!
//! // The identifier is made from the type code, the issuer and a serial.
//! let id = Identifier::build(
//!     &metadata.certificate_type_code,
//!     &metadata.certificate_issuing_authority_code,
//!     "2026010500018",
//!     Identifier::FIRST_VERSION,
//! )?;
//! metadata.certificate_identifier = id.to_string();
//!
//! // Without type-specific rules, only the core elements are checked.
//! assert!(validate(&metadata, &TypeRules::default()).is_empty());
//! // The business-license rules also want the items printed on its face.
//! let problems = validate(&metadata, &TypeRules::business_license());
//! assert!(problems.iter().any(|p| p.code == "license.missing-surface-item"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod codes;
mod date;
mod identifier;
mod issue;
mod layout;
mod metadata;
pub mod mod37_36;
mod render;
mod rules;
mod template;
mod validate;
mod xml;

pub use crate::error::LicenseError;
pub use codes::{CodeProblem, HolderCodeType};
pub use date::{LicenseDate, Validity};
pub use identifier::{Identifier, IdentifierFinding, ParsedIdentifier};
pub use issue::{
    IssueOptions, IssuedLicense, METADATA_JSON, METADATA_XML, XMP_NAMESPACE, XMP_PREFIX, issue,
};
pub use metadata::{AnnotatedCopy, CoreField, Metadata, PhotoRef, SurfaceItem};
pub use rules::{SurfaceRule, TypeRules};
pub use template::{
    Align, BUILTIN_TEMPLATES, Color, Element, PageSize, SealPosition, Style, Template,
};
pub use validate::{Problem, Severity, validate};
pub use xml::XML_NAMESPACE;
