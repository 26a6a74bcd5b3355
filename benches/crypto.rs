//! Benchmarks of the crypto core, with the numbers they must reach on one core
//! of the project machine (2 vCPU VM; run `taskset -c 1 cargo bench --bench crypto`):
//!
//! | benchmark | target |
//! |---|---|
//! | `sm2/sign` (32-byte message, ZA + RFC 6979 + `[k]G`) | >= 10,000 signatures/s (<= 100 µs) |
//! | `sm2/verify_repeated_key` (a CA or seal-maker key) | >= 7,000 verifications/s (<= 143 µs) |
//! | `sm2/verify_first_use` (a key never seen before) | reported, no target |
//! | `sm3/1MiB` | >= 400 MB/s (<= 2.62 ms) |
//! | `key/load_encrypted_pkcs8` (65,536 PBKDF2-HMAC-SM3 iterations) | reported, no target |
//!
//! The `baseline/*` rows run the RustCrypto `sm2` crate as-is on the same
//! inputs, so the effect of gmseal's precomputation is visible side by side.
//! These are benchmarks, not tests: nothing here fails when a target is missed.

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gmseal::crypto::{DeterministicRandom, Pbes2Params, PrivateKey, Signer, VerifyOptions, sm3};
use std::hint::black_box;

fn sm2(c: &mut Criterion) {
    let key = PrivateKey::generate(&DeterministicRandom::new(b"bench")).unwrap();
    let msg = [0x5Au8; 32];
    let sig = key.sign(&msg).unwrap().to_der();
    let options = VerifyOptions::default();
    let public = key.public_key().clone();
    public.precompute();

    let mut g = c.benchmark_group("sm2");
    g.bench_function("sign", |b| b.iter(|| key.sign(black_box(&msg)).unwrap()));
    g.bench_function("verify_repeated_key", |b| {
        b.iter(|| {
            public
                .verify(black_box(&msg), black_box(&sig), &options)
                .unwrap()
        })
    });
    // A key never seen before (no table): a fresh key and signature per iteration,
    // made outside the timed part.
    let fresh = DeterministicRandom::new(b"bench fresh keys");
    g.bench_function("verify_first_use", |b| {
        b.iter_batched(
            || {
                let k = PrivateKey::generate(&fresh).unwrap();
                let s = k.sign(&msg).unwrap().to_der();
                (k, s)
            },
            |(k, s)| {
                k.public_key()
                    .verify(black_box(&msg), black_box(&s), &options)
                    .unwrap()
            },
            criterion::BatchSize::SmallInput,
        )
    });
    g.finish();

    // The RustCrypto crate as-is, for comparison.
    use signature::{Signer as _, Verifier as _};
    let crate_key =
        sm2::dsa::SigningKey::from_bytes("1234567812345678", &(*key.to_bytes()).into()).unwrap();
    let crate_sig: sm2::dsa::Signature = crate_key.sign(&msg);
    let mut g = c.benchmark_group("baseline");
    g.bench_function("sm2_crate_sign", |b| {
        b.iter(|| -> sm2::dsa::Signature { crate_key.sign(black_box(&msg)) })
    });
    g.bench_function("sm2_crate_verify", |b| {
        b.iter(|| {
            crate_key
                .verifying_key()
                .verify(black_box(&msg), black_box(&crate_sig))
                .unwrap()
        })
    });
    g.finish();
}

fn hashing(c: &mut Criterion) {
    let data = vec![0xA5u8; 1 << 20];
    let mut g = c.benchmark_group("sm3");
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.bench_function("1MiB", |b| b.iter(|| sm3(black_box(&data))));
    g.finish();
}

fn key_files(c: &mut Criterion) {
    let rng = DeterministicRandom::new(b"bench keys");
    let key = PrivateKey::generate(&rng).unwrap();
    let encrypted = key
        .to_encrypted_pkcs8_der(b"correct horse", &Pbes2Params::default(), &rng)
        .unwrap();
    let mut g = c.benchmark_group("key");
    g.sample_size(20);
    g.bench_function("load_encrypted_pkcs8", |b| {
        b.iter(|| {
            PrivateKey::from_encrypted_pkcs8_der(black_box(&encrypted), b"correct horse").unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, sm2, hashing, key_files);
criterion_main!(benches);
