//! Benchmark of PDF sealing and verification of an issued business license
//! (~45 KB), with the numbers each group must reach on one core of the project
//! machine (`taskset -c 1 cargo bench --bench pdf`; all cores:
//! `cargo bench --bench pdf`):
//!
//! | benchmark | target |
//! |---|---|
//! | `pdf_seal/cms_certify` (parse, incremental update with the seal's picture, SM3 over the ByteRange, one SM2 signature, CMS `SignedData` with the chain, `/P 1` certification) | >= 1,000 documents/s (<= 1 ms) |
//! | `pdf_seal/ses` (the same with a GB/T 38540 `SES_Signature` in `/Contents`) | >= 1,000 documents/s (<= 1 ms) |
//! | `pdf_verify/cms_warm` (the `cms_certify` output: structure, ByteRange, SM3, SM2, DocMDP, metadata; chain and seal from a shared [`VerifyCache`]) | >= 1,800 documents/s (<= 556 µs) |
//! | `pdf_verify/ses` (the `ses` output, shared cache) | >= 1,800 documents/s (<= 556 µs) |
//! | `pdf_verify/cms_cold` (as `cms_warm`, no cache: every chain and seal verified again) | reported, no target |
//! | `pdf_verify/two_signatures` (certified `/P 2`, then sealed again invisibly; shared cache) | reported, no target |
//!
//! Verifying a 1 GiB sealed PDF must peak below 64 MB of resident memory; it
//! is measured outside criterion:
//!
//! ```sh
//! cargo run --release --example large_pdf -- /tmp/large 1024
//! /usr/bin/time -v target/release/gmseal verify /tmp/large/sealed.pdf --trust /tmp/large/root.pem
//! ```
//!
//! A benchmark, not a test: nothing fails when a target is missed.
//!
//! [`VerifyCache`]: gmseal::pdf::verify::VerifyCache

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gmseal::pdf::sign::{DocMdp, Flavour, PdfSigner, Placement};
use gmseal::pdf::verify::{PdfIndication, PdfVerifyOptions, verify_pdf};
use gmseal::pki::TrustStore;
use std::hint::black_box;

fn pdf(c: &mut Criterion) {
    let f = gmseal::seal::__doc::fixture().unwrap();
    let seal = gmseal::seal::__doc::seal(&f).unwrap();
    let unsigned = gmseal::pdf::sign::__doc::unsigned_pdf().unwrap();
    let visible = Placement::rect(1, 150.0, 120.0, 42.0, 42.0);
    let time = f.now.plus_seconds(3600);

    let cms = PdfSigner::new(&seal, &f.signer, &f.signer_key)
        .unwrap()
        .chain(&f.root)
        .certify(DocMdp::NoChanges);
    let ses = PdfSigner::new(&seal, &f.signer, &f.signer_key)
        .unwrap()
        .chain(&f.root)
        .certify(DocMdp::NoChanges)
        .flavour(Flavour::Ses);
    let cms_sealed = cms.sign(&unsigned, &visible, time).unwrap();
    let ses_sealed = ses.sign(&unsigned, &visible, time).unwrap();

    // Certified allowing further signatures, then sealed again invisibly.
    let certified = PdfSigner::new(&seal, &f.signer, &f.signer_key)
        .unwrap()
        .chain(&f.root)
        .certify(DocMdp::FormFilling)
        .sign(&unsigned, &visible, time)
        .unwrap();
    let two = PdfSigner::new(&seal, &f.signer, &f.signer_key)
        .unwrap()
        .chain(&f.root)
        .sign(
            &certified,
            &Placement::Invisible { page: 1 },
            f.now.plus_seconds(7200),
        )
        .unwrap();
    eprintln!(
        "unsigned: {} bytes, cms: {} bytes, ses: {} bytes, two signatures: {} bytes",
        unsigned.len(),
        cms_sealed.len(),
        ses_sealed.len(),
        two.len()
    );

    let warm = PdfVerifyOptions::with_trust(TrustStore::new(vec![f.root.clone()]));
    let mut cold = warm.clone();
    cold.cache = None;
    for (name, document, options) in [
        ("cms_warm", &cms_sealed, &warm),
        ("cms_cold", &cms_sealed, &cold),
        ("ses", &ses_sealed, &warm),
    ] {
        let report = verify_pdf(document, options);
        assert_eq!(
            report.indication,
            PdfIndication::Valid,
            "{name}: {}",
            report.to_json()
        );
    }
    let report = verify_pdf(&two, &warm);
    assert_eq!(report.signatures.len(), 2, "{}", report.to_json());
    assert!(
        matches!(
            report.indication,
            PdfIndication::Valid | PdfIndication::ValidWithPermittedChanges
        ),
        "{}",
        report.to_json()
    );

    let mut g = c.benchmark_group("pdf_seal");
    g.throughput(Throughput::Elements(1));
    for (name, signer) in [("cms_certify", &cms), ("ses", &ses)] {
        g.bench_function(name, |b| {
            b.iter(|| signer.sign(black_box(&unsigned), &visible, time).unwrap())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("pdf_verify");
    g.throughput(Throughput::Elements(1));
    for (name, document, options) in [
        ("cms_warm", &cms_sealed, &warm),
        ("cms_cold", &cms_sealed, &cold),
        ("ses", &ses_sealed, &warm),
        ("two_signatures", &two, &warm),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| verify_pdf(black_box(document), options))
        });
    }
    g.finish();
}

criterion_group!(benches, pdf);
criterion_main!(benches);
