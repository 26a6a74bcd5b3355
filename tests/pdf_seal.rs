//! Sealing PDFs and verifying them end to end: both flavours, certification
//! and further signatures, inputs from other producers (LibreOffice, cairo,
//! qpdf's xref streams and object streams, a hybrid file), two-step and
//! external signing, and tampering. The outside judges are qpdf (`--check`,
//! the merged view) and poppler's `pdfsig` (signature fields, ranges,
//! whole-document coverage); Bouncy Castle checks the CMS in
//! `tests/pdf_bouncycastle.rs`.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::cast_possible_truncation,
    clippy::type_complexity
)]

#[path = "support/mod_pdf_tools.rs"]
mod tools;

use gmseal::cms::SignedDataBuilder;
use gmseal::crypto::{PrivateKey, PublicKey, Signature, Signer};
use gmseal::pdf::parse::{Document, Limits, Object, XrefKind};
use gmseal::pdf::sign::{DocMdp, Flavour, PdfSigner, Placement};
use gmseal::pdf::verify::{PdfIndication, PdfVerifyOptions, VerificationReport, verify_pdf};
use gmseal::pki::TrustStore;
use gmseal::seal::__doc::{Fixture, fixture, seal};
use gmseal::seal::{CheckStatus, SesSeal};
use gmseal::{Result, Timestamp};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use tools::{have, run, run_clean};

struct Setup {
    f: Fixture,
    seal: SesSeal,
    license: Vec<u8>,
    time: Timestamp,
}

fn setup() -> Setup {
    let f = fixture().unwrap();
    let seal = seal(&f).unwrap();
    let license = gmseal::pdf::sign::__doc::unsigned_pdf().unwrap();
    let time = f.now.plus_seconds(3600);
    Setup {
        f,
        seal,
        license,
        time,
    }
}

const RECT: Placement = Placement::Rect {
    page: 1,
    x_mm: 150.0,
    y_mm: 120.0,
    width_mm: 42.0,
    height_mm: 42.0,
};

impl Setup {
    fn signer(&self) -> PdfSigner<'_> {
        PdfSigner::new(&self.seal, &self.f.signer, &self.f.signer_key)
            .unwrap()
            .chain(&self.f.root)
    }

    /// The license sealed at `RECT` and certified with `p`.
    fn certified_visible(&self, p: DocMdp) -> Vec<u8> {
        self.signer()
            .certify(p)
            .sign(&self.license, &RECT, self.time)
            .unwrap()
    }

    fn options(&self) -> PdfVerifyOptions {
        PdfVerifyOptions::with_trust(TrustStore::new(vec![self.f.root.clone()]))
    }

    fn verify(&self, pdf: &[u8]) -> VerificationReport {
        verify_pdf(pdf, &self.options())
    }
}

fn explain(r: &VerificationReport) -> String {
    r.to_json()
}

fn assert_indication(r: &VerificationReport, expected: PdfIndication) {
    assert_eq!(r.indication, expected, "{}", explain(r));
}

/// The file's last revision uses the same xref flavour as the one before.
fn same_xref_flavour(pdf: &[u8]) -> (XrefKind, XrefKind) {
    let doc = Document::parse(pdf, &Limits::default()).unwrap();
    let revs = doc.revisions();
    let n = revs.len();
    (revs[n - 2].kind(), revs[n - 1].kind())
}

/// `pdfsig` output, checked for the signature count and the last one's coverage.
fn pdfsig(dir: &Path, file: &str, signatures: usize) -> String {
    let out = run("pdfsig", dir, &[file]).text();
    for i in 1..=signatures {
        assert!(out.contains(&format!("Signature #{i}:")), "{out}");
    }
    assert!(
        !out.contains(&format!("Signature #{}:", signatures + 1)),
        "{out}"
    );
    let last = out.rsplit("Signature #").next().unwrap();
    assert!(last.contains("Total document signed"), "{out}");
    out
}

/// `qpdf --check` must be clean and `pdfsig` must list `signatures`
/// signatures, the last covering the whole file (unless `signatures` is 0:
/// then pdfsig is not asked); returns pdfsig's output (empty when poppler is
/// missing).
fn outside_checks(pdf: &[u8], signatures: usize) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file.pdf"), pdf).unwrap();
    if have("qpdf", "qpdf") {
        run_clean("qpdf", dir.path(), &["--check", "file.pdf"]);
    }
    if signatures > 0 && have("pdfsig", "poppler-utils") {
        pdfsig(dir.path(), "file.pdf", signatures)
    } else {
        String::new()
    }
}

#[test]
fn both_flavours_seal_and_verify_with_qpdf_and_pdfsig_agreeing() {
    let s = setup();
    let dir = tempfile::tempdir().unwrap();
    for flavour in [Flavour::CmsPkcs7, Flavour::CmsCades, Flavour::Ses] {
        let sealed = s
            .signer()
            .flavour(flavour)
            .certify(DocMdp::NoChanges)
            .reason("核发电子证照")
            .location("杭州")
            .sign(&s.license, &RECT, s.time)
            .unwrap();
        assert!(sealed.starts_with(&s.license), "an incremental update");
        let r = s.verify(&sealed);
        assert_indication(&r, PdfIndication::Valid);
        let sig = &r.signatures[0];
        assert_eq!(sig.sub_filter, flavour.sub_filter());
        assert_eq!(
            sig.flavour,
            if flavour == Flavour::Ses {
                "ses"
            } else {
                "cms"
            }
        );
        assert!(sig.covers_whole_file);
        assert_eq!(sig.revision, Some(1));
        assert_eq!(sig.certification, Some(1));
        assert_eq!(sig.reason_text.as_deref(), Some("核发电子证照"));
        assert_eq!(sig.signer.as_ref().unwrap().subject, "CN=Signer,C=CN");
        assert_eq!(sig.signing_time, Some(s.time));
        let seal = sig.seal.as_ref().unwrap();
        assert_eq!(seal.name, "测试章");
        // The metadata of the signed revision: JSON, XML and XMP agree.
        let m = r.metadata.as_ref().unwrap();
        assert!(
            m.checks.iter().all(|c| c.status == CheckStatus::Passed),
            "{}",
            explain(&r)
        );
        assert_eq!(m.metadata.as_ref().unwrap()["certificateName"], "营业执照");
        // Padding is small: the /Contents was sized to the signature.
        let gap = sig.byte_range.unwrap()[2] - sig.byte_range.unwrap()[1];
        let contents = sig.checks.iter().find(|c| c.id == "pdf.contents").unwrap();
        println!("{flavour:?}: gap {gap} bytes; {}", contents.message);
        assert!(contents.message.contains("bytes of zero padding"));
        let padding: u64 = contents
            .message
            .split(", ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(padding <= 2, "{}", contents.message);

        let name = format!("{flavour:?}.pdf");
        std::fs::write(dir.path().join(&name), &sealed).unwrap();
        if have("qpdf", "qpdf") {
            run_clean("qpdf", dir.path(), &["--check", &name]);
        }
        if have("pdfsig", "poppler-utils") {
            let out = pdfsig(dir.path(), &name, 1);
            assert!(out.contains("Signature Field Name: Seal1"), "{out}");
        }
    }
}

#[test]
fn the_seal_can_be_drawn_as_vectors() {
    use gmseal::pdf::sign::Appearance;
    use gmseal::seal::image::{SealImageParams, render_paths};
    let s = setup();
    let drawing = render_paths(&SealImageParams::round("测试单位", "测试章")).unwrap();
    let sealed = s
        .signer()
        .appearance(Appearance::Drawing(drawing))
        .unwrap()
        .sign(&s.license, &RECT, s.time)
        .unwrap();
    let with_picture = s.signer().sign(&s.license, &RECT, s.time).unwrap();
    assert!(
        sealed.len() < with_picture.len(),
        "vectors are smaller than the picture"
    );
    assert_indication(&s.verify(&sealed), PdfIndication::Valid);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vector.pdf"), &sealed).unwrap();
    if have("pdftoppm", "poppler-utils") {
        // The seal's red ink is on the page at the rectangle.
        run_clean(
            "pdftoppm",
            dir.path(),
            &["-r", "30", "-png", "vector.pdf", "page"],
        );
        let png = std::fs::read(dir.path().join("page-1.png")).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        let channels = info.line_size / info.width as usize;
        let red = buf
            .chunks(channels)
            .filter(|p| p[0] > 180 && p[1] < 80 && p[2] < 80)
            .count();
        assert!(red > 100, "{red} red pixels");
    }
}

#[test]
fn a_certified_document_takes_further_invisible_signatures_at_p2_only() {
    let s = setup();
    let p2 = s
        .signer()
        .certify(DocMdp::FormFilling)
        .sign(&s.license, &RECT, s.time)
        .unwrap();
    let second = s
        .signer()
        .flavour(Flavour::Ses)
        .sign(&p2, &Placement::Invisible { page: 1 }, s.time)
        .unwrap();
    let third = s
        .signer()
        .sign(&second, &Placement::Invisible { page: 1 }, s.time)
        .unwrap();
    let r = s.verify(&third);
    assert_indication(&r, PdfIndication::ValidWithPermittedChanges);
    assert_eq!(r.signatures.len(), 3);
    assert_eq!(
        r.signatures[0].indication,
        PdfIndication::ValidWithPermittedChanges
    );
    assert_eq!(
        r.signatures[1].indication,
        PdfIndication::ValidWithPermittedChanges
    );
    assert_eq!(r.signatures[2].indication, PdfIndication::Valid);
    assert!(r.signatures[0].later_changes.iter().all(|c| c.permitted));
    let names: Vec<_> = r.signatures.iter().map(|s| s.field.as_str()).collect();
    assert_eq!(names, ["Seal1", "Seal2", "Seal3"]);

    // P=1 takes nothing; P=2 takes no new visible seal; one certification only.
    let p1 = s
        .signer()
        .certify(DocMdp::NoChanges)
        .sign(&s.license, &RECT, s.time)
        .unwrap();
    let e = s
        .signer()
        .sign(&p1, &Placement::Invisible { page: 1 }, s.time)
        .unwrap_err();
    assert!(e.to_string().contains("/P 1"), "{e}");
    let e = s.signer().sign(&p2, &RECT, s.time).unwrap_err();
    assert!(e.to_string().contains("invisible"), "{e}");
    let approval = s.signer().sign(&s.license, &RECT, s.time).unwrap();
    let e = s
        .signer()
        .certify(DocMdp::NoChanges)
        .sign(&approval, &Placement::Invisible { page: 1 }, s.time)
        .unwrap_err();
    assert!(e.to_string().contains("first signature"), "{e}");

    let out = outside_checks(&third, 3);
    if !out.is_empty() {
        assert_eq!(out.matches("Not total document signed").count(), 2, "{out}");
    }
}

/// A one-page hybrid file: a classic table whose trailer's `/XRefStm` points
/// to an xref stream listing the page, which sits in an object stream.
fn hybrid_pdf() -> Vec<u8> {
    let mut out = b"%PDF-1.5\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut at = Vec::new();
    let mut add = |out: &mut Vec<u8>, num: u32, body: &[u8]| {
        at.push(out.len());
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    add(&mut out, 1, b"<< /Type /Catalog /Pages 2 0 R >>");
    add(
        &mut out,
        2,
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 /MediaBox [0 0 595 842] >>",
    );
    let page = b"<< /Type /Page /Parent 2 0 R /Resources << >> >>";
    let mut objstm = format!(
        "<< /Type /ObjStm /N 1 /First 4 /Length {} >>\nstream\n4 0 ",
        page.len() + 4
    )
    .into_bytes();
    objstm.extend_from_slice(page);
    objstm.extend_from_slice(b"\nendstream");
    add(&mut out, 3, &objstm);
    let xref_stm = out.len();
    add(&mut out, 5, b"<< /Type /XRef /Size 6 /W [1 2 1] /Index [4 1] /Length 4 >>\nstream\n\x02\x00\x03\x00\nendstream");
    // The table lists 1-3 and the xref stream 5; only the stream lists 4.
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 4\n0000000000 65535 f \n");
    for o in &at[..3] {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("5 1\n{:010} 00000 n \n", at[3]).as_bytes());
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size 6 /Root 1 0 R /XRefStm {xref_stm} >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    out
}

#[test]
fn inputs_from_other_producers_keep_their_xref_flavour_and_verify() {
    let s = setup();
    let dir = tempfile::tempdir().unwrap();
    let vectors = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pdf/producers");
    let mut inputs: Vec<(String, Vec<u8>)> =
        ["libreoffice-writer.pdf", "cairo-business-license.pdf"]
            .iter()
            .map(|n| (n.to_string(), std::fs::read(vectors.join(n)).unwrap()))
            .collect();
    inputs.push(("hybrid.pdf".into(), hybrid_pdf()));
    inputs.push(("license.pdf".into(), s.license.clone()));
    if have("qpdf", "qpdf") {
        std::fs::write(dir.path().join("license.pdf"), &s.license).unwrap();
        std::fs::copy(
            vectors.join("libreoffice-writer.pdf"),
            dir.path().join("lo.pdf"),
        )
        .unwrap();
        // PDFBox/Acrobat style: xref streams and object streams.
        run_clean(
            "qpdf",
            dir.path(),
            &["--object-streams=generate", "license.pdf", "objstm.pdf"],
        );
        run_clean(
            "qpdf",
            dir.path(),
            &["--object-streams=generate", "lo.pdf", "lo-objstm.pdf"],
        );
        for n in ["objstm.pdf", "lo-objstm.pdf"] {
            inputs.push((n.into(), std::fs::read(dir.path().join(n)).unwrap()));
        }
    }
    for (name, input) in &inputs {
        let input_kind = {
            let doc = Document::parse(input, &Limits::default()).unwrap();
            doc.revisions().last().unwrap().kind()
        };
        let once = s
            .signer()
            .certify(DocMdp::FormFilling)
            .sign(input, &RECT, s.time)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let twice = s
            .signer()
            .flavour(Flavour::Ses)
            .sign(&once, &Placement::Invisible { page: 1 }, s.time)
            .unwrap();
        let (before, after) = same_xref_flavour(&once);
        let expected = if input_kind == XrefKind::Stream {
            XrefKind::Stream
        } else {
            XrefKind::Table
        };
        assert_eq!(
            after, expected,
            "{name}: the update keeps the flavour ({before:?} input)"
        );
        let r = s.verify(&twice);
        // Only our license carries e-license metadata.
        let expected = PdfIndication::ValidWithPermittedChanges;
        assert_indication(&r, expected);
        assert_eq!(r.signatures.len(), 2, "{name}");
        assert_eq!(
            r.metadata.is_some(),
            name == "license.pdf" || name == "objstm.pdf",
            "{name}"
        );
        let out = format!("sealed-{name}");
        std::fs::write(dir.path().join(&out), &twice).unwrap();
        if have("qpdf", "qpdf") {
            run_clean("qpdf", dir.path(), &["--check", &out]);
        }
        if have("pdfsig", "poppler-utils") {
            pdfsig(dir.path(), &out, 2);
        }
        println!(
            "{name}: {} -> {} bytes, {} revisions",
            input.len(),
            twice.len(),
            r.revisions
        );
    }
}

/// An HSM stand-in: signs with a key it holds, counting the calls.
struct CountingHsm<'k> {
    key: &'k PrivateKey,
    calls: AtomicUsize,
}

impl Signer for CountingHsm<'_> {
    fn public_key(&self) -> &PublicKey {
        self.key.public_key()
    }
    fn sign_digest(&self, e: &[u8; 32]) -> Result<Signature> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.key.sign_digest(e)
    }
}

#[test]
fn external_signers_and_two_step_signing() {
    let s = setup();
    let hsm = CountingHsm {
        key: &s.f.signer_key,
        calls: AtomicUsize::new(0),
    };
    let sealed = PdfSigner::new(&s.seal, &s.f.signer, &hsm)
        .unwrap()
        .sign(&s.license, &RECT, s.time)
        .unwrap();
    assert_eq!(
        hsm.calls.load(Ordering::SeqCst),
        1,
        "one SM2 signature per document"
    );
    assert_indication(&s.verify(&sealed), PdfIndication::Valid);
    // Only a signer the seal lists may use it, and only while the seal is valid.
    let e = PdfSigner::new(&s.seal, &s.f.maker, &s.f.maker_key)
        .unwrap()
        .sign(&s.license, &RECT, s.time)
        .unwrap_err();
    assert_eq!(e.code(), "seal.signer-not-in-list");
    let late = s.f.now.plus_days(400);
    let e = s.signer().sign(&s.license, &RECT, late).unwrap_err();
    assert_eq!(e.code(), "seal.not-valid-at-signing-time");

    // Two steps: prepare, let a remote service build the CMS over the digest, embed.
    let prepared = s.signer().prepare(&s.license, &RECT, s.time).unwrap();
    let digest = prepared.digest();
    let cms = SignedDataBuilder::new(&s.f.signer, &s.f.signer_key)
        .signed_attribute(gmseal::oid::GMSEAL_SES_SEAL, s.seal.der().to_vec())
        .signing_time(s.time)
        .sign_digest(&digest)
        .unwrap();
    assert!(cms.len() <= prepared.capacity());
    let too_big = vec![0x30; prepared.capacity() + 1];
    assert!(prepared.clone().embed(&too_big).is_err());
    let sealed = prepared.embed(&cms).unwrap();
    assert_indication(&s.verify(&sealed), PdfIndication::Valid);
}

#[test]
fn trust_is_required_for_valid_and_the_cache_is_shared() {
    let s = setup();
    let sealed = s.signer().sign(&s.license, &RECT, s.time).unwrap();
    let r = verify_pdf(&sealed, &PdfVerifyOptions::default());
    assert_indication(&r, PdfIndication::Indeterminate);
    assert_eq!(r.reason, Some("chain.not-checked"));
    let untrusted = gmseal::pki::CertificateParams::new(
        gmseal::pki::Profile::Root,
        gmseal::pki::DistinguishedName::parse("CN=Other Root,C=CN").unwrap(),
        s.f.now,
        3650,
    )
    .self_signed(&s.f.maker_key, &gmseal::crypto::SystemRandom)
    .unwrap();
    let r = verify_pdf(
        &sealed,
        &PdfVerifyOptions::with_trust(TrustStore::new(vec![untrusted.clone()])),
    );
    assert_indication(&r, PdfIndication::Indeterminate);
    assert_eq!(r.reason, Some("chain.untrusted"));

    let options = s.options();
    let another = s
        .signer()
        .sign(&s.license, &Placement::Invisible { page: 1 }, s.time)
        .unwrap();
    for pdf in [&sealed, &another, &sealed] {
        assert_indication(&verify_pdf(pdf, &options), PdfIndication::Valid);
    }
    assert_eq!(
        options.cache.as_ref().unwrap().len(),
        (1, 1),
        "one chain and one seal cached"
    );

    // The same cache under another trust store: nothing cached under the
    // first may answer for the second.
    let mut foreign = PdfVerifyOptions::with_trust(TrustStore::new(vec![untrusted]));
    foreign.cache = options.cache.clone();
    let r = verify_pdf(&sealed, &foreign);
    assert_indication(&r, PdfIndication::Indeterminate);
    assert_eq!(r.reason, Some("chain.untrusted"));
    assert_eq!(
        options.cache.as_ref().unwrap().len().1,
        2,
        "one seal report per context"
    );

    // A bounded cache stays bounded; a cached seal report is re-dated.
    let mut small = s.options();
    small.cache = Some(std::sync::Arc::new(
        gmseal::pdf::verify::VerifyCache::with_capacity(1),
    ));
    let later = s
        .signer()
        .sign(
            &s.license,
            &Placement::Invisible { page: 1 },
            s.time.plus_days(1),
        )
        .unwrap();
    for pdf in [&sealed, &later] {
        assert_indication(&verify_pdf(pdf, &small), PdfIndication::Valid);
    }
    let r = verify_pdf(&later, &small);
    let seal = r.signatures[0].seal.as_ref().unwrap();
    assert_eq!(seal.checked_at, s.time.plus_days(1));
    let mut untrusted_options = foreign;
    untrusted_options.cache = small.cache.clone();
    verify_pdf(&sealed, &untrusted_options);
    assert_eq!(
        small.cache.as_ref().unwrap().len(),
        (1, 1),
        "capacity 1 holds"
    );
}

/// The verifier hashes at most `Limits::max_hashed_bytes` for all the
/// signatures of a document: past the budget a signature is indeterminate
/// (`pdf.limit-exceeded`), never valid and never silently skipped.
#[test]
fn hashing_is_bounded_over_all_signatures() {
    let s = setup();
    let once = s
        .signer()
        .certify(DocMdp::FormFilling)
        .sign(&s.license, &RECT, s.time)
        .unwrap();
    let twice = s
        .signer()
        .sign(&once, &Placement::Invisible { page: 1 }, s.time)
        .unwrap();
    let first = verify_pdf(&twice, &s.options());
    assert_eq!(first.indication, PdfIndication::ValidWithPermittedChanges);
    let [a, b, c, d] = first.signatures[0].byte_range.unwrap();
    let first_cost = (b - a) + d;
    assert!(c > b);

    let mut options = s.options();
    options.limits.max_hashed_bytes = first_cost;
    let r = verify_pdf(&twice, &options);
    assert_eq!(
        r.signatures[0].indication,
        PdfIndication::ValidWithPermittedChanges
    );
    assert_eq!(r.signatures[1].indication, PdfIndication::Indeterminate);
    assert_eq!(r.signatures[1].reason, Some("pdf.limit-exceeded"));
    assert_eq!(
        r.indication,
        PdfIndication::Indeterminate,
        "{}",
        r.to_json()
    );

    options.limits.max_hashed_bytes = first_cost - 1;
    let r = verify_pdf(&twice, &options);
    assert!(
        r.signatures
            .iter()
            .all(|s| s.indication == PdfIndication::Indeterminate),
        "{}",
        r.to_json()
    );
}

/// Append an incremental update (classic table) replacing or adding objects.
fn append_update(pdf: &[u8], objects: &[(u32, &[u8])]) -> Vec<u8> {
    let doc = Document::parse(pdf, &Limits::default()).unwrap();
    let last = doc.revisions().last().unwrap();
    let trailer = doc.trailer();
    let size = trailer.get_int(b"Size").unwrap().unwrap();
    let Some(Object::Reference(root)) = trailer.get(b"Root").unwrap() else {
        panic!()
    };
    let mut out = pdf.to_vec();
    let mut offsets = Vec::new();
    for (num, body) in objects {
        offsets.push((*num, out.len()));
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n");
    for (num, off) in &offsets {
        out.extend_from_slice(format!("{num} 1\n{off:010} 00000 n \n").as_bytes());
    }
    let new_size = offsets
        .iter()
        .map(|(n, _)| i64::from(*n) + 1)
        .max()
        .unwrap()
        .max(size);
    // The same /Info as before (a trailer without it would replace it too).
    let info = match trailer.get(b"Info").unwrap() {
        Some(Object::Reference(i)) => format!(" /Info {} {} R", i.num, i.generation),
        _ => String::new(),
    };
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {new_size} /Root {} {} R{info} /Prev {} >>\nstartxref\n{xref}\n%%EOF\n",
            root.num,
            root.generation,
            last.xref_offset()
        )
        .as_bytes(),
    );
    out
}

/// The object number of `/Info`, the XMP stream, the first page and its content.
fn numbers(pdf: &[u8]) -> (u32, u32, u32, u32) {
    let doc = Document::parse(pdf, &Limits::default()).unwrap();
    let r = |o: Option<&Object>| match o {
        Some(Object::Reference(r)) => r.num,
        _ => panic!("not a reference"),
    };
    let info = r(doc.trailer().get(b"Info").unwrap());
    let catalog = doc.catalog().unwrap();
    let xmp = r(catalog.get(b"Metadata").unwrap());
    let pages = doc.deref(catalog.get(b"Pages").unwrap().unwrap()).unwrap();
    let Some(Object::Array(kids)) = pages.as_dict().unwrap().get(b"Kids").unwrap().cloned() else {
        panic!()
    };
    let page = r(kids.first());
    let page_dict = doc.deref(&kids[0]).unwrap();
    let content = r(page_dict.as_dict().unwrap().get(b"Contents").unwrap());
    (info, xmp, page, content)
}

#[test]
fn tampering_is_reported() {
    let s = setup();
    for flavour in [Flavour::CmsPkcs7, Flavour::Ses] {
        let sealed = s
            .signer()
            .flavour(flavour)
            .certify(DocMdp::NoChanges)
            .sign(&s.license, &RECT, s.time)
            .unwrap();
        let [_, a, b, c] = s.verify(&sealed).signatures[0]
            .byte_range
            .unwrap()
            .map(|v| v as usize);
        // Any signed byte: header, page content, the signature dictionary, the trailer.
        for at in [10, 2000, a / 2, a - 40, b + 5, b + c / 2, b + c - 10] {
            let mut t = sealed.clone();
            t[at] ^= 0x01;
            let r = s.verify(&t);
            assert_ne!(r.indication, PdfIndication::Valid, "{flavour:?} byte {at}");
            assert_ne!(
                r.indication,
                PdfIndication::ValidWithPermittedChanges,
                "{flavour:?} byte {at}"
            );
        }
        // The signature value itself, and the padding after it.
        let mut t = sealed.clone();
        t[a + 200] = if t[a + 200] == b'0' { b'1' } else { b'0' };
        assert_indication(&s.verify(&t), PdfIndication::Invalid);
        let mut t = sealed.clone();
        t[b - 2] = b'7';
        let r = s.verify(&t);
        assert_indication(&r, PdfIndication::Invalid);
        assert_eq!(r.reason, Some("pdf.contents-padding"));
        // Appended bytes that are not a revision.
        let mut t = sealed.clone();
        t.extend_from_slice(b"9 0 obj\n(junk)\nendobj\n");
        let r = s.verify(&t);
        assert_indication(&r, PdfIndication::Modified);
        assert_eq!(r.reason, Some("pdf.modified.trailing-data"));
        assert!(!r.signatures[0].covers_whole_file);

        // Incremental updates that change the metadata, the page or its content.
        let (info, xmp, page, content) = numbers(&sealed);
        let page_body = {
            let doc = Document::parse(&sealed, &Limits::default()).unwrap();
            let Object::Dictionary(d) = doc
                .resolve(gmseal::pdf::parse::ObjRef {
                    num: page,
                    generation: 0,
                })
                .unwrap()
            else {
                panic!()
            };
            sealed[d.span.clone()].to_vec()
        };
        let cases: Vec<(&str, &str, Vec<(u32, Vec<u8>)>)> = vec![
            (
                "/Info replaced",
                "pdf.modified.metadata",
                vec![(info, b"<< /Title (forged) >>".to_vec())],
            ),
            (
                "XMP replaced",
                "pdf.modified.metadata",
                vec![(
                    xmp,
                    b"<< /Type /Metadata /Subtype /XML /Length 5 >>\nstream\nforge\nendstream"
                        .to_vec(),
                )],
            ),
            (
                "page content replaced",
                "pdf.modified.page",
                vec![(
                    content,
                    b"<< /Length 9 >>\nstream\n0 0 m S\nQ\nendstream".to_vec(),
                )],
            ),
            ("page rewritten identically", "", vec![(page, page_body)]),
        ];
        for (what, code, objects) in cases {
            let objs: Vec<(u32, &[u8])> = objects.iter().map(|(n, b)| (*n, b.as_slice())).collect();
            let t = append_update(&sealed, &objs);
            let r = s.verify(&t);
            let sig = &r.signatures[0];
            if what.contains("identically") {
                assert_indication(&r, PdfIndication::ValidWithPermittedChanges);
                assert!(
                    sig.later_changes
                        .iter()
                        .any(|c| c.kind == "rewritten-identically"),
                    "{}",
                    explain(&r)
                );
            } else {
                assert_indication(&r, PdfIndication::Modified);
                assert_eq!(sig.reason, Some(code), "{what}: {}", explain(&r));
                assert!(!sig.covers_whole_file);
            }
            println!("{flavour:?} {what}: {}", r.indication);
        }
    }
}

#[test]
fn removing_a_signature_field_is_reported() {
    let s = setup();
    let first = s
        .signer()
        .certify(DocMdp::FormFilling)
        .sign(&s.license, &RECT, s.time)
        .unwrap();
    let second = s
        .signer()
        .sign(&first, &Placement::Invisible { page: 1 }, s.time)
        .unwrap();
    // Point the catalog at a form without the second field.
    let doc = Document::parse(&second, &Limits::default()).unwrap();
    let catalog = doc.catalog().unwrap();
    let Some(Object::Reference(root)) = doc.trailer().get(b"Root").unwrap() else {
        panic!()
    };
    let first_doc = Document::parse(&first, &Limits::default()).unwrap();
    let old_catalog = first_doc.catalog().unwrap();
    let _ = catalog;
    let body = first[old_catalog.span].to_vec();
    let stripped = append_update(&second, &[(root.num, &body)]);
    let r = s.verify(&stripped);
    assert_indication(&r, PdfIndication::Modified);
    assert!(
        r.check("pdf.signature-removed").is_some(),
        "{}",
        explain(&r)
    );
}

#[test]
fn dss_after_a_p1_certification_is_permitted() {
    let s = setup();
    let sealed = s.certified_visible(DocMdp::NoChanges);
    let with_dss = gmseal::pdf::sign::add_dss(
        &sealed,
        &[s.f.root.der(), s.f.signer.der()],
        &[],
        s.time,
        &Limits::default(),
    )
    .unwrap();
    let r = s.verify(&with_dss);
    assert_indication(&r, PdfIndication::ValidWithPermittedChanges);
    let changes = &r.signatures[0].later_changes;
    assert!(changes.iter().all(|c| c.permitted), "{}", explain(&r));
    assert!(
        changes.iter().any(|c| c.role.contains("DSS")),
        "{}",
        explain(&r)
    );
    // Adding the same data again changes nothing; more data extends the arrays.
    let again = gmseal::pdf::sign::add_dss(
        &with_dss,
        &[s.f.root.der()],
        &[],
        s.time,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(again, with_dss);
    let more = gmseal::pdf::sign::add_dss(
        &with_dss,
        &[s.f.maker.der()],
        &[],
        s.time,
        &Limits::default(),
    )
    .unwrap();
    assert_indication(&s.verify(&more), PdfIndication::ValidWithPermittedChanges);
    outside_checks(&more, 0);
}

#[test]
fn dss_and_document_timestamp_after_a_p1_certification_stay_valid() {
    use gmseal::crypto::SystemRandom;
    use gmseal::tsp::TimestampBuilder;
    use gmseal::{FixedClock, oid};
    let s = setup();
    let (tsa_root, tsa_key, tsa_cert, _) = gmseal::tsp::__doc::tsa().unwrap();
    let sealed = s.certified_visible(DocMdp::NoChanges);
    let with_dss = gmseal::pdf::sign::add_dss(
        &sealed,
        &[s.f.root.der(), s.f.signer.der(), tsa_cert.der()],
        &[],
        s.time,
        &Limits::default(),
    )
    .unwrap();
    let clock = FixedClock(s.time.plus_seconds(60));
    let tsa = TimestampBuilder::new(&tsa_cert, &tsa_key, oid::TEST_POLICY, &clock, &SystemRandom);
    let stamped = gmseal::pdf::sign::add_document_timestamp(
        &with_dss,
        &tsa,
        s.time.plus_seconds(60),
        &Limits::default(),
    )
    .unwrap();
    let options = PdfVerifyOptions::with_trust(TrustStore::new(vec![s.f.root.clone(), tsa_root]));
    let r = verify_pdf(&stamped, &options);
    assert_indication(&r, PdfIndication::ValidWithPermittedChanges);
    assert_eq!(r.signatures.len(), 2);
    assert_eq!(
        r.signatures[0].indication,
        PdfIndication::ValidWithPermittedChanges
    );
    let ts = &r.signatures[1];
    assert_eq!(ts.flavour, "timestamp");
    assert_eq!(ts.sub_filter, "ETSI.RFC3161");
    assert_eq!(ts.indication, PdfIndication::Valid, "{}", explain(&r));
    assert_eq!(ts.signing_time, Some(s.time.plus_seconds(60)));
    assert!(ts.signer.as_ref().unwrap().subject.contains("TSA"));
    // A changed byte under the time stamp is found.
    let mut t = stamped.clone();
    let at = with_dss.len() - 40;
    t[at] ^= 1;
    assert_ne!(
        verify_pdf(&t, &options).indication,
        PdfIndication::ValidWithPermittedChanges
    );
    // The TSA's root must be trusted for the time stamp to be valid.
    let r = s.verify(&stamped);
    assert_eq!(r.signatures[1].indication, PdfIndication::Indeterminate);
    // poppler 22 names the TSA but not the sub-filter ("Signature Type: unknown").
    let out = outside_checks(&stamped, 2);
    if !out.is_empty() {
        assert!(out.contains("Signature Field Name: Timestamp1"), "{out}");
        assert!(out.contains("Common Name: TSA"), "{out}");
    }
}
