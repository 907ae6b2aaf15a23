"""`python -m bot.triage`: one JSON case on stdin, one JSON result on stdout, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(stdin: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SPINEBOT_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "bot.triage"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def case(**overrides: object) -> str:
    data: dict[str, object] = {
        "region": "lower_back",
        "duration_days": 10,
        "pain_score": 4,
        "age": 35,
        "red_flags": [],
        "screening_complete": True,
        "treatments_tried": [],
    }
    data.update(overrides)
    return json.dumps(data)


def test_self_care_case_prints_level_reasons_and_recommendations(tmp_path: Path) -> None:
    result = run(case(), tmp_path)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["level"] == "self_care"
    assert output["recommendations"][:2] == ["advice_stay_active", "heat"]
    assert output["pending_questions"] == []
    assert all("Source:" in reason for reason in output["reasons"])
    assert (tmp_path / "spinebot.sqlite3").exists()  # SQLite by default, in the data directory


def test_red_flag_case_is_urgent_with_no_routine_advice(tmp_path: Path) -> None:
    output = json.loads(run(case(red_flags=["bladder_dysfunction"]), tmp_path).stdout)
    assert output["level"] == "emergency_department"
    assert output["interrupt"] is True
    assert output["recommendations"] == []
    assert "cauda equina" in output["reasons"][0]


def test_incomplete_neck_screening_lists_neck_questions(tmp_path: Path) -> None:
    output = json.loads(run(case(region="neck", screening_complete=False), tmp_path).stdout)
    assert output["level"] == "doctor_today"
    assert output["pending_questions"][0] == "chest_pain"
    assert "stroke_symptoms" in output["pending_questions"]
    assert "saddle_numbness" not in output["pending_questions"]


def test_section_7_keys_are_accepted_and_name_their_rows(tmp_path: Path) -> None:
    text = case(red_flags=["flank_pain_to_groin", "vomiting_cannot_keep_fluids"])
    output = json.loads(run(text, tmp_path).stdout)
    assert output["level"] == "emergency_department" and output["interrupt"] is True
    assert output["rules"][0] == "NS-1 renal colic with vomiting"
    assert "can sometimes come from the kidney" in output["reasons"][0]
    pregnant = json.loads(run(case(red_flags=["known_pregnancy"]), tmp_path).stdout)
    assert pregnant["level"] == "self_care"
    assert pregnant["rules"] == ["NS-4 pregnancy, no warning feature"]
    unsure = case(unsure=["possible_pregnancy"], answered=["possible_pregnancy"],
                  screening_complete=False)  # fmt: skip
    pending = json.loads(run(unsure, tmp_path).stdout)["pending_questions"]
    assert pending.index("known_pregnancy") == pending.index("fever") + 1


def test_treatments_tried_move_the_pathway_on(tmp_path: Path) -> None:
    text = case(duration_days=200, treatments_tried=["physical_therapy"])
    output = json.loads(run(text, tmp_path).stdout)
    assert output["level"] == "routine_appointment"
    assert output["pathway_step"] == 3
    assert "epidural_steroid_injection" in output["consultation_topics"]


def test_minimal_case_with_nulls_is_accepted(tmp_path: Path) -> None:
    text = json.dumps({"region": "neck", "duration_days": None, "pain_score": None, "age": None})
    result = run(text, tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["level"] == "doctor_today"  # screening not complete


@pytest.mark.parametrize(
    ("stdin", "field"),
    [
        ("{not json", "case"),
        ("", "case"),
        ("[1, 2]", "case"),
        (case(region="knee"), "region"),
        (case(duration_days=-1), "duration_days"),
        (case(duration_days="3 weeks"), "duration_days"),
        (case(pain_score=11), "pain_score"),
        (case(pain_score=-1), "pain_score"),
        (case(pain_score=True), "pain_score"),
        (case(age=200), "age"),
        (case(red_flags=["itchy"]), "red_flags"),
        (case(unsure=["pregnant"]), "unsure"),
        (case(red_flags="fever"), "red_flags"),
        (case(treatments_tried=["magic_beans"]), "treatments_tried"),
        (case(screening_complete="yes"), "screening_complete"),
        (case(radiation="toes"), "radiation"),
        (case(colour="blue"), "colour"),
        (json.dumps({"duration_days": 3}), "region"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line_naming_the_field(
    stdin: str, field: str, tmp_path: Path
) -> None:
    result = run(stdin, tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"field '{field}'" in lines[0]
    assert "Traceback" not in result.stderr


def test_unreachable_database_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": "postgresql+psycopg2://nobody@127.0.0.1:9/none"}
    result = subprocess.run(
        [sys.executable, "-m", "bot.triage"], input=case(), capture_output=True, text=True,
        cwd=ROOT, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("error: database unavailable")
    assert "Traceback" not in result.stderr
