"""Canonical indicators: which of the catalog's indicators a metric phrase names.

``classify("地区生产总值增长", "percent")`` → ``"gdp_growth"``; the same phrase in 元 is
``"gdp"``; a metric naming none gives ``None``. The catalog is data
(``rules/indicators.py``); this module compiles it once into one regex, longest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .rules.indicators import INDICATORS
from .vocab import alternation


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name: str  # Chinese name
    name_en: str
    kinds: tuple[str, ...]  # unit kinds it is measured in
    better: str  # "up" | "down" | ""
    phrasings: tuple[str, ...]

    @property
    def is_share(self) -> bool:
        """A ratio of two totals (研发投入强度, 森林覆盖率): the only kind a 占…比重 metric takes."""
        return self.code.endswith(("_share", "_rate", "_intensity", "coverage", "_ratio")) or any(
            "占" in p for p in self.phrasings
        )


CATALOG: tuple[Indicator, ...] = tuple(Indicator(*row) for row in INDICATORS)
BY_CODE: dict[str, Indicator] = {i.code: i for i in CATALOG}

_BY_PHRASE: dict[str, list[Indicator]] = {}
for _ind in CATALOG:
    for _p in _ind.phrasings:
        _BY_PHRASE.setdefault(_p, []).append(_ind)
_PHRASES = re.compile(alternation(_BY_PHRASE))
_SHARE_METRIC = re.compile(r"占[^，,；;。]{0,24}?(?:比重|比例)|占比|比重|贡献率|贡献度")
_SPACE = re.compile(r"[\s“”\"（）()]")
# 城镇新增就业预期目标比去年多100万人: a difference from last year, not the level.
_DIFFERENCE = re.compile(r"比(?:去年|上年|上一年)(?:多|少|增加|减少|扩大|压减)")
_RATE_KINDS = ("percent", "points", "permille")


def classify(metric: str, kind: str) -> str | None:
    """The code of the indicator ``metric`` names when measured in a unit of ``kind``."""
    return _classify(metric, kind)


@lru_cache(maxsize=8192)
def _classify(metric: str, kind: str) -> str | None:
    text = metric.replace("（PM2.5）", "PM2.5").replace("(PM2.5)", "PM2.5")
    text = _SPACE.sub("", text)
    if kind not in _RATE_KINDS and _DIFFERENCE.search(text):
        return None
    share = bool(_SHARE_METRIC.search(text))
    best: tuple[int, int, Indicator] | None = None
    pos = 0
    while (m := _PHRASES.search(text, pos)) is not None:
        for ind in _BY_PHRASE[m.group(0)]:
            if kind not in ind.kinds or (share and not ind.is_share):
                continue
            rank = (len(m.group(0)), -m.start())
            if best is None or rank > best[:2]:
                best = (rank[0], rank[1], ind)
            break
        pos = m.start() + 1
    return best[2].code if best else None
