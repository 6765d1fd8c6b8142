"""``luoshi review``: year N's targets read against year N+1's review."""

from __future__ import annotations

import csv
import sys

import click

from . import handle_errors, main

LINK_COLUMNS = (
    "outcome", "metric", "indicator", "low", "high", "unit", "comparator", "deadline", "result_low",
    "result_high", "result_unit", "reason", "evidence", "target_text",
)


@main.command()
@click.argument("plan_n", type=click.Path(dir_okay=True, path_type=str))
@click.argument("report_n1", type=click.Path(dir_okay=True, path_type=str))
@click.option("--year", type=click.IntRange(1949, 2100), default=None,
              help="Plan year of PLAN_N (REPORT_N1 is then the next year's); default: read from the reports.")
@click.option("--format", "fmt", type=click.Choice(["json", "table", "csv"]), default="table", show_default=True,
              help="json: the full review; table: a view for a person; csv: one row per target.")
@click.option("--force", is_flag=True, help="Review a pair that is not one government's consecutive years.")
@handle_errors
def review(plan_n: str, report_n1: str, year: int | None, fmt: str, force: bool) -> None:
    """Read REPORT_N1's review of the past year against PLAN_N's targets: met, missed, unclear
    or unreported, each with its evidence."""
    from ..extract import extract_file
    from ..extract.review import review_plans

    plan = extract_file(plan_n, year=year)
    report = extract_file(report_n1, year=year + 1 if year else None)
    result = review_plans(plan, report, force=force)
    for warning in result.warnings:
        click.echo(f"luoshi: warning: {warning}", err=True)
    if fmt == "json":
        click.echo(result.to_json())
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(LINK_COLUMNS)
        for link in result.links:
            d = link.to_dict()
            writer.writerow([d[c] for c in LINK_COLUMNS])
    else:
        from ..table import print_review

        print_review(result)
