#!/usr/bin/env python3
"""Speed of the whole extraction over every report in ../shared/corpus/raw (reading excluded).

usage: python bench/extract.py [--shared PATH] [--repeat N]

Reads every report first, then times `luoshi.extract(text)` (normalisation, structure,
quantities, targets, deadlines) on one core. Prints characters per second, milliseconds per
report (mean, median, max) and peak memory. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from luoshi import extract
from luoshi.extract.reading import read_document

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over the corpus; the best is kept")
    args = ap.parse_args()
    files = sorted((args.shared / "corpus" / "raw").glob("*.txt"))
    if not files:
        print("no reports found under", args.shared / "corpus" / "raw", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    texts = [(f.name, int(f.name[:4]), read_document(f).text) for f in files]
    read_s = time.perf_counter() - t0
    chars = sum(len(t) for _, _, t in texts)
    extract(texts[0][2], year=texts[0][1])  # warm up: compile the rules once

    best = None
    for _ in range(args.repeat):
        per = []
        for _name, year, text in texts:
            s = time.perf_counter()
            extract(text, year=year)
            per.append(time.perf_counter() - s)
        if best is None or sum(per) < sum(best):
            best = per
    assert best is not None
    total = sum(best)

    tracemalloc.start()
    for _name, year, text in texts:
        extract(text, year=year)
    _, peak_py = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"reports            {len(texts)}")
    print(f"characters         {chars:,}")
    print(f"reading (excluded) {read_s * 1000:.0f} ms")
    print(f"extraction         {total:.3f} s  (best of {args.repeat})")
    print(f"speed              {chars / total:,.0f} chars/s")
    print(f"per report         mean {statistics.mean(best) * 1000:.1f} ms, "
          f"median {statistics.median(best) * 1000:.1f} ms, max {max(best) * 1000:.1f} ms")
    print(f"peak memory        {peak_py / 1e6:.1f} MB traced by Python during one pass; "
          f"process max RSS {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
