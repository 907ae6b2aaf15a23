"""The FHIR export of complete records: a triage, a request made before any triage and one made
after, each valid R4, with age, contact details, reasons, the level and each warning-sign
answer; questions not asked are left out, a cleared "not sure" is a marked "no"."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timezone
from typing import Any

from sqlalchemy.orm import Session

from bot.intake.fhir import CLEARED_UNSURE, questionnaire, questionnaire_response, validate_r4
from bot.intake.fhir_questionnaire import walk
from bot.records.intake_records import IntakeRequest, save_request
from bot.records.queue import record_detail
from bot.records.triage_records import save_triage
from bot.records.triage_summary import TriageSummary

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc)
TRIAGE = TriageSummary(
    region="lower_back",
    age=72,
    duration_days=3,
    pain_score=9,
    radiation="none",
    red_flags=("painful_urination",),
    unsure_flags=("fever",),
    cleared_unsure=("tearing_pain",),
    answered_flags=("chest_pain", "tearing_pain", "fever", "painful_urination", "major_trauma"),
    level="doctor_today",
    reasons=("Burning when you pee with back pain.", "Not sure about a fever."),
    recommendations=("Physical therapy",),
)


def items(resource: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["linkId"]: item for item in walk(resource["item"])}


def codes(resource: dict[str, Any]) -> dict[str, str]:
    group = items(resource).get("red_flags", {"item": []})
    return {i["linkId"]: i["answer"][0]["valueCoding"]["code"] for i in group["item"]}


def request(session: Session, summary: TriageSummary, conversation_id: str = "conv-1") -> str:
    return save_request(
        session,
        IntakeRequest(
            kind="callback",
            name="Ada Early",
            contact_time="after 5 pm",
            consent_given_at=NOW,
            conversation_id=conversation_id,
            phone="+15550100123",
            email=None,
            summary=summary,
        ),
    )


def exported(session: Session, reference: str) -> dict[str, Any]:
    detail = record_detail(session, reference)
    assert detail is not None
    resource = questionnaire_response(asdict(detail))
    assert validate_r4(resource) == []
    return resource


def test_a_triage_exports_age_reasons_level_and_the_questions_asked(session: Session) -> None:
    resource = exported(session, save_triage(session, "conv-t", TRIAGE, NOW))
    found = items(resource)
    assert found["age"]["answer"] == [{"valueInteger": 72}]
    assert found["pain_score"]["answer"] == [{"valueInteger": 9}]
    assert found["duration_days"]["answer"] == [{"valueInteger": 3}]
    assert found["radiation"]["answer"][0]["valueCoding"]["code"] == "none"
    assert [a["valueString"] for a in found["reasons"]["answer"]] == list(TRIAGE.reasons)
    assert found["level"]["answer"][0]["valueCoding"]["code"] == "doctor_today"
    # Only what was asked; the urinary gateway G2 the burning implies was never put, so it is
    # left out like every question not asked.
    assert codes(resource) == {
        "chest_pain": "no",
        "tearing_pain": "no",
        "fever": "unsure",
        "painful_urination": "yes",
        "major_trauma": "no",
    }
    assert "contained" not in resource and "request_kind" not in found  # no contact details


def test_a_cleared_not_sure_is_a_no_marked_with_the_extension(session: Session) -> None:
    resource = exported(session, save_triage(session, "conv-t", TRIAGE, NOW))
    found = items(resource)
    [cleared] = found["tearing_pain"]["answer"]
    assert cleared["extension"] == [{"url": CLEARED_UNSURE, "valueBoolean": True}]
    assert cleared["valueCoding"]["code"] == "no"
    assert "extension" not in found["chest_pain"]["answer"][0]


def test_a_request_made_before_any_triage_exports_only_what_was_given(session: Session) -> None:
    resource = exported(session, request(session, TriageSummary()))
    found = items(resource)
    assert not {"red_flags", "level", "reasons", "radiation", "age"} & set(found)
    assert found["contact_time"]["answer"] == [{"valueString": "after 5 pm"}]
    assert found["request_kind"]["answer"][0]["valueCoding"]["code"] == "callback"
    (patient,) = resource["contained"]
    assert patient["telecom"] == [{"system": "phone", "value": "+15550100123"}]


def test_the_request_exports_its_triage_once_the_triage_is_saved(session: Session) -> None:
    reference = request(session, TriageSummary(region="lower_back"))
    save_triage(session, "conv-1", TRIAGE, NOW)
    resource = exported(session, reference)
    found = items(resource)
    assert found["age"]["answer"] == [{"valueInteger": 72}]
    assert found["level"]["answer"][0]["valueCoding"]["code"] == "doctor_today"
    assert codes(resource)["fever"] == "unsure"
    assert resource["contained"][0]["name"] == [{"text": "Ada Early"}]


def test_every_screening_answer_code_is_one_the_questionnaire_offers() -> None:
    resource = questionnaire_response({"reference": "TR-ABCDEF", "summary": TRIAGE})
    offered = {
        item["linkId"]: {o["valueCoding"]["code"] for o in item.get("answerOption", [])}
        for item in walk(questionnaire()["item"])
    }
    for link_id, code in codes(resource).items():
        assert code in offered[link_id]


def test_numbers_kept_as_whole_floats_still_export_as_integers() -> None:
    summary = {"age": 41.0, "pain_score": 6.0, "duration_days": 7.5}
    found = items(questionnaire_response({"reference": "TR-ABCDEF", "summary": summary}))
    assert found["age"]["answer"] == [{"valueInteger": 41}]
    assert found["pain_score"]["answer"] == [{"valueInteger": 6}]
    assert "duration_days" not in found  # not a whole number of days: left out, not rounded
