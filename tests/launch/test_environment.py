"""The environment the servers start with (bot/launch/environment.py): embedded defaults, or
PostgreSQL and Redis; endpoints.yml's lock store class is one Rasa can load."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.launch.environment import environment


def test_the_embedded_default_is_sqlite_and_an_in_memory_lock_store(tmp_path: Path) -> None:
    env = environment({"SPINEBOT_DATA_DIR": str(tmp_path)})
    assert env["TRACKER_DIALECT"] == "sqlite" and env["TRACKER_URL"] == ""
    assert env["TRACKER_DB"].endswith("tracker.sqlite3")
    assert env["LOCK_STORE_TYPE"] == "in_memory"
    assert env["RASA_TELEMETRY_ENABLED"] == "false"
    assert env["SANIC_HOST"] == "127.0.0.1"  # the action server, on loopback only


def test_database_url_moves_the_tracker_store_to_postgresql() -> None:
    env = environment({"DATABASE_URL": "postgres://bot:secret@db.internal:5433/spine"})
    assert env["TRACKER_DIALECT"] == "postgresql"
    assert env["TRACKER_URL"] == "postgresql://bot:secret@db.internal:5433/spine"


def test_redis_url_moves_the_lock_store_to_redis() -> None:
    env = environment({"REDIS_URL": "redis://:p%40ss@cache.internal:6380/2"})
    assert env["LOCK_STORE_TYPE"] == "bot.rasa_ext.lock_store.RedisTicketLockStore"
    assert (env["REDIS_HOST"], env["REDIS_PORT"], env["REDIS_DB"]) == (
        "cache.internal",
        "6380",
        "2",
    )
    assert env["REDIS_PASSWORD"] == "p@ss"


def test_a_malformed_redis_url_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="REDIS_URL must look like"):
        environment({"REDIS_URL": "cache.internal:6379"})


def test_values_already_set_win() -> None:
    env = environment({"ACTION_SERVER_URL": "http://actions:5055/webhook"})
    assert env["ACTION_SERVER_URL"] == "http://actions:5055/webhook"


def test_the_redis_lock_store_named_is_one_rasa_can_load() -> None:
    from rasa.shared.utils.common import class_from_module_path

    env = environment({"REDIS_URL": "redis://cache.internal"})
    assert class_from_module_path(env["LOCK_STORE_TYPE"]).__name__ == "RedisTicketLockStore"
