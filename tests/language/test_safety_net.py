"""The learned red-flag safety net (bot/language/safety_net.py), on sentences written for these
tests: neither its training examples nor any evaluation corpus."""

from __future__ import annotations

import pytest

from bot.language import safety_net


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("when I wipe after the loo I can't feel a thing", "saddle_numbness"),
        ("I've wet myself twice today without even knowing", "bladder_dysfunction"),
        ("I came off my motorbike on the dual carriageway", "major_trauma"),
        ("both my legs have gone numb and tingly from the hips down", "bilateral_leg_symptoms"),
        ("my chest feels crushed and I'm sweating and sick", "chest_pain"),
    ],
)
def test_clear_urgent_descriptions_are_suggested(text: str, flag: str) -> None:
    assert flag in safety_net.suggest(text)


@pytest.mark.parametrize(
    "text",
    [
        "my lower back has ached since I moved the sofa on Saturday",
        "can you tell me the opening times of the library",
        "hello",
    ],
)
def test_ordinary_and_out_of_scope_messages_suggest_nothing(text: str) -> None:
    assert safety_net.suggest(text) == set()


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_text_suggests_nothing(text: str) -> None:
    assert safety_net.suggest(text) == set()


def test_training_is_deterministic() -> None:
    examples = safety_net.training_set(safety_net.load_examples())
    first, second = safety_net.fit(*examples), safety_net.fit(*examples)
    texts = ["I can't feel my bum on the toilet seat", "sore neck from my pillow"]
    assert first.scores(texts) == second.scores(texts)
    assert safety_net.suggest(texts[0]) == safety_net.suggest(texts[0])


def test_suggestions_are_known_flags_above_the_threshold() -> None:
    scores = safety_net.scores("I blacked out on the stairs and my back is agony")
    assert set(scores) == set(safety_net.load_examples().flags)
    assert safety_net.suggest("I blacked out on the stairs and my back is agony") == {
        flag for flag, p in scores.items() if p >= safety_net.THRESHOLD
    }


# How the pipeline uses the net (bot/language/pipeline.py, _learned_topics): a suggestion the
# rules found no trace of becomes a topic to ask about, never a red flag; a denial is kept.
def _entities(text: str, *, learned: bool = True) -> set[tuple[str, str]]:
    from bot.language import extract

    return {(e["entity"], str(e["value"])) for e in extract(text, learned=learned)}


def test_a_sign_the_rules_miss_is_asked_about_never_asserted() -> None:
    text = "when I wipe after the loo I can't feel a thing"
    got = _entities(text)
    without = _entities(text, learned=False)
    assert ("flag_topic", "saddle_numbness") in got or ("red_flag", "saddle_numbness") in without
    learned_flags = {v for k, v in got if k == "red_flag"}
    assert learned_flags == {v for k, v in without if k == "red_flag"}  # no flag asserted


@pytest.mark.parametrize(
    "text", ["my bladder is fine", "no bladder problems, just back pain", "my back hurts"]
)
def test_a_denied_or_absent_sign_is_not_raised(text: str) -> None:
    assert not {v for k, v in _entities(text) if k in ("flag_topic", "red_flag")}


def test_the_learned_topics_can_be_switched_off_for_measurement() -> None:
    text = "I've wet myself twice today without even knowing"
    assert _entities(text, learned=False) <= _entities(text)
