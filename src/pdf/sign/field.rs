//! The signature field, its widget and appearance, and the signature
//! dictionary with room for its value: the update every kind of signature
//! (seals, document timestamps) shares.

use super::appearance::Encoded;
use super::serialize::{write_dictionary, write_name, write_object, write_real, write_text_string};
use super::update::NewObject;
use super::{BYTE_RANGE_WIDTH, DocMdp, PT_PER_MM, Placement, PreparedPdf, document};
use crate::pdf::parse::{Document, ObjRef, Object};
use crate::time::Timestamp;
use crate::{Error, Result};
use std::io::Write as _;

/// What to write.
#[derive(Debug)]
pub(crate) struct Spec<'a> {
    /// `/Type`: `Sig` or `DocTimeStamp`.
    pub(crate) kind: &'a str,
    /// `/SubFilter`.
    pub(crate) sub_filter: &'a str,
    /// Further entries of the signature dictionary, PDF syntax (`/M ...`).
    pub(crate) entries: Vec<u8>,
    /// A DocMDP certification.
    pub(crate) certify: Option<DocMdp>,
    /// Bytes `/Contents` must hold.
    pub(crate) capacity: usize,
    /// The field's name, or the first unused `{name_prefix}N`.
    pub(crate) field_name: Option<String>,
    pub(crate) name_prefix: &'a str,
    pub(crate) placement: Placement,
    /// The appearance of a visible widget.
    pub(crate) appearance: Option<Encoded>,
}

/// `pdf` (read as `doc`) with one incremental update adding the field and an
/// empty signature dictionary; `/ByteRange` written.
pub(crate) fn prepare(
    pdf: &[u8],
    doc: &Document<'_>,
    spec: &Spec<'_>,
    time: Timestamp,
) -> Result<PreparedPdf> {
    let (catalog_ref, catalog, last, mut update) = super::update::start(doc)?;
    let form = document::read_form(doc, &catalog)?;
    let page = document::find_page(doc, &catalog, spec.placement.page().saturating_sub(1))
        .map_err(|e| match spec.placement.page() {
            0 => Error::InvalidInput("pages are numbered from 1".into()),
            _ => e,
        })?;

    let sig_num = update.allocate();
    let field_num = update.allocate();

    // The widget rectangle in default user space.
    let [llx, lly, urx, ury] = page.media_box;
    let rect = match spec.placement {
        Placement::Invisible { .. } => [0.0; 4],
        Placement::Rect {
            x_mm,
            y_mm,
            width_mm,
            height_mm,
            ..
        } => {
            if !(width_mm > 0.0 && height_mm > 0.0 && x_mm.is_finite() && y_mm.is_finite()) {
                return Err(Error::InvalidInput(
                    "the seal rectangle needs a positive width and height".into(),
                ));
            }
            let x0 = llx + x_mm * PT_PER_MM;
            let y1 = ury - y_mm * PT_PER_MM;
            let r = [
                x0,
                y1 - height_mm * PT_PER_MM,
                x0 + width_mm * PT_PER_MM,
                y1,
            ];
            if r[0] < llx - 0.01 || r[1] < lly - 0.01 || r[2] > urx + 0.01 || r[3] > ury + 0.01 {
                return Err(Error::InvalidInput(format!(
                    "the seal rectangle ({x_mm}, {y_mm}, {width_mm} x {height_mm} mm) is outside page {}",
                    spec.placement.page()
                )));
            }
            r
        }
    };

    // Appearance objects.
    let mut ap_ref = None;
    if let Some(encoded) = spec.appearance.as_ref().filter(|_| rect[2] > rect[0]) {
        #[allow(clippy::cast_possible_truncation)] // page sizes fit f32
        let (w, h) = ((rect[2] - rect[0]) as f32, (rect[3] - rect[1]) as f32);
        let first = update.allocate();
        let objects = encoded.objects(w, h, first);
        for _ in 1..objects.len() {
            update.allocate();
        }
        for (num, body) in (first..).zip(objects) {
            update.push(NewObject::new(num, body));
        }
        ap_ref = Some(first);
    }

    // The field merged with its widget.
    let field_name = match &spec.field_name {
        Some(n) if form.names.contains(n.as_bytes()) => {
            return Err(Error::InvalidInput(format!(
                "the form already has a field named {n:?}"
            )));
        }
        Some(n) => n.clone(),
        None => (1..)
            .map(|i| format!("{}{i}", spec.name_prefix))
            .find(|n| !form.names.contains(n.as_bytes()))
            .unwrap_or_default(),
    };
    let mut field = Vec::new();
    field.extend_from_slice(b"<</Type /Annot /Subtype /Widget /FT /Sig /T ");
    write_text_string(&mut field, &field_name);
    let _ = write!(
        field,
        " /V {sig_num} 0 R /F 132 /P {} {} R /Rect [",
        page.id.num, page.id.generation
    );
    for (i, v) in rect.iter().enumerate() {
        if i > 0 {
            field.push(b' ');
        }
        write_real(&mut field, *v);
    }
    field.push(b']');
    if let Some(ap) = ap_ref {
        let _ = write!(field, " /AP <</N {ap} 0 R>>");
    }
    field.extend_from_slice(b">>");
    update.push(NewObject::new(field_num, field));

    // The page's /Annots.
    let field_ref = format!("{field_num} 0 R");
    match page.dict.get(b"Annots")? {
        Some(Object::Reference(r)) => {
            let Object::Array(mut annots) = doc.resolve(*r)? else {
                return Err(Error::InvalidInput(format!(
                    "the /Annots of page {} is not an array",
                    spec.placement.page()
                )));
            };
            annots.push(Object::Reference(ObjRef {
                num: field_num,
                generation: 0,
            }));
            let mut body = Vec::new();
            write_object(&mut body, &Object::Array(annots))?;
            update.push(NewObject::with_generation(*r, body));
        }
        Some(Object::Array(annots)) => {
            let mut annots = annots.clone();
            annots.push(Object::Reference(ObjRef {
                num: field_num,
                generation: 0,
            }));
            let mut raw = Vec::new();
            write_object(&mut raw, &Object::Array(annots))?;
            let mut body = Vec::new();
            write_dictionary(&mut body, &page.dict, &[(b"Annots", raw)])?;
            update.push(NewObject::with_generation(page.id, body));
        }
        None => {
            let mut body = Vec::new();
            write_dictionary(
                &mut body,
                &page.dict,
                &[(b"Annots", format!("[{field_ref}]").into_bytes())],
            )?;
            update.push(NewObject::with_generation(page.id, body));
        }
        Some(_) => {
            return Err(Error::InvalidInput(format!(
                "the /Annots of page {} is not an array",
                spec.placement.page()
            )));
        }
    }

    // The form: /Fields plus the new field, /SigFlags 3.
    let mut fields = form.fields.clone();
    fields.push(Object::Reference(ObjRef {
        num: field_num,
        generation: 0,
    }));
    let mut fields_raw = Vec::new();
    write_object(&mut fields_raw, &Object::Array(fields))?;
    let mut form_body = Vec::new();
    write_dictionary(
        &mut form_body,
        &form.dict,
        &[(b"Fields", fields_raw), (b"SigFlags", b"3".to_vec())],
    )?;
    let mut catalog_replace: Vec<(&[u8], Vec<u8>)> = Vec::new();
    match form.indirect {
        Some(r) => update.push(NewObject::with_generation(r, form_body)),
        None => catalog_replace.push((b"AcroForm", form_body)),
    }
    if let Some(p) = spec.certify {
        catalog_replace.push((b"Perms", format!("<</DocMDP {sig_num} 0 R>>").into_bytes()));
        let _ = p;
    }
    if !catalog_replace.is_empty() {
        let mut body = Vec::new();
        write_dictionary(&mut body, &catalog, &catalog_replace)?;
        update.push(NewObject::with_generation(catalog_ref, body));
    }

    // The signature dictionary, /ByteRange and /Contents last.
    let mut sig = Vec::new();
    let _ = write!(
        sig,
        "<</Type /{} /Filter /Adobe.PPKLite /SubFilter ",
        spec.kind
    );
    write_name(&mut sig, spec.sub_filter.as_bytes());
    sig.extend_from_slice(&spec.entries);
    let _ = write!(
        sig,
        " /Prop_Build <</Filter <</Name /Adobe.PPKLite>> /App <</Name /gmseal /REx ({})>>>>",
        env!("CARGO_PKG_VERSION")
    );
    if let Some(p) = spec.certify {
        let _ = write!(
            sig,
            " /Reference [<</Type /SigRef /TransformMethod /DocMDP /TransformParams <</Type /TransformParams /P {} /V /1.2>>>>]",
            p as u8
        );
    }
    sig.extend_from_slice(b" /ByteRange ");
    let byte_range_at = sig.len();
    sig.extend_from_slice(&[b' '; BYTE_RANGE_WIDTH]);
    sig.extend_from_slice(b" /Contents <");
    let contents_at = sig.len();
    sig.resize(sig.len() + 2 * spec.capacity, b'0');
    sig.extend_from_slice(b">>>");
    let mut sig_object = NewObject::new(sig_num, sig);
    sig_object.marks = vec![byte_range_at, contents_at];
    update.push(sig_object);

    let (bytes, marks) = update.finish(pdf, last, doc, time)?;
    let [byte_range_at, contents_at] = marks[..] else {
        return Err(Error::InvalidInput("internal: signature marks lost".into()));
    };
    let contents = contents_at..contents_at + 2 * spec.capacity;
    // `<` is at contents.start - 1 and `>` at contents.end.
    let byte_range = [
        0,
        contents.start - 1,
        contents.end + 1,
        bytes.len() - (contents.end + 1),
    ];
    let mut prepared = PreparedPdf {
        pdf: bytes,
        contents,
        byte_range,
    };
    let text = format!("[0 {} {} {}]", byte_range[1], byte_range[2], byte_range[3]);
    if text.len() > BYTE_RANGE_WIDTH {
        return Err(Error::InvalidInput(
            "the document is too large to seal".into(),
        ));
    }
    prepared.pdf[byte_range_at..byte_range_at + text.len()].copy_from_slice(text.as_bytes());
    Ok(prepared)
}
