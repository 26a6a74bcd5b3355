#!/usr/bin/env bash
# The gmseal main job: build the CLI and run its end-to-end demo
# (a complete SM2 PKI, CMS signing and verification, revocation, tampering),
# then issue the two sample e-licenses as PDF/A-3b documents.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p gmseal-cli --bin gmseal
gmseal=target/release/gmseal
"$gmseal" demo "$@"

out=target/demo-licenses
mkdir -p "$out"
printf '\n==> e-licenses (电子证照) into %s\n' "$out"
"$gmseal" license validate examples/data/business-license.json --template business-license
"$gmseal" issue --template business-license --data examples/data/business-license.json \
  --out "$out/business-license.pdf" --time 2026-01-05T02:00:00Z
"$gmseal" issue --template qualification --data examples/data/qualification.json \
  --out "$out/qualification.pdf" --time 2026-03-01T02:00:00Z
