"""Staff accounts on SQLite and PostgreSQL: creating, signing in, roles, deactivating."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.console import passwords, users
from bot.console.users import (
    UserError,
    authenticate,
    create_user,
    deactivate,
    get_user,
    list_users,
    reactivate,
    set_password,
    set_role,
)
from bot.db.models import StaffAccount
from tests.records.factories import NOW

PASSWORD = "twelve chars!"


def test_a_created_user_signs_in_with_the_password(session: Session) -> None:
    created = create_user(session, "Alex.Morgan", PASSWORD, now=NOW)
    assert (created.username, created.role, created.active) == ("alex.morgan", "staff", True)
    user = authenticate(session, "  ALEX.morgan ", PASSWORD, now=NOW + timedelta(hours=1))
    assert user is not None and user.username == "alex.morgan"
    assert user.last_login_at == NOW + timedelta(hours=1)


def test_wrong_password_unknown_and_deactivated_users_all_get_none(session: Session) -> None:
    create_user(session, "alex", PASSWORD)
    create_user(session, "robin", PASSWORD)
    deactivate(session, "robin")
    assert authenticate(session, "alex", PASSWORD + "x") is None
    assert authenticate(session, "nobody", PASSWORD) is None
    assert authenticate(session, "robin", PASSWORD) is None
    assert get_user(session, "robin").last_login_at is None  # type: ignore[union-attr]


def test_an_unknown_user_costs_a_password_check_like_a_known_one(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_user(session, "alex", PASSWORD)
    checked: list[str] = []
    real = passwords.verify_password

    def counting(password: str, stored: str) -> bool:
        checked.append(stored.split("$")[0])
        return real(password, stored)

    monkeypatch.setattr(passwords, "verify_password", counting)
    authenticate(session, "alex", "wrong password!")
    authenticate(session, "nobody", "wrong password!")
    assert checked == ["scrypt", "scrypt"]


def test_a_reactivated_user_signs_in_again_with_the_same_password(session: Session) -> None:
    create_user(session, "robin", PASSWORD)
    deactivate(session, "robin")
    reactivate(session, "robin")
    user = authenticate(session, "robin", PASSWORD)
    assert user is not None and (user.active, user.role) == (True, "staff")


def test_the_password_is_stored_only_as_a_scrypt_hash(session: Session) -> None:
    create_user(session, "alex", PASSWORD)
    stored = session.execute(select(StaffAccount.password_hash)).scalar_one()
    assert stored.startswith("scrypt$") and PASSWORD not in stored


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("alex", "eleven char", "at least 12 characters"),
        ("alex", " " * 12, "only spaces"),
        ("al", PASSWORD, "3 to 64 characters"),
        ("alex morgan", PASSWORD, "3 to 64 characters"),
    ],
)
def test_bad_input_is_refused_with_the_reason(
    session: Session, username: str, password: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        create_user(session, username, password)
    assert list_users(session) == []


def test_a_taken_username_is_refused_and_the_account_unchanged(session: Session) -> None:
    create_user(session, "alex", PASSWORD)
    with pytest.raises(UserError, match="already exists"):
        create_user(session, "ALEX", "another password", role="admin")
    assert get_user(session, "alex").role == "staff"  # type: ignore[union-attr]
    assert authenticate(session, "alex", PASSWORD) is not None


def test_only_an_explicit_call_makes_a_staff_user_admin(session: Session) -> None:
    create_user(session, "alex", PASSWORD)
    set_password(session, "alex", "a new password")
    authenticate(session, "alex", "a new password", "10.0.0.1", NOW)
    deactivate(session, "alex")
    with pytest.raises(UserError):
        create_user(session, "alex", PASSWORD, role="admin")
    assert get_user(session, "alex").role == "staff"  # type: ignore[union-attr]
    set_role(session, "alex", "admin")
    assert get_user(session, "alex").is_admin  # type: ignore[union-attr]


def test_an_unknown_role_is_refused(session: Session) -> None:
    with pytest.raises(UserError, match="staff, admin"):
        create_user(session, "alex", PASSWORD, role="root")
    create_user(session, "robin", PASSWORD)
    with pytest.raises(UserError, match="staff, admin"):
        set_role(session, "robin", "superuser")


def test_a_new_password_replaces_the_old_one(session: Session) -> None:
    create_user(session, "alex", PASSWORD)
    set_password(session, "alex", "a new password")
    assert authenticate(session, "alex", PASSWORD) is None
    assert authenticate(session, "alex", "a new password") is not None
    with pytest.raises(UserError, match="at least 12"):
        set_password(session, "alex", "short")


def test_changes_to_an_unknown_user_are_refused(session: Session) -> None:
    for change in (
        lambda: set_password(session, "ghost", PASSWORD),
        lambda: deactivate(session, "ghost"),
        lambda: reactivate(session, "ghost"),
        lambda: set_role(session, "ghost", "staff"),
    ):
        with pytest.raises(UserError, match="no staff user named 'ghost'"):
            change()


def test_users_are_listed_by_name_without_their_hashes(session: Session) -> None:
    create_user(session, "robin", PASSWORD, role="admin")
    create_user(session, "alex", PASSWORD)
    listed = list_users(session)
    assert [(u.username, u.role) for u in listed] == [("alex", "staff"), ("robin", "admin")]
    assert not any("scrypt" in repr(u) for u in listed)


def test_a_hash_with_old_parameters_is_replaced_at_sign_in(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_user(session, "alex", PASSWORD)
    monkeypatch.setattr(passwords, "CURRENT", passwords.ScryptParams(n=2**9, r=8, p=1))
    assert authenticate(session, "alex", PASSWORD) is not None
    stored = session.execute(select(StaffAccount.password_hash)).scalar_one()
    assert stored.startswith("scrypt$512$8$1$")
    assert users.authenticate(session, "alex", PASSWORD) is not None
