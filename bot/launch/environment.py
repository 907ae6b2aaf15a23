"""The environment the servers run with: embedded defaults for the variables endpoints.yml
reads, loopback addresses, telemetry off. Values already set in the environment win.

Two variables switch the embedded defaults to the scaled set-up (DESIGN.md, Runtime):
- DATABASE_URL=postgresql://...: the tracker store moves to that PostgreSQL database too;
- REDIS_URL=redis://[:password@]host[:port][/db]: the lock store moves to Redis
  (bot/rasa_ext/lock_store.py), so several Rasa servers never process two messages of one
  conversation at once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from bot import settings

DEFAULT_ACTION_PORT = 5055
DEFAULT_RASA_PORT = 5005
DEFAULT_WEB_PORT = 8080
LOOPBACK = "127.0.0.1"  # where every server listens unless configured otherwise


def environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of `base` (default: os.environ) with every variable endpoints.yml needs.

    Creates the data directory (settings.data_dir()) if missing; raises ValueError for a
    malformed $REDIS_URL.
    """
    env = dict(os.environ if base is None else base)
    data = settings.data_dir()
    data.mkdir(parents=True, exist_ok=True)
    action_port = env.get("SPINEBOT_ACTION_PORT", str(DEFAULT_ACTION_PORT))
    rasa_port = env.get("SPINEBOT_RASA_PORT", str(DEFAULT_RASA_PORT))
    web_port = env.get("SPINEBOT_WEB_PORT", str(DEFAULT_WEB_PORT))
    defaults = {
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        # Rasa 3.6 and its pins emit many third-party deprecation warnings at start-up.
        "PYTHONWARNINGS": "ignore",
        "ACTION_SERVER_URL": f"http://localhost:{action_port}/webhook",
        # The action server has no authentication: only the Rasa server, on this machine, may
        # reach it (rasa_sdk's Sanic reads SANIC_HOST). A scaled deployment sets a private address.
        "SANIC_HOST": LOOPBACK,
        **tracker_store(env.get("DATABASE_URL", ""), data),
        **lock_store(env.get("REDIS_URL", "")),
        # The chat page (web app) is the one site allowed to open the Rasa server's socket.io.
        "SPINEBOT_RASA_PUBLIC_URL": f"http://localhost:{rasa_port}",
        "SPINEBOT_ALLOWED_ORIGINS": f"http://localhost:{web_port},http://127.0.0.1:{web_port}",
    }
    for name, value in defaults.items():
        env.setdefault(name, value)
    return env


def tracker_store(database_url: str, data: os.PathLike[str]) -> dict[str, str]:
    """endpoints.yml's tracker store variables (TRACKER_DIALECT, TRACKER_URL, TRACKER_DB).

    SQLite in the data directory `data`, or the PostgreSQL database of `database_url`
    (postgres:// is rewritten to postgresql://; Rasa takes a full URL in `url`).
    """
    if database_url.startswith(("postgres://", "postgresql")):
        url = (
            "postgresql" + database_url[len("postgres") :]
            if database_url.startswith("postgres://")
            else database_url
        )
        return {"TRACKER_DIALECT": "postgresql", "TRACKER_URL": url, "TRACKER_DB": "spinebot"}
    return {"TRACKER_DIALECT": "sqlite", "TRACKER_URL": "", "TRACKER_DB": f"{data}/tracker.sqlite3"}


def lock_store(redis_url: str) -> dict[str, str]:
    """endpoints.yml's lock store variables: in memory (one Rasa server), or Redis.

    `redis_url` is redis://[:password@]host[:port][/db] or empty; raises ValueError for any
    other form, including rediss:// (TLS is not supported).
    """
    if not redis_url:
        return {
            "LOCK_STORE_TYPE": "in_memory",
            "REDIS_HOST": "",
            "REDIS_PORT": "",
            "REDIS_DB": "",
            "REDIS_PASSWORD": "",
        }
    parts = urlsplit(redis_url)
    if parts.scheme == "rediss":
        raise ValueError(
            "REDIS_URL: TLS to Redis (rediss://) is not supported; keep Redis on a "
            "private network or behind a TLS tunnel and use redis://"
        )
    if parts.scheme != "redis" or not parts.hostname:
        raise ValueError("REDIS_URL must look like redis://[:password@]host[:port][/db]")
    return {
        # Rasa's own RedisLockStore can give two servers the same ticket (lock_store.py).
        "LOCK_STORE_TYPE": "bot.rasa_ext.lock_store.RedisTicketLockStore",
        "REDIS_HOST": parts.hostname,
        "REDIS_PORT": str(parts.port or 6379),
        "REDIS_DB": parts.path.lstrip("/") or "0",
        "REDIS_PASSWORD": unquote(parts.password or ""),
    }
