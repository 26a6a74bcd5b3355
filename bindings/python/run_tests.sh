#!/usr/bin/env bash
# Run the Python binding's tests against the C ABI library.
#
#   bindings/python/run_tests.sh [PYTEST ARGS...]
#
# - GMSEAL_LIBRARY set: test that library (it must exist).
# - Otherwise: the debug build in the cargo target directory
#   (target/debug/libgmseal_ffi.so, or under $CARGO_TARGET_DIR), built with
#   `cargo build -p gmseal-ffi` when it is missing or older than the sources.
# - pytest is installed with pip when `import pytest` fails.
# Exits non-zero when a test fails.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

case "$(uname -s)" in
    Darwin) libname=libgmseal_ffi.dylib ;;
    MINGW* | MSYS* | CYGWIN*) libname=gmseal_ffi.dll ;;
    *) libname=libgmseal_ffi.so ;;
esac

if [ -n "${GMSEAL_LIBRARY:-}" ]; then
    if [ ! -e "$GMSEAL_LIBRARY" ]; then
        echo "run_tests.sh: GMSEAL_LIBRARY=$GMSEAL_LIBRARY does not exist" >&2
        exit 2
    fi
else
    target="${CARGO_TARGET_DIR:-$repo/target}"
    lib="$target/debug/$libname"
    if [ ! -f "$lib" ] ||
        [ -n "$(find src ffi/src ffi/Cargo.toml Cargo.toml Cargo.lock -newer "$lib" -print -quit 2>/dev/null)" ]; then
        echo "run_tests.sh: building the C ABI library (cargo build -p gmseal-ffi)" >&2
        cargo build -p gmseal-ffi
    fi
    if [ ! -f "$lib" ]; then
        echo "run_tests.sh: $lib was not built" >&2
        exit 2
    fi
    export GMSEAL_LIBRARY="$lib"
fi

if ! python3 -c 'import pytest' 2>/dev/null; then
    echo "run_tests.sh: installing pytest" >&2
    python3 -m pip install --quiet pytest ||
        python3 -m pip install --quiet --break-system-packages pytest
fi

# No __pycache__ or .pytest_cache in the work tree.
export PYTHONDONTWRITEBYTECODE=1
exec python3 -m pytest -q -p no:cacheprovider bindings/python/tests "$@"
