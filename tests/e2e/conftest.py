"""End-to-end tests share the live stacks of tests/stack.py (registered in tests/conftest.py):
the clinic's own configuration (one screening question per sign) and a grouped-screening one."""

import pytest

from tests.stack import Send, triage_of

__all__ = ["Send", "either_send", "triage_of"]


@pytest.fixture(params=["single", "grouped"])
def either_send(request: pytest.FixtureRequest) -> Send:
    """Send to the stack of each screening mode in turn: a test using it runs in both."""
    fixture = "send" if request.param == "single" else "grouped_send"
    send: Send = request.getfixturevalue(fixture)
    return send
