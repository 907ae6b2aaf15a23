"""Debian's Chromium, headless, driven by Playwright against the live stack's chat page.

Every page records console errors, page errors and the hosts it requested, so each test can
check that the chat loaded cleanly and talked to nobody but the project's own servers.
Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from bot.launch.processes import Servers, free_port, start_web_app
from bot.settings import ROOT
from tests.stack import Stack

CHROMIUM = "/usr/bin/chromium"
# No background traffic from the browser itself (updates, sync, field trials): the only requests
# left are the page's own, which the tests check.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]  # fmt: skip
ARTIFACTS = ROOT / "test-artifacts" / "browser"
PHONE = {"width": 360, "height": 740}


@dataclass
class ChatPage:
    page: Page
    url: str
    console_errors: list[str] = field(default_factory=list)
    hosts: set[str] = field(default_factory=set)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


# Module scope: Playwright's sync API keeps an event loop running while it is open, which would
# break later tests that run their own (Sanic's test client, asyncio.run).
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run scripts/ensure-debian-packages.sh chromium; make test does"
        )
    launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield launched
    launched.close()


def phone_page(browser: Browser, url: str, viewport: dict[str, int]) -> Iterator[ChatPage]:
    """A phone page of this size on `url` in a fresh browser context (empty session storage),
    recording console errors and the hosts it talks to."""
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    recorded = ChatPage(page, url)
    page.on("console", lambda m: m.type == "error" and recorded.console_errors.append(m.text))
    page.on("pageerror", lambda error: recorded.console_errors.append(str(error)))
    page.on("request", lambda request: recorded.hosts.add(urlsplit(request.url).netloc))
    yield recorded
    context.close()


@pytest.fixture
def chat(browser: Browser, live_stack: Stack) -> Iterator[ChatPage]:
    """A phone-sized page in a fresh browser context (empty session storage)."""
    yield from phone_page(browser, live_stack.web_url, PHONE)


@contextmanager
def web_app_alone(work: Path, env: Mapping[str, str]) -> Iterator[str]:
    """The web app by itself (no Rasa server, no action server) on a free loopback port, its
    output in `work`/web.log; yields its base URL. The start-up check asks only that a model
    file exists, so an empty one stands in."""
    model = work / "model.tar.gz"
    model.write_bytes(b"")
    port = free_port()
    servers = Servers(log=work / "web.log")
    try:
        start_web_app(servers, port, env, model)
        yield f"http://localhost:{port}"
    finally:
        servers.stop()
