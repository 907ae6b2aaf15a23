"""Start and stop the action server, the Rasa server and the web app as child processes.

Used by `python -m bot.launch` (`make run`, `make shell`), the end-to-end tests (tests/stack.py)
and the tools, so all start the bot the same way: the Rasa server through its entry point
`python -m bot.rasa_server` (patched Rasa, no JAX), every server on loopback unless configured
otherwise ($SPINEBOT_RASA_INTERFACE for the Rasa server, $SANIC_HOST for the action server).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bot.launch.environment import LOOPBACK
from bot.settings import ROOT

STARTUP_SECONDS = 240
# Plain `rasa`, unpatched: for training, testing, and the benchmark's comparators.
RASA = str(Path(sys.executable).with_name("rasa"))
# The Rasa server as this project runs it: patched, without JAX in the process (bot/rasa_server.py).
RASA_SERVER = (sys.executable, "-m", "bot.rasa_server")


def free_port() -> int:
    """A TCP port nobody listens on at the moment, on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class StartupError(RuntimeError):
    """A server exited or did not answer in time."""


def wait_until_up(url: str, process: subprocess.Popen[bytes], name: str) -> None:
    """Return once `url` answers; StartupError if `process` (called `name`) exits first or
    STARTUP_SECONDS pass."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StartupError(f"{name} exited with code {process.returncode} while starting")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise StartupError(f"{name} did not answer at {url} within {STARTUP_SECONDS} s")


@dataclass
class Servers:
    """The child processes started so far, in order, stopped together by `stop()`."""

    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    log: Path | None = None  # where the servers' output goes (default: this terminal)

    def start(
        self, args: list[str], env: Mapping[str, str], program: str | Sequence[str] = RASA
    ) -> subprocess.Popen[bytes]:
        """Start `program ARGS` in the project folder with `env`; output to `log` if set.

        `program` is one executable or a command prefix (default: plain `rasa`).
        """
        command = [program, *args] if isinstance(program, str) else [*program, *args]
        if self.log is None:
            process = subprocess.Popen(command, env=dict(env), cwd=ROOT)
        else:
            with self.log.open("ab") as out:
                process = subprocess.Popen(
                    command, env=dict(env), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
                )
        self.processes.append(process)
        return process

    def alive(self) -> bool:
        """Whether every process started is still running."""
        return all(process.poll() is None for process in self.processes)

    def stop(self) -> None:
        """Terminate every process; kill one that has not exited 15 s later."""
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def start_action_server(servers: Servers, port: int, env: Mapping[str, str]) -> None:
    """The action server on `port` (listening on $SANIC_HOST), once it answers /health."""
    process = servers.start(["run", "actions", "--actions", "actions", "--port", str(port)], env)
    wait_until_up(f"http://localhost:{port}/health", process, "the action server")


def rasa_interface(env: Mapping[str, str]) -> str:
    """The address the Rasa server listens on: $SPINEBOT_RASA_INTERFACE, or loopback.

    Loopback unless told otherwise: in a deployment, browsers reach it through the proxy.
    """
    return env.get("SPINEBOT_RASA_INTERFACE", LOOPBACK)


def rasa_run_args(model: Path, port: int, env: Mapping[str, str]) -> list[str]:
    """`python -m bot.rasa_server`'s arguments for the server with both channels."""
    return [
        "run",
        "--model",
        str(model),
        "--endpoints",
        "endpoints.yml",
        "--credentials",
        "credentials.yml",
        "--port",
        str(port),
        "--interface",
        rasa_interface(env),
    ]


def shell_command(model: Path, port: int, env: Mapping[str, str]) -> list[str]:
    """The `rasa shell` command line: patched Rasa (bot/rasa_server.py), whose server the
    terminal talks to listening on `rasa_interface(env)` and `port`."""
    args = ["shell", "--model", str(model), "--endpoints", "endpoints.yml", "--port", str(port)]
    return [*RASA_SERVER, *args, "--interface", rasa_interface(env)]


def start_rasa_server(servers: Servers, model: Path, port: int, env: Mapping[str, str]) -> None:
    """The Rasa server (REST and socket.io) on `port`, once it answers."""
    process = servers.start(rasa_run_args(model, port, env), env, program=RASA_SERVER)
    wait_until_up(f"http://localhost:{port}/", process, "the Rasa server")


def web_app_args(port: int, model: Path) -> list[str]:
    """The Python arguments that start the web app on loopback and `port`, checking at start
    that `model` (the Rasa server's) exists."""
    return ["-m", "bot.web", "--host", LOOPBACK, "--port", str(port), "--model", str(model)]


def start_web_app(servers: Servers, port: int, env: Mapping[str, str], model: Path) -> None:
    """The chat page and the staff console (bot/web) on loopback and `port`, once it answers."""
    process = servers.start(web_app_args(port, model), env, program=sys.executable)
    wait_until_up(f"http://localhost:{port}/health", process, "the web app")


@contextmanager
def running(
    model: Path,
    rasa_port: int,
    action_port: int,
    env: Mapping[str, str],
    log: Path | None = None,
    web_port: int | None = None,
) -> Iterator[Servers]:
    """The servers (the web app too if `web_port` is given), stopped on exit whatever happens."""
    servers = Servers(log=log)
    try:
        start_action_server(servers, action_port, env)
        start_rasa_server(servers, model, rasa_port, env)
        if web_port is not None:
            start_web_app(servers, web_port, env, model)
        yield servers
    finally:
        servers.stop()
