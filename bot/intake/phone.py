"""Phone numbers as staff read and tap them, with the `phonenumbers` library (a port of Google's
libphonenumber and its numbering-plan metadata).

Stored numbers are what the person typed, cleaned by `contact.normalise_phone`: digits with an
optional leading +. A number without + is read in the clinic's country (clinic.yml `country`,
an ISO 3166 alpha-2 code such as "US"). A number the library cannot read is shown as stored
and linked with its bare digits, so staff can always see and dial it.
"""

from __future__ import annotations

import phonenumbers


def _parsed(number: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    return parsed if phonenumbers.is_possible_number(parsed) else None


def for_reading(number: str, region: str) -> str:
    """The number grouped for reading: national format ("(555) 123-4567") when it is in
    `region`, international ("+44 20 7946 0018") otherwise; as stored when unreadable."""
    parsed = _parsed(number, region)
    if parsed is None:
        return number
    same_country = phonenumbers.region_code_for_number(parsed) == region.upper()
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if same_country or not number.startswith("+")
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(parsed, style)


def tel_uri(number: str, region: str) -> str:
    """An RFC 3966 `tel:` URI that dials the number from a phone ("tel:+1-555-123-4567"); for an
    unreadable number, `tel:` and its digits (with + if stored with one)."""
    parsed = _parsed(number, region)
    if parsed is None:
        return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.RFC3966)
