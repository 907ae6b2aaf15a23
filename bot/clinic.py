"""The clinic configuration (clinic.yml): name, contact details, emergency number, treatments."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from bot import settings


class ConfigError(ValueError):
    """A configuration file is missing, malformed or has an invalid value."""


@dataclass(frozen=True)
class Clinic:
    """One clinic's settings, checked (`load_clinic`). `offers` holds the treatment keys the clinic
    offers (keys of content/treatments.yml); `emergency_number` is digits only (911, 999, 112)."""

    name: str
    phone: str
    hours: str
    address: str
    booking_url: str
    emergency_number: str
    offers: frozenset[str]
    # How red-flag screening is asked (CLINICAL.md §8, issue 16): "single" (one question per
    # item, the conservative default), "grouped", or "compare" (new conversations assigned to
    # grouped with probability `grouped_share`, the side-by-side run §8.4 asks for).
    screening_mode: Literal["single", "grouped", "compare"] = "single"
    grouped_share: float = 0.5


SCREENING_MODES = ("single", "grouped", "compare")


def screening_mode_for(clinic: Clinic, conversation_id: str) -> Literal["single", "grouped"]:
    """The screening mode one conversation gets. In "compare" mode the choice is a stable hash
    of the conversation id against `grouped_share`, so a conversation keeps its mode."""
    if clinic.screening_mode != "compare":
        return clinic.screening_mode
    digest = hashlib.sha256(conversation_id.encode("utf-8")).digest()
    draw = int.from_bytes(digest[:8], "big") / 2**64
    return "grouped" if draw < clinic.grouped_share else "single"


_TEXT_FIELDS = ("name", "phone", "hours", "address", "booking_url")


def load_clinic(path: Path | None = None) -> Clinic:
    """Read and check the clinic file (default: `settings.clinic_file()`).

    Raises:
        ConfigError: the file cannot be read or a field is missing or invalid; the message names
            the file and the field.

    """
    path = path or settings.clinic_file()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: cannot read clinic configuration ({error})") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
    values: dict[str, str] = {}
    for name in _TEXT_FIELDS:
        value = raw.get(name)
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{path}: '{name}' must be a non-empty string")
        values[name] = value.strip()
    emergency = str(raw.get("emergency_number", "911")).strip()
    if not emergency.isdigit():
        raise ConfigError(f"{path}: 'emergency_number' must be digits, e.g. 911, 999 or 112")
    offers = raw.get("offers") or []
    if not isinstance(offers, list) or not all(isinstance(key, str) for key in offers):
        raise ConfigError(f"{path}: 'offers' must be a list of treatment keys")
    screening = raw.get("screening") or {}
    if not isinstance(screening, dict):
        raise ConfigError(f"{path}: 'screening' must be a mapping (mode, grouped_share)")
    mode = screening.get("mode", "single")
    if mode not in SCREENING_MODES:
        raise ConfigError(f"{path}: 'screening.mode' must be one of {', '.join(SCREENING_MODES)}")
    share = screening.get("grouped_share", 0.5)
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 <= share <= 1:
        raise ConfigError(f"{path}: 'screening.grouped_share' must be a number from 0 to 1")
    return Clinic(
        emergency_number=emergency,
        offers=frozenset(offers),
        screening_mode=mode,
        grouped_share=float(share),
        **values,
    )
