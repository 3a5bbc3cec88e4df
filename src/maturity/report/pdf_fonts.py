"""The fonts the PDF report embeds, so that any name prints: Noto Sans for Latin, Greek and
Cyrillic, with Noto Sans Arabic and Noto Sans CJK added as fallbacks when the report holds
Arabic or Chinese, Japanese or Korean text. They are the system's fonts (Debian:
`apt-get install fonts-noto-core fonts-noto-cjk`), found in the usual font folders and in
`MATURITY_FONT_DIR`; fpdf2 embeds the characters used. Without them the PDF falls back to the
standard PDF fonts, which print Western European text only, and says so on its first page.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

FAMILY = "noto"
#: file names of the main face (regular, bold) and of each fallback (regular, bold)
MAIN = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
FALLBACKS = {
    "arabic": ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    "cjk": ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"),
}
#: the code points each fallback draws
RANGES = {
    "arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "cjk": ((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x30FF), (0x3100, 0x31FF), (0x3400, 0x4DBF),
            (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF)),
}
INSTALL = "apt-get install fonts-noto-core fonts-noto-cjk"
_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts", "~/Library/Fonts",
         "/Library/Fonts", "/System/Library/Fonts", "C:/Windows/Fonts")


@lru_cache(maxsize=1)
def _found() -> dict[str, Path]:
    wanted = set(MAIN) | {name for pair in FALLBACKS.values() for name in pair}
    found: dict[str, Path] = {}
    extra = [d for d in os.environ.get("MATURITY_FONT_DIR", "").split(os.pathsep) if d]
    for folder in extra + list(_DIRS):
        root = Path(folder).expanduser()
        if not root.is_dir():
            continue
        for here, _dirs, files in os.walk(root):
            for name in wanted.intersection(files) - found.keys():
                found[name] = Path(here) / name
        if wanted <= found.keys():
            break
    return found


def scripts_in(text: str) -> set[str]:
    """Which fallbacks `text` needs."""
    out = set()
    for ch in set(text):
        code = ord(ch)
        for script, ranges in RANGES.items():
            if any(lo <= code <= hi for lo, hi in ranges):
                out.add(script)
    return out


def setup(pdf: Any, text: str) -> tuple[str | None, list[str]]:
    """Adds the fonts `text` needs to `pdf`: (the family to use, or None for the standard
    fonts; the scripts of `text` no installed font draws)."""
    found = _found()
    needed = scripts_in(text)
    if not all(name in found for name in MAIN):
        return None, sorted(needed | {"any script beyond Western European"})
    pdf.add_font(FAMILY, "", str(found[MAIN[0]]))
    pdf.add_font(FAMILY, "B", str(found[MAIN[1]]))
    fallbacks, missing = [], []
    for script in sorted(needed):
        regular, bold = FALLBACKS[script]
        if regular not in found:
            missing.append(script)
            continue
        pdf.add_font(f"{FAMILY}-{script}", "", str(found[regular]))
        pdf.add_font(f"{FAMILY}-{script}", "B", str(found.get(bold, found[regular])))
        fallbacks.append(f"{FAMILY}-{script}")
    if fallbacks:
        pdf.set_fallback_fonts(fallbacks, exact_match=False)
    if "arabic" in needed and "arabic" not in missing:
        try:  # joined letters, right to left, where the shaping engine is installed
            pdf.set_text_shaping(True)
        except Exception:  # noqa: BLE001  (fpdf2 raises when uharfbuzz is missing: letters stay unjoined)
            pass
    return FAMILY, missing
