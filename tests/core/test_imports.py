"""import_plan: the engine's output becomes a plan, its tree and its targets — all or nothing."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from luoshi.core.models import Government, Node, Plan, Target, User
from luoshi.core.services import ServiceError
from luoshi.core.services.imports import import_plan

from .conftest import SMALL_TARGETS, row, small_plan

pytestmark = pytest.mark.django_db

TABLES = (Government, Plan, Node, Target, Plan.history.model, Target.history.model)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in TABLES}


def walk(nodes: list[Any], depth: int = 0, parent: Any = None):  # type: ignore[no-untyped-def]
    for n in nodes:
        yield depth, parent, n
        yield from walk(n.children, depth + 1, n)


def test_import_boshan_tree(engine_plan: Any) -> None:
    plan = import_plan(engine_plan, government="博山区", year=2023)
    assert (plan.government.name, plan.government.level, plan.year) == ("博山区", "county", 2023)
    assert plan.title == "博山区2023年政府工作报告"
    assert plan.text == engine_plan.text and plan.engine_output["meta"]["government"] == "博山区"
    saved = list(plan.nodes.order_by("order"))
    expected = list(walk(engine_plan.tree))
    assert len(saved) == len(expected)
    kinds = [n.kind for n in saved]
    assert (kinds.count("area"), kinds.count("task")) == (6, 21)
    assert [n.order for n in saved] == list(range(1, len(saved) + 1))  # document order
    for node, (depth, parent, source) in zip(saved, expected, strict=True):
        assert (node.kind, node.title, node.depth) == (source.kind, source.title, depth)
        assert (node.parent.title if node.parent else None) == (parent.title if parent else None)
        assert (node.span_start, node.span_end) == tuple(source.span)
    for node in saved:
        if node.kind == "task":
            assert node.parent.kind == "area"
        if node.kind == "measure":
            assert node.parent.kind in ("task", "area")


def test_import_boshan_targets(engine_plan: Any) -> None:
    plan = import_plan(engine_plan, government="博山区", year=2023)
    targets = list(plan.targets.select_related("node__parent").order_by("order"))
    assert len(engine_plan.targets) == 76
    assert len(targets) == 76
    for saved, source in zip(targets, engine_plan.targets, strict=True):
        assert saved.metric == source.metric
        assert saved.low == Decimal(str(source.low)) and saved.high == Decimal(str(source.high))
        assert (saved.unit, saved.comparator, saved.aspirational) == (source.unit, source.comparator,
                                                                       source.aspirational)
        assert saved.deadline == date.fromisoformat(source.deadline)
        assert saved.node is not None, saved.metric
        assert saved.node.kind == "task"
        assert [saved.node.parent.title, saved.node.title] == list(source.path)
    first = targets[0]
    assert (first.order, first.metric, first.low, first.comparator, first.node.title) == (
        1, "重点技改项目", Decimal(160), ">=", "全面提升传统产业")


def test_history_rows_for_created_targets(engine_plan: Any) -> None:
    office = User.objects.create_user("office", role=User.Role.OFFICE)
    plan = import_plan(engine_plan, government="博山区", year=2023, user=office)
    history = Target.history.filter(plan_id=plan.id)
    assert history.count() == 76
    assert set(history.values_list("history_type", flat=True)) == {"+"}
    assert set(history.values_list("history_user", flat=True)) == {office.id}
    assert set(history.values_list("id", flat=True)) == set(plan.targets.values_list("id", flat=True))
    assert plan.history.filter(history_type="+", history_user=office).count() == 1
    assert plan.created_by == office


def test_duplicate_creates_nothing(engine_plan: Any) -> None:
    import_plan(engine_plan, government="博山区", year=2023)
    before = counts()
    with pytest.raises(ServiceError, match="exists already"):
        import_plan(engine_plan, government=" 博山区 ", year=2023)
    assert counts() == before


def test_same_government_another_year(engine_plan: Any) -> None:
    import_plan(engine_plan, government="博山区", year=2023)
    import_plan(engine_plan.to_dict() | {"targets": []}, government="博山区", year=2024)
    assert Government.objects.count() == 1
    assert Plan.objects.count() == 2


def test_source_file_kept(engine_plan: Any) -> None:
    data = Path("luoshi/examples/boshan_2023.txt").read_bytes()
    plan = import_plan(engine_plan, government="博山区", year=2023, source_name="boshan_2023.txt",
                       source_bytes=data)
    plan.refresh_from_db()
    assert plan.source_name == "boshan_2023.txt"
    assert plan.source_file.read() == data
    assert plan.history.latest().source_file == plan.source_file.name


def test_edited_rows_are_what_is_saved(engine_plan: Any) -> None:
    rows = [t.to_dict() for t in engine_plan.targets]
    area, task = rows[0]["path"]
    edited = rows[1:]  # drop the first row
    edited[0] = edited[0] | {"low": 12, "high": 12, "comparator": ">=", "metric": "工业互联网示范企业（修正）"}
    edited.append({"metric": "新增一项", "low": "3", "unit": "个", "path": [area, task],
                   "deadline": "2023-06-30", "aspirational": "false"})
    edited.append({"metric": "只有领域", "low": "1", "path": f"{area} / 未知任务"})
    plan = import_plan(engine_plan, government="博山区", year=2023, targets=edited)
    saved = list(plan.targets.select_related("node").order_by("order"))
    assert [t.metric for t in saved] == [r["metric"] for r in edited]
    assert "重点技改项目" not in {t.metric for t in saved}
    fixed = saved[0]
    assert (fixed.low, fixed.high, fixed.comparator) == (Decimal(12), Decimal(12), ">=")
    added = saved[-2]
    assert (added.low, added.high, added.unit, added.deadline, added.aspirational) == (
        Decimal(3), Decimal(3), "个", date(2023, 6, 30), False)
    assert (added.node.kind, added.node.title) == ("task", task)
    assert (saved[-1].node.kind, saved[-1].node.title) == ("area", area)  # the nearest node of its path
    assert saved[-1].deadline == date(2023, 12, 31)  # the plan year's end by default


def test_no_targets_is_a_plan_without_targets() -> None:
    plan = small_plan(targets=[])
    assert plan.targets.count() == 0
    assert plan.nodes.count() == 6


BAD_ROWS = [
    ("value-not-a-number", {"low": "abc"}, "not a number"),
    ("value-nan", {"low": "NaN"}, "not a number"),
    ("value-infinite", {"low": "Infinity"}, "not a number"),
    ("value-too-large", {"low": "1e30", "high": "1e30"}, "out of range"),
    ("value-missing", {"low": None, "high": None}, "no value"),
    ("low-above-high", {"low": 5, "high": 3}, "above high"),
    ("deadline-not-a-date", {"deadline": "2023-13-01"}, "not a date"),
    ("deadline-other-format", {"deadline": "31/12/2023"}, "not a date"),
    ("deadline-before-year", {"deadline": "2022-12-31"}, "before the plan year"),
    ("comparator-unknown", {"comparator": "≈"}, "comparator"),
    ("metric-empty", {"metric": "  "}, "metric: empty"),
    ("span-bad", {"span": ["a", "b"]}, "span"),
]


@pytest.mark.parametrize(("fields", "message"), [b[1:] for b in BAD_ROWS], ids=[b[0] for b in BAD_ROWS])
def test_bad_row_writes_nothing(fields: dict[str, Any], message: str) -> None:
    small_plan("已有区")  # rows already there must stay as they are
    before = counts()
    media = Path(settings.MEDIA_ROOT)
    files_before = sorted(media.rglob("*")) if media.exists() else []
    targets = copy.deepcopy(SMALL_TARGETS)
    targets.append(row("bad", 1) | fields)
    with pytest.raises(ServiceError, match=message):
        small_plan("新区", targets=targets, source_name="r.txt", source_bytes=b"report")
    assert counts() == before
    assert (sorted(media.rglob("*")) if media.exists() else []) == files_before


BAD_PLANS = [
    ("government-empty", {"government": "  "}, "government"),
    ("year-too-early", {"year": 1900}, "year"),
    ("year-too-late", {"year": 2200}, "year"),
    ("level-unknown", {"level": "village"}, "level"),
    ("tree-bad-kind", {"tree": [{"kind": "chapter", "title": "x", "span": [0, 1]}]}, "tree"),
    ("tree-no-title", {"tree": [{"kind": "area", "title": "", "span": [0, 1]}]}, "tree"),
    ("tree-bad-span", {"tree": [{"kind": "area", "title": "A", "span": [3, 1]}]}, "span"),
]


@pytest.mark.parametrize(("kwargs", "message"), [b[1:] for b in BAD_PLANS], ids=[b[0] for b in BAD_PLANS])
def test_bad_plan_writes_nothing(kwargs: dict[str, Any], message: str) -> None:
    before = counts()
    with pytest.raises(ServiceError, match=message):
        small_plan(**kwargs)
    assert counts() == before


def test_failure_after_the_file_was_stored_leaves_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from luoshi.core.services import imports

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "_add_nodes", broken)
    before = counts()
    with pytest.raises(RuntimeError):
        small_plan(source_name="r.txt", source_bytes=b"report")
    assert counts() == before
    media = Path(settings.MEDIA_ROOT)
    assert not (media.exists() and any(p.is_file() for p in media.rglob("*")))
