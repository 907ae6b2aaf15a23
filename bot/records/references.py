"""Reference numbers, the one place they are made: SB-XXXXXX for a consultation or callback
request (intake_records), TR-XXXXXX for a completed triage (triage_records).

Six characters without 0/O and 1/I/L, so a reference read out over the phone is not misheard;
31^6 (about 887 million) per prefix.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 6
REQUEST_PREFIX = "SB-"
TRIAGE_PREFIX = "TR-"


def new_reference(prefix: str = REQUEST_PREFIX) -> str:
    """A random reference with `prefix` (a request's SB- unless told), not checked for use."""
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return prefix + body


def free_reference(session: Session, model: Any, prefix: str) -> str:
    """A new reference with `prefix` that no row of `model` (IntakeRecord or TriageRecord, each
    with a unique `reference` column) has yet; RuntimeError after ten collisions in a row."""
    for _ in range(10):
        reference = new_reference(prefix)
        taken = session.execute(select(model.id).where(model.reference == reference)).first()
        if taken is None:
            return reference
    # 31^6 references make ten collisions in a row unrealistic
    raise RuntimeError("could not find a free reference number")  # pragma: no cover


def normalise_reference(text: str) -> str:
    """A reference as typed or read back (any case, spaces around) as it is stored."""
    return text.strip().upper()
