"""Bad content files are refused with a message naming the entry and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clinic import ConfigError
from bot.db.content import load_treatments

GOOD = """
treatments:
  - key: heat
    name: Heat
    description: A warm pack on the painful area.
    steps: [1, 1]
    regions: all
    procedure: false
    evidence: ACP 2017 lists superficial heat.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "treatments.yml"
    path.write_text(text)
    return path


def test_a_good_file_loads(tmp_path: Path) -> None:
    [entry] = load_treatments(write(tmp_path, GOOD))
    assert entry.key == "heat" and entry.step_min == 1 and "neck" in entry.regions


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("steps: [1, 1]", "steps: [3, 1]"), "'steps'"),
        (("steps: [1, 1]", "steps: [0, 9]"), "'steps'"),
        (("regions: all", "regions: [knee]"), "'regions'"),
        (("procedure: false", "procedure: maybe"), "'procedure'"),
        (("name: Heat", "name: ''"), "'name'"),
        (("treatments:", "things:"), "'treatments'"),
        (("key: heat", "key: [heat"), "cannot read"),
    ],
)
def test_a_bad_field_is_named(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_treatments(write(tmp_path, GOOD.replace(*change)))


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    body = GOOD.split("treatments:\n", 1)[1]
    with pytest.raises(ConfigError, match="duplicate treatment keys: heat"):
        load_treatments(write(tmp_path, GOOD + body))


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_treatments(tmp_path / "absent.yml")
