//! Errors: one `#[non_exhaustive]` enum per module, wrapped by [`Error`].
//!
//! Messages are lower case without a final period and say what was wrong and
//! where (field name, byte offset) so that an operator can act on them.

use core::fmt;

/// The result type of every fallible gmseal function.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Every error gmseal returns.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Malformed input: a DER, PEM or other structure that does not decode.
    /// The [`DecodeError`] names the structure and, where known, the byte offset.
    Decode(DecodeError),
    /// A failure in the SM2/SM3/SM4 layer: keys, signatures, ciphers, encodings.
    Crypto(CryptoError),
    /// A failure in the X.509 layer: certificates, names, chains, CRLs.
    Pki(PkiError),
    /// A failure building or verifying CMS `SignedData`.
    Cms(CmsError),
    /// A failure making or verifying an RFC 3161 time-stamp token.
    Tsp(TspError),
    /// A failure making or using an electronic seal.
    Seal(SealError),
    /// A failure with e-license metadata or identifiers (GB/T 36903/36904).
    License(LicenseError),
    /// Reading the input would exceed a resource limit (nesting depth, a
    /// decompressed size, an object or xref count, ...; see `docs/limits.md`).
    /// The input is not known to be malformed, only too costly to read: a
    /// verifier reports it as indeterminate, never as valid or invalid.
    LimitExceeded(DecodeError),
    /// An argument is invalid (for example a time that cannot be parsed).
    InvalidInput(String),
    /// Reading input failed.
    Io(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Decode(e) => write!(f, "{e}"),
            Self::LimitExceeded(e) => {
                write!(
                    f,
                    "resource limit exceeded reading {}: {}",
                    e.what, e.detail
                )?;
                if let Some(offset) = e.offset {
                    write!(f, " (at byte {offset})")?;
                }
                Ok(())
            }
            Self::Crypto(e) => write!(f, "{e}"),
            Self::Pki(e) => write!(f, "{e}"),
            Self::Cms(e) => write!(f, "{e}"),
            Self::Tsp(e) => write!(f, "{e}"),
            Self::Seal(e) => write!(f, "{e}"),
            Self::License(e) => write!(f, "{e}"),
            Self::InvalidInput(e) => write!(f, "invalid input: {e}"),
            Self::Io(e) => write!(f, "i/o error: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        // Transparent: `Display` already shows the inner error, so the chain
        // continues with the inner error's own source.
        match self {
            Self::Decode(e) | Self::LimitExceeded(e) => e.source(),
            Self::Crypto(e) => e.source(),
            Self::Pki(e) => e.source(),
            Self::Cms(e) => e.source(),
            Self::Tsp(e) => e.source(),
            Self::Seal(e) => e.source(),
            Self::License(e) => e.source(),
            Self::InvalidInput(_) => None,
            Self::Io(e) => e.source(),
        }
    }
}

impl From<CryptoError> for Error {
    fn from(e: CryptoError) -> Self {
        Self::Crypto(e)
    }
}

impl From<PkiError> for Error {
    fn from(e: PkiError) -> Self {
        Self::Pki(e)
    }
}

impl From<CmsError> for Error {
    fn from(e: CmsError) -> Self {
        Self::Cms(e)
    }
}

impl From<TspError> for Error {
    fn from(e: TspError) -> Self {
        Self::Tsp(e)
    }
}

impl From<SealError> for Error {
    fn from(e: SealError) -> Self {
        Self::Seal(e)
    }
}

impl From<LicenseError> for Error {
    fn from(e: LicenseError) -> Self {
        Self::License(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Self::Io(e)
    }
}

/// A malformed ASN.1/DER structure, with the structure's name and the byte
/// offset (relative to the start of that structure) where decoding failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The structure being decoded, for example `"PKCS#8 PrivateKeyInfo"`.
    pub what: &'static str,
    /// What was wrong.
    pub detail: String,
    /// Byte offset of the problem inside the structure, when known.
    pub offset: Option<usize>,
}

impl DecodeError {
    pub(crate) fn new(what: &'static str, detail: impl Into<String>) -> Self {
        Self {
            what,
            detail: detail.into(),
            offset: None,
        }
    }

    pub(crate) fn from_der(what: &'static str, e: der::Error) -> Self {
        let offset = e.position().map(|p| u32::from(p) as usize);
        Self {
            what,
            detail: e.kind().to_string(),
            offset,
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed {}: {}", self.what, self.detail)?;
        if let Some(offset) = self.offset {
            write!(f, " (at byte {offset})")?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

/// Errors of the [`crypto`](crate::crypto) module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CryptoError {
    /// A PEM document could not be decoded or had an unexpected label.
    #[error("{0}")]
    Pem(String),
    /// The private key scalar is outside `[1, n-2]`.
    #[error("invalid SM2 private key: {0}")]
    InvalidPrivateKey(&'static str),
    /// The public key is not a valid point of the SM2 curve.
    #[error("invalid SM2 public key: {0}")]
    InvalidPublicKey(&'static str),
    /// A key file carries a public key that does not belong to its private key.
    #[error("the public key stored in the key file does not match its private key")]
    KeyMismatch,
    /// An algorithm or curve identifier that gmseal does not support.
    #[error("unsupported {what}: {oid}")]
    UnsupportedAlgorithm {
        /// Where the identifier was found.
        what: &'static str,
        /// The identifier, in dotted form.
        oid: String,
    },
    /// The private key is encrypted and no password was given.
    #[error("the private key is encrypted: a password is required")]
    PasswordRequired,
    /// Decrypting an encrypted private key failed.
    #[error("cannot decrypt the private key: wrong password or corrupted file")]
    WrongPasswordOrCorrupt,
    /// Authenticated decryption (SM4-GCM) failed.
    #[error("authentication failed: the SM4-GCM tag does not match (wrong key or tampered data)")]
    AuthenticationFailed,
    /// A signature is not a well-formed SM2 signature.
    #[error("malformed SM2 signature: {0}")]
    MalformedSignature(&'static str),
    /// The signature is well formed but does not verify.
    #[error("SM2 signature does not verify with the public key and the accepted user IDs")]
    BadSignature,
    /// A user ID longer than SM2's 16-bit ENTL allows.
    #[error("SM2 user ID is {0} bytes long; at most 8191 bytes are allowed")]
    UserIdTooLong(usize),
    /// An input has the wrong length.
    #[error("{what} must be {expected} bytes, got {actual}")]
    InvalidLength {
        /// The input.
        what: &'static str,
        /// The required length.
        expected: usize,
        /// The length given.
        actual: usize,
    },
    /// A parameter is out of range.
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),
    /// The random number generator failed.
    #[error("random number generator failed: {0}")]
    Random(String),
    /// An external signer (HSM, UKey, remote service) failed.
    #[error("external signer failed: {0}")]
    Signer(String),
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Self::Decode(e)
    }
}

/// Errors of the [`pki`](crate::pki) module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PkiError {
    /// A distinguished name string could not be parsed.
    #[error("invalid distinguished name {input:?}: {reason}")]
    InvalidName {
        /// The string given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Certificate parameters are inconsistent.
    #[error("invalid certificate parameters: {0}")]
    InvalidParams(String),
    /// A certificate's signature algorithm is not SM2-with-SM3.
    #[error(
        "unsupported signature algorithm {oid} in {what} (only SM2-with-SM3 1.2.156.10197.1.501 is supported)"
    )]
    UnsupportedSignatureAlgorithm {
        /// Certificate or CRL.
        what: &'static str,
        /// The identifier found.
        oid: String,
    },
    /// A certificate's or CRL's signature does not verify with its issuer's key.
    #[error("the signature of {what} does not verify with the key of {issuer}")]
    BadSignature {
        /// The certificate or CRL (subject name or description).
        what: String,
        /// The issuer's subject name.
        issuer: String,
    },
    /// A certificate is not yet valid or has expired at the validation time.
    #[error(
        "certificate {subject} is not valid at {time} (valid from {not_before} to {not_after})"
    )]
    Expired {
        /// Subject of the certificate.
        subject: String,
        /// The validation time.
        time: String,
        /// Start of validity.
        not_before: String,
        /// End of validity.
        not_after: String,
    },
    /// No path from the certificate to a trust anchor could be built.
    #[error("no chain to a trusted root: {0}")]
    UnknownIssuer(String),
    /// An issuer certificate is not a CA, or its path length is exceeded.
    #[error("certificate {subject} may not issue certificates: {reason}")]
    NotACa {
        /// Subject of the would-be issuer.
        subject: String,
        /// Why it may not.
        reason: String,
    },
    /// A certificate lacks a key usage the purpose requires.
    #[error("certificate {subject} does not allow {usage}")]
    KeyUsage {
        /// Subject of the certificate.
        subject: String,
        /// The missing usage.
        usage: String,
    },
    /// A certificate carries a critical extension gmseal does not understand.
    #[error("certificate {subject} has unsupported critical extension {oid}")]
    UnknownCriticalExtension {
        /// Subject of the certificate.
        subject: String,
        /// The extension identifier.
        oid: String,
    },
    /// A certificate is listed in its issuer's CRL.
    #[error("certificate {subject} (serial {serial}) was revoked on {date}{}", reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default())]
    Revoked {
        /// Subject of the certificate.
        subject: String,
        /// Serial number, hex.
        serial: String,
        /// Revocation date.
        date: String,
        /// CRL reason, when given.
        reason: Option<String>,
    },
    /// A CRL is unusable for the check (wrong issuer, expired, bad signature).
    #[error("CRL problem: {0}")]
    Crl(String),
    /// The chain is longer than the validator accepts.
    #[error("certificate chain longer than {0} certificates")]
    ChainTooLong(usize),
}

/// Errors of the [`seal`](crate::seal) module when making seals and seal
/// signatures. (Verification does not fail with errors: it returns a report.)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SealError {
    /// The seal or signature parameters are inconsistent.
    #[error("invalid seal parameters: {0}")]
    InvalidParams(String),
    /// The signer's certificate is not in the seal's certificate list.
    #[error("the certificate of {0} is not in the seal's certificate list")]
    SignerNotInSeal(String),
    /// The seal is not valid at the signing time.
    #[error("the seal is valid from {valid_start} to {valid_end}, not at {time}")]
    NotValidAt {
        /// The signing time.
        time: String,
        /// `validStart`.
        valid_start: String,
        /// `validEnd`.
        valid_end: String,
    },
    /// gmseal writes v4 signatures and can only embed a v4 seal in them.
    #[error("a {0} seal cannot be used to make a GB/T 38540 (v4) signature")]
    UnsupportedVersion(String),
}

/// Errors of the [`license`](crate::license) module: identifiers that cannot
/// be built or parsed, dates, metadata that fails validation, XML.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LicenseError {
    /// A string is not a GB/T 36904 e-license identifier: wrong root, wrong
    /// number of segments or characters outside a segment's set.
    #[error("malformed e-license identifier {input:?}: {reason}")]
    MalformedIdentifier {
        /// The string given (cut to 200 characters).
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A part given to build an identifier is invalid.
    #[error("cannot build an e-license identifier: {part} {value:?}: {reason}")]
    InvalidIdentifierPart {
        /// The part: `type code`, `issuer code`, `serial`, `version` or `identifier`.
        part: &'static str,
        /// The value given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A date that is not `YYYY-MM-DD` or `YYYYMMDD`, or not a calendar date.
    #[error("invalid e-license date {input:?}: {reason}")]
    InvalidDate {
        /// The text given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Metadata that has validation errors (`license::validate` lists them all).
    #[error("invalid e-license metadata: {count} error(s), the first: {first}")]
    InvalidMetadata {
        /// The number of errors (warnings are not counted).
        count: usize,
        /// The first error, as `field: message (code)`.
        first: String,
    },
    /// XML that is not gmseal e-license metadata, or metadata XML cannot carry.
    #[error("e-license metadata xml: {reason}{}", position.map(|p| format!(" (at byte {p})")).unwrap_or_default())]
    Xml {
        /// What is wrong.
        reason: String,
        /// Byte offset in the XML text, when known.
        position: Option<u64>,
    },
}

/// Errors of the [`cms`](crate::cms) module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CmsError {
    /// The structure is well formed but not what a detached SM2 SignedData must be.
    #[error("invalid CMS SignedData: {0}")]
    Invalid(String),
    /// An algorithm gmseal does not support.
    #[error("unsupported {what} in CMS SignedData: {oid}")]
    UnsupportedAlgorithm {
        /// Which field.
        what: &'static str,
        /// The identifier found.
        oid: String,
    },
    /// The content digest does not match the `message-digest` attribute.
    #[error("the data does not match the signed message digest (the content was modified)")]
    DigestMismatch,
    /// The signer's certificate is not in the SignedData nor supplied.
    #[error("the signer certificate ({0}) is not in the SignedData")]
    SignerCertificateMissing(String),
    /// The `signing-certificate-v2` attribute names another certificate.
    #[error("the signing-certificate-v2 attribute does not match the signer certificate")]
    SigningCertificateMismatch,
    /// The signature over the signed attributes does not verify.
    #[error("the CMS signature does not verify: {0}")]
    BadSignature(String),
}

/// Errors of the [`tsp`](crate::tsp) module (RFC 3161 time-stamp tokens).
/// Failures of the CMS layer underneath (signature, digest, signer
/// certificate) are [`CmsError`]s.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TspError {
    /// The CMS `SignedData` does not carry a `TSTInfo` (`eContentType` is not
    /// `id-ct-TSTInfo`).
    #[error(
        "not a time-stamp token: eContentType is {0}, not id-ct-TSTInfo 1.2.840.113549.1.9.16.1.4"
    )]
    NotATimestampToken(String),
    /// The token is well formed but breaks a rule of RFC 3161.
    #[error("invalid time-stamp token: {0}")]
    Invalid(String),
    /// The message imprint uses a hash algorithm other than SM3.
    #[error(
        "unsupported message imprint hash algorithm {0} in the time-stamp token (expected sm3 1.2.156.10197.1.401)"
    )]
    UnsupportedHashAlgorithm(String),
    /// The token time-stamps other data: its message imprint differs.
    #[error(
        "the time-stamp token's message imprint {found} does not match the data's SM3 digest {expected}"
    )]
    ImprintMismatch {
        /// The SM3 digest the caller expects, hex.
        expected: String,
        /// The `hashedMessage` of the token, hex.
        found: String,
    },
    /// The signer's certificate is not a TSA certificate: RFC 3161 §2.3
    /// requires exactly one extended key usage, `id-kp-timeStamping`, critical.
    #[error("certificate {subject} may not sign time stamps: {reason}")]
    NotATsaCertificate {
        /// Subject of the certificate.
        subject: String,
        /// What is wrong with its extended key usage.
        reason: String,
    },
}

impl Error {
    /// A stable, machine-readable reason code such as `"pki.expired"`, for
    /// reports, JSON output and the C ABI. Codes are never reused or renamed.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Decode(_) => "decode.malformed",
            Self::LimitExceeded(_) => "decode.limit-exceeded",
            Self::InvalidInput(_) => "input.invalid",
            Self::Io(_) => "input.io",
            Self::Crypto(e) => match e {
                CryptoError::Pem(_) => "crypto.pem",
                CryptoError::InvalidPrivateKey(_) => "crypto.invalid-private-key",
                CryptoError::InvalidPublicKey(_) => "crypto.invalid-public-key",
                CryptoError::KeyMismatch => "crypto.key-mismatch",
                CryptoError::UnsupportedAlgorithm { .. } => "crypto.unsupported-algorithm",
                CryptoError::PasswordRequired => "crypto.password-required",
                CryptoError::WrongPasswordOrCorrupt => "crypto.wrong-password",
                CryptoError::AuthenticationFailed => "crypto.authentication-failed",
                CryptoError::MalformedSignature(_) => "crypto.malformed-signature",
                CryptoError::BadSignature => "crypto.bad-signature",
                CryptoError::UserIdTooLong(_) => "crypto.user-id-too-long",
                CryptoError::InvalidLength { .. } => "crypto.invalid-length",
                CryptoError::InvalidParameter(_) => "crypto.invalid-parameter",
                CryptoError::Random(_) => "crypto.random",
                CryptoError::Signer(_) => "crypto.signer",
            },
            Self::Pki(e) => match e {
                PkiError::InvalidName { .. } => "pki.invalid-name",
                PkiError::InvalidParams(_) => "pki.invalid-params",
                PkiError::UnsupportedSignatureAlgorithm { .. } => {
                    "pki.unsupported-signature-algorithm"
                }
                PkiError::BadSignature { .. } => "pki.bad-signature",
                PkiError::Expired { .. } => "pki.expired",
                PkiError::UnknownIssuer(_) => "pki.unknown-issuer",
                PkiError::NotACa { .. } => "pki.not-a-ca",
                PkiError::KeyUsage { .. } => "pki.key-usage",
                PkiError::UnknownCriticalExtension { .. } => "pki.unknown-critical-extension",
                PkiError::Revoked { .. } => "pki.revoked",
                PkiError::Crl(_) => "pki.crl",
                PkiError::ChainTooLong(_) => "pki.chain-too-long",
            },
            Self::Seal(e) => match e {
                SealError::InvalidParams(_) => "seal.invalid-params",
                SealError::SignerNotInSeal(_) => "seal.signer-not-in-list",
                SealError::NotValidAt { .. } => "seal.not-valid-at-signing-time",
                SealError::UnsupportedVersion(_) => "seal.unsupported-version",
            },
            Self::License(e) => match e {
                LicenseError::MalformedIdentifier { .. } => "license.malformed-identifier",
                LicenseError::InvalidIdentifierPart { .. } => "license.invalid-identifier-part",
                LicenseError::InvalidDate { .. } => "license.invalid-date",
                LicenseError::InvalidMetadata { .. } => "license.invalid-metadata",
                LicenseError::Xml { .. } => "license.xml",
            },
            Self::Cms(e) => match e {
                CmsError::Invalid(_) => "cms.invalid",
                CmsError::UnsupportedAlgorithm { .. } => "cms.unsupported-algorithm",
                CmsError::DigestMismatch => "cms.digest-mismatch",
                CmsError::SignerCertificateMissing(_) => "cms.signer-certificate-missing",
                CmsError::SigningCertificateMismatch => "cms.signing-certificate-mismatch",
                CmsError::BadSignature(_) => "cms.bad-signature",
            },
            Self::Tsp(e) => match e {
                TspError::NotATimestampToken(_) => "tsp.not-a-token",
                TspError::Invalid(_) => "tsp.invalid",
                TspError::UnsupportedHashAlgorithm(_) => "tsp.unsupported-algorithm",
                TspError::ImprintMismatch { .. } => "tsp.imprint-mismatch",
                TspError::NotATsaCertificate { .. } => "tsp.not-a-tsa-certificate",
            },
        }
    }

    /// True when the input was well formed but did not verify: a bad or
    /// unverifiable signature, a modified document, an invalid or untrusted
    /// certificate path. False for malformed input, unsupported algorithms,
    /// bad arguments and I/O errors. (The CLI exits 1 for the former, 2 for the latter.)
    pub fn is_verification_failure(&self) -> bool {
        match self {
            Self::Crypto(e) => matches!(
                e,
                CryptoError::BadSignature
                    | CryptoError::KeyMismatch
                    | CryptoError::AuthenticationFailed
            ),
            Self::Pki(e) => !matches!(
                e,
                PkiError::InvalidName { .. }
                    | PkiError::InvalidParams(_)
                    | PkiError::UnsupportedSignatureAlgorithm { .. }
            ),
            Self::Cms(e) => !matches!(e, CmsError::UnsupportedAlgorithm { .. }),
            Self::Tsp(e) => !matches!(e, TspError::UnsupportedHashAlgorithm(_)),
            Self::Seal(_) | Self::License(_) => false,
            Self::Decode(_) | Self::LimitExceeded(_) | Self::InvalidInput(_) | Self::Io(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_classes() {
        let e: Error = CryptoError::BadSignature.into();
        assert_eq!(e.code(), "crypto.bad-signature");
        assert!(e.is_verification_failure());
        let e: Error = DecodeError::new("X", "y").into();
        assert_eq!(e.to_string(), "malformed X: y");
        assert!(!e.is_verification_failure());
        let e: Error = CmsError::DigestMismatch.into();
        assert!(e.is_verification_failure());
        let e: Error = TspError::ImprintMismatch {
            expected: "AA".into(),
            found: "BB".into(),
        }
        .into();
        assert_eq!(e.code(), "tsp.imprint-mismatch");
        assert!(e.is_verification_failure());
        let e: Error = TspError::UnsupportedHashAlgorithm("2.16.840.1.101.3.4.2.1".into()).into();
        assert_eq!(e.code(), "tsp.unsupported-algorithm");
        assert!(!e.is_verification_failure());
    }
}
