"""The outcome's check of what grouped screening went on (CLINICAL.md §8.3 A10) and the re-check."""

from __future__ import annotations

from typing import Any

from actions.triage import GROUP_TITLES
from bot.dialogue.recap import RECHECK, asks_recheck, recap, recheck_slots, typed_flags
from bot.triage import Flag
from bot.triage.groups import BACK_GROUPS, NECK_GROUPS

B1 = ["chest_pain", "tearing_pain", "fainting", "aortic_aneurysm"]


def typed(text: str, *flags: str) -> dict[str, Any]:
    entities = [{"entity": "red_flag", "value": flag} for flag in flags]
    return {"event": "user", "text": text, "parse_data": {"entities": entities}}


def test_signs_from_typed_words_are_told_and_button_taps_are_not() -> None:
    events = [
        typed("my back hurts and I've lost weight", "weight_loss"),
        typed('/inform{"screen_items": "night_pain"}', "night_pain"),
        {"event": "slot", "name": "red_flags", "value": ["weight_loss"]},
        typed("also a fever", "fever", "weight_loss"),
    ]
    assert typed_flags(events) == (Flag.WEIGHT_LOSS, Flag.FEVER)


def test_the_recap_lists_told_signs_none_groups_and_unsure_items() -> None:
    slots = {
        "body_region": "lower_back",
        "red_flags": ["weight_loss"],
        "unsure_flags": ["night_pain"],
        "cleared_unsure": ["tearing_pain"],
        "answered_flags": [*B1, "weight_loss", "night_pain", "fever", "cancer_history"],
    }
    shown = recap(slots, [typed("lost weight too", "weight_loss")])
    assert shown.told == (Flag.WEIGHT_LOSS,)
    # B1 all no (tearing pain cleared by its clarifying question); B4 had two items asked, no yes;
    # B5 holds the weight loss, so it was not "none".
    assert [group.name for group in shown.none_groups] == ["B1", "B4"]
    assert shown.unsure == (Flag.NIGHT_PAIN, Flag.TEARING_PAIN)


def test_a_sign_later_corrected_away_is_not_shown_as_told() -> None:
    slots = {"body_region": "neck", "answered_flags": ["fever"], "red_flags": []}
    assert recap(slots, [typed("I had a fever", "fever")]).told == ()
    assert not recap({"body_region": "neck"}, [])


def test_a_recheck_forgets_every_no_and_keeps_every_yes_and_not_sure() -> None:
    slots = {
        "red_flags": ["weight_loss"],
        "unsure_flags": ["night_pain"],
        "answered_flags": [*B1, "weight_loss", "night_pain"],
        "cleared_unsure": ["tearing_pain"],
        "last_outcome": "doctor_soon LB-5 weight loss",
        "triage_level": "doctor_soon",
    }
    after = recheck_slots(slots)
    assert after["answered_flags"] == ["weight_loss", "night_pain"]
    assert after["cleared_unsure"] == [] and after["last_outcome"] is None
    assert after["screening_question"] is None and after["screening_answer"] is None
    assert "red_flags" not in after and "unsure_flags" not in after  # never undone


def test_only_the_button_asks_for_a_recheck() -> None:
    assert asks_recheck([{"entity": "screen_items", "value": RECHECK}])
    assert not asks_recheck([{"entity": "screen_items", "value": "fever"}])
    assert not asks_recheck([{"entity": "red_flag", "value": RECHECK}])


def test_every_screening_group_has_a_title_for_the_recap() -> None:
    assert {group.name for group in (*BACK_GROUPS, *NECK_GROUPS)} <= set(GROUP_TITLES)
