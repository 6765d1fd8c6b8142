"""The year-end review: year N's targets read against the review part of year N+1's report.

``review_plans(plan_n, plan_n1)`` gives one ``Link`` per target of year N with its outcome:

- ``met``: a result of the same measure reaches the target by its comparator (for ``~``
  within about 10 %; an estimate with 预计 counts);
- ``missed``: it falls short;
- ``unclear``: a related result that cannot be compared (another unit, scope or period, a
  target due in a later year) or only words (圆满完成 …民心工程) without a figure;
- ``unreported``: the review never mentions it again — the commonest outcome.

Every verdict keeps the evidence sentence, its span in year N+1's text and a short reason.
Rules are data (``rules/review.py``); nothing here reads files.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import NotConsecutive
from .indicators import BY_CODE, classify
from .model import Plan, Target
from .rules import review as R
from .rules import targets as RT
from .vocab import alternation

OUTCOMES = ("met", "missed", "unclear", "unreported")

_GENERIC = re.compile(alternation(R.GENERIC_WORDS))
_NOISE = re.compile(r"[〔\[][0-9]+[〕\]]|[\s0-9.%％\-—～~“”\"《》（）()、，,；;：:。！？!?]+")
_OTHER_PERIOD = re.compile("|".join(R.OTHER_PERIOD))
_MEASURE = re.compile(alternation(R.MEASURE_WORDS))
_RESPECTIVELY = re.compile("分别")
_ITEM_BREAK = re.compile(r"[、和及与]")
_PAIRED = re.compile(alternation(RT.PAIRED_SUBJECTS))
_DIGITS = re.compile(r"[0-9]")
_MULTI_YEAR = re.compile(alternation(R.MULTI_YEAR_OPENINGS))
_ONE_YEAR = re.compile(alternation(R.YEAR_OPENINGS) + r"|(?:19|20)\d\d年(?!底|末)")
_PROBLEM = re.compile(alternation(R.PROBLEM_WORDS))
_OPENING = 40  # characters of a paragraph that tell its period
_SENTENCE_OPENING = 12  # …and of a sentence (五年来，累计引进…)
_FLOW = re.compile(alternation(R.FLOW_WORDS))
_WEAK = re.compile(alternation(R.WEAK_WORDS + R.MEASURE_WORDS))
_STOCK = re.compile(alternation(R.STOCK_WORDS))
_DECLINE = re.compile(alternation(R.DECLINE_WORDS))
_GROWTH = re.compile(alternation(R.GROWTH_WORDS))
_CLAUSE = re.compile(r"[，,；;。：:\n]")
_SENTENCE = re.compile(r"[；;。\n]")
_ITEM_END = re.compile(r"[，,；;。：:、\n]")
_GOV_SUFFIX = re.compile(r"(?:国务院|省|自治区|市|州|盟|地区|县|区|旗)$")
_GROUP = {unit: i for i, group in enumerate(R.UNIT_GROUPS) for unit in group}


@dataclass(slots=True)
class Link:
    """One target of year N and what year N+1's review says of it."""

    metric: str
    low: float | None
    high: float | None
    unit: str
    comparator: str
    indicator: str | None
    deadline: str
    target_text: str
    target_span: tuple[int, int]
    outcome: str
    result_low: float | None = None
    result_high: float | None = None
    result_unit: str = ""
    evidence: str = ""  # the sentence of year N+1's review
    evidence_span: tuple[int, int] | None = None  # its span in year N+1's normalised text
    result_span: tuple[int, int] | None = None  # the result figure's span
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("target_span", "evidence_span", "result_span"):
            d[key] = list(d[key]) if d[key] is not None else None
        return d


@dataclass(slots=True)
class Review:
    """The review of one plan: a link per target, in the plan's order."""

    plan_source: str
    report_source: str
    government: str
    year: int | None
    links: list[Link]
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        c = Counter(link.outcome for link in self.links)
        return {o: c.get(o, 0) for o in OUTCOMES}

    def kept_rate(self) -> float | None:
        """Met among the targets whose outcome can be judged (met or missed)."""
        c = self.counts()
        judged = c["met"] + c["missed"]
        return round(c["met"] / judged, 4) if judged else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan_source, "report": self.report_source, "government": self.government,
            "year": self.year, "counts": self.counts(), "kept_rate": self.kept_rate(),
            "warnings": self.warnings, "links": [link.to_dict() for link in self.links],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


# ---------------------------------------------------------------------------- the pair


def check_pair(plan_n: Plan, plan_n1: Plan) -> list[str]:
    """Refuse a pair that is not one government's consecutive years; warnings otherwise."""
    yn, yn1 = plan_n.meta.year, plan_n1.meta.year
    if yn is None or yn1 is None:
        source = plan_n.source if yn is None else plan_n1.source
        raise NotConsecutive(source, "its plan year cannot be read; give the years (or --force)")
    if yn1 != yn + 1:
        raise NotConsecutive(plan_n1.source, f"not the next year's report: plans for {yn} and {yn1} "
                                             "(use --force to review them anyway)")
    gn, gn1 = _government(plan_n.meta.government), _government(plan_n1.meta.government)
    if gn and gn1 and not (gn.endswith(gn1) or gn1.endswith(gn)):
        raise NotConsecutive(plan_n1.source, f"not the same government: {gn} and {gn1} "
                                             "(use --force to review them anyway)")
    if not (gn and gn1):
        return ["the government of one report cannot be read: the pair is assumed to be one government's"]
    return []


def _government(name: str) -> str:
    name = re.sub(r"(?:人民政府|政府)$", "", name)
    return name if _GOV_SUFFIX.search(name) else ""


# ---------------------------------------------------------------------------- matching


@dataclass(slots=True)
class _Evidence:
    figure: Target
    window: str  # the words before the figure that name what it measures
    core: str
    indicator: str | None
    other_period: bool
    value: float | None  # as written, a decline made negative (同比下降1.2% → −1.2)
    declined: bool  # the figure is a decline (下降, 减少)
    sentence: tuple[int, int]


def _core(text: str) -> str:
    return _GENERIC.sub("", _NOISE.sub("", text))


def _window(text: str, start: int) -> str:
    """The clause before a figure; the clause before that too when this one names no noun
    (地区生产总值完成70.11亿元，同比增长4.9% → 地区生产总值完成70.11亿元，同比增长; …78项，总投资135亿元)."""
    lo = _last(_CLAUSE, text, max(0, start - 60), start)
    window = text[lo:start]
    if len(_MEASURE.sub("", _core(window))) < 2 and lo > 1 and not _SENTENCE.match(text, lo - 1):
        lo2 = _last(_CLAUSE, text, max(0, lo - 61), lo - 1)
        window = text[lo2:start]
    return window


def _last(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int:
    pos = lo
    for m in pattern.finditer(text, lo, hi):
        pos = m.end()
    return pos


def _sentence_span(text: str, pos: int) -> tuple[int, int]:
    start = _last(_SENTENCE, text, max(0, pos - 400), pos)
    m = _SENTENCE.search(text, pos)
    return start, (m.end() if m else len(text))


def _after(text: str, end: int) -> str:
    """The words after a figure up to the clause's end (拓宽改造3条小街小巷 → 小街小巷)."""
    m = _ITEM_END.search(text, end, end + 30)
    stop = m.start() if m else min(len(text), end + 30)
    d = _DIGITS.search(text, end, stop)
    return text[end:d.start() if d else stop]


def _respective(text: str, window: str, a: Target, ordinal: int) -> str:
    """城乡居民人均可支配收入分别增长9%和12%: the k-th figure after 分别 is the k-th item's."""
    m = _RESPECTIVELY.search(window)
    if m is None:
        return window
    head = window[: m.start()]
    lo = _last(_CLAUSE, head, 0, len(head))
    subject, verb = head[lo:], window[m.end():]
    items = [i for i in _ITEM_BREAK.split(subject) if i]
    if len(items) == 1 and (p := _PAIRED.search(subject)) is not None:
        pair = RT.PAIRED_SUBJECTS[p.group(0)]
        items = [subject.replace(p.group(0), x, 1) for x in pair]
    if len(items) < 2 or ordinal >= len(items):
        return window
    item = items[ordinal]
    if len(item) <= 3 < len(items[-1]):
        item += items[-1][len(item):]
    return head[:lo] + item + verb


def _multi_year_lines(plan: Plan) -> list[tuple[int, int]]:
    """Spans of the review's paragraphs that open by telling of several years (这五年…, 五年来…)."""
    out: list[tuple[int, int]] = []
    for section in plan.meta.sections:
        if section["role"] != "review":
            continue
        start, end = int(section["start"]), int(section["end"])
        pos = start
        while pos < end:
            nl = plan.text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            opening = plan.text[pos:min(stop, pos + _OPENING)]
            one, several = _ONE_YEAR.search(opening), _MULTI_YEAR.search(opening)
            if several is not None and not (one is not None and one.start() < several.start()):
                out.append((pos, stop))
            pos = stop + 1
    return out


def _evidence(plan: Plan) -> list[_Evidence]:
    multi = _multi_year_lines(plan)
    out = []
    previous: Target | None = None
    ordinal = 0
    for f in plan.achievements:
        a = f
        window = _window(plan.text, a.span[0])
        between = plan.text[previous.span[1]:a.span[0]] if previous else ""
        connected = previous is not None and a.unit == previous.unit and len(between) <= 8 \
            and not _CLAUSE.search(between) and "分别" in plan.text[max(0, previous.span[0] - 30):a.span[0]]
        ordinal = ordinal + 1 if connected else 0
        previous = a
        window = _respective(plan.text, window, a, ordinal) + _after(plan.text, a.span[1])
        value = a.low
        declines = [m.end() for m in _DECLINE.finditer(window)]
        grows = [m.end() for m in _GROWTH.finditer(window)]
        declined = bool(declines) and (not grows or declines[-1] > grows[-1])
        if a.unit == "%" and value is not None and declined:
            value = -value  # 同比下降1.2%: growth of −1.2 %
        sentence = _sentence_span(plan.text, a.span[0])
        out.append(_Evidence(a, window, _core(window), classify(window, a.kind) or a.indicator,
                             bool(_OTHER_PERIOD.search(window)) or any(a <= f.span[0] < b for a, b in multi)
                             or bool(_MULTI_YEAR.search(plan.text, sentence[0], sentence[0] + _SENTENCE_OPENING)),
                             value, declined, sentence))
    return out


def _likeness(t: Target, core_t: str, e: _Evidence) -> tuple[float, bool]:
    """How surely a result measures what the target does (0–1), and whether it can be the
    same measure at all (two different catalog indicators cannot)."""
    if t.indicator and e.indicator == t.indicator:
        return 1.0, True
    same = not (t.indicator and e.indicator and e.indicator != t.indicator)
    if not core_t or not e.core:
        return 0.0, same
    tiled = _tiled(core_t, e.core)
    if tiled < min(3, len(core_t), len(e.core)):
        return 0.0, same  # 示范区 and 示范园 share a word, not a measure
    if _tiled(_WEAK.sub("", core_t), _WEAK.sub("", e.core)) < 2:
        return 0.0, same  # 普惠性幼儿园覆盖率 and 森林覆盖率 share only the measure
    score = tiled / min(len(core_t), len(e.core))  # the shorter phrase, covered by the longer
    if e.value is not None and e.value == t.low and _same_group(t.unit, e.figure.unit):
        score = min(1.0, score + R.SAME_VALUE_BONUS)
    head = _MEASURE.sub("", core_t)
    if len(head) >= 2 and head != core_t and head in e.core:
        score = max(score, R.RELATED_MIN)  # 食用菌总产值 and 食用菌达到2.1万亩: the noun in another measure
    return score, same


def _best(t: Target, core_t: str, context: str, e: _Evidence) -> tuple[float, bool]:
    """The likeness by the metric, or by the words around the target's figure when they say more."""
    by_metric = _likeness(t, core_t, e)
    if by_metric[0] >= 1.0 or not context or context == core_t:
        return by_metric
    by_context = _likeness(t, context, e)
    return by_metric if by_metric[0] >= by_context[0] else by_context


def _tiled(a: str, b: str) -> int:
    """Characters of ``a`` covered by common runs of two or more with ``b`` (greedy, longest first)."""
    total = 0
    while True:
        run, i, j = _longest_common(a, b)
        if run < 2:
            return total
        total += run
        a = a[:i] + "\0" + a[i + run:]
        b = b[:j] + "\1" + b[j + run:]


def _longest_common(a: str, b: str) -> tuple[int, int, int]:
    best = (0, 0, 0)
    for i in range(len(a)):
        for k in range(len(a), i + best[0], -1):
            j = b.find(a[i:k])
            if j >= 0:
                best = (k - i, i, j)
                break
    return best


def _same_group(u1: str, u2: str) -> bool:
    return u1 == u2 or (u1 in _GROUP and _GROUP.get(u1) == _GROUP.get(u2))


def _to_target_unit(value: float, unit: str, target_unit: str) -> float:
    return value * R.UNIT_FACTORS.get(unit, 1.0) / R.UNIT_FACTORS.get(target_unit, 1.0)


def _direction(t: Target) -> str:
    """``down`` when less is better (失业率, 赤字率 ceilings); a 下降 target counts its decline up."""
    if _DECLINE.search(t.metric):
        return "up"
    if t.comparator == "<=":
        return "down"
    ind = BY_CODE.get(t.indicator or "")
    return ind.better if ind and ind.better == "down" else "up"


def _verdict(t: Target, r: float) -> tuple[str, str]:
    low = t.low if t.low is not None else 0.0
    high = t.high if t.high is not None else low
    tol = R.APPROX_TOLERANCE if t.comparator == "~" else 1e-9
    if _direction(t) == "down":
        ok = r <= high + abs(high) * tol
        return ("met", "within the ceiling") if ok else ("missed", "above the ceiling")
    ok = r >= low - abs(low) * tol
    return ("met", "reached") if ok else ("missed", "fell short")


def review_plans(plan_n: Plan, plan_n1: Plan, *, force: bool = False) -> Review:
    """Read ``plan_n1``'s review part against ``plan_n``'s targets.

    Raises ``NotConsecutive`` unless the plans are one government's consecutive years
    (``force=True`` reviews any pair).
    """
    warnings = [] if force else check_pair(plan_n, plan_n1)
    evidence = _evidence(plan_n1)
    review_sentences = _review_sentences(plan_n1)
    year_end = f"{plan_n.meta.year}-12-31" if plan_n.meta.year else ""
    links = [_link(t, _core(_window(plan_n.text, t.span[0]) + t.metric + _after(plan_n.text, t.span[1])), evidence,
                   review_sentences, plan_n1.text, year_end) for t in plan_n.targets]
    if not plan_n1.achievements:
        warnings.append("the second report has no review part with figures: every target reads as unreported")
    return Review(plan_n.source, plan_n1.source, plan_n.meta.government or plan_n1.meta.government,
                  plan_n.meta.year, links, warnings)


def _link(t: Target, context: str, evidence: list[_Evidence], sentences: list[tuple[int, int]], text: str,
          year_end: str) -> Link:
    """The outcome of one target; ``context`` is the core of the words around its figure."""
    link = Link(t.metric, t.low, t.high, t.unit, t.comparator, t.indicator, t.deadline, t.text, t.span,
                "unreported", reason="not mentioned in the review")
    core_t = _core(t.metric)
    scored = sorted(((*_best(t, core_t, context, e), i, e) for i, e in enumerate(evidence)),
                    key=lambda x: (-x[0], x[2]))
    comparable = [(s, e) for s, same, _, e in scored
                  if s >= R.MATCH_MIN and same and _same_group(t.unit, e.figure.unit) and not e.other_period]
    if comparable:
        s, e = comparable[0]
        _cite(link, t, e, text)
        if year_end and t.deadline > year_end:
            link.outcome, link.reason = "unclear", f"the target is due {t.deadline}; the review gives one year"
            return link
        value = _result(t, e)
        r = _to_target_unit(value, e.figure.unit, t.unit) if value is not None else None
        if r is None:
            link.outcome, link.reason = "unclear", "the result has no value"
            return link
        if _FLOW.search(t.metric) and not _FLOW.search(e.window) and _STOCK.search(e.window):
            link.outcome, link.reason = "unclear", "the review gives the total, the target an addition"
            return link
        link.outcome, link.reason = _verdict(t, r)
        return link
    related = [(s, e) for s, _, _, e in scored if s >= R.RELATED_MIN]
    if related:
        s, e = related[0]
        _cite(link, t, e, text)
        why = "another period" if e.other_period else f"another unit ({e.figure.unit or 'none'})"
        if _same_group(t.unit, e.figure.unit) and not e.other_period:
            why = "another measure"
        link.outcome, link.reason = "unclear", f"a related result for {why}"
        return link
    words = _words_only(core_t, sentences, text)
    if words is None and len(core_t) < R.WORDS_ONLY_MIN_RUN:
        words = _words_only(context, sentences, text, run=R.WORDS_ONLY_MIN_RUN)
    if words is not None:
        link.outcome, link.reason = "unclear", "mentioned without a figure"
        link.evidence, link.evidence_span = text[words[0]:words[1]].strip(), words
    return link


def _result(t: Target, e: _Evidence) -> float | None:
    """The result as the target counts it: a decline target (能耗下降3.5%) reads 下降22% as 22."""
    if e.value is not None and e.declined and _DECLINE.search(t.metric):
        return abs(e.value)
    return e.value


def _cite(link: Link, t: Target, e: _Evidence, text: str) -> None:
    value = _result(t, e)
    link.result_low = value if value is not None else e.figure.low
    link.result_high = value if value is not None and e.figure.low == e.figure.high else e.figure.high
    link.result_unit = e.figure.unit
    link.evidence = text[e.sentence[0]:e.sentence[1]].strip()
    link.evidence_span = e.sentence
    link.result_span = e.figure.span


def _review_sentences(plan: Plan) -> list[tuple[int, int]]:
    spans = []
    for section in plan.meta.sections:
        if section["role"] != "review":
            continue
        pos = int(section["start"])
        end = int(section["end"])
        for m in _SENTENCE.finditer(plan.text, pos, end):
            spans.append((pos, m.end()))
            pos = m.end()
    return spans


def _words_only(core_t: str, sentences: list[tuple[int, int]], text: str, run: int = 0) -> tuple[int, int] | None:
    """The first review sentence with a clause naming the target's measure in so many words
    (a run of characters covering most of the metric) and no figure."""
    if len(core_t) < R.WORDS_ONLY_MIN_RUN:
        return None
    run = run or max(R.WORDS_ONLY_MIN_RUN, round(R.WORDS_ONLY_MIN_SHARE * len(core_t) + 0.49))
    grams = {core_t[i:i + run] for i in range(len(core_t) - run + 1)}
    for start, end in sentences:
        sentence = text[start:end]
        if _PROBLEM.search(sentence):
            continue
        for clause in _CLAUSE.split(sentence):
            if not _DIGITS.search(clause) and any(g in clause for g in grams):
                return start, end
    return None
