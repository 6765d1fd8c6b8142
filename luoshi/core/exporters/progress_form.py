"""A department's progress form (进展情况报送表): its targets with empty report columns to
fill in — 截至日期, 完成值, 进展情况, 存在问题, 下一步措施 — and a hidden id column."""

from __future__ import annotations

from typing import IO

from ..models import Department
from ..services.assignment import targets_of_department
from .wording import deadline_phrase, target_phrase

COLUMNS = ("序号", "具体目标", "完成时限", "截至日期", "完成值", "单位", "进展情况", "存在问题", "下一步措施")
WIDTHS = (6, 40, 14, 12, 12, 8, 36, 28, 28)
ID_COLUMN = "ID"
FILL_FROM = 4  # the first column the department fills in (截至日期), 1-based


def title(department: Department) -> str:
    return f"{department.name}重点任务进展情况报送表"


def write_xlsx(department: Department, out: IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "进展情况"
    ws.append([title(department)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.append([*COLUMNS, ID_COLUMN])
    for c in range(1, len(COLUMNS) + 2):
        ws.cell(2, c).font = Font(bold=True)
        ws.cell(2, c).fill = PatternFill("solid", fgColor="DDDDDD" if c < FILL_FROM else "FFF2CC")
    for i, t in enumerate(targets_of_department(department), 1):
        ws.append([i, f"{t.plan.year}年 " + target_phrase(t.metric, t.low, t.high, t.unit, t.comparator,
                                                          t.aspirational),
                   deadline_phrase(t.deadline), None, None, t.unit, None, None, None, f"target:{t.id}"])
        for c in range(1, len(COLUMNS) + 1):
            ws.cell(ws.max_row, c).alignment = Alignment(wrap_text=True, vertical="top")
    dates = DataValidation(type="date", allow_blank=True, showErrorMessage=True,
                           error="请填写日期，例如 2023-09-30")
    numbers = DataValidation(type="decimal", allow_blank=True, showErrorMessage=True, error="请填写数字")
    ws.add_data_validation(dates)
    ws.add_data_validation(numbers)
    last = max(ws.max_row, 3)
    dates.add(f"D3:D{last}")
    numbers.add(f"E3:E{last}")
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[ws.cell(2, i).column_letter].width = width
    ws.column_dimensions[ws.cell(2, len(COLUMNS) + 1).column_letter].hidden = True
    ws.freeze_panes = "D3"
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "2:2"
    wb.save(out)
