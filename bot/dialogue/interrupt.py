"""When does a message interrupt the conversation? Shared by the policy (Rasa server) and the
interrupt action (action server), so both decide the same way."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from bot.dialogue.state import case_or_back
from bot.triage import Assessment, Flag, Level, triage
from bot.triage.engine import questions_to_ask

INTERRUPT_ACTION = "action_red_flag_interrupt"
# A warning sign named but not described: asked at once, then recorded (actions/warning_topic.py).
ASK_TOPIC_ACTION = "action_ask_warning_topic"
RECORD_TOPIC_ACTION = "action_record_warning_topic"


def message_flags(entities: Iterable[Mapping[str, Any]]) -> list[str]:
    """The red-flag keys the extractor found in a message (denied ones are never reported)."""
    known = {flag.value for flag in Flag}
    found = [str(e.get("value")) for e in entities if e.get("entity") == "red_flag"]
    return [value for value in dict.fromkeys(found) if value in known]


def with_flags(slots: Mapping[str, Any], new_flags: Iterable[str]) -> dict[str, Any]:
    """The slots with the new flags added to `red_flags` (each once, in order)."""
    merged = dict(slots)
    merged["red_flags"] = list(dict.fromkeys([*(slots.get("red_flags") or []), *new_flags]))
    return merged


def assess_with(slots: Mapping[str, Any], new_flags: Iterable[str]) -> Assessment:
    """Triage everything known so far plus the new flags (an unknown region counts as back)."""
    merged = with_flags(slots, new_flags)
    return triage(dataclasses.replace(case_or_back(merged, {}), screening_complete=True))


def instruct_now(slots: Mapping[str, Any], assessment: Assessment) -> bool:
    """Whether the urgent instruction of `assessment` (for these slots) is given now: L1 and L2
    at once; L3 (see a doctor today) only when no follow-up could still raise it (§8.3 A7:
    "before an L2 or L3 instruction", the items that could raise the level are asked first)."""
    if not assessment.interrupt:
        return False
    return assessment.level is not Level.DOCTOR_TODAY or not questions_to_ask(
        case_or_back(slots, {})
    )


def urgent_red_flags(slots: Mapping[str, Any], entities: Iterable[Mapping[str, Any]]) -> bool:
    """True if the message names a red flag and, with it, the urgent instruction is due now
    (`instruct_now`). Otherwise the flags are noted and the screening asks what comes next."""
    flags = message_flags(entities)
    if not flags:
        return False
    return instruct_now(with_flags(slots, flags), assess_with(slots, flags))


def topic_to_ask(slots: Mapping[str, Any], entities: Iterable[Mapping[str, Any]]) -> Flag | None:
    """The first warning-sign topic (`flag_topic` entity) in a message whose flag is not yet
    answered, or None. A topic equal to the screening question being asked is left to the
    screening form."""
    known = {flag.value for flag in Flag}
    answered = set(slots.get("answered_flags") or []) | set(slots.get("red_flags") or [])
    asking = slots.get("screening_question") if slots.get("requested_slot") else None
    for entity in entities:
        value = str(entity.get("value"))
        topic = entity.get("entity") == "flag_topic" and value in known
        if topic and value not in answered and value != asking:
            return Flag(value)
    return None
