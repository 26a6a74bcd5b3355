//! `gmseal issue`: issue e-licenses (电子证照) as PDF/A-3b documents from a
//! template and metadata: one document from `--data`, or one per line of a
//! JSON Lines file with `--batch`, in parallel.
//!
//! A holder photo given as a file path in the metadata is read relative to
//! the directory of the data file (of the JSONL file with `--batch`).
//! Invalid metadata exits 2 with every problem listed; a batch in which any
//! row failed exits 2 too, after writing the rows that succeeded.

use crate::files;
use crate::license::{
    error_count, errors_summary, load_template, parse_metadata, problem_line, problems_json,
    read_metadata,
};
use crate::output::{InputError, NotValid, message, print_json_ok, say, usage};
use anyhow::Context as _;
use clap::{ArgGroup, Args};
use gmseal::Timestamp;
use gmseal::font::Font;
use gmseal::license::{IssueOptions, IssuedLicense, Metadata, PhotoRef, Template, validate};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde_json::{Map, Value, json};
use std::collections::HashSet;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `issue`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("input").required(true).args(["data", "batch"])))]
pub(crate) struct IssueArgs {
    /// The template: a builtin name (business-license, qualification) or a
    /// template JSON file.
    #[arg(long, value_name = "NAME|FILE")]
    template: String,
    /// The metadata of one license (JSON); needs --out.
    #[arg(long, value_name = "DATA", conflicts_with = "batch", requires = "out")]
    data: Option<PathBuf>,
    /// Where to write the PDF of --data.
    #[arg(long, value_name = "PDF", requires = "data")]
    out: Option<PathBuf>,
    /// Issue many: one metadata JSON object per non-empty line; needs --out-dir.
    #[arg(long, value_name = "ROWS.jsonl", requires = "out_dir")]
    batch: Option<PathBuf>,
    /// The directory the PDFs of --batch go to, named by certificateNumber
    /// (or by line number), created if needed.
    #[arg(long, value_name = "DIR", requires = "batch")]
    out_dir: Option<PathBuf>,
    /// The issuing time (document creation time), RFC 3339 (default: now).
    /// The same input at the same time gives the same bytes.
    #[arg(long, value_name = "TIME")]
    time: Option<String>,
    /// A TrueType/OpenType font to use instead of the bundled one.
    #[arg(long, value_name = "FILE")]
    font: Option<PathBuf>,
    /// Number of threads for --batch (default: one per core).
    #[arg(long, value_name = "N", requires = "batch",
          value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// No progress bar for --batch.
    #[arg(long, requires = "batch")]
    quiet: bool,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

impl IssueArgs {
    /// Whether JSON output was requested.
    pub(crate) fn json(&self) -> bool {
        self.json
    }
}

/// Run `issue`.
pub(crate) fn run(args: &IssueArgs) -> anyhow::Result<()> {
    let template = load_template(&args.template)?;
    let time =
        files::parse_optional_time(args.time.as_deref(), "--time")?.unwrap_or_else(Timestamp::now);
    let font =
        match &args.font {
            Some(path) => {
                let data = files::read(path, "font file")?;
                let label = path
                    .file_stem()
                    .map_or_else(|| "font".into(), |s| s.to_string_lossy().into_owned());
                Some(Font::from_bytes(data, &label).with_context(|| {
                    InputError(format!("cannot load the font {}", path.display()))
                })?)
            }
            None => None,
        };
    let issuer = Issuer {
        template: &template,
        time,
        font: font.as_ref(),
    };
    match (&args.data, &args.out, &args.batch, &args.out_dir) {
        (Some(data), Some(out), None, None) => single(args, &issuer, data, out),
        (None, None, Some(batch), Some(out_dir)) => run_batch(args, &issuer, batch, out_dir),
        _ => Err(usage(
            "give either --data with --out, or --batch with --out-dir",
        )),
    }
}

/// What every license of one run is issued with.
struct Issuer<'a> {
    template: &'a Template,
    time: Timestamp,
    font: Option<&'a Font>,
}

/// Why one license could not be issued.
enum IssueFailure {
    /// The metadata has validation errors (all problems, warnings included).
    Invalid(Vec<gmseal::license::Problem>),
    /// Anything else: an unreadable photo, a value too long for its box...
    Other(anyhow::Error),
}

impl IssueFailure {
    fn message(&self) -> String {
        match self {
            Self::Invalid(problems) => format!("invalid metadata: {}", errors_summary(problems)),
            Self::Other(e) => message(e),
        }
    }
}

impl Issuer<'_> {
    /// Validate and issue `metadata`; a photo file is read relative to `base`.
    fn issue(&self, metadata: &Metadata, base: &Path) -> Result<IssuedLicense, IssueFailure> {
        let problems = validate(metadata, &self.template.rules);
        if error_count(&problems) > 0 {
            return Err(IssueFailure::Invalid(problems));
        }
        let mut options = IssueOptions::new(self.time);
        options.font = self.font;
        if let Some(PhotoRef::File(name)) = metadata.photo.as_deref().and_then(PhotoRef::parse) {
            let path = base.join(name);
            options.photo = Some(files::read(&path, "photo file").map_err(IssueFailure::Other)?);
        }
        gmseal::license::issue(self.template, metadata, &options)
            .context("cannot issue the license")
            .map_err(IssueFailure::Other)
    }
}

/// The directory relative paths in a data file are resolved against.
fn base_dir(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

// ---------------------------------------------------------------- one

fn single(args: &IssueArgs, issuer: &Issuer<'_>, data: &Path, out: &Path) -> anyhow::Result<()> {
    let metadata = read_metadata(data)?;
    let issued = match issuer.issue(&metadata, &base_dir(data)) {
        Ok(issued) => issued,
        Err(IssueFailure::Invalid(problems)) => {
            if !args.json {
                for p in &problems {
                    say!("{}", problem_line(p));
                }
            }
            let text = format!(
                "cannot issue {}: {}",
                data.display(),
                errors_summary(&problems)
            );
            let mut details = Map::new();
            details.insert("problems".into(), problems_json(&problems));
            let err: anyhow::Error = NotValid {
                code: "license.invalid-metadata",
                message: text.clone(),
                details,
            }
            .into();
            return Err(err.context(InputError(text)));
        }
        Err(IssueFailure::Other(e)) => {
            let text = format!("cannot issue {}", data.display());
            return Err(e.context(InputError(text)));
        }
    };
    files::write(out, &issued.pdf, "PDF file")?;
    if args.json {
        print_json_ok(json!({
            "file": out.display().to_string(),
            "bytes": issued.pdf.len(),
            "template": issuer.template.id,
            "issued_at": issuer.time.to_string(),
            "seal": issued.seal,
            "warnings": problems_json(&issued.warnings),
        }));
    } else {
        let seal = match issued.seal {
            Some(s) => format!("seal at x={} y={} mm, diameter {} mm", s.x, s.y, s.diameter),
            None => "no seal position".into(),
        };
        say!("{}: {} bytes; {seal}", out.display(), issued.pdf.len());
        for p in &issued.warnings {
            say!("{}", problem_line(p));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- batch

/// One row of a batch.
struct Row {
    /// 1-based line number in the JSONL file.
    line: usize,
    /// The metadata, or why the line is not metadata.
    metadata: Result<Metadata, String>,
    /// The output file name.
    file: String,
}

/// The outcome of one row.
struct RowResult {
    line: usize,
    file: String,
    outcome: Result<usize, String>,
}

/// Whether `c` is a CJK ideograph (or 〇), kept in file names.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{3134F}')
}

/// A file name from `text`: ASCII letters, digits, `.`, `_`, `-` and CJK
/// ideographs kept, everything else replaced by `_`; a leading `.` too.
fn sanitize(text: &str) -> String {
    let mut out: String = text
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') || is_cjk(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.starts_with('.') {
        out.replace_range(0..1, "_");
    }
    out
}

/// Read the rows of a JSONL file and name their output files.
fn read_rows(path: &Path) -> anyhow::Result<Vec<Row>> {
    let data = files::read(path, "batch file")?;
    let text = String::from_utf8(data)
        .map_err(|_| usage(format!("the batch file {} is not UTF-8", path.display())))?;
    let mut rows = Vec::new();
    let mut used: HashSet<String> = HashSet::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let metadata = parse_metadata(line, &format!("line {number}")).map_err(|e| message(&e));
        let stem = metadata
            .as_ref()
            .map(|m| sanitize(&m.certificate_number))
            .ok()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| number.to_string());
        let mut file = format!("{stem}.pdf");
        if !used.insert(file.to_lowercase()) {
            file = format!("{stem}-{number}.pdf");
            used.insert(file.to_lowercase());
        }
        rows.push(Row {
            line: number,
            metadata,
            file,
        });
    }
    Ok(rows)
}

fn run_batch(
    args: &IssueArgs,
    issuer: &Issuer<'_>,
    batch: &Path,
    out_dir: &Path,
) -> anyhow::Result<()> {
    let rows = read_rows(batch)?;
    if rows.is_empty() {
        return Err(usage(format!("{} has no rows", batch.display())));
    }
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create the directory {}", out_dir.display()))?;
    let base = base_dir(batch);
    let total = rows.len();

    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = args.jobs {
        pool = pool.num_threads(usize::from(jobs));
    }
    let pool = pool.build().context("cannot start the worker threads")?;
    let threads = pool.current_num_threads();

    let show_bar = !args.quiet && !args.json && std::io::stderr().is_terminal();
    let bar = if show_bar {
        ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} ({per_sec}, eta {eta})",
    ) {
        bar.set_style(style);
    }

    let start = Instant::now();
    let mut results: Vec<RowResult> = pool.install(|| {
        rows.par_iter()
            .map(|row| {
                let outcome = match &row.metadata {
                    Err(e) => Err(e.clone()),
                    Ok(metadata) => match issuer.issue(metadata, &base) {
                        Err(failure) => Err(failure.message()),
                        Ok(issued) => {
                            files::write(&out_dir.join(&row.file), &issued.pdf, "PDF file")
                                .map(|()| issued.pdf.len())
                                .map_err(|e| message(&e))
                        }
                    },
                };
                bar.inc(1);
                RowResult {
                    line: row.line,
                    file: row.file.clone(),
                    outcome,
                }
            })
            .collect()
    });
    let seconds = start.elapsed().as_secs_f64();
    bar.finish_and_clear();
    results.sort_by_key(|r| r.line);

    let issued = results.iter().filter(|r| r.outcome.is_ok()).count();
    let failed: Vec<&RowResult> = results.iter().filter(|r| r.outcome.is_err()).collect();
    let rate = if seconds > 0.0 {
        issued as f64 / seconds
    } else {
        0.0
    };
    let summary = format!(
        "issued {issued} of {total} in {seconds:.2} s ({rate:.1} docs/s); {} failed",
        failed.len()
    );

    let failures_json: Vec<Value> = failed
        .iter()
        .map(|r| json!({"line": r.line, "error": r.outcome.as_ref().err()}))
        .collect();
    let files_json: Vec<Value> = results
        .iter()
        .filter_map(|r| {
            r.outcome.as_ref().ok().map(|bytes| {
                json!({
                    "line": r.line,
                    "file": out_dir.join(&r.file).display().to_string(),
                    "bytes": bytes,
                })
            })
        })
        .collect();
    let mut details = Map::new();
    details.insert("total".into(), total.into());
    details.insert("issued".into(), issued.into());
    details.insert("failed".into(), failed.len().into());
    details.insert("seconds".into(), json!(seconds));
    details.insert("docs_per_second".into(), json!(rate));
    details.insert("threads".into(), threads.into());
    details.insert("out_dir".into(), out_dir.display().to_string().into());
    details.insert("files".into(), files_json.into());
    details.insert("failures".into(), failures_json.into());

    if !args.json {
        say!("{summary}");
        for r in &failed {
            if let Err(e) = &r.outcome {
                say!("line {}: {e}", r.line);
            }
        }
    }
    if failed.is_empty() {
        if args.json {
            print_json_ok(Value::Object(details));
        }
        return Ok(());
    }
    let text = format!(
        "{} of {total} rows of {} failed (line{} {})",
        failed.len(),
        batch.display(),
        if failed.len() == 1 { "" } else { "s" },
        failed
            .iter()
            .map(|r| r.line.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let err: anyhow::Error = NotValid {
        code: "license.batch-failed",
        message: text.clone(),
        details,
    }
    .into();
    Err(err.context(InputError(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(sanitize("330106000202601050018"), "330106000202601050018");
        assert_eq!(sanitize("浙233262600027"), "浙233262600027");
        assert_eq!(sanitize("a/b\\c d:é"), "a_b_c_d__");
        assert_eq!(sanitize("../x"), "_._x");
        assert_eq!(sanitize("No.1-2_3"), "No.1-2_3");
    }
}
