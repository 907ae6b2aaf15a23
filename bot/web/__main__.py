"""Run the web app: `python -m bot.web [--host H] [--port N] [--model PATH | --no-model-check]`
(make run starts it with the bot).

It refuses to start (exit 1, with what to run) when the chat widget's files, the socket.io client
(`make widget`) or the trained model (`make train`) are missing, or the clinic file is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.clinic import ConfigError
from bot.launch.environment import DEFAULT_WEB_PORT
from bot.web.app import create_app
from bot.web.config import web_config
from bot.web.startup import DEFAULT_MODEL, deployment_problems


def main(argv: list[str] | None = None) -> int:
    """Serve the web app until stopped: exit 0, or 1 with the reasons when the deployment is
    incomplete or the clinic file is wrong."""
    parser = argparse.ArgumentParser(prog="python -m bot.web", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_WEB_PORT)
    parser.add_argument(
        "--model",
        type=Path,
        default=DEFAULT_MODEL,
        help="the model the Rasa server loads (checked to exist)",
    )
    parser.add_argument(
        "--no-model-check",
        action="store_true",
        help="the Rasa server and its model are on another machine",
    )
    args = parser.parse_args(argv)
    try:
        config = web_config()
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    problems = deployment_problems(config, None if args.no_model_check else args.model)
    if problems:
        print("error: the web app cannot start:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    app = create_app(config)
    app.run(host=args.host, port=args.port, access_log=False, workers=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
