"""Plain data for analysts: targets and their progress, one row per target per report (a
target without reports gives one row with empty report fields), as CSV or JSON lines.

Rows stream from the database (``QuerySet.iterator``), so an export of millions of reports
keeps a small, constant memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from ..models import Plan, ProgressReport, Target

COLUMNS = (
    "plan_id", "government", "year", "target_id", "order", "metric", "low", "high", "unit", "comparator",
    "aspirational", "deadline", "baseline", "weight", "report_id", "as_of", "value", "report_status",
    "department", "progress", "problems", "next_steps",
)
CHUNK = 2000


def _plain(v: Any) -> Any:
    if isinstance(v, Decimal):
        return float(v) if v == v.to_integral_value() or abs(v) < 10**15 else str(v)
    if isinstance(v, date):
        return v.isoformat()
    return v


def rows(plans: Iterable[Plan]) -> Iterator[dict[str, Any]]:
    """Every target of the plans with each of its reports, in plan and target order."""
    for plan in plans:
        reports = (ProgressReport.objects.filter(target__plan=plan).select_related("department")
                   .order_by("target__order", "target_id", "as_of", "id").iterator(chunk_size=CHUNK))
        pending = next(reports, None)
        for t in Target.objects.filter(plan=plan).order_by("order", "id").iterator(chunk_size=CHUNK):
            base = _target_row(plan, t)
            seen = False
            while pending is not None and pending.target_id == t.id:
                seen = True
                yield base | _report_row(pending)
                pending = next(reports, None)
            if not seen:
                yield base | dict.fromkeys(COLUMNS[14:], None)


def _target_row(plan: Plan, t: Target) -> dict[str, Any]:
    return {
        "plan_id": plan.id, "government": plan.government.name, "year": plan.year, "target_id": t.id,
        "order": t.order, "metric": t.metric, "low": _plain(t.low), "high": _plain(t.high), "unit": t.unit,
        "comparator": t.comparator, "aspirational": t.aspirational, "deadline": _plain(t.deadline),
        "baseline": _plain(t.baseline), "weight": _plain(t.weight),
    }


def _report_row(r: ProgressReport) -> dict[str, Any]:
    return {
        "report_id": r.id, "as_of": _plain(r.as_of), "value": _plain(r.value), "report_status": r.status,
        "department": r.department.name if r.department else None, "progress": r.progress,
        "problems": r.problems, "next_steps": r.next_steps,
    }


def csv_chunks(plans: Iterable[Plan]) -> Iterator[str]:
    """The rows as CSV text, a few hundred rows per chunk (UTF-8 with a BOM for Excel)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS)
    buf.write("\ufeff")
    writer.writeheader()
    for i, row in enumerate(rows(plans), 1):
        writer.writerow(row)
        if i % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def jsonl_chunks(plans: Iterable[Plan]) -> Iterator[str]:
    """The rows as JSON lines (one object per line)."""
    lines: list[str] = []
    for row in rows(plans):
        lines.append(json.dumps(row, ensure_ascii=False))
        if len(lines) == 500:
            yield "\n".join(lines) + "\n"
            lines.clear()
    if lines:
        yield "\n".join(lines) + "\n"
