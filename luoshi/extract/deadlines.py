"""Deadlines: when a target is due.

The plan year's 12-31 unless the sentence says otherwise before the figure: ``到2025年`` →
2025-12-31, ``“十四五”末`` → 2025-12-31, ``6月底前`` → the plan year's 06-30, ``上半年`` →
06-30, ``今后五年`` in the 2023 report → 2027-12-31. A sentence in a part about a five-year
plan (``“十四五”时期主要目标任务``) is due at that plan's end.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .rules import deadlines as R
from .vocab import alternation

_MONTH_NUM = r"(?:1[0-2]|[1-9]|" + alternation(list(R.MONTHS)) + ")"
_PATTERN = re.compile(
    "|".join([
        r"(?P<fyp>(?:" + alternation(list(R.FIVE_YEAR_PLANS)) + r"))”?(?:末|期末|时期|期间|规划)",
        r"(?P<year>(?:19|20)\d\d)年(?:(?P<ym>" + _MONTH_NUM + r")月(?:底|末|份)?)?(?:前|底前|底|末|以前|内)?",
        r"(?P<month>" + _MONTH_NUM + r")月(?:底|末|份|中旬|上旬|下旬)?前?",
        r"(?P<part>" + alternation(list(R.YEAR_PARTS)) + ")",
        r"(?P<span>" + alternation(list(R.YEAR_SPANS)) + ")",
    ])
)
_CLAUSE_END = re.compile(r"[，,；;。！？!?]")


@dataclass(frozen=True, slots=True)
class Deadline:
    date: str  # ISO
    text: str
    start: int
    end: int


def _month_value(s: str) -> int:
    return int(s) if s.isdigit() else R.MONTHS[s]


def _end_of_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def year_end(year: int) -> str:
    return f"{year:04d}-12-31"


def find_deadlines(sentence: str, plan_year: int) -> list[Deadline]:
    """Every deadline expression in a sentence, with its date, left to right."""
    found: list[Deadline] = []
    for m in _PATTERN.finditer(sentence):
        date = _resolve(m, plan_year, sentence)
        if date:
            found.append(Deadline(date, m.group(0), m.start(), m.end()))
    return found


def _resolve(m: re.Match[str], plan_year: int, sentence: str) -> str | None:
    if m.group("fyp"):
        return year_end(R.FIVE_YEAR_PLANS[m.group("fyp")])
    if m.group("year"):
        y = int(m.group("year"))
        if y <= plan_year:
            return None  # this year's date or the past: the default deadline stands
        if y > plan_year + 30:
            return None  # a long-range vision (二〇三五年): not a deadline for a tracked target
        if m.group("ym"):
            return _end_of_month(y, _month_value(m.group("ym")))
        return year_end(y)
    if m.group("month"):
        tail = m.group(0)
        if not any(w in tail for w in ("底", "末", "前", "份", "旬")):
            return None
        return _end_of_month(plan_year, _month_value(m.group("month")))
    if m.group("part"):
        month, day = R.YEAR_PARTS[m.group("part")]
        return f"{plan_year:04d}-{month:02d}-{day:02d}"
    if m.group("span"):
        return year_end(plan_year + R.YEAR_SPANS[m.group("span")] - 1)
    return None


def deadline_for(sentence: str, offset: int, plan_year: int, default: str) -> str:
    """The deadline of a figure at ``offset`` in ``sentence``: the nearest deadline
    expression before it in the sentence, else the first after it in its clause
    (总投资5.63亿元的科创园6月底前建成), else ``default``."""
    found = find_deadlines(sentence, plan_year)
    before = [d for d in found if d.end <= offset]
    if before:
        return before[-1].date
    clause = _CLAUSE_END.search(sentence, offset)
    end = clause.start() if clause else len(sentence)
    after = [d for d in found if offset < d.start < end]
    return after[0].date if after else default
