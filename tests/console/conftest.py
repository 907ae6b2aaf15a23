"""Console fixtures: cheap password hashing, and a tracker store beside each test database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.console import passwords
from bot.db.session import make_engine
from tests.console.factories import create_events_table


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash with small scrypt parameters: the real ones take about 0.4 s per hash by design.
    test_passwords.py checks the real ones once."""
    monkeypatch.setattr(passwords, "CURRENT", passwords.ScryptParams(n=2**8, r=8, p=1))


@pytest.fixture
def tracker(engine: Engine, tmp_path: Path) -> Iterator[Engine]:
    """Rasa's events table: in its own SQLite file (the default layout), or in the same
    PostgreSQL database as the application's tables (how DATABASE_URL deploys it)."""
    if engine.dialect.name == "sqlite":
        created = make_engine(f"sqlite:///{tmp_path / 'tracker.sqlite3'}")
        create_events_table(created)
        yield created
        created.dispose()
    else:
        create_events_table(engine)
        yield engine
