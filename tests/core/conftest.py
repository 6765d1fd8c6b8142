"""Fixtures of the domain's tests: the bundled 博山区 plan, small plans built from rows, and
the people of a government (office, reporters of two departments, a leader)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from luoshi.core.models import Department, Government, Plan, User
from luoshi.core.services.assignment import create_default_departments
from luoshi.core.services.imports import import_plan

BOSHAN = "luoshi/examples/boshan_2023.txt"
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Hashing a password the production way takes a third of a second; tests make many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def engine_plan() -> Any:
    """The engine's reading of the bundled report (extracted once per session)."""
    from luoshi.extract import extract_file

    return extract_file(BOSHAN, year=2023)


def node(kind: str, title: str, *children: dict[str, Any]) -> dict[str, Any]:
    return {"kind": kind, "title": title, "number": "", "role": "", "span": [0, 0], "children": list(children)}


def row(metric: str, low: Any, *, path: tuple[str, ...] = ("A1", "T1"), **fields: Any) -> dict[str, Any]:
    """A target row as the engine gives it (or the office edits it)."""
    return {"metric": metric, "low": low, "high": fields.pop("high", low), "unit": fields.pop("unit", "个"),
            "comparator": fields.pop("comparator", ">="), "deadline": fields.pop("deadline", ""),
            "path": list(path), "text": fields.pop("text", f"{metric}{low}"), **fields}


# A small plan: two areas; A1 has tasks T1 and T2, A2 has task T3.
SMALL_TREE = [
    node("area", "A1", node("task", "T1", node("measure", "m1")), node("task", "T2")),
    node("area", "A2", node("task", "T3")),
]
SMALL_TARGETS = [
    row("t1-a", 100, path=("A1", "T1")),
    row("t1-b", 10, path=("A1", "T1"), unit="%"),
    row("t2-a", 50, path=("A1", "T2")),
    row("t3-a", 8, path=("A2", "T3")),
]


def small_plan(government: str = "测试区", year: int = 2023, *, targets: list[dict[str, Any]] | None = None,
               tree: list[dict[str, Any]] | None = None, **kwargs: Any) -> Plan:
    engine = {"meta": {"government": government, "level": "county", "year": year},
              "tree": SMALL_TREE if tree is None else tree,
              "targets": SMALL_TARGETS if targets is None else targets}
    return import_plan(engine, government=government, year=year, **kwargs)


@dataclass
class People:
    government: Government
    departments: dict[str, Department]
    office: User
    reporter: User  # 工业和信息化局
    other_reporter: User  # 教育和体育局
    leader: User
    stranger: User  # the office of another government


def people_of(government: Government) -> People:
    depts = {d.name: d for d in create_default_departments(government)}
    other_gov, _ = Government.objects.get_or_create(name="别的县")

    def user(name: str, role: str, **fields: Any) -> User:
        return User.objects.create_user(name, password=PASSWORD, role=role, **fields)

    return People(
        government=government, departments=depts,
        office=user("office", User.Role.OFFICE, government=government),
        reporter=user("gongxin", User.Role.REPORTER, government=government, department=depts["工业和信息化局"]),
        other_reporter=user("jiaoti", User.Role.REPORTER, government=government, department=depts["教育和体育局"]),
        leader=user("leader", User.Role.LEADER, government=government),
        stranger=user("stranger", User.Role.OFFICE, government=other_gov),
    )


@pytest.fixture
def plan(db: None) -> Plan:
    return small_plan()


@pytest.fixture
def people(plan: Plan) -> People:
    return people_of(plan.government)
