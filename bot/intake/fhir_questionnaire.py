"""The FHIR R4 Questionnaire that describes what SpineBot asks and what it concludes.

Question texts are read from domain.yml (`utter_ask_<slot>` for the intake, `utter_screen_<flag>`
for screening) when the Questionnaire is built, so the export always carries the wording the
person saw; answer labels come from the same responses' buttons. Labels for items the bot does
not ask (the outcome, the request) are staff labels, not bot sentences. Treatment codes and names
come from the treatment table's content file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot import settings
from bot.clinic import ConfigError
from bot.db.content import load_treatments
from bot.records.intake_records import KINDS as REQUEST_KINDS
from bot.triage.flags import BACK_SCREEN, NECK_SCREEN, Flag, Radiation, Region
from bot.triage.levels import Level

# A placeholder clinic domain (.example is reserved, RFC 2606); a deployment may replace it.
BASE_URL = "https://fhir.clinic.example/spinebot"
QUESTIONNAIRE_URL = f"{BASE_URL}/Questionnaire/spinebot-intake"
# Bump when items, types or answer sets change; wording edits in domain.yml alone do not.
QUESTIONNAIRE_VERSION = "1.0.0"
REFERENCE_SYSTEM = f"{BASE_URL}/identifier/intake-reference"
REGION_SYSTEM = f"{BASE_URL}/CodeSystem/body-region"
RADIATION_SYSTEM = f"{BASE_URL}/CodeSystem/radiation"
SCREENING_ANSWER_SYSTEM = f"{BASE_URL}/CodeSystem/screening-answer"
LEVEL_SYSTEM = f"{BASE_URL}/CodeSystem/triage-level"
TREATMENT_SYSTEM = f"{BASE_URL}/CodeSystem/treatment"
REQUEST_KIND_SYSTEM = f"{BASE_URL}/CodeSystem/request-kind"
UCUM = "http://unitsofmeasure.org"
_EXTENSION = "http://hl7.org/fhir/StructureDefinition"

NO_RADIATION = "none"  # the radiation slot's value when the person says it does not spread
# Screening answers by the intent of the button that gives them (bot/dialogue/state.py Answer).
SCREENING_ANSWERS = {"affirm": "yes", "unsure": "unsure", "deny": "no"}


def screening_order() -> tuple[Flag, ...]:
    """Every red flag once: the back screen in its order, then the neck's own, then the rest."""
    ordered = dict.fromkeys((*BACK_SCREEN, *NECK_SCREEN, *Flag))
    return tuple(ordered)


@lru_cache(maxsize=4)
def _responses(domain_file: Path) -> Mapping[str, Any]:
    raw = yaml.safe_load(domain_file.read_text(encoding="utf-8"))
    responses = raw.get("responses") if isinstance(raw, dict) else None
    if not isinstance(responses, dict):
        raise ConfigError(f"{domain_file}: no responses")
    return responses


def _response(name: str) -> Mapping[str, Any]:
    variants = _responses(settings.ROOT / "domain.yml").get(name)
    if not variants or not isinstance(variants[0], dict) or "text" not in variants[0]:
        raise ConfigError(f"domain.yml: response {name} with a text is missing")
    first: Mapping[str, Any] = variants[0]
    return first


def question_text(response: str) -> str:
    """The text of a domain response as the bot sends it (first variation)."""
    return " ".join(str(_response(response)["text"]).split())


def screening_question(flag: str) -> str:
    """The screening question for a red-flag key; the key itself if the domain has none."""
    try:
        return question_text(f"utter_screen_{flag}")
    except ConfigError:
        return flag


def _button_titles(response: str) -> dict[str, str]:
    """Button titles by what they set: the entity value of an /inform payload, else the intent."""
    titles = {}
    for button in _response(response).get("buttons") or []:
        # domain.yml doubles a payload's braces so that Rasa's response filler leaves them
        # alone (a comment there says why); the person's button sends them single.
        payload = str(button["payload"]).replace("{{", "{").replace("}}", "}")
        intent, brace, entities = payload.lstrip("/").partition("{")
        values = json.loads(brace + entities) if brace else {}
        titles[str(next(iter(values.values()), intent))] = str(button["title"])
    return titles


def _option(system: str, code: str, display: str) -> dict[str, Any]:
    return {"valueCoding": {"system": system, "code": code, "display": display}}


def _label(code: str) -> str:
    return code.replace("_", " ").capitalize()


def _unit(code: str, display: str) -> dict[str, Any]:
    coding = {"system": UCUM, "code": code, "display": display}
    return {"url": f"{_EXTENSION}/questionnaire-unit", "valueCoding": coding}


def _item(link_id: str, kind: str, text: str, **more: Any) -> dict[str, Any]:
    return {"linkId": link_id, "text": text, "type": kind, **more}


def _asked(slot: str, kind: str, **more: Any) -> dict[str, Any]:
    """The item for a slot a form asks for, in the words of its question (`utter_ask_<slot>`)."""
    return _item(slot, kind, question_text(f"utter_ask_{slot}"), **more)


def _pain_items() -> list[dict[str, Any]]:
    regions = _button_titles("utter_ask_body_region")
    spread = _button_titles("utter_ask_radiation")
    region_options = [
        _option(REGION_SYSTEM, r.value, regions.get(r.value, _label(r.value))) for r in Region
    ]
    radiation_options = [
        _option(RADIATION_SYSTEM, r.value, spread.get(r.value, _label(r.value))) for r in Radiation
    ]
    radiation_options.append(_option(RADIATION_SYSTEM, NO_RADIATION, spread.get("deny", "No")))
    score_range = [
        {"url": f"{_EXTENSION}/minValue", "valueInteger": 0},
        {"url": f"{_EXTENSION}/maxValue", "valueInteger": 10},
    ]
    return [
        _asked("body_region", "choice", answerOption=region_options),
        _item(
            "duration_days",
            "integer",
            question_text("utter_ask_duration"),
            extension=[_unit("d", "days")],
        ),
        _asked("pain_score", "integer", extension=score_range),
        _asked("radiation", "choice", answerOption=radiation_options),
        _asked("age", "integer", extension=[_unit("a", "years")]),
    ]


def _screening_item(flag: Flag) -> dict[str, Any]:
    question = f"utter_screen_{flag.value}"
    titles = _button_titles(question)
    options = [
        _option(SCREENING_ANSWER_SYSTEM, code, titles.get(intent, _label(code)))
        for intent, code in SCREENING_ANSWERS.items()
    ]
    return _item(flag.value, "choice", question_text(question), answerOption=options)


def _outcome_items() -> list[dict[str, Any]]:
    levels = [
        _option(LEVEL_SYSTEM, level.value, f"L{level.rank} {level.value.replace('_', ' ')}")
        for level in Level
    ]
    return [
        _item("level", "choice", "Triage level", readOnly=True, answerOption=levels),
        _item("reasons", "string", "Reasons", readOnly=True, repeats=True),
        _item("recommendations", "string", "Recommendations shown", readOnly=True, repeats=True),
        _item("disclaimer_shown", "boolean", "Disclaimer shown", readOnly=True),
    ]


def _contact_items() -> list[dict[str, Any]]:
    kinds = [_option(REQUEST_KIND_SYSTEM, kind, _label(kind)) for kind in REQUEST_KINDS]
    return [
        _item("request_kind", "choice", "Request", readOnly=True, answerOption=kinds),
        _asked("consent_contact", "boolean"),
        _item("consent_given_at", "dateTime", "Consent given at", readOnly=True),
        _asked("contact_time", "string"),
    ]


def questionnaire() -> dict[str, Any]:
    """The Questionnaire resource (FHIR R4, 4.0.1) that every intake export answers."""
    options = [
        _option(TREATMENT_SYSTEM, entry.key, entry.name)
        for entry in load_treatments(settings.treatments_file())
    ]
    treatments = {"repeats": True, "answerOption": options}
    flags = [_screening_item(flag) for flag in screening_order()]
    return {
        "resourceType": "Questionnaire",
        "url": QUESTIONNAIRE_URL,
        "version": QUESTIONNAIRE_VERSION,
        "name": "SpineBotIntake",
        "title": "SpineBot back and neck pain intake",
        "status": "active",
        "subjectType": ["Patient"],
        "description": "What the SpineBot chat asks about back or neck pain, and its triage.",
        "item": [
            _item("pain", "group", "About the pain", item=_pain_items()),
            _item("red_flags", "group", "Warning signs", item=flags),
            _item("treatments_tried", "choice", "Treatments tried", **treatments),
            _item("outcome", "group", "Triage outcome", item=_outcome_items()),
            _item("contact", "group", "Contact request", item=_contact_items()),
        ],
    }


def walk(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every item, groups before their children, in document order."""
    for item in items:
        yield item
        yield from walk(item.get("item", []))
