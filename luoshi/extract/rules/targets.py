"""Vocabulary of targets: comparators, striving verbs, what is not a target.

Rules from ANNOTATION.md, kept as data; ``targets.py`` compiles them once.
"""

from __future__ import annotations

# Words right after a quantity → comparator.  (longest first when compiled)
COMPARATOR_AFTER: dict[str, str] = {
    "以上": ">=", "及以上": ">=", "以上(含)": ">=", "以上（含）": ">=", "之上": ">=",
    "以内": "<=", "以下": "<=", "之内": "<=", "及以下": "<=",
    "左右": "~", "上下": "~",
}

# Words right before a quantity (after any verb) → comparator.
COMPARATOR_BEFORE: dict[str, str] = {
    "不低于": ">=", "不少于": ">=", "不小于": ">=", "至少": ">=", "超过": ">=", "突破": ">=",
    "超": ">=", "高于": ">=", "多于": ">=", "达到以上": ">=",
    "不超过": "<=", "不高于": "<=", "不多于": "<=", "不大于": "<=", "低于": "<=", "少于": "<=",
    "以内": "<=",
    "约": "~", "近": "~", "大约": "~", "接近": "~", "将近": "~", "约为": "~",
}

# Verbs of striving: a target they govern is aspirational (确保 is not one).
STRIVING_VERBS: tuple[str, ...] = ("力争", "争取", "争创", "努力")
# Phrases that contain a striving verb but do not strive.
NOT_STRIVING: tuple[str, ...] = ("艰苦努力", "共同努力", "不懈努力", "努力奋斗", "付出努力", "努力下")

# Units whose quantities can be targets, by the kind numbers.py gives them.
TARGET_KINDS: frozenset[str] = frozenset({
    "count", "money", "percent", "points", "area", "length", "mass", "volume", "power", "energy",
    "multiple", "permille",
})

# Units that count structure, sessions or parts, not things: 七方面工作, 十九届, 二中全会.
NOT_TARGET_UNITS: frozenset[str] = frozenset({
    "方面", "个方面", "大", "部分", "点", "个点", "条措施", "届", "次会议", "中全会", "周年", "代",
})

# Numbered political slogans and set phrases (a closed list; quoted slogans are caught by
# their quotes). A figure inside one of these is never a target.
SLOGANS: tuple[str, ...] = (
    "两个市场", "两种资源", "两个积极性", "一个中国", "八项规定", "两个确立", "两个维护", "四个意识",
    "四个自信", "两个毫不动摇", "三个务必", "两个大局", "一国两制", "四风", "三公", "三重一大",
    "六稳", "六保", "两不愁三保障", "一带一路", "两个一百年", "第二个百年", "五位一体", "四个全面",
    "两山", "三农", "三孩", "两新", "两重", "一老一小", "一刀切", "一盘棋", "一张蓝图", "一把手",
    "一站式", "一网通办", "一件事", "一次办", "最多跑一次", "一批", "一系列", "千方百计", "千家万户",
    "万企兴万村", "百千万", "三百六十行", "一技之长", "亿万人民", "两岸", "九二共识", "十四亿",
    "三大攻坚战", "两个翻一番", "三年行动", "五年行动", "十年规划", "翻一番", "翻两番", "答卷", "零部件", "零距离",
    "零容忍", "零就业", "零增长", "零事故", "零排放", "零星", "零售", "两条腿", "两项补贴", "两项改革",
    "十项规定", "八项行动", "无禁区",
)

# Text right after a quantity that makes it a name, a code or a category (not a target).
NOT_TARGET_AFTER: tuple[str, ...] = (
    "周年", "届", "分钟", "号", "型", "级", "星", "代", "中全会", "次会议", "以上规模", "部分", "全会",
    "会议", "指标", "位数",
)
# The same, as regular expressions where a plain word would catch ordinary nouns too
# (5.0版 but not 3个版块; 1号线 but not 5个线下体验店; 二期 but not 期间).
NOT_TARGET_AFTER_PATTERNS: tuple[str, ...] = (r"版(?![块面图])", r"线(?![下上路])", r"期(?!间|内|末)")

# Nouns that make a count written in Chinese numerals a structure word when the phrase ends
# with them (两个关键, “一带一路”八项行动); 20项民生工程 stays a target, so 工程 is not here.
STRUCTURE_NOUNS: tuple[str, ...] = (
    "关键", "重点", "重点工作", "重点任务", "举措", "抓手", "保障", "计划", "行动", "内容", "改革", "机制",
    "本领", "方面", "原则", "要求", "任务", "目标", "环节", "领域", "作用",
)

# The abstract ones among them end a phrase after an Arabic figure too (等6项内容为重点);
# 实施20项重点任务 stays a target.
ABSTRACT_NOUNS: tuple[str, ...] = ("内容", "关键", "方面", "原则", "要求", "作用", "环节", "本领")

# Nouns of a population: 55%以上的村（社区）… is a share of villages, a target.
SHARE_NOUNS: tuple[str, ...] = ("村", "社区", "企业", "户", "乡镇", "行政村", "农户", "人口", "学校", "医院")

# Verbs with 了 that tell of something done (部署了八项重点工作): no commitment.
PAST_VERBS: tuple[str, ...] = ("部署了", "提出了", "明确了", "作出了", "完成了", "实现了", "达到了", "取得了", "确定了")

# Nouns right after a sum of money that make the sum a class of things (超千亿元园区).
MONEY_CATEGORY_NOUNS: tuple[str, ...] = (
    "项目", "园区", "企业", "产业", "集群", "级", "规模", "村", "大项目", "以上项目", "以上企业",
)

# Text right before a quantity that makes it a name or an ordinal.
NOT_TARGET_BEFORE: tuple[str, ...] = (
    "第", "国道", "省道", "编号", "热线", "前", "排名", "PM", "G", "S", "每", "届", "新", "零",
)

# Verbs that may stand between a comparator word and its figure: 至少建成2个.
CHANGE_VERBS: tuple[str, ...] = ("增长", "提高", "下降", "降低", "减少", "提升", "扩大", "压减", "达到", "超过")
COUNTING_VERBS: tuple[str, ...] = (
    "建成", "新建", "新增", "完成", "达到", "培育", "打造", "实现", "引进", "创建", "增加", "提升",
    "改造", "建设", "开展", "实施", "招引", "争创", "创成", "认定", "发展", "启动",
)

# Units a Chinese numeral never counts a target in (一轮, 三次管网, 四方三伊, 二中全会).
NOT_CHINESE_NUMERAL_UNITS: frozenset[str] = frozenset({"次", "轮", "方", "位", "份", "种", "类", "点", "代", "头", "成"})

# A bare number (no measure word) counts what the noun before or after it names.
IMPLIED_UNIT_BEFORE: dict[str, str] = {"人次": "人次", "人数": "人", "户数": "户", "游客": "人次"}
IMPLIED_UNIT_AFTER: dict[str, str] = {
    "农村居民": "人", "城镇居民": "人", "居民": "人", "群众": "人", "人口": "人", "农民": "人",
    "贫困人口": "人", "游客": "人次", "人次": "人次",
}

# Words that turn a figure into a fact of the past or of the present (never a commitment).
PAST_MARKERS: tuple[str, ...] = ("去年", "上年", "过去", "已经", "已", "累计完成", "实现了", "完成了", "达到了")

# Leading words stripped from a metric phrase.
METRIC_LEAD_WORDS: tuple[str, ...] = (
    "力争", "争取", "争创", "努力", "确保", "全年", "今年", "年内", "当年", "全面", "持续", "加快",
    "进一步", "继续", "积极", "大力", "着力", "推动", "推进", "实现", "其中", "同时", "并",
    "全区", "全县", "全市", "全省", "全国", "我区", "我县", "我市", "我省", "计划", "预计", "拟",
    # generic action verbs: the metric is what they act on (实施重点技改项目 → 重点技改项目)
    "实施", "推出", "培育", "打造", "开展", "组织", "启动", "完成", "发放", "支持", "做好", "抓好",
    "用好", "加强", "强化", "深化", "落实", "全力", "提速", "加速",
    # enumerators of a list of measures (一是发行1000亿元长期国债)
    "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是",
)
# Trailing words stripped from a metric phrase (before the number).
METRIC_TAIL_WORDS: tuple[str, ...] = (
    "达到", "达", "保持在", "保持", "稳定在", "控制在", "不低于", "不少于", "至少", "超过", "突破",
    "力争", "争取", "确保", "分别", "均", "都", "为", "在", "到", "至", "约", "近", "超", "以上",
    "完成", "实现", "累计", "共", "总计", "合计", "共计", "要", "拟按", "按", "拟",
)


# Nouns that make a count the name of a policy document or package: 十五条硬措施, 30项防控措施,
# “十个常态化”, 支持企业投资10条意见. Checked within a few characters after the count.
POLICY_NOUNS: tuple[str, ...] = ("措施", "意见", "常态化", "条例", "细则", "举措", "条硬措施", "条政策")
POLICY_COUNT_UNITS: frozenset[str] = frozenset({"条", "项", "个", "款", "点"})

# Verbs after 以上/以下 that make it a bound on the figure, not a category (赤字率按3.6%以上安排).
# Money spent on a purpose named after the figure (每年投入400万元为低收入户购买防贫保险, 安排
# 2000万元用于建设冷链物流中心): the metric is what it buys + the verb (防贫保险投入).
SPENDING_VERBS: tuple[str, ...] = ("投入", "安排", "筹措", "拨付", "整合", "落实", "争取", "设立", "统筹")
PURPOSE_OPENERS: tuple[str, ...] = ("专项用于", "用于", "为", "支持")
PURPOSE_VERBS: tuple[str, ...] = ("购买", "建设", "实施", "开展", "发放", "补贴", "扶持", "支持", "用于")

BOUND_VERBS_AFTER: tuple[str, ...] = ("安排", "执行", "运行", "增长", "增加", "提高", "下降", "的增长", "的增速", "的水平")

# Kinds whose 以上/以下 + noun is a category (30万千瓦以下煤电机组, 10蒸吨以上锅炉); a count
# with 以上 + noun stays a target (5家以上企业入驻), with 以下 + noun it is a category (8座以下小汽车).
CATEGORY_KINDS_ABOVE: frozenset[str] = frozenset({"money", "percent", "power", "mass", "volume", "energy", "voltage"})

# The tail a list of metrics shares before one rate (工业投资、技改投资增长20% → both 增长).
SHARED_TAILS: tuple[str, ...] = (
    "增长", "增速", "参保率", "覆盖率", "达标率", "普及率", "合格率", "优良率", "处理率", "利用率", "占比",
    "分别增长", "均增长", "比重", "提高", "下降", "降低",
)

# Time words stripped from a metric phrase wherever they stand (年底前…, 年内…).
METRIC_TIME_WORDS: tuple[str, ...] = ("年底前", "年底", "年末", "年内", "年前", "月底前", "底前", "上半年", "下半年", "全年")

# Subjects that stand for two, paired in order with 分别 (城乡居民人均可支配收入分别增长9%和12%:
# 城镇居民 9 %, 农村居民 12 %).
PAIRED_SUBJECTS: dict[str, tuple[str, ...]] = {
    "城乡居民": ("城镇居民", "农村居民"), "城乡": ("城镇", "农村"), "进出口": ("进口", "出口"),
}
