"""Grouped screening (CLINICAL.md §8): the §1 red-flag questions asked as a few "any of these?"
groups, most urgent first, then the §7 gateways as one more group (B6, N7; §8.2 note "How §7 and
§8 fit together"). Pure: no Rasa, no I/O, no database.

Grouping changes how the questions are asked, never which flags exist or the level each one sets:
levels come from `triage()` (§1C, §7A), and a group lists only what `Case` does not already hold,
as `engine.pending_questions` does one question at a time. Each group is one message (Yes / Not
sure / No, none of these); "yes" or "not sure" gets one "which of these?" follow-up
(`follow_up_items`). Once the groups are done, the follow-ups the engine still wants (the §7
gateways' follow-ups) are asked as follow-up groups of at most five items, each one "which of
these?" message with the same answers (`follow_up_group`, `remaining_questions`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum

from bot.triage.case import Case
from bot.triage.engine import asks_about_pregnancy, questions_to_ask, triage
from bot.triage.flags import CAUDA_EQUINA, TRAUMA, Flag, Region, with_implied
from bot.triage.levels import Level
from bot.triage.rules.spine import FRACTURE_AGE

F = Flag
L1, L2, L3 = Level.CALL_EMERGENCY, Level.EMERGENCY_DEPARTMENT, Level.DOCTOR_TODAY
L4 = Level.DOCTOR_SOON


class GroupAnswer(str, Enum):
    """The three buttons of a group (§8.2 Format); values match `bot.dialogue.state.Answer`."""

    YES = "yes"
    NOT_SURE = "unsure"
    NO = "no"  # "No, none of these"


@dataclass(frozen=True)
class FollowUp:
    """Items added to the follow-up once one of `after` is listed in it or already present
    (§8.2 "Conditional items" column, §8.3 A7 combination check)."""

    after: frozenset[Flag]
    items: tuple[Flag, ...]
    why: str  # the CLINICAL.md wording, for reviewers


@dataclass(frozen=True)
class ScreenGroup:
    """One grouped question of §8.2.1 / §8.2.2.

    `level` is the table's "Most urgent level" (what one item alone can set); `older_only` items
    are shown only at `FRACTURE_AGE` or over, or when the age is unknown (B5's smaller fall);
    `pregnancy_age_only` items only to people aged 12 to 55 or of unknown age (B6/N7's pregnancy).
    """

    name: str
    level: Level
    items: tuple[Flag, ...]
    response: str
    conditional: tuple[FollowUp, ...] = ()
    older_only: frozenset[Flag] = frozenset()
    pregnancy_age_only: frozenset[Flag] = frozenset()


_AFTER_INJURY = FollowUp(TRAUMA, (F.LIMB_NUMBNESS, F.BRUISING), "After an injury (A7: to L1)")
# A7 "After a CES item": unable_to_walk (to L1) and major_trauma if not yet asked.
_AFTER_CES = FollowUp(CAUDA_EQUINA, (F.UNABLE_TO_WALK, F.MAJOR_TRAUMA), "After a CES item (A7)")

_PREGNANCY = frozenset({F.POSSIBLE_PREGNANCY})
# §8.2 note "How §7 and §8 fit together": the §7 gateways as one more group after the §8 groups,
# in the note's order. Its most urgent level alone is L4 (G1, G2, G4; a possible pregnancy alone
# is self-care with a safety net); the follow-ups come after it as follow-up groups.
_SECTION_7_BACK = ScreenGroup(
    "B6",
    L4,
    (F.ABDOMINAL_OR_FLANK_PAIN, F.URINARY_SYMPTOMS, F.POSSIBLE_PREGNANCY, F.ONE_SIDED_BAND_PAIN),
    "utter_screen_group_b6",
    pregnancy_age_only=_PREGNANCY,
)
_SECTION_7_NECK = ScreenGroup(
    "N7",
    L4,
    (F.POSSIBLE_PREGNANCY, F.ONE_SIDED_BAND_PAIN),
    "utter_screen_group_n7",
    pregnancy_age_only=_PREGNANCY,
)

# §8.2.1 Back (upper, mid, lower, unspecified, tailbone): 5 groups, items in the table's order,
# and B6 (§7).
BACK_GROUPS: tuple[ScreenGroup, ...] = (
    ScreenGroup(
        "B1",
        L1,
        (F.CHEST_PAIN, F.TEARING_PAIN, F.FAINTING, F.AORTIC_ANEURYSM),
        "utter_screen_group_b1",
    ),
    ScreenGroup(
        "B2",
        L2,  # L1 if the person cannot walk or get to hospital
        (
            F.SADDLE_NUMBNESS,
            F.BLADDER_DYSFUNCTION,
            F.BOWEL_DYSFUNCTION,
            F.SEXUAL_DYSFUNCTION,
            F.BILATERAL_LEG_SYMPTOMS,
        ),
        "utter_screen_group_b2",
        (_AFTER_CES,),
    ),
    ScreenGroup(
        "B3",
        L2,  # L1 for an injury plus nerve signs
        (F.PROGRESSIVE_WEAKNESS, F.GAIT_DISTURBANCE, F.FOOT_DROP, F.MAJOR_TRAUMA),
        "utter_screen_group_b3",
        (
            _AFTER_INJURY,
            FollowUp(
                frozenset({F.FOOT_DROP}),
                (F.CANCER_HISTORY, F.FEVER),
                "After foot_drop alone (A7: L3 nerve sign, to L2)",
            ),
        ),
    ),
    ScreenGroup(
        "B4",
        L3,  # L2 with nerve signs or feeling very unwell
        (F.FEVER, F.CANCER_HISTORY, F.IMMUNOSUPPRESSION, F.IV_DRUG_USE),
        "utter_screen_group_b4",
        (
            FollowUp(
                frozenset({F.FEVER}),
                (F.CONFUSION_OR_RASH, F.SEIZURE, F.MENINGISM, F.VERY_UNWELL),
                "After a back fever: very_unwell (A7: to L2); NS-8 adds a fit and confusion or a "
                "rash (to L1) and the stiff neck (to L2) in the back flow",
            ),
        ),
    ),
    ScreenGroup(
        "B5",
        L3,  # "L3-L4": the most urgent end
        (F.OSTEOPOROSIS_OR_STEROIDS, F.WEIGHT_LOSS, F.NIGHT_PAIN, F.MINOR_TRAUMA),
        "utter_screen_group_b5",
        (
            FollowUp(
                frozenset({F.OSTEOPOROSIS_OR_STEROIDS}),
                (F.MINOR_TRAUMA,),
                "Under 65, after osteoporosis_or_steroids",
            ),
        ),
        older_only=frozenset({F.MINOR_TRAUMA}),
    ),
    _SECTION_7_BACK,
)

# §8.2.2 Neck: 6 groups, and N7 (§7).
NECK_GROUPS: tuple[ScreenGroup, ...] = (
    ScreenGroup(
        "N1",
        L1,
        (F.CHEST_PAIN, F.STROKE_SYMPTOMS, F.TEARING_PAIN, F.FAINTING),
        "utter_screen_group_n1",
    ),
    ScreenGroup(
        "N2",
        L2,  # L1 for an injury plus nerve signs
        (F.MAJOR_TRAUMA, F.MINOR_TRAUMA, F.SUDDEN_SEVERE_HEADACHE),
        "utter_screen_group_n2",
        (_AFTER_INJURY,),
    ),
    ScreenGroup(
        "N3",
        L2,  # L1 for a fever plus confusion or rash
        (
            F.FEVER,
            F.MENINGISM,
            F.PROGRESSIVE_WEAKNESS,
            F.BLADDER_DYSFUNCTION,
            F.BOWEL_DYSFUNCTION,
        ),
        "utter_screen_group_n3",
        (
            FollowUp(
                frozenset({F.FEVER, F.MENINGISM}),
                (F.CONFUSION_OR_RASH,),
                "After a neck fever or meningism (A7: to L1)",
            ),
            FollowUp(frozenset({F.FEVER}), (F.SEIZURE,), "After a neck fever: a fit (NS-8: to L1)"),
            # Not in the N3 table, but A7 says "after a CES item" and the rules read neck
            # bladder or bowel trouble as a CES item (CES + unable_to_walk is L1): safer to ask.
            _AFTER_CES,
        ),
    ),
    ScreenGroup(
        "N4",
        L3,
        (F.HAND_CLUMSINESS, F.BOTH_HANDS_NUMB, F.LHERMITTE, F.GAIT_DISTURBANCE),
        "utter_screen_group_n4",
        (
            FollowUp(
                frozenset({F.HAND_CLUMSINESS, F.BOTH_HANDS_NUMB, F.LHERMITTE, F.GAIT_DISTURBANCE}),
                (F.CANCER_HISTORY, F.FEVER),
                "After an L3 nerve sign: cancer_history, fever if not yet asked (A7: to L2)",
            ),
        ),
    ),
    ScreenGroup(
        "N5",
        L3,  # L2 with nerve signs
        (F.CANCER_HISTORY, F.IMMUNOSUPPRESSION, F.IV_DRUG_USE),
        "utter_screen_group_n5",  # may share B4's wording
    ),
    ScreenGroup(
        "N6",
        L3,  # "L3-L4": the most urgent end
        (F.OSTEOPOROSIS_OR_STEROIDS, F.WEIGHT_LOSS, F.NIGHT_PAIN),
        "utter_screen_group_n6",  # may share B5's wording
    ),
    _SECTION_7_NECK,
)


def groups_for(region: Region) -> tuple[ScreenGroup, ...]:
    """The groups for a body region, most urgent first (§8.2)."""
    return NECK_GROUPS if region.is_neck else BACK_GROUPS


@dataclass(frozen=True)
class GroupPrompt:
    """A group to ask now, with the items to list (A9: known items removed)."""

    group: ScreenGroup
    items: tuple[Flag, ...]

    @property
    def response(self) -> str:
        """The domain response that asks this group (`utter_screen_group_<name>`)."""
        return self.group.response


def _known(case: Case) -> frozenset[Flag]:
    """Everything already reported, denied or marked not sure: never asked again (A9). A sign
    the person mentioned also answers its gateway (`flags.IMPLIES`, §8.2 note)."""
    return case.answered | with_implied(case.red_flags | case.unsure)


def _open_items(case: Case, group: ScreenGroup) -> tuple[Flag, ...]:
    young = case.age is not None and case.age < FRACTURE_AGE
    pregnancy = asks_about_pregnancy(case.age)
    known = _known(case)
    return tuple(
        item
        for item in group.items
        if item not in known
        and not (young and item in group.older_only)
        and not (not pregnancy and item in group.pregnancy_age_only)
    )


def next_group(case: Case) -> GroupPrompt | None:
    """The first group, in order, with items still to ask; None when screening is complete.

    A group with nothing left is skipped (A9). Stopping at an urgent level (A3: L1-L3 end
    screening) is the dialogue's check of `triage(case).interrupt`, as in one-by-one mode.
    """
    if case.screening_complete:
        return None
    for group in groups_for(case.region):
        items = _open_items(case, group)
        if items:
            return GroupPrompt(group, items)
    return None


def remaining_questions(case: Case) -> tuple[Flag, ...]:
    """Questions the engine still wants once no group is left, in its order
    (`engine.questions_to_ask`): the §7 gateways' follow-ups, the NG65 inflammatory question
    for chronic back pain, or a follow-up a skipped group did not ask. After an urgent answer
    (L1-L3 end screening, A3), only the follow-ups that could still change the level, a group's
    item among them (the pregnancy item of B6/N7 after one-sided low tummy pain, NS-3)."""
    urgent = triage(replace(case, screening_complete=True)).interrupt
    if not urgent and next_group(case):
        return ()
    return questions_to_ask(case)


# A follow-up group lists at most this many items (§8.2 Limits), and these are asked on their
# own: the NG65 question is not a warning sign (§8.2.1).
FOLLOW_UP_GROUP_SIZE = 5
SINGLE_ONLY = frozenset({F.INFLAMMATORY_PATTERN})
FOLLOW_UP = "F"  # the name of a follow-up group in the dialogue's stage (`which:F:yes:<items>`)


def follow_up_group(items: Iterable[Flag]) -> ScreenGroup:
    """A follow-up group: the listed items asked as one "which of these?" message (A2's answers:
    tapped items yes, untapped no, "not sure which", "none of these").

    Not an L1 group: it is asked without a group question, so A4's call-now line never comes
    first; an L1 item tapped in it sets L1 through triage() like any other answer.
    """
    return ScreenGroup(FOLLOW_UP, L4, tuple(items), "utter_screen_follow_up")


def next_follow_up_group(case: Case) -> ScreenGroup | None:
    """The next follow-up group once the groups are done: the engine's next remaining questions,
    up to `FOLLOW_UP_GROUP_SIZE`, in its order (a gateway's follow-ups come together, most urgent
    first); None when the next question is asked on its own (`SINGLE_ONLY`) or none is left."""
    items: list[Flag] = []
    for question in remaining_questions(case):
        if question in SINGLE_ONLY or len(items) == FOLLOW_UP_GROUP_SIZE:
            break
        items.append(question)
    return follow_up_group(items) if items else None


def conditional_items(case: Case, group: ScreenGroup, after: Iterable[Flag]) -> tuple[Flag, ...]:
    """The group's conditional and A7 items called for by `after` or by a flag already present,
    less anything already known (§8.2 conditional column, A7 "if not yet asked")."""
    triggers = set(after) | case.red_flags | case.unsure
    known, listed = _known(case), set(_open_items(case, group))
    items: list[Flag] = []
    for follow_up in group.conditional:
        if follow_up.after & triggers:
            items += [i for i in follow_up.items if i not in known | listed and i not in items]
    return tuple(items)


def follow_up_items(
    case: Case, group: ScreenGroup, answer: GroupAnswer = GroupAnswer.YES
) -> tuple[Flag, ...]:
    """The "which of these?" list after the group was answered yes or not sure (A2, A7).

    The group's still-open items, then every conditional item whose trigger is among them or
    already present, all in one message (§8.5: at most one follow-up). "No, none of these" has
    no follow-up (A1). Each conditional item is labelled with its condition in the domain.
    """
    if answer is GroupAnswer.NO:
        return ()
    listed = _open_items(case, group)
    return listed + conditional_items(case, group, listed)


def apply_group_answer(
    case: Case,
    group: ScreenGroup,
    answer: GroupAnswer,
    chosen: Iterable[Flag] = frozenset(),
    *,
    not_sure_which: bool = False,
    none_after_all: bool = False,
) -> Case:
    """Record a group's answer and its follow-up (A1, A2; levels then follow from A3 via triage).

    - No, none of these (A1): every listed item is "no".
    - Yes / Not sure (A2): `chosen` items take the group answer; the group's untapped items are
      "no", and so is an untapped conditional item whose condition holds (its trigger tapped or
      already present). A conditional item whose condition does not hold stays unasked: a "no"
      is never inferred (A9). `not_sure_which` marks every listed item of the group itself "not
      sure" and leaves its conditional items unasked (`conditional_after_not_sure`);
      `none_after_all` clears the group's items. Contradictory inputs take the more urgent
      reading (not sure which, then the tapped items), and "yes" with nothing tapped counts as
      "not sure which".
    """
    if answer is GroupAnswer.NO:
        return replace(case, answered=case.answered | frozenset(_open_items(case, group)))
    listed = follow_up_items(case, group, answer)
    tapped = frozenset(chosen)
    not_sure_all = not_sure_which or not (tapped or none_after_all)
    if not_sure_all:
        # The group's own items: a conditional item (A7) is a different question, not one the
        # person was unsure about, so it is asked next (`conditional_after_not_sure`), neither
        # counted present nor denied (a trial got "call 911" for a serious accident never
        # mentioned).
        answer = GroupAnswer.NOT_SURE
        tapped = frozenset(listed) & frozenset(_open_items(case, group))
    # Only what the follow-up showed can be denied (A9: a "no" is never inferred).
    shown = set(listed)
    denied = (
        frozenset()
        if not_sure_all
        else (shown & {*_open_items(case, group), *conditional_items(case, group, tapped)}) - tapped
    )
    yes = tapped if answer is GroupAnswer.YES else frozenset()
    unsure = tapped - case.red_flags if answer is GroupAnswer.NOT_SURE else frozenset()
    return replace(
        case,
        red_flags=case.red_flags | yes,
        unsure=case.unsure | unsure,
        answered=case.answered | tapped | denied,
    )


def conditional_after_not_sure(case: Case, group: ScreenGroup) -> tuple[Flag, ...]:
    """After "not sure which": the conditional (A7) items the follow-up listed that are still
    unasked, to ask next as a follow-up group of their own (at most `FOLLOW_UP_GROUP_SIZE`)."""
    own = set(group.items)
    known = _known(case)
    items = [f for f in follow_up_items(case, group, GroupAnswer.NOT_SURE) if f not in own]
    return tuple(f for f in items if f not in known)[:FOLLOW_UP_GROUP_SIZE]


# ---- A4 / A5: L1 groups, "not sure", and the one clarifying question ---------------------------

# A5: act at once, no clarifying question (with the flags that must also be present; empty = alone).
ACT_AT_ONCE: Mapping[Flag, frozenset[Flag]] = {
    F.CHEST_PAIN: frozenset(),  # AHA/ACC 2021: "immediately by calling 9-1-1"
    F.STROKE_SYMPTOMS: frozenset(),  # Act FAST: "Even if you are not sure ... make the call"
    F.FAINTING: frozenset(),  # BNSSG AAA pathway: "If in any doubt then 999 should be called"
    F.CONFUSION_OR_RASH: frozenset({F.FEVER}),  # NHS meningitis: "do not wait"
}


@dataclass(frozen=True)
class ClarifyingQuestion:
    """A5's one clarifying question for an unsure item that would set L1.

    `clears_on` is the reply to the question (as worded in the domain) that clears the item:
    "no" to "Did it start within seconds or minutes ...?", "yes" to "Could you get to a hospital
    today?". `with_any` must hold for the question to apply (empty: always).
    """

    flag: Flag
    response: str
    clears_on: GroupAnswer
    with_any: frozenset[Flag] = frozenset()


CLARIFYING: Mapping[Flag, ClarifyingQuestion] = {
    q.flag: q
    for q in (
        # "Did it start within seconds or minutes, and is it the worst pain you have ever had?"
        ClarifyingQuestion(F.TEARING_PAIN, "utter_clarify_tearing_pain", GroupAnswer.NO),
        # "Has a doctor told you the main artery in your tummy is swollen?"
        ClarifyingQuestion(F.AORTIC_ANEURYSM, "utter_clarify_aortic_aneurysm", GroupAnswer.NO),
        # "Since the injury, can you move and feel both arms and legs normally?"
        ClarifyingQuestion(F.LIMB_NUMBNESS, "utter_clarify_limb_numbness", GroupAnswer.YES, TRAUMA),
        # "Could you get to a hospital today?"
        ClarifyingQuestion(
            F.UNABLE_TO_WALK, "utter_clarify_unable_to_walk", GroupAnswer.YES, CAUDA_EQUINA
        ),
    )
}


def instruction_first(group: ScreenGroup, answer: GroupAnswer) -> bool:
    """A4: an L1 group answered "yes" gives the L1 instruction before asking which item."""
    return group.level is L1 and answer is GroupAnswer.YES


def clarify(
    group: ScreenGroup,
    chosen_unsure: Iterable[Flag],
    case: Case,
    *,
    not_sure_which: bool = False,
) -> Flag | None:
    """A5: the one item to ask a clarifying question about, or None to act on the level now.

    None when nothing unsure would set L1 (A6: a CES "not sure" is simply L2), when the person
    chose "not sure which", when an act-at-once item is unsure, or when L1 stands without the
    item anyway. More than one clarifiable item also means act at once (at most one question).
    `case` is the case before the follow-up was recorded.
    """
    unsure = frozenset(follow_up_items(case, group) if not_sure_which else chosen_unsure)
    after = replace(case, unsure=case.unsure | unsure)
    if triage(after).level is not L1 or not_sure_which:
        return None
    context = after.red_flags | after.unsure
    if any(
        flag in unsure and (not needs or needs & context) for flag, needs in ACT_AT_ONCE.items()
    ):
        return None
    candidates = [
        flag
        for flag, q in CLARIFYING.items()
        if flag in unsure and (not q.with_any or q.with_any & context)
    ]
    if len(candidates) != 1:
        return None
    without = replace(after, unsure=after.unsure - {candidates[0]})
    return None if triage(without).level is L1 else candidates[0]


@dataclass(frozen=True)
class Clarified:
    """The case after a clarifying answer; `was_unsure` holds an item cleared by a clear "no",
    which the outcome summary lists as "not sure" (A5, A10)."""

    case: Case
    was_unsure: frozenset[Flag] = frozenset()


def answer_clarifying(case: Case, flag: Flag, reply: GroupAnswer) -> Clarified:
    """A5: a clear answer that rules the item out clears it (recorded as was unsure); the other
    clear answer makes it a yes; "not sure" leaves it unsure, so it still counts (A3)."""
    if reply is GroupAnswer.NOT_SURE:
        return Clarified(case)
    rest = replace(case, unsure=case.unsure - {flag}, answered=case.answered | {flag})
    if reply is CLARIFYING[flag].clears_on:
        return Clarified(replace(rest, red_flags=rest.red_flags - {flag}), frozenset({flag}))
    return Clarified(replace(rest, red_flags=rest.red_flags | {flag}))


# ---- §8.5 targets ----------------------------------------------------------------------------


def questions_when_all_none(
    region: Region, *, duration_days: int | None = None, age: int | None = None
) -> int:
    """How many screening messages a person with no warning signs answers: every group "none",
    then any single question the engine still wants (§8.2 note: back 6, +1 NG65 if chronic;
    neck 7). `duration_days` is in days, `age` in years."""
    case = Case(region, duration_days=duration_days, age=age)
    count = 0
    while prompt := next_group(case):
        case = apply_group_answer(case, prompt.group, GroupAnswer.NO)
        count += 1
    while follow_up := next_follow_up_group(case):
        case = apply_group_answer(case, follow_up, GroupAnswer.NO)
        count += 1
    return count + len(remaining_questions(case))
