"""Normalisation: the text every span points into."""

from __future__ import annotations

import pytest

from luoshi import extract
from luoshi.extract.normalize import normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("政 府 工 作 报 告", "政府工作报告", id="spaces-inside-words-hailar"),
        pytest.param("　　新增就业１５００人以上。", "新增就业1500人以上。", id="fullwidth-digits-indent"),
        pytest.param("增长５．５％ 左右", "增长5.5%左右", id="fullwidth-percent-space"),
        pytest.param("一、2023年\r\n\r\n\r\n工作安排", "一、2023年\n工作安排", id="blank-lines-crlf"),
        pytest.param("投资\u200b5.96亿元", "投资5.96亿元", id="zero-width"),
        pytest.param("博山区人民xx区长朱玉友", "博山区人民xx区长朱玉友", id="masked-word-kept"),
        pytest.param("Hello world 2023", "Hello world 2023", id="ascii-spaces-kept"),
        pytest.param("（一）持续抓项目，建设清苑。", "（一）持续抓项目，建设清苑。", id="chinese-punctuation-kept"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_masked_and_spaced_input_still_yields_targets() -> None:
    plan = extract("２０２３年 工 作 安 排\n**安置６９５户，新增城镇就业１５００人以上。", year=2023)
    assert [(t.low, t.unit, t.comparator) for t in plan.targets] == [(695, "户", "="), (1500, "人", ">=")]
