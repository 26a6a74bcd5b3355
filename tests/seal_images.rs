//! Seal images: PNG size and content, determinism, vector paths, input
//! errors, and an outside check of the PNG files with Python's zlib.

#![allow(clippy::unwrap_used, clippy::cast_possible_truncation)]

use gmseal::seal::image::{
    PathCommand, SealDrawing, SealImageParams, SealStyle, ShapeRole, TextLine, render_paths,
    render_png,
};
use tiny_skia::Pixmap;

fn round_sample() -> SealImageParams {
    SealImageParams::round("某某市人民政府办公室", "合同专用章").with_code("3301020012345")
}

fn oval_sample() -> SealImageParams {
    SealImageParams::oval("某某科技有限公司", "发票专用章", "91330106MA2AXK9X3B")
}

fn decode(png: &[u8]) -> Pixmap {
    Pixmap::decode_png(png).expect("a valid PNG")
}

/// (alpha, demultiplied r, g, b) at (x, y).
fn pixel(p: &Pixmap, x: u32, y: u32) -> (u8, u8, u8, u8) {
    let c = p.pixel(x, y).unwrap().demultiply();
    (c.alpha(), c.red(), c.green(), c.blue())
}

#[test]
fn png_has_the_size_of_mm_at_dpi() {
    for (params, size) in [
        (round_sample(), (496, 496)),
        (oval_sample(), (472, 354)),
        (
            round_sample().with_size_mm(38.0, 38.0).with_dpi(600.0),
            (898, 898),
        ),
        (
            round_sample().with_size_mm(40.0, 40.0).with_dpi(72.0),
            (113, 113),
        ),
    ] {
        let p = decode(&render_png(&params).unwrap());
        assert_eq!((p.width(), p.height()), size);
        assert_eq!(params.pixel_size(), size);
    }
}

#[test]
fn round_seal_is_red_on_transparent() {
    let params = round_sample();
    let p = decode(&render_png(&params).unwrap());
    let total = (p.width() * p.height()) as usize;
    let (mut clear, mut ink) = (0usize, 0usize);
    for y in 0..p.height() {
        for x in 0..p.width() {
            let (a, r, g, b) = pixel(&p, x, y);
            if a == 0 {
                clear += 1;
                continue;
            }
            if a == 255 {
                ink += 1;
                assert_eq!((r, g, b), (0xE6, 0x00, 0x12), "opaque pixel ({x}, {y})");
            }
            // Anti-aliased edges keep the colour (up to 8-bit premultiplied
            // rounding).
            assert!(
                a < 32 || (r.abs_diff(0xE6) <= 8 && g <= 8 && b.abs_diff(0x12) <= 8),
                "({x}, {y}) = {r},{g},{b} alpha {a}"
            );
        }
    }
    let clear_pct = clear * 100 / total;
    let ink_pct = ink * 100 / total;
    assert!((60..=92).contains(&clear_pct), "transparent {clear_pct} %");
    assert!((6..=30).contains(&ink_pct), "opaque {ink_pct} %");
    // The star fills the centre; the corners outside the ring stay clear.
    let (w, h) = (p.width(), p.height());
    assert_eq!(pixel(&p, w / 2, h / 2), (255, 0xE6, 0x00, 0x12));
    assert_eq!(pixel(&p, w / 2, h / 2 - 40), (255, 0xE6, 0x00, 0x12));
    for (x, y) in [(0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1), (20, 20)] {
        assert_eq!(pixel(&p, x, y).0, 0, "corner ({x}, {y})");
    }
    // The ring is solid at the top, bottom, left and right.
    for (x, y) in [(w / 2, 5), (w / 2, h - 6), (5, h / 2), (w - 6, h / 2)] {
        assert_eq!(pixel(&p, x, y).0, 255, "ring at ({x}, {y})");
    }
}

#[test]
fn oval_seal_has_no_star_and_a_solid_ring() {
    let p = decode(&render_png(&oval_sample()).unwrap());
    let (w, h) = (p.width(), p.height());
    for (x, y) in [(w / 2, 4), (w / 2, h - 5), (4, h / 2), (w - 5, h / 2)] {
        assert_eq!(pixel(&p, x, y).0, 255, "ring at ({x}, {y})");
    }
    for (x, y) in [(0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)] {
        assert_eq!(pixel(&p, x, y).0, 0, "corner ({x}, {y})");
    }
    let drawing = render_paths(&oval_sample()).unwrap();
    assert!(!drawing.shapes.iter().any(|s| s.role == ShapeRole::Star));
    assert_eq!(drawing.glyphs(TextLine::Organization).count(), 8);
    assert_eq!(drawing.glyphs(TextLine::Code).count(), 18);
    assert_eq!(drawing.glyphs(TextLine::Name).count(), 5);
}

#[test]
fn output_is_deterministic() {
    for params in [round_sample(), oval_sample()] {
        assert_eq!(render_png(&params).unwrap(), render_png(&params).unwrap());
        assert_eq!(
            render_paths(&params).unwrap(),
            render_paths(&params).unwrap()
        );
    }
}

/// The committed samples are what the example draws today (small
/// anti-aliasing differences are tolerated, a changed layout is not).
#[test]
fn committed_samples_match() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/output");
    for (file, params) in [
        ("seal-round.png", round_sample()),
        ("seal-oval.png", oval_sample()),
    ] {
        let committed = std::fs::read(format!("{dir}/{file}")).unwrap();
        let now = render_png(&params).unwrap();
        if committed == now {
            continue;
        }
        let (a, b) = (decode(&committed), decode(&now));
        assert_eq!((a.width(), a.height()), (b.width(), b.height()), "{file}");
        let differ = a
            .pixels()
            .iter()
            .zip(b.pixels())
            .filter(|(p, q)| p.alpha().abs_diff(q.alpha()) > 16)
            .count();
        assert!(
            differ * 1000 < a.pixels().len(),
            "{file}: {differ} pixels differ; rerun `cargo run --example seal_image -- examples/output`"
        );
    }
}

#[test]
fn every_character_is_drawn_in_order() {
    let org = "中华人民共和国某某省某某市某某区市场监督管理局某某分局综合执法大队";
    let params = SealImageParams::round(org, "行政执法专用章").with_code("3301020012345");
    let drawing = render_paths(&params).unwrap();
    for (line, text) in [
        (TextLine::Organization, org),
        (TextLine::Name, "行政执法专用章"),
        (TextLine::Code, "3301020012345"),
    ] {
        let glyphs: Vec<_> = drawing.glyphs(line).collect();
        assert_eq!(glyphs.len(), text.chars().count(), "{line:?}");
        for (i, (shape, expected)) in glyphs.iter().zip(text.chars()).enumerate() {
            assert_eq!(
                shape.role,
                ShapeRole::Glyph {
                    line,
                    index: i,
                    ch: expected
                }
            );
            assert!(shape.path.len() > 4, "{expected} has no outline");
        }
    }
}

/// The middle of a shape's bounding box, mm.
fn centre(shape: &gmseal::seal::image::SealShape) -> (f32, f32) {
    let pts: Vec<(f32, f32)> = shape
        .path
        .iter()
        .filter_map(|c| match *c {
            PathCommand::MoveTo { x, y } | PathCommand::LineTo { x, y } => Some((x, y)),
            PathCommand::QuadTo { x, y, .. } | PathCommand::CubicTo { x, y, .. } => Some((x, y)),
            _ => None,
        })
        .collect();
    let (x0, x1) = pts
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (y0, y1) = pts
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    ((x0 + x1) / 2.0, (y0 + y1) / 2.0)
}

fn centre_x(shape: &gmseal::seal::image::SealShape) -> f32 {
    centre(shape).0
}

fn centre_y(shape: &gmseal::seal::image::SealShape) -> f32 {
    centre(shape).1
}

#[test]
fn texts_read_in_the_right_direction() {
    let drawing = render_paths(&round_sample()).unwrap();
    let org: Vec<_> = drawing.glyphs(TextLine::Organization).collect();
    // Clockwise from lower left over the top to lower right.
    let (first, mid, last) = (org[0], org[org.len() / 2], org[org.len() - 1]);
    assert!(centre_x(first) < 10.0 && centre_y(first) > 21.0);
    assert!(centre_y(mid) < 10.0);
    assert!(centre_x(last) > 32.0 && centre_y(last) > 21.0);
    // Clockwise: each character is further round the circle than the last.
    let angle =
        |s: &&gmseal::seal::image::SealShape| (centre_x(s) - 21.0).atan2(21.0 - centre_y(s));
    assert!(org.windows(2).all(|w| angle(&w[0]) < angle(&w[1])));
    // Code and name: left to right, below the centre.
    for line in [TextLine::Code, TextLine::Name] {
        let glyphs: Vec<_> = drawing.glyphs(line).collect();
        assert!(glyphs.windows(2).all(|w| centre_x(w[0]) < centre_x(w[1])));
        assert!(glyphs.iter().all(|g| centre_y(g) > 21.0));
    }
    // The code is below the name.
    let name_y = centre_y(drawing.glyphs(TextLine::Name).next().unwrap());
    assert!(drawing.glyphs(TextLine::Code).all(|g| centre_y(g) > name_y));
}

fn assert_inside(drawing: &SealDrawing) {
    let (x0, y0, x1, y1) = drawing.bounds().unwrap();
    assert!(
        x0 >= 0.0 && y0 >= 0.0 && x1 <= drawing.width_mm && y1 <= drawing.height_mm,
        "bounds {:?} outside {} × {}",
        (x0, y0, x1, y1),
        drawing.width_mm,
        drawing.height_mm
    );
}

#[test]
fn paths_stay_inside_the_seal_box() {
    let long = "某".repeat(SealImageParams::MAX_ORGANIZATION_CHARS);
    let long_name = "章".repeat(SealImageParams::MAX_NAME_CHARS);
    let long_code = "9".repeat(SealImageParams::MAX_CODE_CHARS);
    let mut cases = vec![round_sample(), oval_sample()];
    for size in [14.0, 38.0, 100.0] {
        cases.push(round_sample().with_size_mm(size, size));
        cases.push(
            SealImageParams::round(&long, &long_name)
                .with_code(&long_code)
                .with_size_mm(size, size),
        );
        cases.push(SealImageParams::round("某公司", "").with_size_mm(size, size));
        cases.push(oval_sample().with_size_mm(size, size * 0.75));
        cases.push(
            SealImageParams::oval(&long, &long_name, &long_code).with_size_mm(size, size * 0.75),
        );
    }
    cases.push(oval_sample().with_size_mm(30.0, 40.0)); // taller than wide
    cases.push(round_sample().with_size_mm(10.0, 10.0)); // the smallest
    cases.push(oval_sample().with_size_mm(13.0, 10.0));
    for params in &cases {
        let drawing = render_paths(params).unwrap();
        assert_inside(&drawing);
        assert_eq!(drawing.color, params.color);
    }
}

#[test]
fn the_png_is_made_from_the_paths() {
    // A seal with only a ring and a star: the PNG's ink sits where the paths are.
    let params = SealImageParams::round("公", "").with_dpi(150.0);
    let drawing = render_paths(&params).unwrap();
    let (_, y0, _, _) = drawing.bounds().unwrap();
    let p = decode(&render_png(&params).unwrap());
    let px_per_mm = p.width() as f32 / drawing.width_mm;
    // Nothing above the topmost path point.
    let top_row = (y0 * px_per_mm).floor() as u32;
    for y in 0..top_row.saturating_sub(1) {
        assert!((0..p.width()).all(|x| pixel(&p, x, y).0 == 0), "row {y}");
    }
}

#[test]
fn colour_and_serialization() {
    let params = round_sample().with_color([0, 0, 200]);
    let p = decode(&render_png(&params).unwrap());
    assert_eq!(pixel(&p, p.width() / 2, p.height() / 2), (255, 0, 0, 200));

    let drawing = render_paths(&SealImageParams::round("某某公司", "")).unwrap();
    let json = serde_json::to_value(&drawing).unwrap();
    assert_eq!(json["width_mm"], 42.0);
    assert_eq!(json["shapes"][0]["role"]["kind"], "ring");
    assert_eq!(json["shapes"][0]["path"][0]["op"], "move_to");
    assert_eq!(json["shapes"][1]["role"]["kind"], "star");
    assert_eq!(json["shapes"][2]["role"]["kind"], "glyph");
    assert_eq!(json["shapes"][2]["role"]["line"], "organization");
    assert_eq!(json["shapes"][2]["role"]["ch"], "某");
}

fn error_of(params: &SealImageParams) -> String {
    let e = render_paths(params).unwrap_err();
    assert_eq!(e.code(), "input.invalid", "{e}");
    let png_err = render_png(params).unwrap_err();
    assert_eq!(png_err.to_string(), e.to_string());
    e.to_string()
}

#[test]
fn bad_input_is_rejected_with_a_clear_message() {
    let msg = error_of(&SealImageParams::round("某某𠀀公司", ""));
    assert!(
        msg.contains("'𠀀'") && msg.contains("U+20000") && msg.contains("organization"),
        "{msg}"
    );
    let msg = error_of(&SealImageParams::round("某某公司", "专用章").with_code("12345😀"));
    assert!(msg.contains("U+1F600") && msg.contains("code"), "{msg}");
    let msg = error_of(&SealImageParams::round("  ", ""));
    assert!(msg.contains("empty"), "{msg}");
    let msg = error_of(&SealImageParams::round("某".repeat(41), ""));
    assert!(
        msg.contains("41 characters") && msg.contains("at most 40"),
        "{msg}"
    );
    let msg = error_of(&SealImageParams::round("某某公司", "章".repeat(21)));
    assert!(msg.contains("seal name"), "{msg}");
    let msg = error_of(&SealImageParams::round("某某公司", "").with_code("1".repeat(31)));
    assert!(msg.contains("seal code"), "{msg}");
    let msg = error_of(&SealImageParams::round("某某\n公司", ""));
    assert!(msg.contains("control character U+000A"), "{msg}");
    for (w, h) in [
        (5.0, 5.0),
        (150.0, 150.0),
        (f32::NAN, f32::NAN),
        (-42.0, -42.0),
    ] {
        let msg = error_of(&round_sample().with_size_mm(w, h));
        assert!(msg.contains("outside 10-100 mm"), "{msg}");
    }
    let msg = error_of(&round_sample().with_size_mm(42.0, 40.0));
    assert!(msg.contains("equal width and height"), "{msg}");
    for dpi in [50.0, 2400.0, f32::INFINITY, f32::NAN] {
        let msg = error_of(&round_sample().with_dpi(dpi));
        assert!(msg.contains("dpi"), "{msg}");
    }
    assert_eq!(oval_sample().style, SealStyle::Oval);
}

#[test]
fn empty_code_and_name_are_allowed() {
    let d = render_paths(&SealImageParams::oval("某某公司", "", "")).unwrap();
    assert_eq!(d.glyphs(TextLine::Code).count(), 0);
    assert_eq!(d.glyphs(TextLine::Name).count(), 0);
    let d = render_paths(&SealImageParams::round("某某公司", "")).unwrap();
    assert_eq!(d.shapes.len(), 2 + 4);
}

/// Python's zlib and struct, not our PNG code, read the files: the chunk CRCs,
/// IHDR (size, 8-bit RGBA) and the image data length.
#[test]
fn python_reads_the_pngs() {
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED python_reads_the_pngs: python3 is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut args = Vec::new();
    for (file, params) in [("round.png", round_sample()), ("oval.png", oval_sample())] {
        let path = dir.path().join(file);
        std::fs::write(&path, render_png(&params).unwrap()).unwrap();
        let (w, h) = params.pixel_size();
        args.extend([path.display().to_string(), w.to_string(), h.to_string()]);
    }
    let script = r#"
import struct, sys, zlib
args = sys.argv[1:]
for i in range(0, len(args), 3):
    path, w, h = args[i], int(args[i + 1]), int(args[i + 2])
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "signature"
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        crc, = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        assert zlib.crc32(kind + body) == crc, "crc of " + kind.decode()
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
        if kind == b"IEND":
            break
    assert ihdr[:4] == (w, h, 8, 6), ihdr
    raw = zlib.decompress(idat)
    assert len(raw) == h * (1 + 4 * w), len(raw)
    print(path, "ok", w, h)
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(&args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python3 rejected the PNGs: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).matches(" ok ").count(),
        2
    );
}

#[test]
fn oval_lines_are_in_their_places() {
    let drawing = render_paths(&oval_sample()).unwrap();
    let ys = |line| drawing.glyphs(line).map(centre_y).collect::<Vec<f32>>();
    let (org, code, name) = (
        ys(TextLine::Organization),
        ys(TextLine::Code),
        ys(TextLine::Name),
    );
    // The code is one horizontal line through the middle.
    assert!(
        code.iter()
            .all(|y| (y - code[0]).abs() < 1.0 && (y - 15.0).abs() < 2.0)
    );
    // The name is below it, the organization's middle characters above it.
    assert!(name.iter().all(|y| *y > 20.0));
    assert!(org[2..6].iter().all(|y| *y < 10.0));
    let xs: Vec<f32> = drawing.glyphs(TextLine::Code).map(centre_x).collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]));
}

/// Many shapes of input (lengths, sizes, styles) from a fixed pseudo-random
/// sequence: every drawing stays inside its box and draws every character.
#[test]
fn random_inputs_stay_inside_the_box() {
    let pool: Vec<char> = "某市区县人民政府办公室有限责任公司科技股份集团中心委员会局院校医合同财务发票专用章甲乙丙丁"
        .chars()
        .collect();
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    for _ in 0..60 {
        let mut text = |max: u64, min: u64| -> String {
            let len = min + next(max - min + 1);
            (0..len)
                .map(|_| pool[next(pool.len() as u64) as usize])
                .collect()
        };
        let org = text(40, 1);
        let name = text(20, 0);
        let code: String = (0..next(31))
            .map(|i| char::from(b'0' + (i % 10) as u8))
            .collect();
        let size = 10.0 + next(91) as f32;
        let params = if next(2) == 0 {
            SealImageParams::round(org.clone(), name.clone())
                .with_code(code.clone())
                .with_size_mm(size, size)
        } else {
            let h = (size * 0.75).max(10.0);
            SealImageParams::oval(org.clone(), name.clone(), code.clone()).with_size_mm(size, h)
        };
        let drawing = render_paths(&params).unwrap();
        assert_inside(&drawing);
        assert_eq!(
            drawing.glyphs(TextLine::Organization).count(),
            org.chars().count()
        );
        assert_eq!(drawing.glyphs(TextLine::Name).count(), name.chars().count());
        assert_eq!(drawing.glyphs(TextLine::Code).count(), code.len());
    }
}

/// Regression: an organization of four characters or fewer left more than the
/// lower half of the circle open and the seal name was scaled to nothing.
#[test]
fn short_organization_names_keep_the_seal_name() {
    for org in ["某", "示例", "示例单位", "某某单位甲"] {
        let drawing = render_paths(&SealImageParams::round(org, "合同专用章")).unwrap();
        let names: Vec<_> = drawing.glyphs(TextLine::Name).collect();
        assert_eq!(names.len(), 5, "{org}");
        let xs: Vec<f32> = names.iter().map(|s| centre_x(s)).collect();
        assert!(
            xs.windows(2).all(|w| w[1] > w[0] + 2.0),
            "{org}: name glyphs not spread left to right: {xs:?}"
        );
        assert_inside(&drawing);
    }
}
