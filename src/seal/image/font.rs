//! The CJK font bundled with gmseal, so seal images (and, later, e-license
//! PDFs) never depend on the fonts of the machine they are made on.
//!
//! `assets/fonts/NotoSerifSC-gmseal.ttf` is a subset of Noto Serif CJK SC
//! Regular (SIL Open Font License 1.1, see `assets/fonts/OFL.txt`): printable
//! ASCII, CJK punctuation, fullwidth forms and every character of GB 2312
//! (all 6,763 hanzi), TrueType outlines (converted from CFF), no hinting. `scripts/make-font-subset.sh`
//! rebuilds it; `assets/fonts/README.md` says how and from what.

use crate::font::BUNDLED_FONT;
use crate::{DecodeError, Result};

/// What the bundled font is called in error messages.
const BUNDLED_FONT_NAME: &str = "bundled font NotoSerifSC-gmseal.ttf";

/// Parses the bundled font.
///
/// # Errors
///
/// [`Error::Decode`](crate::Error::Decode) if the font cannot be parsed (a
/// broken build: the file is compiled in).
pub(crate) fn bundled_face() -> Result<ttf_parser::Face<'static>> {
    parse_face(BUNDLED_FONT, BUNDLED_FONT_NAME)
}

/// Parses the first face of an OpenType/TrueType font file; `what` names the
/// font in the error.
///
/// # Errors
///
/// [`Error::Decode`](crate::Error::Decode) naming `what` and the problem.
pub(crate) fn parse_face<'a>(data: &'a [u8], what: &'static str) -> Result<ttf_parser::Face<'a>> {
    ttf_parser::Face::parse(data, 0).map_err(|e| DecodeError::new(what, e.to_string()).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_font_has_gb2312_hanzi_and_ascii() {
        let face = bundled_face().unwrap();
        assert_eq!(face.units_per_em(), 1000);
        // First and last GB 2312 hanzi (B0A1 啊, F7FE 齄), seal words, ASCII.
        for c in "啊齄某市人民政府办公室合同专用章财务发票0123456789AZaz-（）·".chars()
        {
            assert!(face.glyph_index(c).is_some(), "{c} missing");
        }
        // Outside the subset (CJK Extension B).
        assert!(face.glyph_index('\u{20000}').is_none());
    }

    #[test]
    fn broken_font_is_a_decode_error() {
        let e = parse_face(b"not a font", "test font").unwrap_err();
        assert_eq!(e.code(), "decode.malformed");
        assert!(e.to_string().contains("test font"), "{e}");
    }
}
