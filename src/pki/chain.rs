//! Building and validating certificate paths against a trust store at a given
//! time (RFC 5280 §6, the parts an SM2 e-seal PKI uses).
//!
//! Checked for every certificate of the path: the issuer's signature (SM2 with
//! ZA of `1234567812345678` unless the options say otherwise), validity at the
//! validation time, and that no critical extension is unknown. For every issuer:
//! `basicConstraints cA`, `keyCertSign` when `keyUsage` is present, and
//! `pathLenConstraint`. For the end entity: the key usage and extended key usage
//! its [`Purpose`] needs. Revocation: every CRL supplied whose issuer is in the
//! path is verified and consulted; a certificate counts as revoked when its
//! revocation date is at or before the validation time (so a seal signed before
//! a later revocation still validates at its signing time).

use crate::crypto::VerifyOptions;
use crate::error::{PkiError, Result};
use crate::hex_upper as hex;
use crate::oid;
use crate::pki::cert::{Certificate, KeyUsage};
use crate::pki::crl::Crl;
use crate::time::Timestamp;
use serde::Serialize;

/// What the end-entity certificate must be good for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Purpose {
    /// No key-usage requirement on the end entity.
    Any,
    /// Signing documents (签章): `digitalSignature` or `nonRepudiation`; an
    /// `extendedKeyUsage`, when present, must allow documentSigning,
    /// emailProtection (what Adobe and many Chinese CAs use) or any purpose.
    DocumentSigning,
    /// Making seals (制章): `digitalSignature` or `nonRepudiation`; not a
    /// certificate whose `extendedKeyUsage` only names other roles
    /// (documentSigning, timeStamping).
    SealMaking,
    /// Time stamping: `extendedKeyUsage` must contain timeStamping (RFC 3161 §2.3).
    TimeStamping,
    /// Issuing certificates: a CA with `keyCertSign`.
    CertificateAuthority,
}

impl Purpose {
    /// The name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Any => "any",
            Self::DocumentSigning => "document-signing",
            Self::SealMaking => "seal-making",
            Self::TimeStamping => "time-stamping",
            Self::CertificateAuthority => "certificate-authority",
        }
    }
}

impl std::str::FromStr for Purpose {
    type Err = crate::Error;

    /// `any`, `document-signing`, `seal-making`, `time-stamping`, or
    /// `certificate-authority` (also `ca`).
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "any" => Self::Any,
            "document-signing" => Self::DocumentSigning,
            "seal-making" => Self::SealMaking,
            "time-stamping" => Self::TimeStamping,
            "certificate-authority" | "ca" => Self::CertificateAuthority,
            other => {
                return Err(crate::Error::InvalidInput(format!(
                    "unknown purpose {other:?}: expected any, document-signing, seal-making, time-stamping or certificate-authority"
                )));
            }
        })
    }
}

/// How strictly revocation is checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RevocationPolicy {
    /// Consult the CRLs supplied; a certificate without a CRL is not checked
    /// (and [`ValidatedChain::revocation`] says so).
    #[default]
    CheckIfAvailable,
    /// Every certificate below the trust anchor needs a current CRL from its issuer.
    Require,
}

/// Inputs of a validation besides the certificates.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ValidationOptions {
    /// The time at which the path must be valid.
    pub time: Timestamp,
    /// What the end entity must be good for.
    pub purpose: Purpose,
    /// CRLs to consult.
    pub crls: Vec<Crl>,
    /// Whether a missing CRL is an error.
    pub revocation: RevocationPolicy,
    /// Which SM2 user-ID variants certificate signatures may use.
    pub signature_options: VerifyOptions,
    /// Most certificates in a path, anchor included (default 8).
    pub max_path_len: usize,
}

impl ValidationOptions {
    /// Validate at `time`, any purpose, no CRLs, default user ID.
    pub fn at(time: Timestamp) -> Self {
        Self {
            time,
            purpose: Purpose::Any,
            crls: Vec::new(),
            revocation: RevocationPolicy::default(),
            signature_options: VerifyOptions::default(),
            max_path_len: 8,
        }
    }

    /// The same options requiring `purpose`.
    #[must_use]
    pub fn for_purpose(mut self, purpose: Purpose) -> Self {
        self.purpose = purpose;
        self
    }

    /// The same options with CRLs to consult.
    #[must_use]
    pub fn with_crls(mut self, crls: Vec<Crl>) -> Self {
        self.crls = crls;
        self
    }
}

/// The revocation status of one certificate of a validated path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RevocationStatus {
    /// A current CRL from the issuer was consulted and does not list it (as of the validation time).
    Good {
        /// The CRL's `cRLNumber`, hex.
        crl_number: Option<String>,
        /// Revoked after the validation time: valid then, not now.
        revoked_later: Option<Timestamp>,
    },
    /// No current CRL from the issuer was supplied.
    NotChecked,
    /// A trust anchor: not subject to revocation checking.
    TrustAnchor,
}

/// A validated path, end entity first, trust anchor last.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ValidatedChain {
    /// The certificates.
    pub certificates: Vec<Certificate>,
    /// The revocation status of each certificate, in the same order.
    pub revocation: Vec<RevocationStatus>,
}

impl ValidatedChain {
    /// The trust anchor that ends the path.
    pub fn anchor(&self) -> Option<&Certificate> {
        self.certificates.last()
    }
}

/// The certificates a relying party trusts as roots.
///
/// ```
/// use gmseal::crypto::{PrivateKey, SystemRandom};
/// use gmseal::pki::{CertificateParams, DistinguishedName, Profile, TrustStore, ValidationOptions, Purpose};
/// use gmseal::Timestamp;
/// let rng = SystemRandom;
/// let t = Timestamp::parse("2026-03-01T00:00:00Z")?;
/// let (root_key, ca_key, ee_key) = (PrivateKey::generate(&rng)?, PrivateKey::generate(&rng)?, PrivateKey::generate(&rng)?);
/// let root = CertificateParams::new(Profile::Root, DistinguishedName::parse("CN=Root,C=CN")?, t, 3650).self_signed(&root_key, &rng)?;
/// let ca = CertificateParams::new(Profile::IntermediateCa { path_len: Some(0) }, DistinguishedName::parse("CN=CA,C=CN")?, t, 1000)
///     .signed_by(ca_key.public_key(), &root, &root_key, &rng)?;
/// let ee = CertificateParams::new(Profile::SealMaker, DistinguishedName::parse("CN=制章者,C=CN")?, t, 365)
///     .signed_by(ee_key.public_key(), &ca, &ca_key, &rng)?;
/// let chain = TrustStore::new(vec![root]).validate(&ee, &[ca], &ValidationOptions::at(t).for_purpose(Purpose::SealMaking))?;
/// assert_eq!(chain.certificates.len(), 3);
/// # Ok::<(), gmseal::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct TrustStore {
    anchors: Vec<Certificate>,
}

impl TrustStore {
    /// A store trusting `anchors`. Their keys get verification tables at once,
    /// since they verify every chain.
    pub fn new(anchors: Vec<Certificate>) -> Self {
        for a in &anchors {
            a.public_key().precompute();
        }
        Self { anchors }
    }

    /// Trust one more root.
    pub fn add(&mut self, anchor: Certificate) {
        anchor.public_key().precompute();
        self.anchors.push(anchor);
    }

    /// The trusted roots.
    pub fn anchors(&self) -> &[Certificate] {
        &self.anchors
    }

    /// Build a path from `end_entity` through `intermediates` to a trusted root
    /// and validate it with `options`.
    ///
    /// # Errors
    /// The first problem found: [`PkiError::UnknownIssuer`], [`PkiError::BadSignature`],
    /// [`PkiError::Expired`], [`PkiError::NotACa`], [`PkiError::KeyUsage`],
    /// [`PkiError::UnknownCriticalExtension`], [`PkiError::Revoked`], [`PkiError::Crl`]
    /// or [`PkiError::ChainTooLong`].
    pub fn validate(
        &self,
        end_entity: &Certificate,
        intermediates: &[Certificate],
        options: &ValidationOptions,
    ) -> Result<ValidatedChain> {
        let path = if self.anchors.contains(end_entity) {
            vec![end_entity.clone()]
        } else {
            let mut path = vec![end_entity.clone()];
            let mut budget = MAX_SIGNATURE_CHECKS;
            self.build(&mut path, intermediates, options, &mut budget)?;
            path
        };
        check_path(&path, options)?;
        let revocation = check_revocation(&path, options)?;
        Ok(ValidatedChain {
            certificates: path,
            revocation,
        })
    }

    /// Depth-first search for an issuer whose signature verifies, anchors first.
    fn build(
        &self,
        path: &mut Vec<Certificate>,
        pool: &[Certificate],
        options: &ValidationOptions,
        budget: &mut usize,
    ) -> Result<(), PkiError> {
        if path.len() >= options.max_path_len {
            return Err(PkiError::ChainTooLong(options.max_path_len));
        }

        let Some(current) = path.last().cloned() else {
            return Err(PkiError::UnknownIssuer("empty path".into()));
        };
        let mut last_error = None;
        for anchor in self.anchors.iter().filter(|a| issued(&current, a)) {
            spend(budget)?;
            match current.verify_signature(anchor.public_key(), &options.signature_options) {
                Ok(_) => {
                    path.push(anchor.clone());
                    return Ok(());
                }
                Err(crate::Error::Pki(e)) => last_error = Some(e),
                Err(e) => last_error = Some(PkiError::UnknownIssuer(e.to_string())),
            }
        }
        let candidates: Vec<&Certificate> = pool
            .iter()
            .filter(|c| issued(&current, c) && !path.contains(c))
            .collect();
        for candidate in candidates {
            spend(budget)?;
            match current.verify_signature(candidate.public_key(), &options.signature_options) {
                Ok(_) => {
                    path.push(candidate.clone());
                    match self.build(path, pool, options, budget) {
                        Ok(()) => return Ok(()),
                        Err(e) => {
                            path.pop();
                            last_error = Some(e);
                        }
                    }
                }
                Err(crate::Error::Pki(e)) => last_error = Some(e),
                Err(e) => last_error = Some(PkiError::UnknownIssuer(e.to_string())),
            }
        }
        Err(last_error.unwrap_or_else(|| {
            PkiError::UnknownIssuer(format!(
                "no trusted or supplied certificate is the issuer {} of {}",
                current.issuer(),
                current.subject()
            ))
        }))
    }
}

/// Most signature checks one path search may make.
const MAX_SIGNATURE_CHECKS: usize = 64;

/// Bound the search: many same-named certificates (say, in an attacker's CMS
/// certificate set) must not cost exponential work.
fn spend(budget: &mut usize) -> Result<(), PkiError> {
    if *budget == 0 {
        return Err(PkiError::UnknownIssuer(format!(
            "gave up building a path after {MAX_SIGNATURE_CHECKS} signature checks"
        )));
    }
    *budget -= 1;
    Ok(())
}

/// Could `issuer` have issued `cert`: names match and key identifiers, when both present, agree.
fn issued(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.issuer_der() != issuer.subject_der() {
        return false;
    }
    match (cert.authority_key_id(), issuer.subject_key_id()) {
        (Some(aki), Some(ski)) => aki == ski,
        _ => true,
    }
}

fn check_path(path: &[Certificate], options: &ValidationOptions) -> Result<()> {
    for cert in path {
        if let Some(ext) = cert.unknown_critical_extensions().first() {
            return Err(PkiError::UnknownCriticalExtension {
                subject: cert.subject().to_string(),
                oid: oid::describe(ext),
            }
            .into());
        }
        if !cert.is_valid_at(options.time) {
            return Err(PkiError::Expired {
                subject: cert.subject().to_string(),
                time: options.time.to_string(),
                not_before: cert.not_before().to_string(),
                not_after: cert.not_after().to_string(),
            }
            .into());
        }
    }
    for (i, issuer) in path.iter().enumerate().skip(1) {
        let not_a_ca = |reason: String| PkiError::NotACa {
            subject: issuer.subject().to_string(),
            reason,
        };
        if !issuer.is_ca() {
            return Err(not_a_ca("its basicConstraints does not say cA".into()).into());
        }
        if issuer
            .key_usage()
            .is_some_and(|ku| !ku.contains(KeyUsage::KEY_CERT_SIGN))
        {
            return Err(not_a_ca("its keyUsage lacks keyCertSign".into()).into());
        }
        // CAs between this issuer and the end entity (self-issued ones do not count).
        let below = path[1..i].iter().filter(|c| !c.is_self_issued()).count();
        if let Some(limit) = issuer.basic_constraints().and_then(|b| b.path_len) {
            if below > usize::from(limit) {
                return Err(not_a_ca(format!(
                    "its pathLenConstraint {limit} allows fewer than the {below} CAs below it"
                ))
                .into());
            }
        }
    }
    if let Some(ee) = path.first() {
        ee.check_purpose(options.purpose)?;
    }
    Ok(())
}

impl Certificate {
    /// Check that this (end-entity) certificate's key usage and extended key
    /// usage allow `purpose`, as path validation does for the end entity.
    ///
    /// # Errors
    /// [`PkiError::KeyUsage`] naming what is missing.
    pub fn check_purpose(&self, purpose: Purpose) -> Result<()> {
        let ee = self;
        let missing = |usage: &str| -> crate::Error {
            PkiError::KeyUsage {
                subject: ee.subject().to_string(),
                usage: usage.into(),
            }
            .into()
        };
        let signing = KeyUsage::DIGITAL_SIGNATURE | KeyUsage::NON_REPUDIATION;
        let eku = ee.extended_key_usage();
        let eku_has = |wanted: &[der::asn1::ObjectIdentifier]| {
            eku.is_none_or(|list| {
                list.iter()
                    .any(|p| wanted.contains(p) || *p == oid::ANY_EXTENDED_KEY_USAGE)
            })
        };
        match purpose {
            Purpose::Any => {}
            Purpose::DocumentSigning => {
                if ee.key_usage().is_some_and(|ku| !ku.intersects(signing)) {
                    return Err(missing(
                        "signing documents (keyUsage lacks digitalSignature and nonRepudiation)",
                    ));
                }
                if !eku_has(&[oid::KP_DOCUMENT_SIGNING, oid::KP_EMAIL_PROTECTION]) {
                    return Err(missing(
                        "signing documents (extendedKeyUsage lacks documentSigning)",
                    ));
                }
            }
            Purpose::SealMaking => {
                if ee.key_usage().is_some_and(|ku| !ku.intersects(signing)) {
                    return Err(missing(
                        "making seals (keyUsage lacks digitalSignature and nonRepudiation)",
                    ));
                }
                // GB/T 38540 names no purpose for seal makers; a certificate whose
                // only purposes are other roles' (documentSigning, timeStamping)
                // is not a seal maker's.
                if ee.is_ca() {
                    return Err(missing("making seals (it is a CA certificate)"));
                }
                let other_roles = [oid::KP_TIME_STAMPING, oid::KP_DOCUMENT_SIGNING];
                if eku.is_some_and(|list| list.iter().all(|p| other_roles.contains(p))) {
                    return Err(missing(
                        "making seals (its extendedKeyUsage only allows document signing or time stamping)",
                    ));
                }
            }
            Purpose::TimeStamping => {
                if !eku.is_some_and(|list| list.contains(&oid::KP_TIME_STAMPING)) {
                    return Err(missing(
                        "time stamping (extendedKeyUsage lacks timeStamping)",
                    ));
                }
            }
            Purpose::CertificateAuthority => {
                if !ee.is_ca()
                    || ee
                        .key_usage()
                        .is_some_and(|ku| !ku.contains(KeyUsage::KEY_CERT_SIGN))
                {
                    return Err(missing("issuing certificates (not a CA with keyCertSign)"));
                }
            }
        }
        Ok(())
    }
}

fn check_revocation(
    path: &[Certificate],
    options: &ValidationOptions,
) -> Result<Vec<RevocationStatus>> {
    let mut statuses = Vec::with_capacity(path.len());
    for (i, cert) in path.iter().enumerate() {
        let Some(issuer) = path.get(i + 1) else {
            statuses.push(RevocationStatus::TrustAnchor);
            break;
        };
        let mut status = RevocationStatus::NotChecked;
        for crl in options
            .crls
            .iter()
            .filter(|c| c.issuer_der() == issuer.subject_der())
        {
            crl.verify_signature_with(issuer, &options.signature_options)?;
            if crl.next_update().is_some_and(|next| next < options.time) {
                continue; // stale for the validation time
            }
            let revoked_later = match crl.find(cert.serial_number()) {
                Some(entry) if entry.revocation_date <= options.time => {
                    return Err(PkiError::Revoked {
                        subject: cert.subject().to_string(),
                        serial: cert.serial_hex(),
                        date: entry.revocation_date.to_string(),
                        reason: entry.reason.map(|r| r.name().to_owned()),
                    }
                    .into());
                }
                Some(entry) => Some(entry.revocation_date),
                None => None,
            };
            status = RevocationStatus::Good {
                crl_number: crl.crl_number().map(hex),
                revoked_later,
            };
            break;
        }
        if status == RevocationStatus::NotChecked && options.revocation == RevocationPolicy::Require
        {
            return Err(PkiError::Crl(format!(
                "no current CRL from {} to check {}",
                issuer.subject(),
                cert.subject()
            ))
            .into());
        }
        statuses.push(status);
    }
    Ok(statuses)
}
