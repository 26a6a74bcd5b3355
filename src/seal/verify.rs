//! Verifying seals (GB/T 38540 §6.3) and seal signatures (§7.3).
//!
//! Seal, in order: format; header; the maker certificate; the maker's signature
//! over the stored bytes of `SES_SealInfo` (v1: `SEQUENCE{esealInfo, cert,
//! signatureAlgorithm}`); the maker's certificate chain at `createDate` for seal
//! making; the seal's validity at the time asked; a v5 seal timestamp.
//!
//! Signature, in order: format; version; the signer certificate; the signer's
//! signature over the stored bytes of `TBS_Sign`; the signer certificate is in the
//! seal's list (by bytes, or by SM3/SHA-256 digest); the embedded seal, verified at
//! `timeInfo`; the signer's chain at `timeInfo` for document signing; `timeInfo`
//! inside the signer certificate's validity; `dataHash` against the original; a
//! signature timestamp.
//!
//! Verification never fails with an error: every problem becomes a check with a
//! reason code, and the indication is invalid (a check failed), indeterminate
//! (something could not be established: no trust anchors, an untrusted chain,
//! no original, an unsupported algorithm) or valid.

use crate::crypto::{Signature, VerifyOptions, sm3};
use crate::error::{Error, PkiError};
use crate::oid;
use crate::pki::{Certificate, Crl, Purpose, RevocationPolicy, TrustStore, ValidationOptions};
use crate::seal::asn1::{CertList, SealVersion, SesSeal, SesSignature};
use crate::seal::report::{Check, SealReport, SignatureInfo, SignatureReport, indication};
use crate::time::Timestamp;

/// What [`verify_seal`] and [`verify_signature`] trust and accept.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct SealVerifyOptions {
    /// Trust anchors for the maker's and signer's chains. `None`: chains are not
    /// checked, and the indication is at best indeterminate.
    pub trust: Option<TrustStore>,
    /// Intermediate CA certificates for path building.
    pub intermediates: Vec<Certificate>,
    /// CRLs to consult.
    pub crls: Vec<Crl>,
    /// Whether every certificate needs a current CRL.
    pub revocation: RevocationPolicy,
    /// SM2 user-ID variants accepted for the maker's and signer's signatures.
    /// Default: only `1234567812345678`, as GB/T 38540 requires.
    pub signature: VerifyOptions,
}

impl SealVerifyOptions {
    /// Options that check chains against `trust`.
    pub fn with_trust(trust: TrustStore) -> Self {
        Self {
            trust: Some(trust),
            ..Self::default()
        }
    }
}

/// The original a seal signature protects.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Original<'a> {
    /// The bytes themselves; their SM3 is compared with `dataHash`.
    Data(&'a [u8]),
    /// Their SM3 digest, computed by the caller.
    Digest(&'a [u8; 32]),
    /// Not available: the `dataHash` check is indeterminate.
    NotProvided,
}

fn supported_algorithm(alg: &der::asn1::ObjectIdentifier) -> bool {
    *alg == oid::SM2_WITH_SM3 || *alg == oid::SM2_SIGN
}

/// Verify a signature value over `message` with `cert`'s key; the check's id is `id`.
fn check_signature(
    id: &'static str,
    cert: Option<&Certificate>,
    alg: &der::asn1::ObjectIdentifier,
    signature: &[u8],
    message: &[u8],
    options: &VerifyOptions,
) -> (Check, Option<SignatureInfo>) {
    if !supported_algorithm(alg) {
        let msg = format!(
            "signature algorithm {} is not supported (only SM2-with-SM3)",
            oid::describe(alg)
        );
        return (
            Check::indeterminate(id, "signature.unsupported-algorithm", msg),
            None,
        );
    }
    let Some(cert) = cert else {
        return (
            Check::indeterminate(
                id,
                "signature.no-key",
                "the certificate holding the key cannot be read",
            ),
            None,
        );
    };
    let (sig, format) = match Signature::parse(signature) {
        Ok(s) => s,
        Err(e) => {
            return (
                Check::failed(
                    id,
                    e.code(),
                    format!("the signature value is malformed: {e}"),
                ),
                None,
            );
        }
    };
    match cert
        .public_key()
        .verify_signature_parts(&[message], &sig, options)
    {
        Ok(variant) => {
            let enc = match format {
                crate::crypto::SignatureFormat::Der => "DER",
                crate::crypto::SignatureFormat::Raw => "raw r||s",
            };
            (
                Check::passed(
                    id,
                    format!(
                        "SM2 signature ({enc}) verifies with the key of {}",
                        cert.subject()
                    ),
                ),
                Some(SignatureInfo { format, variant }),
            )
        }
        Err(e) => (
            Check::failed(
                id,
                "signature.bad",
                format!(
                    "the SM2 signature does not verify with the key of {}: {e}",
                    cert.subject()
                ),
            ),
            None,
        ),
    }
}

/// Validate `cert`'s chain at `at` for `purpose`.
fn check_chain(
    id: &'static str,
    cert: Option<&Certificate>,
    at: Timestamp,
    purpose: Purpose,
    options: &SealVerifyOptions,
) -> Check {
    check_chain_window(id, cert, at, purpose, options).0
}

/// As [`check_chain`], also returning, for a passed check, the period in
/// which every certificate of the path is valid (what a cache may reuse the
/// result for when no CRLs are involved).
pub(crate) fn check_chain_window(
    id: &'static str,
    cert: Option<&Certificate>,
    at: Timestamp,
    purpose: Purpose,
    options: &SealVerifyOptions,
) -> (Check, Option<(Timestamp, Timestamp)>) {
    let Some(cert) = cert else {
        return (
            Check::indeterminate(id, "chain.no-certificate", "the certificate cannot be read"),
            None,
        );
    };
    let Some(trust) = &options.trust else {
        return (
            Check::indeterminate(
                id,
                "chain.not-checked",
                format!(
                    "no trust anchors were given; the chain of {} was not checked",
                    cert.subject()
                ),
            ),
            None,
        );
    };
    let mut v = ValidationOptions::at(at)
        .for_purpose(purpose)
        .with_crls(options.crls.clone());
    v.revocation = options.revocation;
    v.signature_options = options.signature.clone();
    match trust.validate(cert, &options.intermediates, &v) {
        Ok(chain) => {
            let window = chain
                .certificates
                .iter()
                .fold((cert.not_before(), cert.not_after()), |(from, to), c| {
                    (from.max(c.not_before()), to.min(c.not_after()))
                });
            (
                Check::passed(
                    id,
                    format!(
                        "{} chains to {} at {at}",
                        cert.subject(),
                        chain
                            .anchor()
                            .map(|a| a.subject().to_string())
                            .unwrap_or_default()
                    ),
                ),
                Some(window),
            )
        }
        Err(e @ Error::Pki(PkiError::UnknownIssuer(_))) => (
            Check::indeterminate(id, "chain.untrusted", e.to_string()),
            None,
        ),
        Err(e) => (Check::failed(id, e.code(), e.to_string()), None),
    }
}

/// Verify a seal whose validity period must cover `at`.
///
/// ```
/// # fn main() -> gmseal::Result<()> {
/// # let f = gmseal::seal::__doc::fixture()?;
/// # let (seal, root, now) = (gmseal::seal::__doc::seal(&f)?, f.root.clone(), f.now);
/// use gmseal::seal::{verify_seal, Indication, SealVerifyOptions};
/// use gmseal::pki::TrustStore;
/// let report = verify_seal(&seal, now, &SealVerifyOptions::with_trust(TrustStore::new(vec![root])));
/// assert_eq!(report.indication, Indication::Valid);
/// # Ok(()) }
/// ```
pub fn verify_seal(seal: &SesSeal, at: Timestamp, options: &SealVerifyOptions) -> SealReport {
    let info = seal.info();
    let prop = &info.property;
    let mut checks = Vec::new();

    checks.push(Check::passed(
        "seal.format",
        format!("{} SESeal parsed", seal.version()),
    ));
    if seal.trailing_bytes() > 0 {
        checks.push(Check::warning(
            "seal.format",
            "seal.trailing-bytes",
            format!("{} bytes follow the seal's DER", seal.trailing_bytes()),
        ));
    }

    // Header: ID "ES"; the version agrees with the structure.
    let header = &info.header;
    let expected = match seal.version() {
        SealVersion::V1 => None,
        v => Some(i64::from(v.number())),
    };
    if header.id != "ES" {
        checks.push(Check::failed(
            "seal.header",
            "seal.bad-header",
            format!("SES_Header.ID is {:?}, not \"ES\"", header.id),
        ));
    } else if expected.is_some_and(|v| v != header.version) {
        checks.push(Check::failed(
            "seal.header",
            "seal.version-mismatch",
            format!(
                "SES_Header.version {} does not match the {:?} structure",
                header.version,
                seal.version()
            ),
        ));
    } else {
        checks.push(Check::passed(
            "seal.header",
            format!(
                "header ES, version {}, vendor {:?}",
                header.version, header.vid
            ),
        ));
    }

    // Property consistency.
    if prop.valid_end < prop.valid_start {
        checks.push(Check::failed(
            "seal.property",
            "seal.bad-validity-period",
            format!(
                "validEnd {} is before validStart {}",
                prop.valid_end, prop.valid_start
            ),
        ));
    } else if prop.cert_list.is_empty() {
        checks.push(Check::failed(
            "seal.property",
            "seal.empty-cert-list",
            "the seal lists no signer certificates",
        ));
    } else {
        checks.push(Check::passed(
            "seal.property",
            format!(
                "{} signer(s), valid {} to {}",
                prop.cert_list.len(),
                prop.valid_start,
                prop.valid_end
            ),
        ));
    }

    checks.push(extensions_check("seal.extensions", &info.ext_datas));

    // Maker certificate.
    let maker = Certificate::from_der(seal.maker_certificate_der());
    let maker_subject = maker.as_ref().ok().map(|c| c.subject().to_string());
    match &maker {
        Ok(c) => match c.check_purpose(Purpose::SealMaking) {
            Ok(()) => checks.push(Check::passed(
                "seal.maker-certificate",
                format!("maker {}", c.subject()),
            )),
            Err(e) => checks.push(Check::failed(
                "seal.maker-certificate",
                e.code(),
                e.to_string(),
            )),
        },
        Err(e) => checks.push(Check::failed(
            "seal.maker-certificate",
            e.code(),
            format!("the maker certificate cannot be read: {e}"),
        )),
    }

    // Maker signature over the stored bytes.
    let (check, maker_signature) = check_signature(
        "seal.maker-signature",
        maker.as_ref().ok(),
        seal.signature_algorithm(),
        seal.signed_value(),
        &seal.maker_signed_bytes(),
        &options.signature,
    );
    checks.push(check);

    // Maker chain at createDate.
    checks.push(check_chain(
        "seal.maker-chain",
        maker.as_ref().ok(),
        prop.create_date,
        Purpose::SealMaking,
        options,
    ));

    // Validity at `at`.
    if at < prop.valid_start {
        checks.push(Check::failed(
            "seal.validity",
            "seal.not-yet-valid",
            format!("the seal is valid from {}, not at {at}", prop.valid_start),
        ));
    } else if at > prop.valid_end {
        checks.push(Check::failed(
            "seal.validity",
            "seal.expired",
            format!("the seal expired at {}, before {at}", prop.valid_end),
        ));
    } else {
        checks.push(Check::passed("seal.validity", valid_at_message(at)));
    }

    if seal.timestamp().is_some() {
        checks.push(Check::warning(
            "seal.timestamp",
            "timestamp.not-verified",
            "the seal carries a timestamp, which gmseal does not verify yet",
        ));
    }

    SealReport {
        indication: indication(&checks),
        version: seal.version(),
        es_id: info.es_id.clone(),
        name: prop.name.clone(),
        seal_type: prop.seal_type,
        vendor: header.vid.clone(),
        create_date: prop.create_date,
        valid_start: prop.valid_start,
        valid_end: prop.valid_end,
        checked_at: at,
        picture_type: info.picture.kind.clone(),
        picture_mm: [info.picture.width_mm, info.picture.height_mm],
        maker: maker_subject,
        maker_signature,
        checks,
    }
}

/// `extDatas`: gmseal understands none, so a critical one makes the result
/// indeterminate (never valid; the data is not known to be forged either).
fn extensions_check(id: &'static str, exts: &[crate::seal::ExtData]) -> Check {
    match exts.iter().find(|e| e.critical) {
        Some(e) => Check::indeterminate(
            id,
            "seal.unknown-critical-extension",
            format!("critical extension {} is not understood", e.id),
        ),
        None if exts.is_empty() => Check::passed(id, "no extensions"),
        None => Check::passed(
            id,
            format!("{} non-critical extension(s), not interpreted", exts.len()),
        ),
    }
}

/// Is `cert` (DER) one of the seal's signers: byte-equal to a listed
/// certificate, or its SM3 or SHA-256 digest listed.
pub(crate) fn signer_listed(list: &CertList, cert: &[u8]) -> Option<bool> {
    match list {
        CertList::Certificates(certs) => Some(certs.iter().any(|c| c == cert)),
        CertList::Digests(digests) => {
            use sha2::Digest as _;
            let sm3_digest = sm3(cert);
            let sha256 = sha2::Sha256::digest(cert);
            Some(
                digests
                    .iter()
                    .any(|d| d.value == sm3_digest || d.value.as_slice() == sha256.as_slice()),
            )
        }
        CertList::Identifiers(_) => None,
    }
}

/// Verify a seal signature over `original`.
///
/// ```
/// # fn main() -> gmseal::Result<()> {
/// # let f = gmseal::seal::__doc::fixture()?;
/// # let document = b"the document".to_vec();
/// # let signature = gmseal::seal::__doc::signature(&f, &gmseal::seal::__doc::seal(&f)?, &document)?;
/// # let root = f.root.clone();
/// use gmseal::seal::{verify_signature, Indication, Original, SealVerifyOptions};
/// use gmseal::pki::TrustStore;
/// let options = SealVerifyOptions::with_trust(TrustStore::new(vec![root]));
/// let report = verify_signature(&signature, Original::Data(&document), &options);
/// assert_eq!(report.indication, Indication::Valid);
/// let report = verify_signature(&signature, Original::Data(b"another document"), &options);
/// assert_eq!(report.indication, Indication::Invalid);
/// # Ok(()) }
/// ```
pub fn verify_signature(
    signature: &SesSignature,
    original: Original<'_>,
    options: &SealVerifyOptions,
) -> SignatureReport {
    verify_signature_with(
        signature,
        original,
        options,
        &|seal, at| verify_seal(seal, at, options),
        &|id, cert, at, purpose| check_chain(id, cert, at, purpose, options),
    )
}

/// How [`verify_signature_with`] verifies the embedded seal.
pub(crate) type SealCheck<'a> = dyn Fn(&SesSeal, Timestamp) -> SealReport + 'a;
/// How [`verify_signature_with`] validates the signer's chain.
pub(crate) type ChainCheck<'a> =
    dyn Fn(&'static str, Option<&Certificate>, Timestamp, Purpose) -> Check + 'a;

/// [`verify_signature`] with the seal and chain checks supplied (for
/// example cached ones).
pub(crate) fn verify_signature_with(
    signature: &SesSignature,
    original: Original<'_>,
    options: &SealVerifyOptions,
    verify_seal: &SealCheck<'_>,
    check_chain: &ChainCheck<'_>,
) -> SignatureReport {
    let tbs = signature.to_sign();
    let seal = signature.seal();
    let mut checks = Vec::new();

    checks.push(Check::passed(
        "signature.format",
        format!("{} SES_Signature parsed", signature.version()),
    ));
    if signature.trailing_bytes() > 0 {
        checks.push(Check::warning(
            "signature.format",
            "signature.trailing-bytes",
            format!(
                "{} bytes follow the signature's DER",
                signature.trailing_bytes()
            ),
        ));
    }
    if signature.version() == SealVersion::V1 {
        checks.push(Check::passed(
            "signature.version",
            "v1: TBS_Sign.version is not tied to the seal",
        ));
    } else if tbs.version != seal.info().header.version {
        checks.push(Check::failed(
            "signature.version",
            "signature.version-mismatch",
            format!(
                "TBS_Sign.version {} differs from the seal's header version {}",
                tbs.version,
                seal.info().header.version
            ),
        ));
    } else {
        checks.push(Check::passed(
            "signature.version",
            format!("version {}", tbs.version),
        ));
    }
    checks.push(extensions_check("signature.extensions", &tbs.ext_datas));

    let signer = Certificate::from_der(signature.signer_certificate_der());
    let signer_subject = signer.as_ref().ok().map(|c| c.subject().to_string());
    match &signer {
        Ok(c) => checks.push(Check::passed(
            "signature.signer-certificate",
            format!("signer {}", c.subject()),
        )),
        Err(e) => checks.push(Check::failed(
            "signature.signer-certificate",
            e.code(),
            format!("the signer certificate cannot be read: {e}"),
        )),
    }

    let (check, signature_info) = check_signature(
        "signature.signature",
        signer.as_ref().ok(),
        signature.signature_algorithm(),
        signature.signature(),
        signature.to_sign_der(),
        &options.signature,
    );
    checks.push(check);

    match signer_listed(&seal.info().property.cert_list, signature.signer_certificate_der()) {
        Some(true) => checks.push(Check::passed("signature.signer-in-seal", "the signer certificate is in the seal's certificate list")),
        Some(false) => checks.push(Check::failed(
            "signature.signer-in-seal",
            "seal.signer-not-in-list",
            "the signer certificate is not in the seal's certificate list",
        )),
        None => checks.push(Check::indeterminate(
            "signature.signer-in-seal",
            "seal.signer-list-unverifiable",
            "the seal lists certificate identifiers, not certificates: the signer cannot be matched",
        )),
    }

    let time = tbs.time_info.time();
    let seal_report = verify_seal(seal, time.unwrap_or(Timestamp::UNIX_EPOCH));
    match seal_report.indication {
        crate::seal::Indication::Valid => checks.push(Check::passed(
            "signature.seal",
            "the embedded seal is valid at the signing time",
        )),
        crate::seal::Indication::Invalid => {
            checks.push(Check::failed(
                "signature.seal",
                "seal.invalid",
                "the embedded seal is not valid (see its checks)",
            ));
        }
        crate::seal::Indication::Indeterminate => checks.push(Check::indeterminate(
            "signature.seal",
            "seal.indeterminate",
            "the embedded seal could not be fully verified (see its checks)",
        )),
    }

    match time {
        Some(t) => {
            checks.push(check_chain(
                "signature.signer-chain",
                signer.as_ref().ok(),
                t,
                Purpose::DocumentSigning,
            ));
            match &signer {
                Ok(c) if c.is_valid_at(t) => checks.push(Check::passed(
                    "signature.time",
                    format!("signed at {t}, inside the signer certificate's validity"),
                )),
                Ok(c) => checks.push(Check::failed(
                    "signature.time",
                    "signature.time-outside-certificate",
                    format!(
                        "signed at {t}, outside the signer certificate's validity {} to {}",
                        c.not_before(),
                        c.not_after()
                    ),
                )),
                Err(_) => checks.push(Check::indeterminate(
                    "signature.time",
                    "chain.no-certificate",
                    "the signer certificate cannot be read",
                )),
            }
        }
        None => checks.push(Check::indeterminate(
            "signature.time",
            "signature.no-time",
            "timeInfo is not a readable time",
        )),
    }

    let expected: Option<[u8; 32]> = match original {
        Original::Data(d) => Some(sm3(d)),
        Original::Digest(d) => Some(*d),
        Original::NotProvided => None,
    };
    match expected {
        Some(h) if h.as_slice() == tbs.data_hash.as_slice() => checks.push(Check::passed("signature.data-hash", "dataHash is the SM3 digest of the original")),
        Some(_) => checks.push(Check::failed(
            "signature.data-hash",
            "signature.data-hash-mismatch",
            "dataHash does not match the original: the document was modified or is not the one signed",
        )),
        None => checks.push(Check::indeterminate("signature.data-hash", "data.not-checked", "the original was not given; dataHash was not checked")),
    }
    if signature.timestamp().is_some() {
        checks.push(Check::warning(
            "signature.timestamp",
            "timestamp.not-verified",
            "the signature carries a timestamp, which gmseal does not verify yet",
        ));
    }

    SignatureReport {
        indication: indication(&checks),
        version: signature.version(),
        time,
        property_info: tbs.property_info.clone(),
        data_hash: crate::hex_upper(&tbs.data_hash),
        signer: signer_subject,
        signature: signature_info,
        has_timestamp: signature.timestamp().is_some(),
        seal: seal_report,
        checks,
    }
}

/// The message of a passed `seal.validity` check.
pub(crate) fn valid_at_message(at: Timestamp) -> String {
    format!("valid at {at}")
}
