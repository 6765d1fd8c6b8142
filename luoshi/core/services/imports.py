"""Import a report: the engine's output becomes a plan, its tree and its targets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from simple_history.utils import bulk_create_with_history

from ...extract import Plan as EnginePlan
from ...extract.indicators import BY_CODE, classify
from ...extract.units import unit_kind
from ..models import Government, Node, Plan, Target, User
from . import ServiceError, save_as
from .governments import government_for

COMPARATORS = {"=", ">=", "<=", "~"}
LIMIT = Decimal(10) ** 19  # the decimal columns hold 24 digits, 4 after the point


def decimal(value: Any, field: str = "value") -> Decimal | None:
    """A figure from the engine or typed by a person (thousands separators allowed); empty is
    none; anything else that is not a finite number in range is a ServiceError naming ``field``."""
    text = "" if value is None else str(value).replace(",", "").replace("，", "").strip()
    if not text:
        return None
    try:
        d = Decimal(text)
    except (InvalidOperation, ValueError) as exc:
        raise ServiceError(f"{field}: “{value}” is not a number") from exc
    if not d.is_finite():
        raise ServiceError(f"{field}: “{value}” is not a number")
    if abs(d) >= LIMIT:
        raise ServiceError(f"{field}: “{value}” is out of range")
    return d


def flag(value: Any) -> bool:
    """A flag from the engine (bool) or a form or CSV ("false", "0", "否" are false)."""
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no", "off", "否")
    return bool(value)


def _span(value: Any) -> tuple[int, int]:
    try:
        start, end = (int(x) for x in (value or (0, 0)))
    except (TypeError, ValueError) as exc:
        raise ServiceError(f"span: “{value}” is not two offsets") from exc
    if not 0 <= start <= end:
        raise ServiceError(f"span: “{value}” is not two offsets")
    return start, end


def _deadline(value: Any, year: int) -> date:
    if not value:
        return date(year, 12, 31)
    try:
        d = value if isinstance(value, date) else date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ServiceError(f"deadline: “{value}” is not a date (YYYY-MM-DD)") from exc
    if d.year < year:
        raise ServiceError(f"deadline: {d} is before the plan year {year}")
    return d


def clean_target(row: dict[str, Any], year: int) -> dict[str, Any]:
    """Validate one target row (from the engine or edited by a person); raise ServiceError."""
    metric = str(row.get("metric") or "").strip()
    if not metric:
        raise ServiceError("metric: empty")
    low = decimal(row.get("low"), "value")
    high = decimal(row.get("high", row.get("low")), "value")
    if low is None and high is None:
        raise ServiceError(f"{metric}: no value")
    low = low if low is not None else high
    high = high if high is not None else low
    assert low is not None and high is not None
    if low > high:
        raise ServiceError(f"{metric}: low {low} is above high {high}")
    comparator = str(row.get("comparator") or "=")
    if comparator not in COMPARATORS:
        raise ServiceError(f"{metric}: comparator “{comparator}”")
    span = _span(row.get("span"))
    return {
        "metric": metric[:200], "low": low, "high": high, "unit": str(row.get("unit") or "")[:20],
        "comparator": comparator, "aspirational": flag(row.get("aspirational")),
        "deadline": _deadline(row.get("deadline"), year), "text": str(row.get("text") or ""),
        "quantity": str(row.get("quantity") or "")[:100], "kind": str(row.get("kind") or "")[:20],
        "indicator": _indicator(row.get("indicator"), metric, str(row.get("kind") or ""), str(row.get("unit") or "")),
        "span_start": span[0], "span_end": span[1], "path": _path(row.get("path")),
    }


def _indicator(code: Any, metric: str, kind: str, unit: str) -> str:
    """The engine's indicator code; a row typed or edited by a person is classified again."""
    if code and str(code) in BY_CODE:
        return str(code)
    return classify(metric, kind or unit_kind(unit)) or ""


def _path(value: Any) -> list[str]:
    """Area and task titles: a list (the engine) or "area / task" (a CSV or form)."""
    if isinstance(value, str):
        return [p.strip() for p in value.split(" / ") if p.strip()]
    return [str(p) for p in (value or [])]


def _check_tree(nodes: Any) -> None:
    """The tree is checked whole before anything is written."""
    if not isinstance(nodes, list):
        raise ServiceError("tree: not a list of nodes")
    for n in nodes:
        if not isinstance(n, dict) or n.get("kind") not in Node.Kind.values or not str(n.get("title") or "").strip():
            raise ServiceError(f"tree: bad node {str(n)[:80]}")
        _span(n.get("span"))
        _check_tree(n.get("children", []))


def _add_nodes(plan: Plan, nodes: list[dict[str, Any]], parent: Node | None, depth: int,
               counter: list[int], by_path: dict[tuple[str, ...], Node], path: tuple[str, ...]) -> None:
    for n in nodes:
        counter[0] += 1
        start, end = _span(n.get("span"))
        node = Node.objects.create(
            plan=plan, parent=parent, kind=n["kind"], role=str(n.get("role") or "")[:10], number=str(n.get("number") or "")[:20],
            title=n["title"], order=counter[0], depth=depth, span_start=start, span_end=end,
        )
        here = path + (n["title"],) if n["kind"] in ("area", "task") else path
        if n["kind"] in ("area", "task"):
            by_path.setdefault(here, node)
        _add_nodes(plan, n.get("children", []), node, depth + 1, counter, by_path, here)


@transaction.atomic
def import_plan(
    engine: EnginePlan | dict[str, Any], *, government: str, year: int, user: User | None = None,
    level: str = "", targets: list[dict[str, Any]] | None = None, source_name: str = "",
    source_bytes: bytes | None = None, demo: bool = False,
) -> Plan:
    """Create a plan from the engine's output. ``targets`` replaces the engine's targets when
    the office edited them in the preview (dropped, fixed or added rows). All or nothing."""
    data = engine.to_dict() if isinstance(engine, EnginePlan) else engine
    text = engine.text if isinstance(engine, EnginePlan) else data.get("text", "")
    name = government.strip()
    if not name:
        raise ServiceError("government: empty")
    if not 1949 <= year <= 2100:
        raise ServiceError(f"year: {year} is out of range")
    level = level or data.get("meta", {}).get("level") or Government.Level.COUNTY
    if level not in Government.Level.values:
        raise ServiceError(f"level: “{level}”")
    rows = []
    for i, r in enumerate(targets if targets is not None else data.get("targets", []), 1):
        try:
            rows.append(clean_target(r, year))
        except ServiceError as exc:
            raise ServiceError(f"target {i}: {exc}") from exc
    _check_tree(data.get("tree", []))
    gov = government_for(name, level)
    if Plan.objects.filter(government=gov, year=year).exists():
        raise ServiceError(f"a plan for {gov.name} {year} exists already")
    plan = Plan(
        government=gov, year=year, title=f"{gov.name}{year}年政府工作报告", source_name=source_name[:255],
        encoding=data.get("encoding", ""), engine_output=data, text=text, created_by=user, demo=demo,
    )
    if source_bytes is not None:
        plan.source_file.save(source_name or "report.txt", ContentFile(source_bytes), save=False)
    try:
        _save_plan(plan, data.get("tree", []), rows, user)
    except BaseException:
        if plan.source_file:  # no file is left behind by a failed import
            plan.source_file.delete(save=False)
        raise
    return plan


def _save_plan(plan: Plan, tree: list[dict[str, Any]], rows: list[dict[str, Any]], user: User | None) -> None:
    try:
        with transaction.atomic():
            save_as(plan, user, "imported")
    except IntegrityError as exc:  # the same plan imported at the same moment
        raise ServiceError(f"a plan for {plan.government.name} {plan.year} exists already") from exc
    by_path: dict[tuple[str, ...], Node] = {}
    _add_nodes(plan, tree, None, 0, [0], by_path, ())
    bulk_create_with_history([
        Target(plan=plan, node=_node_for(by_path, tuple(r.pop("path"))), order=i, **r)
        for i, r in enumerate(rows, 1)
    ], Target, default_user=user, default_change_reason="imported")


def _node_for(by_path: dict[tuple[str, ...], Node], path: tuple[str, ...]) -> Node | None:
    while path:
        if path in by_path:
            return by_path[path]
        path = path[:-1]
    return None
