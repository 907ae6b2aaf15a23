"""End-to-end tests share the live stack of tests/stack.py (registered in tests/conftest.py)."""

from tests.stack import Send, triage_of

__all__ = ["Send", "triage_of"]
