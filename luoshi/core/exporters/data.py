"""Plain data for analysts: targets and their progress, one row per target per report (a
target without reports gives one row with empty report fields), as CSV, JSON lines or Parquet.

Rows stream from the database (``QuerySet.iterator``, two queries per plan), so an export of
millions of reports keeps a small, constant memory: CSV and JSON lines go out 500 rows at a
time, Parquet one row group (``ROW_GROUP`` rows) at a time. ``bench/export.py`` measures it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from ..models import Government, Plan, ProgressReport, Target

if TYPE_CHECKING:
    import pyarrow as pa

# the columns of a target and of a report, each with the field it is read from
TARGET_FIELDS = {
    "target_id": "id", "order": "order", "metric": "metric", "indicator": "indicator", "low": "low", "high": "high",
    "unit": "unit",
    "comparator": "comparator", "aspirational": "aspirational", "deadline": "deadline", "baseline": "baseline",
    "weight": "weight", "closed_on": "closed_on",
}
REPORT_FIELDS = {
    "report_id": "id", "as_of": "as_of", "value": "value", "report_status": "status",
    "department": "department__name", "progress": "progress", "problems": "problems", "next_steps": "next_steps",
}
COLUMNS = ("plan_id", "government", "government_key", "year", *TARGET_FIELDS, *REPORT_FIELDS)
# the Parquet type of each column (values and weights as float64, dates as date32)
TYPES = {
    "plan_id": "int64", "government": "string", "government_key": "string", "year": "int32", "target_id": "int64",
    "order": "int32", "metric": "string", "indicator": "string", "low": "float64", "high": "float64", "unit": "string",
    "comparator": "string", "aspirational": "bool", "deadline": "date32", "baseline": "float64", "weight": "float64",
    "closed_on": "date32",
    "report_id": "int64", "as_of": "date32", "value": "float64", "report_status": "string",
    "department": "string", "progress": "string", "problems": "string", "next_steps": "string",
}
CHUNK = 2000
ROW_GROUP = 50_000  # rows per Parquet row group
BATCH = 5_000  # rows turned into Arrow columns at a time
PARQUET_TYPE = "application/vnd.apache.parquet"
# what a row reads of a plan: its text and engine output (tens of KB each) stay in the database
PLAN_FIELDS = ("id", "year", "government", "government__name")


def _plain(v: Any) -> Any:
    """A value for CSV and JSON: numbers as floats (as text beyond a float's precision), ISO dates."""
    if isinstance(v, Decimal):
        return float(v) if v == v.to_integral_value() or abs(v) < 10**15 else str(v)
    if isinstance(v, date):
        return v.isoformat()
    return v


def _typed(v: Any) -> Any:
    """A value for Parquet: numbers as floats, dates kept."""
    return float(v) if isinstance(v, Decimal) else v


def rows(plans: Iterable[Plan], *, typed: bool = False) -> Iterator[dict[str, Any]]:
    """Every target of the plans with each of its reports, in plan and target order. A
    QuerySet of plans is read a few at a time with only the fields a row needs. ``typed``:
    dates as ``date`` and every number a float (for Parquet); otherwise as ``_plain`` gives.

    Two queries per plan, read as tuples (``values_list``: no model instances, about twice
    as fast at millions of rows)."""
    conv = _typed if typed else _plain
    if isinstance(plans, QuerySet):
        plans = plans.select_related("government").only(*PLAN_FIELDS).iterator(chunk_size=CHUNK)
    no_report = dict.fromkeys(REPORT_FIELDS)
    keys: dict[int, str] = {}  # a government's key reads its parents: once per government
    for plan in plans:
        if plan.government_id not in keys:
            keys[plan.government_id] = Government.objects.select_related("parent__parent").get(
                pk=plan.government_id).key
        head = {"plan_id": plan.id, "government": plan.government.name, "government_key": keys[plan.government_id],
                "year": plan.year}
        reports = (ProgressReport.objects.filter(target__plan=plan)
                   .order_by("target__order", "target_id", "as_of", "id")
                   .values_list("target_id", *REPORT_FIELDS.values()).iterator(chunk_size=CHUNK))
        pending = next(reports, None)
        targets = (Target.objects.filter(plan=plan).order_by("order", "id")
                   .values_list(*TARGET_FIELDS.values()).iterator(chunk_size=CHUNK))
        for t in targets:
            base = head | dict(zip(TARGET_FIELDS, map(conv, t), strict=True))
            if pending is None or pending[0] != t[0]:
                yield base | no_report
                continue
            while pending is not None and pending[0] == t[0]:
                yield base | dict(zip(REPORT_FIELDS, map(conv, pending[1:]), strict=True))
                pending = next(reports, None)


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


def parquet_schema() -> pa.Schema:
    """The columns of ``COLUMNS`` with their types (``TYPES``); every column may be null."""
    import pyarrow as pa

    kinds = {"int32": pa.int32(), "int64": pa.int64(), "float64": pa.float64(), "string": pa.string(),
             "bool": pa.bool_(), "date32": pa.date32()}
    return pa.schema([(name, kinds[TYPES[name]]) for name in COLUMNS])


def parquet_chunks(plans: Iterable[Plan], *, row_group: int = ROW_GROUP, batch: int = BATCH) -> Iterator[bytes]:
    """The rows as one Parquet file (pyarrow, Snappy), yielded a row group at a time: the
    writer needs no seeking, so each finished row group goes out and only the footer waits
    for the end. Rows become Arrow columns ``batch`` at a time (compact, unlike Python
    objects), so memory holds one row group in Arrow and a batch in Python. An empty report
    field is null; a plan without targets gives a file with the schema and no rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    sink = io.BytesIO()  # pyarrow counts the offsets itself, so the buffer is emptied after each group

    def take() -> bytes:
        out = sink.getvalue()
        sink.seek(0)
        sink.truncate()
        return out

    def arrow(columns: dict[str, list[Any]]) -> pa.RecordBatch:
        out = pa.RecordBatch.from_pydict(columns, schema=schema)
        for column in columns.values():
            column.clear()
        return out

    with pq.ParquetWriter(sink, schema) as writer:
        columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        batches: list[pa.RecordBatch] = []
        pending = grouped = 0  # rows in ``columns``, rows in ``batches``
        for row in rows(plans, typed=True):
            for name, column in columns.items():
                column.append(row[name])
            pending += 1
            if pending == batch or grouped + pending == row_group:
                batches.append(arrow(columns))
                grouped, pending = grouped + pending, 0
                if grouped == row_group:
                    writer.write_table(pa.Table.from_batches(batches, schema=schema), row_group_size=row_group)
                    batches.clear()
                    grouped = 0
                    yield take()
        if pending:
            batches.append(arrow(columns))
        if batches:
            writer.write_table(pa.Table.from_batches(batches, schema=schema), row_group_size=row_group)
    yield take()
