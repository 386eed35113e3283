#!/usr/bin/env python3
"""Cut the font that wuye-desk embeds: Noto Sans CJK SC Regular, subset.

Why: printpdf and iced (cosmic-text) need ONE face as a TTF/OTF, but Debian's
fonts-noto-cjk ships a 19 MB collection (.ttc) of ten faces. We take the
Simplified Chinese face (font number 2) and keep only what a Chinese office
form needs: Latin, punctuation, full-width forms, the CJK Unified Ideographs
block plus Extension A, and the GB2312 symbol rows (① № ℃ ※ → ■ ○ ★ √ ≤ ㎡ …).

Reproducible: the input is a fixed Debian package file and the character set is
computed here, not typed by hand, so running it again gives the same glyphs.

Usage (from the repository root or anywhere):

    python3 assets/fonts/cut-font.py [SOURCE.ttc] [OUTPUT.otf]

Defaults: /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc and
NotoSansSC-Regular.otf next to this script. Needs fontTools (pip install fonttools).
"""

import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SRC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
DEFAULT_OUT = os.path.join(HERE, "NotoSansSC-Regular.otf")

# Index of "Noto Sans CJK SC" inside NotoSansCJK-Regular.ttc (JP, KR, SC, TC, HK, Mono…).
SC_FONT_NUMBER = 2
FAMILY = "Noto Sans SC"
STYLE = "Regular"

# Whole blocks we keep (inclusive ranges).
RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement (¥ ² × ÷ · …)
    (0x2000, 0x206F),  # General Punctuation (— ‘ ’ “ ” … ‰ ※)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation (、。《》【】〒 …)
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms (，：；（）￥ …)
]

# Extra characters named in the spec even if GB2312 does not carry them.
EXTRA = "¥￥²㎡℃№※①②③④⑤⑥⑦⑧⑨⑩√×÷≤≥→←↑↓■□○●★☆◆◇△▲"


def gb2312_symbols():
    """All characters of GB2312 rows 1-9 (the non-hanzi symbol rows).

    Rows 1-9 hold punctuation, letterlike symbols, number forms (①…, Ⅰ…), arrows,
    math operators, box drawing, geometric shapes, kana, Greek, Cyrillic, pinyin
    letters and bopomofo. Decoding them from the codec keeps the list exact.
    """
    chars = set()
    for row in range(1, 10):
        for cell in range(1, 95):
            raw = bytes([0xA0 + row, 0xA0 + cell])
            try:
                chars.add(raw.decode("gb2312"))
            except UnicodeDecodeError:
                pass  # unassigned cell in that row
    return chars


def unicodes():
    cps = set()
    for lo, hi in RANGES:
        cps.update(range(lo, hi + 1))
    cps.update(ord(c) for c in gb2312_symbols())
    cps.update(ord(c) for c in EXTRA)
    return sorted(cps)


def rename(font):
    """Name the face "Noto Sans SC" so apps can ask for it by that family."""
    name = font["name"]
    full = f"{FAMILY} {STYLE}"
    ps = f"{FAMILY.replace(' ', '')}-{STYLE}"
    # Drop typographic-family records (16/17) so 1/2 are the only family names.
    name.names = [n for n in name.names if n.nameID not in (16, 17, 21, 22)]
    for rec in name.names:
        if rec.nameID == 1:
            rec.string = FAMILY
        elif rec.nameID == 2:
            rec.string = STYLE
        elif rec.nameID == 3:
            rec.string = f"{ps};subset-for-wuye-desk"
        elif rec.nameID == 4:
            rec.string = full
        elif rec.nameID == 6:
            rec.string = ps
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [ps]
        top = cff.topDictIndex[0]
        for key in ("FullName", "FamilyName"):
            if hasattr(top, key):
                setattr(top, key, full if key == "FullName" else FAMILY)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SRC
    out = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUT

    # Keep head.modified from the source so the same input gives a byte-identical file.
    font = TTFont(src, fontNumber=SC_FONT_NUMBER, lazy=False, recalcTimestamp=False)
    family = font["name"].getDebugName(1)
    if family != "Noto Sans CJK SC":
        sys.exit(f"font number {SC_FONT_NUMBER} in {src} is {family!r}, not Noto Sans CJK SC")

    opts = subset.Options()
    opts.hinting = False  # screen hinting is useless in a PDF and costs megabytes
    opts.desubroutinize = False  # keep CFF subroutines: much smaller file
    opts.name_IDs = ["*"]  # keep copyright/licence records (OFL requires them)
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False
    # Only the features a horizontal Chinese form uses. "*" (or the default list, which
    # has `locl`) drags in the JP/KR/TC regional glyph variants: +18k glyphs, +4 MB.
    opts.layout_features = ["ccmp", "kern", "liga", "palt", "halt", "fwid", "hwid"]
    opts.drop_tables += ["DSIG"]

    sub = subset.Subsetter(options=opts)
    sub.populate(unicodes=unicodes())
    sub.subset(font)
    rename(font)
    font.save(out)

    cmap = font.getBestCmap()
    size = os.path.getsize(out)
    print(f"wrote {out}: {size / 1e6:.2f} MB, {len(font.getGlyphOrder())} glyphs, {len(cmap)} chars")


if __name__ == "__main__":
    main()
