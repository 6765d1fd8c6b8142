"""``luoshi compare``: governments side by side on one indicator.

From a panel written by ``luoshi batch``: a parent's target beside its children's for a year,
with the gap in points (层层加码: a county setting more than its prefecture), and a chart of
each government's target and result over the years (PNG and SVG, with matplotlib from the
``luoshi[research]`` extra).
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ..extract.errors import LuoshiError
from ..extract.indicators import BY_CODE


@dataclass(slots=True)
class Row:
    government: str
    government_key: str
    level: str
    year: int
    target: float | None
    comparator: str
    result: float | None  # what the next year's report gives for it (its first achievement)
    gap: float | None = None  # target minus the parent's, in the indicator's unit (points for %)


def load(panel: str | os.PathLike[str], indicator: str) -> list[dict[str, Any]]:
    if indicator not in BY_CODE:
        raise LuoshiError(indicator, "no such indicator code (see docs/researcher.md#the-indicator-catalog)")
    try:
        table = pq.read_table(panel, filters=[("indicator", "=", indicator)])
    except (OSError, ValueError) as exc:
        raise LuoshiError(str(panel), f"not a panel written by luoshi batch: {exc}") from None
    return table.to_pylist()  # type: ignore[no-any-return]


def series(rows: list[dict[str, Any]]) -> dict[str, list[Row]]:
    """Per government (its identity key), its yearly target and result, by year."""
    targets: dict[tuple[str, int], dict[str, Any]] = {}
    results: dict[tuple[str, int], float] = {}
    for r in sorted(rows, key=lambda r: (r["government_key"], r["year"] or 0, r["span_start"])):
        year = r["year"]
        if year is None:
            continue
        key = (r["government_key"], year)
        if r["role"] == "target" and r["deadline"] == f"{year}-12-31":
            targets.setdefault(key, r)
        elif r["role"] == "achievement":
            results.setdefault((r["government_key"], year - 1), r["low"])
    out: dict[str, list[Row]] = defaultdict(list)
    for (gkey, year), r in sorted(targets.items()):
        value = r["low"] if r["low"] == r["high"] or r["high"] is None else (r["low"] + r["high"]) / 2
        out[gkey].append(Row(r["government"], gkey, r["level"], year, value, r["comparator"],
                             results.get((gkey, year))))
    return dict(out)


def side_by_side(rows: list[dict[str, Any]], year: int | None = None) -> list[tuple[Row, list[Row]]]:
    """Each parent that has children in the panel, its target beside theirs (for ``year``, or
    every year both have), children's gaps filled in."""
    by_gov = series(rows)
    flat = [r for rs in by_gov.values() for r in rs if year is None or r.year == year]
    out = []
    for parent in flat:
        children = [c for c in flat if c.year == parent.year and c.government_key != parent.government_key
                    and c.government_key.startswith(parent.government_key + "/")
                    and c.government_key.count("/") == parent.government_key.count("/") + 1]
        if not children:
            continue
        for c in children:
            c.gap = None if c.target is None or parent.target is None else round(c.target - parent.target, 4)
        out.append((parent, sorted(children, key=lambda c: c.government)))
    return sorted(out, key=lambda pc: (pc[0].year, pc[0].government_key))


def chart(rows: list[dict[str, Any]], indicator: str, out_prefix: str | os.PathLike[str],
          governments: list[str] | None = None) -> list[str]:
    """A line per government: its target (solid) and result (dotted) over the years. Writes
    OUT_PREFIX.png and OUT_PREFIX.svg and returns their paths."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib import font_manager
    except ImportError:
        raise LuoshiError("compare --chart", "matplotlib is not installed: pip install 'luoshi[research]'") from None
    by_gov = series(rows)
    if governments:
        by_gov = {k: v for k, v in by_gov.items() if any(g in k for g in governments)}
    cjk = [f.name for f in font_manager.fontManager.ttflist
           if any(n in f.name for n in ("Noto Sans CJK", "Noto Serif CJK", "WenQuanYi", "Source Han", "SimHei",
                                        "Droid Sans Fallback"))]
    if cjk:
        plt.rcParams["font.family"] = [cjk[0], "DejaVu Sans"]
    fig, ax = plt.subplots(figsize=(9, 5), dpi=100)
    for i, (gkey, rs) in enumerate(sorted(by_gov.items())):
        color = f"C{i % 10}"
        years = [r.year for r in rs]
        label = gkey.split("/")[-1]  # without a CJK font installed the names show as boxes
        ax.plot(years, [r.target for r in rs], "-o", color=color, label=label)
        done = [(r.year, r.result) for r in rs if r.result is not None]
        if done:
            ax.plot([y for y, _ in done], [v for _, v in done], ":x", color=color)
    ind = BY_CODE[indicator]
    ax.set_title(f"{ind.name_en} ({indicator}): target — solid, result — dotted")
    ax.set_xlabel("year")
    ax.grid(alpha=0.3)
    if by_gov:
        ax.legend(fontsize=7, ncol=2)
    prefix = Path(out_prefix)
    paths = [str(prefix.with_name(prefix.name + ".png")), str(prefix.with_name(prefix.name + ".svg"))]
    for p in paths:
        fig.savefig(p, bbox_inches="tight")
    plt.close(fig)
    return paths
