"""A real stack for end-to-end tests: a freshly trained model, the action server and the Rasa
server on free loopback ports, an SQLite tracker store and database in a temporary folder."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot import runtime
from bot.servers import RASA, running
from bot.settings import ROOT

Send = Callable[[str, str], list[dict[str, Any]]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def e2e_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def database_url(e2e_dir: Path) -> str:
    """The application database the action server writes intake records to."""
    return f"sqlite:///{e2e_dir / 'spinebot.sqlite3'}"


@pytest.fixture(scope="session")
def stack(e2e_dir: Path, database_url: str) -> Iterator[str]:
    """The Rasa server's base URL; the servers' output is in <tmp>/servers.log."""
    work = e2e_dir
    action_port, rasa_port = free_port(), free_port()
    env = runtime.environment(
        {
            **os.environ,
            "SPINEBOT_DATA_DIR": str(work),
            "SPINEBOT_ACTION_PORT": str(action_port),
            "ACTION_SERVER_URL": f"http://localhost:{action_port}/webhook",
            "TRACKER_DB": str(work / "tracker.sqlite3"),
            "DATABASE_URL": database_url,
        }
    )
    subprocess.run(
        [RASA, "train", "--out", str(work), "--fixed-model-name", "e2e"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    with running(work / "e2e.tar.gz", rasa_port, action_port, env, log=work / "servers.log"):
        yield f"http://localhost:{rasa_port}"


@pytest.fixture(scope="session")
def send(stack: str) -> Send:
    def post(sender: str, message: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(
            f"{stack}/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            replies: list[dict[str, Any]] = json.loads(response.read())
            return replies

    return post


def triage_of(replies: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The triage payload among the bot's replies, if any."""
    for reply in replies:
        if "custom" in reply and "triage" in reply["custom"]:
            payload: dict[str, Any] = reply["custom"]["triage"]
            return payload
    return None
