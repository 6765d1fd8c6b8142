"""The plan tree, metadata and deadlines, on small inputs written for each case."""

from __future__ import annotations

import pytest

from luoshi.extract.deadlines import deadline_for
from luoshi.extract.normalize import normalise
from luoshi.extract.structure import outline, read_meta

FULL_REPORT = """政府工作报告
——2023年1月13日在保定市清苑区第三届人民代表大会第三次会议上
保定市清苑区人民政府区长  李英英
各位代表：
一、2022年政府工作回顾
全年新增城镇就业1.2万人。
二、2023年政府工作目标和主要任务
全区经济社会发展的主要预期目标是：地区生产总值增长7%左右。
（一）持续抓项目园区，建设质量更高的实力清苑。围绕加速融入京津冀。
开足马力上项目。实施重点项目32个。
三、全面加强政府自身建设
（一）把政治建设作为第一责任，筑牢忠诚之基。始终坚持政治站位。
名 词 解 释
〔1〕两不愁三保障：到2020年，稳定实现农村贫困人口不愁吃。
"""


def test_meta_of_a_full_report() -> None:
    meta = read_meta(normalise(FULL_REPORT))
    assert (meta.government, meta.level, meta.year, meta.date, meta.speaker) == (
        "保定市清苑区", "county", 2023, "2023-01-13", "李英英")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        pytest.param("淄博1月7日讯 1月7日上午,博山区第十九届人民代表大会第二次会议开幕,博山区人民xx区长朱玉友作xx工作报告。2023年,博山区将",
                     ("博山区", "county", 2023, "2023-01-07", "朱玉友"), id="seed-digest-dateline"),
        pytest.param("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n",
                     ("国务院", "national", 2024, "2024-03-05", "李强"), id="national"),
        pytest.param("政府工作报告\n河北省人民政府代省长 王正谱\n", ("河北省", "provincial", None, "", "王正谱"),
                     id="province-speaker-only"),
    ],
)
def test_meta(head: str, expected: tuple[object, ...]) -> None:
    m = read_meta(normalise(head))
    assert (m.government, m.level, m.year, m.date, m.speaker) == expected


def _kinds(nodes, depth=0):  # type: ignore[no-untyped-def]
    for n in nodes:
        if n.kind != "measure":
            yield depth, n.kind, n.role, n.title
            yield from _kinds(n.children, depth + 1)


def test_tree_of_a_full_report() -> None:
    out = outline(normalise(FULL_REPORT))
    assert list(_kinds(out.tree)) == [
        (0, "part", "review", "2022年政府工作回顾"),
        (0, "part", "plan", "2023年政府工作目标和主要任务"),
        (1, "goals", "", "主要预期目标"),
        (1, "area", "", "持续抓项目园区，建设质量更高的实力清苑"),
        (2, "task", "", "开足马力上项目"),
        (0, "part", "conduct", "全面加强政府自身建设"),
        (1, "area", "", "把政治建设作为第一责任，筑牢忠诚之基"),
        (0, "part", "glossary", "名词解释"),
    ]
    roles = {s.text: s.role for s in out.sentences}
    assert roles["全年新增城镇就业1.2万人。"] == "review"
    assert roles["实施重点项目32个。"] == "plan"
    task = next(s for s in out.sentences if s.text == "实施重点项目32个。")
    assert task.path == ["持续抓项目园区，建设质量更高的实力清苑", "开足马力上项目"]


def test_every_node_keeps_its_span() -> None:
    text = normalise(FULL_REPORT)
    out = outline(text)

    def walk(nodes):  # type: ignore[no-untyped-def]
        for n in nodes:
            yield n
            yield from walk(n.children)

    for node in walk(out.tree):
        start, end = node.span
        assert 0 <= start < end <= len(text)
        if node.kind == "measure":
            assert text[start:end] == node.title
        elif node.kind in ("area", "task"):
            assert node.title in text[start:end]


def test_digest_headings_and_task_leads() -> None:
    text = normalise("博山区将立足“三大目标”。\n聚焦产业振兴抓落实,坚定不移提升产业品质\n全面提升传统产业。实施重点技改项目160个以上。\n")
    assert list(_kinds(outline(text, 2023).tree)) == [
        (0, "area", "", "聚焦产业振兴抓落实,坚定不移提升产业品质"),
        (1, "task", "", "全面提升传统产业"),
    ]


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        pytest.param("力争“十四五”末新能源产业产值达到50亿元", "50", "2025-12-31", id="fyp-end"),
        pytest.param("存量留抵税额于6月底前一次性全部退还", "全部", "2022-06-30", id="month-end"),
        pytest.param("力争2025年前把永久基本农田全部建成高标准农田", "全部", "2025-12-31", id="year-before"),
        pytest.param("上半年完成2条通道建设", "2条", "2022-06-30", id="first-half"),
        pytest.param("今后五年新增就业5万人", "5万", "2026-12-31", id="coming-five-years"),
        pytest.param("新增城镇就业1500人以上", "1500", "2022-12-31", id="default"),
        pytest.param("2022年新增城镇就业1500人以上", "1500", "2022-12-31", id="plan-year-is-default"),
        pytest.param("新增就业1500人,到2025年达到1万人", "1500", "2022-12-31", id="later-date-not-before"),
    ],
)
def test_deadlines(sentence: str, figure: str, expected: str) -> None:
    assert deadline_for(sentence, sentence.index(figure), 2022, "2022-12-31") == expected
