//! Seal images (印章图像): the red official seal drawn as vector paths and
//! as PNG.
//!
//! Two shapes are drawn:
//!
//! - [`SealStyle::Round`], the round official seal (公章) and the round
//!   special-purpose seals (合同专用章, 财务专用章, ...);
//! - [`SealStyle::Oval`], the oval seal used as invoice or finance seal
//!   (发票专用章 style, typically 40 × 30 mm).
//!
//! [`render_paths`] lays the seal out as filled paths in millimetres
//! ([`SealDrawing`]), which the PDF layer can write as a content stream;
//! [`render_png`] rasterizes exactly those paths with tiny-skia at the
//! requested resolution. There is one source of truth: the PNG is never drawn
//! any other way.
//!
//! # What the drawing follows
//!
//! The layout follows the conventions of GA 241-2000 (the public-security
//! standard for seals of state organs, enterprises and institutions) and of
//! the invoice-seal rules, as they appear on real seals; the exact fractions
//! are ours:
//!
//! | | round seal (e.g. 42 mm) | oval seal (e.g. 40 × 30 mm) |
//! |---|---|---|
//! | border | one ring, 2.6 % of the diameter wide (1.1 mm at 42 mm) | one elliptical ring, 3.3 % of the short axis (1 mm at 30 mm) |
//! | centre | a solid five-pointed star pointing up, circumscribed circle ⅓ of the diameter | the code, horizontal, in narrow Latin digits and capitals |
//! | upper arc | the organization name, read clockwise from lower left to lower right, each character upright with its top towards the ring, spread evenly over 210°–270° (more characters, wider arc) | the same along the upper ellipse, spaced evenly by arc length |
//! | below the centre | the seal name (e.g. 合同专用章), horizontal | the seal name (e.g. 发票专用章), horizontal near the bottom |
//! | lower arc | an optional code (e.g. a 13-digit seal code), small, read left to right, bottoms of the characters towards the ring | — |
//!
//! Characters come from the bundled Song (serif) typeface Noto Serif CJK SC,
//! as GA 241 asks for 宋体; arc characters are narrowed (about ¾ as wide as
//! tall, narrower when there are many), as engravers do. The colour defaults to
//! seal red `#E60012` on a transparent background.
//!
//! # Coordinates
//!
//! [`SealDrawing`] uses millimetres with the origin at the **top-left** corner
//! of the seal box and the **y axis pointing down**. Every shape is filled
//! with the non-zero winding rule; characters are also stroked with a thin
//! round-joined outline ([`SealShape::stroke_width_mm`]) that gives the Song
//! strokes the weight of engraved ones.
//!
//! # Example
//!
//! ```
//! use gmseal::seal::image::{SealImageParams, render_png};
//!
//! let params = SealImageParams::round("某某市人民政府办公室", "合同专用章").with_code("3301020012345");
//! let png = render_png(&params)?;
//! assert_eq!(&png[1..4], b"PNG");
//! # Ok::<(), gmseal::Error>(())
//! ```

pub(crate) mod font;
mod layout;
mod path;
mod raster;

use serde::Serialize;

pub use path::{PathCommand, SealDrawing, SealShape, ShapeRole, TextLine};

use crate::{Error, Result};

/// The shape of a seal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SealStyle {
    /// Round official seal (公章) with a star: width and height are the
    /// diameter.
    Round,
    /// Oval seal (发票专用章 style) without a star: width and height are the
    /// long and short axes.
    Oval,
}

/// What to draw. Build with [`SealImageParams::round`] or
/// [`SealImageParams::oval`], then adjust the public fields or use the
/// `with_*` methods.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SealImageParams {
    /// The shape.
    pub style: SealStyle,
    /// The organization (unit) name along the upper arc, such as
    /// 某某市人民政府办公室. 1 to 40 characters.
    pub organization: String,
    /// The seal name below the centre, such as 合同专用章, or empty.
    /// At most 20 characters.
    pub name: String,
    /// The code: along the lower arc of a round seal (a 13-digit seal code),
    /// in the middle of an oval seal (an 18-character unified social credit
    /// code). At most 30 characters; `None` or empty for none.
    pub code: Option<String>,
    /// Width of the seal, mm (the diameter of a round seal). 10 to 100 mm.
    pub width_mm: f32,
    /// Height of the seal, mm (equal to the width for a round seal).
    /// 10 to 100 mm.
    pub height_mm: f32,
    /// Resolution of [`render_png`], dots per inch. 72 to 1200.
    pub dpi: f32,
    /// The ink colour, sRGB.
    pub color: [u8; 3],
}

impl SealImageParams {
    /// The default round seal diameter, mm.
    pub const ROUND_DIAMETER_MM: f32 = 42.0;
    /// The default oval seal size (width, height), mm.
    pub const OVAL_SIZE_MM: (f32, f32) = (40.0, 30.0);
    /// The default resolution: 300 dpi, so a 42 mm seal is 496 pixels wide.
    pub const DEFAULT_DPI: f32 = 300.0;
    /// Seal red, `#E60012`.
    pub const SEAL_RED: [u8; 3] = [0xE6, 0x00, 0x12];
    /// Longest organization name, in characters.
    pub const MAX_ORGANIZATION_CHARS: usize = 40;
    /// Longest seal name, in characters.
    pub const MAX_NAME_CHARS: usize = 20;
    /// Longest code, in characters.
    pub const MAX_CODE_CHARS: usize = 30;
    /// Smallest and largest seal dimension, mm.
    pub const SIZE_RANGE_MM: (f32, f32) = (10.0, 100.0);
    /// Lowest and highest resolution, dpi.
    pub const DPI_RANGE: (f32, f32) = (72.0, 1200.0);

    /// A 42 mm round seal with a star, in seal red at 300 dpi, without code.
    ///
    /// ```
    /// use gmseal::seal::image::{SealImageParams, SealStyle};
    ///
    /// let p = SealImageParams::round("某某市人民政府办公室", "合同专用章");
    /// assert_eq!((p.style, p.width_mm, p.height_mm), (SealStyle::Round, 42.0, 42.0));
    /// ```
    pub fn round(organization: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            style: SealStyle::Round,
            organization: organization.into(),
            name: name.into(),
            code: None,
            width_mm: Self::ROUND_DIAMETER_MM,
            height_mm: Self::ROUND_DIAMETER_MM,
            dpi: Self::DEFAULT_DPI,
            color: Self::SEAL_RED,
        }
    }

    /// A 40 × 30 mm oval seal in seal red at 300 dpi, with `code` (for example
    /// the unified social credit code) in the middle.
    ///
    /// ```
    /// use gmseal::seal::image::{SealImageParams, SealStyle};
    ///
    /// let p = SealImageParams::oval("某某科技有限公司", "发票专用章", "91330106MA2AXK9X3B");
    /// assert_eq!((p.style, p.width_mm, p.height_mm), (SealStyle::Oval, 40.0, 30.0));
    /// ```
    pub fn oval(
        organization: impl Into<String>,
        name: impl Into<String>,
        code: impl Into<String>,
    ) -> Self {
        Self {
            style: SealStyle::Oval,
            organization: organization.into(),
            name: name.into(),
            code: Some(code.into()),
            width_mm: Self::OVAL_SIZE_MM.0,
            height_mm: Self::OVAL_SIZE_MM.1,
            dpi: Self::DEFAULT_DPI,
            color: Self::SEAL_RED,
        }
    }

    /// Sets the code.
    ///
    /// ```
    /// # use gmseal::seal::image::SealImageParams;
    /// let p = SealImageParams::round("某某有限公司", "").with_code("3301020012345");
    /// assert_eq!(p.code.as_deref(), Some("3301020012345"));
    /// ```
    #[must_use]
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Sets the size in millimetres (for a round seal, both are the diameter).
    ///
    /// ```
    /// # use gmseal::seal::image::SealImageParams;
    /// let p = SealImageParams::round("某某有限公司", "").with_size_mm(38.0, 38.0);
    /// assert_eq!(p.width_mm, 38.0);
    /// ```
    #[must_use]
    pub fn with_size_mm(mut self, width_mm: f32, height_mm: f32) -> Self {
        self.width_mm = width_mm;
        self.height_mm = height_mm;
        self
    }

    /// Sets the PNG resolution in dots per inch.
    ///
    /// ```
    /// # use gmseal::seal::image::SealImageParams;
    /// let p = SealImageParams::round("某某有限公司", "").with_dpi(600.0);
    /// assert_eq!(p.dpi, 600.0);
    /// ```
    #[must_use]
    pub fn with_dpi(mut self, dpi: f32) -> Self {
        self.dpi = dpi;
        self
    }

    /// Sets the ink colour (sRGB).
    ///
    /// ```
    /// # use gmseal::seal::image::SealImageParams;
    /// let p = SealImageParams::round("某某有限公司", "").with_color([200, 0, 0]);
    /// assert_eq!(p.color, [200, 0, 0]);
    /// ```
    #[must_use]
    pub fn with_color(mut self, color: [u8; 3]) -> Self {
        self.color = color;
        self
    }

    /// The PNG size in pixels, `(width, height)`: millimetres at
    /// [`dpi`](Self::dpi), rounded to the nearest pixel.
    ///
    /// ```
    /// # use gmseal::seal::image::SealImageParams;
    /// assert_eq!(SealImageParams::round("某某有限公司", "").pixel_size(), (496, 496));
    /// ```
    pub fn pixel_size(&self) -> (u32, u32) {
        (
            raster::pixels(self.width_mm, self.dpi),
            raster::pixels(self.height_mm, self.dpi),
        )
    }

    /// Checks every field; returns the code, empty when there is none.
    fn validate(&self) -> Result<&str> {
        let (lo, hi) = Self::SIZE_RANGE_MM;
        for (what, v) in [("width", self.width_mm), ("height", self.height_mm)] {
            if !(lo..=hi).contains(&v) {
                return Err(invalid(format!(
                    "seal {what} {v} mm is outside {lo}-{hi} mm"
                )));
            }
        }
        if self.style == SealStyle::Round && self.width_mm != self.height_mm {
            return Err(invalid(format!(
                "a round seal needs equal width and height, got {} × {} mm",
                self.width_mm, self.height_mm
            )));
        }
        let (lo, hi) = Self::DPI_RANGE;
        if !(lo..=hi).contains(&self.dpi) {
            return Err(invalid(format!(
                "seal image resolution {} dpi is outside {lo}-{hi} dpi",
                self.dpi
            )));
        }
        if self.organization.trim().is_empty() {
            return Err(invalid("seal organization name is empty".into()));
        }
        let code = self.code.as_deref().unwrap_or("");
        for (what, text, max) in [
            (
                "seal organization name",
                self.organization.as_str(),
                Self::MAX_ORGANIZATION_CHARS,
            ),
            ("seal name", self.name.as_str(), Self::MAX_NAME_CHARS),
            ("seal code", code, Self::MAX_CODE_CHARS),
        ] {
            let n = text.chars().count();
            if n > max {
                return Err(invalid(format!(
                    "{what} has {n} characters; at most {max} are allowed"
                )));
            }
            if let Some(c) = text.chars().find(|c| c.is_control()) {
                return Err(invalid(format!(
                    "{what} contains the control character U+{:04X}",
                    u32::from(c)
                )));
            }
        }
        Ok(code)
    }
}

fn invalid(msg: String) -> Error {
    Error::InvalidInput(msg)
}

/// Draws the seal as filled vector paths in millimetres (origin top-left,
/// y down), the single source of [`render_png`].
///
/// # Errors
///
/// [`Error::InvalidInput`] when a size, the resolution or a text length is
/// out of range, a round seal is not as high as wide, the organization name
/// is empty, or a text holds a control character or a character the bundled
/// font lacks (the message names it and the text). [`Error::Decode`] if the
/// bundled font cannot be read (a broken build).
///
/// # Example
///
/// ```
/// use gmseal::seal::image::{SealImageParams, ShapeRole, TextLine, render_paths};
///
/// let drawing = render_paths(&SealImageParams::round("某某市人民政府办公室", "合同专用章"))?;
/// assert_eq!(drawing.glyphs(TextLine::Organization).count(), 10);
/// assert!(drawing.shapes.iter().any(|s| s.role == ShapeRole::Star));
/// let (x0, y0, x1, y1) = drawing.bounds().unwrap();
/// assert!(x0 >= 0.0 && y0 >= 0.0 && x1 <= 42.0 && y1 <= 42.0);
/// # Ok::<(), gmseal::Error>(())
/// ```
pub fn render_paths(params: &SealImageParams) -> Result<SealDrawing> {
    let code = params.validate()?;
    let face = font::bundled_face()?;
    let text = layout::SealText {
        organization: &params.organization,
        name: &params.name,
        code,
    };
    for (what, text) in [
        ("seal organization name", text.organization),
        ("seal name", text.name),
        ("seal code", text.code),
    ] {
        if let Some(c) = text.chars().find(|&c| face.glyph_index(c).is_none()) {
            return Err(invalid(format!(
                "character {c:?} (U+{:04X}) of the {what} is not in the bundled font",
                u32::from(c)
            )));
        }
    }
    let shapes = layout::layout(
        &face,
        params.style,
        f64::from(params.width_mm),
        f64::from(params.height_mm),
        &text,
    )?;
    Ok(SealDrawing {
        width_mm: params.width_mm,
        height_mm: params.height_mm,
        color: params.color,
        shapes,
    })
}

/// Draws the seal as a PNG (8-bit RGBA, transparent background) of
/// [`pixel_size`](SealImageParams::pixel_size), by rasterizing
/// [`render_paths`] anti-aliased at [`dpi`](SealImageParams::dpi). The same
/// parameters always give the same bytes. The largest image (100 mm at
/// 1200 dpi) is 4724 × 4724 pixels.
///
/// # Errors
///
/// As [`render_paths`].
///
/// # Example
///
/// ```
/// use gmseal::seal::image::{SealImageParams, render_png};
///
/// let png = render_png(&SealImageParams::oval("某某科技有限公司", "发票专用章", "91330106MA2AXK9X3B"))?;
/// // 40 × 30 mm at 300 dpi: 472 × 354 pixels (IHDR width and height).
/// assert_eq!(&png[16..24], &[0, 0, 1, 216, 0, 0, 1, 98]);
/// # Ok::<(), gmseal::Error>(())
/// ```
pub fn render_png(params: &SealImageParams) -> Result<Vec<u8>> {
    let drawing = render_paths(params)?;
    raster::to_png(&drawing, params.dpi)
}
