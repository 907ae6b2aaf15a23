"""Triage a case: the level, the reasons with their sources, the pathway step, and the screening
questions still to ask. Pure: no I/O, no Rasa, no database."""

from __future__ import annotations

from dataclasses import dataclass

from bot.triage.case import Case, Facts
from bot.triage.duration import (
    DurationCategory,
    PainBand,
    duration_category,
    duration_step,
    pain_band,
)
from bot.triage.flags import TRAUMA, Flag, base_screen
from bot.triage.levels import Level, most_urgent
from bot.triage.rules import FRACTURE_AGE, RULES, Rule

MAX_STEP = 5

# Missing screening answers never yield self-care (CLINICAL.md §0.2: red flags must be asked).
INCOMPLETE_SCREENING = Rule(
    "Screening incomplete",
    Level.DOCTOR_TODAY,
    lambda f: True,
    "Some warning-sign questions are still unanswered, so self-care advice cannot be given; "
    "please speak to a doctor today.",
    "NICE CKS Sciatica: red flags should be explicitly looked for (level is a design choice)",
    review=True,
)
NO_RED_FLAGS = Rule(
    "R-L6 no red flags",
    Level.SELF_CARE,
    lambda f: True,
    "None of the warning signs was reported, and nothing else points to seeing a doctor now.",
    "CLINICAL.md §1C R-L6; ACP 2017 Recommendation 1",
)


@dataclass(frozen=True)
class Reason:
    rule: str
    level: Level
    text: str
    source: str

    def __str__(self) -> str:
        return f"{self.text} (Source: {self.source}.)"


@dataclass(frozen=True)
class Assessment:
    level: Level
    reasons: tuple[Reason, ...]
    pending_questions: tuple[Flag, ...]
    screening_complete: bool
    duration_category: DurationCategory
    pain_band: PainBand
    pathway_step: int

    @property
    def interrupt(self) -> bool:
        """A red flag sets an urgent level: stop the flow and give the urgent instruction now."""
        return self.level.is_urgent and any(r.rule != INCOMPLETE_SCREENING.id for r in self.reasons)


def pending_questions(case: Case) -> tuple[Flag, ...]:
    """The screening questions still to ask for this person, in the order to ask them.

    Follow-up questions appear once an earlier answer calls for them: nerve symptoms and bruising
    after an injury, a smaller injury when the fracture risk is raised, confusion or rash with a
    fever in the neck, feeling very unwell with a fever in the back, and the inflammatory pattern
    once back pain is chronic.
    """
    if case.screening_complete:
        return ()
    present = case.red_flags | case.unsure
    asked = case.answered | present
    questions = list(base_screen(case.region))
    if present & TRAUMA:
        questions += [Flag.LIMB_NUMBNESS, Flag.BRUISING]
    major_trauma_denied = Flag.MAJOR_TRAUMA in case.answered - present
    fracture_risk = Flag.OSTEOPOROSIS_OR_STEROIDS in present or (
        case.age is not None and case.age >= FRACTURE_AGE
    )
    if major_trauma_denied and (case.region.is_neck or fracture_risk):
        questions.append(Flag.MINOR_TRAUMA)
    if Flag.FEVER in present:
        questions.append(Flag.CONFUSION_OR_RASH if case.region.is_neck else Flag.VERY_UNWELL)
    if (
        not case.region.is_neck
        and duration_category(case.duration_days) is DurationCategory.CHRONIC
    ):
        questions.append(Flag.INFLAMMATORY_PATTERN)
    return tuple(q for q in questions if q not in asked)


def pathway_step(case: Case) -> int:
    """The stepped-care step (CLINICAL.md §2.2): from the duration, moved on past any step whose
    treatments were already tried."""
    tried = max(case.treatments_tried.values(), default=0)
    return min(MAX_STEP, max(duration_step(case.duration_days), tried + 1 if tried else 1))


def triage(case: Case) -> Assessment:
    """Assess a case. The most urgent rule that applies sets the level; a pain score or duration
    rule can only add urgency, never remove what a red flag set."""
    facts = Facts.of(case)
    fired = [rule for rule in RULES if rule.applies(facts)]
    pending = pending_questions(case)
    complete = case.screening_complete or not pending
    if not complete:
        fired.append(INCOMPLETE_SCREENING)
    if not fired:
        fired.append(NO_RED_FLAGS)
    fired.sort(key=lambda rule: rule.level.rank)
    return Assessment(
        level=most_urgent([rule.level for rule in fired]),
        reasons=tuple(Reason(r.id, r.level, r.reason, r.source) for r in fired),
        pending_questions=pending,
        screening_complete=complete,
        duration_category=duration_category(case.duration_days),
        pain_band=pain_band(case.pain_score),
        pathway_step=pathway_step(case),
    )
