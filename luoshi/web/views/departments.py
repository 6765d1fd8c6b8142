"""A department's page: its targets, each with a form to report progress once."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ...core import status as S
from ...core.models import Department, Plan, ProgressReport, Target
from ...core.prepared import AN_ID, Prepared
from ...core.services import Forbidden, ServiceError
from ...core.services.assignment import HEAVY_FIELDS, department_targets, heavy, remember_departments
from ...core.services.dashboard import plan_status
from ...core.services.progress import submit_report
from .. import access, bodies, rows
from ..forms import ReportForm
from .common import default_as_of

RECENT = 3  # reports shown under each target


@login_required
def me(request: HttpRequest) -> HttpResponse:
    """A reporter's own department; everyone else goes home."""
    user = request.user
    if access.is_reporter(user) and user.department_id:  # type: ignore[arg-type, union-attr]
        return redirect("web:department", pk=user.department_id)  # type: ignore[union-attr]
    return redirect("web:home")


# the target reported on, with the nodes above it (the departments' rule needs them)
_TARGET = Prepared(lambda pk, government: Target.objects.select_related("plan", "node__parent__parent")
                   .defer(*heavy()).filter(pk=pk, plan__government=government), pk=AN_ID, government=AN_ID - 1)


def _post(request: HttpRequest, dept: Department) -> tuple[HttpResponse | None, ReportForm | None]:
    try:
        target_id = int(request.POST.get("target", ""))
    except ValueError:
        raise Http404("no such target") from None
    t = _TARGET.first(pk=target_id, government=dept.government_id)
    if t is None:
        raise Http404("no such target")
    # the target must be one this department reports on (the rule of targets_of_department,
    # for this one target: its own assignments, else the nearest assigned node above it)
    assigned = remember_departments(t)
    access.require_report(request.user, t)  # type: ignore[arg-type]
    if dept.id not in {d.id for d in assigned["lead"] + assigned["support"]}:
        raise PermissionDenied
    form = ReportForm(request.POST, request.FILES, prefix=f"t{t.id}", target=t)
    if form.is_valid():
        d = form.cleaned_data
        try:
            submit_report(t, user=request.user, as_of=d["as_of"], value=d["value"], progress=d["progress"],  # type: ignore[arg-type]
                          problems=d["problems"], next_steps=d["next_steps"], evidence=d["evidence"])
        except Forbidden as exc:
            raise PermissionDenied from exc
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Report on “%(metric)s” submitted; the office will review it.")
                             % {"metric": t.metric})
            return redirect(reverse("web:department", args=[dept.pk]) + f"#t{t.id}"), None
    return None, form


class _BlankForms:
    """The empty report forms of a page, rendered once per kind and given each target's
    prefix: the fields differ between targets only by their prefix, the default date and
    whether a figure is required, and rendering a form's widgets costs a millisecond."""

    MARK = "t-luoshi-prefix"

    def __init__(self) -> None:
        self.rendered: dict[tuple[object, bool], str] = {}

    def fields(self, target: Target) -> SafeString:
        form = ReportForm(prefix=self.MARK, target=target)
        key = (form.fields["as_of"].initial, form.fields["value"].required)
        if key not in self.rendered:
            self.rendered[key] = render_to_string("web/_fields.html", {"form": form})
        return mark_safe(self.rendered[key].replace(self.MARK, f"t{target.id}"))  # rendered by the template


def _recent(targets: list[Target]) -> dict[int, list[ProgressReport]]:
    """The RECENT newest reports of each target (not all: twelve a year each), with their
    departments, reporters and evidence. Reporters are read by id, not joined: a join to the
    users table tempts PostgreSQL into scanning it whole."""
    by_id = {t.id: t for t in targets}
    recent: dict[int, list[ProgressReport]] = defaultdict(list)
    newest = Window(RowNumber(), partition_by=F("target_id"), order_by=[F("created").desc(), F("pk").desc()])
    for r in (ProgressReport.objects.filter(target__in=list(by_id)).annotate(rank=newest).filter(rank__lte=RECENT)
              .select_related("department").prefetch_related("reporter", "evidence").order_by("-created", "-pk")):
        r.target = by_id[r.target_id]
        recent[r.target_id].append(r)
    return recent


@login_required
def department(request: HttpRequest, pk: int) -> HttpResponse:
    dept = access.department_for(request.user, pk)  # type: ignore[arg-type]
    posted = None
    if request.method == "POST":
        done, posted = _post(request, dept)
        if done is not None:
            return done
    user = request.user
    may_report = access.is_office(user, dept.government_id) or (  # type: ignore[arg-type]
        access.is_reporter(user) and user.department_id == dept.id)  # type: ignore[arg-type, union-attr]
    plans = list(Plan.objects.filter(government=dept.government_id).defer(*HEAVY_FIELDS))
    context: dict[str, Any] = {"department": dept, "may_report": may_report, "posted": posted}

    def render_body() -> str:
        return render_to_string("web/_department_body.html", context | _sections(dept, plans, may_report, posted))

    if posted is not None:  # the form with its errors and the figures typed: not for anyone else
        html = mark_safe(render_body().replace(bodies.CSRF_MARK, get_token(request)))  # rendered by us
    else:
        # the names too: a government without plans has no revision to raise when they change
        html = bodies.body(request, ("department", dept.pk, dept.name, dept.government.name, timezone.localdate(),
                                     may_report, *(p.cache_key for p in plans)), render_body)
    return render(request, "web/department.html", context | {"body": html})


def _sections(dept: Department, plans: list[Plan], may_report: bool, posted: ReportForm | None) -> dict[str, Any]:
    """The department's targets by plan, each with its status, recent reports and form."""
    found = department_targets(dept, of=plans)
    by_plan: dict[int, list[Target]] = defaultdict(list)
    for t in found.targets:
        by_plan[t.plan_id].append(t)
    recent = _recent(found.targets)
    blank = _BlankForms()
    sections: list[dict[str, Any]] = []
    for plan_id, ts in by_plan.items():
        plan = found.plans[plan_id]
        status = plan_status(plan, default_as_of(plan), targets=ts, inheritance=found.inheritance, nodes=found.nodes)
        items = []
        for row in status.rows:
            t = row.target
            mine = posted is not None and posted.target.id == t.id
            if mine:
                fields = str(posted.non_field_errors()) + '<div class="grid">' + render_to_string(  # type: ignore[union-attr]
                    "web/_fields.html", {"form": posted}) + "</div>"
            else:
                fields = f'<div class="grid">{blank.fields(t)}</div>' if may_report else ""
            items.append(rows.department_target(
                row, recent.get(t.id, []), lead=any(d.id == dept.id for d in row.lead), form=fields,
                csrf=bodies.CSRF_MARK, errors=mine))
        sections.append({"plan": plan, "status": status, "items": items,
                         "counts": [(k, status.counts[k]) for k in S.STATUSES if status.counts[k]]})
    return {"sections": sections, "count": len(found.targets)}
