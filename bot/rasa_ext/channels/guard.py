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

Two of the patches in bot/rasa_ext/patches.py make the first two visible: a failing remote
action is noted for the message being handled before Rasa swallows it
(`remote_action_failures_noted`), and the tracker store's errors are raised instead of
swallowed (`tracker_store_errors_raised`). `guarded(on_new_message)` wraps the handler both
channels are given (rest.py and socketio.py beside this module): after a failure of any kind the
replies end with `service_problem_text()`, the emergency number and the clinic's phone from
clinic.yml. Only the exception's type is logged, never the message. Nothing here keeps state
between messages, so the next message after the failing part returns is handled as usual.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Any

from rasa.core.channels.channel import UserMessage

from bot.clinic import ConfigError, load_clinic
from bot.rasa_ext import patches

log = logging.getLogger(__name__)

NOT_PATCHED = (
    "the Rasa patches are not installed in this process (bot/rasa_ext/patches.py): "
    "start the Rasa server with python -m bot.rasa_server"
)


@lru_cache(maxsize=1)
def service_problem_text() -> str:
    """What the person reads when the bot could not handle their message.

    Names the clinic's emergency number, phone and hours from clinic.yml; if clinic.yml cannot
    be read, 911 and "the clinic", so the person is never left without an emergency number.
    """
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
    """`on_new_message` that ends the replies with safe guidance when anything failed.

    Raises RuntimeError at once if the patches are not installed: without them a failing action
    or tracker store would go unnoticed, so a channel must not start (the channels call this
    from `blueprint()`, when the Rasa server starts).
    """
    if not patches.installed():
        raise RuntimeError(NOT_PATCHED)

    async def handle(message: UserMessage) -> None:
        with patches.failures_noted() as failures:
            try:
                await on_new_message(message)
            except asyncio.CancelledError:
                # The client went away or the server is stopping. Rasa's REST channel would log
                # the message text here; like it, carry on and answer what was collected.
                log.warning("message handling was cancelled")
                return
            except Exception as error:  # noqa: BLE001 - any failure gets guidance, never a traceback
                failures.append(type(error).__name__)
        if failures:
            log.error("message not fully handled: %s", ", ".join(sorted(set(failures))))
            await message.output_channel.send_text_message(
                message.sender_id, service_problem_text()
            )

    return handle
