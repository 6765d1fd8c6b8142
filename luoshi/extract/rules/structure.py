"""Vocabulary of a report's structure: part roles, headings, glossaries, metadata.

Data only; ``structure.py`` compiles it. Each tuple is matched longest first.
"""

from __future__ import annotations

# Words in a part heading (一、… / 二、…) that tell its role. Checked in this order.
PART_ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("conduct", ("政府自身建设", "自身建设", "政府建设", "建设人民满意的政府", "人民满意政府", "作风建设")),
    ("review", ("工作回顾", "回顾", "主要工作", "工作总结", "过去五年", "过去一年", "取得的成绩", "成就")),
    ("plan", ("工作安排", "主要任务", "重点工作", "目标任务", "工作任务", "工作目标", "总体要求",
              "预期目标", "主要目标", "奋斗目标", "工作思路", "目标和任务", "今后五年", "展望",
              "工作重点", "政府工作重点", "政府工作的建议", "工作的建议", "工作部署", "总体部署")),
)

# Words of time that open a part heading written without a year (过去五年工作回顾, 今年政府工作重点).
PERIOD_WORDS: tuple[str, ...] = (
    "过去五年", "过去一年", "今后五年", "未来五年", "今后一个时期", "今年", "明年", "本届政府", "新的一年",
)

# A paragraph that opens the 主要预期目标 block.
GOALS_MARKERS: tuple[str, ...] = (
    "主要预期目标", "预期目标是", "主要目标是", "发展目标是", "主要经济指标", "主要指标", "预期性指标",
)

# A paragraph that states the guiding ideology (指导思想是：…): its figures are slogans.
GUIDANCE_MARKERS: tuple[str, ...] = ("指导思想是", "总体要求是", "总体工作思路是", "工作的总体要求", "指导思想：")

# A line that opens the glossary / end-notes: nothing after it holds targets.
# (an optional 附： before it is allowed: 附：短语说明)
GLOSSARY_HEADINGS: tuple[str, ...] = (
    "名词解释", "名词注释", "注释", "附注", "注解", "说明", "短语说明", "词语解释", "名词说明", "术语解释",
)

# Forms of a numbered heading at the start of a line. (regex, kind of number, depth hint)
# depth 1: 一、 ; depth 2: （一） ; depth 3: 1. 1、 （1） ①
HEADING_NUMBER_PATTERNS: tuple[tuple[str, int], ...] = (
    (r"[一二三四五六七八九十]{1,3}[、.．]", 1),
    (r"[（(][一二三四五六七八九十]{1,3}[）)]", 2),
    (r"\d{1,2}[.．、](?!\d)", 3),
    (r"[（(]\d{1,2}[）)]", 4),
    (r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]", 4),
    (r"(?:第[一二三四五六七八九十]{1,3}[,，、是])", 4),
)

# A line of news framing or web boilerplate: kept out of the plan tree.
BOILERPLATE_MARKERS: tuple[str, ...] = (
    "本文来自", "版权声明", "转载", "如若转载", "责任编辑", "编辑:", "编辑：", "来源:", "来源：",
    "记者 ", "记者:", "记者：", "融媒体中心记者", "原标题", "http://", "https://", "www.",
)

# Opening and closing formulas of a speech: not areas, not tasks.
SALUTATIONS: tuple[str, ...] = ("各位代表", "同志们", "各位委员", "现在,我代表", "现在，我代表")

# Government titles of a speaker, longest first when compiled.
SPEAKER_TITLES: tuple[str, ...] = (
    "国务院总理", "总理", "代省长", "省长", "代市长", "市长", "代区长", "区长", "代县长", "县长",
    "代旗长", "旗长", "主席", "代主席", "州长", "代州长", "盟长",
)

# Suffix of a government's name → its level.
LEVEL_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("国务院", "national"),
    ("全国", "national"),
    ("自治区", "provincial"),
    ("省", "provincial"),
    ("北京市", "provincial"), ("天津市", "provincial"), ("上海市", "provincial"), ("重庆市", "provincial"),
    ("自治州", "prefecture"), ("地区", "prefecture"), ("盟", "prefecture"), ("市", "prefecture"),
    ("自治县", "county"), ("自治旗", "county"), ("新区", "county"), ("区", "county"),
    ("县", "county"), ("旗", "county"),
)

# -- reading a paragraph's tense when the headings do not tell (tense.py compiles these)
# Markers of a plan: the coming year, commitment and intention. Regexes, each hit counts once.
PLAN_SIGNALS: tuple[str, ...] = (
    "今年", "明年", "新的一年", "力争", "确保", "拟", "预期目标", "(?<![重主需必只])要(?![求素点闻件害])",
    "(?<![即必])将(?![其近])", "争取", "计划", "重点抓好", "着力", "务必", "必须", "今后", "未来",
    "着重抓好", "继续", "进一步", "加快", "推进", "坚持", "抓好",
)
# Markers of a review: past results, estimates of the closing year, comparison with the year before.
REVIEW_SIGNALS: tuple[str, ...] = (
    "预计", "比上年", "去年", "上年", "过去一年", "过去五年", "累计", "取得", "(?<![为除])了(?![解])",
    "荣获", "被评为", "获评", "首次", "刚刚过去", "即将过去", "一年来", "五年来", "这一年", "提前完成",
    "创历史", "创造了", "圆满完成", "胜利完成", "顺利完成", "有效应对", "成功举办", "明显改善", "显著提升",
)
# A paragraph inside a plan part is read as review only with this much evidence and no plan marker.
REVIEW_OVERRIDE_MIN = 3
# A report without part headings is split into review then plan only when the review side
# gains at least this much over reading it all as plan.
SPLIT_MIN_GAIN = 6

# A line that opens an annex (附件1, 附件：…): a table of projects or of last year's progress.
ANNEX_HEADING = r"^附件\s*[0-9一二三四五六七八九十]*\s*[:：]?"
# Words of an annex title that make it a report of progress (its figures are achievements).
ANNEX_PROGRESS_WORDS: tuple[str, ...] = ("进展情况", "完成情况", "落实情况", "进展", "执行情况")
