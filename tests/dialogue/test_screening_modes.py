"""Both screening modes reach the same level for every warning sign a group lists, asked alone
(tools/screening_bench.py walks the same code the actions run); grouped mode is the shorter."""

from __future__ import annotations

import yaml

from bot.settings import ROOT
from tools.screening_bench import PATIENTS, grouped_mode, no_sign_lines, sign_lines, single_mode


def test_every_warning_sign_reaches_the_same_level_in_both_modes() -> None:
    lines, agree = sign_lines()
    assert agree, [line for line in lines if line.endswith("NO")]


def test_grouped_mode_asks_fewer_screening_questions_for_every_scripted_patient() -> None:
    for patient in PATIENTS:
        single, _ = single_mode(patient.slots(), None)
        grouped, _ = grouped_mode(patient.slots(), None)
        assert grouped <= 7 < single, patient.name


def test_the_dialogue_policies_never_see_the_screening_mode() -> None:
    """The Rasa server's policies predict the same next action in both modes (so every test
    story holds for both): the slots only the screening action reads and writes stay out of the
    policies' features. The mode lives in the action server alone."""
    slots = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["slots"]
    for name in ("screening_mode", "screening_question", "cleared_unsure", "screening_answer"):
        assert slots[name].get("influence_conversation") is False, name


def test_the_section_7_gateways_are_among_the_signs_compared() -> None:
    lines, _ = sign_lines()
    for gateway in (
        "abdominal_or_flank_pain",
        "urinary_symptoms",
        "possible_pregnancy",
        "one_sided_band_pain",
    ):
        assert any(f" {gateway} " in line for line in lines), gateway


def test_no_warning_sign_takes_at_most_6_screening_questions_back_and_7_neck() -> None:
    # CLINICAL.md §8.2 note, with the §7 group; the NG65 question for chronic back pain aside.
    _, targets = no_sign_lines()
    questions = [line for line in targets if "screening questions" in line]
    assert len(questions) == 2 and all(line.endswith(": met") for line in questions), questions
