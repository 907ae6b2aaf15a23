"""A record's facts as staff read them, on the record page and in the CSV export: what the bot
learned before the warning-sign questions (bot/records/warning_sign_answers.py has those).

A value the person was never asked for, or did not give, reads "not given" or "not asked",
never a default such as "no": a request made before any triage has no spread, no pain score and
no age, and must not look as if it had.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.records.triage_summary import TriageSummary

NOT_GIVEN = "not given"
NOT_ASKED = "not asked"
NO_RADIATION = "none"  # the radiation slot's value when the person says it does not spread
RADIATION_WORDS = {
    "leg": "down one leg",
    "both_legs": "down both legs",
    "arm": "into one arm",
    "both_arms": "into both arms",
    NO_RADIATION: "no, it stays where it is",
}
DAYS_PER_WEEK, DAYS_PER_MONTH, DAYS_PER_YEAR = 7, 30, 365


def duration_words(days: int | None) -> str:
    """A pain duration in days as words with the days kept: "3 days", "about 2 weeks (14 days)",
    "about 5 months (150 days)", "about 2 years (730 days)"; "not given" for None.

    Rounded to the nearest whole week, month (30 days) or year (365 days), which is why the
    exact day count follows. Raises ValueError for a negative number of days.
    """
    if days is None:
        return NOT_GIVEN
    if days < 0:
        raise ValueError("a duration cannot be negative")
    if days < 2 * DAYS_PER_WEEK:
        return "1 day" if days == 1 else f"{days} days"
    if days >= DAYS_PER_YEAR:
        size, unit = DAYS_PER_YEAR, "year"
    elif days >= DAYS_PER_MONTH:
        size, unit = DAYS_PER_MONTH, "month"
    else:
        size, unit = DAYS_PER_WEEK, "week"
    count = round(days / size)
    return f"about {count} {unit}{'s' if count != 1 else ''} ({days} days)"


# clinic.yml `screening: mode` (CLINICAL.md §8.4).
SCREENING_MODE_WORDS = {"single": "one question at a time", "grouped": "grouped questions"}


def words(value: str | None, missing: str = NOT_GIVEN) -> str:
    """A stored key as words ("lower_back" -> "lower back"); `missing` for None or empty."""
    return value.replace("_", " ") if value else missing


def age_words(age: int | float | None) -> str:
    """An age in years as "67 years"; "not given" for None."""
    return NOT_GIVEN if age is None else f"{int(age)} years"


def pain_words(score: int | float | None) -> str:
    """A 0-10 pain score (CLINICAL.md §3.4) as "8 / 10"; "not given" for None."""
    return NOT_GIVEN if score is None else f"{int(score)} / 10"


def radiation_words(radiation: str | None) -> str:
    """Where the pain spreads, in the words of the bot's buttons; "not asked" for None (the
    question was never put), "no, it stays where it is" when the person said so."""
    if radiation is None:
        return NOT_ASKED
    return RADIATION_WORDS.get(radiation, words(radiation))


def screening_mode_words(mode: str | None) -> str:
    """How the warning signs were asked (CLINICAL.md §8.4); "not recorded" for older records."""
    return SCREENING_MODE_WORDS.get(mode or "", words(mode, "not recorded"))


@dataclass(frozen=True)
class RecordFacts:
    """A summary's facts as words, one attribute per line of the record page."""

    region: str
    age: str
    pain_score: str
    duration: str  # "about 3 weeks (21 days)" (duration_words)
    radiation: str
    treatments_tried: str
    screening_mode: str


def record_facts(summary: TriageSummary) -> RecordFacts:
    """The facts of a triage summary as staff read them."""
    days = None if summary.duration_days is None else int(summary.duration_days)
    return RecordFacts(
        region=words(summary.region),
        age=age_words(summary.age),
        pain_score=pain_words(summary.pain_score),
        duration=duration_words(days),
        radiation=radiation_words(summary.radiation),
        treatments_tried=", ".join(words(key) for key in summary.treatments_tried)
        or "none mentioned",
        screening_mode=screening_mode_words(summary.screening_mode),
    )
