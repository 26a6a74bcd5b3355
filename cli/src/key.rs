//! `gmseal key`: generate SM2 keys and show their public parts.

use crate::files::{self, AnyKey};
use crate::output::{hex, print_json_ok, say};
use anyhow::Context as _;
use clap::{Args, Subcommand};
use gmseal::crypto::{DEFAULT_USER_ID, Pbes2Params, PrivateKey, SystemRandom};
use gmseal::pki::key_identifier;
use std::io::Write as _;
use std::path::PathBuf;

/// The `key` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum KeyCommand {
    /// Generate an SM2 private key as PKCS#8 PEM (encrypted with a password file).
    Gen(GenArgs),
    /// Show the public key, key identifier and ZA of a private or public key file.
    Show(ShowArgs),
}

/// Arguments of `key gen`.
#[derive(Debug, Args)]
pub(crate) struct GenArgs {
    /// Write the key here (readable by its owner only); default: stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Encrypt the key (PBES2, PBKDF2-HMAC-SM3, SM4-CBC) with the password in
    /// this file (one trailing newline is ignored).
    #[arg(long, value_name = "F")]
    password_file: Option<PathBuf>,
    /// PBKDF2 iteration count (default 65536).
    #[arg(long, value_name = "N", requires = "password_file")]
    iterations: Option<u32>,
}

/// Arguments of `key show`.
#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// A private key (PEM or DER; PKCS#8, SEC1, encrypted PKCS#8) or an SPKI public key.
    #[arg(value_name = "KEY")]
    key: PathBuf,
    /// Password file for an encrypted private key.
    #[arg(long, value_name = "F")]
    password_file: Option<PathBuf>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

impl KeyCommand {
    /// Whether JSON output was requested.
    pub(crate) fn json(&self) -> bool {
        match self {
            Self::Gen(_) => false,
            Self::Show(a) => a.json,
        }
    }

    /// Run the subcommand.
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        match self {
            Self::Gen(a) => generate(a),
            Self::Show(a) => show(a),
        }
    }
}

fn generate(args: &GenArgs) -> anyhow::Result<()> {
    let rng = SystemRandom;
    let key = PrivateKey::generate(&rng)?;
    let password = files::optional_password(args.password_file.as_deref())?;
    let pem: String = match &password {
        Some(password) => {
            let mut params = Pbes2Params::default();
            if let Some(n) = args.iterations {
                params.iterations = n;
            }
            key.to_encrypted_pkcs8_pem(password, &params, &rng)
                .context("cannot encrypt the private key")?
        }
        None => key.to_pkcs8_pem()?.as_str().to_owned(),
    };
    match &args.out {
        None => {
            // The key itself: report a failed write instead of ignoring it.
            let mut out = std::io::stdout().lock();
            out.write_all(pem.as_bytes())
                .and_then(|()| out.flush())
                .context("cannot write the key to stdout")?;
        }
        Some(out) => {
            files::write_secret(out, pem.as_bytes(), "key file")?;
            say!(
                "wrote {} SM2 private key to {}",
                if password.is_some() {
                    "an encrypted"
                } else {
                    "an unencrypted"
                },
                out.display()
            );
            say!("key identifier: {}", hex(&key_identifier(key.public_key())));
        }
    }
    Ok(())
}

fn show(args: &ShowArgs) -> anyhow::Result<()> {
    let key = files::load_any_key(&args.key, args.password_file.as_deref())?;
    let kind = match key {
        AnyKey::Private(_) => "private",
        AnyKey::Public(_) => "public",
    };
    let public = key.public_key();
    let sec1 = hex(&public.to_sec1_bytes());
    let kid = hex(&key_identifier(public));
    let za = hex(&public.za(DEFAULT_USER_ID)?);
    let user_id = String::from_utf8_lossy(DEFAULT_USER_ID);
    let pem = public.to_spki_pem();
    if args.json {
        print_json_ok(serde_json::json!({
            "file": args.key.display().to_string(),
            "kind": kind,
            "algorithm": "SM2",
            "public_key": sec1,
            "public_key_pem": pem,
            "key_identifier": kid,
            "user_id": user_id,
            "za": za,
        }));
    } else {
        say!("file:           {}", args.key.display());
        say!("kind:           SM2 {kind} key");
        say!("public key:     {sec1}");
        say!("key identifier: {kid}");
        say!("ZA (ID {user_id}): {za}");
        crate::output::write_stdout(&pem);
    }
    Ok(())
}
