//! Verification state shared by every copy of an SM2 public key in the process:
//! how often it verified, and its fixed-base table once it earned one.
//!
//! Certificates and seals are parsed afresh for every document, so without
//! sharing a busy key (a CA, a seal maker) would never reach its table. The
//! registry remembers up to [`MAX_REMEMBERED_KEYS`] keys; when it is full it
//! forgets the ones no live `PublicKey` uses, and if all are in use, new keys
//! simply go unremembered. Only public data is kept.

use crate::crypto::dsa::KeyTable;
use sm2::ProjectivePoint;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, LazyLock, Mutex, OnceLock, PoisonError};

/// Most keys the registry remembers (at most 256 × 25 KiB of tables).
pub(crate) const MAX_REMEMBERED_KEYS: usize = 256;

/// Verifications a key makes before it gets its table: building the table costs
/// about as much as 1.3 first-use verifications and saves about half of one
/// each time after, so it pays for itself from the fourth verification on.
const TABLE_AFTER: u32 = 2;

#[derive(Default)]
pub(crate) struct KeyState {
    table: OnceLock<KeyTable>,
    verifications: AtomicU32,
}

impl KeyState {
    /// The table, building it now when `force` or when the key has verified often enough.
    pub(crate) fn table(&self, point: &ProjectivePoint, force: bool) -> Option<&KeyTable> {
        if let Some(t) = self.table.get() {
            return Some(t);
        }
        if force || self.verifications.fetch_add(1, Ordering::Relaxed) >= TABLE_AFTER {
            return Some(self.table.get_or_init(|| KeyTable::new(point)));
        }
        None
    }

    #[cfg(test)]
    pub(crate) fn has_table(&self) -> bool {
        self.table.get().is_some()
    }
}

static REGISTRY: LazyLock<Mutex<HashMap<[u8; 64], Arc<KeyState>>>> = LazyLock::new(Mutex::default);

/// The shared state of the key `(x, y)`.
pub(crate) fn state_for(x: &[u8; 32], y: &[u8; 32]) -> Arc<KeyState> {
    let mut id = [0u8; 64];
    id[..32].copy_from_slice(x);
    id[32..].copy_from_slice(y);
    // A poisoned lock only means a panic elsewhere while holding it; the map is
    // still consistent (every operation on it is a single insert or retain).
    let mut map = REGISTRY.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(state) = map.get(&id) {
        return Arc::clone(state);
    }
    if map.len() >= MAX_REMEMBERED_KEYS {
        map.retain(|_, state| Arc::strong_count(state) > 1);
    }
    let state = Arc::new(KeyState::default());
    if map.len() < MAX_REMEMBERED_KEYS {
        map.insert(id, Arc::clone(&state));
    }
    state
}

#[cfg(test)]
pub(crate) fn remembered() -> usize {
    REGISTRY
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{DeterministicRandom, PrivateKey};

    #[test]
    fn the_registry_stays_bounded() {
        let rng = DeterministicRandom::new(b"registry bound");
        let keys: Vec<PrivateKey> = (0..MAX_REMEMBERED_KEYS + 40)
            .map(|_| PrivateKey::generate(&rng).unwrap())
            .collect();
        assert!(remembered() <= MAX_REMEMBERED_KEYS);
        drop(keys);
        // Unused entries are forgotten when room is needed.
        let _more: Vec<PrivateKey> = (0..10)
            .map(|_| PrivateKey::generate(&rng).unwrap())
            .collect();
        assert!(remembered() <= MAX_REMEMBERED_KEYS);
    }
}
