"""The engine's commands: ``luoshi extract`` and ``luoshi quantities``."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import click

from . import handle_errors, main

TARGET_COLUMNS = (
    "metric", "indicator", "low", "high", "unit", "comparator", "aspirational", "deadline", "quantity", "path",
    "text",
)


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--year", type=click.IntRange(1949, 2100), default=None,
              help="Plan year (default: read from the report).")
@click.option("--format", "fmt", type=click.Choice(["json", "table", "csv"]), default="json",
              show_default=True, help="json: the full plan; table: a view for a person; csv: one row per target.")
@click.option("--achievements", is_flag=True, help="With csv/table: list the review part's achievements too.")
@handle_errors
def extract(file: str, year: int | None, fmt: str, achievements: bool) -> None:
    """Extract the plan tree and every quantified target from FILE (.txt, .docx, .pdf, .html)."""
    from ..extract import extract_file

    plan = extract_file(file, year=year)
    for warning in plan.meta.warnings:
        click.echo(f"luoshi: warning: {file}: {warning}", err=True)
    if fmt == "json":
        plan.write_json(click.get_text_stream("stdout"))
    elif fmt == "csv":
        _write_csv(plan, achievements)
    else:
        from ..table import print_plan

        print_plan(plan, achievements=achievements)


def _write_csv(plan: Any, achievements: bool) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(("role", *TARGET_COLUMNS))
    rows = list(plan.targets) + (list(plan.achievements) if achievements else [])
    for t in rows:
        d = t.to_dict()
        d["path"] = " / ".join(d["path"])
        writer.writerow((t.role, *(d[c] for c in TARGET_COLUMNS)))


@main.command()
@click.argument("text")
@handle_errors
def quantities(text: str) -> None:
    """Print every quantity found in TEXT (or stdin when TEXT is -) as JSON."""
    from ..extract.numbers import find_quantities

    if text == "-":
        text = sys.stdin.read()
    found = [q.to_dict() for q in find_quantities(text)]
    click.echo(json.dumps(found, ensure_ascii=False, indent=2))
