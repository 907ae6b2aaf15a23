"""The chat widget in a real browser (Debian's Chromium), phone-sized, against the live stack."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.browser.conftest import ChatPage
from tests.stack import Stack

MAX_SCREENING_QUESTIONS = 30


def bot_messages(page: Page) -> list[str]:
    return page.locator(".spinebot-from-bot .spinebot-text").all_inner_texts()


BOT_SAID = ".spinebot-from-bot, .spinebot-emergency, .spinebot-outcome"
QUIET_MS = 400  # a turn's replies arrive within milliseconds of each other


def wait_for_bot(page: Page, count_before: int) -> None:
    """Wait until the bot has said something new and then nothing more for a moment."""
    page.wait_for_function(
        "([selector, n]) => document.querySelectorAll(selector).length > n",
        arg=[BOT_SAID, count_before],
    )
    count = said_so_far(page)
    while True:
        page.wait_for_timeout(QUIET_MS)
        now = said_so_far(page)
        if now == count:
            break
        count = now
    expect(page.locator(".spinebot-typing")).to_be_hidden()


def said_so_far(page: Page) -> int:
    return page.locator(BOT_SAID).count()


def type_message(page: Page, text: str) -> None:
    before = said_so_far(page)
    page.fill("#spinebot-input", text)
    page.keyboard.press("Enter")
    wait_for_bot(page, before)


def tap_reply(page: Page, title: str) -> None:
    before = said_so_far(page)
    button = page.locator(".spinebot-replies").get_by_role("button", name=title, exact=True)
    if not button.is_visible():
        offered = page.locator(".spinebot-reply").all_inner_texts()
        last = bot_messages(page)[-2:]
        raise AssertionError(f"no {title!r} button; offered {offered}; bot said {last}")
    button.click()
    wait_for_bot(page, before)


def open_chat(chat: ChatPage) -> Page:
    page = chat.page
    page.goto(chat.url + "/")
    page.get_by_role("button", name="Chat about back or neck pain").click()
    page.get_by_role("button", name="I understand – start").click()
    wait_for_bot(page, 0)
    return page


def test_the_disclaimer_must_be_acknowledged_before_the_first_message(chat: ChatPage) -> None:
    page = chat.page
    page.goto(chat.url + "/")
    page.get_by_role("button", name="Chat about back or neck pain").click()
    disclaimer = page.get_by_role("region", name="Before you start")
    expect(disclaimer).to_contain_text("does not diagnose")
    expect(disclaimer).to_contain_text("call 911")  # the clinic's emergency number
    expect(page.locator("#spinebot-input")).to_be_disabled()
    chat.screenshot("disclaimer")
    page.get_by_role("button", name="I understand – start").click()
    expect(page.locator("#spinebot-input")).to_be_enabled()
    wait_for_bot(page, 0)
    assert "SpineBot" in bot_messages(page)[0]


def test_a_whole_triage_conversation_by_typing_and_tapping(chat: ChatPage) -> None:
    page = open_chat(chat)
    type_message(page, "my lower back has hurt for 3 weeks, 5/10")
    tap_reply(page, "No, it stays where it is")
    type_message(page, "35")
    for _ in range(MAX_SCREENING_QUESTIONS):
        if page.locator(".spinebot-outcome").count():
            break
        tap_reply(page, "No")
    outcome = page.locator(".spinebot-outcome")
    expect(outcome).to_have_attribute("data-level", "self_care")
    said = " ".join(bot_messages(page))
    assert "Heat" in said and "does not diagnose" in said
    times = page.locator(".spinebot-message time")
    assert times.count() == page.locator(".spinebot-message").count()  # every message is timed
    assert chat.console_errors == []
    chat.screenshot("self-care-outcome")


def test_a_red_flag_is_shown_as_an_emergency_with_tap_to_call_links(chat: ChatPage) -> None:
    page = open_chat(chat)
    type_message(page, "my back hurts and I can't feel anything when I wipe, and I wet myself")
    alert = page.locator(".spinebot-emergency")
    expect(alert).to_be_visible()
    assert alert.get_attribute("data-level") in {"call_emergency", "emergency_department"}
    expect(alert.get_by_role("alert")).to_be_visible()
    assert alert.get_by_role("link", name="Call 911").get_attribute("href") == "tel:911"
    clinic = alert.get_by_role("link", name="Call the clinic +1 555 0100")
    assert clinic.get_attribute("href") == "tel:+15550100"
    assert "Heat" not in " ".join(bot_messages(page))  # no routine advice after a red flag
    pinned = page.locator(".spinebot-emergency-bar")  # stays on screen as the reasons scroll by
    expect(pinned.get_by_role("link", name="Call 911")).to_be_in_viewport()
    chat.screenshot("emergency")
    page.reload()
    after_reload = page.locator(".spinebot-emergency-bar").get_by_role("link", name="Call 911")
    expect(after_reload).to_be_visible()


def test_reloading_the_page_keeps_the_conversation(chat: ChatPage) -> None:
    page = open_chat(chat)
    type_message(page, "my neck has hurt for 5 days, 4/10")
    before = page.locator(".spinebot-message").all_inner_texts()
    session = page.evaluate("window.SpineBot.sessionId")
    page.reload()
    expect(page.locator(".spinebot-panel")).to_be_visible()  # still open, no disclaimer again
    expect(page.locator(".spinebot-disclaimer")).to_be_hidden()
    assert page.locator(".spinebot-message").all_inner_texts() == before
    page.wait_for_function("window.SpineBot.socket && window.SpineBot.socket.connected")
    assert page.evaluate("window.SpineBot.sessionId") == session
    tap_reply(page, "No, it stays where it is")  # the bot remembers where it was: asks the age
    assert "How old are you" in bot_messages(page)[-1]


def test_a_dropped_connection_is_announced_and_the_chat_goes_on(chat: ChatPage) -> None:
    page = open_chat(chat)
    page.evaluate("window.SpineBot.socket.io.engine.close()")
    expect(page.get_by_role("status")).to_have_text("Reconnected.", timeout=20_000)
    type_message(page, "my lower back has hurt for 2 weeks, 3/10")
    assert "spread into an arm or a leg" in bot_messages(page)[-1]


def test_html_typed_into_the_chat_is_shown_as_text(chat: ChatPage) -> None:
    page = open_chat(chat)
    attack = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>'
    type_message(page, attack)
    mine = page.locator(".spinebot-from-user .spinebot-text").last
    assert mine.inner_text() == attack
    assert page.locator(".spinebot-log img, .spinebot-log script, .spinebot-log b").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert chat.console_errors == []


def test_the_phone_layout_fits_a_360_pixel_screen(chat: ChatPage) -> None:
    page = open_chat(chat)
    type_message(page, "my lower back has hurt for 3 weeks, 5/10")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360  # nothing sideways-scrolls
    for selector in [".spinebot-panel", "#spinebot-input", ".spinebot-send", ".spinebot-reply"]:
        for box in [e.bounding_box() for e in page.locator(selector).all()]:
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
            assert box["height"] >= 44 or selector == ".spinebot-panel"  # thumb-sized targets
    panel = page.locator(".spinebot-panel").bounding_box()
    assert panel is not None and panel["width"] == 360
    chat.screenshot("phone-360")


def test_the_chat_works_from_the_keyboard(chat: ChatPage) -> None:
    page = chat.page
    page.goto(chat.url + "/")
    launcher = page.get_by_role("button", name="Chat about back or neck pain")
    launcher.focus()
    page.keyboard.press("Enter")
    ack = page.get_by_role("button", name="I understand – start")
    expect(ack).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#spinebot-input")).to_be_focused()
    wait_for_bot(page, 0)
    log = page.get_by_role("log", name="Conversation")
    assert log.get_attribute("aria-live") == "polite"
    page.keyboard.press("Escape")
    expect(page.locator(".spinebot-panel")).to_be_hidden()
    expect(launcher).to_be_focused()


def test_the_page_loads_cleanly_and_talks_only_to_the_projects_servers(
    chat: ChatPage, live_stack: Stack
) -> None:
    open_chat(chat)
    own = {urlsplit(live_stack.web_url).netloc, urlsplit(live_stack.rasa_url).netloc}
    assert chat.hosts and chat.hosts <= own
    assert chat.console_errors == []


CONTRAST_SCRIPT = """
selector => {
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const f = v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = node => {
    for (; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector)]
    .filter(e => e.offsetParent !== null && e.textContent.trim())
    .map(e => {
      const fg = luminance(parse(getComputedStyle(e).color).slice(0, 3));
      const bg = luminance(background(e));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      return [e.className || e.tagName, Math.round(ratio * 100) / 100];
    });
}
"""
TEXT_PARTS = (
    ".spinebot-text, .spinebot-time, .spinebot-reply, .spinebot-send, .spinebot-title,"
    " .spinebot-header button, .spinebot-call, .spinebot-emergency-title, .spinebot-launcher,"
    " .spinebot-disclaimer p, .spinebot-ack, .spinebot-status"
)


def test_text_contrast_meets_wcag_aa(chat: ChatPage) -> None:
    page = chat.page
    page.goto(chat.url + "/")
    measured = page.evaluate(CONTRAST_SCRIPT, ".spinebot-launcher")
    page.get_by_role("button", name="Chat about back or neck pain").click()
    measured += page.evaluate(CONTRAST_SCRIPT, TEXT_PARTS)
    page.get_by_role("button", name="I understand – start").click()
    wait_for_bot(page, 0)
    type_message(page, "my back hurts and I wet myself")  # the emergency colours too
    measured += page.evaluate(CONTRAST_SCRIPT, TEXT_PARTS)
    assert len(measured) > 10
    too_low = [(part, ratio) for part, ratio in measured if ratio < 4.5]
    assert too_low == []


def test_consent_is_taken_only_from_an_explicit_yes_with_a_phone_link_when_stuck(
    chat: ChatPage,
) -> None:
    page = open_chat(chat)
    type_message(page, "I want to book a consultation")
    assert "Do you agree?" in bot_messages(page)[-1]
    type_message(page, "asdfghjkl")
    said = bot_messages(page)
    assert not any("What name" in text for text in said)  # gibberish is not consent
    assert "Do you agree?" in said[-1]
    type_message(page, "hmm")
    call = page.locator(".spinebot-call-links").last
    clinic = call.get_by_role("link", name="Call the clinic +1 555 0100")
    assert clinic.get_attribute("href") == "tel:+15550100"
    assert not any("What name" in text for text in bot_messages(page))
    tap_reply(page, "I agree")
    assert "What name" in bot_messages(page)[-1]
    assert chat.console_errors == []
