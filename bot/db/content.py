"""Read and check the reviewed treatment content file (content/treatments.yml), and the one shape
a treatment has wherever the bot holds it: as read from the file, and as read back from the table
(`bot.db.queries`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.clinic import ConfigError
from bot.triage.flags import Region

# Sorted, so that a treatment's regions compare equal however the file lists them.
BACK_REGIONS = tuple(sorted(region.value for region in Region if not region.is_neck))
ALL_REGIONS = tuple(sorted(region.value for region in Region))
MAX_STEP = 5


@dataclass(frozen=True)
class TreatmentInfo:
    """One treatment of the reviewed table (CLINICAL.md §5, content/treatments.yml).

    `key` is its stable name; `name`, `description` and `evidence` are reviewed text with white
    space folded. `step_min` to `step_max` are the stepped-care steps it belongs to (1-5,
    CLINICAL.md §2.2), both None when it is not on the pathway and only explained on request.
    `regions` are sorted `Region` values. A `procedure` is only ever a topic for a consultation.
    `offered` says whether this clinic offers it (clinic.yml): the seed sets it in the table, so
    it is False as read from the content file and true or false as read back from the table.
    """

    key: str
    name: str
    description: str
    step_min: int | None
    step_max: int | None
    regions: tuple[str, ...]
    procedure: bool
    evidence: str
    offered: bool = False


def _regions(where: str, value: Any) -> tuple[str, ...]:
    if value == "all":
        return ALL_REGIONS
    if value == "back":
        return BACK_REGIONS
    if isinstance(value, list) and value and all(v in ALL_REGIONS for v in value):
        return tuple(sorted(set(value)))
    raise ConfigError(
        f"{where}: 'regions' must be all, back, or a list of {', '.join(ALL_REGIONS)}"
    )


def _steps(where: str, value: Any) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and 1 <= v <= MAX_STEP for v in value)
        and value[0] <= value[1]
    ):
        return value[0], value[1]
    raise ConfigError(
        f"{where}: 'steps' must be null or [first, last] with 1 <= first <= last <= 5"
    )


def _text(where: str, item: dict[str, Any], name: str) -> str:
    value = item.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: '{name}' must be non-empty text")
    return " ".join(value.split())


def _entry(where: str, item: Any) -> TreatmentInfo:
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected a mapping")
    if not isinstance(item.get("procedure"), bool):
        raise ConfigError(f"{where}: 'procedure' must be true or false")
    step_min, step_max = _steps(where, item.get("steps"))
    return TreatmentInfo(
        key=_text(where, item, "key"),
        name=_text(where, item, "name"),
        description=_text(where, item, "description"),
        step_min=step_min,
        step_max=step_max,
        regions=_regions(where, item.get("regions")),
        procedure=item["procedure"],
        evidence=_text(where, item, "evidence"),
    )


def load_treatments(path: Path) -> list[TreatmentInfo]:
    """Every treatment in the file, in file order (`offered` False: the clinic decides that).

    Raises:
        ConfigError: the file cannot be read, or an entry or field is missing or malformed, or a
            key is used twice; the message names the file, the entry and the field.

    """
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: cannot read treatment table ({error})") from None
    items = raw.get("treatments") if isinstance(raw, dict) else None
    if not isinstance(items, list) or not items:
        raise ConfigError(f"{path}: expected a non-empty 'treatments' list")
    entries = [_entry(f"{path}: treatment #{n}", item) for n, item in enumerate(items, 1)]
    keys = [entry.key for entry in entries]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ConfigError(f"{path}: duplicate treatment keys: {', '.join(duplicates)}")
    return entries
