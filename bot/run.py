"""Start SpineBot: the action server, then the Rasa server (REST and socket.io) or `rasa shell`.

`python -m bot.run` (what `make run` calls) prints where to talk to the bot and stops both
servers on Ctrl-C. `python -m bot.run --shell` opens `rasa shell` against the same action server.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bot import runtime, settings
from bot.db.seed import ensure_seeded
from bot.db.session import default_engine

MODEL = settings.ROOT / "models" / "spinebot.tar.gz"
STARTUP_SECONDS = 180


def _wait_until_up(url: str, process: subprocess.Popen[bytes], name: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with code {process.returncode} while starting")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError(f"{name} did not answer at {url} within {STARTUP_SECONDS} s")


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.run", description=__doc__)
    parser.add_argument("--shell", action="store_true", help="open rasa shell instead of a server")
    parser.add_argument("--port", type=int, default=runtime.DEFAULT_RASA_PORT)
    args = parser.parse_args(argv)
    if not MODEL.exists():
        print(f"error: no trained model at {MODEL}; run `make train` first", file=sys.stderr)
        return 1
    env = runtime.environment()
    ensure_seeded(default_engine())
    rasa = str(Path(sys.executable).with_name("rasa"))
    action_port = env.get("SPINEBOT_ACTION_PORT", str(runtime.DEFAULT_ACTION_PORT))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        print(f"starting the action server on port {action_port} ...", flush=True)
        actions = subprocess.Popen(
            [rasa, "run", "actions", "--actions", "actions", "--port", action_port], env=env
        )
        processes.append(actions)
        _wait_until_up(f"http://localhost:{action_port}/health", actions, "the action server")
        common = ["--model", str(MODEL), "--endpoints", "endpoints.yml"]
        if args.shell:
            return subprocess.call([rasa, "shell", *common], env=env)
        print(f"starting the Rasa server on port {args.port} (takes about 20 s) ...", flush=True)
        server = subprocess.Popen(
            [rasa, "run", *common, "--credentials", "credentials.yml", "--port", str(args.port)],
            env=env,
        )
        processes.append(server)
        _wait_until_up(f"http://localhost:{args.port}/", server, "the Rasa server")
        print(
            "\nSpineBot is running. Talk to it:\n"
            f"  REST:      POST http://localhost:{args.port}/webhooks/rest/webhook\n"
            '             {"sender": "me", "message": "hello"}\n'
            f"  socket.io: http://localhost:{args.port}/socket.io\n"
            "  terminal:  make shell\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        while all(process.poll() is None for process in processes):
            time.sleep(1)
        print("a server stopped; shutting down", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        _stop(processes)


if __name__ == "__main__":
    sys.exit(main())
