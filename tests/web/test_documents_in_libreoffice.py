"""Every document luoshi writes opens in LibreOffice: each file is converted to PDF by a real
``soffice --headless --convert-to pdf`` and the PDF's text holds its Chinese headings and the
first area or target. Skipped where LibreOffice is not installed, except under CI (``CI``
set), where that is a failure: ``.ci/run`` installs it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest
from pypdf import PdfReader

from luoshi.core.exporters import bulletin, progress_form, task_table
from luoshi.core.models import Department, Plan
from luoshi.core.services.demo import AS_OF, load_demo

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Document:
    suffix: str
    write: Callable[[Plan, IO[bytes]], None]
    texts: tuple[str, ...]  # in the rendered PDF, whitespace removed


def _progress_form(plan: Plan, out: IO[bytes]) -> None:
    progress_form.write_xlsx(Department.objects.get(government=plan.government, name="工业和信息化局"), out)


DOCUMENTS = {
    "task-table-xlsx": Document("xlsx", task_table.write_xlsx, ("重点任务分解表", "牵头单位", "完成时限", "聚焦产业振兴抓落实")),
    "task-table-docx": Document("docx", task_table.write_docx, ("重点任务分解表", "牵头单位", "完成时限", "聚焦产业振兴抓落实")),
    "bulletin-docx": Document("docx", lambda plan, out: bulletin.write_docx(bulletin.build(plan, AS_OF), out),
                              ("重点任务推进情况的通报", "一、总体情况", "六、未按时报送、已提级督办单位", "七、下一步要求")),
    "progress-form-xlsx": Document("xlsx", _progress_form, ("工业和信息化局重点任务进展情况报送表", "进展情况", "存在问题")),
}


@pytest.fixture(scope="module")
def soffice() -> str:
    if SOFFICE is None:
        reason = "LibreOffice (soffice) is not installed"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must open the documents in it (.ci/run installs libreoffice)", pytrace=False)
        pytest.skip(reason)
    return SOFFICE


@pytest.mark.parametrize("doc", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_document_renders_in_libreoffice(tmp_path: Path, soffice: str, doc: Document) -> None:
    load_demo(password="demo-password-1")
    plan = Plan.objects.get()
    source = tmp_path / f"document.{doc.suffix}"
    with source.open("wb") as f:
        doc.write(plan, f)
    profile = tmp_path / "profile"  # a fresh LibreOffice profile: no state shared between runs
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / "document.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    squeezed = "".join(text.split())
    for expected in doc.texts:
        assert expected in squeezed, expected
