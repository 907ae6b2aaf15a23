"""Turn an assessment into advice from the treatment table: what to try now, and which procedures
are topics for a consultation. Recommendations come from querying the table by pathway step and
region, never from strings in code."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.db.content import TreatmentInfo
from bot.db.queries import treatments_for
from bot.triage import Assessment, Case, Level
from bot.triage.nonspinal_reasons import nonspinal

CONSERVATIVE_LAST_STEP = 3  # steps 4 and 5 are procedures, only discussed in a consultation
PROCEDURE_FIRST_STEP = 4


@dataclass(frozen=True)
class CarePlan:
    """What to try now (`recommendations`, conservative steps 1-3) and which procedures to raise
    in a consultation (`consultation_topics`, steps 4-5, only those the clinic offers); both in
    the content file's order, both empty for an urgent level or pain that may not come from the
    spine."""

    recommendations: tuple[TreatmentInfo, ...] = ()
    consultation_topics: tuple[TreatmentInfo, ...] = ()


def care_plan(session: Session, case: Case, assessment: Assessment) -> CarePlan:
    """Advice for a case from the treatment table (CLINICAL.md §2.2 stepped care, §5 treatments).

    Recommendations are the table's conservative treatments for the case's region at its pathway
    step (at most step 3), less those already tried unless they hold at every step; a routine
    appointment (L5) adds as consultation topics the procedures from step 4 to the pathway step
    that the clinic offers and the person has not tried. Urgent levels get none: the urgent
    instruction is the only advice. Nor does pain that may not come from the spine (CLINICAL.md
    §7, including a pregnancy): spine self-care is not the plan for it, and some of it
    (anti-inflammatory painkillers) is not for every pregnancy; the outcome sends the person to
    the right place instead.
    """
    if assessment.level.is_urgent or nonspinal(assessment) is not None:
        return CarePlan()
    step = min(assessment.pathway_step, CONSERVATIVE_LAST_STEP)
    recommendations = [
        treatment
        for treatment in treatments_for(session, step, case.region, procedures=False)
        # Something already tried is not suggested again, except advice that holds at every step.
        if treatment.key not in case.treatments_tried or treatment.step_max == 5
    ]
    topics: list[TreatmentInfo] = []
    if assessment.level is Level.ROUTINE_APPOINTMENT:
        last = max(PROCEDURE_FIRST_STEP, assessment.pathway_step)
        for procedure_step in range(PROCEDURE_FIRST_STEP, last + 1):
            topics += [
                treatment
                for treatment in treatments_for(
                    session, procedure_step, case.region, procedures=True
                )
                if treatment.offered and treatment.key not in case.treatments_tried
            ]
    return CarePlan(tuple(recommendations), tuple(topics))
