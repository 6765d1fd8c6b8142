"""A terminal view of a plan for a person (``luoshi extract --format table``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from .extract.model import Node, Plan, Target

_COMPARATOR = {">=": "≥", "<=": "≤", "~": "≈", "=": ""}


def _value(t: Target) -> str:
    def fmt(v: float | None) -> str:
        if v is None:
            return "?"
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}"

    body = fmt(t.low) if t.low == t.high else f"{fmt(t.low)}–{fmt(t.high)}"
    return f"{_COMPARATOR.get(t.comparator, '')}{body} {t.unit}".strip()


def _tree(plan: Plan) -> Tree:
    m = plan.meta
    root = Tree(f"[bold]{m.government or plan.source}[/bold] {m.year or ''} · {m.speaker} {m.date}")

    def add(parent: Tree, node: Node) -> None:
        if node.kind == "measure":
            return
        label = f"{node.number}{node.title}"
        if node.kind == "part":
            label = f"[bold]{label}[/bold] [dim]({node.role})[/dim]"
        branch = parent.add(label)
        for child in node.children:
            add(branch, child)

    for node in plan.tree:
        add(root, node)
    return root


def _targets_table(title: str, rows: list[Target]) -> Table:
    table = Table(title=title, show_lines=False, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("指标 metric")
    table.add_column("目标值 value", justify="right", no_wrap=True)
    table.add_column("力争", justify="center", no_wrap=True)
    table.add_column("时限 deadline", no_wrap=True)
    table.add_column("所属 area / task", overflow="fold")
    for i, t in enumerate(rows, 1):
        table.add_row(str(i), t.metric, _value(t), "✓" if t.aspirational else "", t.deadline,
                      " / ".join(t.path))
    return table


def print_plan(plan: Plan, *, achievements: bool = False, console: Console | None = None) -> None:
    console = console or Console()
    console.print(_tree(plan))
    console.print(_targets_table(f"目标 targets ({len(plan.targets)})", plan.targets))
    if achievements:
        console.print(_targets_table(f"成绩 achievements ({len(plan.achievements)})", plan.achievements))
    else:
        console.print(f"[dim]{len(plan.achievements)} achievements in the review part (--achievements)[/dim]")
