"""Arbitrary Unicode and bytes: the engine returns or raises a named error, nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi import extract
from luoshi.extract.errors import UnreadableInput
from luoshi.extract.numbers import find_quantities
from luoshi.extract.reading import read_bytes

# Text that looks like a report often enough to reach the deep paths.
REPORT_ALPHABET = st.sampled_from(list(
    "一二三四五六七八九十百千万亿零两〇、（）()。，,；;：:“”《》%％—-~至到以上下内左右约近余多个家项亿元万平方米公里亩"
    "0123456789.．０１２３力争确保增长新增达到实施二〇年月日底前十四五末名词解释回顾工作安排各位代表\n ")
)
report_like = st.lists(st.one_of(REPORT_ALPHABET, st.characters()), max_size=400).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=500))
def test_extract_any_text(text: str) -> None:
    plan = extract(text, year=2023)
    for t in plan.targets + plan.achievements:
        assert 0 <= t.span[0] <= t.span[1] <= len(plan.text)


@SETTINGS
@given(report_like, st.one_of(st.none(), st.integers(min_value=1949, max_value=2100)))
def test_extract_report_like_text(text: str, year: int | None) -> None:
    plan = extract(text, year=year)
    plan.to_json()


@SETTINGS
@given(report_like)
def test_quantities_any_text(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.docx", "a.pdf", "a.html", "a", "a.doc"]))
def test_read_any_bytes(data: bytes, name: str) -> None:
    try:
        doc = read_bytes(data, name)
    except UnreadableInput:
        return
    extract(doc.text, year=2023)
