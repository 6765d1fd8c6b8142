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


def _django() -> None:
    """Set up the tracker (Django) for a command that needs the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--government", required=True, help="Name of the government (created when new), e.g. 博山区.")
@click.option("--year", type=click.IntRange(1949, 2100), required=True, help="Plan year.")
@click.option("--level", type=click.Choice(["national", "provincial", "prefecture", "county"]), default=None,
              help="Level of a new government (default: read from the report, else county).")
@_handle_errors
def import_(file: str, government: str, year: int, level: str | None) -> None:
    """Import a report into the tracker's database as a plan with its tree and targets."""
    from .extract import extract_file

    plan = extract_file(file, year=year)
    _django()
    _migrate()
    from .core.services import ServiceError
    from .core.services.imports import import_plan

    try:
        saved = import_plan(plan, government=government, year=year, level=level or "",
                            source_name=os.path.basename(file), source_bytes=open(file, "rb").read())
    except ServiceError as exc:
        raise LuoshiError(file, str(exc)) from exc
    click.echo(f"imported {saved}: {saved.targets.count()} targets, "
               f"{saved.nodes.exclude(kind='measure').count()} parts/areas/tasks (plan id {saved.pk})")


@main.command()
@click.option("--password", default=None, help="Password of the demo users (default: a new random one).")
@_handle_errors
def demo(password: str | None) -> None:
    """Load the demo: the bundled 博山区 2023 plan, departments, users and demo reports."""
    _django()
    _migrate()
    from .core.services.demo import AS_OF, load_demo

    users = load_demo(password)
    for name, pw in users.items():
        click.echo(f"user {name:10s} password {pw}")
    click.echo(f"the demo's reports run to {AS_OF}; its dashboard shows the plan as of that day")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--no-demo", is_flag=True, help="Do not load the demo plan and users.")
@_handle_errors
def run(host: str, port: int, no_demo: bool) -> None:
    """Migrate the database, load the demo, and serve the tracker (development server)."""
    _django()
    _migrate()
    from django.core.management import call_command

    if not no_demo:
        from .core.services.demo import load_demo

        users = load_demo()
        click.echo(f"log in at http://{host}:{port}/ as admin, password {users['admin']}")
        click.echo("(department reporter: gongxin; leader: leader; same password)")
    call_command("runserver", f"{host}:{port}", use_reloader=False)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command of the tracker (migrate, createsuperuser, …)."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["luoshi manage", *args])


if __name__ == "__main__":  # pragma: no cover
    main()
