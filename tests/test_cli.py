"""The ``luoshi`` command, run as a real process: output contract and bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "luoshi" / "examples"
SEED = EXAMPLES / "boshan_2023.txt"


def luoshi(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "luoshi", *args], capture_output=True, text=True,
                          input=stdin, timeout=120)


def test_extract_json_contract() -> None:
    out = luoshi("extract", str(SEED), "--year", "2023")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"source", "encoding", "meta", "tree", "targets", "achievements"}
    assert data["encoding"] == "utf-8"
    assert data["meta"]["government"] == "博山区"
    assert len(data["tree"]) == 6
    first = data["targets"][0]
    for key in ("metric", "low", "high", "unit", "comparator", "aspirational", "deadline", "text", "span", "path"):
        assert key in first
    assert first["low"] == 160 and first["comparator"] == ">=" and first["path"][1] == "全面提升传统产业"


def test_json_is_the_api_json() -> None:
    from luoshi import extract_file

    out = luoshi("extract", str(SEED), "--year", "2023")
    assert json.loads(out.stdout) == json.loads(extract_file(SEED, year=2023).to_json())


@pytest.mark.parametrize("report", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_streamed_json_is_to_json_to_the_character(report: Path) -> None:
    """``luoshi extract`` writes the JSON piece by piece (``Plan.write_json``): the same text."""
    from luoshi import extract_file

    plan = extract_file(report)
    out = io.StringIO()
    plan.write_json(out)
    assert out.getvalue() == plan.to_json() + "\n"
    assert luoshi("extract", str(report)).stdout == plan.to_json() + "\n"


def test_extract_csv_and_table() -> None:
    out = luoshi("extract", str(SEED), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows[0]["metric"] and rows[0]["role"] == "target"
    table = luoshi("extract", str(SEED), "--format", "table")
    assert table.returncode == 0 and "全面提升传统产业" in table.stdout


def test_quantities_command() -> None:
    out = luoshi("quantities", "投资5.96亿元,新增城镇就业1500人以上")
    found = json.loads(out.stdout)
    assert [(q["text"], q["low"], q["unit"]) for q in found] == [("5.96亿元", 5.96e8, "元"), ("1500人", 1500, "人")]
    assert set(found[0]) >= {"text", "start", "end", "low", "high", "unit", "kind"}
    piped = luoshi("quantities", "-", stdin="增长5%")
    assert json.loads(piped.stdout)[0]["unit"] == "%"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _broken_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a word document")
    return path


BAD = [
    pytest.param(lambda d: d / "missing.txt", "not found", id="missing"),
    pytest.param(lambda d: d, "directory", id="directory"),
    pytest.param(lambda d: _write(d / "empty.txt", b""), "empty", id="empty"),
    pytest.param(lambda d: _write(d / "x.bin", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40), "not a text document",
                 id="binary"),
    pytest.param(lambda d: _broken_docx(d / "b.docx"), "docx", id="broken-docx"),
    pytest.param(lambda d: _write(d / "chat.txt", "今天天气很好，我们去公园散步。\n".encode()), "no plan",
                 id="no-plan"),
]


@pytest.mark.parametrize(("make", "reason"), BAD)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    out = luoshi("extract", str(path))
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr
    assert str(path) in lines[0] and reason in lines[0].lower()


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(51 * 1024 * 1024)
    out = luoshi("extract", str(big))
    assert out.returncode == 2 and "too large" in out.stderr


def test_image_only_pdf(tmp_path: Path) -> None:
    pdf = Path(__file__).parent / "fixtures" / "reading" / "image_only.pdf"
    if not pdf.exists():
        pytest.skip("fixture missing")
    out = luoshi("extract", str(pdf))
    assert out.returncode == 2 and "text layer" in out.stderr


def test_extract_from_docx_and_html(tmp_path: Path) -> None:
    """The same plan from a .docx and from a news page: the formats the engine reads end to end."""
    from docx import Document

    lines = ["二、2023年工作安排", "（一）聚焦产业振兴", "全面提升传统产业。实施重点技改项目160个以上。"]
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(tmp_path / "plan.docx")
    page = ("<html><head><meta charset='gbk'><title>政府工作报告</title></head><body><nav>首页 | 政务公开</nav>"
            "<div class='TRS_Editor'>" + "".join(f"<p>{line}</p>" for line in lines) + "</div>"
            "<div class='footer'>版权所有 某某区人民政府</div></body></html>")
    (tmp_path / "plan.html").write_bytes(page.encode("gbk"))
    for name, encoding in (("plan.docx", "docx"), ("plan.html", "html:gb18030")):
        out = luoshi("extract", str(tmp_path / name), "--year", "2023")
        data = json.loads(out.stdout)
        assert data["encoding"] == encoding
        assert [(t["metric"], t["low"], t["comparator"]) for t in data["targets"]] == [("重点技改项目", 160, ">=")]
