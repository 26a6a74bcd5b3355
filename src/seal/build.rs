//! Making GB/T 38540 (v4) seals (§6.2) and seal signatures (§7.2).
//!
//! gmseal writes strict DER: GeneralizedTime `YYYYMMDDHHMMSSZ`, `ExtData`
//! without `critical` when it is FALSE, `signAlgID` 1.2.156.10197.1.501, SM2
//! signatures DER-encoded with ZA of `1234567812345678`, `TBS_Sign.extDatas` as
//! `[0] EXPLICIT` (what ofdrw writes). The maker signs exactly the bytes of
//! `SES_SealInfo` written into the seal, and the signer exactly those of `TBS_Sign`.

use crate::asn1::{self, tag, tlv};
use crate::crypto::{Signer, VerifyOptions, sm3};
use crate::error::{Result, SealError};
use crate::oid;
use crate::pki::{Certificate, Purpose};
use crate::seal::asn1::{ExtData, SealVersion, SesSeal, SesSignature};
use crate::seal::verify::signer_listed;
use crate::time::Timestamp;

/// How a seal lists its signers (`certListType`).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum SignerList {
    /// `certListType` 1: the DER certificates.
    Certificates(Vec<Certificate>),
    /// `certListType` 2: the SM3 digests of the DER certificates (`type` `"SM3"`).
    Digests(Vec<Certificate>),
}

impl SignerList {
    fn certificates(&self) -> &[Certificate] {
        match self {
            Self::Certificates(c) | Self::Digests(c) => c,
        }
    }
}

/// The seal picture (`SES_ESPictrueInfo`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// `type`, for example `"PNG"`.
    pub kind: String,
    /// The image bytes.
    pub data: Vec<u8>,
    /// Display width in millimetres.
    pub width_mm: u32,
    /// Display height in millimetres.
    pub height_mm: u32,
}

/// Everything in a seal except the maker's signature; [`sign`](Self::sign)
/// makes the seal.
///
/// ```
/// # fn main() -> gmseal::Result<()> {
/// # let f = gmseal::seal::__doc::fixture()?;
/// # let (maker_key, maker, signer, now) = (f.maker_key, f.maker, f.signer, f.now);
/// use gmseal::seal::{Picture, SealBuilder, SignerList};
/// let picture = Picture { kind: "PNG".into(), data: vec![0x89, b'P', b'N', b'G'], width_mm: 42, height_mm: 42 };
/// let builder = SealBuilder::new("33010200000001", "合同专用章", 4, SignerList::Certificates(vec![signer]), picture, now, 365);
/// let seal = builder.sign(&maker, &maker_key)?;
/// assert_eq!(seal.info().property.name, "合同专用章");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SealBuilder {
    /// `esID`: the seal's unique code (ASCII).
    pub es_id: String,
    /// `property.type`: business-defined (for example 1 法定名称章, 2 财务专用章,
    /// 3 发票专用章, 4 合同专用章).
    pub seal_type: i64,
    /// `property.name`: the seal's name.
    pub name: String,
    /// `header.Vid`: the vendor identifier. Default `"gmseal"`.
    pub vendor: String,
    /// The signers (签章者) who may use the seal.
    pub signers: SignerList,
    /// `createDate`.
    pub create_date: Timestamp,
    /// `validStart`.
    pub valid_start: Timestamp,
    /// `validEnd`.
    pub valid_end: Timestamp,
    /// The picture.
    pub picture: Picture,
    /// `extDatas`.
    pub ext_datas: Vec<ExtData>,
}

fn invalid(reason: impl Into<String>) -> crate::Error {
    SealError::InvalidParams(reason.into()).into()
}

fn ia5(value: &str, field: &str) -> Result<Vec<u8>> {
    if value.is_ascii() {
        Ok(tlv(tag::IA5_STRING, &[value.as_bytes()]))
    } else {
        Err(invalid(format!(
            "{field} must be ASCII (IA5String): {value:?}"
        )))
    }
}

fn ext_datas_der(exts: &[ExtData]) -> Vec<u8> {
    let items: Vec<Vec<u8>> = exts
        .iter()
        .map(|e| {
            let critical = if e.critical {
                tlv(tag::BOOLEAN, &[&[0xFF]])
            } else {
                Vec::new()
            };
            tlv(
                tag::SEQUENCE,
                &[
                    &asn1::oid_der(&e.id),
                    &critical,
                    &tlv(tag::OCTET_STRING, &[&e.value]),
                ],
            )
        })
        .collect();
    let parts: Vec<&[u8]> = items.iter().map(Vec::as_slice).collect();
    tlv(tag::SEQUENCE, &parts)
}

impl SealBuilder {
    /// A seal created at `create_date`, valid from then for `valid_days` days,
    /// with vendor `"gmseal"` and no extensions.
    pub fn new(
        es_id: &str,
        name: &str,
        seal_type: i64,
        signers: SignerList,
        picture: Picture,
        create_date: Timestamp,
        valid_days: u32,
    ) -> Self {
        Self {
            es_id: es_id.to_owned(),
            seal_type,
            name: name.to_owned(),
            vendor: "gmseal".into(),
            signers,
            create_date,
            valid_start: create_date,
            valid_end: create_date.plus_days(valid_days),
            picture,
            ext_datas: Vec::new(),
        }
    }

    fn check(&self, maker: &Certificate, maker_key: &dyn Signer) -> Result<()> {
        if self.es_id.is_empty() || self.name.is_empty() {
            return Err(invalid("esID and name must not be empty"));
        }
        if self.valid_end <= self.valid_start {
            return Err(invalid(format!(
                "validEnd {} is not after validStart {}",
                self.valid_end, self.valid_start
            )));
        }
        if self.create_date > self.valid_start {
            return Err(invalid(format!(
                "createDate {} is after validStart {}",
                self.create_date, self.valid_start
            )));
        }
        if self.signers.certificates().is_empty() {
            return Err(invalid("the seal needs at least one signer certificate"));
        }
        for signer in self.signers.certificates() {
            if signer.is_ca() {
                return Err(invalid(format!(
                    "the signer certificate of {} is a CA certificate",
                    signer.subject()
                )));
            }
            signer
                .check_purpose(Purpose::DocumentSigning)
                .map_err(|e| invalid(format!("a listed signer cannot sign documents: {e}")))?;
        }
        if self.picture.data.is_empty()
            || self.picture.kind.is_empty()
            || self.picture.width_mm == 0
            || self.picture.height_mm == 0
        {
            return Err(invalid(
                "the picture needs a type, data, and a width and height in millimetres",
            ));
        }
        if maker_key.public_key() != maker.public_key() {
            return Err(invalid(format!(
                "the maker key does not match the certificate of {}",
                maker.subject()
            )));
        }
        maker.check_purpose(Purpose::SealMaking).map_err(|e| {
            invalid(format!(
                "the maker certificate does not have the seal-maker profile: {e}"
            ))
        })?;
        if maker.is_ca() {
            return Err(invalid(format!(
                "the maker certificate of {} is a CA certificate, not a seal maker's",
                maker.subject()
            )));
        }
        if !maker.is_valid_at(self.create_date) {
            return Err(invalid(format!(
                "the maker certificate is valid from {} to {}, not at createDate {}",
                maker.not_before(),
                maker.not_after(),
                self.create_date
            )));
        }
        Ok(())
    }

    /// The DER of `SES_SealInfo`.
    fn seal_info_der(&self) -> Result<Vec<u8>> {
        let header = tlv(
            tag::SEQUENCE,
            &[
                &ia5("ES", "ID")?,
                &asn1::int_der(4),
                &ia5(&self.vendor, "Vid")?,
            ],
        );
        let (list_type, entries): (u64, Vec<Vec<u8>>) = match &self.signers {
            SignerList::Certificates(c) => (
                1,
                c.iter()
                    .map(|c| tlv(tag::OCTET_STRING, &[c.der()]))
                    .collect(),
            ),
            SignerList::Digests(c) => (
                2,
                c.iter()
                    .map(|c| {
                        tlv(
                            tag::SEQUENCE,
                            &[
                                &tlv(tag::PRINTABLE_STRING, &[b"SM3"]),
                                &tlv(tag::OCTET_STRING, &[&sm3(c.der())]),
                            ],
                        )
                    })
                    .collect(),
            ),
        };
        let entry_refs: Vec<&[u8]> = entries.iter().map(Vec::as_slice).collect();
        let seal_type = u64::try_from(self.seal_type)
            .map_err(|_| invalid("the seal type must not be negative"))?;
        let property = tlv(
            tag::SEQUENCE,
            &[
                &asn1::int_der(seal_type),
                &tlv(tag::UTF8_STRING, &[self.name.as_bytes()]),
                &asn1::int_der(list_type),
                &tlv(tag::SEQUENCE, &entry_refs),
                &asn1::generalized_time_der(self.create_date),
                &asn1::generalized_time_der(self.valid_start),
                &asn1::generalized_time_der(self.valid_end),
            ],
        );
        let picture = tlv(
            tag::SEQUENCE,
            &[
                &ia5(&self.picture.kind, "picture type")?,
                &tlv(tag::OCTET_STRING, &[&self.picture.data]),
                &asn1::int_der(u64::from(self.picture.width_mm)),
                &asn1::int_der(u64::from(self.picture.height_mm)),
            ],
        );
        let ext = if self.ext_datas.is_empty() {
            Vec::new()
        } else {
            ext_datas_der(&self.ext_datas)
        };
        Ok(tlv(
            tag::SEQUENCE,
            &[
                &header,
                &ia5(&self.es_id, "esID")?,
                &property,
                &picture,
                &ext,
            ],
        ))
    }

    /// Sign the seal as the seal maker (制章者): SM2 over the DER of `SES_SealInfo`.
    ///
    /// # Errors
    /// [`SealError::InvalidParams`] for inconsistent input (validEnd before
    /// validStart, no signers, a signer certificate that cannot sign documents, a
    /// maker certificate without the seal-maker profile or not valid at
    /// createDate, a key that is not the certificate's), or a signer failure.
    pub fn sign(&self, maker: &Certificate, maker_key: &dyn Signer) -> Result<SesSeal> {
        self.check(maker, maker_key)?;
        let info = self.seal_info_der()?;
        let signature = maker_key.sign(&info)?.to_der();
        let der = tlv(
            tag::SEQUENCE,
            &[
                &info,
                &tlv(tag::OCTET_STRING, &[maker.der()]),
                &asn1::oid_der(&oid::SM2_WITH_SM3),
                &asn1::bit_string_der(&signature),
            ],
        );
        let seal = SesSeal::from_der(&der)?;
        // Check our own output before handing it out.
        maker.public_key().verify(
            &seal.maker_signed_bytes(),
            seal.signed_value(),
            &VerifyOptions::default().with_user_id(maker_key.user_id()),
        )?;
        Ok(seal)
    }
}

/// Everything in a seal signature except the signer's signature;
/// [`sign`](Self::sign) makes the `SES_Signature`.
///
/// ```
/// # fn main() -> gmseal::Result<()> {
/// # let f = gmseal::seal::__doc::fixture()?;
/// # let seal = gmseal::seal::__doc::seal(&f)?;
/// # let (signer, signer_key, now) = (f.signer, f.signer_key, f.now);
/// use gmseal::seal::SignatureBuilder;
/// let signature = SignatureBuilder::new(&seal, b"the document", "/document.pdf", now).sign(&signer, &signer_key)?;
/// assert_eq!(signature.to_sign().property_info, "/document.pdf");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SignatureBuilder<'a> {
    /// The seal to use (v4).
    pub seal: &'a SesSeal,
    /// `timeInfo`: the signing time (from the caller's clock).
    pub time: Timestamp,
    /// `dataHash`: SM3 of the original.
    pub data_hash: [u8; 32],
    /// `propertyInfo`: what is protected (ASCII), for example a file path or a
    /// description of a PDF `/ByteRange`.
    pub property_info: String,
    /// `extDatas`.
    pub ext_datas: Vec<ExtData>,
}

impl<'a> SignatureBuilder<'a> {
    /// A signature over `data` (its SM3 becomes `dataHash`).
    pub fn new(seal: &'a SesSeal, data: &[u8], property_info: &str, time: Timestamp) -> Self {
        Self::with_digest(seal, sm3(data), property_info, time)
    }

    /// A signature over data whose SM3 digest the caller computed.
    pub fn with_digest(
        seal: &'a SesSeal,
        data_hash: [u8; 32],
        property_info: &str,
        time: Timestamp,
    ) -> Self {
        Self {
            seal,
            time,
            data_hash,
            property_info: property_info.to_owned(),
            ext_datas: Vec::new(),
        }
    }

    /// The DER of `TBS_Sign`.
    fn tbs(&self) -> Result<Vec<u8>> {
        let ext = if self.ext_datas.is_empty() {
            Vec::new()
        } else {
            tlv(tag::context(0), &[&ext_datas_der(&self.ext_datas)])
        };
        Ok(tlv(
            tag::SEQUENCE,
            &[
                &asn1::int_der(4),
                self.seal.der(),
                &asn1::generalized_time_der(self.time),
                &asn1::bit_string_der(&self.data_hash),
                &ia5(&self.property_info, "propertyInfo")?,
                &ext,
            ],
        ))
    }

    /// The largest DER length [`sign`](Self::sign) can produce with `signer`'s
    /// certificate (a DER SM2 signature is at most 72 bytes), for sizing a
    /// PDF `/Contents` placeholder before the data to sign is known.
    pub(crate) fn max_der_len(&self, signer: &Certificate) -> Result<usize> {
        let placeholder = [0u8; crate::crypto::MAX_DER_SIGNATURE_LEN];
        Ok(assemble_signature(&self.tbs()?, signer, &placeholder).len())
    }

    /// Sign as the signer (签章者) holding `signer_key`, whose certificate must
    /// be in the seal's list.
    ///
    /// # Errors
    /// [`SealError`] when the seal is not v4, the signer is not listed, the seal
    /// or the signer certificate is not valid at the signing time, or the
    /// parameters are malformed; a signer failure.
    pub fn sign(&self, signer: &Certificate, signer_key: &dyn Signer) -> Result<SesSignature> {
        let seal = self.seal;
        if seal.version() != SealVersion::V4 {
            return Err(SealError::UnsupportedVersion(format!("{:?}", seal.version())).into());
        }
        if signer_key.public_key() != signer.public_key() {
            return Err(invalid(format!(
                "the signer key does not match the certificate of {}",
                signer.subject()
            )));
        }
        if signer_listed(&seal.info().property.cert_list, signer.der()) != Some(true) {
            return Err(SealError::SignerNotInSeal(signer.subject().to_string()).into());
        }
        let prop = &seal.info().property;
        if self.time < prop.valid_start || self.time > prop.valid_end {
            return Err(SealError::NotValidAt {
                time: self.time.to_string(),
                valid_start: prop.valid_start.to_string(),
                valid_end: prop.valid_end.to_string(),
            }
            .into());
        }
        if !signer.is_valid_at(self.time) {
            return Err(invalid(format!(
                "the signer certificate is valid from {} to {}, not at {}",
                signer.not_before(),
                signer.not_after(),
                self.time
            )));
        }
        if self.property_info.is_empty() {
            return Err(invalid(
                "propertyInfo must describe what the signature protects",
            ));
        }
        let tbs = self.tbs()?;
        let signature = signer_key.sign(&tbs)?.to_der();
        let der = assemble_signature(&tbs, signer, &signature);
        let parsed = SesSignature::from_der(&der)?;
        signer.public_key().verify(
            parsed.to_sign_der(),
            parsed.signature(),
            &VerifyOptions::default().with_user_id(signer_key.user_id()),
        )?;
        Ok(parsed)
    }
}

/// `SES_Signature ::= SEQUENCE { toSign, cert, signatureAlgorithm, signature }`
/// (GB/T 38540 §7.2).
fn assemble_signature(tbs: &[u8], signer: &Certificate, signature: &[u8]) -> Vec<u8> {
    tlv(
        tag::SEQUENCE,
        &[
            tbs,
            &tlv(tag::OCTET_STRING, &[signer.der()]),
            &asn1::oid_der(&oid::SM2_WITH_SM3),
            &asn1::bit_string_der(signature),
        ],
    )
}
