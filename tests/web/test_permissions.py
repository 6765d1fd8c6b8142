"""Every page and action × every role: the status code each one gets (pretix's
tests/control/test_permissions.py, in small).

Roles: anonymous (always sent to the login page), the office admin, a reporter of the
department assigned to the target, a reporter of another department, a leader, and the office
admin of another government (who must not learn that the objects exist: 404)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from .conftest import World

ROLES = ("anonymous", "office", "reporter", "other_reporter", "leader", "stranger")


@dataclass(frozen=True)
class Case:
    id: str
    method: str
    url: Callable[[World], str]
    codes: tuple[int, int, int, int, int]  # office, reporter, other_reporter, leader, stranger
    data: Callable[[World], dict[str, Any]] | None = None


def _report_data(w: World) -> dict[str, Any]:
    p = f"t{w.target.pk}-"
    return {"target": w.target.pk, p + "as_of": "2023-07-31", p + "value": "90", p + "progress": "进展顺利"}


def _edit_data(w: World) -> dict[str, Any]:
    t = w.target
    return {"version": t.version, "metric": t.metric, "low": "160", "high": "", "unit": "个", "comparator": ">=",
            "deadline": "2023-12-31", "baseline": "", "weight": "1"}


CASES = [
    Case("home", "get", lambda w: reverse("web:home"), (200, 200, 200, 200, 200)),
    Case("me", "get", lambda w: reverse("web:me"), (302, 302, 302, 302, 302)),
    Case("import", "get", lambda w: reverse("web:import"), (200, 403, 403, 403, 200)),
    Case("import-preview-unknown", "get", lambda w: reverse("web:import_preview", args=["abc"]),
         (404, 403, 403, 403, 404)),
    Case("dashboard", "get", lambda w: reverse("web:dashboard", args=[w.plan.pk]), (200, 403, 403, 200, 404)),
    Case("tree", "get", lambda w: reverse("web:tree", args=[w.plan.pk]), (200, 403, 403, 200, 404)),
    Case("dashboard-of-no-plan", "get", lambda w: reverse("web:dashboard", args=[10**30]),
         (404, 404, 404, 404, 404)),
    Case("assign", "post", lambda w: reverse("web:assign", args=[w.plan.pk]), (302, 403, 403, 403, 404),
         lambda w: {"department": w.industry.pk, "role": "support", "targets": [w.other_target.pk]}),
    Case("suggest", "post", lambda w: reverse("web:suggest", args=[w.plan.pk]), (302, 403, 403, 403, 404),
         lambda w: {}),
    Case("target", "get", lambda w: reverse("web:target", args=[w.target.pk]), (200, 200, 403, 200, 404)),
    Case("target-of-other-department", "get", lambda w: reverse("web:target", args=[w.other_target.pk]),
         (200, 403, 200, 200, 404)),
    Case("target-edit", "post", lambda w: reverse("web:target", args=[w.target.pk]), (302, 403, 403, 403, 404),
         _edit_data),
    Case("department", "get", lambda w: reverse("web:department", args=[w.industry.pk]),
         (200, 200, 403, 200, 404)),
    Case("report", "post", lambda w: reverse("web:department", args=[w.industry.pk]), (302, 302, 403, 403, 404),
         _report_data),
    Case("report-on-no-target", "post", lambda w: reverse("web:department", args=[w.industry.pk]),
         (404, 404, 403, 404, 404), lambda w: {"target": str(2**63)}),
    Case("reviews", "get", lambda w: reverse("web:reviews"), (200, 403, 403, 200, 200)),
    Case("review", "post", lambda w: reverse("web:review", args=[w.report.pk]), (302, 403, 403, 403, 404),
         lambda w: {"action": "accept"}),
    Case("evidence", "get", lambda w: reverse("web:evidence", args=[w.report.evidence.get().pk]),
         (200, 200, 403, 200, 404)),
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_permission(client, world: World, case: Case, role: str) -> None:
    if role != "anonymous":
        client.force_login(getattr(world, role))
    url = case.url(world)
    if case.method == "get":
        response = client.get(url)
    else:
        response = client.post(url, case.data(world) if case.data else {})
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        return
    expected = case.codes[ROLES.index(role) - 1]
    assert response.status_code == expected, (case.id, role, response.content[:500])


@pytest.mark.django_db
def test_refused_writes_change_nothing(client, world: World) -> None:
    """A reporter of another department and a leader post everything; nothing is written."""
    from luoshi.core.models import Assignment, ProgressReport, Target

    before = (Assignment.objects.count(), ProgressReport.objects.count(),
              list(Target.objects.values_list("version", flat=True)), world.report.status)
    for who in (world.other_reporter, world.leader, world.stranger):
        client.force_login(who)
        for case in CASES:
            if case.method == "post":
                client.post(case.url(world), case.data(world) if case.data else {})
    world.report.refresh_from_db()
    after = (Assignment.objects.count(), ProgressReport.objects.count(),
             list(Target.objects.values_list("version", flat=True)), world.report.status)
    assert after == before


@pytest.mark.django_db
def test_leader_pages_have_no_forms(client, world: World) -> None:
    """A leader reads every page of the government; none offers a form that changes data."""
    import re

    client.force_login(world.leader)
    allowed = {reverse("logout"), reverse("set_language")}
    for url in (reverse("web:home"), reverse("web:dashboard", args=[world.plan.pk]),
                reverse("web:tree", args=[world.plan.pk]), reverse("web:target", args=[world.target.pk]),
                reverse("web:department", args=[world.industry.pk]), reverse("web:reviews")):
        html = client.get(url).content.decode()
        forms = re.findall(r'<form\b[^>]*\bmethod="post"[^>]*>', html)
        actions = {(re.search(r'action="([^"]*)"', f) or re.search("()", f)).group(1) for f in forms}
        assert actions <= allowed, (url, actions)
        assert 'type="checkbox"' not in html and "<textarea" not in html, url
