"""Who reported what, period by period: each target's cycle and periods, the periods its
reports cover (``cycles``), and per department the 报送率 (periods reported of those due) and
the on-time rate (reported by the due date). Everything is as of a day passed in (``as_of``):
reports dated after it are ignored, so a fixed clock gives fixed figures.

A report that the office returned covers nothing; a submitted one covers its period while it
waits for review (the department did report). The lead departments (牵头单位) report; a
target without one is nobody's to chase.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from ..core import status as S
from ..core.exporters.bulletin import Section
from ..core.models import Department, Plan, ProgressReport
from ..core.services.dashboard import PlanStatus, TargetStatus, plan_status
from . import cycles as C
from .models import Cycle


def rule_of(cycle: Cycle) -> C.Rule:
    dates = tuple(sorted(date.fromisoformat(d) for d in cycle.dates or ()))
    return C.Rule(kind=cycle.kind, day=cycle.day, dates=dates, remind_before=cycle.remind_before,
                  escalate_after=cycle.escalate_after)


def rules_of(plan: Plan) -> tuple[C.Rule | None, dict[int, C.Rule]]:
    """The plan's cycle (None: it has none) and the overrides by target id."""
    own, by_target = None, {}
    for c in Cycle.objects.filter(plan=plan):
        if c.target_id is None:
            own = rule_of(c)
        else:
            by_target[c.target_id] = rule_of(c)
    return own, by_target


@dataclass(slots=True)
class Line:
    """One target's reporting as of a day."""

    row: TargetStatus
    rule: C.Rule
    periods: list[C.Period]
    submitted: dict[str, date]  # period key → the day its first report was submitted
    as_of: date

    @property
    def closed(self) -> bool:
        return self.row.status == S.CLOSED

    def required(self) -> list[C.Period]:
        t = self.row.target
        return C.required(self.periods, self.as_of, deadline=t.deadline, closed_on=t.closed_on)

    def reported(self, p: C.Period) -> bool:
        return p.key in self.submitted

    def on_time(self, p: C.Period) -> bool:
        return p.key in self.submitted and self.submitted[p.key] <= p.due

    def last_due(self) -> C.Period | None:
        """The latest period due before the day, if the target still had to report on it."""
        p = C.last_due(self.periods, self.as_of)
        return p if p is not None and p in self.required() else None

    def next_due(self) -> C.Period | None:
        p = C.next_due(self.periods, self.as_of)
        if p is None or self.closed or p.start > self.row.target.deadline:
            return None
        return p


def lines(plan: Plan, as_of: date, status: PlanStatus | None = None) -> list[Line]:
    """Every target of the plan that has a cycle (its own or the plan's) and a lead department."""
    own, by_target = rules_of(plan)
    if own is None and not by_target:
        return []
    status = status or plan_status(plan, as_of)
    chosen = [r for r in status.rows if r.lead and (r.target.id in by_target or own is not None)]
    found: dict[C.Rule, list[C.Period]] = {}
    for rule in {by_target.get(r.target.id) or own for r in chosen}:
        found[rule] = C.periods(rule, plan.year)  # type: ignore[arg-type]
    reports: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for target_id, day, created in (ProgressReport.objects.filter(target__plan=plan, as_of__lte=as_of)
                                    .exclude(status=ProgressReport.Status.RETURNED)
                                    .values_list("target_id", "as_of", "created")):
        # a report made after the day was not there yet; one made after the year counts from its
        # last day (the year-end view of a past year still sees it, as late)
        submitted = min(timezone.localdate(created), date(plan.year, 12, 31))
        if submitted <= as_of:
            reports[target_id].append((day, submitted))
    out = []
    for r in chosen:
        rule = by_target.get(r.target.id) or own
        assert rule is not None
        submitted: dict[str, date] = {}
        for day, created in reports.get(r.target.id, []):
            p = C.period_of(found[rule], day)
            if p is not None and (p.key not in submitted or created < submitted[p.key]):
                submitted[p.key] = created
        out.append(Line(r, rule, found[rule], submitted, as_of))
    return out


@dataclass(slots=True)
class Rates:
    """A department's reporting over the periods due so far."""

    department: Department
    required: int = 0
    reported: int = 0
    on_time: int = 0
    late_now: list[Line] = field(default_factory=list)  # targets without a report on the last period due
    open_now: list[Line] = field(default_factory=list)  # targets not yet reported on the period due next

    @property
    def report_rate(self) -> float | None:
        """报送率, in percent (None: nothing was due yet)."""
        return 100.0 * self.reported / self.required if self.required else None

    @property
    def on_time_rate(self) -> float | None:
        return 100.0 * self.on_time / self.required if self.required else None


def rates(found: list[Line]) -> list[Rates]:
    """Per lead department, in the government's order of departments."""
    by_dept: dict[int, Rates] = {}
    for line in found:
        due = line.required()
        last, upcoming = line.last_due(), line.next_due()
        for d in line.row.lead:
            r = by_dept.setdefault(d.id, Rates(d))
            r.required += len(due)
            r.reported += sum(line.reported(p) for p in due)
            r.on_time += sum(line.on_time(p) for p in due)
            if last is not None and not line.reported(last):
                r.late_now.append(line)
            if upcoming is not None and not line.reported(upcoming):
                r.open_now.append(line)
    return sorted(by_dept.values(), key=lambda r: (r.department.order, r.department.name))


@dataclass(slots=True)
class Panel:
    """The dashboard's 报送情况: the period due next and the last one due, per department."""

    rule: C.Rule | None
    current: C.Period | None
    previous: C.Period | None
    departments: list[Rates]

    @property
    def lagging(self) -> list[Rates]:
        return [r for r in self.departments if r.open_now or r.late_now]


def panel(plan: Plan, as_of: date, status: PlanStatus) -> Panel:
    own, _ = rules_of(plan)
    found = lines(plan, as_of, status)
    ps = C.periods(own, plan.year) if own is not None else []
    return Panel(own, C.next_due(ps, as_of), C.last_due(ps, as_of), rates(found))


def escalated(plan: Plan, as_of: date) -> Section | None:
    """The bulletin's 提级督办 section: the departments escalated for the latest period with
    escalations sent by ``as_of`` (None: the plan has no cycle)."""
    from .models import Notice

    if not Cycle.objects.filter(plan=plan).exists():
        return None
    sent = Notice.objects.filter(plan=plan, kind=Notice.Kind.ESCALATION, sent_on__lte=as_of)
    latest = sent.order_by("-due", "-period").values_list("period", flat=True).first()
    rows: list[tuple[str, ...]] = []
    note = ""
    if latest is not None:
        by_dept: dict[int, list[Any]] = defaultdict(list)
        for n in sent.filter(period=latest).select_related("department", "leader", "target").order_by(
                "department__order", "department__name", "target__order"):
            by_dept[n.department_id].append(n)
        for i, ns in enumerate(by_dept.values(), 1):
            n = ns[0]
            leader = (n.leader.get_full_name() or n.leader.username) if n.leader else "—"
            rows.append((str(i), n.department.name, leader, str(len(ns)), "；".join(x.target.metric for x in ns),
                         f"{n.sent_on.month}月{n.sent_on.day}日"))
        note = (f"以下单位{C.label_of(latest)}进展应于{n.due.month}月{n.due.day}日前报送，"
                f"逾期仍未报送，已提级督办，予以通报。")
    return Section("未按时报送、已提级督办单位", ("序号", "单位", "分管领导", "目标数", "未报送目标", "督办日期"), rows, note)
