"""销号 on the pages: a target's closure page (its requests, and the form to ask for one), the
office's queue of requests waiting, the review, and the evidence files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...core.services import Forbidden, ServiceError
from ...core.services.assignment import heavy
from ...core.services.dashboard import plan_status
from ...core.services.progress import can_report, can_view
from ...web import access
from ...web.views.common import default_as_of
from ..closure import pending_for, request_closure, review_closure
from ..forms import ClosureForm, ClosureReviewForm
from ..models import ClosureEvidence, ClosureRequest

PER_PAGE = 50


@login_required
def closure(request: HttpRequest, pk: int) -> HttpResponse:
    t = access.target_for(request.user, pk)  # type: ignore[arg-type]
    may_ask = can_report(request.user, t) and t.closed_on is None  # type: ignore[arg-type]
    pending = pending_for(t)
    form = ClosureForm() if may_ask and pending is None else None
    if request.method == "POST":
        if not may_ask:
            raise PermissionDenied
        form = ClosureForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                request_closure(t, user=request.user, final_value=d["final_value"], summary=d["summary"],  # type: ignore[arg-type]
                                evidence=d["evidence"])
            except Forbidden as exc:
                raise PermissionDenied from exc
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Closure of “%(metric)s” requested; the office will review it.")
                                 % {"metric": t.metric})
                return redirect("supervision:closure", pk=t.pk)
    row = plan_status(t.plan, default_as_of(t.plan), targets=[t]).rows[0]
    requests = (ClosureRequest.objects.filter(target=t).select_related("requested_by", "reviewer", "department")
                .prefetch_related("evidence"))
    return render(request, "supervision/closure.html", {
        "target": t, "plan": t.plan, "row": row, "form": form, "pending": pending, "requests": requests,
        "office": access.is_office(request.user, t.plan.government_id),  # type: ignore[arg-type]
    })


@login_required
def closure_queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not access.may_read_reviews(user):  # type: ignore[arg-type]
        raise PermissionDenied
    pending = (ClosureRequest.objects.filter(status=ClosureRequest.Status.PENDING)
               .select_related("target__plan__government", "department", "requested_by")
               .defer(*heavy("target__plan")).prefetch_related("evidence").order_by("created", "pk"))
    if not user.is_superuser:
        pending = pending.filter(target__plan__government=user.government_id)  # type: ignore[union-attr]
    page = Paginator(pending, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "supervision/closures.html", {
        "page": page, "requests": page.object_list, "office": access.is_office(user),  # type: ignore[arg-type]
    })


@login_required
@require_POST
def closure_review(request: HttpRequest, pk: int) -> HttpResponse:
    req = (ClosureRequest.objects.select_related("target__plan").defer(*heavy("target__plan")).filter(pk=pk).first())
    if req is None:
        raise Http404("no such request")
    if not (request.user.is_superuser or request.user.government_id == req.target.plan.government_id):  # type: ignore[union-attr]
        raise Http404("no such request")
    if not access.is_office(request.user, req.target.plan.government_id):  # type: ignore[arg-type]
        raise PermissionDenied
    form = ClosureReviewForm(request.POST)
    back = request.POST.get("next") == "target"
    if form.is_valid():
        approve = form.cleaned_data["action"] == "approve"
        try:
            review_closure(req, user=request.user, approve=approve, reason=form.cleaned_data["reason"])  # type: ignore[arg-type]
        except Forbidden as exc:
            raise PermissionDenied from exc
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, (_("Closed (已销号): %(metric)s.") if approve else
                                       _("Closure returned: %(metric)s.")) % {"metric": req.target.metric})
    else:
        messages.error(request, _("Choose approve or return."))
    return redirect("supervision:closure", pk=req.target_id) if back else redirect("supervision:closures")


@login_required
def closure_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    ev = (ClosureEvidence.objects.select_related("request__target__plan").defer(*heavy("request__target__plan"))
          .filter(pk=pk).first())
    if ev is None:
        raise Http404("no such file")
    t = ev.request.target
    if not (request.user.is_superuser or request.user.government_id == t.plan.government_id):  # type: ignore[union-attr]
        raise Http404("no such file")
    if not can_view(request.user, t):  # type: ignore[arg-type]
        raise PermissionDenied
    try:
        handle = ev.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("the file is missing") from None
    return FileResponse(handle, as_attachment=True, filename=ev.name)
