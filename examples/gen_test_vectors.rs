//! Writes gmseal's language-neutral test vectors (`test-vectors/`).
//!
//! ```text
//! cargo run --example gen_test_vectors -- test-vectors
//! ```
//!
//! Every expected value comes from one of three places, and each JSON test group
//! names its source:
//!
//! 1. **Published standards** (GB/T 32905, GB/T 32907, GB/T 32918.5, RFC 8998),
//!    typed in below with the clause they come from.
//! 2. **OpenSSL** (and, for SM4-GCM, pyca/cryptography): the `make.sh` scripts in
//!    `test-vectors/openssl/` and `test-vectors/pki/openssl/` run the commands once
//!    and commit their outputs (`results.txt`, `info.txt`, certificates). This
//!    program only reads those files; it never runs OpenSSL. Where a value has two
//!    oracles (a standard and OpenSSL, or OpenSSL and Python's hashlib) it checks
//!    that they agree and refuses to write anything otherwise.
//! 3. **gmseal itself**, for what only gmseal can make: the certificates, CRLs and
//!    CMS files in `pki/gmseal/` and `cms/`, and one encrypted PKCS#8 key. These use
//!    `DeterministicRandom` seeds and the fixed time 2026-01-01T00:00:00Z, so two
//!    runs give byte-identical files. `tests/vectors.rs` includes this file and
//!    regenerates into a temporary directory to check the committed files for drift.
//!
//! Negative vectors (flipped bytes, malformed DER, modified OIDs) are made by
//! editing bytes of valid vectors here; the edit is described in each test's comment.

use gmseal::Timestamp;
use gmseal::cms::{OidFamily, SignedDataBuilder};
use gmseal::crypto::{DeterministicRandom, Pbes2Params, PrivateKey, PublicKey, Signature, Signer};
use gmseal::pki::{
    Certificate, CertificateParams, Crl, CrlParams, DistinguishedName, Profile, RevocationReason,
    RevokedCertificate,
};
use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

type Res<T> = Result<T, Box<dyn Error>>;

/// The seed of every gmseal-made key, serial number and certificate.
pub(crate) const PKI_SEED: &[u8] = b"gmseal test vectors";
/// The seed of the salt and IV of the gmseal-made encrypted PKCS#8 key.
pub(crate) const PKCS8_SEED: &[u8] = b"gmseal test vectors pkcs8";
/// The time at which the gmseal PKI is issued.
pub(crate) const PKI_TIME: &str = "2026-01-01T00:00:00Z";
/// The value of the `schema` field of every file.
pub(crate) const SCHEMA: &str = "gmseal-vectors-v1";

#[allow(dead_code)]
fn main() -> Res<()> {
    let out = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("test-vectors"));
    let written = generate(&out, &out)?;
    eprintln!("wrote {} files under {}", written.len(), out.display());
    Ok(())
}

/// Generate every gmseal-written file of `test-vectors/` into `out`, reading the
/// committed oracle outputs from `inputs` (the `test-vectors/` directory).
/// Returns the paths written, relative to `out`, with `/` separators.
pub(crate) fn generate(inputs: &Path, out: &Path) -> Res<Vec<String>> {
    let oracle = Oracle::load(&inputs.join("openssl/results.txt"))?;
    let pki_info = Oracle::load(&inputs.join("pki/openssl/info.txt"))?;
    let mut w = Writer {
        root: out.to_path_buf(),
        written: Vec::new(),
    };
    w.json("sm3.json", sm3_vectors(&oracle)?)?;
    w.json("sm4.json", sm4_vectors(&oracle)?)?;
    w.json("sm2_sign.json", sm2_sign_vectors(&oracle)?)?;
    w.json("sm2_keys.json", sm2_key_vectors(&oracle)?)?;
    w.json("hmac_sm3.json", hmac_vectors(&oracle)?)?;
    w.json("pbkdf2_sm3.json", pbkdf2_vectors(&oracle)?)?;
    w.json("pkcs8_encrypted.json", pkcs8_vectors(&oracle)?)?;
    let pki = make_pki()?;
    let pki_json = pki_vectors(&pki, &pki_info, &mut w)?;
    w.json("pki/vectors.json", pki_json)?;
    let cms_json = cms_vectors(&pki, &mut w)?;
    w.json("cms/vectors.json", cms_json)?;
    Ok(w.written)
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

struct Writer {
    root: PathBuf,
    written: Vec<String>,
}

impl Writer {
    fn file(&mut self, rel: &str, bytes: &[u8]) -> Res<()> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, bytes)?;
        self.written.push(rel.to_owned());
        Ok(())
    }

    fn json(&mut self, rel: &str, v: Vectors) -> Res<()> {
        let text = v.render()?;
        self.file(rel, text.as_bytes())
    }
}

/// A JSON value whose objects keep their key order (serde_json sorts keys).
#[derive(Clone, Debug)]
enum J {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl From<&str> for J {
    fn from(s: &str) -> Self {
        J::Str(s.to_owned())
    }
}
impl From<String> for J {
    fn from(s: String) -> Self {
        J::Str(s)
    }
}
impl From<&String> for J {
    fn from(s: &String) -> Self {
        J::Str(s.clone())
    }
}
impl From<bool> for J {
    fn from(b: bool) -> Self {
        J::Bool(b)
    }
}
impl From<i64> for J {
    fn from(n: i64) -> Self {
        J::Int(n)
    }
}
impl From<u32> for J {
    fn from(n: u32) -> Self {
        J::Int(i64::from(n))
    }
}
impl From<usize> for J {
    fn from(n: usize) -> Self {
        J::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<Vec<J>> for J {
    fn from(v: Vec<J>) -> Self {
        J::Arr(v)
    }
}
impl<T: Into<J>> From<Option<T>> for J {
    fn from(v: Option<T>) -> Self {
        v.map_or(J::Null, Into::into)
    }
}

macro_rules! obj {
    ($($k:expr => $v:expr),* $(,)?) => {
        J::Obj(vec![$(($k.to_string(), J::from($v))),*])
    };
}

impl J {
    /// The same object with one more key.
    fn with(mut self, key: &str, value: impl Into<J>) -> J {
        if let J::Obj(fields) = &mut self {
            fields.push((key.to_owned(), value.into()));
        }
        self
    }

    fn is_scalar(&self) -> bool {
        !matches!(self, J::Arr(_) | J::Obj(_))
    }

    fn render(&self, out: &mut String, indent: usize) -> Res<()> {
        let pad = |n: usize| " ".repeat(n);
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Int(n) => out.push_str(&n.to_string()),
            J::Str(s) => out.push_str(&serde_json::to_string(s)?),
            J::Arr(items) if items.is_empty() => out.push_str("[]"),
            J::Arr(items) if items.iter().all(J::is_scalar) && items.len() <= 8 => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.render(out, indent)?;
                }
                out.push(']');
            }
            J::Arr(items) => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&pad(indent + 2));
                    item.render(out, indent + 2)?;
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&pad(indent));
                out.push(']');
            }
            J::Obj(fields) if fields.is_empty() => out.push_str("{}"),
            J::Obj(fields) => {
                out.push_str("{\n");
                for (i, (k, v)) in fields.iter().enumerate() {
                    out.push_str(&pad(indent + 2));
                    out.push_str(&serde_json::to_string(k)?);
                    out.push_str(": ");
                    v.render(out, indent + 2)?;
                    out.push_str(if i + 1 < fields.len() { ",\n" } else { "\n" });
                }
                out.push_str(&pad(indent));
                out.push('}');
            }
        }
        Ok(())
    }
}

fn hexj(bytes: &[u8]) -> J {
    J::Str(hex::encode(bytes))
}

fn flags(list: &[&str]) -> J {
    J::Arr(list.iter().map(|f| J::from(*f)).collect())
}

/// Printable text for a `...Text` field, when the bytes are readable UTF-8.
fn text_of(bytes: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(bytes).ok()?;
    (s.len() <= 200 && !s.chars().any(char::is_control)).then(|| s.to_owned())
}

/// A vector file: the common header, notes on the flags, and groups of tests.
struct Vectors {
    algorithm: &'static str,
    source: String,
    notes: Vec<(&'static str, &'static str)>,
    groups: Vec<Group>,
}

struct Group {
    header: Vec<(String, J)>,
    tests: Vec<J>,
}

impl Group {
    fn new(kind: &str, source: &str) -> Self {
        Self {
            header: vec![
                ("type".into(), kind.into()),
                ("source".into(), source.into()),
            ],
            tests: Vec::new(),
        }
    }

    fn field(mut self, key: &str, value: impl Into<J>) -> Self {
        self.header.push((key.to_owned(), value.into()));
        self
    }

    fn push(&mut self, test: J) {
        self.tests.push(test);
    }
}

impl Vectors {
    fn new(algorithm: &'static str, source: &str) -> Self {
        Self {
            algorithm,
            source: source.to_owned(),
            notes: Vec::new(),
            groups: Vec::new(),
        }
    }

    fn note(mut self, flag: &'static str, meaning: &'static str) -> Self {
        self.notes.push((flag, meaning));
        self
    }

    /// Number the tests (tcId from 1), check that every flag used is explained
    /// and every flag explained is used, and render the file.
    fn render(self) -> Res<String> {
        let mut used = BTreeSet::new();
        let mut tc_id = 0usize;
        let mut groups = Vec::new();
        for group in self.groups {
            let mut tests = Vec::new();
            for test in group.tests {
                let J::Obj(fields) = test else {
                    return Err("a test is not an object".into());
                };
                for (k, v) in &fields {
                    if k == "flags" {
                        let J::Arr(list) = v else {
                            return Err("flags is not an array".into());
                        };
                        for f in list {
                            if let J::Str(s) = f {
                                used.insert(s.clone());
                            }
                        }
                    }
                }
                tc_id += 1;
                let mut numbered = vec![("tcId".to_owned(), J::from(tc_id))];
                numbered.extend(fields);
                tests.push(J::Obj(numbered));
            }
            let mut header = group.header;
            header.push(("tests".into(), J::Arr(tests)));
            groups.push(J::Obj(header));
        }
        let explained: BTreeSet<String> = self.notes.iter().map(|(f, _)| (*f).to_owned()).collect();
        if used != explained {
            return Err(format!(
                "{}: flags used {used:?} differ from flags explained {explained:?}",
                self.algorithm
            )
            .into());
        }
        let file = obj! {
            "algorithm" => self.algorithm,
            "schema" => SCHEMA,
            "generatedBy" => "examples/gen_test_vectors.rs (see test-vectors/README.md)",
            "source" => self.source,
            "numberOfTests" => tc_id,
            "notes" => J::Obj(self.notes.iter().map(|(f, m)| ((*f).to_owned(), J::from(*m))).collect()),
            "testGroups" => J::Arr(groups),
        };
        let mut out = String::new();
        file.render(&mut out, 0)?;
        out.push('\n');
        Ok(out)
    }
}

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

/// `NAME=VALUE` lines written by an oracle script (`#` starts a comment line).
struct Oracle {
    path: PathBuf,
    values: BTreeMap<String, String>,
}

impl Oracle {
    fn load(path: &Path) -> Res<Self> {
        let text = fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e} (run its make.sh)", path.display()))?;
        let mut values = BTreeMap::new();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (k, v) = line
                .split_once('=')
                .ok_or_else(|| format!("{}: bad line {line:?}", path.display()))?;
            values.insert(k.to_owned(), v.to_owned());
        }
        Ok(Self {
            path: path.to_path_buf(),
            values,
        })
    }

    fn get(&self, key: &str) -> Res<&str> {
        self.values
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| format!("{}: no value {key}", self.path.display()).into())
    }

    fn hex(&self, key: &str) -> Res<Vec<u8>> {
        Ok(hex::decode(self.get(key)?).map_err(|e| format!("{key}: {e}"))?)
    }
}

fn h(s: &str) -> Vec<u8> {
    // Only called on the literal constants below, which are valid hex.
    hex::decode(s.replace(' ', "")).unwrap_or_default()
}

/// Two oracles must agree.
fn agree(what: &str, a: &[u8], b: &[u8]) -> Res<()> {
    if a == b {
        Ok(())
    } else {
        Err(format!(
            "{what}: the oracles disagree: {} vs {}",
            hex::encode(a),
            hex::encode(b)
        )
        .into())
    }
}

fn bytes32(v: &[u8]) -> Res<[u8; 32]> {
    Ok(v.try_into()
        .map_err(|_| format!("expected 32 bytes, got {}", v.len()))?)
}

// ---------------------------------------------------------------------------
// SM3
// ---------------------------------------------------------------------------

fn sm3_vectors(o: &Oracle) -> Res<Vectors> {
    let mut v = Vectors::new(
        "SM3",
        "GB/T 32905-2016 Annex A (= GM/T 0004-2012 Annex A) and OpenSSL 3.0 `openssl dgst -sm3` \
         (test-vectors/openssl/make.sh)",
    )
    .note(
        "BlockBoundary",
        "the message length is next to a multiple of the 64-byte block or of the 56-byte limit \
         where the padding (0x80, zeros, 64-bit length) still fits in the last block",
    )
    .note("EmptyInput", "the message is empty")
    .note(
        "LongInput",
        "the message is given as msgRepeat {pattern, count}: `pattern` (hex) repeated `count` times",
    );

    let abc = h("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    let abcd16 = h("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    agree("SM3(abc)", &abc, &o.hex("sm3.abc.digest")?)?;
    agree("SM3(abcd x16)", &abcd16, &o.hex("sm3.abcd16.digest")?)?;
    let mut g = Group::new(
        "Sm3Hash",
        "GB/T 32905-2016 Annex A, examples 1 and 2; also computed with `openssl dgst -sm3`",
    );
    for (comment, msg, digest) in [
        ("Annex A example 1: \"abc\"", b"abc".to_vec(), abc),
        (
            "Annex A example 2: \"abcd\" x 16 (64 bytes, one full block)",
            b"abcd".repeat(16),
            abcd16,
        ),
    ] {
        g.push(obj! {
            "comment" => comment,
            "msg" => hexj(&msg),
            "msgText" => text_of(&msg),
            "digest" => hexj(&digest),
            "result" => "valid",
            "flags" => flags(&[]),
        });
    }
    v.groups.push(g);

    let mut g = Group::new(
        "Sm3Hash",
        "OpenSSL 3.0.19 `openssl dgst -sm3 -binary` over the message (test-vectors/openssl/make.sh); \
         message of length L = bytes 00 01 02 .. (i mod 256). The empty message and one million 'a' \
         are also python3 hashlib.new('sm3') and appear in Bouncy Castle's SM3DigestTest",
    );
    agree(
        "SM3(empty)",
        &o.hex("sm3.len0.digest")?,
        &o.hex("sm3.empty.python")?,
    )?;
    for len in [
        0u32, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000,
    ] {
        let comment = match len {
            0 => "empty message: the padding alone fills one block".to_owned(),
            55 => "55 bytes: the longest message whose padding fits in one block".to_owned(),
            56 => "56 bytes: the length field no longer fits, padding spills into a second block"
                .to_owned(),
            64 => "64 bytes: exactly one block; the padding is a whole second block".to_owned(),
            119 => "119 bytes: the longest two-block message".to_owned(),
            128 => "128 bytes: exactly two blocks".to_owned(),
            1 => "1 byte: 00".to_owned(),
            n => format!("{n}-byte message 00 01 02 .."),
        };
        let f: &[&str] = match len {
            0 => &["EmptyInput"],
            55..=65 | 119..=129 => &["BlockBoundary"],
            _ => &[],
        };
        g.push(obj! {
            "comment" => comment,
            "msg" => hexj(&o.hex(&format!("sm3.len{len}.msg"))?),
            "digest" => hexj(&o.hex(&format!("sm3.len{len}.digest"))?),
            "result" => "valid",
            "flags" => flags(f),
        });
    }
    let million = o.hex("sm3.million_a.digest")?;
    agree("SM3(a x 10^6)", &million, &o.hex("sm3.million_a.python")?)?;
    g.push(obj! {
        "comment" => "one million 'a' (0x61)",
        "msgRepeat" => obj! { "pattern" => "61", "count" => 1_000_000u32 },
        "digest" => hexj(&million),
        "result" => "valid",
        "flags" => flags(&["LongInput"]),
    });
    v.groups.push(g);
    Ok(v)
}

// ---------------------------------------------------------------------------
// SM4
// ---------------------------------------------------------------------------

fn sm4_vectors(o: &Oracle) -> Res<Vectors> {
    let mut v = Vectors::new(
        "SM4",
        "GB/T 32907-2016 Annex A, RFC 8998 Appendix A.1, OpenSSL 3.0 `openssl enc` and \
         pyca/cryptography (test-vectors/openssl/make.sh)",
    )
    .note(
        "Iterated",
        "the block is encrypted `iterations` times in a row with the same key (GB/T 32907 example 2)",
    )
    .note("EmptyInput", "the plaintext is empty")
    .note("CounterWrap", "the 128-bit big-endian counter carries across 64 bits or wraps to zero")
    .note("BadPadding", "the decrypted last block does not end in valid PKCS#7 padding")
    .note("BadLength", "the ciphertext is not a positive multiple of 16 bytes")
    .note("ModifiedTag", "a bit of the GCM tag is flipped")
    .note("ModifiedCiphertext", "a bit of the ciphertext is flipped")
    .note("ModifiedAad", "the additional authenticated data differs from the one sealed")
    .note(
        "TruncatedTag",
        "the tag is shorter than 16 bytes; gmseal's SM4-GCM accepts only full 16-byte tags",
    );

    let key = h("0123456789abcdeffedcba9876543210");
    let ex1 = h("681edf34d206965e86b3e94f536e4246");
    agree("SM4 example 1", &ex1, &o.hex("sm4.ecb.ex1.ct")?)?;
    let mut g = Group::new(
        "Sm4Block",
        "GB/T 32907-2016 Annex A example 1 (= GM/T 0002-2012); also `openssl enc -sm4-ecb -nopad`",
    );
    g.push(obj! {
        "comment" => "Annex A example 1: one block, key = plaintext",
        "key" => hexj(&key), "pt" => hexj(&key), "ct" => hexj(&ex1),
        "result" => "valid", "flags" => flags(&[]),
    });
    v.groups.push(g);

    let mut g = Group::new(
        "Sm4Block",
        "OpenSSL 3.0.19 `openssl enc -sm4-ecb -nopad -K KEY` (test-vectors/openssl/make.sh)",
    );
    for i in 1..=3 {
        g.push(obj! {
            "comment" => format!("single block {i}"),
            "key" => hexj(&o.hex(&format!("sm4.ecb.{i}.key"))?),
            "pt" => hexj(&o.hex(&format!("sm4.ecb.{i}.pt"))?),
            "ct" => hexj(&o.hex(&format!("sm4.ecb.{i}.ct"))?),
            "result" => "valid", "flags" => flags(&[]),
        });
    }
    v.groups.push(g);

    let mut g = Group::new("Sm4BlockIterated", "GB/T 32907-2016 Annex A example 2");
    g.push(obj! {
        "comment" => "Annex A example 2: example 1's block encrypted 1,000,000 times",
        "key" => hexj(&key), "pt" => hexj(&key),
        "iterations" => 1_000_000u32,
        "ct" => hexj(&h("595298c7c6fd271f0402f804c33d3f66")),
        "result" => "valid", "flags" => flags(&["Iterated"]),
    });
    v.groups.push(g);

    let iv = h("000102030405060708090a0b0c0d0e0f");
    let mut g = Group::new(
        "Sm4CbcPkcs7",
        "OpenSSL 3.0.19 `openssl enc -sm4-cbc -K KEY -iv IV` (PKCS#7 padding); the invalid-padding \
         ciphertexts are `openssl enc -sm4-cbc -nopad` of the given block; the bad lengths are cut \
         from the 32-byte vector (test-vectors/openssl/make.sh)",
    )
    .field("key", hexj(&key))
    .field("iv", hexj(&iv));
    for len in [0u32, 1, 15, 16, 17, 31, 32, 64, 100] {
        g.push(obj! {
            "comment" => format!("{len}-byte plaintext 00 01 02 .."),
            "pt" => hexj(&o.hex(&format!("sm4.cbc.len{len}.pt"))?),
            "ct" => hexj(&o.hex(&format!("sm4.cbc.len{len}.ct"))?),
            "result" => "valid",
            "flags" => flags(if len == 0 { &["EmptyInput"] } else { &[] }),
        });
    }
    for (name, what) in [
        ("pad00", "the last plaintext byte is 00"),
        (
            "pad11",
            "the last plaintext byte is 0x11, more than a block",
        ),
        (
            "padmix",
            "the last byte says 2 bytes of padding but the one before is 03",
        ),
    ] {
        g.push(obj! {
            "comment" => format!("invalid padding: {what} (plaintext {})", o.get(&format!("sm4.cbc.{name}.pt"))?),
            "pt" => "",
            "ct" => hexj(&o.hex(&format!("sm4.cbc.{name}.ct"))?),
            "result" => "invalid",
            "flags" => flags(&["BadPadding"]),
            "errorCode" => "crypto.wrong-password",
        });
    }
    let ct32 = o.hex("sm4.cbc.len32.ct")?;
    for (comment, ct) in [
        ("ciphertext cut to 47 bytes", ct32[..47].to_vec()),
        ("empty ciphertext", Vec::new()),
    ] {
        g.push(obj! {
            "comment" => comment,
            "pt" => "",
            "ct" => hexj(&ct),
            "result" => "invalid",
            "flags" => flags(&["BadLength"]),
            "errorCode" => "crypto.wrong-password",
        });
    }
    v.groups.push(g);

    let mut g = Group::new(
        "Sm4Ctr",
        "OpenSSL 3.0.19 `openssl enc -sm4-ctr -K KEY -iv IV` (128-bit big-endian counter starting at \
         IV; test-vectors/openssl/make.sh)",
    )
    .field("key", hexj(&key));
    for len in [1u32, 16, 17, 64, 100] {
        g.push(obj! {
            "comment" => format!("{len}-byte plaintext 00 01 02 .."),
            "iv" => hexj(&iv),
            "pt" => hexj(&o.hex(&format!("sm4.ctr.len{len}.pt"))?),
            "ct" => hexj(&o.hex(&format!("sm4.ctr.len{len}.ct"))?),
            "result" => "valid", "flags" => flags(&[]),
        });
    }
    for (name, civ, what) in [
        (
            "wrap64",
            "0000000000000000fffffffffffffffe",
            "the counter carries from the low 64 bits into the high 64 bits",
        ),
        (
            "wrap128",
            "fffffffffffffffffffffffffffffffe",
            "the counter wraps from 2^128-1 to 0",
        ),
    ] {
        g.push(obj! {
            "comment" => format!("3 blocks: {what}"),
            "iv" => civ,
            "pt" => hexj(&o.hex(&format!("sm4.ctr.{name}.pt"))?),
            "ct" => hexj(&o.hex(&format!("sm4.ctr.{name}.ct"))?),
            "result" => "valid", "flags" => flags(&["CounterWrap"]),
        });
    }
    v.groups.push(g);

    // SM4-GCM: RFC 8998 A.1, checked against pyca/cryptography.
    let nonce = h("00001234567800000000abcd");
    let aad = h("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    let pt = h(
        "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccdddddddddddddddd\
                eeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa",
    );
    let ct = h(
        "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735\
                d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d",
    );
    let tag = h("83de3541e4c2b58177e065a9bf7b62ec");
    agree("RFC 8998 pt", &pt, &o.hex("sm4.gcm.rfc8998.pt")?)?;
    agree("RFC 8998 aad", &aad, &o.hex("sm4.gcm.rfc8998.aad")?)?;
    agree("RFC 8998 ct", &ct, &o.hex("sm4.gcm.rfc8998.ct")?)?;
    agree("RFC 8998 tag", &tag, &o.hex("sm4.gcm.rfc8998.tag")?)?;
    let gcm =
        |comment: &str, aad: &[u8], pt: &[u8], ct: &[u8], tag: &[u8], result: &str, f: &[&str]| {
            let t = obj! {
                "comment" => comment,
                "key" => hexj(&key), "iv" => hexj(&nonce), "aad" => hexj(aad),
                "pt" => hexj(pt), "ct" => hexj(ct), "tag" => hexj(tag),
                "result" => result, "flags" => flags(f),
            };
            if result == "invalid" {
                t.with("errorCode", "crypto.authentication-failed")
            } else {
                t
            }
        };
    let mut g = Group::new(
        "Sm4Gcm",
        "RFC 8998 Appendix A.1 (SM4-GCM), also computed with pyca/cryptography; the invalid tests \
         edit one field of it",
    );
    g.push(gcm("RFC 8998 A.1", &aad, &pt, &ct, &tag, "valid", &[]));
    let mut bad_tag = tag.clone();
    bad_tag[15] ^= 0x01;
    g.push(gcm(
        "RFC 8998 A.1 with the last bit of the tag flipped",
        &aad,
        &pt,
        &ct,
        &bad_tag,
        "invalid",
        &["ModifiedTag"],
    ));
    let mut bad_tag = tag.clone();
    bad_tag[0] ^= 0x80;
    g.push(gcm(
        "RFC 8998 A.1 with the first bit of the tag flipped",
        &aad,
        &pt,
        &ct,
        &bad_tag,
        "invalid",
        &["ModifiedTag"],
    ));
    let mut bad_ct = ct.clone();
    bad_ct[20] ^= 0x04;
    g.push(gcm(
        "RFC 8998 A.1 with a ciphertext bit flipped (byte 20)",
        &aad,
        &pt,
        &bad_ct,
        &tag,
        "invalid",
        &["ModifiedCiphertext"],
    ));
    let mut bad_aad = aad.clone();
    bad_aad[0] ^= 0x01;
    g.push(gcm(
        "RFC 8998 A.1 with the first AAD byte changed",
        &bad_aad,
        &pt,
        &ct,
        &tag,
        "invalid",
        &["ModifiedAad"],
    ));
    g.push(gcm(
        "RFC 8998 A.1 without its AAD",
        &[],
        &pt,
        &ct,
        &tag,
        "invalid",
        &["ModifiedAad"],
    ));
    g.push(gcm(
        "RFC 8998 A.1 with the tag cut to 12 bytes",
        &aad,
        &pt,
        &ct,
        &tag[..12],
        "invalid",
        &["TruncatedTag"],
    ));
    v.groups.push(g);

    let mut g = Group::new(
        "Sm4Gcm",
        "pyca/cryptography 48 (OpenSSL 4.0) `Cipher(algorithms.SM4(key), modes.GCM(nonce))`; key and \
         nonce of RFC 8998 A.1 (test-vectors/openssl/make.sh)",
    );
    for (name, comment, f) in [
        (
            "empty",
            "empty plaintext and AAD: the tag alone",
            &["EmptyInput"][..],
        ),
        ("aadonly", "AAD only (GMAC)", &["EmptyInput"][..]),
        ("block", "one block, no AAD", &[][..]),
        (
            "odd",
            "61-byte plaintext, 13-byte AAD (neither a multiple of 16)",
            &[][..],
        ),
    ] {
        g.push(gcm(
            comment,
            &o.hex(&format!("sm4.gcm.{name}.aad"))?,
            &o.hex(&format!("sm4.gcm.{name}.pt"))?,
            &o.hex(&format!("sm4.gcm.{name}.ct"))?,
            &o.hex(&format!("sm4.gcm.{name}.tag"))?,
            "valid",
            f,
        ));
    }
    v.groups.push(g);
    Ok(v)
}

// ---------------------------------------------------------------------------
// SM2 signatures
// ---------------------------------------------------------------------------

const DEFAULT_ID: &[u8] = b"1234567812345678";
const ORDER_N: &str = "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123";

/// GB/T 32918.5-2017 Annex A (= GM/T 0003.5-2012 Annex A), recommended curve.
struct AnnexA;
impl AnnexA {
    const D: &'static str = "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8";
    const PUB: &'static str = "04\
        09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020\
        ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13";
    const ZA: &'static str = "b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3";
    const E: &'static str = "f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640";
    const K: &'static str = "59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21";
    const R: &'static str = "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3";
    const S: &'static str = "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa";
    const MSG: &'static [u8] = b"message digest";
}

/// A DER TLV (definite length, short or long form).
fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    let len = body.len().to_be_bytes();
    let first = len.iter().position(|&b| b != 0).unwrap_or(len.len() - 1);
    let mut out = vec![tag];
    match u8::try_from(body.len()) {
        Ok(short) if short < 0x80 => out.push(short),
        _ => {
            out.push(0x80 | u8::try_from(len.len() - first).unwrap_or(0));
            out.extend_from_slice(&len[first..]);
        }
    }
    out.extend_from_slice(body);
    out
}

/// The minimal DER INTEGER content of a non-negative big-endian number.
fn int_body(v: &[u8]) -> Vec<u8> {
    let first = v
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(v.len().saturating_sub(1));
    let mut body = Vec::new();
    if v.get(first).is_some_and(|b| b & 0x80 != 0) {
        body.push(0);
    }
    body.extend_from_slice(&v[first..]);
    body
}

fn der_sig(r: &[u8], s: &[u8]) -> Vec<u8> {
    let mut body = tlv(0x02, &int_body(r));
    body.extend(tlv(0x02, &int_body(s)));
    tlv(0x30, &body)
}

/// Big-endian `a + b` (33 bytes when it carries).
fn add(a: &[u8; 32], b: &[u8; 32]) -> Vec<u8> {
    let mut out = [0u8; 33];
    let mut carry = 0u16;
    for i in (0..32).rev() {
        let sum = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i + 1] = sum.to_be_bytes()[1];
        carry = sum >> 8;
    }
    out[0] = carry.to_be_bytes()[1];
    out.iter().copied().skip_while(|&b| b == 0).collect()
}

/// Big-endian `a - b` for `a >= b`.
fn sub(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut d = i16::from(a[i]) - i16::from(b[i]) - borrow;
        borrow = 0;
        if d < 0 {
            d += 256;
            borrow = 1;
        }
        out[i] = d.to_be_bytes()[1];
    }
    out
}

/// One `Sm2Verify` test.
fn verify_test(
    comment: &str,
    id: &[u8],
    msg: &[u8],
    sig: &[u8],
    format: &str,
    result: &str,
    f: &[&str],
) -> J {
    obj! {
        "comment" => comment,
        "id" => hexj(id),
        "idText" => text_of(id),
        "msg" => hexj(msg),
        "msgText" => text_of(msg),
        "sig" => hexj(sig),
        "sigFormat" => format,
        "result" => result,
        "flags" => flags(f),
    }
}

const MALFORMED: &str = "crypto.malformed-signature";
const BAD_SIGNATURE: &str = "crypto.bad-signature";

fn sm2_sign_vectors(o: &Oracle) -> Res<Vectors> {
    let mut v = Vectors::new(
        "SM2",
        "GB/T 32918.5-2017 Annex A (= GM/T 0003.5-2012 Annex A), OpenSSL 3.0 `openssl pkeyutl` \
         (test-vectors/openssl/make.sh), and edits of those signatures",
    )
    .note("RawEncoding", "the signature is the raw 64-byte r || s, not DER; sigFormat is \"raw\"")
    .note("ShortInteger", "r or s has a leading zero byte, so its DER INTEGER has fewer than 32 content bytes")
    .note("CustomId", "signed and verified with a user ID other than the default 1234567812345678")
    .note("BinaryId", "the user ID is not text")
    .note("EmptyMessage", "the message is empty")
    .note("WrongId", "verified with a user ID other than the one the signature was made with")
    .note("ModifiedMessage", "the message differs from the one signed")
    .note("ModifiedSignature", "a byte of r or s was changed, or r and s were swapped")
    .note("RangeCheck", "r or s is 0, n, or larger than n (GB/T 32918.2 §7.1 B1/B2: both must be in [1, n-1])")
    .note("SumIsOrder", "r + s = n, so t = 0 (GB/T 32918.2 §7.1 B5)")
    .note("BerEncoding", "valid BER but not DER: a non-minimal INTEGER or a long-form length")
    .note("NegativeInteger", "an INTEGER lacks the 00 sign byte its high bit needs, so it is negative")
    .note("TrailingData", "bytes follow the signature, outside or inside the SEQUENCE")
    .note("Truncated", "the encoding is cut short")
    .note("WrongTag", "a tag other than SEQUENCE (0x30) or INTEGER (0x02)")
    .note("InvalidLength", "neither DER nor 64 bytes")
    .note(
        "EmptyId",
        "signed with ZA of the EMPTY user ID (what OpenSSL does without -pkeyopt distid): invalid \
         under default options, valid when the verifier accepts the empty-ID variant (validWith: acceptEmptyId)",
    )
    .note(
        "NoZa",
        "signed over e = SM3(M) without ZA (GmSSL's CMS; OpenSSL pkeyutl without -rawin): invalid \
         under default options, valid when the verifier accepts the no-ZA variant (validWith: acceptNoZa)",
    );

    // Annex A: the full known-answer test.
    let d = h(AnnexA::D);
    let public = h(AnnexA::PUB);
    let r = bytes32(&h(AnnexA::R))?;
    let s = bytes32(&h(AnnexA::S))?;
    let n = bytes32(&h(ORDER_N))?;
    let der = der_sig(&r, &s);
    agree(
        "Annex A DER signature",
        &der,
        &h(&format!("3046022100{}022100{}", AnnexA::R, AnnexA::S)),
    )?;
    agree("Annex A private key (OpenSSL)", &d, &o.hex("sm2.annexa.d")?)?;
    agree(
        "Annex A public key (OpenSSL)",
        &public,
        &o.hex("sm2.annexa.pub")?,
    )?;
    if o.get("sm2.annexa.openssl_verify")? != "ok" {
        return Err("OpenSSL did not verify the Annex A signature".into());
    }
    let mut g = Group::new(
        "Sm2SignKat",
        "GB/T 32918.5-2017 Annex A (= GM/T 0003.5-2012 Annex A; values also in openssl \
         test/sm2_internal_test.c); OpenSSL `pkeyutl -verify -pkeyopt distid:1234567812345678` \
         verifies the DER signature (test-vectors/openssl/make.sh)",
    );
    g.push(obj! {
        "comment" => "Annex A: recommended curve, ID \"1234567812345678\", M = \"message digest\"",
        "privateKey" => hexj(&d),
        "publicKey" => hexj(&public),
        "id" => hexj(DEFAULT_ID),
        "idText" => text_of(DEFAULT_ID),
        "za" => hexj(&h(AnnexA::ZA)),
        "msg" => hexj(AnnexA::MSG),
        "msgText" => text_of(AnnexA::MSG),
        "e" => hexj(&h(AnnexA::E)),
        "k" => hexj(&h(AnnexA::K)),
        "r" => hexj(&r),
        "s" => hexj(&s),
        "sig" => hexj(&der),
        "sigFormat" => "der",
        "result" => "valid",
        "flags" => flags(&[]),
    });
    v.groups.push(g);

    // Verification with the Annex A key.
    let id = DEFAULT_ID;
    let msg = AnnexA::MSG;
    let mut g = Group::new(
        "Sm2Verify",
        "GB/T 32918.5-2017 Annex A signature and edits of it; OpenSSL 3.0 `pkeyutl` signatures with \
         the Annex A key (random k; test-vectors/openssl/make.sh)",
    )
    .field("publicKey", hexj(&public));
    g.push(verify_test(
        "Annex A signature, DER",
        id,
        msg,
        &der,
        "der",
        "valid",
        &[],
    ));
    let raw = [r, s].concat();
    g.push(verify_test(
        "Annex A signature as raw r || s",
        id,
        msg,
        &raw,
        "raw",
        "valid",
        &["RawEncoding"],
    ));
    {
        let mut bad = |comment: &str, id: &[u8], msg: &[u8], sig: &[u8], f: &[&str], code: &str| {
            let format = if f.contains(&"RawEncoding") || f.contains(&"InvalidLength") {
                "raw"
            } else {
                "der"
            };
            g.push(
                verify_test(comment, id, msg, sig, format, "invalid", f).with("errorCode", code),
            );
        };
        let id_9 = b"1234567812345679";
        bad(
            "Annex A signature verified with ID 1234567812345679",
            id_9,
            msg,
            &der,
            &["WrongId"],
            BAD_SIGNATURE,
        );
        bad(
            "Annex A signature verified with the empty ID",
            b"",
            msg,
            &der,
            &["WrongId"],
            BAD_SIGNATURE,
        );
        let f = &["ModifiedMessage"][..];
        bad(
            "message \"message digesT\"",
            id,
            b"message digesT",
            &der,
            f,
            BAD_SIGNATURE,
        );
        bad(
            "message with a trailing NUL",
            id,
            b"message digest\0",
            &der,
            f,
            BAD_SIGNATURE,
        );
        // Flipped bytes: offsets in the 72-byte DER. r: bytes 5..37, s: bytes 40..72.
        for (offset, what) in [
            (5usize, "first byte of r"),
            (36, "last byte of r"),
            (40, "first byte of s"),
            (71, "last byte of s"),
            (20, "a middle byte of r"),
        ] {
            let mut flipped = der.clone();
            flipped[offset] ^= 0x01;
            let comment = format!("{what} XOR 0x01 (DER offset {offset})");
            bad(
                &comment,
                id,
                msg,
                &flipped,
                &["ModifiedSignature"],
                BAD_SIGNATURE,
            );
        }
        let f = &["ModifiedSignature"][..];
        bad(
            "r and s swapped",
            id,
            msg,
            &der_sig(&s, &r),
            f,
            BAD_SIGNATURE,
        );
        let swapped = [s, r].concat();
        let f = &["RawEncoding", "ModifiedSignature"][..];
        bad("raw s || r (swapped)", id, msg, &swapped, f, BAD_SIGNATURE);

        let zero = [0u8; 32];
        let f = &["RangeCheck"][..];
        bad("r = 0", id, msg, &der_sig(&zero, &s), f, MALFORMED);
        bad("s = 0", id, msg, &der_sig(&r, &zero), f, MALFORMED);
        bad("r = n", id, msg, &der_sig(&n, &s), f, MALFORMED);
        bad("s = n", id, msg, &der_sig(&r, &n), f, MALFORMED);
        bad(
            "r = 2^256 - 1",
            id,
            msg,
            &der_sig(&[0xff; 32], &s),
            f,
            MALFORMED,
        );
        let r_plus_n = der_sig(&add(&r, &n), &s);
        bad(
            "r + n instead of r (same value mod n, 33 bytes)",
            id,
            msg,
            &r_plus_n,
            f,
            MALFORMED,
        );
        let s_plus_n = der_sig(&r, &add(&s, &n));
        bad(
            "s + n instead of s (same value mod n, 33 bytes)",
            id,
            msg,
            &s_plus_n,
            f,
            MALFORMED,
        );
        let f = &["RawEncoding", "RangeCheck"][..];
        bad(
            "raw r || s with r = n",
            id,
            msg,
            &[n, s].concat(),
            f,
            MALFORMED,
        );
        bad(
            "raw r || s with r = 0",
            id,
            msg,
            &[zero, s].concat(),
            f,
            MALFORMED,
        );
        let t_zero = der_sig(&r, &sub(&n, &r));
        bad(
            "s = n - r, so r + s = n",
            id,
            msg,
            &t_zero,
            &["SumIsOrder"],
            BAD_SIGNATURE,
        );

        // Encoding errors.
        let r_int = tlv(0x02, &int_body(&r));
        let s_int = tlv(0x02, &int_body(&s));
        let r_pad = [&[0x02, 0x22, 0x00][..], &int_body(&r)].concat();
        let s_pad = [&[0x02, 0x22, 0x00][..], &int_body(&s)].concat();
        let seq = |parts: &[&[u8]]| tlv(0x30, &parts.concat());
        let f = &["BerEncoding"][..];
        let sig = seq(&[&r_pad, &s_int]);
        bad(
            "r with an extra leading 00 (02 22 00 00 f5 ..)",
            id,
            msg,
            &sig,
            f,
            MALFORMED,
        );
        let sig = seq(&[&r_int, &s_pad]);
        bad(
            "s with an extra leading 00 (02 22 00 00 b1 ..)",
            id,
            msg,
            &sig,
            f,
            MALFORMED,
        );
        let sig = [&[0x30, 0x81, 0x46][..], &der[2..]].concat();
        bad(
            "SEQUENCE length in long form (30 81 46)",
            id,
            msg,
            &sig,
            f,
            MALFORMED,
        );
        let sig = [&[0x30, 0x80][..], &der[2..], &[0, 0]].concat();
        bad(
            "SEQUENCE with indefinite length (30 80 .. 00 00)",
            id,
            msg,
            &sig,
            f,
            MALFORMED,
        );
        let sig = seq(&[&[0x02, 0x00], &s_int]);
        bad("r as an empty INTEGER (02 00)", id, msg, &sig, f, MALFORMED);
        let f = &["NegativeInteger"][..];
        let sig = seq(&[&tlv(0x02, &r), &s_int]);
        bad(
            "r without its 00 sign byte (02 20 f5 ..): a negative INTEGER",
            id,
            msg,
            &sig,
            f,
            MALFORMED,
        );
        let sig = seq(&[&r_int, &tlv(0x02, &s)]);
        bad(
            "s without its 00 sign byte (02 20 b1 ..): a negative INTEGER",
            id,
            msg,
            &sig,
            f,
            MALFORMED,
        );
        let f = &["TrailingData"][..];
        let sig = [&der[..], &[0]].concat();
        bad(
            "one 00 byte after the SEQUENCE",
            id,
            msg,
            &sig,
            f,
            MALFORMED,
        );
        let sig = seq(&[&r_int, &s_int, &[0x02, 0x01, 0x01]]);
        bad(
            "a third INTEGER inside the SEQUENCE",
            id,
            msg,
            &sig,
            f,
            MALFORMED,
        );
        let f = &["Truncated"][..];
        bad(
            "last byte missing",
            id,
            msg,
            &der[..der.len() - 1],
            f,
            MALFORMED,
        );
        bad(
            "only r: cut after the first INTEGER",
            id,
            msg,
            &der[..37],
            f,
            MALFORMED,
        );
        bad("empty signature", id, msg, &[], f, MALFORMED);
        let f = &["WrongTag"][..];
        let mut sig = der.clone();
        sig[0] = 0x31;
        bad(
            "SET tag (0x31) instead of SEQUENCE",
            id,
            msg,
            &sig,
            f,
            MALFORMED,
        );
        let mut sig = der.clone();
        sig[2] = 0x04;
        bad(
            "r tagged OCTET STRING (0x04) instead of INTEGER",
            id,
            msg,
            &sig,
            f,
            MALFORMED,
        );
        let f = &["InvalidLength"][..];
        let sig = [&raw[..], &[0]].concat();
        bad(
            "raw r || s plus one byte (65 bytes)",
            id,
            msg,
            &sig,
            f,
            MALFORMED,
        );
        bad(
            "raw r || s without its last byte (63 bytes)",
            id,
            msg,
            &raw[..63],
            f,
            MALFORMED,
        );
    }
    openssl_verify_tests(
        o,
        &mut g,
        "annexa_default",
        "OpenSSL signature with the Annex A key, default ID",
        &[],
    )?;
    openssl_verify_tests(
        o,
        &mut g,
        "annexa_empty_id",
        "OpenSSL signature with the Annex A key, empty ID (no distid)",
        &["EmptyId"],
    )?;
    openssl_verify_tests(
        o,
        &mut g,
        "annexa_no_za",
        "OpenSSL signature with the Annex A key over SM3(M), no ZA",
        &["NoZa"],
    )?;
    v.groups.push(g);

    // Fresh OpenSSL keys.
    for (key, tests) in [
        (
            "key1",
            vec![
                ("key1_default", "default ID", &[][..]),
                (
                    "key1_empty_msg",
                    "default ID, empty message",
                    &["EmptyMessage"][..],
                ),
                (
                    "key1_empty_id",
                    "empty ID (pkeyutl without distid)",
                    &["EmptyId"][..],
                ),
                (
                    "key1_no_za",
                    "no ZA: pkeyutl -sign over SM3(M) without -rawin",
                    &["NoZa"][..],
                ),
            ],
        ),
        (
            "key2",
            vec![
                ("key2_alice", "ID ALICE123@YAHOO.COM", &["CustomId"][..]),
                (
                    "key2_binary_id",
                    "binary ID 00 ff 01 80 (hexdistid)",
                    &["CustomId", "BinaryId"][..],
                ),
                ("key2_one_byte", "default ID, one-byte message 00", &[][..]),
            ],
        ),
        (
            "key3",
            vec![
                ("key3_msg1000", "default ID, 1000-byte message", &[][..]),
                (
                    "key3_short_r",
                    "default ID, r < 2^248",
                    &["ShortInteger"][..],
                ),
                (
                    "key3_short_s",
                    "default ID, s < 2^248",
                    &["ShortInteger"][..],
                ),
            ],
        ),
    ] {
        let public = o.hex(&format!("sm2.{key}.pub"))?;
        let mut g = Group::new(
            "Sm2Verify",
            &format!(
                "OpenSSL 3.0.19: key test-vectors/openssl/keys/{key}.pem (`openssl genpkey -algorithm SM2`), \
                 signatures `openssl pkeyutl -sign -rawin -digest sm3` with the -pkeyopt named in each \
                 comment (random k; test-vectors/openssl/make.sh)"
            ),
        )
        .field("publicKey", hexj(&public));
        for (name, what, f) in tests {
            openssl_verify_tests(o, &mut g, name, &format!("OpenSSL {key}, {what}"), f)?;
        }
        v.groups.push(g);
    }
    Ok(v)
}

/// The OpenSSL signature `sig.NAME.*`, plus a tampered or wrong-ID companion test.
fn openssl_verify_tests(
    o: &Oracle,
    g: &mut Group,
    name: &str,
    comment: &str,
    f: &[&str],
) -> Res<()> {
    let msg = o.hex(&format!("sig.{name}.msg"))?;
    let sig = o.hex(&format!("sig.{name}.sig"))?;
    let signing_id: Vec<u8> = match name {
        "key2_alice" => b"ALICE123@YAHOO.COM".to_vec(),
        "key2_binary_id" => vec![0x00, 0xff, 0x01, 0x80],
        _ => DEFAULT_ID.to_vec(),
    };
    if f.contains(&"EmptyId") {
        g.push(
            verify_test(comment, DEFAULT_ID, &msg, &sig, "der", "invalid", f)
                .with("validWith", "acceptEmptyId")
                .with("errorCode", BAD_SIGNATURE),
        );
    } else if f.contains(&"NoZa") {
        g.push(
            verify_test(comment, DEFAULT_ID, &msg, &sig, "der", "invalid", f)
                .with("validWith", "acceptNoZa")
                .with("errorCode", BAD_SIGNATURE),
        );
    } else {
        g.push(verify_test(
            comment,
            &signing_id,
            &msg,
            &sig,
            "der",
            "valid",
            f,
        ));
        if signing_id != DEFAULT_ID {
            g.push(
                verify_test(
                    &format!("{comment}, verified with the default ID"),
                    DEFAULT_ID,
                    &msg,
                    &sig,
                    "der",
                    "invalid",
                    &["WrongId"],
                )
                .with("errorCode", BAD_SIGNATURE),
            );
        } else if name == "key1_default" {
            let mut other = msg;
            other.push(b'!');
            g.push(
                verify_test(
                    &format!("{comment}, message with \"!\" appended"),
                    DEFAULT_ID,
                    &other,
                    &sig,
                    "der",
                    "invalid",
                    &["ModifiedMessage"],
                )
                .with("errorCode", BAD_SIGNATURE),
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// SM2 key encodings
// ---------------------------------------------------------------------------

fn sm2_key_vectors(o: &Oracle) -> Res<Vectors> {
    let mut v = Vectors::new(
        "SM2-KEY",
        "SM2 key encodings: SPKI (RFC 5480), PKCS#8 (RFC 5208/5958) and SEC1 (RFC 5915) as OpenSSL 3.0 \
         writes them (test-vectors/openssl/make.sh); the Annex A key is GB/T 32918.5-2017 Annex A",
    )
    .note("Compressed", "the point is SEC1-compressed (02/03 || X)")
    .note("NoCurveParameters", "the inner ECPrivateKey has no [0] parameters (the curve is named only outside it)")
    .note("InvalidPoint", "the public point is not on the SM2 curve")
    .note("WrongCurve", "the key names another curve or algorithm")
    .note("KeyMismatch", "the public key stored with the private key belongs to another key");

    let mut spki = Group::new(
        "Sm2PublicKeySpki",
        "OpenSSL 3.0.19 `openssl pkey -pubout -outform DER`, `openssl ec -pubout -conv_form compressed`",
    );
    let mut pkcs8 = Group::new(
        "Sm2PrivateKeyPkcs8",
        "OpenSSL 3.0.19 `openssl pkcs8 -topk8 -nocrypt -outform DER`; d and the point from \
         `openssl pkey -text -noout`",
    );
    let mut sec1 = Group::new(
        "Sm2PrivateKeySec1",
        "OpenSSL 3.0.19 `openssl ec -outform DER`; d and the point from `openssl pkey -text -noout`",
    );
    for key in ["annexa", "key1", "key2", "key3"] {
        let name = if key == "annexa" {
            "GB/T 32918.5 Annex A key"
        } else {
            key
        };
        let d = o.hex(&format!("sm2.{key}.d"))?;
        let public = o.hex(&format!("sm2.{key}.pub"))?;
        spki.push(obj! {
            "comment" => name,
            "der" => hexj(&o.hex(&format!("sm2.{key}.spki"))?),
            "publicKey" => hexj(&public),
            "result" => "valid", "flags" => flags(&[]),
        });
        spki.push(obj! {
            "comment" => format!("{name}, compressed point"),
            "der" => hexj(&o.hex(&format!("sm2.{key}.spki_compressed"))?),
            "publicKey" => hexj(&public),
            "result" => "valid", "flags" => flags(&["Compressed"]),
        });
        pkcs8.push(obj! {
            "comment" => name,
            "der" => hexj(&o.hex(&format!("sm2.{key}.pkcs8"))?),
            "privateKey" => hexj(&d),
            "publicKey" => hexj(&public),
            "result" => "valid", "flags" => flags(&["NoCurveParameters"]),
        });
        sec1.push(obj! {
            "comment" => name,
            "der" => hexj(&o.hex(&format!("sm2.{key}.sec1"))?),
            "privateKey" => hexj(&d),
            "publicKey" => hexj(&public),
            "result" => "valid", "flags" => flags(&[]),
        });
    }
    // Annex A SPKI and PKCS#8 as given in specs/crypto.md §1.8 must equal OpenSSL's.
    agree(
        "Annex A SPKI",
        &o.hex("sm2.annexa.spki")?,
        &h(&format!(
            "3059301306072a8648ce3d020106082a811ccf5501822d034200{}",
            AnnexA::PUB
        )),
    )?;
    // Invalid edits of the Annex A SPKI.
    let good = o.hex("sm2.annexa.spki")?;
    let mut off_curve = good.clone();
    let last = off_curve.len() - 1;
    off_curve[last] ^= 0x01;
    spki.push(obj! {
        "comment" => "Annex A SPKI with the last bit of y flipped",
        "der" => hexj(&off_curve), "publicKey" => "",
        "result" => "invalid", "flags" => flags(&["InvalidPoint"]),
        "errorCode" => "crypto.invalid-public-key",
    });
    let curve_oid = h("06082a811ccf5501822d");
    let p256_oid = h("06082a8648ce3d030107");
    spki.push(obj! {
        "comment" => "Annex A SPKI naming prime256v1 (1.2.840.10045.3.1.7) instead of the SM2 curve",
        "der" => hexj(&replace_once(&good, &curve_oid, &p256_oid)?), "publicKey" => "",
        "result" => "invalid", "flags" => flags(&["WrongCurve"]),
        "errorCode" => "crypto.unsupported-algorithm",
    });
    // The bare SM2 OID as the algorithm, no parameters: SEQUENCE { SEQUENCE { 1.2.156.10197.1.301 }, BIT STRING }.
    let bitstring = &good[good.len() - 68..];
    let bare = tlv(0x30, &[tlv(0x30, &curve_oid), bitstring.to_vec()].concat());
    spki.push(obj! {
        "comment" => "algorithm = bare sm2 OID 1.2.156.10197.1.301 instead of id-ecPublicKey + curve (rejected by OpenSSL too)",
        "der" => hexj(&bare), "publicKey" => "",
        "result" => "invalid", "flags" => flags(&["WrongCurve"]),
        "errorCode" => "crypto.unsupported-algorithm",
    });
    let mut mismatch = o.hex("sm2.key1.pkcs8")?;
    let key1_pub = o.hex("sm2.key1.pub")?;
    let key2_pub = o.hex("sm2.key2.pub")?;
    mismatch = replace_once(&mismatch, &key1_pub, &key2_pub)?;
    pkcs8.push(obj! {
        "comment" => "key1's PKCS#8 with key2's public key in ECPrivateKey [1]",
        "der" => hexj(&mismatch), "privateKey" => "", "publicKey" => "",
        "result" => "invalid", "flags" => flags(&["NoCurveParameters", "KeyMismatch"]),
        "errorCode" => "crypto.key-mismatch",
    });
    v.groups.push(spki);
    v.groups.push(pkcs8);
    v.groups.push(sec1);
    Ok(v)
}

fn replace_once(hay: &[u8], needle: &[u8], with: &[u8]) -> Res<Vec<u8>> {
    let hits: Vec<usize> = hay
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect();
    let [at] = hits[..] else {
        return Err(format!(
            "{} occurs {} times, expected once",
            hex::encode(needle),
            hits.len()
        )
        .into());
    };
    Ok([&hay[..at], with, &hay[at + needle.len()..]].concat())
}

// ---------------------------------------------------------------------------
// HMAC-SM3 and PBKDF2-HMAC-SM3
// ---------------------------------------------------------------------------

fn hmac_vectors(o: &Oracle) -> Res<Vectors> {
    let mut v = Vectors::new(
        "HMAC-SM3",
        "RFC 2104 HMAC with SM3 (block 64 bytes): OpenSSL 3.0 `openssl mac -digest SM3 -macopt hexkey:KEY HMAC` \
         (test-vectors/openssl/make.sh)",
    )
    .note("LongKey", "the key is longer than the 64-byte block, so it is hashed first")
    .note("BlockKey", "the key is exactly one block long")
    .note("EmptyKey", "the key is empty (equivalent to any all-zero key up to 64 bytes)")
    .note("EmptyMessage", "the message is empty")
    .note("ModifiedTag", "the tag differs from the correct one")
    .note("TruncatedTag", "the tag is shorter than 32 bytes; gmseal's verify accepts only full tags");
    let kat = h("96042a28529e7a438af81eece5b293e0699f481fd372c08c5ac01b8dc4b81856");
    agree(
        "HMAC-SM3(secret, abc)",
        &kat,
        &o.hex("hmac.secret_abc.tag")?,
    )?;
    let mut g = Group::new(
        "MacTest",
        "OpenSSL 3.0.19 `openssl mac`; the first test is also the KAT of specs/crypto.md §1.8 (RustCrypto \
         hmac over sm3, and GmSSL)",
    );
    let cases: [(&str, &str, &[&str]); 10] = [
        ("secret_abc", "key \"secret\", message \"abc\"", &[]),
        (
            "rfc4231_1",
            "RFC 4231 test case 1 inputs (20 x 0x0b, \"Hi There\")",
            &[],
        ),
        ("rfc4231_2", "RFC 4231 test case 2 inputs (\"Jefe\")", &[]),
        ("emptymsg", "16-byte key, empty message", &["EmptyMessage"]),
        ("emptykey", "empty key", &["EmptyKey"]),
        ("zerokey", "key 00: same tag as the empty key", &[]),
        ("key64", "64-byte key", &["BlockKey"]),
        ("key65", "65-byte key", &["LongKey"]),
        (
            "key131",
            "RFC 4231 test case 6 inputs (131 x 0xaa)",
            &["LongKey"],
        ),
        ("msg1000", "1000-byte message", &[]),
    ];
    for (name, comment, f) in cases {
        g.push(obj! {
            "comment" => comment,
            "key" => hexj(&o.hex(&format!("hmac.{name}.key"))?),
            "msg" => hexj(&o.hex(&format!("hmac.{name}.msg"))?),
            "tag" => hexj(&o.hex(&format!("hmac.{name}.tag"))?),
            "result" => "valid", "flags" => flags(f),
        });
    }
    let key = o.hex("hmac.secret_abc.key")?;
    let msg = o.hex("hmac.secret_abc.msg")?;
    let mut bad = kat.clone();
    bad[31] ^= 0x01;
    g.push(obj! {
        "comment" => "key \"secret\", message \"abc\", last bit of the tag flipped",
        "key" => hexj(&key), "msg" => hexj(&msg), "tag" => hexj(&bad),
        "result" => "invalid", "flags" => flags(&["ModifiedTag"]),
        "errorCode" => "crypto.authentication-failed",
    });
    g.push(obj! {
        "comment" => "key \"secret\", message \"abc\", tag cut to 16 bytes",
        "key" => hexj(&key), "msg" => hexj(&msg), "tag" => hexj(&kat[..16]),
        "result" => "invalid", "flags" => flags(&["TruncatedTag"]),
        "errorCode" => "crypto.authentication-failed",
    });
    g.push(obj! {
        "comment" => "key \"secret\", message \"abc\", the tag of the empty key",
        "key" => hexj(&key), "msg" => hexj(&msg), "tag" => hexj(&o.hex("hmac.emptykey.tag")?),
        "result" => "invalid", "flags" => flags(&["ModifiedTag"]),
        "errorCode" => "crypto.authentication-failed",
    });
    v.groups.push(g);
    Ok(v)
}

fn pbkdf2_vectors(o: &Oracle) -> Res<Vectors> {
    let mut v = Vectors::new(
        "PBKDF2-HMAC-SM3",
        "RFC 8018 §5.2 PBKDF2 with HMAC-SM3: OpenSSL 3.0 `openssl kdf ... -kdfopt digest:SM3 PBKDF2`, \
         each cross-checked with python3 hashlib.pbkdf2_hmac('sm3', ...) (test-vectors/openssl/make.sh)",
    )
    .note("MultiBlock", "dkLen is more than one 32-byte PRF output, so blocks 1 and 2 are concatenated")
    .note("EmptyPassword", "the password is empty")
    .note("ZeroIterations", "iterationCount is 0, which RFC 8018 forbids (c is a positive integer)");
    let kat = h("26d7e1f4f586757854bd6bfa1847b3f2");
    agree("PBKDF2 KAT", &kat, &o.hex("pbkdf2.secret_10000.dk")?)?;
    let mut g = Group::new(
        "Pbkdf2Test",
        "OpenSSL 3.0.19 `openssl kdf`; python3 hashlib agrees on every value; the first test is also the KAT \
         of specs/crypto.md §1.8 (RustCrypto pbkdf2 and GmSSL)",
    );
    let cases: [(&str, &str, &[&str]); 10] = [
        (
            "secret_10000",
            "password \"secret\", salt 01..10, 10000 iterations",
            &[],
        ),
        ("rfc6070_1", "RFC 6070 inputs, 1 iteration", &[]),
        ("rfc6070_2", "RFC 6070 inputs, 2 iterations", &[]),
        ("rfc6070_4096", "RFC 6070 inputs, 4096 iterations", &[]),
        (
            "rfc6070_long",
            "RFC 6070 long password and salt, 40-byte key",
            &["MultiBlock"],
        ),
        ("rfc6070_nul", "RFC 6070 inputs with NUL bytes", &[]),
        ("two_blocks", "64-byte key", &["MultiBlock"]),
        ("partial", "20-byte key (a prefix of the 64-byte one)", &[]),
        ("emptypass", "empty password", &["EmptyPassword"]),
        (
            "pkcs8",
            "the parameters of the gmseal-made encrypted PKCS#8 key (2048 iterations)",
            &[],
        ),
    ];
    for (name, comment, f) in cases {
        let dk = o.hex(&format!("pbkdf2.{name}.dk"))?;
        agree(
            &format!("PBKDF2 {name}"),
            &dk,
            &o.hex(&format!("pbkdf2.{name}.python"))?,
        )?;
        let pw = o.hex(&format!("pbkdf2.{name}.password"))?;
        let salt = o.hex(&format!("pbkdf2.{name}.salt"))?;
        let iterations: u32 = o.get(&format!("pbkdf2.{name}.iterations"))?.parse()?;
        g.push(obj! {
            "comment" => comment,
            "password" => hexj(&pw),
            "passwordText" => text_of(&pw),
            "salt" => hexj(&salt),
            "iterationCount" => iterations,
            "dkLen" => dk.len(),
            "dk" => hexj(&dk),
            "result" => "valid", "flags" => flags(f),
        });
    }
    g.push(obj! {
        "comment" => "0 iterations: must be rejected",
        "password" => hexj(b"password"),
        "passwordText" => "password",
        "salt" => hexj(b"salt"),
        "iterationCount" => 0u32,
        "dkLen" => 32usize,
        "dk" => "",
        "result" => "invalid", "flags" => flags(&["ZeroIterations"]),
        "errorCode" => "crypto.invalid-parameter",
    });
    v.groups.push(g);
    Ok(v)
}

// ---------------------------------------------------------------------------
// Encrypted PKCS#8
// ---------------------------------------------------------------------------

fn pkcs8_vectors(o: &Oracle) -> Res<Vectors> {
    let mut v = Vectors::new(
        "PKCS8-ENCRYPTED",
        "PKCS#8 EncryptedPrivateKeyInfo (RFC 5958) with PBES2 (RFC 8018) of the GB/T 32918.5 Annex A key: \
         made by gmseal (PBKDF2-HMAC-SM3 + SM4-CBC, GmSSL's format) and by OpenSSL 3.0 `openssl pkcs8 -topk8`",
    )
    .note("Sm3Prf", "PBKDF2 with hmac-sm3 (1.2.156.10197.1.401.2), as GmSSL and gmseal write")
    .note("Sha256Prf", "PBKDF2 with hmacWithSHA256, as `openssl pkcs8 -v2 sm4-cbc` writes")
    .note("WrongPassword", "the password is not the one the key was encrypted with")
    .note("Truncated", "the DER is cut short")
    .note("CorruptCiphertext", "a byte of encryptedData is changed")
    .note("UnsupportedCipher", "the cipher is not SM4-CBC")
    .note("UnsupportedPrf", "the PBKDF2 PRF is neither hmac-sm3 nor hmacWithSHA256")
    .note("UnsupportedScheme", "the scheme is not PBES2");

    let key = PrivateKey::from_bytes(&bytes32(&h(AnnexA::D))?)?;
    let public = h(AnnexA::PUB);
    agree(
        "Annex A public key",
        &key.public_key().to_sec1_bytes(),
        &public,
    )?;
    let password = b"gmseal test password";
    let rng = DeterministicRandom::new(PKCS8_SEED);
    let ours = key.to_encrypted_pkcs8_der(password, &Pbes2Params { iterations: 2048 }, &rng)?;

    let test = |comment: &str, pw: &[u8], der: &[u8], result: &str, f: &[&str]| {
        let valid = result == "valid";
        obj! {
            "comment" => comment,
            "password" => hexj(pw),
            "passwordText" => text_of(pw),
            "der" => hexj(der),
            "privateKey" => if valid { hexj(&h(AnnexA::D)) } else { J::from("") },
            "publicKey" => if valid { hexj(&public) } else { J::from("") },
            "result" => result,
            "flags" => flags(f),
        }
    };
    let mut g = Group::new(
        "EncryptedPrivateKeyInfo",
        "gmseal `PrivateKey::to_encrypted_pkcs8_der` (examples/gen_test_vectors.rs): Annex A key, password \
         \"gmseal test password\", 2048 iterations, salt and IV from DeterministicRandom::new(b\"gmseal test \
         vectors pkcs8\"); the expected key is the standard's. The invalid tests edit it as their comments say.",
    );
    g.push(test(
        "gmseal: PBKDF2-HMAC-SM3, SM4-CBC",
        password,
        &ours,
        "valid",
        &["Sm3Prf"],
    ));
    g.push(
        test(
            "gmseal file, password \"gmseal test passwore\"",
            b"gmseal test passwore",
            &ours,
            "invalid",
            &["Sm3Prf", "WrongPassword"],
        )
        .with("errorCode", "crypto.wrong-password"),
    );
    g.push(
        test(
            "gmseal file, empty password",
            b"",
            &ours,
            "invalid",
            &["Sm3Prf", "WrongPassword"],
        )
        .with("errorCode", "crypto.wrong-password"),
    );
    g.push(
        test(
            "gmseal file without its last byte",
            password,
            &ours[..ours.len() - 1],
            "invalid",
            &["Sm3Prf", "Truncated"],
        )
        .with("errorCode", "decode.malformed"),
    );
    g.push(
        test(
            "gmseal file cut to its first 64 bytes",
            password,
            &ours[..64],
            "invalid",
            &["Sm3Prf", "Truncated"],
        )
        .with("errorCode", "decode.malformed"),
    );
    let mut corrupt = ours.clone();
    let last = corrupt.len() - 1;
    corrupt[last] ^= 0x01;
    g.push(
        test(
            "gmseal file with the last ciphertext byte XOR 0x01 (breaks the padding)",
            password,
            &corrupt,
            "invalid",
            &["Sm3Prf", "CorruptCiphertext"],
        )
        .with("errorCode", "crypto.wrong-password"),
    );
    let sm4_cbc = h("06082a811ccf550168 02");
    let sm4_unknown = h("06082a811ccf550168 09");
    g.push(
        test("gmseal file with the cipher OID changed from sm4-cbc 1.2.156.10197.1.104.2 to 1.2.156.10197.1.104.9", password, &replace_once(&ours, &sm4_cbc, &sm4_unknown)?, "invalid", &["Sm3Prf", "UnsupportedCipher"])
            .with("errorCode", "crypto.unsupported-algorithm"),
    );
    let hmac_sm3 = h("06092a811ccf5501831102");
    let hmac_unknown = h("06092a811ccf5501831109");
    g.push(
        test("gmseal file with the PRF OID changed from hmac-sm3 1.2.156.10197.1.401.2 to 1.2.156.10197.1.401.9", password, &replace_once(&ours, &hmac_sm3, &hmac_unknown)?, "invalid", &["UnsupportedPrf"])
            .with("errorCode", "crypto.unsupported-algorithm"),
    );
    v.groups.push(g);

    let mut g = Group::new(
        "EncryptedPrivateKeyInfo",
        "OpenSSL 3.0.19 `openssl pkcs8 -topk8 -in keys/annexa.pem -outform DER -passout pass:PASSWORD OPTIONS` \
         with the options in each comment (random salt and IV; test-vectors/openssl/make.sh)",
    );
    let pw = o.hex("p8.sm4_sha256.password")?;
    let der = o.hex("p8.sm4_sha256.der")?;
    let opts = |name: &str| o.get(&format!("p8.{name}.options")).map(str::to_owned);
    g.push(test(
        &format!("OpenSSL {}", opts("sm4_sha256")?),
        &pw,
        &der,
        "valid",
        &["Sha256Prf"],
    ));
    g.push(
        test(
            &format!(
                "OpenSSL {}, password \"openssl test passworD\"",
                opts("sm4_sha256")?
            ),
            b"openssl test passworD",
            &der,
            "invalid",
            &["Sha256Prf", "WrongPassword"],
        )
        .with("errorCode", "crypto.wrong-password"),
    );
    g.push(
        test(
            &format!("OpenSSL {}: AES is not supported", opts("aes256_sha256")?),
            &pw,
            &o.hex("p8.aes256_sha256.der")?,
            "invalid",
            &["Sha256Prf", "UnsupportedCipher"],
        )
        .with("errorCode", "crypto.unsupported-algorithm"),
    );
    g.push(
        test(
            &format!(
                "OpenSSL {}: the PRF is absent, i.e. the default hmacWithSHA1",
                opts("sm4_sha1")?
            ),
            &pw,
            &o.hex("p8.sm4_sha1.der")?,
            "invalid",
            &["UnsupportedPrf"],
        )
        .with("errorCode", "crypto.unsupported-algorithm"),
    );
    g.push(
        test(
            &format!("OpenSSL {}: PBES1", opts("pbes1_3des")?),
            &pw,
            &o.hex("p8.pbes1_3des.der")?,
            "invalid",
            &["UnsupportedScheme"],
        )
        .with("errorCode", "crypto.unsupported-algorithm"),
    );
    v.groups.push(g);
    Ok(v)
}

// ---------------------------------------------------------------------------
// PKI
// ---------------------------------------------------------------------------

/// One gmseal-made certificate and its key.
struct Issued {
    name: &'static str,
    subject: &'static str,
    profile: Profile,
    days: u32,
    issuer: Option<&'static str>,
    cert: Certificate,
    key: PrivateKey,
}

struct Pki {
    certs: Vec<Issued>,
    ca_crl: Crl,
    root_crl: Crl,
}

impl Pki {
    fn get(&self, name: &str) -> Res<&Issued> {
        self.certs
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| format!("no certificate {name}").into())
    }
}

const CRL_DP: &str = "http://crl.gmseal.invalid/ca.crl";
const CA_CRL_TIME: &str = "2026-03-01T00:00:00Z";

/// The gmseal PKI: root -> CA -> seal maker, two signers, TSA; CRLs of the root and the CA.
fn make_pki() -> Res<Pki> {
    let rng = DeterministicRandom::new(PKI_SEED);
    let t0 = Timestamp::parse(PKI_TIME)?;
    // (name, subject, profile, days, issuer)
    let plan: [(&str, &str, Profile, u32, Option<&str>); 8] = [
        (
            "root",
            "CN=gmseal 测试根CA,O=gmseal 测试,C=CN",
            Profile::Root,
            7305,
            None,
        ),
        (
            "ca",
            "CN=gmseal 测试签发CA,O=gmseal 测试,C=CN",
            Profile::IntermediateCa { path_len: Some(0) },
            5479,
            Some("root"),
        ),
        (
            "seal-maker",
            "CN=示例市公安局制章者,O=示例市公安局,C=CN",
            Profile::SealMaker,
            3652,
            Some("ca"),
        ),
        (
            "signer",
            "CN=张三,O=示例单位,L=示例市,C=CN",
            Profile::DocumentSigner,
            3652,
            Some("ca"),
        ),
        (
            "signer-revoked",
            "CN=李四,O=示例单位,L=示例市,C=CN",
            Profile::DocumentSigner,
            3652,
            Some("ca"),
        ),
        (
            "tsa",
            "CN=gmseal 测试时间戳服务,O=gmseal 测试,C=CN",
            Profile::Tsa,
            3652,
            Some("ca"),
        ),
        (
            "signer-no-crl-dp",
            "CN=王五,O=示例单位,C=CN",
            Profile::DocumentSigner,
            365,
            Some("ca"),
        ),
        (
            "root-2065",
            "CN=gmseal 测试长期根CA,O=gmseal 测试,C=CN",
            Profile::Root,
            14610,
            None,
        ),
    ];
    let mut certs: Vec<Issued> = Vec::new();
    for (name, subject, profile, days, issuer) in plan {
        let key = PrivateKey::generate(&rng)?;
        let mut params =
            CertificateParams::new(profile, DistinguishedName::parse(subject)?, t0, days);
        if matches!(profile, Profile::DocumentSigner | Profile::SealMaker)
            && name != "signer-no-crl-dp"
        {
            params.crl_distribution_points.push(CRL_DP.to_owned());
        }
        let cert = match issuer {
            None => params.self_signed(&key, &rng)?,
            Some(issuer) => {
                let parent = certs
                    .iter()
                    .find(|c| c.name == issuer)
                    .ok_or("issuer not yet made")?;
                params.signed_by(key.public_key(), &parent.cert, &parent.key, &rng)?
            }
        };
        certs.push(Issued {
            name,
            subject,
            profile,
            days,
            issuer,
            cert,
            key,
        });
    }
    let pki = Pki {
        ca_crl: {
            let ca = certs.iter().find(|c| c.name == "ca").ok_or("no ca")?;
            let revoked = certs
                .iter()
                .find(|c| c.name == "signer-revoked")
                .ok_or("no revoked")?;
            let mut params = CrlParams::new(Timestamp::parse(CA_CRL_TIME)?, 365, 1);
            params.revoked.push(RevokedCertificate::new(
                &revoked.cert,
                Timestamp::parse(CA_CRL_TIME)?,
                Some(RevocationReason::KeyCompromise),
            ));
            params.sign(&ca.cert, &ca.key)?
        },
        root_crl: {
            let root = certs.iter().find(|c| c.name == "root").ok_or("no root")?;
            CrlParams::new(t0, 365, 1).sign(&root.cert, &root.key)?
        },
        certs,
    };
    Ok(pki)
}

fn profile_usage(p: Profile) -> (Vec<&'static str>, Vec<&'static str>, bool, Option<u8>) {
    // Key usage, extended key usage, cA, pathLen: the table in gmseal's pki::issue docs.
    match p {
        Profile::Root => (vec!["keyCertSign", "cRLSign"], vec![], true, None),
        Profile::IntermediateCa { path_len } => {
            (vec!["keyCertSign", "cRLSign"], vec![], true, path_len)
        }
        Profile::SealMaker => (
            vec!["digitalSignature", "nonRepudiation"],
            vec![],
            false,
            None,
        ),
        Profile::DocumentSigner => (
            vec!["digitalSignature", "nonRepudiation"],
            vec!["1.3.6.1.5.5.7.3.36"],
            false,
            None,
        ),
        _ => (
            vec!["digitalSignature", "nonRepudiation"],
            vec!["1.3.6.1.5.5.7.3.8"],
            false,
            None,
        ),
    }
}

fn strs(v: &[&str]) -> J {
    J::Arr(v.iter().map(|s| J::from(*s)).collect())
}

fn key_id(public: &PublicKey) -> Vec<u8> {
    gmseal::crypto::sm3(&public.to_sec1_bytes())[..20].to_vec()
}

#[allow(clippy::too_many_lines)]
fn pki_vectors(pki: &Pki, info: &Oracle, w: &mut Writer) -> Res<Vectors> {
    let mut v = Vectors::new(
        "PKI-SM2",
        "SM2-with-SM3 X.509 certificates (RFC 5280, GM/T 0015-2012) and CRLs: made by gmseal \
         (examples/gen_test_vectors.rs, files in pki/gmseal/) and by OpenSSL 3.0 (pki/openssl/make.sh)",
    )
    .note("EmptyIdSignature", "the issuer signed with ZA of the empty ID (OpenSSL without -sigopt distid)")
    .note("NotYetValid", "the validation time is before notBefore")
    .note("Expired", "the validation time is after notAfter")
    .note("Boundary", "the validation time is exactly notBefore or notAfter (both inclusive)")
    .note("Revoked", "the CRL lists the certificate with a revocation date at or before the validation time")
    .note("RevokedLater", "the CRL lists the certificate with a revocation date after the validation time")
    .note("StaleCrl", "the CRL's nextUpdate is before the validation time, so it is not used")
    .note("RequireCrl", "revocationPolicy \"require\": every certificate below the anchor needs a current CRL")
    .note("KeyUsage", "the end entity lacks the key usage or extended key usage the purpose needs")
    .note("UnknownIssuer", "no path to a trust anchor");

    // Files.
    for c in &pki.certs {
        w.file(&format!("pki/gmseal/{}.der", c.name), c.cert.der())?;
        w.file(
            &format!("pki/gmseal/{}.pem", c.name),
            c.cert.to_pem().as_bytes(),
        )?;
        w.file(
            &format!("pki/gmseal/{}.key.pem", c.name),
            c.key.to_pkcs8_pem()?.as_bytes(),
        )?;
    }
    for (name, crl) in [("ca-crl", &pki.ca_crl), ("root-crl", &pki.root_crl)] {
        w.file(&format!("pki/gmseal/{name}.der"), crl.der())?;
        w.file(&format!("pki/gmseal/{name}.pem"), crl.to_pem().as_bytes())?;
    }

    // Certificates made by gmseal.
    let t0 = Timestamp::parse(PKI_TIME)?;
    let mut g = Group::new(
        "CertificateParse",
        "gmseal `CertificateParams::self_signed` / `signed_by` in examples/gen_test_vectors.rs: keys and \
         serial numbers from DeterministicRandom::new(b\"gmseal test vectors\") in the order listed, \
         notBefore 2026-01-01T00:00:00Z; subjects, validity, key usages and extensions are the inputs \
         given to gmseal (profile table in src/pki/issue.rs); serials and key identifiers are gmseal's \
         output, cross-checked with `openssl x509` (test-vectors/README.md)",
    );
    for c in &pki.certs {
        let (ku, eku, ca, path_len) = profile_usage(c.profile);
        let issuer = match c.issuer {
            Some(i) => pki.get(i)?,
            None => c,
        };
        let dp: Vec<&str> = if matches!(c.profile, Profile::DocumentSigner | Profile::SealMaker)
            && c.name != "signer-no-crl-dp"
        {
            vec![CRL_DP]
        } else {
            vec![]
        };
        g.push(obj! {
            "comment" => format!("gmseal {}: profile {}", c.name, c.profile.name()),
            "file" => format!("gmseal/{}.der", c.name),
            "pemFile" => format!("gmseal/{}.pem", c.name),
            "privateKeyFile" => format!("gmseal/{}.key.pem", c.name),
            "issuerFile" => format!("gmseal/{}.der", issuer.name),
            "subject" => c.subject,
            "issuer" => issuer.subject,
            "serial" => hex::encode(c.cert.serial_number()),
            "notBefore" => t0.to_string(),
            "notAfter" => t0.plus_days(c.days).minus_seconds(1).to_string(),
            "isCa" => ca,
            "pathLen" => path_len.map(u32::from),
            "keyUsage" => strs(&ku),
            "extendedKeyUsage" => strs(&eku),
            "crlDistributionPoints" => strs(&dp),
            "publicKey" => hexj(&c.key.public_key().to_sec1_bytes()),
            "subjectKeyId" => hexj(&key_id(c.key.public_key())),
            "authorityKeyId" => c.issuer.map(|_| hex::encode(key_id(issuer.key.public_key()))),
            "signatureDefaultId" => "valid",
            "signatureAcceptEmptyId" => "valid",
            "result" => "valid",
            "flags" => flags(&[]),
        });
    }
    v.groups.push(g);

    // Certificates made by OpenSSL.
    let mut g = Group::new(
        "CertificateParse",
        "OpenSSL 3.0.19 `openssl req -x509` / `openssl x509 -req` with -sigopt distid:1234567812345678 or \
         without it (pki/openssl/make.sh); expected values as `openssl x509` prints them (pki/openssl/info.txt). \
         OpenSSL's own `openssl verify` agrees: ee verifies only with -vfyopt distid:1234567812345678, \
         ee-empty-id only without it",
    );
    for (name, want) in [
        ("verify.ee.distid", "ok"),
        ("verify.ee-empty-id.nodistid", "ok"),
        ("verify.ee.nodistid", "fail"),
        ("verify.ee-empty-id.distid", "fail"),
    ] {
        if info.get(name)? != want {
            return Err(format!("OpenSSL's {name} was not {want}").into());
        }
    }
    for (name, issuer, empty_id) in [
        ("root", "root", false),
        ("root-empty-id", "root-empty-id", true),
        ("ee", "root", false),
        ("ee-empty-id", "root", true),
    ] {
        let get = |field: &str| info.get(&format!("{name}.{field}")).map(str::to_owned);
        let ku: Vec<&str> = info
            .get(&format!("{name}.keyUsage"))?
            .split(", ")
            .filter(|s| !s.is_empty())
            .map(|s| match s {
                "Digital Signature" => Ok("digitalSignature"),
                "Non Repudiation" => Ok("nonRepudiation"),
                "Certificate Sign" => Ok("keyCertSign"),
                "CRL Sign" => Ok("cRLSign"),
                other => Err(format!("unknown OpenSSL key usage {other}")),
            })
            .collect::<Result<_, _>>()?;
        let eku: Vec<&str> = info
            .get(&format!("{name}.extendedKeyUsage"))?
            .split(", ")
            .filter(|s| !s.is_empty())
            .map(|s| match s {
                "E-mail Protection" => Ok("1.3.6.1.5.5.7.3.4"),
                other => Err(format!("unknown OpenSSL extended key usage {other}")),
            })
            .collect::<Result<_, _>>()?;
        let aki = get("authorityKeyId")?;
        g.push(obj! {
            "comment" => format!("OpenSSL {name}{}", if empty_id { ", signed with the empty ID" } else { ", signed with ID 1234567812345678" }),
            "file" => format!("openssl/{name}.der"),
            "pemFile" => format!("openssl/{name}.pem"),
            "privateKeyFile" => format!("openssl/{}.key", if name.starts_with("root") { "root" } else { "ee" }),
            "issuerFile" => format!("openssl/{issuer}.der"),
            "subject" => get("subject")?,
            "issuer" => get("issuer")?,
            "serial" => get("serial")?,
            "notBefore" => get("notBefore")?,
            "notAfter" => get("notAfter")?,
            "isCa" => get("basicConstraints")? == "CA:TRUE",
            "pathLen" => J::Null,
            "keyUsage" => strs(&ku),
            "extendedKeyUsage" => strs(&eku),
            "crlDistributionPoints" => strs(&[]),
            "publicKey" => get("publicKey")?,
            "subjectKeyId" => get("subjectKeyId")?,
            "authorityKeyId" => (!aki.is_empty()).then_some(aki),
            "signatureDefaultId" => if empty_id { "invalid" } else { "valid" },
            "signatureAcceptEmptyId" => "valid",
            "result" => "valid",
            "flags" => flags(if empty_id { &["EmptyIdSignature"] } else { &[] }),
        });
    }
    v.groups.push(g);

    // CRLs.
    let revoked = pki.get("signer-revoked")?;
    let mut g = Group::new(
        "CrlParse",
        "gmseal `CrlParams::sign` in examples/gen_test_vectors.rs; the expected values are its inputs",
    );
    g.push(obj! {
        "comment" => "CRL of the issuing CA revoking signer-revoked (keyCompromise)",
        "file" => "gmseal/ca-crl.der",
        "pemFile" => "gmseal/ca-crl.pem",
        "issuerFile" => "gmseal/ca.der",
        "issuer" => pki.get("ca")?.subject,
        "thisUpdate" => CA_CRL_TIME,
        "nextUpdate" => Timestamp::parse(CA_CRL_TIME)?.plus_days(365).to_string(),
        "crlNumber" => "01",
        "revoked" => J::Arr(vec![obj! {
            "serial" => hex::encode(revoked.cert.serial_number()),
            "revocationDate" => CA_CRL_TIME,
            "reason" => "keyCompromise",
        }]),
        "signatureDefaultId" => "valid",
        "result" => "valid",
        "flags" => flags(&[]),
    });
    g.push(obj! {
        "comment" => "empty CRL of the root",
        "file" => "gmseal/root-crl.der",
        "pemFile" => "gmseal/root-crl.pem",
        "issuerFile" => "gmseal/root.der",
        "issuer" => pki.get("root")?.subject,
        "thisUpdate" => PKI_TIME,
        "nextUpdate" => t0.plus_days(365).to_string(),
        "crlNumber" => "01",
        "revoked" => J::Arr(vec![]),
        "signatureDefaultId" => "valid",
        "result" => "valid",
        "flags" => flags(&[]),
    });
    v.groups.push(g);

    let mut g = Group::new(
        "CrlParse",
        "OpenSSL 3.0.19 `openssl ca -revoke ee.pem -crl_reason keyCompromise` then `openssl ca -gencrl` \
         with or without -sigopt distid:1234567812345678 (pki/openssl/make.sh); expected values as \
         `openssl crl` prints them (pki/openssl/info.txt)",
    );
    for (name, empty_id) in [("root-crl", false), ("root-crl-empty-id", true)] {
        let get = |field: &str| info.get(&format!("{name}.{field}")).map(str::to_owned);
        let reason = match get("reason")?.as_str() {
            "Key Compromise" => "keyCompromise",
            other => return Err(format!("unknown OpenSSL CRL reason {other}").into()),
        };
        let signed_with = if empty_id {
            "the empty ID"
        } else {
            "ID 1234567812345678"
        };
        g.push(obj! {
            "comment" => format!("OpenSSL CRL of the OpenSSL root revoking ee, signed with {signed_with}"),
            "file" => format!("openssl/{name}.der"),
            "pemFile" => format!("openssl/{name}.pem"),
            "issuerFile" => "openssl/root.der",
            "issuer" => get("issuer")?,
            "thisUpdate" => get("thisUpdate")?,
            "nextUpdate" => get("nextUpdate")?,
            "crlNumber" => get("crlNumber")?,
            "revoked" => J::Arr(vec![obj! {
                "serial" => get("revokedSerial")?,
                "revocationDate" => get("revocationDate")?,
                "reason" => reason,
            }]),
            "signatureDefaultId" => if empty_id { "invalid" } else { "valid" },
            "result" => "valid",
            "flags" => flags(if empty_id { &["EmptyIdSignature"] } else { &[] }),
        });
    }
    v.groups.push(g);

    // Chain validation, gmseal PKI.
    let chain = |comment: &str,
                 ee: &str,
                 time: &str,
                 purpose: &str,
                 crls: &[&str],
                 result: &str,
                 f: &[&str]| {
        obj! {
            "comment" => comment,
            "endEntity" => format!("gmseal/{ee}.der"),
            "intermediates" => strs(&["gmseal/ca.der"]),
            "trustAnchors" => strs(&["gmseal/root.der"]),
            "time" => time,
            "purpose" => purpose,
            "crls" => J::Arr(crls.iter().map(|c| J::from(format!("gmseal/{c}.der"))).collect()),
            "revocationPolicy" => "check-if-available",
            "acceptEmptyId" => false,
            "result" => result,
            "flags" => flags(f),
        }
    };
    let both = ["ca-crl", "root-crl"];
    let mut g = Group::new(
        "ChainValidation",
        "the gmseal PKI above; expected results follow RFC 5280 §6 as gmseal's TrustStore::validate \
         documents it (validity inclusive at both ends; a revocation counts from its revocation date)",
    );
    g.push(
        chain(
            "signer, document signing, no CRLs",
            "signer",
            "2026-06-01T00:00:00Z",
            "document-signing",
            &[],
            "valid",
            &[],
        )
        .with("chainLength", 3u32)
        .with(
            "revocation",
            strs(&["not-checked", "not-checked", "trust-anchor"]),
        ),
    );
    g.push(
        chain(
            "signer with both CRLs",
            "signer",
            "2026-06-01T00:00:00Z",
            "document-signing",
            &both,
            "valid",
            &[],
        )
        .with("chainLength", 3u32)
        .with("revocation", strs(&["good", "good", "trust-anchor"])),
    );
    g.push(
        chain(
            "signer with both CRLs, revocation required",
            "signer",
            "2026-06-01T00:00:00Z",
            "document-signing",
            &both,
            "valid",
            &["RequireCrl"],
        )
        .with("revocationPolicy", "require")
        .with("chainLength", 3u32)
        .with("revocation", strs(&["good", "good", "trust-anchor"])),
    );
    g.push(
        chain(
            "signer with only the CA's CRL, revocation required: the CA itself is unchecked",
            "signer",
            "2026-06-01T00:00:00Z",
            "document-signing",
            &["ca-crl"],
            "invalid",
            &["RequireCrl"],
        )
        .with("revocationPolicy", "require")
        .with("errorCode", "pki.crl"),
    );
    g.push(
        chain(
            "signer in 2027-06 with CRLs that expired 2027-03-01, revocation required",
            "signer",
            "2027-06-01T00:00:00Z",
            "document-signing",
            &both,
            "invalid",
            &["RequireCrl", "StaleCrl"],
        )
        .with("revocationPolicy", "require")
        .with("errorCode", "pki.crl"),
    );
    g.push(
        chain(
            "signer-revoked after its revocation (2026-03-01)",
            "signer-revoked",
            "2026-06-01T00:00:00Z",
            "document-signing",
            &both,
            "invalid",
            &["Revoked"],
        )
        .with("errorCode", "pki.revoked"),
    );
    g.push(
        chain(
            "signer-revoked at its revocation date exactly",
            "signer-revoked",
            CA_CRL_TIME,
            "document-signing",
            &both,
            "invalid",
            &["Revoked", "Boundary"],
        )
        .with("errorCode", "pki.revoked"),
    );
    g.push(
        chain(
            "signer-revoked one second before its revocation",
            "signer-revoked",
            "2026-02-28T23:59:59Z",
            "document-signing",
            &both,
            "valid",
            &["RevokedLater"],
        )
        .with("chainLength", 3u32)
        .with("revocation", strs(&["good", "good", "trust-anchor"])),
    );
    g.push(
        chain(
            "signer-revoked without CRLs: revocation not checked",
            "signer-revoked",
            "2026-06-01T00:00:00Z",
            "document-signing",
            &[],
            "valid",
            &[],
        )
        .with("chainLength", 3u32)
        .with(
            "revocation",
            strs(&["not-checked", "not-checked", "trust-anchor"]),
        ),
    );
    g.push(
        chain(
            "signer-revoked in 2027-06: the CRLs are stale, so not used",
            "signer-revoked",
            "2027-06-01T00:00:00Z",
            "document-signing",
            &both,
            "valid",
            &["StaleCrl"],
        )
        .with("chainLength", 3u32)
        .with(
            "revocation",
            strs(&["not-checked", "not-checked", "trust-anchor"]),
        ),
    );
    g.push(
        chain(
            "signer at notBefore",
            "signer",
            PKI_TIME,
            "document-signing",
            &[],
            "valid",
            &["Boundary"],
        )
        .with("chainLength", 3u32),
    );
    g.push(
        chain(
            "signer one second before notBefore",
            "signer",
            "2025-12-31T23:59:59Z",
            "document-signing",
            &[],
            "invalid",
            &["NotYetValid"],
        )
        .with("errorCode", "pki.expired"),
    );
    g.push(
        chain(
            "signer at notAfter",
            "signer",
            "2035-12-31T23:59:59Z",
            "document-signing",
            &[],
            "valid",
            &["Boundary"],
        )
        .with("chainLength", 3u32),
    );
    g.push(
        chain(
            "signer one second after notAfter",
            "signer",
            "2036-01-01T00:00:00Z",
            "document-signing",
            &[],
            "invalid",
            &["Expired"],
        )
        .with("errorCode", "pki.expired"),
    );
    g.push(
        chain(
            "signer in 2040",
            "signer",
            "2040-01-01T00:00:00Z",
            "document-signing",
            &[],
            "invalid",
            &["Expired"],
        )
        .with("errorCode", "pki.expired"),
    );
    g.push(
        chain(
            "the CA as end entity in 2040-06 (valid to 2040-12-31)",
            "ca",
            "2040-06-01T00:00:00Z",
            "certificate-authority",
            &[],
            "valid",
            &[],
        )
        .with("intermediates", strs(&[]))
        .with("chainLength", 2u32),
    );
    g.push(
        chain(
            "the CA as end entity in 2041",
            "ca",
            "2041-01-01T00:00:00Z",
            "certificate-authority",
            &[],
            "invalid",
            &["Expired"],
        )
        .with("intermediates", strs(&[]))
        .with("errorCode", "pki.expired"),
    );
    g.push(
        chain(
            "the root itself",
            "root",
            "2026-06-01T00:00:00Z",
            "any",
            &[],
            "valid",
            &[],
        )
        .with("intermediates", strs(&[]))
        .with("chainLength", 1u32)
        .with("revocation", strs(&["trust-anchor"])),
    );
    g.push(
        chain(
            "seal maker, seal making",
            "seal-maker",
            "2026-06-01T00:00:00Z",
            "seal-making",
            &both,
            "valid",
            &[],
        )
        .with("chainLength", 3u32),
    );
    g.push(
        chain(
            "TSA, time stamping",
            "tsa",
            "2026-06-01T00:00:00Z",
            "time-stamping",
            &both,
            "valid",
            &[],
        )
        .with("chainLength", 3u32),
    );
    g.push(
        chain(
            "TSA for document signing: its only extended key usage is timeStamping",
            "tsa",
            "2026-06-01T00:00:00Z",
            "document-signing",
            &[],
            "invalid",
            &["KeyUsage"],
        )
        .with("errorCode", "pki.key-usage"),
    );
    g.push(
        chain(
            "TSA for seal making: a time-stamping-only certificate",
            "tsa",
            "2026-06-01T00:00:00Z",
            "seal-making",
            &[],
            "invalid",
            &["KeyUsage"],
        )
        .with("errorCode", "pki.key-usage"),
    );
    g.push(
        chain(
            "signer for time stamping",
            "signer",
            "2026-06-01T00:00:00Z",
            "time-stamping",
            &[],
            "invalid",
            &["KeyUsage"],
        )
        .with("errorCode", "pki.key-usage"),
    );
    g.push(
        chain(
            "signer as a CA",
            "signer",
            "2026-06-01T00:00:00Z",
            "certificate-authority",
            &[],
            "invalid",
            &["KeyUsage"],
        )
        .with("errorCode", "pki.key-usage"),
    );
    g.push(
        chain(
            "signer without the intermediate CA",
            "signer",
            "2026-06-01T00:00:00Z",
            "document-signing",
            &[],
            "invalid",
            &["UnknownIssuer"],
        )
        .with("intermediates", strs(&[]))
        .with("errorCode", "pki.unknown-issuer"),
    );
    g.push(
        chain(
            "signer with the OpenSSL root as the only anchor",
            "signer",
            "2026-06-01T00:00:00Z",
            "document-signing",
            &[],
            "invalid",
            &["UnknownIssuer"],
        )
        .with("trustAnchors", strs(&["openssl/root.der"]))
        .with("errorCode", "pki.unknown-issuer"),
    );
    g.push(
        chain(
            "signer-no-crl-dp (365 days) in 2027",
            "signer-no-crl-dp",
            "2027-01-01T00:00:00Z",
            "document-signing",
            &[],
            "invalid",
            &["Expired"],
        )
        .with("errorCode", "pki.expired"),
    );
    g.push(
        chain(
            "root-2065 (notAfter 2065-12-31T23:59:59Z, a GeneralizedTime) as its own anchor in 2060",
            "root-2065",
            "2060-01-01T00:00:00Z",
            "any",
            &[],
            "valid",
            &[],
        )
        .with("intermediates", strs(&[]))
        .with("trustAnchors", strs(&["gmseal/root-2065.der"]))
        .with("chainLength", 1u32),
    );
    g.push(
        chain(
            "root-2065 in 2066",
            "root-2065",
            "2066-01-01T00:00:00Z",
            "any",
            &[],
            "invalid",
            &["Expired"],
        )
        .with("intermediates", strs(&[]))
        .with("trustAnchors", strs(&["gmseal/root-2065.der"]))
        .with("errorCode", "pki.expired"),
    );
    v.groups.push(g);

    // Chain validation, OpenSSL certificates.
    let nb = Timestamp::parse(info.get("ee.notBefore")?)?;
    let na = Timestamp::parse(info.get("ee.notAfter")?)?;
    let during = nb.plus_days(30).to_string();
    let ossl =
        |comment: &str, ee: &str, time: &str, accept_empty: bool, result: &str, f: &[&str]| {
            obj! {
                "comment" => comment,
                "endEntity" => format!("openssl/{ee}.der"),
                "intermediates" => strs(&[]),
                "trustAnchors" => strs(&["openssl/root.der"]),
                "time" => time,
                "purpose" => "document-signing",
                "crls" => strs(&[]),
                "revocationPolicy" => "check-if-available",
                "acceptEmptyId" => accept_empty,
                "result" => result,
                "flags" => flags(f),
            }
        };
    let mut g = Group::new(
        "ChainValidation",
        "the OpenSSL certificates (pki/openssl/make.sh); times relative to ee's notBefore/notAfter as \
         OpenSSL reports them; document signing accepts the emailProtection extended key usage",
    );
    g.push(
        ossl(
            "OpenSSL ee (ID 1234567812345678), 30 days after notBefore",
            "ee",
            &during,
            false,
            "valid",
            &[],
        )
        .with("chainLength", 2u32),
    );
    g.push(
        ossl(
            "OpenSSL ee-empty-id under default options",
            "ee-empty-id",
            &during,
            false,
            "invalid",
            &["EmptyIdSignature"],
        )
        .with("errorCode", "pki.bad-signature"),
    );
    g.push(
        ossl(
            "OpenSSL ee-empty-id, empty ID accepted",
            "ee-empty-id",
            &during,
            true,
            "valid",
            &["EmptyIdSignature"],
        )
        .with("chainLength", 2u32),
    );
    g.push(
        ossl(
            "OpenSSL ee one day after notAfter",
            "ee",
            &na.plus_days(1).to_string(),
            false,
            "invalid",
            &["Expired"],
        )
        .with("errorCode", "pki.expired"),
    );
    g.push(
        ossl(
            "OpenSSL ee one day before notBefore",
            "ee",
            &nb.minus_seconds(86_400).to_string(),
            false,
            "invalid",
            &["NotYetValid"],
        )
        .with("errorCode", "pki.expired"),
    );
    g.push(
        ossl(
            "OpenSSL ee with the OpenSSL CRL that revokes it",
            "ee",
            &during,
            false,
            "invalid",
            &["Revoked"],
        )
        .with("crls", strs(&["openssl/root-crl.der"]))
        .with("errorCode", "pki.revoked"),
    );
    g.push(
        ossl(
            "OpenSSL ee-empty-id (not revoked), empty ID accepted, with the default-ID OpenSSL CRL",
            "ee-empty-id",
            &during,
            true,
            "valid",
            &["EmptyIdSignature"],
        )
        .with("crls", strs(&["openssl/root-crl.der"]))
        .with("chainLength", 2u32)
        .with("revocation", strs(&["good", "trust-anchor"])),
    );
    g.push(
        ossl(
            "OpenSSL ee-empty-id, empty ID accepted, with the empty-ID OpenSSL CRL: \
             ValidationOptions::signature_options covers CRL signatures too, so the CRL \
             is used and the certificate checks good",
            "ee-empty-id",
            &during,
            true,
            "valid",
            &["EmptyIdSignature"],
        )
        .with("crls", strs(&["openssl/root-crl-empty-id.der"]))
        .with("chainLength", 2u32)
        .with("revocation", strs(&["good", "trust-anchor"])),
    );
    g.push(
        ossl(
            "OpenSSL ee with the gmseal root as the only anchor",
            "ee",
            &during,
            false,
            "invalid",
            &["UnknownIssuer"],
        )
        .with("trustAnchors", strs(&["gmseal/root.der"]))
        .with("errorCode", "pki.unknown-issuer"),
    );
    v.groups.push(g);
    Ok(v)
}

// ---------------------------------------------------------------------------
// CMS
// ---------------------------------------------------------------------------

/// A signer that signs `SM3(M)` without ZA, as GmSSL's CMS does.
struct NoZaSigner<'a>(&'a PrivateKey);

impl Signer for NoZaSigner<'_> {
    fn public_key(&self) -> &PublicKey {
        self.0.public_key()
    }

    fn sign_digest(&self, e: &[u8; 32]) -> gmseal::Result<Signature> {
        self.0.sign_digest(e)
    }

    fn sign_parts(&self, parts: &[&[u8]]) -> gmseal::Result<Signature> {
        let mut h = gmseal::crypto::Sm3::new();
        for p in parts {
            h.update(p);
        }
        self.0.sign_digest(&h.finalize())
    }
}

const CMS_CONTENT: &str = "gmseal test vectors: the detached content of the CMS SignedData files.\n\
                           电子印章测试：这是被签名的内容。\n";

fn cms_vectors(pki: &Pki, w: &mut Writer) -> Res<Vectors> {
    let mut v = Vectors::new(
        "CMS-SM2",
        "detached CMS SignedData (RFC 5652; GM/T 0010-2012 OIDs) with SM3 and SM2, made by gmseal \
         `SignedDataBuilder` in examples/gen_test_vectors.rs with the signer of pki/gmseal",
    )
    .note("GmT0010", "content-type OIDs of GM/T 0010-2012 (1.2.156.10197.6.1.4.2.x) instead of RFC 5652's")
    .note("EmptyId", "the SignerInfo signature uses ZA of the empty ID (what OpenSSL's CMS does); valid with acceptEmptyId")
    .note("NoZa", "the SignerInfo signature is over SM3(signed attributes) without ZA (like GmSSL); valid with acceptNoZa")
    .note("ModifiedContent", "the content differs from the one signed")
    .note("ModifiedSignature", "a byte of the signature value is changed")
    .note("Truncated", "the DER is cut short");

    let signer = pki.get("signer")?;
    let ca = pki.get("ca")?;
    let content = CMS_CONTENT.as_bytes();
    let modified = CMS_CONTENT.replace("签名", "签字");
    w.file("cms/content.txt", content)?;
    w.file("cms/content-modified.txt", modified.as_bytes())?;
    let t = Timestamp::parse("2026-05-01T08:00:00Z")?;

    let rfc = SignedDataBuilder::new(&signer.cert, &signer.key)
        .signing_time(t)
        .add_certificate(&ca.cert)
        .sign(content)?;
    let gmt = SignedDataBuilder::new(&signer.cert, &signer.key)
        .oid_family(OidFamily::GmT0010)
        .signing_time(t)
        .sign(content)?;
    let no_time = SignedDataBuilder::new(&signer.cert, &signer.key).sign(content)?;
    let empty_key = PrivateKey::from_bytes(&signer.key.to_bytes())?.with_user_id(b"")?;
    let empty = SignedDataBuilder::new(&signer.cert, &empty_key)
        .signing_time(t)
        .add_certificate(&ca.cert)
        .sign(content)?;
    let no_za_signer = NoZaSigner(&signer.key);
    let no_za = SignedDataBuilder::new(&signer.cert, &no_za_signer)
        .signing_time(t)
        .sign(content)?;
    let mut bad_sig = rfc.clone();
    let last = bad_sig.len() - 1;
    bad_sig[last] ^= 0x01; // the last byte of the DER is the last byte of s
    let truncated = rfc[..rfc.len() - 10].to_vec();
    for (name, bytes) in [
        ("rfc5652.p7s", &rfc),
        ("gmt0010.p7s", &gmt),
        ("no-signing-time.p7s", &no_time),
        ("empty-id.p7s", &empty),
        ("no-za.p7s", &no_za),
        ("bad-signature.p7s", &bad_sig),
        ("truncated.p7s", &truncated),
    ] {
        w.file(&format!("cms/{name}"), bytes)?;
    }

    let signer_subject = signer.subject;
    let test = |comment: &str, cms: &str, content: &str, result: &str, f: &[&str]| {
        obj! {
            "comment" => comment,
            "cms" => cms,
            "content" => content,
            "acceptEmptyId" => false,
            "acceptNoZa" => false,
            "result" => result,
            "flags" => flags(f),
        }
    };
    let valid = |t: J, family: &str, time: Option<&str>, certs: u32, variant: &str| {
        t.with("oidFamily", family)
            .with("signerSubject", signer_subject)
            .with("signingTime", time)
            .with("certificates", certs)
            .with("signatureVariant", variant)
            .with("signatureFormat", "der")
    };
    let time = "2026-05-01T08:00:00Z";
    let mut g = Group::new(
        "CmsDetachedVerify",
        "gmseal SignedDataBuilder: signer pki/gmseal/signer.der (key signer.key.pem), signingTime \
         2026-05-01T08:00:00Z, content cms/content.txt; deterministic (RFC 6979 nonces). OpenSSL 3.0 \
         `cms -verify -binary -noverify` accepts empty-id.p7s (it uses the empty ID), see test-vectors/README.md",
    );
    g.push(valid(
        test(
            "RFC 5652 OIDs, signer + CA certificates embedded",
            "rfc5652.p7s",
            "content.txt",
            "valid",
            &[],
        ),
        "rfc5652",
        Some(time),
        2,
        "user-id",
    ));
    g.push(valid(
        test(
            "GM/T 0010 OIDs, signer certificate only",
            "gmt0010.p7s",
            "content.txt",
            "valid",
            &["GmT0010"],
        ),
        "gmt-0010",
        Some(time),
        1,
        "user-id",
    ));
    g.push(valid(
        test(
            "no signingTime attribute",
            "no-signing-time.p7s",
            "content.txt",
            "valid",
            &[],
        ),
        "rfc5652",
        None,
        1,
        "user-id",
    ));
    g.push(
        test(
            "empty-ID signature under default options",
            "empty-id.p7s",
            "content.txt",
            "invalid",
            &["EmptyId"],
        )
        .with("errorCode", "cms.bad-signature"),
    );
    g.push(valid(
        test(
            "empty-ID signature, empty ID accepted",
            "empty-id.p7s",
            "content.txt",
            "valid",
            &["EmptyId"],
        )
        .with("acceptEmptyId", true),
        "rfc5652",
        Some(time),
        2,
        "empty-id",
    ));
    g.push(
        test(
            "no-ZA signature under default options",
            "no-za.p7s",
            "content.txt",
            "invalid",
            &["NoZa"],
        )
        .with("errorCode", "cms.bad-signature"),
    );
    g.push(valid(
        test(
            "no-ZA signature, no-ZA accepted",
            "no-za.p7s",
            "content.txt",
            "valid",
            &["NoZa"],
        )
        .with("acceptNoZa", true),
        "rfc5652",
        Some(time),
        1,
        "no-za",
    ));
    g.push(
        test(
            "RFC 5652 file over modified content",
            "rfc5652.p7s",
            "content-modified.txt",
            "invalid",
            &["ModifiedContent"],
        )
        .with("errorCode", "cms.digest-mismatch"),
    );
    g.push(
        test(
            "GM/T 0010 file over modified content",
            "gmt0010.p7s",
            "content-modified.txt",
            "invalid",
            &["GmT0010", "ModifiedContent"],
        )
        .with("errorCode", "cms.digest-mismatch"),
    );
    g.push(
        test(
            "rfc5652.p7s with the last byte (the end of s) XOR 0x01",
            "bad-signature.p7s",
            "content.txt",
            "invalid",
            &["ModifiedSignature"],
        )
        .with("errorCode", "cms.bad-signature"),
    );
    g.push(
        test(
            "rfc5652.p7s without its last 10 bytes",
            "truncated.p7s",
            "content.txt",
            "invalid",
            &["Truncated"],
        )
        .with("errorCode", "decode.malformed"),
    );
    v.groups.push(g);
    Ok(v)
}
