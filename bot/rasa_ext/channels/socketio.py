"""The socket.io channel the chat widget talks to.

Rasa's own channel is kept for the connection handling; three things are changed:
- allowed origins: Rasa accepts a socket.io connection from any web page; this channel accepts
  only the origins in $SPINEBOT_ALLOWED_ORIGINS (the clinic's site and the web app);
- session persistence: Rasa 3.6 calls python-socketio's `enter_room` without awaiting it, which
  python-socketio 5.x (the version Rasa's pins resolve to) made a coroutine, so a browser never
  joins its session's room and never receives a reply. Here it is awaited;
- custom payloads: Rasa 3.6 passes a custom JSON message to `emit` as keyword arguments, so the
  triage payload (`{"triage": {...}}`) raises a TypeError and the rest of the turn is lost. Here
  it is sent as `{"custom": {...}}`, the shape the REST channel uses.
A message the bot could not handle (an action or a store failing) still gets safe guidance
(guard.py). The first two are Rasa 3.6.21 bugs reported upstream: RasaHQ/rasa#13027
(`enter_room` not awaited, rasa/core/channels/socketio.py `SocketIOInput.blueprint`) and
RasaHQ/rasa#8445 (custom JSON over socket.io, `SocketIOOutput.send_custom_json`).
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from socketio import AsyncServer

from bot.rasa_ext.channels.guard import guarded

DEFAULT_ORIGINS = ("http://localhost:8080", "http://127.0.0.1:8080")
MAX_MESSAGE_CHARS = 5000
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


def _valid_session_id(value: Any) -> bool:
    """A session id the widget may resume: a short token, not arbitrary text."""
    return isinstance(value, str) and _SESSION_ID.fullmatch(value) is not None


def allowed_origins(environ: dict[str, str] | None = None) -> list[str]:
    """Origins from $SPINEBOT_ALLOWED_ORIGINS (comma-separated), or the local web app."""
    value = (environ if environ is not None else os.environ).get("SPINEBOT_ALLOWED_ORIGINS", "")
    origins = [origin.strip().rstrip("/") for origin in value.split(",") if origin.strip()]
    return origins or list(DEFAULT_ORIGINS)


class WidgetOutput(SocketIOOutput):  # type: ignore[misc]
    """Rasa's socket.io output with custom payloads sent as one `{"custom": ...}` message."""

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """Emit `{"custom": json_message}` as one bot message to the recipient's room."""
        await self._send_message(recipient_id, {"custom": json_message})


class WidgetSocketIO(SocketIOInput):  # type: ignore[misc]
    """socket.io input for the chat widget (see the module docstring)."""

    @classmethod
    def name(cls) -> str:
        """The channel's name in credentials.yml and in each message's `input_channel`."""
        return "socketio"

    def get_output_channel(self) -> WidgetOutput | None:
        """The widget's output channel, or None before `blueprint()` has made the server."""
        if self.sio is None:
            return None
        return WidgetOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> SocketBlueprint:
        """Rasa's socket.io blueprint with this channel's origins and handlers.

        Raises RuntimeError if the Rasa patches are not installed (guard.py).
        """
        handle = guarded(on_new_message)
        blueprint = super().blueprint(on_new_message)
        sio: AsyncServer = self.sio
        sio.eio.cors_allowed_origins = allowed_origins()

        async def session_request(sid: str, data: Any) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = requested if _valid_session_id(requested) else uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        async def handle_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                return
            sender_id = data.get("session_id") if self.session_persistence else sid
            if not _valid_session_id(sender_id):
                return
            metadata = data.get(self.metadata_key)
            await handle(
                UserMessage(
                    data["message"][:MAX_MESSAGE_CHARS],
                    WidgetOutput(sio, self.bot_message_evt),
                    sender_id,
                    input_channel=self.name(),
                    metadata=metadata if isinstance(metadata, dict) else {},
                )
            )

        # These replace the handlers Rasa registered for the same events.
        sio.on("session_request", handler=session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handler=handle_message, namespace=self.namespace)
        return blueprint
