//! A small SM2 PKI: distinguished names, certificates (issue and parse), chain
//! validation against a trust store, and CRLs.
//!
//! Certificates follow RFC 5280 with the GM/T 0015-2012 algorithm choices: SM2
//! keys as `id-ecPublicKey` with the curve `1.2.156.10197.1.301`, signatures
//! `sm2sign-with-sm3` (`1.2.156.10197.1.501`) computed with ZA of the default
//! user ID `1234567812345678`. OpenSSL 3 accepts what gmseal issues (with
//! `-vfyopt distid:1234567812345678`), and gmseal accepts OpenSSL's certificates
//! made with `-sigopt distid:1234567812345678`.

mod cert;
mod certified;
mod chain;
mod crl;
mod issue;
mod name;

pub use cert::{BasicConstraints, Certificate, CertificateInfo, KeyUsage, PEM_CERTIFICATE};
pub use certified::CertifiedKey;
pub use chain::{
    Purpose, RevocationPolicy, RevocationStatus, TrustStore, ValidatedChain, ValidationOptions,
};
pub use crl::{Crl, CrlParams, PEM_CRL, RevocationReason, RevokedCertificate};
pub use issue::{CertificateParams, Profile, key_identifier};
pub use name::{DistinguishedName, NameAttribute, StringKind};

pub(crate) use issue::enc as encoding_error;
