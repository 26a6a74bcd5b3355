//! Fonts: the CJK font bundled with gmseal, and fonts callers supply.
//!
//! gmseal never reads the fonts of the machine it runs on. The bundled font is
//! `assets/fonts/NotoSerifSC-gmseal.ttf`: a subset of Noto Serif CJK SC Regular
//! (SIL Open Font License 1.1, `assets/fonts/OFL.txt`) with printable ASCII,
//! Latin-1, CJK punctuation, fullwidth forms and every character of GB 2312,
//! in TrueType outlines; `scripts/make-font-subset.sh` rebuilds it and
//! `assets/fonts/README.md` says from what. Seal images and e-license PDFs use it.

use crate::{DecodeError, Error, Result};
use std::sync::{Arc, LazyLock};

/// The bytes of the bundled font (a TrueType file, about 2.8 MB).
pub(crate) const BUNDLED_FONT: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/NotoSerifSC-gmseal.ttf"
));

static BUNDLED: LazyLock<Font> = LazyLock::new(|| Font {
    data: Arc::from(BUNDLED_FONT),
    label: "NotoSerifSC-gmseal".into(),
});

/// A TrueType or OpenType font with a Unicode `cmap`, shared cheaply (`Clone` is a reference count).
///
/// ```
/// use gmseal::font::Font;
/// let font = Font::bundled();
/// assert!(font.missing_chars("电子证照 2026").is_empty());
/// let width = font.text_width("营业执照", 20.0)?; // points at 20 pt
/// assert!(width > 70.0 && width < 90.0);
/// # Ok::<(), gmseal::Error>(())
/// ```
#[derive(Clone)]
pub struct Font {
    data: Arc<[u8]>,
    label: String,
}

impl core::fmt::Debug for Font {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Font({}, {} bytes)", self.label, self.data.len())
    }
}

impl Font {
    /// The bundled Noto Serif CJK SC subset.
    pub fn bundled() -> &'static Font {
        &BUNDLED
    }

    /// A font from the bytes of a TrueType/OpenType file (the first face of a collection).
    /// `label` names it in messages and becomes its PDF name.
    ///
    /// # Errors
    /// [`Error::Decode`] when the file does not parse, or has no Unicode `cmap`.
    pub fn from_bytes(data: Vec<u8>, label: &str) -> Result<Self> {
        let font = Self {
            data: Arc::from(data),
            label: label.to_owned(),
        };
        let face = font.face()?;
        if face.tables().cmap.is_none()
            || face.glyph_index('A').is_none() && face.glyph_index('中').is_none()
        {
            return Err(
                DecodeError::new("font", format!("{label} has no usable Unicode cmap")).into(),
            );
        }
        Ok(font)
    }

    /// The font's label.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The file's bytes.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The parsed face (cheap: the table directory is read, nothing is copied).
    ///
    /// # Errors
    /// [`Error::Decode`] if the bytes do not parse (checked on construction).
    pub fn face(&self) -> Result<ttf_parser::Face<'_>> {
        check_collection_header(&self.data, &self.label)?;
        check_eager_tables(&self.data, &self.label)?;
        let face = ttf_parser::Face::parse(&self.data, 0)
            .map_err(|e| DecodeError::new("font", format!("{}: {e}", self.label)))?;
        check_cmap_counts(&self.data, &self.label)?;
        Ok(face)
    }

    /// The characters of `text` the font cannot show (each once, in order).
    pub fn missing_chars(&self, text: &str) -> Vec<char> {
        let Ok(face) = self.face() else {
            return text.chars().collect();
        };
        let mut missing = Vec::new();
        for c in text.chars() {
            if !c.is_control() && face.glyph_index(c).is_none() && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }

    /// The advance width of `text` at `size` (same unit as `size`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming a character the font lacks.
    pub fn text_width(&self, text: &str, size: f32) -> Result<f32> {
        let face = self.face()?;
        let upm = f32::from(face.units_per_em());
        let mut width = 0.0;
        for c in text.chars() {
            width += f32::from(advance(&face, c, &self.label)?.1) * size / upm;
        }
        Ok(width)
    }
}

/// The glyph id and advance (font units) of `c`.
pub(crate) fn advance(face: &ttf_parser::Face<'_>, c: char, label: &str) -> Result<(u16, u16)> {
    let gid = face.glyph_index(c).ok_or_else(|| {
        Error::InvalidInput(format!(
            "character {c:?} (U+{:04X}) is not in the font {label}",
            u32::from(c)
        ))
    })?;
    Ok((gid.0, face.glyph_hor_advance(gid).unwrap_or(0)))
}

/// Every table tagged `tag` in the table directory of the file's first face
/// (a collection's first offset), found by a linear scan. ttf-parser's own
/// `RawFace::table` searches the directory by bisection, which misses tables
/// of an unsorted directory that its `Face::parse` (a linear scan) still
/// uses, so the checks below look at every table of the tag. Directory: a
/// 12-byte header (`numTables` at byte 4), then 16-byte records `tag,
/// checksum, offset32, length32`.
pub(crate) fn raw_tables<'a>(data: &'a [u8], tag: &[u8; 4]) -> Vec<&'a [u8]> {
    let u32_at = |at: usize| {
        data.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            .and_then(|v| usize::try_from(v).ok())
    };
    let start = if data.starts_with(b"ttcf") {
        u32_at(12).unwrap_or(usize::MAX)
    } else {
        0
    };
    let count = data
        .get(start.saturating_add(4)..start.saturating_add(6))
        .map_or(0, |n| usize::from(u16::from_be_bytes([n[0], n[1]])));
    (0..count)
        .filter_map(|i| {
            let record = start + 12 + 16 * i;
            if data.get(record..record + 4)? != tag {
                return None;
            }
            let (offset, length) = (u32_at(record + 8)?, u32_at(record + 12)?);
            data.get(offset..offset.checked_add(length)?)
        })
        .collect()
}

/// Refuse `sbix` and `COLR` (v1) tables whose 32-bit counts claim more
/// entries than the table holds: `Face::parse` reads them eagerly and sizes
/// arrays from those counts with only a `debug_assert!` against overflow
/// (see [`check_cmap_counts`]). Layouts: `sbix` `version, flags, numStrikes32`,
/// then 4-byte offsets from byte 8; `COLR` v1 `baseGlyphListOffset`,
/// `layerListOffset`, `clipListOffset` at bytes 14, 18, 22, pointing at a
/// `count32` followed by 6-byte records, 4-byte offsets, and (after a format
/// byte) 7-byte clip records.
fn check_eager_tables(data: &[u8], label: &str) -> Result<()> {
    let u32_at = |d: &[u8], at: usize| {
        d.get(at..at + 4)
            .map(|b| u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])))
    };
    let fits = |d: &[u8], count_at: u64, size: u64| {
        usize::try_from(count_at)
            .ok()
            .and_then(|at| u32_at(d, at))
            .is_none_or(|n| count_at + 4 + n * size <= d.len() as u64)
    };
    let mut ok = true;
    for sbix in raw_tables(data, b"sbix") {
        ok &= fits(sbix, 4, 4);
    }
    for colr in raw_tables(data, b"COLR") {
        let version = colr
            .get(0..2)
            .map_or(0, |v| u16::from_be_bytes([v[0], v[1]]));
        if version != 0 {
            // baseGlyphListOffset is read even when 0 (then the count is
            // read from the header); the other two are optional (0 = none).
            for (field, size, skip, optional) in
                [(14, 6, 0, false), (18, 4, 0, true), (22, 7, 1, true)]
            {
                match u32_at(colr, field) {
                    None => {}
                    Some(0) if optional => {}
                    Some(offset) => ok &= fits(colr, offset + skip, size),
                }
            }
        }
    }
    if ok {
        Ok(())
    } else {
        Err(DecodeError::new(
            "font",
            format!("{label}: an sbix or COLR table claims more entries than it holds"),
        )
        .into())
    }
}

/// Refuse a `cmap` whose format 10, 12, 13 or 14 subtables claim more
/// entries than the table holds. ttf-parser 0.25.1 sizes those arrays from
/// the 32-bit counts with only a `debug_assert!` against overflow (a panic
/// where debug assertions are on; found by the `image` fuzz target), so the
/// counts are checked here first, against the bytes actually present.
///
/// Layouts (OpenType `cmap`): header `version, numTables`, then records
/// `platformID, encodingID, offset32`; format 10 `numChars` at byte 16
/// (2-byte glyphs from 20); formats 12 and 13 `numGroups` at 12 (12-byte
/// groups from 16); format 14 `numVarSelectorRecords` at 6 (11-byte records
/// from 10: `varSelector24, defaultUVSOffset32, nonDefaultUVSOffset32`),
/// default UVS tables `numUnicodeValueRanges` (4-byte ranges), non-default
/// UVS tables `numUVSMappings` (5-byte mappings).
fn check_cmap_counts(data: &[u8], label: &str) -> Result<()> {
    for cmap in raw_tables(data, b"cmap") {
        check_cmap(cmap, label)?;
    }
    Ok(())
}

fn check_cmap(cmap: &[u8], label: &str) -> Result<()> {
    let u16_at = |d: &[u8], at: usize| d.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let u32_at = |d: &[u8], at: usize| {
        d.get(at..at + 4)
            .map(|b| u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])))
    };
    // An array of `count` items of `size` bytes from `start` must fit in `d`.
    let fits = |d: &[u8], count: Option<u64>, start: u64, size: u64| {
        count.is_none_or(|n| start + n * size <= d.len() as u64)
    };
    let bad = || -> Error {
        DecodeError::new(
            "font",
            format!("{label}: a cmap subtable claims more entries than it holds"),
        )
        .into()
    };
    let tables = u16_at(cmap, 2).unwrap_or(0);
    for i in 0..usize::from(tables) {
        let Some(offset) = u32_at(cmap, 4 + 8 * i + 4) else {
            break;
        };
        let Some(sub) = usize::try_from(offset).ok().and_then(|o| cmap.get(o..)) else {
            continue;
        };
        let ok = match u16_at(sub, 0) {
            Some(10) => fits(sub, u32_at(sub, 16), 20, 2),
            Some(12 | 13) => fits(sub, u32_at(sub, 12), 16, 12),
            Some(14) => {
                let count = u32_at(sub, 6);
                fits(sub, count, 10, 11)
                    && (0..count.unwrap_or(0)).all(|r| {
                        // Fits in `sub` (checked just above), so in usize.
                        let Ok(at) = usize::try_from(10 + 11 * r) else {
                            return false;
                        };
                        [(at + 3, 4u64), (at + 7, 5u64)]
                            .iter()
                            .all(|&(field, size)| {
                                match u32_at(sub, field).and_then(|o| usize::try_from(o).ok()) {
                                    Some(0) | None => true,
                                    Some(o) => sub
                                        .get(o..)
                                        .is_none_or(|uvs| fits(uvs, u32_at(uvs, 0), 4, size)),
                                }
                            })
                    })
            }
            _ => true,
        };
        if !ok {
            return Err(bad());
        }
    }
    Ok(())
}

/// Refuse a TrueType collection (`ttcf`) whose header claims more face
/// offsets than the file holds: ttf-parser 0.25.1 checks that with a
/// `debug_assert!` (a panic where debug assertions are on; found by the
/// `image` fuzz target). Header: `ttcf`, version (4 bytes), `numFonts`
/// (u32), then `numFonts` 32-bit offsets.
fn check_collection_header(data: &[u8], label: &str) -> Result<()> {
    if !data.starts_with(b"ttcf") {
        return Ok(());
    }
    let count = data.get(8..12).map_or(0, |n| {
        u64::from(u32::from_be_bytes([n[0], n[1], n[2], n[3]]))
    });
    if 12 + 4 * count > data.len() as u64 {
        return Err(DecodeError::new(
            "font",
            format!("{label}: the collection header lists {count} fonts, more than the file holds"),
        )
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_font_covers_gb2312_and_reports_missing() {
        let font = Font::bundled();
        assert!(
            font.missing_chars(
                "中华人民共和国营业执照（副本）：统一社会信用代码 91330106MA2AXK9X3B"
            )
            .is_empty()
        );
        assert_eq!(font.missing_chars("𠀀a𠀀"), vec!['𠀀']);
        let e = font.text_width("a𠀀", 10.0).unwrap_err();
        assert!(e.to_string().contains("U+20000"), "{e}");
        assert!(Font::from_bytes(b"not a font".to_vec(), "junk").is_err());
        let copy = Font::from_bytes(BUNDLED_FONT.to_vec(), "copy").unwrap();
        assert_eq!(
            copy.text_width("电子", 12.0).unwrap(),
            font.text_width("电子", 12.0).unwrap()
        );
    }
}
