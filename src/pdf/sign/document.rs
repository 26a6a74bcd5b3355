//! What the signer needs to know about the document it appends to: the
//! page to put the seal on, the interactive form, existing signatures and
//! certification.

use crate::pdf::parse::{Dictionary, Document, ObjRef, Object};
use crate::{Error, Result};
use std::collections::BTreeSet;

/// Deepest page tree gmseal follows.
const MAX_PAGE_TREE_DEPTH: usize = 32;
/// Most form fields gmseal reads.
const MAX_FIELDS: usize = 10_000;

fn bad(detail: impl Into<String>) -> Error {
    Error::InvalidInput(detail.into())
}

/// A page found in the page tree.
#[derive(Clone, Debug)]
pub(crate) struct Page {
    pub(crate) id: ObjRef,
    pub(crate) dict: Dictionary,
    /// `[llx lly urx ury]` (inherited when needed).
    pub(crate) media_box: [f64; 4],
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

fn rect(doc: &Document<'_>, o: &Object) -> Result<[f64; 4]> {
    let o = doc.deref(o)?;
    let Object::Array(items) = o else {
        return Err(bad("/MediaBox is not an array"));
    };
    let n: Vec<f64> = items.iter().filter_map(number).collect();
    match n.as_slice() {
        [a, b, c, d] if items.len() == 4 => Ok([a.min(*c), b.min(*d), a.max(*c), b.max(*d)]),
        _ => Err(bad("/MediaBox is not four numbers")),
    }
}

/// The page with 0-based `index`, in the view of the last revision.
pub(crate) fn find_page(doc: &Document<'_>, catalog: &Dictionary, index: usize) -> Result<Page> {
    let Some(Object::Reference(root)) = catalog.get(b"Pages")? else {
        return Err(bad("the catalog has no /Pages reference"));
    };
    let mut node = *root;
    let mut remaining = index;
    let mut media_box: Option<[f64; 4]> = None;
    let mut visited = BTreeSet::new();
    for _ in 0..MAX_PAGE_TREE_DEPTH {
        if !visited.insert(node) {
            return Err(bad(format!("the page tree loops at object {node}")));
        }
        let dict = match doc.resolve(node)? {
            Object::Dictionary(d) => d,
            _ => return Err(bad(format!("page tree node {node} is not a dictionary"))),
        };
        if let Some(mb) = dict.get(b"MediaBox")? {
            media_box = Some(rect(doc, mb)?);
        }
        match dict.get_name(b"Type")? {
            Some(b"Page") if remaining == 0 => {
                let media_box =
                    media_box.ok_or_else(|| bad(format!("page {} has no /MediaBox", index + 1)))?;
                return Ok(Page {
                    id: node,
                    dict,
                    media_box,
                });
            }
            Some(b"Pages") => {
                let kids = match dict.get(b"Kids")?.map(|k| doc.deref(k)).transpose()? {
                    Some(Object::Array(k)) => k,
                    _ => return Err(bad(format!("page tree node {node} has no /Kids array"))),
                };
                let mut next = None;
                for kid in kids {
                    let Object::Reference(r) = kid else {
                        return Err(bad(format!("a /Kids entry of {node} is not a reference")));
                    };
                    let kid_dict = match doc.resolve(r)? {
                        Object::Dictionary(d) => d,
                        _ => return Err(bad(format!("page tree node {r} is not a dictionary"))),
                    };
                    let count = match kid_dict.get_name(b"Type")? {
                        Some(b"Page") => 1,
                        Some(b"Pages") => kid_dict
                            .get_int(b"Count")?
                            .and_then(|c| usize::try_from(c).ok())
                            .ok_or_else(|| bad(format!("page tree node {r} has no /Count")))?,
                        _ => return Err(bad(format!("{r} in the page tree is not a page"))),
                    };
                    if remaining < count {
                        next = Some(r);
                        break;
                    }
                    remaining -= count;
                }
                node = next.ok_or_else(|| {
                    bad(format!(
                        "the document has no page {} (it has {})",
                        index + 1,
                        index - remaining
                    ))
                })?;
            }
            _ => return Err(bad(format!("{node} in the page tree is not a page"))),
        }
    }
    Err(bad("the page tree is too deep"))
}

/// The interactive form as the signer sees it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Form {
    /// The `/AcroForm` object, when it is indirect.
    pub(crate) indirect: Option<ObjRef>,
    /// The `/AcroForm` dictionary (empty when absent).
    pub(crate) dict: Dictionary,
    /// The top-level `/Fields` entries.
    pub(crate) fields: Vec<Object>,
    /// Partial names of the fields (all levels).
    pub(crate) names: BTreeSet<Vec<u8>>,
    /// Number of signature fields with a value.
    pub(crate) signatures: usize,
}

/// Read `/AcroForm`, its fields and their names.
pub(crate) fn read_form(doc: &Document<'_>, catalog: &Dictionary) -> Result<Form> {
    let mut form = Form::default();
    let dict = match catalog.get(b"AcroForm")? {
        None => return Ok(form),
        Some(Object::Reference(r)) => {
            form.indirect = Some(*r);
            doc.resolve(*r)?
        }
        Some(o) => o.clone(),
    };
    let Object::Dictionary(dict) = dict else {
        return Err(bad("/AcroForm is not a dictionary"));
    };
    form.fields = match dict.get(b"Fields")?.map(|f| doc.deref(f)).transpose()? {
        None => Vec::new(),
        Some(Object::Array(a)) => a,
        Some(_) => return Err(bad("/AcroForm /Fields is not an array")),
    };
    form.dict = dict;
    let mut stack: Vec<(Object, usize)> = form.fields.iter().map(|f| (f.clone(), 0)).collect();
    let mut seen = BTreeSet::new();
    let mut count = 0;
    while let Some((field, depth)) = stack.pop() {
        count += 1;
        if count > MAX_FIELDS || depth > MAX_PAGE_TREE_DEPTH {
            return Err(bad("the form has too many or too deeply nested fields"));
        }
        if let Object::Reference(r) = field {
            if !seen.insert(r) {
                continue;
            }
        }
        let Object::Dictionary(d) = doc.deref(&field)? else {
            continue;
        };
        if let Some(Object::String(t)) = d.get(b"T")? {
            form.names.insert(t.bytes.clone());
        }
        if d.get_name(b"FT")? == Some(b"Sig") && d.get(b"V")?.is_some() {
            form.signatures += 1;
        }
        if let Some(Object::Array(kids)) = d.get(b"Kids")?.map(|k| doc.deref(k)).transpose()? {
            stack.extend(kids.into_iter().map(|k| (k, depth + 1)));
        }
    }
    Ok(form)
}

/// The `/P` value of an existing certification signature (`/Perms /DocMDP`).
pub(crate) fn certification_level(doc: &Document<'_>, catalog: &Dictionary) -> Result<Option<i64>> {
    let Some(perms) = catalog.get(b"Perms")?.map(|p| doc.deref(p)).transpose()? else {
        return Ok(None);
    };
    let Some(perms) = perms.as_dict() else {
        return Ok(None);
    };
    let Some(sig) = perms.get(b"DocMDP")?.map(|s| doc.deref(s)).transpose()? else {
        return Ok(None);
    };
    let Some(sig) = sig.as_dict() else {
        return Ok(None);
    };
    let Some(Object::Array(refs)) = sig.get(b"Reference")?.map(|r| doc.deref(r)).transpose()?
    else {
        // A certification without transform parameters: P=2 by default.
        return Ok(Some(2));
    };
    for r in refs {
        let r = doc.deref(&r)?;
        let Some(d) = r.as_dict() else { continue };
        if d.get_name(b"TransformMethod")? == Some(b"DocMDP") {
            let p = match d
                .get(b"TransformParams")?
                .map(|t| doc.deref(t))
                .transpose()?
            {
                Some(Object::Dictionary(t)) => t.get_int(b"P")?.unwrap_or(2),
                _ => 2,
            };
            return Ok(Some(p));
        }
    }
    Ok(Some(2))
}
