//! `gmseal license`: validate e-license metadata (电子证照元数据, GB/T 36903)
//! against the rules of its type, and build or parse e-license identifiers
//! (证照标识, GB/T 36904).
//!
//! `license validate` exits 0 when the metadata has no errors (warnings are
//! allowed), 1 when it has errors, and 2 when the file cannot be read or is
//! not metadata JSON.

use crate::files;
use crate::output::{InputError, NotValid, print_json_ok, say, usage};
use anyhow::Context as _;
use clap::{Args, Subcommand};
use gmseal::license::{
    BUILTIN_TEMPLATES, Identifier, Metadata, Problem, Severity, Template, TypeRules, validate,
};
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};

/// The `license` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum LicenseCommand {
    /// Validate license metadata (JSON) against the rules of a template; lists
    /// every problem. Exit 0 without errors, 1 with errors, 2 for an
    /// unreadable file.
    Validate(ValidateArgs),
    /// Build a license identifier (证照标识) from its parts, or parse one with --parse.
    Id(IdArgs),
}

/// Arguments of `license validate`.
#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// The metadata file (JSON, English ids or pinyin names).
    #[arg(value_name = "DATA")]
    data: PathBuf,
    /// The template whose rules apply: a builtin name (business-license,
    /// qualification) or a template JSON file (default: only the core rules).
    #[arg(long, value_name = "NAME|FILE")]
    template: Option<String>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

/// Arguments of `license id`.
#[derive(Debug, Args)]
pub(crate) struct IdArgs {
    /// 证照类型代码, the license type code (21 characters).
    #[arg(long, value_name = "T", required_unless_present = "parse")]
    type_code: Option<String>,
    /// 证照颁发机构代码, the issuing authority's unified social credit code.
    #[arg(long, value_name = "USCC", required_unless_present = "parse")]
    issuer: Option<String>,
    /// 流水号, the serial number.
    #[arg(long, value_name = "S", required_unless_present = "parse")]
    serial: Option<String>,
    /// 版本号, the version (three digits).
    #[arg(long, value_name = "V", default_value = Identifier::FIRST_VERSION)]
    version: String,
    /// Parse this identifier instead: print its parts and what is irregular.
    #[arg(long, value_name = "ID", conflicts_with_all = ["type_code", "issuer", "serial"])]
    parse: Option<String>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

impl LicenseCommand {
    /// Whether JSON output was requested.
    pub(crate) fn json(&self) -> bool {
        match self {
            Self::Validate(a) => a.json,
            Self::Id(a) => a.json,
        }
    }

    /// Run the subcommand.
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        match self {
            Self::Validate(a) => validate_command(a),
            Self::Id(a) => id(a),
        }
    }
}

// ---------------------------------------------------------------- shared

/// Parse metadata JSON; `origin` names where it came from in the error.
pub(crate) fn parse_metadata(text: &str, origin: &str) -> anyhow::Result<Metadata> {
    Metadata::from_json(text).map_err(|e| usage(format!("{origin}: {e}")))
}

/// Read a metadata JSON file.
pub(crate) fn read_metadata(path: &Path) -> anyhow::Result<Metadata> {
    let data = files::read(path, "metadata file")?;
    let text = String::from_utf8(data)
        .map_err(|_| usage(format!("the metadata file {} is not UTF-8", path.display())))?;
    parse_metadata(&text, &path.display().to_string())
}

/// A template: a builtin name, or else a template JSON file.
pub(crate) fn load_template(spec: &str) -> anyhow::Result<Template> {
    if let Some(template) = Template::builtin(spec) {
        return Ok(template);
    }
    let path = Path::new(spec);
    if !path.exists() {
        return Err(usage(format!(
            "{spec:?} is neither a builtin template ({}) nor a template file",
            BUILTIN_TEMPLATES.join(", ")
        )));
    }
    let data = files::read(path, "template file")?;
    let text = String::from_utf8(data)
        .map_err(|_| usage(format!("the template file {spec} is not UTF-8")))?;
    Template::from_json(&text)
        .with_context(|| InputError(format!("cannot load the template {spec}")))
}

/// One problem as a text line: severity, field, code, message.
pub(crate) fn problem_line(p: &Problem) -> String {
    format!("{:<7}  {}  {}  {}", p.severity, p.field, p.code, p.message)
}

/// The problems as JSON.
pub(crate) fn problems_json(problems: &[Problem]) -> Value {
    serde_json::to_value(problems).unwrap_or(Value::Null)
}

/// How many of `problems` are errors.
pub(crate) fn error_count(problems: &[Problem]) -> usize {
    problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count()
}

/// A one-line description of the errors among `problems`, e.g.
/// `2 errors: certificateHolderCode (license.bad-uscc), certificateName (license.missing)`.
pub(crate) fn errors_summary(problems: &[Problem]) -> String {
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| format!("{} ({})", p.field, p.code))
        .collect();
    let noun = if errors.len() == 1 { "error" } else { "errors" };
    format!("{} {noun}: {}", errors.len(), errors.join(", "))
}

// ---------------------------------------------------------------- validate

fn validate_command(args: &ValidateArgs) -> anyhow::Result<()> {
    let metadata = read_metadata(&args.data)?;
    let (rules, template_name) = match &args.template {
        Some(spec) => {
            let template = load_template(spec)?;
            (template.rules, Some(template.id))
        }
        None => (TypeRules::default(), None),
    };
    let problems = validate(&metadata, &rules);
    let errors = error_count(&problems);
    let warnings = problems.len() - errors;
    if !args.json {
        for p in &problems {
            say!("{}", problem_line(p));
        }
    }
    let mut details = Map::new();
    details.insert("file".into(), args.data.display().to_string().into());
    details.insert("template".into(), template_name.into());
    details.insert("errors".into(), errors.into());
    details.insert("warnings".into(), warnings.into());
    details.insert("problems".into(), problems_json(&problems));
    if errors == 0 {
        if args.json {
            print_json_ok(Value::Object(details));
        } else {
            say!(
                "{}: valid ({warnings} warning{})",
                args.data.display(),
                if warnings == 1 { "" } else { "s" }
            );
        }
        return Ok(());
    }
    Err(NotValid {
        code: "license.invalid-metadata",
        message: format!(
            "{} is not valid: {}",
            args.data.display(),
            errors_summary(&problems)
        ),
        details,
    }
    .into())
}

// ---------------------------------------------------------------- id

fn id(args: &IdArgs) -> anyhow::Result<()> {
    if let Some(text) = &args.parse {
        return parse_id(text, args.json);
    }
    let (Some(type_code), Some(issuer), Some(serial)) =
        (&args.type_code, &args.issuer, &args.serial)
    else {
        return Err(usage("--type-code, --issuer and --serial are required"));
    };
    let identifier = Identifier::build(type_code, issuer, serial, &args.version)
        .with_context(|| InputError("cannot build the identifier".into()))?;
    if args.json {
        print_json_ok(json!({
            "identifier": identifier.to_string(),
            "typeCode": identifier.type_code(),
            "issuerCode": identifier.issuer_code(),
            "serial": identifier.serial(),
            "version": identifier.version(),
            "checkCharacter": identifier.check_character().to_string(),
        }));
    } else {
        say!("{identifier}");
    }
    Ok(())
}

fn parse_id(text: &str, json: bool) -> anyhow::Result<()> {
    let parsed = Identifier::parse(text)
        .with_context(|| InputError(format!("{text:?} is not a license identifier")))?;
    if json {
        let mut value = serde_json::to_value(&parsed)?;
        if let Value::Object(map) = &mut value {
            map.insert("identifier".into(), text.into());
            map.insert("conforming".into(), parsed.is_conforming().into());
            let findings: Vec<Value> = parsed
                .findings
                .iter()
                .map(|f| json!({"code": f.code(), "message": f.to_string()}))
                .collect();
            map.insert("findings".into(), findings.into());
        }
        print_json_ok(value);
    } else {
        say!("identifier:  {text}");
        say!("type code:   {}", parsed.type_code);
        say!("issuer:      {}", parsed.issuer_code);
        say!("serial:      {}", parsed.serial);
        say!("version:     {}", parsed.version);
        say!(
            "check:       {} (expected {})",
            parsed.check_character,
            parsed.expected_check_character
        );
        for f in &parsed.findings {
            say!("finding:     {}  {f}", f.code());
        }
        if parsed.is_conforming() {
            say!("result:      conforming");
        } else {
            say!(
                "result:      {} finding(s) (irregular, but identifiers like it are in use)",
                parsed.findings.len()
            );
        }
    }
    Ok(())
}
