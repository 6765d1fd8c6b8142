"""Downloads: the task table (.xlsx, .docx) and the progress data (CSV, JSON lines, Parquet)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from luoshi.core.exporters import data
from luoshi.core.exporters.wording import deadline_phrase, number, target_phrase
from luoshi.core.models import Department, Government, Plan, ProgressReport, Target, User
from luoshi.core.services.demo import load_demo

pytestmark = pytest.mark.django_db
PW = "demo-password-1"


@pytest.fixture
def plan() -> Plan:
    load_demo(password=PW)
    return Plan.objects.get()


def client_for(username: str) -> Client:
    c = Client()
    assert c.login(username=username, password=PW)
    return c


def test_task_table_xlsx(plan: Plan) -> None:
    res = client_for("admin").get(f"/plans/{plan.pk}/export/tasks.xlsx")
    assert res.status_code == 200 and "attachment" in res["Content-Disposition"]
    ws = load_workbook(io.BytesIO(res.content)).active
    assert ws.cell(1, 1).value == "博山区2023年政府工作报告重点任务分解表"
    assert [c.value for c in ws[2]] == ["序号", "重点任务", "具体目标", "牵头领导", "牵头单位", "配合单位", "完成时限",
                                        "备注", "ID"]
    assert ws.freeze_panes == "A3" and ws.print_title_rows == "$2:$2"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.column_dimensions["I"].hidden
    assert ws.cell(3, 1).value == "聚焦产业振兴抓落实,坚定不移提升产业品质"  # the first area, merged
    assert any(str(r) .startswith("A3:") for r in ws.merged_cells.ranges)
    first = [c.value for c in ws[4]]
    assert first[:3] == ["1", "全面提升传统产业", "重点技改项目160个以上"]
    assert first[4] and first[6] == "2023年12月底前" and first[8].startswith("target:")
    targets = [r for r in ws.iter_rows(min_row=3, values_only=True) if str(r[8]).startswith("target:")]
    assert len(targets) == Target.objects.filter(plan=plan).count()


def test_task_table_docx(plan: Plan) -> None:
    res = client_for("leader").get(f"/plans/{plan.pk}/export/tasks.docx")
    assert res.status_code == 200
    doc = Document(io.BytesIO(res.content))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["序号", "重点任务", "具体目标"]
    assert table.rows[1].cells[0].text == "聚焦产业振兴抓落实,坚定不移提升产业品质"
    assert table.rows[2].cells[2].text == "重点技改项目160个以上"


def test_progress_csv_one_row_per_target_per_report(plan: Plan) -> None:
    res = client_for("admin").get(f"/plans/{plan.pk}/export/progress.csv")
    assert res.status_code == 200 and res.streaming
    text = b"".join(res.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    reported = ProgressReport.objects.filter(target__plan=plan).values("target").distinct().count()
    expected = ProgressReport.objects.filter(target__plan=plan).count() + Target.objects.filter(plan=plan).count() - reported
    assert len(rows) == expected
    assert rows[0]["metric"] == "重点技改项目" and rows[0]["as_of"] == "2023-06-30"


def test_progress_jsonl(plan: Plan) -> None:
    res = client_for("admin").get(f"/plans/{plan.pk}/export/progress.jsonl")
    lines = b"".join(res.streaming_content).decode().splitlines()
    first = json.loads(lines[0])
    assert first["government"] == "博山区" and first["low"] == 160


def parquet_of(res: object) -> pa.Table:
    return pq.read_table(io.BytesIO(b"".join(res.streaming_content)))  # type: ignore[attr-defined]


def as_csv_text(v: object) -> str:
    """A Parquet value as the CSV writes it: null empty, floats, bools and ISO dates by str()."""
    return "" if v is None else str(v)


def test_progress_parquet_equals_the_csv(plan: Plan) -> None:
    office = client_for("admin")
    res = office.get(f"/plans/{plan.pk}/export/progress.parquet")
    assert res.status_code == 200 and res.streaming and res["Content-Type"] == "application/vnd.apache.parquet"
    assert res["Content-Disposition"].endswith(".parquet")
    table = parquet_of(res)
    text = b"".join(office.get(f"/plans/{plan.pk}/export/progress.csv").streaming_content).decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(text)))
    assert table.column_names == csv_rows[0] == list(data.COLUMNS)
    assert table.schema.equals(data.parquet_schema())
    pq_rows = [[as_csv_text(v) for v in row.values()] for row in table.to_pylist()]
    assert pq_rows == csv_rows[1:]
    records = table.to_pylist()
    first = records[0]
    assert (first["low"], first["year"], first["aspirational"]) == (160.0, 2023, False)
    assert first["as_of"] == date(2023, 6, 30) and first["deadline"] == date(2023, 12, 31)
    unreported = [r for r in records if r["report_id"] is None]
    assert unreported and all(r[c] is None for r in unreported for c in data.REPORT_FIELDS)
    assert all(r["report_id"] is not None and r["as_of"] is not None for r in records if r["value"] is not None)


def test_parquet_goes_out_a_row_group_at_a_time(plan: Plan) -> None:
    """Each full row group goes out as its own chunk once written; the last chunk holds the
    last, partial group and the footer."""
    chunks = list(data.parquet_chunks([plan], row_group=10, batch=3))  # groups of 3 + 3 + 3 + 1 rows
    meta = pq.ParquetFile(io.BytesIO(b"".join(chunks))).metadata
    total = sum(1 for _ in data.rows([plan]))
    assert total % 10 and meta.num_rows == total and meta.num_row_groups == -(-total // 10) == len(chunks)
    assert all(meta.row_group(i).num_rows == 10 for i in range(meta.num_row_groups - 1))


def test_a_queryset_of_plans_exports_as_the_plans_themselves(plan: Plan) -> None:
    """All plans (a QuerySet, read with only the fields a row needs) give the same rows."""
    assert "".join(data.csv_chunks(Plan.objects.all())) == "".join(data.csv_chunks([plan]))


@pytest.mark.parametrize(
    ("url", "empty"),
    [
        pytest.param("progress.csv", lambda body: body.decode("utf-8-sig") == ",".join(data.COLUMNS) + "\r\n",
                     id="csv-header-only"),
        pytest.param("progress.jsonl", lambda body: body == b"", id="jsonl-nothing"),
        pytest.param("progress.parquet",
                     lambda body: (t := pq.read_table(io.BytesIO(body))).num_rows == 0
                     and t.schema.equals(data.parquet_schema()), id="parquet-schema-no-rows"),
    ],
)
def test_a_plan_without_targets_exports_an_empty_file(plan: Plan, url: str, empty) -> None:
    bare = Plan.objects.create(government=plan.government, year=2024, title="博山区2024年政府工作报告")
    res = client_for("admin").get(f"/plans/{bare.pk}/export/{url}")
    assert res.status_code == 200 and empty(b"".join(res.streaming_content))


@pytest.mark.parametrize("url", ["tasks.xlsx", "tasks.docx", "progress.csv", "progress.jsonl", "progress.parquet"])
def test_reporters_may_not_export_the_plan(plan: Plan, url: str) -> None:
    assert client_for("gongxin").get(f"/plans/{plan.pk}/export/{url}").status_code == 403
    assert Client().get(f"/plans/{plan.pk}/export/{url}").status_code == 302


@pytest.mark.parametrize("url", ["progress.csv", "progress.jsonl", "progress.parquet"])
def test_another_governments_reporter_does_not_see_the_plan(plan: Plan, url: str) -> None:
    elsewhere = Government.objects.create(name="淄川区")
    department = Department.objects.create(government=elsewhere, name="工业和信息化局", order=1)
    User.objects.create_user(username="zc-gongxin", password=PW, government=elsewhere,
                             role=User.Role.REPORTER, department=department)
    assert client_for("zc-gongxin").get(f"/plans/{plan.pk}/export/{url}").status_code == 404


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(("重点技改项目", 160, 160, "个", ">=", False), "重点技改项目160个以上", id="ge"),
        pytest.param(("投资", 596000000, 596000000, "元", "=", False), "投资5.96亿元", id="yi"),
        pytest.param(("改造面积", 1490000, 1490000, "平方米", "=", False), "改造面积149万平方米", id="wan"),
        pytest.param(("信贷投放增长", 10, 10, "%", ">=", True), "力争信贷投放增长10%以上", id="aspirational"),
        pytest.param(("失业率", 5.5, 5.5, "%", "<=", False), "失业率5.5%以内", id="le"),
        pytest.param(("企业和项目", 1, 2, "个", "=", True), "力争企业和项目1—2个", id="range"),
        pytest.param(("雨污分流工程", 45.8, 45.8, "公里", "=", False), "雨污分流工程45.8公里", id="decimal"),
        pytest.param(("新增就业", 12345, 12345, "人", "=", False), "新增就业12345人", id="no-round-wan"),
    ],
)
def test_target_wording(args: tuple[object, ...], expected: str) -> None:
    from decimal import Decimal

    metric, low, high, unit, comparator, asp = args
    assert target_phrase(metric, Decimal(str(low)), Decimal(str(high)), unit, comparator, asp) == expected  # type: ignore[arg-type]
    assert number(None, "个") == "?"


def test_deadline_wording() -> None:
    from datetime import date

    assert deadline_phrase(date(2023, 6, 30)) == "2023年6月底前"
    assert deadline_phrase(date(2023, 6, 15)) == "2023年6月15日前"


def test_task_table_round_trip_through_the_page(plan: Plan) -> None:
    """Upload the edited table → preview lists the change → confirm → saved."""
    from openpyxl import load_workbook

    office = client_for("admin")
    wb = load_workbook(io.BytesIO(office.get(f"/plans/{plan.pk}/export/tasks.xlsx").content))
    ws = wb.active
    first = Target.objects.filter(plan=plan).order_by("order").first()
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 9).value == f"target:{first.id}")
    ws.cell(row, 3).value = "重点技改项目180个以上"
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "tasks.xlsx"
    preview = office.post(f"/plans/{plan.pk}/import/tasks/", {"file": buf})
    html = preview.content.decode()
    assert preview.status_code == 200 and "160" in html and "180" in html
    payload = preview.context["payload"]
    first.refresh_from_db()
    assert first.low == 160  # nothing saved by the preview
    done = office.post(f"/plans/{plan.pk}/import/tasks/", {"payload": payload, "confirm": "1"})
    assert done.status_code == 302
    first.refresh_from_db()
    assert first.low == 180


def test_task_table_import_is_office_only(plan: Plan) -> None:
    assert client_for("leader").get(f"/plans/{plan.pk}/import/tasks/").status_code == 403
    assert client_for("gongxin").get(f"/plans/{plan.pk}/import/tasks/").status_code == 403
