//! Benchmark of e-license issuance, with the number it must reach on one core
//! of the project machine (`taskset -c 1 cargo bench --bench license`):
//!
//! | benchmark | target |
//! |---|---|
//! | `license/issue_business_license` (metadata to PDF/A-3b bytes: validation, layout, font subset, QR code, XMP, embedded JSON and XML; the bundled font already loaded) | >= 600 documents/s (<= 1.67 ms) |
//! | `license/issue_qualification` (the same with a photo) | reported, no target |
//!
//! A benchmark, not a test: nothing fails when a target is missed.

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gmseal::Timestamp;
use gmseal::license::{IssueOptions, Metadata, Template, issue};
use std::hint::black_box;

fn example(name: &str) -> Metadata {
    let path = format!("{}/examples/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn license(c: &mut Criterion) {
    let options = IssueOptions::new(Timestamp::parse("2026-01-05T02:00:00Z").unwrap());
    let mut group = c.benchmark_group("license");
    group.throughput(Throughput::Elements(1));
    for (name, template) in [
        ("business_license", Template::business_license()),
        ("qualification", Template::qualification()),
    ] {
        let metadata = example(&name.replace('_', "-"));
        let size = issue(&template, &metadata, &options).unwrap().pdf.len();
        eprintln!("{name}: {size} bytes");
        group.bench_function(format!("issue_{name}"), |b| {
            b.iter(|| issue(black_box(&template), black_box(&metadata), &options).unwrap());
        });
    }
    group.finish();
}

criterion_group!(benches, license);
criterion_main!(benches);
