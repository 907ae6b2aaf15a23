"""The servers for a fuzz run, started the way tests/stack.py starts them (bot.launch.processes,
bot.launch.environment, SQLite tracker store and database in a work folder), except that the
Rasa server also has its HTTP API on, behind a random token, on loopback only: the fuzzer forks
conversations through it (tools/fuzz/walker.py, `Fork`). bot/launch/processes.py is not changed."""

from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.launch import environment as runtime
from bot.launch.processes import (
    RASA,
    RASA_SERVER,
    Servers,
    free_port,
    start_action_server,
    wait_until_up,
)
from bot.settings import ROOT


@dataclass(frozen=True)
class FuzzStack:
    rasa_url: str
    token: str  # the HTTP API's auth token
    work: Path
    log: Path  # both servers' output
    tracker_db: Path


def environment(work: Path, action_port: int, rasa_port: int) -> dict[str, str]:
    return runtime.environment(
        {
            **os.environ,
            "SPINEBOT_DATA_DIR": str(work),
            "SPINEBOT_ACTION_PORT": str(action_port),
            "SPINEBOT_RASA_PORT": str(rasa_port),
            "ACTION_SERVER_URL": f"http://localhost:{action_port}/webhook",
            "TRACKER_DB": str(work / "tracker.sqlite3"),
            "DATABASE_URL": f"sqlite:///{work / 'spinebot.sqlite3'}",
        }
    )


def train(work: Path, env: Mapping[str, str]) -> Path:
    """A fresh model of the working tree's config, domain and data, in `work`."""
    result = subprocess.run(
        [RASA, "train", "--out", str(work), "--fixed-model-name", "fuzz"],
        cwd=ROOT,
        env=dict(env),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"rasa train failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return work / "fuzz.tar.gz"


def start_rasa_with_api(
    servers: Servers, model: Path, port: int, token: str, env: Mapping[str, str]
) -> None:
    args = [
        "run",
        *("--model", str(model)),
        *("--endpoints", "endpoints.yml"),
        *("--credentials", "credentials.yml"),
        *("--port", str(port)),
        *("--interface", "127.0.0.1"),
        "--enable-api",
        *("--auth-token", token),
    ]
    process = servers.start(args, env, program=RASA_SERVER)
    wait_until_up(f"http://localhost:{port}/", process, "the Rasa server")


@contextmanager
def fuzz_stack(work: Path, model: Path | None) -> Iterator[FuzzStack]:
    """Train (unless `model` is given), start both servers, and stop them on exit."""
    action_port, rasa_port = free_port(), free_port()
    env = environment(work, action_port, rasa_port)
    model = model.resolve() if model is not None else train(work, env)
    # Hex: a token that starts with "-" is read by the rasa command as an option.
    log, token = work / "servers.log", secrets.token_hex(16)
    servers = Servers(log=log)
    try:
        start_action_server(servers, action_port, env)
        start_rasa_with_api(servers, model, rasa_port, token, env)
        yield FuzzStack(f"http://127.0.0.1:{rasa_port}", token, work, log, work / "tracker.sqlite3")
    finally:
        servers.stop()
