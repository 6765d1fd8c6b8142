"""Bulk assignment of departments on the plan tree, and the suggestion of lead departments."""

from __future__ import annotations

import pytest
from django.urls import reverse

from luoshi.core.models import Assignment, Node, Plan, Target, User
from luoshi.core.services.assignment import departments_of

from .conftest import World


@pytest.mark.django_db
def test_bulk_assign_nodes_and_targets(client, world: World) -> None:
    client.force_login(world.office)
    area = Node.objects.get(plan=world.plan, title="聚焦群众满意")
    task = Node.objects.get(plan=world.plan, title="全面提升传统产业")
    response = client.post(reverse("web:assign", args=[world.plan.pk]), {
        "department": world.industry.pk, "role": "support", "nodes": [area.pk, task.pk],
        "targets": [world.other_target.pk],
    }, follow=True)
    assert response.status_code == 200
    assert Assignment.objects.filter(department=world.industry, role="support").count() == 3
    assert world.industry in departments_of(world.other_target)["support"]
    assert "3" in str(list(response.context["messages"])[0])
    # the tree shows the node's departments (its body as cached when the redirect showed it)
    page = client.get(reverse("web:tree", args=[world.plan.pk]))
    row = next(r for r in page.content.decode().split("<tr") if 'class="node' in r and area.title in r)
    assert f">{world.industry.name}</a>" in row


@pytest.mark.django_db
def test_new_lead_replaces_old_and_remove(client, world: World) -> None:
    client.force_login(world.office)
    url = reverse("web:assign", args=[world.plan.pk])
    client.post(url, {"department": world.labour.pk, "role": "lead", "targets": [world.target.pk]})
    assert departments_of(world.target)["lead"] == [world.labour]
    client.post(url, {"department": world.labour.pk, "role": "remove", "targets": [world.target.pk]})
    assert departments_of(world.target)["lead"] == []


@pytest.mark.django_db
def test_nothing_ticked_is_an_error(client, world: World) -> None:
    client.force_login(world.office)
    before = Assignment.objects.count()
    response = client.post(reverse("web:assign", args=[world.plan.pk]),
                           {"department": world.industry.pk, "role": "lead"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Assignment.objects.count() == before


@pytest.mark.django_db
def test_items_of_another_plan_are_refused(client, world: World, demo: Plan) -> None:
    """A target id of another plan (even of another government) is not a choice."""
    client.force_login(world.office)
    foreign = Target.objects.filter(plan=demo).first()
    before = Assignment.objects.count()
    response = client.post(reverse("web:assign", args=[world.plan.pk]), {
        "department": world.industry.pk, "role": "lead", "targets": [foreign.pk]}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Assignment.objects.count() == before


@pytest.mark.django_db
def test_department_of_another_government_is_refused(client, world: World, demo: Plan) -> None:
    client.force_login(world.office)
    foreign = demo.government.departments.first()
    before = Assignment.objects.count()
    client.post(reverse("web:assign", args=[world.plan.pk]), {
        "department": foreign.pk, "role": "lead", "targets": [world.target.pk]})
    assert Assignment.objects.count() == before


@pytest.mark.django_db
def test_suggest_lead_departments(client, demo: Plan) -> None:
    Assignment.objects.filter(target__plan=demo).delete()
    office = User.objects.get(username="admin")
    client.force_login(office)
    response = client.post(reverse("web:suggest", args=[demo.pk]), follow=True)
    assert response.status_code == 200
    made = Assignment.objects.filter(target__plan=demo, role="lead").count()
    assert made > 40
    assert str(made) in str(list(response.context["messages"])[0])
