//! Fonts in a PDF: each font is subset to the glyphs the document uses and
//! written as a Type0 font with a `CIDFontType2` descendant (TrueType outlines,
//! `/FontFile2`, `/CIDToGIDMap /Identity`), `/Identity-H` encoding, `/W` widths
//! and a `/ToUnicode` CMap, so text extracts exactly (ISO 32000-1 §9.7;
//! PDF/A-3 rules 6.2.11.x).

use crate::font::Font;
use crate::pdf::write::deflate;
use crate::{Error, Result};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Name, Pdf, Rect, Ref, Str};
use std::collections::BTreeMap;
use subsetter::GlyphRemapper;

/// One font used by a document, collecting the glyphs its text needs.
pub(crate) struct FontSlot<'f> {
    pub(crate) font: &'f Font,
    face: ttf_parser::Face<'f>,
    remapper: GlyphRemapper,
    /// new glyph id → (the text it stands for, advance in font units)
    glyphs: BTreeMap<u16, (String, u16)>,
}

impl<'f> FontSlot<'f> {
    pub(crate) fn new(font: &'f Font) -> Result<Self> {
        Ok(Self {
            font,
            face: font.face()?,
            remapper: GlyphRemapper::new(),
            glyphs: BTreeMap::new(),
        })
    }

    pub(crate) fn units_per_em(&self) -> f32 {
        f32::from(self.face.units_per_em())
    }

    /// The 2-byte CIDs (new glyph ids) of `text`, big-endian, for a `Tj`;
    /// and its advance in font units.
    pub(crate) fn encode(&mut self, text: &str) -> Result<(Vec<u8>, u32)> {
        let mut out = Vec::with_capacity(text.len() * 2);
        let mut width = 0u32;
        for c in text.chars() {
            let (gid, advance) = crate::font::advance(&self.face, c, self.font.label())?;
            let cid = self.remapper.remap(gid);
            self.glyphs
                .entry(cid)
                .or_insert_with(|| (c.to_string(), advance));
            out.extend_from_slice(&cid.to_be_bytes());
            width += u32::from(advance);
        }
        Ok((out, width))
    }

    /// The advance of `text` in font units, without recording its glyphs.
    pub(crate) fn advance_units(&self, text: &str) -> Result<u32> {
        let mut width = 0u32;
        for c in text.chars() {
            width += u32::from(crate::font::advance(&self.face, c, self.font.label())?.1);
        }
        Ok(width)
    }

    /// Write the font's objects; `ids` gives fresh object ids.
    pub(crate) fn write(
        &self,
        pdf: &mut Pdf,
        type0: Ref,
        mut next: impl FnMut() -> Ref,
        tag: &str,
    ) -> Result<()> {
        let (cid_font, descriptor, file, cmap) = (next(), next(), next(), next());
        check_name_records(self.font.data(), self.font.label())?;
        let subset = subsetter::subset(self.font.data(), 0, &self.remapper).map_err(|e| {
            Error::InvalidInput(format!("cannot subset the font {}: {e}", self.font.label()))
        })?;
        let base = format!("{tag}+{}", sanitize(self.font.label()));
        let scale = 1000.0 / self.units_per_em();

        pdf.type0_font(type0)
            .base_font(Name(base.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_font)
            .to_unicode(cmap);

        let mut cid = pdf.cid_font(cid_font);
        cid.subtype(CidFontType::Type2)
            .base_font(Name(base.as_bytes()))
            .system_info(SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"Identity"),
                supplement: 0,
            })
            .font_descriptor(descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        {
            let mut widths = cid.widths();
            // `.notdef` is CID 0 and has no entry; the others in runs of consecutive CIDs.
            let mut run: Vec<f32> = Vec::new();
            let mut start = 0u16;
            let mut last: Option<u16> = None;
            for (&id, &(_, advance)) in &self.glyphs {
                if last.is_some_and(|l| l + 1 != id) {
                    widths.consecutive(start, run.drain(..));
                }
                if run.is_empty() {
                    start = id;
                }
                run.push((f32::from(advance) * scale).round());
                last = Some(id);
            }
            if !run.is_empty() {
                widths.consecutive(start, run);
            }
        }
        drop(cid);

        let bbox = self.face.global_bounding_box();
        let ascender = f32::from(self.face.ascender()) * scale;
        let descender = descender(&self.face, self.font.data()) * scale;
        let cap = self
            .face
            .capital_height()
            .map(|h| f32::from(h) * scale)
            .unwrap_or(ascender);
        pdf.font_descriptor(descriptor)
            .name(Name(base.as_bytes()))
            .flags(FontFlags::SERIF | FontFlags::SYMBOLIC)
            .bbox(Rect::new(
                f32::from(bbox.x_min) * scale,
                f32::from(bbox.y_min) * scale,
                f32::from(bbox.x_max) * scale,
                f32::from(bbox.y_max) * scale,
            ))
            .italic_angle(0.0)
            .ascent(ascender)
            .descent(descender)
            .cap_height(cap)
            .stem_v(80.0)
            .font_file2(file);

        let compressed = deflate(&subset);
        pdf.stream(file, &compressed)
            .filter(Filter::FlateDecode)
            .pair(
                Name(b"Length1"),
                i32::try_from(subset.len()).unwrap_or(i32::MAX),
            );

        let mut to_unicode = UnicodeCmap::new(
            Name(b"Custom"),
            SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"UCS"),
                supplement: 0,
            },
        );
        for (&id, (text, _)) in &self.glyphs {
            to_unicode.pair_with_multiple(id, text.chars());
        }
        let cmap_bytes = deflate(&to_unicode.finish());
        pdf.cmap(cmap, &cmap_bytes).filter(Filter::FlateDecode);
        Ok(())
    }
}

/// A PDF name-safe version of a font label.
/// The face's descender as `Face::descender` picks it (typographic metrics
/// when `USE_TYPO_METRICS` is set, else `hhea`, else the OS/2 typographic,
/// else the negated `usWinDescent`), without variation deltas and without
/// ttf-parser 0.25.1's `i16` negation of `usWinDescent`, which panics for
/// -32768 where overflow checks are on (found by the `image` fuzz target).
fn descender(face: &ttf_parser::Face<'_>, data: &[u8]) -> f32 {
    let os2 = face.tables().os2;
    if let Some(os2) = os2.filter(|t| t.use_typographic_metrics()) {
        return f32::from(os2.typographic_descender());
    }
    let hhea = face.tables().hhea.descender;
    if hhea != 0 {
        return f32::from(hhea);
    }
    let Some(os2) = os2 else {
        return 0.0;
    };
    if os2.typographic_descender() != 0 {
        return f32::from(os2.typographic_descender());
    }
    // usWinDescent: a u16 at byte 76 of OS/2 (ttf-parser reads it as i16).
    crate::font::raw_tables(data, b"OS/2")
        .last()
        .and_then(|t| t.get(76..78))
        .map_or(0.0, |b| -f32::from(i16::from_be_bytes([b[0], b[1]])))
}

/// Refuse a font whose `name` table has a record with `offset + length` above
/// 65,535: subsetter 0.2.6 adds the two `u16`s unchecked (found by the `image`
/// fuzz target; a panic where overflow checks are on, a wrapped range
/// otherwise). `name` record layout (OpenType, `name` table): a 6-byte header
/// `version, count, storageOffset`, then `count` records of 12 bytes
/// `platformID, encodingID, languageID, nameID, length, offset`.
fn check_name_records(data: &[u8], label: &str) -> Result<()> {
    for table in crate::font::raw_tables(data, b"name") {
        check_name_table(table, label)?;
    }
    Ok(())
}

fn check_name_table(table: &[u8], label: &str) -> Result<()> {
    let count = table
        .get(2..4)
        .map_or(0, |c| usize::from(u16::from_be_bytes([c[0], c[1]])));
    for record in table
        .get(6..)
        .unwrap_or_default()
        .chunks_exact(12)
        .take(count)
    {
        let length = u32::from(u16::from_be_bytes([record[8], record[9]]));
        let offset = u32::from(u16::from_be_bytes([record[10], record[11]]));
        if offset + length > u32::from(u16::MAX) {
            return Err(Error::InvalidInput(format!(
                "the font {label} has a name record past 64 KiB (offset {offset}, length {length})"
            )));
        }
    }
    Ok(())
}

fn sanitize(label: &str) -> String {
    label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
