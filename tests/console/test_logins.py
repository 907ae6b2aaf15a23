"""The sign-in rate limit, counted in the database so every app instance shares it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from bot.console.users import authenticate, create_user, login_allowed, record_login_failure
from tests.records.factories import NOW

PASSWORD = "twelve chars!"


def fail(session: Session, username: str, address: str, times: int) -> None:
    for attempt in range(times):
        moment = NOW + timedelta(seconds=attempt)
        assert login_allowed(session, username, address, moment)
        assert authenticate(session, username, "wrong password", address, moment) is None


def test_the_sixth_failure_for_a_username_is_blocked(session: Session) -> None:
    create_user(session, "alex", PASSWORD)
    fail(session, "alex", "10.0.0.1", 5)
    later = NOW + timedelta(minutes=1)
    assert not login_allowed(session, "alex", "10.0.0.1", later)
    assert not login_allowed(session, "ALEX", "10.0.0.2", later)  # from anywhere
    assert login_allowed(session, "robin", "10.0.0.3", later)


def test_a_successful_sign_in_clears_the_failures(session: Session) -> None:
    create_user(session, "alex", PASSWORD)
    fail(session, "alex", "10.0.0.1", 4)
    assert authenticate(session, "alex", PASSWORD, "10.0.0.1", NOW + timedelta(minutes=1))
    fail(session, "alex", "10.0.0.1", 4)  # would be blocked at the 5th without the clearing
    assert login_allowed(session, "alex", "10.0.0.1", NOW + timedelta(minutes=2))


def test_failures_older_than_the_window_no_longer_count(session: Session) -> None:
    fail(session, "alex", "10.0.0.1", 5)
    assert not login_allowed(session, "alex", "10.0.0.1", NOW + timedelta(minutes=14))
    assert login_allowed(session, "alex", "10.0.0.1", NOW + timedelta(minutes=15, seconds=5))


def test_one_address_trying_many_usernames_is_blocked_after_twenty(session: Session) -> None:
    for number in range(20):
        record_login_failure(session, f"user{number}", "10.0.0.9", NOW)
    assert not login_allowed(session, "someone-new", "10.0.0.9", NOW + timedelta(minutes=1))
    assert login_allowed(session, "someone-new", "10.0.0.10", NOW + timedelta(minutes=1))


def test_unknown_usernames_count_too(session: Session) -> None:
    fail(session, "nobody", "10.0.0.1", 5)
    assert not login_allowed(session, "nobody", "10.0.0.1", NOW + timedelta(minutes=1))
