"""The home page: the plans of the user's government with their status at a glance."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ...core import status as S
from ...core.models import ProgressReport
from ...core.services.assignment import targets_of_department
from ...core.services.dashboard import plan_status
from .. import access
from .common import default_as_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    reporter = access.is_reporter(user)  # type: ignore[arg-type]
    rows = []
    for plan in access.visible_plans(user):  # type: ignore[arg-type]
        targets = None
        if reporter:
            targets = targets_of_department(user.department, plan) if user.department_id else []  # type: ignore[union-attr]
        status = plan_status(plan, default_as_of(plan), targets=targets)
        rows.append({"plan": plan, "status": status, "counts": [status.counts[s] for s in S.STATUSES],
                     "total": len(status.rows)})
    waiting = None
    if access.may_read_reviews(user):  # type: ignore[arg-type]
        pending = ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED)
        if not user.is_superuser:
            pending = pending.filter(target__plan__government=user.government_id)  # type: ignore[union-attr]
        waiting = pending.count()
    return render(request, "web/home.html", {
        "rows": rows, "statuses": S.STATUSES, "reporter": reporter, "waiting": waiting,
        "office": access.is_office(user),  # type: ignore[arg-type]
    })
