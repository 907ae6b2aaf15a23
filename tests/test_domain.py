"""Every sentence the bot says lives in domain.yml: one screening question per red-flag key, one
outcome per triage level, the safety net and the disclaimer."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from rasa.core.nlg.interpolator import interpolate
from structlog.testing import capture_logs

from bot.settings import ROOT
from bot.triage import Flag, Level

DOMAIN: dict[str, Any] = yaml.safe_load((ROOT / "domain.yml").read_text())
RESPONSES: dict[str, list[dict[str, Any]]] = DOMAIN["responses"]


@pytest.mark.parametrize("flag", list(Flag))
def test_every_red_flag_has_a_plain_question_with_yes_not_sure_no_buttons(flag: Flag) -> None:
    [variant] = RESPONSES[f"utter_screen_{flag.value}"]
    assert variant["text"].rstrip().endswith("?")
    assert [(b["title"], b["payload"]) for b in variant["buttons"]] == [
        ("Yes", "/affirm"),
        ("Not sure", "/unsure"),
        ("No", "/deny"),
    ]


def test_utter_ask_names_only_a_question_a_form_asks_for_its_slot() -> None:
    # Rasa's forms ask for a slot with utter_ask_<form>_<slot> or utter_ask_<slot>; a screening
    # question named that way read as a slot question (issue 18 step 5).
    forms = DOMAIN["forms"]
    asked = {
        name
        for form, spec in forms.items()
        for slot in spec["required_slots"]
        for name in (f"utter_ask_{form}_{slot}", f"utter_ask_{slot}")
    }
    questions = {name for name in RESPONSES if name.startswith("utter_ask_")}
    assert questions <= asked, sorted(questions - asked)
    assert {f"utter_screen_{flag.value}" for flag in Flag} <= RESPONSES.keys()


@pytest.mark.parametrize("level", list(Level))
def test_every_level_has_an_outcome_message(level: Level) -> None:
    [variant] = RESPONSES[f"utter_level_{level.value}"]
    text = variant["text"]
    if level.is_urgent:
        assert "{emergency_number}" in text and "{clinic_phone}" in text
    if level in (Level.CALL_EMERGENCY, Level.EMERGENCY_DEPARTMENT):
        assert "now" in text and "Do not drive" in text


def test_the_disclaimer_says_what_the_bot_is_not_and_gives_the_emergency_number() -> None:
    [variant] = RESPONSES["utter_disclaimer"]
    assert "does not diagnose" in variant["text"]
    assert "{emergency_number}" in variant["text"]


def test_the_safety_net_lists_the_cauda_equina_warnings() -> None:
    [variant] = RESPONSES["utter_safety_net"]
    for words in ("between your legs", "bladder", "bowels", "both legs", "{emergency_number}"):
        assert words in variant["text"]


def test_no_response_promises_an_outcome_or_an_approval() -> None:
    text = yaml.safe_dump(RESPONSES).lower()
    for promise in ("cure", "guarantee", "will get better", "fda-approved", "fda approved"):
        assert promise not in text


def test_every_response_fills_without_an_error_and_buttons_send_their_payloads() -> None:
    # Rasa fills {slot_name} in every response it sends; one it cannot fill is logged as an
    # error together with the conversation's slot values, health information (DESIGN.md).
    # Placeholders are slot names or values the actions pass by name (always identifiers).
    named = re.findall(r"(?<!{){([A-Za-z_]\w*)}(?!})", json.dumps(RESPONSES))
    values = {name: "x" for name in named}
    for name, variants in RESPONSES.items():
        for variant in variants:
            with capture_logs() as logged:
                filled = interpolate(variant, values)
            assert logged == [], name
            for button in filled.get("buttons", []):
                # The entity payloads a button sends are single-braced JSON, as Rasa parses them.
                assert "{{" not in button["payload"]
                if "{" in button["payload"]:
                    intent, _, entities = button["payload"].partition("{")
                    assert intent.startswith("/") and json.loads("{" + entities), name


def test_every_screening_group_has_its_question_with_the_none_of_these_button() -> None:
    from bot.triage.groups import BACK_GROUPS, NECK_GROUPS

    # A fresh copy: the fill test above fills RESPONSES in place.
    responses = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]
    for group in (*BACK_GROUPS, *NECK_GROUPS):
        [variant] = responses[group.response]
        assert "{screen_list}" in variant["text"]
        assert [b["title"] for b in variant["buttons"]] == ["Yes", "Not sure", "No, none of these"]
    # §8.2 note: the §7 group's wording; the follow-up groups come with their own.
    assert "Along with the pain" in responses["utter_screen_group_b6"][0]["text"]
    assert "{screen_list}" in responses["utter_screen_follow_up"][0]["text"]


def test_the_pregnancy_question_says_what_to_answer_when_it_cannot_apply() -> None:
    [variant] = RESPONSES["utter_screen_possible_pregnancy"]
    assert "could not apply to you, answer No" in variant["text"]
    assert "negative test" in variant["text"]  # NS-3: a negative test does not rule it out


def test_no_section_7_question_or_label_names_a_diagnosis() -> None:
    keys = [f.value for f in list(Flag)[list(Flag).index(Flag.INFLAMMATORY_PATTERN) + 1 :]]
    texts = [RESPONSES[f"utter_screen_{k}"][0]["text"] for k in keys]
    texts += [RESPONSES[f"utter_screen_item_{k}"][0]["text"] for k in keys]
    for text in texts:
        for diagnosis in (
            "colic",
            "pyelonephritis",
            "ectopic",
            "pancreatitis",
            "gallstone",
            "shingles",
            "meningitis",
            "cholecystitis",
        ):
            assert diagnosis not in text.lower(), text
