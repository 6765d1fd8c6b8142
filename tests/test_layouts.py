"""Layouts of reports the engine must read: where the review ends and the plan begins.

Excerpts are cut from real reports, shortened; sources in each case's comment. The State
Council's report of 2000 is from the public corpus ljtyduyu/Government_Report_Mining
(data/Corpus/2000.txt); the others from ../shared/corpus/raw.
"""

from __future__ import annotations

import pytest

from luoshi import extract

# 2000 国务院: review headed 一、1999年国内工作回顾, then chapters that name no role,
# full-width digits throughout.
STATE_COUNCIL_2000 = """2000年政府工作报告
——2000年3月5日在第九届全国人民代表大会第三次会议上
国务院总理朱镕基
一、1999年国内工作回顾
全年工业企业实现利润2202亿元，比上年增长52％；国家财政收入比上年增加1501亿元，总额首次突破万亿元，达到11377亿元。
二、坚持实行扩大内需的方针
今年继续实行积极财政政策的主要内容，包括以下几个方面。一是发行１０００亿元长期国债，重点投向水利、交通、通信等基础设施建设。
八、从严治政，加强政府自身建设
全面推进依法行政，从严治政，建设廉洁、勤政、务实、高效政府。
"""

# 2018 国务院 (换届): 过去五年工作回顾, then 对今年政府工作的建议 without a year.
TRANSITION = """一、过去五年工作回顾
五年来，国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%。
二、对今年政府工作的建议
今年发展的主要预期目标是：国内生产总值增长6.5%左右；居民消费价格涨幅3%左右；城镇新增就业1100万人以上，城镇调查失业率5.5%以内，城镇登记失业率4.5%以内。
"""

# No headings at all (2023_shandong_zibo's review, then plan sentences of 2023_hebei_baoding).
NO_HEADINGS = """即将过去的2022年，是极不平凡的一年。面对复杂严峻的外部环境和新冠疫情冲击，全市上下统筹疫情防控和经济社会发展，实现本届政府工作良好开局。
经济运行稳中向好。预计全市地区生产总值完成4500亿元，同比增长4%以上；一般公共预算收入扣除留抵退税因素完成400亿元，同比增长5.7%。去年实施市级重点技改项目507个，取得了新的成绩。
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长6%，固定资产投资增长10%。
要力争完成200家以上企业智能化改造，确保新增规上工业企业100家。
"""

# Last year's results told inside the plan part.
RESULTS_IN_PLAN = """一、2022年工作回顾
新增城镇就业1.2万人。
二、2023年工作安排
2022年，全市生产总值增长了5%，比上年提高了1个百分点，首次突破千亿元。
新增城镇就业1.5万人以上。
"""


def parts(text: str, year: int) -> list[tuple[str, str]]:
    plan = extract(text, year=year)
    return [(n.title, n.role) for n in plan.tree if n.kind == "part"]


def test_state_council_2000_chapters_after_the_review_are_plan() -> None:
    plan = extract(STATE_COUNCIL_2000)
    assert plan.meta.year == 2000
    assert [(n.role) for n in plan.tree if n.kind == "part"] == ["review", "plan", "conduct"]
    assert [(t.low, t.unit) for t in plan.targets] == [(1e11, "元")]
    assert "长期国债" in plan.targets[0].metric
    assert {t.low for t in plan.achievements} >= {2202e8, 52.0}
    content = [s for s in plan.meta.sections if s["basis"] == "content"]
    assert content and content[0]["role"] == "plan" and 0.5 < content[0]["confidence"] < 1


def test_transition_year_proposals_are_the_plan() -> None:
    plan = extract(TRANSITION, year=2018)
    assert [n.role for n in plan.tree if n.kind == "part"] == ["review", "plan"]
    got = {t.indicator: (t.low, t.comparator) for t in plan.targets}
    assert got == {
        "gdp_growth": (6.5, "~"), "cpi": (3.0, "~"), "urban_new_jobs": (11e6, ">="),
        "surveyed_unemployment": (5.5, "<="), "registered_unemployment": (4.5, "<="),
    }


def test_a_report_without_headings_is_split_by_tense() -> None:
    plan = extract(NO_HEADINGS, year=2023)
    roles = [s["role"] for s in plan.meta.sections]
    assert roles == ["review", "plan"]
    assert all(s["basis"] == "content" for s in plan.meta.sections)
    assert {t.indicator for t in plan.targets} >= {"gdp_growth", "general_budget_revenue_growth",
                                                   "fixed_asset_investment_growth"}
    assert 4500e8 in [t.low for t in plan.achievements]
    assert 4500e8 not in [t.low for t in plan.targets]


def test_results_inside_the_plan_are_achievements() -> None:
    plan = extract(RESULTS_IN_PLAN, year=2023)
    assert [(t.metric, t.low) for t in plan.targets] == [("新增城镇就业", 15000.0)]
    assert 5.0 in [t.low for t in plan.achievements]
    assert [s["role"] for s in plan.meta.sections] == ["review", "plan", "review", "plan"]


@pytest.mark.parametrize(("text", "warned"), [
    pytest.param("一、2022年工作回顾\n预计全市地区生产总值完成4500亿元，同比增长4%以上。", True, id="review-only"),
    pytest.param(TRANSITION, False, id="with-plan"),
])
def test_no_plan_part_is_a_warning(text: str, warned: bool) -> None:
    plan = extract(text, year=2023)
    assert bool(plan.meta.warnings) is warned
    assert plan.to_dict()["meta"]["warnings"] == plan.meta.warnings


def test_sections_cover_the_text_in_order() -> None:
    plan = extract(STATE_COUNCIL_2000)
    spans = [(s["start"], s["end"]) for s in plan.meta.sections]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert spans[-1][1] == len(plan.text)
