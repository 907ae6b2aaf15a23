"""The clinic configuration file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clinic import ConfigError, load_clinic


def test_the_shipped_configuration_loads_with_a_911_default() -> None:
    clinic = load_clinic()
    assert clinic.name and clinic.phone and clinic.hours and clinic.address and clinic.booking_url
    assert clinic.emergency_number == "911"
    assert "physical_therapy" in clinic.offers


BASE = "name: C\nphone: '1'\nhours: h\naddress: a\nbooking_url: u\n"


def test_emergency_number_defaults_to_911_and_can_be_changed(tmp_path: Path) -> None:
    path = tmp_path / "clinic.yml"
    path.write_text(BASE)
    assert load_clinic(path).emergency_number == "911"
    path.write_text(BASE + "emergency_number: '999'\n")
    assert load_clinic(path).emergency_number == "999"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (BASE.replace("phone: '1'\n", ""), "'phone'"),
        (BASE + "emergency_number: call us\n", "'emergency_number'"),
        (BASE + "offers: prp\n", "'offers'"),
        ("- just a list\n", "mapping"),
    ],
)
def test_bad_configuration_names_the_field(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "clinic.yml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=field):
        load_clinic(path)


def test_the_clinic_clock_and_country_default_to_the_demo_clinics(tmp_path: Path) -> None:
    path = tmp_path / "clinic.yml"
    path.write_text(BASE)
    clinic = load_clinic(path)
    assert (clinic.time_zone, clinic.country) == ("America/New_York", "US")
    path.write_text(BASE + "time_zone: Europe/London\ncountry: gb\n")
    clinic = load_clinic(path)
    assert (clinic.time_zone, clinic.country) == ("Europe/London", "GB")
    assert clinic.zone.key == "Europe/London"


@pytest.mark.parametrize(
    "text",
    [
        BASE + "time_zone: Mars/Olympus_Mons\n",
        BASE + "time_zone: EST5EDT/../../etc\n",
        BASE + "time_zone: 5\n",
        BASE + "country: USA\n",
        BASE + "country: XX\n",
    ],
)
def test_an_unknown_time_zone_or_country_is_refused_by_name(tmp_path: Path, text: str) -> None:
    path = tmp_path / "clinic.yml"
    path.write_text(text)
    field = "'time_zone'" if "time_zone" in text else "'country'"
    with pytest.raises(ConfigError, match=field):
        load_clinic(path)
