"""Kinds found missing on the blind patient corpus (issue 15), tested on this project's own
sentences: a side word between "my" and the limb, a weakness told as getting worse over time,
hands in the plural, a foot that flops, morning stiffness and early waking said at length."""

from __future__ import annotations

import pytest

from bot.language import extract
from tests.language.conftest import TODAY


def flags(text: str) -> set[str]:
    return {e["value"] for e in extract(text, TODAY) if e["entity"] == "red_flag"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A side between the possessive and the limb does not hide the phrase.
        ("I can't lift my right arm since this neck pain began", {"limb_weakness"}),
        ("the grip in my left hand has gone weak", {"limb_weakness"}),
        ("can't lift the front of my left foot", {"foot_drop"}),
        # Hands in the plural are both hands.
        ("my hands go numb at night and my neck aches", {"both_hands_numb"}),
        # A foot that flops or drags, in the person's own order.
        ("my foot just flops when I walk, sciatica down the right", {"foot_drop"}),
        # Verb forms of tingling.
        ("my left arm tingles when I turn my head", {"limb_numbness"}),
    ],
)
def test_phrasings_with_words_between(text: str, expected: set[str]) -> None:
    assert expected <= flags(text)


@pytest.mark.parametrize(
    "text",
    [
        "To begin with my leg was just a bit weak, now it gives me no push at all",
        "at first my arm felt weak, now I can hardly lift a cup",
        "my left leg feels weaker day by day",
    ],
)
def test_a_weakness_told_as_getting_worse_is_progressive(text: str) -> None:
    found = flags(text)
    assert "progressive_weakness" in found
    # limb_weakness means a weakness that is not getting worse (bot/triage/flags.py).
    assert "limb_weakness" not in found


def test_a_foot_drop_getting_worse_keeps_the_foot_drop() -> None:
    found = flags("at first my foot just caught on the carpet, now it drags all the time")
    assert {"foot_drop", "progressive_weakness"} <= found


def test_a_steady_weakness_is_not_progressive() -> None:
    assert flags("my right leg has felt a bit weak since the disc went") == {"limb_weakness"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my back is stiff for over an hour after I get up", {"inflammatory_pattern"}),
        ("I woke at 4am again with my back aching", {"inflammatory_pattern", "night_pain"}),
        ("the pain gets me up in the early hours", {"night_pain"}),
        ("resting makes it worse, moving around helps", {"inflammatory_pattern"}),
    ],
)
def test_morning_stiffness_and_early_waking(text: str, expected: set[str]) -> None:
    assert expected <= flags(text)


@pytest.mark.parametrize(
    "text",
    [
        "I am 45 and my back aches when I sit",  # "am" alone is not a time
        "both my hands are fine, it's my neck that hurts",
        "my legs are a bit stiff after football",
    ],
)
def test_look_alikes_are_not_flags(text: str) -> None:
    assert flags(text) == set()


def test_a_weakness_back_to_normal_is_over() -> None:
    assert flags("my arm went weak for an hour on Sunday but it's back to normal now") == set()
