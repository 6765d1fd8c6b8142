"""The dashboard: the as-of date, the counts by status, the charts, the home page."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from luoshi.core import status as S
from luoshi.core.models import Node, Plan, User
from luoshi.core.services.progress import review_report

from .conftest import World


@pytest.mark.parametrize("given,expected", [
    ("2023-06-30", date(2023, 6, 30)),
    ("2023-01-01", date(2023, 1, 1)),
    ("2031-05-01", date(2023, 12, 31)),  # after the plan year: its last day
    ("2019-05-01", date(2023, 1, 1)),  # before: its first day
], ids=["inside", "first-day", "after-the-year", "before-the-year"])
@pytest.mark.django_db
def test_as_of_parameter(client, world: World, given: str, expected: date) -> None:
    client.force_login(world.leader)
    page = client.get(reverse("web:dashboard", args=[world.plan.pk]), {"as_of": given})
    assert page.status_code == 200
    assert page.context["as_of"] == page.context["status"].as_of == expected
    assert f'value="{expected.isoformat()}"' in page.content.decode()


@pytest.mark.django_db
def test_as_of_defaults_to_today_inside_the_year(client, world: World) -> None:
    client.force_login(world.leader)
    today = timezone.localdate()
    expected = min(max(today, date(2023, 1, 1)), date(2023, 12, 31))
    assert client.get(reverse("web:dashboard", args=[world.plan.pk])).context["as_of"] == expected
    page = client.get(reverse("web:dashboard", args=[world.plan.pk]), {"as_of": "30/06/2023"})
    assert page.status_code == 200 and page.context["as_of"] == expected
    assert [m.level_tag for m in page.context["messages"]] == ["warning"]


@pytest.mark.django_db
def test_reports_after_the_as_of_date_do_not_count(client, world: World) -> None:
    review_report(world.report, user=world.office, accept=True)  # 80 of 160 as of 2023-06-30
    client.force_login(world.leader)
    url = reverse("web:dashboard", args=[world.plan.pk])
    before = client.get(url, {"as_of": "2023-05-31"}).context["status"]
    after = client.get(url, {"as_of": "2023-07-31"}).context["status"]
    assert before.counts == {S.NOT_REPORTED: 2}
    # 50 % done, 57 % of the year gone: behind schedule
    assert after.counts == {S.BEHIND: 1, S.NOT_REPORTED: 1}
    assert [r.target for r in after.lagging] == [world.target]


@pytest.mark.django_db
def test_dashboard_shows_counts_charts_and_lists(client, demo: Plan) -> None:
    client.force_login(User.objects.get(username="leader"))
    page = client.get(reverse("web:dashboard", args=[demo.pk]), {"as_of": "2023-09-30"})
    html = page.content.decode()
    status = page.context["status"]
    assert len(status.rows) == 76
    assert sum(n for _s, n, _p in page.context["summary"]) == 76
    areas, departments = status.by_area, status.by_department
    assert html.count('<svg class="stack"') == len(areas) + len(departments) and "<script" not in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for s in S.STATUSES:  # every light has its words
        assert f"light-{S.LIGHTS[s]}" in html
    assert page.context["lagging"] == status.lagging and page.context["overdue"] == status.overdue
    assert "/departments/" in str(page.context["department_chart"])


@pytest.mark.django_db
def test_home_lists_the_plans_of_the_users_government(client, world: World, demo: Plan) -> None:
    client.force_login(world.office)
    page = client.get(reverse("web:home"))
    assert [r["plan"] for r in page.context["rows"]] == [world.plan]
    assert reverse("web:import") in page.content.decode()
    assert reverse("web:dashboard", args=[world.plan.pk]) in page.content.decode()
    client.force_login(User.objects.get(username="admin"))  # a superuser sees every government
    page = client.get(reverse("web:home"))
    assert {r["plan"] for r in page.context["rows"]} == {world.plan, demo}
    client.force_login(world.reporter)  # a reporter: the department's targets, no dashboard link
    page = client.get(reverse("web:home"))
    assert page.status_code == 200, page
    assert page.context["rows"][0]["total"] == 1
    assert reverse("web:dashboard", args=[world.plan.pk]) not in page.content.decode()


@pytest.mark.django_db
def test_tree_lists_every_target_under_its_task(client, demo: Plan) -> None:
    client.force_login(User.objects.get(username="admin"))
    page = client.get(reverse("web:tree", args=[demo.pk]))
    rows = page.context["rows"]
    assert sum(1 for r in rows if r["kind"] == "target") == 76
    kinds = [r["node"].kind for r in rows if r["kind"] == "node"]
    for kind in ("area", "task"):
        assert kinds.count(kind) == Node.objects.filter(plan=demo, kind=kind).count() > 5
    first_task = next(i for i, r in enumerate(rows) if r["kind"] == "node" and r["node"].kind == "task")
    assert rows[first_task + 1]["kind"] == "target" and rows[first_task + 1]["depth"] == 2
    assert 'name="targets"' in page.content.decode()  # the office's checkboxes
    client.force_login(User.objects.get(username="leader"))
    assert 'name="targets"' not in client.get(reverse("web:tree", args=[demo.pk])).content.decode()
