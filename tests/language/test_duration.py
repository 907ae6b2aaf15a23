"""Durations in days (bot/language/duration.py), through the whole extractor."""

from __future__ import annotations

from datetime import date

import pytest

from bot.language import extract
from bot.language.duration import find_durations
from tests.language.conftest import TODAY, annotated


def durations(text: str, today: date = TODAY) -> set[str]:
    return {e["value"] for e in extract(text, today) if e["entity"] == "duration"}


HELDOUT_DURATIONS = annotated("duration")


def test_the_heldout_file_has_at_least_120_duration_phrasings() -> None:
    assert len(HELDOUT_DURATIONS) >= 120


@pytest.mark.parametrize(
    ("text", "expected"), HELDOUT_DURATIONS, ids=[t for t, _ in HELDOUT_DURATIONS]
)
def test_heldout_duration_phrasings(text: str, expected: set[str]) -> None:
    assert durations(text) == expected


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("3 weeks", 21),
        ("three weeks", 21),
        ("3wks", 21),
        ("3 wks", 21),
        ("a fortnight", 14),
        ("two fortnights", 28),
        ("a couple of months", 60),
        ("couple of days", 2),
        ("a few days", 3),
        ("half a year", 180),
        ("a week and a half", 11),
        ("one and a half weeks", 11),
        ("2.5 years", 913),
        ("2-3 weeks", 21),  # a range takes its upper end
        ("two or three months", 90),
        ("more than 12 weeks", 85),  # "more than" is never read as the bound itself
        ("over a month", 31),
        ("for years", 730),
        ("for months", 60),
        ("for weeks", 14),
        ("48 hours", 2),
        ("2/52", 14),  # clinical shorthand
        ("3/12", 90),
        ("yesterday", 1),
        ("since this morning", 0),
        ("the day before yesterday", 2),
        ("since last Tuesday", 4),  # 2026-11-17
        ("since friday", 1),
        ("since saturday", 7),  # today is a Saturday: the one before
        ("since March", 265),  # 2026-03-01
        ("since december", 355),  # last year's December
        ("since the accident in June", 173),
        ("since June 2024", 903),
        ("since 2019", 2881),
        ("since Christmas", 331),
        ("since Easter", 230),  # 2026-04-05
        ("since the start of the month", 20),
        ("for the past week", 7),
        ("a decade", 3650),
    ],
)
def test_duration_phrasings(text: str, days: int) -> None:
    assert durations(text) == {str(days)}


@pytest.mark.parametrize(
    "text",
    [
        "my 3 year old jumped on me",
        "i'm 45 years old",
        "im 45 yrs",  # an age without "old" (the conversation fuzzer's)
        "aged 60 years, back pain",
        "ah ok",
        "it may be nothing",
        "thanks, that's all for today",
        "7/10",
        "L4/L5",
        "i walk 5 miles",
    ],
)
def test_things_that_are_not_durations(text: str) -> None:
    assert durations(text) == set()


def test_the_reference_date_is_injectable() -> None:
    assert durations("since March", date(2026, 3, 11)) == {"10"}
    assert durations("since March", date(2027, 3, 1)) == {"0"}
    assert find_durations("since last Tuesday", date(2026, 11, 17))[0].days == 7


def test_overlapping_phrasings_keep_the_longest() -> None:
    [found] = find_durations("since the accident in June", TODAY)
    assert (found.start, found.end) == (0, len("since the accident in June"))


# Issue 15 item 4: the current episode, not a past one or another event (reference 2026-11-21).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A past flare or another event owns its own duration.
        ("a flare two years ago, this one started ten days ago", {"10"}),
        ("I had a hip operation 5 years ago, the back pain started 3 weeks ago", {"21"}),
        ("smoked for 30 years, my neck has hurt for a month", {"30"}),
        # ... but not across a sentence, and not once the pain came back ("until").
        ("Had chemo in 2019. Back pain for the past fortnight.", {"14"}),
        ("my disc operation in 2021 went well and I was fine until last week", {"7"}),
        # A same-day event beside the pain's duration is not the pain's.
        ("I passed out today, my back has been bad since Tuesday", {"4"}),
        ("stiff for about an hour each morning, it's been like this for 6 months", {"180"}),
        # A frequency is not a duration.
        ("I go to the gym three times a week and my back has hurt for 2 weeks", {"14"}),
        # Named days and whole periods.
        ("since Halloween", {"21"}),
        ("since bonfire night", {"16"}),
        ("since Thanksgiving", {"359"}),  # 2025-11-27: this year's is still to come
        ("my back's been bad all week", {"7"}),
        ("it started 20 minutes ago", {"0"}),
    ],
)
def test_the_current_episode(text: str, expected: set[str]) -> None:
    assert durations(text) == expected
