"""Fixtures of the web tests: a small government with one plan, its departments and one
user per role (fast, for the permission table), and the full demo where a test needs it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from luoshi.core.models import Assignment, Department, Government, Plan, ProgressReport, Target, User
from luoshi.core.services.assignment import assign
from luoshi.core.services.imports import import_plan
from luoshi.core.services.progress import submit_report

PASSWORD = "web-tests-password-1"


def _node(kind: str, title: str, children: list | None = None) -> dict:
    return {"kind": kind, "title": title, "number": "", "role": "", "span": [0, 0], "children": children or []}


def _target(metric: str, low: float, unit: str, path: list[str], comparator: str = ">=") -> dict:
    return {"metric": metric, "low": low, "high": low, "unit": unit, "comparator": comparator,
            "aspirational": False, "deadline": "2023-12-31", "text": f"{metric}{low:g}{unit}。", "span": [0, 0],
            "path": path, "quantity": f"{low:g}{unit}", "kind": "count", "role": "target"}


ENGINE = {
    "source": "small.txt", "encoding": "utf-8", "text": "",
    "meta": {"government": "测试区", "level": "county", "year": 2023, "date": "", "speaker": ""},
    "tree": [
        _node("area", "聚焦产业振兴", [_node("task", "全面提升传统产业")]),
        _node("area", "聚焦群众满意", [_node("task", "加强民生服务保障")]),
    ],
    "targets": [
        _target("重点技改项目", 160, "个", ["聚焦产业振兴", "全面提升传统产业"]),
        _target("新增城镇就业", 1500, "人", ["聚焦群众满意", "加强民生服务保障"]),
    ],
    "achievements": [],
}


@dataclass
class World:
    plan: Plan
    industry: Department  # lead department of ``target``
    labour: Department  # lead department of ``other_target``
    target: Target
    other_target: Target
    report: ProgressReport  # submitted by ``reporter`` on ``target``, with one evidence file
    office: User
    reporter: User
    other_reporter: User
    leader: User
    stranger: User  # the office admin of another government


def _user(username: str, **fields: object) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **fields)
    return user


@pytest.fixture
def world(db: None) -> World:
    """测试区 2023: two targets, each led by one department; user names differ from the demo's."""
    plan = import_plan(ENGINE, government="测试区", year=2023)
    gov = plan.government
    industry = Department.objects.create(government=gov, name="工业和信息化局", order=1)
    labour = Department.objects.create(government=gov, name="人力资源和社会保障局", order=2)
    target, other_target = plan.targets.order_by("order")
    assign(plan, department=industry, role=Assignment.Role.LEAD, targets=[target])
    assign(plan, department=labour, role=Assignment.Role.LEAD, targets=[other_target])
    office = _user("ts-office", government=gov, role=User.Role.OFFICE)
    reporter = _user("ts-gongxin", government=gov, role=User.Role.REPORTER, department=industry)
    other_reporter = _user("ts-renshe", government=gov, role=User.Role.REPORTER, department=labour)
    leader = _user("ts-leader", government=gov, role=User.Role.LEADER)
    elsewhere = Government.objects.create(name="淄川区")
    stranger = _user("zc-office", government=elsewhere, role=User.Role.OFFICE)
    report = submit_report(target, user=reporter, as_of=date(2023, 6, 30), value=80, progress="按计划推进",
                           problems="资金偏紧", evidence=[SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff data")])
    return World(plan, industry, labour, target, other_target, report, office, reporter, other_reporter, leader,
                 stranger)


@pytest.fixture
def demo(db: None) -> Plan:
    from luoshi.core.services.demo import load_demo

    load_demo(password=PASSWORD)
    return Plan.objects.get(government__name="博山区", year=2023)


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
