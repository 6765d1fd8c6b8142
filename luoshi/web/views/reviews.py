"""The office's review queue (accept a report, or return it with a reason) and the evidence
downloads, which go through ``can_view`` rather than a public media URL."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...core.models import ProgressReport
from ...core.services import Forbidden, ServiceError
from ...core.services.assignment import heavy
from ...core.services.progress import review_report
from .. import access
from ..forms import ReviewForm, review_statuses

PER_PAGE = 50  # reports a page of the queue, oldest first


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not access.may_read_reviews(user):  # type: ignore[arg-type]
        raise PermissionDenied
    reports = (ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED)
               .select_related("target__plan__government", "department", "reporter")
               .defer(*heavy("target__plan")).prefetch_related("evidence").order_by("created", "pk"))
    if not user.is_superuser:
        reports = reports.filter(target__plan__government=user.government_id)  # type: ignore[union-attr]
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/reviews.html", {
        "reports": page.object_list, "page": page, "office": access.is_office(user),  # type: ignore[arg-type]
        "statuses": review_statuses(),
    })


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.report_for_review(request.user, pk)  # type: ignore[arg-type]
    form = ReviewForm(request.POST, qualitative=report.target.qualitative)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect("web:reviews")
    accept = form.cleaned_data["action"] == "accept"
    try:
        review_report(report, user=request.user, accept=accept, reason=form.cleaned_data["reason"],  # type: ignore[arg-type]
                      status=form.cleaned_data["status"])
    except Forbidden as exc:
        raise PermissionDenied from exc
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, (_("Accepted: %(metric)s.") if accept else _("Returned: %(metric)s."))
                         % {"metric": report.target.metric})
    return redirect("web:reviews")


@login_required
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    ev = access.evidence_for(request.user, pk)  # type: ignore[arg-type]
    try:
        handle = ev.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("the file is missing") from None
    return FileResponse(handle, as_attachment=True, filename=ev.name)
