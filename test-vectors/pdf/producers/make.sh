#!/usr/bin/env bash
# Remake the PDFs of other producers that the PDF reader and signer are tested on.
# Needs LibreOffice (apt-get install --no-install-recommends libreoffice-writer-nogui
# fonts-noto-cjk) and poppler-utils; run from the repository root after
# ./scripts/demo.sh (which writes target/demo-licenses/business-license.pdf).
# The committed files were made on 2026-11-27 with LibreOffice 7.4.7.2 and
# poppler 22.12.0 / cairo 1.16.0; a remake differs in dates and IDs.
set -euo pipefail
cd "$(dirname "$0")"
soffice --headless --convert-to pdf libreoffice-writer.txt
pdftocairo -pdf ../../../target/demo-licenses/business-license.pdf cairo-business-license.pdf
