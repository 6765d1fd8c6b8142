"""The API × every role: the status each endpoint answers (as tests/web/test_permissions.py
for the pages), token authentication, and reporting progress through the API."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from luoshi.api.models import ApiToken, hash_key
from luoshi.core.models import ProgressReport

from .conftest import ROLES, World, bearer

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    id: str
    method: str
    url: Callable[[World], str]
    codes: tuple[int, int, int, int, int]  # office, reporter, other_reporter, leader, stranger
    body: Callable[[World], dict[str, Any]] | None = None


def _report(w: World) -> dict[str, Any]:
    return {"as_of": "2023-07-31", "value": 90, "progress": "进展顺利"}


CASES = [
    Case("plans", "get", lambda w: "/api/plans", (200, 403, 403, 200, 200)),
    Case("plan", "get", lambda w: f"/api/plans/{w.plan.pk}", (200, 403, 403, 200, 404)),
    Case("tree", "get", lambda w: f"/api/plans/{w.plan.pk}/tree", (200, 403, 403, 200, 404)),
    Case("plan-targets", "get", lambda w: f"/api/plans/{w.plan.pk}/targets", (200, 403, 403, 200, 404)),
    Case("target", "get", lambda w: f"/api/targets/{w.target.pk}", (200, 200, 403, 200, 404)),
    Case("target-of-other-department", "get", lambda w: f"/api/targets/{w.other_target.pk}",
         (200, 403, 200, 200, 404)),
    Case("departments", "get", lambda w: "/api/departments", (200, 200, 200, 200, 200)),
    Case("department-targets", "get", lambda w: f"/api/departments/{w.industry.pk}/targets",
         (200, 200, 403, 200, 404)),
    Case("reports", "get", lambda w: f"/api/targets/{w.target.pk}/reports", (200, 200, 403, 200, 404)),
    Case("report", "post", lambda w: f"/api/targets/{w.target.pk}/reports", (201, 201, 403, 403, 404), _report),
    Case("review", "post", lambda w: f"/api/reports/{w.report.pk}/review", (200, 403, 403, 403, 404),
         lambda w: {"action": "accept"}),
    Case("missing-plan", "get", lambda w: "/api/plans/999999", (404, 404, 404, 404, 404)),
    Case("missing-report", "post", lambda w: "/api/reports/999999/review", (404, 404, 404, 404, 404),
         lambda w: {"action": "accept"}),
    Case("missing-target", "get", lambda w: "/api/targets/999999", (404, 404, 404, 404, 404)),
]


def _call(client, case: Case, world: World, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    if case.method == "get":
        return client.get(case.url(world), **headers)
    return client.post(case.url(world), json.dumps(case.body(world) if case.body else {}),
                       content_type="application/json", **headers)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_permission(client, world: World, tokens: dict[str, str], case: Case, role: str) -> None:
    response = _call(client, case, world, bearer(tokens[role]))
    expected = case.codes[ROLES.index(role)]
    assert response.status_code == expected, (case.id, role, response.content[:500])
    if expected >= 400:
        assert isinstance(response.json()["detail"], str)


@pytest.mark.parametrize("headers", [{}, bearer("ls_not-a-token"), {"HTTP_AUTHORIZATION": "Token abc"},
                                     {"HTTP_AUTHORIZATION": "Bearer "}], ids=["none", "invalid", "scheme", "empty"])
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_unauthenticated(client, world: World, case: Case, headers: dict[str, str]) -> None:
    response = _call(client, case, world, headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_session_is_not_enough(client, world: World) -> None:
    """A logged-in browser session does not authenticate the API (no CSRF exposure)."""
    client.force_login(world.office)
    assert client.get("/api/plans").status_code == 401
    response = client.post(f"/api/targets/{world.target.pk}/reports", json.dumps(_report(world)),
                           content_type="application/json")
    assert response.status_code == 401


def test_inactive_user_is_refused(client, world: World, tokens: dict[str, str]) -> None:
    world.office.is_active = False
    world.office.save()
    assert client.get("/api/plans", **bearer(tokens["office"])).status_code == 401


def test_refused_writes_change_nothing(client, world: World, tokens: dict[str, str]) -> None:
    """No token, a wrong token, another department's reporter, a leader, another government."""
    before = list(ProgressReport.objects.values_list("pk", flat=True))
    for headers in ({}, bearer("wrong"), bearer(tokens["other_reporter"]), bearer(tokens["leader"]),
                    bearer(tokens["stranger"])):
        response = client.post(f"/api/targets/{world.target.pk}/reports", json.dumps(_report(world)),
                               content_type="application/json", **headers)
        assert response.status_code in (401, 403, 404)
    assert list(ProgressReport.objects.values_list("pk", flat=True)) == before


def test_reporter_cannot_report_on_another_department(client, world: World, tokens: dict[str, str]) -> None:
    response = client.post(f"/api/targets/{world.other_target.pk}/reports", json.dumps(_report(world)),
                           content_type="application/json", **bearer(tokens["reporter"]))
    assert response.status_code == 403
    assert not ProgressReport.objects.filter(target=world.other_target).exists()


def test_post_report_creates_a_report(client, world: World, tokens: dict[str, str]) -> None:
    response = client.post(f"/api/targets/{world.target.pk}/reports",
                           json.dumps({"as_of": "2023-08-31", "value": 120.5, "progress": "新开工", "problems": "无",
                                       "next_steps": "加快进度"}),
                           content_type="application/json", **bearer(tokens["reporter"]))
    assert response.status_code == 201, response.content
    data = response.json()
    report = ProgressReport.objects.get(pk=data["id"])
    assert (report.reporter, report.department, str(report.as_of), float(report.value)) == (
        world.reporter, world.industry, "2023-08-31", 120.5)
    assert report.status == "submitted" and report.next_steps == "加快进度"
    assert data["department"] == {"id": world.industry.pk, "name": "工业和信息化局"}
    assert data["reporter"] == "ts-gongxin" and data["value"] == 120.5 and data["as_of"] == "2023-08-31"
    listed = client.get(f"/api/targets/{world.target.pk}/reports", **bearer(tokens["leader"])).json()
    assert [r["id"] for r in listed][0] == report.pk and len(listed) == 2


@pytest.mark.parametrize("body, message", [
    ({"as_of": "2022-12-31", "value": 1}, "outside the plan period"),
    ({"as_of": (timezone.localdate() + timedelta(days=400)).isoformat(), "value": 1}, ""),
    ({"as_of": "2023-06-30"}, "a figure is required"),
    ({"as_of": "2023-06-30", "value": 1e30}, "out of range"),
    ({"as_of": "not a date", "value": 1}, "as_of"),
    ({"value": 1}, "as_of"),
    ({"as_of": "2023-06-30", "value": "abc"}, "value"),
    ({"as_of": "2023-06-30", "value": 1, "progress": "a\x00b"}, "NUL"),
], ids=["before-year", "future", "no-value", "huge", "bad-date", "no-date", "bad-value", "nul"])
def test_report_validation_is_422(client, world: World, tokens: dict[str, str], body: dict[str, Any],
                                  message: str) -> None:
    before = ProgressReport.objects.count()
    response = client.post(f"/api/targets/{world.target.pk}/reports", json.dumps(body),
                           content_type="application/json", **bearer(tokens["office"]))
    assert response.status_code == 422, response.content
    assert message in response.json()["detail"]
    assert ProgressReport.objects.count() == before


def test_plan_counts_and_as_of(client, world: World, tokens: dict[str, str]) -> None:
    h = bearer(tokens["office"])
    data = client.get(f"/api/plans/{world.plan.pk}?as_of=2030-05-01", **h).json()
    assert data["as_of"] == "2023-12-31"  # kept inside the plan year, like the dashboard
    assert data["targets"] == 2 and sum(data["counts"].values()) == 2
    assert client.get(f"/api/plans/{world.plan.pk}?as_of=nonsense", **h).status_code == 422
    plans = client.get("/api/plans", **bearer(tokens["stranger"])).json()
    assert world.plan.pk not in [p["id"] for p in plans]


def test_tree_and_targets(client, world: World, tokens: dict[str, str]) -> None:
    h = bearer(tokens["leader"])
    tree = client.get(f"/api/plans/{world.plan.pk}/tree", **h).json()
    assert [n["title"] for n in tree["nodes"]] == ["聚焦产业振兴", "聚焦群众满意"]
    task = tree["nodes"][0]["children"][0]
    assert task["title"] == "全面提升传统产业" and task["target_ids"] == [world.target.pk]
    targets = client.get(f"/api/plans/{world.plan.pk}/targets", **h).json()
    first = targets[0]
    assert first["id"] == world.target.pk and first["lead"] == [{"id": world.industry.pk, "name": "工业和信息化局"}]
    assert first["low"] == 160 and first["deadline"] == "2023-12-31"
    mine = client.get(f"/api/departments/{world.industry.pk}/targets", **bearer(tokens["reporter"])).json()
    assert [t["id"] for t in mine] == [world.target.pk]
    names = {d["name"] for d in client.get("/api/departments", **h).json()}
    assert names == {"工业和信息化局", "人力资源和社会保障局"}
    assert client.get("/api/departments", **bearer(tokens["stranger"])).json() == []


def test_token_command_and_storage(client, world: World) -> None:
    out = StringIO()
    call_command("api_token", world.leader.username, "--name", "dashboard", stdout=out)
    raw = out.getvalue().strip()
    token = ApiToken.objects.get(user=world.leader, name="dashboard")
    assert token.key_hash == hash_key(raw) and raw not in (token.key_hash, token.prefix)
    assert token.prefix == raw[:8] and token.last_used is None
    assert client.get("/api/plans", **bearer(raw)).status_code == 200
    token.refresh_from_db()
    assert token.last_used is not None
    token.delete()
    assert client.get("/api/plans", **bearer(raw)).status_code == 401
    with pytest.raises(CommandError):
        call_command("api_token", "nobody-here", stdout=StringIO())


def test_openapi_document(client, db: None) -> None:
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "luoshi"
    for path in ("/api/plans", "/api/plans/{plan_id}", "/api/plans/{plan_id}/tree", "/api/plans/{plan_id}/targets",
                 "/api/targets/{target_id}", "/api/targets/{target_id}/reports", "/api/departments",
                 "/api/departments/{department_id}/targets"):
        for op in schema["paths"][path].values():
            assert {"400", "401", "403", "404", "422"} <= set(op["responses"]), path
            assert op["security"] == [{"TokenAuth": []}]
    assert client.get("/api/docs").status_code == 404  # no page that would load scripts from a CDN


def test_docs_list_every_endpoint(client, db: None) -> None:
    """The API page's endpoint table and the OpenAPI document name the same operations."""
    table = (Path(__file__).parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    listed = set()
    for method, paths in re.findall(r"^\| `(GET|POST) ([^|]*)\|", table, re.M):
        for path in re.findall(r"`?(/api/[^`?\[]+)", "`" + paths):
            listed.add((method.lower(), re.sub(r"\bID\b", "{}", path.strip())))
    schema = client.get("/api/openapi.json").json()
    served = {(method, re.sub(r"\{\w+\}", "{}", path)) for path, ops in schema["paths"].items() for method in ops}
    assert listed == served


@dataclass(frozen=True)
class Review:
    id: str
    body: dict[str, Any]
    code: int
    status: str  # of the report afterwards
    detail: str = ""  # in the refusal


REVIEWS = [
    Review("accept", {"action": "accept"}, 200, "accepted"),
    Review("return-with-reason", {"action": "return", "reason": "缺少佐证材料"}, 200, "returned"),
    Review("return-without-reason", {"action": "return"}, 422, "submitted", "reason"),
    Review("return-blank-reason", {"action": "return", "reason": "   "}, 422, "submitted", "reason"),
    Review("unknown-action", {"action": "approve"}, 422, "submitted", "action"),
    Review("nul-in-reason", {"action": "return", "reason": "a\u0000b"}, 422, "submitted", "NUL"),
]


@pytest.mark.parametrize("case", REVIEWS, ids=[r.id for r in REVIEWS])
def test_review_a_report(client, world: World, tokens: dict[str, str], case: Review) -> None:
    response = client.post(f"/api/reports/{world.report.pk}/review", json.dumps(case.body),
                           content_type="application/json", **bearer(tokens["office"]))
    assert response.status_code == case.code, response.content
    world.report.refresh_from_db()
    assert world.report.status == case.status
    if case.code == 200:
        body = response.json()
        assert (body["id"], body["status"], body["reason"]) == (world.report.pk, case.status,
                                                                  case.body.get("reason", ""))
        assert world.report.reviewer == world.office
    else:
        assert case.detail in response.json()["detail"]


def test_a_report_is_reviewed_once(client, world: World, tokens: dict[str, str]) -> None:
    url = f"/api/reports/{world.report.pk}/review"
    first = client.post(url, json.dumps({"action": "accept"}), content_type="application/json",
                        **bearer(tokens["office"]))
    assert first.status_code == 200
    again = client.post(url, json.dumps({"action": "return", "reason": "再看看"}), content_type="application/json",
                        **bearer(tokens["office"]))
    assert again.status_code == 409 and "already" in again.json()["detail"]
    world.report.refresh_from_db()
    assert world.report.status == "accepted"
    # the accepted figure now counts in the target's status
    target = client.get(f"/api/targets/{world.target.pk}?as_of={world.report.as_of}", **bearer(tokens["office"]))
    assert target.json()["value"] == float(world.report.value)
