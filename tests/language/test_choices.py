"""Typed and tapped answers to the "Which of these?" follow-up (bot/language/choices.py)."""

from __future__ import annotations

import pytest

from bot.language.choices import SYNONYMS, Choice, named_items, read_choice
from bot.triage.flags import Flag

# B2, the cauda equina group (CLINICAL.md §8.2.1), as listed.
CES = [
    (
        "saddle_numbness",
        "Numb or tingly between your legs or around your bottom, or wiping feels different",
    ),
    ("bladder_dysfunction", "New trouble starting or stopping peeing, leaking, or not feeling it"),
    ("bowel_dysfunction", "New trouble controlling your bowels or wind, or not feeling it"),
    (
        "sexual_dysfunction",
        "New numbness in your genitals, or new erection or ejaculation problems",
    ),
    ("bilateral_leg_symptoms", "Pain, numbness or tingling down both legs"),
]
SADDLE, BLADDER, BOWEL, SEXUAL, LEGS = (key for key, _ in CES)

# B1, the first safety check.
SAFETY = [
    ("chest_pain", "Chest pain, pressure or tightness, or breathless, sweaty or sick"),
    ("tearing_pain", "Sudden, severe pain like something tearing through to your back"),
    ("fainting", "Fainted or nearly fainted, or cold, clammy and faint"),
    ("aortic_aneurysm", "Told you have an aortic aneurysm, or a pulsing lump in your tummy"),
]
CHEST, TEARING, FAINTING, AORTA = (key for key, _ in SAFETY)

NOT_SURE_WHICH = Choice(chosen=frozenset(), not_sure_which=True)
NONE_AFTER_ALL = Choice(chosen=frozenset(), none_after_all=True)


def picked(*keys: str, unsure: tuple[str, ...] = ()) -> Choice:
    return Choice(chosen=frozenset(keys), unsure=frozenset(unsure))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Numbers and number words.
        ("1", picked(SADDLE)),
        ("5", picked(LEGS)),
        ("2 and 4", picked(BLADDER, SEXUAL)),
        ("1,3", picked(SADDLE, BOWEL)),
        ("1, 3", picked(SADDLE, BOWEL)),
        ("1 & 3", picked(SADDLE, BOWEL)),
        ("1&3", picked(SADDLE, BOWEL)),
        ("1 2", picked(SADDLE, BLADDER)),
        ("1 or 3", picked(SADDLE, BOWEL)),
        ("2-4", picked(BLADDER, BOWEL, SEXUAL)),
        ("one and three", picked(SADDLE, BOWEL)),
        ("#2", picked(BLADDER)),
        ("number 3", picked(BOWEL)),
        ("number two", picked(BLADDER)),
        ("3.", picked(BOWEL)),
        ("yes 2", picked(BLADDER)),
        ("2 please", picked(BLADDER)),
        ("1 and 3 i think", picked(SADDLE, BOWEL)),
        ("2 and 7", picked(BLADDER)),  # 7 is off the list and ignored
        # Positions.
        ("the first one", picked(SADDLE)),
        ("first", picked(SADDLE)),
        ("the 3rd", picked(BOWEL)),
        ("the second and the last", picked(BLADDER, LEGS)),
        ("the last one", picked(LEGS)),
        ("second last", picked(SEXUAL)),
        ("the first two", picked(SADDLE, BLADDER)),
        ("the last two", picked(SEXUAL, LEGS)),
        ("the middle one", picked(BOWEL)),
        ("top one", picked(SADDLE)),
        # Everything, or everything but some.
        ("all of them", picked(SADDLE, BLADDER, BOWEL, SEXUAL, LEGS)),
        ("all", picked(SADDLE, BLADDER, BOWEL, SEXUAL, LEGS)),
        ("all of the above", picked(SADDLE, BLADDER, BOWEL, SEXUAL, LEGS)),
        ("everything", picked(SADDLE, BLADDER, BOWEL, SEXUAL, LEGS)),
        ("all except 2", picked(SADDLE, BOWEL, SEXUAL, LEGS)),
        ("all but the last", picked(SADDLE, BLADDER, BOWEL, SEXUAL)),
        ("1 and 3 but not 2", picked(SADDLE, BOWEL)),
        ("not 2, 3", picked(BOWEL)),
        ("only 2", picked(BLADDER)),
        ("none of them except 2", picked(BLADDER)),
        ("no, 3", picked(BOWEL)),
        # Words from the labels, and everyday words for each item.
        ("the bladder one", picked(BLADDER)),
        ("bladder", picked(BLADDER)),
        ("peeing", picked(BLADDER)),
        ("wee", picked(BLADDER)),
        ("leaking urine", picked(BLADDER)),
        ("the numbness one", picked(SADDLE)),
        ("wiping", picked(SADDLE)),
        ("numb bum", picked(SADDLE)),
        ("between my legs", picked(SADDLE)),
        ("bowels", picked(BOWEL)),
        ("poo", picked(BOWEL)),
        ("numb genitals", picked(SEXUAL)),
        ("erection problems", picked(SEXUAL)),
        ("both legs", picked(LEGS)),
        ("the legs one", picked(LEGS)),
        ("poo and wee", picked(BLADDER, BOWEL)),
        ("the bladder and bowel ones", picked(BLADDER, BOWEL)),
        ("bladder - leaking", picked(BLADDER)),
        ("2 and the legs one", picked(BLADDER, LEGS)),
        ("I think it's the bladder one", picked(BLADDER)),
        # Not sure which, and none after all.
        ("not sure which", NOT_SURE_WHICH),
        ("Not sure which", NOT_SURE_WHICH),
        ("not sure", NOT_SURE_WHICH),
        ("dunno which", NOT_SURE_WHICH),
        ("can't tell", NOT_SURE_WHICH),
        ("I don't know", NOT_SURE_WHICH),
        ("no idea", NOT_SURE_WHICH),
        ("I'm not sure about any of them", NOT_SURE_WHICH),
        ("maybe all of them", NOT_SURE_WHICH),
        ("none", NONE_AFTER_ALL),
        ("None", NONE_AFTER_ALL),
        ("none of them", NONE_AFTER_ALL),
        ("none after all", NONE_AFTER_ALL),
        ("None of these after all", NONE_AFTER_ALL),
        ("actually none", NONE_AFTER_ALL),
        ("no", NONE_AFTER_ALL),
        ("nope", NONE_AFTER_ALL),
        ("neither", NONE_AFTER_ALL),
        ("nothing", NONE_AFTER_ALL),
        ("not really", NONE_AFTER_ALL),
        # Some items chosen, some unsure.
        ("2, and I'm not sure about 3", picked(BLADDER, unsure=(BOWEL,))),
        ("3 and maybe 4", picked(BOWEL, unsure=(SEXUAL,))),
        ("maybe 3", picked(unsure=(BOWEL,))),
        ("3 maybe", picked(unsure=(BOWEL,))),
        ("1 and 3, not sure", picked(unsure=(SADDLE, BOWEL))),
        ("1 or 3, not sure which", picked(unsure=(SADDLE, BOWEL))),
        ("bladder, not sure about the bowels", picked(BLADDER, unsure=(BOWEL,))),
        ("2, not sure about the others", picked(BLADDER, unsure=(SADDLE, BOWEL, SEXUAL, LEGS))),
        # What a button sends.
        ("bladder_dysfunction", picked(BLADDER)),
        ("saddle_numbness bowel_dysfunction", picked(SADDLE, BOWEL)),
        ("saddle_numbness,bowel_dysfunction", picked(SADDLE, BOWEL)),
        ("saddle_numbness chest_pain", picked(SADDLE)),  # not listed: ignored
        ("not_sure_which", NOT_SURE_WHICH),
        ("none_after_all", NONE_AFTER_ALL),
        (
            '/inform{"screen_items": "bladder_dysfunction sexual_dysfunction"}',
            picked(BLADDER, SEXUAL),
        ),
        ('/choose_items{"screen_items": "none_after_all"}', NONE_AFTER_ALL),
        # A button's title sent as text.
        ("New trouble controlling your bowels or wind, or not feeling it", picked(BOWEL)),
        ("3. New trouble controlling your bowels or wind, or not feeling it", picked(BOWEL)),
    ],
)
def test_answers_to_the_cauda_equina_follow_up(text: str, expected: Choice) -> None:
    assert read_choice(text, CES) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", picked(CHEST)),
        ("4", picked(AORTA)),
        ("2 and 4", picked(TEARING, AORTA)),
        ("1 and 4", picked(CHEST, AORTA)),
        ("the chest one", picked(CHEST)),
        ("chest", picked(CHEST)),
        ("short of breath", picked(CHEST)),
        ("the tearing one", picked(TEARING)),
        ("ripping", picked(TEARING)),
        ("fainting", picked(FAINTING)),
        ("passed out", picked(FAINTING)),
        ("I blacked out", picked(FAINTING)),
        ("cold and clammy", picked(FAINTING)),
        ("aneurysm", picked(AORTA)),
        ("pulsing lump", picked(AORTA)),
        ("chest and fainting", picked(CHEST, FAINTING)),
        ("the last one", picked(AORTA)),
        ("second", picked(TEARING)),
        ("all", picked(CHEST, TEARING, FAINTING, AORTA)),
        ("maybe chest", picked(unsure=(CHEST,))),
        ("the fainting one, not sure about the chest", picked(FAINTING, unsure=(CHEST,))),
        ("not sure which", NOT_SURE_WHICH),
        ("none of these", NONE_AFTER_ALL),
        ("fainting chest_pain", picked(FAINTING, CHEST)),
    ],
)
def test_answers_to_the_safety_check_follow_up(text: str, expected: Choice) -> None:
    assert read_choice(text, SAFETY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "what do you mean?",
        "7/10",
        "3 weeks",
        "for 2 weeks",
        "my back hurts",
        "7",  # off the list
        "both",  # of four items: which two?
        "the middle one",  # of four items
        "one of them",
        "some",
        "yes",
        "not 2",  # says only what it is not
        "pain is 3",  # a pain score
        "i have 2 kids",
        "saddle_numbness",  # a button from another group
        "not_sure_which none_after_all",
        "/inform{not json",
        "I think I need to see someone about this as soon as possible please help me",
    ],
)
def test_non_answers_are_none(text: str) -> None:
    assert read_choice(text, SAFETY) is None


@pytest.mark.parametrize("text", ["", "what do you mean?", "7/10", "3 weeks", "my back hurts"])
def test_non_answers_are_none_for_the_cauda_equina_group(text: str) -> None:
    assert read_choice(text, CES) is None


def test_both_means_all_of_two_items() -> None:
    two = SAFETY[:2]
    assert read_choice("both", two) == picked(CHEST, TEARING)
    assert read_choice("neither", two) == NONE_AFTER_ALL


def test_the_bottom_one_is_ambiguous_next_to_the_saddle_item() -> None:
    assert read_choice("the bottom one", CES) is None
    assert read_choice("the bottom one", SAFETY) == picked(AORTA)


def test_no_items_means_no_answer() -> None:
    assert read_choice("1", []) is None


def test_chosen_and_unsure_never_overlap() -> None:
    choice = read_choice("1 and 2, maybe 2", CES)
    assert choice is not None
    assert not choice.chosen & choice.unsure


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no bladder trouble", {BLADDER}),
        ("not the bowel one", {BOWEL}),
        ("no bladder or bowel problems", {BLADDER, BOWEL}),
        ("no", set()),
    ],
)
def test_named_items_include_denied_ones(text: str, expected: set[str]) -> None:
    assert read_choice(text, CES) == (NONE_AFTER_ALL if text == "no" else None)
    assert named_items(text, CES) == expected


def test_every_synonym_key_is_a_red_flag() -> None:
    assert set(SYNONYMS) <= {flag.value for flag in Flag}


# One everyday word for each red flag, read with that flag listed next to one other item.
EVERYDAY = {
    "chest_pain": "chest", "tearing_pain": "tearing", "fainting": "passed out",
    "aortic_aneurysm": "aneurysm", "stroke_symptoms": "slurred speech",
    "sudden_severe_headache": "headache", "saddle_numbness": "saddle",
    "bladder_dysfunction": "peeing", "bowel_dysfunction": "bowels",
    "sexual_dysfunction": "erection",
    "bilateral_leg_symptoms": "both legs", "progressive_weakness": "weakness",
    "foot_drop": "foot", "unable_to_walk": "can't walk", "gait_disturbance": "balance",
    "hand_clumsiness": "buttons", "major_trauma": "car crash", "minor_trauma": "slipped",
    "limb_numbness": "pins and needles", "limb_weakness": "weak", "lhermitte": "electric shock",
    "both_hands_numb": "both hands", "bruising": "bruise", "osteoporosis_or_steroids": "steroids",
    "fever": "temperature", "confusion_or_rash": "rash", "very_unwell": "unwell",
    "meningism": "stiff", "iv_drug_use": "inject", "immunosuppression": "chemo",
    "cancer_history": "cancer", "weight_loss": "weight", "night_pain": "at night",
    "inflammatory_pattern": "morning",
    # CLINICAL.md §7B
    "abdominal_or_flank_pain": "tummy", "urinary_symptoms": "cloudy",
    "possible_pregnancy": "could be pregnant", "known_pregnancy": "pregnant",
    "lower_abdominal_pelvic_pain": "pelvic", "one_sided_lower_abdominal_pain": "one side",
    "vaginal_bleeding": "bleeding", "heavy_bleeding_or_clots": "clots",
    "shoulder_tip_pain": "shoulder", "sudden_severe_abdominal_pain": "sudden",
    "contractions_or_rhythmic_back_pain": "tightening", "fluid_leak_vaginal": "waters",
    "reduced_fetal_movements": "baby", "flank_pain_to_groin": "groin",
    "colicky_cannot_settle": "waves", "pain_not_eased_by_painkillers": "painkillers",
    "vomiting_cannot_keep_fluids": "sick", "previous_kidney_stones": "stones",
    "upper_abdominal_pain_to_back": "top of my tummy",
    "right_upper_pain_to_shoulder_blade": "ribs", "pain_after_eating": "eating",
    "jaundice": "yellow", "painful_urination": "burns", "urinary_frequency_urgency": "often",
    "blood_in_urine": "blood", "no_urine_today": "no pee", "kidney_risk": "kidney",
    "urinary_tract_risk": "diabetes", "one_sided_band_pain": "band", "shingles_rash": "rash",
    "rash_near_eye": "eye", "seizure": "fit",
}  # fmt: skip


@pytest.mark.parametrize("flag", list(Flag), ids=[f.value for f in Flag])
def test_every_red_flag_can_be_named_by_an_everyday_word(flag: Flag) -> None:
    items = [("other", "Something else"), (flag.value, "An item")]
    assert read_choice(EVERYDAY[flag.value], items) == picked(flag.value)
