"""Pain scores (bot/language/pain.py)."""

from __future__ import annotations

import pytest

from bot.language import extract
from tests.language.conftest import TODAY, annotated


def scores(text: str) -> set[str]:
    return {e["value"] for e in extract(text, TODAY) if e["entity"] == "pain_score"}


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("7/10", "7"),
        ("7 / 10", "7"),
        ("it's 7 out of 10", "7"),
        ("seven out of ten", "7"),
        ("about a 6", "6"),
        ("maybe a 4", "4"),
        ("it's an 8 or 9", "9"),
        ("8-9/10", "9"),
        ("7.5/10", "8"),
        ("10/10", "10"),
        ("0/10", "0"),
        ("pain is 8", "8"),
        ("rated it a 9", "9"),
        ("7", "7"),
        ("6ish", "6"),
        ("neck ache 3wks 7/10", "7"),
    ],
)
def test_pain_score_phrasings(text: str, score: str) -> None:
    assert scores(text) == {score}


@pytest.mark.parametrize(
    "text",
    ["a 7 year old", "a 5 minute walk", "I have 3 kids", "3/7", "2/52", "L4/5", "excruciating",
     "it's 11", "took 2 tablets"],
)  # fmt: skip
def test_things_that_are_not_pain_scores(text: str) -> None:
    assert scores(text) == set()


@pytest.mark.parametrize(("text", "expected"), annotated("pain_score"))
def test_heldout_pain_scores(text: str, expected: set[str]) -> None:
    assert scores(text) == expected
