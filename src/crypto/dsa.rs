//! The SM2 digital signature algorithm (GB/T 32918.2-2016 §6 and §7), composed
//! from the audited field, scalar and point arithmetic of the `sm2` crate.
//!
//! ```text
//! ZA = SM3(ENTLA || IDA || a || b || xG || yG || xA || yA)      (§5.5)
//! e  = SM3(ZA || M)
//! Sign:   (x1, y1) = [k]G;  r = (e + x1) mod n;  reject r = 0 or r + k = n
//!         s = ((1 + dA)^-1 * (k - r*dA)) mod n;  reject s = 0
//! Verify: r, s in [1, n-1];  t = (r + s) mod n, t != 0
//!         (x1', y1') = [s]G + [t]PA;  accept iff r = (e + x1') mod n
//! ```
//!
//! What gmseal adds to the crate's own signing and verification, for speed only
//! (each result is checked against the crate in the tests):
//! - `(1 + dA)^-1` is computed once per key, not once per signature, and `s` is
//!   computed as `(1 + dA)^-1 * (k + r) - r`, which equals the formula above;
//! - verification runs in variable time (every input of verification is public):
//!   for a key seen for the first time, `[s]G + [t]PA` is one joint wNAF pass
//!   (width 6, the multiples of G computed once per process); once a key has
//!   verified more than one signature it gets a fixed-base table ([`KeyTable`]),
//!   and `[s]G` and `[t]PA` then use the crate's base-point table and that table,
//!   with no doublings at all;
//! - the point is computed once and then compared against each accepted user-ID
//!   variant (given ID, empty ID, no ZA), so trying variants costs one hash each.
//!
//! The nonce `k` is derived deterministically per RFC 6979 with HMAC-SM3, exactly
//! as `sm2::dsa::SigningKey` does, so gmseal's signatures are byte-identical to
//! the crate's.

use crate::crypto::hash::Sm3;
use crate::crypto::signature::Signature;
use crate::error::{CryptoError, Result};
use primeorder::{LookupTable, Radix16Decomposition, Radix16Digits};
use sm2::elliptic_curve::{
    Curve as _, Group as _, PrimeField as _,
    ops::{MulByGeneratorVartime as _, Reduce as _},
    point::AffineCoordinates as _,
};
use sm2::{FieldBytes, ProjectivePoint, Scalar, Sm2, U256};
use zeroize::Zeroizing;

/// The SM2 curve coefficients and base point, big-endian (GB/T 32918.5-2017 §2),
/// as they enter ZA.
const CURVE_A: [u8; 32] = hex32("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC");
const CURVE_B: [u8; 32] = hex32("28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93");
const BASE_X: [u8; 32] = hex32("32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7");
const BASE_Y: [u8; 32] = hex32("BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0");

const fn hex32(s: &str) -> [u8; 32] {
    let b = s.as_bytes();
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        out[i] = (nibble(b[2 * i]) << 4) | nibble(b[2 * i + 1]);
        i += 1;
    }
    out
}

const fn nibble(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'A'..=b'F' => c - b'A' + 10,
        _ => c - b'a' + 10,
    }
}

/// Longest user ID: ENTLA is the ID length in **bits** as a 16-bit integer.
pub(crate) const MAX_USER_ID_LEN: usize = 8191;

/// ZA for a public key `(x, y)` and a user ID (GB/T 32918.2-2016 §5.5).
pub(crate) fn za(x: &[u8; 32], y: &[u8; 32], user_id: &[u8]) -> Result<[u8; 32]> {
    let too_long = || CryptoError::UserIdTooLong(user_id.len());
    if user_id.len() > MAX_USER_ID_LEN {
        return Err(too_long().into());
    }
    let entl = u16::try_from(user_id.len() * 8).map_err(|_| too_long())?;
    let mut h = Sm3::new();
    h.update(&entl.to_be_bytes());
    h.update(user_id);
    for part in [&CURVE_A, &CURVE_B, &BASE_X, &BASE_Y, x, y] {
        h.update(part);
    }
    Ok(h.finalize())
}

/// `e = SM3(prefix || part_0 || part_1 || ...)`; `prefix` is ZA or empty (no-ZA variant).
pub(crate) fn digest(prefix: Option<&[u8; 32]>, parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sm3::new();
    if let Some(p) = prefix {
        h.update(p);
    }
    for part in parts {
        h.update(part);
    }
    h.finalize()
}

fn reduce(bytes: &[u8; 32]) -> Scalar {
    Scalar::reduce(&FieldBytes::from(*bytes))
}

/// A private scalar `dA` with `(1 + dA)^-1` precomputed; zeroized on drop.
pub(crate) struct SecretScalar {
    d: Scalar,
    d_plus_1_inv: Scalar,
}

impl Drop for SecretScalar {
    fn drop(&mut self) {
        use zeroize::Zeroize as _;
        self.d.zeroize();
        self.d_plus_1_inv.zeroize();
    }
}

impl SecretScalar {
    /// Accepts `dA` in `[1, n-2]` (GB/T 32918.1-2016 §6.1: `dA = n-1` has no `(1+dA)^-1`).
    pub(crate) fn new(bytes: &[u8; 32]) -> Result<Self> {
        let d = Option::<Scalar>::from(Scalar::from_repr(FieldBytes::from(*bytes))).ok_or(
            CryptoError::InvalidPrivateKey("the scalar is not below the group order n"),
        )?;
        if bool::from(d.is_zero()) {
            return Err(CryptoError::InvalidPrivateKey("the scalar is zero").into());
        }
        let d_plus_1_inv = Option::<Scalar>::from((d + Scalar::ONE).invert()).ok_or(
            CryptoError::InvalidPrivateKey("the scalar is n-1, which SM2 forbids"),
        )?;
        Ok(Self { d, d_plus_1_inv })
    }

    pub(crate) fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.d.to_repr().into())
    }

    /// The public point `[dA]G`, uncompressed coordinates.
    pub(crate) fn public_point(&self) -> ([u8; 32], [u8; 32]) {
        let p = ProjectivePoint::mul_by_generator(&self.d).to_affine();
        let encoded = sm2::elliptic_curve::sec1::ToSec1Point::to_sec1_point(&p, false);
        let mut x = [0u8; 32];
        let mut y = [0u8; 32];
        // An uncompressed SEC1 point of a non-identity point is 04 || X || Y;
        // dA != 0 mod n, so [dA]G is never the identity.
        let bytes = encoded.as_bytes();
        if bytes.len() == 65 {
            x.copy_from_slice(&bytes[1..33]);
            y.copy_from_slice(&bytes[33..]);
        }
        (x, y)
    }

    /// Sign the digest `e` with a nonce from RFC 6979 (HMAC-SM3).
    pub(crate) fn sign_digest(&self, e: &[u8; 32]) -> Result<Signature> {
        let e = reduce(e);
        let x = Zeroizing::new(self.d.to_repr());
        let mut kgen =
            rfc6979::KGenerator::<::sm3::Sm3, U256>::new(&x, &e.to_repr(), &[], &Sm2::ORDER);
        // Each candidate fails with probability about 2^-254; a handful of
        // attempts is only ever needed for deliberately crafted inputs.
        for _ in 0..16 {
            let mut k_bytes = Zeroizing::new(FieldBytes::default());
            kgen.fill_next_k(&mut k_bytes);
            // RFC 6979 yields k in [1, n-1], so from_repr succeeds.
            let Some(mut k) = Option::<Scalar>::from(Scalar::from_repr(*k_bytes)) else {
                continue;
            };
            let sig = self.sign_with_k(&e, &k);
            zeroize::Zeroize::zeroize(&mut k);
            if let Some(sig) = sig {
                return Ok(sig);
            }
        }
        Err(CryptoError::InvalidParameter("no valid SM2 nonce after 16 attempts".into()).into())
    }

    /// Steps A4–A7 for a given nonce `k`; `None` when `k` must be rejected.
    pub(crate) fn sign_with_k(&self, e: &Scalar, k: &Scalar) -> Option<Signature> {
        let x1 = ProjectivePoint::mul_by_generator(k).to_affine().x();
        let r = *e + Scalar::reduce(&x1);
        if bool::from(r.is_zero() | (r + k).is_zero()) {
            return None;
        }
        // s = (1 + d)^-1 * (k - r*d) = (1 + d)^-1 * (k + r) - r
        let s = self.d_plus_1_inv * (*k + r) - r;
        if bool::from(s.is_zero()) {
            return None;
        }
        Signature::from_scalars(r.to_repr().into(), s.to_repr().into()).ok()
    }
}

/// A fixed-base table for one public key: `[j * 16^(2i)]P` for `j` in 1..=8 and
/// `i` in 0..33, the same layout as the crate's base-point table (about 25 KiB).
pub(crate) struct KeyTable(Box<[LookupTable<ProjectivePoint>; 33]>);

impl KeyTable {
    pub(crate) fn new(point: &ProjectivePoint) -> Self {
        let mut base = *point;
        Self(Box::new(core::array::from_fn(|_| {
            let table = LookupTable::new(base);
            for _ in 0..8 {
                base = base.double();
            }
            table
        })))
    }

    /// `[k]P` in variable time (for verification, where `k` is public).
    pub(crate) fn mul_vartime(&self, k: &Scalar) -> ProjectivePoint {
        let digits = Radix16Decomposition::<Radix16Digits<Sm2>>::new(k);
        let len = 32;
        let mut even = self.0[len].select_vartime(digits[len * 2]);
        let mut odd = ProjectivePoint::IDENTITY;
        for i in (0..len).rev() {
            odd += &self.0[i].select_vartime(digits[i * 2 + 1]);
            even += &self.0[i].select_vartime(digits[i * 2]);
        }
        for _ in 0..4 {
            odd = odd.double();
        }
        even + odd
    }
}

/// Window width of the joint wNAF used when a key has no table (measured best of 5, 6, 7).
type JointWindow = sm2::elliptic_curve::consts::U6;
type JointBase = wnaf::WnafBase<ProjectivePoint, JointWindow>;
type JointScalar = wnaf::WnafScalar<Scalar, JointWindow>;

/// The wNAF multiples of the base point G, computed once.
static GENERATOR_WNAF: std::sync::LazyLock<JointBase> =
    std::sync::LazyLock::new(|| JointBase::new(&ProjectivePoint::GENERATOR));

/// A parsed public point, ready for verification.
pub(crate) struct VerifyPoint<'a> {
    pub(crate) point: &'a ProjectivePoint,
    pub(crate) table: Option<&'a KeyTable>,
}

/// Steps B1–B6: `x1' mod n` for the signature, or `None` when the signature
/// cannot be valid for any message.
pub(crate) fn recover_x1(key: &VerifyPoint<'_>, sig: &Signature) -> Option<Scalar> {
    // B1, B2: 1 <= r, s <= n-1 is guaranteed by `Signature`'s constructors.
    let r = Option::<Scalar>::from(Scalar::from_repr(FieldBytes::from(*sig.r())))?;
    let s = Option::<Scalar>::from(Scalar::from_repr(FieldBytes::from(*sig.s())))?;
    // B5
    let t = r + s;
    if bool::from(t.is_zero()) {
        return None;
    }
    // B6
    let point = match key.table {
        Some(table) => ProjectivePoint::mul_by_generator_vartime(&s) + table.mul_vartime(&t),
        None => {
            // One joint wNAF pass: the 256 doublings are shared by both terms.
            let p = JointBase::new(key.point);
            JointBase::multiscalar_mul(
                [
                    (&*GENERATOR_WNAF, &JointScalar::new(&s)),
                    (&p, &JointScalar::new(&t)),
                ]
                .into_iter(),
            )
        }
    };
    if bool::from(point.is_identity()) {
        return None;
    }
    Some(Scalar::reduce(&point.to_affine().x()))
}

/// Step B7: `r == (e + x1') mod n`.
pub(crate) fn check_r(sig: &Signature, e: &[u8; 32], x1: &Scalar) -> bool {
    let r = reduce(e) + x1;
    r.to_repr().as_slice() == sig.r().as_slice()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::rng::{SecureRandom as _, SystemRandom};

    fn random_scalar() -> Scalar {
        let mut bytes = [0u8; 32];
        SystemRandom.fill(&mut bytes).unwrap();
        reduce(&bytes)
    }

    /// GB/T 32918.5-2017 Annex A (= GM/T 0003.5-2012 Annex A).
    #[test]
    fn annex_a_known_answer() {
        let d = hex32("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8");
        let key = SecretScalar::new(&d).unwrap();
        let (x, y) = key.public_point();
        assert_eq!(
            x,
            hex32("09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020")
        );
        assert_eq!(
            y,
            hex32("CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13")
        );
        let za = za(&x, &y, b"1234567812345678").unwrap();
        assert_eq!(
            za,
            hex32("B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3")
        );
        let e = digest(Some(&za), &[b"message digest"]);
        assert_eq!(
            e,
            hex32("F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640")
        );
        let k = reduce(&hex32(
            "59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21",
        ));
        let sig = key.sign_with_k(&reduce(&e), &k).unwrap();
        assert_eq!(
            *sig.r(),
            hex32("F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3")
        );
        assert_eq!(
            *sig.s(),
            hex32("B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA")
        );
    }

    /// gmseal's signatures equal `sm2::dsa::SigningKey`'s (same RFC 6979 nonce),
    /// and each side verifies the other's.
    #[test]
    fn matches_the_sm2_crate() {
        use signature::{Signer as _, Verifier as _};
        for i in 0..24u8 {
            let sk = sm2::SecretKey::from_bytes(&random_scalar().to_repr()).unwrap();
            let crate_key = sm2::dsa::SigningKey::new("1234567812345678", &sk).unwrap();
            let ours = SecretScalar::new(&sk.to_bytes().into()).unwrap();
            let (x, y) = ours.public_point();
            let msg = [i; 40];
            let e = digest(Some(&za(&x, &y, b"1234567812345678").unwrap()), &[&msg]);
            let theirs: sm2::dsa::Signature = crate_key.sign(&msg);
            let mine = ours.sign_digest(&e).unwrap();
            assert_eq!(mine.to_raw().as_slice(), theirs.to_bytes().as_slice());

            let pk = ProjectivePoint::from(*sk.public_key().as_affine());
            let table = KeyTable::new(&pk);
            for t in [None, Some(&table)] {
                let x1 = recover_x1(
                    &VerifyPoint {
                        point: &pk,
                        table: t,
                    },
                    &mine,
                )
                .unwrap();
                assert!(check_r(&mine, &e, &x1));
                let mut other = e;
                other[0] ^= 1;
                assert!(!check_r(&mine, &other, &x1));
            }
            crate_key.verifying_key().verify(&msg, &theirs).unwrap();
        }
    }

    #[test]
    fn key_table_matches_plain_multiplication() {
        let p = ProjectivePoint::mul_by_generator(&random_scalar());
        let table = KeyTable::new(&p);
        for _ in 0..32 {
            let k = random_scalar();
            assert_eq!(table.mul_vartime(&k).to_affine(), (p * k).to_affine());
        }
        for k in [Scalar::ZERO, Scalar::ONE, -Scalar::ONE] {
            assert_eq!(table.mul_vartime(&k).to_affine(), (p * k).to_affine());
        }
    }

    #[test]
    fn rejects_out_of_range_private_keys() {
        assert!(SecretScalar::new(&[0u8; 32]).is_err());
        let n = crate::crypto::signature::ORDER_N;
        assert!(SecretScalar::new(&n).is_err());
        let mut n_minus_1 = n;
        n_minus_1[31] -= 1;
        assert!(SecretScalar::new(&n_minus_1).is_err());
        let mut n_minus_2 = n;
        n_minus_2[31] -= 2;
        assert!(SecretScalar::new(&n_minus_2).is_ok());
    }
}
