"""What the running Rasa server exposes: none of its HTTP API (no tracker can be read or written,
no model parsed or replaced, with or without a token), and no CORS permission for another site's
scripts on the REST channel."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.reliability.http import call
from tests.stack import Stack

API = [
    ("GET", "/conversations/e2e-hello/tracker"),
    ("POST", "/conversations/e2e-hello/messages"),
    ("POST", "/conversations/e2e-hello/trigger_intent"),
    ("GET", "/conversations/e2e-hello/story"),
    ("POST", "/model/parse"),
    ("PUT", "/model"),
    ("POST", "/model/train"),
    ("GET", "/domain"),
    ("GET", "/status"),
]


@pytest.mark.parametrize(("method", "path"), API)
def test_the_rasa_http_api_is_not_served(live_stack: Stack, method: str, path: str) -> None:
    body = json.dumps({"text": "hello", "sender": "user"}).encode() if method != "GET" else None
    answer = call(f"{live_stack.rasa_url}{path}", body, method)
    assert answer.status == 404, (path, answer.status)
    with_token = call(f"{live_stack.rasa_url}{path}?token=guess", body, method)
    assert with_token.status == 404


def test_another_site_gets_no_cors_permission_for_the_rest_channel(live_stack: Stack) -> None:
    request = urllib.request.Request(
        f"{live_stack.rasa_url}/webhooks/rest/webhook",
        method="OPTIONS",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            headers = response.headers
    except urllib.error.HTTPError as error:
        headers = error.headers
    assert headers.get("Access-Control-Allow-Origin") is None
