"""Targets, case by case (input sentence → expected rows), grouped by where the case came from.

Cases quote ANNOTATION.md and the bundled reports. Each expected row is
(metric fragment, low, high, unit, comparator, aspirational); the metric only needs to
contain the fragment.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luoshi import extract

Row = tuple[str, float, float, str, str, bool]
FIXTURES = Path(__file__).parent / "fixtures" / "reports"
EXAMPLES = Path(__file__).parent.parent / "luoshi" / "examples"


def rows(sentence: str, year: int = 2023) -> list[Row]:
    plan = extract(sentence, year=year)
    return [(t.metric, t.low, t.high, t.unit, t.comparator, t.aspirational) for t in plan.targets]  # type: ignore[misc]


def check(sentence: str, expected: list[Row]) -> None:
    got = rows(sentence)
    assert len(got) == len(expected), got
    for g, e in zip(got, expected, strict=True):
        assert e[0] in g[0], (g, e)
        assert g[1:] == e[1:], (g, e)


ANNOTATION = [
    pytest.param("实施重点技改项目160个以上。", [("重点技改项目", 160, 160, "个", ">=", False)], id="ge-yishang"),
    pytest.param("新增城镇就业1500人以上。", [("新增城镇就业", 1500, 1500, "人", ">=", False)], id="employment"),
    pytest.param("力争“十四五”末新能源产业产值达到50亿元。",
                 [("新能源产业产值", 5e9, 5e9, "元", "=", True)], id="fyp-aspirational"),
    pytest.param("高新技术企业、科技型中小企业均增加10家以上。",
                 [("高新技术企业", 10, 10, "家", ">=", False), ("科技型中小企业", 10, 10, "家", ">=", False)],
                 id="shared-jun"),
    pytest.param("投资5.96亿元,实施13个片区城镇老旧小区改造,改造560栋楼,面积149万平方米,惠及群众2.1万户。",
                 [("投资", 5.96e8, 5.96e8, "元", "=", False), ("片区", 13, 13, "个", "=", False),
                  ("改造", 560, 560, "栋", "=", False), ("面积", 1.49e6, 1.49e6, "平方米", "=", False),
                  ("惠及群众", 21000, 21000, "户", "=", False)], id="split-investment"),
    pytest.param("新培育2家以上市级农业龙头企业。", [("市级农业龙头企业", 2, 2, "家", ">=", False)],
                 id="yishang-before-shiji"),
    pytest.param("地区生产总值增长6%左右。", [("地区生产总值增长", 6, 6, "%", "~", False)], id="gdp-about"),
    pytest.param("城镇调查失业率控制在5.5%以内。", [("城镇调查失业率", 5.5, 5.5, "%", "<=", False)], id="le-yinei"),
    pytest.param("单位GDP能耗下降4%。", [("下降", 4, 4, "%", "=", False)], id="keep-verb"),
    pytest.param("森林覆盖率提高1个百分点。", [("森林覆盖率", 1, 1, "个百分点", "=", False)], id="points"),
    pytest.param("培训200余人。", [("培训", 200, 200, "人", ">=", False)], id="yu"),
    pytest.param("开展文化活动不少于600场。", [("文化活动", 600, 600, "场", ">=", False)], id="bushaoyu"),
    pytest.param("粮食总产达到13.5亿斤。", [("粮食总产", 1.35e9, 1.35e9, "斤", "=", False)], id="jin"),
    pytest.param("力争2家企业进入上市辅导期,2家企业进入上市预辅导,25家企业进入后备资源库。",
                 [("上市辅导期", 2, 2, "家", "=", True), ("上市预辅导", 2, 2, "家", "=", True),
                  ("后备资源库", 25, 25, "家", "=", True)], id="aspiration-scope"),
    pytest.param("力争招引1—2个在全市层面有影响力的企业和项目。",
                 [("企业和项目", 1, 2, "个", "=", True)], id="range"),
    pytest.param("建设张庄、崮山2个110千伏变电站。", [("变电站", 2, 2, "个", "=", False)], id="voltage-spec"),
    pytest.param("确保新增就业1000人。", [("新增就业", 1000, 1000, "人", "=", False)], id="queban-not-aspirational"),
    pytest.param("城乡居民人均可支配收入分别增长7.5%和8.5%以上。",
                 [("可支配收入", 7.5, 7.5, "%", ">=", False), ("可支配收入", 8.5, 8.5, "%", ">=", False)],
                 id="fenbie-distributes"),
]

# Patterns found by auditing reports outside the gold set (2021 高唐县, 2022 米易县, 2024 安新县, 2025 涞源县).
AUDIT = [
    pytest.param("全面启动55%以上的村（社区）经营性收入达到10万元以上。", [("村", 55, 55, "%", ">=", False)],
                 id="share-of-villages"),
    pytest.param("工业投资、技改投资分别增长10%以上。",
                 [("工业投资", 10, 10, "%", ">=", False), ("技改投资", 10, 10, "%", ">=", False)], id="fenbie-one-figure"),
    pytest.param("完成37.8亿元的年度投资计划。", [("投资计划", 3.78e9, 3.78e9, "元", "=", False)], id="money-de-plan"),
    pytest.param("支持“保定小院”3个版块业态建设,开设5个线下体验店。",
                 [("版块", 3, 3, "个", "=", False), ("线下体验店", 5, 5, "个", "=", False)], id="banka-xianxia"),
    pytest.param("落实总投资638亿元、128个省市县重点项目。",
                 [("总投资", 6.38e10, 6.38e10, "元", "=", False), ("重点项目", 128, 128, "个", "=", False)],
                 id="list-after-money"),
]

NOT_TARGETS = [
    pytest.param("1月7日上午,博山区第十九届人民代表大会第二次会议开幕。", id="dates-sessions"),
    pytest.param("立足产业振兴、环境优美、群众满意“三大目标”,坚定不移提升六大品质,大力倡树“三提三争”。", id="slogans"),
    pytest.param("布设全域旅游一张“网”,把握文化遗产保护利用一条“线”。", id="quoted-measure"),
    pytest.param("争创3A级以上旅游景区。", id="grade"),
    pytest.param("新改建“四好农村路”。", id="quoted-slogan"),
    pytest.param("培育50万元以上的经济强村。", id="category-threshold"),
    pytest.param("推进国道308改造。", id="road-code"),
    pytest.param("推进5G网络建设。", id="5g"),
    pytest.param("如若转载,请注明出处:http://www.sclgvs.com/zhishi/49813.html", id="url"),
    pytest.param("打造10分钟便民生活服务圈。", id="minutes-circle"),
    pytest.param("市委全会部署了八项重点工作。", id="past-verb"),
    pytest.param("迈开两条腿,落实残疾人两项补贴。", id="slogan-counts"),
    pytest.param("围绕等6项内容为重点,抓住两个关键。", id="structure-nouns"),
    pytest.param("三地拥有1.1亿人口的庞大消费体量。", id="population-fact"),
    pytest.param("培育一批营业收入超千亿元园区。", id="money-category"),
    pytest.param("推进五头、仓头村庄建设。", id="place-name-tou"),
]


@pytest.mark.parametrize(("sentence", "expected"), ANNOTATION)
def test_annotation_rules(sentence: str, expected: list[Row]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), AUDIT)
def test_audit_patterns(sentence: str, expected: list[Row]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize("sentence", NOT_TARGETS)
def test_not_targets(sentence: str) -> None:
    assert rows(sentence) == []


def test_review_figures_are_achievements() -> None:
    text = "一、2022年工作回顾\n全年新增城镇就业1.2万人。\n二、2023年工作安排\n新增城镇就业1500人以上。\n"
    plan = extract(text, year=2023)
    assert [(t.low, t.role) for t in plan.targets] == [(1500, "target")]
    assert [(t.low, t.role, t.deadline) for t in plan.achievements] == [(12000, "achievement", "")]


def test_unnumbered_parts() -> None:
    """米易县 2022: parts without numbers (2021年工作回顾 / 2022年工作安排), areas numbered 一、."""
    text = ("2021年工作回顾\n一、经济运行稳中有进\n全年新增城镇就业1.2万人。\n2022年工作安排\n"
            "一、做强工业\n新增规上工业企业10户以上。\n附：短语说明\n两所共建：指两所学校共建。\n")
    plan = extract(text, year=2022)
    assert [(t.low, t.unit) for t in plan.targets] == [(10, "户")]
    assert [(t.low, t.unit) for t in plan.achievements] == [(12000, "人")]
    assert [(n.kind, n.role) for n in plan.tree] == [("part", "review"), ("part", "plan"), ("part", "glossary")]


@pytest.mark.parametrize(
    ("headings", "roles"),
    [
        pytest.param(("二〇二四年工作回顾", "二〇二五年主要目标任务", "※注释※"), ["review", "plan", "glossary"],
                     id="chinese-years-yixian-2025"),
        pytest.param(("过去五年工作回顾", "今后五年工作任务", "今年政府工作重点"), ["review", "plan", "plan"],
                     id="period-words-gaotang-2022"),
    ],
)
def test_unnumbered_part_forms(headings: tuple[str, str, str], roles: list[str]) -> None:
    text = (f"2022年1月28日在高唐县第十八届\n人民代表大会第一次会议上\n{headings[0]}\n全年新增就业1万人。\n"
            f"{headings[1]}\n一、做强工业\n新增企业10户。\n{headings[2]}\n〔1〕两所共建：指两所学校共建。\n")
    plan = extract(text, year=2025)
    assert [n.role for n in plan.tree if n.kind == "part"] == roles


def test_comparator_is_always_valid() -> None:
    plan = extract("城镇调查失业率控制在3.5%的较低水平。", year=2023)
    assert [t.comparator for t in plan.targets] == ["="]


def test_deadline_after_the_figure_in_its_clause() -> None:
    plan = extract("总投资5.63亿元的标准化科创园6月底前建成投用。", year=2025)
    assert [t.deadline for t in plan.targets] == ["2025-06-30"]


def test_glossary_holds_no_targets() -> None:
    text = "二、2021年重点工作\n新建2个公园。\n名词解释\n〔6〕农副产品加工园区：总面积2763亩。\n"
    assert [t.low for t in extract(text, year=2021).targets] == [2]


def test_spans_point_at_the_figure() -> None:
    plan = extract((EXAMPLES / "boshan_2023.txt").read_text(encoding="utf-8"), year=2023)
    for t in plan.targets:
        s, e = t.span
        assert plan.text[s:e] in t.text
        assert t.text in plan.text


def _match(gold: list[dict[str, object]], pred: list[dict[str, object]]) -> tuple[int, int, int]:
    """Strict matches, misses and extras, by value, unit, comparator and aspiration."""
    left = list(pred)
    tp = 0
    for g in gold:
        for p in left:
            if (p["low"], p["high"], p["unit"], p["comparator"], p["aspirational"]) == (
                    g["low"], g["high"], g["unit"], g["comparator"], g["aspirational"]):
                left.remove(p)
                tp += not g.get("optional")
                break
    required = sum(1 for g in gold if not g.get("optional"))
    matched_optional = len(pred) - len(left) - tp
    return tp, required - tp, len(pred) - tp - matched_optional


def test_seed_against_its_gold() -> None:
    """The defining example: ≥ 97 % strict F1 on the 博山区 digest's gold rows."""
    gold = [json.loads(line) for line in (FIXTURES / "boshan_2023.targets.jsonl").open(encoding="utf-8")]
    plan = extract((EXAMPLES / "boshan_2023.txt").read_text(encoding="utf-8"), year=2023)
    tp, fn, fp = _match(gold, [t.to_dict() for t in plan.targets])
    f1 = 2 * tp / (2 * tp + fn + fp)
    assert f1 >= 0.97, (tp, fn, fp)
