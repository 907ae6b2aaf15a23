"""Password hashes: scrypt with a per-user salt, parameters kept in the hash."""

from __future__ import annotations

import pytest

from bot.console import passwords
from bot.console.passwords import ScryptParams, hash_password, needs_rehash, verify_password


def test_the_real_parameters_are_kept_in_the_hash() -> None:
    real = ScryptParams(n=2**15, r=8, p=3)
    stored = hash_password("correct horse battery", real)
    assert stored.startswith("scrypt$32768$8$3$")
    assert verify_password("correct horse battery", stored)


def test_a_password_matches_only_itself() -> None:
    stored = hash_password("correct horse battery")
    assert verify_password("correct horse battery", stored)
    assert not verify_password("correct horse batterY", stored)
    assert not verify_password("", stored)


def test_an_accented_password_matches_however_its_letters_are_composed() -> None:
    stored = hash_password("caf\u00e9 au lait, please")
    assert verify_password("cafe\u0301 au lait, please", stored)


def test_each_hash_has_its_own_salt() -> None:
    assert hash_password("correct horse battery") != hash_password("correct horse battery")


@pytest.mark.parametrize(
    "stored",
    ["", "plain text", "scrypt$x$8$1$AAAA$AAAA", "scrypt$1000$8$1$AAAA$AAAA", "md5$1$2$3$4$5"],
)
def test_a_malformed_hash_matches_nothing(stored: str) -> None:
    assert not verify_password("correct horse battery", stored)


def test_raised_parameters_ask_for_a_new_hash_and_old_hashes_still_verify(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = hash_password("correct horse battery")
    assert not needs_rehash(old)
    monkeypatch.setattr(passwords, "CURRENT", ScryptParams(n=2**9, r=8, p=1))
    assert needs_rehash(old)
    assert verify_password("correct horse battery", old)
