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
from dataclasses import replace

from .deadlines import deadline_for, year_end
from .indicators import classify
from .model import Quantity, Target
from .rules import targets as R
from .structure import Sentence
from .vocab import alternation

_CJK = "\u3400-\u9fff"


_AFTER = re.compile(rf"\s*({alternation(R.COMPARATOR_AFTER)})")
_BEFORE = re.compile(rf"({alternation(w for w in R.COMPARATOR_BEFORE if w)})\s*$")
_BEFORE_VERB = re.compile(
    rf"({alternation(w for w in R.COMPARATOR_BEFORE if len(w) >= 2)})(?:{alternation(R.COUNTING_VERBS)}){{1,2}}$"
)
_STRIVE = re.compile(alternation(R.STRIVING_VERBS))
_NOT_STRIVE = re.compile(alternation(R.NOT_STRIVING))
_NOT_AFTER = re.compile("|".join([alternation(R.NOT_TARGET_AFTER), *R.NOT_TARGET_AFTER_PATTERNS]))
_STRUCTURE_NOUN = re.compile(rf"(?:{alternation(R.STRUCTURE_NOUNS)})(?=$|[，,。；;、为是等和])")
_ABSTRACT_NOUN = re.compile(rf"(?:{alternation(R.ABSTRACT_NOUNS)})(?=$|[，,。；;、为是等和])")
_SHARE = re.compile(rf"(?:以上|以下)的(?:{alternation(R.SHARE_NOUNS)})")
_PAST_VERB = re.compile(alternation(R.PAST_VERBS))
_INVESTMENT_NOUN = re.compile(r"^的[^，,；;。]{0,12}?(?:投资|资金|计划|任务)")
_COMMIT_VERB = re.compile(r"(?:完成|实现|安排|下达)$")
_YEAR_WORD = re.compile(r"“?十[一二三四五六]五”?(?:末|期末|期间|时期)?|(?:19|20)\d\d年度?|今年|年内|全年|\d{1,2}月(?:底|末|份)?(?:前|以前)?|年底前|上半年")
_NOT_BEFORE = re.compile(rf"(?:{alternation(R.NOT_TARGET_BEFORE)})$")
_MONEY_CATEGORY = re.compile(alternation(R.MONEY_CATEGORY_NOUNS))
_THRESHOLD = re.compile(rf"(以上|以下|及以上|及以下)(?:的|[{_CJK}“])")
_LEAD = re.compile(rf"^(?:{alternation(R.METRIC_LEAD_WORDS)})+")
_TAIL = re.compile(rf"(?:{alternation(R.METRIC_TAIL_WORDS)})+$")
_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")
_LIST_BREAK = re.compile(r"[、]")
_SHARED = re.compile(
    rf"(?:均|都|分别)(?=(?:{alternation(R.COUNTING_VERBS + R.CHANGE_VERBS)})?$)"
)
_ARABIC = re.compile(r"[0-9]")
_SLOGAN = re.compile(alternation(R.SLOGANS))
_BASELINE = re.compile(r"(?:从|由)(?:去年|上年|目前|现在|现行|当前|年初)?的?$")
_FROM_TO = re.compile(r"(?:从|由)[^，,；;]*?(?:提高|提升|增加|增长|扩大|降低|下降|减少|压减|调整|降|升)?(?:到|至)$")
_POLICY = re.compile(
    rf"[”“\"\[\]〔〕0-9（）()]*[^，,；;。：:、]{{0,8}}?(?:{alternation(R.POLICY_NOUNS)})"
)
_BOUND_VERB = re.compile(alternation(R.BOUND_VERBS_AFTER))
_TIME_WORD = re.compile(alternation(R.METRIC_TIME_WORDS))
_SHARED_TAIL = re.compile(rf"(?:{alternation(R.SHARED_TAILS)})$")
_CONNECTOR = re.compile(r"\s*[和、及与至到或,，]?\s*")
_LEADING = frozenset(w[0] for w in R.COMPARATOR_BEFORE)
_RATIO = re.compile(r"(?:比|系数|指数)(?:降至|降到|控制在|缩小到|缩小至|保持在|下降到|达到)$")
_RAISED_TO = re.compile(r"(?:提高|提升|增加|增长|扩大|降低|下降|减少|压减|调整|降|升)?(?:到|至)")
_QUOTES = {"“": "”", "《": "》", "「": "」", "\"": "\""}
_AFTER_NOUN_STOP = re.compile(r"[，,；;。：:、！？!?（(）)等]|[和及与](?=[0-9])")
_LEADING_FIGURE = re.compile(r"^[0-9.]+(?:个|家|项|处|座|所|条)")
_BRACKETED = re.compile(r"[（(][^（()）]*[)）]|\[\d+\]|〔\d+〕")
# Figures that measure something named before them (投资5.96亿元, 增长10%).
_RESPECTIVELY = re.compile(r"分别")
_LIST_OR_AND = re.compile(r"[、和及与]")
_PAIRED = re.compile(alternation(R.PAIRED_SUBJECTS))
_RATE_KINDS = frozenset({"percent", "points", "permille"})
_MEASURED_BEFORE = frozenset({"money", "percent", "points", "multiple", "permille"})


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


def _in_slogan(sent: str, qs: int, qe: int) -> bool:
    """True when the figure is part of a numbered slogan (两个市场, 八项规定)."""
    return any(m.start() < qe and qs < m.end() for m in _SLOGAN.finditer(sent, max(0, qs - 8), qe + 8))


def _is_candidate(q: Quantity, sent: Sentence, qs: int, qe: int) -> bool:
    text = sent.text
    if q.low is None or q.unit in R.NOT_TARGET_UNITS:
        return False
    if q.kind not in R.TARGET_KINDS and not _counted_in_days(q, text, qs) \
            and _implied_unit(q, text, qs, qe) is None:
        return False
    if _inside_quotes(text, qs):
        return False
    after = text[qe : qe + 6]
    before = text[max(0, qs - 4) : qs]
    if _NOT_AFTER.match(after) or _NOT_BEFORE.search(before) or _in_slogan(text, qs, qe):
        return False
    if _BASELINE.search(before) and _RAISED_TO.match(text, qe):
        return False  # 从75%提高到100%: 75% is the starting point
    if _PAST_VERB.search(text, _clause_start(text, qs, 0), qs):
        return False  # 部署了八项重点工作: done, not promised
    if _is_category(q, text, qe):
        return False  # 50万元以上的经济强村, 8座以下小汽车: a threshold that defines a category
    if q.unit in R.POLICY_COUNT_UNITS and _POLICY.match(text, qe):
        return False  # 十五条硬措施, 30项防控措施: the name of a policy package
    if q.kind == "money" and not _money_commitment(text, qs, qe):
        return False
    chinese = not _ARABIC.search(q.text)
    if q.kind == "count" and (_STRUCTURE_NOUN if chinese else _ABSTRACT_NOUN).match(text, qe):
        return False  # 两个关键, 等6项内容为重点
    if chinese:
        return sent.role != "conduct" and _chinese_numeral_ok(q, after)
    return True


def _is_category(q: Quantity, text: str, qe: int) -> bool:
    """A threshold that names a class of things (50万元以上的经济强村, 30万千瓦以下煤电机组)."""
    m = _THRESHOLD.match(text, qe)
    if not m or _is_share(q, text, qe) or _BOUND_VERB.match(text, m.end(1)):
        return False
    return q.kind in R.CATEGORY_KINDS_ABOVE or m.group(1).endswith("以下")


def _is_share(q: Quantity, text: str, qe: int) -> bool:
    """55%以上的村（社区）…: a share of a population, a target (not a category)."""
    return q.kind == "percent" and bool(_SHARE.match(text, qe))


def _money_commitment(text: str, qs: int, qe: int) -> bool:
    """A sum of money is a commitment unless it names a class (超千亿元园区) or describes a
    thing (超百万亿元的经济总量); 总投资10亿元的项目 and 完成37.8亿元的年度投资计划 commit."""
    if _MONEY_CATEGORY.match(text, qe):
        return False
    if text.startswith("的", qe):
        before = text[_clause_start(text, qs, 0) : qs]
        return "投资" in before or bool(_COMMIT_VERB.search(before)) or bool(_INVESTMENT_NOUN.match(text, qe))
    return True


def _implied_unit(q: Quantity, sent: str, qs: int, qe: int) -> str | None:
    """The unit of a bare number, from the noun it counts: 旅游人数突破150万 → 人,
    700万农村居民 → 人, 收入比降至2以内 → "" (a ratio). None: not a target."""
    if q.kind != "number" or not _ARABIC.search(q.text):
        return None
    before = sent[_clause_start(sent, qs, 0) : qs]
    for noun, unit in R.IMPLIED_UNIT_BEFORE.items():
        if noun in before:
            return unit
    for noun, unit in R.IMPLIED_UNIT_AFTER.items():
        if sent.startswith(noun, qe) and not sent.startswith("的", qe + len(noun)):
            return unit  # (69万群众的期盼 describes; 完成700万农村居民…置换 counts)
    if _RATIO.search(before) and _AFTER.match(sent, qe):
        return ""
    return None


def _counted_in_days(q: Quantity, sent: str, qs: int) -> bool:
    """优良天数达到270天以上: days are a target when the metric counts days."""
    return q.unit == "天" and "天数" in sent[max(0, qs - 12) : qs]


def _chinese_numeral_ok(q: Quantity, after: str) -> bool:
    """两条生产线 and 七条道路 are targets; 一张“网”, 三大目标, 一件事, 二中全会 are not."""
    if after.startswith("“") or q.low == 1 and q.high == 1:
        return False
    return q.unit not in R.NOT_CHINESE_NUMERAL_UNITS


def _comparator(q: Quantity, sent: str, qs: int, qe: int) -> tuple[str, int, int]:
    """The comparator and the span of the wording that gives it."""
    m = _AFTER.match(sent, qe)
    if m:
        return R.COMPARATOR_AFTER[m.group(1)], qs, m.end()
    b = _BEFORE.search(sent, 0, qs)
    if b and b.end() == qs and R.COMPARATOR_BEFORE[b.group(1)]:
        return R.COMPARATOR_BEFORE[b.group(1)], b.start(), qe
    b = _BEFORE_VERB.search(sent, max(0, qs - 8), qs)
    if b and b.end() == qs and R.COMPARATOR_BEFORE[b.group(1)]:
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
    metric = metric.replace("“", "").replace("”", "").strip(" \"'《》、")
    for _ in range(2):
        metric = _LEAD.sub("", metric)
        metric = _TAIL.sub("", metric)
    return metric.strip(" “”\"'《》、")


def _clause_start(sent: str, qs: int, floor: int) -> int:
    start = floor
    for m in _CLAUSE_BREAK.finditer(sent, floor, qs):
        start = m.end()
    return start


def _noun_after(sent: str, end: int) -> str:
    """The noun a count is of: 200个宜居宜业宜游的新时代美丽乡村 → 新时代美丽乡村."""
    stop = _AFTER_NOUN_STOP.search(sent, end)
    while stop and sent[stop.start()] == "、" and stop.start() - end < 2 + sent.count("、", end, stop.start()) * 2:
        stop = _AFTER_NOUN_STOP.search(sent, stop.end())  # 32个省、市、县重点项目: one noun
    after = sent[end : stop.start() if stop else len(sent)]
    after = _LEADING_FIGURE.sub("", after.removeprefix("的"))  # 总投资152.8亿元的32个省、市重点项目
    if not re.match(rf"[{_CJK}A-Za-z“0-9]", after):
        return ""
    if "的" in after[1:]:
        head = after[after.rindex("的") + 1 :]
        after = head if len(head) >= 2 else after
    return _clean(_YEAR_WORD.sub("", after))[:24]


def _metric(sent: str, qs: int, qe: int, end: int, kind: str, floor: int) -> str:
    """The metric phrase: the noun after a count (培育10家工业互联网示范企业), else the clause
    before the figure (新增城镇就业1500人以上, 投资5.96亿元); ``总投资10亿元的X项目`` → X + 总投资.
    ``floor`` is where the previous figure of the sentence ends: a metric never reaches past it."""
    start = _clause_start(sent, qs, floor)
    raw = sent[start:qs]
    to = _FROM_TO.search(raw)
    if to and to.start() >= 2:
        raw = raw[: to.start()]  # 赤字率从去年的2.1%提高到2.3%: what rises is 赤字率
    raw = _TIME_WORD.sub("", raw)
    before = raw
    if _LIST_BREAK.search(before):
        parts = _LIST_BREAK.split(before)
        # a list before the figure (A、B均增加10家): keep the last item with its verb
        before = parts[-1] if len(parts[-1]) >= 4 else "".join(parts)
    before = _clean(_YEAR_WORD.sub("", _BRACKETED.sub("", before)))
    if kind == "money" and sent.startswith("的", end):
        after = _noun_after(sent, end + 1)
        if after:
            return after + before
    after = _noun_after(sent, end)
    if _BOUND_VERB.match(after):
        after = ""  # 赤字率按3.6%以上安排: a verb, no noun
    if kind in _MEASURED_BEFORE:
        metric = after + before if len(before) <= 3 and len(after) >= 2 else before or after
    elif kind != "count" and before and len(after) >= 2 and "、" not in raw:
        metric = after + before  # 装机容量100兆瓦的抽水蓄能电站 → 抽水蓄能电站装机容量
    else:
        metric = after if len(after) >= 2 else before or after
    return metric or _clean(raw) or _previous_clause(sent, start) or raw.strip("，,、 ") or _clean(sent[:qs])[-12:]


def _previous_clause(sent: str, start: int) -> str:
    """推进幸福河湖建设，年底前达到45条: a clause with no noun counts what the one before names."""
    if start <= 1:
        return ""
    prev = sent[_clause_start(sent, start - 1, 0) : start - 1]
    return _clean(_TIME_WORD.sub("", prev))[:24]


def _complete(item: str, last: str) -> str:
    """城镇、农村居民人均可支配收入: a short item (城镇) stands for the last one with its own head."""
    return item + last[len(item):] if len(item) <= 3 < len(last) else item


def _shared_tail_items(sent: str, qs: int) -> list[str]:
    """工业投资、技改投资增长20%以上: one rate for a list of metrics, its tail (增长, 参保率)
    shared by each; 城镇、农村居民人均可支配收入增长 → the short item takes the rest of the last."""
    before = _TIME_WORD.sub("", sent[_clause_start(sent, qs, 0) : qs])
    items = [_clean(i) for i in _LIST_BREAK.split(before)]
    if not 2 <= len(items) <= 4 or any(not 2 <= len(i) <= 16 or _ARABIC.search(i) for i in items):
        return []
    tail = _SHARED_TAIL.search(items[-1])
    if tail is None or tail.start() == 0:
        return []
    head = items[-1][: tail.start()]
    out = []
    for item in items[:-1]:
        if _SHARED_TAIL.search(item):
            return []  # each item has its own rate word: not one shared figure
        out.append(_complete(item, head) + tail.group(0))
    return [*out, items[-1]]


def _next_in_clause(quantities: list[Quantity], q: Quantity, text: str, offset: int) -> bool:
    """Whether another figure follows ``q`` in its clause (分别增长7.5%和8.5%)."""
    later = [o for o in quantities if o.start >= q.end]
    if not later:
        return False
    gap = text[q.end - offset : later[0].start - offset]
    return not _CLAUSE_BREAK.search(gap) and len(gap) <= 6


def _shared_items(sent: str, qs: int) -> list[str]:
    """For ``A、B均增加10家以上``: the items A and B that share the figure, with the verb."""
    before = sent[_clause_start(sent, qs, 0) : qs]
    m = _SHARED.search(before)
    if not m or "、" not in before[: m.start()]:
        return []
    items = [i for i in _LIST_BREAK.split(before[: m.start()]) if i]
    verb = _clean(before[m.end():])
    if len(items) < 2:
        return []
    return [_clean(i) + verb for i in items]


def _drop_share_categories(rows: list[tuple[Target, int, int]], text: str) -> None:
    """55%以上的村经营性收入达到10万元以上: the share is the target, the sum its category."""
    shares = [qs for t, qs, _ in rows if t.kind == "percent" and _SHARE.match(text, t.span[1] - t.span[0] + qs)]
    for start in shares:
        clause_end = _CLAUSE_BREAK.search(text, start)
        end = clause_end.start() if clause_end else len(text)
        rows[:] = [r for r in rows if not (r[0].kind == "money" and start < r[1] < end)]


def _context_indicator(text: str, qs: int, kind: str) -> str | None:
    """An achievement's indicator from its clause, or the one before when this one names none
    (全县地区生产总值完成70.11亿元，同比增长4.9% → gdp_growth for the 4.9 %)."""
    start = _clause_start(text, qs, 0)
    code = classify(text[start:qs], kind)
    if code is None and start > 1:
        code = classify(text[_clause_start(text, start - 1, 0):start - 1], kind)
    return code


def _pair_respectively(rows: list[tuple[Target, int, int]], sent: str) -> None:
    """一般公共预算收入、税收收入分别增长7%和8%: the i-th figure is the i-th item's."""
    i = 0
    while i < len(rows):
        j = i + 1
        while j < len(rows) and rows[j][0].metric == rows[i][0].metric and rows[j][0].kind == rows[i][0].kind:
            j += 1
        if j - i >= 2:
            qs = rows[i][1]
            before = sent[_clause_start(sent, qs, 0) : qs]
            m = _RESPECTIVELY.search(before)
            items = [x for x in _LIST_OR_AND.split(before[: m.start()]) if x] if m else []
            if len(items) == 1 and (p := _PAIRED.search(items[0])) and len(R.PAIRED_SUBJECTS[p.group(0)]) == j - i:
                items = [items[0].replace(p.group(0), x, 1) for x in R.PAIRED_SUBJECTS[p.group(0)]]
            if m and len(items) == j - i:
                verb = _clean(before[m.end():])
                items = [_clean(x) for x in items]
                for k, item in enumerate(items):
                    rows[i + k][0].metric = _complete(item, items[-1]) + verb
        i = j


def _distribute(rows: list[tuple[Target, int, int]], sent: str) -> None:
    """One comparator for a list of figures. 分别增长9%和10%以上: the 以上 after the last
    figure covers all; 至少建成2个示范区、20个示范村: the 至少 before the first covers all."""
    for i in range(len(rows) - 1, 0, -1):
        t, ts, _ = rows[i]
        prev, ps, pe = rows[i - 1]
        between = sent[pe:ts]
        if t.comparator != "=" and prev.comparator == "=" and _CONNECTOR.fullmatch(between):
            if "分别" in sent[:ps] or "均" in sent[:ps]:
                prev.comparator = t.comparator
    for i in range(1, len(rows)):
        t, ts, _ = rows[i]
        prev, ps, pe = rows[i - 1]
        if (t.comparator == "=" and prev.comparator in (">=", "<=") and prev.quantity[:1] in _LEADING
                and re.fullmatch(rf"[{_CJK}]*、", sent[pe:ts])):
            t.comparator = prev.comparator


def _rows_for_sentence(
    sent: Sentence, quantities: list[Quantity], plan_year: int, default_deadline: str
) -> list[Target]:
    rows: list[tuple[Target, int, int]] = []
    text = sent.text
    floor = 0
    role = "achievement" if sent.role == "review" else "target"
    for q in quantities:
        qs, qe = q.start - sent.start, q.end - sent.start
        if not _is_candidate(q, sent, qs, qe):
            continue
        comparator, cs, ce = _comparator(q, text, qs, qe)
        unit = q.unit
        if q.kind == "number":
            unit = _implied_unit(q, text, qs, qe) or ""
        metric = _metric(text, qs, qe, ce, q.kind, floor)
        if rows and rows[-1][0].kind == q.kind and _CONNECTOR.fullmatch(text[floor:qs]):
            metric = rows[-1][0].metric  # 分别增长7.5%和8.5%: the same subject
        target = Target(
            metric=metric, low=q.low, high=q.high, unit=unit, comparator=comparator,
            aspirational=role == "target" and _aspirational(text, qs),
            deadline=deadline_for(text, qs, plan_year, default_deadline) if role == "target" else "",
            text=text.strip(), span=(q.start, q.end), path=list(sent.path), quantity=text[cs:ce],
            kind=q.kind, role=role,
        )
        # A、B均增加10家 / A、B分别增长10%: one target per item (分别 only before a single figure)
        items = [] if _next_in_clause(quantities, q, text, sent.start) else _shared_items(text, qs)
        if not items and q.kind in _RATE_KINDS and not rows:
            items = _shared_tail_items(text, qs)
        for t in [replace(target, metric=m, path=list(sent.path)) for m in items] or [target]:
            rows.append((t, qs, qe))
        floor = ce
    _drop_share_categories(rows, text)
    _pair_respectively(rows, text)
    _distribute(rows, text)
    for t, qs, _ in rows:
        t.indicator = classify(t.metric, t.kind)
        if t.indicator is None and role == "achievement":
            t.indicator = _context_indicator(text, qs, t.kind)
    return [t for t, _, _ in rows]


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
        if sent.role not in ("plan", "conduct", "review") or sent.guidance:
            continue
        lo = bisect.bisect_left(starts, sent.start)
        hi = bisect.bisect_left(starts, sent.end)
        inside = [q for q in quantities[lo:hi] if q.end <= sent.end]
        if not inside:
            continue
        default = year_end(sent.horizon or plan_year)
        rows = _rows_for_sentence(sent, inside, plan_year, default)
        (achievements if sent.role == "review" else targets).extend(rows)
    return _drop_restatements(targets), achievements


def _drop_restatements(targets: list[Target]) -> list[Target]:
    """经济增长预期目标为5%左右，考虑了…: a rate of a catalog indicator stated again with the same
    value and deadline is the same commitment, listed once (where it is first stated)."""
    seen: set[tuple[str, float | None, float | None, str, str, str]] = set()
    out = []
    for t in targets:
        key = (t.indicator or "", t.low, t.high, t.unit, t.comparator, t.deadline)
        if t.indicator and t.kind in _RATE_KINDS:
            if key in seen:
                continue
            seen.add(key)
        out.append(t)
    return out
