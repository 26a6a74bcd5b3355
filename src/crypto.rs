//! SM2, SM3 and SM4: keys, signatures, hashing and key protection.
//!
//! This is the only module that touches the `sm2`, `sm3` and `sm4` crates; their
//! types never appear in gmseal's public API.
//!
//! | standard | what | here |
//! |---|---|---|
//! | GB/T 32918.2-2016 | SM2 digital signature | [`PrivateKey`], [`PublicKey::verify`], [`Signer`] |
//! | GM/T 0009-2012 | default user ID, DER signature | [`DEFAULT_USER_ID`], [`Signature`] |
//! | GB/T 32905-2016 | SM3 hash | [`sm3()`], [`Sm3`], [`sm3_reader`], [`hmac_sm3`], [`pbkdf2_hmac_sm3`] |
//! | GB/T 32907-2016, RFC 8998 | SM4 block cipher, CBC/CTR/GCM | [`Sm4Key`] |
//! | RFC 5958, RFC 5915, RFC 8018 | key files | [`PrivateKey::load`], [`Pbes2Params`] |
//!
//! ```
//! use gmseal::crypto::{PrivateKey, Signer, SystemRandom, VerifyOptions};
//!
//! let key = PrivateKey::generate(&SystemRandom)?;
//! let signature = key.sign(b"electronic seal")?;          // ZA with 1234567812345678
//! let der = signature.to_der();                            // SEQUENCE { r, s }
//! key.public_key().verify(b"electronic seal", &der, &VerifyOptions::default())?;
//! # Ok::<(), gmseal::Error>(())
//! ```

mod cipher;
mod dsa;
mod hash;
mod key;
mod keyfile;
mod keystate;
mod rng;
mod signature;
mod signer;
mod verify;

pub use cipher::{SM4_BLOCK_LEN, SM4_GCM_NONCE_LEN, SM4_GCM_TAG_LEN, SM4_KEY_LEN, Sm4Key};
pub use hash::{
    MAX_PBKDF2_ITERATIONS, SM3_DIGEST_LEN, Sm3, hmac_sm3, pbkdf2_hmac_sm3, sm3, sm3_reader,
    verify_hmac_sm3,
};
pub use key::{PrivateKey, PublicKey};
pub use keyfile::{
    PEM_EC_PRIVATE_KEY, PEM_ENCRYPTED_PRIVATE_KEY, PEM_PRIVATE_KEY, PEM_PUBLIC_KEY,
    PEM_SM2_PRIVATE_KEY, Pbes2Params,
};
pub use rng::{DeterministicRandom, SecureRandom, SystemRandom};
pub use signature::{MAX_DER_SIGNATURE_LEN, Signature, SignatureFormat};
pub use signer::Signer;
pub use verify::{IdVariant, Verified, VerifyOptions};

/// The default SM2 user ID, `"1234567812345678"` (GM/T 0009-2012 §10; GB/T 35276-2017).
pub const DEFAULT_USER_ID: &[u8] = b"1234567812345678";
