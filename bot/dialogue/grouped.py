"""Grouped screening in the dialogue (issue 16, CLINICAL.md §8): what to ask next and how an
answer changes the slots. Pure: slot values in, slot values out; the actions only say and set.

The stage of the screening lives in the `screening_question` slot:

    group:B2                       the group question (Yes / Not sure / No, none of these)
    which:B2:yes:key1,key2,...     the "which of these?" follow-up, with the items it listed
    which:F:yes:key1,key2,...      a follow-up group: the §7 gateways' follow-ups the engine
                                   still wants, at most five, asked as one "which of these?"
    clarify:tearing_pain           §8.3 A5's one clarifying question
    <flag key>                     a single question the engine still wants (the NG65 question)
    next                           an answer was recorded; the next question is to be chosen

The triage engine stays the single source of what is pending (`bot.triage.groups` reads
`pending_questions`); a group lists only what is not yet known (A9).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bot.dialogue.state import LIST_SLOTS, case_or_back
from bot.triage import Flag, triage
from bot.triage.case import Case
from bot.triage.groups import (
    CLARIFYING,
    FOLLOW_UP,
    GroupAnswer,
    ScreenGroup,
    answer_clarifying,
    apply_group_answer,
    clarify,
    conditional_after_not_sure,
    follow_up_group,
    follow_up_items,
    groups_for,
    instruction_first,
    next_follow_up_group,
    next_group,
    remaining_questions,
)

NEXT = "next"
Kind = Literal["group", "which", "clarify", "single", "done"]


@dataclass(frozen=True)
class Ask:
    """What the screening asks next.

    `question` is the new `screening_question` value; `response` the domain response to send;
    `items` the flags to list (group and which); `instruction_first` is A4's L1 instruction
    before the "which of these?" of an L1 group answered yes.
    """

    kind: Kind
    question: str | None = None
    response: str | None = None
    items: tuple[Flag, ...] = ()
    group: ScreenGroup | None = None
    instruction_first: bool = False


def _case(slots: Mapping[str, Any]) -> Case:
    return case_or_back(slots, {})


def _group(case: Case, name: str, items: tuple[Flag, ...] = ()) -> ScreenGroup:
    if name == FOLLOW_UP:
        return follow_up_group(items)
    return next(g for g in groups_for(case.region) if g.name == name)


def _which(group: ScreenGroup, answer: str = GroupAnswer.YES.value) -> str:
    return f"which:{group.name}:{answer}:{','.join(f.value for f in group.items)}"


def next_ask(slots: Mapping[str, Any]) -> Ask:
    """The next grouped-screening question for these slots (see the module docstring).

    Once an answer sets an urgent level (L1-L3 end screening, §8.3 A3), no further group is
    asked; only follow-ups that could still change the level (`engine.questions_to_ask`).
    """
    case = _case(slots)
    asked = str(slots.get("screening_question") or "")
    kind, _, rest = asked.partition(":")
    if kind == "which":
        name, answer, listed = rest.split(":")
        items = tuple(Flag(key) for key in listed.split(",") if key)
        group = _group(case, name, items)
        first = instruction_first(group, GroupAnswer(answer))
        # A follow-up group has its own wording: no group question comes before it.
        response = group.response if name == FOLLOW_UP else "utter_screen_which"
        return Ask("which", asked, response, items, group, first)
    if kind == "clarify":
        flag = Flag(rest)
        return Ask("clarify", asked, CLARIFYING[flag].response, (flag,))
    urgent = triage(dataclasses.replace(case, screening_complete=True)).interrupt
    prompt = None if urgent else next_group(case)
    if prompt is not None:
        group = prompt.group
        return Ask("group", f"group:{group.name}", group.response, prompt.items, group)
    follow_up = next_follow_up_group(case)
    if follow_up is not None:
        return Ask("which", _which(follow_up), follow_up.response, follow_up.items, follow_up)
    single = remaining_questions(case)
    if single:
        return Ask("single", single[0].value, None, (single[0],))
    return Ask("done")


def _slots_of(before: Mapping[str, Any], case: Case) -> dict[str, list[str]]:
    """The list slots for `case`, keeping the order in which flags were first recorded."""
    lists: dict[str, list[str]] = {}
    for name, flags in (
        ("red_flags", case.red_flags),
        ("unsure_flags", case.unsure),
        ("answered_flags", case.answered | case.red_flags | case.unsure),
    ):
        kept = [v for v in (before.get(name) or []) if Flag(v) in flags]
        lists[name] = kept + sorted(f.value for f in flags if f.value not in kept)
    assert set(lists) == set(LIST_SLOTS)
    return lists


def finished(slots: Mapping[str, Any]) -> bool:
    """True when nothing is left to ask: an urgent answer ends screening (L1-L3, §8.3 A3) unless
    a follow-up of what was said could still change the level; never while a follow-up or a
    clarifying question is pending."""
    if str(slots.get("screening_question") or "").startswith(("which:", "clarify:")):
        return False
    return next_ask({**slots, "screening_question": NEXT}).kind == "done"


def record_group_answer(slots: Mapping[str, Any], answer: str) -> dict[str, Any]:
    """Slot updates after a group question was answered "yes", "unsure" or "no" (A1, A2)."""
    case = _case(slots)
    group = _group(case, str(slots["screening_question"]).split(":")[1])
    reply = GroupAnswer(answer)
    if reply is GroupAnswer.NO:
        return {
            **_slots_of(slots, apply_group_answer(case, group, reply)),
            "screening_question": NEXT,
        }
    listed = ",".join(f.value for f in follow_up_items(case, group, reply))
    return {"screening_question": f"which:{group.name}:{reply.value}:{listed}"}


def record_denied_items(slots: Mapping[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """Slot updates after a group question was answered with a denial of some of its items ("no
    bladder trouble"): those are "no", the group is asked again without them (§8.3 A8)."""
    case = _case(slots)
    group = _group(case, str(slots["screening_question"]).split(":")[1])
    denied = frozenset(Flag(k) for k in keys if k in {f.value for f in group.items})
    after = dataclasses.replace(case, answered=case.answered | denied)
    return {**_slots_of(slots, after), "screening_question": NEXT}


@dataclass(frozen=True)
class Picked:
    """The answer to a "which of these?" follow-up (bot.language.choices.Choice's fields)."""

    chosen: frozenset[str] = frozenset()
    unsure: frozenset[str] = frozenset()
    not_sure_which: bool = False
    none_after_all: bool = False


def record_which(slots: Mapping[str, Any], picked: Picked) -> dict[str, Any]:
    """Slot updates after the follow-up (A2): tapped items take the group's answer, untapped ones
    are "no"; then A5's clarifying question if one applies."""
    asked = next_ask(slots)
    assert asked.kind == "which" and asked.group is not None
    group, reply = asked.group, GroupAnswer(str(slots["screening_question"]).split(":")[2])
    before = _case(slots)
    listed = {f.value for f in asked.items}
    chosen = frozenset(Flag(k) for k in picked.chosen if k in listed)
    unsure = frozenset(Flag(k) for k in picked.unsure if k in listed) - chosen
    after = apply_group_answer(
        before,
        group,
        reply,
        chosen | unsure,
        not_sure_which=picked.not_sure_which,
        none_after_all=picked.none_after_all and not chosen and not unsure,
    )
    if unsure and reply is GroupAnswer.YES:
        after = dataclasses.replace(
            after, red_flags=after.red_flags - unsure, unsure=after.unsure | unsure
        )
    unsure_now = after.unsure - before.unsure
    question = clarify(group, unsure_now, before, not_sure_which=picked.not_sure_which)
    nxt = f"clarify:{question.value}" if question else NEXT
    not_sure = picked.not_sure_which or not (chosen or unsure or picked.none_after_all)
    still = (
        conditional_after_not_sure(before, group) if not_sure and group.name != FOLLOW_UP else ()
    )
    if still and not question:
        nxt = _which(follow_up_group(still))  # A7's items, asked as their own question
    return {**_slots_of(slots, after), "screening_question": nxt}


def record_clarifying(slots: Mapping[str, Any], answer: str) -> dict[str, Any]:
    """Slot updates after A5's clarifying question: a clear answer that rules the item out
    clears it (noted in `cleared_unsure` for the summary), the other makes it a yes, and "not
    sure" leaves it counted as present."""
    flag = Flag(str(slots["screening_question"]).split(":")[1])
    result = answer_clarifying(_case(slots), flag, GroupAnswer(answer))
    cleared = list(slots.get("cleared_unsure") or [])
    cleared += [f.value for f in result.was_unsure if f.value not in cleared]
    return {**_slots_of(slots, result.case), "cleared_unsure": cleared, "screening_question": NEXT}
