"""Body regions, radiation and side."""

from __future__ import annotations

import pytest

from bot.language import extract
from tests.language.conftest import TODAY, annotated


def values(text: str, entity: str) -> set[str]:
    return {e["value"] for e in extract(text, TODAY) if e["entity"] == entity}


HELDOUT_REGIONS = annotated("body_region")


def test_the_heldout_file_has_at_least_80_region_phrasings() -> None:
    assert len(HELDOUT_REGIONS) >= 80


@pytest.mark.parametrize(("text", "expected"), HELDOUT_REGIONS, ids=[t for t, _ in HELDOUT_REGIONS])
def test_heldout_region_phrasings(text: str, expected: set[str]) -> None:
    assert values(text, "body_region") == expected


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("pain between my shoulder blades", "upper_back"),
        ("between the shoulder-blades", "upper_back"),
        ("my lumbar spine", "lower_back"),
        ("L4/L5 disc", "lower_back"),
        ("sciatica", "lower_back"),
        ("my tailbone", "tailbone"),
        ("coccyx", "tailbone"),
        ("the back of my neck", "neck"),
        ("cervical", "neck"),
        ("mid-back", "mid_back"),
        ("thoracic spine", "mid_back"),
        ("my back hurts", "back"),
        ("MY LOWER BACK", "lower_back"),
        ("lowr back", "lower_back"),
    ],
)
def test_region_phrasings(text: str, region: str) -> None:
    assert values(text, "body_region") == {region}


@pytest.mark.parametrize(
    "text",
    [
        "the back of my knee hurts",
        "back of my head is sore",
        "i'll get back to you",
        "can someone call me back",
        "acne on my back",
        "what a pain in the neck",
        "i came back from holiday",
    ],
)
def test_back_that_is_not_the_spine(text: str) -> None:
    assert values(text, "body_region") == set()


@pytest.mark.parametrize(
    ("text", "radiation", "side"),
    [
        ("it shoots down my left leg", {"leg"}, {"left"}),
        ("pain into my right arm", {"arm"}, {"right"}),
        ("down both legs", {"both_legs"}, set()),
        ("tingling in both hands", {"both_arms"}, set()),
        ("on both sides", set(), {"both"}),
        ("right now it is bad", set(), set()),
        ("all right", set(), set()),
    ],
)
def test_radiation_and_side(text: str, radiation: set[str], side: set[str]) -> None:
    assert values(text, "radiation") == radiation
    assert values(text, "side") == side
