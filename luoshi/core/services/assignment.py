"""Assign departments to areas, tasks and targets; suggest the lead department from the text.

Who answers for a target: its own assignments when it has any, else those of the nearest
assigned node above it (task, then area, then part). One rule, resolved in memory by
``Inheritance`` for whole plans (dashboards, a department's list) and by ``departments_of``
for one target.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from ..models import Assignment, Department, Government, Node, Plan, Target, User
from ..prepared import AN_ID, Prepared, instances
from ..rules import departments as R
from . import Conflict, Forbidden, ServiceError, delete_as, save_as

# A plan's engine output and text run to megabytes: never load them with each target.
HEAVY_FIELDS = ("engine_output", "text")  # of a plan: its report and the engine's output, loaded when used


def heavy(path: str = "plan") -> tuple[str, ...]:
    """The heavy fields of the plan reached by ``path``, for ``defer`` (``"target__plan"``)."""
    return tuple(f"{path}__{f}" for f in HEAVY_FIELDS)



@cache
def _keywords() -> tuple[re.Pattern[str], dict[str, tuple[int, tuple[str, ...]]]]:
    """The keyword table compiled once: a pattern (longest first) and, per keyword, its rank
    (longer is more specific; among equals, earlier in the table) and its departments."""
    table: dict[str, tuple[str, ...]] = {}
    for word, names in R.KEYWORDS:
        table.setdefault(word, names)
    ordered = sorted(table, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in ordered))
    position = {w: i for i, w in enumerate(table)}
    ranked = sorted(table, key=lambda w: (-len(w), position[w]))
    return pattern, {w: (i, table[w]) for i, w in enumerate(ranked)}


def suggest(text: str, departments: Iterable[Department]) -> Department | None:
    """The lead department a keyword of ``text`` points to (教育 → 教育和体育局), if the
    government has it. When several keywords occur, the most specific wins: the longest,
    then the one earlier in the table (棚户区 before 社区 in 社区棚户区改造). Department names
    match exactly (教育和体育局 ≈ 教体局 is not guessed: the names come from the same
    default list or the office's own)."""
    pattern, table = _keywords()
    by_name = {d.name: d for d in departments}
    found = sorted({table[m.group(0)] for m in pattern.finditer(text)})
    for _, names in found:
        for name in names:
            if name in by_name:
                return by_name[name]
    return None


def suggest_for(target: Target, departments: Iterable[Department], nodes: dict[int, Node] | None = None,
                ) -> Department | None:
    """The suggested lead of a target: from its metric, else the titles of its task and area
    (nearest first), else its sentence."""
    departments = list(departments)
    texts = [target.metric]
    node = target.node
    while node is not None:
        texts.append(node.title)
        node = (nodes.get(node.parent_id) if nodes is not None else node.parent) if node.parent_id else None
    texts.append(target.text)
    for text in texts:
        if dept := suggest(text, departments):
            return dept
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


def assign(
    plan: Plan, *, department: Department, role: str = Assignment.Role.LEAD,
    targets: Iterable[Target] = (), nodes: Iterable[Node] = (), user: User | None = None,
) -> int:
    """Assign ``department`` with ``role`` to each target and node (bulk). A department holds
    one role per target or node (assigning it again changes the role); a new lead replaces
    the previous lead. A node's assignment covers the targets under it that have none of
    their own. Returns the number of assignments created or changed."""
    try:
        return _assign(plan, department=department, role=role, targets=targets, nodes=nodes, user=user)
    except IntegrityError as exc:  # the same assignment made by someone else at the same moment
        raise Conflict("these assignments were changed by someone else at the same time; try again") from exc


@transaction.atomic
def _assign(plan: Plan, *, department: Department, role: str, targets: Iterable[Target], nodes: Iterable[Node],
            user: User | None) -> int:
    _check_office(user, plan)
    if department.government_id != plan.government_id:
        raise ServiceError(f"{department.name} is not a department of {plan.government.name}")
    if role not in Assignment.Role.values:
        raise ServiceError(f"role “{role}”")
    targets = list({t.id: t for t in targets}.values())
    nodes = list({n.id: n for n in nodes}.values())
    if any(t.plan_id != plan.id for t in targets):
        raise ServiceError("target of another plan")
    if any(n.plan_id != plan.id for n in nodes):
        raise ServiceError("node of another plan")
    existing: dict[tuple[str, int], list[Assignment]] = defaultdict(list)
    for a in Assignment.objects.select_for_update().filter(
            Q(target__in=[t.id for t in targets]) | Q(node__in=[n.id for n in nodes])):
        existing["target" if a.target_id else "node", a.target_id or a.node_id].append(a)  # type: ignore[index]
    made = 0
    for kind, objects in (("target", targets), ("node", nodes)):
        for obj in objects:
            mine = None
            for a in existing[kind, obj.id]:
                if a.department_id == department.id:
                    mine = a
                elif role == Assignment.Role.LEAD and a.role == Assignment.Role.LEAD:
                    delete_as(a, user, "lead replaced")
            if mine is None:
                save_as(Assignment(department=department, role=role, **{kind: obj}), user, "assigned")
                made += 1
            elif mine.role != role:
                mine.role = role
                save_as(mine, user, "role changed")
                made += 1
    return made


@transaction.atomic
def unassign(plan: Plan, *, department: Department, targets: Iterable[Target] = (), nodes: Iterable[Node] = (),
             user: User | None = None) -> int:
    """Remove ``department`` from the targets and nodes. Returns how many assignments went."""
    _check_office(user, plan)
    gone = 0
    for a in Assignment.objects.filter(department=department).filter(
            Q(target__in=[t.id for t in targets], target__plan=plan)
            | Q(node__in=[n.id for n in nodes], node__plan=plan)):
        delete_as(a, user, "unassigned")
        gone += 1
    return gone


@transaction.atomic
def assign_suggested(plan: Plan, user: User | None = None) -> int:
    """Give every target without a lead department (of its own or from a node above it) the
    suggested one. Returns how many."""
    _check_office(user, plan)
    departments = list(plan.government.departments.all())
    nodes = {n.id: n for n in Node.objects.filter(plan=plan).only("id", "parent_id", "title")}
    targets = list(Target.objects.filter(plan=plan).order_by("order"))
    resolved = Inheritance.of_plans([plan.id])
    made = 0
    for t in targets:
        if any(a.role == Assignment.Role.LEAD for a in resolved.of(t)):
            continue
        if t.node_id:
            t.node = nodes[t.node_id]
        dept = suggest_for(t, departments, nodes)
        if dept is not None:
            save_as(Assignment(target=t, department=dept, role=Assignment.Role.LEAD), user, "suggested")
            made += 1
    return made


@dataclass(frozen=True, slots=True)
class Link:
    """An assignment as ``Inheritance`` keeps it: without a model instance per row (a plan
    has a hundred), the department shared by all its rows."""

    id: int
    node_id: int | None
    target_id: int | None
    department: Department
    role: str

    @property
    def department_id(self) -> int:
        return self.department.id  # type: ignore[no-any-return]


class _Links:
    """Assignment rows read as tuples; each department made once."""

    FIELDS = ("id", "node_id", "target_id", "role", "department_id", "department__government_id",
              "department__name", "department__order")

    def __init__(self) -> None:
        self.departments: dict[int, Department] = {}

    @classmethod
    def query(cls, assignments: QuerySet[Assignment], *more: QuerySet[Assignment]) -> QuerySet[Assignment]:
        """The rows of ``assignments`` and of ``more`` (one query: UNION ALL)."""
        rows = assignments.order_by().values_list(*cls.FIELDS)
        if more:
            rows = rows.union(*(m.order_by().values_list(*cls.FIELDS) for m in more), all=True)
        return rows

    def read(self, rows: Iterable[tuple[Any, ...]], using: str = "default") -> list[Link]:
        """Links from rows of ``query``."""
        rows = list(rows)
        new = {r[4]: r[4:] for r in rows if r[4] not in self.departments}
        for d in instances(Department, list(new.values()), using, names=("id", "government_id", "name", "order")):
            self.departments[d.id] = d
        return [Link(pk, node, target, self.departments[dept], role) for pk, node, target, role, dept, *_ in rows]


# one plan's assignments, of its nodes and of its targets (see ``Inheritance.of_plan``)
_OF_PLAN = Prepared(lambda plan: _Links.query(Assignment.objects.filter(node__plan=plan),
                                              Assignment.objects.filter(target__plan=plan)), plan=AN_ID)


class Inheritance:
    """The assignments of whole plans, loaded once (two queries), and the rule that a target
    without assignments of its own takes those of the nearest assigned node above it."""

    def __init__(self, parents: dict[int, int | None], by_node: dict[int, list[Link]],
                 by_target: dict[int, list[Link]]) -> None:
        self.parents, self.by_node, self.by_target = parents, by_node, by_target
        self._nearest: dict[int, list[Link]] = {}
        self._links = _Links()

    @classmethod
    def of_plans(cls, plans: Iterable[int] | QuerySet[Plan], *, with_targets: bool = True,
                 nodes: Iterable[Node] | None = None) -> Inheritance:
        """``nodes``: the plans' nodes when the caller has them already (measures, which
        have neither assignments nor nodes below them, may be left out)."""
        plans = plans if isinstance(plans, QuerySet) else list(plans)
        if nodes is not None:
            parents = {n.id: n.parent_id for n in nodes}
        else:
            parents = dict(Node.objects.filter(plan__in=plans).order_by().values_list("id", "parent_id"))
        self = cls(parents, defaultdict(list), defaultdict(list))
        of_nodes = Assignment.objects.filter(node__plan__in=plans)
        of_targets = [Assignment.objects.filter(target__plan__in=plans)] if with_targets else []
        self._add(self._links.read(_Links.query(of_nodes, *of_targets), of_nodes.db))
        return self

    @classmethod
    def of_plan(cls, plan: int, nodes: Iterable[Node]) -> Inheritance:
        """One plan's assignments, of its nodes and its targets, in a query built once;
        ``nodes``: the plan's nodes (measures may be left out)."""
        self = cls({n.id: n.parent_id for n in nodes}, defaultdict(list), defaultdict(list))
        self._add(self._links.read(_OF_PLAN.rows(plan=plan)))
        return self

    def _add(self, links: list[Link]) -> None:
        for a in links:
            if a.target_id is not None:
                self.by_target[a.target_id].append(a)
            else:
                self.by_node[a.node_id].append(a)  # type: ignore[index]

    def of_node(self, node_id: int | None) -> list[Link]:
        """The assignments of the node or, when it has none, of the nearest node above it."""
        if node_id is None:
            return []
        if node_id not in self._nearest:
            own = self.by_node.get(node_id)
            self._nearest[node_id] = own if own else self.of_node(self.parents.get(node_id))
        return self._nearest[node_id]

    def of(self, target: Target) -> list[Link]:
        return self.by_target.get(target.id) or self.of_node(target.node_id)


def departments_of(target: Target) -> dict[str, list[Department]]:
    """Lead and support departments of a target: its own assignments, else the nearest
    assigned node above it. Once ``remember_departments`` was called on this instance, its
    answer (one request's permission checks ask the same question three times)."""
    remembered = target.__dict__.get(_REMEMBERED)
    if remembered is not None:
        return remembered  # type: ignore[no-any-return]
    chain = _ancestors(target)
    if len(chain) <= len(_NODE_MARKS):  # as deep as plans go: the query built once
        padded = chain + [0] * (len(_NODE_MARKS) - len(chain))  # 0: no node's id
        found = _OF_TARGET.objects(target=target.pk, **dict(zip(_NODE_MARKS, padded, strict=True)))
    else:
        found = list(_of_target(target.pk, *chain))
    own = [a for a in found if a.target_id == target.pk]
    for node in chain:
        if own:
            break
        own = [a for a in found if a.node_id == node]
    return split(own)


_REMEMBERED = "_luoshi_departments"


def _of_target(target: int, *nodes: int) -> QuerySet[Assignment]:
    """The assignments of a target and of nodes (those above it)."""
    return Assignment.objects.filter(Q(target=target) | Q(node__in=nodes)).select_related("department")


_NODE_MARKS = ("node", "parent", "grandparent", "above")  # a part, an area, a task, a measure
_OF_TARGET = Prepared(lambda target, **nodes: _of_target(target, *nodes.values()), target=AN_ID,
                      **{k: AN_ID - 1 - i for i, k in enumerate(_NODE_MARKS)})


def _ancestors(target: Target) -> list[int]:
    """The target's node and the nodes above it, nearest first: from the nodes loaded with the
    target (``select_related("node__parent__parent")``) when they reach the top, else from
    the plan's nodes."""
    chain: list[int] = []
    loaded = target._state.fields_cache.get("node") if target.node_id else None
    while loaded is not None:
        chain.append(loaded.id)
        if loaded.parent_id is None:
            return chain
        loaded = loaded._state.fields_cache.get("parent")
    chain = []
    if target.node_id:
        parents = dict(Node.objects.filter(plan=target.plan_id).order_by().values_list("id", "parent_id"))
        node: int | None = target.node_id
        while node is not None and node not in chain:
            chain.append(node)
            node = parents.get(node)
    return chain


def remember_departments(target: Target) -> dict[str, list[Department]]:
    """``departments_of(target)``, kept on the instance for the rest of its life: for a
    target loaded by one request, which changes no assignment."""
    target.__dict__.pop(_REMEMBERED, None)
    found = target.__dict__[_REMEMBERED] = departments_of(target)
    return found


def split(assignments: Iterable[Assignment | Link]) -> dict[str, list[Department]]:
    assignments = list(assignments)
    return {
        "lead": [a.department for a in assignments if a.role == Assignment.Role.LEAD],
        "support": [a.department for a in assignments if a.role == Assignment.Role.SUPPORT],
    }


def targets_of_department(department: Department, plan: Plan | None = None) -> list[Target]:
    """The targets a department reports on (lead or support): assigned to it directly, or
    through a node above them when they have no assignment of their own; newest plan first,
    then in the plan's order."""
    return department_targets(department, plan).targets


@dataclass
class DepartmentTargets:
    """A department's targets with what was read to find them: the plans (with the targets'
    ``plan`` and ``node`` set from them), their areas and tasks, and all their assignments."""

    targets: list[Target]
    plans: dict[int, Plan]
    nodes: dict[int, Node]  # the plans' nodes but measures, in the plans' order
    inheritance: Inheritance  # with every target's own assignments


def department_targets(department: Department, plan: Plan | None = None, *,
                       of: Iterable[Plan] | None = None) -> DepartmentTargets:
    """``targets_of_department`` in five small queries whatever the size of the plans: the
    government's plans (or ``plan``; ``of``: the government's plans, read already), their
    nodes, the nodes' assignments, the targets' assignments, and the targets assigned
    directly or under a covered node (the plans are few, so the targets are read by plan and
    the OR costs nothing)."""
    if plan is not None:
        plans = {plan.id: plan}
    elif of is not None:
        plans = {p.id: p for p in of}
    else:
        plans = {p.id: p for p in Plan.objects.filter(government=department.government_id).defer(*HEAVY_FIELDS)}
    ids = list(plans)
    nodes = {n.id: n for n in Node.objects.filter(plan__in=ids).exclude(kind=Node.Kind.MEASURE)
             .order_by("plan_id", "order")}
    inheritance = Inheritance.of_plans(ids, nodes=nodes.values())
    covered = [n for n in nodes if any(a.department_id == department.id for a in inheritance.of_node(n))]
    direct = {t for t, links in inheritance.by_target.items() if any(a.department_id == department.id for a in links)}
    found = []
    if covered or direct:
        for t in Target.objects.filter(plan__in=ids).filter(Q(pk__in=direct) | Q(node__in=covered)):
            if t.id in inheritance.by_target and t.id not in direct:
                continue  # under a covered node, but with assignments of its own to others
            t.plan = plans[t.plan_id]
            if t.node_id in nodes:
                t.node = nodes[t.node_id]
            found.append(t)
    found.sort(key=lambda t: (-t.plan.year, t.plan_id, t.order))
    return DepartmentTargets(found, plans, nodes, inheritance)
