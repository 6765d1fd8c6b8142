"""A plan's dashboard and its tree, with the office's bulk assignment of departments."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...core import status as S
from ...core.models import Assignment, Node, Plan, Target
from ...core.services import Forbidden, ServiceError
from ...core.services.assignment import assign, assign_suggested, unassign
from ...core.services.dashboard import PlanStatus, TargetStatus, plan_status
from ...supervision import reporting
from .. import access, bodies, charts
from ..forms import AssignForm
from .common import as_of_for

HIDDEN_PARTS = ("review", "glossary")  # parts without targets to track


@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for(request.user, pk)  # type: ignore[arg-type]
    as_of = as_of_for(request, plan)

    def render_body() -> str:
        status = plan_status(plan, as_of)
        departments = {d.name: d for r in status.rows for d in r.lead}
        by_department = sorted(status.by_department, key=lambda g: (g.name == "—", g.completion or 0.0, g.name))
        return render_to_string("web/_dashboard_body.html", {
            "plan": plan, "status": status, "as_of": as_of,
            "summary": [(s, status.counts[s], status.percent(s)) for s in S.STATUSES],
            "area_chart": charts.status_bars(status.by_area, label=_("Targets by area")),
            "department_chart": charts.status_bars(
                by_department, label=_("Targets by lead department"),
                hrefs={name: reverse("web:department", args=[d.id]) for name, d in departments.items()}),
            "legend": charts.legend(), "by_department": by_department, "departments": departments,
            "lagging": status.lagging, "overdue": status.overdue,
            "reporting": reporting.panel(plan, as_of, status),
        })

    return render(request, "web/dashboard.html", {
        "plan": plan, "as_of": as_of, "body": bodies.body(request, ("dashboard", plan.cache_key, as_of), render_body),
    })


def tree_rows(plan: Plan, status: PlanStatus) -> list[dict[str, Any]]:
    """The plan tree as table rows: each area or task (with its roll-up and departments),
    then its own targets, then its children. Targets outside the tree come first."""
    children: dict[int | None, list[Node]] = defaultdict(list)
    for n in status.nodes.values():  # in the plan's order
        children[n.parent_id].append(n)
    by_node: dict[int | None, list[TargetStatus]] = defaultdict(list)
    for r in status.rows:
        by_node[r.target.node_id].append(r)
    assigned = status.inheritance.by_node

    def under(node: Node) -> list[TargetStatus]:
        found = list(by_node.get(node.id, []))
        for c in children.get(node.id, []):
            found.extend(under(c))
        return found

    rows: list[dict[str, Any]] = [{"kind": "target", "depth": 0, "item": r} for r in by_node.get(None, [])]

    def walk(parent: int | None, depth: int) -> None:
        for n in children.get(parent, []):
            if n.kind == Node.Kind.PART and n.role in HIDDEN_PARTS:
                continue
            items = under(n)
            own = assigned.get(n.id, [])
            rows.append({
                "kind": "node", "depth": depth, "node": n, "count": len(items),
                "completion": S.rollup((r.completion, float(r.target.weight)) for r in items),
                "lead": [a.department for a in own if a.role == Assignment.Role.LEAD],
                "support": [a.department for a in own if a.role == Assignment.Role.SUPPORT],
            })
            rows.extend({"kind": "target", "depth": depth + 1, "item": r} for r in by_node.get(n.id, []))
            walk(n.id, depth + 1)

    walk(None, 0)
    return rows


@login_required
def tree(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for(request.user, pk)  # type: ignore[arg-type]
    as_of = as_of_for(request, plan)
    office = access.is_office(request.user, plan.government_id)  # type: ignore[arg-type]

    def render_body() -> str:
        status = plan_status(plan, as_of)
        form = AssignForm(plan=plan, target_ids=[], node_ids=[]) if office else None
        return render_to_string("web/_tree_body.html", {
            "plan": plan, "as_of": as_of, "rows": tree_rows(plan, status), "office": office, "form": form,
            "status": status, "csrf_token": bodies.CSRF_MARK,
        })

    return render(request, "web/tree.html", {
        "plan": plan, "as_of": as_of, "office": office,
        "body": bodies.body(request, ("tree", plan.cache_key, as_of, office), render_body),
    })


def _ids(plan: Plan) -> tuple[list[int], list[int]]:
    return (list(Target.objects.filter(plan=plan).values_list("id", flat=True)),
            list(Node.objects.filter(plan=plan).exclude(kind=Node.Kind.MEASURE).values_list("id", flat=True)))


@login_required
@require_POST
def assign_departments(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for(request.user, pk, write=True)  # type: ignore[arg-type]
    target_ids, node_ids = _ids(plan)
    form = AssignForm(request.POST, plan=plan, target_ids=target_ids, node_ids=node_ids)
    back = reverse("web:tree", args=[plan.pk])
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect(back)
    data = form.cleaned_data
    targets = list(Target.objects.filter(plan=plan, id__in=data["targets"]))
    nodes = list(Node.objects.filter(plan=plan, id__in=data["nodes"]))
    try:
        if data["role"] == "remove":
            n = unassign(plan, department=data["department"], targets=targets, nodes=nodes, user=request.user)
            messages.success(request, _("%(department)s removed from %(count)s items.")
                             % {"department": data["department"].name, "count": n})
        else:
            n = assign(plan, department=data["department"], role=data["role"], targets=targets, nodes=nodes,
                       user=request.user)  # type: ignore[arg-type]
            messages.success(request, _("%(department)s assigned: %(count)s assignments made or changed.")
                             % {"department": data["department"].name, "count": n})
    except Forbidden as exc:
        raise PermissionDenied from exc
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect(back)


@login_required
@require_POST
def suggest_departments(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for(request.user, pk, write=True)  # type: ignore[arg-type]
    try:
        n = assign_suggested(plan, user=request.user)  # type: ignore[arg-type]
    except Forbidden as exc:
        raise PermissionDenied from exc
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Lead departments suggested for %(count)s targets.") % {"count": n})
    return redirect("web:tree", pk=plan.pk)
