"""Who sees what, resolved once per view (pretix's control middleware, in small).

The tenant is the user's government: an object of another government is a 404 (its
existence is not revealed); an object of the user's government that the user's role may not
see or change is a 403. Superusers see every government and act as its office.

| role | reads | writes |
|---|---|---|
| office admin | everything of its government | imports, assignments, edits, reviews, reports |
| department reporter | its department's page and targets | reports on those targets |
| leader | everything of its government | nothing |
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from ..core.models import Department, Evidence, Plan, ProgressReport, Target, User
from ..core.prepared import AN_ID, Prepared
from ..core.services.assignment import HEAVY_FIELDS, heavy
from ..core.services.progress import can_report, can_view


def _in_tenant(user: User, government_id: int | None) -> None:
    if not (user.is_superuser or (government_id is not None and user.government_id == government_id)):
        raise Http404("not found")


def is_office(user: User, government_id: int | None = None) -> bool:
    if user.is_superuser:
        return True
    if user.role != User.Role.OFFICE or user.government_id is None:
        return False
    return government_id is None or user.government_id == government_id


def is_reporter(user: User) -> bool:
    return not user.is_superuser and user.role == User.Role.REPORTER


def visible_plans(user: User) -> QuerySet[Plan]:
    plans = Plan.objects.select_related("government")
    if user.is_superuser:
        return plans
    return plans.filter(government=user.government_id) if user.government_id else plans.none()


_PLAN = Prepared(lambda pk: Plan.objects.select_related("government").defer(*HEAVY_FIELDS).filter(pk=pk), pk=AN_ID)


def plan_for(user: User, pk: int, *, write: bool = False) -> Plan:
    """A plan the user may read as a whole (office, leader); ``write``: change (office)."""
    plan = _PLAN.first(pk=pk)
    if plan is None:
        raise Http404("no such plan")
    _in_tenant(user, plan.government_id)
    if is_reporter(user) or (write and not is_office(user, plan.government_id)):
        raise PermissionDenied
    return plan


def target_for(user: User, pk: int) -> Target:
    target = Target.objects.select_related("plan__government", "node").defer(*heavy()).filter(pk=pk).first()
    if target is None:
        raise Http404("no such target")
    _in_tenant(user, target.plan.government_id)
    if not can_view(user, target):
        raise PermissionDenied
    return target


def department_for(user: User, pk: int) -> Department:
    """A department page: its government's office and leaders, and its own reporters (whose
    department, with its government, came with them from ``luoshi.core.backends``)."""
    if user.department_id is not None and user.department_id == pk:
        dept = user.department
    else:
        dept = Department.objects.select_related("government").filter(pk=pk).first()
    if dept is None:
        raise Http404("no such department")
    _in_tenant(user, dept.government_id)
    if is_reporter(user) and user.department_id != dept.id:
        raise PermissionDenied
    return dept


def report_for_review(user: User, pk: int) -> ProgressReport:
    report = (ProgressReport.objects.select_related("target__plan").defer(*heavy("target__plan"))
              .filter(pk=pk).first())
    if report is None:
        raise Http404("no such report")
    _in_tenant(user, report.target.plan.government_id)
    if not is_office(user, report.target.plan.government_id):
        raise PermissionDenied
    return report


def evidence_for(user: User, pk: int) -> Evidence:
    ev = (Evidence.objects.select_related("report__target__plan").defer(*heavy("report__target__plan"))
          .filter(pk=pk).first())
    if ev is None:
        raise Http404("no such file")
    _in_tenant(user, ev.report.target.plan.government_id)
    if not can_view(user, ev.report.target):
        raise PermissionDenied
    return ev


def require_report(user: User, target: Target) -> None:
    if not can_report(user, target):
        raise PermissionDenied


def require_office(user: User) -> None:
    """Pages of the office that are not about one object (import, the review queue's forms)."""
    if not is_office(user):
        raise PermissionDenied


def may_read_reviews(user: User) -> bool:
    return user.is_superuser or (user.government_id is not None and user.role in (User.Role.OFFICE, User.Role.LEADER))
