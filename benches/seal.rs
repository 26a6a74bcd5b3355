//! Benchmark of seal signature verification, with the number it must reach on
//! one core of the project machine (`taskset -c 1 cargo bench --bench seal`):
//!
//! | benchmark | target |
//! |---|---|
//! | `seal/parse_and_verify_signature` (parse an `SES_Signature`, verify the signer's and the maker's SM2 signatures, the seal, the data hash; no chain) | >= 3,000/s (<= 333 µs) |
//! | `seal/parse_signature` | reported, no target |
//!
//! A benchmark, not a test: nothing fails when a target is missed.

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use gmseal::seal::{Indication, Original, SealVerifyOptions, SesSignature, verify_signature};
use std::hint::black_box;

fn seal(c: &mut Criterion) {
    let f = gmseal::seal::__doc::fixture().unwrap();
    let seal = gmseal::seal::__doc::seal(&f).unwrap();
    let document = vec![0x42u8; 4096];
    let der = gmseal::seal::__doc::signature(&f, &seal, &document)
        .unwrap()
        .der()
        .to_vec();
    let options = SealVerifyOptions::default();
    let check = verify_signature(
        &SesSignature::from_der(&der).unwrap(),
        Original::Data(&document),
        &options,
    );
    // Without trust anchors the chain is not checked: indeterminate, every signature passed.
    assert_eq!(check.indication, Indication::Indeterminate);

    let mut g = c.benchmark_group("seal");
    g.bench_function("parse_signature", |b| {
        b.iter(|| SesSignature::from_der(black_box(&der)).unwrap())
    });
    g.bench_function("parse_and_verify_signature", |b| {
        b.iter(|| {
            let signature = SesSignature::from_der(black_box(&der)).unwrap();
            verify_signature(&signature, Original::Data(&document), &options)
        })
    });
    g.finish();
}

criterion_group!(benches, seal);
criterion_main!(benches);
