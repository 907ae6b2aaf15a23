"""The staff console's pages and exports: people to contact and the triage log with their CSV,
one record with its follow-up and FHIR export, and the screening report (administrators' pages:
bot/web/console_admin.py).

Every handler is wrapped in `signed_in` (bot/web/console_auth.py) and called with the signed-in
`StaffSession`; database and tracker work runs in a worker thread (bot/web/console.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect, text
from sqlalchemy.orm import Session

from bot.console.audit import record_audit
from bot.console.screening_report import (
    ScreeningReport,
    report_csv,
    screening_report,
    stage_words,
)
from bot.console.transcripts import transcript
from bot.records import queue as records
from bot.records import workflow
from bot.records.display import duration_words
from bot.records.intake_records import KINDS as REQUEST_KINDS
from bot.records.queue import (
    LEVEL_ORDER,
    NO_LEVEL,
    OPEN,
    STATUSES,
    TRIAGE_STATUSES,
    QueuePage,
    RecordDetail,
    RecordNotFound,
)
from bot.records.workflow import TransitionError
from bot.triage.flags import Region
from bot.web import exports
from bot.web.console import (
    LEVEL_WORDS,
    NOT_ASSESSED,
    ClinicClock,
    clinic_clock,
    download,
    error_page,
    form,
    in_transaction,
    now,
    page,
    services,
)
from bot.web.console_auth import signed_in
from bot.web.staff_sessions import StaffSession

NOTE_LENGTH = 2000  # characters of a staff note kept
SEARCH_LENGTH = 100  # characters of a list search kept
DONE = {"status": "Status saved.", "note": "Note added."}  # ?done=... after a change
BAD_DATE = "Dates must look like 2026-11-21."
ANY_STATUS = "any"  # the people-to-contact status filter's value for every status, closed too


@dataclass(frozen=True)
class ListView:
    """What one of the console's two lists reads from its query string, and its page sizes."""

    path: str  # where the page is served
    filters: tuple[str, ...]  # query parameters kept in the URL, besides `page` and `size`
    page_size: int  # rows on a page unless `size` asks for another number
    most: int  # the largest `size` served (a bigger one is served as this)


CONTACTS = ListView("/console/", ("level", "status", "kind", "since", "until", "q"), 25, 100)
TRIAGES = ListView(
    "/console/triages", ("level", "status", "region", "since", "until", "q"), 50, 200
)
REGIONS = tuple(region.value for region in Region)

views = Blueprint("console", url_prefix="/console")


def _day(value: str | None, clock: ClinicClock) -> datetime | None:
    """The start of an ISO date (2026-11-21) in the clinic's time zone, in UTC; None for an
    empty value (ValueError for a value that is not a date)."""
    if not value:
        return None
    return clock.day_start(date.fromisoformat(value))


def _period(args: Any, clock: ClinicClock) -> tuple[datetime | None, datetime | None]:
    """`since` and `until` as clinic days: from the start of `since` to the end of `until` (the
    "to" day is included). ValueError or OverflowError for a value that is not a date."""
    since = _day(args.get("since"), clock)
    last = args.get("until")
    until = clock.day_start(date.fromisoformat(last) + timedelta(days=1)) if last else None
    return since, until


def _common_filters(request: Request, clock: ClinicClock) -> tuple[dict[str, Any], str | None]:
    """The filters both lists share (level, dates, search), as keyword arguments of
    bot/records/queue.py's lists, or a message saying what is wrong."""
    args = request.args
    level = args.get("level") or None
    if level is not None and level not in (*LEVEL_ORDER, NO_LEVEL):
        return {}, "Unknown urgency level."
    try:
        since, until = _period(args, clock)
    except (ValueError, OverflowError):
        return {}, BAD_DATE
    search = (args.get("q") or "").strip()[:SEARCH_LENGTH] or None
    return {"level": level, "since": since, "until": until, "search": search}, None


def contact_filters(request: Request, clock: ClinicClock) -> tuple[dict[str, Any], str | None]:
    """People to contact's filters as `records.people_to_contact` keyword arguments, or a
    message saying what is wrong. No status means the open requests; "any" means all."""
    filters, problem = _common_filters(request, clock)
    if problem:
        return {}, problem
    status, kind = request.args.get("status") or OPEN, request.args.get("kind") or None
    if status not in (OPEN, ANY_STATUS, *STATUSES):
        return {}, "Unknown status."
    if kind is not None and kind not in REQUEST_KINDS:
        return {}, "Unknown kind."
    return {**filters, "status": None if status == ANY_STATUS else status, "kind": kind}, None


def log_filters(request: Request, clock: ClinicClock) -> tuple[dict[str, Any], str | None]:
    """The triage log's filters as `records.triage_log` keyword arguments, or a message saying
    what is wrong."""
    filters, problem = _common_filters(request, clock)
    if problem:
        return {}, problem
    status, region = request.args.get("status") or None, request.args.get("region") or None
    if status is not None and status not in TRIAGE_STATUSES:
        return {}, "Unknown status."
    if region is not None and region not in REGIONS:
        return {}, "Unknown body region."
    return {**filters, "status": status, "region": region}, None


def page_request(request: Request, view: ListView) -> tuple[int, int]:
    """The page number (1-based) and page size the query string asks for; a missing, unreadable
    or out-of-range value gives the first page and the view's size, a size above the view's
    largest gives the largest."""
    try:
        number = max(int(request.args.get("page", "1")), 1)
    except ValueError:
        number = 1
    try:
        size = min(max(int(request.args.get("size", str(view.page_size))), 1), view.most)
    except ValueError:
        size = view.page_size
    return number, size


def _shown(request: Request, keys: tuple[str, ...]) -> dict[str, str]:
    """The filters as typed, to fill the form in again."""
    return {key: request.args.get(key, "") for key in keys}


def _query(shown: dict[str, str], **more: object) -> str:
    """The filters that have a value, and `more` (the page, its size), as a query string."""
    values = {key: value for key, value in shown.items() if value}
    values.update({key: str(value) for key, value in more.items() if value is not None})
    return urlencode(values)


def _one_page(
    read: Callable[..., QueuePage], filters: dict[str, Any], number: int, size: int
) -> Callable[[Session], QueuePage]:
    """Database work reading page `number` of a list; a page past the end (a bookmark from a
    longer day) gives the last page instead."""

    def work(session: Session) -> QueuePage:
        found: QueuePage = read(session, **filters, limit=size, offset=(number - 1) * size)
        if found.items or found.total == 0:
            return found
        last = (found.total - 1) // size
        return read(session, **filters, limit=size, offset=last * size)

    return work


async def list_page(
    request: Request,
    view: ListView,
    template: str,
    read: Callable[..., QueuePage],
    read_filters: Callable[[Request, ClinicClock], tuple[dict[str, Any], str | None]],
    **values: Any,
) -> HTTPResponse:
    """One of the console's lists: filtered by the query string (400 with the form and a message
    if a filter is wrong), one page of it, and the links to the pages before and after."""
    clock = clinic_clock(request)
    filters, problem = read_filters(request, clock)
    number, size = page_request(request, view)
    found = QueuePage(items=(), total=0, offset=0, size=size)
    if not problem:
        found = await in_transaction(request, _one_page(read, filters, number, size))
    shown = _shown(request, view.filters)
    kept_size = size if size != view.page_size else None  # the default stays out of the URL
    number = found.offset // size + 1
    return page(
        request,
        template,
        400 if problem else 200,
        clock=clock,
        found=found,
        filters=shown,
        flash=problem,
        levels=[*LEVEL_WORDS.items(), (NO_LEVEL, NOT_ASSESSED)],
        query=_query(shown),
        previous_link=_query(shown, page=number - 1, size=kept_size),
        next_link=_query(shown, page=number + 1, size=kept_size),
        size=kept_size,
        duration_words=duration_words,
        **values,
    )


# ---- people to contact, the triage log, and their CSV -------------------------------------


@views.get("/")
@signed_in()
async def queue_page(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/: people to contact, the open consultation and callback requests in the
    order to call them back, one page (`page`, `size`) at a time; 400 if a filter is wrong.
    An old link asking for `kind=triage` is sent to the triage log."""
    if request.args.get("kind") == "triage":
        return redirect(TRIAGES.path)
    return await list_page(
        request,
        CONTACTS,
        "console/queue.html",
        records.people_to_contact,
        contact_filters,
        statuses=STATUSES,
        kinds=REQUEST_KINDS,
    )


@views.get("/triages")
@signed_in()
async def triage_log_page(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/triages: the triage log, every completed triage newest first, one page
    (`page`, `size`) at a time; 400 if a filter is wrong."""
    return await list_page(
        request,
        TRIAGES,
        "console/triage_log.html",
        records.triage_log,
        log_filters,
        statuses=TRIAGE_STATUSES,
        regions=REGIONS,
    )


def _export_list(
    session: Session, read: Callable[..., QueuePage], filters: dict[str, Any], username: str
) -> str:
    """Every record a list's filters match, as CSV, with an audit entry for the export."""
    items = read(session, **filters, limit=None).items
    record_audit(session, username, "exported_csv", None, f"{len(items)} rows")
    return exports.queue_csv(items)


async def list_csv(
    request: Request,
    staff: StaffSession,
    read: Callable[..., QueuePage],
    read_filters: Callable[[Request, ClinicClock], tuple[dict[str, Any], str | None]],
    name: str,
) -> HTTPResponse:
    """A list with its page's filters as a CSV download named after the list and the clinic's
    date (audited); 400 with the message if a filter is wrong."""
    clock = clinic_clock(request)
    filters, problem = read_filters(request, clock)
    if problem:
        return text(problem, status=400)
    body = await in_transaction(request, lambda s: _export_list(s, read, filters, staff.username))
    filename = f"spinebot-{name}-{clock.today()}.csv"
    return text(body, content_type="text/csv; charset=utf-8", headers=download(filename))


@views.get("/export.csv")
@signed_in()
async def export_csv(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/export.csv: every request people to contact's filters match, all pages, as
    CSV (audited)."""
    return await list_csv(
        request, staff, records.people_to_contact, contact_filters, "people-to-contact"
    )


@views.get("/triages.csv")
@signed_in()
async def triage_log_csv(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/triages.csv: every triage the triage log's filters match, all pages, as CSV
    (audited)."""
    return await list_csv(request, staff, records.triage_log, log_filters, "triage-log")


# ---- one record ---------------------------------------------------------------------------


def _audited_detail(session: Session, reference: str, username: str, action: str) -> RecordDetail:
    """The record, with an audit entry saying who read it and why (RecordNotFound if none)."""
    found = records.record_detail(session, reference)
    if found is None:
        raise RecordNotFound(reference)
    record_audit(session, username, action, found.reference)
    return found


def record_not_found(request: Request, error: RecordNotFound) -> HTTPResponse:
    """Any console route given a reference that has no record: a plain 404 page."""
    return error_page(request, 404, "Not found", "There is no record with that reference.")


views.exception(RecordNotFound)(record_not_found)  # a plain call: Sanic's decorator is untyped


@views.get("/records/<reference:str>")
@signed_in()
async def record_page(request: Request, staff: StaffSession, reference: str) -> HTTPResponse:
    """GET /console/records/<reference>: the record in full, its transcript and its follow-up
    (audited as viewed)."""
    found = await in_transaction(
        request, lambda s: _audited_detail(s, reference, staff.username, "viewed")
    )
    lines = await asyncio.to_thread(transcript, services(request).tracker, found.conversation_id)
    return page(
        request,
        "console/record.html",
        record=found,
        summary=found.summary,
        screening=exports.screening_answers(found.summary),
        transcript=lines,
        next_statuses=workflow.next_statuses(found.status, found.kind),
        flash=DONE.get(request.args.get("done", "")),
    )


def _change_status(
    session: Session, reference: str, status: str, note: str | None, username: str
) -> None:
    """Move the record to `status` with an optional note, and audit it (TransitionError)."""
    workflow.change_status(session, reference, status, username, note, now())
    record_audit(session, username, "status_changed", reference, status)


@views.post("/records/<reference:str>/status")
@signed_in()
async def change_status(request: Request, staff: StaffSession, reference: str) -> HTTPResponse:
    """POST /console/records/<reference>/status: move the record on (400 if the workflow does
    not allow the change)."""
    status = form(request, "status")
    note = form(request, "note").strip()[:NOTE_LENGTH] or None
    try:
        await in_transaction(
            request, lambda s: _change_status(s, reference, status, note, staff.username)
        )
    except TransitionError as error:
        return error_page(request, 400, "Status not changed", str(error))
    return redirect(f"/console/records/{reference}?done=status")


def _add_note(session: Session, reference: str, note: str, username: str) -> None:
    """Add a staff note to the record, and audit it."""
    workflow.add_note(session, reference, username, note, now())
    record_audit(session, username, "note_added", reference)


@views.post("/records/<reference:str>/notes")
@signed_in()
async def add_note(request: Request, staff: StaffSession, reference: str) -> HTTPResponse:
    """POST /console/records/<reference>/notes: add a note (400 if it is empty)."""
    note = form(request, "note").strip()[:NOTE_LENGTH]
    if not note:
        return error_page(request, 400, "Empty note", "Write something in the note first.")
    await in_transaction(request, lambda s: _add_note(s, reference, note, staff.username))
    return redirect(f"/console/records/{reference}?done=note")


@views.get("/records/<reference:str>/fhir.json")
@signed_in()
async def export_fhir(request: Request, staff: StaffSession, reference: str) -> HTTPResponse:
    """GET /console/records/<reference>/fhir.json: the record as a FHIR R4
    QuestionnaireResponse, to save (audited)."""
    found = await in_transaction(
        request, lambda s: _audited_detail(s, reference, staff.username, "exported_fhir")
    )
    body, filename = exports.fhir_json(found), f"{found.reference}.json"
    return text(body, content_type="application/fhir+json", headers=download(filename))


@views.get("/questionnaire.json")
@signed_in()
async def questionnaire(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/questionnaire.json: the FHIR Questionnaire the records' answers refer to."""
    return text(exports.questionnaire_json(), content_type="application/fhir+json")


# ---- the screening report: grouped against one-by-one screening (CLINICAL.md §8.4) --------


async def screening_figures(
    request: Request,
) -> tuple[ScreeningReport | None, dict[str, str], str | None]:
    """The report for the period in the query string (None with a message if it is wrong),
    and the period as typed. Read in a worker thread: it scans the tracker store."""
    shown = _shown(request, ("since", "until"))
    try:
        # UTC days, as the report's CSV names them (bot/console/screening_report.py).
        since, until = _period(request.args, ClinicClock(ZoneInfo("UTC"), now()))
    except (ValueError, OverflowError):
        return None, shown, BAD_DATE
    report = await asyncio.to_thread(screening_report, services(request).tracker, since, until)
    return report, shown, None


@views.get("/screening")
@signed_in()
async def screening(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/screening: the screening report for a period (400 if a date is wrong)."""
    report, shown, problem = await screening_figures(request)
    return page(
        request,
        "console/screening.html",
        400 if problem else 200,
        report=report,
        filters=shown,
        flash=problem,
        stage_words=stage_words,
        query=_query(shown),
    )


@views.get("/screening.csv")
@signed_in()
async def screening_csv(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/screening.csv: the screening report as CSV (audited)."""
    report, _, problem = await screening_figures(request)
    if report is None:
        return text(problem or "Bad request.", status=400)
    await in_transaction(
        request,
        lambda s: record_audit(s, staff.username, "exported_csv", None, "screening report"),
    )
    filename = f"spinebot-screening-{date.today()}.csv"
    body = report_csv(report)
    return text(body, content_type="text/csv; charset=utf-8", headers=download(filename))
