"""The console's two lists as pages: people to contact (the default page) and the triage log.

What the handlers in bot/web/console_views.py share: reading each list's filters, page and page
size from the query string (dates as days on the clinic's clock), rendering one page with its
previous and next links, and the CSV of every page. The lists themselves are
bot/records/worklists.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from sanic import Request
from sanic.response import HTTPResponse, text
from sqlalchemy.orm import Session

from bot.console.audit import record_audit
from bot.records.details import record_details
from bot.records.facts import duration_words
from bot.records.intake_records import KINDS as REQUEST_KINDS
from bot.records.queue import LEVEL_ORDER, NO_LEVEL, STATUSES, TRIAGE_STATUSES
from bot.records.worklists import OPEN, QueuePage
from bot.triage.flags import Region
from bot.web import exports
from bot.web.console import (
    LEVEL_WORDS,
    NOT_ASSESSED,
    ClinicClock,
    clinic_clock,
    download,
    in_transaction,
    page,
)
from bot.web.staff_sessions import StaffSession

SEARCH_LENGTH = 100  # characters of a list search kept
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


def _day(value: str | None, clock: ClinicClock) -> datetime | None:
    """The start of an ISO date (2026-11-21) in the clinic's time zone, in UTC; None for an
    empty value (ValueError for a value that is not a date)."""
    if not value:
        return None
    return clock.day_start(date.fromisoformat(value))


def day_range(args: Any, clock: ClinicClock) -> tuple[datetime | None, datetime | None]:
    """`since` and `until` as clinic days: from the start of `since` to the end of `until` (the
    "to" day is included). ValueError or OverflowError for a value that is not a date."""
    since = _day(args.get("since"), clock)
    last = args.get("until")
    until = clock.day_start(date.fromisoformat(last) + timedelta(days=1)) if last else None
    return since, until


def _common_filters(request: Request, clock: ClinicClock) -> tuple[dict[str, Any], str | None]:
    """The filters both lists share (level, dates, search), as keyword arguments of
    bot/records/worklists.py's lists, or a message saying what is wrong."""
    args = request.args
    level = args.get("level") or None
    if level is not None and level not in (*LEVEL_ORDER, NO_LEVEL):
        return {}, "Unknown urgency level."
    try:
        since, until = day_range(args, clock)
    except (ValueError, OverflowError):
        return {}, BAD_DATE
    search = (args.get("q") or "").strip()[:SEARCH_LENGTH] or None
    return {"level": level, "since": since, "until": until, "search": search}, None


def contact_filters(request: Request, clock: ClinicClock) -> tuple[dict[str, Any], str | None]:
    """People to contact's filters as `people_to_contact` keyword arguments, or a
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
    """The triage log's filters as `triage_log` keyword arguments, or a message saying
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


def shown_filters(request: Request, keys: tuple[str, ...]) -> dict[str, str]:
    """The filters as typed, to fill the form in again."""
    return {key: request.args.get(key, "") for key in keys}


def query_string(shown: dict[str, str], **more: object) -> str:
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
    shown = shown_filters(request, view.filters)
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
        query=query_string(shown),
        previous_link=query_string(shown, page=number - 1, size=kept_size),
        next_link=query_string(shown, page=number + 1, size=kept_size),
        size=kept_size,
        duration_words=duration_words,
        **values,
    )


def export_list(
    session: Session, read: Callable[..., QueuePage], filters: dict[str, Any], username: str
) -> str:
    """Every record a list's filters match, as CSV, with an audit entry for the export."""
    items = read(session, **filters, limit=None).items
    record_audit(session, username, "exported_csv", None, f"{len(items)} rows")
    return exports.records_csv(record_details(session, [item.reference for item in items]))


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
    body = await in_transaction(request, lambda s: export_list(s, read, filters, staff.username))
    filename = f"spinebot-{name}-{clock.today()}.csv"
    return text(body, content_type="text/csv; charset=utf-8", headers=download(filename))
