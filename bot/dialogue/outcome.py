"""What an outcome says: the machine-readable triage payload every outcome carries (DESIGN.md,
triage contract), and which domain responses word it (`outcome_words`), including the §7 wording
for pain that may not come from the spine (CLINICAL.md §7)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.triage import Assessment, Level
from bot.triage.nonspinal_reasons import (
    EARLY_PREGNANCY_ROW,
    MATERNITY_ROW,
    Destination,
    nonspinal,
    row_of,
)


def triage_payload(assessment: Assessment) -> dict[str, Any]:
    """`{"triage": {"level": ..., "reasons": [...], "disclaimer": true}}` plus what a widget or
    test needs to style it: whether it interrupts, and the rules that fired."""
    return {
        "triage": {
            "level": assessment.level.value,
            "reasons": [str(reason) for reason in assessment.reasons],
            "rules": [reason.rule for reason in assessment.reasons],
            "interrupt": assessment.interrupt,
            "disclaimer": True,
        }
    }


def instruction_payload(level: Level, reasons: Sequence[str] = ()) -> dict[str, Any]:
    """The triage payload of an urgent instruction that no assessment gave: "it's an emergency"
    (reason and rule "stated_emergency") and the reminder after any instruction (none)."""
    return {
        "triage": {
            "level": level.value,
            "reasons": list(reasons),
            "rules": list(reasons),
            "interrupt": True,
            "disclaimer": True,
        }
    }


# Each level in plain words. Literal names, so `python -m bot.dialogue.validate` can check them.
OUTCOMES: dict[Level, str] = {
    Level.CALL_EMERGENCY: "utter_level_call_emergency",
    Level.EMERGENCY_DEPARTMENT: "utter_level_emergency_department",
    Level.DOCTOR_TODAY: "utter_level_doctor_today",
    Level.DOCTOR_SOON: "utter_level_doctor_soon",
    Level.ROUTINE_APPOINTMENT: "utter_level_routine_appointment",
    Level.SELF_CARE: "utter_level_self_care",
}
# CLINICAL.md §7: "pregnancy changes the destination, not the level". Where a pregnancy rule sets
# the level, its words name the maternity unit (pregnant now, NS-4) or the early pregnancy unit
# (could be pregnant, NS-3). At call_emergency the emergency number stays the instruction.
_MATERNITY, _EARLY = Destination.MATERNITY_UNIT, Destination.EARLY_PREGNANCY_UNIT
PREGNANCY_OUTCOMES: dict[tuple[Destination, Level], str] = {
    (_MATERNITY, Level.EMERGENCY_DEPARTMENT): "utter_level_emergency_department_maternity",
    (_MATERNITY, Level.DOCTOR_TODAY): "utter_level_doctor_today_maternity",
    (_MATERNITY, Level.DOCTOR_SOON): "utter_level_doctor_soon_maternity",
    (_MATERNITY, Level.SELF_CARE): "utter_level_self_care_pregnancy",
    (_EARLY, Level.EMERGENCY_DEPARTMENT): "utter_level_emergency_department_early_pregnancy",
    (_EARLY, Level.DOCTOR_TODAY): "utter_level_doctor_today_early_pregnancy",
    (_EARLY, Level.DOCTOR_SOON): "utter_level_doctor_soon_early_pregnancy",
    (_EARLY, Level.SELF_CARE): "utter_level_self_care_pregnancy",
}


@dataclass(frozen=True)
class OutcomeWords:
    """Which domain responses an outcome is said with.

    `level`: the level in plain words (its destination). `after_reasons`: lines after the
    reasons (§7's "this kind of pain can sometimes come from somewhere other than the spine",
    a pregnancy told where to go when another rule set the level). `spine_advice`: whether the
    treatment table's spine self-care may be offered (never for a §7 outcome, CLINICAL.md §7 and
    issue 17). `safety_net`: the safety-net responses, the §7 or pregnancy warning signs first.
    """

    level: str
    after_reasons: tuple[str, ...]
    spine_advice: bool
    safety_net: tuple[str, ...]


def outcome_words(assessment: Assessment) -> OutcomeWords:
    """The responses for an assessment's outcome (see `OutcomeWords`). Pure."""
    found = nonspinal(assessment)
    if found is None:
        return OutcomeWords(OUTCOMES[assessment.level], (), True, ("utter_safety_net",))
    # The destination words replace the level's only where a pregnancy rule sets the level; a
    # §1 rule at the same level (a cauda equina sign in a pregnancy) keeps the usual destination.
    at_level = {row_of(r) for r in found.reasons if r.level is assessment.level}
    row = {_MATERNITY: MATERNITY_ROW, _EARLY: EARLY_PREGNANCY_ROW}
    sets_level = row.get(found.destination) in at_level
    others = [
        r for r in assessment.reasons if r.level is assessment.level and r not in found.reasons
    ]
    key = (found.destination, assessment.level)
    after: list[str] = []
    if sets_level and not others and key in PREGNANCY_OUTCOMES:
        level = PREGNANCY_OUTCOMES[key]
    else:
        level = OUTCOMES[assessment.level]
        if found.destination is Destination.MATERNITY_UNIT:
            after.append("utter_tell_them_pregnant")
        elif found.destination is Destination.EARLY_PREGNANCY_UNIT:
            after.append("utter_tell_them_maybe_pregnant")
    if not found.pregnancy_self_care:
        after.append("utter_not_from_the_spine")
    net = ("utter_safety_net_pregnancy",) if found.pregnancy_safety_net else ()
    nets = (*net, "utter_safety_net_not_spine", "utter_safety_net")
    return OutcomeWords(level, tuple(after), False, nets)
