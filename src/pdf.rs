//! PDF documents: writing PDF/A-3b e-license pages (module [`self::write`]).
//!
//! Reading, signing and verifying signed PDFs come in later modules; see
//! `design.md` for the layering.

pub mod parse;
pub mod sign;
pub mod verify;
pub mod write;
