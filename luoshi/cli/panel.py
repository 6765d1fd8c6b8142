"""``luoshi batch`` and ``luoshi compare``: a corpus into a panel, governments side by side."""

from __future__ import annotations

import os

import click

from . import handle_errors, main


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=str))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="The panel to write (Parquet); its parts are kept beside it in OUT.parts/ for resuming.")
@click.option("--jobs", type=click.IntRange(1, 256), default=None, help="Worker processes (default: the cores).")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=str), default=None,
              help="JSONL with id (the file's stem), government, level, province, year for each report.")
@click.option("--reviews", is_flag=True, help="Also review each government's consecutive years (OUT.reviews.parquet).")
@click.option("--engine", type=click.Choice(["processes", "dask"]), default="processes", show_default=True,
              help="Where the jobs run: local worker processes, or a Dask cluster (pip install 'luoshi[dask]').")
@click.option("--scheduler", default=None, help="With --engine dask: the scheduler's address (default: a local cluster).")
@handle_errors
def batch(inputs: tuple[str, ...], out: str, jobs: int | None, manifest: str | None, reviews: bool, engine: str,
          scheduler: str | None) -> None:
    """Run every report under INPUTS (directories or files) through the engine into one panel:
    a row per target and achievement. Resumable: run it again after an interruption and it
    skips what is done."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..panel.batch import Outcome
    from ..panel.batch import batch as run

    console = Console(stderr=True)
    state = {"chars": 0, "errors": 0, "t0": 0.0}
    with Progress(TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                  TextColumn("{task.fields[errors]} errors"), TimeElapsedColumn(), console=console,
                  transient=not console.is_terminal) as bar:
        task = bar.add_task("reports", total=None, rate="", errors=0)

        def started(n: int) -> None:
            import time

            state["t0"] = time.perf_counter()
            bar.update(task, total=n)

        def advance(outcome: Outcome) -> None:
            import time

            state["chars"] += outcome.chars
            state["errors"] += bool(outcome.error)
            rate = state["chars"] / max(1e-9, time.perf_counter() - state["t0"])
            bar.update(task, advance=1, rate=f"{rate / 1e6:.2f} M chars/s", errors=state["errors"])

        summary = run(inputs, out, jobs=jobs, manifest=manifest, reviews=reviews, engine=engine,
                      scheduler=scheduler, progress=advance, on_start=started)
    rate = summary.chars / summary.seconds if summary.seconds else 0.0
    click.echo(f"{summary.reports} reports ({summary.skipped} done before), {summary.errors} errors, "
               f"{summary.rows} rows" + (f", {summary.review_rows} review rows" if reviews else "")
               + f" in {summary.seconds:.1f} s ({rate / 1e6:.2f} M chars/s)", err=True)
    for path in summary.outputs:
        click.echo(path)


@main.command()
@click.argument("panel", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--indicator", required=True, help="An indicator code (gdp_growth, cpi, …).")
@click.option("--year", type=click.IntRange(1949, 2100), default=None, help="Only this year.")
@click.option("--chart", "chart_prefix", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Also write CHART.png and CHART.svg: each government's target and result over the years.")
@handle_errors
def compare(panel: str, indicator: str, year: int | None, chart_prefix: str | None) -> None:
    """Print each parent government's target beside its children's (the gap in points), from a
    panel written by luoshi batch."""
    from ..panel import compare as C
    from ..table import print_side_by_side

    rows = C.load(panel, indicator)
    groups = C.side_by_side(rows, year)
    print_side_by_side(groups, indicator)
    if chart_prefix:
        keys = {r.government_key for parent, children in groups for r in (parent, *children)} or None
        for path in C.chart(rows, indicator, chart_prefix, sorted(keys) if keys else None):
            click.echo(os.path.normpath(path))
