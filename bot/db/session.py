"""Engines and sessions, built lazily from configuration (never at import time: the action server
imports every module under actions/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from bot import settings
from bot.db.models import Base


def make_engine(url: str) -> Engine:
    """An engine for a URL; for SQLite, the file's directory is created first."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(url, future=True, pool_pre_ping=True)


@cache
def engine_for(url: str) -> Engine:
    """One engine per URL per process, created on first use."""
    return make_engine(url)


def default_engine() -> Engine:
    """The engine for the configured database ($DATABASE_URL or SQLite in the data directory)."""
    return engine_for(settings.database_url())


def session_factory(engine: Engine) -> sessionmaker:
    """Sessions on this engine whose objects stay readable after commit."""
    return sessionmaker(bind=engine, class_=Session, future=True, expire_on_commit=False)


def create_schema(engine: Engine) -> None:
    """Create any missing tables."""
    Base.metadata.create_all(engine)


@cache
def ready_engine(url: str | None = None) -> Engine:
    """The configured engine with its tables created and the treatment table seeded, once per
    process (the action server calls this on first use, not at import)."""
    from bot.db.seed import ensure_seeded  # seed imports this module

    engine = engine_for(url or settings.database_url())
    ensure_seeded(engine)
    return engine
