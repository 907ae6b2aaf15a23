"""The e-mail settings from clinic.yml and the environment: off when absent, refused when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clinic import ConfigError
from bot.notifications.mail_settings import email_settings

SECTION = """
notifications:
  email:
    smtp_host: mail.clinic.example
    smtp_port: 587
    starttls: true
    sender: spinebot@clinic.example
    recipients: [intake@clinic.example]
    console_url: https://clinic.example/console
"""


def clinic_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "clinic.yml"
    path.write_text("name: Test Clinic\n" + text, encoding="utf-8")
    return path


def test_the_shipped_clinic_file_sends_no_e_mail() -> None:
    assert email_settings(Path(__file__).resolve().parents[2] / "clinic.yml", {}) is None


def test_a_full_section_with_credentials_from_the_environment(tmp_path: Path) -> None:
    env = {"SPINEBOT_SMTP_USERNAME": "bot", "SPINEBOT_SMTP_PASSWORD": "s3cret"}
    settings = email_settings(clinic_file(tmp_path, SECTION), env)
    assert settings is not None
    assert (settings.host, settings.port, settings.starttls) == ("mail.clinic.example", 587, True)
    assert settings.recipients == ("intake@clinic.example",)
    assert settings.console_url == "https://clinic.example/console/"
    assert (settings.username, settings.password) == ("bot", "s3cret")
    assert settings.retry_seconds == 30.0


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (("smtp_port: 587", "smtp_port: mail"), "smtp_port"),
        (("sender: spinebot@clinic.example", "sender: spinebot"), "sender"),
        (("recipients: [intake@clinic.example]", "recipients: []"), "recipients"),
        (("    console_url: https://clinic.example/console\n", ""), "console_url"),
        (("smtp_host: mail.clinic.example", "smtp_host: ''"), "smtp_host"),
    ],
)
def test_a_wrong_value_is_refused_naming_the_field(
    tmp_path: Path, change: tuple[str, str], named: str
) -> None:
    with pytest.raises(ConfigError, match=named):
        email_settings(clinic_file(tmp_path, SECTION.replace(*change)), {})


def test_a_user_name_without_a_password_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SPINEBOT_SMTP_PASSWORD"):
        email_settings(clinic_file(tmp_path, SECTION), {"SPINEBOT_SMTP_USERNAME": "bot"})


@pytest.mark.parametrize("value", ["0", "-5", "soon", "100000"])
def test_a_wrong_retry_delay_is_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match="SPINEBOT_NOTIFY_RETRY_SECONDS"):
        email_settings(clinic_file(tmp_path, SECTION), {"SPINEBOT_NOTIFY_RETRY_SECONDS": value})
