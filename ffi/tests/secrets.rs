//! Secrets do not outlive their use on the heap: a private key and a password
//! go through every path that reads, converts, encrypts, decrypts and exports
//! them (the library's and the C ABI's), and no heap block freed meanwhile may
//! still hold the private scalar (big- or little-endian), the unencrypted
//! PKCS#8 PEM text of the key, or the password.
//!
//! The test installs a global allocator that scans each block as it is freed.
//! Reallocation is done as allocate + copy + free (the `GlobalAlloc` default),
//! so a secret buffer that grows without wiping its old copy is caught as
//! well, whatever the system allocator would have done. Stack copies and
//! registers are out of reach of this test. It lives in `ffi/` because the
//! allocator needs `unsafe`, which the rest of the workspace forbids.

#![allow(clippy::unwrap_used, clippy::panic, clippy::print_stdout)]

use gmseal::crypto::{Pbes2Params, PrivateKey, Signer as _, SystemRandom};
use gmseal_ffi::{
    gmseal_bytes, gmseal_bytes_free, gmseal_key, gmseal_key_export, gmseal_key_free,
    gmseal_key_load, gmseal_key_sign_digest, gmseal_result,
};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The private scalar used throughout (big-endian), below the SM2 order.
const SECRET: [u8; 32] = [
    0x3A, 0x5C, 0x11, 0xE7, 0x90, 0x42, 0x6B, 0xD8, 0x07, 0xF3, 0x2E, 0x94, 0xC1, 0x58, 0xAB, 0x6D,
    0x19, 0x82, 0x4F, 0xE0, 0x33, 0xBD, 0x76, 0x0A, 0xC9, 0x25, 0x8E, 0x51, 0xF6, 0x1B, 0x64, 0xD7,
];
/// The password used throughout (never a heap value in this test).
const PASSWORD: &[u8] = b"gmseal-secrets-\xE5\x8F\xA3\xE4\xBB\xA4-test";

/// Longest pattern the allocator looks for (a PEM body line is 64 bytes).
const MAX_PATTERN: usize = 64;
/// Most patterns.
const MAX_PATTERNS: usize = 8;

/// Patterns are written before scanning starts and only read while it runs.
struct Patterns {
    len: [AtomicUsize; MAX_PATTERNS],
    bytes: [[std::sync::atomic::AtomicU8; MAX_PATTERN]; MAX_PATTERNS],
    hits: [AtomicUsize; MAX_PATTERNS],
    count: AtomicUsize,
}

#[allow(clippy::declare_interior_mutable_const)]
const ZERO: AtomicUsize = AtomicUsize::new(0);
#[allow(clippy::declare_interior_mutable_const)]
const ZERO_U8: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);
#[allow(clippy::declare_interior_mutable_const)]
const ZERO_LINE: [std::sync::atomic::AtomicU8; MAX_PATTERN] = [ZERO_U8; MAX_PATTERN];

static PATTERNS: Patterns = Patterns {
    len: [ZERO; MAX_PATTERNS],
    bytes: [ZERO_LINE; MAX_PATTERNS],
    hits: [ZERO; MAX_PATTERNS],
    count: ZERO,
};
static SCANNING: AtomicBool = AtomicBool::new(false);
/// One test at a time: the allocator is global.
static SERIAL: Mutex<()> = Mutex::new(());

struct Scanner;

impl Scanner {
    fn scan(block: &[u8]) {
        for p in 0..PATTERNS.count.load(Ordering::Relaxed) {
            let len = PATTERNS.len[p].load(Ordering::Relaxed);
            if len == 0 || block.len() < len {
                continue;
            }
            let first = PATTERNS.bytes[p][0].load(Ordering::Relaxed);
            let found = block.windows(len).any(|w| {
                w[0] == first
                    && w.iter()
                        .enumerate()
                        .all(|(i, &b)| b == PATTERNS.bytes[p][i].load(Ordering::Relaxed))
            });
            if found {
                PATTERNS.hits[p].fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

// SAFETY: every call is forwarded to `System` with the same arguments; `dealloc`
// only reads the block it is about to free, which is valid for `layout.size()`
// bytes until then.
unsafe impl GlobalAlloc for Scanner {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if SCANNING.load(Ordering::Relaxed) && layout.size() > 0 {
            // SAFETY: `ptr` is a live block of `layout.size()` bytes (the
            // caller's contract) and nothing else writes it while it is freed.
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            Self::scan(block);
        }
        // SAFETY: forwarded unchanged.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Scanner = Scanner;

/// Watch for `patterns` in freed blocks while `f` runs; returns the hit count
/// per pattern.
fn watch(patterns: &[(&str, &[u8])], f: impl FnOnce()) -> Vec<(String, usize)> {
    assert!(patterns.len() <= MAX_PATTERNS);
    for (i, (_, p)) in patterns.iter().enumerate() {
        assert!(p.len() <= MAX_PATTERN && !p.is_empty());
        for (j, &b) in p.iter().enumerate() {
            PATTERNS.bytes[i][j].store(b, Ordering::Relaxed);
        }
        PATTERNS.len[i].store(p.len(), Ordering::Relaxed);
        PATTERNS.hits[i].store(0, Ordering::Relaxed);
    }
    PATTERNS.count.store(patterns.len(), Ordering::SeqCst);
    SCANNING.store(true, Ordering::SeqCst);
    f();
    SCANNING.store(false, Ordering::SeqCst);
    patterns
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (name.to_string(), PATTERNS.hits[i].load(Ordering::Relaxed)))
        .collect()
}

/// The byte patterns that betray the key or the password: the scalar in both
/// byte orders, the body lines of its unencrypted PKCS#8 PEM that carry it, and
/// the password.
fn secret_patterns(key: &PrivateKey) -> Vec<(String, Vec<u8>)> {
    let mut little = SECRET;
    little.reverse();
    let mut out = vec![
        ("scalar (big-endian)".to_string(), SECRET.to_vec()),
        ("scalar (little-endian)".to_string(), little.to_vec()),
        ("password".to_string(), PASSWORD.to_vec()),
    ];
    let pem = key.to_pkcs8_pem().unwrap();
    for (i, line) in pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .take(2)
        .enumerate()
    {
        out.push((
            format!("PKCS#8 PEM body line {}", i + 1),
            line.as_bytes().to_vec(),
        ));
    }
    out
}

fn check(hits: &[(String, usize)]) {
    println!("{hits:?}");
    let leaked: Vec<_> = hits.iter().filter(|(_, n)| *n > 0).collect();
    assert!(
        leaked.is_empty(),
        "freed heap blocks still held a secret: {leaked:?}"
    );
}

fn run(body: impl FnOnce(&PrivateKey)) {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let key = PrivateKey::from_bytes(&SECRET).unwrap();
    let patterns = secret_patterns(&key);
    let refs: Vec<(&str, &[u8])> = patterns
        .iter()
        .map(|(n, p)| (n.as_str(), p.as_slice()))
        .collect();
    let hits = watch(&refs, || {
        body(&key);
        drop(key);
    });
    check(&hits);
}

/// The scanner finds a secret left in a freed block: without this, every
/// other test here could pass by not scanning at all.
#[test]
fn the_scanner_sees_a_leak() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let hits = watch(&[("scalar", &SECRET)], || {
        let mut v = Vec::with_capacity(64);
        v.extend_from_slice(b"prefix");
        v.extend_from_slice(&SECRET);
        drop(std::hint::black_box(v));
    });
    assert_eq!(hits[0].1, 1, "{hits:?}");
}

#[test]
fn key_conversions_wipe_what_they_free() {
    run(|key| {
        let der = key.to_pkcs8_der().unwrap();
        let pem = key.to_pkcs8_pem().unwrap();
        let sec1 = key.to_sec1_der().unwrap();
        let sec1_pem = key.to_sec1_pem().unwrap();
        let bytes = key.to_bytes();
        for reread in [
            PrivateKey::from_pkcs8_der(&der).unwrap(),
            PrivateKey::from_pkcs8_pem(&pem).unwrap(),
            PrivateKey::from_sec1_der(&sec1).unwrap(),
            PrivateKey::from_sec1_pem(&sec1_pem).unwrap(),
            PrivateKey::load(pem.as_bytes(), None).unwrap(),
            PrivateKey::load(&der, None).unwrap(),
            PrivateKey::from_bytes(&bytes).unwrap(),
        ] {
            assert_eq!(reread.public_key(), key.public_key());
            reread.sign(b"gmseal").unwrap();
        }
    });
}

#[test]
fn encrypting_and_decrypting_wipe_the_key_and_the_password() {
    run(|key| {
        let params = Pbes2Params { iterations: 1000 };
        let pem = key
            .to_encrypted_pkcs8_pem(PASSWORD, &params, &SystemRandom)
            .unwrap();
        let der = key
            .to_encrypted_pkcs8_der(PASSWORD, &params, &SystemRandom)
            .unwrap();
        let a = PrivateKey::from_encrypted_pkcs8_pem(&pem, PASSWORD).unwrap();
        let b = PrivateKey::load(&der, Some(PASSWORD)).unwrap();
        assert_eq!(a.public_key(), b.public_key());
        assert!(PrivateKey::load(pem.as_bytes(), Some(b"wrong")).is_err());
        let debug = format!("{key:?} {a:?}");
        assert!(!debug.contains(&gmseal_hex(&SECRET)));
    });
}

#[test]
fn the_c_abi_wipes_keys_it_loads_exports_and_frees() {
    run(|key| {
        let params = Pbes2Params { iterations: 1000 };
        let encrypted = key
            .to_encrypted_pkcs8_pem(PASSWORD, &params, &SystemRandom)
            .unwrap();
        let mut handle: *mut gmseal_key = std::ptr::null_mut();
        let r = gmseal_key_load(
            encrypted.as_ptr(),
            encrypted.len(),
            PASSWORD.as_ptr(),
            PASSWORD.len(),
            &mut handle,
        );
        assert_eq!(r, gmseal_result::GMSEAL_OK);
        let mut pem = gmseal_bytes {
            data: std::ptr::null_mut(),
            len: 0,
        };
        let r = gmseal_key_export(handle, std::ptr::null(), 0, &mut pem);
        assert_eq!(r, gmseal_result::GMSEAL_OK);
        gmseal_bytes_free(&mut pem);
        let mut reencrypted = gmseal_bytes {
            data: std::ptr::null_mut(),
            len: 0,
        };
        let r = gmseal_key_export(handle, PASSWORD.as_ptr(), PASSWORD.len(), &mut reencrypted);
        assert_eq!(r, gmseal_result::GMSEAL_OK);
        gmseal_bytes_free(&mut reencrypted);
        let mut signature = gmseal_bytes {
            data: std::ptr::null_mut(),
            len: 0,
        };
        let r = gmseal_key_sign_digest(handle, [7u8; 32].as_ptr(), &mut signature);
        assert_eq!(r, gmseal_result::GMSEAL_OK);
        gmseal_bytes_free(&mut signature);
        gmseal_key_free(handle);
    });
}

fn gmseal_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
