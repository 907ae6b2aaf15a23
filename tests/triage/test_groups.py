"""Grouped screening (CLINICAL.md §8), walked group by group the way a clinician reads §8.2-§8.5:
"none" clears a group, "yes" and "not sure" to each item give the level triage() sets and the
follow-up items, the A5 "not sure" rules, the A7 combination check, A9 and the §8.5 counts; then
the §7 group (B6, N7; §8.2 note) and the follow-up groups of its gateways."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pytest

from bot.triage import Case, Flag, Level, Region, base_screen, pending_questions, triage
from bot.triage.groups import (
    ACT_AT_ONCE,
    BACK_GROUPS,
    CLARIFYING,
    FOLLOW_UP_GROUP_SIZE,
    NECK_GROUPS,
    GroupAnswer,
    ScreenGroup,
    answer_clarifying,
    apply_group_answer,
    clarify,
    conditional_after_not_sure,
    conditional_items,
    follow_up_items,
    groups_for,
    instruction_first,
    next_follow_up_group,
    next_group,
    questions_when_all_none,
    remaining_questions,
)

F = Flag
L1, L2, L3 = Level.CALL_EMERGENCY, Level.EMERGENCY_DEPARTMENT, Level.DOCTOR_TODAY
L4, L6 = Level.DOCTOR_SOON, Level.SELF_CARE
YES, NOT_SURE, NO = GroupAnswer.YES, GroupAnswer.NOT_SURE, GroupAnswer.NO
BACK, NECK = Region.LOWER_BACK, Region.NECK


def at(
    name: str,
    age: int | None = 40,
    days: int | None = 10,
    *,
    red_flags: Iterable[Flag] = (),
    unsure: Iterable[Flag] = (),
    answered: Iterable[Flag] = (),
) -> Case:
    """A person of `age` with pain for `days`, who answered every group before `name` "none"."""
    region = NECK if name.startswith("N") else BACK
    case = Case(
        region,
        age=age,
        duration_days=days,
        red_flags=frozenset(red_flags),
        unsure=frozenset(unsure),
        answered=frozenset(answered),
    )
    while (prompt := next_group(case)) and prompt.group.name != name:
        case = apply_group_answer(case, prompt.group, NO)
    assert prompt is not None, f"{name} is never asked"
    return case


def group(name: str) -> ScreenGroup:
    return next(g for g in BACK_GROUPS + NECK_GROUPS if g.name == name)


def answer(
    name: str, reply: GroupAnswer, chosen: Iterable[Flag] = (), age: int | None = 40, **kw: bool
) -> Case:
    return apply_group_answer(at(name, age), group(name), reply, frozenset(chosen), **kw)


def finish(case: Case) -> Case:
    """Every later group and follow-up group answered "none": the level once screening ends."""
    while prompt := next_group(case):
        case = apply_group_answer(case, prompt.group, NO)
    while follow_up := next_follow_up_group(case):
        case = apply_group_answer(case, follow_up, NO)
    return case


# ---- §8.2: the groups as data ---------------------------------------------------------------

GROUPS = [
    ("B1", L1, (F.CHEST_PAIN, F.TEARING_PAIN, F.FAINTING, F.AORTIC_ANEURYSM)),
    (
        "B2",
        L2,
        (
            F.SADDLE_NUMBNESS,
            F.BLADDER_DYSFUNCTION,
            F.BOWEL_DYSFUNCTION,
            F.SEXUAL_DYSFUNCTION,
            F.BILATERAL_LEG_SYMPTOMS,
        ),
    ),
    ("B3", L2, (F.PROGRESSIVE_WEAKNESS, F.GAIT_DISTURBANCE, F.FOOT_DROP, F.MAJOR_TRAUMA)),
    ("B4", L3, (F.FEVER, F.CANCER_HISTORY, F.IMMUNOSUPPRESSION, F.IV_DRUG_USE)),
    ("B5", L3, (F.OSTEOPOROSIS_OR_STEROIDS, F.WEIGHT_LOSS, F.NIGHT_PAIN, F.MINOR_TRAUMA)),
    ("N1", L1, (F.CHEST_PAIN, F.STROKE_SYMPTOMS, F.TEARING_PAIN, F.FAINTING)),
    ("N2", L2, (F.MAJOR_TRAUMA, F.MINOR_TRAUMA, F.SUDDEN_SEVERE_HEADACHE)),
    (
        "N3",
        L2,
        (
            F.FEVER,
            F.MENINGISM,
            F.PROGRESSIVE_WEAKNESS,
            F.BLADDER_DYSFUNCTION,
            F.BOWEL_DYSFUNCTION,
        ),
    ),
    ("N4", L3, (F.HAND_CLUMSINESS, F.BOTH_HANDS_NUMB, F.LHERMITTE, F.GAIT_DISTURBANCE)),
    ("N5", L3, (F.CANCER_HISTORY, F.IMMUNOSUPPRESSION, F.IV_DRUG_USE)),
    ("N6", L3, (F.OSTEOPOROSIS_OR_STEROIDS, F.WEIGHT_LOSS, F.NIGHT_PAIN)),
    (
        "B6",
        L4,
        (
            F.ABDOMINAL_OR_FLANK_PAIN,
            F.URINARY_SYMPTOMS,
            F.POSSIBLE_PREGNANCY,
            F.ONE_SIDED_BAND_PAIN,
        ),
    ),
    ("N7", L4, (F.POSSIBLE_PREGNANCY, F.ONE_SIDED_BAND_PAIN)),
]


@pytest.mark.parametrize(("name", "level", "items"), GROUPS)
def test_each_group_holds_the_table_items_in_order(
    name: str, level: Level, items: tuple[Flag, ...]
) -> None:
    g = group(name)
    assert (g.level, g.items, g.response) == (level, items, f"utter_screen_group_{name.lower()}")
    assert len(g.items) <= 5  # §8.2 Limits


def test_groups_come_in_table_order_per_region() -> None:
    assert [g.name for g in groups_for(BACK)] == ["B1", "B2", "B3", "B4", "B5", "B6"]
    assert [g.name for g in groups_for(NECK)] == ["N1", "N2", "N3", "N4", "N5", "N6", "N7"]
    for region in (Region.UPPER_BACK, Region.MID_BACK, Region.BACK, Region.TAILBONE):
        assert groups_for(region) == BACK_GROUPS


@pytest.mark.parametrize("region", [BACK, NECK])
def test_groups_ask_every_one_by_one_question_and_nothing_is_lost(region: Region) -> None:
    asked = [item for g in groups_for(region) for item in g.items]
    assert len(asked) == len(set(asked))
    assert set(asked) == set(base_screen(region)) | {F.MINOR_TRAUMA}


@pytest.mark.parametrize("g", BACK_GROUPS + NECK_GROUPS, ids=lambda g: g.name)
def test_group_level_is_the_most_urgent_level_one_item_can_set(g: ScreenGroup) -> None:
    before = at(g.name)  # every earlier group answered none (the chest pain question among them)

    def alone(flag: Flag) -> Level:
        case = replace(before, red_flags=frozenset({flag}), screening_complete=True)
        return triage(case).level

    assert min((alone(item) for item in g.items), key=lambda lv: lv.rank) is g.level
    if g.level is L1:  # A4: instruction first is right only if every item alone is L1
        assert all(alone(item) is L1 for item in g.items)


def test_smaller_fall_sits_in_b5_only_at_65_or_over_or_age_unknown() -> None:
    assert F.MINOR_TRAUMA not in next_group(at("B5", age=64)).items  # type: ignore[union-attr]
    assert F.MINOR_TRAUMA in next_group(at("B5", age=65)).items  # type: ignore[union-attr]
    assert F.MINOR_TRAUMA in next_group(at("B5", age=None)).items  # type: ignore[union-attr]


# ---- A1: "No, none of these" clears the group and the next group comes -----------------------


@pytest.mark.parametrize("age", [70, 40, None])
@pytest.mark.parametrize("region", [BACK, NECK])
def test_none_clears_every_listed_item_as_no_and_the_next_group_comes(
    region: Region, age: int | None
) -> None:
    groups = groups_for(region)
    case = Case(region, age=age, duration_days=10)
    for i, g in enumerate(groups):
        prompt = next_group(case)
        assert prompt is not None and prompt.group is g
        assert follow_up_items(case, g, NO) == ()  # A1: no follow-up
        case = apply_group_answer(case, g, NO)
        assert set(prompt.items) <= case.answered
        assert not case.red_flags and not case.unsure
        following = next_group(case)
        assert (following.group if following else None) is (
            groups[i + 1] if i + 1 < len(groups) else None
        )
    assert pending_questions(case) == ()
    assert triage(case).screening_complete


# ---- Yes / Not sure -> each item: the level triage() gives, and the follow-up ----------------

# (group, item, level of a "yes" to that item alone, the conditional / A7 items it adds)
ITEMS = [
    ("B1", F.CHEST_PAIN, L1, ()),
    ("B1", F.TEARING_PAIN, L1, ()),
    ("B1", F.FAINTING, L1, ()),
    ("B1", F.AORTIC_ANEURYSM, L1, ()),
    ("B2", F.SADDLE_NUMBNESS, L2, (F.UNABLE_TO_WALK, F.MAJOR_TRAUMA)),
    ("B2", F.BLADDER_DYSFUNCTION, L2, (F.UNABLE_TO_WALK, F.MAJOR_TRAUMA)),
    ("B2", F.BOWEL_DYSFUNCTION, L2, (F.UNABLE_TO_WALK, F.MAJOR_TRAUMA)),
    ("B2", F.SEXUAL_DYSFUNCTION, L2, (F.UNABLE_TO_WALK, F.MAJOR_TRAUMA)),
    ("B2", F.BILATERAL_LEG_SYMPTOMS, L2, (F.UNABLE_TO_WALK, F.MAJOR_TRAUMA)),
    ("B3", F.PROGRESSIVE_WEAKNESS, L2, ()),
    ("B3", F.GAIT_DISTURBANCE, L2, ()),
    ("B3", F.FOOT_DROP, L3, (F.CANCER_HISTORY, F.FEVER)),
    ("B3", F.MAJOR_TRAUMA, L2, (F.LIMB_NUMBNESS, F.BRUISING)),
    ("B4", F.FEVER, L3, (F.CONFUSION_OR_RASH, F.SEIZURE, F.MENINGISM, F.VERY_UNWELL)),
    ("B4", F.CANCER_HISTORY, L3, ()),
    ("B4", F.IMMUNOSUPPRESSION, L3, ()),
    ("B4", F.IV_DRUG_USE, L3, ()),
    ("B5", F.OSTEOPOROSIS_OR_STEROIDS, L3, (F.MINOR_TRAUMA,)),  # under 65
    ("B5", F.WEIGHT_LOSS, L4, ()),
    ("B5", F.NIGHT_PAIN, L4, ()),
    ("N1", F.CHEST_PAIN, L1, ()),
    ("N1", F.STROKE_SYMPTOMS, L1, ()),
    ("N1", F.TEARING_PAIN, L1, ()),
    ("N1", F.FAINTING, L1, ()),
    ("N2", F.MAJOR_TRAUMA, L2, (F.LIMB_NUMBNESS, F.BRUISING)),
    ("N2", F.MINOR_TRAUMA, L3, (F.LIMB_NUMBNESS, F.BRUISING)),  # L2 at 65 or over
    ("N2", F.SUDDEN_SEVERE_HEADACHE, L2, ()),
    ("N3", F.FEVER, L2, (F.CONFUSION_OR_RASH, F.SEIZURE)),
    ("N3", F.MENINGISM, L2, (F.CONFUSION_OR_RASH,)),
    ("N3", F.PROGRESSIVE_WEAKNESS, L2, ()),
    ("N3", F.BLADDER_DYSFUNCTION, L2, (F.UNABLE_TO_WALK,)),  # major_trauma was asked in N2
    ("N3", F.BOWEL_DYSFUNCTION, L2, (F.UNABLE_TO_WALK,)),
    ("N4", F.HAND_CLUMSINESS, L3, (F.CANCER_HISTORY,)),  # fever was asked in N3
    ("N4", F.BOTH_HANDS_NUMB, L3, (F.CANCER_HISTORY,)),
    ("N4", F.LHERMITTE, L3, (F.CANCER_HISTORY,)),
    ("N4", F.GAIT_DISTURBANCE, L3, (F.CANCER_HISTORY,)),
    ("N5", F.CANCER_HISTORY, L3, ()),
    ("N5", F.IMMUNOSUPPRESSION, L3, ()),
    ("N5", F.IV_DRUG_USE, L3, ()),
    ("N6", F.OSTEOPOROSIS_OR_STEROIDS, L3, ()),
    ("N6", F.WEIGHT_LOSS, L4, ()),
    ("N6", F.NIGHT_PAIN, L4, ()),
    # §7 (B6, N7): a gateway alone, its follow-ups all "none" (a possible pregnancy alone is
    # self-care with the pregnancy safety net; a band of pain with chest pain denied is L4).
    ("B6", F.ABDOMINAL_OR_FLANK_PAIN, L4, ()),
    ("B6", F.URINARY_SYMPTOMS, L4, ()),
    ("B6", F.POSSIBLE_PREGNANCY, L6, ()),
    ("B6", F.ONE_SIDED_BAND_PAIN, L4, ()),
    ("N7", F.POSSIBLE_PREGNANCY, L6, ()),
    ("N7", F.ONE_SIDED_BAND_PAIN, L4, ()),
]
ITEM_IDS = [f"{name}-{item.value}" for name, item, _, _ in ITEMS]


@pytest.mark.parametrize(("name", "item", "level", "extra"), ITEMS, ids=ITEM_IDS)
def test_yes_to_one_item(name: str, item: Flag, level: Level, extra: tuple[Flag, ...]) -> None:
    case, g = at(name), group(name)
    assert conditional_items(case, g, {item}) == extra
    listed = follow_up_items(case, g, YES)
    assert item in listed and set(extra) <= set(listed)
    after = apply_group_answer(case, g, YES, {item})
    assert triage(finish(after)).level is level
    assert after.red_flags == {item} and not after.unsure
    assert set(extra) <= after.answered - after.red_flags  # shown with their trigger: "no"


# A5: the L1 items that get one clarifying question instead of acting at once.
CLARIFIED = {("B1", F.TEARING_PAIN), ("B1", F.AORTIC_ANEURYSM), ("N1", F.TEARING_PAIN)}


@pytest.mark.parametrize(("name", "item", "level", "extra"), ITEMS, ids=ITEM_IDS)
def test_not_sure_to_one_item(name: str, item: Flag, level: Level, extra: tuple[Flag, ...]) -> None:
    case, g = at(name), group(name)
    after = apply_group_answer(case, g, NOT_SURE, {item})
    assert after.unsure == {item} and not after.red_flags
    assert triage(finish(after)).level is level  # A3: "not sure" counts as present
    expected = item if (name, item) in CLARIFIED else None
    assert clarify(g, {item}, case) is expected


@pytest.mark.parametrize(
    ("name", "age", "item", "level"),
    [
        ("N2", 70, F.MINOR_TRAUMA, L2),  # Canadian C-spine rule: 65 or over
        ("B5", 70, F.MINOR_TRAUMA, L3),  # shown in B5 at 65 or over
        ("B5", 70, F.WEIGHT_LOSS, L4),
    ],
)
def test_yes_at_65_or_over(name: str, age: int, item: Flag, level: Level) -> None:
    assert triage(finish(answer(name, YES, {item}, age=age))).level is level


# ---- A2: the follow-up ----------------------------------------------------------------------


def test_untapped_items_are_no_and_tapped_ones_take_the_group_answer() -> None:
    after = answer("B2", YES, {F.BLADDER_DYSFUNCTION})
    assert after.red_flags == {F.BLADDER_DYSFUNCTION}
    denied = {F.SADDLE_NUMBNESS, F.BOWEL_DYSFUNCTION, F.SEXUAL_DYSFUNCTION}
    assert denied | {F.BILATERAL_LEG_SYMPTOMS, F.UNABLE_TO_WALK, F.MAJOR_TRAUMA} <= after.answered


def test_a_conditional_item_is_not_denied_when_its_condition_was_not_tapped() -> None:
    after = answer("B3", YES, {F.GAIT_DISTURBANCE})
    for item in (F.CANCER_HISTORY, F.FEVER, F.LIMB_NUMBNESS, F.BRUISING):
        assert item not in after.answered  # never inferred: asked again later
    prompt = next_group(after)
    assert prompt is not None and prompt.group.name == "B4"
    assert {F.FEVER, F.CANCER_HISTORY} <= set(prompt.items)


def test_not_sure_which_marks_the_groups_own_items_not_sure_and_asks_the_rest_next() -> None:
    case, g = at("B4"), group("B4")
    after = apply_group_answer(case, g, YES, not_sure_which=True)
    assert after.unsure == set(g.items) and not after.red_flags
    # The fever's follow-ups (confusion, a fit, a stiff neck ...) are other questions: neither
    # counted present nor denied, but asked next, before any instruction (A7).
    conditional = conditional_after_not_sure(case, g)
    assert F.CONFUSION_OR_RASH in conditional and F.SEIZURE in conditional
    assert not set(conditional) & (after.unsure | after.answered)
    assert triage(after).level is not L1


def test_not_sure_which_at_the_ces_group_never_invents_an_accident() -> None:
    # A newcomer's trial: "hmm not sure" then "idk" at B2 gave call_emergency with "pain that
    # started after a serious fall" among the reasons.
    case, g = at("B2"), group("B2")
    after = apply_group_answer(case, g, NOT_SURE, not_sure_which=True)
    assert triage(replace(after, screening_complete=True)).level is L2
    assert F.MAJOR_TRAUMA not in after.unsure and F.UNABLE_TO_WALK not in after.unsure
    assert {F.UNABLE_TO_WALK, F.MAJOR_TRAUMA} <= set(conditional_after_not_sure(case, g))


def test_yes_with_nothing_tapped_counts_as_not_sure_which() -> None:
    assert answer("B4", YES) == answer("B4", YES, not_sure_which=True)


def test_none_after_all_clears_the_group_but_not_items_shown_only_on_a_condition() -> None:
    after = answer("B3", YES, none_after_all=True)
    assert set(group("B3").items) <= after.answered
    assert not after.red_flags and not after.unsure
    assert F.FEVER not in after.answered and F.CANCER_HISTORY not in after.answered
    assert next_group(after).group.name == "B4"  # type: ignore[union-attr]


def test_a_tapped_item_wins_over_none_after_all() -> None:
    after = answer("B2", YES, {F.SADDLE_NUMBNESS}, none_after_all=True)
    assert after.red_flags == {F.SADDLE_NUMBNESS}


# ---- A4 / A5: L1 groups and "not sure" ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reply", "first"),
    [
        ("B1", YES, True),
        ("N1", YES, True),
        ("B1", NOT_SURE, False),
        ("N1", NOT_SURE, False),
        ("B2", YES, False),
        ("B3", YES, False),
        ("N3", YES, False),
    ],
)
def test_l1_group_answered_yes_gives_the_instruction_first(
    name: str, reply: GroupAnswer, first: bool
) -> None:
    assert instruction_first(group(name), reply) is first


@pytest.mark.parametrize("name", ["B1", "N1"])
def test_not_sure_which_at_an_l1_group_means_act_at_once(name: str) -> None:
    case, g = at(name), group(name)
    assert clarify(g, (), case, not_sure_which=True) is None
    assert triage(apply_group_answer(case, g, NOT_SURE, not_sure_which=True)).level is L1


# (group, items marked not sure, the one clarifying question or None = act now, level before it)
NOT_SURE_CASES = [
    ("B1", {F.CHEST_PAIN}, None, L1),
    ("B1", {F.FAINTING}, None, L1),
    ("N1", {F.STROKE_SYMPTOMS}, None, L1),
    ("B1", {F.TEARING_PAIN}, F.TEARING_PAIN, L1),
    ("B1", {F.AORTIC_ANEURYSM}, F.AORTIC_ANEURYSM, L1),
    ("B1", {F.TEARING_PAIN, F.AORTIC_ANEURYSM}, None, L1),  # at most one question: act now
    ("B1", {F.TEARING_PAIN, F.CHEST_PAIN}, None, L1),
    ("N3", {F.FEVER, F.CONFUSION_OR_RASH}, None, L1),  # act at once with a fever
    ("N2", {F.MAJOR_TRAUMA, F.LIMB_NUMBNESS}, F.LIMB_NUMBNESS, L1),
    ("N2", {F.MINOR_TRAUMA, F.LIMB_NUMBNESS}, F.LIMB_NUMBNESS, L1),
    ("B3", {F.MAJOR_TRAUMA, F.LIMB_NUMBNESS}, F.LIMB_NUMBNESS, L1),
    ("B3", {F.MAJOR_TRAUMA, F.GAIT_DISTURBANCE}, None, L1),  # L1 without the numbness anyway
    ("B2", {F.BLADDER_DYSFUNCTION, F.UNABLE_TO_WALK}, F.UNABLE_TO_WALK, L1),
    ("B2", {F.SADDLE_NUMBNESS}, None, L2),  # A6: a CES "not sure" is L2, no extra question
    ("N3", {F.MENINGISM}, None, L2),
]


@pytest.mark.parametrize(("name", "unsure", "question", "level"), NOT_SURE_CASES)
def test_a5_act_at_once_or_one_clarifying_question(
    name: str, unsure: set[Flag], question: Flag | None, level: Level
) -> None:
    case = at(name)
    assert clarify(group(name), unsure, case) is question
    assert triage(apply_group_answer(case, group(name), NOT_SURE, unsure)).level is level


# (group, not sure, item asked about, reply to the clarifying question as worded, level after)
CLARIFYING_REPLIES = [
    ("B1", F.TEARING_PAIN, YES, L1),  # "Did it start within seconds ... worst pain ever?"
    ("B1", F.TEARING_PAIN, NOT_SURE, L1),
    ("B1", F.TEARING_PAIN, NO, L3),  # cleared; L3 = screening not finished yet
    ("B1", F.AORTIC_ANEURYSM, YES, L1),  # "Has a doctor told you the main artery ... swollen?"
    ("B1", F.AORTIC_ANEURYSM, NO, L3),
    ("B2", F.UNABLE_TO_WALK, NO, L1),  # "Could you get to a hospital today?"
    ("B2", F.UNABLE_TO_WALK, YES, L2),
    ("N2", F.LIMB_NUMBNESS, NO, L1),  # "Since the injury, can you move and feel ... normally?"
    ("N2", F.LIMB_NUMBNESS, NOT_SURE, L1),
    ("N2", F.LIMB_NUMBNESS, YES, L2),
]
TRIGGER = {"B2": F.BLADDER_DYSFUNCTION, "N2": F.MAJOR_TRAUMA}


@pytest.mark.parametrize(("name", "item", "reply", "level"), CLARIFYING_REPLIES)
def test_the_clarifying_answer(name: str, item: Flag, reply: GroupAnswer, level: Level) -> None:
    unsure = {item} | ({TRIGGER[name]} if name in TRIGGER else set())
    case = answer(name, NOT_SURE, unsure)
    result = answer_clarifying(case, item, reply)
    assert triage(result.case).level is level
    cleared = reply is CLARIFYING[item].clears_on
    assert result.was_unsure == ({item} if cleared else set())  # listed in the summary (A10)
    assert item in result.case.answered
    assert (item in result.case.red_flags) is (not cleared and reply is not NOT_SURE)
    assert (item in result.case.unsure) is (reply is NOT_SURE)


def test_act_at_once_and_clarifying_lists_do_not_overlap() -> None:
    assert not set(ACT_AT_ONCE) & set(CLARIFYING)


# ---- A7: the combination check inside the follow-up -----------------------------------------

COMBINATIONS = [
    ("B2", {F.SADDLE_NUMBNESS, F.MAJOR_TRAUMA}, L1),  # a CES item and an injury
    ("B2", {F.BLADDER_DYSFUNCTION, F.UNABLE_TO_WALK}, L1),
    ("B3", {F.MAJOR_TRAUMA, F.LIMB_NUMBNESS}, L1),
    ("B3", {F.MAJOR_TRAUMA, F.BRUISING}, L2),
    ("B3", {F.FOOT_DROP, F.CANCER_HISTORY}, L2),
    ("B3", {F.FOOT_DROP, F.FEVER}, L2),
    ("B4", {F.FEVER, F.VERY_UNWELL}, L2),
    ("B5", {F.OSTEOPOROSIS_OR_STEROIDS, F.MINOR_TRAUMA}, L3),
    ("N2", {F.MINOR_TRAUMA, F.LIMB_NUMBNESS}, L1),
    ("N3", {F.FEVER, F.CONFUSION_OR_RASH}, L1),
    ("N3", {F.BLADDER_DYSFUNCTION, F.UNABLE_TO_WALK}, L1),
    ("N4", {F.HAND_CLUMSINESS, F.CANCER_HISTORY}, L2),
]


@pytest.mark.parametrize(("name", "chosen", "level"), COMBINATIONS)
def test_a7_combination_in_the_same_follow_up(name: str, chosen: set[Flag], level: Level) -> None:
    case, g = at(name), group(name)
    assert chosen <= set(follow_up_items(case, g))
    assert triage(apply_group_answer(case, g, YES, chosen)).level is level


def test_a_ces_item_then_an_injury_with_numbness_calls_the_emergency_number() -> None:
    ces = answer("B2", NOT_SURE, {F.SADDLE_NUMBNESS})
    assert triage(ces).level is L2
    # Told later in free text (A8), the injury and the numbness still raise the level.
    told = Case(BACK, age=40, unsure=ces.unsure, answered=ces.answered)
    told = apply_group_answer(told, group("B3"), YES, {F.MAJOR_TRAUMA, F.LIMB_NUMBNESS})
    assert triage(told).level is L1


# ---- A9: already said, not asked again ------------------------------------------------------


def test_a_flag_reported_in_free_text_is_not_listed_again() -> None:
    case = at("B4", red_flags={F.FEVER})
    prompt = next_group(case)
    assert prompt is not None and prompt.group.name == "B4"
    assert F.FEVER not in prompt.items
    assert F.VERY_UNWELL in follow_up_items(case, prompt.group)  # its follow-up still comes


def test_denied_and_not_sure_items_are_not_listed_again() -> None:
    case = at("B2", answered={F.BLADDER_DYSFUNCTION}, unsure={F.BOWEL_DYSFUNCTION})
    items = next_group(case).items  # type: ignore[union-attr]
    assert items == (F.SADDLE_NUMBNESS, F.SEXUAL_DYSFUNCTION, F.BILATERAL_LEG_SYMPTOMS)


def test_a_group_with_nothing_left_is_skipped() -> None:
    case = Case(NECK, answered=frozenset(group("N1").items))
    assert next_group(case).group.name == "N2"  # type: ignore[union-attr]


def test_no_group_once_screening_is_complete() -> None:
    assert next_group(Case(BACK, screening_complete=True)) is None


# ---- §8.5 targets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "days", "age", "questions"),
    [
        # §8.2 note: the §8 groups and one more for §7 (back 6, neck 7)
        (BACK, 10, 40, 6),
        (BACK, 84, 40, 6),
        (BACK, 85, 40, 7),  # + the NG65 inflammatory question after 12 weeks
        (BACK, 10, 70, 6),  # the smaller fall sits inside B5; B6 without the pregnancy item
        (BACK, None, None, 6),
        (Region.UPPER_BACK, 10, 40, 6),
        (Region.TAILBONE, 200, 40, 7),
        (NECK, 10, 40, 7),
        (NECK, 200, 70, 7),
        (NECK, 10, 8, 7),  # N7 still asks about a band of pain
    ],
)
def test_questions_when_every_answer_is_none(
    region: Region, days: int | None, age: int | None, questions: int
) -> None:
    assert questions_when_all_none(region, duration_days=days, age=age) == questions


@pytest.mark.parametrize("region", [BACK, NECK])
def test_all_none_reaches_self_care_with_screening_complete(region: Region) -> None:
    case = Case(region, age=40, duration_days=10, pain_score=3)
    while prompt := next_group(case):
        case = apply_group_answer(case, prompt.group, NO)
    assessment = triage(case)
    assert assessment.screening_complete and assessment.level is L6


# ---- §7 in grouped mode: B6 / N7 and the follow-up groups of the gateways ---------------------


@pytest.mark.parametrize(("age", "shown"), [(11, False), (12, True), (55, True), (56, False),
                                           (None, True)])  # fmt: skip
def test_the_pregnancy_item_is_shown_only_to_those_it_can_apply_to(
    age: int | None, shown: bool
) -> None:
    for name in ("B6", "N7"):
        prompt = next_group(at(name, age=age))
        assert prompt is not None and prompt.group.name == name
        assert (F.POSSIBLE_PREGNANCY in prompt.items) is shown


def test_a_gateway_already_told_is_not_listed_and_its_follow_ups_still_come() -> None:
    case = at("B6", red_flags={F.PAINFUL_URINATION})  # "it burns when I pee"
    prompt = next_group(case)
    assert prompt is not None and F.URINARY_SYMPTOMS not in prompt.items
    after = apply_group_answer(case, prompt.group, NO)
    follow_up = next_follow_up_group(after)
    assert follow_up is not None
    assert follow_up.items[:2] == (F.NO_URINE_TODAY, F.VOMITING_CANNOT_KEEP_FLUIDS)
    assert F.PAINFUL_URINATION not in follow_up.items


def test_n7_with_nothing_left_to_ask_is_skipped() -> None:
    case = at("N6", age=70, red_flags={F.SHINGLES_RASH})  # a rash on one side, told
    case = apply_group_answer(case, group("N6"), NO)
    assert next_group(case) is None  # N7: no pregnancy item at 70, the band is answered
    follow_up = next_follow_up_group(case)
    assert follow_up is not None and F.RASH_NEAR_EYE in follow_up.items


def walk_follow_ups(case: Case, tap: Iterable[Flag] = ()) -> tuple[Case, list[tuple[Flag, ...]]]:
    """Answer every follow-up group, tapping the `tap` items it lists; the groups shown."""
    shown = []
    while follow_up := next_follow_up_group(case):
        assert 0 < len(follow_up.items) <= FOLLOW_UP_GROUP_SIZE  # §8.2 Limits
        assert follow_up.response == "utter_screen_follow_up"
        assert not instruction_first(follow_up, YES)  # asked directly: no call-now line first
        shown.append(follow_up.items)
        chosen = set(tap) & set(follow_up.items)
        reply = YES if chosen else NO
        case = apply_group_answer(case, follow_up, reply, chosen)
    return case, shown


def test_follow_up_groups_ask_a_gateways_follow_ups_five_at_a_time() -> None:
    after = answer("B6", YES, {F.ABDOMINAL_OR_FLANK_PAIN})
    assert triage(after).level is not L6  # not yet complete: never self-care
    case, shown = walk_follow_ups(after)
    assert shown == [
        (
            F.SUDDEN_SEVERE_ABDOMINAL_PAIN,
            F.UPPER_ABDOMINAL_PAIN_TO_BACK,
            F.FLANK_PAIN_TO_GROIN,
            F.VOMITING_CANNOT_KEEP_FLUIDS,
            F.JAUNDICE,
        ),
        (F.COLICKY_CANNOT_SETTLE, F.RIGHT_UPPER_PAIN_TO_SHOULDER_BLADE, F.PAIN_AFTER_EATING),
    ]
    result = triage(case)
    assert result.screening_complete and result.level is L4
    assert next_group(case) is None and remaining_questions(case) == ()


def test_side_to_groin_pain_tapped_brings_only_the_follow_ups_that_could_raise_it() -> None:
    after = answer("B6", YES, {F.ABDOMINAL_OR_FLANK_PAIN})
    case, shown = walk_follow_ups(after, {F.FLANK_PAIN_TO_GROIN})
    assert shown[1] == (F.PAIN_NOT_EASED_BY_PAINKILLERS, F.NO_URINE_TODAY, F.KIDNEY_RISK)
    assert len(shown) == 2 and triage(case).level is L3
    case, _ = walk_follow_ups(after, {F.FLANK_PAIN_TO_GROIN, F.NO_URINE_TODAY})
    assert triage(case).level is L2


@pytest.mark.parametrize(
    ("age", "tapped", "level"),
    [
        (40, {F.FLANK_PAIN_TO_GROIN}, L3),
        (40, {F.FLANK_PAIN_TO_GROIN, F.VOMITING_CANNOT_KEEP_FLUIDS}, L2),
        (60, {F.FLANK_PAIN_TO_GROIN}, L2),  # over 50, previous stones not tapped (a "no")
        (60, {F.FLANK_PAIN_TO_GROIN, F.PREVIOUS_KIDNEY_STONES}, L3),
        (60, {F.FLANK_PAIN_TO_GROIN, F.PREVIOUS_KIDNEY_STONES, F.KIDNEY_RISK}, L2),
    ],
)
def test_side_to_groin_pain_in_grouped_mode(age: int, tapped: set[Flag], level: Level) -> None:
    after = answer("B6", YES, {F.ABDOMINAL_OR_FLANK_PAIN}, age=age)
    case, _ = walk_follow_ups(after, tapped)
    assert triage(case).level is level


@pytest.mark.parametrize(
    ("tapped", "level"),
    [
        (set(), L6),
        ({F.LOWER_ABDOMINAL_PELVIC_PAIN}, L3),
        ({F.LOWER_ABDOMINAL_PELVIC_PAIN, F.ONE_SIDED_LOWER_ABDOMINAL_PAIN}, L2),
        ({F.KNOWN_PREGNANCY}, L6),
        ({F.KNOWN_PREGNANCY, F.REDUCED_FETAL_MOVEMENTS}, L2),
        ({F.VAGINAL_BLEEDING, F.HEAVY_BLEEDING_OR_CLOTS, F.KNOWN_PREGNANCY}, L1),
    ],
)
def test_pregnancy_follow_ups_in_grouped_mode(tapped: set[Flag], level: Level) -> None:
    after = answer("B6", YES, {F.POSSIBLE_PREGNANCY}, age=30)
    case, shown = walk_follow_ups(after, tapped)
    assert shown[0] == (
        F.KNOWN_PREGNANCY,
        F.VAGINAL_BLEEDING,
        F.LOWER_ABDOMINAL_PELVIC_PAIN,
        F.SHOULDER_TIP_PAIN,
    )
    assert triage(case).level is level


def test_not_sure_at_b6_sets_doctor_today_and_asks_only_what_could_raise_it() -> None:
    case = at("B6", age=30)
    after = apply_group_answer(case, group("B6"), NOT_SURE, not_sure_which=True)
    assert after.unsure == set(group("B6").items)
    # Not sure about tummy pain and a change when peeing together: NS-2's L3 already.
    assert triage(replace(after, screening_complete=True)).level is L3
    case, shown = walk_follow_ups(after)
    listed = [item for items in shown for item in items]
    assert len(listed) == len(set(listed))  # a shared follow-up is asked once
    assert {F.SUDDEN_SEVERE_ABDOMINAL_PAIN, F.FLANK_PAIN_TO_GROIN, F.NO_URINE_TODAY} <= set(listed)
    assert F.PAIN_AFTER_EATING not in listed and F.URINARY_FREQUENCY_URGENCY not in listed
    assert triage(case).level is L3 and triage(case).interrupt
    assert remaining_questions(case) == ()  # screening ends with the L3 instruction
