"""The queue and one record in full, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from bot.records.queue import LEVEL_ORDER, queue, record_detail
from bot.records.triage_records import save_triage
from bot.records.triage_summary import TriageSummary
from bot.records.workflow import add_note, change_status
from bot.records.worklists import people_to_contact, triage_log
from tests.records.factories import NOW, add_request, add_triage

HOUR = timedelta(hours=1)


def test_the_most_urgent_level_comes_first_then_the_newest(session: Session) -> None:
    made = {
        "old routine": add_request(session, NOW - 5 * HOUR, level="routine_appointment",
                                   conversation_id="c1"),
        "new routine": add_request(session, NOW - HOUR, level="routine_appointment",
                                   conversation_id="c2"),
        "unassessed": add_request(session, NOW, level=None, conversation_id="c3"),
        "emergency": add_request(session, NOW - 9 * HOUR, level="call_emergency",
                                 conversation_id="c4"),
        "triage today": add_triage(session, NOW - 2 * HOUR, level="doctor_today",
                                   conversation_id="c5"),
        "self care": add_triage(session, NOW, level="self_care", conversation_id="c6"),
    }  # fmt: skip
    order = {reference: label for label, reference in made.items()}
    assert [order[item.reference] for item in queue(session)] == [
        "emergency", "triage today", "new routine", "old routine", "self care", "unassessed",
    ]  # fmt: skip


def test_every_level_has_its_place_in_the_order(session: Session) -> None:
    for number, level in enumerate(reversed(LEVEL_ORDER)):
        add_request(session, NOW + number * HOUR, level=level, conversation_id=f"c{number}")
    assert tuple(item.level for item in queue(session)) == LEVEL_ORDER


def test_a_queue_item_shows_what_staff_need_to_follow_up(session: Session) -> None:
    reference = add_request(session, NOW, kind="callback", name="Sam Lee")
    triage = add_triage(session, NOW - HOUR, conversation_id="conv-t")
    request_item, triage_item = queue(session)
    assert (request_item.reference, request_item.kind, request_item.status) == (
        reference, "callback", "new"
    )  # fmt: skip
    assert (request_item.name, request_item.contact_time) == ("Sam Lee", "weekday mornings")
    assert request_item.created_at == NOW
    assert (triage_item.reference, triage_item.kind) == (triage, "triage")
    assert (triage_item.name, triage_item.contact_time) == (None, None)


def test_a_triage_that_ended_in_a_request_shows_only_as_the_request(session: Session) -> None:
    add_triage(session, NOW - HOUR, conversation_id="same")
    request = add_request(session, NOW, conversation_id="same")
    assert [item.reference for item in queue(session)] == [request]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"level": "doctor_soon"}, ["soon"]),
        ({"level": "none"}, ["unassessed"]),
        ({"status": "contacted"}, ["contacted"]),
        ({"kind": "callback"}, ["contacted"]),
        ({"kind": "triage"}, ["triage"]),
        ({"kind": "consultation", "level": "self_care"}, []),
        ({"since": NOW - 2 * HOUR}, ["soon", "unassessed"]),
        ({"until": NOW - 2 * HOUR}, ["contacted", "triage"]),  # until is exclusive
        ({"since": NOW - 3 * HOUR, "until": NOW - HOUR}, ["contacted", "unassessed"]),
    ],
)
def test_filters(session: Session, filters: dict[str, object], expected: list[str]) -> None:
    made = {
        "soon": add_request(session, NOW, level="doctor_soon", conversation_id="c1"),
        "contacted": add_request(session, NOW - 3 * HOUR, kind="callback",
                                 status="contacted", conversation_id="c2"),
        "unassessed": add_request(session, NOW - 2 * HOUR, level=None, conversation_id="c3"),
        "triage": add_triage(session, NOW - 4 * HOUR, level="self_care"),
    }  # fmt: skip
    order = {reference: label for label, reference in made.items()}
    assert [order[item.reference] for item in queue(session, **filters)] == expected  # type: ignore[arg-type]


def test_search_finds_a_reference_with_or_without_prefix_and_a_name_part(
    session: Session,
) -> None:
    sam = add_request(session, NOW, name="Sam O'Neil", conversation_id="c1")
    add_request(session, NOW, name="Robin Sample", conversation_id="c2")
    add_request(session, NOW, name="100% Jo_Ann", conversation_id="c3")
    triage = add_triage(session, NOW)

    def found(term: str) -> set[str]:
        return {item.name or item.reference for item in queue(session, search=term)}

    assert found(sam) == found(sam.lower()) == found(sam[3:].lower()) == {"Sam O'Neil"}
    assert found(triage[3:]) == found(triage.lower()) == {triage}
    assert found("sam") == {"Sam O'Neil", "Robin Sample"}
    assert found("o'neil") == {"Sam O'Neil"}
    assert found("%") == {"100% Jo_Ann"}  # wildcards are taken literally
    assert found("_") == {"100% Jo_Ann"}
    # Part of a reference is not a match; the part is chosen so that it spells no part of a name,
    # or the name search would find it (the references are random).
    names = ("sam o'neil", "robin sample", "100% jo_ann")
    part = next(
        sam[start : start + 2]
        for start in range(3, len(sam) - 1)
        if not any(sam[start : start + 2].lower() in name for name in names)
    )
    assert found(part) == set()
    assert found("nobody") == set()
    assert len(found("   ")) == 4  # a blank search is no search


def test_limit_and_offset_page_through_the_queue(session: Session) -> None:
    for number in range(5):
        add_request(session, NOW - number * HOUR, conversation_id=f"c{number}")
    everything = [item.reference for item in queue(session, limit=None)]
    assert len(everything) == 5
    assert [item.reference for item in queue(session, limit=2, offset=2)] == everything[2:4]


def test_a_request_in_full_with_its_notes(session: Session) -> None:
    reference = add_request(session, NOW, level="doctor_soon")
    change_status(session, reference, "contacted", "alex", "left a message", NOW + HOUR)
    add_note(session, reference, "robin", "prefers afternoons", NOW + 2 * HOUR)
    detail = record_detail(session, reference.lower())
    assert detail is not None
    assert (detail.reference, detail.kind, detail.level, detail.status) == (
        reference, "consultation", "doctor_soon", "contacted"
    )  # fmt: skip
    assert (detail.name, detail.phone, detail.email) == ("Sam Lee", "+15550100199", None)
    assert detail.consent_given_at == NOW and detail.conversation_id == "conv-1"
    assert detail.summary.region == "lower_back" and detail.summary.duration_days == 120
    assert [(n.username, n.text, n.status) for n in detail.notes] == [
        ("alex", "left a message", "contacted"),
        ("robin", "prefers afternoons", None),
    ]


def test_a_triage_in_full_has_no_contact_details(session: Session) -> None:
    reference = add_triage(session, NOW, level="doctor_today", conversation_id="conv-t")
    detail = record_detail(session, reference)
    assert detail is not None
    assert (detail.kind, detail.level, detail.conversation_id) == ("triage", "doctor_today",
                                                                    "conv-t")  # fmt: skip
    assert detail.summary.region == "neck" and detail.summary.red_flags == ()
    assert (detail.name, detail.phone, detail.email, detail.consent_given_at) == (None,) * 4


def test_an_unknown_reference_has_no_detail(session: Session) -> None:
    assert record_detail(session, "SB-ABC234") is None
    assert record_detail(session, "TR-ABC234") is None
    assert record_detail(session, "") is None


# ---- people to contact and the triage log --------------------------------------------------


def test_people_to_contact_are_urgent_first_then_not_assessed_then_oldest_waiting_first(
    session: Session,
) -> None:
    made = {
        "new routine": add_request(session, NOW - HOUR, level="routine_appointment",
                                   conversation_id="c1"),
        "old routine": add_request(session, NOW - 5 * HOUR, level="routine_appointment",
                                   conversation_id="c2"),
        "not assessed": add_request(session, NOW, level=None, conversation_id="c3"),
        "today": add_request(session, NOW, level="doctor_today", conversation_id="c4"),
        "self care": add_request(session, NOW - 9 * HOUR, level="self_care", conversation_id="c5"),
        "soon": add_request(session, NOW, level="doctor_soon", conversation_id="c6"),
        "closed": add_request(session, NOW - 9 * HOUR, level="doctor_today", status="closed",
                              conversation_id="c7"),
        "contacted": add_request(session, NOW - 9 * HOUR, level="call_emergency",
                                 status="contacted", conversation_id="c8"),
    }  # fmt: skip
    add_triage(session, NOW, level="emergency_department", conversation_id="lone-triage")
    order = {reference: label for label, reference in made.items()}
    listed = people_to_contact(session)
    assert [order[item.reference] for item in listed.items] == [
        "contacted", "today", "not assessed", "soon", "old routine", "new routine", "self care",
    ]  # fmt: skip
    assert listed.total == 7  # closed requests and triages without a request are not here
    closed = people_to_contact(session, status="closed").items
    assert [order[item.reference] for item in closed] == ["closed"]
    assert people_to_contact(session, status=None).total == 8


def test_a_person_to_contact_carries_the_contact_details_and_the_summary(
    session: Session,
) -> None:
    reference = add_request(session, NOW, level="doctor_soon", kind="callback")
    [item] = people_to_contact(session).items
    assert (item.reference, item.kind, item.phone, item.email) == (
        reference, "callback", "+15550100199", None
    )  # fmt: skip
    assert item.summary.region == "lower_back" and item.summary.duration_days == 120
    assert item.created_at == NOW


def test_people_to_contact_page_through_with_a_total(session: Session) -> None:
    for number in range(7):
        add_request(session, NOW - number * HOUR, conversation_id=f"c{number}")
    everything = people_to_contact(session, limit=None)
    assert everything.total == 7 and len(everything.items) == 7
    second = people_to_contact(session, limit=3, offset=3)
    assert second.items == everything.items[3:6]
    assert (second.first, second.last, second.total) == (4, 6, 7)
    assert second.has_previous and second.has_next
    last = people_to_contact(session, limit=3, offset=6)
    assert (last.first, last.last, last.has_next) == (7, 7, False)
    beyond = people_to_contact(session, limit=3, offset=9)
    assert (beyond.first, beyond.last, beyond.total, beyond.has_next) == (0, 0, 7, False)


def test_people_to_contact_filters(session: Session) -> None:
    sam = add_request(session, NOW, name="Sam Lee", kind="callback", conversation_id="c1")
    add_request(session, NOW - 3 * HOUR, name="Robin Diaz", level=None, conversation_id="c2")

    def names(**filters: object) -> list[str | None]:
        return [item.name for item in people_to_contact(session, **filters).items]  # type: ignore[arg-type]

    assert names(kind="callback") == ["Sam Lee"]
    assert names(level="none") == ["Robin Diaz"]
    assert names(since=NOW - HOUR) == ["Sam Lee"]
    assert names(until=NOW - HOUR) == ["Robin Diaz"]
    assert names(search="diaz") == ["Robin Diaz"]
    assert names(search=sam[3:].lower()) == ["Sam Lee"]


def _triage_in(session: Session, at: datetime, conversation_id: str, **summary: Any) -> str:
    return save_triage(session, conversation_id, TriageSummary(**summary), at)


def test_the_triage_log_lists_every_triage_newest_first_with_its_request(
    session: Session,
) -> None:
    old = _triage_in(session, NOW - 2 * HOUR, "c-old", region="neck", level="self_care")
    asked = _triage_in(session, NOW - HOUR, "c-asked", region="lower_back", level="doctor_soon")
    new = _triage_in(session, NOW, "c-new", region="lower_back", level=None)
    request = add_request(session, NOW, conversation_id="c-asked")
    log = triage_log(session)
    assert [item.reference for item in log.items] == [new, asked, old]
    assert [item.request_reference for item in log.items] == [None, request, None]
    assert {item.kind for item in log.items} == {"triage"} and log.total == 3
    assert log.items[1].summary.region == "lower_back"

    def found(**filters: object) -> list[str]:
        return [item.reference for item in triage_log(session, **filters).items]  # type: ignore[arg-type]

    assert found(region="lower_back") == [new, asked]
    assert found(level="self_care") == [old]
    assert found(level="none") == [new]
    assert found(since=NOW - HOUR) == [new, asked]
    assert found(until=NOW - HOUR) == [old]
    assert found(search=asked[3:].lower()) == [asked]
    assert found(search=request) == []  # a request's reference is not a triage's
    page = triage_log(session, limit=2, offset=2)
    assert [item.reference for item in page.items] == [old] and page.total == 3
