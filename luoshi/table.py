"""A terminal view of a plan for a person (``luoshi extract --format table``).

The plan tree with each target under the area and task it belongs to, then a count.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from .extract.model import Node, Plan, Target
from .extract.review import Review

_COMPARATOR = {">=": "≥", "<=": "≤", "~": "≈", "=": ""}


def value_text(t: Target) -> str:
    """``≥160 个``, ``1–2 个``, ``≈5.5 %``: a target's value as a person reads it."""

    def fmt(v: float | None) -> str:
        if v is None:
            return "?"
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}"

    body = fmt(t.low) if t.low == t.high else f"{fmt(t.low)}–{fmt(t.high)}"
    return f"{_COMPARATOR.get(t.comparator, '')}{body} {t.unit}".strip()


def _label(t: Target, default_deadline: str) -> str:
    parts = [f"[bold cyan]{escape(value_text(t))}[/bold cyan]", escape(t.metric)]
    if t.indicator:
        parts.append(f"[green]\\[{escape(t.indicator)}][/green]")
    if t.aspirational:
        parts.append("[yellow]力争[/yellow]")
    if t.deadline and t.deadline != default_deadline:
        parts.append(f"[magenta]→ {t.deadline}[/magenta]")
    return " ".join(parts)


def build_tree(plan: Plan, *, achievements: bool = False) -> Tree:
    m = plan.meta
    head = " · ".join(x for x in (m.government or plan.source, str(m.year or ""), m.speaker, m.date) if x)
    root = Tree(f"[bold]{escape(head)}[/bold]")
    default = f"{m.year}-12-31" if m.year else ""
    rows = list(plan.targets) + (list(plan.achievements) if achievements else [])
    by_path: dict[tuple[str, ...], list[Target]] = defaultdict(list)
    for t in rows:
        by_path[tuple(t.path)].append(t)

    def add(parent: Tree, node: Node, path: tuple[str, ...]) -> None:
        if node.kind == "measure":
            return
        here = path + (node.title,) if node.kind in ("area", "task") else path
        label = escape(f"{node.number}{node.title}")
        if node.kind == "part":
            label = f"[bold]{label}[/bold] [dim]({node.role})[/dim]"
        branch = parent.add(label)
        for child in node.children:
            add(branch, child, here)
        if node.kind in ("area", "task"):
            for t in by_path.pop(here, []):
                branch.add(_label(t, default))

    for node in plan.tree:
        add(root, node, ())
    for rest in by_path.values():  # figures outside any area (the goals paragraph)
        for t in rest:
            root.add(_label(t, default))
    return root


def print_plan(plan: Plan, *, achievements: bool = False, console: Console | None = None) -> None:
    console = console or Console()
    console.print(build_tree(plan, achievements=achievements))
    aspirational = sum(t.aspirational for t in plan.targets)
    console.print(f"{len(plan.targets)} targets ({aspirational} aspirational), "
                  f"{len(plan.achievements)} achievements")


_OUTCOME_STYLE = {"met": "green", "missed": "red", "unclear": "yellow", "unreported": "dim"}
_OUTCOME_ZH = {"met": "完成", "missed": "未完成", "unclear": "无法判断", "unreported": "未再提及"}


def print_review(review: Review, *, console: Console | None = None) -> None:
    """The year-end review for a person: a line per target — outcome, target, result, evidence."""
    from rich import box
    from rich.table import Table

    console = console or Console()
    table = Table(box=box.SIMPLE_HEAD, title=f"{review.government} {review.year or ''} → {review.report_source}")
    for col, width in (("判定", 8), ("目标 target", 28), ("结果", 10), ("依据 evidence", 28)):
        table.add_column(col, min_width=min(width, 8), max_width=width, no_wrap=True, overflow="ellipsis")
    for link in review.links:
        style = _OUTCOME_STYLE[link.outcome]
        target = Target(link.metric, link.low, link.high, link.unit, link.comparator, False, link.deadline, "",
                        (0, 0))
        result = _compact(link.result_low, link.result_unit) if link.result_low is not None else ""
        shown = f"{_COMPARATOR.get(link.comparator, '')}{_compact(link.low, link.unit)}" if link.low == link.high \
            else value_text(target)
        table.add_row(f"[{style}]{_OUTCOME_ZH[link.outcome]}[/{style}]", escape(f"{shown} {link.metric}"),
                      escape(result), escape(_around(link)))
    console.print(table)
    counts = review.counts()
    kept = review.kept_rate()
    console.print(", ".join(f"{n} {o}" for o, n in counts.items()) + f" of {len(review.links)} targets"
                  + (f" (kept {kept:.0%})" if kept is not None else ""))


def _around(link: Any) -> str:
    """The evidence from the clause of its figure on (固定资产投资增长8%左右), as a person scans it."""
    text: str = link.evidence
    if link.result_span and link.evidence_span:
        offset = link.result_span[0] - link.evidence_span[0]
        cut = max((text.rfind(p, 0, max(0, offset)) for p in "，,；;"), default=-1)
        text = text[cut + 1:]
    return text


def _compact(v: float | None, unit: str) -> str:
    """9700亿元, 1.1万人, 6.5 %: a figure as the reports write it."""
    if v is None:
        return "?"
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(v) >= size and unit not in ("%", "个百分点"):
            return f"{v / size:,.4g}{word}{unit}"
    return f"{v:,.4g} {unit}".strip() if unit in ("%", "个百分点") else f"{v:,.4g}{unit}"


def print_side_by_side(groups: list[tuple[Any, list[Any]]], indicator: str, *, console: Console | None = None) -> None:
    """A parent's target beside its children's, with each child's gap (层层加码) in points."""
    from rich import box
    from rich.table import Table

    console = console or Console()
    if not groups:
        console.print(f"no parent with children that set {indicator} in the panel")
        return
    for parent, children in groups:
        table = Table(box=box.SIMPLE_HEAD, title=f"{indicator} {parent.year}: {parent.government_key}")
        for col in ("government", "target", "gap", "result"):
            table.add_column(col)
        table.add_row(f"[bold]{escape(parent.government)}[/bold]", _fmt(parent.target, parent.comparator), "",
                      _fmt(parent.result, ""))
        for c in children:
            gap = "" if c.gap is None else f"{c.gap:+g}"
            table.add_row(f"  {escape(c.government)}", _fmt(c.target, c.comparator), gap, _fmt(c.result, ""))
        console.print(table)


def _fmt(v: float | None, comparator: str) -> str:
    return "" if v is None else f"{_COMPARATOR.get(comparator, '')}{v:g}"
