//! Rasterizes a [`SealDrawing`] with tiny-skia (anti-aliased) and encodes it
//! as PNG: the bitmap is always made from the vector paths.

use tiny_skia::{
    ColorU8, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, Transform,
};

use super::path::{PathCommand, SealDrawing};
use crate::{Error, Result};

/// Millimetres per inch.
const MM_PER_INCH: f32 = 25.4;

/// The pixel size of `mm` at `dpi`, rounded to the nearest pixel (at least 1).
pub(super) fn pixels(mm: f32, dpi: f32) -> u32 {
    let px = (mm / MM_PER_INCH * dpi).round();
    // The caller bounds mm and dpi, so px is small and positive.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let px = px.max(1.0) as u32;
    px
}

/// Paints `drawing` at `dpi` on a transparent canvas and returns PNG bytes
/// (8-bit RGBA, non-premultiplied).
pub(super) fn to_png(drawing: &SealDrawing, dpi: f32) -> Result<Vec<u8>> {
    let (w, h) = (
        pixels(drawing.width_mm, dpi),
        pixels(drawing.height_mm, dpi),
    );
    let mut pixmap = Pixmap::new(w, h)
        .ok_or_else(|| Error::InvalidInput(format!("cannot allocate a {w}×{h} pixel image")))?;
    // Exact mm → px scale per axis, so the seal box fills the rounded canvas.
    #[allow(clippy::cast_precision_loss)]
    let transform =
        Transform::from_scale(w as f32 / drawing.width_mm, h as f32 / drawing.height_mm);
    let [r, g, b] = drawing.color;
    let mut paint = Paint::default();
    paint.set_color_rgba8(r, g, b, 255);
    paint.anti_alias = true;
    for shape in &drawing.shapes {
        let Some(path) = build(&shape.path) else {
            continue; // no ink (a space)
        };
        pixmap.fill_path(&path, &paint, FillRule::Winding, transform, None);
        if shape.stroke_width_mm > 0.0 {
            let stroke = Stroke {
                width: shape.stroke_width_mm,
                line_cap: LineCap::Round,
                line_join: LineJoin::Round,
                ..Stroke::default()
            };
            pixmap.stroke_path(&path, &paint, &stroke, transform, None);
        }
    }
    // Where shapes overlap (a glyph's stroke over its fill), blending in
    // 8 bits can nudge a channel; set every pixel to exactly the ink colour
    // at its coverage.
    for px in pixmap.pixels_mut() {
        *px = ColorU8::from_rgba(r, g, b, px.alpha()).premultiply();
    }
    pixmap
        .encode_png()
        .map_err(|e| Error::InvalidInput(format!("cannot encode the seal image as png: {e}")))
}

fn build(commands: &[PathCommand]) -> Option<tiny_skia::Path> {
    let mut pb = PathBuilder::new();
    for c in commands {
        match *c {
            PathCommand::MoveTo { x, y } => pb.move_to(x, y),
            PathCommand::LineTo { x, y } => pb.line_to(x, y),
            PathCommand::QuadTo { x1, y1, x, y } => pb.quad_to(x1, y1, x, y),
            PathCommand::CubicTo {
                x1,
                y1,
                x2,
                y2,
                x,
                y,
            } => pb.cubic_to(x1, y1, x2, y2, x, y),
            PathCommand::Close => pb.close(),
        }
    }
    pb.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixel_sizes() {
        assert_eq!(pixels(42.0, 300.0), 496);
        assert_eq!(pixels(40.0, 300.0), 472);
        assert_eq!(pixels(30.0, 300.0), 354);
        assert_eq!(pixels(25.4, 72.0), 72);
    }
}
