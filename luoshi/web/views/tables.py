"""The task table back from the office: upload the edited .xlsx → a row-by-row preview of the
changes and the errors → confirm → all changes saved in one transaction (or none)."""

from __future__ import annotations

import base64
import binascii
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ...core.importers import task_table as importer
from ...core.services import ServiceError
from .. import access


@login_required
def task_table_import(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for(request.user, pk, write=True)  # type: ignore[arg-type]
    context: dict[str, object] = {"plan": plan, "tab": "tree"}
    if request.method == "POST":
        try:
            data = _file_bytes(request)
            result = importer.read(plan, io.BytesIO(data))
        except ServiceError as exc:
            context["error"] = str(exc)
            return render(request, "web/table_import.html", context, status=400)
        if request.POST.get("confirm") and result.ok:
            try:
                n = importer.apply(plan, result, user=request.user)  # type: ignore[arg-type]
            except ServiceError as exc:
                context["error"] = str(exc)
                return render(request, "web/table_import.html", context, status=409)
            messages.success(request, _("%(count)s rows of the task table applied.") % {"count": n})
            return redirect("web:tree", pk=plan.pk)
        context.update(result=result, payload=base64.b64encode(data).decode())
    return render(request, "web/table_import.html", context)


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
        raise ServiceError(_("choose the edited task table (.xlsx)")) from exc
