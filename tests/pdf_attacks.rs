//! The attack catalogue of pdf-signatures.md §3 run against gmseal's
//! verifier: every recipe takes a document gmseal sealed (the CMS flavour and
//! the SES flavour where the attack applies to both) and returns the attacked
//! bytes; each case asserts the indication and the reason code that
//! identifies the attack. Positive controls (legitimate later revisions) must
//! keep their exact verdict: a false reject is as bad as a miss.
//!
//! Every case prints `{id} {flavour}: {indication} {reason}`; run with
//! `cargo test --test pdf_attacks -- --nocapture` to see the list, and set
//! `GMSEAL_ATTACK_DUMP=dir` to write every attacked file there. A class
//! runs all its cases before failing, and the failure lists every case whose
//! verdict differs, with an excerpt of its report.
//!
//! Recipes that edit signed bytes in place re-sign the file afterwards where
//! a signature can still be computed (`Ctx::resign`): the signer's own
//! signature then verifies, so the only thing left wrong is the structural
//! defect the case is about. Where the edit makes the ranges meaningless, the
//! structural check runs before the cryptography and must decide.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::cast_possible_truncation,
    clippy::too_many_arguments
)]

#[path = "support/mod_pdf_attack.rs"]
mod attack;

use attack::*;
use gmseal::cms::OidFamily;
use gmseal::crypto::{PrivateKey, PublicKey, Signature, Signer};
use gmseal::pdf::sign::{DocMdp, Flavour, PdfSigner, PreparedPdf};
use gmseal::pdf::verify::PdfIndication;
use std::sync::OnceLock;

type Recipe = fn(&Ctx, Flavour) -> Option<Vec<u8>>;

struct Case {
    id: &'static str,
    recipe: Recipe,
    expect: Expect,
}

const VALID: &[PdfIndication] = &[PdfIndication::Valid];
const PERMITTED: &[PdfIndication] = &[PdfIndication::ValidWithPermittedChanges];
const INDETERMINATE: &[PdfIndication] = &[PdfIndication::Indeterminate];
const MODIFIED: &[PdfIndication] = &[PdfIndication::Modified];
const INVALID: &[PdfIndication] = &[PdfIndication::Invalid];
/// Unsigned data outside a revision: invalid (`pdf.malformed`) or modified
/// (`pdf.modified.trailing-data`), both acceptable per the brief.
const NOT_VALID_TRAILING: &[PdfIndication] = &[PdfIndication::Invalid, PdfIndication::Modified];

/// The hygiene warnings on a signed revision (pdf-signatures.md §3.4 SH-pre).
const HYGIENE: &[&str] = &[
    "pdf.hygiene.unreferenced-object",
    "pdf.hygiene.duplicate-object",
];

const fn expect(indication: &'static [PdfIndication], wants: &'static [Want]) -> Expect {
    Expect { indication, wants }
}

static CTX: OnceLock<Ctx> = OnceLock::new();

fn ctx() -> &'static Ctx {
    CTX.get_or_init(Ctx::new)
}

const FLAVOURS: [Flavour; 2] = [Flavour::CmsPkcs7, Flavour::Ses];

/// Run every case in both flavours, print one line each, fail with all mismatches.
fn run(class: &str, cases: &[Case]) {
    let ctx = ctx();
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in cases {
        for flavour in FLAVOURS {
            let Some(bytes) = (case.recipe)(ctx, flavour) else {
                continue;
            };
            ran += 1;
            if let Some(dir) = std::env::var_os("GMSEAL_ATTACK_DUMP") {
                let name: String = format!("{} {}", case.id, flavour_name(flavour))
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                    .collect();
                std::fs::write(std::path::Path::new(&dir).join(name + ".pdf"), &bytes).unwrap();
            }
            let r = ctx.verify(&bytes);
            println!(
                "{} {}: {} {}",
                case.id,
                flavour_name(flavour),
                r.indication,
                r.reason.unwrap_or("-")
            );
            let m = mismatches(&r, &case.expect);
            if !m.is_empty() {
                failures.push(format!(
                    "{} {}: {}\n{}",
                    case.id,
                    flavour_name(flavour),
                    m.join("; "),
                    excerpt(&r)
                ));
            }
        }
    }
    assert!(ran > 0, "{class}: no case ran");
    assert!(
        failures.is_empty(),
        "{class}: {} of {ran} verdict(s) differ from the expectation:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

// ---------------------------------------------------------------------------
// Bases.
// ---------------------------------------------------------------------------

/// Our documents' default: a visible seal certifying with `/P 1`.
fn p1(ctx: &Ctx, fl: Flavour) -> Vec<u8> {
    ctx.certified(fl, DocMdp::NoChanges)
}

fn p2(ctx: &Ctx, fl: Flavour) -> Vec<u8> {
    ctx.certified(fl, DocMdp::FormFilling)
}

fn p3(ctx: &Ctx, fl: Flavour) -> Vec<u8> {
    ctx.certified(fl, DocMdp::Annotations)
}

/// Overwrite the `/Contents` token `[a, b)` with `text`, space-padded.
fn set_gap(pdf: &[u8], text: &[u8]) -> Vec<u8> {
    let s = sig0(pdf);
    let mut out = pdf.to_vec();
    assert!(text.len() <= s.gap().len());
    put(&mut out, s.a(), text);
    for b in &mut out[s.a() + text.len()..s.b()] {
        *b = b' ';
    }
    out
}

/// Overwrite the `/ByteRange` value (and its padding) with `text`.
fn set_byte_range(pdf: &[u8], text: &str) -> Vec<u8> {
    let s = sig0(pdf);
    let mut out = pdf.to_vec();
    put(&mut out, s.br_text.start, &padded(text, s.br_text.len()));
    out
}

/// The sub-filter name with its last letter changed (same length).
fn unknown_sub_filter(fl: Flavour) -> (Vec<u8>, Vec<u8>) {
    let from = format!("/SubFilter /{}", fl.sub_filter()).into_bytes();
    let mut to = from.clone();
    let last = to.len() - 1;
    to[last] = if to[last] == b'x' { b'y' } else { b'x' };
    (from, to)
}

// ---------------------------------------------------------------------------
// §3.1 Universal signature forgery.
// ---------------------------------------------------------------------------

fn usf1_rename(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    Some(replace_in(&pdf, s.dict, b"/Contents <", b"/Contentz <"))
}

fn usf1_blank(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let mut out = pdf;
    for b in &mut out[s.a() - 10..s.b()] {
        *b = b' ';
    }
    Some(out)
}

/// An update re-declares the signature dictionary without `/Contents`.
fn usf1_update(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let d = dict_of(&pdf, s.num);
    Some(update(
        &pdf,
        vec![(s.num, dict_with(&d, &[], &["Contents"]))],
    ))
}

fn usf2_empty(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(set_gap(&p1(ctx, fl), b"<>"))
}

fn usf2_zeros(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let mut out = pdf;
    for b in &mut out[s.a() + 1..s.b() - 1] {
        *b = b'0';
    }
    Some(out)
}

fn usf3_null(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(set_gap(&p1(ctx, fl), b"null"))
}

fn usf3_ref_missing(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(set_gap(&p1(ctx, fl), b"9999 0 R"))
}

/// `/Contents N 0 R` with N holding the genuine value in a later update: a
/// verifier that follows the reference finds a signature that verifies.
fn usf3_ref_genuine(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let genuine = pdf[s.gap()].to_vec();
    let n = next_num(&pdf);
    let out = set_gap(&pdf, format!("{n} 0 R").as_bytes());
    Some(update(&out, vec![(n, genuine)]))
}

fn usf4_array(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(set_gap(&p1(ctx, fl), b"[<00> 1 2]"))
}

fn usf4_number(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(set_gap(&p1(ctx, fl), b"0"))
}

/// The hex digits kept, delimited as a literal string.
fn usf4_literal(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let mut out = pdf;
    out[s.a()] = b'(';
    out[s.b() - 1] = b')';
    Some(out)
}

fn usf5_rename(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    Some(replace_in(&pdf, s.dict, b"/ByteRange ", b"/ByteRangf "))
}

fn usf5_blank(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let mut out = pdf;
    for b in &mut out[s.br_text.start - 11..s.br_text.end] {
        *b = b' ';
    }
    Some(out)
}

fn usf6_null(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(set_byte_range(&p1(ctx, fl), "null"))
}

fn usf6_empty(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(set_byte_range(&p1(ctx, fl), "[]"))
}

fn usf6_zeros(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(set_byte_range(&p1(ctx, fl), "[0 0 0 0]"))
}

fn usf6_two(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let a = sig0(&pdf).a();
    Some(set_byte_range(&pdf, &format!("[0 {a}]")))
}

/// A two-step seal (`prepare`/`embed`) whose CMS is edited by `edit`.
fn cms_embedded(ctx: &Ctx, edit: impl FnOnce(&mut Cms)) -> Vec<u8> {
    let prepared = ctx
        .signer(Flavour::CmsPkcs7)
        .certify(DocMdp::NoChanges)
        .prepare(&ctx.license, &RECT, ctx.time)
        .unwrap();
    let der = ctx
        .who()
        .cms(Flavour::CmsPkcs7, ctx.time)
        .sign_digest(&prepared.digest())
        .unwrap();
    let mut cms = Cms::parse(&der);
    assert_eq!(cms.build(), der, "the DER surgery round-trips");
    edit(&mut cms);
    prepared.embed(&cms.build()).unwrap()
}

fn usf7_no_signer_info(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    (fl != Flavour::Ses).then(|| cms_embedded(ctx, |c| c.signer_infos.clear()))
}

fn usf7_no_certificates(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    (fl != Flavour::Ses).then(|| cms_embedded(ctx, Cms::drop_certificates))
}

/// The messageDigest attribute removed and the attributes signed again.
fn usf7_no_message_digest(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    (fl != Flavour::Ses).then(|| {
        cms_embedded(ctx, |c| {
            let attrs: Vec<Vec<u8>> = c
                .attributes(0)
                .into_iter()
                .filter(|a| !content(a).starts_with(OID_MESSAGE_DIGEST))
                .collect();
            assert_eq!(attrs.len() + 1, c.attributes(0).len());
            c.set_attributes(0, &attrs, &ctx.f.signer_key);
        })
    })
}

/// An empty signature value: an empty OCTET STRING (CMS) or BIT STRING (SES).
fn usf7_empty_signature(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    if fl != Flavour::Ses {
        return Some(cms_embedded(ctx, |c| c.signer_infos[0][5] = der(0x04, &[])));
    }
    let prepared = ctx
        .signer(Flavour::Ses)
        .certify(DocMdp::NoChanges)
        .prepare(&ctx.license, &RECT, ctx.time)
        .unwrap();
    let value = ctx.who().value(
        Flavour::Ses,
        &prepared.digest(),
        prepared.byte_range(),
        ctx.time,
    );
    let mut parts = children(content(&value));
    let last = parts.last_mut().unwrap();
    assert_eq!(
        last[0], 0x03,
        "the SES_Signature ends with its signature BIT STRING"
    );
    *last = vec![0x03, 0x01, 0x00];
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    Some(prepared.embed(&der(0x30, &refs)).unwrap())
}

/// An unknown `/SubFilter`, the file re-signed.
fn usf8_sub_filter(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let (from, to) = unknown_sub_filter(fl);
    let mut out = replace_in(&pdf, s.dict.clone(), &from, &to);
    ctx.resign(&mut out, fl, s.br, s.gap());
    Some(out)
}

/// An unknown `/Filter` with a known `/SubFilter`, re-signed. ISO 32000-1
/// §12.8.1 lets a reader use any handler that supports the `/SubFilter`, and
/// pdf-signatures.md §2.1 says never to dispatch on `/Filter`: the verdict is
/// the one the sub-filter gives, here valid.
fn usf8_filter(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let mut out = replace_in(
        &pdf,
        s.dict.clone(),
        b"/Filter /Adobe.PPKLite /SubFilter",
        b"/Filter /Unknown.Hndlr /SubFilter",
    );
    ctx.resign(&mut out, fl, s.br, s.gap());
    Some(out)
}

/// No `/Filter` at all (renamed), re-signed.
fn usf8_no_filter(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let mut out = replace_in(
        &pdf,
        s.dict.clone(),
        b"/Filter /Adobe.PPKLite /SubFilter",
        b"/Filtex /Adobe.PPKLite /SubFilter",
    );
    ctx.resign(&mut out, fl, s.br, s.gap());
    Some(out)
}

/// The `/Contents` of another document sealed by the same signer.
fn usf9_transplant(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let n = numbers(&ctx.license);
    let another = update(
        &ctx.license,
        vec![(n.info, b"<< /Title (Another document) >>".to_vec())],
    );
    let other = ctx.seal_doc(&another, fl, Some(DocMdp::NoChanges), &RECT);
    let (s, o) = (sig0(&pdf), sig0(&other));
    assert_eq!(s.gap().len(), o.gap().len(), "same signer, same capacity");
    let mut out = pdf;
    out[s.gap()].copy_from_slice(&other[o.gap()]);
    Some(out)
}

#[test]
fn usf_universal_signature_forgery() {
    const MISSING: Expect = expect(INVALID, &[Want::Reason(&["pdf.contents-missing"])]);
    const NOT_STRING: Expect = expect(INVALID, &[Want::Reason(&["pdf.contents-not-string"])]);
    const BR: Expect = expect(INVALID, &[Want::Reason(&["pdf.byte-range-malformed"])]);
    run(
        "USF",
        &[
            Case {
                id: "USF-1 rename /Contents",
                recipe: usf1_rename,
                expect: MISSING,
            },
            Case {
                id: "USF-1 remove /Contents",
                recipe: usf1_blank,
                expect: MISSING,
            },
            Case {
                id: "USF-1 update without /Contents",
                recipe: usf1_update,
                // The signature is verified as signed; re-declaring its
                // dictionary later is a modification.
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.form"])]),
            },
            Case {
                id: "USF-2 /Contents <>",
                recipe: usf2_empty,
                expect: expect(
                    INVALID,
                    &[Want::Reason(&[
                        "pdf.contents-gap-mismatch",
                        "pdf.contents-empty",
                    ])],
                ),
            },
            Case {
                id: "USF-2 zero-filled",
                recipe: usf2_zeros,
                expect: expect(INVALID, &[Want::Reason(&["pdf.contents-empty"])]),
            },
            Case {
                id: "USF-3 /Contents null",
                recipe: usf3_null,
                expect: NOT_STRING,
            },
            Case {
                id: "USF-3 ref to missing",
                recipe: usf3_ref_missing,
                expect: NOT_STRING,
            },
            Case {
                id: "USF-3 ref to the genuine value",
                recipe: usf3_ref_genuine,
                expect: NOT_STRING,
            },
            Case {
                id: "USF-4 array",
                recipe: usf4_array,
                expect: NOT_STRING,
            },
            Case {
                id: "USF-4 number",
                recipe: usf4_number,
                expect: NOT_STRING,
            },
            Case {
                id: "USF-4 literal string",
                recipe: usf4_literal,
                expect: expect(INVALID, &[Want::Reason(&["pdf.contents-not-hex"])]),
            },
            Case {
                id: "USF-5 rename /ByteRange",
                recipe: usf5_rename,
                expect: BR,
            },
            Case {
                id: "USF-5 remove /ByteRange",
                recipe: usf5_blank,
                expect: BR,
            },
            Case {
                id: "USF-6 /ByteRange null",
                recipe: usf6_null,
                expect: BR,
            },
            Case {
                id: "USF-6 /ByteRange []",
                recipe: usf6_empty,
                expect: BR,
            },
            Case {
                id: "USF-6 /ByteRange [0 0 0 0]",
                recipe: usf6_zeros,
                expect: BR,
            },
            Case {
                id: "USF-6 /ByteRange two numbers",
                recipe: usf6_two,
                expect: BR,
            },
            Case {
                id: "USF-7 zero SignerInfos",
                recipe: usf7_no_signer_info,
                expect: expect(
                    INVALID,
                    &[Want::Reason(&["cms.invalid", "decode.malformed"])],
                ),
            },
            Case {
                id: "USF-7 no certificates",
                recipe: usf7_no_certificates,
                expect: expect(
                    INVALID,
                    &[Want::Reason(&["cms.signer-certificate-missing"])],
                ),
            },
            Case {
                id: "USF-7 no messageDigest",
                recipe: usf7_no_message_digest,
                expect: expect(INVALID, &[Want::Reason(&["cms.invalid"])]),
            },
            Case {
                id: "USF-7 empty signature",
                recipe: usf7_empty_signature,
                expect: expect(
                    INVALID,
                    &[Want::Reason(&[
                        "cms.bad-signature",
                        "crypto.malformed-signature",
                        "signature.bad",
                        "decode.malformed",
                    ])],
                ),
            },
            Case {
                id: "USF-8 unknown /SubFilter",
                recipe: usf8_sub_filter,
                expect: expect(
                    INDETERMINATE,
                    &[Want::Reason(&["pdf.unsupported-sub-filter"])],
                ),
            },
            Case {
                id: "USF-8 unknown /Filter",
                recipe: usf8_filter,
                expect: expect(VALID, &[Want::NoReason]),
            },
            Case {
                id: "USF-8 no /Filter",
                recipe: usf8_no_filter,
                expect: expect(INVALID, &[Want::Reason(&["pdf.no-filter"])]),
            },
            Case {
                id: "USF-9 transplanted /Contents",
                recipe: usf9_transplant,
                expect: expect(
                    INVALID,
                    &[Want::Reason(&[
                        "cms.digest-mismatch",
                        "signature.data-hash-mismatch",
                    ])],
                ),
            },
        ],
    );
}

// ---------------------------------------------------------------------------
// §3.2 Incremental saving attacks.
// ---------------------------------------------------------------------------

fn forged_content() -> Vec<u8> {
    stream("", b"BT /F0 48 Tf 100 300 Td <00010002> Tj ET")
}

fn isa1_page_content(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let n = numbers(&pdf);
    Some(update(&pdf, vec![(n.content, forged_content())]))
}

/// A redefinition of the page content after `%%EOF`, no xref, no trailer.
fn isa2_trailing_objects(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let mut pdf = ctx.approval(fl);
    let n = numbers(&pdf);
    write_object(&mut pdf, n.content, 0, &forged_content());
    Some(pdf)
}

/// The update's xref entry points 3 bytes past its object.
fn isa3_wrong_offset(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    assert!(pdf.ends_with(b"\n"));
    let n = numbers(&pdf);
    let u = Update {
        unlisted: vec![(n.content, 0, forged_content())],
        entries: vec![(n.content, Entry::At(pdf.len() + 3, 0))],
        ..Update::default()
    };
    Some(append(&pdf, &u).pdf)
}

/// Objects and a trailer, no xref section: `startxref` points at `trailer`.
fn isa3_missing_xref(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let n = numbers(&pdf);
    let doc = parse(&pdf);
    let prev = doc.revisions().last().unwrap().xref_offset();
    let size = next_num(&pdf);
    let mut out = pdf.clone();
    write_object(&mut out, n.content, 0, &forged_content());
    let t = out.len();
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {size} /Root {} 0 R /Prev {prev} >>\nstartxref\n{t}\n%%EOF\n",
            n.catalog
        )
        .as_bytes(),
    );
    Some(out)
}

/// The catalog (with the form) and the signature field re-declared
/// byte-identically next to a content change, as if the update belonged to
/// the signature.
fn isa4_redeclare_form(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let n = numbers(&pdf);
    let s = sig0(&pdf);
    Some(update(
        &pdf,
        vec![
            (n.catalog, raw_body(&pdf, n.catalog)),
            (s.field, raw_body(&pdf, s.field)),
            (n.content, forged_content()),
        ],
    ))
}

/// The signature dictionary itself re-declared (byte-identical) next to a
/// content change. The signed revision is intact: modified, not invalid.
fn isa4_redeclare_signature(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let n = numbers(&pdf);
    let s = sig0(&pdf);
    Some(update(
        &pdf,
        vec![(s.num, pdf[s.dict].to_vec()), (n.content, forged_content())],
    ))
}

fn isa5_info(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let n = numbers(&pdf);
    Some(update(
        &pdf,
        vec![(
            n.info,
            b"<< /Title (Forged) /Producer (gmseal 0.1.0) >>".to_vec(),
        )],
    ))
}

fn isa5_xmp(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let n = numbers(&pdf);
    Some(update(
        &pdf,
        vec![(
            n.xmp,
            stream(
                "/Type /Metadata /Subtype /XML",
                b"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"></x:xmpmeta>",
            ),
        )],
    ))
}

fn catalog_without_fields(pdf: &[u8]) -> (u32, Vec<u8>) {
    let (num, catalog) = catalog_of(pdf);
    (
        num,
        dict_with(
            &catalog,
            &[("AcroForm", "<< /Fields [] /SigFlags 3 >>".into())],
            &[],
        ),
    )
}

fn isa6_unlisted(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    Some(update(&pdf, vec![catalog_without_fields(&pdf)]))
}

fn isa6_unlisted_and_freed(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let s = sig0(&pdf);
    let mut u = Update::with(vec![catalog_without_fields(&pdf)]);
    u.entries = vec![(s.num, Entry::Free(1)), (s.field, Entry::Free(1))];
    Some(append(&pdf, &u).pdf)
}

/// Only the signature's objects freed; the form still lists the field.
fn isa6_freed_only(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let s = sig0(&pdf);
    let u = Update {
        entries: vec![(s.num, Entry::Free(1)), (s.field, Entry::Free(1))],
        ..Update::default()
    };
    Some(append(&pdf, &u).pdf)
}

fn isa7_identical(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let n = numbers(&pdf);
    Some(update(&pdf, vec![(n.page, raw_body(&pdf, n.page))]))
}

fn isa7_identical_p1(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let n = numbers(&pdf);
    Some(update(&pdf, vec![(n.page, raw_body(&pdf, n.page))]))
}

#[test]
fn isa_incremental_saving() {
    run(
        "ISA",
        &[
            Case {
                id: "ISA-1 page content",
                recipe: isa1_page_content,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.page"])]),
            },
            Case {
                id: "ISA-2 objects after %%EOF",
                recipe: isa2_trailing_objects,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.trailing-data"])]),
            },
            Case {
                id: "ISA-3 xref offset wrong",
                recipe: isa3_wrong_offset,
                expect: expect(INVALID, &[Want::Reason(&["pdf.malformed"])]),
            },
            Case {
                id: "ISA-3 xref missing",
                recipe: isa3_missing_xref,
                expect: expect(INVALID, &[Want::Reason(&["pdf.malformed"])]),
            },
            Case {
                id: "ISA-4 form re-declared",
                recipe: isa4_redeclare_form,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.page"])]),
            },
            Case {
                id: "ISA-4 signature re-declared",
                recipe: isa4_redeclare_signature,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.form"])]),
            },
            Case {
                id: "ISA-5 /Info",
                recipe: isa5_info,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.metadata"])]),
            },
            Case {
                id: "ISA-5 XMP",
                recipe: isa5_xmp,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.metadata"])]),
            },
            Case {
                id: "ISA-6 field unlisted",
                recipe: isa6_unlisted,
                expect: expect(
                    MODIFIED,
                    &[
                        Want::Reason(&["pdf.modified.signature-removed"]),
                        Want::Failed("pdf.modified.signature-removed"),
                    ],
                ),
            },
            Case {
                id: "ISA-6 field unlisted, objects freed",
                recipe: isa6_unlisted_and_freed,
                expect: expect(
                    MODIFIED,
                    &[
                        Want::Reason(&["pdf.modified.signature-removed"]),
                        Want::Failed("pdf.modified.signature-removed"),
                    ],
                ),
            },
            Case {
                id: "ISA-6 objects freed, still listed",
                recipe: isa6_freed_only,
                expect: expect(
                    MODIFIED,
                    &[
                        Want::Reason(&["pdf.modified.signature-removed"]),
                        Want::Failed("pdf.modified.signature-removed"),
                    ],
                ),
            },
            Case {
                id: "ISA-7 identical rewrite",
                recipe: isa7_identical,
                expect: expect(
                    PERMITTED,
                    &[Want::NoReason, Want::Change("rewritten-identically")],
                ),
            },
            Case {
                id: "ISA-7 identical rewrite after P=1",
                recipe: isa7_identical_p1,
                expect: expect(
                    PERMITTED,
                    &[Want::NoReason, Want::Change("rewritten-identically")],
                ),
            },
        ],
    );
}

/// ISA-8 / positive control: a DSS-only update (catalog `/DSS` with the root
/// certificate) after a `/P 1` certification. ISO 32000-2 §12.8.2.2 permits
/// it; document timestamps are not supported yet, so DSS alone is tested.
fn isa8_dss(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let cert = next_num(&pdf);
    Some(update(
        &pdf,
        vec![
            (cert, stream("", ctx.f.root.der())),
            catalog_with_field(&pdf, None, &[("DSS", format!("<< /Certs [{cert} 0 R] >>"))]),
        ],
    ))
}

#[test]
fn isa8_dss_after_p1_is_permitted() {
    run(
        "ISA-8",
        &[Case {
            id: "ISA-8 DSS after P=1",
            recipe: isa8_dss,
            expect: expect(PERMITTED, &[Want::NoReason]),
        }],
    );
}

// ---------------------------------------------------------------------------
// §3.3 Signature wrapping.
// ---------------------------------------------------------------------------

/// A CMS without the chain certificate: shorter than the room gmseal left.
fn short_value(ctx: &Ctx, fl: Flavour, digest: &[u8; 32], br: [usize; 4]) -> Vec<u8> {
    let who = Who {
        chain: Vec::new(),
        ..ctx.who()
    };
    who.value(fl, digest, br, ctx.time)
}

/// The published layout: the second signed block moved back, the `/Contents`
/// value shortened, attacker objects and an xref section in the freed gap,
/// placed exactly where the signed trailer's `startxref` points. The
/// ByteRange names the moved block and the file is re-signed, so the CMS
/// verifies (as in the paper); only the layout is wrong.
fn swa1_wrapping(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let (a, b) = (s.a(), s.b());
    let doc = parse(&pdf);
    let signed = doc.revisions().last().unwrap().clone();
    let license_xref = doc.revisions()[0].xref_offset();
    let x = signed.xref_offset();
    assert!(x > b);
    let n = numbers(&pdf);
    // Room for the value: the short CMS (CMS), or the same size (SES).
    let room = if fl == Flavour::Ses {
        (b - a - 2) / 2
    } else {
        short_value(ctx, fl, &[0; 32], [0; 4]).len() + 8
    };
    let mut out = set_byte_range(&pdf, &format!("[0 {a} {b} {}]", s.c()))[..a].to_vec();
    out.push(b'<');
    out.resize(out.len() + 2 * room, b'0');
    out.push(b'>');
    let token = a..out.len();
    // Everything up to the moved block is wrapped in a literal string value
    // of a dummy key, so that the signature dictionary still parses.
    out.extend_from_slice(b" /Pad (\n");
    let mut obj = Vec::new();
    write_object(&mut obj, n.content, 0, &forged_content());
    // The CMS flavour frees room for an attacker object before the section;
    // an SES_Signature cannot shrink, so its section only re-lists the
    // signed objects.
    let with_object = out.len() + obj.len() <= x;
    let content_at = out.len();
    if with_object {
        out.extend_from_slice(&obj);
    }
    assert!(out.len() <= x, "no room before the signed startxref target");
    out.resize(x, b' ');
    // The attacker's section at the offset the signed trailer names.
    let mut entries: Vec<(u32, String)> = signed
        .entries()
        .iter()
        .map(|(num, e)| match e {
            gmseal::pdf::parse::XrefEntry::InUse { offset, generation } => {
                (*num, format!("{offset:010} {generation:05} n \n"))
            }
            other => panic!("{other:?}"),
        })
        .collect();
    if with_object {
        entries.push((n.content, format!("{content_at:010} 00000 n \n")));
    }
    entries.sort();
    out.extend_from_slice(b"xref\n");
    for (num, line) in &entries {
        out.extend_from_slice(format!("{num} 1\n").as_bytes());
        out.extend_from_slice(line.as_bytes());
    }
    let size = next_num(&pdf);
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {size} /Root {} 0 R /Prev {license_xref} >>\nstartxref\n{x}\n%%EOF\n",
            n.catalog
        )
        .as_bytes(),
    );
    out.push(b')');
    let b2 = out.len();
    out.extend_from_slice(&pdf[b..]);
    let br = [0, a, b2, s.c()];
    put(
        &mut out,
        s.br_text.start,
        &padded(&format!("[0 {a} {b2} {}]", s.c()), s.br_text.len()),
    );
    let time = ctx.time;
    resign_with(&mut out, br, token, |d| {
        if fl == Flavour::Ses {
            ctx.who().value(fl, d, br, time)
        } else {
            short_value(ctx, fl, d, br)
        }
    });
    Some(out)
}

/// An object hidden in the padding of a shorter value, and an xref-only update
/// pointing at them. The signed bytes are untouched and the CMS verifies.
/// (CMS only: an SES_Signature cannot be made shorter.)
fn swa1_padding_objects(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    if fl == Flavour::Ses {
        return None;
    }
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let n = numbers(&pdf);
    let digest = sm3_ranges(&pdf, &[0..s.a(), s.b()..s.end()]);
    let value = short_value(ctx, fl, &digest, s.br);
    // The object is wrapped in a literal string value of a dummy key, so
    // that the signature dictionary still parses.
    let mut gap = format!("<{}> /Pad (\n", hex_upper(&value)).into_bytes();
    let at = s.a() + gap.len();
    write_object(&mut gap, n.content, 0, &forged_content());
    gap.push(b')');
    let out = set_gap(&pdf, &gap);
    let u = Update {
        entries: vec![(n.content, Entry::At(at, 0))],
        ..Update::default()
    };
    Some(append(&out, &u).pdf)
}

/// `/Contents` as a literal string holding the DER, the gap padded with spaces.
fn swa2_literal(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let value = contents_value(&pdf, &s);
    Some(set_gap(&pdf, &literal(&value)))
}

/// The `/Prop_Build` entry of the signature dictionary, replaced by `with`
/// (same length), the file re-signed.
fn replace_prop_build(ctx: &Ctx, fl: Flavour, with: &str) -> Vec<u8> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let start = find(&pdf, b"/Prop_Build", s.dict.start).unwrap();
    let end = find(&pdf, b">>>>", start).unwrap() + 4;
    let mut out = pdf;
    put(&mut out, start, &padded(with, end - start));
    ctx.resign(&mut out, fl, s.br, s.gap());
    out
}

fn swa3_duplicate_byte_range(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(replace_prop_build(ctx, fl, "/ByteRange [0 1 2 3]"))
}

fn swa3_duplicate_contents(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(replace_prop_build(ctx, fl, "/Contents <3000>"))
}

/// A non-zero digit in the zero padding after the DER value.
fn swa4_padding(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    if fl != Flavour::Ses {
        let pdf = p1(ctx, fl);
        let s = sig0(&pdf);
        let mut out = pdf;
        resign_with(&mut out, s.br, s.gap(), |d| short_value(ctx, fl, d, s.br));
        out[s.b() - 2] = b'7';
        return Some(out);
    }
    // An SES_Signature has a fixed size: find a signing time whose SM2
    // signature is shorter than the longest one, leaving padding.
    for k in 0..64 {
        let pdf = ctx
            .signer(fl)
            .certify(DocMdp::NoChanges)
            .sign(&ctx.license, &RECT, ctx.time.plus_seconds(k))
            .unwrap();
        let s = sig0(&pdf);
        if contents_value(&pdf, &s).len() * 2 < s.gap().len() - 2 {
            let mut out = pdf;
            out[s.b() - 2] = b'7';
            return Some(out);
        }
    }
    panic!("no SES signature with padding found")
}

#[test]
fn swa_signature_wrapping() {
    run(
        "SWA",
        &[
            Case {
                id: "SWA-1 published layout",
                recipe: swa1_wrapping,
                // The relocated block leaves bytes outside every revision
                // that look like a revision: the file does not read.
                expect: expect(INVALID, &[Want::Reason(&["pdf.malformed"])]),
            },
            Case {
                id: "SWA-1 objects in the padding",
                recipe: swa1_padding_objects,
                expect: expect(INVALID, &[Want::Reason(&["pdf.contents-gap-mismatch"])]),
            },
            Case {
                id: "SWA-2 literal /Contents",
                recipe: swa2_literal,
                expect: expect(
                    INVALID,
                    &[Want::Reason(&[
                        "pdf.contents-not-hex",
                        "pdf.contents-gap-mismatch",
                    ])],
                ),
            },
            Case {
                id: "SWA-3 duplicate /ByteRange",
                recipe: swa3_duplicate_byte_range,
                expect: expect(INVALID, &[Want::Reason(&["pdf.duplicate-keys"])]),
            },
            Case {
                id: "SWA-3 duplicate /Contents",
                recipe: swa3_duplicate_contents,
                expect: expect(INVALID, &[Want::Reason(&["pdf.duplicate-keys"])]),
            },
            Case {
                id: "SWA-4 non-zero padding",
                recipe: swa4_padding,
                expect: expect(INVALID, &[Want::Reason(&["pdf.contents-padding"])]),
            },
        ],
    );
}

// ---------------------------------------------------------------------------
// §3.4 Shadow attacks: the attacker prepares the document before it is sealed.
// ---------------------------------------------------------------------------

/// The license with a white form XObject drawn over part of the text
/// (objects `ov`, `draw`): returns the unsigned input and `ov`.
fn overlay_input(ctx: &Ctx) -> (Vec<u8>, u32) {
    let license = &ctx.license;
    let n = numbers(license);
    let ov = next_num(license);
    let draw = ov + 1;
    let page = dict_of(license, n.page);
    let input = update(
        license,
        vec![
            (
                ov,
                form_xobject([0, 0, 842, 596], "", b"1 1 1 rg 80 380 500 120 re f"),
            ),
            (draw, stream("", b"q /Ov Do Q")),
            (
                n.page,
                dict_with(
                    &page,
                    &[
                        ("Contents", format!("[{} 0 R {draw} 0 R]", n.content)),
                        (
                            "Resources",
                            format!(
                                "<< /Font << /F0 {} 0 R >> /XObject << /Ov {ov} 0 R >> >>",
                                n.font
                            ),
                        ),
                    ],
                    &[],
                ),
            ),
        ],
    );
    (input, ov)
}

fn sh_hide1_free(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let (input, ov) = overlay_input(ctx);
    let pdf = ctx.seal_doc(&input, fl, None, &RECT);
    let u = Update {
        entries: vec![(ov, Entry::Free(1))],
        ..Update::default()
    };
    Some(append(&pdf, &u).pdf)
}

fn sh_hide1_repoint(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let (input, _) = overlay_input(ctx);
    let pdf = ctx.seal_doc(&input, fl, None, &RECT);
    let n = numbers(&pdf);
    let empty = next_num(&pdf);
    let page = dict_of(&pdf, n.page);
    Some(update(
        &pdf,
        vec![
            (empty, form_xobject([0, 0, 1, 1], "", b"")),
            (
                n.page,
                dict_with(
                    &page,
                    &[(
                        "Resources",
                        format!(
                            "<< /Font << /F0 {} 0 R >> /XObject << /Ov {empty} 0 R >> >>",
                            n.font
                        ),
                    )],
                    &[],
                ),
            ),
        ],
    ))
}

fn sh_replace2_font(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let n = numbers(&pdf);
    let font = dict_of(&pdf, n.font);
    Some(update(
        &pdf,
        vec![(
            n.font,
            dict_with(&font, &[("BaseFont", "/CKRLXN+Forged".into())], &[]),
        )],
    ))
}

fn sh_replace2_font_program(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let n = numbers(&pdf);
    Some(update(
        &pdf,
        vec![(n.font_file, stream("/Length1 13", b"forged glyphs"))],
    ))
}

/// The license with a shadow page content (a second `N 0 obj` for the
/// content's number) in an update body, left out of that update's xref.
/// Returns the input and the shadow's offset.
fn shadow_content_input(ctx: &Ctx) -> (Vec<u8>, usize) {
    let license = &ctx.license;
    let n = numbers(license);
    let u = Update {
        objects: vec![(n.info, 0, raw_body(license, n.info))],
        unlisted: vec![(n.content, 0, forged_content())],
        ..Update::default()
    };
    let w = append(license, &u);
    (w.pdf, w.unlisted[0])
}

/// SH-hr-1: the update after sealing is an xref section and a trailer only,
/// re-pointing the content's number at the shadow copy.
fn sh_hr1(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let (input, shadow) = shadow_content_input(ctx);
    let pdf = ctx.seal_doc(&input, fl, None, &RECT);
    let n = numbers(&pdf);
    let u = Update {
        entries: vec![(n.content, Entry::At(shadow, 0))],
        ..Update::default()
    };
    Some(append(&pdf, &u).pdf)
}

/// The license with a shadow catalog, page tree, page and content placed in
/// an update body outside its xref, numbered below a raised `/Size`; the
/// shadow form lists the field the signer will create next. Returns the
/// input, the shadow numbers and offsets.
fn shadow_catalog_input(ctx: &Ctx) -> (Vec<u8>, Vec<(u32, usize)>) {
    let license = &ctx.license;
    let n = numbers(license);
    let first = next_num(license);
    let (cat, pages, page, content) = (first, first + 1, first + 2, first + 3);
    let field = first + 5; // the signer allocates the signature, then the field
    let catalog = dict_of(license, n.catalog);
    let page_dict = dict_of(license, n.page);
    let u = Update {
        objects: vec![(n.info, 0, raw_body(license, n.info))],
        unlisted: vec![
            (
                cat,
                0,
                dict_with(
                    &catalog,
                    &[
                        ("Pages", format!("{pages} 0 R")),
                        (
                            "AcroForm",
                            format!("<< /Fields [{field} 0 R] /SigFlags 3 >>"),
                        ),
                    ],
                    &[],
                ),
            ),
            (
                pages,
                0,
                format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>").into_bytes(),
            ),
            (
                page,
                0,
                dict_with(
                    &page_dict,
                    &[
                        ("Parent", format!("{pages} 0 R")),
                        ("Contents", format!("{content} 0 R")),
                        ("Annots", format!("[{field} 0 R]")),
                    ],
                    &[],
                ),
            ),
            (content, 0, forged_content()),
        ],
        size: Some(first + 4),
        ..Update::default()
    };
    let w = append(license, &u);
    let shadows = [cat, pages, page, content]
        .iter()
        .map(|n| (*n, w.offsets[n]))
        .collect();
    (w.pdf, shadows)
}

/// SH-hr-2: the update changes only the trailer's `/Root` (and lists the
/// pre-placed shadow objects).
fn sh_hr2(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let (input, shadows) = shadow_catalog_input(ctx);
    let pdf = ctx.seal_doc(&input, fl, None, &RECT);
    let s = sig0(&pdf);
    assert_eq!(
        s.field,
        shadows[0].0 + 5,
        "the shadow form names the real field"
    );
    let u = Update {
        entries: shadows
            .iter()
            .map(|(n, at)| (*n, Entry::At(*at, 0)))
            .collect(),
        root: Some(shadows[0].0),
        ..Update::default()
    };
    Some(append(&pdf, &u).pdf)
}

/// SH-pre: the sealed input itself carries a shadow (an unreferenced second
/// definition of the page content's number); no later revision.
fn sh_pre_shadow_content(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(ctx.seal_doc(&shadow_content_input(ctx).0, fl, None, &RECT))
}

#[test]
fn shadow_attacks() {
    run(
        "SH",
        &[
            Case {
                id: "SH-hide-1 overlay freed",
                recipe: sh_hide1_free,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.deleted"])]),
            },
            Case {
                id: "SH-hide-1 overlay re-pointed",
                recipe: sh_hide1_repoint,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.page"])]),
            },
            Case {
                id: "SH-replace-2 font dictionary",
                recipe: sh_replace2_font,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.page"])]),
            },
            Case {
                id: "SH-replace-2 font program",
                recipe: sh_replace2_font_program,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.page"])]),
            },
            Case {
                id: "SH-hr-1 xref-only re-point to shadow",
                recipe: sh_hr1,
                expect: expect(
                    MODIFIED,
                    &[Want::Reason(&["pdf.modified.page"]), Want::Warning(HYGIENE)],
                ),
            },
            Case {
                id: "SH-pre sealed input with a shadow object",
                recipe: sh_pre_shadow_content,
                expect: expect(VALID, &[Want::Warning(HYGIENE)]),
            },
            Case {
                id: "SH-hr-2 trailer /Root to shadow catalog",
                recipe: sh_hr2,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.catalog"])]),
            },
        ],
    );
}

// ---------------------------------------------------------------------------
// §3.5 Certification attacks.
// ---------------------------------------------------------------------------

/// An annotation with an opaque appearance over the text, added to the page.
fn add_annotation(pdf: &[u8], subtype: &str) -> Vec<u8> {
    let n = numbers(pdf);
    let annot = next_num(pdf);
    let ap = annot + 1;
    let extra = match subtype {
        "FreeText" => " /DA (/Helv 24 Tf 0 g)",
        _ => " /Name /Approved",
    };
    update(
        pdf,
        vec![
            (
                ap,
                form_xobject([0, 0, 500, 100], "", b"1 1 1 rg 0 0 500 100 re f"),
            ),
            (
                annot,
                format!(
                    "<< /Type /Annot /Subtype /{subtype} /Rect [100 300 600 400] /Contents (forged) /F 4 /P {} 0 R /AP << /N {ap} 0 R >>{extra} >>",
                    n.page
                )
                .into_bytes(),
            ),
            page_with_annot(pdf, annot),
        ],
    )
}

fn eaa1_free_text_p3(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(add_annotation(&p3(ctx, fl), "FreeText"))
}

fn eaa1_stamp_p3(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(add_annotation(&p3(ctx, fl), "Stamp"))
}

fn eaa2_free_text_p2(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(add_annotation(&p2(ctx, fl), "FreeText"))
}

fn eaa2_stamp_p1(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(add_annotation(&p1(ctx, fl), "Stamp"))
}

/// A new visible, unsigned signature field whose appearance paints content.
fn ssa1_unsigned_field(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p2(ctx, fl);
    let n = numbers(&pdf);
    let field = next_num(&pdf);
    let ap = field + 1;
    Some(update(
        &pdf,
        vec![
            (
                ap,
                form_xobject(
                    [0, 0, 300, 100],
                    &format!("/Font << /F0 {} 0 R >>", n.font),
                    b"1 1 1 rg 0 0 300 100 re f 0 g BT /F0 24 Tf 10 40 Td <00010002> Tj ET",
                ),
            ),
            (
                field,
                sig_widget(n.page, "Seal2", None, "100 100 400 200", Some(ap)),
            ),
            page_with_annot(&pdf, field),
            catalog_with_field(&pdf, Some(field), &[]),
        ],
    ))
}

/// SSA-2: the same field, signed. `PdfSigner` refuses visible seals after a
/// certification, so the update is written and signed by hand
/// (`hand_signature`), with the countersigner's key.
fn ssa2_signed_field(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p2(ctx, fl);
    Some(hand_signature(
        &pdf,
        &ctx.other(),
        fl,
        ctx.time,
        true,
        "",
        &[],
        false,
    ))
}

/// SSA-3: a new field whose `/V` is the certification's signature dictionary.
fn ssa3_reused_signature(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p2(ctx, fl);
    let n = numbers(&pdf);
    let s = sig0(&pdf);
    let field = next_num(&pdf);
    Some(update(
        &pdf,
        vec![
            (
                field,
                sig_widget(n.page, "Seal2", Some(s.num), "0 0 0 0", None),
            ),
            page_with_annot(&pdf, field),
            catalog_with_field(&pdf, Some(field), &[]),
        ],
    ))
}

/// CERT-1: an approval seal, then a certification written by hand (DocMDP
/// reference, catalog `/Perms` pointing at it).
fn cert1_not_first(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    Some(hand_signature(
        &pdf,
        &ctx.who(),
        fl,
        ctx.time,
        false,
        &docmdp_reference(2),
        &[("Perms", "<< /DocMDP {sig} 0 R >>".into())],
        false,
    ))
}

/// CERT-1: a `/P 2` certification, then a second signature with a DocMDP
/// reference (`/Perms` left on the first).
fn cert1_two_certifications(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p2(ctx, fl);
    Some(hand_signature(
        &pdf,
        &ctx.who(),
        fl,
        ctx.time,
        false,
        &docmdp_reference(2),
        &[],
        false,
    ))
}

/// CERT-2: a `/P 2` certification, then an approval signature whose update
/// points `/Perms /DocMDP` at itself.
fn cert2_perms_mismatch(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p2(ctx, fl);
    Some(hand_signature(
        &pdf,
        &ctx.who(),
        fl,
        ctx.time,
        false,
        "",
        &[("Perms", "<< /DocMDP {sig} 0 R >>".into())],
        false,
    ))
}

fn certified_with_p(ctx: &Ctx, fl: Flavour, p: u8) -> Vec<u8> {
    let pdf = p2(ctx, fl);
    let s = sig0(&pdf);
    let mut out = replace_in(
        &pdf,
        s.dict.clone(),
        b"/P 2 /V /1.2",
        format!("/P {p} /V /1.2").as_bytes(),
    );
    ctx.resign(&mut out, fl, s.br, s.gap());
    out
}

fn cert2_p4(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(certified_with_p(ctx, fl, 4))
}

fn cert2_p0(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(certified_with_p(ctx, fl, 0))
}

#[test]
fn certification_attacks() {
    run(
        "EAA/SSA/CERT",
        &[
            Case {
                id: "EAA-1 FreeText under P=3",
                recipe: eaa1_free_text_p3,
                expect: expect(PERMITTED, &[Want::NoReason, Want::Change("annot")]),
            },
            Case {
                id: "EAA-1 Stamp under P=3",
                recipe: eaa1_stamp_p3,
                expect: expect(PERMITTED, &[Want::NoReason, Want::Change("annot")]),
            },
            Case {
                id: "EAA-2 FreeText under P=2",
                recipe: eaa2_free_text_p2,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.annotation"])]),
            },
            Case {
                id: "EAA-2 Stamp under P=1",
                recipe: eaa2_stamp_p1,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.annotation"])]),
            },
            Case {
                id: "SSA-1 unsigned visible field under P=2",
                recipe: ssa1_unsigned_field,
                expect: expect(
                    MODIFIED,
                    &[Want::Reason(&[
                        "pdf.modified.signature-after-certification",
                        "pdf.modified.form",
                    ])],
                ),
            },
            Case {
                id: "SSA-2 signed visible field under P=2",
                recipe: ssa2_signed_field,
                expect: expect(
                    MODIFIED,
                    &[
                        Want::SigReason(
                            0,
                            &[
                                "pdf.modified.signature-after-certification",
                                "pdf.modified.form",
                            ],
                        ),
                        Want::SigIndication(1, PdfIndication::Valid),
                    ],
                ),
            },
            Case {
                id: "SSA-3 field reusing the signature",
                recipe: ssa3_reused_signature,
                expect: expect(INVALID, &[Want::Failed("pdf.signature-reused")]),
            },
            Case {
                id: "CERT-1 certification not first",
                recipe: cert1_not_first,
                expect: expect(INVALID, &[Want::Failed("pdf.certification-not-first")]),
            },
            Case {
                id: "CERT-1 two certifications",
                recipe: cert1_two_certifications,
                expect: expect(INVALID, &[Want::Failed("pdf.certification-multiple")]),
            },
            Case {
                id: "CERT-2 /Perms names another signature",
                recipe: cert2_perms_mismatch,
                expect: expect(INVALID, &[Want::Failed("pdf.certification-perms-mismatch")]),
            },
            Case {
                id: "CERT-2 /P 4",
                recipe: cert2_p4,
                expect: expect(INVALID, &[Want::Failed("pdf.certification-invalid-p")]),
            },
            Case {
                id: "CERT-2 /P 0",
                recipe: cert2_p0,
                expect: expect(INVALID, &[Want::Failed("pdf.certification-invalid-p")]),
            },
        ],
    );
}

// ---------------------------------------------------------------------------
// §3.6 ByteRange edge cases.
// ---------------------------------------------------------------------------

/// The ranges an edited ByteRange claims, from the original `a, b, c`.
type Claimed = fn(usize, usize, usize) -> [usize; 4];

/// The ByteRange text replaced by `text(a, b, c)`; when `resign` gives the
/// claimed ranges, the file is re-signed over them.
fn br_case(
    ctx: &Ctx,
    fl: Flavour,
    text: fn(usize, usize, usize) -> String,
    resign: Option<Claimed>,
) -> Vec<u8> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let (a, b, c) = (s.a(), s.b(), s.c());
    let mut out = set_byte_range(&pdf, &text(a, b, c));
    if let Some(claimed) = resign {
        ctx.resign(&mut out, fl, claimed(a, b, c), s.gap());
    }
    out
}

fn br_a0(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(ctx, fl, |_, b, c| format!("[0 0 {b} {c}]"), None))
}

fn br_a_eq_b(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(ctx, fl, |a, _, c| format!("[0 {a} {a} {c}]"), None))
}

fn br_overlap(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(ctx, fl, |_, _, _| "[0 9130 0 0]".into(), None))
}

fn br_beyond(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(
        ctx,
        fl,
        |a, b, c| format!("[0 {a} {b} {}]", c + 1),
        None,
    ))
}

fn br_short(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(
        ctx,
        fl,
        |a, b, c| format!("[0 {a} {b} {}]", c - 8),
        Some(|a, b, c| [0, a, b, c - 8]),
    ))
}

fn br_negative(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(
        ctx,
        fl,
        |a, b, c| format!("[0 {a} {b} -{c}]"),
        None,
    ))
}

fn br_real(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(
        ctx,
        fl,
        |a, b, c| format!("[0 {a} {b} {c}.0]"),
        None,
    ))
}

/// `+a`: an integer to a lenient lexer; re-signed, so only the sign is wrong.
fn br_plus(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(
        ctx,
        fl,
        |a, b, c| format!("[0 +{a} {b} {c}]"),
        Some(|a, b, c| [0, a, b, c]),
    ))
}

fn br_i64_max(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(
        ctx,
        fl,
        |a, b, _| format!("[0 {a} {b} {}]", i64::MAX),
        None,
    ))
}

fn br_2_64(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(
        ctx,
        fl,
        |a, b, _| format!("[0 {a} {b} 18446744073709551616]"),
        None,
    ))
}

fn br_first_1(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(ctx, fl, |a, b, c| format!("[1 {a} {b} {c}]"), None))
}

fn br_six(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(
        ctx,
        fl,
        |a, b, c| format!("[0 {a} {b} {c} 0 0]"),
        None,
    ))
}

/// `/ByteRange N 0 R`, the array in a later update, re-signed over the ranges.
fn br_indirect(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let n = next_num(&pdf);
    let mut out = set_byte_range(&pdf, &format!("{n} 0 R"));
    ctx.resign(&mut out, fl, s.br, s.gap());
    let array = format!("[0 {} {} {}]", s.a(), s.b(), s.c()).into_bytes();
    Some(update(&out, vec![(n, array)]))
}

fn br_shifted(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(
        ctx,
        fl,
        |a, b, c| format!("[0 {} {} {}]", a + 1, b + 1, c - 1),
        Some(|a, b, c| [0, a + 1, b + 1, c - 1]),
    ))
}

fn br_wider(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(
        ctx,
        fl,
        |a, b, c| format!("[0 {} {} {}]", a - 1, b + 1, c - 1),
        Some(|a, b, c| [0, a - 1, b + 1, c - 1]),
    ))
}

fn br_narrower(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(br_case(
        ctx,
        fl,
        |a, b, c| format!("[0 {} {} {}]", a + 1, b - 1, c + 1),
        Some(|a, b, c| [0, a + 1, b - 1, c + 1]),
    ))
}

/// The gap is a hex string, but not this dictionary's `/Contents`: the real
/// key renamed `/Contentx`, a short `/Contents` placed elsewhere (over
/// `/Prop_Build`); re-signed.
fn br_contents_elsewhere(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let mut out = replace_in(&pdf, s.dict.clone(), b"/Contents <", b"/Contentx <");
    let start = find(&out, b"/Prop_Build", s.dict.start).unwrap();
    let end = find(&out, b">>>>", start).unwrap() + 4;
    put(&mut out, start, &padded("/Contents <3000>", end - start));
    ctx.resign(&mut out, fl, s.br, s.gap());
    Some(out)
}

/// The signature dictionary moved into an object stream by an xref-stream update.
fn br_object_stream(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    let stm = next_num(&pdf);
    let u = Update {
        objects: vec![(stm, 0, objstm(&[(s.num, pdf[s.dict.clone()].to_vec())]))],
        entries: vec![(s.num, Entry::In(stm, 0))],
        xref_stream: true,
        ..Update::default()
    };
    Some(append(&pdf, &u).pdf)
}

#[test]
fn byte_range_edge_cases() {
    const BR: Expect = expect(INVALID, &[Want::Reason(&["pdf.byte-range-malformed"])]);
    const GAP: Expect = expect(INVALID, &[Want::Reason(&["pdf.contents-gap-mismatch"])]);
    run(
        "ByteRange",
        &[
            Case {
                id: "BR a=0",
                recipe: br_a0,
                expect: BR,
            },
            Case {
                id: "BR a=b",
                recipe: br_a_eq_b,
                expect: BR,
            },
            Case {
                id: "BR [0 9130 0 0]",
                recipe: br_overlap,
                expect: BR,
            },
            Case {
                id: "BR b+c > L",
                recipe: br_beyond,
                expect: BR,
            },
            Case {
                id: "BR b+c < revision end",
                recipe: br_short,
                expect: expect(INVALID, &[Want::Reason(&["pdf.coverage-not-revision-end"])]),
            },
            Case {
                id: "BR negative",
                recipe: br_negative,
                expect: BR,
            },
            Case {
                id: "BR real 1.0",
                recipe: br_real,
                expect: BR,
            },
            Case {
                id: "BR leading +",
                recipe: br_plus,
                expect: BR,
            },
            Case {
                id: "BR i64::MAX",
                recipe: br_i64_max,
                expect: BR,
            },
            Case {
                id: "BR 2^64",
                recipe: br_2_64,
                expect: expect(
                    INVALID,
                    &[Want::Reason(&["pdf.byte-range-malformed", "pdf.malformed"])],
                ),
            },
            Case {
                id: "BR first offset 1",
                recipe: br_first_1,
                expect: BR,
            },
            Case {
                id: "BR six entries",
                recipe: br_six,
                expect: BR,
            },
            Case {
                id: "BR indirect array",
                recipe: br_indirect,
                expect: BR,
            },
            Case {
                id: "BR gap shifted by one",
                recipe: br_shifted,
                expect: GAP,
            },
            Case {
                id: "BR gap wider than the token",
                recipe: br_wider,
                expect: GAP,
            },
            Case {
                id: "BR gap narrower than the token",
                recipe: br_narrower,
                expect: GAP,
            },
            Case {
                id: "BR /Contents elsewhere",
                recipe: br_contents_elsewhere,
                expect: GAP,
            },
            Case {
                id: "BR signature in an object stream",
                recipe: br_object_stream,
                // Re-declared in an object stream by a later update: the
                // signed dictionary verifies, the re-declaration is refused.
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.form"])]),
            },
        ],
    );
}

// ---------------------------------------------------------------------------
// §3.7 xref and trailer tricks.
// ---------------------------------------------------------------------------

/// An identical rewrite of the page: a harmless update to hang tricks on.
fn harmless(pdf: &[u8]) -> Update {
    let n = numbers(pdf);
    Update::with(vec![(n.page, raw_body(pdf, n.page))])
}

const PLACEHOLDER: &str = "0000000000";

fn patch_placeholder(pdf: &mut [u8], value: usize) {
    let at = rfind(pdf, PLACEHOLDER.as_bytes()).unwrap();
    put(pdf, at, format!("{value:010}").as_bytes());
}

fn xr_prev_self(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let mut u = harmless(&pdf);
    u.prev = Some(PLACEHOLDER.into());
    let w = append(&pdf, &u);
    let mut out = w.pdf;
    patch_placeholder(&mut out, w.xref);
    Some(out)
}

fn xr_prev_cycle(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let n = numbers(&pdf);
    let mut u = harmless(&pdf);
    u.prev = Some(PLACEHOLDER.into());
    let first = append(&pdf, &u);
    // The second update cannot be built on a file that does not parse: write it raw.
    let mut out = first.pdf.clone();
    let at = write_object(&mut out, n.info, 0, &raw_body(&pdf, n.info));
    let x2 = out.len();
    out.extend_from_slice(
        format!(
            "xref\n{} 1\n{at:010} 00000 n \ntrailer\n<< /Size {} /Root {} 0 R /Prev {} >>\nstartxref\n{x2}\n%%EOF\n",
            n.info,
            next_num(&pdf),
            n.catalog,
            first.xref
        )
        .as_bytes(),
    );
    // The first update's /Prev points at the second.
    let p = find(&out, PLACEHOLDER.as_bytes(), first.xref).unwrap();
    put(&mut out, p, format!("{x2:010}").as_bytes());
    Some(out)
}

fn xr_prev_middle(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let mut u = harmless(&pdf);
    u.prev = Some("1000".into());
    Some(append(&pdf, &u).pdf)
}

fn xr_prev_forward(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let mut u = harmless(&pdf);
    u.prev = Some(PLACEHOLDER.into());
    let mut out = append(&pdf, &u).pdf;
    let len = out.len();
    patch_placeholder(&mut out, len - 8);
    Some(out)
}

fn xr_startxref_wrong(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let mut u = harmless(&pdf);
    u.tail = Some(format!("startxref\n{PLACEHOLDER}\n%%EOF\n"));
    let w = append(&pdf, &u);
    let mut out = w.pdf;
    patch_placeholder(&mut out, w.xref + 1);
    Some(out)
}

fn xr_19_byte_entries(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let mut u = harmless(&pdf);
    u.entry_eol = Some(b"\n");
    Some(append(&pdf, &u).pdf)
}

fn xr_junk_between(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let mut u = harmless(&pdf);
    u.before = b"junk between the revisions\n".to_vec();
    Some(append(&pdf, &u).pdf)
}

fn xr_second_header(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let mut u = harmless(&pdf);
    u.before = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    Some(append(&pdf, &u).pdf)
}

fn xr_no_eof(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let mut u = harmless(&pdf);
    u.tail = Some("startxref\n{xref}\n".into());
    Some(append(&pdf, &u).pdf)
}

fn xr_comment_after_eof(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let mut pdf = ctx.approval(fl);
    pdf.extend_from_slice(b"% a comment after %%EOF\n");
    Some(pdf)
}

fn xr_size_too_small(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let mut u = harmless(&pdf);
    u.size = Some(3);
    Some(append(&pdf, &u).pdf)
}

fn xr_object_zero(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let mut u = harmless(&pdf);
    u.entries = vec![(0, Entry::At(pdf.len(), 0))];
    Some(append(&pdf, &u).pdf)
}

/// Positive: the update ends with `%%EOF` CRLF.
fn xr_crlf(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let mut u = harmless(&pdf);
    u.tail = Some("startxref\r\n{xref}\r\n%%EOF\r\n".into());
    Some(append(&pdf, &u).pdf)
}

/// Positive: a table file, then a further (invisible) signature whose update
/// is a cross-reference stream. ISO 32000-1 §7.5.8.4 allows mixing; the
/// update only adds a signature, so it stays permitted (the flavour rule of
/// pdf-signatures.md §2.4 binds our signer, not what the verifier accepts).
fn xr_flavour_switch(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p2(ctx, fl);
    Some(hand_signature(
        &pdf,
        &ctx.other(),
        fl,
        ctx.time,
        false,
        "",
        &[],
        true,
    ))
}

#[test]
fn xref_and_trailer_tricks() {
    // A section that does not parse leaves the bytes after the last good
    // revision unsigned: invalid (`pdf.malformed`) or modified
    // (`pdf.modified.trailing-data`) are both accepted.
    const MALFORMED: Expect = expect(
        NOT_VALID_TRAILING,
        &[Want::Reason(&[
            "pdf.malformed",
            "pdf.modified.trailing-data",
        ])],
    );
    const TRAILING: Expect = expect(
        NOT_VALID_TRAILING,
        &[Want::Reason(&[
            "pdf.malformed",
            "pdf.modified.trailing-data",
        ])],
    );
    run(
        "xref",
        &[
            Case {
                id: "XREF /Prev to itself",
                recipe: xr_prev_self,
                expect: MALFORMED,
            },
            Case {
                id: "XREF /Prev cycle of two",
                recipe: xr_prev_cycle,
                expect: MALFORMED,
            },
            Case {
                id: "XREF /Prev into an object",
                recipe: xr_prev_middle,
                expect: MALFORMED,
            },
            Case {
                id: "XREF /Prev forward",
                recipe: xr_prev_forward,
                expect: MALFORMED,
            },
            Case {
                id: "XREF startxref off by one",
                recipe: xr_startxref_wrong,
                expect: MALFORMED,
            },
            Case {
                id: "XREF 19-byte entries",
                recipe: xr_19_byte_entries,
                expect: MALFORMED,
            },
            Case {
                id: "XREF /Size too small",
                recipe: xr_size_too_small,
                expect: MALFORMED,
            },
            Case {
                id: "XREF object 0 in use",
                recipe: xr_object_zero,
                expect: MALFORMED,
            },
            Case {
                id: "XREF missing %%EOF",
                recipe: xr_no_eof,
                expect: MALFORMED,
            },
            Case {
                id: "XREF junk between revisions",
                recipe: xr_junk_between,
                expect: TRAILING,
            },
            Case {
                id: "XREF second %PDF- header",
                recipe: xr_second_header,
                expect: TRAILING,
            },
            Case {
                id: "XREF comment after %%EOF",
                recipe: xr_comment_after_eof,
                expect: TRAILING,
            },
            Case {
                id: "XREF CRLF after %%EOF (positive)",
                recipe: xr_crlf,
                expect: expect(PERMITTED, &[Want::NoReason]),
            },
            Case {
                id: "XREF signature update as xref stream (positive)",
                recipe: xr_flavour_switch,
                expect: expect(PERMITTED, &[Want::NoReason]),
            },
        ],
    );
}

// ---------------------------------------------------------------------------
// §3.8 Object streams.
// ---------------------------------------------------------------------------

/// The license with its font dictionary and `/Info` moved into object
/// stream `stm` by an xref-stream update.
fn objstm_input(ctx: &Ctx) -> (Vec<u8>, u32) {
    let license = &ctx.license;
    let n = numbers(license);
    let stm = next_num(license);
    let members = vec![
        (n.font, raw_body(license, n.font)),
        (n.info, raw_body(license, n.info)),
    ];
    let u = Update {
        objects: vec![(stm, 0, objstm(&members))],
        entries: vec![(n.font, Entry::In(stm, 0)), (n.info, Entry::In(stm, 1))],
        xref_stream: true,
        ..Update::default()
    };
    (append(license, &u).pdf, stm)
}

/// As [`objstm_input`] (font only), plus a shadow object stream holding a
/// forged font under the font's number, written in the update body but left
/// out of its xref stream. Returns the input, the shadow stream's number and
/// offset.
fn objstm_shadow_input(ctx: &Ctx) -> (Vec<u8>, u32, usize) {
    let license = &ctx.license;
    let n = numbers(license);
    let stm = next_num(license);
    let shadow = stm + 1;
    let forged = dict_with(
        &dict_of(license, n.font),
        &[("BaseFont", "/CKRLXN+Shadow".into())],
        &[],
    );
    let u = Update {
        objects: vec![(stm, 0, objstm(&[(n.font, raw_body(license, n.font))]))],
        unlisted: vec![(shadow, 0, objstm(&[(n.font, forged)]))],
        entries: vec![(n.font, Entry::In(stm, 0))],
        xref_stream: true,
        size: Some(shadow + 2),
        ..Update::default()
    };
    let w = append(license, &u);
    (w.pdf, shadow, w.unlisted[0])
}

/// The license with an object stream that holds the font's number twice
/// (the xref names the first copy).
fn objstm_duplicate_input(ctx: &Ctx) -> Vec<u8> {
    let license = &ctx.license;
    let n = numbers(license);
    let stm = next_num(license);
    let forged = dict_with(
        &dict_of(license, n.font),
        &[("BaseFont", "/CKRLXN+Shadow".into())],
        &[],
    );
    let u = Update {
        objects: vec![(
            stm,
            0,
            objstm(&[(n.font, raw_body(license, n.font)), (n.font, forged)]),
        )],
        entries: vec![(n.font, Entry::In(stm, 0))],
        xref_stream: true,
        ..Update::default()
    };
    append(license, &u).pdf
}

/// The sealed input has an object stream holding the font's number twice
/// (§3.8: malformed structure, invalid).
fn os_duplicate_in_signed_revision(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(ctx.seal_doc(&objstm_duplicate_input(ctx), fl, None, &RECT))
}

/// The object stream replaced wholesale (same number), its font redefined;
/// the update's xref lists only the stream.
fn os_wholesale(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let (input, stm) = objstm_input(ctx);
    let pdf = ctx.seal_doc(&input, fl, None, &RECT);
    let n = numbers(&pdf);
    let forged = dict_with(
        &dict_of(&pdf, n.font),
        &[("BaseFont", "/CKRLXN+Forged".into())],
        &[],
    );
    let u = Update {
        objects: vec![(
            stm,
            0,
            objstm(&[(n.font, forged), (n.info, raw_body(&ctx.license, n.info))]),
        )],
        xref_stream: true,
        ..Update::default()
    };
    Some(append(&pdf, &u).pdf)
}

/// An xref-stream update with two entries and no objects: the shadow object
/// stream of the signed revision becomes in use, and the font's entry points
/// into it.
fn os_repoint(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let (input, shadow, at) = objstm_shadow_input(ctx);
    let pdf = ctx.seal_doc(&input, fl, None, &RECT);
    let n = numbers(&pdf);
    let u = Update {
        entries: vec![(shadow, Entry::At(at, 0)), (n.font, Entry::In(shadow, 0))],
        xref_stream: true,
        ..Update::default()
    };
    Some(append(&pdf, &u).pdf)
}

#[test]
fn object_stream_tricks() {
    run(
        "objstm",
        &[
            Case {
                id: "OBJSTM replaced wholesale",
                recipe: os_wholesale,
                expect: expect(
                    MODIFIED,
                    &[Want::Reason(&["pdf.modified.page", "pdf.modified.object"])],
                ),
            },
            Case {
                id: "OBJSTM same number twice in the signed revision",
                recipe: os_duplicate_in_signed_revision,
                expect: expect(INVALID, &[Want::Reason(&["pdf.malformed"])]),
            },
            Case {
                id: "OBJSTM entry re-pointed into the signed stream",
                recipe: os_repoint,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.page"])]),
            },
        ],
    );
}

// ---------------------------------------------------------------------------
// §3.9 Generation games and resolution through the xref only.
// ---------------------------------------------------------------------------

/// The xref says generation 1; the object there is `N 0 obj`.
fn gen_mismatch(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let n = numbers(&pdf);
    let u = Update {
        unlisted: vec![(n.content, 0, forged_content())],
        entries: vec![(n.content, Entry::At(pdf.len(), 1))],
        ..Update::default()
    };
    Some(append(&pdf, &u).pdf)
}

/// A redefinition of the page content in an update body that its xref does
/// not list: objects resolve through the xref only, so nothing changed.
fn gen_unlisted_redefinition(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    let n = numbers(&pdf);
    let mut u = harmless(&pdf);
    u.unlisted = vec![(n.content, 0, forged_content())];
    Some(append(&pdf, &u).pdf)
}

#[test]
fn generation_and_resolution() {
    run(
        "generation",
        &[
            Case {
                id: "GEN N 1 R resolving to N 0 obj",
                recipe: gen_mismatch,
                expect: expect(INVALID, &[Want::Reason(&["pdf.malformed"])]),
            },
            Case {
                id: "GEN unlisted redefinition (resolved through the xref only)",
                recipe: gen_unlisted_redefinition,
                expect: expect(
                    PERMITTED,
                    &[Want::NoReason, Want::Change("rewritten-identically")],
                ),
            },
        ],
    );
}

// ---------------------------------------------------------------------------
// §3.10 Cryptographic layer.
// ---------------------------------------------------------------------------

/// A signer that puts another user ID into ZA.
struct OtherUserId<'k>(&'k PrivateKey);

impl Signer for OtherUserId<'_> {
    fn public_key(&self) -> &PublicKey {
        self.0.public_key()
    }
    fn user_id(&self) -> &[u8] {
        b"other"
    }
    fn sign_digest(&self, e: &[u8; 32]) -> gmseal::Result<Signature> {
        self.0.sign_digest(e)
    }
}

/// A `/P 1` seal prepared in `fl`, its file with empty `/Contents`, and
/// `value(digest, byte_range, file)` written in.
fn prepared_with(
    ctx: &Ctx,
    fl: Flavour,
    value: impl FnOnce(&PreparedPdf, &[u8]) -> Vec<u8>,
) -> Vec<u8> {
    let prepared = ctx
        .signer(fl)
        .certify(DocMdp::NoChanges)
        .prepare(&ctx.license, &RECT, ctx.time)
        .unwrap();
    let br = prepared.byte_range();
    let mut pdf = prepared.clone().embed(&[]).unwrap();
    let v = value(&prepared, &pdf);
    write_contents(&mut pdf, br[1]..br[2], &v);
    pdf
}

fn cr_user_id(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let key = OtherUserId(&ctx.f.signer_key);
    let who = Who {
        key: &key,
        ..ctx.who()
    };
    Some(prepared_with(ctx, fl, |p, _| {
        who.value(fl, &p.digest(), p.byte_range(), ctx.time)
    }))
}

/// The SignerInfo's signature as raw `r || s` (the documented, reported
/// tolerance: `signature.format` = `raw`).
fn cr_raw_signature(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    (fl != Flavour::Ses).then(|| {
        prepared_with(ctx, fl, |p, _| {
            let mut c = Cms::parse(
                &ctx.who()
                    .cms(fl, ctx.time)
                    .sign_digest(&p.digest())
                    .unwrap(),
            );
            let (sig, _) = Signature::parse(content(&c.signer_infos[0][5])).unwrap();
            let mut raw = sig.r().to_vec();
            raw.extend_from_slice(sig.s());
            c.signer_infos[0][5] = der(0x04, &[&raw]);
            c.build()
        })
    })
}

/// messageDigest / dataHash computed with SHA-256 instead of SM3.
fn cr_sha256_digest(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(prepared_with(ctx, fl, |p, pdf| {
        let br = p.byte_range();
        let d = sha256_ranges(pdf, &[0..br[1], br[2]..br[2] + br[3]]);
        ctx.who().value(fl, &d, br, ctx.time)
    }))
}

/// Two SignerInfos: the second a copy with only contentType and
/// messageDigest, signed again; the chain certificate dropped to make room.
fn cr_two_signer_infos(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    (fl != Flavour::Ses).then(|| {
        prepared_with(ctx, fl, |p, _| {
            let mut c = Cms::parse(
                &ctx.who()
                    .cms(fl, ctx.time)
                    .sign_digest(&p.digest())
                    .unwrap(),
            );
            c.drop_chain();
            // Without signingTime (the time is in /M) to make room.
            let first_attrs: Vec<Vec<u8>> = c
                .attributes(0)
                .into_iter()
                .filter(|a| !content(a).starts_with(OID_SIGNING_TIME))
                .collect();
            c.set_attributes(0, &first_attrs, &ctx.f.signer_key);
            let mut second = c.clone();
            let attrs: Vec<Vec<u8>> = second
                .attributes(0)
                .into_iter()
                .filter(|a| {
                    content(a).starts_with(OID_MESSAGE_DIGEST)
                        || content(a).starts_with(OID_CONTENT_TYPE)
                })
                .collect();
            assert_eq!(attrs.len(), 2);
            second.set_attributes(0, &attrs, &ctx.f.signer_key);
            c.signer_infos.push(second.signer_infos.remove(0));
            c.build()
        })
    })
}

/// The SignerInfo's digestAlgorithm says SHA-256 (algorithm substitution).
fn cr_digest_algorithm(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    (fl != Flavour::Ses).then(|| {
        prepared_with(ctx, fl, |p, _| {
            let mut c = Cms::parse(
                &ctx.who()
                    .cms(fl, ctx.time)
                    .sign_digest(&p.digest())
                    .unwrap(),
            );
            c.signer_infos[0][2] = der(0x30, &[OID_SHA256, &[0x05, 0x00]]);
            // Room for the longer identifier: the chain certificate goes.
            c.drop_chain();
            c.build()
        })
    })
}

/// Sealed by an identity of the second PKI.
fn sealed_by(ctx: &Ctx, fl: Flavour, id: &Identity) -> Vec<u8> {
    PdfSigner::new(&id.seal, &id.cert, &id.key)
        .unwrap()
        .chain(&ctx.pki2.root)
        .flavour(fl)
        .certify(DocMdp::NoChanges)
        .sign(&ctx.license, &RECT, ctx.time)
        .unwrap()
}

fn cr_no_digital_signature(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(sealed_by(ctx, fl, &ctx.pki2.no_key_usage))
}

fn cr_tsa_certificate(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(sealed_by(ctx, fl, &ctx.pki2.tsa))
}

/// `/ETSI.CAdES.detached` with a signing-time attribute: a warning only.
fn cr_cades_signing_time(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    (fl != Flavour::Ses).then(|| {
        prepared_with(ctx, Flavour::CmsCades, |p, _| {
            // Room for the attribute: the chain certificate goes.
            let mut c = Cms::parse(
                &ctx.who()
                    .cms(Flavour::CmsPkcs7, ctx.time)
                    .sign_digest(&p.digest())
                    .unwrap(),
            );
            c.drop_chain();
            c.build()
        })
    })
}

/// Positive: GM/T 0010 content-type OIDs.
fn cr_gmt_oids(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    (fl != Flavour::Ses).then(|| {
        prepared_with(ctx, fl, |p, _| {
            // Room for the longer OIDs: the chain certificate goes.
            let mut c = Cms::parse(
                &ctx.who()
                    .cms(fl, ctx.time)
                    .oid_family(OidFamily::GmT0010)
                    .sign_digest(&p.digest())
                    .unwrap(),
            );
            c.drop_chain();
            c.build()
        })
    })
}

#[test]
fn cryptographic_layer() {
    run(
        "crypto",
        &[
            Case {
                id: "CRYPTO wrong user ID",
                recipe: cr_user_id,
                expect: expect(
                    INVALID,
                    &[Want::Reason(&["cms.bad-signature", "signature.bad"])],
                ),
            },
            Case {
                id: "CRYPTO raw r||s signature",
                recipe: cr_raw_signature,
                expect: expect(VALID, &[Want::NoReason, Want::RawSignature]),
            },
            Case {
                id: "CRYPTO SHA-256 messageDigest",
                recipe: cr_sha256_digest,
                expect: expect(
                    INVALID,
                    &[Want::Reason(&[
                        "cms.digest-mismatch",
                        "signature.data-hash-mismatch",
                    ])],
                ),
            },
            Case {
                id: "CRYPTO two SignerInfos",
                recipe: cr_two_signer_infos,
                expect: expect(
                    INVALID,
                    &[Want::Reason(&["cms.invalid", "decode.malformed"])],
                ),
            },
            Case {
                id: "CRYPTO digestAlgorithm SHA-256",
                recipe: cr_digest_algorithm,
                expect: expect(
                    INDETERMINATE,
                    &[Want::Reason(&["cms.unsupported-algorithm"])],
                ),
            },
            Case {
                id: "CRYPTO certificate without digitalSignature",
                recipe: cr_no_digital_signature,
                expect: expect(INVALID, &[Want::Failed("pki.key-usage")]),
            },
            Case {
                id: "CRYPTO TSA certificate",
                recipe: cr_tsa_certificate,
                expect: expect(INVALID, &[Want::Failed("pki.key-usage")]),
            },
            Case {
                id: "CRYPTO CAdES with signing-time",
                recipe: cr_cades_signing_time,
                expect: expect(
                    VALID,
                    &[Want::NoReason, Want::Warning(&["pdf.cades-signing-time"])],
                ),
            },
            Case {
                id: "CRYPTO GM/T 0010 OIDs (positive)",
                recipe: cr_gmt_oids,
                expect: expect(VALID, &[Want::NoReason]),
            },
        ],
    );
}

// ---------------------------------------------------------------------------
// Positive controls: legitimate later revisions keep their exact verdict.
// ---------------------------------------------------------------------------

fn pos_sealed_p1(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(p1(ctx, fl))
}

fn pos_two_approvals(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = ctx.approval(fl);
    Some(ctx.seal_doc(&pdf, fl, None, &RECT))
}

fn pos_countersignature_p2(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p2(ctx, fl);
    let id = &ctx.pki2.other;
    Some(
        PdfSigner::new(&id.seal, &id.cert, &id.key)
            .unwrap()
            .chain(&ctx.pki2.root)
            .flavour(fl)
            .sign(&pdf, &INVISIBLE, ctx.time)
            .unwrap(),
    )
}

/// The license with a text field (added before certification): returns the
/// input, the field and its appearance stream.
fn form_input(ctx: &Ctx) -> (Vec<u8>, u32, u32) {
    let license = &ctx.license;
    let n = numbers(license);
    let field = next_num(license);
    let ap = field + 1;
    let input = update(
        license,
        vec![
            (ap, form_xobject([0, 0, 200, 30], "", b"% (old)")),
            (
                field,
                format!(
                    "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Remark) /V (old) /DA (/Helv 12 Tf 0 g) /F 4 /P {} 0 R /Rect [100 100 300 130] /AP << /N {ap} 0 R >> >>",
                    n.page
                )
                .into_bytes(),
            ),
            page_with_annot(license, field),
            catalog_with_field(license, Some(field), &[]),
        ],
    );
    (input, field, ap)
}

/// Fill the text field: its `/V` and its appearance stream change.
fn fill_form(ctx: &Ctx, fl: Flavour, p: DocMdp) -> Vec<u8> {
    let (input, field, ap) = form_input(ctx);
    let pdf = ctx.seal_doc(&input, fl, Some(p), &RECT);
    let d = dict_of(&pdf, field);
    update(
        &pdf,
        vec![
            (field, dict_with(&d, &[("V", "(filled in)".into())], &[])),
            (ap, form_xobject([0, 0, 200, 30], "", b"% (filled in)")),
        ],
    )
}

/// Fill the text field the other common way: a new appearance stream
/// object, the field's `/AP` pointing at it.
fn fill_form_new_appearance(ctx: &Ctx, fl: Flavour, p: DocMdp) -> Vec<u8> {
    let (input, field, _) = form_input(ctx);
    let pdf = ctx.seal_doc(&input, fl, Some(p), &RECT);
    let d = dict_of(&pdf, field);
    let ap = next_num(&pdf);
    update(
        &pdf,
        vec![
            (ap, form_xobject([0, 0, 200, 30], "", b"% (filled in)")),
            (
                field,
                dict_with(
                    &d,
                    &[
                        ("V", "(filled in)".into()),
                        ("AP", format!("<< /N {ap} 0 R >>")),
                    ],
                    &[],
                ),
            ),
        ],
    )
}

fn pos_form_filling_new_ap_p2(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(fill_form_new_appearance(ctx, fl, DocMdp::FormFilling))
}

fn pos_form_filling_p2(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(fill_form(ctx, fl, DocMdp::FormFilling))
}

fn neg_form_filling_p1(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(fill_form(ctx, fl, DocMdp::NoChanges))
}

#[test]
fn positive_controls() {
    run(
        "positive",
        &[
            Case {
                id: "POS sealed, /P 1",
                recipe: pos_sealed_p1,
                expect: expect(VALID, &[Want::NoReason]),
            },
            Case {
                id: "POS two approval seals",
                recipe: pos_two_approvals,
                expect: expect(
                    PERMITTED,
                    &[
                        Want::NoReason,
                        Want::SigIndication(0, PdfIndication::ValidWithPermittedChanges),
                        Want::SigIndication(1, PdfIndication::Valid),
                    ],
                ),
            },
            Case {
                id: "POS countersignature after P=2",
                recipe: pos_countersignature_p2,
                expect: expect(
                    PERMITTED,
                    &[
                        Want::NoReason,
                        Want::SigIndication(0, PdfIndication::ValidWithPermittedChanges),
                        Want::SigIndication(1, PdfIndication::Valid),
                    ],
                ),
            },
            Case {
                id: "POS form filling under P=2, appearance stream replaced",
                recipe: pos_form_filling_p2,
                expect: expect(PERMITTED, &[Want::NoReason]),
            },
            Case {
                id: "POS form filling under P=2, new appearance object",
                recipe: pos_form_filling_new_ap_p2,
                expect: expect(PERMITTED, &[Want::NoReason]),
            },
            Case {
                id: "NEG form filling under P=1",
                recipe: neg_form_filling_p1,
                expect: expect(MODIFIED, &[Want::Reason(&["pdf.modified.form"])]),
            },
        ],
    );
}

// ---------------------------------------------------------------------------
// The generator's own inputs, sealed and untouched, must verify: a failure
// here is the generator's bug, not the verifier's.
// ---------------------------------------------------------------------------

fn sane_overlay(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(ctx.seal_doc(&overlay_input(ctx).0, fl, None, &RECT))
}

fn sane_shadow_content(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(ctx.seal_doc(&shadow_content_input(ctx).0, fl, None, &RECT))
}

fn sane_shadow_catalog(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(ctx.seal_doc(&shadow_catalog_input(ctx).0, fl, None, &RECT))
}

fn sane_objstm(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(ctx.seal_doc(&objstm_input(ctx).0, fl, None, &RECT))
}

fn sane_objstm_shadow(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(ctx.seal_doc(&objstm_shadow_input(ctx).0, fl, None, &RECT))
}

fn sane_form(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(ctx.seal_doc(&form_input(ctx).0, fl, Some(DocMdp::FormFilling), &RECT))
}

fn sane_resigned(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let mut pdf = p1(ctx, fl);
    let s = sig0(&pdf);
    ctx.resign(&mut pdf, fl, s.br, s.gap());
    Some(pdf)
}

fn sane_hand_signature(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    let pdf = p2(ctx, fl);
    Some(hand_signature(
        &pdf,
        &ctx.other(),
        fl,
        ctx.time,
        false,
        "",
        &[],
        false,
    ))
}

fn sane_two_step(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    (fl != Flavour::Ses).then(|| cms_embedded(ctx, |_| {}))
}

fn sane_prepared(ctx: &Ctx, fl: Flavour) -> Option<Vec<u8>> {
    Some(prepared_with(ctx, fl, |p, _| {
        ctx.who().value(fl, &p.digest(), p.byte_range(), ctx.time)
    }))
}

#[test]
fn generator_inputs_verify() {
    let valid = expect(VALID, &[Want::NoReason]);
    run(
        "generator",
        &[
            Case {
                id: "GEN-INPUT re-signed",
                recipe: sane_resigned,
                expect: valid,
            },
            Case {
                id: "GEN-INPUT two-step CMS",
                recipe: sane_two_step,
                expect: valid,
            },
            Case {
                id: "GEN-INPUT prepared + value",
                recipe: sane_prepared,
                expect: valid,
            },
            Case {
                id: "GEN-INPUT overlay",
                recipe: sane_overlay,
                expect: valid,
            },
            Case {
                id: "GEN-INPUT shadow content",
                recipe: sane_shadow_content,
                expect: expect(VALID, &[]),
            },
            Case {
                id: "GEN-INPUT shadow catalog",
                recipe: sane_shadow_catalog,
                expect: expect(VALID, &[]),
            },
            Case {
                id: "GEN-INPUT object stream",
                recipe: sane_objstm,
                expect: valid,
            },
            Case {
                id: "GEN-INPUT shadow object stream",
                recipe: sane_objstm_shadow,
                expect: expect(VALID, &[]),
            },
            Case {
                id: "GEN-INPUT text field, P=2",
                recipe: sane_form,
                expect: valid,
            },
            Case {
                id: "GEN-INPUT hand-made countersignature",
                recipe: sane_hand_signature,
                expect: expect(PERMITTED, &[Want::NoReason]),
            },
        ],
    );
}
