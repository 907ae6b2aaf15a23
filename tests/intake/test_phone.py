"""Phone numbers as staff see them in the console: grouped for reading, and a tel: link that
dials them from a phone."""

from __future__ import annotations

import pytest

from bot.intake.phone import for_reading, tel_uri


@pytest.mark.parametrize(
    ("stored", "region", "shown", "link"),
    [
        ("5551234567", "US", "(555) 123-4567", "tel:+1-555-123-4567"),
        ("+12125551234", "US", "(212) 555-1234", "tel:+1-212-555-1234"),
        ("+442079460018", "US", "+44 20 7946 0018", "tel:+44-20-7946-0018"),
        ("02079460018", "GB", "020 7946 0018", "tel:+44-20-7946-0018"),
        ("+12125551234", "GB", "+1 212-555-1234", "tel:+1-212-555-1234"),
    ],
)
def test_a_stored_number_is_grouped_and_dialable(
    stored: str, region: str, shown: str, link: str
) -> None:
    assert for_reading(stored, region) == shown
    assert tel_uri(stored, region) == link


@pytest.mark.parametrize("stored", ["02079460018", "+999123"])
def test_a_number_the_library_cannot_place_is_shown_as_stored(stored: str) -> None:
    # A UK national number read as American, or a country code that does not exist.
    assert for_reading(stored, "US") == stored
    assert tel_uri(stored, "US") == f"tel:{stored}"
