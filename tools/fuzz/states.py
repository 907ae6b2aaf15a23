"""The states of the dialogue the fuzzer visits, each reached by a scripted prefix of messages
from a fresh sender, with the answer that is valid there.

A state's `expect` lists what the tracker must show after the prefix (checked before any
off-script message is sent, so a script that no longer reaches its state is reported, not
silently fuzzed in the wrong place): ``"active_loop"`` and slot names mapped to their values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MAX_OUTCOME_TURNS = 40  # more answers than the longest screen; a screen that never ends is an error


@dataclass(frozen=True)
class Step:
    """One prefix message; with `until_outcome` it is sent again until a reply carries a triage
    payload (answering every screening question the same way)."""

    text: str
    until_outcome: bool = False


@dataclass(frozen=True)
class State:
    name: str
    prefix: tuple[Step, ...]
    valid: str  # an answer that is right at this state
    expect: Mapping[str, object] = field(default_factory=dict)
    mode: str | None = None  # the screening mode the prefix is written for; None: either


def _steps(*texts: str) -> tuple[Step, ...]:
    return tuple(Step(text) for text in texts)


ACUTE = "my lower back has hurt for 3 weeks, 5/10"
CHRONIC = "my lower back has hurt for 6 months, 6/10, physio didn't help"
CONSULT = "I want to book a consultation"
EMERGENCY = "I can't control my bladder and my legs are numb"
SCREENING = {"active_loop": "screening_form", "requested_slot": "screening_answer"}
MIDDLE_OF_SCREENING = 9  # "no" answers to reach the middle of the one-by-one back screen
GROUPED = {**SCREENING, "screening_mode": "grouped"}
NIGHT_PAIN_ITEM = '/inform{"screen_items": "night_pain"}'  # a "which of these?" item's button


def _intake(slot: str) -> dict[str, object]:
    return {"active_loop": "intake_form", "requested_slot": slot}


def _contact(slot: str) -> dict[str, object]:
    return {"active_loop": "consultation_form", "requested_slot": slot}


STATES: tuple[State, ...] = (
    State("body_region", _steps("hello", "/report_pain"), "my lower back", _intake("body_region")),
    State("duration", _steps("my lower back hurts"), "2 weeks", _intake("duration")),
    State("pain_score", _steps("my lower back hurts", "2 weeks"), "5", _intake("pain_score")),
    State("radiation", _steps(ACUTE), "/deny", _intake("radiation")),
    State("age", _steps(ACUTE, "/deny"), "35", _intake("age")),
    State("screening_first", _steps(ACUTE, "/deny", "35"), "/deny", SCREENING),
    State(
        "screening_middle",
        _steps(ACUTE, "/deny", "35", *["/deny"] * MIDDLE_OF_SCREENING),
        "/deny",
        {**SCREENING, "screening_mode": "single"},
        mode="single",
    ),
    # Grouped screening (CLINICAL.md §8): the third group, and B5's "which of these?" follow-up.
    State(
        "group_middle",
        _steps(ACUTE, "/deny", "35", "/deny", "/deny"),
        "/deny",
        GROUPED,
        mode="grouped",
    ),
    State(
        "group_which",
        _steps(ACUTE, "/deny", "35", "/deny", "/deny", "/deny", "/deny", "/affirm"),
        NIGHT_PAIN_ITEM,
        GROUPED,
        mode="grouped",
    ),
    State("consent", _steps(CONSULT), "/affirm", _contact("consent_contact")),
    State("contact_name", _steps(CONSULT, "/affirm"), "Sam Lee", _contact("contact_name")),
    State(
        "contact_detail",
        _steps(CONSULT, "/affirm", "Sam Lee"),
        "+1 555 010 0199",
        _contact("contact_detail"),
    ),
    State(
        "contact_time",
        _steps(CONSULT, "/affirm", "Sam Lee", "+1 555 010 0199"),
        "weekday mornings",
        _contact("contact_time"),
    ),
    State(
        "after_self_care",
        (*_steps(ACUTE, "/deny", "35"), Step("/deny", until_outcome=True)),
        "thanks",
        {"active_loop": None, "triage_level": "self_care"},
    ),
    State(
        "after_consultation_offer",
        (*_steps(CHRONIC, "/deny", "44"), Step("/deny", until_outcome=True)),
        "/affirm",
        {"active_loop": None, "triage_level": "routine_appointment", "consultation_offered": True},
    ),
    State(
        "after_emergency",
        _steps(EMERGENCY),
        "thanks",
        {"active_loop": None, "triage_level": "emergency_department"},
    ),
    State(
        "after_fallback",
        _steps("hello", "asdf qwer zxcv"),
        "my lower back hurts",
        {"active_loop": None},
    ),
)


def select(names: Sequence[str] | None, mode: str | None = None) -> list[State]:
    """The named states in walk order (all for None) that a stack screening in `mode` can reach
    (states written for the other mode are left out; None keeps every state). An unknown name
    raises KeyError."""
    reachable = [state for state in STATES if state.mode in (None, mode) or mode is None]
    if not names:
        return reachable
    known = {state.name for state in STATES}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise KeyError(f"unknown state(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    wanted = set(names)
    return [state for state in reachable if state.name in wanted]
