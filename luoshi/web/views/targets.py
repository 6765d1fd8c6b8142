"""A target's page: its fields and status, the history of its accepted values, its reports
with their evidence, its change history, and the office's edit form (with a conflict check)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ...core.models import ProgressReport
from ...core.services import Conflict, Forbidden, ServiceError
from ...core.services.dashboard import plan_status
from ...core.services.progress import can_report, update_target
from .. import access, charts
from ..forms import TargetEditForm
from ..history import changes_of, log_of
from .common import as_of_for


@login_required
def target(request: HttpRequest, pk: int) -> HttpResponse:
    t = access.target_for(request.user, pk)  # type: ignore[arg-type]
    plan = t.plan
    office = access.is_office(request.user, plan.government_id)  # type: ignore[arg-type]
    if request.method == "POST" and not office:
        raise PermissionDenied
    form = None
    if office and request.method == "POST":
        form = TargetEditForm(request.POST, year=plan.year)
        if form.is_valid():
            try:
                update_target(t, user=request.user, version=form.cleaned_data["version"],  # type: ignore[arg-type]
                              changes=form.changes())
            except Conflict:
                t.refresh_from_db()
                data = request.POST.copy()
                data["version"] = str(t.version)  # saving again, knowingly, overwrites
                form = TargetEditForm(data, year=plan.year)
                form.is_valid()
                form.add_error(None, _("This target was changed by someone else since you opened it; nothing was "
                                       "saved. The current values are shown above and your input is kept below: "
                                       "save again to replace them with yours."))
            except Forbidden as exc:
                raise PermissionDenied from exc
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The target was saved."))
                return redirect("web:target", pk=t.pk)
    elif office:
        form = TargetEditForm(initial=TargetEditForm.initial_of(t), year=plan.year)

    as_of = as_of_for(request, plan)
    row = plan_status(plan, as_of, targets=[t]).rows[0]
    reports = list(t.reports.select_related("department", "reporter", "reviewer")
                   .prefetch_related("evidence").order_by("-as_of", "-created"))
    accepted = sorted(((r.as_of, r.value) for r in reports
                       if r.status == ProgressReport.Status.ACCEPTED and r.value is not None), key=lambda p: p[0])
    return render(request, "web/target.html", {
        "target": t, "plan": plan, "row": row, "as_of": as_of, "form": form, "reports": reports, "office": office,
        "chart": charts.history_chart(accepted, low=t.low, baseline=t.baseline, comparator=t.comparator,
                                      unit=t.unit, year=plan.year, deadline=t.deadline),
        "changes": changes_of(t), "log": log_of(t),
        "may_report": can_report(request.user, t),  # type: ignore[arg-type]
        "reporter_department": getattr(request.user, "department", None),
    })
