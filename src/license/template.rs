//! License templates: a license type as data. A template is a JSON file with
//! the page (size in millimetres), the elements drawn on it, the position
//! reserved for the issuer's seal, and the metadata [`TypeRules`] of the type.
//! Adding a license type means writing such a file; no code.
//!
//! Coordinates are millimetres from the top-left corner of the page; the `y`
//! of text is its baseline. Colours are `"#RRGGBB"`. Text may hold
//! placeholders, replaced from the metadata when the license is issued:
//!
//! | placeholder | value |
//! |---|---|
//! | `{certificateHolderName}` and every other core element id | the element's text (dates `YYYY-MM-DD`, `长期`) |
//! | `{surface.KEY}` | the value of face item `KEY` |
//! | `{…\|date}` | a date as `2026年1月5日` (GB/T 9704 style); `长期` stays |
//! | `{…\|date-padded}` | `2026年01月05日`, as business licenses print it |
//! | `{{`, `}}` | literal braces |
//!
//! Elements (`"kind"`):
//!
//! | kind | draws |
//! |---|---|
//! | `rect` | a rectangle, stroked (`stroke`: line width) or filled |
//! | `line` | a straight line |
//! | `text` | one line of text, `align`ed `left`, `center` or `right` of `x`, shrunk to `maxWidth` |
//! | `field` | a label and a value wrapped in `width` over at most `maxLines`, shrinking to `minSize` |
//! | `surfaceList` | every face item not placed elsewhere, as label/value rows |
//! | `qrCode` | a QR code of `content` |
//! | `photo` | the holder photo in a box |
//! | `seal` | the reserved seal position (centre and diameter); drawn by the signing step |
//!
//! ```
//! use gmseal::license::Template;
//! let t = Template::builtin("business-license").expect("shipped");
//! assert_eq!((t.page.width, t.page.height), (297.0, 210.0));
//! let seal = t.seal().expect("a seal position");
//! assert!(seal.diameter >= 38.0);
//! assert!(Template::from_json(r#"{"id": "x"}"#).is_err());
//! ```

use crate::license::metadata::{CoreField, Metadata};
use crate::license::rules::TypeRules;
use crate::pdf::write::Rgb;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// The shipped business license (营业执照, 2019 layout, landscape A4).
const BUSINESS_LICENSE: &str = include_str!("../../templates/business-license.json");
/// The shipped generic qualification certificate (portrait A4, photo).
const QUALIFICATION: &str = include_str!("../../templates/qualification.json");

/// The names of the shipped templates, for [`Template::builtin`].
pub const BUILTIN_TEMPLATES: [&str; 2] = ["business-license", "qualification"];

/// One license type: layout and rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Template {
    /// A short name (`business-license`).
    pub id: String,
    /// What it is (`营业执照（2019 版）`).
    pub name: String,
    /// The page size.
    pub page: PageSize,
    /// The metadata rules of the type.
    #[serde(default)]
    pub rules: TypeRules,
    /// The elements, drawn in order.
    pub elements: Vec<Element>,
}

/// Page size in millimetres (landscape when wider than high).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PageSize {
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// A colour written `"#RRGGBB"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color(pub Rgb);

impl Default for Color {
    fn default() -> Self {
        Self(Rgb::BLACK)
    }
}

impl Serialize for Color {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        let Rgb(r, g, b) = self.0;
        s.collect_str(&format_args!("#{r:02X}{g:02X}{b:02X}"))
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let hex = s
            .strip_prefix('#')
            .filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| serde::de::Error::custom(format!("colour {s:?} is not #RRGGBB")))?;
        let byte =
            |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(serde::de::Error::custom);
        Ok(Self(Rgb(byte(0)?, byte(2)?, byte(4)?)))
    }
}

/// How text is set.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[non_exhaustive]
pub struct Style {
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub color: Color,
    /// Embolden.
    pub bold: bool,
    /// Extra space after each character, mm.
    pub letter_spacing: f32,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            size: 12.0,
            color: Color::default(),
            bold: false,
            letter_spacing: 0.0,
        }
    }
}

/// Horizontal alignment of a `text` element about its `x`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Align {
    /// `x` is the left edge.
    #[default]
    Left,
    /// `x` is the centre.
    Center,
    /// `x` is the right edge.
    Right,
}

/// One thing on the page (see the [module documentation](crate::license::Template)).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
#[non_exhaustive]
pub enum Element {
    /// A rectangle: stroked with `stroke` mm lines, or filled when `stroke` is absent.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Line width; `None` fills.
        #[serde(default)]
        stroke: Option<f32>,
        /// Colour.
        #[serde(default)]
        color: Color,
    },
    /// A straight line.
    Line {
        /// Start (x, y).
        from: [f32; 2],
        /// End (x, y).
        to: [f32; 2],
        /// Line width.
        width: f32,
        /// Colour.
        #[serde(default)]
        color: Color,
    },
    /// One line of text; it is scaled horizontally to fit `max_width` when set.
    Text {
        /// The text, with placeholders.
        text: String,
        /// Anchor x (see `align`).
        x: f32,
        /// Baseline.
        y: f32,
        /// Alignment about `x`.
        #[serde(default)]
        align: Align,
        /// The widest the text may be.
        #[serde(default)]
        max_width: Option<f32>,
        /// Style.
        #[serde(default)]
        style: Style,
    },
    /// A label and its value; the value wraps within `width` mm.
    Field {
        /// The label, e.g. `名称`; spread over `label_width` when `justify_label`.
        label: String,
        /// The value, with placeholders.
        value: String,
        /// Left edge of the label.
        x: f32,
        /// Baseline of the first line.
        y: f32,
        /// The label's box; the value starts after it.
        label_width: f32,
        /// Spread the label's characters over `label_width` (名　　称).
        #[serde(default)]
        justify_label: bool,
        /// Width of the value box.
        width: f32,
        /// Distance between baselines, mm.
        #[serde(default = "default_line_height")]
        line_height: f32,
        /// Most lines the value may take.
        #[serde(default = "one")]
        max_lines: u32,
        /// The value may shrink to this size (pt) to fit; default: no shrinking.
        #[serde(default)]
        min_size: Option<f32>,
        /// Style of the value.
        #[serde(default)]
        style: Style,
        /// Style of the label; the value's when absent.
        #[serde(default)]
        label_style: Option<Style>,
        /// Skip the whole field when the value is empty, instead of refusing.
        #[serde(default)]
        optional: bool,
    },
    /// Every face item that no other element names, in metadata order, as rows.
    SurfaceList {
        /// Left edge of the labels.
        x: f32,
        /// Baseline of the first row.
        y: f32,
        /// Lowest baseline allowed.
        max_y: f32,
        /// Label box width.
        label_width: f32,
        /// Spread each label's characters over `label_width`.
        #[serde(default)]
        justify_label: bool,
        /// Value box width.
        width: f32,
        /// Distance between baselines within a value, mm.
        #[serde(default = "default_line_height")]
        line_height: f32,
        /// Extra space between rows, mm.
        #[serde(default)]
        row_gap: f32,
        /// Style of the values.
        #[serde(default)]
        style: Style,
        /// Style of the labels; the values' when absent.
        #[serde(default)]
        label_style: Option<Style>,
    },
    /// A QR code (level M) of `content`, quiet zone included in `size`.
    QrCode {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Side.
        size: f32,
        /// The encoded text, with placeholders.
        content: String,
        /// Colour.
        #[serde(default)]
        color: Color,
    },
    /// The holder photo, fitted into the box keeping its proportions.
    Photo {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Frame line width (none when absent).
        #[serde(default)]
        frame: Option<f32>,
        /// Frame colour.
        #[serde(default)]
        color: Color,
    },
    /// The reserved seal position.
    Seal(SealPosition),
}

fn default_line_height() -> f32 {
    6.0
}

fn one() -> u32 {
    1
}

/// Where the issuer's seal goes: a circle on the first page.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct SealPosition {
    /// Centre, mm from the left edge.
    pub x: f32,
    /// Centre, mm from the top edge.
    pub y: f32,
    /// Diameter, mm (42 for most official seals, GA 241).
    pub diameter: f32,
}

/// A date format of a placeholder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateFormat {
    /// As stored: `2026-01-05`.
    Iso,
    /// `2026年1月5日`.
    Chinese,
    /// `2026年01月05日`.
    ChinesePadded,
}

/// What a placeholder stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    Core(CoreField),
    Surface(String),
}

/// A piece of a text with placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    Literal(String),
    Value(Source, DateFormat),
}

/// Split `text` into literal pieces and placeholders.
pub(crate) fn parse_placeholders(text: &str) -> Result<Vec<Piece>> {
    let bad = |reason: String| Error::InvalidInput(format!("template text {text:?}: {reason}"));
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '}' => return Err(bad("a lone '}' (write '}}')".into())),
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => inner.push(c),
                        None => return Err(bad("an unclosed '{'".into())),
                    }
                }
                if !literal.is_empty() {
                    pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                }
                let (name, format) = match inner.split_once('|') {
                    Some((n, f)) => (n.trim(), Some(f.trim())),
                    None => (inner.trim(), None),
                };
                let source = if let Some(key) = name.strip_prefix("surface.") {
                    if key.is_empty() {
                        return Err(bad("an empty face item key".into()));
                    }
                    Source::Surface(key.to_owned())
                } else {
                    let field = CoreField::ALL
                        .into_iter()
                        .find(|f| f.json_id() == name)
                        .ok_or_else(|| bad(format!("unknown placeholder {{{name}}}")))?;
                    Source::Core(field)
                };
                let format = match format {
                    None => DateFormat::Iso,
                    Some("date") => DateFormat::Chinese,
                    Some("date-padded") => DateFormat::ChinesePadded,
                    Some(other) => {
                        return Err(bad(format!("unknown format |{other} (date, date-padded)")));
                    }
                };
                pieces.push(Piece::Value(source, format));
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    Ok(pieces)
}

/// Replace the placeholders of `pieces` from `metadata`; absent values are empty.
pub(crate) fn expand(pieces: &[Piece], metadata: &Metadata) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Literal(s) => out.push_str(s),
            Piece::Value(Source::Core(field), format) => {
                if let Some(text) = metadata.core_text(*field) {
                    out.push_str(&format_date(&text, *format));
                }
            }
            Piece::Value(Source::Surface(key), format) => {
                if let Some(text) = metadata.surface_value(key) {
                    out.push_str(&format_date(text, *format));
                }
            }
        }
    }
    out
}

/// `YYYY-MM-DD` in the Chinese formats; any other text unchanged.
fn format_date(text: &str, format: DateFormat) -> String {
    let parts = (text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-')
        .then(|| {
            (
                text[0..4].parse::<u16>(),
                text[5..7].parse::<u8>(),
                text[8..10].parse::<u8>(),
            )
        });
    match (format, parts) {
        (DateFormat::Chinese, Some((Ok(y), Ok(m), Ok(d)))) => format!("{y}年{m}月{d}日"),
        (DateFormat::ChinesePadded, Some((Ok(y), Ok(m), Ok(d)))) => {
            format!("{y}年{m:02}月{d:02}日")
        }
        _ => text.to_owned(),
    }
}

impl Template {
    /// A shipped template by name ([`BUILTIN_TEMPLATES`]).
    pub fn builtin(name: &str) -> Option<Self> {
        let json = match name {
            "business-license" => BUSINESS_LICENSE,
            "qualification" => QUALIFICATION,
            _ => return None,
        };
        // The shipped templates are checked by the tests; a broken one is a build defect.
        Self::from_json(json).ok()
    }

    /// The 营业执照 template.
    pub fn business_license() -> Self {
        Self::builtin("business-license").unwrap_or_else(|| Self::empty("business-license"))
    }

    /// The generic qualification certificate template.
    pub fn qualification() -> Self {
        Self::builtin("qualification").unwrap_or_else(|| Self::empty("qualification"))
    }

    fn empty(id: &str) -> Self {
        Self {
            id: id.into(),
            name: id.into(),
            page: PageSize {
                width: 210.0,
                height: 297.0,
            },
            rules: TypeRules::default(),
            elements: Vec::new(),
        }
    }

    /// The longest template JSON [`from_json`](Self::from_json) reads
    /// (1 MiB; the shipped templates have about 5 KiB).
    pub const MAX_JSON_LEN: usize = 1 << 20;

    /// Read and check a template.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for JSON longer than
    /// [`MAX_JSON_LEN`](Self::MAX_JSON_LEN) or nested deeper than
    /// serde_json's limit of 128 levels, for JSON that is not a template,
    /// and for the problems [`check`](Self::check) finds.
    pub fn from_json(json: &str) -> Result<Self> {
        if json.len() > Self::MAX_JSON_LEN {
            return Err(Error::InvalidInput(format!(
                "a license template of {} bytes is longer than the {}-byte limit",
                json.len(),
                Self::MAX_JSON_LEN
            )));
        }
        let template: Self = serde_json::from_str(json)
            .map_err(|e| Error::InvalidInput(format!("not a license template: {e}")))?;
        template.check()?;
        Ok(template)
    }

    /// The reserved seal position, if the template has one.
    pub fn seal(&self) -> Option<SealPosition> {
        self.elements.iter().find_map(|e| match e {
            Element::Seal(s) => Some(*s),
            _ => None,
        })
    }

    /// Check what can be checked without data: sizes, positions inside the
    /// page, placeholders that name known elements (face items declared in
    /// the rules, unless the rules allow other items), one seal at most.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the template, the element and the problem.
    pub fn check(&self) -> Result<()> {
        let bad = |i: usize, reason: String| {
            Error::InvalidInput(format!(
                "template {:?}, element {} : {reason}",
                self.id,
                i + 1
            ))
        };
        let (pw, ph) = (self.page.width, self.page.height);
        if !(10.0..=2000.0).contains(&pw) || !(10.0..=2000.0).contains(&ph) {
            return Err(Error::InvalidInput(format!(
                "template {:?}: page {pw}×{ph} mm is out of range",
                self.id
            )));
        }
        let inside = |x: f32, y: f32| {
            x.is_finite() && y.is_finite() && (0.0..=pw).contains(&x) && (0.0..=ph).contains(&y)
        };
        let positive = |v: f32| v.is_finite() && v > 0.0;
        let check_style = |i: usize, s: &Style| {
            if !(positive(s.size) && s.size <= 200.0 && s.letter_spacing.is_finite())
                || s.letter_spacing < 0.0
            {
                return Err(bad(
                    i,
                    format!(
                        "style size {} / letter spacing {} out of range",
                        s.size, s.letter_spacing
                    ),
                ));
            }
            Ok(())
        };
        let check_text = |i: usize, text: &str| -> Result<()> {
            for piece in parse_placeholders(text).map_err(|e| bad(i, e.to_string()))? {
                if let Piece::Value(Source::Surface(key), _) = piece {
                    if !self.rules.allow_other_surface_items
                        && self.rules.surface_rule(&key).is_none()
                    {
                        return Err(bad(
                            i,
                            format!("{{surface.{key}}} is not a face item of the rules"),
                        ));
                    }
                }
            }
            Ok(())
        };
        let mut seals = 0;
        for (i, element) in self.elements.iter().enumerate() {
            match element {
                Element::Rect {
                    x, y, w, h, stroke, ..
                } => {
                    if !inside(*x, *y) || !inside(x + w, y + h) || !positive(*w) || !positive(*h) {
                        return Err(bad(i, "rectangle outside the page".into()));
                    }
                    if stroke.is_some_and(|s| !positive(s)) {
                        return Err(bad(i, "stroke width must be positive".into()));
                    }
                }
                Element::Line {
                    from, to, width, ..
                } => {
                    if !inside(from[0], from[1]) || !inside(to[0], to[1]) || !positive(*width) {
                        return Err(bad(i, "line outside the page or of no width".into()));
                    }
                }
                Element::Text {
                    text,
                    x,
                    y,
                    max_width,
                    style,
                    ..
                } => {
                    if !inside(*x, *y) || max_width.is_some_and(|w| !positive(w)) {
                        return Err(bad(i, "text outside the page".into()));
                    }
                    check_style(i, style)?;
                    check_text(i, text)?;
                }
                Element::Field {
                    value,
                    x,
                    y,
                    label_width,
                    width,
                    line_height,
                    max_lines,
                    min_size,
                    style,
                    label_style,
                    label,
                    ..
                } => {
                    if !inside(*x, *y)
                        || !inside(x + label_width + width, *y)
                        || !positive(*width)
                        || *label_width < 0.0
                    {
                        return Err(bad(i, format!("field {label}: box outside the page")));
                    }
                    if !positive(*line_height) || *max_lines == 0 || *max_lines > 100 {
                        return Err(bad(
                            i,
                            format!("field {label}: line height and max lines must be positive"),
                        ));
                    }
                    if !inside(*x, y + line_height * (*max_lines - 1) as f32) {
                        return Err(bad(i, format!("field {label}: its lines run off the page")));
                    }
                    if min_size.is_some_and(|m| !positive(m) || m > style.size) {
                        return Err(bad(
                            i,
                            format!("field {label}: minSize must be in (0, size]"),
                        ));
                    }
                    check_style(i, style)?;
                    if let Some(s) = label_style {
                        check_style(i, s)?;
                    }
                    check_text(i, value)?;
                }
                Element::SurfaceList {
                    x,
                    y,
                    max_y,
                    label_width,
                    width,
                    justify_label: _,
                    line_height,
                    row_gap,
                    style,
                    label_style,
                } => {
                    if !inside(*x, *y)
                        || !inside(x + label_width + width, *max_y)
                        || max_y < y
                        || !positive(*width)
                    {
                        return Err(bad(i, "surface list box outside the page".into()));
                    }
                    if !positive(*line_height) || !row_gap.is_finite() || *row_gap < 0.0 {
                        return Err(bad(
                            i,
                            "surface list line height / row gap out of range".into(),
                        ));
                    }
                    check_style(i, style)?;
                    if let Some(s) = label_style {
                        check_style(i, s)?;
                    }
                }
                Element::QrCode {
                    x,
                    y,
                    size,
                    content,
                    ..
                } => {
                    if !inside(*x, *y) || !inside(x + size, y + size) || !positive(*size) {
                        return Err(bad(i, "QR code outside the page".into()));
                    }
                    check_text(i, content)?;
                }
                Element::Photo {
                    x, y, w, h, frame, ..
                } => {
                    if !inside(*x, *y) || !inside(x + w, y + h) || !positive(*w) || !positive(*h) {
                        return Err(bad(i, "photo box outside the page".into()));
                    }
                    if frame.is_some_and(|f| !positive(f)) {
                        return Err(bad(i, "frame width must be positive".into()));
                    }
                }
                Element::Seal(s) => {
                    seals += 1;
                    let r = s.diameter / 2.0;
                    if !positive(s.diameter)
                        || !inside(s.x - r, s.y - r)
                        || !inside(s.x + r, s.y + r)
                    {
                        return Err(bad(i, "seal circle outside the page".into()));
                    }
                }
            }
        }
        if seals > 1 {
            return Err(Error::InvalidInput(format!(
                "template {:?}: more than one seal position",
                self.id
            )));
        }
        Ok(())
    }

    /// The face item keys that some element names with `{surface.KEY}`.
    pub(crate) fn placed_surface_keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        for element in &self.elements {
            let texts: Vec<&str> = match element {
                Element::Text { text, .. } => vec![text],
                Element::Field { value, .. } => vec![value],
                Element::QrCode { content, .. } => vec![content],
                _ => Vec::new(),
            };
            for text in texts {
                for piece in parse_placeholders(text).unwrap_or_default() {
                    if let Piece::Value(Source::Surface(key), _) = piece {
                        keys.push(key);
                    }
                }
            }
        }
        keys
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::license::{LicenseDate, SurfaceItem, Validity};

    #[test]
    fn placeholders_expand_and_format_dates() {
        let mut m = Metadata {
            certificate_holder_name: "某某公司".into(),
            certificate_issued_date: Some(LicenseDate::new(2026, 1, 5).unwrap()),
            certificate_expiring_date: Some(Validity::LongTerm),
            ..Metadata::default()
        };
        m.surface.push(SurfaceItem::new(
            "establishmentDate",
            "成立日期",
            "2019-03-15",
        ));
        let t = "{{{certificateHolderName}}} {certificateIssuedDate|date} {certificateIssuedDate|date-padded} \
                 {certificateIssuedDate} 至 {certificateExpiringDate|date} {surface.establishmentDate|date-padded}{surface.none}";
        let out = expand(&parse_placeholders(t).unwrap(), &m);
        assert_eq!(
            out,
            "{某某公司} 2026年1月5日 2026年01月05日 2026-01-05 至 长期 2019年03月15日"
        );
    }

    #[test]
    fn bad_placeholders_are_named() {
        for (text, needle) in [
            ("{nope}", "unknown placeholder {nope}"),
            ("{certificateName|upper}", "unknown format |upper"),
            ("{certificateName", "unclosed"),
            ("a } b", "lone '}'"),
            ("{surface.}", "empty face item key"),
        ] {
            let e = parse_placeholders(text).unwrap_err().to_string();
            assert!(e.contains(needle), "{text}: {e}");
        }
    }

    #[test]
    fn shipped_templates_load_and_reserve_a_seal() {
        for name in BUILTIN_TEMPLATES {
            let json = if name == "business-license" {
                BUSINESS_LICENSE
            } else {
                QUALIFICATION
            };
            let t = Template::from_json(json).unwrap();
            assert_eq!(t.id, name);
            assert!(t.seal().is_some(), "{name}");
        }
        assert!(Template::builtin("nope").is_none());
    }

    #[test]
    fn template_errors_name_the_element() {
        let base = r##"{"id": "t", "name": "T", "page": {"width": 210, "height": 297}, "rules": {"allowOtherSurfaceItems": false}, "elements": [ELEMENT]}"##;
        for (element, needle) in [
            (
                r#"{"kind": "rect", "x": 200, "y": 10, "w": 20, "h": 5}"#,
                "element 1 : rectangle outside",
            ),
            (
                r#"{"kind": "text", "text": "{surface.x}", "x": 10, "y": 10}"#,
                "not a face item",
            ),
            (
                r#"{"kind": "text", "text": "a", "x": 10, "y": 10, "style": {"size": 0}}"#,
                "size 0",
            ),
            (
                r#"{"kind": "seal", "x": 5, "y": 5, "diameter": 42}"#,
                "seal circle outside",
            ),
            (
                r#"{"kind": "qrCode", "x": 5, "y": 5, "size": 20, "content": "{x}"}"#,
                "unknown placeholder",
            ),
            (
                r##"{"kind": "text", "text": "a", "x": 10, "y": 10, "colour": "#000000"}"##,
                "unknown field `colour`",
            ),
            (
                r##"{"kind": "line", "from": [1, 1], "to": [2, 2], "width": 1, "color": "#12345"}"##,
                "#RRGGBB",
            ),
        ] {
            let e = Template::from_json(&base.replace("ELEMENT", element))
                .unwrap_err()
                .to_string();
            assert!(e.contains(needle), "{element}: {e}");
        }
    }
}
