"""The progress bulletin (督查通报) of a plan as of a date: the summary by status, tables by
area and by lead department with a bar for each, and the lagging and overdue items with their
departments and the problems they stated. Written in Chinese, as a 通报 is; as .docx here and
as a printable page by ``web``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import IO

from .. import status as S
from ..models import Plan
from ..services.dashboard import Group, PlanStatus, TargetStatus, plan_status
from .wording import deadline_phrase, target_phrase

ORDER = (S.DONE, S.AHEAD, S.ON_TRACK, S.BEHIND, S.OVERDUE, S.NOT_REPORTED, S.CLOSED)
BAR_CELLS = 20  # the width of a bar in the .docx, in table cells
COLOURS = {S.DONE: "1E7B34", S.AHEAD: "3CA55C", S.ON_TRACK: "9BD3A9", S.BEHIND: "E0B000",
           S.OVERDUE: "C62828", S.NOT_REPORTED: "E8A0A0", S.CLOSED: "5B7FA8"}


@dataclass(slots=True)
class Item:
    """A lagging or overdue target as the bulletin lists it."""

    target: str
    task: str
    lead: str
    completion: str
    deadline: str
    problems: str


@dataclass(slots=True)
class Section:
    """A section another app adds after the overdue targets (督办: the departments escalated)."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]
    note: str = ""


# what adds sections: functions of (plan, as of) registered by other apps' ``AppConfig.ready``
SECTIONS: list[Callable[[Plan, date], Section | None]] = []
NUMERALS = "一二三四五六七八九十"


@dataclass(slots=True)
class Bulletin:
    plan: Plan
    as_of: date
    status: PlanStatus
    sections: list[Section] = field(default_factory=list)

    @property
    def numbered(self) -> list[tuple[str, Section]]:
        """The added sections with their numbers (六、…), after the five of every bulletin."""
        return [(NUMERALS[5 + i], s) for i, s in enumerate(self.sections)]

    @property
    def last_number(self) -> str:
        """The number of 下一步要求, the last section."""
        return NUMERALS[5 + len(self.sections)]

    @property
    def title(self) -> str:
        return f"关于{self.plan.government.name}{self.plan.year}年政府工作报告重点任务推进情况的通报"

    @property
    def total(self) -> int:
        return sum(self.status.counts.values())

    def summary(self) -> str:
        """一、总体情况: one paragraph of counts and shares."""
        parts = [f"{S.LABELS[s]}{self.status.counts[s]}项、占{self.status.percent(s):.1f}%" for s in ORDER]
        done = self.status.completion
        return (f"截至{self.as_of.year}年{self.as_of.month}月{self.as_of.day}日，{self.plan.year}年政府工作报告确定的"
                f"{self.total}项量化目标中，" + "，".join(parts)
                + f"。按权重计算，整体完成率为{(done or 0):.1f}%，序时进度为"
                f"{100 * _elapsed(self.plan, self.as_of):.1f}%。")

    def groups(self, which: str) -> list[Group]:
        groups = self.status.by_area if which == "area" else self.status.by_department
        return sorted(groups, key=lambda g: (g.name == "—", -(g.completion or 0.0)))

    def items(self, status: str) -> list[Item]:
        return [_item(r) for r in self.status.rows if r.status == status]


def _elapsed(plan: Plan, as_of: date) -> float:
    start, end = date(plan.year, 1, 1), date(plan.year, 12, 31)
    return min(1.0, max(0.0, (as_of - start).days / (end - start).days))


def _item(r: TargetStatus) -> Item:
    t = r.target
    return Item(
        target=target_phrase(t.metric, t.low, t.high, t.unit, t.comparator, t.aspirational),
        task=r.area.title if r.area is not None else "",
        lead="、".join(d.name for d in r.lead) or "未明确",
        completion=f"{r.completion:.1f}%" if r.completion is not None else "未报送",
        deadline=deadline_phrase(t.deadline),
        problems=(r.report.problems if r.report is not None else "") or "—",
    )


def build(plan: Plan, as_of: date) -> Bulletin:
    return Bulletin(plan, as_of, plan_status(plan, as_of),
                    [s for add in SECTIONS if (s := add(plan, as_of)) is not None])


def write_docx(bulletin: Bulletin, out: IO[bytes]) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(bulletin.title)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(18), RGBColor(0xB0, 0x10, 0x10)
    sub = doc.add_paragraph(f"（截至{bulletin.as_of.year}年{bulletin.as_of.month}月{bulletin.as_of.day}日）")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_heading("一、总体情况", level=2)
    doc.add_paragraph(bulletin.summary())

    def shade(cell, colour: str) -> None:  # type: ignore[no-untyped-def]
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:fill"), colour)
        cell._tc.get_or_add_tcPr().append(shd)

    def group_table(title: str, which: str) -> None:
        doc.add_heading(title, level=2)
        table = doc.add_table(rows=1, cols=4 + BAR_CELLS)
        table.style = "Table Grid"
        hdr = table.rows[0].cells
        for cell, text in zip(hdr[:4], ("名称", "目标数", "完成率", "欠进度/逾期"), strict=True):
            cell.text = text
        bar_head = hdr[4].merge(hdr[-1])
        bar_head.text = "各状态占比（" + "、".join(S.LABELS[s] for s in ORDER) + "）"
        for g in bulletin.groups(which):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = g.name, str(g.total)
            cells[2].text = f"{(g.completion or 0):.1f}%"
            cells[3].text = f"{g.counts[S.BEHIND]}/{g.counts[S.OVERDUE]}"
            col = 4
            for s in ORDER:  # the bar: cells shaded in proportion to each status
                n = round(BAR_CELLS * g.counts[s] / g.total) if g.total else 0
                for _ in range(min(n, len(cells) - col)):
                    shade(cells[col], COLOURS[s])
                    col += 1
        table.autofit = False
        for i, width in enumerate((4.0, 1.2, 2.0, 1.8) + (0.35,) * BAR_CELLS):
            table.columns[i].width = Cm(width)
            for cell in table.columns[i].cells:
                cell.width = Cm(width)

    group_table("二、分领域推进情况", "area")
    group_table("三、分牵头单位推进情况", "department")

    def item_table(title: str, status: str) -> None:
        doc.add_heading(title, level=2)
        items = bulletin.items(status)
        if not items:
            doc.add_paragraph("无。")
            return
        table = doc.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("序号", "目标", "所属领域", "牵头单位", "完成率", "存在问题"),
                              strict=True):
            cell.text = text
        for i, it in enumerate(items, 1):
            for cell, text in zip(table.add_row().cells,
                                  (str(i), it.target, it.task, it.lead, it.completion, it.problems), strict=True):
                cell.text = text

    item_table("四、欠进度目标", S.BEHIND)
    item_table("五、逾期未完成目标", S.OVERDUE)
    for number, sec in bulletin.numbered:
        doc.add_heading(f"{number}、{sec.title}", level=2)
        if sec.note:
            doc.add_paragraph(sec.note)
        if not sec.rows:
            doc.add_paragraph("无。")
            continue
        table = doc.add_table(rows=1, cols=len(sec.columns))
        table.style = "Table Grid"
        for row in ((sec.columns), *sec.rows):
            cells = table.rows[0].cells if row is sec.columns else table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    doc.add_heading(f"{bulletin.last_number}、下一步要求", level=2)
    doc.add_paragraph("请各牵头单位对照序时进度，认真分析欠进度和逾期未完成目标的原因，制定整改措施，"
                      "明确完成时限，于下次通报前报送整改情况。")
    doc.save(out)
