"""What staff read about a conversation: the triage summary kept with a completed triage and
with a consultation or callback request (bot/records/)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.care import CarePlan, care_plan
from bot.db.queries import pathway_steps
from bot.dialogue.state import case_or_back, slot_number
from bot.records.triage_records import save_triage
from bot.records.triage_summary import TriageSummary
from bot.triage import Assessment, triage
from bot.triage.engine import questions_to_ask

logger = logging.getLogger(__name__)


def assess_slots(session: Session, slots: Mapping[str, Any]) -> tuple[Assessment, CarePlan]:
    """The assessment and care plan the outcome gives for these slots (deterministic).

    Screening counts as complete once the engine has nothing left to ask (`questions_to_ask`):
    after an urgent answer that is the follow-ups that could change the level, so an urgent
    outcome does not also say "some warning-sign questions are still unanswered"."""
    case = case_or_back(slots, pathway_steps(session))
    assessment = triage(dataclasses.replace(case, screening_complete=not questions_to_ask(case)))
    return assessment, care_plan(session, case, assessment)


def summary_of(
    slots: Mapping[str, Any],
    assessment: Assessment | None = None,
    recommendations: Sequence[str] = (),
) -> TriageSummary:
    """The slots as staff read them, with the outcome's level, reasons and recommendations."""
    return TriageSummary(
        region=slots.get("body_region"),
        age=slot_number(slots.get("age")),
        duration_days=slot_number(slots.get("duration")),
        pain_score=slot_number(slots.get("pain_score")),
        radiation=slots.get("radiation"),
        red_flags=tuple(slots.get("red_flags") or ()),
        unsure_flags=tuple(slots.get("unsure_flags") or ()),
        answered_flags=tuple(slots.get("answered_flags") or ()),
        treatments_tried=tuple(slots.get("treatments_tried") or ()),
        level=assessment.level.value if assessment else slots.get("triage_level"),
        reasons=tuple(reason.text for reason in assessment.reasons) if assessment else (),
        recommendations=tuple(recommendations),
        screening_mode=slots.get("screening_mode"),
        cleared_unsure=tuple(slots.get("cleared_unsure") or ()),
    )


def keep_triage(engine: Engine, conversation_id: str, summary: TriageSummary) -> str | None:
    """Save a completed triage for the staff queue; a database failure never stops the person
    getting their outcome (it is logged without any health data)."""
    try:
        with Session(engine, future=True) as session, session.begin():
            return save_triage(session, conversation_id, summary)
    except SQLAlchemyError as error:
        logger.error("could not save a triage record: %s", type(error).__name__)
        return None
