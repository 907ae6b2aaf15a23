"""The staff console's pages and exports: the queue and its CSV, one record with its follow-up
and FHIR export, and the screening report (administrators' pages: bot/web/console_admin.py).

Every handler is wrapped in `signed_in` (bot/web/console_auth.py) and called with the signed-in
`StaffSession`; database and tracker work runs in a worker thread (bot/web/console.py).
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from urllib.parse import urlencode

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
from bot.records.answers import by_answer, screening_answers
from bot.records.details import record_details
from bot.records.facts import record_facts
from bot.records.intake_records import requests_of
from bot.records.queue import KINDS, LEVEL_ORDER, STATUSES, RecordDetail, RecordNotFound
from bot.records.triage_records import triage_of
from bot.records.workflow import TransitionError
from bot.web import exports
from bot.web.console import (
    LEVEL_WORDS,
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

PAGE_SIZE = 100  # queue rows on one page; the CSV export has them all
NOTE_LENGTH = 2000  # characters of a staff note kept
SEARCH_LENGTH = 100  # characters of a queue search kept
DONE = {"status": "Status saved.", "note": "Note added."}  # ?done=... after a change
QUEUE_FILTERS = ("level", "status", "kind", "since", "until", "q")
BAD_DATE = "Dates must look like 2026-11-21."

views = Blueprint("console", url_prefix="/console")


def _day(value: str | None) -> datetime | None:
    """Midnight UTC at the start of an ISO date (2026-11-21); None for an empty value."""
    if not value:
        return None
    return datetime.combine(date.fromisoformat(value), time.min, tzinfo=timezone.utc)


def read_filters(request: Request) -> tuple[dict[str, Any], str | None]:
    """The queue's filters from the query string as `records.queue` keyword arguments, or a
    message saying what is wrong; the "until" day is included."""
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
        return {}, BAD_DATE
    return {
        "level": level,
        "status": status,
        "kind": kind or None,
        "since": since,
        "until": until + timedelta(days=1) if until else None,
        "search": (args.get("q") or "").strip()[:SEARCH_LENGTH] or None,
    }, None


def _shown(request: Request, keys: tuple[str, ...]) -> dict[str, str]:
    """The filters as typed, to fill the form in again."""
    return {key: request.args.get(key, "") for key in keys}


def _query(shown: dict[str, str]) -> str:
    """The filters that have a value, as a query string for the page's export link."""
    return urlencode({key: value for key, value in shown.items() if value})


# ---- the queue and its CSV ----------------------------------------------------------------


@views.get("/")
@signed_in()
async def queue_page(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/: the queue, most urgent first, filtered by the query string (400 if a
    filter is wrong)."""
    filters, problem = read_filters(request)
    items = []
    if not problem:
        items = await in_transaction(
            request, lambda s: records.queue(s, **filters, limit=PAGE_SIZE)
        )
    shown = _shown(request, QUEUE_FILTERS)
    return page(
        request,
        "console/queue.html",
        400 if problem else 200,
        items=items,
        filters=shown,
        flash=problem,
        levels=list(LEVEL_WORDS.items()),
        statuses=STATUSES,
        kinds=KINDS,
        query=_query(shown),
    )


def _export_queue(session: Session, filters: dict[str, Any], username: str) -> str:
    """Every record the filters match, as CSV, with an audit entry for the export."""
    items = records.queue(session, **filters, limit=None)
    record_audit(session, username, "exported_csv", None, f"{len(items)} rows")
    return exports.records_csv(record_details(session, [item.reference for item in items]))


@views.get("/export.csv")
@signed_in()
async def export_csv(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/export.csv: every record the filters match, as CSV (audited)."""
    filters, problem = read_filters(request)
    if problem:
        return text(problem, status=400)
    body = await in_transaction(request, lambda s: _export_queue(s, filters, staff.username))
    filename = f"spinebot-queue-{date.today()}.csv"
    return text(body, content_type="text/csv; charset=utf-8", headers=download(filename))


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


def _detail_and_links(
    session: Session, reference: str, username: str
) -> tuple[RecordDetail, tuple[str, ...]]:
    """The record (audited as viewed) and the references of its conversation's other records:
    a request's triage, a triage's requests."""
    found = _audited_detail(session, reference, username, "viewed")
    if found.kind == "triage":
        return found, requests_of(session, found.conversation_id)
    triage = triage_of(session, found.conversation_id)
    return found, (triage,) if triage else ()


@views.get("/records/<reference:str>")
@signed_in()
async def record_page(request: Request, staff: StaffSession, reference: str) -> HTTPResponse:
    """GET /console/records/<reference>: the record in full, its transcript and its follow-up
    (audited as viewed)."""
    found, linked = await in_transaction(
        request, lambda s: _detail_and_links(s, reference, staff.username)
    )
    lines = await asyncio.to_thread(transcript, services(request).tracker, found.conversation_id)
    return page(
        request,
        "console/record.html",
        record=found,
        summary=found.summary,
        facts=record_facts(found.summary),
        screening=by_answer(screening_answers(found.summary)),
        linked=linked,
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
        since, last = _day(shown["since"]), _day(shown["until"])
        until = last + timedelta(days=1) if last else None  # the "to" day is included
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
