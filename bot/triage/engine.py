"""Triage a case: the level, the reasons with their sources, the pathway step, and the screening
questions still to ask. Pure: no I/O, no Rasa, no database."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.triage.case import Case, Facts
from bot.triage.categories import (
    DurationCategory,
    PainBand,
    duration_category,
    duration_step,
    pain_band,
)
from bot.triage.flags import (
    FEVER_FOLLOW_UPS_BACK,
    FEVER_FOLLOW_UPS_NECK,
    FOLLOW_UPS,
    GATEWAYS,
    NONSPINAL_SIGNS,
    TRAUMA,
    Flag,
    base_screen,
    with_implied,
)
from bot.triage.levels import Level, most_urgent
from bot.triage.rules import FRACTURE_AGE, KIDNEY_STONE_AGE, PREGNANCY_AGES, RULES, Rule

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
    awaits_answer=True,
)
NO_RED_FLAGS = Rule(
    "R-L6 no red flags",
    Level.SELF_CARE,
    lambda f: True,
    "None of the warning signs was reported, and nothing else points to seeing a doctor now.",
    "CLINICAL.md §1C R-L6; ACP 2017 Recommendation 1",
)


# Rules whose level stands only until a question is answered (`Rule.awaits_answer`).
AWAITING_ANSWER = frozenset(r.id for r in (*RULES, INCOMPLETE_SCREENING) if r.awaits_answer)


@dataclass(frozen=True)
class Reason:
    """Why a level was set: the rule's id (a CLINICAL.md row, e.g. "LB-1 cauda equina"), the level
    it sets, the plain-language sentence for the person, and the guideline it comes from."""

    rule: str
    level: Level
    text: str
    source: str

    def __str__(self) -> str:
        return f"{self.text} (Source: {self.source}.)"


@dataclass(frozen=True)
class Assessment:
    """The engine's answer for one case (`triage`).

    `level` is the most urgent level of any rule that applied; `reasons` are those rules, most
    urgent first. `pending_questions` are the screening questions still to ask, in order, and
    `screening_complete` says none is left. `duration_category` and `pain_band` band the case's
    duration (days) and 0-10 pain score; `pathway_step` is the stepped-care step, 1-5
    (CLINICAL.md §2.2).
    """

    level: Level
    reasons: tuple[Reason, ...]
    pending_questions: tuple[Flag, ...]
    screening_complete: bool
    duration_category: DurationCategory
    pain_band: PainBand
    pathway_step: int

    @property
    def interrupt(self) -> bool:
        """A red flag sets an urgent level: stop the flow and give the urgent instruction now.
        A level set only while a question is unanswered (screening incomplete; a one-sided band
        of pain before the chest-pain question) does not interrupt: the question is asked."""
        return self.level.is_urgent and any(r.rule not in AWAITING_ANSWER for r in self.reasons)


def asks_about_pregnancy(age: int | None) -> bool:
    """True if the pregnancy question (G3) is asked at this age in years: 12 to 55, or an unknown
    age (CLINICAL.md §7B; the range is U)."""
    return age is None or age in PREGNANCY_AGES


def _follow_ups(flag: Flag, case: Case, present: frozenset[Flag]) -> list[Flag]:
    """The questions a present answer to `flag` calls for, each followed by its own follow-ups
    when it is present too (flags.FOLLOW_UPS; the fever's differ by region)."""
    if flag not in present:
        return []
    if flag is Flag.FEVER:
        items = FEVER_FOLLOW_UPS_NECK if case.region.is_neck else FEVER_FOLLOW_UPS_BACK
    else:
        items = FOLLOW_UPS.get(flag, ())
    older = case.age is None or case.age >= KIDNEY_STONE_AGE
    questions: list[Flag] = []
    for item in items:
        if item is Flag.PREVIOUS_KIDNEY_STONES and not older:
            continue  # NS-1: the answer only matters over 50
        questions += [item, *_follow_ups(item, case, present)]
    return questions


def _screen(case: Case) -> dict[Flag, bool]:
    """Every question this case calls for, in the order to ask them, each mapped to True if it
    is a follow-up (asked because of an earlier answer) rather than a question for everyone."""
    present = with_implied(case.red_flags | case.unsure)
    questions: dict[Flag, bool] = {}

    def add(flags: list[Flag], follow_up: bool) -> None:
        for flag in flags:
            questions.setdefault(flag, follow_up)

    screen = base_screen(case.region)
    # A pregnancy changes the level of several §7 signs (NS-1, NS-2, NS-3): once one is present,
    # the pregnancy question is a follow-up of it, asked before an urgent instruction whose level
    # its yes would change (`questions_to_ask`), as an ectopic pregnancy must not be missed.
    nonspinal_told = bool(present & NONSPINAL_SIGNS)
    for flag in screen:
        if flag is not Flag.POSSIBLE_PREGNANCY:
            add([flag], False)
        elif asks_about_pregnancy(case.age):
            add([flag], nonspinal_told)
        add(_follow_ups(flag, case, present), True)  # a pregnancy told is followed up at any age
    # A gateway told of in the other region's flow ("my tummy hurts too" with neck pain).
    for gateway in GATEWAYS:
        if gateway not in screen:
            add(_follow_ups(gateway, case, present), True)
    if present & TRAUMA:
        add([Flag.LIMB_NUMBNESS, Flag.BRUISING], True)
    major_trauma_denied = Flag.MAJOR_TRAUMA in case.answered - present
    fracture_risk = Flag.OSTEOPOROSIS_OR_STEROIDS in present or (
        case.age is not None and case.age >= FRACTURE_AGE
    )
    if major_trauma_denied and (case.region.is_neck or fracture_risk):
        add([Flag.MINOR_TRAUMA], True)
    if (
        not case.region.is_neck
        and duration_category(case.duration_days) is DurationCategory.CHRONIC
    ):
        add([Flag.INFLAMMATORY_PATTERN], True)
    asked = case.answered | present
    return {flag: follow_up for flag, follow_up in questions.items() if flag not in asked}


def pending_questions(case: Case) -> tuple[Flag, ...]:
    """The screening questions still to ask for this person, in the order to ask them.

    Everyone with pain in a region gets its base screen (`flags.base_screen`; the pregnancy
    question only at 12 to 55 or an unknown age). Follow-up questions come straight after the
    answer that calls for them, most urgent first: after a fever, confusion or a rash and a fit
    (and in the back, a stiff neck, feeling very unwell and a weak immune system); after each
    §7 gateway present (yes or not sure), its follow-ups (`flags.FOLLOW_UPS`). Then nerve symptoms
    and bruising after an injury, a smaller injury when the fracture risk is raised, and the
    inflammatory pattern once back pain is chronic.

    A question is never asked again once answered, and a sign the person mentioned answers the
    question above it (`flags.IMPLIES`): "it burns when I pee" skips the urinary gateway and goes
    straight to its other follow-ups (CLINICAL.md §8.2 note).
    """
    if case.screening_complete:
        return ()
    return tuple(_screen(case))


def questions_to_ask(case: Case) -> tuple[Flag, ...]:
    """The screening questions to ask now, in order: the engine's one answer to "what next?".

    While the answers so far set no urgent level, this is `pending_questions`. An urgent level
    (L1-L3) ends screening (CLINICAL.md §8.3 A3), except for the follow-ups of what was said whose
    yes would still change the level: the combination check of §8.3 A7. After pain from the side
    to the groin (L3), whether painkillers help, no urine today or a kidney condition (L2) and, over
    50, previous kidney stones (the one answer that can keep it at L3); after a back fever (L3),
    confusion or a fit (L1), a stiff neck or feeling very unwell (L2); after an injury, nerve
    symptoms (L1). Questions for everyone are not asked after an urgent answer, as before.

    Returns an empty tuple when screening is over.
    """
    screen = {} if case.screening_complete else _screen(case)
    complete = replace(case, screening_complete=True)
    assessment = triage(complete)
    if not assessment.interrupt:
        return tuple(screen)
    now = assessment.level
    return tuple(
        flag
        for flag, follow_up in screen.items()
        if follow_up
        and triage(replace(complete, red_flags=case.red_flags | {flag})).level is not now
    )


def pathway_step(case: Case) -> int:
    """The stepped-care step, 1-5 (CLINICAL.md §2.2): the step the duration points to, moved on
    past any step whose treatments were already tried."""
    tried = max(case.treatments_tried.values(), default=0)
    return min(MAX_STEP, max(duration_step(case.duration_days), tried + 1 if tried else 1))


def triage(case: Case) -> Assessment:
    """Assess a case against every rule of `bot.triage.rules` (CLINICAL.md §1C and §7A).

    The most urgent rule that applies sets the level; a pain score or duration rule can only add
    urgency, never remove what a red flag set. While screening questions are still pending the
    level is at least doctor_today (`INCOMPLETE_SCREENING`); with no rule at all it is self-care
    (R-L6). Pure: the same case always gives the same assessment.
    """
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
