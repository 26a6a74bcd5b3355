//! The e-license metadata of a signed revision: the embedded
//! `metadata.json` and `metadata.xml` (found through the `/EmbeddedFiles`
//! name tree) and the `elic:` XMP properties of the catalog's `/Metadata`,
//! checked to agree with each other.

use super::{catalog_in, deref_in, report::MetadataReport};
use crate::license::{CoreField, METADATA_JSON, METADATA_XML, Metadata, XMP_PREFIX};
use crate::pdf::parse::{Document, Object};
use crate::seal::Check;

/// Most name-tree nodes walked.
const MAX_NAME_TREE_NODES: usize = 1_000;
/// Largest `metadata.json` that is not e-license metadata still shown in
/// the report as a JSON value.
const MAX_INVALID_JSON_SHOWN: usize = 64 << 10;

/// A PDF text string (ISO 32000-1 §7.9.2.2): UTF-16BE with a byte order
/// mark, UTF-8 with one (PDF 2.0), else PDFDocEncoding (read as Latin-1).
pub(crate) fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// The embedded `metadata.json` and `metadata.xml` of revision `rev`, the
/// first of each name: `(name, data)`. Other embedded files are not
/// decoded, so that at most two streams of `max_decompressed_size` bytes
/// are held, however many files the document embeds.
fn embedded_files(doc: &Document<'_>, rev: usize) -> crate::Result<Vec<(String, Vec<u8>)>> {
    let (_, catalog) = catalog_in(doc, rev)?;
    let Some(names) = catalog.get(b"Names")? else {
        return Ok(Vec::new());
    };
    let names = deref_in(doc, rev, names)?;
    let Some(tree) = names
        .as_dict()
        .and_then(|n| n.get(b"EmbeddedFiles").ok().flatten())
    else {
        return Ok(Vec::new());
    };
    let mut stack = vec![deref_in(doc, rev, tree)?];
    let mut out = Vec::new();
    let mut walked = 0;
    while let Some(node) = stack.pop() {
        walked += 1;
        if walked > MAX_NAME_TREE_NODES {
            return Err(crate::Error::InvalidInput(
                "the name tree is too large".into(),
            ));
        }
        let Some(node) = node.as_dict() else { continue };
        if let Some(Object::Array(kids)) = node
            .get(b"Kids")?
            .map(|k| deref_in(doc, rev, k))
            .transpose()?
        {
            for k in kids {
                stack.push(deref_in(doc, rev, &k)?);
            }
        }
        if let Some(Object::Array(pairs)) = node
            .get(b"Names")?
            .map(|k| deref_in(doc, rev, k))
            .transpose()?
        {
            for pair in pairs.chunks(2) {
                let [Object::String(name), spec] = pair else {
                    continue;
                };
                let name = text_string(&name.bytes);
                if ![METADATA_JSON, METADATA_XML].contains(&name.as_str())
                    || out.iter().any(|(n, _)| *n == name)
                {
                    continue;
                }
                let spec = deref_in(doc, rev, spec)?;
                let Some(ef) = spec.as_dict().and_then(|s| s.get(b"EF").ok().flatten()) else {
                    continue;
                };
                let ef = deref_in(doc, rev, ef)?;
                let Some(Object::Reference(f)) =
                    ef.as_dict().and_then(|e| e.get(b"F").ok().flatten())
                else {
                    continue;
                };
                let stream = doc.resolve_in(rev, *f)?;
                out.push((name, doc.stream_data(&stream)?));
            }
        }
    }
    Ok(out)
}

/// The `elic:` properties of the XMP packet: `(name, text)`.
fn xmp_properties(xmp: &[u8]) -> crate::Result<Vec<(String, String)>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xmp);
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    let prefix = format!("{XMP_PREFIX}:");
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                current = name
                    .strip_prefix(&prefix)
                    .map(|n| (n.to_owned(), String::new()));
            }
            Ok(Event::Text(t)) => {
                if let Some((_, text)) = &mut current {
                    let s = t
                        .decode()
                        .map_err(|e| crate::Error::InvalidInput(format!("XMP: {e}")))?;
                    text.push_str(&s);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let Some((_, text)) = &mut current {
                    let name = String::from_utf8_lossy(&r);
                    text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Ok(Event::End(_)) => {
                if let Some(p) = current.take() {
                    out.push(p);
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(crate::Error::InvalidInput(format!(
                    "the XMP does not parse: {e}"
                )));
            }
        }
    }
    Ok(out)
}

/// Read and cross-check the metadata of revision `rev`; `None` when the
/// document carries no `metadata.json` (it is not an e-license).
pub(crate) fn read(doc: &Document<'_>, rev: usize) -> Option<MetadataReport> {
    let mut checks = Vec::new();
    let files = match embedded_files(doc, rev) {
        Ok(f) => f,
        Err(e) => {
            checks.push(Check::failed(
                "metadata.files",
                "metadata.unreadable",
                format!("the embedded files cannot be read: {e}"),
            ));
            return Some(MetadataReport {
                revision: rev,
                metadata: None,
                checks,
            });
        }
    };
    let json = files.iter().find(|(n, _)| n == METADATA_JSON)?;
    // Parsed only up to Metadata::MAX_JSON_LEN bytes; the JSON value for the
    // report only when it is metadata (whose size is bounded) or small: a
    // JSON value can take tens of times the memory of its text.
    let small = json.1.len() <= Metadata::MAX_JSON_LEN;
    let metadata: Option<Metadata> = small
        .then(|| serde_json::from_slice(&json.1).ok())
        .flatten();
    let value: Option<serde_json::Value> = (metadata.is_some()
        || json.1.len() <= MAX_INVALID_JSON_SHOWN)
        .then(|| serde_json::from_slice(&json.1).ok())
        .flatten();
    let Some(metadata) = metadata else {
        checks.push(Check::failed(
            "metadata.json",
            "metadata.json-invalid",
            if small {
                format!("{METADATA_JSON} is not valid e-license metadata")
            } else {
                format!(
                    "{METADATA_JSON} has {} bytes, more than the {} read",
                    json.1.len(),
                    Metadata::MAX_JSON_LEN
                )
            },
        ));
        return Some(MetadataReport {
            revision: rev,
            metadata: value,
            checks,
        });
    };
    checks.push(Check::passed(
        "metadata.json",
        format!("{METADATA_JSON} read from revision {rev}"),
    ));
    match files.iter().find(|(n, _)| n == METADATA_XML) {
        None => checks.push(Check::warning(
            "metadata.xml",
            "metadata.xml-missing",
            format!("no {METADATA_XML}"),
        )),
        Some((_, xml)) => match core::str::from_utf8(xml)
            .map_err(|e| e.to_string())
            .and_then(|x| Metadata::from_xml(x).map_err(|e| e.to_string()))
        {
            Ok(m) if m == metadata => checks.push(Check::passed(
                "metadata.xml",
                format!("{METADATA_XML} agrees with {METADATA_JSON}"),
            )),
            Ok(_) => checks.push(Check::failed(
                "metadata.xml",
                "metadata.xml-disagrees",
                format!("{METADATA_XML} and {METADATA_JSON} differ"),
            )),
            Err(e) => checks.push(Check::failed(
                "metadata.xml",
                "metadata.xml-invalid",
                format!("{METADATA_XML} does not parse: {e}"),
            )),
        },
    }
    let xmp = catalog_in(doc, rev).ok().and_then(|(_, c)| {
        let m = c.get(b"Metadata").ok().flatten()?.clone();
        let s = deref_in(doc, rev, &m).ok()?;
        doc.stream_data(&s).ok()
    });
    match xmp.map(|x| xmp_properties(&x)) {
        None => checks.push(Check::failed(
            "metadata.xmp",
            "metadata.xmp-missing",
            "the catalog has no readable XMP /Metadata",
        )),
        Some(Err(e)) => checks.push(Check::failed(
            "metadata.xmp",
            "metadata.xmp-invalid",
            e.to_string(),
        )),
        Some(Ok(props)) => {
            let mut problems = Vec::new();
            for field in CoreField::ALL {
                let expected = metadata.core_text(field);
                let found = props
                    .iter()
                    .find(|(n, _)| n == field.json_id())
                    .map(|(_, v)| v.clone());
                if expected != found {
                    problems.push(field.json_id());
                }
            }
            checks.push(if problems.is_empty() {
                Check::passed(
                    "metadata.xmp",
                    "the XMP properties agree with the embedded metadata",
                )
            } else {
                Check::failed(
                    "metadata.xmp",
                    "metadata.xmp-disagrees",
                    format!(
                        "the XMP differs from {METADATA_JSON} in: {}",
                        problems.join(", ")
                    ),
                )
            });
        }
    }
    Some(MetadataReport {
        revision: rev,
        metadata: value,
        checks,
    })
}
