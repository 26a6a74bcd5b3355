//! Issuing an e-license: validated metadata and a template in, a PDF/A-3b
//! document out, with the metadata embedded as `metadata.json` and
//! `metadata.xml` (`/AFRelationship /Data`) and as XMP properties.

use crate::font::Font;
use crate::license::metadata::{CoreField, Metadata, PhotoRef};
use crate::license::render::draw;
use crate::license::template::{SealPosition, Template};
use crate::license::validate::Problem;
use crate::pdf::write::{Attachment, CustomXmp, DocumentInfo, PdfBuilder};
use crate::time::Timestamp;
use crate::{Error, Result};
use base64ct::Encoding as _;

/// The XMP namespace of the e-license properties (one per GB/T 36903 core
/// element present, named by its JSON id), described by a PDF/A extension schema.
pub const XMP_NAMESPACE: &str = "urn:gmseal:e-license:xmp:1.0#";
/// The prefix of [`XMP_NAMESPACE`].
pub const XMP_PREFIX: &str = "elic";
/// The name of the embedded JSON metadata file.
pub const METADATA_JSON: &str = "metadata.json";
/// The name of the embedded XML metadata file.
pub const METADATA_XML: &str = "metadata.xml";

/// What issuing needs besides the template and the metadata.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct IssueOptions<'a> {
    /// The document's creation time (PDF `/CreationDate`, XMP dates, file dates).
    pub issued_at: Timestamp,
    /// The font; the bundled Noto Serif CJK SC subset when `None`.
    pub font: Option<&'a Font>,
    /// The holder photo (PNG or JPEG). When `None`, an inline `data:` URI in
    /// the metadata's `photo` is used; a file path there must be read by the
    /// caller (the CLI reads it relative to the data file).
    pub photo: Option<Vec<u8>>,
}

impl IssueOptions<'_> {
    /// Options with the bundled font and the photo from the metadata.
    pub fn new(issued_at: Timestamp) -> Self {
        Self {
            issued_at,
            font: None,
            photo: None,
        }
    }
}

/// An issued license.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct IssuedLicense {
    /// The PDF/A-3b document.
    pub pdf: Vec<u8>,
    /// Where the issuer's seal goes, on the first page.
    pub seal: Option<SealPosition>,
    /// Validation warnings (the errors stop issuing).
    pub warnings: Vec<Problem>,
}

/// Issue `metadata` on `template`: validate it against the template's rules,
/// lay out the page, embed the metadata.
///
/// ```
/// use gmseal::license::{IssueOptions, Metadata, Template, issue};
/// use gmseal::Timestamp;
///
/// let metadata: Metadata = serde_json::from_str(include_str!("../../examples/data/business-license.json"))?;
/// let options = IssueOptions::new(Timestamp::parse("2026-01-05T02:00:00Z")?);
/// let issued = issue(&Template::business_license(), &metadata, &options)?;
/// assert!(issued.pdf.starts_with(b"%PDF-1.7"));
/// assert_eq!(issued.seal.map(|s| s.diameter), Some(42.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`LicenseError::InvalidMetadata`](crate::license::LicenseError::InvalidMetadata)
/// when validation finds errors ([`validate`](crate::license::validate) lists
/// them all); [`Error::InvalidInput`] for a value that does not fit its box, a
/// character missing from the font, or an unreadable photo.
pub fn issue(
    template: &Template,
    metadata: &Metadata,
    options: &IssueOptions<'_>,
) -> Result<IssuedLicense> {
    let warnings = metadata.check(&template.rules)?;
    let font = options.font.unwrap_or_else(|| Font::bundled());
    let photo = photo_bytes(metadata, options)?;

    let json = serde_json::to_vec_pretty(metadata)
        .map_err(|e| Error::InvalidInput(format!("cannot write the metadata as JSON: {e}")))?;
    let xml = metadata.to_xml()?;

    let mut seed = template.id.as_bytes().to_vec();
    seed.extend_from_slice(&options.issued_at.unix().to_be_bytes());
    seed.extend_from_slice(&json);
    let title = if metadata.certificate_name.is_empty() {
        &template.name
    } else {
        &metadata.certificate_name
    };
    let mut info = DocumentInfo::new(title, options.issued_at, &seed);
    info.author =
        Some(metadata.certificate_issuing_authority_name.clone()).filter(|a| !a.is_empty());
    info.subject = Some(
        format!(
            "{} {}",
            metadata.certificate_type, metadata.certificate_number
        )
        .trim()
        .to_owned(),
    )
    .filter(|s| !s.is_empty());
    info.custom_xmp = Some(xmp_properties(metadata));

    let mut pdf = PdfBuilder::new(info);
    let font_id = pdf.add_font(font)?;
    let photo_id = photo.map(|p| pdf.add_image(&p)).transpose()?;
    let mut page = pdf.page(template.page.width, template.page.height);
    draw(template, metadata, &mut page, font_id, photo_id)?;
    page.finish();
    pdf.attach(Attachment::new(
        METADATA_JSON,
        "application/json",
        "电子证照元数据 (GB/T 36903), JSON",
        json,
    ));
    pdf.attach(Attachment::new(
        METADATA_XML,
        "application/xml",
        "电子证照元数据 (GB/T 36903), XML",
        xml.into_bytes(),
    ));
    Ok(IssuedLicense {
        pdf: pdf.finish()?,
        seal: template.seal(),
        warnings,
    })
}

fn photo_bytes(metadata: &Metadata, options: &IssueOptions<'_>) -> Result<Option<Vec<u8>>> {
    if let Some(p) = &options.photo {
        return Ok(Some(p.clone()));
    }
    match metadata.photo.as_deref().and_then(PhotoRef::parse) {
        None => Ok(None),
        Some(PhotoRef::Inline { base64, .. }) => {
            let clean: String = base64
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .collect();
            base64ct::Base64::decode_vec(&clean).map(Some).map_err(|e| {
                Error::InvalidInput(format!("the photo data URI is not valid base64: {e}"))
            })
        }
        Some(PhotoRef::File(path)) => Err(Error::InvalidInput(format!(
            "the photo is the file {path:?}: read it and pass its bytes in IssueOptions::photo"
        ))),
    }
}

fn xmp_properties(metadata: &Metadata) -> CustomXmp {
    let mut xmp = CustomXmp::new(
        XMP_NAMESPACE,
        XMP_PREFIX,
        "gmseal e-license metadata (GB/T 36903 core elements)",
    );
    for field in CoreField::ALL {
        if let Some(value) = metadata.core_text(field) {
            xmp.push(field.json_id(), field.chinese_name(), &value);
        }
    }
    xmp
}
