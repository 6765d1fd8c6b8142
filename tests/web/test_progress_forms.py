"""Progress forms: a department downloads its form, fills it in a spreadsheet, uploads it;
the filled rows become progress reports after a preview; a bad row submits nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.test import Client
from openpyxl import load_workbook

from luoshi.core.models import Department, Plan, ProgressReport
from luoshi.core.services.assignment import targets_of_department
from luoshi.core.services.demo import load_demo

pytestmark = pytest.mark.django_db
PW = "demo-password-1"


@pytest.fixture
def dept() -> Department:
    load_demo(password=PW)
    return Department.objects.get(name="工业和信息化局")


def reporter() -> Client:
    c = Client()
    assert c.login(username="gongxin", password=PW)
    return c


def filled(client: Client, dept: Department, rows: dict[int, tuple[object, ...]]) -> io.BytesIO:
    wb = load_workbook(io.BytesIO(client.get(f"/departments/{dept.pk}/form.xlsx").content))
    ws = wb.active
    assert [c.value for c in ws[2]][:5] == ["序号", "具体目标", "完成时限", "截至日期", "完成值"]
    for r, values in rows.items():
        for col, v in zip((4, 5, 7, 8, 9), values, strict=False):
            ws.cell(r, col).value = v
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "form.xlsx"
    return buf


def test_form_lists_the_departments_targets(dept: Department) -> None:
    wb = load_workbook(io.BytesIO(reporter().get(f"/departments/{dept.pk}/form.xlsx").content))
    ws = wb.active
    ids = [ws.cell(r, 10).value for r in range(3, ws.max_row + 1)]
    assert ids == [f"target:{t.id}" for t in targets_of_department(dept)]


def test_filled_form_becomes_reports_after_preview(dept: Department) -> None:
    c = reporter()
    before = ProgressReport.objects.count()
    form = filled(c, dept, {3: (date(2023, 10, 31), 150, "已完成150个", "", "继续推进")})
    preview = c.post(f"/departments/{dept.pk}/form/", {"file": form})
    assert preview.status_code == 200 and "已完成150个" in preview.content.decode()
    assert ProgressReport.objects.count() == before  # nothing before the confirmation
    done = c.post(f"/departments/{dept.pk}/form/", {"payload": preview.context["payload"], "confirm": "1"})
    assert done.status_code == 302
    report = ProgressReport.objects.latest("id")
    assert (report.as_of, report.value, report.progress, report.status) == (date(2023, 10, 31), 150, "已完成150个",
                                                                         "submitted")


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        pytest.param((date(2023, 10, 31), "很多"), "is not a number", id="value-not-a-number"),
        pytest.param((date(2022, 10, 31), 10), "outside the plan period", id="date-outside-year"),
        pytest.param((None, 10), "截至日期 is empty", id="no-date"),
    ],
)
def test_one_bad_row_submits_nothing(dept: Department, values: tuple[object, ...], reason: str) -> None:
    c = reporter()
    before = ProgressReport.objects.count()
    form = filled(c, dept, {3: (date(2023, 10, 31), 150), 4: values})
    preview = c.post(f"/departments/{dept.pk}/form/", {"file": form})
    errors = preview.context["result"].errors
    assert [row for row, _ in errors] == [4] and reason in errors[0][1]
    c.post(f"/departments/{dept.pk}/form/", {"payload": preview.context["payload"], "confirm": "1"})
    assert ProgressReport.objects.count() == before


def test_other_department_and_leader_refused(dept: Department) -> None:
    other = Department.objects.get(name="财政局")
    assert reporter().get(f"/departments/{other.pk}/form.xlsx").status_code == 403
    leader = Client()
    assert leader.login(username="leader", password=PW)
    assert leader.get(f"/departments/{dept.pk}/form/").status_code == 403
    assert Plan.objects.count() == 1
