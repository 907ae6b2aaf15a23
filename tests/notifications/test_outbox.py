"""New-request e-mails through a real SMTP server: sent once, retried while the server is down,
and free of health information (on SQLite and PostgreSQL: the `engine` fixture of
tests/conftest.py)."""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta
from email.message import EmailMessage

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.db.clock import utc_now
from bot.db.models import Notification
from bot.db.session import create_schema, session_factory
from bot.launch.processes import free_port
from bot.notifications.mail_settings import EmailSettings
from bot.notifications.message import BANDS, band_of, compose
from bot.notifications.outbox import deliver_due, enqueue, retry_delay
from bot.triage.levels import Level
from tests.conftest import postgres_engine
from tests.notifications.smtp_server import smtp_server
from tools.bench.services import Postgres

# Words that would tell a reader of the e-mail something about the person's health.
HEALTH_WORDS = (
    "emergency", "doctor", "self", "care", "numb", "bladder", "pain", "back", "neck",
    "fever", "pregnan", "leg", "weak", "symptom",
)  # fmt: skip


class Logged(logging.Handler):
    """The formatted records a logger hands this handler, as one text."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def settings_for(port: int) -> EmailSettings:
    return EmailSettings(
        host="127.0.0.1",
        port=port,
        sender="spinebot@clinic.example",
        recipients=("intake@clinic.example", "lead@clinic.example"),
        console_url="https://clinic.example/console/",
        timeout_seconds=3.0,
        retry_seconds=30.0,
    )


def new_request(engine: Engine, reference: str, level: str | None) -> None:
    with session_factory(engine)() as session, session.begin():
        enqueue(session, reference, level)


@pytest.mark.parametrize(
    ("level", "band"),
    [
        (Level.CALL_EMERGENCY.value, "urgent"),
        (Level.EMERGENCY_DEPARTMENT.value, "urgent"),
        (Level.DOCTOR_TODAY.value, "urgent"),
        (Level.DOCTOR_SOON.value, "soon"),
        (Level.ROUTINE_APPOINTMENT.value, "routine"),
        (Level.SELF_CARE.value, "routine"),
        (None, "not assessed"),
        ("no_such_level", "not assessed"),
    ],
)
def test_each_level_falls_in_one_band(level: str | None, band: str) -> None:
    assert band_of(level) == band


@pytest.mark.parametrize("band", BANDS)
def test_the_e_mail_names_reference_band_and_link_and_nothing_about_health(band: str) -> None:
    message = compose(settings_for(25), "SB-7K3P9Q", band)
    text = f"{message['Subject']}\n{message.get_content()}".lower()
    assert "sb-7k3p9q" in text
    assert f"urgency band: {band}" in text
    assert "https://clinic.example/console/records/SB-7K3P9Q".lower() in text
    assert not [word for word in HEALTH_WORDS if word in text.replace("health information", "")]
    assert not [level.value for level in Level if level.value.replace("_", " ") in text]


def test_an_unknown_band_is_refused() -> None:
    with pytest.raises(ValueError, match="band"):
        compose(settings_for(25), "SB-7K3P9Q", "emergency")


def test_a_new_request_gives_exactly_one_e_mail_to_every_recipient(engine: Engine) -> None:
    new_request(engine, "SB-AAAAAA", Level.DOCTOR_TODAY.value)
    with smtp_server() as (inbox, port):
        first = deliver_due(engine, settings_for(port))
        second = deliver_due(engine, settings_for(port))
        messages = inbox.wait_for(1)
    assert (first.sent, first.failed, first.waiting) == (1, 0, 0)
    assert (second.sent, second.failed) == (0, 0)
    assert len(messages) == 1
    assert inbox.recipients == [["intake@clinic.example", "lead@clinic.example"]]
    assert messages[0]["Subject"] == "Request SB-AAAAAA waiting (urgent)"
    assert messages[0]["From"] == "spinebot@clinic.example"


def test_a_request_saved_while_the_server_is_down_is_sent_once_it_is_back(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()  # nothing listens here yet
    settings = settings_for(port)
    new_request(engine, "SB-BBBBBB", None)
    start = utc_now()
    # The log line is read from a handler on the module's own logger: Rasa, imported by other
    # tests in the same run, may configure logging so that records never reach the root logger.
    logged = Logged()
    logger = logging.getLogger("bot.notifications.outbox")
    monkeypatch.setattr(logger, "disabled", False)
    level = logger.level
    logger.setLevel(logging.WARNING)
    logger.addHandler(logged)
    try:
        down = deliver_due(engine, settings, now=lambda: start)
    finally:
        logger.removeHandler(logged)
        logger.setLevel(level)
    assert (down.sent, down.failed, down.waiting) == (0, 1, 1)
    assert "SB-BBBBBB" in logged.text and "ConnectionRefusedError" in logged.text
    with smtp_server(port) as (inbox, _):
        too_soon = deliver_due(engine, settings, now=lambda: start + timedelta(seconds=29))
        assert (too_soon.sent, too_soon.failed, too_soon.waiting) == (0, 0, 1)
        back = deliver_due(engine, settings, now=lambda: start + timedelta(seconds=31))
        messages = inbox.wait_for(1)
    assert (back.sent, back.waiting) == (1, 0)
    assert len(messages) == 1 and "SB-BBBBBB" in messages[0]["Subject"]
    with session_factory(engine)() as session:
        row = session.execute(select(Notification)).scalar_one()
    assert row.attempts == 1 and row.last_error == "ConnectionRefusedError"


def test_retries_wait_twice_as_long_each_time_up_to_fifteen_minutes() -> None:
    settings = replace(settings_for(25), retry_seconds=30.0)
    delays = [retry_delay(settings, attempt).total_seconds() for attempt in range(1, 8)]
    assert delays == [30, 60, 120, 240, 480, 900, 900]


def test_a_pass_with_nothing_due_sends_nothing(engine: Engine) -> None:
    calls: list[object] = []
    delivery = deliver_due(engine, settings_for(25), send=lambda *args: calls.append(args))
    assert delivery == type(delivery)() and not calls


def test_two_senders_at_once_never_send_the_same_e_mail_twice(postgres: Postgres) -> None:
    # Several web app instances (docs/scale-out.md) each run the sender; on PostgreSQL a row is
    # claimed with SKIP LOCKED, so a row one instance is sending is passed over by the other.
    engine = postgres_engine(postgres)
    create_schema(engine)
    for number in range(6):
        new_request(engine, f"SB-CCCCC{number}", Level.DOCTOR_SOON.value)
    sent: list[str] = []
    lock = threading.Lock()

    def slow_send(settings: EmailSettings, message: EmailMessage) -> None:
        time.sleep(0.2)  # long enough for the other sender to reach the same rows
        with lock:
            sent.append(str(message["Subject"]))

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(
            pool.map(lambda _: deliver_due(engine, settings_for(25), send=slow_send), [1, 2])
        )
    assert sorted(sent) == sorted(set(sent)) and len(sent) == 6
    assert sum(result.sent for result in results) == 6
    engine.dispose()
