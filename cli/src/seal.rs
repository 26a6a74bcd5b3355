//! `gmseal seal` and `gmseal ses`: make, show and verify electronic seals
//! (电子印章, GB/T 38540 `SESeal`, the `.esl` file), and seal documents with
//! them and verify the result (电子签章, `SES_Signature`).
//!
//! Verification prints the library's report, one line per check with its
//! status and reason code. Only an [`Indication::Valid`] report exits 0: an
//! invalid report and an indeterminate one (no trust anchors, no original...)
//! both exit 1, with the code of the check that decided it.

use crate::files;
use crate::output::{InputError, NotValid, hex, print_json_ok, say, usage};
use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use gmseal::Timestamp;
use gmseal::crypto::{SecureRandom as _, SystemRandom, VerifyOptions, sm3};
use gmseal::pki::{Certificate, TrustStore};
use gmseal::seal::image::{SealImageParams, render_png};
use gmseal::seal::{
    CertList, Check, CheckStatus, Indication, Original, Picture, SealBuilder, SealReport,
    SealVerifyOptions, SesSeal, SesSignature, SignatureBuilder, SignerList, verify_seal,
    verify_signature,
};
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};

/// The `seal` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum SealCommand {
    /// Make a seal as the seal maker (制章者): list its signers, draw or take
    /// its picture, sign it; writes the DER `SESeal` (.esl).
    Make(MakeArgs),
    /// Show the contents of a seal (.esl; GB/T 38540 v4, GM/T 0031 v1 and v5).
    Show(ShowArgs),
    /// Verify a seal: format, maker signature, maker's certificate path, validity.
    Verify(VerifyArgs),
}

/// The `ses` subcommands: seal signatures (电子签章).
#[derive(Debug, Subcommand)]
pub(crate) enum SesCommand {
    /// Seal a file as a signer (签章者) listed in the seal; writes the DER
    /// `SES_Signature` (SignedValue.dat).
    Sign(SignArgs),
    /// Show the contents of a seal signature.
    Show(SesShowArgs),
    /// Verify a seal signature, its embedded seal, and the original file.
    Verify(SesVerifyArgs),
}

/// The shape of a rendered seal picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Style {
    /// A round official seal with a star (default size 42 × 42 mm).
    Round,
    /// An oval seal with the code in the middle (default size 40 × 30 mm).
    Oval,
}

impl Style {
    /// The default picture size in millimetres.
    fn default_size_mm(self) -> (u16, u16) {
        match self {
            Self::Round => (42, 42),
            Self::Oval => (40, 30),
        }
    }
}

/// The image format of a given seal picture (`picture.type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum PictureType {
    /// Portable Network Graphics.
    #[value(name = "PNG", alias = "png")]
    Png,
    /// Graphics Interchange Format.
    #[value(name = "GIF", alias = "gif")]
    Gif,
    /// JPEG (also accepted as JPEG).
    #[value(name = "JPG", aliases = ["jpg", "JPEG", "jpeg"])]
    Jpg,
}

impl PictureType {
    /// The `picture.type` string.
    fn name(self) -> &'static str {
        match self {
            Self::Png => "PNG",
            Self::Gif => "GIF",
            Self::Jpg => "JPG",
        }
    }

    /// The format `data` starts like, if it is one of the three.
    fn sniff(data: &[u8]) -> Option<Self> {
        if data.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a") {
            Some(Self::Gif)
        } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpg)
        } else {
            None
        }
    }
}

/// Arguments of `seal make`.
#[derive(Debug, Args)]
pub(crate) struct MakeArgs {
    /// The seal maker's (制章者) certificate (profile seal-maker).
    #[arg(long, value_name = "C")]
    maker_cert: PathBuf,
    /// The seal maker's private key.
    #[arg(long, value_name = "K")]
    maker_key: PathBuf,
    /// Password file for an encrypted --maker-key.
    #[arg(long, value_name = "F")]
    maker_key_password_file: Option<PathBuf>,
    /// Certificates of the signers (签章者) who may use the seal (repeatable; a
    /// file may hold several; at least one).
    #[arg(long = "signer-cert", value_name = "S", required = true)]
    signer_certs: Vec<PathBuf>,
    /// The seal's name (印章名称), for example 合同专用章; also drawn in the picture.
    #[arg(long)]
    name: String,
    /// The seal type (business-defined, for example 1 法定名称章, 2 财务专用章,
    /// 3 发票专用章, 4 合同专用章).
    #[arg(long = "type", value_name = "N")]
    seal_type: u32,
    /// The organization (unit) name drawn along the upper arc of the picture
    /// (required to draw it; not used with --picture).
    #[arg(long, value_name = "ORG", required_unless_present = "picture")]
    org: Option<String>,
    /// A code drawn in the picture: along the lower arc of a round seal, in the
    /// middle of an oval one.
    #[arg(long, value_name = "CODE", conflicts_with = "picture")]
    code: Option<String>,
    /// Use this image as the seal picture instead of drawing one.
    #[arg(long, value_name = "IMG")]
    picture: Option<PathBuf>,
    /// The format of --picture (default: told from its first bytes).
    #[arg(long, value_name = "TYPE", requires = "picture")]
    picture_type: Option<PictureType>,
    /// The shape of the drawn picture; also decides the default picture size.
    #[arg(long, value_enum, default_value_t = Style::Round)]
    style: Style,
    /// esID, the seal's unique code (ASCII; default: 16 random bytes as 32 hex digits).
    #[arg(long, value_name = "ID")]
    es_id: Option<String>,
    /// The vendor identifier of the header (Vid; default "gmseal").
    #[arg(long, value_name = "VID")]
    vendor: Option<String>,
    /// List the signers by SM3 digest (certListType 2) instead of by certificate.
    #[arg(long)]
    digests: bool,
    /// Validity of the seal in days, from --create-date.
    #[arg(long, value_name = "N", default_value_t = 365)]
    valid_days: u32,
    /// createDate and start of validity, RFC 3339 (default: now).
    #[arg(long, value_name = "TIME")]
    create_date: Option<String>,
    /// Picture width in millimetres (default: 42 round, 40 oval).
    #[arg(long, value_name = "W", requires = "height_mm",
          value_parser = clap::value_parser!(u16).range(1..))]
    width_mm: Option<u16>,
    /// Picture height in millimetres (default: 42 round, 30 oval).
    #[arg(long, value_name = "H", requires = "width_mm",
          value_parser = clap::value_parser!(u16).range(1..))]
    height_mm: Option<u16>,
    /// Where to write the seal (DER).
    #[arg(long, value_name = "SEAL")]
    out: PathBuf,
    /// Also write the picture put into the seal (the drawn PNG, or --picture) here.
    #[arg(long, value_name = "PNG")]
    picture_out: Option<PathBuf>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

/// Arguments of `seal show`.
#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// The seal file (DER SESeal).
    #[arg(value_name = "SEAL")]
    seal: PathBuf,
    /// Write the picture's bytes (picture.data) to this file.
    #[arg(long, value_name = "OUT")]
    extract_picture: Option<PathBuf>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

/// The trust and revocation inputs of `seal verify` and `ses verify`.
#[derive(Debug, Args)]
pub(crate) struct TrustArgs {
    /// Trusted root certificates (repeatable); without any, certificate paths
    /// are NOT checked and the result is at best indeterminate (exit 1).
    #[arg(long, value_name = "ROOT")]
    trust: Vec<PathBuf>,
    /// Intermediate CA certificates for path building (repeatable).
    #[arg(long, value_name = "C")]
    chain: Vec<PathBuf>,
    /// CRLs to consult during path validation (repeatable; needs --trust).
    #[arg(long, value_name = "CRL")]
    crl: Vec<PathBuf>,
    /// Also accept SM2 signatures made with an empty user ID (OpenSSL without
    /// distid), for the seal, the signature and the certificate paths.
    #[arg(long)]
    accept_empty_id: bool,
}

impl TrustArgs {
    /// The library's options for these arguments.
    fn options(&self) -> anyhow::Result<SealVerifyOptions> {
        if self.trust.is_empty() && !self.crl.is_empty() {
            return Err(usage(
                "--crl applies to certificate path validation, which needs --trust",
            ));
        }
        let anchors = files::load_certificate_files(&self.trust)?;
        let mut options = SealVerifyOptions::default();
        if !anchors.is_empty() {
            options.trust = Some(TrustStore::new(anchors));
        }
        options.intermediates = files::load_certificate_files(&self.chain)?;
        options.crls = files::load_crls(&self.crl)?;
        if self.accept_empty_id {
            options.signature = VerifyOptions::default().accept_empty_id();
        }
        Ok(options)
    }
}

/// Arguments of `seal verify`.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The seal file (DER SESeal).
    #[arg(value_name = "SEAL")]
    seal: PathBuf,
    #[command(flatten)]
    trust: TrustArgs,
    /// The time the seal must be valid at, RFC 3339 (default: now). The
    /// maker's path is checked at the seal's createDate.
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

/// Arguments of `ses sign`.
#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// The seal to use (DER SESeal, v4).
    #[arg(long, value_name = "SEAL")]
    seal: PathBuf,
    /// The signer's certificate, which the seal must list.
    #[arg(long, value_name = "S")]
    cert: PathBuf,
    /// The signer's private key.
    #[arg(long, value_name = "K")]
    key: PathBuf,
    /// Password file for an encrypted --key.
    #[arg(long, value_name = "F")]
    key_password_file: Option<PathBuf>,
    /// The file to seal (its SM3 digest becomes dataHash).
    #[arg(value_name = "DATA")]
    data: PathBuf,
    /// propertyInfo, what the signature protects (ASCII; default: the file's
    /// name, with non-ASCII bytes percent-encoded).
    #[arg(long, value_name = "TEXT")]
    property_info: Option<String>,
    /// The signing time (timeInfo), RFC 3339 (default: now).
    #[arg(long, value_name = "TIME")]
    time: Option<String>,
    /// Where to write the seal signature (DER).
    #[arg(long, value_name = "SIGNATURE")]
    out: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

/// Arguments of `ses show`.
#[derive(Debug, Args)]
pub(crate) struct SesShowArgs {
    /// The seal signature file (DER SES_Signature).
    #[arg(value_name = "SIGNATURE")]
    signature: PathBuf,
    /// Write the embedded seal (DER SESeal) to this file.
    #[arg(long, value_name = "OUT")]
    extract_seal: Option<PathBuf>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

/// Arguments of `ses verify`.
#[derive(Debug, Args)]
pub(crate) struct SesVerifyArgs {
    /// The seal signature file (DER SES_Signature).
    #[arg(value_name = "SIGNATURE")]
    signature: PathBuf,
    /// The original the signature protects; without it dataHash is not checked
    /// and the result is indeterminate (exit 1).
    #[arg(long, value_name = "FILE")]
    original: Option<PathBuf>,
    #[command(flatten)]
    trust: TrustArgs,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

impl SealCommand {
    /// Whether JSON output was requested.
    pub(crate) fn json(&self) -> bool {
        match self {
            Self::Make(a) => a.json,
            Self::Show(a) => a.json,
            Self::Verify(a) => a.json,
        }
    }

    /// Run the subcommand.
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        match self {
            Self::Make(a) => make(a),
            Self::Show(a) => show(a),
            Self::Verify(a) => verify(a),
        }
    }
}

impl SesCommand {
    /// Whether JSON output was requested.
    pub(crate) fn json(&self) -> bool {
        match self {
            Self::Sign(a) => a.json,
            Self::Show(a) => a.json,
            Self::Verify(a) => a.json,
        }
    }

    /// Run the subcommand.
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        match self {
            Self::Sign(a) => sign(a),
            Self::Show(a) => ses_show(a),
            Self::Verify(a) => ses_verify(a),
        }
    }
}

// ---------------------------------------------------------------- reading

/// Read a seal file.
pub(crate) fn read_seal(path: &Path) -> anyhow::Result<SesSeal> {
    let data = files::read(path, "seal file")?;
    SesSeal::from_der(&data).with_context(|| format!("cannot read the seal in {}", path.display()))
}

/// Read a seal signature file.
pub(crate) fn read_signature(path: &Path) -> anyhow::Result<SesSignature> {
    let data = files::read(path, "seal signature file")?;
    SesSignature::from_der(&data)
        .with_context(|| format!("cannot read the seal signature in {}", path.display()))
}

/// A random esID: 16 bytes from the system generator as 32 hex digits.
pub(crate) fn random_es_id() -> anyhow::Result<String> {
    let mut bytes = [0u8; 16];
    SystemRandom.fill(&mut bytes)?;
    Ok(hex(&bytes))
}

/// The default propertyInfo for `path`: its file name, with every byte that is
/// not printable ASCII (and `%`) percent-encoded, since propertyInfo is an IA5String.
fn default_property_info(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| path.to_string_lossy(), |n| n.to_string_lossy());
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if (b.is_ascii_graphic() || b == b' ') && b != b'%' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

// ---------------------------------------------------------------- seal make

/// Where the seal picture came from.
enum PictureSource {
    /// Drawn by `gmseal::seal::image` in this style.
    Drawn(Style),
    /// Read from a file.
    File(PathBuf),
}

/// The seal picture: the given file, or one drawn from --org, --name, --code.
fn picture(args: &MakeArgs) -> anyhow::Result<(Picture, PictureSource)> {
    let (width_mm, height_mm) = match (args.width_mm, args.height_mm) {
        (Some(w), Some(h)) => (w, h),
        _ => args.style.default_size_mm(),
    };
    if let Some(path) = &args.picture {
        let data = files::read(path, "picture file")?;
        let sniffed = PictureType::sniff(&data);
        let kind = match (args.picture_type, sniffed) {
            (Some(given), Some(found)) if given != found => {
                return Err(usage(format!(
                    "{} looks like {}, not {} as --picture-type says",
                    path.display(),
                    found.name(),
                    given.name()
                )));
            }
            (Some(t), _) | (None, Some(t)) => t,
            (None, None) => {
                return Err(usage(format!(
                    "cannot tell the image format of {}: give --picture-type PNG, GIF or JPG",
                    path.display()
                )));
            }
        };
        let picture = Picture {
            kind: kind.name().into(),
            data,
            width_mm: u32::from(width_mm),
            height_mm: u32::from(height_mm),
        };
        return Ok((picture, PictureSource::File(path.clone())));
    }
    // clap requires --org without --picture.
    let org = args.org.as_deref().unwrap_or_default();
    let params = match args.style {
        Style::Round => {
            let params = SealImageParams::round(org, args.name.as_str());
            match &args.code {
                Some(code) => params.with_code(code.as_str()),
                None => params,
            }
        }
        Style::Oval => SealImageParams::oval(
            org,
            args.name.as_str(),
            args.code.as_deref().unwrap_or_default(),
        ),
    }
    .with_size_mm(f32::from(width_mm), f32::from(height_mm));
    let data =
        render_png(&params).with_context(|| InputError("cannot draw the seal picture".into()))?;
    let picture = Picture {
        kind: "PNG".into(),
        data,
        width_mm: u32::from(width_mm),
        height_mm: u32::from(height_mm),
    };
    Ok((picture, PictureSource::Drawn(args.style)))
}

fn make(args: &MakeArgs) -> anyhow::Result<()> {
    let maker = files::load_certificate(&args.maker_cert)?;
    let maker_key =
        files::load_private_key(&args.maker_key, args.maker_key_password_file.as_deref())?;
    let signers = files::load_certificate_files(&args.signer_certs)?;
    let create_date = files::parse_optional_time(args.create_date.as_deref(), "--create-date")?
        .unwrap_or_else(Timestamp::now);
    let (picture, source) = picture(args)?;
    let es_id = match &args.es_id {
        Some(id) => id.clone(),
        None => random_es_id()?,
    };
    let signer_subjects: Vec<String> = signers.iter().map(|c| c.subject().to_string()).collect();
    let list = if args.digests {
        SignerList::Digests(signers)
    } else {
        SignerList::Certificates(signers)
    };
    let mut builder = SealBuilder::new(
        &es_id,
        &args.name,
        i64::from(args.seal_type),
        list,
        picture,
        create_date,
        args.valid_days,
    );
    if let Some(vendor) = &args.vendor {
        builder.vendor.clone_from(vendor);
    }
    let seal = builder
        .sign(&maker, &maker_key)
        .with_context(|| InputError("cannot make the seal".into()))?;
    files::write(&args.out, seal.der(), "seal file")?;
    let info = seal.info();
    if let Some(path) = &args.picture_out {
        files::write(path, &info.picture.data, "picture file")?;
    }

    let prop = &info.property;
    let source_text = match &source {
        PictureSource::Drawn(Style::Round) => "drawn round seal".to_owned(),
        PictureSource::Drawn(Style::Oval) => "drawn oval seal".to_owned(),
        PictureSource::File(path) => format!("from {}", path.display()),
    };
    let list_kind = if args.digests {
        "digests"
    } else {
        "certificates"
    };
    if args.json {
        print_json_ok(json!({
            "file": args.out.display().to_string(),
            "bytes": seal.der().len(),
            "version": seal.version(),
            "es_id": info.es_id,
            "name": prop.name,
            "seal_type": prop.seal_type,
            "vendor": info.header.vid,
            "cert_list_type": list_kind,
            "signers": signer_subjects,
            "create_date": prop.create_date,
            "valid_start": prop.valid_start,
            "valid_end": prop.valid_end,
            "maker": maker.subject().to_string(),
            "picture": {
                "kind": info.picture.kind,
                "width_mm": info.picture.width_mm,
                "height_mm": info.picture.height_mm,
                "bytes": info.picture.data.len(),
                "pixels": image_pixels(&info.picture.data),
                "source": match &source {
                    PictureSource::Drawn(Style::Round) => "drawn-round",
                    PictureSource::Drawn(Style::Oval) => "drawn-oval",
                    PictureSource::File(_) => "file",
                },
                "file": args.picture_out.as_ref().map(|p| p.display().to_string()),
            },
        }));
    } else {
        say!(
            "made the seal {:?} (type {}, esID {}) for {} signer(s) listed by {}",
            prop.name,
            prop.seal_type,
            info.es_id,
            signer_subjects.len(),
            if args.digests {
                "SM3 digest"
            } else {
                "certificate"
            }
        );
        for subject in &signer_subjects {
            say!("  signer:   {subject}");
        }
        say!("  maker:    {}", maker.subject());
        say!("  validity: {} to {}", prop.valid_start, prop.valid_end);
        say!(
            "  picture:  {} {} × {} mm, {source_text} ({} bytes)",
            info.picture.kind,
            info.picture.width_mm,
            info.picture.height_mm,
            info.picture.data.len()
        );
        if let Some(path) = &args.picture_out {
            say!("  picture written to {}", path.display());
        }
        say!(
            "  written to {} ({} bytes of DER)",
            args.out.display(),
            seal.der().len()
        );
    }
    Ok(())
}

// ---------------------------------------------------------------- seal show

/// The pixel size of a PNG or GIF, read from its header.
fn image_pixels(data: &[u8]) -> Option<[u32; 2]> {
    let be = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
    };
    let le16 = |at: usize| -> Option<u32> {
        Some(u32::from(u16::from_le_bytes(
            data.get(at..at + 2)?.try_into().ok()?,
        )))
    };
    match PictureType::sniff(data)? {
        // The IHDR chunk follows the 8-byte signature and its length and type.
        PictureType::Png if data.get(12..16) == Some(b"IHDR") => Some([be(16)?, be(20)?]),
        PictureType::Gif => Some([le16(6)?, le16(8)?]),
        _ => None,
    }
}

/// One line describing a certificate.
fn certificate_line(der: &[u8]) -> String {
    match Certificate::from_der(der) {
        Ok(cert) => format!(
            "{} (serial {}, issuer {}, valid to {})",
            cert.subject(),
            cert.serial_hex(),
            cert.issuer(),
            cert.not_after()
        ),
        Err(e) => format!(
            "(unreadable certificate, {} bytes, SM3 {}: {e})",
            der.len(),
            hex(&sm3(der))
        ),
    }
}

/// Everything `seal show --json` reports about `seal`: the library's
/// description, plus the picture's size in pixels.
fn seal_json(seal: &SesSeal) -> anyhow::Result<Value> {
    let mut value = gmseal::seal::seal_json(seal);
    if let Some(picture) = value.get_mut("picture").and_then(Value::as_object_mut) {
        picture.insert(
            "pixels".into(),
            json!(image_pixels(&seal.info().picture.data)),
        );
    }
    Ok(value)
}

/// Print a readable summary of `seal`, each line starting with `indent`.
fn print_seal(seal: &SesSeal, indent: &str) {
    let info = seal.info();
    let prop = &info.property;
    let pic = &info.picture;
    say!(
        "{indent}version:        v{} ({})",
        seal.version().number(),
        seal.version().standard()
    );
    say!(
        "{indent}header:         ID {:?}, version {}, vendor {:?}",
        info.header.id,
        info.header.version,
        info.header.vid
    );
    say!("{indent}esID:           {}", info.es_id);
    say!("{indent}type:           {}", prop.seal_type);
    say!("{indent}name:           {}", prop.name);
    let (kind, count) = match &prop.cert_list {
        CertList::Certificates(v) => ("certificates", v.len()),
        CertList::Digests(v) => ("certificate digests", v.len()),
        CertList::Identifiers(v) => ("certificate identifiers", v.len()),
    };
    match prop.cert_list_type {
        Some(t) => say!("{indent}signers:        {count} {kind} (certListType {t})"),
        None => say!("{indent}signers:        {count} {kind}"),
    }
    match &prop.cert_list {
        CertList::Certificates(ders) => {
            for (i, der) in ders.iter().enumerate() {
                say!("{indent}  [{i}] {}", certificate_line(der));
            }
        }
        CertList::Digests(digests) => {
            for (i, d) in digests.iter().enumerate() {
                say!("{indent}  [{i}] {} {}", d.kind, hex(&d.value));
            }
        }
        CertList::Identifiers(ids) => {
            for (i, id) in ids.iter().enumerate() {
                say!("{indent}  [{i}] {id}");
            }
        }
    }
    say!("{indent}created:        {}", prop.create_date);
    say!(
        "{indent}valid:          {} to {}",
        prop.valid_start,
        prop.valid_end
    );
    let pixels = image_pixels(&pic.data)
        .map(|[w, h]| format!(", {w} × {h} pixels"))
        .unwrap_or_default();
    say!(
        "{indent}picture:        {} {} × {} mm, {} bytes{pixels}",
        pic.kind,
        pic.width_mm,
        pic.height_mm,
        pic.data.len()
    );
    if info.ext_datas.is_empty() {
        say!("{indent}extDatas:       none");
    }
    for ext in &info.ext_datas {
        let value = hex(&ext.value);
        let value = if value.len() > 64 {
            format!("{}... ({} bytes)", &value[..64], ext.value.len())
        } else {
            value
        };
        say!(
            "{indent}extData:        {}{} {value}",
            ext.id,
            if ext.critical { " (critical)" } else { "" }
        );
    }
    say!(
        "{indent}maker:          {}",
        certificate_line(seal.maker_certificate_der())
    );
    say!(
        "{indent}signature:      {}, {} bytes",
        gmseal::oid::describe(seal.signature_algorithm()),
        seal.signed_value().len()
    );
    if seal.timestamp().is_some() {
        say!("{indent}timestamp:      present (not verified)");
    }
    say!("{indent}trailing bytes: {}", seal.trailing_bytes());
}

fn show(args: &ShowArgs) -> anyhow::Result<()> {
    let seal = read_seal(&args.seal)?;
    if let Some(path) = &args.extract_picture {
        files::write(path, &seal.info().picture.data, "picture file")?;
    }
    if args.json {
        let mut value = seal_json(&seal)?;
        value["file"] = args.seal.display().to_string().into();
        if let Some(path) = &args.extract_picture {
            value["picture_file"] = path.display().to_string().into();
        }
        print_json_ok(value);
    } else {
        say!("{} ({} bytes):", args.seal.display(), seal.der().len());
        print_seal(&seal, "  ");
        if let Some(path) = &args.extract_picture {
            say!(
                "picture ({} bytes) written to {}",
                seal.info().picture.data.len(),
                path.display()
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- reports

/// The reason codes of every failed or indeterminate check, in order, without
/// repeats; the embedded seal's replace the signature's summary of it.
fn reasons<'a>(checks: &'a [Check], seal: Option<&'a SealReport>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let mut add = |c: &Check| {
        if matches!(c.status, CheckStatus::Failed | CheckStatus::Indeterminate) {
            if let Some(code) = c.code {
                if !out.contains(&code) {
                    out.push(code);
                }
            }
        }
    };
    for c in checks {
        match seal {
            Some(s) if c.id == "signature.seal" && c.status != CheckStatus::Passed => {
                s.checks.iter().for_each(&mut add);
            }
            _ => add(c),
        }
    }
    out
}

/// What to do about a not-checked or untrusted result.
fn hint(code: &str) -> &'static str {
    match code {
        "chain.not-checked" => " (give --trust ROOT)",
        "chain.untrusted" => " (give the right --trust ROOT and --chain CA)",
        "data.not-checked" => " (give --original FILE)",
        _ => "",
    }
}

/// The indication in capitals, for text output.
fn indication_word(indication: Indication) -> &'static str {
    match indication {
        Indication::Valid => "VALID",
        Indication::Invalid => "INVALID",
        Indication::Indeterminate => "INDETERMINATE",
    }
}

/// Print the checks, one line each: status, id, reason code and message.
fn print_checks(checks: &[Check], indent: &str) {
    for c in checks {
        let status = match c.status {
            CheckStatus::Passed => "passed",
            CheckStatus::Failed => "FAILED",
            CheckStatus::Indeterminate => "INDETERMINATE",
            CheckStatus::Warning => "warning",
        };
        match c.code {
            Some(code) => say!("{indent}{status:<13} {:<28} {code}: {}", c.id, c.message),
            None => say!("{indent}{status:<13} {:<28} {}", c.id, c.message),
        }
    }
}

/// Print a seal report, each line starting with `indent`.
fn print_seal_report(report: &SealReport, indent: &str) {
    say!(
        "{indent}seal:      {:?}, type {}, esID {}, v{}, vendor {:?}",
        report.name,
        report.seal_type,
        report.es_id,
        report.version.number(),
        report.vendor
    );
    say!(
        "{indent}maker:     {}",
        report
            .maker
            .as_deref()
            .unwrap_or("(the certificate cannot be read)")
    );
    say!(
        "{indent}validity:  {} to {} (created {}), checked at {}",
        report.valid_start,
        report.valid_end,
        report.create_date,
        report.checked_at
    );
    say!(
        "{indent}picture:   {} {} × {} mm",
        report.picture_type,
        report.picture_mm[0],
        report.picture_mm[1]
    );
    say!("{indent}checks:");
    print_checks(&report.checks, &format!("{indent}  "));
}

/// The outcome of a report: `Ok` when valid, else the [`NotValid`] error that
/// carries the JSON fields and exits 1.
fn outcome(
    what: String,
    indication: Indication,
    deciding: Option<&Check>,
    details: Value,
    json: bool,
) -> anyhow::Result<()> {
    if indication == Indication::Valid {
        if json {
            print_json_ok(details);
        } else {
            say!("result:    VALID");
        }
        return Ok(());
    }
    let code = deciding.and_then(|c| c.code).unwrap_or("seal.not-valid");
    let reason = deciding.map(|c| c.message.as_str()).unwrap_or_default();
    let message = match indication {
        Indication::Invalid => format!("{what} is NOT valid: {code}: {reason}"),
        _ => format!(
            "{what} could not be verified (indeterminate, which is not valid): {code}: {reason}{}",
            hint(code)
        ),
    };
    if !json {
        say!("result:    {}", indication_word(indication));
    }
    let details = match details {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    Err(NotValid {
        code,
        message,
        details,
    }
    .into())
}

fn verify(args: &VerifyArgs) -> anyhow::Result<()> {
    let options = args.trust.options()?;
    let at = files::parse_optional_time(args.at.as_deref(), "--at")?.unwrap_or_else(Timestamp::now);
    let seal = read_seal(&args.seal)?;
    let report = verify_seal(&seal, at, &options);
    if !args.json {
        say!("{}:", args.seal.display());
        print_seal_report(&report, "");
        if options.trust.is_none() {
            say!("WARNING: no --trust ROOT: the maker's certificate path was NOT checked");
        }
    }
    let details = json!({
        "file": args.seal.display().to_string(),
        "indication": report.indication,
        "reasons": reasons(&report.checks, None),
        "report": report,
    });
    outcome(
        format!("the seal {}", args.seal.display()),
        report.indication,
        report.reason(),
        details,
        args.json,
    )
}

// ---------------------------------------------------------------- ses

fn sign(args: &SignArgs) -> anyhow::Result<()> {
    let seal = read_seal(&args.seal)?;
    let cert = files::load_certificate(&args.cert)?;
    let key = files::load_private_key(&args.key, args.key_password_file.as_deref())?;
    let data = files::read(&args.data, "data file")?;
    let time =
        files::parse_optional_time(args.time.as_deref(), "--time")?.unwrap_or_else(Timestamp::now);
    let property_info = match &args.property_info {
        Some(text) => text.clone(),
        None => default_property_info(&args.data),
    };
    let signature = SignatureBuilder::new(&seal, &data, &property_info, time)
        .sign(&cert, &key)
        .with_context(|| {
            InputError(format!(
                "cannot seal {} with {}",
                args.data.display(),
                args.seal.display()
            ))
        })?;
    // Refuse a seal that is broken (a maker signature that does not verify, a
    // malformed header...): what it would make could never verify.
    let seal_report = verify_seal(&seal, time, &SealVerifyOptions::default());
    if seal_report.indication == Indication::Invalid {
        let check = seal_report.reason();
        let code = check.and_then(|c| c.code).unwrap_or("seal.invalid");
        let mut details = Map::new();
        details.insert("seal_report".into(), serde_json::to_value(&seal_report)?);
        let err: anyhow::Error = NotValid {
            code,
            message: format!(
                "{code}: {}",
                check.map(|c| c.message.as_str()).unwrap_or_default()
            ),
            details,
        }
        .into();
        return Err(err.context(InputError(format!(
            "the seal {} is not valid, so it cannot be used",
            args.seal.display()
        ))));
    }
    files::write(&args.out, signature.der(), "seal signature file")?;
    let tbs = signature.to_sign();
    let info = seal.info();
    if args.json {
        print_json_ok(json!({
            "file": args.out.display().to_string(),
            "bytes": signature.der().len(),
            "version": signature.version(),
            "signer": cert.subject().to_string(),
            "time": time,
            "property_info": tbs.property_info,
            "data_hash": hex(&tbs.data_hash),
            "seal": {
                "file": args.seal.display().to_string(),
                "es_id": info.es_id,
                "name": info.property.name,
            },
        }));
    } else {
        say!(
            "sealed {} with the seal {:?} (esID {}) as {}",
            args.data.display(),
            info.property.name,
            info.es_id,
            cert.subject()
        );
        say!("  time:          {time}");
        say!("  propertyInfo:  {}", tbs.property_info);
        say!("  dataHash:      SM3 {}", hex(&tbs.data_hash));
        say!(
            "  written to {} ({} bytes of DER)",
            args.out.display(),
            signature.der().len()
        );
    }
    Ok(())
}

fn ses_show(args: &SesShowArgs) -> anyhow::Result<()> {
    let signature = read_signature(&args.signature)?;
    let seal = signature.seal();
    if let Some(path) = &args.extract_seal {
        files::write(path, seal.der(), "seal file")?;
    }
    let tbs = signature.to_sign();
    if args.json {
        let mut value = json!({
            "file": args.signature.display().to_string(),
            "version": signature.version(),
            "bytes": signature.der().len(),
            "trailing_bytes": signature.trailing_bytes(),
            "to_sign": tbs,
            "signer_certificate": gmseal::seal::certificate_json(signature.signer_certificate_der()),
            "signature_algorithm": signature.signature_algorithm().to_string(),
            "signature_bytes": signature.signature().len(),
            "has_timestamp": signature.timestamp().is_some(),
            "seal": seal_json(seal)?,
        });
        if let Some(path) = &args.extract_seal {
            value["seal_file"] = path.display().to_string().into();
        }
        print_json_ok(value);
        return Ok(());
    }
    say!(
        "{} ({} bytes):",
        args.signature.display(),
        signature.der().len()
    );
    say!("  version:        v{}", signature.version().number());
    match tbs.time_info.time() {
        Some(t) => say!("  time:           {t}"),
        None => say!("  time:           (not a readable time)"),
    }
    say!("  propertyInfo:   {}", tbs.property_info);
    say!("  dataHash:       {}", hex(&tbs.data_hash));
    say!(
        "  signer:         {}",
        certificate_line(signature.signer_certificate_der())
    );
    say!(
        "  signature:      {}, {} bytes",
        gmseal::oid::describe(signature.signature_algorithm()),
        signature.signature().len()
    );
    if signature.timestamp().is_some() {
        say!("  timestamp:      present (not verified)");
    }
    say!("  trailing bytes: {}", signature.trailing_bytes());
    say!("  embedded seal ({} bytes):", seal.der().len());
    print_seal(seal, "    ");
    if let Some(path) = &args.extract_seal {
        say!("seal written to {}", path.display());
    }
    Ok(())
}

fn ses_verify(args: &SesVerifyArgs) -> anyhow::Result<()> {
    let options = args.trust.options()?;
    let signature = read_signature(&args.signature)?;
    let data = args
        .original
        .as_ref()
        .map(|p| files::read(p, "original file"))
        .transpose()?;
    let original = match &data {
        Some(d) => Original::Data(d),
        None => Original::NotProvided,
    };
    let report = verify_signature(&signature, original, &options);
    if !args.json {
        say!("{}:", args.signature.display());
        say!(
            "signature: v{}, signed at {} by {}",
            report.version.number(),
            report
                .time
                .map_or_else(|| "(unreadable time)".to_owned(), |t| t.to_string()),
            report
                .signer
                .as_deref()
                .unwrap_or("(the certificate cannot be read)")
        );
        say!(
            "protects:  {:?} (dataHash SM3 {})",
            report.property_info,
            report.data_hash
        );
        say!("checks:");
        print_checks(&report.checks, "  ");
        say!("embedded seal:");
        print_seal_report(&report.seal, "  ");
        if options.trust.is_none() {
            say!("WARNING: no --trust ROOT: the certificate paths were NOT checked");
        }
        if args.original.is_none() {
            say!("WARNING: no --original FILE: dataHash was NOT checked against the original");
        }
    }
    let details = json!({
        "file": args.signature.display().to_string(),
        "indication": report.indication,
        "reasons": reasons(&report.checks, Some(&report.seal)),
        "report": report,
    });
    outcome(
        format!("the seal signature {}", args.signature.display()),
        report.indication,
        report.reason(),
        details,
        args.json,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_info_is_ascii() {
        assert_eq!(
            default_property_info(Path::new("dir/合同 1%.pdf")),
            "%E5%90%88%E5%90%8C 1%25.pdf"
        );
        assert_eq!(default_property_info(Path::new("a.txt")), "a.txt");
    }

    #[test]
    fn sniffs_and_measures_images() {
        assert_eq!(
            PictureType::sniff(b"GIF89a\x10\x00\x20\x00"),
            Some(PictureType::Gif)
        );
        assert_eq!(image_pixels(b"GIF89a\x10\x00\x20\x00"), Some([16, 32]));
        assert_eq!(
            PictureType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(PictureType::Jpg)
        );
        assert_eq!(PictureType::sniff(b"BM"), None);
        let png = render_png(&SealImageParams::round("某某有限公司", "合同专用章")).unwrap();
        assert_eq!(image_pixels(&png), Some([496, 496]));
    }
}
