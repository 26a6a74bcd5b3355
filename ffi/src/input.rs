//! Turning checked C arguments into gmseal values, and values into JSON.

use crate::GMSEAL_TIME_NOW;
use crate::error::Failure;
use gmseal::Timestamp;
use gmseal::pki::{Certificate, TrustStore};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A Unix time argument; [`GMSEAL_TIME_NOW`] is the system clock.
pub(crate) fn time(unix: i64, name: &str) -> Result<Timestamp, Failure> {
    if unix == GMSEAL_TIME_NOW {
        return Ok(Timestamp::now());
    }
    let secs = u64::try_from(unix).map_err(|_| {
        Failure::invalid(format!(
            "{name} is {unix}: a time must be Unix seconds (>= 0) or GMSEAL_TIME_NOW (-1)"
        ))
    })?;
    Ok(Timestamp::from_unix(secs)?)
}

/// Exactly one certificate, PEM or DER.
pub(crate) fn certificate(data: &[u8], name: &str) -> Result<Certificate, Failure> {
    let mut certs = Certificate::load_all(data)?;
    if certs.len() != 1 {
        return Err(Failure::invalid(format!(
            "{name} must hold exactly one certificate, not {}",
            certs.len()
        )));
    }
    certs
        .pop()
        .ok_or_else(|| Failure::internal("a list of one is empty"))
}

/// A list of certificates: a PEM bundle or one DER certificate; `None` or no
/// bytes is the empty list.
pub(crate) fn certificates(data: Option<&[u8]>) -> Result<Vec<Certificate>, Failure> {
    match data {
        None | Some([]) => Ok(Vec::new()),
        Some(d) => Ok(Certificate::load_all(d)?),
    }
}

/// A trust store of the roots given, or `None` when none are given.
pub(crate) fn trust(roots: Option<&[u8]>) -> Result<Option<TrustStore>, Failure> {
    let anchors = certificates(roots)?;
    Ok((!anchors.is_empty()).then(|| TrustStore::new(anchors)))
}

/// Parse a JSON argument.
pub(crate) fn from_json<T: DeserializeOwned>(text: &str, name: &str) -> Result<T, Failure> {
    serde_json::from_str(text).map_err(|e| Failure::json(name, e))
}

/// Serialize an output as compact JSON.
pub(crate) fn to_json(value: &impl Serialize) -> Result<Vec<u8>, Failure> {
    serde_json::to_vec(value).map_err(|e| Failure::internal(format!("cannot write JSON: {e}")))
}
