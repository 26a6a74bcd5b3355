//! Issuing e-license PDFs from the shipped templates, checked with
//! independent tools: qpdf (structure), poppler (text, attachments,
//! rendering) and pdfv (PDF/A-3b rules), and the embedded metadata read back.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss
)]

#[path = "support/mod_pdf_tools.rs"]
mod tools;

use gmseal::license::{
    Element, IssueOptions, LicenseError, METADATA_JSON, METADATA_XML, Metadata, Template,
    XMP_NAMESPACE, issue,
};
use gmseal::{Error, Timestamp};
use tools::{QpdfJson, have, run_clean};

fn example(name: &str) -> Metadata {
    let path = format!("{}/examples/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn options() -> IssueOptions<'static> {
    IssueOptions::new(Timestamp::parse("2026-01-05T02:00:00Z").unwrap())
}

/// Both shipped templates with their example data.
fn cases() -> Vec<(Template, Metadata)> {
    vec![
        (Template::business_license(), example("business-license")),
        (Template::qualification(), example("qualification")),
    ]
}

/// The error of an issue that must fail (without printing the PDF bytes when it does not).
fn refused(result: gmseal::Result<gmseal::license::IssuedLicense>) -> Error {
    match result {
        Ok(_) => panic!("issued a license that should have been refused"),
        Err(e) => e,
    }
}

fn issued(template: &Template, metadata: &Metadata) -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = issue(template, metadata, &options()).unwrap().pdf;
    std::fs::write(dir.path().join("license.pdf"), &pdf).unwrap();
    (dir, pdf)
}

#[test]
fn issuing_is_deterministic() {
    for (template, metadata) in cases() {
        let a = issue(&template, &metadata, &options()).unwrap();
        let b = issue(&template, &metadata, &options()).unwrap();
        assert_eq!(a.pdf, b.pdf, "{}", template.id);
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        let mut later = options();
        later.issued_at = later.issued_at.plus_seconds(1);
        assert_ne!(issue(&template, &metadata, &later).unwrap().pdf, a.pdf);
    }
}

#[test]
fn qpdf_finds_no_problem() {
    if !have("qpdf", "qpdf") {
        return;
    }
    for (template, metadata) in cases() {
        let (dir, _) = issued(&template, &metadata);
        let out = run_clean("qpdf", dir.path(), &["--check", "license.pdf"]).text();
        assert!(
            out.contains("No syntax or stream encoding errors found"),
            "{}: {out}",
            template.id
        );
    }
}

/// Every value the template prints comes back from `pdftotext` exactly.
#[test]
fn pdftotext_gives_back_every_printed_value() {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    for (template, metadata) in cases() {
        let (dir, _) = issued(&template, &metadata);
        let text = run_clean(
            "pdftotext",
            dir.path(),
            &["-enc", "UTF-8", "-raw", "license.pdf", "-"],
        )
        .text();
        let flat: String = text.split_whitespace().collect();
        let mut expected = vec![
            metadata.certificate_holder_name.clone(),
            metadata.certificate_holder_code.clone(),
            metadata.certificate_number.clone(),
            metadata.certificate_issuing_authority_name.clone(),
        ];
        // Wrapped values come back in pieces; without whitespace they are whole.
        for item in &metadata.surface {
            expected.push(item.value.split_whitespace().collect());
        }
        if template.id == "business-license" {
            expected.extend(["营业执照".to_owned(), "2026年01月05日".to_owned()]);
            for label in [
                "统一社会信用代码",
                "名称",
                "类型",
                "法定代表人",
                "经营范围",
                "注册资本",
                "住所",
                "登记机关",
            ] {
                expected.push(label.to_owned());
            }
        } else {
            expected.extend([
                metadata.certificate_name.clone(),
                "2026年3月1日至2029年2月28日".to_owned(),
            ]);
        }
        for value in expected {
            assert!(
                flat.contains(&value),
                "{}: {value:?} missing from\n{text}",
                template.id
            );
        }
    }
}

/// The embedded JSON and XML files, extracted by poppler, are the input metadata.
#[test]
fn embedded_metadata_equals_the_input() {
    if !have("pdfdetach", "poppler-utils") {
        return;
    }
    for (template, metadata) in cases() {
        let (dir, _) = issued(&template, &metadata);
        run_clean(
            "pdfdetach",
            dir.path(),
            &[
                "-saveall",
                "-o",
                dir.path().to_str().unwrap(),
                "license.pdf",
            ],
        );
        let json = std::fs::read_to_string(dir.path().join(METADATA_JSON)).unwrap();
        let from_json: Metadata = serde_json::from_str(&json).unwrap();
        assert_eq!(from_json, metadata, "{}", template.id);
        let xml = std::fs::read_to_string(dir.path().join(METADATA_XML)).unwrap();
        assert_eq!(
            Metadata::from_xml(&xml).unwrap(),
            metadata,
            "{}",
            template.id
        );
    }
}

/// The XMP carries the core elements in our namespace, described by an
/// extension schema, and the attachments are `/Data` associated files.
#[test]
fn xmp_and_associated_files() {
    if !have("qpdf", "qpdf") {
        return;
    }
    let (template, metadata) = cases().remove(0);
    let (dir, _) = issued(&template, &metadata);
    let q = QpdfJson::of(dir.path(), "license.pdf");
    let catalog = q.catalog();
    let xmp = String::from_utf8(q.stream_data(&catalog["/Metadata"])).unwrap();
    for needle in [
        format!("xmlns:elic=\"{XMP_NAMESPACE}\""),
        format!(
            "<elic:certificateIdentifier>{}</elic:certificateIdentifier>",
            metadata.certificate_identifier
        ),
        format!(
            "<elic:certificateHolderCode>{}</elic:certificateHolderCode>",
            metadata.certificate_holder_code
        ),
        "<elic:certificateExpiringDate>长期</elic:certificateExpiringDate>".to_owned(),
        "<pdfaProperty:name>certificateHolderName</pdfaProperty:name>".to_owned(),
        format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li>",
            metadata.certificate_issuing_authority_name
        ),
        "<pdfaid:part>3</pdfaid:part>".to_owned(),
    ] {
        assert!(xmp.contains(&needle), "XMP lacks {needle}:\n{xmp}");
    }
    let specs = q.of_type("/Filespec");
    assert_eq!(specs.len(), 2);
    for spec in specs {
        assert_eq!(spec["/AFRelationship"], "/Data");
    }
    assert_eq!(catalog["/AF"].as_array().unwrap().len(), 2);
}

/// pdfv runs the rules of veraPDF's PDF/A-3b profile it supports (about 60
/// here); every one must pass.
#[test]
fn pdfv_finds_no_pdfa3b_violation() {
    for (template, metadata) in cases() {
        let (dir, _) = issued(&template, &metadata);
        if tools::pdfv_pdfa3b(dir.path(), "license.pdf", 50).is_none() {
            return;
        }
    }
}

/// Render at 40 dpi and check the page: ink where the template puts text and
/// the QR code, paper inside the reserved seal circle's free parts, the photo.
#[test]
fn pages_render_with_ink_where_the_template_draws() {
    if !have("pdftoppm", "poppler-utils") {
        return;
    }
    for (template, metadata) in cases() {
        let (dir, _) = issued(&template, &metadata);
        run_clean(
            "pdftoppm",
            dir.path(),
            &["-r", "40", "-gray", "-singlefile", "license.pdf", "page"],
        );
        let pgm = std::fs::read(dir.path().join("page.pgm")).unwrap();
        let (w, h, pixels) = parse_pgm(&pgm);
        let expected_w = (template.page.width / 25.4 * 40.0).round() as usize;
        assert!(
            w.abs_diff(expected_w) <= 1,
            "{} width {w} vs {expected_w}",
            template.id
        );
        let coverage = |x0: f32, y0: f32, x1: f32, y1: f32, below: u8| {
            let px = |mm: f32| (mm / 25.4 * 40.0) as usize;
            let (mut dark, mut total) = (0, 0);
            for y in px(y0)..px(y1).min(h) {
                for x in px(x0)..px(x1).min(w) {
                    total += 1;
                    if pixels[y * w + x] < below {
                        dark += 1;
                    }
                }
            }
            dark as f32 / total.max(1) as f32
        };
        let ink = |x0: f32, y0: f32, x1: f32, y1: f32| coverage(x0, y0, x1, y1, 128);
        for element in &template.elements {
            match element {
                Element::QrCode { x, y, size, .. } => {
                    let r = ink(
                        *x + size * 0.1,
                        *y + size * 0.1,
                        x + size * 0.9,
                        y + size * 0.9,
                    );
                    assert!((0.3..0.75).contains(&r), "{} QR ink {r}", template.id);
                }
                Element::Photo { x, y, w, h, .. } => {
                    // The photo is not blank paper.
                    let r = coverage(*x + 2.0, *y + 2.0, x + w - 2.0, y + h - 2.0, 240);
                    assert!(r > 0.5, "{} photo coverage {r}", template.id);
                }
                _ => {}
            }
        }
        // The title band has text; the margin outside the border has none.
        let title = ink(20.0, 25.0, template.page.width - 20.0, 50.0);
        assert!(title > 0.02, "{} title ink {title}", template.id);
        assert!(ink(0.0, 0.0, template.page.width, 2.0) < 0.01);
    }
}

fn parse_pgm(data: &[u8]) -> (usize, usize, &[u8]) {
    // "P5\n<w> <h>\n255\n" then the pixels.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(std::str::from_utf8(&data[start..i]).unwrap().to_owned());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, &data[i + 1..i + 1 + w * h])
}

#[test]
fn invalid_metadata_is_refused_with_every_problem_counted() {
    let mut m = example("business-license");
    m.certificate_holder_code = "91330106MA2H0WQ17X".into(); // wrong check character
    m.surface.retain(|i| i.key != "businessScope");
    let e = refused(issue(&Template::business_license(), &m, &options()));
    match e {
        Error::License(LicenseError::InvalidMetadata { count, .. }) => assert_eq!(count, 2, "{e}"),
        other => panic!("{other}"),
    }
}

#[test]
fn values_that_do_not_fit_are_errors_naming_the_field() {
    let mut m = example("business-license");
    for item in &mut m.surface {
        if item.key == "businessScope" {
            item.value = "技术服务".repeat(200);
        }
    }
    let e = refused(issue(&Template::business_license(), &m, &options())).to_string();
    assert!(e.contains("经营范围") && e.contains("lines"), "{e}");

    // A character the font lacks is named.
    let mut m = example("business-license");
    m.certificate_holder_name = "𠀀科技有限公司".into();
    let e = refused(issue(&Template::business_license(), &m, &options())).to_string();
    assert!(e.contains("U+20000"), "{e}");

    // A long business scope shrinks instead of failing.
    let mut m = example("business-license");
    for item in &mut m.surface {
        if item.key == "businessScope" {
            item.value = "技术服务、".repeat(40);
        }
    }
    assert!(issue(&Template::business_license(), &m, &options()).is_ok());
}

#[test]
fn a_template_file_needs_no_code() {
    let json = r##"{
      "id": "health-permit", "name": "卫生许可证",
      "page": {"width": 148, "height": 210},
      "rules": {"surface": [{"key": "scope", "label": "许可项目"}], "allowOtherSurfaceItems": false},
      "elements": [
        {"kind": "text", "text": "卫生许可证", "x": 74, "y": 30, "align": "center", "style": {"size": 22, "bold": true}},
        {"kind": "field", "label": "单位名称", "value": "{certificateHolderName}", "x": 12, "y": 50, "labelWidth": 24, "width": 100},
        {"kind": "field", "label": "许可项目", "value": "{surface.scope}", "x": 12, "y": 60, "labelWidth": 24, "width": 100, "maxLines": 3},
        {"kind": "field", "label": "有效期至", "value": "{certificateExpiringDate|date}", "x": 12, "y": 85, "labelWidth": 24, "width": 100},
        {"kind": "qrCode", "x": 12, "y": 150, "size": 30, "content": "{certificateIdentifier}", "color": "#003366"},
        {"kind": "seal", "x": 105, "y": 165, "diameter": 38}
      ]
    }"##;
    let template = Template::from_json(json).unwrap();
    let mut m = example("business-license");
    m.surface = vec![gmseal::license::SurfaceItem::new(
        "scope",
        "许可项目",
        "餐饮服务（热食类食品制售）",
    )];
    let issued = issue(&template, &m, &options()).unwrap();
    assert!(issued.pdf.starts_with(b"%PDF-1.7"));
    assert_eq!(issued.seal.unwrap().diameter, 38.0);
}

#[test]
fn shipped_template_rules_are_the_library_rules() {
    use gmseal::license::TypeRules;
    assert_eq!(
        Template::business_license().rules,
        TypeRules::business_license()
    );
    assert_eq!(Template::qualification().rules, TypeRules::qualification());
}
