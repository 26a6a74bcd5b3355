//! What later revisions change, object by object, and which rule permits
//! each change (reject by default; pdf-signatures.md §2.4-2.5, §3.2).
//!
//! Permitted after a signature (when no `/P 1` certification forbids it):
//! the objects of a *further signature* (its signature dictionary, field and
//! widget, appearance stream and the images it draws), appending that field
//! to `/AcroForm /Fields` (with `/SigFlags`), appending its widget to the
//! page's `/Annots`, adding or changing `/AcroForm` in the catalog, and the
//! revision's cross-reference stream. Objects rewritten byte-identically are
//! permitted and reported. Everything else is a modification.

use super::{SigField, catalog_in, report::Change};
use crate::pdf::parse::{Dictionary, Document, ObjRef, Object, XrefEntry};
use std::collections::BTreeSet;

/// The objects that make up the signatures of the last revision's form:
/// signature dictionaries, fields, appearance streams and their XObjects.
pub(crate) fn signature_objects(doc: &Document<'_>, fields: &[SigField]) -> BTreeSet<ObjRef> {
    let mut out = BTreeSet::new();
    for f in fields {
        out.extend(f.sig);
        let Some(field) = f.field else { continue };
        out.insert(field);
        let Ok(Object::Dictionary(d)) = doc.resolve(field) else {
            continue;
        };
        let ap = d
            .get(b"AP")
            .ok()
            .flatten()
            .and_then(|ap| doc.deref(ap).ok())
            .and_then(|ap| {
                ap.as_dict()
                    .and_then(|ap| ap.get(b"N").ok().flatten().cloned())
            });
        if let Some(Object::Reference(n)) = ap {
            out.insert(n);
            // The appearance's image XObjects and their soft masks.
            if let Ok(Object::Stream(s)) = doc.resolve(n) {
                for r in xobject_refs(doc, &s.dict) {
                    out.insert(r);
                    if let Ok(Object::Stream(img)) = doc.resolve(r) {
                        if let Ok(Some(Object::Reference(m))) = img.dict.get(b"SMask") {
                            out.insert(*m);
                        }
                    }
                }
            }
        }
    }
    out
}

fn xobject_refs(doc: &Document<'_>, d: &Dictionary) -> Vec<ObjRef> {
    let Some(res) = d
        .get(b"Resources")
        .ok()
        .flatten()
        .and_then(|r| doc.deref(r).ok())
    else {
        return Vec::new();
    };
    let Some(x) = res
        .as_dict()
        .and_then(|r| r.get(b"XObject").ok().flatten())
        .and_then(|x| doc.deref(x).ok())
    else {
        return Vec::new();
    };
    x.as_dict()
        .map(|x| {
            x.entries
                .iter()
                .filter_map(|(_, v)| match v {
                    Object::Reference(r) => Some(*r),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Equal values, ignoring where they are in the file.
fn same(doc: &Document<'_>, a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::String(x), Object::String(y)) => x.bytes == y.bytes,
        (Object::Array(x), Object::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(doc, p, q))
        }
        (Object::Dictionary(x), Object::Dictionary(y)) => same_dict(doc, x, y),
        (Object::Stream(x), Object::Stream(y)) => {
            same_dict(doc, &x.dict, &y.dict) && doc.same_stream_data(&x.data, &y.data)
        }
        (Object::Real(x), Object::Real(y)) => x.to_bits() == y.to_bits(),
        _ => a == b,
    }
}

fn same_dict(doc: &Document<'_>, x: &Dictionary, y: &Dictionary) -> bool {
    x.duplicate_keys.is_empty()
        && y.duplicate_keys.is_empty()
        && x.entries.len() == y.entries.len()
        && x.entries.iter().all(|(k, v)| {
            y.entries
                .iter()
                .find(|(k2, _)| k2 == k)
                .is_some_and(|(_, w)| same(doc, v, w))
        })
}

/// The keys whose values differ between two dictionaries.
fn changed_keys(doc: &Document<'_>, old: &Dictionary, new: &Dictionary) -> BTreeSet<Vec<u8>> {
    let mut keys = BTreeSet::new();
    for (k, v) in &new.entries {
        match old.entries.iter().find(|(k2, _)| k2 == k) {
            Some((_, w)) if same(doc, v, w) => {}
            _ => {
                keys.insert(k.clone());
            }
        }
    }
    for (k, _) in &old.entries {
        if !new.entries.iter().any(|(k2, _)| k2 == k) {
            keys.insert(k.clone());
        }
    }
    keys
}

/// `new` is `old` with references appended, each in `allowed`.
fn appended_only(
    doc: &Document<'_>,
    old: Option<&Object>,
    new: Option<&Object>,
    allowed: &BTreeSet<ObjRef>,
    rev: usize,
) -> bool {
    let items = |o: Option<&Object>, rev: usize| -> Option<Vec<Object>> {
        match o.map(|o| super::deref_in(doc, rev, o)) {
            None => Some(Vec::new()),
            Some(Ok(Object::Array(a))) => Some(a),
            _ => None,
        }
    };
    let (Some(old), Some(new)) = (items(old, rev - 1), items(new, rev)) else {
        return false;
    };
    new.len() >= old.len()
        && old.iter().zip(&new).all(|(a, b)| same(doc, a, b))
        && new[old.len()..]
            .iter()
            .all(|o| matches!(o, Object::Reference(r) if allowed.contains(r)))
}

/// Changes of revisions after `signed`, judged against the rules.
pub(crate) fn analyse(
    doc: &Document<'_>,
    signed: usize,
    signature_objects: &BTreeSet<ObjRef>,
    certification: Option<i64>,
) -> Vec<Change> {
    let mut out = Vec::new();
    let revisions = doc.revisions();
    let signatures_permitted = certification != Some(1);
    for (rev, revision) in revisions.iter().enumerate().skip(signed + 1) {
        let catalog_ref = catalog_in(doc, rev).ok().map(|(r, _)| r);
        let xref_self = match revision.kind() {
            crate::pdf::parse::XrefKind::Stream => revision
                .entries()
                .iter()
                .find(|(_, e)| matches!(e, XrefEntry::InUse { offset, .. } if *offset == revision.xref_offset()))
                .map(|(n, _)| *n),
            _ => None,
        };
        for (&num, entry) in revision.entries() {
            if num == 0 {
                continue;
            }
            let id = match entry {
                XrefEntry::InUse { generation, .. } => ObjRef {
                    num,
                    generation: *generation,
                },
                _ => ObjRef { num, generation: 0 },
            };
            let before = doc.entry_in(rev - 1, num);
            let existed = matches!(
                before,
                Some(XrefEntry::InUse { .. } | XrefEntry::Compressed { .. })
            );
            let mut change = Change {
                revision: rev,
                object: id.to_string(),
                kind: "added",
                role: "object".into(),
                permitted: false,
                explanation: String::new(),
            };
            if let XrefEntry::Free { .. } = entry {
                if !existed {
                    continue;
                }
                change.kind = "freed";
                change.explanation = "an object of the signed revision was deleted".into();
                out.push(change);
                continue;
            }
            if Some(num) == xref_self {
                change.role = "cross-reference stream".into();
                change.permitted = true;
                change.explanation = "the revision's own cross-reference stream".into();
                out.push(change);
                continue;
            }
            let new = doc.resolve_in(rev, id);
            let old = if existed {
                before.and_then(|b| match b {
                    XrefEntry::InUse { generation, .. } => {
                        doc.resolve_in(rev - 1, ObjRef { num, generation }).ok()
                    }
                    _ => doc.resolve_in(rev - 1, ObjRef { num, generation: 0 }).ok(),
                })
            } else {
                None
            };
            let new = match new {
                Ok(n) => n,
                Err(e) => {
                    change.kind = if existed { "changed" } else { "added" };
                    change.explanation = format!("the object does not parse: {e}");
                    out.push(change);
                    continue;
                }
            };
            if let Some(Object::Stream(s)) = Some(&new) {
                if s.dict.get_name(b"Type").ok().flatten() == Some(b"ObjStm") {
                    change.role = "object stream".into();
                    change.permitted = true;
                    change.explanation = "a container; its objects are judged one by one".into();
                    out.push(change);
                    continue;
                }
            }
            match &old {
                None => {
                    change.kind = "added";
                    if signature_objects.contains(&id) {
                        change.role = "signature".into();
                        change.permitted = signatures_permitted;
                        change.explanation = if signatures_permitted {
                            "part of a further signature".into()
                        } else {
                            "a further signature after a /P 1 certification".into()
                        };
                    } else {
                        change.explanation =
                            "a new object that is not part of a further signature".into();
                    }
                }
                Some(old) if same(doc, old, &new) => {
                    change.kind = "rewritten-identically";
                    change.permitted = true;
                    change.explanation =
                        "the object is written again without change (some viewers reject this)"
                            .into();
                }
                Some(old) => {
                    change.kind = "changed";
                    judge_changed(
                        doc,
                        rev,
                        id,
                        old,
                        &new,
                        catalog_ref,
                        signature_objects,
                        signatures_permitted,
                        &mut change,
                    );
                }
            }
            out.push(change);
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn judge_changed(
    doc: &Document<'_>,
    rev: usize,
    id: ObjRef,
    old: &Object,
    new: &Object,
    catalog_ref: Option<ObjRef>,
    allowed: &BTreeSet<ObjRef>,
    signatures_permitted: bool,
    change: &mut Change,
) {
    let (Some(od), Some(nd)) = (old.as_dict(), new.as_dict()) else {
        // An array: a page's /Annots or the form's /Fields kept indirectly.
        if let (Object::Array(_), Object::Array(_)) = (old, new) {
            change.role = "array".into();
            change.permitted =
                signatures_permitted && appended_only(doc, Some(old), Some(new), allowed, rev);
            change.explanation = if change.permitted {
                "only further signature widgets were appended".into()
            } else {
                "the array changed beyond appending further signatures".into()
            };
        } else {
            change.explanation = "the object's value changed".into();
        }
        return;
    };
    let keys = changed_keys(doc, od, nd);
    let names = keys
        .iter()
        .map(|k| format!("/{}", String::from_utf8_lossy(k)))
        .collect::<Vec<_>>()
        .join(", ");
    let ty = nd.get_name(b"Type").ok().flatten();
    if Some(id) == catalog_ref {
        change.role = "catalog".into();
        let acroform_ok = keys.iter().all(|k| k == b"AcroForm")
            && match (
                od.get(b"AcroForm").ok().flatten(),
                nd.get(b"AcroForm").ok().flatten(),
            ) {
                (_, Some(Object::Reference(_))) | (None, _) => true,
                (Some(o), Some(n)) => form_ok(doc, rev, o, n, allowed),
                _ => false,
            };
        change.permitted = signatures_permitted && acroform_ok;
        change.explanation = if change.permitted {
            "the form was updated for a further signature".into()
        } else {
            format!("the catalog changed: {names}")
        };
    } else if ty == Some(b"Page") {
        change.role = "page".into();
        change.permitted = signatures_permitted
            && keys.iter().all(|k| k == b"Annots")
            && appended_only(
                doc,
                od.get(b"Annots").ok().flatten(),
                nd.get(b"Annots").ok().flatten(),
                allowed,
                rev,
            );
        change.explanation = if change.permitted {
            "a further signature's widget was added to the page".into()
        } else {
            format!("the page changed: {names}")
        };
    } else if nd.get(b"Fields").ok().flatten().is_some()
        || od.get(b"Fields").ok().flatten().is_some()
    {
        change.role = "form".into();
        change.permitted = signatures_permitted && form_ok(doc, rev, old, new, allowed);
        change.explanation = if change.permitted {
            "a further signature field was added to the form".into()
        } else {
            format!("the form changed: {names}")
        };
    } else {
        change.role = ty.map_or("object".into(), |t| String::from_utf8_lossy(t).into_owned());
        change.explanation = format!("changed: {names}");
    }
}

fn form_ok(
    doc: &Document<'_>,
    rev: usize,
    old: &Object,
    new: &Object,
    allowed: &BTreeSet<ObjRef>,
) -> bool {
    let (Ok(old), Ok(new)) = (
        super::deref_in(doc, rev - 1, old),
        super::deref_in(doc, rev, new),
    ) else {
        return false;
    };
    let (Some(od), Some(nd)) = (old.as_dict(), new.as_dict()) else {
        return false;
    };
    changed_keys(doc, od, nd)
        .iter()
        .all(|k| k == b"Fields" || k == b"SigFlags")
        && appended_only(
            doc,
            od.get(b"Fields").ok().flatten(),
            nd.get(b"Fields").ok().flatten(),
            allowed,
            rev,
        )
}
