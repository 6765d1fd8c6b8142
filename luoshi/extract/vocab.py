"""Compiling the vocabulary tables of ``rules/`` into regular expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, escaped, longest first (so 平方公里 beats 公里)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
