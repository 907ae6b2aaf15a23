"""The guard around both channels' message handler (bot/channels/guard.py), here on the widget's
socket.io output: whatever fails while a message is handled, the person's replies end with the
emergency number and the clinic's phone, and the log names the failure, never the message."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.guard import guarded, service_problem_text
from bot.channels.socketio import WidgetOutput
from tests.channels.test_socketio import RecordingServer

MESSAGE = "I can't feel my legs since this morning"


def _handle(on_new_message: object) -> list[object]:
    server = RecordingServer()
    message = UserMessage(MESSAGE, WidgetOutput(server, "bot_uttered"), "session-12345678")
    asyncio.run(guarded(on_new_message)(message))  # type: ignore[arg-type]
    return [data for _, data, _ in server.emitted]


def test_a_store_that_fails_gets_guidance_and_a_log_without_the_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def lock_store_down(message: UserMessage) -> None:
        raise ConnectionError(f"could not lock the conversation of {message.text}")

    caplog.set_level(logging.DEBUG)
    assert _handle(lock_store_down) == [{"text": service_problem_text()}]
    assert "ConnectionError" in caplog.text
    assert "feel my legs" not in caplog.text


def test_an_action_that_fails_inside_rasa_still_gets_guidance() -> None:
    async def processor(message: UserMessage) -> None:
        # What Rasa's processor does: run the remote action, swallow its failure, go on.
        action = RemoteAction("action_triage_outcome", None)  # no action server reachable
        with contextlib.suppress(Exception):  # as rasa/core/processor.py does
            await action.run(message.output_channel, None, DialogueStateTracker("s", []),
                             Domain.empty())  # fmt: skip
        await message.output_channel.send_text_message(message.sender_id, "half a turn")

    assert _handle(processor) == [{"text": "half a turn"}, {"text": service_problem_text()}]


def test_a_message_handled_without_failure_gets_no_guidance() -> None:
    async def fine(message: UserMessage) -> None:
        await message.output_channel.send_text_message(message.sender_id, "How long?")

    assert _handle(fine) == [{"text": "How long?"}]
