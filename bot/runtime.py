"""The environment the Rasa server and action server run with: embedded defaults for the
variables endpoints.yml reads, telemetry off. Values already set in the environment win."""

from __future__ import annotations

import os
from collections.abc import Mapping

from bot import settings

DEFAULT_ACTION_PORT = 5055
DEFAULT_RASA_PORT = 5005
DEFAULT_WEB_PORT = 8080


def environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of `base` (default: os.environ) with every variable endpoints.yml needs."""
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
        "TRACKER_DIALECT": "sqlite",
        "TRACKER_DB": str(data / "tracker.sqlite3"),
        # The chat page (web app) is the one site allowed to open the Rasa server's socket.io.
        "SPINEBOT_RASA_PUBLIC_URL": f"http://localhost:{rasa_port}",
        "SPINEBOT_ALLOWED_ORIGINS": f"http://localhost:{web_port},http://127.0.0.1:{web_port}",
    }
    for name, value in defaults.items():
        env.setdefault(name, value)
    return env
