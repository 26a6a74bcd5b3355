//! The attack generator behind `tests/pdf_attacks.rs`: byte-level editing of
//! sealed PDFs, hand-written incremental updates (classic tables and
//! cross-reference streams, shadow objects left out of the xref), signature
//! updates written and signed by hand (for layouts `PdfSigner` refuses to
//! produce), re-signing edited files so that only the structural defect is
//! left, and DER surgery on CMS `SignedData`.
//!
//! Everything here takes a document gmseal sealed and returns new bytes; the
//! verdicts are asserted by the tests.

#![allow(dead_code)]

use gmseal::Timestamp;
use gmseal::cms::SignedDataBuilder;
use gmseal::crypto::{DeterministicRandom, PrivateKey, Signer, Sm3};
use gmseal::pdf::parse::{Dictionary, Document, Limits, ObjRef, Object};
use gmseal::pdf::sign::{DocMdp, Flavour, PdfSigner, Placement, property_info};
use gmseal::pdf::verify::{PdfIndication, PdfVerifyOptions, VerificationReport, verify_pdf};
use gmseal::pki::{Certificate, CertificateParams, DistinguishedName, Profile, TrustStore};
use gmseal::seal::__doc::{Fixture, fixture, seal};
use gmseal::seal::{CheckStatus, SealBuilder, SesSeal, SignatureBuilder, SignerList};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

// ---------------------------------------------------------------------------
// The PKI, the seals and the documents.
// ---------------------------------------------------------------------------

/// A second PKI (the doc fixture does not expose its root key): its own root,
/// a seal maker, and signers with seals listing them.
pub(crate) struct Pki2 {
    pub root: Certificate,
    pub root_key: PrivateKey,
    pub maker: Certificate,
    pub maker_key: PrivateKey,
    /// Another document signer (a countersigner, or the attacker's own key).
    pub other: Identity,
    /// A certificate without digitalSignature/nonRepudiation (a CA profile).
    pub no_key_usage: Identity,
    /// A time-stamping certificate (critical EKU timeStamping only).
    pub tsa: Identity,
}

/// A certificate, its key and a seal listing it.
pub(crate) struct Identity {
    pub cert: Certificate,
    pub key: PrivateKey,
    pub seal: SesSeal,
}

/// Everything the attacks need.
pub(crate) struct Ctx {
    pub f: Fixture,
    pub seal: SesSeal,
    pub license: Vec<u8>,
    pub time: Timestamp,
    pub pki2: Pki2,
    pub options: PdfVerifyOptions,
}

pub(crate) const RECT: Placement = Placement::Rect {
    page: 1,
    x_mm: 150.0,
    y_mm: 120.0,
    width_mm: 42.0,
    height_mm: 42.0,
};
pub(crate) const INVISIBLE: Placement = Placement::Invisible { page: 1 };

fn pki2(f: &Fixture, seal: &SesSeal) -> Pki2 {
    let rng = DeterministicRandom::new(b"gmseal pdf attacks");
    let dn = |s: &str| DistinguishedName::parse(s).unwrap();
    let root_key = PrivateKey::generate(&rng).unwrap();
    let root = CertificateParams::new(Profile::Root, dn("CN=Attack Root,C=CN"), f.now, 3650)
        .self_signed(&root_key, &rng)
        .unwrap();
    let maker_key = PrivateKey::generate(&rng).unwrap();
    let maker = CertificateParams::new(Profile::SealMaker, dn("CN=Maker 2,C=CN"), f.now, 1000)
        .signed_by(maker_key.public_key(), &root, &root_key, &rng)
        .unwrap();
    let p = &seal.info().picture;
    let picture = gmseal::seal::Picture {
        kind: p.kind.clone(),
        data: p.data.clone(),
        width_mm: u32::try_from(p.width_mm).unwrap(),
        height_mm: u32::try_from(p.height_mm).unwrap(),
    };
    let identity = |profile: Profile, cn: &str, es_id: &str| {
        let key = PrivateKey::generate(&rng).unwrap();
        let cert = CertificateParams::new(profile, dn(&format!("CN={cn},C=CN")), f.now, 365)
            .signed_by(key.public_key(), &root, &root_key, &rng)
            .unwrap();
        let seal = SealBuilder::new(
            es_id,
            "另一章",
            4,
            SignerList::Certificates(vec![cert.clone()]),
            picture.clone(),
            f.now,
            365,
        )
        .sign(&maker, &maker_key)
        .unwrap();
        Identity { cert, key, seal }
    };
    let other = identity(Profile::DocumentSigner, "Countersigner", "ES0002");
    // `SealBuilder` refuses a signer certificate that cannot sign documents:
    // list a placeholder, then swap the certificate in the DER and sign the
    // seal info again.
    let swapped = |profile: Profile, cn: &str, es_id: &str| {
        let placeholder = identity(Profile::DocumentSigner, "Placeholder", es_id);
        let key = PrivateKey::generate(&rng).unwrap();
        let cert = CertificateParams::new(profile, dn(&format!("CN={cn},C=CN")), f.now, 365)
            .signed_by(key.public_key(), &root, &root_key, &rng)
            .unwrap();
        let seal = swap_seal_signer(&placeholder.seal, &placeholder.cert, &cert, &maker_key);
        Identity { cert, key, seal }
    };
    let no_key_usage = swapped(
        Profile::IntermediateCa { path_len: Some(0) },
        "CA As Signer",
        "ES0003",
    );
    let tsa = swapped(Profile::Tsa, "TSA As Signer", "ES0004");
    Pki2 {
        root,
        root_key,
        maker,
        maker_key,
        other,
        no_key_usage,
        tsa,
    }
}

/// `seal` with the signer certificate `from` replaced by `to` in its list,
/// signed again by the maker.
pub(crate) fn swap_seal_signer(
    seal: &SesSeal,
    from: &Certificate,
    to: &Certificate,
    maker_key: &PrivateKey,
) -> SesSeal {
    let mut parts = children(content(seal.der()));
    parts[0] = replace_der(&parts[0], from.der(), to.der());
    assert_ne!(
        parts[0],
        children(content(seal.der()))[0],
        "the signer was swapped"
    );
    let signature = maker_key.sign(&parts[0]).unwrap().to_der();
    let last = parts.len() - 1;
    assert_eq!(parts[last][0], 0x03);
    parts[last] = der(0x03, &[&[0], &signature]);
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    SesSeal::from_der(&der(0x30, &refs)).unwrap()
}

impl Ctx {
    pub(crate) fn new() -> Self {
        let f = fixture().unwrap();
        let seal = seal(&f).unwrap();
        let license = gmseal::pdf::sign::__doc::unsigned_pdf().unwrap();
        let time = f.now.plus_seconds(3600);
        let pki2 = pki2(&f, &seal);
        let options =
            PdfVerifyOptions::with_trust(TrustStore::new(vec![f.root.clone(), pki2.root.clone()]));
        Self {
            f,
            seal,
            license,
            time,
            pki2,
            options,
        }
    }

    pub(crate) fn verify(&self, pdf: &[u8]) -> VerificationReport {
        verify_pdf(pdf, &self.options)
    }

    /// The fixture's signer.
    pub(crate) fn who(&self) -> Who<'_> {
        Who {
            cert: &self.f.signer,
            key: &self.f.signer_key,
            seal: &self.seal,
            chain: vec![&self.f.root],
        }
    }

    /// The second PKI's countersigner.
    pub(crate) fn other(&self) -> Who<'_> {
        self.identity(&self.pki2.other)
    }

    pub(crate) fn identity<'a>(&'a self, id: &'a Identity) -> Who<'a> {
        Who {
            cert: &id.cert,
            key: &id.key,
            seal: &id.seal,
            chain: vec![&self.pki2.root],
        }
    }

    pub(crate) fn signer(&self, flavour: Flavour) -> PdfSigner<'_> {
        PdfSigner::new(&self.seal, &self.f.signer, &self.f.signer_key)
            .unwrap()
            .chain(&self.f.root)
            .flavour(flavour)
    }

    /// `pdf` sealed by the fixture's signer; certified when `certify` is given.
    pub(crate) fn seal_doc(
        &self,
        pdf: &[u8],
        flavour: Flavour,
        certify: Option<DocMdp>,
        placement: &Placement,
    ) -> Vec<u8> {
        let mut signer = self.signer(flavour);
        if let Some(p) = certify {
            signer = signer.certify(p);
        }
        signer.sign(pdf, placement, self.time).unwrap()
    }

    /// The license with a visible approval seal.
    pub(crate) fn approval(&self, flavour: Flavour) -> Vec<u8> {
        self.seal_doc(&self.license, flavour, None, &RECT)
    }

    /// The license with a visible certification seal.
    pub(crate) fn certified(&self, flavour: Flavour, p: DocMdp) -> Vec<u8> {
        self.seal_doc(&self.license, flavour, Some(p), &RECT)
    }
}

/// Who signs: certificate, key, seal and the chain to embed.
pub(crate) struct Who<'a> {
    pub cert: &'a Certificate,
    pub key: &'a dyn Signer,
    pub seal: &'a SesSeal,
    pub chain: Vec<&'a Certificate>,
}

impl Who<'_> {
    /// The CMS builder gmseal's signer would use (`signingTime` for PKCS #7).
    pub(crate) fn cms(&self, flavour: Flavour, time: Timestamp) -> SignedDataBuilder<'_> {
        let mut b = SignedDataBuilder::new(self.cert, self.key)
            .signed_attribute(gmseal::oid::GMSEAL_SES_SEAL, self.seal.der().to_vec());
        if flavour == Flavour::CmsPkcs7 {
            b = b.signing_time(time);
        }
        for c in &self.chain {
            b = b.add_certificate(c);
        }
        b
    }

    /// The `/Contents` value for `digest` over `br`, in `flavour`.
    pub(crate) fn value(
        &self,
        flavour: Flavour,
        digest: &[u8; 32],
        br: [usize; 4],
        time: Timestamp,
    ) -> Vec<u8> {
        match flavour {
            Flavour::Ses => {
                SignatureBuilder::with_digest(self.seal, *digest, &property_info(&br), time)
                    .sign(self.cert, self.key)
                    .unwrap()
                    .der()
                    .to_vec()
            }
            _ => self.cms(flavour, time).sign_digest(digest).unwrap(),
        }
    }
}

pub(crate) fn flavour_name(f: Flavour) -> &'static str {
    match f {
        Flavour::Ses => "ses",
        Flavour::CmsCades => "cades",
        _ => "cms",
    }
}

pub(crate) fn sub_filter(f: Flavour) -> &'static str {
    f.sub_filter()
}

/// `D:YYYYMMDDHHmmSSZ`.
pub(crate) fn pdf_date(t: Timestamp) -> String {
    let digits: String = t.to_string().chars().filter(char::is_ascii_digit).collect();
    format!("D:{}Z", &digits[..14])
}

// ---------------------------------------------------------------------------
// Byte helpers.
// ---------------------------------------------------------------------------

pub(crate) fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

pub(crate) fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Overwrite `at..at + with.len()`.
pub(crate) fn put(pdf: &mut [u8], at: usize, with: &[u8]) {
    pdf[at..at + with.len()].copy_from_slice(with);
}

/// Replace the only occurrence of `from` inside `range` by `to` (same length).
pub(crate) fn replace_in(pdf: &[u8], range: Range<usize>, from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len(), "same-length edit");
    let at = find(&pdf[..range.end], from, range.start)
        .unwrap_or_else(|| panic!("{:?} not found", String::from_utf8_lossy(from)));
    assert!(
        find(&pdf[..range.end], from, at + 1).is_none(),
        "{:?} occurs twice",
        String::from_utf8_lossy(from)
    );
    let mut out = pdf.to_vec();
    put(&mut out, at, to);
    out
}

/// `text` padded with spaces to `len`.
pub(crate) fn padded(text: &str, len: usize) -> Vec<u8> {
    assert!(text.len() <= len, "{text:?} does not fit in {len} bytes");
    let mut v = text.as_bytes().to_vec();
    v.resize(len, b' ');
    v
}

pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02X}");
    }
    s
}

pub(crate) fn sm3_ranges(pdf: &[u8], ranges: &[Range<usize>]) -> [u8; 32] {
    let mut h = Sm3::new();
    for r in ranges {
        h.update(&pdf[r.clone()]);
    }
    h.finalize()
}

pub(crate) fn sha256_ranges(pdf: &[u8], ranges: &[Range<usize>]) -> [u8; 32] {
    use sha2::Digest as _;
    let mut h = sha2::Sha256::new();
    for r in ranges {
        h.update(&pdf[r.clone()]);
    }
    h.finalize().into()
}

// ---------------------------------------------------------------------------
// Reading what we sealed.
// ---------------------------------------------------------------------------

pub(crate) fn parse(pdf: &[u8]) -> Document<'_> {
    Document::parse(pdf, &Limits::default()).unwrap()
}

/// Where a signature lives.
#[derive(Clone, Debug)]
pub(crate) struct SigLoc {
    /// The field's object number.
    pub field: u32,
    /// The signature dictionary's object number.
    pub num: u32,
    /// `<<` to `>>` of the signature dictionary.
    pub dict: Range<usize>,
    /// `[0 a b c]`.
    pub br: [usize; 4],
    /// The text after `/ByteRange ` up to ` /Contents`: the array and its padding.
    pub br_text: Range<usize>,
}

impl SigLoc {
    /// The `/Contents` token `[a, b)`.
    pub(crate) fn gap(&self) -> Range<usize> {
        self.br[1]..self.br[2]
    }
    pub(crate) fn end(&self) -> usize {
        self.br[2] + self.br[3]
    }
    pub(crate) fn a(&self) -> usize {
        self.br[1]
    }
    pub(crate) fn b(&self) -> usize {
        self.br[2]
    }
    pub(crate) fn c(&self) -> usize {
        self.br[3]
    }
}

fn as_ref(o: &Object) -> ObjRef {
    match o {
        Object::Reference(r) => *r,
        other => panic!("not a reference: {other:?}"),
    }
}

/// The signatures of the last revision's form, in file order.
pub(crate) fn sigs(pdf: &[u8]) -> Vec<SigLoc> {
    let doc = parse(pdf);
    let catalog = doc.catalog().unwrap();
    let Some(form) = catalog.get(b"AcroForm").unwrap() else {
        return Vec::new();
    };
    let form = doc.deref(form).unwrap();
    let fields = doc
        .deref(form.as_dict().unwrap().get(b"Fields").unwrap().unwrap())
        .unwrap();
    let Object::Array(fields) = fields else {
        panic!("/Fields")
    };
    let mut out = Vec::new();
    for f in fields {
        let field = as_ref(&f);
        let Object::Dictionary(fd) = doc.resolve(field).unwrap() else {
            continue;
        };
        let Ok(Some(Object::Reference(v))) = fd.get(b"V") else {
            continue;
        };
        let Ok(Object::Dictionary(sd)) = doc.resolve(*v) else {
            continue;
        };
        let Ok(Some(Object::Array(br))) = sd.get(b"ByteRange") else {
            continue;
        };
        let br: Vec<usize> = br
            .iter()
            .map(|o| match o {
                Object::Integer(i) => usize::try_from(*i).unwrap(),
                _ => panic!("ByteRange"),
            })
            .collect();
        let start = find(pdf, b"/ByteRange ", sd.span.start).unwrap() + 11;
        let end = find(pdf, b" /Contents", start).unwrap();
        out.push(SigLoc {
            field: field.num,
            num: v.num,
            dict: sd.span.clone(),
            br: [br[0], br[1], br[2], br[3]],
            br_text: start..end,
        });
    }
    out.sort_by_key(SigLoc::end);
    out
}

/// The first (oldest) signature.
pub(crate) fn sig0(pdf: &[u8]) -> SigLoc {
    sigs(pdf).into_iter().next().unwrap()
}

/// Object numbers of the license's parts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Numbers {
    pub catalog: u32,
    pub info: u32,
    pub xmp: u32,
    pub page: u32,
    pub content: u32,
    pub font: u32,
    pub font_file: u32,
}

pub(crate) fn numbers(pdf: &[u8]) -> Numbers {
    let doc = parse(pdf);
    let trailer = doc.trailer();
    let catalog_ref = as_ref(trailer.get(b"Root").unwrap().unwrap());
    let info = as_ref(trailer.get(b"Info").unwrap().unwrap()).num;
    let catalog = doc.catalog().unwrap();
    let xmp = as_ref(catalog.get(b"Metadata").unwrap().unwrap()).num;
    let pages = doc.deref(catalog.get(b"Pages").unwrap().unwrap()).unwrap();
    let Some(Object::Array(kids)) = pages.as_dict().unwrap().get(b"Kids").unwrap().cloned() else {
        panic!("/Kids")
    };
    let page = as_ref(&kids[0]);
    let page_dict = doc.resolve(page).unwrap();
    let page_dict = page_dict.as_dict().unwrap();
    let content = match page_dict.get(b"Contents").unwrap().unwrap() {
        Object::Reference(r) => r.num,
        Object::Array(a) => as_ref(&a[0]).num,
        _ => panic!("/Contents"),
    };
    let res = doc
        .deref(page_dict.get(b"Resources").unwrap().unwrap())
        .unwrap();
    let fonts = doc
        .deref(res.as_dict().unwrap().get(b"Font").unwrap().unwrap())
        .unwrap();
    let font = as_ref(&fonts.as_dict().unwrap().entries[0].1);
    let font_dict = doc.resolve(font).unwrap();
    let descendant = match font_dict
        .as_dict()
        .unwrap()
        .get(b"DescendantFonts")
        .unwrap()
    {
        Some(Object::Array(a)) => as_ref(&a[0]),
        _ => panic!("/DescendantFonts"),
    };
    let cid = doc.resolve(descendant).unwrap();
    let descriptor = as_ref(
        cid.as_dict()
            .unwrap()
            .get(b"FontDescriptor")
            .unwrap()
            .unwrap(),
    );
    let descriptor = doc.resolve(descriptor).unwrap();
    let font_file = as_ref(
        descriptor
            .as_dict()
            .unwrap()
            .get(b"FontFile2")
            .unwrap()
            .unwrap(),
    )
    .num;
    Numbers {
        catalog: catalog_ref.num,
        info,
        xmp,
        page: page.num,
        content,
        font: font.num,
        font_file,
    }
}

/// Object `num` (generation 0) in the last revision's view.
pub(crate) fn dict_of(pdf: &[u8], num: u32) -> Dictionary {
    let doc = parse(pdf);
    match doc.resolve(ObjRef { num, generation: 0 }).unwrap() {
        Object::Dictionary(d) => d,
        Object::Stream(s) => s.dict,
        o => panic!("{num} is {o:?}"),
    }
}

/// The bytes of object `num` as written (`<<...>>`, or the whole stream
/// object body from `<<` to `endstream`).
pub(crate) fn raw_body(pdf: &[u8], num: u32) -> Vec<u8> {
    let doc = parse(pdf);
    match doc.resolve(ObjRef { num, generation: 0 }).unwrap() {
        Object::Dictionary(d) => pdf[d.span].to_vec(),
        Object::Stream(s) => {
            let end = find(pdf, b"endstream", s.data.end).unwrap() + 9;
            pdf[s.dict.span.start..end].to_vec()
        }
        o => panic!("{num} is {o:?}"),
    }
}

/// `/Size` of the last trailer: the next free object number.
pub(crate) fn next_num(pdf: &[u8]) -> u32 {
    u32::try_from(parse(pdf).trailer().get_int(b"Size").unwrap().unwrap()).unwrap()
}

// ---------------------------------------------------------------------------
// Writing objects.
// ---------------------------------------------------------------------------

fn regular(b: u8) -> bool {
    (0x21..=0x7E).contains(&b) && !b"()<>[]{}/%#".contains(&b)
}

/// Serialize an object (strings as hex, reals keep a fraction so they stay reals).
pub(crate) fn ser(o: &Object) -> String {
    let mut s = String::new();
    ser_into(&mut s, o);
    s
}

fn ser_name(out: &mut String, n: &[u8]) {
    out.push('/');
    for &b in n {
        if regular(b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
}

fn ser_into(out: &mut String, o: &Object) {
    match o {
        Object::Null => out.push_str("null"),
        Object::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Object::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        Object::Real(r) if r.fract() == 0.0 => {
            let _ = write!(out, "{r:.1}");
        }
        Object::Real(r) => {
            let _ = write!(out, "{r}");
        }
        Object::String(s) => {
            let _ = write!(out, "<{}>", hex_upper(&s.bytes));
        }
        Object::Name(n) => ser_name(out, n),
        Object::Array(a) => {
            out.push('[');
            for (i, v) in a.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                ser_into(out, v);
            }
            out.push(']');
        }
        Object::Dictionary(d) => ser_dict(out, d, &[], &[]),
        Object::Reference(r) => {
            let _ = write!(out, "{} {} R", r.num, r.generation);
        }
        other => panic!("cannot serialize {other:?}"),
    }
}

fn ser_dict(out: &mut String, d: &Dictionary, set: &[(&str, String)], remove: &[&str]) {
    out.push_str("<<");
    for (k, v) in &d.entries {
        if remove.iter().any(|r| r.as_bytes() == k.as_slice()) {
            continue;
        }
        out.push(' ');
        ser_name(out, k);
        out.push(' ');
        match set.iter().find(|(sk, _)| sk.as_bytes() == k.as_slice()) {
            Some((_, v)) => out.push_str(v),
            None => ser_into(out, v),
        }
    }
    for (k, v) in set {
        if !d
            .entries
            .iter()
            .any(|(dk, _)| dk.as_slice() == k.as_bytes())
        {
            let _ = write!(out, " /{k} {v}");
        }
    }
    out.push_str(" >>");
}

/// `d` with keys set (value text) or removed, in its key order.
pub(crate) fn dict_with(d: &Dictionary, set: &[(&str, String)], remove: &[&str]) -> Vec<u8> {
    let mut s = String::new();
    ser_dict(&mut s, d, set, remove);
    s.into_bytes()
}

/// A stream object body.
pub(crate) fn stream(dict_entries: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< {dict_entries} /Length {} >>\nstream\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

/// A form XObject stream body.
pub(crate) fn form_xobject(bbox: [u32; 4], resources: &str, content: &[u8]) -> Vec<u8> {
    stream(
        &format!(
            "/Type /XObject /Subtype /Form /BBox [{} {} {} {}] /Resources << {resources} >>",
            bbox[0], bbox[1], bbox[2], bbox[3]
        ),
        content,
    )
}

/// The catalog (object and dictionary) and the first page of `pdf`.
pub(crate) fn catalog_of(pdf: &[u8]) -> (u32, Dictionary) {
    let n = numbers(pdf);
    (n.catalog, dict_of(pdf, n.catalog))
}

/// Existing `/Fields` and `/Annots` as reference text, for appending.
fn refs_text(doc: &Document<'_>, o: Option<&Object>) -> Vec<String> {
    match o.map(|o| doc.deref(o).unwrap()) {
        Some(Object::Array(a)) => a.iter().map(ser).collect(),
        None => Vec::new(),
        Some(other) => panic!("not an array: {other:?}"),
    }
}

/// The page re-declared with `annot` appended to its `/Annots`.
pub(crate) fn page_with_annot(pdf: &[u8], annot: u32) -> (u32, Vec<u8>) {
    let n = numbers(pdf);
    let doc = parse(pdf);
    let page = dict_of(pdf, n.page);
    let mut annots = refs_text(&doc, page.get(b"Annots").unwrap());
    annots.push(format!("{annot} 0 R"));
    (
        n.page,
        dict_with(&page, &[("Annots", format!("[{}]", annots.join(" ")))], &[]),
    )
}

/// The catalog re-declared with `field` appended to `/AcroForm /Fields`
/// (a direct `/AcroForm`, as gmseal writes it), `/SigFlags 3`, and `extra` keys.
pub(crate) fn catalog_with_field(
    pdf: &[u8],
    field: Option<u32>,
    extra: &[(&str, String)],
) -> (u32, Vec<u8>) {
    let (num, catalog) = catalog_of(pdf);
    let doc = parse(pdf);
    let mut set: Vec<(&str, String)> = extra.to_vec();
    if let Some(field) = field {
        let (fields, other) = match catalog.get(b"AcroForm").unwrap() {
            Some(Object::Dictionary(form)) => {
                (refs_text(&doc, form.get(b"Fields").unwrap()), form.clone())
            }
            None => (Vec::new(), Dictionary::default()),
            Some(o) => panic!("indirect /AcroForm not supported here: {o:?}"),
        };
        let mut fields = fields;
        fields.push(format!("{field} 0 R"));
        let form = dict_with(
            &other,
            &[
                ("Fields", format!("[{}]", fields.join(" "))),
                ("SigFlags", "3".into()),
            ],
            &[],
        );
        set.push(("AcroForm", String::from_utf8(form).unwrap()));
    }
    (num, dict_with(&catalog, &set, &[]))
}

// ---------------------------------------------------------------------------
// Incremental updates.
// ---------------------------------------------------------------------------

/// A cross-reference entry written by hand.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Entry {
    /// In use at `offset` with a generation.
    At(usize, u16),
    /// In object stream `stream` at `index`.
    In(u32, u32),
    /// Free, with the generation for reuse.
    Free(u16),
}

/// An incremental update to append.
#[derive(Clone, Debug, Default)]
pub(crate) struct Update {
    /// Objects written and listed: `(num, generation, body)`.
    pub objects: Vec<(u32, u16, Vec<u8>)>,
    /// Objects written but left out of the cross-reference section (shadows).
    pub unlisted: Vec<(u32, u16, Vec<u8>)>,
    /// Raw entries (re-pointing, freeing).
    pub entries: Vec<(u32, Entry)>,
    /// Bytes before the objects (junk, a second header).
    pub before: Vec<u8>,
    /// Write a cross-reference stream instead of a table.
    pub xref_stream: bool,
    /// `/Root` override.
    pub root: Option<u32>,
    /// `/Size` override.
    pub size: Option<u32>,
    /// `/Prev` value text override.
    pub prev: Option<String>,
    /// Table entries end with this instead of `" \n"` (19-byte entries: `"\n"`).
    pub entry_eol: Option<&'static [u8]>,
    /// Replaces `startxref\n{xref}\n%%EOF\n`; `{xref}` is substituted.
    pub tail: Option<String>,
    /// `/Info` and `/ID` are copied from the previous trailer unless this is set.
    pub no_copy: bool,
}

impl Update {
    pub(crate) fn with(objects: Vec<(u32, Vec<u8>)>) -> Self {
        Self {
            objects: objects.into_iter().map(|(n, b)| (n, 0, b)).collect(),
            ..Self::default()
        }
    }
}

/// What [`append`] wrote.
#[derive(Clone, Debug)]
pub(crate) struct Written {
    pub pdf: Vec<u8>,
    /// Offsets of listed and unlisted objects, by number (the last one written wins).
    pub offsets: BTreeMap<u32, usize>,
    /// Offsets of the unlisted objects, in order.
    pub unlisted: Vec<usize>,
    /// Offset of the cross-reference section.
    pub xref: usize,
    /// Where the update starts.
    pub start: usize,
}

pub(crate) fn write_object(out: &mut Vec<u8>, num: u32, generation: u16, body: &[u8]) -> usize {
    let at = out.len();
    out.extend_from_slice(format!("{num} {generation} obj\n").as_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(b"\nendobj\n");
    at
}

/// Runs of consecutive numbers: `(first, count)`.
fn runs(nums: &[u32]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &n in nums {
        match out.last_mut() {
            Some((first, count)) if *first + *count == n => *count += 1,
            _ => out.push((n, 1)),
        }
    }
    out
}

/// Append `u` to `pdf` (which must parse: its trailer supplies `/Root`,
/// `/Info`, `/ID`, `/Size` and `/Prev`).
pub(crate) fn append(pdf: &[u8], u: &Update) -> Written {
    let doc = parse(pdf);
    let trailer = doc.trailer().clone();
    let prev_xref = doc.revisions().last().unwrap().xref_offset();
    let prev_size = u32::try_from(trailer.get_int(b"Size").unwrap().unwrap()).unwrap();
    let root = match u.root {
        Some(r) => format!("{r} 0 R"),
        None => ser(trailer.get(b"Root").unwrap().unwrap()),
    };
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let start = out.len();
    out.extend_from_slice(&u.before);
    let mut offsets = BTreeMap::new();
    let mut entries: BTreeMap<u32, Entry> = BTreeMap::new();
    let mut unlisted = Vec::new();
    for (num, generation, body) in &u.unlisted {
        let at = write_object(&mut out, *num, *generation, body);
        offsets.insert(*num, at);
        unlisted.push(at);
    }
    for (num, generation, body) in &u.objects {
        let at = write_object(&mut out, *num, *generation, body);
        offsets.insert(*num, at);
        entries.insert(*num, Entry::At(at, *generation));
    }
    for (num, e) in &u.entries {
        entries.insert(*num, *e);
    }
    let max = entries.keys().max().copied().unwrap_or(0);
    let mut size = u.size.unwrap_or_else(|| prev_size.max(max + 1));
    let prev = u.prev.clone().unwrap_or_else(|| prev_xref.to_string());
    let mut common = format!("/Root {root}");
    if !u.no_copy {
        for key in ["Info", "ID"] {
            if let Some(v) = trailer.get(key.as_bytes()).unwrap() {
                let _ = write!(common, " /{key} {}", ser(v));
            }
        }
    }
    let _ = write!(common, " /Prev {prev}");
    let xref = out.len();
    if u.xref_stream {
        // The stream lists itself.
        let self_num = u.size.map_or(size, |s| s - 1).max(max + 1);
        if u.size.is_none() {
            size = size.max(self_num + 1);
        }
        entries.insert(self_num, Entry::At(xref, 0));
        let nums: Vec<u32> = entries.keys().copied().collect();
        let mut index = String::new();
        for (first, count) in runs(&nums) {
            let _ = write!(index, "{first} {count} ");
        }
        let mut data = Vec::new();
        for e in entries.values() {
            let (t, a, b): (u8, u64, u64) = match *e {
                Entry::At(off, g) => (1, off as u64, u64::from(g)),
                Entry::In(s, i) => (2, u64::from(s), u64::from(i)),
                Entry::Free(g) => (0, 0, u64::from(g)),
            };
            data.push(t);
            data.extend_from_slice(&(a as u32).to_be_bytes());
            data.extend_from_slice(&(b as u16).to_be_bytes());
        }
        let body = stream(
            &format!(
                "/Type /XRef /Size {size} /W [1 4 2] /Index [{}] {common}",
                index.trim_end()
            ),
            &data,
        );
        write_object(&mut out, self_num, 0, &body);
    } else {
        out.extend_from_slice(b"xref\n");
        let nums: Vec<u32> = entries.keys().copied().collect();
        let eol = u.entry_eol.unwrap_or(b" \n");
        for (first, count) in runs(&nums) {
            out.extend_from_slice(format!("{first} {count}\n").as_bytes());
            for n in first..first + count {
                let line = match entries[&n] {
                    Entry::At(off, g) => format!("{off:010} {g:05} n"),
                    Entry::Free(g) => format!("{:010} {g:05} f", 0),
                    Entry::In(..) => panic!("object stream entries need an xref stream"),
                };
                out.extend_from_slice(line.as_bytes());
                out.extend_from_slice(eol);
            }
        }
        out.extend_from_slice(format!("trailer\n<< /Size {size} {common} >>\n").as_bytes());
    }
    let tail = u
        .tail
        .clone()
        .unwrap_or_else(|| "startxref\n{xref}\n%%EOF\n".into())
        .replace("{xref}", &xref.to_string());
    out.extend_from_slice(tail.as_bytes());
    Written {
        pdf: out,
        offsets,
        unlisted,
        xref,
        start,
    }
}

/// Append an update that only writes `objects` (classic table).
pub(crate) fn update(pdf: &[u8], objects: Vec<(u32, Vec<u8>)>) -> Vec<u8> {
    append(pdf, &Update::with(objects)).pdf
}

// ---------------------------------------------------------------------------
// Signing by hand.
// ---------------------------------------------------------------------------

/// Room for `[0 a b c]` (as gmseal's signer leaves).
pub(crate) const BR_WIDTH: usize = 37;

/// Write `value` into the `/Contents` token `token` (`<` to `>`), hex,
/// zero-padded.
pub(crate) fn write_contents(pdf: &mut [u8], token: Range<usize>, value: &[u8]) {
    let hex = hex_upper(value);
    let room = token.len() - 2;
    assert!(
        hex.len() <= room,
        "a {}-byte value does not fit in {} hex digits",
        value.len(),
        room
    );
    assert_eq!(pdf[token.start], b'<');
    assert_eq!(pdf[token.end - 1], b'>');
    put(pdf, token.start + 1, hex.as_bytes());
    for b in &mut pdf[token.start + 1 + hex.len()..token.end - 1] {
        *b = b'0';
    }
}

/// Re-sign an edited file: the digest over the ranges `br` claims, the value
/// written into the real `/Contents` token.
pub(crate) fn resign_with(
    pdf: &mut [u8],
    br: [usize; 4],
    token: Range<usize>,
    value: impl FnOnce(&[u8; 32]) -> Vec<u8>,
) {
    let digest = sm3_ranges(pdf, &[br[0]..br[0] + br[1], br[2]..br[2] + br[3]]);
    let v = value(&digest);
    write_contents(pdf, token, &v);
}

impl Ctx {
    /// Re-sign the first signature after an edit, as its signer would have.
    pub(crate) fn resign(
        &self,
        pdf: &mut [u8],
        flavour: Flavour,
        br: [usize; 4],
        token: Range<usize>,
    ) {
        let who = self.who();
        let time = self.time;
        resign_with(pdf, br, token, |d| who.value(flavour, d, br, time));
    }
}

/// A signature update written by hand: `objects` (field, appearance, page,
/// catalog...), then the signature dictionary `sig_num` with `sig_extra`
/// entries, `/ByteRange` and `/Contents` last, signed by `who`.
pub(crate) struct HandSig<'a> {
    pub who: &'a Who<'a>,
    pub flavour: Flavour,
    pub time: Timestamp,
    pub sig_num: u32,
    pub sig_extra: String,
    pub objects: Vec<(u32, Vec<u8>)>,
    pub xref_stream: bool,
}

pub(crate) fn hand_sign(pdf: &[u8], s: &HandSig<'_>) -> Vec<u8> {
    let probe = s.who.value(s.flavour, &[0; 32], [0; 4], s.time);
    let capacity = probe.len() + 16;
    let mut sig = format!(
        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /{} /M ({}) /Name (Hand){} /ByteRange ",
        s.flavour.sub_filter(),
        pdf_date(s.time),
        s.sig_extra
    )
    .into_bytes();
    sig.extend_from_slice(&[b' '; BR_WIDTH]);
    sig.extend_from_slice(b" /Contents <");
    sig.resize(sig.len() + 2 * capacity, b'0');
    sig.extend_from_slice(b"> >>");
    let mut u = Update::with(s.objects.clone());
    u.objects.push((s.sig_num, 0, sig));
    u.xref_stream = s.xref_stream;
    let w = append(pdf, &u);
    let mut out = w.pdf;
    let at = w.offsets[&s.sig_num];
    let br_at = find(&out, b"/ByteRange ", at).unwrap() + 11;
    let a = find(&out, b"/Contents <", at).unwrap() + 10;
    let b = a + 2 * capacity + 2;
    assert_eq!(out[b - 1], b'>');
    let br = [0, a, b, out.len() - b];
    let text = format!("[0 {a} {b} {}]", br[3]);
    put(&mut out, br_at, &padded(&text, BR_WIDTH));
    let who = s.who;
    let (flavour, time) = (s.flavour, s.time);
    resign_with(&mut out, br, a..b, |d| who.value(flavour, d, br, time));
    out
}

/// A widget annotation + signature field body.
pub(crate) fn sig_widget(
    page: u32,
    name: &str,
    value: Option<u32>,
    rect: &str,
    ap: Option<u32>,
) -> Vec<u8> {
    let mut s = format!(
        "<< /Type /Annot /Subtype /Widget /FT /Sig /T ({name}) /F 132 /P {page} 0 R /Rect [{rect}]"
    );
    if let Some(v) = value {
        let _ = write!(s, " /V {v} 0 R");
    }
    if let Some(ap) = ap {
        let _ = write!(s, " /AP << /N {ap} 0 R >>");
    }
    s.push_str(" >>");
    s.into_bytes()
}

/// A further signature written by hand: invisible (or visible with an
/// appearance), field appended to the form and the page, `catalog_extra`
/// keys set in the catalog, `sig_extra` entries in the signature dictionary.
pub(crate) fn hand_signature(
    pdf: &[u8],
    who: &Who<'_>,
    flavour: Flavour,
    time: Timestamp,
    visible: bool,
    sig_extra: &str,
    catalog_extra: &[(&str, String)],
    xref_stream: bool,
) -> Vec<u8> {
    let sig_num = next_num(pdf);
    let field = sig_num + 1;
    let n = numbers(pdf);
    let mut objects = Vec::new();
    let (rect, ap) = if visible {
        let ap = sig_num + 2;
        objects.push((
            ap,
            form_xobject(
                [0, 0, 300, 100],
                &format!("/Font << /F0 {} 0 R >>", n.font),
                b"1 1 1 rg 0 0 300 100 re f 0 g BT /F0 24 Tf 10 40 Td <0001000200030004> Tj ET",
            ),
        ));
        ("100 100 400 200", Some(ap))
    } else {
        ("0 0 0 0", None)
    };
    objects.push((field, sig_widget(n.page, "Hand", Some(sig_num), rect, ap)));
    objects.push(page_with_annot(pdf, field));
    let catalog_extra: Vec<(&str, String)> = catalog_extra
        .iter()
        .map(|(k, v)| (*k, v.replace("{sig}", &sig_num.to_string())))
        .collect();
    objects.push(catalog_with_field(pdf, Some(field), &catalog_extra));
    hand_sign(
        pdf,
        &HandSig {
            who,
            flavour,
            time,
            sig_num,
            sig_extra: sig_extra.replace("{sig}", &sig_num.to_string()),
            objects,
            xref_stream,
        },
    )
}

/// `/Reference` entry of a DocMDP certification with `/P p`.
pub(crate) fn docmdp_reference(p: u8) -> String {
    format!(
        " /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P {p} /V /1.2 >> >>]"
    )
}

// ---------------------------------------------------------------------------
// DER surgery on CMS SignedData.
// ---------------------------------------------------------------------------

/// `(tag, header length, content length)` of the TLV at the start of `d`.
pub(crate) fn tlv_header(d: &[u8]) -> (u8, usize, usize) {
    let tag = d[0];
    let l = d[1];
    if l < 0x80 {
        (tag, 2, usize::from(l))
    } else {
        let n = usize::from(l & 0x7F);
        let len = d[2..2 + n]
            .iter()
            .fold(0usize, |acc, b| acc << 8 | usize::from(*b));
        (tag, 2 + n, len)
    }
}

pub(crate) fn tlv_len(d: &[u8]) -> usize {
    let (_, h, l) = tlv_header(d);
    h + l
}

pub(crate) fn content(d: &[u8]) -> &[u8] {
    let (_, h, l) = tlv_header(d);
    &d[h..h + l]
}

pub(crate) fn children(mut d: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while !d.is_empty() {
        let n = tlv_len(d);
        out.push(d[..n].to_vec());
        d = &d[n..];
    }
    out
}

pub(crate) fn der(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = vec![tag];
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .iter()
            .copied()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend_from_slice(&bytes);
    }
    for p in parts {
        out.extend_from_slice(p);
    }
    out
}

/// `tlv` with every element equal to `needle` (or a primitive whose content
/// is `needle`) replaced by `with`, lengths fixed up.
pub(crate) fn replace_der(tlv: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    if tlv == needle {
        return with.to_vec();
    }
    let c = content(tlv);
    if c == needle {
        return der(tlv[0], &[with]);
    }
    if tlv[0] & 0x20 == 0 {
        return tlv.to_vec();
    }
    let kids: Vec<Vec<u8>> = children(c)
        .iter()
        .map(|k| replace_der(k, needle, with))
        .collect();
    let refs: Vec<&[u8]> = kids.iter().map(Vec::as_slice).collect();
    der(tlv[0], &refs)
}

/// A CMS `ContentInfo` taken apart: the `SignedData` fields and each
/// `SignerInfo`'s fields.
#[derive(Clone, Debug)]
pub(crate) struct Cms {
    pub content_type: Vec<u8>,
    /// version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?
    pub signed_data: Vec<Vec<u8>>,
    /// version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature
    pub signer_infos: Vec<Vec<Vec<u8>>>,
}

/// `messageDigest` 1.2.840.113549.1.9.4.
pub(crate) const OID_MESSAGE_DIGEST: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x04,
];
/// `contentType` 1.2.840.113549.1.9.3.
pub(crate) const OID_CONTENT_TYPE: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x03,
];
/// `signingTime` 1.2.840.113549.1.9.5.
pub(crate) const OID_SIGNING_TIME: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x05,
];
/// SHA-256 2.16.840.1.101.3.4.2.1.
pub(crate) const OID_SHA256: &[u8] = &[
    0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
];

impl Cms {
    pub(crate) fn parse(d: &[u8]) -> Self {
        let ci = children(content(d));
        let sd = &ci[1];
        assert_eq!(sd[0], 0xA0);
        let mut signed_data = children(content(content(sd)));
        let sis = signed_data.pop().unwrap();
        assert_eq!(sis[0], 0x31);
        let signer_infos = children(content(&sis))
            .iter()
            .map(|si| children(content(si)))
            .collect();
        Self {
            content_type: ci[0].clone(),
            signed_data,
            signer_infos,
        }
    }

    pub(crate) fn build(&self) -> Vec<u8> {
        let sis: Vec<Vec<u8>> = self
            .signer_infos
            .iter()
            .map(|si| {
                let parts: Vec<&[u8]> = si.iter().map(Vec::as_slice).collect();
                der(0x30, &parts)
            })
            .collect();
        let sis_parts: Vec<&[u8]> = sis.iter().map(Vec::as_slice).collect();
        let set = der(0x31, &sis_parts);
        let mut parts: Vec<&[u8]> = self.signed_data.iter().map(Vec::as_slice).collect();
        parts.push(&set);
        let sd = der(0x30, &parts);
        der(0x30, &[&self.content_type, &der(0xA0, &[&sd])])
    }

    /// The signed attributes of signer `i`.
    pub(crate) fn attributes(&self, i: usize) -> Vec<Vec<u8>> {
        let a = &self.signer_infos[i][3];
        assert_eq!(a[0], 0xA0);
        children(content(a))
    }

    /// Replace signer `i`'s attributes and sign them again with `key`.
    pub(crate) fn set_attributes(&mut self, i: usize, attrs: &[Vec<u8>], key: &dyn Signer) {
        let parts: Vec<&[u8]> = attrs.iter().map(Vec::as_slice).collect();
        let set = der(0x31, &parts);
        let signature = key.sign(&set).unwrap().to_der();
        self.signer_infos[i][3] = der(0xA0, &parts);
        self.signer_infos[i][5] = der(0x04, &[&signature]);
    }

    /// Keep only the first certificate (the signer's): drops the chain, to
    /// make room in a `/Contents` sized for the usual value.
    pub(crate) fn drop_chain(&mut self) {
        let certs = self.signed_data.iter_mut().find(|x| x[0] == 0xA0).unwrap();
        let first = children(content(certs)).remove(0);
        *certs = der(0xA0, &[&first]);
    }

    /// Drop `[0] certificates`.
    pub(crate) fn drop_certificates(&mut self) {
        self.signed_data.retain(|p| p[0] != 0xA0);
    }
}

// ---------------------------------------------------------------------------
// Expectations.
// ---------------------------------------------------------------------------

/// What a verdict must show besides its indication.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Want {
    /// The document's deciding reason is one of these.
    Reason(&'static [&'static str]),
    /// The document's deciding reason is none.
    NoReason,
    /// Signature `i`'s deciding reason is one of these.
    SigReason(usize, &'static [&'static str]),
    /// Signature `i` has this indication.
    SigIndication(usize, PdfIndication),
    /// A failed check with this code, anywhere (document, metadata, signatures).
    Failed(&'static str),
    /// A warning with one of these codes, anywhere.
    Warning(&'static [&'static str]),
    /// A later change whose role, kind or explanation mentions this (any signature).
    Change(&'static str),
    /// The (first) signature value is raw `r || s`.
    RawSignature,
}

/// The expected verdict.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Expect {
    pub indication: &'static [PdfIndication],
    pub wants: &'static [Want],
}

fn all_checks(r: &VerificationReport) -> Vec<&gmseal::seal::Check> {
    let mut v: Vec<_> = r.checks.iter().collect();
    if let Some(m) = &r.metadata {
        v.extend(m.checks.iter());
    }
    for s in &r.signatures {
        v.extend(s.checks.iter());
    }
    v
}

/// The mismatches between `r` and `e` (empty when it matches).
pub(crate) fn mismatches(r: &VerificationReport, e: &Expect) -> Vec<String> {
    let mut out = Vec::new();
    if !e.indication.contains(&r.indication) {
        out.push(format!(
            "indication {} (expected {:?})",
            r.indication,
            e.indication
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        ));
    }
    // The deciding reason belongs to the indication it decides.
    let consistent = match r.indication {
        PdfIndication::Valid | PdfIndication::ValidWithPermittedChanges => r.reason.is_none(),
        PdfIndication::Modified => r.reason.is_some_and(|c| c.starts_with("pdf.modified")),
        PdfIndication::Invalid => r.reason.is_some_and(|c| !c.starts_with("pdf.modified")),
        _ => r.reason.is_some(),
    };
    if !consistent {
        out.push(format!(
            "the document's reason {:?} does not decide its indication {}",
            r.reason, r.indication
        ));
    }
    let checks = all_checks(r);
    for w in e.wants {
        let ok = match *w {
            Want::Reason(codes) => r.reason.is_some_and(|c| codes.contains(&c)),
            Want::NoReason => r.reason.is_none(),
            Want::SigReason(i, codes) => r
                .signatures
                .get(i)
                .and_then(|s| s.reason)
                .is_some_and(|c| codes.contains(&c)),
            Want::SigIndication(i, ind) => r.signatures.get(i).is_some_and(|s| s.indication == ind),
            Want::Failed(code) => checks
                .iter()
                .any(|c| c.status == CheckStatus::Failed && c.code == Some(code)),
            Want::Warning(codes) => checks.iter().any(|c| {
                c.status == CheckStatus::Warning && c.code.is_some_and(|k| codes.contains(&k))
            }),
            Want::Change(text) => r.signatures.iter().any(|s| {
                s.later_changes.iter().any(|c| {
                    let t = text.to_ascii_lowercase();
                    c.role.to_ascii_lowercase().contains(&t)
                        || c.kind.contains(&t)
                        || c.explanation.to_ascii_lowercase().contains(&t)
                })
            }),
            Want::RawSignature => r
                .signatures
                .first()
                .and_then(|s| s.signature.as_ref())
                .is_some_and(|v| v.format == gmseal::crypto::SignatureFormat::Raw),
        };
        if !ok {
            out.push(format!("missing {w:?}"));
        }
    }
    out
}

/// A short JSON excerpt: the document's verdict, its non-passing checks, and
/// per signature the verdict, non-passing checks and non-permitted changes.
pub(crate) fn excerpt(r: &VerificationReport) -> String {
    use serde_json::json;
    let not_passed = |checks: &[gmseal::seal::Check]| -> Vec<serde_json::Value> {
        checks
            .iter()
            .filter(|c| c.status != CheckStatus::Passed)
            .map(|c| json!({"id": c.id, "status": format!("{:?}", c.status).to_lowercase(), "code": c.code, "message": c.message}))
            .collect()
    };
    let sigs: Vec<serde_json::Value> = r
        .signatures
        .iter()
        .map(|s| {
            let changes: Vec<serde_json::Value> = s
                .later_changes
                .iter()
                .take(6)
                .map(|c| json!({"revision": c.revision, "object": c.object, "kind": c.kind, "role": c.role, "permitted": c.permitted, "explanation": c.explanation}))
                .collect();
            json!({
                "field": s.field,
                "indication": s.indication.to_string(),
                "reason": s.reason,
                "byte_range": s.byte_range,
                "revision": s.revision,
                "checks": not_passed(&s.checks),
                "later_changes": changes,
            })
        })
        .collect();
    let mut doc_checks = not_passed(&r.checks);
    if let Some(m) = &r.metadata {
        doc_checks.extend(not_passed(&m.checks));
    }
    serde_json::to_string_pretty(&json!({
        "indication": r.indication.to_string(),
        "reason": r.reason,
        "revisions": r.revisions,
        "checks": doc_checks,
        "signatures": sigs,
    }))
    .unwrap_or_default()
}

/// An object stream body holding `members` (uncompressed).
pub(crate) fn objstm(members: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut header = String::new();
    let mut body = Vec::new();
    for (num, b) in members {
        let _ = write!(header, "{num} {} ", body.len());
        body.extend_from_slice(b);
        body.push(b'\n');
    }
    let first = header.len();
    let mut data = header.into_bytes();
    data.extend_from_slice(&body);
    stream(
        &format!("/Type /ObjStm /N {} /First {first}", members.len()),
        &data,
    )
}

/// The decoded `/Contents` value of a signature (DER, without the padding).
pub(crate) fn contents_value(pdf: &[u8], s: &SigLoc) -> Vec<u8> {
    let hex_digits = &pdf[s.a() + 1..s.b() - 1];
    let bytes = hex::decode(hex_digits).unwrap();
    let n = tlv_len(&bytes);
    bytes[..n].to_vec()
}

/// Escape bytes for a literal string `( ... )`.
pub(crate) fn literal(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![b'('];
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
    out.push(b')');
    out
}
