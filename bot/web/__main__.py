"""Run the web app: `python -m bot.web [--port N]` (make run starts it with the bot)."""

from __future__ import annotations

import argparse
import sys

from bot.clinic import ConfigError
from bot.launch.environment import DEFAULT_WEB_PORT
from bot.web.app import create_app


def main(argv: list[str] | None = None) -> int:
    """Serve the web app until stopped: exit 0, or 1 with the reason if the clinic file is wrong."""
    parser = argparse.ArgumentParser(prog="python -m bot.web", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_WEB_PORT)
    args = parser.parse_args(argv)
    try:
        app = create_app()
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    app.run(host=args.host, port=args.port, access_log=False, workers=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
