"""The CSV export: one row per record with contact details, age, reasons and the warning signs
that need a call, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import pytest

from bot.records.queue import RecordDetail
from bot.records.triage_summary import TriageSummary
from bot.web.exports import CSV_COLUMNS, records_csv

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc)
ASSESSED = TriageSummary(
    region="lower_back",
    age=67,
    pain_score=8,
    duration_days=21,
    radiation="leg",
    red_flags=("fever",),
    unsure_flags=("saddle_numbness",),
    cleared_unsure=("tearing_pain",),
    answered_flags=("chest_pain", "tearing_pain", "saddle_numbness", "fever"),
    treatments_tried=("nsaids",),
    level="emergency_department",
    reasons=("A fever with back pain.", "Not sure about numbness in the saddle area."),
    recommendations=("Physical therapy",),
    screening_mode="single",
)


def request(summary: TriageSummary = ASSESSED, **contact: str) -> RecordDetail:
    values = {
        "name": "Sam Lee",
        "phone": "+15550100199",
        "email": None,
        "contact_time": "weekday mornings",
        **contact,
    }
    return RecordDetail(
        reference="SB-ABCDEF",
        kind="consultation",
        level=summary.level,
        status="new",
        created_at=NOW,
        conversation_id="conv-1",
        summary=summary,
        notes=(),
        consent_given_at=NOW,
        **values,  # type: ignore[arg-type]
    )


def rows(*records: RecordDetail) -> list[dict[str, str]]:
    text = records_csv(records)
    assert text.startswith(",".join(CSV_COLUMNS) + "\r\n")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_request_row_has_what_staff_need_to_call_and_why() -> None:
    [row] = rows(request())
    assert row["name"] == "Sam Lee" and row["contact_time"] == "weekday mornings"
    assert row["phone"] == "'+15550100199"  # text, not a formula or a number
    assert (row["age"], row["pain_score"], row["duration_days"]) == ("67", "8", "21")
    assert row["duration"] == "about 3 weeks (21 days)" and row["region"] == "lower back"
    assert row["radiation"] == "down one leg"
    assert row["urgency"] == "emergency department now"
    assert row["level"] == "emergency_department"
    assert row["reasons"] == "A fever with back pain. | Not sure about numbness in the saddle area."
    assert row["recommendations"] == "Physical therapy"
    assert row["warning_signs_yes"] == "fever"
    assert row["warning_signs_not_sure"] == "saddle numbness"
    assert row["warning_signs_cleared"] == "tearing pain"
    assert row["warning_sign_questions_answered"] == "4"
    assert row["treatments_tried"] == "nsaids" and row["screening_mode"] == "one question at a time"
    assert row["created_at"] == row["consent_given_at"] == "2026-11-21T10:00:00+00:00"
    assert row["status"] == "new" and row["kind"] == "consultation"


def test_a_request_made_before_any_triage_says_not_assessed_and_not_asked() -> None:
    [row] = rows(request(TriageSummary(), email="sam@example.org", phone=""))
    assert row["urgency"] == "not assessed" and row["level"] == ""
    assert row["radiation"] == "not asked"  # never "no"
    assert row["age"] == row["pain_score"] == row["duration_days"] == ""
    assert row["duration"] == "not given"
    assert row["warning_signs_yes"] == row["warning_signs_not_sure"] == ""
    assert row["warning_sign_questions_answered"] == "0"
    assert row["email"] == "sam@example.org"


def test_a_triage_row_has_no_contact_details() -> None:
    triage = RecordDetail(
        reference="TR-ABCDEF",
        kind="triage",
        level="self_care",
        status="new",
        created_at=NOW,
        conversation_id="conv-2",
        summary=TriageSummary(region="neck", age=30, level="self_care"),
        notes=(),
    )
    [row] = rows(triage)
    assert (row["kind"], row["name"], row["phone"], row["email"]) == ("triage", "", "", "")
    assert row["age"] == "30" and row["urgency"] == "self-care"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_no_new_column_can_carry_a_formula(start: str) -> None:
    evil = f'{start}HYPERLINK("http://evil.example")'
    summary = TriageSummary(
        region="lower_back",
        reasons=(evil,),
        recommendations=(evil,),
        treatments_tried=(evil,),
        screening_mode=evil,
        level=evil,
    )
    record = request(summary, name=evil, phone=evil, email=evil, contact_time=evil)
    [row] = rows(record)
    neutralised = (
        "name",
        "phone",
        "email",
        "contact_time",
        "reasons",
        "recommendations",
        "treatments_tried",
        "screening_mode",
        "level",
    )
    for column in neutralised:
        assert row[column].startswith("'"), column
    for column, cell in row.items():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), column
