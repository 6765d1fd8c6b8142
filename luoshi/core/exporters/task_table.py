"""The task decomposition table (重点任务分解表): one row per target under its area's
section row, with lead and support departments and the deadline; .xlsx and .docx.

The .xlsx keeps a hidden last column with each row's stable id (``target:ID`` or ``area:ID``)
so that an edited table can be matched back row by row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO

from ..models import Department, Node, Plan, Target
from ..services.assignment import Inheritance, split
from .wording import deadline_phrase, target_phrase

COLUMNS = ("序号", "重点任务", "具体目标", "牵头领导", "牵头单位", "配合单位", "完成时限", "备注")
WIDTHS = (5, 26, 40, 8, 20, 22, 16, 12)
ID_COLUMN = "ID"


@dataclass(frozen=True, slots=True)
class Row:
    kind: str  # "section" (an area) or "target"
    key: str  # the stable id: "area:12" / "target:345"
    cells: tuple[str, ...]


def rows(plan: Plan) -> Iterator[Row]:
    """Section rows for areas, then one row per target, in plan order."""
    targets = list(Target.objects.filter(plan=plan).order_by("order").select_related("node"))
    leaders = {d.id: d.leader.get_full_name() or d.leader.username
               for d in Department.objects.filter(government=plan.government_id, leader__isnull=False)
               .select_related("leader")}
    nodes = {n.id: n for n in Node.objects.filter(plan=plan).exclude(kind=Node.Kind.MEASURE)}
    inheritance = Inheritance.of_plans([plan.id])
    current_area: int | None = None
    number = 0
    for t in targets:
        node = nodes.get(t.node_id) if t.node_id else None
        task = node if node is not None and node.kind == Node.Kind.TASK else None
        area = node
        while area is not None and area.kind != Node.Kind.AREA:
            area = nodes.get(area.parent_id) if area.parent_id else None
        area_id = area.id if area is not None else 0
        if area_id != current_area:
            current_area = area_id
            yield Row("section", f"area:{area_id}", (area.title if area is not None else "其他目标",))
        number += 1
        departments = split(inheritance.of(t))
        lead, support = departments["lead"], departments["support"]
        yield Row("target", f"target:{t.id}", (
            str(number),
            task.title if task is not None else (area.title if area is not None else ""),
            target_phrase(t.metric, t.low, t.high, t.unit, t.comparator, t.aspirational),
            "、".join(dict.fromkeys(leaders[d.id] for d in lead if d.id in leaders)),  # 分管领导 of the lead
            "、".join(d.name for d in lead),
            "、".join(d.name for d in support),
            deadline_phrase(t.deadline),
            closed_phrase(t.closed_on),
        ))


def closed_phrase(day: date | None) -> str:
    """已销号 with its date, as the task table's 备注 and the bulletin write it."""
    return f"已销号（{day.year}年{day.month}月{day.day}日）" if day else ""


def title(plan: Plan) -> str:
    return f"{plan.government.name}{plan.year}年政府工作报告重点任务分解表"


def write_xlsx(plan: Plan, out: IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    wb = Workbook()
    ws = wb.active
    ws.title = "重点任务分解表"
    thin = Side(style="thin", color="888888")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    ncol = len(COLUMNS)
    ws.append([title(plan)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(1, 1).font = Font(bold=True, size=16)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.append([*COLUMNS, ID_COLUMN])
    for c in range(1, ncol + 2):
        cell = ws.cell(2, c)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for r in rows(plan):
        if r.kind == "section":
            ws.append([r.cells[0], *[None] * (ncol - 1), r.key])
            n = ws.max_row
            ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=ncol)
            ws.cell(n, 1).font = Font(bold=True)
            ws.cell(n, 1).fill = PatternFill("solid", fgColor="F2E6E6")
            ws.cell(n, 1).alignment = wrap
        else:
            ws.append([*r.cells, r.key])
            n = ws.max_row
            for c in range(1, ncol + 1):
                ws.cell(n, c).alignment = wrap
                ws.cell(n, c).border = border
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[ws.cell(2, i).column_letter].width = width
    id_letter = ws.cell(2, ncol + 1).column_letter
    ws.column_dimensions[id_letter].hidden = True
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_area = f"A1:{ws.cell(2, ncol).column_letter}{ws.max_row}"
    wb.save(out)


def write_docx(plan: Plan, out: IO[bytes]) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    heading = doc.add_paragraph()
    run = heading.add_run(title(plan))
    run.bold, run.font.size = True, Pt(16)
    heading.alignment = 1  # centre
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    header = table.rows[0]
    for cell, name in zip(header.cells, COLUMNS, strict=True):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    tr_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)  # the header row repeats on every page
    for r in rows(plan):
        cells = table.add_row().cells
        if r.kind == "section":
            merged = cells[0].merge(cells[-1])
            merged.text = r.cells[0]
            merged.paragraphs[0].runs[0].bold = True
        else:
            for cell, text in zip(cells, r.cells, strict=True):
                cell.text = text
    table.autofit = False
    usable = 29.7 - 2 * 1.8
    for i, width in enumerate(WIDTHS):
        size = Cm(usable * width / sum(WIDTHS))
        table.columns[i].width = size  # the grid LibreOffice and Word lay out by
        for cell in table.columns[i].cells:
            cell.width = size
    doc.save(out)
