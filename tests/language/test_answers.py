"""Short answers read by words: consent only from an explicit yes, hedges never a "no"."""

import pytest

from bot.language.answers import (
    asks_to_explain,
    dont_know,
    explicit_no,
    explicit_yes,
    hedged,
    warning_sign_answer,
)


@pytest.mark.parametrize("text", ["/affirm", "Yes", "I agree", "yes please", "ok"])
def test_an_explicit_yes_is_consent(text: str) -> None:
    assert explicit_yes(text)


@pytest.mark.parametrize(
    "text", ["asdfghjkl", "?", "hmm", "skip", "why do you need that", "I guess?", "yes?"]
)
def test_gibberish_questions_and_hedges_are_not_consent(text: str) -> None:
    assert not explicit_yes(text)


@pytest.mark.parametrize(
    "text", ["I think so", "a bit", "sort of", "maybe", "not really, only when I bend"]
)
def test_hedged_answers_are_never_a_plain_no(text: str) -> None:
    assert hedged(text)
    assert not explicit_no(text)


@pytest.mark.parametrize(
    "text",
    ["not sure", "no idea", "dunno", "it varies", "on and off", "ages", "skip", "no sé", "nao sei"],
)
def test_dont_know_answers(text: str) -> None:
    assert dont_know(text)


@pytest.mark.parametrize("text", ["3 weeks", "lower back", "7", "/deny"])
def test_real_answers_are_not_dont_know(text: str) -> None:
    assert not dont_know(text)


@pytest.mark.parametrize(
    ("text", "intent", "answer"),
    [
        ("/deny", "deny", "no"),
        ("/unsure", "unsure", "unsure"),
        ("no", "deny", "no"),
        ("nothing like that", "deny", "no"),
        ("yes I have", "affirm", "yes"),
        ("yeah", "greet", "yes"),
        ("not really, only when I bend", "deny", "unsure"),  # a hedge is never a "no"
        ("I think so", "affirm", "unsure"),
        ("a bit", "affirm", "unsure"),
        ("dunno", "deny", "unsure"),
        ("asdfghjkl", "deny", None),  # the classifier's deny alone is not a "no"
        ("asdfghjkl", "affirm", None),
        ("what do you mean by that?", "inform", None),  # a question back is not an answer
        ("do you mean my legs?", "affirm", None),
        ("maybe?", "unsure", "unsure"),
        # Not understood, or not known, in another language: never a "no" (the fuzzer found
        # "No sé", Spanish for "I don't know", recorded as "no" to the chest-pain question).
        ("I don't understand", "deny", None),
        ("no entiendo", "deny", None),
        ("No sé", "deny", "unsure"),
        ("je ne sais pas", "deny", "unsure"),
        ("não sei", "deny", "unsure"),
    ],
)
def test_warning_sign_answers(text: str, intent: str, answer: str | None) -> None:
    assert warning_sign_answer(text, intent) == answer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can you explain that in simpler words please", True),
        ("say that again?", True),
        ("I don't understand", True),
        ("no comprendo", True),
        ("I want to book a consultation", False),
        ("/request_consultation", False),
    ],
)
def test_asks_to_explain(text: str, expected: bool) -> None:
    assert asks_to_explain(text) is expected
