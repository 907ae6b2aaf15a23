"""Intake records as FHIR R4 (4.0.1) QuestionnaireResponses, and a validator for them.

The export answers the Questionnaire in bot/intake/fhir_questionnaire.py: items are emitted in
its order and only where the record holds an answer; contact details (name, phone, e-mail) travel
as a contained Patient that is both `subject` and `source`, the preferred contact time and the
consent time as items. A triage record or a request exports the same items: body region,
duration (days), pain score (0-10), spread, age (years), each warning-sign answer, treatments
tried, the level, its reasons and the recommendations shown.

Warning-sign answers (bot/records/warning_sign_answers.py; the questions of CLINICAL.md §1A/§1B
and the §7B gateways and follow-ups) are coded yes / unsure / no. A question that was not asked
is left out, not answered: R4 allows an item without an answer, but it says nothing a receiving
system can use, form fillers leave unanswered questions out, and HL7's change request FHIR-25949
asks that a question item appear only with at least one answer. So is a gateway never put
because a sign the person told answers it (`ScreeningAnswer.implied`): the response holds only
what the person was asked. A question answered "not sure" and then ruled out by the clarifying
question (CLINICAL.md §8.3 A5) is answered "no", the answer the triage used, with the extension
CLEARED_UNSURE (valueBoolean true) on the answer; a system that does not know the extension may
ignore it (it is not a modifier). A request made before any triage has no screening answers,
spread, level or reasons, and exports without those items.

Validation uses the R4 models of fhir.resources 6.4.0, the last release whose default models are
FHIR 4.0.1 and built on pydantic 1 (6.5.0 moved to R4B 4.3.0, 7.x to R5, 7.1 to pydantic 2, which
Rasa 3.6 cannot share). The models enforce cardinality (a missing `status` or `linkId`), reject
unknown elements and allow one value[x]. Pydantic 1 coerces, though: it accepts "7" or 7.5 for an
integer, "true" for a boolean and any code for `status`. So before parsing, `validate_r4` checks
each JSON value against the same models' metadata: the JSON type of its primitive, the R4 regex
for string primitives (a dateTime needs its time zone) and the required codes (`enum_values`;
skipped where the model's list ends in "+", i.e. is cut short, as for Questionnaire.item.type).
The official R4 JSON schema (fhir.schema.json) was the alternative. It is not on PyPI and on npm
only inside a wrapper package, so it would be a vendored 3.3 MB file; and it cannot say that a
primitive is required, nor that an integer is whole, so it passes a lost `status`, a lost `linkId`
and 7.5 for an integer. Both exports here also pass that schema (checked once by hand).
"""

from __future__ import annotations

import decimal
import importlib
import json
import re
from collections.abc import Mapping
from dataclasses import asdict, is_dataclass
from datetime import datetime, timezone
from typing import Any

import pydantic

from bot.intake.fhir_questionnaire import (
    BASE_URL,
    QUESTIONNAIRE_URL,
    QUESTIONNAIRE_VERSION,
    REFERENCE_SYSTEM,
    questionnaire,
    screening_question,
)
from bot.records.triage_summary import summary_from_json
from bot.records.warning_sign_answers import Answer, screening_answers

__all__ = [
    "questionnaire",
    "questionnaire_json",
    "questionnaire_response",
    "questionnaire_response_json",
    "screening_question",
    "validate_r4",
]

PATIENT_ID = "patient"
# The answer codes of the screening items (fhir_questionnaire.SCREENING_ANSWERS): a question
# cleared after "not sure" is answered "no", with the CLEARED_UNSURE extension.
SCREENING_CODES = {
    Answer.YES: "yes",
    Answer.NOT_SURE: "unsure",
    Answer.CLEARED: "no",
    Answer.NO: "no",
}
CLEARED_UNSURE = f"{BASE_URL}/StructureDefinition/screening-cleared-unsure"


def _mapping(value: Any) -> Mapping[str, Any]:
    """A summary as stored (a dict) or as a TriageSummary."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return value if isinstance(value, Mapping) else {}


def _date_time(value: Any) -> str | None:
    """A FHIR dateTime; naive times are UTC (SQLite returns them naive)."""
    moment = value
    if isinstance(value, str):
        text = value[:-1] + "+00:00" if value.endswith("Z") else value  # 3.10 reads no "Z"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return None
    if not isinstance(moment, datetime):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat(timespec="seconds")


def _whole(value: Any) -> int | None:
    """A stored whole number (an int, a whole float such as a slot's 41.0, or digits) as an int;
    None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return int(value) if isinstance(value, str) and value.strip().isdigit() else None


def _texts(values: Any) -> list[str]:
    return [str(v) for v in values or () if str(v).strip()]


def _answers(record: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Raw answers by linkId: codes for choice items, Python values for the rest."""
    summary = _mapping(record.get("summary"))
    answers: dict[str, list[Any]] = {
        "body_region": [summary.get("region")],
        "duration_days": [_whole(summary.get("duration_days"))],
        "pain_score": [_whole(summary.get("pain_score"))],
        "radiation": [summary.get("radiation")],
        "age": [_whole(summary.get("age"))],
        "treatments_tried": list(summary.get("treatments_tried") or ()),
        "level": [summary.get("level") or record.get("level")],
        "reasons": _texts(summary.get("reasons")),
        "recommendations": _texts(summary.get("recommendations")),
        "disclaimer_shown": [summary.get("disclaimers_shown")],
        "request_kind": [record.get("kind")],
        "consent_given_at": [_date_time(record.get("consent_given_at"))],
        "contact_time": _texts([record.get("contact_time")]),
    }
    if answers["consent_given_at"][0]:  # only saved after the person agreed (actions/consultation)
        answers["consent_contact"] = [True]
    for item in screening_answers(summary_from_json(dict(summary))):
        if item.answer is not Answer.NOT_ASKED and not item.implied:
            answers[item.flag] = [SCREENING_CODES[item.answer]]
    return answers


def _cleared(record: Mapping[str, Any]) -> frozenset[str]:
    """The linkIds of the screening items answered "not sure" and then cleared (§8.3 A5)."""
    summary = summary_from_json(dict(_mapping(record.get("summary"))))
    return frozenset(summary.cleared_unsure)


def _typed(item: Mapping[str, Any], raw: Any) -> dict[str, Any] | None:
    """One answer in the value[x] the item's type calls for; None if it has none."""
    kind = item["type"]
    if raw is None:
        return None
    if kind == "choice":
        for option in item.get("answerOption", []):
            if option["valueCoding"]["code"] == raw:
                return {"valueCoding": dict(option["valueCoding"])}
        return None
    if kind == "integer" and isinstance(raw, int):
        return {"valueInteger": raw}
    if kind == "boolean" and isinstance(raw, bool):
        return {"valueBoolean": raw}
    if kind == "dateTime" and isinstance(raw, str):
        return {"valueDateTime": raw}
    if kind == "string" and isinstance(raw, str):
        return {"valueString": raw}
    return None


def _response_items(
    items: list[dict[str, Any]], answers: Mapping[str, list[Any]], cleared: frozenset[str]
) -> list[dict[str, Any]]:
    """The response's items for the Questionnaire's `items`: answered ones only, groups only
    when they hold one; a cleared screening answer carries the CLEARED_UNSURE extension."""
    out = []
    for item in items:
        entry: dict[str, Any] = {"linkId": item["linkId"], "text": item["text"]}
        if item["type"] == "group":
            children = _response_items(item["item"], answers, cleared)
            if children:
                out.append({**entry, "item": children})
            continue
        typed = [a for a in (_typed(item, raw) for raw in answers.get(item["linkId"], [])) if a]
        if typed and item["linkId"] in cleared:
            flag = {"url": CLEARED_UNSURE, "valueBoolean": True}
            typed = [{"extension": [flag], **answer} for answer in typed]
        if typed:
            out.append({**entry, "answer": typed if item.get("repeats") else typed[:1]})
    return out


def _patient(record: Mapping[str, Any]) -> dict[str, Any] | None:
    telecom = [
        {"system": system, "value": str(record[key])}
        for system, key in (("phone", "phone"), ("email", "email"))
        if record.get(key)
    ]
    name = [{"text": str(record["name"])}] if record.get("name") else []
    if not (name or telecom):
        return None
    patient: dict[str, Any] = {"resourceType": "Patient", "id": PATIENT_ID}
    if name:
        patient["name"] = name
    if telecom:
        patient["telecom"] = telecom
    return patient


def questionnaire_response(record: Mapping[str, Any]) -> dict[str, Any]:
    """The QuestionnaireResponse for one intake record (as `find_by_reference` returns it, plus
    `created_at` and `consent_given_at` when known)."""
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "identifier": {"system": REFERENCE_SYSTEM, "value": str(record["reference"])},
        "questionnaire": f"{QUESTIONNAIRE_URL}|{QUESTIONNAIRE_VERSION}",
        "status": "completed",
    }
    patient = _patient(record)
    if patient is not None:
        resource["contained"] = [patient]
        resource["subject"] = resource["source"] = {"reference": f"#{PATIENT_ID}"}
    authored = _date_time(record.get("created_at"))
    if authored:
        resource["authored"] = authored
    resource["item"] = _response_items(questionnaire()["item"], _answers(record), _cleared(record))
    return resource


def questionnaire_response_json(record: Mapping[str, Any]) -> str:
    """The export as the console's download sends it (application/fhir+json, UTF-8)."""
    return json.dumps(questionnaire_response(record), ensure_ascii=False, indent=2)


def questionnaire_json() -> str:
    """The Questionnaire the exports answer (bot/intake/fhir_questionnaire.py), as JSON text."""
    return json.dumps(questionnaire(), ensure_ascii=False, indent=2)


# ---- validation ---------------------------------------------------------------------------


def _model(resource_type: Any) -> Any:
    """The fhir.resources R4 model class for a resource or type name, or None."""
    resources = importlib.import_module("fhir.resources")
    try:
        return resources.get_fhir_model_class(str(resource_type))
    except (KeyError, ValueError):
        return None


def _check_value(field: Any, value: Any, where: str, errors: list[str]) -> None:
    kind, types = field.type_, importlib.import_module("fhir.resources.fhirtypes")
    if not isinstance(kind, type):
        return
    is_resource = issubclass(kind, types.ResourceType)
    if is_resource or issubclass(kind, types.AbstractType):
        if isinstance(value, dict):  # anything else is the model's to report
            name = (
                value.get("resourceType")
                if is_resource
                else getattr(kind, "__resource_type__", None)
            )
            nested = _model(name)
            if nested is not None:
                _check_object(nested, value, where, errors)
        return
    if issubclass(kind, bool):
        ok = isinstance(value, bool)
    elif issubclass(kind, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif issubclass(kind, decimal.Decimal):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    else:
        pattern = getattr(kind, "regex", None)
        ok = isinstance(value, str) and (
            not isinstance(pattern, re.Pattern) or pattern.fullmatch(value) is not None
        )
    if not ok:
        errors.append(f"{where}: not a valid FHIR {getattr(kind, '__visit_name__', kind.__name__)}")
    enum = field.field_info.extra.get("enum_values") or ["+"]
    if ok and "+" not in enum and value not in enum:  # "+": the model's list is cut short
        errors.append(f"{where}: {value!r} is not one of {enum}")


def _check_object(model: Any, data: Mapping[str, Any], path: str, errors: list[str]) -> None:
    fields = {field.alias: field for field in model.__fields__.values()}
    for key, value in data.items():
        field = fields.get(key)
        if field is None or key == "resourceType":
            continue  # unknown elements are the model's to report
        many = isinstance(value, list)
        for index, item in enumerate(value if many else [value]):
            _check_value(field, item, f"{path}.{key}" + (f"[{index}]" if many else ""), errors)


def validate_r4(resource: Mapping[str, Any]) -> list[str]:
    """What makes `resource` invalid FHIR R4 (4.0.1) JSON; empty when it is valid."""
    resource_type = resource.get("resourceType")
    model = _model(resource_type)
    if model is None:
        return [f"resourceType: {resource_type!r} is not an R4 resource"]
    errors: list[str] = []
    _check_object(model, resource, str(resource_type), errors)
    try:
        model.parse_obj(dict(resource))
    except pydantic.ValidationError as invalid:
        for error in invalid.errors():
            where = "".join(
                f"[{part}]" if isinstance(part, int) else f".{part}"
                for part in error["loc"]
                if part != "__root__"
            )
            errors.append(f"{resource_type}{where}: {error['msg']}")
    return errors
