"""Fixtures the action tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.db.session import create_schema, make_engine


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Engine]:
    """Where the actions keep intake records and triages: a fresh SQLite file per test."""
    engine = make_engine(f"sqlite:///{tmp_path / 'app.sqlite3'}")
    create_schema(engine)
    yield engine
    engine.dispose()
