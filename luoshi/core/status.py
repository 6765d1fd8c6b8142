"""Completion, 序时进度 and status of a target, and the roll-up to tasks, areas and plans.

Pure functions of values and dates: the rules the README states, in one place.

- **completion** (0–∞ %, shown capped at 100):
  - `>=`, `=`, `~` targets: (value − baseline) / (target − baseline), baseline 0 when unset.
    For a range the low end is the target.
  - `<=` targets (控制在5.5%以内): met (100 %) while the value is at or under the target;
    above it, target / value.
  - rates (unit % or 个百分点 with 增长/增速/提高/下降 in the metric) compare the rate itself:
    value / target, no baseline.
  - never below 0 (a value under the baseline, a negative growth rate).
  - a qualitative target: 100 % once its reviewer set 已完成, else none.
- **序时进度 (elapsed share)**: (as-of date − 1 January of the plan year) / (deadline − that
  day), between 0 and 1.
- **status**, in this order: 已销号 once the office approved the target's closure (销号,
  ``luoshi.supervision``) on or before the day; 已完成 when completion ≥ 100 %; 逾期未完成 when today is past the
  deadline; 未报送 when no report has been accepted; 超进度 when completion ≥ elapsed + 10
  points; 达进度 when completion ≥ elapsed; else 欠进度. A qualitative target takes the status
  its reviewer set (未报送 until then).
- **lights**: green for 已完成, 超进度, 达进度; yellow for 欠进度; red for 逾期未完成 and 未报送.
- **roll-up**: a task, area or plan's completion is the weighted mean of its targets'
  completions, each capped at 100 %, with the targets' weights; a target without a completion
  (no accepted report) counts 0.

Comparisons allow for floating-point rounding (``EPSILON``): 0.29 of a target reached on the
day the elapsed share is 29 % is 达进度, not 欠进度.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

DONE, AHEAD, ON_TRACK, BEHIND, OVERDUE, NOT_REPORTED = "done", "ahead", "on_track", "behind", "overdue", "not_reported"
CLOSED = "closed"  # 已销号: closed by the office on evidence; leaves every lagging list
STATUSES = (DONE, AHEAD, ON_TRACK, BEHIND, OVERDUE, NOT_REPORTED, CLOSED)
REVIEWABLE = STATUSES[:-1]  # what a reviewer may set on a qualitative target (closing is 销号's)
LABELS = {DONE: "已完成", AHEAD: "超进度", ON_TRACK: "达进度", BEHIND: "欠进度", OVERDUE: "逾期未完成",
          NOT_REPORTED: "未报送", CLOSED: "已销号"}
LIGHTS = {DONE: "green", AHEAD: "green", ON_TRACK: "green", BEHIND: "yellow", OVERDUE: "red",
          NOT_REPORTED: "red", CLOSED: "green"}
AHEAD_MARGIN = 10.0  # percentage points above the elapsed share
RATE_WORDS = ("增长", "增速", "提高", "下降", "降低", "增幅", "涨幅")
EPSILON = 1e-9  # percentage points: below this, two figures are equal


@dataclass(frozen=True, slots=True)
class Figures:
    """What the status of one target is computed from."""

    low: Decimal | None
    high: Decimal | None
    unit: str
    comparator: str
    metric: str
    deadline: date
    year: int
    baseline: Decimal | None = None
    value: Decimal | None = None  # the latest accepted value
    as_of: date | None = None  # its date
    qualitative: bool = False
    reviewed_status: str = ""
    closed_on: date | None = None  # 销号: the day the office approved the target's closure


def is_rate(f: Figures) -> bool:
    return f.unit in ("%", "个百分点", "百分点") and any(w in f.metric for w in RATE_WORDS)


def completion(f: Figures) -> float | None:
    """Completion in percent, or None when there is nothing to compare."""
    if f.qualitative:
        return 100.0 if f.reviewed_status == DONE else None
    if f.value is None or f.low is None:
        return None
    value, goal = float(f.value), float(f.low)
    if f.comparator == "<=":
        goal = float(f.high if f.high is not None else f.low)
        if value <= goal:
            return 100.0
        return 100.0 * goal / value if value else 0.0
    if is_rate(f):
        return max(0.0, 100.0 * value / goal) if goal else (100.0 if value >= 0 else 0.0)
    base = float(f.baseline or 0)
    if goal == base:
        return 100.0 if value >= goal else 0.0
    return max(0.0, 100.0 * (value - base) / (goal - base))


def elapsed_share(f: Figures, today: date) -> float:
    """序时进度: the share of the period from 1 January of the plan year to the deadline."""
    start = date(f.year, 1, 1)
    span = (f.deadline - start).days
    if span <= 0:
        return 1.0
    return min(1.0, max(0.0, (today - start).days / span))


def status(f: Figures, today: date) -> str:
    if f.closed_on is not None and f.closed_on <= today:
        return CLOSED
    if f.qualitative:
        return f.reviewed_status if f.reviewed_status in REVIEWABLE else NOT_REPORTED
    done = completion(f)
    if done is not None and _at_least(done, 100.0):
        return DONE
    if today > f.deadline:
        return OVERDUE
    if done is None:
        return NOT_REPORTED
    elapsed = 100.0 * elapsed_share(f, today)
    if _at_least(done, elapsed + AHEAD_MARGIN):
        return AHEAD
    return ON_TRACK if _at_least(done, elapsed) else BEHIND


def _at_least(a: float, b: float) -> bool:
    return a >= b - EPSILON


def rollup(items: Iterable[tuple[float | None, float]]) -> float | None:
    """Weighted mean of (completion, weight) pairs, completions capped at 100; targets
    without a completion count as 0. None when there are no targets."""
    total = weight_sum = 0.0
    for done, weight in items:
        total += max(0.0, min(100.0, done or 0.0)) * weight
        weight_sum += weight
    return total / weight_sum if weight_sum else None
