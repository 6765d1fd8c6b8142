"""Typed results of the engine. Every item keeps its text and its span.

Spans are ``[start, end)`` character offsets into ``Plan.text``, the normalised text.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import IO, Any


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written, with its magnitude folded in and its unit.

    ``low``/``high`` are equal unless the text gives a range (``1—2个``, ``两三个``).
    ``unit`` is the unit as written without the magnitude word (``亿元`` → ``元``);
    empty for a bare number. ``kind`` classifies the unit (see ``rules.units``).
    ``approx`` is a comparator implied inside the quantity itself: ``>=`` for
    ``200余人``/``700多处``, ``~`` for ``十几个``; empty otherwise.
    """

    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str
    kind: str
    approx: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Target:
    """A quantified commitment (or, in ``Plan.achievements``, a past result)."""

    metric: str
    low: float | None
    high: float | None
    unit: str
    comparator: str  # one of "=", ">=", "<=", "~"
    aspirational: bool
    deadline: str  # ISO date
    text: str  # the sentence that holds it
    span: tuple[int, int]  # span of the quantity in Plan.text
    path: list[str] = field(default_factory=list)  # titles of the area/task it sits under
    quantity: str = ""  # the quantity as written, with its comparator words
    kind: str = ""
    role: str = "target"  # "target" or "achievement"
    indicator: str | None = None  # code of the canonical indicator (rules/indicators.py), or None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass(slots=True)
class Node:
    """A node of the plan tree: a part, the goals block, an area, a task or a measure."""

    kind: str  # "part" | "goals" | "area" | "task" | "measure"
    title: str
    span: tuple[int, int]
    role: str = ""  # for parts: "review" | "plan" | "conduct" | "other"
    number: str = ""  # the heading's own numbering as written ("一、", "（二）", "1.")
    children: list[Node] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self.shallow_dict() | {"children": [c.to_dict() for c in self.children]}

    def shallow_dict(self) -> dict[str, Any]:
        """``to_dict`` with the children left as nodes."""
        return {"kind": self.kind, "title": self.title, "number": self.number, "role": self.role,
                "span": list(self.span), "children": self.children}


@dataclass(slots=True)
class Meta:
    government: str = ""
    level: str = ""  # national | provincial | prefecture | county | ""
    year: int | None = None
    date: str = ""  # ISO date the report was delivered, when stated
    speaker: str = ""
    # Which spans of the text were read as review, plan, conduct…: dicts with role, start,
    # end, confidence (0–1) and basis ("heading": a part heading named it; "content": the
    # paragraphs' tense markers did; "default": nothing did, a text with no parts is plan).
    sections: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. no plan part found

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Plan:
    """What the engine reads out of one report."""

    source: str
    encoding: str
    text: str
    meta: Meta
    tree: list[Node]
    targets: list[Target]
    achievements: list[Target]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "encoding": self.encoding,
            "meta": self.meta.to_dict(),
            "tree": [n.to_dict() for n in self.tree],
            "targets": [t.to_dict() for t in self.targets],
            "achievements": [t.to_dict() for t in self.achievements],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def write_json(self, out: IO[str], indent: int | None = 2) -> None:
        """``to_json`` written piece by piece (and a newline): a big plan's JSON is never held
        whole in memory (a 45 MB report's is some 180 M characters, with the encoder's pieces
        of it twice that)."""
        # the tree's nodes and the targets become dicts one at a time, as the encoder reaches
        # them (a big report's tree has hundreds of thousands of measures)
        whole = {"source": self.source, "encoding": self.encoding, "meta": self.meta.to_dict(),
                 "tree": self.tree, "targets": self.targets, "achievements": self.achievements}
        encoder = json.JSONEncoder(ensure_ascii=False, indent=indent, default=_one_level)
        batch: list[str] = []
        for piece in encoder.iterencode(whole):
            batch.append(piece)
            if len(batch) == 8192:  # a few hundred KB a write: few calls, little held
                out.write("".join(batch))
                batch.clear()
        out.write("".join(batch) + "\n")


def _one_level(obj: object) -> Any:
    """``Plan.write_json``'s encoder: a node or target as a dict, its children still nodes."""
    if isinstance(obj, Node):
        return obj.shallow_dict()
    if isinstance(obj, Target):
        return obj.to_dict()
    raise TypeError(f"{type(obj).__name__} is not JSON serializable")
