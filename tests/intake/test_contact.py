"""Contact details are checked and normalised with a plain-words reason when they are not usable."""

from __future__ import annotations

import pytest

from bot.intake.contact import (
    ContactError,
    normalise_contact_time,
    normalise_email,
    normalise_name,
    normalise_phone,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+1 (555) 010-0199", "+15550100199"),
        ("020 7946 0018", "02079460018"),
        ("555.010.0199", "5550100199"),
    ],
)
def test_phone_numbers_are_normalised(text: str, expected: str) -> None:
    assert normalise_phone(text) == expected


@pytest.mark.parametrize("text", ["", "call me", "12345", "+44 20 7946 0018 0018 0018", "555-CALL"])
def test_bad_phone_numbers_are_refused(text: str) -> None:
    with pytest.raises(ContactError, match="phone number"):
        normalise_phone(text)


def test_emails_keep_the_local_part_and_lower_the_domain() -> None:
    assert normalise_email(" Sam.Lee+back@Example.ORG ") == "Sam.Lee+back@example.org"


@pytest.mark.parametrize("text", ["sam", "sam@", "@example.com", "sam@example", "a b@c.de"])
def test_bad_emails_are_refused(text: str) -> None:
    with pytest.raises(ContactError, match="email"):
        normalise_email(text)


def test_names_are_trimmed_and_symbols_refused() -> None:
    assert normalise_name("  Sam   Lee ") == "Sam Lee"
    for bad in ("", "1234", "<script>", "x" * 101):
        with pytest.raises(ContactError):
            normalise_name(bad)


def test_contact_time_is_free_text_but_present() -> None:
    assert normalise_contact_time(" weekday  mornings ") == "weekday mornings"
    with pytest.raises(ContactError):
        normalise_contact_time("   ")


@pytest.mark.parametrize(
    "name",
    ["Sam O'Neil", "Jean-Luc Picard", "Zoë", "J. R. Smith", "Nick Beck", "Sun Li", "An Nguyen"],
)
def test_names_from_many_places_are_taken(name: str) -> None:
    assert normalise_name(name) == name


@pytest.mark.parametrize(
    "text",
    [
        "I really couldn't tell you",
        "is that ok",
        "😀",
        "Sam 😀",
        "lowr bak 3wks",
        "Sam2",
        "hi",
        "lol",
        "nek and sholders",  # where it hurts, typed with typos
        "lowerr bakc",
        "tmrw mornin ish",  # when to call, typed at the name
        "x",  # a single letter, or a key held down
        "jjjjjjjjjj",
    ],
)
def test_sentences_digits_and_emoji_are_not_names(text: str) -> None:
    with pytest.raises(ContactError):
        normalise_name(text)


@pytest.mark.parametrize(
    "text",
    [
        "I guess",
        "depends on the day honestly",
        "hmm ok",
        "my back",
        "3 wks",
        "im 45 yrs",
        "good evening!",
        "hello, good afternoon",
    ],
)
def test_a_contact_time_names_a_time(text: str) -> None:
    with pytest.raises(ContactError):
        normalise_contact_time(text)
    assert normalise_contact_time("after 5pm") == "after 5pm"
    assert normalise_contact_time("Tuesdays at lunch") == "Tuesdays at lunch"
    assert normalise_contact_time("at 10 or 2:30") == "at 10 or 2:30"
    assert normalise_contact_time("morning") == "morning"
    assert (
        normalise_contact_time("good morning, any time after 5") == "good morning, any time after 5"
    )
