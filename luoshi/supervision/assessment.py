"""考核: a department's year-end score from the plan's 考核办法 (``Scheme``; the defaults when
the plan has none), as of a day (the year's end by default):

- **completion**: ``completion_points`` × the weighted mean completion of the targets it leads
  (the targets' weights; completion capped at 100 %; a target 已完成 or 已销号 counts 100 %,
  one without a report 0 %);
- **on-time reporting**: ``reporting_points`` × its on-time rate (reports submitted by their
  due date, of those due so far); full points when nothing was due (or the plan has no cycle);
- **escalations**: ``escalation_points`` off for each 提级督办 notice it received;
- **the office's deductions** (扣分), each with its reason;

never below 0 (a department leading no target, listed for a deduction, scores 0). The rules are the table ``RULES``: the page and the xlsx show them beside the
scores, filled in with the plan's figures, so what is printed is what is computed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import IO

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..core import status as S
from ..core.models import Department, Plan
from ..core.services.dashboard import TargetStatus, plan_status
from .models import Deduction, Notice, Scheme
from .reporting import lines, rates

CENT = Decimal("0.01")
FULL = (S.DONE, S.CLOSED)  # statuses that count as 100 % complete

# The rules, in the order they are applied: (key, the rule as the page and the xlsx print it;
# %(points)s is the scheme's figure for it).
RULES = (
    ("completion", _("Completion: %(points)s points × the weighted mean completion of the targets the "
                     "department leads (capped at 100 %%; 已完成 and 已销号 count 100 %%, no report 0 %%).")),
    ("reporting", _("On-time reporting: %(points)s points × the share of reports submitted by their due date "
                    "(full points when nothing was due).")),
    ("escalation", _("Escalations: %(points)s points off for each escalation (提级督办) to the leader in charge.")),
    ("deduction", _("The office's deductions (扣分), each with its reason.")),
    ("floor", _("The score is never below 0 (a department that leads no target scores 0); departments "
                "are ranked by score.")),
)


@dataclass(slots=True)
class Score:
    department: Department
    targets: int = 0
    weight: Decimal = Decimal(0)
    completion: Decimal = Decimal(0)  # weighted mean, percent
    on_time_rate: float | None = None  # percent; None: nothing was due
    escalations: int = 0
    deductions: list[Deduction] = field(default_factory=list)
    completion_points: Decimal = Decimal(0)
    reporting_points: Decimal = Decimal(0)
    escalation_points: Decimal = Decimal(0)
    deduction_points: Decimal = Decimal(0)
    total: Decimal = Decimal(0)
    rank: int = 0


@dataclass(slots=True)
class Assessment:
    plan: Plan
    as_of: date
    scheme: Scheme
    scores: list[Score]

    def rules(self) -> list[str]:
        figures = {"completion": self.scheme.completion_points, "reporting": self.scheme.reporting_points,
                   "escalation": self.scheme.escalation_points}
        return [str(text) % {"points": _points(figures[key])} if key in figures else str(text)
                for key, text in RULES]


def scheme_of(plan: Plan) -> Scheme:
    """The plan's 考核办法, or the defaults (unsaved)."""
    return Scheme.objects.filter(plan=plan).first() or Scheme(plan=plan)


def completion_of(row: TargetStatus) -> Decimal:
    if row.status in FULL:
        return Decimal(100)
    return Decimal(str(min(max(row.completion or 0.0, 0.0), 100.0)))


def assess(plan: Plan, as_of: date | None = None) -> Assessment:
    as_of = as_of or date(plan.year, 12, 31)
    scheme = scheme_of(plan)
    status = plan_status(plan, as_of)
    scores: dict[int, Score] = {}
    sums: dict[int, Decimal] = defaultdict(Decimal)
    for row in status.rows:
        for d in row.lead:
            s = scores.setdefault(d.id, Score(d))
            w = Decimal(row.target.weight)
            s.targets += 1
            s.weight += w
            sums[d.id] += w * completion_of(row)
    for r in rates(lines(plan, as_of, status)):
        scores.setdefault(r.department.id, Score(r.department)).on_time_rate = r.on_time_rate
    for dept_id, n in _escalations(plan, as_of).items():
        if dept_id in scores:
            scores[dept_id].escalations = n
    for ded in Deduction.objects.filter(plan=plan).select_related("department").order_by("created", "pk"):
        scores.setdefault(ded.department_id, Score(ded.department)).deductions.append(ded)
    for dept_id, s in scores.items():
        s.completion = (sums[dept_id] / s.weight).quantize(CENT, ROUND_HALF_UP) if s.weight else Decimal(0)
        s.completion_points = _q(scheme.completion_points * s.completion / 100)
        rate = Decimal(100) if s.on_time_rate is None else Decimal(str(s.on_time_rate))
        s.reporting_points = _q(scheme.reporting_points * rate / 100) if s.targets else Decimal(0)
        s.escalation_points = _q(scheme.escalation_points * s.escalations)
        s.deduction_points = _q(sum((d.points for d in s.deductions), Decimal(0)))
        s.total = max(Decimal(0), s.completion_points + s.reporting_points - s.escalation_points - s.deduction_points)
    ordered = sorted(scores.values(), key=lambda s: (-s.total, s.department.order, s.department.name))
    for i, s in enumerate(ordered):
        s.rank = ordered[i - 1].rank if i and s.total == ordered[i - 1].total else i + 1
    return Assessment(plan, as_of, scheme, ordered)


def _escalations(plan: Plan, as_of: date) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for dept_id in Notice.objects.filter(plan=plan, kind=Notice.Kind.ESCALATION, sent_on__lte=as_of).values_list(
            "department_id", flat=True):
        out[dept_id] += 1
    return out


def _q(x: Decimal) -> Decimal:
    return Decimal(x).quantize(CENT, ROUND_HALF_UP)


def _points(x: Decimal) -> str:
    return f"{Decimal(x).normalize():f}"


COLUMNS = ("名次", "单位", "牵头目标数", "加权完成率", "完成得分", "按时报送率", "报送得分", "提级督办次数",
           "提级督办扣分", "其他扣分", "扣分原因", "总分")


def title(plan: Plan) -> str:
    return f"{plan.government.name}{plan.year}年政府工作报告重点任务考核结果"


def table(a: Assessment) -> list[tuple[object, ...]]:
    """The rows of the xlsx (and the figures the page shows), in rank order."""
    return [(s.rank, s.department.name, s.targets, float(s.completion) / 100,
             float(s.completion_points), None if s.on_time_rate is None else s.on_time_rate / 100,
             float(s.reporting_points), s.escalations, float(s.escalation_points), float(s.deduction_points),
             "；".join(f"{d.reason}（{_points(d.points)}分）" for d in s.deductions), float(s.total))
            for s in a.scores]


def write_xlsx(a: Assessment, out: IO[bytes]) -> None:
    """One sheet: the scores, and the rules beside them (the columns to the right)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    wb = Workbook()
    ws = wb.active
    ws.title = "考核结果"
    thin = Side(style="thin", color="888888")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ncol = len(COLUMNS)
    ws.append([title(a.plan)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(1, 1).font = Font(bold=True, size=16)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.append(COLUMNS)
    for c in range(1, ncol + 1):
        cell = ws.cell(2, c)
        cell.font, cell.border = Font(bold=True), border
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in table(a):
        ws.append(row)
        n = ws.max_row
        for c in range(1, ncol + 1):
            ws.cell(n, c).border = border
            ws.cell(n, c).alignment = Alignment(vertical="center", wrap_text=c == 11)
        ws.cell(n, 4).number_format = ws.cell(n, 6).number_format = "0.0%"
        for c in (5, 7, 9, 10, 12):
            ws.cell(n, c).number_format = "0.00"
    rules_col = ncol + 2
    ws.cell(2, rules_col, "考核办法").font = Font(bold=True)
    ws.cell(3, rules_col, f"截至{a.as_of.year}年{a.as_of.month}月{a.as_of.day}日")
    with translation.override("zh-hans"):  # the table is Chinese, whatever the page's language
        rules = a.rules()
    for i, text in enumerate(rules, 4):
        ws.cell(i, rules_col, f"{i - 3}. {text}").alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate((6, 22, 10, 10, 10, 10, 10, 10, 10, 10, 30, 8), 1):
        ws.column_dimensions[ws.cell(2, i).column_letter].width = width
    ws.column_dimensions[ws.cell(2, rules_col).column_letter].width = 60
    ws.freeze_panes = "C3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wb.save(out)
