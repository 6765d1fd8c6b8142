"""The target page: the office's edit with its conflict check, the change history."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from luoshi.core.models import LogEntry, Target, User

from .conftest import PASSWORD, World


def _form(page) -> dict[str, Any]:
    """The edit form as the browser sends it back unchanged."""
    data: dict[str, Any] = {}
    for bf in page.context["form"]:
        value = bf.value()
        if bf.widget_type == "checkbox":
            if value:
                data[bf.html_name] = "on"
        elif value is not None:
            data[bf.html_name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return data


@pytest.fixture
def colleague(world: World) -> User:
    return User.objects.create_user("office2", password=PASSWORD, government=world.plan.government,
                                    role=User.Role.OFFICE)


@pytest.mark.django_db
def test_edit_saves_and_shows_in_history(client, world: World) -> None:
    client.force_login(world.office)
    url = reverse("web:target", args=[world.target.pk])
    page = client.get(url)
    assert page.context["form"]["version"].value() == 1
    data = _form(page) | {"low": "180", "unit": "家"}
    response = client.post(url, data)
    assert response.status_code == 302
    t = Target.objects.get(pk=world.target.pk)
    assert (t.low, t.high, t.unit, t.version, t.edited) == (180, 180, "家", 2, True)
    page = client.get(url)
    change = page.context["changes"][0]
    assert change.who == "ts-office"
    assert ("160", "180") in [(old, new) for _name, old, new in change.fields]
    assert ("个", "家") in [(old, new) for _name, old, new in change.fields]
    assert "<del>个</del> → 家" in page.content.decode()


@pytest.mark.django_db
def test_bad_input_saves_nothing(client, world: World) -> None:
    client.force_login(world.office)
    url = reverse("web:target", args=[world.target.pk])
    data = _form(client.get(url))
    for field, value in (("low", "abc"), ("deadline", "2022-06-30"), ("weight", "0"), ("high", "100")):
        response = client.post(url, data | {field: value})
        assert response.status_code == 200 and response.context["form"].errors, field
    assert Target.objects.get(pk=world.target.pk).version == 1


@pytest.mark.django_db
def test_conflict(client, world: World, colleague: User) -> None:
    """Two office admins open the same target; the second save is refused, the first kept,
    and the refused input stays in the form."""
    url = reverse("web:target", args=[world.target.pk])
    client.force_login(world.office)
    mine = _form(client.get(url))
    other = client.__class__()
    other.force_login(colleague)
    theirs = _form(other.get(url))
    assert other.post(url, theirs | {"low": "200"}).status_code == 302

    response = client.post(url, mine | {"metric": "重点技术改造项目", "low": "170"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "someone else" in html or "其他人" in html
    form = response.context["form"]
    assert form["metric"].value() == "重点技术改造项目" and form["low"].value() == "170"
    t = Target.objects.get(pk=world.target.pk)
    assert (t.metric, t.low, t.version) == ("重点技改项目", 200, 2)
    # the history holds the saved change by the colleague
    assert [h.history_user for h in t.history.filter(history_type="~")] == [colleague]
    # saving again, knowingly, replaces the colleague's values
    assert client.post(url, {**mine, "version": str(form["version"].value()),
                             "metric": "重点技术改造项目", "low": "170"}).status_code == 302
    t.refresh_from_db()
    assert (t.metric, t.low, t.version) == ("重点技术改造项目", 170, 3)


@pytest.mark.django_db
def test_conflict_is_logged(client, world: World, colleague: User) -> None:
    url = reverse("web:target", args=[world.target.pk])
    client.force_login(world.office)
    mine = _form(client.get(url))
    other = client.__class__()
    other.force_login(colleague)
    other.post(url, _form(other.get(url)) | {"low": "200"})
    client.post(url, mine | {"low": "170"})
    entry = LogEntry.objects.get(target=world.target)
    assert (entry.action, entry.user, entry.data["loaded_version"]) == ("target.update.conflict", world.office, 1)
    page = client.get(url)
    assert page.context["log"] and "170" in page.content.decode()


@pytest.mark.django_db
def test_reporter_and_leader_see_no_form(client, world: World) -> None:
    url = reverse("web:target", args=[world.target.pk])
    for user in (world.reporter, world.leader):
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200 and page.context["form"] is None
        assert "photo.jpg" in page.content.decode()  # the evidence link


@pytest.mark.django_db
def test_history_chart_plots_accepted_values(client, world: World) -> None:
    from luoshi.core.services.progress import review_report

    review_report(world.report, user=world.office, accept=True)
    client.force_login(world.leader)
    page = client.get(reverse("web:target", args=[world.target.pk]))
    chart = str(page.context["chart"])
    assert chart.startswith("<svg") and "2023-06-30: 80个" in chart and "<circle" in chart
