"""Shared fixtures: databases on SQLite and on a real PostgreSQL server started for the run, and
the live stack (tests/stack.py) that end-to-end and browser tests share."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db.session import create_schema, make_engine
from tests.stack import (
    database_url,
    e2e_dir,
    grouped_send,
    grouped_stack,
    intake_mail,
    live_stack,
    send,
    stack,
)
from tools.bench.services import Postgres

__all__ = [
    "database_url",
    "e2e_dir",
    "grouped_send",
    "grouped_stack",
    "intake_mail",
    "live_stack",
    "send",
    "stack",
]

_database_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    server = Postgres(durable=False).start()
    try:
        yield server
    finally:
        server.stop()


def postgres_engine(server: Postgres) -> Engine:
    """An engine on a new, empty database of the test server."""
    name = f"test_{next(_database_names)}"
    admin = make_engine(server.url("postgres"))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return make_engine(server.url(name))


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database with the schema, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        created = make_engine(f"sqlite:///{tmp_path / 'test.sqlite3'}")
    else:
        created = postgres_engine(request.getfixturevalue("postgres"))
    create_schema(created)
    yield created
    created.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, future=True) as opened:
        yield opened
