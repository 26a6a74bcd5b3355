//! Issue a business license (营业执照) PDF/A-3b from its metadata, as
//! `gmseal issue --template business-license --data DATA.json --out OUT.pdf` does.
//!
//! ```sh
//! cargo run --example issue_business_license -- examples/data/business-license.json license.pdf
//! ```
//!
//! It validates the metadata against the template's rules (printing every
//! problem and stopping on errors), lays out the page, embeds the metadata as
//! JSON, XML and XMP, and says where the issuer's seal goes.

#![allow(clippy::print_stdout)] // an example prints its results

use gmseal::Timestamp;
use gmseal::license::{IssueOptions, Metadata, Severity, Template, issue, validate};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (data, out) = match args.as_slice() {
        [data, out] => (data, out),
        _ => {
            eprintln!("usage: issue_business_license DATA.json OUT.pdf");
            return ExitCode::from(2);
        }
    };
    match run(data, out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(data: &str, out: &str) -> Result<(), Box<dyn std::error::Error>> {
    let metadata: Metadata = serde_json::from_str(&std::fs::read_to_string(data)?)?;
    let template = Template::business_license();

    // Every problem, not only the first.
    let problems = validate(&metadata, &template.rules);
    for p in &problems {
        eprintln!("{p}");
    }
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(format!("{data} is not a valid business license").into());
    }

    // A fixed time makes the output reproducible; a real issuer uses Timestamp::now().
    let options = IssueOptions::new(Timestamp::parse("2026-01-05T02:00:00Z")?);
    let issued = issue(&template, &metadata, &options)?;
    std::fs::write(out, &issued.pdf)?;
    println!("{out}: {} bytes", issued.pdf.len());
    if let Some(seal) = issued.seal {
        println!(
            "seal position: centre ({} mm, {} mm), diameter {} mm",
            seal.x, seal.y, seal.diameter
        );
    }
    Ok(())
}
