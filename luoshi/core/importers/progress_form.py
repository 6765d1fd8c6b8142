"""A filled progress form back from a department: each filled row becomes a progress report,
with the same validation as the page (``submit_report``); rows left empty are skipped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from django.db import transaction

from ..exporters.progress_form import COLUMNS, ID_COLUMN
from ..models import Department, Target, User
from ..services import ServiceError
from ..services.assignment import targets_of_department
from ..services.progress import can_report, submit_report
from .sheet import read_rows
from .task_table import parse_date


@dataclass(slots=True)
class FilledRow:
    row: int
    target: Target
    as_of: date
    value: Any
    progress: str
    problems: str
    next_steps: str


@dataclass(slots=True)
class FormImport:
    rows: list[FilledRow]
    errors: list[tuple[int, str]]

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(v: Any) -> str:
    return "" if v is None else str(v).strip()


def read(department: Department, source: IO[bytes], *, user: User) -> FormImport:
    """Validate the filled rows of a department's form. Writes nothing."""
    rows, header, col = read_rows(source, COLUMNS, ID_COLUMN, "progress form")
    mine = {t.id: t for t in targets_of_department(department)}
    filled: list[FilledRow] = []
    errors: list[tuple[int, str]] = []
    for number, row in enumerate(rows[header + 1:], start=header + 2):
        cells = {name: row[i] if i < len(row) else None for name, i in col.items()}
        if all(cells[c] in (None, "") for c in ("截至日期", "完成值", "进展情况", "存在问题", "下一步措施")):
            continue
        try:
            filled.append(_row(number, cells, mine, user))
        except ServiceError as exc:
            errors.append((number, str(exc)))
    return FormImport(filled, errors)


def _row(number: int, cells: dict[str, Any], mine: dict[int, Target], user: User) -> FilledRow:
    key = _text(cells[ID_COLUMN])
    try:
        target = mine[int(key.removeprefix("target:"))]
    except (ValueError, KeyError):
        raise ServiceError(f"ID “{key}” is no target of this department") from None
    if not can_report(user, target):
        raise ServiceError("you may not report on this target")
    if cells["截至日期"] in (None, ""):
        raise ServiceError("截至日期 is empty")
    as_of = cells["截至日期"]
    as_of = as_of.date() if isinstance(as_of, datetime) else as_of
    if not isinstance(as_of, date):
        as_of = parse_date(as_of, target.plan.year)
    year = target.plan.year
    if not date(year, 1, 1) <= as_of <= max(target.deadline, date(year, 12, 31)):
        raise ServiceError(f"截至日期 {as_of} is outside the plan period")
    value = cells["完成值"]
    if value not in (None, ""):
        try:
            float(str(value).replace(",", ""))
        except ValueError:
            raise ServiceError(f"完成值 “{value}” is not a number") from None
    elif not target.qualitative:
        raise ServiceError("完成值 is empty")
    return FilledRow(number, target, as_of, value, _text(cells["进展情况"]), _text(cells["存在问题"]),
                     _text(cells["下一步措施"]))


@transaction.atomic
def apply(result: FormImport, *, user: User) -> int:
    """Submit every filled row as a progress report, all in one transaction."""
    if result.errors:
        raise ServiceError(f"{len(result.errors)} rows have errors; nothing was submitted")
    for r in result.rows:
        submit_report(r.target, user=user, as_of=r.as_of, value=r.value, progress=r.progress, problems=r.problems,
                      next_steps=r.next_steps)
    return len(result.rows)
