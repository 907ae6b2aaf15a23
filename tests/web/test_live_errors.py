"""Error pages of the running web app (the test client replaces Sanic's 405 handling, so these
go to the live stack's web app over HTTP)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.stack import Stack


@pytest.mark.parametrize(("method", "path", "status", "message"), [
    ("POST", "/", 405, "Not allowed."),
    ("GET", "/widget/../../clinic.yml", 404, "Not found."),
    ("DELETE", "/widget/spinebot.js", 405, "Not allowed."),
])  # fmt: skip
def test_errors_are_short_plain_messages(
    live_stack: Stack, method: str, path: str, status: int, message: str
) -> None:
    request = urllib.request.Request(live_stack.web_url + path, method=method, data=b"")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=10)
    assert raised.value.code == status
    assert raised.value.read().decode() == message
    assert "default-src 'self'" in raised.value.headers["Content-Security-Policy"]
