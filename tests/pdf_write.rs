//! The PDF/A-3b writer checked by independent tools: qpdf parses and checks the
//! structure, poppler extracts the text and the attachments and renders the
//! page, and the PDF/A-3 rules veraPDF applies are checked on qpdf's view of
//! the objects (not on our own parser).

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss
)]

#[path = "support/mod_pdf_tools.rs"]
mod tools;

use gmseal::font::Font;
use gmseal::pdf::write::{Attachment, CustomXmp, DocumentInfo, PathOp, PdfBuilder, Rgb, TextStyle};
use gmseal::{Error, Timestamp};
use tools::{QpdfJson, have, qpdf_text, run_clean};

const TITLE: &str = "营业执照";
const LINES: [&str; 4] = [
    "统一社会信用代码 91350100M000100Y43",
    "名称 福州市鼓楼区示例科技有限公司（分公司）",
    "经营范围：软件开发；信息技术咨询服务。",
    "Latin text, digits 0123456789 and ¥ — “quotes”",
];
const QR: &str =
    "https://zwfw.example.gov.cn/v/1.2.156.3005.2.11100000000013338W.91350100M000100Y43.0001.001.K";
const JSON: &[u8] = "{\"licenseName\":\"营业执照\"}".as_bytes();
const XML: &[u8] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><license><name>营业执照</name></license>".as_bytes();

fn created() -> Timestamp {
    Timestamp::parse("2026-05-06T07:08:09Z").unwrap()
}

fn png_with_alpha() -> Vec<u8> {
    let (w, h) = (16u32, 8u32);
    let mut pixels = Vec::new();
    for y in 0..h {
        for x in 0..w {
            pixels.extend_from_slice(&[
                (x * 16) as u8,
                0x40,
                (y * 32) as u8,
                if x < 8 { 255 } else { 128 },
            ]);
        }
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header()
        .unwrap()
        .write_image_data(&pixels)
        .unwrap();
    out
}

fn sample(seed: &[u8]) -> Vec<u8> {
    let mut info = DocumentInfo::new(TITLE, created(), seed);
    info.author = Some("福州市市场监督管理局".into());
    info.subject = Some("电子证照".into());
    let mut custom = CustomXmp::new(
        "https://gmseal.example/ns/test/1.0/",
        "gmt",
        "gmseal test schema",
    );
    custom.push("licenseNumber", "the number", "91350100M000100Y43");
    info.custom_xmp = Some(custom);
    let mut pdf = PdfBuilder::new(info);
    let font = pdf.add_font(Font::bundled()).unwrap();
    let photo = pdf.add_image(include_bytes!("data/portrait.jpg")).unwrap();
    let logo = pdf.add_image(&png_with_alpha()).unwrap();
    let mut page = pdf.page(297.0, 210.0);
    page.stroke_rect(8.0, 8.0, 281.0, 194.0, 1.0, Rgb(0xB0, 0x8D, 0x57));
    let mut title = TextStyle::new(40.0, Rgb::BLACK);
    title.letter_spacing_mm = 6.0;
    title.bold = true;
    page.text_styled(font, &title, 110.0, 40.0, TITLE).unwrap();
    for (i, line) in LINES.iter().enumerate() {
        page.text(font, 12.0, 30.0, 70.0 + 12.0 * i as f32, line, Rgb::BLACK)
            .unwrap();
    }
    page.line((30.0, 120.0), (260.0, 120.0), 0.3, Rgb::BLACK);
    page.fill_rect(200.0, 140.0, 20.0, 10.0, Rgb::SEAL_RED);
    page.path(
        &[
            PathOp::MoveTo((0.0, 0.0)),
            PathOp::LineTo((10.0, 0.0)),
            PathOp::QuadTo((15.0, 5.0), (10.0, 10.0)),
            PathOp::CubicTo((5.0, 12.0), (2.0, 12.0), (0.0, 10.0)),
            PathOp::Close,
        ],
        230.0,
        140.0,
        1.0,
        0.2,
        Rgb::SEAL_RED,
    );
    page.qr_code(QR, 30.0, 140.0, 40.0, Rgb::BLACK).unwrap();
    page.image(photo, 100.0, 135.0, 30.0, 40.0);
    page.image(logo, 150.0, 140.0, 32.0, 16.0);
    page.finish();
    pdf.attach(Attachment::new(
        "license.json",
        "application/json",
        "元数据 JSON",
        JSON.to_vec(),
    ));
    pdf.attach(Attachment::new(
        "license.xml",
        "application/xml",
        "元数据 XML",
        XML.to_vec(),
    ));
    pdf.finish().unwrap()
}

fn written(seed: &[u8]) -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = sample(seed);
    std::fs::write(dir.path().join("out.pdf"), &bytes).unwrap();
    (dir, bytes)
}

#[test]
fn output_is_deterministic_and_the_seed_sets_the_id() {
    let a = sample(b"seed 1");
    assert_eq!(a, sample(b"seed 1"));
    let b = sample(b"seed 2");
    assert_ne!(a, b);
    assert!(
        a.starts_with(b"%PDF-1.7\n%"),
        "binary comment line after the header (PDF/A 6.1.2)"
    );
    assert!(a[9..].iter().take(5).skip(1).all(|&c| c >= 0x80));
}

#[test]
fn qpdf_check_is_clean() {
    if !have("qpdf", "qpdf") {
        return;
    }
    let (dir, _) = written(b"qpdf");
    let r = run_clean("qpdf", dir.path(), &["--check", "out.pdf"]);
    assert!(
        r.text()
            .contains("No syntax or stream encoding errors found"),
        "{}",
        r.text()
    );
}

#[test]
fn pdftotext_gives_the_text_back_exactly() {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let (dir, _) = written(b"text");
    let r = run_clean(
        "pdftotext",
        dir.path(),
        &["-enc", "UTF-8", "-raw", "out.pdf", "-"],
    );
    let text = r.text();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(lines.contains(&TITLE), "{text}");
    for line in LINES {
        assert!(lines.contains(&line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn fonts_are_embedded_subsets_with_to_unicode() {
    if !have("pdffonts", "poppler-utils") {
        return;
    }
    let (dir, _) = written(b"fonts");
    let text = run_clean("pdffonts", dir.path(), &["out.pdf"]).text();
    let rows: Vec<&str> = text.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{text}");
    let cols: Vec<&str> = rows[0].split_whitespace().collect();
    // name type(2 words) encoding emb sub uni object-id(2 words)
    assert!(
        cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+',
        "subset tag: {text}"
    );
    assert_eq!(&cols[1..3], ["CID", "TrueType"], "{text}");
    assert_eq!(cols[3], "Identity-H");
    assert_eq!(&cols[4..7], ["yes", "yes", "yes"], "emb sub uni: {text}");
}

#[test]
fn attachments_come_back_byte_for_byte() {
    if !have("pdfdetach", "poppler-utils") {
        return;
    }
    let (dir, _) = written(b"attach");
    let list = run_clean(
        "pdfdetach",
        dir.path(),
        &["-list", "-enc", "UTF-8", "out.pdf"],
    )
    .text();
    assert!(list.starts_with("2 embedded files"), "{list}");
    run_clean(
        "pdfdetach",
        dir.path(),
        &["-saveall", "-o", dir.path().to_str().unwrap(), "out.pdf"],
    );
    assert_eq!(
        std::fs::read(dir.path().join("license.json")).unwrap(),
        JSON
    );
    assert_eq!(std::fs::read(dir.path().join("license.xml")).unwrap(), XML);
}

/// Render at 50 dpi and look for the things drawn: dark text, the red box, the
/// QR code's modules, the photo's colours.
#[test]
fn page_renders() {
    if !have("pdftoppm", "poppler-utils") {
        return;
    }
    let (dir, _) = written(b"render");
    run_clean(
        "pdftoppm",
        dir.path(),
        &["-r", "50", "-png", "-singlefile", "out.pdf", "page"],
    );
    let file = std::fs::File::open(dir.path().join("page.png")).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf).unwrap();
    assert_eq!(frame.color_type, png::ColorType::Rgb);
    let (w, h) = (frame.width as usize, frame.height as usize);
    // A4 landscape at 50 dpi.
    assert_eq!(w, 585);
    assert!((413..=414).contains(&h), "{h}");
    let px = |x_mm: f32, y_mm: f32| {
        let (x, y) = ((x_mm / 25.4 * 50.0) as usize, (y_mm / 25.4 * 50.0) as usize);
        let i = (y * w + x) * 3;
        (buf[i], buf[i + 1], buf[i + 2])
    };
    let count = |x0: f32, y0: f32, x1: f32, y1: f32, pred: &dyn Fn((u8, u8, u8)) -> bool| {
        let mut n = 0;
        let mut total = 0;
        let mut y = y0;
        while y < y1 {
            let mut x = x0;
            while x < x1 {
                total += 1;
                if pred(px(x, y)) {
                    n += 1;
                }
                x += 0.5;
            }
            y += 0.5;
        }
        n as f32 / total as f32
    };
    let dark = |(r, g, b): (u8, u8, u8)| u32::from(r) + u32::from(g) + u32::from(b) < 200;
    // The title glyphs cover part of their box.
    let title = count(110.0, 27.0, 200.0, 40.0, &dark);
    assert!(title > 0.05 && title < 0.5, "title ink {title}");
    // The red box is red.
    let (r, g, b) = px(210.0, 145.0);
    assert!(r > 200 && g < 40 && b < 60, "seal red: {:?}", (r, g, b));
    // The QR code is about half dark inside its quiet zone.
    let qr = count(33.0, 143.0, 67.0, 177.0, &dark);
    assert!(qr > 0.3 && qr < 0.7, "QR ink {qr}");
    // The photo's background colour.
    let (r, g, b) = px(102.0, 137.0);
    assert!(
        (200..230).contains(&r) && (215..240).contains(&g) && (228..252).contains(&b),
        "photo: {:?}",
        (r, g, b)
    );
    // Blank paper elsewhere.
    assert_eq!(px(270.0, 30.0), (255, 255, 255));
}

/// The PDF/A-3b rules veraPDF checks, on qpdf's parse of the file.
#[test]
fn pdfa3b_rules() {
    if !have("qpdf", "qpdf") {
        return;
    }
    let (dir, bytes) = written(b"pdfa");
    let q = QpdfJson::of(dir.path(), "out.pdf");
    let catalog = q.catalog();

    // 6.1.3: a trailer /ID of two 16-byte strings; no /Encrypt.
    let id = q.trailer["/ID"].as_array().unwrap();
    assert_eq!(id.len(), 2);
    assert!(
        id.iter().all(|s| s.as_str().unwrap().len() == 2 + 32),
        "{id:?}"
    );
    assert!(q.trailer.get("/Encrypt").is_none());

    // 6.6.2: an unfiltered XMP metadata stream with pdfaid part 3, conformance B.
    let metadata = q.resolve(&catalog["/Metadata"]);
    let md = &metadata["stream"]["dict"];
    assert_eq!(md["/Type"], "/Metadata");
    assert_eq!(md["/Subtype"], "/XML");
    assert!(
        md.get("/Filter").is_none(),
        "6.6.2.1: no filter on the metadata stream"
    );
    let xmp = String::from_utf8(q.stream_data(&catalog["/Metadata"])).unwrap();
    assert!(
        raw_contains(&bytes, b"<pdfaid:part>3</pdfaid:part>"),
        "XMP stored uncompressed"
    );
    for needle in [
        "<pdfaid:part>3</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "<rdf:li xml:lang=\"x-default\">营业执照</rdf:li>",
        "<gmt:licenseNumber>91350100M000100Y43</gmt:licenseNumber>",
        "<pdfaSchema:namespaceURI>https://gmseal.example/ns/test/1.0/</pdfaSchema:namespaceURI>",
        "<pdfaSchema:prefix>gmt</pdfaSchema:prefix>",
        "<pdfaProperty:name>licenseNumber</pdfaProperty:name>",
    ] {
        assert!(xmp.contains(needle), "XMP lacks {needle}:\n{xmp}");
    }

    // 6.6.3: /Info agrees with the XMP.
    let info = q.dict(&q.trailer["/Info"]);
    assert_eq!(qpdf_text(&info["/Title"]), TITLE);
    assert!(xmp.contains(&format!(
        "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li>",
        qpdf_text(&info["/Author"])
    )));
    assert!(xmp.contains(&format!(
        "<pdf:Producer>{}</pdf:Producer>",
        qpdf_text(&info["/Producer"])
    )));
    assert!(xmp.contains(&format!(
        "<xmp:CreatorTool>{}</xmp:CreatorTool>",
        qpdf_text(&info["/Creator"])
    )));
    assert_eq!(qpdf_text(&info["/CreationDate"]), "D:20260506070809Z");
    assert_eq!(qpdf_text(&info["/ModDate"]), "D:20260506070809Z");
    assert!(xmp.contains("<xmp:CreateDate>2026-05-06T07:08:09Z</xmp:CreateDate>"));
    assert!(xmp.contains("<xmp:ModifyDate>2026-05-06T07:08:09Z</xmp:ModifyDate>"));

    // 6.2.3: a GTS_PDFA1 output intent with a 3-component ICC profile of version < 5.
    let intents = catalog["/OutputIntents"].as_array().unwrap();
    assert_eq!(intents.len(), 1);
    let intent = q.dict(&intents[0]);
    assert_eq!(intent["/S"], "/GTS_PDFA1");
    let profile = q.dict(&intent["/DestOutputProfile"]);
    assert_eq!(profile["/N"], 3);
    let icc = q.stream_data(&intent["/DestOutputProfile"]);
    assert_eq!(&icc[16..20], b"RGB ", "colour space");
    assert_eq!(&icc[12..16], b"mntr", "device class");
    assert!(icc[8] < 5, "ICC major version {}", icc[8]);

    // 6.2.11: every font embedded, with /ToUnicode; CIDFontType2 with /CIDToGIDMap /Identity.
    let fonts = q.of_type("/Font");
    assert!(!fonts.is_empty());
    for font in &fonts {
        match font["/Subtype"].as_str().unwrap() {
            "/Type0" => {
                assert!(font.get("/ToUnicode").is_some(), "ToUnicode: {font}");
                assert_eq!(font["/Encoding"], "/Identity-H");
            }
            "/CIDFontType2" => {
                assert_eq!(font["/CIDToGIDMap"], "/Identity");
                let descriptor = q.dict(&font["/FontDescriptor"]);
                let file = q.dict(&descriptor["/FontFile2"]);
                assert!(file["/Length1"].as_i64().unwrap() > 0);
                assert!(
                    descriptor.get("/CIDSet").is_none(),
                    "an incomplete CIDSet is an error in PDF/A-2/3"
                );
                let system = &font["/CIDSystemInfo"];
                assert_eq!(qpdf_text(&system["/Ordering"]), "Identity");
            }
            other => panic!("unexpected font subtype {other}"),
        }
    }

    // 6.8: every embedded file has /Subtype, /Params /ModDate, and a file
    // specification with /F, /UF, /AFRelationship, listed in the catalog /AF.
    let af: Vec<&str> = catalog["/AF"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let specs = q.of_type("/Filespec");
    assert_eq!(specs.len(), 2);
    assert_eq!(af.len(), 2);
    for spec in &specs {
        assert_eq!(spec["/AFRelationship"], "/Data");
        assert!(
            spec.get("/F").is_some() && spec.get("/UF").is_some() && spec.get("/Desc").is_some()
        );
        let file_ref = &spec["/EF"]["/F"];
        assert_eq!(file_ref, &spec["/EF"]["/UF"]);
        let file = q.dict(file_ref);
        assert_eq!(file["/Type"], "/EmbeddedFile");
        assert!(
            file["/Subtype"]
                .as_str()
                .unwrap()
                .starts_with("/application")
        );
        assert_eq!(qpdf_text(&file["/Params"]["/ModDate"]), "D:20260506070809Z");
    }
    for r in &af {
        assert_eq!(q.objects[*r]["/Type"], "/Filespec");
    }
    let tree = &q.dict(&catalog["/Names"])["/EmbeddedFiles"];
    assert_eq!(q.dict(tree)["/Names"].as_array().unwrap().len(), 4);

    // 6.1.x, 6.5, 6.6.1: nothing forbidden anywhere.
    for (id, v) in &q.objects {
        let d = v.get("stream").map_or(v, |s| &s["dict"]);
        for key in [
            "/JS",
            "/JavaScript",
            "/AA",
            "/OpenAction",
            "/Encrypt",
            "/Alternates",
            "/OPI",
            "/PS",
        ] {
            assert!(d.get(key).is_none(), "{id} has {key}");
        }
        assert_ne!(d["/Filter"], "/LZWDecode", "{id}");
        assert_ne!(d["/Interpolate"], true, "{id}");
        assert_ne!(d["/S"], "/Transparency", "{id}: transparency group");
        assert!(d.get("/Annots").is_none(), "{id}: annotations");
    }
    assert!(!raw_contains(&bytes, b"/JavaScript"));
}

fn raw_contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn problems_are_errors_not_panics() {
    let info = DocumentInfo::new("t", created(), b"e");
    assert!(matches!(
        PdfBuilder::new(info.clone()).finish(),
        Err(Error::InvalidInput(_))
    ));

    let mut pdf = PdfBuilder::new(info.clone());
    for bad in [
        &b""[..],
        b"GIF89a",
        b"\x89PNG\r\n\x1a\n\0\0",
        b"\xff\xd8\xff\xe0\0\x10JFIF",
    ] {
        assert!(
            matches!(pdf.add_image(bad), Err(Error::InvalidInput(_))),
            "{bad:?}"
        );
    }
    let font = pdf.add_font(Font::bundled()).unwrap();
    let mut page = pdf.page(100.0, 100.0);
    let err = page
        .text(font, 10.0, 0.0, 10.0, "A\u{20000}", Rgb::BLACK)
        .unwrap_err();
    assert!(err.to_string().contains("U+20000"), "{err}");
    assert!(
        page.qr_code(&"x".repeat(5000), 0.0, 0.0, 10.0, Rgb::BLACK)
            .is_err()
    );
    page.finish();
    let mut info2 = info;
    info2.custom_xmp = Some(CustomXmp::new("https://x.example/ns/", "bad prefix", "s"));
    let mut pdf = PdfBuilder::new(info2);
    pdf.page(10.0, 10.0).finish();
    assert!(pdf.finish().is_err());
}

/// pdfv, an independent Rust implementation of veraPDF's PDF/A-3b profile
/// (about a fifth of its rules run; the rest it reports as unsupported):
/// every rule it can run must pass, and it must recognise the file as PDF/A-3b.
#[test]
fn pdfv_finds_no_pdfa3b_violation() {
    let (dir, _) = written(b"pdfv");
    tools::pdfv_pdfa3b(dir.path(), "out.pdf", 80);
}
