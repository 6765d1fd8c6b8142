#!/usr/bin/env python3
"""Accuracy and speed of the year-end review on the shared pairs (../shared/corpus/review).

usage: python bench/review.py [--shared PATH] [--show]

For each pair, runs the library (the same code as `luoshi review … --format json`), scores it
with the shared score_review.py and times the review alone and the whole pair (both reports
read and extracted, then reviewed). Reads ../shared when present; it is not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import sys
import tempfile
import time
from pathlib import Path

from luoshi import extract_file
from luoshi.extract.review import review_plans

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", action="store_true", help="print the wrong rows (score_review.py --show)")
    args = ap.parse_args()
    pairs = sorted((args.shared / "corpus" / "review").glob("*.links.jsonl"))
    if not pairs:
        print(f"no review pairs under {args.shared}", file=sys.stderr)
        return 1
    spec = importlib.util.spec_from_file_location("score_review", args.shared / "score_review.py")
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(args.shared))
    spec.loader.exec_module(scorer)
    for gold in pairs:
        a, b = gold.name.removesuffix(".links.jsonl").split("__")
        t0 = time.perf_counter()
        plan = extract_file(args.shared / "corpus" / "raw" / f"{a}.txt")
        report = extract_file(args.shared / "corpus" / "raw" / f"{b}.txt")
        t1 = time.perf_counter()
        result = review_plans(plan, report)
        t2 = time.perf_counter()
        with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
            f.write(result.to_json())
        sys.argv = ["score_review.py", str(gold), f.name] + (["--show"] if args.show else [])
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            scorer.main()
        res = json.loads(out.getvalue())
        print(f"  {a} → {b}: accuracy {res['accuracy']:.4f} ({res['right']}/{res['gold']}); "
              f"review {1000 * (t2 - t1):.0f} ms, whole pair {1000 * (t2 - t0):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
