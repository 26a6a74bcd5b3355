//! Verification options and results: which user-ID variants are accepted, and
//! which encoding and variant a signature turned out to use.

use crate::crypto::DEFAULT_USER_ID;
use crate::crypto::signature::SignatureFormat;
use serde::Serialize;

/// Which ZA a signature matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IdVariant {
    /// ZA with the user ID of the [`VerifyOptions`] (by default `1234567812345678`):
    /// what GM/T 0009 requires and what Bouncy Castle, GmSSL X.509 and Chinese CAs do.
    UserId,
    /// ZA with an empty ID: what OpenSSL 3 does when no `distid` is set.
    EmptyId,
    /// No ZA at all, `e = SM3(M)`: what GmSSL's CMS does.
    NoZa,
}

/// What a successful verification saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Verified {
    /// The signature's encoding.
    pub format: SignatureFormat,
    /// The ZA variant that matched.
    pub variant: IdVariant,
}

/// Which user-ID variants verification accepts. The default accepts only ZA with
/// `1234567812345678`; the non-standard variants are opt-in.
///
/// ```
/// use gmseal::crypto::VerifyOptions;
/// let strict = VerifyOptions::default();
/// let lenient = VerifyOptions::default().accept_empty_id().accept_no_za();
/// assert!(!strict.accepts_empty_id() && lenient.accepts_empty_id());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyOptions {
    user_id: Vec<u8>,
    empty_id: bool,
    no_za: bool,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self {
            user_id: DEFAULT_USER_ID.to_vec(),
            empty_id: false,
            no_za: false,
        }
    }
}

impl VerifyOptions {
    /// Expect ZA with `user_id` instead of the default ID.
    #[must_use]
    pub fn with_user_id(mut self, user_id: &[u8]) -> Self {
        self.user_id = user_id.to_vec();
        self
    }

    /// Also accept ZA with the empty ID (signatures OpenSSL made without `distid`).
    #[must_use]
    pub fn accept_empty_id(mut self) -> Self {
        self.empty_id = true;
        self
    }

    /// Also accept signatures over `SM3(M)` without ZA (GmSSL's CMS).
    #[must_use]
    pub fn accept_no_za(mut self) -> Self {
        self.no_za = true;
        self
    }

    /// The expected user ID.
    pub fn user_id(&self) -> &[u8] {
        &self.user_id
    }

    /// Whether the empty-ID variant is accepted.
    pub fn accepts_empty_id(&self) -> bool {
        self.empty_id
    }

    /// Whether the no-ZA variant is accepted.
    pub fn accepts_no_za(&self) -> bool {
        self.no_za
    }
}
