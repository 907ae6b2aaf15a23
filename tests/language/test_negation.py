"""Red flags: present mentions are found; denied or hypothetical ones never are."""

from __future__ import annotations

import pytest

from bot.language import extract
from tests.language.conftest import EXAMPLES, TODAY


def flags(text: str) -> set[str]:
    return {e["value"] for e in extract(text, TODAY) if e["entity"] == "red_flag"}


@pytest.mark.parametrize(
    "text",
    [
        "no numbness",
        "I can still pee fine",
        "denies bladder issues",
        "what if my legs go numb?",
        "no bladder or bowel problems",
        "i have no numbness or tingling",
        "never had cancer",
        "my bladder and bowels are fine",
        "no fever, no weight loss",
        "i haven't had any chest pain",
        "without any numbness down there",
        "should i worry about losing control of my bladder?",
        "bladder control is normal",
        "no problems with my bladder",
        "in case i get a fever what do i do",
        "i fell asleep on the sofa",
        "i had a steroid injection",
        "i have no trouble peeing",
        "peeing is fine, no leaking",
        "I've no problems with my bladder",
        # Everyday words that resemble the comparisons above.
        "my legs are dead tired after a long shift",
        "my back went and the next thing I knew I was on the floor",
        "I think I tore a muscle in my back lifting boxes",
        "I can't stand for long because of my back",
        "I turned my head suddenly and my neck locked",
        "I get the urge to poo after coffee",
        "I dropped a 20kg box and hurt my back",
        "foggy weather makes my back ache",
        "the pain did not fade after the massage",
        "the screen is too bright and my neck hurts from looking down",
        "the pain keeps spreading across my lower back",
        "I wake around 7 and my back is stiff",
        "this pain is tearing me apart",
    ],
)
def test_denied_or_hypothetical_mentions_are_not_red_flags(text: str) -> None:
    assert flags(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("numbness in my groin", {"saddle_numbness"}),
        ("I cant pee", {"bladder_dysfunction"}),
        ("i can't control my bladder", {"bladder_dysfunction"}),
        ("no control of my bladder", {"bladder_dysfunction"}),  # "no" is part of the symptom
        ("I have no feeling in my groin", {"saddle_numbness"}),
        ("cant feel my feet properly", {"bilateral_leg_symptoms"}),
        ("no fever but i wet myself", {"bladder_dysfunction"}),  # "but" ends the denial
        ("not sure if i have numbness down there", {"saddle_numbness"}),  # unsure counts
        ("if i sit for long my legs go numb", {"bilateral_leg_symptoms"}),  # real, not a question
        ("my legs are getting weaker", {"progressive_weakness"}),
        ("chest pain and my upper back hurts", {"chest_pain"}),
        ("i was in a car accident", {"major_trauma"}),
        ("worst headache of my life", {"sudden_severe_headache"}),
        ("I'm on chemo", {"immunosuppression", "cancer_history"}),
        ("Numbness In My Groin", {"saddle_numbness"}),
        ("numbness in my groin. no fever", {"saddle_numbness"}),
        # Lay phrasings found by a second reader; two word groups in one clause (PROXIMITY).
        ("my private parts are numb", {"saddle_numbness"}),
        ("it's numb where I sit", {"saddle_numbness"}),
        ("numb around my back passage", {"saddle_numbness"}),
        ("I can't hold my pee", {"bladder_dysfunction"}),
        ("I peed my pants", {"bladder_dysfunction"}),
        (
            "my bladder and bowels have stopped working",
            {"bladder_dysfunction", "bowel_dysfunction"},
        ),
        ("I can't really walk", {"unable_to_walk"}),
        ("my foot keeps catching when I walk", {"foot_drop"}),
        ("my chest feels tight", {"chest_pain"}),
        ("my left arm and jaw hurt", {"chest_pain"}),
        ("my face has dropped on one side", {"stroke_symptoms"}),
        ("I feel like I'm going to pass out", {"fainting"}),
        ("I have a lump in my stomach that throbs", {"aortic_aneurysm"}),
        # Negation words that do not deny the symptom after them.
        ("I don't know why I keep wetting myself", {"bladder_dysfunction"}),
        ("I can't stop leaking urine", {"bladder_dysfunction"}),
        ("Without any warning I passed out", {"fainting"}),
        ("I was pain free until I fell down the stairs", {"major_trauma"}),
        ("I have non stop numbness down there", {"saddle_numbness"}),
        ("Nothing I do stops the numbness between my legs", {"saddle_numbness"}),
        ("no matter what I do my legs are getting weaker", {"progressive_weakness"}),
        ("I've never felt numb between my legs like this before", {"saddle_numbness"}),
        ("I can't feel when I pee which is not normal", {"bladder_dysfunction"}),
        ("pins and needles down there all good otherwise", {"saddle_numbness"}),
        # A question or cue in an earlier clause does not make a later symptom hypothetical.
        ("should I worry? I've wet myself", {"bladder_dysfunction"}),
        ("When should I go to A&E, I've lost control of my bladder", {"bladder_dysfunction"}),
        ("is it normal to have numbness between my legs?", {"saddle_numbness"}),
        ("signs of cauda equina, numbness down there", {"saddle_numbness"}),
        # Kinds the conversation fuzzer found missed (issue 14): the symptom told by what
        # happens or by a comparison, not named. Phrased here independently of its corpus.
        ("tried to wee twice today and nothing comes out", {"bladder_dysfunction"}),
        ("I'm bursting for a pee but only a trickle", {"bladder_dysfunction"}),
        ("had two accidents in my sleep this week", {"bowel_dysfunction"}),
        ("my lady bits feel numbed, like at the dentist", {"saddle_numbness"}),
        ("between my legs it's gone all rubbery", {"saddle_numbness"}),
        ("numb from the waist down since this morning", {"bilateral_leg_symptoms"}),
        ("both my legs went dead on the bus", {"bilateral_leg_symptoms"}),
        ("the ache is spreading up into my jaw", {"chest_pain"}),
        ("felt something ripped through to my spine", {"tearing_pain"}),
        ("everything went black and I woke up on the floor", {"fainting"}),
        # Kinds from the blind patient corpus's misses (issue 15), in phrasings of our own.
        ("I can feel a pulse in my belly when I lie flat", {"aortic_aneurysm"}),
        ("there's a pulsating bulge above my navel", {"aortic_aneurysm"}),
        ("I have to strain really hard to pee now", {"bladder_dysfunction"}),
        ("my waterworks have gone funny this week", {"bladder_dysfunction"}),
        ("poo just slips out without warning", {"bowel_dysfunction"}),
        ("the toilet seat feels like it's not my own bottom", {"saddle_numbness"}),
        ("when I wipe I can hardly feel the paper", {"saddle_numbness"}),
        ("I've no strength left in either leg", {"bilateral_leg_symptoms"}),
        ("I swooned in the shower", {"fainting"}),
        ("the headache came on suddenly like being hit", {"sudden_severe_headache"}),
        ("it felt like something ripping inside my chest", {"tearing_pain"}),
        ("I had to crawl to the bathroom", {"unable_to_walk"}),
        ("my neck is rigid and I have to keep the curtains closed", {"meningism"}),
        ("little red spots that didn't fade when I pressed a glass on them", {"confusion_or_rash"}),
        ("I feel muddled and can't think straight", {"confusion_or_rash"}),
        ("fell down a flight of stairs at work", {"major_trauma"}),
        ("my speech has gone funny", {"stroke_symptoms"}),
        ("there's an ache in my jaw and I'm sweaty and feel sick", {"chest_pain"}),
        ("I lost 8 kilos without trying", {"weight_loss"}),
        ("it hurts even lying still in bed at night", {"night_pain"}),
        ("both my hands have gone numb", {"both_hands_numb"}),
        ("I walk like I'm drunk", {"gait_disturbance"}),
        ("I can't feel anything during sex now", {"sexual_dysfunction"}),
    ],
)
def test_present_mentions_are_red_flags(text: str, expected: set[str]) -> None:
    assert expected <= flags(text)


def test_the_bottom_of_the_back_is_not_the_saddle_area() -> None:
    assert "saddle_numbness" not in flags("the bottom of my back is numb")


GOLD_FLAGS = [
    (e["text"], set(e["entities"]["red_flag"]))
    for e in EXAMPLES
    if "red_flag" in e.get("entities", {})
]


@pytest.mark.parametrize(("text", "expected"), GOLD_FLAGS, ids=[t for t, _ in GOLD_FLAGS])
def test_every_heldout_red_flag_is_found(text: str, expected: set[str]) -> None:
    assert expected <= flags(text)


def topics(text: str) -> set[str]:
    """The rules' topics (the learned safety net's are tested in test_safety_net.py)."""
    return {e["value"] for e in extract(text, TODAY, learned=False) if e["entity"] == "flag_topic"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A warning sign's topic, neither described nor denied: asked about at once (issue 15).
        ("my back hurts and something is not right with my bladder", {"bladder_dysfunction"}),
        ("my wee is weird since the back went", {"bladder_dysfunction"}),
        ("it's my bowels, and my back", {"bowel_dysfunction"}),
        ("something odd when I wipe", {"saddle_numbness"}),
        ("there's something going on with my chest too", {"chest_pain"}),
        # Resolved one way or the other: no topic.
        ("I wet myself and my bladder is weird", set()),  # the flag itself was found
        ("no bladder problems, just back pain", set()),
        ("my bladder is fine", set()),
        ("I've got hay fever and a sore back", set()),
        # Only asked or worried about: not present, but asking about it is right.
        ("what if I get a fever", {"fever"}),
        ("worried it might be a tumour, my back has ached for months", {"cancer_history"}),
    ],
)
def test_a_warning_sign_topic_is_reported_only_when_unresolved(
    text: str, expected: set[str]
) -> None:
    assert topics(text) == expected
