"""`python -m bot.console.users`: add, change, deactivate, reactivate and list staff accounts.

Passwords are asked for twice on the terminal, or read from the first line of standard input
with --password-stdin (for scripts and CI, which have no terminal). Exit codes: 0 done, 1 the
request was refused (e.g. the user exists), 2 the command or the configuration is wrong.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.console import audit, users
from bot.db.session import create_schema, default_engine

ACTOR = "cli"  # the audit log's username for changes made here


class _Refused(Exception):
    """The command cannot go on; exit with `code` after printing the message."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.console.users", description="Manage staff console accounts."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add = commands.add_parser("add", help="add a staff user (role staff unless --admin)")
    add.add_argument("username")
    add.add_argument("--admin", action="store_true", help="give the user the admin role")
    passwd = commands.add_parser("passwd", help="set a user's password")
    passwd.add_argument("username")
    for command in (add, passwd):
        command.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from the first line of standard input",
        )
    deactivate = commands.add_parser("deactivate", help="stop a user signing in")
    deactivate.add_argument("username")
    reactivate = commands.add_parser("reactivate", help="let a deactivated user sign in again")
    reactivate.add_argument("username")
    commands.add_parser("list", help="list the staff users")
    return parser


def _read_password(from_stdin: bool, stdin: TextIO) -> str:
    if from_stdin:
        line = stdin.readline()
        if not line:
            raise _Refused("no password on standard input", 2)
        return line.rstrip("\r\n")
    if not stdin.isatty():
        raise _Refused("no terminal to ask for the password; use --password-stdin", 2)
    password = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != password:
        raise _Refused("the two passwords differ", 1)
    return password


def _listed(user: users.StaffUser) -> str:
    state = "active" if user.active else "inactive"
    seen = (
        f"last login {user.last_login_at:%Y-%m-%d %H:%M} UTC"
        if user.last_login_at
        else "never signed in"
    )
    return f"{user.username}\t{user.role}\t{state}\t{seen}"


def _run(args: argparse.Namespace, session: Session, stdin: TextIO) -> str:
    """Do the command in the session's transaction; return what to print."""
    if args.command == "list":
        lines = [_listed(user) for user in users.list_users(session)]
        return "\n".join(lines) if lines else "no staff users yet"
    if args.command == "deactivate":
        users.deactivate(session, args.username)
        audit.record_audit(session, ACTOR, "user_deactivated", detail=args.username)
        return f"deactivated {users.normalise_username(args.username)}"
    if args.command == "reactivate":
        users.reactivate(session, args.username)
        audit.record_audit(session, ACTOR, "user_reactivated", detail=args.username)
        return f"reactivated {users.normalise_username(args.username)}"
    if args.command == "passwd":
        if users.get_user(session, args.username) is None:  # before asking for a password
            raise users.UserError(f"no staff user named {args.username!r}")
        users.set_password(session, args.username, _read_password(args.password_stdin, stdin))
        audit.record_audit(session, ACTOR, "password_changed", detail=args.username)
        return f"password changed for {users.normalise_username(args.username)}"
    role = "admin" if args.admin else "staff"
    password = _read_password(args.password_stdin, stdin)
    user = users.create_user(session, args.username, password, role)
    audit.record_audit(session, ACTOR, "user_created", detail=f"{user.username} ({role})")
    return f"added {user.username} ({role})"


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None) -> int:
    """`python -m bot.console.users ...`: exit 0 done, 1 refused, 2 wrong arguments, no terminal
    or no database (docs/console.md)."""
    args = _parser().parse_args(argv)  # exits with 2 and a usage message on bad arguments
    try:
        engine = default_engine()
        create_schema(engine)
        with Session(engine, future=True) as session, session.begin():
            print(_run(args, session, stdin or sys.stdin))
    except _Refused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return refused.code
    except users.UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or type(error).__name__).splitlines()[0]
        print(f"error: the database cannot be used: {reason}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
