"""Check and normalise the contact details a person types, with a message naming what is wrong.

Pure functions: each returns the normalised value, or raises ContactError with a sentence the
dialogue can show as a re-prompt hint.
"""

from __future__ import annotations

import re


class ContactError(ValueError):
    """The value cannot be used; the message says why, in plain words."""


EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
MAX_NAME = 100


def normalise_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise ContactError("a name is needed")
    if len(name) > MAX_NAME:
        raise ContactError(f"the name is longer than {MAX_NAME} characters")
    if not any(ch.isalpha() for ch in name) or any(ch in "<>{}[]\\/@" for ch in name):
        raise ContactError("a name has letters, and no symbols such as < > / or @")
    return name


def normalise_phone(text: str) -> str:
    """Digits with an optional leading +; spaces, dots, dashes and brackets are dropped."""
    cleaned = re.sub(r"[\s().-]", "", text.strip())
    if not re.fullmatch(r"\+?\d+", cleaned):
        raise ContactError("a phone number has digits only, with an optional + in front")
    digits = cleaned.lstrip("+")
    if not 7 <= len(digits) <= 15:  # E.164 allows at most 15 digits
        raise ContactError("a phone number has between 7 and 15 digits")
    return cleaned


def normalise_email(text: str) -> str:
    email = text.strip()
    if len(email) > 254 or not EMAIL.match(email):
        raise ContactError("an email address looks like name@example.com")
    local, domain = email.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def normalise_contact_time(text: str) -> str:
    """Free text ("weekday mornings"), trimmed; it only has to be present and short."""
    when = " ".join(text.split())
    if not when:
        raise ContactError("please say when suits you, for example 'weekday mornings'")
    if len(when) > 200:
        raise ContactError("please keep the preferred time under 200 characters")
    return when
