"""Cached page bodies (luoshi.web.bodies) are keyed by the plan's revision: every change to
what a page shows raises it, so a body is served again only while nothing it shows changed."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi.core.models import Assignment, Evidence, Node, Plan, User
from luoshi.core.services import save_as
from luoshi.core.services.assignment import assign, unassign
from luoshi.core.services.progress import review_report, submit_report, update_target
from luoshi.web.bodies import CSRF_MARK

from .conftest import World


def _rename(obj: object, field: str = "name") -> None:
    setattr(obj, field, getattr(obj, field) + "（新）")
    obj.save()  # type: ignore[attr-defined]


CHANGES: list[tuple[str, Callable[[World], object]]] = [
    ("target-edited", lambda w: update_target(w.target, user=w.office, version=w.target.version,
                                              changes={"metric": "新增就业岗位"})),
    ("node-renamed", lambda w: _rename(Node.objects.filter(plan=w.plan).first(), "title")),
    ("assigned", lambda w: assign(w.plan, department=w.labour, role=Assignment.Role.SUPPORT, targets=[w.target],
                                  user=w.office)),
    ("unassigned", lambda w: unassign(w.plan, department=w.industry, targets=[w.target], user=w.office)),
    ("report-submitted", lambda w: submit_report(w.other_target, user=w.other_reporter, as_of=date(2023, 5, 31),
                                                 value=3, progress="推进中")),
    ("report-accepted", lambda w: review_report(w.report, user=w.office, accept=True)),
    ("report-returned", lambda w: review_report(w.report, user=w.office, accept=False, reason="数据不全")),
    ("evidence-added", lambda w: Evidence.objects.create(report=w.report, name="b.pdf", size=3,
                                                         file=SimpleUploadedFile("b.pdf", b"%PD"))),
    ("evidence-removed", lambda w: w.report.evidence.first().delete()),
    ("department-renamed", lambda w: _rename(w.industry)),
    ("government-renamed", lambda w: _rename(w.plan.government)),
    ("reporter-renamed", lambda w: _rename(w.reporter, "username")),
    ("plan-retitled", lambda w: save_as(Plan.objects.get(pk=w.plan.pk), w.office)),
]


@pytest.mark.parametrize("change", [c for _, c in CHANGES], ids=[i for i, _ in CHANGES])
@pytest.mark.django_db
def test_each_change_raises_the_revision(world: World, change: Callable[[World], object]) -> None:
    before = Plan.objects.get(pk=world.plan.pk).revision
    change(world)
    assert Plan.objects.get(pk=world.plan.pk).revision > before


@pytest.mark.django_db
def test_a_login_changes_no_revision(client, world: World) -> None:
    from .conftest import PASSWORD

    before = Plan.objects.get(pk=world.plan.pk).revision
    assert client.login(username=world.reporter.username, password=PASSWORD)
    User.objects.get(pk=world.reporter.pk)  # last_login saved
    assert Plan.objects.get(pk=world.plan.pk).revision == before


@pytest.mark.django_db
def test_a_stale_plan_instance_never_sets_the_revision_back(world: World) -> None:
    stale = Plan.objects.get(pk=world.plan.pk)
    review_report(world.report, user=world.office, accept=True)
    raised = Plan.objects.get(pk=world.plan.pk).revision
    stale.title = "改过的标题"
    stale.save()
    fresh = Plan.objects.get(pk=world.plan.pk)
    assert fresh.title == "改过的标题" and fresh.revision > raised


def _bodies(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.name for t in response.templates if t.name.endswith("_body.html")]


def _main(response) -> str:  # type: ignore[no-untyped-def]
    """The page's main part without its CSRF tokens (masked anew for every response)."""
    html = response.content.decode()
    html = html[html.index("<main>"):html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


PAGES = [("dashboard", "web:dashboard", "plan"), ("tree", "web:tree", "plan"),
         ("department", "web:department", "industry")]


@pytest.mark.parametrize(("name", "args"), [(n, a) for _, n, a in PAGES], ids=[i for i, _, _ in PAGES])
@pytest.mark.django_db
def test_a_body_is_rendered_once_until_something_changes(client, world: World, name: str, args: str) -> None:
    client.force_login(world.office)
    url = reverse(name, args=[getattr(world, args).pk]) + ("?as_of=2023-07-01" if args == "plan" else "")
    first = client.get(url)
    assert _bodies(first)  # rendered
    again = client.get(url)
    assert not _bodies(again)  # served from the cache
    assert _main(again) == _main(first)
    review_report(world.report, user=world.office, accept=True)  # the figure 80 now counts
    after = client.get(url)
    assert _bodies(after)  # rendered again
    assert _main(after) != _main(again)


@pytest.mark.django_db
def test_bodies_differ_by_language_and_office(client, world: World) -> None:
    url = reverse("web:tree", args=[world.plan.pk])
    client.force_login(world.office)
    office = client.get(url).content.decode()
    assert 'name="targets"' in office  # the office's tick boxes
    assert CSRF_MARK not in office and 'name="csrfmiddlewaretoken" value="' in office
    client.force_login(world.leader)
    leader = client.get(url).content.decode()
    assert 'name="targets"' not in leader
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "Plan tree" in english and "Plan tree" not in leader


@pytest.mark.django_db
def test_the_csrf_token_of_a_cached_department_page_is_the_readers(world: World) -> None:
    from django.test import Client

    url = reverse("web:department", args=[world.industry.pk])
    tokens = []
    for _ in range(2):  # two reporters' sessions, the second served from the cache
        c = Client(enforce_csrf_checks=True)
        c.force_login(world.reporter)
        page = c.get(url).content.decode()
        assert CSRF_MARK not in page
        token = page.split('name="csrfmiddlewaretoken" value="', 2)[2].split('"', 1)[0]  # a report form's
        response = c.post(url, {"csrfmiddlewaretoken": token, "target": world.target.pk,
                                f"t{world.target.pk}-as_of": "2023-07-31", f"t{world.target.pk}-value": "90"})
        assert response.status_code == 302  # the token was accepted
        tokens.append(token)


@pytest.mark.django_db
def test_a_department_without_plans_shows_its_new_name(client, world: World) -> None:
    from luoshi.core.models import Department

    lonely = Department.objects.create(government=world.stranger.government, name="统计局", order=1)
    client.force_login(world.stranger)
    url = reverse("web:department", args=[lonely.pk])
    assert "<h1>统计局</h1>" in _main(client.get(url))
    _rename(lonely)
    assert "<h1>统计局（新）</h1>" in _main(client.get(url))


@pytest.mark.django_db
def test_a_broken_cache_costs_the_rendering_not_the_page(client, world: World, settings, tmp_path, caplog) -> None:
    not_a_directory = tmp_path / "cache"
    not_a_directory.write_text("a file where the cache directory should be")  # as good as a full disk
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "luoshi.web.bodies.FileCache",
                                                    "LOCATION": str(not_a_directory)}}
    client.force_login(world.office)
    for name in ("web:dashboard", "web:tree"):
        response = client.get(reverse(name, args=[world.plan.pk]))
        assert response.status_code == 200 and _bodies(response)
    assert "page cache unreadable" in caplog.text
