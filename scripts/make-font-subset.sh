#!/usr/bin/env bash
# Rebuild assets/fonts/NotoSerifSC-gmseal.ttf, the CJK font bundled with gmseal.
#
# Source: Noto Serif CJK SC Regular from Debian's `fonts-noto-cjk` package
# (SIL Open Font License 1.1). The subset keeps:
#   - printable ASCII (U+0020-U+007E), Latin-1 (U+00A0-U+00FF) and general
#     punctuation (U+2010-U+203F), such as the name separator U+00B7 (·),
#   - CJK symbols and punctuation (U+3000-U+303F),
#   - halfwidth and fullwidth forms (U+FF01-U+FF5E, U+FFE0-U+FFE6),
#   - every character of GB 2312 (all 6,763 hanzi plus its 682 symbols),
#     listed by decoding every GB 2312 double-byte code with Python's codec,
#   - a short list of characters outside GB 2312 that are common in
#     organization and place names.
# Hinting, vertical metrics and OpenType layout tables are dropped; the
# `cmap` and the horizontal metrics are kept, and the CFF outlines are
# converted to TrueType (quadratic) outlines: TrueType CID fonts render the
# most reliably across PDF viewers (PDF.js in particular), and the per-document
# subsets of the e-license PDFs compress smaller than CFF ones.
#
# Usage: scripts/make-font-subset.sh   (writes the font and OFL.txt into assets/fonts/)
# Installs fonts-noto-cjk (apt-get) and fonttools (pip) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

out_dir=assets/fonts
out="$out_dir/NotoSerifSC-gmseal.ttf"
ttc=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
if [ ! -f "$ttc" ]; then
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq fonts-noto-cjk
fi
if ! command -v pyftsubset >/dev/null 2>&1; then
  python3 -m pip install --quiet fonttools
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Which face of the collection is "Noto Serif CJK SC"?
font_number=$(python3 - "$ttc" <<'EOF'
import sys
from fontTools.ttLib import TTCollection
for i, font in enumerate(TTCollection(sys.argv[1]).fonts):
    if font["name"].getDebugName(4) == "Noto Serif CJK SC":
        print(i)
        break
else:
    sys.exit("Noto Serif CJK SC not found in " + sys.argv[1])
EOF
)

# The character list, one code point per line as U+XXXX.
python3 - "$ttc" "$font_number" > "$work/unicodes.txt" <<'EOF'
import sys
from fontTools.ttLib import TTFont
cmap = TTFont(sys.argv[1], fontNumber=int(sys.argv[2]), lazy=True).getBestCmap()
chars = set()
chars.update(range(0x20, 0x7F))        # printable ASCII
chars.update(range(0xA0, 0x100))       # Latin-1 supplement (·, ×, é, ...)
chars.update(range(0x2010, 0x2040))    # general punctuation (—, ‘’“”, …, ‰)
chars.update(range(0x3000, 0x3040))    # CJK symbols and punctuation
chars.update(range(0xFF01, 0xFF5F))    # fullwidth ASCII variants
chars.update(range(0xFFE0, 0xFFE7))    # fullwidth signs
hanzi = 0
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            c = bytes([hi, lo]).decode("gb2312")
        except UnicodeDecodeError:
            continue
        chars.add(ord(c))
        if hi >= 0xB0:
            hanzi += 1
assert hanzi == 6763, hanzi
# Characters outside GB 2312 often seen in organization and place names,
# plus seal and certificate vocabulary.
extra = "堃喆昇珺镕砼玥琦浛滢鑫淼焱垚犇骉晟昊昱煜暐翀珏玮瑄璟璐婕姝妍钰锟铖錡" \
        "衖堌垌埇坭圳岙嶴濠沣泷澧渼湉溆潆瀛赟贇隽峣嵘崧嵛麒麟琨琛瑭瑢璇" \
        "电子印章证照专用合同财务发票公章人民政府办公室有限责任股份集团"
chars.update(ord(c) for c in extra)
missing = sorted(c for c in chars if c not in cmap)
if missing:
    print("not in the font (skipped): " + " ".join(f"U+{c:04X}" for c in missing), file=sys.stderr)
for c in sorted(chars):
    if c in cmap:
        print(f"U+{c:04X}")
EOF

pyftsubset "$ttc" \
  --font-number="$font_number" \
  --unicodes-file="$work/unicodes.txt" \
  --output-file="$work/subset.otf" \
  --no-hinting \
  --layout-features='' \
  --drop-tables+=GSUB,GPOS,GDEF,BASE,JSTF,vhea,vmtx,VORG,DSIG \
  --name-IDs='*' \
  --name-languages='*' \
  --notdef-outline \
  --recommended-glyphs

mkdir -p "$out_dir"
# CFF (cubic) to TrueType (quadratic) outlines: cu2qu approximates each cubic
# within 3 font units and reverses the contours (TrueType winds the other way);
# the points are then put on a grid of 4 font units (1/250 em: 0.017 mm at
# 12 pt, 0.06 mm at a 40 pt title, well under a printer dot). The coarser grid
# makes the glyph data of the per-document subsets a quarter smaller (measured:
# 184 glyphs of a business license, 31.3 KB -> 23.6 KB deflated). The metrics
# and the cmap are unchanged.
python3 - "$work/subset.otf" "$out" <<'EOF'
import sys
from fontTools.ttLib import TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.pens.roundingPen import RoundingPen
font = TTFont(sys.argv[1], recalcTimestamp=False)
glyph_set = font.getGlyphSet()
order = font.getGlyphOrder()
glyf = newTable("glyf")
glyf.glyphOrder = order
glyf.glyphs = {}
for name in order:
    pen = TTGlyphPen(None)
    grid = RoundingPen(pen, roundFunc=lambda v: int(round(v / 4.0)) * 4)
    glyph_set[name].draw(Cu2QuPen(grid, 3.0, reverse_direction=True))
    glyf[name] = pen.glyph()
del font["CFF "]
font["glyf"] = glyf
font["loca"] = newTable("loca")
maxp = font["maxp"]
maxp.tableVersion = 0x00010000
for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
              "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
              "maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours",
              "maxComponentElements", "maxComponentDepth"):
    setattr(maxp, field, 0)
maxp.maxZones = 1
font["head"].glyphDataFormat = 0
font["post"].formatType = 3.0
font.sfntVersion = "\x00\x01\x00\x00"
# Saving recomputes maxp's point and contour counts from the glyphs.
font.save(sys.argv[2], reorderTables=True)
EOF

# The licence: the font's copyright notice (name ID 0) followed by the
# "License: SIL-1.1" paragraph of the package's copyright file, decoded from
# the deb822 format (one leading space removed, " ." lines are blank lines).
python3 - "$out" /usr/share/doc/fonts-noto-cjk/copyright > "$out_dir/OFL.txt" <<'EOF'
import sys
from fontTools.ttLib import TTFont
notice = TTFont(sys.argv[1])["name"].getDebugName(0)
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
# The first "License: SIL-1.1" names the licence of "Files: *"; the
# stand-alone paragraph with the full text is the last one.
start = len(lines) - 1 - lines[::-1].index("License: SIL-1.1")
body = []
for line in lines[start + 1:]:
    if not line.startswith(" "):
        break
    body.append("" if line == " ." else line[1:])
print("Noto Serif CJK SC: " + notice)
print("Licence text from the Debian package fonts-noto-cjk,")
print("/usr/share/doc/fonts-noto-cjk/copyright (paragraph \"License: SIL-1.1\").")
print()
print("\n".join(body).rstrip("\n"))
EOF

python3 - "$out" <<'EOF'
import os, sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1], recalcTimestamp=False)
cmap = font.getBestCmap()
hanzi = sum(1 for c in cmap if 0x4E00 <= c <= 0x9FFF)
print(f"{sys.argv[1]}: {os.path.getsize(sys.argv[1])} bytes, "
      f"{len(font.getGlyphOrder())} glyphs, {len(cmap)} code points ({hanzi} hanzi), "
      f"tables {' '.join(sorted(font.keys()))}")
EOF
