"""Turn an input file (plain text, .docx, .pdf or an HTML page) into text.

Pure: no printing, no state. Every failure is an :class:`UnreadableInput` with a one-line
reason; no other exception escapes :func:`read_document` or :func:`read_bytes`.

* txt: a BOM decides; else UTF-16 when NUL bytes show it; else strict UTF-8; else UTF-16
  without NULs when its byte rows show CJK; else UTF-8 if at most 0.1% of it is broken
  (those bytes become U+FFFD); else strict GB18030 (covers GBK/GB2312) or Big5 when the
  result is plausibly Chinese; else charset-normalizer's guess when coherent and plausibly
  Chinese. Newlines become ``"\\n"``.
* docx: body paragraphs and table rows (cells joined by ``"\\t"``) in document order.
* pdf: page texts; a line is joined to the next unless it ends a sentence (``_SENTENCE_END``)
  or either line is a heading (``_HEADING_RE``); page-number lines are dropped.
* html: boilerplate (nav, header, footer, share bars, bylines...) dropped, the article body
  found, one line per block element, the page title first.
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree, html

from luoshi.extract.errors import UnreadableInput

if TYPE_CHECKING:
    from docx.table import Table

MAX_BYTES = 50 * 1024 * 1024

#: HTML lines (of at most 100 characters) starting with one of these are bylines or boilerplate.
BYLINE_PREFIXES: tuple[str, ...] = (
    "来源：", "来源:", "信息来源", "文章来源", "责任编辑", "编辑：", "编辑:", "作者：", "作者:",
    "打印", "关闭", "分享到", "版权所有", "Copyright", "copyright", "COPYRIGHT", "©", "扫一扫",
    "发布时间：", "发布时间:", "发布日期：", "发布日期:", "浏览次数", "阅读次数", "点击数", "【字体",
    "字体：", "字号：", "当前位置", "您的位置", "您现在的位置", "上一篇", "下一篇", "主办单位", "网站标识码",
)
#: HTML lines (of at most 100 characters) containing one of these are dropped too.
BOILERPLATE_MARKS: tuple[str, ...] = ("版权所有", "ICP备", "Copyright ©", "©Copyright", "扫一扫", "网站地图")

_SENTENCE_END = "。！？；：”’」』…!?;:"
_HEADING_RE = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[章节部分篇条]|[一二三四五六七八九十百]+、"
    r"|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d)|[①-⑳])"
)
_PAGE_NUMBER_RE = re.compile(r"^[-—–－\s]*(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+(?:\s*/\s*\d+)?)[-—–－\s]*$")
_CJK = "\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_GAP_RE = re.compile(f"(?<=[{_CJK}]) +(?=[{_CJK}])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Characters not expected in Chinese text: kana, Cyrillic, Hangul, private use, U+FFFD...
_ODD_RE = re.compile(
    "[^\t-\r -~\xa0-\xffāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêɑńňɡ\u02c0-\u02df\u0391-\u03c9\u2000-\u27bf"
    "\u2e80-\u2fdf\u3000-\u303f\u3100-\u312f\u3190-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uffef\U00020000-\U0003134f]"
)
_CJK_HIGH_BYTES = bytes([0x20, 0x30, *range(0x4E, 0xA0), 0xFF])  # U+20xx, U+30xx, U+4Exx-9Fxx, U+FFxx
_NEWLINE_RE = re.compile(r"\r\n?|[\u2028\u2029]")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"), (b"BZh", "bzip2 archive"), (b"7z\xbc\xaf", "7z archive"),
    (b"Rar!", "RAR archive"), (b"\x7fELF", "executable"), (b"RIFF", "media file"), (b"ID3", "audio file"),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXTENSIONS = {".txt": "txt", ".text": "txt", ".docx": "docx", ".pdf": "pdf",
               ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html"}
_FORMATS = frozenset(_EXTENSIONS.values())
_HTML_MARKS = ("<html", "<!doctype html", "<head", "<body")
_CANNOT_DECODE = "cannot decode text (tried utf-8, gb18030, utf-16)"

logging.getLogger("pypdf").addHandler(logging.NullHandler())  # no stderr output from pypdf


@dataclass(frozen=True, slots=True)
class Document:
    """A read input: its text (paragraphs separated by ``"\\n"``) and how it was read."""

    text: str
    encoding: str  # codec for txt ("utf-8", "gb18030"...); "docx", "pdf" or "html:<codec>"
    source: str  # the path as given
    format: str  # "txt" | "docx" | "pdf" | "html"


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read the file at ``path``. Raises :class:`UnreadableInput` on any failure."""
    source = os.fspath(path)
    try:
        st = os.stat(source)
        if stat.S_ISDIR(st.st_mode):
            raise UnreadableInput(source, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableInput(source, "not a regular file")
        _check_size(source, st.st_size)
        with open(source, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except UnreadableInput:
        raise
    except FileNotFoundError:
        raise UnreadableInput(source, "file not found") from None
    except PermissionError:
        raise UnreadableInput(source, "permission denied") from None
    except (OSError, ValueError) as e:
        raise UnreadableInput(source, f"cannot read file ({_one_line(e)})") from None
    return read_bytes(data, source)


def read_bytes(data: bytes, source: str, fmt: str | None = None) -> Document:
    """Read a document already in memory; ``fmt`` is guessed from the bytes and ``source``
    (its extension) when None. Raises :class:`UnreadableInput` on any failure."""
    _check_size(source, len(data))
    try:
        return _read(data, source, fmt)
    except UnreadableInput:
        raise
    except Exception as e:  # a library failed in a way not foreseen: still one named failure
        raise UnreadableInput(source, f"cannot read document ({_one_line(e)})") from None


def decode_text(data: bytes, source: str = "") -> tuple[str, str]:
    """Decode text bytes; returns (text with "\\n" newlines, encoding name).
    Raises :class:`UnreadableInput` for binary data or text no encoding reads plausibly."""
    text, encoding = _decode(data, source)
    return _NEWLINE_RE.sub("\n", text), encoding


def _check_size(source: str, size: int) -> None:
    if size == 0:
        raise UnreadableInput(source, "empty file")
    if size > MAX_BYTES:
        raise UnreadableInput(source, f"file too large ({size / 2**20:.1f} MB; limit {MAX_BYTES // 2**20} MB)")


def _one_line(e: BaseException) -> str:
    msg = " ".join(str(e).split())[:160]
    return f"{type(e).__name__}: {msg}" if msg else type(e).__name__


def _read(data: bytes, source: str, fmt: str | None) -> Document:
    ext = os.path.splitext(source)[1].lower()
    if data.startswith(_OLE_MAGIC):
        if ext in (".xls", ".ppt"):
            raise UnreadableInput(source, "not a text document (old Office binary file)")
        raise UnreadableInput(source, "old .doc format is not supported; save it as .docx")
    sniffed = fmt is None
    if fmt is None:
        fmt = _sniff(data, source, ext)
    elif fmt not in _FORMATS:
        raise UnreadableInput(source, f"unsupported format {fmt!r}")
    if fmt == "docx":
        return Document(_read_docx(data, source), "docx", source, "docx")
    if fmt == "pdf":
        return Document(_read_pdf(data, source), "pdf", source, "pdf")
    if fmt == "html":
        text, charset = _read_html(data, source)
        return Document(text, f"html:{charset}", source, "html")
    text, encoding = decode_text(data, source)
    if not text.strip():
        raise UnreadableInput(source, "empty document (only whitespace)")
    if sniffed and ext not in (".txt", ".text") and _looks_html(text):
        text, charset = _read_html(data, source)
        return Document(text, f"html:{charset}", source, "html")
    return Document(text, encoding, source, "txt")


def _sniff(data: bytes, source: str, ext: str) -> str:
    """Format by magic bytes first, then by extension; "txt" when nothing else fits."""
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except Exception:  # BadZipFile, NotImplementedError (odd zip versions), ...
            pass
        if ext == ".docx":
            return "docx"  # reported as a broken .docx
        raise UnreadableInput(source, "not a text document (zip archive, not .docx)")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:64].lstrip()[:5].lower() == b"{\\rtf":
        raise UnreadableInput(source, "RTF is not supported; save it as .docx")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise UnreadableInput(source, f"not a text document ({what})")
    if ext in _EXTENSIONS and _EXTENSIONS[ext] != "txt":
        return _EXTENSIONS[ext]
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") and any(m.encode() in head for m in _HTML_MARKS):
        return "html"
    return "txt"


def _looks_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<") and any(m in head for m in _HTML_MARKS)


# --- plain text ---------------------------------------------------------------------------


def _decode(data: bytes, source: str) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):] if codec != "utf-8-sig" else data, codec)
            if text is not None and _plausible(text, chinese=False):
                return text, codec
            raise UnreadableInput(source, f"cannot decode text (invalid {codec} after its BOM)")
    if b"\0" in data:
        sample = data[:65536]
        zero_even, zero_odd = sample[0::2].count(0), sample[1::2].count(0)
        order = ("utf-16-le", "utf-16-be") if zero_odd >= zero_even else ("utf-16-be", "utf-16-le")
        for codec in order:
            text = _strict(data, codec)
            if text is not None and _plausible(text, chinese=True):
                return text, codec
        stripped = data.rstrip(b"\0")  # text padded with NULs at its end
        if not stripped or b"\0" in stripped:
            raise UnreadableInput(source, "not a text document (binary data)")
        data = stripped
    text = _strict(data, "utf-8")
    if text is not None:
        if not _plausible(text, chinese=False):
            raise UnreadableInput(source, "not a text document (binary data)")
        return text, "utf-8"
    if (found := _utf16_without_nul(data)) is not None:
        return found
    text = data.decode("utf-8", "replace")  # UTF-8 with a few broken bytes must not become GB mojibake
    bad = text.count("\ufffd")
    if bad <= len(text) // 1000 and (len(text) - len(text.encode("ascii", "ignore")) - bad) >= 20 * bad:
        return text, "utf-8"
    for codec in ("gb18030", "big5"):
        text = _strict(data, codec)
        if text is not None and _plausible(text, chinese=True):
            return text, codec
    return _guess(data, source)


def _utf16_without_nul(data: bytes) -> tuple[str, str] | None:
    """CJK-only UTF-16 has no NUL: its high bytes are CJK rows, its low bytes are spread out."""
    sample = data[:65536]
    if len(data) % 2 or len(sample) < 4:
        return None
    for codec, high, low in (("utf-16-le", sample[1::2], sample[0::2]), ("utf-16-be", sample[0::2], sample[1::2])):
        cjk_rows = len(high) - len(high.translate(None, _CJK_HIGH_BYTES))
        spread = len(low) - len(low.translate(None, bytes(range(0x80, 0x100))))
        if cjk_rows >= 0.8 * len(high) and spread >= 0.25 * len(low):
            text = _strict(data, codec)
            if text is not None and _plausible(text, chinese=True):
                return text, codec
    return None


def _strict(data: bytes, codec: str) -> str | None:
    """Strict decode; a multi-byte character cut off at the very end is dropped."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        if e.end >= len(data) and e.start >= len(data) - 3 and e.start > 0:
            return _strict(data[: e.start], codec)
        return None


def _plausible(text: str, chinese: bool) -> bool:
    """Few control characters; with ``chinese``, the non-ASCII part is mostly CJK/punctuation."""
    if _CONTROL_RE.search(text) and len(_CONTROL_RE.findall(text)) > max(2, len(text) // 200):
        return False
    if not chinese:
        return True
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return len(_ODD_RE.findall(text)) <= non_ascii // 50


def _guess(data: bytes, source: str) -> tuple[str, str]:
    """charset-normalizer's guesses, best first: the first coherent, plausibly Chinese one
    (UTF-16/32 guesses are skipped: the NUL and byte-row checks above decided those)."""
    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        codec = codecs.lookup(match.encoding).name
        if match.chaos > 0.1 or codec.startswith(("utf-16", "utf-32")):
            continue
        text = str(match)
        non_ascii = len(text) - len(text.encode("ascii", "ignore"))
        if _plausible(text, chinese=True) and len(_CJK_RE.findall(text)) * 2 >= non_ascii > 0:
            return text, codec
    raise UnreadableInput(source, _CANNOT_DECODE)


# --- docx ---------------------------------------------------------------------------------


def _read_docx(data: bytes, source: str) -> str:
    import docx
    from docx.table import Table

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("word/document.xml")
        if info.file_size > 4 * MAX_BYTES:
            raise UnreadableInput(source, "broken .docx: word/document.xml too large")
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_rows(block))
            elif block.text.strip():
                lines.append(block.text.strip())
    except UnreadableInput:
        raise
    except zipfile.BadZipFile:
        raise UnreadableInput(source, "broken .docx: not a zip file") from None
    except KeyError:
        raise UnreadableInput(source, "broken .docx: missing word/document.xml") from None
    except Exception as e:
        raise UnreadableInput(source, f"broken .docx: {_one_line(e)}") from None
    if not lines:
        raise UnreadableInput(source, "empty document (.docx has no text)")
    return "\n".join(lines)


def _table_rows(table: Table) -> list[str]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:  # a merged cell repeats: keep it once
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                if text := " ".join(cell.text.split()):
                    cells.append(text)
        if cells:
            rows.append("\t".join(cells))
    return rows


# --- pdf ----------------------------------------------------------------------------------


def _read_pdf(data: bytes, source: str) -> str:
    from pypdf import PasswordType, PdfReader

    encrypted = False
    try:
        reader = PdfReader(io.BytesIO(data))
        if encrypted := reader.is_encrypted:
            if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                raise UnreadableInput(source, "PDF is encrypted (password required)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableInput:
        raise
    except Exception as e:
        what = "PDF is encrypted and cannot be decrypted" if encrypted else "broken PDF"
        raise UnreadableInput(source, f"{what} ({_one_line(e)})") from None
    if not pages:
        raise UnreadableInput(source, "broken PDF: no pages")
    text = join_pdf_lines(_NEWLINE_RE.sub("\n", "\n".join(pages)).split("\n"))
    if not text.strip():
        raise UnreadableInput(source, "PDF has no text layer (scanned image?)")
    return text


def join_pdf_lines(lines: list[str]) -> str:
    """Undo a PDF's line breaks: a line is joined to the next unless it ends with
    sentence-final punctuation or either of them is a heading; page numbers are dropped."""
    out: list[str] = []
    joinable = False
    for raw in lines:
        line = _CJK_GAP_RE.sub("", " ".join(raw.split()))
        if not line or _PAGE_NUMBER_RE.match(line):
            continue
        heading = bool(_HEADING_RE.match(line))
        if out and joinable and not heading:
            sep = " " if out[-1][-1].isascii() and out[-1][-1].isalnum() and line[0].isascii() else ""
            out[-1] += sep + line
        else:
            out.append(line)
        joinable = not heading and out[-1][-1] not in _SENTENCE_END
    return "\n".join(out)


# --- html ---------------------------------------------------------------------------------

_DROP_TAGS = ("script", "style", "noscript", "iframe", "template", "svg", "nav", "aside", "footer",
              "header", "form", "button", "select", "textarea", "object", "embed", "canvas", "map")
_BOILER_RE = re.compile(r"nav|menu|crumb|footer|copyright|share|sidebar|comment|related|recommend|toolbar"
                        r"|banner|login|search|qrcode|weixin|wechat|position|location|pagination|advert|header", re.I)
_BOILER_TOKENS = frozenset({"top", "head", "hd", "ft", "foot", "bottom", "side", "ad", "ads", "tools", "dqwz",
                            "xglj", "ewm"})
_CONTENT_TIERS = (
    re.compile(r"TRS_Editor|Custom_UnionStyle|pages_content|UCAP-CONTENT|\bzoom\b|\bzw\b|zwnr", re.I),
    re.compile(r"article|artical|detail|zhengwen", re.I),
    re.compile(r"content|\bmain\b", re.I),
)
_BLOCK_TAGS = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "ul", "ol",
                         "dl", "dt", "dd", "section", "article", "main", "blockquote", "pre", "center",
                         "address", "figure", "figcaption", "hr", "header", "footer", "form"})
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*>")
_XML_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_HTML_SPACE_RE = re.compile(r"[ \t\r\n\f]+")
_GB = frozenset({"gb2312", "gbk", "gb18030", "cp936"})


def _read_html(data: bytes, source: str) -> tuple[str, str]:
    text, charset = _decode_html(data, source)
    try:
        root = html.document_fromstring(_XML_ILLEGAL_RE.sub("", _XML_DECL_RE.sub("", text)))
    except etree.ParserError:  # "Document is empty"
        raise UnreadableInput(source, "HTML page has no body text") from None
    except ValueError as e:
        raise UnreadableInput(source, f"broken HTML ({_one_line(e)})") from None
    _clean(root)
    title = _title(root)
    lines = [ln for ln in _block_lines(_find_body(root)) if not _is_boilerplate_line(ln)]
    if not any(ch.isalnum() for ln in lines for ch in ln):
        raise UnreadableInput(source, "HTML page has no body text")
    squashed = ["".join(ln.split()) for ln in lines[:5]]
    if title and not any("".join(title.split()) in s for s in squashed):
        lines.insert(0, title)
    return "\n".join(lines), charset


def _decode_html(data: bytes, source: str) -> tuple[str, str]:
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        m = _META_CHARSET_RE.search(data[:4096])
        if m:
            try:
                codec = codecs.lookup(m.group(1).decode("ascii")).name
            except LookupError:
                codec = ""
            codec = "gb18030" if codec in _GB else "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec
            text = _strict(data, codec) if codec and not codec.startswith("utf-16") else None
            if text is not None and _plausible(text, chinese=codec == "gb18030"):
                return _NEWLINE_RE.sub("\n", text), codec
    return decode_text(data, source)


def _attrs(el: html.HtmlElement) -> str:
    return f"{el.get('id') or ''} {el.get('class') or ''}"


def _content_tier(el: html.HtmlElement) -> int | None:
    if el.tag == "article":
        return 1
    attrs = _attrs(el)
    for tier, pattern in enumerate(_CONTENT_TIERS):
        if pattern.search(attrs):
            return tier
    return 2 if el.tag == "main" else None


def _is_boiler(el: html.HtmlElement) -> bool:
    attrs = _attrs(el)
    return bool(_BOILER_RE.search(attrs)) or not _BOILER_TOKENS.isdisjoint(re.split(r"[^a-z0-9]+", attrs.lower()))


def _cjk(el: html.HtmlElement) -> int:
    return len(_CJK_RE.findall(el.text_content()))


def _drop(el: etree._Element) -> None:
    """Remove ``el`` but keep its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _clean(root: html.HtmlElement) -> None:
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(node)
    body_cjk = _cjk(root)
    for el in list(root.iter(*_DROP_TAGS)):
        inside_article = any(a.tag in ("article", "main") for a in el.iterancestors())
        if el.tag == "header" and inside_article or el.tag == "form" and _cjk(el) > body_cjk // 2:
            continue  # an article's own header; a page wrapped whole in a <form> (ASP.NET)
        _drop(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag in ("html", "body") or not _is_boiler(el):
            continue
        protected = any(not _is_boiler(d) and _content_tier(d) is not None for d in el.iter())
        if not protected and not (body_cjk > 200 and _cjk(el) > body_cjk * 0.6):
            _drop(el)


def _title(root: html.HtmlElement) -> str:
    for h1 in root.iter("h1"):
        if text := " ".join(h1.text_content().split()):
            return text
    title = " ".join((root.findtext(".//title") or "").split())
    for sep in ("_", "|", " - ", " – "):  # "报告_某某市人民政府" → "报告"
        head = title.split(sep)[0].strip()
        if len(head) >= 4:
            title = head
    return title


def _find_body(root: html.HtmlElement) -> html.HtmlElement:
    page = root.body if root.find("body") is not None else root
    page_cjk = _cjk(page)
    cands = [(tier, el, _cjk(el)) for el in page.iter() if isinstance(el.tag, str)
             if (tier := _content_tier(el)) is not None]
    most = max((c for _, _, c in cands), default=0)
    if cands and most >= max(1, page_cjk * 0.3):
        eligible = [c for c in cands if c[2] >= most * 0.6]
        tier = min(t for t, _, _ in eligible)
        same = [(el, c) for t, el, c in eligible if t == tier]
        best, best_cjk = max(same, key=lambda ec: ec[1])
        deeper = [el for el, c in same if c >= best_cjk * 0.9 and best in el.iterancestors()]
        return deeper[-1] if deeper else best
    scores: dict[html.HtmlElement, int] = {}
    for p in page.iter("p"):
        parent = p.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + _cjk(p)
    best_parent = max(scores, key=lambda el: scores[el], default=None)
    return best_parent if best_parent is not None and scores[best_parent] > 0 else page


def _block_lines(body: html.HtmlElement) -> list[str]:
    parts: list[str] = []
    for event, el in etree.iterwalk(body, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if event == "start":
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.text:
                parts.append(_HTML_SPACE_RE.sub(" ", el.text))
        else:
            parts.append("\n" if tag in _BLOCK_TAGS else "\t" if tag in ("td", "th") else "")
            if el.tail and el is not body:
                parts.append(_HTML_SPACE_RE.sub(" ", el.tail))
    lines: list[str] = []
    for raw in "".join(parts).split("\n"):
        cells = [_CJK_GAP_RE.sub("", " ".join(c.split())) for c in raw.split("\t")]
        if line := "\t".join(c for c in cells if c):
            lines.append(line)
    return lines


def _is_boilerplate_line(line: str) -> bool:
    return len(line) <= 100 and (line.startswith(BYLINE_PREFIXES) or any(m in line for m in BOILERPLATE_MARKS))
