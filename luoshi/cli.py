"""The ``luoshi`` command. It only parses options, calls the library and prints.

Library failures (``LuoshiError``) become one line on stderr and exit status 2, here and
nowhere else.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from .extract.errors import LuoshiError

F = TypeVar("F", bound=Callable[..., Any])

TARGET_COLUMNS = (
    "metric", "low", "high", "unit", "comparator", "aspirational", "deadline", "quantity", "path", "text",
)


def _handle_errors(func: F) -> F:
    """Turn the engine's named failures into one clear line and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LuoshiError as exc:
            click.echo(f"luoshi: error: {exc}", err=True)
            sys.exit(2)
        except (KeyboardInterrupt, BrokenPipeError):
            sys.exit(1)
        except Exception as exc:  # a bug: still no traceback for the user
            if os.environ.get("LUOSHI_DEBUG"):
                raise
            click.echo(f"luoshi: internal error: {type(exc).__name__}: {exc} (set LUOSHI_DEBUG=1 for details)",
                       err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="luoshi")
def main() -> None:
    """luoshi (落实): read a government work report and track its targets."""


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--year", type=click.IntRange(1949, 2100), default=None,
              help="Plan year (default: read from the report).")
@click.option("--format", "fmt", type=click.Choice(["json", "table", "csv"]), default="json",
              show_default=True, help="json: the full plan; table: a view for a person; csv: one row per target.")
@click.option("--achievements", is_flag=True, help="With csv/table: list the review part's achievements too.")
@_handle_errors
def extract(file: str, year: int | None, fmt: str, achievements: bool) -> None:
    """Extract the plan tree and every quantified target from FILE (.txt, .docx, .pdf, .html)."""
    from .extract import extract_file

    plan = extract_file(file, year=year)
    if fmt == "json":
        click.echo(plan.to_json())
    elif fmt == "csv":
        _write_csv(plan, achievements)
    else:
        from .table import print_plan

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
@_handle_errors
def quantities(text: str) -> None:
    """Print every quantity found in TEXT (or stdin when TEXT is -) as JSON."""
    from .extract.numbers import find_quantities

    if text == "-":
        text = sys.stdin.read()
    found = [q.to_dict() for q in find_quantities(text)]
    click.echo(json.dumps(found, ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
