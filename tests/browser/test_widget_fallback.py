"""When the chat cannot load, the person is told how to reach a person, with the numbers: the
socket.io client failing to load (a broken deployment or network) leaves the clinic's phone and
the emergency number on screen, not just "please call the clinic" (issue 19)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Route, expect

from bot.clinic import load_clinic
from tests.browser.conftest import PHONE, ChatPage, phone_page, web_app_alone


@pytest.fixture(scope="module")
def web_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web app alone (no Rasa server is needed to show the chat cannot load)."""
    work = tmp_path_factory.mktemp("fallback")
    env = {**os.environ, "SPINEBOT_DATA_DIR": str(work), "DATABASE_URL": ""}
    with web_app_alone(work, env) as url:
        yield url


@pytest.fixture
def chat(browser: Browser, web_url: str) -> Iterator[ChatPage]:
    yield from phone_page(browser, web_url, PHONE)


def test_a_chat_that_cannot_load_gives_the_clinic_and_emergency_numbers(chat: ChatPage) -> None:
    page = chat.page

    def fail(route: Route) -> None:
        route.abort()

    page.route("**/widget/vendor/socket.io.min.js", fail)
    page.goto(chat.url)
    page.get_by_role("button", name="Chat about back or neck pain").click()
    clinic = load_clinic()
    expect(page.get_by_role("status")).to_have_text(
        f"The chat could not load. Please call the clinic on {clinic.phone}. "
        f"In an emergency call {clinic.emergency_number}."
    )
    chat.screenshot("widget-could-not-load")
