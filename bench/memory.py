#!/usr/bin/env python3
"""Peak memory of ``luoshi extract`` on a big text. A benchmark, not a test.

usage: python bench/memory.py [--mb 45] [--format json] [--keep FILE]

Makes a UTF-8 text of about ``--mb`` MB from three bundled example reports (luoshi/examples/, one
after the other, again and again: a big input full of real parts, areas and targets), runs
``luoshi extract`` on it in a process of its own (output to /dev/null), and prints the input's
size, the time, the process's peak resident memory (ru_maxrss) and its ratio to the input. It
also prints the peak of a process that extracts the smallest example, which is the part of the
peak that does not grow with the input (Python, the engine, the rules compiled).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# three of the bundled reports (a county's, the State Council's, a prefecture's): the figures in
# docs/contributor.md are of these
EXAMPLES = [ROOT / "luoshi" / "examples" / f for f in ("boshan_2023.txt", "guowuyuan_2022.txt", "qingyuan_2023.txt")]


def big_text(mb: float) -> str:
    reports = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    chunk = "\n\n".join(reports) + "\n\n"
    size = len(chunk.encode("utf-8"))
    return chunk * max(1, round(mb * 1e6 / size))


def peak(args: list[str]) -> tuple[float, int, int]:
    """Seconds, peak RSS in bytes and the exit status of ``luoshi ARGS``."""
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen([sys.executable, "-m", "luoshi", *args], cwd=ROOT, stdout=null)
        _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t0, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--mb", type=float, default=45)
    p.add_argument("--format", default="json", choices=("json", "csv", "table"))
    p.add_argument("--keep", type=Path, help="also write the big text here")
    args = p.parse_args()
    smallest = min(EXAMPLES, key=lambda e: e.stat().st_size)
    base_s, base, _ = peak(["extract", str(smallest), "--format", args.format])
    with tempfile.TemporaryDirectory(prefix="luoshi-memory-") as tmp:
        path = args.keep or Path(tmp) / "big.txt"
        path.write_text(big_text(args.mb), encoding="utf-8")
        size = path.stat().st_size
        seconds, rss, code = peak(["extract", str(path), "--format", args.format])
    print(f"input: {size / 1e6:.1f} MB UTF-8 ({len(path.read_text(encoding='utf-8')) if args.keep else '…'} chars)"
          if args.keep else f"input: {size / 1e6:.1f} MB UTF-8")
    print(f"luoshi extract --format {args.format}: {seconds:.1f} s, peak RSS {rss / 1e6:,.0f} MB, exit {code}")
    print(f"a small report ({smallest.name}): {base_s:.1f} s, peak RSS {base / 1e6:.0f} MB")
    print(f"peak / input: {rss / size:.1f}; (peak − small report's) / input: {(rss - base) / size:.1f}")
    return code


if __name__ == "__main__":
    sys.exit(main())
