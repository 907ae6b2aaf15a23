"""The outcome's check of what the grouped screening went on (CLINICAL.md §8.3 A10), and the way
back when the person says it is not right.

A grouped screening skips every item the person already reported or denied (A9), and a group
answered "No, none of these" records a "no" for each of its items (A1). A10 asks for both to be
shown back before the person relies on the outcome: the warning signs taken from their own words,
the groups answered "none", and the items marked "not sure". A "That's not right" button sends
`RECHECK` (the `screen_items` entity of a `report_symptom` message); the intake form then clears
every "no" the screening recorded (`recheck_slots`), so the screening asks its groups again and the
§1C rules run on the new answers. What the person reported stays reported: a "yes" is never
undone by a re-check.

Pure: slot values and tracker events in, values out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.dialogue.interrupt import message_flags
from bot.dialogue.state import case_or_back
from bot.triage import Flag
from bot.triage.groups import ScreenGroup, groups_for

RECHECK = "recheck"  # the `screen_items` value the "That's not right" button sends


@dataclass(frozen=True)
class Recap:
    """What the outcome shows back (A10).

    `told`: warning signs found in what the person typed (not in button taps), still recorded as
    present, in the order first said. `none_groups`: the groups whose every listed item ended
    "no" with at least one asked, in screening order. `unsure`: items marked "not sure",
    including those a clarifying question later cleared (`cleared_unsure`).
    """

    told: tuple[Flag, ...]
    none_groups: tuple[ScreenGroup, ...]
    unsure: tuple[Flag, ...]

    def __bool__(self) -> bool:
        return bool(self.told or self.none_groups or self.unsure)


def typed_flags(events: Iterable[Mapping[str, Any]]) -> tuple[Flag, ...]:
    """The warning signs the extractor found in typed messages, in the order first said.

    `events` are tracker events as the action server receives them (dicts with "event"); a
    message whose text starts with "/" is a button's payload, not the person's words.
    """
    found: dict[Flag, None] = {}
    for event in events:
        if event.get("event") != "user":
            continue
        text = str(event.get("text") or "")
        if text.startswith("/"):
            continue
        entities = (event.get("parse_data") or {}).get("entities") or []
        for key in message_flags(entities):
            found.setdefault(Flag(key), None)
    return tuple(found)


def _known(values: Any) -> tuple[Flag, ...]:
    keys = {flag.value for flag in Flag}
    return tuple(Flag(v) for v in dict.fromkeys(values or []) if v in keys)


def recap(slots: Mapping[str, Any], events: Iterable[Mapping[str, Any]]) -> Recap:
    """What to show back for these slots and the conversation's events (see `Recap`)."""
    case = case_or_back(slots, {})
    present = case.red_flags | case.unsure
    told = tuple(flag for flag in typed_flags(events) if flag in present)
    none_groups = tuple(
        group
        for group in groups_for(case.region)
        if not present & set(group.items) and case.answered & set(group.items)
    )
    unsure = _known([*(slots.get("unsure_flags") or []), *(slots.get("cleared_unsure") or [])])
    return Recap(told, none_groups, unsure)


def asks_recheck(entities: Iterable[Mapping[str, Any]]) -> bool:
    """True if a message is the "That's not right" button (its `screen_items` is `RECHECK`)."""
    return any(e.get("entity") == "screen_items" and e.get("value") == RECHECK for e in entities)


def recheck_slots(slots: Mapping[str, Any]) -> dict[str, Any]:
    """The slot values that re-run the screening: every "no" recorded is forgotten, so each
    group is asked again; "yes" and "not sure" answers stay answered. The outcome given is
    forgotten too, so the new one is given in full even if it is the same."""
    present = [*(slots.get("red_flags") or []), *(slots.get("unsure_flags") or [])]
    answered = [key for key in slots.get("answered_flags") or [] if key in present]
    return {
        "answered_flags": answered,
        "cleared_unsure": [],
        "screening_question": None,
        "screening_answer": None,
        "last_outcome": None,
        "triage_level": None,
    }
