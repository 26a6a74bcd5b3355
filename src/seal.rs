//! Electronic seals (电子印章) and seal signatures (电子签章) in the GB/T 38540-2020
//! format (v4), with read support for GM/T 0031-2014 (v1) and GM/T 0031-2025 (v5),
//! and the seal images.
//!
//! ```text
//!  seal maker (制章者)                       signer (签章者)
//!  SealBuilder ──sign──▶ SesSeal (.esl) ──▶ SignatureBuilder ──sign──▶ SesSignature
//!                           │                                           │
//!                      verify_seal                               verify_signature
//!                           ▼                                           ▼
//!                      SealReport                                SignatureReport
//! ```
//!
//! ```
//! use gmseal::crypto::{PrivateKey, SystemRandom};
//! use gmseal::pki::{CertificateParams, DistinguishedName, Profile, TrustStore};
//! use gmseal::seal::{verify_signature, Indication, Original, Picture, SealBuilder, SealVerifyOptions, SignatureBuilder, SignerList};
//! use gmseal::Timestamp;
//!
//! let (rng, now) = (SystemRandom, Timestamp::parse("2026-05-01T09:00:00+08:00")?);
//! let dn = |s| DistinguishedName::parse(s);
//! let root_key = PrivateKey::generate(&rng)?;
//! let root = CertificateParams::new(Profile::Root, dn("CN=电子印章根CA,C=CN")?, now, 3650).self_signed(&root_key, &rng)?;
//! let (maker_key, signer_key) = (PrivateKey::generate(&rng)?, PrivateKey::generate(&rng)?);
//! let maker = CertificateParams::new(Profile::SealMaker, dn("CN=某某市公安局制章中心,C=CN")?, now, 1000)
//!     .signed_by(maker_key.public_key(), &root, &root_key, &rng)?;
//! let signer = CertificateParams::new(Profile::DocumentSigner, dn("CN=某某有限公司,C=CN")?, now, 365)
//!     .signed_by(signer_key.public_key(), &root, &root_key, &rng)?;
//!
//! // The maker makes the seal for the signer...
//! let picture = Picture { kind: "PNG".into(), data: b"\x89PNG...".to_vec(), width_mm: 42, height_mm: 42 };
//! let seal = SealBuilder::new("33010200000001", "合同专用章", 4, SignerList::Certificates(vec![signer.clone()]), picture, now, 365)
//!     .sign(&maker, &maker_key)?;
//! // ... who seals a document with it.
//! let document = b"contract text";
//! let signature = SignatureBuilder::new(&seal, document, "contract.txt", now.plus_seconds(60)).sign(&signer, &signer_key)?;
//!
//! let options = SealVerifyOptions::with_trust(TrustStore::new(vec![root]));
//! let report = verify_signature(&signature, Original::Data(document), &options);
//! assert_eq!(report.indication, Indication::Valid);
//! # Ok::<(), gmseal::Error>(())
//! ```

mod asn1;
mod build;
mod describe;
pub mod image;
mod report;
mod verify;

pub use asn1::{
    CertDigest, CertList, ExtData, MAX_SEAL_LEN, SealVersion, SesEsPictureInfo, SesEsPropertyInfo,
    SesHeader, SesSeal, SesSealInfo, SesSignature, TbsSign, TimeInfo,
};
pub use build::{Picture, SealBuilder, SignatureBuilder, SignerList};
pub use describe::{certificate_json, seal_json};
pub(crate) use report::deciding;
pub use report::{Check, CheckStatus, Indication, SealReport, SignatureInfo, SignatureReport};
pub use verify::{Original, SealVerifyOptions, verify_seal, verify_signature};
pub(crate) use verify::{check_chain_window, signer_listed, verify_signature_with};

/// Fixtures for the documentation examples; not part of the API.
#[doc(hidden)]
pub mod __doc {
    use crate::crypto::{DeterministicRandom, PrivateKey};
    use crate::pki::{Certificate, CertificateParams, DistinguishedName, Profile};
    use crate::seal::{Picture, SealBuilder, SesSeal, SesSignature, SignatureBuilder, SignerList};
    use crate::{Result, Timestamp};

    /// A small PKI: root, maker, signer (keys deterministic), at 2026-05-01.
    pub struct Fixture {
        pub now: Timestamp,
        pub root: Certificate,
        pub maker_key: PrivateKey,
        pub maker: Certificate,
        pub signer_key: PrivateKey,
        pub signer: Certificate,
    }

    pub fn fixture() -> Result<Fixture> {
        let rng = DeterministicRandom::new(b"gmseal doc examples");
        let now = Timestamp::parse("2026-05-01T00:00:00Z")?;
        let dn = DistinguishedName::parse;
        let root_key = PrivateKey::generate(&rng)?;
        let root = CertificateParams::new(Profile::Root, dn("CN=Root,C=CN")?, now, 3650)
            .self_signed(&root_key, &rng)?;
        let maker_key = PrivateKey::generate(&rng)?;
        let maker = CertificateParams::new(Profile::SealMaker, dn("CN=Maker,C=CN")?, now, 1000)
            .signed_by(maker_key.public_key(), &root, &root_key, &rng)?;
        let signer_key = PrivateKey::generate(&rng)?;
        let signer =
            CertificateParams::new(Profile::DocumentSigner, dn("CN=Signer,C=CN")?, now, 365)
                .signed_by(signer_key.public_key(), &root, &root_key, &rng)?;
        Ok(Fixture {
            now,
            root,
            maker_key,
            maker,
            signer_key,
            signer,
        })
    }

    pub fn seal(f: &Fixture) -> Result<SesSeal> {
        let image =
            crate::seal::image::SealImageParams::round("测试单位", "测试章").with_dpi(150.0);
        let picture = Picture {
            kind: "PNG".into(),
            data: crate::seal::image::render_png(&image)?,
            width_mm: 42,
            height_mm: 42,
        };
        SealBuilder::new(
            "ES0001",
            "测试章",
            4,
            SignerList::Certificates(vec![f.signer.clone()]),
            picture,
            f.now,
            365,
        )
        .sign(&f.maker, &f.maker_key)
    }

    pub fn signature(f: &Fixture, seal: &SesSeal, document: &[u8]) -> Result<SesSignature> {
        SignatureBuilder::new(seal, document, "document", f.now.plus_seconds(60))
            .sign(&f.signer, &f.signer_key)
    }
}
