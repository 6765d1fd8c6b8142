"""The demo: loading it twice gives the same data once; its users, leads and reports."""

from __future__ import annotations

from typing import Any

import pytest

from luoshi.core import status as S
from luoshi.core.models import Assignment, Department, Government, Node, Plan, ProgressReport, Target, User
from luoshi.core.rules import departments as R
from luoshi.core.services.assignment import Inheritance
from luoshi.core.services.dashboard import plan_status
from luoshi.core.services.demo import AS_OF, DEMO_PATTERN, load_demo

pytestmark = pytest.mark.django_db

PW = "demo-password-1"
TABLES = (Government, Department, Plan, Node, Target, Assignment, ProgressReport, User)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in TABLES}


def test_demo_twice_is_idempotent() -> None:
    assert load_demo(password=PW) == {"admin": PW, "gongxin": PW, "leader": PW}
    first = counts()
    assert load_demo(password="another-password") == {"admin": "another-password", "gongxin": "another-password",
                                                       "leader": "another-password"}
    assert counts() == first
    assert first["Plan"] == 1 and first["User"] == 3
    assert User.objects.get(username="admin").check_password("another-password")  # the users are refreshed


def test_demo_plan_and_reports() -> None:
    load_demo(password=PW)
    plan = Plan.objects.get()
    assert (plan.government.name, plan.year, plan.demo, plan.published) == ("博山区", 2023, True, True)
    assert plan.targets.count() == 76
    assert plan.government.departments.count() == len(R.COUNTY_DEPARTMENTS)
    reports = list(ProgressReport.objects.all())
    assert reports and all(r.demo for r in reports)
    reported = sum(step is not None for step in DEMO_PATTERN) / len(DEMO_PATTERN)
    assert len(reports) == pytest.approx(2 * 76 * reported, abs=4)  # June and September
    accepted = [r for r in reports if r.status == "accepted"]
    waiting = [r for r in reports if r.status == "submitted"]
    assert waiting and len(accepted) + len(waiting) == len(reports)
    assert all(r.reviewer.username == "admin" for r in accepted)
    status = plan_status(plan, AS_OF)
    assert sum(status.counts.values()) == 76
    for s in (S.DONE, S.AHEAD, S.ON_TRACK, S.BEHIND, S.NOT_REPORTED):
        assert status.counts[s] >= 1, s


def test_demo_leads_for_most_targets() -> None:
    load_demo(password=PW)
    plan = Plan.objects.get()
    inheritance = Inheritance.of_plans([plan.id])
    with_lead = [t for t in plan.targets.all() if any(a.role == "lead" for a in inheritance.of(t))]
    assert len(with_lead) >= 0.9 * plan.targets.count()
    leads = {t.metric: [a.department.name for a in inheritance.of(t)] for t in with_lead}
    assert leads["重点技改项目"] == ["工业和信息化局"]
    assert leads["新增城镇就业"] == ["人力资源和社会保障局"]
    assert leads["普惠性幼儿园覆盖率"] == ["教育和体育局"]
    assert leads["新增造林"] == ["自然资源局"]


USERS = [
    # (username, role, department, is_superuser)
    ("admin", "office", None, True),
    ("gongxin", "reporter", "工业和信息化局", False),
    ("leader", "leader", None, False),
]


@pytest.mark.parametrize(("username", "role", "department", "superuser"), USERS, ids=[u[0] for u in USERS])
def test_demo_users(username: str, role: str, department: str | None, superuser: bool) -> None:
    load_demo(password=PW)
    user: Any = User.objects.get(username=username)
    assert (user.role, user.department.name if user.department else None, user.is_superuser) == (
        role, department, superuser)
    assert user.government.name == "博山区"
    assert user.check_password(PW)


def test_reporter_reports_on_industry_targets() -> None:
    load_demo(password=PW)
    reports = ProgressReport.objects.filter(target__metric="重点技改项目")
    assert {r.reporter.username for r in reports} == {"gongxin"}
    assert {r.department.name for r in reports} == {"工业和信息化局"}
