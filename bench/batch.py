#!/usr/bin/env python3
"""Wall time of `luoshi batch` over the shared corpus, process start included.

usage: python bench/batch.py [--shared PATH] [--jobs N] [--repeat N]

Runs the command as a user would (a fresh process, a fresh output directory) and prints the
wall time and characters per second of each run. Reads ../shared when present; not a test.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from luoshi.extract.reading import read_document

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    raw = args.shared / "corpus" / "raw"
    if not raw.is_dir():
        print(f"no corpus at {raw}", file=sys.stderr)
        return 1
    chars = sum(len(read_document(p).text) for p in sorted(raw.glob("*.txt")))
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "luoshi", "batch", str(raw), "--out", f"{tmp}/p.parquet",
                            "--jobs", str(args.jobs), "--manifest", str(args.shared / "corpus" / "manifest.jsonl")],
                           check=True, capture_output=True)
            dt = time.perf_counter() - t0
        print(f"  {args.jobs} jobs: {dt:.2f} s wall, {chars / dt / 1e6:.2f} M chars/s ({chars:,} chars)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
