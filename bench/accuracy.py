#!/usr/bin/env python3
"""Strict F1 of the engine on the shared gold files (../shared/corpus/gold), and the corpus.

usage: python bench/accuracy.py [--shared PATH] [--show ID]

Runs the library (the same code as `luoshi extract --format json`) on each gold report and
scores it with the shared score.py; then reads every report of ../shared/corpus/raw and prints
how many hold a plan part with targets, the share of targets with an indicator code, and for
each national report its main expected goals (each should come out once). Reads ../shared when
present; it is not a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import sys
from contextlib import redirect_stdout
from pathlib import Path

from luoshi import extract_file

ROOT = Path(__file__).resolve().parent.parent


def load_scorer(shared: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", shared / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", action="append", default=[], help="print misses/extras for this gold id")
    args = ap.parse_args()
    gold_dir = args.shared / "corpus" / "gold"
    if not gold_dir.is_dir():
        print(f"no gold files at {gold_dir}", file=sys.stderr)
        return 1
    scorer = load_scorer(args.shared)
    totals = []
    for gold_path in sorted(gold_dir.glob("*.targets.jsonl")):
        gid = gold_path.name.removesuffix(".targets.jsonl")
        src = args.shared / "corpus" / ("seed.txt" if gid == "seed" else f"raw/{gid}.txt")
        year = 2023 if gid == "seed" else int(gid[:4])
        gold = [json.loads(line) for line in gold_path.open(encoding="utf-8") if line.strip()]
        pred = [t.to_dict() for t in extract_file(src, year=year).targets]
        buf = io.StringIO()
        with redirect_stdout(buf):
            res = scorer.score(gold, pred, show=gid in args.show)
        if gid in args.show:
            print(buf.getvalue())
        totals.append(res["strict_f1"])
        print(f"  {gid:40s} strict F1 {res['strict_f1']:.3f}  P {res['precision']:.3f}  "
              f"R {res['recall']:.3f}  cmp {res['comparator_acc']:.3f}  asp {res['aspirational_acc']:.3f}  "
              f"({res['gold']} gold, {res['pred']} found)")
    print(f"  {'mean':40s} strict F1 {sum(totals) / len(totals):.3f}")
    corpus(args.shared / "corpus")
    return 0


MAIN_GOALS = ("gdp_growth", "cpi", "urban_new_jobs", "surveyed_unemployment", "registered_unemployment",
              "deficit_ratio")


def corpus(root: Path) -> None:
    manifest = {}
    if (root / "manifest.jsonl").exists():
        for line in (root / "manifest.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            manifest[row["id"]] = row
    reports = sorted((root / "raw").glob("*.txt"))
    with_plan, coded, total, warned = 0, 0, 0, []
    national = []
    for path in reports:
        meta = manifest.get(path.stem, {})
        plan = extract_file(path, year=meta.get("year"))
        has_plan = any(s["role"] == "plan" for s in plan.meta.sections) and bool(plan.targets)
        with_plan += has_plan
        if plan.meta.warnings:
            warned.append(path.stem)
        total += len(plan.targets)
        coded += sum(t.indicator is not None for t in plan.targets)
        if meta.get("level") == "national":
            year_end = f"{plan.meta.year}-12-31"  # the year's goals, not the five-year ones
            goals = {c: [t for t in plan.targets if t.indicator == c and t.deadline == year_end] for c in MAIN_GOALS}
            national.append((path.stem, goals))
    print(f"\n  corpus: {with_plan} of {len(reports)} reports with a plan part and targets; "
          f"warned (no plan part): {', '.join(warned) or 'none'}")
    print(f"  targets with an indicator code: {coded} of {total} ({coded / max(total, 1):.0%})")
    for stem, goals in national:
        cells = []
        for code, rows in goals.items():
            if rows:
                cells.append(f"{code} " + "/".join(f"{t.comparator}{t.low:g}" for t in rows)
                             + (" TWICE" if len(rows) > 1 else ""))
        print(f"  {stem}: " + "; ".join(cells))


if __name__ == "__main__":
    sys.exit(main())
