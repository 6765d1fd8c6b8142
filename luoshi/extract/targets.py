"""Targets: which quantities are commitments, and what they measure.

For every sentence of the plan part (and, as achievements, of the review part) the
quantities from ``numbers.find_quantities`` go through the rules of ANNOTATION.md:
not a date, an ordinal, a grade, a slogan in quotes, a name or a category threshold;
then the comparator (以上 → >=, 以内 → <=, 左右 → ~ …), the aspiration (a striving verb
earlier in the sentence), the deadline and the metric phrase.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from .deadlines import deadline_for, year_end
from .model import Quantity, Target
from .rules import targets as R
from .structure import Sentence

_CJK = "\u3400-\u9fff"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_AFTER = re.compile(rf"\s*({_alternation(R.COMPARATOR_AFTER)})")
_BEFORE = re.compile(rf"({_alternation(w for w in R.COMPARATOR_BEFORE if w)})\s*$")
_STRIVE = re.compile(_alternation(R.STRIVING_VERBS))
_NOT_STRIVE = re.compile(_alternation(R.NOT_STRIVING))
_NOT_AFTER = re.compile(_alternation(R.NOT_TARGET_AFTER))
_NOT_BEFORE = re.compile(rf"(?:{_alternation(R.NOT_TARGET_BEFORE)})$")
_THRESHOLD = re.compile(rf"(?:以上|以下|及以上)(?:的|[{_CJK}“])")
_LEAD = re.compile(rf"^(?:{_alternation(R.METRIC_LEAD_WORDS)})+")
_TAIL = re.compile(rf"(?:{_alternation(R.METRIC_TAIL_WORDS)})+$")
_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?（(）)]")
_LIST_BREAK = re.compile(r"[、]")
_FULL = re.compile(_alternation(R.FULL_COVERAGE))
_SHARED = re.compile(r"(均|都|各)(?=[^，,；;。]{0,6}$)")
_ARABIC = re.compile(r"[0-9]")
_QUOTES = {"“": "”", "《": "》", "「": "」", "\"": "\""}
_AFTER_NOUN_STOP = re.compile(r"[，,；;。：:、！？!?（(）)“”的等]")


def _inside_quotes(sent: str, pos: int) -> bool:
    """True when ``pos`` lies inside a “…” or 《…》 pair of the sentence."""
    for open_, close in _QUOTES.items():
        if open_ == close:
            if sent.count(open_, 0, pos) % 2:
                return True
            continue
        opened = sent.rfind(open_, 0, pos)
        if opened >= 0 and sent.rfind(close, opened, pos) < 0:
            if sent.find(close, pos) >= 0:
                return True
    return False


def _is_candidate(q: Quantity, sent: str, qs: int, qe: int) -> bool:
    if q.kind not in R.TARGET_KINDS or q.low is None:
        return False
    if q.unit in R.STRUCTURE_UNITS:
        return False
    if _inside_quotes(sent, qs):
        return False
    after = sent[qe : qe + 6]
    before = sent[max(0, qs - 4) : qs]
    if _NOT_AFTER.match(after) or _NOT_BEFORE.search(before):
        return False
    if q.kind in ("money", "percent") and _THRESHOLD.match(after):
        return False
    if not _ARABIC.search(q.text) and after.startswith(("“", "大")):
        return False  # 一张“网”, 两个“全覆盖”: numbered slogans
    return True


def _comparator(q: Quantity, sent: str, qs: int, qe: int) -> tuple[str, int, int]:
    """The comparator and the span of the wording that gives it."""
    m = _AFTER.match(sent, qe)
    if m:
        return R.COMPARATOR_AFTER[m.group(1)], qs, m.end()
    b = _BEFORE.search(sent, 0, qs)
    if b and b.end() == qs:
        return R.COMPARATOR_BEFORE[b.group(1)], b.start(), qe
    if q.approx:
        return q.approx, qs, qe
    return "=", qs, qe


def _aspirational(sent: str, pos: int) -> bool:
    for m in _STRIVE.finditer(sent, 0, pos):
        covered = any(n.start() <= m.start() < n.end() for n in _NOT_STRIVE.finditer(sent))
        if not covered:
            return True
    return False


def _clean(metric: str) -> str:
    metric = metric.strip(" “”\"'《》、")
    for _ in range(2):
        metric = _LEAD.sub("", metric)
        metric = _TAIL.sub("", metric)
    return metric.strip(" “”\"'《》、")


def _metric(sent: str, qs: int, qe: int, end: int) -> str:
    """The metric phrase: the noun after the quantity (培育10家工业互联网示范企业) or the
    clause before it (新增城镇就业1500人以上)."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(sent, 0, qs):
        start = m.end()
    before = sent[start:qs]
    if _LIST_BREAK.search(before):
        parts = _LIST_BREAK.split(before)
        # a list before the figure (A、B均增加10家): keep the last item with its verb
        before = parts[-1] if len(parts[-1]) >= 4 else "".join(parts)
    before = _clean(before)
    stop = _AFTER_NOUN_STOP.search(sent, end)
    after = sent[end : stop.start() if stop else len(sent)]
    after = after if re.match(rf"[{_CJK}A-Za-z“]", after) else ""
    after = _clean(after)[:20]
    if after and len(after) >= 2:
        return after if len(before) <= 2 else after
    return before or after


def _shared_items(sent: str, qs: int) -> list[str]:
    """For ``A、B均增加10家以上``: the items A and B that share the figure, with the verb."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(sent, 0, qs):
        start = m.end()
    before = sent[start:qs]
    m = _SHARED.search(before)
    if not m or "、" not in before[: m.start()]:
        return []
    items = [i for i in _LIST_BREAK.split(before[: m.start()]) if i]
    verb = _clean(before[m.end():])
    if len(items) < 2:
        return []
    return [_clean(i) + verb for i in items]


def _distribute(rows: list[tuple[Target, int, int]], sent: str) -> None:
    """分别增长9%和10%以上: a comparator after the last figure of a 分别 list covers all."""
    for i in range(len(rows) - 1, 0, -1):
        t, _, _ = rows[i]
        prev, ps, pe = rows[i - 1]
        between = sent[pe : rows[i][1]]
        if t.comparator != "=" and prev.comparator == "=" and re.fullmatch(r"[和、及与,，]", between.strip()):
            if "分别" in sent[: ps] or "均" in sent[: ps]:
                prev.comparator = t.comparator


def _rows_for_sentence(
    sent: Sentence, quantities: list[Quantity], plan_year: int, default_deadline: str
) -> list[Target]:
    rows: list[tuple[Target, int, int]] = []
    text = sent.text
    role = "achievement" if sent.role == "review" else "target"
    for q in quantities:
        qs, qe = q.start - sent.start, q.end - sent.start
        if not _is_candidate(q, text, qs, qe):
            continue
        comparator, cs, ce = _comparator(q, text, qs, qe)
        deadline = deadline_for(text, qs, plan_year, default_deadline) if role == "target" else ""
        base = dict(
            low=q.low, high=q.high, unit=q.unit, comparator=comparator,
            aspirational=role == "target" and _aspirational(text, qs), deadline=deadline,
            text=text.strip(), span=(q.start, q.end), path=list(sent.path), quantity=text[cs:ce],
            kind=q.kind, role=role,
        )
        items = _shared_items(text, qs)
        for metric in items or [_metric(text, qs, qe, ce)]:
            rows.append((Target(metric=metric, **base), qs, qe))  # type: ignore[arg-type]
    _distribute(rows, text)
    rows.extend(_coverage_rows(sent, plan_year, default_deadline, role))
    return [t for t, _, _ in rows]


def _coverage_rows(
    sent: Sentence, plan_year: int, default_deadline: str, role: str
) -> list[tuple[Target, int, int]]:
    """全覆盖 → a 100 % target (borderline by the rules, but a real commitment)."""
    if role != "target":
        return []
    out = []
    for m in _FULL.finditer(sent.text):
        if _inside_quotes(sent.text, m.start()):
            continue
        start = 0
        for b in _CLAUSE_BREAK.finditer(sent.text, 0, m.start()):
            start = b.end()
        metric = _clean(sent.text[start : m.start()]) + "覆盖"
        t = Target(
            metric=metric, low=100.0, high=100.0, unit="%", comparator="=",
            aspirational=_aspirational(sent.text, m.start()),
            deadline=deadline_for(sent.text, m.start(), plan_year, default_deadline),
            text=sent.text.strip(), span=(sent.start + m.start(), sent.start + m.end()),
            path=list(sent.path), quantity=m.group(0), kind="percent", role=role,
        )
        out.append((t, m.start(), m.end()))
    return out


def extract_targets(
    text: str, sentences: list[Sentence], plan_year: int
) -> tuple[list[Target], list[Target]]:
    """Targets of the plan (plan and conduct parts) and achievements of the review part."""
    from .numbers import find_quantities

    quantities = find_quantities(text)
    starts = [q.start for q in quantities]
    targets: list[Target] = []
    achievements: list[Target] = []
    for sent in sentences:
        if sent.role not in ("plan", "conduct", "review"):
            continue
        lo = bisect.bisect_left(starts, sent.start)
        hi = bisect.bisect_left(starts, sent.end)
        inside = [q for q in quantities[lo:hi] if q.end <= sent.end]
        if not inside and "覆盖" not in sent.text:
            continue
        default = year_end(sent.horizon or plan_year)
        rows = _rows_for_sentence(sent, inside, plan_year, default)
        (achievements if sent.role == "review" else targets).extend(rows)
    return targets, achievements
