"""The rows of issue 15's table, each with the value the issue says is right (entities from the
rule pipeline; the intents of the same rows are checked through the trained model in
tests/nlu/test_heldout.py). Each stands for a kind, named in its comment."""

from __future__ import annotations

import pytest

from bot.language import extract
from tests.language.conftest import TODAY


def found(text: str, entity: str) -> set[str]:
    return {e["value"] for e in extract(text, TODAY) if e["entity"] == entity}


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        # Retention told by what happens.
        ("my wee won't come out properly since the back pain started", {"bladder_dysfunction"}),
        # "No longer" reports a new loss, it is not a negation.
        ("I can no longer feel anything when I wipe", {"saddle_numbness"}),
        # A worry is not a history.
        ("worried it might be a tumour, my back has ached for months", set()),
        # Night sweats are a fever sign, not chest pain.
        ("I've been sweating a lot at night", {"fever"}),
        # A skin rash on the back is not the rash that does not fade.
        ("my back is covered in an itchy rash", set()),
    ],
)
def test_red_flags_of_the_issue_table(text: str, flags: set[str]) -> None:
    assert found(text, "red_flag") == flags


def test_a_worry_about_a_diagnosis_is_asked_about() -> None:
    # Not cancer history, but "have you ever been treated for cancer?" is the right question.
    text = "worried it might be a tumour, my back has ached for months"
    assert found(text, "flag_topic") == {"cancer_history"}


@pytest.mark.parametrize(
    "text",
    [
        # The negation covers where it spreads too.
        "I don't have any numbness in my legs, my back is just sore",
        "no weakness in my arms or legs, just a stiff neck",
    ],
)
def test_a_denied_spread_is_no_radiation(text: str) -> None:
    assert found(text, "radiation") == set()


def test_the_facts_of_a_terse_message_are_all_found() -> None:
    text = "neck pain 2 months, maybe 6/10"
    assert found(text, "body_region") == {"neck"}
    assert found(text, "duration") == {"60"} and found(text, "pain_score") == {"6"}


@pytest.mark.parametrize(
    "text",
    [
        # "back" that is not the spine: getting something back, the skin of the back, the skull.
        "I can't find a way to get my hair back",
        "I get clusters of blackheads on my back",
        "the back of my skull aches all day",
        "my back is covered in an itchy rash",
    ],
)
def test_back_that_is_not_the_spine_is_no_body_region(text: str) -> None:
    assert found(text, "body_region") == set()
