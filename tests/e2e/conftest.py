"""End-to-end tests share the live stacks of tests/stack.py (registered in tests/conftest.py):
the clinic's own configuration (one screening question per sign) and a grouped-screening one.

Every test here runs in both screening modes (CLINICAL.md §8, issue 16): `either_send` sends to
each stack in turn and `either_database_url` is that stack's application database. A test that
needs one mode only asks for `send` (one question per sign) or `grouped_send`.
"""

import pytest

from tests.stack import Send, Stack, poster, triage_of

__all__ = ["Send", "either_send", "triage_of"]


@pytest.fixture(params=["single", "grouped"])
def screening_mode(request: pytest.FixtureRequest) -> str:
    """The screening mode of the stack a test talks to."""
    return str(request.param)


@pytest.fixture
def either_stack(screening_mode: str, request: pytest.FixtureRequest) -> Stack:
    stack: Stack = request.getfixturevalue(
        "live_stack" if screening_mode == "single" else "grouped_stack"
    )
    return stack


@pytest.fixture
def either_send(either_stack: Stack) -> Send:
    """Send to the stack of each screening mode in turn: a test using it runs in both."""
    return poster(either_stack.rasa_url)


@pytest.fixture
def either_database_url(either_stack: Stack) -> str:
    """The application database of the stack `either_send` talks to."""
    return f"sqlite:///{either_stack.work / 'spinebot.sqlite3'}"
