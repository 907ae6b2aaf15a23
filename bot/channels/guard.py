"""When part of the service fails during a message, the person still gets safe guidance.

Rasa 3.6 lets two kinds of failure pass silently:
- a custom action that cannot run (the action server down or failing): the processor logs the
  exception, drops the action's events and goes on (rasa/core/processor.py, `_run_action`), so
  the person gets no reply, or half of one;
- the whole message failing (the lock store or the tracker store unreachable): the REST channel
  logs the exception *with the message text* and answers an empty list; socket.io answers
  nothing at all.

`guarded(on_new_message)` wraps the handler both channels are given (bot/channels/rest.py and
socketio.py). After a failure of either kind the replies end with `service_problem_text()`: the
emergency number and the clinic's phone from clinic.yml. Only the exception's type is logged,
never the message. When the failing part returns, the next message is handled as usual: nothing
here keeps state between messages.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from rasa.core.channels.channel import UserMessage

from bot.clinic import ConfigError, load_clinic

log = logging.getLogger(__name__)

# The processor's log line for an action that raised (rasa/core/processor.py, Rasa 3.6).
ACTION_FAILED = "Encountered an exception while running action"
PROCESSOR_LOGGER = "rasa.core.processor"

# The failures seen while the current message is handled (None outside a guarded handler).
_failures: ContextVar[list[str] | None] = ContextVar("spinebot_failures", default=None)


class _ActionFailures(logging.Filter):
    """Notes, for the message being handled, each action the processor reports as failed."""

    def filter(self, record: logging.LogRecord) -> bool:
        found = _failures.get()
        if found is not None and record.exc_info and str(record.msg).startswith(ACTION_FAILED):
            kind = record.exc_info[0]
            found.append(kind.__name__ if kind else "action failed")
        return True


_WATCH = _ActionFailures()


def watch_action_failures() -> None:
    """Attach the filter to the processor's logger (once)."""
    logger = logging.getLogger(PROCESSOR_LOGGER)
    if _WATCH not in logger.filters:
        logger.addFilter(_WATCH)


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
    watch_action_failures()

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
