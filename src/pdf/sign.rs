//! Sealing PDFs: an incremental update (ISO 32000-1 §7.5.6) that adds a
//! signature field with the seal's appearance and a signature dictionary
//! (§12.8.1) whose `/Contents` holds either
//!
//! 1. a CMS `SignedData` with SM3 and SM2 (`/SubFilter /adbe.pkcs7.detached`
//!    or `/ETSI.CAdES.detached`), carrying the signer's chain and the seal
//!    (`SESeal` as the signed attribute [`GMSEAL_SES_SEAL`](crate::oid::GMSEAL_SES_SEAL)); or
//! 2. a GB/T 38540 `SES_Signature` whose `dataHash` is SM3 of the
//!    `/ByteRange` bytes and whose `propertyInfo` names the `/ByteRange`.
//!
//! The update never changes a byte of the input and keeps its
//! cross-reference flavour (a table for table and hybrid files, a stream for
//! stream files). It rewrites only the objects it must: the page (its
//! `/Annots`), the form (`/AcroForm /Fields`, `/SigFlags 3`) and, for a
//! certification signature, the catalog (`/Perms /DocMDP`). `/Contents` is
//! sized to the largest signature the signer can produce, so its zero padding
//! is a few bytes.
//!
//! ```
//! # fn main() -> gmseal::Result<()> {
//! # let f = gmseal::seal::__doc::fixture()?;
//! # let seal = gmseal::seal::__doc::seal(&f)?;
//! # let pdf = gmseal::pdf::sign::__doc::unsigned_pdf()?;
//! use gmseal::pdf::sign::{DocMdp, PdfSigner, Placement};
//!
//! let signer = PdfSigner::new(&seal, &f.signer, &f.signer_key)?.certify(DocMdp::NoChanges);
//! let sealed = signer.sign(&pdf, &Placement::rect(1, 150.0, 120.0, 42.0, 42.0), f.now)?;
//! assert!(sealed.starts_with(&pdf));
//! # Ok(()) }
//! ```

mod appearance;
mod document;
pub(crate) mod serialize;
mod update;

pub use appearance::Appearance;

use crate::cms::SignedDataBuilder;
use crate::crypto::{MAX_DER_SIGNATURE_LEN, PublicKey, Signature, Signer, Sm3};
use crate::license::SealPosition;
use crate::pdf::parse::{Document, Limits, ObjRef, Object};
use crate::pki::Certificate;
use crate::seal::{SesSeal, SignatureBuilder};
use crate::time::Timestamp;
use crate::{Error, Result};
use appearance::Encoded;
use core::ops::Range;
use serialize::{write_dictionary, write_name, write_object, write_real, write_text_string};
use std::io::Write as _;
use update::{NewObject, Update};

const PT_PER_MM: f64 = 72.0 / 25.4;

/// What goes into `/Contents`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Flavour {
    /// CMS `SignedData`, `/SubFilter /adbe.pkcs7.detached` (default).
    #[default]
    CmsPkcs7,
    /// CMS `SignedData`, `/SubFilter /ETSI.CAdES.detached` (PAdES baseline B-B:
    /// no signing-time attribute; the time is `/M`).
    CmsCades,
    /// A GB/T 38540 `SES_Signature`, `/SubFilter /GB.38540.SES`... see
    /// [`SES_SUBFILTER`].
    Ses,
}

/// The `/SubFilter` gmseal writes for the SES flavour. GB/T 38540 names no PDF
/// sub-filter; vendors use their own. Verifiers recognise it and
/// `/adbe.pkcs7.detached` or `/ETSI.CAdES.detached` holding an `SES_Signature`.
pub const SES_SUBFILTER: &str = "GB.T38540.SES_Signature";

impl Flavour {
    /// The `/SubFilter` name.
    pub fn sub_filter(self) -> &'static str {
        match self {
            Self::CmsPkcs7 => "adbe.pkcs7.detached",
            Self::CmsCades => "ETSI.CAdES.detached",
            Self::Ses => SES_SUBFILTER,
        }
    }
}

/// The permissions of a certification signature (DocMDP, ISO 32000-1 §12.8.2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocMdp {
    /// `/P 1`: no changes (DSS and document timestamps excepted, ISO 32000-2).
    NoChanges = 1,
    /// `/P 2`: form filling and further signatures.
    FormFilling = 2,
    /// `/P 3`: as 2, plus annotations.
    Annotations = 3,
}

/// Where the seal's widget goes.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Placement {
    /// An invisible signature (zero-size widget on `page`, 1-based).
    Invisible {
        /// The page, from 1.
        page: usize,
    },
    /// A visible seal: a rectangle in millimetres from the page's top-left corner.
    Rect {
        /// The page, from 1.
        page: usize,
        /// Left edge, mm from the left of the page.
        x_mm: f64,
        /// Top edge, mm from the top of the page.
        y_mm: f64,
        /// Width, mm.
        width_mm: f64,
        /// Height, mm.
        height_mm: f64,
    },
}

impl Placement {
    /// A rectangle on `page` (from 1), mm from the top-left corner.
    pub fn rect(page: usize, x_mm: f64, y_mm: f64, width_mm: f64, height_mm: f64) -> Self {
        Self::Rect {
            page,
            x_mm,
            y_mm,
            width_mm,
            height_mm,
        }
    }

    /// The seal position of a license template (its centre and diameter), on page 1.
    pub fn from_seal_position(p: &SealPosition) -> Self {
        let d = f64::from(p.diameter);
        Self::rect(1, f64::from(p.x) - d / 2.0, f64::from(p.y) - d / 2.0, d, d)
    }

    fn page(&self) -> usize {
        match self {
            Self::Invisible { page } | Self::Rect { page, .. } => *page,
        }
    }
}

/// A reusable sealing configuration: the seal, the signer's certificate and
/// key, the flavour and the descriptive entries. The appearance and the
/// `/Contents` size are computed once, so sealing many documents costs one
/// parse, one hash and one SM2 signature each.
pub struct PdfSigner<'a> {
    seal: &'a SesSeal,
    certificate: &'a Certificate,
    key: &'a dyn Signer,
    chain: Vec<&'a Certificate>,
    flavour: Flavour,
    certify: Option<DocMdp>,
    reason: Option<String>,
    location: Option<String>,
    name: Option<String>,
    field_name: Option<String>,
    appearance: Option<Encoded>,
    /// The seal picture, encoded on first use.
    picture: std::sync::OnceLock<Encoded>,
    limits: Limits,
}

impl core::fmt::Debug for PdfSigner<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PdfSigner")
            .field("signer", &self.certificate.subject().to_string())
            .field("flavour", &self.flavour)
            .field("certify", &self.certify)
            .finish_non_exhaustive()
    }
}

impl<'a> PdfSigner<'a> {
    /// A signer sealing with `seal`, signing as `certificate` with `key`
    /// (any [`Signer`]: a key in memory, an HSM, a UKey, a remote service).
    /// The appearance is the seal's picture.
    ///
    /// # Errors
    /// When `key` is not `certificate`'s, or the seal's picture is neither PNG
    /// nor JPEG (use [`appearance`](Self::appearance) with a drawing then).
    pub fn new(
        seal: &'a SesSeal,
        certificate: &'a Certificate,
        key: &'a dyn Signer,
    ) -> Result<Self> {
        if key.public_key() != certificate.public_key() {
            return Err(Error::InvalidInput(format!(
                "the signing key does not match the certificate of {}",
                certificate.subject()
            )));
        }
        Ok(Self {
            seal,
            certificate,
            key,
            chain: Vec::new(),
            flavour: Flavour::default(),
            certify: None,
            reason: None,
            location: None,
            name: certificate
                .subject()
                .common_name()
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
            field_name: None,
            appearance: None,
            picture: std::sync::OnceLock::new(),
            limits: Limits::default(),
        })
    }

    /// Embed an issuing CA certificate in the CMS (repeat for the whole chain).
    #[must_use]
    pub fn chain(mut self, certificate: &'a Certificate) -> Self {
        self.chain.push(certificate);
        self
    }

    /// The flavour (default [`Flavour::CmsPkcs7`]).
    #[must_use]
    pub fn flavour(mut self, flavour: Flavour) -> Self {
        self.flavour = flavour;
        self
    }

    /// Make a certification signature with these permissions (it must be the
    /// document's first signature).
    #[must_use]
    pub fn certify(mut self, permissions: DocMdp) -> Self {
        self.certify = Some(permissions);
        self
    }

    /// `/Reason`.
    #[must_use]
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// `/Location`.
    #[must_use]
    pub fn location(mut self, location: impl Into<String>) -> Self {
        self.location = Some(location.into());
        self
    }

    /// `/Name` (default: the signer certificate's common name).
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The field's partial name `/T` (default `Seal1`, `Seal2`, ... the first unused).
    #[must_use]
    pub fn field_name(mut self, name: impl Into<String>) -> Self {
        self.field_name = Some(name.into());
        self
    }

    /// The limits for reading the input.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Draw the seal this way instead of with its picture.
    ///
    /// # Errors
    /// When the seal's picture cannot be decoded.
    pub fn appearance(mut self, appearance: Appearance) -> Result<Self> {
        self.appearance = Some(match appearance {
            Appearance::SealPicture => self.picture()?,
            Appearance::Drawing(d) => Encoded::drawing(&d),
        });
        Ok(self)
    }

    fn picture(&self) -> Result<Encoded> {
        if let Some(e) = self.picture.get() {
            return Ok(e.clone());
        }
        let picture = &self.seal.info().picture;
        let encoded = Encoded::picture(&picture.kind, &picture.data)?;
        let _ = self.picture.set(encoded.clone());
        Ok(encoded)
    }

    /// Seal `pdf`: the returned file is `pdf` followed by one incremental update.
    ///
    /// # Errors
    /// When `pdf` does not parse strictly, is encrypted, is certified with
    /// `/P 1` (or `/P 2`/`3` and the new seal would be visible), already has
    /// a signature and a certification was asked for, lacks the page, or the
    /// signer fails (the seal or the certificate is not valid at `time`, the
    /// signer is not in the seal's list).
    pub fn sign(&self, pdf: &[u8], placement: &Placement, time: Timestamp) -> Result<Vec<u8>> {
        let prepared = self.prepare(pdf, placement, time)?;
        let digest = prepared.digest();
        let contents = self.signature_value(&digest, &prepared.byte_range, time)?;
        prepared.embed(&contents)
    }

    /// The `/Contents` value for the ByteRange digest.
    fn signature_value(
        &self,
        digest: &[u8; 32],
        byte_range: &[usize; 4],
        time: Timestamp,
    ) -> Result<Vec<u8>> {
        match self.flavour {
            Flavour::CmsPkcs7 | Flavour::CmsCades => self.cms(self.key, digest, time),
            Flavour::Ses => Ok(SignatureBuilder::with_digest(
                self.seal,
                *digest,
                &property_info(byte_range),
                time,
            )
            .sign(self.certificate, self.key)?
            .der()
            .to_vec()),
        }
    }

    fn cms(&self, key: &dyn Signer, digest: &[u8; 32], time: Timestamp) -> Result<Vec<u8>> {
        let mut builder = SignedDataBuilder::new(self.certificate, key)
            .signed_attribute(crate::oid::GMSEAL_SES_SEAL, self.seal.der().to_vec());
        if self.flavour == Flavour::CmsPkcs7 {
            builder = builder.signing_time(time);
        }
        for c in &self.chain {
            builder = builder.add_certificate(c);
        }
        builder.sign_digest(digest)
    }

    /// What GB/T 38540 §7.1 asks of a seal signature, for every flavour: the
    /// signer is in the seal's list, and the seal and the signer's
    /// certificate are valid at the signing time.
    fn check_seal(&self, time: Timestamp) -> Result<()> {
        let prop = &self.seal.info().property;
        if crate::seal::signer_listed(&prop.cert_list, self.certificate.der()) != Some(true) {
            return Err(crate::error::SealError::SignerNotInSeal(
                self.certificate.subject().to_string(),
            )
            .into());
        }
        if time < prop.valid_start || time > prop.valid_end {
            return Err(crate::error::SealError::NotValidAt {
                time: time.to_string(),
                valid_start: prop.valid_start.to_string(),
                valid_end: prop.valid_end.to_string(),
            }
            .into());
        }
        if !self.certificate.is_valid_at(time) {
            return Err(Error::InvalidInput(format!(
                "the signer certificate is valid from {} to {}, not at {time}",
                self.certificate.not_before(),
                self.certificate.not_after()
            )));
        }
        Ok(())
    }

    /// The largest `/Contents` value this signer produces.
    fn contents_capacity(&self, time: Timestamp) -> Result<usize> {
        match self.flavour {
            Flavour::CmsPkcs7 | Flavour::CmsCades => {
                let dummy = LongestSignature(self.certificate.public_key());
                Ok(self.cms(&dummy, &[0; 32], time)?.len())
            }
            Flavour::Ses => {
                SignatureBuilder::with_digest(self.seal, [0; 32], &property_info(&[0; 4]), time)
                    .max_der_len(self.certificate)
            }
        }
    }

    /// Step one of two-step (deferred) signing: the update with an empty
    /// `/Contents` of the right size and the final `/ByteRange`. Hash with
    /// [`PreparedPdf::digest`], sign, and finish with [`PreparedPdf::embed`].
    ///
    /// # Errors
    /// As [`sign`](Self::sign).
    pub fn prepare(
        &self,
        pdf: &[u8],
        placement: &Placement,
        time: Timestamp,
    ) -> Result<PreparedPdf> {
        self.check_seal(time)?;
        let capacity = self.contents_capacity(time)?;
        let doc = Document::parse(pdf, &self.limits)?;
        if doc.trailer().get(b"Encrypt")?.is_some() {
            return Err(Error::InvalidInput(
                "the PDF is encrypted: gmseal does not seal encrypted files".into(),
            ));
        }
        let catalog_ref = match doc.trailer().get(b"Root")? {
            Some(Object::Reference(r)) => *r,
            _ => {
                return Err(Error::InvalidInput(
                    "the trailer has no /Root reference".into(),
                ));
            }
        };
        let catalog = doc.catalog()?;
        let form = document::read_form(&doc, &catalog)?;
        let certified = document::certification_level(&doc, &catalog)?;
        let visible = matches!(placement, Placement::Rect { .. });
        match (certified, self.certify) {
            (Some(_), Some(_)) => {
                return Err(Error::InvalidInput(
                    "the document is already certified: only one certification signature is allowed".into(),
                ));
            }
            (None, Some(_)) if form.signatures > 0 => {
                return Err(Error::InvalidInput(
                    "a certification signature must be the document's first signature".into(),
                ));
            }
            (Some(1), None) => {
                return Err(Error::InvalidInput(
                    "the document is certified with /P 1 (no changes): another seal would invalidate it".into(),
                ));
            }
            (Some(_), None) if visible => {
                return Err(Error::InvalidInput(
                    "the document is certified: later seals must be invisible (a new visible field after certification is not a permitted change)".into(),
                ));
            }
            _ => {}
        }
        let page = document::find_page(&doc, &catalog, placement.page().saturating_sub(1))
            .map_err(|e| match placement.page() {
                0 => Error::InvalidInput("pages are numbered from 1".into()),
                _ => e,
            })?;

        let last = doc
            .revisions()
            .last()
            .ok_or_else(|| Error::InvalidInput("the PDF has no revision".into()))?;
        let size = doc
            .trailer()
            .get_int(b"Size")?
            .and_then(|s| u32::try_from(s).ok())
            .ok_or_else(|| Error::InvalidInput("the trailer has no valid /Size".into()))?;
        let mut update = Update::new(size);
        let sig_num = update.allocate();
        let field_num = update.allocate();

        // The widget rectangle in default user space.
        let [llx, lly, urx, ury] = page.media_box;
        let rect = match *placement {
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
                if r[0] < llx - 0.01 || r[1] < lly - 0.01 || r[2] > urx + 0.01 || r[3] > ury + 0.01
                {
                    return Err(Error::InvalidInput(format!(
                        "the seal rectangle ({x_mm}, {y_mm}, {width_mm} x {height_mm} mm) is outside page {}",
                        placement.page()
                    )));
                }
                r
            }
        };

        // Appearance objects.
        let mut ap_ref = None;
        if visible {
            let encoded = match &self.appearance {
                Some(e) => e.clone(),
                None => self.picture()?,
            };
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
        let field_name = match &self.field_name {
            Some(n) if form.names.contains(n.as_bytes()) => {
                return Err(Error::InvalidInput(format!(
                    "the form already has a field named {n:?}"
                )));
            }
            Some(n) => n.clone(),
            None => (1..)
                .map(|i| format!("Seal{i}"))
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
                        placement.page()
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
                    placement.page()
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
        if let Some(p) = self.certify {
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
        sig.extend_from_slice(b"<</Type /Sig /Filter /Adobe.PPKLite /SubFilter ");
        write_name(&mut sig, self.flavour.sub_filter().as_bytes());
        sig.extend_from_slice(b" /M ");
        write_text_string(&mut sig, &pdf_date(time));
        for (key, value) in [
            (&b"Name"[..], &self.name),
            (b"Reason", &self.reason),
            (b"Location", &self.location),
        ] {
            if let Some(v) = value {
                sig.push(b' ');
                write_name(&mut sig, key);
                sig.push(b' ');
                write_text_string(&mut sig, v);
            }
        }
        let _ = write!(
            sig,
            " /Prop_Build <</Filter <</Name /Adobe.PPKLite>> /App <</Name /gmseal /REx ({})>>>>",
            env!("CARGO_PKG_VERSION")
        );
        if let Some(p) = self.certify {
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
        sig.resize(sig.len() + 2 * capacity, b'0');
        sig.extend_from_slice(b">>>");
        let mut sig_object = NewObject::new(sig_num, sig);
        sig_object.marks = vec![byte_range_at, contents_at];
        update.push(sig_object);

        let (bytes, marks) = update.finish(pdf, last, &doc, time)?;
        let [byte_range_at, contents_at] = marks[..] else {
            return Err(Error::InvalidInput("internal: signature marks lost".into()));
        };
        let contents = contents_at..contents_at + 2 * capacity;
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
}

/// Room for `[0 a b c]` with three 10-digit numbers (files up to 9.3 GB).
const BYTE_RANGE_WIDTH: usize = 2 + 2 + 3 * 11;

/// The `propertyInfo` of an SES flavour signature: the ByteRange, each number
/// zero-padded to 10 digits so the length is known before the layout.
pub fn property_info(byte_range: &[usize; 4]) -> String {
    format!(
        "PDF /ByteRange [{:010} {:010} {:010} {:010}]",
        byte_range[0], byte_range[1], byte_range[2], byte_range[3]
    )
}

/// A PDF date `D:YYYYMMDDHHmmSSZ` (ISO 32000-1 §7.9.4), in UTC.
pub(crate) fn pdf_date(t: Timestamp) -> String {
    let dt = t.to_datetime();
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minutes(),
        dt.seconds()
    )
}

/// A PDF with its signature update written and `/Contents` still empty.
#[derive(Clone, Debug)]
pub struct PreparedPdf {
    pdf: Vec<u8>,
    /// The hex digits between `<` and `>`.
    contents: Range<usize>,
    byte_range: [usize; 4],
}

impl PreparedPdf {
    /// The `/ByteRange` `[0 a b c]`.
    pub fn byte_range(&self) -> [usize; 4] {
        self.byte_range
    }

    /// How many bytes `/Contents` can hold.
    pub fn capacity(&self) -> usize {
        self.contents.len() / 2
    }

    /// SM3 of the `/ByteRange` bytes: what the signature must cover (the CMS
    /// `messageDigest`, or the `SES_Signature`'s `dataHash`).
    pub fn digest(&self) -> [u8; 32] {
        let mut h = Sm3::new();
        h.update(&self.pdf[..self.byte_range[1]]);
        h.update(&self.pdf[self.byte_range[2]..]);
        h.finalize()
    }

    /// Write `value` (DER) into `/Contents`, zero-padded, and return the file.
    ///
    /// # Errors
    /// When `value` is larger than [`capacity`](Self::capacity).
    pub fn embed(mut self, value: &[u8]) -> Result<Vec<u8>> {
        if value.len() > self.capacity() {
            return Err(Error::InvalidInput(format!(
                "the signature value has {} bytes; /Contents holds {}",
                value.len(),
                self.capacity()
            )));
        }
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let at = self.contents.start;
        for (i, b) in value.iter().enumerate() {
            self.pdf[at + 2 * i] = HEX[usize::from(b >> 4)];
            self.pdf[at + 2 * i + 1] = HEX[usize::from(b & 15)];
        }
        Ok(self.pdf)
    }
}

/// A stand-in signer producing the longest DER signature, for sizing `/Contents`.
struct LongestSignature<'k>(&'k PublicKey);

impl Signer for LongestSignature<'_> {
    fn public_key(&self) -> &PublicKey {
        self.0
    }

    fn sign_digest(&self, _e: &[u8; 32]) -> Result<Signature> {
        let s = Signature::from_scalars([0x80; 32], [0x80; 32])?;
        debug_assert_eq!(s.to_der().len(), MAX_DER_SIGNATURE_LEN);
        Ok(s)
    }
}

#[doc(hidden)]
pub mod __doc {
    //! Fixtures for the documentation examples, tests and benchmarks.
    use crate::license::{IssueOptions, Metadata, Template, issue};
    use std::io::Write;

    /// Write a one-page PDF of about `megabytes` MB, nearly all of it one
    /// uncompressed RGB image, without holding it in memory.
    ///
    /// # Errors
    /// When writing fails.
    pub fn write_large_pdf(mut w: impl Write, megabytes: usize) -> std::io::Result<u64> {
        const WIDTH: usize = 4096;
        let height = (megabytes << 20) / (WIDTH * 3);
        let mut pos = 0u64;
        let mut offsets = Vec::new();
        let put = |w: &mut dyn Write, bytes: &[u8], pos: &mut u64| -> std::io::Result<()> {
            w.write_all(bytes)?;
            *pos += bytes.len() as u64;
            Ok(())
        };
        put(&mut w, b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", &mut pos)?;
        let content = b"q 500 0 0 700 47 71 cm /Im1 Do Q";
        let objects: [Vec<u8>; 3] = [
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        ];
        for (i, body) in objects.iter().enumerate() {
            offsets.push(pos);
            put(&mut w, format!("{} 0 obj\n", i + 1).as_bytes(), &mut pos)?;
            put(&mut w, body, &mut pos)?;
            put(&mut w, b"\nendobj\n", &mut pos)?;
        }
        offsets.push(pos);
        let len = WIDTH * 3 * height;
        put(
            &mut w,
            format!("4 0 obj\n<< /Type /XObject /Subtype /Image /Width {WIDTH} /Height {height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length {len} >>\nstream\n").as_bytes(),
            &mut pos,
        )?;
        let row: Vec<u8> = (0..WIDTH * 3).map(|i| (i % 251).to_le_bytes()[0]).collect();
        for y in 0..height {
            let mut r = row.clone();
            r[0] = y.to_le_bytes()[0];
            put(&mut w, &r, &mut pos)?;
        }
        put(&mut w, b"\nendstream\nendobj\n", &mut pos)?;
        offsets.push(pos);
        put(
            &mut w,
            format!("5 0 obj\n<< /Length {} >>\nstream\n", content.len()).as_bytes(),
            &mut pos,
        )?;
        put(&mut w, content, &mut pos)?;
        put(&mut w, b"\nendstream\nendobj\n", &mut pos)?;
        let xref = pos;
        let mut table = b"xref\n0 6\n0000000000 65535 f\r\n".to_vec();
        for o in &offsets {
            table.extend_from_slice(format!("{o:010} 00000 n\r\n").as_bytes());
        }
        table.extend_from_slice(format!("trailer\n<< /Size 6 /Root 1 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        put(&mut w, &table, &mut pos)?;
        Ok(pos)
    }

    /// An issued business license.
    pub fn unsigned_pdf() -> crate::Result<Vec<u8>> {
        let metadata: Metadata =
            serde_json::from_str(include_str!("../../examples/data/business-license.json"))
                .map_err(|e| crate::Error::InvalidInput(e.to_string()))?;
        let options = IssueOptions::new(crate::Timestamp::parse("2026-01-05T02:00:00Z")?);
        Ok(issue(&Template::business_license(), &metadata, &options)?.pdf)
    }
}
