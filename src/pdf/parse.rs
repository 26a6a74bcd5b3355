//! Reading PDF files strictly, for signature verification.
//!
//! This reader never repairs: a file that does not follow the grammar of
//! ISO 32000-1 (§7.2 lexical conventions, §7.3 objects, §7.5 file structure)
//! is an error naming what was wrong and the byte offset. A verifier must see
//! one unambiguous document, so:
//!
//! - every token and object keeps its byte span, so that a signature's
//!   `/Contents` gap can be checked to be exactly one string token;
//! - dictionaries keep their key order and record duplicate keys, which
//!   [`Dictionary::get`] reports as an error instead of picking one;
//! - stream data is located by `/Length` only, never by searching for
//!   `endstream`;
//! - cross-reference sections are kept per revision (the `/Prev` chain), so
//!   that an object can be resolved in the view of any revision
//!   ([`Document::resolve_in`]);
//! - every resource is bounded by a [`Limits`] value.
//!
//! ```
//! use gmseal::pdf::parse::{Document, Limits};
//!
//! let pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
//! 2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n\
//! xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n\
//! trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n";
//! let doc = Document::parse(pdf, &Limits::default())?;
//! assert_eq!(doc.revisions().len(), 1);
//! let catalog = doc.catalog()?;
//! assert!(catalog.get(b"Pages")?.is_some());
//! # Ok::<(), gmseal::Error>(())
//! ```

mod document;
mod filter;
pub(crate) mod lexer;
mod limits;
pub(crate) mod object;
mod skeleton;
mod xref;

pub use document::Document;
pub use lexer::{Keyword, Lexer, Token, TokenKind};
pub use limits::Limits;
pub use object::{Dictionary, IndirectObject, ObjRef, Object, PdfString, Stream};
pub use skeleton::{Hole, Skeleton};
pub use xref::{Revision, XrefEntry, XrefKind};

use crate::Error;
use crate::error::DecodeError;

/// A parse error at byte `offset` of the data being read.
pub(crate) fn err(detail: impl Into<String>, offset: usize) -> Error {
    Error::Decode(DecodeError {
        what: "PDF",
        detail: detail.into(),
        offset: Some(offset),
    })
}

/// A parse error without a meaningful byte offset (a reference, not a place).
pub(crate) fn err_nowhere(detail: impl Into<String>) -> Error {
    Error::Decode(DecodeError {
        what: "PDF",
        detail: detail.into(),
        offset: None,
    })
}

/// A [`Limits`] value exceeded at byte `offset`.
pub(crate) fn limit_err(name: &str, value: usize, offset: usize) -> Error {
    Error::LimitExceeded(DecodeError {
        what: "PDF",
        detail: format!("exceeds the limit {name} = {value}"),
        offset: Some(offset),
    })
}
