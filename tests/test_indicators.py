"""The canonical indicator catalog: its invariants, and sentences of real reports → codes.

Sentences are from ../shared/corpus/raw (file named in the id), the older phrasings from
the State Council's reports of 1999–2014 (public corpus ljtyduyu/Government_Report_Mining).
"""

from __future__ import annotations

import re

import pytest

from luoshi import extract
from luoshi.extract.indicators import BY_CODE, CATALOG, classify

REQUIRED = (
    "gdp_growth", "cpi", "urban_new_jobs", "surveyed_unemployment", "registered_unemployment",
    "deficit_ratio", "energy_intensity", "grain_output", "fixed_asset_investment_growth",
    "retail_sales_growth", "general_budget_revenue_growth", "industrial_value_added_growth",
    "urban_disposable_income_growth", "rural_disposable_income_growth", "foreign_trade_growth",
    "rd_intensity", "forest_coverage", "pm25",
)
KINDS = {"percent", "points", "money", "count", "number", "area", "length", "mass", "power", "permille",
         "time", "other", "volume", "energy"}


def test_catalog_is_large_and_holds_the_required_codes() -> None:
    assert len(CATALOG) >= 60
    assert set(REQUIRED) <= set(BY_CODE)
    assert len(BY_CODE) == len(CATALOG), "codes are unique"


@pytest.mark.parametrize("ind", CATALOG, ids=lambda i: i.code)
def test_each_entry_is_well_formed(ind: object) -> None:
    from luoshi.extract.indicators import Indicator

    assert isinstance(ind, Indicator)
    assert re.fullmatch(r"[a-z][a-z0-9_]*", ind.code)
    assert ind.name and ind.name_en and ind.phrasings
    assert set(ind.kinds) <= KINDS
    assert ind.better in ("up", "down", "")


SENTENCES = [
    pytest.param("国内生产总值增长5.5%左右。", "gdp_growth", id="guowuyuan-2022-gdp"),
    pytest.param("经济增长预期目标为5%左右。", "gdp_growth", id="guowuyuan-2024-gdp-restated"),
    pytest.param("经济增长速度8 ％。", "gdp_growth", id="guowuyuan-old-speed"),
    pytest.param("全省生产总值增长6%左右。", "gdp_growth", id="hebei-2023-gdp"),
    pytest.param("居民消费价格涨幅3%左右。", "cpi", id="guowuyuan-2022-cpi"),
    pytest.param("城镇新增就业1100万人以上。", "urban_new_jobs", id="guowuyuan-2022-jobs"),
    pytest.param("城镇调查失业率全年控制在5.5%以内。", "surveyed_unemployment", id="guowuyuan-2022-surveyed"),
    pytest.param("城镇登记失业率4.5%以内。", "registered_unemployment", id="guowuyuan-2019-registered"),
    pytest.param("赤字率拟按2.8%左右安排。", "deficit_ratio", id="guowuyuan-2022-deficit"),
    pytest.param("单位GDP能耗下降3.5%。", "energy_intensity", id="hebei-2022-energy"),
    pytest.param("粮食产量保持在1.3万亿斤以上。", "grain_output", id="guowuyuan-2022-grain"),
    pytest.param("固定资产投资增长6.5%。", "fixed_asset_investment_growth", id="hebei-2022-fai"),
    pytest.param("社会消费品零售总额增长8.5%左右。", "retail_sales_growth", id="hebei-2022-retail"),
    pytest.param("一般公共预算收入增长6.5%。", "general_budget_revenue_growth", id="hebei-2022-revenue"),
    pytest.param("规模以上工业增加值增长7%。", "industrial_value_added_growth", id="baoding-2021-industry"),
    pytest.param("城镇居民人均可支配收入增长6%。", "urban_disposable_income_growth", id="county-urban-income"),
    pytest.param("农村居民人均可支配收入增长7%。", "rural_disposable_income_growth", id="county-rural-income"),
    pytest.param("外贸进出口增长5％以上。", "foreign_trade_growth", id="hebei-2021-trade"),
    pytest.param("研发经费投入强度达到2.5%。", "rd_intensity", id="province-rd"),
    pytest.param("森林覆盖率达到35%。", "forest_coverage", id="baoding-2021-forest"),
    pytest.param("细颗粒物（PM2.5）平均浓度下降9.1%。", "pm25", id="pm25-bracketed"),
    pytest.param("农村居民人均可支配收入达到15553元。", "rural_disposable_income", id="income-level-in-yuan"),
    pytest.param("实施重点技改项目160个以上。", "technical_renovation_projects", id="seed-renovation"),
    pytest.param("新建改造农村公路200公里。", "rural_roads", id="rural-roads"),
    pytest.param("科技进步对经济增长的贡献率达到60%。", None, id="guowuyuan-2016-contribution-not-gdp"),
    pytest.param("培育10家工业互联网示范企业。", None, id="no-indicator"),
]


@pytest.mark.parametrize(("sentence", "code"), SENTENCES)
def test_targets_carry_their_indicator(sentence: str, code: str | None) -> None:
    plan = extract("工作安排\n" + sentence, year=2023)
    assert len(plan.targets) == 1, plan.targets
    assert plan.targets[0].indicator == code


@pytest.mark.parametrize(("metric", "kind", "code"), [
    ("地区生产总值", "money", "gdp"),
    ("地区生产总值增长", "percent", "gdp_growth"),
    ("服务业增加值占地区生产总值比重", "percent", None),
    ("数字经济核心产业增加值占地区生产总值比重", "percent", "digital_economy_share"),
    ("城镇化率", "points", "urbanization_rate"),
    ("", "percent", None),
    ("城镇新增就业预期目标比去年多", "count", None),  # 2017_guowuyuan: a difference, not the level
])
def test_the_unit_kind_tells_level_from_rate(metric: str, kind: str, code: str | None) -> None:
    assert classify(metric, kind) == code


def test_achievements_carry_indicators_too() -> None:
    plan = extract("一、2022年工作回顾\n全市地区生产总值增长4.2%。\n二、2023年工作安排\n地区生产总值增长6%。", year=2023)
    assert [t.indicator for t in plan.achievements] == ["gdp_growth"]
