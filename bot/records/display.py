"""Record values as staff read them in the console, its CSV and its FHIR export."""

from __future__ import annotations

DAYS_PER_WEEK, DAYS_PER_MONTH, DAYS_PER_YEAR = 7, 30, 365


def duration_words(days: int | None) -> str:
    """A pain duration in days as words with the days kept: "3 days", "about 2 weeks (14 days)",
    "about 5 months (150 days)", "about 2 years (730 days)"; "not given" for None.

    Rounded to the nearest whole week, month (30 days) or year (365 days), which is why the
    exact day count follows. Raises ValueError for a negative number of days.
    """
    if days is None:
        return "not given"
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
