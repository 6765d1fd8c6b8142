"""Vocabulary of deadlines: plan periods, parts of a year, multi-year spans."""

from __future__ import annotations

# Five-year plan → its last year.
FIVE_YEAR_PLANS: dict[str, int] = {
    "十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035,
}

# Part of a year → (month, day) of its end.
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "一季度": (3, 31), "第一季度": (3, 31), "二季度": (6, 30), "第二季度": (6, 30),
    "三季度": (9, 30), "第三季度": (9, 30), "四季度": (12, 31), "第四季度": (12, 31),
    "上半年": (6, 30), "年中": (6, 30), "下半年": (12, 31), "年底": (12, 31), "年末": (12, 31),
    "年内": (12, 31), "年底前": (12, 31), "今年": (12, 31), "全年": (12, 31),
}

# Spans of years counted from the plan year: 今后五年 in 2023 → 2027.
YEAR_SPANS: dict[str, int] = {
    "今后五年": 5, "未来五年": 5, "五年内": 5, "五年间": 5, "今后三年": 3, "未来三年": 3, "三年内": 3,
    "两年内": 2, "今后两年": 2, "未来两年": 2, "本届政府": 5,
}

# Chinese month numerals.
MONTHS: dict[str, int] = {
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
    "十一": 11, "十二": 12,
}
