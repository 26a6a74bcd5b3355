#!/usr/bin/env bash
# The gmseal main job: build the CLI and run its end-to-end demo (a complete
# SM2 PKI, CMS signing and verification, revocation, tampering, electronic
# seals, and the sample business license issued as PDF/A-3b, sealed, verified
# and tampered with), then issue the two sample e-licenses as PDF/A-3b documents.
#
# Arguments go to `gmseal demo`: --out DIR (default target/gmseal-demo), --json.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p gmseal-cli --bin gmseal
gmseal=target/release/gmseal

# The demo's output directory, as `gmseal demo` will use it.
demo_dir=target/gmseal-demo
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --out | --dir) demo_dir="${args[i + 1]:-$demo_dir}" ;;
    --out=* | --dir=*) demo_dir="${args[i]#*=}" ;;
  esac
done
printf '==> gmseal demo: files into %s\n' "$demo_dir"
"$gmseal" demo "$@"

out=target/demo-licenses
mkdir -p "$out"
printf '\n==> e-licenses (电子证照) into %s\n' "$out"
"$gmseal" license validate examples/data/business-license.json --template business-license
"$gmseal" issue --template business-license --data examples/data/business-license.json \
  --out "$out/business-license.pdf" --time 2026-01-05T02:00:00Z
"$gmseal" issue --template qualification --data examples/data/qualification.json \
  --out "$out/qualification.pdf" --time 2026-03-01T02:00:00Z

printf '\n==> done: demo files in %s (the sealed license: %s/business-license-sealed.pdf,\n' \
  "$demo_dir" "$demo_dir"
printf '    its report: %s/business-license-sealed.report.json); e-licenses in %s\n' \
  "$demo_dir" "$out"
