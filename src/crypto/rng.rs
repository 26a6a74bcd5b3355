//! Randomness, injected: [`SecureRandom`] with the operating system's generator
//! ([`SystemRandom`]) and a seeded one for reproducible fixtures
//! ([`DeterministicRandom`]).

use crate::crypto::hash::Sm3;
use crate::error::{CryptoError, Result};
use std::sync::Mutex;
use zeroize::Zeroizing;

/// A cryptographically secure random number generator.
///
/// gmseal never reads randomness behind the caller's back: key generation,
/// serial numbers and salts take a `&dyn SecureRandom`.
pub trait SecureRandom: Send + Sync {
    /// Fill `dest` with random bytes.
    ///
    /// # Errors
    /// When the generator cannot produce randomness.
    fn fill(&self, dest: &mut [u8]) -> Result<()>;
}

/// The operating system's generator (`getrandom`): the one to use in production.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemRandom;

impl SecureRandom for SystemRandom {
    fn fill(&self, dest: &mut [u8]) -> Result<()> {
        getrandom::fill(dest).map_err(|e| CryptoError::Random(e.to_string()).into())
    }
}

/// A generator that yields the same bytes for the same seed: SM3 in counter
/// mode, `block_i = SM3(seed || i)` with `i` a 64-bit big-endian counter.
///
/// **Only for test vectors and reproducible fixtures.** Anyone who knows the
/// seed knows every key made from it; never use it for real keys.
///
/// ```
/// use gmseal::crypto::{DeterministicRandom, SecureRandom};
/// let (a, b) = (DeterministicRandom::new(b"seed"), DeterministicRandom::new(b"seed"));
/// let (mut x, mut y) = ([0u8; 40], [0u8; 40]);
/// a.fill(&mut x)?;
/// b.fill(&mut y)?;
/// assert_eq!(x, y);
/// # Ok::<(), gmseal::Error>(())
/// ```
pub struct DeterministicRandom {
    seed: Zeroizing<Vec<u8>>,
    state: Mutex<Stream>,
}

#[derive(Default)]
struct Stream {
    counter: u64,
    buffer: [u8; 32],
    used: usize,
}

impl DeterministicRandom {
    /// A generator for `seed`.
    pub fn new(seed: &[u8]) -> Self {
        Self {
            seed: Zeroizing::new(seed.to_vec()),
            state: Mutex::new(Stream {
                used: 32,
                ..Stream::default()
            }),
        }
    }
}

impl core::fmt::Debug for DeterministicRandom {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("DeterministicRandom { .. }")
    }
}

impl SecureRandom for DeterministicRandom {
    fn fill(&self, dest: &mut [u8]) -> Result<()> {
        // A poisoned lock only means another thread panicked mid-fill; the
        // stream state is still a valid counter, so keep going.
        let mut st = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for byte in dest.iter_mut() {
            if st.used == st.buffer.len() {
                let mut h = Sm3::new();
                h.update(&self.seed);
                h.update(&st.counter.to_be_bytes());
                st.buffer = h.finalize();
                st.counter += 1;
                st.used = 0;
            }
            *byte = st.buffer[st.used];
            st.used += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_stream_is_split_invariant() {
        let a = DeterministicRandom::new(b"x");
        let mut whole = [0u8; 70];
        a.fill(&mut whole).unwrap();
        let b = DeterministicRandom::new(b"x");
        let (mut p1, mut p2) = ([0u8; 33], [0u8; 37]);
        b.fill(&mut p1).unwrap();
        b.fill(&mut p2).unwrap();
        assert_eq!(&whole[..33], &p1);
        assert_eq!(&whole[33..], &p2);
        assert_ne!(whole[..32], whole[32..64]);
    }

    #[test]
    fn system_random_fills() {
        let mut a = [0u8; 32];
        SystemRandom.fill(&mut a).unwrap();
        assert_ne!(a, [0u8; 32]);
    }
}
