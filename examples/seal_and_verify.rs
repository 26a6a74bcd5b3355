//! Issue a business license, seal it and verify it, from code: what
//! `gmseal demo` does on the command line.
//!
//! ```sh
//! cargo run --example seal_and_verify -- sealed.pdf
//! ```
//!
//! 1. a small SM2 PKI: root CA, issuing CA, seal maker (制章者), signer (签章者);
//! 2. the seal (GB/T 38540 `SESeal`) with its round red picture;
//! 3. the license PDF/A-3b from `examples/data/business-license.json`;
//! 4. sealed at the template's seal position: CMS SignedData with SM2/SM3
//!    carrying the seal, certifying the document (DocMDP `/P 1`);
//! 5. verified against the root: indication, signer, seal, metadata.

#![allow(clippy::print_stdout)] // an example prints its results

use gmseal::Timestamp;
use gmseal::crypto::{PrivateKey, SystemRandom};
use gmseal::license::{IssueOptions, Metadata, Template, issue};
use gmseal::pdf::sign::{DocMdp, PdfSigner, Placement};
use gmseal::pdf::verify::{PdfIndication, PdfVerifyOptions, verify_pdf};
use gmseal::pki::{CertificateParams, DistinguishedName, Profile, TrustStore};
use gmseal::seal::image::{SealImageParams, render_png};
use gmseal::seal::{Picture, SealBuilder, SignerList};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sealed-license.pdf".into());
    let rng = SystemRandom;
    let now = Timestamp::parse("2026-01-05T01:00:00Z")?;
    let dn = DistinguishedName::parse;

    // 1. The PKI.
    let root_key = PrivateKey::generate(&rng)?;
    let root = CertificateParams::new(Profile::Root, dn("CN=示例根CA,C=CN")?, now, 3650)
        .self_signed(&root_key, &rng)?;
    let ca_key = PrivateKey::generate(&rng)?;
    let ca = CertificateParams::new(
        Profile::IntermediateCa { path_len: Some(0) },
        dn("CN=示例签发CA,C=CN")?,
        now,
        1825,
    )
    .signed_by(ca_key.public_key(), &root, &root_key, &rng)?;
    let maker_key = PrivateKey::generate(&rng)?;
    let maker = CertificateParams::new(Profile::SealMaker, dn("CN=示例制章中心,C=CN")?, now, 730)
        .signed_by(maker_key.public_key(), &ca, &ca_key, &rng)?;
    let signer_key = PrivateKey::generate(&rng)?;
    let signer = CertificateParams::new(
        Profile::DocumentSigner,
        dn("CN=杭州市西湖区市场监督管理局,C=CN")?,
        now,
        365,
    )
    .signed_by(signer_key.public_key(), &ca, &ca_key, &rng)?;

    // 2. The seal, listing the signer.
    let image = SealImageParams::round("杭州市西湖区市场监督管理局", "登记专用章");
    let seal = SealBuilder::new(
        "330106000001",
        "杭州市西湖区市场监督管理局登记专用章",
        1,
        SignerList::Certificates(vec![signer.clone()]),
        Picture {
            kind: "PNG".into(),
            data: render_png(&image)?,
            width_mm: 42,
            height_mm: 42,
        },
        now,
        365,
    )
    .sign(&maker, &maker_key)?;

    // 3. The license.
    let metadata: Metadata = serde_json::from_str(include_str!("data/business-license.json"))?;
    let template = Template::business_license();
    let issued = issue(
        &template,
        &metadata,
        &IssueOptions::new(now.plus_seconds(3600)),
    )?;
    let position = issued.seal.ok_or("the template has no seal position")?;

    // 4. Sealed and certified.
    let sealed = PdfSigner::new(&seal, &signer, &signer_key)?
        .chain(&ca)
        .certify(DocMdp::NoChanges)
        .reason("核发电子证照")
        .sign(
            &issued.pdf,
            &Placement::from_seal_position(&position),
            now.plus_seconds(7200),
        )?;
    std::fs::write(&out, &sealed)?;

    // 5. Verified.
    let report = verify_pdf(
        &sealed,
        &PdfVerifyOptions::with_trust(TrustStore::new(vec![root])),
    );
    println!("{out}: {} bytes, {}", sealed.len(), report.indication);
    for s in &report.signatures {
        let seal = s.seal.as_ref().map(|r| r.name.as_str()).unwrap_or("-");
        let signer = s.signer.as_ref().map(|r| r.subject.as_str()).unwrap_or("-");
        println!(
            "  {} ({}): {} by {signer}, seal {seal}",
            s.field, s.sub_filter, s.indication
        );
    }
    if let Some(m) = &report.metadata {
        for c in &m.checks {
            println!("  {}: {}", c.id, c.message);
        }
    }
    if report.indication != PdfIndication::Valid {
        return Err(format!("unexpected result:\n{}", report.to_json()).into());
    }
    Ok(())
}
