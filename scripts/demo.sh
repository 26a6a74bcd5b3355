#!/usr/bin/env bash
# The gmseal main job: build the CLI and run its end-to-end demo
# (a complete SM2 PKI, CMS signing and verification, revocation, tampering).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --locked -p gmseal-cli --bin gmseal -- demo "$@"
