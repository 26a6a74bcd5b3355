//! The XMP metadata packet (ISO 16684-1) of a PDF/A-3b document.
//!
//! ISO 19005-3 §6.6 asks for: `pdfaid:part` and `pdfaid:conformance`; Dublin
//! Core and XMP basic properties that agree with the `/Info` dictionary
//! (`dc:title` = `/Title`, `dc:creator` = `/Author`, `dc:description` =
//! `/Subject`, `xmp:CreateDate` = `/CreationDate`, `xmp:ModifyDate` =
//! `/ModDate`, `xmp:CreatorTool` = `/Creator`, `pdf:Producer` = `/Producer`);
//! and, for every property outside the predefined schemas, a `pdfaExtension`
//! schema description (§6.6.2.3.1) naming the namespace, prefix, and each
//! property with its value type and category.

use super::DocumentInfo;
use crate::{Error, Result};
use std::fmt::Write as _;

/// Custom XMP properties in one namespace, described by a PDF/A extension schema.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CustomXmp {
    /// `pdfaSchema:namespaceURI`; must end in `/` or `#`.
    pub namespace_uri: String,
    /// `pdfaSchema:prefix`: an XML name without `:`.
    pub prefix: String,
    /// `pdfaSchema:schema`: a human-readable schema name.
    pub schema_name: String,
    /// The properties, written in this order.
    pub properties: Vec<XmpProperty>,
}

impl CustomXmp {
    /// An empty property set in the namespace `namespace_uri` with `prefix`.
    pub fn new(namespace_uri: &str, prefix: &str, schema_name: &str) -> Self {
        Self {
            namespace_uri: namespace_uri.to_owned(),
            prefix: prefix.to_owned(),
            schema_name: schema_name.to_owned(),
            properties: Vec::new(),
        }
    }

    /// Add a text property.
    pub fn push(&mut self, name: &str, description: &str, value: &str) {
        self.properties.push(XmpProperty {
            name: name.to_owned(),
            description: description.to_owned(),
            value: value.to_owned(),
        });
    }

    fn check(&self) -> Result<()> {
        if !(self.namespace_uri.ends_with('/') || self.namespace_uri.ends_with('#')) {
            return Err(Error::InvalidInput(format!(
                "XMP namespace {:?} must end in '/' or '#'",
                self.namespace_uri
            )));
        }
        if !is_ncname(&self.prefix) {
            return Err(Error::InvalidInput(format!(
                "XMP prefix {:?} is not an XML name",
                self.prefix
            )));
        }
        for p in &self.properties {
            if !is_ncname(&p.name) {
                return Err(Error::InvalidInput(format!(
                    "XMP property {:?} is not an XML name",
                    p.name
                )));
            }
        }
        Ok(())
    }
}

/// One `Text` property (`pdfaProperty:valueType Text`, `category external`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct XmpProperty {
    /// Local name in the custom namespace.
    pub name: String,
    /// `pdfaProperty:description`.
    pub description: String,
    /// The value.
    pub value: String,
}

/// An XML NCName restricted to ASCII: a letter or `_`, then letters, digits, `_`, `-`, `.`.
fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Escape text for XML content and attribute values; drop characters XML 1.0 forbids.
fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

fn lang_alt(out: &mut String, element: &str, value: &str) {
    let _ = write!(
        out,
        "   <{element}><rdf:Alt><rdf:li xml:lang=\"x-default\">"
    );
    escape(out, value);
    let _ = writeln!(out, "</rdf:li></rdf:Alt></{element}>");
}

fn simple(out: &mut String, element: &str, value: &str) {
    let _ = write!(out, "   <{element}>");
    escape(out, value);
    let _ = writeln!(out, "</{element}>");
}

/// The XMP packet for `info`, with `producer` as `pdf:Producer` and `xmp:CreatorTool`.
pub(super) fn packet(info: &DocumentInfo, producer: &str) -> Result<String> {
    if let Some(custom) = &info.custom_xmp {
        custom.check()?;
    }
    let date = info.created.to_string();
    let mut x = String::with_capacity(4096);
    // The `begin` attribute holds U+FEFF (ISO 16684-1 §7.3.2).
    x.push_str("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    // Declaring the `xml` prefix is optional (Namespaces in XML 1.0 §3) but some
    // validators reject `xml:lang` without it.
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" xmlns:xml=\"http://www.w3.org/XML/1998/namespace\">\n <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");

    x.push_str(
        "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n",
    );
    simple(&mut x, "pdfaid:part", "3");
    simple(&mut x, "pdfaid:conformance", "B");
    x.push_str("  </rdf:Description>\n");

    x.push_str(
        "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n",
    );
    simple(&mut x, "dc:format", "application/pdf");
    lang_alt(&mut x, "dc:title", &info.title);
    if let Some(author) = &info.author {
        x.push_str("   <dc:creator><rdf:Seq><rdf:li>");
        escape(&mut x, author);
        x.push_str("</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if let Some(subject) = &info.subject {
        lang_alt(&mut x, "dc:description", subject);
    }
    x.push_str("  </rdf:Description>\n");

    x.push_str("  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
    simple(&mut x, "xmp:CreateDate", &date);
    simple(&mut x, "xmp:ModifyDate", &date);
    simple(&mut x, "xmp:MetadataDate", &date);
    simple(&mut x, "xmp:CreatorTool", producer);
    x.push_str("  </rdf:Description>\n");

    x.push_str("  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
    simple(&mut x, "pdf:Producer", producer);
    x.push_str("  </rdf:Description>\n");

    if let Some(custom) = &info.custom_xmp {
        custom_properties(&mut x, custom);
        extension_schema(&mut x, custom);
    }
    x.push_str(" </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
    Ok(x)
}

fn custom_properties(x: &mut String, custom: &CustomXmp) {
    let _ = write!(
        x,
        "  <rdf:Description rdf:about=\"\" xmlns:{}=\"",
        custom.prefix
    );
    escape(x, &custom.namespace_uri);
    x.push_str("\">\n");
    for p in &custom.properties {
        simple(x, &format!("{}:{}", custom.prefix, p.name), &p.value);
    }
    x.push_str("  </rdf:Description>\n");
}

/// ISO 19005-1 Technical Corrigendum 2 / 19005-3 §6.6.2.3: the extension schema container.
fn extension_schema(x: &mut String, custom: &CustomXmp) {
    x.push_str(concat!(
        "  <rdf:Description rdf:about=\"\"",
        " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"",
        " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"",
        " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n",
        "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
    ));
    simple(x, "pdfaSchema:schema", &custom.schema_name);
    simple(x, "pdfaSchema:namespaceURI", &custom.namespace_uri);
    simple(x, "pdfaSchema:prefix", &custom.prefix);
    x.push_str("   <pdfaSchema:property><rdf:Seq>\n");
    for p in &custom.properties {
        x.push_str("    <rdf:li rdf:parseType=\"Resource\">\n");
        simple(x, "pdfaProperty:name", &p.name);
        simple(x, "pdfaProperty:valueType", "Text");
        simple(x, "pdfaProperty:category", "external");
        simple(x, "pdfaProperty:description", &p.description);
        x.push_str("    </rdf:li>\n");
    }
    x.push_str("   </rdf:Seq></pdfaSchema:property>\n   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n  </rdf:Description>\n");
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::time::Timestamp;

    fn info() -> DocumentInfo {
        DocumentInfo::new(
            "营业执照 <&>",
            Timestamp::parse("2026-03-04T05:06:07Z").unwrap(),
            b"seed",
        )
    }

    #[test]
    fn packet_names_part_conformance_and_escapes() {
        let mut info = info();
        let mut custom =
            CustomXmp::new("https://gmseal.example/ns/license/1.0/", "lic", "e-license");
        custom.push("licenseId", "GB/T 36904 identifier", "ABC\u{1}\"x\"");
        info.custom_xmp = Some(custom);
        let p = packet(&info, "gmseal test").unwrap();
        assert!(p.contains("<pdfaid:part>3</pdfaid:part>"));
        assert!(p.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(p.contains("营业执照 &lt;&amp;&gt;"));
        assert!(p.contains("<xmp:CreateDate>2026-03-04T05:06:07Z</xmp:CreateDate>"));
        assert!(p.contains("<lic:licenseId>ABC&quot;x&quot;</lic:licenseId>"));
        assert!(p.contains("<pdfaProperty:name>licenseId</pdfaProperty:name>"));
        // Well-formed XML.
        let mut reader = quick_xml::Reader::from_str(&p);
        loop {
            match reader.read_event().unwrap() {
                quick_xml::events::Event::Eof => break,
                _ => continue,
            }
        }
    }

    #[test]
    fn bad_names_are_refused() {
        let mut bad = info();
        let mut custom = CustomXmp::new("https://x.example/ns/", "lic", "s");
        custom.push("has space", "", "");
        bad.custom_xmp = Some(custom);
        assert!(packet(&bad, "p").is_err());
        let mut info2 = info();
        info2.custom_xmp = Some(CustomXmp::new("https://x.example/ns", "lic", "s"));
        assert!(packet(&info2, "p").is_err());
    }
}
