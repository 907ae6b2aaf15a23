"""Message text and contact details stay out of the servers' logs (DESIGN.md, privacy): after whole
conversations over REST that carry a recognisable symptom sentence and contact details, none of
them appears in servers.log (the Rasa server, the action server and the web app)."""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

from tests.e2e.test_triage_conversation import answer_until_outcome, text_of
from tests.stack import Send, Stack

LOG_FLUSH_SECONDS = 1.0  # the servers write their output straight to the file; allow a moment


def unique_contact() -> tuple[str, str, str, str]:
    """A name, a phone number as typed and as stored, and an email nobody else uses."""
    tag = uuid.uuid4().int
    letters = "".join("bcdfghjklmnpqrstvwxz"[(tag >> (5 * i)) % 20] for i in range(6))
    name = f"Quillon {letters.capitalize()}ova"
    digits = f"{tag % 10_000:04d}"
    return name, f"+1 555 013 {digits}", f"+1555013{digits}", f"zq.{letters}@example.org"


def leaks(log: Path, secrets: list[str]) -> list[str]:
    """The secrets that appear in the log, compared case-insensitively and whitespace-blind."""
    squeezed = re.sub(r"\s+", "", log.read_text(encoding="utf-8", errors="replace")).lower()
    return [secret for secret in secrets if re.sub(r"\s+", "", secret).lower() in squeezed]


def test_symptoms_and_contact_details_are_not_written_to_the_logs(
    live_stack: Stack, send: Send
) -> None:
    name, phone, stored_phone, email = unique_contact()
    marker = f"zorblat{uuid.uuid4().hex[:6]}"  # a word no model knows: it changes nothing
    symptom = f"my lower back has hurt for 6 months, 6/10, physio didn't help {marker}"
    sender = f"rel-logs-{uuid.uuid4().hex[:8]}"
    send(sender, symptom)
    send(sender, "/deny")
    send(sender, "44")
    payload, _ = answer_until_outcome(send, sender, "/deny")
    assert payload["level"] == "routine_appointment"
    send(sender, "/affirm")
    assert "What name" in text_of(send(sender, "/affirm"))
    assert "phone number or email" in text_of(send(sender, name))
    assert "good time" in text_of(send(sender, phone))
    assert "Is this right?" in text_of(send(sender, "weekday mornings"))  # read back
    assert re.search(r"SB-[0-9A-Z]{6}", text_of(send(sender, "/affirm")))

    callback = f"rel-logs-cb-{uuid.uuid4().hex[:8]}"
    assert "call you back" in text_of(send(callback, "I want to talk to a real person"))
    send(callback, "/affirm")
    send(callback, "/affirm")
    send(callback, name)
    assert "good time" in text_of(send(callback, email))
    send(callback, "any afternoon")
    assert re.search(r"SB-[0-9A-Z]{6}", text_of(send(callback, "/affirm")))
    numbness = f"my left foot has gone numb since the {uuid.uuid4().hex[:6]} marathon"
    send(callback, numbness)  # a symptom after the request: still a message to keep out

    time.sleep(LOG_FLUSH_SECONDS)
    log = live_stack.work / "servers.log"
    assert log.stat().st_size > 0  # the servers do write here, so an empty file proves nothing
    secrets = [symptom, marker, numbness, name, phone, stored_phone, email]
    assert leaks(log, secrets) == []
    # Nor the answers as slot values: Rasa logs them all when it cannot fill a response (the
    # radiation question's buttons once made it do so on every triage).
    written = log.read_text(encoding="utf-8", errors="replace")
    assert "interpolator" not in written
    assert not re.search(r"'(pain_score|body_region|radiation|contact_name)': '", written)


def test_the_leak_check_finds_a_secret_however_it_is_spaced(tmp_path: Path) -> None:
    log = tmp_path / "servers.log"
    log.write_text("INFO user said: '+1 555 013  0042' and ZQ.Abc@Example.org\n")
    assert leaks(log, ["+1 555 013 0042", "zq.abc@example.org", "never logged"]) == [
        "+1 555 013 0042",
        "zq.abc@example.org",
    ]
