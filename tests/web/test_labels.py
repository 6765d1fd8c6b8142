"""Figures as the pages show them (a table of cases)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from luoshi.web import labels

GOALS = [
    ("count", (160, 160, "个", ">="), "≥160个"),
    ("money-yi", (596000000, 596000000, "元", "="), "5.96亿元"),
    ("money-wan", (50000, 50000, "元", "~"), "≈5万元"),
    ("money-small", (800, 800, "元", "="), "800元"),
    ("percent", (Decimal("5.5"), Decimal("5.5"), "%", "<="), "≤5.5%"),
    ("range", (5, 6, "%", "="), "5–6%"),
    ("thousands", (1500000, 1500000, "平方米", "="), "1,500,000平方米"),
    ("latin-unit", (110, 110, "kV", "="), "110 kV"),
    ("no-value", (None, None, "个", "="), "—"),
]


@pytest.mark.parametrize("args,expected", [c[1:] for c in GOALS], ids=[c[0] for c in GOALS])
def test_goal(args: tuple, expected: str) -> None:
    assert labels.goal(*args) == expected


@pytest.mark.parametrize("value,expected", [
    (Decimal("160.0000"), "160"), (Decimal("0.5000"), "0.5"), (1e9, "1000000000"), (None, ""), ("", ""),
    (Decimal("-0.0000"), "0"), ("abc", ""),
], ids=["trailing-zeros", "fraction", "float", "none", "blank", "minus-zero", "text"])
def test_plain(value: object, expected: str) -> None:
    assert labels.plain(value) == expected


def test_percent_and_figure() -> None:
    assert labels.percent(None) == "—" and labels.percent(74.6) == "75%"
    assert labels.figure(Decimal("1234567.8900")) == "1,234,567.89"
    assert labels.figure(Decimal("1E+25")) == "10,000,000,000,000,000,000,000,000"
