"""Start SpineBot: the action server, then the Rasa server (REST and socket.io) and the web app
(chat page), or `rasa shell`; every server on loopback unless configured otherwise.

`python -m bot.launch` (what `make run` calls) prints where to talk to the bot and stops all the
servers on Ctrl-C. `python -m bot.launch --shell` (`make shell`) opens `rasa shell`, patched like
the Rasa server (bot/rasa_server.py), against the same action server.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from bot import settings
from bot.db.seed import ensure_seeded
from bot.db.session import default_engine
from bot.launch import environment
from bot.launch.processes import (
    Servers,
    StartupError,
    shell_command,
    start_action_server,
    start_rasa_server,
    start_web_app,
)

MODEL = settings.ROOT / "models" / "spinebot.tar.gz"


def main(argv: list[str] | None = None) -> int:
    """Run the bot until Ctrl-C (or the shell until it ends); returns the exit status.

    `argv`: `[--shell] [--port N]` (the Rasa server's port, default 5005). Returns 1 if the
    model is missing, a server fails to start or one stops on its own.
    """
    parser = argparse.ArgumentParser(prog="python -m bot.launch", description=__doc__)
    parser.add_argument("--shell", action="store_true", help="open rasa shell instead of a server")
    parser.add_argument("--port", type=int, default=environment.DEFAULT_RASA_PORT)
    args = parser.parse_args(argv)
    if not MODEL.exists():
        print(f"error: no trained model at {MODEL}; run `make train` first", file=sys.stderr)
        return 1
    env = environment.environment({**os.environ, "SPINEBOT_RASA_PORT": str(args.port)})
    ensure_seeded(default_engine())
    action_port = int(env.get("SPINEBOT_ACTION_PORT", environment.DEFAULT_ACTION_PORT))
    web_port = int(env.get("SPINEBOT_WEB_PORT", environment.DEFAULT_WEB_PORT))
    servers = Servers()
    try:
        print(f"starting the action server on port {action_port} ...", flush=True)
        start_action_server(servers, action_port, env)
        if args.shell:
            shell = shell_command(MODEL, args.port, env)
            return subprocess.call(shell, env=env, cwd=settings.ROOT)
        print(f"starting the Rasa server on port {args.port} (takes about 20 s) ...", flush=True)
        start_rasa_server(servers, MODEL, args.port, env)
        print(f"starting the web app on port {web_port} ...", flush=True)
        start_web_app(servers, web_port, env, MODEL)
        print(
            "\nSpineBot is running. Talk to it:\n"
            f"  chat page: http://localhost:{web_port}/\n"
            f"  console:   http://localhost:{web_port}/console/\n"
            "             (staff accounts: .venv/bin/python -m bot.console.users add NAME)\n"
            f"  REST:      POST http://localhost:{args.port}/webhooks/rest/webhook\n"
            '             {"sender": "me", "message": "hello"}\n'
            f"  socket.io: http://localhost:{args.port}/socket.io\n"
            "  terminal:  make shell\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        while servers.alive():
            time.sleep(1)
        print("a server stopped; shutting down", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    except StartupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        servers.stop()


if __name__ == "__main__":
    sys.exit(main())
