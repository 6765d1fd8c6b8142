"""Status of a whole plan as of a date: per target, counts and completion by area and by
department, and the lagging and overdue lists. Few queries, whatever the plan's size."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery

from .. import status as S
from ..models import Department, Node, Plan, ProgressReport, Target
from ..prepared import A_DAY, AN_ID, Prepared, field_names, instances
from .assignment import Inheritance, split


@dataclass(frozen=True, slots=True)
class Latest:
    """The newest accepted report of a target, as its status needs it."""

    value: Decimal | None
    as_of: date
    problems: str


@dataclass(slots=True)
class TargetStatus:
    target: Target
    status: str
    completion: float | None
    elapsed: float
    value: object = None
    as_of: date | None = None
    report: Latest | None = None
    lead: list[Department] = field(default_factory=list)
    support: list[Department] = field(default_factory=list)
    area: Node | None = None

    @property
    def light(self) -> str:
        return S.LIGHTS[self.status]

    @property
    def label(self) -> str:
        return S.LABELS[self.status]


@dataclass(slots=True)
class Group:
    name: str
    counts: Counter[str] = field(default_factory=Counter)
    completion: float | None = None
    items: list[TargetStatus] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class PlanStatus:
    plan: Plan
    as_of: date
    rows: list[TargetStatus]
    counts: Counter[str]
    completion: float | None
    nodes: dict[int, Node]  # the plan's parts, areas and tasks, in the plan's order
    inheritance: Inheritance  # the plan's assignments

    @cached_property
    def by_area(self) -> list[Group]:
        return _groups(self.rows, lambda r: [r.area.title if r.area else "—"])

    @cached_property
    def by_department(self) -> list[Group]:
        """By lead department (a target with two counts in both)."""
        return _groups(self.rows, lambda r: [d.name for d in r.lead] or ["—"])

    @property
    def lagging(self) -> list[TargetStatus]:
        return [r for r in self.rows if r.status == S.BEHIND]

    @property
    def overdue(self) -> list[TargetStatus]:
        return [r for r in self.rows if r.status == S.OVERDUE]

    def percent(self, key: str) -> float:
        total = sum(self.counts.values())
        return 100.0 * self.counts[key] / total if total else 0.0


def _area_of(node: Node | None, nodes: dict[int, Node]) -> Node | None:
    while node is not None and node.kind not in (Node.Kind.AREA,):
        node = nodes.get(node.parent_id) if node.parent_id else None
    return node


def plan_status(plan: Plan, as_of: date, targets: list[Target] | None = None, *,
                inheritance: Inheritance | None = None, nodes: dict[int, Node] | None = None) -> PlanStatus:
    """Compute every target's status as of ``as_of`` (reports dated after it are ignored).
    ``targets``: some of the plan's targets only; ``inheritance``: the plan's assignments when
    the caller has them already (with the own assignments of ``targets``); ``nodes``: the
    plan's nodes but measures, in order, when the caller has them (other plans' may be there)."""
    if nodes is None:
        nodes = {n.id: n for n in instances(Node, _NODES.rows(plan=plan.id))}
    else:
        nodes = {k: n for k, n in nodes.items() if n.plan_id == plan.id}
    if targets is None:
        targets = instances(Target, _TARGETS.rows(plan=plan.id))
        found = _LATEST.rows(plan=plan.id, as_of=as_of)
    else:
        found = _latest_reports(plan.id, as_of, [t.pk for t in targets]).values_list(*LATEST)
    latest = {t: Latest(value, day, problems) for t, value, day, problems in found}
    if inheritance is None:
        inheritance = Inheritance.of_plan(plan.id, nodes.values())

    rows = []
    for t in targets:
        r = latest.get(t.id)
        figures = S.Figures(
            low=t.low, high=t.high, unit=t.unit, comparator=t.comparator, metric=t.metric, deadline=t.deadline,
            year=plan.year, baseline=t.baseline, value=r.value if r else None, as_of=r.as_of if r else None,
            qualitative=t.qualitative, reviewed_status=t.reviewed_status, closed_on=t.closed_on,
        )
        own = split(inheritance.of(t))
        rows.append(TargetStatus(
            target=t, status=S.status(figures, as_of), completion=S.completion(figures),
            elapsed=S.elapsed_share(figures, as_of), value=r.value if r else None, as_of=r.as_of if r else None,
            report=r, lead=own["lead"], support=own["support"],
            area=_area_of(nodes.get(t.node_id) if t.node_id else None, nodes),
        ))
    return PlanStatus(
        plan=plan, as_of=as_of, rows=rows, counts=Counter(r.status for r in rows),
        completion=S.rollup((r.completion, float(r.target.weight)) for r in rows),
        nodes=nodes, inheritance=inheritance,
    )


LATEST = ("target_id", "value", "as_of", "problems")  # of a report, as ``Latest`` needs it


def _latest_reports(plan: int, as_of: date, chosen: list[int] | None) -> QuerySet[ProgressReport]:
    """The newest accepted report of each target as of ``as_of`` (latest date, then latest
    submission), in one query: per target, one probe of the (target, status, as_of) index,
    rather than every report of the plan (twelve a target after a year of monthly reports).
    PostgreSQL has DISTINCT ON, which does the same in one pass over the plan's reports and
    is twice as fast."""
    if connection.vendor == "postgresql":
        reports = ProgressReport.objects.filter(target__plan_id=plan, status=ProgressReport.Status.ACCEPTED,
                                                as_of__lte=as_of)
        if chosen is not None:
            reports = reports.filter(target__in=chosen)
        return reports.order_by("target_id", "-as_of", "-created", "-pk").distinct("target_id")
    newest = (ProgressReport.objects.filter(target=OuterRef("pk"), status=ProgressReport.Status.ACCEPTED,
                                            as_of__lte=as_of)
              .order_by("-as_of", "-created", "-pk").values("pk")[:1])
    of = Target.objects.filter(plan_id=plan)
    if chosen is not None:  # some of the plan's targets (a department's)
        of = of.filter(pk__in=chosen)
    ids = of.order_by().annotate(newest=Subquery(newest)).filter(newest__isnull=False).values("newest")
    return ProgressReport.objects.filter(pk__in=ids).order_by()


# a whole plan's nodes (but measures), targets and latest reports, in queries built once
_NODES = Prepared(lambda plan: Node.objects.filter(plan_id=plan).exclude(kind=Node.Kind.MEASURE).order_by("order")
                  .values_list(*field_names(Node)), plan=AN_ID)
_TARGETS = Prepared(lambda plan: Target.objects.filter(plan_id=plan).order_by("order").values_list(*field_names(Target)),
                    plan=AN_ID)
_LATEST = Prepared(lambda plan, as_of: _latest_reports(plan, as_of, None).values_list(*LATEST), plan=AN_ID, as_of=A_DAY)


def _groups(rows: list[TargetStatus], keys) -> list[Group]:  # type: ignore[no-untyped-def]
    groups: dict[str, Group] = {}
    for r in rows:
        for k in keys(r):
            g = groups.setdefault(k, Group(k))
            g.counts[r.status] += 1
            g.items.append(r)
    for g in groups.values():
        g.completion = S.rollup((r.completion, float(r.target.weight)) for r in g.items)
    return list(groups.values())
