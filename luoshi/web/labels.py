"""Words and numbers as the pages show them: status names in the user's language, lights,
figures without trailing zeros, large sums of money in 万/亿."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from ..core import status as S

STATUS_LABELS = {
    S.DONE: _("Done"),
    S.AHEAD: _("Ahead of schedule"),
    S.ON_TRACK: _("On schedule"),
    S.BEHIND: _("Behind schedule"),
    S.OVERDUE: _("Overdue"),
    S.NOT_REPORTED: _("Not reported"),
    S.CLOSED: _("Closed"),
}
STATUS_COLOURS = {  # bar colours; the lights are green, yellow, red (status.LIGHTS)
    S.DONE: "#1e7b34", S.AHEAD: "#38a852", S.ON_TRACK: "#8fd19e", S.BEHIND: "#e9b10a",
    S.OVERDUE: "#c62828", S.NOT_REPORTED: "#e8a3a3", S.CLOSED: "#5b7fa8",
}
COMPARATOR_SIGNS = {"=": "", ">=": "≥", "<=": "≤", "~": "≈"}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def decimal(value: Any) -> Decimal | None:
    if type(value) is Decimal:  # as the database gives it: most calls
        return value if value.is_finite() else None
    if value is None or value == "":
        return None
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def plain(value: Any) -> str:
    """A number as typed in a form: no exponent, no trailing zeros, no separators."""
    d = decimal(value)
    if d is None:
        return ""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def figure(value: Any) -> str:
    """A number for reading: thousands separators, at most four decimals, no trailing zeros."""
    d = decimal(value)
    if d is None:
        return "—"
    text = format(d.quantize(Decimal("0.0001")) if abs(d) < 10**18 else d, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def amount(value: Any, unit: str) -> str:
    """A figure with its unit; money in 元 of 10,000 or more is shown in 万元 or 亿元."""
    d = decimal(value)
    if d is None:
        return "—"
    if unit == "元" and abs(d) >= 100_000_000:
        return f"{figure(d / 100_000_000)}亿元"
    if unit == "元" and abs(d) >= 10_000:
        return f"{figure(d / 10_000)}万元"
    if not unit or unit == "%" or not unit[0].isascii():
        return f"{figure(d)}{unit}"
    return f"{figure(d)} {unit}"


def goal(low: Any, high: Any, unit: str, comparator: str) -> str:
    """A target as a person reads it: ≥160个, 5–6%, ≈1.4亿元."""
    sign = COMPARATOR_SIGNS.get(comparator, "")
    lo, hi = decimal(low), decimal(high)
    if lo is None and hi is None:
        return "—"
    if lo is not None and hi is not None and lo != hi:
        return f"{sign}{figure(lo) if unit != '元' else amount(lo, unit)}–{amount(hi, unit)}"
    return f"{sign}{amount(lo if lo is not None else hi, unit)}"


def percent(value: Any, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{float(value):.{digits}f}%"
