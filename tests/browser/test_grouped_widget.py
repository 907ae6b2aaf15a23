"""Grouped screening in the chat widget on a 390-pixel phone (issue 16): after the intake, the
whole screening is held by tapping only, the follow-up's items toggle and go in one message."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import ChatPage, phone_page
from tests.browser.test_widget import (
    bot_messages,
    open_chat,
    said_so_far,
    tap_reply,
    type_message,
    wait_for_bot,
)
from tests.stack import Stack

PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture
def grouped_chat(browser: Browser, grouped_stack: Stack) -> Iterator[ChatPage]:
    """A 390-pixel phone page on the stack whose clinic screens in grouped mode."""
    yield from phone_page(browser, grouped_stack.web_url, PHONE_390)


def fits(page: Page, width: int) -> None:
    """Every answer button lies within the screen and is thumb-sized."""
    for box in [e.bounding_box() for e in page.locator(".spinebot-reply").all()]:
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        assert box["height"] >= 44  # thumb-sized


def test_a_grouped_screening_by_tapping_only_on_a_390_pixel_phone(grouped_chat: ChatPage) -> None:
    page = open_chat(grouped_chat)
    type_message(page, "my lower back has hurt for 2 weeks, 4/10")
    tap_reply(page, "No, it stays where it is")
    type_message(page, "40")
    assert "chest" in bot_messages(page)[-1]  # the first group lists its items
    fits(page, 390)
    tap_reply(page, "No, none of these")  # B1
    tap_reply(page, "Yes")  # B2: the nerves to the bladder, bowel and genitals
    assert "Which of these?" in bot_messages(page)[-1]
    fits(page, 390)
    send = page.locator(".spinebot-send-choices")
    expect(send).to_be_disabled()
    both_legs = "Pain, numbness or tingling down both legs"
    bladder = "New trouble starting or stopping peeing, leaking, or not feeling it"
    for title in [both_legs, bladder]:
        item = page.locator(".spinebot-replies").get_by_role("button", name=title, exact=True)
        item.click()
        expect(item).to_have_attribute("aria-pressed", "true")
    grouped_chat.screenshot("grouped-follow-up-390")
    before = said_so_far(page)
    send.click()
    wait_for_bot(page, before)
    alert = page.locator(".spinebot-emergency")
    expect(alert).to_be_visible()
    assert alert.get_attribute("data-level") == "emergency_department"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not grouped_chat.console_errors
