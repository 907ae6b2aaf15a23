"""The widget's socket.io channel: origins, session ids, and custom payloads that arrive."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.rasa_ext.channels.socketio import (
    DEFAULT_ORIGINS,
    WidgetOutput,
    _valid_session_id,
    allowed_origins,
)


class RecordingServer:
    """Stands in for socketio.AsyncServer: records what would be emitted."""

    def __init__(self) -> None:
        self.emitted: list[tuple[str, Any, dict[str, Any]]] = []

    async def emit(self, event: str, data: Any = None, **kwargs: Any) -> None:
        self.emitted.append((event, data, kwargs))


def test_origins_come_from_the_environment() -> None:
    env = {"SPINEBOT_ALLOWED_ORIGINS": "https://clinic.example/, https://www.clinic.example"}
    assert allowed_origins(env) == ["https://clinic.example", "https://www.clinic.example"]


def test_without_configuration_only_the_local_web_app_may_connect() -> None:
    assert allowed_origins({}) == list(DEFAULT_ORIGINS)
    assert all(origin.startswith("http://localhost") or "127.0.0.1" in origin
               for origin in allowed_origins({}))  # fmt: skip


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("3f2a9c1e0b7d4e5fa1b2c3d4e5f60718", True),
        ("abc", False),  # too short to be unguessable
        ("x" * 65, False),
        ("../../etc", False),
        ("<script>", False),
        (None, False),
        (42, False),
    ],
)
def test_session_ids_are_short_tokens(value: object, valid: bool) -> None:
    assert _valid_session_id(value) is valid


def test_the_triage_payload_reaches_the_widget_as_one_custom_message() -> None:
    server = RecordingServer()
    output = WidgetOutput(server, "bot_uttered")
    payload = {"triage": {"level": "call_emergency", "reasons": ["chest pain"], "disclaimer": True}}
    asyncio.run(output.send_custom_json("session-1234", payload))
    assert server.emitted == [("bot_uttered", {"custom": payload}, {"room": "session-1234"})]
