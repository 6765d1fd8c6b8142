"""What a person does on the pages, in the words on the screen (Chinese, the default language),
shared by the browser tests."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from luoshi.core import status as S

from .conftest import PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page


def expect(actual: Any) -> Any:
    """Playwright's ``expect``, imported when used (the package may be missing: see conftest)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(actual)


def login(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.locator("header .who")).to_contain_text(username)
    expect(page.get_by_role("heading", level=1)).to_have_text("计划")


def nav(page: Page, name: str) -> None:
    """Follow a link of the top navigation."""
    page.locator("header nav.nav").get_by_role("link", name=name, exact=True).click()


def messages(page: Page) -> Locator:
    return page.locator("ul.messages")


def figure(value: Decimal) -> str:
    """A decimal as a person types it: 160, 5.5 (no exponent, no trailing zeros)."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def open_dashboard(page: Page, plan_id: int, as_of: date) -> None:
    """The plan's dashboard, then its 统计截至 form set to ``as_of``."""
    page.goto(f"/plans/{plan_id}/")
    page.get_by_label("统计截至").fill(as_of.isoformat())
    page.get_by_role("button", name="查看", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/plans/{plan_id}/\?as_of={as_of.isoformat()}$"))


def dashboard_counts(page: Page) -> dict[str, int]:
    """The summary cards of the dashboard: status label → number of targets, and 'targets'."""
    cards = page.locator("section.cards .card:not(.main)")
    expect(cards).to_have_count(len(S.STATUSES))  # one card a status, 已销号 included
    counts = {}
    for card in cards.all():
        counts[card.locator(".light").inner_text().strip()] = int(card.locator(".big").inner_text())
    total = page.locator("section.cards .card.main .muted").inner_text()
    counts["targets"] = int(re.search(r"\d+", total).group())  # type: ignore[union-attr]
    return counts


def assign_lead(page: Page, plan_id: int, target_id: int, department: str) -> Locator:
    """On the plan tree, tick one target and assign it to ``department`` as lead; the target's row."""
    page.goto(f"/plans/{plan_id}/tree/")
    row = page.locator("tr.leaf", has=page.locator(f"input[name='targets'][value='{target_id}']"))
    expect(row).to_have_count(1)
    row.get_by_role("checkbox").check()
    page.get_by_label("将勾选的项目分配给").select_option(label=department)
    role = page.get_by_label("职责", exact=True)
    expect(role.locator("option:checked")).to_have_text("牵头")
    page.get_by_role("button", name="分配", exact=True).click()
    expect(messages(page)).to_contain_text(f"已分配给{department}")
    return row


def report_progress(page: Page, target_id: int, *, as_of: date, value: str, progress: str) -> Locator:
    """On the reporter's own department page (/me/), report a figure on one target; its article."""
    nav(page, "本部门")
    expect(page).to_have_url(re.compile(r"/departments/\d+/"))
    article = page.locator(f"article#t{target_id}")
    article.locator("summary", has_text="报送进展").click()
    article.get_by_label("截至日期").fill(as_of.isoformat())
    article.get_by_label("完成值").fill(value)
    article.get_by_label("进展情况").fill(progress)
    article.get_by_role("button", name="提交报告").click()
    return page.locator(f"article#t{target_id}")
