"""The endpoints. Permissions are the pages' (``luoshi.web.access``): the tenant is the token
user's government, an object of another government is a 404, an object the user's role may not
see is a 403; reporters see only their department's targets and leaders only read."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Path, Query
from ninja.errors import ValidationError
from ninja.security import HttpBearer

try:
    from ninja import Status
except ImportError:  # django-ninja before 1.7 takes a (status, body) tuple
    def Status(code: int, body: Any) -> Any:  # type: ignore[no-redef]  # noqa: N802
        return code, body

from ..core import status as S
from ..core.models import Department, Node, Plan, ProgressReport, Target, User
from ..core.services import Conflict, Forbidden, ServiceError
from ..core.services.assignment import HEAVY_FIELDS, targets_of_department
from ..core.services.dashboard import TargetStatus, plan_status
from ..core.services.progress import review_report, submit_report
from ..web import access
from ..web.middleware import busy_response, is_busy
from .models import ApiToken, hash_key
from .schemas import (
    DepartmentOut,
    Error,
    NodeOut,
    PlanDetail,
    PlanOut,
    ReportIn,
    ReportOut,
    ReviewIn,
    TargetOut,
    TreeOut,
)

MAX_ID = 2**63 - 1  # larger ids cannot exist (and overflow the database's integers)
ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}
ID = Path(..., ge=1, le=MAX_ID)
AS_OF = Query(None, description="status as of this day (default today; kept inside the plan year)")


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; tokens come from ``luoshi manage api_token``."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token or len(token) > 200:
            return None
        row = ApiToken.objects.select_related("user").filter(key_hash=hash_key(token)).first()
        if row is None or not row.user.is_active:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used=timezone.now())
        request.user = row.user
        return row.user


api = NinjaAPI(
    title="luoshi", version="1", urls_namespace="api", auth=TokenAuth(), docs_url=None,
    description="Plans, trees, targets, departments and progress reports of the tracker. "
                "Authenticate with `Authorization: Bearer <token>` (`luoshi manage api_token USERNAME`).",
)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "forbidden"}, status=403)


@api.exception_handler(ServiceError)
def _refused(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    code = 403 if isinstance(exc, Forbidden) else 409 if isinstance(exc, Conflict) else 422
    return api.create_response(request, {"detail": str(exc)}, status=code)


@api.exception_handler(OperationalError)
def _busy(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    """A lock not granted in time: 503 with Retry-After (``luoshi.web.middleware``)."""
    if is_busy(exc):
        return busy_response(request)
    raise exc


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors)
    return api.create_response(request, {"detail": detail or "invalid input", "errors": exc.errors}, status=422)


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


def _f(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def _clamp(plan: Plan, day: date | None) -> date:
    day = day or timezone.localdate()
    return min(max(day, date(plan.year, 1, 1)), date(plan.year, 12, 31))


def _plan(plan: Plan) -> dict[str, Any]:
    return {"id": plan.id, "government_id": plan.government_id, "government": plan.government.name,
            "year": plan.year, "title": plan.title, "published": plan.published, "demo": plan.demo}


def _target(row: TargetStatus, as_of: date) -> dict[str, Any]:
    t = row.target
    return {
        "id": t.id, "plan_id": t.plan_id, "node_id": t.node_id, "order": t.order, "metric": t.metric,
        "low": _f(t.low), "high": _f(t.high), "unit": t.unit, "comparator": t.comparator,
        "aspirational": t.aspirational, "deadline": t.deadline, "quantity": t.quantity, "text": t.text,
        "baseline": _f(t.baseline), "weight": float(t.weight), "qualitative": t.qualitative, "version": t.version,
        "as_of": as_of, "status": row.status, "status_label": S.LABELS.get(row.status, row.status),
        "completion": row.completion, "elapsed": row.elapsed, "value": _f(row.value),  # type: ignore[arg-type]
        "value_as_of": row.as_of, "closed_on": t.closed_on,
        "lead": [{"id": d.id, "name": d.name} for d in row.lead],
        "support": [{"id": d.id, "name": d.name} for d in row.support],
    }


def _report(r: ProgressReport) -> dict[str, Any]:
    return {
        "id": r.id, "target_id": r.target_id,
        "department": {"id": r.department.id, "name": r.department.name} if r.department else None,
        "as_of": r.as_of, "value": _f(r.value), "progress": r.progress, "problems": r.problems,
        "next_steps": r.next_steps, "reporter": r.reporter.username if r.reporter else None, "status": r.status,
        "reason": r.reason, "created": r.created, "reviewed": r.reviewed,
    }


# -- plans ------------------------------------------------------------------------------------

@api.get("/plans", response={200: list[PlanOut], **ERRORS}, tags=["plans"])
def list_plans(request: HttpRequest) -> Any:
    """The plans of the user's government (office and leaders; reporters: 403)."""
    user = _user(request)
    if access.is_reporter(user):
        raise PermissionDenied("reporters see their department's targets only")
    return [_plan(p) for p in access.visible_plans(user).defer("engine_output", "text")]


@api.get("/plans/{plan_id}", response={200: PlanDetail, **ERRORS}, tags=["plans"])
def get_plan(request: HttpRequest, plan_id: int = ID,
             as_of: date | None = AS_OF) -> Any:
    plan = access.plan_for(_user(request), plan_id)
    day = _clamp(plan, as_of)
    status = plan_status(plan, day)
    return {**_plan(plan), "as_of": day, "targets": len(status.rows),
            "counts": {s: status.counts[s] for s in S.STATUSES}, "completion": status.completion}


@api.get("/plans/{plan_id}/tree", response={200: TreeOut, **ERRORS}, tags=["plans"])
def get_tree(request: HttpRequest, plan_id: int = ID) -> Any:
    """The plan's tree (parts, areas, tasks, measures) with the ids of each node's targets."""
    plan = access.plan_for(_user(request), plan_id)
    by_node: dict[int | None, list[int]] = defaultdict(list)
    for tid, nid in Target.objects.filter(plan=plan).order_by("order").values_list("id", "node_id"):
        by_node[nid].append(tid)
    children: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for n in Node.objects.filter(plan=plan).order_by("order"):
        children[n.parent_id].append({"id": n.id, "kind": n.kind, "number": n.number, "title": n.title,
                                      "target_ids": by_node.get(n.id, []), "parent_id": n.parent_id})

    def build(parent: int | None) -> list[NodeOut]:
        return [NodeOut(id=d["id"], kind=d["kind"], number=d["number"], title=d["title"],
                        target_ids=d["target_ids"], children=build(d["id"])) for d in children.get(parent, [])]

    return {"plan_id": plan.id, "nodes": build(None), "unplaced_target_ids": by_node.get(None, [])}


@api.get("/plans/{plan_id}/targets", response={200: list[TargetOut], **ERRORS}, tags=["plans", "targets"])
def plan_targets(request: HttpRequest, plan_id: int = ID,
                 as_of: date | None = AS_OF) -> Any:
    plan = access.plan_for(_user(request), plan_id)
    day = _clamp(plan, as_of)
    return [_target(r, day) for r in plan_status(plan, day).rows]


# -- targets and reports ----------------------------------------------------------------------

@api.get("/targets/{target_id}", response={200: TargetOut, **ERRORS}, tags=["targets"])
def get_target(request: HttpRequest, target_id: int = ID,
               as_of: date | None = AS_OF) -> Any:
    """One target (reporters: their department's targets only)."""
    t = access.target_for(_user(request), target_id)
    day = _clamp(t.plan, as_of)
    return _target(plan_status(t.plan, day, targets=[t]).rows[0], day)


@api.get("/targets/{target_id}/reports", response={200: list[ReportOut], **ERRORS}, tags=["reports"])
def list_reports(request: HttpRequest, target_id: int = ID) -> Any:
    """The target's progress reports, newest first."""
    t = access.target_for(_user(request), target_id)
    reports = ProgressReport.objects.filter(target=t).select_related("department", "reporter")
    return [_report(r) for r in reports.order_by("-as_of", "-created", "-pk")]


@api.post("/targets/{target_id}/reports", response={201: ReportOut, **ERRORS}, tags=["reports"])
def create_report(request: HttpRequest, body: ReportIn, target_id: int = ID) -> Any:
    """Report progress on a target (the office, and reporters of a department assigned to it).
    The report waits for the office's review."""
    user = _user(request)
    t = access.target_for(user, target_id)
    access.require_report(user, t)
    report = submit_report(t, user=user, as_of=body.as_of, value=body.value, progress=body.progress,
                           problems=body.problems, next_steps=body.next_steps)
    report = ProgressReport.objects.select_related("department", "reporter").get(pk=report.pk)
    return Status(201, _report(report))


@api.post("/reports/{report_id}/review", response={200: ReportOut, 409: Error, **ERRORS}, tags=["reports"])
def review(request: HttpRequest, body: ReviewIn, report_id: int = ID) -> Any:
    """The office accepts a submitted report (its figure then counts) or returns it to the
    department with a reason; a report reviewed already is a 409. The rules of the review
    queue's page."""
    user = _user(request)
    report = access.report_for_review(user, report_id)
    review_report(report, user=user, accept=body.action == "accept", reason=body.reason, status=body.status)
    return _report(ProgressReport.objects.select_related("department", "reporter").get(pk=report.pk))


# -- departments ------------------------------------------------------------------------------

@api.get("/departments", response={200: list[DepartmentOut], **ERRORS}, tags=["departments"])
def list_departments(request: HttpRequest) -> Any:
    """The departments of the user's government."""
    user = _user(request)
    departments = Department.objects.all()
    if not user.is_superuser:
        departments = departments.filter(government=user.government_id) if user.government_id \
            else departments.none()
    return [{"id": d.id, "government_id": d.government_id, "name": d.name, "order": d.order}
            for d in departments.order_by("government", "order", "name")]


@api.get("/departments/{department_id}/targets", response={200: list[TargetOut], **ERRORS},
         tags=["departments", "targets"])
def department_targets(request: HttpRequest, department_id: int = ID,
                       as_of: date | None = AS_OF) -> Any:
    """The targets a department reports on (lead or support), newest plan first (reporters: their
    own department only)."""
    dept = access.department_for(_user(request), department_id)
    by_plan: dict[int, list[Target]] = defaultdict(list)
    for t in targets_of_department(dept):
        by_plan[t.plan_id].append(t)
    out = []
    plans = {p.id: p for p in Plan.objects.filter(pk__in=by_plan).defer(*HEAVY_FIELDS)}
    for plan_id, targets in by_plan.items():
        plan = plans[plan_id]
        day = _clamp(plan, as_of)
        out += [_target(r, day) for r in plan_status(plan, day, targets=targets).rows]
    return out
