#!/usr/bin/env bash
# The Java binding's tests: compile bindings/java with javac, run its JUnit 5 tests through the
# console launcher against the ffi library, then run examples/java/IssueSealVerify.java.
#
# usage: bindings/java/run_tests.sh [extra JUnit console launcher arguments]
#
# It installs what is missing (as root, with apt-get: a JDK, JNA, JUnit 5, Bouncy Castle),
# builds the ffi library (`cargo build -p gmseal-ffi`), and compiles into target/java/.
# Environment:
#   GMSEAL_LIBRARY   the library file to test (default: target/debug/libgmseal_ffi.so, brought
#                    up to date with `cargo build -p gmseal-ffi`, a no-op when it is)
#   CARGO_TARGET_DIR honoured, as cargo does
#   GMSEAL_JUNIT_DETAILS  the console launcher's --details (default summary; tree lists every
#                    test, and the reason of each test vector the C ABI cannot run)
# Exit status: 0 when every test and the example passed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
case "$target" in /*) ;; *) target="$repo/$target" ;; esac
out="$target/java"
java_share=/usr/share/java

log() { printf '==> %s\n' "$*" >&2; }
start=$(date +%s)

# ---------------------------------------------------------------- dependencies
missing=()
command -v javac >/dev/null 2>&1 || missing+=(default-jdk-headless)
[ -f "$java_share/jna.jar" ] || missing+=(libjna-java)
[ -f "$java_share/junit-platform-console-standalone.jar" ] || missing+=(junit5)
[ -f "$java_share/bcprov.jar" ] || missing+=(libbcprov-java)
[ -f "$java_share/bcpkix.jar" ] || missing+=(libbcpkix-java)
[ -f "$java_share/bcutil.jar" ] || missing+=(libbcutil-java)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        log "missing packages ${missing[*]}: run as root or install them with apt-get"
        exit 2
    fi
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ----------------------------------------------------------------- the library
# GMSEAL_LIBRARY wins; otherwise cargo brings target/debug/libgmseal_ffi.so up to date (a no-op
# when it is), and without cargo an existing debug or release build is used.
lib="${GMSEAL_LIBRARY:-}"
if [ -z "$lib" ]; then
    if command -v cargo >/dev/null 2>&1; then
        log "cargo build -p gmseal-ffi"
        (cd "$repo" && cargo build --quiet -p gmseal-ffi)
        lib="$target/debug/libgmseal_ffi.so"
    else
        for candidate in "$target/debug/libgmseal_ffi.so" "$target/release/libgmseal_ffi.so"; do
            if [ -f "$candidate" ]; then
                lib="$candidate"
                break
            fi
        done
    fi
fi
[ -n "$lib" ] && [ -f "$lib" ] || { log "no ffi library (${lib:-none found}): run cargo build -p gmseal-ffi"; exit 2; }
case "$lib" in /*) ;; *) lib="$PWD/$lib" ;; esac
log "library: $lib"

# -------------------------------------------------------------------- compile
bc="$java_share/bcprov.jar:$java_share/bcpkix.jar:$java_share/bcutil.jar"
junit="$java_share/junit-platform-console-standalone.jar"
rm -rf "$out/classes" "$out/test-classes" "$out/examples"
mkdir -p "$out/classes" "$out/test-classes" "$out/examples"
log "compiling into $out"
find "$here/src/main/java" -name '*.java' >"$out/main-sources.txt"
javac -encoding UTF-8 --release 17 -Xlint:all,-serial -Werror -d "$out/classes" \
    -cp "$java_share/jna.jar" @"$out/main-sources.txt"
find "$here/src/test/java" -name '*.java' >"$out/test-sources.txt"
javac -encoding UTF-8 --release 17 -d "$out/test-classes" \
    -cp "$out/classes:$java_share/jna.jar:$junit:$bc" @"$out/test-sources.txt"
javac -encoding UTF-8 --release 17 -d "$out/examples" -cp "$out/classes:$java_share/jna.jar" \
    "$repo/examples/java/IssueSealVerify.java"
(cd "$out/classes" && jar --create --file "$out/gmseal.jar" .)

# ------------------------------------------------------------------------ run
jvm=(-Dgmseal.library.path="$lib" -Dgmseal.repo="$repo" -Dfile.encoding=UTF-8 -Xss4m)
log "JUnit"
status=0
java "${jvm[@]}" -cp "$out/test-classes:$out/classes:$java_share/jna.jar:$bc:$junit" \
    org.junit.platform.console.ConsoleLauncher --select-package org.gmseal --fail-if-no-tests --disable-banner \
    --details="${GMSEAL_JUNIT_DETAILS:-summary}" --details-theme=ascii --disable-ansi-colors --reports-dir="$out/reports" "$@" || status=$?

log "examples/java/IssueSealVerify.java"
example_dir="$out/example-output"
rm -rf "$example_dir"
mkdir -p "$example_dir"
if ! (cd "$repo" && java "${jvm[@]}" -cp "$out/examples:$out/gmseal.jar:$java_share/jna.jar" \
    IssueSealVerify examples/data/business-license.json "$example_dir/sealed.pdf"); then
    log "the example failed"
    status=1
fi

log "done in $(($(date +%s) - start)) s, status $status"
exit $status
