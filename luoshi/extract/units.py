"""The unit table compiled: a regex that matches the longest unit at a position, and lookups.

The table itself is data in ``rules/units.py``.  Units are compiled into a character trie,
so a match is linear in the unit's length and always the longest one (平方公里 before
平方 and 公里, 个百分点 before 个); a unit with a guard (方 not before 面) only ends where
the guard allows.  Multi-character Chinese units may carry spaces between their
characters (``个 百 分 点``) as some specs and PDF texts write them.
"""

from __future__ import annotations

import re
from functools import cache

from .rules import units as R

UNIT_KIND: dict[str, str] = dict(R.UNITS)
SPACES = " *"

Trie = dict[str, "Trie"]


def _is_ascii(s: str) -> bool:
    return all(ord(c) < 128 for c in s)


def _char(c: str) -> str:
    return re.escape(c)


def _build(words: dict[str, str], guards: dict[str, str]) -> str:
    """A regex for a trie of ``words``: children first (longest match), then the end of a
    word with its guard (a negative lookahead)."""
    trie: Trie = {}
    end = ""  # a key no character equals
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[end] = {}

    def emit(node: Trie, word: str) -> str:
        alts = []
        for c in sorted(k for k in node if k != end):
            gap = SPACES if word and not _is_ascii(word + c) else ""
            alts.append(gap + _char(c) + emit(node[c], word + c))
        if end in node:
            if _is_ascii(word):
                alts.append("(?![A-Za-z])")
            elif word in guards:
                alts.append(f"(?!{SPACES}[{''.join(_char(g) for g in guards[word])}])")
            else:
                alts.append("")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return emit(trie, "")


@cache
def unit_pattern() -> str:
    """Regex source matching one unit of the table (longest first, guards applied)."""
    return _build(R.UNITS, R.UNIT_GUARDS)


@cache
def lone_unit_pattern() -> str:
    """Regex source for the units after which a bare magnitude is a number (万亩)."""
    return _build({u: "" for u in R.LONE_MAGNITUDE_UNITS}, R.UNIT_GUARDS)


@cache
def _unit_re() -> re.Pattern[str]:
    return re.compile(unit_pattern())


def canonical_unit(written: str) -> str:
    """The unit as reported: spaces removed, spelling variants unified (％ → %, 個 → 个)."""
    u = written.replace(" ", "")
    return R.UNIT_ALIASES.get(u, u)


def unit_kind(written: str) -> str:
    """Kind of a unit as written (with or without spaces); "other" for an unknown one."""
    u = written.replace(" ", "")
    return UNIT_KIND.get(u, UNIT_KIND.get(canonical_unit(u), "other"))


def unit_factor(written: str) -> float:
    """Factor from the written unit to the reported value (七成 → 70 %)."""
    return R.UNIT_FACTORS.get(written.replace(" ", ""), 1.0)


def match_unit(text: str, pos: int = 0) -> tuple[str, str, int] | None:
    """The longest unit starting at ``pos``: (unit as reported, kind, end) or None."""
    m = _unit_re().match(text, pos)
    if m is None or m.end() == pos:
        return None
    return canonical_unit(m.group()), unit_kind(m.group()), m.end()
