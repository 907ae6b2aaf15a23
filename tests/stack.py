"""A real stack for end-to-end and browser tests: a freshly trained model, the action server, the
Rasa server and the web app on free loopback ports, SQLite tracker store and database in a
temporary folder. The fixtures are registered in tests/conftest.py, so one stack serves the
whole run."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.launch import environment
from bot.launch.processes import RASA, Servers, free_port, running
from bot.settings import ROOT
from tests.notifications.smtp_server import MailServer

Send = Callable[[str, str], list[dict[str, Any]]]


@dataclass(frozen=True)
class Stack:
    rasa_url: str
    web_url: str
    work: Path  # servers.log, the model, the SQLite files
    servers: Servers


@pytest.fixture(scope="session")
def e2e_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def database_url(e2e_dir: Path) -> str:
    """The application database the action server writes intake records to."""
    return f"sqlite:///{e2e_dir / 'spinebot.sqlite3'}"


def _live(work: Path, database_url: str, extra_env: dict[str, str]) -> Iterator[Stack]:
    action_port, rasa_port, web_port = free_port(), free_port(), free_port()
    env = environment.environment(
        {
            **os.environ,
            "SPINEBOT_DATA_DIR": str(work),
            "SPINEBOT_ACTION_PORT": str(action_port),
            "SPINEBOT_RASA_PORT": str(rasa_port),
            "SPINEBOT_WEB_PORT": str(web_port),
            "ACTION_SERVER_URL": f"http://localhost:{action_port}/webhook",
            "TRACKER_DB": str(work / "tracker.sqlite3"),
            "DATABASE_URL": database_url,
            **extra_env,
        }
    )
    subprocess.run(
        [RASA, "train", "--out", str(work), "--fixed-model-name", "e2e"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    log = work / "servers.log"
    model = work / "e2e.tar.gz"
    with running(model, rasa_port, action_port, env, log=log, web_port=web_port) as servers:
        yield Stack(f"http://localhost:{rasa_port}", f"http://localhost:{web_port}", work, servers)


@pytest.fixture(scope="session")
def intake_mail() -> Iterator[MailServer]:
    """The clinic's mail server (aiosmtpd on loopback), where the live stack's web app sends its
    new-request e-mails."""
    server = MailServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def live_stack(e2e_dir: Path, database_url: str, intake_mail: MailServer) -> Iterator[Stack]:
    """The stack with the clinic's own configuration (clinic.yml), plus new-request e-mails to
    `intake_mail`, looked for every second and retried a second after a failure."""
    clinic = yaml.safe_load((ROOT / "clinic.yml").read_text(encoding="utf-8"))
    clinic["notifications"] = {
        "email": {
            "smtp_host": "127.0.0.1",
            "smtp_port": intake_mail.port,
            "sender": "spinebot@clinic.example",
            "recipients": ["intake@clinic.example"],
            "console_url": "http://localhost/console/",
        }
    }
    (e2e_dir / "clinic.yml").write_text(yaml.safe_dump(clinic), encoding="utf-8")
    env = {
        "SPINEBOT_CLINIC_FILE": str(e2e_dir / "clinic.yml"),
        "SPINEBOT_NOTIFY_POLL_SECONDS": "1",
        "SPINEBOT_NOTIFY_RETRY_SECONDS": "1",
    }
    yield from _live(e2e_dir, database_url, env)


@pytest.fixture(scope="session")
def grouped_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A second stack whose clinic screens in grouped mode (CLINICAL.md §8, issue 16)."""
    work = tmp_path_factory.mktemp("e2e-grouped")
    clinic = yaml.safe_load((ROOT / "clinic.yml").read_text(encoding="utf-8"))
    clinic["screening"] = {"mode": "grouped"}
    (work / "clinic.yml").write_text(yaml.safe_dump(clinic), encoding="utf-8")
    env = {"SPINEBOT_CLINIC_FILE": str(work / "clinic.yml")}
    yield from _live(work, f"sqlite:///{work / 'spinebot.sqlite3'}", env)


@pytest.fixture(scope="session")
def stack(live_stack: Stack) -> str:
    """The Rasa server's base URL."""
    return live_stack.rasa_url


@pytest.fixture(scope="session")
def send(stack: str) -> Send:
    return poster(stack)


@pytest.fixture(scope="session")
def grouped_send(grouped_stack: Stack) -> Send:
    """Send to the grouped-screening stack."""
    return poster(grouped_stack.rasa_url)


def poster(stack: str) -> Send:
    """A function that sends one message over REST and returns the bot's replies."""

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
