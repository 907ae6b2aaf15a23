"""Start SpineBot: the action server, then the Rasa server (REST and socket.io) and the web app
(chat page), or `rasa shell`.

`python -m bot.run` (what `make run` calls) prints where to talk to the bot and stops all the
servers on Ctrl-C. `python -m bot.run --shell` opens `rasa shell` against the same action server.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from bot import runtime, settings
from bot.db.seed import ensure_seeded
from bot.db.session import default_engine
from bot.servers import (
    RASA,
    Servers,
    StartupError,
    start_action_server,
    start_rasa_server,
    start_web_app,
)

MODEL = settings.ROOT / "models" / "spinebot.tar.gz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.run", description=__doc__)
    parser.add_argument("--shell", action="store_true", help="open rasa shell instead of a server")
    parser.add_argument("--port", type=int, default=runtime.DEFAULT_RASA_PORT)
    args = parser.parse_args(argv)
    if not MODEL.exists():
        print(f"error: no trained model at {MODEL}; run `make train` first", file=sys.stderr)
        return 1
    env = runtime.environment({**os.environ, "SPINEBOT_RASA_PORT": str(args.port)})
    ensure_seeded(default_engine())
    action_port = int(env.get("SPINEBOT_ACTION_PORT", runtime.DEFAULT_ACTION_PORT))
    web_port = int(env.get("SPINEBOT_WEB_PORT", runtime.DEFAULT_WEB_PORT))
    servers = Servers()
    try:
        print(f"starting the action server on port {action_port} ...", flush=True)
        start_action_server(servers, action_port, env)
        if args.shell:
            shell = [RASA, "shell", "--model", str(MODEL), "--endpoints", "endpoints.yml"]
            return subprocess.call(shell, env=env, cwd=settings.ROOT)
        print(f"starting the Rasa server on port {args.port} (takes about 20 s) ...", flush=True)
        start_rasa_server(servers, MODEL, args.port, env)
        print(f"starting the web app on port {web_port} ...", flush=True)
        start_web_app(servers, web_port, env)
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
