"""The tracker's side-by-side page: a parent's target beside its children's (层层加码)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.test import Client

from luoshi.core.models import Government, User
from luoshi.core.services.imports import import_plan

from .conftest import ENGINE, PASSWORD

pytestmark = pytest.mark.django_db


def _plan(government: str, growth: float, year: int = 2021) -> None:
    engine: dict[str, Any] = copy.deepcopy(ENGINE)
    engine["targets"] = [{**engine["targets"][0], "metric": "地区生产总值增长", "low": growth, "high": growth,
                          "unit": "%", "kind": "percent", "comparator": "~", "deadline": f"{year}-12-31",
                          "indicator": "gdp_growth"}]
    import_plan(engine, government=government, year=year)


@pytest.fixture
def baoding(db: None) -> Government:
    _plan("河北省/保定市", 6.0)
    _plan("河北省/保定市/阜平县", 7.5)
    _plan("河北省/保定市/涞源县", 6.0)
    _plan("河北省/邢台市", 6.5)  # a sibling of 保定市, not its child
    return Government.objects.get(name="保定市")


def _client(user: User) -> Client:
    c = Client()
    c.login(username=user.username, password=PASSWORD)
    return c


def test_parent_beside_children(baoding: Government) -> None:
    office = User.objects.create_user("bd-office", password=PASSWORD, government=baoding, role=User.Role.OFFICE)
    page = _client(office).get("/compare/", {"indicator": "gdp_growth", "year": "2021"})
    assert page.status_code == 200
    pairs = page.context["pairs"]
    assert [(p.government_key, [(c.government, c.gap) for c in cs]) for p, cs in pairs] == [
        ("河北省/保定市", [("涞源县", 0.0), ("阜平县", 1.5)])]
    html = page.content.decode()
    assert "+1.5 个百分点" in html and "邢台市" not in html  # outside the office's reach


def test_a_county_sees_only_itself(baoding: Government) -> None:
    fuping = Government.objects.get(name="阜平县")
    office = User.objects.create_user("fp-office", password=PASSWORD, government=fuping, role=User.Role.OFFICE)
    page = _client(office).get("/compare/")
    assert page.status_code == 200 and page.context["indicator"] == "gdp_growth"
    assert page.context["pairs"] == [] and [k for k, _ in page.context["series"]] == ["河北省/保定市/阜平县"]


@pytest.mark.parametrize(("query", "status"), [
    pytest.param({"indicator": "no_such_code"}, 404, id="unknown-indicator"),
    pytest.param({"indicator": "gdp_growth", "year": "abc"}, 200, id="bad-year-is-every-year"),
])
def test_bad_queries(baoding: Government, query: dict[str, str], status: int) -> None:
    admin = User.objects.create_superuser("root", password=PASSWORD)
    assert _client(admin).get("/compare/", query).status_code == status


def test_reporters_do_not_compare(baoding: Government) -> None:
    reporter = User.objects.create_user("bd-rep", password=PASSWORD, government=baoding, role=User.Role.REPORTER)
    assert _client(reporter).get("/compare/").status_code == 404
