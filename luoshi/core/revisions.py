"""A plan's revision: raised by every change to what its pages show, so that a page cached
under the old revision is never served again (``Plan.cache_key``).

Signals catch every save and delete, by services, the admin or a history revert alike; the
few bulk writes (a plan's import, which makes a new plan) send none and need none. The raise
is one UPDATE in the same transaction as the change: a page read under the new revision sees
the change.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Model, QuerySet
from django.db.models.signals import post_delete, post_save

from .models import Assignment, Department, Evidence, Government, Node, Plan, ProgressReport, Target, User


def bump(plans: QuerySet[Plan] | int, using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise the revision of ``plans``, or of the plan of that id (every report's case: the
    statement is made once)."""
    if isinstance(plans, int):
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(_one_plan(connection.ops.quote_name), [plans])
    else:
        plans.using(using).update(revision=F("revision") + 1)


@cache
def _one_plan(quote: Callable[[str], str]) -> str:
    table, revision, pk = (quote(n) for n in (Plan._meta.db_table, "revision", Plan._meta.pk.column))  # type: ignore[union-attr]
    return f"UPDATE {table} SET {revision} = {revision} + 1 WHERE {pk} = %s"


def _plans_of(instance: Model) -> QuerySet[Plan] | int | None:
    """The plans whose pages show ``instance``, or the id of the one plan (None: none do)."""
    if isinstance(instance, Node | Target):
        return instance.plan_id  # type: ignore[no-any-return]
    if isinstance(instance, ProgressReport):
        target = instance._state.fields_cache.get("target")  # a report is saved with its target at hand
        if target is not None:
            return target.plan_id  # type: ignore[no-any-return]
        return Plan.objects.filter(targets=instance.target_id)
    if isinstance(instance, Evidence):
        return Plan.objects.filter(targets__reports=instance.report_id)
    if isinstance(instance, Assignment):
        if instance.target_id:
            return Plan.objects.filter(targets=instance.target_id)
        return Plan.objects.filter(nodes=instance.node_id)
    if isinstance(instance, Department):
        return Plan.objects.filter(government=instance.government_id)
    if isinstance(instance, Government):
        return Plan.objects.filter(government=instance.pk)
    if isinstance(instance, User):  # reporters' names are shown with their reports
        return Plan.objects.filter(government=instance.government_id) if instance.government_id else None
    if (plans_of := _OTHERS.get(type(instance))) is not None:
        return plans_of(instance)
    return None


def _changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata
        return
    using = kwargs.get("using", DEFAULT_DB_ALIAS)
    if isinstance(instance, Plan):
        bump(instance.pk, using)
        return
    fields = kwargs.get("update_fields")
    if isinstance(instance, User) and fields is not None and set(fields) <= {"last_login"}:
        return  # a login changes no page
    plans = _plans_of(instance)
    if plans is not None:
        bump(plans, using)


WATCHED = (Government, Department, User, Plan, Node, Target, Assignment, ProgressReport, Evidence)
PlansOf = Callable[[Any], "QuerySet[Plan] | int | None"]
_OTHERS: dict[type[Model], PlansOf] = {}  # other apps' models (``watch``)


def _connect(model: type[Model]) -> None:
    post_save.connect(_changed, sender=model, dispatch_uid=f"luoshi.revision.save.{model.__name__}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"luoshi.revision.delete.{model.__name__}")


def connect() -> None:
    for model in WATCHED:
        _connect(model)


def watch(model: type[Model], plans_of: PlansOf) -> None:
    """Raise the revision of ``plans_of(instance)`` (a plan's id, plans, or None) whenever a
    row of another app's ``model`` that those plans' pages show is saved or deleted (called
    from that app's ``AppConfig.ready``)."""
    _OTHERS[model] = plans_of
    _connect(model)
