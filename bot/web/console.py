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
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo

from sanic import Request, Sanic
from sanic.response import HTTPResponse
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.db.session import engine_for, session_factory
from bot.intake.phone import for_reading, tel_uri
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
NOT_ASSESSED = "not assessed"  # the words for a record without a level (no triage was done)


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


def waiting_words(waited: timedelta) -> str:
    """How long someone has waited, as a front desk says it: "12 min" under an hour, "5 h" under
    two days, then "3 days" (whole units, rounded down; "0 min" for a time in the future)."""
    minutes = max(int(waited.total_seconds() // 60), 0)
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h"
    return f"{hours // 24} days"


@dataclass(frozen=True)
class ClinicClock:
    """The clinic's clock (clinic.yml `time_zone`): every time a console page shows, and the
    days its date filters mean, are in the clinic's time zone; `now` is when the page is made."""

    zone: ZoneInfo
    now: datetime  # timezone-aware

    @property
    def abbreviation(self) -> str:
        """The zone's abbreviation now ("EST", "EDT"), said once on every page."""
        return self.now.astimezone(self.zone).tzname() or self.zone.key

    def at(self, moment: datetime | None, seconds: bool = False) -> str:
        """A UTC time as the clinic's wall-clock time, "2026-11-21 05:00" ("05:00:12" with
        seconds); the zone's abbreviation follows when it is not the one the page names (a summer
        time read in winter); "—" for None."""
        if moment is None:
            return "—"
        local = moment.astimezone(self.zone)
        shown = local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
        name = local.tzname()
        return shown if name == self.abbreviation else f"{shown} {name}"

    def day_start(self, day: date) -> datetime:
        """Midnight at the start of `day` in the clinic's time zone, in UTC."""
        return datetime.combine(day, time.min, tzinfo=self.zone).astimezone(timezone.utc)

    def today(self) -> date:
        """Today's date in the clinic."""
        return self.now.astimezone(self.zone).date()

    def waited(self, since: datetime) -> str:
        """How long since `since`, in words (`waiting_words`)."""
        return waiting_words(self.now - since)


def clinic_clock(request: Request) -> ClinicClock:
    """The clinic's clock as of now, for this request's app."""
    return ClinicClock(services(request).config.clinic.zone, now())


def phone_link(request: Request, number: str) -> tuple[str, str]:
    """A stored phone number as staff read it and the tel: URI that dials it, read in the
    clinic's country (clinic.yml `country`; bot/intake/phone.py)."""
    country = services(request).config.clinic.country
    return for_reading(number, country), tel_uri(number, country)


def page(request: Request, template: str, status: int = 200, **values: Any) -> HTTPResponse:
    """A console page (templates/console/), with the clinic, the level words, the clinic's clock
    (`clock`, a ClinicClock: `clock.at(time)`), `phone_link(number)` (the number for reading and
    its tel: URI) and the signed-in staff member (`request.ctx.staff`, None on the sign-in page)
    filled in."""
    values.setdefault("staff", request.ctx.staff)
    values.setdefault("clock", clinic_clock(request))
    values.setdefault("phone_link", lambda number: phone_link(request, number))
    clinic = services(request).config.clinic
    return render(
        template,
        status=status,
        clinic=clinic,
        level_words=LEVEL_WORDS,
        not_assessed=NOT_ASSESSED,
        **values,
    )


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
