"""Normalise a report's text before anything reads it.

Full-width ASCII (digits, letters, %, ., ,) becomes half-width; zero-width characters and
indentation go; stray spaces inside Chinese words (``政 府 工 作 报 告``) are removed; blank
lines collapse. Chinese punctuation (，。；：（）“”) is kept as written. Every span the engine
reports is an offset into the text this returns.
"""

from __future__ import annotations

import re

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
# Keep the Chinese punctuation that carries structure: ，；：（）！？ and the full-width space.
for _keep in "，；：（）！？":
    _FULLWIDTH.pop(ord(_keep), None)
_TABLE: dict[int, int | str | None] = dict(_FULLWIDTH)
_TABLE.update({
    0x3000: " ",  # ideographic space
    0x00A0: " ",
    0x200B: None, 0x200C: None, 0x200D: None, 0xFEFF: None, 0x2060: None,
    0x2002: " ", 0x2003: " ", 0x2009: " ",
    0x0D: None,
    0x2236: "：",  # ratio sign used as a colon
})

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"，。；：、（）“”‘’《》！？—…"
# A run of spaces between two CJK characters or CJK punctuation marks.
_INNER_SPACE = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}%])[ \t]+(?=[{_CJK}{_CJK_PUNCT}\d])|(?<=[\d])[ \t]+(?=[{_CJK}])")
_EDGE_SPACE = re.compile(r"^[ \t]+|[ \t]+$", re.M)
_BLANK_LINES = re.compile(r"\n{2,}")


def normalise(text: str) -> str:
    """Return the normalised form of ``text`` (see the module docstring)."""
    text = text.translate(_TABLE)
    text = _INNER_SPACE.sub("", text)
    text = _EDGE_SPACE.sub("", text)
    text = _BLANK_LINES.sub("\n", text)
    return text.strip("\n")
