"""Spreadsheets back from the offices: the edited task table and filled progress forms.
Upload → a row-by-row preview of what will change and of every error → confirm → all saved
in one transaction, or nothing. The preview's confirm form carries the uploaded bytes back."""

from __future__ import annotations

import base64
import binascii
import io
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ...core.exporters import progress_form
from ...core.importers import progress_form as form_importer
from ...core.importers import task_table as table_importer
from ...core.services import ServiceError
from .. import access
from .exports import XLSX, _attachment


def _file_bytes(request: HttpRequest) -> bytes:
    """The uploaded file, or the same bytes carried by the preview's confirm form."""
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size and upload.size > settings.MAX_UPLOAD_BYTES:
            raise ServiceError(_("the file is too large"))
        return upload.read()
    try:
        return base64.b64decode(request.POST.get("payload", ""), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ServiceError(_("choose the filled spreadsheet (.xlsx)")) from exc


def _round_trip(request: HttpRequest, context: dict[str, Any], read: Callable[[io.BytesIO], Any],
                apply: Callable[[Any], int], done: Callable[[int], HttpResponse]) -> HttpResponse:
    if request.method == "POST":
        try:
            data = _file_bytes(request)
            result = read(io.BytesIO(data))
            if request.POST.get("confirm") and result.ok:
                return done(apply(result))
        except ServiceError as exc:
            context["error"] = str(exc)
            return render(request, "web/table_import.html", context, status=400)
        context.update(result=result, payload=base64.b64encode(data).decode())
    return render(request, "web/table_import.html", context)


@login_required
def task_table_import(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for(request.user, pk, write=True)  # type: ignore[arg-type]

    def done(n: int) -> HttpResponse:
        messages.success(request, _("%(count)s rows of the task table applied.") % {"count": n})
        return redirect("web:tree", pk=plan.pk)

    return _round_trip(
        request, {"heading": _("Import the edited task table"), "back": ("web:tree", plan.pk, plan),
                  "intro": _("Export the task table, change departments, deadlines or targets in it, and upload "
                             "it here. You will see every change before anything is saved.")},
        lambda f: table_importer.read(plan, f),
        lambda r: table_importer.apply(plan, r, user=request.user),  # type: ignore[arg-type]
        done,
    )


@login_required
def progress_form_file(request: HttpRequest, pk: int) -> HttpResponse:
    dept = access.department_for(request.user, pk)  # type: ignore[arg-type]
    buf = io.BytesIO()
    progress_form.write_xlsx(dept, buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    _attachment(response, f"{progress_form.title(dept)}.xlsx")
    return response


@login_required
def progress_form_import(request: HttpRequest, pk: int) -> HttpResponse:
    dept = access.department_for(request.user, pk)  # type: ignore[arg-type]
    if not (access.is_office(request.user, dept.government_id) or access.is_reporter(request.user)):  # type: ignore[arg-type]
        raise PermissionDenied  # leaders read, they do not report

    def done(n: int) -> HttpResponse:
        messages.success(request, _("%(count)s progress reports submitted.") % {"count": n})
        return redirect("web:department", pk=dept.pk)

    return _round_trip(
        request, {"heading": _("Upload a filled progress form"), "back": ("web:department", dept.pk, dept),
                  "intro": _("Download the progress form, fill in 截至日期, 完成值, 进展情况, 存在问题 and 下一步措施 "
                             "for the targets you report on, and upload it here.")},
        lambda f: form_importer.read(dept, f, user=request.user),  # type: ignore[arg-type]
        lambda r: form_importer.apply(r, user=request.user),  # type: ignore[arg-type]
        done,
    )
