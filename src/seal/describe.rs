//! Seals and their certificates described as JSON, for reports and tools
//! (`gmseal seal show --json`, the C ABI's `gmseal_seal_to_json`).

use crate::crypto::sm3;
use crate::hex_upper;
use crate::pki::Certificate;
use crate::seal::asn1::{CertList, SesSeal};
use serde_json::{Map, Value, json};

/// A certificate (DER) as JSON: subject, issuer, serial number, validity and
/// SM3 fingerprint; for bytes that are not a certificate, the error, the
/// length and the SM3 of the bytes.
///
/// ```
/// # let f = gmseal::seal::__doc::fixture()?;
/// let json = gmseal::seal::certificate_json(f.signer.der());
/// assert_eq!(json["subject"], "CN=Signer,C=CN");
/// # Ok::<(), gmseal::Error>(())
/// ```
pub fn certificate_json(der: &[u8]) -> Value {
    match Certificate::from_der(der) {
        Ok(cert) => json!({
            "subject": cert.subject().to_string(),
            "issuer": cert.issuer().to_string(),
            "serial_number": cert.serial_hex(),
            "not_before": cert.not_before(),
            "not_after": cert.not_after(),
            "fingerprint_sm3": hex_upper(&cert.fingerprint_sm3()),
        }),
        Err(e) => json!({
            "error": format!("the certificate cannot be read: {e}"),
            "bytes": der.len(),
            "fingerprint_sm3": hex_upper(&sm3(der)),
        }),
    }
}

/// The signers a seal lists, as JSON.
fn signers_json(list: &CertList) -> Value {
    match list {
        CertList::Certificates(ders) => ders.iter().map(|d| certificate_json(d)).collect(),
        CertList::Digests(digests) => digests
            .iter()
            .map(|d| json!({ "digest_type": d.kind, "digest": hex_upper(&d.value) }))
            .collect(),
        CertList::Identifiers(ids) => ids.iter().map(|id| json!({ "identifier": id })).collect(),
    }
}

/// Everything a reader wants to know about `seal`, as a JSON object:
/// `version`, `standard`, `bytes`, `trailing_bytes`, the `SES_SealInfo`
/// fields (`header`, `es_id`, `property` with `signers`, `picture` with its
/// `bytes` and `sm3` instead of the image, `ext_datas`), `maker_certificate`,
/// `signature_algorithm`, `signed_value_bytes` and `has_timestamp`.
///
/// ```
/// # let f = gmseal::seal::__doc::fixture()?;
/// # let seal = gmseal::seal::__doc::seal(&f)?;
/// let json = gmseal::seal::seal_json(&seal);
/// assert_eq!(json["standard"], "GB/T 38540-2020");
/// assert_eq!(json["property"]["signers"][0]["subject"], "CN=Signer,C=CN");
/// # Ok::<(), gmseal::Error>(())
/// ```
pub fn seal_json(seal: &SesSeal) -> Value {
    let info = seal.info();
    let mut object = Map::new();
    object.insert("version".into(), json!(seal.version()));
    object.insert("standard".into(), seal.version().standard().into());
    object.insert("bytes".into(), seal.der().len().into());
    object.insert("trailing_bytes".into(), seal.trailing_bytes().into());
    if let Ok(Value::Object(mut fields)) = serde_json::to_value(info) {
        if let Some(property) = fields.get_mut("property").and_then(Value::as_object_mut) {
            property.insert("signers".into(), signers_json(&info.property.cert_list));
        }
        if let Some(picture) = fields.get_mut("picture").and_then(Value::as_object_mut) {
            picture.insert("bytes".into(), info.picture.data.len().into());
            picture.insert("sm3".into(), hex_upper(&sm3(&info.picture.data)).into());
        }
        object.extend(fields);
    }
    object.insert(
        "maker_certificate".into(),
        certificate_json(seal.maker_certificate_der()),
    );
    object.insert(
        "signature_algorithm".into(),
        seal.signature_algorithm().to_string().into(),
    );
    object.insert(
        "signed_value_bytes".into(),
        seal.signed_value().len().into(),
    );
    object.insert("has_timestamp".into(), seal.timestamp().is_some().into());
    Value::Object(object)
}
