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
use gmseal::seal::{
    ExtData, Picture, SealBuilder, SesSeal, SesSignature, SignatureBuilder, SignerList,
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
    let seal_json = seal_vectors(&pki, &mut w)?;
    w.json("seal/vectors.json", seal_json)?;
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

// ---------------------------------------------------------------------------
// Seals and seal signatures (GB/T 38540-2020)
// ---------------------------------------------------------------------------

/// The seal picture: a 16 × 16 RGBA PNG of a red ring (118 bytes), made once with
/// Python's `zlib` and `struct` (IHDR, one zlib-compressed IDAT, IEND). Kept as
/// bytes so that the vectors do not depend on gmseal's seal-image renderer.
const SEAL_PNG: &str = "89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff610000003d4944415478da6360a036b82020f01f1fa648335e4388b105a71aa29d884b2db19a71aaa79901448bd3cc00fa8701d9d1487142a24a52a64a6622070000a14baa297b20641e0000000049454e44ae426082";

/// The original the seal signatures protect (`seal/original.txt`).
const SEAL_ORIGINAL: &str = "gmseal test vectors: the original sealed by the seal signatures in seal/.\n\
                             电子签章测试：本文件为签章原文，任何改动都会使 dataHash 不符。\n";

/// When the seals are made (one month after the PKI).
const SEAL_CREATED: &str = "2026-02-01T00:00:00Z";
/// When the documents are sealed.
const SEAL_SIGNED: &str = "2026-06-01T08:00:00Z";

/// `(header length, content length)` of the TLV at the start of `d`.
fn der_header(d: &[u8]) -> Res<(usize, usize)> {
    let first = *d.get(1).ok_or("DER: no length octet")?;
    if first < 0x80 {
        return Ok((2, usize::from(first)));
    }
    let n = usize::from(first & 0x7f);
    let octets = d.get(2..2 + n).ok_or("DER: truncated length")?;
    if n == 0 || n > 4 {
        return Err("DER: unsupported length form".into());
    }
    let len = octets
        .iter()
        .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
    Ok((2 + n, len))
}

/// The first complete TLV of `d`.
fn der_first(d: &[u8]) -> Res<&[u8]> {
    let (h, l) = der_header(d)?;
    Ok(d.get(..h + l).ok_or("DER: truncated element")?)
}

/// The complete TLVs inside the constructed element at the start of `d`.
fn der_children(d: &[u8]) -> Res<Vec<Vec<u8>>> {
    let (h, l) = der_header(d)?;
    let mut rest = d.get(h..h + l).ok_or("DER: truncated element")?;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let child = der_first(rest)?;
        out.push(child.to_vec());
        rest = &rest[child.len()..];
    }
    Ok(out)
}

/// The content octets of the TLV at the start of `d`.
fn der_value(d: &[u8]) -> Res<&[u8]> {
    let (h, l) = der_header(d)?;
    Ok(d.get(h..h + l).ok_or("DER: truncated element")?)
}

/// `tag` around the concatenation of `children`.
fn der_wrap(tag: u8, children: &[Vec<u8>]) -> Vec<u8> {
    tlv(tag, &children.concat())
}

fn bit_string(bytes: &[u8]) -> Vec<u8> {
    tlv(0x03, &[&[0u8][..], bytes].concat())
}

fn ia5(text: &str) -> Vec<u8> {
    tlv(0x16, text.as_bytes())
}

fn der_int(v: u64) -> Vec<u8> {
    tlv(0x02, &int_body(&v.to_be_bytes()))
}

/// GeneralizedTime `YYYYMMDDHHMMSSZ`.
fn generalized_time(t: Timestamp) -> Vec<u8> {
    let digits: String = t
        .to_string()
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == 'Z')
        .collect();
    tlv(0x18, digits.as_bytes())
}

/// A v4 `SESeal` taken apart: each field is a complete TLV.
#[derive(Clone)]
struct SealDer {
    info: Vec<u8>,
    cert: Vec<u8>,
    alg: Vec<u8>,
    signed_value: Vec<u8>,
}

impl SealDer {
    fn parse(der: &[u8]) -> Res<Self> {
        let [info, cert, alg, signed_value]: [Vec<u8>; 4] = der_children(der)?
            .try_into()
            .map_err(|_| "not a 4-element v4 SESeal")?;
        Ok(Self {
            info,
            cert,
            alg,
            signed_value,
        })
    }

    fn der(&self) -> Vec<u8> {
        der_wrap(
            0x30,
            &[
                self.info.clone(),
                self.cert.clone(),
                self.alg.clone(),
                self.signed_value.clone(),
            ],
        )
    }

    /// Edit the elements of `SES_SealInfo` (header, esID, property, picture, extDatas).
    fn edit_info(mut self, edit: impl FnOnce(&mut Vec<Vec<u8>>) -> Res<()>) -> Res<Self> {
        let mut children = der_children(&self.info)?;
        edit(&mut children)?;
        self.info = der_wrap(0x30, &children);
        Ok(self)
    }

    /// Put `cert` in as the maker certificate.
    fn with_maker(mut self, cert: &Certificate) -> Self {
        self.cert = tlv(0x04, cert.der());
        self
    }

    /// Sign the stored `SES_SealInfo` bytes again, DER-encoded signature.
    fn resign(mut self, key: &dyn Signer) -> Res<Self> {
        self.signed_value = bit_string(&key.sign(&self.info)?.to_der());
        Ok(self)
    }
}

/// Replace element `index` of the constructed element `der` with `edit(element)`.
fn edit_child(der: &[u8], index: usize, edit: impl FnOnce(&[u8]) -> Res<Vec<u8>>) -> Res<Vec<u8>> {
    let mut children = der_children(der)?;
    let child = children.get_mut(index).ok_or("no such element")?;
    *child = edit(child)?;
    Ok(der_wrap(der[0], &children))
}

/// A v4 `TBS_Sign` assembled by hand (for signatures the builder refuses to make).
fn tbs_sign(
    version: u64,
    seal: &[u8],
    time: Timestamp,
    original: &[u8],
    property_info: &str,
) -> Vec<u8> {
    der_wrap(
        0x30,
        &[
            der_int(version),
            seal.to_vec(),
            generalized_time(time),
            bit_string(&gmseal::crypto::sm3(original)),
            ia5(property_info),
        ],
    )
}

/// A v4 `SES_Signature` taken apart: each field is a complete TLV.
#[derive(Clone)]
struct SignatureDer {
    tbs: Vec<u8>,
    cert: Vec<u8>,
    alg: Vec<u8>,
    signature: Vec<u8>,
}

impl SignatureDer {
    fn parse(der: &[u8]) -> Res<Self> {
        let [tbs, cert, alg, signature]: [Vec<u8>; 4] = der_children(der)?
            .try_into()
            .map_err(|_| "not a 4-element v4 SES_Signature")?;
        Ok(Self {
            tbs,
            cert,
            alg,
            signature,
        })
    }

    /// A signature over `tbs` by `signer`, in the layout of `template`.
    fn signed(template: &Self, tbs: Vec<u8>, signer: &Issued) -> Res<Self> {
        let signature = bit_string(&signer.key.sign(&tbs)?.to_der());
        Ok(Self {
            tbs,
            cert: tlv(0x04, signer.cert.der()),
            alg: template.alg.clone(),
            signature,
        })
    }

    fn der(&self) -> Vec<u8> {
        der_wrap(
            0x30,
            &[
                self.tbs.clone(),
                self.cert.clone(),
                self.alg.clone(),
                self.signature.clone(),
            ],
        )
    }
}

fn ext_oid(arc: &str) -> Res<der::asn1::ObjectIdentifier> {
    Ok(der::asn1::ObjectIdentifier::new(arc).map_err(|e| format!("{arc}: {e}"))?)
}

/// Expected check outcomes: `(check id, status)`.
type Checks<'a> = &'a [(&'a str, &'a str)];

/// `{ id: status }`, or `{ id: [status, ...] }` for a check that reports more than once.
fn checks_json(checks: Checks<'_>) -> J {
    let mut fields: Vec<(String, Vec<&str>)> = Vec::new();
    for (id, status) in checks {
        match fields.iter_mut().find(|(k, _)| k == id) {
            Some((_, list)) => list.push(status),
            None => fields.push(((*id).to_owned(), vec![*status])),
        }
    }
    J::Obj(
        fields
            .into_iter()
            .map(|(id, list)| match list[..] {
                [one] => (id, J::from(one)),
                _ => (id, strs(&list)),
            })
            .collect(),
    )
}

/// The verification setting of a test: trust anchors, intermediates, CRLs, options.
#[derive(Clone, Copy)]
struct Trust {
    anchors: &'static [&'static str],
    crls: &'static [&'static str],
    accept_empty_id: bool,
}

const ROOT_ANCHOR: &[&str] = &["../pki/gmseal/root.der"];
const TRUSTED: Trust = Trust {
    anchors: ROOT_ANCHOR,
    crls: &[],
    accept_empty_id: false,
};

impl Trust {
    fn fields(self, t: J) -> J {
        let intermediates: &[&str] = if self.anchors.is_empty() {
            &[]
        } else {
            &["../pki/gmseal/ca.der"]
        };
        t.with("trustAnchors", strs(self.anchors))
            .with("intermediates", strs(intermediates))
            .with("crls", strs(self.crls))
            .with("acceptEmptyId", self.accept_empty_id)
    }
}

fn result_of(indication: &str) -> &'static str {
    if indication == "valid" {
        "valid"
    } else {
        "invalid"
    }
}

/// One `SealVerify` test.
#[allow(clippy::too_many_arguments)]
fn seal_test(
    comment: &str,
    file: &str,
    time: &str,
    trust: Trust,
    indication: &str,
    checks: Checks<'_>,
    codes: &[&str],
    f: &[&str],
) -> J {
    let t = obj! { "comment" => comment, "file" => file, "time" => time };
    trust
        .fields(t)
        .with("indication", indication)
        .with("checks", checks_json(checks))
        .with("codes", strs(codes))
        .with("result", result_of(indication))
        .with("flags", flags(f))
}

/// One `SignatureVerify` test; `seal` is the embedded seal's (indication, checks, codes).
#[allow(clippy::too_many_arguments)]
fn signature_test(
    comment: &str,
    file: &str,
    original: Option<&str>,
    trust: Trust,
    indication: &str,
    checks: Checks<'_>,
    codes: &[&str],
    seal: (&str, Checks<'_>, &[&str]),
    f: &[&str],
) -> J {
    let t = obj! { "comment" => comment, "signature" => file, "original" => original };
    trust
        .fields(t)
        .with("indication", indication)
        .with("checks", checks_json(checks))
        .with("codes", strs(codes))
        .with("sealIndication", seal.0)
        .with("sealChecks", checks_json(seal.1))
        .with("sealCodes", strs(seal.2))
        .with("result", result_of(indication))
        .with("flags", flags(f))
}

fn signature_info(format: &str, variant: &str) -> J {
    obj! { "format" => format, "variant" => variant }
}

/// What a builder-made seal must parse to (the builder's inputs).
struct SealFacts<'a> {
    es_id: &'a str,
    name: &'a str,
    seal_type: i64,
    cert_list_type: i64,
    signers: &'a [&'a str],
    days: u32,
    ext_datas: &'a [ExtData],
}

#[allow(clippy::too_many_lines)]
fn seal_vectors(pki: &Pki, w: &mut Writer) -> Res<Vectors> {
    let mut v = Vectors::new(
        "GB/T 38540",
        "GB/T 38540-2020 electronic seals (SESeal) and seal \
         signatures (SES_Signature) made by gmseal (SealBuilder, \
         SignatureBuilder) in examples/gen_test_vectors.rs with the \
         PKI of pki/gmseal; negative files are edits of valid ones \
         (DER surgery, re-signed with the deterministic test keys \
         through the public gmseal::crypto::Signer API where noted)",
    )
    .note(
        "CertDigests",
        "certListType 2: the seal lists SM3 digests of the signer certificates",
    )
    .note("ExtDatas", "the seal (or TBS_Sign) carries extDatas")
    .note(
        "CriticalExtension",
        "an extDatas entry marked critical that gmseal does not understand: never valid",
    )
    .note(
        "ExplicitCriticalFalse",
        "an ExtData has `critical FALSE` written out (BER, not DER); \
         the maker signed these stored bytes",
    )
    .note(
        "ReencodedSignature",
        "the maker signature covers the DER re-encoding of \
         SES_SealInfo, not the stored bytes",
    )
    .note(
        "RawSignature",
        "the signature value is the raw 64-byte r || s, not DER",
    )
    .note(
        "TrailingBytes",
        "bytes follow the outer DER structure (tolerated, reported as \
         a warning)",
    )
    .note(
        "EmptyId",
        "signed with ZA of the empty user ID (OpenSSL's default); \
         valid only with acceptEmptyId",
    )
    .note(
        "ModifiedSignature",
        "a byte of the signature value is changed",
    )
    .note("Expired", "the time checked is after the seal's validEnd")
    .note(
        "NotYetValid",
        "the time checked is before the seal's validStart",
    )
    .note(
        "Boundary",
        "the time checked is at or just after validEnd (validEnd \
         itself is inside the validity)",
    )
    .note("BadHeader", "SES_Header.ID is not \"ES\"")
    .note(
        "VersionMismatch",
        "a version number disagrees with the structure or with the seal",
    )
    .note(
        "V5",
        "SES_Header.version 5 (GM/T 0031-2025) in the 4-element \
         layout (the timestamp is optional)",
    )
    .note(
        "MakerNotSealMaker",
        "the maker certificate is not fit for making seals (a CA, a \
         time-stamping authority, a document signer)",
    )
    .note(
        "Untrusted",
        "no trust anchors, or anchors that do not lead to the maker or signer",
    )
    .note(
        "SignerNotListed",
        "the signer certificate is not in the seal's certList",
    )
    .note(
        "ModifiedOriginal",
        "the original differs from the one whose SM3 is dataHash",
    )
    .note("NoOriginal", "the original is not given")
    .note("SealInvalid", "the embedded seal is invalid at timeInfo")
    .note(
        "SignerExpired",
        "timeInfo is after the signer certificate's notAfter",
    )
    .note(
        "Revoked",
        "the CRL lists the signer certificate as revoked before timeInfo",
    )
    .note(
        "DerSurgery",
        "made by editing the DER of a gmseal-made file (the comment says how)",
    )
    .note("Truncated", "the DER is cut short")
    .note(
        "Malformed",
        "the DER does not have the structure of GB/T 38540",
    );

    let maker = pki.get("seal-maker")?;
    let signer = pki.get("signer")?;
    let signer2 = pki.get("signer-no-crl-dp")?;
    let signer_revoked = pki.get("signer-revoked")?;
    let created = Timestamp::parse(SEAL_CREATED)?;
    let signed_at = Timestamp::parse(SEAL_SIGNED)?;
    let png = h(SEAL_PNG);
    let picture = Picture {
        kind: "PNG".into(),
        data: png.clone(),
        width_mm: 40,
        height_mm: 40,
    };
    w.file("seal/picture.png", &png)?;
    w.file("seal/original.txt", SEAL_ORIGINAL.as_bytes())?;
    let modified = SEAL_ORIGINAL.replace("任何改动", "任何改变");
    w.file("seal/original-modified.txt", modified.as_bytes())?;
    let original = SEAL_ORIGINAL.as_bytes();

    // ---- Seals made by SealBuilder ----
    let ext_plain = ExtData {
        id: ext_oid("1.3.6.1.4.1.32473.38540.1")?,
        critical: false,
        value: "gmseal 测试扩展".as_bytes().to_vec(),
    };
    let ext_critical = ExtData {
        id: ext_oid("1.3.6.1.4.1.32473.38540.2")?,
        critical: true,
        value: vec![0x0c, 0x03, b'1', b'.', b'0'],
    };
    let build = |facts: &SealFacts<'_>, list: SignerList| -> Res<SesSeal> {
        let mut b = SealBuilder::new(
            facts.es_id,
            facts.name,
            facts.seal_type,
            list,
            picture.clone(),
            created,
            facts.days,
        );
        b.ext_datas = facts.ext_datas.to_vec();
        Ok(b.sign(&maker.cert, &maker.key)?)
    };
    let certs_facts = SealFacts {
        es_id: "11010800000001",
        name: "gmseal 测试合同专用章",
        seal_type: 4,
        cert_list_type: 1,
        signers: &["signer"],
        days: 365,
        ext_datas: &[],
    };
    let certs_ext_ext = [ext_plain.clone()];
    let certs_ext_facts = SealFacts {
        es_id: "11010800000002",
        name: "gmseal 测试单位公章",
        seal_type: 1,
        cert_list_type: 1,
        signers: &["signer", "signer-no-crl-dp"],
        days: 365,
        ext_datas: &certs_ext_ext,
    };
    let digests_ext = [ext_plain.clone()];
    let critical_ext = [ext_critical];
    let critical_facts = SealFacts {
        es_id: "11010800000004",
        name: "gmseal 测试关键扩展章",
        seal_type: 4,
        cert_list_type: 1,
        signers: &["signer"],
        days: 365,
        ext_datas: &critical_ext,
    };
    let digests_facts = SealFacts {
        es_id: "11010800000003",
        name: "gmseal 测试财务专用章",
        seal_type: 2,
        cert_list_type: 2,
        signers: &["signer", "signer-no-crl-dp", "signer-revoked"],
        days: 730,
        ext_datas: &digests_ext,
    };
    let seal_certs = build(
        &certs_facts,
        SignerList::Certificates(vec![signer.cert.clone()]),
    )?;
    let seal_certs_ext = build(
        &certs_ext_facts,
        SignerList::Certificates(vec![signer.cert.clone(), signer2.cert.clone()]),
    )?;
    let seal_critical = build(
        &critical_facts,
        SignerList::Certificates(vec![signer.cert.clone()]),
    )?;
    let seal_digests = build(
        &digests_facts,
        SignerList::Digests(vec![
            signer.cert.clone(),
            signer2.cert.clone(),
            signer_revoked.cert.clone(),
        ]),
    )?;

    // Self-check of the surgery tools: taking a builder-made seal apart and
    // signing its SES_SealInfo again gives the same bytes (RFC 6979 nonces).
    let base = SealDer::parse(seal_certs.der())?;
    agree(
        "SESeal re-assembled and re-signed by hand vs SealBuilder",
        &base.clone().resign(&maker.key)?.der(),
        seal_certs.der(),
    )?;

    // ---- Seals made by DER surgery ----
    // ExtData with `critical FALSE` written out: insert BOOLEAN FALSE after extnID.
    let explicit_false = SealDer::parse(seal_certs_ext.der())?.edit_info(|info| {
        let ext = info.get_mut(4).ok_or("no extDatas")?;
        *ext = edit_child(ext, 0, |ext_data| {
            let mut parts = der_children(ext_data)?;
            parts.insert(1, tlv(0x01, &[0x00]));
            Ok(der_wrap(0x30, &parts))
        })?;
        Ok(())
    })?;
    let critical_false_stored = explicit_false.clone().resign(&maker.key)?;
    // The same stored bytes, but the signature of the DER form (the builder's seal).
    let critical_false_reencoded = explicit_false;
    let mut bad_maker_sig = base.clone();
    let last = bad_maker_sig.signed_value.len() - 1;
    bad_maker_sig.signed_value[last] ^= 0x01; // the last byte of s
    let bad_header = base
        .clone()
        .edit_info(|info| {
            info[0] = edit_child(&info[0], 0, |_| Ok(ia5("XX")))?;
            Ok(())
        })?
        .resign(&maker.key)?;
    let header_version = |n: u64| -> Res<SealDer> {
        base.clone()
            .edit_info(|info| {
                info[0] = edit_child(&info[0], 1, |_| Ok(der_int(n)))?;
                Ok(())
            })?
            .resign(&maker.key)
    };
    let version_3 = header_version(3)?;
    let version_5 = header_version(5)?;
    let mut raw_sig = base.clone();
    let (sig, _) = Signature::parse(
        der_value(&raw_sig.signed_value)?
            .get(1..)
            .ok_or("empty BIT STRING")?,
    )?;
    raw_sig.signed_value = bit_string(&sig.to_raw());
    let trailing = [seal_certs.der(), &[0u8; 16][..]].concat();
    let empty_id_maker = PrivateKey::from_bytes(&maker.key.to_bytes())?.with_user_id(b"")?;
    let empty_id = SealBuilder::new(
        "11010800000001",
        certs_facts.name,
        4,
        SignerList::Certificates(vec![signer.cert.clone()]),
        picture.clone(),
        created,
        365,
    )
    .sign(&maker.cert, &empty_id_maker)?;
    let ca = pki.get("ca")?;
    let tsa = pki.get("tsa")?;
    let ca_maker = base.clone().with_maker(&ca.cert).resign(&ca.key)?;
    let tsa_maker = base.clone().with_maker(&tsa.cert).resign(&tsa.key)?;
    let signer_maker = base.clone().with_maker(&signer.cert).resign(&signer.key)?;
    let edit_property = |edit: &dyn Fn(&mut Vec<Vec<u8>>) -> Res<()>| -> Res<SealDer> {
        base.clone()
            .edit_info(|info| {
                let mut property = der_children(&info[2])?;
                edit(&mut property)?;
                info[2] = der_wrap(0x30, &property);
                Ok(())
            })?
            .resign(&maker.key)
    };
    // validStart and validEnd swapped.
    let swapped_validity = edit_property(&|p| {
        p.swap(5, 6);
        Ok(())
    })?;
    let empty_list = edit_property(&|p| {
        p[3] = der_wrap(0x30, &[]);
        Ok(())
    })?;
    let created_early = edit_property(&|p| {
        p[4] = generalized_time(Timestamp::parse("2025-12-01T00:00:00Z")?);
        Ok(())
    })?;
    let truncated = seal_certs.der()[..seal_certs.der().len() - 10].to_vec();
    let no_signed_value = der_wrap(
        0x30,
        &[base.info.clone(), base.cert.clone(), base.alg.clone()],
    );
    let list_type_3 = base
        .clone()
        .edit_info(|info| {
            info[2] = edit_child(&info[2], 2, |_| Ok(der_int(3)))?;
            Ok(())
        })?
        .resign(&maker.key)?;

    let seal_files: [(&str, Vec<u8>); 22] = [
        ("seal-v4-certs.esl", seal_certs.der().to_vec()),
        ("seal-critical-extension.esl", seal_critical.der().to_vec()),
        ("seal-v4-certs-ext.esl", seal_certs_ext.der().to_vec()),
        ("seal-v4-digests.esl", seal_digests.der().to_vec()),
        ("seal-critical-false.esl", critical_false_stored.der()),
        (
            "seal-reencoded-signature.esl",
            critical_false_reencoded.der(),
        ),
        ("seal-bad-signature.esl", bad_maker_sig.der()),
        ("seal-header-xx.esl", bad_header.der()),
        ("seal-header-version-3.esl", version_3.der()),
        ("seal-v5-header.esl", version_5.der()),
        ("seal-raw-signature.esl", raw_sig.der()),
        ("seal-trailing-bytes.esl", trailing),
        ("seal-empty-id.esl", empty_id.der().to_vec()),
        ("seal-maker-ca.esl", ca_maker.der()),
        ("seal-maker-tsa.esl", tsa_maker.der()),
        ("seal-maker-signer.esl", signer_maker.der()),
        ("seal-validity-swapped.esl", swapped_validity.der()),
        ("seal-empty-cert-list.esl", empty_list.der()),
        ("seal-created-before-maker.esl", created_early.der()),
        ("seal-truncated.esl", truncated),
        ("seal-no-signed-value.esl", no_signed_value),
        ("seal-cert-list-type-3.esl", list_type_3.der()),
    ];
    for (name, bytes) in &seal_files {
        w.file(&format!("seal/{name}"), bytes)?;
    }

    // ---- Seal signatures ----
    let sign = |seal: &SesSeal,
                cert: &Certificate,
                key: &dyn Signer,
                ext: &[ExtData]|
     -> Res<SesSignature> {
        let mut b = SignatureBuilder::new(seal, original, "/original.txt", signed_at);
        b.ext_datas = ext.to_vec();
        Ok(b.sign(cert, key)?)
    };
    let sig_v4 = sign(&seal_certs, &signer.cert, &signer.key, &[])?;
    let sig_digests = sign(
        &seal_digests,
        &signer2.cert,
        &signer2.key,
        std::slice::from_ref(&ext_plain),
    )?;
    let sig_revoked = sign(
        &seal_digests,
        &signer_revoked.cert,
        &signer_revoked.key,
        &[],
    )?;
    let empty_id_signer = PrivateKey::from_bytes(&signer.key.to_bytes())?.with_user_id(b"")?;
    let sig_empty_id = sign(&seal_certs, &signer.cert, &empty_id_signer, &[])?;

    let sbase = SignatureDer::parse(sig_v4.der())?;
    agree(
        "TBS_Sign assembled by hand vs SignatureBuilder",
        &tbs_sign(4, seal_certs.der(), signed_at, original, "/original.txt"),
        &sbase.tbs,
    )?;
    agree(
        "SES_Signature re-signed by hand vs SignatureBuilder",
        &SignatureDer::signed(&sbase, sbase.tbs.clone(), signer)?.der(),
        sig_v4.der(),
    )?;
    let by_hand = |version: u64, seal: &[u8], time: Timestamp, who: &Issued| -> Res<Vec<u8>> {
        let tbs = tbs_sign(version, seal, time, original, "/original.txt");
        Ok(SignatureDer::signed(&sbase, tbs, who)?.der())
    };
    let after_seal_end = Timestamp::parse("2027-03-01T08:00:00Z")?;
    let not_listed = by_hand(4, seal_certs.der(), signed_at, signer2)?;
    let tbs_version_5 = by_hand(5, seal_certs.der(), signed_at, signer)?;
    let seal_v5_tbs_4 = by_hand(4, &version_5.der(), signed_at, signer)?;
    let seal_expired = by_hand(4, seal_certs.der(), after_seal_end, signer)?;
    let signer_expired = by_hand(4, seal_digests.der(), after_seal_end, signer2)?;
    let bad_seal_inside = by_hand(4, &bad_maker_sig.der(), signed_at, signer)?;
    let mut bad_sig = sbase.clone();
    let last = bad_sig.signature.len() - 1;
    bad_sig.signature[last] ^= 0x01;
    let mut raw_signer_sig = sbase.clone();
    let (s, _) = Signature::parse(
        der_value(&sbase.signature)?
            .get(1..)
            .ok_or("empty BIT STRING")?,
    )?;
    raw_signer_sig.signature = bit_string(&s.to_raw());
    let sig_trailing = [sig_v4.der(), b"\r\n".as_slice()].concat();
    let sig_truncated = sig_v4.der()[..sig_v4.der().len() - 20].to_vec();
    let sig_files: [(&str, Vec<u8>); 14] = [
        ("signature-v4.dat", sig_v4.der().to_vec()),
        ("signature-v4-digests.dat", sig_digests.der().to_vec()),
        ("signature-signer-revoked.dat", sig_revoked.der().to_vec()),
        ("signature-empty-id.dat", sig_empty_id.der().to_vec()),
        ("signature-signer-not-listed.dat", not_listed),
        ("signature-tbs-version-5.dat", tbs_version_5),
        ("signature-seal-v5-tbs-version-4.dat", seal_v5_tbs_4),
        ("signature-seal-expired.dat", seal_expired),
        ("signature-signer-expired.dat", signer_expired),
        ("signature-bad-seal.dat", bad_seal_inside),
        ("signature-bad-signature.dat", bad_sig.der()),
        ("signature-raw-signature.dat", raw_signer_sig.der()),
        ("signature-trailing-bytes.dat", sig_trailing),
        ("signature-truncated.dat", sig_truncated),
    ];
    for (name, bytes) in &sig_files {
        w.file(&format!("seal/{name}"), bytes)?;
    }

    // ---- SealVerify ----
    let facts = |f: &SealFacts<'_>| -> J {
        let signers = f
            .signers
            .iter()
            .map(|n| J::from(format!("../pki/gmseal/{n}.der")))
            .collect();
        let ext: Vec<J> = f
            .ext_datas
            .iter()
            .map(|e| {
                obj! {
                    "id" => e.id.to_string(),
                    "critical" => e.critical,
                    "value" => hexj(&e.value),
                }
            })
            .collect();
        obj! {
            "esId" => f.es_id,
            "name" => f.name,
            "sealType" => f.seal_type,
            "vendor" => "gmseal",
            "certListType" => f.cert_list_type,
            "signers" => J::Arr(signers),
            "pictureType" => "PNG",
            "pictureFile" => "picture.png",
            "pictureMm" => J::Arr(vec![J::Int(40), J::Int(40)]),
            "extDatas" => J::Arr(ext),
            "createDate" => SEAL_CREATED,
            "validStart" => SEAL_CREATED,
            "validEnd" => created.plus_days(f.days).to_string(),
        }
    };
    let t = SEAL_SIGNED;
    const ALL_PASSED: Checks<'static> = &[
        ("seal.format", "passed"),
        ("seal.header", "passed"),
        ("seal.property", "passed"),
        ("seal.maker-certificate", "passed"),
        ("seal.maker-signature", "passed"),
        ("seal.maker-chain", "passed"),
        ("seal.validity", "passed"),
    ];
    let sig_ok = ("seal.maker-signature", "passed");
    let sig_bad = ("seal.maker-signature", "failed");
    let der_ok = signature_info("der", "user-id");
    let mut g = Group::new(
        "SealVerify",
        "gmseal SealBuilder (maker pki/gmseal/seal-maker, createDate \
         2026-02-01T00:00:00Z, picture picture.png) and DER surgery \
         on its output; expected verdicts follow from how each file \
         was made (GB/T 38540-2020 §6.3); every maker signature \
         marked passed/failed is checked the same way by OpenSSL \
         (openssl/check_gmseal.sh)",
    );
    g.push(
        seal_test(
            "v4, certListType 1 (one signer certificate), no extDatas",
            "seal-v4-certs.esl",
            t,
            TRUSTED,
            "valid",
            ALL_PASSED,
            &[],
            &[],
        )
        .with("sealVersion", "v4")
        .with("makerSignature", der_ok.clone())
        .with("seal", facts(&certs_facts)),
    );
    g.push(
        seal_test(
            "v4, certListType 1 (two signer certificates), one \
             non-critical ExtData (DER: no BOOLEAN)",
            "seal-v4-certs-ext.esl",
            t,
            TRUSTED,
            "valid",
            ALL_PASSED,
            &[],
            &["ExtDatas"],
        )
        .with("sealVersion", "v4")
        .with("makerSignature", der_ok.clone())
        .with("seal", facts(&certs_ext_facts)),
    );
    g.push(
        seal_test(
            "v4, certListType 2 (SM3 digests of three signer \
             certificates), a non-critical ExtData",
            "seal-v4-digests.esl",
            t,
            TRUSTED,
            "valid",
            ALL_PASSED,
            &[],
            &["CertDigests", "ExtDatas"],
        )
        .with("sealVersion", "v4")
        .with("makerSignature", der_ok.clone())
        .with("seal", facts(&digests_facts)),
    );
    g.push(
        seal_test(
            "seal-v4-certs-ext.esl with `01 01 00` (critical FALSE) \
             inserted after the ExtData's extnID, SES_SealInfo re-signed \
             as stored: valid, because the maker signature covers the \
             stored bytes",
            "seal-critical-false.esl",
            t,
            TRUSTED,
            "valid",
            ALL_PASSED,
            &[],
            &["ExtDatas", "ExplicitCriticalFalse", "DerSurgery"],
        )
        .with("sealVersion", "v4")
        .with("makerSignature", der_ok.clone())
        .with("seal", facts(&certs_ext_facts)),
    );
    g.push(
        seal_test(
            "the stored bytes of seal-critical-false.esl with the \
             signedValue of seal-v4-certs-ext.esl, which covers the DER \
             form without the BOOLEAN: a verifier that re-encodes would \
             accept it",
            "seal-reencoded-signature.esl",
            t,
            TRUSTED,
            "invalid",
            &[sig_bad],
            &["signature.bad"],
            &[
                "ExtDatas",
                "ExplicitCriticalFalse",
                "ReencodedSignature",
                "DerSurgery",
            ],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl with the last byte of signedValue (the end of s) XOR 0x01",
            "seal-bad-signature.esl",
            t,
            TRUSTED,
            "invalid",
            &[
                ("seal.format", "passed"),
                sig_bad,
                ("seal.maker-chain", "passed"),
            ],
            &["signature.bad"],
            &["ModifiedSignature", "DerSurgery"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl checked one month after validEnd",
            "seal-v4-certs.esl",
            "2027-03-01T00:00:00Z",
            TRUSTED,
            "invalid",
            &[
                sig_ok,
                ("seal.maker-chain", "passed"),
                ("seal.validity", "failed"),
            ],
            &["seal.expired"],
            &["Expired"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl checked at exactly validEnd (inclusive)",
            "seal-v4-certs.esl",
            "2027-02-01T00:00:00Z",
            TRUSTED,
            "valid",
            ALL_PASSED,
            &[],
            &["Boundary"],
        )
        .with("sealVersion", "v4")
        .with("makerSignature", der_ok.clone()),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl checked one second after validEnd",
            "seal-v4-certs.esl",
            "2027-02-01T00:00:01Z",
            TRUSTED,
            "invalid",
            &[sig_ok, ("seal.validity", "failed")],
            &["seal.expired"],
            &["Expired", "Boundary"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl checked two weeks before validStart (the \
             maker chain is checked at createDate)",
            "seal-v4-certs.esl",
            "2026-01-15T00:00:00Z",
            TRUSTED,
            "invalid",
            &[
                sig_ok,
                ("seal.maker-chain", "passed"),
                ("seal.validity", "failed"),
            ],
            &["seal.not-yet-valid"],
            &["NotYetValid"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "v4 with a critical ExtData gmseal does not understand \
             (1.3.6.1.4.1.32473.38540.2): indeterminate, never valid",
            "seal-critical-extension.esl",
            t,
            TRUSTED,
            "indeterminate",
            &[("seal.extensions", "indeterminate"), sig_ok],
            &["seal.unknown-critical-extension"],
            &["ExtDatas", "CriticalExtension"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl with SES_Header.ID \"XX\" instead of \"ES\", re-signed by the maker",
            "seal-header-xx.esl",
            t,
            TRUSTED,
            "invalid",
            &[("seal.header", "failed"), sig_ok],
            &["seal.bad-header"],
            &["BadHeader", "DerSurgery"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl with SES_Header.version 3 in the v4 layout, re-signed by the maker",
            "seal-header-version-3.esl",
            t,
            TRUSTED,
            "invalid",
            &[("seal.header", "failed"), sig_ok],
            &["seal.version-mismatch"],
            &["VersionMismatch", "DerSurgery"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl with SES_Header.version 5, re-signed by \
             the maker: a GM/T 0031-2025 seal without the optional \
             timestamp",
            "seal-v5-header.esl",
            t,
            TRUSTED,
            "valid",
            ALL_PASSED,
            &[],
            &["V5", "DerSurgery"],
        )
        .with("sealVersion", "v5")
        .with("makerSignature", der_ok.clone()),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl with signedValue re-encoded as the raw \
             64-byte r || s (same r, s): accepted, reported as raw",
            "seal-raw-signature.esl",
            t,
            TRUSTED,
            "valid",
            ALL_PASSED,
            &[],
            &["RawSignature", "DerSurgery"],
        )
        .with("sealVersion", "v4")
        .with("makerSignature", signature_info("raw", "user-id")),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl followed by 16 zero bytes",
            "seal-trailing-bytes.esl",
            t,
            TRUSTED,
            "valid",
            &[
                ("seal.format", "passed"),
                ("seal.format", "warning"),
                sig_ok,
                ("seal.validity", "passed"),
            ],
            &["seal.trailing-bytes"],
            &["TrailingBytes"],
        )
        .with("sealVersion", "v4")
        .with("makerSignature", der_ok.clone()),
    );
    g.push(
        seal_test(
            "made by SealBuilder as seal-v4-certs.esl, but the maker key \
             signs with ZA of the empty ID; default options",
            "seal-empty-id.esl",
            t,
            TRUSTED,
            "invalid",
            &[sig_bad, ("seal.maker-chain", "passed")],
            &["signature.bad"],
            &["EmptyId"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-empty-id.esl with acceptEmptyId",
            "seal-empty-id.esl",
            t,
            Trust {
                accept_empty_id: true,
                ..TRUSTED
            },
            "valid",
            ALL_PASSED,
            &[],
            &["EmptyId"],
        )
        .with("sealVersion", "v4")
        .with("makerSignature", signature_info("der", "empty-id")),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl with the issuing CA (keyUsage keyCertSign, \
             cRLSign) as maker certificate, re-signed with the CA key",
            "seal-maker-ca.esl",
            t,
            TRUSTED,
            "invalid",
            &[
                ("seal.maker-certificate", "failed"),
                sig_ok,
                ("seal.maker-chain", "failed"),
            ],
            &["pki.key-usage"],
            &["MakerNotSealMaker", "DerSurgery"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl with the TSA (extendedKeyUsage \
             timeStamping only) as maker certificate, re-signed with the \
             TSA key",
            "seal-maker-tsa.esl",
            t,
            TRUSTED,
            "invalid",
            &[
                ("seal.maker-certificate", "failed"),
                sig_ok,
                ("seal.maker-chain", "failed"),
            ],
            &["pki.key-usage"],
            &["MakerNotSealMaker", "DerSurgery"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl with the document signer (extendedKeyUsage \
             documentSigning only) as maker certificate, re-signed with \
             the signer key",
            "seal-maker-signer.esl",
            t,
            TRUSTED,
            "invalid",
            &[
                ("seal.maker-certificate", "failed"),
                sig_ok,
                ("seal.maker-chain", "failed"),
            ],
            &["pki.key-usage"],
            &["MakerNotSealMaker", "DerSurgery"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl without trust anchors: the maker chain is not checked",
            "seal-v4-certs.esl",
            t,
            Trust {
                anchors: &[],
                ..TRUSTED
            },
            "indeterminate",
            &[
                sig_ok,
                ("seal.maker-chain", "indeterminate"),
                ("seal.validity", "passed"),
            ],
            &["chain.not-checked"],
            &["Untrusted"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl with another root (root-2065) as the only trust anchor",
            "seal-v4-certs.esl",
            t,
            Trust {
                anchors: &["../pki/gmseal/root-2065.der"],
                ..TRUSTED
            },
            "indeterminate",
            &[sig_ok, ("seal.maker-chain", "indeterminate")],
            &["chain.untrusted"],
            &["Untrusted"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl with the CRLs of the root and the CA (neither lists the maker)",
            "seal-v4-certs.esl",
            t,
            Trust {
                crls: &["../pki/gmseal/ca-crl.der", "../pki/gmseal/root-crl.der"],
                ..TRUSTED
            },
            "valid",
            ALL_PASSED,
            &[],
            &[],
        )
        .with("sealVersion", "v4")
        .with("makerSignature", der_ok.clone()),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl with validStart and validEnd swapped, re-signed by the maker",
            "seal-validity-swapped.esl",
            t,
            TRUSTED,
            "invalid",
            &[
                ("seal.property", "failed"),
                sig_ok,
                ("seal.validity", "failed"),
            ],
            &["seal.bad-validity-period", "seal.not-yet-valid"],
            &["DerSurgery"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl with an empty certList, re-signed by the maker",
            "seal-empty-cert-list.esl",
            t,
            TRUSTED,
            "invalid",
            &[
                ("seal.property", "failed"),
                sig_ok,
                ("seal.validity", "passed"),
            ],
            &["seal.empty-cert-list"],
            &["DerSurgery"],
        )
        .with("sealVersion", "v4"),
    );
    g.push(
        seal_test(
            "seal-v4-certs.esl with createDate 2025-12-01, before the \
             maker certificate's notBefore (2026-01-01), re-signed by the \
             maker: the maker chain is checked at createDate",
            "seal-created-before-maker.esl",
            t,
            TRUSTED,
            "invalid",
            &[
                ("seal.maker-certificate", "passed"),
                sig_ok,
                ("seal.maker-chain", "failed"),
                ("seal.validity", "passed"),
            ],
            &["pki.expired"],
            &["DerSurgery"],
        )
        .with("sealVersion", "v4"),
    );
    v.groups.push(g);

    // ---- SignatureVerify ----
    const SIG_PASSED: Checks<'static> = &[
        ("signature.format", "passed"),
        ("signature.signer-certificate", "passed"),
        ("signature.signature", "passed"),
        ("signature.signer-in-seal", "passed"),
        ("signature.seal", "passed"),
        ("signature.signer-chain", "passed"),
        ("signature.time", "passed"),
        ("signature.data-hash", "passed"),
    ];
    let seal_valid: (&str, Checks<'_>, &[&str]) =
        ("valid", &[sig_ok, ("seal.validity", "passed")], &[]);
    let signed = |sig: &SesSignature| -> J {
        obj! {
            "timeInfo" => SEAL_SIGNED,
            "propertyInfo" => "/original.txt",
            "dataHash" => hexj(&sig.to_sign().data_hash),
        }
    };
    let mut g = Group::new(
        "SignatureVerify",
        "gmseal SignatureBuilder (timeInfo 2026-06-01T08:00:00Z, \
         dataHash = SM3(original.txt), propertyInfo \
         \"/original.txt\") over the seals above, and TBS_Sign \
         assembled and signed by hand through gmseal::crypto::Signer \
         where the builder refuses; verdicts per GB/T 38540-2020 \
         §7.3; signatures and dataHash cross-checked by OpenSSL \
         (openssl/check_gmseal.sh)",
    );
    g.push(
        signature_test(
            "v4 signature by signer with seal-v4-certs.esl",
            "signature-v4.dat",
            Some("original.txt"),
            TRUSTED,
            "valid",
            SIG_PASSED,
            &[],
            ("valid", ALL_PASSED, &[]),
            &[],
        )
        .with("signerSignature", der_ok.clone())
        .with("signed", signed(&sig_v4)),
    );
    g.push(signature_test(
        "signature-v4.dat over original-modified.txt (one character changed)",
        "signature-v4.dat",
        Some("original-modified.txt"),
        TRUSTED,
        "invalid",
        &[
            ("signature.signature", "passed"),
            ("signature.data-hash", "failed"),
        ],
        &["signature.data-hash-mismatch"],
        seal_valid,
        &["ModifiedOriginal"],
    ));
    g.push(signature_test(
        "signature-v4.dat without the original",
        "signature-v4.dat",
        None,
        TRUSTED,
        "indeterminate",
        &[
            ("signature.signature", "passed"),
            ("signature.data-hash", "indeterminate"),
        ],
        &["data.not-checked"],
        seal_valid,
        &["NoOriginal"],
    ));
    g.push(
        signature_test(
            "v4 signature by signer-no-crl-dp with seal-v4-digests.esl \
             (listed by SM3 digest), TBS_Sign.extDatas [0] with one \
             ExtData",
            "signature-v4-digests.dat",
            Some("original.txt"),
            TRUSTED,
            "valid",
            SIG_PASSED,
            &[],
            seal_valid,
            &["CertDigests", "ExtDatas"],
        )
        .with("signerSignature", der_ok.clone())
        .with("signed", signed(&sig_digests)),
    );
    g.push(
        signature_test(
            "signature by signer-revoked (revoked by ca-crl on \
             2026-03-01) with seal-v4-digests.esl, no CRLs given",
            "signature-signer-revoked.dat",
            Some("original.txt"),
            TRUSTED,
            "valid",
            SIG_PASSED,
            &[],
            seal_valid,
            &["CertDigests", "ExtDatas"],
        )
        .with("signerSignature", der_ok.clone()),
    );
    g.push(signature_test(
        "signature-signer-revoked.dat with the CA's CRL",
        "signature-signer-revoked.dat",
        Some("original.txt"),
        Trust {
            crls: &["../pki/gmseal/ca-crl.der"],
            ..TRUSTED
        },
        "invalid",
        &[
            ("signature.signature", "passed"),
            ("signature.signer-chain", "failed"),
        ],
        &["pki.revoked"],
        seal_valid,
        &["CertDigests", "ExtDatas", "Revoked"],
    ));
    g.push(signature_test(
        "made by SignatureBuilder as signature-v4.dat, but the signer \
         key signs with ZA of the empty ID; default options",
        "signature-empty-id.dat",
        Some("original.txt"),
        TRUSTED,
        "invalid",
        &[
            ("signature.signature", "failed"),
            ("signature.data-hash", "passed"),
        ],
        &["signature.bad"],
        seal_valid,
        &["EmptyId"],
    ));
    g.push(
        signature_test(
            "signature-empty-id.dat with acceptEmptyId",
            "signature-empty-id.dat",
            Some("original.txt"),
            Trust {
                accept_empty_id: true,
                ..TRUSTED
            },
            "valid",
            SIG_PASSED,
            &[],
            seal_valid,
            &["EmptyId"],
        )
        .with("signerSignature", signature_info("der", "empty-id")),
    );
    g.push(signature_test(
        "TBS_Sign with seal-v4-certs.esl (lists only signer) signed \
         by signer-no-crl-dp, assembled by hand",
        "signature-signer-not-listed.dat",
        Some("original.txt"),
        TRUSTED,
        "invalid",
        &[
            ("signature.signature", "passed"),
            ("signature.signer-in-seal", "failed"),
            ("signature.signer-chain", "passed"),
        ],
        &["seal.signer-not-in-list"],
        seal_valid,
        &["SignerNotListed", "DerSurgery"],
    ));
    g.push(signature_test(
        "TBS_Sign.version 5 with a v4 seal (header version 4), \
         assembled by hand and signed by signer",
        "signature-tbs-version-5.dat",
        Some("original.txt"),
        TRUSTED,
        "invalid",
        &[
            ("signature.version", "failed"),
            ("signature.signature", "passed"),
        ],
        &["signature.version-mismatch"],
        seal_valid,
        &["VersionMismatch", "DerSurgery"],
    ));
    g.push(signature_test(
        "TBS_Sign.version 4 with seal-v5-header.esl (header version \
         5), assembled by hand and signed by signer",
        "signature-seal-v5-tbs-version-4.dat",
        Some("original.txt"),
        TRUSTED,
        "invalid",
        &[
            ("signature.version", "failed"),
            ("signature.signature", "passed"),
            ("signature.seal", "passed"),
        ],
        &["signature.version-mismatch"],
        seal_valid,
        &["VersionMismatch", "V5", "DerSurgery"],
    ));
    g.push(signature_test(
        "timeInfo 2027-03-01T08:00:00Z, after seal-v4-certs.esl's \
         validEnd, assembled by hand and signed by signer",
        "signature-seal-expired.dat",
        Some("original.txt"),
        TRUSTED,
        "invalid",
        &[
            ("signature.signature", "passed"),
            ("signature.seal", "failed"),
            ("signature.time", "passed"),
        ],
        &["seal.invalid"],
        (
            "invalid",
            &[sig_ok, ("seal.validity", "failed")],
            &["seal.expired"],
        ),
        &["SealInvalid", "Expired", "DerSurgery"],
    ));
    g.push(signature_test(
        "timeInfo 2027-03-01T08:00:00Z with seal-v4-digests.esl \
         (valid to 2028) by signer-no-crl-dp, whose certificate ends \
         2026-12-31T23:59:59Z; assembled by hand",
        "signature-signer-expired.dat",
        Some("original.txt"),
        TRUSTED,
        "invalid",
        &[
            ("signature.signature", "passed"),
            ("signature.seal", "passed"),
            ("signature.signer-chain", "failed"),
            ("signature.time", "failed"),
        ],
        &["pki.expired", "signature.time-outside-certificate"],
        seal_valid,
        &["SignerExpired", "CertDigests", "ExtDatas", "DerSurgery"],
    ));
    g.push(signature_test(
        "TBS_Sign embedding seal-bad-signature.esl, assembled by hand and signed by signer",
        "signature-bad-seal.dat",
        Some("original.txt"),
        TRUSTED,
        "invalid",
        &[
            ("signature.signature", "passed"),
            ("signature.seal", "failed"),
        ],
        &["seal.invalid"],
        ("invalid", &[sig_bad], &["signature.bad"]),
        &["SealInvalid", "ModifiedSignature", "DerSurgery"],
    ));
    g.push(signature_test(
        "signature-v4.dat with the last byte of signature (the end of s) XOR 0x01",
        "signature-bad-signature.dat",
        Some("original.txt"),
        TRUSTED,
        "invalid",
        &[
            ("signature.signature", "failed"),
            ("signature.data-hash", "passed"),
        ],
        &["signature.bad"],
        seal_valid,
        &["ModifiedSignature", "DerSurgery"],
    ));
    g.push(
        signature_test(
            "signature-v4.dat with the signature re-encoded as the raw 64-byte r || s",
            "signature-raw-signature.dat",
            Some("original.txt"),
            TRUSTED,
            "valid",
            SIG_PASSED,
            &[],
            seal_valid,
            &["RawSignature", "DerSurgery"],
        )
        .with("signerSignature", signature_info("raw", "user-id")),
    );
    g.push(
        signature_test(
            "signature-v4.dat followed by CR LF",
            "signature-trailing-bytes.dat",
            Some("original.txt"),
            TRUSTED,
            "valid",
            &[
                ("signature.format", "passed"),
                ("signature.format", "warning"),
                ("signature.signature", "passed"),
            ],
            &["signature.trailing-bytes"],
            seal_valid,
            &["TrailingBytes"],
        )
        .with("signerSignature", der_ok),
    );
    g.push(signature_test(
        "signature-v4.dat without trust anchors",
        "signature-v4.dat",
        Some("original.txt"),
        Trust {
            anchors: &[],
            ..TRUSTED
        },
        "indeterminate",
        &[
            ("signature.signature", "passed"),
            ("signature.seal", "indeterminate"),
            ("signature.signer-chain", "indeterminate"),
        ],
        &["chain.not-checked", "seal.indeterminate"],
        (
            "indeterminate",
            &[sig_ok, ("seal.maker-chain", "indeterminate")],
            &["chain.not-checked"],
        ),
        &["Untrusted"],
    ));
    v.groups.push(g);

    // ---- SealParse ----
    let parse = |comment: &str, file: &str, structure: &str, f: &[&str]| -> J {
        obj! {
            "comment" => comment,
            "file" => file,
            "structure" => structure,
            "errorCode" => "decode.malformed",
            "result" => "invalid",
            "flags" => flags(f),
        }
    };
    let mut g = Group::new(
        "SealParse",
        "edits of the gmseal-made files above; DER (X.690) and GB/T \
         38540-2020 §5 say why each cannot be read",
    );
    g.push(parse(
        "seal-v4-certs.esl without its last 10 bytes",
        "seal-truncated.esl",
        "SESeal",
        &["Truncated"],
    ));
    g.push(parse(
        "seal-v4-certs.esl without signedValue (three elements)",
        "seal-no-signed-value.esl",
        "SESeal",
        &["Malformed", "DerSurgery"],
    ));
    g.push(parse(
        "seal-v4-certs.esl with certListType 3 (neither certificates nor digests), re-signed",
        "seal-cert-list-type-3.esl",
        "SESeal",
        &["Malformed", "DerSurgery"],
    ));
    g.push(parse(
        "a seal read as a seal signature",
        "seal-v4-certs.esl",
        "SES_Signature",
        &["Malformed"],
    ));
    g.push(parse(
        "signature-v4.dat without its last 20 bytes",
        "signature-truncated.dat",
        "SES_Signature",
        &["Truncated"],
    ));
    v.groups.push(g);
    Ok(v)
}
