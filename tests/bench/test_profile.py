"""Reading py-spy's samples into the shares of a turn that docs/BENCHMARKS.md reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.bench.profile import read_samples, shares

HANDLE = "handle_message (rasa/core/processor.py:700)"


def test_each_part_gets_its_share_of_the_busy_samples(tmp_path: Path) -> None:
    raw = tmp_path / "rasa.txt"
    raw.write_text(
        f"main (rasa/__main__.py:1);{HANDLE};retrieve (rasa/core/tracker_store.py:9) 30\n"
        f"main (rasa/__main__.py:1);{HANDLE};run (rasa/core/actions/action.py:3);"
        "_validate_action_result (rasa/core/actions/action.py:704);validate (x.py:1) 50\n"
        f"main (rasa/__main__.py:1);{HANDLE};something_else (y.py:2) 20\n"
        "main (rasa/__main__.py:1);serve (sanic/server/runners.py:5) 400\n"  # idle: not busy
    )
    busy, found = shares(read_samples(raw))
    assert busy == 100
    assert found["tracker store: read the conversation"] == pytest.approx(0.30)
    assert found["custom actions: answer checked against the JSON schema"] == pytest.approx(0.50)
    assert found["other"] == pytest.approx(0.20)
    assert found["tracker store: save the new events"] == 0


def test_the_projects_own_tracker_store_and_lock_store_are_recognised(tmp_path: Path) -> None:
    raw = tmp_path / "rasa.txt"
    raw.write_text(
        f"main (rasa/__main__.py:1);{HANDLE};save (bot/rasa_ext/tracker_store.py:120) 40\n"
        f"main (rasa/__main__.py:1);{HANDLE};lock (bot/rasa_ext/lock_store.py:88);"
        "acquire (x.py:1) 10\n"
        f"main (rasa/__main__.py:1);{HANDLE};saved (elsewhere/tracker_store.py:1) 50\n"
    )
    _, found = shares(read_samples(raw))
    assert found["tracker store: save the new events"] == pytest.approx(0.40)
    assert found["lock store"] == pytest.approx(0.10)
    assert found["other"] == pytest.approx(0.50)
