"""Downloads of a plan: the task table (.xlsx, .docx) and the progress data (CSV, JSON lines)."""

from __future__ import annotations

import io
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from ...core.exporters import data, task_table
from .. import access

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
    if fmt == "csv":
        response = StreamingHttpResponse(data.csv_chunks([plan]), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(data.jsonl_chunks([plan]), content_type="application/x-ndjson")
    _attachment(response, f"{plan.government.name}{plan.year}-progress.{'csv' if fmt == 'csv' else 'jsonl'}")
    return response
