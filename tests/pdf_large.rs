//! Verifying a large PDF without holding it in memory (`verify_file`): the
//! data of large streams is left out of the parsed skeleton and hashed from
//! the file, so a change inside a left-out stream is still found, and a later
//! revision that swaps a large stream for another is still a modification.

#![allow(clippy::unwrap_used, clippy::panic)]

use gmseal::pdf::parse::{Document, Limits, Skeleton};
use gmseal::pdf::sign::{DocMdp, PdfSigner, Placement};
use gmseal::pdf::verify::{
    PdfIndication, PdfVerifyOptions, STREAMING_THRESHOLD, verify_file, verify_pdf,
};
use gmseal::pki::TrustStore;
use gmseal::seal::__doc::{fixture, seal};

#[test]
fn large_files_verify_in_streaming_mode_and_tampering_is_found() {
    let f = fixture().unwrap();
    let seal = seal(&f).unwrap();
    let mut unsigned = Vec::new();
    let mb = usize::try_from(STREAMING_THRESHOLD >> 20).unwrap() + 8;
    gmseal::pdf::sign::__doc::write_large_pdf(&mut unsigned, mb).unwrap();
    let sealed = PdfSigner::new(&seal, &f.signer, &f.signer_key)
        .unwrap()
        .certify(DocMdp::NoChanges)
        .sign(
            &unsigned,
            &Placement::rect(1, 20.0, 20.0, 42.0, 42.0),
            f.now,
        )
        .unwrap();
    let options = PdfVerifyOptions::with_trust(TrustStore::new(vec![f.root]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.pdf");
    std::fs::write(&path, &sealed).unwrap();

    // The skeleton leaves the image out and parses like the file.
    let skeleton =
        Skeleton::read(sealed.as_slice(), sealed.len(), 1 << 20, &Limits::default()).unwrap();
    assert_eq!(skeleton.holes().len(), 1);
    assert!(skeleton.holes()[0].range.len() > 32 << 20);
    let doc = Document::parse_skeleton(&skeleton, &Limits::default()).unwrap();
    assert_eq!(doc.revisions().len(), 2);

    let streamed = verify_file(&path, &options).unwrap();
    let in_memory = verify_pdf(&sealed, &options);
    assert_eq!(
        streamed.indication,
        PdfIndication::Valid,
        "{}",
        streamed.to_json()
    );
    assert_eq!(streamed.to_json(), in_memory.to_json());

    // One byte of the image (inside the hole) changed: the hash is from the file.
    let hole = skeleton.holes()[0].range.clone();
    let mut tampered = sealed.clone();
    tampered[hole.start + hole.len() / 2] ^= 1;
    std::fs::write(&path, &tampered).unwrap();
    let r = verify_file(&path, &options).unwrap();
    assert_eq!(r.indication, PdfIndication::Invalid);
    assert_eq!(r.reason, Some("cms.digest-mismatch"));

    // A later revision replacing the image by another of the same size, and
    // one writing the same image again.
    let image_header_end = hole.start;
    let image_start = sealed[..image_header_end]
        .windows(8)
        .rposition(|w| w == b"4 0 obj\n")
        .unwrap();
    let image_end = hole.end + b"\nendstream".len();
    for (what, flip, expected) in [
        ("another image", true, PdfIndication::Modified),
        (
            "the same image",
            false,
            PdfIndication::ValidWithPermittedChanges,
        ),
    ] {
        let mut body = sealed[image_start + 8..image_end].to_vec();
        if flip {
            let n = body.len() - 20;
            body[n] ^= 1;
        }
        let doc = Document::parse(&sealed, &Limits::default()).unwrap();
        let last = doc.revisions().last().unwrap().xref_offset();
        let size = doc.trailer().get_int(b"Size").unwrap().unwrap();
        let mut updated = sealed.clone();
        let at = updated.len();
        updated.extend_from_slice(b"4 0 obj\n");
        updated.extend_from_slice(&body);
        updated.extend_from_slice(b"\nendobj\n");
        let xref = updated.len();
        updated.extend_from_slice(
            format!(
                "xref\n4 1\n{at:010} 00000 n\r\ntrailer\n<< /Size {size} /Root 1 0 R /Prev {last} >>\nstartxref\n{xref}\n%%EOF\n"
            )
            .as_bytes(),
        );
        std::fs::write(&path, &updated).unwrap();
        let r = verify_file(&path, &options).unwrap();
        assert_eq!(r.indication, expected, "{what}: {}", r.to_json());
        assert_eq!(
            verify_pdf(&updated, &options).indication,
            expected,
            "{what}"
        );
    }
}
