"""Both screening modes reach the same level for every warning sign a group lists, asked alone
(tools/screening_bench.py walks the same code the actions run); grouped mode is the shorter."""

from __future__ import annotations

from tools.screening_bench import PATIENTS, grouped_mode, sign_lines, single_mode


def test_every_warning_sign_reaches_the_same_level_in_both_modes() -> None:
    lines, agree = sign_lines()
    assert agree, [line for line in lines if line.endswith("NO")]


def test_grouped_mode_asks_fewer_screening_questions_for_every_scripted_patient() -> None:
    for patient in PATIENTS:
        single, _ = single_mode(patient.slots(), None)
        grouped, _ = grouped_mode(patient.slots(), None)
        assert grouped <= 7 < single, patient.name
