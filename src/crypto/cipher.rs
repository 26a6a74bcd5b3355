//! SM4 (GB/T 32907-2016) in the modes gmseal needs to protect keys at rest:
//! CBC with PKCS#7 padding (encrypted PKCS#8), CTR, and GCM (RFC 8998).
//!
//! The SM4 implementation underneath (`sm4` 0.6) is a table-based software
//! cipher: it is not constant-time against cache-timing observers on the same
//! machine. gmseal only uses SM4 on keys derived per file (PBKDF2 with a fresh
//! salt), never on a long-lived server key, which keeps that exposure small.

use crate::crypto::rng::SecureRandom;
use crate::error::{CryptoError, Result};
use aes_gcm::aead::{Aead as _, Payload};
use cbc::cipher::{
    BlockCipherDecrypt as _, BlockCipherEncrypt as _, BlockModeDecrypt as _, BlockModeEncrypt as _,
    KeyInit as _, KeyIvInit as _, StreamCipher as _, block_padding::Pkcs7,
};
use zeroize::Zeroizing;

/// SM4 key length in bytes.
pub const SM4_KEY_LEN: usize = 16;
/// SM4 block length in bytes.
pub const SM4_BLOCK_LEN: usize = 16;
/// SM4-GCM nonce length in bytes (RFC 8998 §3.1).
pub const SM4_GCM_NONCE_LEN: usize = 12;
/// SM4-GCM tag length in bytes.
pub const SM4_GCM_TAG_LEN: usize = 16;

type Sm4GcmCipher = aes_gcm::AesGcm<::sm4::Sm4, aes_gcm::aead::consts::U12>;

/// A 128-bit SM4 key, zeroized on drop.
///
/// **Timing.** The `sm4` crate computes SM4's S-box by table lookup (a
/// 256-byte table indexed by key- and data-dependent bytes), so an attacker
/// who shares the CPU cache and can trigger many encryptions under one key
/// may learn about the key. gmseal itself uses SM4 only to decrypt and
/// encrypt private key files (PKCS#8 PBES2, SM4-CBC) once per load or save,
/// locally, where no such attacker can run it on demand. Do not build an
/// online SM4 service (an oracle answering requests) on this type.
///
/// ```
/// use gmseal::crypto::Sm4Key;
/// let key = Sm4Key::from_bytes(&[7u8; 16])?;
/// let iv = [1u8; 16];
/// let ct = key.cbc_encrypt(&iv, b"attack at dawn");
/// assert_eq!(key.cbc_decrypt(&iv, &ct)?.as_slice(), b"attack at dawn");
/// # Ok::<(), gmseal::Error>(())
/// ```
#[derive(Clone)]
pub struct Sm4Key(Zeroizing<[u8; SM4_KEY_LEN]>);

impl core::fmt::Debug for Sm4Key {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Sm4Key(..)")
    }
}

impl Sm4Key {
    /// A key from 16 bytes.
    ///
    /// # Errors
    /// When `bytes` is not 16 bytes long.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let key: [u8; SM4_KEY_LEN] = bytes.try_into().map_err(|_| CryptoError::InvalidLength {
            what: "SM4 key",
            expected: SM4_KEY_LEN,
            actual: bytes.len(),
        })?;
        Ok(Self(Zeroizing::new(key)))
    }

    /// A fresh random key.
    ///
    /// # Errors
    /// When the random number generator fails.
    pub fn generate(rng: &dyn SecureRandom) -> Result<Self> {
        let mut key = Zeroizing::new([0u8; SM4_KEY_LEN]);
        rng.fill(key.as_mut())?;
        Ok(Self(key))
    }

    fn cipher(&self) -> ::sm4::Sm4 {
        ::sm4::Sm4::new(&(*self.0).into())
    }

    /// Encrypt one block in place (ECB on a single block; used for known-answer tests).
    pub fn encrypt_block(&self, block: &mut [u8; SM4_BLOCK_LEN]) {
        let mut b = (*block).into();
        self.cipher().encrypt_block(&mut b);
        block.copy_from_slice(&b);
    }

    /// Decrypt one block in place.
    pub fn decrypt_block(&self, block: &mut [u8; SM4_BLOCK_LEN]) {
        let mut b = (*block).into();
        self.cipher().decrypt_block(&mut b);
        block.copy_from_slice(&b);
    }

    /// SM4-CBC encryption with PKCS#7 padding (RFC 5652 §6.3).
    pub fn cbc_encrypt(&self, iv: &[u8; SM4_BLOCK_LEN], plaintext: &[u8]) -> Vec<u8> {
        cbc::Encryptor::<::sm4::Sm4>::new(&(*self.0).into(), &(*iv).into())
            .encrypt_padded_vec::<Pkcs7>(plaintext)
    }

    /// SM4-CBC decryption, removing PKCS#7 padding.
    ///
    /// # Errors
    /// [`CryptoError::WrongPasswordOrCorrupt`] when the length is not a whole
    /// number of blocks or the padding is wrong (the usual sign of a wrong key).
    pub fn cbc_decrypt(
        &self,
        iv: &[u8; SM4_BLOCK_LEN],
        ciphertext: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>> {
        if ciphertext.is_empty() || ciphertext.len() % SM4_BLOCK_LEN != 0 {
            return Err(CryptoError::WrongPasswordOrCorrupt.into());
        }
        let mut buf = Zeroizing::new(ciphertext.to_vec());
        let len = cbc::Decryptor::<::sm4::Sm4>::new(&(*self.0).into(), &(*iv).into())
            .decrypt_padded::<Pkcs7>(buf.as_mut_slice())
            .map_err(|_| CryptoError::WrongPasswordOrCorrupt)?
            .len();
        buf.truncate(len);
        Ok(buf)
    }

    /// SM4-CTR (128-bit big-endian counter starting at `iv`): encrypts or
    /// decrypts `data` in place.
    pub fn ctr_apply(&self, iv: &[u8; SM4_BLOCK_LEN], data: &mut [u8]) {
        ctr::Ctr128BE::<::sm4::Sm4>::new(&(*self.0).into(), &(*iv).into()).apply_keystream(data);
    }

    /// SM4-GCM (RFC 8998) authenticated encryption: returns `ciphertext || tag`.
    ///
    /// Never reuse a nonce with the same key.
    ///
    /// # Errors
    /// When the plaintext is longer than GCM allows.
    pub fn gcm_seal(
        &self,
        nonce: &[u8; SM4_GCM_NONCE_LEN],
        aad: &[u8],
        plaintext: &[u8],
    ) -> Result<Vec<u8>> {
        Sm4GcmCipher::new(&(*self.0).into())
            .encrypt(
                &(*nonce).into(),
                Payload {
                    msg: plaintext,
                    aad,
                },
            )
            .map_err(|_| CryptoError::InvalidParameter("SM4-GCM plaintext too long".into()).into())
    }

    /// SM4-GCM authenticated decryption of `ciphertext || tag`.
    ///
    /// # Errors
    /// [`CryptoError::AuthenticationFailed`] when the tag does not match.
    pub fn gcm_open(
        &self,
        nonce: &[u8; SM4_GCM_NONCE_LEN],
        aad: &[u8],
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>> {
        Sm4GcmCipher::new(&(*self.0).into())
            .decrypt(&(*nonce).into(), Payload { msg: sealed, aad })
            .map(Zeroizing::new)
            .map_err(|_| CryptoError::AuthenticationFailed.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cbc_rejects_bad_lengths_and_padding() {
        let key = Sm4Key::from_bytes(&[1u8; 16]).unwrap();
        let iv = [0u8; 16];
        assert!(key.cbc_decrypt(&iv, &[]).is_err());
        assert!(key.cbc_decrypt(&iv, &[0u8; 15]).is_err());
        let ct = key.cbc_encrypt(&iv, b"0123456789abcdef");
        assert_eq!(ct.len(), 32, "a full block of padding is added");
        let other = Sm4Key::from_bytes(&[2u8; 16]).unwrap();
        // A wrong key almost always breaks the padding; when it does not, the
        // plaintext differs.
        if let Ok(pt) = other.cbc_decrypt(&iv, &ct) {
            assert_ne!(pt.as_slice(), b"0123456789abcdef");
        }
        assert!(Sm4Key::from_bytes(&[0u8; 15]).is_err());
    }

    #[test]
    fn ctr_round_trip_and_gcm_tamper() {
        let key = Sm4Key::from_bytes(&[3u8; 16]).unwrap();
        let mut data = b"hello, world; more than one block of data".to_vec();
        key.ctr_apply(&[9u8; 16], &mut data);
        assert_ne!(&data[..5], b"hello");
        key.ctr_apply(&[9u8; 16], &mut data);
        assert_eq!(&data[..5], b"hello");
        let mut sealed = key.gcm_seal(&[4u8; 12], b"aad", b"payload").unwrap();
        assert_eq!(
            key.gcm_open(&[4u8; 12], b"aad", &sealed)
                .unwrap()
                .as_slice(),
            b"payload"
        );
        assert!(key.gcm_open(&[4u8; 12], b"other", &sealed).is_err());
        sealed[0] ^= 1;
        assert!(key.gcm_open(&[4u8; 12], b"aad", &sealed).is_err());
    }
}
