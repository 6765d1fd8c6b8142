"""The task table opens in LibreOffice: each file is converted to PDF by a real
``soffice --headless --convert-to pdf`` and the PDF's text holds the Chinese headings and the
first area. Skipped where LibreOffice is not installed (``.ci/run`` installs it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from luoshi.core.exporters import task_table
from luoshi.core.models import Plan
from luoshi.core.services.demo import load_demo

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_task_table_renders_in_libreoffice(tmp_path: Path, fmt: str) -> None:
    load_demo(password="demo-password-1")
    plan = Plan.objects.get()
    source = tmp_path / f"tasks.{fmt}"
    with source.open("wb") as f:
        (task_table.write_xlsx if fmt == "xlsx" else task_table.write_docx)(plan, f)
    profile = tmp_path / "profile"  # a fresh LibreOffice profile: no state shared between runs
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / "tasks.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    squeezed = "".join(text.split())
    for heading in ("重点任务分解表", "牵头单位", "完成时限", "聚焦产业振兴抓落实"):
        assert heading in squeezed, heading
