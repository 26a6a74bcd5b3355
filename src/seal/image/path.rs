//! The vector model of a seal image: shapes made of path commands, in
//! millimetres, origin at the top-left corner of the seal box, y axis down.

use serde::Serialize;

/// One path segment. Coordinates are millimetres from the top-left corner of
/// the seal box, with the y axis pointing down (as in PNG, unlike PDF user
/// space: the PDF writer flips the y axis).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
#[non_exhaustive]
pub enum PathCommand {
    /// Start a new contour at `(x, y)` (PDF `m`).
    MoveTo {
        /// X, mm.
        x: f32,
        /// Y, mm (down).
        y: f32,
    },
    /// A straight line to `(x, y)` (PDF `l`).
    LineTo {
        /// X, mm.
        x: f32,
        /// Y, mm (down).
        y: f32,
    },
    /// A quadratic Bézier curve with control point `(x1, y1)` to `(x, y)`.
    /// PDF has no quadratic operator: raise it to a cubic with control points
    /// `p0 + 2/3 (p1 - p0)` and `p + 2/3 (p1 - p)`.
    QuadTo {
        /// Control point x, mm.
        x1: f32,
        /// Control point y, mm.
        y1: f32,
        /// End point x, mm.
        x: f32,
        /// End point y, mm.
        y: f32,
    },
    /// A cubic Bézier curve with control points `(x1, y1)`, `(x2, y2)` to
    /// `(x, y)` (PDF `c`).
    CubicTo {
        /// First control point x, mm.
        x1: f32,
        /// First control point y, mm.
        y1: f32,
        /// Second control point x, mm.
        x2: f32,
        /// Second control point y, mm.
        y2: f32,
        /// End point x, mm.
        x: f32,
        /// End point y, mm.
        y: f32,
    },
    /// Close the current contour (PDF `h`).
    Close,
}

impl PathCommand {
    /// The points of the command (end point last), for bounds checks.
    pub(crate) fn points(&self) -> impl Iterator<Item = (f32, f32)> {
        let pts: [Option<(f32, f32)>; 3] = match *self {
            Self::MoveTo { x, y } | Self::LineTo { x, y } => [Some((x, y)), None, None],
            Self::QuadTo { x1, y1, x, y } => [Some((x1, y1)), Some((x, y)), None],
            Self::CubicTo {
                x1,
                y1,
                x2,
                y2,
                x,
                y,
            } => [Some((x1, y1)), Some((x2, y2)), Some((x, y))],
            Self::Close => [None, None, None],
        };
        pts.into_iter().flatten()
    }
}

/// What a shape of the drawing is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ShapeRole {
    /// The outer ring (border) of the seal.
    Ring,
    /// The five-pointed star in the centre of a round seal.
    Star,
    /// One character of a text line.
    Glyph {
        /// Which text line.
        line: TextLine,
        /// Index of the character in that line (in characters, from 0).
        index: usize,
        /// The character.
        ch: char,
    },
}

/// The text lines of a seal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TextLine {
    /// The organization name (along the upper arc).
    Organization,
    /// The seal name, such as 合同专用章 (horizontal, below the centre).
    Name,
    /// The seal code (along the lower arc of a round seal, horizontal in the
    /// middle of an oval seal).
    Code,
}

/// One shape. Every shape is filled with the drawing's colour using the
/// **non-zero winding** rule; contours of a shape with holes (the ring,
/// glyphs such as 口) wind in opposite directions. A shape with a positive
/// [`stroke_width_mm`](Self::stroke_width_mm) is also stroked along the same
/// path with round joins and caps (PDF: `1 j 1 J <w> w` then `B`), which
/// thickens the strokes of the Song characters to the weight of engraved
/// ones.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SealShape {
    /// What the shape is.
    pub role: ShapeRole,
    /// The outline. Empty for a character without ink (a space).
    pub path: Vec<PathCommand>,
    /// Width of the stroke painted over the fill, mm; `0.0` to fill only.
    pub stroke_width_mm: f32,
}

/// A seal image as vector paths: what [`render_paths`](super::render_paths)
/// returns and [`render_png`](super::render_png) rasterizes.
///
/// Coordinates are millimetres, origin at the top-left corner of the
/// `width_mm` × `height_mm` box, y axis down. Every point lies inside the box.
/// The background is transparent: only the shapes are painted.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SealDrawing {
    /// Width of the seal box, mm.
    pub width_mm: f32,
    /// Height of the seal box, mm.
    pub height_mm: f32,
    /// The ink colour, sRGB.
    pub color: [u8; 3],
    /// The shapes, in painting order, each filled (non-zero winding) with
    /// `color`.
    pub shapes: Vec<SealShape>,
}

impl SealDrawing {
    /// The shapes that are characters of `line`, in reading order.
    ///
    /// ```
    /// use gmseal::seal::image::{SealImageParams, TextLine, render_paths};
    ///
    /// let drawing = render_paths(&SealImageParams::round("某某有限公司", "合同专用章"))?;
    /// assert_eq!(drawing.glyphs(TextLine::Organization).count(), 6);
    /// assert_eq!(drawing.glyphs(TextLine::Name).count(), 5);
    /// # Ok::<(), gmseal::Error>(())
    /// ```
    pub fn glyphs(&self, line: TextLine) -> impl Iterator<Item = &SealShape> {
        self.shapes
            .iter()
            .filter(move |s| matches!(s.role, ShapeRole::Glyph { line: l, .. } if l == line))
    }

    /// A box `(min_x, min_y, max_x, max_y)`, in mm, holding all the ink:
    /// every point of every path (control points included), widened by half
    /// the shape's stroke width. `None` when there is no point at all.
    pub fn bounds(&self) -> Option<(f32, f32, f32, f32)> {
        let mut boxes = self.shapes.iter().flat_map(|s| {
            let half = s.stroke_width_mm / 2.0;
            s.path
                .iter()
                .flat_map(PathCommand::points)
                .map(move |(x, y)| (x - half, y - half, x + half, y + half))
        });
        let first = boxes.next()?;
        Some(boxes.fold(first, |(a, b, c, d), (x0, y0, x1, y1)| {
            (a.min(x0), b.min(y0), c.max(x1), d.max(y1))
        }))
    }
}

/// A 2-D affine transform `(x, y) -> (a x + c y + e, b x + d y + f)`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Affine {
    a: f64,
    b: f64,
    c: f64,
    d: f64,
    e: f64,
    f: f64,
}

impl Affine {
    /// Scale by `(sx, sy)`, then rotate by `angle` radians (clockwise on
    /// screen, since y points down), then translate to `(tx, ty)`.
    pub(crate) fn scale_rotate_translate(sx: f64, sy: f64, angle: f64, tx: f64, ty: f64) -> Self {
        let (sin, cos) = angle.sin_cos();
        Self {
            a: cos * sx,
            b: sin * sx,
            c: -sin * sy,
            d: cos * sy,
            e: tx,
            f: ty,
        }
    }

    /// The identity.
    pub(crate) fn identity() -> Self {
        Self::scale_rotate_translate(1.0, 1.0, 0.0, 0.0, 0.0)
    }

    /// The same transform applied to `(x - ox, y - oy)`: the point
    /// `(ox, oy)` lands where the origin did.
    pub(crate) fn with_origin(self, ox: f64, oy: f64) -> Self {
        Self {
            e: self.e - self.a * ox - self.c * oy,
            f: self.f - self.b * ox - self.d * oy,
            ..self
        }
    }

    pub(crate) fn apply(&self, x: f64, y: f64) -> (f32, f32) {
        (
            to_f32(self.a * x + self.c * y + self.e),
            to_f32(self.b * x + self.d * y + self.f),
        )
    }
}

/// Millimetre values are small (at most a few hundred), so the narrowing is
/// only a loss of precision below a nanometre.
#[allow(clippy::cast_possible_truncation)]
pub(crate) fn to_f32(v: f64) -> f32 {
    v as f32
}

/// Collects path commands, applying a transform to every point.
pub(crate) struct PathSink {
    transform: Affine,
    pub(crate) path: Vec<PathCommand>,
}

impl PathSink {
    pub(crate) fn new(transform: Affine) -> Self {
        Self {
            transform,
            path: Vec::new(),
        }
    }

    pub(crate) fn move_to(&mut self, x: f64, y: f64) {
        let (x, y) = self.transform.apply(x, y);
        self.path.push(PathCommand::MoveTo { x, y });
    }

    pub(crate) fn line_to(&mut self, x: f64, y: f64) {
        let (x, y) = self.transform.apply(x, y);
        self.path.push(PathCommand::LineTo { x, y });
    }

    pub(crate) fn quad_to(&mut self, x1: f64, y1: f64, x: f64, y: f64) {
        let (x1, y1) = self.transform.apply(x1, y1);
        let (x, y) = self.transform.apply(x, y);
        self.path.push(PathCommand::QuadTo { x1, y1, x, y });
    }

    pub(crate) fn cubic_to(&mut self, p1: (f64, f64), p2: (f64, f64), p: (f64, f64)) {
        let (x1, y1) = self.transform.apply(p1.0, p1.1);
        let (x2, y2) = self.transform.apply(p2.0, p2.1);
        let (x, y) = self.transform.apply(p.0, p.1);
        self.path.push(PathCommand::CubicTo {
            x1,
            y1,
            x2,
            y2,
            x,
            y,
        });
    }

    pub(crate) fn close(&mut self) {
        self.path.push(PathCommand::Close);
    }

    /// An ellipse centred at `(cx, cy)` with semi-axes `rx`, `ry`, as four
    /// cubic Béziers (radial error below 0.03 %), clockwise on screen when
    /// `clockwise`, counter-clockwise otherwise.
    pub(crate) fn ellipse(&mut self, cx: f64, cy: f64, rx: f64, ry: f64, clockwise: bool) {
        // The classic kappa = 4/3 (sqrt(2) - 1) for a quarter circle.
        const KAPPA: f64 = 0.552_284_749_830_793_4;
        let (kx, ky) = (rx * KAPPA, ry * KAPPA);
        // Start at the top; y grows downwards, so "right, then down" is clockwise.
        let s = if clockwise { 1.0 } else { -1.0 };
        self.move_to(cx, cy - ry);
        self.cubic_to(
            (cx + s * kx, cy - ry),
            (cx + s * rx, cy - ky),
            (cx + s * rx, cy),
        );
        self.cubic_to(
            (cx + s * rx, cy + ky),
            (cx + s * kx, cy + ry),
            (cx, cy + ry),
        );
        self.cubic_to(
            (cx - s * kx, cy + ry),
            (cx - s * rx, cy + ky),
            (cx - s * rx, cy),
        );
        self.cubic_to(
            (cx - s * rx, cy - ky),
            (cx - s * kx, cy - ry),
            (cx, cy - ry),
        );
        self.close();
    }
}

impl ttf_parser::OutlineBuilder for PathSink {
    fn move_to(&mut self, x: f32, y: f32) {
        PathSink::move_to(self, f64::from(x), f64::from(y));
    }

    fn line_to(&mut self, x: f32, y: f32) {
        PathSink::line_to(self, f64::from(x), f64::from(y));
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        PathSink::quad_to(
            self,
            f64::from(x1),
            f64::from(y1),
            f64::from(x),
            f64::from(y),
        );
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        PathSink::cubic_to(
            self,
            (f64::from(x1), f64::from(y1)),
            (f64::from(x2), f64::from(y2)),
            (f64::from(x), f64::from(y)),
        );
    }

    fn close(&mut self) {
        PathSink::close(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipse_bounds_and_winding() {
        let mut sink = PathSink::new(Affine::scale_rotate_translate(1.0, 1.0, 0.0, 0.0, 0.0));
        sink.ellipse(10.0, 5.0, 4.0, 2.0, true);
        let drawing = SealDrawing {
            width_mm: 20.0,
            height_mm: 10.0,
            color: [0, 0, 0],
            shapes: vec![SealShape {
                role: ShapeRole::Ring,
                path: sink.path.clone(),
                stroke_width_mm: 0.0,
            }],
        };
        assert_eq!(drawing.bounds(), Some((6.0, 3.0, 14.0, 7.0)));
        // Clockwise on screen: the second point is to the right of the first.
        let xs: Vec<f32> = sink
            .path
            .iter()
            .flat_map(|c| c.points())
            .map(|p| p.0)
            .collect();
        assert!(xs[1] > xs[0]);
    }

    #[test]
    fn affine_rotates_clockwise_on_screen() {
        let t = Affine::scale_rotate_translate(2.0, 1.0, std::f64::consts::FRAC_PI_2, 1.0, 1.0);
        // (1, 0) scaled to (2, 0), turned a quarter clockwise on screen (y down) to (0, 2).
        let (x, y) = t.apply(1.0, 0.0);
        assert!((x - 1.0).abs() < 1e-6 && (y - 3.0).abs() < 1e-6);
    }
}
