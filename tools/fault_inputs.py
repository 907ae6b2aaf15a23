"""The bad inputs the fault-and-load report sends (tools/fault_report.py), and the check each must
pass: a reply, or a clear 4xx without internals, and the conversation goes on afterwards."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass

TRACEBACK_SIGNS = ("Traceback (most recent call last)", 'File "/', "Exception:", "Error:")


@dataclass(frozen=True)
class BadInput:
    name: str
    body: bytes  # what is POSTed to the REST channel
    times: int = 1  # sent this many times at once


def _message(text: str) -> bytes:
    return json.dumps({"sender": "{sender}", "message": text}).encode()


BAD_INPUTS: tuple[BadInput, ...] = (
    BadInput("empty message", _message("")),
    BadInput("whitespace only", _message(" \t\n  ")),
    BadInput("10,000 characters", _message("my back hurts " * 715)),
    BadInput("emoji", _message("😩😩 back 🔥🔥")),
    BadInput("another language", _message("Me duele mucho la espalda desde hace una semana")),
    BadInput("another script", _message("腰が痛いです")),
    BadInput("HTML and script", _message("<script>alert(1)</script><b>hello</b>")),
    BadInput("SQL-looking text", _message("'; DROP TABLE events; --")),
    BadInput("control characters", _message("back\x00\x07\x1b[31m pain\u202e")),
    BadInput("malformed JSON", b'{"sender": "{sender}", "message": '),
    BadInput("JSON that is not an object", b'["{sender}", "hello"]'),
    BadInput("message that is not a string", b'{"sender": "{sender}", "message": 42}'),
    BadInput("the same message ten times at once", _message("my lower back hurts"), times=10),
)


def _post(url: str, body: bytes) -> tuple[int, bytes]:
    request = urllib.request.Request(
        f"{url}/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _problem(status: int, body: bytes) -> str | None:
    text = body.decode("utf-8", errors="replace")
    if any(sign in text for sign in TRACEBACK_SIGNS):
        return f"HTTP {status} shows internals"
    if status == 200:
        replies = json.loads(body)
        return None if isinstance(replies, list) else "HTTP 200 without a list of replies"
    if 400 <= status < 500:
        return None if len(text) < 500 else f"HTTP {status} with a long body"
    return f"HTTP {status}"


def send_bad_input(url: str, bad: BadInput) -> str | None:
    """None if the bad input was handled sensibly; otherwise what went wrong."""
    sender = f"bad-{uuid.uuid4().hex[:12]}"  # also a conversation the server has never seen
    body = bad.body.replace(b"{sender}", sender.encode())

    async def all_at_once() -> list[tuple[int, bytes]]:
        return list(
            await asyncio.gather(*(asyncio.to_thread(_post, url, body) for _ in range(bad.times)))
        )

    for status, answer in asyncio.run(all_at_once()):
        problem = _problem(status, answer)
        if problem:
            return problem
    status, answer = _post(url, _message("hello").replace(b"{sender}", sender.encode()))
    if status != 200 or not json.loads(answer):
        return f"the conversation did not go on (HTTP {status})"
    return None
