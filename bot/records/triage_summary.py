"""The triage summary: what the bot learned in a conversation, as staff read it. Kept as JSON
with every completed triage (triage_records) and every consultation or callback request
(intake_records); the dialogue builds it from the slots (bot/dialogue/summary.py)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TriageSummary:
    """What the bot learned, as staff will read it."""

    region: str | None = None
    age: int | None = None  # years, as the person gave it; None when not asked or not given
    duration_days: int | None = None
    pain_score: int | None = None
    radiation: str | None = None
    red_flags: tuple[str, ...] = ()
    unsure_flags: tuple[str, ...] = ()
    answered_flags: tuple[str, ...] = ()
    treatments_tried: tuple[str, ...] = ()
    level: str | None = None
    reasons: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()
    disclaimers_shown: bool = True
    # "grouped" or "single" (clinic.yml `screening`), for the side-by-side comparison of
    # CLINICAL.md §8.4; None for records made before the mode was kept.
    screening_mode: str | None = None
    # Items answered "not sure" and cleared by the clarifying question (CLINICAL.md §8.3 A5).
    cleared_unsure: tuple[str, ...] = ()


def summary_from_json(data: dict[str, Any] | None) -> TriageSummary:
    """A stored summary back as a TriageSummary (lists to tuples; unknown keys ignored, so
    records written by older or newer versions still read)."""
    known = {f.name for f in dataclasses.fields(TriageSummary)}
    values: dict[str, Any] = {
        key: tuple(value) if isinstance(value, list) else value
        for key, value in (data or {}).items()
        if key in known
    }
    return TriageSummary(**values)
