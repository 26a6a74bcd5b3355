//! Document time stamps (ISO 32000-2 §12.8.5, ETSI EN 319 142-1 §5.4.3): an
//! invisible signature field whose dictionary is
//!
//! ```text
//! << /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161
//!    /ByteRange [0 a b c] /Contents <TimeStampToken> >>
//! ```
//!
//! where the RFC 3161 token's message imprint is the SM3 of the `/ByteRange`
//! bytes. It proves the document existed, as it is, at the token's
//! `genTime`; after a `/P 1` certification it is a permitted change, and it
//! protects DSS validation data added before it (PAdES B-LTA).

use super::field::{self, Spec};
use super::{Placement, PreparedPdf};
use crate::Result;
use crate::pdf::parse::{Document, Limits};
use crate::time::Timestamp;
use crate::tsp::TimestampBuilder;

/// `pdf` with an incremental update adding a document time stamp from `tsa`.
///
/// # Errors
/// When `pdf` does not parse strictly or is encrypted, or the TSA fails.
///
/// ```
/// # fn main() -> gmseal::Result<()> {
/// # let (_root, tsa_key, tsa, now) = gmseal::tsp::__doc::tsa()?;
/// # let pdf = gmseal::pdf::sign::__doc::unsigned_pdf()?;
/// use gmseal::crypto::SystemRandom;
/// use gmseal::pdf::parse::Limits;
/// use gmseal::tsp::TimestampBuilder;
/// use gmseal::{FixedClock, oid};
/// let clock = FixedClock(now);
/// let tsa = TimestampBuilder::new(&tsa, &tsa_key, oid::TEST_POLICY, &clock, &SystemRandom);
/// let stamped = gmseal::pdf::sign::add_document_timestamp(&pdf, &tsa, now, &Limits::default())?;
/// assert!(stamped.starts_with(&pdf));
/// # Ok(()) }
/// ```
pub fn add_document_timestamp(
    pdf: &[u8],
    tsa: &TimestampBuilder<'_>,
    time: Timestamp,
    limits: &Limits,
) -> Result<Vec<u8>> {
    let prepared = prepare_document_timestamp(pdf, tsa, time, limits)?;
    let token = tsa.stamp_digest(&prepared.digest())?;
    prepared.embed(&token)
}

/// The update with an empty `/Contents` sized for `tsa`'s tokens: a token
/// over a dummy digest, plus room for a longer signature and serial.
fn prepare_document_timestamp(
    pdf: &[u8],
    tsa: &TimestampBuilder<'_>,
    time: Timestamp,
    limits: &Limits,
) -> Result<PreparedPdf> {
    let probe = tsa.stamp_digest(&[0; 32])?;
    let doc = Document::parse(pdf, limits)?;
    field::prepare(
        pdf,
        &doc,
        &Spec {
            kind: "DocTimeStamp",
            sub_filter: "ETSI.RFC3161",
            entries: Vec::new(),
            certify: None,
            capacity: probe.len() + 32,
            field_name: None,
            name_prefix: "Timestamp",
            placement: Placement::Invisible { page: 1 },
            appearance: None,
        },
        time,
    )
}
