"""Fixtures of the browser tests: Debian's headless Chromium driven by Playwright against the
real application, served by pytest-django's ``live_server`` (a transactional database).

- One browser for the whole ``tests/browser`` package; a new context (cookies, language) for
  every page a test opens, so each user logs in on its own.
- Chromium is Debian's ``/usr/bin/chromium`` (``.ci/run`` installs it); Playwright never
  downloads a browser. Without it (or without the ``playwright`` package) the tests are
  skipped with the reason, except under CI (``CI`` set), where that is a failure: CI installs
  both, and a silent skip there would hide the browser tests.
- Chromium gets no network beyond the live server: no background networking, component
  updates, sync or QUIC; and every request to another host is aborted.
- A failing test leaves a full-page screenshot (and the page's HTML) of each page it opened in
  its pytest tmp dir; the paths are printed in the test's report.

``DJANGO_ALLOW_ASYNC_UNSAFE``: Playwright's sync API runs an asyncio event loop in the test's
thread for as long as Playwright is started, so Django sees a running loop and refuses ORM
calls from that thread (``SynchronousOnlyOperation``) — the fixtures' ``load_demo``, the
transactional database's flush after each test. Nothing async touches the ORM here (the live
server answers in its own thread, without a loop), so the check is switched off, but only
while the browser runs: the variable is set when Playwright starts and restored when it stops
(at the end of this package), so the rest of the suite keeps Django's check.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from luoshi.core import status as S
from luoshi.core.models import Department, Plan, Target
from luoshi.core.services.assignment import departments_of, targets_of_department
from luoshi.core.services.dashboard import plan_status

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
]
PASSWORD = "browser-tests-password-1"
TIMEOUT_MS = 10_000  # one action or expectation; the pages answer in well under a second
AS_OF = date(2023, 11, 30)  # the dashboard's date in the tests: after the demo's and the tests' reports


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: end-to-end tests in headless Chromium (Playwright)")


# --- the browser --------------------------------------------------------------------------

def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests (.ci/run installs chromium, make installs .[dev])",
                    pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        _unavailable("the playwright package is missing: pip install -e '.[dev]'")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # see the module's docstring
    expect.set_options(timeout=TIMEOUT_MS)
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=30_000)
        try:
            yield b
        finally:
            b.close()
    finally:
        pw.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the test, so the fixtures see at teardown that it failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


OpenPage = Callable[[], "Page"]


@pytest.fixture
def open_page(browser: Browser, live_server: Any, request: pytest.FixtureRequest,
              tmp_path: Path) -> Iterator[OpenPage]:
    """``open_page()``: a page in a new browser context (its own cookies) on the live server,
    in Chinese (the browser asks for zh-CN, as a browser in China does)."""
    base = live_server.url
    host = urlsplit(base).netloc
    contexts = []
    pages: list[Page] = []

    def offline(route: Any) -> None:  # only the live server: nothing from outside
        if urlsplit(route.request.url).netloc == host:
            route.continue_()
        else:
            route.abort()

    def make() -> Page:
        context = browser.new_context(base_url=base, locale="zh-CN", timezone_id="Asia/Shanghai",
                                      viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", offline)
        contexts.append(context)
        page = context.new_page()
        pages.append(page)
        return page

    yield make
    failed = any(getattr(request.node, f"rep_{when}", None) is not None
                 and getattr(request.node, f"rep_{when}").failed for when in ("setup", "call"))
    if failed:
        for i, page in enumerate(pages, 1):
            try:
                shot = tmp_path / f"failure-page{i}.png"
                page.screenshot(path=str(shot), full_page=True)
                (tmp_path / f"failure-page{i}.html").write_text(page.content(), encoding="utf-8")
                print(f"browser page {i} ({page.url}): {shot}")
            except Exception as exc:  # a crashed page must not hide the test's own failure
                print(f"browser page {i}: no screenshot ({exc})")
    for page in pages:  # nothing left in flight: a request the server still answers after
        try:  # the test would meet the database being flushed for the next test
            page.wait_for_load_state("networkidle", timeout=5_000)
        except Exception:  # noqa: BLE001 (a crashed or hung page: closing it is what is left)
            pass
    for context in contexts:
        context.close()
    _wait_for_server_threads()


def _wait_for_server_threads(seconds: float = 5.0) -> None:
    """Wait until the live server's request threads (socketserver's ``process_request_thread``,
    one per connection) have ended: the browser closed its connections, but a thread may still
    be finishing its response, and its end-of-request database check would then race the
    flush of the transactional database (``database table is locked``)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(
            t.is_alive() and "process_request_thread" in t.name for t in threading.enumerate()):
        time.sleep(0.02)


# --- the data -----------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Demo:
    plan: Plan  # 博山区 2023
    industry: Department  # 工业和信息化局, gongxin's department
    own_target: Target  # a target 工业和信息化局 reports on
    other_target: Target  # a target of another department only (gongxin: 403)
    other_department: Department  # that target's lead
    unreported: Target  # a target with a figure and no report at all (未报送 on AS_OF), not of 工业和信息化局


@pytest.fixture
def demo(live_server: Any, browser: Browser, settings: Any) -> Demo:
    """The README's demo (admin, gongxin, leader with PASSWORD), loaded in the live server's
    database (``browser`` first: the ORM calls need the module docstring's switch; ``settings``:
    uploads go to a tmp folder, see tests/conftest.py); and the targets the flows use."""
    from luoshi.core.services.demo import load_demo

    load_demo(password=PASSWORD)
    plan = Plan.objects.select_related("government").get(government__name="博山区", year=2023)
    industry = Department.objects.get(government=plan.government, name="工业和信息化局")
    own = targets_of_department(industry, plan)
    own_ids = {t.id for t in own}
    targets = list(plan.targets.order_by("order"))
    other = next(t for t in targets if t.id not in own_ids and departments_of(t)["lead"])
    rows = {r.target.id: r for r in plan_status(plan, AS_OF).rows}
    unreported = next(t for t in targets if t.id not in own_ids and t.low is not None and not t.qualitative
                      and not t.reports.exists() and rows[t.id].status == S.NOT_REPORTED)
    return Demo(plan=plan, industry=industry, own_target=own[0], other_target=other,
                other_department=departments_of(other)["lead"][0], unreported=unreported)
