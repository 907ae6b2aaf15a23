"""The scripted conversations the benchmark sends: whole triage conversations for SpineBot (and
for comparator (a), the same bot with Rasa's default configuration) and greet/mood conversations
for Rasa's starter bot (comparator (b)).

Scripts are fixed: every setup gets exactly the same messages whatever it answers, so latency
and throughput compare like with like. Each SpineBot script names the triage level it reaches
with this project's bot; the benchmark reports how many conversations reached it, so a setup
that answers fast but wrongly shows up as such.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from bot.triage import Case, Region, pending_questions

Step = tuple[str, ...]  # one message, or several sent at once (a double send)


@dataclass(frozen=True)
class Script:
    name: str
    steps: tuple[Step, ...]
    expect_level: str | None = None  # the triage level SpineBot should reach

    @property
    def turns(self) -> int:
        return sum(len(step) for step in self.steps)


def _steps(*messages: str) -> tuple[Step, ...]:
    return tuple((message,) for message in messages)


def _noes(count: int, words: tuple[str, ...]) -> tuple[str, ...]:
    """`count` screening answers, cycling through typed and button ("/deny") answers."""
    return tuple(words[i % len(words)] for i in range(count))


_TYPED_NO = ("no", "nope", "/deny", "no, not at all", "no I haven't", "/deny", "none of that")


def screen_length(region: Region, age: int, days: int) -> int:
    """How many one-by-one screening questions a person with no warning sign answers (the
    engine's `pending_questions`, every answer "no"), so the scripts follow the screen."""
    case = Case(region=region, age=age, duration_days=days)
    count = 0
    while pending := pending_questions(case):
        case = dataclasses.replace(case, answered=case.answered | {pending[0]})
        count += 1
    return count


_ACUTE_BACK = screen_length(Region.LOWER_BACK, 35, 21)
_NECK = screen_length(Region.NECK, 29, 5)
_CHRONIC_BACK = screen_length(Region.LOWER_BACK, 45, 182)

# The clinic's default mode asks one screening question per sign (bot/triage/flags.py).
SPINEBOT: tuple[Script, ...] = (
    Script(
        "acute low back, typed answers",
        _steps(
            "hello",
            "my lower back has hurt for 3 weeks, about 5/10",
            "no",
            "35",
            *_noes(_ACUTE_BACK, _TYPED_NO),
            "thanks",
            "bye",
        ),
        expect_level="self_care",
    ),
    Script(
        "neck pain, button answers, a treatment question on the way",
        _steps(
            "hi there",
            "my neck has been stiff for 5 days, 4 out of 10",
            "/deny",
            "29",
            *_noes(8, ("/deny",)),
            "what is physio?",
            *_noes(_NECK - 8, ("/deny",)),
            "thank you",
        ),
        expect_level="self_care",
    ),
    Script(
        "a red flag in the middle of the intake",
        _steps("hello", "my back is sore", "about two weeks, and I wet myself this morning"),
        expect_level="emergency_department",
    ),
    Script(
        "chronic low back after physiotherapy, a consultation declined",
        _steps(
            "hey",
            "my lower back has been aching for 6 months, 6/10, physio didn't help",
            "no",
            "45",
            *_noes(_CHRONIC_BACK, _TYPED_NO),
            "no thanks",
            "goodbye",
        ),
        expect_level="routine_appointment",
    ),
    Script(
        "an emergency said straight away",
        _steps("this is an emergency", "thank you"),
        expect_level="call_emergency",
    ),
)

# Rasa's starter bot (`rasa init`): greet, mood, cheer-up picture, did that help, goodbye.
STARTER: tuple[Script, ...] = (
    Script("happy", _steps("hello", "I am great", "bye")),
    Script("sad, helped", _steps("hi", "I am sad", "yes", "goodbye")),
    Script("sad, not helped", _steps("hey there", "not good", "no", "see you")),
    Script("bot challenge", _steps("good morning", "are you a bot?", "perfect", "bye bye")),
)
