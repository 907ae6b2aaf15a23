"""Duration categories and pain-score bands (CLINICAL.md §2.1, §3.4)."""

from __future__ import annotations

from enum import Enum

# ACP 2017 (Qaseem et al., Ann Intern Med 2017;166:514-30): acute <4 weeks, subacute 4-12 weeks,
# chronic >12 weeks. Stored in days as DESIGN.md's triage contract asks.
ACUTE_BELOW_DAYS = 28
CHRONIC_ABOVE_DAYS = 84


class DurationCategory(str, Enum):
    """How long the pain has lasted, as ACP 2017 bands it (CLINICAL.md §2.1)."""

    ACUTE = "acute"
    SUBACUTE = "subacute"
    CHRONIC = "chronic"
    UNKNOWN = "unknown"


def duration_category(days: int | None) -> DurationCategory:
    """The category of a duration in days: acute below 28, subacute 28-84, chronic above 84
    (ACP 2017, CLINICAL.md §2.1); unknown for None."""
    if days is None:
        return DurationCategory.UNKNOWN
    if days < ACUTE_BELOW_DAYS:
        return DurationCategory.ACUTE
    if days <= CHRONIC_ABOVE_DAYS:
        return DurationCategory.SUBACUTE
    return DurationCategory.CHRONIC


def duration_step(days: int | None) -> int:
    """The stepped-care step that a duration in days alone points to (CLINICAL.md §2.2): 1 when
    acute or unknown, 2 when subacute, 3 when chronic."""
    return {
        DurationCategory.SUBACUTE: 2,
        DurationCategory.CHRONIC: 3,
    }.get(duration_category(days), 1)


class PainBand(str, Enum):
    """A 0-10 pain score's band (CLINICAL.md §3.4; Serlin et al., Pain 1995)."""

    NONE = "none"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"
    UNKNOWN = "unknown"


def pain_band(score: int | None) -> PainBand:
    """The band of a 0-10 pain score: 0 none, 1-4 mild, 5-6 moderate, 7-10 severe (Serlin et al.,
    Pain 1995, a convention; CLINICAL.md §3.4); unknown for None."""
    if score is None:
        return PainBand.UNKNOWN
    if score == 0:
        return PainBand.NONE
    if score <= 4:
        return PainBand.MILD
    if score <= 6:
        return PainBand.MODERATE
    return PainBand.SEVERE
