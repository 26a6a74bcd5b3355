//! End-to-end tests of `gmseal license` and `gmseal issue`: validating
//! e-license metadata, building and parsing identifiers, issuing PDF/A
//! documents one at a time and in batches, and the exit codes (0 success, 1
//! invalid metadata for `license validate`, 2 usage or input error).

// The helpers outside `#[test]` functions report failures by panicking too.
#![allow(clippy::panic)]

#[path = "support/run.rs"]
mod support;

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;
use support::Work;

/// The issuing time every test uses, so output is reproducible.
const TIME: &str = "2026-01-05T02:00:00Z";

/// The identifier in examples/data/business-license.json.
const BUSINESS_LICENSE_ID: &str =
    "1.2.156.3005.2.11100000000013127D001.1133010600248917XL.2026010500018.001.P";

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data")
        .join(name)
}

fn example_json(name: &str) -> Value {
    let text = std::fs::read_to_string(example(name)).expect("read example");
    serde_json::from_str(&text).expect("example JSON")
}

fn example_arg(name: &str) -> String {
    example(name).display().to_string()
}

/// Whether qpdf is on PATH.
fn has_qpdf() -> bool {
    Command::new("qpdf")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `qpdf --check` on `name` in `w`, or a loud skip without qpdf.
fn qpdf_check(w: &Work, name: &str) {
    if !has_qpdf() {
        eprintln!("!!! SKIPPED: qpdf is not on PATH, {name} was not checked with qpdf --check");
        return;
    }
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(w.path(name))
        .output()
        .expect("run qpdf");
    assert!(
        out.status.success(),
        "qpdf --check {name} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Standard base64 (whitespace ignored), for the example's inline photo.
fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let digits: Vec<u8> = text
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
        .collect();
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let mut acc = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            acc |= value(c) << (18 - 6 * i);
        }
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

// ---------------------------------------------------------------- validate

#[test]
fn validate_accepts_the_examples() {
    let w = Work::new();
    for (file, template) in [
        ("business-license.json", "business-license"),
        ("qualification.json", "qualification"),
    ] {
        w.run(&["license", "validate", &example_arg(file)]).ok();
        w.run(&[
            "license",
            "validate",
            &example_arg(file),
            "--template",
            template,
        ])
        .ok();
        let v = w
            .run(&[
                "license",
                "validate",
                &example_arg(file),
                "--template",
                template,
                "--json",
            ])
            .ok()
            .json();
        assert_eq!(v["ok"], true, "{v}");
        assert_eq!(v["errors"], 0, "{v}");
        assert!(v["problems"].is_array(), "{v}");
    }
}

#[test]
fn validate_names_every_broken_field() {
    let w = Work::new();
    let mut m = example_json("business-license.json");
    // The USCC check character of 91330106MA2H0WQ17L is L.
    m["certificateHolderCode"] = "91330106MA2H0WQ17X".into();
    m.as_object_mut()
        .expect("object")
        .remove("certificateName")
        .expect("certificateName");
    w.write("bad.json", serde_json::to_vec_pretty(&m).expect("json"));

    let run = w
        .run(&[
            "license",
            "validate",
            "bad.json",
            "--template",
            "business-license",
        ])
        .expect(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines.iter().any(|l| l.starts_with("error")
            && l.contains("certificateHolderCode")
            && l.contains("license.bad-uscc")),
        "{}",
        run.stdout
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("error") && l.contains("certificateName")),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("2 errors"), "{}", run.stderr);

    // Without a template the core rules still catch both.
    w.run(&["license", "validate", "bad.json"]).expect(1);

    let run = w
        .run(&["license", "validate", "bad.json", "--json"])
        .expect(1);
    let v = run.json();
    assert_eq!(v["ok"], false, "{v}");
    assert_eq!(v["code"], "license.invalid-metadata", "{v}");
    let problems = v["problems"].as_array().expect("problems");
    let fields: Vec<&str> = problems
        .iter()
        .filter(|p| p["severity"] == "error")
        .filter_map(|p| p["field"].as_str())
        .collect();
    assert!(fields.contains(&"certificateHolderCode"), "{v}");
    assert!(fields.contains(&"certificateName"), "{v}");
    assert!(
        problems
            .iter()
            .any(|p| p["code"] == "license.bad-uscc" && p["field"] == "certificateHolderCode"),
        "{v}"
    );
}

#[test]
fn validate_rejects_unreadable_input_with_exit_2() {
    let w = Work::new();
    w.write("malformed.json", r#"{"certificateName": "营业执照","#);
    let run = w.run(&["license", "validate", "malformed.json"]).expect(2);
    assert!(
        run.stderr.contains("malformed.json") && run.stderr.contains("line 1"),
        "{}",
        run.stderr
    );

    w.write("typo.json", r#"{"certificateNmae": "营业执照"}"#);
    let run = w.run(&["license", "validate", "typo.json"]).expect(2);
    assert!(
        run.stderr.contains("unknown field `certificateNmae`"),
        "{}",
        run.stderr
    );

    let run = w
        .run(&["license", "validate", "typo.json", "--json"])
        .expect(2);
    assert_eq!(run.json()["ok"], false);

    let run = w.run(&["license", "validate", "missing.json"]).expect(2);
    assert!(run.stderr.contains("missing.json"), "{}", run.stderr);

    let run = w
        .run(&[
            "license",
            "validate",
            &example_arg("business-license.json"),
            "--template",
            "no-such-template",
        ])
        .expect(2);
    assert!(run.stderr.contains("business-license"), "{}", run.stderr);
}

// ---------------------------------------------------------------- id

#[test]
fn id_builds_the_example_identifier() {
    let w = Work::new();
    let args = [
        "license",
        "id",
        "--type-code",
        "11100000000013127D001",
        "--issuer",
        "1133010600248917XL",
        "--serial",
        "2026010500018",
    ];
    let run = w.run(&args).ok();
    assert_eq!(run.stdout.trim(), BUSINESS_LICENSE_ID);
    // And it is the one in the example file.
    assert_eq!(
        example_json("business-license.json")["certificateIdentifier"],
        BUSINESS_LICENSE_ID
    );

    let mut with_json = args.to_vec();
    with_json.push("--json");
    let v = w.run(&with_json).ok().json();
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["identifier"], BUSINESS_LICENSE_ID, "{v}");

    let mut v2 = args.to_vec();
    v2.extend(["--version", "002"]);
    let run = w.run(&v2).ok();
    assert!(
        run.stdout.trim().starts_with(
            "1.2.156.3005.2.11100000000013127D001.1133010600248917XL.2026010500018.002."
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn id_errors_and_parse() {
    let w = Work::new();
    // A serial with a character outside [0-9A-Z] cannot be built.
    w.run(&[
        "license",
        "id",
        "--type-code",
        "11100000000013127D001",
        "--issuer",
        "1133010600248917XL",
        "--serial",
        "2026.0105",
    ])
    .expect(2);
    // Missing parts are a usage error.
    w.run(&["license", "id", "--type-code", "11100000000013127D001"])
        .expect(2);

    let v = w
        .run(&["license", "id", "--parse", BUSINESS_LICENSE_ID, "--json"])
        .ok()
        .json();
    assert_eq!(v["conforming"], true, "{v}");
    assert_eq!(v["serial"], "2026010500018", "{v}");

    let wrong_check = BUSINESS_LICENSE_ID.replace(".P", ".Q");
    let run = w.run(&["license", "id", "--parse", &wrong_check]).ok();
    assert!(
        run.stdout.contains("license.identifier-check-character"),
        "{}",
        run.stdout
    );
    w.run(&["license", "id", "--parse", "not an identifier"])
        .expect(2);
}

// ---------------------------------------------------------------- issue

#[test]
fn issue_writes_a_reproducible_pdf() {
    let w = Work::new();
    let data = example_arg("business-license.json");
    let run = w
        .run(&[
            "issue",
            "--template",
            "business-license",
            "--data",
            &data,
            "--out",
            "a.pdf",
            "--time",
            TIME,
        ])
        .ok();
    assert!(run.stdout.contains("a.pdf"), "{}", run.stdout);
    assert!(run.stdout.contains("diameter 42"), "{}", run.stdout);
    let v = w
        .run(&[
            "issue",
            "--template",
            "business-license",
            "--data",
            &data,
            "--out",
            "b.pdf",
            "--time",
            TIME,
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["seal"]["diameter"], 42.0, "{v}");

    let a = w.read("a.pdf");
    assert!(a.starts_with(b"%PDF-1.7"));
    assert_eq!(v["bytes"], a.len(), "{v}");
    assert!(a == w.read("b.pdf"), "same input and time, different bytes");
    qpdf_check(&w, "a.pdf");

    // Another time, other bytes.
    w.run(&[
        "issue",
        "--template",
        "business-license",
        "--data",
        &data,
        "--out",
        "c.pdf",
        "--time",
        "2026-01-06T02:00:00Z",
    ])
    .ok();
    assert!(a != w.read("c.pdf"));
}

#[test]
fn issue_qualification_with_inline_and_file_photo() {
    let w = Work::new();
    w.run(&[
        "issue",
        "--template",
        "qualification",
        "--data",
        &example_arg("qualification.json"),
        "--out",
        "q.pdf",
        "--time",
        TIME,
    ])
    .ok();
    assert!(w.read("q.pdf").starts_with(b"%PDF-1.7"));
    qpdf_check(&w, "q.pdf");

    // The same photo as a file next to the data file, run from elsewhere.
    let mut m = example_json("qualification.json");
    let uri = m["photo"].as_str().expect("inline photo").to_owned();
    let (_, b64) = uri.split_once(";base64,").expect("data URI");
    std::fs::create_dir(w.path("data")).expect("mkdir");
    w.write("data/photo.img", decode_base64(b64));
    m["photo"] = "photo.img".into();
    w.write("data/q.json", serde_json::to_vec_pretty(&m).expect("json"));
    // The photo is found relative to data/, not to the working directory.
    w.run(&[
        "issue",
        "--template",
        "qualification",
        "--data",
        "data/q.json",
        "--out",
        "q2.pdf",
        "--time",
        TIME,
    ])
    .ok();
    assert!(w.read("q2.pdf").starts_with(b"%PDF-1.7"));

    // A missing photo file is an input error naming it.
    m["photo"] = "nope.jpg".into();
    w.write("data/q3.json", serde_json::to_vec(&m).expect("json"));
    let run = w
        .run(&[
            "issue",
            "--template",
            "qualification",
            "--data",
            "data/q3.json",
            "--out",
            "q3.pdf",
        ])
        .expect(2);
    assert!(run.stderr.contains("nope.jpg"), "{}", run.stderr);
}

#[test]
fn issue_refuses_invalid_metadata_listing_every_problem() {
    let w = Work::new();
    let mut m = example_json("business-license.json");
    m["certificateHolderCode"] = "91330106MA2H0WQ17X".into();
    m.as_object_mut().expect("object").remove("certificateName");
    w.write("bad.json", serde_json::to_vec(&m).expect("json"));
    let run = w
        .run(&[
            "issue",
            "--template",
            "business-license",
            "--data",
            "bad.json",
            "--out",
            "bad.pdf",
        ])
        .expect(2);
    assert!(
        run.stdout.contains("certificateHolderCode"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("certificateName"), "{}", run.stdout);
    assert!(!w.path("bad.pdf").exists());

    let run = w
        .run(&[
            "issue",
            "--template",
            "business-license",
            "--data",
            "bad.json",
            "--out",
            "bad.pdf",
            "--json",
        ])
        .expect(2);
    let v = run.json();
    assert_eq!(v["ok"], false, "{v}");
    assert_eq!(v["problems"].as_array().map(Vec::len), Some(2), "{v}");

    // Usage errors: --data and --batch together, --out without --data, a bad
    // time, an unknown template.
    let data = example_arg("business-license.json");
    w.run(&[
        "issue",
        "--template",
        "business-license",
        "--data",
        &data,
        "--batch",
        "x.jsonl",
        "--out",
        "x.pdf",
    ])
    .expect(2);
    w.run(&["issue", "--template", "business-license", "--out", "x.pdf"])
        .expect(2);
    w.run(&[
        "issue",
        "--template",
        "business-license",
        "--data",
        &data,
        "--out-dir",
        "d",
    ])
    .expect(2);
    w.run(&[
        "issue",
        "--template",
        "business-license",
        "--data",
        &data,
        "--out",
        "x.pdf",
        "--time",
        "yesterday",
    ])
    .expect(2);
    w.run(&[
        "issue",
        "--template",
        "nope",
        "--data",
        &data,
        "--out",
        "x.pdf",
    ])
    .expect(2);
}

// ---------------------------------------------------------------- batch

/// Five rows from the business-license example; row 3 (line 3) has a bad
/// holder code. Returns the certificate numbers.
fn write_rows(w: &Work) -> Vec<String> {
    let base = example_json("business-license.json");
    let mut lines = Vec::new();
    let mut numbers = Vec::new();
    for i in 0..5 {
        let mut m = base.clone();
        let number = format!("33010600020260105{i:04}");
        m["certificateNumber"] = number.clone().into();
        m["certificateHolderName"] = format!("某某科技{i}号有限公司").into();
        if i == 2 {
            m["certificateHolderCode"] = "91330106MA2H0WQ17X".into();
        }
        lines.push(serde_json::to_string(&m).expect("json"));
        numbers.push(number);
    }
    w.write("rows.jsonl", lines.join("\n") + "\n");
    numbers
}

#[test]
fn batch_issues_the_good_rows_and_names_the_bad_line() {
    let w = Work::new();
    let numbers = write_rows(&w);
    let run = w
        .run(&[
            "issue",
            "--template",
            "business-license",
            "--batch",
            "rows.jsonl",
            "--out-dir",
            "out",
            "--time",
            TIME,
            "--quiet",
        ])
        .expect(2);
    assert!(
        run.stdout.contains("issued 4 of 5 in ") && run.stdout.contains("docs/s); 1 failed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("line 3:") && l.contains("certificateHolderCode")),
        "{}",
        run.stdout
    );
    // --quiet: only the final error line on stderr, no progress bar.
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("error:"), "{}", run.stderr);
    assert!(!run.stderr.contains('\r') && !run.stderr.contains("/5"));

    let mut written: Vec<String> = std::fs::read_dir(w.path("out"))
        .expect("out dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let expected: Vec<String> = [0, 1, 3, 4]
        .iter()
        .map(|&i| format!("{}.pdf", numbers[i]))
        .collect();
    assert_eq!(written, expected);
    for name in &expected {
        assert!(w.read(&format!("out/{name}")).starts_with(b"%PDF-1.7"));
    }
    qpdf_check(&w, &format!("out/{}", expected[0]));

    // One worker gives the same bytes as a single issue of the same row.
    let single_row: Value =
        serde_json::from_str(w.read_text("rows.jsonl").lines().next().expect("row"))
            .expect("row json");
    w.write("row1.json", serde_json::to_vec(&single_row).expect("json"));
    w.run(&[
        "issue",
        "--template",
        "business-license",
        "--data",
        "row1.json",
        "--out",
        "row1.pdf",
        "--time",
        TIME,
    ])
    .ok();
    w.run(&[
        "issue",
        "--template",
        "business-license",
        "--batch",
        "rows.jsonl",
        "--out-dir",
        "out1",
        "--time",
        TIME,
        "--jobs",
        "1",
    ])
    .expect(2);
    assert!(w.read("row1.pdf") == w.read(&format!("out1/{}", expected[0])));
    assert!(w.read(&format!("out/{}", expected[1])) == w.read(&format!("out1/{}", expected[1])));
}

#[test]
fn batch_json_collisions_and_bad_lines() {
    let w = Work::new();
    let base = example_json("business-license.json");
    let mut a = base.clone();
    a["certificateNumber"] = "NO/1 2".into();
    let b = a.clone();
    let mut c = base;
    c["certificateNumber"] = "营业执照A".into();
    let lines = [
        serde_json::to_string(&a).expect("json"),
        String::new(),
        serde_json::to_string(&b).expect("json"),
        "{not json".to_owned(),
        serde_json::to_string(&c).expect("json"),
    ];
    w.write("rows.jsonl", lines.join("\n"));
    let run = w
        .run(&[
            "issue",
            "--template",
            "business-license",
            "--batch",
            "rows.jsonl",
            "--out-dir",
            "out",
            "--time",
            TIME,
            "--json",
        ])
        .expect(2);
    let v = run.json();
    assert_eq!(v["ok"], false, "{v}");
    assert_eq!(v["total"], 4, "{v}");
    assert_eq!(v["issued"], 3, "{v}");
    assert_eq!(v["failures"][0]["line"], 4, "{v}");
    for name in ["NO_1_2.pdf", "NO_1_2-3.pdf", "营业执照A.pdf"] {
        assert!(w.path("out").join(name).exists(), "{name}: {v}");
    }

    // All good: exit 0, JSON ok.
    w.write(
        "good.jsonl",
        serde_json::to_string(&c).expect("json") + "\n",
    );
    let v = w
        .run(&[
            "issue",
            "--template",
            "business-license",
            "--batch",
            "good.jsonl",
            "--out-dir",
            "good",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["issued"], 1, "{v}");
}
