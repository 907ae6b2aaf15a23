"""FHIR R4 exports of intake records: valid, answering the Questionnaire, and caught when broken."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.orm import Session

from bot.intake.fhir import (
    questionnaire,
    questionnaire_json,
    questionnaire_response,
    questionnaire_response_json,
    validate_r4,
)
from bot.intake.fhir_questionnaire import (
    QUESTIONNAIRE_URL,
    QUESTIONNAIRE_VERSION,
    SCREENING_ANSWER_SYSTEM,
    walk,
)
from bot.records.intake_records import IntakeRequest, find_by_reference, save_request
from bot.records.queue import record_detail
from bot.records.triage_summary import TriageSummary
from bot.settings import ROOT
from bot.triage.flags import Flag

FIXTURES = Path(__file__).parent / "fhir"
RECORDS = sorted(FIXTURES.glob("*.json"))
# The value[x] an answer must use for each item type this Questionnaire uses (FHIR R4 §2.36.2).
VALUE_FOR_TYPE = {
    "boolean": "valueBoolean",
    "integer": "valueInteger",
    "string": "valueString",
    "dateTime": "valueDateTime",
    "choice": "valueCoding",
}


def load(path: Path) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return record


Located = tuple[tuple[str, ...], dict[str, Any]]


def by_path(items: list[dict[str, Any]], parents: tuple[str, ...] = ()) -> Iterator[Located]:
    """Each item with its linkId path: the linkIds of its enclosing groups, then its own."""
    for item in items:
        yield (*parents, item["linkId"]), item
        yield from by_path(item.get("item", []), (*parents, item["linkId"]))


def check_answers_questionnaire(response: dict[str, Any], definition: dict[str, Any]) -> None:
    """Every response item sits where the Questionnaire has it, with answers of its type."""
    assert response["questionnaire"] == f"{definition['url']}|{definition['version']}"
    questions = dict(by_path(definition["item"]))
    order = list(questions)
    seen = []
    for path, item in by_path(response["item"]):
        assert path in questions, f"{path} is not in the Questionnaire"
        question = questions[path]
        seen.append(path)
        assert item.get("text") == question["text"]
        answers = item.get("answer", [])
        if question["type"] == "group":
            assert not answers and item["item"], f"{path}: a group holds items, not answers"
            continue
        assert answers, f"{path}: an item without answers must be left out"
        assert question.get("repeats") or len(answers) == 1, f"{path} does not repeat"
        for answer in answers:
            assert list(answer) == [VALUE_FOR_TYPE[question["type"]]], f"{path}: {answer}"
            if question["type"] == "choice":
                assert {"valueCoding": answer["valueCoding"]} in question["answerOption"]
    assert seen == sorted(seen, key=order.index), "items are in the Questionnaire's order"


def screening(response: dict[str, Any]) -> dict[str, str]:
    """The red-flag answers of an export: flag key -> answer code."""
    groups = [item for item in response["item"] if item["linkId"] == "red_flags"]
    codes = {}
    for item in groups[0]["item"] if groups else []:
        (answer,) = item["answer"]
        assert answer["valueCoding"]["system"] == SCREENING_ANSWER_SYSTEM
        codes[item["linkId"]] = answer["valueCoding"]["code"]
    return codes


def item_of(response: dict[str, Any], link_id: str) -> dict[str, Any]:
    return next((item for path, item in by_path(response["item"]) if path[-1] == link_id), {})


def answer(response: dict[str, Any], link_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = item_of(response, link_id).get("answer", [])
    return found


# ---- the Questionnaire ------------------------------------------------------------------------


def test_the_questionnaire_is_valid_r4_with_a_versioned_canonical_url() -> None:
    definition = questionnaire()
    assert validate_r4(definition) == []
    assert definition["status"] == "active"
    assert definition["url"] == QUESTIONNAIRE_URL and definition["version"] == QUESTIONNAIRE_VERSION
    link_ids = [item["linkId"] for item in walk(definition["item"])]
    assert len(link_ids) == len(set(link_ids))
    # fhir.resources cuts R4's list of item types short, so the types are checked here.
    assert {item["type"] for item in walk(definition["item"])} <= {"group", *VALUE_FOR_TYPE}
    assert json.loads(questionnaire_json()) == definition


def test_each_red_flag_is_asked_in_the_words_of_the_domain() -> None:
    responses = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
    items = {item["linkId"]: item for item in walk(questionnaire()["item"])}
    for flag in Flag:
        item = items[flag.value]
        assert item["text"] == " ".join(responses[f"utter_screen_{flag.value}"][0]["text"].split())
        options = [option["valueCoding"] for option in item["answerOption"]]
        assert [(o["code"], o["display"]) for o in options] == [
            ("yes", "Yes"),
            ("unsure", "Not sure"),
            ("no", "No"),
        ]
    assert items["pain_score"]["text"] == " ".join(
        responses["utter_ask_pain_score"][0]["text"].split()
    )


# ---- exports -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", RECORDS, ids=[p.stem for p in RECORDS])
def test_an_export_is_valid_r4_and_answers_the_questionnaire(path: Path) -> None:
    response = questionnaire_response(load(path))
    assert validate_r4(response) == []
    check_answers_questionnaire(response, questionnaire())
    assert response["status"] == "completed"
    assert response["identifier"]["value"] == load(path)["reference"]


def test_red_flags_are_exported_as_answered_and_questions_not_asked_are_left_out() -> None:
    response = questionnaire_response(load(FIXTURES / "neck_callback_unsure_fever.json"))
    assert screening(response) == {
        "chest_pain": "no",
        "tearing_pain": "no",
        "fever": "unsure",
        "hand_clumsiness": "yes",
        "both_hands_numb": "no",
    }


def test_an_export_carries_what_staff_need_to_call_back() -> None:
    response = questionnaire_response(load(FIXTURES / "neck_callback_unsure_fever.json"))
    (patient,) = response["contained"]
    assert patient == {
        "resourceType": "Patient",
        "id": "patient",
        "name": [{"text": "Zoë Martín-Okafor"}],
        "telecom": [{"system": "email", "value": "zoe@example.org"}],
    }
    assert response["subject"] == response["source"] == {"reference": "#patient"}
    assert response["authored"] == "2026-11-21T18:42:07+01:00"
    assert answer(response, "contact_time") == [{"valueString": "after 5 pm"}]
    assert answer(response, "consent_given_at") == [{"valueDateTime": "2026-11-21T18:41:55+01:00"}]
    assert answer(response, "pain_score") == [{"valueInteger": 8}]
    assert answer(response, "disclaimer_shown") == [{"valueBoolean": True}]
    assert [a["valueCoding"]["code"] for a in answer(response, "level")] == ["doctor_today"]


def test_naive_times_are_utc_and_unknown_codes_are_left_out() -> None:
    record = load(FIXTURES / "lower_back_routine.json")
    assert questionnaire_response(record)["authored"] == "2026-11-21T10:00:00+00:00"
    zulu = questionnaire_response({**record, "created_at": "2026-11-21T10:00:00Z"})
    assert zulu["authored"] == "2026-11-21T10:00:00+00:00"
    assert "authored" not in questionnaire_response({**record, "created_at": "yesterday"})
    older = questionnaire_response(load(FIXTURES / "older_record_without_times.json"))
    assert "authored" not in older and answer(older, "consent_contact") == []
    assert screening(older) == {} and answer(older, "treatments_tried") == []


def test_the_download_is_the_export_as_utf8_json() -> None:
    record = load(FIXTURES / "neck_callback_unsure_fever.json")
    text = questionnaire_response_json(record)
    assert "Zoë" in text  # not \u-escaped
    assert json.loads(text) == questionnaire_response(record)


# ---- broken exports are caught -------------------------------------------------------------------

Breakage = Callable[[dict[str, Any]], None]


BREAKAGES: dict[str, Breakage] = {
    "integer as text": lambda r: answer(r, "pain_score")[0].update(valueInteger="8"),
    "integer as decimal": lambda r: answer(r, "pain_score")[0].update(valueInteger=8.5),
    "integer and string at once": lambda r: answer(r, "pain_score")[0].update(valueString="8"),
    "boolean as text": lambda r: answer(r, "disclaimer_shown")[0].update(valueBoolean="true"),
    "status missing": lambda r: r.pop("status"),
    "status not an R4 code": lambda r: r.update(status="done"),
    "unknown element": lambda r: r.update(triageLevel="doctor_today"),
    "unknown element in an item": lambda r: r["item"][0].update(answerText="x"),
    "unknown element in the patient": lambda r: r["contained"][0].update(phone="+15550100"),
    "linkId missing": lambda r: r["item"][0].pop("linkId"),
    "time without a zone": lambda r: r.update(authored="2026-11-21T18:42:07"),
    "empty string": lambda r: r["item"][0].update(text=""),
    "not a resource": lambda r: r.update(resourceType="IntakeRecord"),
}


@pytest.mark.parametrize("breakage", BREAKAGES.values(), ids=BREAKAGES.keys())
def test_a_broken_export_does_not_validate(breakage: Breakage) -> None:
    response = questionnaire_response(load(FIXTURES / "neck_callback_unsure_fever.json"))
    assert validate_r4(response) == []
    broken = copy.deepcopy(response)
    breakage(broken)
    assert validate_r4(broken) != []


@pytest.mark.parametrize(
    "breakage",
    [
        lambda r: item_of(r, "pain_score").update(linkId="pain_level"),
        lambda r: item_of(r, "pain_score").update(answer=[{"valueString": "8"}]),
        lambda r: r["item"].reverse(),
        lambda r: answer(r, "fever")[0]["valueCoding"].update(code="maybe"),
    ],
    ids=["unknown linkId", "answer of the wrong type", "order", "code not offered"],
)
def test_the_questionnaire_check_catches_a_mismatch(breakage: Breakage) -> None:
    broken = questionnaire_response(load(FIXTURES / "neck_callback_unsure_fever.json"))
    breakage(broken)
    with pytest.raises(AssertionError):
        check_answers_questionnaire(broken, questionnaire())


# ---- from the database, as the console reads records ------------------------------------------


def test_a_saved_request_exports_as_the_console_reads_it(session: Session) -> None:
    consent = datetime(2026, 11, 21, 9, 59, tzinfo=timezone.utc)
    summary = TriageSummary(
        region="lower_back",
        duration_days=10,
        pain_score=4,
        unsure_flags=("saddle_numbness",),
        answered_flags=("chest_pain", "saddle_numbness"),
        level="emergency_department",
        reasons=("Not sure about numbness in the saddle area.",),
    )
    request = IntakeRequest(
        kind="consultation",
        name="Sam Lee",
        contact_time="now",
        consent_given_at=consent,
        conversation_id="conv-7",
        phone="+15550100199",
        summary=summary,
    )
    with session.begin():
        reference = save_request(session, request)
    found = find_by_reference(session, reference)
    assert found is not None
    by_reference = questionnaire_response(found)
    detail = record_detail(session, reference)
    assert detail is not None
    in_console = questionnaire_response(asdict(detail))
    for response in (by_reference, in_console):
        assert validate_r4(response) == []
        check_answers_questionnaire(response, questionnaire())
        assert screening(response) == {"chest_pain": "no", "saddle_numbness": "unsure"}
        assert response["identifier"]["value"] == reference
    # find_by_reference has no times; the console's RecordDetail has both.
    assert "authored" not in by_reference and "authored" in in_console
    assert answer(in_console, "consent_given_at") == [
        {"valueDateTime": "2026-11-21T09:59:00+00:00"}
    ]
    assert questionnaire_response({**found, "summary": summary}) == by_reference
