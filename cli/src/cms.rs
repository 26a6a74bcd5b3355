//! `gmseal cms`: sign and verify detached CMS `SignedData` (RFC 5652 or GM/T 0010
//! OIDs), with optional certificate path validation of the signer.

use crate::cert::{chain_json, print_chain};
use crate::files;
use crate::output::{InputError, print_json_ok, say, usage};
use anyhow::Context as _;
use clap::{Args, Subcommand};
use gmseal::Timestamp;
use gmseal::cms::{CmsVerifyOptions, OidFamily, SignedDataBuilder, verify_detached};
use gmseal::crypto::VerifyOptions;
use gmseal::pki::{Purpose, TrustStore, ValidationOptions};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// What `cms verify` says when no trust store was given.
pub(crate) const NOT_VALIDATED: &str = "signer not validated against a trust store";

/// The `cms` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum CmsCommand {
    /// Sign a file as detached CMS SignedData (SM3 digest, SM2 signature).
    Sign(SignArgs),
    /// Verify a detached CMS signature over a file, and optionally the signer's path.
    Verify(VerifyArgs),
}

/// Arguments of `cms sign`.
#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// The signer's certificate.
    #[arg(long, value_name = "C")]
    cert: PathBuf,
    /// The signer's private key.
    #[arg(long, value_name = "K")]
    key: PathBuf,
    /// Password file for an encrypted --key.
    #[arg(long, value_name = "F")]
    key_password_file: Option<PathBuf>,
    /// CA certificates to embed (repeatable; a file may hold several).
    #[arg(long, value_name = "C")]
    chain: Vec<PathBuf>,
    /// Use GM/T 0010-2012 content-type OIDs instead of RFC 5652's.
    #[arg(long)]
    gmt0010: bool,
    /// Leave out the signingTime attribute.
    #[arg(long)]
    no_signing_time: bool,
    /// The file to sign.
    #[arg(value_name = "DATA")]
    data: PathBuf,
    /// Where to write the signature.
    #[arg(long, value_name = "SIG")]
    out: PathBuf,
    /// Write PEM (label "CMS") instead of DER.
    #[arg(long)]
    pem: bool,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

/// Arguments of `cms verify`.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The signature (DER, or PEM labelled CMS or PKCS7).
    #[arg(value_name = "SIG")]
    sig: PathBuf,
    /// The signed file.
    #[arg(long, value_name = "DATA")]
    content: PathBuf,
    /// Trusted roots (repeatable); without any, the signer's path is NOT checked.
    #[arg(long, value_name = "ROOT")]
    trust: Vec<PathBuf>,
    /// More certificates: to find the signer and to build its path (repeatable).
    #[arg(long, value_name = "C")]
    chain: Vec<PathBuf>,
    /// CRLs to consult during path validation (repeatable; needs --trust).
    #[arg(long, value_name = "CRL")]
    crl: Vec<PathBuf>,
    /// Path validation time, RFC 3339 (needs --trust; default: the signing time, else now).
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Also accept SM2 signatures with an empty user ID (OpenSSL without distid),
    /// for the CMS signature and the certificate path.
    #[arg(long)]
    accept_empty_id: bool,
    /// Also accept CMS signatures over SM3(M) without ZA (GmSSL).
    #[arg(long)]
    accept_no_za: bool,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

impl CmsCommand {
    /// Whether JSON output was requested.
    pub(crate) fn json(&self) -> bool {
        match self {
            Self::Sign(a) => a.json,
            Self::Verify(a) => a.json,
        }
    }

    /// Run the subcommand.
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        match self {
            Self::Sign(a) => sign(a),
            Self::Verify(a) => verify(a),
        }
    }
}

fn sign(args: &SignArgs) -> anyhow::Result<()> {
    let cert = files::load_certificate(&args.cert)?;
    let key = files::load_private_key(&args.key, args.key_password_file.as_deref())?;
    let chain = files::load_certificate_files(&args.chain)?;
    let data = files::read(&args.data, "data file")?;
    let family = if args.gmt0010 {
        OidFamily::GmT0010
    } else {
        OidFamily::Rfc5652
    };
    let signing_time = (!args.no_signing_time).then(Timestamp::now);
    let mut builder = SignedDataBuilder::new(&cert, &key).oid_family(family);
    if let Some(t) = signing_time {
        builder = builder.signing_time(t);
    }
    for c in &chain {
        builder = builder.add_certificate(c);
    }
    let cms = builder
        .sign(&data)
        .with_context(|| InputError(format!("cannot sign {}", args.data.display())))?;
    if args.pem {
        files::write(
            &args.out,
            gmseal::cms::to_pem(&cms).as_bytes(),
            "signature file",
        )?;
    } else {
        files::write(&args.out, &cms, "signature file")?;
    }
    if args.json {
        print_json_ok(json!({
            "file": args.out.display().to_string(),
            "format": if args.pem { "pem" } else { "der" },
            "oid_family": family,
            "signer": cert.subject().to_string(),
            "signing_time": signing_time,
            "certificates": 1 + chain.len(),
            "bytes": cms.len(),
        }));
    } else {
        say!(
            "signed {} as detached CMS SignedData ({} OIDs) by {}",
            args.data.display(),
            family.name(),
            cert.subject()
        );
        say!(
            "  written to {} ({}; {} bytes of DER)",
            args.out.display(),
            if args.pem { "PEM" } else { "DER" },
            cms.len()
        );
    }
    Ok(())
}

/// Read a CMS signature file: DER, or PEM labelled `CMS` or `PKCS7`.
pub(crate) fn read_signature(path: &Path) -> anyhow::Result<Vec<u8>> {
    let data = files::read(path, "signature file")?;
    gmseal::cms::load(&data)
        .with_context(|| format!("cannot read the signature in {}", path.display()))
}

/// The serde name of a library enum (its JSON string), for text output.
fn serde_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => "?".into(),
    }
}

fn verify(args: &VerifyArgs) -> anyhow::Result<()> {
    if args.trust.is_empty() && (!args.crl.is_empty() || args.at.is_some()) {
        return Err(usage(
            "--crl and --at apply to certificate path validation, which needs --trust",
        ));
    }
    let at = files::parse_optional_time(args.at.as_deref(), "--at")?;
    let cms = read_signature(&args.sig)?;
    let content = files::read(&args.content, "content file")?;
    let extra = files::load_certificate_files(&args.chain)?;
    let anchors = files::load_certificate_files(&args.trust)?;
    let crls = files::load_crls(&args.crl)?;

    let mut signature_options = VerifyOptions::default();
    if args.accept_empty_id {
        signature_options = signature_options.accept_empty_id();
    }
    if args.accept_no_za {
        signature_options = signature_options.accept_no_za();
    }
    let mut options = CmsVerifyOptions::default();
    options.signature = signature_options;
    options.extra_certificates = extra.clone();
    let report = verify_detached(&cms, &content, &options).with_context(|| {
        format!(
            "the signature {} is not valid for {}",
            args.sig.display(),
            args.content.display()
        )
    })?;

    let validated = if anchors.is_empty() {
        None
    } else {
        let time = at.or(report.signing_time).unwrap_or_else(Timestamp::now);
        let mut intermediates = report.certificates.clone();
        intermediates.extend(extra);
        let mut validation = ValidationOptions::at(time)
            .for_purpose(Purpose::DocumentSigning)
            .with_crls(crls);
        if args.accept_empty_id {
            validation.signature_options = VerifyOptions::default().accept_empty_id();
        }
        let chain = TrustStore::new(anchors)
            .validate(&report.signer_certificate, &intermediates, &validation)
            .with_context(|| {
                format!(
                    "the signature is intact, but the signer {} is not valid at {time}",
                    report.signer_certificate.subject()
                )
            })?;
        Some((time, chain))
    };

    if args.json {
        let mut value = json!({
            "signature_valid": true,
            "signature": report,
            "chain_validated": validated.is_some(),
        });
        match &validated {
            Some((time, chain)) => {
                value["validation_time"] = json!(time);
                value["purpose"] = json!("document-signing");
                value["chain"] = chain_json(chain);
            }
            None => {
                value["chain"] = Value::Null;
                value["warning"] = NOT_VALIDATED.into();
            }
        }
        print_json_ok(value);
        return Ok(());
    }
    say!(
        "signature valid: {} SignedData, SM2 signature ({}, {})",
        report.oid_family.name(),
        serde_name(&report.signature.format),
        serde_name(&report.signature.variant)
    );
    say!("  signer:       {}", report.signer_certificate.subject());
    say!("  issuer:       {}", report.signer_certificate.issuer());
    say!("  serial:       {}", report.signer_certificate.serial_hex());
    match report.signing_time {
        Some(t) => say!("  signing time: {t} (claimed by the signer)"),
        None => say!("  signing time: (none)"),
    }
    match &validated {
        Some((time, chain)) => {
            say!("certificate path valid at {time} for purpose document-signing:");
            print_chain(chain);
        }
        None => say!(
            "WARNING: {NOT_VALIDATED}: the certificate path was NOT checked (give --trust ROOT)"
        ),
    }
    Ok(())
}
