"""The real flows in headless Chromium, each as its user does it on the pages: the office imports
a report, assigns a target, accepts a department's report and sees the dashboard change; a
department reports progress and is refused another department's target; English on request.

Every test starts from the README's demo (博山区 2023, users admin, gongxin, leader)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import luoshi

from .conftest import AS_OF, Demo, OpenPage
from .pages import (
    assign_lead,
    dashboard_counts,
    expect,
    figure,
    login,
    messages,
    nav,
    open_dashboard,
    report_progress,
)

pytestmark = pytest.mark.browser

QINGYUAN = Path(luoshi.__file__).resolve().parent / "examples" / "qingyuan_2023.txt"


def test_office_imports_a_report(open_page: OpenPage, demo: Demo) -> None:
    page = open_page()
    login(page, "admin")
    nav(page, "导入")
    expect(page.get_by_role("heading", level=1)).to_have_text("导入工作报告")
    page.get_by_label("报告文件").set_input_files(str(QINGYUAN))
    page.get_by_label("政府").fill("清苑区")
    page.get_by_label("计划年度").fill("2023")
    page.get_by_role("button", name="读取报告").click()

    # the preview: the targets found, one editable row each (plus the empty rows that add one)
    expect(page.get_by_role("heading", level=1)).to_have_text("核对导入：清苑区 2023 年")
    found = page.get_by_text(re.compile(r"qingyuan_2023\.txt：共识别出 \d+ 项目标。"))
    count = int(re.search(r"共识别出 (\d+) 项目标", found.inner_text()).group(1))  # type: ignore[union-attr]
    assert count > 10
    rows = page.locator("table.edit tbody tr:not(.added)")
    expect(rows).to_have_count(count)
    expect(rows.first.locator("input[name$='-metric']")).to_have_value("标志性场景")
    expect(page.locator("input[value='地区生产总值增长']")).to_have_count(1)  # the 主要预期目标 paragraph

    page.get_by_role("button", name="确认导入").click()
    expect(page).to_have_url(re.compile(r"/plans/\d+/$"))
    expect(messages(page)).to_contain_text(f"共 {count} 项目标")
    expect(page.get_by_role("heading", level=1)).to_contain_text("清苑区")

    # the plan is on the home page with its targets; the demo's plan is still there
    nav(page, "计划")
    plan_row = page.locator("table.list tbody tr", has_text="清苑区 2023")
    expect(plan_row).to_have_count(1)
    expect(plan_row.locator("td").nth(1)).to_have_text(str(count))
    expect(page.locator("table.list tbody tr", has_text="博山区 2023")).to_have_count(1)


def test_office_assigns_a_lead_department(open_page: OpenPage, demo: Demo) -> None:
    page = open_page()
    login(page, "admin")
    page.get_by_role("link", name="博山区 2023").click()
    page.locator("nav.tabs").get_by_role("link", name="计划分解").click()
    expect(page).to_have_url(re.compile(rf"/plans/{demo.plan.pk}/tree/"))
    target = demo.other_target
    departments = page.locator("tr.leaf", has=page.locator(f"input[value='{target.pk}']")).locator("td").last
    expect(departments).to_contain_text(demo.other_department.name)
    expect(departments).not_to_contain_text("工业和信息化局")

    row = assign_lead(page, demo.plan.pk, target.pk, "工业和信息化局")

    # the tree shows the new lead, which replaced the old one
    cell = row.locator("td").last
    expect(cell).to_contain_text("工业和信息化局")
    expect(cell).not_to_contain_text(demo.other_department.name)
    expect(cell.get_by_role("link", name="工业和信息化局")).to_have_attribute(
        "href", f"/departments/{demo.industry.pk}/")
    expect(row.get_by_role("checkbox")).not_to_be_checked()


def test_department_reports_progress(open_page: OpenPage, demo: Demo) -> None:
    page = open_page()
    login(page, "gongxin")
    target = demo.own_target
    article = report_progress(page, target.pk, as_of=date(2023, 10, 31), value="3",
                              progress="浏览器测试：按计划推进。")
    expect(messages(page)).to_have_text(f"“{target.metric}”的进展已提交，等待政府办审核。")
    expect(page).to_have_url(re.compile(rf"/departments/{demo.industry.pk}/#t{target.pk}$"))
    newest = article.locator(".report").first
    expect(newest).to_contain_text("2023-10-31")
    expect(newest).to_contain_text("浏览器测试：按计划推进。")
    expect(newest.locator(".rstatus")).to_have_text("已报送")


def test_office_accepts_a_report_and_the_dashboard_changes(open_page: OpenPage, demo: Demo) -> None:
    office, department = open_page(), open_page()
    login(office, "admin")
    login(department, "gongxin")
    target = demo.unreported

    open_dashboard(office, demo.plan.pk, AS_OF)
    before = dashboard_counts(office)
    assert before["未报送"] > 0

    # the office gives the target to 工业和信息化局; its reporter reports the whole figure
    assign_lead(office, demo.plan.pk, target.pk, "工业和信息化局")
    report_progress(department, target.pk, as_of=date(2023, 10, 31), value=figure(target.low),
                    progress="浏览器测试：已全部完成。")
    expect(messages(department)).to_contain_text("等待政府办审核")

    # nothing counts before the office accepts it
    open_dashboard(office, demo.plan.pk, AS_OF)
    assert dashboard_counts(office) == before

    nav(office, "待审核")
    waiting = office.locator("article", has=office.locator(f"h3 a[href='/targets/{target.pk}/']"))
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text("浏览器测试：已全部完成。")
    waiting.get_by_role("button", name="采纳", exact=True).click()
    expect(messages(office)).to_have_text(f"已采纳：{target.metric}。")
    expect(waiting).to_have_count(0)

    open_dashboard(office, demo.plan.pk, AS_OF)
    after = dashboard_counts(office)
    expected = dict(before, 未报送=before["未报送"] - 1, 已完成=before["已完成"] + 1)
    assert after == expected, f"before {before}, after {after}"

    office.goto(f"/targets/{target.pk}/?as_of={AS_OF.isoformat()}")
    expect(office.locator("p.status .light")).to_have_text("已完成")


def test_department_gets_403_on_another_departments_target(open_page: OpenPage, demo: Demo) -> None:
    page = open_page()
    login(page, "gongxin")

    own = page.goto(f"/targets/{demo.own_target.pk}/")
    assert own is not None and own.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.own_target.metric)

    other = page.goto(f"/targets/{demo.other_target.pk}/")
    assert other is not None and other.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("无权访问")
    expect(page.locator("main")).not_to_contain_text(demo.other_target.metric)

    department = page.goto(f"/departments/{demo.other_department.pk}/")
    assert department is not None and department.status == 403


def test_language_switch_to_english(open_page: OpenPage, demo: Demo) -> None:
    page = open_page()
    login(page, "admin")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("header nav.nav")).to_contain_text("待审核")

    with page.expect_navigation():
        page.get_by_label("语言").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plans")
    header = page.locator("header")
    for label in ("Plans", "Review queue", "Import"):
        expect(header.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(header.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("link", name="Import a report")).to_be_visible()

    # the choice stays for the next pages
    page.get_by_role("link", name="博山区 2023").click()
    expect(page.locator("nav.tabs")).to_contain_text("Dashboard")
    expect(page.locator("section.cards")).to_contain_text("overall completion")
    expect(page.locator("section.cards")).to_contain_text("Not reported")
