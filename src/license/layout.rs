//! Line breaking for Chinese text mixed with Latin words and digits.
//!
//! Chinese may break between any two characters; Latin words and numbers stay
//! whole unless a word alone is wider than the line. The usual line-start and
//! line-end rules (避头尾, GB/T 15834 usage): closing punctuation never
//! starts a line and opening punctuation never ends one, so each is kept with
//! its neighbour. A newline in the text always breaks.

use crate::Result;

/// Closing punctuation that may not start a line.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '”'
            | '’'
            | '…'
            | '—'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '%'
            | '％'
    )
}

/// Opening punctuation that may not end a line.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '《' | '「' | '『' | '【' | '〔' | '“' | '‘' | '(' | '['
    )
}

/// Characters that break like Chinese: each one is a unit.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c), 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// The units of `paragraph` that must stay on one line, each with the space
/// that precedes it.
fn units(paragraph: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    let mut space_before = false;
    let mut glue_next = false;
    for c in paragraph.chars() {
        if c == ' ' {
            space_before = !out.is_empty();
            glue_next = false;
            continue;
        }
        let last_is_word = out.last().is_some_and(|(_, u)| {
            u.chars()
                .last()
                .is_some_and(|l| !is_cjk(l) && !is_closing(l))
        });
        let attach = !space_before
            && !out.is_empty()
            && (glue_next || is_closing(c) || (!is_cjk(c) && !is_opening(c) && last_is_word));
        if attach {
            if let Some((_, u)) = out.last_mut() {
                u.push(c);
            }
        } else {
            out.push((space_before, c.to_string()));
        }
        space_before = false;
        glue_next = is_opening(c);
    }
    out
}

/// Break `text` into lines no wider than `width` as measured by `measure`
/// (advances add up: no kerning). A unit wider than a line by itself is broken
/// between characters.
///
/// # Errors
/// Whatever `measure` returns (a character missing from the font).
pub(crate) fn wrap(
    text: &str,
    width: f32,
    mut measure: impl FnMut(&str) -> Result<f32>,
) -> Result<Vec<String>> {
    let space = measure(" ")?;
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let (mut line, mut line_width) = (String::new(), 0.0f32);
        for (space_before, unit) in units(paragraph) {
            let unit_width = measure(&unit)?;
            let gap = if space_before && !line.is_empty() {
                space
            } else {
                0.0
            };
            if line.is_empty() && unit_width <= width || line_width + gap + unit_width <= width {
                if gap > 0.0 {
                    line.push(' ');
                }
                line.push_str(&unit);
                line_width += gap + unit_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            if unit_width <= width {
                line = unit;
                line_width = unit_width;
                continue;
            }
            // A unit longer than a whole line: break it between characters.
            let mut buf = [0u8; 4];
            for c in unit.chars() {
                let w = measure(c.encode_utf8(&mut buf))?;
                if !line.is_empty() && line_width + w > width {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += w;
            }
        }
        lines.push(line);
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// One unit per character, Latin half as wide.
    fn measure(s: &str) -> Result<f32> {
        Ok(s.chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum())
    }

    #[test]
    fn chinese_breaks_anywhere_but_not_before_closing_punctuation() {
        assert_eq!(
            wrap("一二三四五六七", 3.0, measure).unwrap(),
            ["一二三", "四五六", "七"]
        );
        // "。" may not start a line: it goes with 三.
        let lines = wrap("一二三。四五", 3.0, measure).unwrap();
        assert_eq!(lines, ["一二", "三。四", "五"]);
        // "（" may not end a line.
        assert_eq!(
            wrap("一二（三）", 3.0, measure).unwrap(),
            ["一二", "（三）"]
        );
    }

    #[test]
    fn latin_words_stay_whole() {
        assert_eq!(wrap("ab cd ef", 2.5, measure).unwrap(), ["ab cd", "ef"]);
        assert_eq!(wrap("技术abc", 3.0, measure).unwrap(), ["技术", "abc"]);
        assert_eq!(wrap("abcdefgh", 2.0, measure).unwrap(), ["abcd", "efgh"]);
        assert_eq!(wrap("一\n二", 5.0, measure).unwrap(), ["一", "二"]);
        assert_eq!(wrap("", 5.0, measure).unwrap(), [""]);
    }
}
