//! Long-term validation data: the Document Security Store (ISO 32000-2
//! §12.8.4.3, ETSI EN 319 142-1 §5.4.2), added in its own incremental update
//! after the signatures it serves.
//!
//! ```text
//! << /Type /DSS                 % optional
//!    /Certs [ stream ... ]      % each a DER certificate
//!    /CRLs  [ stream ... ]      % each a DER CRL
//!    /OCSPs [ stream ... ]      % each a DER OCSP response
//!    /VRI   << ... >> >>        % optional; validators must not require it
//! ```
//!
//! An existing `/DSS` is extended: its arrays keep their entries, the new
//! streams are appended, and data already present (same DER) is not added
//! again. The catalog and the DSS dictionary are the only objects rewritten.

use super::serialize::{write_dictionary, write_object};
use super::update::NewObject;
use crate::pdf::parse::{Dictionary, Document, Limits, ObjRef, Object};
use crate::time::Timestamp;
use crate::{Error, Result};

/// `pdf` with an incremental update adding `certificates` and `crls` (DER)
/// to the Document Security Store.
///
/// # Errors
/// When `pdf` does not parse strictly or is encrypted, or `/DSS` is malformed.
///
/// ```
/// # fn main() -> gmseal::Result<()> {
/// # let f = gmseal::seal::__doc::fixture()?;
/// # let pdf = gmseal::pdf::sign::__doc::unsigned_pdf()?;
/// use gmseal::pdf::parse::Limits;
/// let with_dss = gmseal::pdf::sign::add_dss(&pdf, &[f.root.der(), f.signer.der()], &[], f.now, &Limits::default())?;
/// assert!(with_dss.starts_with(&pdf));
/// # Ok(()) }
/// ```
pub fn add_dss(
    pdf: &[u8],
    certificates: &[&[u8]],
    crls: &[&[u8]],
    time: Timestamp,
    limits: &Limits,
) -> Result<Vec<u8>> {
    let doc = Document::parse(pdf, limits)?;
    let (catalog_ref, catalog, last, mut update) = super::update::start(&doc)?;
    let (dss_ref, dss) = match catalog.get(b"DSS")? {
        None => (None, Dictionary::default()),
        Some(Object::Reference(r)) => match doc.resolve(*r)? {
            Object::Dictionary(d) => (Some(*r), d),
            _ => return Err(Error::InvalidInput("/DSS is not a dictionary".into())),
        },
        Some(Object::Dictionary(d)) => (None, d.clone()),
        Some(_) => return Err(Error::InvalidInput("/DSS is not a dictionary".into())),
    };
    let mut replace: Vec<(&[u8], Vec<u8>)> = Vec::new();
    for (key, items) in [(&b"Certs"[..], certificates), (b"CRLs", crls)] {
        let mut array = match dss.get(key)?.map(|a| doc.deref(a)).transpose()? {
            None => Vec::new(),
            Some(Object::Array(a)) => a,
            Some(_) => {
                return Err(Error::InvalidInput(format!(
                    "/DSS /{} is not an array",
                    String::from_utf8_lossy(key)
                )));
            }
        };
        let present: Vec<Vec<u8>> = array
            .iter()
            .filter_map(|o| doc.deref(o).ok())
            .filter_map(|o| doc.stream_data(&o).ok())
            .collect();
        let mut added = false;
        for der in items {
            if present.iter().any(|p| p.as_slice() == *der) {
                continue;
            }
            let num = update.allocate();
            let mut body = format!("<</Length {}>>\nstream\n", der.len()).into_bytes();
            body.extend_from_slice(der);
            body.extend_from_slice(b"\nendstream");
            update.push(NewObject::new(num, body));
            array.push(Object::Reference(ObjRef { num, generation: 0 }));
            added = true;
        }
        if added {
            let mut raw = Vec::new();
            write_object(&mut raw, &Object::Array(array))?;
            replace.push((key, raw));
        }
    }
    if replace.is_empty() {
        return Ok(pdf.to_vec());
    }
    let mut dss_body = Vec::new();
    write_dictionary(&mut dss_body, &dss, &replace)?;
    match dss_ref {
        Some(r) => update.push(NewObject::with_generation(r, dss_body)),
        None => {
            let num = update.allocate();
            update.push(NewObject::new(num, dss_body));
            let mut catalog_body = Vec::new();
            write_dictionary(
                &mut catalog_body,
                &catalog,
                &[(b"DSS", format!("{num} 0 R").into_bytes())],
            )?;
            update.push(NewObject::with_generation(catalog_ref, catalog_body));
        }
    }
    Ok(update.finish(pdf, last, &doc, time)?.0)
}
