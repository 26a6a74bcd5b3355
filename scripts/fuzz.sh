#!/usr/bin/env bash
# Runs gmseal's cargo-fuzz targets (fuzz/, see fuzz/README.md).
#
#   scripts/fuzz.sh smoke [SECONDS]        every target for SECONDS (default 10)
#   scripts/fuzz.sh run TARGET SECONDS     one target
#   scripts/fuzz.sh list                   the target names
#
# New inputs go to a scratch directory (the committed corpus holds seeds
# only); crashes land in fuzz/artifacts/<target>/ and make the script fail.
# cargo-fuzz needs nightly flags: on a stable toolchain RUSTC_BOOTSTRAP=1 lets
# rustc take them (-Zsanitizer=address). When the toolchain cannot build the
# targets at all (not x86_64/aarch64 Linux, no LLVM sanitizer runtime), `smoke`
# says so loudly and exits 0 unless GMSEAL_REQUIRE_FUZZ=1; the stable replay of
# the corpora (tests/fuzz_regressions.rs) runs in `cargo test` regardless.
set -euo pipefail
cd "$(dirname "$0")/.."

export RUSTC_BOOTSTRAP=1
tools="$PWD/target/tools"
export PATH="$tools/bin:$PATH"

targets() {
  sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^gmseal-fuzz$'
}

loud() {
  printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
  printf '!! %s\n' "$@"
  printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n'
}

# cargo-fuzz 0.13.2 from crates.io, built once into target/tools.
ensure_cargo_fuzz() {
  if ! cargo fuzz --version 2>/dev/null | grep -q '0\.13\.2'; then
    echo "==> installing cargo-fuzz 0.13.2 into target/tools"
    cargo install cargo-fuzz --version 0.13.2 --locked --quiet --root "$tools"
  fi
}

# Build every target; returns non-zero when the toolchain cannot.
build() {
  ensure_cargo_fuzz
  (cd fuzz && cargo fuzz build)
}

# run TARGET SECONDS: the committed seeds plus a scratch corpus.
run() {
  local target=$1 seconds=$2 scratch
  scratch="$(mktemp -d)"
  mkdir -p "fuzz/artifacts/$target"
  local log="$scratch/log"
  if ! (cd fuzz && cargo fuzz run "$target" "$scratch" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1) >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz target $target failed: the input is in fuzz/artifacts/$target/" >&2
    rm -rf "$scratch"
    return 1
  fi
  local execs cov
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
  printf '%-18s %10s executions in %ss, %s\n' "$target" "${execs:-?}" "$seconds" "${cov:-cov: ?}"
  rm -rf "$scratch"
}

case "${1:-}" in
  list)
    targets
    ;;
  run)
    [ $# -eq 3 ] || { echo "usage: $0 run TARGET SECONDS" >&2; exit 2; }
    build
    run "$2" "$3"
    ;;
  smoke)
    seconds=${2:-10}
    if ! build; then
      if [ "${GMSEAL_REQUIRE_FUZZ:-0}" = 1 ]; then
        echo "the fuzz targets do not build and GMSEAL_REQUIRE_FUZZ=1" >&2
        exit 1
      fi
      loud "the fuzz targets do not build on this toolchain: smoke runs SKIPPED" \
        "(the corpora and regressions still replay in cargo test)"
      exit 0
    fi
    for target in $(targets); do
      run "$target" "$seconds"
    done
    ;;
  *)
    echo "usage: $0 smoke [SECONDS] | run TARGET SECONDS | list" >&2
    exit 2
    ;;
esac
