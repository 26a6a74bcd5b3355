//! The `gmseal` command-line tool: SM2 keys, SM2-with-SM3 certificates, CRLs,
//! detached CMS signatures, GB/T 38540 electronic seals and seal signatures,
//! e-licenses as PDF/A-3b, sealed PDFs and their verification, plus a demo
//! that runs a complete e-seal PKI.
//!
//! The tool is argument parsing and file I/O only: every operation is a call
//! into the `gmseal` library.
//!
//! Exit codes (decided in one place, [`output::exit_code`]):
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 1 | verification failed: a signature, certificate path or revocation check is negative, a seal report is invalid or indeterminate, or a PDF is not `valid` / `valid-with-permitted-changes` |
//! | 2 | usage or input error: bad arguments, unreadable or malformed files, wrong password |
//!
//! With `--json`, a command prints exactly one JSON object on stdout, with
//! `"ok": true` on success or `{"ok": false, "code": ..., "error": ...}` on failure.

#![allow(clippy::print_stdout)]

mod cert;
mod cms;
mod crl;
mod demo;
mod files;
mod issue;
mod key;
mod license;
mod output;
mod pdf;
mod seal;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Chinese e-seal PKI with SM2/SM3/SM4: keys, certificates, CRLs, CMS signatures,
/// seals, e-licenses, sealed PDFs.
#[derive(Debug, Parser)]
#[command(
    name = "gmseal",
    version,
    after_help = "Exit codes: 0 success, 1 verification failed, 2 usage or input error.\n\
                  An invalid or indeterminate seal or seal signature exits 1; so does a PDF\n\
                  that is not valid or valid-with-permitted-changes.\n\
                  With --json, every command prints one JSON object with \"ok\": true or false."
)]
struct Cli {
    /// What to do.
    #[command(subcommand)]
    command: Command,
}

/// The top-level commands.
#[derive(Debug, Subcommand)]
enum Command {
    /// SM2 keys: generate, show.
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// X.509 certificates (SM2-with-SM3): issue, show, verify a path.
    #[command(subcommand)]
    Cert(cert::CertCommand),
    /// Detached CMS SignedData (RFC 5652 / GM/T 0010): sign, verify.
    #[command(subcommand)]
    Cms(cms::CmsCommand),
    /// Certificate revocation lists: issue, show.
    #[command(subcommand)]
    Crl(crl::CrlCommand),
    /// Electronic seals (电子印章, GB/T 38540 SESeal): make, show, verify.
    #[command(subcommand)]
    Seal(seal::SealCommand),
    /// Seal signatures (电子签章, GB/T 38540 SES_Signature): sign, show, verify.
    #[command(subcommand)]
    Ses(seal::SesCommand),
    /// Electronic licenses (电子证照, GB/T 36903/36904): validate metadata, build identifiers.
    #[command(subcommand)]
    License(license::LicenseCommand),
    /// Issue electronic licenses as PDF/A-3b from a template and metadata (one, or a batch).
    Issue(issue::IssueArgs),
    /// Seal a PDF (an e-license or any PDF) with an electronic seal: a signature
    /// field with the seal's picture in an incremental update.
    Sign(pdf::SignArgs),
    /// Verify every seal of a PDF, the changes made after each, and the
    /// e-license metadata. Exit 0 valid or valid-with-permitted-changes, 1 otherwise.
    Verify(pdf::VerifyArgs),
    /// Run the whole PKI end to end in a directory and check every outcome, up to
    /// a sealed e-license PDF that is verified, then tampered with.
    Demo(demo::DemoArgs),
}

impl Command {
    /// Whether the command asked for JSON output (so errors are JSON too).
    fn json(&self) -> bool {
        match self {
            Self::Key(c) => c.json(),
            Self::Cert(c) => c.json(),
            Self::Cms(c) => c.json(),
            Self::Crl(c) => c.json(),
            Self::Seal(c) => c.json(),
            Self::Ses(c) => c.json(),
            Self::License(c) => c.json(),
            Self::Issue(a) => a.json(),
            Self::Sign(a) => a.json,
            Self::Verify(a) => a.json,
            Self::Demo(a) => a.json,
        }
    }

    /// Run the command.
    fn run(&self) -> anyhow::Result<()> {
        match self {
            Self::Key(c) => c.run(),
            Self::Cert(c) => c.run(),
            Self::Cms(c) => c.run(),
            Self::Crl(c) => c.run(),
            Self::Seal(c) => c.run(),
            Self::Ses(c) => c.run(),
            Self::License(c) => c.run(),
            Self::Issue(a) => issue::run(a),
            Self::Sign(a) => pdf::sign(a),
            Self::Verify(a) => pdf::verify(a),
            Self::Demo(a) => demo::run(a),
        }
    }
}

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with 2 (0 for --help/--version).
    let cli = Cli::parse();
    let json = cli.command.json();
    match cli.command.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            output::print_error(&err, json);
            ExitCode::from(output::exit_code(&err))
        }
    }
}
