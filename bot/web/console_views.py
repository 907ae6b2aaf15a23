"""The staff console's pages and exports: people to contact and the triage log with their CSV,
one record with its follow-up and FHIR export, and the screening report (administrators' pages:
bot/web/console_admin.py).

Every handler is wrapped in `signed_in` (bot/web/console_auth.py) and called with the signed-in
`StaffSession`; database and tracker work runs in a worker thread (bot/web/console.py).
"""

from __future__ import annotations

import asyncio
from datetime import date
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
from bot.records.facts import record_facts
from bot.records.intake_records import KINDS as REQUEST_KINDS
from bot.records.intake_records import requests_of
from bot.records.queue import (
    STATUSES,
    TRIAGE_STATUSES,
    RecordDetail,
    RecordNotFound,
)
from bot.records.triage_records import triage_of
from bot.records.warning_sign_answers import by_answer, screening_answers
from bot.records.workflow import TransitionError
from bot.records.worklists import people_to_contact, triage_log
from bot.web import exports
from bot.web.console import (
    ClinicClock,
    download,
    error_page,
    form,
    in_transaction,
    now,
    page,
    services,
)
from bot.web.console_auth import signed_in
from bot.web.console_lists import (
    BAD_DATE,
    CONTACTS,
    REGIONS,
    TRIAGES,
    contact_filters,
    day_range,
    list_csv,
    list_page,
    log_filters,
    query_string,
    shown_filters,
)
from bot.web.staff_sessions import StaffSession

NOTE_LENGTH = 2000  # characters of a staff note kept
DONE = {"status": "Status saved.", "note": "Note added."}  # ?done=... after a change

views = Blueprint("console", url_prefix="/console")


# ---- people to contact, the triage log, and their CSV -------------------------------------


@views.get("/")
@signed_in()
async def queue_page(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/: people to contact, the open consultation and callback requests in the
    order to call them back, one page (`page`, `size`) at a time; 400 if a filter is wrong.
    An old link asking for `kind=triage` is sent to the triage log with its other filters."""
    if request.args.get("kind") == "triage":
        kept = {key: request.args.get(key, "") for key in TRIAGES.filters if key != "status"}
        return redirect(
            f"{TRIAGES.path}?{query_string(kept)}" if query_string(kept) else TRIAGES.path
        )
    return await list_page(
        request,
        CONTACTS,
        "console/queue.html",
        people_to_contact,
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
        triage_log,
        log_filters,
        statuses=TRIAGE_STATUSES,
        regions=REGIONS,
    )


@views.get("/export.csv")
@signed_in()
async def export_csv(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/export.csv: every request people to contact's filters match, all pages, as
    CSV (audited)."""
    return await list_csv(request, staff, people_to_contact, contact_filters, "people-to-contact")


@views.get("/triages.csv")
@signed_in()
async def triage_log_csv(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/triages.csv: every triage the triage log's filters match, all pages, as CSV
    (audited)."""
    return await list_csv(request, staff, triage_log, log_filters, "triage-log")


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
    shown = shown_filters(request, ("since", "until"))
    try:
        # UTC days, as the report's CSV names them (bot/console/screening_report.py).
        since, until = day_range(request.args, ClinicClock(ZoneInfo("UTC"), now()))
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
        query=query_string(shown),
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
