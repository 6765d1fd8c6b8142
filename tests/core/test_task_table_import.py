"""The task table's round trip: export, edit in a spreadsheet (openpyxl), import, and the
database holds exactly those changes; one bad row applies nothing and names the row."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from luoshi.core.exporters import task_table
from luoshi.core.importers import task_table as importer
from luoshi.core.models import Assignment, Plan, Target, User
from luoshi.core.services import ServiceError
from luoshi.core.services.assignment import departments_of
from luoshi.core.services.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    load_demo(password="demo-password-1")
    return Plan.objects.get()


def exported(plan: Plan):  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    task_table.write_xlsx(plan, buf)
    buf.seek(0)
    return load_workbook(buf)


def row_of(ws, target: Target) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 9).value == f"target:{target.id}")


def saved(wb) -> io.BytesIO:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def snapshot(plan: Plan) -> dict[int, tuple[object, ...]]:
    return {t.id: (t.metric, t.low, t.high, t.unit, t.comparator, t.deadline,
                   tuple(sorted(d.name for d in departments_of(t)["lead"])),
                   tuple(sorted(d.name for d in departments_of(t)["support"])))
            for t in Target.objects.filter(plan=plan)}


def test_unchanged_table_changes_nothing(plan: Plan) -> None:
    result = importer.read(plan, saved(exported(plan)))
    assert result.ok and result.changes == []


def test_round_trip_applies_exactly_the_edits(plan: Plan) -> None:
    first, second, third = Target.objects.filter(plan=plan).order_by("order")[:3]
    before = snapshot(plan)
    wb = exported(plan)
    ws = wb.active
    ws.cell(row_of(ws, first), 3).value = "重点技改项目200个以上"  # a value
    ws.cell(row_of(ws, second), 7).value = "2023年6月底前"  # a deadline
    ws.cell(row_of(ws, third), 5).value = "科学技术局"  # a department
    result = importer.read(plan, saved(wb))
    assert result.ok, result.errors
    assert sorted(c.target.id for c in result.changes) == [first.id, second.id, third.id]
    importer.apply(plan, result, user=User.objects.get(username="admin"))
    after = snapshot(plan)
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {first.id, second.id, third.id}
    assert after[first.id][1:3] == (Decimal("200"), Decimal("200"))
    assert after[second.id][5] == date(2023, 6, 30)
    assert after[third.id][6] == ("科学技术局",)
    first.refresh_from_db()
    assert first.history.first().history_user.username == "admin"  # in the change history


def test_one_bad_row_applies_nothing(plan: Plan) -> None:
    first, second = Target.objects.filter(plan=plan).order_by("order")[:2]
    before = snapshot(plan)
    assignments = Assignment.objects.count()
    wb = exported(plan)
    ws = wb.active
    ws.cell(row_of(ws, first), 3).value = "重点技改项目200个以上"
    bad = row_of(ws, second)
    ws.cell(bad, 5).value = "不存在局"
    result = importer.read(plan, saved(wb))
    assert result.errors == [(bad, "unknown department “不存在局”")]
    with pytest.raises(ServiceError):
        importer.apply(plan, result, user=User.objects.get(username="admin"))
    assert snapshot(plan) == before and Assignment.objects.count() == assignments


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        pytest.param(7, "明年", "is not a date", id="bad-date"),
        pytest.param(7, "2022年12月底前", "before the plan year", id="date-before-year"),
        pytest.param(3, "加快推进", "no figure found", id="no-number"),
        pytest.param(5, "财政局、科学技术局", "one lead department", id="two-leads"),
    ],
)
def test_row_errors(plan: Plan, column: int, value: str, reason: str) -> None:
    target = Target.objects.filter(plan=plan).order_by("order").first()
    wb = exported(plan)
    ws = wb.active
    row = row_of(ws, target)
    ws.cell(row, column).value = value
    result = importer.read(plan, saved(wb))
    assert [r for r, _ in result.errors] == [row] and reason in result.errors[0][1]


def test_not_a_task_table(plan: Plan) -> None:
    with pytest.raises(ServiceError):
        importer.read(plan, io.BytesIO(b"not a spreadsheet"))
