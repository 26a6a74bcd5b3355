//! Where each part of a seal goes: the ring, the star and every character,
//! as filled paths in millimetres (origin top-left, y down).
//!
//! All sizes are fractions of the seal size, so a 38 mm seal is a 42 mm seal
//! scaled down. The fractions were chosen to match GA 241-2000 style seals
//! (see the module documentation of [`super`]).

use std::f64::consts::{FRAC_PI_2, PI};

use ttf_parser::Face;

use super::SealStyle;
use super::path::{Affine, PathSink, SealShape, ShapeRole, TextLine, to_f32};
use crate::{Error, Result};

/// The text of a seal, already validated.
pub(super) struct SealText<'a> {
    pub(super) organization: &'a str,
    pub(super) name: &'a str,
    pub(super) code: &'a str,
}

/// Lays out a seal of `width` × `height` mm; returns the shapes in painting order.
pub(super) fn layout(
    face: &Face<'_>,
    style: SealStyle,
    width: f64,
    height: f64,
    text: &SealText<'_>,
) -> Result<Vec<SealShape>> {
    let mut out = Vec::new();
    match style {
        SealStyle::Round => round(face, width, text, &mut out)?,
        SealStyle::Oval => oval(face, width, height, text, &mut out)?,
    }
    Ok(out)
}

/// The vertical extent, in font units, that a text line's height maps to.
#[derive(Clone, Copy)]
enum VBox {
    /// The ideographic em box: from the ideographic baseline (the typo
    /// descender, -120 in Noto CJK) one em up. Hanzi fill it.
    Ideographic,
    /// From the baseline to the capital height: digits and capitals fill it.
    Capital,
}

/// Font metrics used for placement, in font units.
struct Metrics {
    upm: f64,
    ideo_bottom: f64,
    cap_height: f64,
}

impl Metrics {
    fn of(face: &Face<'_>) -> Self {
        let upm = f64::from(face.units_per_em());
        Self {
            upm,
            ideo_bottom: f64::from(face.typographic_descender().unwrap_or(-120)),
            cap_height: face
                .capital_height()
                .map(f64::from)
                .filter(|&c| c > 0.0)
                .unwrap_or(0.73 * upm),
        }
    }

    /// `(bottom, top)` of `vbox`, font units.
    fn range(&self, vbox: VBox) -> (f64, f64) {
        match vbox {
            VBox::Ideographic => (self.ideo_bottom, self.ideo_bottom + self.upm),
            VBox::Capital => (0.0, self.cap_height),
        }
    }
}

/// The box for a text line: capitals-and-digits for pure ASCII, the
/// ideographic em box otherwise.
fn vbox_for(text: &str) -> VBox {
    if text.is_ascii() {
        VBox::Capital
    } else {
        VBox::Ideographic
    }
}

fn advance(face: &Face<'_>, ch: char) -> Result<f64> {
    let id = glyph_id(face, ch)?;
    Ok(f64::from(face.glyph_hor_advance(id).unwrap_or(0)))
}

fn glyph_id(face: &Face<'_>, ch: char) -> Result<ttf_parser::GlyphId> {
    face.glyph_index(ch).ok_or_else(|| {
        Error::InvalidInput(format!(
            "character {ch:?} (U+{:04X}) is not in the bundled font",
            u32::from(ch)
        ))
    })
}

/// One character to draw.
struct Placement {
    /// Centre of the character's box (advance × vbox), mm.
    centre: (f64, f64),
    /// Horizontal scale, mm per font unit.
    sx: f64,
    /// Vertical scale, mm per font unit.
    sy: f64,
    /// Rotation, radians, clockwise on screen; 0 is upright.
    angle: f64,
    /// Stroke width to embolden the character, mm.
    stroke: f64,
}

fn glyph(
    face: &Face<'_>,
    metrics: &Metrics,
    vbox: VBox,
    line: TextLine,
    index: usize,
    ch: char,
    p: &Placement,
) -> Result<SealShape> {
    let id = glyph_id(face, ch)?;
    let adv = f64::from(face.glyph_hor_advance(id).unwrap_or(0));
    let (bottom, top) = metrics.range(vbox);
    // Font units have y up: flip while scaling.
    let transform = Affine::scale_rotate_translate(p.sx, -p.sy, p.angle, p.centre.0, p.centre.1)
        .with_origin(adv / 2.0, (bottom + top) / 2.0);
    let mut sink = PathSink::new(transform);
    // `None` is a glyph without outline (a space): an empty path.
    let _ = face.outline_glyph(id, &mut sink);
    Ok(SealShape {
        role: ShapeRole::Glyph { line, index, ch },
        path: sink.path,
        stroke_width_mm: to_f32(p.stroke),
    })
}

/// The ring: an outer contour clockwise and an inner one counter-clockwise,
/// so the non-zero rule leaves the inside empty.
fn ring(cx: f64, cy: f64, rx: f64, ry: f64, width: f64) -> SealShape {
    let mut sink = PathSink::new(Affine::identity());
    sink.ellipse(cx, cy, rx, ry, true);
    sink.ellipse(cx, cy, rx - width, ry - width, false);
    SealShape {
        role: ShapeRole::Ring,
        path: sink.path,
        stroke_width_mm: 0.0,
    }
}

/// A regular five-pointed star centred at `(cx, cy)`, one point straight up,
/// with circumradius `r`.
fn star(cx: f64, cy: f64, r: f64) -> SealShape {
    // Inner radius of a regular pentagram: r · sin 18° / sin 54°.
    let inner = r * (PI / 10.0).sin() / (3.0 * PI / 10.0).sin();
    let mut sink = PathSink::new(Affine::identity());
    for k in 0..10u32 {
        let rk = if k % 2 == 0 { r } else { inner };
        // From straight up, clockwise in steps of 36°.
        let a = f64::from(k) * PI / 5.0;
        let (x, y) = (cx + rk * a.sin(), cy - rk * a.cos());
        if k == 0 {
            sink.move_to(x, y);
        } else {
            sink.line_to(x, y);
        }
    }
    sink.close();
    SealShape {
        role: ShapeRole::Star,
        path: sink.path,
        stroke_width_mm: 0.0,
    }
}

/// How heavy characters are drawn: the stroke added around each outline, as
/// a fraction of the em size. Song outlines at seal size look thin next to
/// engraved characters; this brings them to a similar weight.
const EMBOLDEN: f64 = 0.03;

/// How a horizontal line of text is set.
struct LineStyle {
    /// Height of the vbox, mm.
    height: f64,
    /// Width of each character relative to its natural width at `height`.
    aspect: f64,
    /// Space between characters, as a fraction of `height`.
    tracking: f64,
    /// The line is narrowed (characters and spaces) to fit this width, mm;
    /// below 60 % of their natural width characters shrink instead.
    max_width: f64,
}

/// A horizontal line of text centred at `(cx, cy)`.
fn horizontal(
    face: &Face<'_>,
    metrics: &Metrics,
    line: TextLine,
    text: &str,
    (cx, cy): (f64, f64),
    style: &LineStyle,
    out: &mut Vec<SealShape>,
) -> Result<()> {
    let vbox = vbox_for(text);
    let (bottom, top) = metrics.range(vbox);
    let mut sy = style.height / (top - bottom);
    let mut sx = sy * style.aspect;
    let mut gap = style.tracking * style.height;
    let advances = text
        .chars()
        .map(|c| advance(face, c))
        .collect::<Result<Vec<f64>>>()?;
    let total_units: f64 = advances.iter().sum();
    let gaps = advances.len().saturating_sub(1) as f64;
    let mut width = total_units * sx + gaps * gap;
    if width > style.max_width && width > 0.0 {
        let k = style.max_width / width;
        sx *= k;
        gap *= k;
        width = style.max_width;
        // Narrower than 60 % of the natural width: scale the height too.
        let natural = sy * style.aspect;
        if sx < 0.6 * natural {
            sy *= sx / (0.6 * natural);
        }
    }
    let stroke = EMBOLDEN * sy * metrics.upm;
    let mut x = cx - width / 2.0;
    for (i, (ch, adv)) in text.chars().zip(advances).enumerate() {
        let w = adv * sx;
        let p = Placement {
            centre: (x + w / 2.0, cy),
            sx,
            sy,
            angle: 0.0,
            stroke,
        };
        out.push(glyph(face, metrics, vbox, line, i, ch, &p)?);
        x += w + gap;
    }
    Ok(())
}

/// Arc span, in degrees, of an organization name of `n` characters along the
/// upper arc of a round seal: 35° a character up to 6 characters, then
/// widening from 210° to 270° (18 characters and more).
fn organization_span_degrees(n: usize) -> f64 {
    let n = n as f64;
    if n <= 6.0 {
        35.0 * n
    } else {
        (180.0 + 5.0 * n).min(270.0)
    }
}

/// Character height and width for a `slot` mm wide: at most `aspect` × as
/// wide as tall and 85 % of the slot; when that would be narrower than half
/// the height, the character shrinks instead.
fn fit_in_slot(height: f64, aspect: f64, slot: f64) -> (f64, f64) {
    let w = (aspect * height).min(0.85 * slot);
    if w < 0.5 * height {
        (2.0 * w, w)
    } else {
        (height, w)
    }
}

/// A round official seal of diameter `d` mm.
fn round(face: &Face<'_>, d: f64, text: &SealText<'_>, out: &mut Vec<SealShape>) -> Result<()> {
    let m = Metrics::of(face);
    let r = d / 2.0;
    let (cx, cy) = (r, r);
    // Ring: 1.1 mm wide on a 42 mm seal, a hair inside the box so
    // anti-aliasing is not clipped.
    let margin = 0.005 * d;
    let ring_w = 0.026 * d;
    let r_out = r - margin;
    out.push(ring(cx, cy, r_out, r_out, ring_w));

    // Star: circumscribed circle a third of the diameter (14 mm at 42 mm).
    let star_r = d / 6.0;
    out.push(star(cx, cy, star_r));

    let r_in = r_out - ring_w;
    let gap = 0.018 * d;
    let text_top = r_in - gap;

    // Organization: along the upper arc, clockwise, tops of the characters
    // towards the ring.
    let org: Vec<char> = text.organization.chars().collect();
    let n = org.len();
    let span = organization_span_degrees(n).to_radians();
    let step = span / n as f64;
    let vbox = vbox_for(text.organization);
    let (bottom, top) = m.range(vbox);
    let h0 = 0.175 * d;
    // The slot is measured at the inner edge, where characters are closest.
    let (org_h, w) = fit_in_slot(h0, 0.78, (text_top - h0) * step);
    let rc = text_top - org_h / 2.0;
    let sy = org_h / (top - bottom);
    for (i, &ch) in org.iter().enumerate() {
        let phi = -span / 2.0 + (i as f64 + 0.5) * step;
        let adv = advance(face, ch)?;
        let p = Placement {
            centre: (cx + rc * phi.sin(), cy - rc * phi.cos()),
            // Narrow characters (Latin) keep their own width.
            sx: w / adv.max(m.upm),
            sy,
            angle: phi,
            stroke: EMBOLDEN * sy * m.upm,
        };
        out.push(glyph(face, &m, vbox, TextLine::Organization, i, ch, &p)?);
    }

    // Code: along the lower arc, left to right, bottoms of the characters
    // towards the ring, inside the opening the organization leaves.
    let code: Vec<char> = text.code.chars().collect();
    let mut code_inner = text_top;
    if !code.is_empty() {
        let vbox = vbox_for(text.code);
        let (bottom, top) = m.range(vbox);
        let h = 0.055 * d;
        let rc = text_top - h / 2.0;
        code_inner = text_top - h;
        let sy = h / (top - bottom);
        let mut sx = sy * 0.75;
        let widest = code
            .iter()
            .map(|&c| advance(face, c))
            .collect::<Result<Vec<f64>>>()?
            .into_iter()
            .fold(0.0_f64, f64::max);
        let mut slot = widest * sx * 1.15;
        // Keep one organization slot clear at each end.
        let open = 2.0 * PI - span - 2.0 * step;
        let wanted = code.len() as f64 * slot / rc;
        if wanted > open && open > 0.0 {
            sx *= open / wanted;
            slot *= open / wanted;
        }
        let step = slot / rc;
        let total = step * code.len() as f64;
        for (i, &ch) in code.iter().enumerate() {
            let psi = -total / 2.0 + (i as f64 + 0.5) * step;
            let p = Placement {
                centre: (cx + rc * psi.sin(), cy + rc * psi.cos()),
                sx,
                sy,
                angle: -psi,
                stroke: EMBOLDEN * sy * m.upm * 0.8,
            };
            out.push(glyph(face, &m, vbox, TextLine::Code, i, ch, &p)?);
        }
    }

    // Seal name: horizontal, below the star, above the code.
    if !text.name.is_empty() {
        let star_bottom = star_r * (PI / 5.0).cos();
        let top = star_bottom + 0.035 * d;
        let bottom_limit = code_inner - 0.03 * d;
        let name_h = (0.115 * d).min(bottom_limit - top).max(0.05 * d);
        // The name's top corners must stay in the opening the organization
        // leaves at the bottom (half a character slot away from its ends).
        // Or, failing that, inside the circle the organization's characters
        // leave free.
        let open_half = PI - span / 2.0 - step / 2.0;
        // A short organization name leaves more than the lower half of the
        // circle open: then the opening does not limit the width at all.
        let in_opening = if open_half >= FRAC_PI_2 {
            f64::INFINITY
        } else {
            top * open_half.max(0.0).tan()
        };
        let free = text_top - org_h - 0.02 * d;
        let inside = (free * free - (top + name_h).powi(2)).max(0.0).sqrt();
        let max_width = (2.0 * in_opening.max(inside)).clamp(0.2 * d, 0.6 * d);
        horizontal(
            face,
            &m,
            TextLine::Name,
            text.name,
            (cx, cy + top + name_h / 2.0),
            &LineStyle {
                height: name_h,
                aspect: 0.9,
                tracking: 0.08,
                max_width,
            },
            out,
        )?;
    }
    Ok(())
}

/// An oval seal of `w` × `h` mm (for example the 40 × 30 mm invoice seal).
fn oval(
    face: &Face<'_>,
    w: f64,
    h: f64,
    text: &SealText<'_>,
    out: &mut Vec<SealShape>,
) -> Result<()> {
    let m = Metrics::of(face);
    let (cx, cy) = (w / 2.0, h / 2.0);
    let small = w.min(h);
    let margin = 0.005 * small;
    let ring_w = 0.033 * small;
    let (ax, by) = (w / 2.0 - margin, h / 2.0 - margin);
    out.push(ring(cx, cy, ax, by, ring_w));

    let gap = 0.025 * small;
    let (top_a, top_b) = (ax - ring_w - gap, by - ring_w - gap);

    // Organization: along the upper part of the ellipse, as tight as
    // engraved (a fifth of the height between characters) but reaching at
    // least 65° and at most 100° from the top on each side. Characters are
    // spaced equally along the ellipse through their bottoms, so they do not
    // crowd where the ellipse bends most.
    let org: Vec<char> = text.organization.chars().collect();
    let n = org.len() as f64;
    let vbox = vbox_for(text.organization);
    let (bottom, top) = m.range(vbox);
    let h0 = 0.15 * small;
    let (min_t0, max_t0) = (65_f64.to_radians(), 100_f64.to_radians());
    let inner = |depth: f64, t_start: f64, t_end: f64| {
        EllipseArc::new(top_a - depth, top_b - depth, t_start, t_end)
    };
    let half = inner(h0, 0.0, max_t0);
    let pitch = (0.75 + 0.2) * h0;
    let t0 = if n * pitch / 2.0 >= half.length {
        max_t0
    } else {
        half.param_at(n * pitch / 2.0).max(min_t0)
    };
    let (ch_h, ch_w) = fit_in_slot(h0, 0.75, inner(h0, -t0, t0).length / n);
    let bottoms = inner(ch_h, -t0, t0);
    let slot = bottoms.length / n;
    let (ca, cb) = (top_a - ch_h / 2.0, top_b - ch_h / 2.0);
    let sy = ch_h / (top - bottom);
    let first_org = out.len();
    for (i, &ch) in org.iter().enumerate() {
        let t = bottoms.param_at((i as f64 + 0.5) * slot);
        let adv = advance(face, ch)?;
        let p = Placement {
            centre: (cx + ca * t.sin(), cy - cb * t.cos()),
            sx: ch_w / adv.max(m.upm),
            sy,
            // Upright along the outward normal (b sin t, -a cos t).
            angle: (cb * t.sin()).atan2(ca * t.cos()),
            stroke: EMBOLDEN * sy * m.upm,
        };
        out.push(glyph(face, &m, vbox, TextLine::Organization, i, ch, &p)?);
    }

    // Code: horizontal through the centre in narrow characters, clear of
    // the organization's characters beside it.
    if !text.code.is_empty() {
        let code_h = 0.12 * small;
        let code_cy = cy + 0.02 * small;
        let (y0, y1) = (code_cy - code_h, code_cy + code_h);
        let half_width = out[first_org..]
            .iter()
            .filter_map(ink_box)
            .filter(|b| b.1 < y1 && b.3 > y0)
            .map(|b| (cx - b.2).max(b.0 - cx))
            .fold(top_a, f64::min);
        horizontal(
            face,
            &m,
            TextLine::Code,
            text.code,
            (cx, code_cy),
            &LineStyle {
                height: code_h,
                aspect: 0.5,
                tracking: 0.05,
                max_width: (2.0 * (half_width - gap)).max(0.3 * small),
            },
            out,
        )?;
    }

    // Seal name: horizontal near the bottom.
    if !text.name.is_empty() {
        let name_h = 0.15 * small;
        let centre_y = cy + by - ring_w - 0.08 * small - name_h / 2.0;
        horizontal(
            face,
            &m,
            TextLine::Name,
            text.name,
            (cx, centre_y),
            &LineStyle {
                height: name_h,
                aspect: 0.75,
                tracking: 0.1,
                max_width: ax,
            },
            out,
        )?;
    }
    Ok(())
}

/// The box `(min_x, min_y, max_x, max_y)` of a shape's points, mm.
fn ink_box(shape: &SealShape) -> Option<(f64, f64, f64, f64)> {
    let mut pts = shape
        .path
        .iter()
        .flat_map(|c| c.points())
        .map(|(x, y)| (f64::from(x), f64::from(y)));
    let (x, y) = pts.next()?;
    Some(pts.fold((x, y, x, y), |(a, b, c, d), (x, y)| {
        (a.min(x), b.min(y), c.max(x), d.max(y))
    }))
}

/// The arc `t ∈ [t_start, t_end]` of the ellipse `(a sin t, -b cos t)`
/// (t = 0 at the top, growing clockwise on screen), with an arc-length table
/// to place characters at equal distances.
struct EllipseArc {
    t_start: f64,
    dt: f64,
    /// Cumulative arc length at `STEPS + 1` equally spaced parameters.
    table: Vec<f64>,
    length: f64,
}

impl EllipseArc {
    const STEPS: usize = 2048;

    fn new(a: f64, b: f64, t_start: f64, t_end: f64) -> Self {
        let dt = (t_end - t_start) / Self::STEPS as f64;
        let speed = |t: f64| (a * t.cos()).hypot(b * t.sin());
        let mut table = Vec::with_capacity(Self::STEPS + 1);
        let mut s = 0.0;
        table.push(0.0);
        for k in 0..Self::STEPS {
            let t = t_start + k as f64 * dt;
            // Trapezoid rule: smooth integrand, 2048 steps are plenty.
            s += 0.5 * (speed(t) + speed(t + dt)) * dt;
            table.push(s);
        }
        Self {
            t_start,
            dt,
            table,
            length: s,
        }
    }

    /// The parameter at arc length `s` from `t_start`.
    fn param_at(&self, s: f64) -> f64 {
        let k = self.table.partition_point(|&v| v < s).clamp(1, Self::STEPS);
        let (s0, s1) = (self.table[k - 1], self.table[k]);
        let frac = if s1 > s0 { (s - s0) / (s1 - s0) } else { 0.0 };
        self.t_start + ((k - 1) as f64 + frac) * self.dt
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circle_arc_length_and_midpoint() {
        let arc = EllipseArc::new(10.0, 10.0, -PI / 2.0, PI / 2.0);
        assert!((arc.length - 10.0 * PI).abs() < 1e-6);
        assert!(arc.param_at(arc.length / 2.0).abs() < 1e-9);
        let quarter = arc.param_at(arc.length / 4.0);
        assert!((quarter + PI / 4.0).abs() < 1e-6);
    }

    #[test]
    fn spans_grow_with_length() {
        assert_eq!(organization_span_degrees(6), 210.0);
        assert_eq!(organization_span_degrees(10), 230.0);
        assert_eq!(organization_span_degrees(40), 270.0);
        assert!(organization_span_degrees(3) < 210.0);
    }
}
