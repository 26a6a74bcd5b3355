//! pyHanko as an outside judge of PDF signature *structure*
//! (pdf-signatures.md §1.1, §6 "algorithm twins").
//!
//! pyHanko cannot read SM2/SM3, so each fixture is an ECDSA P-256/SHA-256
//! twin made with gmseal's own layout: `PdfSigner::prepare` writes the
//! incremental update with an empty `/Contents`, the OpenSSL CLI signs the
//! ByteRange bytes (`openssl cms -sign`, detached), and `PreparedPdf::embed`
//! puts the CMS in. pyHanko's coverage level and diff analysis
//! (`tests/python/pyhanko_structure.py`, structure only) must then agree with
//! the structural part of our report: ByteRange, signed revision, whole-file
//! coverage, and whether a later change is not permitted. Cases where pyHanko
//! is known to be lenient (`/Info` and XMP replacement, bytes after `%%EOF`)
//! are left out.
//!
//! Each fixture also has an SM2 twin (the same update, signed by gmseal),
//! which gmseal verifies in full: its structural verdict must be the one
//! pyHanko gives the ECDSA twin.
//!
//! Needs python3 with pyHanko 0.38.0 and openssl; skipped loudly without
//! them, failing instead when `GMSEAL_REQUIRE_ORACLES` is set.

#![allow(clippy::unwrap_used, clippy::panic, clippy::print_stdout)]

use gmseal::Timestamp;
use gmseal::cms::SignedDataBuilder;
use gmseal::crypto::sm3;
use gmseal::pdf::parse::{Document, Limits, ObjRef, Object};
use gmseal::pdf::sign::{DocMdp, PdfSigner, Placement, PreparedPdf};
use gmseal::pdf::verify::{PdfVerifyOptions, VerificationReport, verify_pdf};
use gmseal::pki::TrustStore;
use gmseal::seal::__doc::{Fixture, fixture, seal};
use gmseal::seal::{CheckStatus, SesSeal};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const RECT: Placement = Placement::Rect {
    page: 1,
    x_mm: 150.0,
    y_mm: 120.0,
    width_mm: 42.0,
    height_mm: 42.0,
};
const INVISIBLE: Placement = Placement::Invisible { page: 1 };

/// The signature algorithm of a twin; the layout is gmseal's in both.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Alg {
    /// ECDSA P-256/SHA-256 by the OpenSSL CLI: what pyHanko reads.
    Ecdsa,
    /// SM2/SM3 by gmseal: what gmseal verifies in full.
    Sm2,
}

/// `true` when `probe` succeeds; otherwise a loud skip message (or a panic
/// when oracles are required). The banner of `tests/support/mod_pdf_tools.rs`.
fn have(what: &str, probe: &mut Command, install: &str) -> bool {
    let ok = probe.output().is_ok_and(|o| o.status.success());
    if !ok {
        let msg = format!(
            "SKIPPED: {what} is not installed; the pyHanko cross-check did NOT run. \
             Install it with: {install}"
        );
        assert!(
            std::env::var_os("GMSEAL_REQUIRE_ORACLES").is_none(),
            "{msg} (GMSEAL_REQUIRE_ORACLES is set)"
        );
        eprintln!(
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!! {msg}\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        );
    }
    ok
}

fn oracles_present() -> bool {
    let present = have(
        "`openssl`",
        Command::new("openssl").arg("version"),
        "apt-get install openssl",
    ) && have(
        "`python3`",
        Command::new("python3").arg("--version"),
        "apt-get install python3 python3-pip",
    ) && have(
        "pyHanko (the Python package)",
        Command::new("python3").args(["-c", "import pyhanko.sign.diff_analysis"]),
        "python3 -m pip install 'pyhanko==0.38.0'",
    );
    if present {
        // The verdicts below were established with 0.38.0 (pdf-signatures.md §6).
        let version = Command::new("python3")
            .args([
                "-c",
                "import importlib.metadata as m; print(m.version('pyhanko'))",
            ])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default();
        if version != "0.38.0" {
            eprintln!(
                "\n!! pyHanko {version:?} is installed; these checks were written against 0.38.0\n"
            );
        }
    }
    present
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {} failed:\n{}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// An ECDSA P-256 key and self-signed certificate made by OpenSSL, and the
/// gmseal signing material whose layout the twins borrow.
struct Twins {
    dir: tempfile::TempDir,
    f: Fixture,
    seal: SesSeal,
    license: Vec<u8>,
    time: Timestamp,
    signatures: std::cell::Cell<usize>,
}

impl Twins {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        run(
            d,
            "openssl",
            &[
                "ecparam",
                "-name",
                "prime256v1",
                "-genkey",
                "-noout",
                "-out",
                "k.pem",
            ],
        );
        run(
            d,
            "openssl",
            &[
                "req",
                "-x509",
                "-new",
                "-key",
                "k.pem",
                "-subj",
                "/CN=ECDSA-twin",
                "-days",
                "30",
                "-sha256",
                "-out",
                "c.pem",
            ],
        );
        let f = fixture().unwrap();
        let seal = seal(&f).unwrap();
        let license = gmseal::pdf::sign::__doc::unsigned_pdf().unwrap();
        let time = f.now.plus_seconds(3600);
        Self {
            dir,
            f,
            seal,
            license,
            time,
            signatures: std::cell::Cell::new(0),
        }
    }

    fn signer(&self) -> PdfSigner<'_> {
        PdfSigner::new(&self.seal, &self.f.signer, &self.f.signer_key).unwrap()
    }

    /// gmseal's update with an empty `/Contents`.
    fn prepare(&self, signer: PdfSigner<'_>, pdf: &[u8], placement: &Placement) -> PreparedPdf {
        signer.prepare(pdf, placement, self.time).unwrap()
    }

    /// Sign `prepared` with `alg`: ECDSA P-256/SHA-256 (a detached CMS by
    /// `openssl cms -sign`, checked by `openssl cms -verify`) or SM2/SM3 (as
    /// gmseal's CMS flavour signs). With `prefix`, the first `prefix.len()`
    /// bytes of the file are replaced by it before hashing (a same-length
    /// layout splice).
    fn sign(&self, prepared: PreparedPdf, prefix: Option<&[u8]>, alg: Alg) -> Vec<u8> {
        let mut file = prepared.clone().embed(&[]).unwrap();
        if let Some(p) = prefix {
            file[..p.len()].copy_from_slice(p);
        }
        let [_, a, b, c] = prepared.byte_range();
        let mut content = file[..a].to_vec();
        content.extend_from_slice(&file[b..b + c]);
        assert_eq!(b + c, file.len());
        let der = match alg {
            Alg::Ecdsa => self.openssl_cms(&content),
            Alg::Sm2 => SignedDataBuilder::new(&self.f.signer, &self.f.signer_key)
                .signed_attribute(gmseal::oid::GMSEAL_SES_SEAL, self.seal.der().to_vec())
                .signing_time(self.time)
                .sign_digest(&sm3(&content))
                .unwrap(),
        };
        assert!(der.len() <= prepared.capacity(), "the CMS fits /Contents");
        let mut out = prepared.embed(&der).unwrap();
        if let Some(p) = prefix {
            out[..p.len()].copy_from_slice(p);
        }
        out
    }

    /// A detached ECDSA P-256/SHA-256 CMS over `content`, by the OpenSSL CLI.
    fn openssl_cms(&self, content: &[u8]) -> Vec<u8> {
        let n = self.signatures.get() + 1;
        self.signatures.set(n);
        let (content_name, der_name) = (format!("content{n}.bin"), format!("sig{n}.der"));
        let d = self.dir.path();
        std::fs::write(d.join(&content_name), content).unwrap();
        run(
            d,
            "openssl",
            &[
                "cms",
                "-sign",
                "-binary",
                "-nosmimecap",
                "-md",
                "sha256",
                "-in",
                &content_name,
                "-signer",
                "c.pem",
                "-inkey",
                "k.pem",
                "-outform",
                "DER",
                "-out",
                &der_name,
            ],
        );
        // The twin is a real ECDSA signature over the ByteRange bytes.
        run(
            d,
            "openssl",
            &[
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                &der_name,
                "-content",
                &content_name,
                "-CAfile",
                "c.pem",
                "-purpose",
                "any",
                "-out",
                "/dev/null",
            ],
        );
        std::fs::read(d.join(&der_name)).unwrap()
    }

    fn seal_once(
        &self,
        signer: PdfSigner<'_>,
        pdf: &[u8],
        placement: &Placement,
        alg: Alg,
    ) -> Vec<u8> {
        let prepared = self.prepare(signer, pdf, placement);
        self.sign(prepared, None, alg)
    }

    fn verify(&self, pdf: &[u8]) -> VerificationReport {
        verify_pdf(
            pdf,
            &PdfVerifyOptions::with_trust(TrustStore::new(vec![self.f.root.clone()])),
        )
    }

    fn pyhanko(&self, name: &str, pdf: &[u8]) -> serde_json::Value {
        let path = self.dir.path().join(name);
        std::fs::write(&path, pdf).unwrap();
        // To look at the twins: GMSEAL_PYHANKO_KEEP=/some/dir keeps a copy
        // of each file and the ECDSA certificate there.
        if let Some(keep) = std::env::var_os("GMSEAL_PYHANKO_KEEP") {
            let keep = PathBuf::from(keep);
            std::fs::create_dir_all(&keep).unwrap();
            std::fs::write(keep.join(name), pdf).unwrap();
            std::fs::copy(self.dir.path().join("c.pem"), keep.join("ecdsa-twin.pem")).unwrap();
        }
        let script =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/python/pyhanko_structure.py");
        let out = run(
            self.dir.path(),
            "python3",
            &[script.to_str().unwrap(), path.to_str().unwrap()],
        );
        serde_json::from_slice(&out).unwrap()
    }
}

/// Append an incremental update (classic table) replacing or adding objects;
/// the trailer keeps `/Root`, `/Info` and `/ID` (as in `tests/pdf_seal.rs`).
fn append_update(pdf: &[u8], objects: &[(u32, Vec<u8>)], root: Option<ObjRef>) -> Vec<u8> {
    let doc = Document::parse(pdf, &Limits::default()).unwrap();
    let last = doc.revisions().last().unwrap();
    let trailer = doc.trailer();
    let size = trailer.get_int(b"Size").unwrap().unwrap();
    let Some(Object::Reference(old_root)) = trailer.get(b"Root").unwrap() else {
        panic!("no /Root")
    };
    let root = root.unwrap_or(*old_root);
    let mut extra = String::new();
    if let Some(Object::Reference(info)) = trailer.get(b"Info").unwrap() {
        let _ = write!(extra, " /Info {} {} R", info.num, info.generation);
    }
    if let Some(Object::Array(ids)) = trailer.get(b"ID").unwrap() {
        extra.push_str(" /ID [");
        for id in ids {
            let Object::String(s) = id else { panic!("/ID") };
            let _ = write!(extra, "<{}>", hex::encode(&s.bytes));
        }
        extra.push(']');
    }
    let mut out = pdf.to_vec();
    let mut offsets = Vec::new();
    for (num, body) in objects {
        offsets.push((*num, out.len()));
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    offsets.sort_unstable();
    let xref = out.len();
    out.extend_from_slice(b"xref\n");
    for (num, off) in &offsets {
        out.extend_from_slice(format!("{num} 1\n{off:010} 00000 n \n").as_bytes());
    }
    let new_size = offsets
        .iter()
        .map(|(n, _)| i64::from(*n) + 1)
        .max()
        .unwrap_or(0)
        .max(size);
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {new_size} /Root {} {} R{extra} /Prev {} >>\nstartxref\n{xref}\n%%EOF\n",
            root.num,
            root.generation,
            last.xref_offset()
        )
        .as_bytes(),
    );
    out
}

/// Objects of the last revision: the catalog, the `/Pages` root, the first
/// page and its content stream, and the next free object number.
struct Numbers {
    catalog: ObjRef,
    pages: ObjRef,
    page: ObjRef,
    content: ObjRef,
    size: u32,
}

fn reference(o: Option<&Object>) -> ObjRef {
    match o {
        Some(Object::Reference(r)) => *r,
        other => panic!("not a reference: {other:?}"),
    }
}

fn numbers(pdf: &[u8]) -> Numbers {
    let doc = Document::parse(pdf, &Limits::default()).unwrap();
    let catalog = reference(doc.trailer().get(b"Root").unwrap());
    let cat = doc.catalog().unwrap();
    let pages = reference(cat.get(b"Pages").unwrap());
    let pages_dict = doc.resolve(pages).unwrap();
    let Some(Object::Array(kids)) = pages_dict.as_dict().unwrap().get(b"Kids").unwrap().cloned()
    else {
        panic!("/Kids")
    };
    let page = reference(kids.first());
    let page_dict = doc.resolve(page).unwrap();
    let content = reference(page_dict.as_dict().unwrap().get(b"Contents").unwrap());
    let size = u32::try_from(doc.trailer().get_int(b"Size").unwrap().unwrap()).unwrap();
    Numbers {
        catalog,
        pages,
        page,
        content,
        size,
    }
}

/// The bytes of a dictionary object (`<<...>>`) of the last revision.
fn dict_bytes(pdf: &[u8], r: ObjRef) -> Vec<u8> {
    let doc = Document::parse(pdf, &Limits::default()).unwrap();
    let Object::Dictionary(d) = doc.resolve(r).unwrap() else {
        panic!("{r} is not a dictionary")
    };
    pdf[d.span].to_vec()
}

/// `old` with the `/key value` entry of a direct reference replaced.
fn replace_ref(dict: &[u8], key: &str, new: ObjRef) -> Vec<u8> {
    let text = String::from_utf8(dict.to_vec()).unwrap();
    let at = text.find(&format!("/{key} ")).unwrap() + key.len() + 2;
    let end = at + text[at..].find('R').unwrap() + 1;
    format!(
        "{}{} {} R{}",
        &text[..at],
        new.num,
        new.generation,
        &text[end..]
    )
    .into_bytes()
}

/// What pyHanko says about one signature.
#[derive(Debug)]
struct Theirs {
    field: String,
    byte_range: Vec<u64>,
    signed_revision: u64,
    coverage: String,
    modification: String,
    docmdp_ok: Option<bool>,
    /// The first line of pyHanko's `SuspiciousModification` message.
    suspicious: Option<String>,
}

impl Theirs {
    fn of(v: &serde_json::Value) -> Self {
        assert!(v.get("error").is_none(), "pyHanko failed: {v:#}");
        Self {
            field: v["field"].as_str().unwrap().to_owned(),
            byte_range: v["byte_range"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap())
                .collect(),
            signed_revision: v["signed_revision"].as_u64().unwrap(),
            coverage: v["coverage"].as_str().unwrap().to_owned(),
            modification: v["modification"].as_str().unwrap().to_owned(),
            docmdp_ok: v["docmdp_ok"].as_bool(),
            suspicious: v["suspicious"]
                .as_str()
                .and_then(|m| m.lines().next())
                .map(str::to_owned),
        }
    }

    /// pyHanko's verdict that a later change is not acceptable: suspicious,
    /// level OTHER, or beyond the DocMDP permissions.
    fn flags(&self) -> bool {
        self.modification == "SuspiciousModification"
            || self.modification == "OTHER"
            || self.docmdp_ok == Some(false)
    }

    fn verdict(&self) -> String {
        let mdp = match self.docmdp_ok {
            Some(false) => ", DocMDP violated",
            _ => "",
        };
        format!("{} / {}{mdp}", self.coverage, self.modification)
    }
}

/// The structural part of our verdict on one signature.
struct Ours {
    field: String,
    byte_range: Option<[u64; 4]>,
    revision: Option<usize>,
    covers_whole_file: bool,
    /// Change analysis ran (the signature was not `invalid`).
    analysed: bool,
    not_permitted: Vec<String>,
    identical: usize,
    later: usize,
    indication: String,
    reason: Option<&'static str>,
    /// The deciding check: `id [code]: message`.
    decided: Option<String>,
}

impl Ours {
    fn of(r: &VerificationReport, i: usize) -> Self {
        let s = &r.signatures[i];
        let doc_modified = r
            .checks
            .iter()
            .filter(|c| c.status == CheckStatus::Failed)
            .filter_map(|c| c.code)
            .filter(|k| k.starts_with("pdf.modified"))
            .map(str::to_owned);
        Self {
            field: s.field.clone(),
            byte_range: s.byte_range,
            revision: s.revision,
            covers_whole_file: s.covers_whole_file,
            analysed: s.check("pdf.later-changes").is_some(),
            not_permitted: s
                .later_changes
                .iter()
                .filter(|c| !c.permitted)
                .map(|c| format!("{} {} {}: {}", c.object, c.kind, c.role, c.explanation))
                .chain(doc_modified)
                .collect(),
            identical: s
                .later_changes
                .iter()
                .filter(|c| c.kind == "rewritten-identically")
                .count(),
            later: s.later_changes.len(),
            indication: s.indication.to_string(),
            reason: s.reason,
            decided: s
                .checks
                .iter()
                .find(|c| c.status == CheckStatus::Failed)
                .or_else(|| {
                    s.checks
                        .iter()
                        .find(|c| c.status == CheckStatus::Indeterminate)
                })
                .map(|c| format!("{} {:?} {:?}: {}", c.id, c.status, c.code, c.message)),
        }
    }

    fn verdict(&self) -> String {
        let structure = if self.covers_whole_file {
            "whole file".to_owned()
        } else if !self.analysed {
            format!(
                "rev {:?}, NO change analysis ({} {:?})",
                self.revision, self.indication, self.reason
            )
        } else if self.not_permitted.is_empty() {
            format!(
                "rev {:?}, {} later change(s) permitted ({} identical)",
                self.revision, self.later, self.identical
            )
        } else {
            format!(
                "rev {:?}, modified ({} not permitted)",
                self.revision,
                self.not_permitted.len()
            )
        };
        format!("{structure} [{} {:?}]", self.indication, self.reason)
    }
}

/// What both sides must say about a signature.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expect {
    /// pyHanko ENTIRE_FILE / NONE; ours whole file.
    WholeFile,
    /// pyHanko ENTIRE_REVISION, at most FORM_FILLING, DocMDP kept; ours all permitted.
    Permitted,
    /// pyHanko suspicious or DocMDP violated; ours a change not permitted.
    Modified,
    /// Report only (ISA-7: byte-identical rewrite): both sides printed, no assertion on the verdicts.
    Observe,
}

struct Case {
    id: &'static str,
    what: &'static str,
    pdf: Vec<u8>,
    expect: Vec<Expect>,
}

fn cases(t: &Twins, alg: Alg) -> Vec<Case> {
    let mut out = Vec::new();

    // 1. A clean approval seal.
    let clean = t.seal_once(t.signer(), &t.license, &RECT, alg);
    out.push(Case {
        id: "1 clean",
        what: "one visible approval seal",
        pdf: clean.clone(),
        expect: vec![Expect::WholeFile],
    });

    // 2. P=2 certification, then a further invisible seal.
    let p2 = t.seal_once(
        t.signer().certify(DocMdp::FormFilling),
        &t.license,
        &RECT,
        alg,
    );
    let p2_second = t.seal_once(t.signer(), &p2, &INVISIBLE, alg);
    out.push(Case {
        id: "2 P=2+sig",
        what: "certified /P 2 (visible), then a second invisible seal",
        pdf: p2_second,
        expect: vec![Expect::Permitted, Expect::WholeFile],
    });

    // 3. ISA-1: the page content stream replaced.
    let n = numbers(&clean);
    let isa1 = append_update(
        &clean,
        &[(
            n.content.num,
            b"<< /Length 9 >>\nstream\n0 0 m S\nQ\nendstream".to_vec(),
        )],
        None,
    );
    out.push(Case {
        id: "3 ISA-1",
        what: "update replacing the page content stream",
        pdf: isa1,
        expect: vec![Expect::Modified],
    });

    // 4a. A new page appended to the page tree.
    let pages = dict_bytes(&clean, n.pages);
    let pages_text = String::from_utf8(pages).unwrap();
    let kids = format!("{} {} R", n.page.num, n.page.generation);
    let new_page = n.size;
    let added = pages_text
        .replacen(&kids, &format!("{kids} {new_page} 0 R"), 1)
        .replacen("/Count 1", "/Count 2", 1);
    assert_ne!(added, pages_text, "the /Pages dictionary: {pages_text}");
    let page_body = format!(
        "<< /Type /Page /Parent {} {} R /MediaBox [0 0 595 842] /Resources << >> /Contents {} {} R >>",
        n.pages.num, n.pages.generation, n.content.num, n.content.generation
    );
    let new_page_pdf = append_update(
        &clean,
        &[
            (n.pages.num, added.into_bytes()),
            (new_page, page_body.into_bytes()),
        ],
        None,
    );
    out.push(Case {
        id: "4a page+",
        what: "update adding a second page to /Pages",
        pdf: new_page_pdf,
        expect: vec![Expect::Modified],
    });

    // 4b. The catalog's /Pages re-pointed to a new tree (SH-hr-2 done in the update).
    let (tree, leaf) = (n.size, n.size + 1);
    let catalog = replace_ref(
        &dict_bytes(&clean, n.catalog),
        "Pages",
        ObjRef {
            num: tree,
            generation: 0,
        },
    );
    let repointed = append_update(
        &clean,
        &[
            (n.catalog.num, catalog),
            (
                tree,
                format!("<< /Type /Pages /Kids [{leaf} 0 R] /Count 1 >>").into_bytes(),
            ),
            (
                leaf,
                format!(
                    "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents {} {} R >>",
                    n.content.num, n.content.generation
                )
                .into_bytes(),
            ),
        ],
        None,
    );
    out.push(Case {
        id: "4b /Pages",
        what: "update re-pointing the catalog's /Pages to a new page tree",
        pdf: repointed,
        expect: vec![Expect::Modified],
    });

    // 5. ISA-7: the page dictionary written again, byte for byte.
    let identical = append_update(&clean, &[(n.page.num, dict_bytes(&clean, n.page))], None);
    out.push(Case {
        id: "5 ISA-7",
        what: "update rewriting the page dictionary byte-identically",
        pdf: identical,
        expect: vec![Expect::Observe],
    });

    // 6. P=1 certification, then a further invisible seal. gmseal refuses to
    // seal a /P 1 document, so the second update is prepared on the /P 2
    // twin (same length, same layout: only the /P digit and the first CMS
    // differ) and spliced onto the /P 1 file before it is signed.
    let p1 = t.seal_once(
        t.signer().certify(DocMdp::NoChanges),
        &t.license,
        &RECT,
        alg,
    );
    assert_eq!(p1.len(), p2.len(), "the /P 1 and /P 2 twins share a layout");
    let diff: Vec<usize> = (0..p1.len()).filter(|&i| p1[i] != p2[i]).collect();
    let [_, a, b, _] = t.verify(&p2).signatures[0]
        .byte_range
        .unwrap()
        .map(|x| usize::try_from(x).unwrap());
    let outside: Vec<usize> = diff.iter().copied().filter(|&i| i < a || i >= b).collect();
    assert_eq!(
        outside.len(),
        1,
        "outside /Contents only the /P digit differs: {outside:?}"
    );
    assert_eq!(&p1[outside[0] - 3..=outside[0]], b"/P 1");
    let prepared = t.prepare(t.signer(), &p2, &INVISIBLE);
    let p1_second = t.sign(prepared, Some(&p1), alg);
    out.push(Case {
        id: "6 P=1+sig",
        what: "certified /P 1 (visible), then a second invisible seal",
        pdf: p1_second,
        expect: vec![Expect::Modified, Expect::WholeFile],
    });
    out
}

/// Compare one signature; the disagreements, if any.
fn compare(ours: &Ours, theirs: &Theirs, expect: Expect) -> Vec<String> {
    let mut bad = Vec::new();
    if ours.field != theirs.field {
        bad.push(format!(
            "field: ours {} pyHanko {}",
            ours.field, theirs.field
        ));
    }
    if ours.byte_range.map(Vec::from) != Some(theirs.byte_range.clone()) {
        bad.push(format!(
            "ByteRange: ours {:?} pyHanko {:?}",
            ours.byte_range, theirs.byte_range
        ));
    }
    if ours.revision.map(|r| r as u64) != Some(theirs.signed_revision) {
        bad.push(format!(
            "signed revision: ours {:?} pyHanko {}",
            ours.revision, theirs.signed_revision
        ));
    }
    if ours.covers_whole_file != (theirs.coverage == "ENTIRE_FILE") {
        bad.push(format!(
            "whole-file coverage: ours {} pyHanko {}",
            ours.covers_whole_file, theirs.coverage
        ));
    }
    let analysed = ours.covers_whole_file || ours.analysed;
    match expect {
        Expect::WholeFile => {
            if theirs.coverage != "ENTIRE_FILE" || theirs.modification != "NONE" {
                bad.push(format!(
                    "pyHanko: {} (expected ENTIRE_FILE / NONE)",
                    theirs.verdict()
                ));
            }
            if !ours.covers_whole_file || ours.later != 0 {
                bad.push(format!("ours: {} (expected whole file)", ours.verdict()));
            }
        }
        Expect::Permitted => {
            let level_ok =
                ["NONE", "LTA_UPDATES", "FORM_FILLING"].contains(&theirs.modification.as_str());
            if theirs.coverage != "ENTIRE_REVISION" || !level_ok || theirs.flags() {
                bad.push(format!(
                    "pyHanko: {} (expected ENTIRE_REVISION, at most FORM_FILLING)",
                    theirs.verdict()
                ));
            }
            if !analysed {
                bad.push(format!(
                    "ours: no change analysis: the signature is {}, decided by {}, so `later_changes` is empty and there is nothing to compare (the library should make unsupported algorithms indeterminate and still analyse later revisions)",
                    ours.indication,
                    ours.decided.as_deref().unwrap_or("?")
                ));
            } else if !ours.not_permitted.is_empty() {
                bad.push(format!("ours: not permitted: {:?}", ours.not_permitted));
            }
        }
        Expect::Modified => {
            if !theirs.flags() {
                bad.push(format!("pyHanko: {} (expected a flag)", theirs.verdict()));
            }
            if !analysed {
                bad.push(format!(
                    "ours: no change analysis: the signature is {}, decided by {}, so `later_changes` is empty and there is nothing to compare (the library should make unsupported algorithms indeterminate and still analyse later revisions)",
                    ours.indication,
                    ours.decided.as_deref().unwrap_or("?")
                ));
            } else if ours.not_permitted.is_empty() {
                bad.push(format!(
                    "ours: {} (expected a change not permitted)",
                    ours.verdict()
                ));
            }
        }
        Expect::Observe => {
            if !analysed {
                bad.push(format!(
                    "ours: no change analysis: the signature is {}, decided by {}",
                    ours.indication,
                    ours.decided.as_deref().unwrap_or("?")
                ));
            }
        }
    }
    bad
}

/// pyHanko's verdict on the ECDSA twins against our structural verdict on
/// the `ours` twins (the same fixtures, the same layout); the table and the
/// disagreements.
fn judge(ours_alg: Alg) -> Option<(String, Vec<String>)> {
    if !oracles_present() {
        return None;
    }
    let started = std::time::Instant::now();
    let t = Twins::new();
    let ecdsa = cases(&t, Alg::Ecdsa);
    let twins = if ours_alg == Alg::Ecdsa {
        None
    } else {
        Some(cases(&t, ours_alg))
    };
    let made = started.elapsed();
    let mut table = format!(
        "| fixture | sig | pyHanko on the ECDSA twin (coverage / diff) | ours on the {ours_alg:?} twin (structure) [indication reason] | agree |\n|---|---|---|---|---|\n"
    );
    let mut disagreements = Vec::new();
    for (k, case) in ecdsa.iter().enumerate() {
        let name = format!("{}.pdf", case.id.replace([' ', '/', '=', '+'], "_"));
        let mine = twins.as_ref().map_or(case, |c| &c[k]);
        assert_eq!(mine.id, case.id);
        let ours = t.verify(&mine.pdf);
        let theirs = t.pyhanko(&name, &case.pdf);
        if let Some(e) = theirs.get("error") {
            disagreements.push(format!("{}: pyHanko could not read the file: {e}", case.id));
            continue;
        }
        let sigs = theirs["signatures"].as_array().cloned().unwrap_or_default();
        if sigs.len() != case.expect.len() || ours.signatures.len() != case.expect.len() {
            disagreements.push(format!(
                "{}: {} signature(s) expected; pyHanko {}, ours {}",
                case.id,
                case.expect.len(),
                sigs.len(),
                ours.signatures.len()
            ));
            continue;
        }
        // pyHanko lists signatures in field order; ours are in revision order.
        for (i, expect) in case.expect.iter().enumerate() {
            let o = Ours::of(&ours, i);
            let Some(th) = sigs.iter().map(Theirs::of).find(|th| th.field == o.field) else {
                disagreements.push(format!("{}: pyHanko has no field {}", case.id, o.field));
                continue;
            };
            let mut bad = compare(&o, &th, *expect);
            if ours_alg == Alg::Sm2 {
                // The SM2 twin must verify, so that its verdict is the structure's.
                let s = &ours.signatures[i];
                if s.check("pdf.cms")
                    .is_none_or(|c| c.status != CheckStatus::Passed)
                {
                    bad.push(format!(
                        "the SM2 twin's CMS does not verify: {:?}",
                        o.decided
                    ));
                }
            }
            let _ = writeln!(
                table,
                "| {} | {} | {} | {} | {} |",
                case.id,
                o.field,
                th.verdict(),
                o.verdict(),
                match (bad.is_empty(), *expect == Expect::Observe) {
                    (true, true) => "(observed)",
                    (true, false) => "yes",
                    (false, _) => "NO",
                }
            );
            if th.flags() || !o.not_permitted.is_empty() {
                println!(
                    "{} {}: pyHanko: {}; ours: {:?}",
                    case.id,
                    o.field,
                    th.suspicious.as_deref().unwrap_or(&th.verdict()),
                    o.not_permitted
                );
            }
            if *expect == Expect::Observe {
                println!(
                    "{} ({}): pyHanko {}; ours ({ours_alg:?}) {}; our later changes: {}",
                    case.id,
                    case.what,
                    th.verdict(),
                    o.verdict(),
                    serde_json::to_string(&ours.signatures[i].later_changes).unwrap()
                );
            }
            for b in bad {
                disagreements.push(format!("{} {} ({}): {b}", case.id, o.field, case.what));
            }
        }
    }
    println!("\n{table}");
    println!(
        "{} fixtures x {} twin(s): made in {:.1?}, judged in {:.1?}",
        ecdsa.len(),
        if twins.is_some() { 2 } else { 1 },
        made,
        started.elapsed() - made
    );
    Some((table, disagreements))
}

/// The cross-check the issue asks for: pyHanko and gmseal on the very same
/// ECDSA files. gmseal cannot verify ECDSA, which must leave the signature
/// `indeterminate` with its structural verdict (later changes) intact.
#[test]
fn pyhanko_agrees_with_our_structural_verdict_on_ecdsa_twins() {
    let Some((table, disagreements)) = judge(Alg::Ecdsa) else {
        return;
    };
    assert!(
        disagreements.is_empty(),
        "pyHanko and gmseal disagree on the ECDSA twins (or gmseal skipped the structural analysis):\n  {}\n\n{table}",
        disagreements.join("\n  ")
    );
}

/// The SM2 twins (same fixtures, same layout, gmseal's own signature)
/// verify in full; their structural verdict must be pyHanko's on the ECDSA twins.
#[test]
fn our_verdict_on_sm2_twins_matches_pyhanko_on_ecdsa_twins() {
    let Some((table, disagreements)) = judge(Alg::Sm2) else {
        return;
    };
    assert!(
        disagreements.is_empty(),
        "pyHanko on the ECDSA twins and gmseal on the SM2 twins disagree:\n  {}\n\n{table}",
        disagreements.join("\n  ")
    );
}
