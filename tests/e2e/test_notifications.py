"""The clinic hears of a new request by e-mail, once, with no health information in it, even
when its mail server was down at the time (issue 19 item 4). The live stack's web app sends to
a real SMTP server (aiosmtpd, tests/stack.py `intake_mail`)."""

from __future__ import annotations

import re
import time
from email.message import Message

from tests.e2e.conftest import Send
from tests.e2e.test_triage_conversation import answer_until_outcome, text_of
from tests.notifications.smtp_server import MailServer
from tests.stack import Stack

# What the person typed and what the bot concluded: none of it may reach the e-mail.
PRIVATE = (
    "lower back", "back", "physio", "6/10", "months", "Avery", "Quinn", "5550100", "evenings",
    "routine appointment", "routine_appointment", "consultation", "doctor", "pain",
)  # fmt: skip


def request_consultation(send: Send, sender: str, name: str) -> str:
    """A chronic lower-back case that ends in a consultation request; its SB- reference."""
    send(sender, "my lower back has hurt for 6 months, 6/10, physio didn't help")
    send(sender, "/deny")
    send(sender, "47")
    answer_until_outcome(send, sender, "/deny")
    send(sender, "/affirm")  # yes to the consultation offer
    send(sender, "/affirm")  # consent
    send(sender, name)
    send(sender, "+1 555 010 0123")
    send(sender, "evenings")
    saved = text_of(send(sender, "/affirm"))
    found = re.search(r"SB-[0-9A-Z]{6}", saved)
    assert found, saved
    return found.group()


def mails_about(mail: MailServer, reference: str) -> list[Message]:
    return [message for message in mail.inbox.messages if reference in message["Subject"]]


def wait_for_mail(mail: MailServer, reference: str, seconds: float = 30.0) -> list[Message]:
    deadline = time.monotonic() + seconds
    while not mails_about(mail, reference) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2.5)  # two more passes of the web app's loop: a second e-mail would arrive now
    return mails_about(mail, reference)


def test_a_request_over_rest_gives_exactly_one_e_mail_without_health_information(
    live_stack: Stack, send: Send, intake_mail: MailServer
) -> None:
    reference = request_consultation(send, "e2e-mail-once", "Avery Quinn")
    messages = wait_for_mail(intake_mail, reference)
    assert len(messages) == 1
    body = messages[0].get_payload(decode=True).decode()
    assert messages[0]["To"] == "intake@clinic.example"
    assert "Urgency band: routine" in body
    assert f"http://localhost/console/records/{reference}" in body
    text = f"{messages[0]['Subject']}\n{body}"
    leaked = [word for word in PRIVATE if word.lower() in text.lower().replace("band: routine", "")]
    assert not leaked, text


def test_a_request_saved_while_the_mail_server_is_down_is_sent_once_it_is_back(
    live_stack: Stack, send: Send, intake_mail: MailServer
) -> None:
    intake_mail.stop()
    try:
        reference = request_consultation(send, "e2e-mail-later", "Avery Quinn")
        time.sleep(3)  # several passes fail meanwhile
        assert not mails_about(intake_mail, reference)
    finally:
        intake_mail.start()
    messages = wait_for_mail(intake_mail, reference)
    assert len(messages) == 1
