"""The engine's entry points: a text or a file in, a ``Plan`` out."""

from __future__ import annotations

import os

from .errors import NoPlanFound
from .model import Plan, Target
from .normalize import normalise
from .structure import outline
from .targets import extract_targets


def extract(text: str, *, year: int | None = None, source: str = "<text>", encoding: str = "") -> Plan:
    """Read a report given as a string.

    ``year`` is the plan year (when omitted it is read from the report: a part heading
    such as ``2023年工作安排``, else the date line). A text with no plan gives a ``Plan``
    whose tree and target lists are empty; this function raises nothing for any string.
    """
    norm = normalise(text)
    out = outline(norm, year)
    plan_year = out.meta.year or year
    targets: list[Target] = []
    achievements: list[Target] = []
    if plan_year is not None:
        targets, achievements = extract_targets(norm, out.sentences, plan_year)
    return Plan(source, encoding, norm, out.meta, out.tree, targets, achievements)


def extract_file(path: str | os.PathLike[str], *, year: int | None = None) -> Plan:
    """Read a report file (.txt in any common encoding, .docx, .pdf, .html).

    Raises ``UnreadableInput`` when the file cannot be read as a document and
    ``NoPlanFound`` when it holds no plan (no parts, areas or figures).
    """
    from .reading import read_document

    doc = read_document(path)
    plan = extract(doc.text, year=year, source=doc.source, encoding=doc.encoding)
    if is_empty(plan):
        raise NoPlanFound(str(path), "no plan found: no parts, areas or targets in the text")
    return plan


def is_empty(plan: Plan) -> bool:
    """A plan with no structure and no figures: the text was not a work report."""
    return not plan.targets and not plan.achievements and not any(n.kind != "measure" for n in plan.tree)
