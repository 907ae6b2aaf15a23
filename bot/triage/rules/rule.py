"""The shape of one triage rule, and the level names the rule tables use (CLINICAL.md §0.2)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.triage.case import Facts
from bot.triage.levels import Level

# CLINICAL.md §0.2's level numbers, so a rule row reads like the guideline tables.
L1, L2, L3 = Level.CALL_EMERGENCY, Level.EMERGENCY_DEPARTMENT, Level.DOCTOR_TODAY
L4, L5, L6 = Level.DOCTOR_SOON, Level.ROUTINE_APPOINTMENT, Level.SELF_CARE


@dataclass(frozen=True)
class Rule:
    """One row of a rule table.

    `id` names the CLINICAL.md row it encodes ("LB-1 cauda equina", "NS-1 renal colic with
    fever"); `applies` reads a case's `Facts` and must stay pure; `reason` is the plain-language
    sentence shown to the person and `source` the guideline it comes from. `review` marks a rule
    that encodes a U row or a design choice (listed in docs/clinical-review.md). `awaits_answer`
    marks a rule whose level stands only because a question is still unanswered: it never
    interrupts the conversation, so the question can still be asked.
    """

    id: str
    level: Level
    applies: Callable[[Facts], bool]
    reason: str
    source: str
    review: bool = False
    awaits_answer: bool = False
