"""The tracker's commands: ``luoshi import``, ``demo``, ``run`` and ``manage``."""

from __future__ import annotations

import os

import click

from ..extract.errors import LuoshiError
from . import django_setup, handle_errors, main, migrate


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--government", required=True, help="Name of the government (created when new), e.g. 博山区.")
@click.option("--year", type=click.IntRange(1949, 2100), required=True, help="Plan year.")
@click.option("--level", type=click.Choice(["national", "provincial", "prefecture", "county"]), default=None,
              help="Level of a new government (default: read from the report, else county).")
@handle_errors
def import_(file: str, government: str, year: int, level: str | None) -> None:
    """Import a report into the tracker's database as a plan with its tree and targets."""
    from ..extract import extract_file

    plan = extract_file(file, year=year)
    django_setup()
    migrate()
    from ..core.services import ServiceError
    from ..core.services.imports import import_plan

    try:
        saved = import_plan(plan, government=government, year=year, level=level or "",
                            source_name=os.path.basename(file), source_bytes=open(file, "rb").read())
    except ServiceError as exc:
        raise LuoshiError(file, str(exc)) from exc
    click.echo(f"imported {saved}: {saved.targets.count()} targets, "
               f"{saved.nodes.exclude(kind='measure').count()} parts/areas/tasks (plan id {saved.pk})")


@main.command()
@click.option("--password", default=None, help="Password of the demo users (default: a new random one).")
@handle_errors
def demo(password: str | None) -> None:
    """Load the demo: the bundled 博山区 2023 plan, departments, users and demo reports."""
    django_setup()
    migrate()
    from ..core.services.demo import AS_OF, load_demo

    users = load_demo(password)
    for name, pw in users.items():
        click.echo(f"user {name:10s} password {pw}")
    click.echo(f"the demo's reports run to {AS_OF}; its dashboard shows the plan as of that day")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--no-demo", is_flag=True, help="Do not load the demo plan and users.")
@handle_errors
def run(host: str, port: int, no_demo: bool) -> None:
    """Migrate the database, load the demo, and serve the tracker (development server)."""
    django_setup()
    migrate()
    from django.core.management import call_command

    if not no_demo:
        from ..core.services.demo import load_demo

        users = load_demo()
        click.echo(f"log in at http://{host}:{port}/ as admin, password {users['admin']}")
        click.echo("(department reporter: gongxin; leader: leader; same password)")
    call_command("runserver", f"{host}:{port}", use_reloader=False)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command of the tracker (migrate, createsuperuser, …)."""
    django_setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["luoshi manage", *args])
