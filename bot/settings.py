"""Where things live, from the environment with embedded defaults. Read when called, never cached
at import time, so tests and deployments can point them elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The one directory for local state (SQLite files): $SPINEBOT_DATA_DIR or ./var."""
    return Path(os.environ.get("SPINEBOT_DATA_DIR") or ROOT / "var")


def database_url() -> str:
    """$DATABASE_URL (e.g. postgresql+psycopg2://...) or an SQLite file in the data directory."""
    url = os.environ.get("DATABASE_URL")
    if url:
        # Heroku-style URLs name the dialect "postgres"; SQLAlchemy 1.4 wants "postgresql".
        return "postgresql" + url[len("postgres") :] if url.startswith("postgres://") else url
    return f"sqlite:///{data_dir() / 'spinebot.sqlite3'}"


def clinic_file() -> Path:
    """The clinic configuration: $SPINEBOT_CLINIC_FILE or clinic.yml at the project root."""
    return Path(os.environ.get("SPINEBOT_CLINIC_FILE") or ROOT / "clinic.yml")


def treatments_file() -> Path:
    """The reviewed treatment table: $SPINEBOT_TREATMENTS_FILE or content/treatments.yml."""
    return Path(os.environ.get("SPINEBOT_TREATMENTS_FILE") or ROOT / "content" / "treatments.yml")


def tracker_url() -> str:
    """The Rasa tracker store's database as endpoints.yml gets it (bot/launch/environment.py fills
    the variables): $TRACKER_URL (PostgreSQL), else the SQLite file $TRACKER_DB. The staff
    console reads transcripts from it."""
    url = os.environ.get("TRACKER_URL")
    if url:
        return url
    return f"sqlite:///{os.environ.get('TRACKER_DB') or data_dir() / 'tracker.sqlite3'}"
