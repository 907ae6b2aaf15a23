"""Shared data for language tests: the reference date and the held-out phrasings."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

HELDOUT = Path(__file__).resolve().parents[1] / "nlu" / "heldout.yml"
_raw = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))
TODAY = date.fromisoformat(_raw["reference_date"])  # a Saturday
EXAMPLES: list[dict[str, Any]] = _raw["examples"]


def annotated(entity: str) -> list[tuple[str, set[str]]]:
    """(text, gold values) for every held-out example annotated with `entity`."""
    return [
        (e["text"], {str(v) for v in e["entities"][entity]})
        for e in EXAMPLES
        if entity in e.get("entities", {})
    ]
