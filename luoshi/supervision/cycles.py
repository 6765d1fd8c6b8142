"""Reporting periods: pure functions of a cycle and a plan year (no database).

- **monthly by day N**: a period per month of the plan year; the report on month M is due by
  day N of month M+1 (每月5日前报送上月进展: September's by 5 October). A day past the end of a
  month is its last day.
- **quarterly by day N**: a period per quarter, due by day N of the month after it.
- **on given dates**: a period ending at each date, due that day.
- **the period a report belongs to** is the one whose window holds the report's as-of date: a
  period's window runs from the day after the previous period's due date to its own due date
  (the first from 1 January). A report as of 30 September or of 3 October is September's; one as
  of 6 October is October's. Windows do not overlap, so a report counts once.
- a report is **on time** when it was submitted by its period's due date.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

MONTHLY, QUARTERLY, DATES = "monthly", "quarterly", "dates"
QUARTERS = ("一", "二", "三", "四")


@dataclass(frozen=True, slots=True)
class Rule:
    """A cycle as the rules need it (``models.Cycle`` without the database)."""

    kind: str = MONTHLY
    day: int = 5
    dates: tuple[date, ...] = ()
    remind_before: int = 3
    escalate_after: int = 10

    def describe(self) -> str:
        """The cycle in the office's words: 每月5日前报送上月进展."""
        if self.kind == MONTHLY:
            return f"每月{self.day}日前报送上月进展"
        if self.kind == QUARTERLY:
            return f"每季度结束后次月{self.day}日前报送"
        return "于" + "、".join(f"{d.month}月{d.day}日" for d in self.dates) + "前报送"


@dataclass(frozen=True, slots=True)
class Period:
    key: str  # 2023-09, 2023-Q3, 2023-10-10
    label: str  # 2023年9月, 2023年第三季度, 截至2023年10月10日
    start: date  # what the period covers
    end: date
    due: date  # the last day a report on it is on time
    opens: date  # the first day of its window (as-of dates from here to ``due`` belong to it)

    def holds(self, day: date) -> bool:
        return self.opens <= day <= self.due


def _day_of(year: int, month: int, day: int) -> date:
    if month > 12:
        year, month = year + 1, month - 12
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def periods(rule: Rule, year: int) -> list[Period]:
    """The plan year's periods in order, each with its window."""
    spans: list[tuple[str, str, date, date, date]] = []
    if rule.kind == MONTHLY:
        for m in range(1, 13):
            end = date(year, m, calendar.monthrange(year, m)[1])
            spans.append((f"{year}-{m:02d}", f"{year}年{m}月", date(year, m, 1), end, _day_of(year, m + 1, rule.day)))
    elif rule.kind == QUARTERLY:
        for q in range(4):
            first, last = 3 * q + 1, 3 * q + 3
            end = date(year, last, calendar.monthrange(year, last)[1])
            spans.append((f"{year}-Q{q + 1}", f"{year}年第{QUARTERS[q]}季度", date(year, first, 1), end,
                          _day_of(year, last + 1, rule.day)))
    else:
        start = date(year, 1, 1)
        for d in sorted(set(rule.dates)):
            if d < start:
                continue
            spans.append((d.isoformat(), f"截至{d.year}年{d.month}月{d.day}日", start, d, d))
            start = d + timedelta(days=1)
    out: list[Period] = []
    opens = date(year, 1, 1)
    for key, label, start, end, due in spans:
        out.append(Period(key, label, start, end, due, opens))
        opens = due + timedelta(days=1)
    return out


def period_of(found: Sequence[Period], day: date) -> Period | None:
    """The period a report as of ``day`` belongs to (None: after the last due date)."""
    for p in found:
        if p.holds(day):
            return p
    return None


def last_due(found: Sequence[Period], day: date) -> Period | None:
    """The latest period whose due date is past on ``day`` (its report is late from then)."""
    past = [p for p in found if p.due < day]
    return past[-1] if past else None


def next_due(found: Sequence[Period], day: date) -> Period | None:
    """The period due next: the first whose due date is ``day`` or later."""
    return next((p for p in found if p.due >= day), None)


def required(found: Sequence[Period], day: date, *, deadline: date, closed_on: date | None) -> list[Period]:
    """The periods a target must have been reported for by ``day``: due before it, starting by
    the target's deadline and not closed (销号) by their due date."""
    return [p for p in found if p.due < day and p.start <= deadline and (closed_on is None or closed_on > p.due)]


def label_of(key: str) -> str:
    """A period's label from its key (2023-09 → 2023年9月, 2023-Q3 → 2023年第三季度)."""
    year, _, rest = key.partition("-")
    if rest.startswith("Q") and rest[1:].isdigit() and 1 <= int(rest[1:]) <= 4:
        return f"{year}年第{QUARTERS[int(rest[1:]) - 1]}季度"
    if rest.isdigit():
        return f"{year}年{int(rest)}月"
    try:
        d = date.fromisoformat(key)
    except ValueError:
        return key
    return f"截至{d.year}年{d.month}月{d.day}日"


def parse_dates(text: str) -> tuple[date, ...]:
    """Due dates as the office types them: YYYY-MM-DD separated by commas, spaces or 、."""
    out = []
    for part in text.replace("、", ",").replace("，", ",").replace(" ", ",").split(","):
        if part.strip():
            out.append(date.fromisoformat(part.strip()))
    return tuple(sorted(set(out)))
