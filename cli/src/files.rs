//! Reading and writing the files the commands take: keys, passwords,
//! certificates, CRLs, times. Every error names the file (or flag) involved.

use crate::output::{InputError, usage};
use anyhow::Context as _;
use gmseal::Timestamp;
use gmseal::crypto::{PrivateKey, PublicKey};
use gmseal::pki::{Certificate, Crl};
use std::path::Path;
use zeroize::Zeroizing;

/// Read a whole file; `what` describes it in the error ("certificate file").
pub(crate) fn read(path: &Path, what: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {what} {}", path.display()))
}

/// Write a file (replacing it).
pub(crate) fn write(path: &Path, data: &[u8], what: &str) -> anyhow::Result<()> {
    std::fs::write(path, data).with_context(|| format!("cannot write {what} {}", path.display()))
}

/// Write a file only its owner may read (private keys, passwords).
pub(crate) fn write_secret(path: &Path, data: &[u8], what: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options
        .open(path)
        .and_then(|mut f| f.write_all(data))
        .with_context(|| format!("cannot write {what} {}", path.display()))
}

/// A password from a file: its contents with one trailing newline (`\n` or
/// `\r\n`) removed. An empty password is refused.
pub(crate) fn read_password(path: &Path) -> anyhow::Result<Zeroizing<Vec<u8>>> {
    let mut password = Zeroizing::new(read(path, "password file")?);
    if password.last() == Some(&b'\n') {
        password.pop();
        if password.last() == Some(&b'\r') {
            password.pop();
        }
    }
    if password.is_empty() {
        return Err(usage(format!(
            "the password file {} is empty",
            path.display()
        )));
    }
    Ok(password)
}

/// The password of an optional password file.
pub(crate) fn optional_password(path: Option<&Path>) -> anyhow::Result<Option<Zeroizing<Vec<u8>>>> {
    path.map(read_password).transpose()
}

/// Load a private key in any format the library reads (PEM or DER; PKCS#8,
/// SEC1, encrypted PKCS#8 with the password of `password_file`).
pub(crate) fn load_private_key(
    path: &Path,
    password_file: Option<&Path>,
) -> anyhow::Result<PrivateKey> {
    // The file may hold an unencrypted key: wipe the buffer after use.
    let data = Zeroizing::new(read(path, "key file")?);
    let password = optional_password(password_file)?;
    PrivateKey::load(&data, password.as_ref().map(|p| p.as_slice()))
        .with_context(|| InputError(format!("cannot load the private key in {}", path.display())))
}

/// A key file's contents: a private key or only a public key.
pub(crate) enum AnyKey {
    /// A private key (its public key is available too).
    Private(PrivateKey),
    /// An SPKI public key.
    Public(PublicKey),
}

impl AnyKey {
    /// The public key.
    pub(crate) fn public_key(&self) -> &PublicKey {
        match self {
            Self::Private(k) => k.public_key(),
            Self::Public(k) => k,
        }
    }
}

/// Load a private key, or an SPKI public key (`PUBLIC KEY` PEM or DER).
pub(crate) fn load_any_key(path: &Path, password_file: Option<&Path>) -> anyhow::Result<AnyKey> {
    let data = Zeroizing::new(read(path, "key file")?);
    let context = || InputError(format!("cannot load the key in {}", path.display()));
    if is_pem_labelled(&data, gmseal::crypto::PEM_PUBLIC_KEY) {
        let text = std::str::from_utf8(&data)
            .map_err(|_| usage(format!("{} is not UTF-8 PEM text", path.display())))?;
        return Ok(AnyKey::Public(
            PublicKey::from_spki_pem(text).with_context(context)?,
        ));
    }
    if data.first() == Some(&0x30) {
        if let Ok(key) = PublicKey::from_spki_der(&data) {
            return Ok(AnyKey::Public(key));
        }
    }
    let password = optional_password(password_file)?;
    Ok(AnyKey::Private(
        PrivateKey::load(&data, password.as_ref().map(|p| p.as_slice())).with_context(context)?,
    ))
}

/// Whether `data` holds a PEM block labelled `label`.
fn is_pem_labelled(data: &[u8], label: &str) -> bool {
    let marker = format!("-----BEGIN {label}-----");
    data.windows(marker.len()).any(|w| w == marker.as_bytes())
}

/// Every certificate in a file (one DER certificate or any number of PEM blocks).
pub(crate) fn load_certificates(path: &Path) -> anyhow::Result<Vec<Certificate>> {
    let data = read(path, "certificate file")?;
    Certificate::load_all(&data).with_context(|| {
        InputError(format!(
            "cannot load the certificates in {}",
            path.display()
        ))
    })
}

/// The one certificate in a file.
pub(crate) fn load_certificate(path: &Path) -> anyhow::Result<Certificate> {
    let mut certs = load_certificates(path)?;
    if certs.len() != 1 {
        return Err(usage(format!(
            "{} holds {} certificates; expected exactly one",
            path.display(),
            certs.len()
        )));
    }
    Ok(certs.remove(0))
}

/// Every certificate of every file.
pub(crate) fn load_certificate_files<P: AsRef<Path>>(
    paths: &[P],
) -> anyhow::Result<Vec<Certificate>> {
    let mut all = Vec::new();
    for path in paths {
        all.extend(load_certificates(path.as_ref())?);
    }
    Ok(all)
}

/// Load a CRL (PEM or DER).
pub(crate) fn load_crl(path: &Path) -> anyhow::Result<Crl> {
    let data = read(path, "CRL file")?;
    Crl::load(&data)
        .with_context(|| InputError(format!("cannot load the CRL in {}", path.display())))
}

/// Load every CRL of `paths`.
pub(crate) fn load_crls<P: AsRef<Path>>(paths: &[P]) -> anyhow::Result<Vec<Crl>> {
    paths.iter().map(|p| load_crl(p.as_ref())).collect()
}

/// Parse an RFC 3339 time given to `flag`.
pub(crate) fn parse_time(text: &str, flag: &str) -> anyhow::Result<Timestamp> {
    Timestamp::parse(text).with_context(|| format!("invalid {flag}"))
}

/// Parse an optional time given to `flag`.
pub(crate) fn parse_optional_time(
    text: Option<&str>,
    flag: &str,
) -> anyhow::Result<Option<Timestamp>> {
    text.map(|t| parse_time(t, flag)).transpose()
}
