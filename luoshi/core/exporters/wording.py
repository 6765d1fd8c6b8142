"""How a target reads in a task table: 实施重点技改项目160个以上, 投资5.96亿元, 2023年12月底前."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

# comparator → the words around the value, as reports write them
_BEFORE = {"~": "", "=": "", ">=": "", "<=": ""}
_AFTER = {"~": "左右", "=": "", ">=": "以上", "<=": "以内"}
# (threshold, magnitude word): a value this large is written with the magnitude
_MAGNITUDES = ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))


def number(value: Decimal | None, unit: str) -> str:
    """149万 + 平方米, 5.96亿 + 元, 160 + 个: the value with its magnitude word."""
    if value is None:
        return "?"
    if unit not in ("%", "‰", "个百分点", "倍"):
        for size, word in _MAGNITUDES:
            if abs(value) >= size and (value / size) == (value / size).quantize(Decimal("0.01")):
                return f"{_plain(value / size)}{word}"
    return _plain(value)


def _plain(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def value_phrase(low: Decimal | None, high: Decimal | None, unit: str, comparator: str) -> str:
    """160个以上, 1—2个, 5.5%左右."""
    body = number(low, unit) if low == high or high is None else f"{number(low, unit)}—{number(high, unit)}"
    return f"{_BEFORE.get(comparator, '')}{body}{unit}{_AFTER.get(comparator, '')}"


def target_phrase(metric: str, low: Decimal | None, high: Decimal | None, unit: str, comparator: str,
                  aspirational: bool) -> str:
    """力争 + metric + value: 力争信贷投放增长10%以上."""
    return f"{'力争' if aspirational else ''}{metric}{value_phrase(low, high, unit, comparator)}"


def deadline_phrase(d: date) -> str:
    """2023年12月底前 for a month's end, else 2023年6月15日前."""
    if d.day == calendar.monthrange(d.year, d.month)[1]:
        return f"{d.year}年{d.month}月底前"
    return f"{d.year}年{d.month}月{d.day}日前"
