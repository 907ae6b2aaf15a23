"""`make bench-screening`: scripted patients through both screening modes (issue 16 item 5).

Each patient is walked through the same code the actions run (bot/dialogue/grouped.py for
grouped mode; the engine's `questions_to_ask` one at a time for single mode), answering from a
script, and the person's messages are counted from the first one to the outcome: the first
message, one per intake fact it did not give (region, duration, pain score, spread, age), one per
screening question, one per follow-up or clarifying question. It does not start the servers:
tests/e2e/test_grouped_screening.py checks the same counts over REST for two patients.

Printed: per mode and region, the median and maximum person messages for patients with no warning
sign, and the screening questions they answered; then, for every warning sign a group lists, the
level each mode reaches when the patient has that sign alone, and the messages it took.
Exit status 1 if a warning sign reaches a different level in the two modes, or a no-warning-sign
target is missed in grouped mode: CLINICAL.md §8.5's person messages (median 10 back / 11 neck, at
most 11) and the §8.2 note's screening questions (at most 6 back, plus the NG65 question when the
pain is chronic, and 7 neck, once the §7 group is added). Each target is printed met or MISSED.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.dialogue import grouped
from bot.dialogue.interrupt import assess_with
from bot.dialogue.state import case_or_back, record_answer
from bot.triage import Flag, questions_to_ask
from bot.triage.groups import groups_for

INTAKE = ("body_region", "duration", "pain_score", "radiation", "age")
TARGET_MEDIAN = {"back": 10, "neck": 11}  # person messages (§8.5)
TARGET_MAX = 11  # person messages (§8.5)
TARGET_QUESTIONS = {"back": 6, "neck": 7}  # screening questions (§8.2 note), + NG65 when chronic


@dataclass(frozen=True)
class Patient:
    """What the first message gives, and the rest of the intake answers."""

    name: str
    given: Mapping[str, str]  # intake facts in the first message
    facts: Mapping[str, str]  # every intake fact, as the person gives it when asked

    @property
    def intake_messages(self) -> int:
        return 1 + sum(1 for slot in INTAKE if slot not in self.given)

    def slots(self) -> dict[str, Any]:
        return {**self.facts, "red_flags": [], "unsure_flags": [], "answered_flags": []}


def _patient(name: str, region: str, days: str, score: str, given: tuple[str, ...]) -> Patient:
    facts = {"body_region": region, "duration": days, "pain_score": score, "radiation": "none",
             "age": "44"}  # fmt: skip
    return Patient(name, {k: v for k, v in facts.items() if k in given}, facts)


# No warning signs: what the first message gives varies as patients' messages do.
PATIENTS: tuple[Patient, ...] = (
    _patient("lower back, everything but spread and age", "lower_back", "14", "4",
             ("body_region", "duration", "pain_score")),
    _patient("lower back, region only", "lower_back", "10", "5", ("body_region",)),
    _patient("back, region and duration", "back", "21", "6", ("body_region", "duration")),
    _patient("mid back, region and score", "mid_back", "5", "3", ("body_region", "pain_score")),
    _patient("upper back, nothing in the first message", "upper_back", "30", "4", ()),
    _patient("tailbone, region and duration", "tailbone", "12", "5", ("body_region", "duration")),
    _patient("chronic lower back, three facts", "lower_back", "200", "5",
             ("body_region", "duration", "pain_score")),
    _patient("neck, three facts", "neck", "5", "4", ("body_region", "duration", "pain_score")),
    _patient("neck, region only", "neck", "14", "3", ("body_region",)),
    _patient("neck, nothing in the first message", "neck", "60", "6", ()),
    _patient("chronic neck, three facts", "neck", "120", "5",
             ("body_region", "duration", "pain_score")),
)  # fmt: skip


def single_mode(slots: dict[str, Any], flag: Flag | None) -> tuple[int, dict[str, Any]]:
    """Ask the engine's next question until none is left, answering yes only to `flag`;
    (messages, slots)."""
    messages = 0
    while todo := questions_to_ask(case_or_back(slots, {})):
        asked = todo[0]
        slots = {**slots, **record_answer(slots, asked, "yes" if asked is flag else "no")}
        messages += 1
    return messages, slots


def grouped_mode(slots: dict[str, Any], flag: Flag | None) -> tuple[int, dict[str, Any]]:
    """Answer each group "none" unless it lists `flag`, then "yes" and tap `flag` alone."""
    messages = 0
    slots = {**slots, "screening_question": None}
    while not (messages and grouped.finished(slots)):
        ask = grouped.next_ask(slots)
        if ask.kind == "done":
            return messages, slots
        slots["screening_question"] = ask.question
        messages += 1
        if ask.kind == "group":
            slots.update(grouped.record_group_answer(slots, "yes" if flag in ask.items else "no"))
        elif ask.kind == "which":
            # A follow-up group that does not list the sign: "None of these".
            listed = flag is not None and flag in ask.items
            picked = grouped.Picked(
                chosen=frozenset({flag.value} if listed and flag else set()),
                none_after_all=not listed,
            )
            slots.update(grouped.record_which(slots, picked))
        elif ask.kind == "clarify":
            slots.update(grouped.record_clarifying(slots, "yes"))
        else:
            slots.update(
                record_answer(slots, ask.items[0], "yes" if ask.items[0] is flag else "no")
            )
            slots["screening_question"] = grouped.NEXT
    return messages, slots


MODES = {"single": single_mode, "grouped": grouped_mode}


def region_kind(patient: Patient) -> str:
    return "neck" if patient.facts["body_region"] == "neck" else "back"


def no_sign_lines() -> tuple[list[str], list[str]]:
    lines = [f"{'mode':<8} {'region':<6} {'patients':>8} {'median msgs':>11} {'max msgs':>8} "
             f"{'screening qs (min-max, without NG65)':>36}"]  # fmt: skip
    targets: list[str] = []
    for mode, walk in MODES.items():
        for kind in ("back", "neck"):
            totals, questions = [], []
            for patient in (p for p in PATIENTS if region_kind(p) == kind):
                asked, slots = walk(patient.slots(), None)
                assert not assess_with(slots, []).interrupt, patient.name  # no warning sign
                totals.append(patient.intake_messages + asked)
                chronic = kind == "back" and int(patient.facts["duration"]) > 84
                questions.append(asked - chronic)  # the NG65 question is not counted (§8.5)
            median, most = statistics.median(totals), max(totals)
            if mode == "grouped":
                targets += [
                    _target(f"{kind} median messages", median, TARGET_MEDIAN[kind]),
                    _target(f"{kind} most messages", most, TARGET_MAX),
                    _target(f"{kind} screening questions", max(questions), TARGET_QUESTIONS[kind]),
                ]
            lines.append(f"{mode:<8} {kind:<6} {len(totals):>8} {median:>11} {most:>8} "
                         f"{min(questions):>13}-{max(questions)}")  # fmt: skip
    return lines, targets


def _target(name: str, value: float, most: int) -> str:
    return (
        f"  {name:<26} {value:>5} (target at most {most}): {'met' if value <= most else 'MISSED'}"
    )


def sign_lines() -> tuple[list[str], bool]:
    lines = [f"{'region':<6} {'warning sign':<26} {'single':<22} {'grouped':<22} same"]
    ok = True
    for region in ("lower_back", "neck"):
        patient = _patient(region, region, "14", "5", ("body_region", "duration", "pain_score"))
        flags = dict.fromkeys(f for g in groups_for(case_or_back(patient.slots(), {}).region)
                              for f in g.items)  # fmt: skip
        for flag in flags:
            results = []
            for walk in MODES.values():
                asked, slots = walk(patient.slots(), flag)
                results.append(
                    (assess_with(slots, []).level.value, patient.intake_messages + asked)
                )
            same = results[0][0] == results[1][0]
            ok = ok and same
            single, group = (f"{level} ({n} msgs)" for level, n in results)
            kind = "neck" if region == "neck" else "back"
            lines.append(f"{kind:<6} {flag.value:<26} {single:<22} {group:<22} "
                         f"{'yes' if same else 'NO'}")  # fmt: skip
    return lines, ok


def main(argv: Sequence[str] | None = None) -> int:
    del argv
    no_signs, targets = no_sign_lines()
    signs, levels_agree = sign_lines()
    lines = [
        "Patients with no warning sign (person messages, first to outcome):",
        *no_signs,
        "",
        "One warning sign, alone:",
        *signs,
        "",
        "Grouped targets (CLINICAL.md §8.5 messages; §8.2 note screening questions):",
        *targets,
        f"same level in both modes for every sign: {'yes' if levels_agree else 'NO'}",
    ]
    print("\n".join(lines))
    targets_met = not any(line.endswith("MISSED") for line in targets)
    return 0 if targets_met and levels_agree else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
