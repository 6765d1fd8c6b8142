"""The Chinese catalogue: complete, nothing fuzzy, placeholders kept, compiled .mo in step
with the .po, and the pages Chinese by default with English available."""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.urls import reverse

import luoshi

LOCALE = Path(luoshi.__file__).resolve().parent / "locale" / "zh_Hans" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgid: str = ""
    plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(s: str) -> str:
    return re.sub(r'\\(.)', lambda m: ESCAPES.get(m.group(1), m.group(1)), s.strip()[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader: comments, flags, msgid, msgid_plural, msgstr, msgstr[n], continued lines."""
    entries: list[Entry] = []
    entry: Entry | None = None
    key: tuple[str, int] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            entry, key = None, None
            continue
        if entry is None:
            entry = Entry(number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            entry.plural, key = _unquote(line[13:]), ("plural", 0)
        elif line.startswith("msgid "):
            entry.msgid, key = _unquote(line[6:]), ("msgid", 0)
        elif m := re.match(r"msgstr\[(\d+)\] (.*)", line):
            entry.msgstr[int(m.group(1))], key = _unquote(m.group(2)), ("msgstr", int(m.group(1)))
        elif line.startswith("msgstr "):
            entry.msgstr[0], key = _unquote(line[7:]), ("msgstr", 0)
        elif line.startswith('"') and key is not None:
            text = _unquote(line)
            if key[0] == "msgid":
                entry.msgid += text
            elif key[0] == "plural":
                entry.plural = (entry.plural or "") + text
            else:
                entry.msgstr[key[1]] += text
        else:
            raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    return entries


ENTRIES = [e for e in parse_po(LOCALE / "django.po") if e.msgid]


def test_catalogue_is_not_empty() -> None:
    assert len(ENTRIES) > 200


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"line{e.line}" for e in ENTRIES])
def test_every_msgid_is_translated(entry: Entry) -> None:
    assert "fuzzy" not in entry.flags, entry.msgid
    assert entry.msgstr and all(s.strip() for s in entry.msgstr.values()), entry.msgid
    for s in entry.msgstr.values():
        assert sorted(PLACEHOLDER.findall(s)) == sorted(PLACEHOLDER.findall(entry.msgid)), entry.msgid


def test_header_is_final() -> None:
    header = next(e for e in parse_po(LOCALE / "django.po") if not e.msgid)
    assert "fuzzy" not in header.flags
    assert "Plural-Forms: nplurals=1; plural=0;" in header.msgstr[0]


def test_compiled_catalogue_matches() -> None:
    with open(LOCALE / "django.mo", "rb") as f:
        compiled = gettext.GNUTranslations(f)
    for e in ENTRIES:
        if e.plural is None:
            assert compiled.gettext(e.msgid) == e.msgstr[0], e.msgid
        else:
            assert compiled.ngettext(e.msgid, e.plural, 1) == e.msgstr[0], e.msgid


@pytest.mark.django_db
def test_pages_are_chinese_by_default_and_english_on_request(client, world) -> None:
    client.force_login(world.leader)
    url = reverse("web:dashboard", args=[world.plan.pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "欠进度" in html and "总体完成率" in html and "Behind schedule" not in html
    client.post(reverse("set_language"), {"language": "en", "next": url})
    html = client.get(url).content.decode()
    assert "Behind schedule" in html and "overall completion" in html
