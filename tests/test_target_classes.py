"""Classes of error found on county and national reports (issue: engine, wave 2), case by case.

Each case is a sentence of a report of ../shared/corpus/raw (named in its id and comment),
the plan year 2023 unless the id says otherwise. Expected rows are (metric fragment, low,
high, unit, comparator); the metric only needs to contain the fragment.
"""

from __future__ import annotations

import pytest

from luoshi import extract

Row = tuple[str, float, float, str, str]


def rows(sentence: str, year: int = 2023) -> list[Row]:
    plan = extract("工作安排\n" + sentence, year=year)
    return [(t.metric, t.low, t.high, t.unit, t.comparator) for t in plan.targets]  # type: ignore[misc]


SHARED_VALUE = [
    # 2023_sichuan_panzhihua_miyi
    pytest.param("力争全年工业投资、技改投资增长20%以上。",
                 [("工业投资增长", 20, 20, "%", ">="), ("技改投资增长", 20, 20, "%", ">=")], id="miyi-two-investments"),
    # 2020_hebei_baoding_anguo
    pytest.param("落实全民参保计划，城乡居民养老保险、基本医疗保险参保率达到95%以上。",
                 [("城乡居民养老保险参保率", 95, 95, "%", ">="), ("基本医疗保险参保率", 95, 95, "%", ">=")],
                 id="anguo-two-insurances"),
    # 2022_sichuan_panzhihua_miyi: 分别 before one figure
    pytest.param("确保全县工业投资、技改投资分别增长10%以上。",
                 [("工业投资", 10, 10, "%", ">="), ("技改投资", 10, 10, "%", ">=")], id="miyi-fenbie-one-figure"),
    # the pattern of national reports: 分别 before two figures pairs them in order
    pytest.param("城镇和农村居民人均可支配收入分别增长6.5%和7.5%。",
                 [("城镇居民人均可支配收入增长", 6.5, 6.5, "%", "="), ("农村居民人均可支配收入增长", 7.5, 7.5, "%", "=")],
                 id="fenbie-pairs"),
]

NOT_TARGETS = [
    # policy packages named by a count
    pytest.param("严格落实大气污染防治十条措施。", id="yixian-2019-ten-measures"),
    pytest.param("抓细抓实“十个常态化”30项措施，提高疫情应急处置能力。", id="baoding-2022-ten-normalised"),
    pytest.param("从严从紧落实十个常态化30项防控措施。", id="anguo-2022-prevention-measures"),
    pytest.param("深入落实国务院安委会安全生产十五条硬措施及省市实施意见。", id="miyi-2023-fifteen-hard-measures"),
    pytest.param("贯彻金融支持民营经济发展壮大的25条措施。", id="hebei-2024-25-measures"),
    # a threshold that names a category
    pytest.param("推动入境俄蒙8座以下小汽车延伸到呼伦贝尔全域。", id="hailar-2019-small-cars"),
    pytest.param("淘汰关停不达标的30万千瓦以下煤电机组。", id="guowuyuan-2018-coal-units"),
    # full coverage is borderline by ANNOTATION.md: not reported
    pytest.param("年底前基本实现农村污水无害化处理全覆盖。", id="fuping-2020-full-coverage"),
]

METRICS = [
    # a time phrase is no metric: the clause before names what is counted
    pytest.param("推进幸福河湖建设，年底前达到45条。", [("幸福河湖", 45, 45, "条", "=")], id="baoding-2025-year-end"),
    pytest.param("健全人才机制，年底“燕赵英才”突破5000人。", [("燕赵英才", 5000, 5000, "人", ">=")],
                 id="baoding-2023-year-end-quoted"),
    # a baseline: 从去年的X提高到Y commits to Y, and the metric is what rises
    pytest.param("赤字率从去年的2.1%提高到2.3%。", [("赤字率", 2.3, 2.3, "%", "=")], id="guowuyuan-2015-deficit"),
    # a bound followed by a verb is no category
    pytest.param("今年赤字率拟按3.6%以上安排。", [("赤字率", 3.6, 3.6, "%", ">=")], id="guowuyuan-2020-deficit"),
    # 2020_hebei_baoding_laiyuan: money spent on a purpose named after the figure
    pytest.param("每年投入400万元为全县低收入户购买防贫保险。", [("防贫保险投入", 4e6, 4e6, "元", "=")],
                 id="laiyuan-2020-insurance-spending"),
    pytest.param("安排2000万元用于建设冷链物流中心。", [("冷链物流中心安排", 2e7, 2e7, "元", "=")], id="spending-for-building"),
]


@pytest.mark.parametrize(("sentence", "expected"), SHARED_VALUE + METRICS)
def test_rows(sentence: str, expected: list[Row]) -> None:
    got = rows(sentence)
    assert len(got) == len(expected), got
    for g, e in zip(got, expected, strict=True):
        assert e[0] in g[0], (g, e)
        assert g[1:] == e[1:], (g, e)


@pytest.mark.parametrize("sentence", NOT_TARGETS)
def test_not_targets(sentence: str) -> None:
    assert rows(sentence) == []


def test_a_rate_restated_is_listed_once() -> None:
    """2024_guowuyuan: the goals paragraph, then 经济增长预期目标为5%左右，考虑了…"""
    text = ("二、2024年经济社会发展总体要求和政策取向\n今年发展主要预期目标是：国内生产总值增长5%左右。\n"
            "经济增长预期目标为5%左右，考虑了促进就业增收、防范化解风险等需要。")
    plan = extract(text, year=2024)
    assert [(t.indicator, t.low) for t in plan.targets] == [("gdp_growth", 5.0)]


def test_annex_of_last_years_progress_holds_achievements() -> None:
    """2022_hebei_baoding_anguo: 附件2 …进展情况说明 lists last year's progress."""
    text = ("一、2021年工作回顾\n完成投资10亿元。\n二、2022年工作安排\n新建学校2所。\n"
            "附件1\n安国市2022年十大工程\n总建筑面积72000平方米\n"
            "附件2\n安国市2021年十大工程进展情况说明\n3.事项进展：雨污分流管网改造提升完成60公里。\n")
    plan = extract(text, year=2022)
    assert [(t.metric, t.low) for t in plan.targets] == [("新建学校", 2.0)]
    assert 60.0 in [t.low for t in plan.achievements]
    assert [n.role for n in plan.tree if n.kind == "part"] == ["review", "plan", "annex", "review"]
