"""Assign departments to areas, tasks and targets; suggest the lead department from the text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from django.db import transaction

from ..models import Assignment, Department, Government, Node, Plan, Target, User
from ..rules import departments as R
from . import Forbidden, ServiceError


@cache
def _keyword_re() -> re.Pattern[str]:
    words = sorted({k for k, _ in R.KEYWORDS}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


_KEYWORDS = dict(R.KEYWORDS)


def suggest(text: str, departments: Iterable[Department]) -> Department | None:
    """The lead department a keyword of ``text`` points to (教育 → 教育和体育局), if the
    government has it. Department names match by their core (教育和体育局 ≈ 教体局 is not
    guessed: the names come from the same default list or the office's own)."""
    by_name = {d.name: d for d in departments}
    for m in _keyword_re().finditer(text):
        for name in _KEYWORDS[m.group(0)]:
            if name in by_name:
                return by_name[name]
    return None


def create_default_departments(government: Government) -> list[Department]:
    """The default list of a county-level government's departments (kept when present)."""
    out = []
    for i, name in enumerate(R.COUNTY_DEPARTMENTS, 1):
        dept, _ = Department.objects.get_or_create(government=government, name=name, defaults={"order": i})
        out.append(dept)
    return out


def _check_office(user: User | None, plan: Plan) -> None:
    if user is not None and not (user.is_superuser or (user.role == User.Role.OFFICE
                                                        and user.government_id == plan.government_id)):
        raise Forbidden("only the office of this government can assign departments")


@transaction.atomic
def assign(
    plan: Plan, *, department: Department, role: str = Assignment.Role.LEAD,
    targets: Iterable[Target] = (), nodes: Iterable[Node] = (), user: User | None = None,
) -> int:
    """Assign ``department`` to each target and node (bulk). A node's assignment covers the
    targets under it that have none of their own. Returns the number of new assignments."""
    _check_office(user, plan)
    if department.government_id != plan.government_id:
        raise ServiceError(f"{department.name} is not a department of {plan.government.name}")
    if role not in Assignment.Role.values:
        raise ServiceError(f"role “{role}”")
    made = 0
    for t in targets:
        if t.plan_id != plan.id:
            raise ServiceError("target of another plan")
        if role == Assignment.Role.LEAD:
            Assignment.objects.filter(target=t, role=role).exclude(department=department).delete()
        _, created = Assignment.objects.get_or_create(target=t, department=department, role=role)
        made += created
    for n in nodes:
        if n.plan_id != plan.id:
            raise ServiceError("node of another plan")
        if role == Assignment.Role.LEAD:
            Assignment.objects.filter(node=n, role=role).exclude(department=department).delete()
        _, created = Assignment.objects.get_or_create(node=n, department=department, role=role)
        made += created
    return made


@transaction.atomic
def assign_suggested(plan: Plan, user: User | None = None) -> int:
    """Give every target without a lead department the suggested one. Returns how many."""
    _check_office(user, plan)
    departments = list(plan.government.departments.all())
    made = 0
    for t in plan.targets.select_related("node").prefetch_related("assignments"):
        if any(a.role == Assignment.Role.LEAD for a in t.assignments.all()):
            continue
        context = " ".join([t.metric, t.text, t.node.title if t.node else ""])
        dept = suggest(t.metric, departments) or suggest(context, departments)
        if dept is not None:
            Assignment.objects.create(target=t, department=dept, role=Assignment.Role.LEAD)
            made += 1
    return made


def departments_of(target: Target) -> dict[str, list[Department]]:
    """Lead and support departments of a target: its own assignments, else the nearest
    assigned node above it."""
    own = list(target.assignments.select_related("department"))
    if not own:
        node = target.node
        while node is not None and not own:
            own = list(node.assignments.select_related("department"))
            node = node.parent
    return {
        "lead": [a.department for a in own if a.role == Assignment.Role.LEAD],
        "support": [a.department for a in own if a.role == Assignment.Role.SUPPORT],
    }


def targets_of_department(department: Department, plan: Plan | None = None) -> list[Target]:
    """The targets a department reports on: assigned to it directly or through a node."""
    qs = Target.objects.filter(plan__government=department.government_id)
    if plan is not None:
        qs = qs.filter(plan=plan)
    out = []
    for t in qs.select_related("node", "plan").prefetch_related("assignments__department"):
        if department in departments_of(t)["lead"] + departments_of(t)["support"]:
            out.append(t)
    return out
