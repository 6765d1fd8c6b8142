"""Governments side by side on one indicator, for the governments the tracker holds.

The same reading as ``luoshi compare`` on a panel (``luoshi.panel.compare``): a parent's
year-end target beside its children's, with the gap (层层加码), and each government's target
and result by year. The result here is the tracker's own: the last accepted progress value.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ...panel.compare import Row, series, side_by_side
from ..models import Government, ProgressReport, Target, User


def reach(user: User) -> QuerySet[Government]:
    """The governments a user may compare: their own and those under it (all: a superuser)."""
    if user.is_superuser:
        return Government.objects.all()
    if user.government_id is None:
        return Government.objects.none()
    ids = {user.government_id}
    frontier = set(ids)
    while frontier:  # a few levels at most: province → prefecture → county
        frontier = set(Government.objects.filter(parent__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return Government.objects.filter(pk__in=ids)


def indicators(governments: QuerySet[Government]) -> list[str]:
    """The indicator codes that the governments' plans have targets for."""
    return sorted(Target.objects.filter(plan__government__in=governments).exclude(indicator="")
                  .values_list("indicator", flat=True).distinct())


def rows(governments: QuerySet[Government], indicator: str) -> tuple[list[dict[str, Any]], dict[tuple[str, int], float]]:
    """Target rows as the panel has them, and the last accepted value of each (key, year)."""
    keys = {g.pk: g.key for g in governments.select_related("parent__parent")}
    out = []
    last: dict[int, tuple[Any, float]] = {}
    targets = (Target.objects.filter(plan__government__in=keys, indicator=indicator)
               .select_related("plan__government").order_by("plan__year", "order", "id"))
    for t in targets:
        gov = t.plan.government
        out.append({"government": gov.name, "government_key": keys[gov.pk], "level": gov.level,
                    "year": t.plan.year, "role": "target", "deadline": t.deadline.isoformat(),
                    "low": _f(t.low), "high": _f(t.high), "comparator": t.comparator, "span_start": t.span_start,
                    "target_id": t.pk})
    accepted = (ProgressReport.objects.filter(target__in=[r["target_id"] for r in out],
                                              status=ProgressReport.Status.ACCEPTED, value__isnull=False)
                .order_by("as_of", "id").values_list("target_id", "as_of", "value"))
    for target_id, as_of, value in accepted:
        last[target_id] = (as_of, float(value))
    results = {}
    for r in out:
        if r["target_id"] in last:
            results.setdefault((r["government_key"], r["year"]), last[r["target_id"]][1])
    return out, results


def compare(governments: QuerySet[Government], indicator: str,
            year: int | None = None) -> tuple[list[tuple[Row, list[Row]]], dict[str, list[Row]]]:
    """Each parent beside its children (for ``year`` or every year), and each government's years."""
    found, results = rows(governments, indicator)
    pairs = side_by_side(found, year)
    by_gov = series(found)
    for rs in [*by_gov.values(), *[[p, *cs] for p, cs in pairs]]:
        for r in rs:
            r.result = results.get((r.government_key, r.year))
    return pairs, by_gov


def _f(v: Any) -> float | None:
    return None if v is None else float(v)
