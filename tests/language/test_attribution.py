"""Whose symptom, and is it still there (issue 15, item 4): someone else's warning sign and one that
is over are not reported as the person's own, a history stays a history, and an urgent sign
mentioned either way is kept as a topic so that the dialogue asks the person directly."""

from __future__ import annotations

import pytest

from bot.language import extract
from tests.language.conftest import TODAY


def found(text: str, entity: str) -> set[str]:
    return {e["value"] for e in extract(text, TODAY) if e["entity"] == entity}


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("my wife's got a high temperature and I've hurt my back lifting her", "fever"),
        ("our daughter passed out at the weekend, my neck is my own problem", "fainting"),
        ("my grandad had a stroke in the spring, my lower back aches", "stroke_symptoms"),
    ],
)
def test_someone_elses_urgent_sign_is_asked_not_assumed(text: str, topic: str) -> None:
    assert topic not in found(text, "red_flag")
    assert topic in found(text, "flag_topic")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("I used to get numb feet years ago, my back is stiff now", "bilateral_leg_symptoms"),
        ("had a temperature over christmas but that's cleared up, back still sore", "fever"),
        ("my bladder played up after the op, all sorted now", "bladder_dysfunction"),
    ],
)
def test_an_urgent_sign_that_is_over_is_asked_not_assumed(text: str, topic: str) -> None:
    assert topic not in found(text, "red_flag")
    assert topic in found(text, "flag_topic")


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("the bruise on my spine has faded now", "bruising"),
        ("pins and needles in my leg last year, it went away", "limb_numbness"),
    ],
)
def test_a_sign_that_is_over_is_not_reported(text: str, flag: str) -> None:
    assert flag not in found(text, "red_flag")


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # Still there: "gone" is a loss, or what is over is the pain, or it is the person's own.
        ("my legs have gone numb", "bilateral_leg_symptoms"),
        ("I had a fever, but the pain has gone now", "fever"),
        ("my husband says I passed out", "fainting"),
        # A history stays a history.
        ("I had breast cancer years ago, all clear now", "cancer_history"),
        ("I injected heroin as a teenager", "iv_drug_use"),
    ],
)
def test_a_current_sign_or_a_history_is_still_reported(text: str, flag: str) -> None:
    assert flag in found(text, "red_flag")


def test_an_earlier_spread_is_not_todays_radiation() -> None:
    assert found("it used to go down my right leg, now it stays in my back", "radiation") == set()
