"""Review or plan, read from a paragraph's own words when the headings do not say.

A report's headings usually name its parts (2022年工作回顾, 2023年工作安排), and
``structure.py`` trusts them. Where they do not — a report with no headings, a chapter
titled 坚持实行扩大内需的方针 after the review, a paragraph of last year's results inside
the plan — the tense markers of each paragraph decide: 预计, 比上年, 完成了 for results;
今年, 要, 力争, 确保, 拟 for plans (``rules.structure.PLAN_SIGNALS``/``REVIEW_SIGNALS``).
"""

from __future__ import annotations

import re

from .rules import structure as R

_PLAN = re.compile("|".join(f"(?:{p})" for p in R.PLAN_SIGNALS))
_REVIEW = re.compile("|".join(f"(?:{p})" for p in R.REVIEW_SIGNALS))
_YEAR = re.compile(r"((?:19|20)\d\d)年")
_DIGIT = re.compile(r"[0-9]")


def signals(text: str, year: int | None = None) -> tuple[int, int]:
    """(plan markers, review markers) in ``text``; a year before the plan year counts as review."""
    plan = len(_PLAN.findall(text))
    review = len(_REVIEW.findall(text))
    if year:
        years = [int(y) for y in _YEAR.findall(text)]
        review += sum(1 for y in years if y < year)
        plan += sum(1 for y in years if y >= year)
    return plan, review


def score(text: str, year: int | None = None) -> int:
    """Positive for a paragraph of plans, negative for one of results."""
    plan, review = signals(text, year)
    return plan - review


def reads_as_review(text: str, year: int | None) -> bool:
    """A paragraph with figures inside a plan part that tells of last year
    (2022年，全市生产总值增长了5%，比上年提高了1个百分点): no plan marker, several of results."""
    if _PLAN.search(text) or not _DIGIT.search(text):
        return False  # any plan marker keeps it plan; without a figure the role changes nothing
    plan, review = signals(text, year)
    return plan == 0 and review >= R.REVIEW_OVERRIDE_MIN


def split_point(scores: list[int]) -> tuple[int, float]:
    """Where a report with no part headings turns from review to plan, and a confidence.

    The split ``k`` maximises the evidence of review before it and of plan from it on; ``0``
    (all plan) unless the review side gains at least ``SPLIT_MIN_GAIN`` markers.
    """
    best_k, best_gain, gain = 0, 0, 0
    for k, s in enumerate(scores, start=1):
        gain -= s  # paragraphs before k read as review: their negative scores are gains
        if gain > best_gain:
            best_k, best_gain = k, gain
    if best_gain < R.SPLIT_MIN_GAIN:
        return 0, 0.0
    total = sum(abs(s) for s in scores) or 1
    return best_k, round(min(0.95, 0.5 + best_gain / (2 * total)), 2)


def confidence(plan: int, review: int) -> float:
    """How sure a content-read role is: 0.5 for a tie, towards 0.95 as one side dominates."""
    total = plan + review
    return round(0.5 + 0.45 * abs(plan - review) / total, 2) if total else 0.5
