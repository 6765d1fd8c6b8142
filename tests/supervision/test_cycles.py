"""Reporting periods, as tables: cycle → periods (key, due, window), a report's period."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi.supervision import cycles as C

D = date.fromisoformat
MONTHLY_5 = C.Rule(C.MONTHLY, 5)

PERIODS = [  # (id, rule, index, key, label, due, window opens)
    ("monthly-jan", MONTHLY_5, 0, "2023-01", "2023年1月", "2023-02-05", "2023-01-01"),
    ("monthly-sep", MONTHLY_5, 8, "2023-09", "2023年9月", "2023-10-05", "2023-09-06"),
    ("monthly-dec-next-year", MONTHLY_5, 11, "2023-12", "2023年12月", "2024-01-05", "2023-12-06"),
    ("monthly-31-in-feb", C.Rule(C.MONTHLY, 31), 0, "2023-01", "2023年1月", "2023-02-28", "2023-01-01"),
    ("monthly-31-in-mar", C.Rule(C.MONTHLY, 31), 1, "2023-02", "2023年2月", "2023-03-31", "2023-03-01"),
    ("quarterly-q3", C.Rule(C.QUARTERLY, 15), 2, "2023-Q3", "2023年第三季度", "2023-10-15", "2023-07-16"),
    ("quarterly-q4", C.Rule(C.QUARTERLY, 15), 3, "2023-Q4", "2023年第四季度", "2024-01-15", "2023-10-16"),
    ("dates-first", C.Rule(C.DATES, dates=(D("2023-06-30"), D("2023-12-20"))), 0, "2023-06-30",
     "截至2023年6月30日", "2023-06-30", "2023-01-01"),
    ("dates-second", C.Rule(C.DATES, dates=(D("2023-12-20"), D("2023-06-30"))), 1, "2023-12-20",
     "截至2023年12月20日", "2023-12-20", "2023-07-01"),
]


@pytest.mark.parametrize(("rule", "index", "key", "label", "due", "opens"), [p[1:] for p in PERIODS],
                         ids=[p[0] for p in PERIODS])
def test_periods(rule: C.Rule, index: int, key: str, label: str, due: str, opens: str) -> None:
    p = C.periods(rule, 2023)[index]
    assert (p.key, p.label, p.due, p.opens) == (key, label, D(due), D(opens))


def test_counts_and_dates_of_other_years_ignored() -> None:
    assert len(C.periods(MONTHLY_5, 2023)) == 12
    assert len(C.periods(C.Rule(C.QUARTERLY, 10), 2023)) == 4
    assert [p.key for p in C.periods(C.Rule(C.DATES, dates=(D("2022-12-01"), D("2023-03-01"))), 2023)] == ["2023-03-01"]


BELONGS = [  # (id, rule, as-of date of a report, its period's key or None)
    ("end-of-month", MONTHLY_5, "2023-09-30", "2023-09"),
    ("grace-days", MONTHLY_5, "2023-10-05", "2023-09"),
    ("after-due", MONTHLY_5, "2023-10-06", "2023-10"),
    ("first-window-from-1-jan", MONTHLY_5, "2023-01-02", "2023-01"),
    ("early-february", MONTHLY_5, "2023-02-03", "2023-01"),
    ("after-the-last-due", MONTHLY_5, "2024-01-06", None),
    ("quarter", C.Rule(C.QUARTERLY, 10), "2023-08-01", "2023-Q3"),
    ("dates", C.Rule(C.DATES, dates=(D("2023-06-30"), D("2023-12-20"))), "2023-07-01", "2023-12-20"),
]


@pytest.mark.parametrize(("rule", "day", "key"), [b[1:] for b in BELONGS], ids=[b[0] for b in BELONGS])
def test_period_of_a_report(rule: C.Rule, day: str, key: str | None) -> None:
    p = C.period_of(C.periods(rule, 2023), D(day))
    assert (p.key if p else None) == key


def test_due_periods_and_required() -> None:
    ps = C.periods(MONTHLY_5, 2023)
    assert C.last_due(ps, D("2023-10-05")).key == "2023-08"  # type: ignore[union-attr]  # September's due that day
    assert C.last_due(ps, D("2023-10-06")).key == "2023-09"  # type: ignore[union-attr]
    assert C.next_due(ps, D("2023-10-05")).key == "2023-09"  # type: ignore[union-attr]
    assert C.last_due(ps, D("2023-02-05")) is None
    keys = [p.key for p in C.required(ps, D("2023-05-10"), deadline=D("2023-12-31"), closed_on=None)]
    assert keys == ["2023-01", "2023-02", "2023-03", "2023-04"]
    # a target due in March reports through March; a target closed on 3 April owes no March report
    assert [p.key for p in C.required(ps, D("2023-12-31"), deadline=D("2023-03-15"), closed_on=None)][-1] == "2023-03"
    assert [p.key for p in C.required(ps, D("2023-12-31"), deadline=D("2023-12-31"), closed_on=D("2023-04-03"))] \
        == ["2023-01", "2023-02"]


def test_describe_and_parse() -> None:
    assert MONTHLY_5.describe() == "每月5日前报送上月进展"
    assert C.Rule(C.QUARTERLY, 10).describe() == "每季度结束后次月10日前报送"
    assert C.parse_dates("2023-12-20、2023-06-30， 2023-06-30") == (D("2023-06-30"), D("2023-12-20"))
    with pytest.raises(ValueError):
        C.parse_dates("6月30日")
