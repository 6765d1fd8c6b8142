"""Reading inputs: encodings of plain text, .docx, .pdf, HTML pages, and every refusal."""

from __future__ import annotations

import codecs
import io
import os
import random
import re
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from luoshi.extract import reading
from luoshi.extract.errors import UnreadableInput
from luoshi.extract.reading import (
    BYLINE_PREFIXES,
    MAX_BYTES,
    Document,
    decode_text,
    join_pdf_lines,
    read_bytes,
    read_document,
)

FIXTURES = Path(__file__).parent / "fixtures" / "reading"

# The opening lines of a real report (2023, 保定市清苑区), embedded so the test reads no corpus.
SAMPLE = (
    "政府工作报告\n"
    "——2023年1月13日在保定市清苑区第三届人民代表大会第三次会议上\n"
    "各位代表、同志们：现在，我代表区政府向大会作工作报告，请予审议，"
    "并请区政协委员和列席会议的同志提出意见。\n"
)
TRADITIONAL = "政府工作報告\n新增城鎮就業1500人以上，完成「十四五」規劃目標。\n"


def _rng_bytes(n: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)


# --- plain text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        pytest.param(SAMPLE.encode("utf-8"), "utf-8", SAMPLE, id="utf8"),
        pytest.param(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig", SAMPLE, id="utf8-bom"),
        pytest.param(SAMPLE.encode("gb18030"), "gb18030", SAMPLE, id="gb18030-plain"),
        pytest.param(SAMPLE.encode("gbk"), "gb18030", SAMPLE, id="gbk"),
        pytest.param(SAMPLE[9:].encode("gb2312"), "gb18030", SAMPLE[9:], id="gb2312"),
        pytest.param(SAMPLE.encode("gb18030") + "𠀀".encode("gb18030"), "gb18030", SAMPLE + "𠀀",
                     id="gb18030-four-byte"),
        pytest.param(TRADITIONAL.encode("big5"), "big5", TRADITIONAL, id="big5"),
        pytest.param(codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le", SAMPLE, id="utf16le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be", SAMPLE, id="utf16be-bom"),
        pytest.param(codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"), "utf-32-le", SAMPLE, id="utf32le-bom"),
        pytest.param(SAMPLE.encode("utf-16-le"), "utf-16-le", SAMPLE, id="utf16le-no-bom"),
        pytest.param(SAMPLE.encode("utf-16-be"), "utf-16-be", SAMPLE, id="utf16be-no-bom"),
        pytest.param("中国政府工作报告".encode("utf-16-le"), "utf-16-le", "中国政府工作报告",
                     id="utf16le-no-bom-cjk-only"),
        pytest.param(b"a\r\nb\rc\nd\r\n", "utf-8", "a\nb\nc\nd\n", id="mixed-newlines"),
        pytest.param("第一段\r\n第二段\r第三段".encode("gbk"), "gb18030", "第一段\n第二段\n第三段",
                     id="mixed-newlines-gbk"),
        pytest.param(SAMPLE.encode("utf-8") + b"\0\0\0", "utf-8", SAMPLE, id="nul-padded"),
        pytest.param(SAMPLE.encode("utf-8")[:-2], "utf-8", SAMPLE[:-2], id="truncated-last-char"),
        pytest.param((SAMPLE * 20).encode("utf-8")[:-100] + b"\xe4\xb8" + "完".encode(), "utf-8",
                     (SAMPLE * 20)[:-34] + "\ufffd完", id="utf8-one-broken-char-not-gb-mojibake"),
    ],
)
def test_decode_text(data: bytes, encoding: str, expected: str) -> None:
    assert decode_text(data) == (expected, encoding)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"abc \x81\x20 \xff\xff \xa1 def", "cannot decode text", id="undecodable"),
        pytest.param("政府工作报告。".encode("gbk") + b"\x81\x20", "cannot decode text", id="gbk-broken-byte"),
        pytest.param(b"\x00\x01\x02\x03" * 100, "not a text document (binary data)", id="nul-heavy"),
        pytest.param(codecs.BOM_UTF16_LE + b"\x00\xd8\x41", "cannot decode text", id="bad-after-bom"),
    ],
)
def test_decode_text_refuses(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableInput, match=re.escape(reason)):
        decode_text(data)


def test_read_document_txt(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(SAMPLE.replace("\n", "\r\n").encode("gb18030"))
    doc = read_document(path)
    assert doc == Document(text=SAMPLE, encoding="gb18030", source=str(path), format="txt")
    assert read_document(str(path)).source == str(path)


def test_txt_extension_is_not_needed(tmp_path: Path) -> None:
    path = tmp_path / "report"
    path.write_bytes(SAMPLE.encode("utf-8"))
    assert read_document(path).format == "txt"


# --- docx ---------------------------------------------------------------------------------


def _docx_bytes() -> bytes:
    d = docx.Document()
    d.add_heading("政府工作报告", level=1)
    d.add_paragraph("")
    d.add_paragraph("一、2023年工作安排")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([("指标", "目标", "备注"), ("新增城镇就业", "1500人以上", "")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph("   ")
    d.add_paragraph("新增城镇就业1500人以上。")
    merged = d.add_table(rows=1, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "合并单元格"
    d.add_paragraph("各位代表！")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(_docx_bytes())
    doc = read_document(path)
    assert (doc.format, doc.encoding) == ("docx", "docx")
    assert doc.text.split("\n") == [
        "政府工作报告",
        "一、2023年工作安排",
        "指标\t目标\t备注",
        "新增城镇就业\t1500人以上",
        "新增城镇就业1500人以上。",
        "合并单元格",
        "各位代表！",
    ]


def test_docx_found_by_magic_without_extension() -> None:
    assert read_bytes(_docx_bytes(), "upload.bin").format == "docx"


def _zip_bytes(names: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, content in names.items():
            z.writestr(name, content)
    return buf.getvalue()


# --- pdf ----------------------------------------------------------------------------------


def test_pdf_text_layer() -> None:
    path = FIXTURES / "report_text.pdf"
    doc = read_document(path)
    assert (doc.format, doc.encoding, doc.source) == ("pdf", "pdf", str(path))
    lines = doc.text.split("\n")
    assert lines[:2] == ["政府工作报告", "一、2023年工作安排"]
    assert "新增城镇就业1500人以上。" in lines
    # a sentence broken over two printed lines is joined again
    assert "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%。" in lines
    assert "全面推进法治政府建设，持续改进工作作风，切实提高行政效能。" in lines  # page 2
    assert "1. 深化政务公开" in lines


def _encrypted_pdf(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=FIXTURES / "report_text.pdf")
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_pdf_encrypted_with_empty_password_is_read() -> None:
    assert "新增城镇就业1500人以上。" in read_bytes(_encrypted_pdf(""), "x.pdf").text


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(["地区生产总值增长", "6%左右。"], "地区生产总值增长6%左右。", id="join"),
        pytest.param(["工作安排", "一、总体要求", "（一）稳就业", "1. 深化改革"],
                     "工作安排\n一、总体要求\n（一）稳就业\n1. 深化改革", id="headings-not-joined"),
        pytest.param(["一、总体要求", "今年是关键之年。"], "一、总体要求\n今年是关键之年。", id="heading-ends-line"),
        pytest.param(["完成目标。", "- 2 -", "继续推进", "改革。"], "完成目标。\n继续推进改革。", id="page-number"),
        pytest.param(["GDP growth", "of 6%"], "GDP growth of 6%", id="ascii-space"),
        pytest.param(["政 府 工 作", "报告：", ""], "政府工作报告：", id="cjk-gaps"),
    ],
)
def test_join_pdf_lines(lines: list[str], expected: str) -> None:
    assert join_pdf_lines(lines) == expected


# --- html ---------------------------------------------------------------------------------

NEWS_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>2023年清苑区政府工作报告_保定市清苑区人民政府</title>
<script>var s = "脚本里的文字";</script><style>.x { color: red }</style></head>
<body>
<div class="header"><div class="logo">保定市清苑区人民政府</div>
  <ul class="main-nav"><li>首页</li><li>政务公开</li><li>政务服务</li></ul></div>
<nav>网站导航</nav>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 政府工作报告</div>
<div class="wrap">
  <div class="left sidebar"><ul><li>相关文件一</li><li>热点新闻二</li></ul></div>
  <div class="article">
    <h1>2023年清苑区政府工作报告</h1>
    <div class="info">来源：清苑区人民政府办公室 发布时间：2023-01-20 浏览次数：123</div>
    <div class="TRS_Editor" id="zoom">
      <p>\u3000\u3000各位代表：</p>
      <p>\u3000\u3000现在，我代表区政府向大会作工作报告，
         请予审议。</p>
      <p>一、2023年工作安排</p>
      <p>新增城镇就业1500人以上。<br>城镇调查失业率控制在5.5%以内。</p>
      <table><tr><td>指标</td><td>目标</td></tr><tr><td>地区生产总值</td><td>增长6%</td></tr></table>
      <!-- 编辑注释 -->
      <p>责任编辑：张三</p>
    </div>
    <div class="bdsharebuttonbox">分享到：微信 微博</div>
    <div class="tools">【打印本页】【关闭窗口】</div>
    <div class="related">相关新闻：某某会议召开</div>
  </div>
</div>
<div id="footer"><p>版权所有：保定市清苑区人民政府 冀ICP备12345678号</p><p>Copyright © 2023</p></div>
<script>document.write("脚本文字")</script>
</body></html>
"""
NEWS_TEXT = (
    "2023年清苑区政府工作报告\n各位代表：\n现在，我代表区政府向大会作工作报告，请予审议。\n"
    "一、2023年工作安排\n新增城镇就业1500人以上。\n城镇调查失业率控制在5.5%以内。\n"
    "指标\t目标\n地区生产总值\t增长6%"
)

PLAIN_PAGE = """<html><head><title>关于2023年预算的报告 - 某县人民政府</title></head><body>
<div id="menu"><a>首页</a><a>机构</a></div>
<div><div><p>今年全县一般公共预算收入增长5%。</p><p>新增城镇就业1500人以上。</p></div>
<p>扫一扫在手机打开当前页</p></div>
<div class="copyright">某县人民政府版权所有</div>
</body></html>"""

FORM_PAGE = """<html><head><title>政府工作报告</title></head><body><form id="form1" method="post">
<div class="top">市政府门户网站</div><form class="search"><input name="q">搜索本站</form>
<article><header><h2>2023年政府工作报告</h2><p>发布日期：2023-01-20</p></header>
<p>一、过去一年工作回顾</p><p>地区生产总值增长6%。</p></article>
</form></body></html>"""

GBK_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>政府工作报告</title></head><body>
<div class="content"><p>政府工作报告</p><p>新增城镇就业1500人以上。</p></div></body></html>"""


@pytest.mark.parametrize(
    ("data", "name", "encoding", "expected"),
    [
        pytest.param(NEWS_PAGE.encode("utf-8"), "news.html", "html:utf-8", NEWS_TEXT, id="html-news-page"),
        pytest.param(NEWS_PAGE.encode("utf-8"), "news.txt.download", "html:utf-8", NEWS_TEXT,
                     id="html-sniffed-without-extension"),
        pytest.param(PLAIN_PAGE.encode("utf-8"), "plain.htm", "html:utf-8",
                     "关于2023年预算的报告\n今年全县一般公共预算收入增长5%。\n新增城镇就业1500人以上。",
                     id="html-densest-paragraphs-and-title"),
        pytest.param(FORM_PAGE.encode("utf-8"), "form.html", "html:utf-8",
                     "2023年政府工作报告\n一、过去一年工作回顾\n地区生产总值增长6%。",
                     id="html-page-in-form-article-header-kept"),
        pytest.param(GBK_PAGE.encode("gbk"), "gbk.html", "html:gb18030",
                     "政府工作报告\n新增城镇就业1500人以上。", id="html-declared-gbk"),
        pytest.param(GBK_PAGE.replace("gb2312", "utf-8").encode("gbk"), "lying.html", "html:gb18030",
                     "政府工作报告\n新增城镇就业1500人以上。", id="html-declared-utf8-but-gbk"),
        pytest.param(codecs.BOM_UTF16_LE + GBK_PAGE.encode("utf-16-le"), "page", "html:utf-16-le",
                     "政府工作报告\n新增城镇就业1500人以上。", id="html-utf16-sniffed"),
        pytest.param(b'<?xml version="1.0" encoding="utf-8"?>\n' + NEWS_PAGE.encode("utf-8"), "x.xhtml",
                     "html:utf-8", NEWS_TEXT, id="xhtml-declaration"),
    ],
)
def test_html(data: bytes, name: str, encoding: str, expected: str) -> None:
    doc = read_bytes(data, name)
    assert (doc.format, doc.encoding) == ("html", encoding)
    assert doc.text == expected


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    assert read_document(path).text == NEWS_TEXT


def test_byline_list_is_data() -> None:
    assert isinstance(BYLINE_PREFIXES, tuple) and "责任编辑" in BYLINE_PREFIXES


# --- refusals -----------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _rng_bytes(500)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        pytest.param("empty.txt", b"", "empty file", id="empty"),
        pytest.param("blank.txt", b" \r\n\t\n", "empty document", id="whitespace-only"),
        pytest.param("image.png", PNG, "not a text document", id="png"),
        pytest.param("image.txt", PNG, "not a text document", id="png-named-txt"),
        pytest.param("noise.txt", _rng_bytes(4000), "not a text document (binary data)", id="random-bytes"),
        pytest.param("a.zip", _zip_bytes({"a.txt": "x"}), "not a text document (zip archive", id="zip"),
        pytest.param("a.docx", _zip_bytes({"a.txt": "x"}), "broken .docx: missing word/document.xml",
                     id="docx-without-document-xml"),
        pytest.param("a.docx", _rng_bytes(2000, seed=3), "broken .docx: not a zip file", id="docx-random-bytes"),
        pytest.param("a.docx", _zip_bytes({"word/document.xml": "<not xml"}), "broken .docx",
                     id="docx-bad-xml"),
        pytest.param("old.doc", OLE, "old .doc format is not supported; save it as .docx", id="doc-ole2"),
        pytest.param("old.docx", OLE, "old .doc format is not supported", id="doc-ole2-named-docx"),
        pytest.param("scan.pdf", (FIXTURES / "image_only.pdf").read_bytes(),
                     "PDF has no text layer (scanned image?)", id="pdf-image-only"),
        pytest.param("locked.pdf", _encrypted_pdf("secret"), "PDF is encrypted (password required)",
                     id="pdf-encrypted"),
        pytest.param("broken.pdf", b"%PDF-1.4\n" + _rng_bytes(300), "broken PDF", id="pdf-broken"),
        pytest.param("fake.pdf", "不是PDF".encode(), "broken PDF", id="pdf-by-extension-only"),
        pytest.param("empty.html", b"<html><head><title>T</title><script>x()</script></head><body> </body></html>",
                     "HTML page has no body text", id="html-no-body"),
        pytest.param("nav.html", b"<html><body><nav>Home</nav><div class='footer'>(c)</div></body></html>",
                     "HTML page has no body text", id="html-only-boilerplate"),
        pytest.param("comment.html", b"<!-- only a comment -->", "HTML page has no body text", id="html-empty-doc"),
        pytest.param("doc.rtf", b"{\\rtf1\\ansi hello}", "RTF is not supported", id="rtf"),
    ],
)
def test_refused(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableInput, match=re.escape(reason)) as info:
        read_document(path)
    assert info.value.source == str(path)
    assert "\n" not in info.value.reason
    with pytest.raises(UnreadableInput, match=re.escape(reason)):
        read_bytes(data, name)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="file not found"):
        read_document(tmp_path / "nope.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="is a directory"):
        read_document(tmp_path)


def test_too_large_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: all NUL, and never read
    with pytest.raises(UnreadableInput, match=r"file too large \(51\.0 MB; limit 50 MB\)"):
        read_document(path)


def test_read_bytes_too_large() -> None:
    with pytest.raises(UnreadableInput, match="file too large"):
        read_bytes(bytes(MAX_BYTES + 1), "big.txt")


def test_unknown_format_argument() -> None:
    with pytest.raises(UnreadableInput, match="unsupported format"):
        read_bytes(b"text", "x", fmt="odt")


def test_explicit_format() -> None:
    assert read_bytes(NEWS_PAGE.encode(), "upload", fmt="txt").format == "txt"
    assert read_bytes(NEWS_PAGE.encode(), "upload", fmt="html").text == NEWS_TEXT


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_bytes(b"x")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reading, "open", denied, raising=False)  # root could read a chmod 0 file
    with pytest.raises(UnreadableInput, match="permission denied"):
        read_document(path)


def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableInput, match="not a regular file"):
        read_document(fifo)


def test_unforeseen_library_failure_is_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(data: bytes, source: str) -> str:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(reading, "_read_docx", explode)
    with pytest.raises(UnreadableInput, match=re.escape("cannot read document (RuntimeError: boom second line)")):
        read_bytes(_docx_bytes(), "x.docx")
