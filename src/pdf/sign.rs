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
mod dss;
mod field;
pub(crate) mod serialize;
mod timestamp;
pub(crate) mod update;

pub use appearance::Appearance;
pub use dss::add_dss;
pub use timestamp::add_document_timestamp;

use crate::cms::SignedDataBuilder;
use crate::crypto::{MAX_DER_SIGNATURE_LEN, PublicKey, Signature, Signer, Sm3};
use crate::license::SealPosition;
use crate::pdf::parse::{Document, Limits};
use crate::pki::Certificate;
use crate::seal::{SesSeal, SignatureBuilder};
use crate::time::Timestamp;
use crate::{Error, Result};
use appearance::Encoded;
use core::ops::Range;
use serialize::{write_name, write_text_string};

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
        let mut entries = Vec::new();
        entries.extend_from_slice(b" /M ");
        write_text_string(&mut entries, &pdf_date(time));
        for (key, value) in [
            (&b"Name"[..], &self.name),
            (b"Reason", &self.reason),
            (b"Location", &self.location),
        ] {
            if let Some(v) = value {
                entries.push(b' ');
                write_name(&mut entries, key);
                entries.push(b' ');
                write_text_string(&mut entries, v);
            }
        }
        let appearance = match (visible, &self.appearance) {
            (false, _) => None,
            (true, Some(e)) => Some(e.clone()),
            (true, None) => Some(self.picture()?),
        };
        field::prepare(
            pdf,
            &doc,
            &field::Spec {
                kind: "Sig",
                sub_filter: self.flavour.sub_filter(),
                entries,
                certify: self.certify,
                capacity,
                field_name: self.field_name.clone(),
                name_prefix: "Seal",
                placement: placement.clone(),
                appearance,
            },
            time,
        )
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

/// A PDF date `D:YYYYMMDDHHmmSSZ` (ISO 32000-1 §7.9.4), in UTC: the RFC 3339
/// form without its separators.
pub(crate) fn pdf_date(t: Timestamp) -> String {
    format!("D:{}", t.to_string().replace(['-', 'T', ':'], ""))
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
