"""督办 in headless Chromium: a department's liaison reads a 催办 in the inbox (the unread count
in the navigation), reports, and asks to close (销号) the target with evidence; the office
approves it from its queue of closure requests; the target then shows 已销号 with the date.

Starts from the README's demo with its monthly cycle (每月5日前报送) and the notices of
``luoshi remind --as-of 2023-11-10``: nobody has reported October yet."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from .conftest import Demo, OpenPage
from .pages import expect, login, messages, nav, report_progress

pytestmark = pytest.mark.browser


@pytest.fixture
def chased(demo: Demo) -> Demo:
    from luoshi.supervision.remind import remind

    result = remind(date(2023, 11, 10), plans=[demo.plan])
    assert any(b.department == demo.industry and b.kind == "chase" for b in result.batches)
    return demo


def test_chased_reported_closed(open_page: OpenPage, chased: Demo, tmp_path: Path) -> None:
    target = chased.own_target
    page = open_page()
    login(page, "gongxin")
    inbox = page.locator("header nav.nav").get_by_role("link", name=re.compile("^收件箱"))
    unread = int(inbox.locator(".badge").inner_text())
    assert unread >= 1
    inbox.click()
    row = page.locator("table.inbox tbody tr.unread", has_text=target.metric).filter(has_text="催办").first
    expect(row).to_contain_text("2023年10月")
    row.get_by_role("link", name="催办").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("催办：工业和信息化局 2023年10月")
    expect(page.get_by_text("至今未报送，请尽快报送")).to_be_visible()
    expect(page.locator("header nav.nav .badge")).to_have_text(str(unread - 1))  # read now

    article = report_progress(page, target.pk, as_of=date(2023, 10, 31), value=_goal(target),
                              progress="浏览器测试：全部完成。")
    expect(messages(page)).to_contain_text("已提交")
    article.get_by_role("link", name="申请销号").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"销号: {target.metric}")
    evidence = tmp_path / "验收报告.pdf"
    evidence.write_bytes(b"%PDF-1.4 browser test")
    page.get_by_label("最终完成值").fill(_goal(target))
    page.get_by_label("完成情况").fill("浏览器测试：全部建成投用。")
    page.get_by_label("佐证材料").set_input_files(str(evidence))
    page.get_by_role("button", name="申请销号", exact=True).click()
    expect(messages(page)).to_contain_text("等待督查室审核")
    expect(page.locator(".rstatus")).to_have_text("等待督查室审核")

    office = open_page()
    login(office, "admin")
    nav(office, "销号申请")
    request = office.locator("article.target", has_text=target.metric)
    expect(request).to_contain_text("浏览器测试：全部建成投用。")
    expect(request.get_by_role("link", name="验收报告.pdf")).to_have_count(1)
    request.get_by_role("button", name="同意销号").click()
    expect(messages(office)).to_contain_text(f"已销号：{target.metric}")
    expect(office.get_by_text("没有待审核的销号申请。")).to_be_visible()

    office.goto(f"/targets/{target.pk}/")
    expect(office.locator("main")).to_contain_text("已销号")
    expect(office.locator("main")).to_contain_text(re.compile(r"销号于 \d{4}-\d{2}-\d{2}"))
    page.reload()  # the liaison sees it too, and may not ask again
    expect(page.locator(".rstatus")).to_have_text("已同意")
    expect(page.get_by_role("button", name="申请销号", exact=True)).to_have_count(0)


def _goal(target) -> str:  # type: ignore[no-untyped-def]
    from .pages import figure

    return figure(target.high if target.comparator == "<=" and target.high is not None else target.low)
