"""The staff console: sign-in, the queue, a record's detail, follow-up, exports, staff and audit.

Every route but the sign-in page needs a signed-in staff member; every form carries the
session's CSRF token; every view, change and export of a record is written to the audit log.
The data work is in bot/console/; this module is the HTTP glue.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect, text
from sqlalchemy.orm import Session

from bot.console import users
from bot.console.audit import list_audit, record_audit
from bot.console.screening_report import (
    ScreeningReport,
    report_csv,
    screening_report,
    stage_words,
)
from bot.console.transcripts import transcript
from bot.db.session import engine_for, session_factory
from bot.records import queue as records
from bot.records import workflow
from bot.records.queue import KINDS, LEVEL_ORDER, STATUSES, RecordDetail, RecordNotFound
from bot.records.workflow import TransitionError
from bot.web import exports
from bot.web.config import WebConfig
from bot.web.staff_sessions import (
    COOKIE,
    StaffSession,
    csrf_matches,
    end_session,
    end_sessions_of,
    resume_session,
    start_session,
)
from bot.web.templates import render

LOGIN_COOKIE = "spinebot_login"
PAGE_SIZE = 100
LEVEL_WORDS = {
    "call_emergency": "call emergency now",
    "emergency_department": "emergency department now",
    "doctor_today": "doctor today",
    "doctor_soon": "doctor within days",
    "routine_appointment": "routine appointment",
    "self_care": "self-care",
}

DONE = {"status": "Status saved.", "note": "Note added."}

Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]


def now() -> datetime:
    return datetime.now(timezone.utc)


def console_blueprint(config: WebConfig) -> Blueprint:
    console = Blueprint("console", url_prefix="/console")
    factory = session_factory(engine_for(config.database_url))
    tracker = engine_for(config.tracker_url)

    @contextmanager
    def database() -> Iterator[Session]:
        with factory() as session, session.begin():
            yield session

    def page(request: Request, template: str, status: int = 200, **values: Any) -> HTTPResponse:
        values.setdefault("staff", request.ctx.staff)
        return render(template, status=status, clinic=config.clinic, level_words=LEVEL_WORDS,
                      **values)  # fmt: skip

    def signed_in(admin: bool = False) -> Callable[[Handler], Handler]:
        """Require a live session (and the admin role); check CSRF on every POST."""

        def decorate(handler: Handler) -> Handler:
            @wraps(handler)
            async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
                with database() as session:
                    staff = resume_session(
                        session, request.cookies.get(COOKIE), now(), config.idle_timeout
                    )
                    account = users.get_user(session, staff.username) if staff else None
                    if staff is not None and (account is None or not account.active):
                        end_sessions_of(session, staff.username)  # deactivated meanwhile
                        staff = None
                    elif staff is not None and account is not None:
                        staff = replace(staff, role=account.role)  # a role change counts now
                if staff is None:
                    return redirect("/console/login")
                request.ctx.staff = staff
                if admin and not staff.is_admin:
                    return page(request, "console/error.html", 403, heading="Not allowed",
                                message="This page is for administrators.")  # fmt: skip
                if request.method == "POST" and not csrf_matches(
                    staff, form(request, "csrf_token")
                ):
                    return page(request, "console/error.html", 403, heading="Form expired",
                                message="Reload the page and try again.")  # fmt: skip
                return await handler(request, staff, *args, **kwargs)

            return guarded

        return decorate

    # ---- signing in and out ---------------------------------------------------------------

    @console.get("/login")
    async def login_form(request: Request) -> HTTPResponse:
        request.ctx.staff = None
        return login_page(request)

    def login_page(request: Request, error: str | None = None, username: str = "",
                   status: int = 200) -> HTTPResponse:  # fmt: skip
        token = secrets.token_urlsafe(24)
        response = page(request, "console/login.html", status, csrf_token=token, error=error,
                        username=username)  # fmt: skip
        set_cookie(response, LOGIN_COOKIE, token, config.secure_cookies, path="/console/login")
        return response

    @console.post("/login")
    async def login(request: Request) -> HTTPResponse:
        request.ctx.staff = None
        submitted = form(request, "csrf_token")
        expected = request.cookies.get(LOGIN_COOKIE)
        if not (submitted and expected and secrets.compare_digest(submitted, expected)):
            return login_page(request, "The sign-in form expired. Please try again.", status=403)
        username = form(request, "username").strip()[:64]
        password = form(request, "password")[:1024]
        address = client_address(request)
        with database() as session:
            if not users.login_allowed(session, username, address, now()):
                record_audit(session, username or None, "login_blocked", None, "rate limit")
                return login_page(request, "Too many attempts. Wait 15 minutes and try again.",
                                  username, status=429)  # fmt: skip
            user = users.authenticate(session, username, password, address, now())
            if user is None:
                record_audit(session, username or None, "login_failed")
                return login_page(request, "Wrong username or password.", username, status=401)
            token = start_session(session, user.username, user.role, now())
            record_audit(session, user.username, "login")
        response = redirect("/console/")
        set_cookie(response, COOKIE, token, config.secure_cookies, path="/console")
        return response

    @console.post("/logout")
    @signed_in()
    async def logout(request: Request, staff: StaffSession) -> HTTPResponse:
        with database() as session:
            end_session(session, request.cookies.get(COOKIE))
            record_audit(session, staff.username, "logout")
        response = redirect("/console/login")
        set_cookie(response, COOKIE, "", config.secure_cookies, path="/console", max_age=0)
        return response

    # ---- the queue and its CSV ------------------------------------------------------------

    @console.get("/")
    @signed_in()
    async def queue(request: Request, staff: StaffSession) -> HTTPResponse:
        filters, problem = read_filters(request)
        with database() as session:
            items = records.queue(session, **filters, limit=PAGE_SIZE) if not problem else []
        shown = {key: request.args.get(key, "") for key in ("level", "status", "kind", "since",
                                                             "until", "q")}  # fmt: skip
        return page(request, "console/queue.html", 400 if problem else 200, items=items,
                    filters=shown, flash=problem, levels=list(LEVEL_WORDS.items()),
                    statuses=STATUSES, kinds=KINDS,
                    query=urlencode({k: v for k, v in shown.items() if v}))  # fmt: skip

    @console.get("/export.csv")
    @signed_in()
    async def export_csv(request: Request, staff: StaffSession) -> HTTPResponse:
        filters, problem = read_filters(request)
        if problem:
            return text(problem, status=400)
        with database() as session:
            items = records.queue(session, **filters, limit=None)
            record_audit(session, staff.username, "exported_csv", None, f"{len(items)} rows")
        return text(exports.queue_csv(items), content_type="text/csv; charset=utf-8",
                    headers=download(f"spinebot-queue-{date.today()}.csv"))  # fmt: skip

    # ---- one record ---------------------------------------------------------------------

    def audited_detail(reference: str, staff: StaffSession, action: str) -> RecordDetail | None:
        """The record, with an audit entry saying who read it and why; None if there is none."""
        with database() as session:
            found = records.record_detail(session, reference)
            if found is not None:
                record_audit(session, staff.username, action, found.reference)
            return found

    @console.get("/records/<reference:str>")
    @signed_in()
    async def record(request: Request, staff: StaffSession, reference: str) -> HTTPResponse:
        found = audited_detail(reference, staff, "viewed")
        if found is None:
            return not_found(request)
        lines = transcript(tracker, found.conversation_id)
        return page(request, "console/record.html", record=found, summary=found.summary,
                    screening=exports.screening_answers(found.summary), transcript=lines,
                    next_statuses=workflow.next_statuses(found.status, found.kind),
                    flash=DONE.get(request.args.get("done", "")))  # fmt: skip

    @console.post("/records/<reference:str>/status")
    @signed_in()
    async def change_status(request: Request, staff: StaffSession, reference: str) -> HTTPResponse:
        new_status = form(request, "status")
        note = form(request, "note").strip()[:2000] or None
        try:
            with database() as session:
                workflow.change_status(session, reference, new_status, staff.username, note, now())
                record_audit(session, staff.username, "status_changed", reference, new_status)
        except RecordNotFound:
            return not_found(request)
        except TransitionError as error:
            return page(request, "console/error.html", 400, heading="Status not changed",
                        message=str(error))  # fmt: skip
        return redirect(f"/console/records/{reference}?done=status")

    @console.post("/records/<reference:str>/notes")
    @signed_in()
    async def add_note(request: Request, staff: StaffSession, reference: str) -> HTTPResponse:
        note = form(request, "note").strip()[:2000]
        if not note:
            return page(request, "console/error.html", 400, heading="Empty note",
                        message="Write something in the note first.")  # fmt: skip
        try:
            with database() as session:
                workflow.add_note(session, reference, staff.username, note, now())
                record_audit(session, staff.username, "note_added", reference)
        except RecordNotFound:
            return not_found(request)
        return redirect(f"/console/records/{reference}?done=note")

    @console.get("/records/<reference:str>/fhir.json")
    @signed_in()
    async def export_fhir(request: Request, staff: StaffSession, reference: str) -> HTTPResponse:
        found = audited_detail(reference, staff, "exported_fhir")
        if found is None:
            return not_found(request)
        return text(exports.fhir_json(found), content_type="application/fhir+json",
                    headers=download(f"{found.reference}.json"))  # fmt: skip

    @console.get("/questionnaire.json")
    @signed_in()
    async def questionnaire(request: Request, staff: StaffSession) -> HTTPResponse:
        return text(exports.questionnaire_json(), content_type="application/fhir+json")

    # ---- the screening report: grouped against one-by-one screening (CLINICAL.md §8.4) ----

    async def screening_figures(
        request: Request,
    ) -> tuple[ScreeningReport | None, dict[str, str], str | None]:
        """The report for the period in the query string (None with a message if it is wrong),
        and the period as typed. Read in a worker thread: it scans the tracker store."""
        shown = {key: request.args.get(key, "") for key in ("since", "until")}
        try:
            since, last = _day(shown["since"]), _day(shown["until"])
            until = last + timedelta(days=1) if last else None  # the "to" day is included
        except (ValueError, OverflowError):
            return None, shown, "Dates must look like 2026-11-21."
        report = await asyncio.to_thread(screening_report, tracker, since, until)
        return report, shown, None

    @console.get("/screening")
    @signed_in()
    async def screening(request: Request, staff: StaffSession) -> HTTPResponse:
        report, shown, problem = await screening_figures(request)
        return page(request, "console/screening.html", 400 if problem else 200, report=report,
                    filters=shown, flash=problem, stage_words=stage_words,
                    query=urlencode({k: v for k, v in shown.items() if v}))  # fmt: skip

    @console.get("/screening.csv")
    @signed_in()
    async def screening_csv(request: Request, staff: StaffSession) -> HTTPResponse:
        report, _, problem = await screening_figures(request)
        if report is None:
            return text(problem or "Bad request.", status=400)
        with database() as session:
            record_audit(session, staff.username, "exported_csv", None, "screening report")
        return text(report_csv(report), content_type="text/csv; charset=utf-8",
                    headers=download(f"spinebot-screening-{date.today()}.csv"))  # fmt: skip

    # ---- administrators -----------------------------------------------------------------

    @console.get("/users")
    @signed_in(admin=True)
    async def staff_list(request: Request, staff: StaffSession) -> HTTPResponse:
        with database() as session:
            return page(request, "console/users.html", users=users.list_users(session))

    @console.post("/users")
    @signed_in(admin=True)
    async def add_user(request: Request, staff: StaffSession) -> HTTPResponse:
        username, role = form(request, "username").strip(), form(request, "role")
        try:
            with database() as session:
                users.create_user(session, username, form(request, "password"), role, now())
                record_audit(session, staff.username, "user_created", None, f"{username} ({role})")
        except users.UserError as error:
            with database() as session:
                listed = users.list_users(session)
            return page(request, "console/users.html", 400, users=listed, error=str(error))
        return redirect("/console/users")

    @console.get("/audit")
    @signed_in(admin=True)
    async def audit_log(request: Request, staff: StaffSession) -> HTTPResponse:
        with database() as session:
            entries = list_audit(session, reference=request.args.get("reference"), limit=500)
        return page(request, "console/audit.html", entries=entries)

    def not_found(request: Request) -> HTTPResponse:
        return page(request, "console/error.html", 404, heading="Not found",
                    message="There is no record with that reference.")  # fmt: skip

    return console


def form(request: Request, name: str) -> str:
    value = request.form.get(name) if request.form else None
    return value if isinstance(value, str) else ""


def client_address(request: Request) -> str:
    """The peer address (the app runs behind a proxy only via its forwarded-for setting)."""
    return str(request.remote_addr or request.ip or "unknown")[:64]


def set_cookie(
    response: HTTPResponse,
    name: str,
    value: str,
    secure: bool,
    path: str,
    max_age: int | None = None,
) -> None:
    response.cookies[name] = value
    cookie = response.cookies[name]
    if max_age is not None:
        cookie["max-age"] = max_age
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = path
    if secure:
        cookie["secure"] = True


def download(filename: str) -> dict[str, str]:
    return {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    }


def read_filters(request: Request) -> tuple[dict[str, Any], str | None]:
    """The queue's filters from the query string, or a message saying what is wrong."""
    args = request.args
    level, status, kind = args.get("level") or None, args.get("status") or None, args.get("kind")
    if level is not None and level not in LEVEL_ORDER:
        return {}, "Unknown urgency level."
    if status is not None and status not in STATUSES:
        return {}, "Unknown status."
    if kind and kind not in KINDS:
        return {}, "Unknown kind."
    try:
        since = _day(args.get("since"))
        until = _day(args.get("until"))
    except ValueError:
        return {}, "Dates must look like 2026-11-21."
    return {
        "level": level,
        "status": status,
        "kind": kind or None,
        "since": since,
        "until": until + timedelta(days=1) if until else None,
        "search": (args.get("q") or "").strip()[:100] or None,
    }, None


def _day(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.combine(date.fromisoformat(value), time.min, tzinfo=timezone.utc)
