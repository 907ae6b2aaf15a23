"""The clinic configuration (clinic.yml): name, contact details, emergency number, treatments."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot import settings


class ConfigError(ValueError):
    """A configuration file is missing, malformed or has an invalid value."""


@dataclass(frozen=True)
class Clinic:
    name: str
    phone: str
    hours: str
    address: str
    booking_url: str
    emergency_number: str
    offers: frozenset[str]


_TEXT_FIELDS = ("name", "phone", "hours", "address", "booking_url")


def load_clinic(path: Path | None = None) -> Clinic:
    """Read and check the clinic file; raise ConfigError naming the file and field on a problem."""
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
    return Clinic(emergency_number=emergency, offers=frozenset(offers), **values)
