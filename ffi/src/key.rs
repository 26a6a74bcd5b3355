//! SM2 keys: in memory, or held by a signing callback (HSM, UKey, remote).

use crate::boundary::call;
use crate::bytes::gmseal_bytes;
use crate::error::{Failure, gmseal_result};
use crate::ptr::{self, Callback, OutBytes, OutKey};
use core::ffi::c_void;
use gmseal::CryptoError;
use gmseal::crypto::{Pbes2Params, PrivateKey, PublicKey, Signature, Signer, SystemRandom};

/// An SM2 signing key: a private key in memory, or a public key whose
/// signatures a callback makes ([`gmseal_key_from_callback`]). Opaque; free
/// with [`gmseal_key_free`].
pub struct gmseal_key {
    signer: KeySigner,
}

enum KeySigner {
    Private(PrivateKey),
    Callback(CallbackSigner),
}

impl gmseal_key {
    /// The key as a gmseal [`Signer`].
    pub(crate) fn signer(&self) -> &dyn Signer {
        match &self.signer {
            KeySigner::Private(k) => k,
            KeySigner::Callback(c) => c,
        }
    }

    /// The public key.
    pub(crate) fn public_key(&self) -> &PublicKey {
        self.signer().public_key()
    }
}

/// The signing callback with its NULL case taken out.
pub(crate) type CallbackFn = unsafe extern "C" fn(
    userdata: *mut c_void,
    digest: *const u8,
    signature_out: *mut u8,
    signature_capacity: usize,
    signature_len: *mut usize,
) -> i32;

/// A signing callback for keys gmseal cannot hold: an HSM (SDF), a USB key
/// (SKF), a remote signing service.
///
/// gmseal calls it with `digest`, the 32-byte SM2 `e = SM3(ZA || M)` (ZA with
/// the user ID `1234567812345678`), and a buffer of `signature_capacity` bytes
/// (at least 128). The callback writes the SM2 signature of `digest`, either
/// DER `SEQUENCE { r, s }` or raw 64-byte `r || s`, stores its length in
/// `*signature_len` and returns 0; any other return value is a failure
/// (`GMSEAL_CRYPTO_SIGNER`). gmseal checks the signature against the key's
/// public key before using it.
///
/// The callback is called synchronously, on the thread that called the gmseal
/// function, and only during that call. It may call gmseal functions itself
/// (for example `gmseal_key_sign_digest`); that replaces the thread's last
/// error, which the outer call then sets again when it returns.
pub type gmseal_sign_callback = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        digest: *const u8,
        signature_out: *mut u8,
        signature_capacity: usize,
        signature_len: *mut usize,
    ) -> i32,
>;

/// The room given to the callback for one signature (a DER SM2 signature is
/// at most 72 bytes).
const CALLBACK_CAPACITY: usize = 128;

/// A [`Signer`] that calls back into C.
struct CallbackSigner {
    public: PublicKey,
    callback: Callback,
}

impl Signer for CallbackSigner {
    fn public_key(&self) -> &PublicKey {
        &self.public
    }

    fn sign_digest(&self, e: &[u8; 32]) -> gmseal::Result<Signature> {
        let mut buffer = [0u8; CALLBACK_CAPACITY];
        let (rc, len) = self.callback.call(e, &mut buffer);
        if rc != 0 {
            return Err(CryptoError::Signer(format!("the signing callback returned {rc}")).into());
        }
        let Some(value) = buffer.get(..len) else {
            return Err(CryptoError::Signer(format!(
                "the signing callback reported {len} bytes, more than the {CALLBACK_CAPACITY} it was given"
            ))
            .into());
        };
        let (signature, _) = Signature::parse(value)?;
        if self.public.verify_digest(e, &signature.to_der()).is_err() {
            return Err(CryptoError::Signer(
                "the signing callback's signature does not verify with the key's public key".into(),
            )
            .into());
        }
        Ok(signature)
    }
}

/// Generate a fresh SM2 key pair (from the operating system's generator).
///
/// On success `*out` is a new handle to free with [`gmseal_key_free`]; on
/// failure it is NULL.
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_key_generate(out: *mut *mut gmseal_key) -> gmseal_result {
    call(|| {
        let out = OutKey::new(out, "out")?;
        let key = PrivateKey::generate(&SystemRandom)?;
        out.set(gmseal_key {
            signer: KeySigner::Private(key),
        });
        Ok(())
    })
}

/// Load an SM2 private key: PEM or DER; PKCS#8, SEC1 (`EC PRIVATE KEY`, also
/// OpenSSL's `SM2 PRIVATE KEY`) or encrypted PKCS#8 (PBES2 with SM4-CBC).
///
/// `password`, `password_len`: the password of an encrypted key; `NULL, 0`
/// for none. Errors: `GMSEAL_CRYPTO_PASSWORD_REQUIRED` (encrypted, no
/// password), `GMSEAL_CRYPTO_WRONG_PASSWORD`, `GMSEAL_DECODE_MALFORMED`,
/// `GMSEAL_CRYPTO_PEM`. `*out` as for [`gmseal_key_generate`].
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_key_load(
    data: *const u8,
    data_len: usize,
    password: *const u8,
    password_len: usize,
    out: *mut *mut gmseal_key,
) -> gmseal_result {
    call(|| {
        let out = OutKey::new(out, "out")?;
        let data = ptr::bytes_in(data, data_len, "data")?;
        let password = ptr::bytes_opt(password, password_len, "password")?;
        let key = PrivateKey::load(data, password)?;
        out.set(gmseal_key {
            signer: KeySigner::Private(key),
        });
        Ok(())
    })
}

/// Export a private key as PEM: PKCS#8 `PRIVATE KEY`, or, when a password is
/// given, `ENCRYPTED PRIVATE KEY` (PBES2, PBKDF2-HMAC-SM3 with 65,536
/// iterations, SM4-CBC, as GmSSL writes it).
///
/// `password`, `password_len`: `NULL, 0` for an unencrypted key. A callback
/// key has no private key to export (`GMSEAL_FFI_INVALID_ARGUMENT`). The
/// PEM text (not NUL-terminated) is written to `*out_pem`; free it with
/// `gmseal_bytes_free`, which wipes it.
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_key_export(
    key: *const gmseal_key,
    password: *const u8,
    password_len: usize,
    out_pem: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_pem, "out_pem")?;
        let key = ptr::key_in(key, "key")?;
        let password = ptr::bytes_opt(password, password_len, "password")?;
        let KeySigner::Private(private) = &key.signer else {
            return Err(Failure::invalid(
                "the key is held by a signing callback: it has no private key to export",
            ));
        };
        let pem = match password {
            Some(pw) => {
                private.to_encrypted_pkcs8_pem(pw, &Pbes2Params::default(), &SystemRandom)?
            }
            None => private.to_pkcs8_pem()?.as_str().to_owned(),
        };
        out.set(pem.into_bytes());
        Ok(())
    })
}

/// The public key as DER `SubjectPublicKeyInfo`, written to `*out_spki_der`.
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_key_public_key(
    key: *const gmseal_key,
    out_spki_der: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_spki_der, "out_spki_der")?;
        let key = ptr::key_in(key, "key")?;
        out.set(key.public_key().to_spki_der());
        Ok(())
    })
}

/// Sign a 32-byte digest `e = SM3(ZA || M)` with `key`; the DER SM2
/// signature is written to `*out_der`. With a callback key this calls the
/// callback. This is the primitive a signing callback can forward to when
/// it wraps another gmseal key.
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_key_sign_digest(
    key: *const gmseal_key,
    digest: *const u8,
    out_der: *mut gmseal_bytes,
) -> gmseal_result {
    call(|| {
        let out = OutBytes::new(out_der, "out_der")?;
        let key = ptr::key_in(key, "key")?;
        let digest = ptr::bytes_in(digest, 32, "digest")?;
        let digest: &[u8; 32] = digest
            .try_into()
            .map_err(|_| Failure::internal("a 32-byte slice is not 32 bytes"))?;
        out.set(key.signer().sign_digest(digest)?.to_der());
        Ok(())
    })
}

/// A key whose signatures `callback` makes, for the public key given as DER
/// `SubjectPublicKeyInfo` (`spki_der`, `spki_len`). See
/// [`gmseal_sign_callback`] for when and how it is called.
///
/// `userdata` is passed to every call unchanged; it must stay valid until the
/// handle is freed with [`gmseal_key_free`] (gmseal never frees it). Using
/// one callback key from several threads at once needs a thread-safe
/// callback. `*out` as for [`gmseal_key_generate`].
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_key_from_callback(
    spki_der: *const u8,
    spki_len: usize,
    callback: gmseal_sign_callback,
    userdata: *mut c_void,
    out: *mut *mut gmseal_key,
) -> gmseal_result {
    call(|| {
        let out = OutKey::new(out, "out")?;
        let spki = ptr::bytes_in(spki_der, spki_len, "spki_der")?;
        let function = callback.ok_or_else(|| Failure::null("callback"))?;
        let public = PublicKey::from_spki_der(spki)?;
        out.set(gmseal_key {
            signer: KeySigner::Callback(CallbackSigner {
                public,
                callback: Callback::new(function, userdata),
            }),
        });
        Ok(())
    })
}

/// Free a key handle (a private key is wiped). NULL is ignored. The handle
/// must not be used afterwards. Does not change the thread's last error.
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_key_free(key: *mut gmseal_key) {
    crate::boundary::call_infallible(|| ptr::free_key(key));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The functions called from Rust, as a binding would.
    #[test]
    fn generate_export_sign_free() {
        let mut key: *mut gmseal_key = core::ptr::null_mut();
        assert_eq!(gmseal_key_generate(&mut key), gmseal_result::GMSEAL_OK);
        assert!(!key.is_null());
        let mut pem = gmseal_bytes::EMPTY;
        assert_eq!(
            gmseal_key_export(key, core::ptr::null(), 0, &mut pem),
            gmseal_result::GMSEAL_OK
        );
        assert!(pem.len > 0 && !pem.data.is_null());
        crate::gmseal_bytes_free(&mut pem);
        assert!(pem.data.is_null() && pem.len == 0);
        crate::gmseal_bytes_free(&mut pem);

        let digest = [7u8; 32];
        let mut der = gmseal_bytes::EMPTY;
        assert_eq!(
            gmseal_key_sign_digest(key, digest.as_ptr(), &mut der),
            gmseal_result::GMSEAL_OK
        );
        assert!((8..=72).contains(&der.len));
        crate::gmseal_bytes_free(&mut der);

        assert_eq!(
            gmseal_key_sign_digest(key, core::ptr::null(), &mut der),
            gmseal_result::GMSEAL_FFI_NULL_ARGUMENT
        );
        assert_eq!(
            gmseal_key_public_key(core::ptr::null(), &mut der),
            gmseal_result::GMSEAL_FFI_NULL_ARGUMENT
        );
        gmseal_key_free(key);
        gmseal_key_free(core::ptr::null_mut());
    }
}
