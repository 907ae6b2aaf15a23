"""When part of the service fails during a message, the person still gets safe guidance.

Rasa 3.6 lets three kinds of failure pass silently:
- a custom action that cannot run (the action server down or failing): the processor logs the
  exception, drops the action's events and goes on (rasa/core/processor.py, `_run_action`), so
  the person gets no reply, or half of one;
- the tracker store failing: Rasa wraps it in a FailSafeTrackerStore that logs the error (whose
  text can hold the SQL parameters: the person's message) and carries on with an empty
  conversation on a failed read, or keeps the tracker in memory on a failed write;
- the whole message failing (the lock store unreachable): the REST channel logs the exception
  with the message text and answers an empty list; socket.io answers nothing at all.

`install()` (run when this module is imported, by the channels) makes the first two visible: a
failing remote action is noted for the message being handled before Rasa swallows it, and the
tracker store's errors are raised instead of swallowed. `guarded(on_new_message)` wraps the
handler both channels are given (bot/channels/rest.py and socketio.py): after a failure of any
kind the replies end with `service_problem_text()`, the emergency number and the clinic's phone
from clinic.yml. Only the exception's type is logged, never the message. Nothing here keeps
state between messages, so the next message after the failing part returns is handled as usual.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore

from bot.clinic import ConfigError, load_clinic

log = logging.getLogger(__name__)

# The failures seen while the current message is handled (None outside a guarded handler).
_failures: ContextVar[list[str] | None] = ContextVar("spinebot_failures", default=None)
_ORIGINAL_RUN = RemoteAction.run


async def _run_noting_failures(self: RemoteAction, *args: Any, **kwargs: Any) -> Any:
    """RemoteAction.run, noting a failure for the guard before Rasa's processor swallows it."""
    try:
        return await _ORIGINAL_RUN(self, *args, **kwargs)
    except ActionExecutionRejection:
        raise  # a form refusing an answer: part of the dialogue, not a failure
    except Exception as error:
        found = _failures.get()
        if found is not None:
            found.append(type(error).__name__)
        raise


async def _retrieve(self: FailSafeTrackerStore, sender_id: str) -> Any:
    return await self._tracker_store.retrieve(sender_id)


async def _retrieve_full_tracker(self: FailSafeTrackerStore, sender_id: str) -> Any:
    return await self._tracker_store.retrieve_full_tracker(sender_id)


async def _save(self: FailSafeTrackerStore, tracker: Any) -> None:
    await self._tracker_store.save(tracker)


def install() -> None:
    """Failing actions noted, tracker store errors raised (idempotent)."""
    RemoteAction.run = _run_noting_failures
    FailSafeTrackerStore.retrieve = _retrieve
    FailSafeTrackerStore.retrieve_full_tracker = _retrieve_full_tracker
    FailSafeTrackerStore.save = _save


def installed() -> bool:
    return RemoteAction.run is _run_noting_failures and FailSafeTrackerStore.save is _save


@lru_cache(maxsize=1)
def service_problem_text() -> str:
    """What the person reads when the bot could not handle their message."""
    try:
        clinic = load_clinic()
        emergency, phone = clinic.emergency_number, f"{clinic.name} on {clinic.phone}"
        hours = f" ({clinic.hours})"
    except ConfigError:  # never leave the person without the emergency number
        emergency, phone, hours = "911", "the clinic", ""
    return (
        "Sorry, I can't answer properly right now: part of this service is not working. "
        f"If you have severe symptoms or think this may be an emergency, call {emergency} now. "
        f"To speak to someone, call {phone}{hours}. You can also try again here in a few minutes."
    )


Handler = Callable[[UserMessage], Awaitable[Any]]


def guarded(on_new_message: Handler) -> Handler:
    """`on_new_message` that ends the replies with safe guidance when anything failed."""
    install()

    async def handle(message: UserMessage) -> None:
        failures: list[str] = []
        token = _failures.set(failures)
        try:
            await on_new_message(message)
        except asyncio.CancelledError:
            # The client went away or the server is stopping. Rasa's REST channel would log the
            # message text here; like it, carry on and answer what was collected.
            log.warning("message handling was cancelled")
            return
        except Exception as error:  # noqa: BLE001 - any failure gets guidance, never a traceback
            failures.append(type(error).__name__)
        finally:
            _failures.reset(token)
        if failures:
            log.error("message not fully handled: %s", ", ".join(sorted(set(failures))))
            await message.output_channel.send_text_message(
                message.sender_id, service_problem_text()
            )

    return handle
