"""Pain that may not come from the spine (CLINICAL.md §7, issue 17): the §7B keys as red flags,
with the same negation and attribution as the spine's own, kept apart where they look alike."""

from __future__ import annotations

from typing import Any

import pytest

from bot.language import extract
from bot.language.facts_first import rescued_intent
from bot.language.lexicon import IMPLIED_FLAGS, NON_SPINAL, PROXIMITY, RED_FLAG
from bot.triage import Flag
from tests.language.conftest import TODAY


def found(text: str, entity: str = "red_flag") -> set[str]:
    return {e["value"] for e in extract(text, TODAY) if e["entity"] == entity}


# --- Burning when peeing (an infection) is not loss of bladder control (cauda equina) ---------


def test_burning_and_no_feeling_when_peeing_set_both_keys() -> None:
    flags = found("it burns and I can't feel when I pee")
    assert {"painful_urination", "bladder_dysfunction", "urinary_symptoms"} <= flags


@pytest.mark.parametrize(
    "text",
    [
        "burns when I wee",
        "it stings like mad every time I go to the loo",
        "my pee burns",
        "painful to pee since Tuesday",
    ],
)
def test_burning_alone_is_not_loss_of_bladder_control(text: str) -> None:
    flags = found(text)
    assert "painful_urination" in flags and "urinary_symptoms" in flags
    assert "bladder_dysfunction" not in flags


def test_loss_of_control_alone_is_not_an_infection_sign() -> None:
    flags = found("I've wet myself twice and can't tell when I need to go")
    assert "bladder_dysfunction" in flags
    assert not flags & {"painful_urination", "urinary_symptoms"}


# --- The phrases CLINICAL.md §7B asks for, and their look-alikes -------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the pain is going to my groin", {"flank_pain_to_groin", "abdominal_or_flank_pain"}),
        ("I'm 8 weeks pregnant", {"known_pregnancy", "possible_pregnancy"}),
        ("a bit of spotting this morning", {"vaginal_bleeding"}),
        ("my eyes look yellow", {"jaundice"}),
        ("I've got a rash on one side", {"shingles_rash", "one_sided_band_pain"}),
        ("the pain comes in waves", {"colicky_cannot_settle"}),
        ("I can't keep anything down", {"vomiting_cannot_keep_fluids"}),
        ("I've been sick three times", {"vomiting_cannot_keep_fluids"}),
        ("my stomach aches", {"abdominal_or_flank_pain"}),
        ("tummy ache and a sore lower back", {"abdominal_or_flank_pain"}),
        ("belly pain since lunch", {"abdominal_or_flank_pain"}),
        ("my side hurts", {"abdominal_or_flank_pain"}),
        ("blisters along my ribs", {"shingles_rash"}),
        ("I had a fit last night", {"seizure"}),
        ("I had a seizure", {"seizure"}),
        ("I've had kidney stones before", {"previous_kidney_stones"}),
        ("I only have one kidney", {"kidney_risk"}),
        ("the whites of my eyes have gone yellow", {"jaundice"}),
        ("the baby has been moving a lot less today", {"reduced_fetal_movements"}),
        ("pain low on the right of my tummy", {"one_sided_lower_abdominal_pain"}),
    ],
)
def test_volunteered_phrases_are_read(text: str, expected: set[str]) -> None:
    assert expected <= found(text)


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        ("I'm sick of this pain", "vomiting_cannot_keep_fluids"),
        ("sick and tired of my back", "vomiting_cannot_keep_fluids"),
        ("I feel like I'm going to vomit", "vomiting_cannot_keep_fluids"),
        ("pain in the left side of my back", "abdominal_or_flank_pain"),
        ("the right side of my neck is stiff", "abdominal_or_flank_pain"),
        ("lying on my side hurts my back", "abdominal_or_flank_pain"),
        ("back pain and my tummy is a bit bloated", "abdominal_or_flank_pain"),
        ("I'm a fit 40 year old and my back went", "seizure"),
        ("I had a fit of coughing and my back twinged", "seizure"),
        ("blisters on my feet from the new boots", "shingles_rash"),
        ("I made a rash decision to lift the sofa", "confusion_or_rash"),
        ("my back aches when I'm 3 weeks into a new job", "known_pregnancy"),
        ("I get the urge to pee every 10 minutes", "contractions_or_rhythmic_back_pain"),
    ],
)
def test_look_alikes_are_not_read(text: str, not_expected: str) -> None:
    assert not_expected not in found(text)


def test_a_side_of_the_body_counts_only_as_pain_there() -> None:
    assert "abdominal_or_flank_pain" in found("a sharp pain in my right side and my lower back")
    assert "abdominal_or_flank_pain" not in found("sharp pain on the left side of my lower back")


def test_tummy_and_back_pain_is_pain_in_both() -> None:
    assert "abdominal_or_flank_pain" in found("tummy and back pain since the weekend")
    assert "abdominal_or_flank_pain" in found("bad pain in my back and my belly")


# --- Pregnancy: known, possible, asked about, denied --------------------------------------------


@pytest.mark.parametrize(
    "text", ["I might be pregnant", "what if I'm pregnant?", "not sure if I'm pregnant"]
)
def test_a_possible_pregnancy_is_not_a_known_one(text: str) -> None:
    flags = found(text)
    assert "possible_pregnancy" in flags and "known_pregnancy" not in flags


def test_weeks_pregnant_is_not_how_long_the_pain_has_lasted() -> None:
    entities = extract("I'm 8 weeks pregnant and my back has hurt for 2 weeks", TODAY)
    assert [e["value"] for e in entities if e["entity"] == "duration"] == ["14"]
    assert "known_pregnancy" in {e["value"] for e in entities if e["entity"] == "red_flag"}


def test_bleeding_and_leaking_are_pregnancy_signs_only_in_a_pregnancy() -> None:
    assert "vaginal_bleeding" in found("I'm 30 weeks pregnant and bleeding a bit")
    assert "fluid_leak_vaginal" in found("I'm 34 weeks and leaking since this morning")
    assert "vaginal_bleeding" not in found("I cut my thumb and it's bleeding, my back aches")
    assert "fluid_leak_vaginal" not in found("the tap is leaking and my back aches")


# --- Negation and attribution, as for the spine's own red flags ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "no blood in my pee",
        "I'm not pregnant",
        "definitely not pregnant, back pain for a week",
        "no burning when I wee",
        "my eyes aren't yellow",
        "I haven't been sick",
        "no rash anywhere",
        "never had kidney stones",
        "my tummy is fine, it's just my back",
        "I'm not diabetic",
    ],
)
def test_denied_signs_are_not_reported(text: str) -> None:
    assert not found(text) & NON_SPINAL


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my wife is pregnant and I hurt my back lifting the cot", "known_pregnancy"),
        ("my husband has blood in his pee, my back is sore", "blood_in_urine"),
        ("my daughter was sick all night and now my back hurts", "vomiting_cannot_keep_fluids"),
        ("I had a kidney infection last year, now my lower back aches", "urinary_symptoms"),
        ("I used to get stomach aches as a child, my back hurts now", "abdominal_or_flank_pain"),
    ],
)
def test_someone_elses_or_past_signs_are_not_the_persons_own(text: str, flag: str) -> None:
    assert flag not in found(text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("I had kidney stones years ago", "previous_kidney_stones"),
        ("diagnosed with diabetes 10 years ago", "urinary_tract_risk"),
        ("had a kidney removed in 2015", "kidney_risk"),
    ],
)
def test_a_history_stays_a_history(text: str, flag: str) -> None:
    assert flag in found(text)


def test_a_report_made_for_another_person_counts_their_signs() -> None:
    # A carer writing for the patient: their back, their signs.
    flags = found("my husband is holding his back and his side and he's been sick twice")
    assert {"abdominal_or_flank_pain", "vomiting_cannot_keep_fluids"} <= flags
    # The writer's own back: the other person's sign is theirs, not the writer's.
    assert "fever" not in found("my husband has a fever and I've hurt my back")


# --- Gateways, and the out-of-scope reply -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "gateway"),
    [
        ("there's blood in my wee", "urinary_symptoms"),
        ("I need to pee all the time", "urinary_symptoms"),
        ("pain from my side round into my groin", "abdominal_or_flank_pain"),
        ("severe pain at the top of my tummy going through to my back", "abdominal_or_flank_pain"),
        ("pain under my right ribs", "abdominal_or_flank_pain"),
        ("period like cramps low in my tummy", "abdominal_or_flank_pain"),
        ("I'm 20 weeks pregnant", "possible_pregnancy"),
    ],
)
def test_a_follow_up_sign_implies_its_gateway(text: str, gateway: str) -> None:
    assert gateway in found(text)


def test_the_extractors_implications_are_the_engines() -> None:
    # The triage engine applies its own table (bot/triage/flags.py IMPLIES); the extractor never
    # implies a key the engine would not.
    from bot.triage import flags as engine

    implies = getattr(engine, "IMPLIES", None)
    if implies is None:
        pytest.skip("the engine has no implication table")
    for flag, gateways in IMPLIED_FLAGS.items():
        for gateway in gateways:
            assert Flag(gateway) in engine.with_implied([Flag(flag)]), (flag, gateway)


def test_every_nonspinal_key_is_a_flag_the_lexicon_can_name() -> None:
    keys = {flag.value for flag in Flag}
    assert keys >= NON_SPINAL
    named = set(RED_FLAG) | {value for value, *_ in PROXIMITY}
    assert named >= NON_SPINAL


def _red_flag(value: str) -> dict[str, Any]:
    return {"entity": "red_flag", "value": value}


@pytest.mark.parametrize(
    "text",
    [
        "it burns when I pee",
        "I'm pregnant and my back hurts",
        "my tummy hurts too",
        "rash on one side",
    ],
)
def test_a_volunteered_nonspinal_sign_never_gets_the_scope_reply(text: str) -> None:
    entities = [e for e in extract(text, TODAY) if e["entity"] == "red_flag"]
    assert entities, text
    ranking = [{"name": "out_of_scope", "confidence": 0.6}]
    assert rescued_intent("out_of_scope", ranking, entities) == {
        "name": "report_symptom",
        "confidence": 0.0,
    }


def test_the_lexicons_section_7_keys_are_the_engines() -> None:
    """One list of §7 keys: the flags declared after the spine red flags in bot/triage/flags.py."""
    flags = list(Flag)
    section_7 = flags[flags.index(Flag.ABDOMINAL_OR_FLANK_PAIN) :]
    assert {flag.value for flag in section_7} == NON_SPINAL
