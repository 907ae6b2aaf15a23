"""The triage rules: pure functions on plain data (CLINICAL.md §1-2, DESIGN.md triage contract).

Public surface: build a `Case`, call `triage(case)`, read the `Assessment`.
"""

from bot.triage.case import Case
from bot.triage.duration import DurationCategory, PainBand, duration_category, pain_band
from bot.triage.engine import Assessment, Reason, pathway_step, pending_questions, triage
from bot.triage.flags import Flag, Radiation, Region, base_screen
from bot.triage.levels import Level, most_urgent

__all__ = [
    "Assessment",
    "Case",
    "DurationCategory",
    "Flag",
    "Level",
    "PainBand",
    "Radiation",
    "Reason",
    "Region",
    "base_screen",
    "duration_category",
    "most_urgent",
    "pain_band",
    "pathway_step",
    "pending_questions",
    "triage",
]
