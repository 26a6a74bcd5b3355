//! Result codes: [`gmseal_result`], the committed table that maps gmseal's
//! stable string codes ([`gmseal::Error::code`]) to numbers, and the
//! thread-local last error.
//!
//! Numbers come in bands of 100, one per module. A code is never renumbered
//! and a number is never reused: a code the library retires keeps its line
//! here as a comment. A library code that is not in the table yet (a newer
//! library) maps to its band's `..99` number; its string is still reported by
//! `gmseal_last_error_code_name`.

use core::ffi::c_char;
use std::cell::RefCell;
use std::ffi::CString;

/// The result of every fallible gmseal function: `GMSEAL_OK` (0) or an error
/// code. Codes come in bands: 1000 invalid argument or usage, 1100 decoding,
/// 1200 crypto, 1300 PKI, 1400 CMS and time stamps, 1500 seals, 1600
/// e-licenses, 1700 PDF, 1800 I/O, 1900 internal. Within a band, `..99` is
/// "another error of this band" (a code this version does not know by number).
///
/// Each name is `GMSEAL_` followed by the stable string code in upper case
/// (`pki.expired` is `GMSEAL_PKI_EXPIRED`), which
/// `gmseal_last_error_code_name` returns. Numbers are never reused.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum gmseal_result {
    /// Success.
    GMSEAL_OK = 0,

    // 1000: invalid arguments and usage.
    /// A required pointer argument is NULL (or a length is non-zero with a NULL pointer).
    GMSEAL_FFI_NULL_ARGUMENT = 1000,
    /// A string argument is not valid UTF-8.
    GMSEAL_FFI_INVALID_UTF8 = 1001,
    /// A JSON argument does not parse or does not have the expected fields.
    GMSEAL_FFI_INVALID_JSON = 1002,
    /// An unknown name: profile, purpose, template, flavour, seal style.
    GMSEAL_FFI_UNKNOWN_NAME = 1003,
    /// An argument is out of range or does not fit the call (a negative time,
    /// a length too large, a callback key where a private key is needed).
    GMSEAL_FFI_INVALID_ARGUMENT = 1004,
    /// The library rejected an argument (`input.invalid`).
    GMSEAL_INPUT_INVALID = 1005,
    /// Another invalid-argument error.
    GMSEAL_USAGE_OTHER = 1099,

    // 1100: decoding.
    /// Malformed input: DER, PEM or another structure that does not decode.
    GMSEAL_DECODE_MALFORMED = 1100,
    /// Reading the input would exceed a resource limit (see docs/limits.md).
    GMSEAL_DECODE_LIMIT_EXCEEDED = 1101,
    /// Another decoding error.
    GMSEAL_DECODE_OTHER = 1199,

    // 1200: SM2, SM3, SM4 and key files.
    /// A PEM document could not be decoded or had an unexpected label.
    GMSEAL_CRYPTO_PEM = 1200,
    /// The private key scalar is out of range.
    GMSEAL_CRYPTO_INVALID_PRIVATE_KEY = 1201,
    /// The public key is not a point of the SM2 curve.
    GMSEAL_CRYPTO_INVALID_PUBLIC_KEY = 1202,
    /// A key file's public key does not belong to its private key.
    GMSEAL_CRYPTO_KEY_MISMATCH = 1203,
    /// An algorithm or curve gmseal does not support.
    GMSEAL_CRYPTO_UNSUPPORTED_ALGORITHM = 1204,
    /// The private key is encrypted and no password was given.
    GMSEAL_CRYPTO_PASSWORD_REQUIRED = 1205,
    /// Wrong password, or a corrupted encrypted key.
    GMSEAL_CRYPTO_WRONG_PASSWORD = 1206,
    /// SM4-GCM authentication failed.
    GMSEAL_CRYPTO_AUTHENTICATION_FAILED = 1207,
    /// A malformed SM2 signature.
    GMSEAL_CRYPTO_MALFORMED_SIGNATURE = 1208,
    /// An SM2 signature that does not verify.
    GMSEAL_CRYPTO_BAD_SIGNATURE = 1209,
    /// An SM2 user ID longer than 8191 bytes.
    GMSEAL_CRYPTO_USER_ID_TOO_LONG = 1210,
    /// An input of the wrong length.
    GMSEAL_CRYPTO_INVALID_LENGTH = 1211,
    /// A parameter out of range.
    GMSEAL_CRYPTO_INVALID_PARAMETER = 1212,
    /// The random number generator failed.
    GMSEAL_CRYPTO_RANDOM = 1213,
    /// An external signer (the signing callback) failed.
    GMSEAL_CRYPTO_SIGNER = 1214,
    /// Another crypto error.
    GMSEAL_CRYPTO_OTHER = 1299,

    // 1300: X.509.
    /// A distinguished name that does not parse.
    GMSEAL_PKI_INVALID_NAME = 1300,
    /// Inconsistent certificate parameters.
    GMSEAL_PKI_INVALID_PARAMS = 1301,
    /// A signature algorithm other than SM2-with-SM3.
    GMSEAL_PKI_UNSUPPORTED_SIGNATURE_ALGORITHM = 1302,
    /// A certificate or CRL signature that does not verify.
    GMSEAL_PKI_BAD_SIGNATURE = 1303,
    /// A certificate not valid at the validation time.
    GMSEAL_PKI_EXPIRED = 1304,
    /// No path to a trusted root.
    GMSEAL_PKI_UNKNOWN_ISSUER = 1305,
    /// An issuer that may not issue certificates.
    GMSEAL_PKI_NOT_A_CA = 1306,
    /// A key usage the purpose needs is missing.
    GMSEAL_PKI_KEY_USAGE = 1307,
    /// An unknown critical extension.
    GMSEAL_PKI_UNKNOWN_CRITICAL_EXTENSION = 1308,
    /// A revoked certificate.
    GMSEAL_PKI_REVOKED = 1309,
    /// An unusable CRL.
    GMSEAL_PKI_CRL = 1310,
    /// A chain longer than the validator accepts.
    GMSEAL_PKI_CHAIN_TOO_LONG = 1311,
    /// Another PKI error.
    GMSEAL_PKI_OTHER = 1399,

    // 1400: CMS SignedData; 1450: RFC 3161 time-stamp tokens.
    /// A structure that is not what a detached SM2 SignedData must be.
    GMSEAL_CMS_INVALID = 1400,
    /// An unsupported algorithm in the SignedData.
    GMSEAL_CMS_UNSUPPORTED_ALGORITHM = 1401,
    /// The content does not match the signed message digest.
    GMSEAL_CMS_DIGEST_MISMATCH = 1402,
    /// The signer's certificate is missing.
    GMSEAL_CMS_SIGNER_CERTIFICATE_MISSING = 1403,
    /// The signing-certificate-v2 attribute names another certificate.
    GMSEAL_CMS_SIGNING_CERTIFICATE_MISMATCH = 1404,
    /// The CMS signature does not verify.
    GMSEAL_CMS_BAD_SIGNATURE = 1405,
    /// Not a time-stamp token.
    GMSEAL_TSP_NOT_A_TOKEN = 1450,
    /// A time-stamp token that breaks RFC 3161.
    GMSEAL_TSP_INVALID = 1451,
    /// A message imprint hash other than SM3.
    GMSEAL_TSP_UNSUPPORTED_ALGORITHM = 1452,
    /// The token time-stamps other data.
    GMSEAL_TSP_IMPRINT_MISMATCH = 1453,
    /// The token's signer is not a TSA.
    GMSEAL_TSP_NOT_A_TSA_CERTIFICATE = 1454,
    /// Another CMS or time-stamp error.
    GMSEAL_CMS_OTHER = 1499,

    // 1500: electronic seals.
    /// Inconsistent seal or seal-signature parameters, or an unusable seal.
    GMSEAL_SEAL_INVALID_PARAMS = 1500,
    /// The signer is not in the seal's certificate list.
    GMSEAL_SEAL_SIGNER_NOT_IN_LIST = 1501,
    /// The seal is not valid at the signing time.
    GMSEAL_SEAL_NOT_VALID_AT_SIGNING_TIME = 1502,
    /// A seal version that cannot be used for signing.
    GMSEAL_SEAL_UNSUPPORTED_VERSION = 1503,
    /// Another seal error.
    GMSEAL_SEAL_OTHER = 1599,

    // 1600: e-licenses.
    /// A malformed e-license identifier.
    GMSEAL_LICENSE_MALFORMED_IDENTIFIER = 1600,
    /// An invalid part of an identifier.
    GMSEAL_LICENSE_INVALID_IDENTIFIER_PART = 1601,
    /// An invalid e-license date.
    GMSEAL_LICENSE_INVALID_DATE = 1602,
    /// Metadata with validation errors.
    GMSEAL_LICENSE_INVALID_METADATA = 1603,
    /// Metadata XML problems.
    GMSEAL_LICENSE_XML = 1604,
    /// Another e-license error.
    GMSEAL_LICENSE_OTHER = 1699,

    // 1700: PDF (the library reports PDF problems as decoding or
    // invalid-input errors today; the band is reserved for `pdf.*` codes).
    /// Another PDF error.
    GMSEAL_PDF_OTHER = 1799,

    // 1800: I/O.
    /// Reading input failed.
    GMSEAL_INPUT_IO = 1800,
    /// Another I/O error.
    GMSEAL_IO_OTHER = 1899,

    // 1900: internal.
    /// A panic inside gmseal was caught at the boundary (please report it).
    GMSEAL_INTERNAL_PANIC = 1900,
    /// An internal error (please report it).
    GMSEAL_INTERNAL_ERROR = 1901,
    /// An error this version cannot place in any band.
    GMSEAL_INTERNAL_OTHER = 1999,
}

use gmseal_result as R;

/// The committed table: every string code with its number. Never renumber a
/// line; never reuse a number (retired codes stay as comments).
pub(crate) const CODES: &[(&str, gmseal_result)] = &[
    ("ffi.null-argument", R::GMSEAL_FFI_NULL_ARGUMENT),
    ("ffi.invalid-utf8", R::GMSEAL_FFI_INVALID_UTF8),
    ("ffi.invalid-json", R::GMSEAL_FFI_INVALID_JSON),
    ("ffi.unknown-name", R::GMSEAL_FFI_UNKNOWN_NAME),
    ("ffi.invalid-argument", R::GMSEAL_FFI_INVALID_ARGUMENT),
    ("input.invalid", R::GMSEAL_INPUT_INVALID),
    ("decode.malformed", R::GMSEAL_DECODE_MALFORMED),
    ("decode.limit-exceeded", R::GMSEAL_DECODE_LIMIT_EXCEEDED),
    ("crypto.pem", R::GMSEAL_CRYPTO_PEM),
    (
        "crypto.invalid-private-key",
        R::GMSEAL_CRYPTO_INVALID_PRIVATE_KEY,
    ),
    (
        "crypto.invalid-public-key",
        R::GMSEAL_CRYPTO_INVALID_PUBLIC_KEY,
    ),
    ("crypto.key-mismatch", R::GMSEAL_CRYPTO_KEY_MISMATCH),
    (
        "crypto.unsupported-algorithm",
        R::GMSEAL_CRYPTO_UNSUPPORTED_ALGORITHM,
    ),
    (
        "crypto.password-required",
        R::GMSEAL_CRYPTO_PASSWORD_REQUIRED,
    ),
    ("crypto.wrong-password", R::GMSEAL_CRYPTO_WRONG_PASSWORD),
    (
        "crypto.authentication-failed",
        R::GMSEAL_CRYPTO_AUTHENTICATION_FAILED,
    ),
    (
        "crypto.malformed-signature",
        R::GMSEAL_CRYPTO_MALFORMED_SIGNATURE,
    ),
    ("crypto.bad-signature", R::GMSEAL_CRYPTO_BAD_SIGNATURE),
    ("crypto.user-id-too-long", R::GMSEAL_CRYPTO_USER_ID_TOO_LONG),
    ("crypto.invalid-length", R::GMSEAL_CRYPTO_INVALID_LENGTH),
    (
        "crypto.invalid-parameter",
        R::GMSEAL_CRYPTO_INVALID_PARAMETER,
    ),
    ("crypto.random", R::GMSEAL_CRYPTO_RANDOM),
    ("crypto.signer", R::GMSEAL_CRYPTO_SIGNER),
    ("pki.invalid-name", R::GMSEAL_PKI_INVALID_NAME),
    ("pki.invalid-params", R::GMSEAL_PKI_INVALID_PARAMS),
    (
        "pki.unsupported-signature-algorithm",
        R::GMSEAL_PKI_UNSUPPORTED_SIGNATURE_ALGORITHM,
    ),
    ("pki.bad-signature", R::GMSEAL_PKI_BAD_SIGNATURE),
    ("pki.expired", R::GMSEAL_PKI_EXPIRED),
    ("pki.unknown-issuer", R::GMSEAL_PKI_UNKNOWN_ISSUER),
    ("pki.not-a-ca", R::GMSEAL_PKI_NOT_A_CA),
    ("pki.key-usage", R::GMSEAL_PKI_KEY_USAGE),
    (
        "pki.unknown-critical-extension",
        R::GMSEAL_PKI_UNKNOWN_CRITICAL_EXTENSION,
    ),
    ("pki.revoked", R::GMSEAL_PKI_REVOKED),
    ("pki.crl", R::GMSEAL_PKI_CRL),
    ("pki.chain-too-long", R::GMSEAL_PKI_CHAIN_TOO_LONG),
    ("cms.invalid", R::GMSEAL_CMS_INVALID),
    (
        "cms.unsupported-algorithm",
        R::GMSEAL_CMS_UNSUPPORTED_ALGORITHM,
    ),
    ("cms.digest-mismatch", R::GMSEAL_CMS_DIGEST_MISMATCH),
    (
        "cms.signer-certificate-missing",
        R::GMSEAL_CMS_SIGNER_CERTIFICATE_MISSING,
    ),
    (
        "cms.signing-certificate-mismatch",
        R::GMSEAL_CMS_SIGNING_CERTIFICATE_MISMATCH,
    ),
    ("cms.bad-signature", R::GMSEAL_CMS_BAD_SIGNATURE),
    ("tsp.not-a-token", R::GMSEAL_TSP_NOT_A_TOKEN),
    ("tsp.invalid", R::GMSEAL_TSP_INVALID),
    (
        "tsp.unsupported-algorithm",
        R::GMSEAL_TSP_UNSUPPORTED_ALGORITHM,
    ),
    ("tsp.imprint-mismatch", R::GMSEAL_TSP_IMPRINT_MISMATCH),
    (
        "tsp.not-a-tsa-certificate",
        R::GMSEAL_TSP_NOT_A_TSA_CERTIFICATE,
    ),
    ("seal.invalid-params", R::GMSEAL_SEAL_INVALID_PARAMS),
    ("seal.signer-not-in-list", R::GMSEAL_SEAL_SIGNER_NOT_IN_LIST),
    (
        "seal.not-valid-at-signing-time",
        R::GMSEAL_SEAL_NOT_VALID_AT_SIGNING_TIME,
    ),
    (
        "seal.unsupported-version",
        R::GMSEAL_SEAL_UNSUPPORTED_VERSION,
    ),
    (
        "license.malformed-identifier",
        R::GMSEAL_LICENSE_MALFORMED_IDENTIFIER,
    ),
    (
        "license.invalid-identifier-part",
        R::GMSEAL_LICENSE_INVALID_IDENTIFIER_PART,
    ),
    ("license.invalid-date", R::GMSEAL_LICENSE_INVALID_DATE),
    (
        "license.invalid-metadata",
        R::GMSEAL_LICENSE_INVALID_METADATA,
    ),
    ("license.xml", R::GMSEAL_LICENSE_XML),
    ("input.io", R::GMSEAL_INPUT_IO),
    ("internal.panic", R::GMSEAL_INTERNAL_PANIC),
    ("internal.error", R::GMSEAL_INTERNAL_ERROR),
];

/// The "other" code of each band, by string-code prefix.
const BANDS: &[(&str, gmseal_result)] = &[
    ("ffi.", R::GMSEAL_USAGE_OTHER),
    ("input.io", R::GMSEAL_IO_OTHER),
    ("input.", R::GMSEAL_USAGE_OTHER),
    ("decode.", R::GMSEAL_DECODE_OTHER),
    ("crypto.", R::GMSEAL_CRYPTO_OTHER),
    ("pki.", R::GMSEAL_PKI_OTHER),
    ("cms.", R::GMSEAL_CMS_OTHER),
    ("tsp.", R::GMSEAL_CMS_OTHER),
    ("seal.", R::GMSEAL_SEAL_OTHER),
    ("license.", R::GMSEAL_LICENSE_OTHER),
    ("pdf.", R::GMSEAL_PDF_OTHER),
    ("io.", R::GMSEAL_IO_OTHER),
    ("internal.", R::GMSEAL_INTERNAL_OTHER),
];

/// The number of a string code: from the table, else its band's `..99`,
/// else `GMSEAL_INTERNAL_OTHER`.
pub(crate) fn result_for(code: &str) -> gmseal_result {
    if let Some((_, r)) = CODES.iter().find(|(c, _)| *c == code) {
        return *r;
    }
    BANDS
        .iter()
        .find(|(prefix, _)| code.starts_with(prefix))
        .map_or(R::GMSEAL_INTERNAL_OTHER, |(_, r)| *r)
}

/// Why a call failed: the number, the stable string code and a message.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) result: gmseal_result,
    pub(crate) code: &'static str,
    pub(crate) message: String,
}

impl Failure {
    fn ffi(code: &'static str, message: String) -> Self {
        Self {
            result: result_for(code),
            code,
            message,
        }
    }

    /// A NULL pointer where a value is required.
    pub(crate) fn null(argument: &str) -> Self {
        Self::ffi(
            "ffi.null-argument",
            format!("the argument {argument} is NULL"),
        )
    }

    /// A string argument that is not UTF-8.
    pub(crate) fn utf8(argument: &str) -> Self {
        Self::ffi(
            "ffi.invalid-utf8",
            format!("the argument {argument} is not valid UTF-8"),
        )
    }

    /// A JSON argument that does not parse or has the wrong shape.
    pub(crate) fn json(argument: &str, error: impl core::fmt::Display) -> Self {
        Self::ffi(
            "ffi.invalid-json",
            format!("the argument {argument} is not the expected JSON: {error}"),
        )
    }

    /// An unknown name (profile, purpose, template, flavour, style).
    pub(crate) fn unknown(what: &str, value: &str, expected: &str) -> Self {
        Self::ffi(
            "ffi.unknown-name",
            format!("unknown {what} {value:?}: expected {expected}"),
        )
    }

    /// An argument out of range or not fitting the call.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::ffi("ffi.invalid-argument", message.into())
    }

    /// A key that does not belong to the certificate it signs as.
    pub(crate) fn key_mismatch(message: impl Into<String>) -> Self {
        Self::ffi("crypto.key-mismatch", message.into())
    }

    /// A bug: something that cannot happen did.
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self::ffi("internal.error", message.into())
    }

    /// A panic caught at the boundary.
    pub(crate) fn panic(payload: &(dyn core::any::Any + Send)) -> Self {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_owned());
        Self::ffi(
            "internal.panic",
            format!("internal error (a panic was caught; please report it): {detail}"),
        )
    }
}

impl From<gmseal::Error> for Failure {
    fn from(e: gmseal::Error) -> Self {
        let code = e.code();
        Self {
            result: result_for(code),
            code,
            message: e.to_string(),
        }
    }
}

/// The last error of this thread, as C strings.
struct LastError {
    code: CString,
    message: CString,
}

thread_local! {
    static LAST_ERROR: RefCell<Option<LastError>> = const { RefCell::new(None) };
}

/// A C string of `text`, with any NUL byte written as `\0`.
fn c_string(text: &str) -> CString {
    CString::new(text.replace('\0', "\\0")).unwrap_or_default()
}

/// Record the outcome of a call that returns a [`gmseal_result`].
pub(crate) fn set_last(failure: Option<&Failure>) {
    let value = failure.map(|f| LastError {
        code: c_string(f.code),
        message: c_string(&f.message),
    });
    LAST_ERROR.with(|last| *last.borrow_mut() = value);
}

/// The message of this thread's last error, or NULL.
pub(crate) fn last_message() -> *const c_char {
    LAST_ERROR.with(|last| {
        last.borrow()
            .as_ref()
            .map_or(core::ptr::null(), |e| e.message.as_ptr())
    })
}

/// The string code of this thread's last error, or NULL.
pub(crate) fn last_code() -> *const c_char {
    LAST_ERROR.with(|last| {
        last.borrow()
            .as_ref()
            .map_or(core::ptr::null(), |e| e.code.as_ptr())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn band_prefixes(r: gmseal_result) -> &'static [&'static str] {
        match r as u32 / 100 {
            10 => &["ffi.", "input."],
            11 => &["decode."],
            12 => &["crypto."],
            13 => &["pki."],
            14 => &["cms.", "tsp."],
            15 => &["seal."],
            16 => &["license."],
            17 => &["pdf."],
            18 => &["input.io", "io."],
            19 => &["internal."],
            _ => &[],
        }
    }

    #[test]
    fn table_is_consistent() {
        let mut numbers = HashSet::new();
        let mut codes = HashSet::new();
        for (code, r) in CODES {
            assert!(numbers.insert(*r as u32), "{r:?} is used twice");
            assert!(codes.insert(*code), "{code} is listed twice");
            assert_ne!(*r as u32 % 100, 99, "{code}: ..99 is the band's other code");
            assert!(
                band_prefixes(*r).iter().any(|p| code.starts_with(p)),
                "{code} = {} is outside its band",
                *r as u32
            );
            assert_eq!(result_for(code), *r);
        }
    }

    #[test]
    fn unknown_codes_fall_into_their_band() {
        assert_eq!(result_for("pki.something-new"), R::GMSEAL_PKI_OTHER);
        assert_eq!(result_for("tsp.new"), R::GMSEAL_CMS_OTHER);
        assert_eq!(result_for("pdf.malformed"), R::GMSEAL_PDF_OTHER);
        assert_eq!(result_for("input.io"), R::GMSEAL_INPUT_IO);
        assert_eq!(result_for("input.other"), R::GMSEAL_USAGE_OTHER);
        assert_eq!(result_for("ofd.new-module"), R::GMSEAL_INTERNAL_OTHER);
    }

    /// Every code the library can produce today is in the table.
    #[test]
    fn library_codes_are_in_the_table() {
        use gmseal::{CmsError, CryptoError, Error, LicenseError, PkiError, SealError, TspError};
        let s = String::new;
        let errors: Vec<Error> = vec![
            Error::InvalidInput(s()),
            Error::Io(std::io::Error::other("x")),
            gmseal::pki::Certificate::from_der(b"").unwrap_err(),
            CryptoError::Pem(s()).into(),
            CryptoError::InvalidPrivateKey("x").into(),
            CryptoError::InvalidPublicKey("x").into(),
            CryptoError::KeyMismatch.into(),
            CryptoError::UnsupportedAlgorithm {
                what: "x",
                oid: s(),
            }
            .into(),
            CryptoError::PasswordRequired.into(),
            CryptoError::WrongPasswordOrCorrupt.into(),
            CryptoError::AuthenticationFailed.into(),
            CryptoError::MalformedSignature("x").into(),
            CryptoError::BadSignature.into(),
            CryptoError::UserIdTooLong(1).into(),
            CryptoError::InvalidLength {
                what: "x",
                expected: 1,
                actual: 2,
            }
            .into(),
            CryptoError::InvalidParameter(s()).into(),
            CryptoError::Random(s()).into(),
            CryptoError::Signer(s()).into(),
            PkiError::InvalidName {
                input: s(),
                reason: s(),
            }
            .into(),
            PkiError::InvalidParams(s()).into(),
            PkiError::UnsupportedSignatureAlgorithm {
                what: "x",
                oid: s(),
            }
            .into(),
            PkiError::BadSignature {
                what: s(),
                issuer: s(),
            }
            .into(),
            PkiError::Expired {
                subject: s(),
                time: s(),
                not_before: s(),
                not_after: s(),
            }
            .into(),
            PkiError::UnknownIssuer(s()).into(),
            PkiError::NotACa {
                subject: s(),
                reason: s(),
            }
            .into(),
            PkiError::KeyUsage {
                subject: s(),
                usage: s(),
            }
            .into(),
            PkiError::UnknownCriticalExtension {
                subject: s(),
                oid: s(),
            }
            .into(),
            PkiError::Revoked {
                subject: s(),
                serial: s(),
                date: s(),
                reason: None,
            }
            .into(),
            PkiError::Crl(s()).into(),
            PkiError::ChainTooLong(9).into(),
            CmsError::Invalid(s()).into(),
            CmsError::UnsupportedAlgorithm {
                what: "x",
                oid: s(),
            }
            .into(),
            CmsError::DigestMismatch.into(),
            CmsError::SignerCertificateMissing(s()).into(),
            CmsError::SigningCertificateMismatch.into(),
            CmsError::BadSignature(s()).into(),
            TspError::NotATimestampToken(s()).into(),
            TspError::Invalid(s()).into(),
            TspError::UnsupportedHashAlgorithm(s()).into(),
            TspError::ImprintMismatch {
                expected: s(),
                found: s(),
            }
            .into(),
            TspError::NotATsaCertificate {
                subject: s(),
                reason: s(),
            }
            .into(),
            SealError::InvalidParams(s()).into(),
            SealError::SignerNotInSeal(s()).into(),
            SealError::NotValidAt {
                time: s(),
                valid_start: s(),
                valid_end: s(),
            }
            .into(),
            SealError::UnsupportedVersion(s()).into(),
            LicenseError::MalformedIdentifier {
                input: s(),
                reason: s(),
            }
            .into(),
            LicenseError::InvalidIdentifierPart {
                part: "x",
                value: s(),
                reason: s(),
            }
            .into(),
            LicenseError::InvalidDate {
                input: s(),
                reason: s(),
            }
            .into(),
            LicenseError::InvalidMetadata {
                count: 1,
                first: s(),
            }
            .into(),
            LicenseError::Xml {
                reason: s(),
                position: None,
            }
            .into(),
        ];
        for e in errors {
            let code = e.code();
            assert!(
                CODES.iter().any(|(c, _)| *c == code),
                "{code} is not in the table"
            );
            let failure = Failure::from(e);
            assert_eq!(failure.code, code);
            assert_eq!(failure.result, result_for(code));
        }
    }

    /// The header's enumerators are `GMSEAL_` plus the upper-cased string code.
    #[test]
    fn header_names_follow_the_codes() {
        let header = include_str!("../include/gmseal.h");
        let mut seen = 0;
        for line in header.lines() {
            let line = line.trim();
            let Some((name, value)) = line.trim_end_matches(',').split_once(" = ") else {
                continue;
            };
            let Some(suffix) = name.strip_prefix("GMSEAL_") else {
                continue;
            };
            let Ok(number) = value.trim().parse::<u32>() else {
                continue;
            };
            seen += 1;
            if number == 0 {
                assert_eq!(suffix, "OK");
            } else if number % 100 == 99 {
                assert!(suffix.ends_with("_OTHER"), "{name}");
            } else {
                let (code, _) = CODES
                    .iter()
                    .find(|(_, r)| *r as u32 == number)
                    .unwrap_or_else(|| panic!("{name} = {number} is not in the table"));
                let expected = code.replace(['.', '-'], "_").to_uppercase();
                assert_eq!(suffix, expected, "{name} = {number}");
            }
        }
        assert_eq!(seen, CODES.len() + 1 + BAND_OTHERS);
    }

    /// The number of `..99` codes.
    const BAND_OTHERS: usize = 10;

    #[test]
    fn c_strings_never_fail() {
        assert_eq!(c_string("a\0b").to_str().ok(), Some("a\\0b"));
    }
}
