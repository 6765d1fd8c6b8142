"""Reading a spreadsheet luoshi exported and an office filled: its header row and columns."""

from __future__ import annotations

from typing import IO, Any

from ..services import ServiceError


def read_rows(source: IO[bytes], columns: tuple[str, ...], id_column: str, what: str
              ) -> tuple[list[tuple[Any, ...]], int, dict[str, int]]:
    """The sheet's rows, the index of its header row (the one starting with ``columns[0]``)
    and each column's position. A file that is no such sheet is a ServiceError."""
    from openpyxl import load_workbook

    try:
        ws = load_workbook(source, read_only=True, data_only=True).active
        rows = list(ws.iter_rows(values_only=True))
    except Exception as exc:  # not an .xlsx: openpyxl and zipfile raise many kinds
        raise ServiceError(f"not a {what} (.xlsx): {type(exc).__name__}") from exc
    header = next((i for i, r in enumerate(rows) if r and r[0] == columns[0]), None)
    if header is None or id_column not in rows[header]:
        raise ServiceError(f"not a {what} exported by luoshi (no {columns[0]} … {id_column} header row)")
    return rows, header, {name: rows[header].index(name) for name in (*columns, id_column) if name in rows[header]}
