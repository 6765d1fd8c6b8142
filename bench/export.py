#!/usr/bin/env python3
"""Export benchmark: the progress data of every plan at national scale. A benchmark, not a test.

usage: python bench/export.py [--formats csv jsonl parquet] [--plans 3000] [--targets 100]
                              [--reports 12] [--no-fill] [--out DIR]
                              [--pg postgres://luoshi:luoshi@127.0.0.1:5432] [--db luoshi_bench]

1. Fill: runs ``bench/web.py --keep --fill-only`` with the same size, which makes and fills
   the database ``--db`` on the server of ``--pg`` (3,000 plans × 100 targets × 12 monthly
   reports: 3.6 M reports, see bench/web.py) or reuses a filled one, and keeps it.
   ``--no-fill`` skips this step (the database must be filled already).
2. Export: for each format, a fresh Python process sets up the tracker on that database
   (``DATABASE_URL``, DEBUG off) and writes the progress data of all plans
   (``Plan.objects.all()``) with the functions the download views use —
   ``data.csv_chunks``, ``data.jsonl_chunks``, ``data.parquet_chunks`` — to a file in
   ``--out`` (a temporary directory by default, removed at the end), encoding text chunks
   as UTF-8 as the response does. It reports its seconds, its database queries and its peak
   RSS (``getrusage``'s ``ru_maxrss``: each format's peak is its own, in its own process),
   with the peak before the export began (Django, psycopg and pyarrow loaded).
3. Check: the rows of each file are counted (the CSV parsed, the JSON lines counted, the
   Parquet footer read) and must equal the database's: every report, plus one row for each
   target without reports.

Prints a line per format and a table: rows, seconds, rows/s, output size, peak RSS and
queries, against the requirement (peak RSS < 300 MB while streaming 3.6 M rows). Run from
the repository root: ``.venv/bin/python bench/export.py`` (``--plans 100`` for a quick run).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web import SECRET, database  # noqa: E402  (bench/web.py: the fill and its database URL)

ROOT = Path(__file__).resolve().parent.parent
FORMATS = {"csv": "csv_chunks", "jsonl": "jsonl_chunks", "parquet": "parquet_chunks"}
LIMIT_MB = 300


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


# ---------------------------------------------------------------- one format, in its own process


def export(fmt: str, path: Path) -> dict[str, Any]:
    """Write all plans' progress data as ``fmt`` to ``path`` (in this process: the child)."""
    import django

    django.setup()
    from django.db import connection

    from luoshi.core.exporters import data
    from luoshi.core.models import Plan

    if fmt == "parquet":
        import pyarrow.parquet  # noqa: F401  (loaded before the baseline, as in a server)

    queries = 0

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    before = peak_mb()
    chunks = getattr(data, FORMATS[fmt])
    t0 = time.perf_counter()
    with connection.execute_wrapper(count), open(path, "wb") as out:
        for chunk in chunks(Plan.objects.all()):
            out.write(chunk.encode() if isinstance(chunk, str) else chunk)
    seconds = time.perf_counter() - t0
    return {"format": fmt, "seconds": seconds, "queries": queries, "peak_mb": peak_mb(), "before_mb": before,
            "bytes": path.stat().st_size}


def count_rows(fmt: str, path: Path) -> int:
    if fmt == "csv":
        with open(path, encoding="utf-8-sig", newline="") as f:
            return sum(1 for _ in csv.reader(f)) - 1
    if fmt == "jsonl":
        with open(path, "rb") as f:
            return sum(1 for _ in f)
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)


def expected_rows(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("""SELECT (SELECT count(*) FROM core_progressreport)
                                   + (SELECT count(*) FROM core_target t WHERE NOT EXISTS
                                      (SELECT 1 FROM core_progressreport r WHERE r.target_id = t.id))""").fetchone()
    assert row is not None
    return int(row[0])


# ---------------------------------------------------------------- main


def fill(args: argparse.Namespace) -> str:
    """Run bench/web.py's fill (kept); returns its fill time as printed, or "(reused)"."""
    cmd = [sys.executable, str(ROOT / "bench" / "web.py"), "--keep", "--fill-only", "--plans", str(args.plans),
           "--targets", str(args.targets), "--reports", str(args.reports), "--pg", args.pg, "--db", args.db]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    lines = [line for line in proc.stdout.splitlines() if line and not line.startswith("|")]
    print("\n".join("  " + line for line in lines), flush=True)
    if proc.returncode:
        sys.exit(f"bench/web.py failed:\n{proc.stderr}")
    m = re.search(r"filled in ([\d.]+) s", proc.stdout)
    return f"{float(m.group(1)):.0f} s" if m else "(reused)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--formats", nargs="+", choices=list(FORMATS), default=list(FORMATS))
    ap.add_argument("--plans", type=int, default=3000, help="plans, one government each (3000)")
    ap.add_argument("--targets", type=int, default=100, help="targets per plan (100)")
    ap.add_argument("--reports", type=int, default=12, help="monthly accepted reports per target (12)")
    ap.add_argument("--no-fill", action="store_true", help="use the database as it is")
    ap.add_argument("--out", type=Path, help="keep the exported files in this directory")
    ap.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://luoshi:luoshi@127.0.0.1:5432"),
                    help="PostgreSQL server URL (a role with CREATEDB)")
    ap.add_argument("--db", default="luoshi_bench", help="database (luoshi_bench)")
    ap.add_argument("--child", choices=list(FORMATS), help=argparse.SUPPRESS)
    ap.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:  # one export in this fresh process; the environment is set by the parent
        print(json.dumps(export(args.child, args.path)))
        return 0

    filled = "(not run)" if args.no_fill else fill(args)
    url = database(args.pg, args.db)
    expected = expected_rows(url)
    out = args.out or Path(tempfile.mkdtemp(prefix="luoshi-export-"))
    out.mkdir(parents=True, exist_ok=True)
    datadir = Path(tempfile.mkdtemp(prefix="luoshi-bench-"))
    env = os.environ | {"DATABASE_URL": url, "LUOSHI_SECRET_KEY": SECRET, "LUOSHI_DATA_DIR": str(datadir),
                        "LUOSHI_DEBUG": "0", "DJANGO_SETTINGS_MODULE": "luoshi.settings"}
    print(f"exporting all plans of {args.db}: {expected:,} rows expected", flush=True)
    results = []
    try:
        for fmt in args.formats:
            path = out / f"progress.{fmt}"
            proc = subprocess.run([sys.executable, __file__, "--child", fmt, "--path", str(path)], cwd=ROOT, env=env,
                                  capture_output=True, text=True)
            if proc.returncode:
                sys.exit(f"{fmt} export failed:\n{proc.stderr}")
            r = json.loads(proc.stdout.splitlines()[-1])
            r["rows"] = count_rows(fmt, path)
            r["rate"] = r["rows"] / r["seconds"]
            print(f"{fmt:<8} {r['rows']:>10,} rows  {r['seconds']:7.1f} s  {r['rate']:9,.0f} rows/s  "
                  f"{r['bytes'] / 2**20:8,.0f} MB  peak RSS {r['peak_mb']:6.0f} MB (before export "
                  f"{r['before_mb']:.0f} MB)  {r['queries']:,} queries", flush=True)
            results.append(r)
            if not args.out:
                path.unlink()
    finally:
        shutil.rmtree(datadir, ignore_errors=True)
        if not args.out:
            shutil.rmtree(out, ignore_errors=True)

    print(f"\nfill: {filled}")
    print("| format | rows | seconds | rows/s | output | peak RSS | queries | requirement | |")
    print("|---|---|---|---|---|---|---|---|---|")
    ok = True
    for r in results:
        good = r["rows"] == expected and r["peak_mb"] < LIMIT_MB
        ok &= good
        print(f"| {r['format']} | {r['rows']:,} | {r['seconds']:.1f} | {r['rate']:,.0f} | "
              f"{r['bytes'] / 2**20:,.0f} MB | {r['peak_mb']:.0f} MB | {r['queries']:,} | "
              f"< {LIMIT_MB} MB, {expected:,} rows | {'PASS' if good else 'FAIL'} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
