"""Build a Case from untrusted JSON-like data, naming the field on any error."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

from bot.triage.case import Case
from bot.triage.flags import Flag, Radiation, Region

E = TypeVar("E", bound=Enum)

KNOWN_KEYS = frozenset(
    {
        "region",
        "duration_days",
        "pain_score",
        "age",
        "radiation",
        "red_flags",
        "unsure",
        "answered",
        "screening_complete",
        "treatments_tried",
    }
)
MAX_DAYS = 365 * 100
MAX_AGE = 130


class CaseError(ValueError):
    """Invalid input; `field` names the offending key."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"field '{field}': {message}")
        self.field = field


def _choices(enum: type[Enum]) -> str:
    return ", ".join(str(member.value) for member in enum)


def _member(enum: type[E], field: str, value: Any) -> E:
    try:
        return enum(value)
    except ValueError:
        raise CaseError(
            field, f"unknown value {value!r}; expected one of: {_choices(enum)}"
        ) from None


def _int(field: str, value: Any, low: int, high: int, *, optional: bool) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise CaseError(field, f"must be a whole number from {low} to {high}, got {value!r}")
    if not low <= value <= high:
        raise CaseError(field, f"must be from {low} to {high}, got {value}")
    return value


def _flags(field: str, value: Any) -> frozenset[Flag]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise CaseError(field, "must be a list of red_flag keys")
    return frozenset(_member(Flag, field, item) for item in value)


def parse_case(data: Any, treatment_steps: Mapping[str, int]) -> Case:
    """Check and convert one case.

    Args:
        data: the decoded JSON object (keys as in `KNOWN_KEYS`; duration_days 0-36,500 days,
            pain_score 0-10, age 0-130 years).
        treatment_steps: every known treatment key with its pathway step (from the table).

    Raises:
        CaseError: naming the first field that is missing, unknown or out of range.

    """
    if not isinstance(data, dict):
        raise CaseError("case", "expected a JSON object")
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise CaseError(
            unknown[0], f"unknown key; expected some of: {', '.join(sorted(KNOWN_KEYS))}"
        )
    if "region" not in data:
        raise CaseError("region", "is required")
    tried = data.get("treatments_tried") or []
    if not isinstance(tried, list):
        raise CaseError("treatments_tried", "must be a list of treatment keys")
    for key in tried:
        if key not in treatment_steps:
            raise CaseError("treatments_tried", f"unknown treatment key {key!r}")
    complete = data.get("screening_complete", False)
    if not isinstance(complete, bool):
        raise CaseError("screening_complete", f"must be true or false, got {complete!r}")
    radiation = data.get("radiation")
    return Case(
        region=_member(Region, "region", data["region"]),
        duration_days=_int("duration_days", data.get("duration_days"), 0, MAX_DAYS, optional=True),
        pain_score=_int("pain_score", data.get("pain_score"), 0, 10, optional=True),
        age=_int("age", data.get("age"), 0, MAX_AGE, optional=True),
        radiation=None if radiation is None else _member(Radiation, "radiation", radiation),
        red_flags=_flags("red_flags", data.get("red_flags")),
        unsure=_flags("unsure", data.get("unsure")),
        answered=_flags("answered", data.get("answered")),
        screening_complete=complete,
        treatments_tried={key: treatment_steps[key] for key in tried},
    )
