"""HTTP to the Rasa server: the REST channel, and (CLI only) the conversations API used to fork
a conversation. Plain urllib; every call is independent, so threads can share a client."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

TIMEOUT = 120.0  # seconds; a turn that trips the circuit breaker takes longer than most


def _call(url: str, method: str = "GET", body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data, {"Content-Type": "application/json"}, method=method)
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return json.loads(response.read() or b"null")


@dataclass(frozen=True)
class RestClient:
    """POST /webhooks/rest/webhook with ``{"sender", "message"}``; the answer is the list of
    reply objects (``{"recipient_id", "text"?, "buttons"?, "custom"?}``)."""

    base_url: str

    def __call__(self, sender: str, message: str) -> list[dict[str, Any]]:
        url = f"{self.base_url}/webhooks/rest/webhook"
        replies = _call(url, "POST", {"sender": sender, "message": message})
        if not isinstance(replies, list):
            raise ValueError(f"the REST channel answered {type(replies).__name__}, not a list")
        return [reply for reply in replies if isinstance(reply, dict)]


@dataclass(frozen=True)
class ConversationsApi:
    """Rasa's HTTP API (the server started with --enable-api and --auth-token `token`)."""

    base_url: str
    token: str

    def _url(self, sender: str, path: str, include: str) -> str:
        query = urllib.parse.urlencode({"token": self.token, "include_events": include})
        return f"{self.base_url}/conversations/{urllib.parse.quote(sender, safe='')}/{path}?{query}"

    def events(self, sender: str) -> list[dict[str, Any]]:
        """GET /conversations/<sender>/tracker: the latest session's events."""
        tracker = _call(self._url(sender, "tracker", "AFTER_RESTART"))
        events = tracker.get("events") if isinstance(tracker, dict) else None
        if not isinstance(events, list):
            raise ValueError(f"no events in the tracker of {sender}")
        return events

    def replace(self, sender: str, events: list[dict[str, Any]]) -> None:
        """PUT /conversations/<sender>/tracker/events: the conversation becomes `events`."""
        _call(self._url(sender, "tracker/events", "NONE"), "PUT", events)
