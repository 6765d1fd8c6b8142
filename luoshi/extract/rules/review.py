"""Vocabulary of the year-end review: reading year N+1's review against year N's targets.

Data only; ``review.py`` compiles it. The outcomes follow the annotation of the pairs in
the shared corpus (corpus/review/*.links.jsonl).
"""

from __future__ import annotations

# Words that say little about what is measured: left out when two metrics are compared.
GENERIC_WORDS: tuple[str, ...] = (
    "同比", "比上年", "较上年", "增长", "下降", "分别", "年均", "提高", "达到", "完成", "实现", "预计",
    "全年", "全市", "全县", "全区", "全省", "全国", "建成", "累计", "约", "左右", "以上",
    "为", "了", "到", "至", "达", "和", "及", "与", "的", "已", "可比", "今年", "去年", "年内", "力争", "确保",
    "争取", "全面", "持续", "加快", "推进", "推动", "实施", "开展", "共", "其中", "突破", "超过",
)

# Words of a figure that covers another period than the target's year: 五年累计新增就业12987人.
# Regular expressions (全年累计 is this year's).
OTHER_PERIOD: tuple[str, ...] = (
    r"(?<!全年)(?<!年内)(?<!当年)(?<!今年)累计", "五年", "年均", "十三五", "十四五", "过去五年", "截至目前", "以来",
)

# Openings of a review paragraph that say it tells of several years (这五年，是…); one that
# names a single year first (刚刚过去的2022年…这五年) or neither tells of the past year.
MULTI_YEAR_OPENINGS: tuple[str, ...] = (
    "这五年", "过去五年", "过去的五年", "五年来", "五年间", "“十三五”时期", "“十三五”以来", "十三五时期",
    "“十四五”以来", "本届政府", "回顾“十三五”",
)
YEAR_OPENINGS: tuple[str, ...] = (
    "一年来", "这一年", "过去一年", "过去的一年", "刚刚过去的", "即将过去的", "去年", "全年", "今年以来",
)
# Sentences of problems and shortcomings: no evidence of what was done.
PROBLEM_WORDS: tuple[str, ...] = ("不足", "乏力", "仍需", "仍然", "困难", "短板", "问题", "差距", "压力", "放缓", "不够")

# Words of a target that counts an addition (新发展中药材1.5万亩); a result that gives the stock
# (中药材达到10万亩) without one of them cannot be compared with it.
FLOW_WORDS: tuple[str, ...] = ("新增", "净增", "新建", "新发展", "新培育", "新引进", "新认定", "新开工", "新改建", "新种植")
STOCK_WORDS: tuple[str, ...] = ("达到", "达", "总量", "保有", "总数", "规模")

# Words too common to tell two measures apart on their own (新增上云企业, 新增国家高新技术企业).
WEAK_WORDS: tuple[str, ...] = (
    "新增", "净增", "新建", "企业", "项目", "建设", "工程", "省级", "市级", "县级", "国家级", "国家", "以上", "全部",
)

# Words that name the measure of a noun rather than the noun (食用菌总产值 → 食用菌): a result
# for the same noun in another measure makes the outcome unclear.
MEASURE_WORDS: tuple[str, ...] = (
    "总产值", "产值", "总收入", "收入", "总面积", "面积", "数量", "总人次", "人次", "增加值", "总投资", "投资",
    "规模", "产量", "比率", "比例", "占比", "覆盖率", "率", "总量", "能力", "产能",
)

# Words that make a growth figure a decline: 社会消费品零售总额同比下降1.2% → −1.2 %.
DECLINE_WORDS: tuple[str, ...] = ("下降", "减少", "回落", "降低")
GROWTH_WORDS: tuple[str, ...] = ("增长", "增速", "增幅", "上涨", "涨幅", "提高")

# Units that measure the same thing, as groups; a result in another group cannot be compared.
UNIT_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"人", "名", "人次", "位"}),
    frozenset({"个", "座", "栋", "处", "家", "所", "条", "项", "套", "间", "场", "场次", "次", "批", "台",
               "辆", "只", "头", "户", "个次"}),
    frozenset({"%"}),
    frozenset({"个百分点", "百分点"}),
    frozenset({"元"}),
    frozenset({"美元"}),
    frozenset({"米", "公里", "千米"}),
    frozenset({"平方米", "平米", "平方公里"}),
    frozenset({"亩"}),
    frozenset({"公顷"}),
    frozenset({"千瓦", "兆瓦", "万千瓦", "吉瓦"}),
    frozenset({"吨"}),
    frozenset({"斤", "公斤", "千克"}),
    frozenset({"天"}),
)
# Factors to a common unit inside a group (the shared scorer's conversions).
UNIT_FACTORS: dict[str, float] = {
    "公里": 1000, "千米": 1000, "米": 1, "平方公里": 1e6, "平方米": 1, "平米": 1, "兆瓦": 1000, "千瓦": 1,
    "万千瓦": 1e4, "吉瓦": 1e6, "公斤": 1, "千克": 1, "斤": 0.5,
}

# How close a ``~`` target must come to count as met (about 10 %).
APPROX_TOLERANCE = 0.10
# The least likeness of two metrics (0–1) for a result to be read as the target's.
MATCH_MIN = 0.5
# A result of exactly the target's value in a unit of its kind is likelier to be its report
# (宝迪养猪分散养殖场86个 → 86栋放养小区全部投放): added to the likeness.
SAME_VALUE_BONUS = 0.15
# The least likeness for a result of another unit or period to make the outcome unclear.
RELATED_MIN = 0.5
# A review sentence without a figure names the target when it shares this many characters
# in a row with the metric (民心工程 → 高标准完成省市县民心工程和民生实事).
WORDS_ONLY_MIN_RUN = 4
WORDS_ONLY_MIN_SHARE = 0.6  # …and the run covers this share of the metric
