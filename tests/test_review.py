"""The year-end review, case by case: a target of year N, a review sentence of year N+1 → outcome.

Sentences are cut from the shared pairs (../shared/corpus/review: 涞源县 2020→2021, 阜平县
2021→2022, 河北省 2022→2023); the outcome is the one those files record.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from luoshi import extract
from luoshi.cli import main
from luoshi.extract.errors import NotConsecutive
from luoshi.extract.review import review_plans

GOV_N = "——2022年1月10日在阜平县第十七届人民代表大会第一次会议上\n阜平县县长 张三\n"
GOV_N1 = "——2023年1月10日在阜平县第十七届人民代表大会第二次会议上\n阜平县县长 张三\n"


def review(plan_sentence: str, review_sentence: str, year: int = 2022):  # type: ignore[no-untyped-def]
    plan = extract(f"{GOV_N}一、{year - 1}年工作回顾\n完成了各项任务。\n二、{year}年工作安排\n{plan_sentence}", year=year)
    report = extract(f"{GOV_N1}一、{year}年工作回顾\n{review_sentence}\n二、{year + 1}年工作安排\n继续努力。",
                     year=year + 1)
    return review_plans(plan, report)


CASES = [
    # (id, plan sentence, review sentence, outcome, result)
    pytest.param("地区生产总值增长10%以上。", "地区生产总值预计完成55亿元，增长10%左右。", "met", 10.0,
                 id="fuping-gdp-estimate-reaches"),
    pytest.param("规模以上工业增加值增长18%以上。", "规模以上工业增加值增长8.1%。", "missed", 8.1, id="fuping-industry-short"),
    pytest.param("社会消费品零售总额增长9%左右。", "社会消费品零售总额完成14.2亿元，同比下降1.2%。", "missed", -1.2,
                 id="laiyuan-decline-is-negative-growth"),
    pytest.param("固定资产投资增长6.5%左右。", "固定资产投资完成59.8亿元，同比增长7%。", "met", 7.0,
                 id="laiyuan-approx-within"),
    pytest.param("城镇居民人均可支配收入增长9%，农村居民人均可支配收入增长10%。",
                 "城乡居民人均可支配收入预计分别完成25600元和12100元，增长10%和12%。", "met", 10.0,
                 id="fuping-respectively-urban"),
    pytest.param("改造老旧小区12个。", "完成老旧小区改造12个。", "met", 12.0, id="fuping-count-same"),
    pytest.param("新建5G基站50座。", "新建5G通讯基站58座。", "met", 58.0, id="fuping-5g"),
    pytest.param("人工造林3.5万亩。", "人工造林3.2万亩、封山育林2万亩。", "missed", 32000.0, id="fuping-afforestation"),
    pytest.param("城镇登记失业率控制在4.5%以内。", "城镇登记失业率3.9%。", "met", 3.9, id="ceiling-below"),
    pytest.param("实际利用外资增长5%。", "实际利用外资1116万美元。", "unclear", None, id="laiyuan-level-not-growth"),
    pytest.param("城镇新增就业2500人。", "五年累计新增就业12987人。", "unclear", None, id="laiyuan-five-year-total"),
    pytest.param("新发展中药材1.5万亩。", "中药材达到10万亩。", "unclear", None, id="fuping-stock-not-addition"),
    pytest.param("高标准完成20项民心工程。", "高标准完成省市县民心工程和民生实事。", "unclear", None, id="fuping-words-only"),
    pytest.param("进出口总值增长5%左右。", "一般公共预算收入增长6.6%。", "unreported", None, id="laiyuan-not-mentioned"),
    pytest.param("新增上云企业1万家。", "新增国家高新技术企业1300家。", "unreported", None, id="hebei-weak-words-only"),
]


@pytest.mark.parametrize(("plan_sentence", "review_sentence", "outcome", "result"), CASES)
def test_outcomes(plan_sentence: str, review_sentence: str, outcome: str, result: float | None) -> None:
    links = review(plan_sentence, review_sentence).links
    assert links, "the plan sentence holds a target"
    link = links[0]
    assert (link.outcome, link.reason != "") == (outcome, True), link
    if result is not None:
        assert link.result_low == result
    if outcome != "unreported":
        assert link.evidence and link.evidence_span is not None


def test_evidence_span_points_into_the_report() -> None:
    plan = extract(f"{GOV_N}二、2022年工作安排\n改造老旧小区12个。", year=2022)
    report = extract(f"{GOV_N1}一、2022年工作回顾\n县城面貌明显改善，完成老旧小区改造12个。\n", year=2023)
    link = review_plans(plan, report).links[0]
    assert link.evidence_span is not None and link.result_span is not None
    a, b = link.evidence_span
    assert report.text[a:b].strip() == link.evidence
    assert report.text[link.result_span[0]:link.result_span[1]] == "12个"


@pytest.mark.parametrize(("gov_n1", "year_n1", "message"), [
    pytest.param(GOV_N1.replace("阜平县", "涞源县"), 2023, "not the same government", id="other-government"),
    pytest.param(GOV_N1, 2024, "not the next year's report", id="not-consecutive"),
])
def test_a_pair_that_is_not_consecutive_is_refused(gov_n1: str, year_n1: int, message: str) -> None:
    plan = extract(f"{GOV_N}二、2022年工作安排\n改造老旧小区12个。", year=2022)
    report = extract(f"{gov_n1}一、{year_n1 - 1}年工作回顾\n完成老旧小区改造12个。\n", year=year_n1)
    with pytest.raises(NotConsecutive, match=message):
        review_plans(plan, report)
    assert review_plans(plan, report, force=True).links[0].outcome == "met"


def test_counts_and_kept_rate() -> None:
    r = review("地区生产总值增长10%以上，规模以上工业增加值增长18%以上，进出口增长5%。",
               "地区生产总值增长10%左右。规模以上工业增加值增长8.1%。")
    assert r.counts() == {"met": 1, "missed": 1, "unclear": 0, "unreported": 1}
    assert r.kept_rate() == 0.5
    d = json.loads(r.to_json())
    assert {"metric", "low", "high", "unit", "comparator", "indicator", "outcome", "result_low", "evidence"} <= set(
        d["links"][0])


@pytest.fixture
def pair(tmp_path):  # type: ignore[no-untyped-def]
    a, b = tmp_path / "2022.txt", tmp_path / "2023.txt"
    a.write_text(f"{GOV_N}一、2021年工作回顾\n完成了任务。\n二、2022年工作安排\n改造老旧小区12个，新建5G基站50座。\n",
                 encoding="utf-8")
    b.write_text(f"{GOV_N1}一、2022年工作回顾\n完成老旧小区改造12个。\n二、2023年工作安排\n继续努力。\n", encoding="utf-8")
    return str(a), str(b)


@pytest.mark.parametrize("fmt", ["json", "table", "csv"])
def test_cli_formats(pair: tuple[str, str], fmt: str) -> None:
    result = CliRunner().invoke(main, ["review", *pair, "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        links = json.loads(result.output)["links"]
        assert [x["outcome"] for x in links] == ["met", "unreported"]
    elif fmt == "csv":
        assert result.output.splitlines()[0].startswith("outcome,metric,indicator")
    else:
        assert "1 met" in result.output and "未再提及" in result.output


def test_cli_refuses_a_wrong_pair_in_one_line(pair: tuple[str, str]) -> None:
    result = CliRunner().invoke(main, ["review", pair[1], pair[0]])
    assert result.exit_code == 2
    assert "not the next year's report" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
