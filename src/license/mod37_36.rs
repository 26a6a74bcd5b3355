//! The ISO/IEC 7064 MOD 37,36 hybrid check character (GB/T 17710-2008), which
//! GB/T 36904 uses for the last segment of an e-license identifier.
//!
//! ```text
//! alphabet 0-9 A-Z, values 0..=35, M = 36
//! P := 36
//! for each character c:  s := (P + value(c)) mod 36, 0 → 36;  P := 2s mod 37
//! check := alphabet[(37 − P) mod 36]          (makes the final s equal 1)
//! ```
//!
//! ```
//! use gmseal::license::mod37_36;
//! assert_eq!(mod37_36::check_char("A12425GABC1234002"), Ok('M'));
//! assert!(mod37_36::is_valid("A12425GABC1234002M"));
//! ```

use crate::license::codes::CodeProblem;

/// The 36 characters, in value order.
pub const ALPHABET: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn value(ch: char) -> Option<u32> {
    match ch {
        '0'..='9' | 'A'..='Z' => ch.to_digit(36),
        _ => None,
    }
}

/// Run the recursion over `text`; returns (P, last s).
fn run(text: &str) -> Result<(u32, u32), CodeProblem> {
    let (mut p, mut s) = (36u32, 0u32);
    for (i, ch) in text.chars().enumerate() {
        let v = value(ch).ok_or(CodeProblem::BadCharacter {
            position: i + 1,
            ch,
        })?;
        s = (p + v) % 36;
        if s == 0 {
            s = 36;
        }
        p = (2 * s) % 37;
    }
    Ok((p, s))
}

/// The check character to append to `text` (upper-case `0-9A-Z`).
///
/// # Errors
/// When `text` is empty or holds a character outside [`ALPHABET`] (lower case
/// included: upper-case first if the data allows it).
pub fn check_char(text: &str) -> Result<char, CodeProblem> {
    if text.is_empty() {
        return Err(CodeProblem::Empty);
    }
    let (p, _) = run(text)?;
    let index = (37 - p) % 36;
    Ok(ALPHABET
        .chars()
        .nth(usize::try_from(index).unwrap_or(0))
        .unwrap_or('0'))
}

/// Whether `text` ends with its correct check character: at least two
/// characters of [`ALPHABET`], and the recursion over all of them ends with
/// s = 1.
pub fn is_valid(text: &str) -> bool {
    text.chars().count() >= 2 && matches!(run(text), Ok((_, 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_vectors() {
        // e-license.md §3.4 (jprante/elasticsearch-plugin-bundle MOD3736Tests).
        for v in [
            "A12425GABC1234002M",
            "B159D8FA01240000K",
            "188166C7342000003",
        ] {
            assert!(is_valid(v), "{v}");
            let (body, check) = v.split_at(v.len() - 1);
            assert_eq!(check_char(body).map(String::from), Ok(check.to_owned()));
        }
        assert!(!is_valid("A12425GABC1234002N"));
        assert!(!is_valid("B159D8FA01240000"));
        assert!(!is_valid("M"));
        assert!(!is_valid("a12425GABC1234002M"));
    }

    #[test]
    fn worked_example() {
        // e-license.md §3.3: P ends at 7, check = (37 − 7) mod 36 = 30 = 'U'.
        let payload = "11100000000013338W01111430000006122244L20230000403001";
        assert_eq!(payload.len(), 53);
        assert_eq!(run(payload).map(|(p, _)| p), Ok(7));
        assert_eq!(check_char(payload), Ok('U'));
    }

    #[test]
    fn every_single_substitution_is_detected() {
        let v = "11100000000013338W01111430000006122244L20230000403001U";
        let chars: Vec<char> = v.chars().collect();
        for i in 0..chars.len() {
            for c in ALPHABET.chars().filter(|c| *c != chars[i]) {
                let mut w = chars.clone();
                w[i] = c;
                let w: String = w.into_iter().collect();
                assert!(!is_valid(&w), "{w}");
            }
        }
    }

    #[test]
    fn errors() {
        assert_eq!(check_char(""), Err(CodeProblem::Empty));
        assert_eq!(
            check_char("AB-1"),
            Err(CodeProblem::BadCharacter {
                position: 3,
                ch: '-'
            })
        );
    }
}
