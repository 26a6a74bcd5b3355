//! `gmseal cert`: issue, show and verify SM2-with-SM3 X.509 certificates.

use crate::files::{self, AnyKey};
use crate::output::{InputError, parse_hex, print_json_ok, say, usage};
use anyhow::Context as _;
use clap::{Args, Subcommand};
use gmseal::Timestamp;
use gmseal::crypto::{SystemRandom, VerifyOptions};
use gmseal::pki::{
    Certificate, CertificateParams, DistinguishedName, Profile, Purpose, RevocationPolicy,
    RevocationStatus, TrustStore, ValidatedChain, ValidationOptions,
};
use serde_json::{Value, json};
use std::path::PathBuf;

/// The `cert` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum CertCommand {
    /// Issue a certificate: a self-signed root, or one signed by an issuer CA.
    Issue(IssueArgs),
    /// Show certificates (PEM files with one or more blocks, or DER).
    Show(ShowArgs),
    /// Validate a certificate's path to a trusted root at a given time.
    Verify(VerifyArgs),
}

/// Arguments of `cert issue`.
#[derive(Debug, Args)]
pub(crate) struct IssueArgs {
    /// The certificate's role, which decides its extensions.
    #[arg(long, value_parser = ["root", "ca", "seal-maker", "signer", "tsa"])]
    profile: String,
    /// Subject name (RFC 4514), for example "CN=张三,O=示例单位,C=CN".
    #[arg(long)]
    subject: String,
    /// The subject's key: a private key, or for non-root profiles also a public key.
    #[arg(long, value_name = "KEY")]
    key: PathBuf,
    /// Password file for an encrypted --key.
    #[arg(long, value_name = "F")]
    key_password_file: Option<PathBuf>,
    /// The issuer's certificate (required unless --profile root).
    #[arg(long, value_name = "C", requires = "issuer_key")]
    issuer_cert: Option<PathBuf>,
    /// The issuer's private key (required unless --profile root).
    #[arg(long, value_name = "K", requires = "issuer_cert")]
    issuer_key: Option<PathBuf>,
    /// Password file for an encrypted --issuer-key.
    #[arg(long, value_name = "F", requires = "issuer_key")]
    issuer_key_password_file: Option<PathBuf>,
    /// Validity in days (default 365; 3650 for root).
    #[arg(long, value_name = "N")]
    days: Option<u32>,
    /// Start of validity, RFC 3339 (default: now).
    #[arg(long, value_name = "TIME")]
    not_before: Option<String>,
    /// pathLenConstraint of a `ca` certificate (default 0).
    #[arg(long, value_name = "N")]
    path_len: Option<u8>,
    /// CRL distribution point URI (repeatable).
    #[arg(long = "crl-url", value_name = "URL")]
    crl_urls: Vec<String>,
    /// A fixed serial number in hex (default: 16 random bytes).
    #[arg(long, value_name = "HEX")]
    serial: Option<String>,
    /// Where to write the certificate.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Write DER instead of PEM.
    #[arg(long)]
    der: bool,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

/// Arguments of `cert show`.
#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// Certificate files.
    #[arg(value_name = "CERT", required = true)]
    certs: Vec<PathBuf>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

/// Arguments of `cert verify`.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The certificate to validate (a file holding exactly one).
    #[arg(value_name = "CERT")]
    cert: PathBuf,
    /// Intermediate certificates (repeatable; a file may hold several).
    #[arg(long, value_name = "C")]
    chain: Vec<PathBuf>,
    /// Trusted root certificates (repeatable; at least one).
    #[arg(long, value_name = "ROOT", required = true)]
    trust: Vec<PathBuf>,
    /// CRLs to consult (repeatable).
    #[arg(long, value_name = "CRL")]
    crl: Vec<PathBuf>,
    /// Validation time, RFC 3339 (default: now).
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// What the certificate must be good for.
    #[arg(long, default_value = "any", value_parser = parse_purpose)]
    purpose: Purpose,
    /// Fail when a certificate below the root has no current CRL.
    #[arg(long)]
    require_crl: bool,
    /// Also accept certificate signatures made with an empty SM2 user ID (OpenSSL without distid).
    #[arg(long)]
    accept_empty_id: bool,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

impl CertCommand {
    /// Whether JSON output was requested.
    pub(crate) fn json(&self) -> bool {
        match self {
            Self::Issue(a) => a.json,
            Self::Show(a) => a.json,
            Self::Verify(a) => a.json,
        }
    }

    /// Run the subcommand.
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        match self {
            Self::Issue(a) => issue(a),
            Self::Show(a) => show(a),
            Self::Verify(a) => verify(a),
        }
    }
}

fn issue(args: &IssueArgs) -> anyhow::Result<()> {
    let rng = SystemRandom;
    let mut profile: Profile = args.profile.parse()?;
    if let Some(n) = args.path_len {
        if !matches!(profile, Profile::IntermediateCa { .. }) {
            return Err(usage("--path-len applies only to --profile ca"));
        }
        profile = Profile::IntermediateCa { path_len: Some(n) };
    }
    let subject = DistinguishedName::parse(&args.subject).context("invalid --subject")?;
    let not_before = files::parse_optional_time(args.not_before.as_deref(), "--not-before")?
        .unwrap_or_else(Timestamp::now);
    let days = args
        .days
        .unwrap_or(if profile == Profile::Root { 3650 } else { 365 });
    let mut params = CertificateParams::new(profile, subject, not_before, days);
    params.crl_distribution_points = args.crl_urls.clone();
    if let Some(serial) = &args.serial {
        params.serial_number = Some(parse_hex(serial).context("invalid --serial")?);
    }
    let subject_key = files::load_any_key(&args.key, args.key_password_file.as_deref())?;

    let cert = if profile == Profile::Root {
        if args.issuer_cert.is_some() {
            return Err(usage(
                "a root certificate is self-signed: do not give --issuer-cert/--issuer-key",
            ));
        }
        let AnyKey::Private(key) = &subject_key else {
            return Err(usage(format!(
                "{} holds only a public key; a self-signed root needs the private key",
                args.key.display()
            )));
        };
        params.self_signed(key, &rng)
    } else {
        let (Some(issuer_cert), Some(issuer_key)) = (&args.issuer_cert, &args.issuer_key) else {
            return Err(usage(format!(
                "a {} certificate needs --issuer-cert and --issuer-key",
                profile.name()
            )));
        };
        let issuer_cert = files::load_certificate(issuer_cert)?;
        let issuer_key =
            files::load_private_key(issuer_key, args.issuer_key_password_file.as_deref())?;
        params.signed_by(subject_key.public_key(), &issuer_cert, &issuer_key, &rng)
    }
    .context(InputError("cannot issue the certificate".into()))?;

    if args.der {
        files::write(&args.out, cert.der(), "certificate file")?;
    } else {
        files::write(&args.out, cert.to_pem().as_bytes(), "certificate file")?;
    }
    if args.json {
        print_json_ok(json!({
            "file": args.out.display().to_string(),
            "format": if args.der { "der" } else { "pem" },
            "profile": profile.name(),
            "certificate": cert.info(),
        }));
    } else {
        say!(
            "issued a {} certificate for {}",
            profile.name(),
            cert.subject()
        );
        say!("  serial:   {}", cert.serial_hex());
        say!("  issuer:   {}", cert.issuer());
        say!("  validity: {} to {}", cert.not_before(), cert.not_after());
        say!(
            "  written to {} ({})",
            args.out.display(),
            if args.der { "DER" } else { "PEM" }
        );
    }
    Ok(())
}

fn show(args: &ShowArgs) -> anyhow::Result<()> {
    let mut shown = Vec::new();
    for path in &args.certs {
        let certs = files::load_certificates(path)?;
        let count = certs.len();
        for (i, cert) in certs.into_iter().enumerate() {
            shown.push((path, i, count, cert));
        }
    }
    if args.json {
        let mut list = Vec::new();
        for (path, index, _, cert) in &shown {
            let mut value = serde_json::to_value(cert.info())?;
            if let Value::Object(map) = &mut value {
                map.insert("file".into(), path.display().to_string().into());
                map.insert("index".into(), (*index).into());
            }
            list.push(value);
        }
        print_json_ok(json!({ "certificates": list }));
        return Ok(());
    }
    for (n, (path, index, count, cert)) in shown.iter().enumerate() {
        if n > 0 {
            say!();
        }
        if *count > 1 {
            say!("{} [{}/{}]:", path.display(), index + 1, count);
        } else {
            say!("{}:", path.display());
        }
        print_certificate(cert);
    }
    Ok(())
}

/// Print a readable summary of `cert`, indented by two spaces.
fn print_certificate(cert: &Certificate) {
    let info = cert.info();
    say!("  version:          v{}", info.version);
    say!("  serial number:    {}", info.serial_number);
    say!("  subject:          {}", info.subject);
    say!("  issuer:           {}", info.issuer);
    say!("  not before:       {}", info.not_before);
    say!("  not after:        {}", info.not_after);
    say!("  public key:       SM2 {}", info.public_key);
    say!("  signature:        {}", info.signature_algorithm);
    match info.basic_constraints {
        Some(bc) if bc.ca => match bc.path_len {
            Some(n) => say!("  CA:               yes, path length {n}"),
            None => say!("  CA:               yes"),
        },
        _ => say!("  CA:               no"),
    }
    if let Some(ku) = &info.key_usage {
        say!("  key usage:        {}", ku.join(", "));
    }
    if let Some(eku) = &info.extended_key_usage {
        say!("  ext. key usage:   {}", eku.join(", "));
    }
    if let Some(ski) = &info.subject_key_id {
        say!("  subject key id:   {ski}");
    }
    if let Some(aki) = &info.authority_key_id {
        say!("  authority key id: {aki}");
    }
    for uri in &info.crl_distribution_points {
        say!("  CRL distribution: {uri}");
    }
    say!("  SM3 fingerprint:  {}", info.fingerprint_sm3);
}

fn verify(args: &VerifyArgs) -> anyhow::Result<()> {
    let end_entity = files::load_certificate(&args.cert)?;
    let intermediates = files::load_certificate_files(&args.chain)?;
    let anchors = files::load_certificate_files(&args.trust)?;
    let crls = files::load_crls(&args.crl)?;
    let time =
        files::parse_optional_time(args.at.as_deref(), "--at")?.unwrap_or_else(Timestamp::now);
    let mut options = ValidationOptions::at(time)
        .for_purpose(args.purpose)
        .with_crls(crls);
    if args.require_crl {
        options.revocation = RevocationPolicy::Require;
    }
    if args.accept_empty_id {
        options.signature_options = VerifyOptions::default().accept_empty_id();
    }
    let chain = TrustStore::new(anchors)
        .validate(&end_entity, &intermediates, &options)
        .with_context(|| {
            format!(
                "the certificate path of {} is not valid at {time}",
                args.cert.display()
            )
        })?;
    if args.json {
        print_json_ok(json!({
            "valid": true,
            "time": time,
            "purpose": args.purpose.name(),
            "path": chain_json(&chain),
        }));
    } else {
        say!(
            "certificate path valid at {time} for purpose {}:",
            args.purpose.name()
        );
        print_chain(&chain);
    }
    Ok(())
}

/// The path of a validated chain as JSON: one object per certificate.
pub(crate) fn chain_json(chain: &ValidatedChain) -> Value {
    chain
        .certificates
        .iter()
        .zip(&chain.revocation)
        .map(|(cert, status)| {
            json!({
                "subject": cert.subject().to_string(),
                "issuer": cert.issuer().to_string(),
                "serial_number": cert.serial_hex(),
                "not_before": cert.not_before(),
                "not_after": cert.not_after(),
                "revocation": status,
            })
        })
        .collect()
}

/// Print a validated chain, one line per certificate.
pub(crate) fn print_chain(chain: &ValidatedChain) {
    for (i, (cert, status)) in chain.certificates.iter().zip(&chain.revocation).enumerate() {
        say!(
            "  [{i}] {} (serial {}, valid to {})",
            cert.subject(),
            cert.serial_hex(),
            cert.not_after()
        );
        say!("      revocation: {}", describe_status(status));
    }
}

/// A readable revocation status.
fn describe_status(status: &RevocationStatus) -> String {
    match status {
        RevocationStatus::Good {
            crl_number,
            revoked_later,
        } => {
            let mut text = String::from("good (checked against a current CRL");
            if let Some(n) = crl_number {
                text.push_str(&format!(", number {n}"));
            }
            text.push(')');
            if let Some(t) = revoked_later {
                text.push_str(&format!("; revoked later, on {t}"));
            }
            text
        }
        RevocationStatus::NotChecked => "NOT checked (no current CRL from its issuer)".into(),
        RevocationStatus::TrustAnchor => "trust anchor".into(),
        other => format!("{other:?}"),
    }
}

/// `--purpose`: the library's names (`any`, `document-signing`, `seal-making`,
/// `time-stamping`, `certificate-authority` or `ca`).
fn parse_purpose(s: &str) -> Result<Purpose, String> {
    s.parse().map_err(|e: gmseal::Error| e.to_string())
}
