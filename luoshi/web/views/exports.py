"""Downloads of a plan: the task table (.xlsx, .docx) and the progress data (CSV, JSON lines,
Parquet)."""

from __future__ import annotations

import io
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from ...core.exporters import data, task_table
from .. import access

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PROGRESS_FORMATS = {  # the progress data: what streams it, and its media type
    "csv": (data.csv_chunks, "text/csv; charset=utf-8"),
    "jsonl": (data.jsonl_chunks, "application/x-ndjson"),
    "parquet": (data.parquet_chunks, data.PARQUET_TYPE),
}


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> None:
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"


@login_required
def task_table_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = access.plan_for(request.user, pk)  # type: ignore[arg-type]
    buf = io.BytesIO()
    (task_table.write_xlsx if fmt == "xlsx" else task_table.write_docx)(plan, buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX if fmt == "xlsx" else DOCX)
    _attachment(response, f"{task_table.title(plan)}.{fmt}")
    return response


@login_required
def progress_data(request: HttpRequest, pk: int, fmt: str) -> StreamingHttpResponse:
    plan = access.plan_for(request.user, pk)  # type: ignore[arg-type]
    chunks, content_type = PROGRESS_FORMATS[fmt]
    response = StreamingHttpResponse(chunks([plan]), content_type=content_type)
    _attachment(response, f"{plan.government.name}{plan.year}-progress.{fmt}")
    return response


@login_required
def bulletin_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The 督查通报 as a printable page (the browser prints it to paper or PDF)."""
    from django.shortcuts import render

    from ...core.exporters import bulletin
    from .. import charts
    from .common import as_of_for

    plan = access.plan_for(request.user, pk)  # type: ignore[arg-type]
    b = bulletin.build(plan, as_of_for(request, plan))
    return render(request, "web/bulletin.html", {
        "plan": plan, "b": b, "as_of": b.as_of, "tab": "bulletin",
        "area_chart": charts.status_bars(b.groups("area"), label="分领域"),
        "department_chart": charts.status_bars(b.groups("department"), label="分牵头单位"),
        "area_groups": [_group_row(g) for g in b.groups("area")],
        "department_groups": [_group_row(g) for g in b.groups("department")],
        "behind": b.items("behind"), "overdue": b.items("overdue"),
    })


def _group_row(g: object) -> dict[str, object]:
    counts = g.counts  # type: ignore[attr-defined]
    return {"name": g.name, "total": g.total, "completion": g.completion or 0.0,  # type: ignore[attr-defined]
            "behind": counts["behind"], "overdue": counts["overdue"], "not_reported": counts["not_reported"]}


@login_required
def bulletin_docx(request: HttpRequest, pk: int) -> HttpResponse:
    from ...core.exporters import bulletin
    from .common import as_of_for

    plan = access.plan_for(request.user, pk)  # type: ignore[arg-type]
    b = bulletin.build(plan, as_of_for(request, plan))
    buf = io.BytesIO()
    bulletin.write_docx(b, buf)
    response = HttpResponse(buf.getvalue(), content_type=DOCX)
    _attachment(response, f"{b.title}（{b.as_of.isoformat()}）.docx")
    return response
