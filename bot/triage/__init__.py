"""The triage rules: pure functions on plain data (CLINICAL.md §1-2 and §7, DESIGN.md triage
contract).

Public surface: build a `Case`, call `triage(case)`, read the `Assessment`; `questions_to_ask(case)`
says what the screening asks next, and `nonspinal(assessment)` what the outcome must say about
pain that may not come from the spine.
"""

from bot.triage.case import Case
from bot.triage.categories import DurationCategory, PainBand, duration_category, pain_band
from bot.triage.engine import (
    Assessment,
    Reason,
    asks_about_pregnancy,
    pathway_step,
    pending_questions,
    questions_to_ask,
    triage,
)
from bot.triage.flags import Flag, Radiation, Region, base_screen
from bot.triage.levels import Level, most_urgent
from bot.triage.nonspinal_reasons import Destination, NonSpinal, nonspinal

__all__ = [
    "Assessment",
    "Case",
    "Destination",
    "DurationCategory",
    "Flag",
    "Level",
    "NonSpinal",
    "PainBand",
    "Radiation",
    "Reason",
    "Region",
    "asks_about_pregnancy",
    "base_screen",
    "duration_category",
    "most_urgent",
    "nonspinal",
    "pain_band",
    "pathway_step",
    "pending_questions",
    "questions_to_ask",
    "triage",
]
