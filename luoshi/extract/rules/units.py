"""Vocabulary of units: unit as written → kind.

Data only; ``luoshi/extract/units.py`` compiles it once (longest match first, so 平方公里
beats 平方 and 公里, 个百分点 beats 个, 千瓦时 beats 千瓦).  Magnitude words (万, 亿) are no
units: 800万千瓦 reads 800万 + 千瓦.

Kinds: count, money, percent, permille, permyriad, points, multiple, area, length, mass,
volume, power, energy, voltage, time, grade, code, ordinal, other.  ``numbers.py`` adds
date (2023年, 1月7日), number (no unit), fraction (三分之一) and the kinds of its own forms.
"""

from __future__ import annotations

_COUNT = (
    "个 個 家 项 處 处 条 條 座 所 栋 幢 户 戶 人 名 位 次 场 台 臺 辆 套 张 件 只 头 株 棵 批 支 部 "
    "间 床 门 口 眼 艘 架 列 颗 粒 片 块 根 本 册 篇 份 首 届 轮 种 类 类别 组 队 班 宗 笔 例 对 對 "
    "双 雙 盏 把 扇 道 匹 羽 箱 袋 包 辆次 站 处所 "
    "人次 户次 车次 架次 班次 批次 项次 场次 件次 台次 艘次 "
    "方面 个方面 部分 大 个点"
).split()

_MONEY = (
    "元 人民币 美元 美金 美圆 欧元 港元 港币 日元 英镑 韩元 澳元 卢布 台币 新台币 法郎 瑞士法郎 "
    "加元 新加坡元"
).split()

_AREA = "平方米 平米 ㎡ m² 平方公里 平方千米 km² 平方 亩 公顷 顷 平方厘米".split()
_LENGTH = "米 公里 千米 km KM Km 厘米 cm CM 毫米 mm 公分 延米 延长米 m".split()
_MASS = "吨 噸 斤 公斤 千克 kg KG 克 毫克 微克".split()
_VOLUME = "立方米 立方 方 m³ 升 毫升 立方千米 标方".split()
_POWER = "千瓦 兆瓦 吉瓦 瓦 kW KW kw MW GW 千伏安 kVA 兆伏安 蒸吨".split()
_ENERGY = "千瓦时 兆瓦时 kWh 度 吨标准煤 吨标煤 标准煤 千卡 焦耳".split()
_VOLTAGE = "千伏 kV KV kv Kv 伏".split()
_TIME = "年 天 日 小时 分钟 秒 个月 個月 月 周 星期 季度 个工作日 工作日 周年 岁 个小时".split()
_GRADE = "级 級 星级 星 A级 AA级 AAA级 AAAA级 AAAAA级".split()
_OTHER = (
    "分 比特 千比特 兆比特 字节 千字节 兆字节 吉字节 GB MB TB KB 赫兹 兆赫 兆赫兹 ℃ 摄氏度"
).split()

UNITS: dict[str, str] = {
    **{u: "count" for u in _COUNT},
    **{u: "money" for u in _MONEY},
    **{u: "area" for u in _AREA},
    **{u: "length" for u in _LENGTH},
    **{u: "mass" for u in _MASS},
    **{u: "volume" for u in _VOLUME},
    **{u: "power" for u in _POWER},
    **{u: "energy" for u in _ENERGY},
    **{u: "voltage" for u in _VOLTAGE},
    **{u: "time" for u in _TIME},
    **{u: "grade" for u in _GRADE},
    **{u: "other" for u in _OTHER},
    "%": "percent", "％": "percent", "﹪": "percent",
    "成": "percent",  # 七成 = 70 %
    "‰": "permille", "‱": "permyriad",
    "个百分点": "points", "個百分點": "points", "个百分點": "points", "百分点": "points", "百分點": "points",
    "倍": "multiple", "番": "multiple",  # 翻一番
    "号": "code", "號": "code",  # 3号线, 1号文件
    "期": "ordinal",  # 二期 names a stage
}

# The unit as reported: spelling variants → one form (numbers keep the text as written).
UNIT_ALIASES: dict[str, str] = {
    "％": "%", "﹪": "%", "成": "%",
    "個": "个", "處": "处", "條": "条", "戶": "户", "臺": "台", "對": "对", "雙": "双", "噸": "吨",
    "個月": "个月", "級": "级", "號": "号",
    "個百分點": "个百分点", "个百分點": "个百分点", "百分點": "百分点",
    "KM": "km", "Km": "km", "CM": "cm", "KG": "kg", "KW": "kW", "kw": "kW",
    "KV": "kV", "kv": "kV", "Kv": "kV", "美金": "美元", "美圆": "美元",
}

# Factor from the written unit to the reported value: 七成 → 70 (%).
UNIT_FACTORS: dict[str, float] = {"成": 10.0}

# A unit does not start where the next characters make another word: 三方面 is no volume,
# 五成员 no percent, 5片区 no count.  unit → characters that may not follow it.
# (ASCII units are never followed by an ASCII letter: 5 many is no 5 m.)
UNIT_GUARDS: dict[str, str] = {
    "方": "面案式向法针位便阵队舱略圆正言",
    "成": "员本果绩效交长功为立熟品群份型分都就像",
    "分": "钟配类别析布散工享红批期区局会校院子解担管离割级",
    "度": "假过日",
    "部": "门署分长委",
    "门": "户槛诊峡",
    "口": "岸径罩",
    "位": "于置居列次",
    "所": "有属在以谓",
    "道": "路德理",
    "只": "有要能是",
    "本": "地届级土身科",
    "片": "区",
    "站": "点",
    "支": "持付出援部柱",
    "队": "伍员",
    "组": "织建成合团",
    "班": "子级车",
    "种": "植子类养",
    "户": "籍口型外",
    "场": "所景馆地次",
    "条": "件例款",
    "项": "目",
    "家": "庭园长乡具居电政",
    "名": "称单牌录额誉",
    "座": "谈",
    "批": "准复示",
    "天": "然",
    "周": "边围末转期",
    "台": "河湾",
    "星": "期",
    "人": "们口",
    "大": "力学会型",
    "米": "粮面",
    "年": "轻",
    "克": "服",
}

# Units after which a magnitude word alone is a number: 万亩鲜桃 → 10000 亩.
LONE_MAGNITUDE_UNITS: tuple[str, ...] = (
    "亩", "人", "户", "吨", "头", "只", "人次", "公顷", "平方米", "千瓦", "斤", "株", "棵",
)

# Currency signs written before the number: ￥300 → 300 元.
CURRENCY_PREFIXES: dict[str, str] = {
    "￥": "元", "¥": "元", "US$": "美元", "HK$": "港元", "$": "美元", "€": "欧元", "£": "英镑",
}
