"""Vocabulary of numerals: digits, multipliers, magnitudes, signs, separators, stop words.

Data only; ``numbers.py`` compiles it once into the scanner (alternations longest first).
Traditional forms are listed next to the simplified ones so that the external
Recognizers-Text specs (which mix both) read the same way.
"""

from __future__ import annotations

# Chinese digits → value.  Zeros are kept apart: they are place holders (一千零五).
DIGITS: dict[str, int] = {
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "两": 2, "兩": 2, "俩": 2, "倆": 2,
    "壹": 1, "贰": 2, "貳": 2, "弍": 2, "叁": 3, "參": 3, "叄": 3, "肆": 4, "伍": 5,
    "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9,
}
ZEROS: dict[str, int] = {"零": 0, "〇": 0, "○": 0}

# Formal (banker's) numerals are common characters too (陆地, 队伍, 收拾, 放肆): one of them
# alone is read only when it stands alone, never before a unit (登陆部队 is no 6 部).
FORMAL_NUMERALS: str = "壹贰貳叁參叄肆伍陆陸柒捌玖拾佰仟"

# Digits that may follow a decimal point (点五); 两 never does (一点两小时 is 1 and 2).
DECIMAL_DIGITS: str = "零〇○一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
DECIMAL_POINTS: str = "点點"

# Multipliers inside a section below 10^4.
SMALL_MULTIPLIERS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# Tens written as one character: 廿一 = 21.
TENS_WORDS: dict[str, int] = {"廿": 20, "卅": 30}
# Magnitudes as powers of ten; they stack (万亿 = 10^12, 万万 = 10^8).
# 兆 is 10^12 only before more numerals (五兆六十二亿); before a unit it is mega (兆瓦).
MAGNITUDES: dict[str, int] = {"万": 4, "萬": 4, "亿": 8, "億": 8, "兆": 12}

# A 千 followed by one of these starts a unit (千米, 千克, 千瓦, 千伏, 千卡, 千比特, 千字节).
KILO_UNIT_STARTS: str = "米克瓦伏卡比字焦帕"

# Words inside a quantity that make it approximate: 200余人, 700多处 → ">="; 十几个 → "~".
APPROX_WORDS: dict[str, str] = {"余": ">=", "餘": ">=", "多": ">=", "几": "~", "幾": "~"}
# Read as a digit 0 where they stand (二十几万 = 200000 "~").
UNKNOWN_DIGITS: str = "几幾"
# Words before a numeral that make it indefinite (几十个, 数百家): no definite number.
INDEFINITE_BEFORE: str = "几幾数數"

# Negative signs; an ASCII/full-width minus counts only when no digit or letter precedes it.
NEGATIVE_WORDS: str = "负負"
MINUS_SIGNS: str = "-－−"

# Range separators between two numbers (1—2个, 4.5%—5%, 7至8万元).  Longest first when compiled.
RANGE_SEPARATORS: tuple[str, ...] = ("——", "—", "–", "―", "－", "-", "~", "～", "〜", "至", "到")

# Digits that pair into an approximate range (两三个) and digits read one by one (二〇二三).
RANGE_DIGITS: str = "一二三四五六七八九两"
PLAIN_DIGITS: str = "一二三四五六七八九"

# Adjacent digits that give an approximate range (两三个, 三五年, 七八十): (low, high).
ADJACENT_PAIRS: frozenset[tuple[int, int]] = frozenset(
    {(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (3, 5)}
)

# Percent written in words: 百分之五 → 5 %, 千分之三 → 3 ‰, 万分之三 → 3 ‱.
PERCENT_PREFIXES: dict[str, str] = {
    "百分之": "%", "佰分之": "%", "千分之": "‰", "仟分之": "‰", "万分之": "‱", "萬分之": "‱",
}
# A tenth of a yuan (角/毛) and a hundredth (分) after 元: 五元三毛 = 5.3 元.
JIAO_WORDS: dict[str, float] = {"角": 0.1, "毛": 0.1}
FEN_WORD: str = "分"

# Ordinal prefix: 第十九届, 第二次会议 → kind "ordinal".
ORDINAL_PREFIX: str = "第"

# A bare number between these is a name or a note mark, kind "code": “1523”, [12], 〔8〕.
CODE_BRACKETS: dict[str, str] = {
    "“": "”", "「": "」", '"': '"', "‘": "’", "[": "]", "［": "］", "〔": "〕", "【": "】",
}
# A bare number between these, or opening a line before 、/., is an enumerator (kind
# "ordinal"): （二）, (1), 一、, 1.
ENUMERATOR_BRACKETS: dict[str, str] = {"（": "）", "(": ")"}
ENUMERATOR_MARKS: str = "、．."

# Comparator words around a quantity.  They are not part of it; exposed for callers.
COMPARATOR_WORDS: tuple[str, ...] = (
    "以上", "及以上", "以下", "及以下", "以内", "之内", "左右", "上下", "约", "大约", "近", "接近",
    "将近", "超过", "突破", "至少", "不少于", "不低于", "不超过", "不高于", "不到",
)

# Words where numeral characters are no numbers.  The scanner consumes them first, so the
# numerals inside never surface.  Add words here rather than special-casing code.
NOT_NUMBER_WORDS: tuple[str, ...] = (
    # 一 inside ordinary words
    "统一", "同一", "唯一", "逐一", "万一", "划一", "专一", "合一", "归一", "之一体",
    "一体", "一批", "一些", "一样", "一直", "一定", "一起", "一般", "一切", "一律", "一系列",
    "一流", "一线", "一把手", "一站式", "一网通办", "一件事", "一次性", "一对一", "一方面",
    "一度", "一道", "一带一路", "一点一滴", "一大批", "一揽子", "一张网", "一张图", "一盘棋",
    "一手抓", "一票否决", "一号工程", "一以贯之", "一如既往", "一心一意", "一门心思",
    "进一步", "更进一步", "一二三产", "一二线", "三点一线", "一点一策", "五位一体", "一条龙",
    # idioms and set phrases with other numerals
    "十分", "十足", "万众", "千方百计", "千家万户", "千千万万", "千万不", "亿万", "万家灯火",
    "三百六十行", "百分百", "千人计划", "万人计划", "万人助万企", "万企兴万村", "一技之长", "四面八方", "五湖四海",
    "七上八下", "三心二意", "一五一十", "三三两两", "九九归一", "一分为二", "一成不变",
    "三番五次", "千篇一律", "百花齐放", "百家争鸣", "万无一失", "一目了然", "一年四季",
    # plan periods: names, not quantities
    "十一五", "十二五", "十三五", "十四五", "十五五", "十六五",
)
