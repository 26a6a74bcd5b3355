//! Output and failure handling shared by every command: JSON printing, the
//! error classes the CLI adds to the library's, and the mapping to exit codes.

use serde_json::{Map, Value};
use std::fmt;
use std::io::Write as _;

/// `println!` for reports: a closed stdout (as in `gmseal cert show x | head -1`)
/// ends the output quietly instead of panicking.
macro_rules! say {
    () => {
        $crate::output::write_stdout("\n")
    };
    ($($arg:tt)*) => {
        $crate::output::write_stdout(&format!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use say;

/// Write `text` to stdout, ignoring errors (see [`say!`]).
pub(crate) fn write_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Exit code of a verification that failed.
pub(crate) const EXIT_VERIFICATION_FAILED: u8 = 1;
/// Exit code of a usage or input error.
pub(crate) const EXIT_USAGE: u8 = 2;

/// A failure the CLI detects itself (the library's errors are `gmseal::Error`).
#[derive(Debug)]
pub(crate) enum CliError {
    /// The arguments do not make sense together, or an input is unusable.
    Usage(String),
    /// An expected outcome did not happen (the demo's checks).
    Failed(String),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(m) | Self::Failed(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for CliError {}

/// Context that marks a failure as an input error (exit code 2) whatever the
/// library's class: the library counts, say, "this certificate is not a CA" as a
/// verification failure, but when it comes from a file the user passed to
/// `cert issue` or `crl issue`, the input is what is wrong.
#[derive(Debug)]
pub(crate) struct InputError(pub(crate) String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A verification whose report is not valid (exit code 1): an invalid or an
/// indeterminate seal or seal signature. The report has been printed (text), or
/// travels in `details` into the one JSON error object.
#[derive(Debug)]
pub(crate) struct NotValid {
    /// The reason code of the check that decided the outcome, for example
    /// `seal.expired` or `chain.not-checked`.
    pub(crate) code: &'static str,
    /// Why the outcome is not valid.
    pub(crate) message: String,
    /// Fields added to the JSON error object (the indication, the report).
    pub(crate) details: Map<String, Value>,
}

impl fmt::Display for NotValid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for NotValid {}

/// The [`NotValid`] inside `err`, if any.
fn not_valid(err: &anyhow::Error) -> Option<&NotValid> {
    err.downcast_ref::<NotValid>()
        .or_else(|| err.chain().find_map(|e| e.downcast_ref::<NotValid>()))
}

/// A usage error (exit code 2).
pub(crate) fn usage(message: impl Into<String>) -> anyhow::Error {
    CliError::Usage(message.into()).into()
}

/// A negative outcome found by the CLI (exit code 1).
pub(crate) fn failed(message: impl Into<String>) -> anyhow::Error {
    CliError::Failed(message.into()).into()
}

/// The library error inside `err`, if any (through any `context` layers).
pub(crate) fn library_error(err: &anyhow::Error) -> Option<&gmseal::Error> {
    err.downcast_ref::<gmseal::Error>()
        .or_else(|| err.chain().find_map(|e| e.downcast_ref::<gmseal::Error>()))
}

/// The exit code for `err`: 1 when verification failed, 2 otherwise.
pub(crate) fn exit_code(err: &anyhow::Error) -> u8 {
    if err.downcast_ref::<InputError>().is_some() {
        return EXIT_USAGE;
    }
    if not_valid(err).is_some() {
        return EXIT_VERIFICATION_FAILED;
    }
    if let Some(e) = library_error(err) {
        return if e.is_verification_failure() {
            EXIT_VERIFICATION_FAILED
        } else {
            EXIT_USAGE
        };
    }
    match err.chain().find_map(|e| e.downcast_ref::<CliError>()) {
        Some(CliError::Failed(_)) => EXIT_VERIFICATION_FAILED,
        Some(CliError::Usage(_)) | None => EXIT_USAGE,
    }
}

/// The stable reason code for `err`: the deciding check of a [`NotValid`]
/// report, the library's [`gmseal::Error::code`], or one of `cli.usage`,
/// `cli.failed`, `input.io`.
pub(crate) fn error_code(err: &anyhow::Error) -> &'static str {
    if let Some(n) = not_valid(err) {
        return n.code;
    }
    if let Some(e) = library_error(err) {
        return e.code();
    }
    for cause in err.chain() {
        match cause.downcast_ref::<CliError>() {
            Some(CliError::Usage(_)) => return "cli.usage",
            Some(CliError::Failed(_)) => return "cli.failed",
            None => {}
        }
        if cause.downcast_ref::<std::io::Error>().is_some() {
            return "input.io";
        }
    }
    "cli.error"
}

/// Report `err`: a JSON object on stdout with `--json` (with the fields of a
/// [`NotValid`] report), else `error: ...` on stderr.
pub(crate) fn print_error(err: &anyhow::Error, json: bool) {
    let message = message(err);
    if json {
        let mut object = Map::new();
        object.insert("ok".into(), Value::Bool(false));
        object.insert("code".into(), error_code(err).into());
        object.insert("error".into(), message.into());
        if let Some(n) = not_valid(err) {
            for (key, value) in &n.details {
                object.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
        say!("{}", pretty(&Value::Object(object)));
    } else {
        eprintln!("error: {message}");
    }
}

/// The message of `err` and its causes, joined by `": "`. A cause that repeats
/// the message before it is left out: `gmseal::Error` displays its inner error
/// and also returns it as its `source()`, so `{:#}` would print it twice.
pub(crate) fn message(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if parts.last().is_none_or(|last| !last.ends_with(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

/// Print a successful JSON result: `fields` (an object) plus `"ok": true`.
pub(crate) fn print_json_ok(fields: Value) {
    let mut object = match fields {
        Value::Object(map) => map,
        other => {
            let mut map = Map::new();
            map.insert("result".into(), other);
            map
        }
    };
    object.insert("ok".into(), Value::Bool(true));
    say!("{}", pretty(&Value::Object(object)));
}

fn pretty(value: &Value) -> String {
    // Serializing a `Value` cannot fail; fall back to the compact form anyway.
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

/// Upper-case hex, as the library's reports use.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// Parse hex (either case, optional `0x`, `:` separators allowed), for `--serial`.
pub(crate) fn parse_hex(text: &str) -> anyhow::Result<Vec<u8>> {
    let digits: String = text
        .trim()
        .trim_start_matches("0x")
        .trim_start_matches("0X")
        .chars()
        .filter(|c| *c != ':')
        .collect();
    if digits.is_empty() {
        return Err(usage(format!("{text:?} is not a hex number")));
    }
    // An odd number of digits gets a leading zero.
    let digits = if digits.len() % 2 == 1 {
        format!("0{digits}")
    } else {
        digits
    };
    let bytes = digits.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 2);
    for pair in bytes.chunks(2) {
        let pair = std::str::from_utf8(pair).unwrap_or("");
        let byte = u8::from_str_radix(pair, 16)
            .map_err(|_| usage(format!("{text:?} is not a hex number")))?;
        out.push(byte);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        assert_eq!(parse_hex("0x0A:ff").unwrap(), vec![0x0A, 0xFF]);
        assert_eq!(parse_hex("abc").unwrap(), vec![0x0A, 0xBC]);
        assert_eq!(hex(&[0x0A, 0xBC]), "0ABC");
        assert!(parse_hex("xyz").is_err());
        assert!(parse_hex("").is_err());
        assert!(parse_hex("é1").is_err());
    }

    #[test]
    fn exit_codes() {
        let e: anyhow::Error = gmseal::Error::from(gmseal::CmsError::DigestMismatch).into();
        let e = e.context("cannot verify x.p7s");
        assert_eq!(exit_code(&e), 1);
        assert_eq!(error_code(&e), "cms.digest-mismatch");
        let e = usage("bad").context("outer");
        assert_eq!(exit_code(&e), 2);
        assert_eq!(error_code(&e), "cli.usage");
        assert_eq!(exit_code(&failed("no")), 1);
        let e: anyhow::Error = gmseal::Error::from(gmseal::PkiError::ChainTooLong(1)).into();
        let e = e.context(InputError("loading x".into())).context("outer");
        assert_eq!(exit_code(&e), 2);
        assert_eq!(error_code(&e), "pki.chain-too-long");
        let e: anyhow::Error = gmseal::Error::from(gmseal::CmsError::DigestMismatch).into();
        let e = e.context("outer");
        assert_eq!(
            message(&e),
            "outer: the data does not match the signed message digest (the content was modified)"
        );
        let io: anyhow::Error = std::io::Error::other("x").into();
        assert_eq!(error_code(&io.context("reading")), "input.io");
        let e: anyhow::Error = NotValid {
            code: "seal.expired",
            message: "expired".into(),
            details: Map::new(),
        }
        .into();
        let e = e.context("outer");
        assert_eq!(exit_code(&e), 1);
        assert_eq!(error_code(&e), "seal.expired");
    }
}
