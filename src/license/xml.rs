//! The XML form of e-license metadata, for embedding in PDF and OFD files
//! (GB/T 36905 leaves the embedding open, e-license.md §2.4, §9). gmseal's own
//! namespace, one element per core element under its JSON id, then
//! `<Surface>`, `<Copy>` and `<photo>`; see [`Metadata::to_xml`].

use crate::error::{LicenseError, Result};
use crate::license::metadata::{AnnotatedCopy, COPY_FIELDS, CoreField, Metadata, SurfaceItem};
use crate::license::validate::xml_char;
use quick_xml::NsReader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The XML namespace of gmseal's e-license metadata.
pub const XML_NAMESPACE: &str = "urn:gmseal:e-license:1.0";

const ROOT: &str = "ElectronicLicense";

/// The largest XML text [`read`] accepts (photos are inline base64).
const MAX_XML_LEN: usize = 16 << 20;

fn xml_error(reason: impl Into<String>, position: Option<u64>) -> crate::Error {
    LicenseError::Xml {
        reason: reason.into(),
        position,
    }
    .into()
}

/// Escape element content: `& < >`, and CR as a character reference so that it
/// survives end-of-line normalization.
fn escape_text(out: &mut String, field: &str, text: &str) -> Result<()> {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if xml_char(c) => out.push(c),
            c => return Err(bad_char(field, c)),
        }
    }
    Ok(())
}

/// Escape an attribute value: `& < > "`, and TAB, LF, CR as character
/// references so that they survive attribute-value normalization.
fn escape_attr(out: &mut String, field: &str, text: &str) -> Result<()> {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if xml_char(c) => out.push(c),
            c => return Err(bad_char(field, c)),
        }
    }
    Ok(())
}

fn bad_char(field: &str, c: char) -> crate::Error {
    xml_error(
        format!(
            "{field} holds the control character U+{:04X}, which XML 1.0 cannot carry",
            u32::from(c)
        ),
        None,
    )
}

fn leaf(out: &mut String, indent: &str, name: &str, field: &str, text: &str) -> Result<()> {
    let _ = write!(out, "{indent}<{name}>");
    escape_text(out, field, text)?;
    let _ = writeln!(out, "</{name}>");
    Ok(())
}

/// Write `m` as XML (see [`Metadata::to_xml`]).
pub(crate) fn write(m: &Metadata) -> Result<String> {
    let mut out = String::with_capacity(2048);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<{ROOT} xmlns=\"{XML_NAMESPACE}\">");
    for field in CoreField::ALL {
        if let Some(text) = m.core_text(field) {
            leaf(&mut out, "  ", field.json_id(), field.json_id(), &text)?;
        }
    }
    if !m.surface.is_empty() {
        out.push_str("  <Surface>\n");
        for item in &m.surface {
            let field = format!("surface.{}", item.key);
            out.push_str("    <Item key=\"");
            escape_attr(&mut out, &field, &item.key)?;
            out.push('"');
            if !item.label.is_empty() {
                out.push_str(" label=\"");
                escape_attr(&mut out, &field, &item.label)?;
                out.push('"');
            }
            out.push('>');
            escape_text(&mut out, &field, &item.value)?;
            out.push_str("</Item>\n");
        }
        out.push_str("  </Surface>\n");
    }
    if let Some(copy) = &m.copy {
        out.push_str("  <Copy>\n");
        for (i, (id, _)) in COPY_FIELDS.iter().enumerate() {
            if let Some(text) = copy.text(i) {
                leaf(&mut out, "    ", id, &format!("copy.{id}"), &text)?;
            }
        }
        out.push_str("  </Copy>\n");
    }
    if let Some(photo) = &m.photo {
        leaf(&mut out, "  ", "photo", "photo", photo)?;
    }
    let _ = writeln!(out, "</{ROOT}>");
    Ok(out)
}

struct Reader<'i> {
    r: NsReader<&'i [u8]>,
}

/// An event, with whether its element (if any) is in our namespace.
type Resolved<'i> = (bool, Event<'i>);

impl<'i> Reader<'i> {
    fn position(&self) -> Option<u64> {
        Some(self.r.buffer_position())
    }

    fn error(&self, reason: impl Into<String>) -> crate::Error {
        xml_error(reason, self.position())
    }

    fn next(&mut self) -> Result<Resolved<'i>> {
        match self.r.read_resolved_event() {
            Ok((ns, event)) => {
                let ours = matches!(ns, ResolveResult::Bound(Namespace(n)) if n == XML_NAMESPACE.as_bytes());
                Ok((ours, event))
            }
            Err(e) => Err(xml_error(e.to_string(), Some(self.r.error_position()))),
        }
    }

    /// The local name of an element of our namespace, or an error.
    fn name(&self, ours: bool, e: &BytesStart<'_>) -> Result<String> {
        let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        if ours {
            Ok(local)
        } else {
            Err(self.error(format!(
                "element <{}> is not in the namespace {XML_NAMESPACE}",
                String::from_utf8_lossy(e.name().as_ref())
            )))
        }
    }

    /// The attributes of an element other than namespace declarations, as
    /// (name, value); prefixed attributes are refused.
    fn attributes(&self, e: &BytesStart<'_>) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for attr in e.attributes() {
            let attr = attr.map_err(|err| self.error(err.to_string()))?;
            if attr.key.as_namespace_binding().is_some() {
                continue;
            }
            let name = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
            if attr.key.prefix().is_some() {
                return Err(self.error(format!("unknown attribute {name}")));
            }
            let value = attr
                .decode_and_unescape_value(self.r.decoder())
                .map_err(|err| self.error(format!("attribute {name}: {err}")))?
                .into_owned();
            out.push((name, value));
        }
        Ok(out)
    }

    fn no_attributes(&self, e: &BytesStart<'_>, element: &str) -> Result<()> {
        match self.attributes(e)?.first() {
            Some((name, _)) => Err(self.error(format!("unknown attribute {name} on <{element}>"))),
            None => Ok(()),
        }
    }

    /// Skip whitespace, comments and processing instructions; error on other
    /// text.
    fn skippable(&self, event: &Event<'_>, inside: &str) -> Result<bool> {
        match event {
            Event::Comment(_) | Event::PI(_) => Ok(true),
            Event::Text(t) => {
                if t.iter().all(u8::is_ascii_whitespace) {
                    Ok(true)
                } else {
                    Err(self.error(format!("unexpected text in <{inside}>")))
                }
            }
            Event::CData(_) | Event::GeneralRef(_) => {
                Err(self.error(format!("unexpected text in <{inside}>")))
            }
            Event::DocType(_) => Err(self.error("a DOCTYPE is not allowed")),
            Event::Decl(_) => Err(self.error("misplaced XML declaration")),
            _ => Ok(false),
        }
    }

    /// The text of a leaf element whose start tag was just read, up to its
    /// end tag.
    fn leaf_text(&mut self, element: &str) -> Result<String> {
        let mut text = String::new();
        loop {
            let (_, event) = self.next()?;
            match event {
                Event::Text(t) => {
                    let s = t
                        .xml10_content()
                        .map_err(|e| self.error(format!("<{element}>: {e}")))?;
                    text.push_str(&s);
                }
                Event::CData(c) => {
                    let s = c
                        .xml10_content()
                        .map_err(|e| self.error(format!("<{element}>: {e}")))?;
                    text.push_str(&s);
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        Ok(None) => {
                            let name = String::from_utf8_lossy(&r).into_owned();
                            resolve_predefined_entity(&name).and_then(|s| s.chars().next())
                        }
                        Err(e) => return Err(self.error(format!("<{element}>: {e}"))),
                    };
                    match resolved {
                        Some(c) if xml_char(c) => text.push(c),
                        _ => {
                            return Err(self.error(format!(
                                "<{element}>: unknown or invalid reference &{};",
                                String::from_utf8_lossy(&r)
                            )));
                        }
                    }
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::End(_) => return Ok(text),
                Event::Start(e) => {
                    return Err(self.error(format!(
                        "element <{}> inside <{element}>",
                        String::from_utf8_lossy(e.name().as_ref())
                    )));
                }
                Event::Eof => return Err(self.error(format!("<{element}> is not closed"))),
                _ => return Err(self.error(format!("unexpected content in <{element}>"))),
            }
        }
    }
}

/// Read metadata XML (see [`Metadata::from_xml`]).
pub(crate) fn read(xml: &str) -> Result<Metadata> {
    if xml.len() > MAX_XML_LEN {
        return Err(xml_error(
            format!("{} bytes, more than the {MAX_XML_LEN} allowed", xml.len()),
            None,
        ));
    }
    let xml = xml.strip_prefix('\u{FEFF}').unwrap_or(xml);
    let mut r = NsReader::from_str(xml);
    r.config_mut().expand_empty_elements = true;
    let mut rd = Reader { r };

    // Prolog, up to the root element.
    loop {
        let (ours, event) = rd.next()?;
        match event {
            Event::Decl(_) => {}
            Event::Start(e) => {
                let name = rd.name(ours, &e)?;
                if name != ROOT {
                    return Err(rd.error(format!("the root element is <{name}>, not <{ROOT}>")));
                }
                rd.no_attributes(&e, ROOT)?;
                break;
            }
            Event::Eof => return Err(rd.error("no root element")),
            ref other => {
                rd.skippable(other, "the prolog")?;
            }
        }
    }

    let mut m = Metadata::default();
    let mut seen = BTreeSet::new();
    loop {
        let (ours, event) = rd.next()?;
        match event {
            Event::Start(e) => {
                let name = rd.name(ours, &e)?;
                rd.no_attributes(&e, &name)?;
                if !seen.insert(name.clone()) {
                    return Err(rd.error(format!("element <{name}> is given twice")));
                }
                if let Some(field) = CoreField::ALL.into_iter().find(|f| f.json_id() == name) {
                    let text = rd.leaf_text(&name)?;
                    m.set_core_text(field, text)
                        .map_err(|e| rd.error(format!("<{name}>: {e}")))?;
                } else {
                    match name.as_str() {
                        "Surface" => m.surface = read_surface(&mut rd)?,
                        "Copy" => m.copy = Some(read_copy(&mut rd)?),
                        "photo" => m.photo = Some(rd.leaf_text("photo")?),
                        _ => return Err(rd.error(format!("unknown element <{name}>"))),
                    }
                }
            }
            Event::End(_) => break,
            Event::Eof => return Err(rd.error(format!("<{ROOT}> is not closed"))),
            ref other => {
                if !rd.skippable(other, ROOT)? {
                    return Err(rd.error(format!("unexpected content in <{ROOT}>")));
                }
            }
        }
    }

    // Epilog.
    loop {
        let (_, event) = rd.next()?;
        match event {
            Event::Eof => return Ok(m),
            Event::Start(_) => return Err(rd.error("content after the root element")),
            ref other => {
                if !rd.skippable(other, "the epilog")? {
                    return Err(rd.error("content after the root element"));
                }
            }
        }
    }
}

fn read_surface(rd: &mut Reader<'_>) -> Result<Vec<SurfaceItem>> {
    let mut items = Vec::new();
    loop {
        let (ours, event) = rd.next()?;
        match event {
            Event::Start(e) => {
                let name = rd.name(ours, &e)?;
                if name != "Item" {
                    return Err(rd.error(format!("unknown element <{name}> in <Surface>")));
                }
                let mut item = SurfaceItem::default();
                let mut key = None;
                for (attr, value) in rd.attributes(&e)? {
                    match attr.as_str() {
                        "key" => key = Some(value),
                        "label" => item.label = value,
                        _ => return Err(rd.error(format!("unknown attribute {attr} on <Item>"))),
                    }
                }
                item.key = key.ok_or_else(|| rd.error("an <Item> has no key attribute"))?;
                item.value = rd.leaf_text("Item")?;
                if items.len() >= Metadata::MAX_SURFACE_ITEMS {
                    return Err(rd.error(format!(
                        "more than {} <Item>s in <Surface>",
                        Metadata::MAX_SURFACE_ITEMS
                    )));
                }
                items.push(item);
            }
            Event::End(_) => return Ok(items),
            Event::Eof => return Err(rd.error("<Surface> is not closed")),
            ref other => {
                if !rd.skippable(other, "Surface")? {
                    return Err(rd.error("unexpected content in <Surface>"));
                }
            }
        }
    }
}

fn read_copy(rd: &mut Reader<'_>) -> Result<AnnotatedCopy> {
    let mut copy = AnnotatedCopy::default();
    let mut seen = BTreeSet::new();
    loop {
        let (ours, event) = rd.next()?;
        match event {
            Event::Start(e) => {
                let name = rd.name(ours, &e)?;
                rd.no_attributes(&e, &name)?;
                let Some(i) = COPY_FIELDS.iter().position(|(id, _)| *id == name) else {
                    return Err(rd.error(format!("unknown element <{name}> in <Copy>")));
                };
                if !seen.insert(i) {
                    return Err(rd.error(format!("element <{name}> is given twice")));
                }
                let text = rd.leaf_text(&name)?;
                copy.set_text(i, text)
                    .map_err(|e| rd.error(format!("<{name}>: {e}")))?;
            }
            Event::End(_) => return Ok(copy),
            Event::Eof => return Err(rd.error("<Copy> is not closed")),
            ref other => {
                if !rd.skippable(other, "Copy")? {
                    return Err(rd.error("unexpected content in <Copy>"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::license::date::{LicenseDate, Validity};

    fn sample() -> Metadata {
        let mut m = Metadata {
            certificate_name: "营业执照 <正本> & \"副本\"".into(),
            certificate_number: "  leading and trailing  ".into(),
            certificate_issued_date: Some(LicenseDate::new(2026, 1, 5).unwrap()),
            certificate_expiring_date: Some(Validity::LongTerm),
            ..Metadata::default()
        };
        m.surface.push(SurfaceItem::new(
            "businessScope",
            "经营\t范围\n\"x\" & <y>",
            "第一行\r\n第二行\n\t缩进 ]]> &amp;",
        ));
        m.surface.push(SurfaceItem::new("empty", "", ""));
        m.copy = Some(AnnotatedCopy {
            creation_time: Some(crate::Timestamp::parse("2026-03-01T10:00:00+08:00").unwrap()),
            creator: "某某系统".into(),
            cause: String::new(),
            expiring_time: None,
        });
        m.photo = Some(String::new());
        m
    }

    #[test]
    fn round_trip_is_exact() {
        let m = sample();
        let xml = write(&m).unwrap();
        assert_eq!(read(&xml).unwrap(), m);
        assert_eq!(write(&read(&xml).unwrap()).unwrap(), xml);
        assert!(xml.contains("<Item key=\"empty\"></Item>"));
        assert!(xml.contains("&#13;"));
        assert!(xml.contains("label=\"经营&#9;范围&#10;&quot;x&quot; &amp; &lt;y&gt;\""));
        let empty = Metadata::default();
        assert_eq!(
            write(&empty).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ElectronicLicense xmlns=\"urn:gmseal:e-license:1.0\">\n</ElectronicLicense>\n"
        );
        assert_eq!(read(&write(&empty).unwrap()).unwrap(), empty);
    }

    #[test]
    fn control_characters_are_refused() {
        let m = Metadata {
            certificate_name: "a\u{1}b".into(),
            ..Metadata::default()
        };
        let e = write(&m).unwrap_err();
        assert_eq!(e.code(), "license.xml");
        assert!(e.to_string().contains("certificateName"), "{e}");
    }

    #[test]
    fn other_spellings_are_read() {
        let xml = "\u{FEFF}<?xml version='1.0'?><!-- c --><e:ElectronicLicense xmlns:e='urn:gmseal:e-license:1.0'>\
            <e:certificateName>A<![CDATA[<b>]]>&#x43;&lt;</e:certificateName><e:Surface><e:Item key='k'/></e:Surface>\
            <e:Copy/><?pi x?></e:ElectronicLicense>\n";
        let m = read(xml).unwrap();
        assert_eq!(m.certificate_name, "A<b>C<");
        assert_eq!(m.surface, [SurfaceItem::new("k", "", "")]);
        assert_eq!(m.copy, Some(AnnotatedCopy::default()));
        // Plain CR LF line ends are normalized to LF.
        let xml = "<ElectronicLicense xmlns=\"urn:gmseal:e-license:1.0\"><certificateName>a\r\nb</certificateName></ElectronicLicense>";
        assert_eq!(read(xml).unwrap().certificate_name, "a\nb");
    }

    #[test]
    fn bad_documents() {
        let ns = "xmlns=\"urn:gmseal:e-license:1.0\"";
        for (xml, needle) in [
            (String::new(), "no root element"),
            ("<ElectronicLicense/>".into(), "namespace"),
            (format!("<Other {ns}/>"), "root element is <Other>"),
            (
                format!("<ElectronicLicense {ns} a=\"1\"/>"),
                "unknown attribute a",
            ),
            (
                format!("<ElectronicLicense {ns}><certificateNmae/></ElectronicLicense>"),
                "unknown element <certificateNmae>",
            ),
            (
                format!(
                    "<ElectronicLicense {ns}><certificateName/><certificateName/></ElectronicLicense>"
                ),
                "given twice",
            ),
            (
                format!(
                    "<ElectronicLicense {ns}><certificateName><b/></certificateName></ElectronicLicense>"
                ),
                "inside",
            ),
            (
                format!("<ElectronicLicense {ns}>text</ElectronicLicense>"),
                "unexpected text",
            ),
            (
                format!(
                    "<ElectronicLicense {ns}><certificateIssuedDate>2026-02-30</certificateIssuedDate></ElectronicLicense>"
                ),
                "<certificateIssuedDate>: invalid e-license date",
            ),
            (
                format!(
                    "<ElectronicLicense {ns}><Copy><certificateCopyCreationTime>x</certificateCopyCreationTime></Copy></ElectronicLicense>"
                ),
                "<certificateCopyCreationTime>: invalid input",
            ),
            (
                format!("<ElectronicLicense {ns}><Surface><Item/></Surface></ElectronicLicense>"),
                "no key",
            ),
            (
                format!(
                    "<ElectronicLicense {ns}><Surface><Item key=\"a\" x=\"b\"/></Surface></ElectronicLicense>"
                ),
                "unknown attribute x",
            ),
            (
                format!("<ElectronicLicense {ns}><Surface><Row/></Surface></ElectronicLicense>"),
                "unknown element <Row>",
            ),
            (
                format!("<ElectronicLicense {ns}><Copy><x/></Copy></ElectronicLicense>"),
                "unknown element <x>",
            ),
            (
                format!(
                    "<ElectronicLicense {ns}><certificateName>&foo;</certificateName></ElectronicLicense>"
                ),
                "&foo;",
            ),
            (
                format!(
                    "<ElectronicLicense {ns}><certificateName>&#1;</certificateName></ElectronicLicense>"
                ),
                "&#1;",
            ),
            (format!("<!DOCTYPE x><ElectronicLicense {ns}/>"), "DOCTYPE"),
            (
                format!("<ElectronicLicense {ns}/><ElectronicLicense {ns}/>"),
                "after the root",
            ),
            (
                format!("<ElectronicLicense {ns}><certificateName>x</certificateName>"),
                "not closed",
            ),
            (
                format!(
                    "<ElectronicLicense {ns}><certificateName>x</certificateNam></ElectronicLicense>"
                ),
                "",
            ),
            (
                format!(
                    "<ElectronicLicense {ns}><x:certificateName xmlns:x=\"urn:other\"/></ElectronicLicense>"
                ),
                "namespace",
            ),
        ] {
            let e = read(&xml).unwrap_err();
            assert_eq!(e.code(), "license.xml", "{xml}");
            assert!(e.to_string().contains(needle), "{xml}: {e}");
        }
    }
}
