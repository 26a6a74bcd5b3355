//! What later revisions change, object by object, and which rule permits
//! each change: reject by default (pdf-signatures.md §2.4-2.6, §3.2-3.5;
//! ISO 32000-1 §12.8.2.2, ISO 32000-2 §12.8.2.2).
//!
//! Every object a later revision adds, changes or frees gets a *role* from
//! where the revision's own view reaches it (catalog, document information,
//! XMP and embedded files, page tree, page contents and resources,
//! annotations, form fields, signatures, DSS) and is permitted only by one of
//! these rules:
//!
//! | rule | when |
//! |---|---|
//! | a further signature: its dictionary, field/widget, appearance and images, appended to `/Fields` and the page's `/Annots` | no certification, or `/P` 2 or 3 and the widget is invisible (a new *visible* field after certification is refused, as pyHanko does: Sneaky Signature) |
//! | a document timestamp (`/Type /DocTimeStamp`) and DSS objects (`/DSS` in the catalog) | always, `/P 1` included (ISO 32000-2) |
//! | form filling: a field's `/V`, `/AS`, `/AP` and new appearance streams | `/P` 2 or 3 (never for approval-only documents: our documents have no form workflow) |
//! | annotations added, changed or deleted (reported with their rectangle) | `/P 3` |
//! | the update's cross-reference stream and object streams (containers; their objects are judged one by one) | always |
//! | an object written again unchanged | always, reported as `rewritten-identically` |
//!
//! The trailer is judged too: a new `/Root` is a replaced catalog, a new
//! `/Info` a metadata change. Each refused change carries a reason code:
//! `pdf.modified.metadata`, `.page`, `.annotation`, `.form`,
//! `.signature-after-certification`, `.catalog`, `.deleted` or `.object`.

use super::{SigField, catalog_in, deref_in, report::Change};
use crate::pdf::parse::{Dictionary, Document, ObjRef, Object, XrefEntry, XrefKind};
use std::collections::{BTreeMap, BTreeSet};

/// Most objects a role walk visits in one revision.
const MAX_WALK: usize = 100_000;
/// Most objects the role walks of one analysis visit in all: with many
/// later revisions, each would otherwise walk up to [`MAX_WALK`] objects.
/// Beyond it, objects of later revisions have no known role, so changes to
/// them are refused.
const MAX_ANALYSIS_WALK: usize = 1_000_000;
/// Most changes one analysis reports; one more, refused, says that the
/// rest were not analysed.
const MAX_CHANGES: usize = 10_000;
/// Deepest nesting a role walk follows.
const MAX_DEPTH: usize = 32;

/// What an object is, in one revision's view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Catalog,
    Info,
    Metadata,
    PageTree,
    Page,
    PageContent,
    Resource,
    Annotation,
    AnnotationAppearance,
    Form,
    Field,
    Signature,
    SignatureAppearance,
    Dss,
    Other,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Self::Catalog => "catalog",
            Self::Info => "document information (/Info)",
            Self::Metadata => "metadata (XMP, embedded files, names)",
            Self::PageTree => "page tree",
            Self::Page => "page",
            Self::PageContent => "page content",
            Self::Resource => "page resource (font, image, graphics state)",
            Self::Annotation => "annotation",
            Self::AnnotationAppearance => "annotation appearance",
            Self::Form => "form (/AcroForm)",
            Self::Field => "form field",
            Self::Signature => "signature",
            Self::SignatureAppearance => "signature appearance",
            Self::Dss => "validation data (DSS)",
            Self::Other => "object",
        }
    }

    /// The reason code of a refused change to an object of this role.
    fn code(self) -> &'static str {
        match self {
            Self::Info | Self::Metadata => "pdf.modified.metadata",
            Self::PageTree | Self::Page | Self::PageContent | Self::Resource => "pdf.modified.page",
            Self::Annotation | Self::AnnotationAppearance => "pdf.modified.annotation",
            Self::Form | Self::Field => "pdf.modified.form",
            Self::Signature | Self::SignatureAppearance => {
                "pdf.modified.signature-after-certification"
            }
            Self::Catalog => "pdf.modified.catalog",
            Self::Dss | Self::Other => "pdf.modified.object",
        }
    }
}

/// The roles of the objects reachable in one revision's view.
#[derive(Debug, Default)]
struct Roles {
    root: Option<ObjRef>,
    info: Option<ObjRef>,
    map: BTreeMap<ObjRef, Role>,
    /// Annotation rectangles.
    rects: BTreeMap<ObjRef, [f64; 4]>,
    /// Fields (and merged widgets) with their field type.
    field_types: BTreeMap<ObjRef, Vec<u8>>,
    walked: usize,
    /// Most objects this walk may visit.
    limit: usize,
}

fn refs_in(o: &Object, out: &mut Vec<ObjRef>) {
    match o {
        Object::Reference(r) => out.push(*r),
        Object::Array(a) => a.iter().for_each(|i| refs_in(i, out)),
        Object::Dictionary(d) => d.entries.iter().for_each(|(_, v)| refs_in(v, out)),
        Object::Stream(s) => s.dict.entries.iter().for_each(|(_, v)| refs_in(v, out)),
        _ => {}
    }
}

fn rect_of(d: &Dictionary) -> Option<[f64; 4]> {
    let Ok(Some(Object::Array(a))) = d.get(b"Rect") else {
        return None;
    };
    let n: Vec<f64> = a
        .iter()
        .filter_map(|o| match o {
            Object::Integer(i) => Some(*i as f64),
            Object::Real(r) => Some(*r),
            _ => None,
        })
        .collect();
    <[f64; 4]>::try_from(n).ok()
}

impl Roles {
    /// The roles in revision `rev`'s view, walking at most `left` (and
    /// [`MAX_WALK`]) objects; `left` is reduced by the objects walked.
    fn of(doc: &Document<'_>, rev: usize, left: &mut usize) -> Self {
        let mut roles = Self {
            limit: (*left).min(MAX_WALK),
            ..Self::default()
        };
        roles.tag(doc, rev);
        *left = left.saturating_sub(roles.walked.min(roles.limit));
        roles
    }

    fn tag(&mut self, doc: &Document<'_>, rev: usize) {
        let roles = self;
        let Some(trailer) = doc.revisions().get(rev).map(|r| r.trailer()) else {
            return;
        };
        if let Ok(Some(Object::Reference(r))) = trailer.get(b"Info") {
            roles.info = Some(*r);
            roles.tag_tree(doc, rev, *r, Role::Info, 0);
        }
        let Ok((root, catalog)) = catalog_in(doc, rev) else {
            return;
        };
        roles.root = Some(root);
        roles.map.insert(root, Role::Catalog);
        if let Ok(Some(Object::Reference(pages))) = catalog.get(b"Pages") {
            roles.pages(doc, rev, *pages, 0);
        }
        if let Ok(Some(form)) = catalog.get(b"AcroForm") {
            if let Object::Reference(r) = form {
                roles.map.entry(*r).or_insert(Role::Form);
            }
            if let Ok(Object::Dictionary(form)) = deref_in(doc, rev, form) {
                if let Ok(Some(fields)) = form.get(b"Fields") {
                    if let Ok(Object::Array(fields)) = deref_in(doc, rev, fields) {
                        for f in &fields {
                            roles.field(doc, rev, f, None, 0);
                        }
                    }
                }
            }
        }
        // What the pages and the form use is tagged first: a later walk
        // (metadata, DSS) cannot claim a page's objects.
        for (key, role) in [
            (&b"Metadata"[..], Role::Metadata),
            (b"Names", Role::Metadata),
            (b"AF", Role::Metadata),
            (b"DSS", Role::Dss),
        ] {
            if let Ok(Some(v)) = catalog.get(key) {
                roles.tag_value(doc, rev, v, role, 0);
            }
        }
        // Anything else the catalog reaches (outlines, structure tree,
        // optional content, names of destinations...).
        for (_, v) in &catalog.entries {
            roles.tag_value(doc, rev, v, Role::Other, 0);
        }
    }

    fn budget(&mut self) -> bool {
        self.walked += 1;
        self.walked <= self.limit
    }

    /// Tag `r` and everything it reaches (not yet tagged) with `role`.
    fn tag_tree(&mut self, doc: &Document<'_>, rev: usize, r: ObjRef, role: Role, depth: usize) {
        if depth > MAX_DEPTH || !self.budget() || self.map.contains_key(&r) {
            return;
        }
        self.map.insert(r, role);
        if let Ok(o) = doc.resolve_in(rev, r) {
            self.tag_value(doc, rev, &o, role, depth + 1);
        }
    }

    fn tag_value(&mut self, doc: &Document<'_>, rev: usize, o: &Object, role: Role, depth: usize) {
        let mut refs = Vec::new();
        refs_in(o, &mut refs);
        for r in refs {
            self.tag_tree(doc, rev, r, role, depth + 1);
        }
    }

    fn pages(&mut self, doc: &Document<'_>, rev: usize, node: ObjRef, depth: usize) {
        if depth > MAX_DEPTH || !self.budget() || self.map.contains_key(&node) {
            return;
        }
        let Ok(Object::Dictionary(d)) = doc.resolve_in(rev, node) else {
            return;
        };
        if d.get_name(b"Type").ok().flatten() == Some(b"Pages") {
            self.map.insert(node, Role::PageTree);
            if let Ok(Some(kids)) = d.get(b"Kids") {
                if let Ok(Object::Array(kids)) = deref_in(doc, rev, kids) {
                    for k in kids {
                        if let Object::Reference(k) = k {
                            self.pages(doc, rev, k, depth + 1);
                        }
                    }
                }
            }
            if let Ok(Some(res)) = d.get(b"Resources") {
                self.tag_value(doc, rev, res, Role::Resource, depth + 1);
            }
            return;
        }
        self.map.insert(node, Role::Page);
        if let Ok(Some(annots)) = d.get(b"Annots") {
            if let Object::Reference(a) = annots {
                self.map.entry(*a).or_insert(Role::Page);
            }
            if let Ok(Object::Array(annots)) = deref_in(doc, rev, annots) {
                for a in annots {
                    let Object::Reference(a) = a else { continue };
                    if self.map.contains_key(&a) {
                        continue;
                    }
                    let Ok(Object::Dictionary(ad)) = doc.resolve_in(rev, a) else {
                        continue;
                    };
                    if let Some(rect) = rect_of(&ad) {
                        self.rects.insert(a, rect);
                    }
                    if ad.get_name(b"Subtype").ok().flatten() == Some(b"Widget") {
                        // Judged as a field through the form.
                        continue;
                    }
                    self.map.insert(a, Role::Annotation);
                    if let Ok(Some(ap)) = ad.get(b"AP") {
                        self.tag_value(doc, rev, ap, Role::AnnotationAppearance, depth + 1);
                    }
                }
            }
        }
        if let Ok(Some(c)) = d.get(b"Contents") {
            self.tag_value(doc, rev, c, Role::PageContent, depth + 1);
        }
        // The rest of the page (resources, thumbnails...) is page material.
        for (k, v) in &d.entries {
            if k != b"Annots" && k != b"Parent" && k != b"Contents" {
                self.tag_value(doc, rev, v, Role::Resource, depth + 1);
            }
        }
    }

    fn field(
        &mut self,
        doc: &Document<'_>,
        rev: usize,
        f: &Object,
        inherited_ft: Option<Vec<u8>>,
        depth: usize,
    ) {
        let Object::Reference(r) = f else { return };
        // A field reached again (a /Kids cycle) was walked already.
        if matches!(self.map.get(r), Some(Role::Field | Role::Signature)) {
            return;
        }
        if depth > MAX_DEPTH || !self.budget() {
            return;
        }
        let Ok(Object::Dictionary(d)) = doc.resolve_in(rev, *r) else {
            return;
        };
        let ft = d
            .get_name(b"FT")
            .ok()
            .flatten()
            .map(<[u8]>::to_vec)
            .or(inherited_ft);
        let is_sig = ft.as_deref() == Some(b"Sig");
        self.map
            .insert(*r, if is_sig { Role::Signature } else { Role::Field });
        if let Some(t) = &ft {
            self.field_types.insert(*r, t.clone());
        }
        if let Some(rect) = rect_of(&d) {
            self.rects.insert(*r, rect);
        }
        if let Ok(Some(v)) = d.get(b"V") {
            self.tag_value(
                doc,
                rev,
                v,
                if is_sig { Role::Signature } else { Role::Field },
                depth + 1,
            );
        }
        if let Ok(Some(ap)) = d.get(b"AP") {
            let role = if is_sig {
                Role::SignatureAppearance
            } else {
                Role::Field
            };
            self.tag_value(doc, rev, ap, role, depth + 1);
        }
        if let Ok(Some(kids)) = d.get(b"Kids") {
            if let Ok(Object::Array(kids)) = deref_in(doc, rev, kids) {
                for k in &kids {
                    self.field(doc, rev, k, ft.clone(), depth + 1);
                }
            }
        }
    }

    fn role(&self, r: ObjRef) -> Role {
        self.map.get(&r).copied().unwrap_or(Role::Other)
    }
}

/// A further signature: its objects, the revision that added its
/// dictionary, and whether a rule permits it.
#[derive(Debug)]
pub(crate) struct NewSignature {
    objects: BTreeSet<ObjRef>,
    field: Option<ObjRef>,
    added_in: usize,
    timestamp: bool,
    visible: bool,
}

/// The signatures of the last revision's form with their objects.
/// `timestamps` are the signature dictionaries that are document time stamps
/// (known from their verification, so they are not parsed again here).
pub(crate) fn signature_objects(
    doc: &Document<'_>,
    fields: &[SigField],
    timestamps: &BTreeSet<ObjRef>,
) -> Vec<NewSignature> {
    let mut out = Vec::new();
    for f in fields {
        let Some(sig) = f.sig else { continue };
        let added_in = (0..doc.revisions().len())
            .find(|&rev| {
                matches!(
                    doc.entry_in(rev, sig.num),
                    Some(XrefEntry::InUse { .. } | XrefEntry::Compressed { .. })
                )
            })
            .unwrap_or(0);
        let timestamp = timestamps.contains(&sig);
        let mut objects = BTreeSet::from([sig]);
        let mut visible = false;
        if let Some(field) = f.field {
            objects.insert(field);
            if let Ok(Object::Dictionary(d)) = doc.resolve(field) {
                let hidden = d.get_int(b"F").ok().flatten().is_some_and(|f| f & 2 != 0);
                visible = !hidden
                    && rect_of(&d).is_some_and(|[x0, y0, x1, y1]| {
                        (x1 - x0).abs() > 0.0 && (y1 - y0).abs() > 0.0
                    });
                if let Ok(Some(ap)) = d.get(b"AP") {
                    let mut refs = Vec::new();
                    if let Ok(ap) = doc.deref(ap) {
                        refs_in(&ap, &mut refs);
                    }
                    // Appearance streams and the XObjects (and masks) they draw, two levels.
                    let mut frontier = refs;
                    for _ in 0..3 {
                        let mut next = Vec::new();
                        for r in frontier {
                            if objects.insert(r) {
                                if let Ok(o) = doc.resolve(r) {
                                    if let Some(d) = o.as_dict() {
                                        for key in [&b"Resources"[..], b"SMask"] {
                                            if let Ok(Some(v)) = d.get(key) {
                                                if let Ok(v) = doc.deref(v) {
                                                    refs_in(&v, &mut next);
                                                }
                                                if let Object::Reference(x) = v {
                                                    next.push(*x);
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        frontier = next;
                    }
                }
            }
        }
        out.push(NewSignature {
            objects,
            field: f.field,
            added_in,
            timestamp,
            visible,
        });
    }
    out
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

fn key_names(keys: &BTreeSet<Vec<u8>>) -> String {
    keys.iter()
        .map(|k| format!("/{}", String::from_utf8_lossy(k)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `new` is `old` with references appended, each in `allowed`.
fn appended_only(
    doc: &Document<'_>,
    rev: usize,
    old: Option<&Object>,
    new: Option<&Object>,
    allowed: &BTreeSet<ObjRef>,
) -> bool {
    let items = |o: Option<&Object>, rev: usize| -> Option<Vec<Object>> {
        match o.map(|o| deref_in(doc, rev, o)) {
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

/// What one revision may change.
struct Permissions {
    /// Objects of further signatures (and document timestamps) that are permitted.
    signatures: BTreeSet<ObjRef>,
    /// Fields of those signatures (may be appended to `/Fields`).
    signature_fields: BTreeSet<ObjRef>,
    /// Objects of further signatures that are refused (visible after certification, any after `/P 1`).
    refused_signatures: BTreeSet<ObjRef>,
    /// New annotations (at `/P 3`).
    annotations: bool,
    /// Form filling (at `/P` >= 2).
    form_filling: bool,
}

/// The refused change that best explains a modification: the most specific
/// kind first (a further signature over the form it joins, an annotation
/// over the page it sits on, a replaced catalog over the pages it brings).
pub(crate) fn deciding(changes: &[Change]) -> Option<&Change> {
    const ORDER: [&str; 10] = [
        "pdf.malformed",
        "pdf.modified.signature-after-certification",
        "pdf.modified.annotation",
        "pdf.modified.form",
        "pdf.modified.catalog",
        "pdf.modified.metadata",
        "pdf.modified.page",
        "pdf.modified.deleted",
        "pdf.modified.object",
        "",
    ];
    changes.iter().filter(|c| !c.permitted).min_by_key(|c| {
        ORDER
            .iter()
            .position(|o| Some(*o) == c.code)
            .unwrap_or(ORDER.len())
    })
}

/// Changes of revisions after `signed`, judged against the rules.
pub(crate) fn analyse(
    doc: &Document<'_>,
    signed: usize,
    signatures: &[NewSignature],
    certification: Option<i64>,
) -> Vec<Change> {
    let mut out = Vec::new();
    let revisions = doc.revisions();
    let mut left = MAX_ANALYSIS_WALK;
    let mut before = Roles::of(doc, signed, &mut left);
    for (rev, revision) in revisions.iter().enumerate().skip(signed + 1) {
        let after = Roles::of(doc, rev, &mut left);
        let permissions = permissions(signatures, rev, certification);
        // The trailer: the catalog and /Info must stay the same objects.
        if after.root != before.root {
            out.push(trailer_change(
                rev,
                "/Root",
                Role::Catalog,
                "the catalog was replaced (trailer /Root)",
            ));
        }
        if after.info != before.info {
            out.push(trailer_change(
                rev,
                "/Info",
                Role::Info,
                "the document information was replaced (trailer /Info)",
            ));
        }
        let xref_self = match revision.kind() {
            XrefKind::Stream => revision
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
            if out.len() >= MAX_CHANGES {
                out.push(Change {
                    revision: rev,
                    object: format!("{num} and later"),
                    kind: "changed",
                    role: Role::Other.name().into(),
                    permitted: false,
                    code: Some(Role::Other.code()),
                    area: None,
                    explanation: format!(
                        "more than {MAX_CHANGES} changes: the rest are not analysed"
                    ),
                });
                return out;
            }
            let previous = doc.entry_in(rev - 1, num);
            let existed = matches!(
                previous,
                Some(XrefEntry::InUse { .. } | XrefEntry::Compressed { .. })
            );
            let generation = |e: Option<XrefEntry>| match e {
                Some(XrefEntry::InUse { generation, .. }) => generation,
                _ => 0,
            };
            let id = ObjRef {
                num,
                generation: generation(Some(*entry)),
            };
            let mut change = Change {
                revision: rev,
                object: id.to_string(),
                kind: "added",
                role: after.role(id).name().into(),
                permitted: false,
                code: None,
                area: None,
                explanation: String::new(),
            };
            if let XrefEntry::Free { .. } = entry {
                if !existed {
                    continue;
                }
                let old_id = ObjRef {
                    num,
                    generation: generation(previous),
                };
                change.kind = "freed";
                change.role = before.role(old_id).name().into();
                change.code = Some("pdf.modified.deleted");
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
            let new = match doc.resolve_in(rev, id) {
                Ok(n) => n,
                Err(e) => {
                    // A later revision that does not read strictly is a
                    // malformed file, not a change to judge.
                    change.kind = if existed { "changed" } else { "added" };
                    change.code = Some("pdf.malformed");
                    change.explanation = format!("the object does not parse: {e}");
                    out.push(change);
                    continue;
                }
            };
            if let Object::Stream(s) = &new {
                if s.dict.get_name(b"Type").ok().flatten() == Some(b"ObjStm") && !existed {
                    change.role = "object stream".into();
                    change.permitted = true;
                    change.explanation = "a container; its objects are judged one by one".into();
                    out.push(change);
                    continue;
                }
            }
            let old = if existed {
                doc.resolve_in(
                    rev - 1,
                    ObjRef {
                        num,
                        generation: generation(previous),
                    },
                )
                .ok()
            } else {
                None
            };
            change.area = after.rects.get(&id).copied();
            match &old {
                None => {
                    change.kind = "added";
                    judge_added(id, &after, &permissions, &mut change);
                }
                Some(old)
                    if before.role(id) == Role::Signature
                        && old
                            .as_dict()
                            .is_some_and(|d| d.get(b"ByteRange").ok().flatten().is_some()) =>
                {
                    // A signature dictionary is never written again, even
                    // unchanged: a copy (in an object stream, say) is what
                    // other readers would take for the signature.
                    change.kind = if same(doc, old, &new) {
                        "rewritten-identically"
                    } else {
                        "changed"
                    };
                    change.code = Some("pdf.modified.form");
                    change.explanation =
                        "a signature dictionary was declared again after signing".into();
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
                    judge_changed(doc, rev, id, old, &new, &after, &permissions, &mut change);
                }
            }
            if !change.permitted && change.code.is_none() {
                change.code = Some(after.role(id).code());
            }
            out.push(change);
        }
        before = after;
    }
    out
}

fn trailer_change(rev: usize, key: &str, role: Role, why: &str) -> Change {
    Change {
        revision: rev,
        object: format!("trailer {key}"),
        kind: "changed",
        role: role.name().into(),
        permitted: false,
        code: Some(role.code()),
        area: None,
        explanation: why.into(),
    }
}

fn permissions(signatures: &[NewSignature], rev: usize, certification: Option<i64>) -> Permissions {
    let mut p = Permissions {
        signatures: BTreeSet::new(),
        signature_fields: BTreeSet::new(),
        refused_signatures: BTreeSet::new(),
        annotations: certification == Some(3),
        form_filling: matches!(certification, Some(2 | 3)),
    };
    for s in signatures.iter().filter(|s| s.added_in == rev) {
        let permitted = s.timestamp
            || match certification {
                None => true,
                Some(1) => false,
                Some(_) => !s.visible,
            };
        if permitted {
            p.signatures.extend(s.objects.iter().copied());
            p.signature_fields.extend(s.field);
        } else {
            p.refused_signatures.extend(s.objects.iter().copied());
        }
    }
    p
}

fn judge_added(id: ObjRef, after: &Roles, p: &Permissions, change: &mut Change) {
    let role = after.role(id);
    if p.signatures.contains(&id) {
        change.role = "signature".into();
        change.permitted = true;
        change.explanation = "part of a further signature".into();
    } else if p.refused_signatures.contains(&id) {
        change.role = "signature".into();
        change.code = Some("pdf.modified.signature-after-certification");
        change.explanation = "a further signature the certification does not permit (any after /P 1, a visible one after /P 2 or 3)".into();
    } else if role == Role::Dss {
        change.permitted = true;
        change.explanation = "validation data (DSS)".into();
    } else if p.annotations && matches!(role, Role::Annotation | Role::AnnotationAppearance) {
        change.permitted = true;
        change.explanation = match change.area {
            Some([x0, y0, x1, y1]) => {
                format!("an annotation over [{x0} {y0} {x1} {y1}] (permitted by /P 3)")
            }
            None => "an annotation appearance (permitted by /P 3)".into(),
        };
    } else if p.form_filling && role == Role::Field {
        change.permitted = true;
        change.explanation =
            "a filled field's value or appearance (permitted by /P 2 and 3)".into();
    } else {
        change.explanation = format!("a new {} that no rule permits", role.name());
    }
}

#[allow(clippy::too_many_arguments)]
fn judge_changed(
    doc: &Document<'_>,
    rev: usize,
    id: ObjRef,
    old: &Object,
    new: &Object,
    after: &Roles,
    p: &Permissions,
    change: &mut Change,
) {
    let role = after.role(id);
    // Objects a page's or the form's list may hold: further signatures'
    // widgets, and annotations at /P 3.
    let mut appendable: BTreeSet<ObjRef> = p.signature_fields.clone();
    appendable.extend(p.signatures.iter().copied());
    if p.annotations {
        appendable.extend(
            after
                .map
                .iter()
                .filter(|(_, r)| **r == Role::Annotation)
                .map(|(r, _)| *r),
        );
    }
    let (Some(od), Some(nd)) = (old.as_dict(), new.as_dict()) else {
        // An array: a page's /Annots or the form's /Fields kept indirectly.
        if let (Object::Array(_), Object::Array(_)) = (old, new) {
            change.permitted = appended_only(doc, rev, Some(old), Some(new), &appendable);
            change.explanation = if change.permitted {
                "only further signatures (or permitted annotations) were appended".into()
            } else {
                format!(
                    "the {} changed beyond appending further signatures",
                    role.name()
                )
            };
        } else {
            change.explanation = format!("the {}'s value changed", role.name());
        }
        return;
    };
    let keys = changed_keys(doc, od, nd);
    let names = key_names(&keys);
    let only = |allowed: &[&[u8]]| keys.iter().all(|k| allowed.contains(&k.as_slice()));
    match role {
        Role::Catalog => {
            let form_ok = match (
                od.get(b"AcroForm").ok().flatten(),
                nd.get(b"AcroForm").ok().flatten(),
            ) {
                (Some(o), Some(n)) if same(doc, o, n) => true,
                (_, Some(Object::Reference(_))) => true,
                (o, Some(n)) => form_ok(doc, rev, o, n, &appendable),
                _ => false,
            };
            change.permitted = only(&[b"AcroForm", b"DSS"]) && form_ok;
            change.explanation = if change.permitted {
                "the form was updated for a further signature, or validation data added".into()
            } else {
                format!("the catalog changed: {names}")
            };
        }
        Role::Form => {
            change.permitted = form_ok(doc, rev, Some(old), new, &appendable);
            change.explanation = if change.permitted {
                "a further signature field was added to the form".into()
            } else {
                format!("the form changed: {names}")
            };
        }
        Role::Page => {
            change.permitted = only(&[b"Annots"])
                && appended_only(
                    doc,
                    rev,
                    od.get(b"Annots").ok().flatten(),
                    nd.get(b"Annots").ok().flatten(),
                    &appendable,
                );
            change.explanation = if change.permitted {
                "a further signature's widget (or a permitted annotation) was added to the page"
                    .into()
            } else {
                format!("the page changed: {names}")
            };
        }
        Role::Signature if p.signature_fields.contains(&id) => {
            // An empty signature field filled by a further signature.
            change.permitted = only(&[b"V", b"AP"]);
            change.explanation = if change.permitted {
                "an empty signature field was signed".into()
            } else {
                format!("the signature field changed: {names}")
            };
        }
        Role::Signature | Role::SignatureAppearance => {
            // An existing signature (its dictionary, field or appearance)
            // rewritten: the signed version is what was verified.
            change.code = Some("pdf.modified.form");
            change.explanation = format!(
                "a signature's {} was rewritten after signing: {names}",
                role.name()
            );
        }
        Role::Field if p.form_filling && matches!(new, Object::Stream(_)) => {
            change.permitted = true;
            change.explanation =
                "a field's appearance stream redrawn (form filling, permitted by /P 2 and 3)"
                    .into();
        }
        Role::Field if p.form_filling => {
            change.permitted = only(&[b"V", b"AS", b"AP"]);
            change.explanation = if change.permitted {
                format!("form filling: {names} (permitted by /P 2 and 3)")
            } else {
                format!("the field changed beyond its value: {names}")
            };
        }
        Role::Dss => {
            change.permitted = true;
            change.explanation = format!("validation data (DSS) extended: {names}");
        }
        Role::Annotation | Role::AnnotationAppearance if p.annotations => {
            change.permitted = true;
            change.explanation = format!("an annotation changed: {names} (permitted by /P 3)");
        }
        _ => {
            change.explanation = format!("the {} changed: {names}", role.name());
        }
    }
}

fn form_ok(
    doc: &Document<'_>,
    rev: usize,
    old: Option<&Object>,
    new: &Object,
    allowed: &BTreeSet<ObjRef>,
) -> bool {
    let old = match old.map(|o| deref_in(doc, rev - 1, o)) {
        None => Object::Dictionary(Dictionary::default()),
        Some(Ok(o)) => o,
        Some(Err(_)) => return false,
    };
    let Ok(new) = deref_in(doc, rev, new) else {
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
            rev,
            od.get(b"Fields").ok().flatten(),
            nd.get(b"Fields").ok().flatten(),
            allowed,
        )
}
