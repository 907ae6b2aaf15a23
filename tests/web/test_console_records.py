"""A record as an intake coordinator reads it, through the web app: the record page, the CSV and
the FHIR export of a request made before the triage, then of the same request once the
conversation's triage is saved."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.intake.fhir import validate_r4
from bot.records.intake_records import IntakeRequest, save_request
from bot.records.triage_records import save_triage
from bot.records.triage_summary import TriageSummary
from tests.web.test_console import Console, cheap_hashing, make_console

__all__ = ["cheap_hashing"]  # the autouse fixture of the console tests, used here too

CONSENT = datetime(2026, 11, 21, 9, 59, tzinfo=timezone.utc)
TRIAGE = TriageSummary(
    region="lower_back",
    age=58,
    pain_score=7,
    duration_days=10,
    radiation="leg",
    red_flags=("fever",),
    unsure_flags=("saddle_numbness",),
    answered_flags=("chest_pain", "saddle_numbness", "fever", "abdominal_or_flank_pain"),
    level="emergency_department",
    reasons=("Not sure about numbness in the saddle area.",),
    recommendations=("Physical therapy",),
    screening_mode="single",
)


@pytest.fixture
def early(tmp_path: Path) -> tuple[Console, str]:
    """The console with a consultation asked for before any triage (conversation conv-early)."""
    console = make_console(tmp_path)
    with console.session() as session, session.begin():
        reference = save_request(
            session,
            IntakeRequest(
                kind="consultation",
                name="Ada Early",
                contact_time="after 5 pm",
                consent_given_at=CONSENT,
                conversation_id="conv-early",
                phone="+15550100123",
                summary=TriageSummary(),
            ),
        )
    return console, reference


def field(page: str, label: str) -> str:
    """The text of a <dd> after the <dt> `label` on the record page."""
    found = re.search(rf"<dt>{label}</dt><dd>(.*?)</dd>", page, re.S)
    assert found, label
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def test_a_request_before_any_triage_says_not_asked_never_no(early: tuple[Console, str]) -> None:
    console, reference = early
    cookies = console.login("ana")
    page = console.get(f"/console/records/{reference}", cookies).text
    assert field(page, "Spreads") == "not asked"
    assert field(page, "Age") == field(page, "Pain score") == "not given"
    assert field(page, "Urgency").startswith("not assessed")
    assert "the conversation did not reach the warning-sign questions" in page
    assert ">no<" not in page
    [dial] = re.findall(r'class="call" href="tel:([^"]+)"', page)
    assert re.sub(r"\D", "", dial) == "15550100123"  # a tap dials the number given
    resource = json.loads(console.get(f"/console/records/{reference}/fhir.json", cookies).text)
    assert validate_r4(resource) == []
    groups = {item["linkId"]: item for item in resource["item"]}
    assert "red_flags" not in groups and "pain" not in groups  # nothing asked, nothing answered
    assert [item["linkId"] for item in groups["outcome"]["item"]] == ["disclaimer_shown"]


def test_the_triage_that_follows_completes_and_links_the_request(
    early: tuple[Console, str],
) -> None:
    console, reference = early
    with console.session() as session, session.begin():
        triage = save_triage(session, "conv-early", TRIAGE)
    cookies = console.login("ana")
    page = console.get(f"/console/records/{reference}", cookies).text
    assert field(page, "Urgency") == "emergency department now"
    assert field(page, "Age") == "58 years" and field(page, "Pain score") == "7 / 10"
    assert field(page, "How long") == "10 days" and field(page, "Spreads") == "down one leg"
    assert f'href="/console/records/{triage}"' in page
    # Yes and not sure first, highlighted; then no; then what was not asked, marked so.
    rows = re.findall(r'<tr class="answer-(\w+)">', page)
    assert rows == ["yes", "unsure", "no", "no"]
    assert "<mark><strong>yes</strong></mark>" in page
    assert "<mark><strong>not sure (counted as yes)</strong></mark>" in page
    assert "— <em>not asked</em>" in page and "Not asked (" in page
    back = console.get(f"/console/records/{triage}", cookies).text
    assert f'href="/console/records/{reference}"' in back


def test_the_exports_carry_age_contact_details_and_reasons(early: tuple[Console, str]) -> None:
    console, reference = early
    with console.session() as session, session.begin():
        save_triage(session, "conv-early", TRIAGE)
    cookies = console.login("ana")
    table = console.get("/console/export.csv", cookies).text
    [row] = [r for r in csv.DictReader(io.StringIO(table)) if r["reference"] == reference]
    assert (row["name"], row["phone"], row["contact_time"]) == (
        "Ada Early",
        "'+15550100123",
        "after 5 pm",
    )
    assert row["age"] == "58" and row["reasons"] == TRIAGE.reasons[0]
    assert row["warning_signs_yes"] == "fever"
    assert row["warning_signs_not_sure"] == "saddle numbness"
    resource = json.loads(console.get(f"/console/records/{reference}/fhir.json", cookies).text)
    assert validate_r4(resource) == []
    items = {}
    stack = list(resource["item"])
    while stack:
        item = stack.pop()
        items[item["linkId"]] = item
        stack += item.get("item", [])
    assert items["age"]["answer"] == [{"valueInteger": 58}]
    assert items["reasons"]["answer"] == [{"valueString": TRIAGE.reasons[0]}]
    assert items["level"]["answer"][0]["valueCoding"]["code"] == "emergency_department"
    assert items["fever"]["answer"][0]["valueCoding"]["code"] == "yes"
    assert "flank_pain_to_groin" not in items  # G1 was no: its follow-up was not asked
    (patient,) = resource["contained"]
    assert patient["telecom"] == [{"system": "phone", "value": "+15550100123"}]
    assert patient["name"] == [{"text": "Ada Early"}]
