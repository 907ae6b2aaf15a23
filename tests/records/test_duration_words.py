"""Durations as staff read them: words a person would use, with the exact days kept."""

from __future__ import annotations

import pytest

from bot.records.facts import duration_words


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (None, "not given"),
        (0, "0 days"),
        (1, "1 day"),
        (13, "13 days"),
        (14, "about 2 weeks (14 days)"),
        (29, "about 4 weeks (29 days)"),
        (30, "about 1 month (30 days)"),
        (150, "about 5 months (150 days)"),
        (365, "about 1 year (365 days)"),
        (730, "about 2 years (730 days)"),
    ],
)
def test_a_duration_reads_as_words_and_days(days: int | None, words: str) -> None:
    assert duration_words(days) == words


def test_a_negative_duration_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        duration_words(-1)
