"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium, from apt; no
browser is ever downloaded) against the site served by pytest-django's live_server.

Every page a test opens is watched: a console error, an uncaught exception or a
Content-Security-Policy violation (Chromium reports those as console errors) fails the
test. Screenshots go to var/screenshots/ (git ignores var/) for a person to look at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


NO_CHROMIUM = f"browser tests: Chromium is not installed at {CHROMIUM} (apt-get install chromium)"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread, which makes
    # Django refuse ORM calls from the test; the calls are plain synchronous ones.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    # Every skip for want of Chromium told at one place, so the summary says it in one line.
    report = yield
    if (
        report.skipped
        and isinstance(report.longrepr, tuple)
        and report.longrepr[2].endswith(NO_CHROMIUM)
    ):
        report.longrepr = (__file__, 1, NO_CHROMIUM)
    return report


class Watched:
    """A page with everything the browser complained about collected in `problems`."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"{message.type}: {message.text} @ {message.location}")

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    """A fresh context (no cookies) whose browser asks for Chinese, as most readers' do."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1100, "height": 800})
    page = Watched(context.new_page())
    yield page
    context.close()


@pytest.fixture
def log_in() -> Any:
    """Sign in through the login form at `url`, as a person does."""

    def fill_in(page: Any, url: str, username: str, password: str) -> None:
        page.goto(url)
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()

    return fill_in
