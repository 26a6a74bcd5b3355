//! `gmseal crl`: issue and show certificate revocation lists.

use crate::files;
use crate::output::{InputError, hex, print_json_ok, say};
use anyhow::Context as _;
use clap::{Args, Subcommand};
use gmseal::Timestamp;
use gmseal::pki::{Crl, CrlParams, RevocationReason, RevokedCertificate};
use serde_json::json;
use std::path::PathBuf;

/// The `crl` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum CrlCommand {
    /// Issue a CRL signed by a CA, revoking the given certificates.
    Issue(IssueArgs),
    /// Show a CRL (PEM or DER), optionally checking its signature.
    Show(ShowArgs),
}

/// Arguments of `crl issue`.
#[derive(Debug, Args)]
pub(crate) struct IssueArgs {
    /// The CA certificate that issues the CRL.
    #[arg(long, value_name = "C")]
    issuer_cert: PathBuf,
    /// The CA's private key.
    #[arg(long, value_name = "K")]
    issuer_key: PathBuf,
    /// Password file for an encrypted --issuer-key.
    #[arg(long, value_name = "F")]
    issuer_key_password_file: Option<PathBuf>,
    /// A certificate to revoke (repeatable; a file may hold several).
    #[arg(long, value_name = "CERT")]
    revoke: Vec<PathBuf>,
    /// The reason recorded for every revoked certificate (RFC 5280 name:
    /// unspecified, keyCompromise, cACompromise, affiliationChanged, superseded,
    /// cessationOfOperation, certificateHold, removeFromCRL, privilegeWithdrawn, aACompromise).
    #[arg(long, value_name = "REASON", value_parser = parse_reason)]
    reason: Option<RevocationReason>,
    /// The cRLNumber.
    #[arg(long, value_name = "N", default_value_t = 1)]
    number: u64,
    /// Days until nextUpdate.
    #[arg(long, value_name = "N", default_value_t = 7)]
    days: u32,
    /// thisUpdate, also the revocation date of the entries, RFC 3339 (default: now).
    #[arg(long, value_name = "TIME")]
    this_update: Option<String>,
    /// Where to write the CRL.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Write DER instead of PEM.
    #[arg(long)]
    der: bool,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

/// Arguments of `crl show`.
#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// The CRL file.
    #[arg(value_name = "CRL")]
    crl: PathBuf,
    /// Also verify the CRL's signature with this issuer certificate.
    #[arg(long, value_name = "C")]
    issuer_cert: Option<PathBuf>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

impl CrlCommand {
    /// Whether JSON output was requested.
    pub(crate) fn json(&self) -> bool {
        match self {
            Self::Issue(a) => a.json,
            Self::Show(a) => a.json,
        }
    }

    /// Run the subcommand.
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        match self {
            Self::Issue(a) => issue(a),
            Self::Show(a) => show(a),
        }
    }
}

fn issue(args: &IssueArgs) -> anyhow::Result<()> {
    let issuer = files::load_certificate(&args.issuer_cert)?;
    let issuer_key =
        files::load_private_key(&args.issuer_key, args.issuer_key_password_file.as_deref())?;
    let this_update = files::parse_optional_time(args.this_update.as_deref(), "--this-update")?
        .unwrap_or_else(Timestamp::now);
    let mut params = CrlParams::new(this_update, args.days, args.number);
    let reason = args.reason;
    for cert in files::load_certificate_files(&args.revoke)? {
        params
            .revoked
            .push(RevokedCertificate::new(&cert, this_update, reason));
    }
    let crl = params
        .sign(&issuer, &issuer_key)
        .context(InputError("cannot issue the CRL".into()))?;
    if args.der {
        files::write(&args.out, crl.der(), "CRL file")?;
    } else {
        files::write(&args.out, crl.to_pem().as_bytes(), "CRL file")?;
    }
    if args.json {
        let mut value = crl_json(&crl);
        value["file"] = args.out.display().to_string().into();
        print_json_ok(value);
    } else {
        say!(
            "issued CRL number {} of {} revoking {} certificate(s), written to {}",
            args.number,
            crl.issuer(),
            crl.revoked().len(),
            args.out.display()
        );
    }
    Ok(())
}

fn show(args: &ShowArgs) -> anyhow::Result<()> {
    let crl = files::load_crl(&args.crl)?;
    if let Some(path) = &args.issuer_cert {
        let issuer = files::load_certificate(path)?;
        crl.verify_signature(&issuer).with_context(|| {
            format!(
                "the CRL {} does not verify with {}",
                args.crl.display(),
                path.display()
            )
        })?;
    }
    if args.json {
        let mut value = crl_json(&crl);
        value["file"] = args.crl.display().to_string().into();
        value["signature_verified"] = args.issuer_cert.is_some().into();
        print_json_ok(value);
        return Ok(());
    }
    say!("{}:", args.crl.display());
    say!("  issuer:      {}", crl.issuer());
    say!("  this update: {}", crl.this_update());
    match crl.next_update() {
        Some(t) => say!("  next update: {t}"),
        None => say!("  next update: (none)"),
    }
    if let Some(n) = crl.crl_number() {
        say!("  CRL number:  {}", hex(n));
    }
    if args.issuer_cert.is_some() {
        say!("  signature:   valid");
    }
    say!("  revoked:     {}", crl.revoked().len());
    for entry in crl.revoked() {
        say!(
            "    serial {} on {}{}",
            hex(&entry.serial_number),
            entry.revocation_date,
            entry
                .reason
                .map(|r| format!(" ({})", r.name()))
                .unwrap_or_default()
        );
    }
    Ok(())
}

/// The CRL as a JSON object.
fn crl_json(crl: &Crl) -> serde_json::Value {
    json!({
        "issuer": crl.issuer().to_string(),
        "this_update": crl.this_update(),
        "next_update": crl.next_update(),
        "crl_number": crl.crl_number().map(hex),
        "revoked": crl.revoked(),
    })
}

/// `--reason`: an RFC 5280 reason name such as `keyCompromise`.
fn parse_reason(s: &str) -> Result<RevocationReason, String> {
    s.parse().map_err(|e: gmseal::Error| e.to_string())
}
