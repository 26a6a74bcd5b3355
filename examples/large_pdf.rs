//! Make a large sealed PDF (default 1 GiB), for measuring verification of big
//! files: `gmseal verify` reads them without holding them in memory.
//!
//! ```sh
//! cargo run --release --example large_pdf -- /tmp/large 1024
//! /usr/bin/time -v target/release/gmseal verify /tmp/large/sealed.pdf --trust /tmp/large/root.pem
//! ```
//!
//! The file is one page showing one uncompressed RGB image, sealed (CMS,
//! certified) with the documentation fixture's seal and signer; the fixture's
//! root certificate is written next to it.

#![allow(clippy::print_stdout)] // an example prints its results

use gmseal::pdf::sign::{__doc::write_large_pdf, DocMdp, PdfSigner, Placement};
use gmseal::seal::__doc::{fixture, seal};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "target/large-pdf".into()));
    let megabytes: usize = args.next().map_or(Ok(1024), |m| m.parse())?;
    std::fs::create_dir_all(&dir)?;
    let unsigned = dir.join("unsigned.pdf");
    let size = write_large_pdf(
        std::io::BufWriter::new(std::fs::File::create(&unsigned)?),
        megabytes,
    )?;
    println!("{}: {size} bytes", unsigned.display());

    let f = fixture()?;
    let seal = seal(&f)?;
    let data = std::fs::read(&unsigned)?;
    let sealed = PdfSigner::new(&seal, &f.signer, &f.signer_key)?
        .certify(DocMdp::NoChanges)
        .sign(&data, &Placement::rect(1, 20.0, 20.0, 42.0, 42.0), f.now)?;
    drop(data);
    let out = dir.join("sealed.pdf");
    std::fs::write(&out, &sealed)?;
    std::fs::write(dir.join("root.pem"), f.root.to_pem())?;
    println!("{}: {} bytes", out.display(), sealed.len());
    println!(
        "verify: gmseal verify {} --trust {}",
        out.display(),
        dir.join("root.pem").display()
    );
    Ok(())
}
