"""What every staff console page shares: the services the app carries, the database work done
off the event loop, and the page, form and download helpers.

The console's routes are module-level handlers in three modules, each with its own blueprint:
bot/web/console_auth.py (signing in and out, and the `signed_in` guard every other route wears),
bot/web/console_views.py (the queue, a record, follow-up, exports, the screening report) and
bot/web/console_admin.py (staff accounts and the audit log). Every route but the sign-in page
needs a signed-in staff member; every form carries the session's CSRF token; every view, change
and export of a record is written to the audit log. The data work is in bot/records/ and
bot/console/; these modules are the HTTP glue.

SQLAlchemy's calls and scrypt block the thread they run in, so handlers never make them
directly: `in_transaction` runs the work in a worker thread, and the event loop goes on
serving other requests meanwhile.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, TypeVar, cast

from sanic import Request, Sanic
from sanic.response import HTTPResponse
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.db.session import engine_for, session_factory
from bot.web.config import WebConfig
from bot.web.templates import render

T = TypeVar("T")

# The words staff read for each triage level (bot/triage/levels.py), most urgent first.
LEVEL_WORDS = {
    "call_emergency": "call emergency now",
    "emergency_department": "emergency department now",
    "doctor_today": "doctor today",
    "doctor_soon": "doctor within days",
    "routine_appointment": "routine appointment",
    "self_care": "self-care",
}


@dataclass(frozen=True)
class ConsoleServices:
    """What the console's handlers need, kept on the app as `app.ctx.console`."""

    config: WebConfig
    sessions: sessionmaker  # the application database: records, accounts, audit, sessions
    tracker: Engine  # Rasa's tracker store: transcripts and the screening report


def attach_services(app: Sanic, config: WebConfig) -> None:
    """Give the app the console's services (engines are shared per URL, bot/db/session.py)."""
    app.ctx.console = ConsoleServices(
        config=config,
        sessions=session_factory(engine_for(config.database_url)),
        tracker=engine_for(config.tracker_url),
    )


def services(request: Request) -> ConsoleServices:
    """The console's services of the app serving this request."""
    return cast(ConsoleServices, request.app.ctx.console)


def now() -> datetime:
    """The current time in UTC (timezone-aware)."""
    return datetime.now(timezone.utc)


async def in_transaction(request: Request, work: Callable[[Session], T]) -> T:
    """Run `work(session)` in one transaction of the application database, in a worker thread.

    The transaction commits when `work` returns and rolls back when it raises; the exception is
    raised again here. Password hashing done inside `work` runs in that thread too.
    """
    sessions = services(request).sessions

    def run() -> T:
        with sessions() as session, session.begin():
            return work(session)

    return await asyncio.to_thread(run)


def page(request: Request, template: str, status: int = 200, **values: Any) -> HTTPResponse:
    """A console page (templates/console/), with the clinic, the level words and the signed-in
    staff member (`request.ctx.staff`, None on the sign-in page) filled in."""
    values.setdefault("staff", request.ctx.staff)
    clinic = services(request).config.clinic
    return render(template, status=status, clinic=clinic, level_words=LEVEL_WORDS, **values)


def error_page(request: Request, status: int, heading: str, message: str) -> HTTPResponse:
    """The console's error page with an HTTP status, a heading and a sentence saying what to do."""
    return page(request, "console/error.html", status, heading=heading, message=message)


def form(request: Request, name: str) -> str:
    """A posted form field as text; empty when it is missing or not text."""
    value = request.form.get(name) if request.form else None
    return value if isinstance(value, str) else ""


def download(filename: str) -> dict[str, str]:
    """Headers that make the browser save the response as `filename` and keep no copy."""
    return {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    }
