"""Status changes follow one table; disallowed ones are refused with the allowed ones named."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.records.queue import RecordNotFound, record_detail
from bot.records.workflow import TRANSITIONS, TransitionError, add_note, change_status
from tests.records.factories import NOW, add_request, add_triage

ALLOWED = [(old, new) for old, targets in TRANSITIONS.items() for new in targets]
DISALLOWED = [
    (old, new)
    for old in TRANSITIONS
    for new in (*TRANSITIONS, "cancelled")
    if new not in TRANSITIONS[old]
]


def test_the_main_path_and_not_reached() -> None:
    assert TRANSITIONS["new"] == ("contacted", "not_reached", "closed")
    assert "scheduled" in TRANSITIONS["contacted"] and "closed" in TRANSITIONS["scheduled"]
    assert "contacted" in TRANSITIONS["not_reached"]
    assert TRANSITIONS["closed"] == ()


@pytest.mark.parametrize(("old", "new"), ALLOWED)
def test_allowed_changes_are_made_and_noted(session: Session, old: str, new: str) -> None:
    reference = add_request(session, NOW, status=old)
    assert change_status(session, reference, new, "alex", now=NOW) == old
    detail = record_detail(session, reference)
    assert detail is not None and detail.status == new
    assert [(n.username, n.text, n.status) for n in detail.notes] == [("alex", "", new)]


@pytest.mark.parametrize(("old", "new"), DISALLOWED)
def test_disallowed_changes_raise_and_change_nothing(session: Session, old: str, new: str) -> None:
    reference = add_request(session, NOW, status=old)
    with pytest.raises(TransitionError, match=f"cannot go from {old} to {new}; allowed: "):
        change_status(session, reference, new, "alex")
    detail = record_detail(session, reference)
    assert detail is not None and (detail.status, detail.notes) == (old, ())


def test_a_triage_can_only_be_closed(session: Session) -> None:
    reference = add_triage(session, NOW)
    with pytest.raises(TransitionError, match="allowed: closed"):
        change_status(session, reference, "contacted", "alex")
    change_status(session, reference.lower(), "closed", "alex", "reviewed, nothing to do")
    with pytest.raises(TransitionError, match="none, it is final"):
        change_status(session, reference, "new", "alex")


def test_unknown_records_are_reported(session: Session) -> None:
    with pytest.raises(RecordNotFound):
        change_status(session, "SB-ABC234", "contacted", "alex")
    with pytest.raises(RecordNotFound):
        add_note(session, "TR-ABC234", "alex", "hello")


def test_a_note_needs_text(session: Session) -> None:
    reference = add_request(session, NOW)
    with pytest.raises(ValueError, match="needs some text"):
        add_note(session, reference, "alex", "   ")
    note = add_note(session, reference, "alex", "  called twice  ", NOW)
    assert (note.text, note.created_at, note.status) == ("called twice", NOW, None)
