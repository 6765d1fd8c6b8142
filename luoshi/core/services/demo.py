"""The demo: the bundled 博山区 2023 plan with the default departments, suggested lead
departments, an office admin, a reporter and a leader (the leader in charge of every
department), a few reports marked as demo, each submitted on its as-of day, and a monthly
reporting cycle (每月5日前报送上月进展)."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ...extract import extract_file
from ..models import Department, Government, Plan, ProgressReport, User
from . import progress
from .assignment import assign_suggested, create_default_departments
from .imports import import_plan

SEED = Path(__file__).resolve().parents[2] / "examples" / "boshan_2023.txt"
GOVERNMENT = "博山区"
YEAR = 2023
AS_OF = date(2023, 9, 30)

# The demo's reports follow this pattern over the targets in plan order: (share of the target
# reached by 30 June, by 30 September, whether the September report is accepted yet). None: no
# report. With 序时进度 at 74.7 % on 30 September this gives every status on the dashboard.
DEMO_PATTERN: tuple[tuple[float, float, bool] | None, ...] = (
    (0.45, 0.80, True),   # 达进度
    (0.30, 0.55, True),   # 欠进度
    (0.70, 1.00, True),   # 已完成
    (0.50, 0.90, True),   # 超进度
    None,                 # 未报送
    (0.40, 0.76, True),   # 达进度
    (0.35, 0.60, False),  # September report waiting for review
    (0.60, 0.95, True),   # 超进度
)
def _user(username: str, password: str, **fields: object) -> User:
    user, _ = User.objects.get_or_create(username=username, defaults=fields)
    for k, v in fields.items():
        setattr(user, k, v)
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def load_demo(password: str | None = None) -> dict[str, str]:
    """Create (or refresh the users of) the demo. Returns the user names and passwords."""
    password = password or secrets.token_urlsafe(9)
    plan = Plan.objects.filter(government__name=GOVERNMENT, year=YEAR).first()
    if plan is None:
        engine = extract_file(SEED, year=YEAR)
        plan = import_plan(engine, government=GOVERNMENT, year=YEAR, level="county",
                           source_name=SEED.name, source_bytes=SEED.read_bytes(), demo=True)
        plan.published = True
        plan.save()
    gov: Government = plan.government
    create_default_departments(gov)
    admin = _user("admin", password, government=gov, role=User.Role.OFFICE, is_staff=True, is_superuser=True,
                  email="admin@example.com")
    industry = Department.objects.get(government=gov, name="工业和信息化局")
    reporter = _user("gongxin", password, government=gov, role=User.Role.REPORTER, department=industry,
                     email="gongxin@example.com")
    leader = _user("leader", password, government=gov, role=User.Role.LEADER, email="leader@example.com")
    for dept in Department.objects.filter(government=gov, leader__isnull=True):
        dept.leader = leader  # 分管领导: the demo has one leader
        dept.save(update_fields=["leader"])
    if not plan.targets.filter(assignments__isnull=False).exists():
        assign_suggested(plan, user=admin)
    if not ProgressReport.objects.filter(target__plan=plan).exists():
        _demo_reports(plan, admin, reporter)
    from ...supervision.models import Cycle

    Cycle.objects.get_or_create(plan=plan, target=None, defaults={"kind": Cycle.Kind.MONTHLY, "day": 5})
    return {"admin": password, "gongxin": password, "leader": password}


def _demo_reports(plan: Plan, admin: User, reporter: User) -> None:
    targets = [t for t in plan.targets.order_by("order") if t.low is not None]
    for i, target in enumerate(targets):
        step = DEMO_PATTERN[i % len(DEMO_PATTERN)]
        if step is None:
            continue
        june, september, accepted = step
        who = reporter if progress.can_report(reporter, target) else admin
        for as_of, share, accept in ((date(YEAR, 6, 30), june, True), (AS_OF, september, accepted)):
            value = _demo_value(target.low, target.comparator, share)
            report = progress.submit_report(
                target, user=who, as_of=as_of, value=value,
                progress=f"演示数据：截至{as_of.month}月{as_of.day}日，完成{value.normalize():f}{target.unit}。",
                problems="" if share >= 0.7 else "演示数据：项目前期手续办理较慢。",
                next_steps="演示数据：倒排工期，加快推进。", demo=True,
            )
            # submitted on its as-of day, as the demo's story has it (on time for the cycle)
            ProgressReport.objects.filter(pk=report.pk).update(
                created=timezone.make_aware(datetime.combine(as_of, time(17))))
            if accept:
                progress.review_report(report, user=admin, accept=True)


def _demo_value(goal: Decimal, comparator: str, share: float) -> Decimal:
    """A demo figure: share × the target; a ceiling (<=) target is met below it."""
    if comparator == "<=":
        share = 0.9
    return (goal * Decimal(str(share))).quantize(Decimal("0.01"))
