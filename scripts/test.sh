#!/usr/bin/env bash
# The gmseal test command: every check CI runs, failing on the first problem.
# It installs what it needs on a fresh Debian/Ubuntu machine.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

# 1. System tools the tests use as independent oracles.
#    OpenSSL 3 (SM2/SM3/SM4, X.509, CMS) and Bouncy Castle on a Java runtime;
#    qpdf and poppler (PDF structure, text, attachments, rendering); a C
#    compiler and valgrind for the C ABI test (ffi/tests/c_abi.rs).
missing=()
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v cc >/dev/null 2>&1 || missing+=(gcc)
command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
for pkg in libbcprov-java libbcpkix-java libbcutil-java; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  step "installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || {
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
  }
fi
openssl version
# `sed -n 1p`, not `head -n 1`: head closes the pipe early, and the SIGPIPE that
# a tool writing more lines then gets (qpdf does) is fatal under pipefail.
java -version 2>&1 | sed -n 1p
qpdf --version | sed -n 1p
pdftotext -v 2>&1 | sed -n 1p
cc --version | sed -n 1p
valgrind --version

# pdfv: an independent PDF/A validator implementing part of veraPDF's rules
# (crates.io; built once into target/tools).
tools="$PWD/target/tools"
if [ ! -x "$tools/bin/pdfv" ]; then
  step "installing pdfv 0.1.1 (PDF/A validator) into target/tools"
  cargo install pdfv --version 0.1.1 --locked --quiet --root "$tools"
fi
# cbindgen: generates the C header ffi/include/gmseal.h; pinned, since point
# releases change its output (crates.io; built once into target/tools).
if ! "$tools/bin/cbindgen" --version 2>/dev/null | grep -qx 'cbindgen 0.29.4'; then
  step "installing cbindgen 0.29.4 (C header generator) into target/tools"
  cargo install cbindgen --version 0.29.4 --locked --quiet --force --root "$tools"
fi
export PATH="$tools/bin:$PATH"
# pyHanko: an outside judge of signature structure (coverage, diff analysis)
# for tests/pdf_pyhanko.rs (PyPI; it cannot read SM2, the test uses ECDSA twins).
if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import pyhanko' 2>/dev/null || {
    step "installing pyHanko 0.38.0 (PDF signature structure oracle)"
    python3 -m pip install --quiet 'pyhanko==0.38.0'
  }
fi
# The tests fail, instead of skipping, when one of these oracles is missing.
export GMSEAL_REQUIRE_ORACLES=1

# 2. Toolchain components.
if command -v rustup >/dev/null 2>&1; then
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
fi

# 3. The vendor samples the seal interop test reads (skipped, loudly, without them).
if [ ! -d ../shared/interop/ses ]; then
  printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
  printf '!! ../shared/interop/ses is absent: the vendor seal interop test will SKIP\n'
  printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n'
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "C header drift check (ffi/include/gmseal.h against cbindgen 0.29.4)"
header="$(mktemp)"
cbindgen --quiet --config ffi/cbindgen.toml --output "$header" ffi
if ! diff -u ffi/include/gmseal.h "$header"; then
  rm -f "$header"
  echo "ffi/include/gmseal.h is out of date with ffi/src; regenerate it with:" >&2
  echo "  target/tools/bin/cbindgen --config ffi/cbindgen.toml --output ffi/include/gmseal.h ffi" >&2
  exit 1
fi
rm -f "$header"

step "cargo clippy (all targets, warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings

# Includes the C ABI test: ffi/tests/c_abi.rs compiles ffi/tests/test_gmseal.c
# and examples/c/issue_seal_verify.c against libgmseal_ffi.a and runs them,
# natively and under valgrind (GMSEAL_REQUIRE_ORACLES makes both required).
step "cargo test"
cargo test --workspace --locked

# Every cargo-fuzz target for ~10 s (scripts/fuzz.sh; RUSTC_BOOTSTRAP=1 on this
# stable toolchain). The corpora and regressions replayed above always run;
# the smoke runs are skipped, loudly, when the toolchain cannot build them.
step "fuzz smoke runs (scripts/fuzz.sh smoke 10)"
./scripts/fuzz.sh smoke 10

step "Python binding (bindings/python: ctypes over the C ABI, pytest)"
bash bindings/python/run_tests.sh

step "Java binding (bindings/java: JNA over the C ABI, JUnit 5)"
bash bindings/java/run_tests.sh

step "cargo doc (warnings denied)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

step "all checks passed"
