"""The REST channel with its input checked.

A body that is not a JSON object with a string `message` gets a clear 400, instead of Rasa's
500 (an array or string body) or an empty 200 after an exception logged with the body (a
message that is not a string). A message the bot could not handle (an action or a store
failing) gets safe guidance instead of an empty list, and its text is never logged (guard.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.exceptions import InvalidUsage
from sanic.request import Request

from bot.rasa_ext.channels.guard import guarded

MAX_MESSAGE_CHARS = 10_000
MAX_SENDER_CHARS = 128
PROBLEM = 'Send a JSON object with a string "message" and, optionally, a string "sender".'


def _body(request: Request) -> dict[str, Any]:
    try:
        body = request.json
    except InvalidUsage as error:  # Sanic's own "failed when parsing body as json"
        raise InvalidUsage(PROBLEM) from error
    if not isinstance(body, dict):
        raise InvalidUsage(PROBLEM)
    return body


class CheckedRestInput(RestInput):  # type: ignore[misc]
    """Rasa's REST channel (same URL, /webhooks/rest/webhook) that refuses malformed bodies."""

    @classmethod
    def name(cls) -> str:
        """The channel's name in credentials.yml and in each message's `input_channel`."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's REST routes around the guarded handler (RuntimeError if Rasa is unpatched)."""
        blueprint: Blueprint = super().blueprint(guarded(on_new_message))
        return blueprint

    async def _extract_sender(self, req: Request) -> str:
        sender = _body(req).get("sender", "default")
        if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARS:
            raise InvalidUsage(PROBLEM)
        return sender

    def _extract_message(self, req: Request) -> str:
        message = _body(req).get("message")
        if not isinstance(message, str):
            raise InvalidUsage(PROBLEM)
        return message[:MAX_MESSAGE_CHARS]

    def _extract_input_channel(self, req: Request) -> str:
        return self.name()

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        """The body's `metadata` object, or None when it is missing or not an object."""
        metadata = _body(request).get("metadata")
        return metadata if isinstance(metadata, dict) else None
