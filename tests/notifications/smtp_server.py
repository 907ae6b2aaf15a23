"""A real SMTP server for the tests (aiosmtpd), on loopback, keeping every message it accepts."""

from __future__ import annotations

import email
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

from bot.launch.processes import free_port


class Inbox:
    """aiosmtpd handler: the messages received, parsed, with their envelope recipients."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.content))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, seconds: float = 20.0) -> list[Message]:
        """The messages once there are at least `count`, or AssertionError after `seconds`."""
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(self.messages) >= count, f"{len(self.messages)} e-mails, expected {count}"
        return self.messages


class MailServer:
    """An SMTP server on a fixed loopback port that a test can stop and start again (the inbox
    is kept), to show what happens to mail sent while it is down."""

    def __init__(self, port: int | None = None) -> None:
        self.inbox = Inbox()
        self.port = port or free_port()
        self._controller: Controller | None = None

    def start(self) -> None:
        """Listen (again) on `port`."""
        if self._controller is None:
            self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
            self._controller.start()

    def stop(self) -> None:
        """Stop listening: connections to `port` are refused until start()."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@contextmanager
def smtp_server(port: int | None = None) -> Iterator[tuple[Inbox, int]]:
    """A running SMTP server on 127.0.0.1 (`port`, or a free one) and its inbox."""
    inbox = Inbox()
    port = port or free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
