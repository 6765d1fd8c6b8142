"""Numbers and quantities in report text: 160个, 5.96亿元, 两三个, 百分之五, 1—2个.

``find_quantities`` is one scan of a compiled regex over the text as given (full-width
digits, ％, ．and ，included), left to right and without overlaps; each match is then
read by a small parser (cached per numeral string).  The vocabulary is data in
``rules/numerals.py`` and ``rules/units.py``; this module only assembles and reads it.

Every quantity keeps its text and ``[start, end)`` span.  Magnitude words are folded into
``low``/``high`` (149万平方米 → 1490000 平方米); ``unit`` is the unit as written without them.
Kinds are those of the unit table plus: ``date`` (2023年, 1月, 7日, 2023.1.13), ``number``
(no unit), ``fraction`` (三分之一, 1/2), ``ordinal`` (第十九届; also 二期 and enumerators
such as ``一、`` at a line start), ``code`` (5G, 4A, digits in quotes or footnote brackets,
phone numbers, dotted codes).
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache

from . import units as U
from .model import Quantity
from .rules import numerals as N
from .rules import units as RU
from .vocab import alternation

__all__ = ["find_quantities", "parse_number", "COMPARATOR_WORDS"]

COMPARATOR_WORDS = N.COMPARATOR_WORDS

_SP = " *"  # Recognizers' specs (and some PDF texts) put spaces between numeral characters
_D = "0-9０-９"
_FW = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
_CJK_LO, _CJK_HI = "\u3400", "\u9fff"
_SMALL_CHARS = "".join(N.SMALL_MULTIPLIERS)
_BIG_CHARS = "".join(N.MAGNITUDES)
_SIGNS = N.NEGATIVE_WORDS + N.MINUS_SIGNS


def _cls(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


# --------------------------------------------------------------------------- the grammar

_AR_INT = rf"(?>[{_D}]{{1,3}}(?:[,，][{_D}]{{3}})+(?![{_D}])|[{_D}]+)"
_AR_EXP = rf"(?:[eE][+\-－]?[{_D}]+(?![A-Za-z])|\^[+\-－]*[{_D}]+(?:[.．][{_D}]+)?)"
_AR_BODY = rf"(?:{_AR_INT}(?:[.．][{_D}]+)?|[.．][{_D}]+){_AR_EXP}?"


def _grammar() -> dict[str, str]:
    """Regex sources of the numeral grammar, built from the tables."""
    cd, z = _cls("".join(N.DIGITS)), _cls("".join(N.ZEROS))
    ar = (rf"(?:(?<![A-Za-z0-9_０-９])(?<![0-9０-９][.．]){_AR_INT}(?:[.．][{_D}]+)?"
          rf"|(?<![A-Za-z0-9０-９.．])[.．][{_D}]+){_AR_EXP}?")
    ten, tens_word = "[十拾]", _cls("".join(N.TENS_WORDS))
    kilo = rf"[千仟](?!{_SP}{_cls(N.KILO_UNIT_STARTS)})"
    hundred = rf"[百佰](?!{_SP}分{_SP}[点點])"
    md = rf"(?:{cd}|{ar})"
    last = rf"(?:{cd}|{ar}|{_cls(N.UNKNOWN_DIGITS)})"
    zs = rf"(?:{_SP}{z})*"
    t_h = rf"(?:{zs}{_SP}(?:{md}{_SP})?{hundred})?"
    t_t = rf"(?:{zs}{_SP}(?:{cd}{_SP})?{ten})?"
    t_l = rf"(?:{zs}{_SP}{last})?"
    sec_m = (rf"(?:(?:{md}{_SP})?{kilo}{t_h}{t_t}{t_l}|(?:{md}{_SP})?{hundred}{t_t}{t_l}"
             rf"|(?:{cd}{_SP})?{ten}{t_l}|{tens_word}{t_l}|{z}+{_SP}{ten}{t_l})")
    sec = rf"(?:{sec_m}|{cd}|{z}|{ar})"
    apx = _cls("".join(k for k in N.APPROX_WORDS if k not in N.UNKNOWN_DIGITS))
    big_plain = _cls("".join(k for k in N.MAGNITUDES if k != "兆"))
    big = rf"(?:{big_plain}|兆(?={_SP}(?:{cd}|{z}|[{_SMALL_CHARS}{_BIG_CHARS}{_D}])))"
    big_grp = rf"{big}(?:{_SP}{apx})?(?:{_SP}{big}(?:{_SP}{apx})?)*"
    after_big = rf"(?:{zs}(?:{sec}| +(?:{sec_m}|{cd}))(?:{_SP}{apx})?)?"
    dec = rf"{_cls(N.DECIMAL_POINTS)}{_SP}{_cls(N.DECIMAL_DIGITS)}(?:{_SP}{_cls(N.DECIMAL_DIGITS)})*"
    num = rf"{sec}(?:{_SP}{apx})?(?:{_SP}{big_grp}{after_big})*(?:{_SP}{dec})?"
    sign = rf"(?:{_cls(N.NEGATIVE_WORDS)}|(?<![0-9０-９A-Za-z\-－−.．]){_cls(N.MINUS_SIGNS)})"
    snum = rf"{sign}?{num}"
    frac = (rf"(?:{_SP}又{_SP}{num}{_SP}分{_SP}之{_SP}{snum}|{_SP}分{_SP}之{_SP}{snum}"
            rf"|(?<=[{_D}])[/／]{_AR_INT}(?![/／{_D}])|(?<=[{_D}]) {_AR_INT}[/／]{_AR_INT}(?![/／{_D}]))")
    lone = (rf"(?<![{N.INDEFINITE_BEFORE}每万萬亿億]){big_plain}+"
            rf"(?={_SP}(?:{U.lone_unit_pattern()}|分{_SP}之))")
    adj_d = _cls(N.RANGE_DIGITS)
    adj = rf"{adj_d}{adj_d}(?:{_SP}[{_SMALL_CHARS}])?(?:{_SP}{big_grp})?"
    plain, any_d = _cls(N.PLAIN_DIGITS), _cls("".join(N.ZEROS) + N.PLAIN_DIGITS)
    # digit by digit: three or more digits with a zero (二〇二三), or four before 年 (一九九一年)
    dbd = rf"(?:(?={any_d}{{3}}){plain}*{z}{any_d}*|{plain}{{4}}(?={_SP}年))"
    numx = rf"(?:{dbd}|{adj}|{sign}?(?:{num}|{lone}){frac}?)"
    simple = rf"(?:{dbd}|{adj}|{sign}?(?:{num}|{lone}))"  # no fractions: ordinals, range ends
    return {"num": num, "snum": snum, "numx": numx, "simple": simple, "adj": adj, "cd": cd, "sign": sign}


def _unit_part(i: int, g: dict[str, str]) -> str:
    unit = U.unit_pattern()
    cd = g["cd"]
    tail = rf"{_SP}半|(?<=成){_SP}{cd}(?![{''.join(N.DIGITS)}{_SMALL_CHARS}{_BIG_CHARS}])"
    jiao = rf"(?<=元){cd}{_cls(''.join(N.JIAO_WORDS))}(?:{cd}{N.FEN_WORD})?"
    return (rf"(?:{_SP}(?P<u{i}>{unit})(?P<h{i}>{tail})?(?P<j{i}>{jiao})?"
            rf"|(?P<t{i}>[A-Za-z]+))?")


def _stop_words() -> str:
    alts = []
    for w in sorted(set(N.NOT_NUMBER_WORDS), key=len, reverse=True):
        alts.append(re.escape(w) + ("(?!之)" if w.endswith("分") else ""))
    return "|".join(alts)


@cache
def _scanner() -> re.Pattern[str]:
    g = _grammar()
    rsep = alternation(N.RANGE_SEPARATORS)
    pct = "|".join(_SP.join(re.escape(c) for c in p) for p in
                   sorted(N.PERCENT_PREFIXES, key=len, reverse=True))
    cur = alternation(RU.CURRENCY_PREFIXES)
    url = r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
    dotted = (rf"(?<![{_D}.．A-Za-z])(?P<dotted>[{_D}]+(?:[.．][{_D}]+){{2,}}"
              rf"|[{_D}]{{4}}[-/／－][{_D}]{{1,2}}[-/／－][{_D}]{{1,2}})(?![{_D}])")
    phone = (rf"(?<![{_D}])(?P<phone>0[{_D}]{{2,3}}[-－][{_D}]{{7,8}}"
             rf"|400[-－]?[{_D}]{{3}}[-－]?[{_D}]{{4}})(?![{_D}])")
    ordinal = rf"(?P<ord>{N.ORDINAL_PREFIX}{_SP}(?P<on>{g['simple']})(?:{_SP}(?P<ou>{U.unit_pattern()}))?)"
    percent = (rf"(?P<pct>(?P<pp>{pct}){_SP}(?P<pn>{g['sign']}?(?:{g['adj']}|{g['num']}))"
               rf"(?:{_SP}(?P<psep>{rsep}){_SP}(?:(?:{pct}){_SP})?(?P<pn2>{g['snum']}))?)")
    currency = rf"(?P<cur>(?P<cp>{cur}){_SP}(?P<cn>{g['snum']}))"
    main = (rf"(?P<q>(?:(?<![{N.INDEFINITE_BEFORE}])|(?=[{_D}]))(?P<n1>{g['numx']}){_unit_part(1, g)}"
            rf"(?:{_SP}(?P<sep>{rsep}){_SP}(?P<n2>{g['simple']}){_unit_part(2, g)})?)")
    # Every alternative starts with one of these: a cheap test before trying them all.
    first = set("".join(N.DIGITS) + "".join(N.ZEROS) + _SMALL_CHARS + _BIG_CHARS
                + "".join(N.TENS_WORDS) + _SIGNS + ".．" + N.ORDINAL_PREFIX + "hfw"
                + "".join(k[0] for k in RU.CURRENCY_PREFIXES) + "".join(w[0] for w in N.NOT_NUMBER_WORDS))
    pattern = (rf"(?=[{_D}]|{_cls(''.join(sorted(first)))})"
               rf"(?:(?P<skip>{url}|{_stop_words()})|{dotted}|{phone}|{ordinal}|{percent}"
               rf"|{currency}|{main})")
    return re.compile(pattern)


@cache
def _full_numeral() -> re.Pattern[str]:
    return re.compile(_grammar()["numx"])


# --------------------------------------------------------------------------- reading numerals

_AR_TOKEN = re.compile(_AR_BODY)
_SLASH = re.compile(rf"(?:([{_D}]+) )?([{_D}]+)[/／]([{_D}]+)")
_ADJ_DIGITS = {c: N.DIGITS[c] for c in N.RANGE_DIGITS}
_ALL_DIGITS = {**N.DIGITS, **N.ZEROS}

Parsed = tuple[float, float, str, bool]  # low, high, approx, is a fraction


def _r(v: float) -> float:
    """Round away binary noise: 17.6亿 is 1760000000, not 1760000000.0000002."""
    return float(f"{v:.15g}")


def _ar_value(tok: str) -> float | None:
    t = tok.translate(_FW).replace(",", "")
    try:
        if "^" in t:
            base, _, ex = t.partition("^")
            neg = ex.count("-") % 2 == 1
            e = float(ex.lstrip("+-"))
            v = float(base) ** (-e if neg else e)
        else:
            v = float(t)
    except (OverflowError, ValueError, ZeroDivisionError):
        return None
    return v if math.isfinite(v) else None


def _general(s: str) -> tuple[float, str] | None:
    """A numeral of digits, multipliers and magnitudes: 两千五百, 3万4000, 1.3万亿, 二十几万."""
    parts: list[tuple[float, int]] = []  # closed magnitude groups: (value, exponent)
    section, frac = 0.0, 0.0
    pending: float | None = None
    pending_ar = zero = False
    last_mult = after_big = 0
    approx = ""
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c in N.DIGITS or c in N.UNKNOWN_DIGITS:
            if pending is not None:
                return None
            pending, pending_ar = float(N.DIGITS.get(c, 0)), False
            if c in N.UNKNOWN_DIGITS:
                approx = approx or "~"
        elif c in N.ZEROS:
            if pending is not None:
                return None
            zero = True
        elif c in N.SMALL_MULTIPLIERS or c in N.TENS_WORDS:
            mult = N.SMALL_MULTIPLIERS.get(c, 10)
            if c in N.TENS_WORDS:
                if pending is not None:
                    return None
                pending = N.TENS_WORDS[c] / 10
            if last_mult and mult >= last_mult:
                return None  # 五十千
            section += (1.0 if pending is None else pending) * mult
            pending, last_mult, zero = None, mult, False
        elif c in N.MAGNITUDES:
            e = N.MAGNITUDES[c]
            empty = section == 0 and pending is None
            val = section + (pending or 0.0)
            popped = 0
            while parts and (parts[-1][1] < e or (empty and parts[-1][1] == e)):
                v, pe = parts.pop()
                val += v
                popped = max(popped, pe)
            if empty and not popped:
                if parts:
                    return None
                val = 1.0  # a bare magnitude: 万亩
            parts.append((val * 10.0**e, e + popped))
            section, pending, last_mult, zero, after_big = 0.0, None, 0, False, e + popped
        elif c in N.APPROX_WORDS:
            approx = approx or N.APPROX_WORDS[c]
        elif c in N.DECIMAL_POINTS:
            digits = s[i + 1:]
            if not digits or any(d not in N.DECIMAL_DIGITS for d in digits):
                return None
            frac = float("0." + "".join(str(_ALL_DIGITS[d]) for d in digits))
            break
        else:
            m = _AR_TOKEN.match(s, i)
            if m is None or pending is not None:
                return None
            pending, pending_ar = _ar_value(m.group()), True
            if pending is None:
                return None
            i = m.end()
            continue
        i += 1
    if pending is not None:
        if pending_ar or zero or not (last_mult or after_big):
            section += pending
        elif last_mult:
            section += pending * last_mult / 10  # 一千三 = 1300, 百三 = 130
        else:
            section += pending * 10.0 ** (after_big - 1)  # 一万三 = 13000
    return sum(v for v, _ in parts) + section + frac, approx


def _plain(s: str) -> float | None:
    neg = bool(s) and s[0] in _SIGNS
    r = _general(s[1:] if neg else s)
    return None if r is None else (-r[0] if neg else r[0])


@lru_cache(maxsize=16384)
def _parse(raw: str) -> Parsed | None:
    """Value(s) of one numeral as matched by the scanner; None if it reads as no number."""
    p = _parse_raw(raw)
    return None if p is None else (_r(p[0]), _r(p[1]), p[2], p[3])


def _parse_raw(raw: str) -> Parsed | None:
    s = raw.strip(" ")
    neg = bool(s) and s[0] in _SIGNS
    if neg:
        s = s[1:]
    m = _SLASH.fullmatch(s.translate(_FW))
    if m:
        w0, n0, d0 = (float(x) if x else 0.0 for x in m.groups())
        if not d0:
            return None
        f = (w0 + n0 / d0) * (-1 if neg else 1)
        return f, f, "", True
    s = s.replace(" ", "")
    if not s:
        return None
    if "分之" in s:
        head, _, numer_s = s.partition("分之")
        whole = 0.0
        if "又" in head:
            w, _, head = head.partition("又")
            whole = _plain(w) or 0.0
        den, numer = _plain(head), _plain(numer_s)
        if not den or numer is None:
            return None
        q = (whole + numer / den) * (-1 if neg else 1)
        return q, q, "", True
    if all(c in _ALL_DIGITS for c in s) and len(s) > 1:
        if len(s) == 2 and (_ALL_DIGITS[s[0]], _ALL_DIGITS[s[1]]) not in N.ADJACENT_PAIRS:
            return None
        if len(s) == 2:
            lo, hi = float(_ALL_DIGITS[s[0]]), float(_ALL_DIGITS[s[1]])
            return lo, hi, "", False
        v = float("".join(str(_ALL_DIGITS[c]) for c in s))  # 二〇二三 = 2023
        return (-v, -v, "", False) if neg else (v, v, "", False)
    if len(s) > 2 and s[0] in _ADJ_DIGITS and s[1] in _ADJ_DIGITS:
        pair = (_ADJ_DIGITS[s[0]], _ADJ_DIGITS[s[1]])
        rest = _general("一" + s[2:])
        if pair not in N.ADJACENT_PAIRS or rest is None:
            return None
        return pair[0] * rest[0], pair[1] * rest[0], rest[1], False
    r = _general(s)
    if r is None:
        return None
    v = -r[0] if neg else r[0]
    return v, v, r[1], False


def parse_number(s: str) -> float | None:
    """One numeral string to its value: "1,100" → 1100, "十二万" → 120000, "3万4000" → 34000,
    "1.3万亿" → 1.3e12, "二〇二三" → 2023, "零点五" → 0.5, "１５００" → 1500.
    None if ``s`` is not exactly one number (also for ranges such as 两三)."""
    s = s.strip()
    if not s or _full_numeral().fullmatch(s) is None:
        return None
    if s.replace(" ", "").startswith(tuple(N.PERCENT_PREFIXES)):
        return None  # 百分之五 is a quantity (5 %), not one numeral
    r = _parse(s)
    if r is None or r[0] != r[1]:
        return None
    return r[0]


# --------------------------------------------------------------------------- building quantities

def _is_cjk(c: str) -> bool:
    return _CJK_LO <= c <= _CJK_HI


def _has_digit(core: str) -> bool:
    return any(c in _ALL_DIGITS or c.isdigit() for c in core)


def _trailing_factor(core: str) -> float:
    """10^k of the magnitude words closing a numeral (8万 → 1e4, 五千万 → 1e7), 1 if none."""
    f, i = 1.0, len(core) - 1
    while i >= 0 and core[i] in N.APPROX_WORDS:
        i -= 1
    while i >= 0 and (core[i] in N.MAGNITUDES or core[i] in "百佰千仟"):
        c = core[i]
        f *= 10.0 ** N.MAGNITUDES[c] if c in N.MAGNITUDES else float(N.SMALL_MULTIPLIERS[c])
        i -= 1
    return f


def _date_kind(unit: str, lo: float, hi: float, cores: tuple[str, ...]) -> str | None:
    if lo != int(lo) or hi != int(hi):
        return None
    if unit == "年":
        ok = all(len(c) == 4 and 1900 <= v <= 2100 for c, v in zip(cores, (lo, hi)[:len(cores)], strict=True))
        return "date" if ok else None
    limit = {"月": 12, "日": 31, "季度": 4}.get(unit)
    return "date" if limit and 1 <= lo <= hi <= limit else None


class _Side:
    """One numeral of a match with its unit: low/high with the unit's factor and tails."""

    __slots__ = ("start", "end", "core", "lo", "hi", "approx", "fraction", "unit", "written", "tag")

    def __init__(self, m: re.Match[str], i: int) -> None:
        n = f"n{i}"
        self.start, self.end = m.span(n)
        raw = m.group(n)
        self.core = raw.replace(" ", "").lstrip(_SIGNS)
        parsed = _parse(raw)
        self.written = m.group(f"u{i}") or ""
        self.tag = m.group(f"t{i}") or ""
        self.unit = U.canonical_unit(self.written) if self.written else self.tag
        if parsed is None:
            self.lo = self.hi = math.nan
            self.approx, self.fraction = "", False
            return
        self.lo, self.hi, self.approx, self.fraction = parsed
        if self.written:
            self.end = m.end(f"u{i}")
            h, j = m.group(f"h{i}"), m.group(f"j{i}")
            if h:
                add = 0.5 if h.strip() == "半" else N.DIGITS[h.strip()] / 10
                self.lo, self.hi, self.end = _r(self.lo + add), _r(self.hi + add), m.end(f"h{i}")
            if j:
                add = N.DIGITS[j[0]] * N.JIAO_WORDS[j[1]] + (N.DIGITS[j[2]] / 100 if len(j) > 3 else 0)
                self.lo, self.hi, self.end = _r(self.lo + add), _r(self.hi + add), m.end(f"j{i}")
            f = U.unit_factor(self.written)
            self.lo, self.hi = _r(self.lo * f), _r(self.hi * f)
        elif self.tag:
            self.end = m.end(f"t{i}")

    @property
    def ok(self) -> bool:
        return not math.isnan(self.lo)


def _bare_ok(text: str, side: _Side) -> bool:
    """Whether a numeral without unit is a number here (a lone 一 inside words is not)."""
    core = side.core
    if len(core) == 1 and not core.isdigit():  # a lone 一 / 五: only standing alone (“一”)
        prev = text[side.start - 1] if side.start else ""
        nxt = text[side.end] if side.end < len(text) else ""
        return not (prev and (_is_cjk(prev) or prev.isdigit()) or nxt and (_is_cjk(nxt) or nxt.isdigit()))
    if not _has_digit(core):  # only multipliers: 十万 yes, 百万 / 千万 no (千万不能)
        return core[0] in "十拾"
    if len(core) == 2 and core[0] in _ADJ_DIGITS and core[1] in _ADJ_DIGITS:
        return False  # 两三 without a unit
    return True


def _bare_kind(text: str, start: int, end: int, side: _Side) -> str:
    if side.fraction:
        return "fraction"
    before = text[max(0, start - 3):start].rstrip(" ")
    prev = before[-1:] or ("\n" if start < 3 else " ")
    nxt = text[end:end + 3].lstrip(" ")[:1]
    if nxt and N.CODE_BRACKETS.get(prev) == nxt:
        return "code"
    if nxt and N.ENUMERATOR_BRACKETS.get(prev) == nxt:
        return "ordinal"
    if nxt and nxt in N.ENUMERATOR_MARKS and not text[text.rfind("\n", 0, start) + 1:start].strip():
        return "ordinal"  # 一、 / 1. opening a line
    return "number"


def _round_money(core: str, unit: str) -> bool:
    """百亿元, 千万元: a round sum of money written without digits."""
    return (U.unit_kind(unit) == "money" and len(core) >= 2 and core[0] in "百千佰仟"
            and any(c in N.MAGNITUDES for c in core[1:]))


def _from_side(text: str, side: _Side) -> Quantity | None:
    if not side.ok:
        return None
    s, e = side.start, side.end
    if side.tag:
        return Quantity(text[s:e], s, e, side.lo, side.hi, side.tag, "code", side.approx)
    if not side.written:
        if not _bare_ok(text, side):
            return None
        kind = _bare_kind(text, s, e, side)
        return Quantity(text[s:e], s, e, side.lo, side.hi, "", kind, side.approx)
    core = side.core
    if core in N.ZEROS:
        return None  # 零部件, 零距离: a lone zero before a unit is a word
    if not _has_digit(core) and core[0] not in "十拾" and side.unit not in RU.LONE_MAGNITUDE_UNITS \
            and not _round_money(core, side.unit):
        return None  # 百年 … only 万亩-like units take a bare magnitude
    if len(core) == 1 and core in N.FORMAL_NUMERALS:
        return None  # 登陆部队
    kind = _date_kind(side.unit, side.lo, side.hi, (side.core,)) or U.unit_kind(side.written)
    return Quantity(text[s:e], s, e, side.lo, side.hi, side.unit, kind, side.approx)


def _from_main(text: str, m: re.Match[str]) -> list[Quantity]:
    a = _Side(m, 1)
    if m.group("sep") is None:
        q = _from_side(text, a)
        return [q] if q else []
    b = _Side(m, 2)
    ok = a.ok and b.ok and not a.tag and not b.tag and not a.fraction and not b.fraction
    if ok and a.written and b.written and a.unit != b.unit:
        ok = False
    if ok and m.group("sep") in "-－" and a.core[:1] in "0０" and len(a.core) > 1:
        ok = False
    lo, hi = a.lo, a.hi
    if ok and not a.written:
        f = _trailing_factor(b.core)
        if f > 1 and not any(c in a.core for c in "百佰千仟万萬亿億兆") and lo * f <= b.lo:
            lo, hi = lo * f, hi * f  # 7至8万元
    if ok and not (lo <= b.lo and hi <= b.hi):
        ok = False
    if ok and _date_kind(b.unit, b.lo, b.hi, (b.core,)) and not _date_kind(b.unit, lo, b.hi, (a.core, b.core)):
        ok = False  # 32.6到2019年: a figure, then a date
    if not ok:
        return [q for q in (_from_side(text, a), _from_side(text, b)) if q]
    unit = b.unit or a.unit
    written = b.written or a.written
    s, e = m.start(), b.end
    if written:
        kind = _date_kind(unit, lo, b.hi, (a.core, b.core)) or U.unit_kind(written)
    else:
        kind = "number"
    return [Quantity(text[s:e], s, e, lo, b.hi, unit, kind, a.approx or b.approx)]


def _from_percent(text: str, m: re.Match[str]) -> list[Quantity]:
    unit = N.PERCENT_PREFIXES[m.group("pp").replace(" ", "")]
    kind = {"%": "percent", "‰": "permille", "‱": "permyriad"}[unit]
    p = _parse(m.group("pn"))
    if p is None:
        return []
    lo, hi, approx = p[0], p[1], p[2]
    if m.group("pn2"):
        p2 = _parse(m.group("pn2"))
        if p2 is None or p2[1] < hi:
            e = m.end("pn")
            return [Quantity(text[m.start():e], m.start(), e, lo, hi, unit, kind, approx)]
        hi = p2[1]
    return [Quantity(m.group(), m.start(), m.end(), lo, hi, unit, kind, approx)]


def _from_ordinal(text: str, m: re.Match[str]) -> list[Quantity]:
    p = _parse(m.group("on"))
    if p is None:
        return []
    unit = U.canonical_unit(m.group("ou") or "")
    return [Quantity(m.group(), m.start(), m.end(), p[0], p[1], unit, "ordinal", "")]


def _from_currency(text: str, m: re.Match[str]) -> list[Quantity]:
    p = _parse(m.group("cn"))
    if p is None:
        return []
    unit = RU.CURRENCY_PREFIXES[m.group("cp")]
    return [Quantity(m.group(), m.start(), m.end(), p[0], p[1], unit, "money", p[2])]


_PIECE = re.compile(rf"[{_D}]+")


def _from_pieces(text: str, m: re.Match[str], name: str) -> list[Quantity]:
    """2023.1.13 / 2023-01-13 (date), 1.2.3 (code), 0533-1234567 (code): one per piece."""
    s0 = m.start(name)
    pieces = list(_PIECE.finditer(m.group(name)))
    values = [float(p.group().translate(_FW)) for p in pieces]
    kind = "code"
    if name == "dotted" and len(values) == 3 and 1900 <= values[0] <= 2100 and 1 <= values[1] <= 12 \
            and 1 <= values[2] <= 31 and len(pieces[0].group()) == 4:
        kind = "date"
    return [Quantity(p.group(), s0 + p.start(), s0 + p.end(), v, v, "", kind, "")
            for p, v in zip(pieces, values, strict=True)]


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text``, left to right and without overlaps, with its unit if one
    follows.  Spans are offsets into ``text`` as given.  Nothing found is an empty list."""
    out: list[Quantity] = []
    for m in _scanner().finditer(text):
        kind = m.lastgroup
        if kind == "q":
            out.extend(_from_main(text, m))
        elif kind == "pct":
            out.extend(_from_percent(text, m))
        elif kind == "ord":
            out.extend(_from_ordinal(text, m))
        elif kind == "cur":
            out.extend(_from_currency(text, m))
        elif kind in ("dotted", "phone"):
            out.extend(_from_pieces(text, m, kind))
    return out
