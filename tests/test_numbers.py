"""Numbers and quantities: tables of cases grouped by where they come from.

Each quantity case lists what ``find_quantities`` returns for the input, as
``(text, low, high, unit, kind, approx)``; known gaps are strict xfails.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

from luoshi.extract.model import Quantity
from luoshi.extract.numbers import COMPARATOR_WORDS, find_quantities, parse_number
from luoshi.extract.units import match_unit, unit_kind

Row = tuple[str, float | None, float | None, str, str, str]


def q(text: str, low: float, unit: str = "", kind: str = "number", approx: str = "",
      high: float | None = None) -> Row:
    return (text, low, low if high is None else high, unit, kind, approx)


def gap(*args: object, id: str, reason: str) -> Any:
    return pytest.param(*args, id=id, marks=pytest.mark.xfail(strict=True, reason=reason))


# From the seed report (/work/shared/corpus/seed.txt) and its gold digest.
SEED = [
    pytest.param("实施重点技改项目160个以上", [q("160个", 160, "个", "count")], id="seed-160-ge"),
    pytest.param("投资5.96亿元,实施", [q("5.96亿元", 596000000, "元", "money")], id="seed-yi-yuan"),
    pytest.param("面积149万平方米", [q("149万平方米", 1490000, "平方米", "area")], id="seed-wan-m2"),
    pytest.param("惠及群众2.1万户", [q("2.1万户", 21000, "户", "count")], id="seed-wan-hu"),
    pytest.param("力争招引1—2个在全市", [q("1—2个", 1, "个", "count", high=2)], id="seed-range-dash"),
    pytest.param("实现2—3处乡村振兴", [q("2—3处", 2, "处", "count", high=3)], id="seed-range-chu"),
    pytest.param("装机容量100兆瓦的", [q("100兆瓦", 100, "兆瓦", "power")], id="seed-megawatt"),
    pytest.param("完成45.8公里雨污分流", [q("45.8公里", 45.8, "公里", "length")], id="seed-km"),
    pytest.param("争创3A级以上旅游景区2家", [q("3A级", 3, "A级", "grade"), q("2家", 2, "家", "count")],
                 id="seed-grade-3a"),
    pytest.param("建设张庄、崮山2个110千伏变电站",
                 [q("2个", 2, "个", "count"), q("110千伏", 110, "千伏", "voltage")], id="seed-kilovolt"),
    pytest.param("博山区第十九届人民代表大会第二次会议",
                 [q("第十九届", 19, "届", "ordinal"), q("第二次", 2, "次", "ordinal")], id="seed-ordinals"),
    pytest.param("淄博1月7日讯", [q("1月", 1, "月", "date"), q("7日", 7, "日", "date")], id="seed-date-md"),
    pytest.param("2023年,博山区将", [q("2023年", 2023, "年", "date")], id="seed-year"),
    pytest.param("力争“十四五”末新能源产业产值达到50亿元", [q("50亿元", 5e9, "元", "money")],
                 id="seed-plan-period"),
    pytest.param("万亩鲜桃数字化示范园区", [q("万亩", 10000, "亩", "area")], id="seed-lone-wan-mu"),
    pytest.param("新增城镇就业1500人以上", [q("1500人", 1500, "人", "count")], id="seed-people"),
    pytest.param("实现住宅小区二星级及以上物业", [q("二星级", 2, "星级", "grade")], id="seed-two-star"),
    pytest.param("孝妇河文化休闲生态观光带二期建设", [q("二期", 2, "期", "ordinal")], id="seed-phase"),
    pytest.param("新培育2家以上市级农业龙头企业", [q("2家", 2, "家", "count")], id="seed-2-jia-yishang"),
    pytest.param("请注明出处:http://www.sclgvs.com/zhishi/49813.html", [], id="seed-url"),
    pytest.param("进一步统一思想", [], id="seed-jinyibu-tongyi"),
]

# The examples of /work/shared/ANNOTATION.md.
ANNOTATION = [
    pytest.param("地区生产总值增长6%左右", [q("6%", 6, "%", "percent")], id="ann-percent"),
    pytest.param("提高1个百分点", [q("1个百分点", 1, "个百分点", "points")], id="ann-points"),
    pytest.param("200余人", [q("200余人", 200, "人", "count", ">=")], id="ann-yu"),
    pytest.param("700多处", [q("700多处", 700, "处", "count", ">=")], id="ann-duo"),
    pytest.param("粮食总产达到13.5亿斤", [q("13.5亿斤", 1.35e9, "斤", "mass")], id="ann-yi-jin"),
    pytest.param("22万亩", [q("22万亩", 220000, "亩", "area")], id="ann-wan-mu"),
    pytest.param("8000米", [q("8000米", 8000, "米", "length")], id="ann-meter"),
    pytest.param("800万千瓦", [q("800万千瓦", 8e6, "千瓦", "power")], id="ann-wan-kilowatt"),
    pytest.param("不少于600场", [q("600场", 600, "场", "count")], id="ann-chang"),
    pytest.param("1.3万亿斤", [q("1.3万亿斤", 1.3e12, "斤", "mass")], id="ann-wanyi-jin"),
    pytest.param("三大目标", [q("三大", 3, "大", "count")], id="ann-n-da"),
    pytest.param("布设5G网络", [q("5G", 5, "G", "code")], id="ann-5g"),
    pytest.param("4A级", [q("4A级", 4, "A级", "grade")], id="ann-4a"),
    pytest.param("“1523”领军企业", [q("1523", 1523, "", "code")], id="ann-quoted-code"),
    pytest.param("“四好农村路”“三提三争”", [], id="ann-slogans"),
    pytest.param("千方百计、千家万户、三百六十行、一技之长、亿万人民", [], id="ann-idioms"),
    pytest.param("一带一路、两个毫不动摇", [q("两个", 2, "个", "count")], id="ann-slogan-count"),
    pytest.param("一批城镇老旧小区", [], id="ann-yipi"),
]

EDGE = [
    # numerals
    pytest.param("十二万", [q("十二万", 120000)], id="cn-shierwan"),
    pytest.param("两千五百", [q("两千五百", 2500)], id="cn-liangqian"),
    pytest.param("一百零五", [q("一百零五", 105)], id="cn-zero-inside"),
    pytest.param("五千零八十", [q("五千零八十", 5080)], id="cn-zero-tens"),
    pytest.param("1,100", [q("1,100", 1100)], id="ar-thousands"),
    pytest.param("1，100", [q("1，100", 1100)], id="ar-thousands-fullwidth"),
    pytest.param("1,2,3", [q("1", 1), q("2", 2), q("3", 3)], id="ar-not-thousands"),
    pytest.param("3万4000", [q("3万4000", 34000)], id="mixed-wan"),
    pytest.param("１５００人", [q("１５００人", 1500, "人", "count")], id="fullwidth-digits"),
    pytest.param("７．５％", [q("７．５％", 7.5, "%", "percent")], id="fullwidth-percent"),
    pytest.param("零点五个百分点", [q("零点五个百分点", 0.5, "个百分点", "points")], id="cn-decimal-points"),
    pytest.param("二〇二三年", [q("二〇二三年", 2023, "年", "date")], id="cn-year"),
    pytest.param("廿一", [q("廿一", 21)], id="cn-nian"),
    pytest.param("壹佰伍拾元", [q("壹佰伍拾元", 150, "元", "money")], id="cn-formal"),
    pytest.param("登陆部队", [], id="cn-formal-alone"),
    # ranges and approximations
    pytest.param("4.5%—5%", [q("4.5%—5%", 4.5, "%", "percent", high=5)], id="range-percent-both"),
    pytest.param("4.5—5%", [q("4.5—5%", 4.5, "%", "percent", high=5)], id="range-percent-end"),
    pytest.param("6.5%－7%", [q("6.5%－7%", 6.5, "%", "percent", high=7)], id="range-fullwidth-minus"),
    pytest.param("两三个", [q("两三个", 2, "个", "count", high=3)], id="range-liangsan"),
    pytest.param("一两个", [q("一两个", 1, "个", "count", high=2)], id="range-yiliang"),
    pytest.param("三五年", [q("三五年", 3, "年", "time", high=5)], id="range-sanwu"),
    pytest.param("七八十", [q("七八十", 70, high=80)], id="range-qibashi"),
    pytest.param("7至8万元", [q("7至8万元", 70000, "元", "money", high=80000)], id="range-magnitude-shared"),
    pytest.param("500至1万元", [q("500至1万元", 500, "元", "money", high=10000)], id="range-magnitude-own"),
    pytest.param("2021—2025年", [q("2021—2025年", 2021, "年", "date", high=2025)], id="range-years"),
    pytest.param("32.6到2019年", [q("32.6", 32.6), q("2019年", 2019, "年", "date")], id="range-not-value-to-date"),
    pytest.param("1万多人", [q("1万多人", 10000, "人", "count", ">=")], id="approx-wan-duo"),
    pytest.param("十余个", [q("十余个", 10, "个", "count", ">=")], id="approx-shiyu"),
    pytest.param("十几个", [q("十几个", 10, "个", "count", "~")], id="approx-shiji"),
    pytest.param("几十个", [], id="approx-jishi-none"),
    pytest.param("数百家", [], id="approx-shubai-none"),
    # percent, fractions, multiples
    pytest.param("百分之五", [q("百分之五", 5, "%", "percent")], id="pct-words"),
    pytest.param("百分之五十五点五", [q("百分之五十五点五", 55.5, "%", "percent")], id="pct-words-decimal"),
    pytest.param("10％", [q("10％", 10, "%", "percent")], id="pct-fullwidth"),
    pytest.param("5‰", [q("5‰", 5, "‰", "permille")], id="permille"),
    pytest.param("千分之三", [q("千分之三", 3, "‰", "permille")], id="permille-words"),
    pytest.param("七成以上", [q("七成", 70, "%", "percent")], id="pct-cheng"),
    pytest.param("－0.5%", [q("－0.5%", -0.5, "%", "percent")], id="pct-negative"),
    pytest.param("减少三分之一", [q("三分之一", 1 / 3, "", "fraction")], id="fraction-words"),
    pytest.param("3倍", [q("3倍", 3, "倍", "multiple")], id="multiple"),
    # dates, ordinals, codes
    pytest.param("2023年1月13日", [q("2023年", 2023, "年", "date"), q("1月", 1, "月", "date"),
                                 q("13日", 13, "日", "date")], id="date-ymd"),
    pytest.param("6月底前", [q("6月", 6, "月", "date")], id="date-month-end"),
    pytest.param("2023.1.13", [q("2023", 2023, "", "date"), q("1", 1, "", "date"), q("13", 13, "", "date")],
                 id="date-dotted"),
    pytest.param("5年内", [q("5年", 5, "年", "time")], id="time-years"),
    pytest.param("3个月", [q("3个月", 3, "个月", "time")], id="time-months"),
    pytest.param("一、加快发展", [q("一", 1, "", "ordinal")], id="enumerator-line-start"),
    pytest.param("（二）聚焦", [q("二", 2, "", "ordinal")], id="enumerator-parenthesised"),
    pytest.param("第三方", [q("第三方", 3, "方", "ordinal")], id="ordinal-disan"),
    pytest.param("110kV变电站", [q("110kV", 110, "kV", "voltage")], id="voltage-ascii"),
    pytest.param("［12］", [q("12", 12, "", "code")], id="footnote-code"),
    pytest.param("0533-4180000", [q("0533", 533, "", "code"), q("4180000", 4180000, "", "code")],
                 id="phone-code"),
    pytest.param("PM2.5浓度", [], id="pm25-none"),
    pytest.param("12345热线", [q("12345", 12345)], id="hotline-number"),
    pytest.param("“十四五”规划和“十三五”", [], id="plan-periods"),
    # lone numerals in words
    pytest.param("一是加快统一大市场建设", [], id="lone-yi-in-words"),
    pytest.param("重要内容之一。", [], id="lone-zhiyi"),
    pytest.param("十分重要", [], id="shifen-idiom"),
    pytest.param("十分之一", [q("十分之一", 0.1, "", "fraction")], id="shifen-fraction"),
    pytest.param("一个中心", [q("一个", 1, "个", "count")], id="lone-yi-with-unit"),
    pytest.param("“一”和“五”", [q("一", 1, "", "code"), q("五", 5, "", "code")], id="lone-quoted"),
    pytest.param("千万不能", [], id="qianwan-idiom"),
    # money forms
    pytest.param("￥300", [q("￥300", 300, "元", "money")], id="money-yen-sign"),
    pytest.param("1.5亿美元", [q("1.5亿美元", 1.5e8, "美元", "money")], id="money-usd"),
    pytest.param("五元三毛", [q("五元三毛", 5.3, "元", "money")], id="money-jiao"),
    # known gaps
    gap("十五六个", [q("十五六个", 15, "个", "count", high=16)], id="gap-tens-adjacent", reason="tens then two adjacent digits"),
    gap("减少一半", [q("一半", 50, "%", "percent")], id="gap-yiban", reason="一半 (half) is not read"),
    gap("分别为120,135,150个", [q("120", 120), q("135", 135), q("150个", 150, "个", "count")],
        id="gap-comma-list", reason="a list with half-width commas reads as one number with thousands separators"),
    gap("近千家企业", [q("千家", 1000, "家", "count")], id="gap-jin-qian-jia", reason="bare 千 only before 万亩-like units"),
]


def rows(found: list[Quantity]) -> list[Row]:
    return [(x.text, x.low, x.high, x.unit, x.kind, x.approx) for x in found]


def _same(got: list[Row], want: list[Row]) -> bool:
    return len(got) == len(want) and all(
        g[0] == w[0] and g[3:] == w[3:] and all(pytest.approx(b) == a for a, b in zip(g[1:3], w[1:3], strict=True))
        for g, w in zip(got, want, strict=True))


@pytest.mark.parametrize(("text", "want"), SEED + ANNOTATION + EDGE)
def test_find_quantities(text: str, want: list[Row]) -> None:
    got = rows(find_quantities(text))
    assert _same(got, want), got


@pytest.mark.parametrize("text", [pytest.param(p.values[0], id=p.id) for p in SEED + ANNOTATION + EDGE])
def test_spans_point_into_text(text: str) -> None:
    found = find_quantities(text)
    assert all(text[x.start:x.end] == x.text and x.start < x.end for x in found)
    assert all(a.end <= b.start for a, b in pairwise(found))


NUMBERS = [
    pytest.param("1,100", 1100, id="thousands"),
    pytest.param("1，100", 1100, id="thousands-fullwidth-comma"),
    pytest.param("十二万", 120000, id="shierwan"),
    pytest.param("两千五百", 2500, id="liangqianwubai"),
    pytest.param("两千四百五", 2450, id="abbreviated-tail"),
    pytest.param("一万三", 13000, id="abbreviated-after-wan"),
    pytest.param("3万4000", 34000, id="mixed"),
    pytest.param("5万4千6百", 54600, id="mixed-multipliers"),
    pytest.param("1.3万亿", 1.3e12, id="wanyi"),
    pytest.param("四万万", 4e8, id="wanwan"),
    pytest.param("五亿零六", 500000006, id="yi-zero"),
    pytest.param("二〇二三", 2023, id="digit-by-digit"),
    pytest.param("零点五", 0.5, id="lingdianwu"),
    pytest.param("１５００", 1500, id="fullwidth"),
    pytest.param("１１.92亿", 1.192e9, id="fullwidth-mixed"),
    pytest.param("一百零五", 105, id="yibailingwu"),
    pytest.param("五千零八十", 5080, id="wuqianlingbashi"),
    pytest.param("负三十二", -32, id="negative"),
    pytest.param("三分之一", 1 / 3, id="fraction"),
    pytest.param("3/5", 0.6, id="slash-fraction"),
    pytest.param("十几", 10, id="shiji"),
    pytest.param("百分之五", None, id="percent-is-quantity"),
    pytest.param("两三", None, id="range-is-not-one"),
    pytest.param("五十千", None, id="bad-order"),
    pytest.param("几十", None, id="indefinite"),
    pytest.param("abc", None, id="letters"),
    pytest.param("", None, id="empty"),
    pytest.param("1,2,3", None, id="list"),
]


@pytest.mark.parametrize(("text", "want"), NUMBERS)
def test_parse_number(text: str, want: float | None) -> None:
    got = parse_number(text)
    assert got == (None if want is None else pytest.approx(want))


UNITS = [
    pytest.param("平方公里", ("平方公里", "area"), id="longest-area"),
    pytest.param("个百分点", ("个百分点", "points"), id="points-before-ge"),
    pytest.param("千瓦时", ("千瓦时", "energy"), id="kwh-before-kw"),
    pytest.param("％", ("%", "percent"), id="fullwidth-percent"),
    pytest.param("方面", ("方面", "count"), id="fangmian"),
    pytest.param("方案", None, id="guard-fangan"),
    pytest.param("kmh", None, id="ascii-guard"),
]


@pytest.mark.parametrize(("text", "want"), UNITS)
def test_match_unit(text: str, want: tuple[str, str] | None) -> None:
    m = match_unit(text)
    assert (m[:2] if m else None) == want
    if want:
        assert unit_kind(want[0]) == want[1]


def test_comparator_words_are_exposed() -> None:
    assert "以上" in COMPARATOR_WORDS and "左右" in COMPARATOR_WORDS


def test_nothing_found_is_empty() -> None:
    assert find_quantities("") == []
    assert find_quantities("各位代表") == []
