"""The status rules (luoshi/core/status.py) as a table: completion, 序时进度 and status of one
target, then the roll-up. Dates: from 2023-01-01 to 2023-12-31 is 364 days, so on 2023-07-02
(182 days) the elapsed share of a year-end target is exactly 50 %."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from luoshi.core import status as S

MID = date(2023, 7, 2)  # elapsed share 50 % of a 2023-12-31 deadline
YEAR_END = date(2023, 12, 31)


@dataclass(frozen=True)
class Case:
    id: str
    low: str | None
    value: str | None
    completion: float | None
    elapsed: float  # percent
    status: str
    comparator: str = ">="
    unit: str = "个"
    metric: str = "项目"
    high: str | None = None
    baseline: str | None = None
    today: date = MID
    deadline: date = YEAR_END
    qualitative: bool = False
    reviewed: str = ""

    def figures(self) -> S.Figures:
        d = lambda s: None if s is None else Decimal(s)  # noqa: E731
        return S.Figures(
            low=d(self.low), high=d(self.high if self.high is not None else self.low), unit=self.unit,
            comparator=self.comparator, metric=self.metric, deadline=self.deadline, year=2023,
            baseline=d(self.baseline), value=d(self.value), as_of=self.today if self.value else None,
            qualitative=self.qualitative, reviewed_status=self.reviewed,
        )


CASES = [
    # >= targets: (value - baseline) / (target - baseline)
    Case("ge-reached", "160", "160", 100.0, 50.0, S.DONE),
    Case("ge-exceeded", "160", "200", 125.0, 50.0, S.DONE),
    Case("ge-ahead-at-margin", "160", "96", 60.0, 50.0, S.AHEAD),  # exactly elapsed + 10 points
    Case("ge-under-margin", "1000", "599", 59.9, 50.0, S.ON_TRACK),
    Case("ge-on-track-exact", "160", "80", 50.0, 50.0, S.ON_TRACK),
    Case("ge-behind", "1000", "499", 49.9, 50.0, S.BEHIND),
    Case("ge-zero-value", "160", "0", 0.0, 50.0, S.BEHIND),
    # = and ~ are measured the same way
    Case("eq-half", "10", "5", 50.0, 50.0, S.ON_TRACK, comparator="="),
    Case("eq-reached", "10", "10", 100.0, 50.0, S.DONE, comparator="="),
    Case("about-behind", "100", "30", 30.0, 50.0, S.BEHIND, comparator="~"),
    Case("about-ahead", "100", "70", 70.0, 50.0, S.AHEAD, comparator="~"),
    # <= targets: met while at or under the ceiling; above it, target / value
    Case("le-under", "5.5", "5.0", 100.0, 50.0, S.DONE, comparator="<=", unit="%", metric="城镇调查失业率"),
    Case("le-at", "5.5", "5.5", 100.0, 50.0, S.DONE, comparator="<=", unit="%", metric="城镇调查失业率"),
    Case("le-above", "5.5", "11", 50.0, 50.0, S.ON_TRACK, comparator="<=", unit="%", metric="城镇调查失业率"),
    Case("le-far-above", "5", "20", 25.0, 50.0, S.BEHIND, comparator="<=", unit="%", metric="失业率"),
    Case("le-range-uses-high", "3", "4.5", 100.0, 50.0, S.DONE, comparator="<=", high="5", unit="%",
         metric="失业率"),
    Case("le-zero-ceiling", "0", "2", 0.0, 50.0, S.BEHIND, comparator="<=", unit="起", metric="重大安全事故"),
    Case("le-rate-growth-word", "3", "2.5", 100.0, 50.0, S.DONE, comparator="<=", unit="%",
         metric="居民消费价格涨幅"),
    # growth rates compare the rate itself, whatever the baseline
    Case("rate-ahead", "10", "6", 60.0, 50.0, S.AHEAD, unit="%", metric="信贷投放增长"),
    Case("rate-done", "10", "12", 120.0, 50.0, S.DONE, unit="%", metric="信贷投放增长"),
    Case("rate-ignores-baseline", "10", "6", 60.0, 50.0, S.AHEAD, unit="%", metric="信贷投放增长",
         baseline="5"),
    Case("rate-points", "2", "1", 50.0, 50.0, S.ON_TRACK, unit="个百分点", metric="城镇化率提高"),
    Case("rate-decline", "3", "1.2", 40.0, 50.0, S.BEHIND, unit="%", metric="单位GDP能耗下降"),
    Case("rate-negative-floored", "10", "-2", 0.0, 50.0, S.BEHIND, unit="%", metric="地区生产总值增长"),
    Case("rate-zero-goal", "0", "1", 100.0, 50.0, S.DONE, unit="%", metric="增速"),
    Case("percent-not-rate", "90", "45", 50.0, 50.0, S.ON_TRACK, unit="%", metric="普惠性幼儿园覆盖率"),
    # baseline
    Case("baseline-half", "1500", "1250", 50.0, 50.0, S.ON_TRACK, unit="人", baseline="1000"),
    Case("baseline-percent", "90", "85", 50.0, 50.0, S.ON_TRACK, unit="%", metric="覆盖率", baseline="80"),
    Case("baseline-under-floored", "1500", "900", 0.0, 50.0, S.BEHIND, unit="人", baseline="1000"),
    Case("baseline-equals-target-met", "100", "100", 100.0, 50.0, S.DONE, baseline="100"),
    Case("baseline-equals-target-unmet", "100", "99", 0.0, 50.0, S.BEHIND, baseline="100"),
    # ranges: the low end is the target
    Case("range-low-reached", "2", "2", 100.0, 50.0, S.DONE, high="3", comparator="="),
    Case("range-half", "2", "1", 50.0, 50.0, S.ON_TRACK, high="3", comparator="="),
    # no accepted report
    Case("no-report", "160", None, None, 50.0, S.NOT_REPORTED),
    Case("no-report-rate", "10", None, None, 50.0, S.NOT_REPORTED, unit="%", metric="增长"),
    # deadline passed: 逾期未完成 before 未报送, 已完成 before 逾期
    Case("overdue", "160", "80", 50.0, 100.0, S.OVERDUE, deadline=date(2023, 6, 30)),
    Case("overdue-no-report", "160", None, None, 100.0, S.OVERDUE, deadline=date(2023, 6, 30)),
    Case("done-after-deadline", "160", "160", 100.0, 100.0, S.DONE, deadline=date(2023, 6, 30)),
    Case("deadline-day-not-overdue", "160", "80", 50.0, 100.0, S.BEHIND, today=date(2023, 6, 30),
         deadline=date(2023, 6, 30)),
    Case("le-over-after-deadline", "5", "6", 100 * 5 / 6, 100.0, S.OVERDUE, comparator="<=", unit="%",
         metric="失业率", today=date(2024, 1, 2)),
    # a multi-year target: 182 of 1095 days elapsed (16.6 %)
    Case("multi-year-on-track", "100", "20", 20.0, 100 * 182 / 1095, S.ON_TRACK, deadline=date(2025, 12, 31)),
    Case("multi-year-ahead", "100", "27", 27.0, 100 * 182 / 1095, S.AHEAD, deadline=date(2025, 12, 31)),
    # the start of the year and before it
    Case("first-day", "100", "10", 10.0, 0.0, S.AHEAD, today=date(2023, 1, 1)),
    Case("before-the-year", "100", "0", 0.0, 0.0, S.ON_TRACK, today=date(2022, 12, 1)),
    # rounding: 0.29 of the target when 29 % of the period has passed (2023-01-30 of a 100-day period)
    Case("float-boundary-on-track", "1", "0.29", 29.0, 29.0, S.ON_TRACK, today=date(2023, 1, 30),
         deadline=date(2023, 4, 11)),
    Case("float-boundary-ahead", "1", "0.39", 39.0, 29.0, S.AHEAD, today=date(2023, 1, 30),
         deadline=date(2023, 4, 11)),
    # qualitative targets take the status their reviewer set
    Case("qualitative-unset", "1", None, None, 50.0, S.NOT_REPORTED, qualitative=True),
    Case("qualitative-done", "1", None, 100.0, 50.0, S.DONE, qualitative=True, reviewed=S.DONE),
    Case("qualitative-behind", "1", None, None, 50.0, S.BEHIND, qualitative=True, reviewed=S.BEHIND),
    Case("qualitative-ignores-value", "10", "10", None, 50.0, S.ON_TRACK, qualitative=True,
         reviewed=S.ON_TRACK),
    Case("qualitative-ignores-deadline", "1", None, None, 100.0, S.AHEAD, qualitative=True, reviewed=S.AHEAD,
         deadline=date(2023, 6, 30)),
    Case("qualitative-unknown-status", "1", None, None, 50.0, S.NOT_REPORTED, qualitative=True,
         reviewed="bogus"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_status_rules(case: Case) -> None:
    f = case.figures()
    done = S.completion(f)
    if case.completion is None:
        assert done is None
    else:
        assert done == pytest.approx(case.completion)
    assert 100 * S.elapsed_share(f, case.today) == pytest.approx(case.elapsed)
    assert S.status(f, case.today) == case.status


def test_ids_are_unique() -> None:
    assert len({c.id for c in CASES}) == len(CASES)


def test_every_status_has_a_label_and_a_light() -> None:
    assert [S.LABELS[s] for s in S.STATUSES] == ["已完成", "超进度", "达进度", "欠进度", "逾期未完成", "未报送",
                                                 "已销号"]
    assert {s: S.LIGHTS[s] for s in S.STATUSES} == {
        S.DONE: "green", S.AHEAD: "green", S.ON_TRACK: "green", S.BEHIND: "yellow", S.OVERDUE: "red",
        S.NOT_REPORTED: "red", S.CLOSED: "green"}


def test_a_closed_target_is_closed_from_its_day() -> None:
    f = S.Figures(low=Decimal(160), high=Decimal(160), unit="个", comparator=">=", metric="技改项目",
                  deadline=date(2023, 12, 31), year=2023, value=Decimal(10), closed_on=date(2023, 10, 20))
    assert S.status(f, date(2023, 10, 19)) == S.BEHIND
    assert S.status(f, date(2023, 10, 20)) == S.CLOSED
    assert S.status(f, date(2024, 1, 5)) == S.CLOSED  # not overdue: closed
    q = S.Figures(low=None, high=None, unit="", comparator="=", metric="x", deadline=date(2023, 12, 31), year=2023,
                  qualitative=True, reviewed_status=S.CLOSED)
    assert S.status(q, date(2023, 6, 1)) == S.NOT_REPORTED  # a reviewer cannot close a target by its status


def test_margin_is_ten_points() -> None:
    assert S.AHEAD_MARGIN == 10.0


ROLLUPS = [
    ("empty", [], None),
    ("mean", [(50.0, 1.0), (100.0, 1.0)], 75.0),
    ("capped-at-100", [(150.0, 1.0), (50.0, 1.0)], 75.0),
    ("missing-counts-0", [(None, 1.0), (100.0, 1.0)], 50.0),
    ("all-missing", [(None, 1.0), (None, 2.0)], 0.0),
    ("weighted", [(100.0, 3.0), (0.0, 1.0)], 75.0),
    ("weighted-missing", [(None, 3.0), (80.0, 1.0)], 20.0),
    ("negative-floored", [(-40.0, 1.0), (100.0, 1.0)], 50.0),
    ("zero-weights", [(50.0, 0.0)], None),
]


@pytest.mark.parametrize(("items", "expected"), [r[1:] for r in ROLLUPS], ids=[r[0] for r in ROLLUPS])
def test_rollup(items: list[tuple[float | None, float]], expected: float | None) -> None:
    got = S.rollup(items)
    assert got == (None if expected is None else pytest.approx(expected))
