"""The guard around both channels' message handler (bot/rasa_ext/channels/guard.py), here on the
widget's socket.io output: whatever fails while a message is handled, the person's replies end
with the emergency number and the clinic's phone, and the log names the failure, never the
message. Without the patches a channel refuses to start, naming the command that installs them."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_ext import patches
from bot.rasa_ext.channels.guard import guarded, service_problem_text
from bot.rasa_ext.channels.rest import CheckedRestInput
from bot.rasa_ext.channels.socketio import WidgetOutput, WidgetSocketIO
from tests.rasa_ext.channels.test_socketio import RecordingServer

MESSAGE = "I can't feel my legs since this morning"


@pytest.fixture(autouse=True)
def _installed() -> Iterator[None]:
    patches.install()  # as python -m bot.rasa_server does before Rasa loads the channels
    yield


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


async def _never_called(message: UserMessage) -> None:
    raise AssertionError("no message should reach an unpatched channel")


@pytest.mark.parametrize("channel", [CheckedRestInput, WidgetSocketIO])
def test_a_channel_loaded_without_the_patches_refuses_to_start(
    channel: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rasa's own RemoteAction.run back, as in a Rasa started with plain `rasa run`.
    original = patches.patch("remote_action_failures_noted").original("run")
    monkeypatch.setattr(RemoteAction, "run", original)
    assert not patches.installed()
    with pytest.raises(RuntimeError, match=r"python -m bot\.rasa_server"):
        channel().blueprint(_never_called)
