"""Queries built once and run with new parameters (luoshi/core/prepared.py) give the rows the
ORM gives for the same values: ids, decimals, dates and nulls, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.db.models.signals import post_init

from luoshi.core.models import Node, Plan, ProgressReport, Target
from luoshi.core.prepared import A_DAY, AN_ID, Prepared, field_names, instances

from .conftest import small_plan

Build = Callable[..., QuerySet[Any]]

CASES: list[tuple[str, Build, dict[str, object]]] = [
    ("nodes-all-fields", lambda plan: Node.objects.filter(plan_id=plan).order_by("order")
     .values_list(*field_names(Node)), {"plan": AN_ID}),
    ("targets-decimals-dates", lambda plan: Target.objects.filter(plan_id=plan).order_by("order")
     .values_list("id", "low", "high", "weight", "deadline", "baseline"), {"plan": AN_ID}),
    ("reports-before-a-day", lambda plan, day: ProgressReport.objects.filter(target__plan_id=plan, as_of__lte=day)
     .order_by("as_of", "pk").values_list("target_id", "as_of", "value", "problems"), {"plan": AN_ID, "day": A_DAY}),
    ("the-id-twice", lambda plan: Target.objects.filter(plan_id=plan, node__plan_id=plan)
     .values_list("id", flat=False), {"plan": AN_ID}),
]


@pytest.fixture
def plans(db: None) -> list[Plan]:
    made = [small_plan("甲县"), small_plan("乙县", year=2024)]
    for k, plan in enumerate(made):
        for i, t in enumerate(plan.targets.order_by("order")):
            for month in (3, 6, 9):
                ProgressReport.objects.create(target=t, as_of=date(plan.year, month, 1), problems=f"p{i}",
                                              value=None if i == 1 else Decimal(f"{i + k}.25") * month)
    return made


@pytest.mark.parametrize(("build", "marks"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rows_are_the_orms(plans: list[Plan], build: Build, marks: dict[str, object]) -> None:
    query = Prepared(build, **marks)
    for plan in plans:
        for day in (date(plan.year, 5, 31), date(plan.year, 12, 31)):
            values: dict[str, object] = {"plan": plan.id, "day": day}
            values = {k: v for k, v in values.items() if k in marks}
            got = query.rows(**values)
            assert got == list(build(**values))
            assert got  # each case finds something


def test_instances_are_the_querysets(plans: list[Plan]) -> None:
    query = Prepared(lambda plan: Target.objects.filter(plan_id=plan).order_by("order")
                     .values_list(*field_names(Target)), plan=AN_ID)
    for plan in plans:
        made = instances(Target, query.rows(plan=plan.id))
        loaded = list(Target.objects.filter(plan=plan).order_by("order"))
        assert [vars_of(t) for t in made] == [vars_of(t) for t in loaded]
        assert all(not t._state.adding and t._state.db == "default" for t in made)


def test_instances_save_and_reload_as_any(plans: list[Plan]) -> None:
    query = Prepared(lambda plan: Target.objects.filter(plan_id=plan).order_by("order")
                     .values_list(*field_names(Target)), plan=AN_ID)
    first, *_ = instances(Target, query.rows(plan=plans[0].id))
    assert first.plan == plans[0] and first.node.plan_id == plans[0].id  # relations load
    first.metric = "changed"
    first.save()
    assert Target.objects.get(pk=first.pk).metric == "changed"
    assert first.history.count() == 2  # made and changed (django-simple-history)
    first.refresh_from_db()
    assert first.metric == "changed"


def test_instances_go_through_init_when_it_is_listened_to(plans: list[Plan]) -> None:
    seen: list[Target] = []

    def listener(sender: type[Target], instance: Target, **kwargs: Any) -> None:
        seen.append(instance)

    query = Prepared(lambda plan: Target.objects.filter(plan_id=plan).values_list(*field_names(Target)), plan=AN_ID)
    post_init.connect(listener, sender=Target)
    try:
        made = instances(Target, query.rows(plan=plans[0].id))
    finally:
        post_init.disconnect(listener, sender=Target)
    assert seen == made and made


def vars_of(t: Target) -> dict[str, Any]:
    return {f: getattr(t, f) for f in field_names(Target)}


def test_a_marker_not_among_the_parameters_is_an_error(db: None) -> None:
    query = Prepared(lambda plan, day: Node.objects.filter(plan_id=plan).values_list("id"), plan=AN_ID, day=A_DAY)
    with pytest.raises(ValueError, match="day"):
        query.rows(plan=1, day=date(2023, 1, 1))


def test_objects_are_the_querysets_with_related_and_deferred(plans: list[Plan]) -> None:
    def build(plan: int) -> QuerySet[Target]:
        return (Target.objects.select_related("plan__government", "node__parent").defer("plan__text", "text")
                .filter(plan_id=plan).order_by("order"))

    query = Prepared(build, plan=AN_ID)
    for plan in plans:
        made, loaded = query.objects(plan=plan.id), list(build(plan.id))
        for m, q in zip(made, loaded, strict=True):
            assert m.get_deferred_fields() == q.get_deferred_fields() == {"text"}
            assert m.plan.get_deferred_fields() == q.plan.get_deferred_fields() == {"text"}
            assert set(m._state.fields_cache) == set(q._state.fields_cache) == {"plan", "node"}
            assert (m.plan.government.name, m.node.title, m.node.parent.title) == (
                q.plan.government.name, q.node.title, q.node.parent.title)
        assert [vars_of(t) for t in made] == [vars_of(t) for t in loaded]  # loads the deferred text


@pytest.mark.parametrize("pk", [10**9, 2**63, -(2**63) - 1, 10**40], ids=["none", "int64+1", "int64-1", "huge"])
def test_no_row_is_an_empty_list(plans: list[Plan], pk: int) -> None:
    """As the ORM: an id beyond 64 bits is no row, not an error (SQLite cannot take it)."""
    query = Prepared(lambda pk: Plan.objects.filter(pk=pk), pk=AN_ID)
    assert query.objects(pk=pk) == list(Plan.objects.filter(pk=pk)) == []


def test_postgresql_prepares_and_plans_once(plans: list[Plan]) -> None:
    """On PostgreSQL a query is prepared on its connection the first time it runs, and planned
    once for all values (the planning took more time than the running)."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements: PostgreSQL")
    query = Prepared(lambda plan: Target.objects.filter(plan_id=plan).values_list("id"), plan=AN_ID)
    for _ in range(3):
        for plan in plans:
            assert query.rows(plan=plan.id) == list(Target.objects.filter(plan=plan).values_list("id"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
        prepared = [row for row in cursor.fetchall() if '"core_target"."plan_id" = $1' in row[0]]
        cursor.execute("SHOW plan_cache_mode")
        mode = cursor.fetchone()[0]
    assert mode == "force_generic_plan"
    assert len(prepared) == 1
    assert prepared[0][1:] == (6, 0)  # every run with the one generic plan, none planned anew


def test_the_queries_log_sees_prepared_queries(plans: list[Plan], django_assert_num_queries: Any) -> None:
    query = Prepared(lambda plan: Target.objects.filter(plan_id=plan).values_list("id"), plan=AN_ID)
    with django_assert_num_queries(2):
        query.rows(plan=plans[0].id)
        query.rows(plan=plans[1].id)


SHAPES = {  # the fields read, from Department's concrete fields in their order (whatever they are)
    "all": lambda every: every, "all-reordered": lambda every: every[::-1],
    "some": lambda every: ("id", "name"), "some-reordered": lambda every: ("order", "name", "id"),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_instances_of_named_fields(plans: list[Plan], shape: str) -> None:
    from luoshi.core.models import Department

    names = SHAPES[shape](field_names(Department))
    d = Department.objects.create(government=plans[0].government, name="统计局", order=3)
    row = tuple(getattr(d, n) for n in names)
    made, = instances(Department, [row], names=names)
    loaded = Department.objects.only(*{n.removesuffix("_id") for n in names}).get(pk=d.pk)
    assert made.get_deferred_fields() == loaded.get_deferred_fields()
    assert (made.pk, made.name, made.order, made.government_id) == (d.pk, d.name, d.order, d.government_id)
