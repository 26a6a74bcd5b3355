//! Key file formats: SPKI (RFC 5280/5480), PKCS#8 (RFC 5208/5958) wrapping an
//! `ECPrivateKey` (RFC 5915), SEC1 `EC PRIVATE KEY`, and encrypted PKCS#8
//! (RFC 8018 PBES2) with PBKDF2-HMAC-SM3 and SM4-CBC as GmSSL writes it.
//!
//! ```text
//! SubjectPublicKeyInfo ::= SEQUENCE {
//!     algorithm         AlgorithmIdentifier,   -- id-ecPublicKey, namedCurve sm2 (1.2.156.10197.1.301)
//!     subjectPublicKey  BIT STRING }           -- 04 || X || Y
//!
//! ECPrivateKey ::= SEQUENCE {
//!     version        INTEGER { ecPrivkeyVer1(1) },
//!     privateKey     OCTET STRING,             -- 32 bytes, big-endian dA
//!     parameters [0] ECParameters {{ NamedCurve }} OPTIONAL,
//!     publicKey  [1] BIT STRING OPTIONAL }
//!
//! EncryptedPrivateKeyInfo ::= SEQUENCE {
//!     encryptionAlgorithm  AlgorithmIdentifier,  -- PBES2
//!     encryptedData        OCTET STRING }
//! PBES2-params ::= SEQUENCE {
//!     keyDerivationFunc AlgorithmIdentifier,      -- PBKDF2
//!     encryptionScheme  AlgorithmIdentifier }     -- sm4-cbc, parameters: IV OCTET STRING (16)
//! PBKDF2-params ::= SEQUENCE {
//!     salt           OCTET STRING,
//!     iterationCount INTEGER (1..MAX),
//!     keyLength      INTEGER (1..MAX) OPTIONAL,
//!     prf            AlgorithmIdentifier DEFAULT algid-hmacWithSHA1 }  -- hmac-sm3, NULL parameters
//! ```
//!
//! gmseal writes `ECPrivateKey` with both `[0]` and `[1]` (GmSSL 3 requires them),
//! and encrypted keys exactly as GmSSL 3 does: 16-byte salt, no `keyLength`,
//! `prf = {hmac-sm3, NULL}`, SM4-CBC with a 16-byte IV, 65536 iterations by
//! default. On read it also accepts `prf = hmacWithSHA256`, which is what
//! `openssl pkcs8 -topk8 -v2 sm4-cbc` writes.

use crate::crypto::cipher::Sm4Key;
use crate::crypto::hash::{MAX_PBKDF2_ITERATIONS, pbkdf2_hmac_sha256, pbkdf2_hmac_sm3};
use crate::crypto::key::{PrivateKey, PublicKey};
use crate::crypto::rng::SecureRandom;
use crate::error::{CryptoError, DecodeError, Result};
use crate::{oid, pem};
use der::Tagged as _;
use der::asn1::{AnyRef, Null, ObjectIdentifier, OctetString, OctetStringRef};
use der::{Decode, Encode, Sequence};
use spki::{AlgorithmIdentifier, AlgorithmIdentifierOwned, AlgorithmIdentifierRef};
use zeroize::Zeroizing;

/// PEM label of an SPKI public key.
pub const PEM_PUBLIC_KEY: &str = "PUBLIC KEY";
/// PEM label of a PKCS#8 private key.
pub const PEM_PRIVATE_KEY: &str = "PRIVATE KEY";
/// PEM label of a SEC1 private key.
pub const PEM_EC_PRIVATE_KEY: &str = "EC PRIVATE KEY";
/// PEM label OpenSSL 3 gives SEC1 SM2 private keys (`openssl ec`); read only.
pub const PEM_SM2_PRIVATE_KEY: &str = "SM2 PRIVATE KEY";
/// PEM label of an encrypted PKCS#8 private key.
pub const PEM_ENCRYPTED_PRIVATE_KEY: &str = "ENCRYPTED PRIVATE KEY";

/// The fixed DER prefix of an SM2 SPKI, up to the 65-byte point:
/// `SEQUENCE { SEQUENCE { id-ecPublicKey, sm2 }, BIT STRING (66 bytes, 0 unused bits) }`.
const SPKI_PREFIX: [u8; 26] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, 0x06, 0x08, 0x2A,
    0x81, 0x1C, 0xCF, 0x55, 0x01, 0x82, 0x2D, 0x03, 0x42, 0x00,
];

/// Parameters for encrypting a private key with PBES2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pbes2Params {
    /// PBKDF2 iteration count. Default: 65536, as GmSSL.
    pub iterations: u32,
}

impl Default for Pbes2Params {
    fn default() -> Self {
        Self { iterations: 65_536 }
    }
}

fn decode_err(what: &'static str) -> impl Fn(der::Error) -> crate::Error {
    move |e| DecodeError::from_der(what, e).into()
}

fn unsupported(what: &'static str, oid: &ObjectIdentifier) -> crate::Error {
    CryptoError::UnsupportedAlgorithm {
        what,
        oid: oid::describe(oid),
    }
    .into()
}

/// Check that an `ECParameters`/`AlgorithmIdentifier` parameter names the SM2 curve.
fn check_curve(params: Option<AnyRef<'_>>) -> Result<()> {
    let Some(params) = params else {
        return Ok(());
    };
    let curve: ObjectIdentifier =
        params
            .decode_as()
            .map_err(|_| CryptoError::UnsupportedAlgorithm {
                what: "elliptic curve parameters (only a named curve is supported)",
                oid: format!("{:?}", params.tag()),
            })?;
    if curve != oid::SM2_CURVE {
        return Err(unsupported(
            "elliptic curve (expected sm2 1.2.156.10197.1.301)",
            &curve,
        ));
    }
    Ok(())
}

fn check_key_algorithm(alg: &AlgorithmIdentifierRef<'_>) -> Result<()> {
    if alg.oid != oid::EC_PUBLIC_KEY {
        return Err(unsupported(
            "key algorithm (expected id-ecPublicKey with the SM2 curve)",
            &alg.oid,
        ));
    }
    check_curve(alg.parameters)
}

impl PublicKey {
    /// Parse a DER `SubjectPublicKeyInfo` (`id-ecPublicKey` with the SM2 curve).
    ///
    /// # Errors
    /// When the structure is malformed, names another algorithm or curve, or
    /// the point is invalid.
    pub fn from_spki_der(der: &[u8]) -> Result<Self> {
        let spki = spki::SubjectPublicKeyInfoRef::from_der(der)
            .map_err(decode_err("SubjectPublicKeyInfo"))?;
        Self::from_spki(&spki)
    }

    pub(crate) fn from_spki(spki: &spki::SubjectPublicKeyInfoRef<'_>) -> Result<Self> {
        if spki.algorithm.parameters.is_none() && spki.algorithm.oid == oid::EC_PUBLIC_KEY {
            return Err(CryptoError::UnsupportedAlgorithm {
                what: "elliptic curve",
                oid: "absent (the SM2 namedCurve parameter is required)".into(),
            }
            .into());
        }
        check_key_algorithm(&spki.algorithm)?;
        let point = spki.subject_public_key.as_bytes().ok_or_else(|| {
            DecodeError::new(
                "SubjectPublicKeyInfo",
                "public key BIT STRING has unused bits",
            )
        })?;
        Self::from_sec1_bytes(point)
    }

    /// The DER `SubjectPublicKeyInfo`.
    pub fn to_spki_der(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(91);
        out.extend_from_slice(&SPKI_PREFIX);
        out.extend_from_slice(&self.to_sec1_bytes());
        out
    }

    /// Parse a PEM `PUBLIC KEY`.
    ///
    /// # Errors
    /// As [`from_spki_der`](Self::from_spki_der), or for bad PEM.
    pub fn from_spki_pem(pem: &str) -> Result<Self> {
        let block = pem::decode_one(pem.as_bytes(), &[PEM_PUBLIC_KEY])?;
        Self::from_spki_der(&block.der)
    }

    /// The PEM `PUBLIC KEY`.
    pub fn to_spki_pem(&self) -> String {
        // Encoding 91 bytes of DER as PEM cannot fail.
        pem::encode(PEM_PUBLIC_KEY, &self.to_spki_der()).unwrap_or_default()
    }
}

impl PrivateKey {
    fn from_ec_private_key(ec: &sec1::EcPrivateKey<'_>, what: &'static str) -> Result<Self> {
        if let Some(sec1::EcParameters::NamedCurve(curve)) = &ec.parameters {
            if *curve != oid::SM2_CURVE {
                return Err(unsupported(
                    "elliptic curve (expected sm2 1.2.156.10197.1.301)",
                    curve,
                ));
            }
        }
        let d = ec.private_key;
        if d.is_empty() || d.len() > 32 {
            return Err(DecodeError::new(
                what,
                format!("private key is {} bytes, expected 32", d.len()),
            )
            .into());
        }
        let mut bytes = Zeroizing::new([0u8; 32]);
        bytes[32 - d.len()..].copy_from_slice(d);
        let key = Self::from_bytes(&bytes)?;
        if let Some(public) = ec.public_key {
            let stored =
                PublicKey::from_sec1_bytes(public).map_err(|_| CryptoError::KeyMismatch)?;
            if &stored != key.public_key() {
                return Err(CryptoError::KeyMismatch.into());
            }
        }
        Ok(key)
    }

    fn ec_private_key_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        let d = self.to_bytes();
        let public = self.public_key().to_sec1_bytes();
        let ec = sec1::EcPrivateKey {
            private_key: d.as_slice(),
            parameters: Some(sec1::EcParameters::NamedCurve(oid::SM2_CURVE)),
            public_key: Some(&public),
        };
        ec.to_der()
            .map(Zeroizing::new)
            .map_err(decode_err("ECPrivateKey"))
    }

    /// Parse a DER PKCS#8 `PrivateKeyInfo` (or v2 `OneAsymmetricKey`).
    ///
    /// # Errors
    /// When it is malformed, not an SM2 key, or its embedded public key does not match.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let info =
            pkcs8::PrivateKeyInfoRef::from_der(der).map_err(decode_err("PKCS#8 PrivateKeyInfo"))?;
        check_key_algorithm(&info.algorithm)?;
        let ec = sec1::EcPrivateKey::from_der(info.private_key.as_bytes())
            .map_err(decode_err("ECPrivateKey inside PKCS#8"))?;
        if info.algorithm.parameters.is_none() && ec.parameters.is_none() {
            return Err(DecodeError::new("PKCS#8 PrivateKeyInfo", "no curve is named").into());
        }
        let key = Self::from_ec_private_key(&ec, "ECPrivateKey inside PKCS#8")?;
        if let Some(public) = info.public_key {
            let bytes = public.as_bytes().unwrap_or_default();
            if PublicKey::from_sec1_bytes(bytes).ok().as_ref() != Some(key.public_key()) {
                return Err(CryptoError::KeyMismatch.into());
            }
        }
        Ok(key)
    }

    /// The DER PKCS#8 `PrivateKeyInfo` (v1), zeroized on drop.
    ///
    /// # Errors
    /// Only if DER encoding fails, which does not happen for valid keys.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        let ec = self.ec_private_key_der()?;
        let curve = oid::SM2_CURVE;
        let algorithm = AlgorithmIdentifier {
            oid: oid::EC_PUBLIC_KEY,
            parameters: Some(AnyRef::from(&curve)),
        };
        let octets = OctetStringRef::new(&ec).map_err(decode_err("PKCS#8 PrivateKeyInfo"))?;
        pkcs8::PrivateKeyInfoRef::new(algorithm, octets)
            .to_der()
            .map(Zeroizing::new)
            .map_err(decode_err("PKCS#8 PrivateKeyInfo"))
    }

    /// Parse a PEM `PRIVATE KEY`.
    ///
    /// # Errors
    /// As [`from_pkcs8_der`](Self::from_pkcs8_der), or for bad PEM.
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self> {
        let block = pem::decode_one(pem.as_bytes(), &[PEM_PRIVATE_KEY])?;
        Self::from_pkcs8_der(&block.der)
    }

    /// The PEM `PRIVATE KEY`, zeroized on drop.
    ///
    /// # Errors
    /// As [`to_pkcs8_der`](Self::to_pkcs8_der).
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>> {
        Ok(Zeroizing::new(pem::encode(
            PEM_PRIVATE_KEY,
            &self.to_pkcs8_der()?,
        )?))
    }

    /// Parse a DER SEC1 `ECPrivateKey`.
    ///
    /// # Errors
    /// When it is malformed or not an SM2 key.
    pub fn from_sec1_der(der: &[u8]) -> Result<Self> {
        let ec = sec1::EcPrivateKey::from_der(der).map_err(decode_err("SEC1 ECPrivateKey"))?;
        if ec.parameters.is_none() {
            return Err(DecodeError::new(
                "SEC1 ECPrivateKey",
                "the curve parameters [0] are missing",
            )
            .into());
        }
        Self::from_ec_private_key(&ec, "SEC1 ECPrivateKey")
    }

    /// The DER SEC1 `ECPrivateKey` (with curve and public key), zeroized on drop.
    ///
    /// # Errors
    /// As [`to_pkcs8_der`](Self::to_pkcs8_der).
    pub fn to_sec1_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        self.ec_private_key_der()
    }

    /// Parse a PEM `EC PRIVATE KEY` (or `SM2 PRIVATE KEY`, as OpenSSL labels it).
    ///
    /// # Errors
    /// As [`from_sec1_der`](Self::from_sec1_der), or for bad PEM.
    pub fn from_sec1_pem(pem: &str) -> Result<Self> {
        let block = pem::decode_one(pem.as_bytes(), &[PEM_EC_PRIVATE_KEY, PEM_SM2_PRIVATE_KEY])?;
        Self::from_sec1_der(&block.der)
    }

    /// The PEM `EC PRIVATE KEY`, zeroized on drop.
    ///
    /// # Errors
    /// As [`to_pkcs8_der`](Self::to_pkcs8_der).
    pub fn to_sec1_pem(&self) -> Result<Zeroizing<String>> {
        Ok(Zeroizing::new(pem::encode(
            PEM_EC_PRIVATE_KEY,
            &self.to_sec1_der()?,
        )?))
    }

    /// Encrypt as DER PKCS#8 `EncryptedPrivateKeyInfo` with PBES2,
    /// PBKDF2-HMAC-SM3 and SM4-CBC (GmSSL's format).
    ///
    /// # Errors
    /// When the RNG fails or the iteration count is out of range.
    pub fn to_encrypted_pkcs8_der(
        &self,
        password: &[u8],
        params: &Pbes2Params,
        rng: &dyn SecureRandom,
    ) -> Result<Vec<u8>> {
        let mut salt = [0u8; 16];
        let mut iv = [0u8; 16];
        rng.fill(&mut salt)?;
        rng.fill(&mut iv)?;
        let mut key = Zeroizing::new([0u8; 16]);
        pbkdf2_hmac_sm3(password, &salt, params.iterations, key.as_mut())?;
        let ciphertext = Sm4Key::from_bytes(key.as_ref())?.cbc_encrypt(&iv, &self.to_pkcs8_der()?);
        encode_encrypted(&salt, params.iterations, &iv, &ciphertext)
            .map_err(decode_err("EncryptedPrivateKeyInfo"))
    }

    /// Encrypt as PEM `ENCRYPTED PRIVATE KEY`; see [`to_encrypted_pkcs8_der`](Self::to_encrypted_pkcs8_der).
    ///
    /// # Errors
    /// As [`to_encrypted_pkcs8_der`](Self::to_encrypted_pkcs8_der).
    pub fn to_encrypted_pkcs8_pem(
        &self,
        password: &[u8],
        params: &Pbes2Params,
        rng: &dyn SecureRandom,
    ) -> Result<String> {
        Ok(pem::encode(
            PEM_ENCRYPTED_PRIVATE_KEY,
            &self.to_encrypted_pkcs8_der(password, params, rng)?,
        )?)
    }

    /// Decrypt a DER PKCS#8 `EncryptedPrivateKeyInfo` (PBES2 with SM4-CBC and
    /// PBKDF2-HMAC-SM3 or -SHA256).
    ///
    /// # Errors
    /// [`CryptoError::WrongPasswordOrCorrupt`] for a wrong password, or an error
    /// naming the unsupported algorithm or malformed field.
    pub fn from_encrypted_pkcs8_der(der: &[u8], password: &[u8]) -> Result<Self> {
        Self::from_encrypted_pkcs8_der_within(der, password, MAX_PBKDF2_ITERATIONS)
    }

    /// As [`from_encrypted_pkcs8_der`](Self::from_encrypted_pkcs8_der), refusing
    /// iteration counts above `max_iterations` before deriving anything (the
    /// fuzz targets keep each input cheap this way).
    pub(crate) fn from_encrypted_pkcs8_der_within(
        der: &[u8],
        password: &[u8],
        max_iterations: u32,
    ) -> Result<Self> {
        let plain = decrypt_pkcs8(der, password, max_iterations)?;
        Self::from_pkcs8_der(&plain).map_err(|_| CryptoError::WrongPasswordOrCorrupt.into())
    }

    /// Decrypt a PEM `ENCRYPTED PRIVATE KEY`.
    ///
    /// # Errors
    /// As [`from_encrypted_pkcs8_der`](Self::from_encrypted_pkcs8_der).
    pub fn from_encrypted_pkcs8_pem(pem: &str, password: &[u8]) -> Result<Self> {
        let block = pem::decode_one(pem.as_bytes(), &[PEM_ENCRYPTED_PRIVATE_KEY])?;
        Self::from_encrypted_pkcs8_der(&block.der, password)
    }

    /// Read a private key in any supported format: PEM or DER; PKCS#8, SEC1, or
    /// encrypted PKCS#8 (which needs `password`).
    ///
    /// # Errors
    /// When the format is not recognised, a password is needed but missing, or decoding fails.
    ///
    /// ```
    /// use gmseal::crypto::{PrivateKey, Pbes2Params, SystemRandom};
    /// let key = PrivateKey::generate(&SystemRandom)?;
    /// let pem = key.to_encrypted_pkcs8_pem(b"pw", &Pbes2Params { iterations: 1000 }, &SystemRandom)?;
    /// assert!(PrivateKey::load(pem.as_bytes(), None).is_err());
    /// assert!(PrivateKey::load(pem.as_bytes(), Some(b"bad")).is_err());
    /// assert_eq!(PrivateKey::load(pem.as_bytes(), Some(b"pw"))?.public_key(), key.public_key());
    /// # Ok::<(), gmseal::Error>(())
    /// ```
    pub fn load(data: &[u8], password: Option<&[u8]>) -> Result<Self> {
        if pem::is_pem(data) {
            let block = pem::decode_one(
                data,
                &[
                    PEM_PRIVATE_KEY,
                    PEM_EC_PRIVATE_KEY,
                    PEM_SM2_PRIVATE_KEY,
                    PEM_ENCRYPTED_PRIVATE_KEY,
                ],
            )?;
            return match block.label.as_str() {
                PEM_PRIVATE_KEY => Self::from_pkcs8_der(&block.der),
                PEM_EC_PRIVATE_KEY | PEM_SM2_PRIVATE_KEY => Self::from_sec1_der(&block.der),
                _ => Self::from_encrypted_pkcs8_der(
                    &block.der,
                    password.ok_or_else(password_needed)?,
                ),
            };
        }
        if let Ok(key) = Self::from_pkcs8_der(data) {
            return Ok(key);
        }
        if let Ok(key) = Self::from_sec1_der(data) {
            return Ok(key);
        }
        if EncryptedPrivateKeyInfo::from_der(data).is_ok() {
            return Self::from_encrypted_pkcs8_der(data, password.ok_or_else(password_needed)?);
        }
        // Report the PKCS#8 error: it is the format gmseal writes.
        Self::from_pkcs8_der(data)
    }
}

fn password_needed() -> crate::Error {
    CryptoError::PasswordRequired.into()
}

#[derive(Sequence)]
struct EncryptedPrivateKeyInfo<'a> {
    encryption_algorithm: AlgorithmIdentifierRef<'a>,
    encrypted_data: &'a OctetStringRef,
}

#[derive(Sequence)]
struct Pbes2ParamsAsn1<'a> {
    key_derivation_func: AlgorithmIdentifierRef<'a>,
    encryption_scheme: AlgorithmIdentifierRef<'a>,
}

#[derive(Sequence)]
struct Pbkdf2ParamsAsn1<'a> {
    salt: &'a OctetStringRef,
    iteration_count: u32,
    key_length: Option<u32>,
    prf: Option<AlgorithmIdentifierRef<'a>>,
}

#[derive(Clone, Copy)]
enum Prf {
    Sm3,
    Sha256,
}

fn decrypt_pkcs8(der: &[u8], password: &[u8], max_iterations: u32) -> Result<Zeroizing<Vec<u8>>> {
    const WHAT: &str = "EncryptedPrivateKeyInfo";
    let info = EncryptedPrivateKeyInfo::from_der(der).map_err(decode_err(WHAT))?;
    let alg = &info.encryption_algorithm;
    if alg.oid != oid::PBES2 {
        return Err(unsupported(
            "key encryption scheme (expected PBES2)",
            &alg.oid,
        ));
    }
    let params: Pbes2ParamsAsn1<'_> = alg
        .parameters
        .ok_or_else(|| DecodeError::new(WHAT, "PBES2 parameters are missing"))?
        .decode_as()
        .map_err(decode_err("PBES2-params"))?;
    let kdf = &params.key_derivation_func;
    if kdf.oid != oid::PBKDF2 {
        return Err(unsupported(
            "key derivation function (expected PBKDF2)",
            &kdf.oid,
        ));
    }
    let kdf_params: Pbkdf2ParamsAsn1<'_> = kdf
        .parameters
        .ok_or_else(|| DecodeError::new(WHAT, "PBKDF2 parameters are missing"))?
        .decode_as()
        .map_err(decode_err("PBKDF2-params"))?;
    let prf = match &kdf_params.prf {
        Some(p) if p.oid == oid::HMAC_SM3 => Prf::Sm3,
        Some(p) if p.oid == oid::HMAC_WITH_SHA256 => Prf::Sha256,
        Some(p) => {
            return Err(unsupported(
                "PBKDF2 PRF (expected hmac-sm3 or hmacWithSHA256)",
                &p.oid,
            ));
        }
        None => {
            return Err(unsupported(
                "PBKDF2 PRF (expected hmac-sm3 or hmacWithSHA256)",
                &oid::HMAC_WITH_SHA1,
            ));
        }
    };
    if let Some(p) = &kdf_params.prf {
        if p.parameters.is_some_and(|a| a.decode_as::<Null>().is_err()) {
            return Err(
                DecodeError::new("PBKDF2-params", "PRF parameters must be NULL or absent").into(),
            );
        }
    }
    if kdf_params.key_length.is_some_and(|l| l != 16) {
        return Err(DecodeError::new("PBKDF2-params", "keyLength must be 16 for SM4").into());
    }
    let enc = &params.encryption_scheme;
    if enc.oid != oid::SM4_CBC {
        return Err(unsupported(
            "private key cipher (expected sm4-cbc)",
            &enc.oid,
        ));
    }
    let iv: &OctetStringRef = enc
        .parameters
        .ok_or_else(|| DecodeError::new(WHAT, "SM4-CBC IV is missing"))?
        .decode_as()
        .map_err(decode_err("SM4-CBC parameters"))?;
    let iv: [u8; 16] = iv
        .as_bytes()
        .try_into()
        .map_err(|_| DecodeError::new("SM4-CBC parameters", "the IV must be 16 bytes"))?;
    let salt = kdf_params.salt.as_bytes();
    if salt.is_empty() {
        return Err(DecodeError::new("PBKDF2-params", "the salt is empty").into());
    }
    if kdf_params.iteration_count > max_iterations {
        return Err(DecodeError::new(
            "PBKDF2-params",
            format!(
                "iteration count {} is above the limit of {max_iterations}",
                kdf_params.iteration_count
            ),
        )
        .into());
    }
    let mut key = Zeroizing::new([0u8; 16]);
    match prf {
        Prf::Sm3 => pbkdf2_hmac_sm3(password, salt, kdf_params.iteration_count, key.as_mut())?,
        Prf::Sha256 => {
            pbkdf2_hmac_sha256(password, salt, kdf_params.iteration_count, key.as_mut())?
        }
    }
    Sm4Key::from_bytes(key.as_ref())?.cbc_decrypt(&iv, info.encrypted_data.as_bytes())
}

fn encode_encrypted(
    salt: &[u8],
    iterations: u32,
    iv: &[u8],
    ciphertext: &[u8],
) -> der::Result<Vec<u8>> {
    #[derive(Sequence)]
    struct Pbkdf2Owned {
        salt: OctetString,
        iteration_count: u32,
        prf: AlgorithmIdentifierOwned,
    }
    #[derive(Sequence)]
    struct Pbes2Owned {
        key_derivation_func: AlgorithmIdentifierOwned,
        encryption_scheme: AlgorithmIdentifierOwned,
    }
    #[derive(Sequence)]
    struct EncryptedOwned {
        encryption_algorithm: AlgorithmIdentifierOwned,
        encrypted_data: OctetString,
    }
    let kdf = Pbkdf2Owned {
        salt: OctetString::new(salt)?,
        iteration_count: iterations,
        prf: AlgorithmIdentifierOwned {
            oid: oid::HMAC_SM3,
            parameters: Some(der::Any::from(Null)),
        },
    };
    let pbes2 = Pbes2Owned {
        key_derivation_func: AlgorithmIdentifierOwned {
            oid: oid::PBKDF2,
            parameters: Some(der::Any::encode_from(&kdf)?),
        },
        encryption_scheme: AlgorithmIdentifierOwned {
            oid: oid::SM4_CBC,
            parameters: Some(der::Any::encode_from(&OctetString::new(iv)?)?),
        },
    };
    EncryptedOwned {
        encryption_algorithm: AlgorithmIdentifierOwned {
            oid: oid::PBES2,
            parameters: Some(der::Any::encode_from(&pbes2)?),
        },
        encrypted_data: OctetString::new(ciphertext)?,
    }
    .to_der()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::rng::DeterministicRandom;

    fn annex_a_key() -> PrivateKey {
        let d: [u8; 32] =
            hex::decode("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8")
                .unwrap()
                .try_into()
                .unwrap();
        PrivateKey::from_bytes(&d).unwrap()
    }

    #[test]
    fn spki_matches_the_published_encoding() {
        let spki = annex_a_key().public_key().to_spki_der();
        assert_eq!(
            hex::encode_upper(&spki),
            "3059301306072A8648CE3D020106082A811CCF5501822D0342000409F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13"
        );
        assert_eq!(
            &PublicKey::from_spki_der(&spki).unwrap(),
            annex_a_key().public_key()
        );
        // The RustCrypto encoder agrees.
        let theirs = pkcs8::EncodePublicKey::to_public_key_der(
            &sm2::PublicKey::from_sec1_bytes(&annex_a_key().public_key().to_sec1_bytes()).unwrap(),
        )
        .unwrap();
        assert_eq!(theirs.as_bytes(), spki.as_slice());
    }

    #[test]
    fn pkcs8_and_sec1_round_trip() {
        let key = annex_a_key();
        let der = key.to_pkcs8_der().unwrap();
        assert_eq!(
            PrivateKey::from_pkcs8_der(&der).unwrap().to_bytes(),
            key.to_bytes()
        );
        // RustCrypto reads ours.
        let theirs = <sm2::SecretKey as pkcs8::DecodePrivateKey>::from_pkcs8_der(&der).unwrap();
        assert_eq!(theirs.to_bytes().as_slice(), key.to_bytes().as_slice());
        let sec1 = key.to_sec1_pem().unwrap();
        assert_eq!(
            PrivateKey::from_sec1_pem(&sec1).unwrap().to_bytes(),
            key.to_bytes()
        );
        assert!(PrivateKey::from_pkcs8_pem(&sec1).is_err());
        assert!(PrivateKey::load(sec1.as_bytes(), None).is_ok());
        assert!(PrivateKey::load(&der, None).is_ok());
    }

    #[test]
    fn mismatched_public_key_is_rejected() {
        let key = annex_a_key();
        let other = PrivateKey::generate(&DeterministicRandom::new(b"other")).unwrap();
        let d = key.to_bytes();
        let wrong_pub = other.public_key().to_sec1_bytes();
        let ec = sec1::EcPrivateKey {
            private_key: d.as_slice(),
            parameters: Some(sec1::EcParameters::NamedCurve(oid::SM2_CURVE)),
            public_key: Some(&wrong_pub),
        }
        .to_der()
        .unwrap();
        let err = PrivateKey::from_sec1_der(&ec).unwrap_err();
        assert!(
            matches!(err, crate::Error::Crypto(CryptoError::KeyMismatch)),
            "{err}"
        );
    }

    #[test]
    fn encrypted_round_trip_and_errors() {
        let key = annex_a_key();
        let rng = DeterministicRandom::new(b"enc");
        let params = Pbes2Params { iterations: 2048 };
        let der = key
            .to_encrypted_pkcs8_der(b"secret", &params, &rng)
            .unwrap();
        assert_eq!(
            PrivateKey::from_encrypted_pkcs8_der(&der, b"secret")
                .unwrap()
                .to_bytes(),
            key.to_bytes()
        );
        for wrong in [&b"Secret"[..], b"", b"secret "] {
            let err = PrivateKey::from_encrypted_pkcs8_der(&der, wrong).unwrap_err();
            assert!(
                matches!(
                    err,
                    crate::Error::Crypto(CryptoError::WrongPasswordOrCorrupt)
                ),
                "{err}"
            );
        }
        let mut corrupt = der.clone();
        let last = corrupt.len() - 1;
        corrupt[last] ^= 0x55;
        assert!(PrivateKey::from_encrypted_pkcs8_der(&corrupt, b"secret").is_err());
        assert!(PrivateKey::from_encrypted_pkcs8_der(&der[..der.len() - 3], b"secret").is_err());
    }
}
