"""The clinic configuration (clinic.yml): name, contact details, emergency number, treatments,
and the clinic's clock and country (the time zone the console shows times in, the country phone
numbers without a country code are read in)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
import yaml

from bot import settings


class ConfigError(ValueError):
    """A configuration file is missing, malformed or has an invalid value."""


DEFAULT_TIME_ZONE = "America/New_York"
DEFAULT_COUNTRY = "US"


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
    # The clinic's clock: an IANA time zone name; the console shows every time in it and reads
    # its date filters as days in it.
    time_zone: str = DEFAULT_TIME_ZONE
    # ISO 3166 alpha-2 code: a phone number typed without a country code is read in it.
    country: str = DEFAULT_COUNTRY

    @property
    def zone(self) -> ZoneInfo:
        """The clinic's time zone (`time_zone`, checked by `load_clinic`)."""
        return ZoneInfo(self.time_zone)


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


def read_clinic_file(path: Path) -> dict[str, Any]:
    """The clinic file's settings as YAML gives them, unchecked; every section's reader (this
    module's `load_clinic`, bot/notifications/mail_settings.py) starts from this.

    Raises:
        ConfigError: the file cannot be read, is not YAML, or is not a mapping.

    """
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: cannot read clinic configuration ({error})") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
    return raw


def load_clinic(path: Path | None = None) -> Clinic:
    """Read and check the clinic file (default: `settings.clinic_file()`).

    Raises:
        ConfigError: the file cannot be read or a field is missing or invalid; the message names
            the file and the field.

    """
    path = path or settings.clinic_file()
    raw = read_clinic_file(path)
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
        time_zone=_time_zone(path, raw.get("time_zone", DEFAULT_TIME_ZONE)),
        country=_country(path, raw.get("country", DEFAULT_COUNTRY)),
        emergency_number=emergency,
        offers=frozenset(offers),
        screening_mode=mode,
        grouped_share=float(share),
        **values,
    )


def _time_zone(path: Path, value: object) -> str:
    """`time_zone` checked against the IANA database zoneinfo reads (ConfigError if unknown)."""
    if isinstance(value, str) and value.strip():
        try:
            ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError):
            pass
        else:
            return value.strip()
    raise ConfigError(
        f"{path}: 'time_zone' must be an IANA time zone name such as America/New_York or "
        "Europe/London"
    )


def _country(path: Path, value: object) -> str:
    """`country` as an upper-case ISO 3166 alpha-2 code the phone number library knows
    (ConfigError otherwise)."""
    code = value.strip().upper() if isinstance(value, str) else ""
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise ConfigError(f"{path}: 'country' must be an ISO 3166 two-letter code such as US or GB")
    return code
