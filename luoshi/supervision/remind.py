"""``luoshi remind``: for every plan with a reporting cycle, as of a day,

- **提醒 (reminder)**: a target not yet reported on the period due next, ``remind_before`` days
  or fewer before its due date;
- **催办 (chase)**: a target without a report on the last period due (only the last: progress
  figures are cumulative, so a report now answers the months missed before it);
- **提级督办 (escalation)**: the same, ``escalate_after`` days or more past the due date, to the
  department's leader in charge (分管领导); the department is then listed in the bulletin.

Each is one ``Notice`` per department, target, period and kind: the unique constraint makes a
second run (or two at once) send nothing new. Notices go into the inbox of the department's
reporters (an escalation also into the leader's) and by email, one message per department and
kind, through Django's email framework (``EMAIL_*`` settings; the console by default).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import IO

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q

from ..core.models import Department, Plan, Target, User
from . import cycles as C
from .models import Cycle, Notice
from .reporting import lines

log = logging.getLogger("luoshi.remind")
SUBJECTS = {Notice.Kind.REMINDER: "提醒", Notice.Kind.CHASE: "催办", Notice.Kind.ESCALATION: "提级督办"}


@dataclass(slots=True)
class Batch:
    """The notices of one department, kind and period in one run: one email."""

    plan: Plan
    department: Department
    kind: str
    period: C.Period
    targets: list[Target] = field(default_factory=list)
    leader: User | None = None
    recipients: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    error: str = ""


@dataclass(slots=True)
class Result:
    as_of: date
    dry_run: bool
    batches: list[Batch]
    already: int  # notices found sent before

    @property
    def count(self) -> int:
        return sum(len(b.targets) for b in self.batches)


def candidates(plan: Plan, as_of: date) -> list[Batch]:
    """What ``plan`` owes notices for as of ``as_of``, sent before or not, in department order."""
    batches: dict[tuple[int, str, str], Batch] = {}
    for line in lines(plan, as_of):
        t = line.row.target
        wanted: list[tuple[str, C.Period]] = []
        last = line.last_due()
        if last is not None and not line.reported(last) and not line.closed:
            wanted.append((Notice.Kind.CHASE, last))
            if (as_of - last.due).days >= line.rule.escalate_after:
                wanted.append((Notice.Kind.ESCALATION, last))
        upcoming = line.next_due()
        if (upcoming is not None and line.rule.remind_before and not line.reported(upcoming)
                and (upcoming.due - as_of).days <= line.rule.remind_before):
            wanted.append((Notice.Kind.REMINDER, upcoming))
        for kind, period in wanted:
            for d in line.row.lead:
                b = batches.setdefault((d.id, kind, period.key), Batch(plan, d, kind, period))
                b.targets.append(t)
    order = {Notice.Kind.ESCALATION: 0, Notice.Kind.CHASE: 1, Notice.Kind.REMINDER: 2}
    return sorted(batches.values(), key=lambda b: (order[b.kind], b.period.due, b.department.order, b.department.name))


def _pending(batches: list[Batch]) -> tuple[list[Batch], int]:
    """The batches with only the targets not notified before; how many were."""
    if not batches:
        return [], 0
    plan = batches[0].plan
    sent = set(Notice.objects.filter(plan=plan).values_list("department_id", "target_id", "period", "kind"))
    out, already = [], 0
    for b in batches:
        fresh = [t for t in b.targets if (b.department.id, t.id, b.period.key, b.kind) not in sent]
        already += len(b.targets) - len(fresh)
        if fresh:
            b.targets = fresh
            out.append(b)
    return out, already


def _addresses(b: Batch) -> list[str]:
    if b.kind == Notice.Kind.ESCALATION:
        people = [b.leader] if b.leader is not None else []
    else:
        people = list(User.objects.filter(department=b.department, role=User.Role.REPORTER, is_active=True))
    return sorted({u.email for u in people if u.email})


def remind(as_of: date, *, dry_run: bool = False, plans: list[Plan] | None = None,
           user: User | None = None, stream: IO[str] | None = None) -> Result:
    """Find and (unless ``dry_run``) send every notice due as of ``as_of``; ``user``: who
    sent them (None: the scheduled run); ``stream``: where the console backend prints."""
    if plans is None:
        plans = list(Plan.objects.filter(pk__in=Cycle.objects.values("plan")).select_related("government")
                     .order_by("government__name", "year"))
    batches: list[Batch] = []
    already = 0
    for plan in plans:
        if as_of < date(plan.year, 1, 1):
            continue
        found, before = _pending(candidates(plan, as_of))
        batches += found
        already += before
    for b in batches:
        if b.kind == Notice.Kind.ESCALATION:
            b.leader = b.department.leader
        b.recipients = _addresses(b)
    if not dry_run:
        for b in batches:
            _record(b, as_of, user)
        batches = [b for b in batches if b.notices]
        _send(batches, stream)
    return Result(as_of, dry_run, batches, already)


def _record(b: Batch, as_of: date, user: User | None) -> None:
    """One row per target; a row another run made first (the constraint) is that run's."""
    kept = []
    for t in b.targets:
        try:
            with transaction.atomic():
                b.notices.append(Notice.objects.create(
                    plan=b.plan, department=b.department, target=t, period=b.period.key, due=b.period.due,
                    kind=b.kind, sent_on=as_of, sent_by=user, leader=b.leader, recipients=b.recipients))
            kept.append(t)
        except IntegrityError:
            continue
    b.targets = kept


def message(b: Batch) -> tuple[str, str]:
    """The subject and text of a batch's email (and of its notices in the inbox)."""
    head = f"【{SUBJECTS[b.kind]}】{b.plan.government.name}{b.plan.year}年政府工作报告重点任务"
    if b.kind == Notice.Kind.REMINDER:
        lead = (f"{b.department.name}：{b.period.label}的进展请于{_day(b.period.due)}前报送，"
                f"以下{len(b.targets)}项目标尚未报送：")
    elif b.kind == Notice.Kind.CHASE:
        lead = (f"{b.department.name}：{b.period.label}的进展应于{_day(b.period.due)}前报送，"
                f"以下{len(b.targets)}项目标至今未报送，请尽快报送：")
    else:
        who = b.leader.get_full_name() or b.leader.username if b.leader else "分管领导"
        lead = (f"{who}：{b.department.name}{b.period.label}的进展应于{_day(b.period.due)}前报送，"
                f"逾期{len(b.targets)}项目标仍未报送，已提级督办，并将在督查通报中列出：")
    items = "\n".join(f"{i}. {t.metric}" for i, t in enumerate(b.targets, 1))
    url = settings.LUOSHI_SITE_URL.rstrip("/")
    tail = f"\n\n请登录落实系统报送：{url}/me/" if b.kind != Notice.Kind.ESCALATION else \
        f"\n\n督办情况：{url}/supervision/plans/{b.plan.pk}/notices/"
    return f"{head}：{b.department.name}{b.period.label}{SUBJECTS[b.kind]}", f"{lead}\n{items}{tail}\n"


def _day(d: date) -> str:
    return f"{d.month}月{d.day}日"


def _send(batches: list[Batch], stream: IO[str] | None = None) -> None:
    """One email per batch with recipients; a failure is kept on its notices, never raised."""
    with_mail = [b for b in batches if b.recipients]
    if not with_mail:
        return
    connection = get_connection(fail_silently=False, **({"stream": stream} if stream is not None else {}))
    for b in with_mail:
        subject, body = message(b)
        try:
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, b.recipients, connection=connection).send()
        except Exception as exc:  # SMTP refusals, timeouts, DNS: the notice stays in the inbox
            b.error = f"{type(exc).__name__}: {exc}"[:1000]
            log.warning("email to %s failed: %s", b.recipients, b.error)
            Notice.objects.filter(pk__in=[n.pk for n in b.notices]).update(email_error=b.error)


def inbox(user: User) -> Q:
    """The notices a person sees: their department's, and the escalations of departments they
    are the leader in charge of."""
    q = Q(pk__in=[])
    if user.department_id:
        q |= Q(department=user.department_id)
    q |= Q(kind=Notice.Kind.ESCALATION, leader=user.pk)
    return q
