"""The task table (重点任务分解表) back from the office, keyed by its hidden id column:
changed targets (具体目标, read again by the engine), deadlines (完成时限) and departments
(牵头单位, 配合单位). ``read`` validates and lists the changes; ``apply`` saves them all."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.db import transaction

from ...extract import extract
from ..exporters.task_table import COLUMNS, ID_COLUMN
from ..exporters.wording import deadline_phrase, target_phrase
from ..models import Assignment, Department, Plan, Target, User
from ..services import ServiceError
from ..services.assignment import Inheritance, assign, split, unassign
from ..services.progress import update_target
from .sheet import read_rows

_NAMES = re.compile(r"[、,，;；/\s]+")
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日|底|末)?")
FIELDS = ("metric", "low", "high", "unit", "comparator", "aspirational")


@dataclass(slots=True)
class RowChange:
    row: int  # the spreadsheet's row number, as the office sees it
    target: Target
    version: int
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # name → (before, after)
    lead: tuple[list[Department], list[Department]] | None = None
    support: tuple[list[Department], list[Department]] | None = None

    def describe(self) -> list[str]:
        out = [f"{k}: {a} → {b}" for k, (a, b) in self.fields.items()]
        for name, pair in (("牵头单位", self.lead), ("配合单位", self.support)):
            if pair is not None:
                out.append(f"{name}: {'、'.join(d.name for d in pair[0]) or '—'} → "
                           f"{'、'.join(d.name for d in pair[1]) or '—'}")
        return out


@dataclass(slots=True)
class TableImport:
    changes: list[RowChange]
    errors: list[tuple[int, str]]  # (row, reason)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_date(value: Any, year: int) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    m = _CN_DATE.search(text)
    if not m:
        raise ServiceError(f"完成时限 “{text}” is not a date")
    y, mo = int(m.group(1)), int(m.group(2))
    if not 1 <= mo <= 12:
        raise ServiceError(f"完成时限 “{text}” is not a date")
    import calendar

    day = int(m.group(3)) if m.group(3) else calendar.monthrange(y, mo)[1]
    try:
        return date(y, mo, day)
    except ValueError as exc:
        raise ServiceError(f"完成时限 “{text}” is not a date") from exc


def _departments(cell: Any, known: dict[str, Department]) -> list[Department]:
    names = [n for n in _NAMES.split(str(cell or "").strip()) if n]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ServiceError(f"unknown department “{'、'.join(unknown)}”")
    return [known[n] for n in names]


def _figures(text: str, year: int) -> dict[str, Any]:
    """具体目标 read again by the engine: 重点技改项目200个以上 → metric, value, unit, comparator."""
    found = extract(text, year=year).targets
    if not found:
        raise ServiceError(f"具体目标 “{text}”: no figure found")
    t = found[0]
    return {"metric": t.metric, "low": t.low, "high": t.high, "unit": t.unit, "comparator": t.comparator,
            "aspirational": t.aspirational}


def read(plan: Plan, source: IO[bytes]) -> TableImport:
    """Validate every row of an edited task table and list what would change. Writes nothing."""
    rows, header, col = read_rows(source, COLUMNS, ID_COLUMN, "task table")
    targets = {t.id: t for t in Target.objects.filter(plan=plan)}
    known = {d.name: d for d in Department.objects.filter(government=plan.government_id)}
    inheritance = Inheritance.of_plans([plan.id])
    changes: list[RowChange] = []
    errors: list[tuple[int, str]] = []
    for number, row in enumerate(rows[header + 1:], start=header + 2):
        key = str(row[col[ID_COLUMN]] or "") if len(row) > col[ID_COLUMN] else ""
        if not key.startswith("target:"):
            continue
        try:
            change = _row(plan, number, key, row, col, targets, known, inheritance)
        except ServiceError as exc:
            errors.append((number, str(exc)))
            continue
        if change.fields or change.lead or change.support:
            changes.append(change)
    return TableImport(changes, errors)


def _row(plan: Plan, number: int, key: str, row: tuple[Any, ...], col: dict[str, int],
         targets: dict[int, Target], known: dict[str, Department], inheritance: Inheritance) -> RowChange:
    try:
        target = targets[int(key.removeprefix("target:"))]
    except (ValueError, KeyError):
        raise ServiceError(f"ID “{key}” is no target of this plan") from None
    change = RowChange(number, target, target.version)
    text = str(row[col["具体目标"]] or "").strip()
    if text != target_phrase(target.metric, target.low, target.high, target.unit, target.comparator,
                             target.aspirational):
        for name, new in _figures(text, plan.year).items():
            old = getattr(target, name)
            if name in ("low", "high"):
                same = old is not None and new is not None and float(old) == float(new)
            else:
                same = old == new
            if not same:
                change.fields[name] = (old, new)
    deadline = parse_date(row[col["完成时限"]], plan.year)
    if deadline.year < plan.year:
        raise ServiceError(f"完成时限 {deadline} is before the plan year {plan.year}")
    if deadline != target.deadline and deadline_phrase(deadline) != deadline_phrase(target.deadline):
        change.fields["deadline"] = (target.deadline, deadline)
    current = split(inheritance.of(target))
    wanted = {"lead": _departments(row[col["牵头单位"]], known), "support": _departments(row[col["配合单位"]], known)}
    if len(wanted["lead"]) > 1:
        raise ServiceError("牵头单位: one lead department (list the others as 配合单位)")
    if any({d.id for d in wanted[a]} != {d.id for d in current[a]} for a in ("lead", "support")):
        # the target gets assignments of its own: both lists, as the row now gives them
        change.lead = (current["lead"], wanted["lead"])
        change.support = (current["support"], wanted["support"])
    return change


@transaction.atomic
def apply(plan: Plan, result: TableImport, *, user: User) -> int:
    """Save every change of a valid import in one transaction; returns the rows changed.
    A target edited by someone else since ``read`` makes the whole import fail (Conflict)."""
    if result.errors:
        raise ServiceError(f"{len(result.errors)} rows have errors; nothing was applied")
    for c in result.changes:
        if c.fields:
            update_target(c.target, user=user, version=c.version,
                          changes={k: (str(v) if k == "deadline" else v) for k, (_, v) in c.fields.items()})
        if c.lead is not None and c.support is not None:
            _set_departments(plan, c.target, c.lead[1], c.support[1], user)
    return len(result.changes)


def _set_departments(plan: Plan, target: Target, lead: list[Department], support: list[Department],
                     user: User) -> None:
    """Give the target exactly these departments as assignments of its own."""
    wanted = {(d.id, Assignment.Role.LEAD) for d in lead} | {(d.id, Assignment.Role.SUPPORT) for d in support}
    for a in list(target.assignments.select_related("department")):
        if (a.department_id, a.role) not in wanted:
            unassign(plan, department=a.department, targets=[target], user=user)
    for d in lead:
        assign(plan, department=d, role=Assignment.Role.LEAD, targets=[target], user=user)
    for d in support:
        assign(plan, department=d, role=Assignment.Role.SUPPORT, targets=[target], user=user)
