"""Each warning-sign question that applies to a record, with the person's answer, as staff read it
on the record page, in the CSV export and in the FHIR QuestionnaireResponse.

Which questions apply is the body region's screen (CLINICAL.md §1A for the back, §1B for the
neck, with the §7B gateways G1-G4), each followed by the questions an answer to it can call for:
the §7B follow-ups of a gateway (and their own follow-ups), the fever's by region (§1C, NS-8),
nerve signs and bruising after an injury and the smaller injury (LB-3, NK-2), the grouped
screening's conditional items (§8.2, §8.3 A7: unable to walk after a cauda equina item), and for
the back the NG65 inflammatory-pattern question (§2.1). Any other question the record holds an
answer to (a §7 sign told in the other region's flow) follows at the end.

A question the record has no answer to is "not asked": screening stopped at an urgent answer
(§8.3 A3), the follow-up's gateway was "no", the age ruled it out (§7B pregnancy, 12 to 55), or
the person asked for a consultation before any triage. "Not asked" is never shown as "no".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from bot.intake.fhir_questionnaire import screening_order, screening_question
from bot.records.triage_summary import TriageSummary
from bot.triage.flags import (
    FEVER_FOLLOW_UPS_BACK,
    FEVER_FOLLOW_UPS_NECK,
    FOLLOW_UPS,
    Flag,
    Region,
    base_screen,
    with_implied,
)
from bot.triage.groups import groups_for

__all__ = [
    "Answer",
    "ScreeningAnswer",
    "answered",
    "by_answer",
    "region_questions",
    "screening_answers",
]


class Answer(str, Enum):
    """A warning-sign question's answer on a record, most telling first (the page's order)."""

    YES = "yes"
    NOT_SURE = "unsure"  # counts as yes for the level (CLINICAL.md §8.3 A3)
    CLEARED = "cleared"  # "not sure", then ruled out by the clarifying question (§8.3 A5)
    NO = "no"
    NOT_ASKED = "not_asked"

    @property
    def words(self) -> str:
        """The answer as staff read it."""
        return ANSWER_WORDS[self]


ANSWER_WORDS = {
    Answer.YES: "yes",
    Answer.NOT_SURE: "not sure (counted as yes)",
    Answer.CLEARED: "not sure, cleared by the follow-up question",
    Answer.NO: "no",
    Answer.NOT_ASKED: "not asked",
}
_ORDER = tuple(Answer)


@dataclass(frozen=True)
class ScreeningAnswer:
    """One warning-sign question and its answer.

    `flag` is the red-flag key (bot/triage/flags.py Flag value); `question` the words the bot
    asked it in (domain.yml). `follow_up` is True for a question asked only after another answer
    (a §7B gateway's follow-ups, §8.3 A7), which is why it is often "not asked". `implied` is True
    when the question was never put because a sign the person told answers it (flags.IMPLIES:
    "it burns when I pee" is a yes to the urinary gateway G2).
    """

    flag: str
    question: str
    answer: Answer
    follow_up: bool = False
    implied: bool = False

    @property
    def words(self) -> str:
        """The answer as staff read it, saying so when another answer gave it."""
        if self.implied:
            return f"{self.answer.words} (from another answer)"
        return self.answer.words


def _follow_ups(flag: Flag, region: Region) -> list[Flag]:
    """The questions an answer to `flag` can call for, each with its own (depth first)."""
    if flag is Flag.FEVER:
        items: Iterable[Flag] = FEVER_FOLLOW_UPS_NECK if region.is_neck else FEVER_FOLLOW_UPS_BACK
    elif flag is Flag.MAJOR_TRAUMA:
        # engine._screen: nerve signs and bruising after an injury, a smaller injury after a
        # "no" (LB-3, NK-2).
        items = (Flag.LIMB_NUMBNESS, Flag.BRUISING, Flag.MINOR_TRAUMA)
    else:
        items = FOLLOW_UPS.get(flag, ())
    found: list[Flag] = []
    for item in items:
        found += [item, *_follow_ups(item, region)]
    return found


def region_questions(region: Region) -> tuple[tuple[Flag, bool], ...]:
    """Every warning-sign question that can be asked for pain in `region`, in the order the
    screening asks them, each with True if it is a follow-up (asked only after another answer).

    The region's screen (`flags.base_screen`, CLINICAL.md §1A/§1B with the §7B gateways), each
    question followed by its follow-ups (§7B, the fever's by region, after an injury), the
    grouped screening's conditional items after their last trigger (§8.2, §8.3 A7), and for the
    back the inflammatory-pattern question asked once pain is chronic (NG65, §2.1).
    """
    screen = base_screen(region)
    ordered: dict[Flag, bool] = {}
    for flag in screen:
        ordered.setdefault(flag, False)
        for item in _follow_ups(flag, region):
            if item not in screen:  # a question for everyone keeps its own place
                ordered.setdefault(item, True)
    if not region.is_neck:
        ordered.setdefault(Flag.INFLAMMATORY_PATTERN, True)
    listed = list(ordered)
    for group in groups_for(region):
        for condition in group.conditional:
            missing = [item for item in condition.items if item not in ordered]
            triggers = [listed.index(flag) for flag in condition.after if flag in ordered]
            if not (missing and triggers):
                continue
            at = max(triggers) + 1
            while at < len(listed) and ordered[listed[at]]:
                at += 1  # after the trigger's own follow-ups
            listed[at:at] = missing
            ordered.update(dict.fromkeys(missing, True))
    return tuple((flag, ordered[flag]) for flag in listed)


def _region(value: str | None) -> Region | None:
    try:
        return Region(value) if value else None
    except ValueError:
        return None


def _known(summary: TriageSummary) -> set[str]:
    return {
        *summary.answered_flags,
        *summary.red_flags,
        *summary.unsure_flags,
        *summary.cleared_unsure,
    }


def screening_answers(summary: TriageSummary) -> tuple[ScreeningAnswer, ...]:
    """Each warning-sign question that applies to the record, in the order asked, with its answer.

    The questions are `region_questions` for the summary's region, then any other question it
    holds an answer to. Without a known region (a request made before any triage) only the
    questions answered are listed, so an empty tuple means no warning-sign question was asked.
    Keys the triage no longer knows are left out.
    """
    region = _region(summary.region)
    known = _known(summary)
    questions: dict[Flag, bool] = dict(region_questions(region)) if region else {}
    told = with_implied(_flags(known))
    for flag in screening_order():
        if flag in told:
            questions.setdefault(flag, True)
    present_yes = with_implied(_flags(summary.red_flags))
    present = with_implied(_flags((*summary.red_flags, *summary.unsure_flags)))
    answers = []
    for flag, follow_up in questions.items():
        answer, implied = _answer(summary, flag, present_yes, present)
        answers.append(
            ScreeningAnswer(flag.value, screening_question(flag.value), answer, follow_up, implied)
        )
    return tuple(answers)


def _flags(keys: Iterable[str]) -> set[Flag]:
    known = {flag.value for flag in Flag}
    return {Flag(key) for key in keys if key in known}


def _answer(
    summary: TriageSummary, flag: Flag, present_yes: frozenset[Flag], present: frozenset[Flag]
) -> tuple[Answer, bool]:
    """The answer to one question, and whether another answer gave it."""
    if flag.value in summary.red_flags:
        return Answer.YES, False
    if flag.value in summary.unsure_flags:
        return Answer.NOT_SURE, False
    if flag.value in summary.cleared_unsure:
        return Answer.CLEARED, False
    if flag.value in summary.answered_flags:
        return Answer.NO, False
    if flag in present_yes:
        return Answer.YES, True
    if flag in present:
        return Answer.NOT_SURE, True
    return Answer.NOT_ASKED, False


def by_answer(answers: Iterable[ScreeningAnswer]) -> list[ScreeningAnswer]:
    """The answers as a coordinator reads them: yes, then not sure, then cleared, then no, then
    not asked; in the order asked within each."""
    return sorted(answers, key=lambda item: _ORDER.index(item.answer))


def answered(answers: Iterable[ScreeningAnswer]) -> int:
    """How many of the questions the person answered (implied answers not counted)."""
    return sum(1 for item in answers if item.answer is not Answer.NOT_ASKED and not item.implied)
