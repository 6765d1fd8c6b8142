"""The demo: the bundled 博山区 2023 plan with the default departments, suggested lead
departments, an office admin, a reporter and a leader, and a few reports marked as demo."""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from ...extract import extract_file
from ..models import Department, Government, Plan, ProgressReport, User
from . import progress
from .assignment import assign_suggested, create_default_departments
from .imports import import_plan

SEED = Path(__file__).resolve().parents[2] / "examples" / "boshan_2023.txt"
GOVERNMENT = "博山区"
YEAR = 2023
AS_OF = date(2023, 9, 30)

# (metric fragment, as-of date, share of the target reached, accepted?)
DEMO_REPORTS: tuple[tuple[str, date, float, bool], ...] = (
    ("重点技改项目", date(2023, 6, 30), 0.45, True),
    ("重点技改项目", date(2023, 9, 30), 0.80, True),
    ("新增城镇就业", date(2023, 9, 30), 0.70, True),
    ("新增造林", date(2023, 6, 30), 1.00, True),
    ("标准厂房", date(2023, 9, 30), 0.40, True),
    ("新建燃气管网", date(2023, 9, 30), 0.95, True),
    ("长者食堂", date(2023, 9, 30), 0.60, False),
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
    admin = _user("admin", password, government=gov, role=User.Role.OFFICE, is_staff=True, is_superuser=True)
    industry = Department.objects.get(government=gov, name="工业和信息化局")
    reporter = _user("gongxin", password, government=gov, role=User.Role.REPORTER, department=industry)
    _user("leader", password, government=gov, role=User.Role.LEADER)
    if not plan.targets.filter(assignments__isnull=False).exists():
        assign_suggested(plan, user=admin)
    if not ProgressReport.objects.filter(target__plan=plan).exists():
        for fragment, as_of, share, accepted in DEMO_REPORTS:
            target = plan.targets.filter(metric__contains=fragment).first()
            if target is None or target.low is None:
                continue
            who = reporter if progress.can_report(reporter, target) else admin
            report = progress.submit_report(
                target, user=who, as_of=as_of, value=(target.low * Decimal(str(share))).quantize(Decimal("0.01")),
                progress="演示数据：按计划推进。", problems="" if share >= 0.6 else "演示数据：进度偏慢。",
                next_steps="演示数据：加快推进。", demo=True,
            )
            if accepted:
                progress.review_report(report, user=admin, accept=True)
    return {"admin": password, "gongxin": password, "leader": password}
