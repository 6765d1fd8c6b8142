"""The structure of a report: metadata, parts, the goals block, areas, tasks and measures.

``outline(text, year)`` reads the normalised text once, line by line, and returns the plan
tree and the list of sentences, each sentence knowing its part's role (review, plan,
conduct, intro, glossary) and the titles of the area and task it sits under.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import tense
from .model import Meta, Node
from .rules import structure as R
from .vocab import alternation

_CJK = "\u3400-\u9fff"


_HEADING_NUMBER = [(re.compile(p), depth) for p, depth in R.HEADING_NUMBER_PATTERNS]
_ROLE_WORDS = [(role, re.compile(alternation(words))) for role, words in R.PART_ROLE_WORDS]
_GOALS = re.compile(alternation(R.GOALS_MARKERS))
_GUIDANCE = re.compile(alternation(R.GUIDANCE_MARKERS))
_GLOSSARY = re.compile(rf"^(?:附[:：]?)?(?:{alternation(R.GLOSSARY_HEADINGS)})[:：]?$")
_BOILERPLATE = re.compile(alternation(R.BOILERPLATE_MARKERS))
_SALUTATION = re.compile(rf"^(?:{alternation(R.SALUTATIONS)})")
_SENTENCE_END = re.compile(r"[。！？；;!?]+[”’」』)）]*")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
_FULL_DATE = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_CONGRESS = re.compile(rf"(?:在|,|，|。|^)([{_CJK}]{{2,20}}?)(?:第?[{_CJK}]{{1,4}}届)?人民代表大会")
_NATIONAL = re.compile(r"全国人民代表大会")
_SPEAKER = re.compile(
    rf"([{_CJK}]{{2,20}}?)?(?:人民政府|人民xx|政府)?({alternation(R.SPEAKER_TITLES)})[\s　]*"
    rf"([{_CJK}]{{2,3}}|[{_CJK}]\s[{_CJK}])(?=$|\s|作|向|在|代表)"
)
_FIVE_YEAR = re.compile(r"“?(十[一二三四五六]五)”?(?:时期|规划|期间)")
_FIVE_YEAR_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_PLAN_PERIOD = re.compile(r"十[一二三四五六]五")
_PERIOD_WORDS = re.compile(rf"^(?:{alternation(R.PERIOD_WORDS)})|[〇零一二三四五六七八九]{{4}}年")
_COMING_YEARS = re.compile(r"(?:今后|未来)五年")
_ANNEX = re.compile(R.ANNEX_HEADING)
_ANNEX_PROGRESS = re.compile(alternation(R.ANNEX_PROGRESS_WORDS))
# How sure a role is when a part heading names it.
_HEADING_CONFIDENCE = 0.95

# A digest heading: a short line with no sentence-final punctuation (聚焦…抓落实,坚定不移…).
_MAX_HEADING = 40
# A task lead: the first sentence of a paragraph when it is this short (全面提升传统产业。).
_MAX_LEAD = 18


@dataclass(slots=True)
class Sentence:
    """A sentence of the report, with where it sits in the plan."""

    start: int
    end: int
    text: str
    role: str  # intro | review | plan | conduct | glossary | other
    path: list[str] = field(default_factory=list)
    part: str = ""
    goals: bool = False  # inside the 主要预期目标 paragraph
    horizon: int | None = None  # its part or area is about years up to this one (“十四五”时期)
    guidance: bool = False  # inside a paragraph stating the guiding ideology (指导思想是…)


@dataclass(slots=True)
class Outline:
    meta: Meta
    tree: list[Node]
    sentences: list[Sentence]


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """The non-blank lines with their spans, one at a time (``str.split`` made a list of all
    the lines, blank ones too)."""
    pos, size = 0, len(text)
    while pos <= size:
        end = text.find("\n", pos)
        end = size if end < 0 else end
        line = text[pos:end]
        if line.strip():
            yield pos, end, line
        pos = end + 1


def _heading_depth(line: str) -> tuple[int, str]:
    """The depth of a numbered heading and its number as written, or (0, "")."""
    for pattern, depth in _HEADING_NUMBER:
        m = pattern.match(line)
        if m:
            return depth, m.group(0)
    return 0, ""


def _part_role(title: str, year: int | None) -> str:
    """The role of a part from its heading, or "" when it names no role."""
    if _GLOSSARY.match(title.replace(" ", "").strip("※*#【】[]")):
        return "glossary"
    for role, pattern in _ROLE_WORDS:
        if pattern.search(title):
            if role == "plan":
                return "plan"
            if role == "review":
                years = [int(y) for y in _YEAR.findall(title)]
                if year and years and max(years) >= year and "回顾" not in title:
                    return "plan"
            return role
    years = [int(y) for y in _YEAR.findall(title)]
    if year and years:
        return "plan" if max(years) >= year else "review"
    return ""


def _unnumbered_part(line: str, year: int | None) -> str:
    """The role of a part heading written without a number (2022年工作安排), or ""."""
    if (_heading_depth(line)[0] or len(line) > _MAX_HEADING or _SENTENCE_END.search(line)
            or any(c in line for c in "，,") or line.endswith(("：", ":"))):
        return ""
    if not (_YEAR.search(line) or _PLAN_PERIOD.search(line) or _PERIOD_WORDS.search(line)) \
            or "代表大会" in line or line.startswith(("—", "(", "（")) or _FULL_DATE.search(line):
        return ""  # the date line (——2022年1月24日在…会议上) is no part
    if not any(p.search(line) for _, p in _ROLE_WORDS):
        return ""  # a year alone (a table's 2022年 column) makes no part
    return _part_role(line, year)


def _first_sentence(line: str) -> str:
    m = _SENTENCE_END.search(line)
    return line[: m.end()] if m else line


def _split_sentences(start: int, line: str) -> Iterator[tuple[int, int, str]]:
    pos = 0
    for m in _SENTENCE_END.finditer(line):
        if m.end() > pos:
            yield start + pos, start + m.end(), line[pos : m.end()]
        pos = m.end()
    if pos < len(line) and line[pos:].strip():
        yield start + pos, start + len(line), line[pos:]


def _is_digest_heading(line: str) -> bool:
    return (
        len(line) <= _MAX_HEADING
        and not _SENTENCE_END.search(line)
        and not line.endswith(("：", ":"))
        and not _BOILERPLATE.search(line)
        and bool(re.search(rf"[{_CJK}]", line))
    )


def _title(line: str, number: str) -> str:
    body = line[len(number):]
    first = _first_sentence(body).rstrip("。；;：:")
    return first if len(first) <= 60 else first[:60]


# ---------------------------------------------------------------------------- metadata


def read_meta(text: str, year: int | None = None) -> Meta:
    """Government, level, year, date and speaker, from the report's opening lines."""
    head = text[:600]
    meta = Meta()
    m = _SPEAKER.search(head)
    if m:
        meta.speaker = m.group(3).replace(" ", "")
        if m.group(1):
            meta.government = m.group(1)
    m2 = _CONGRESS.search(head)
    if _NATIONAL.search(head) or "国务院" in head[:200]:
        meta.government = "国务院"
    elif m2 and not meta.government:
        meta.government = m2.group(1)
    meta.government = re.sub(r"(人民政府|政府)$", "", meta.government)
    meta.level = _level(meta.government)
    full = _FULL_DATE.search(head)
    years = [int(y) for y in _YEAR.findall(head)]
    meta.year = year or (int(full.group(1)) if full else None) or (years[0] if years else None)
    if full:
        meta.date = f"{int(full.group(1)):04d}-{int(full.group(2)):02d}-{int(full.group(3)):02d}"
    elif meta.year:
        md = _MONTH_DAY.search(head[:200])
        if md and 1 <= int(md.group(1)) <= 12 and 1 <= int(md.group(2)) <= 31:
            meta.date = f"{meta.year:04d}-{int(md.group(1)):02d}-{int(md.group(2)):02d}"
    return meta


def _level(government: str) -> str:
    for suffix, level in R.LEVEL_SUFFIXES:
        if government.endswith(suffix) or (suffix in ("国务院", "全国") and suffix in government):
            return level
    return ""


def plan_year(text: str, meta: Meta) -> int | None:
    """The year the plan is for: a part heading like 2023年工作安排 outranks the date line."""
    for _, _, line in _lines(text):
        depth, number = _heading_depth(line)
        if depth == 1 and len(line) <= _MAX_HEADING + 10:
            title = line[len(number):]
            years = [int(y) for y in _YEAR.findall(title)]
            if years and _part_role(title, None) == "plan":
                return max(years)
    return meta.year


# ---------------------------------------------------------------------------- outline


class _Builder:
    def __init__(self, year: int | None) -> None:
        self.year = year
        self.tree: list[Node] = []
        self.sentences: list[Sentence] = []
        self.part: Node | None = None
        self.area: Node | None = None
        self.task: Node | None = None
        self.role = "intro"
        self.part_horizon: int | None = None
        self.area_horizon: int | None = None
        self.seen_structure = False
        self.marks: list[tuple[int, str, str, float]] = []  # (start, role, basis, confidence)
        self.basis, self.conf = "default", 0.5

    def mark(self, start: int, role: str, basis: str, conf: float) -> None:
        """Note that from ``start`` on the text is read as ``role`` (for ``Meta.sections``)."""
        if self.marks and self.marks[-1][1:3] == (role, basis):
            return
        self.marks.append((start, role, basis, conf))

    def horizon(self, heading: str) -> int | None:
        """The last year a heading's section looks to: “十四五”时期 → 2025, 今后五年 → year + 4."""
        m = _FIVE_YEAR.search(heading)
        if m:
            return _FIVE_YEAR_END[m.group(1)]
        if _COMING_YEARS.search(heading) and self.year:
            return self.year + 4
        return None

    # -- nodes
    def _close(self, node: Node | None, end: int) -> None:
        if node is not None:
            node.span = (node.span[0], max(node.span[1], end))

    def open_part(self, start: int, end: int, line: str, number: str, role: str,
                  basis: str = "heading", conf: float = _HEADING_CONFIDENCE) -> None:
        self.mark(start, role, basis, conf)
        self.basis, self.conf = basis, conf
        self.part = Node("part", _title(line, number), (start, end), role=role, number=number)
        self.tree.append(self.part)
        self.area = self.task = None
        self.role = role
        self.part_horizon = self.horizon(line)
        self.area_horizon = None
        self.seen_structure = True

    def open_area(self, start: int, end: int, line: str, number: str) -> None:
        node = Node("area", _title(line, number), (start, end), number=number)
        self._attach(node, self.part)
        self.area, self.task = node, None
        self.area_horizon = self.horizon(line)
        self.seen_structure = True

    def open_task(self, start: int, end: int, title: str, number: str) -> None:
        node = Node("task", title, (start, end), number=number)
        self._attach(node, self.area or self.part)
        self.task = node

    def _attach(self, node: Node, parent: Node | None) -> None:
        if parent is None:
            self.tree.append(node)
        else:
            parent.children.append(node)
        for anc in (self.part, self.area):
            self._close(anc, node.span[1])

    # -- sentences
    def add_paragraph(self, start: int, line: str, goals: bool) -> None:
        role = self.role
        if role in ("plan", "conduct") and tense.reads_as_review(line, self.year):
            self.role = "review"  # last year's results inside the plan: achievements
            self.mark(start, "review", "content", tense.confidence(*tense.signals(line, self.year)))
            try:
                self._add_paragraph(start, line, False)
            finally:
                self.role = role
            self.mark(start + len(line) + 1, role, self.basis, self.conf)
            return
        self._add_paragraph(start, line, goals)

    def _add_paragraph(self, start: int, line: str, goals: bool) -> None:
        parent = self.task or self.area or self.part
        goals_node: Node | None = None
        if goals:
            goals_node = Node("goals", "主要预期目标", (start, start + len(line)))
            self._attach(goals_node, self.area or self.part)
            parent = goals_node
        path = [n.title for n in (self.area, self.task) if n is not None]
        guidance = bool(_GUIDANCE.search(line))
        for s, e, sent in _split_sentences(start, line):
            self.sentences.append(Sentence(  # the paragraph's sentences share its path (read only)
                s, e, sent, self.role, path, self.part.title if self.part else "", goals,
                self.area_horizon or self.part_horizon, guidance,
            ))
            if parent is not None and self.role in ("plan", "conduct", "review"):
                parent.children.append(Node("measure", sent, (s, e)))
        for anc in (self.part, self.area, self.task):
            self._close(anc, start + len(line))


def _section_score(lines: list[tuple[int, int, str]], i: int, year: int | None) -> int:
    """The tense score of the section under the 一、 heading at ``lines[i]`` (to the next one)."""
    total = 0
    for _, _, line in lines[i + 1:]:
        if _heading_depth(line)[0] == 1:
            break
        total += tense.score(line, year)
    return total


def _annex_role(title: str, year: int | None) -> str:
    """附件2 安国市2021年十大工程进展情况说明: last year's progress is review; any other annex
    (a table of projects, a list of terms) holds no targets."""
    if _GLOSSARY.match(title.strip("※*#【】[]")):
        return "glossary"
    years = [int(y) for y in _YEAR.findall(title)]
    if _ANNEX_PROGRESS.search(title) or (year and years and max(years) < year):
        return "review"
    return "annex"


def _sections(b: _Builder, text: str) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i, (start, role, basis, conf) in enumerate(b.marks):
        end = b.marks[i + 1][0] - 1 if i + 1 < len(b.marks) else len(text)
        if end > start:
            out.append({"role": role, "start": start, "end": end, "confidence": conf, "basis": basis})
    return out


def outline(text: str, year: int | None = None) -> Outline:
    """Read the structure of a normalised report text."""
    meta = read_meta(text, year)
    py = year or plan_year(text, meta)
    meta.year = py
    b = _Builder(py)
    lines = list(_lines(text))
    numbered_parts = any(_heading_depth(ln)[0] == 1 and _part_role(ln, py) for _, _, ln in lines)
    unnumbered = {_unnumbered_part(ln, py) for _, _, ln in lines} - {""}
    # parts without numbers win when they frame the report (…工作回顾 … …工作重点): 一、 are areas
    unnumbered_parts = bool(unnumbered) and (not numbered_parts or {"review", "plan"} <= unnumbered)
    numbered_parts = numbered_parts and not unnumbered_parts
    has_parts = numbered_parts or unnumbered_parts
    turn, turn_conf = 0, 0.0
    if not has_parts:
        # a digest, an extract, or a report with no part headings: review, then plan, by tense
        turn, turn_conf = tense.split_point([tense.score(ln, py) for _, _, ln in lines])
        b.role = "review" if turn else "plan"
        b.mark(0, b.role, "content" if turn else "default", turn_conf or 0.5)
    first = True
    annex_next = in_annex = False
    for i, (start, end, line) in enumerate(lines):
        if turn and i == turn:
            b.role = "plan"
            b.mark(start, "plan", "content", turn_conf)
        depth, number = _heading_depth(line)
        bare = line.replace(" ", "").strip("※*#【】[]")
        if _GLOSSARY.match(bare):
            b.open_part(start, end, line, "", "glossary")
            continue
        if (annex := _ANNEX.match(bare)) and len(bare) <= _MAX_HEADING:
            title = bare[annex.end():]
            annex_next, in_annex = not title, True
            b.open_part(start, end, line, "", _annex_role(title, py))
            continue
        if annex_next and b.part is not None:
            annex_next = False  # 附件2 on its own line: the next line is its title
            b.part.title = _title(line, "")
            b.part.role = b.role = _annex_role(line, py)
            b.marks[-1] = (b.marks[-1][0], b.role, "heading", _HEADING_CONFIDENCE)
            continue
        if b.role in ("glossary", "annex"):
            b.add_paragraph(start, line, False)
            continue
        if _BOILERPLATE.search(line) and len(line) < 200 and not _SENTENCE_END.search(line[:-1]):
            first = False
            continue
        if unnumbered_parts and depth == 0 and (role := _unnumbered_part(line, py)):
            b.open_part(start, end, line, "", role)
            continue
        if depth == 1 and not unnumbered_parts and not in_annex:
            role = _part_role(line[len(number):], py)
            basis, conf = "heading", _HEADING_CONFIDENCE
            if not role and b.role == "review" and (score := _section_score(lines, i, py)) > 0:
                # 二、坚持实行扩大内需的方针 after 一、1999年国内工作回顾: a chapter of the plan
                role, basis = "plan", "content"
                conf = max(0.55, min(0.9, 0.5 + score / 40))
            if role or not b.seen_structure and has_parts:
                b.open_part(start, end, line, number, role or "other", basis, conf)
                rest = line[len(_first_sentence(line)):] if len(_first_sentence(line)) < len(line) else ""
                if rest:
                    b.add_paragraph(end - len(rest), rest, bool(_GOALS.search(rest)))
                continue
            depth = 2  # a 一、 heading inside a part is an area
        if depth == 1:
            depth = 2  # the parts have no numbers: 一、 headings are areas
        if depth == 2 or (
            depth == 0 and not first and _is_digest_heading(line) and b.role in ("plan", "conduct")
            and not _SALUTATION.match(line)
        ):
            b.open_area(start, end, line, number)
            lead = number + _first_sentence(line[len(number):])
            rest = line[len(lead):]
            if rest.strip():
                b.add_paragraph(start + len(lead), rest, bool(_GOALS.search(rest)))
            continue
        if depth == 3 and b.role in ("plan", "conduct", "review"):
            lead = _first_sentence(line[len(number):])
            b.open_task(start, end, lead.rstrip("。；;：:"), number)
            b.add_paragraph(start + len(number), line[len(number):], bool(_GOALS.search(line)))
            first = False
            continue
        if first and has_parts is False and len(line) < 30 and "报告" in line:
            first = False
            continue
        first = False
        lead = _first_sentence(line)
        if (
            b.role in ("plan", "conduct")
            and (b.area is not None)
            and len(lead) <= _MAX_LEAD
            and lead.endswith(("。", "：", ":"))
            and len(line) > len(lead)
            and not _SALUTATION.match(line)
        ):
            b.open_task(start, start + len(lead), lead.rstrip("。：:"), "")
        b.add_paragraph(start, line, b.role == "plan" and bool(_GOALS.search(line)))
    if not b.marks:
        b.mark(0, b.role, "default", 0.5)
    meta.sections = _sections(b, text)
    if not any(sec["role"] in ("plan", "conduct") for sec in meta.sections):
        meta.warnings.append("no plan part found: the text reads as a review of past work only")
    return Outline(meta, b.tree, b.sentences)
