//! E-license metadata (GB/T 36903), identifiers (GB/T 36904) and code checks
//! through the public API: JSON with English ids and pinyin aliases, XML round
//! trips, validation, and the sample files in `examples/data/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gmseal::Timestamp;
use gmseal::license::codes::{CodeProblem, check_holder_code};
use gmseal::license::{
    AnnotatedCopy, CoreField, Identifier, IdentifierFinding, LicenseDate, Metadata, Problem,
    Severity, SurfaceItem, SurfaceRule, TypeRules, Validity, validate,
};
use std::path::Path;

fn sample(name: &str) -> (String, Metadata) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let m: Metadata = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    (text, m)
}

/// (field, code, severity) of each problem, sorted.
fn summary(problems: &[Problem]) -> Vec<(String, &'static str, Severity)> {
    let mut v: Vec<_> = problems
        .iter()
        .map(|p| (p.field.clone(), p.code, p.severity))
        .collect();
    v.sort();
    v
}

fn codes(problems: &[Problem]) -> Vec<&'static str> {
    problems.iter().map(|p| p.code).collect()
}

#[test]
fn sample_business_license_is_valid() {
    let (text, m) = sample("business-license.json");
    assert_eq!(validate(&m, &TypeRules::business_license()), []);
    assert_eq!(validate(&m, &TypeRules::default()), []);
    assert!(m.check(&TypeRules::business_license()).unwrap().is_empty());
    assert_eq!(m.certificate_expiring_date, Some(Validity::LongTerm));
    assert_eq!(m.surface_value("legalRepresentative"), Some("张三"));
    let scope = m.surface_value("businessScope").unwrap().chars().count();
    assert!((60..=90).contains(&scope), "{scope}");
    // The identifier is what Identifier::build gives for its parts.
    let id = Identifier::build(
        &m.certificate_type_code,
        &m.certificate_issuing_authority_code,
        "2026010500018",
        "001",
    )
    .unwrap();
    assert_eq!(id.as_str(), m.certificate_identifier);
    // The JSON written is the file (the file is in canonical form).
    let pretty = serde_json::to_string_pretty(&m).unwrap();
    assert_eq!(pretty.trim_end(), text.trim_end());
}

#[test]
fn sample_qualification_is_valid() {
    let (text, m) = sample("qualification.json");
    assert_eq!(validate(&m, &TypeRules::qualification()), []);
    let mut rules = TypeRules::qualification();
    rules.require_photo = true;
    assert_eq!(validate(&m, &rules), []);
    assert_eq!(m.certificate_holder_type_code, "111");
    assert!(matches!(
        gmseal::license::PhotoRef::parse(m.photo.as_deref().unwrap()),
        Some(gmseal::license::PhotoRef::Inline {
            media_type: "image/png",
            ..
        })
    ));
    let pretty = serde_json::to_string_pretty(&m).unwrap();
    assert_eq!(pretty.trim_end(), text.trim_end());
    // A business-license type would not accept it.
    let problems = validate(&m, &TypeRules::business_license());
    assert!(codes(&problems).contains(&"license.holder-code-type-not-allowed"));
    assert!(codes(&problems).contains(&"license.unknown-surface-item"));
}

#[test]
fn json_and_xml_round_trips_are_exact() {
    for name in ["business-license.json", "qualification.json"] {
        let (_, mut m) = sample(name);
        m.copy = Some(AnnotatedCopy {
            creation_time: Some(Timestamp::parse("2026-03-02T09:30:00+08:00").unwrap()),
            creator: "某某政务服务平台".into(),
            cause: "办理银行开户 & <核验>".into(),
            expiring_time: Some(Timestamp::parse("2026-03-31T23:59:59+08:00").unwrap()),
        });
        let json = serde_json::to_string(&m).unwrap();
        let from_json: Metadata = serde_json::from_str(&json).unwrap();
        assert_eq!(from_json, m, "{name}: JSON");
        assert_eq!(serde_json::to_string(&from_json).unwrap(), json);
        let xml = m.to_xml().unwrap();
        let from_xml = Metadata::from_xml(&xml).unwrap();
        assert_eq!(from_xml, m, "{name}: XML");
        assert_eq!(from_xml.to_xml().unwrap(), xml, "{name}: XML text");
        assert_eq!(serde_json::to_string(&from_xml).unwrap(), json);
    }
    let (_, m) = sample("business-license.json");
    let xml = m.to_xml().unwrap();
    assert!(xml.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ElectronicLicense xmlns=\"urn:gmseal:e-license:1.0\">\n  <certificateIdentifier>1.2.156.3005.2."
    ));
    assert!(xml.contains("  <certificateExpiringDate>长期</certificateExpiringDate>\n"));
    assert!(
        xml.contains("    <Item key=\"legalRepresentative\" label=\"法定代表人\">张三</Item>\n")
    );
    assert!(xml.ends_with("  </Surface>\n</ElectronicLicense>\n"));
}

#[test]
fn pinyin_aliases_read_the_same_metadata() {
    let (_, english) = sample("business-license.json");
    let pinyin = r#"{
        "ZZBS": "1.2.156.3005.2.11100000000013127D001.1133010600248917XL.2026010500018.001.P",
        "ZZMC": "营业执照",
        "CertificateType": "营业执照",
        "ZZLXDM": "11100000000013127D001",
        "ZZBH": "330106000202601050018",
        "ZZBFJG": "杭州市西湖区市场监督管理局",
        "ZZBFJGDM": "1133010600248917XL",
        "ZZBFRQ": "20260105",
        "CZZT": "某某科技有限公司",
        "CZZTDM": "91330106MA2H0WQ17L",
        "CZZTDMLX": "统一社会信用代码",
        "CZZTDMLXDM": "001",
        "ZZYXQQSRQ": "20260105",
        "ZZYXQJZRQ": "长期",
        "CertificateAreaCode": "330106",
        "KZ_enterpriseType": "有限责任公司（自然人投资或控股）",
        "KZ_legalRepresentative": "张三",
        "KZ_businessScope": "一般项目：技术服务、技术开发、技术咨询、技术转让；软件开发；信息系统集成服务；数据处理服务；计算机软硬件及辅助设备零售。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
        "KZ_registeredCapital": "壹佰万元整",
        "KZ_establishmentDate": "2026年01月05日",
        "KZ_businessTerm": "2026年01月05日至长期",
        "KZ_address": "浙江省杭州市西湖区某某路100号1幢101室",
        "JZJZZSJ": null
    }"#;
    let mut m: Metadata = serde_json::from_str(pinyin).unwrap();
    // KZ_ items carry no label; the type rules give them.
    assert!(m.surface.iter().all(|i| i.label.is_empty()));
    assert_eq!(validate(&m, &TypeRules::business_license()), []);
    m.fill_surface_labels(&TypeRules::business_license());
    assert_eq!(m, english);

    // Other de-facto names.
    let m: Metadata = serde_json::from_str(
        r#"{"certificateID": "x", "certificateTypeName": "t", "certificateHolder": "h",
            "certificateValidateStart": "2026-01-01", "certificateValidateEnd": "",
            "surface": null, "photo": null}"#,
    )
    .unwrap();
    assert_eq!(m.certificate_identifier, "x");
    assert_eq!(m.certificate_type, "t");
    assert_eq!(m.certificate_holder_name, "h");
    assert_eq!(
        m.certificate_effective_date,
        Some(LicenseDate::new(2026, 1, 1).unwrap())
    );
    assert_eq!(m.certificate_expiring_date, None);
    assert_eq!(m.photo, None);

    // 加注件 elements at top level, or in `copy` under pinyin names.
    let flat: Metadata = serde_json::from_str(
        r#"{"JZJZZSJ": "2026-03-02T01:30:00Z", "JZJZZZ": "平台", "JZJZZSY": "核验", "JZJYXQJZSJ": "2026-03-31"}"#,
    )
    .unwrap();
    let nested: Metadata = serde_json::from_str(
        r#"{"copy": {"JZJZZSJ": "2026-03-02T09:30:00+08:00", "certificateCopyCreator": "平台",
            "CertificateCopyCause": "核验", "certificateCopyExpiringTime": "2026-03-31T00:00:00Z"}}"#,
    )
    .unwrap();
    assert_eq!(flat, nested);
    assert_eq!(
        serde_json::to_string(&flat).unwrap(),
        r#"{"copy":{"certificateCopyCreationTime":"2026-03-02T01:30:00Z","certificateCopyCreator":"平台","certificateCopyCause":"核验","certificateCopyExpiringTime":"2026-03-31T00:00:00Z"}}"#
    );
}

#[test]
fn unknown_and_repeated_fields_are_errors() {
    let error = |json: &str| {
        serde_json::from_str::<Metadata>(json)
            .unwrap_err()
            .to_string()
    };
    let e = error(r#"{"certificateName": "a", "certificateNmae": "b"}"#);
    assert!(e.contains("unknown field `certificateNmae`"), "{e}");
    let e = error(r#"{"ZZMC": "a", "certificateName": "b"}"#);
    assert!(e.contains("duplicate field `certificateName`"), "{e}");
    let e = error(r#"{"certificateName": "a", "CertificateName": "b"}"#);
    assert!(e.contains("duplicate"), "{e}");
    let e = error(r#"{"KZ_a": "1", "KZ_a": "2"}"#);
    assert!(e.contains("duplicate field `KZ_a`"), "{e}");
    let e = error(r#"{"copy": {}, "JZJZZZ": "x"}"#);
    assert!(e.contains("both"), "{e}");
    let e = error(r#"{"surface": [{"key": "a", "value": "b", "lable": "c"}]}"#);
    assert!(e.contains("unknown field `lable`"), "{e}");
    let e = error(r#"{"copy": {"cause": "x"}}"#);
    assert!(e.contains("unknown field `cause`"), "{e}");
    let e = error(r#"{"certificateNumber": 12345}"#);
    assert!(
        e.contains("expected a string for `certificateNumber`"),
        "{e}"
    );
    let e = error(r#"{"certificateIssuedDate": "2026-02-30"}"#);
    assert!(e.contains("certificateIssuedDate"), "{e}");
    assert!(e.contains("not a calendar date"), "{e}");
    let e = error(r#"{"ZZYXQJZRQ": "永久"}"#);
    assert!(e.contains("ZZYXQJZRQ"), "{e}");
    let e = error(r#"["not", "an", "object"]"#);
    assert!(e.contains("e-license metadata"), "{e}");
}

#[test]
fn long_term_validity() {
    let (_, mut m) = sample("business-license.json");
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["certificateExpiringDate"], "长期");
    let mut rules = TypeRules::business_license();
    rules.allow_long_term = false;
    assert_eq!(
        summary(&validate(&m, &rules)),
        [(
            "certificateExpiringDate".into(),
            "license.long-term-not-allowed",
            Severity::Error
        )]
    );
    // Long-term satisfies a required end; an absent end does not.
    m.certificate_expiring_date = None;
    assert_eq!(
        summary(&validate(&m, &TypeRules::business_license())),
        [(
            "certificateExpiringDate".into(),
            "license.missing-field",
            Severity::Error
        )]
    );
    let mut rules = TypeRules::business_license();
    rules.optional.push(CoreField::CertificateExpiringDate);
    assert_eq!(validate(&m, &rules), []);
    m.certificate_expiring_date = Some(Validity::Until(LicenseDate::new(2046, 1, 4).unwrap()));
    assert_eq!(validate(&m, &TypeRules::business_license()), []);
    assert_eq!(
        serde_json::to_value(&m).unwrap()["certificateExpiringDate"],
        "2046-01-04"
    );
}

/// One metadata with many problems: every one is reported, with its field.
#[test]
fn every_problem_is_reported() {
    let bad_org = {
        // A USCC whose own check is right but whose embedded organization
        // code (positions 9-17) is wrong.
        let first17 = "91330106MA2H0WQ18";
        let check = gmseal::license::codes::uscc_check_char(first17).unwrap();
        format!("{first17}{check}")
    };
    let m = Metadata {
        certificate_identifier:
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.V".into(),
        certificate_name: "   ".into(),
        certificate_type: "类".repeat(257),
        certificate_type_code: "1110000000001312".into(),
        certificate_number: "A\u{7}B".into(),
        certificate_issuing_authority_name: "杭州市西湖区市场监督管理局".into(),
        certificate_issuing_authority_code: bad_org,
        certificate_issued_date: Some(LicenseDate::new(2026, 3, 1).unwrap()),
        certificate_holder_name: "某某科技有限公司".into(),
        certificate_holder_code: "11010519491231002X".into(),
        certificate_holder_type: "公民身份号码".into(),
        certificate_holder_type_code: "001".into(),
        certificate_effective_date: Some(LicenseDate::new(2026, 2, 1).unwrap()),
        certificate_expiring_date: Some(Validity::Until(LicenseDate::new(2026, 1, 1).unwrap())),
        certificate_area_code: "990000".into(),
        surface: vec![
            SurfaceItem::new("legalRepresentative", "法人", ""),
            SurfaceItem::new("bad key", "", "x"),
            SurfaceItem::new("legalRepresentative", "法定代表人", "张三"),
        ],
        copy: Some(AnnotatedCopy {
            creation_time: None,
            creator: String::new(),
            cause: " ".into(),
            expiring_time: None,
        }),
        photo: Some("data:image/gif;base64,R0lG".into()),
    };
    let rules = TypeRules {
        type_code: Some("11100000000013127D001".into()),
        holder_types: vec!["111".into()],
        require_photo: true,
        ..TypeRules::business_license()
    };
    let problems = validate(&m, &rules);
    let e = Severity::Error;
    let w = Severity::Warning;
    let mut expected = vec![
        ("certificateName", "license.missing-field", e),
        ("certificateType", "license.field-too-long", e),
        ("certificateNumber", "license.bad-text", e),
        (
            "certificateIdentifier",
            "license.identifier-check-character",
            w,
        ),
        ("certificateIdentifier", "license.identifier-mismatch", e),
        ("certificateIdentifier", "license.identifier-mismatch", e),
        ("certificateTypeCode", "license.bad-type-code", e),
        ("certificateTypeCode", "license.wrong-type-code", e),
        ("certificateIssuingAuthorityCode", "license.bad-org-code", e),
        (
            "certificateHolderTypeCode",
            "license.holder-code-type-not-allowed",
            e,
        ),
        (
            "certificateHolderType",
            "license.holder-type-name-mismatch",
            w,
        ),
        ("certificateHolderCode", "license.bad-uscc", e),
        ("certificateAreaCode", "license.bad-area-code", e),
        ("certificateEffectiveDate", "license.date-order", e),
        ("certificateExpiringDate", "license.date-order", e),
        (
            "surface.legalRepresentative",
            "license.surface-label-mismatch",
            w,
        ),
        (
            "surface.legalRepresentative",
            "license.missing-surface-item",
            e,
        ),
        ("surface.bad key", "license.bad-surface-key", e),
        ("surface.bad key", "license.unknown-surface-item", e),
        (
            "surface.legalRepresentative",
            "license.duplicate-surface-item",
            e,
        ),
        ("surface.enterpriseType", "license.missing-surface-item", e),
        ("surface.businessScope", "license.missing-surface-item", e),
        (
            "surface.registeredCapital",
            "license.missing-surface-item",
            e,
        ),
        (
            "surface.establishmentDate",
            "license.missing-surface-item",
            e,
        ),
        ("surface.businessTerm", "license.missing-surface-item", e),
        ("surface.address", "license.missing-surface-item", e),
        (
            "copy.certificateCopyCreationTime",
            "license.missing-field",
            e,
        ),
        ("copy.certificateCopyCreator", "license.missing-field", e),
        ("copy.certificateCopyCause", "license.missing-field", e),
        ("photo", "license.bad-photo", e),
    ]
    .into_iter()
    .map(|(f, c, s)| (f.to_owned(), c, s))
    .collect::<Vec<_>>();
    expected.sort();
    assert_eq!(summary(&problems), expected, "{problems:#?}");
    // Problems come in element order, and serialize for reports.
    assert_eq!(problems[0].field, "certificateName");
    let json = serde_json::to_value(&problems[0]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "field": "certificateName",
            "code": "license.missing-field",
            "severity": "error",
            "message": "the required element 证照名称 is missing"
        })
    );
    assert_eq!(
        problems[0].to_string(),
        "certificateName: the required element 证照名称 is missing (license.missing-field)"
    );
    // check() turns errors into one error.
    let err = m.check(&rules).unwrap_err();
    assert_eq!(err.code(), "license.invalid-metadata");
    assert!(!err.is_verification_failure());
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    assert!(
        err.to_string().starts_with(&format!(
            "invalid e-license metadata: {errors} error(s), the first: certificateName"
        )),
        "{err}"
    );
    // The control character keeps it from XML, as the problem says.
    assert_eq!(m.to_xml().unwrap_err().code(), "license.xml");
}

#[test]
fn more_problem_cases() {
    let (_, base) = sample("qualification.json");
    let rules = TypeRules::qualification();
    let only = |m: &Metadata, rules: &TypeRules| summary(&validate(m, rules));

    // A 15-digit, an invalid and a lower-case-x citizen ID number.
    for code in [
        "110105491231002",
        "110105194912310021",
        "11010519491231002x",
    ] {
        let mut m = base.clone();
        m.certificate_holder_code = code.into();
        assert_eq!(
            only(&m, &rules),
            [(
                "certificateHolderCode".into(),
                "license.bad-citizen-id",
                Severity::Error
            )],
            "{code}"
        );
    }
    // Holder code type codes.
    let mut m = base.clone();
    m.certificate_holder_type_code = "11".into();
    assert_eq!(
        only(&m, &TypeRules::default()),
        [(
            "certificateHolderTypeCode".into(),
            "license.bad-holder-code-type",
            Severity::Error
        )]
    );
    m.certificate_holder_type_code = "411".into();
    assert_eq!(
        only(&m, &TypeRules::default()),
        [(
            "certificateHolderTypeCode".into(),
            "license.unknown-holder-code-type",
            Severity::Warning
        )]
    );
    m.certificate_holder_type_code = "414".into();
    m.certificate_holder_type = "普通护照".into();
    m.certificate_holder_code = "E12345678".into();
    assert_eq!(validate(&m, &rules), []);
    // A type code whose definer part is not a USCC is only a warning, but the
    // identifier must then carry the same type code.
    let mut m = base.clone();
    m.certificate_type_code = "11100000000013338X001".into();
    assert_eq!(
        only(&m, &rules),
        [
            (
                "certificateIdentifier".into(),
                "license.identifier-mismatch",
                Severity::Error
            ),
            (
                "certificateTypeCode".into(),
                "license.type-code-definer",
                Severity::Warning
            )
        ]
    );
    // An identifier that is not one.
    let mut m = base.clone();
    m.certificate_identifier = "ZZ-2026-0001".into();
    assert_eq!(
        only(&m, &rules),
        [(
            "certificateIdentifier".into(),
            "license.identifier-syntax",
            Severity::Error
        )]
    );
    // Lengths from the rules, for core elements and face items.
    let mut rules2 = rules.clone();
    rules2
        .max_lengths
        .insert(CoreField::CertificateHolderName, 2);
    rules2
        .surface
        .push(SurfaceRule::required("major", "专业").max_length(2));
    assert_eq!(
        only(&m, &rules2)
            .into_iter()
            .filter(|p| p.1 == "license.field-too-long")
            .collect::<Vec<_>>(),
        [
            (
                "certificateHolderName".into(),
                "license.field-too-long",
                Severity::Error
            ),
            (
                "surface.major".into(),
                "license.field-too-long",
                Severity::Error
            )
        ]
    );
    // Photos.
    for (photo, code) in [
        (None, None),
        (Some("photos/li.jpg"), None),
        (Some(""), Some("license.bad-photo")),
        (Some("data:image/png;base64,***"), Some("license.bad-photo")),
        (Some("data:image/png,abc"), Some("license.bad-photo")),
    ] {
        let mut m = base.clone();
        m.photo = photo.map(String::from);
        let got: Vec<_> = validate(&m, &rules).iter().map(|p| p.code).collect();
        assert_eq!(got, code.into_iter().collect::<Vec<_>>(), "{photo:?}");
    }
    let mut m = base.clone();
    m.photo = None;
    let mut rules3 = rules.clone();
    rules3.require_photo = true;
    assert_eq!(
        only(&m, &rules3),
        [("photo".into(), "license.missing-field", Severity::Error)]
    );
    // Annotated copies: made before the license was issued (in China time),
    // expiring before being made.
    let mut m = base.clone();
    m.copy = Some(AnnotatedCopy {
        creation_time: Some(Timestamp::parse("2026-02-28T15:59:59Z").unwrap()),
        creator: "平台".into(),
        cause: "核验".into(),
        expiring_time: Some(Timestamp::parse("2026-02-28T00:00:00Z").unwrap()),
    });
    assert_eq!(
        only(&m, &rules),
        [
            (
                "copy.certificateCopyCreationTime".into(),
                "license.date-order",
                Severity::Error
            ),
            (
                "copy.certificateCopyExpiringTime".into(),
                "license.date-order",
                Severity::Error
            )
        ]
    );
    let mut m = base.clone();
    m.copy = Some(AnnotatedCopy {
        creation_time: Some(Timestamp::parse("2026-02-28T16:00:00Z").unwrap()),
        creator: "平台".into(),
        cause: "核".repeat(201),
        expiring_time: None,
    });
    assert_eq!(
        only(&m, &rules),
        [(
            "copy.certificateCopyCause".into(),
            "license.field-too-long",
            Severity::Error
        )]
    );
    // Expiring before being issued, without an effective date.
    let mut m = base.clone();
    m.certificate_effective_date = None;
    m.certificate_expiring_date = Some(Validity::Until(LicenseDate::new(2026, 2, 1).unwrap()));
    let mut rules4 = rules.clone();
    rules4.optional.push(CoreField::CertificateEffectiveDate);
    assert_eq!(
        only(&m, &rules4),
        [(
            "certificateExpiringDate".into(),
            "license.date-order",
            Severity::Error
        )]
    );
    // The Hefei identifier: an area code as issuer is a warning, and differs
    // from the issuer's USCC.
    let mut m = base;
    m.certificate_identifier = "1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9".into();
    m.certificate_type_code = "11100000MB03271699022".into();
    assert_eq!(
        only(&m, &rules),
        [
            (
                "certificateIdentifier".into(),
                "license.identifier-issuer",
                Severity::Warning
            ),
            (
                "certificateIdentifier".into(),
                "license.identifier-mismatch",
                Severity::Error
            )
        ]
    );
    // An empty metadata under the default rules: every core element missing.
    let problems = validate(&Metadata::default(), &TypeRules::default());
    assert_eq!(problems.len(), CoreField::ALL.len());
    assert!(problems.iter().all(|p| p.code == "license.missing-field"));
}

/// e-license.md §2.2 / §6.1: the holder code is checked by its type code, never
/// by guessing from the checksum.
#[test]
fn holder_code_is_checked_by_its_type() {
    let (_, base) = sample("business-license.json");
    let mut m = base.clone();
    m.certificate_holder_code = "11010519491231002X".into();
    let problems = validate(&m, &TypeRules::qualification());
    assert_eq!(
        summary(&problems),
        [(
            "certificateHolderCode".into(),
            "license.bad-uscc",
            Severity::Error
        )]
    );
    m.certificate_holder_type_code = "111".into();
    m.certificate_holder_type = "公民身份号码".into();
    assert_eq!(validate(&m, &TypeRules::qualification()), []);
    // A valid USCC with type 111 fails the other way.
    let mut m = base;
    m.certificate_holder_type_code = "111".into();
    m.certificate_holder_type = "居民身份证".into();
    assert_eq!(
        summary(&validate(&m, &TypeRules::qualification())),
        [(
            "certificateHolderCode".into(),
            "license.bad-citizen-id",
            Severity::Error
        )]
    );
    assert!(check_holder_code("001", "11010519491231002X").is_err());
    assert!(check_holder_code("111", "11010519491231002X").is_ok());
    assert!(check_holder_code("099", "11010519491231002X").is_ok());
}

#[test]
fn identifiers() {
    // Build: e-license.md §3.3.
    let id = Identifier::build(
        "11100000000013338W011",
        "11430000006122244L",
        "20230000403",
        Identifier::FIRST_VERSION,
    )
    .unwrap();
    assert_eq!(
        id.to_string(),
        "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U"
    );
    assert_eq!(
        serde_json::to_value(&id).unwrap(),
        "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U"
    );
    let e = Identifier::build(
        "11100000000013338W011",
        "11430000006122244M",
        "20230000403",
        "001",
    )
    .unwrap_err();
    assert_eq!(e.code(), "license.invalid-identifier-part");
    assert!(e.to_string().contains("issuer code"), "{e}");

    // Parse: the valid ones of §3.4.
    for text in [
        "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U",
        "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0",
        "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F",
    ] {
        let p = Identifier::parse(text).unwrap();
        assert!(p.is_conforming(), "{text}");
    }
    // Hefei: a non-standard issuer segment, correct check.
    let p =
        Identifier::parse("1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9").unwrap();
    assert_eq!(
        p.findings,
        [IdentifierFinding::IssuerNotUscc {
            problem: CodeProblem::BadLength {
                expected: 18,
                found: 6
            }
        }]
    );
    // Shandong: M where MOD 37,36 gives D.
    let p = Identifier::parse(
        "1.2.156.3005.2.11100000000013661B006.113700000045046442.209FA4E88F9E4C878F3E9BED2CE7EA49.001.M",
    )
    .unwrap();
    assert_eq!(p.expected_check_character, 'D');
    assert_eq!(p.findings[0].code(), "license.identifier-check-character");
    assert_eq!(
        serde_json::to_value(&p).unwrap()["findings"],
        serde_json::json!([{"kind": "check-character-mismatch", "expected": "D", "found": "M"}])
    );
    let e = Identifier::parse("1.2.156.3005.2.a.b.c.001.U").unwrap_err();
    assert_eq!(e.code(), "license.malformed-identifier");
    assert!(matches!(
        e,
        gmseal::Error::License(gmseal::LicenseError::MalformedIdentifier { .. })
    ));
}

/// Arbitrary text never makes the parsers and checks panic.
#[test]
fn arbitrary_input_does_not_panic() {
    use gmseal::license::codes::{check_area_code, check_citizen_id, check_org_code, check_uscc};
    let pieces = [
        "1",
        "9",
        "0",
        "X",
        "x",
        "A",
        "Z",
        "I",
        "-",
        ".",
        " ",
        "1.2.156.3005.2.",
        "<",
        ">",
        "&",
        "&#13;",
        "&lt;",
        "<certificateName>",
        "</certificateName>",
        "<Item key='a'>",
        "</Item>",
        "<Surface>",
        "</Surface>",
        "<![CDATA[",
        "]]>",
        "\"",
        "'",
        "长期",
        "年",
        "２",
        "é",
        "\u{1}",
        "<ElectronicLicense xmlns=\"urn:gmseal:e-license:1.0\">",
        "</ElectronicLicense>",
        "-01",
        "2026",
        "20260230",
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % n as u64).unwrap()
    };
    for _ in 0..20_000 {
        let len = next(12);
        let s: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
        let _ = Identifier::parse(&s);
        let _ = Metadata::from_xml(&s);
        let _ = LicenseDate::parse(&s);
        let _ = Validity::parse(&s);
        let _ = check_uscc(&s);
        let _ = check_citizen_id(&s);
        let _ = check_org_code(&s);
        let _ = check_area_code(&s);
        let _ = gmseal::license::mod37_36::check_char(&s);
        let _ = serde_json::from_str::<Metadata>(&format!("{{\"ZZBS\": {:?}}}", s));
        let m = Metadata {
            certificate_identifier: s.clone(),
            certificate_type_code: s.clone(),
            certificate_holder_code: s.clone(),
            certificate_holder_type_code: ["001", "111", "099"][next(3)].into(),
            certificate_area_code: s.clone(),
            surface: vec![SurfaceItem::new(s.clone(), s.clone(), s.clone())],
            photo: Some(s.clone()),
            ..Metadata::default()
        };
        let _ = validate(&m, &TypeRules::business_license());
        if let Ok(xml) = m.to_xml() {
            assert_eq!(Metadata::from_xml(&xml).unwrap(), m, "{s:?}");
        }
    }
}
