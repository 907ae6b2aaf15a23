"""`python -m bot.notifications [--every SECONDS]`: send the new-request e-mails that are due.

Once by default (for cron); with --every, again after each pause until stopped. Exits 0 with a
note when clinic.yml configures no e-mail, 2 when the configuration is wrong.
"""

from __future__ import annotations

import argparse
import sys
import time

from bot.clinic import ConfigError
from bot.db.session import create_schema, default_engine
from bot.notifications.mail_settings import email_settings
from bot.notifications.outbox import deliver_due


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m bot.notifications", description=__doc__)
    parser.add_argument("--every", type=float, metavar="SECONDS", help="repeat after a pause")
    args = parser.parse_args(argv)
    try:
        settings = email_settings()
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if settings is None:
        print("no notifications.email in the clinic configuration: nothing to send")
        return 0
    engine = default_engine()
    create_schema(engine)
    while True:
        delivery = deliver_due(engine, settings)
        print(f"sent {delivery.sent}, failed {delivery.failed}, waiting {delivery.waiting}")
        if args.every is None:
            return 0
        time.sleep(args.every)


if __name__ == "__main__":
    sys.exit(main())
