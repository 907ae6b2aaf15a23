"""Slot values (as Rasa stores them) to a triage Case, and screening answers back to slots."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from bot.triage import Case, Flag, Radiation, Region

Answer = Literal["yes", "no", "unsure"]
LIST_SLOTS = ("red_flags", "unsure_flags", "answered_flags")


def slot_number(value: Any) -> int | None:
    """A numeric slot's value (duration in days, pain score 0-10, age in years) as an int, or
    None when it is not known, never a guess.

    validate_intake_form stores numbers, and "unknown" when the person does not know. A number
    told outside the intake form (a pain score during screening) is stored by the slot's entity
    mapping as the entity's text ("8"), which no validator sees, so that text is read too.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value)
    return int(value) if isinstance(value, str) and value.isdigit() else None


def _flags(values: Any) -> frozenset[Flag]:
    known = {flag.value for flag in Flag}
    return frozenset(Flag(v) for v in (values or []) if v in known)


def case_from_slots(slots: Mapping[str, Any], treatment_steps: Mapping[str, int]) -> Case | None:
    """The case the slots describe, or None while the body region is unknown."""
    try:
        region = Region(slots.get("body_region"))
    except ValueError:
        return None
    try:
        radiation = Radiation(slots["radiation"]) if slots.get("radiation") else None
    except ValueError:
        radiation = None
    tried = [t for t in (slots.get("treatments_tried") or []) if t in treatment_steps]
    return Case(
        region=region,
        duration_days=slot_number(slots.get("duration")),
        pain_score=slot_number(slots.get("pain_score")),
        age=slot_number(slots.get("age")),
        radiation=radiation,
        red_flags=_flags(slots.get("red_flags")),
        unsure=_flags(slots.get("unsure_flags")),
        answered=_flags(slots.get("answered_flags")),
        treatments_tried={key: treatment_steps[key] for key in tried},
    )


def case_or_back(slots: Mapping[str, Any], treatment_steps: Mapping[str, int]) -> Case:
    """The case the slots describe, counting an unknown region as back pain: red-flag levels do
    not depend on the region, except where the neck is more urgent (fever), and the back screen
    is the longer one."""
    case = case_from_slots(slots, treatment_steps)
    if case is None:
        case = case_from_slots({**slots, "body_region": Region.BACK.value}, treatment_steps)
    assert case is not None  # "back" is always a region
    return case


def record_answer(slots: Mapping[str, Any], flag: Flag, answer: Answer) -> dict[str, list[str]]:
    """The new values of the list slots after `flag` was answered."""
    updated = {name: list(slots.get(name) or []) for name in LIST_SLOTS}
    for name in ("red_flags", "unsure_flags"):
        if flag.value in updated[name]:
            updated[name].remove(flag.value)
    target = {"yes": "red_flags", "unsure": "unsure_flags"}.get(answer)
    if target:
        updated[target].append(flag.value)
    if flag.value not in updated["answered_flags"]:
        updated["answered_flags"].append(flag.value)
    return updated


def record_volunteered(slots: Mapping[str, Any], flags: Iterable[str]) -> dict[str, list[str]]:
    """The new values of the list slots after the person mentioned red flags without being
    asked: each counts as answered yes, so its rules apply and screening does not ask it again.
    Flags already recorded as yes stay as they were; unknown keys are ignored."""
    known = {flag.value for flag in Flag}
    updated = {name: list(slots.get(name) or []) for name in LIST_SLOTS}
    for value in flags:
        if value in known and value not in updated["red_flags"]:
            updated = record_answer(updated, Flag(value), "yes")
    return updated
