"""A small HTTP client for the reliability tests: any method, any body, and the answer whatever
its status (urllib raises on 4xx and 5xx, and these tests want to read those)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from tools.fault_inputs import TRACEBACK_SIGNS


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.body)

    def shows_internals(self) -> bool:
        """True if the body looks like a traceback or an exception's text."""
        return any(sign in self.text for sign in TRACEBACK_SIGNS)


def call(
    url: str,
    body: bytes | None = None,
    method: str = "GET",
    content_type: str = "application/json",
    timeout: float = 60,
) -> Answer:
    headers = {"Content-Type": content_type} if body is not None else {}
    request = urllib.request.Request(url, body, headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(response.status, response.read(), response.headers["Content-Type"] or "")
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read(), error.headers["Content-Type"] or "")


def post_message(rasa_url: str, payload: Any) -> Answer:
    """POST a JSON value (any shape) to the REST channel."""
    return call(f"{rasa_url}/webhooks/rest/webhook", json.dumps(payload).encode(), "POST")
