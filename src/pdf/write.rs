//! Writing PDF/A-3b documents (ISO 19005-3, on PDF 1.7): pages drawn in
//! millimetres from the top-left corner, text in embedded subset CID fonts,
//! vector paths, QR codes, photos, and structured data embedded as associated
//! files with an XMP description.
//!
//! What the output carries for PDF/A-3b (veraPDF rule numbers in brackets):
//! XMP metadata with `pdfaid:part 3` / `conformance B` (6.6.4), Dublin Core and
//! XMP basic properties equal to the `/Info` entries (6.6.3), a described
//! extension schema for custom properties (6.6.2.3); an `/OutputIntents` entry
//! with an sRGB ICC profile (6.2.3); every font embedded and subset with
//! `/ToUnicode` and `/CIDToGIDMap /Identity` (6.2.11); embedded files with
//! `/AFRelationship`, `/Subtype` (MIME type) and `/Params /ModDate`, linked
//! from the catalog `/AF` and the `/EmbeddedFiles` name tree (6.8); a trailer
//! `/ID` (6.1.3). No encryption, JavaScript, transparency groups or annotations.
//!
//! Output is deterministic: the same input gives the same bytes. The caller
//! supplies every date and the seed of the file identifier.
//!
//! ```
//! use gmseal::font::Font;
//! use gmseal::pdf::write::{Attachment, DocumentInfo, PdfBuilder, Rgb};
//! use gmseal::Timestamp;
//!
//! let info = DocumentInfo::new("示例", Timestamp::parse("2026-01-01T00:00:00Z")?, b"example seed");
//! let mut pdf = PdfBuilder::new(info);
//! let font = pdf.add_font(Font::bundled())?;
//! let mut page = pdf.page(210.0, 297.0);
//! page.text(font, 20.0, 30.0, 40.0, "电子证照", Rgb::BLACK)?;
//! page.qr_code("https://example.cn/v/123", 150.0, 30.0, 30.0, Rgb::BLACK)?;
//! page.finish();
//! pdf.attach(Attachment::new("data.json", "application/json", "the data", b"{}".to_vec()));
//! let bytes = pdf.finish()?;
//! assert!(bytes.starts_with(b"%PDF-1.7"));
//! # Ok::<(), gmseal::Error>(())
//! ```

pub(crate) mod font;
pub(crate) mod image;
mod xmp;

pub use image::{MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE};
pub use xmp::{CustomXmp, XmpProperty};

use crate::font::Font;
use crate::time::Timestamp;
use crate::{Error, Result};
use font::FontSlot;
use image::ImageData;
use pdf_writer::types::{
    AssociationKind, LineCapStyle, LineJoinStyle, OutputIntentSubtype, TextRenderingMode,
};
use pdf_writer::{Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// The sRGB ICC profile of the output intent (`assets/icc/`).
const SRGB_ICC: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/icc/sRGB.icc"));

/// Deflate (zlib format, level 6) with zlib-rs: about twice as fast as
/// miniz_oxide on font data, which dominated the time to issue a license.
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 2),
        flate2::Compression::new(6),
    );
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Black.
    pub const BLACK: Self = Self(0, 0, 0);
    /// The red of official seals.
    pub const SEAL_RED: Self = Self(0xE6, 0x00, 0x12);

    fn floats(self) -> (f32, f32, f32) {
        (
            f32::from(self.0) / 255.0,
            f32::from(self.1) / 255.0,
            f32::from(self.2) / 255.0,
        )
    }
}

/// How text looks: size, colour, horizontal scaling, letter spacing, weight.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct TextStyle {
    /// Font size in points.
    pub size_pt: f32,
    /// Fill colour.
    pub color: Rgb,
    /// Horizontal scaling in percent (`Tz`), 100 for none.
    pub horizontal_scaling: f32,
    /// Extra space after each character in millimetres (`Tc`).
    pub letter_spacing_mm: f32,
    /// Embolden by stroking the outlines (for fonts without a bold weight).
    pub bold: bool,
}

impl TextStyle {
    /// Plain text of `size_pt` in `color`.
    pub fn new(size_pt: f32, color: Rgb) -> Self {
        Self {
            size_pt,
            color,
            horizontal_scaling: 100.0,
            letter_spacing_mm: 0.0,
            bold: false,
        }
    }
}

/// Document-level facts: title, dates, and what makes its identifier unique.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct DocumentInfo {
    /// `dc:title` and `/Title`.
    pub title: String,
    /// `dc:creator` and `/Author` (for example the issuing authority).
    pub author: Option<String>,
    /// `dc:description` and `/Subject`.
    pub subject: Option<String>,
    /// Creation and modification date.
    pub created: Timestamp,
    /// Bytes hashed (SM3) into the trailer `/ID`: pass the document's inputs.
    pub id_seed: Vec<u8>,
    /// `/Lang`, default `zh-CN`.
    pub language: String,
    /// Custom XMP properties with their extension-schema description.
    pub custom_xmp: Option<CustomXmp>,
}

impl DocumentInfo {
    /// A document titled `title`, created at `created`, identified by `id_seed`.
    pub fn new(title: &str, created: Timestamp, id_seed: &[u8]) -> Self {
        Self {
            title: title.to_owned(),
            author: None,
            subject: None,
            created,
            id_seed: id_seed.to_vec(),
            language: "zh-CN".into(),
            custom_xmp: None,
        }
    }
}

/// A file embedded in the PDF and associated with the document (PDF/A-3 §6.8).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Attachment {
    /// File name (`/F`, `/UF`, and the `/EmbeddedFiles` key).
    pub name: String,
    /// MIME type (`/Subtype`).
    pub mime_type: String,
    /// `/Desc`.
    pub description: String,
    /// The bytes.
    pub data: Vec<u8>,
    /// `/AFRelationship`. Default: `Data`.
    pub relationship: Relationship,
    /// `/Params /ModDate`; the document's date when `None`.
    pub modified: Option<Timestamp>,
}

/// `/AFRelationship` values (PDF/A-3; ISO 32000-2 §14.13).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Relationship {
    /// The file is the source of the page content.
    Source,
    /// The file holds the data the page content shows.
    Data,
    /// An alternative representation.
    Alternative,
    /// Supplementary information.
    Supplement,
    /// Not said.
    Unspecified,
}

impl Attachment {
    /// An attachment with relationship `Data`.
    pub fn new(name: &str, mime_type: &str, description: &str, data: Vec<u8>) -> Self {
        Self {
            name: name.to_owned(),
            mime_type: mime_type.to_owned(),
            description: description.to_owned(),
            data,
            relationship: Relationship::Data,
            modified: None,
        }
    }
}

/// Handle of a font added to a [`PdfBuilder`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FontId(usize);

/// Handle of an image added to a [`PdfBuilder`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageId(usize);

struct PageData {
    width_pt: f32,
    height_pt: f32,
    content: Vec<u8>,
    fonts: Vec<usize>,
    images: Vec<usize>,
}

/// Builds one PDF/A-3b document.
pub struct PdfBuilder<'f> {
    info: DocumentInfo,
    fonts: Vec<FontSlot<'f>>,
    images: Vec<ImageData>,
    pages: Vec<PageData>,
    attachments: Vec<Attachment>,
}

impl<'f> PdfBuilder<'f> {
    /// A new, empty document.
    pub fn new(info: DocumentInfo) -> Self {
        Self {
            info,
            fonts: Vec::new(),
            images: Vec::new(),
            pages: Vec::new(),
            attachments: Vec::new(),
        }
    }

    /// Use `font` in this document; it is embedded as a subset of the glyphs used.
    ///
    /// # Errors
    /// If the font does not parse.
    pub fn add_font(&mut self, font: &'f Font) -> Result<FontId> {
        self.fonts.push(FontSlot::new(font)?);
        Ok(FontId(self.fonts.len() - 1))
    }

    /// Add a PNG or JPEG image.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for other formats, malformed data, CMYK JPEGs or
    /// sides larger than [`MAX_IMAGE_SIDE`] or more than [`MAX_IMAGE_PIXELS`] pixels.
    pub fn add_image(&mut self, data: &[u8]) -> Result<ImageId> {
        self.images.push(ImageData::from_bytes(data)?);
        Ok(ImageId(self.images.len() - 1))
    }

    /// Embed a file, associated with the document.
    pub fn attach(&mut self, attachment: Attachment) {
        self.attachments.push(attachment);
    }

    /// Start a page of `width_mm` × `height_mm`; [`PageBuilder::finish`] adds it.
    pub fn page(&mut self, width_mm: f32, height_mm: f32) -> PageBuilder<'_, 'f> {
        PageBuilder {
            width_pt: width_mm * PT_PER_MM,
            height_pt: height_mm * PT_PER_MM,
            builder: self,
            content: Content::new(),
            fonts: Vec::new(),
            images: Vec::new(),
            state: TextState::default(),
        }
    }

    /// Write the document.
    ///
    /// # Errors
    /// When there is no page, or a font cannot be subset.
    pub fn finish(self) -> Result<Vec<u8>> {
        if self.pages.is_empty() {
            return Err(Error::InvalidInput("a PDF needs at least one page".into()));
        }
        let mut next_id = 1;
        let mut alloc = || {
            let r = Ref::new(next_id);
            next_id += 1;
            r
        };
        let catalog_id = alloc();
        let pages_id = alloc();
        let info_id = alloc();
        let metadata_id = alloc();
        let icc_id = alloc();
        let page_ids: Vec<(Ref, Ref)> = self.pages.iter().map(|_| (alloc(), alloc())).collect();
        let font_ids: Vec<Ref> = self.fonts.iter().map(|_| alloc()).collect();
        let image_ids: Vec<(Ref, Ref)> = self.images.iter().map(|_| (alloc(), alloc())).collect();
        let file_ids: Vec<(Ref, Ref)> = self
            .attachments
            .iter()
            .map(|_| (alloc(), alloc()))
            .collect();

        let mut pdf = Pdf::new();
        pdf.set_version(1, 7);
        let digest = crate::crypto::sm3(&self.info.id_seed);
        pdf.set_file_id((digest[..16].to_vec(), digest[..16].to_vec()));

        // Catalog: pages, metadata, output intent, associated files.
        let mut names: Vec<(&str, Ref)> = self
            .attachments
            .iter()
            .zip(&file_ids)
            .map(|(a, (spec, _))| (a.name.as_str(), *spec))
            .collect();
        names.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        {
            let mut catalog = pdf.catalog(catalog_id);
            catalog
                .pages(pages_id)
                .metadata(metadata_id)
                .lang(TextStr(&self.info.language));
            catalog.viewer_preferences().display_doc_title(true);
            {
                let mut intents = catalog.output_intents();
                let mut intent = intents.push();
                intent
                    .subtype(OutputIntentSubtype::PDFA)
                    .output_condition_identifier(TextStr("sRGB IEC61966-2.1"))
                    .info(TextStr("sRGB IEC61966-2.1"))
                    .dest_output_profile(icc_id);
            }
            if !names.is_empty() {
                catalog.pair(Name(b"PageMode"), Name(b"UseAttachments"));
                catalog
                    .insert(Name(b"AF"))
                    .array()
                    .items(names.iter().map(|(_, r)| *r));
                let mut tree = catalog.names();
                let mut files = tree.embedded_files();
                let mut entries = files.names();
                for (name, spec) in &names {
                    entries.insert(Str(name.as_bytes()), *spec);
                }
            }
        }
        pdf.pages(pages_id)
            .kids(page_ids.iter().map(|(p, _)| *p))
            .count(i32::try_from(self.pages.len()).unwrap_or(i32::MAX));

        // Pages.
        for (page, (page_id, content_id)) in self.pages.iter().zip(&page_ids) {
            let mut p = pdf.page(*page_id);
            p.parent(pages_id)
                .media_box(Rect::new(0.0, 0.0, page.width_pt, page.height_pt))
                .contents(*content_id);
            let mut resources = p.resources();
            if !page.fonts.is_empty() {
                let mut fonts = resources.fonts();
                for &f in &page.fonts {
                    fonts.pair(Name(format!("F{f}").as_bytes()), font_ids[f]);
                }
            }
            if !page.images.is_empty() {
                let mut xobjects = resources.x_objects();
                for &i in &page.images {
                    xobjects.pair(Name(format!("Im{i}").as_bytes()), image_ids[i].0);
                }
            }
            resources.finish();
            p.finish();
            pdf.stream(*content_id, &deflate(&page.content))
                .filter(Filter::FlateDecode);
        }

        // Fonts, each with a subset tag derived from the glyphs it holds.
        for (i, (slot, id)) in self.fonts.iter().zip(&font_ids).enumerate() {
            let tag = subset_tag(&self.info.id_seed, i);
            slot.write(&mut pdf, *id, &mut alloc, &tag)?;
        }
        for (image, (id, mask)) in self.images.iter().zip(&image_ids) {
            image.write(&mut pdf, *id, *mask);
        }

        // Embedded files.
        let date = pdf_date(self.info.created);
        for (a, (spec_id, file_id)) in self.attachments.iter().zip(&file_ids) {
            // `/Size` is the size of the file, not of the compressed stream.
            let compressed = deflate(&a.data);
            let mut file = pdf.embedded_file(*file_id, &compressed);
            file.filter(Filter::FlateDecode);
            file.subtype(Name(a.mime_type.as_bytes()));
            file.params()
                .size(i32::try_from(a.data.len()).unwrap_or(i32::MAX))
                .modification_date(pdf_date(a.modified.unwrap_or(self.info.created)));
            file.finish();
            let mut spec = pdf.file_spec(*spec_id);
            spec.path(Str(a.name.as_bytes()))
                .unic_file(TextStr(&a.name))
                .description(TextStr(&a.description))
                .embedded_file_with_unicode(*file_id)
                .association_kind(match a.relationship {
                    Relationship::Source => AssociationKind::Source,
                    Relationship::Data => AssociationKind::Data,
                    Relationship::Alternative => AssociationKind::Alternative,
                    Relationship::Supplement => AssociationKind::Supplement,
                    Relationship::Unspecified => AssociationKind::Unspecified,
                });
        }

        // Output intent profile, /Info and XMP (which must agree).
        pdf.icc_profile(icc_id, &deflate(SRGB_ICC))
            .n(3)
            .filter(Filter::FlateDecode);
        {
            let mut info = pdf.document_info(info_id);
            info.title(TextStr(&self.info.title))
                .producer(TextStr(&producer()))
                .creator(TextStr(&producer()))
                .creation_date(date)
                .modified_date(date);
            if let Some(author) = &self.info.author {
                info.author(TextStr(author));
            }
            if let Some(subject) = &self.info.subject {
                info.subject(TextStr(subject));
            }
        }
        let xmp = xmp::packet(&self.info, &producer())?;
        pdf.metadata(metadata_id, xmp.as_bytes());
        Ok(pdf.finish())
    }
}

fn producer() -> String {
    format!("gmseal {}", env!("CARGO_PKG_VERSION"))
}

/// Six upper-case letters for the subset prefix (ISO 32000-1 §9.6.4),
/// derived from the document seed so output stays deterministic.
fn subset_tag(seed: &[u8], index: usize) -> String {
    let mut input = seed.to_vec();
    input.extend_from_slice(&index.to_be_bytes());
    crate::crypto::sm3(&input)[..6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

fn pdf_date(t: Timestamp) -> Date {
    let dt = t.to_datetime();
    Date::new(dt.year())
        .month(dt.month())
        .day(dt.day())
        .hour(dt.hour())
        .minute(dt.minutes())
        .second(dt.seconds())
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Draws one page; coordinates are millimetres from the top-left corner.
pub struct PageBuilder<'b, 'f> {
    builder: &'b mut PdfBuilder<'f>,
    content: Content,
    width_pt: f32,
    height_pt: f32,
    fonts: Vec<usize>,
    images: Vec<usize>,
    state: TextState,
}

/// Graphics-state parameters that persist across `BT`/`ET` (ISO 32000-1 §9.3),
/// tracked so each is written only when it changes.
#[derive(Default)]
struct TextState {
    fill: Option<Rgb>,
    font: Option<(usize, u32)>,
    char_spacing_pt: f32,
    /// Horizontal scaling minus 100, so the default is 0.
    scaling_delta: f32,
    /// Text rendering mode fill+stroke.
    bold: bool,
    /// The stroke colour and width were last set for bold text of this colour and size.
    bold_for: Option<(Rgb, u32)>,
}

impl PageBuilder<'_, '_> {
    fn set_stroke(&mut self, color: Rgb, width_pt: f32) {
        let (r, g, b) = color.floats();
        self.content.set_stroke_rgb(r, g, b);
        self.content.set_line_width(width_pt);
        self.state.bold_for = None;
    }

    fn set_fill(&mut self, color: Rgb) {
        if self.state.fill != Some(color) {
            let (r, g, b) = color.floats();
            self.content.set_fill_rgb(r, g, b);
            self.state.fill = Some(color);
        }
    }

    fn x(&self, mm: f32) -> f32 {
        mm * PT_PER_MM
    }

    fn y(&self, mm: f32) -> f32 {
        self.height_pt - mm * PT_PER_MM
    }

    /// The page's width in millimetres.
    pub fn width_mm(&self) -> f32 {
        self.width_pt / PT_PER_MM
    }

    /// Show `text` at `size_pt` with its baseline starting at (`x_mm`, `y_mm`).
    /// Returns the advance in millimetres.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming a character the font lacks.
    pub fn text(
        &mut self,
        font: FontId,
        size_pt: f32,
        x_mm: f32,
        y_mm: f32,
        text: &str,
        color: Rgb,
    ) -> Result<f32> {
        self.text_styled(font, &TextStyle::new(size_pt, color), x_mm, y_mm, text)
    }

    /// The advance of `text` in `style`, in millimetres, as
    /// [`text_styled`](Self::text_styled) would return it, without drawing.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming a character the font lacks.
    pub fn measure(&self, font: FontId, style: &TextStyle, text: &str) -> Result<f32> {
        let slot = self
            .builder
            .fonts
            .get(font.0)
            .ok_or_else(|| Error::InvalidInput("unknown font".into()))?;
        let units = slot.advance_units(text)?;
        let n = text.chars().count() as f32;
        let width_pt = (units as f32 / slot.units_per_em() * style.size_pt
            + style.letter_spacing_mm * PT_PER_MM * n)
            * style.horizontal_scaling
            / 100.0;
        Ok(width_pt / PT_PER_MM)
    }

    /// Show `text` in `style` with its baseline starting at (`x_mm`, `y_mm`).
    /// Returns the advance in millimetres (letter spacing after the last
    /// character included).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming a character the font lacks.
    pub fn text_styled(
        &mut self,
        font: FontId,
        style: &TextStyle,
        x_mm: f32,
        y_mm: f32,
        text: &str,
    ) -> Result<f32> {
        let slot = self
            .builder
            .fonts
            .get_mut(font.0)
            .ok_or_else(|| Error::InvalidInput("unknown font".into()))?;
        let (cids, width_units) = slot.encode(text)?;
        let upm = slot.units_per_em();
        if !self.fonts.contains(&font.0) {
            self.fonts.push(font.0);
        }
        let spacing_pt = style.letter_spacing_mm * PT_PER_MM;
        let (x, y) = (self.x(x_mm), self.y(y_mm));
        self.content.begin_text();
        self.set_fill(style.color);
        let font_key = (font.0, style.size_pt.to_bits());
        if self.state.font != Some(font_key) {
            self.content
                .set_font(Name(format!("F{}", font.0).as_bytes()), style.size_pt);
            self.state.font = Some(font_key);
        }
        if (style.horizontal_scaling - 100.0 - self.state.scaling_delta).abs() > f32::EPSILON {
            self.content
                .set_horizontal_scaling(style.horizontal_scaling);
            self.state.scaling_delta = style.horizontal_scaling - 100.0;
        }
        if (spacing_pt - self.state.char_spacing_pt).abs() > f32::EPSILON {
            self.content.set_char_spacing(spacing_pt);
            self.state.char_spacing_pt = spacing_pt;
        }
        let bold_key = (style.color, style.size_pt.to_bits());
        let bold = style.bold && self.state.bold_for != Some(bold_key);
        if style.bold != self.state.bold {
            self.content.set_text_rendering_mode(if style.bold {
                TextRenderingMode::FillStroke
            } else {
                TextRenderingMode::Fill
            });
            self.state.bold = style.bold;
        }
        if bold {
            // Emboldening by stroking the outlines in the fill colour, 3% of the size.
            let (r, g, b) = style.color.floats();
            self.content.set_stroke_rgb(r, g, b);
            self.content.set_line_width(style.size_pt * 0.03);
            self.state.bold_for = Some(bold_key);
        }
        // Letter-spaced text (a spaced-out title) would extract with gaps read
        // as spaces; `/ActualText` (ISO 32000-1 §14.9.4) gives the exact string.
        let spaced = spacing_pt > 0.0;
        if spaced {
            self.content
                .begin_marked_content_with_properties(Name(b"Span"))
                .properties()
                .actual_text(TextStr(text));
        }
        let t = &mut self.content;
        t.next_line(x, y);
        t.show(Str(&cids));
        if spaced {
            t.end_marked_content();
        }
        t.end_text();
        let n = text.chars().count() as f32;
        // ISO 32000-1 §9.4.4: tx = (w0 × Tfs + Tc) × Th for each glyph.
        let width_pt = (width_units as f32 / upm * style.size_pt + spacing_pt * n)
            * style.horizontal_scaling
            / 100.0;
        Ok(width_pt / PT_PER_MM)
    }

    /// Fill a rectangle.
    pub fn fill_rect(&mut self, x_mm: f32, y_mm: f32, w_mm: f32, h_mm: f32, color: Rgb) {
        self.set_fill(color);
        self.content.rect(
            self.x(x_mm),
            self.y(y_mm + h_mm),
            w_mm * PT_PER_MM,
            h_mm * PT_PER_MM,
        );
        self.content.fill_nonzero();
    }

    /// Stroke a rectangle with a line `width_mm` wide.
    pub fn stroke_rect(
        &mut self,
        x_mm: f32,
        y_mm: f32,
        w_mm: f32,
        h_mm: f32,
        width_mm: f32,
        color: Rgb,
    ) {
        self.set_stroke(color, width_mm * PT_PER_MM);
        self.content.rect(
            self.x(x_mm),
            self.y(y_mm + h_mm),
            w_mm * PT_PER_MM,
            h_mm * PT_PER_MM,
        );
        self.content.stroke();
    }

    /// Stroke a straight line.
    pub fn line(&mut self, from_mm: (f32, f32), to_mm: (f32, f32), width_mm: f32, color: Rgb) {
        self.set_stroke(color, width_mm * PT_PER_MM);
        self.content.move_to(self.x(from_mm.0), self.y(from_mm.1));
        self.content.line_to(self.x(to_mm.0), self.y(to_mm.1));
        self.content.stroke();
    }

    /// Fill (and, when `stroke_mm > 0`, stroke with round joins) a path given in
    /// millimetres with its own origin, placed at (`x_mm`, `y_mm`) and scaled by
    /// `scale`. The commands are `(op, points)` with op `M`, `L`, `Q`, `C`, `Z`.
    pub fn path(
        &mut self,
        commands: &[PathOp],
        x_mm: f32,
        y_mm: f32,
        scale: f32,
        stroke_mm: f32,
        color: Rgb,
    ) {
        self.set_fill(color);
        let (ox, oy) = (x_mm, y_mm);
        let p = |s: &Self, (px, py): (f32, f32)| (s.x(ox + px * scale), s.y(oy + py * scale));
        let mut current = (0.0, 0.0);
        for op in commands {
            match *op {
                PathOp::MoveTo(a) => {
                    let (x, y) = p(self, a);
                    self.content.move_to(x, y);
                    current = a;
                }
                PathOp::LineTo(a) => {
                    let (x, y) = p(self, a);
                    self.content.line_to(x, y);
                    current = a;
                }
                PathOp::QuadTo(c, a) => {
                    // Quadratic to cubic: control points at 2/3 towards the control.
                    let c1 = (
                        current.0 + 2.0 / 3.0 * (c.0 - current.0),
                        current.1 + 2.0 / 3.0 * (c.1 - current.1),
                    );
                    let c2 = (a.0 + 2.0 / 3.0 * (c.0 - a.0), a.1 + 2.0 / 3.0 * (c.1 - a.1));
                    let ((x1, y1), (x2, y2), (x3, y3)) = (p(self, c1), p(self, c2), p(self, a));
                    self.content.cubic_to(x1, y1, x2, y2, x3, y3);
                    current = a;
                }
                PathOp::CubicTo(c1, c2, a) => {
                    let ((x1, y1), (x2, y2), (x3, y3)) = (p(self, c1), p(self, c2), p(self, a));
                    self.content.cubic_to(x1, y1, x2, y2, x3, y3);
                    current = a;
                }
                PathOp::Close => {
                    self.content.close_path();
                }
            }
        }
        if stroke_mm > 0.0 {
            self.set_stroke(color, stroke_mm * scale * PT_PER_MM);
            self.content.set_line_join(LineJoinStyle::RoundJoin);
            self.content.set_line_cap(LineCapStyle::RoundCap);
            self.content.fill_nonzero_and_stroke();
        } else {
            self.content.fill_nonzero();
        }
    }

    /// The size in pixels of an image added with [`PdfBuilder::add_image`].
    pub fn image_size(&self, image: ImageId) -> Option<(u32, u32)> {
        self.builder
            .images
            .get(image.0)
            .map(|i| (i.width, i.height))
    }

    /// Draw an image into the box (`x_mm`, `y_mm`, `w_mm`, `h_mm`).
    pub fn image(&mut self, image: ImageId, x_mm: f32, y_mm: f32, w_mm: f32, h_mm: f32) {
        if !self.images.contains(&image.0) {
            self.images.push(image.0);
        }
        let name = format!("Im{}", image.0);
        self.content.save_state();
        self.content.transform([
            w_mm * PT_PER_MM,
            0.0,
            0.0,
            h_mm * PT_PER_MM,
            self.x(x_mm),
            self.y(y_mm + h_mm),
        ]);
        self.content.x_object(Name(name.as_bytes()));
        self.content.restore_state();
    }

    /// Draw `data` as a QR code (ISO/IEC 18004, error correction level M) filling
    /// the square at (`x_mm`, `y_mm`) of side `size_mm`, including a quiet zone of
    /// two modules, as vector rectangles.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the data does not fit a QR code.
    pub fn qr_code(
        &mut self,
        data: &str,
        x_mm: f32,
        y_mm: f32,
        size_mm: f32,
        color: Rgb,
    ) -> Result<()> {
        let code = qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M)
            .map_err(|e| Error::InvalidInput(format!("cannot encode the QR code: {e}")))?;
        let n = code.width();
        let quiet = 2;
        let module = size_mm / (n + 2 * quiet) as f32;
        let colors = code.to_colors();
        self.set_fill(color);
        // One unit per module, y down, so the rectangles have small integer
        // coordinates (a third of the bytes of page coordinates).
        let unit = module * PT_PER_MM;
        let origin = x_mm + quiet as f32 * module;
        let top = y_mm + quiet as f32 * module;
        self.content.save_state();
        self.content
            .transform([unit, 0.0, 0.0, -unit, self.x(origin), self.y(top)]);
        for row in 0..n {
            let mut col = 0;
            while col < n {
                if colors[row * n + col] == qrcode::Color::Dark {
                    let start = col;
                    while col < n && colors[row * n + col] == qrcode::Color::Dark {
                        col += 1;
                    }
                    self.content
                        .rect(start as f32, row as f32, (col - start) as f32, 1.0);
                } else {
                    col += 1;
                }
            }
        }
        self.content.fill_nonzero();
        self.content.restore_state();
        Ok(())
    }

    /// Add the page to the document.
    pub fn finish(self) {
        let content = self.content.finish().into_vec();
        self.builder.pages.push(PageData {
            width_pt: self.width_pt,
            height_pt: self.height_pt,
            content,
            fonts: self.fonts,
            images: self.images,
        });
    }
}

/// A path command; points are `(x, y)` in millimetres, y down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PathOp {
    /// Start a subpath.
    MoveTo((f32, f32)),
    /// A straight segment.
    LineTo((f32, f32)),
    /// A quadratic Bézier: control, end.
    QuadTo((f32, f32), (f32, f32)),
    /// A cubic Bézier: two controls, end.
    CubicTo((f32, f32), (f32, f32), (f32, f32)),
    /// Close the subpath.
    Close,
}
