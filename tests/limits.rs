#![allow(clippy::unwrap_used, clippy::panic, clippy::print_stdout)]
//! Resource bounds on hostile input (docs/limits.md): every case gives gmseal
//! a crafted input that would cost unbounded time, memory or stack without
//! the bound, and checks that it ends in a clear error (or a report naming
//! it) with a bounded peak of memory.
//!
//! Memory is measured per case in a child process of this test binary: the
//! child builds the input, resets the kernel's high-water mark of resident
//! memory (`/proc/self/clear_refs`), runs the case and prints the growth of
//! that mark (`VmHWM` minus `VmRSS` before). The project forbids `unsafe`
//! outside the FFI crate, so a counting `#[global_allocator]` cannot be
//! installed here; a fresh process per case also makes the numbers
//! independent of what other tests left in the allocator, and turns a stack
//! overflow or an abort into a failed case instead of a dead test binary.
//! Cases run one at a time (one mutex). No case asserts wall-clock time;
//! each prints it. Run `cargo test --test limits -- --nocapture` to see the
//! peaks that docs/limits.md lists.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::Command;
use std::sync::Mutex;
use std::time::Instant;

const KIB: u64 = 1 << 10;
const MIB: u64 = 1 << 20;
/// What any case may allocate besides the input it was given: its thread's
/// stack, allocator arenas, lazily built tables (SM2 precomputation, font).
const NOISE: u64 = 8 * MIB;

/// The case a child process runs (unset in the parent).
const CHILD_ENV: &str = "GMSEAL_LIMITS_CASE";
static SERIAL: Mutex<()> = Mutex::new(());

/// A `/proc/self/status` field, in bytes.
fn status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"));
    let kib: u64 = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .unwrap();
    kib * KIB
}

/// Run `case` on the input `setup` builds, in a child process, and assert
/// that resident memory grew by at most `bound` bytes while it ran.
fn measured<T>(name: &str, bound: u64, setup: impl FnOnce() -> T, case: impl FnOnce(T)) {
    if let Ok(which) = std::env::var(CHILD_ENV) {
        if which == name {
            let input = setup();
            let before = status_bytes("VmRSS:");
            std::fs::write("/proc/self/clear_refs", "5").unwrap();
            let start = Instant::now();
            case(input);
            let elapsed = start.elapsed();
            let peak = status_bytes("VmHWM:").saturating_sub(before);
            println!("GMSEAL-PEAK {peak} {}", elapsed.as_millis());
        }
        return;
    }
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let out = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, name)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "case {name} failed in its child process ({}):\n{stdout}\n{stderr}",
        out.status
    );
    let report = stdout
        .lines()
        .find_map(|l| l.split("GMSEAL-PEAK ").nth(1))
        .unwrap_or_else(|| panic!("case {name} did not run:\n{stdout}\n{stderr}"));
    let mut fields = report.split(' ').map(|f| f.parse::<u64>().unwrap());
    let (peak, millis) = (fields.next().unwrap(), fields.next().unwrap());
    println!(
        "{name}: peak +{:.1} MiB (bound {:.1} MiB), {millis} ms",
        peak as f64 / MIB as f64,
        bound as f64 / MIB as f64
    );
    assert!(
        peak <= bound,
        "case {name}: resident memory grew by {peak} bytes, more than the bound {bound}"
    );
}

/// `err`'s message, which must contain every one of `wanted`.
fn expect_err<T: std::fmt::Debug>(result: gmseal::Result<T>, wanted: &[&str]) -> String {
    let message = match result {
        Ok(v) => panic!("expected an error containing {wanted:?}, got Ok({v:?})"),
        Err(e) => e.to_string(),
    };
    for w in wanted {
        assert!(message.contains(w), "{w:?} not in the error: {message}");
    }
    println!("error: {message}");
    message
}

// ---------------------------------------------------------------------------
// Crafting PDFs.
// ---------------------------------------------------------------------------

mod craft {
    use std::io::Write as _;

    use gmseal::pdf::parse::ObjRef;

    /// The first line of every crafted PDF.
    pub(crate) const HEADER: &[u8] = b"%PDF-1.7\n";
    /// The usual catalog (object 1).
    pub(crate) const CATALOG: &str = "<< /Type /Catalog /Pages 2 0 R >>";
    /// An empty page tree (object 2).
    pub(crate) const PAGES: &str = "<< /Type /Pages /Kids [] /Count 0 >>";

    /// Write `objects` (number, body) as indirect objects at the end of
    /// `out`; returns each one's number and offset.
    pub(crate) fn write_objects(
        out: &mut Vec<u8>,
        objects: &[(u32, Vec<u8>)],
    ) -> Vec<(u32, usize)> {
        let mut offsets = Vec::new();
        for (num, body) in objects {
            offsets.push((*num, out.len()));
            writeln!(out, "{num} 0 obj").unwrap();
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        offsets
    }

    /// End a section whose cross-reference data starts at `xref`.
    fn write_startxref(out: &mut Vec<u8>, xref: usize) {
        write!(out, "startxref\n{xref}\n%%EOF\n").unwrap();
    }

    /// The trailer `<< entries >>` of the table at `xref`, ending the section.
    fn write_trailer(out: &mut Vec<u8>, entries: &str, xref: usize) {
        write!(out, "trailer\n<< {entries} >>\n").unwrap();
        write_startxref(out, xref);
    }

    /// A PDF with `objects` (number, body) in one revision: a classic
    /// cross-reference table of one subsection and a trailer with `/Size`,
    /// `/Root 1 0 R` and `trailer`.
    pub(crate) fn pdf(objects: &[(u32, Vec<u8>)], trailer: &str) -> Vec<u8> {
        let mut out = HEADER.to_vec();
        let size = objects.iter().map(|o| o.0).max().unwrap_or(0) as usize + 1;
        let mut offsets = vec![None; size];
        for (num, off) in write_objects(&mut out, objects) {
            offsets[num as usize] = Some(off);
        }
        let xref = out.len();
        write!(out, "xref\n0 {size}\n").unwrap();
        for o in offsets {
            match o {
                Some(off) => writeln!(out, "{off:010} 00000 n ").unwrap(),
                None => out.extend_from_slice(b"0000000000 65535 f \n"),
            }
        }
        write_trailer(
            &mut out,
            &format!("/Size {size} /Root 1 0 R {trailer}"),
            xref,
        );
        out
    }

    /// The usual catalog (1) and empty page tree (2).
    pub(crate) fn basics() -> Vec<(u32, Vec<u8>)> {
        vec![(1, CATALOG.into()), (2, PAGES.into())]
    }

    /// A PDF of [`basics`] and `more` objects.
    pub(crate) fn pdf_with(more: Vec<(u32, Vec<u8>)>) -> Vec<u8> {
        let mut objects = basics();
        objects.extend(more);
        pdf(&objects, "")
    }

    /// A minimal valid PDF.
    pub(crate) fn minimal() -> Vec<u8> {
        pdf_with(Vec::new())
    }

    /// A catalog (1) whose form's `/Fields` is `fields`, and an empty page
    /// tree (2).
    pub(crate) fn form(fields: &str) -> Vec<(u32, Vec<u8>)> {
        let catalog = format!("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields {fields} >> >>");
        vec![(1, catalog.into_bytes()), (2, PAGES.into())]
    }

    /// A stream object body: `<< /Length n extra >> stream ... endstream`.
    pub(crate) fn stream(extra: &str, data: &[u8]) -> Vec<u8> {
        let mut out = format!("<< /Length {} {extra} >>\nstream\n", data.len()).into_bytes();
        out.extend_from_slice(data);
        out.extend_from_slice(b"\nendstream");
        out
    }

    /// `out` followed by object `num`, a cross-reference stream of `data`
    /// (`/Type /XRef`, `entries`, `/Length`, then `/Filter /FlateDecode`
    /// where `flate`) that is its last section.
    pub(crate) fn xref_stream(
        mut out: Vec<u8>,
        num: u32,
        entries: &str,
        data: &[u8],
        flate: bool,
    ) -> Vec<u8> {
        let xref = out.len();
        let filter = if flate { " /Filter /FlateDecode" } else { "" };
        write!(
            out,
            "{num} 0 obj\n<< /Type /XRef {entries} /Length {}{filter} >>\nstream\n",
            data.len()
        )
        .unwrap();
        out.extend_from_slice(data);
        out.extend_from_slice(b"\nendstream\nendobj\n");
        write_startxref(&mut out, xref);
        out
    }

    /// The trailer entries of the next incremental update: `/Root`,
    /// `/Size` and `/Prev` (the last section).
    pub(crate) struct Update {
        pub(crate) root: ObjRef,
        pub(crate) size: u32,
        pub(crate) prev: usize,
    }

    impl Update {
        /// An update of `pdf`, after its last section.
        pub(crate) fn after(pdf: &[u8], root: ObjRef, size: u32) -> Self {
            let prev = last_xref(pdf);
            Self { root, size, prev }
        }

        /// Append the update to `pdf`: `objects`, a cross-reference table
        /// of one subsection per object and the trailer. The next update
        /// comes after this one.
        pub(crate) fn append(&mut self, pdf: &mut Vec<u8>, objects: &[(u32, Vec<u8>)]) {
            let offsets = write_objects(pdf, objects);
            let xref = pdf.len();
            pdf.extend_from_slice(b"xref\n");
            for (num, off) in offsets {
                write!(pdf, "{num} 1\n{off:010} 00000 n \n").unwrap();
            }
            let Self { root, size, prev } = self;
            let entries = format!("/Size {size} /Root {root} R /Prev {prev}");
            write_trailer(pdf, &entries, xref);
            self.prev = xref;
        }

        /// Append `count` updates that change nothing.
        pub(crate) fn append_empty(&mut self, pdf: &mut Vec<u8>, count: usize) {
            for _ in 0..count {
                self.append(pdf, &[]);
            }
        }
    }

    /// The offset of the last `startxref` section.
    pub(crate) fn last_xref(pdf: &[u8]) -> usize {
        let at = pdf.windows(9).rposition(|w| w == b"startxref").unwrap();
        let text = std::str::from_utf8(&pdf[at + 9..]).unwrap();
        text.split_whitespace().next().unwrap().parse().unwrap()
    }

    /// `data`, compressed as well as zlib can.
    pub(crate) fn zlib(data: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(data).unwrap();
        z.finish().unwrap()
    }

    /// A zlib stream that inflates to at least `len` zero bytes, written by
    /// hand in one block of fixed Huffman codes: a literal 0, then copies of
    /// 258 bytes at distance 1 (13 bits each, about 1:160). Instant to make,
    /// for bombs of hundreds of megabytes.
    pub(crate) fn zlib_zeros_fast(len: usize) -> Vec<u8> {
        struct Bits {
            out: Vec<u8>,
            acc: u64,
            n: u32,
        }
        impl Bits {
            /// `count` bits of `value`, least significant first (DEFLATE fields).
            fn put(&mut self, value: u64, count: u32) {
                self.acc |= value << self.n;
                self.n += count;
                while self.n >= 8 {
                    self.out.push(self.acc.to_le_bytes()[0]);
                    self.acc >>= 8;
                    self.n -= 8;
                }
            }
            /// A Huffman code: most significant bit first.
            fn code(&mut self, code: u64, count: u32) {
                let reversed = (0..count).fold(0, |r, i| r | ((code >> i) & 1) << (count - 1 - i));
                self.put(reversed, count);
            }
        }
        let mut b = Bits {
            out: vec![0x78, 0x01],
            acc: 0,
            n: 0,
        };
        b.put(1, 1); // BFINAL
        b.put(1, 2); // BTYPE 01: fixed Huffman codes
        b.code(0x30, 8); // literal 0
        let copies = len.saturating_sub(1).div_ceil(258);
        for _ in 0..copies {
            b.code(0b1100_0101, 8); // length 258 (symbol 285)
            b.code(0, 5); // distance 1
        }
        b.code(0, 7); // end of block
        if b.n > 0 {
            b.put(0, 8 - b.n); // to a byte boundary
        }
        let total = 1 + copies as u64 * 258;
        let adler = ((total % 65521) << 16) | 1;
        let mut out = b.out;
        out.extend_from_slice(&u32::try_from(adler).unwrap().to_be_bytes());
        out
    }

    /// A zlib stream that inflates to `len` zero bytes, compressed as well
    /// as zlib can (about 1:1000).
    pub(crate) fn zlib_zeros(len: usize) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let chunk = vec![0u8; 1 << 20];
        let mut left = len;
        while left > 0 {
            let n = left.min(chunk.len());
            z.write_all(&chunk[..n]).unwrap();
            left -= n;
        }
        z.finish().unwrap()
    }
}

// ---------------------------------------------------------------------------
// PDF.
// ---------------------------------------------------------------------------

use gmseal::pdf::parse::{Document, Limits, ObjRef, Object};
use gmseal::pdf::sign::Placement;
use gmseal::pdf::verify::{PdfIndication, PdfVerifyOptions, VerificationReport, verify_pdf};

fn obj(num: u32) -> ObjRef {
    ObjRef { num, generation: 0 }
}

/// Default limits but `max_decompressed_size` = 1 MiB.
fn small_limits() -> Limits {
    let mut l = Limits::default();
    l.max_decompressed_size = 1 << 20;
    l
}

/// A PDF whose object 3 is a FlateDecode stream of `zlib`.
fn bomb_pdf(zlib: &[u8]) -> Vec<u8> {
    craft::pdf_with(vec![(3, craft::stream("/Filter /FlateDecode", zlib))])
}

/// A PDF whose only cross-reference section is a stream of `zlib` (well
/// formed up to its decoded size).
fn bomb_xref_stream_pdf(zlib: &[u8]) -> Vec<u8> {
    craft::xref_stream(craft::HEADER.to_vec(), 1, "/Size 2 /W [1 1 1]", zlib, true)
}

fn verify_with(pdf: &[u8], limits: Limits) -> VerificationReport {
    let mut options = PdfVerifyOptions::default();
    options.limits = limits;
    verify_pdf(pdf, &options)
}

/// A limit reached while reading the file: indeterminate (pdf-signatures.md
/// §3.8), with `pdf.limit-exceeded` and the limit's name in the report.
fn expect_limit(report: &VerificationReport, limit: &str) {
    let json = report.to_json();
    assert_eq!(report.indication, PdfIndication::Indeterminate, "{json}");
    assert_eq!(report.reason, Some("pdf.limit-exceeded"), "{json}");
    assert!(json.contains(limit), "{limit:?} not in the report: {json}");
}

/// The report is not valid and its JSON contains every one of `wanted`.
fn expect_report(report: &VerificationReport, wanted: &[&str]) {
    let json = report.to_json();
    assert_ne!(report.indication, PdfIndication::Valid, "{json}");
    for w in wanted {
        assert!(json.contains(w), "{w:?} not in the report: {json}");
    }
}

/// Run `name`: decoding the stream of [`bomb_pdf`] of `zlib()` under
/// `limits` fails with an error containing `wanted`.
fn stream_bomb(
    name: &str,
    bound: u64,
    zlib: impl FnOnce() -> Vec<u8>,
    limits: Limits,
    wanted: &str,
) {
    measured(
        name,
        bound,
        || bomb_pdf(&zlib()),
        |pdf| {
            let doc = Document::parse(&pdf, &limits).unwrap();
            let stream = doc.resolve(obj(3)).unwrap();
            expect_err(doc.stream_data(&stream), &[wanted]);
        },
    );
}

#[test]
fn pdf_flate_bomb_small_limit() {
    // 64 MiB of zeros in a 64 KiB stream; the limit is 1 MiB.
    stream_bomb(
        "pdf_flate_bomb_small_limit",
        NOISE + 2 * MIB,
        || craft::zlib_zeros(64 << 20),
        small_limits(),
        "max_decompressed_size = 1048576",
    );
}

#[test]
fn pdf_flate_bomb_few_kb() {
    // 4 KiB of zlib that inflates to 4 MiB, against a 1 MiB limit.
    stream_bomb(
        "pdf_flate_bomb_few_kb",
        NOISE + 2 * MIB,
        || {
            let zlib = craft::zlib_zeros(4 << 20);
            assert!(zlib.len() < 8 << 10, "{}", zlib.len());
            zlib
        },
        small_limits(),
        "max_decompressed_size",
    );
}

#[test]
fn pdf_flate_bomb_default_limit() {
    // 512 MiB of zeros; the default limit is 256 MiB.
    stream_bomb(
        "pdf_flate_bomb_default_limit",
        256 * MIB + 32 * MIB + NOISE,
        || craft::zlib_zeros_fast(512 << 20),
        Limits::default(),
        "max_decompressed_size = 268435456",
    );
}

#[test]
fn pdf_flate_bomb_verify_small_limit() {
    measured(
        "pdf_flate_bomb_verify_small_limit",
        NOISE + 2 * MIB,
        || bomb_xref_stream_pdf(&craft::zlib_zeros(64 << 20)),
        |pdf| {
            expect_err(
                Document::parse(&pdf, &small_limits()),
                &["max_decompressed_size"],
            );
            let report = verify_with(&pdf, small_limits());
            expect_limit(&report, "max_decompressed_size");
        },
    );
}

#[test]
fn pdf_flate_bomb_verify_default_limit() {
    measured(
        "pdf_flate_bomb_verify_default_limit",
        256 * MIB + 32 * MIB + NOISE,
        || bomb_xref_stream_pdf(&craft::zlib_zeros_fast(512 << 20)),
        |pdf| {
            expect_limit(
                &verify_with(&pdf, Limits::default()),
                "max_decompressed_size",
            )
        },
    );
}

#[test]
fn pdf_deep_nesting() {
    measured(
        "pdf_deep_nesting",
        NOISE + 8 * MIB,
        || {
            let deep_array = vec![b'['; 1_000_000];
            let deep_dict = b"<< /A ".repeat(1_000_000);
            let mut catalog = b"<< /Type /Catalog /Pages 2 0 R /X ".to_vec();
            catalog.extend_from_slice(&deep_array);
            let mut objects = craft::basics();
            objects.push((3, deep_array));
            objects.push((4, deep_dict.clone()));
            let file = craft::pdf(&objects, "");
            objects[0].1 = catalog;
            let in_catalog = craft::pdf(&objects, "");
            let mut in_trailer = craft::minimal();
            let at = in_trailer
                .windows(7)
                .rposition(|w| w == b"/Root 1")
                .unwrap();
            let mut value = b"/X ".to_vec();
            value.extend_from_slice(&deep_dict);
            in_trailer.splice(at..at, value);
            (file, in_catalog, in_trailer)
        },
        |(file, in_catalog, in_trailer)| {
            let doc = Document::parse(&file, &Limits::default()).unwrap();
            expect_err(doc.resolve(obj(3)), &["max_depth = 64"]);
            expect_err(doc.resolve(obj(4)), &["max_depth = 64"]);
            let mut shallow = Limits::default();
            shallow.max_depth = 5;
            let doc = Document::parse(&file, &shallow).unwrap();
            expect_err(doc.resolve(obj(3)), &["max_depth = 5"]);
            let report = verify_with(&in_catalog, Limits::default());
            expect_report(&report, &["max_depth"]);
            expect_err(
                Document::parse(&in_trailer, &Limits::default()),
                &["max_depth = 64"],
            );
            let report = verify_with(&in_trailer, Limits::default());
            expect_limit(&report, "max_depth");
        },
    );
}

#[test]
fn pdf_huge_lengths_and_integers() {
    measured(
        "pdf_huge_lengths_and_integers",
        NOISE,
        || {
            let with = |body: &[u8]| craft::pdf_with(vec![(3, body.to_vec())]);
            vec![
                (
                    with(b"<< /Length 9223372036854775807 >>\nstream\nabc\nendstream"),
                    "runs past the end of the file",
                ),
                (
                    with(b"<< /Length 18446744073709551616 >>\nstream\nabc\nendstream"),
                    "does not fit in 64 bits",
                ),
                (
                    with(b"<< /Length -3 >>\nstream\nabc\nendstream"),
                    "runs past the end of the file",
                ),
                (
                    with(b"[99999999999999999999999999999999999999 1]"),
                    "does not fit in 64 bits",
                ),
                (with(b"4294967296 0 R"), "out of range"),
                (with(b"1 65536 R"), "out of range"),
            ]
        },
        |cases| {
            for (pdf, wanted) in cases {
                let doc = Document::parse(&pdf, &Limits::default()).unwrap();
                expect_err(doc.resolve(obj(3)), &[wanted]);
            }
            // Offsets: startxref, an entry and /Prev beyond the file.
            let minimal = craft::minimal();
            let xref = craft::last_xref(&minimal);
            for (from, to, wanted) in [
                (
                    format!("startxref\n{xref}"),
                    "startxref\n9223372036854775807".to_owned(),
                    "beyond the end of the file",
                ),
                (
                    format!("startxref\n{xref}"),
                    "startxref\n99999999999999999999".to_owned(),
                    "does not fit in 64 bits",
                ),
                (
                    "/Root 1 0 R".to_owned(),
                    "/Root 1 0 R /Prev 99999999999".to_owned(),
                    "beyond the end of the file",
                ),
            ] {
                let text = String::from_utf8_lossy(&minimal).replace(&from, &to);
                expect_err(
                    Document::parse(text.as_bytes(), &Limits::default()),
                    &[wanted],
                );
            }
        },
    );
}

/// `craft::minimal()` with its cross-reference table's subsection header
/// replaced by `header` (the entries stay).
fn with_subsection(header: &str) -> Vec<u8> {
    let text = String::from_utf8(craft::minimal()).unwrap();
    text.replace("xref\n0 3\n", &format!("xref\n{header}\n"))
        .into_bytes()
}

#[test]
fn pdf_xref_billions_of_entries() {
    measured(
        "pdf_xref_billions_of_entries",
        NOISE,
        || {
            // A cross-reference stream claiming 4,000,000,000 entries.
            let stream = craft::xref_stream(
                craft::HEADER.to_vec(),
                1,
                "/Size 4000000000 /Index [0 4000000000] /W [1 1 1]",
                b"\x01\x09\x00",
                false,
            );
            (
                with_subsection("0 4000000000"),
                with_subsection("0 1\n0000000000 65535 f \n1 3999999999"),
                stream,
            )
        },
        |(table, two_subsections, stream)| {
            for pdf in [&table, &two_subsections, &stream] {
                expect_err(
                    Document::parse(pdf, &Limits::default()),
                    &["max_xref_entries = 4000000"],
                );
            }
            let mut few = Limits::default();
            few.max_xref_entries = 2;
            expect_err(
                Document::parse(&craft::minimal(), &few),
                &["max_xref_entries = 2"],
            );
            let report = verify_with(&table, Limits::default());
            expect_limit(&report, "max_xref_entries");
        },
    );
}

/// A cross-reference stream (no filter) of `entries` rows `[1 0 0]` for
/// objects `1..=entries`: every one in use at offset 0.
fn many_entries_pdf(entries: usize) -> Vec<u8> {
    let dict = format!("/Size {} /Index [1 {entries}] /W [0 1 0]", entries + 1);
    let zlib = craft::zlib_zeros(entries);
    craft::xref_stream(craft::HEADER.to_vec(), 1, &dict, &zlib, true)
}

#[test]
fn pdf_xref_entries_at_the_default_limit() {
    // 3,999,999 entries (just under max_xref_entries) from a 4 KiB stream:
    // the entry table is what max_xref_entries bounds; max_objects then
    // refuses the file.
    measured(
        "pdf_xref_entries_at_the_default_limit",
        80 * 4 * MIB + NOISE,
        || many_entries_pdf(3_999_999),
        |pdf| {
            expect_err(
                Document::parse(&pdf, &Limits::default()),
                &["max_objects = 1000000"],
            );
        },
    );
}

#[test]
fn pdf_prev_loops() {
    measured(
        "pdf_prev_loops",
        NOISE,
        || {
            // A section whose /Prev is itself.
            let minimal = craft::minimal();
            let xref = craft::last_xref(&minimal);
            let text = String::from_utf8(minimal).unwrap();
            let to_itself = text
                .replace("/Root 1 0 R", &format!("/Root 1 0 R /Prev {xref}"))
                .into_bytes();
            // Two sections pointing at each other: the update's /Prev is
            // the first section, whose /Prev is the update (offsets are
            // padded so that the file does not move when they are set).
            let mut pair = text
                .replace("/Root 1 0 R", "/Root 1 0 R /Prev 0000000000")
                .into_bytes();
            let mut update = craft::Update::after(&pair, obj(1), 3);
            update.append(&mut pair, &[]);
            let second = update.prev;
            let text = String::from_utf8(pair).unwrap();
            let pair = text
                .replacen("/Prev 0000000000", &format!("/Prev {second:010}"), 1)
                .into_bytes();
            (to_itself, pair)
        },
        |(to_itself, pair)| {
            for pdf in [&to_itself, &pair] {
                expect_err(
                    Document::parse(pdf, &Limits::default()),
                    &["loop in the /Prev chain"],
                );
                let report = verify_with(pdf, Limits::default());
                expect_report(&report, &["loop in the /Prev chain"]);
            }
        },
    );
}

#[test]
fn pdf_reference_loops() {
    measured(
        "pdf_reference_loops",
        NOISE + 24 * MIB,
        || {
            // The catalog is a reference to itself.
            let self_ref = craft::pdf(&[(1, b"1 0 R".to_vec())], "");
            // A page tree whose kids are their own parents.
            let pages = craft::pdf(
                &[
                    (1, craft::CATALOG.into()),
                    (
                        2,
                        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>".to_vec(),
                    ),
                    (
                        3,
                        b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R /MediaBox [0 0 10 10] >>"
                            .to_vec(),
                    ),
                ],
                "",
            );
            // Stream lengths that refer to each other, or to themselves.
            let lengths = craft::pdf_with(vec![
                (3, b"<< /Length 4 0 R >>\nstream\nabc\nendstream".to_vec()),
                (4, b"<< /Length 3 0 R >>\nstream\nabc\nendstream".to_vec()),
                (5, b"<< /Length 5 0 R >>\nstream\nabc\nendstream".to_vec()),
                (6, b"<< /Length 7 0 R >>\nstream\nabc\nendstream".to_vec()),
                (7, b"6 0 R".to_vec()),
            ]);
            (self_ref, pages, lengths)
        },
        |(self_ref, pages, lengths)| {
            let doc = Document::parse(&self_ref, &Limits::default()).unwrap();
            expect_err(doc.catalog(), &["is not a catalog dictionary"]);
            expect_report(&verify_with(&self_ref, Limits::default()), &[]);

            // Signing walks the page tree: the loop is found.
            let placement = Placement::rect(1, 10.0, 10.0, 20.0, 20.0);
            expect_err(seal_at(&pages, &placement).0, &["loops"]);
            expect_report(&verify_with(&pages, Limits::default()), &[]);

            let doc = Document::parse(&lengths, &Limits::default()).unwrap();
            for num in [3, 4, 5] {
                expect_err(
                    doc.resolve(obj(num)),
                    &["an indirect /Length whose object has an indirect /Length"],
                );
            }
            expect_err(doc.resolve(obj(6)), &["/Length 7 0 R is not an integer"]);
        },
    );
}

/// A PDF with a cross-reference stream: `plain` objects stored at offsets
/// and `compressed` ones `(number, object stream, index)`.
fn xref_stream_pdf(plain: &[(u32, Vec<u8>)], compressed: &[(u32, u32, u32)]) -> Vec<u8> {
    let mut out = craft::HEADER.to_vec();
    let mut rows = std::collections::BTreeMap::new();
    for (num, offset) in craft::write_objects(&mut out, plain) {
        rows.insert(num, (1u8, offset as u64, 0u16));
    }
    for &(num, stream, index) in compressed {
        rows.insert(num, (2, u64::from(stream), u16::try_from(index).unwrap()));
    }
    let xnum = rows.keys().max().copied().unwrap_or(0) + 1;
    let xref = out.len();
    rows.insert(xnum, (1, xref as u64, 0));
    let mut data = Vec::new();
    for num in 0..=xnum {
        let (t, a, b) = rows.get(&num).copied().unwrap_or((0, 0, 0));
        data.push(t);
        data.extend_from_slice(&u32::try_from(a).unwrap().to_be_bytes());
        data.extend_from_slice(&b.to_be_bytes());
    }
    let dict = format!("/Size {} /W [1 4 2] /Root 1 0 R", xnum + 1);
    craft::xref_stream(out, xnum, &dict, &data, false)
}

/// The decoded data of an object stream holding `objects` (number, text),
/// and the offset of the first object in it (`/First`).
fn objstm_data(objects: &[(u32, &str)]) -> (Vec<u8>, usize) {
    let mut header = String::new();
    let mut body = String::new();
    for (num, text) in objects {
        write!(header, "{num} {} ", body.len()).unwrap();
        body.push_str(text);
        body.push('\n');
    }
    (format!("{header}{body}").into_bytes(), header.len())
}

/// An object stream body holding `objects`, with `/N` and `/First` as given
/// (`None`: the true values).
fn objstm(objects: &[(u32, &str)], n: Option<&str>, first: Option<&str>) -> Vec<u8> {
    let (data, true_first) = objstm_data(objects);
    let true_n = objects.len().to_string();
    let true_first = true_first.to_string();
    craft::stream(
        &format!(
            "/Type /ObjStm /N {} /First {}",
            n.unwrap_or(&true_n),
            first.unwrap_or(&true_first)
        ),
        &data,
    )
}

#[test]
fn pdf_object_stream_huge_n_or_first() {
    measured(
        "pdf_object_stream_huge_n_or_first",
        NOISE,
        || {
            let make = |n: Option<&str>, first: Option<&str>| {
                xref_stream_pdf(
                    &[
                        (2, craft::PAGES.into()),
                        (3, objstm(&[(1, craft::CATALOG)], n, first)),
                    ],
                    &[(1, 3, 0)],
                )
            };
            vec![
                (make(None, None), None),
                (
                    make(Some("2000000000"), None),
                    Some("max_objects = 1000000"),
                ),
                (make(Some("999999"), None), Some("object stream header")),
                (
                    make(None, Some("4611686018427387904")),
                    Some("object stream offset beyond its data"),
                ),
                (make(None, Some("-1")), Some("without valid /N and /First")),
                (make(Some("-1"), None), Some("without valid /N and /First")),
            ]
        },
        |cases| {
            for (pdf, wanted) in cases {
                let doc = Document::parse(&pdf, &Limits::default()).unwrap();
                match wanted {
                    None => {
                        doc.catalog().unwrap();
                    }
                    Some(w) => {
                        expect_err(doc.catalog(), &[w]);
                        expect_report(&verify_with(&pdf, Limits::default()), &[w]);
                    }
                }
            }
        },
    );
}

/// `craft::minimal()` followed by `updates` empty incremental updates.
fn with_revisions(updates: usize) -> Vec<u8> {
    let mut pdf = craft::minimal();
    craft::Update::after(&pdf, obj(1), 3).append_empty(&mut pdf, updates);
    pdf
}

#[test]
fn pdf_too_many_revisions() {
    measured(
        "pdf_too_many_revisions",
        NOISE + 16 * MIB,
        || (with_revisions(100), with_revisions(10_000)),
        |(hundred, ten_thousand)| {
            let mut few = Limits::default();
            few.max_revisions = 100;
            expect_err(Document::parse(&hundred, &few), &["max_revisions = 100"]);
            expect_report(&verify_with(&hundred, few), &["max_revisions"]);
            expect_err(
                Document::parse(&ten_thousand, &Limits::default()),
                &["max_revisions = 10000"],
            );
            expect_report(
                &verify_with(&ten_thousand, Limits::default()),
                &["max_revisions"],
            );
        },
    );
}

#[test]
fn pdf_revisions_at_the_default_limit() {
    // 10,000 revisions (the default max_revisions), read and verified.
    measured(
        "pdf_revisions_at_the_default_limit",
        NOISE + 56 * MIB,
        || with_revisions(9_999),
        |pdf| {
            let doc = Document::parse(&pdf, &Limits::default()).unwrap();
            assert_eq!(doc.revisions().len(), 10_000);
            let report = verify_with(&pdf, Limits::default());
            expect_report(&report, &["pdf.no-signatures"]);
        },
    );
}

#[test]
fn pdf_file_too_large() {
    measured(
        "pdf_file_too_large",
        NOISE,
        || {
            let mut pdf = b"%PDF-1.7\n%".to_vec();
            pdf.extend(vec![b'x'; 10 << 20]);
            pdf.push(b'\n');
            let body = craft::minimal();
            pdf.extend_from_slice(&body[9..]);
            pdf
        },
        |pdf| {
            let mut small = Limits::default();
            small.max_file_size = 1 << 20;
            expect_err(Document::parse(&pdf, &small), &["max_file_size = 1048576"]);
            expect_report(&verify_with(&pdf, small.clone()), &["max_file_size"]);
            // The streaming reader refuses before allocating the file.
            expect_err(
                gmseal::pdf::parse::Skeleton::read(&pdf[..], usize::MAX / 2, 1 << 20, &small),
                &["max_file_size"],
            );
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("big.pdf");
            std::fs::write(&path, &pdf).unwrap();
            let mut options = PdfVerifyOptions::default();
            options.limits = small;
            let report = gmseal::pdf::verify::verify_file(&path, &options).unwrap();
            expect_report(&report, &["max_file_size"]);
        },
    );
}

#[test]
fn pdf_long_strings_and_names() {
    measured(
        "pdf_long_strings_and_names",
        NOISE + 2 * 16 * MIB,
        || {
            let long = "A".repeat(1000);
            let short = craft::pdf_with(vec![
                (3, format!("({long})").into_bytes()),
                (4, format!("<{}>", "41".repeat(1000)).into_bytes()),
                (5, format!("<< /{long} 1 >>").into_bytes()),
                (6, format!("<{}>", "4 1 ".repeat(1000)).into_bytes()),
            ]);
            // An unterminated string of 64 MiB against the default 16 MiB limit.
            let mut huge = b"(".to_vec();
            huge.extend(vec![b'a'; 64 << 20]);
            let huge = craft::pdf_with(vec![(3, huge)]);
            (short, huge)
        },
        |(short, huge)| {
            let mut small = Limits::default();
            small.max_string_length = 100;
            let doc = Document::parse(&short, &small).unwrap();
            for num in 3..=6 {
                expect_err(doc.resolve(obj(num)), &["max_string_length = 100"]);
            }
            let doc = Document::parse(&short, &Limits::default()).unwrap();
            assert!(matches!(doc.resolve(obj(3)).unwrap(), Object::String(_)));
            let doc = Document::parse(&huge, &Limits::default()).unwrap();
            expect_err(doc.resolve(obj(3)), &["max_string_length = 16777216"]);
        },
    );
}

// ---------------------------------------------------------------------------
// DER.
// ---------------------------------------------------------------------------

use gmseal::cms::{CmsVerifyOptions, verify_attached, verify_detached};
use gmseal::pki::{Certificate, Crl};
use gmseal::seal::{SesSeal, SesSignature};

/// One DER element: `tag`, a minimal definite length, `value`.
fn tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = value.len();
    if len < 0x80 {
        out.push(len.to_le_bytes()[0]);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip).to_le_bytes()[0]);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(value);
    out
}

/// `depth` SEQUENCEs, each holding the next, around a NULL.
fn nested_sequences(depth: usize) -> Vec<u8> {
    // Built from the inside out; the lengths grow to 3 bytes.
    let mut der = vec![0x05, 0x00];
    for _ in 0..depth {
        der = tlv(0x30, &der);
    }
    der
}

/// Every DER reader a hostile blob can reach, with what it said.
fn der_readers(der: &[u8]) -> Vec<(&'static str, String)> {
    let cms = CmsVerifyOptions::default();
    let err = |r: gmseal::Result<()>| match r {
        Ok(()) => panic!("accepted"),
        Err(e) => e.to_string(),
    };
    vec![
        ("SesSeal", err(SesSeal::from_der(der).map(drop))),
        ("SesSignature", err(SesSignature::from_der(der).map(drop))),
        ("Certificate", err(Certificate::from_der(der).map(drop))),
        (
            "Certificate::load_all",
            err(Certificate::load_all(der).map(drop)),
        ),
        ("Crl", err(Crl::from_der(der).map(drop))),
        (
            "cms::verify_detached",
            err(verify_detached(der, b"x", &cms).map(drop)),
        ),
        (
            "cms::verify_attached",
            err(verify_attached(der, &cms).map(drop)),
        ),
        (
            "tsp::verify_token",
            err(gmseal::tsp::verify_token(der, &[0; 32], &cms).map(drop)),
        ),
        (
            "TstInfo",
            err(gmseal::tsp::TstInfo::from_der(der).map(drop)),
        ),
        (
            "PrivateKey::from_pkcs8_der",
            err(PrivateKey::from_pkcs8_der(der).map(drop)),
        ),
        (
            "PrivateKey::from_encrypted_pkcs8_der",
            err(PrivateKey::from_encrypted_pkcs8_der(der, b"pw").map(drop)),
        ),
        (
            "PublicKey::from_spki_der",
            err(gmseal::crypto::PublicKey::from_spki_der(der).map(drop)),
        ),
    ]
}

#[test]
fn der_huge_length() {
    measured(
        "der_huge_length",
        NOISE,
        || {
            // A SEQUENCE claiming 2 GiB - 1 bytes, followed by a few.
            let outer = [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x05, 0x00, 0x05, 0x00].to_vec();
            // A well-formed SEQUENCE whose first element claims 2 GiB - 1.
            let inner = tlv(0x30, &[0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x05, 0x00]);
            // An OCTET STRING claiming 16 MiB + 1: over MAX_DER_LEN, not over i32.
            let over = tlv(0x30, &[0x04, 0x84, 0x01, 0x00, 0x00, 0x01, 0x00]);
            (outer, inner, over)
        },
        |(outer, inner, over)| {
            for der in [&outer, &inner, &over] {
                for (reader, message) in der_readers(der) {
                    println!("{reader}: {message}");
                }
            }
            // The hand-written reader names the limit.
            for der in [&outer, &over] {
                expect_err(SesSeal::from_der(der), &["exceeds the 16777216-byte limit"]);
                expect_err(
                    verify_detached(der, b"x", &CmsVerifyOptions::default()),
                    &["exceeds the 16777216-byte limit"],
                );
            }
        },
    );
}

#[test]
fn der_input_too_large() {
    // 16 MiB + 1 byte: a DER SEQUENCE of that length, well formed.
    measured(
        "der_input_too_large",
        NOISE,
        || tlv(0x30, &vec![0; (16 << 20) - 4]),
        |der| {
            assert_eq!(der.len(), (16 << 20) + 1);
            let wanted = ["16777217 bytes is more than the 16777216-byte limit"];
            expect_err(SesSeal::from_der(&der), &wanted);
            expect_err(SesSignature::from_der(&der), &wanted);
            expect_err(Certificate::from_der(&der), &wanted);
            expect_err(Crl::from_der(&der), &wanted);
        },
    );
}

#[test]
fn der_deep_nesting() {
    measured(
        "der_deep_nesting",
        NOISE,
        || nested_sequences(100_000),
        |der| {
            assert!(der.len() > 400_000);
            for (reader, message) in der_readers(&der) {
                println!("{reader}: {message}");
            }
            // Certificates and CRLs are read by the der crate with a fixed
            // schema: the nested SEQUENCE is not the version or serial.
            expect_err(Certificate::from_der(&der), &["X.509 certificate"]);
            expect_err(Crl::from_der(&der), &["X.509 CRL"]);
            expect_err(SesSeal::from_der(&der), &["SESeal"]);
            expect_err(
                verify_detached(&der, b"x", &CmsVerifyOptions::default()),
                &["CMS SignedData"],
            );
        },
    );
}

#[test]
fn der_nested_in_pdf_signature() {
    // The DER of a signature's /Contents comes from the PDF: nest it as
    // deep as the space reserved for the signature value allows.
    measured(
        "der_nested_in_pdf_signature",
        NOISE + 24 * MIB,
        signed_pdf,
        |(pdf, options)| {
            let at = pdf.windows(11).position(|w| w == b"/Contents <").unwrap() + 11;
            let end = at + pdf[at..].iter().position(|&b| b == b'>').unwrap();
            let mut depth = (end - at) / 8;
            let sig = loop {
                let sig = nested_sequences(depth);
                if sig.len() * 2 <= end - at {
                    break sig;
                }
                depth -= 100;
            };
            println!("{depth} nested SEQUENCEs in /Contents");
            let hex: String = sig.iter().map(|b| format!("{b:02X}")).collect();
            let mut tampered = pdf;
            tampered[at..at + hex.len()].copy_from_slice(hex.as_bytes());
            tampered[at + hex.len()..end].fill(b'0');
            expect_report(&verify_printed(&tampered, &options), &[]);
        },
    );
}

/// `pdf` sealed at `placement` with the seal of gmseal's doc fixture, and
/// options that trust the fixture's root.
fn seal_at(pdf: &[u8], placement: &Placement) -> (gmseal::Result<Vec<u8>>, PdfVerifyOptions) {
    let f = gmseal::seal::__doc::fixture().unwrap();
    let seal = gmseal::seal::__doc::seal(&f).unwrap();
    let signer = gmseal::pdf::sign::PdfSigner::new(&seal, &f.signer, &f.signer_key).unwrap();
    let sealed = signer.sign(pdf, placement, f.now);
    let options = PdfVerifyOptions::with_trust(TrustStore::new(vec![f.root]));
    (sealed, options)
}

/// `pdf` sealed where a license's seal goes (see [`seal_at`]).
fn seal_license(pdf: &[u8]) -> (Vec<u8>, PdfVerifyOptions) {
    let (sealed, options) = seal_at(pdf, &Placement::rect(1, 150.0, 120.0, 42.0, 42.0));
    (sealed.unwrap(), options)
}

/// A license gmseal issued and sealed, and options that trust its root.
fn signed_pdf() -> (Vec<u8>, PdfVerifyOptions) {
    let (sealed, options) = seal_license(&gmseal::pdf::sign::__doc::unsigned_pdf().unwrap());
    assert_eq!(
        verify_pdf(&sealed, &options).indication,
        PdfIndication::Valid
    );
    (sealed, options)
}

/// `verify_pdf`'s report on `pdf`, with its indication and reason printed.
fn verify_printed(pdf: &[u8], options: &PdfVerifyOptions) -> VerificationReport {
    let report = verify_pdf(pdf, options);
    println!("{:?} {:?}", report.indication, report.reason);
    report
}

// ---------------------------------------------------------------------------
// Certificate paths.
// ---------------------------------------------------------------------------

use gmseal::Timestamp;
use gmseal::crypto::{DeterministicRandom, PrivateKey};
use gmseal::pki::{CertificateParams, DistinguishedName, Profile, TrustStore, ValidationOptions};

struct ChainPool {
    anchor: Certificate,
    end_entity: Certificate,
    pool: Vec<Certificate>,
    long_chain: (Certificate, Vec<Certificate>, Certificate),
    time: Timestamp,
}

/// A trusted root that issued nothing of what follows; an end entity
/// issued by `CN=A`; 100 CAs `CN=A` (one key) certified by `CN=B` and 100
/// CAs `CN=B` (one key) certified by `CN=A`: every A→B→A→… path verifies
/// and none reaches the root. Also a genuine chain of 9 CAs under a root.
fn chain_pool() -> ChainPool {
    let rng = DeterministicRandom::new(b"gmseal limits chains");
    let time = Timestamp::parse("2026-05-01T00:00:00Z").unwrap();
    let dn = |s: &str| DistinguishedName::parse(s).unwrap();
    let ca = || Profile::IntermediateCa { path_len: None };
    let root_key = PrivateKey::generate(&rng).unwrap();
    let anchor = CertificateParams::new(Profile::Root, dn("CN=Root,C=CN"), time, 3650)
        .self_signed(&root_key, &rng)
        .unwrap();
    let (a, b) = (
        PrivateKey::generate(&rng).unwrap(),
        PrivateKey::generate(&rng).unwrap(),
    );
    let a_root = CertificateParams::new(Profile::Root, dn("CN=A,C=CN"), time, 3650)
        .self_signed(&a, &rng)
        .unwrap();
    let mut pool = Vec::new();
    let b_first = CertificateParams::new(ca(), dn("CN=B,C=CN"), time, 3650)
        .signed_by(b.public_key(), &a_root, &a, &rng)
        .unwrap();
    for i in 0..100 {
        let b_i = if i == 0 {
            b_first.clone()
        } else {
            CertificateParams::new(ca(), dn("CN=B,C=CN"), time, 3650 - i)
                .signed_by(b.public_key(), &a_root, &a, &rng)
                .unwrap()
        };
        pool.push(b_i);
        pool.push(
            CertificateParams::new(ca(), dn("CN=A,C=CN"), time, 3650 - i)
                .signed_by(a.public_key(), &b_first, &b, &rng)
                .unwrap(),
        );
    }
    let ee_key = PrivateKey::generate(&rng).unwrap();
    let end_entity = CertificateParams::new(Profile::SealMaker, dn("CN=EE,C=CN"), time, 365)
        .signed_by(ee_key.public_key(), &a_root, &a, &rng)
        .unwrap();
    // root → CA1 → … → CA9 → leaf: 11 certificates, more than max_path_len 8.
    let mut issuer = anchor.clone();
    let mut issuer_key = root_key;
    let mut cas = Vec::new();
    for i in 1..=9 {
        let key = PrivateKey::generate(&rng).unwrap();
        let cert = CertificateParams::new(ca(), dn(&format!("CN=CA{i},C=CN")), time, 3000)
            .signed_by(key.public_key(), &issuer, &issuer_key, &rng)
            .unwrap();
        cas.push(cert.clone());
        issuer = cert;
        issuer_key = key;
    }
    let leaf_key = PrivateKey::generate(&rng).unwrap();
    let leaf = CertificateParams::new(Profile::SealMaker, dn("CN=Leaf,C=CN"), time, 365)
        .signed_by(leaf_key.public_key(), &issuer, &issuer_key, &rng)
        .unwrap();
    ChainPool {
        anchor: anchor.clone(),
        end_entity,
        pool,
        long_chain: (leaf, cas, anchor),
        time,
    }
}

#[test]
fn chain_pool_with_loops() {
    measured("chain_pool_with_loops", NOISE + 8 * MIB, chain_pool, |c| {
        assert_eq!(c.pool.len(), 200);
        let store = TrustStore::new(vec![c.anchor.clone()]);
        let options = ValidationOptions::at(c.time);
        expect_err(
            store.validate(&c.end_entity, &c.pool, &options),
            &["gave up building a path after 64 signature checks"],
        );
        // max_path_len: the genuine chain is longer than 8.
        let (leaf, cas, root) = &c.long_chain;
        let store = TrustStore::new(vec![root.clone()]);
        let message = expect_err(store.validate(leaf, cas, &options), &[]);
        println!("long chain: {message}");
        assert!(message.contains('8'), "{message}");
        let mut longer = ValidationOptions::at(c.time);
        longer.max_path_len = 11;
        store.validate(leaf, cas, &longer).unwrap();
    });
}

// ---------------------------------------------------------------------------
// E-license metadata (XML, JSON) and templates.
// ---------------------------------------------------------------------------

use gmseal::license::{Identifier, IssueOptions, Metadata, Template, issue};

const OPEN: &str =
    r#"<?xml version="1.0" encoding="UTF-8"?><ElectronicLicense xmlns="urn:gmseal:e-license:1.0">"#;
const CLOSE: &str = "</ElectronicLicense>";

#[test]
fn xml_deep_nesting() {
    measured(
        "xml_deep_nesting",
        NOISE,
        || {
            let inside = format!("{OPEN}{}{CLOSE}", "<Surface>".repeat(1_000_000));
            let items = format!(
                "{OPEN}<Surface><Item key=\"k\">{}</Item></Surface>{CLOSE}",
                "<Item key=\"k\">".repeat(1_000_000)
            );
            let before_root = format!("{}{OPEN}{CLOSE}", "<a>".repeat(1_000_000));
            (inside, items, before_root)
        },
        |(inside, items, before_root)| {
            expect_err(Metadata::from_xml(&inside), &["<Surface>"]);
            expect_err(Metadata::from_xml(&items), &["<Item>"]);
            expect_err(Metadata::from_xml(&before_root), &["<a>"]);
        },
    );
}

#[test]
fn xml_billion_laughs() {
    measured(
        "xml_billion_laughs",
        NOISE,
        || {
            let mut dtd = String::from("<!ENTITY lol0 \"lol\">");
            for i in 1..10 {
                write!(
                    dtd,
                    "<!ENTITY lol{i} \"{}\">",
                    format!("&lol{};", i - 1).repeat(10)
                )
                .unwrap();
            }
            let with_dtd = format!(
                "<?xml version=\"1.0\"?><!DOCTYPE ElectronicLicense [{dtd}]>{}<certificateName>&lol9;</certificateName>{CLOSE}",
                &OPEN[38..]
            );
            let without_dtd = format!("{OPEN}<certificateName>&lol9;</certificateName>{CLOSE}");
            (with_dtd, without_dtd)
        },
        |(with_dtd, without_dtd)| {
            expect_err(Metadata::from_xml(&with_dtd), &["DOCTYPE is not allowed"]);
            expect_err(
                Metadata::from_xml(&without_dtd),
                &["unknown or invalid reference &lol9;"],
            );
        },
    );
}

#[test]
fn xml_too_large() {
    measured(
        "xml_too_large",
        NOISE,
        || {
            let pad = (16 << 20) + 1 - OPEN.len() - CLOSE.len();
            format!("{OPEN}{}{CLOSE}", " ".repeat(pad))
        },
        |xml| {
            assert_eq!(xml.len(), (16 << 20) + 1);
            expect_err(
                Metadata::from_xml(&xml),
                &["16777217 bytes, more than the 16777216 allowed"],
            );
        },
    );
}

#[test]
fn json_deep_nesting() {
    measured(
        "json_deep_nesting",
        NOISE,
        || {
            let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
            let metadata = format!(r#"{{"surface": {deep}}}"#);
            let kz = format!(r#"{{"KZ_X": {deep}}}"#);
            let template = format!(
                r#"{{"id": "t", "name": "t", "page": {{"width": 210, "height": 297}}, "elements": {deep}}}"#
            );
            (metadata, kz, template)
        },
        |(metadata, kz, template)| {
            // Metadata has a fixed shape: the first level that is not what
            // the field takes is refused; where serde buffers any value
            // (the tagged template elements), serde_json's limit of 128
            // levels refuses it.
            for json in [&metadata, &kz] {
                let e = serde_json::from_str::<Metadata>(json).unwrap_err();
                println!("serde_json::from_str::<Metadata>: {e}");
                assert!(
                    e.is_data() || e.to_string().contains("recursion limit"),
                    "{e}"
                );
                println!(
                    "{}",
                    expect_err(Metadata::from_json(json), &["not e-license metadata JSON"])
                );
            }
            println!(
                "{}",
                expect_err(Template::from_json(&template), &["not a license template"])
            );
            let element = format!(
                r#"{{"id": "t", "name": "t", "page": {{"width": 210, "height": 297}}, "elements": [{{"type": "text", "text": {}}}]}}"#,
                &template[template.find("[[").unwrap()..template.rfind("]]").unwrap() + 2]
            );
            expect_err(Template::from_json(&element), &["recursion limit exceeded"]);
        },
    );
}

#[test]
fn json_too_large() {
    measured(
        "json_too_large",
        NOISE,
        || {
            let big = format!(r#"{{"certificateName": "{}"}}"#, "x".repeat(16 << 20));
            let template = Template::business_license();
            let mut json = serde_json::to_string(&template).unwrap();
            json.insert_str(1, &format!(r#""pad": "{}", "#, " ".repeat(1 << 20)));
            (big, json)
        },
        |(big, template)| {
            expect_err(Metadata::from_json(&big), &["16777216"]);
            expect_err(Template::from_json(&template), &["1048576"]);
            // Face items: at most Metadata::MAX_SURFACE_ITEMS (1,000).
            let members: String = (0..1001).map(|i| format!(r#""KZ_{i}": "v","#)).collect();
            let json = format!("{{{}}}", members.trim_end_matches(','));
            expect_err(Metadata::from_json(&json), &["more than 1000 face items"]);
            let items = r#"{"key": "k", "value": "v"},"#.repeat(1001);
            let json = format!(r#"{{"surface": [{}]}}"#, items.trim_end_matches(','));
            expect_err(Metadata::from_json(&json), &["more than 1000 face items"]);
            let items = r#"<Item key="k">v</Item>"#.repeat(1001);
            let xml = format!("{OPEN}<Surface>{items}</Surface>{CLOSE}");
            expect_err(Metadata::from_xml(&xml), &["more than 1000 <Item>s"]);
        },
    );
}

#[test]
fn json_too_large_linear() {
    // serde_json::from_str itself has no size limit: the memory it takes
    // is the size of the strings it returns.
    measured(
        "json_too_large_linear",
        32 * MIB + NOISE,
        || format!(r#"{{"certificateName": "{}"}}"#, "x".repeat(32 << 20)),
        |json| {
            let m: Metadata = serde_json::from_str(&json).unwrap();
            assert_eq!(m.certificate_name.len(), 32 << 20);
        },
    );
}

// ---------------------------------------------------------------------------
// Images (the holder photo of an issued license).
// ---------------------------------------------------------------------------

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

/// An 8-bit RGB PNG of `width`×`height` whose image data is `idat`.
fn png(width: u32, height: u32, idat: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"IDAT", idat);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// The metadata of the example business license.
fn business_license() -> Metadata {
    serde_json::from_str(include_str!("../examples/data/business-license.json")).unwrap()
}

fn issue_with_photo(photo: Vec<u8>) -> gmseal::Result<gmseal::license::IssuedLicense> {
    let metadata = business_license();
    let mut options = IssueOptions::new(Timestamp::parse("2026-01-05T02:00:00Z").unwrap());
    options.photo = Some(photo);
    issue(&Template::business_license(), &metadata, &options)
}

#[test]
fn image_png_too_large() {
    // The image data is complete (zeros: every row filter 0, black), so a
    // decoder without the checks would fill a 30 GB or 192 MB buffer.
    measured(
        "image_png_too_large",
        NOISE + 40 * MIB,
        || {
            let side = png(100_000, 100_000, &craft::zlib_zeros_fast(1 << 20));
            let rows = 8000 * (1 + 8000 * 3);
            let pixels = png(8000, 8000, &craft::zlib_zeros_fast(rows));
            let small = png(2, 2, &craft::zlib_zeros(2 * (1 + 2 * 3)));
            (side, pixels, small)
        },
        |(side, pixels, small)| {
            issue_with_photo(small).unwrap();
            expect_err(issue_with_photo(side), &["100000x100000", "1..=8000"]);
            expect_err(
                issue_with_photo(pixels),
                &["8000x8000", "more than the 16777216-pixel limit"],
            );
        },
    );
}

// ---------------------------------------------------------------------------
// PEM, identifiers, PBKDF2, SM2 user IDs.
// ---------------------------------------------------------------------------

#[test]
fn pem_too_large() {
    measured(
        "pem_too_large",
        NOISE,
        || {
            let f = gmseal::seal::__doc::fixture().unwrap();
            let mut pem = f.root.to_pem();
            pem.push_str(&" ".repeat((64 << 20) + 1 - pem.len()));
            pem
        },
        |pem| {
            let wanted = ["larger than the 67108864-byte limit"];
            expect_err(Certificate::from_pem(&pem), &wanted);
            expect_err(Certificate::load_all(pem.as_bytes()), &wanted);
            expect_err(Crl::from_pem(&pem), &wanted);
            expect_err(PrivateKey::from_pkcs8_pem(&pem), &wanted);
            expect_err(gmseal::cms::load(pem.as_bytes()), &wanted);
        },
    );
}

#[test]
fn identifier_too_long() {
    measured(
        "identifier_too_long",
        NOISE + 4 * MIB,
        || {
            let dots = format!("{}.{}", Identifier::ROOT, ".".repeat(32 << 20));
            let serial = format!(
                "{}.11100000000013338W011.11430000006122244L.{}.001.U",
                Identifier::ROOT,
                "9".repeat(32 << 20)
            );
            (dots, serial)
        },
        |(dots, serial)| {
            expect_err(
                Identifier::parse(&dots),
                &["longer than the 1024 gmseal reads"],
            );
            expect_err(
                Identifier::parse(&serial),
                &["longer than the 1024 gmseal reads"],
            );
            // Up to MAX_PARSE_LEN, a long identifier is a finding.
            let long = format!(
                "{}.11100000000013338W011.11430000006122244L.{}.001.U",
                Identifier::ROOT,
                "9".repeat(900)
            );
            let parsed = Identifier::parse(&long).unwrap();
            assert!(
                parsed
                    .findings
                    .iter()
                    .any(|f| f.code() == "license.identifier-too-long"),
                "{parsed:?}"
            );
            expect_err(
                Identifier::build(
                    "11100000000013338W011",
                    "11430000006122244L",
                    &"9".repeat(1 << 20),
                    "001",
                ),
                &["more than 128"],
            );
        },
    );
}

/// `der` with every primitive element equal to `from` replaced by `to`,
/// the lengths of the enclosing elements re-encoded.
fn der_replace(der: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = der;
    while !rest.is_empty() {
        let tag = rest[0];
        let (len, header) = match rest[1] {
            l if l < 0x80 => (usize::from(l), 2),
            l => {
                let n = usize::from(l & 0x7F);
                let len = rest[2..2 + n]
                    .iter()
                    .fold(0, |acc, &b| acc << 8 | usize::from(b));
                (len, 2 + n)
            }
        };
        let (element, after) = rest.split_at(header + len);
        if tag & 0x20 != 0 {
            out.extend_from_slice(&tlv(tag, &der_replace(&element[header..], from, to)));
        } else if element == from {
            out.extend_from_slice(to);
        } else {
            out.extend_from_slice(element);
        }
        rest = after;
    }
    out
}

#[test]
fn pbkdf2_iterations() {
    measured(
        "pbkdf2_iterations",
        NOISE,
        || {
            let rng = DeterministicRandom::new(b"gmseal limits pbkdf2");
            let key = PrivateKey::generate(&rng).unwrap();
            let params = gmseal::crypto::Pbes2Params { iterations: 1000 };
            let der = key.to_encrypted_pkcs8_der(b"pw", &params, &rng).unwrap();
            let der = der.to_vec();
            // INTEGER 1000 → INTEGER 2^31 - 1.
            let crafted = der_replace(
                &der,
                &[0x02, 0x02, 0x03, 0xE8],
                &[0x02, 0x04, 0x7F, 0xFF, 0xFF, 0xFF],
            );
            assert_ne!(crafted, der);
            (key, crafted)
        },
        |(key, crafted)| {
            expect_err(
                PrivateKey::from_encrypted_pkcs8_der(&crafted, b"pw"),
                &["2147483647"],
            );
            let too_many = gmseal::crypto::Pbes2Params {
                iterations: gmseal::crypto::MAX_PBKDF2_ITERATIONS + 1,
            };
            expect_err(
                key.to_encrypted_pkcs8_der(b"pw", &too_many, &gmseal::crypto::SystemRandom),
                &["10000000"],
            );
        },
    );
}

#[test]
fn sm2_user_id_too_long() {
    measured(
        "sm2_user_id_too_long",
        NOISE,
        || {
            let rng = DeterministicRandom::new(b"gmseal limits user id");
            PrivateKey::generate(&rng).unwrap()
        },
        |key| {
            let public = key.public_key();
            public.za(&[b'a'; 8191]).unwrap();
            expect_err(public.za(&[b'a'; 8192]), &["8192"]);
            expect_err(key.with_user_id(&vec![b'a'; 1 << 20]), &["1048576"]);
        },
    );
}

// ---------------------------------------------------------------------------
// PDF verification: forms, later revisions, object streams, streaming.
// ---------------------------------------------------------------------------

/// The raw body of object `r` (between `obj` and `endobj`) in the last
/// revision's view of `pdf`, which stores it at an offset.
fn raw_body(pdf: &[u8], r: ObjRef) -> Vec<u8> {
    let doc = Document::parse(pdf, &Limits::default()).unwrap();
    let last = doc.revisions().len() - 1;
    let Some(gmseal::pdf::parse::XrefEntry::InUse { offset, .. }) = doc.entry_in(last, r.num)
    else {
        panic!("{r} is not stored at an offset")
    };
    let start = offset + pdf[offset..].windows(3).position(|w| w == b"obj").unwrap() + 3;
    let end = start
        + pdf[start..]
            .windows(6)
            .position(|w| w == b"endobj")
            .unwrap();
    pdf[start..end].to_vec()
}

/// The catalog reference, its body, and `/Size` of the last trailer.
fn catalog_of(pdf: &[u8]) -> (ObjRef, Vec<u8>, u32) {
    let doc = Document::parse(pdf, &Limits::default()).unwrap();
    let Some(Object::Reference(root)) = doc.trailer().get(b"Root").unwrap().cloned() else {
        panic!("no /Root")
    };
    let size = u32::try_from(doc.trailer().get_int(b"Size").unwrap().unwrap()).unwrap();
    (root, raw_body(pdf, root), size)
}

/// `body` (a dictionary) with `entry` added before its final `>>`.
fn with_entry(body: &[u8], entry: &str) -> Vec<u8> {
    let at = body.windows(2).rposition(|w| w == b">>").unwrap();
    let mut out = body[..at].to_vec();
    out.extend_from_slice(entry.as_bytes());
    out.extend_from_slice(&body[at..]);
    out
}

/// The next update of `pdf`, with `/Size` `size` (`/Root` stays the same).
fn next_update(pdf: &[u8], size: u32) -> craft::Update {
    craft::Update::after(pdf, catalog_of(pdf).0, size)
}

#[test]
fn pdf_form_fan_out() {
    // /Fields is an array of 50,000 direct fields whose /Kids is that same
    // array: every level of the field tree would push 50,000 more.
    measured(
        "pdf_form_fan_out",
        NOISE + 48 * MIB,
        || {
            let mut objects = craft::form("3 0 R");
            let mut fields = b"[".to_vec();
            for _ in 0..50_000 {
                fields.extend_from_slice(b"<</Kids 3 0 R/T(a)>>");
            }
            fields.push(b']');
            objects.push((3, fields));
            let wide = craft::pdf(&objects, "");
            // One field whose /Kids is the array that holds it.
            objects[2].1 = b"[<</Kids 3 0 R/T(a)>>]".to_vec();
            let cycle = craft::pdf(&objects, "");
            (wide, cycle)
        },
        |(wide, cycle)| {
            let report = verify_with(&wide, Limits::default());
            expect_report(&report, &["pdf.malformed-form", "too many"]);
            let report = verify_with(&cycle, Limits::default());
            expect_report(
                &report,
                &["pdf.malformed-form", "the /Kids array 3 0 appears twice"],
            );
        },
    );
}

#[test]
fn pdf_form_many_signatures_and_deep_fields() {
    measured(
        "pdf_form_many_signatures_and_deep_fields",
        NOISE + 8 * MIB,
        || {
            // 1,001 signature fields (MAX_SIGNATURES is 1,000).
            let sigs = format!("[{}]", "<< /FT /Sig /V 3 0 R >> ".repeat(1001));
            let mut objects = craft::form(&sigs);
            objects.push((3, b"<< /Type /Sig >>".to_vec()));
            let many = craft::pdf(&objects, "");
            // A chain of 40 fields, each the only kid of the one before.
            let mut objects = craft::form("[10 0 R]");
            for i in 10..50u32 {
                objects.push((
                    i,
                    format!("<< /T (f) /Kids [{} 0 R] >>", i + 1).into_bytes(),
                ));
            }
            objects.push((50, b"<< /T (f) >>".to_vec()));
            let deep = craft::pdf(&objects, "");
            (many, deep)
        },
        |(many, deep)| {
            for pdf in [&many, &deep] {
                let report = verify_with(pdf, Limits::default());
                expect_report(
                    &report,
                    &["pdf.malformed-form", "too many or too deeply nested"],
                );
            }
        },
    );
}

#[test]
fn pdf_form_long_names() {
    // Ten fields with 1 MiB partial names, each the parent of all ten:
    // full names would grow by 1 MiB per level and be copied to every kid.
    measured(
        "pdf_form_long_names",
        NOISE + 64 * MIB,
        || {
            let mut objects = craft::form("3 0 R");
            let name = "n".repeat(1 << 20);
            let mut fields = b"[".to_vec();
            for _ in 0..10 {
                write!(fields, "<</Kids 3 0 R/FT/{name}/T({name})>>").unwrap();
            }
            fields.push(b']');
            objects.push((3, fields));
            craft::pdf(&objects, "")
        },
        |pdf| {
            expect_report(
                &verify_with(&pdf, Limits::default()),
                &["pdf.malformed-form"],
            )
        },
    );
}

#[test]
fn pdf_later_revision_field_cycle() {
    // A later revision's form holds a field whose /Kids lists itself 5,000
    // times; the revision after it restores the form. The change analysis
    // walks the field once.
    measured(
        "pdf_later_revision_field_cycle",
        NOISE + 32 * MIB,
        || {
            let (mut pdf, options) = signed_pdf();
            let (root, catalog, size) = catalog_of(&pdf);
            let field = size;
            let kids = format!("{field} 0 R ").repeat(5000);
            let acro = format!(" /AcroForm << /Fields [{field} 0 R] >>");
            next_update(&pdf, size + 1).append(
                &mut pdf,
                &[
                    (root.num, with_entry(&strip_acroform(&catalog), &acro)),
                    (
                        field,
                        format!("<< /FT /Tx /T (x) /Kids [{kids}] >>").into_bytes(),
                    ),
                ],
            );
            next_update(&pdf, size + 1).append(&mut pdf, &[(root.num, catalog)]);
            (pdf, options)
        },
        |(pdf, options)| expect_report(&verify_printed(&pdf, &options), &["pdf.modified"]),
    );
}

/// `catalog` without its `/AcroForm` entry (a reference or a dictionary
/// without nested dictionaries).
fn strip_acroform(catalog: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(catalog.to_vec()).unwrap();
    let Some(at) = text.find("/AcroForm") else {
        return catalog.to_vec();
    };
    let rest = &text[at + 9..];
    let value_end = if rest.trim_start().starts_with("<<") {
        rest.find(">>").unwrap() + 2
    } else {
        rest.find('R').unwrap() + 1
    };
    format!("{}{}", &text[..at], &rest[value_end..]).into_bytes()
}

#[test]
fn pdf_later_revision_million_objects() {
    // One later revision whose cross-reference stream (a few KiB) adds
    // 990,000 objects that do not parse: each is a change to report.
    measured(
        "pdf_later_revision_million_objects",
        NOISE + 96 * MIB,
        || {
            let (pdf, options) = signed_pdf();
            let (root, _, size) = catalog_of(&pdf);
            let prev = craft::last_xref(&pdf);
            let count = 990_000u32;
            let xnum = size + count;
            let xref = pdf.len();
            // Rows [1, offset 9 (not an object), 0] for size..size+count, then the stream itself.
            let mut rows = Vec::new();
            for _ in 0..count {
                rows.extend_from_slice(&[1, 0, 0, 0, 9]);
            }
            rows.push(1);
            rows.extend_from_slice(&u32::try_from(xref).unwrap().to_be_bytes());
            let zlib = craft::zlib(&rows);
            println!("{} bytes of cross-reference stream", zlib.len());
            let dict = format!(
                "/Size {} /Index [{size} {}] /W [1 4 0] /Root {root} R /Prev {prev}",
                xnum + 1,
                count + 1
            );
            (craft::xref_stream(pdf, xnum, &dict, &zlib, true), options)
        },
        |(pdf, options)| {
            let report = verify_pdf(&pdf, &options);
            expect_report(&report, &["pdf.modified"]);
            let changes: usize = report
                .signatures
                .iter()
                .map(|s| s.later_changes.len())
                .sum();
            println!(
                "{changes} changes reported, {} bytes of JSON",
                report.to_json().len()
            );
        },
    );
}

#[test]
fn pdf_later_revisions_many() {
    // 9,000 empty updates after a signature: each is analysed, and every
    // object is looked up in the view of each.
    measured(
        "pdf_later_revisions_many",
        NOISE + 64 * MIB,
        || {
            let (mut pdf, options) = signed_pdf();
            let size = catalog_of(&pdf).2;
            next_update(&pdf, size).append_empty(&mut pdf, 9000);
            (pdf, options)
        },
        |(pdf, options)| {
            verify_printed(&pdf, &options);
        },
    );
}

#[test]
fn pdf_object_stream_cache_thrashing() {
    // Three object streams of 400 KiB each (1 MiB limit: the cache holds
    // two) and 3,000 form fields taken from them in turn: without a bound,
    // every field decodes a stream again (1.2 GB of inflating).
    measured(
        "pdf_object_stream_cache_thrashing",
        NOISE + 8 * MIB,
        || {
            let fields = 3000u32;
            let mut plain = vec![(2, craft::PAGES.into())];
            let mut compressed = Vec::new();
            let first_field = 10;
            let list: String = (0..fields)
                .map(|i| format!("{} 0 R ", first_field + i))
                .collect();
            compressed.push((1, 3, 0));
            let mut streams: Vec<Vec<(u32, String)>> = vec![
                vec![(
                    1,
                    format!("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{list}] >> >>"),
                )],
                Vec::new(),
                Vec::new(),
            ];
            for i in 0..fields {
                let s = usize::try_from(i % 3).unwrap();
                let index = u32::try_from(streams[s].len()).unwrap();
                streams[s].push((first_field + i, format!("<< /FT /Tx /T (f{i}) >>")));
                compressed.push((first_field + i, 3 + u32::try_from(s).unwrap(), index));
            }
            for (s, objects) in streams.iter().enumerate() {
                let objects: Vec<(u32, &str)> =
                    objects.iter().map(|(n, t)| (*n, t.as_str())).collect();
                let body = padded_objstm(&objects, 400 << 10);
                plain.push((3 + u32::try_from(s).unwrap(), body));
            }
            xref_stream_pdf(&plain, &compressed)
        },
        |pdf| {
            let doc = Document::parse(&pdf, &small_limits()).unwrap();
            let failed = (10..3010)
                .map(|num| doc.resolve(obj(num)))
                .position(|r| r.is_err())
                .expect("resolving every field decoded its stream again");
            println!("resolving field {failed} failed");
            expect_err(doc.resolve(obj(10)), &["max_decompressed_size = 1048576"]);
            // The verifier reads the form through the same document: it
            // ends quickly, with fields it could not resolve left out.
            let report = verify_with(&pdf, small_limits());
            expect_report(&report, &[]);
        },
    );
}

/// A FlateDecode object stream holding `objects`, padded with spaces to
/// `len` bytes once decoded.
fn padded_objstm(objects: &[(u32, &str)], len: usize) -> Vec<u8> {
    let (mut data, first) = objstm_data(objects);
    data.resize(len.max(data.len()), b' ');
    craft::stream(
        &format!(
            "/Type /ObjStm /N {} /First {first} /Filter /FlateDecode",
            objects.len()
        ),
        &craft::zlib(&data),
    )
}

#[test]
fn pdf_streaming_scan() {
    // The streaming reader looks for each `stream` keyword's dictionary in
    // the 4 KiB before it: 200 keywords, each after 4 KiB of `<</K(` that
    // open strings running to the end of the file.
    measured(
        "pdf_streaming_scan",
        NOISE + 8 * MIB,
        || {
            let unit = format!("%{}>>stream\n", "<</K(".repeat(819));
            let mut body = unit.repeat(200).into_bytes();
            body.extend_from_slice(b"null");
            craft::pdf_with(vec![(3, body)])
        },
        |pdf| {
            let skeleton = gmseal::pdf::parse::Skeleton::read(
                &pdf[..],
                pdf.len(),
                64 << 10,
                &Limits::default(),
            )
            .unwrap();
            assert!(skeleton.holes().is_empty());
            let doc = Document::parse_skeleton(&skeleton, &Limits::default()).unwrap();
            assert_eq!(doc.resolve(obj(3)).unwrap(), Object::Null);
        },
    );
}

#[test]
fn pdf_revisions_times_form() {
    // A form of 10,000 fields (MAX_FIELDS) and 1,000 revisions: looking
    // for signatures that a later revision removed walks the form of every
    // revision, at most 1,000,000 fields in all (not 10,000,000).
    measured(
        "pdf_revisions_times_form",
        NOISE + 64 * MIB,
        || {
            let fields = 10_000u32;
            let list: String = (0..fields).map(|i| format!("{} 0 R ", 10 + i)).collect();
            let mut objects = craft::form(&format!("[{list}]"));
            for i in 0..fields {
                objects.push((10 + i, format!("<< /FT /Tx /T (f{i}) >>").into_bytes()));
            }
            let mut pdf = craft::pdf(&objects, "");
            craft::Update::after(&pdf, obj(1), 10 + fields).append_empty(&mut pdf, 1000);
            pdf
        },
        |pdf| {
            let report = verify_with(&pdf, Limits::default());
            expect_report(
                &report,
                &["pdf.malformed-form", "more than 1000000 fields in all"],
            );
        },
    );
}

#[test]
fn pdf_later_revisions_wide_walk() {
    // A later revision makes 30,000 objects reachable from the catalog,
    // and 60 empty revisions follow: the role walks of the analysis stop
    // after 1,000,000 objects in all (not 60 × 30,000).
    measured(
        "pdf_later_revisions_wide_walk",
        NOISE + 64 * MIB,
        || {
            let count = 30_000u32;
            let (mut pdf, options) = signed_pdf();
            let (root, catalog, size) = catalog_of(&pdf);
            let refs: String = (0..count).map(|i| format!("{} 0 R ", size + i)).collect();
            let mut objects = vec![(root.num, with_entry(&catalog, &format!(" /X [{refs}]")))];
            for i in 0..count {
                objects.push((size + i, b"<< /Y 1 >>".to_vec()));
            }
            let mut update = craft::Update::after(&pdf, root, size + count);
            update.append(&mut pdf, &objects);
            update.append_empty(&mut pdf, 60);
            (pdf, options)
        },
        |(pdf, options)| expect_report(&verify_printed(&pdf, &options), &["pdf.modified"]),
    );
}

/// `o` in PDF syntax (strings in hexadecimal).
fn ser(o: &Object) -> String {
    match o {
        Object::Null => "null".into(),
        Object::Bool(b) => b.to_string(),
        Object::Integer(i) => i.to_string(),
        Object::Real(r) => format!("{r}"),
        Object::String(s) => format!("<{}>", hex::encode(&s.bytes)),
        Object::Name(n) => {
            let mut out = String::from("/");
            for &b in n {
                if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                    out.push(char::from(b));
                } else {
                    write!(out, "#{b:02X}").unwrap();
                }
            }
            out
        }
        Object::Array(a) => format!("[{}]", a.iter().map(ser).collect::<Vec<_>>().join(" ")),
        Object::Dictionary(d) => ser_dict(d, &[]),
        Object::Reference(r) => format!("{r} R"),
        other => panic!("cannot write {other:?}"),
    }
}

/// `d` in PDF syntax, with the entries `replace` (key, written value)
/// instead of the ones it has.
fn ser_dict(d: &gmseal::pdf::parse::Dictionary, replace: &[(&[u8], String)]) -> String {
    let mut out = String::from("<<");
    for (k, v) in &d.entries {
        if replace.iter().all(|(r, _)| r != k) {
            write!(out, " {} {}", ser(&Object::Name(k.clone())), ser(v)).unwrap();
        }
    }
    for (k, v) in replace {
        write!(out, " {} {v}", ser(&Object::Name(k.to_vec()))).unwrap();
    }
    out.push_str(" >>");
    out
}

/// An issued license whose embedded-file name tree is replaced by
/// `files` (name, object body) and its own `metadata.json` and
/// `metadata.xml` (unless `files` names them), then sealed.
fn sealed_with_files(files: &[(&str, Vec<u8>)]) -> (Vec<u8>, PdfVerifyOptions) {
    let mut pdf = gmseal::pdf::sign::__doc::unsigned_pdf().unwrap();
    let doc = Document::parse(&pdf, &Limits::default()).unwrap();
    let catalog = doc.catalog().unwrap();
    let names = doc.deref(catalog.get(b"Names").unwrap().unwrap()).unwrap();
    let tree = doc
        .deref(
            names
                .as_dict()
                .unwrap()
                .get(b"EmbeddedFiles")
                .unwrap()
                .unwrap(),
        )
        .unwrap();
    let Some(Object::Array(own)) = tree.as_dict().unwrap().get(b"Names").unwrap().cloned() else {
        panic!("no /Names array")
    };
    let (root, _, size) = catalog_of(&pdf);
    let mut objects = Vec::new();
    let mut pairs = String::new();
    let mut next = size;
    for (name, body) in files {
        let spec = next;
        objects.push((
            spec,
            format!(
                "<< /Type /Filespec /F ({name}) /UF ({name}) /EF << /F {} 0 R >> >>",
                spec + 1
            )
            .into_bytes(),
        ));
        objects.push((spec + 1, body.clone()));
        write!(pairs, "({name}) {spec} 0 R ").unwrap();
        next += 2;
    }
    for pair in own.chunks(2) {
        let Object::String(name) = &pair[0] else {
            panic!()
        };
        if files.iter().all(|(n, _)| n.as_bytes() != name.bytes) {
            write!(pairs, "{} {} ", ser(&pair[0]), ser(&pair[1])).unwrap();
        }
    }
    let new_names = format!("<< /EmbeddedFiles << /Names [{pairs}] >> >>");
    objects.push((
        root.num,
        ser_dict(&catalog, &[(b"Names", new_names)]).into_bytes(),
    ));
    drop(doc);
    craft::Update::after(&pdf, root, next).append(&mut pdf, &objects);
    seal_license(&pdf)
}

#[test]
fn pdf_embedded_file_bombs() {
    // Eight embedded files of 200 MiB each once decoded (each under the
    // 256 MiB limit): the verifier decodes only metadata.json and
    // metadata.xml.
    measured(
        "pdf_embedded_file_bombs",
        NOISE + 32 * MIB,
        || {
            let bomb = craft::stream(
                "/Type /EmbeddedFile /Filter /FlateDecode",
                &craft::zlib_zeros_fast(200 << 20),
            );
            let files: Vec<(String, Vec<u8>)> = (0..8)
                .map(|i| (format!("bomb{i}.bin"), bomb.clone()))
                .collect();
            let files: Vec<(&str, Vec<u8>)> =
                files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
            sealed_with_files(&files)
        },
        |(pdf, options)| {
            let report = verify_printed(&pdf, &options);
            assert!(report.metadata.is_some(), "{}", report.to_json());
        },
    );
}

#[test]
fn pdf_embedded_metadata_json_large() {
    // A signed metadata.json of 16 MiB (Metadata::MAX_JSON_LEN) made of
    // 1,000,000 tiny KZ_ members: parsing stops after
    // Metadata::MAX_SURFACE_ITEMS, and the JSON is too large to be shown
    // as a value (it would take 20 times its size).
    measured(
        "pdf_embedded_metadata_json_large",
        NOISE + 3 * 16 * MIB,
        || {
            let mut json = String::from("{");
            let mut i = 0;
            while json.len() < (16 << 20) - 64 {
                write!(json, r#""KZ_{i}":"","#).unwrap();
                i += 1;
            }
            json.push_str(r#""KZ_end":""}"#);
            let body = craft::stream(
                "/Type /EmbeddedFile /Filter /FlateDecode",
                &craft::zlib(json.as_bytes()),
            );
            sealed_with_files(&[("metadata.json", body)])
        },
        |(pdf, options)| {
            let report = verify_pdf(&pdf, &options);
            expect_report(&report, &["metadata.json-invalid"]);
            assert!(report.metadata.unwrap().metadata.is_none());
        },
    );
}

#[test]
fn small_fixed_bounds() {
    // Bounds on small things: where the reader looks for startxref, the
    // DER SM2 signature, seal image texts, metadata texts.
    measured(
        "small_fixed_bounds",
        NOISE,
        || {
            let mut far = craft::minimal();
            let eof = far.len() - b"%%EOF\n".len();
            far.splice(eof..eof, vec![b' '; 2000]);
            far
        },
        |far| {
            expect_err(
                Document::parse(&far, &Limits::default()),
                &["no 'startxref' in the last 1024 bytes"],
            );
            let mut long = vec![0x30, 0x7F];
            long.extend(vec![0x02; 0x7F]);
            expect_err(gmseal::crypto::Signature::from_der(&long), &[]);
            let params = gmseal::seal::image::SealImageParams::round("单".repeat(41), "章");
            expect_err(gmseal::seal::image::render_png(&params), &["40"]);
            let mut m = business_license();
            m.certificate_holder_name = "名".repeat(513);
            let problems = gmseal::license::validate(&m, &Template::business_license().rules);
            assert!(
                problems
                    .iter()
                    .any(|p| p.code == "license.field-too-long"
                        && p.field == "certificateHolderName"),
                "{problems:?}"
            );
        },
    );
}
